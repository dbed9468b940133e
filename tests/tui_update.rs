//! Pure update tests: a state and an action give the expected state and effects. No terminal, no files.

mod tui_support;

use mailvet::model::Trust;
use mailvet::tui::action::Action;
use mailvet::tui::effect::Effect;
use mailvet::tui::slots::Slot;
use mailvet::tui::state::{Focus, Overlay, SortKey};
use mailvet::tui::sync::prepare;

use tui_support::{apply, cmd, state};

#[test]
fn listing_starts_analysis_and_prioritises_visible_rows() {
    let mut s = mailvet::tui::state::AppState::new("x", Default::default(), Default::default());
    apply(&mut s, Action::Resize(80, 24));
    let effects = apply(
        &mut s,
        Action::Listed(Box::new(prepare(tui_support::listing()))),
    );
    assert!(matches!(&effects[0], Effect::Analyse(paths) if paths.len() == 7));
    assert!(matches!(&effects[1], Effect::Prioritise(ids) if !ids.is_empty()));
    assert_eq!(
        s.folders
            .iter()
            .map(|f| f.name.as_str())
            .collect::<Vec<_>>(),
        ["INBOX", "Junk"]
    );
    assert_eq!(s.shown.len(), 6, "INBOX rows only");
    assert!(s.listed);
    assert_eq!(s.analysed, 0);
}

#[test]
fn analysed_rows_fill_in_counts_and_the_selected_row_is_read() {
    let s = state(80, 24);
    assert_eq!(s.analysed, 6);
    assert_eq!(
        (
            s.folders[0].unread,
            s.folders[0].suspicious,
            s.folders[0].phishing
        ),
        (3, 1, 1)
    );
    assert_eq!(s.folders[1].phishing, 1);
    assert!(s.content().is_some(), "row 0 is selected and loaded");
}

#[test]
fn moving_stays_in_bounds_and_reads_the_new_selection() {
    let mut s = state(80, 24);
    cmd(&mut s, "up");
    assert_eq!(s.selected, 0);
    let effects = cmd(&mut s, "down");
    assert_eq!(s.selected, 1);
    let id = s.selected_row().expect("row");
    assert!(
        effects
            .iter()
            .any(|e| matches!(e, Effect::Load(i, p, _) if *i == id && **p == *s.rows[id].path))
    );
    assert_eq!(s.loading, Some(id));
    cmd(&mut s, "bottom");
    assert_eq!(s.selected, 5);
    cmd(&mut s, "down");
    assert_eq!(s.selected, 5);
    cmd(&mut s, "top");
    assert_eq!(s.selected, 0);
}

#[test]
fn pending_rows_are_not_read_until_analysed() {
    let mut s = state(80, 24);
    let pending = s
        .shown
        .iter()
        .position(|&i| s.rows[i].verdict.is_none())
        .expect("pending row");
    s.selected = pending;
    let effects = cmd(&mut s, "toggle-detail");
    assert!(!s.show_detail);
    assert!(effects.iter().all(|e| !matches!(e, Effect::Load(..))));
}

#[test]
fn marks_toggle_and_mark_all_shown_flips() {
    let mut s = state(80, 24);
    let first = s.selected_row().expect("row");
    cmd(&mut s, "mark");
    assert!(s.marks.contains(&first));
    assert_eq!(s.selected, 1, "marking moves down");
    cmd(&mut s, "mark-all");
    assert_eq!(s.marks.len(), 6);
    cmd(&mut s, "mark-all");
    assert!(s.marks.is_empty());
}

#[test]
fn sort_cycles_and_keeps_the_selected_message() {
    let mut s = state(80, 24);
    cmd(&mut s, "down");
    let id = s.selected_row();
    cmd(&mut s, "cycle-sort");
    assert_eq!(s.sort, SortKey::Trust);
    assert_eq!(s.selected_row(), id);
    assert_eq!(s.rows[s.shown[0]].trust(), Some(Trust::Phishing));
    assert!(s.rows[s.shown[5]].verdict.is_none(), "pending last");
    cmd(&mut s, "cycle-sort");
    assert_eq!(s.sort, SortKey::Sender);
    cmd(&mut s, "cycle-sort");
    assert_eq!(s.sort, SortKey::Date);
}

#[test]
fn overlays_open_scroll_and_close_and_q_quits_only_from_main() {
    let mut s = state(80, 24);
    cmd(&mut s, "open");
    assert_eq!(s.overlay, Some(Overlay::Body));
    cmd(&mut s, "down");
    assert_eq!(s.scroll, 1);
    cmd(&mut s, "close-or-quit");
    assert_eq!(s.overlay, None);
    assert!(!s.quit);
    cmd(&mut s, "close-or-quit");
    assert!(s.quit);
}

