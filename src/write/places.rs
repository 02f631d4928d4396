//! Where handout keeps its files for an output folder (the marker in it,
//! the staging folder, the lock, the spool and the old output beside it,
//! or inside it on a mount point), and the file-system calls the stage and
//! the entry-wise swap share.
//!
//! Every file-system call goes through [`io`], which names the path in the
//! error and lets tests make any one call fail.

use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

/// The marker file: its presence says handout made this folder, its lines
/// list the files handout wrote there.
pub const MARKER: &str = ".handout-output";

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
    /// The journal of a small change written in place ([`super::patch`]).
    pub(super) patch: PathBuf,
}

/// The names of handout's working files inside an output folder that is
/// a mount point; never part of the output.
pub(super) const INSIDE: [&str; 6] = [
    ".handout-staging",
    ".handout-old",
    ".handout-swap",
    ".handout-lock",
    ".handout-spool",
    ".handout-patch",
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
            let [staging, previous, journal, lock, spool, patch] =
                INSIDE.map(|name| dir.join(name));
            Places {
                staging,
                lock,
                spool,
                previous,
                journal: Some(journal),
                patch,
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
                patch: sibling(dir, "handout-patch"),
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
/// `fault` can make the call fail instead.
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
    pub(in crate::write) fn fail_at(n: Option<usize>, kill: bool) {
        CALLS.set(0);
        FAIL_AT.set(n.map(|n| (n, kill)));
    }

    /// Whether any call failed since [`fail_at`].
    pub(in crate::write) fn reached() -> bool {
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
