//! `mailvet trust DOMAIN [--brand ID]` and `mailvet block DOMAIN`, each with `--undo`: teach mailvet that mail
//! from a domain is not phishing (for a brand, or as a sender) or is phishing, saved as `[[taught]]` in the
//! user's config file with today's date ([`crate::config::taught`]).

use std::io::Write;
use std::path::Path;

use clap::Args;

use super::{EXIT_ERROR, EXIT_OK};
use crate::analysis::{Lesson, Taught};
use crate::config::{Config, taught};

/// Arguments of `mailvet trust`.
#[derive(Debug, Args)]
pub struct TrustArgs {
    /// The sender's domain (its registrable domain is trusted: mail.example.com → example.com)
    pub domain: String,
    /// Trust the domain as this brand's own (a brand id, as `explain` shows it: amazon, paypal)
    #[arg(long, value_name = "ID")]
    pub brand: Option<String>,
    /// Take back what was taught about the domain
    #[arg(long, conflicts_with = "brand")]
    pub undo: bool,
}

/// Arguments of `mailvet block`.
#[derive(Debug, Args)]
pub struct BlockArgs {
    /// The sender's domain (its registrable domain is blocked)
    pub domain: String,
    /// Take back what was taught about the domain
    #[arg(long)]
    pub undo: bool,
}

/// Runs `mailvet trust` (`brand` set or not) or `mailvet block`; exit 2 when the domain, the brand or the
/// config file is not usable, or `--undo` finds nothing to take back.
pub fn teach(
    verdict: Lesson,
    domain: &str,
    brand: Option<&str>,
    undo: bool,
    config: &Config,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<u8> {
    let fail = |err: &mut dyn Write, why: String| -> anyhow::Result<u8> {
        writeln!(err, "mailvet: {why}")?;
        Ok(EXIT_ERROR)
    };
    let domain = match taught::normalise(domain) {
        Ok(domain) => domain,
        Err(why) => return fail(err, why),
    };
    let Some(path) = config.path.clone().or_else(Config::default_path) else {
        return fail(err, "no home directory for the config file".into());
    };
    if undo {
        return match taught::forget(&path, &domain) {
            Ok(true) => {
                writeln!(
                    out,
                    "forgot what you taught about {domain} ({})",
                    shown(&path)
                )?;
                Ok(EXIT_OK)
            }
            Ok(false) => fail(err, format!("nothing was taught about {domain}")),
            Err(why) => fail(err, why),
        };
    }
    let display = match brand {
        Some(id) => match config.brands.get(id) {
            Some(b) => Some(b.display.clone()),
            None => return fail(err, format!("unknown brand '{}'", id.escape_debug())),
        },
        None => None,
    };
    let lesson = Taught {
        domain: domain.clone(),
        verdict,
        brand: brand.map(str::to_owned),
        date: crate::pipeline::dates::today(),
        message_id: None,
    };
    if let Err(why) = taught::teach(&path, &lesson) {
        return fail(err, why);
    }
    let what = match (verdict, display) {
        (Lesson::Block, _) => format!("blocked {domain}: its mail is phishing"),
        (Lesson::Trust, Some(name)) => {
            format!("trusted {domain} as {name}'s own, for mail authenticated as it")
        }
        (Lesson::Trust, None) => format!("trusted {domain}, for mail authenticated as it"),
    };
    writeln!(out, "{what} ({})", shown(&path))?;
    Ok(EXIT_OK)
}

fn shown(path: &Path) -> String {
    format!("saved in {}", path.display())
}
