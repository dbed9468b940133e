//! The event loop's turn between two frames: terminal events first, then background results for a bounded
//! time, and whether a frame is due. A key is drawn at once; results alone are drawn at most once per
//! [`FRAME`], so that while thousands of verdicts pour in the interface spends its time on them (and the CPU
//! on the analysis) rather than on frames nobody can see. `MAILVET_FRAME_LOG=FILE` logs every frame's
//! times ([`FrameLog`]), to find slow ones.

use std::collections::VecDeque;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::sync::mpsc::Receiver;
use std::time::{Duration, Instant};

use super::action::Action;
use super::effect;
use super::event;
use super::state::AppState;
use super::update;

/// Longest the loop spends applying queued results before it draws again, so that a key pressed while
/// thousands of verdicts pour in still reaches the screen within a frame.
const TURN_BUDGET: Duration = Duration::from_millis(4);
/// Shortest time between two frames that only show background results.
pub const FRAME: Duration = Duration::from_millis(33);
/// Longest wait for something to happen when nothing is pending.
const IDLE: Duration = Duration::from_millis(100);
/// The clock tick's period.
const TICK: Duration = Duration::from_millis(300);

/// What one turn did.
#[derive(Debug, Clone, Copy)]
pub struct Turn {
    /// When its work began (once something had arrived).
    pub began: Instant,
    /// Terminal events handled.
    pub keys: usize,
    /// When the input thread read the first of them.
    pub read: Option<Instant>,
    /// Whether a frame is due now.
    pub draw: bool,
}

impl Default for Turn {
    /// The turn before the first frame: draw it.
    fn default() -> Turn {
        Turn {
            began: Instant::now(),
            keys: 0,
            read: None,
            draw: true,
        }
    }
}

/// What the event loop has received and not yet handled: terminal events are handled as soon as they arrive,
/// background results in order as time allows.
pub struct Inbox {
    rx: Receiver<Action>,
    results: VecDeque<Action>,
    last_tick: Instant,
    /// When the last frame was due.
    drawn: Instant,
    /// Something changed since then.
    dirty: bool,
}

impl Inbox {
    /// An inbox over the channel every thread sends to.
    pub fn new(rx: Receiver<Action>) -> Inbox {
        Inbox {
            rx,
            results: VecDeque::new(),
            last_tick: Instant::now(),
            drawn: Instant::now(),
            dirty: false,
        }
    }

    /// One turn of the event loop: waits when nothing is pending (up to 100 ms, or until a frame with
    /// results not yet shown is due), handles every terminal event received (mapped through the keymap one
    /// by one, so that a key that opens the prompt changes the next key's mode), then background results for
    /// at most [`TURN_BUDGET`] (the rest wait for the next turn), and the clock tick every 300 ms. A frame is
    /// due after a terminal event, or when results changed the state and the last frame is [`FRAME`] old.
    pub fn turn(&mut self, state: &mut AppState, runner: &mut effect::Runner) -> Turn {
        let wait = if !self.results.is_empty() {
            Duration::ZERO
        } else if self.dirty {
            FRAME.saturating_sub(self.drawn.elapsed())
        } else {
            IDLE.min(TICK.saturating_sub(self.last_tick.elapsed()))
        };
        let first = if wait.is_zero() {
            None
        } else {
            self.rx.recv_timeout(wait).ok()
        };
        let began = Instant::now();
        let (mut inputs, mut read) = (Vec::new(), None::<Instant>);
        for action in first.into_iter().chain(self.rx.try_iter()) {
            match action {
                Action::Input(ev, at) => {
                    read = Some(read.map_or(at, |r| r.min(at)));
                    inputs.push(ev);
                }
                other => self.results.push_back(other),
            }
        }
        let keys = inputs.len();
        for ev in inputs {
            if let Some(action) = event::map_event(&ev, &state.keymap, state.mode()) {
                apply(state, runner, action);
            }
        }
        let started = Instant::now();
        while started.elapsed() < TURN_BUDGET {
            let Some(action) = self.results.pop_front() else {
                break;
            };
            apply(state, runner, action);
            self.dirty = true;
        }
        if self.last_tick.elapsed() >= TICK {
            self.last_tick = Instant::now();
            apply(state, runner, Action::Tick(super::unix_now()));
            self.dirty = true;
        }
        let draw = keys > 0 || (self.dirty && self.drawn.elapsed() >= FRAME);
        if draw {
            self.dirty = false;
            self.drawn = Instant::now();
        }
        Turn {
            began,
            keys,
            read,
            draw,
        }
    }
}

/// Updates the state with one action and runs the effects it asks for.
fn apply(state: &mut AppState, runner: &mut effect::Runner, action: Action) {
    for e in update::update(state, action) {
        if let Err(message) = runner.run(e) {
            state.status = message;
        }
    }
}

/// Frame times written to the file `MAILVET_FRAME_LOG` names, one line per frame: milliseconds since the
/// start, terminal events in the turn, milliseconds from the turn's start to the frame's end, milliseconds
/// drawing, and (`-` without a key) milliseconds from the moment the input thread read the turn's first key
/// to the frame's end: the key's whole time inside mailvet, earlier turns it waited behind included.
pub struct FrameLog {
    file: Option<BufWriter<File>>,
    start: Instant,
}

impl FrameLog {
    /// Logging into the file `MAILVET_FRAME_LOG` names, if set and creatable; else nothing is logged.
    pub fn from_env() -> FrameLog {
        FrameLog {
            file: std::env::var_os("MAILVET_FRAME_LOG")
                .and_then(|path| File::create(path).ok())
                .map(BufWriter::new),
            start: Instant::now(),
        }
    }

    /// Logs a frame drawn after `turn`, which took `drawing` to draw.
    pub fn frame(&mut self, turn: &Turn, drawing: Duration) {
        let Some(file) = &mut self.file else { return };
        let ms = |d: Duration| d.as_secs_f64() * 1e3;
        let key = turn
            .read
            .map_or_else(|| "-".to_string(), |r| format!("{:.2}", ms(r.elapsed())));
        let _ = writeln!(
            file,
            "{:.1} {} {:.2} {:.2} {key}",
            ms(self.start.elapsed()),
            turn.keys,
            ms(turn.began.elapsed()),
            ms(drawing)
        );
        if turn.keys > 0 {
            let _ = file.flush();
        }
    }
}
