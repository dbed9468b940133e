//! Where each pane goes for a terminal size: shared by the views (to draw) and by update (to know how many
//! list lines are on screen). Pure.

use ratatui::layout::Rect;

use super::state::AppState;

/// Columns from which the detail pane sits beside the list instead of below it.
pub const WIDE: u16 = 160;

/// Columns from which the folder sidebar shows unless hidden (`b` toggles it at any width).
pub const SIDEBAR_FROM: u16 = 100;

/// The panes of one frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    /// Top line.
    pub title: Rect,
    /// Folder sidebar, when shown.
    pub sidebar: Option<Rect>,
    /// Message list including its header line.
    pub list: Rect,
    /// Detail pane, when shown.
    pub detail: Option<Rect>,
    /// Everything between title and status (overlays cover it).
    pub middle: Rect,
    /// Bottom line.
    pub status: Rect,
}

/// The panes for the state's size and toggles.
pub fn areas(s: &AppState) -> Areas {
    let full = Rect::new(0, 0, s.width, s.height);
    let title = Rect::new(0, 0, full.width, full.height.min(1));
    let status = Rect::new(
        0,
        full.height.saturating_sub(1),
        full.width,
        full.height.min(1),
    );
    let middle = Rect::new(0, 1, full.width, full.height.saturating_sub(2));
    let side_w = if full.width >= 120 { 26 } else { 22 };
    let (sidebar, main) = if s.sidebar_shown() && full.width >= 40 {
        let side = Rect::new(middle.x, middle.y, side_w, middle.height);
        let main = Rect::new(
            middle.x + side_w,
            middle.y,
            middle.width - side_w,
            middle.height,
        );
        (Some(side), main)
    } else {
        (None, middle)
    };
    let (list, detail) = if !s.show_detail || main.height < 8 {
        (main, None)
    } else if full.width >= WIDE {
        let list_w = main.width * 11 / 20;
        let list = Rect::new(main.x, main.y, list_w, main.height);
        let detail = Rect::new(main.x + list_w, main.y, main.width - list_w, main.height);
        (list, Some(detail))
    } else {
        let list_h = main.height * 9 / 20;
        let list = Rect::new(main.x, main.y, main.width, list_h);
        let detail = Rect::new(main.x, main.y + list_h, main.width, main.height - list_h);
        (list, Some(detail))
    };
    Areas {
        title,
        sidebar,
        list,
        detail,
        middle,
        status,
    }
}

/// Message lines that fit in the list (its first line is the column header).
pub fn list_rows(s: &AppState) -> usize {
    usize::from(areas(s).list.height.saturating_sub(1)).max(1)
}

/// Lines that fit in an overlay (it has a one-line title).
pub fn overlay_rows(s: &AppState) -> usize {
    usize::from(areas(s).middle.height.saturating_sub(1)).max(1)
}
