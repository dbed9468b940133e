//! Key-to-frame latency while a Maildir is being analysed:
//! `cargo run --release --example key_latency -- MAILDIR [SECONDS]` (make one with
//! `cargo run --release --example gen_maildir -- /tmp/mail 100000 --seed 1`).
//!
//! Opens the interface over MAILDIR (read-only, no verdict cache) on a 120×40 test backend, with the real listing, analysis
//! pool and event loop ([`mailvet::tui::Inbox::turn`]), and presses a key every 20 ms (scroll, page, search
//! keystrokes, filter toggles) until every row is labelled or SECONDS (default 60) have passed. Prints the
//! time from a key's arrival to the end of the frame that shows it (p50, p99, max), the rows labelled, and
//! the machine's load.

use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use mailvet::config::Config;
use mailvet::tui::action::Action;
use mailvet::tui::keymap::Keymap;
use mailvet::tui::state::AppState;
use mailvet::tui::theme::Theme;
use mailvet::tui::{Inbox, disk, effect, exporter, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

/// The keys pressed, in a loop: scroll, page, a search typed and cancelled, the trust filter cycled.
const KEYS: &[KeyCode] = &[
    KeyCode::Down,
    KeyCode::Down,
    KeyCode::PageDown,
    KeyCode::Up,
    KeyCode::PageUp,
    KeyCode::Char('/'),
    KeyCode::Char('a'),
    KeyCode::Char('m'),
    KeyCode::Esc,
    KeyCode::Char('t'),
    KeyCode::Char('t'),
    KeyCode::Char('t'),
    KeyCode::Char('t'),
    KeyCode::Char('t'),
    KeyCode::Char('t'),
];

/// CPU time this thread has used so far (user + system), in seconds.
fn thread_cpu() -> f64 {
    use nix::sys::resource::{UsageWho, getrusage};
    getrusage(UsageWho::RUSAGE_THREAD).map_or(0.0, |u| {
        let secs = |t: nix::sys::time::TimeVal| t.tv_sec() as f64 + t.tv_usec() as f64 / 1e6;
        secs(u.user_time()) + secs(u.system_time())
    })
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args_os().skip(1);
    let maildir = PathBuf::from(args.next().ok_or("usage: key_latency MAILDIR [SECONDS]")?);
    let limit = args
        .next()
        .and_then(|s| s.to_str()?.parse().ok())
        .map_or(Duration::from_secs(60), Duration::from_secs);
    let config = Config::load(None)?;
    let rules = Arc::new(config.rules());
    let mut state = AppState::new(
        maildir.display().to_string(),
        Keymap::embedded(),
        rules.brands.clone(),
    );
    state.read_only = true;
    let (tx, rx) = std::sync::mpsc::channel();
    let exporter = exporter::Exporter::start(
        exporter::Setup {
            max_bytes: 32 << 20,
            maildir: maildir.clone(),
            reports: None,
            read_only: true,
        },
        tx.clone(),
    )?;
    let disk = disk::Disk::start(maildir, None, tx.clone())?;
    // No verdict cache: every row is analysed, which is what the keys must not wait for.
    let lessons = effect::Lessons {
        brands: rules.brands.clone(),
        identity: None,
        config_file: None,
    };
    let judging = effect::Judging {
        max_bytes: 32 << 20,
        rules,
        cache: None,
    };
    let mut runner = effect::Runner::new(tx.clone(), judging, lessons, disk, exporter);
    let mut terminal = Terminal::new(TestBackend::new(120, 40))?;
    let theme = Theme::choose(Some("default"), false)?;
    mailvet::tui::update::update(&mut state, Action::Resize(120, 40));

    // Keys are stamped when sent; the loop handles them in order, so the first n stamps are its n keys.
    let sent: Arc<Mutex<VecDeque<Instant>>> = Arc::default();
    let presser = {
        let (sent, tx) = (Arc::clone(&sent), tx.clone());
        std::thread::spawn(move || {
            for code in KEYS.iter().cycle() {
                std::thread::sleep(Duration::from_millis(20));
                let key = Event::Key(KeyEvent::new(*code, KeyModifiers::NONE));
                sent.lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .push_back(Instant::now());
                if tx.send(Action::Input(key, Instant::now())).is_err() {
                    return;
                }
            }
        })
    };
    drop(tx);
    let start = Instant::now();
    let mut inbox = Inbox::new(rx);
    let mut waiting: Vec<Instant> = Vec::new();
    let mut latencies: Vec<Duration> = Vec::new();
    let mut all_labelled = None;
    let (cpu_start, mut turns) = (thread_cpu(), 0usize);
    let mut turn = mailvet::tui::inbox::Turn::default();
    while start.elapsed() < limit {
        if turn.draw {
            terminal.draw(|f| view::render(f, &state, &theme))?;
            let drawn = Instant::now();
            latencies.extend(waiting.drain(..).map(|t| drawn - t));
        }
        if state.listed && state.analysed >= state.rows.len() {
            all_labelled = Some(start.elapsed());
            break;
        }
        turn = inbox.turn(&mut state, &mut runner);
        turns += 1;
        let mut queue = sent.lock().unwrap_or_else(PoisonError::into_inner);
        let keys = turn.keys.min(queue.len());
        waiting.extend(queue.drain(..keys));
    }
    let (cpu, wall) = (thread_cpu() - cpu_start, start.elapsed().as_secs_f64());
    drop(presser);
    latencies.sort_unstable();
    let at = |q: f64| {
        latencies
            .get(((latencies.len() as f64 * q) as usize).min(latencies.len().saturating_sub(1)))
            .map_or(0.0, |d| d.as_secs_f64() * 1e3)
    };
    println!(
        "rows {} | labelled {} {} | keys {} | key-to-frame p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms | UI thread: {} turns, {:.2} ms CPU per turn, on CPU {:.0} % of the time | load {}",
        state.rows.len(),
        state.analysed,
        all_labelled.map_or_else(
            || format!("(stopped after {:.1} s)", limit.as_secs_f64()),
            |d| format!("(all in {:.1} s)", d.as_secs_f64())
        ),
        latencies.len(),
        at(0.5),
        at(0.99),
        at(1.0),
        turns,
        cpu * 1e3 / turns.max(1) as f64,
        cpu * 100.0 / wall.max(1e-9),
        std::fs::read_to_string("/proc/loadavg")
            .unwrap_or_default()
            .trim(),
    );
    Ok(())
}
