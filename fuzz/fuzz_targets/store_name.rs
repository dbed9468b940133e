//! Maildir file names: parse, print back, flag edits.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mailvet::store::name::{Name, cur_name_for_new, with_flag};

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    let name = Name::parse(s);
    assert_eq!(name.to_string(), s, "a parsed name prints back unchanged");
    let _ = name.delivered();
    for flag in ['S', 'F', 'T', 'a', '1'] {
        if let Some(edited) = with_flag(s, flag, true) {
            assert!(Name::parse(&edited).has_flag(flag));
            let cleared = with_flag(&edited, flag, false).unwrap_or_default();
            assert!(!Name::parse(&cleared).has_flag(flag));
        }
    }
    let _ = cur_name_for_new(s);
});
