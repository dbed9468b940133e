//! Tag names the HTML scanner cares about, classified once per tag (case-insensitively, no allocation).

/// What a tag means to the scanner.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tag {
    A,
    Area,
    Img,
    Base,
    Form,
    Input,
    Select,
    Textarea,
    /// `td`, `th`: a word boundary.
    Cell,
    /// `script`, `style`, `title`: content skipped up to the end tag.
    RawText,
    /// Ends a paragraph (a blank line in the text).
    Paragraph,
    /// Ends a line.
    Line,
    Br,
    Other,
}

impl Tag {
    /// Classifies a tag name.
    pub fn of(name: &str) -> Tag {
        let mut buf = [0u8; 10];
        let Some(lower) = buf.get_mut(..name.len()) else {
            return Tag::Other;
        };
        lower.copy_from_slice(name.as_bytes());
        lower.make_ascii_lowercase();
        match &*lower {
            b"a" => Tag::A,
            b"area" => Tag::Area,
            b"img" => Tag::Img,
            b"base" => Tag::Base,
            b"form" => Tag::Form,
            b"input" => Tag::Input,
            b"select" => Tag::Select,
            b"textarea" => Tag::Textarea,
            b"td" | b"th" => Tag::Cell,
            b"script" | b"style" | b"title" => Tag::RawText,
            b"p" | b"h1" | b"h2" | b"h3" | b"h4" | b"h5" | b"h6" | b"table" | b"ul" | b"ol"
            | b"blockquote" | b"pre" => Tag::Paragraph,
            b"div" | b"tr" | b"li" | b"dd" | b"dt" | b"hr" | b"section" | b"article"
            | b"header" | b"footer" | b"center" | b"address" | b"tbody" | b"dl" => Tag::Line,
            b"br" => Tag::Br,
            _ => Tag::Other,
        }
    }

    /// Whether the scanner reads this tag's attributes.
    pub fn wants_attributes(self) -> bool {
        matches!(
            self,
            Tag::A
                | Tag::Area
                | Tag::Img
                | Tag::Base
                | Tag::Form
                | Tag::Input
                | Tag::Select
                | Tag::Textarea
        )
    }
}

#[cfg(test)]
mod tests {
    use super::Tag;

    #[test]
    fn classifies_case_insensitively() {
        assert_eq!(Tag::of("A"), Tag::A);
        assert_eq!(Tag::of("SCRIPT"), Tag::RawText);
        assert_eq!(Tag::of("Td"), Tag::Cell);
        assert_eq!(Tag::of("blockquote"), Tag::Paragraph);
        assert_eq!(Tag::of("averyveryverylongname"), Tag::Other);
        assert_eq!(Tag::of(""), Tag::Other);
        assert_eq!(Tag::of("é"), Tag::Other);
    }
}
