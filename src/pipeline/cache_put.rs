//! Keeping judgements: each batch in one transaction, a verdict row per key and its signals appended to the
//! evidence table (the evidence of a judgement replaced goes with it).

use rusqlite::{ToSql, TransactionBehavior, params, params_from_iter};

use super::{Cache, HEAD_COLUMNS, HEAD_COUNT, Key, Row};

impl Cache {
    /// Keeps these judgements, in one transaction (the tests' way in: the list's writer and `scan` are
    /// handed rows encoded on the judging threads).
    #[cfg(test)]
    pub fn put(&mut self, items: &[(Key, &crate::pipeline::Judgement)]) {
        let rows: Vec<(Key, Row)> = items
            .iter()
            .filter_map(|(key, judgement)| Some((key.clone(), Row::encode(judgement)?)))
            .collect();
        self.put_rows(&rows);
    }

    /// Keeps these encoded judgements, in one transaction.
    pub fn put_rows(&mut self, rows: &[(Key, Row)]) {
        if rows.is_empty() {
            return;
        }
        if let Err(err) = self.try_put(rows)
            && self.failed(&err)
            && let Err(err) = self.try_put(rows)
        {
            tracing::warn!("the verdict cache took nothing: {err}");
        }
    }

    fn try_put(&mut self, rows: &[(Key, Row)]) -> rusqlite::Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        {
            let places: Vec<String> = (1..=4 + HEAD_COUNT).map(|i| format!("?{i}")).collect();
            let insert = format!(
                "INTO verdicts (unique_name, size, fingerprint, evidence_id, {HEAD_COLUMNS}) VALUES ({})",
                places.join(", ")
            );
            // A new key (every key of a cold start) is one insert, looked for once; a key kept already (a
            // judgement kept again) finds the conflict, and only then is the old judgement replaced.
            let mut new = tx.prepare_cached(&format!("INSERT {insert} ON CONFLICT DO NOTHING"))?;
            let mut evidence = tx.prepare_cached("INSERT INTO evidence (signals) VALUES (?1)")?;
            for (key, row) in rows {
                let size = size_of(key);
                let head = row.head_values()?;
                evidence.execute([&row.signals])?;
                let id = tx.last_insert_rowid();
                let values: [&dyn ToSql; 4] = [&key.unique, &size, &self.fingerprint, &id];
                let all = || {
                    params_from_iter(
                        (values.into_iter()).chain(head.iter().map(|v| v as &dyn ToSql)),
                    )
                };
                if new.execute(all())? == 0 {
                    // The evidence of the judgement the new one replaces goes with it.
                    tx.prepare_cached(
                        "DELETE FROM evidence WHERE id = (SELECT evidence_id FROM verdicts \
                         WHERE unique_name = ?1 AND size = ?2 AND fingerprint = ?3)",
                    )?
                    .execute(params![key.unique, size, self.fingerprint])?;
                    tx.prepare_cached(&format!("INSERT OR REPLACE {insert}"))?
                        .execute(all())?;
                }
            }
        }
        tx.commit()
    }
}

fn size_of(key: &Key) -> i64 {
    i64::try_from(key.size).unwrap_or(i64::MAX)
}
