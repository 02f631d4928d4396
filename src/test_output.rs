//! Files tests write for a person to look at (sample PDFs, a gallery of
//! figures): only into the folder that `HANDOUT_TEST_OUT` names, never into
//! a fixed path; without it they go to a temporary folder, or nowhere.

use std::path::{Path, PathBuf};

/// The variable that names the folder.
const VARIABLE: &str = "HANDOUT_TEST_OUT";

/// Where to keep files for looking at, when asked.
fn asked() -> Option<PathBuf> {
    std::env::var_os(VARIABLE).map(PathBuf::from)
}

/// Keeps a file for looking at, when `HANDOUT_TEST_OUT` names a folder;
/// else does nothing.
pub(crate) fn keep(name: &str, bytes: &[u8]) {
    if let Some(dir) = asked() {
        std::fs::create_dir_all(&dir).expect("making HANDOUT_TEST_OUT");
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    }
}

/// A folder to write a set of files into: `HANDOUT_TEST_OUT/<name>`, or a
/// temporary folder, removed when dropped.
pub(crate) enum Folder {
    /// The one asked for.
    Kept(PathBuf),
    /// A temporary one.
    Temporary(tempfile::TempDir),
}

impl Folder {
    /// Its path.
    pub(crate) fn path(&self) -> &Path {
        match self {
            Folder::Kept(path) => path,
            Folder::Temporary(dir) => dir.path(),
        }
    }
}

/// The folder for a set of files called `name`.
pub(crate) fn folder(name: &str) -> Folder {
    match asked() {
        Some(dir) => {
            let path = dir.join(name);
            std::fs::create_dir_all(&path).expect("making the folder");
            eprintln!("writing {}", path.display());
            Folder::Kept(path)
        }
        None => Folder::Temporary(tempfile::tempdir().expect("a temporary folder")),
    }
}
