//! Mutt's search, pure: `/` keeps the list and moves the selection to the next message matching the query,
//! `n` to the next one again and `P` to the previous one, wrapping round the list as mutt does; `Alt-/`
//! (mutt's search-reverse, Esc-/) searches backwards, and then `n` goes on backwards and `P` forwards, as
//! mutt's search-next and search-opposite do.

use crate::model::Query;

use super::filter::matches;
use super::state::{AppState, Focus};

/// Starts a new search for `q` from the selection, forward (`/`) or backwards (`Alt-/`).
pub fn start(s: &mut AppState, q: Query, forward: bool) {
    s.search = q;
    s.search_backwards = !forward;
    jump(s, forward);
}

/// Jumps to the next (`forward`) or previous match of the last search.
pub fn jump(s: &mut AppState, forward: bool) {
    if s.search.is_empty() {
        s.status = "no search yet: / searches".into();
        return;
    }
    let what = s.search.describe();
    let n = s.shown.len();
    let found = (1..=n).find_map(|k| {
        let at = if forward {
            (s.selected + k) % n
        } else {
            (s.selected + n - k % n) % n
        };
        matches(&s.search, &s.rows[s.shown[at]]).then_some((k, at))
    });
    match found {
        None => s.status = format!("not found: {what}"),
        Some((k, at)) => {
            let said = if k == n {
                "only this message matches"
            } else if forward && at < s.selected {
                "search wrapped to top"
            } else if !forward && at > s.selected {
                "search wrapped to bottom"
            } else {
                "found"
            };
            s.selected = at;
            s.moved = true;
            s.detail_scroll = 0;
            s.focus = Focus::List;
            s.status = format!("{said}: {what}");
        }
    }
}
