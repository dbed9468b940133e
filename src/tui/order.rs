//! The list order: every row id sorted once by the current key, then kept sorted as verdicts arrive by
//! merging each batch of changed rows into it (no re-sort), so that folding in results, switching folders and
//! filtering each cost one pass over the rows, never a sort of them all. Pure; no I/O.

use std::cmp::{Ordering, Reverse};

use crate::model::Trust;

use super::row::Row;
use super::state::SortKey;

/// Every row id in sort order, with the rows whose sort key changed since it was sorted.
#[derive(Debug, Clone, Default)]
pub struct Order {
    /// Every row id, sorted by `key` (as of before `pending` changed).
    ids: Vec<usize>,
    /// The key `ids` is sorted by; `None` until the first sort.
    key: Option<SortKey>,
    /// Rows whose envelope or verdict changed since.
    pending: Vec<usize>,
    /// Each row's time and trust rank, by row id, as of the last sort or merge: a merge compares these
    /// (a few bytes each, side by side) instead of reading 100,000 rows scattered in memory.
    times: Vec<Time>,
}

/// What the date and trust orders read of a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Time {
    time: Option<i64>,
    rank: u8,
}

impl Time {
    fn of(row: &Row) -> Time {
        Time {
            time: row.time(),
            rank: trust_rank(row.trust()),
        }
    }
}

impl Order {
    /// Notes that row `id` may sort elsewhere now (it was analysed).
    pub fn changed(&mut self, id: usize) {
        self.pending.push(id);
    }

    /// Whether rows changed since the last [`Order::sorted`].
    pub fn has_pending(&self) -> bool {
        !self.pending.is_empty()
    }

    /// Every row id of `rows` in `sort` order: sorted in full when the key or the number of rows changed,
    /// else with the changed rows taken out and merged back in at their new places.
    pub fn sorted(&mut self, rows: &[Row], sort: SortKey) -> &[usize] {
        if self.key != Some(sort) || self.ids.len() != rows.len() {
            self.ids = sort_all(rows, sort);
            self.times = rows.iter().map(Time::of).collect();
            self.key = Some(sort);
            self.pending.clear();
        } else if !self.pending.is_empty() {
            self.merge(rows, sort);
        }
        &self.ids
    }

    fn merge(&mut self, rows: &[Row], sort: SortKey) {
        let mut moved = std::mem::take(&mut self.pending);
        moved.retain(|&id| id < rows.len());
        moved.sort_unstable();
        moved.dedup();
        let mut is_moved = vec![false; rows.len()];
        moved.iter().for_each(|&id| is_moved[id] = true);
        for &id in &moved {
            self.times[id] = Time::of(&rows[id]);
        }
        let times = &self.times;
        let cmp = |a: usize, b: usize| match sort {
            SortKey::Sender => compare(rows, sort, a, b),
            _ => compare_times(times, sort, a, b),
        };
        moved.sort_by(|&a, &b| cmp(a, b));
        let mut merged = Vec::with_capacity(self.ids.len());
        let mut incoming = moved.into_iter().peekable();
        for id in self.ids.iter().copied().filter(|&id| !is_moved[id]) {
            while let Some(&m) = incoming.peek() {
                if cmp(m, id) == Ordering::Greater {
                    break;
                }
                merged.push(m);
                incoming.next();
            }
            merged.push(id);
        }
        merged.extend(incoming);
        self.ids = merged;
    }
}

/// Every row id sorted by `sort`, as [`compare`] orders them. Each row's key is read once, in row order:
/// comparing rows themselves would read two of 100,000 rows scattered in memory per comparison.
fn sort_all(rows: &[Row], sort: SortKey) -> Vec<usize> {
    let mut ids: Vec<usize> = (0..rows.len()).collect();
    match sort {
        SortKey::Date => return sort_by_date(rows),
        SortKey::Trust => ids.sort_by_cached_key(|&i| {
            let row = &rows[i];
            (trust_rank(row.trust()), Reverse(row.time()), i)
        }),
        SortKey::Sender => ids.sort_by_cached_key(|&i| {
            let address = rows[i]
                .envelope
                .as_ref()
                .map(|e| lower(&e.from_addr).collect::<String>());
            (address.is_none(), address, i)
        }),
    }
    ids
}

