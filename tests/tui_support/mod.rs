//! Shared fixtures for the TUI tests: a small mailbox of rows, verdicts and one opened message, all written
//! for the tests (no corpus mail), and helpers to drive `update` and draw into a TestBackend.

#![allow(dead_code)]

pub mod pty;
pub mod tmux;
pub mod tree;

use std::path::PathBuf;

use mailvet::analysis::Brands;
use mailvet::mail::{
    Address, Attachment, AuthMethodResult, AuthResults, Link, LinkOrigin, Message,
};
use mailvet::model::{Category, Outcome, Score, Signal, SignalId, Trust, Verdict};
use mailvet::pipeline::{Listing, Loaded, Summary};
use mailvet::tui::action::Action;
use mailvet::tui::effect::Effect;
use mailvet::tui::jobs::Report;
use mailvet::tui::keymap::Keymap;
use mailvet::tui::state::{AppState, Content, Envelope};
use mailvet::tui::sync::prepare;
use mailvet::tui::theme::Theme;
use mailvet::tui::{update::update, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// 2026-11-24 09:32 UTC.
pub const NOW: i64 = 1_795_512_720;

pub struct Fixture {
    pub name: &'static str,
    pub folder: &'static str,
    pub flags: &'static str,
    pub age: i64,
    pub from: (&'static str, &'static str),
    pub subject: &'static str,
    pub verdict: Option<Verdict>,
}

fn verdict(
    brand: Option<&str>,
    category: Category,
    trust: Trust,
    signals: Vec<Signal>,
    decisive: &[SignalId],
    advice: &str,
) -> Verdict {
    Verdict {
        brand: brand.map(str::to_string),
        category,
        trust,
        decisive: decisive.to_vec(),
        score: Score::default(),
        advice: advice.into(),
        signals,
    }
}

pub fn phishing_verdict() -> Verdict {
    verdict(
        Some("paypal"),
        Category::AccountSecurity,
        Trust::Phishing,
        vec![
            Signal::new(
                SignalId::LookalikeDomain,
                Outcome::Fail,
                "Sender domain imitates paypal.com",
                "paypa1-secure.example",
            ),
            Signal::new(
                SignalId::Dmarc,
                Outcome::Fail,
                "DMARC failed",
                "dmarc=fail header.from=paypa1-secure.example",
            ),
            Signal::new(
                SignalId::GenericGreeting,
                Outcome::Warn,
                "Generic greeting",
                "Dear Customer",
            ),
            Signal::new(
                SignalId::LinkOffbrand,
                Outcome::Fail,
                "Link leaves PayPal's domains",
                "http://login.paypa1-secure.example/verify",
            ),
            Signal::new(
                SignalId::LinkTextMismatch,
                Outcome::Fail,
                "Link text shows another address",
                "https://www.paypal.com/ → login.paypa1-secure.example",
            ),
            Signal::new(
                SignalId::AuthSource,
                Outcome::Info,
                "Authentication-Results from the topmost header (mx.example.net); no authserv-id configured",
                "a topmost header can be forged where the receiving server adds none; if mx.example.net is \
                 your own mail server, add it to trusted_authserv_ids",
            ),
        ],
        &[SignalId::LookalikeDomain, SignalId::LinkOffbrand],
        "Do not click. Report it to PayPal: forward it to phishing@paypal.com.",
    )
}

pub fn fixtures() -> Vec<Fixture> {
    vec![
        Fixture {
            name: "1795512000.M1P1.host",
            folder: "INBOX",
            flags: "",
            age: 720,
            from: ("PayPal Service", "service@paypa1-secure.example"),
            subject: "Your account access has been limited",
            verdict: Some(phishing_verdict()),
        },
        Fixture {
            name: "1795400000.M2P1.host",
            folder: "INBOX",
            flags: "S",
            age: 86_400 * 2,
            from: ("Amazon.com", "shipment-tracking@amazon.com"),
            subject: "Your package has shipped",
            verdict: Some(verdict(
                Some("amazon"),
                Category::OrdersShipping,
                Trust::Verified,
                vec![
                    Signal::new(
                        SignalId::Dmarc,
                        Outcome::Pass,
                        "DMARC passed for amazon.com",
                        "dmarc=pass header.from=amazon.com",
                    ),
                    Signal::new(
                        SignalId::SenderDomain,
                        Outcome::Pass,
                        "Sender domain is Amazon's",
                        "amazon.com",
                    ),
                ],
                &[SignalId::Dmarc],
                "Authenticated as amazon.com; its links go to amazon.com.",
            )),
        },
        Fixture {
            name: "1790000000.M3P1.host",
            folder: "INBOX",
            flags: "FS",
            age: 86_400 * 60,
            from: ("Rust Weekly", "news@rust-weekly.example"),
            subject: "This week in Rust: 42 crates",
            verdict: Some(verdict(
                None,
                Category::Promotions,
                Trust::Unverified,
                vec![Signal::new(
                    SignalId::Dkim,
                    Outcome::Unknown,
                    "No DKIM signature",
                    "",
                )],
                &[],
                "Nothing proves who sent it; treat links with care.",
            )),
        },
        Fixture {
            name: "1760000000.M4P1.host",
            folder: "INBOX",
            flags: "",
            age: 86_400 * 400,
            from: ("Seller Central", "notice@sellercentral-alerts.example"),
            subject: "Action required: listing removed",
            verdict: Some(verdict(
                Some("amazon"),
                Category::SellerPerformance,
                Trust::Suspicious,
                vec![Signal::new(
                    SignalId::BrandInForeignDomain,
                    Outcome::Warn,
                    "Brand name inside a foreign domain",
                    "sellercentral-alerts.example",
                )],
                &[SignalId::BrandInForeignDomain],
                "Check in your Seller Central account directly, not through this mail.",
            )),
        },
        Fixture {
            name: "1795500000.M5P1.host",
            folder: "INBOX",
            flags: "S",
            age: 12_720,
            from: ("", ""),
            subject: "",
            verdict: Some(Verdict::unparseable("no readable message headers")),
        },
        Fixture {
            name: "1795300000.M6P1.host",
            folder: "INBOX",
            flags: "",
            age: 86_400 * 3,
            from: ("", ""),
            subject: "",
            verdict: None,
        },
        Fixture {
            name: "1795000000.M7P1.host",
            folder: "Junk",
            flags: "S",
            age: 86_400 * 6,
            from: ("Bank Alerts", "alerts@secure-bank-verify.example"),
            subject: "Unusual sign-in detected",
            verdict: Some(verdict(
                Some("chase"),
                Category::AccountSecurity,
                Trust::Phishing,
                vec![],
                &[],
                "Do not click.",
            )),
        },
    ]
}

pub fn listing() -> Listing {
    let entries = fixtures()
        .into_iter()
        .map(|f| {
            let dir = if f.folder == "INBOX" {
                "/home/user/Maildir".to_string()
            } else {
                format!("/home/user/Maildir/.{}", f.folder)
            };
            let path = PathBuf::from(format!("{dir}/cur/{}:2,{}", f.name, f.flags));
            mailvet::store::Entry {
                path,
                folder: f.folder.to_string(),
                is_new: false,
                unique: f.name.to_string(),
                flags: f.flags.to_string(),
                delivered: u64::try_from(NOW - f.age).ok(),
            }
        })
        .collect();
    Listing {
        entries,
        errors: Vec::new(),
        folders: Vec::new(),
    }
}

pub fn summary(f: &Fixture) -> Option<Summary> {
    let verdict = f.verdict.clone()?;
    let envelope = (!f.from.1.is_empty()).then(|| Envelope {
        date: Some(NOW - f.age),
        from_name: f.from.0.into(),
        from_addr: f.from.1.into(),
        subject: f.subject.into(),
        message_id: None,
    });
    Some(Summary { envelope, verdict })
}

/// The phishing message, fully parsed (row 0).
pub fn phishing_message() -> Message {
    let html = "<p>Dear Customer,</p><p>We noticed unusual activity. Please \
        <a href=\"http://login.paypa1-secure.example/verify?id=1\">https://www.paypal.com/</a> \
        to restore access within <b>24 hours</b>.</p>\
        <p><a href=\"https://www.paypal.com/help\">Help Center</a> | \
        <a href=\"http://203.0.113.9/track\">Unsubscribe</a></p>";
    Message {
        message_id: Some("x1@paypa1-secure.example".into()),
        timestamp: Some(NOW - 720),
        from: Some(Address {
            name: Some("PayPal Service".into()),
            address: "service@paypa1-secure.example".into(),
        }),
        reply_to: vec![Address {
            name: None,
            address: "support@mail-helpdesk.example".into(),
        }],
        return_path: Some("bounce@bulk-sender.example".into()),
        subject: "Your account access has been limited".into(),
        auth: vec![AuthResults {
            authserv_id: Some("mx.example.net".into()),
            results: vec![
                AuthMethodResult {
                    method: "spf".into(),
                    result: "pass".into(),
                    reason: None,
                    props: vec![],
                },
                AuthMethodResult {
                    method: "dkim".into(),
                    result: "none".into(),
                    reason: None,
                    props: vec![],
                },
                AuthMethodResult {
                    method: "dmarc".into(),
                    result: "fail".into(),
                    reason: None,
                    props: vec![],
                },
            ],
            raw: String::new(),
        }],
        html: Some(html.into()),
        text: "Dear Customer, ... \u{1b}]52;c;ZXZpbA==\u{7}".into(),
        links: vec![
            Link {
                href: "http://login.paypa1-secure.example/verify?id=1".into(),
                text: "https://www.paypal.com/".into(),
                origin: LinkOrigin::HtmlAnchor,
            },
            Link {
                href: "https://www.paypal.com/help".into(),
                text: "Help Center".into(),
                origin: LinkOrigin::HtmlAnchor,
            },
            Link {
                href: "http://203.0.113.9/track".into(),
                text: "Unsubscribe".into(),
                origin: LinkOrigin::HtmlAnchor,
            },
        ],
        attachments: vec![Attachment {
            name: Some("statement.pdf.html".into()),
            mime: "text/html".into(),
            size: 5321,
            archive_entries: vec![],
        }],
        raw_len: 4096,
        ..Message::default()
    }
}

pub fn phishing_headers() -> Vec<String> {
    [
        "Return-Path: <bounce@bulk-sender.example>",
        "Authentication-Results: mx.example.net; spf=pass; dkim=none; dmarc=fail",
        "DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=paypa1-secure.example; s=s1; \
         h=from:to:subject:date:message-id; bh=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=; \
         b=dGhpcyBpcyBub3QgYSByZWFsIHNpZ25hdHVyZQ==",
        "From: \"PayPal Service\" <service@paypa1-secure.example>",
        "Reply-To: support@mail-helpdesk.example",
        "Subject: Your account access has been limited \u{1b}[2J",
        "Date: Tue, 24 Nov 2026 09:20:00 +0000",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()
}

/// A state with the listing in, every fixture analysed, sized `w`x`h`, clock fixed, message 0 loaded.
pub fn state(w: u16, h: u16) -> AppState {
    let mut s = AppState::new("/home/user/Maildir", Keymap::embedded(), Brands::embedded());
    s.now = NOW;
    apply(&mut s, Action::Resize(w, h));
    apply(&mut s, Action::Listed(Box::new(prepare(listing()))));
    for (i, f) in fixtures().iter().enumerate() {
        if let Some(sum) = summary(f) {
            apply(&mut s, Action::Analysed(i, Box::new(sum)));
        }
    }
    apply(&mut s, Action::Tick(NOW));
    let message = phishing_message();
    let loaded = Loaded {
        auth_used: message.auth.iter().take(1).cloned().collect(),
        message,
        headers: phishing_headers(),
        verdict: phishing_verdict(),
    };
    let width = usize::from(w.saturating_sub(2)).clamp(20, 120);
    let content = Content::prepare(loaded, width, &Brands::embedded());
    apply(&mut s, Action::Loaded(0, 0, Box::new(Ok(content))));
    s
}

pub fn apply(s: &mut AppState, a: Action) -> Vec<Effect> {
    update(s, a)
}

/// Applies the command bound to this name.
pub fn cmd(s: &mut AppState, name: &str) -> Vec<Effect> {
    let action = Action::from_name(name).unwrap_or_else(|| panic!("no command {name}"));
    update(s, action)
}

pub fn draw(s: &AppState, theme: &Theme) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(s.width, s.height)).expect("test backend");
    t.draw(|f| view::render(f, s, theme)).expect("draw");
    t
}

pub fn dark() -> Theme {
    Theme::by_name("default").expect("default theme")
}

/// Our own write report for `from` renamed to `to`, applied.
pub fn renamed(s: &mut AppState, from: PathBuf, to: &str) {
    apply(
        s,
        Action::Acted(Box::new(Report {
            done: "done".into(),
            renamed: vec![(from, PathBuf::from(to))],
            ..Report::default()
        })),
    );
}
