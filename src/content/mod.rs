//! Loads a content folder: finds its files, reads them safely, validates
//! each one, then checks what refers to what. Every problem in every file is
//! reported at once.
//!
//! ```text
//! content/
//!   handout.yaml           settings of the whole publication
//!   phases/<id>.md         a recovery phase: YAML front matter + Markdown
//!   exercises/<id>.yaml    one exercise
//!   pages/<id>.md          other prose: YAML front matter + Markdown
//!   programs/<id>.yaml     a published program: phases and exercises chosen
//!   figures/               images that exercises point to
//! ```

mod chars;
pub mod drafts;
mod fields;
mod figures;
mod file_cache;
pub mod glossary;
pub mod model;
pub mod numbers;
pub mod patient_program;
pub mod placeholders;
mod prescription;
pub mod program;
mod read;
mod schema;
mod todo;
pub mod translation;
mod validate;
pub mod variables;
pub mod yaml;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use chars::{
    CharsFound, MAX_CHARS_PER_FILE, hint_for as unprintable_hint, locate_chars, locate_words,
    unprintable_because,
};
pub use model::*;
pub use program::{Selected, SelectedPhase, Selection, Window};
pub use read::MAX_FILE_BYTES;
pub use todo::todos;

use crate::diag::{Diagnostic, Diagnostics, did_you_mean};
use crate::fonts::FontBook;
use crate::links::LinkKind;
use fields::File;
use figures::check_figure_path;
use read::{Found, front_matter, parse_yaml, read_text};
use validate::Reference;

/// A content file read into memory, kept for the cross-checks' messages
/// and then in the project.
struct Source {
    shown: PathBuf,
    kind: FileKind,
    text: Arc<str>,
    refs: Vec<Reference>,
    in_handout: bool,
    /// Whether it is a translation (kept apart from the default language's
    /// files).
    translation: bool,
}

/// Loads and validates the content folder at `root`.
pub fn load(root: &Path) -> Result<Project, Diagnostics> {
    load_with(root, None)
}

