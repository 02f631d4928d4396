//! A small change written in place: the changed files, not the whole
//! output again.
//!
//! Staging a whole output to change a few files costs a link and a folder
//! per file (at 10,000 exercises, 20,000 calls and seconds on a busy
//! machine), where an incremental build changes a handful. When most of
//! the output stays as it is, the new files are written into the staging
//! folder first, then a journal (`.<name>.handout-patch` beside the
//! folder, or `.handout-patch` inside a mount point) lists each change;
//! only then does each file replace its old one with one rename, the old
//! one put aside in the staging folder.
//!
//! - A failure before the journal leaves the old output untouched (the
//!   next build removes the staging folder).
//! - A failure while the files are put in place puts the old ones back:
//!   the output is as it was.
//! - A crash after the journal is written is completed by the next build
//!   before anything else ([`complete`]), as the entry-wise swap of a
//!   mount point is ([`super::entries`]).

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use super::places::{MARKER, Places, io, remove};
use super::plan::{Content, Kind, Plan, folders};
use crate::diag::Diagnostic;

/// The most changed files, as a share of the files kept, that a patch
/// writes: past it, staging the whole output is as cheap and leaves the
/// reader no moment of a half-changed folder.
const MOST_CHANGED_SHARE: usize = 4;

/// One change of a patch.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Change {
    /// The staged file `n` goes to the path (the old one, if any, aside).
    Put(usize, PathBuf),
    /// The file at the path goes aside (`n` names it there).
    Drop(usize, PathBuf),
}

/// Whether `plan` is a change small enough to patch in place, and safe to:
/// every file written replaces a file or nothing, through folders only;
/// every file dropped is a file.
pub(super) fn fits(plan: &Plan<'_>) -> bool {
    let changed = plan.new.len() - plan.unchanged.len();
    let simple_path = |path: &String| {
        matches!(plan.old.get(path), None | Some(Kind::File))
            && folders(path).all(|folder| matches!(plan.old.get(folder), None | Some(Kind::Dir)))
    };
    !plan.old.is_empty()
        && plan.old.contains_key(MARKER)
        && (changed + plan.dropped.len()) * MOST_CHANGED_SHARE <= plan.unchanged.len()
        && (plan.new.keys())
            .filter(|path| !plan.unchanged.contains(*path))
            .all(simple_path)
        && (plan.dropped.iter()).all(|path| plan.old.get(path) == Some(&Kind::File))
}

/// Writes the changes of `plan` into `dir` in place. Once every change
/// is in, the build has worked: a journal or staging folder that cannot be
/// removed then is a warning (the next build removes them).
pub(super) fn apply(dir: &Path, places: &Places, plan: &Plan<'_>) -> Result<Option<Diagnostic>> {
    let staging = &places.staging;
    io("create the staging folder", staging, || {
        std::fs::create_dir(staging)
    })?;
    let staged = stage(staging, plan).and_then(|changes| {
        let mut lines = String::new();
        for change in &changes {
            lines.push_str(&match change {
                Change::Put(n, path) => format!("put\t{n}\t{}\n", slashed(path)),
                Change::Drop(n, path) => format!("drop\t{n}\t{}\n", slashed(path)),
            });
        }
        // Written whole, then named: a journal is complete or absent.
        let draft = staging.join("journal");
        io("write", &draft, || std::fs::write(&draft, &lines))?;
        io("write the journal", &places.patch, || {
            std::fs::rename(&draft, &places.patch)
        })?;
        Ok(changes)
    });
    let changes = match staged {
        Ok(changes) => changes,
        Err(error) => {
            let _ = remove(staging);
            return Err(error);
        }
    };
    // The folders the patch makes, to take away again if it fails.
    let mut made: Vec<(&Path, PathBuf)> = Vec::new();
    for (n, change) in changes.iter().enumerate() {
        if let Change::Put(_, path) = change
            && let Some(top) = (path.ancestors().skip(1))
                .take_while(|folder| !folder.as_os_str().is_empty())
                .filter(|folder| std::fs::symlink_metadata(dir.join(folder)).is_err())
                .last()
        {
            made.push((path, top.to_path_buf()));
        }
        if let Err(error) = put(dir, staging, change) {
            // Back as it was: each change undone, newest (and half-done)
            // first. Should undoing fail too, the journal stays, and the
            // next build completes the patch.
            let undone = (changes[..=n].iter().rev()).try_for_each(|c| undo(dir, staging, c));
            if undone.is_ok() {
                for (path, top) in made.iter().rev() {
                    remove_empty_folders(dir, path, Some(top));
                }
                let _ = remove(&places.patch).and_then(|()| remove(staging));
            }
            return Err(error);
        }
    }
    Ok(finish(places).err().map(|error| {
        Diagnostic::file(
            &places.patch,
            format!("the working files of the write could not be removed ({error:#}); the next build removes them"),
        )
        .warning()
    }))
}

