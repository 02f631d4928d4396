//! What a build changes in the output folder: the folder as it is (read
//! without following links), the marker's entries checked, and which files
//! are written, kept as they are, or dropped.
//!
//! Paths are relative, with `/` separators, as strings: at ten thousand
//! pages the plan looks up and orders tens of thousands of them, and a
//! string compares byte by byte where a `Path` compares component by
//! component (a string's order still puts a folder before what it holds).
//! Names that are not UTF-8 cannot be handout's (it writes and lists
//! UTF-8 paths only): they are kept apart, as entries to carry over.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

use anyhow::Context;

use super::error::OutputError;
use super::places::MARKER;
use crate::diag::{Diagnostic, Diagnostics};

/// What an entry of the old output is. Links are never followed, so a
/// link to a folder is a `Link`, and nothing under it is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Dir,
    File,
    Link,
    Other,
}

/// What a new file holds: bytes in memory, a file made ahead of the
/// write and waiting in the spool folder (`handout program` writes each
/// patient's PDFs there as soon as they are made), or the file the output
/// folder has at the same path, kept as it is (an incremental build's
/// unchanged file, which it did not render again).
#[derive(Debug, Clone)]
pub(super) enum Content<'a> {
    Bytes(&'a [u8]),
    Spooled(PathBuf),
    Kept,
}

impl Content<'_> {
    /// Whether the file at `path` holds exactly this.
    fn same_as(&self, path: &Path) -> bool {
        match self {
            Content::Bytes(bytes) => std::fs::read(path).is_ok_and(|old| old == *bytes),
            Content::Spooled(spooled) => same_files(spooled, path),
            // The build found it there, of the size it was made at; the
            // plan found a file there again.
            Content::Kept => true,
        }
    }
}

/// Whether two files hold the same bytes, read a little at a time.
fn same_files(a: &Path, b: &Path) -> bool {
    use std::io::Read;
    let (Ok(a_meta), Ok(b_meta)) = (std::fs::metadata(a), std::fs::metadata(b)) else {
        return false;
    };
    if a_meta.len() != b_meta.len() {
        return false;
    }
    let (Ok(mut a), Ok(mut b)) = (std::fs::File::open(a), std::fs::File::open(b)) else {
        return false;
    };
    let (mut left, mut right) = (vec![0u8; 64 * 1024], vec![0u8; 64 * 1024]);
    loop {
        let Ok(read) = a.read(&mut left) else {
            return false;
        };
        if read == 0 {
            return true;
        }
        if b.read_exact(&mut right[..read]).is_err() || left[..read] != right[..read] {
            return false;
        }
    }
}

/// The changes of one build.
pub(super) struct Plan<'a> {
    /// Every entry of the old output by its relative path, parents first.
    pub(super) old: BTreeMap<String, Kind>,
    /// The old output's entries whose paths are not UTF-8 (none of them
    /// handout's), parents first.
    pub(super) foreign: Vec<(PathBuf, Kind)>,
    /// The files to write, by relative path.
    pub(super) new: BTreeMap<String, Content<'a>>,
    /// New files whose bytes the old output already has, at the same path.
    pub(super) unchanged: HashSet<String>,
    /// Old files handout made, in scope, and not written now.
    pub(super) dropped: BTreeSet<String>,
    /// The new marker's text.
    pub(super) marker: Vec<u8>,
    /// The paths it lists (what reading it back gives).
    pub(super) listed: BTreeSet<String>,
    /// Whether the marker's text is the same as before.
    pub(super) marker_unchanged: bool,
    /// Marker entries that were ignored.
    pub(super) warnings: Diagnostics,
    /// Whether `old` holds only the entries this plan looked at (the paths
    /// it writes, drops and goes through), not the whole folder: a plan
    /// made knowing the marker ([`Plan::make_knowing`]), fit for a patch,
    /// not for staging the whole output.
    pub(super) partial: bool,
}

