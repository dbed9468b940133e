//! The command line: clap definitions and the headless subcommands. Thin: parse, call, print.
