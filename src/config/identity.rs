//! `[identity] address`: the user's own address, the sender of abuse reports. Checked as an address
//! (RFC 5321 dot-atom local part, a domain of letters, digits and hyphens with a dot), and written into the
//! user's config file when the interface asks for it, keeping the file's comments and layout (toml_edit).

use std::fs;
use std::io::{self, Write};
use std::path::Path;

use toml_edit::{DocumentMut, Item, Table, value};

/// What to do when no address is set, naming the setting.
pub const MISSING: &str = "no address to send reports from: set 'address' under [identity] in the config \
                           (identity.address = \"you@example.org\")";

/// Checks that `address` is a plain email address (`local@example.org`); the error says what is wrong.
pub fn check_address(address: &str) -> Result<(), String> {
    let bad = |why: &str| {
        Err(format!(
            "'{}' is not an email address: {why}",
            address.escape_debug()
        ))
    };
    let Some((local, domain)) = address.rsplit_once('@') else {
        return bad("no '@'");
    };
    let atext = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+-/=?^_`{|}~".contains(c);
    if local.is_empty() || local.len() > 64 {
        return bad("the part before '@' must have 1 to 64 characters");
    }
    if local
        .split('.')
        .any(|atom| atom.is_empty() || !atom.chars().all(atext))
    {
        return bad("the part before '@' has a character or dot that is not allowed");
    }
    let labels: Vec<&str> = domain.split('.').collect();
    if labels.len() < 2 || domain.len() > 253 {
        return bad("the domain needs a dot, as in example.org");
    }
    let label_ok = |l: &&str| {
        !l.is_empty()
            && l.len() <= 63
            && !l.starts_with('-')
            && !l.ends_with('-')
            && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    };
    if !labels.iter().all(label_ok) {
        return bad("the domain may hold only letters, digits, hyphens and dots");
    }
    Ok(())
}

/// Sets `[identity] address` in the config file at `path` (created with its folder when missing), keeping
/// everything else in it as written. The file is replaced atomically.
pub fn save_address(path: &Path, address: &str) -> Result<(), String> {
    check_address(address)?;
    edit(path, |doc| {
        let identity = doc
            .entry("identity")
            .or_insert_with(|| Item::Table(Table::new()));
        let Some(table) = identity.as_table_like_mut() else {
            return Err("'identity' in the config is not a table".into());
        };
        // Replacing the value in place keeps the comments written above the key.
        match table.get_mut("address") {
            Some(item) => *item = value(address),
            None => {
                table.insert("address", value(address));
            }
        }
        Ok(())
    })
}

/// Reads the TOML file at `path` (empty when missing), applies `change`, and writes it back atomically.
pub(super) fn edit(
    path: &Path,
    change: impl FnOnce(&mut DocumentMut) -> Result<(), String>,
) -> Result<(), String> {
    let shown = path.display();
    let text = match fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(format!("cannot read '{shown}': {e}")),
    };
    let mut doc: DocumentMut = text
        .parse()
        .map_err(|e| format!("cannot edit '{shown}': {e}"))?;
    change(&mut doc)?;
    write_atomic(path, doc.to_string().as_bytes())
        .map_err(|e| format!("cannot write '{shown}': {e}"))
}

fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::create_dir_all(dir)?;
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    if let Ok(meta) = fs::metadata(path) {
        fs::set_permissions(tmp.path(), meta.permissions())?;
    }
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses() {
        for good in [
            "dana@example.net",
            "d.o'neil+tag@mail.example.co.uk",
            "x@a-b.io",
        ] {
            assert_eq!(check_address(good), Ok(()), "{good}");
        }
        for bad in [
            "",
            "dana",
            "dana@",
            "@example.org",
            "dana@localhost",
            "da na@example.org",
            "dana@exa_mple.org",
            ".dana@example.org",
            "dana..x@example.org",
            "dana@-x.org",
            "dana@example.org\r\nBcc: x@y.org",
            "dana@exämple.org",
        ] {
            assert!(check_address(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn saving_keeps_the_users_comments_and_keys() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("mailvet/config.toml");
        save_address(&path, "me@example.org").expect("saved into a new file");
        assert_eq!(
            fs::read_to_string(&path).expect("read"),
            "[identity]\naddress = \"me@example.org\"\n"
        );
        let text = "# my settings\ntheme = \"light\" # bright\n\n[identity]\n# who I am\naddress = \"old@example.org\"\n";
        fs::write(&path, text).expect("write");
        save_address(&path, "new@example.org").expect("saved");
        let after = fs::read_to_string(&path).expect("read");
        assert_eq!(after, text.replace("old@", "new@"));
        assert!(save_address(&path, "not an address").is_err());
        assert_eq!(fs::read_to_string(&path).expect("read"), after);
    }
}