/// What a write left in the output folder (its marker's text), for the
/// next write of a process that writes again and again (`serve`'s
/// builder): while the marker is still that text, the next write looks
/// only at the paths it touches instead of reading the whole folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Known {
    pub(super) marker: Vec<u8>,
    /// The paths the marker lists, as reading it gives them: not read
    /// again from its twenty thousand lines at every save.
    pub(super) listed: BTreeSet<String>,
}

impl<'a> Plan<'a> {
    /// Reads the output folder `dir` (a real path) and plans writing
    /// `files` (each a path and what it holds) into it. The top-level
    /// names in `reserved` are handout's own working files inside the
    /// folder (an output folder that is a mount point), never part of it.
    pub(super) fn make(
        dir: &Path,
        files: impl IntoIterator<Item = (&'a str, Content<'a>)>,
        scopes: &[&str],
        reserved: &[&str],
    ) -> Result<Plan<'a>, OutputError> {
        let Tree { mut old, foreign } = read_tree(dir).map_err(OutputError::Io)?;
        old.retain(|path, _| !reserved.iter().any(|name| in_folder(path, name)));
        // Looked up by path tens of thousands of times: hashed.
        let kinds: Kinds<'_> = (old.iter())
            .map(|(path, kind)| (path.as_str(), *kind))
            .collect();
        let mut warnings = Diagnostics::new();
        let Previous {
            marker: old_marker,
            files: previous,
            adopted,
        } = previous_files(dir, &kinds, foreign.is_empty(), &mut warnings)?;
        let legacy = format!("{LEGACY_PROGRAMS}/{MARKER}");
        let new = checked_new(files, reserved)?;
        let mut stale: BTreeSet<String> = (previous.iter())
            .filter(|p| in_scope(p, scopes) && !new.contains_key(*p))
            .cloned()
            .collect();
        if adopted {
            stale.insert(legacy);
        }
        let dropped = (stale.iter())
            .filter(|p| kinds.contains_key(p.as_str()))
            .cloned()
            .collect();
        check_in_the_way(dir, &kinds, new.keys(), &previous, &dropped)?;
        let unchanged = (new.iter())
            .filter(|(path, content)| {
                kinds.get(path.as_str()) == Some(&Kind::File) && content.same_as(&dir.join(path))
            })
            .map(|(path, _)| path.clone())
            .collect();
        let (marker, listed) = marker_text(previous.iter().filter(|p| !stale.contains(*p)), &new);
        let marker_unchanged = old_marker.as_ref() == Some(&marker);
        Ok(Plan {
            old,
            foreign,
            new,
            unchanged,
            dropped,
            marker,
            listed,
            marker_unchanged,
            warnings,
            partial: false,
        })
    }

    /// [`Plan::make`] by a process that wrote the output folder last, when
    /// the marker is still `known` (the text that write left): its
    /// entries are handout's as written, and `kept` files were found in
    /// place by the build. Instead of the whole folder (at 10,000 pages,
    /// twenty thousand entries read again at every save), only the paths
    /// this write touches are looked at, and each folder on their way, so
    /// that nothing is written or removed through a link or over a file
    /// handout did not make. `None` when the marker is another: the whole
    /// folder must be read.
    pub(super) fn make_knowing(
        dir: &Path,
        files: impl IntoIterator<Item = (&'a str, Content<'a>)>,
        scopes: &[&str],
        reserved: &[&str],
        known: Known,
    ) -> Result<Option<Plan<'a>>, OutputError> {
        let mut old = BTreeMap::new();
        let mut look = |path: &str| -> Option<Kind> {
            if let Some(kind) = old.get(path) {
                return Some(*kind);
            }
            let kind = kind_at(&dir.join(path))?;
            old.insert(path.to_string(), kind);
            Some(kind)
        };
        let marker_now = std::fs::read(dir.join(MARKER)).ok();
        if look(MARKER) != Some(Kind::File) || marker_now.as_deref() != Some(&known.marker[..]) {
            return Ok(None);
        }
        let Known {
            marker: known,
            listed: previous,
        } = known;
        let new = checked_new(files, reserved)?;
        let (stale, added) = side_by_side(&previous, &new, scopes);
        let mut dropped = BTreeSet::new();
        for path in &stale {
            if look(path).is_some() {
                dropped.insert(path.to_string());
            }
            for folder in folders(path) {
                look(folder);
            }
        }
        let mut unchanged = HashSet::new();
        for (path, content) in &new {
            if let Content::Kept = content {
                unchanged.insert(path.clone());
                continue;
            }
            let kind = look(path);
            for folder in folders(path) {
                look(folder);
            }
            if kind == Some(Kind::File) && content.same_as(&dir.join(path)) {
                unchanged.insert(path.clone());
            }
        }
        let kinds: Kinds<'_> = (old.iter())
            .map(|(path, kind)| (path.as_str(), *kind))
            .collect();
        let written = (new.keys()).filter(|path| !unchanged.contains(*path));
        check_in_the_way(dir, &kinds, written, &previous, &dropped)?;
        // A save that adds and removes no file lists what the marker does:
        // its twenty thousand paths are not sorted and joined again.
        let same_paths = stale.is_empty() && !added;
        let (marker, listed, marker_unchanged) = if same_paths {
            (known, previous, true)
        } else {
            let (marker, listed) =
                marker_text(previous.iter().filter(|p| !stale.contains(p)), &new);
            let unchanged = marker == known;
            (marker, listed, unchanged)
        };
        Ok(Some(Plan {
            old,
            foreign: Vec::new(),
            new,
            unchanged,
            dropped,
            marker,
            listed,
            marker_unchanged,
            warnings: Diagnostics::new(),
            partial: true,
        }))
    }

    /// Whether the old output is already what this build would make.
    pub(super) fn changes_nothing(&self) -> bool {
        !self.old.is_empty()
            && self.foreign.is_empty()
            && self.marker_unchanged
            && self.dropped.is_empty()
            && self.unchanged.len() == self.new.len()
    }
}

