//! `mailvet cache`: where the verdict cache is and how big it is; `--clear` removes it.

use std::io::Write;

use anyhow::Context;
use clap::Args;

use super::EXIT_OK;
use crate::pipeline::cache::{clear, stats};
use crate::pipeline::places::default_cache_file;

/// Arguments of `mailvet cache`.
#[derive(Debug, Args)]
pub struct CacheArgs {
    /// Remove every cached verdict
    #[arg(long)]
    pub clear: bool,
}

/// Prints the cache's path, then its size and entries (or that there is none yet); with `--clear`, removes
/// it and says how much was freed.
pub fn cache(args: &CacheArgs, out: &mut dyn Write) -> anyhow::Result<u8> {
    let path = default_cache_file().context("no home directory for the verdict cache")?;
    writeln!(out, "{}", path.display())?;
    if args.clear {
        let freed = clear(&path).with_context(|| format!("cannot clear '{}'", path.display()))?;
        writeln!(out, "cleared: {} freed", size(freed))?;
        return Ok(EXIT_OK);
    }
    match stats(&path) {
        None => writeln!(out, "empty: no verdict cached yet")?,
        Some(stats) => {
            let entries = stats
                .entries
                .map_or_else(|| "unreadable".to_string(), |n| format!("{n} verdicts"));
            writeln!(out, "{entries}, {}", size(stats.bytes))?;
        }
    }
    Ok(EXIT_OK)
}

/// `512 B`, `3.4 KiB`, `12.0 MiB`.
fn size(bytes: u64) -> String {
    let mut value = bytes as f64;
    for unit in ["B", "KiB", "MiB", "GiB"] {
        if value < 1024.0 || unit == "GiB" {
            return if unit == "B" {
                format!("{bytes} B")
            } else {
                format!("{value:.1} {unit}")
            };
        }
        value /= 1024.0;
    }
    format!("{bytes} B")
}

#[cfg(test)]
mod tests {
    use super::size;

    #[test]
    fn sizes_read_as_people_write_them() {
        assert_eq!(size(512), "512 B");
        assert_eq!(size(3 * 1024 + 400), "3.4 KiB");
        assert_eq!(size(12 << 20), "12.0 MiB");
    }
}
