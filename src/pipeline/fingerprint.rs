//! The analysis fingerprint every cached verdict is stored under: what the verdict depends on besides the
//! message itself. Any change of it makes older entries stale.

use std::fs;
use std::hash::{DefaultHasher, Hasher};

use crate::analysis::{self, Rules};

/// What every stored verdict depends on: the analyser (its version and this build of it), its embedded data,
/// the rules (brands, scores, trusted servers) and the largest message read. Any change gives a new value.
pub fn fingerprint(rules: &Rules, max_message_bytes: u64) -> String {
    let mut hash = DefaultHasher::new();
    for text in analysis::embedded_data() {
        hash.write(text.as_bytes());
        hash.write_u8(0);
    }
    let brands =
        serde_json::to_string(&rules.brands).unwrap_or_else(|_| format!("{:?}", rules.brands));
    hash.write(brands.as_bytes());
    hash.write(format!("{:?}", rules.scores).as_bytes());
    hash.write(format!("{:?}", rules.trusted_authserv_ids).as_bytes());
    hash.write(format!("{:?}", rules.taught).as_bytes());
    hash.write_u64(max_message_bytes);
    hash.write(build().as_bytes());
    format!("{}-{:016x}", analysis::VERSION, hash.finish())
}

/// This build of mailvet: the running program's size and modification time (a rebuild changes them).
fn build() -> String {
    std::env::current_exe()
        .and_then(fs::metadata)
        .map(|m| {
            let modified = m
                .modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos());
            format!("{}:{modified}", m.len())
        })
        .unwrap_or_default()
}