/// [`load`], reading and checking again only the files that changed since
/// `cache` last saw them (see [`FileCache`]).
pub fn load_with(root: &Path, mut cache: Option<&mut FileCache>) -> Result<Project, Diagnostics> {
    let canonical_root = content_folder(root)?;
    let walked = Walked::of(root, &canonical_root, cache.as_deref_mut());
    let (found, newest, as_last) = (Arc::clone(&walked.found), walked.newest(), walked.as_last);
    // Figures that are links to files outside the content: said once, at
    // the `image:` line that names them.
    let outside_figures = walked.outside_figures.clone();
    let mut problems = walked.problems.clone();
    if let Some(cache) = cache.as_deref_mut() {
        cache.walked = Some(walked);
    }
    let (to_read, figures) = files_to_read(&found, &mut problems);
    let mut ids: BTreeMap<(&'static str, String), PathBuf> = BTreeMap::new();
    // Files that are there but could not be read or checked: what refers
    // to them (an exercise's phase, a translation) is not a second problem.
    let mut unread: BTreeSet<PathBuf> = BTreeSet::new();
    let shared = cache.as_deref().map(|cache| &cache.files);
    // Before any file is read: a file changed while it is read is then
    // newer than this, and is not trusted by its time (see FileCache).
    let read_at = std::time::SystemTime::now();
    let read = read_all(&to_read, shared, &mut ids, &mut unread, &mut problems);
    let mut items = check_all(
        read,
        shared.map(|cache| (cache, read_at)),
        &mut unread,
        &mut problems,
    );
    if let Some(cache) = cache.as_deref_mut() {
        (cache.files).finish(
            to_read.iter().map(|(file, _)| file.shown.as_path()),
            as_last,
        );
    }
    if missing_basics(root, &found, &items, &mut problems) {
        return Err(problems);
    }
    cross_check(
        &items.sources,
        &ids,
        (&figures, &outside_figures),
        &mut problems,
    );
    let Some(mut settings) = items.settings.take() else {
        return Err(problems.into_result(()).unwrap_err_or_default());
    };
    settings.fonts = added_fonts(&items.sources, &found, &mut problems);
    items.sort();
    let paths = source_paths(&items.sources, &ids);
    let translated = translation::Sources {
        settings: Some(&settings),
        phases: &items.phases,
        exercises: &items.exercises,
        pages: &items.pages,
        programs: &items.programs,
        paths: &paths,
        unread: &unread,
    };
    let (translations, gaps) = translation::check(
        &translated,
        std::mem::take(&mut items.translations),
        &settings.languages,
        settings.translations,
    );
    let (errors, mut warnings) = gaps.split();
    problems.extend(errors.0);
    warnings.extend(settings_warnings(&settings, &items, &paths));
    let (errors, restated) = check_doses(&translated, &translations, &items.sources, cache).split();
    problems.extend(errors.0);
    warnings.extend(restated.0);
    let (files, translation_files) = into_files(items.sources);
    let glossaries = glossary::read(root, &mut problems);
    let mut project = Project {
        root: root.to_path_buf(),
        settings,
        phases: items.phases,
        exercises: items.exercises,
        pages: items.pages,
        programs: items.programs,
        newest_modification: newest,
        files,
        translations,
        translation_files,
        untranslated: Default::default(),
        warnings: warnings.0,
        glossaries,
    };
    project.warnings.extend(glossary::check_content(&project).0);
    // With errors, the warnings are said at the same time: every problem
    // at once.
    if problems.has_errors() {
        problems.extend(project.warnings);
        problems.sort();
        return Err(problems);
    }
    problems.into_result(project)
}

/// The dose is said once: checked on what loaded, sources (their texts in
/// `files`) and translations alike, reusing what `cache` kept of each
/// exercise's check.
fn check_doses(
    sources: &translation::Sources<'_>,
    translations: &[Translation],
    files: &[Source],
    cache: Option<&mut FileCache>,
) -> Diagnostics {
    let texts: prescription::FileTexts<'_> = (files.iter())
        .map(|s| (s.shown.as_path(), &*s.text))
        .collect();
    let memo = cache.as_deref().map(|cache| &cache.prescriptions);
    let found = prescription::check(sources, translations, &texts, memo);
    if let Some(cache) = cache {
        cache.prescriptions.finish();
    }
    found
}

/// The content folder `root`, canonical; an error when it is a file or
/// does not exist.
fn content_folder(root: &Path) -> Result<PathBuf, Diagnostics> {
    match root.canonicalize() {
        Ok(path) if path.is_dir() => Ok(path),
        Ok(_) => Err(Diagnostics::one(
            Diagnostic::file(root, "this is a file, not a content folder").with_hint(
                "give the folder that holds handout.yaml, phases/ and exercises/, like `--content content`",
            ),
        )),
        Err(_) => Err(Diagnostics::one(
            Diagnostic::file(root, "the content folder does not exist").with_hint(
                "run handout where the content/ folder is, or name it with `--content DIR`",
            ),
        )),
    }
}

/// Which files to read, each with its folder, and the figures by their
/// path in the content folder: the rest are in the wrong place (a
/// problem) or not the content's.
fn files_to_read<'f>(
    found: &'f [Found],
    problems: &mut Diagnostics,
) -> (Vec<(&'f Found, Folder)>, BTreeMap<String, PathBuf>) {
    let mut figures = BTreeMap::new();
    let mut to_read: Vec<(&Found, Folder)> = Vec::new();
    for file in found {
        let (folder, ext) = classify(&file.relative);
        if folder == Folder::Figures {
            figures.insert(file.relative.clone(), file.real.clone());
            continue;
        }
        if folder == Folder::Other {
            continue;
        }
        if folder == Folder::Settings && file.relative == "handout.yml" {
            let both = found.iter().any(|f| f.relative == "handout.yaml");
            problems.push(settings_yml(&file.shown, both));
            if both {
                continue;
            }
            // Read it all the same, so its own problems show now and not
            // only after the rename.
        }
        let expected_ext: &[&str] = match folder {
            Folder::Exercises => &["yaml", "yml"],
            Folder::Phases | Folder::Pages => &["md"],
            _ => &["yaml", "yml"],
        };
        if !expected_ext.contains(&ext) {
            problems.push(
                Diagnostic::file(
                    &file.shown,
                    format!("this is not a .{} file, so it is not read", expected_ext[0]),
                )
                .with_hint(format!(
                    "rename it to end in .{} or move it out of this folder",
                    expected_ext[0]
                )),
            );
            continue;
        }
        to_read.push((file, folder));
    }
    (to_read, figures)
}

/// A file read, with its folder, its text, the problem of an id another
/// file already has, and whether the text came from the cache (the file
/// unchanged since).
type ReadFile<'f> = (&'f Found, Folder, Arc<str>, Option<Diagnostic>, bool);

/// Reads the files' texts, and notes each id: a repeat is a problem of
/// the file that repeats it; a file that cannot be read is `unread`.
fn read_all<'f>(
    to_read: &[(&'f Found, Folder)],
    cache: Option<&file_cache::Files<CheckedFile>>,
    ids: &mut BTreeMap<(&'static str, String), PathBuf>,
    unread: &mut BTreeSet<PathBuf>,
    problems: &mut Diagnostics,
) -> Vec<ReadFile<'f>> {
    // Reading and checking a file is independent of the others, so a large
    // library is read and checked on every core; the results are joined in
    // the files' order, the same as from one thread.
    let texts = crate::parallel::map(to_read, 64, |(file, _)| {
        let mut read_problems = Diagnostics::new();
        if let Some(text) = cache.and_then(|cache| cache.text(file)) {
            return (Some(text), read_problems, true);
        }
        let text = read_text(file, &mut read_problems).map(Arc::from);
        (text, read_problems, false)
    });
    // Ids are checked for repeats in order, over the files that could be
    // read, before each file is checked (a repeat is one of its problems).
    let mut read: Vec<ReadFile<'f>> = Vec::new();
    for ((file, folder), (text, read_problems, cached)) in to_read.iter().zip(texts) {
        problems.extend(read_problems.0);
        let mut repeat = None;
        if *folder != Folder::Settings && translation::split_stem(&stem(&file.relative)).is_none() {
            let id = stem(&file.relative);
            let kind = folder_kind(*folder);
            if let Some(first) = ids.insert((kind, id.clone()), file.shown.clone()) {
                repeat = Some(
                    Diagnostic::file(
                        &file.shown,
                        format!("there are two {kind}s with the id '{id}'"),
                    )
                    .with_hint(format!(
                        "the other is {}; ids come from file names and must be unique: rename one",
                        first.display()
                    )),
                );
            }
        }
        let Some(text) = text else {
            unread.insert(file.shown.clone());
            continue;
        };
        read.push((file, *folder, text, repeat, cached));
    }
    read
}

/// What the content's files hold, each file checked on its own, in the
/// order of the files until [`Items::sort`].
#[derive(Default)]
struct Items {
    settings: Option<Settings>,
    phases: Vec<Phase>,
    exercises: Vec<Exercise>,
    pages: Vec<ProsePage>,
    programs: Vec<Program>,
    translations: Vec<Translation>,
    sources: Vec<Source>,
}

impl Items {
    /// Phases, pages and programs in their order; exercises by phase, then
    /// in their own order; each exercise without `times_per_day` takes its
    /// phase's.
    fn sort(&mut self) {
        let Items {
            phases,
            exercises,
            pages,
            programs,
            ..
        } = self;
        phases.sort_by(|a, b| (a.order, &a.id).cmp(&(b.order, &b.id)));
        pages.sort_by(|a, b| (a.order, &a.id).cmp(&(b.order, &b.id)));
        programs.sort_by(|a: &Program, b: &Program| a.id.cmp(&b.id));
        let phase_rank: BTreeMap<&str, usize> = phases
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id.as_str(), i))
            .collect();
        exercises.sort_by(|a, b| {
            let rank = |e: &'_ Exercise| {
                (
                    phase_rank.get(e.phase.as_str()).copied(),
                    e.order.is_none(),
                    e.order,
                )
            };
            rank(a).cmp(&rank(b)).then_with(|| a.title.cmp(&b.title))
        });
        for exercise in exercises {
            if exercise.dose.times_per_day.is_none() {
                exercise.dose.times_per_day = phases
                    .iter()
                    .find(|p| p.id == exercise.phase)
                    .and_then(|p| p.times_per_day);
            }
        }
    }
}

