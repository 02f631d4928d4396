//! Assembles the new output in a staging folder beside the old one and
//! swaps it in, so that a reader (and a crash) only ever sees the complete
//! old output or the complete new one.
//!
//! Every file-system call goes through [`io`], which names the path in the
//! error and lets tests make any one call fail.

use std::path::{Path, PathBuf};

use anyhow::Result;

use super::places::{MARKER, Places, exchange, io, remove, unsupported};
use super::plan::{Content, Kind, Plan, folders};
use crate::diag::Diagnostic;

/// Removes what an interrupted build left: its staging and spool
/// folders, and the old output of a swap cut short (put back in place if
/// the new one never arrived). An entry-wise swap whose journal was
/// written is completed first: the reader then sees the new output whole.
pub(super) fn clean_leftovers(dir: &Path, places: &Places) -> Result<()> {
    if let Some(journal) = &places.journal
        && std::fs::symlink_metadata(journal).is_ok()
    {
        super::entries::complete(dir, places)?;
    }
    // A small change written in place whose journal was written: completed
    // from the staging folder, which holds its files.
    if std::fs::symlink_metadata(&places.patch).is_ok() {
        super::patch::complete(dir, places)?;
    }
    for leftover in [&places.staging, &places.spool] {
        if std::fs::symlink_metadata(leftover).is_ok() {
            remove(leftover)?;
        }
    }
    let previous = &places.previous;
    if std::fs::symlink_metadata(previous).is_ok() {
        if places.journal.is_none() && std::fs::symlink_metadata(dir).is_err() {
            io("put back the old output", dir, || {
                std::fs::rename(previous, dir)
            })?;
        } else {
            remove(previous)?;
        }
    }
    Ok(())
}

/// Builds the new output in the staging folder and swaps it in. Returns a
/// warning when the old output, swapped out, could not be removed.
pub(super) fn stage_and_swap(
    dir: &Path,
    places: &Places,
    plan: &Plan<'_>,
) -> Result<Option<Diagnostic>> {
    let staging = &places.staging;
    let swapped = stage(dir, staging, plan).and_then(|()| match &places.journal {
        Some(_) => super::entries::swap(dir, places).map(|()| Some(places.previous.clone())),
        None => swap(dir, staging, &places.previous),
    });
    let old = match swapped {
        Ok(old) => old,
        Err(error) => {
            // Best effort: what stays is removed by the next build. A swap
            // under way (its journal written) is the next build's to
            // complete, from what the staging folder still holds.
            let under_way = (places.journal.as_ref()).is_some_and(|j| j.exists());
            if !under_way && std::fs::symlink_metadata(staging).is_ok() {
                let _ = remove(staging);
            }
            return Err(error);
        }
    };
    Ok(old.and_then(|old| {
        remove(&old).err().map(|error| {
            Diagnostic::file(
                &old,
                format!(
                    "the old output could not be removed ({error:#}); the next build removes it"
                ),
            )
            .warning()
        })
    }))
}

