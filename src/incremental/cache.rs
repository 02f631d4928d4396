//! The cache: what each file of the last build was made from, read back
//! as [`Reuse`] and written anew from this build's [`Record`]. It is a
//! file of the output folder like the others (written with them, all old
//! or all new), so it always describes the files beside it.
//!
//! ```text
//! handout cache 1
//! output 5f0c…e1 9 handout en
//! file 5f0c…e1 48213 handout.pdf
//! file 9a77…03 5120 site/exercises/calf-stretch/index.html
//! ```
//!
//! A `file` line is one file, its fingerprint and its size as written.
//! An `output` line is an output rendered whole (a PDF output, in one
//! language), its fingerprint, its number of pages and its name and
//! language: its files are the `file` lines with its fingerprint.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use super::{Fingerprint, Remembered};

/// The cache's name in the output folder, beside the manifest.
pub const CACHE: &str = ".handout-cache";

/// The first line of a cache this version of handout reads.
const HEADER: &str = "handout cache 1";

/// A file of the last build, as the cache recorded it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Entry {
    fingerprint: Fingerprint,
    size: u64,
}

/// What the last build made, which this one may keep: nothing for a
/// fresh build (`--fresh`, a first build, a cache from another version).
#[derive(Debug, Default)]
pub struct Reuse {
    /// The output folder; `None` keeps nothing.
    dir: Option<PathBuf>,
    /// Whether what is made now is not recorded (`check` writes nothing),
    /// so that fingerprinting it would be wasted.
    unrecorded: bool,
    files: BTreeMap<String, Entry>,
    outputs: BTreeMap<String, (Fingerprint, usize)>,
    /// What the templates were given, as a process that builds again and
    /// again keeps it in memory (`serve`'s builder).
    values: Option<Arc<Remembered<tera::Value>>>,
    /// The files no longer in the output folder as they were made (most
    /// often none), once [`Reuse::look_ahead`] has looked at them all.
    not_as_made: OnceLock<HashSet<String>>,
}

impl Reuse {
    /// Keeps nothing: everything is rendered.
    pub fn nothing() -> Reuse {
        Reuse::default()
    }

    /// This, with the values a process that builds again and again keeps
    /// in memory (see [`Remembered`]), for a build that starts now: what
    /// the last build used is what this one may find.
    pub fn with_values(self, values: Arc<Remembered<tera::Value>>) -> Reuse {
        values.start();
        Reuse {
            values: Some(values),
            ..self
        }
    }

    /// The values kept in memory, if any.
    pub fn values(&self) -> Option<&Remembered<tera::Value>> {
        self.values.as_deref()
    }

    /// Keeps nothing, and records nothing: `check`, which writes no file.
    pub fn unrecorded() -> Reuse {
        Reuse {
            unrecorded: true,
            ..Reuse::default()
        }
    }

    /// Whether the files made now are recorded for the next build, so
    /// they need their fingerprints.
    pub fn records(&self) -> bool {
        !self.unrecorded
    }

    /// What the output folder `dir` holds from its last build, by its
    /// cache; nothing when there is no cache or it cannot be read (a
    /// cache is only ever a shortcut).
    pub fn read(dir: &Path) -> Reuse {
        let Ok(text) = std::fs::read_to_string(dir.join(CACHE)) else {
            return Reuse::nothing();
        };
        let mut lines = text.lines();
        if lines.next() != Some(HEADER) {
            return Reuse::nothing();
        }
        let mut reuse = Reuse {
            dir: Some(dir.to_path_buf()),
            ..Reuse::default()
        };
        for line in lines {
            let parsed = match line.split_once(' ') {
                Some(("file", rest)) => parse_file(rest).map(|(path, entry)| {
                    reuse.files.insert(path.to_string(), entry);
                }),
                Some(("output", rest)) => parse_output(rest).map(|(key, output)| {
                    reuse.outputs.insert(key.to_string(), output);
                }),
                _ => None,
            };
            if parsed.is_none() {
                return Reuse::nothing();
            }
        }
        reuse
    }

    /// Whether the file at `path` (in the output folder) was made from
    /// `fingerprint` last time and is still there as it was made (a file
    /// of its size): then its size.
    pub fn file(&self, path: &str, fingerprint: Fingerprint) -> Option<u64> {
        let dir = self.dir.as_ref()?;
        let entry = self.files.get(path)?;
        if entry.fingerprint != fingerprint {
            return None;
        }
        let there = match self.not_as_made.get() {
            Some(not_as_made) => not_as_made.is_empty() || !not_as_made.contains(path),
            None => as_made(dir, path, entry.size),
        };
        there.then_some(entry.size)
    }

