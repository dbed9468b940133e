//! The link table (`L`): visible text, real URL, registrable domain, official for the brand, warnings.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Span;
use ratatui::widgets::{Cell, Row, Table};

use super::super::linkinfo::LinkRow;
use super::super::state::AppState;
use super::super::theme::Theme;

/// The "official" column: `yes`, `NO`, or `—` when no brand is claimed.
pub fn official_word(official: Option<bool>) -> &'static str {
    match official {
        Some(true) => "yes",
        Some(false) => "NO",
        None => "—",
    }
}

fn cells<'a>(l: &'a LinkRow, theme: &Theme) -> Row<'a> {
    let official = match l.official {
        Some(false) => Span::styled(official_word(l.official), theme.outcome_fail),
        Some(true) => Span::styled(official_word(l.official), theme.outcome_pass),
        None => Span::raw(official_word(l.official)),
    };
    let warn_style = if l.warnings.is_empty() {
        theme.dim
    } else {
        theme.outcome_warn
    };
    Row::new(vec![
        Cell::from(l.n.to_string()),
        Cell::from(Span::styled(l.text.as_str(), theme.link)),
        Cell::from(Span::styled(l.url.as_str(), theme.link_url)),
        Cell::from(l.domain.as_str()),
        Cell::from(official),
        Cell::from(Span::styled(l.warnings.join("; "), warn_style)),
    ])
}

/// Draws the link table with the selected link highlighted.
pub fn render(f: &mut Frame, area: Rect, s: &AppState, theme: &Theme) {
    let Some(c) = s.content() else {
        return super::placeholder(f, area, s, " Links ", theme);
    };
    let height = usize::from(area.height.saturating_sub(2)).max(1);
    let offset = s.link_sel.saturating_sub(height - 1);
    let rows = c
        .links
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(i, l)| {
            let row = cells(l, theme);
            if i == s.link_sel {
                row.style(theme.selected(true))
            } else {
                row
            }
        });
    let widths = [
        Constraint::Length(3),
        Constraint::Percentage(22),
        Constraint::Fill(1),
        Constraint::Percentage(18),
        Constraint::Length(8),
        Constraint::Percentage(20),
    ];
    let header = Row::new(vec![
        "#",
        "Visible text",
        "Real destination",
        "Domain",
        "Official",
        "Warnings",
    ])
    .style(theme.header);
    let title = format!(" Links — {} (y: copy URL) ", c.links.len());
    let table = Table::new(rows, widths)
        .header(header)
        .column_spacing(1)
        .block(super::overlay_block(title, theme))
        .style(theme.base);
    f.render_widget(table, area);
}
