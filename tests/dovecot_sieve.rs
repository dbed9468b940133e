//! The README's Dovecot set-up, for real: Dovecot's LDA (`dovecot-lda`) delivers into a temp Maildir through
//! a Pigeonhole Sieve script that runs `mailvet filter` (`vnd.dovecot.filter`, sieve_extprograms) and files
//! phishing into Junk. What Dovecot stored is read back from disk and over IMAP. The `execute` variant tests
//! `mailvet filter --exit-code` instead.

mod common;

use std::fs;
use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Stdio;

use common::dovecot::{Dovecot, log};
use common::filtered::*;
use common::make_maildir;

/// The global Sieve script of the README, with the admin's config.
fn filter_script(config: &Path) -> String {
    format!(
        "require [\"vnd.dovecot.filter\", \"fileinto\"];\n\
         filter \"mailvet\" [\"filter\", \"--config\", \"{}\"];\n\
         if header :is \"X-Mailvet-Trust\" \"phishing\" {{\n  fileinto \"Junk\";\n}}\n",
        config.display()
    )
}

/// A global Sieve script that tests mailvet's exit status instead of reading its headers.
fn execute_script(config: &Path) -> String {
    format!(
        "require [\"vnd.dovecot.execute\", \"fileinto\"];\n\
         if not execute :pipe \"mailvet\" [\"filter\", \"--exit-code\", \"--config\", \"{}\"] {{\n  \
         fileinto \"Junk\";\n}}\n",
        config.display()
    )
}

/// The Dovecot settings of the README: Sieve for the LDA, the script run before the user's own, the
/// `vnd.dovecot.{extension}` extension and the directory its programs come from.
fn sieve_config(script: &Path, extension: &str, bin: &Path) -> String {
    format!(
        "lda_mailbox_autocreate = yes\npostmaster_address = postmaster@delivery.test\n\
         protocol lda {{\n  mail_plugins = $mail_plugins sieve\n}}\n\
         plugin {{\n  sieve_before = {script}\n  sieve_plugins = sieve_extprograms\n  \
         sieve_global_extensions = +vnd.dovecot.{extension}\n  sieve_{extension}_bin_dir = {bin}\n}}\n",
        script = script.display(),
        bin = bin.display(),
    )
}

/// Dovecot's LDA and Sieve compiler (Debian dovecot-sieve); `None` with a message when missing, a failure
/// under `CI`.
fn pigeonhole() -> Option<(PathBuf, PathBuf)> {
    let lda = PathBuf::from("/usr/lib/dovecot/dovecot-lda");
    let sievec = PathBuf::from("/usr/bin/sievec");
    let plugin = Path::new("/usr/lib/dovecot/modules/sieve/lib90_sieve_extprograms_plugin.so");
    if lda.is_file() && sievec.is_file() && plugin.is_file() {
        return Some((lda, sievec));
    }
    let problem = "Pigeonhole is not installed (Debian: apt-get install dovecot-sieve)";
    assert!(std::env::var_os("CI").is_none(), "CI: {problem}");
    eprintln!("SKIPPED: {problem}");
    None
}

/// The mailvet binary under test, copied where the mail user may run it.
fn install_mailvet(bin: &Path) {
    fs::create_dir_all(bin).unwrap();
    let target = bin.join("mailvet");
    fs::copy(assert_cmd::cargo::cargo_bin("mailvet"), &target).unwrap();
    fs::set_permissions(&target, fs::Permissions::from_mode(0o755)).unwrap();
}

/// A running Dovecot whose LDA runs `script` (made from the admin's config path) before every delivery.
struct Delivery {
    dovecot: Dovecot,
    lda: PathBuf,
    root: PathBuf,
    dir: tempfile::TempDir,
}

