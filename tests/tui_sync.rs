//! Pure update tests of rows following the disk: our own write reports move rows to their new folder and keep
//! the place, rescans after other clients' changes update renamed rows in place, add new ones and hide
//! removed ones, and a moved row not yet analysed is analysed at its new path. No files.

mod tui_support;

use std::path::{Path, PathBuf};

use mailvet::store::Entry;
use mailvet::tui::action::Action;
use mailvet::tui::changes::Changes;
use mailvet::tui::effect::Effect;
use mailvet::tui::jobs::Report;
use mailvet::tui::state::AppState;
use tui_support::{apply, cmd, renamed, state};

const ROOT: &str = "/home/user/Maildir";

/// The disk thread's report of row `id` archived (moved to `.Archive/cur/`): its new path and the effects.
fn archive(s: &mut AppState, id: usize) -> (PathBuf, Vec<Effect>) {
    let from = s.rows[id].path.to_path_buf();
    let name = from
        .file_name()
        .expect("name")
        .to_string_lossy()
        .into_owned();
    let to = PathBuf::from(format!("{ROOT}/.Archive/cur/{name}"));
    let effects = apply(
        s,
        Action::Acted(Box::new(Report {
            done: "archived 1 message".into(),
            renamed: vec![(from, to.clone())],
            folder: Some(("Archive".into(), PathBuf::from(format!("{ROOT}/.Archive")))),
            ..Report::default()
        })),
    );
    (to, effects)
}

#[test]
fn reports_move_rows_to_their_new_folder_and_keep_the_place() {
    let mut s = state(80, 24);
    cmd(&mut s, "down");
    cmd(&mut s, "mark");
    let id = s.shown[1];
    let next = s.shown[2];
    s.selected = 1;
    let (to, _) = archive(&mut s, id);
    let name = to.file_name().expect("name").to_string_lossy().into_owned();
    let names: Vec<&str> = s.folders.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["INBOX", "Archive", "Junk"]);
    assert_eq!(s.folder_of(&s.rows[id]), "Archive");
    assert_eq!(*s.rows[id].path, *to);
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
    renamed(&mut s, to, &format!("{ROOT}/cur/{name}"));
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
    let (to, effects) = archive(&mut s, id);
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
