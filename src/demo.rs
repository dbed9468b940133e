//! The built-in demo mailbox: messages written by the team (`demo/` in the repository), embedded in the binary
//! and unpacked into a real Maildir in a temporary directory when used.
//!
//! Every message is invented. Together they cover every category and every trust label: genuine brand mail
//! with passing authentication, personal mail without any, a newsletter with a mismatched Reply-To, look-alike
//! and homoglyph senders, a credential form, dangerous attachments and a file that is not a message at all.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// One embedded demo message and where it goes in the Maildir.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoMessage {
    /// Maildir folder: `INBOX` (the root) or a Maildir++ folder name (`Archive`, `Junk`).
    pub folder: &'static str,
    /// The file's name under `demo/<folder>/` in the repository.
    pub name: &'static str,
    /// Maildir flags (sorted, e.g. `"FS"`) for a message in `cur/`; `None` for an unseen message in `new/`.
    pub flags: Option<&'static str>,
    /// The raw message.
    pub bytes: &'static [u8],
}

macro_rules! demo {
    ($folder:literal, $name:literal, $flags:expr) => {
        DemoMessage {
            folder: $folder,
            name: $name,
            flags: $flags,
            bytes: include_bytes!(concat!("../demo/", $folder, "/", $name)),
        }
    };
}

/// Every demo message, in delivery order.
pub const MESSAGES: &[DemoMessage] = &[
    demo!("Archive", "allotment-minutes.eml", Some("RS")),
    demo!("Archive", "amazon-seller-account-health.eml", Some("FS")),
    demo!("Junk", "sharepoint-remittance-html.eml", Some("S")),
    demo!("Archive", "paypal-receipt.eml", Some("S")),
    demo!("Junk", "seller-listing-removal.eml", Some("FS")),
    demo!("Junk", "dhl-documents-zip.eml", Some("S")),
    demo!("INBOX", "northwind-summer-sale.eml", Some("S")),
    demo!("Junk", "paypal-limited-freemail.eml", Some("S")),
    demo!("INBOX", "apple-new-sign-in.eml", Some("S")),
    demo!("Junk", "apple-receipt-homoglyph.eml", None),
    demo!("Junk", "parcel-redelivery-shortener.eml", Some("S")),
    demo!("Junk", "corrupted-download.eml", Some("S")),
    demo!("INBOX", "rust-meetup-reply.eml", Some("RS")),
    demo!("INBOX", "amazon-kitchen-picks.eml", None),
    demo!("INBOX", "amazon-order-shipped.eml", None),
    demo!("INBOX", "dinner-saturday.eml", None),
    demo!("Junk", "amaz0n-verify-account.eml", None),
];

/// The folders of the demo Maildir: the root (`INBOX`) and its Maildir++ folders.
pub const FOLDERS: [&str; 3] = ["INBOX", "Archive", "Junk"];

/// Delivery time of the first message in the unique names (2026-11-24T00:00:00Z); fixed so that the demo
/// Maildir has the same file names on every run.
const DELIVERED_AT: u64 = 1_795_478_400;

/// The directory of a folder relative to the Maildir root: `""` for `INBOX`, `.Name` otherwise.
pub fn folder_dir(folder: &str) -> PathBuf {
    if folder == "INBOX" {
        PathBuf::new()
    } else {
        PathBuf::from(format!(".{folder}"))
    }
}

/// Where each message lives in the unpacked Maildir, relative to its root
/// (`.Junk/cur/1795478402.2_demo.mailvet:2,S`), with the message.
pub fn layout() -> Vec<(PathBuf, &'static DemoMessage)> {
    MESSAGES
        .iter()
        .enumerate()
        .map(|(n, msg)| {
            let unique = format!("{}.{n}_demo.mailvet", DELIVERED_AT + n as u64);
            let (sub, file) = match msg.flags {
                None => ("new", unique),
                Some(flags) => ("cur", format!("{unique}:2,{flags}")),
            };
            (folder_dir(msg.folder).join(sub).join(file), msg)
        })
        .collect()
}

/// Writes the demo Maildir into `root`: `cur/new/tmp` at the root (INBOX), one Maildir++ folder (with its
/// `maildirfolder` marker) per other folder. Each message is written into `tmp/` and renamed into place, as a
/// delivery agent does.
pub fn unpack_into(root: &Path) -> io::Result<()> {
    for folder in FOLDERS {
        let dir = root.join(folder_dir(folder));
        for sub in ["cur", "new", "tmp"] {
            fs::create_dir_all(dir.join(sub))?;
        }
        if folder != "INBOX" {
            fs::write(dir.join("maildirfolder"), b"")?;
        }
    }
    for (relative, msg) in layout() {
        let target = root.join(&relative);
        let folder = root.join(folder_dir(msg.folder));
        let file_name = relative.file_name().unwrap_or_default();
        let staging = folder.join("tmp").join(file_name);
        fs::write(&staging, msg.bytes)?;
        fs::rename(&staging, &target)?;
    }
    Ok(())
}

/// Unpacks the demo mailbox into a new temporary directory, which is deleted when the returned value drops.
pub fn unpack() -> io::Result<tempfile::TempDir> {
    let dir = tempfile::Builder::new().prefix("mailvet-demo-").tempdir()?;
    unpack_into(dir.path())?;
    Ok(dir)
}