/// Checks every file read, on every core, and gathers what they hold.
fn check_all(
    read: Vec<ReadFile<'_>>,
    cache: Option<(&file_cache::Files<CheckedFile>, std::time::SystemTime)>,
    unread: &mut BTreeSet<PathBuf>,
    problems: &mut Diagnostics,
) -> Items {
    let checked = crate::parallel::map(&read, 64, |(file, folder, text, repeat, cached)| {
        let Some((cache, read_at)) = cache else {
            return check_file(file, *folder, text, repeat.clone());
        };
        let checked = cache.checked(file, text, repeat);
        if *cached && let Some(checked) = checked {
            return checked;
        }
        // Read from the file: kept with the file's stamp now.
        let checked = checked.unwrap_or_else(|| check_file(file, *folder, text, repeat.clone()));
        cache.keep(file, text, repeat, &checked, read_at);
        checked
    });
    let mut items = Items::default();
    for ((file, folder, text, _, _), checked) in read.into_iter().zip(checked) {
        problems.extend(checked.problems);
        let mut in_handout = true;
        match checked.item {
            Checked::Nothing => {
                unread.insert(file.shown.clone());
            }
            Checked::Settings(found) => items.settings = *found,
            Checked::Exercise(exercise) => items.exercises.push(*exercise),
            Checked::Phase(phase) => items.phases.push(*phase),
            Checked::Page(page) => {
                in_handout = page.in_handout;
                items.pages.push(*page);
            }
            Checked::Program(program) => items.programs.push(*program),
            Checked::Translation(found) => items.translations.push(*found),
        }
        let kind = match folder {
            Folder::Settings => FileKind::Settings,
            Folder::Phases => FileKind::Phase,
            Folder::Exercises => FileKind::Exercise,
            Folder::Programs => FileKind::Program,
            _ => FileKind::Page,
        };
        items.sources.push(Source {
            shown: file.shown.clone(),
            kind,
            text,
            refs: checked.refs,
            in_handout,
            translation: translation::split_stem(&stem(&file.relative)).is_some(),
        });
    }
    items
}

/// Says what is missing that every content folder needs: handout.yaml,
/// a phase. `true` when the folder holds nothing at all: that is the one
/// problem, and loading stops.
fn missing_basics(root: &Path, found: &[Found], items: &Items, problems: &mut Diagnostics) -> bool {
    if items.settings.is_none()
        && items.phases.is_empty()
        && items.exercises.is_empty()
        && problems.is_empty()
    {
        problems.push(Diagnostic::file(root, "the content folder is empty").with_hint(
            "start from the example: copy the content/ folder that comes with handout and edit it. \
             You need handout.yaml (with a `title:`), at least one phase in phases/ and exercises in exercises/; \
             content/README.md explains every field",
        ));
        return true;
    }
    if items.settings.is_none()
        && !found
            .iter()
            .any(|f| f.relative == "handout.yaml" || f.relative == "handout.yml")
    {
        problems.push(
            Diagnostic::file(&root.join("handout.yaml"), "handout.yaml is missing")
                .with_hint("create it with at least `title: Exercises after spine surgery`"),
        );
    }
    if items.phases.is_empty() && !found.iter().any(|f| f.relative.starts_with("phases/")) {
        problems.push(Diagnostic::file(&root.join("phases"), "there are no phases").with_hint(
            "add a file like phases/gentle-stretching.md with `title:` and `order:` in its front matter",
        ));
    }
    false
}

