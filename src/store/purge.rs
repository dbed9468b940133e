//! Purging: deleting for good the messages flagged trashed (`T`). Not undoable; the interface asks first.

use std::fs;
use std::path::PathBuf;

use super::name::Name;
use super::ops::{self, MessageRef, OpError, Writable};

/// Deletes each message that (still) has the trashed flag, found again by its unique name when another client
/// renamed it; a message without `T` is left alone with [`OpError::NotTrashed`]. Returns the deleted paths.
pub fn purge(_w: &Writable, msgs: &[MessageRef]) -> Vec<Result<PathBuf, OpError>> {
    msgs.iter()
        .map(|msg| {
            let path = ops::locate(msg)?;
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            if !Name::parse(&name).has_flag('T') {
                return Err(OpError::NotTrashed { path });
            }
            fs::remove_file(&path).map_err(|e| OpError::io(&path, e))?;
            Ok(path)
        })
        .collect()
}
