//! View snapshots at 80x24 and 160x48 (TestBackend + insta) for the list, detail, body, links, help, limit,
//! overview and headers views, and cell-style assertions for the colours that snapshots cannot show.

mod tui_support;

use mailvet::tui::action::Action;
use mailvet::tui::theme::Theme;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::{Color, Modifier};
use tui_support::{apply, cmd, dark, draw, state};

const SIZES: [(u16, u16); 2] = [(80, 24), (160, 48)];

fn snap(view: &str, setup: impl Fn(&mut mailvet::tui::state::AppState)) {
    for (w, h) in SIZES {
        let mut s = state(w, h);
        setup(&mut s);
        let term = draw(&s, &dark());
        insta::assert_snapshot!(format!("{view}_{w}x{h}"), term.backend());
    }
}

#[test]
fn list_view() {
    snap("list", |s| {
        cmd(s, "toggle-detail");
    });
}

#[test]
fn detail_view() {
    snap("detail", |_| {});
}

#[test]
fn body_view() {
    snap("body", |s| {
        cmd(s, "open");
    });
}

#[test]
fn links_view() {
    snap("links", |s| {
        cmd(s, "links");
        cmd(s, "down");
    });
}

#[test]
fn help_view() {
    snap("help", |s| {
        cmd(s, "help");
    });
}

#[test]
fn limit_view() {
    snap("limit", |s| {
        cmd(s, "cycle-trust");
        cmd(s, "limit");
        for c in ",susp cat:acc".chars() {
            apply(
                s,
                Action::PromptKey(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)),
            );
        }
    });
}

#[test]
fn overview_view() {
    snap("overview", |s| {
        cmd(s, "overview");
    });
}

#[test]
fn headers_view_wraps_long_headers() {
    snap("headers", |s| {
        cmd(s, "headers");
    });
}

/// Trashes the selected message as the disk thread would report it.
fn trash_selected(s: &mut mailvet::tui::state::AppState) {
    let id = s.selected_row().expect("row");
    let from = s.rows[id].path.to_path_buf();
    let to = from.with_file_name("1795512000.M1P1.host:2,T");
    apply(
        s,
        Action::Acted(Box::new(mailvet::tui::jobs::Report {
            done: "trashed 1 message".into(),
            renamed: vec![(from, to)],
            ..Default::default()
        })),
    );
}

#[test]
fn folder_picker_view() {
    snap("picker", |s| {
        cmd(s, "move");
        apply(
            s,
            Action::PromptKey(KeyEvent::new(KeyCode::Char('n'), KeyModifiers::NONE)),
        );
        cmd(s, "down");
    });
}

#[test]
fn purge_confirmation_view() {
    snap("purge", |s| {
        trash_selected(s);
        cmd(s, "purge");
    });
}

#[test]
fn popups_draw_at_any_size() {
    for (w, h) in [(1, 1), (20, 5), (40, 10), (59, 24), (100, 7)] {
        let mut s = state(w, h);
        cmd(&mut s, "move");
        draw(&s, &dark());
        cmd(&mut s, "cancel");
        trash_selected(&mut s);
        cmd(&mut s, "purge");
        draw(&s, &dark());
    }
}

#[test]
fn headers_and_attachments_views_are_sanitised() {
    let mut s = state(100, 30);
    cmd(&mut s, "headers");
    let text = format!("{}", draw(&s, &dark()).backend());
    assert!(
        text.contains("Subject: Your account access has been limited"),
        "{text}"
    );
    assert!(!text.contains('\u{1b}'));
    cmd(&mut s, "attachments");
    let text = format!("{}", draw(&s, &dark()).backend());
    assert!(
        text.contains("statement.pdf.html") && text.contains("5.2 kB"),
        "{text}"
    );
}

/// The cell where `needle` starts on screen.
fn find(term: &ratatui::Terminal<ratatui::backend::TestBackend>, needle: &str) -> (u16, u16) {
    let buf = term.backend().buffer();
    for y in 0..buf.area.height {
        let line: String = (0..buf.area.width)
            .map(|x| buf[(x, y)].symbol().to_string())
            .collect();
        if let Some(at) = line.find(needle) {
            let x = line[..at].chars().count();
            return (u16::try_from(x).expect("fits"), y);
        }
    }
    panic!("{needle:?} not on screen");
}

#[test]
fn trust_badges_and_category_chips_are_coloured_by_meaning() {
    let s = state(160, 48);
    let term = draw(&s, &dark());
    let buf = term.backend().buffer();
    let (x, y) = find(&term, "phishing");
    assert_eq!(buf[(x, y)].fg, Color::Red);
    assert!(buf[(x, y)].modifier.contains(Modifier::REVERSED));
    let (x, y) = find(&term, "verified ");
    assert_eq!(buf[(x, y)].fg, Color::Green);
    let (x, y) = find(&term, "orders");
    assert_eq!(buf[(x, y)].fg, Color::LightBlue);
    let (x, y) = find(&term, "suspicious");
    assert_eq!(buf[(x, y)].fg, Color::Yellow);
}

#[test]
fn mono_theme_uses_no_colours_only_modifiers() {
    let s = state(160, 48);
    let mono = Theme::choose(Some("default"), true).expect("mono");
    let term = draw(&s, &mono);
    let buf = term.backend().buffer();
    for cell in buf.content() {
        assert_eq!(cell.fg, Color::Reset);
        assert_eq!(cell.bg, Color::Reset);
    }
    let (x, y) = find(&term, "phishing");
    assert!(buf[(x, y)].modifier.contains(Modifier::REVERSED));
}