/// Each source file's path (not the translations'), by kind and id.
///
/// A source with problems of its own still exists (its translations
/// translate something), and is reported once: not again for each
/// language it lacks, nor is a broken translation's source said to lack
/// it (`unread`).
fn source_paths(
    sources: &[Source],
    ids: &BTreeMap<(&'static str, String), PathBuf>,
) -> BTreeMap<(FileKind, String), PathBuf> {
    let mut paths: BTreeMap<(FileKind, String), PathBuf> = BTreeMap::new();
    if let Some(source) = (sources.iter()).find(|s| s.kind == FileKind::Settings && !s.translation)
    {
        paths.insert((FileKind::Settings, String::new()), source.shown.clone());
    }
    for ((kind, id), path) in ids {
        let kind = match *kind {
            "phase" => FileKind::Phase,
            "exercise" => FileKind::Exercise,
            "program" => FileKind::Program,
            _ => FileKind::Page,
        };
        paths.insert((kind, id.clone()), path.clone());
    }
    paths.retain(|(kind, _), _| *kind != FileKind::Patient);
    paths
}

/// The warnings about the settings and the exercises that do not stop a
/// build: no warning signs, the demo's clinic left as it came, reviews
/// out of date.
fn settings_warnings(
    settings: &Settings,
    items: &Items,
    paths: &BTreeMap<(FileKind, String), PathBuf>,
) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    if settings.warning_signs.is_none()
        && let Some(path) = paths.get(&(FileKind::Settings, String::new()))
    {
        warnings.push(
            Diagnostic::file(path, "there are no warning signs: patients are not told when to get help")
                .with_hint(
                    "add `warning_signs:` with the emergency number and the signs to call for \
                     (content/README.md shows them; the default content's handout.yaml has the standard ones after spine surgery)",
                )
                .warning(),
        );
    }
    // The demo's clinic left as it came, in any language, and no phone.
    let sources = &items.sources;
    let settings_files = (sources.iter())
        .filter(|s| s.kind == FileKind::Settings && !s.translation)
        .chain(
            sources
                .iter()
                .filter(|s| s.kind == FileKind::Settings && s.translation),
        )
        .map(|s| (s.shown.as_path(), &*s.text));
    warnings.extend(placeholders::check(settings, settings_files).0);
    warnings.extend(reviews_out_of_date(
        &items.exercises,
        sources,
        patient_program::today(),
    ));
    warnings
}

/// The files read, as the project keeps them: the default language's, and
/// the translations' by their path.
fn into_files(sources: Vec<Source>) -> (Vec<ContentFile>, BTreeMap<PathBuf, ContentFile>) {
    let mut files = Vec::new();
    let mut translation_files = BTreeMap::new();
    for source in sources {
        let file = ContentFile {
            path: source.shown,
            kind: source.kind,
            text: source.text,
            in_handout: source.in_handout,
        };
        if source.translation {
            translation_files.insert(file.path.clone(), file);
        } else {
            files.push(file);
        }
    }
    (files, translation_files)
}

/// Reads and adds the fonts handout.yaml names in `fonts:`: each must be a
/// file inside the content folder (found by the walk, so a link cannot
/// lead out of it) and a TrueType font.
fn added_fonts(sources: &[Source], found: &[Found], problems: &mut Diagnostics) -> FontBook {
    let Some(source) = (sources.iter()).find(|s| s.kind == FileKind::Settings && !s.translation)
    else {
        return FontBook::default();
    };
    let mut fonts = FontBook::default();
    for reference in &source.refs {
        let Reference::FontFile { path, at } = reference else {
            continue;
        };
        let located = |message: String, hint: String| {
            Diagnostic::at_offset(&source.shown, &source.text, at.start, at.len(), message)
                .with_hint(hint)
        };
        let normal: String = (Path::new(path).components())
            .filter(|c| !matches!(c, std::path::Component::CurDir))
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/");
        let Some(file) = found.iter().find(|f| f.relative == normal) else {
            let fonts_found: Vec<&str> = (found.iter())
                .map(|f| f.relative.as_str())
                .filter(|r| r.ends_with(".ttf") || r.ends_with(".otf"))
                .collect();
            let hint = match crate::diag::did_you_mean(&normal, fonts_found.iter().copied()) {
                Some(close) => format!("did you mean '{close}'?"),
                None => "put the font file inside the content folder (like content/fonts/) and write its path from there: `fonts: [fonts/NotoSansJP-Regular.ttf]`"
                    .to_string(),
            };
            problems.push(located(
                format!("the font '{path}' is not a file inside the content folder"),
                hint,
            ));
            continue;
        };
        let bytes = match std::fs::read(&file.real) {
            Ok(bytes) => bytes,
            Err(error) => {
                problems.push(located(
                    format!("the font '{path}' cannot be read: {error}"),
                    "check the file's permissions".to_string(),
                ));
                continue;
            }
        };
        if let Err(error) = fonts.add(&bytes) {
            problems.push(located(
                format!("the font '{path}' {error}"),
                "use the TrueType (.ttf) file of the font, such as NotoSansJP-Regular.ttf from Google Fonts"
                    .to_string(),
            ));
        }
    }
    fonts
}

/// The kind of content a folder holds, as its ids are named in messages.
fn folder_kind(folder: Folder) -> &'static str {
    match folder {
        Folder::Phases => "phase",
        Folder::Exercises => "exercise",
        Folder::Programs => "program",
        _ => "page",
    }
}