    /// Looks in the output folder at every file the last build made, ahead
    /// of the pages that ask [`Reuse::file`]: run on a thread of its own
    /// while the content loads, it takes ten thousand looks at the disk (a
    /// save of a large library keeps that many pages) off the pages' time.
    /// A page asked for before it is done looks at its file itself.
    pub fn look_ahead(&self) {
        let Some(dir) = &self.dir else {
            return;
        };
        let not_as_made = (self.files.iter())
            .filter(|(path, entry)| !as_made(dir, path, entry.size))
            .map(|(path, _)| path.clone())
            .collect();
        let _ = self.not_as_made.set(not_as_made);
    }

    /// The number of pages and the files of the output `key` when it
    /// was rendered from `fingerprint` last time and all its files are
    /// still there as they were made: each path and its size.
    pub fn output(
        &self,
        key: &str,
        fingerprint: Fingerprint,
    ) -> Option<(usize, Vec<(String, u64)>)> {
        let (recorded, pages) = self.outputs.get(key)?;
        if *recorded != fingerprint {
            return None;
        }
        let mut files: Vec<(String, u64)> = (self.files.iter())
            .filter(|(_, entry)| entry.fingerprint == fingerprint)
            .map(|(path, entry)| Some((path.clone(), self.file(path, entry.fingerprint)?)))
            .collect::<Option<_>>()?;
        files.sort();
        Some((*pages, files))
    }

    /// The entries of files that `keep` says this build leaves alone (the
    /// outputs `--only` did not choose), to be recorded again.
    fn entries_kept<'a>(
        &'a self,
        keep: &'a dyn Fn(&str) -> bool,
    ) -> impl Iterator<Item = (&'a String, &'a Entry)> + 'a {
        self.files.iter().filter(move |(path, _)| keep(path))
    }
}

/// Whether the file at `path` in `dir` is there as it was made: a file
/// (not a link) of `size` bytes.
fn as_made(dir: &Path, path: &str, size: u64) -> bool {
    std::fs::symlink_metadata(dir.join(path)).is_ok_and(|meta| meta.is_file() && meta.len() == size)
}

/// A `file` line's fingerprint, size and path.
fn parse_file(rest: &str) -> Option<(&str, Entry)> {
    let (fingerprint, rest) = rest.split_once(' ')?;
    let (size, path) = rest.split_once(' ')?;
    Some((
        path,
        Entry {
            fingerprint: fingerprint.parse().ok()?,
            size: size.parse().ok()?,
        },
    ))
}

/// An `output` line's name, fingerprint and pages.
fn parse_output(rest: &str) -> Option<(&str, (Fingerprint, usize))> {
    let (fingerprint, rest) = rest.split_once(' ')?;
    let (pages, key) = rest.split_once(' ')?;
    Some((key, (fingerprint.parse().ok()?, pages.parse().ok()?)))
}

/// What an output's render made, for the cache and the build's summary.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Made {
    /// The files kept as the last build made them: each path and size.
    pub kept: Vec<(String, u64)>,
    /// The fingerprint of each file with one, made now or kept.
    pub fingerprints: Vec<(String, Fingerprint)>,
    /// What was rendered now, by kind (`exercise page`), for the summary
    /// of a rebuild.
    pub remade: Vec<String>,
    /// For an output rendered (or kept) whole: its key (name and
    /// language), fingerprint and number of pages.
    pub whole: Option<(String, Fingerprint, usize)>,
}

/// The cache this build writes.
#[derive(Debug, Default)]
pub struct Record {
    files: BTreeMap<String, Entry>,
    outputs: BTreeMap<String, (Fingerprint, usize)>,
}

impl Record {
    /// Records a file made (or kept) from `fingerprint`, of `size` bytes.
    pub fn file(&mut self, path: &str, fingerprint: Fingerprint, size: u64) {
        self.files
            .insert(path.to_string(), Entry { fingerprint, size });
    }

    /// Records an output of `pages` pages rendered whole from
    /// `fingerprint` (its files with [`Record::file`], from the same
    /// fingerprint).
    pub fn output(&mut self, key: &str, fingerprint: Fingerprint, pages: usize) {
        self.outputs.insert(key.to_string(), (fingerprint, pages));
    }

    /// Records again what the last build recorded for the files this one
    /// leaves alone (`keep`), and for the outputs they belong to.
    pub fn carry(&mut self, reuse: &Reuse, keep: &dyn Fn(&str) -> bool) {
        for (path, entry) in reuse.entries_kept(keep) {
            self.files.entry(path.clone()).or_insert(*entry);
            for (key, output) in &reuse.outputs {
                if output.0 == entry.fingerprint {
                    self.outputs.entry(key.clone()).or_insert(*output);
                }
            }
        }
    }

