//! The triage interface: a keyboard-driven view of a Maildir with the trust and category of every message,
//! the evidence one key away. Shape (STYLE.md): keys → [`keymap`] → [`action::Action`] →
//! [`update::update`] (pure) → [`effect::Effect`]s run by [`effect::Runner`]; [`view::render`] draws
//! `&AppState`. Only [`term`] touches the real terminal; messages are judged through the `pipeline`.

pub mod action;
pub mod acts;
pub mod bodytext;
pub mod changes;
pub mod disk;
pub mod effect;
pub mod event;
pub mod export;
pub mod exporter;
pub mod filter;
pub mod find;
mod folders;
pub mod inbox;
pub mod jobs;
pub mod keymap;
pub mod layout;
pub mod linkinfo;
pub mod nav;
pub mod opened;
pub mod order;
pub mod pool;
pub mod prompt;
mod reading;
pub mod row;
pub mod saver;
pub mod slots;
pub mod state;
pub mod sync;
pub mod teach;
pub mod term;
pub mod theme;
pub mod update;
pub mod view;
pub mod warnings;
pub mod watch;
pub mod wording;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use crate::analysis::Rules;
use crate::pipeline::cached::Place;

use action::Action;
pub use inbox::{FrameLog, Inbox};
use keymap::Keymap;
use state::AppState;
use theme::Theme;

/// What the interface opens and how.
#[derive(Debug, Clone)]
pub struct Options {
    /// The Maildir (or directory of Maildirs) to open.
    pub maildir: PathBuf,
    /// Refuse every write into the Maildir.
    pub read_only: bool,
    /// The Maildir is the built-in demo (the title bar says so).
    pub demo: bool,
    /// Theme name from the config (`default`, `light`, `mono`); NO_COLOR forces `mono`.
    pub theme: Option<String>,
    /// The config's `[keys]` table, applied over the default keymap.
    pub keys: Option<toml::Table>,
    /// Largest message file read, in bytes.
    pub max_message_bytes: u64,
    /// The folder archive moves to (`Archive`).
    pub archive: String,
    /// The folder Junk moves to (`Junk`).
    pub junk: String,
    /// The analysis rules.
    pub rules: Rules,
    /// The user's address (config `identity.address`), the sender of abuse reports.
    pub identity: Option<String>,
    /// The config file the address is saved into when the interface asks for it.
    pub config_file: Option<PathBuf>,
    /// The brands as configured, before what the user taught (`rules.taught`) was applied to them.
    pub brands: crate::analysis::Brands,
    /// Where reports go (drafts in the Maildir, or the outbox); `None` when there is no home directory.
    pub reports: Option<crate::pipeline::reports::Place>,
    /// Keep verdicts in the cache and take them from it (off with `--no-cache`).
    pub cache: bool,
    /// Warnings from before the interface started (a config that cannot be used), for the status line.
    pub warnings: Vec<String>,
}

/// Why the interface could not run.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The terminal could not be set up or drawn on.
    #[error("terminal error: {0}")]
    Terminal(#[from] std::io::Error),
    /// The theme or key configuration is invalid (the message names the key).
    #[error("invalid config: {0}")]
    Config(String),
}

/// Whether NO_COLOR is set to a non-empty value.
pub fn no_color() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

/// The current time in Unix seconds.
pub fn unix_now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(0))
}

/// Runs the interface until the user quits (or SIGTERM/SIGHUP); the terminal is restored on every exit.
pub fn run(opts: Options) -> Result<(), Error> {
    let theme = Theme::choose(opts.theme.as_deref(), no_color()).map_err(Error::Config)?;
    let keymap = match &opts.keys {
        Some(table) => Keymap::with_overrides(table).map_err(Error::Config)?,
        None => Keymap::embedded(),
    };
    let mut state = AppState::new(
        opts.maildir.display().to_string(),
        keymap,
        opts.rules.brands.clone(),
    );
    // The one permission to write, asked once: without it every writing key only says so.
    let writable = crate::store::Writable::new(opts.read_only).ok();
    state.demo = opts.demo;
    state.read_only = writable.is_none();
    state.archive = opts.archive;
    state.junk = opts.junk;
    state.now = unix_now();
    state.identity.clone_from(&opts.identity);
    state.taught.clone_from(&opts.rules.taught);
    state.places = export::Places {
        maildir: std::path::absolute(&opts.maildir).unwrap_or_else(|_| opts.maildir.clone()),
        exports: crate::pipeline::places::default_export_dir(),
        outbox: crate::pipeline::places::default_outbox(),
    };
    let (tx, rx) = std::sync::mpsc::channel();
    warnings::to_status_line(&tx);
    for warning in opts.warnings {
        update::update(&mut state, Action::Warned(warning));
    }
    let (mut terminal, _guard) = term::enter()?;
    let cache = Place::default_for(opts.cache, &opts.rules, opts.max_message_bytes);
    let rules = Arc::new(opts.rules);
    let exporter = exporter::Exporter::start(
        exporter::Setup {
            max_bytes: opts.max_message_bytes,
            maildir: state.places.maildir.clone(),
            reports: opts.reports,
            read_only: opts.read_only,
        },
        tx.clone(),
    )?;
    let disk = disk::Disk::start(opts.maildir, writable, tx.clone())?;
    let lessons = effect::Lessons {
        brands: opts.brands,
        identity: opts.identity,
        config_file: opts.config_file,
    };
    let judging = effect::Judging {
        max_bytes: opts.max_message_bytes,
        rules,
        cache,
    };
    let mut runner = effect::Runner::new(tx.clone(), judging, lessons, disk, exporter);
    let size = terminal.size()?;
    update::update(&mut state, Action::Resize(size.width, size.height));
    event::spawn_input(tx)?;
    let mut inbox = Inbox::new(rx);
    let mut log = FrameLog::from_env();
    let mut turn = inbox::Turn::default();
    while !state.quit {
        if turn.draw {
            let drawing = std::time::Instant::now();
            terminal.draw(|f| view::render(f, &state, &theme))?;
            log.frame(&turn, drawing.elapsed());
        }
        turn = inbox.turn(&mut state, &mut runner);
    }
    Ok(())
}
