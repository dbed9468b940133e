//! The detail pane: who the message is really from (address and domain), Reply-To, Return-Path, the
//! authentication results, the verdict and advice, then the checklist of signals with decisive ones marked.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use crate::mail::{Address, AuthResults};
use crate::model::{Outcome, Signal, SignalId, Verdict};

use super::list::{category_chip, trust_badge};
use crate::pipeline::dates::full_date;
use crate::tui::state::{AppState, Focus};
use crate::tui::theme::Theme;
use crate::tui::wording::clean;

/// The icon of an outcome (readable without colour).
pub fn outcome_icon(o: Outcome) -> &'static str {
    match o {
        Outcome::Pass => "✓",
        Outcome::Warn => "!",
        Outcome::Fail => "✗",
        Outcome::Info => "·",
        Outcome::Unknown => "?",
    }
}

/// `Name <address> (domain)`, sanitised.
pub fn address_line(a: &Address) -> String {
    let domain = a.domain().map(|d| format!(" ({d})")).unwrap_or_default();
    match a.name.as_deref().map(str::trim).filter(|n| !n.is_empty()) {
        Some(name) => clean(&format!("{name} <{}>{domain}", a.address)),
        None => clean(&format!("<{}>{domain}", a.address)),
    }
}

/// The Authentication-Results the verdict counted (`used`, out of the message's `found`) as
/// `spf=pass dkim=fail dmarc=fail (by mx.example)`, saying which of several headers it is, with the caveat
/// when no authserv-id is configured (the one place the pane says it: the checklist leaves it out).
pub fn auth_line(used: &[AuthResults], found: usize, v: &Verdict) -> String {
    if used.is_empty() {
        return if found == 0 {
            "no Authentication-Results header".into()
        } else {
            format!(
                "none trusted: {found} Authentication-Results, none from your configured servers"
            )
        };
    }
    let shown: Vec<String> = used
        .iter()
        .take(3)
        .map(|ar| {
            let results: Vec<String> = ar
                .results
                .iter()
                .take(12)
                .map(|r| format!("{}={}", r.method, r.result))
                .collect();
            let by = ar.authserv_id.as_deref().unwrap_or("unnamed server");
            format!("{} (by {by})", results.join(" "))
        })
        .collect();
    let of = if found > used.len() {
        format!(" [trusted: {} of {found} headers]", used.len())
    } else {
        String::new()
    };
    let caveat = match used.first().map(|ar| ar.authserv_id.as_deref()) {
        _ if !v.signals.iter().any(|s| s.id == SignalId::AuthSource) => String::new(),
        Some(Some(id)) => {
            format!(" — topmost header, may be forged: if {id} is yours, set trusted_authserv_ids")
        }
        _ => " — topmost header, may be forged, and it names no server".to_string(),
    };
    clean(&format!("{}{of}{caveat}", shown.join("; ")))
}

fn field<'a>(name: &'a str, value: String, theme: &Theme) -> Line<'a> {
    Line::from(vec![
        Span::styled(format!("{name:<10}"), theme.header),
        Span::raw(value),
    ])
}

fn signal_line<'a>(sig: &Signal, decisive: bool, theme: &Theme) -> Line<'a> {
    Line::from(vec![
        Span::styled(
            format!(" {} ", outcome_icon(sig.outcome)),
            theme.outcome(sig.outcome),
        ),
        Span::styled(if decisive { "▶ " } else { "  " }, theme.decisive),
        Span::raw(clean(&sig.title)),
        Span::styled(
            if sig.evidence.is_empty() {
                String::new()
            } else {
                format!(" — {}", clean(&sig.evidence))
            },
            theme.dim,
        ),
    ])
}

/// The verdict and advice lines that head the pane.
fn verdict_head<'a>(v: &Verdict, advice: &str, theme: &Theme) -> Vec<Line<'a>> {
    let brand = v
        .brand
        .as_deref()
        .map(|b| format!("  claims {}", clean(b)))
        .unwrap_or_default();
    vec![
        Line::from(vec![
            Span::styled(format!("{:<10}", "Verdict"), theme.header),
            trust_badge(Some(v.trust), theme),
            Span::raw(" "),
            category_chip(Some(v.category), theme),
            Span::raw(brand),
        ]),
        field("Advice", clean(advice), theme),
    ]
}

