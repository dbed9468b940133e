//! An ordered parallel map with bounded memory: items are worked on by a few threads, a small run at a time
//! as each thread comes free, and their results handed to one consumer in the items' order, each as soon as
//! it and every one before it are done. Workers never stop to wait for the consumer (nor for the slowest item
//! of a batch) unless they are [`AHEAD`] items in front of it, so however many items there are, at most that
//! many results are held at once. Written here because no crate we use does this: rayon's ordered
//! `collect` holds every result until the end, and its `par_bridge` gives up the order.

use std::io;
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};

/// How many items workers may be in front of the consumer (results waiting or being worked on).
const AHEAD: usize = 2048;
/// How many consecutive items a worker takes at once (fewer turns of the lock).
const RUN: usize = 16;

/// Runs `work` on every input (with its index) on `threads` threads (at least one) and hands each result to
/// `emit`, in the inputs' order, on the calling thread. Stops at the first error `emit` returns (workers
/// finish the run they hold and take no more) and returns it.
pub fn each_in_order<T: Send, R: Send>(
    inputs: impl ExactSizeIterator<Item = T> + Send,
    threads: usize,
    work: impl Fn(usize, T) -> R + Sync,
    mut emit: impl FnMut(usize, R) -> io::Result<()>,
) -> io::Result<()> {
    let items = inputs.len();
    let shared = Shared {
        state: Mutex::new(State {
            inputs,
            claimed: 0,
            emitted: 0,
            slots: (0..AHEAD).map(|_| None).collect(),
            stop: false,
        }),
        room: Condvar::new(),
        ready: Condvar::new(),
    };
    std::thread::scope(|scope| {
        for _ in 0..threads.max(1) {
            scope.spawn(|| shared.work(items, &work));
        }
        let result = shared.consume(items, &mut emit);
        shared.lock().stop = true;
        shared.room.notify_all();
        result
    })
}

struct Shared<I, R> {
    state: Mutex<State<I, R>>,
    /// Signalled when the consumer took results (room for workers to go on).
    room: Condvar,
    /// Signalled when the result the consumer waits for is in.
    ready: Condvar,
}

struct State<I, R> {
    /// The inputs not yet handed to a worker.
    inputs: I,
    /// Items handed to workers so far (`0..claimed`).
    claimed: usize,
    /// Results handed to the consumer so far (`0..emitted`).
    emitted: usize,
    /// A ring of [`AHEAD`] slots: item `i`'s result waits in slot `i % AHEAD`.
    slots: Vec<Option<R>>,
    /// The consumer gave up: no more work.
    stop: bool,
}

impl<T, I: Iterator<Item = T>, R> Shared<I, R> {
    fn lock(&self) -> MutexGuard<'_, State<I, R>> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// A worker: takes runs of items while there are any and room for them, and puts their results in.
    fn work(&self, items: usize, work: &(impl Fn(usize, T) -> R + Sync)) {
        let _leaving = Leaving(self);
        let mut run = Vec::with_capacity(RUN);
        let mut done = Vec::with_capacity(RUN);
        loop {
            let first = {
                let mut state = self.lock();
                loop {
                    if state.stop || state.claimed >= items {
                        return;
                    }
                    if state.claimed < state.emitted + AHEAD {
                        break;
                    }
                    state = self
                        .room
                        .wait(state)
                        .unwrap_or_else(PoisonError::into_inner);
                }
                let first = state.claimed;
                let end = (first + RUN).min(items).min(state.emitted + AHEAD);
                run.extend(state.inputs.by_ref().take(end - first));
                state.claimed = first + run.len();
                if run.is_empty() {
                    // Fewer inputs than their length said: the consumer stops at the gap.
                    state.stop = true;
                    self.ready.notify_one();
                    return;
                }
                first
            };
            done.extend(
                (first..)
                    .zip(run.drain(..))
                    .map(|(i, input)| work(i, input)),
            );
            let mut state = self.lock();
            for (i, result) in (first..).zip(done.drain(..)) {
                state.slots[i % AHEAD] = Some(result);
            }
            if first == state.emitted {
                self.ready.notify_one();
            }
        }
    }

    /// The consumer: hands results to `emit` in order, taking every one that is ready at each turn.
    fn consume(
        &self,
        items: usize,
        emit: &mut impl FnMut(usize, R) -> io::Result<()>,
    ) -> io::Result<()> {
        let mut ready = Vec::with_capacity(AHEAD);
        let mut next = 0;
        while next < items {
            {
                let mut state = self.lock();
                while state.slots[next % AHEAD].is_none() {
                    if state.stop {
                        return Ok(());
                    }
                    state = self
                        .ready
                        .wait(state)
                        .unwrap_or_else(PoisonError::into_inner);
                }
                while next + ready.len() < items
                    && let Some(result) = state.slots[(next + ready.len()) % AHEAD].take()
                {
                    ready.push(result);
                }
                state.emitted = next + ready.len();
            }
            self.room.notify_all();
            for result in ready.drain(..) {
                emit(next, result)?;
                next += 1;
            }
        }
        Ok(())
    }
}

/// Lets the consumer stop waiting when its worker panics (the panic then reaches the caller when the
/// threads are joined).
struct Leaving<'a, I, R>(&'a Shared<I, R>);

impl<I, R> Drop for Leaving<'_, I, R> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            self.0
                .state
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .stop = true;
            self.0.ready.notify_all();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_result_comes_once_in_order_whatever_the_threads() {
        for threads in [1, 2, 5] {
            for items in [0, 1, RUN - 1, AHEAD + 3, 3 * AHEAD + 17] {
                let mut seen = Vec::new();
                each_in_order(
                    0..items,
                    threads,
                    |i, input| {
                        assert_eq!(i, input);
                        i * 3
                    },
                    |i, r| {
                        assert_eq!(r, i * 3);
                        seen.push(i);
                        Ok(())
                    },
                )
                .unwrap();
                assert_eq!(seen, (0..items).collect::<Vec<_>>());
            }
        }
    }

    #[test]
    fn an_error_of_the_consumer_stops_the_workers() {
        let worked = std::sync::atomic::AtomicUsize::new(0);
        let result = each_in_order(
            0..100 * AHEAD,
            2,
            |i, _| {
                worked.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                i
            },
            |i, _| match i {
                10 => Err(io::Error::other("closed")),
                _ => Ok(()),
            },
        );
        assert_eq!(result.unwrap_err().to_string(), "closed");
        assert!(worked.into_inner() <= 2 * AHEAD);
    }
}
