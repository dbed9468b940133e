//! Mutt's search and limit, pure: a state and the search or limit commands give the expected selection, list
//! and status. No terminal, no files.

mod tui_support;

use mailvet::model::Trust;
use mailvet::tui::action::Action;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use tui_support::{apply, cmd, state};

fn type_text(s: &mut mailvet::tui::state::AppState, text: &str) {
    for c in text.chars() {
        apply(
            s,
            Action::PromptKey(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)),
        );
    }
}

#[test]
fn trust_cycle_limits_and_escape_clears() {
    let mut s = state(80, 24);
    cmd(&mut s, "cycle-trust");
    assert_eq!(s.limit.trust, [Trust::Phishing]);
    assert_eq!(s.shown.len(), 1);
    cmd(&mut s, "cycle-trust");
    assert_eq!(s.limit.trust, [Trust::Suspicious]);
    cmd(&mut s, "close");
    assert!(s.limit.is_empty());
    assert_eq!(s.shown.len(), 6);
}

fn prompt(s: &mut mailvet::tui::state::AppState, command: &str, text: &str) {
    cmd(s, command);
    if let Some(p) = &mut s.prompt {
        p.input = tui_textarea::TextArea::default();
    }
    type_text(s, text);
    cmd(s, "submit");
}

#[test]
fn limit_prompt_accepts_prefixes_or_values_and_keeps_bad_input_open() {
    let mut s = state(80, 24);
    cmd(&mut s, "limit");
    assert_eq!(s.mode(), mailvet::tui::keymap::Mode::Prompt);
    type_text(&mut s, "trust:u");
    cmd(&mut s, "submit");
    assert!(s.prompt.is_some(), "ambiguous input keeps the prompt");
    assert!(s.status.contains("ambiguous"), "{}", s.status);
    type_text(&mut s, "nv c:ord");
    cmd(&mut s, "submit");
    assert!(s.prompt.is_none());
    assert_eq!(s.limit.describe(), "trust:unverified cat:orders-shipping");
    assert_eq!(s.shown.len(), 0);
    prompt(&mut s, "limit", "t:phish,susp");
    assert_eq!(s.shown.len(), 2, "phishing OR suspicious");
    assert_eq!(s.status, "2 messages shown");
    prompt(&mut s, "limit", "all");
    assert!(s.limit.is_empty());
    assert_eq!(s.shown.len(), 6);
}

#[test]
fn limit_matches_sender_subject_domain_and_brand() {
    let mut s = state(80, 24);
    for (words, hits) in [
        ("amazon", 2), // Amazon.com, and Seller Central, which claims the brand amazon
        ("PAYPA1-secure", 1),
        ("account", 1),
        ("sellercentral", 1),
        ("nothing-like-it", 0),
    ] {
        prompt(&mut s, "limit", words);
        assert_eq!(s.shown.len(), hits, "{words}");
    }
    cmd(&mut s, "limit");
    cmd(&mut s, "cancel");
    assert!(s.prompt.is_none());
}

#[test]
fn search_moves_to_matches_without_hiding_any_and_n_and_p_step_through_them() {
    let mut s = state(80, 24);
    let subject = |s: &mailvet::tui::state::AppState| {
        let id = s.selected_row().expect("selection");
        s.rows[id]
            .envelope
            .as_ref()
            .map(|e| e.subject.clone())
            .unwrap_or_default()
    };
    // Two rows are labelled phishing or suspicious: the newest (selected) and one further down.
    assert_eq!(s.selected, 0);
    prompt(&mut s, "search", "t:phish,susp");
    assert_eq!(s.shown.len(), 6, "a search never hides messages");
    let below = s.selected;
    assert!(below > 0, "the search starts after the selection");
    assert!(s.status.starts_with("found"), "{}", s.status);
    cmd(&mut s, "search-next");
    assert_eq!(s.selected, 0, "n wraps to the top");
    assert!(s.status.contains("wrapped to top"), "{}", s.status);
    cmd(&mut s, "search-next");
    assert_eq!(s.selected, below);
    cmd(&mut s, "search-prev");
    assert_eq!(s.selected, 0);
    cmd(&mut s, "search-prev");
    assert_eq!(s.selected, below, "P wraps to the bottom");
    assert!(s.status.contains("wrapped to bottom"), "{}", s.status);
    prompt(&mut s, "search", "Amazon");
    let hit = subject(&s);
    assert!(
        [
            "Your package has shipped",
            "Action required: listing removed"
        ]
        .contains(&hit.as_str()),
        "{hit}"
    );
    let at = s.selected;
    prompt(&mut s, "search", "nothing-like-it");
    assert_eq!(s.selected, at, "not found: the selection stays");
    assert!(s.status.starts_with("not found"), "{}", s.status);
}

#[test]
fn alt_slash_searches_backwards_as_mutts_search_reverse() {
    let mut s = state(80, 24);
    let alt_slash = KeyEvent::new(KeyCode::Char('/'), KeyModifiers::ALT);
    let action = s.keymap.lookup(s.mode(), &alt_slash);
    assert_eq!(
        action.as_ref().and_then(Action::name),
        Some("search-reverse")
    );
    prompt(&mut s, "search", "t:phish,susp");
    let below = s.selected;
    cmd(&mut s, "search-prev");
    assert_eq!(s.selected, 0);
    // From the newest row, backwards wraps to the other match at the bottom.
    prompt(&mut s, "search-reverse", "t:phish,susp");
    assert_eq!(s.selected, below);
    assert!(s.status.contains("wrapped to bottom"), "{}", s.status);
    prompt(&mut s, "search-reverse", "t:phish,susp");
    assert_eq!(s.selected, 0, "and on backwards");
    assert!(s.status.starts_with("found"), "{}", s.status);
}

#[test]
fn after_a_reverse_search_n_goes_on_backwards_and_p_forwards_as_in_mutt() {
    let mut s = state(80, 24);
    // Two rows match: the newest (selected) and one further down.
    prompt(&mut s, "search-reverse", "t:phish,susp");
    let below = s.selected;
    assert!(below > 0);
    cmd(&mut s, "search-next");
    assert_eq!(s.selected, 0);
    assert!(
        s.status.starts_with("found"),
        "n goes on backwards: {}",
        s.status
    );
    cmd(&mut s, "search-next");
    assert_eq!(s.selected, below);
    assert!(s.status.contains("wrapped to bottom"), "{}", s.status);
    cmd(&mut s, "search-prev");
    assert_eq!(s.selected, 0);
    assert!(
        s.status.contains("wrapped to top"),
        "P goes forwards: {}",
        s.status
    );
    prompt(&mut s, "search", "t:phish,susp");
    assert_eq!(s.selected, below);
    assert!(s.status.starts_with("found"), "{}", s.status);
    cmd(&mut s, "search-next");
    assert!(
        s.status.contains("wrapped to top"),
        "a forward search turns n forwards: {}",
        s.status
    );
}
