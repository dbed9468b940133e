//! PURE: Maildir file names (`unique:2,FRS`): parse, format, flag edits. No file system access.
