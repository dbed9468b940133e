//! The title bar and the status bar: where we are (demo, read-only), key hints generated from the keymap,
//! the message of the last action, progress (of analysis and of an export), filter, sort and marks; the
//! prompt line when it is open.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::tui::keymap::Mode;
use crate::tui::state::{AppState, Overlay, PromptKind};
use crate::tui::theme::Theme;
use crate::tui::wording::{clean, fit};

const MAIN_HINTS: [&str; 8] = [
    "quit",
    "help",
    "open",
    "links",
    "search",
    "limit",
    "cycle-trust",
    "mark",
];
const VIEW_HINTS: [&str; 6] = [
    "close",
    "links",
    "headers",
    "attachments",
    "copy-link",
    "help",
];

/// `key command` pairs for the mode, from the keymap, as many as fit in `width` columns.
pub fn hints<'a>(s: &AppState, theme: &Theme, width: usize) -> Vec<Span<'a>> {
    let (mode, names): (Mode, &[&str]) = match s.overlay {
        Some(Overlay::Links) => (Mode::View, &VIEW_HINTS),
        Some(_) => (Mode::View, &VIEW_HINTS[..4]),
        None => (Mode::Main, &MAIN_HINTS),
    };
    let mut spans = Vec::new();
    let mut used = 0;
    for name in names {
        if let Some(key) = s.keymap.keys_for(mode, name).first() {
            let (k, n) = (format!(" {key}"), format!(" {name} "));
            used += k.chars().count() + n.chars().count();
            if used > width {
                break;
            }
            spans.push(Span::styled(k, theme.hint_key));
            spans.push(Span::raw(n));
        }
    }
    spans
}

/// Progress, filter, sort and marks, for the right of the status bar.
pub fn summary(s: &AppState) -> String {
    let mut parts = Vec::new();
    if let Some(step) = s.exporting.filter(|p| p.total > 0) {
        parts.push(format!(
            "export: {} {}/{}",
            step.stage, step.done, step.total
        ));
    }
    if !s.listed {
        parts.push("listing…".to_string());
    } else if s.analysed < s.rows.len() {
        parts.push(format!("analysed {}/{}", s.analysed, s.rows.len()));
    } else {
        let live = s.rows.iter().filter(|r| !r.gone).count();
        parts.push(crate::tui::wording::count(live));
    }
    parts.push(format!("{} shown", s.shown.len()));
    if !s.limit.is_empty() {
        parts.push(format!("limit: {}", clean(&s.limit.describe())));
    }
    parts.push(format!("sort: {}", s.sort.as_str()));
    if !s.marks.is_empty() {
        parts.push(format!("{} marked", s.marks.len()));
    }
    format!("{} ", parts.join(" · "))
}

/// Draws the title bar.
pub fn render_title(f: &mut Frame, area: Rect, s: &AppState, theme: &Theme) {
    let mut spans = vec![Span::raw(" mailvet "), Span::raw(clean(&s.title))];
    if s.demo {
        spans.push(Span::raw(" "));
        spans.push(Span::styled(
            " DEMO mailbox: sample messages in a temp dir ",
            theme.demo,
        ));
    }
    if s.read_only {
        spans.push(Span::raw(" [read-only]"));
    }
    if let Some(folder) = s.folders.get(s.folder) {
        spans.push(Span::raw(format!("  {}", clean(&folder.name))));
    }
    f.render_widget(Paragraph::new(Line::from(spans)).style(theme.title), area);
}

/// Draws the status bar, or the prompt when it is open.
pub fn render_status(f: &mut Frame, area: Rect, s: &AppState, theme: &Theme) {
    if let Some(p) = &s.prompt {
        let label = match p.kind {
            PromptKind::Search => " search: ",
            PromptKind::SearchReverse => " reverse search: ",
            PromptKind::Limit => " limit: ",
            PromptKind::Move => " move to: ",
            PromptKind::Identity => " your address, to send reports from: ",
        };
        let [l, input, msg] = Layout::horizontal([
            Constraint::Length(u16::try_from(label.len()).unwrap_or(10)),
            Constraint::Fill(1),
            Constraint::Length(u16::try_from(s.status.len().min(60)).unwrap_or(0)),
        ])
        .areas(area);
        f.render_widget(Paragraph::new(label).style(theme.status), l);
        f.render_widget(&p.input, input);
        f.render_widget(Paragraph::new(clean(&s.status)).style(theme.error), msg);
        return;
    }
    // The summary takes what the status message leaves, at least half the line; a longer status message is
    // cut, and the messages view (M) keeps it whole.
    let width = usize::from(area.width);
    let status = clean(&s.status);
    let wanted = if status.is_empty() {
        20
    } else {
        status.chars().count() + 2
    };
    let right = fit(&summary(s), (width / 2).max(width.saturating_sub(wanted)));
    let [left_area, right_area] = Layout::horizontal([
        Constraint::Fill(1),
        Constraint::Length(u16::try_from(right.chars().count()).unwrap_or(40)),
    ])
    .areas(area);
    let room = usize::from(left_area.width).saturating_sub(1);
    let left = if s.status.is_empty() {
        Line::from(hints(s, theme, room))
    } else {
        Line::raw(format!(" {}", fit(&status, room)))
    };
    f.render_widget(Paragraph::new(left).style(theme.status), left_area);
    f.render_widget(Paragraph::new(right).style(theme.status), right_area);
}
