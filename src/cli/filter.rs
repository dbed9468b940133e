//! `mailvet filter`: one message on standard input, the same message on standard output with the verdict on
//! top as `X-Mailvet-*` headers, for delivery-time filters (Dovecot Sieve `filter`, procmail, maildrop).
//! The message always passes: unparseable mail is labelled so, mail over the size cap passes unjudged.

use std::io::{self, Read, Write};

use clap::Args;

use super::{EXIT_FINDINGS, EXIT_OK};
use crate::config::Config;
use crate::export::stamp;
use crate::pipeline::judge::judge_raw;

/// Arguments of `mailvet filter`.
#[derive(Debug, Args)]
pub struct FilterArgs {
    /// Exit 1 when the message is suspicious or phishing (for Sieve `execute` tests); the message is
    /// written all the same
    #[arg(long)]
    pub exit_code: bool,
}

/// Reads one message from `input` and writes it, labelled, to `out`. The exit status is 0 whenever the
/// message was written ([`EXIT_FINDINGS`] with `--exit-code` for suspicious or phishing mail); only an I/O
/// error is an error. Takes the config: its rules are made from it without a copy.
pub fn filter(
    args: &FilterArgs,
    config: Config,
    input: &mut dyn Read,
    out: &mut dyn Write,
) -> io::Result<u8> {
    let max = config.max_message_bytes;
    let mut bytes = Vec::new();
    input.take(max.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > max {
        let note = format!("not judged, larger than max_message_size ({max} bytes)");
        stamp::write(out, &bytes, &[("X-Mailvet-Skipped", note)])?;
        io::copy(input, out)?;
        out.flush()?;
        return Ok(EXIT_OK);
    }
    let rules = config.into_rules();
    let verdict = judge_raw(&bytes, &rules).verdict;
    // The process ends after this one message: freeing the brand index and the rest would only cost time.
    std::mem::forget(rules);
    let headers = stamp::verdict_headers(&verdict, env!("CARGO_PKG_VERSION"));
    stamp::write(out, &bytes, &headers)?;
    out.flush()?;
    let alarm = args.exit_code && verdict.trust.is_alarm();
    Ok(if alarm { EXIT_FINDINGS } else { EXIT_OK })
}
