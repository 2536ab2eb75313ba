//! Errors a caller can match on.
//!
//! Teaches: a library never panics on bad input; it returns a value that says
//! what went wrong and what to do next, so a notebook cell prints a sentence
//! instead of a backtrace.

use thiserror::Error;

/// Everything in `tiny_lm` that can fail returns this.
#[derive(Debug, Error)]
pub enum Error {
    /// A configuration value is out of range (zero sizes, heads not dividing the width, ...).
    #[error("invalid configuration: {0}")]
    InvalidConfig(String),

    /// The text or token sequence given is too short for what was asked.
    #[error("not enough data: {0}")]
    NotEnoughData(String),

    /// A token id is not in the vocabulary of the model or tokenizer.
    #[error("token id {id} is outside the vocabulary (size {vocab_size}); was the text encoded with a different tokenizer?")]
    UnknownToken {
        /// The offending id.
        id: u32,
        /// The vocabulary size it was checked against.
        vocab_size: usize,
    },

    /// A file does not start with the expected magic bytes.
    #[error("not a {expected} file (wrong magic bytes); check the path")]
    BadMagic {
        /// What kind of file was expected.
        expected: &'static str,
    },

    /// A file was written by a newer or older, incompatible format version.
    #[error("unsupported {kind} format version {found} (this build reads version {supported}); rebuild the file with this version of tiny_lm")]
    UnsupportedVersion {
        /// What kind of file.
        kind: &'static str,
        /// Version found in the file.
        found: u32,
        /// Version this build understands.
        supported: u32,
    },

    /// The file ended early.
    #[error("file is truncated: needed {needed} more bytes while reading {what}; the file was cut short, write it again")]
    Truncated {
        /// Which part was being read.
        what: &'static str,
        /// How many bytes were missing.
        needed: usize,
    },

    /// The stored checksum does not match the contents.
    #[error("checksum mismatch (stored {stored:08x}, computed {computed:08x}): the file is corrupt, write it again")]
    ChecksumMismatch {
        /// The checksum written in the file.
        stored: u32,
        /// The checksum of the bytes actually read.
        computed: u32,
    },

    /// The file parsed but its contents are inconsistent.
    #[error("corrupt file: {0}")]
    Corrupt(String),

    /// Reading or writing a file failed.
    #[error("I/O error on {path}: {source}")]
    Io {
        /// The path involved.
        path: String,
        /// The underlying error.
        source: std::io::Error,
    },
}

/// `Result` with this crate's [`Error`](enum@Error).
pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    pub(crate) fn io(path: &std::path::Path, source: std::io::Error) -> Self {
        Error::Io {
            path: path.display().to_string(),
            source,
        }
    }
}
