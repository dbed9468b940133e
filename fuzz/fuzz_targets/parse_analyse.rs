//! Arbitrary bytes → parse → analyse: never a panic, never a hang.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use mailvet_core::analysis::{Brands, Rules, Scores, analyse};

static RULES: LazyLock<Rules> = LazyLock::new(|| Rules {
    brands: Brands::embedded(),
    trusted_authserv_ids: Vec::new(),
    scores: Scores::embedded(),
    taught: Vec::new(),
});

fuzz_target!(|data: &[u8]| {
    if let Ok(msg) = mailvet_core::mail::parse(data) {
        let _ = analyse(&msg, &RULES);
    }
});
