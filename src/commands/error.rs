//! What a command says back: [`Success`], what it made and what it has to
//! say, or [`Error`], why it failed (with its exit code).

use std::fmt;

use crate::diag::Diagnostics;
use crate::scaffold;
use crate::write::OutputError;

/// Why a command failed.
#[derive(Debug)]
pub enum Error {
    /// Problems in the content or the templates, each located.
    Problems(Diagnostics),
    /// The output could not be written.
    Output(OutputError),
    /// A command that cannot do what was asked (`init` into a folder that
    /// holds files, `new` with an id that is taken).
    Usage(scaffold::Refusal),
}

impl Error {
    /// The process exit code: 1 for problems in the content or templates;
    /// for the output, what [`OutputError::exit_code`] says (2 for a usage
    /// error, 1 for a failed write).
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Problems(_) => 1,
            Error::Output(error) => error.exit_code(),
            Error::Usage(_) => 2,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Problems(problems) => write!(f, "{problems}"),
            Error::Output(error) => write!(f, "error: {error}"),
            Error::Usage(refusal) => write!(f, "{refusal}"),
        }
    }
}

impl std::error::Error for Error {}

impl From<Diagnostics> for Error {
    fn from(problems: Diagnostics) -> Error {
        Error::Problems(problems)
    }
}

/// What a command that worked has to say.
#[derive(Debug, Default)]
pub struct Success {
    /// What it made for standard output (a completion script, the manual),
    /// printed as it is, even with `--quiet`.
    pub output: String,
    /// What it did, for a person: left out with `--quiet`.
    pub summary: String,
    /// Things worth fixing that did not stop it, printed before the summary.
    pub warnings: Diagnostics,
    /// Things worth knowing that are no problem, printed on standard
    /// error unless `--quiet`.
    pub notes: Vec<String>,
}

impl Success {
    /// What the command prints: on standard output (the output, then the
    /// summary unless `quiet`) and on standard error (the warnings, then
    /// the notes unless `quiet`).
    pub fn printed(&self, quiet: bool) -> (String, String) {
        let mut stderr = String::new();
        if !self.warnings.is_empty() {
            stderr.push_str(&format!("{}\n", self.warnings));
        }
        if !quiet {
            for note in &self.notes {
                stderr.push_str(&format!("note: {note}\n"));
            }
        }
        let mut stdout = self.output.clone();
        if !quiet && !self.summary.is_empty() {
            stdout.push_str(&format!("{}\n", self.summary));
        }
        (stdout, stderr)
    }
}
