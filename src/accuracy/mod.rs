//! Measures the analysis on labelled corpora (`labels.csv` beside the messages: file, truth, brand, category,
//! source, notes): the figures as trained (the embedded weights) and cross-validated (weights fitted without
//! the message, [`crossval`]). Reads files, so it sits with the CLI layer; the accuracy and fit examples and the
//! floors test use it.

pub mod crossval;
mod figures;
mod report;

use std::path::Path;

use rayon::prelude::*;
use serde::Deserialize;

use crate::analysis::{Rules, trusted_headers};
use crate::mail;
use crate::model::Record;
use crate::pipeline::judge::judge_bytes;

pub use figures::{Figures, figures};
pub use report::report;

/// One row of `labels.csv`.
#[derive(Debug, Clone, Deserialize)]
pub struct Label {
    /// Path relative to the corpus folder; its first component is the group (phishing, legit-brand, legit-other).
    pub file: String,
    /// `phishing` or `legitimate`.
    pub truth: String,
    /// The claimed brand id, or `none`.
    pub brand: String,
    /// The expected category (noisy: assigned by keyword rules).
    pub category: String,
    /// `owner/repo@commit:path` it came from.
    pub source: String,
}

impl Label {
    /// `phishing`, `legit-brand` or `legit-other`.
    pub fn group(&self) -> &str {
        self.file.split('/').next().unwrap_or("")
    }

    /// The repository the message came from.
    pub fn repo(&self) -> &str {
        self.source.split('@').next().unwrap_or("")
    }
}

/// One labelled corpus message, read into memory.
#[derive(Debug, Clone)]
pub struct Sample {
    /// The corpus it belongs to (its folder's name: `corpus`, `corpus-2`).
    pub set: String,
    /// Its label.
    pub label: Label,
    /// The message's bytes.
    pub bytes: Vec<u8>,
}

/// Reads every message listed in `dir/labels.csv`, in the file's order.
pub fn load_corpus(dir: &Path) -> Result<Vec<Sample>, String> {
    let labels_path = dir.join("labels.csv");
    let mut reader = csv::Reader::from_path(&labels_path)
        .map_err(|e| format!("cannot read '{}': {e}", labels_path.display()))?;
    let labels: Vec<Label> = reader
        .deserialize()
        .collect::<Result<_, _>>()
        .map_err(|e| format!("bad row in '{}': {e}", labels_path.display()))?;
    let set = dir.file_name().map_or_else(
        || dir.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    labels
        .into_iter()
        .map(|label| {
            let path = dir.join(&label.file);
            let bytes = std::fs::read(&path)
                .map_err(|e| format!("cannot read '{}': {e}", path.display()))?;
            Ok(Sample {
                set: set.clone(),
                label,
                bytes,
            })
        })
        .collect()
}

/// Reads several corpora, one after the other.
pub fn load_corpora<P: AsRef<Path>>(dirs: &[P]) -> Result<Vec<Sample>, String> {
    let mut samples = Vec::new();
    for dir in dirs {
        samples.extend(load_corpus(dir.as_ref())?);
    }
    Ok(samples)
}

/// One judged corpus message.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// The corpus it belongs to.
    pub set: String,
    /// Its label.
    pub label: Label,
    /// mailvet's record.
    pub record: Record,
    /// Whether the trusted Authentication-Results header says dmarc=pass.
    pub dmarc_pass: bool,
}

/// Judges one sample.
pub fn judge(sample: &Sample, rules: &Rules) -> Outcome {
    let label = &sample.label;
    let record = judge_bytes(&label.file, label.group(), &sample.bytes, rules);
    let dmarc_pass = mail::parse(&sample.bytes).is_ok_and(|m| {
        trusted_headers(&m, rules).iter().any(|ar| {
            ar.results
                .iter()
                .any(|r| r.method == "dmarc" && r.result == "pass")
        })
    });
    Outcome {
        set: sample.set.clone(),
        label: label.clone(),
        record,
        dmarc_pass,
    }
}

/// Judges every sample with `rules`, in order.
pub fn judge_all(samples: &[Sample], rules: &Rules) -> Vec<Outcome> {
    samples.par_iter().map(|s| judge(s, rules)).collect()
}

/// Judges every message listed in `dir/labels.csv`, in the file's order.
pub fn judge_corpus(dir: &Path, rules: &Rules) -> Result<Vec<Outcome>, String> {
    Ok(judge_all(&load_corpus(dir)?, rules))
}
