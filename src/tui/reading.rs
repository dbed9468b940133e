//! The message on screen as it comes back from its reading thread: shown unless a lesson overtook it, its
//! verdict given to its row, its body laid out again when the terminal's width changed meanwhile.

use std::sync::Arc;

use super::bodytext::BodyText;
use super::effect::Effect;
use super::state::{AppState, Content, Opened};
use super::sync;

/// A message was read, judged by the rules as they were after `lessons` lessons: shown, unless the user taught
/// something since (teaching asked for it again). Its row takes its verdict, so that the list and the detail
/// pane show the same judgement in the same frame, though the row's own judgement may still be on its way.
pub fn loaded(
    s: &mut AppState,
    id: usize,
    lessons: u64,
    content: Result<Content, String>,
    effects: &mut Vec<Effect>,
) {
    if lessons < s.lessons {
        return;
    }
    if s.loading == Some(id) {
        s.loading = None;
    }
    if let Ok(c) = &content {
        sync::opened(s, id, &c.verdict);
    }
    let stale = content
        .as_ref()
        .is_ok_and(|c| c.body.width != body_width(s));
    s.open = Some(Opened { row: id, content });
    if stale {
        // The terminal was resized while the message was read.
        relayout_body(s, effects);
    }
}

/// The body of message `id` laid out at `width`: taken if that message is still open at that width.
pub fn laid_out(s: &mut AppState, id: usize, width: usize, body: BodyText) {
    if width != body_width(s) {
        return;
    }
    if let Some(Opened {
        row,
        content: Ok(c),
    }) = &mut s.open
        && *row == id
    {
        c.body = body;
    }
}

/// The width the body is laid out at for the terminal's width.
pub fn body_width(s: &AppState) -> usize {
    usize::from(s.width.saturating_sub(2)).clamp(20, 120)
}

/// Asks for the open message's body laid out again at the current width.
pub fn relayout_body(s: &AppState, effects: &mut Vec<Effect>) {
    if let Some(Opened {
        row,
        content: Ok(c),
    }) = &s.open
    {
        effects.push(Effect::Layout(*row, Arc::clone(&c.message), body_width(s)));
    }
}
