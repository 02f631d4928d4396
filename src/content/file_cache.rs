//! What each content file held when it was last read, and what checking it
//! found: kept by a process that builds again and again (`serve`'s
//! builder), so that after a save only the saved file is read and checked
//! again, not ten thousand.
//!
//! A file counts as unchanged when its size and time of change are those
//! it had when read, and that time had settled then: a file's time moves
//! in steps of the system clock's tick (several milliseconds), so a second
//! save of the same size within one tick keeps the time. A file read
//! within [`SETTLING`] of its last change is read again each time and
//! compared by its text (as `git` does with its index). What checking a
//! file finds depends only on its text, its path and whether another file
//! has its id (see [`super::check_file`]), so a file whose text and repeat
//! are as they were keeps its result.

use std::collections::HashMap;
use std::ffi::OsString;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use super::read::Found;
use crate::diag::Diagnostic;

/// How long after its last change a file's time is trusted to tell saves
/// apart.
const SETTLING: Duration = Duration::from_secs(2);

/// The content files last read, by the path they are shown with, each
/// with what checking it found (a `T`). Keyed by the path's bytes: a walk
/// spells a file's path the same each time, and a `Path` hashes and
/// compares component by component (ten thousand of them at each save).
pub(super) struct Files<T> {
    files: HashMap<OsString, Entry<T>>,
    /// The files read by the load under way, to keep for the next one.
    fresh: Mutex<Vec<(OsString, Entry<T>)>>,
}

/// One file as last read and checked.
struct Entry<T> {
    /// Its size and time of change when read.
    stamp: Stamp,
    /// Whether that time had settled when the file was read, so that an
    /// equal stamp means an equal file.
    settled: bool,
    /// Shared with the project loaded from it: a save copies no text.
    text: Arc<str>,
    /// The problem of an id another file had, which its check included.
    repeat: Option<Diagnostic>,
    checked: T,
}

/// A file's size and time of change.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Stamp {
    len: u64,
    modified: SystemTime,
}

impl Stamp {
    fn of(path: &Path) -> Option<Stamp> {
        Stamp::from(&std::fs::metadata(path).ok()?)
    }

    fn from(meta: &std::fs::Metadata) -> Option<Stamp> {
        Some(Stamp {
            len: meta.len(),
            modified: meta.modified().ok()?,
        })
    }

    /// Whether the time had settled at `now`.
    fn settled_at(&self, now: SystemTime) -> bool {
        now.duration_since(self.modified)
            .is_ok_and(|age| age >= SETTLING)
    }
}

impl<T: Clone> Files<T> {
    /// A cache that knows no file yet.
    pub(super) fn new() -> Files<T> {
        Files {
            files: HashMap::new(),
            fresh: Mutex::new(Vec::new()),
        }
    }

    /// The text of `file` as last read, when its size and settled time
    /// (as found, or asked now) say it has not changed since: the file is
    /// not read again.
    pub(super) fn text(&self, file: &Found) -> Option<Arc<str>> {
        let entry = self.files.get(file.shown.as_os_str())?;
        let stamp = match &file.metadata {
            Some(metadata) => Stamp::from(metadata),
            None => Stamp::of(&file.real),
        };
        let unchanged = entry.settled && stamp == Some(entry.stamp);
        unchanged.then(|| Arc::clone(&entry.text))
    }

    /// What checking `file` found last time, when its text and the problem
    /// of a repeated id are the same now (a text taken from the cache is
    /// the same without comparing it).
    pub(super) fn checked(
        &self,
        file: &Found,
        text: &Arc<str>,
        repeat: &Option<Diagnostic>,
    ) -> Option<T> {
        let entry = self.files.get(file.shown.as_os_str())?;
        let same_text = Arc::ptr_eq(&entry.text, text) || entry.text == *text;
        (same_text && entry.repeat == *repeat).then(|| entry.checked.clone())
    }

    /// Keeps what the load under way found in `file`, for the next load.
    /// The file's stamp is taken now: were it changed since it was read,
    /// the text kept is not settled under that stamp, and it is compared
    /// again next time.
    pub(super) fn keep(
        &self,
        file: &Found,
        text: &Arc<str>,
        repeat: &Option<Diagnostic>,
        checked: &T,
        read_at: SystemTime,
    ) {
        let Some(stamp) = Stamp::of(&file.real) else {
            return;
        };
        let entry = Entry {
            stamp,
            settled: stamp.settled_at(read_at),
            text: Arc::clone(text),
            repeat: repeat.clone(),
            checked: checked.clone(),
        };
        let mut fresh = self.fresh.lock().unwrap_or_else(|e| e.into_inner());
        fresh.push((file.shown.clone().into_os_string(), entry));
    }

