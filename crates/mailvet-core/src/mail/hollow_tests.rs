use super::{hollow, is_base64_letters, taken_apart};
use crate::mail::parse::{parse, parse_decoding_all};

/// Base64 of `data` in lines of `width` letters ending in `eol`.
fn base64_lines(data: &[u8], width: usize, eol: &str) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut letters = String::new();
    for chunk in data.chunks(3) {
        let mut n = 0u32;
        for (i, &b) in chunk.iter().enumerate() {
            n |= u32::from(b) << (16 - 8 * i);
        }
        for i in 0..4 {
            letters.push(if i <= chunk.len() {
                ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char
            } else {
                '='
            });
        }
    }
    let lines: Vec<&str> = letters
        .as_bytes()
        .chunks(width)
        .map(|l| std::str::from_utf8(l).unwrap())
        .collect();
    lines.join(eol) + eol
}

fn bytes(n: usize, seed: u8) -> Vec<u8> {
    (0..n)
        .map(|i| (i as u8).wrapping_mul(31).wrapping_add(seed))
        .collect()
}

/// A multipart message: a text part, then each `(content type, body lines)` as a base64 attachment.
fn message(eol: &str, parts: &[(&str, String)]) -> Vec<u8> {
    let mut m = format!(
        "From: Shop <news@shop.example>{eol}Subject: files{eol}MIME-Version: 1.0{eol}\
         Content-Type: multipart/mixed; boundary=\"b1\"{eol}{eol}--b1{eol}\
         Content-Type: text/plain{eol}{eol}See the files attached.{eol}"
    );
    for (ctype, body) in parts {
        m.push_str(&format!(
            "--b1{eol}Content-Type: {ctype}{eol}Content-Transfer-Encoding: base64{eol}{eol}{body}"
        ));
    }
    m.push_str(&format!("--b1--{eol}"));
    m.into_bytes()
}

/// `raw` parses to exactly what decoding every part gives, and `cut` says whether bodies were cut out.
fn same_as_decoding_all(raw: &[u8], cut: bool) {
    assert_eq!(parse(raw), parse_decoding_all(raw));
    assert_eq!(hollow(raw).is_some(), cut, "cut out or not");
}

#[test]
fn attachments_keep_their_decoded_size_when_their_bodies_are_skipped() {
    for eol in ["\r\n", "\n"] {
        let pdf = base64_lines(&bytes(20_000, 1), 76, eol);
        let png = base64_lines(&bytes(9_001, 2), 76, eol);
        let raw = message(
            eol,
            &[
                ("application/pdf; name=\"bill.pdf\"", pdf),
                ("image/png; name=\"a.png\"", png),
            ],
        );
        same_as_decoding_all(&raw, true);
        let sizes: Vec<usize> = (parse(&raw).unwrap().attachments.iter())
            .map(|a| a.size)
            .collect();
        assert_eq!(sizes, vec![20_000, 9_001]);
    }
}

#[test]
fn lines_of_any_width_give_the_same_size() {
    for width in [8, 60, 73, 75, 77, 1000] {
        let body = base64_lines(&bytes(12_345, 3), width, "\r\n");
        let raw = message("\r\n", &[("application/pdf", body)]);
        same_as_decoding_all(&raw, true);
        assert_eq!(parse(&raw).unwrap().attachments[0].size, 12_345);
    }
}

#[test]
fn archives_and_forwarded_messages_are_still_decoded() {
    let body = || base64_lines(&bytes(10_000, 4), 76, "\r\n");
    for ctype in [
        "application/zip",
        "application/pdf; name=\"x.ZIP\"",
        "message/rfc822",
    ] {
        same_as_decoding_all(&message("\r\n", &[(ctype, body())]), false);
    }
}

#[test]
fn a_base64_text_body_is_decoded_ahead_and_put_back() {
    let html = format!("<p>{}</p>", "Caf\u{e9} au lait & more. ".repeat(400));
    let raw = message(
        "\r\n",
        &[(
            "text/html; charset=utf-8",
            base64_lines(html.as_bytes(), 76, "\r\n"),
        )],
    );
    same_as_decoding_all(&raw, true);
    assert!(taken_apart(&raw), "the cut parse is used");
    assert_eq!(parse(&raw).unwrap().html, Some(html));
}

#[test]
fn an_untyped_part_is_cut_unless_it_starts_like_a_zip_archive() {
    let plain = base64_lines(&bytes(10_000, 9), 76, "\r\n");
    same_as_decoding_all(
        &message("\r\n", &[("application/octet-stream", plain)]),
        true,
    );
    let mut zip_like = b"PK\x03\x04".to_vec();
    zip_like.extend(bytes(10_000, 10));
    let raw = message(
        "\r\n",
        &[(
            "application/octet-stream",
            base64_lines(&zip_like, 76, "\r\n"),
        )],
    );
    assert!(hollow(&raw).is_some());
    assert_eq!(parse(&raw), parse_decoding_all(&raw));
    assert!(
        parse(&raw)
            .unwrap()
            .problems
            .iter()
            .any(|p| p.starts_with("zip "))
    );
}

