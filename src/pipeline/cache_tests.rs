use super::*;
use crate::model::Score;
use crate::pipeline::judge::{Judgement, judge_raw};
use std::sync::{Mutex, PoisonError};

/// Keyed lookups: how the tests read back what was kept (the pipeline reads by unique name, `each_named`).
impl Cache {
    /// The judgements kept for `keys`, in their order (`None`: not cached, no key, or does not decode).
    pub fn get(&mut self, keys: &[Option<Key>], want: Want) -> Vec<Option<Judgement>> {
        let slots: Mutex<Vec<Option<Judgement>>> = Mutex::new(vec![None; keys.len()]);
        let names: Vec<Option<&str>> = keys
            .iter()
            .map(|key| key.as_ref().map(|k| k.unique.as_str()))
            .collect();
        let found = |i: usize, size: u64, row: &Stored| {
            if keys[i].as_ref().is_some_and(|k| k.size == size) {
                slots.lock().unwrap_or_else(PoisonError::into_inner)[i] = row.judgement();
            }
        };
        if !self.each_named(&names, want, &found) {
            return vec![None; keys.len()];
        }
        slots.into_inner().unwrap_or_else(PoisonError::into_inner)
    }
}

const MAIL: &[u8] = b"From: Shop <news@shop.example>\r\nTo: a@b.example\r\nSubject: Hello\r\n\
    Date: Tue, 24 Nov 2026 09:00:00 +0000\r\nMessage-ID: <1@shop.example>\r\n\r\nHi there\r\n";

fn judgement() -> Judgement {
    judge_raw(MAIL, &crate::config::Config::defaults().unwrap().rules()).judgement()
}

fn key(name: &str) -> Option<Key> {
    Some(Key {
        unique: name.into(),
        size: 10,
    })
}

#[test]
fn a_kept_judgement_comes_back_whole_or_without_signals() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(FILE_NAME);
    let judgement = judgement();
    assert!(!judgement.verdict.signals.is_empty());
    let mut cache = Cache::open(&path, "fp").unwrap();
    assert!(cache.is_empty());
    cache.put(&[(key("a").unwrap(), &judgement)]);
    assert!(!cache.is_empty());
    let found = cache.get(&[key("a"), key("b"), None], Want::Full);
    assert_eq!(found, vec![Some(judgement.clone()), None, None]);
    let listed = cache.get(&[key("a")], Want::List);
    let listed = listed[0].clone().unwrap();
    assert!(listed.verdict.signals.is_empty());
    assert_eq!(listed.head, judgement.head);
    assert_eq!(listed.verdict.trust, judgement.verdict.trust);
}

#[test]
fn bulk_and_single_lookups_agree() {
    let dir = tempfile::tempdir().unwrap();
    let mut cache = Cache::open(&dir.path().join(FILE_NAME), "fp").unwrap();
    let judgement = judgement();
    let keys: Vec<Key> = (0..BULK + 1)
        .map(|i| key(&format!("m{i}")).unwrap())
        .collect();
    let items: Vec<(Key, &Judgement)> = keys.iter().map(|k| (k.clone(), &judgement)).collect();
    cache.put(&items[..BULK]);
    let wanted: Vec<Option<Key>> = keys.iter().cloned().map(Some).collect();
    let bulk = cache.get(&wanted, Want::Full);
    assert_eq!(bulk.iter().filter(|j| j.is_some()).count(), BULK);
    assert!(bulk[BULK].is_none());
    assert_eq!(cache.get(&wanted[..2], Want::Full), bulk[..2].to_vec());
    // A message listed three times is found three times; a file without a key is not looked up.
    let mut again = wanted.clone();
    again.extend([wanted[3].clone(), None, wanted[3].clone()]);
    let found = cache.get(&again, Want::List);
    assert!(found[3].is_some() && found[BULK + 2].is_none());
    assert_eq!(found[BULK + 1], found[3]);
    assert_eq!(found[BULK + 3], found[3]);
}

#[test]
fn another_fingerprint_finds_nothing_and_drops_the_stale() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(FILE_NAME);
    Cache::open(&path, "old")
        .unwrap()
        .put(&[(key("a").unwrap(), &judgement())]);
    let mut cache = Cache::open(&path, "new").unwrap();
    assert!(cache.is_empty());
    assert_eq!(cache.get(&[key("a")], Want::Full), vec![None]);
    assert_eq!(stats(&path).unwrap().entries, Some(0));
    assert_eq!(
        evidence_rows(&cache),
        0,
        "the stale evidence is dropped too"
    );
}

