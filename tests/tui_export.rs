//! The export dialog and the report key, pure: a state and an action give the expected dialog, effects and
//! status line; snapshots of the dialog at 80x24 and 160x48. No terminal, no files.

mod tui_support;

use std::path::PathBuf;

use mailvet::export::Format;
use mailvet::pipeline::export::Summary;
use mailvet::tui::action::Action;
use mailvet::tui::effect::Effect;
use mailvet::tui::export::{Places, Scope};
use mailvet::tui::jobs::{Finished, Item, Request, Step};
use mailvet::tui::keymap::Mode;
use mailvet::tui::state::AppState;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use tui_support::{NOW, apply, cmd, dark, draw, state};

const EXPORTS: &str = "/home/user/.local/share/mailvet/exports";
const OUTBOX: &str = "/home/user/.local/share/mailvet/outbox";

/// The fixture state with the default places of a user at /home/user.
fn with_places(w: u16, h: u16) -> AppState {
    let mut s = state(w, h);
    s.places = Places {
        maildir: PathBuf::from("/home/user/Maildir"),
        exports: Some(PathBuf::from(EXPORTS)),
        outbox: Some(PathBuf::from(OUTBOX)),
    };
    s.identity = Some("me@example.org".into());
    s
}

fn key(s: &mut AppState, code: KeyCode) -> Vec<Effect> {
    apply(
        s,
        Action::PromptKey(KeyEvent::new(code, KeyModifiers::NONE)),
    )
}

/// Replaces the dialog's path by `text`, as typed.
fn type_path(s: &mut AppState, text: &str) {
    let len = s
        .export
        .as_ref()
        .expect("dialog")
        .path_text()
        .chars()
        .count();
    for _ in 0..len {
        key(s, KeyCode::Backspace);
    }
    for c in text.chars() {
        key(s, KeyCode::Char(c));
    }
}

/// The export and report effects (every key also asks for the rows on screen to be analysed first).
fn exports(effects: Vec<Effect>) -> Vec<Effect> {
    effects
        .into_iter()
        .filter(|e| {
            matches!(
                e,
                Effect::Export(_) | Effect::Report(_) | Effect::SaveIdentity(_)
            )
        })
        .collect()
}

fn path_of(s: &AppState) -> String {
    s.export.as_ref().expect("dialog").path_text()
}

fn item(s: &AppState, id: usize) -> Item {
    Item {
        path: s.rows[id].path.to_path_buf(),
        folder: "INBOX".into(),
    }
}

#[test]
fn e_offers_the_selected_message_as_json_under_the_exports_folder() {
    let mut s = with_places(80, 24);
    assert!(exports(cmd(&mut s, "export")).is_empty());
    assert_eq!(s.mode(), Mode::Export);
    let d = s.export.as_ref().expect("dialog");
    assert_eq!(d.scope, Scope::Selection);
    assert_eq!(d.targets(), &[0]);
    assert_eq!(d.flagged, vec![2], "the one flagged message of INBOX");
    assert_eq!(d.format, Format::Json);
    assert_eq!(
        path_of(&s),
        format!("{EXPORTS}/mailvet-20261124T093200Z.json")
    );
}

#[test]
fn the_format_changes_an_untouched_path_and_keeps_a_typed_one() {
    let mut s = with_places(80, 24);
    cmd(&mut s, "export");
    cmd(&mut s, "format-next");
    assert_eq!(
        path_of(&s),
        format!("{EXPORTS}/mailvet-20261124T093200Z.jsonl")
    );
    for _ in 0..3 {
        cmd(&mut s, "format-next");
    }
    let d = s.export.as_ref().expect("dialog");
    assert_eq!(d.format, Format::Eml);
    assert_eq!(path_of(&s), format!("{EXPORTS}/mailvet-20261124T093200Z"));
    cmd(&mut s, "format-prev");
    assert_eq!(s.export.as_ref().expect("dialog").format, Format::Markdown);
    for _ in 0..4 {
        cmd(&mut s, "format-prev");
    }
    assert_eq!(s.export.as_ref().expect("dialog").format, Format::Arf);
    assert_eq!(path_of(&s), OUTBOX);
    type_path(&mut s, "/tmp/mine");
    cmd(&mut s, "format-next");
    assert_eq!(s.export.as_ref().expect("dialog").format, Format::Json);
    assert_eq!(path_of(&s), "/tmp/mine");
}

#[test]
fn enter_exports_the_marked_messages_in_list_order_and_closes_the_dialog() {
    let mut s = with_places(80, 24);
    cmd(&mut s, "mark"); // row 0, then the selection moves to row 4
    cmd(&mut s, "down"); // row 1
    cmd(&mut s, "mark");
    cmd(&mut s, "export");
    type_path(&mut s, "/tmp/out.json");
    let effects = exports(cmd(&mut s, "submit"));
    assert!(s.export.is_none());
    assert_eq!(s.mode(), Mode::Main);
    let export = effects.iter().find_map(|e| match e {
        Effect::Export(r) => Some(r.clone()),
        _ => None,
    });
    assert_eq!(
        export,
        Some(Request {
            items: vec![item(&s, 0), item(&s, 1)],
            format: Format::Json,
            dest: PathBuf::from("/tmp/out.json"),
        })
    );
    assert_eq!(s.status, "exporting 2 messages as json…");
    assert_eq!(s.exporting, Some(Step::default()));
}

