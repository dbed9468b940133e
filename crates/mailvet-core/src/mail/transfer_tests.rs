use mail_parser::parsers::MessageStream;
use proptest::prelude::*;

use super::{base64, quoted_printable};

const BOUNDARY: &[u8] = b"b1";

/// mail-parser's decoding of `body`: running to the end (`boundary` empty) or stopping at `--boundary`;
/// `None` where it gives up on the part. With the offset where the part's content ends.
fn mail_parser(body: &[u8], boundary: &[u8], qp: bool) -> Option<(usize, Vec<u8>)> {
    let mut stream = MessageStream::new(body);
    let (end, bytes) = if qp {
        stream.decode_quoted_printable_mime(boundary)
    } else {
        stream.decode_base64_mime(boundary)
    };
    (end != usize::MAX).then(|| (end, bytes.into_owned()))
}

/// Ours must give mail-parser's bytes, or nothing: with no boundary (the body runs to the end) and with
/// `body` followed by a boundary line (when `body` holds no `--b1` and ends with a line break).
fn agrees(body: &[u8], qp: bool) -> Result<(), TestCaseError> {
    let ours = if qp {
        quoted_printable(body, false)
    } else {
        base64(body)
    };
    if let Some(ours) = ours {
        let theirs = mail_parser(body, b"", qp);
        prop_assert_eq!(theirs, Some((body.len(), ours)), "to the end");
    } else if qp {
        // Without a boundary the only failure is mail-parser's own: both give up alike.
        prop_assert_eq!(mail_parser(body, b"", qp), None);
    }
    let holds_boundary = body.windows(4).any(|w| w == b"--b1");
    if body.ends_with(b"\n") && !holds_boundary {
        let ours = if qp {
            quoted_printable(body, true)
        } else {
            base64(body)
        };
        if let Some(ours) = ours {
            let content_end = body.len() - if body.ends_with(b"\r\n") { 2 } else { 1 };
            let whole = [body, b"--b1--\r\n"].concat();
            let theirs = mail_parser(&whole, BOUNDARY, qp);
            prop_assert_eq!(theirs, Some((content_end, ours)), "before a boundary");
        }
    }
    Ok(())
}

/// Bytes that steer both decoders through every state: escapes, hex digits, blanks, both line breaks,
/// dashes, base64 letters and padding, plus any byte now and then.
fn tricky() -> impl Strategy<Value = Vec<u8>> {
    let pick = prop::sample::select(b"=\n\r \t\x0c-AaFf09gGZz+/b1Q".to_vec());
    prop::collection::vec(prop_oneof![8 => pick, 1 => any::<u8>()], 0..120)
}

/// Base64 of random bytes in lines of `width` letters ending in `eol`, as mailers write it.
pub(crate) fn base64_text(data: &[u8], width: usize, crlf: bool) -> Vec<u8> {
    let letters = ::base64::engine::general_purpose::STANDARD.encode(data);
    let eol: &[u8] = if crlf { b"\r\n" } else { b"\n" };
    let mut out = Vec::new();
    for line in letters.as_bytes().chunks(width.max(1)) {
        out.extend_from_slice(line);
        out.extend_from_slice(eol);
    }
    out
}

/// Quoted-printable of random text as mailers write it: `=XX` for `=` and bytes outside ASCII, soft breaks
/// every `width` bytes, hard breaks kept.
pub(crate) fn qp_text(data: &[u8], width: usize, crlf: bool) -> Vec<u8> {
    let eol: &[u8] = if crlf { b"\r\n" } else { b"\n" };
    let mut out = Vec::new();
    let mut col = 0;
    for &b in data {
        if b == b'\n' {
            out.extend_from_slice(eol);
            col = 0;
            continue;
        }
        if col >= width.max(4) {
            out.push(b'=');
            out.extend_from_slice(eol);
            col = 0;
        }
        if b == b'=' || b >= 0x7f || (b < b' ' && b != b'\t') {
            out.extend_from_slice(format!("={b:02X}").as_bytes());
            col += 3;
        } else {
            out.push(b);
            col += 1;
        }
    }
    out.extend_from_slice(eol);
    out
}

