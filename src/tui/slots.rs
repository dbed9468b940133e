//! A bound on the batches of background results on their way to the interface: a sender takes a [`Slot`]
//! for each batch and waits while every slot is taken; the slot is freed when the batch is dropped, that is
//! once the interface has applied it (or thrown it away). While the interface's thread is starved of CPU,
//! the analysis then waits for it instead of piling up summaries in memory. Written here because the
//! standard library has no semaphore and this one is a dozen lines over its Mutex and Condvar.

use std::sync::{Arc, Condvar, Mutex, PoisonError};

/// How many batches may be on their way at once.
#[derive(Debug)]
pub struct Slots {
    taken: Mutex<usize>,
    freed: Condvar,
    most: usize,
}

impl Slots {
    /// At most `most` batches on their way (at least one).
    pub fn new(most: usize) -> Arc<Slots> {
        Arc::new(Slots {
            taken: Mutex::new(0),
            freed: Condvar::new(),
            most: most.max(1),
        })
    }

    /// A slot for one more batch, once one is free.
    pub fn take(self: &Arc<Self>) -> Slot {
        let taken = self.taken.lock().unwrap_or_else(PoisonError::into_inner);
        let mut taken = (self.freed)
            .wait_while(taken, |taken| *taken >= self.most)
            .unwrap_or_else(PoisonError::into_inner);
        *taken += 1;
        Slot(Some(Arc::clone(self)))
    }
}

/// The place of one batch among the [`Slots`], freed when dropped; [`Slot::unbounded`] holds none.
#[derive(Debug)]
pub struct Slot(Option<Arc<Slots>>);

impl Slot {
    /// For a batch no bound applies to (a few rows re-judged at the user's request).
    pub fn unbounded() -> Slot {
        Slot(None)
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        if let Some(slots) = &self.0 {
            *slots.taken.lock().unwrap_or_else(PoisonError::into_inner) -= 1;
            slots.freed.notify_one();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc;
    use std::time::Duration;

    #[test]
    fn a_sender_waits_while_every_slot_is_taken_and_goes_on_when_one_is_freed() {
        let slots = Slots::new(2);
        let (first, second) = (slots.take(), slots.take());
        let (tx, rx) = mpsc::channel();
        let waiting = Arc::clone(&slots);
        std::thread::spawn(move || tx.send(waiting.take()).unwrap());
        assert!(
            rx.recv_timeout(Duration::from_millis(200)).is_err(),
            "took a third slot"
        );
        drop(first);
        let third = rx
            .recv_timeout(Duration::from_secs(10))
            .expect("a freed slot is taken");
        drop((second, third));
        assert_eq!(*slots.taken.lock().unwrap(), 0);
    }

    #[test]
    fn unbounded_slots_free_nothing() {
        let slots = Slots::new(1);
        let held = slots.take();
        drop(Slot::unbounded());
        assert_eq!(*slots.taken.lock().unwrap(), 1);
        drop(held);
        assert_eq!(*slots.taken.lock().unwrap(), 0);
    }
}
