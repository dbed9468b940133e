//! Abuse reports, written as .eml files for the user to send with their own client (mailvet never sends
//! mail). Where the report goes follows the brand knowledge base: the claimed brand's published address,
//! else the Anti-Phishing Working Group, saying why. Its form follows the brand's rule (`report.how`):
//! `attach` gives an RFC 5965 ARF report (`multipart/report; report-type=feedback-report`: a human part,
//! a `message/feedback-report` part, the original attached unmodified as `message/rfc822`); `forward`
//! gives a plain forward (see [`super::forward`]). Date and Message-ID are arguments: nothing here reads
//! the clock or draws random numbers.

use std::fmt::Write as _;

use super::facts::{self, Facts};
use super::inert::defang_text;
use super::mime::{self, ascii_value, header, header_text};
use crate::analysis::{Brand, ReportHow, Rules};
use crate::model::{Outcome, Record, Trust};

/// The Anti-Phishing Working Group's address, for phish no brand takes reports for.
pub const APWG: &str = "reportphishing@apwg.org";

/// What a report is built from.
#[derive(Debug, Clone, Copy)]
pub struct ReportRequest<'a> {
    /// The original message, byte for byte.
    pub original: &'a [u8],
    /// Its record (the verdict decides where the report goes and what it says).
    pub record: &'a Record,
    /// The rules the verdict was made with (brand knowledge base, trusted authserv-ids).
    pub rules: &'a Rules,
    /// The user's address (config `identity.address`), the report's From; never taken from the suspect
    /// message, whose sender wrote its headers.
    pub identity: &'a str,
    /// The report's Date header (RFC 5322).
    pub date: &'a str,
    /// The report's Message-ID, without angle brackets.
    pub message_id: &'a str,
}

/// The form of a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// RFC 5965 feedback report with the original attached.
    Arf,
    /// The original forwarded inline, subject unchanged.
    Forward,
}

/// A written report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AbuseReport {
    /// Where it goes.
    pub to: String,
    /// Its form.
    pub form: Form,
    /// Why it goes to the APWG instead of a brand, when it does.
    pub fallback: Option<String>,
    /// The whole message, ready to send.
    pub bytes: Vec<u8>,
}

/// Why no report was written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReportError {
    /// Only suspicious and phishing messages are reported.
    #[error("not reported: mailvet labels this message {}, not phishing or suspicious", .0.as_str())]
    NotSuspect(Trust),
    /// The original cannot be parsed.
    #[error("not reported: the message cannot be read as mail")]
    Unreadable,
    /// The user's address is missing or is not an address.
    #[error(
        "not reported: '{0}' is not an address to send the report from; set [identity] address in the config"
    )]
    NoSender(String),
    /// No MIME boundary could be found that the original does not contain.
    #[error("not reported: the message contains every boundary mailvet tried")]
    NoBoundary,
}

/// Where a report goes and in what form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Destination<'b> {
    /// The address.
    pub address: String,
    /// Attach (ARF) or forward.
    pub form: Form,
    /// The claimed brand, when the knowledge base knows it.
    pub brand: Option<&'b Brand>,
    /// Why the APWG, when it is the APWG.
    pub fallback: Option<String>,
}

/// Where the report on `record` goes: the claimed brand's published address, else the APWG.
pub fn destination<'b>(record: &Record, rules: &'b Rules) -> Destination<'b> {
    let claimed = record.verdict.brand.as_deref();
    let brand = claimed.and_then(|id| rules.brands.get(id));
    let apwg = |why: String| Destination {
        address: APWG.to_owned(),
        form: Form::Arf,
        brand,
        fallback: Some(why),
    };
    match (claimed, brand) {
        (None, _) => apwg("the message claims no brand, so no brand's own address applies".into()),
        (Some(id), None) => apwg(format!(
            "the message claims '{id}', a brand not in mailvet's knowledge base"
        )),
        (Some(_), Some(b)) => match &b.report {
            None => apwg(format!(
                "{} publishes no address for phishing reports that mailvet knows of",
                b.display
            )),
            Some(r) => Destination {
                address: r.address.clone(),
                form: match r.how {
                    ReportHow::Attach => Form::Arf,
                    ReportHow::Forward => Form::Forward,
                },
                brand,
                fallback: None,
            },
        },
    }
}

/// Builds the report on one suspicious or phishing message.
pub fn build(req: &ReportRequest<'_>) -> Result<AbuseReport, ReportError> {
    let trust = req.record.verdict.trust;
    if !matches!(trust, Trust::Phishing | Trust::Suspicious) {
        return Err(ReportError::NotSuspect(trust));
    }
    let dest = destination(req.record, req.rules);
    let facts =
        facts::gather(req.original, req.rules, dest.brand).ok_or(ReportError::Unreadable)?;
    let from = req.identity.trim();
    if from.is_empty() || !from.is_ascii() || !from.contains('@') {
        return Err(ReportError::NoSender(from.escape_debug().to_string()));
    }
    let bytes = match dest.form {
        Form::Arf => arf(req, &dest, &facts, from)?,
        Form::Forward => super::forward::write(req, &dest, &facts, from),
    };
    Ok(AbuseReport {
        to: dest.address,
        form: dest.form,
        fallback: dest.fallback,
        bytes,
    })
}

/// The envelope headers every report starts with, each ended by `eol`.
pub(super) fn envelope(req: &ReportRequest<'_>, from: &str, to: &str, eol: &str) -> String {
    let mut out = String::new();
    out.push_str(&header("From", &ascii_value(from), eol));
    out.push_str(&header("To", &ascii_value(to), eol));
    out.push_str(&header("Date", &ascii_value(req.date), eol));
    out.push_str(&header(
        "Message-ID",
        &format!("<{}>", ascii_value(req.message_id)),
        eol,
    ));
    out.push_str(&header("MIME-Version", "1.0", eol));
    out
}

