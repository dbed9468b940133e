//! The link table (`L`): visible text, real URL, registrable domain, official for the brand, warnings.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row};

use crate::tui::linkinfo::LinkRow;
use crate::tui::state::AppState;
use crate::tui::theme::Theme;

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

/// Columns below which each link is shown as a short stack of lines instead of a table row.
const TABLE_MIN_WIDTH: u16 = 120;

/// One link as three lines: number and visible text; real destination; domain, official, warnings.
pub fn stacked<'a>(l: &'a LinkRow, selected: bool, theme: &Theme) -> Vec<Line<'a>> {
    let head = Line::from(vec![
        Span::styled(format!("[{}] ", l.n), theme.header),
        Span::styled(l.text.as_str(), theme.link),
    ]);
    let dest = Line::from(vec![
        Span::raw("    → "),
        Span::styled(l.url.as_str(), theme.link_url),
    ]);
    let mut facts = vec![
        Span::raw(format!("    {} · official: ", l.domain)),
        Span::styled(
            official_word(l.official),
            if l.official == Some(false) {
                theme.outcome_fail
            } else {
                theme.base
            },
        ),
    ];
    if !l.warnings.is_empty() {
        facts.push(Span::styled(
            format!(" · {}", l.warnings.join("; ")),
            theme.outcome_warn,
        ));
    }
    let mut lines = vec![head, dest, Line::from(facts)];
    if selected {
        lines[0] = lines[0].clone().patch_style(theme.selected(true));
    }
    lines
}

/// Draws the links: a table on wide screens, stacked lines on narrow ones; the selected link highlighted.
pub fn render(f: &mut Frame, area: Rect, s: &AppState, theme: &Theme) {
    let Some(c) = s.content() else {
        return super::placeholder(f, area, s, " Links ", theme);
    };
    let title = format!(
        " Links — {} (y: copy URL) ",
        super::first_of(c.links.len(), c.links_total, "link")
    );
    if area.width < TABLE_MIN_WIDTH {
        let per_screen = usize::from(area.height.saturating_sub(2) / 3).max(1);
        let first = s.link_sel.saturating_sub(per_screen - 1);
        let lines: Vec<Line> = c
            .links
            .iter()
            .enumerate()
            .skip(first)
            .take(per_screen)
            .flat_map(|(i, l)| stacked(l, i == s.link_sel, theme))
            .collect();
        let para = Paragraph::new(lines)
            .block(super::overlay_block(title, theme))
            .style(theme.base)
            .wrap(ratatui::widgets::Wrap { trim: false });
        f.render_widget(para, area);
        return;
    }
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
    super::overlay_table(f, area, (header, rows), widths, title, theme);
}
