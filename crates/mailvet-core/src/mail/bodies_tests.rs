//! Tests of the bodies `parse` finds, on small messages written for the test.

use crate::mail::{Message, parse};

fn ok(raw: &str) -> Message {
    parse(raw.as_bytes()).unwrap_or_else(|e| panic!("parse failed: {e}"))
}

#[test]
fn html_only_message_gets_a_text_rendition_and_forms() {
    let m = ok(
        "From: Bank <alerts@bank.example>\r\nContent-Type: text/html; charset=iso-8859-1\r\n\
                Content-Transfer-Encoding: quoted-printable\r\n\r\n<html><head><base href=3D\"https://evil.example/kit/\">\
                <style>p{}</style></head><body><p>Dear customer,<br>verify=\r\n your account</p>\
                <a href=3D\"login.php\">Log in</a><form action=3D\"post.php\"><input type=3Dpassword></form>\
                Gr=FC=DFe</body></html>\r\n",
    );
    assert_eq!(
        m.text,
        "Dear customer,\nverify your account\n\nLog in\nGrüße"
    );
    assert_eq!(m.links.len(), 1);
    assert_eq!(m.links[0].href, "https://evil.example/kit/login.php");
    assert_eq!(m.forms[0].action.as_deref(), Some("post.php"));
    assert_eq!(m.forms[0].inputs, ["password"]);
}

#[test]
fn an_html_body_with_a_malformed_content_type_is_still_read() {
    // `text/html charset=...` without the `;`: the parser takes the subtype for "html charset=...".
    let msg = ok(
        "From: a@shop.example\r\nSubject: x\r\nContent-Type: text/html charset=windows-1252\r\n\r\n\
        <html><body><p>Act now</p><a href=\"https://short.example/x\">open</a></body></html>\r\n",
    );
    assert!(msg.text.contains("Act now"), "{:?}", msg.text);
    assert_eq!(msg.links.len(), 1, "{:?}", msg.links);
    assert_eq!(msg.links[0].href, "https://short.example/x");
    // An HTML attachment is no body.
    let msg = ok(
        "From: a@shop.example\r\nSubject: x\r\nMIME-Version: 1.0\r\n\
        Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/html charset=utf-8\r\n\
        Content-Disposition: attachment; filename=page.html\r\n\r\n<a href=\"https://x.example/\">x</a>\r\n--b--\r\n",
    );
    assert!(msg.links.is_empty(), "{:?}", msg.links);
}

#[test]
fn a_quoted_printable_html_body_the_parser_gave_up_on_is_decoded_leniently() {
    // A raw 8-bit byte and no charset in a quoted-printable part: the strict decoder leaves it encoded.
    let mut raw = b"From: a@bank.example\r\nSubject: x\r\nMIME-Version: 1.0\r\n\
        Content-Type: multipart/alternative; boundary=b\r\n\r\n--b\r\nContent-Type: text/html;\r\n\
        Content-Transfer-Encoding: quoted-printable\r\n\r\n<p>Update your pro=\r\nfile</p>\r\n\
        <a href=3D\"http://203.0.113.9/update/\">https://www.bank.example/</a> Copyright "
        .to_vec();
    raw.extend_from_slice(&[0xa9]);
    raw.extend_from_slice(b" 2005 =ZZ\r\n--b--\r\n");
    let msg = parse(&raw).unwrap();
    assert!(msg.text.contains("Update your profile"), "{:?}", msg.text);
    assert_eq!(msg.links.len(), 1, "{:?}", msg.links);
    assert_eq!(msg.links[0].href, "http://203.0.113.9/update/");
}
