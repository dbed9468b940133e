//! k-fold cross-validation of the fit: every message is judged with weights and thresholds fitted on the
//! other folds only. The folds are fixed: a message's fold is a hash of its file name, so the same corpora
//! always give the same folds and the same figures.

use rayon::prelude::*;

use crate::analysis::Rules;
use crate::fit::{self, Item};

use super::{Outcome, Sample, judge};

/// How many folds.
pub const FOLDS: usize = 5;

/// The fold of a corpus file (FNV-1a of its path inside the corpus).
pub fn fold_of(file: &str) -> usize {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in file.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    (h % FOLDS as u64) as usize
}

/// Each sample judged with the rules `rules` but the scores fitted without its fold; `items` are the samples'
/// features (`fit::items`), in the same order.
pub fn cross_validated(samples: &[Sample], items: &[Option<Item>], rules: &Rules) -> Vec<Outcome> {
    let folds: Vec<usize> = samples.iter().map(|s| fold_of(&s.label.file)).collect();
    let fold_rules: Vec<Rules> = (0..FOLDS)
        .map(|k| {
            let training: Vec<&Item> = items
                .iter()
                .zip(&folds)
                .filter(|&(_, &f)| f != k)
                .filter_map(|(item, _)| item.as_ref())
                .collect();
            Rules {
                scores: fit::fit(&training).scores,
                ..rules.clone()
            }
        })
        .collect();
    samples
        .par_iter()
        .zip(&folds)
        .map(|(s, &k)| judge(s, &fold_rules[k]))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_are_fixed_and_all_used() {
        assert_eq!(fold_of("phishing/pp-1.eml"), fold_of("phishing/pp-1.eml"));
        let mut seen = [0usize; FOLDS];
        for i in 0..100 {
            seen[fold_of(&format!("phishing/pp-{i}.eml"))] += 1;
        }
        assert!(seen.iter().all(|&n| n >= 10), "{seen:?}");
    }
}
