//! Translations: the words of a content file in another language, in a
//! file beside its source (`exercises/calf-stretch.es.yaml` beside
//! `exercises/calf-stretch.yaml`, `handout.es.yaml` beside `handout.yaml`).
//!
//! A translation carries words only. Every number (a dose, an order, a
//! phase's weeks, a figure's pose) stays in the source file and is never
//! repeated, so languages cannot drift apart on a dose: a number field in a
//! translation is an error that says where the number lives. A translation
//! that is missing, or out of step with its source (another number of
//! steps or cautions), is an error, or a warning with `translations: warn`;
//! then the page falls back to the default language and says so.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use super::fields::File;
use super::model::{
    Exercise, ExerciseWords, FileKind, PageWords, Phase, PhaseWords, ProgramWords, Project,
    ProsePage, Settings, SettingsWords, SignListWords, TranslatedWords, Translation,
    TranslationPolicy, WarningSignsWords,
};
use super::schema::{self, Kind, Schema};
use super::validate::{Reference, body_refs, markdown_list, markdown_refs};
use super::yaml::{Node, Value};
use crate::diag::{Diagnostic, Diagnostics};

/// The id and language of a translation's file name (`calf-stretch.es`
/// from `calf-stretch.es.yaml`), or `None` for a source file.
pub(crate) fn split_stem(stem: &str) -> Option<(&str, &str)> {
    let (id, language) = stem.rsplit_once('.')?;
    (!id.is_empty() && super::validate::is_language_tag(language)).then_some((id, language))
}

/// Opens a translation's fields: words are read, a field that is not
/// words is an error saying where its value lives.
fn fields<'a, 'n>(
    file: &'a File<'a>,
    node: &'n Node,
    what: &str,
    schema: Schema,
    source: &Path,
) -> Option<super::fields::Fields<'n, 'a>> {
    let (words, numbers) = (schema.of(Kind::Words), schema.of(Kind::Fixed));
    let Value::Map(entries) = &node.value else {
        file.report(
            node.pos,
            format!(
                "{what} should be a set of `name: value` fields, not {}",
                node.value.kind()
            ),
            Some(format!("a translation takes: {}", words.join(", "))),
        );
        return None;
    };
    for (key, _) in entries {
        if numbers.contains(&key.name.as_str()) {
            file.report(
                key.pos,
                format!(
                    "'{}' is not translated: it lives in {}, the same for every language",
                    key.name,
                    source.display()
                ),
                Some(format!(
                    "remove it from this file; a translation holds only words ({})",
                    words.join(", ")
                )),
            );
        }
    }
    file.fields(node, what, &[words, numbers].concat())
}

/// Reads a translation of handout.yaml.
pub(crate) fn settings(
    file: &File<'_>,
    node: &Node,
    refs: &mut Vec<Reference>,
) -> Option<TranslatedWords> {
    let source = Path::new("handout.yaml");
    let f = fields(
        file,
        node,
        "a translation of handout.yaml",
        schema::SETTINGS,
        source,
    )?;
    let clinic_name = f.get("clinic").and_then(|node| {
        let c = fields(file, node, "clinic", schema::CLINIC, source)?;
        c.text("name")
    });
    let mut disclaimer = f.text("disclaimer");
    if let (Some(node), Some(text)) = (f.get("disclaimer"), &mut disclaimer) {
        markdown_refs(file, node, text, refs);
    }
    let warning_signs = f.get("warning_signs").and_then(|node| {
        let w = fields(file, node, "warning_signs", schema::WARNING_SIGNS, source)?;
        let mut level = |name: &str| {
            let node = w.get(name)?;
            let l = fields(file, node, name, schema::SIGN_LIST, source)?;
            let mut summary = l.text("summary");
            if let (Some(node), Some(text)) = (l.get("summary"), &mut summary) {
                markdown_refs(file, node, text, refs);
            }
            let mut signs = Vec::new();
            if let Some(node) = l.get("signs") {
                for item in file.list_of(node, "signs") {
                    if let Some(mut text) = file.text_of(item, "signs") {
                        markdown_refs(file, item, &mut text, refs);
                        signs.push(text);
                    }
                }
            }
            Some(SignListWords { summary, signs })
        };
        Some(WarningSignsWords {
            emergency: level("emergency"),
            clinic: level("clinic"),
        })
    });
    Some(TranslatedWords::Settings(SettingsWords {
        title: f.text("title"),
        subtitle: f.text("subtitle"),
        clinic_name,
        disclaimer,
        warning_signs,
    }))
}

