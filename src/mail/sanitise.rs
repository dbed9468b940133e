//! The terminal sanitiser: every string from mail goes through here before it reaches a terminal or a
//! text export.

/// Returns `s` safe to print: SKELETON, replaced by the mail module owner.
pub fn sanitise(s: &str) -> String {
    s.chars().filter(|c| !c.is_control()).collect()
}
