//! Tests of the Authentication-Results parser on headers in the shape real servers write them.

use super::*;

fn methods(r: &AuthResults) -> Vec<(String, String)> {
    r.results
        .iter()
        .map(|m| (m.method.clone(), m.result.clone()))
        .collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
        .collect()
}

#[test]
fn google() {
    let v = "mx.google.com;\r\n       dkim=pass header.i=@shop.example header.s=s1 header.b=bfMVnqK2;\r\n       \
             dkim=pass header.i=@amazonses.com header.s=224i header.b=XY+/a=;\r\n       spf=pass (google.com: \
             domain of 2024@bounces.shop.example designates 54.240.13.77 as permitted sender) \
             smtp.mailfrom=2024@bounces.shop.example;\r\n       dmarc=pass (p=QUARANTINE sp=QUARANTINE \
             dis=NONE) header.from=shop.example";
    let r = parse_auth_results(v);
    assert_eq!(r.authserv_id.as_deref(), Some("mx.google.com"));
    assert_eq!(
        methods(&r),
        pairs(&[
            ("dkim", "pass"),
            ("dkim", "pass"),
            ("spf", "pass"),
            ("dmarc", "pass")
        ])
    );
    assert_eq!(r.results[0].prop("header.i"), Some("@shop.example"));
    assert_eq!(r.results[1].prop("header.b"), Some("XY+/a="));
    assert_eq!(
        r.results[2].prop("smtp.mailfrom"),
        Some("2024@bounces.shop.example")
    );
    assert_eq!(r.results[3].prop("HEADER.FROM"), Some("shop.example"));
    assert!(!r.raw.contains('\n'));
}

#[test]
fn microsoft_365_without_authserv_id() {
    let v = "spf=pass (sender IP is 1.2.3.4) smtp.mailfrom=x.com; dkim=pass (signature was verified) \
             header.d=x.com;dmarc=pass action=none header.from=x.com;compauth=pass reason=100";
    let r = parse_auth_results(v);
    assert_eq!(r.authserv_id, None);
    assert_eq!(
        methods(&r),
        pairs(&[
            ("spf", "pass"),
            ("dkim", "pass"),
            ("dmarc", "pass"),
            ("compauth", "pass")
        ])
    );
    assert_eq!(r.results[1].prop("header.d"), Some("x.com"));
    assert_eq!(r.results[2].props[0].property, "action");
    assert_eq!(r.results[2].props[0].ptype, "");
    assert_eq!(r.results[2].prop("header.from"), Some("x.com"));
    assert_eq!(r.results[3].reason.as_deref(), Some("100"));
}

#[test]
fn microsoft_failure_shape() {
    let v = "spf=fail (sender IP is 203.0.113.9) smtp.mailfrom=evil.example; dkim=none (message not signed) \
             header.d=none;dmarc=fail action=oreject header.from=paypal.com;compauth=fail reason=000";
    let r = parse_auth_results(v);
    assert_eq!(r.authserv_id, None);
    assert_eq!(r.results[2].result, "fail");
    assert_eq!(r.results[2].prop(".action"), Some("oreject"));
}

#[test]
fn yahoo_comment_glued_to_result() {
    let v = "atlas-production.v2-mail-prod1-gq1.omega.yahoo.com;\n dkim=pass header.i=@paypal.com \
             header.s=pp-dkim1;\n spf=pass smtp.mailfrom=paypal.com;\n dmarc=pass(p=REJECT) header.from=paypal.com;";
    let r = parse_auth_results(v);
    assert_eq!(
        r.authserv_id.as_deref(),
        Some("atlas-production.v2-mail-prod1-gq1.omega.yahoo.com")
    );
    assert_eq!(
        methods(&r),
        pairs(&[("dkim", "pass"), ("spf", "pass"), ("dmarc", "pass")])
    );
    assert_eq!(r.results[2].prop("header.from"), Some("paypal.com"));
}

