//! The attachment list: name, declared type, decoded size, and for zip archives the names inside.

use mail_parser::{MessagePart, MimeHeaders, PartType};

use super::message::Attachment;
use super::zip;

/// Every attachment of `msg` (parts mail-parser files as attachments, minus unnamed inline text parts).
/// `missing` holds, per part, decoded bytes that were cut out before parsing ([`super::hollow`]).
pub fn collect(
    msg: &mail_parser::Message<'_>,
    missing: &[usize],
    problems: &mut Vec<String>,
) -> Vec<Attachment> {
    msg.attachments
        .iter()
        .filter_map(|&id| Some((msg.parts.get(id as usize)?, id as usize)))
        .filter_map(|(part, id)| {
            let mut found = attachment(part, problems)?;
            found.size += missing.get(id).copied().unwrap_or(0);
            Some(found)
        })
        .collect()
}

/// Declared types that mean a zip archive (`application/gzip` is not one).
pub(super) const ZIP_TYPES: &[&str] = &[
    "application/zip",
    "application/x-zip",
    "application/x-zip-compressed",
    "multipart/x-zip",
];

fn attachment(part: &MessagePart<'_>, problems: &mut Vec<String>) -> Option<Attachment> {
    let name = part
        .attachment_name()
        .map(|n| n.trim().to_owned())
        .filter(|n| !n.is_empty());
    let is_text = matches!(part.body, PartType::Text(_) | PartType::Html(_));
    if name.is_none()
        && is_text
        && !part
            .content_disposition()
            .is_some_and(|d| d.is_attachment())
    {
        return None;
    }
    let mime = mime_type(part);
    let (size, bytes): (usize, &[u8]) = match &part.body {
        PartType::Text(t) | PartType::Html(t) => (t.len(), t.as_bytes()),
        PartType::Binary(b) | PartType::InlineBinary(b) => (b.len(), b.as_ref()),
        PartType::Message(_) => (
            part.offset_end.saturating_sub(part.offset_body) as usize,
            &[],
        ),
        PartType::Multipart(_) => (0, &[]),
    };
    let mut archive_entries = Vec::new();
    if is_zip(&mime, name.as_deref(), bytes) {
        let label = name.as_deref().unwrap_or("unnamed archive");
        match zip::list(bytes) {
            Ok(listing) => {
                if listing.incomplete {
                    problems.push(format!("zip '{label}': entry list cut short"));
                }
                archive_entries = listing.names;
            }
            Err(why) => problems.push(format!("zip '{label}': {why}")),
        }
    }
    Some(Attachment {
        name,
        mime,
        size,
        archive_entries,
    })
}

/// Whether a part is listed as a zip archive: declared one (type or name), or an untyped part that starts
/// like one.
fn is_zip(mime: &str, name: Option<&str>, bytes: &[u8]) -> bool {
    let declared =
        ZIP_TYPES.contains(&mime) || name.is_some_and(|n| n.to_ascii_lowercase().ends_with(".zip"));
    declared || (mime == "application/octet-stream" && zip::has_zip_magic(bytes))
}

/// Whether the attachment list reads `part`'s content beyond its size (a zip archive's central directory).
pub(super) fn reads_content(part: &MessagePart<'_>) -> bool {
    let name = part.attachment_name().map(str::trim);
    let bytes = match &part.body {
        PartType::Binary(b) | PartType::InlineBinary(b) => b.as_ref(),
        _ => &[],
    };
    is_zip(&mime_type(part), name, bytes)
}

/// The declared `type/subtype`, lowercased; a default from the part kind when none is declared.
fn mime_type(part: &MessagePart<'_>) -> String {
    if let Some(ct) = part.content_type() {
        let mut mime = ct.ctype().to_ascii_lowercase();
        if let Some(sub) = ct.subtype() {
            mime.push('/');
            mime.push_str(&sub.to_ascii_lowercase());
        }
        return mime;
    }
    match part.body {
        PartType::Text(_) => "text/plain",
        PartType::Html(_) => "text/html",
        PartType::Message(_) => "message/rfc822",
        _ => "application/octet-stream",
    }
    .to_owned()
}