/// Fills the staging folder: the old output's entries that stay (files
/// handout did not make, files outside this build's scopes) as hard links,
/// links copied as links, then the new files, unchanged ones hard-linked
/// so that they keep their modification time.
fn stage(dir: &Path, staging: &Path, plan: &Plan<'_>) -> Result<()> {
    io("create the staging folder", staging, || {
        std::fs::create_dir(staging)
    })?;
    if let Ok(meta) = std::fs::metadata(dir) {
        io("set the permissions of", staging, || {
            std::fs::set_permissions(staging, meta.permissions())
        })?;
    }
    let staying = (plan.old.iter())
        .filter(|(path, _)| {
            !plan.new.contains_key(*path) && !plan.dropped.contains(*path) && *path != MARKER
        })
        .map(|(path, kind)| (Path::new(path.as_str()), *kind));
    let foreign = (plan.foreign.iter()).map(|(path, kind)| (path.as_path(), *kind));
    for (path, kind) in staying.chain(foreign) {
        let (from, to) = (dir.join(path), staging.join(path));
        match kind {
            Kind::Dir => io("create the folder", &to, || std::fs::create_dir(&to))?,
            Kind::Link => copy_link(&from, &to)?,
            Kind::File | Kind::Other => link_or_copy(&from, &to)?,
        }
    }
    // Folders emptied by the dropped files go, as they would have before.
    for path in &plan.dropped {
        for folder in folders(path) {
            if std::fs::remove_dir(staging.join(folder)).is_err() {
                break;
            }
        }
    }
    let marker = (MARKER, Content::Bytes(plan.marker.as_slice()));
    let files: Vec<(&str, Content<'_>)> = (plan.new.iter())
        .map(|(p, c)| (p.as_str(), c.clone()))
        .chain([marker])
        .collect();
    let put = |(path, content): &(&str, Content<'_>)| -> Result<()> {
        let to = staging.join(path);
        if let Some(parent) = to.parent() {
            io("create the folder", parent, || {
                std::fs::create_dir_all(parent)
            })?;
        }
        let same = if *path == MARKER {
            plan.marker_unchanged
        } else {
            plan.unchanged.contains(*path)
        };
        match content {
            _ if same => link_or_copy(&dir.join(path), &to),
            Content::Bytes(bytes) => io("write", &to, || std::fs::write(&to, bytes)),
            Content::Spooled(from) => io("move into place", &to, || std::fs::rename(from, &to)),
            // Kept files are the old output's, found there when planned:
            // one gone since was removed while this build ran.
            Content::Kept => Err(anyhow::anyhow!(
                "{} was removed from the output folder while handout was building: build again",
                dir.join(path).display()
            )),
        }
    };
    // Writing ten thousand pages is mostly the kernel's work, which both
    // cores share; the folder is swapped in only when every file is in.
    // Tests inject failures per thread, so they write on one.
    if cfg!(test) {
        files.iter().try_for_each(put)
    } else {
        crate::parallel::map_shares(&files, 256, |share| share.iter().try_for_each(&put))
            .into_iter()
            .collect()
    }
}

/// Hard-links `from` at `to`: the same file, with its time and
/// permissions, at no cost in space. Where the file system has no hard
/// links, a copy.
fn link_or_copy(from: &Path, to: &Path) -> Result<()> {
    io("link", to, || {
        std::fs::hard_link(from, to).or_else(|_| std::fs::copy(from, to).map(drop))
    })
}

#[cfg(unix)]
fn copy_link(from: &Path, to: &Path) -> Result<()> {
    let target = io("read the link", from, || std::fs::read_link(from))?;
    io("copy the link", to, || {
        std::os::unix::fs::symlink(&target, to)
    })
}

#[cfg(not(unix))]
fn copy_link(from: &Path, to: &Path) -> Result<()> {
    link_or_copy(from, to)
}

/// Puts the staging folder in `dir`'s place. Returns where the old output
/// went, if there was one.
fn swap(dir: &Path, staging: &Path, previous: &Path) -> Result<Option<PathBuf>> {
    if std::fs::symlink_metadata(dir).is_err() {
        io("move the new output into", dir, || {
            std::fs::rename(staging, dir)
        })?;
        return Ok(None);
    }
    // One atomic exchange where the system has it: the folder is never
    // missing, not even for an instant.
    #[cfg(target_os = "linux")]
    {
        match exchange(staging, dir) {
            Ok(()) => return Ok(Some(staging.to_path_buf())),
            Err(error) if !unsupported(&error) => return Err(error),
            Err(_) => {}
        }
    }
    // Else two renames: for an instant the folder is missing, and a crash
    // right then is repaired by the next build (`clean_leftovers`).
    io("move the old output to", previous, || {
        std::fs::rename(dir, previous)
    })?;
    if let Err(error) = io("move the new output into", dir, || {
        std::fs::rename(staging, dir)
    }) {
        let _ = std::fs::rename(previous, dir);
        return Err(error);
    }
    Ok(Some(previous.to_path_buf()))
}
