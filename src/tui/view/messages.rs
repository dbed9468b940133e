//! The messages view: every earlier status message, newest first, so none is lost to the next one.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

use crate::tui::state::AppState;
use crate::tui::theme::Theme;
use crate::tui::wording::clean;

/// Draws the status messages, newest first.
pub fn render(f: &mut Frame, area: Rect, s: &AppState, theme: &Theme) {
    let lines: Vec<Line> = if s.messages.is_empty() {
        vec![Line::styled(" no messages yet", theme.dim)]
    } else {
        s.messages
            .iter()
            .rev()
            .skip(s.scroll)
            .map(|m| Line::raw(format!(" {}", clean(m))))
            .collect()
    };
    let title = format!(" Messages — {}, newest first ", s.messages.len());
    super::overlay_text(f, area, lines, title, theme);
}
