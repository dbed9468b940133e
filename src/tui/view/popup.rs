//! Boxes drawn over the panes: the folder picker (existing folders matching what is typed in the prompt
//! line, or the new folder the name creates) and the yes/no question before purging, its keys taken from
//! the keymap.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use crate::tui::acts::choices;
use crate::tui::keymap::Mode;
use crate::tui::state::{AppState, PromptKind};
use crate::tui::theme::Theme;
use crate::tui::wording::clean;

/// A `w`x`h` box centred in `area` (clipped to it).
pub fn centred(area: Rect, w: u16, h: u16) -> Rect {
    let (w, h) = (w.min(area.width), h.min(area.height));
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

/// Draws the open picker or question, if any.
pub fn render(f: &mut Frame, area: Rect, s: &AppState, theme: &Theme) {
    if let Some(c) = &s.confirm {
        confirm(f, area, s, &c.question, theme);
    } else if let Some(p) = s.prompt.as_ref().filter(|p| p.kind == PromptKind::Move) {
        let list = choices(s, &p.text());
        let rows = u16::try_from(list.len().clamp(1, 12)).unwrap_or(12);
        let box_area = centred(area, 44, rows + 2);
        let inner = usize::from(box_area.height.saturating_sub(2));
        let sel = p.sel.min(list.len().saturating_sub(1));
        let skip = (sel + 1).saturating_sub(inner);
        let mut lines: Vec<Line> = list
            .iter()
            .enumerate()
            .skip(skip)
            .take(inner)
            .map(|(i, c)| {
                let text = if c.new {
                    format!(" + new folder '{}'", clean(&c.name))
                } else {
                    format!("   {}", clean(&c.name))
                };
                let style = if i == sel {
                    theme.selected(true)
                } else {
                    theme.base
                };
                Line::styled(text, style)
            })
            .collect();
        if lines.is_empty() {
            lines.push(Line::styled(" type a folder name", theme.dim));
        }
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme.border(true))
            .title(Span::styled(" Move to folder ", theme.header))
            .title_bottom(Span::styled(" Enter: move  Esc: cancel ", theme.dim));
        f.render_widget(Clear, box_area);
        f.render_widget(Paragraph::new(lines).block(block), box_area);
    }
}

fn confirm(f: &mut Frame, area: Rect, s: &AppState, question: &str, theme: &Theme) {
    // The short list: no Ctrl- combinations, no capital twin of a bound small letter.
    let keys = |cmd: &str| {
        let all: Vec<String> = s
            .keymap
            .keys_for(Mode::Confirm, cmd)
            .iter()
            .map(ToString::to_string)
            .collect();
        let shown: Vec<&str> = all
            .iter()
            .map(String::as_str)
            .filter(|k| !k.starts_with("Ctrl-"))
            .filter(|k| {
                let lower = k.to_lowercase();
                *k == lower || !all.contains(&lower)
            })
            .collect();
        shown.join("/")
    };
    let answer = format!("{}: yes   {}: no", keys("confirm"), keys("cancel"));
    let box_area = centred(area, 50, 6);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.trust(Some(crate::model::Trust::Phishing)))
        .title(Span::styled(" Purge ", theme.header));
    let text = vec![
        Line::raw(clean(question)),
        Line::raw(""),
        Line::styled(answer, theme.hint_key),
    ];
    f.render_widget(Clear, box_area);
    f.render_widget(
        Paragraph::new(text)
            .block(block)
            .wrap(Wrap { trim: true })
            .style(theme.base),
        box_area,
    );
}
