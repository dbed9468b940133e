//! Config::load: every file in tests/invalid_configs/ is refused with an error naming the file and the key
//! (each file lists what its error must say in `# expect:` lines); valid files load; the XDG default path.

use std::path::{Path, PathBuf};
use std::process::Command;

use mailvet::config::{Config, DEFAULTS};
use mailvet::error::Error;

fn fixtures() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/invalid_configs");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/invalid_configs exists")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    files
}

#[test]
fn every_invalid_config_names_the_file_and_the_key() {
    let files = fixtures();
    assert!(files.len() >= 8, "only {} fixtures", files.len());
    for file in files {
        let text = std::fs::read_to_string(&file).expect("readable");
        let expected: Vec<&str> = text
            .lines()
            .filter_map(|l| l.strip_prefix("# expect: "))
            .collect();
        assert!(
            !expected.is_empty(),
            "{} has no '# expect:' line",
            file.display()
        );
        let err = match Config::load(Some(&file)) {
            Ok(_) => panic!("{} loaded without error", file.display()),
            Err(err) => err,
        };
        assert!(matches!(err, Error::Config { .. }), "{err:?}");
        let message = err.to_string();
        assert!(
            message.contains(&format!("'{}'", file.display())),
            "{message}"
        );
        // The first expectation is the key, which the message quotes.
        assert!(
            message.contains(&format!("key '{}'", expected[0])),
            "{}: {message}",
            file.display()
        );
        for want in &expected[1..] {
            assert!(message.contains(want), "{}: {message}", file.display());
        }
    }
}

#[test]
fn missing_explicit_file_is_an_error_naming_it() {
    let err = Config::load(Some(Path::new("/nonexistent/mailvet.toml"))).expect_err("missing");
    assert!(matches!(err, Error::Io { .. }), "{err:?}");
    assert!(
        err.to_string().contains("'/nonexistent/mailvet.toml'"),
        "{err}"
    );
}

#[test]
fn defaults() {
    let config = Config::defaults().expect("defaults load");
    assert_eq!(config.maildir, None);
    assert!(config.trusted_authserv_ids.is_empty());
    assert!(!config.read_only);
    assert_eq!(config.max_message_bytes, 64 * 1024 * 1024);
    assert_eq!(config.folders.archive, "Archive");
    assert_eq!(config.folders.junk, "Junk");
    assert_eq!(config.identity.address, None);
    assert_eq!(config.path, None);
    assert!(config.brands.get("amazon").is_some());
}

#[test]
fn full_config_round_trip() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let path = tmp.path().join("config.toml");
    std::fs::write(
        &path,
        r#"
maildir = "~/Mail/personal"
trusted_authserv_ids = ["MX.Example.ORG", "mx2.example.org"]
read_only = true
max_message_size = "512K"

[folders]
archive = "Archive.2026"
junk = "Spam"

[identity]
address = "me@example.org"

[[brand]]
id = "examplebank"
display = "Example Bank"
names = ["example bank"]
sender_domains = ["examplebank.example"]
report = { address = "phish@examplebank.example", how = "forward", source = "https://examplebank.example/p" }

[[brand]]
id = "amazon"
display = "Amazon"
names = ["amazon"]
sender_domains = ["amazon.example"]
"#,
    )
    .expect("write");
    let config = Config::load(Some(&path)).expect("valid");
    let home = etcetera::home_dir().expect("home");
    assert_eq!(config.maildir, Some(home.join("Mail/personal")));
    assert_eq!(
        config.trusted_authserv_ids,
        ["mx.example.org", "mx2.example.org"]
    );
    assert!(config.read_only);
    assert_eq!(config.max_message_bytes, 512 * 1024);
    assert_eq!(config.folders.archive, "Archive.2026");
    assert_eq!(config.folders.junk, "Spam");
    assert_eq!(config.identity.address.as_deref(), Some("me@example.org"));
    assert_eq!(config.path.as_deref(), Some(path.as_path()));
    let bank = config.brands.get("examplebank").expect("added");
    assert_eq!(bank.sender_domains, ["examplebank.example"]);
    let amazon = config.brands.get("amazon").expect("replaced");
    assert_eq!(amazon.sender_domains, ["amazon.example"]);
    assert!(
        config.brands.get("paypal").is_some(),
        "embedded brands kept"
    );
    let rules = config.rules();
    assert_eq!(rules.trusted_authserv_ids, config.trusted_authserv_ids);
    assert!(rules.brands.get("examplebank").is_some());
}

