//! The writing keys, pure: which messages a key acts on (the marked ones shown, else the selected one), the
//! [`Write`] it asks the disk thread for, the folder picker, and the purge question. Read-only refuses here,
//! before any effect exists. How results change the rows is in `sync`.

use std::path::PathBuf;

use tui_textarea::TextArea;

use crate::store::flag::{Flag, FlagEdit};

use super::effect::Effect;
use super::jobs::Write;
use super::state::{AppState, Confirm, Prompt, PromptKind};

/// The status message of every refused write.
pub const READ_ONLY: &str = "read-only: nothing changed";

/// Whether writes are refused; says so in the status line.
pub fn refused(s: &mut AppState) -> bool {
    if s.read_only {
        s.status = READ_ONLY.into();
    }
    s.read_only
}

/// The rows a writing key acts on: the marked rows shown, in list order; else the selected row.
pub fn targets(s: &AppState) -> Vec<usize> {
    let marked: Vec<usize> = s
        .shown
        .iter()
        .copied()
        .filter(|id| s.marks.contains(id))
        .collect();
    if marked.is_empty() {
        s.selected_row().into_iter().collect()
    } else {
        marked
    }
}

/// The targets of a writing action, or `None` (the status line says why) when writing is refused or no
/// message is selected.
fn write_targets(s: &mut AppState) -> Option<Vec<usize>> {
    if refused(s) {
        return None;
    }
    let ids = targets(s);
    if ids.is_empty() {
        s.status = "no message selected".into();
        return None;
    }
    Some(ids)
}

fn paths(s: &AppState, ids: &[usize]) -> Vec<PathBuf> {
    ids.iter().map(|&i| s.rows[i].path.to_path_buf()).collect()
}

/// Sets `flag` on the targets, or clears it when every target has it. `verbs`: (set, cleared).
pub fn toggle(s: &mut AppState, flag: Flag, verbs: (&str, &str), effects: &mut Vec<Effect>) {
    let Some(ids) = write_targets(s) else {
        return;
    };
    let all = ids.iter().all(|&i| s.rows[i].flags.contains(flag.letter()));
    let (edit, verb) = if all {
        (FlagEdit::clear(flag), verbs.1)
    } else {
        (FlagEdit::set(flag), verbs.0)
    };
    effects.push(Effect::Write(Write::Flags {
        paths: paths(s, &ids),
        edit,
        verb: verb.into(),
    }));
}

/// Opening an unread message marks it read (never with `--read-only`, and quietly: it is no command).
pub fn mark_read(s: &AppState, effects: &mut Vec<Effect>) {
    let Some(id) = s
        .selected_row()
        .filter(|_| s.overlay == Some(super::state::Overlay::Body))
    else {
        return;
    };
    if !s.read_only && s.rows[id].unread() {
        effects.push(Effect::Write(Write::Read(s.rows[id].path.to_path_buf())));
    }
}

/// Moves the targets to `folder`.
pub fn move_to(s: &mut AppState, folder: String, verb: String, effects: &mut Vec<Effect>) {
    let Some(ids) = write_targets(s) else {
        return;
    };
    effects.push(Effect::Write(Write::Move {
        paths: paths(s, &ids),
        folder,
        verb,
    }));
}

/// Asks the disk thread to undo its last write.
pub fn undo(s: &mut AppState, effects: &mut Vec<Effect>) {
    if !refused(s) {
        effects.push(Effect::Write(Write::Undo));
    }
}

/// Opens the folder picker.
pub fn open_picker(s: &mut AppState) {
    if write_targets(s).is_none() {
        return;
    }
    let mut input = TextArea::default();
    input.set_cursor_line_style(ratatui::style::Style::default());
    s.prompt = Some(Prompt {
        kind: PromptKind::Move,
        input,
        sel: 0,
    });
}

/// One line of the folder picker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    /// The folder name.
    pub name: String,
    /// It does not exist yet: picking it creates it.
    pub new: bool,
}

/// The picker's lines for the typed text: existing folders containing it (any case), then, when the text
/// names no existing folder, the new folder it would create.
pub fn choices(s: &AppState, typed: &str) -> Vec<Choice> {
    let typed = typed.trim();
    let lower = typed.to_lowercase();
    let mut out: Vec<Choice> = s
        .folders
        .iter()
        .filter(|f| f.name.to_lowercase().contains(&lower))
        .map(|f| Choice {
            name: f.name.clone(),
            new: false,
        })
        .collect();
    if !typed.is_empty() && !s.folders.iter().any(|f| f.name == typed) {
        out.push(Choice {
            name: typed.to_string(),
            new: true,
        });
    }
    out
}

/// Moves the picker's cursor.
pub fn pick_step(s: &mut AppState, by: isize) {
    let len = match &s.prompt {
        Some(p) => choices(s, &p.text()).len(),
        None => return,
    };
    if let Some(p) = &mut s.prompt {
        p.sel = p.sel.saturating_add_signed(by).min(len.saturating_sub(1));
    }
}

/// Enter in the picker: move to the chosen folder.
pub fn submit_picker(s: &mut AppState, prompt: &Prompt, effects: &mut Vec<Effect>) {
    let list = choices(s, &prompt.text());
    let Some(choice) = list.get(prompt.sel.min(list.len().saturating_sub(1))) else {
        s.status = "no folder picked: type a name".into();
        return;
    };
    let verb = format!("moved to {}:", choice.name);
    move_to(s, choice.name.clone(), verb, effects);
}

/// Asks before deleting the shown folder's trashed messages.
pub fn ask_purge(s: &mut AppState) {
    if refused(s) {
        return;
    }
    let folder = s.folder;
    let trashed: Vec<PathBuf> = s
        .rows
        .iter()
        .filter(|r| r.folder_idx == folder && !r.gone && r.trashed())
        .map(|r| r.path.to_path_buf())
        .collect();
    let name = s.folders.get(folder).map_or("", |f| f.name.as_str());
    if trashed.is_empty() {
        s.status = format!("no trashed messages in {name}");
        return;
    }
    let n = trashed.len();
    let what = if n == 1 {
        "the trashed message".to_string()
    } else {
        format!("the {n} trashed messages")
    };
    s.confirm = Some(Confirm {
        question: format!("Delete {what} of {name} for good? This cannot be undone."),
        effect: Effect::Write(Write::Purge(trashed)),
    });
}

/// A yes to the open question.
pub fn confirm(s: &mut AppState, effects: &mut Vec<Effect>) {
    if let Some(c) = s.confirm.take()
        && !refused(s)
    {
        effects.push(c.effect);
    }
}
