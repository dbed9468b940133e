//! Arbitrary bytes → `parse` (binary attachments' base64 cut out before mail-parser, sizes added back; base64
//! and quoted-printable text bodies decoded ahead, cut out and put back) must equal the parse that leaves every
//! body to mail-parser: the cuts are a speed-up, never a different message.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mailvet_core::mail::fuzzing::parse_decoding_all;
use mailvet_core::mail::parse;

fuzz_target!(|data: &[u8]| {
    assert_eq!(parse(data), parse_decoding_all(data));
});