/// Reads a translation of a phase: front matter and Markdown.
pub(crate) fn phase(
    file: &File<'_>,
    source: &Path,
    node: &Node,
    body: String,
    body_offset: usize,
    refs: &mut Vec<Reference>,
) -> Option<TranslatedWords> {
    let f = fields(file, node, "a phase's translation", schema::PHASE, source)?;
    let mut body = body;
    body_refs(file, &mut body, body_offset, refs);
    Some(TranslatedWords::Phase(PhaseWords {
        title: f.text("title"),
        starts: f.text("starts"),
        body,
    }))
}

/// Reads a translation of a prose page: front matter and Markdown.
pub(crate) fn page(
    file: &File<'_>,
    source: &Path,
    node: &Node,
    body: String,
    body_offset: usize,
    refs: &mut Vec<Reference>,
) -> Option<TranslatedWords> {
    let f = fields(file, node, "a page's translation", schema::PAGE, source)?;
    let mut body = body;
    body_refs(file, &mut body, body_offset, refs);
    Some(TranslatedWords::Page(PageWords {
        title: f.text("title"),
        body,
    }))
}

/// Reads a translation of a published program.
pub(crate) fn program(file: &File<'_>, source: &Path, node: &Node) -> Option<TranslatedWords> {
    let f = fields(
        file,
        node,
        "a program's translation",
        schema::PROGRAM,
        source,
    )?;
    Some(TranslatedWords::Program(ProgramWords {
        title: f.text("title"),
    }))
}

/// Reads a translation of an exercise.
pub(crate) fn exercise(
    file: &File<'_>,
    source: &Path,
    node: &Node,
    refs: &mut Vec<Reference>,
) -> Option<TranslatedWords> {
    let f = fields(
        file,
        node,
        "an exercise's translation",
        schema::EXERCISE,
        source,
    )?;
    let mut markdown_list = |name: &str| markdown_list(file, &f, name, refs);
    let steps = markdown_list("steps");
    let cautions = markdown_list("cautions");
    let breathing = markdown_list("breathing").into_iter().next();
    let summary = markdown_list("summary").into_iter().next();
    let figure_alt = f.get("figure").and_then(|node| {
        let figure = fields(file, node, "figure", schema::FIGURE, source)?;
        figure.text("alt")
    });
    Some(TranslatedWords::Exercise(ExerciseWords {
        title: f.text("title"),
        summary,
        position: f.text("position"),
        equipment: f.text_list("equipment"),
        steps,
        cautions,
        breathing,
        figure_alt,
    }))
}

/// The sources a translation can translate, by kind and id, with their
/// files as shown.
pub(crate) struct Sources<'a> {
    pub settings: Option<&'a super::model::Settings>,
    pub phases: &'a [Phase],
    pub exercises: &'a [Exercise],
    pub pages: &'a [ProsePage],
    pub programs: &'a [super::model::Program],
    /// Each source file's path, by kind and id.
    pub paths: &'a BTreeMap<(FileKind, String), PathBuf>,
    /// Files that are there but could not be read or checked (their own
    /// problems are reported): no gap is reported for them.
    pub unread: &'a std::collections::BTreeSet<PathBuf>,
}

