//! The one error type of campro: every failure names the field (or key) and the offending value.

use crate::program::MAX_TIME_S;
use std::fmt;

/// Everything that can go wrong in campro. Messages are formatted only when an error happens.
#[derive(Debug, Clone, PartialEq)]
pub enum Error {
    /// A parameter, segment or argument has an impossible value.
    InvalidParameter {
        /// The field, e.g. `rise_duration` or `segments[2].end_lift`.
        field: String,
        /// The offending value as text.
        value: String,
        /// Why it is impossible.
        reason: String,
    },
    /// An input angle or time is NaN or infinite, or a time is beyond
    /// [`crate::MAX_TIME_S`] (batch calls write NaN there and report the first).
    NonFiniteInput {
        /// The argument, e.g. `theta_deg` or `time_s`.
        field: &'static str,
        /// Index of the first rejected element.
        index: usize,
        /// Its value.
        value: f64,
        /// How many elements were rejected.
        count: usize,
    },
    /// A parameter file is malformed: bad syntax, unknown key, wrong type or missing key.
    Parse {
        /// The file (or source) name.
        source_name: String,
        /// 1-based line, when the format gives one.
        line: Option<usize>,
        /// The key concerned, if any.
        key: String,
        /// What is wrong.
        message: String,
    },
    /// A file could not be read or written.
    Io {
        /// The path.
        path: String,
        /// The operating system's message.
        message: String,
    },
}

impl Error {
    /// Builds [`Error::InvalidParameter`].
    pub fn invalid(field: impl Into<String>, value: impl fmt::Display, reason: impl Into<String>) -> Self {
        Error::InvalidParameter { field: field.into(), value: value.to_string(), reason: reason.into() }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::InvalidParameter { field, value, reason } => write!(f, "{field} = {value}: {reason}"),
            // Only times have a finite value that is rejected: beyond the exact time range.
            Error::NonFiniteInput { field, index, value, count } if value.is_finite() => write!(
                f,
                "{field}[{index}] = {}: beyond the time limit |time_s| <= {} s (MAX_TIME_S) \
                 ({count} rejected value(s); NaN written there)",
                Num(*value),
                Num(MAX_TIME_S)
            ),
            Error::NonFiniteInput { field, index, value, count } => write!(
                f,
                "{field}[{index}] = {value}: input must be finite ({count} non-finite value(s); NaN written there)"
            ),
            Error::Parse { source_name, line, key, message } => {
                write!(f, "{source_name}")?;
                if let Some(line) = line {
                    write!(f, ":{line}")?;
                }
                if key.is_empty() {
                    write!(f, ": {message}")
                } else {
                    write!(f, ": key `{key}`: {message}")
                }
            }
            Error::Io { path, message } => write!(f, "{path}: {message}"),
        }
    }
}

impl std::error::Error for Error {}

/// A number for a message: plain decimal for everyday magnitudes, scientific beyond them, so
/// that 1e150 or 5e-324 do not print as hundreds of digits. Round-trips like `{}`.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Num(pub f64);

impl fmt::Display for Num {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let x = self.0;
        if x == 0.0 || !x.is_finite() || (1e-5..1e16).contains(&x.abs()) {
            write!(f, "{x}")
        } else {
            write!(f, "{x:e}")
        }
    }
}

/// Result alias used across the crate.
pub type Result<T> = std::result::Result<T, Error>;
