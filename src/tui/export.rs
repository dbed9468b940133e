//! The export dialog and the report key, pure: which messages `e` exports (the marked ones shown, else the
//! selected one; or every flagged message in the folder), the format, the path and its default, the refusal
//! of a path inside the Maildir, and the status line of a finished export or report. The reading, judging
//! and writing run on the export thread ([`super::exporter`]).

use std::path::PathBuf;

use ratatui::crossterm::event::{KeyCode, KeyEvent};
use tui_textarea::TextArea;

use crate::export::Format;
use crate::pipeline::export::Summary;
use crate::pipeline::places::default_file_name;

use super::acts::targets;
use super::effect::Effect;
use super::jobs::{Finished, Item, Request, Step};
use super::state::{AppState, Prompt, PromptKind};
use super::wording::count;

/// Which messages the dialog exports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// The marked messages shown, else the selected one.
    Selection,
    /// Every flagged message in the folder shown.
    Flagged,
}

/// The open export dialog.
#[derive(Debug, Clone)]
pub struct Dialog {
    /// Which messages.
    pub scope: Scope,
    /// Row ids of the selection when the dialog opened.
    pub selection: Vec<usize>,
    /// Row ids of the folder's flagged messages when the dialog opened.
    pub flagged: Vec<usize>,
    /// The format.
    pub format: Format,
    /// The path field.
    pub path: TextArea<'static>,
    /// The user typed in the path (a new format then keeps it).
    pub edited: bool,
    /// Why the last Enter did nothing.
    pub error: Option<String>,
}

impl Dialog {
    /// The row ids the dialog would export.
    pub fn targets(&self) -> &[usize] {
        match self.scope {
            Scope::Selection => &self.selection,
            Scope::Flagged => &self.flagged,
        }
    }

    /// The path as typed.
    pub fn path_text(&self) -> String {
        self.path.lines().join("")
    }
}

/// Where exports go: the defaults offered, and the Maildir they must stay out of.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Places {
    /// The Maildir (or mail directory) open; nothing is exported inside it.
    pub maildir: PathBuf,
    /// The default folder of exports (`$XDG_DATA_HOME/mailvet/exports`); `None`: the current directory.
    pub exports: Option<PathBuf>,
    /// The outbox of abuse reports (`$XDG_DATA_HOME/mailvet/outbox`).
    pub outbox: Option<PathBuf>,
}

/// The path offered for `format` at `now`: a file for stream formats, a folder for .eml copies and reports.
pub fn default_path(places: &Places, format: Format, now: i64) -> PathBuf {
    let base = places.exports.clone().unwrap_or_else(|| PathBuf::from("."));
    let file = default_file_name(format, now);
    match format {
        Format::Arf => places.outbox.clone().unwrap_or_else(|| base.join("outbox")),
        Format::Eml => base.join(file.trim_end_matches(".eml")),
        _ => base.join(file),
    }
}

pub use crate::pipeline::places::inside;

fn path_field(text: &str) -> TextArea<'static> {
    let mut input = TextArea::new(vec![text.to_string()]);
    input.move_cursor(tui_textarea::CursorMove::End);
    input.set_cursor_line_style(ratatui::style::Style::default());
    input
}

/// `e`: opens the dialog on the selection (or, with nothing selected, the folder's flagged messages).
pub fn open(s: &mut AppState) {
    let selection = targets(s);
    let folder = s.folder;
    let flagged: Vec<usize> = (0..s.rows.len())
        .filter(|&i| {
            let r = &s.rows[i];
            r.folder_idx == folder
                && !r.gone
                && (s.show_trashed || !r.trashed())
                && r.flags.contains('F')
        })
        .collect();
    let scope = if selection.is_empty() {
        Scope::Flagged
    } else {
        Scope::Selection
    };
    if selection.is_empty() && flagged.is_empty() {
        s.status = "no message selected".into();
        return;
    }
    let format = Format::Json;
    let path = default_path(&s.places, format, s.now);
    s.export = Some(Dialog {
        scope,
        selection,
        flagged,
        format,
        path: path_field(&path.display().to_string()),
        edited: false,
        error: None,
    });
}

/// Up/Down/Tab in the dialog: the next (`by` = 1) or previous format; an untouched path follows it.
pub fn step_format(s: &mut AppState, by: isize) {
    let (places, now) = (s.places.clone(), s.now);
    let Some(d) = &mut s.export else { return };
    let all = Format::ALL;
    let i = all.iter().position(|f| *f == d.format).unwrap_or(0);
    let n = all.len();
    let next = (i + n).saturating_add_signed(by) % n;
    d.format = all[next];
    if !d.edited {
        d.path = path_field(&default_path(&places, d.format, now).display().to_string());
    }
    d.error = None;
}

/// Switches between the selection and the folder's flagged messages.
pub fn toggle_scope(s: &mut AppState) {
    let Some(d) = &mut s.export else { return };
    let other = match d.scope {
        Scope::Selection => Scope::Flagged,
        Scope::Flagged => Scope::Selection,
    };
    let empty = match other {
        Scope::Selection => d.selection.is_empty(),
        Scope::Flagged => d.flagged.is_empty(),
    };
    if empty {
        d.error = Some(match other {
            Scope::Selection => "no message selected".into(),
            Scope::Flagged => "no flagged message in this folder".into(),
        });
    } else {
        d.scope = other;
        d.error = None;
    }
}