/// What one content file holds, once checked.
#[derive(Clone)]
enum Checked {
    /// Nothing usable (its problems say why).
    Nothing,
    Settings(Box<Option<Settings>>),
    Exercise(Box<Exercise>),
    Phase(Box<Phase>),
    Page(Box<ProsePage>),
    Program(Box<Program>),
    Translation(Box<Translation>),
}

/// What each content file held when last read and what checking it found,
/// kept by a process that loads the content again and again (`serve`'s
/// builder): see [`load_with`].
pub struct FileCache {
    files: file_cache::Files<CheckedFile>,
    /// What the dose check found in each exercise.
    prescriptions: prescription::Memo,
    /// The files the last load found, with their size and time.
    walked: Option<Walked>,
    /// The only files that changed since, when the watcher could say
    /// (see [`FileCache::changed_only`]).
    changed: Option<Vec<PathBuf>>,
}

impl FileCache {
    /// A cache that knows no file yet.
    pub fn new() -> FileCache {
        FileCache {
            files: file_cache::Files::new(),
            prescriptions: prescription::Memo::default(),
            walked: None,
            changed: None,
        }
    }

    /// Says that, since the last load, only the files at `paths` (real
    /// paths) may have changed, as `serve`'s file watcher saw them: the
    /// next load asks only them their size and time, instead of walking
    /// the folder and asking every file (ten thousand stat calls at each
    /// save of a large library). A path that is not a file the last load
    /// found (a file added or removed) makes the load walk the folder
    /// again; so does a load told nothing.
    pub fn changed_only(&mut self, paths: Vec<PathBuf>) {
        self.changed = Some(paths);
    }
}

/// The files a walk of the content folder found, and what it said.
#[derive(Default)]
struct Walked {
    /// The content folder's real path.
    root: PathBuf,
    /// Shared with the load under way, and so copied only when a later
    /// load changes it while that one still holds it.
    found: Arc<Vec<Found>>,
    outside_figures: BTreeMap<String, PathBuf>,
    problems: Diagnostics,
    /// Whether these are the files the last load found (told what
    /// changed, none was added or removed): not walked again.
    as_last: bool,
}

impl Walked {
    /// The files in the content folder `root` (`canonical_root` its real
    /// path): those `cache` found, when it was told which of them changed
    /// since, else walked now.
    fn of(root: &Path, canonical_root: &Path, cache: Option<&mut FileCache>) -> Walked {
        let told = cache.and_then(|cache| {
            let changed = cache.changed.take()?;
            let mut last = cache.walked.take()?;
            (last.root == canonical_root && last.changed(&changed)).then_some(Walked {
                as_last: true,
                ..last
            })
        });
        told.unwrap_or_else(|| {
            let mut walked = Walked {
                root: canonical_root.to_path_buf(),
                as_last: false,
                ..Walked::default()
            };
            walked.found = Arc::new(find_files(
                root,
                canonical_root,
                &mut walked.outside_figures,
                &mut walked.problems,
            ));
            walked
        })
    }

    /// The newest file's time, in seconds since 1970.
    fn newest(&self) -> i64 {
        (self.found.iter())
            .filter_map(|file| file.metadata.as_ref()?.modified().ok())
            .filter_map(|modified| modified.duration_since(std::time::UNIX_EPOCH).ok())
            .map(|since| since.as_secs() as i64)
            .max()
            .unwrap_or(0)
    }

    /// Asks the files at `changed` their size and time again; `false` when
    /// one of them is not a plain file this walk found (added, removed, a
    /// link, a folder): the folder must be walked again. Paths outside the
    /// content folder, or hidden in it, are no content.
    fn changed(&mut self, changed: &[PathBuf]) -> bool {
        let found = Arc::make_mut(&mut self.found);
        for path in changed {
            let Ok(relative) = path.strip_prefix(&self.root) else {
                continue;
            };
            let parts: Vec<String> = (relative.components())
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            if parts.iter().any(|part| part.starts_with('.')) {
                continue;
            }
            let relative = parts.join("/");
            let Some(file) = found.iter_mut().find(|f| f.relative == relative) else {
                return false;
            };
            match std::fs::symlink_metadata(&file.real) {
                Ok(metadata) if file.real == file.shown && metadata.is_file() => {
                    file.metadata = Some(metadata);
                }
                _ => return false,
            }
        }
        true
    }
}

impl Default for FileCache {
    fn default() -> FileCache {
        FileCache::new()
    }
}

/// One file checked on its own: what it holds, its problems and what it
/// refers to (checked against the other files afterwards).
#[derive(Clone)]
struct CheckedFile {
    item: Checked,
    problems: Vec<Diagnostic>,
    refs: Vec<Reference>,
}

