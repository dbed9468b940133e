//! The zip central-directory lister (never decompresses).
#![no_main]

use libfuzzer_sys::fuzz_target;
use mailvet_core::mail::fuzzing::list_zip;

fuzz_target!(|data: &[u8]| {
    let _ = list_zip(data);
});