    /// Ends a load: the files it read replace those of the last one, and
    /// the files it did not find any more are forgotten (`found`: every
    /// file it read, whether from the cache or not; `as_last`: the load
    /// found the same files as the last one, so none is to be forgotten).
    pub(super) fn finish<'p>(&mut self, found: impl Iterator<Item = &'p Path>, as_last: bool) {
        let fresh = std::mem::take(self.fresh.get_mut().unwrap_or_else(|e| e.into_inner()));
        if as_last {
            // The map as it was, but for the files read again: not ten
            // thousand entries moved into a new one at each save.
            self.files.extend(fresh);
            return;
        }
        let mut files: HashMap<OsString, Entry<T>> = HashMap::with_capacity(self.files.len());
        for path in found {
            if let Some((path, entry)) = self.files.remove_entry(path.as_os_str()) {
                files.insert(path, entry);
            }
        }
        files.extend(fresh);
        self.files = files;
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;
    use std::time::{Duration, SystemTime};

    use crate::content::{FileCache, load_with};

    /// The default content, copied where a test may change it.
    fn default_content() -> tempfile::TempDir {
        let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        let to = tempfile::tempdir().unwrap();
        for entry in walkdir::WalkDir::new(&from) {
            let entry = entry.unwrap();
            let target = to.path().join(entry.path().strip_prefix(&from).unwrap());
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&target).unwrap();
            } else {
                std::fs::copy(entry.path(), &target).unwrap();
            }
        }
        to
    }

    fn title(root: &Path, cache: &mut FileCache, id: &str) -> String {
        let project = load_with(root, Some(cache)).unwrap_or_else(|e| panic!("{e}"));
        let exercise = project.exercises.iter().find(|e| e.id == id).unwrap();
        exercise.title.clone()
    }

    /// Rewrites the line that starts with `title: ` and sets the file's
    /// time to `time`.
    fn retitle(file: &Path, title: &str, time: SystemTime) {
        let text = std::fs::read_to_string(file).unwrap();
        let old = text.lines().find(|l| l.starts_with("title: ")).unwrap();
        std::fs::write(file, text.replacen(old, &format!("title: {title}"), 1)).unwrap();
        let handle = std::fs::File::options().append(true).open(file).unwrap();
        handle.set_modified(time).unwrap();
    }

    #[test]
    fn a_save_the_files_time_cannot_tell_apart_is_read_again() {
        let content = default_content();
        let file = content.path().join("exercises/calf-stretch.yaml");
        let mut cache = FileCache::new();
        // Two saves of the same size within one tick of the clock: the
        // file's time and size stay the same.
        let time = SystemTime::now();
        retitle(&file, "Stretch one", time);
        assert_eq!(
            title(content.path(), &mut cache, "calf-stretch"),
            "Stretch one"
        );
        retitle(&file, "Stretch two", time);
        assert_eq!(
            title(content.path(), &mut cache, "calf-stretch"),
            "Stretch two"
        );
    }

    #[test]
    fn a_settled_file_is_kept_and_a_changed_one_read_again() {
        let content = default_content();
        let file = content.path().join("exercises/calf-stretch.yaml");
        let mut cache = FileCache::new();
        let an_hour_ago = SystemTime::now() - Duration::from_secs(3600);
        retitle(&file, "Stretch one", an_hour_ago);
        assert_eq!(
            title(content.path(), &mut cache, "calf-stretch"),
            "Stretch one"
        );
        assert_eq!(
            title(content.path(), &mut cache, "calf-stretch"),
            "Stretch one"
        );
        // Saved again, a second later by its time: another stamp.
        retitle(&file, "Stretch two", an_hour_ago + Duration::from_secs(1));
        assert_eq!(
            title(content.path(), &mut cache, "calf-stretch"),
            "Stretch two"
        );
        // A file gone is gone from the cache too.
        std::fs::remove_file(&file).unwrap();
        std::fs::remove_file(content.path().join("exercises/calf-stretch.es.yaml")).ok();
        let project = load_with(content.path(), Some(&mut cache));
        if let Ok(project) = project {
            assert!(project.exercises.iter().all(|e| e.id != "calf-stretch"));
        }
        assert!(cache.files.files.keys().all(|path| path != &file));
    }

    /// The dose check of an exercise is kept while its file and its dose
    /// are as they were; its phase's new schedule is a new dose.
    #[test]
    fn the_dose_check_is_done_again_when_the_phase_changes_the_dose() {
        let content = default_content();
        let exercise = content.path().join("exercises/calf-stretch.yaml");
        let phase = content.path().join("phases/gentle-stretching.md");
        let text = std::fs::read_to_string(&exercise).unwrap();
        let step = "  - Stand up straight, then switch legs.\n";
        let restating = text.replacen(step, &format!("{step}  - Do this 5-6 times a day.\n"), 1);
        std::fs::write(&exercise, restating).unwrap();
        let schedule = |times: &str| {
            let text = std::fs::read_to_string(&phase).unwrap();
            let line = text
                .lines()
                .find(|l| l.starts_with("times_per_day: "))
                .unwrap();
            std::fs::write(
                &phase,
                text.replacen(line, &format!("times_per_day: {times}"), 1),
            )
            .unwrap();
        };
        let mut cache = FileCache::new();
        let problems_of = |cache: &mut FileCache| -> Vec<String> {
            let warnings = match load_with(content.path(), Some(cache)) {
                Ok(project) => project.warnings,
                Err(problems) => problems.0,
            };
            (warnings.iter())
                .filter(|d| d.to_string().contains("calf-stretch.yaml"))
                .filter(|d| d.message.contains("times a day"))
                .map(|d| format!("{:?} {}", d.severity, d.message))
                .collect()
        };
        // Another number of times a day than the dose's: a warning, found
        // again from what was kept.
        schedule("4-5");
        let other = problems_of(&mut cache);
        assert_eq!(other.len(), 1, "{other:?}");
        assert_eq!(problems_of(&mut cache), other);
        // The phase's times are now the ones the text says: it restates
        // the dose, an error, though the exercise's file is as it was.
        schedule("5-6");
        let restated = problems_of(&mut cache);
        assert_ne!(restated, other);
        assert!(
            restated.iter().any(|p| p.starts_with("Error")),
            "{restated:?}"
        );
        assert_eq!(problems_of(&mut cache), restated);
    }

    /// Told which files changed, a load asks only them; a file added or
    /// removed among them makes it walk the folder again.
    #[test]
    fn a_load_told_the_changed_files_asks_only_them() {
        let content = default_content();
        let root = content.path().canonicalize().unwrap();
        let file = root.join("exercises/calf-stretch.yaml");
        let mut cache = FileCache::new();
        let an_hour_ago = SystemTime::now() - Duration::from_secs(3600);
        retitle(&file, "Stretch one", an_hour_ago);
        assert_eq!(title(&root, &mut cache, "calf-stretch"), "Stretch one");
        retitle(&file, "Stretch two", an_hour_ago + Duration::from_secs(1));
        // A template and a file outside the content changed besides.
        let elsewhere = std::env::temp_dir().join("handout-not-content.yaml");
        cache.changed_only(vec![file.clone(), elsewhere]);
        assert_eq!(title(&root, &mut cache, "calf-stretch"), "Stretch two");
        let found = |cache: &FileCache| cache.walked.as_ref().unwrap().found.len();
        let before = found(&cache);

        // A new exercise, named: the folder is walked again.
        let added = root.join("exercises/calf-stretch-two.yaml");
        let translated = root.join("exercises/calf-stretch-two.es.yaml");
        std::fs::copy(&file, &added).unwrap();
        std::fs::copy(root.join("exercises/calf-stretch.es.yaml"), &translated).unwrap();
        cache.changed_only(vec![added.clone(), translated.clone()]);
        let project = load_with(&root, Some(&mut cache)).unwrap_or_else(|e| panic!("{e}"));
        assert!(project.exercises.iter().any(|e| e.id == "calf-stretch-two"));
        assert_eq!(found(&cache), before + 2);

        // Removed, named: walked again.
        std::fs::remove_file(&added).unwrap();
        std::fs::remove_file(&translated).unwrap();
        cache.changed_only(vec![added, translated]);
        let project = load_with(&root, Some(&mut cache)).unwrap_or_else(|e| panic!("{e}"));
        assert!(project.exercises.iter().all(|e| e.id != "calf-stretch-two"));
        assert_eq!(found(&cache), before);

        // Nothing of the content changed (a template did): nothing asked,
        // the files as they were.
        cache.changed_only(Vec::new());
        assert_eq!(title(&root, &mut cache, "calf-stretch"), "Stretch two");
    }
}
