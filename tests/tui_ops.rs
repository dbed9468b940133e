//! Pure update tests of the writing keys: a state and an action give the Write effects (flags, moves, undo,
//! purge), and read-only refuses them all. No files.

mod tui_support;

use std::path::PathBuf;

use mailvet::store::flag::{Flag, FlagEdit};
use mailvet::tui::action::Action;
use mailvet::tui::acts::READ_ONLY;
use mailvet::tui::effect::Effect;
use mailvet::tui::jobs::Report;
use mailvet::tui::jobs::Write;
use mailvet::tui::keymap::Mode;
use mailvet::tui::state::AppState;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use tui_support::{apply, cmd, renamed, state};

const ROOT: &str = "/home/user/Maildir";

fn writes(effects: &[Effect]) -> Vec<Write> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Write(w) => Some(w.clone()),
            _ => None,
        })
        .collect()
}

fn type_text(s: &mut AppState, text: &str) {
    for c in text.chars() {
        apply(
            s,
            Action::PromptKey(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)),
        );
    }
}

fn selected_path(s: &AppState) -> PathBuf {
    s.rows[s.selected_row().expect("selected")]
        .path
        .to_path_buf()
}

#[test]
fn flag_toggles_on_the_selected_message() {
    let mut s = state(80, 24);
    let path = selected_path(&s);
    let effects = cmd(&mut s, "toggle-flagged");
    assert_eq!(
        writes(&effects),
        [Write::Flags {
            paths: vec![path],
            edit: FlagEdit::set(Flag::Flagged),
            verb: "flagged".into()
        }]
    );
    // The Rust Weekly message is already flagged and seen: the keys clear.
    let id = s.rows.iter().position(|r| r.flags == "FS").expect("row");
    s.selected = s.shown.iter().position(|&i| i == id).expect("shown");
    let w = writes(&cmd(&mut s, "toggle-flagged"));
    assert!(matches!(&w[0], Write::Flags { edit, .. } if *edit == FlagEdit::clear(Flag::Flagged)));
    let w = writes(&cmd(&mut s, "toggle-seen"));
    assert!(matches!(&w[0], Write::Flags { edit, verb, .. }
        if *edit == FlagEdit::clear(Flag::Seen) && verb == "marked unread"));
    let w = writes(&cmd(&mut s, "toggle-trashed"));
    assert!(matches!(&w[0], Write::Flags { edit, .. } if *edit == FlagEdit::set(Flag::Trashed)));
}

#[test]
fn replied_toggles_like_flagged_on_the_selected_or_marked_messages() {
    let mut s = state(80, 24);
    let path = selected_path(&s);
    assert_eq!(
        writes(&cmd(&mut s, "toggle-replied")),
        [Write::Flags {
            paths: vec![path.clone()],
            edit: FlagEdit::set(Flag::Replied),
            verb: "marked replied".into()
        }]
    );
    // Once the file carries R, the key clears it.
    let id = s.selected_row().expect("selected");
    s.rows[id].flags = "RS".into();
    assert_eq!(
        writes(&cmd(&mut s, "toggle-replied")),
        [Write::Flags {
            paths: vec![path],
            edit: FlagEdit::clear(Flag::Replied),
            verb: "marked not replied".into()
        }]
    );
    // Marked messages: set unless every one has it.
    cmd(&mut s, "mark");
    cmd(&mut s, "mark");
    let w = writes(&cmd(&mut s, "toggle-replied"));
    assert!(matches!(&w[0], Write::Flags { paths, edit, .. }
        if paths.len() == 2 && *edit == FlagEdit::set(Flag::Replied)));
    // `r` is bound in the main view and in the message views.
    for mode in [Mode::Main, Mode::View] {
        let key = KeyEvent::new(KeyCode::Char('r'), KeyModifiers::NONE);
        assert!(
            matches!(s.keymap.lookup(mode, &key), Some(Action::ToggleReplied)),
            "{mode:?}"
        );
    }
}

#[test]
fn marked_messages_shown_are_the_targets_in_list_order() {
    let mut s = state(80, 24);
    cmd(&mut s, "mark");
    cmd(&mut s, "mark");
    let expected: Vec<PathBuf> = s.shown[..2]
        .iter()
        .map(|&i| s.rows[i].path.to_path_buf())
        .collect();
    assert_eq!(
        writes(&cmd(&mut s, "archive")),
        [Write::Move {
            paths: expected.clone(),
            folder: "Archive".into(),
            verb: "archived".into()
        }]
    );
    s.junk = "Spam".into();
    let w = writes(&cmd(&mut s, "junk"));
    assert!(
        matches!(&w[0], Write::Move { paths, folder, .. } if *paths == expected && folder == "Spam")
    );
    // Flagging several: set unless every one has the flag.
    let w = writes(&cmd(&mut s, "toggle-seen"));
    assert!(matches!(&w[0], Write::Flags { paths, edit, .. }
        if paths.len() == 2 && *edit == FlagEdit::set(Flag::Seen)));
}

