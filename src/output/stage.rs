//! Assembles the new output in a staging folder beside the old one and
//! swaps it in, so that a reader (and a crash) only ever sees the complete
//! old output or the complete new one.
//!
//! Every file-system call goes through [`io`], which names the path in the
//! error and lets tests make any one call fail.

use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use super::MARKER;
use super::plan::{Content, Kind, Plan};
use crate::diag::Diagnostic;

/// `dir`'s sibling named `.<dir's name>.<suffix>`: the staging folder,
/// the old output during a swap without `RENAME_EXCHANGE`, the lock.
pub(super) fn sibling(dir: &Path, suffix: &str) -> PathBuf {
    let name = dir.file_name().unwrap_or_default().to_string_lossy();
    dir.with_file_name(format!(".{name}.{suffix}"))
}

/// Where a build keeps its working files for the output folder `dir`.
///
/// Beside the folder, normally: the new output is assembled next to it
/// and swapped in whole. Inside it when the folder is a mount point (a
/// Docker volume, an NFS share, a tmpfs) or its parent may not be written:
/// nothing can be moved onto the mount from outside, so the new output is
/// assembled inside and its entries are swapped one by one, under a
/// journal that the next build completes after a crash.
#[derive(Debug, Clone)]
pub(super) struct Places {
    pub(super) staging: PathBuf,
    pub(super) lock: PathBuf,
    pub(super) spool: PathBuf,
    /// The old output during a swap: the whole folder beside it, or (inside)
    /// the folder of the old entries.
    pub(super) previous: PathBuf,
    /// Inside the folder: the journal of the entry-wise swap.
    pub(super) journal: Option<PathBuf>,
}

/// The names of handout's working files inside an output folder that is
/// a mount point; never part of the output.
pub(super) const INSIDE: [&str; 5] = [
    ".handout-staging",
    ".handout-old",
    ".handout-swap",
    ".handout-lock",
    ".handout-spool",
];

impl Places {
    /// The places for the output folder `dir` (a real path).
    pub(super) fn of(dir: &Path) -> Places {
        if works_inside(dir) {
            Places::inside(dir)
        } else {
            Places::beside(dir)
        }
    }

    /// The working files inside the folder.
    pub(super) fn inside(dir: &Path) -> Places {
        {
            let [staging, previous, journal, lock, spool] = INSIDE.map(|name| dir.join(name));
            Places {
                staging,
                lock,
                spool,
                previous,
                journal: Some(journal),
            }
        }
    }

    /// The working files beside the folder.
    pub(super) fn beside(dir: &Path) -> Places {
        {
            Places {
                staging: sibling(dir, "handout-staging"),
                lock: sibling(dir, "handout-lock"),
                spool: sibling(dir, "handout-spool"),
                previous: sibling(dir, "handout-old"),
                journal: None,
            }
        }
    }

    /// The names inside the folder that are handout's working files.
    pub(super) fn reserved(&self) -> &'static [&'static str] {
        if self.journal.is_some() { &INSIDE } else { &[] }
    }
}

/// Whether the output folder must hold its own working files: it is a
/// mount point (its parent is on another file system), or its parent may
/// not be written (where the folder itself may). Linux only: elsewhere
/// the working files always sit beside the folder.
#[cfg(target_os = "linux")]
fn works_inside(dir: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    let (Ok(meta), Some(parent)) = (std::fs::symlink_metadata(dir), dir.parent()) else {
        return false;
    };
    if !meta.is_dir() {
        return false;
    }
    let mounted = std::fs::metadata(parent).is_ok_and(|p| p.dev() != meta.dev());
    let writable = |path: &Path| rustix::fs::access(path, rustix::fs::Access::WRITE_OK).is_ok();
    mounted || (!writable(parent) && writable(dir))
}

