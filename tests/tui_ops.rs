//! Pure update tests of the writing keys: a state and an action give the Write effects (flags, moves, undo,
//! purge), read-only refuses them all, and write reports and rescans move rows in place. No files.

mod tui_support;

use std::path::{Path, PathBuf};

use mailvet::store::Entry;
use mailvet::store::flag::{Flag, FlagEdit};
use mailvet::tui::action::Action;
use mailvet::tui::acts::READ_ONLY;
use mailvet::tui::changes::Changes;
use mailvet::tui::effect::Effect;
use mailvet::tui::jobs::Report;
use mailvet::tui::jobs::Write;
use mailvet::tui::keymap::Mode;
use mailvet::tui::state::AppState;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use tui_support::{apply, cmd, state};

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

fn renamed(s: &mut AppState, from: PathBuf, to: &str) {
    apply(
        s,
        Action::Acted(Box::new(Report {
            done: "done".into(),
            renamed: vec![(from, PathBuf::from(to))],
            ..Report::default()
        })),
    );
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
fn reports_move_rows_to_their_new_folder_and_keep_the_place() {
    let mut s = state(80, 24);
    cmd(&mut s, "down");
    cmd(&mut s, "mark");
    let id = s.shown[1];
    let next = s.shown[2];
    s.selected = 1;
    let from = s.rows[id].path.to_path_buf();
    let name = from
        .file_name()
        .expect("name")
        .to_string_lossy()
        .into_owned();
    let to = format!("{ROOT}/.Archive/cur/{name}");
    apply(
        &mut s,
        Action::Acted(Box::new(Report {
            done: "archived 1 message".into(),
            renamed: vec![(from, PathBuf::from(&to))],
            folder: Some(("Archive".into(), PathBuf::from(format!("{ROOT}/.Archive")))),
            ..Report::default()
        })),
    );
    let names: Vec<&str> = s.folders.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["INBOX", "Archive", "Junk"]);
    assert_eq!(s.folder_of(&s.rows[id]), "Archive");
    assert_eq!(*s.rows[id].path, *Path::new(&to));
    assert!(!s.shown.contains(&id));
    assert!(s.marks.is_empty(), "a moved message is no longer marked");
    assert_eq!(
        s.selected_row(),
        Some(next),
        "the selection keeps its place"
    );
    assert_eq!(s.folders[1].total, 1);
    assert_eq!(s.folders[0].total, 5);
    // Undo's renames bring it back.
    renamed(&mut s, PathBuf::from(&to), &format!("{ROOT}/cur/{name}"));
    assert_eq!(s.folder_of(&s.rows[id]), "INBOX");
    assert!(s.shown.contains(&id));
}

fn entry(path: &str, folder: &str) -> Entry {
    let file = path.rsplit('/').next().unwrap_or_default();
    let flags = file.split_once(":2,").map_or("", |(_, f)| f);
    Entry {
        flags: flags.into(),
        ..Entry::loose(path.into(), folder)
    }
}

#[test]
fn rescans_update_renamed_rows_in_place_add_new_and_hide_removed() {
    let mut s = state(80, 24);
    cmd(&mut s, "down");
    let kept = s.selected_row().expect("row");
    let inbox: Vec<usize> = (0..s.rows.len())
        .filter(|&i| s.folder_of(&s.rows[i]) == "INBOX")
        .collect();
    let removed = *inbox.iter().find(|&&i| i != kept).expect("another row");
    // Another client flags the selected message (a rename), deletes another, and a new one is delivered.
    let old = s.rows[kept].path.to_path_buf();
    let unique = s.rows[kept].unique().to_string();
    let flagged = format!("{ROOT}/cur/{unique}:2,FS");
    let new_file = PathBuf::from(format!("{ROOT}/new/1795512999.M9P1.host"));
    let total = s.rows.len();
    let removed_path = s.rows[removed].path.to_path_buf();
    let effects = apply(
        &mut s,
        Action::Rescanned(Box::new(Changes {
            folders: vec![("INBOX".into(), PathBuf::from(ROOT))],
            added: vec![
                entry(&flagged, "INBOX"),
                entry(&new_file.to_string_lossy(), "INBOX"),
            ],
            removed: vec![old, removed_path],
        })),
    );
    assert_eq!(s.rows.len(), total + 1, "one new row, ids kept");
    assert_eq!(s.rows[kept].flags, "FS");
    assert_eq!(*s.rows[kept].path, *Path::new(&flagged));
    assert!(s.rows[kept].verdict.is_some(), "the verdict stays");
    assert_eq!(
        s.selected_row(),
        Some(kept),
        "the selection stays on the message"
    );
    assert!(s.rows[removed].gone && !s.shown.contains(&removed));
    assert!(s.shown.contains(&total));
    assert!(
        effects.iter().any(
            |e| matches!(e, Effect::AnalyseRows(rows) if rows.contains(&(total, new_file.clone())))
        ),
        "{effects:?}"
    );
    let junk = s
        .rows
        .iter()
        .find(|r| s.folder_of(r) == "Junk")
        .expect("junk row");
    assert!(!junk.gone, "rows not named are left alone");
    // Our own move, which the rows already follow, changes nothing more when its rescan arrives.
    let before = s.rows.clone();
    apply(
        &mut s,
        Action::Rescanned(Box::new(Changes {
            folders: Vec::new(),
            added: vec![entry(&flagged, "INBOX")],
            removed: vec![PathBuf::from(format!("{ROOT}/cur/{unique}:2,S"))],
        })),
    );
    assert_eq!(s.rows, before);
}

#[test]
fn a_moved_row_not_yet_analysed_is_analysed_at_its_new_path_and_keeps_a_readable_verdict() {
    let mut s = state(80, 24);
    let id = s
        .rows
        .iter()
        .position(|r| r.verdict.is_none())
        .expect("pending row");
    let from = s.rows[id].path.to_path_buf();
    let name = from
        .file_name()
        .expect("name")
        .to_string_lossy()
        .into_owned();
    let to = PathBuf::from(format!("{ROOT}/.Archive/cur/{name}"));
    let effects = apply(
        &mut s,
        Action::Acted(Box::new(Report {
            done: "archived 1 message".into(),
            renamed: vec![(from, to.clone())],
            folder: Some(("Archive".into(), PathBuf::from(format!("{ROOT}/.Archive")))),
            ..Report::default()
        })),
    );
    assert!(effects.contains(&Effect::AnalyseRows(vec![(id, to)])));
    let summary = |trust| mailvet::pipeline::Summary {
        envelope: None,
        verdict: mailvet::model::Verdict {
            trust,
            ..mailvet::model::Verdict::unparseable("x")
        },
    };
    apply(
        &mut s,
        Action::Analysed(id, Box::new(summary(mailvet::model::Trust::Verified))),
    );
    // The analysis queued for the old path arrives late and cannot read it: the verdict stays.
    apply(
        &mut s,
        Action::Analysed(id, Box::new(summary(mailvet::model::Trust::Unparseable))),
    );
    assert_eq!(s.rows[id].trust(), Some(mailvet::model::Trust::Verified));
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