#[test]
fn wide_layout_puts_the_detail_beside_the_list_with_40_rows() {
    let s = state(200, 50);
    assert!(mailvet::tui::layout::list_rows(&s) >= 40);
    let a = mailvet::tui::layout::areas(&s);
    let detail = a.detail.expect("detail shown");
    assert_eq!(detail.y, a.list.y);
    assert!(detail.x > a.list.x);
}

#[test]
fn control_sequences_from_mail_never_reach_the_screen() {
    let mut s = state(160, 48);
    let id = s.selected_row().expect("row");
    if let Some(env) = s.rows[id].envelope.as_mut() {
        env.subject = "Invoice \u{1b}[2J\u{1b}]52;c;ZXZpbA==\u{7} due".into();
        env.from_name = "Pay\u{1b}[31mPal\u{9b}31m".into();
    }
    if let Some(v) = s.rows[id].verdict.as_mut() {
        v.advice = "Do not click \u{1b}]8;;http://evil.example\u{1b}\\here".into();
    }
    for view in ["open", "close", "links", "close", "headers"] {
        cmd(&mut s, view);
        let term = draw(&s, &dark());
        for cell in term.backend().buffer().content() {
            assert!(
                !cell.symbol().chars().any(|c| c.is_control()),
                "control character on screen in {view}: {:?}",
                cell.symbol()
            );
        }
    }
}

#[test]
fn tiny_and_odd_sizes_draw_without_panicking() {
    for (w, h) in [(1, 1), (20, 5), (40, 10), (59, 24), (100, 7), (300, 100)] {
        let mut s = state(w, h);
        s.demo = true;
        s.read_only = true;
        for view in [
            "toggle-sidebar",
            "open",
            "links",
            "headers",
            "attachments",
            "help",
            "close",
            "overview",
            "messages",
            "close",
            "limit",
        ] {
            cmd(&mut s, view);
            draw(&s, &dark());
        }
    }
}

#[test]
fn title_bar_says_demo_and_read_only() {
    let mut s = state(160, 48);
    s.demo = true;
    s.read_only = true;
    let text = format!("{}", draw(&s, &dark()).backend());
    let title = text.lines().next().unwrap_or_default();
    assert!(
        title.contains("DEMO mailbox") && title.contains("[read-only]"),
        "{title}"
    );
}

#[test]
fn a_long_status_message_is_cut_to_fit_and_kept_whole_for_m() {
    let mut s = state(80, 24);
    let long = format!(
        "archived 3 messages; 1 left alone: {}",
        "/very/long/path".repeat(8)
    );
    apply(
        &mut s,
        Action::Acted(Box::new(mailvet::tui::jobs::Report {
            done: long,
            ..Default::default()
        })),
    );
    let text = format!("{}", draw(&s, &dark()).backend());
    let status = text.lines().nth(23).unwrap_or_default();
    assert!(
        status.contains("archived 3 messages") && status.contains('…'),
        "{status}"
    );
    assert!(
        status.contains("shown"),
        "the summary keeps its place: {status}"
    );
    cmd(&mut s, "messages");
    let text = format!("{}", draw(&s, &dark()).backend());
    assert!(text.contains("/very/long/path/very/long/path"), "{text}");
}

/// The lines the fixtures' INBOX messages are on, listed before any is analysed (the list shows their file
/// names), after the order was cycled `cycles` times before the listing arrived.
fn listed_lines(cycles: usize) -> Vec<u16> {
    use mailvet::analysis::Brands;
    use mailvet::tui::keymap::Keymap;
    use mailvet::tui::state::AppState;
    let mut s = AppState::new("/home/user/Maildir", Keymap::embedded(), Brands::embedded());
    s.now = tui_support::NOW;
    apply(&mut s, Action::Resize(160, 48));
    for _ in 0..cycles {
        cmd(&mut s, "cycle-sort");
    }
    let listing = mailvet::tui::sync::prepare(tui_support::listing());
    apply(&mut s, Action::Listed(Box::new(listing)));
    let term = draw(&s, &dark());
    let inbox = tui_support::fixtures().into_iter();
    inbox
        .filter(|f| f.folder == "INBOX")
        .map(|f| find(&term, f.name).1)
        .collect()
}

#[test]
fn the_first_listing_is_shown_in_the_order_chosen_before_it_came() {
    // The rows come sorted newest first: shown as they come.
    let dated = listed_lines(0);
    let ages: Vec<i64> = tui_support::fixtures()
        .into_iter()
        .filter(|f| f.folder == "INBOX")
        .map(|f| f.age)
        .collect();
    let mut by_age: Vec<usize> = (0..ages.len()).collect();
    by_age.sort_by_key(|&i| ages[i]);
    let mut by_line: Vec<usize> = (0..dated.len()).collect();
    by_line.sort_by_key(|&i| dated[i]);
    assert_eq!(by_line, by_age, "newest first: {dated:?}");
    // The user chose the sender order while the Maildir was being listed: no sender is known yet, so the
    // messages stay in listing order, not in the date order the rows came in.
    let by_sender = listed_lines(2);
    assert!(by_sender.windows(2).all(|w| w[0] < w[1]), "{by_sender:?}");
    assert_ne!(
        by_line,
        (0..dated.len()).collect::<Vec<_>>(),
        "the orders differ"
    );
}
