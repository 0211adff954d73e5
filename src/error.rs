//! The one error type of the library: every failure is a value with a readable message,
//! never a panic.

use std::fmt;

/// What can go wrong.
#[derive(Debug)]
pub enum Error {
    /// Input the caller passed in is not acceptable (bad option, bad UTF-8, malformed line).
    Input(String),
    /// A data file (lexicon, model) is damaged or of another version.
    Data(String),
    /// Reading or writing a file failed.
    Io(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Input(m) | Error::Data(m) | Error::Io(m) => f.write_str(m),
        }
    }
}

impl std::error::Error for Error {}
