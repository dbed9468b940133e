//! Text bodies decoded ahead of mail-parser: the parse must be exactly the one that leaves every body to
//! mail-parser (`parse_decoding_all`), and the fast path must be taken where the body is plain.

use proptest::prelude::*;

use crate::mail::hollow::taken_apart;
use crate::mail::parse::{parse, parse_decoding_all};
use crate::mail::predecode::Boundaries;
use crate::mail::transfer::tests::{base64_text, qp_text};

/// One part: its Content-Type, its transfer encoding and its body as written.
type Part = (String, &'static str, Vec<u8>);

/// A multipart/mixed message holding `parts` (boundary `b1`), lines ending in `eol`.
fn multipart(eol: &str, parts: &[Part]) -> Vec<u8> {
    let mut m = format!(
        "From: Shop <news@shop.example>{eol}Subject: news{eol}MIME-Version: 1.0{eol}\
         Content-Type: multipart/mixed; boundary=\"b1\"{eol}{eol}"
    )
    .into_bytes();
    for (ctype, encoding, body) in parts {
        m.extend_from_slice(
            format!(
                "--b1{eol}Content-Type: {ctype}{eol}Content-Transfer-Encoding: {encoding}{eol}{eol}"
            )
            .as_bytes(),
        );
        m.extend_from_slice(body);
        if !body.ends_with(b"\n") {
            m.extend_from_slice(eol.as_bytes());
        }
    }
    m.extend_from_slice(format!("--b1--{eol}").as_bytes());
    m
}

/// A message that is one part.
fn single(eol: &str, (ctype, encoding, body): &Part) -> Vec<u8> {
    let mut m = format!(
        "From: Shop <news@shop.example>{eol}Subject: news{eol}Content-Type: {ctype}{eol}\
         Content-Transfer-Encoding: {encoding}{eol}{eol}"
    )
    .into_bytes();
    m.extend_from_slice(body);
    m
}

fn same(raw: &[u8]) {
    assert_eq!(parse(raw), parse_decoding_all(raw));
}

fn encoded(text: &[u8], encoding: &'static str, crlf: bool) -> Vec<u8> {
    match encoding {
        "base64" => base64_text(text, 76, crlf),
        _ => qp_text(text, 75, crlf),
    }
}

const LETTER: &str = "Dear customer,\nyour parcel is waiting: https://shop.example/track?id=42 = done.\n\
                      Caf\u{e9} cr\u{e8}me, na\u{ef}ve \u{2013} \u{20ac}10.\n";

#[test]
fn encoded_text_bodies_are_decoded_ahead_in_every_charset() {
    for crlf in [true, false] {
        let eol = if crlf { "\r\n" } else { "\n" };
        for encoding in ["base64", "quoted-printable"] {
            for (charset, text) in [
                ("; charset=utf-8", LETTER.repeat(6).into_bytes()),
                ("; charset=\"UTF-8\"", LETTER.repeat(6).into_bytes()),
                ("", LETTER.repeat(6).into_bytes()),
                ("; charset=iso-8859-1", b"Caf\xe9 cr\xe8me\n".repeat(40)),
                (
                    "; charset=windows-1252",
                    b"\x80 10 \x93quoted\x94\n".repeat(40),
                ),
                ("; charset=x-unknown", LETTER.repeat(6).into_bytes()),
            ] {
                let plain = (
                    format!("text/plain{charset}"),
                    encoding,
                    encoded(&text, encoding, crlf),
                );
                let html_text = [b"<p>".as_slice(), &text, b"</p>"].concat();
                let html = (
                    format!("text/html{charset}"),
                    encoding,
                    encoded(&html_text, encoding, crlf),
                );
                let raw = multipart(eol, &[plain, html]);
                same(&raw);
                assert!(taken_apart(&raw), "{encoding} {charset} crlf={crlf}");
            }
        }
    }
    let raw = multipart(
        "\r\n",
        &[(
            "text/plain; charset=utf-8".into(),
            "quoted-printable",
            encoded(LETTER.repeat(6).as_bytes(), "qp", true),
        )],
    );
    assert!(
        parse(&raw)
            .unwrap()
            .text
            .contains("Caf\u{e9} cr\u{e8}me, na\u{ef}ve \u{2013} \u{20ac}10.")
    );
}

#[test]
fn a_message_that_is_one_encoded_text_is_decoded_ahead() {
    for crlf in [true, false] {
        let eol = if crlf { "\r\n" } else { "\n" };
        for encoding in ["base64", "quoted-printable"] {
            let part = (
                "text/plain; charset=utf-8".to_owned(),
                encoding,
                encoded(LETTER.repeat(6).as_bytes(), encoding, crlf),
            );
            let raw = single(eol, &part);
            same(&raw);
            assert!(taken_apart(&raw), "{encoding} crlf={crlf}");
            let mut no_final_break = raw.clone();
            no_final_break.truncate(raw.len() - eol.len());
            same(&no_final_break);
        }
    }
}

#[test]
fn hostile_text_bodies_parse_as_mail_parser_reads_them() {
    let text = LETTER.repeat(6);
    let b64 = || base64_text(text.as_bytes(), 76, true);
    let qp = || qp_text(text.as_bytes(), 75, true);
    let with = |mut body: Vec<u8>, extra: &[u8]| {
        body.extend_from_slice(extra);
        body
    };
    let bodies: Vec<(&'static str, Vec<u8>)> = vec![
        ("base64", with(b64(), b"not*base64\r\n")),
        ("base64", with(b64(), b"QQ==\r\nQUJD\r\n")),
        ("base64", with(b64(), b"QUJDRA\r\n")),
        ("base64", with(b64(), b"QUJD QUJD\r\n")),
        ("base64", with(b64(), b"-\r\n")),
        ("base64", with(b64(), b"--b1x\r\n")),
        ("quoted-printable", with(qp(), b"double ==\r\n")),
        (
            "quoted-printable",
            with(qp(), b"soft break before the boundary=\r\n"),
        ),
        ("quoted-printable", with(qp(), b"open escape =4\r\n")),
        (
            "quoted-printable",
            with(qp(), b"the boundary mid-line --b1 here\r\n"),
        ),
        (
            "quoted-printable",
            with(qp(), b"-- \r\nsignature\r\n--b1x is not it\r\n"),
        ),
        (
            "quoted-printable",
            with(qp(), b"bad =ZZ, blanks \t \r\nbare\rcr\r\n"),
        ),
    ];
    for (encoding, body) in bodies {
        for ctype in ["text/plain; charset=utf-8", "text/html"] {
            let part = (ctype.to_owned(), encoding, body.clone());
            same(&multipart("\r\n", std::slice::from_ref(&part)));
            same(&single("\r\n", &part));
            // Cut short: no closing boundary.
            let whole = multipart("\r\n", &[part]);
            same(&whole[..whole.len() - 10]);
            same(&whole[..whole.len() / 2]);
        }
    }
}

#[test]
fn text_inside_a_forwarded_message_or_a_nested_multipart_is_read_alike() {
    let inner = multipart(
        "\r\n",
        &[(
            "text/plain".into(),
            "quoted-printable",
            qp_text(LETTER.repeat(6).as_bytes(), 75, true),
        )],
    );
    let mut raw = b"From: a@b.example\r\nSubject: fwd\r\nContent-Type: multipart/mixed; boundary=\"outer\"\r\n\r\n\
        --outer\r\nContent-Type: text/plain\r\n\r\nsee below\r\n\
        --outer\r\nContent-Type: message/rfc822\r\n\r\n"
        .to_vec();
    raw.extend_from_slice(&inner);
    raw.extend_from_slice(b"--outer--\r\n");
    same(&raw);
    // The same part one multipart deeper, the inner boundary a prefix-sharing cousin of the outer one.
    let nested = String::from_utf8(inner).unwrap().replace("b1", "outer-2");
    let raw = format!(
        "From: a@b.example\r\nSubject: nest\r\nContent-Type: multipart/mixed; boundary=\"outer\"\r\n\r\n\
         --outer\r\n{}--outer--\r\n",
        &nested[nested.find("Content-Type: multipart").unwrap()..]
    );
    same(raw.as_bytes());
    assert!(taken_apart(raw.as_bytes()));
}

#[test]
fn boundaries_are_read_only_as_far_as_asked_and_each_once() {
    let raw = b"Content-Type: multipart/mixed; boundary=\"outer\"\r\n\r\n--outer\r\n\
        Content-Type: multipart/alternative; Boundary=inner\r\n\r\n--inner--\r\n--outer--\r\n";
    let inner = raw.windows(8).position(|w| w == b"Boundary").unwrap();
    let needles = |b: &mut Boundaries, end: usize| -> Vec<Vec<u8>> {
        b.before(raw, end)
            .iter()
            .map(|f| f.needle().to_vec())
            .collect()
    };
    let mut boundaries = Boundaries::default();
    assert_eq!(needles(&mut boundaries, inner), [b"outer".to_vec()]);
    // Asked in steps that split the second declaration anywhere: found once, and never forgotten.
    for end in inner..raw.len() + 5 {
        let mut stepped = Boundaries::default();
        needles(&mut stepped, end);
        let all = needles(&mut stepped, raw.len());
        assert_eq!(
            all,
            [b"outer".to_vec(), b"inner".to_vec()],
            "split at {end}"
        );
        assert_eq!(needles(&mut stepped, 0), all);
    }
}

#[test]
fn a_single_text_that_mentions_a_boundary_is_still_decoded_ahead() {
    // Only what comes before a body declares its boundaries: words in the text itself end nothing.
    let text = format!(
        "{}Content-Type: multipart/mixed; boundary=\"x\"\n--x\n",
        LETTER.repeat(4)
    );
    for (eol, crlf) in [("\r\n", true), ("\n", false)] {
        let body = base64_text(text.as_bytes(), 76, crlf);
        let raw = single(eol, &("text/plain".into(), "base64", body));
        same(&raw);
        assert!(taken_apart(&raw), "decoded ahead");
    }
}

/// A part for the generated messages: a text or binary type, an encoding, and a body written as mailers write
/// it with arbitrary bytes put in somewhere.
fn any_part() -> impl Strategy<Value = Part> {
    let ctype = prop::sample::select(vec![
        "text/plain",
        "text/plain; charset=iso-8859-1",
        "text/html; charset=utf-8",
        "TEXT/HTML",
        "image/png",
    ]);
    let encoding = prop::sample::select(vec!["base64", "quoted-printable", "7bit"]);
    let noise = prop::collection::vec(
        prop_oneof![8 => prop::sample::select(b"=\n\r \t-AQ0+/b1".to_vec()), 1 => any::<u8>()],
        0..80,
    );
    let text = prop::collection::vec(
        prop_oneof![4 => 32u8..127, 1 => any::<u8>(), 1 => Just(b'\n')],
        0..700,
    );
    // Long enough for an attachment's base64 lines to be cut out too.
    let data = prop_oneof![3 => text, 1 => prop::collection::vec(any::<u8>(), 1500..4000)];
    (
        ctype,
        encoding,
        data,
        noise,
        any::<bool>(),
        any::<prop::sample::Index>(),
    )
        .prop_map(|(ctype, encoding, text, noise, crlf, at)| {
            let mut body = encoded(&text, encoding, crlf);
            let at = at.index(body.len() + 1);
            body.splice(at..at, noise);
            (ctype.to_owned(), encoding, body)
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(600))]

    #[test]
    fn generated_messages_parse_as_mail_parser_reads_them(
        parts in prop::collection::vec(any_part(), 1..4),
        crlf: bool,
        cut_at in any::<prop::sample::Index>(),
    ) {
        let eol = if crlf { "\r\n" } else { "\n" };
        let raw = multipart(eol, &parts);
        prop_assert_eq!(parse(&raw), parse_decoding_all(&raw));
        let one = single(eol, &parts[0]);
        prop_assert_eq!(parse(&one), parse_decoding_all(&one));
        let short = &raw[..cut_at.index(raw.len() + 1)];
        prop_assert_eq!(parse(short), parse_decoding_all(short));
    }
}
