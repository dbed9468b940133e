//! The message list: flags, absolute date, sender, subject, category chip and trust badge (words, so it
//! reads without colour). Pure helpers `trust_badge` and `category_chip` are shared with the detail pane.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Style;
use ratatui::text::Span;
use ratatui::widgets::{Cell, Row as TableRow, Table};

use crate::model::{Category, Trust};

use crate::pipeline::dates::list_date;
use crate::tui::state::{AppState, Focus, Row};
use crate::tui::theme::Theme;
use crate::tui::wording::clean;

/// The date column: as wide as the widest date form (`2025-11-24`).
const DATE_W: usize = 10;
/// The trust column: as wide as the widest label (`unparseable`).
const BADGE_W: usize = 11;
/// Columns the subject keeps at least, down to 80-column terminals.
const SUBJECT_MIN: usize = 30;

/// The trust badge: the label's word in its style; `…` while not analysed.
pub fn trust_badge(t: Option<Trust>, theme: &Theme) -> Span<'static> {
    let word = t.map_or("…", Trust::as_str);
    Span::styled(word, theme.trust(t))
}

/// The category chip: a short word in its style.
pub fn category_chip(c: Option<Category>, theme: &Theme) -> Span<'static> {
    match c {
        Some(c) => Span::styled(c.short(), theme.category(c)),
        None => Span::raw(""),
    }
}

/// `*` marked; `N` unread, else `r` replied (as mutt shows them); `F` flagged (`T` trashed, shown only when
/// trashed messages are).
pub fn flag_marks(row: &Row, marked: bool) -> String {
    let mut s = String::with_capacity(3);
    s.push(if marked { '*' } else { ' ' });
    s.push(if row.unread() {
        'N'
    } else if row.flags.contains('R') {
        'r'
    } else {
        ' '
    });
    s.push(if row.trashed() {
        'T'
    } else if row.flags.contains('F') {
        'F'
    } else {
        ' '
    });
    s
}

/// The sender as the list shows it: the display name, else the address.
pub fn sender(row: &Row) -> String {
    match &row.envelope {
        Some(e) if !e.from_name.trim().is_empty() => clean(e.from_name.trim()),
        Some(e) => clean(&e.from_addr),
        None => String::new(),
    }
}

fn subject(row: &Row) -> String {
    match &row.envelope {
        Some(e) => clean(&e.subject),
        None => row
            .path
            .file_name()
            .map(|n| clean(&n.to_string_lossy()))
            .unwrap_or_default(),
    }
}

/// Draws the visible slice of the list.
pub fn render(f: &mut Frame, area: Rect, s: &AppState, theme: &Theme) {
    let end = (s.offset + usize::from(area.height.saturating_sub(1))).min(s.shown.len());
    let visible = s.shown.get(s.offset..end).unwrap_or(&[]);
    let dates: Vec<String> = visible
        .iter()
        .map(|&i| {
            s.rows[i]
                .time()
                .map(|t| list_date(t, s.now))
                .unwrap_or_default()
        })
        .collect();
    // Fixed widths, so no column moves while scrolling; the subject keeps at least SUBJECT_MIN columns.
    let fixed = 3 + DATE_W + 7 + BADGE_W + 5;
    let flexible = usize::from(area.width).saturating_sub(fixed);
    let from_w = (flexible * 2 / 5)
        .clamp(8, 26)
        .min(flexible.saturating_sub(SUBJECT_MIN))
        .max(6);
    let focused = s.focus == Focus::List && s.overlay.is_none();
    let rows = visible
        .iter()
        .zip(dates)
        .enumerate()
        .map(|(n, (&i, date))| {
            let row = &s.rows[i];
            let marked = s.marks.contains(&i);
            let mut style = Style::default();
            if row.unread() {
                style = style.patch(theme.unread);
            }
            if row.trashed() {
                style = style.patch(theme.dim);
            }
            if marked {
                style = style.patch(theme.marked);
            }
            if s.offset + n == s.selected {
                style = style.patch(theme.selected(focused));
            }
            let verdict = row.verdict.as_ref();
            TableRow::new(vec![
                Cell::from(flag_marks(row, marked)),
                Cell::from(Span::styled(date, theme.dim)),
                Cell::from(sender(row)),
                Cell::from(subject(row)),
                Cell::from(category_chip(verdict.map(|v| v.category), theme)),
                Cell::from(trust_badge(verdict.map(|v| v.trust), theme)),
            ])
            .style(style)
        });
    let widths = [
        Constraint::Length(3),
        Constraint::Length(u16::try_from(DATE_W).unwrap_or(10)),
        Constraint::Length(u16::try_from(from_w).unwrap_or(20)),
        Constraint::Fill(1),
        Constraint::Length(7),
        Constraint::Length(u16::try_from(BADGE_W).unwrap_or(11)),
    ];
    let header =
        TableRow::new(vec!["", "Date", "From", "Subject", "Kind", "Trust"]).style(theme.header);
    let table = Table::new(rows, widths)
        .header(header)
        .column_spacing(1)
        .style(theme.base);
    f.render_widget(table, area);
}
