//! The export thread: exports and abuse reports run here, one at a time, never on the UI thread. Each
//! message is read again and judged in full (the rows keep verdicts without signals), in parallel, then
//! written through `pipeline::export::run`; progress and the result come back as Actions. Every job carries
//! the rules and the address of the moment it was asked for ([`Basis`]), so a file says what the screen
//! said: a lesson taught before `e` or `R` is in it, one taken back is not. A destination inside the Maildir
//! is refused after resolving `~`, relative paths and symlinks; nothing is ever written there.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::Sender;

use rayon::prelude::*;

use crate::analysis::Rules;
use crate::export::{Format, arf};
use crate::pipeline::export::{
    Output, Progress, Settings, Summary, Target, run, target, write_file,
};
use crate::pipeline::places::{inside_resolved, now};
use crate::pipeline::reports::Place;
use crate::store::Writable;

use super::action::Action;
use super::jobs::{Finished, Item, Request, Step};

/// What the thread needs besides the jobs.
#[derive(Debug, Clone)]
pub struct Setup {
    /// Largest message file read, in bytes.
    pub max_bytes: u64,
    /// The Maildir open: nothing is written inside it.
    pub maildir: PathBuf,
    /// Where reports go: drafts in the Maildir, or the outbox (`None`: no home directory for one).
    pub reports: Option<Place>,
    /// Refuse every write into the Maildir (reports then never go to its Drafts).
    pub read_only: bool,
}

/// What a job is judged and signed by: the interface's rules and the user's address when it was asked for.
#[derive(Debug, Clone)]
pub struct Basis {
    /// The analysis rules with every lesson taught so far (and the brand knowledge base for reports).
    pub rules: Arc<Rules>,
    /// Config `identity.address`, the sender of reports.
    pub identity: Option<String>,
}

enum Job {
    Export(Request),
    Report(Item),
}

/// The handle to the export thread.
pub struct Exporter {
    jobs: Sender<(Job, Basis)>,
}

impl Exporter {
    /// Starts the thread; results go to `actions`.
    pub fn start(setup: Setup, actions: Sender<Action>) -> io::Result<Exporter> {
        let (jobs, rx) = std::sync::mpsc::channel::<(Job, Basis)>();
        std::thread::Builder::new()
            .name("mailvet-export".into())
            .spawn(move || {
                for (job, basis) in rx {
                    let finished = match job {
                        Job::Export(req) => export(&setup, &basis, &req, &actions),
                        Job::Report(item) => report(&setup, &basis, &item),
                    };
                    if actions.send(Action::Exported(Box::new(finished))).is_err() {
                        return;
                    }
                }
            })?;
        Ok(Exporter { jobs })
    }

    /// Queues an export, judged by `basis`.
    pub fn export(&self, request: Request, basis: Basis) -> Result<(), String> {
        self.send(Job::Export(request), basis)
    }

    /// Queues a report, judged and signed by `basis`.
    pub fn report(&self, item: Item, basis: Basis) -> Result<(), String> {
        self.send(Job::Report(item), basis)
    }

    fn send(&self, job: Job, basis: Basis) -> Result<(), String> {
        self.jobs
            .send((job, basis))
            .map_err(|_| "the export thread has stopped; nothing exported".to_string())
    }
}

fn settings<'a>(setup: &Setup, basis: &'a Basis, format: Format) -> Settings<'a> {
    Settings {
        format,
        rules: &basis.rules,
        identity: basis.identity.as_deref(),
        max_message_bytes: setup.max_bytes,
        now: now(),
    }
}

/// Sends progress about a hundred times per stage at most.
fn reporter<'a>(
    actions: &'a Sender<Action>,
    stage: &'static str,
) -> impl Fn(usize, usize) + Sync + 'a {
    move |done, total| {
        let every = (total / 100).max(1);
        if done % every == 0 || done == total {
            let _ = actions.send(Action::ExportProgress(Step { stage, done, total }));
        }
    }
}

/// Reads and judges every item again, in parallel, in order.
fn judge(setup: &Setup, rules: &Rules, items: &[Item], actions: &Sender<Action>) -> Vec<Target> {
    let done = AtomicUsize::new(0);
    let tell = reporter(actions, "reading");
    let total = items.len();
    items
        .par_iter()
        .map(|item| {
            let target = target(&item.path, &item.folder, setup.max_bytes, rules);
            tell(done.fetch_add(1, Ordering::Relaxed) + 1, total);
            target
        })
        .collect()
}

