//! A writer that collapses whitespace as HTML does: runs of spaces become one space, line breaks come only
//! from the tags that make them, never more than one blank line in a row. Used for the text rendition of
//! HTML bodies and for the visible text of links.

/// Collapsing text writer with an optional size cap (in bytes).
#[derive(Debug, Default)]
pub struct TextSink {
    out: String,
    pending_space: bool,
    cap: usize,
}

impl TextSink {
    /// A sink that stops accepting text after `cap` bytes (`usize::MAX` for none).
    pub fn with_cap(cap: usize) -> Self {
        Self {
            out: String::new(),
            pending_space: false,
            cap,
        }
    }

    /// Appends `s`, collapsing whitespace (including no-break spaces) into single spaces. Words are copied
    /// whole, not char by char.
    pub fn push(&mut self, s: &str) {
        let mut rest = s;
        while self.out.len() < self.cap {
            let word = rest.trim_start();
            self.pending_space |= word.len() != rest.len();
            if word.is_empty() {
                return;
            }
            let end = word.find(char::is_whitespace).unwrap_or(word.len());
            if self.pending_space && !self.out.is_empty() && !self.out.ends_with('\n') {
                self.out.push(' ');
            }
            self.pending_space = false;
            self.out.push_str(&word[..end]);
            rest = &word[end..];
        }
    }

    /// Marks a word boundary (table cells, images): a space if more text follows.
    pub fn space(&mut self) {
        self.pending_space = true;
    }

    /// Ends the line, leaving at most `max` consecutive line breaks (1: new line, 2: blank line).
    pub fn line_break(&mut self, max: usize) {
        self.pending_space = false;
        if self.out.is_empty() || self.out.len() >= self.cap {
            return;
        }
        let trailing = self.out.bytes().rev().take_while(|&b| b == b'\n').count();
        for _ in trailing..max {
            self.out.push('\n');
        }
    }

    /// A hard line break (`<br>`): one more `\n`, at most one blank line in a row.
    pub fn newline(&mut self) {
        let trailing = self.out.bytes().rev().take_while(|&b| b == b'\n').count();
        self.line_break((trailing + 1).min(2));
    }

    /// The text, without trailing line breaks.
    pub fn finish(mut self) -> String {
        let end = self.out.trim_end().len();
        self.out.truncate(end);
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::TextSink;

    #[test]
    fn collapses_and_breaks() {
        let mut s = TextSink::with_cap(usize::MAX);
        s.push("  Hello \n\t world\u{a0}!");
        s.line_break(2);
        s.line_break(2);
        s.line_break(1);
        s.push("  next");
        s.line_break(1);
        assert_eq!(s.finish(), "Hello world !\n\nnext");
    }

    #[test]
    fn cap_bounds_the_output() {
        let mut s = TextSink::with_cap(4);
        s.push("abcdef");
        s.push("ghi");
        assert_eq!(s.finish(), "abcdef");
    }
}
