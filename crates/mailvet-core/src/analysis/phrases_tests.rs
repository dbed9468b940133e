//! Tests of the phrase lists and of finding them in text.

use super::*;
use proptest::prelude::*;

#[test]
fn every_language_file_parses_with_known_lists_only() {
    for (code, source) in LANGUAGES {
        let phrases = parse(source).unwrap_or_else(|e| panic!("phrases/{code}.toml: {e}"));
        for list in [
            List::Generic,
            List::Urgency,
            List::Credentials,
            List::CredentialNouns,
            List::Prize,
            List::Organisation,
        ] {
            assert!(
                phrases.iter().any(|(l, _)| *l == list),
                "phrases/{code}.toml has no {list:?} phrases"
            );
        }
    }
}

/// The lexicon as it was built at run time before build.rs did it: every file parsed, every phrase folded,
/// each distinct one kept once where it first appears.
fn built_at_run_time() -> Vec<(String, u32, u32)> {
    let mut patterns: Vec<(String, u32, u32)> = Vec::new();
    for (lang, (_, source)) in LANGUAGES.iter().enumerate() {
        for (list, phrase) in parse(source).expect("parses") {
            let text = fold(&phrase, 256).trim().to_string();
            if text.is_empty() {
                continue;
            }
            let i = match patterns.iter().position(|(t, ..)| *t == text) {
                Some(i) => i,
                None => {
                    patterns.push((text, 0, 0));
                    patterns.len() - 1
                }
            };
            patterns[i].1 |= list.bit();
            patterns[i].2 |= 1 << lang;
        }
    }
    patterns
}

#[test]
fn the_lexicon_build_rs_wrote_is_the_phrase_files_folded() {
    let built: Vec<(String, u32, u32)> = (lexicon().patterns.iter().zip(PHRASES))
        .map(|(p, &(_, _, languages))| (p.text.to_string(), p.lists, languages))
        .collect();
    assert!(built.len() > 1000);
    assert_eq!(built, built_at_run_time());
}

#[test]
fn phrases_match_whole_folded_words_in_one_pass() {
    let hits = Hits::scan(&fold("Dear  Customer, please VERIFY your account!", 1000));
    assert_eq!(hits.first(List::Generic), Some("dear customer"));
    assert!(
        hits.all(List::Credentials)
            .any(|p| p == "verify your account")
    );
    assert!(hits.count(List::Account) >= 2, "verify, account");
    assert_eq!(
        Hits::scan(&fold("customers accounts", 100)).first(List::Generic),
        None
    );
    assert_eq!(
        Hits::scan(&fold("unaccountable", 100)).count(List::Account),
        0
    );
}

#[test]
fn first_before_respects_where_a_phrase_starts() {
    let text = fold(&format!("{} dear customer", "word ".repeat(100)), 2000);
    let hits = Hits::scan(&text);
    assert_eq!(hits.first_before(List::Generic, 100), None);
    assert_eq!(
        hits.first_before(List::Generic, 2000),
        Some("dear customer")
    );
}

#[test]
fn unspaced_scripts_match_inside_longer_runs() {
    let ja = Hits::scan(&fold(
        "【重要】お客様のアカウントは一時停止されました",
        1000,
    ));
    assert!(ja.all(List::Urgency).any(|p| p == "一 時 停 止"));
    assert!(ja.all(List::Account).any(|p| p == "ア カ ウ ン ト"));
    let ko = Hits::scan(&fold("고객님의 계정이 정지되었습니다", 1000));
    assert!(ko.all(List::Account).any(|p| p == "계 정"));
    assert_eq!(languages_of("계정"), vec!["ko"]);
}

/// How phrases were found before they were looked up by word: one aho-corasick automaton over every
/// padded phrase, its overlapping matches in the order it reports them, each phrase kept once, at most
/// `max`, sorted by start.
fn found_by_automaton(patterns: &[String], folded: &str, max: usize) -> Vec<(usize, usize)> {
    let padded = patterns.iter().map(|p| format!(" {p} "));
    let ac = aho_corasick::AhoCorasick::builder()
        .prefilter(false)
        .build(padded)
        .expect("automaton");
    let mut found: Vec<(usize, usize)> = Vec::new();
    for m in ac.find_overlapping_iter(folded) {
        let pattern = m.pattern().as_usize();
        if !found.iter().any(|&(p, _)| p == pattern) {
            found.push((pattern, m.start() + 1));
            if found.len() >= max {
                break;
            }
        }
    }
    found.sort_by_key(|&(_, start)| start);
    found
}

#[test]
fn every_phrase_at_once_keeps_the_same_first_phrases() {
    let patterns: Vec<String> = lexicon()
        .patterns
        .iter()
        .map(|p| p.text.to_string())
        .collect();
    assert!(patterns.len() > Hits::MAX, "the cap matters");
    let mut text = String::from(" ");
    for p in patterns.iter().rev().chain(&patterns) {
        text.push_str(p);
        text.push(' ');
    }
    for folded in [text.as_str(), " dear customer verify your account now "] {
        let expected = found_by_automaton(&patterns, folded, Hits::MAX);
        assert_eq!(Hits::scan(folded).found, expected);
    }
}

/// Folded text made of a few short words, so that phrases overlap, nest and end together.
fn words(max: usize) -> impl Strategy<Value = Vec<&'static str>> {
    prop::collection::vec(
        prop::sample::select(vec!["a", "b", "ab", "é", "ba"]),
        1..max,
    )
}

proptest! {
    #[test]
    fn word_lookups_find_the_phrases_the_automaton_found(
        phrases in prop::collection::vec(words(4), 1..12),
        text in words(30),
        max in 1usize..8,
    ) {
        let mut patterns: Vec<String> = phrases.iter().map(|w| w.join(" ")).collect();
        patterns.sort();
        patterns.dedup();
        let folded = format!(" {} ", text.join(" "));
        let entries: Vec<(usize, String)> = patterns.iter().map(|p| (0, p.clone())).collect();
        let occurrences = NameSet::build(&entries).occurrences(&folded);
        let length = |id: usize| patterns.get(id).map_or(0, String::len);
        prop_assert_eq!(
            first_found(occurrences, length, max),
            found_by_automaton(&patterns, &folded, max)
        );
    }
}
