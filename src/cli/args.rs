//! Command-line arguments (clap derive).

use std::path::PathBuf;

use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::export::Format;
use crate::model::{Category, Trust};

/// Triage a local Maildir: for every message, whether it really comes from the brand it claims, and why.
#[derive(Debug, Parser)]
#[command(name = "mailvet", version)]
pub struct Cli {
    /// Maildir to open (default: config `maildir`, else $MAILDIR, else ~/Maildir, else the demo mailbox)
    pub maildir: Option<PathBuf>,
    /// Config file (default: $XDG_CONFIG_HOME/mailvet/config.toml)
    #[arg(long, global = true, env = "MAILVET_CONFIG", value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Never write into the Maildir
    #[arg(long, global = true)]
    pub read_only: bool,
    /// Neither read nor keep verdicts in the cache ($XDG_CACHE_HOME/mailvet)
    #[arg(long, global = true)]
    pub no_cache: bool,
    /// A headless subcommand
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The headless subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Judge every message under the given Maildirs, directories or files
    Scan(ScanArgs),
    /// Explain the verdict on one message, signal by signal (`-` reads standard input)
    Explain(ExplainArgs),
    /// Set or clear flags on messages (renames them as the Maildir spec says)
    Flag(super::act::FlagArgs),
    /// Move messages to another folder of their Maildir
    Move(super::act::MoveArgs),
    /// Finish or roll back moves a crash interrupted (every writing command does this first)
    Recover(super::act::RecoverArgs),
    /// Export messages with their verdicts, as copies, or as abuse reports to the brands they imitate
    Export(ExportArgs),
    /// Say where the verdict cache is and how big; `--clear` empties it
    Cache(super::cache::CacheArgs),
    /// Pass one message from standard input to standard output with its verdict on top as X-Mailvet-*
    /// headers (for Sieve, procmail and maildrop)
    Filter(super::FilterArgs),
    /// Teach mailvet that mail from a domain is not phishing (for a brand with --brand, or as a sender)
    Trust(super::teach::TrustArgs),
    /// Teach mailvet that mail from a domain is phishing
    Block(super::teach::BlockArgs),
    /// Print shell completions (bash, zsh, fish, elvish, powershell) to standard output
    Completions(CompletionsArgs),
    /// Print the man page (roff) to standard output
    Man,
}

/// Arguments of `mailvet completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// Arguments of `mailvet scan`.
#[derive(Debug, Args)]
pub struct ScanArgs {
    /// Maildirs, directories of .eml files, or message files (default: the configured Maildir)
    pub paths: Vec<PathBuf>,
    /// Output format
    #[arg(long, value_enum, default_value_t = ScanFormat::Table)]
    pub format: ScanFormat,
    /// Only print messages with these trust labels (comma-separated or repeated; unique prefixes accepted)
    #[arg(long, value_name = "LABEL", value_delimiter = ',', value_parser = parse_trust)]
    pub trust: Vec<Trust>,
    /// Only print messages in these categories (comma-separated or repeated; unique prefixes accepted)
    #[arg(long, value_name = "CAT", value_delimiter = ',', value_parser = parse_category)]
    pub category: Vec<Category>,
    /// Move every message printed to the Junk folder (config folders.junk)
    #[arg(long, conflicts_with = "archive")]
    pub junk: bool,
    /// Move every message printed to the archive folder (config folders.archive)
    #[arg(long)]
    pub archive: bool,
    /// With --junk/--archive: print what would be moved, move nothing
    #[arg(long)]
    pub dry_run: bool,
}

/// Output formats of `scan`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ScanFormat {
    /// One aligned line per message, for people
    Table,
    /// One JSON object per line
    Jsonl,
    /// RFC 4180 CSV with a header row
    Csv,
}

/// Arguments of `mailvet explain`.
#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The message file, or `-` for standard input
    pub file: PathBuf,
    /// Output format
    #[arg(long, value_enum, default_value_t = ExplainFormat::Text)]
    pub format: ExplainFormat,
}

/// Output formats of `explain`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExplainFormat {
    /// The checklist, for people (colour on a terminal unless NO_COLOR is set)
    Text,
    /// The verdict object of DESIGN.md with the message's identity
    Json,
}

/// Arguments of `mailvet export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Maildirs, directories of .eml files, or message files (default: the configured Maildir)
    pub paths: Vec<PathBuf>,
    /// Output format
    #[arg(long, value_parser = format_parser())]
    pub format: Format,
    /// Only export messages with these trust labels (comma-separated or repeated; unique prefixes accepted)
    #[arg(long, value_name = "LABEL", value_delimiter = ',', value_parser = parse_trust)]
    pub trust: Vec<Trust>,
    /// Only export messages in these categories (comma-separated or repeated; unique prefixes accepted)
    #[arg(long, value_name = "CAT", value_delimiter = ',', value_parser = parse_category)]
    pub category: Vec<Category>,
    /// Only export messages carrying the Maildir F (flagged) flag
    #[arg(long)]
    pub flagged: bool,
    /// Output file (json, jsonl, csv, md, mbox; default: standard output) or folder (eml: required; arf:
    /// default $XDG_DATA_HOME/mailvet/outbox)
    #[arg(short, long, value_name = "FILE|DIR")]
    pub output: Option<PathBuf>,
}

/// Parses an export format by name, listing every format with its help in `--help`.
fn format_parser() -> impl TypedValueParser<Value = Format> {
    let values = Format::ALL.map(|f| PossibleValue::new(f.as_str()).help(format_help(f)));
    // The possible-values parser has already refused every other name.
    PossibleValuesParser::new(values).map(|name| {
        Format::ALL
            .into_iter()
            .find(|f| f.as_str() == name)
            .unwrap_or(Format::Json)
    })
}

fn format_help(format: Format) -> &'static str {
    match format {
        Format::Json => "One JSON document with every verdict, signal and evidence",
        Format::Jsonl => "One JSON record per line",
        Format::Csv => "RFC 4180 CSV with a header row",
        Format::Markdown => "A Markdown report for people, links made inert",
        Format::Eml => "Byte-for-byte .eml copies into a folder",
        Format::Mbox => "One mbox (mboxrd) file",
        Format::Arf => {
            "Abuse reports (.eml, RFC 5965 or the brand's forward) into an outbox folder"
        }
    }
}

/// One `--trust` value, read by the parser the interface's search and limit prompts use.
fn parse_trust(s: &str) -> Result<Trust, String> {
    crate::model::query::trust(s)
}

/// One `--category` value, read by the parser the interface's search and limit prompts use.
fn parse_category(s: &str) -> Result<Category, String> {
    crate::model::query::category(s)
}
