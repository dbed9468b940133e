//! The help screen, generated from the keymap: one section per mode, keys and what they do.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::tui::keymap::{Keymap, Mode};
use crate::tui::state::AppState;
use crate::tui::theme::Theme;

fn section_title(mode: Mode) -> &'static str {
    match mode {
        Mode::Main => "Folders, list and detail",
        Mode::View => "Body, links, headers, attachments, help",
        Mode::Prompt => "Search, limit and folder prompt (other keys edit the text)",
        Mode::Confirm => "Yes/no question (before purging)",
        Mode::Export => "Export dialog (other keys edit the path)",
    }
}

/// The help lines for a keymap.
pub fn help_lines<'a>(keymap: &Keymap, theme: &Theme) -> Vec<Line<'a>> {
    let mut lines = Vec::new();
    for mode in Mode::ALL {
        lines.push(Line::styled(section_title(mode), theme.header));
        for (keys, desc) in keymap.help(mode) {
            lines.push(Line::from(vec![
                Span::styled(format!("  {keys:<18}"), theme.hint_key),
                Span::raw(desc),
            ]));
        }
        lines.push(Line::raw(""));
    }
    lines.push(Line::styled(
        "Search and limit: trust:phishing,suspicious cat:orders words (prefixes: t:phish,susp c:ord)",
        theme.dim,
    ));
    lines
}

/// Draws help.
pub fn render(f: &mut Frame, area: Rect, s: &AppState, theme: &Theme) {
    let lines: Vec<Line> = help_lines(&s.keymap, theme)
        .into_iter()
        .skip(s.scroll)
        .collect();
    let block = super::overlay_block(
        " Help — keys come from keymap.toml and your config ".into(),
        theme,
    );
    f.render_widget(Paragraph::new(lines).block(block).style(theme.base), area);
}