#[test]
fn the_scope_switches_to_every_flagged_message_in_the_folder() {
    let mut s = with_places(80, 24);
    cmd(&mut s, "export");
    cmd(&mut s, "export-scope");
    assert_eq!(s.export.as_ref().expect("dialog").targets(), &[2]);
    let effects = exports(cmd(&mut s, "submit"));
    assert!(
        matches!(&effects[..], [Effect::Export(r)] if r.items == vec![item(&s, 2)]),
        "{effects:?}"
    );
}

#[test]
fn a_scope_with_no_message_is_refused_in_the_dialog() {
    let mut s = with_places(80, 24);
    s.rows[2].flags = "S".into();
    cmd(&mut s, "export");
    cmd(&mut s, "export-scope");
    let d = s.export.as_ref().expect("dialog");
    assert_eq!(d.scope, Scope::Selection);
    assert_eq!(
        d.error.as_deref(),
        Some("no flagged message in this folder")
    );
}

#[test]
fn paths_inside_the_maildir_and_empty_paths_are_refused() {
    let mut s = with_places(80, 24);
    cmd(&mut s, "export");
    for (path, why) in [
        (
            "/home/user/Maildir/cur/x.json",
            "that is inside the Maildir: choose a path outside it",
        ),
        (
            "/home/user/x/../Maildir",
            "that is inside the Maildir: choose a path outside it",
        ),
        ("  ", "type a path"),
    ] {
        type_path(&mut s, path);
        assert!(exports(cmd(&mut s, "submit")).is_empty(), "{path}");
        assert_eq!(
            s.export.as_ref().expect("still open").error.as_deref(),
            Some(why)
        );
    }
    type_path(&mut s, "/home/user/Maildir-exports/x.json");
    assert_eq!(exports(cmd(&mut s, "submit")).len(), 1);
}

#[test]
fn exports_are_allowed_in_read_only_mode() {
    let mut s = with_places(80, 24);
    s.read_only = true;
    cmd(&mut s, "export");
    let effects = exports(cmd(&mut s, "submit"));
    assert!(matches!(&effects[..], [Effect::Export(_)]), "{effects:?}");
    s.status.clear();
    let effects = exports(cmd(&mut s, "report"));
    assert!(matches!(&effects[..], [Effect::Report(_)]), "{effects:?}");
}

#[test]
fn esc_closes_the_dialog_and_keys_typed_edit_the_path() {
    let mut s = with_places(80, 24);
    cmd(&mut s, "export");
    key(&mut s, KeyCode::Char('x'));
    assert!(path_of(&s).ends_with(".jsonx"));
    assert!(s.export.as_ref().expect("dialog").edited);
    assert!(exports(cmd(&mut s, "cancel")).is_empty());
    assert!(s.export.is_none());
    assert_eq!(s.mode(), Mode::Main);
}

#[test]
fn e_with_nothing_to_export_says_so() {
    let mut s = AppState::new("x", Default::default(), Default::default());
    assert!(cmd(&mut s, "export").is_empty());
    assert!(s.export.is_none());
    assert_eq!(s.status, "no message selected");
}

#[test]
fn r_asks_for_a_report_only_on_a_suspect_message() {
    let mut s = with_places(80, 24);
    let effects = exports(cmd(&mut s, "report"));
    assert_eq!(effects, vec![Effect::Report(item(&s, 0))]);
    assert_eq!(s.status, "writing the report…");

    cmd(&mut s, "down"); // row 4: unparseable
    cmd(&mut s, "down"); // row 1: verified Amazon
    let effects = exports(cmd(&mut s, "report"));
    assert!(!effects.iter().any(|e| matches!(e, Effect::Report(_))));
    assert_eq!(
        s.status,
        "not reported: mailvet labels this message verified, not phishing or suspicious"
    );
    cmd(&mut s, "down"); // row 5: not analysed
    let effects = exports(cmd(&mut s, "report"));
    assert!(!effects.iter().any(|e| matches!(e, Effect::Report(_))));
    assert_eq!(s.status, "not reported: the message is not analysed yet");
}

