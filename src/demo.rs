//! The built-in demo mailbox: messages written by the team, embedded in the binary.
