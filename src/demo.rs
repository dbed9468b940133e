//! The built-in demo mailbox: messages written by the team, embedded in the binary.

/// Unpacks the demo Maildir into a temporary directory (SKELETON: empty Maildir).
pub fn unpack() -> std::io::Result<tempfile::TempDir> {
    let dir = tempfile::Builder::new().prefix("mailvet-demo-").tempdir()?;
    for sub in ["cur", "new", "tmp"] {
        std::fs::create_dir_all(dir.path().join(sub))?;
    }
    Ok(dir)
}