/// A key typed into the path field.
pub fn key(s: &mut AppState, key: KeyEvent) {
    if let Some(d) = &mut s.export
        && key.code != KeyCode::Enter
    {
        d.path.input(key);
        d.edited = true;
        d.error = None;
    }
}

/// Enter: asks the export thread for the export, or says in the dialog why not.
pub fn submit(s: &mut AppState, effects: &mut Vec<Effect>) {
    let Some(d) = &mut s.export else { return };
    let text = d.path_text();
    let dest = PathBuf::from(text.trim());
    let problem = if d.targets().is_empty() {
        Some("nothing to export".to_string())
    } else if text.trim().is_empty() {
        Some("type a path".to_string())
    } else if inside(&dest, &s.places.maildir) {
        Some("that is inside the Maildir: choose a path outside it".to_string())
    } else {
        None
    };
    if let Some(problem) = problem {
        d.error = Some(problem);
        return;
    }
    let format = d.format;
    let ids = d.targets().to_vec();
    s.export = None;
    let items = ids.iter().map(|&i| item(s, i)).collect();
    s.status = format!("exporting {} as {}…", count(ids.len()), format.as_str());
    s.exporting = Some(Step::default());
    effects.push(Effect::Export(Request {
        items,
        format,
        dest,
    }));
}

fn item(s: &AppState, id: usize) -> Item {
    let row = &s.rows[id];
    Item {
        path: row.path.to_path_buf(),
        folder: s.folder_of(row).to_string(),
    }
}

/// `R`: the abuse report for the selected message, unless its label already says it is not suspect; the
/// first time, the prompt asks for the user's address to send it from.
pub fn report(s: &mut AppState, effects: &mut Vec<Effect>) {
    let Some(id) = s.selected_row() else {
        s.status = "no message selected".into();
        return;
    };
    match s.rows[id].trust() {
        Some(t) if t.is_alarm() && s.identity.is_none() => {
            let mut input = TextArea::new(vec![String::new()]);
            input.set_cursor_line_style(ratatui::style::Style::default());
            s.prompt = Some(Prompt {
                kind: PromptKind::Identity,
                input,
                sel: 0,
            });
            s.status = "saved in your config; Esc cancels".into();
        }
        None => s.status = "not reported: the message is not analysed yet".into(),
        Some(t) if !t.is_alarm() => {
            s.status = format!(
                "not reported: mailvet labels this message {}, not phishing or suspicious",
                t.as_str()
            );
        }
        Some(_) => {
            s.status = "writing the report…".into();
            s.exporting = Some(Step::default());
            effects.push(Effect::Report(item(s, id)));
        }
    }
}

/// Enter in the address prompt: a valid address is kept, saved to the config and the report written; an
/// invalid one is refused and the prompt stays open.
pub fn submit_identity(s: &mut AppState, prompt: Prompt, effects: &mut Vec<Effect>) {
    let address = prompt.text().trim().to_string();
    if let Err(problem) = crate::config::identity::check_address(&address) {
        s.status = problem;
        s.prompt = Some(prompt);
        return;
    }
    s.identity = Some(address.clone());
    effects.push(Effect::SaveIdentity(address));
    report(s, effects);
}

/// The address was saved (the config file's path), or why not (it is still used until mailvet quits).
pub fn identity_saved(s: &mut AppState, saved: Result<String, String>) {
    if let Err(e) = saved {
        s.status = format!("your address is used until you quit, but not saved: {e}");
    }
}

/// The export thread's progress.
pub fn progress(s: &mut AppState, step: Step) {
    s.exporting = Some(step);
}

/// A finished export or report: the status line says where it went (and to whom), or why not.
pub fn finished(s: &mut AppState, done: &Finished) {
    s.exporting = None;
    s.status = match (&done.result, done.report) {
        (Err(e), true) => format!("no report written: {e}"),
        (Err(e), false) => format!("nothing exported: {e}"),
        (Ok(summary), true) => report_status(summary, done.to.as_deref(), done.drafts),
        (Ok(summary), false) => export_status(summary, done),
    };
}

fn report_status(summary: &Summary, to: Option<&str>, drafts: bool) -> String {
    if let Some((path, note)) = summary.written.first() {
        return if drafts {
            format!(
                "report draft saved in {}: {note}; send it from your mail client",
                path.display()
            )
        } else {
            format!("report written to {}: {note}", path.display())
        };
    }
    let would = to
        .map(|a| format!(" (it would go to {a})"))
        .unwrap_or_default();
    match (summary.skipped.first(), summary.failed.first()) {
        (Some((_, why)), _) => format!("{why}{would}"),
        (None, Some((_, why))) => format!("no report written: {why}"),
        (None, None) => "no report written".into(),
    }
}

fn export_status(summary: &Summary, done: &Finished) -> String {
    let what = if done.format == Format::Arf {
        "report"
    } else {
        "message"
    };
    let mut text = if done.format.needs_dir() {
        let n = summary.written.len();
        let plural = if n == 1 { "" } else { "s" };
        format!("wrote {n} {what}{plural} to {}", done.dest.display())
    } else {
        let file = summary.written.first().map_or(&done.dest, |(p, _)| p);
        format!(
            "exported {} as {} to {}",
            count(done.total - summary.failed.len()),
            done.format.as_str(),
            file.display()
        )
    };
    if !summary.skipped.is_empty() {
        text.push_str(&format!(
            "; {} not phishing or suspicious, left out",
            summary.skipped.len()
        ));
    }
    if let Some((_, why)) = summary.failed.first() {
        text.push_str(&format!("; {} failed: {why}", summary.failed.len()));
    }
    text
}
