//! The raw headers view and the attachments view: two plain listings of the open message.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Row;

use crate::tui::state::AppState;
use crate::tui::theme::Theme;
use crate::tui::wording::{clean, plural};

/// A header line with its name styled (continuation lines stay plain).
pub fn header_line<'a>(line: &'a str, theme: &Theme) -> Line<'a> {
    match line.split_once(':') {
        Some((name, rest)) if !name.starts_with([' ', '\t']) && !name.contains(' ') => {
            Line::from(vec![
                Span::styled(name, theme.header),
                Span::raw(":"),
                Span::raw(rest),
            ])
        }
        _ => Line::raw(line),
    }
}

/// Draws the raw headers, long ones wrapped at the pane's edge.
pub fn render_headers(f: &mut Frame, area: Rect, s: &AppState, theme: &Theme) {
    let Some(c) = s.content() else {
        return super::placeholder(f, area, s, " Headers ", theme);
    };
    let lines: Vec<Line> = c
        .headers
        .iter()
        .skip(s.scroll)
        .take(usize::from(area.height))
        .map(|l| header_line(l, theme))
        .collect();
    let title = format!(" Raw headers — {} ", plural(c.headers.len(), "line"));
    super::overlay_text(f, area, lines, title, theme);
}

/// A size in B / kB / MB.
pub fn human_size(bytes: usize) -> String {
    match bytes {
        b if b < 1024 => format!("{b} B"),
        b if b < 1024 * 1024 => format!("{:.1} kB", b as f64 / 1024.0),
        b => format!("{:.1} MB", b as f64 / (1024.0 * 1024.0)),
    }
}

/// Draws the attachment list, with archive contents and the analysis's warnings about each file.
pub fn render_attachments(f: &mut Frame, area: Rect, s: &AppState, theme: &Theme) {
    let Some(c) = s.content() else {
        return super::placeholder(f, area, s, " Attachments ", theme);
    };
    let verdict = Some(&c.verdict);
    let rows = c
        .message
        .attachments
        .iter()
        .skip(s.scroll)
        .take(usize::from(area.height))
        .map(|a| {
            let name = a
                .name
                .as_deref()
                .map(clean)
                .unwrap_or_else(|| "(no name)".into());
            let warnings: Vec<String> = verdict
                .map(|v| {
                    v.signals
                        .iter()
                        .filter(|sig| {
                            a.name
                                .as_deref()
                                .is_some_and(|n| !n.is_empty() && sig.evidence.contains(n))
                        })
                        .map(|sig| clean(&sig.title))
                        .collect()
                })
                .unwrap_or_default();
            let mut notes = warnings.join("; ");
            if !a.archive_entries.is_empty() {
                let inside: Vec<String> = a
                    .archive_entries
                    .iter()
                    .take(10)
                    .map(|e| clean(e))
                    .collect();
                notes = format!("{notes} contains: {}", inside.join(", "))
                    .trim()
                    .to_string();
            }
            Row::new(vec![name, clean(&a.mime), human_size(a.size), notes])
        });
    let widths = [
        Constraint::Percentage(30),
        Constraint::Percentage(20),
        Constraint::Length(9),
        Constraint::Fill(1),
    ];
    let header = Row::new(vec!["Name", "Type", "Size", "Warnings"]).style(theme.header);
    let title = format!(" Attachments — {} ", c.message.attachments.len());
    super::overlay_table(f, area, (header, rows), widths, title, theme);
}
