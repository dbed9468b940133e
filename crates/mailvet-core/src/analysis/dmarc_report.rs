//! DMARC aggregate reports (RFC 7489 §7.2.1.1): the machine mail a domain's owner receives from every mail
//! service that checked mail in its name, titled "Report Domain: … Submitter: …" and carrying the report as
//! XML (zipped or gzipped). Many reporters barely authenticate them; nothing in them asks the reader to act.

use super::brands::within;
use super::domains;
use crate::mail::Message;

/// File endings of a report's attachment.
const REPORT_FILES: &[&str] = &[".xml", ".xml.gz", ".gz", ".zip"];

/// Whether `msg` is a DMARC aggregate report: its subject in the RFC's format, the report attached as XML (a zip
/// archive holding only XML), and no web link but to the reporter's own domain `from_reg` (its privacy notice).
pub fn is_aggregate_report(msg: &Message, from_reg: Option<&str>) -> bool {
    let subject = msg.subject.to_ascii_lowercase();
    let titled = subject.contains("report domain:") && subject.contains("submitter:");
    let xml_only = !msg.attachments.is_empty()
        && msg.attachments.iter().all(|a| {
            let name = a.name.as_deref().unwrap_or("").to_ascii_lowercase();
            REPORT_FILES.iter().any(|end| name.ends_with(end))
                && a.archive_entries
                    .iter()
                    .all(|e| e.to_ascii_lowercase().ends_with(".xml"))
        });
    let own_links = msg.links.iter().all(|l| {
        let Ok(url) = url::Url::parse(l.href.trim()) else {
            return !l.href.trim_start().starts_with("//");
        };
        !matches!(url.scheme(), "http" | "https")
            || url
                .host_str()
                .and_then(domains::normalise_host)
                .is_some_and(|h| from_reg.is_some_and(|f| within(&h, f)))
    });
    titled && xml_only && own_links
}
