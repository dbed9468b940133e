//! Helpers shared by the integration tests: throwaway Maildirs and messages written for the tests.
#![allow(dead_code)] // each test binary uses a different subset

pub mod dovecot;
pub mod filtered;

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// A genuine, authenticated Amazon shipping notice (the receiving server's header on top).
pub const GENUINE_AMAZON: &str = "Authentication-Results: mx.example.net;\r\n dkim=pass header.i=@amazon.com header.s=a1 header.b=abc;\r\n spf=pass (domain of shipment-tracking@amazon.com designates 1.2.3.4 as permitted sender) smtp.mailfrom=shipment-tracking@amazon.com;\r\n dmarc=pass (p=QUARANTINE sp=QUARANTINE dis=NONE) header.from=amazon.com\r\nDKIM-Signature: v=1; a=rsa-sha256; d=amazon.com; s=a1; h=from:to:subject; bh=x; b=y\r\nFrom: \"Amazon.com\" <shipment-tracking@amazon.com>\r\nTo: Dana Example <dana@example.net>\r\nSubject: Your Amazon.com order #112-1234567-1234567 has shipped\r\nDate: Mon, 23 Nov 2026 10:32:00 +0000\r\nMessage-ID: <0100abc@email.amazonses.com>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nHello Dana,\r\n\r\nYour package is on its way. Track it at https://www.amazon.com/gp/your-account/order-details?orderID=112-1234567-1234567\r\n";

/// A look-alike phishing message claiming Amazon.
pub const PHISHING_AMAZON: &str = "Authentication-Results: mx.example.net; spf=pass smtp.mailfrom=amaz0n-security.example; dkim=none; dmarc=none\r\nFrom: Amazon Security <alert@amaz0n-security.example>\r\nTo: dana@example.net\r\nSubject: Your account has been locked\r\nDate: Tue, 24 Nov 2026 08:00:00 +0000\r\nMessage-ID: <x1@amaz0n-security.example>\r\nMIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>Dear Customer,</p><p>We detected unusual activity. Verify your account within 24 hours or it will be suspended.</p><p><a href=\"http://192.0.2.7/amazon/login\">https://www.amazon.com/account</a></p>\r\n";

/// Ordinary personal mail with no authentication results.
pub const PERSONAL: &str = "From: Sam Example <sam@example.org>\r\nTo: dana@example.net\r\nSubject: Lunch on Friday?\r\nDate: Wed, 18 Nov 2026 12:00:00 +0100\r\nMessage-ID: <lunch@example.org>\r\n\r\nAre you free on Friday? The usual place at noon.\r\n";

/// Bytes that are not a message.
pub const GARBAGE: &[u8] = b"\x00\x01\x02\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00";

/// A message whose subject and sender try to drive the terminal.
pub const HOSTILE: &str = "From: \"Evil\x1b]52;c;aGk=\x07\" <evil@example.org>\r\nTo: dana@example.net\r\nSubject: Hi \x1b[2J\x1b[31mthere\u{202e}gnp.exe\r\nDate: Wed, 18 Nov 2026 12:00:00 +0100\r\n\r\nbody\x1b[5m\r\n";

/// Creates a Maildir with cur/, new/ and tmp/ at `dir`.
pub fn make_maildir(dir: &Path) {
    for sub in ["cur", "new", "tmp"] {
        std::fs::create_dir_all(dir.join(sub)).unwrap();
    }
}

/// A Maildir at `root` holding, in cur/, the genuine Amazon notice (`1700000001.M1P1.host:2,S`), the Amazon
/// phish (`1700000002.M2P1.host:2,S`) and unread personal mail (`1700000003.M3P1.host:2,`).
pub fn three_messages(root: &Path) {
    make_maildir(root);
    put(root, "1700000001.M1P1.host:2,S", GENUINE_AMAZON.as_bytes());
    put(root, "1700000002.M2P1.host:2,S", PHISHING_AMAZON.as_bytes());
    put(root, "1700000003.M3P1.host:2,", PERSONAL.as_bytes());
}

/// Stores `bytes` in `maildir`'s `cur/` under `name` and returns the path.
pub fn put(maildir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = maildir.join("cur").join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// The mailvet binary with a clean environment: no user config, no $MAILDIR, HOME in `home`, no colour.
pub fn mailvet(home: &Path) -> Command {
    let mut cmd = Command::cargo_bin("mailvet").unwrap();
    cmd.env_clear()
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join(".config"))
        .env("XDG_CACHE_HOME", home.join(".cache"))
        // Dates are shown in the local zone: tests name theirs (and override it to check another).
        .env("TZ", "UTC")
        .env("PATH", std::env::var_os("PATH").unwrap_or_default());
    cmd
}

/// The real-mail corpus folder (`$MAILVET_CORPUS`, else `../shared/corpus`), or `None` after saying the test
/// is skipped. Under `CI` a missing corpus is a failure, never a skip.
pub fn corpus_dir() -> Option<PathBuf> {
    corpus_at("MAILVET_CORPUS", "corpus")
}

/// Both development corpora (`$MAILVET_CORPUS` and `$MAILVET_CORPUS_2`, else `../shared/corpus` and
/// `../shared/corpus-2`), or `None` after saying the test is skipped; under `CI` a missing one is a failure.
pub fn corpus_dirs() -> Option<Vec<PathBuf>> {
    Some(vec![
        corpus_at("MAILVET_CORPUS", "corpus")?,
        corpus_at("MAILVET_CORPUS_2", "corpus-2")?,
    ])
}

/// The corpus folder named by `var`, else `../shared/<name>`, when it has a `labels.csv`.
fn corpus_at(var: &str, name: &str) -> Option<PathBuf> {
    let dir = std::env::var_os(var).map_or_else(
        || {
            PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("../shared")
                .join(name)
        },
        PathBuf::from,
    );
    if dir.join("labels.csv").is_file() {
        return Some(dir);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "CI is set but the corpus is missing at {}",
        dir.display()
    );
    eprintln!("skipped: no corpus at {} (set {var})", dir.display());
    None
}
