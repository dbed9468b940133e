//! Where mailvet writes outside the Maildir by default (`$XDG_DATA_HOME/mailvet/...`, the verdict cache in
//! `$XDG_CACHE_HOME/mailvet`), the names files get there, and the clock that stamps them.

use std::path::PathBuf;

use mail_parser::DateTime;

use crate::export::Format;

/// The outbox abuse reports go to by default: `$XDG_DATA_HOME/mailvet/outbox` (`~/.local/share/...`).
pub fn default_outbox() -> Option<PathBuf> {
    Some(data_dir()?.join("outbox"))
}

/// Where the interface offers to write exports: `$XDG_DATA_HOME/mailvet/exports`.
pub fn default_export_dir() -> Option<PathBuf> {
    Some(data_dir()?.join("exports"))
}

/// The file name a stream export gets in a folder: `mailvet-20261124T090000Z.json`.
pub fn default_file_name(format: Format, now: i64) -> String {
    format!("mailvet-{}.{}", compact(now), format.extension())
}

/// The verdict cache: `$XDG_CACHE_HOME/mailvet/verdicts.sqlite` (`~/.cache/...`).
pub fn default_cache_file() -> Option<PathBuf> {
    use etcetera::AppStrategy;
    Some(strategy()?.cache_dir().join(super::cache::FILE_NAME))
}

fn data_dir() -> Option<PathBuf> {
    use etcetera::AppStrategy;
    Some(strategy()?.data_dir())
}

fn strategy() -> Option<impl etcetera::AppStrategy> {
    etcetera::choose_app_strategy(etcetera::AppStrategyArgs {
        top_level_domain: "org".into(),
        author: "mailvet".into(),
        app_name: "mailvet".into(),
    })
    .ok()
}

/// The current time in Unix seconds (0 if the clock is before 1970).
pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(0))
}

/// `2026-11-24T10:00:00+01:00`: in the zone dates are shown in ([`super::dates`]).
pub fn rfc3339(t: i64) -> String {
    super::dates::rfc3339(t)
}

/// `20261124T090000Z` (always UTC), for file names and Message-IDs.
pub fn compact(t: i64) -> String {
    DateTime::from_timestamp(t)
        .to_rfc3339()
        .replace(['-', ':'], "")
}
