use super::*;
use crate::mail::Link;

fn link(href: &str, text: &str, origin: LinkOrigin) -> Link {
    Link {
        href: href.into(),
        text: text.into(),
        origin,
    }
}

#[test]
fn html_links_show_their_real_destination_beside_the_text() {
    let msg = Message {
        html: Some(
            "<p>Hello <a href=\"http://evil.example/login\">https://www.paypal.com/</a> now</p>"
                .into(),
        ),
        links: vec![link(
            "http://evil.example/login",
            "https://www.paypal.com/",
            LinkOrigin::HtmlAnchor,
        )],
        ..Message::default()
    };
    let body = layout(&msg, 80);
    assert!(body.from_html);
    let flat: Vec<&Piece> = body.lines.iter().flatten().collect();
    assert!(flat.contains(&&Piece::LinkText("https://www.paypal.com/".into(), 1)));
    assert!(flat.contains(&&Piece::LinkRef(1, "http://evil.example/login".into())));
}

#[test]
fn text_urls_are_numbered_and_controls_removed() {
    let msg = Message {
        text: "see https://a.example/x and \u{1b}[31mred".into(),
        links: vec![link(
            "https://a.example/x",
            "https://a.example/x",
            LinkOrigin::Text,
        )],
        ..Message::default()
    };
    let body = layout(&msg, 80);
    assert_eq!(
        body.lines[0][..3],
        [
            Piece::Text("see ".into()),
            Piece::LinkText("https://a.example/x".into(), 1),
            Piece::LinkRef(1, String::new())
        ]
    );
    let all: String = body.lines[0]
        .iter()
        .map(|p| match p {
            Piece::Text(s) | Piece::Strong(s) | Piece::LinkText(s, _) | Piece::LinkRef(_, s) => {
                s.as_str()
            }
        })
        .collect();
    assert!(!all.contains('\u{1b}'));
}

fn text_links(hrefs: impl Iterator<Item = String>) -> Vec<Link> {
    hrefs.map(|h| link(&h, &h, LinkOrigin::Text)).collect()
}

#[test]
fn every_one_of_twelve_thousand_text_urls_is_numbered() {
    let hrefs: Vec<String> = (0..12_000)
        .map(|i| format!("https://h{i}.example/p"))
        .collect();
    let msg = Message {
        text: hrefs.join("\n"),
        links: text_links(hrefs.iter().cloned()),
        ..Message::default()
    };
    let body = layout(&msg, 80);
    assert_eq!(body.lines.len(), 12_000);
    assert_eq!(
        body.lines[11_999],
        [
            Piece::LinkText("https://h11999.example/p".into(), 12_000),
            Piece::LinkRef(12_000, String::new())
        ]
    );
}

#[test]
fn a_two_megabyte_line_is_cut_into_rows() {
    let msg = Message {
        text: "x".repeat(2_000_000),
        ..Message::default()
    };
    let body = layout(&msg, 80);
    assert_eq!(body.lines.len(), 2_000);
    assert_eq!(body.lines[0], [Piece::Text("x".repeat(MAX_LINE_CHARS))]);
}

#[test]
fn deeply_nested_html_shows_its_text_with_a_note() {
    let html = format!(
        "{}deep text{}",
        "<div>".repeat(50_000),
        "</div>".repeat(50_000)
    );
    let msg = Message {
        text: "deep text".into(),
        html: Some(html),
        ..Message::default()
    };
    let body = layout(&msg, 80);
    assert!(!body.from_html);
    assert_eq!(
        body.lines[0],
        [Piece::Strong(
            "[HTML nested too deep to render (50000 levels): its text is shown]".into()
        )]
    );
    assert_eq!(body.lines[1], [Piece::Text("deep text".into())]);
}

#[test]
fn ordinary_html_nesting_is_rendered() {
    assert_eq!(
        nesting_depth("<p>a<br>b<img src=x/><div><b>c</b></div></p>"),
        3
    );
}
