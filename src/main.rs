//! The `mailvet` binary: parse the command line, load the config, dispatch to a subcommand or the interface,
//! and map errors to exit codes (0 ok, 1 findings from `scan`, 2 errors).
#![deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::{self, IsTerminal};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use mailvet::analysis::Lesson;
use mailvet::cli::{self, Cli, Command, Mailbox, ScanArgs, ScanFormat};
use mailvet::config::Config;

fn main() -> ExitCode {
    let args = Cli::parse();
    match run(&args) {
        Ok(code) => ExitCode::from(code),
        // The reader went away (`mailvet scan | head`): stop quietly, as ripgrep does.
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("mailvet: {err:#}");
            ExitCode::from(cli::EXIT_ERROR)
        }
    }
}

/// Headless commands print warnings (a config that cannot be used, a verdict cache set aside) on standard
/// error, as `WARN ...`. The interface shows them in its status line instead: its standard error is the
/// screen.
fn warnings_to_stderr() {
    let _ = tracing_subscriber::fmt()
        .with_writer(io::stderr)
        .with_max_level(tracing::Level::WARN)
        .without_time()
        .with_target(false)
        .with_ansi(false)
        .try_init();
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain()
        .filter_map(|cause| cause.downcast_ref::<io::Error>())
        .any(|e| e.kind() == io::ErrorKind::BrokenPipe)
}

fn run(args: &Cli) -> anyhow::Result<u8> {
    // A config that cannot be used is not fatal: mailvet goes on read-only and says so.
    let (mut config, config_warning) = Config::load_or_read_only(args.config.as_deref())?;
    config.read_only |= args.read_only;
    mailvet::pipeline::dates::choose(config.utc);
    config.cache &= !args.no_cache;
    let interface =
        args.command.is_none() && io::stdin().is_terminal() && io::stdout().is_terminal();
    if !interface {
        warnings_to_stderr();
        if let Some(warning) = &config_warning {
            tracing::warn!("{}", mailvet::mail::sanitise::sanitise(warning));
        }
    }
    // Not locked for the whole run: the interface restores the terminal from its signal thread.
    let mut out = io::stdout();
    match &args.command {
        Some(Command::Scan(scan)) => {
            let inputs = inputs_or_mailbox(&scan.paths, args, &config, "scan ~/Maildir")?;
            Ok(cli::scan(
                scan,
                &inputs,
                &config,
                &mut out,
                &mut io::stderr(),
            )?)
        }
        Some(Command::Export(export)) => {
            let inputs =
                inputs_or_mailbox(&export.paths, args, &config, "export ~/Maildir --format md")?;
            let configured = match mailbox(args, &config) {
                Mailbox::Path(path) => Some(path),
                Mailbox::Demo => None,
            };
            let maildir = (configured.as_deref())
                .filter(|p| mailvet::store::maildir::is_maildir(p))
                .or_else(|| mailvet::pipeline::reports::root_among(&inputs));
            cli::export(
                export,
                &inputs,
                maildir,
                &config,
                &mut out,
                &mut io::stderr(),
            )
        }
        Some(Command::Explain(explain)) => {
            cli::explain(explain, &config, &mut out)?;
            Ok(cli::EXIT_OK)
        }
        Some(Command::Filter(filter)) => {
            match cli::filter(filter, config, &mut io::stdin().lock(), &mut out) {
                Ok(code) => Ok(code),
                // A broken pipe too: the message did not get through whole, the caller must keep its copy.
                Err(err) => {
                    eprintln!("mailvet filter: {err}");
                    Ok(cli::EXIT_ERROR)
                }
            }
        }
        Some(Command::Flag(flag)) => cli::act::flag(flag, &config, &mut out, &mut io::stderr()),
        Some(Command::Move(args)) => cli::act::move_cmd(args, &config, &mut out, &mut io::stderr()),
        Some(Command::Recover(args)) => cli::act::recover_cmd(args, &config, &mut out),
        Some(Command::Trust(t)) => cli::teach::teach(
            Lesson::Trust,
            &t.domain,
            t.brand.as_deref(),
            t.undo,
            &config,
            &mut out,
            &mut io::stderr(),
        ),
        Some(Command::Block(b)) => cli::teach::teach(
            Lesson::Block,
            &b.domain,
            None,
            b.undo,
            &config,
            &mut out,
            &mut io::stderr(),
        ),
        Some(Command::Completions(docs)) => {
            cli::docs::completions(docs.shell, &mut out)?;
            Ok(cli::EXIT_OK)
        }
        Some(Command::Man) => {
            cli::docs::man(&mut out)?;
            Ok(cli::EXIT_OK)
        }
        Some(Command::Cache(args)) => cli::cache::cache(args, &mut out),
        None if io::stdin().is_terminal() && io::stdout().is_terminal() => {
            // Opening a mailbox on a terminal starts the interface; the demo lives in a temp dir until it
            // returns.
            let (maildir, demo) = match openable(mailbox(args, &config))? {
                Mailbox::Path(path) => (path, None),
                Mailbox::Demo => {
                    let dir = mailvet::demo::unpack()?;
                    (dir.path().to_owned(), Some(dir))
                }
            };
            let reports = mailvet::pipeline::reports::place(&config, Some(&maildir)).ok();
            mailvet::tui::run(mailvet::tui::Options {
                reports,
                maildir,
                read_only: config.read_only,
                demo: demo.is_some(),
                theme: Some(config.theme.clone()),
                keys: Some(config.keys.clone()),
                max_message_bytes: config.max_message_bytes,
                archive: config.folders.archive.clone(),
                junk: config.folders.junk.clone(),
                rules: config.rules(),
                brands: config.brands.clone(),
                identity: config.identity.address.clone(),
                config_file: config.path.clone().or_else(Config::default_path),
                cache: config.cache,
                warnings: config_warning.into_iter().collect(),
            })?;
            Ok(cli::EXIT_OK)
        }
        None => {
            // Not on a terminal (piped, redirected): opening a mailbox prints its scan.
            let table = ScanArgs {
                paths: Vec::new(),
                format: ScanFormat::Table,
                trust: Vec::new(),
                category: Vec::new(),
                junk: false,
                archive: false,
                dry_run: false,
            };
            match openable(mailbox(args, &config))? {
                Mailbox::Path(path) => Ok(cli::scan(
                    &table,
                    &[path],
                    &config,
                    &mut out,
                    &mut io::stderr(),
                )?),
                Mailbox::Demo => {
                    let demo = mailvet::demo::unpack()?;
                    println!(
                        "mailvet demo mailbox (no Maildir given or configured): {}",
                        demo.path().display()
                    );
                    Ok(cli::scan(
                        &table,
                        &[demo.path().to_owned()],
                        &config,
                        &mut out,
                        &mut io::stderr(),
                    )?)
                }
            }
        }
    }
}

