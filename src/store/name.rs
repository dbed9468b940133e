//! PURE: Maildir file names (`unique:2,FRS`): parse, format, flag edits. No file system access.
//!
//! A name is a unique part, optionally followed by `:` and an info part. The info part `2,FLAGS` carries the
//! flags in ASCII order (`D`raft, `F`lagged, `P`assed, `R`eplied, `S`een, `T`rashed, and lowercase keyword
//! letters some servers use); anything after a further `,` is an extension of another client and is kept as it
//! is. Info parts in any other form (`1,...`) are kept but never edited.

use std::fmt;

/// The info part of a Maildir file name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Info<'a> {
    /// No `:` at all (a message still in `new/`).
    None,
    /// `2,FLAGS` with optional `,extensions` (kept verbatim, with their leading comma).
    Flags {
        /// The flag letters, as written.
        flags: &'a str,
        /// `""` or `",..."`.
        extensions: &'a str,
    },
    /// Any other info (experimental `1,` semantics, or garbage): kept, never edited.
    Other(&'a str),
}

/// A parsed Maildir file name; `to_string()` gives back exactly the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Name<'a> {
    /// Everything before the first `:`; identifies the message across renames.
    pub unique: &'a str,
    /// What follows the `:`.
    pub info: Info<'a>,
}

impl<'a> Name<'a> {
    /// Parses a file name (never fails: every string is some name).
    ///
    /// ```
    /// use mailvet::store::name::Name;
    /// let n = Name::parse("1423819205.M1P2.host:2,FS");
    /// assert_eq!((n.unique, n.flags()), ("1423819205.M1P2.host", "FS"));
    /// ```
    pub fn parse(name: &'a str) -> Self {
        let Some((unique, info)) = name.split_once(':') else {
            return Name {
                unique: name,
                info: Info::None,
            };
        };
        let info = match info.strip_prefix("2,") {
            Some(rest) => {
                let (flags, extensions) = rest.find(',').map_or((rest, ""), |i| rest.split_at(i));
                Info::Flags { flags, extensions }
            }
            None => Info::Other(info),
        };
        Name { unique, info }
    }

    /// The flag letters (empty when there are none or the info part is not `2,`).
    pub fn flags(&self) -> &'a str {
        match self.info {
            Info::Flags { flags, .. } => flags,
            Info::None | Info::Other(_) => "",
        }
    }

    /// Whether `flag` is set.
    pub fn has_flag(&self, flag: char) -> bool {
        self.flags().contains(flag)
    }

    /// Delivery time in Unix seconds, from the leading digits of the unique part (`1423819205.M1P2.host`).
    pub fn delivered(&self) -> Option<u64> {
        let end = self
            .unique
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(self.unique.len());
        // More than 20 digits cannot be a u64; parse() would reject it anyway, this just bounds the work.
        if end == 0 || end > 20 {
            return None;
        }
        self.unique[..end].parse().ok()
    }
}

impl fmt::Display for Name<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.unique)?;
        match self.info {
            Info::None => Ok(()),
            Info::Flags { flags, extensions } => write!(f, ":2,{flags}{extensions}"),
            Info::Other(info) => write!(f, ":{info}"),
        }
    }
}

/// The name with `flag` set (`on`) or cleared, letters kept in ASCII order and unique, unknown letters and
/// extensions kept. `None` when `flag` is not an ASCII letter or the info part is not `2,` (never guess).
///
/// ```
/// use mailvet::store::name::with_flag;
/// assert_eq!(with_flag("123.x:2,S", 'F', true).as_deref(), Some("123.x:2,FS"));
/// ```
pub fn with_flag(name: &str, flag: char, on: bool) -> Option<String> {
    if !flag.is_ascii_alphabetic() {
        return None;
    }
    let parsed = Name::parse(name);
    let (flags, extensions) = match parsed.info {
        Info::None => ("", ""),
        Info::Flags { flags, extensions } => (flags, extensions),
        Info::Other(_) => return None,
    };
    let mut letters: Vec<char> = flags.chars().filter(|&c| c != flag).collect();
    if on {
        letters.push(flag);
    }
    letters.sort_unstable();
    letters.dedup();
    let flags: String = letters.into_iter().collect();
    Some(
        Name {
            unique: parsed.unique,
            info: Info::Flags {
                flags: &flags,
                extensions,
            },
        }
        .to_string(),
    )
}

