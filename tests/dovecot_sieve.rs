//! The README's Dovecot set-up, for real: Dovecot's LDA (`dovecot-lda`) delivers into a temp Maildir through
//! a Pigeonhole Sieve script that runs `mailvet filter` (`vnd.dovecot.filter`, sieve_extprograms) and files
//! phishing into Junk. What Dovecot stored is read back from disk and over IMAP.

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
fn sieve_script(config: &Path) -> String {
    format!(
        "require [\"vnd.dovecot.filter\", \"fileinto\"];\n\
         filter \"mailvet\" [\"filter\", \"--config\", \"{}\"];\n\
         if header :is \"X-Mailvet-Trust\" \"phishing\" {{\n  fileinto \"Junk\";\n}}\n",
        config.display()
    )
}

/// The Dovecot settings of the README: Sieve for the LDA, the script run before the user's own, the filter
/// extension and the directory its programs come from.
fn sieve_config(script: &Path, bin: &Path) -> String {
    format!(
        "lda_mailbox_autocreate = yes\npostmaster_address = postmaster@delivery.test\n\
         protocol lda {{\n  mail_plugins = $mail_plugins sieve\n}}\n\
         plugin {{\n  sieve_before = {script}\n  sieve_plugins = sieve_extprograms\n  \
         sieve_global_extensions = +vnd.dovecot.filter\n  sieve_filter_bin_dir = {bin}\n}}\n",
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

fn deliver(dovecot: &Dovecot, lda: &Path, message: &str, work: &Path) {
    let mut child = dovecot
        .tool(lda)
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
    assert!(status.success(), "dovecot-lda: {status}: {}", log(work));
}

#[test]
fn sieve_files_phishing_into_junk_and_genuine_mail_into_the_inbox_with_mailvet_headers() {
    let Some((lda, sievec)) = pigeonhole() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let work = dir.path();
    fs::set_permissions(work, fs::Permissions::from_mode(0o755)).unwrap();
    let root = work.join("Mail");
    make_maildir(&root);
    let bin = work.join("bin");
    install_mailvet(&bin);
    let script = work.join("mailvet.sieve");
    fs::write(&script, sieve_script(&admin_config(work))).unwrap();

    let extra = sieve_config(&script, &bin);
    let Some(dovecot) = Dovecot::start_with(&root, work, &extra) else {
        return;
    };
    // Global scripts are compiled by the admin: the mail user may not write beside them.
    let status = dovecot.tool(&sievec).arg(&script).status().unwrap();
    assert!(status.success(), "sievec: {}", log(work));

    deliver(&dovecot, &lda, &forged(PHISHING_DELIVERY), work);
    deliver(&dovecot, &lda, GENUINE_DELIVERY, work);
    let dovecot_log = log(work);
    assert!(
        !dovecot_log.contains("Error"),
        "Dovecot logged errors: {dovecot_log}"
    );

    let junked = only_new_message(&root.join(".Junk"));
    let (lines, below) = split_stamp(&junked);
    assert_eq!(stamp_value(&lines, "X-Mailvet-Trust"), "phishing");
    assert_eq!(stamp_value(&lines, "X-Mailvet-Brand"), "paypal");
    assert_eq!(
        String::from_utf8_lossy(below),
        PHISHING_DELIVERY,
        "below mailvet's headers: the message as sent, without the forged header"
    );
    let kept = only_new_message(&root);
    let (lines, below) = split_stamp(&kept);
    assert_eq!(stamp_value(&lines, "X-Mailvet-Trust"), "verified");
    assert_eq!(stamp_value(&lines, "X-Mailvet-Category"), "orders-shipping");
    assert_eq!(String::from_utf8_lossy(below), GENUINE_DELIVERY);

    let mut imap = dovecot.login();
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