fn evidence_rows(cache: &Cache) -> i64 {
    (cache.conn)
        .query_row("SELECT count(*) FROM evidence", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn a_judgement_kept_again_replaces_the_old_one_and_its_evidence() {
    let dir = tempfile::tempdir().unwrap();
    let mut cache = Cache::open(&dir.path().join(FILE_NAME), "fp").unwrap();
    let first = judgement();
    let mut second = judgement();
    second.verdict.signals[0].evidence = "changed".into();
    cache.put(&[(key("a").unwrap(), &first)]);
    cache.put(&[(key("a").unwrap(), &first), (key("a").unwrap(), &second)]);
    assert_eq!(cache.get(&[key("a")], Want::Full), vec![Some(second)]);
    assert_eq!(evidence_rows(&cache), 1);
}

#[test]
fn unusable_files_are_set_aside() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(FILE_NAME);
    let foreign = Connection::open(dir.path().join("other.sqlite")).unwrap();
    foreign
        .execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
        .unwrap();
    drop(foreign);
    let cases: Vec<Vec<u8>> = vec![
        b"not a database at all, just some text that is long enough to fill a header......."
            .repeat(3),
        fs::read(dir.path().join("other.sqlite")).unwrap(),
    ];
    for bytes in cases {
        fs::write(&path, &bytes).unwrap();
        let mut cache = Cache::open(&path, "fp").unwrap();
        cache.put(&[(key("a").unwrap(), &judgement())]);
        assert!(cache.get(&[key("a")], Want::Full)[0].is_some());
        let aside = dir.path().join(format!("{FILE_NAME}.aside"));
        assert_eq!(fs::read(&aside).unwrap(), bytes);
        drop(cache);
        clear(&path).unwrap();
    }
}

#[test]
fn a_cut_short_cache_is_set_aside() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(FILE_NAME);
    let judgement = judgement();
    let keys: Vec<Key> = (0..200).map(|i| key(&format!("m{i}")).unwrap()).collect();
    let items: Vec<(Key, &Judgement)> = keys.iter().map(|k| (k.clone(), &judgement)).collect();
    Cache::open(&path, "fp").unwrap().put(&items);
    let len = fs::metadata(&path).unwrap().len();
    fs::OpenOptions::new()
        .write(true)
        .open(&path)
        .unwrap()
        .set_len(len / 2 + 100)
        .unwrap();
    let mut cache = Cache::open(&path, "fp").unwrap();
    assert_eq!(cache.get(&[key("m1")], Want::Full), vec![None]);
    assert!(dir.path().join(format!("{FILE_NAME}.aside")).exists());
}

#[test]
fn keys_come_from_maildir_names_only() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("cur")).unwrap();
    let file = dir.path().join("cur").join("123.M1.host:2,S");
    fs::write(&file, b"12345").unwrap();
    let loose = dir.path().join("message.eml");
    fs::write(&loose, b"12345").unwrap();
    assert_eq!(
        Key::of(&file),
        Some(Key {
            unique: "123.M1.host".into(),
            size: 5
        })
    );
    assert_eq!(Key::of(&loose), None);
}

#[test]
fn the_fingerprint_follows_the_rules() {
    let rules = crate::config::Config::defaults().unwrap().rules();
    let mut other = rules.clone();
    other.trusted_authserv_ids.push("mx.example".into());
    assert_eq!(fingerprint(&rules, 10), fingerprint(&rules, 10));
    assert_ne!(fingerprint(&rules, 10), fingerprint(&other, 10));
    assert_ne!(fingerprint(&rules, 10), fingerprint(&rules, 11));
}