/// Checks one file read from `folder`; `repeat` is the problem of an id
/// another file already has.
fn check_file(file: &Found, folder: Folder, text: &str, repeat: Option<Diagnostic>) -> CheckedFile {
    let mut refs = Vec::new();
    let checked = File::new(&file.shown, text);
    let stem = stem(&file.relative);
    if let Some((id, language)) = translation::split_stem(&stem) {
        let item = check_translation(&checked, file, folder, id, language, &mut refs);
        return CheckedFile {
            item: item.map_or(Checked::Nothing, |t| Checked::Translation(Box::new(t))),
            problems: checked.into_problems(),
            refs,
        };
    }
    let id = stem;
    if folder != Folder::Settings {
        check_id(&checked, &id);
    }
    if let Some(repeat) = repeat {
        checked.push(repeat);
    }
    let item = match folder {
        Folder::Settings => parse_yaml(&checked, text, 0).map_or(Checked::Nothing, |node| {
            Checked::Settings(Box::new(validate::settings(&checked, &node, &mut refs)))
        }),
        Folder::Exercises => parse_yaml(&checked, text, 0)
            .and_then(|node| validate::exercise(&checked, &id, &node, &mut refs))
            .map_or(Checked::Nothing, |e| Checked::Exercise(Box::new(e))),
        Folder::Programs => parse_yaml(&checked, text, 0)
            .and_then(|node| program::program(&checked, &id, &node, &mut refs))
            .map_or(Checked::Nothing, |p| Checked::Program(Box::new(p))),
        Folder::Phases | Folder::Pages => match front_matter(&checked) {
            Some((node, body, body_offset)) if folder == Folder::Phases => {
                validate::phase(&checked, &id, &node, body, body_offset, &mut refs)
                    .map_or(Checked::Nothing, |p| Checked::Phase(Box::new(p)))
            }
            Some((node, body, body_offset)) => {
                validate::page(&checked, &id, &node, body, body_offset, &mut refs)
                    .map_or(Checked::Nothing, |p| Checked::Page(Box::new(p)))
            }
            None => Checked::Nothing,
        },
        Folder::Figures | Folder::Other => unreachable!("never read"),
    };
    CheckedFile {
        item,
        problems: checked.into_problems(),
        refs,
    }
}

/// Checks a translation's file: its id as any file's, its words as the
/// kind of file it translates says.
fn check_translation(
    checked: &File<'_>,
    file: &Found,
    folder: Folder,
    id: &str,
    language: &str,
    refs: &mut Vec<Reference>,
) -> Option<Translation> {
    let (of, source) = match folder {
        Folder::Settings => (FileKind::Settings, PathBuf::from("handout.yaml")),
        _ => {
            check_id(checked, id);
            let ext = file.relative.rsplit_once('.').map_or("", |(_, e)| e);
            let kind = match folder {
                Folder::Phases => FileKind::Phase,
                Folder::Exercises => FileKind::Exercise,
                Folder::Programs => FileKind::Program,
                _ => FileKind::Page,
            };
            (kind, file.shown.with_file_name(format!("{id}.{ext}")))
        }
    };
    let words = match folder {
        Folder::Settings => parse_yaml(checked, checked.text, 0)
            .and_then(|n| translation::settings(checked, &n, refs)),
        Folder::Exercises => parse_yaml(checked, checked.text, 0)
            .and_then(|n| translation::exercise(checked, &source, &n, refs)),
        Folder::Programs => parse_yaml(checked, checked.text, 0)
            .and_then(|n| translation::program(checked, &source, &n)),
        Folder::Phases => {
            let (node, body, offset) = front_matter(checked)?;
            translation::phase(checked, &source, &node, body, offset, refs)
        }
        Folder::Pages => {
            let (node, body, offset) = front_matter(checked)?;
            translation::page(checked, &source, &node, body, offset, refs)
        }
        Folder::Figures | Folder::Other => unreachable!("never read"),
    }?;
    Some(Translation {
        language: language.to_string(),
        of,
        id: if of == FileKind::Settings {
            String::new()
        } else {
            id.to_string()
        },
        path: file.shown.clone(),
        words,
    })
}

/// The one problem with a `handout.yml`: the settings are only read from
/// `handout.yaml`. `both` when a `handout.yaml` is there too.
fn settings_yml(path: &Path, both: bool) -> Diagnostic {
    if both {
        Diagnostic::file(
            path,
            "handout.yml is not read: the settings are read from handout.yaml",
        )
        .with_hint("move what it holds into handout.yaml, then delete handout.yml")
    } else {
        Diagnostic::file(
            path,
            "the settings file must be called handout.yaml, not handout.yml",
        )
        .with_hint("rename handout.yml to handout.yaml")
    }
}

