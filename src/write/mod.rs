//! Writes a build's files into the output folder, safely.
//!
//! Everything is rendered before anything is put in place (in memory, or
//! for a large file in the spool folder beside the output), so a build
//! that fails to render never touches the output. Writing then keeps these
//! promises:
//!
//! - **Only its own files.** The folder carries a marker file listing what
//!   handout wrote there; handout only ever removes files on that list, and
//!   it refuses a non-empty folder without the marker (it could be someone's
//!   documents). Each listed path is normalised and must lie inside the
//!   folder without passing through a symbolic link; any other entry is
//!   ignored with a warning. Links inside the folder are never followed: a
//!   listed link is replaced (or dropped) itself, and a link where handout
//!   needs a folder is refused by name.
//! - **All old or all new.** The new output is assembled in a staging
//!   folder beside the output (unchanged files and files handout did not
//!   make are hard-linked, not copied) and swapped in with one rename at the
//!   end, so a crash, a full disk or a failed write leaves the complete old
//!   output. The next build removes a staging folder left behind.
//! - **One build at a time.** A lock file beside the folder makes a second
//!   build wait a little, then give up.
//! - **A mount point works.** An output folder that is a mount point (or
//!   whose parent may not be written) keeps its working files inside
//!   itself and swaps its entries one by one under a journal
//!   ([`entries`]), which the next build completes after a crash.
//! - **Streamed files.** A [`Writer`] takes files as they are made (each
//!   patient's PDFs) into a spool folder, so they need not all be in
//!   memory at once; they join the output all together at the end.
//! - **A small change in place.** When most files stay as they are (an
//!   incremental build's few pages), only the changed files are written:
//!   staged first, then each renamed over its old one under a journal
//!   ([`patch`]); a failure puts the old ones back, and the next build
//!   completes a patch a crash cut short.
//! - A build that changes nothing rewrites nothing.
//! - **Looked at once.** A process that writes again and again (`serve`'s
//!   builder) keeps the marker its last write left ([`Known`]); while the
//!   folder's marker is still that text, a small change looks only at the
//!   paths it writes or drops and at the folders on their way, with the
//!   same refusals, instead of reading the whole folder again.

mod entries;
mod error;
mod lock;
mod patch;
mod places;
mod plan;
mod stage;
#[cfg(test)]
mod tests;

use std::path::{Path, PathBuf};

use crate::diag::Diagnostics;

pub use error::OutputError;
pub use places::MARKER;
pub use plan::Known;

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

/// Whether a build of `scopes` (as [`write()`] takes them) replaces the
/// file at `path` of the output folder.
pub fn in_scope(path: &str, scopes: &[&str]) -> bool {
    plan::in_scope(path, scopes)
}

/// Refuses an output folder that names a file, or that lies inside one of
/// `sources` (the content and templates folders) or holds one: building
/// there would read its own output, or swap the sources away.
pub fn check_out(out: &Path, sources: &[&Path]) -> Result<(), OutputError> {
    let real_out = real_path(out);
    if real_out.exists() && !real_out.is_dir() {
        return Err(OutputError::NotAFolder(out.to_path_buf()));
    }
    for source in sources {
        let real_source = real_path(source);
        if real_out.starts_with(&real_source) || real_source.starts_with(&real_out) {
            return Err(OutputError::Overlaps(
                out.to_path_buf(),
                source.to_path_buf(),
            ));
        }
    }
    Ok(())
}

/// `path` with its longest existing ancestor resolved to its real path and
/// the rest appended, so that paths not yet made compare by where they
/// would be.
fn real_path(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut rest = Vec::new();
    let mut current = absolute.as_path();
    loop {
        if let Ok(real) = current.canonicalize() {
            return rest.iter().rev().fold(real, |p, name| p.join(name));
        }
        match (current.parent(), current.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                current = parent;
            }
            _ => return absolute,
        }
    }
}

/// Writes `files` into `dir`, all at once. Files handout wrote earlier
/// under one of `scopes` (path prefixes such as `site/` or `handout.pdf`,
/// or `*-handout.pdf`: files at the top whose names end so)
/// and not written now are removed; everything else is left alone. The
/// warnings name marker entries that were ignored, and a staging folder
/// that could not be removed after the swap. With `deny_warnings`, a
/// warning found before writing (an ignored marker entry) stops the write:
/// nothing changes.
pub fn write(
    dir: &Path,
    files: &[OutFile],
    scopes: &[&str],
    deny_warnings: bool,
) -> Result<Diagnostics, OutputError> {
    let writer = Writer::open(dir)?;
    let contents = (files.iter()).map(|f| (f.path.as_str(), plan::Content::Bytes(&f.bytes)));
    writer.finish(contents, scopes, deny_warnings)
}

/// The output folder, locked for one build that writes its files as they
/// are made ([`Writer::spool`]) and puts them all in place at the end
/// ([`Writer::finish_spooled`]), as [`write()`] does with files in memory.
/// Dropped without finishing, it leaves the output as it was.
pub struct Writer {
    dir: PathBuf,
    places: places::Places,
    _lock: lock::Lock,
}

/// A file made ahead of the write, waiting in the spool folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spooled {
    /// Its path inside the output folder.
    pub path: String,
    at: PathBuf,
}

impl Writer {
    /// Locks the output folder `dir` (its parent made if missing) and
    /// clears what an interrupted build left.
    pub fn open(dir: &Path) -> Result<Writer, OutputError> {
        let dir = output_folder(dir)?;
        let places = places::Places::of(&dir);
        Writer::open_at(dir, places)
    }

