//! How fast a large Maildir opens in the interface and how fast it answers a key: listing (file names and
//! flags only), the first frame, and one keypress (update + redraw) over `$MAILVET_BENCH_OPEN_COUNT` messages
//! (default 100,000). The messages are tiny: opening reads names, never contents (analysis runs later, in the
//! background, and is measured by the `analyse` bench). `cargo bench --bench open` prints the figures.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use divan::Bencher;
use divan::counter::ItemsCount;
use mailvet::analysis::Brands;
use mailvet::pipeline::inputs;
use mailvet::tui::action::Action;
use mailvet::tui::keymap::Keymap;
use mailvet::tui::state::AppState;
use mailvet::tui::sync::prepare;
use mailvet::tui::theme::Theme;
use mailvet::tui::update::update;
use mailvet::tui::view::render;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// A Maildir of `count` tiny messages in INBOX (cur/ and new/) and `.Archive`, kept for the whole run.
struct BigMaildir {
    _dir: tempfile::TempDir,
    root: PathBuf,
    count: usize,
}

static MAILDIR: LazyLock<BigMaildir> = LazyLock::new(|| {
    let count = std::env::var("MAILVET_BENCH_OPEN_COUNT")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(100_000);
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().join("Mail");
    for folder in [root.clone(), root.join(".Archive")] {
        for sub in ["cur", "new", "tmp"] {
            fs::create_dir_all(folder.join(sub)).expect("maildir");
        }
    }
    for i in 0..count {
        let (folder, sub, info) = match i % 10 {
            0 => (root.join(".Archive"), "cur", ":2,S"),
            1 => (root.clone(), "new", ""),
            2 => (root.clone(), "cur", ":2,FS"),
            _ => (root.clone(), "cur", ":2,S"),
        };
        let name = format!("{}.M{i}P1.bench{info}", 1_700_000_000 + i);
        let body = format!("From: sender{i}@example.org\nSubject: message {i}\n\nhello\n");
        fs::write(folder.join(sub).join(name), body).expect("message");
    }
    eprintln!("open bench: {count} messages in {}", root.display());
    BigMaildir {
        _dir: dir,
        root,
        count,
    }
});

fn opened(root: &Path) -> AppState {
    let mut state = AppState::new("bench", Keymap::embedded(), Brands::embedded());
    update(&mut state, Action::Resize(200, 50));
    update(
        &mut state,
        Action::Listed(Box::new(prepare(inputs::open(root)))),
    );
    state
}

fn main() {
    LazyLock::force(&MAILDIR);
    divan::main();
}

/// Listing the whole Maildir: every folder's cur/ and new/, names and flags.
#[divan::bench(sample_count = 10)]
fn list(bencher: Bencher) {
    bencher
        .counter(ItemsCount::new(MAILDIR.count))
        .bench(|| inputs::open(&MAILDIR.root));
}

/// From nothing to the first frame drawn: list, build the rows, render 200x50.
#[divan::bench(sample_count = 10)]
fn first_frame(bencher: Bencher) {
    let theme = Theme::by_name("default").expect("theme");
    bencher.counter(ItemsCount::new(MAILDIR.count)).bench(|| {
        let state = opened(&MAILDIR.root);
        let mut terminal = Terminal::new(TestBackend::new(200, 50)).expect("terminal");
        terminal.draw(|f| render(f, &state, &theme)).expect("draw");
    });
}

/// One keypress at 100k rows: move the selection, then redraw.
#[divan::bench(sample_count = 50)]
fn keypress(bencher: Bencher) {
    let theme = Theme::by_name("default").expect("theme");
    let mut state = opened(&MAILDIR.root);
    let mut terminal = Terminal::new(TestBackend::new(200, 50)).expect("terminal");
    bencher.bench_local(|| {
        update(&mut state, Action::Down);
        terminal.draw(|f| render(f, &state, &theme)).expect("draw");
    });
}