/// Checks every translation against its source and the languages of
/// handout.yaml: what is missing, what is out of step, what translates
/// nothing. Returns the translations to use and the problems, errors or
/// warnings as `policy` says (a translation into a language handout.yaml
/// does not list, or of nothing, is always an error).
pub(crate) fn check(
    sources: &Sources<'_>,
    translations: Vec<Translation>,
    languages: &[String],
    policy: TranslationPolicy,
) -> (Vec<Translation>, Diagnostics) {
    let mut problems = Diagnostics::new();
    let mut kept = Vec::new();
    let mut found: BTreeSet<(String, FileKind, String)> = BTreeSet::new();
    for translation in translations {
        let source_path = match source_of(sources, &translation, languages) {
            Ok(path) => path,
            Err(problem) => {
                problems.push(problem);
                continue;
            }
        };
        let out_of_step = out_of_step(sources, &translation);
        if out_of_step.is_empty() {
            found.insert((
                translation.language.clone(),
                translation.of,
                translation.id.clone(),
            ));
            kept.push(translation);
        } else {
            for what in out_of_step {
                problems.push(gap(
                    policy,
                    Diagnostic::file(&translation.path, what).with_hint(format!(
                        "translate every item of {} in the same order{}",
                        source_path.display(),
                        policy_hint(policy)
                    )),
                ));
            }
        }
    }
    untranslated(sources, languages, &found, policy, &mut problems);
    (kept, problems)
}

/// A missing or out-of-step translation: an error, or a warning with
/// `translations: warn`.
fn gap(policy: TranslationPolicy, diagnostic: Diagnostic) -> Diagnostic {
    match policy {
        TranslationPolicy::Error => diagnostic,
        TranslationPolicy::Warn => diagnostic.warning(),
    }
}

/// What a gap's hint adds, by the policy.
fn policy_hint(policy: TranslationPolicy) -> &'static str {
    match policy {
        TranslationPolicy::Error => {
            "; or, while translating bit by bit, set `translations: warn` in handout.yaml"
        }
        TranslationPolicy::Warn => "",
    }
}

/// The file a translation translates, or why it translates nothing: it is
/// in the content's own language, in a language handout.yaml does not
/// list, or beside no source.
fn source_of<'a>(
    sources: &Sources<'a>,
    translation: &Translation,
    languages: &[String],
) -> Result<&'a PathBuf, Diagnostic> {
    let default = languages.first().map_or("en", String::as_str);
    let file = &translation.path;
    if translation.language.eq_ignore_ascii_case(default) {
        return Err(Diagnostic::file(
            file,
            format!("this translates into {default}, the content's own language"),
        )
        .with_hint("put these words in the source file itself, and delete this one"));
    }
    if !languages.contains(&translation.language) {
        return Err(Diagnostic::file(
            file,
            format!(
                "'{}' is not one of the languages in handout.yaml ({})",
                translation.language,
                languages.join(", ")
            ),
        )
        .with_hint(format!(
            "add it to handout.yaml, like `languages: [{}, {}]`; or, to publish without {lang}, delete the {lang} files (every `*.{lang}.yaml` and `*.{lang}.md`); or rename the file if the language is misspelt",
            languages.join(", "),
            translation.language,
            lang = translation.language
        )));
    }
    let key = (translation.of, translation.id.clone());
    sources.paths.get(&key).ok_or_else(|| {
        let kind = kind_name(translation.of);
        Diagnostic::file(
            file,
            format!("there is no {kind} '{}' to translate", translation.id),
        )
        .with_hint(format!(
            "a translation sits beside its source and has its name with the language before the extension: {}",
            source_example(translation.of, &translation.id, &translation.language)
        ))
    })
}

/// A gap for every source without a translation into each language but
/// the default (`found` holds the translations kept).
fn untranslated(
    sources: &Sources<'_>,
    languages: &[String],
    found: &BTreeSet<(String, FileKind, String)>,
    policy: TranslationPolicy,
    problems: &mut Diagnostics,
) {
    for language in languages.iter().skip(1) {
        for ((kind, id), path) in sources.paths {
            if found.contains(&(language.clone(), *kind, id.clone())) {
                continue;
            }
            let translated = translated_path(path, language);
            // An out-of-step translation was reported already, and a file
            // that could not be read has its own problem.
            if kept_or_reported(problems, &translated)
                || sources.unread.contains(path)
                || sources.unread.contains(&translated)
            {
                continue;
            }
            problems.push(gap(
                policy,
                Diagnostic::file(path, format!("this has no translation into '{language}'"))
                    .with_hint(format!(
                        "add {} with its words{}",
                        translated.display(),
                        policy_hint(policy)
                    )),
            ));
        }
    }
}

