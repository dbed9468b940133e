//! The streaming HTML scanner, with and without the text rendition.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mailvet_core::mail::fuzzing::scan_html;

fuzz_target!(|data: &[u8]| {
    let html = String::from_utf8_lossy(data);
    let _ = scan_html(&html, true);
    let _ = scan_html(&html, false);
});