#[test]
fn fastmail_many_methods_and_unknown_ones() {
    let v = "mx6.messagingengine.com;\n    dkim=pass (2048-bit rsa key sha256) header.d=github.com \
             header.i=@github.com header.b=Xx header.a=rsa-sha256 header.s=pf2023 x-bits=2048;\n    dmarc=pass \
             policy.published-domain-policy=reject (p=reject,d=none,d.eval=none) policy.policy-from=p \
             header.from=github.com;\n    iprev=pass smtp.remote-ip=192.30.252.207 (out-24.smtp.github.com);\n    \
             x-return-mx=pass header.domain=github.com policy.is_org=yes (MX Records found: a, b);\n    \
             x-vs=clean score=-100 state=0";
    let r = parse_auth_results(v);
    assert_eq!(r.authserv_id.as_deref(), Some("mx6.messagingengine.com"));
    assert_eq!(
        methods(&r),
        pairs(&[
            ("dkim", "pass"),
            ("dmarc", "pass"),
            ("iprev", "pass"),
            ("x-return-mx", "pass"),
            ("x-vs", "clean")
        ])
    );
    assert_eq!(r.results[0].prop("header.d"), Some("github.com"));
    assert_eq!(r.results[1].prop("policy.policy-from"), Some("p"));
    assert_eq!(r.results[1].prop("header.from"), Some("github.com"));
    assert_eq!(r.results[2].prop("smtp.remote-ip"), Some("192.30.252.207"));
}

#[test]
fn dovecot_opendkim_style_with_semicolon_in_comment_and_quotes() {
    let v = "mail.example.org; dkim=pass (1024-bit key; unprotected) header.d=example.com \
             header.i=@example.com header.b=\"abc def\"";
    let r = parse_auth_results(v);
    assert_eq!(methods(&r), pairs(&[("dkim", "pass")]));
    assert_eq!(r.results[0].prop("header.b"), Some("abc def"));
    assert_eq!(r.results[0].prop("header.d"), Some("example.com"));
}

#[test]
fn version_none_and_nested_comments() {
    let r = parse_auth_results("example.org 1; none");
    assert_eq!(r.authserv_id.as_deref(), Some("example.org"));
    assert!(r.results.is_empty());

    let r = parse_auth_results(
        "Example.ORG (a (nested) comment) 1; spf=pass (x (y) z) smtp.mailfrom=a@b.c",
    );
    assert_eq!(r.authserv_id.as_deref(), Some("example.org"));
    assert_eq!(r.results[0].prop("smtp.mailfrom"), Some("a@b.c"));
}

#[test]
fn quoted_authserv_reason_and_method_version() {
    let r = parse_auth_results(
        "\"mx example\"; dkim/1=FAIL reason=\"signature \\\"bad\\\"\" header.d=x.example",
    );
    assert_eq!(r.authserv_id.as_deref(), Some("mx example"));
    assert_eq!(r.results[0].result, "fail");
    assert_eq!(r.results[0].reason.as_deref(), Some("signature \"bad\""));
    assert_eq!(r.results[0].prop("header.d"), Some("x.example"));
}

#[test]
fn junk_skips_to_next_semicolon() {
    let r =
        parse_auth_results("mx.x; garbage here; =; dkim=; spf=pass smtp.mailfrom=a.example ) . =");
    assert_eq!(methods(&r), pairs(&[("spf", "pass")]));
    assert_eq!(r.results[0].prop("smtp.mailfrom"), Some("a.example"));
}

#[test]
fn empty_and_odd_inputs() {
    assert_eq!(parse_auth_results("").authserv_id, None);
    assert_eq!(parse_auth_results(";;;").results.len(), 0);
    let r = parse_auth_results("mx (unterminated comment; spf=pass");
    assert_eq!(r.authserv_id.as_deref(), Some("mx"));
    assert!(r.results.is_empty());
    let r = parse_auth_results("mx; spf=pass smtp.mailfrom=\"unterminated");
    assert_eq!(r.results[0].prop("smtp.mailfrom"), Some("unterminated"));
}

mod props {
    use super::super::parse_auth_results;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn never_panics(s in any::<String>()) {
            let _ = parse_auth_results(&s);
        }

        #[test]
        fn never_panics_on_grammar_soup(s in "[a-z.=;()\"\\\\/@ 0-9\r\n\t\u{e9}\u{1F600}]{0,80}") {
            let r = parse_auth_results(&s);
            prop_assert!(r.results.iter().all(|m| !m.method.is_empty() && !m.result.is_empty()));
        }
    }
}