/// Every row id, newest first. A stable sort, which finds runs: the listing's name order is the delivery order
/// in each folder (a Maildir name starts with the delivery time), so a folder's rows are one run, reversed and
/// merged rather than sorted (a third of the time a start spent making its rows).
fn sort_by_date(rows: &[Row]) -> Vec<usize> {
    let mut keyed: Vec<Reverse<(Option<i64>, usize)>> = (rows.iter().enumerate())
        .map(|(i, row)| Reverse((row.time(), i)))
        .collect();
    keyed.sort();
    keyed.into_iter().map(|Reverse((_, i))| i).collect()
}

/// How rows `a` and `b` sort under `sort`; ties go by row id, so the order is total.
pub fn compare(rows: &[Row], sort: SortKey, a: usize, b: usize) -> Ordering {
    let (ra, rb) = (&rows[a], &rows[b]);
    match sort {
        SortKey::Date => (rb.time(), b).cmp(&(ra.time(), a)),
        SortKey::Trust => {
            (trust_rank(ra.trust()), rb.time(), a).cmp(&(trust_rank(rb.trust()), ra.time(), b))
        }
        SortKey::Sender => {
            let (ea, eb) = (ra.envelope.as_ref(), rb.envelope.as_ref());
            ea.is_none()
                .cmp(&eb.is_none())
                .then_with(|| match (ea, eb) {
                    (Some(x), Some(y)) => lower(&x.from_addr).cmp(lower(&y.from_addr)),
                    _ => Ordering::Equal,
                })
                .then(a.cmp(&b))
        }
    }
}

/// How rows `a` and `b` sort under the date or trust order, as [`compare`] orders them, from their times.
fn compare_times(times: &[Time], sort: SortKey, a: usize, b: usize) -> Ordering {
    let (ta, tb) = (times[a], times[b]);
    match sort {
        SortKey::Trust => (ta.rank, tb.time, a).cmp(&(tb.rank, ta.time, b)),
        _ => (tb.time, b).cmp(&(ta.time, a)),
    }
}

/// `s` lowercased char by char, without allocating.
fn lower(s: &str) -> impl Iterator<Item = char> + '_ {
    s.chars().flat_map(char::to_lowercase)
}

/// Sort rank for "worst first".
fn trust_rank(t: Option<Trust>) -> u8 {
    match t {
        Some(Trust::Phishing) => 0,
        Some(Trust::Suspicious) => 1,
        Some(Trust::Unparseable) => 2,
        Some(Trust::Unverified) => 3,
        Some(Trust::Verified) => 4,
        None => 5,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Verdict;
    use std::path::PathBuf;

    fn rows(n: usize) -> Vec<Row> {
        (0..n)
            .map(|i| {
                let delivered = i64::try_from((i * 7919) % 1000).ok();
                Row::new(PathBuf::from(format!("m{i}")), 0, String::new(), delivered)
            })
            .collect()
    }

    fn judge(row: &mut Row, trust: Trust) {
        let mut v = Verdict::unparseable("test");
        v.trust = trust;
        row.verdict = Some(Box::new(v));
    }

    #[test]
    fn merging_changed_rows_gives_the_order_a_full_sort_gives() {
        for sort in [SortKey::Date, SortKey::Trust, SortKey::Sender] {
            let mut rows = rows(500);
            let mut order = Order::default();
            order.sorted(&rows, sort);
            for (n, id) in (0..500).step_by(3).enumerate() {
                let trust = [Trust::Phishing, Trust::Verified, Trust::Suspicious][n % 3];
                judge(&mut rows[id], trust);
                rows[id].delivered = Some(2000 + (id as i64 * 13) % 97);
                order.changed(id);
            }
            let merged = order.sorted(&rows, sort).to_vec();
            let mut fresh = Order::default();
            assert_eq!(merged, fresh.sorted(&rows, sort), "{sort:?}");
        }
    }
}