/// The inputs a headless command was given, else the configured Maildir; `example` shows how to name one.
fn inputs_or_mailbox(
    paths: &[PathBuf],
    args: &Cli,
    config: &Config,
    example: &str,
) -> anyhow::Result<Vec<PathBuf>> {
    if !paths.is_empty() {
        return Ok(paths.to_vec());
    }
    match mailbox(args, config) {
        Mailbox::Path(path) => Ok(vec![path]),
        Mailbox::Demo => {
            anyhow::bail!("no Maildir given or configured: name one, e.g. 'mailvet {example}'")
        }
    }
}

/// The mailbox, refused (exit 2, the same message for the interface and a pipe) when its path is missing or
/// cannot be read.
fn openable(mailbox: Mailbox) -> anyhow::Result<Mailbox> {
    if let Mailbox::Path(path) = &mailbox {
        mailvet::store::check_readable(path)?;
    }
    Ok(mailbox)
}

/// The mailbox the arguments, config and environment name.
fn mailbox(args: &Cli, config: &Config) -> Mailbox {
    let env_maildir = std::env::var("MAILDIR").ok();
    let home = std::env::var_os("HOME").map(PathBuf::from);
    cli::resolve_mailbox(
        args.maildir.as_deref(),
        config.maildir.as_deref(),
        env_maildir.as_deref(),
        home.as_deref(),
    )
}