/// Draws the detail pane for the selected row (`beside`: right of the list, else below it).
pub fn render(f: &mut Frame, area: Rect, s: &AppState, theme: &Theme, beside: bool) {
    let focused = s.focus == Focus::Detail;
    let block = Block::default()
        .borders(if beside {
            Borders::LEFT | Borders::TOP
        } else {
            Borders::TOP
        })
        .border_style(theme.border(focused))
        .title(Span::styled(" Message ", theme.header));
    let mut lines: Vec<Line> = Vec::new();
    if let Some(row) = s.selected_row().and_then(|i| s.rows.get(i)) {
        match &row.verdict {
            Some(v) => lines.extend(verdict_head(v, &row.advice, theme)),
            None => lines.push(Line::styled("analysing…", theme.dim)),
        }
        let content = s.content();
        let msg = content.map(|c| &c.message);
        match (msg.and_then(|m| m.from.as_ref()), &row.envelope) {
            (Some(from), _) => lines.push(field("From", address_line(from), theme)),
            (None, Some(e)) => lines.push(field(
                "From",
                clean(&format!("{} <{}>", e.from_name, e.from_addr)),
                theme,
            )),
            (None, None) => {}
        }
        if let Some(m) = msg {
            for r in m.reply_to.iter().take(5) {
                lines.push(field("Reply-To", address_line(r), theme));
            }
            if let Some(rp) = &m.return_path {
                lines.push(field("Return", clean(&format!("<{rp}>")), theme));
            }
        }
        if let Some(e) = &row.envelope {
            lines.push(field("Subject", clean(&e.subject), theme));
        }
        if let Some(t) = row.time() {
            lines.push(field("Date", full_date(t), theme));
        }
        match (content, &s.open) {
            (Some(c), _) => lines.push(field(
                "Auth",
                auth_line(&c.auth_used, c.message.auth.len(), &c.verdict),
                theme,
            )),
            (None, Some(o)) if o.row == s.selected_row().unwrap_or(usize::MAX) => {
                if let Err(e) = &o.content {
                    lines.push(field("Problem", clean(e), theme));
                }
            }
            _ => {}
        }
        if let Some(v) = content.map(|c| &c.verdict) {
            lines.push(Line::styled("Checks    (▶ decisive)", theme.header));
            lines.extend(
                v.signals
                    .iter()
                    .filter(|sig| sig.id != SignalId::AuthSource)
                    .map(|sig| signal_line(sig, v.decisive.contains(&sig.id), theme)),
            );
        }
    } else {
        lines.push(Line::styled("no message selected", theme.dim));
    }
    let para = Paragraph::new(lines)
        .block(block)
        .style(theme.base)
        .wrap(Wrap { trim: false })
        .scroll((u16::try_from(s.detail_scroll).unwrap_or(u16::MAX), 0));
    f.render_widget(para, area);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mail::AuthMethodResult;

    fn header(by: &str, dmarc: &str) -> AuthResults {
        AuthResults {
            authserv_id: Some(by.into()),
            results: vec![AuthMethodResult {
                method: "dmarc".into(),
                result: dmarc.into(),
                ..AuthMethodResult::default()
            }],
            raw: String::new(),
        }
    }

    #[test]
    fn the_auth_line_shows_the_header_the_verdict_used() {
        let used = [header("mx.mine.example", "fail")];
        let v = Verdict::unparseable("test");
        assert_eq!(
            auth_line(&used, 2, &v),
            "dmarc=fail (by mx.mine.example) [trusted: 1 of 2 headers]"
        );
        assert_eq!(auth_line(&used, 1, &v), "dmarc=fail (by mx.mine.example)");
        assert_eq!(auth_line(&[], 0, &v), "no Authentication-Results header");
        assert!(auth_line(&[], 2, &v).starts_with("none trusted"));
    }
}