#[test]
fn integer_size_and_partial_file_keep_other_defaults() {
    let config = Config::parse("max_message_size = 1000\n", Path::new("x.toml")).expect("valid");
    assert_eq!(config.max_message_bytes, 1000);
    assert_eq!(config.folders.junk, "Junk");
    assert!(!config.read_only);
}

/// The commented examples in the embedded defaults are valid config once uncommented.
#[test]
fn documented_examples_are_valid() {
    let uncommented: String = DEFAULTS
        .lines()
        .map(|line| match line.strip_prefix("# ") {
            Some(rest)
                if rest.starts_with('[')
                    || rest.split_once(" = ").is_some_and(|(k, _)| {
                        k.chars()
                            .all(|c| c.is_ascii_lowercase() || c == '_' || c == '-')
                    }) =>
            {
                rest
            }
            _ => line,
        })
        .map(|line| format!("{line}\n"))
        .collect();
    assert!(uncommented.contains("\nmaildir = "), "{uncommented}");
    let config =
        Config::parse(&uncommented, Path::new("doc.toml")).expect("documented keys are valid");
    assert!(config.maildir.is_some());
    assert!(config.identity.address.is_some());
    assert!(config.brands.get("examplebank").is_some());
    assert_eq!(config.scores.phishing(), 4.0);
    assert_eq!(
        config.scores.weight(
            mailvet::model::SignalId::LinkIpHost,
            mailvet::model::Outcome::Fail
        ),
        4.0
    );
}

/// Runs the test named `child` in a new process with `XDG_CONFIG_HOME` set (env changes never race other
/// tests in this process).
fn run_child(child: &str, xdg: &Path) {
    let status = Command::new(std::env::current_exe().expect("test binary"))
        .args([child, "--exact", "--nocapture", "--include-ignored"])
        .env("XDG_CONFIG_HOME", xdg)
        .env("MAILVET_TEST_CHILD", "1")
        .status()
        .expect("child runs");
    assert!(status.success(), "{child} failed");
}

#[test]
fn xdg_config_home_is_used() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("mailvet");
    std::fs::create_dir_all(&dir).expect("mkdir");
    std::fs::write(dir.join("config.toml"), "read_only = true\n").expect("write");
    run_child("xdg_child_finds_file", tmp.path());
    let empty = tempfile::tempdir().expect("tempdir");
    run_child("xdg_child_missing_file_means_defaults", empty.path());
}

#[test]
#[ignore = "run by xdg_config_home_is_used in a child process"]
fn xdg_child_finds_file() {
    assert!(std::env::var_os("MAILVET_TEST_CHILD").is_some());
    let xdg = PathBuf::from(std::env::var_os("XDG_CONFIG_HOME").expect("set"));
    let expected = xdg.join("mailvet/config.toml");
    assert_eq!(Config::default_path(), Some(expected.clone()));
    let config = Config::load(None).expect("loads");
    assert!(config.read_only);
    assert_eq!(config.path, Some(expected));
}

#[test]
#[ignore = "run by xdg_config_home_is_used in a child process"]
fn xdg_child_missing_file_means_defaults() {
    assert!(std::env::var_os("MAILVET_TEST_CHILD").is_some());
    let config = Config::load(None).expect("defaults");
    assert!(!config.read_only);
    assert_eq!(config.path, None);
}