#[test]
fn a_broken_body_is_parsed_as_a_whole() {
    // Letters that end in a character base64 does not have: mail-parser gives up on the part.
    let mut body = base64_lines(&bytes(10_000, 5), 76, "\r\n");
    body.push_str("not*base64\r\n");
    let raw = message("\r\n", &[("image/jpeg", body)]);
    assert!(hollow(&raw).is_some());
    assert_eq!(parse(&raw), parse_decoding_all(&raw));
    assert!(
        parse(&raw)
            .unwrap()
            .problems
            .iter()
            .any(|p| p.contains("could not be fully decoded"))
    );
}

#[test]
fn headers_that_only_look_like_a_part_in_a_text_body_change_nothing() {
    let pasted = format!(
        "Content-Type: image/gif\nContent-Transfer-Encoding: base64\n\n{}",
        base64_lines(&bytes(8_000, 6), 76, "\n")
    );
    let raw = format!("From: a@b.example\nSubject: pasted\n\n{pasted}\nbye\n");
    assert_eq!(parse(raw.as_bytes()), parse_decoding_all(raw.as_bytes()));
    assert!(parse(raw.as_bytes()).unwrap().text.contains(&pasted[..200]));
}

#[test]
fn a_forwarded_message_keeps_its_attachment_sizes() {
    let inner = String::from_utf8(message(
        "\r\n",
        &[(
            "application/pdf",
            base64_lines(&bytes(30_000, 7), 76, "\r\n"),
        )],
    ))
    .unwrap();
    let raw = format!(
        "From: a@b.example\r\nSubject: fwd\r\nContent-Type: multipart/mixed; boundary=\"outer\"\r\n\r\n\
         --outer\r\nContent-Type: text/plain\r\n\r\nsee below\r\n\
         --outer\r\nContent-Type: message/rfc822\r\n\r\n{inner}--outer--\r\n"
    );
    assert_eq!(parse(raw.as_bytes()), parse_decoding_all(raw.as_bytes()));
}

#[test]
fn a_message_that_is_one_image_keeps_its_size() {
    let raw = format!(
        "From: a@b.example\nSubject: pic\nContent-Type: image/png\nContent-Transfer-Encoding: base64\n\n{}",
        base64_lines(&bytes(7_000, 8), 76, "\n")
    );
    same_as_decoding_all(raw.as_bytes(), true);
}

#[test]
fn a_cut_may_end_the_body_before_or_after_its_last_line_break() {
    // 12,000 bytes: whole groups of three, no padding, so the run cut reaches the body's last line.
    for eol in ["\r\n", "\n"] {
        let body = base64_lines(&bytes(12_000, 11), 76, eol);
        for blank_line in [false, true] {
            let body = if blank_line {
                format!("{body}{eol}")
            } else {
                body.clone()
            };
            let raw = message(eol, &[("application/pdf", body)]);
            same_as_decoding_all(&raw, true);
            assert!(taken_apart(&raw), "blank line {blank_line}");
            assert_eq!(parse(&raw).unwrap().attachments[0].size, 12_000);
        }
    }
}

#[test]
fn a_transfer_encoding_in_any_case_is_cut() {
    let body = base64_lines(&bytes(9_000, 12), 76, "\r\n");
    let raw = String::from_utf8(message("\r\n", &[("application/pdf", body)]))
        .unwrap()
        .replace(
            "Content-Transfer-Encoding: base64",
            "content-transfer-encoding:\tBASE64",
        );
    same_as_decoding_all(raw.as_bytes(), true);
    assert!(taken_apart(raw.as_bytes()));
    assert_eq!(parse(raw.as_bytes()).unwrap().attachments[0].size, 9_000);
}

#[test]
fn lines_that_look_like_boundaries_or_headers_everywhere_are_read_alike() {
    // Every line starts a possible header block: the walk must still read the message about once.
    let noise = "--\nX: y\n--b1\n\n".repeat(20_000);
    let body = base64_lines(&bytes(6_000, 13), 76, "\n");
    let raw = String::from_utf8(message("\n", &[("application/pdf", body)]))
        .unwrap()
        .replace("See the files attached.", &noise);
    assert_eq!(parse(raw.as_bytes()), parse_decoding_all(raw.as_bytes()));
}

#[test]
fn a_line_is_base64_letters_only_when_every_byte_is_one() {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for len in 0..=100 {
        let line: Vec<u8> = (0..len).map(|i| ALPHABET[(i * 7) % 64]).collect();
        assert!(is_base64_letters(&line), "{len} letters");
        // Every byte value in every place: one that is not a letter anywhere is seen (the windows overlap).
        for at in 0..len {
            for stray in 0..=u8::MAX {
                let mut changed = line.clone();
                changed[at] = stray;
                let letter = ALPHABET.contains(&stray);
                assert_eq!(
                    is_base64_letters(&changed),
                    letter,
                    "{stray:#x} at {at} of {len}"
                );
            }
        }
    }
}
