//! Lists the file names of a zip archive from its central directory. Nothing is ever decompressed or
//! extracted; the walk is bounded by [`MAX_ENTRIES`] and by the buffer.

/// At most this many names are listed.
pub const MAX_ENTRIES: usize = 1000;

const EOCD_SIG: &[u8; 4] = b"PK\x05\x06";
const CENTRAL_SIG: &[u8; 4] = b"PK\x01\x02";
const EOCD_LEN: usize = 22;
const CENTRAL_LEN: usize = 46;

/// The names listed in a zip archive.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Listing {
    /// File names, in central-directory order (UTF-8, or decoded lossily).
    pub names: Vec<String>,
    /// Whether the list stopped at [`MAX_ENTRIES`] or at a truncated entry.
    pub incomplete: bool,
}

/// Whether `data` starts like a zip archive.
pub fn has_zip_magic(data: &[u8]) -> bool {
    data.starts_with(b"PK\x03\x04") || data.starts_with(EOCD_SIG)
}

/// Reads the central directory of `data`; `Err` says in words why it could not be found.
pub fn list(data: &[u8]) -> Result<Listing, &'static str> {
    let eocd = find_eocd(data).ok_or("no zip end-of-central-directory record")?;
    let cd_size = u32_at(data, eocd + 12).unwrap_or(0) as usize;
    let cd_offset = u32_at(data, eocd + 16).unwrap_or(0) as usize;
    // The declared offset is wrong when data was prepended (self-extractors): fall back to eocd - size.
    let start = [Some(cd_offset), eocd.checked_sub(cd_size)]
        .into_iter()
        .flatten()
        .find(|&s| data.get(s..s + 4) == Some(CENTRAL_SIG.as_slice()))
        .ok_or("zip central directory not found where the archive says")?;
    let mut listing = Listing::default();
    let mut pos = start;
    while data.get(pos..pos + 4) == Some(CENTRAL_SIG.as_slice()) {
        if listing.names.len() == MAX_ENTRIES {
            listing.incomplete = true;
            break;
        }
        let field = |off: usize| u16_at(data, pos + off).map(usize::from);
        let (Some(name_len), Some(extra), Some(comment)) = (field(28), field(30), field(32)) else {
            listing.incomplete = true;
            break;
        };
        let name_start = pos + CENTRAL_LEN;
        let Some(name) = data.get(name_start..name_start + name_len) else {
            listing.incomplete = true;
            break;
        };
        // Names without the UTF-8 flag are CP437 by the spec, but most tools write UTF-8 anyway: decode as
        // UTF-8, other bytes become U+FFFD.
        listing
            .names
            .push(String::from_utf8_lossy(name).into_owned());
        pos = name_start + name_len + extra + comment;
    }
    Ok(listing)
}

/// The offset of the end-of-central-directory record, searched backwards over the last 64 KiB + 22 bytes.
fn find_eocd(data: &[u8]) -> Option<usize> {
    let last = data.len().checked_sub(EOCD_LEN)?;
    let first = last.saturating_sub(usize::from(u16::MAX));
    (first..=last)
        .rev()
        .find(|&i| data.get(i..i + 4) == Some(EOCD_SIG.as_slice()))
}

fn u16_at(data: &[u8], at: usize) -> Option<u16> {
    let b = data.get(at..at + 2)?;
    Some(u16::from_le_bytes([b[0], b[1]]))
}

fn u32_at(data: &[u8], at: usize) -> Option<u32> {
    let b = data.get(at..at + 4)?;
    Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

/// Builds small stored (uncompressed) zip archives for tests.
#[cfg(test)]
pub fn build_test_zip(files: &[(&str, &[u8])], prefix: &[u8]) -> Vec<u8> {
    let mut out = prefix.to_vec();
    let mut central = Vec::new();
    for (name, body) in files {
        let offset = out.len() as u32;
        let mut local = b"PK\x03\x04".to_vec();
        local.extend_from_slice(&[20, 0, 0, 0x08, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        local.extend_from_slice(&(body.len() as u32).to_le_bytes());
        local.extend_from_slice(&(body.len() as u32).to_le_bytes());
        local.extend_from_slice(&(name.len() as u16).to_le_bytes());
        local.extend_from_slice(&0u16.to_le_bytes());
        out.extend_from_slice(&local);
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(body);
        central.extend_from_slice(CENTRAL_SIG);
        central.extend_from_slice(&[20, 0, 20, 0, 0, 0x08, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        central.extend_from_slice(&(body.len() as u32).to_le_bytes());
        central.extend_from_slice(&(body.len() as u32).to_le_bytes());
        central.extend_from_slice(&(name.len() as u16).to_le_bytes());
        central.extend_from_slice(&[0; 12]); // extra, comment, disk, internal attrs, external attrs
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(name.as_bytes());
    }
    let cd_offset = out.len() as u32;
    out.extend_from_slice(&central);
    out.extend_from_slice(EOCD_SIG);
    out.extend_from_slice(&[0; 4]);
    out.extend_from_slice(&(files.len() as u16).to_le_bytes());
    out.extend_from_slice(&(files.len() as u16).to_le_bytes());
    out.extend_from_slice(&(central.len() as u32).to_le_bytes());
    out.extend_from_slice(&cd_offset.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_names() {
        let z = build_test_zip(
            &[("invoice.pdf.exe", b"MZ"), ("docs/readme.txt", b"hi")],
            b"",
        );
        assert!(has_zip_magic(&z));
        let l = list(&z).unwrap_or_default();
        assert_eq!(l.names, ["invoice.pdf.exe", "docs/readme.txt"]);
        assert!(!l.incomplete);
    }

    #[test]
    fn prepended_data_uses_size_fallback() {
        let mut z = build_test_zip(&[("a.js", b"x")], b"");
        z.splice(0..0, b"JUNKJUNK".iter().copied());
        assert_eq!(list(&z).unwrap_or_default().names, ["a.js"]);
    }

    #[test]
    fn broken_archives_are_errors_not_panics() {
        assert!(list(b"").is_err());
        assert!(list(b"PK\x03\x04 not really").is_err());
        let z = build_test_zip(&[("a.txt", b"x")], b"");
        for cut in 0..z.len() {
            let _ = list(&z[..cut]);
            let _ = list(&z[cut..]);
        }
    }

    #[test]
    fn bounded_entry_count() {
        let names: Vec<String> = (0..MAX_ENTRIES + 5).map(|i| format!("f{i}")).collect();
        let files: Vec<(&str, &[u8])> = names.iter().map(|n| (n.as_str(), &b""[..])).collect();
        let l = list(&build_test_zip(&files, b"")).unwrap_or_default();
        assert_eq!(l.names.len(), MAX_ENTRIES);
        assert!(l.incomplete);
    }
}
