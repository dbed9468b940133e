//! Authentication-Results header values (RFC 8601).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let value = String::from_utf8_lossy(data);
    let _ = mailvet_core::mail::parse_auth_results(&value);
});
