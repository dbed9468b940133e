//! A weighted, L2-regularised logistic regression with a box around every weight, solved by cyclic coordinate
//! descent (one clamped Newton step per coordinate, as liblinear does). Deterministic: no randomness, a fixed
//! order of coordinates and a fixed number of sweeps at most. Pure: numbers in, numbers out.

/// One training example: sparse feature values, its class and how much it counts.
#[derive(Debug, Clone, PartialEq)]
pub struct Example {
    /// `(feature index, value)`, each index at most once.
    pub features: Vec<(usize, f64)>,
    /// The positive class (phishing).
    pub positive: bool,
    /// Its weight in the loss (1.0 = one message).
    pub weight: f64,
}

/// What to fit.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem<'a> {
    /// The examples.
    pub examples: &'a [Example],
    /// Each feature's starting value, which the penalty pulls towards.
    pub start: Vec<f64>,
    /// Each feature's lowest and highest allowed value.
    pub bounds: Vec<(f64, f64)>,
    /// The penalty: `lambda / 2 · Σ (w - start)²` is added to the weighted log-loss.
    pub lambda: f64,
}

/// The fitted weights and intercept: `P(positive) = σ(intercept + Σ weight · value)`.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    /// One weight per feature.
    pub weights: Vec<f64>,
    /// The intercept (not penalised, not bounded).
    pub intercept: f64,
}

impl Model {
    /// `Σ weight · value`: the score, without the intercept.
    pub fn score(&self, features: &[(usize, f64)]) -> f64 {
        features.iter().map(|&(j, x)| self.weights[j] * x).sum()
    }
}

/// Most sweeps over all coordinates.
const MAX_SWEEPS: usize = 2000;
/// A sweep that moves no weight further than this ends the fit.
const TOLERANCE: f64 = 1e-9;
/// The largest step one Newton update may take (keeps the first sweeps stable).
const MAX_STEP: f64 = 1.0;

fn sigmoid(z: f64) -> f64 {
    1.0 / (1.0 + (-z).exp())
}

/// Fits the model. Weights start at `start` clamped into their bounds.
pub fn fit(problem: &Problem) -> Model {
    let n = problem.start.len();
    let mut columns: Vec<Vec<(usize, f64)>> = vec![Vec::new(); n];
    for (i, ex) in problem.examples.iter().enumerate() {
        for &(j, x) in &ex.features {
            columns[j].push((i, x));
        }
    }
    let mut weights: Vec<f64> = problem
        .start
        .iter()
        .zip(&problem.bounds)
        .map(|(&w, &(lo, hi))| w.clamp(lo, hi))
        .collect();
    let mut intercept = 0.0;
    let mut margins: Vec<f64> = problem
        .examples
        .iter()
        .map(|ex| ex.features.iter().map(|&(j, x)| weights[j] * x).sum())
        .collect();
    for _ in 0..MAX_SWEEPS {
        let mut moved: f64 = 0.0;
        for j in 0..n {
            let (mut g, mut h) = (0.0, 0.0);
            for &(i, x) in &columns[j] {
                let ex = &problem.examples[i];
                let p = sigmoid(margins[i] + intercept);
                g += ex.weight * (p - f64::from(u8::from(ex.positive))) * x;
                h += ex.weight * p * (1.0 - p) * x * x;
            }
            g += problem.lambda * (weights[j] - problem.start[j]);
            h += problem.lambda;
            if h <= 0.0 {
                continue;
            }
            let (lo, hi) = problem.bounds[j];
            let new = (weights[j] - (g / h).clamp(-MAX_STEP, MAX_STEP)).clamp(lo, hi);
            let delta = new - weights[j];
            if delta != 0.0 {
                weights[j] = new;
                for &(i, x) in &columns[j] {
                    margins[i] += delta * x;
                }
                moved = moved.max(delta.abs());
            }
        }
        let (mut g, mut h) = (0.0, 0.0);
        for (i, ex) in problem.examples.iter().enumerate() {
            let p = sigmoid(margins[i] + intercept);
            g += ex.weight * (p - f64::from(u8::from(ex.positive)));
            h += ex.weight * p * (1.0 - p);
        }
        if h > 0.0 {
            let delta = -(g / h).clamp(-MAX_STEP, MAX_STEP);
            intercept += delta;
            moved = moved.max(delta.abs());
        }
        if moved < TOLERANCE {
            break;
        }
    }
    Model { weights, intercept }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ex(features: &[(usize, f64)], positive: bool) -> Example {
        Example {
            features: features.to_vec(),
            positive,
            weight: 1.0,
        }
    }

    #[test]
    fn a_feature_seen_only_on_positives_gets_a_positive_weight() {
        let examples = [
            ex(&[(0, 1.0)], true),
            ex(&[(0, 1.0), (1, 1.0)], true),
            ex(&[(1, 1.0)], false),
            ex(&[], false),
        ];
        let model = fit(&Problem {
            examples: &examples,
            start: vec![0.0, 0.0],
            bounds: vec![(-10.0, 10.0); 2],
            lambda: 0.1,
        });
        assert!(model.weights[0] > 1.0, "{model:?}");
        assert!(model.weights[0] > model.weights[1], "{model:?}");
    }

    #[test]
    fn bounds_hold_and_the_fit_is_deterministic() {
        let examples = [
            ex(&[(0, 1.0)], false),
            ex(&[(0, 1.0)], false),
            ex(&[], true),
        ];
        let problem = Problem {
            examples: &examples,
            start: vec![1.0],
            bounds: vec![(0.5, 3.0)],
            lambda: 0.01,
        };
        let model = fit(&problem);
        assert_eq!(model.weights, vec![0.5]);
        assert_eq!(fit(&problem), model);
    }

    #[test]
    fn a_strong_penalty_keeps_the_start_value() {
        let examples = [ex(&[(0, 1.0)], true), ex(&[], false)];
        let model = fit(&Problem {
            examples: &examples,
            start: vec![2.0],
            bounds: vec![(-10.0, 10.0)],
            lambda: 1e6,
        });
        assert!((model.weights[0] - 2.0).abs() < 1e-3, "{model:?}");
    }
}