/// Whether a problem already names this file.
fn kept_or_reported(problems: &Diagnostics, path: &Path) -> bool {
    problems.0.iter().any(|d| d.path == path)
}

/// The path of a source's translation into `language`.
fn translated_path(source: &Path, language: &str) -> PathBuf {
    let stem = source.file_stem().unwrap_or_default().to_string_lossy();
    let ext = source.extension().unwrap_or_default().to_string_lossy();
    source.with_file_name(format!("{stem}.{language}.{ext}"))
}

fn kind_name(kind: FileKind) -> &'static str {
    match kind {
        FileKind::Settings => "handout.yaml",
        FileKind::Phase => "phase",
        FileKind::Exercise => "exercise",
        FileKind::Page => "page",
        FileKind::Program => "program",
        FileKind::Patient => "patient",
    }
}

fn source_example(kind: FileKind, id: &str, language: &str) -> String {
    match kind {
        FileKind::Phase => format!("phases/{id}.md and phases/{id}.{language}.md"),
        FileKind::Exercise => format!("exercises/{id}.yaml and exercises/{id}.{language}.yaml"),
        FileKind::Page => format!("pages/{id}.md and pages/{id}.{language}.md"),
        FileKind::Program => format!("programs/{id}.yaml and programs/{id}.{language}.yaml"),
        _ => format!("handout.yaml and handout.{language}.yaml"),
    }
}

/// What keeps a translation from standing for its source: a word field
/// the source has and it lacks, or lists of another length.
fn out_of_step(sources: &Sources<'_>, translation: &Translation) -> Vec<String> {
    let mut found = Vec::new();
    let id = &translation.id;
    match &translation.words {
        TranslatedWords::Settings(words) => {
            if let Some(s) = sources.settings {
                settings_out_of_step(s, words, &mut found);
            }
        }
        TranslatedWords::Phase(words) => {
            if let Some(p) = sources.phases.iter().find(|p| p.id == *id) {
                lacks(&mut found, true, words.title.is_some(), "title");
                lacks(
                    &mut found,
                    p.starts.is_some(),
                    words.starts.is_some(),
                    "starts",
                );
                body_out_of_step(&p.body, &words.body, &mut found);
            }
        }
        TranslatedWords::Page(words) => {
            if let Some(p) = sources.pages.iter().find(|p| p.id == *id) {
                lacks(&mut found, true, words.title.is_some(), "title");
                body_out_of_step(&p.body, &words.body, &mut found);
            }
        }
        TranslatedWords::Program(words) => lacks(&mut found, true, words.title.is_some(), "title"),
        TranslatedWords::Exercise(words) => {
            if let Some(e) = sources.exercises.iter().find(|e| e.id == *id) {
                exercise_out_of_step(e, words, &mut found);
            }
        }
    }
    found
}

/// Says that the translation lacks the field `name` when its source has it.
fn lacks(found: &mut Vec<String>, has_source: bool, has_translation: bool, name: &str) {
    if has_source && !has_translation {
        found.push(format!(
            "the translation has no `{name}:`, and its source has"
        ));
    }
}

/// Says that a phase's or a page's translation has no text below its front
/// matter when its source has.
fn body_out_of_step(source: &str, translated: &str, found: &mut Vec<String>) {
    if !source.trim().is_empty() && translated.trim().is_empty() {
        found.push(
            "the translation has no text below its front matter, and its source has".to_string(),
        );
    }
}

