//! The demo mailbox unpacks into a real Maildir whose files are exactly the embedded messages, and it shows
//! every category and every trust label through the real parser and analysis.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use mailvet::analysis::{self, Brands, Rules, Scores};
use mailvet::demo::{self, DemoMessage};
use mailvet::mail;
use mailvet::model::{Category, SignalId, Trust, Verdict};

/// Files directly under `dir`, sorted by name.
fn files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("readable dir")
        .map(|e| {
            e.expect("dir entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    names
}

#[test]
fn unpack_writes_a_maildir_with_the_expected_folders_and_counts() {
    let dir = demo::unpack().expect("demo unpacks");
    let root = dir.path();
    let mut counts: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for folder in demo::FOLDERS {
        let base = root.join(demo::folder_dir(folder));
        for sub in ["cur", "new", "tmp"] {
            assert!(base.join(sub).is_dir(), "{folder}/{sub} missing");
        }
        assert!(
            files(&base.join("tmp")).is_empty(),
            "{folder}/tmp not empty"
        );
        assert_eq!(base.join("maildirfolder").is_file(), folder != "INBOX");
        counts.insert(
            folder,
            (
                files(&base.join("cur")).len(),
                files(&base.join("new")).len(),
            ),
        );
    }
    let expected: BTreeMap<&str, (usize, usize)> =
        [("INBOX", (3, 3)), ("Archive", (3, 0)), ("Junk", (6, 2))].into();
    assert_eq!(counts, expected);
    // The root holds only the Maildir and its Maildir++ folders.
    assert_eq!(
        files(root),
        [".Archive", ".Junk", "cur", "new", "tmp"].map(String::from)
    );
}

#[test]
fn unpacked_files_are_byte_identical_to_the_embedded_ones_under_maildir_names() {
    let dir = demo::unpack().expect("demo unpacks");
    let layout = demo::layout();
    assert_eq!(layout.len(), demo::MESSAGES.len());
    for (relative, msg) in &layout {
        let bytes = fs::read(dir.path().join(relative)).expect("unpacked file");
        assert_eq!(bytes, msg.bytes, "{}", relative.display());
        let source = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("demo")
            .join(msg.folder)
            .join(msg.name);
        assert_eq!(fs::read(source).expect("demo source"), msg.bytes);
        let name = relative.file_name().expect("file name").to_string_lossy();
        let in_new = relative.parent().is_some_and(|p| p.ends_with("new"));
        match msg.flags {
            None => assert!(in_new && !name.contains(':'), "{name}"),
            Some(flags) => {
                assert!(!in_new && name.ends_with(&format!(":2,{flags}")), "{name}");
                let mut sorted: Vec<char> = flags.chars().collect();
                sorted.sort_unstable();
                assert_eq!(sorted.into_iter().collect::<String>(), flags);
            }
        }
        assert!(name.contains("_demo.mailvet"), "{name}");
    }
    // Some unseen, some flagged.
    assert!(demo::MESSAGES.iter().any(|m| m.flags.is_none()));
    assert!(
        demo::MESSAGES
            .iter()
            .any(|m| m.flags.is_some_and(|f| f.contains('F')))
    );
}

#[test]
fn every_demo_file_is_embedded_once() {
    let mut on_disk = Vec::new();
    for folder in demo::FOLDERS {
        for name in files(
            &Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("demo")
                .join(folder),
        ) {
            on_disk.push(format!("{folder}/{name}"));
        }
    }
    let mut embedded: Vec<String> = demo::MESSAGES
        .iter()
        .map(|m| format!("{}/{}", m.folder, m.name))
        .collect();
    on_disk.sort();
    embedded.sort();
    assert_eq!(on_disk, embedded);
}

#[test]
fn the_temporary_maildir_is_deleted_on_drop() {
    let dir = demo::unpack().expect("demo unpacks");
    let path = dir.path().to_path_buf();
    drop(dir);
    assert!(!path.exists());
}

/// What each demo message was written to show: (file, trust, category).
const INTENDED: &[(&str, Trust, Category)] = &[
    ("allotment-minutes.eml", Trust::Unverified, Category::Other),
    (
        "amazon-seller-account-health.eml",
        Trust::Verified,
        Category::SellerPerformance,
    ),
    (
        "sharepoint-remittance-html.eml",
        Trust::Phishing,
        Category::Other,
    ),
    (
        "paypal-receipt.eml",
        Trust::Verified,
        Category::OrdersShipping,
    ),
    (
        "seller-listing-removal.eml",
        Trust::Phishing,
        Category::SellerPerformance,
    ),
    (
        "dhl-documents-zip.eml",
        Trust::Phishing,
        Category::OrdersShipping,
    ),
    (
        "northwind-summer-sale.eml",
        Trust::Suspicious,
        Category::Promotions,
    ),
    (
        "paypal-limited-freemail.eml",
        Trust::Phishing,
        Category::AccountSecurity,
    ),
    (
        "apple-new-sign-in.eml",
        Trust::Verified,
        Category::AccountSecurity,
    ),
    (
        "apple-receipt-homoglyph.eml",
        Trust::Phishing,
        Category::OrdersShipping,
    ),
    (
        "parcel-redelivery-shortener.eml",
        Trust::Suspicious,
        Category::OrdersShipping,
    ),
    (
        "corrupted-download.eml",
        Trust::Unparseable,
        Category::Other,
    ),
    ("rust-meetup-reply.eml", Trust::Verified, Category::Other),
    (
        "amazon-kitchen-picks.eml",
        Trust::Verified,
        Category::Promotions,
    ),
    (
        "amazon-order-shipped.eml",
        Trust::Verified,
        Category::OrdersShipping,
    ),
    ("dinner-saturday.eml", Trust::Unverified, Category::Other),
    (
        "amaz0n-verify-account.eml",
        Trust::Phishing,
        Category::AccountSecurity,
    ),
];

fn verdicts() -> Vec<(&'static DemoMessage, Verdict)> {
    let rules = Rules {
        brands: Brands::embedded(),
        trusted_authserv_ids: Vec::new(),
        scores: Scores::embedded(),
        taught: Vec::new(),
    };
    demo::MESSAGES
        .iter()
        .map(|m| {
            let verdict = match mail::parse(m.bytes) {
                Ok(msg) => analysis::analyse(&msg, &rules),
                Err(e) => Verdict::unparseable(&e.to_string()),
            };
            (m, verdict)
        })
        .collect()
}

#[test]
fn the_demo_covers_every_category_and_every_trust_label() {
    let verdicts = verdicts();
    for trust in Trust::ALL {
        let hits: Vec<&str> = verdicts
            .iter()
            .filter(|(_, v)| v.trust == trust)
            .map(|(m, _)| m.name)
            .collect();
        assert!(!hits.is_empty(), "no demo message is {}", trust.as_str());
    }
    for category in Category::ALL {
        assert!(
            verdicts.iter().any(|(_, v)| v.category == category),
            "no demo message is about {}",
            category.as_str()
        );
    }
}

#[test]
fn junk_is_alarming_and_genuine_brand_mail_is_verified() {
    for (m, v) in verdicts() {
        let (_, trust, _) = INTENDED
            .iter()
            .find(|(name, ..)| *name == m.name)
            .expect("every demo message has an intended label");
        match trust {
            Trust::Phishing | Trust::Suspicious => {
                assert!(v.trust.is_alarm(), "{}: {:?}", m.name, v)
            }
            Trust::Unparseable => assert_eq!(v.trust, Trust::Unparseable, "{}", m.name),
            Trust::Verified | Trust::Unverified => {
                assert!(!v.trust.is_alarm(), "{}: {:?}", m.name, v)
            }
        }
        if m.folder == "Junk" {
            assert!(
                v.trust.is_alarm() || v.trust == Trust::Unparseable,
                "{}",
                m.name
            );
        }
        if v.brand.is_some() && !v.trust.is_alarm() {
            assert_eq!(v.trust, Trust::Verified, "{}: {:?}", m.name, v.decisive);
        }
    }
}

#[test]
fn differences_from_the_intended_labels_are_reported() {
    let mut differences = Vec::new();
    for (m, v) in verdicts() {
        if let Some((_, trust, category)) = INTENDED.iter().find(|(name, ..)| *name == m.name)
            && (v.trust, v.category) != (*trust, *category)
        {
            differences.push(format!(
                "{}: intended {} / {}, got {} / {} (decisive: {})",
                m.name,
                trust.as_str(),
                category.as_str(),
                v.trust.as_str(),
                v.category.as_str(),
                SignalId::join(&v.decisive, ", ")
            ));
        }
    }
    // Informational: the analysis may judge a demo message differently from what it was written to show.
    for d in &differences {
        eprintln!("demo label differs: {d}");
    }
    assert_eq!(INTENDED.len(), demo::MESSAGES.len());
}