impl Delivery {
    fn start(script: fn(&Path) -> String, extension: &str) -> Option<Delivery> {
        let (lda, sievec) = pigeonhole()?;
        let dir = tempfile::tempdir().unwrap();
        let work = dir.path();
        fs::set_permissions(work, fs::Permissions::from_mode(0o755)).unwrap();
        let root = work.join("Mail");
        make_maildir(&root);
        let bin = work.join("bin");
        install_mailvet(&bin);
        let script_path = work.join("mailvet.sieve");
        fs::write(&script_path, script(&admin_config(work))).unwrap();
        let extra = sieve_config(&script_path, extension, &bin);
        let dovecot = Dovecot::start_with(&root, work, &extra)?;
        // Global scripts are compiled by the admin: the mail user may not write beside them.
        let status = dovecot.tool(&sievec).arg(&script_path).status().unwrap();
        assert!(status.success(), "sievec: {}", log(work));
        Some(Delivery {
            dovecot,
            lda,
            root,
            dir,
        })
    }

    /// Delivers `message` with `dovecot-lda`, as the mail server would.
    fn deliver(&self, message: &str) {
        let mut child = self
            .dovecot
            .tool(&self.lda)
            .args(["-d", "tester", "-f", "sender@delivery.test"])
            .stdin(Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(message.as_bytes())
            .unwrap();
        let status = child.wait().unwrap();
        assert!(status.success(), "dovecot-lda: {status}: {}", self.log());
    }

    /// Dovecot's log.
    fn log(&self) -> String {
        log(self.dir.path())
    }

    /// Asserts that Dovecot logged no error (a Sieve script that failed, a filter that could not run).
    fn assert_no_errors(&self) {
        let text = self.log();
        assert!(!text.contains("Error"), "Dovecot logged errors: {text}");
    }
}

#[test]
fn sieve_files_phishing_into_junk_and_genuine_mail_into_the_inbox_with_mailvet_headers() {
    let Some(delivery) = Delivery::start(filter_script, "filter") else {
        return;
    };
    delivery.deliver(&forged(PHISHING_DELIVERY));
    delivery.deliver(GENUINE_DELIVERY);
    delivery.assert_no_errors();
    let root = &delivery.root;
    let junked = only_new_message(&root.join(".Junk"));
    let (lines, below) = split_stamp(&junked);
    assert_eq!(stamp_value(&lines, "X-Mailvet-Trust"), "phishing");
    assert_eq!(stamp_value(&lines, "X-Mailvet-Brand"), "paypal");
    assert_eq!(
        String::from_utf8_lossy(below),
        PHISHING_DELIVERY,
        "below mailvet's headers: the message as sent, without the forged header"
    );
    let kept = only_new_message(root);
    let (lines, below) = split_stamp(&kept);
    assert_eq!(stamp_value(&lines, "X-Mailvet-Trust"), "verified");
    assert_eq!(stamp_value(&lines, "X-Mailvet-Category"), "orders-shipping");
    assert_eq!(String::from_utf8_lossy(below), GENUINE_DELIVERY);

    let mut imap = delivery.dovecot.login();
    imap.run("SELECT INBOX");
    assert_eq!(imap.header_values("X-Mailvet-Trust"), ["verified"]);
    assert_eq!(imap.header_values("X-Mailvet-Brand"), ["dhl"]);
    imap.run("SELECT Junk");
    assert_eq!(
        imap.header_values("X-Mailvet-Trust"),
        ["phishing"],
        "only mailvet's own label, the forged one is gone"
    );
    imap.run("LOGOUT");
}

#[test]
fn sieve_execute_with_exit_code_files_phishing_into_junk_and_leaves_mail_unchanged() {
    let Some(delivery) = Delivery::start(execute_script, "execute") else {
        return;
    };
    delivery.deliver(PHISHING_DELIVERY);
    delivery.deliver(GENUINE_DELIVERY);
    delivery.assert_no_errors();
    let junked = only_new_message(&delivery.root.join(".Junk"));
    assert_eq!(String::from_utf8_lossy(&junked), PHISHING_DELIVERY);
    let kept = only_new_message(&delivery.root);
    assert_eq!(String::from_utf8_lossy(&kept), GENUINE_DELIVERY);
}