#[test]
fn read_only_refuses_every_writing_key_with_a_status_message() {
    let mut s = state(80, 24);
    s.read_only = true;
    for name in [
        "toggle-seen",
        "toggle-flagged",
        "toggle-replied",
        "toggle-trashed",
        "archive",
        "junk",
        "move",
        "undo",
        "purge",
    ] {
        s.status.clear();
        let effects = cmd(&mut s, name);
        assert!(writes(&effects).is_empty(), "{name}");
        assert_eq!(s.status, READ_ONLY, "{name}");
        assert!(s.prompt.is_none() && s.confirm.is_none(), "{name}");
    }
}

#[test]
fn folder_picker_lists_folders_filters_and_creates_a_new_one() {
    let mut s = state(80, 24);
    let path = selected_path(&s);
    cmd(&mut s, "move");
    assert_eq!(s.mode(), Mode::Prompt);
    let names = |s: &AppState| -> Vec<(String, bool)> {
        let text = s.prompt.as_ref().expect("picker").text();
        mailvet::tui::acts::choices(s, &text)
            .into_iter()
            .map(|c| (c.name, c.new))
            .collect()
    };
    assert_eq!(names(&s), [("INBOX".into(), false), ("Junk".into(), false)]);
    cmd(&mut s, "down");
    assert_eq!(s.prompt.as_ref().map(|p| p.sel), Some(1));
    cmd(&mut s, "down");
    assert_eq!(
        s.prompt.as_ref().map(|p| p.sel),
        Some(1),
        "stops at the end"
    );
    type_text(&mut s, "ju");
    assert_eq!(names(&s), [("Junk".into(), false), ("ju".into(), true)]);
    let effects = cmd(&mut s, "submit");
    assert!(s.prompt.is_none());
    assert!(
        matches!(&writes(&effects)[0], Write::Move { paths, folder, .. }
        if *paths == [path.clone()] && folder == "Junk")
    );
    cmd(&mut s, "move");
    type_text(&mut s, "Receipts.2026");
    cmd(&mut s, "down");
    let effects = cmd(&mut s, "submit");
    assert!(
        matches!(&writes(&effects)[0], Write::Move { folder, .. } if folder == "Receipts.2026")
    );
    cmd(&mut s, "move");
    cmd(&mut s, "cancel");
    assert!(s.prompt.is_none());
}

#[test]
fn undo_asks_the_disk_thread() {
    let mut s = state(80, 24);
    assert_eq!(writes(&cmd(&mut s, "undo")), [Write::Undo]);
}

#[test]
fn trashed_messages_hide_and_purge_asks_first() {
    let mut s = state(80, 24);
    assert!(writes(&cmd(&mut s, "purge")).is_empty());
    assert!(s.confirm.is_none());
    assert!(
        s.status.contains("no trashed messages in INBOX"),
        "{}",
        s.status
    );
    let id = s.selected_row().expect("row");
    let path = s.rows[id].path.to_path_buf();
    let trashed = format!("{ROOT}/cur/1795512000.M1P1.host:2,T");
    renamed(&mut s, path, &trashed);
    assert!(s.rows[id].trashed());
    assert!(!s.shown.contains(&id), "trashed rows are hidden");
    assert_eq!(s.shown.len(), 5);
    cmd(&mut s, "show-trashed");
    assert!(s.shown.contains(&id));
    cmd(&mut s, "show-trashed");
    cmd(&mut s, "purge");
    assert_eq!(s.mode(), Mode::Confirm);
    assert!(
        s.confirm
            .as_ref()
            .is_some_and(|c| c.question.contains("INBOX"))
    );
    cmd(&mut s, "cancel");
    assert!(s.confirm.is_none());
    cmd(&mut s, "purge");
    let effects = cmd(&mut s, "confirm");
    assert_eq!(
        writes(&effects),
        [Write::Purge(vec![PathBuf::from(&trashed)])]
    );
    apply(
        &mut s,
        Action::Acted(Box::new(Report {
            done: "purged 1 message".into(),
            removed: vec![PathBuf::from(&trashed)],
            ..Report::default()
        })),
    );
    assert!(s.rows[id].gone);
    assert_eq!(s.status, "purged 1 message");
}

#[test]
fn trashing_marked_messages_unmarks_them() {
    let mut s = state(80, 24);
    cmd(&mut s, "mark");
    let id = s.shown[0];
    assert!(s.marks.contains(&id));
    let from = s.rows[id].path.to_path_buf();
    let to = from.with_file_name(format!("{}:2,T", s.rows[id].unique()));
    renamed(&mut s, from, &to.to_string_lossy());
    assert!(s.marks.is_empty(), "a hidden message stays unmarked");
}
