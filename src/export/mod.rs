//! Printers over `io::Write`, one per format, shared by the CLI and the TUI. They never open files.