/// What keeps handout.yaml's translation from standing for it: the fields
/// first, then the warning signs' lists of another length.
fn settings_out_of_step(s: &Settings, words: &SettingsWords, found: &mut Vec<String>) {
    for (has_source, has_translation, name) in [
        (true, words.title.is_some(), "title"),
        (s.subtitle.is_some(), words.subtitle.is_some(), "subtitle"),
        (
            s.clinic.as_ref().is_some_and(|c| c.name.is_some()),
            words.clinic_name.is_some(),
            "clinic: name",
        ),
        (
            !s.disclaimer.is_empty(),
            words.disclaimer.is_some(),
            "disclaimer",
        ),
    ] {
        lacks(found, has_source, has_translation, name);
    }
    let mut lists = Vec::new();
    if let Some(signs) = &s.warning_signs {
        let translated = words.warning_signs.as_ref();
        for (name, source, words) in [
            (
                "emergency",
                &signs.emergency,
                translated.and_then(|w| w.emergency.as_ref()),
            ),
            (
                "clinic",
                &signs.clinic,
                translated.and_then(|w| w.clinic.as_ref()),
            ),
        ] {
            let summary = words.is_some_and(|w| w.summary.is_some());
            lacks(
                found,
                true,
                summary,
                &format!("warning_signs: {name}: summary"),
            );
            let count = words.map_or(0, |w| w.signs.len());
            if count != source.signs.len() {
                lists.push(format!(
                    "`warning_signs: {name}: signs:` lists {} here and {} in its source",
                    items(count),
                    source.signs.len()
                ));
            }
        }
    }
    found.extend(lists);
}

/// What keeps an exercise's translation from standing for it: the fields
/// first, then the lists of another length.
fn exercise_out_of_step(e: &Exercise, words: &ExerciseWords, found: &mut Vec<String>) {
    for (has_source, has_translation, name) in [
        (true, words.title.is_some(), "title"),
        (true, words.summary.is_some(), "summary"),
        (true, words.position.is_some(), "position"),
        (
            e.breathing.is_some(),
            words.breathing.is_some(),
            "breathing",
        ),
        (
            e.figure.is_some(),
            words.figure_alt.is_some(),
            "figure: alt",
        ),
    ] {
        lacks(found, has_source, has_translation, name);
    }
    for (name, source, translated) in [
        ("steps", e.steps.len(), words.steps.len()),
        ("cautions", e.cautions.len(), words.cautions.len()),
        ("equipment", e.equipment.len(), words.equipment.len()),
    ] {
        if source != translated {
            found.push(format!(
                "`{name}:` lists {} here and {source} in its source",
                items(translated)
            ));
        }
    }
}

/// `1 item`, `2 items`.
fn items(count: usize) -> String {
    match count {
        1 => "1 item".to_string(),
        n => format!("{n} items"),
    }
}

impl Project {
    /// The languages published, the default first.
    pub fn languages(&self) -> &[String] {
        &self.settings.languages
    }

    /// The project in `language`: every word translated, every number the
    /// source's. What has no translation keeps the default language's
    /// words and is listed in `untranslated`. The site of a language other
    /// than the default lives under `<language>/`, so `base_url` moves
    /// there too. The default language gives the project as it is.
    pub fn in_language(&self, language: &str) -> Project {
        let mut project = self.clone();
        project.translations = Vec::new();
        if language == self.settings.language {
            return project;
        }
        project.settings.language = language.to_string();
        if let Some(base) = &mut project.settings.base_url {
            base.push_str(language);
            base.push('/');
        }
        let mut untranslated: BTreeSet<(FileKind, String)> = BTreeSet::new();
        untranslated.insert((FileKind::Settings, String::new()));
        untranslated.extend(
            project
                .phases
                .iter()
                .map(|p| (FileKind::Phase, p.id.clone())),
        );
        untranslated.extend((project.exercises.iter()).map(|e| (FileKind::Exercise, e.id.clone())));
        untranslated.extend(project.pages.iter().map(|p| (FileKind::Page, p.id.clone())));
        untranslated.extend((project.programs.iter()).map(|p| (FileKind::Program, p.id.clone())));
        let mut files = Vec::new();
        for translation in self.translations.iter().filter(|t| t.language == language) {
            apply(&mut project, translation);
            untranslated.remove(&(translation.of, translation.id.clone()));
            if let Some(file) = self.translation_files.get(&translation.path) {
                files.push(file.clone());
            }
        }
        project.files.extend(files);
        project.untranslated = untranslated;
        project
    }