/// What the output folder held of handout's before this run: the marker's
/// text, the files it lists (and those of the list `program` once kept in
/// output/programs/, when there is one: `adopted`).
struct Previous {
    marker: Option<Vec<u8>>,
    files: BTreeSet<String>,
    adopted: bool,
}

/// Reads the marker of the output folder `dir` holding `old` (and, unless
/// `only_these`, entries whose names are not UTF-8), each entry that
/// cannot be handout's a warning. A folder with files and no marker is not
/// handout's.
fn previous_files(
    dir: &Path,
    old: &Kinds<'_>,
    only_these: bool,
    warnings: &mut Diagnostics,
) -> Result<Previous, OutputError> {
    let old_marker = match old.get(MARKER) {
        Some(Kind::File) => Some(
            std::fs::read(dir.join(MARKER))
                .with_context(|| format!("cannot read {}", dir.join(MARKER).display()))
                .map_err(OutputError::Io)?,
        ),
        Some(_) => return Err(OutputError::NotOurs(dir.join(MARKER))),
        None if old.is_empty() && only_these => None,
        None => return Err(OutputError::NotOurs(dir.to_path_buf())),
    };
    let mut previous = BTreeSet::new();
    let text = String::from_utf8_lossy(old_marker.as_deref().unwrap_or_default());
    for line in text.lines().filter(|l| !l.is_empty()) {
        match checked_entry(line, old) {
            Ok(path) => {
                previous.insert(path);
            }
            Err(why) => warnings.push(
                Diagnostic::file(
                    &dir.join(MARKER),
                    format!("the entry `{line}` is ignored: {why}"),
                )
                .warning(),
            ),
        }
    }
    // Before `program` and `build` shared an output folder, `program`
    // kept its own list in output/programs/: what that lists (and the
    // list itself) is handout's too, taken over by this run.
    let legacy = format!("{LEGACY_PROGRAMS}/{MARKER}");
    let adopted = old.get(legacy.as_str()) == Some(&Kind::File);
    if adopted {
        let text = std::fs::read(dir.join(&legacy))
            .with_context(|| format!("cannot read {}", dir.join(&legacy).display()))
            .map_err(OutputError::Io)?;
        for line in String::from_utf8_lossy(&text)
            .lines()
            .filter(|l| !l.is_empty())
        {
            let entry = format!("{LEGACY_PROGRAMS}/{line}");
            if let Ok(path) = checked_entry(&entry, old) {
                previous.insert(path);
            }
        }
    }
    Ok(Previous {
        marker: old_marker,
        files: previous,
        adopted,
    })
}

