//! The export dialog, drawn over the panes: which messages, the format (the chosen one highlighted, with a
//! line saying what it writes), the path field, and the keys, taken from the keymap.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use crate::export::Format;
use crate::tui::export::{Dialog, Scope};
use crate::tui::keymap::Mode;
use crate::tui::state::AppState;
use crate::tui::theme::Theme;
use crate::tui::wording::clean;
use crate::tui::wording::count;

use super::popup::centred;

const LABEL: u16 = 11;

/// What a format writes, in a few words.
fn describe(format: Format) -> &'static str {
    match format {
        Format::Json => "one JSON document: every verdict with its signals",
        Format::Jsonl => "one JSON record per line",
        Format::Csv => "a spreadsheet row per message",
        Format::Markdown => "a report for people, with the checklist",
        Format::Eml => "byte-for-byte copies, one file each, into a folder",
        Format::Mbox => "one mbox file holding the messages",
        Format::Arf => "abuse reports on the suspect ones, into a folder",
    }
}

/// Draws the dialog, if open.
pub fn render(f: &mut Frame, area: Rect, s: &AppState, theme: &Theme) {
    let Some(d) = &s.export else { return };
    let box_area = centred(area, area.width.saturating_sub(4).clamp(60, 120), 9);
    let title = format!(" Export {} ", count(d.targets().len()));
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border(true))
        .title(Span::styled(title, theme.header))
        .title_bottom(Line::from(hints(s, theme)));
    let inner = block.inner(box_area);
    f.render_widget(Clear, box_area);
    f.render_widget(block, box_area);
    let line = |i: u16| Rect::new(inner.x, inner.y + i, inner.width, 1).intersection(inner);
    f.render_widget(Paragraph::new(scopes(s, d, theme)), line(0));
    f.render_widget(Paragraph::new(formats(d, theme)), line(2));
    let to = if d.format.needs_dir() {
        " To folder"
    } else {
        " To file"
    };
    let path_line = line(4);
    f.render_widget(Paragraph::new(to).style(theme.dim), path_line);
    let field = Rect {
        x: path_line.x + LABEL + 1,
        width: path_line.width.saturating_sub(LABEL + 2),
        ..path_line
    };
    f.render_widget(&d.path, field);
    let note = match &d.error {
        Some(e) => Line::styled(format!(" {}", clean(e)), theme.error),
        None => Line::styled(format!(" {}", describe(d.format)), theme.dim),
    };
    f.render_widget(Paragraph::new(note), line(6));
}

fn scopes<'a>(s: &AppState, d: &Dialog, theme: &Theme) -> Line<'a> {
    let marked = d.selection.len() > 1 || d.selection.iter().any(|i| s.marks.contains(i));
    let selection = match d.selection.len() {
        0 => "nothing selected".to_string(),
        n if marked => format!("the {n} marked"),
        _ => "this message".to_string(),
    };
    let folder = s.folders.get(s.folder).map_or("", |f| f.name.as_str());
    let flagged = format!(
        "every flagged one in {} ({})",
        clean(folder),
        d.flagged.len()
    );
    let choice = |text: String, on: bool| {
        let (mark, style) = if on {
            ("●", theme.selected(true))
        } else {
            ("○", theme.base)
        };
        Span::styled(format!(" {mark} {text} "), style)
    };
    Line::from(vec![
        Span::styled(
            format!("{:<w$}", " Messages", w = usize::from(LABEL)),
            theme.dim,
        ),
        choice(selection, d.scope == Scope::Selection),
        Span::raw(" "),
        choice(flagged, d.scope == Scope::Flagged),
    ])
}

fn formats<'a>(d: &Dialog, theme: &Theme) -> Line<'a> {
    let mut spans = vec![Span::styled(
        format!("{:<w$}", " Format", w = usize::from(LABEL)),
        theme.dim,
    )];
    for format in Format::ALL {
        let style = if format == d.format {
            theme.selected(true)
        } else {
            theme.base
        };
        spans.push(Span::styled(format!(" {} ", format.as_str()), style));
    }
    Line::from(spans)
}

fn hints<'a>(s: &AppState, theme: &Theme) -> Vec<Span<'a>> {
    let mut spans = Vec::new();
    for (command, what) in [
        ("submit", "export"),
        ("format-next", "format"),
        ("export-scope", "selection/flagged"),
        ("cancel", "cancel"),
    ] {
        let keys: Vec<String> = s
            .keymap
            .keys_for(Mode::Export, command)
            .iter()
            .map(ToString::to_string)
            .collect();
        // Ctrl- combinations only when nothing else is bound.
        let plain: Vec<&str> = keys
            .iter()
            .map(String::as_str)
            .filter(|k| !k.starts_with("Ctrl-"))
            .collect();
        let shown = if plain.is_empty() {
            keys.join("/")
        } else {
            plain.join("/")
        };
        if !shown.is_empty() {
            spans.push(Span::styled(format!(" {shown}"), theme.hint_key));
            spans.push(Span::styled(format!(": {what} "), theme.dim));
        }
    }
    spans
}
