//! Where the start-up time of `mailvet filter` goes: each step the filter takes before and around its first
//! message, timed in a fresh process (the one-time work happens once per process, as in a delivery).
//! `cargo run --release --example filter_startup [MESSAGE]` prints one line per step; run it a few times.

use std::time::{Duration, Instant};

use mailvet::config::Config;
use mailvet::judge::judge_raw;

const SAMPLE: &[u8] = b"From: Amazon <no-reply@amazon.example>\r\nTo: you@example.org\r\n\
Subject: Your order\r\n\r\nDear customer, your account is suspended. Verify now: https://example.net/x\r\n";

fn main() {
    let message = std::env::args_os()
        .nth(1)
        .map(|path| std::fs::read(path).expect("message file"))
        .unwrap_or_else(|| SAMPLE.to_vec());
    let total = Instant::now();
    let config = step("Config::load (default path, no file)", || {
        Config::load(None).expect("config")
    });
    let rules = step("Config::rules", || config.rules());
    step("brand index (first lookup)", || {
        rules.brands.is_freemail("example.org")
    });
    step("first message (parse + analyse + one-time tables)", || {
        judge_raw(&message, &rules)
    });
    step("second message (parse + analyse)", || {
        judge_raw(&message, &rules)
    });
    println!("{:>8}  total", ms(total.elapsed()));
}

/// Runs `f` once and prints how long it took.
fn step<T>(name: &str, f: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let out = f();
    println!("{:>8}  {name}", ms(start.elapsed()));
    out
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}
