//! Why the output folder was not written: the one error type of writing.

use std::path::PathBuf;

use crate::diag::Diagnostics;

/// Why the output folder was not written.
#[derive(Debug)]
pub enum OutputError {
    /// The folder has files handout did not make.
    NotOurs(PathBuf),
    /// A symbolic link inside the output folder stands where handout needs
    /// a folder; handout never writes through links.
    Link(PathBuf),
    /// The output path names something that is not a folder.
    NotAFolder(PathBuf),
    /// The output folder lies inside (or holds) the folder named second.
    Overlaps(PathBuf, PathBuf),
    /// Another build is writing into the folder.
    Busy(PathBuf),
    /// The lock file is a symbolic link, which handout never opens.
    LinkedLock(PathBuf),
    /// Writing failed.
    Io(anyhow::Error),
    /// Warnings found before writing, with `--deny-warnings`: nothing was
    /// written.
    Denied(Diagnostics),
}

impl OutputError {
    /// The process exit code: 2 for a usage error (a folder that is not
    /// ours or not a folder, a link in the way, an overlap with the
    /// sources, another build running), 1 for a failed write.
    pub fn exit_code(&self) -> u8 {
        match self {
            OutputError::Io(_) | OutputError::Denied(_) => 1,
            _ => 2,
        }
    }
}

impl std::fmt::Display for OutputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            OutputError::NotOurs(dir) => write!(
                f,
                "{} is in the output folder but was not made by handout, so nothing was written\n\
                 hint: choose another folder with --out, or move the files handout did not make out of it",
                dir.display()
            ),
            OutputError::Link(link) => write!(
                f,
                "{} is a symbolic link where handout writes a folder; handout never writes through links, so nothing was written\n\
                 hint: remove the link",
                link.display()
            ),
            OutputError::NotAFolder(path) => write!(
                f,
                "{} is not a folder, so it cannot be the output folder\n\
                 hint: choose a folder with --out",
                path.display()
            ),
            OutputError::Overlaps(out, source) => write!(
                f,
                "the output folder {} overlaps {}, which handout reads\n\
                 hint: choose an output folder outside the content and templates folders with --out",
                out.display(),
                source.display()
            ),
            OutputError::Busy(dir) => write!(
                f,
                "another build is writing into {}, so nothing was written\n\
                 hint: wait for it to finish and build again",
                dir.display()
            ),
            OutputError::LinkedLock(path) => write!(
                f,
                "the lock file {} is a symbolic link; handout never opens its lock through a link, so nothing was written\n\
                 hint: remove the link (handout makes the file itself)",
                path.display()
            ),
            OutputError::Io(error) => write!(f, "{error:#}"),
            OutputError::Denied(warnings) => write!(
                f,
                "{warnings}\nnothing was written: --deny-warnings turns these warnings into errors"
            ),
        }
    }
}

impl std::error::Error for OutputError {}