/// The files to write by their paths, each checked to be a plain relative
/// path that is none of handout's working files.
fn checked_new<'a>(
    files: impl IntoIterator<Item = (&'a str, Content<'a>)>,
    reserved: &[&str],
) -> Result<BTreeMap<String, Content<'a>>, OutputError> {
    let mut new = Vec::new();
    for (name, content) in files {
        if !is_normal(name) || reserved.contains(&name) {
            return Err(OutputError::Io(anyhow::anyhow!(
                "handout made an output path that is not a plain relative path: {name}"
            )));
        }
        new.push((name.to_string(), content));
    }
    // Built at once from the paths sorted (they come in a few sorted runs),
    // not by twenty thousand lookups; of a path given twice, the last
    // counts, as with one insert after another.
    Ok(new.into_iter().collect())
}

/// The paths the marker lists (`previous`) that this build makes no more,
/// of those in `scopes`, and whether it makes a path the marker does not
/// list: both lists walked once, side by side, in their order (twenty
/// thousand paths at each save of a large library; a lookup each was
/// some milliseconds of comparing their long shared beginnings).
fn side_by_side<'p>(
    previous: &'p BTreeSet<String>,
    new: &BTreeMap<String, Content<'_>>,
    scopes: &[&str],
) -> (BTreeSet<&'p String>, bool) {
    let mut stale = BTreeSet::new();
    let mut added = false;
    let (mut listed, mut made) = (previous.iter().peekable(), new.keys().peekable());
    loop {
        let order = match (listed.peek(), made.peek()) {
            (None, None) => break,
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (Some(old), Some(now)) => old.cmp(now),
        };
        match order {
            std::cmp::Ordering::Less => {
                let old = listed.next().expect("peeked");
                if in_scope(old, scopes) {
                    stale.insert(old);
                }
            }
            std::cmp::Ordering::Equal => {
                listed.next();
                made.next();
            }
            std::cmp::Ordering::Greater => {
                added = true;
                made.next();
            }
        }
    }
    (stale, added)
}

/// The folder where `handout program` wrote, with a list of its own,
/// before it shared the output folder's.
const LEGACY_PROGRAMS: &str = "programs";

/// What the entry at `path` is, without following a link; `None` when
/// there is none.
fn kind_at(path: &Path) -> Option<Kind> {
    Some(Kind::of(std::fs::symlink_metadata(path).ok()?.file_type()))
}

impl Kind {
    fn of(kind: std::fs::FileType) -> Kind {
        if kind.is_dir() {
            Kind::Dir
        } else if kind.is_file() {
            Kind::File
        } else if kind.is_symlink() {
            Kind::Link
        } else {
            Kind::Other
        }
    }
}

/// The old output's entries by path, for looking up.
type Kinds<'a> = HashMap<&'a str, Kind>;

/// The entries of an output folder, by their relative paths.
struct Tree {
    /// Those whose paths are UTF-8.
    old: BTreeMap<String, Kind>,
    /// The others, parents first.
    foreign: Vec<(PathBuf, Kind)>,
}

/// Every entry under `dir`, without following links; none if `dir` does
/// not exist.
fn read_tree(dir: &Path) -> anyhow::Result<Tree> {
    let mut tree = Vec::new();
    let mut foreign = Vec::new();
    if std::fs::symlink_metadata(dir).is_err() {
        return Ok(Tree {
            old: BTreeMap::new(),
            foreign,
        });
    }
    // Each folder's entries by name, depth first: nearly the order of the
    // map's keys already, which sorting then finds cheaply (ten thousand
    // pages are twenty thousand entries).
    let walk = walkdir::WalkDir::new(dir)
        .min_depth(1)
        .follow_links(false)
        .sort_by_file_name();
    for entry in walk {
        let entry =
            entry.with_context(|| format!("cannot read the output folder {}", dir.display()))?;
        let kind = Kind::of(entry.file_type());
        let relative = entry.path().strip_prefix(dir).unwrap_or(entry.path());
        match relative.to_str() {
            Some(path) => tree.push((slashed(path), kind)),
            None => foreign.push((relative.to_path_buf(), kind)),
        }
    }
    Ok(Tree {
        old: tree.into_iter().collect(),
        foreign,
    })
}