trait UnwrapErrOrDefault {
    fn unwrap_err_or_default(self) -> Diagnostics;
}
impl UnwrapErrOrDefault for Result<(), Diagnostics> {
    /// The problems, or none: a missing handout.yaml was already reported.
    fn unwrap_err_or_default(self) -> Diagnostics {
        self.err().unwrap_or_default()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Folder {
    Settings,
    Phases,
    Exercises,
    Pages,
    Programs,
    Figures,
    Other,
}

fn classify(relative: &str) -> (Folder, &str) {
    let ext = relative.rsplit_once('.').map_or("", |(_, e)| e);
    let folder = match relative.split_once('/') {
        None if relative == "handout.yaml" || relative == "handout.yml" => Folder::Settings,
        None if translation::split_stem(&stem(relative)).is_some_and(|(id, _)| id == "handout") => {
            Folder::Settings
        }
        None => Folder::Other,
        Some(("phases", _)) => Folder::Phases,
        Some(("exercises", _)) => Folder::Exercises,
        Some(("pages", _)) => Folder::Pages,
        Some(("programs", _)) => Folder::Programs,
        Some(("figures", _)) => Folder::Figures,
        Some(_) => Folder::Other,
    };
    (folder, ext)
}

fn stem(relative: &str) -> String {
    let name = relative.rsplit('/').next().unwrap_or(relative);
    name.rsplit_once('.').map_or(name, |(s, _)| s).to_string()
}

/// Walks the folder in a fixed order, skipping hidden files, and refuses
/// symlinks that lead outside it.
fn find_files(
    root: &Path,
    canonical_root: &Path,
    outside_figures: &mut BTreeMap<String, PathBuf>,
    problems: &mut Diagnostics,
) -> Vec<Found> {
    let mut found = Vec::new();
    for entry in crate::walk::visible(root, false) {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                let path = error.path().unwrap_or(root).to_path_buf();
                problems.push(
                    Diagnostic::file(&path, format!("cannot be read: {error}"))
                        .with_hint("check its permissions"),
                );
                continue;
            }
        };
        let shown = entry.path().to_path_buf();
        let Ok(relative) = entry.path().strip_prefix(root) else {
            continue;
        };
        let relative: String = relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        let mut real = shown.clone();
        if entry.path_is_symlink() {
            match entry.path().canonicalize() {
                Ok(target) if target.starts_with(canonical_root) => {
                    if target.is_dir() {
                        continue;
                    }
                    real = target;
                }
                Ok(target) if relative.starts_with("figures/") => {
                    outside_figures.insert(relative, target);
                    continue;
                }
                Ok(target) => {
                    problems.push(
                        Diagnostic::file(
                            &shown,
                            format!(
                                "this link leads outside the content folder, to {}",
                                target.display()
                            ),
                        )
                        .with_hint(
                            "copy the file into the content folder instead of linking to it",
                        ),
                    );
                    continue;
                }
                Err(_) => {
                    problems.push(
                        Diagnostic::file(&shown, "this link leads nowhere")
                            .with_hint("remove it or point it at a file"),
                    );
                    continue;
                }
            }
        } else if !entry.file_type().is_file() {
            continue;
        }
        if relative == "README.md" {
            continue;
        }
        found.push(Found {
            relative,
            shown,
            real,
            metadata: None,
        });
    }
    // Every file's size and time, asked on every core (ten thousand stat
    // calls): the newest time is the PDFs' date, and a file whose size and
    // time are as they were need not be read again (`FileCache`).
    let metadata = crate::parallel::map(&found, 512, |file| std::fs::metadata(&file.real).ok());
    for (file, metadata) in found.iter_mut().zip(metadata) {
        file.metadata = metadata;
    }
    found
}

/// Whether `id` is a content id: lowercase words (letters and digits)
/// joined by single dashes, like `calf-raise-2`.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.split('-').all(|part| {
            !part.is_empty()
                && part
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
}

fn check_id(file: &File<'_>, id: &str) {
    if !is_valid_id(id) {
        let suggestion: String = id
            .to_lowercase()
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join("-");
        file.push(
            Diagnostic::file(
                file.path,
                format!("'{id}' is not a valid id: ids are lowercase words joined by dashes"),
            )
            .with_hint(if suggestion.is_empty() {
                "rename the file, like hamstring-stretch.yaml".to_string()
            } else {
                format!("rename the file to use the id '{suggestion}'")
            }),
        );
    }
}

/// What is wrong with a link written as a path (`safety-tips.md`), if
/// anything: it must name a content file that exists. The hint names the
/// closest content file, as a path from the link's folder.
fn file_link_problem(
    dest: &str,
    folder: &str,
    target: &crate::links::FileLink,
    ids: &[(LinkKind, &Vec<&str>)],
) -> Option<(String, String)> {
    use crate::links::{FileLink, file_path_from};
    let (wanted, kinds): (&str, Vec<LinkKind>) = match target {
        FileLink::Content { kind, id, .. } => {
            let known = ids.iter().find(|(k, _)| k == kind).map(|(_, ids)| ids);
            if known.is_some_and(|ids| ids.binary_search(&id.as_str()).is_ok()) {
                return None;
            }
            (id, vec![*kind])
        }
        FileLink::Other(path) => {
            let name = path.rsplit('/').next().unwrap_or(path);
            let (stem, ext) = name.rsplit_once('.').unwrap_or((name, ""));
            // A picture or a web address is no misspelt content file.
            let kinds = match ext {
                "" | "md" | "yaml" | "yml" | "html" if !dest.starts_with("www.") => {
                    LinkKind::ALL.to_vec()
                }
                _ => Vec::new(),
            };
            (stem, kinds)
        }
    };
    let close = (ids.iter())
        .filter(|(kind, _)| kinds.contains(kind))
        .flat_map(|(kind, ids)| ids.iter().map(move |id| (*kind, *id)))
        .map(|(kind, id)| (strsim::damerau_levenshtein(wanted, id), kind, id))
        .filter(|(distance, _, id)| *distance <= 2.max(id.len() / 3))
        .min_by_key(|(distance, _, _)| *distance);
    let hint = match close {
        Some((_, kind, id)) => format!("did you mean `{}`?", file_path_from(folder, kind, id)),
        None if dest.starts_with("www.") => format!("a web address starts with https://, like `https://{dest}`"),
        None => "link to a page, a phase or an exercise by its file (`why-movement-matters.md`, `../exercises/calf-stretch.yaml`) or by its id (`page:why-movement-matters`), or to a web address starting with https://".to_string(),
    };
    let message = match target {
        FileLink::Content { kind, id, .. } => format!(
            "the link '{dest}' leads nowhere: there is no {} '{id}'",
            kind.scheme()
        ),
        FileLink::Other(_) => {
            format!("the link '{dest}' leads to no page: it names no phase, page or exercise file")
        }
    };
    Some((message, hint))
}

