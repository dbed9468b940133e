//! Watching directories for files created, removed, renamed or written (inotify, Linux), never for files
//! opened or read: the analysis opens every message once, and a watcher that heard each open (as the
//! `notify` crate's does, which cannot be told otherwise) spent a second of CPU on 100,000 of them while
//! the messages were being judged.

use std::collections::HashMap;
use std::mem::MaybeUninit;
use std::os::fd::OwnedFd;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use rustix::fs::inotify::{self, CreateFlags, ReadFlags, WatchFlags};
use rustix::io::Errno;

/// What a change is reported for: files coming and going in the directory, and the directory itself
/// going away.
const CHANGES: WatchFlags = WatchFlags::CREATE
    .union(WatchFlags::DELETE)
    .union(WatchFlags::MOVED_FROM)
    .union(WatchFlags::MOVED_TO)
    .union(WatchFlags::CLOSE_WRITE)
    .union(WatchFlags::MODIFY)
    .union(WatchFlags::ATTRIB)
    .union(WatchFlags::DELETE_SELF)
    .union(WatchFlags::MOVE_SELF)
    .union(WatchFlags::ONLYDIR);

/// Why a directory could not be watched.
#[derive(Debug)]
pub enum WatchError {
    /// It does not exist (or is not a directory).
    Missing,
    /// Anything else, the watch limit (`fs.inotify.max_user_watches`) first of all.
    Other(std::io::Error),
}

/// Watches directories; each change is reported to the callback given to [`Watcher::start`] as the
/// changed paths (a file in a watched directory, or the directory itself), or no path when the kernel's
/// queue overflowed and anything may have changed.
pub struct Watcher {
    fd: Arc<OwnedFd>,
    dirs: Arc<Mutex<HashMap<i32, PathBuf>>>,
    stopped: Arc<AtomicBool>,
}

impl Watcher {
    /// Starts the thread that reads the kernel's events and hands them to `report`, a batch at a time.
    pub fn start(report: impl Fn(Vec<PathBuf>) + Send + 'static) -> std::io::Result<Watcher> {
        let fd = Arc::new(inotify::init(CreateFlags::CLOEXEC)?);
        let dirs: Arc<Mutex<HashMap<i32, PathBuf>>> = Arc::default();
        let stopped = Arc::new(AtomicBool::new(false));
        let (reader, known, stop) = (Arc::clone(&fd), Arc::clone(&dirs), Arc::clone(&stopped));
        std::thread::Builder::new()
            .name("mailvet-watch".into())
            .spawn(move || read(&reader, &known, &stop, &report))?;
        Ok(Watcher { fd, dirs, stopped })
    }

    /// Watches the directory `dir` (not what is below it).
    pub fn watch(&self, dir: &Path) -> Result<(), WatchError> {
        match inotify::add_watch(&*self.fd, dir, CHANGES) {
            Ok(wd) => {
                self.dirs
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .insert(wd, dir.to_path_buf());
                Ok(())
            }
            Err(Errno::NOENT | Errno::NOTDIR) => Err(WatchError::Missing),
            Err(e) => Err(WatchError::Other(e.into())),
        }
    }
}

impl Drop for Watcher {
    /// Stops reporting (the reading thread ends at the next event, or stays asleep in its read).
    fn drop(&mut self) {
        self.stopped.store(true, Ordering::Relaxed);
        let dirs = std::mem::take(&mut *self.dirs.lock().unwrap_or_else(PoisonError::into_inner));
        for wd in dirs.into_keys() {
            let _ = inotify::remove_watch(&*self.fd, wd);
        }
    }
}

/// Reads events until reading fails or the watcher is dropped, reporting each read's events together.
fn read(
    fd: &OwnedFd,
    dirs: &Mutex<HashMap<i32, PathBuf>>,
    stopped: &AtomicBool,
    report: &impl Fn(Vec<PathBuf>),
) {
    let mut buf = vec![MaybeUninit::<u8>::uninit(); 64 * 1024];
    let mut events = inotify::Reader::new(fd, &mut buf);
    loop {
        let mut paths = Vec::new();
        let mut overflow = false;
        loop {
            let event = match events.next() {
                Ok(event) => event,
                Err(Errno::INTR) => continue,
                Err(_) => return,
            };
            if event.events().contains(ReadFlags::QUEUE_OVERFLOW) {
                overflow = true;
            } else if let Some(dir) =
                (dirs.lock().unwrap_or_else(PoisonError::into_inner)).get(&event.wd())
            {
                let name = event.file_name().map(|n| {
                    use std::os::unix::ffi::OsStrExt;
                    std::ffi::OsStr::from_bytes(n.to_bytes()).to_owned()
                });
                paths.push(name.map_or_else(|| dir.clone(), |n| dir.join(n)));
            }
            if events.is_buffer_empty() {
                break;
            }
        }
        if stopped.load(Ordering::Relaxed) {
            return;
        }
        if overflow {
            paths.clear();
        }
        if overflow || !paths.is_empty() {
            report(paths);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc;
    use std::time::Duration;

    #[test]
    fn files_created_and_renamed_are_reported_files_read_are_not() {
        let dir = tempfile::tempdir().expect("temp dir");
        let old = dir.path().join("old");
        std::fs::write(&old, "x").expect("write");
        let (tx, rx) = mpsc::channel();
        let watcher = Watcher::start(move |paths| {
            let _ = tx.send(paths);
        })
        .expect("inotify");
        watcher.watch(dir.path()).expect("watch");
        assert!(matches!(
            watcher.watch(&dir.path().join("none")),
            Err(WatchError::Missing)
        ));
        for _ in 0..3 {
            std::fs::read(&old).expect("read");
        }
        assert!(
            rx.recv_timeout(Duration::from_millis(300)).is_err(),
            "reading a file is no change"
        );
        let new = dir.path().join("new");
        std::fs::rename(&old, &new).expect("rename");
        let mut seen = Vec::new();
        while seen.len() < 2 {
            seen.extend(rx.recv_timeout(Duration::from_secs(5)).expect("reported"));
        }
        assert_eq!(seen, [old, new]);
    }
}
