//! The background analysis pool: worker threads take row ids from a shared queue (visible rows are pushed to
//! the front), run the job on each row once, and send the result back as an Action.

use std::collections::VecDeque;
use std::sync::mpsc::Sender;
use std::sync::{Arc, Mutex, PoisonError};

use super::action::Action;

/// The work one row needs: given its id, produce the Action to send back.
pub type Job = Arc<dyn Fn(usize) -> Action + Send + Sync>;

struct Queue {
    order: VecDeque<usize>,
    taken: Vec<bool>,
    stop: bool,
}

/// Worker threads over rows `0..len`; dropping the pool stops them after their current row (they are not
/// joined, so quitting never waits on a slow message).
pub struct Pool {
    queue: Arc<Mutex<Queue>>,
}

impl Pool {
    /// Starts `threads` workers over rows `0..len`, in order unless prioritised.
    pub fn start(
        len: usize,
        threads: usize,
        job: Job,
        tx: Sender<Action>,
    ) -> std::io::Result<Pool> {
        let queue = Arc::new(Mutex::new(Queue {
            order: (0..len).collect(),
            taken: vec![false; len],
            stop: false,
        }));
        for i in 0..threads.max(1) {
            let (queue, job, tx) = (Arc::clone(&queue), Arc::clone(&job), tx.clone());
            std::thread::Builder::new()
                .name(format!("mailvet-analyse-{i}"))
                .spawn(move || work(&queue, &job, &tx))?;
        }
        Ok(Pool { queue })
    }

    /// Moves these rows to the front of the queue (rows already done are skipped by the workers).
    pub fn prioritise(&self, ids: &[usize]) {
        let mut q = self.queue.lock().unwrap_or_else(PoisonError::into_inner);
        for &id in ids.iter().rev() {
            if q.taken.get(id) == Some(&false) {
                q.order.push_front(id);
            }
        }
    }
}

fn work(queue: &Mutex<Queue>, job: &Job, tx: &Sender<Action>) {
    loop {
        let id = {
            let mut q = queue.lock().unwrap_or_else(PoisonError::into_inner);
            loop {
                if q.stop {
                    return;
                }
                match q.order.pop_front() {
                    Some(id) if q.taken.get(id) == Some(&false) => {
                        q.taken[id] = true;
                        break id;
                    }
                    Some(_) => continue,
                    None => return,
                }
            }
        };
        if tx.send(job(id)).is_err() {
            return;
        }
    }
}

impl Drop for Pool {
    fn drop(&mut self) {
        self.queue
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .stop = true;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc;

    #[test]
    fn every_row_is_done_once() {
        let (tx, rx) = mpsc::channel();
        let job: Job = Arc::new(|id| Action::Tick(id as i64));
        let pool = Pool::start(100, 3, job, tx).expect("threads");
        pool.prioritise(&[50, 51]);
        let mut seen: Vec<i64> = rx
            .iter()
            .take(100)
            .map(|a| match a {
                Action::Tick(n) => n,
                _ => -1,
            })
            .collect();
        seen.sort_unstable();
        assert_eq!(seen, (0..100).collect::<Vec<i64>>());
    }

    #[test]
    fn rows_on_screen_are_judged_before_the_rest() {
        let (tx, rx) = mpsc::channel();
        // Each row waits for a permit, so the queue can be reordered while the worker holds its first row.
        let (permit, permits) = mpsc::channel::<()>();
        let permits = Mutex::new(permits);
        let job: Job = Arc::new(move |id| {
            let _ = permits.lock().map(|p| p.recv());
            Action::Tick(id as i64)
        });
        let pool = Pool::start(1000, 1, job, tx).expect("threads");
        pool.prioritise(&[900, 901]);
        (0..1000).for_each(|_| permit.send(()).expect("worker waits"));
        let order: Vec<i64> = rx
            .iter()
            .take(1000)
            .map(|a| match a {
                Action::Tick(n) => n,
                _ => -1,
            })
            .collect();
        // The worker may have taken row 0 before the screen asked; the visible rows come right after.
        assert!(
            order[..3].contains(&900) && order[..3].contains(&901),
            "{:?}",
            &order[..5]
        );
        assert_eq!(order.last(), Some(&999));
    }
}