/// The name a message from `new/` takes in `cur/`: `:2,` is added when there is no info part yet.
pub fn cur_name_for_new(name: &str) -> String {
    match Name::parse(name).info {
        Info::None => format!("{name}:2,"),
        Info::Flags { .. } | Info::Other(_) => name.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_unique_and_flags() {
        let n = Name::parse("1423819205.29514_1.host:2,FRS");
        assert_eq!(n.unique, "1423819205.29514_1.host");
        assert_eq!(n.flags(), "FRS");
        assert!(n.has_flag('R'));
        assert!(!n.has_flag('T'));
    }

    #[test]
    fn name_without_info_has_no_flags() {
        let n = Name::parse("1423819205.M1P2.host");
        assert_eq!(n.info, Info::None);
        assert_eq!(n.flags(), "");
    }

    #[test]
    fn empty_flags() {
        assert_eq!(
            Name::parse("1.a:2,").info,
            Info::Flags {
                flags: "",
                extensions: ""
            }
        );
    }

    #[test]
    fn dovecot_size_fields_stay_in_the_unique_part() {
        let n = Name::parse("1423819205.M1P2.host,S=4242,W=4300:2,S");
        assert_eq!(n.unique, "1423819205.M1P2.host,S=4242,W=4300");
        assert_eq!(n.flags(), "S");
    }

    #[test]
    fn extensions_after_flags_are_separated() {
        let n = Name::parse("1.a:2,FS,XKEY=1,other");
        assert_eq!(
            n.info,
            Info::Flags {
                flags: "FS",
                extensions: ",XKEY=1,other"
            }
        );
    }

    #[test]
    fn other_info_is_opaque() {
        let n = Name::parse("1.a:1,something");
        assert_eq!(n.info, Info::Other("1,something"));
        assert_eq!(n.flags(), "");
    }

    #[test]
    fn format_round_trips() {
        for name in [
            "1.a",
            "1.a:2,",
            "1.a:2,FRS",
            "1.a:2,S,ext",
            "1.a:1,x",
            "1.a:",
            "1.a:2,S:odd",
            "",
            ":2,S",
            "ünïcode.host:2,S",
        ] {
            assert_eq!(Name::parse(name).to_string(), name);
        }
    }

    #[test]
    fn delivery_time_from_leading_digits() {
        assert_eq!(
            Name::parse("1423819205.M1P2.host:2,S").delivered(),
            Some(1423819205)
        );
        assert_eq!(Name::parse("1423819205").delivered(), Some(1423819205));
        assert_eq!(Name::parse("msg.eml").delivered(), None);
        assert_eq!(Name::parse("").delivered(), None);
        assert_eq!(Name::parse("99999999999999999999999.x").delivered(), None);
        assert_eq!(Name::parse("18446744073709551616.x").delivered(), None);
    }

    #[test]
    fn with_flag_adds_in_ascii_order() {
        assert_eq!(with_flag("1.a:2,S", 'F', true).as_deref(), Some("1.a:2,FS"));
        assert_eq!(
            with_flag("1.a:2,FS", 'R', true).as_deref(),
            Some("1.a:2,FRS")
        );
        assert_eq!(
            with_flag("1.a:2,FS", 'T', true).as_deref(),
            Some("1.a:2,FST")
        );
        assert_eq!(with_flag("1.a:2,", 'D', true).as_deref(), Some("1.a:2,D"));
    }

    #[test]
    fn with_flag_on_name_without_info_adds_info() {
        assert_eq!(with_flag("1.a", 'S', true).as_deref(), Some("1.a:2,S"));
        assert_eq!(with_flag("1.a", 'S', false).as_deref(), Some("1.a:2,"));
    }

    #[test]
    fn with_flag_removes() {
        assert_eq!(
            with_flag("1.a:2,FRS", 'R', false).as_deref(),
            Some("1.a:2,FS")
        );
        assert_eq!(with_flag("1.a:2,S", 'S', false).as_deref(), Some("1.a:2,"));
        assert_eq!(
            with_flag("1.a:2,FS", 'T', false).as_deref(),
            Some("1.a:2,FS")
        );
    }

    #[test]
    fn with_flag_is_idempotent_and_deduplicates() {
        assert_eq!(with_flag("1.a:2,S", 'S', true).as_deref(), Some("1.a:2,S"));
        assert_eq!(
            with_flag("1.a:2,SSF", 'P', true).as_deref(),
            Some("1.a:2,FPS")
        );
    }

    #[test]
    fn with_flag_keeps_unknown_letters_and_extensions() {
        assert_eq!(
            with_flag("1.a:2,Sab", 'F', true).as_deref(),
            Some("1.a:2,FSab")
        );
        assert_eq!(
            with_flag("1.a:2,S,XKEY=1", 'F', true).as_deref(),
            Some("1.a:2,FS,XKEY=1")
        );
        assert_eq!(
            with_flag("1.a,S=12:2,S", 'S', false).as_deref(),
            Some("1.a,S=12:2,")
        );
    }

    #[test]
    fn with_flag_refuses_what_it_cannot_edit_safely() {
        assert_eq!(with_flag("1.a:1,x", 'S', true), None);
        assert_eq!(with_flag("1.a:2,S", ',', true), None);
        assert_eq!(with_flag("1.a:2,S", ':', true), None);
        assert_eq!(with_flag("1.a:2,S", 'é', true), None);
    }

    #[test]
    fn new_to_cur() {
        assert_eq!(
            cur_name_for_new("1423819205.29514_1"),
            "1423819205.29514_1:2,"
        );
        assert_eq!(cur_name_for_new("1.a:2,S"), "1.a:2,S");
        assert_eq!(cur_name_for_new("1.a:1,x"), "1.a:1,x");
    }

    proptest::proptest! {
        #[test]
        fn any_string_round_trips(name in "\\PC{0,40}") {
            proptest::prop_assert_eq!(Name::parse(&name).to_string(), name);
        }

        #[test]
        fn flag_edits_keep_order_and_unique_part(
            unique in "[0-9a-zA-Z.,=_]{0,20}",
            flags in "[A-Za-z]{0,8}",
            ext in "(,[A-Z=0-9]{0,5}){0,2}",
            flag in "[A-Za-z]",
            on: bool,
        ) {
            let flag = flag.chars().next().unwrap_or('S');
            let name = format!("{unique}:2,{flags}{ext}");
            let edited = with_flag(&name, flag, on).unwrap_or_default();
            let parsed = Name::parse(&edited);
            proptest::prop_assert_eq!(parsed.unique, unique.as_str());
            proptest::prop_assert_eq!(parsed.has_flag(flag), on);
            let letters: Vec<char> = parsed.flags().chars().collect();
            proptest::prop_assert!(letters.windows(2).all(|w| w[0] < w[1]));
            proptest::prop_assert!(flags.chars().filter(|&c| c != flag).all(|c| parsed.has_flag(c)));
            proptest::prop_assert!(edited.ends_with(&ext));
        }
    }
}
