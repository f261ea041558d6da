//! Writing to standard output and standard error without panicking: `print!` panics when the
//! output cannot be written (a full disk, `> /dev/full`); here that is an error like any other.

use crate::Failure;
use std::io::{self, Write};

/// Writes `text` to standard output and flushes it; a failure is a clean error (exit 1).
pub(crate) fn stdout(text: &str) -> Result<(), Failure> {
    let mut out = io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .map_err(|e| Failure::from(format!("standard output: {e}")))
}

/// Writes `text` to standard error; nothing more can be done if that fails.
pub(crate) fn stderr(text: &str) {
    let mut err = io::stderr().lock();
    let _ = err.write_all(text.as_bytes());
    let _ = err.flush();
}