#[cfg(not(target_os = "linux"))]
fn works_inside(_: &Path) -> bool {
    false
}

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
    for (path, kind) in &plan.old {
        if plan.new.contains_key(path) || plan.dropped.contains(path) || path == Path::new(MARKER) {
            continue;
        }
        let (from, to) = (dir.join(path), staging.join(path));
        match kind {
            Kind::Dir => io("create the folder", &to, || std::fs::create_dir(&to))?,
            Kind::Link => copy_link(&from, &to)?,
            Kind::File | Kind::Other => link_or_copy(&from, &to)?,
        }
    }
    // Folders emptied by the dropped files go, as they would have before.
    for path in &plan.dropped {
        let mut folder = path.parent();
        while let Some(current) = folder.filter(|f| !f.as_os_str().is_empty()) {
            if std::fs::remove_dir(staging.join(current)).is_err() {
                break;
            }
            folder = current.parent();
        }
    }
    let marker = (
        PathBuf::from(MARKER),
        Content::Bytes(plan.marker.as_slice()),
    );
    let files: Vec<(PathBuf, Content<'_>)> = (plan.new.iter())
        .map(|(p, c)| (p.clone(), c.clone()))
        .chain([marker])
        .collect();
    let put = |(path, content): &(PathBuf, Content<'_>)| -> Result<()> {
        let to = staging.join(path);
        if let Some(parent) = to.parent() {
            io("create the folder", parent, || {
                std::fs::create_dir_all(parent)
            })?;
        }
        let same = if path == Path::new(MARKER) {
            plan.marker_unchanged
        } else {
            plan.unchanged.contains(path)
        };
        match content {
            _ if same => link_or_copy(&dir.join(path), &to),
            Content::Bytes(bytes) => io("write", &to, || std::fs::write(&to, bytes)),
            Content::Spooled(from) => io("move into place", &to, || std::fs::rename(from, &to)),
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

/// Exchanges two entries of one file system in one atomic step.
#[cfg(target_os = "linux")]
pub(super) fn exchange(a: &Path, b: &Path) -> Result<()> {
    io("swap the new output into", b, || {
        rustix::fs::renameat_with(
            rustix::fs::CWD,
            a,
            rustix::fs::CWD,
            b,
            rustix::fs::RenameFlags::EXCHANGE,
        )
        .map_err(std::io::Error::from)
    })
}

/// Whether the exchange failed because the file system cannot do it.
#[cfg(target_os = "linux")]
pub(super) fn unsupported(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| matches!(e.kind(), ErrorKind::InvalidInput | ErrorKind::Unsupported))
    })
}

/// Removes a file, a link (not what it points to) or a folder with all
/// it holds (never following links).
pub(super) fn remove(path: &Path) -> Result<()> {
    let is_dir = std::fs::symlink_metadata(path).is_ok_and(|m| m.is_dir());
    io("remove", path, || {
        let removed = if is_dir {
            std::fs::remove_dir_all(path)
        } else {
            std::fs::remove_file(path)
        };
        match removed {
            Err(e) if e.kind() == ErrorKind::NotFound => Ok(()),
            other => other,
        }
    })
}

/// Runs one file-system call on `path`, naming it in the error. In tests,
/// [`fault`] can make the call fail instead.
pub(super) fn io<T>(
    what: &str,
    path: &Path,
    call: impl FnOnce() -> std::io::Result<T>,
) -> Result<T> {
    #[cfg(test)]
    let call = || fault::check().and_then(|()| call());
    call().with_context(|| format!("cannot {what} {}", path.display()))
}

/// Failures injected by tests: the n-th file-system call of this thread
/// fails, and with `kill` every call after it too (as if the process had
/// died there: nothing is cleaned up).
#[cfg(test)]
pub(super) mod fault {
    use std::cell::Cell;

    thread_local! {
        static CALLS: Cell<usize> = const { Cell::new(0) };
        static FAIL_AT: Cell<Option<(usize, bool)>> = const { Cell::new(None) };
    }

    /// Makes call `n` (from 0, counted from now) fail, and with `kill`
    /// every later one; `None` stops failing.
    pub(in crate::output) fn fail_at(n: Option<usize>, kill: bool) {
        CALLS.set(0);
        FAIL_AT.set(n.map(|n| (n, kill)));
    }

    /// Whether any call failed since [`fail_at`].
    pub(in crate::output) fn reached() -> bool {
        FAIL_AT.get().is_some_and(|(n, _)| CALLS.get() > n)
    }

    pub(super) fn check() -> std::io::Result<()> {
        let call = CALLS.get();
        CALLS.set(call + 1);
        match FAIL_AT.get() {
            Some((n, kill)) if call == n || (kill && call > n) => {
                Err(std::io::Error::other("injected failure"))
            }
            _ => Ok(()),
        }
    }
}