    /// Locks `dir` (a real path) with its working files at `places`.
    fn open_at(dir: PathBuf, places: places::Places) -> Result<Writer, OutputError> {
        let lock = lock::Lock::take_at(&dir, &places.lock)?;
        stage::clean_leftovers(&dir, &places).map_err(OutputError::Io)?;
        Ok(Writer {
            dir,
            places,
            _lock: lock,
        })
    }

    /// Writes a file into the spool folder now, so that its bytes need not
    /// be kept. Safe to call from many threads.
    pub fn spool(&self, file: &OutFile) -> Result<Spooled, OutputError> {
        let relative = plan::normalise(&file.path).ok_or_else(|| {
            OutputError::Io(anyhow::anyhow!(
                "handout made an output path that is not a plain relative path: {}",
                file.path
            ))
        })?;
        let at = self.places.spool.join(relative);
        let written = at
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::write(&at, &file.bytes));
        written
            .map_err(|e| {
                OutputError::Io(
                    anyhow::Error::new(e).context(format!("cannot write {}", at.display())),
                )
            })
            .map(|()| Spooled {
                path: file.path.clone(),
                at,
            })
    }

    /// Puts the spooled files in place (and drops the stale ones of
    /// `scopes`), as [`write()`] does.
    pub fn finish_spooled(
        self,
        files: &[Spooled],
        scopes: &[&str],
        deny_warnings: bool,
    ) -> Result<Diagnostics, OutputError> {
        let contents =
            (files.iter()).map(|f| (f.path.as_str(), plan::Content::Spooled(f.at.clone())));
        self.finish(contents, scopes, deny_warnings)
    }

    /// Puts files in place, some in memory, some spooled and some `kept`
    /// as the output folder has them (an incremental build's unchanged
    /// files), and drops the stale ones of `scopes`, as [`write()`] does.
    /// `known` is what the last write of this process left, if it wrote
    /// last ([`Known`]); it is set to what this one leaves.
    pub fn finish_with(
        self,
        files: &[OutFile],
        spooled: &[Spooled],
        kept: &[String],
        scopes: &[&str],
        deny_warnings: bool,
        known: &mut Option<Known>,
    ) -> Result<Diagnostics, OutputError> {
        let in_memory = (files.iter()).map(|f| (f.path.as_str(), plan::Content::Bytes(&f.bytes)));
        let spooled =
            (spooled.iter()).map(|f| (f.path.as_str(), plan::Content::Spooled(f.at.clone())));
        let kept = (kept.iter()).map(|path| (path.as_str(), plan::Content::Kept));
        let files: Vec<_> = in_memory.chain(spooled).chain(kept).collect();
        let last = known.take();
        let plan = match last {
            Some(last) => plan::Plan::make_knowing(
                &self.dir,
                files.iter().cloned(),
                scopes,
                self.places.reserved(),
                last,
            )?
            // Knowing only the paths it touches, a plan can patch them,
            // not stage the whole folder.
            .filter(|plan| plan.changes_nothing() || patch::fits(plan)),
            None => None,
        };
        let mut plan = match plan {
            Some(plan) => plan,
            None => plan::Plan::make(&self.dir, files, scopes, self.places.reserved())?,
        };
        let next = Known {
            marker: plan.marker.clone(),
            listed: std::mem::take(&mut plan.listed),
        };
        let written = self.finish_planned(plan, deny_warnings)?;
        *known = Some(next);
        Ok(written)
    }

    fn finish<'a>(
        self,
        files: impl IntoIterator<Item = (&'a str, plan::Content<'a>)>,
        scopes: &[&str],
        deny_warnings: bool,
    ) -> Result<Diagnostics, OutputError> {
        let plan = plan::Plan::make(&self.dir, files, scopes, self.places.reserved())?;
        self.finish_planned(plan, deny_warnings)
    }

    fn finish_planned(
        self,
        plan: plan::Plan<'_>,
        deny_warnings: bool,
    ) -> Result<Diagnostics, OutputError> {
        let dir = &self.dir;
        let mut warnings = plan.warnings.clone();
        if deny_warnings && !warnings.is_empty() {
            return Err(OutputError::Denied(warnings));
        }
        if plan.changes_nothing() {
            return Ok(warnings);
        }
        if patch::fits(&plan) {
            let left = patch::apply(dir, &self.places, &plan).map_err(OutputError::Io)?;
            warnings.extend(left);
            return Ok(warnings);
        }
        debug_assert!(
            !plan.partial,
            "a partial plan cannot stage the whole output"
        );
        let swapped = stage::stage_and_swap(dir, &self.places, &plan).map_err(OutputError::Io)?;
        warnings.extend(swapped);
        Ok(warnings)
    }
}

impl Drop for Writer {
    fn drop(&mut self) {
        // Spooled files not put in place (a failed run): the next build
        // would remove them anyway.
        let _ = std::fs::remove_dir_all(&self.places.spool);
    }
}

/// The output folder by its real path (its parent made if missing), so
/// that the staging folder and the lock sit beside the folder itself even
/// when `--out` names it through a link.
fn output_folder(dir: &Path) -> Result<PathBuf, OutputError> {
    let absolute = std::path::absolute(dir)
        .map_err(|e| OutputError::Io(anyhow::Error::new(e).context("no current folder")))?;
    let (Some(parent), Some(_)) = (absolute.parent(), absolute.file_name()) else {
        return Err(OutputError::NotAFolder(dir.to_path_buf()));
    };
    std::fs::create_dir_all(parent).map_err(|e| {
        OutputError::Io(
            anyhow::Error::new(e).context(format!("cannot create the folder {}", parent.display())),
        )
    })?;
    let real = real_path(&absolute);
    // After resolving, a link left is a dangling one.
    match std::fs::symlink_metadata(&real) {
        Ok(meta) if !meta.is_dir() => Err(OutputError::NotAFolder(dir.to_path_buf())),
        _ => Ok(real),
    }
}
