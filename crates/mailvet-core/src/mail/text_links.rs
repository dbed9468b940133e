//! Bare URLs in a plain-text body, found with linkify (scheme required, so prose such as `file.exe` or
//! `Amazon.com` is not taken for a link).

use linkify::{LinkFinder, LinkKind};

use super::message::{Link, LinkOrigin};

/// Appends every URL of `text` as a [`Link`] whose visible text is the URL itself.
pub fn find(text: &str, out: &mut Vec<Link>) {
    let mut finder = LinkFinder::new();
    finder.kinds(&[LinkKind::Url]);
    out.extend(finder.links(text).map(|l| Link {
        href: l.as_str().to_owned(),
        text: l.as_str().to_owned(),
        origin: LinkOrigin::Text,
    }));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_urls_not_prose() {
        let mut out = Vec::new();
        find(
            "Visit https://evil.example/login?x=1. Or see Amazon.com, file.exe, a@b.example.",
            &mut out,
        );
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].href, "https://evil.example/login?x=1");
        assert_eq!(out[0].origin, LinkOrigin::Text);
    }
}
