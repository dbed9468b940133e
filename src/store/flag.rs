//! PURE: the Maildir flags mailvet sets (by name or letter) and the file name a flag edit gives.
//! No file system access; the renames themselves are in `ops`.

use std::fmt;
use std::str::FromStr;

use super::name;

/// A Maildir flag mailvet knows (the spec's six letters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Flag {
    /// `D`: a draft.
    Draft,
    /// `F`: flagged for urgent or special attention.
    Flagged,
    /// `P`: passed (forwarded, resent or bounced).
    Passed,
    /// `R`: replied to.
    Replied,
    /// `S`: seen.
    Seen,
    /// `T`: trashed (to be purged later).
    Trashed,
}

impl Flag {
    /// Every flag, in letter order.
    pub const ALL: [Flag; 6] = [
        Flag::Draft,
        Flag::Flagged,
        Flag::Passed,
        Flag::Replied,
        Flag::Seen,
        Flag::Trashed,
    ];

    /// The letter in file names.
    pub fn letter(self) -> char {
        match self {
            Flag::Draft => 'D',
            Flag::Flagged => 'F',
            Flag::Passed => 'P',
            Flag::Replied => 'R',
            Flag::Seen => 'S',
            Flag::Trashed => 'T',
        }
    }

    /// The lowercase name (`seen`).
    pub fn name(self) -> &'static str {
        match self {
            Flag::Draft => "draft",
            Flag::Flagged => "flagged",
            Flag::Passed => "passed",
            Flag::Replied => "replied",
            Flag::Seen => "seen",
            Flag::Trashed => "trashed",
        }
    }
}

impl fmt::Display for Flag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Flag {
    type Err = String;

    /// A name (`seen`, any case) or a letter (`S`).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Flag::ALL
            .into_iter()
            .find(|f| f.name().eq_ignore_ascii_case(s) || s.len() == 1 && s.starts_with(f.letter()))
            .ok_or_else(|| {
                format!("unknown flag '{s}': use seen, flagged, replied, trashed, draft, passed or D F P R S T")
            })
    }
}

/// Parses one `--set`/`--clear` item: a flag name (`seen`) or a run of letters (`FS`).
///
/// ```
/// use mailvet::store::flag::{Flag, parse_flags};
/// assert_eq!(parse_flags("FS"), Ok(vec![Flag::Flagged, Flag::Seen]));
/// assert_eq!(parse_flags("replied"), Ok(vec![Flag::Replied]));
/// ```
pub fn parse_flags(s: &str) -> Result<Vec<Flag>, String> {
    if let Ok(flag) = s.parse::<Flag>() {
        return Ok(vec![flag]);
    }
    if s.is_empty() || !s.chars().all(|c| c.is_ascii_uppercase()) {
        return Err(s.parse::<Flag>().err().unwrap_or_default());
    }
    s.chars().map(|c| c.to_string().parse()).collect()
}

/// Flags to set and to clear on a message; setting wins when a flag is in both.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FlagEdit {
    /// Flags to set.
    pub set: Vec<Flag>,
    /// Flags to clear.
    pub clear: Vec<Flag>,
}

impl FlagEdit {
    /// Sets one flag.
    pub fn set(flag: Flag) -> Self {
        FlagEdit {
            set: vec![flag],
            clear: Vec::new(),
        }
    }

    /// Clears one flag.
    pub fn clear(flag: Flag) -> Self {
        FlagEdit {
            set: Vec::new(),
            clear: vec![flag],
        }
    }

    /// The file name after the edit, which always lives in `cur/`: a name from `new/` gains `:2,` on any edit
    /// (the spec's new → cur). `None` when the name's info part is not `2,` (never guessed).
    ///
    /// ```
    /// use mailvet::store::flag::{Flag, FlagEdit};
    /// assert_eq!(FlagEdit::set(Flag::Seen).apply("1.a:2,F").as_deref(), Some("1.a:2,FS"));
    /// assert_eq!(FlagEdit::set(Flag::Flagged).apply("1.a").as_deref(), Some("1.a:2,F"));
    /// ```
    pub fn apply(&self, file_name: &str) -> Option<String> {
        let mut name = name::cur_name_for_new(file_name);
        for (flags, on) in [(&self.clear, false), (&self.set, true)] {
            for flag in flags {
                name = name::with_flag(&name, flag.letter(), on)?;
            }
        }
        // An info part other than `2,` is never edited, not even by an empty edit.
        match name::Name::parse(&name).info {
            name::Info::Flags { .. } => Some(name),
            name::Info::None | name::Info::Other(_) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_letters_parse() {
        for flag in Flag::ALL {
            assert_eq!(flag.name().parse(), Ok(flag));
            assert_eq!(flag.name().to_uppercase().parse(), Ok(flag));
            assert_eq!(flag.letter().to_string().parse(), Ok(flag));
        }
        assert!("s".parse::<Flag>().is_err(), "letters are uppercase");
        assert!("X".parse::<Flag>().is_err());
        assert_eq!(
            parse_flags("DFPRST").map(|v| v.len()),
            Ok(6),
            "a run of letters"
        );
        assert!(parse_flags("FX").is_err());
        assert!(parse_flags("").is_err());
        assert!(
            parse_flags("seen,flagged").is_err(),
            "the CLI splits on ','"
        );
    }

    #[test]
    fn edit_sets_and_clears_in_ascii_order() {
        let edit = FlagEdit {
            set: vec![Flag::Trashed, Flag::Flagged],
            clear: vec![Flag::Seen],
        };
        assert_eq!(edit.apply("1.a:2,RS").as_deref(), Some("1.a:2,FRT"));
    }

    #[test]
    fn setting_wins_over_clearing() {
        let edit = FlagEdit {
            set: vec![Flag::Seen],
            clear: vec![Flag::Seen],
        };
        assert_eq!(edit.apply("1.a:2,").as_deref(), Some("1.a:2,S"));
    }

    #[test]
    fn new_message_gains_info_even_on_an_empty_edit() {
        assert_eq!(FlagEdit::default().apply("1.a").as_deref(), Some("1.a:2,"));
        assert_eq!(
            FlagEdit::clear(Flag::Seen).apply("1.a").as_deref(),
            Some("1.a:2,")
        );
    }

    #[test]
    fn unknown_letters_and_extensions_survive() {
        assert_eq!(
            FlagEdit::set(Flag::Seen)
                .apply("1.a,S=9:2,Fa,XKEY")
                .as_deref(),
            Some("1.a,S=9:2,FSa,XKEY")
        );
    }

    #[test]
    fn other_info_is_refused() {
        assert_eq!(FlagEdit::set(Flag::Seen).apply("1.a:1,x"), None);
        assert_eq!(FlagEdit::default().apply("1.a:1,x"), None);
    }
}