/// `path` (relative, with the system's separators) with `/` ones.
fn slashed(path: &str) -> String {
    if std::path::MAIN_SEPARATOR == '/' {
        path.to_string()
    } else {
        path.replace(std::path::MAIN_SEPARATOR, "/")
    }
}

/// The folders `path` lies in, innermost first: `a/b` and `a` for `a/b/c`.
pub(super) fn folders(path: &str) -> impl Iterator<Item = &str> {
    std::iter::successors(parent(path), |folder| parent(folder))
}

/// The folder `path` lies in, unless it lies at the top.
pub(super) fn parent(path: &str) -> Option<&str> {
    path.rfind('/').map(|at| &path[..at])
}

/// Whether `path` is `folder` or lies in it.
fn in_folder(path: &str, folder: &str) -> bool {
    path.strip_prefix(folder)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

/// A marker entry as a relative path inside the folder, or why it is not
/// one: it leads outside, or through a link, or names the marker or a
/// folder.
fn checked_entry(line: &str, old: &Kinds<'_>) -> Result<String, String> {
    let path = normalise(line).ok_or("it leads outside the output folder")?;
    if path == MARKER {
        return Err("it names the marker file".into());
    }
    // handout lists files only; a folder's contents may not all be its own.
    if old.get(path.as_str()) == Some(&Kind::Dir) {
        return Err(format!("{path} is a folder"));
    }
    for ancestor in folders(&path) {
        match old.get(ancestor) {
            Some(Kind::Link) => {
                return Err(format!("it leads through the symbolic link {ancestor}"));
            }
            Some(Kind::File | Kind::Other) => {
                return Err(format!("{ancestor} is not a folder"));
            }
            _ => {}
        }
    }
    Ok(path)
}

/// Whether `entry` is a plain relative path already: what [`normalise`]
/// makes of it, without making it.
fn is_normal(entry: &str) -> bool {
    !entry.contains(['\\', '\0'])
        && (entry.split('/')).all(|part| !part.is_empty() && part != "." && part != "..")
}

/// `entry` as a relative path with `.` and `..` resolved (and `/`
/// separators), or `None` when it is empty, absolute, or climbs out of the
/// folder.
pub(super) fn normalise(entry: &str) -> Option<String> {
    if entry.starts_with('/') || entry.contains('\\') || entry.contains('\0') {
        return None;
    }
    let mut parts = Vec::new();
    for part in entry.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            name => parts.push(name),
        }
    }
    (!parts.is_empty()).then(|| parts.join("/"))
}

/// The marker's text: the files handout wrote before and keeps listing
/// (`kept`), and the files it writes now, one a line, in order.
fn marker_text<'p>(
    kept: impl Iterator<Item = &'p String>,
    new: &'p BTreeMap<String, Content<'_>>,
) -> (Vec<u8>, BTreeSet<String>) {
    let listed: BTreeSet<String> = (kept.chain(new.keys()))
        .filter(|path| *path != MARKER)
        .cloned()
        .collect();
    let text = (listed.iter())
        .flat_map(|path| [path.as_str(), "\n"])
        .collect::<String>();
    (text.into(), listed)
}