#[test]
fn every_head_column_comes_back_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let mut cache = Cache::open(&dir.path().join(FILE_NAME), "fp").unwrap();
    let mut parsed = judgement();
    parsed.verdict.score.total = -0.0;
    parsed.verdict.score.suspicious = 0.1 + 0.2;
    if let Some(head) = parsed.head.as_mut() {
        head.subject = "a\0b, \"c\" 'd'".into();
        head.from = Some(crate::mail::Address {
            name: None,
            address: "x@y.example".into(),
        });
    }
    let mut nameless = judgement();
    if let Some(head) = nameless.head.as_mut() {
        head.from = None;
        head.message_id = None;
    }
    let unparseable = Judgement {
        head: None,
        verdict: crate::model::Verdict::unparseable("cut short"),
    };
    let all = [parsed, nameless, unparseable];
    let keys: Vec<Key> = (0..all.len())
        .map(|i| key(&format!("m{i}")).unwrap())
        .collect();
    let items: Vec<(Key, &Judgement)> = keys.iter().cloned().zip(&all).collect();
    cache.put(&items);
    let wanted: Vec<Option<Key>> = keys.into_iter().map(Some).collect();
    let found = cache.get(&wanted, Want::Full);
    for (found, put) in found.iter().zip(&all) {
        let found = found.as_ref().expect("kept");
        assert_eq!(found, put);
        assert!(
            found.verdict.score.total.is_sign_negative()
                == put.verdict.score.total.is_sign_negative()
        );
    }
    // The list's reading keeps the reason an unparseable message has, nothing else of the signals.
    let listed = cache.get(&wanted, Want::List);
    assert!(listed[0].as_ref().unwrap().verdict.signals.is_empty());
    assert_eq!(listed[2].as_ref().unwrap().verdict, all[2].verdict);
    // The scan columns' reading is the list's without the advice, the Message-ID and the score.
    let columns = cache.get(&wanted, Want::Columns);
    for (columns, listed) in columns.into_iter().zip(listed) {
        let mut listed = listed.expect("kept");
        listed.verdict.advice.clear();
        listed.verdict.score = Score::default();
        if let Some(head) = listed.head.as_mut() {
            head.message_id = None;
        }
        assert_eq!(columns.expect("kept"), listed);
    }
}

#[test]
fn a_row_that_does_not_read_back_is_a_miss() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(FILE_NAME);
    let mut cache = Cache::open(&path, "fp").unwrap();
    cache.put(&[
        (key("a").unwrap(), &judgement()),
        (key("b").unwrap(), &judgement()),
    ]);
    cache
        .conn
        .execute(
            "UPDATE verdicts SET trust = 'trusted' WHERE unique_name = 'a'",
            [],
        )
        .unwrap();
    let found = cache.get(&[key("a"), key("b")], Want::List);
    assert!(found[0].is_none() && found[1].is_some());
}

#[test]
fn a_cache_of_another_layout_is_set_aside() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(FILE_NAME);
    let old = Connection::open(&path).unwrap();
    old.execute_batch(&format!(
        "CREATE TABLE verdicts (unique_name TEXT, size INTEGER, fingerprint TEXT, head TEXT);
         PRAGMA application_id = {APPLICATION_ID}; PRAGMA user_version = {};",
        SCHEMA_VERSION - 1
    ))
    .unwrap();
    drop(old);
    let bytes = fs::read(&path).unwrap();
    let mut cache = Cache::open(&path, "fp").unwrap();
    cache.put(&[(key("a").unwrap(), &judgement())]);
    assert!(cache.get(&[key("a")], Want::List)[0].is_some());
    let aside = dir.path().join(format!("{FILE_NAME}.aside"));
    assert_eq!(fs::read(&aside).unwrap(), bytes);
}

#[test]
fn a_cache_another_process_is_checkpointing_is_opened_not_set_aside() {
    // While a writer copies its log into the file (a checkpoint), page 1 (whose header counts the pages)
    // is written before the pages that make the file that long: for a moment the file looks cut short.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(FILE_NAME);
    let aside = dir.path().join(format!("{FILE_NAME}.aside"));
    let stop = std::sync::atomic::AtomicBool::new(false);
    let judgement = judgement();
    std::thread::scope(|scope| {
        let writer = scope.spawn(|| {
            let mut cache = Cache::open(&path, "fp").unwrap();
            let mut checkpoints = 0;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) && checkpoints < 150 {
                let keys: Vec<Key> = (0..50)
                    .map(|i| key(&format!("m{checkpoints}-{i}")).unwrap())
                    .collect();
                let items: Vec<(Key, &Judgement)> =
                    keys.iter().map(|k| (k.clone(), &judgement)).collect();
                cache.put(&items);
                cache
                    .conn
                    .query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()))
                    .unwrap();
                checkpoints += 1;
            }
        });
        while !writer.is_finished() {
            drop(Cache::open(&path, "fp").unwrap());
            if aside.exists() {
                stop.store(true, std::sync::atomic::Ordering::Relaxed);
                break;
            }
        }
    });
    assert!(
        !aside.exists(),
        "a cache being checkpointed by another process was set aside"
    );
}
