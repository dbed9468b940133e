use std::time::Duration;

use super::*;
use crate::analysis::{Lesson, Taught};
use crate::model::Trust;

const MAIL: &[u8] = b"From: Sam Example <sam@example.org>\r\nTo: dana@example.net\r\nSubject: Lunch on Friday?\r\n\
    Date: Wed, 18 Nov 2026 12:00:00 +0100\r\nMessage-ID: <lunch@example.org>\r\n\r\nAre you free on Friday?\r\n";

/// Two messages from example.org in a Maildir's `cur/`.
fn maildir() -> (tempfile::TempDir, Vec<Arc<Path>>) {
    messages(2)
}

/// `n` messages from example.org in a Maildir's `cur/`.
fn messages(n: usize) -> (tempfile::TempDir, Vec<Arc<Path>>) {
    let dir = tempfile::tempdir().unwrap();
    let cur = dir.path().join("cur");
    std::fs::create_dir(&cur).unwrap();
    let paths: Vec<Arc<Path>> = (0..n)
        .map(|i| {
            let path = cur.join(format!("{}.M1P1.host:2,S", 1_700_000_000 + i));
            std::fs::write(&path, MAIL).unwrap();
            Arc::from(path)
        })
        .collect();
    (dir, paths)
}

fn rules() -> Rules {
    crate::config::Config::defaults().unwrap().rules()
}

/// The cache for judgements by `rules`, in `dir`.
fn place(dir: &Path, rules: &Rules) -> Place {
    Place {
        path: dir.join("verdicts.sqlite"),
        fingerprint: super::super::cache::fingerprint(rules, 1 << 20),
    }
}

/// Whether the cache at `place` comes to hold a judgement of every one of `paths` (the writer thread keeps
/// them in the background: waits up to 10 s).
fn all_kept(place: &Place, paths: &[Arc<Path>]) -> bool {
    let kept = || {
        Place::open(place).is_some_and(|mut c| {
            let keys: Vec<Option<Key>> = paths.iter().map(|p| Key::of(p)).collect();
            c.get(&keys, Want::List).iter().flatten().count() == paths.len()
        })
    };
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while !kept() && std::time::Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    kept()
}

/// `rules` after the user blocked example.org.
fn blocked(mut rules: Rules) -> Rules {
    rules.taught.push(Taught {
        domain: "example.org".into(),
        verdict: Lesson::Block,
        brand: None,
        date: "2026-12-03".into(),
        message_id: None,
    });
    rules
}

#[test]
fn rows_still_queued_when_the_user_teaches_are_judged_by_the_lesson() {
    let (_dir, paths) = maildir();
    let ruling = Ruling::new(Arc::new(rules()), None);
    let judge = ListJudge::new(paths, ruling.clone(), 1 << 20);
    assert_ne!(judge.summary(0).1.verdict.trust, Trust::Phishing);
    ruling.replace(Arc::new(blocked(rules())), None);
    assert_eq!(judge.summary(1).0, 1, "judged under the first lesson");
    assert_eq!(judge.summary(1).1.verdict.trust, Trust::Phishing);
}

#[test]
fn what_the_cache_held_under_the_old_rules_is_not_taken_after_a_lesson() {
    let (dir, paths) = maildir();
    let place = |rules: &Rules| place(dir.path(), rules);
    // A first run keeps both judgements.
    let old = rules();
    let first = ListJudge::new(
        paths.clone(),
        Ruling::new(Arc::new(old.clone()), Some(place(&old))),
        1 << 20,
    );
    assert_ne!(first.summary(0).1.verdict.trust, Trust::Phishing);
    assert_ne!(first.summary(1).1.verdict.trust, Trust::Phishing);
    drop(first);
    assert!(
        all_kept(&place(&old), &paths),
        "the writer thread keeps both judgements"
    );

    // The next run loads them, then the user teaches before row 1 is delivered.
    let ruling = Ruling::new(Arc::new(old.clone()), Some(place(&old)));
    let judge = ListJudge::new(paths, ruling.clone(), 1 << 20);
    assert_ne!(judge.summary(0).1.verdict.trust, Trust::Phishing);
    let new = blocked(old);
    ruling.replace(Arc::new(new.clone()), Some(place(&new)));
    let handed = std::sync::atomic::AtomicUsize::new(0);
    judge.cached(&|_, _, _| {
        handed.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    });
    assert_eq!(
        handed.into_inner(),
        0,
        "no hit of the old rules is handed over"
    );
    assert_eq!(judge.summary(1).1.verdict.trust, Trust::Phishing);
}

#[test]
fn judging_faster_than_the_writer_keeps_waits_and_loses_nothing() {
    // More rows than may wait for the writer (a batch written, the batches queued, a batch filling) and a
    // last batch not full: the judge waits for room rather than drop any, and the rest is kept when it goes.
    let (dir, paths) = messages((WAITING + 2) * BATCH + 1);
    let rules = rules();
    let place = place(dir.path(), &rules);
    let ruling = Ruling::new(Arc::new(rules), Some(place.clone()));
    let judge = ListJudge::new(paths.clone(), ruling, 1 << 20);
    for id in 0..judge.len() {
        assert_ne!(judge.summary(id).1.verdict.trust, Trust::Unparseable);
    }
    drop(judge);
    assert!(all_kept(&place, &paths), "every judgement is kept");
}

#[test]
fn a_warm_start_hands_over_only_rows_whose_file_is_still_there_at_its_size() {
    let (dir, mut paths) = maildir();
    let rules = rules();
    let place = Place {
        path: dir.path().join("verdicts.sqlite"),
        fingerprint: super::super::cache::fingerprint(&rules, 1 << 20),
    };
    let third = paths[0].with_file_name("1700000002.M1P1.host:2,S");
    std::fs::write(&third, MAIL).unwrap();
    paths.push(Arc::from(third));
    let ruling = || Ruling::new(Arc::new(rules.clone()), Some(place.clone()));
    let first = ListJudge::new(paths.clone(), ruling(), 1 << 20);
    (0..3).for_each(|id| drop(first.summary(id)));
    drop(first);
    let handed = |paths: &[Arc<Path>]| {
        let judge = ListJudge::new(paths.to_vec(), ruling(), 1 << 20);
        let ids = Mutex::new(Vec::new());
        judge.cached(&|_, id, _| ids.lock().unwrap().push(id));
        let mut ids = ids.into_inner().unwrap();
        ids.sort_unstable();
        ids
    };
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while handed(&paths) != [0, 1, 2] && std::time::Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(
        handed(&paths),
        [0, 1, 2],
        "the writer thread keeps all three"
    );

    // Row 1's file now holds other bytes (another size), row 2's is gone, row 0's was renamed (flags).
    std::fs::write(&paths[1], [MAIL, b"P.S. bring cake\r\n"].concat()).unwrap();
    std::fs::remove_file(&paths[2]).unwrap();
    let renamed = paths[0].with_file_name("1700000000.M1P1.host:2,RS");
    std::fs::rename(&paths[0], &renamed).unwrap();
    paths[0] = Arc::from(renamed);
    assert_eq!(handed(&paths), [0]);
}
