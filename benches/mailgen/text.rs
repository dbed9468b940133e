//! Message bodies: sentences from topic pools filled to a target size, rendered as wrapped plain text and as
//! table-laid-out HTML the way mass mailers write it.

use super::rng::Rng;

/// Neutral sentences mixed into every topic.
const GENERAL: &[&str] = &[
    "Thanks again for getting back to me so quickly.",
    "Let me know if anything is unclear or if you need more details.",
    "We will keep you posted as soon as we hear more.",
    "The team has been working on this for the past few weeks.",
    "Most of the changes are small, but together they make a real difference.",
    "You can find more information on our website at any time.",
    "Please keep this message for your records.",
    "Our office hours are Monday to Friday, 9:00 to 17:00.",
    "If you have already taken care of this, no further action is needed.",
    "We appreciate your patience while we sort this out.",
    "The weather has finally turned, and the evenings are getting shorter.",
    "I attached the notes from last time so we are all on the same page.",
];

/// What a body says: paragraphs and the links it offers.
pub struct Body {
    /// The opening line (`Hello Alex Morgan,`).
    pub greeting: String,
    /// The paragraphs, placeholders already filled.
    pub paragraphs: Vec<String>,
    /// (destination, visible text) of each link.
    pub links: Vec<(String, String)>,
    /// The closing lines.
    pub signature: String,
}

/// Appends `sentence` with its `{placeholders}` filled in.
pub fn fill(rng: &mut Rng, sentence: &str, out: &mut String) {
    let mut rest = sentence;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let Some(len) = rest[start..].find('}') else {
            break;
        };
        let value = match &rest[start + 1..start + len] {
            "order" => format!(
                "{}-{:07}-{:07}",
                rng.range(100, 999),
                rng.below(10_000_000),
                rng.below(10_000_000)
            ),
            "amount" => format!("{}.{:02}", rng.range(3, 480), rng.below(100)),
            "n" => rng.range(2, 60).to_string(),
            "city" => (*rng.pick(&[
                "Lisbon", "Leeds", "Lyon", "Graz", "Porto", "Tampere", "Utrecht",
            ]))
            .to_owned(),
            "day" => {
                (*rng.pick(&["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"])).to_owned()
            }
            "item" => (*rng.pick(&[
                "desk lamp",
                "rain jacket",
                "USB-C hub",
                "tea kettle",
                "yoga mat",
                "novel",
            ]))
            .to_owned(),
            other => other.to_owned(),
        };
        out.push_str(&value);
        rest = &rest[start + len + 1..];
    }
    out.push_str(rest);
}

/// Paragraphs of 2 to 5 sentences, mostly from `pool`, until about `target` bytes.
pub fn paragraphs(rng: &mut Rng, pool: &[&str], target: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut total = 0;
    while total < target {
        let mut para = String::new();
        for _ in 0..rng.range(2, 6) {
            let sentence = if rng.chance(70) {
                rng.pick(pool)
            } else {
                rng.pick(GENERAL)
            };
            if !para.is_empty() {
                para.push(' ');
            }
            fill(rng, sentence, &mut para);
        }
        total += para.len() + 2;
        out.push(para);
    }
    out
}

fn wrapped(text: &str, out: &mut String) {
    let mut col = 0;
    for word in text.split(' ') {
        if col > 0 && col + word.len() >= 72 {
            out.push('\n');
            col = 0;
        } else if col > 0 {
            out.push(' ');
            col += 1;
        }
        out.push_str(word);
        col += word.len();
    }
    out.push_str("\n\n");
}

/// The plain-text rendering, wrapped at 72 columns.
pub fn plain(body: &Body) -> String {
    let mut out = format!("{}\n\n", body.greeting);
    for para in &body.paragraphs {
        wrapped(para, &mut out);
    }
    for (href, text) in &body.links {
        out.push_str(&format!("{text}: {href}\n"));
    }
    out.push('\n');
    out.push_str(&body.signature);
    out.push('\n');
    out
}

fn escape(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
}

/// The HTML rendering: a centred table, inline styles, a logo, buttons for the links, `rows` extra product or
/// news rows with images from `image_host`, and a footer.
pub fn html(body: &Body, title: &str, image_host: &str, rows: usize, rng: &mut Rng) -> String {
    const CELL: &str = "padding: 12px 24px; font-family: Helvetica, Arial, sans-serif; font-size: 15px; line-height: 22px; color: #222222;";
    let mut out = String::with_capacity(4096 + rows * 600);
    out.push_str("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\"><title>");
    escape(title, &mut out);
    out.push_str("</title></head>\n<body style=\"margin: 0; padding: 0; background: #f3f3f3;\">\n<table width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" role=\"presentation\"><tr><td align=\"center\">\n<table width=\"600\" cellpadding=\"0\" cellspacing=\"0\" role=\"presentation\" style=\"background: #ffffff;\">\n");
    out.push_str(&format!("<tr><td style=\"{CELL}\"><img src=\"https://{image_host}/img/logo-{}.png\" width=\"120\" alt=\"\"></td></tr>\n", rng.token(b"abcdef0123456789", 8)));
    out.push_str(&format!("<tr><td style=\"{CELL}\"><p>"));
    escape(&body.greeting, &mut out);
    out.push_str("</p></td></tr>\n");
    for para in &body.paragraphs {
        out.push_str(&format!(
            "<tr><td style=\"{CELL}\"><p style=\"margin: 0 0 12px 0;\">"
        ));
        escape(para, &mut out);
        out.push_str("</p></td></tr>\n");
    }
    for (href, text) in &body.links {
        out.push_str(&format!(
            "<tr><td style=\"{CELL}\" align=\"center\"><a href=\""
        ));
        escape(href, &mut out);
        out.push_str("\" style=\"display: inline-block; background: #0a66c2; color: #ffffff; padding: 10px 22px; border-radius: 6px; text-decoration: none; font-weight: bold;\" target=\"_blank\">");
        escape(text, &mut out);
        out.push_str("</a></td></tr>\n");
    }
    for _ in 0..rows {
        let id = rng.token(b"ABCDEFGHJKLMNPQRSTUVWXYZ0123456789", 10);
        out.push_str(&format!(
            "<tr><td style=\"{CELL}\"><table role=\"presentation\" cellpadding=\"0\" cellspacing=\"0\"><tr><td width=\"120\"><img src=\"https://{image_host}/images/I/{id}.jpg\" width=\"110\" height=\"110\" alt=\"\" style=\"display: block; border: 0;\"></td><td style=\"padding-left: 16px; vertical-align: top;\"><p style=\"margin: 0; font-weight: bold;\">Item {id}</p><p style=\"margin: 4px 0; color: #b12704;\">{}.{:02}</p></td></tr></table></td></tr>\n",
            rng.range(5, 300),
            rng.below(100)
        ));
    }
    out.push_str(&format!(
        "<tr><td style=\"{CELL} font-size: 11px; color: #777777;\"><p>"
    ));
    escape(&body.signature, &mut out);
    out.push_str("</p><p>You are receiving this message because of your account or subscription settings. Please do not reply to this automated message.</p></td></tr>\n</table>\n</td></tr></table>\n</body></html>\n");
    out
}