    /// The title of a published program (`None`: of the whole library)
    /// in `language`: its translation's, else the source's.
    pub fn title_in(&self, language: &str, program: Option<&str>) -> String {
        let translated = self.translations.iter().find_map(|t| {
            if t.language != language {
                return None;
            }
            match (&t.words, program) {
                (TranslatedWords::Program(words), Some(id)) if t.id == id => words.title.clone(),
                (TranslatedWords::Settings(words), None) => words.title.clone(),
                _ => None,
            }
        });
        translated.unwrap_or_else(|| match program {
            Some(id) => (self.programs.iter())
                .find(|p| p.id == id)
                .map_or_else(|| self.settings.title.clone(), |p| p.title.clone()),
            None => self.settings.title.clone(),
        })
    }

    /// Whether this exercise, phase, page or program shows the default
    /// language's words because its translation is missing.
    pub fn is_untranslated(&self, kind: FileKind, id: &str) -> bool {
        self.untranslated.contains(&(kind, id.to_string()))
    }
}

/// Lays a translation's words over the project's.
fn apply(project: &mut Project, translation: &Translation) {
    let id = &translation.id;
    let set = |field: &mut String, words: &Option<String>| {
        if let Some(words) = words {
            field.clone_from(words);
        }
    };
    match &translation.words {
        TranslatedWords::Settings(words) => {
            let s = &mut project.settings;
            set(&mut s.title, &words.title);
            if words.subtitle.is_some() {
                s.subtitle.clone_from(&words.subtitle);
            }
            if let (Some(clinic), Some(name)) = (&mut s.clinic, &words.clinic_name) {
                clinic.name = Some(name.clone());
            }
            set(&mut s.disclaimer, &words.disclaimer);
            if let (Some(signs), Some(translated)) = (&mut s.warning_signs, &words.warning_signs) {
                for (level, words) in [
                    (&mut signs.emergency, &translated.emergency),
                    (&mut signs.clinic, &translated.clinic),
                ] {
                    if let Some(words) = words {
                        set(&mut level.summary, &words.summary);
                        level.signs.clone_from(&words.signs);
                    }
                }
            }
        }
        TranslatedWords::Phase(words) => {
            if let Some(phase) = project.phases.iter_mut().find(|p| p.id == *id) {
                set(&mut phase.title, &words.title);
                if words.starts.is_some() {
                    phase.starts.clone_from(&words.starts);
                }
                phase.body.clone_from(&words.body);
            }
        }
        TranslatedWords::Page(words) => {
            if let Some(page) = project.pages.iter_mut().find(|p| p.id == *id) {
                set(&mut page.title, &words.title);
                page.body.clone_from(&words.body);
            }
        }
        TranslatedWords::Program(words) => {
            if let Some(program) = project.programs.iter_mut().find(|p| p.id == *id) {
                set(&mut program.title, &words.title);
            }
        }
        TranslatedWords::Exercise(words) => {
            if let Some(exercise) = project.exercises.iter_mut().find(|e| e.id == *id) {
                set(&mut exercise.title, &words.title);
                set(&mut exercise.summary, &words.summary);
                set(&mut exercise.position, &words.position);
                exercise.equipment.clone_from(&words.equipment);
                exercise.steps.clone_from(&words.steps);
                exercise.cautions.clone_from(&words.cautions);
                if words.breathing.is_some() {
                    exercise.breathing.clone_from(&words.breathing);
                }
                if let (Some(figure), Some(alt)) = (&mut exercise.figure, &words.figure_alt) {
                    figure.alt.clone_from(alt);
                }
            }
        }
    }
}