fn export(setup: &Setup, basis: &Basis, req: &Request, actions: &Sender<Action>) -> Finished {
    let mut finished = Finished {
        report: false,
        drafts: false,
        format: req.format,
        dest: req.dest.clone(),
        total: req.items.len(),
        to: None,
        result: Err(String::new()),
    };
    let dest = match resolve(&req.dest, &setup.maildir) {
        Ok(dest) => dest,
        Err(e) => {
            finished.result = Err(e);
            return finished;
        }
    };
    finished.dest.clone_from(&dest);
    let targets = judge(setup, &basis.rules, &req.items, actions);
    let settings = settings(setup, basis, req.format);
    let tell = reporter(actions, "writing");
    let mut progress = |p: Progress| tell(p.done, p.total);
    finished.result = if req.format.needs_dir() || dest.is_dir() {
        run(&settings, &targets, Output::Dir(&dest), &mut progress).map_err(|e| format!("{e:#}"))
    } else {
        to_file(&settings, &targets, &dest, &mut progress)
    };
    finished
}

/// A stream export into a new file (never replacing one), all or nothing: written to a temp file beside it
/// and renamed into place when complete (`pipeline::export::write_file`), so a failed or killed export
/// never leaves a cut file under the name asked for.
fn to_file(
    settings: &Settings<'_>,
    targets: &[Target],
    dest: &Path,
    progress: &mut dyn FnMut(Progress),
) -> Result<Summary, String> {
    if let Some(parent) = dest.parent().filter(|p| !p.as_os_str().is_empty()) {
        fs::create_dir_all(parent)
            .map_err(|e| format!("cannot create the folder '{}': {e}", parent.display()))?;
    }
    // Said before the work; the rename at the end refuses a name taken meanwhile.
    if fs::symlink_metadata(dest).is_ok() {
        return Err(format!("'{}' exists; choose another name", dest.display()));
    }
    let mut summary = write_file(dest, false, |out| {
        run(settings, targets, Output::Stream(out), progress)
    })
    .map_err(|e| format!("{e:#}"))?;
    let note = super::wording::count(targets.len());
    summary.written.push((dest.to_path_buf(), note));
    Ok(summary)
}

fn report(setup: &Setup, basis: &Basis, item: &Item) -> Finished {
    let mut finished = Finished {
        report: true,
        drafts: matches!(setup.reports, Some(Place::Drafts(_))),
        format: Format::Arf,
        dest: setup
            .reports
            .as_ref()
            .map(|p| p.dir().to_path_buf())
            .unwrap_or_default(),
        total: 1,
        to: None,
        result: Err("no home directory for the outbox".into()),
    };
    let target = target(&item.path, &item.folder, setup.max_bytes, &basis.rules);
    finished.to = Some(arf::destination(&target.record, &basis.rules).address);
    let settings = settings(setup, basis, Format::Arf);
    let one = std::slice::from_ref(&target);
    finished.result = match &setup.reports {
        None => return finished,
        Some(Place::Drafts(dir)) => match Writable::new(setup.read_only) {
            Ok(writable) => run(&settings, one, Output::Drafts(dir, &writable), &mut |_| {})
                .map_err(|e| format!("{e:#}")),
            Err(e) => Err(e.to_string()),
        },
        Some(Place::Outbox(outbox)) => resolve(outbox, &setup.maildir).and_then(|outbox| {
            run(&settings, one, Output::Dir(&outbox), &mut |_| {}).map_err(|e| format!("{e:#}"))
        }),
    };
    finished
}

/// The destination as an absolute path (`~/` expanded, relative to the current directory), refused when it
/// lies inside the Maildir, symlinks resolved on both sides.
fn resolve(dest: &Path, maildir: &Path) -> Result<PathBuf, String> {
    let expanded = match dest.strip_prefix("~") {
        Ok(rest) => std::env::var_os("HOME")
            .map(|home| PathBuf::from(home).join(rest))
            .ok_or("no home directory for '~'")?,
        Err(_) => dest.to_path_buf(),
    };
    let absolute = std::path::absolute(&expanded)
        .map_err(|e| format!("cannot resolve '{}': {e}", dest.display()))?;
    if inside_resolved(&absolute, maildir) {
        return Err(format!(
            "'{}' is inside the Maildir; exports go outside it",
            absolute.display()
        ));
    }
    Ok(absolute)
}

#[cfg(test)]
mod tests {
    use super::*;

    const MAIL: &str = "From: Sam <sam@example.org>\r\nTo: dana@example.net\r\nSubject: Hi\r\n\
        Date: Wed, 18 Nov 2026 12:00:00 +0100\r\n\r\nHello.\r\n";

    fn setup(maildir: &Path) -> Setup {
        Setup {
            max_bytes: 1 << 20,
            maildir: maildir.to_path_buf(),
            reports: None,
            read_only: false,
        }
    }