    /// The cache's text.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut text = format!("{HEADER}\n");
        for (key, (fingerprint, pages)) in &self.outputs {
            text.push_str(&format!("output {fingerprint} {pages} {key}\n"));
        }
        for (path, entry) in &self.files {
            text.push_str(&format!(
                "file {} {} {path}\n",
                entry.fingerprint, entry.size
            ));
        }
        text.into_bytes()
    }
}

#[cfg(test)]
mod tests {
    use super::{CACHE, Record, Reuse};
    use crate::incremental::Fingerprinter;

    #[test]
    fn a_cache_keeps_only_files_that_are_still_as_it_made_them() {
        let dir = tempfile::tempdir().unwrap();
        let page = Fingerprinter::new("test").text("page").fingerprint();
        let pdf = Fingerprinter::new("test").text("pdf").fingerprint();
        std::fs::create_dir_all(dir.path().join("site")).unwrap();
        std::fs::write(dir.path().join("site/a b.html"), "12345").unwrap();
        std::fs::write(dir.path().join("handout.pdf"), "%PDF").unwrap();
        let mut record = Record::default();
        record.file("site/a b.html", page, 5);
        record.output("handout en", pdf, 9);
        record.file("handout.pdf", pdf, 4);
        std::fs::write(dir.path().join(CACHE), record.to_bytes()).unwrap();

        let reuse = Reuse::read(dir.path());
        assert_eq!(reuse.file("site/a b.html", page), Some(5));
        assert_eq!(
            reuse.file("site/a b.html", pdf),
            None,
            "another fingerprint"
        );
        assert_eq!(
            reuse.output("handout en", pdf),
            Some((9, vec![("handout.pdf".to_string(), 4)]))
        );
        assert_eq!(reuse.output("handout es", pdf), None);
        // A file changed by hand (another size) is made again.
        std::fs::write(dir.path().join("handout.pdf"), "%PDF-1.7").unwrap();
        assert_eq!(reuse.output("handout en", pdf), None);
        std::fs::remove_file(dir.path().join("site/a b.html")).unwrap();
        assert_eq!(reuse.file("site/a b.html", page), None);
        // A cache this version cannot read keeps nothing.
        std::fs::write(dir.path().join(CACHE), "handout cache 0\n").unwrap();
        assert_eq!(Reuse::read(dir.path()).file("handout.pdf", pdf), None);
        assert_eq!(Reuse::nothing().file("handout.pdf", pdf), None);
    }

    /// Looked at ahead, the files say what they would have said looked at
    /// one by one: one changed by hand and one removed are made again.
    #[test]
    fn files_looked_at_ahead_are_kept_as_when_looked_at_one_by_one() {
        let dir = tempfile::tempdir().unwrap();
        let page = Fingerprinter::new("test").text("page").fingerprint();
        let mut record = Record::default();
        for (name, text) in [("a.html", "12345"), ("b.html", "123"), ("c.html", "1")] {
            std::fs::write(dir.path().join(name), text).unwrap();
            record.file(name, page, text.len() as u64);
        }
        std::fs::write(dir.path().join(CACHE), record.to_bytes()).unwrap();
        std::fs::write(dir.path().join("b.html"), "changed").unwrap();
        std::fs::remove_file(dir.path().join("c.html")).unwrap();
        let one_by_one = Reuse::read(dir.path());
        let ahead = Reuse::read(dir.path());
        ahead.look_ahead();
        assert!(ahead.not_as_made.get().is_some());
        for name in ["a.html", "b.html", "c.html", "d.html"] {
            assert_eq!(
                ahead.file(name, page),
                one_by_one.file(name, page),
                "{name}"
            );
        }
        assert_eq!(ahead.file("a.html", page), Some(5));
        assert_eq!(ahead.file("b.html", page), None);
    }

    #[test]
    fn a_build_of_one_output_carries_the_others_entries() {
        let dir = tempfile::tempdir().unwrap();
        let pdf = Fingerprinter::new("test").text("pdf").fingerprint();
        let mut old = Record::default();
        old.output("handout en", pdf, 9);
        old.file("handout.pdf", pdf, 4);
        old.file("site/index.html", pdf, 9);
        std::fs::write(dir.path().join(CACHE), old.to_bytes()).unwrap();
        let reuse = Reuse::read(dir.path());
        let mut new = Record::default();
        new.carry(&reuse, &|path| !path.starts_with("site/"));
        let text = String::from_utf8(new.to_bytes()).unwrap();
        assert!(
            text.contains("handout.pdf") && text.contains("output"),
            "{text}"
        );
        assert!(!text.contains("site/index.html"), "{text}");
    }
}