#[test]
fn links_view_moves_its_cursor_and_copies_the_url() {
    let mut s = state(80, 24);
    let copies = |e: &Vec<Effect>| e.iter().filter(|e| matches!(e, Effect::Copy(_))).count();
    assert_eq!(
        copies(&cmd(&mut s, "copy-link")),
        0,
        "nothing to copy outside the link table"
    );
    cmd(&mut s, "links");
    cmd(&mut s, "down");
    cmd(&mut s, "down");
    cmd(&mut s, "down");
    assert_eq!(s.link_sel, 2);
    let effects = cmd(&mut s, "copy-link");
    assert!(effects.contains(&Effect::Copy("http://203.0.113.9/track".into())));
}

#[test]
fn focus_cycles_through_shown_panes_and_sidebar_opens_folders() {
    let mut s = state(80, 24);
    assert!(!s.sidebar_shown(), "no sidebar below 100 columns");
    cmd(&mut s, "toggle-sidebar");
    assert!(s.sidebar_shown(), "b shows it");
    assert_eq!(s.focus, Focus::List);
    cmd(&mut s, "focus-next");
    assert_eq!(s.focus, Focus::Detail);
    cmd(&mut s, "down");
    assert_eq!(s.detail_scroll, 1);
    cmd(&mut s, "focus-next");
    assert_eq!(s.focus, Focus::Sidebar);
    cmd(&mut s, "down");
    cmd(&mut s, "open");
    assert_eq!(s.folders[s.folder].name, "Junk");
    assert_eq!(s.shown.len(), 1);
    assert_eq!(s.focus, Focus::List);
    cmd(&mut s, "focus-prev");
    assert_eq!(s.focus, Focus::Sidebar);
    cmd(&mut s, "toggle-sidebar");
    assert_eq!(s.focus, Focus::List, "hiding the focused pane moves focus");
}

#[test]
fn resize_keeps_the_selection_on_screen() {
    let mut s = state(160, 48);
    cmd(&mut s, "bottom");
    apply(&mut s, Action::Resize(80, 8));
    let rows = mailvet::tui::layout::list_rows(&s);
    assert!(s.selected >= s.offset && s.selected < s.offset + rows);
}

#[test]
fn unreadable_message_shows_the_reason() {
    let mut s = state(80, 24);
    cmd(&mut s, "down");
    let id = s.selected_row().expect("row");
    apply(
        &mut s,
        Action::Loaded(id, 0, Box::new(Err("cannot read 'x': gone".into()))),
    );
    assert!(s.content().is_none());
    assert!(matches!(&s.open, Some(o) if o.row == id && o.content.is_err()));
}

#[test]
fn the_selection_stays_on_the_newest_message_until_moved() {
    let mut s = mailvet::tui::state::AppState::new("x", Default::default(), Default::default());
    apply(&mut s, Action::Resize(80, 24));
    apply(
        &mut s,
        Action::Listed(Box::new(prepare(tui_support::listing()))),
    );
    assert_eq!(s.selected, 0);
    // The oldest delivery turns out to carry the newest Date header: it moves to the top, and so does
    // the selection (the list is sorted newest first, as mutt shows it).
    let fixtures = tui_support::fixtures();
    let mut late = tui_support::summary(&fixtures[3]).expect("analysed");
    if let Some(e) = &mut late.envelope {
        e.date = Some(tui_support::NOW);
    }
    apply(&mut s, Action::Analysed(3, Box::new(late)));
    apply(&mut s, Action::Tick(tui_support::NOW));
    assert_eq!(s.shown[0], 3);
    assert_eq!(
        s.selected_row(),
        Some(3),
        "the newest, not the first file read"
    );
    // Once moved, the selection follows its message through re-sorts.
    cmd(&mut s, "down");
    let chosen = s.selected_row();
    let early = tui_support::summary(&fixtures[1]).expect("analysed");
    apply(&mut s, Action::Analysed(1, Box::new(early)));
    apply(&mut s, Action::Tick(tui_support::NOW));
    assert_eq!(s.selected_row(), chosen);
}

#[test]
fn status_messages_are_kept_for_the_messages_view() {
    let mut s = state(80, 24);
    for _ in 0..3 {
        cmd(&mut s, "cycle-sort");
    }
    assert_eq!(
        s.messages[s.messages.len() - 3..],
        ["sorted by trust", "sorted by sender", "sorted by date"]
    );
    cmd(&mut s, "messages");
    assert_eq!(s.overlay, Some(Overlay::Messages));
    cmd(&mut s, "overview");
    assert_eq!(s.overlay, Some(Overlay::Overview));
}