/// Checks everything that refers to something else: phases, content links
/// and figure files.
///
/// Ids come from file names, so a file with problems of its own still
/// counts as existing: its problems are reported once, not again at every
/// link to it.
fn cross_check(
    sources: &[Source],
    ids: &BTreeMap<(&'static str, String), PathBuf>,
    (figures, outside_figures): (&BTreeMap<String, PathBuf>, &BTreeMap<String, PathBuf>),
    problems: &mut Diagnostics,
) {
    // Sorted, as the map's keys are: a library of 10,000 exercises looks
    // each reference up by halves.
    let ids_of = |kind: &str| -> Vec<&str> {
        ids.keys()
            .filter(|(k, _)| *k == kind)
            .map(|(_, id)| id.as_str())
            .collect()
    };
    let (phase_ids, exercise_ids, page_ids) = (ids_of("phase"), ids_of("exercise"), ids_of("page"));
    let known = |ids: &[&str]| {
        if ids.is_empty() {
            "there are none".to_string()
        } else {
            ids.join(", ")
        }
    };
    for source in sources {
        let at = |range: &std::ops::Range<usize>, message: String| {
            Diagnostic::at_offset(
                &source.shown,
                &source.text,
                range.start,
                range.len(),
                message,
            )
        };
        for reference in &source.refs {
            match reference {
                Reference::Phase { id, at: range }
                    if phase_ids.binary_search(&id.as_str()).is_err() =>
                {
                    let hint = match did_you_mean(id, phase_ids.iter().copied()) {
                        Some(close) => {
                            format!("did you mean '{close}'? phases: {}", known(&phase_ids))
                        }
                        None => format!("phases: {}", known(&phase_ids)),
                    };
                    problems
                        .push(at(range, format!("phase '{id}' does not exist")).with_hint(hint));
                }
                Reference::Link {
                    kind,
                    id,
                    at: range,
                } => {
                    let ids = match kind {
                        LinkKind::Exercise => &exercise_ids,
                        LinkKind::Phase => &phase_ids,
                        LinkKind::Page => &page_ids,
                    };
                    if ids.binary_search(&id.as_str()).is_err() {
                        let scheme = kind.scheme();
                        let hint = match did_you_mean(id, ids.iter().copied()) {
                            Some(close) => format!("did you mean '{scheme}:{close}'?"),
                            None => format!("{scheme}s: {}", known(ids)),
                        };
                        problems.push(at(range, format!("the link '{scheme}:{id}' leads nowhere: there is no {scheme} '{id}'")).with_hint(hint));
                    }
                }
                Reference::FileLink {
                    dest,
                    folder,
                    target,
                    at: range,
                } => {
                    let all = [
                        (LinkKind::Page, &page_ids),
                        (LinkKind::Phase, &phase_ids),
                        (LinkKind::Exercise, &exercise_ids),
                    ];
                    if let Some(problem) = file_link_problem(dest, folder, target, &all) {
                        problems.push(at(range, problem.0).with_hint(problem.1));
                    }
                }
                Reference::Exercise { id, at: range }
                    if exercise_ids.binary_search(&id.as_str()).is_err() =>
                {
                    let hint = match did_you_mean(id, exercise_ids.iter().copied()) {
                        Some(close) => format!("did you mean '{close}'?"),
                        None => format!("exercises: {}", known(&exercise_ids)),
                    };
                    problems
                        .push(at(range, format!("exercise '{id}' does not exist")).with_hint(hint));
                }
                Reference::Exercise { .. } => {}
                Reference::FontFile { .. } => {}
                Reference::FigureFile { path, at: range } => {
                    if let Some(problem) = check_figure_path(path, figures, outside_figures) {
                        problems.push(at(range, problem.0).with_hint(problem.1));
                    }
                }
                Reference::Phase { .. } => {}
            }
        }
    }
}

/// How old an exercise's `last_reviewed:` may be before `check` says so.
const REVIEW_DAYS: i32 = 366;

/// A warning for each exercise whose instructions were last reviewed more
/// than a year before `today` (SOURCE_DATE_EPOCH's day when it is set),
/// at its `last_reviewed:` line.
fn reviews_out_of_date(
    exercises: &[Exercise],
    sources: &[Source],
    today: jiff::civil::Date,
) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    for exercise in exercises {
        let Some(reviewed) = exercise.last_reviewed else {
            continue;
        };
        let Ok(age) = today.since(reviewed) else {
            continue;
        };
        let days = age.get_days();
        if days <= REVIEW_DAYS {
            continue;
        }
        let file = format!("{}.yaml", exercise.id);
        let Some(source) = (sources.iter()).find(|s| {
            s.kind == FileKind::Exercise
                && !s.translation
                && s.shown.file_name().is_some_and(|n| *n == *file)
        }) else {
            continue;
        };
        let at = source.text.find("last_reviewed:").unwrap_or(0);
        warnings.push(
            Diagnostic::at_offset(
                &source.shown,
                &source.text,
                at,
                "last_reviewed:".len(),
                format!("these instructions were last reviewed on {reviewed}, {days} days ago: more than a year"),
            )
            .with_hint("check the exercise against your clinic's current advice, then set `last_reviewed:` to today")
            .warning(),
        );
    }
    warnings
}