#[test]
fn the_first_report_asks_for_the_users_address_and_refuses_an_invalid_one() {
    let mut s = with_places(80, 24);
    s.identity = None;
    let effects = exports(cmd(&mut s, "report")); // row 0: the phish
    assert!(
        effects.is_empty(),
        "no report before the address: {effects:?}"
    );
    assert_eq!(s.mode(), mailvet::tui::keymap::Mode::Prompt);
    let screen = draw(&s, &dark()).backend().to_string();
    assert!(
        screen.contains("your address, to send reports from:"),
        "{screen}"
    );
    for c in "me at home".chars() {
        key(&mut s, KeyCode::Char(c));
    }
    let effects = exports(cmd(&mut s, "submit"));
    assert!(effects.is_empty(), "{effects:?}");
    assert!(s.status.contains("is not an email address"), "{}", s.status);
    assert!(s.prompt.is_some(), "the prompt stays open");
    for _ in 0.."me at home".len() {
        key(&mut s, KeyCode::Backspace);
    }
    for c in "dana@example.net".chars() {
        key(&mut s, KeyCode::Char(c));
    }
    let effects = exports(cmd(&mut s, "submit"));
    assert!(s.prompt.is_none());
    assert_eq!(s.identity.as_deref(), Some("dana@example.net"));
    assert_eq!(
        effects,
        vec![
            Effect::SaveIdentity("dana@example.net".into()),
            Effect::Report(item(&s, 0)),
        ],
        "saved first, then the report"
    );
    // Asked once: the next report goes straight to the export thread.
    let effects = exports(cmd(&mut s, "report"));
    assert_eq!(effects, vec![Effect::Report(item(&s, 0))]);
}

fn finished(report: bool, format: Format, result: Result<Summary, String>) -> Action {
    Action::Exported(Box::new(Finished {
        drafts: false,
        report,
        format,
        dest: PathBuf::from(if report { OUTBOX } else { "/tmp/out.json" }),
        total: 2,
        to: Some("stop-spoofing@amazon.com".into()),
        result,
    }))
}

#[test]
fn a_written_report_says_where_it_went_and_to_whom() {
    let mut s = with_places(80, 24);
    cmd(&mut s, "report");
    apply(
        &mut s,
        Action::ExportProgress(Step {
            stage: "reading",
            done: 1,
            total: 1,
        }),
    );
    assert!(mailvet::tui::view::status::summary(&s).contains("export: reading 1/1"));
    let path = PathBuf::from(format!("{OUTBOX}/report-20261124T093200Z-0001-amazon.eml"));
    let summary = Summary {
        written: vec![(path, "to stop-spoofing@amazon.com, attached (ARF)".into())],
        ..Summary::default()
    };
    apply(&mut s, finished(true, Format::Arf, Ok(summary)));
    assert_eq!(
        s.status,
        format!(
            "report written to {OUTBOX}/report-20261124T093200Z-0001-amazon.eml: to \
             stop-spoofing@amazon.com, attached (ARF)"
        )
    );
    assert!(s.exporting.is_none());
    assert!(!mailvet::tui::view::status::summary(&s).contains("export"));
}

#[test]
fn a_skipped_report_says_why_and_where_it_would_go() {
    let mut s = with_places(80, 24);
    let why = "not reported: no sender for the report; set [identity] address in the config";
    let summary = Summary {
        skipped: vec![("/m/cur/1".into(), why.into())],
        ..Summary::default()
    };
    apply(&mut s, finished(true, Format::Arf, Ok(summary)));
    assert_eq!(
        s.status,
        format!("{why} (it would go to stop-spoofing@amazon.com)")
    );
    apply(&mut s, finished(true, Format::Arf, Err("no home".into())));
    assert_eq!(s.status, "no report written: no home");
}

#[test]
fn a_finished_export_names_the_file_and_what_failed() {
    let mut s = with_places(80, 24);
    let summary = Summary {
        written: vec![("/tmp/out.json".into(), "2 messages".into())],
        ..Summary::default()
    };
    apply(&mut s, finished(false, Format::Json, Ok(summary)));
    assert_eq!(s.status, "exported 2 messages as json to /tmp/out.json");
    let summary = Summary {
        written: vec![("/tmp/d/1.eml".into(), String::new())],
        failed: vec![("/m/cur/2".into(), "file is gone".into())],
        ..Summary::default()
    };
    apply(&mut s, finished(false, Format::Eml, Ok(summary)));
    assert_eq!(
        s.status,
        "wrote 1 message to /tmp/out.json; 1 failed: file is gone"
    );
    apply(
        &mut s,
        finished(
            false,
            Format::Json,
            Err("'/tmp/out.json' exists; choose another name".into()),
        ),
    );
    assert_eq!(
        s.status,
        "nothing exported: '/tmp/out.json' exists; choose another name"
    );
}

#[test]
fn export_dialog_snapshots() {
    for (w, h) in [(80, 24), (160, 48)] {
        let mut s = with_places(w, h);
        assert_eq!(s.now, NOW);
        cmd(&mut s, "mark");
        cmd(&mut s, "mark");
        cmd(&mut s, "export");
        let term = draw(&s, &dark());
        insta::assert_snapshot!(format!("export_{w}x{h}"), term.backend());
    }
}