    fn basis() -> Basis {
        let rules = crate::config::Config::defaults().map(|c| c.rules());
        Basis {
            rules: Arc::new(rules.unwrap_or_else(|e| panic!("{e}"))),
            identity: None,
        }
    }

    #[test]
    fn a_large_export_reports_bounded_progress_and_never_replaces_a_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let maildir = dir.path().join("Maildir");
        fs::create_dir_all(maildir.join("cur")).expect("mkdir");
        let items: Vec<Item> = (0..400)
            .map(|i| {
                let path = maildir.join(format!("cur/17954{i:05}.M{i}P1.host:2,S"));
                fs::write(&path, MAIL).expect("write");
                Item {
                    path,
                    folder: "INBOX".into(),
                }
            })
            .collect();
        let dest = dir.path().join("out/all.jsonl");
        let req = Request {
            items,
            format: Format::Jsonl,
            dest: dest.clone(),
        };
        let (tx, rx) = std::sync::mpsc::channel();
        let started = std::time::Instant::now();
        let done = export(&setup(&maildir), &basis(), &req, &tx);
        eprintln!(
            "400 messages judged and exported in {:?}",
            started.elapsed()
        );
        assert_eq!(done.dest, dest);
        let summary = done.result.expect("exported");
        assert_eq!(summary.written.len(), 1);
        let text = fs::read_to_string(&dest).expect("file");
        assert_eq!(text.lines().count(), 400);
        let steps: Vec<Step> = rx
            .try_iter()
            .filter_map(|a| match a {
                Action::ExportProgress(step) => Some(step),
                _ => None,
            })
            .collect();
        assert!(steps.len() <= 210, "{} progress messages", steps.len());
        assert!(steps.iter().any(|s| s.stage == "reading" && s.done == 400));
        assert!(steps.iter().any(|s| s.stage == "writing" && s.done == 400));

        let again = export(&setup(&maildir), &basis(), &req, &tx);
        let why = again.result.expect_err("the file exists");
        assert!(why.contains("exists"), "{why}");
        assert_eq!(fs::read_to_string(&dest).expect("file"), text);
    }

    #[test]
    fn each_export_is_judged_by_the_rules_it_was_asked_with() {
        let dir = tempfile::tempdir().expect("tempdir");
        let maildir = dir.path().join("Maildir");
        fs::create_dir_all(maildir.join("cur")).expect("mkdir");
        let path = maildir.join("cur/1795400000.M1P1.host:2,S");
        fs::write(&path, MAIL).expect("write");
        let items = vec![Item {
            path,
            folder: "INBOX".into(),
        }];
        let before = basis();
        let mut rules = (*before.rules).clone();
        rules.taught.push(crate::analysis::Taught {
            domain: "example.org".into(),
            verdict: crate::analysis::Lesson::Block,
            brand: None,
            date: "2026-12-03".into(),
            message_id: None,
        });
        crate::config::taught::apply(&mut rules.brands, &rules.taught);
        let blocked = Basis {
            rules: Arc::new(rules),
            identity: None,
        };
        let (tx, _rx) = std::sync::mpsc::channel();
        let exported = |basis: &Basis, name: &str| {
            let req = Request {
                items: items.clone(),
                format: Format::Jsonl,
                dest: dir.path().join(name),
            };
            export(&setup(&maildir), basis, &req, &tx)
                .result
                .expect("exported");
            let text = fs::read_to_string(dir.path().join(name)).expect("file");
            serde_json::from_str::<serde_json::Value>(&text).expect("json")
        };
        let taught = exported(&blocked, "blocked.jsonl");
        assert_eq!(taught["trust"], "phishing", "{taught}");
        let signals = taught["signals"].as_array().expect("signals");
        assert!(signals.iter().any(|s| s["id"] == "taught"), "{taught}");
        let plain = exported(&before, "before.jsonl");
        assert_ne!(plain["trust"], "phishing", "{plain}");
    }

    #[cfg(unix)]
    #[test]
    fn destinations_inside_the_maildir_are_refused_even_through_symlinks() {
        let dir = tempfile::tempdir().expect("tempdir");
        let maildir = dir.path().join("Maildir");
        fs::create_dir_all(maildir.join("cur")).expect("mkdir");
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(&maildir, &link).expect("symlink");
        assert!(resolve(&maildir.join("cur/x.json"), &maildir).is_err());
        assert!(resolve(&link.join("new/dir/x.json"), &maildir).is_err());
        assert!(resolve(&maildir.join("../Maildir/x.json"), &maildir).is_err());
        let outside = dir.path().join("exports/x.json");
        assert_eq!(resolve(&outside, &maildir), Ok(outside));
        assert!(resolve(&dir.path().join("Maildir2/x.json"), &maildir).is_ok());
    }
}
