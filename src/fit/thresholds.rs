//! Step 3 of the fit: the suspicious and phishing thresholds, from the scores of the training messages.
//! Each threshold sits in the middle of the gap between the genuine mail it must leave alone and the next
//! score above it, so mail it has not seen gets the widest margin the training set allows.

/// Largest share of each genuine group the suspicious threshold may flag.
pub const FALSE_ALARM_SHARE: f64 = 0.01;
/// The fitted probability of phishing from which a message is labelled phishing (at least).
pub const PHISHING_ODDS: f64 = 0.9;

/// The genuine groups, as named in the corpora.
pub const GENUINE_GROUPS: [&str; 2] = ["legit-brand", "legit-other"];

/// Rounds up to two decimals.
fn ceil2(x: f64) -> f64 {
    (x * 100.0).ceil() / 100.0
}

/// The highest score of `group` that the threshold must stay above when `share` of it may be flagged.
fn must_stay_below(scored: &[(f64, &str)], group: &str, share: f64) -> Option<f64> {
    let mut scores: Vec<f64> = scored
        .iter()
        .filter(|(_, g)| *g == group)
        .map(|(s, _)| *s)
        .collect();
    scores.sort_by(|a, b| b.total_cmp(a));
    let allowed = (share * scores.len() as f64).floor() as usize;
    scores.get(allowed).copied()
}

/// A threshold above `floor`: the middle of the gap to the next score of any message, rounded up.
fn above(scored: &[(f64, &str)], floor: f64) -> f64 {
    let next = scored
        .iter()
        .map(|(s, _)| *s)
        .filter(|&s| s > floor + 1e-9)
        .min_by(f64::total_cmp)
        .unwrap_or(floor + 1.0);
    let t = ceil2((floor + next) / 2.0);
    if t <= floor + 1e-9 {
        ceil2(floor + 0.01)
    } else {
        t
    }
}

fn highest_genuine(scored: &[(f64, &str)], share: f64) -> Option<f64> {
    GENUINE_GROUPS
        .iter()
        .filter_map(|g| must_stay_below(scored, g, share))
        .max_by(f64::total_cmp)
}

/// `(suspicious, phishing)` for messages scored `(score, group)`; `even_odds` is the score at which the fit
/// gives phishing even odds.
pub fn choose(scored: &[(f64, &str)], even_odds: f64) -> (f64, f64) {
    let suspicious = highest_genuine(scored, FALSE_ALARM_SHARE)
        .map_or_else(|| ceil2(even_odds), |floor| above(scored, floor));
    let odds = ceil2(even_odds + (PHISHING_ODDS / (1.0 - PHISHING_ODDS)).ln());
    let phishing = highest_genuine(scored, 0.0)
        .map_or(odds, |floor| above(scored, floor).max(odds))
        .max(suspicious);
    (suspicious, phishing)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suspicious_sits_in_the_gap_above_genuine_mail() {
        let scored = [
            (0.0, "legit-other"),
            (1.0, "legit-brand"),
            (3.0, "phishing"),
            (5.0, "phishing"),
        ];
        let (s, p) = choose(&scored, 0.0);
        assert_eq!(s, 2.0);
        assert!(p >= s && p >= 2.19, "{p}");
    }

    #[test]
    fn one_percent_of_a_large_genuine_group_may_score_high() {
        let mut scored: Vec<(f64, &str)> = (0..200).map(|_| (0.0, "legit-other")).collect();
        scored.push((4.0, "legit-other"));
        scored.push((2.0, "phishing"));
        let (s, p) = choose(&scored, -5.0);
        assert_eq!(s, 1.0);
        assert_eq!(p, 4.5, "phishing stays above every genuine message");
    }
}
