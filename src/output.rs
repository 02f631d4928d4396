//! Writes a build's files into the output folder, safely.
//!
//! Everything is rendered in memory before this runs, so a build that
//! fails never touches the output. The folder carries a marker file listing
//! what handout wrote there; handout only ever removes files on that list,
//! and it refuses to write into a non-empty folder without the marker (it
//! could be someone's documents).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

/// The marker file: its presence says handout made this folder, its lines
/// list the files handout wrote there.
pub const MARKER: &str = ".handout-output";

/// A file to write, by its path inside the output folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutFile {
    /// Path relative to the output folder, with `/` separators.
    pub path: String,
    /// Its content.
    pub bytes: Vec<u8>,
}

impl OutFile {
    /// A file at `path` with `bytes`.
    pub fn new(path: impl Into<String>, bytes: Vec<u8>) -> OutFile {
        OutFile {
            path: path.into(),
            bytes,
        }
    }
}

/// Why the output folder was not written.
#[derive(Debug)]
pub enum OutputError {
    /// The folder has files handout did not make.
    NotOurs(PathBuf),
    /// Writing failed.
    Io(anyhow::Error),
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
            OutputError::Io(error) => write!(f, "{error:#}"),
        }
    }
}

impl std::error::Error for OutputError {}

/// Writes `files` into `dir`. Files handout wrote earlier under one of
/// `scopes` (path prefixes such as `site/` or `handout.pdf`) and not
/// written now are removed; everything else is left alone.
pub fn write(dir: &Path, files: &[OutFile], scopes: &[&str]) -> Result<(), OutputError> {
    let marker = dir.join(MARKER);
    let previous: BTreeSet<String> = if dir.exists() {
        match std::fs::read_to_string(&marker) {
            Ok(list) => list
                .lines()
                .filter(|l| !l.is_empty())
                .map(str::to_string)
                .collect(),
            Err(_) => {
                let empty = std::fs::read_dir(dir)
                    .with_context(|| format!("cannot read the output folder {}", dir.display()))
                    .map_err(OutputError::Io)?
                    .next()
                    .is_none();
                if !empty {
                    return Err(OutputError::NotOurs(dir.to_path_buf()));
                }
                BTreeSet::new()
            }
        }
    } else {
        BTreeSet::new()
    };
    // A file in the way that handout did not write is someone else's.
    if let Some(file) = files
        .iter()
        .find(|f| !previous.contains(&f.path) && dir.join(&f.path).exists())
    {
        return Err(OutputError::NotOurs(dir.join(&file.path)));
    }
    write_files(dir, files, &previous, scopes).map_err(OutputError::Io)
}

fn write_files(
    dir: &Path,
    files: &[OutFile],
    previous: &BTreeSet<String>,
    scopes: &[&str],
) -> Result<()> {
    std::fs::create_dir_all(dir)
        .with_context(|| format!("cannot create the output folder {}", dir.display()))?;
    let in_scope = |path: &str| scopes.iter().any(|scope| path.starts_with(scope));
    let written: BTreeSet<String> = files.iter().map(|f| f.path.clone()).collect();
    // Record the new files first: if writing stops half-way, the marker
    // still lists everything handout may have left in the folder.
    let mut listed: BTreeSet<String> = previous.iter().cloned().collect();
    listed.extend(written.iter().cloned());
    write_marker(dir, &listed)?;
    for file in files {
        let target = dir.join(&file.path);
        if std::fs::read(&target).is_ok_and(|old| old == file.bytes) {
            continue;
        }
        atomic_write(&target, &file.bytes)?;
    }
    let stale: Vec<&String> = previous
        .iter()
        .filter(|p| in_scope(p) && !written.contains(*p))
        .collect();
    for path in &stale {
        let target = dir.join(path);
        match std::fs::remove_file(&target) {
            Ok(()) => remove_empty_parents(dir, &target),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
            Err(error) => {
                return Err(error)
                    .with_context(|| format!("cannot remove the old file {}", target.display()));
            }
        }
        listed.remove(*path);
    }
    write_marker(dir, &listed)
}

fn write_marker(dir: &Path, listed: &BTreeSet<String>) -> Result<()> {
    let mut text = String::new();
    for path in listed {
        text.push_str(path);
        text.push('\n');
    }
    atomic_write(&dir.join(MARKER), text.as_bytes())
}

/// Removes the folders above a removed file while they are empty, up to
/// (not including) the output folder.
fn remove_empty_parents(dir: &Path, file: &Path) {
    let mut current = file.parent();
    while let Some(folder) = current {
        if folder == dir || !folder.starts_with(dir) || std::fs::remove_dir(folder).is_err() {
            break;
        }
        current = folder.parent();
    }
}

/// Writes through a temporary file in the same folder and renames it into
/// place, so a reader never sees half a file and a crash leaves the old one.
pub fn atomic_write(path: &Path, bytes: &[u8]) -> Result<()> {
    let parent = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent)
        .with_context(|| format!("cannot create the folder {}", parent.display()))?;
    let name = path
        .file_name()
        .map_or_else(|| "file".into(), |n| n.to_string_lossy());
    let temporary = parent.join(format!(".{name}.handout-tmp"));
    std::fs::write(&temporary, bytes)
        .with_context(|| format!("cannot write {}", temporary.display()))?;
    std::fs::rename(&temporary, path)
        .with_context(|| format!("cannot move {} into place", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(paths: &[&str]) -> Vec<OutFile> {
        paths
            .iter()
            .map(|p| OutFile::new(*p, p.as_bytes().to_vec()))
            .collect()
    }

    #[test]
    fn refuses_a_folder_it_did_not_make() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("thesis.docx"), "precious").unwrap();
        let error = write(dir.path(), &files(&["site/index.html"]), &["site/"]).unwrap_err();
        assert!(matches!(error, OutputError::NotOurs(_)));
        assert_eq!(
            std::fs::read_to_string(dir.path().join("thesis.docx")).unwrap(),
            "precious"
        );
        assert!(!dir.path().join("site").exists());
    }

    #[test]
    fn removes_only_its_own_stale_files_in_scope() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        write(
            &out,
            &files(&["site/a/index.html", "site/b.html", "handout.pdf"]),
            &["site/", "handout.pdf"],
        )
        .unwrap();
        std::fs::write(out.join("site/notes.txt"), "mine").unwrap();
        // A site-only build without page a: a goes, the PDF and the user's file stay.
        write(&out, &files(&["site/b.html"]), &["site/"]).unwrap();
        assert!(!out.join("site/a").exists());
        assert!(out.join("site/b.html").exists());
        assert!(out.join("handout.pdf").exists());
        assert_eq!(
            std::fs::read_to_string(out.join("site/notes.txt")).unwrap(),
            "mine"
        );
        let marker = std::fs::read_to_string(out.join(MARKER)).unwrap();
        assert_eq!(marker, "handout.pdf\nsite/b.html\n");
    }
}
