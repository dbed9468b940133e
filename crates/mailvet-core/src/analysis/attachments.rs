//! Attachments that can run code or phish: executable and script types, double extensions, right-to-left
//! override tricks in names, HTML attachments (local phishing pages), and archives listing executables.

use crate::mail::{Attachment, Message};
use crate::model::{Outcome, Signal, SignalId};

/// At most this many attachments are looked at.
pub const MAX_ATTACHMENTS: usize = 100;

const DANGEROUS: &[&str] = &[
    "exe",
    "scr",
    "com",
    "pif",
    "bat",
    "cmd",
    "js",
    "jse",
    "vbs",
    "vbe",
    "wsf",
    "wsh",
    "hta",
    "jar",
    "msi",
    "msix",
    "ps1",
    "lnk",
    "iso",
    "img",
    "vhd",
    "vhdx",
    "cpl",
    "reg",
    "dll",
    "apk",
    "appx",
    "docm",
    "xlsm",
    "pptm",
    "xlam",
    "one",
    "library-ms",
    "url",
    "scf",
    "chm",
];
const DOCUMENT: &[&str] = &[
    "pdf", "doc", "docx", "xls", "xlsx", "ppt", "txt", "jpg", "jpeg", "png", "gif", "zip", "rar",
];
const HTML: &[&str] = &["htm", "html", "shtml", "xhtml", "svg", "mht", "mhtml"];
const BIDI: &[char] = &[
    '\u{202a}', '\u{202b}', '\u{202c}', '\u{202d}', '\u{202e}', '\u{2066}', '\u{2067}', '\u{2068}',
    '\u{2069}',
];

/// The lowercase extensions of a file name, last first.
fn extensions(name: &str) -> Vec<String> {
    let name = name.trim().trim_end_matches(['.', ' ']);
    let exts: Vec<&str> = name.split('.').skip(1).collect();
    exts.iter()
        .rev()
        .take(3)
        .map(|e| e.trim().to_ascii_lowercase())
        .collect()
}

fn is(ext: Option<&String>, list: &[&str]) -> bool {
    ext.is_some_and(|e| list.contains(&e.as_str()))
}

/// The attachment signals.
pub fn check(msg: &Message) -> Vec<Signal> {
    let mut out: Vec<Signal> = Vec::new();
    let mut push = |s: Signal| {
        if !out.iter().any(|o| o.id == s.id) {
            out.push(s);
        }
    };
    for a in msg.attachments.iter().take(MAX_ATTACHMENTS) {
        let name = a.name.clone().unwrap_or_default();
        let ext = extensions(&name);
        if name.contains(BIDI) {
            push(Signal::new(
                SignalId::BidiFilename,
                Outcome::Fail,
                "File name hides its real extension with a direction override",
                name.clone(),
            ));
        }
        if is(ext.first(), DANGEROUS) {
            push(Signal::new(
                SignalId::DangerousAttachment,
                Outcome::Fail,
                "Attachment can run code",
                name.clone(),
            ));
            if ext.len() >= 2 && is(ext.get(1), DOCUMENT) {
                push(Signal::new(
                    SignalId::DoubleExtension,
                    Outcome::Fail,
                    "File name ends in a second, executable extension",
                    name.clone(),
                ));
            }
        }
        if is(ext.first(), HTML) || (a.mime == "text/html" && !name.is_empty()) {
            push(Signal::new(
                SignalId::HtmlAttachment,
                Outcome::Warn,
                "HTML attachment: opens as a local web page",
                name.clone(),
            ));
        }
        if let Some(entry) = archived_executable(a) {
            push(Signal::new(
                SignalId::ArchiveExecutable,
                Outcome::Fail,
                "Archive contains a program or script",
                format!("{name}: {entry}"),
            ));
        }
    }
    out
}

fn archived_executable(a: &Attachment) -> Option<&str> {
    a.archive_entries
        .iter()
        .take(1000)
        .find(|e| is(extensions(e).first(), DANGEROUS) || is(extensions(e).first(), HTML))
        .map(String::as_str)
}