/// Completes a patch whose journal a crash left: every change not yet in
/// place is put in place.
pub(super) fn complete(dir: &Path, places: &Places) -> Result<()> {
    let text = io("read the journal", &places.patch, || {
        std::fs::read_to_string(&places.patch)
    })?;
    let changes = parse(&text).with_context(|| {
        format!(
            "{} is not a journal this version of handout wrote: remove it and build again",
            places.patch.display()
        )
    })?;
    for change in &changes {
        let staged = match change {
            Change::Put(n, _) => places.staging.join(format!("new-{n}")),
            Change::Drop(n, _) => places.staging.join(format!("old-{n}")),
        };
        // A put done has no new file left; a drop done has its old one.
        let pending = match change {
            Change::Put(..) => std::fs::symlink_metadata(&staged).is_ok(),
            Change::Drop(..) => std::fs::symlink_metadata(&staged).is_err(),
        };
        if pending {
            put(dir, &places.staging, change)?;
        }
    }
    finish(places)
}

/// Writes the new files into the staging folder, numbered, and says the
/// changes: the files written (the marker last, so that until it is in
/// place the folder's list is the old one), then the files dropped.
fn stage(staging: &Path, plan: &Plan<'_>) -> Result<Vec<Change>> {
    let mut changes = Vec::new();
    let written = (plan.new.iter()).filter(|(path, _)| !plan.unchanged.contains(*path));
    for (n, (path, content)) in written.enumerate() {
        let to = staging.join(format!("new-{n}"));
        match content {
            Content::Bytes(bytes) => io("write", &to, || std::fs::write(&to, bytes))?,
            Content::Spooled(from) => io("move into place", &to, || std::fs::rename(from, &to))?,
            Content::Kept => anyhow::bail!(
                "{path} was removed from the output folder while handout was building: build again"
            ),
        }
        changes.push(Change::Put(n, PathBuf::from(path)));
    }
    // One number per change: a file put aside is `old-<n>` whatever the
    // change.
    for path in &plan.dropped {
        changes.push(Change::Drop(changes.len(), PathBuf::from(path)));
    }
    if !plan.marker_unchanged {
        let n = changes.len();
        let to = staging.join(format!("new-{n}"));
        io("write", &to, || std::fs::write(&to, &plan.marker))?;
        changes.push(Change::Put(n, PathBuf::from(MARKER)));
    }
    Ok(changes)
}

/// Puts one change in place: the old file aside, the new one in.
fn put(dir: &Path, staging: &Path, change: &Change) -> Result<()> {
    match change {
        Change::Put(n, path) => {
            let (to, new, old) = (
                dir.join(path),
                staging.join(format!("new-{n}")),
                staging.join(format!("old-{n}")),
            );
            if let Some(parent) = to.parent() {
                io("create the folder", parent, || {
                    std::fs::create_dir_all(parent)
                })?;
            }
            if std::fs::symlink_metadata(&to).is_ok() && std::fs::symlink_metadata(&old).is_err() {
                io("put aside", &to, || std::fs::rename(&to, &old))?;
            }
            io("write", &to, || std::fs::rename(&new, &to))
        }
        Change::Drop(n, path) => {
            let (from, old) = (dir.join(path), staging.join(format!("old-{n}")));
            if std::fs::symlink_metadata(&from).is_err() {
                return Ok(());
            }
            io("remove", &from, || std::fs::rename(&from, &old))?;
            remove_empty_folders(dir, path, None);
            Ok(())
        }
    }
}

/// Undoes one change put in place: the new file back into the staging
/// folder (so that the journal, should a crash stop the undoing, still
/// reads right), the old one back in place.
fn undo(dir: &Path, staging: &Path, change: &Change) -> Result<()> {
    let (n, path) = match change {
        Change::Put(n, path) | Change::Drop(n, path) => (n, path),
    };
    let (at, new, old) = (
        dir.join(path),
        staging.join(format!("new-{n}")),
        staging.join(format!("old-{n}")),
    );
    if let Change::Put(..) = change
        && std::fs::symlink_metadata(&new).is_err()
    {
        io("take back", &at, || std::fs::rename(&at, &new))?;
    }
    if std::fs::symlink_metadata(&old).is_ok() {
        if let Some(parent) = at.parent() {
            io("create the folder", parent, || {
                std::fs::create_dir_all(parent)
            })?;
        }
        io("put back", &at, || std::fs::rename(&old, &at))?;
    }
    Ok(())
}

/// The journal gone, then the old files: the patch is over.
fn finish(places: &Places) -> Result<()> {
    remove(&places.patch)?;
    remove(&places.staging)
}

/// Removes the folders that `path`'s removal left empty, up to `dir`
/// (or up to `top`, included).
fn remove_empty_folders(dir: &Path, path: &Path, top: Option<&Path>) {
    let mut folder = path.parent();
    while let Some(current) = folder.filter(|f| !f.as_os_str().is_empty()) {
        if std::fs::remove_dir(dir.join(current)).is_err() || Some(current) == top {
            break;
        }
        folder = current.parent();
    }
}

/// A journal's changes.
fn parse(text: &str) -> Option<Vec<Change>> {
    (text.lines())
        .map(|line| {
            let mut fields = line.splitn(3, '\t');
            let (kind, n, path) = (fields.next()?, fields.next()?, fields.next()?);
            let (n, path) = (n.parse().ok()?, PathBuf::from(path));
            if path.is_absolute() || path.components().any(|c| c.as_os_str() == "..") {
                return None;
            }
            match kind {
                "put" => Some(Change::Put(n, path)),
                "drop" => Some(Change::Drop(n, path)),
                _ => None,
            }
        })
        .collect()
}

/// A relative path with `/` separators.
fn slashed(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}
