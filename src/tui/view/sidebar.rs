//! The folder sidebar: every folder with its counts of unread, suspicious and phishing messages.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use crate::model::Trust;

use crate::tui::state::{AppState, Focus, FolderStat};
use crate::tui::theme::Theme;
use crate::tui::wording::clean;

/// A count, or `·` for zero, right-aligned in 4 columns.
fn count(n: usize) -> String {
    if n == 0 {
        format!("{:>4}", "·")
    } else {
        format!("{n:>4}")
    }
}

fn folder_line<'a>(f: &FolderStat, name_w: usize, style: Style, theme: &Theme) -> Line<'a> {
    let name: String = clean(&f.name).chars().take(name_w).collect();
    Line::from(vec![
        Span::raw(format!("{name:<name_w$}")),
        Span::raw(count(f.unread)),
        Span::styled(
            count(f.suspicious),
            if f.suspicious > 0 {
                theme.trust(Some(Trust::Suspicious))
            } else {
                theme.dim
            },
        ),
        Span::styled(
            count(f.phishing),
            if f.phishing > 0 {
                theme.trust(Some(Trust::Phishing))
            } else {
                theme.dim
            },
        ),
    ])
    .style(style)
}

/// Draws the sidebar.
pub fn render(f: &mut Frame, area: Rect, s: &AppState, theme: &Theme) {
    let focused = s.focus == Focus::Sidebar;
    let name_w = usize::from(area.width.saturating_sub(13)).max(3);
    let mut lines = vec![Line::styled(
        format!("{:<name_w$} new sus phi", "Folder"),
        theme.header,
    )];
    for (i, folder) in s.folders.iter().enumerate() {
        let mut style = Style::default();
        if i == s.folder {
            style = style.patch(theme.strong);
        }
        if focused && i == s.sidebar_sel {
            style = style.patch(theme.selected(true));
        }
        lines.push(folder_line(folder, name_w, style, theme));
    }
    let block = Block::default()
        .borders(Borders::RIGHT)
        .border_style(theme.border(focused));
    f.render_widget(Paragraph::new(lines).block(block).style(theme.base), area);
}
