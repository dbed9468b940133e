//! Tests of the streaming HTML scanner.

use super::*;

fn links(html: &str) -> Vec<(String, String)> {
    scan(html, false)
        .links
        .into_iter()
        .map(|l| (l.href, l.text))
        .collect()
}

fn pair(h: &str, t: &str) -> (String, String) {
    (h.to_owned(), t.to_owned())
}

#[test]
fn anchors_with_nested_tags_and_entities() {
    let html = r#"<P>Hi <A HREF="https://evil.example/?a=1&amp;b=2&reg=3">  <b>www.paypal.com</b>
        &amp; more </a> <a href='https://x.example/s'>single</a> <a href=https://u.example/x>unquoted</a>"#;
    assert_eq!(
        links(html),
        vec![
            pair(
                "https://evil.example/?a=1&b=2&reg=3",
                "www.paypal.com & more"
            ),
            pair("https://x.example/s", "single"),
            pair("https://u.example/x", "unquoted"),
        ]
    );
}

#[test]
fn image_only_anchor_uses_alt_and_area_links() {
    let html = r#"<a href="https://e.example/"><img src="x.png" alt="Amazon &amp; Co"></a>
        <map><area shape=rect href="https://m.example/a" alt="Sign in"></map>"#;
    assert_eq!(
        links(html),
        vec![
            pair("https://e.example/", "Amazon & Co"),
            pair("https://m.example/a", "Sign in")
        ]
    );
}

#[test]
fn unclosed_and_nested_anchors_and_href_whitespace() {
    let html = "<a href=\" https://a.example/\n\tpath \">one<a href=\"https://b.example\">two";
    assert_eq!(
        links(html),
        vec![
            pair("https://a.example/path", "one"),
            pair("https://b.example", "two")
        ]
    );
    assert!(links("<a name=top>no href</a><a href=\"\">empty</a>").is_empty());
}

#[test]
fn comments_scripts_and_styles_hide_links() {
    let html = "<!-- <a href=\"https://c.example\">c</a> --><script>var s='<a href=\"https://s.example\">s</a>';\
                </SCRIPT><style>a{}</style><a href=\"https://ok.example\">ok</a><![CDATA[x]]>";
    assert_eq!(links(html), vec![pair("https://ok.example", "ok")]);
}

#[test]
fn attribute_with_gt_inside_quotes() {
    let html = r#"<div title="a > b"><a data-x='>' href="https://q.example">q</a></div>"#;
    assert_eq!(links(html), vec![pair("https://q.example", "q")]);
}

#[test]
fn base_and_forms() {
    let html = r#"<base href="https://base.example/"><form ACTION="https://collect.example/post.php" method=post>
        <input type="EMAIL" name="Email"><input type=password name=pass autocomplete="cc-number">
        <input name="plain"><select name="month"></select><textarea name=note></textarea></form>
        <input type=password name=outside>"#;
    let s = scan(html, false);
    assert_eq!(s.base.as_deref(), Some("https://base.example/"));
    assert_eq!(s.forms.len(), 1);
    assert_eq!(
        s.forms[0].action.as_deref(),
        Some("https://collect.example/post.php")
    );
    assert_eq!(
        s.forms[0].inputs,
        [
            "email",
            "email",
            "password",
            "pass",
            "cc-number",
            "text",
            "plain",
            "select",
            "month",
            "textarea",
            "note"
        ]
    );
}

#[test]
fn text_rendition() {
    let html = "<html><head><title>T</title><style>p{color:red}</style></head><body>\
                <p>Dear&nbsp;customer,</p><p>Your   account\n is <b>locked</b>.<br>Click <a href=\"x\">here</a>\
                </p><table><tr><td>a</td><td>b</td></tr></table>3 &lt; 4 &#x263A;</body></html>";
    let s = scan(html, true);
    assert_eq!(
        s.text,
        "Dear customer,\n\nYour account is locked.\nClick here\n\na b\n\n3 < 4 \u{263a}"
    );
    assert!(scan(html, false).text.is_empty());
}

#[test]
fn stray_lt_and_odd_markup() {
    let s = scan("a < b <3 <!doctype html><?xml x?></ end>c</", true);
    assert_eq!(s.text, "a < b <3 c");
}

#[test]
fn linear_on_pathological_input() {
    let many_lt = "<".repeat(200_000);
    let open_quotes = "<a href=\"".repeat(20_000);
    let open_scripts = "<script>".repeat(20_000);
    let open_comments = "<!--".repeat(50_000);
    for html in [many_lt, open_quotes, open_scripts, open_comments] {
        let start = std::time::Instant::now();
        let _ = scan(&html, true);
        assert!(start.elapsed().as_secs() < 2, "too slow");
    }
}

mod props {
    use super::super::scan;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn never_panics(s in any::<String>()) {
            let _ = scan(&s, true);
        }

        #[test]
        fn never_panics_on_markup_soup(s in "[<>/!a-zA-Z=\"' &#;x0-9\u{e9}\u{1F600}-]{0,120}") {
            let _ = scan(&s, true);
        }
    }
}
