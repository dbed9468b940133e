//! The body view: the laid-out body of the open message, link texts styled and each followed by its number
//! and real destination.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::tui::bodytext::{BodyText, Piece};
use crate::tui::state::AppState;
use crate::tui::theme::Theme;

/// The spans of one body line.
pub fn body_line<'a>(pieces: &'a [Piece], theme: &Theme) -> Line<'a> {
    Line::from(
        pieces
            .iter()
            .map(|p| match p {
                Piece::Text(t) => Span::raw(t.as_str()),
                Piece::Strong(t) => Span::styled(t.as_str(), theme.strong),
                Piece::LinkText(t, _) => Span::styled(t.as_str(), theme.link),
                Piece::LinkRef(n, url) if url.is_empty() => {
                    Span::styled(format!(" [{n}]"), theme.link_url)
                }
                Piece::LinkRef(n, url) => Span::styled(format!(" [{n}: {url}]"), theme.link_url),
            })
            .collect::<Vec<_>>(),
    )
}

/// The view's title.
pub fn title(body: &BodyText, links: &str) -> String {
    let kind = if body.from_html {
        "HTML rendered as text"
    } else {
        "text part"
    };
    format!(" Body — {kind}, {links} (L: link table) ")
}

/// Draws the body.
pub fn render(f: &mut Frame, area: Rect, s: &AppState, theme: &Theme) {
    let Some(c) = s.content() else {
        return super::placeholder(f, area, s, " Body ", theme);
    };
    let lines: Vec<Line> = c
        .body
        .lines
        .iter()
        .skip(s.scroll)
        .take(usize::from(area.height))
        .map(|l| body_line(l, theme))
        .collect();
    let links = super::first_of(c.links.len(), c.links_total, "link");
    let block = super::overlay_block(title(&c.body, &links), theme);
    f.render_widget(
        Paragraph::new(lines)
            .block(block)
            .style(theme.base)
            .wrap(Wrap { trim: false }),
        area,
    );
}