#[test]
fn opening_an_unread_message_marks_it_read_except_read_only() {
    use mailvet::tui::jobs::Write;
    let reads = |e: &[Effect]| {
        e.iter()
            .filter(|e| matches!(e, Effect::Write(Write::Read(_))))
            .count()
    };
    let mut s = state(80, 24);
    let id = s.selected_row().expect("selected");
    assert!(s.rows[id].unread());
    assert_eq!(reads(&cmd(&mut s, "open")), 1);
    cmd(&mut s, "close");
    cmd(&mut s, "down");
    cmd(&mut s, "down");
    let read = s.selected_row().expect("selected");
    assert!(!s.rows[read].unread());
    assert_eq!(reads(&cmd(&mut s, "open")), 0, "already read");
    let mut s = state(80, 24);
    s.read_only = true;
    assert_eq!(reads(&cmd(&mut s, "open")), 0, "read-only writes nothing");
}

#[test]
fn results_judged_before_a_lesson_are_judged_again_not_shown() {
    let mut s = mailvet::tui::state::AppState::new("x", Default::default(), Default::default());
    apply(&mut s, Action::Resize(80, 24));
    apply(
        &mut s,
        Action::Listed(Box::new(prepare(tui_support::listing()))),
    );
    let fixtures = tui_support::fixtures();
    let judged: Vec<(usize, _)> = (fixtures.iter().enumerate())
        .filter_map(|(i, f)| Some((i, tui_support::summary(f)?)))
        .collect();
    // Every row but the last readable one is analysed; the user blocks amazon.com (row 1).
    let (&(late, ref late_summary), first) = judged.split_last().expect("fixtures");
    assert_ne!(late, 1);
    apply(
        &mut s,
        Action::AnalysedMany(0, first.to_vec(), Slot::unbounded()),
    );
    s.selected = s.shown.iter().position(|&id| id == 1).expect("row 1 shown");
    s.moved = true;
    let effects = cmd(&mut s, "phishing");
    assert!(
        matches!(effects.as_slice(), [Effect::Teach(..), ..]),
        "{effects:?}"
    );
    assert_eq!(s.lessons, 1);

    // The last row was judged by the rules before the lesson: it is analysed again, not shown.
    let effects = apply(
        &mut s,
        Action::AnalysedMany(0, vec![(late, late_summary.clone())], Slot::unbounded()),
    );
    assert!(s.rows[late].verdict.is_none());
    assert!(
        effects.contains(&Effect::AnalyseRows(vec![(
            late,
            s.rows[late].path.to_path_buf()
        )])),
        "{effects:?}"
    );
    apply(
        &mut s,
        Action::AnalysedMany(1, vec![(late, late_summary.clone())], Slot::unbounded()),
    );
    assert!(s.rows[late].verdict.is_some());
}

/// The opened message as read by rules after `lessons` lessons, its verdict `trust` (else the fixture's).
fn read_as(id: usize, lessons: u64, trust: Trust) -> Action {
    let mut verdict = tui_support::fixtures()[id]
        .verdict
        .clone()
        .expect("analysed");
    verdict.trust = trust;
    let loaded = mailvet::pipeline::Loaded {
        message: tui_support::phishing_message(),
        headers: tui_support::phishing_headers(),
        verdict,
        auth_used: Vec::new(),
    };
    let brands = mailvet::analysis::Brands::embedded();
    let content = mailvet::tui::state::Content::prepare(loaded, 78, &brands);
    Action::Loaded(id, lessons, Box::new(Ok(content)))
}

#[test]
fn the_detail_pane_and_the_list_show_the_lesson_in_the_same_frame() {
    let mut s = state(80, 24);
    let id = 1;
    s.selected = s.shown.iter().position(|&r| r == id).expect("row shown");
    s.moved = true;
    assert_eq!(s.rows[id].trust(), Some(Trust::Verified));
    let effects = cmd(&mut s, "phishing");
    assert!(
        effects
            .iter()
            .any(|e| matches!(e, Effect::Load(r, ..) if *r == id)),
        "read again by the new rules: {effects:?}"
    );

    // A reading made before the lesson is not shown.
    apply(&mut s, read_as(id, 0, Trust::Verified));
    assert!(s.open.as_ref().is_none_or(|o| o.row != id));

    // Read by the lesson before the row's own judgement came back: the row shows what the pane shows.
    let phishing_before = s.folders[s.rows[id].folder_idx].phishing;
    apply(&mut s, read_as(id, 1, Trust::Phishing));
    assert_eq!(s.content().map(|c| c.verdict.trust), Some(Trust::Phishing));
    assert_eq!(s.rows[id].trust(), Some(Trust::Phishing));
    assert_eq!(
        s.folders[s.rows[id].folder_idx].phishing,
        phishing_before + 1
    );
}
