//! Drawing: `render(frame, &AppState, &Theme)` lays out the panes and calls one renderer per pane. Views
//! only read the state; every string from mail is sanitised before it becomes a Span.

pub mod body;
pub mod detail;
pub mod export;
pub mod headers;
pub mod help;
pub mod links;
pub mod list;
pub mod messages;
pub mod overview;
pub mod popup;
pub mod sidebar;
pub mod status;

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Row, Table, Wrap};

use super::layout::areas;
use super::state::{AppState, Overlay};
use super::theme::Theme;

/// Draws the whole screen.
pub fn render(f: &mut Frame, s: &AppState, theme: &Theme) {
    let a = areas(s);
    status::render_title(f, a.title, s, theme);
    match s.overlay {
        Some(overlay) => {
            f.render_widget(Clear, a.middle);
            match overlay {
                Overlay::Body => body::render(f, a.middle, s, theme),
                Overlay::Links => links::render(f, a.middle, s, theme),
                Overlay::Headers => headers::render_headers(f, a.middle, s, theme),
                Overlay::Attachments => headers::render_attachments(f, a.middle, s, theme),
                Overlay::Help => help::render(f, a.middle, s, theme),
                Overlay::Messages => messages::render(f, a.middle, s, theme),
                Overlay::Overview => overview::render(f, a.middle, s, theme),
            }
        }
        None => {
            if let Some(side) = a.sidebar {
                sidebar::render(f, side, s, theme);
            }
            if s.shown.is_empty() {
                let why = if !s.listed {
                    "listing the Maildir…"
                } else if s.rows.is_empty() {
                    "no messages in this Maildir"
                } else {
                    "no message matches the limit (Esc clears it)"
                };
                f.render_widget(Paragraph::new(format!(" {why}")).style(theme.dim), a.list);
            } else {
                list::render(f, a.list, s, theme);
            }
            if let Some(d) = a.detail {
                detail::render(f, d, s, theme, d.y == a.list.y);
            }
        }
    }
    popup::render(f, a.middle, s, theme);
    export::render(f, a.middle, s, theme);
    status::render_status(f, a.status, s, theme);
}

/// The frame of a full-screen view.
pub fn overlay_block<'a>(title: String, theme: &Theme) -> Block<'a> {
    Block::default()
        .borders(Borders::TOP)
        .border_style(theme.border(true))
        .title(Span::styled(title, theme.header))
        .title_bottom(Span::styled(" Esc/q: back ", theme.dim))
}

/// A full-screen table view: the header row, the rows, and the overlay frame titled `title`.
pub fn overlay_table<'a>(
    f: &mut Frame,
    area: Rect,
    (header, rows): (Row<'a>, impl IntoIterator<Item = Row<'a>>),
    widths: impl IntoIterator<Item = Constraint>,
    title: String,
    theme: &Theme,
) {
    let table = Table::new(rows, widths)
        .header(header)
        .column_spacing(1)
        .block(overlay_block(title, theme))
        .style(theme.base);
    f.render_widget(table, area);
}

/// A full-screen text view: `lines` wrapped (never trimmed) in the overlay frame titled `title`.
pub fn overlay_text<'a>(
    f: &mut Frame,
    area: Rect,
    lines: Vec<Line<'a>>,
    title: String,
    theme: &Theme,
) {
    f.render_widget(
        Paragraph::new(lines)
            .block(overlay_block(title, theme))
            .style(theme.base)
            .wrap(Wrap { trim: false }),
        area,
    );
}

/// `N words`, or `first N of M words` when a cap left some out (`1 word` for one).
pub fn first_of(shown: usize, total: usize, word: &str) -> String {
    let counted = super::wording::plural(total, word);
    if shown < total {
        format!("first {shown} of {counted}")
    } else {
        counted
    }
}

/// What a message view shows while its message is being read, or when it cannot be.
pub fn placeholder(f: &mut Frame, area: Rect, s: &AppState, title: &str, theme: &Theme) {
    let text = match &s.open {
        Some(o) if Some(o.row) == s.selected_row() => match &o.content {
            Err(e) => format!(" cannot show this message: {}", super::wording::clean(e)),
            Ok(_) => String::new(),
        },
        _ => " reading the message…".to_string(),
    };
    let block = overlay_block(title.to_string(), theme);
    f.render_widget(Paragraph::new(text).block(block).style(theme.dim), area);
}