use ::base64::Engine as _;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4000))]

    #[test]
    fn quoted_printable_gives_mail_parsers_bytes_on_any_input(body in tricky()) {
        agrees(&body, true)?;
    }

    #[test]
    fn base64_gives_mail_parsers_bytes_on_any_input(body in tricky()) {
        agrees(&body, false)?;
    }

    #[test]
    fn quoted_printable_as_written_is_decoded_by_us(
        data in prop::collection::vec(prop_oneof![4 => 32u8..127, 1 => any::<u8>(), 1 => Just(b'\n')], 0..600),
        width in 1usize..100,
        crlf: bool,
    ) {
        let body = qp_text(&data, width, crlf);
        prop_assert!(quoted_printable(&body, false).is_some());
        prop_assert!(quoted_printable(&body, true).is_some());
        agrees(&body, true)?;
    }

    #[test]
    fn base64_as_written_is_decoded_by_us(
        data in prop::collection::vec(any::<u8>(), 0..600),
        width in 1usize..100,
        crlf: bool,
    ) {
        let body = base64_text(&data, width, crlf);
        prop_assert_eq!(base64(&body), Some(data));
        agrees(&body, false)?;
    }

    #[test]
    fn written_bodies_changed_one_byte_still_agree(
        data in prop::collection::vec(any::<u8>(), 1..300),
        width in 1usize..100,
        crlf: bool,
        qp: bool,
        at in any::<prop::sample::Index>(),
        byte in prop::sample::select(b"=\n\r \t-AQ0+/\xff".to_vec()),
        replace: bool,
    ) {
        let mut body = if qp { qp_text(&data, width, crlf) } else { base64_text(&data, width, crlf) };
        let at = at.index(body.len());
        if replace {
            body[at] = byte;
        } else {
            body.insert(at, byte);
        }
        agrees(&body, qp)?;
    }
}

#[test]
fn quoted_printable_follows_mail_parser_on_its_odd_cases() {
    for body in [
        &b"soft =\r\nbreak, trailing blanks \t \r\nand =3D=3d=C3=A9\r\n"[..],
        b"bad =ZZ and =4 and = 3D and =\tX\n",
        b"mixed\nthen crlf\r\nthen lf\n",
        b"escape across a break =A\nB and =A\r\nZ\n",
        b"blanks before an escape \t=4\n",
        b"ends inside =4",
        b"ends on =",
        b"form feed \x0c\n",
        b"",
    ] {
        agrees(body, true).unwrap();
    }
    assert_eq!(
        quoted_printable(b"a=3D=\n", true),
        None,
        "soft break before the boundary"
    );
    assert_eq!(
        quoted_printable(b"a=4\n", true),
        None,
        "escape open before the boundary"
    );
    assert_eq!(
        quoted_printable(b"a==\n", false),
        None,
        "mail-parser gives up on `==`"
    );
}

#[test]
fn base64_leaves_what_mail_parser_reads_its_own_way() {
    // Letters left over without padding: mail-parser drops them.
    assert_eq!(base64(b"QUJDRA\n"), None);
    // Padding in the middle (two encodings glued together), blanks in a line, a dash.
    assert_eq!(base64(b"QQ==\nQUJD\n"), None);
    assert_eq!(base64(b"QUJD QUJD\n"), None);
    assert_eq!(base64(b"QUJD-QUJD\n"), None);
    assert_eq!(base64(b"QUJDRA==\r\n\r\n").as_deref(), Some(&b"ABCD"[..]));
    assert_eq!(base64(b"QUJDREU=\n").as_deref(), Some(&b"ABCDE"[..]));
    assert_eq!(
        base64(b"QR==\n").as_deref(),
        Some(&b"A"[..]),
        "low bits set"
    );
    for body in [
        &b"QUJDRA\n"[..],
        b"QQ==\nQUJD\n",
        b"QUJD QUJD\n",
        b"QQ=\n",
        b"Q===\n",
    ] {
        agrees(body, false).unwrap();
    }
}