/// The human explanation: what mailvet found and why, with the decisive signals and their evidence
/// (links defanged), and why the APWG when it is the APWG.
pub(super) fn human_text(req: &ReportRequest<'_>, dest: &Destination<'_>, facts: &Facts) -> String {
    let verdict = &req.record.verdict;
    let name = dest.brand.map(|b| b.display.clone());
    let mut t = String::new();
    let _ = writeln!(
        t,
        "The {} message was received by the sender of this report. mailvet {} labels it {}{}.",
        match dest.form {
            Form::Arf => "attached",
            Form::Forward => "forwarded",
        },
        env!("CARGO_PKG_VERSION"),
        verdict.trust.as_str().to_uppercase(),
        name.as_deref().map_or_else(String::new, |n| format!(
            ": it claims to come from {n} but does not"
        )),
    );
    if let Some(why) = &dest.fallback {
        let _ = writeln!(
            t,
            "\nThis report goes to the Anti-Phishing Working Group because {why}."
        );
    }
    let _ = writeln!(t, "\nWhy:");
    let decisive = verdict
        .signals
        .iter()
        .filter(|s| verdict.decisive.contains(&s.id));
    let failing = verdict
        .signals
        .iter()
        .filter(|s| s.outcome == Outcome::Fail && !verdict.decisive.contains(&s.id));
    for s in decisive.chain(failing).take(12) {
        let _ = write!(t, "- {} ({})", defang_text(&s.title), s.id);
        if !s.evidence.is_empty() {
            let _ = write!(t, ": {}", defang_text(&s.evidence));
        }
        t.push('\n');
    }
    if !facts.uris.is_empty() {
        let _ = writeln!(
            t,
            "\nLinks in it{}:",
            name.as_deref()
                .map_or_else(String::new, |n| format!(" that leave {n}'s domains"))
        );
        for uri in &facts.uris {
            let _ = writeln!(t, "- {}", defang_text(uri));
        }
    }
    let _ = writeln!(
        t,
        "\nNo link in it was opened. Links above are defanged (hxxp, [.]); the original is {}.",
        match dest.form {
            Form::Arf => "attached unmodified",
            Form::Forward => "forwarded whole below",
        }
    );
    t
}

/// The RFC 5965 report.
fn arf(
    req: &ReportRequest<'_>,
    dest: &Destination<'_>,
    facts: &Facts,
    from: &str,
) -> Result<Vec<u8>, ReportError> {
    let eol = mime::line_ending(req.original);
    let boundary = mime::boundary(req.original).ok_or(ReportError::NoBoundary)?;
    let text = human_text(req, dest, facts).replace('\n', eol);
    let subject = match dest.brand {
        Some(b) => format!("Phishing report: mail imitating {}", b.display),
        None => "Phishing report: suspected phishing mail".to_owned(),
    };
    let mut out = envelope(req, from, &dest.address, eol);
    out.push_str(&header("Subject", &header_text(&subject), eol));
    let _ = write!(
        out,
        "Content-Type: multipart/report; report-type=feedback-report;{eol} boundary=\"{boundary}\"{eol}{eol}\
         This is an abuse report in the Abuse Reporting Format (RFC 5965).{eol}\
         {eol}--{boundary}{eol}"
    );
    let (encoding, body) = if text.is_ascii() && text.split(eol).all(|l| l.len() <= 998) {
        ("7bit", text)
    } else {
        ("base64", mime::base64(text.as_bytes(), eol) + eol)
    };
    let _ = write!(
        out,
        "Content-Type: text/plain; charset=utf-8{eol}Content-Transfer-Encoding: {encoding}{eol}\
         Content-Disposition: inline{eol}{eol}{body}{eol}--{boundary}{eol}\
         Content-Type: message/feedback-report{eol}{eol}"
    );
    out.push_str(&feedback_fields(facts, eol));
    let _ = write!(
        out,
        "{eol}--{boundary}{eol}Content-Type: message/rfc822{eol}\
         Content-Disposition: attachment; filename=\"original.eml\"{eol}\
         Content-Transfer-Encoding: {}{eol}{eol}",
        mime::identity_encoding(req.original)
    );
    let mut bytes = out.into_bytes();
    bytes.extend_from_slice(req.original);
    bytes.extend_from_slice(format!("{eol}--{boundary}--{eol}").as_bytes());
    Ok(bytes)
}

/// The machine-readable `message/feedback-report` fields.
fn feedback_fields(facts: &Facts, eol: &str) -> String {
    let mut out = String::new();
    let mut field = |name: &str, value: &str| out.push_str(&header(name, &ascii_value(value), eol));
    field("Feedback-Type", "fraud");
    field("User-Agent", concat!("mailvet/", env!("CARGO_PKG_VERSION")));
    field("Version", "1");
    if let Some(mail_from) = &facts.mail_from {
        field("Original-Mail-From", &format!("<{mail_from}>"));
    }
    for rcpt in &facts.rcpt_to {
        field("Original-Rcpt-To", &format!("<{rcpt}>"));
    }
    if let Some(arrival) = &facts.arrival {
        field("Arrival-Date", arrival);
    }
    if let Some(ip) = facts.source_ip {
        field("Source-IP", &ip.to_string());
    }
    if let Some(domain) = &facts.reported_domain {
        field("Reported-Domain", domain);
    }
    for uri in &facts.uris {
        field("Reported-URI", uri);
    }
    for ar in &facts.auth_results {
        field("Authentication-Results", ar);
    }
    out
}
