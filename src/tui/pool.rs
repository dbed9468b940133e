//! The background analysis pool: a starter thread first delivers every row the verdict cache holds, then
//! worker threads take the other row ids from a shared queue (visible rows are pushed to the front), judge
//! each row once and send the results back in batches. Every thread of the pool runs at a lower priority
//! than the interface, so a key never waits for the CPU behind the analysis.

use std::collections::VecDeque;
use std::sync::mpsc::Sender;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use super::action::Action;
use super::slots::Slots;
use crate::pipeline::Summary;

/// The work one row needs: its summary, given its id, with the generation of the rules that judged it
/// ([`crate::pipeline::list_judge::Ruling::generation`]).
pub type Job = Arc<dyn Fn(usize) -> (u64, Summary) + Send + Sync>;
/// What the starter delivers before the workers begin: it hands every row known at once (cached) to the
/// function it is given, with the generation of the rules that judged it and its id, as each is read.
pub type Known = Box<dyn FnOnce(&(dyn Fn(u64, usize, Summary) + Sync)) + Send>;

/// A batch of results goes back when it has this many rows...
const BATCH: usize = 256;
/// ...or its first row waited this long (under a frame, so visible rows show at once).
const LINGER: Duration = Duration::from_millis(10);
/// Rows known at once go back in batches of this many, so that the interface applies several within a turn.
const KNOWN_BATCH: usize = 512;
/// Batches of results on their way to the interface at most: while its thread is starved of CPU, the pool
/// waits for it instead of queueing up to every row's summary in memory.
const ON_THEIR_WAY: usize = 16;
/// The niceness of analysis threads (0 is the interface's; 19 the lowest).
const NICE: i32 = 10;

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
    /// Starts on rows `0..len`: `known` runs first (its rows are done), then `threads` workers judge the
    /// rest with `job`, in order unless prioritised.
    pub fn start(
        len: usize,
        threads: usize,
        known: Known,
        job: Job,
        tx: Sender<Action>,
    ) -> std::io::Result<Pool> {
        let queue = Arc::new(Mutex::new(Queue {
            order: (0..len).collect(),
            taken: vec![false; len],
            stop: false,
        }));
        let starter = Arc::clone(&queue);
        let slots = Slots::new(ON_THEIR_WAY);
        std::thread::Builder::new()
            .name("mailvet-analyse".into())
            .spawn(move || {
                lower_priority();
                deliver(&starter, known, &tx, &slots);
                // Threads started here inherit the lower priority.
                for i in 1..threads.max(1) {
                    let (queue, job) = (Arc::clone(&starter), Arc::clone(&job));
                    let (tx, slots) = (tx.clone(), Arc::clone(&slots));
                    let spawned = std::thread::Builder::new()
                        .name(format!("mailvet-analyse-{i}"))
                        .spawn(move || work(&queue, &job, &tx, &slots));
                    if spawned.is_err() {
                        break;
                    }
                }
                work(&starter, &job, &tx, &slots);
            })?;
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

/// Lowers the calling thread's priority (and that of threads it starts) below the interface's; where that
/// is refused it keeps its priority.
pub fn lower_priority() {
    // On Linux the nice value belongs to the thread: this leaves the interface's thread alone.
    let _ = rustix::process::setpriority_process(None, NICE);
}

/// Sends the rows known at once in batches (a batch holds rows of one generation) as they come, each marked
/// done before it is sent (and before any worker starts), each once a slot is free.
fn deliver(queue: &Mutex<Queue>, known: Known, tx: &Sender<Action>, slots: &Arc<Slots>) {
    let batch: Mutex<(u64, Vec<(usize, Summary)>)> = Mutex::new((0, Vec::new()));
    let done = |generation: u64, rows: Vec<(usize, Summary)>| {
        {
            let mut q = queue.lock().unwrap_or_else(PoisonError::into_inner);
            for (id, _) in &rows {
                if let Some(taken) = q.taken.get_mut(*id) {
                    *taken = true;
                }
            }
        }
        // The interface gone only means nobody wants them.
        send(tx, slots, generation, rows);
    };
    known(&|generation, id, summary| {
        let mut batch = batch.lock().unwrap_or_else(PoisonError::into_inner);
        if batch.0 != generation && !batch.1.is_empty() {
            let earlier = std::mem::take(&mut batch.1);
            done(batch.0, earlier);
        }
        batch.0 = generation;
        batch.1.push((id, summary));
        if batch.1.len() >= KNOWN_BATCH {
            done(generation, std::mem::take(&mut batch.1));
        }
    });
    let (generation, rest) = batch.into_inner().unwrap_or_else(PoisonError::into_inner);
    if !rest.is_empty() {
        done(generation, rest);
    }
}

/// The next row nobody has taken, marked taken; `None` when there is none left or the pool stopped.
fn next(queue: &Mutex<Queue>) -> Option<usize> {
    let mut q = queue.lock().unwrap_or_else(PoisonError::into_inner);
    while !q.stop {
        let id = q.order.pop_front()?;
        if q.taken.get(id) == Some(&false) {
            q.taken[id] = true;
            return Some(id);
        }
    }
    None
}

/// Judges rows until none is left, sending them in batches (a batch holds rows of one generation), each
/// once a slot is free.
fn work(queue: &Mutex<Queue>, job: &Job, tx: &Sender<Action>, slots: &Arc<Slots>) {
    let mut batch: Vec<(usize, Summary)> = Vec::new();
    let (mut since, mut generation) = (Instant::now(), 0);
    while let Some(id) = next(queue) {
        let (judged_by, summary) = job(id);
        if judged_by != generation && !batch.is_empty() {
            let sent = std::mem::take(&mut batch);
            if !send(tx, slots, generation, sent) {
                return;
            }
        }
        if batch.is_empty() {
            since = Instant::now();
        }
        generation = judged_by;
        batch.push((id, summary));
        if batch.len() >= BATCH || since.elapsed() >= LINGER {
            let sent = std::mem::take(&mut batch);
            if !send(tx, slots, generation, sent) {
                return;
            }
        }
    }
    if !batch.is_empty() {
        send(tx, slots, generation, batch);
    }
}

/// Sends a batch of results judged by `generation` once a slot is free; false when the interface is gone.
fn send(
    tx: &Sender<Action>,
    slots: &Arc<Slots>,
    generation: u64,
    rows: Vec<(usize, Summary)>,
) -> bool {
    tx.send(Action::AnalysedMany(generation, rows, slots.take()))
        .is_ok()
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
    use crate::model::Verdict;
    use std::sync::mpsc;

    fn summary(id: usize) -> Summary {
        Summary {
            envelope: None,
            verdict: Verdict::unparseable(&id.to_string()),
        }
    }

    fn judged(id: usize) -> (u64, Summary) {
        (0, summary(id))
    }

    /// The row ids of every result received, in order, until `n` rows came.
    fn ids(rx: &mpsc::Receiver<Action>, n: usize) -> Vec<usize> {
        let mut ids = Vec::new();
        while ids.len() < n {
            match rx.recv().expect("results") {
                Action::AnalysedMany(0, batch, _) => {
                    ids.extend(batch.into_iter().map(|(id, s)| {
                        assert_eq!(s.verdict, summary(id).verdict);
                        id
                    }))
                }
                _ => panic!("only results"),
            }
        }
        ids
    }

    #[test]
    fn results_the_interface_has_not_applied_hold_the_analysis_back() {
        let (tx, rx) = mpsc::channel();
        let rows = (ON_THEIR_WAY + 4) * KNOWN_BATCH;
        let known: Known = Box::new(move |each| (0..rows).for_each(|id| each(0, id, summary(id))));
        let _pool = Pool::start(rows, 1, known, Arc::new(judged), tx).expect("threads");
        // Not applied yet: kept as the interface's queue keeps them.
        let wait = std::time::Duration::from_secs(10);
        let waiting: Vec<Action> = (0..ON_THEIR_WAY)
            .map(|_| rx.recv_timeout(wait).expect("a batch while slots are free"))
            .collect();
        let held = rx.recv_timeout(std::time::Duration::from_millis(300));
        assert!(held.is_err(), "a batch sent while every slot was taken");
        let first = waiting.len() * KNOWN_BATCH;
        drop(waiting);
        assert_eq!(
            ids(&rx, rows - first),
            (first..rows).collect::<Vec<usize>>()
        );
    }

    #[test]
    fn every_row_is_done_once_the_known_ones_first() {
        let (tx, rx) = mpsc::channel();
        let job: Job = Arc::new(judged);
        let known: Known = Box::new(|each| (90..100).for_each(|id| each(0, id, summary(id))));
        let pool = Pool::start(100, 3, known, job, tx).expect("threads");
        pool.prioritise(&[50, 51]);
        let mut seen = ids(&rx, 100);
        assert_eq!(seen[..10], (90..100).collect::<Vec<usize>>());
        seen.sort_unstable();
        assert_eq!(seen, (0..100).collect::<Vec<usize>>());
        assert!(rx.recv_timeout(Duration::from_millis(100)).is_err());
    }

    #[test]
    fn rows_on_screen_are_judged_before_the_rest() {
        let (tx, rx) = mpsc::channel();
        // Each row waits for a permit, so the queue can be reordered while the worker holds its first row.
        let (permit, permits) = mpsc::channel::<()>();
        let permits = Mutex::new(permits);
        let job: Job = Arc::new(move |id| {
            let _ = permits.lock().map(|p| p.recv());
            judged(id)
        });
        let none: Known = Box::new(|_| {});
        let pool = Pool::start(1000, 1, none, job, tx).expect("threads");
        pool.prioritise(&[900, 901]);
        (0..1000).for_each(|_| permit.send(()).expect("worker waits"));
        let order = ids(&rx, 1000);
        // The worker may have taken row 0 before the screen asked; the visible rows come right after.
        assert!(
            order[..3].contains(&900) && order[..3].contains(&901),
            "{:?}",
            &order[..5]
        );
        assert_eq!(order.last(), Some(&999));
    }
}
