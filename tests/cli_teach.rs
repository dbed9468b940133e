//! `mailvet trust` and `mailvet block` (with `--undo`) on the real binary: what is taught is saved in the
//! user's config as `[[taught]]`, changes the verdict of `explain` and `scan`, shows as the `taught` signal
//! with its date, can be taken back, and never turns a failed DMARC into a pass.

mod common;

use std::path::Path;

use common::*;
use predicates::prelude::*;
use serde_json::Value;

/// Authenticated mail from a domain that is not Amazon's, whose display name claims Amazon.
const SELLER_NEWS: &str = "Authentication-Results: mx.example.net; spf=pass smtp.mailfrom=sellerdeals.com; dkim=pass header.d=sellerdeals.com; dmarc=pass header.from=sellerdeals.com\r\nFrom: Amazon Seller News <news@sellerdeals.com>\r\nTo: dana@example.net\r\nSubject: Your seller fees for November\r\nDate: Wed, 25 Nov 2026 08:00:00 +0000\r\nMessage-ID: <n1@sellerdeals.com>\r\n\r\nHello Dana, your Amazon seller fees for November are ready in Seller Central.\r\n";

/// The same sender failing DMARC: someone else using its name.
fn spoofed() -> String {
    SELLER_NEWS.replace(
        "spf=pass smtp.mailfrom=sellerdeals.com; dkim=pass header.d=sellerdeals.com; dmarc=pass",
        "spf=fail smtp.mailfrom=sellerdeals.com; dkim=none; dmarc=fail",
    )
}

fn explain(home: &Path, file: &Path) -> Value {
    let out = mailvet(home)
        .args(["explain", "--format", "json"])
        .arg(file)
        .output()
        .unwrap();
    serde_json::from_slice(&out.stdout).unwrap()
}

fn taught_signal(v: &Value) -> Option<Value> {
    (v["signals"].as_array()?.iter())
        .find(|s| s["id"] == "taught")
        .cloned()
}

#[test]
fn trusting_a_domain_for_a_brand_verifies_its_authenticated_mail_and_undo_takes_it_back() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("news.eml");
    std::fs::write(&file, SELLER_NEWS).unwrap();
    let spoof = home.path().join("spoof.eml");
    std::fs::write(&spoof, spoofed()).unwrap();
    assert_eq!(explain(home.path(), &file)["trust"], "phishing");
    assert!(taught_signal(&explain(home.path(), &file)).is_none());

    mailvet(home.path())
        .args(["trust", "news.sellerdeals.com", "--brand", "amazon"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "trusted sellerdeals.com as Amazon's own",
        ));
    let config = home.path().join(".config/mailvet/config.toml");
    let text = std::fs::read_to_string(&config).unwrap();
    assert!(
        text.contains("[[taught]]") && text.contains("brand = \"amazon\""),
        "{text}"
    );
    let v = explain(home.path(), &file);
    assert_eq!(v["trust"], "verified");
    let signal = taught_signal(&v).expect("the taught signal");
    assert_eq!(signal["outcome"], "pass");
    assert!(
        signal["evidence"]
            .as_str()
            .unwrap()
            .starts_with("sellerdeals.com on 20"),
        "{signal}"
    );

    // The same domain failing DMARC is not helped by the trust.
    let v = explain(home.path(), &spoof);
    assert_eq!(v["trust"], "phishing");
    assert_eq!(taught_signal(&v).expect("shown")["outcome"], "info");

    mailvet(home.path())
        .args(["trust", "sellerdeals.com", "--undo"])
        .assert()
        .success();
    assert_eq!(explain(home.path(), &file)["trust"], "phishing");
    assert!(
        !std::fs::read_to_string(&config)
            .unwrap()
            .contains("[[taught]]")
    );
    mailvet(home.path())
        .args(["trust", "sellerdeals.com", "--undo"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "nothing was taught about sellerdeals.com",
        ));
}

#[test]
fn blocking_a_domain_makes_its_mail_phishing_in_scan() {
    let home = tempfile::tempdir().unwrap();
    let root = home.path().join("Mail");
    make_maildir(&root);
    put(&root, "1700000003.M3P1.host:2,S", PERSONAL.as_bytes());
    let scan = |home: &Path| {
        let out = mailvet(home)
            .args(["scan", "--format", "jsonl"])
            .arg(&root)
            .output()
            .unwrap();
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        (out.status.code(), v["trust"].as_str().unwrap().to_owned())
    };
    assert_eq!(scan(home.path()), (Some(0), "unverified".into()));
    mailvet(home.path())
        .args(["block", "example.org"])
        .assert()
        .success()
        .stdout(predicate::str::contains("blocked example.org"));
    assert_eq!(scan(home.path()), (Some(1), "phishing".into()));
    mailvet(home.path())
        .args(["block", "example.org", "--undo"])
        .assert()
        .success();
    assert_eq!(scan(home.path()), (Some(0), "unverified".into()));
}

#[test]
fn what_is_not_a_domain_or_a_brand_is_refused() {
    let home = tempfile::tempdir().unwrap();
    mailvet(home.path())
        .args(["block", "192.0.2.1"])
        .assert()
        .code(2);
    mailvet(home.path())
        .args(["trust", "example.org", "--brand", "nosuch"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown brand 'nosuch'"));
    assert!(!home.path().join(".config/mailvet/config.toml").exists());
}