/// Refuses anything in the way of a new file that handout did not make: a
/// file or folder at its path, a file where it needs a folder, or a link
/// anywhere on its way.
fn check_in_the_way<'p>(
    dir: &Path,
    old: &Kinds<'_>,
    new: impl Iterator<Item = &'p String>,
    previous: &BTreeSet<String>,
    dropped: &BTreeSet<String>,
) -> Result<(), OutputError> {
    for path in new {
        for ancestor in folders(path) {
            match old.get(ancestor) {
                None | Some(Kind::Dir) => {}
                Some(_) if dropped.contains(ancestor) => {}
                Some(Kind::Link) => return Err(OutputError::Link(dir.join(ancestor))),
                Some(_) => return Err(OutputError::NotOurs(dir.join(ancestor))),
            }
        }
        match old.get(path.as_str()) {
            None => {}
            Some(Kind::Dir) => return Err(OutputError::NotOurs(dir.join(path))),
            Some(_) if previous.contains(path) => {}
            Some(_) => return Err(OutputError::NotOurs(dir.join(path))),
        }
    }
    Ok(())
}

/// Whether a build of `scopes` replaces the file at `path` (with `/`
/// separators).
pub(super) fn in_scope(path: &str, scopes: &[&str]) -> bool {
    scopes.iter().any(|scope| {
        if scope.contains('*') {
            !path.contains('/') && wildcard_match(scope, path)
        } else {
            path.starts_with(scope)
        }
    })
}

/// Whether `name` matches `pattern`, where each `*` stands for any run of
/// characters (`*-handout.*.pdf` matches `spine-handout.es.pdf`).
fn wildcard_match(pattern: &str, name: &str) -> bool {
    let mut parts = pattern.split('*');
    let first = parts.next().unwrap_or_default();
    let Some(mut rest) = name.strip_prefix(first) else {
        return false;
    };
    let parts: Vec<&str> = parts.collect();
    let Some((last, middle)) = parts.split_last() else {
        return rest.is_empty();
    };
    for part in middle {
        match rest.find(part) {
            Some(at) => rest = &rest[at + part.len()..],
            None => return false,
        }
    }
    rest.len() >= last.len() && rest.ends_with(last)
}

#[cfg(test)]
mod wildcard_tests {
    use super::wildcard_match;

    #[test]
    fn stars_stand_for_any_run() {
        assert!(wildcard_match("*-handout.pdf", "spine-handout.pdf"));
        assert!(!wildcard_match("*-handout.pdf", "spine-handout.es.pdf"));
        assert!(wildcard_match("*-handout.*.pdf", "spine-handout.es.pdf"));
        assert!(wildcard_match("handout.*.pdf", "handout.es.pdf"));
        assert!(!wildcard_match("handout.*.pdf", "handout.pdf"));
        assert!(!wildcard_match("handout.*.pdf", "checklist.es.pdf"));
        assert!(wildcard_match("*", "anything"));
    }
}

#[cfg(test)]
mod path_tests {
    use std::collections::{BTreeMap, BTreeSet};

    use proptest::prelude::*;

    use super::{Content, in_scope, is_normal, normalise, side_by_side};

    proptest! {
        /// A path is plain exactly when normalising it changes nothing.
        #[test]
        fn a_plain_path_is_its_own_normal_form(path in "[a./\\\\]{0,8}") {
            prop_assert_eq!(is_normal(&path), normalise(&path).as_deref() == Some(path.as_str()));
        }

        /// Walking the two lists side by side finds what looking each
        /// path up in the other finds.
        #[test]
        fn side_by_side_finds_what_lookups_find(
            listed in proptest::collection::btree_set("(site|other)/[ab]{1,3}", 0..12),
            made in proptest::collection::btree_set("(site|other)/[ab]{1,3}", 0..12),
        ) {
            let listed: BTreeSet<String> = listed;
            let new: BTreeMap<String, Content<'_>> =
                made.iter().map(|p| (p.clone(), Content::Kept)).collect();
            let scopes = ["site/"];
            let (stale, added) = side_by_side(&listed, &new, &scopes);
            let expected: BTreeSet<&String> = (listed.iter())
                .filter(|p| in_scope(p, &scopes) && !new.contains_key(*p))
                .collect();
            prop_assert_eq!(stale, expected);
            prop_assert_eq!(added, new.keys().any(|p| !listed.contains(p)));
        }
    }
}
