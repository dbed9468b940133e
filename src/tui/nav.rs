//! Moving around, pure: the selection, scrolling and the link cursor, the panes and their focus, opening a
//! folder, opening and closing the message views.

use super::keymap::Mode;
use super::layout;
use super::state::{AppState, Focus, Overlay};

/// One screen of lines for the window that has the keyboard (an overlay, else the list), less one.
pub fn page(s: &AppState) -> isize {
    let rows = if s.overlay.is_some() {
        layout::overlay_rows(s)
    } else {
        layout::list_rows(s)
    };
    isize::try_from(rows.saturating_sub(1).max(1)).unwrap_or(1)
}

fn moved(at: usize, by: isize, len: usize) -> usize {
    at.saturating_add_signed(by).min(len.saturating_sub(1))
}

/// Moves whatever has the keyboard: overlay scroll, link cursor, sidebar, detail scroll or the list.
pub fn step(s: &mut AppState, by: isize) {
    match (s.overlay, s.focus) {
        (Some(Overlay::Links), _) => {
            let len = s.content().map_or(0, |c| c.links.len());
            s.link_sel = moved(s.link_sel, by, len);
        }
        (Some(_), _) => s.scroll = moved(s.scroll, by, overlay_len(s)),
        (None, Focus::Sidebar) => s.sidebar_sel = moved(s.sidebar_sel, by, s.folders.len()),
        (None, Focus::Detail) => s.detail_scroll = moved(s.detail_scroll, by, detail_len(s)),
        (None, Focus::List) => {
            s.selected = moved(s.selected, by, s.shown.len());
            s.moved = true;
            s.detail_scroll = 0;
        }
    }
}

fn overlay_len(s: &AppState) -> usize {
    match (s.overlay, s.content()) {
        (Some(Overlay::Body), Some(c)) => c.body.lines.len(),
        (Some(Overlay::Headers), Some(c)) => c.headers.len(),
        (Some(Overlay::Attachments), Some(c)) => c.message.attachments.len(),
        (Some(Overlay::Help), _) => Mode::ALL.iter().map(|m| s.keymap.help(*m).len() + 2).sum(),
        (Some(Overlay::Messages), _) => s.messages.len(),
        _ => 0,
    }
}

/// An upper bound on the detail pane's lines: the header fields, the checklist, room for wrapping.
fn detail_len(s: &AppState) -> usize {
    let signals = s.content().map_or(0, |c| c.verdict.signals.len());
    (12 + signals) * 2
}

fn panes(s: &AppState) -> Vec<Focus> {
    let mut panes = Vec::new();
    if s.sidebar_shown() {
        panes.push(Focus::Sidebar);
    }
    panes.push(Focus::List);
    if s.show_detail {
        panes.push(Focus::Detail);
    }
    panes
}

/// The next (or previous) pane shown.
pub fn cycle_focus(s: &AppState, forward: bool) -> Focus {
    let panes = panes(s);
    let i = panes.iter().position(|f| *f == s.focus).unwrap_or(0);
    let n = panes.len();
    let next = if forward {
        (i + 1) % n
    } else {
        (i + n - 1) % n
    };
    panes.get(next).copied().unwrap_or(Focus::List)
}

/// The focused pane, or the list when the focused pane was just hidden.
pub fn fix_focus(s: &AppState) -> Focus {
    if panes(s).contains(&s.focus) {
        s.focus
    } else {
        Focus::List
    }
}

/// Shows the folder selected in the sidebar.
pub fn open_folder(s: &mut AppState) {
    if s.sidebar_sel < s.folders.len() {
        s.folder = s.sidebar_sel;
        s.selected = 0;
        s.moved = false;
        s.refresh();
        s.focus = Focus::List;
    }
}

/// Opens a view of the selected message (or the help, the messages or the overview, which need none).
pub fn show(s: &mut AppState, overlay: Overlay) {
    let needs_message = !matches!(
        overlay,
        Overlay::Help | Overlay::Messages | Overlay::Overview
    );
    if needs_message && s.selected_row().is_none() {
        s.status = "no message selected".into();
        return;
    }
    s.overlay = Some(overlay);
    s.scroll = 0;
    s.link_sel = 0;
}

/// Closes the open view; with none open, clears the limit.
pub fn close(s: &mut AppState) {
    if s.overlay.take().is_none() && !s.limit.is_empty() {
        s.limit = crate::model::Query::default();
        s.refresh();
        s.status = "limit cleared: every message shown".into();
    }
}
