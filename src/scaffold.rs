//! Starting points a person edits: `handout init` writes a ready-to-build
//! project (the default content and a templates folder), `handout new`
//! writes one commented exercise or page that passes `check` as written.
//!
//! What a new file cannot know (the dose, the steps) is marked `TODO`, and
//! `check` warns about every `TODO` left in the content, so an unfinished
//! exercise is never published by accident (`--deny-warnings` fails it).

use std::path::{Path, PathBuf};

use crate::templates::BUILT_IN;

/// Pairs each file of the repository's default content with its text.
macro_rules! starter {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../content/", $name)))),*]
    };
}

/// The default content, compiled in: what `init` writes into content/.
pub const STARTER: &[(&str, &str)] = starter![
    "README.md",
    "handout.yaml",
    "handout.es.yaml",
    "phases/gentle-stretching.md",
    "phases/gentle-stretching.es.md",
    "phases/strengthening.md",
    "phases/strengthening.es.md",
    "exercises/hamstring-stretch.yaml",
    "exercises/hamstring-stretch.es.yaml",
    "exercises/knee-to-chest-stretch.yaml",
    "exercises/knee-to-chest-stretch.es.yaml",
    "exercises/calf-stretch.yaml",
    "exercises/calf-stretch.es.yaml",
    "exercises/upper-back-strengthening.yaml",
    "exercises/upper-back-strengthening.es.yaml",
    "exercises/ankle-strengthening.yaml",
    "exercises/ankle-strengthening.es.yaml",
    "pages/why-movement-matters.md",
    "pages/why-movement-matters.es.md",
    "pages/working-with-your-therapist.md",
    "pages/working-with-your-therapist.es.md",
    "programs/spine-surgery.yaml",
    "programs/spine-surgery.es.yaml",
    "docs/example-patient.yaml",
    "docs/spanish-translation-notes.md",
    "docs/warning-signs.md",
    "docs/glossary.es.yaml",
    "docs/glossary.fr.yaml",
    "docs/glossary.de.yaml",
    "docs/figures.svg",
    "docs/plain-words.en.yaml",
    "docs/plain-words.es.yaml",
    "docs/plain-words.fr.yaml",
    "docs/plain-words.de.yaml",
    "docs/postures/all-fours.svg",
    "docs/postures/lying-on-back.svg",
    "docs/postures/lying-on-side.svg",
    "docs/postures/sitting.svg",
    "docs/postures/standing.svg",
];

/// Why a scaffolding command wrote nothing: always the user's call to fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// What is wrong.
    pub message: String,
    /// What to do.
    pub hint: String,
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "error: {}\n = hint: {}", self.message, self.hint)
    }
}

fn refuse(message: impl Into<String>, hint: impl Into<String>) -> Refusal {
    Refusal {
        message: message.into(),
        hint: hint.into(),
    }
}

/// The languages the default content is written in: its own first, then
/// its translations. `init --languages` chooses among them.
pub const STARTER_LANGUAGES: &[&str] = &["en", "es"];

/// What `init` writes besides the default content.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InitOptions {
    /// The languages to publish (a choice of [`STARTER_LANGUAGES`], the
    /// first of them first); the first alone when empty.
    pub languages: Vec<String>,
    /// The clinic's name, for the placeholder.
    pub clinic: Option<String>,
    /// The clinic's phone, for the placeholder.
    pub phone: Option<String>,
    /// The site's address.
    pub base_url: Option<String>,
}

/// The language of a starter file: `es` for `phases/strengthening.es.md`
/// or `docs/glossary.es.yaml`, `None` for a file of every language.
fn language_of(name: &str) -> Option<&str> {
    let file = name.rsplit('/').next().unwrap_or(name);
    if file.starts_with("spanish-") {
        return Some("es");
    }
    let mut parts = file.split('.');
    let _stem = parts.next();
    let middle: Vec<&str> = parts.collect();
    // `stem.<language>.ext`: the language is the part before the
    // extension.
    (middle.len() == 2).then(|| middle[0])
}

/// Writes a new project into `dir`: `content/` (the default content, a
/// starting point to edit, in the languages chosen, with the clinic's
/// details when given) and `templates/` with a README on overriding.
/// Refuses a folder that holds anything. Returns what to print.
pub fn init(dir: &Path, options: &InitOptions) -> Result<String, Refusal> {
    if let Ok(mut entries) = std::fs::read_dir(dir)
        && entries.next().is_some()
    {
        return Err(refuse(
            format!("{} is not empty, so nothing was written", dir.display()),
            "name a new or empty folder, like `handout init my-clinic`",
        ));
    }
    if dir.is_file() {
        return Err(refuse(
            format!("{} is a file", dir.display()),
            "name a new or empty folder, like `handout init my-clinic`",
        ));
    }
    let languages = chosen_languages(&options.languages)?;
    if let Some(url) = &options.base_url
        && !(url.starts_with("https://") || url.starts_with("http://"))
    {
        return Err(refuse(
            format!("'{url}' is not a web address"),
            "write the site's full address, like `--base-url https://clinic.example.org/exercises/`",
        ));
    }
    let mut files: Vec<(PathBuf, String)> = Vec::new();
    for (name, text) in STARTER {
        if language_of(name).is_some_and(|l| !languages.contains(&l)) {
            continue;
        }
        let text = if name.starts_with("handout.") {
            settings_for(text, &languages, options)
        } else {
            text.to_string()
        };
        files.push((dir.join("content").join(name), text));
    }
    files.push((dir.join("templates/README.md"), templates_readme()));
    for (path, text) in &files {
        write_new(path, text)?;
    }
    let cd = if dir == Path::new(".") || dir == Path::new("") {
        String::new()
    } else {
        format!("  cd {}\n", shell_word(&dir.display().to_string()))
    };
    let mut left = Vec::new();
    if options.clinic.is_none() {
        left.push("--clinic");
    }
    if options.phone.is_none() {
        left.push("--phone");
    }
    let placeholders = if left.is_empty() {
        String::new()
    } else {
        format!(
            "\nthe clinic's name and phone in content/handout.yaml are placeholders (you gave no {}): \
             check and build warn until you change them",
            left.join(" or ")
        )
    };
    Ok(format!(
        "created {}: content/ (the default exercises in {}, yours to edit) and templates/{placeholders}\n\
         next:\n{cd}  handout check          # every problem, and how plainly each text reads\n  \
         handout serve --open   # the site and the PDFs, rebuilt after every save\n  \
         handout build          # the site, the handout and the checklist, into output/",
        dir.display(),
        (languages.iter())
            .map(|l| match *l {
                "es" => "Spanish",
                _ => "English",
            })
            .collect::<Vec<_>>()
            .join(" and ")
    ))
}

/// The languages `--languages` asks for, checked: each one the default
/// content is written in, the first of them first.
fn chosen_languages(asked: &[String]) -> Result<Vec<&'static str>, Refusal> {
    // No translation unless asked: each would be a second file to keep in
    // step with every edit.
    if asked.is_empty() {
        return Ok(vec![STARTER_LANGUAGES[0]]);
    }
    let mut chosen = Vec::new();
    for language in asked {
        let Some(known) = STARTER_LANGUAGES
            .iter()
            .find(|l| l.eq_ignore_ascii_case(language.trim()))
        else {
            return Err(refuse(
                format!("the default content is not written in '{language}'"),
                format!(
                    "choose among {}, like `--languages en` or `--languages en,es`; content/README.md says how to add a language later",
                    STARTER_LANGUAGES.join(", ")
                ),
            ));
        };
        if !chosen.contains(known) {
            chosen.push(*known);
        }
    }
    if chosen[0] != STARTER_LANGUAGES[0] {
        return Err(refuse(
            format!(
                "the default content is written in '{}' first, and the others translate it",
                STARTER_LANGUAGES[0]
            ),
            format!(
                "list `{}` first, like `--languages en,es`",
                STARTER_LANGUAGES[0]
            ),
        ));
    }
    Ok(chosen)
}

/// A handout.yaml of the default content with the project's languages,
/// clinic and address written in.
fn settings_for(text: &str, languages: &[&str], options: &InitOptions) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        let indent = &line[..line.len() - trimmed.len()];
        let ending = if line.ends_with('\n') { "\n" } else { "" };
        if trimmed.starts_with("languages:") {
            out.push_str(&format!("languages: [{}]{ending}", languages.join(", ")));
            if let Some(url) = &options.base_url {
                out.push_str(&format!("base_url: {}\n", yaml_text(url)));
            }
        } else if let (Some(name), true) = (
            &options.clinic,
            trimmed.starts_with("name:") && !indent.is_empty(),
        ) {
            out.push_str(&format!("{indent}name: {}{ending}", yaml_text(name)));
        } else if let (Some(phone), true) = (
            &options.phone,
            trimmed.starts_with("phone:") && !indent.is_empty(),
        ) {
            out.push_str(&format!("{indent}phone: {}{ending}", yaml_text(phone)));
        } else {
            out.push_str(line);
        }
    }
    out
}

/// A value written so YAML reads it as the text it is.
fn yaml_text(text: &str) -> String {
    let plain = !text.is_empty()
        && !text.starts_with(|c: char| "-?:,[]{}#&*!|>'\"%@`0123456789+ ".contains(c))
        && !text.contains(": ")
        && !text.contains(" #")
        && !text.ends_with([' ', ':']);
    if plain {
        text.to_string()
    } else {
        format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
    }
}

/// Copies the built-in templates and word catalogues into `dir` (made if
/// needed), to start a theme from: `templates export templates` and
/// every file there replaces its built-in one. Refuses to replace a file;
/// adds a README unless the folder has one. Returns what to print.
pub fn export_templates(dir: &Path) -> Result<String, Refusal> {
    let mut files: Vec<(PathBuf, &str)> = (BUILT_IN.iter())
        .map(|(name, text)| (dir.join(name), *text))
        .collect();
    files.extend((crate::words::BUILT_IN.iter()).map(|(language, text)| {
        (
            dir.join(crate::words::FOLDER)
                .join(format!("{language}.ftl")),
            *text,
        )
    }));
    let taken: Vec<String> = (files.iter())
        .filter(|(path, _)| path.exists())
        .map(|(path, _)| path.display().to_string())
        .collect();
    if !taken.is_empty() {
        let shown = match taken.len() {
            n if n > 4 => format!("{} and {} more", taken[..3].join(", "), n - 3),
            _ => taken.join(", "),
        };
        return Err(refuse(
            format!(
                "{} already exist{}, so nothing was written: {shown}",
                if taken.len() == 1 { "a file" } else { "files" },
                if taken.len() == 1 { "s" } else { "" },
            ),
            "export into a new folder (and copy over what you need), or move those files away",
        ));
    }
    for (path, text) in &files {
        write_new(path, text)?;
    }
    let readme = dir.join("README.md");
    if !readme.exists() {
        write_new(&readme, &templates_readme())?;
    }
    Ok(format!(
        "copied {} templates and {} word catalogues into {}: each replaces its built-in one; \
         edit what you want to change, delete the rest, and run `handout check{}` after each change",
        BUILT_IN.len(),
        crate::words::BUILT_IN.len(),
        dir.display(),
        if dir == Path::new("templates") {
            String::new()
        } else {
            format!(" --templates {}", shell_word(&dir.display().to_string()))
        }
    ))
}

/// A path as a shell word, quoted when it needs it.
fn shell_word(text: &str) -> String {
    if text
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "-_./".contains(c))
    {
        text.to_string()
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}

/// The README of a new project's templates/ folder.
fn templates_readme() -> String {
    let names: String = BUILT_IN
        .iter()
        .map(|(name, _)| format!("- `{name}`\n"))
        .collect();
    format!(
        "# Your templates\n\n\
         handout's built-in templates make the website, the PDF handout and\n\
         the checklist; a file in this folder replaces the built-in one of the\n\
         same name, and every other stays built in. Your clinic's colour and\n\
         logo need no template (`theme:` in content/handout.yaml).\n\n\
         To change the layout of one output, put a file here with the name of\n\
         the built-in template it replaces, like `templates/site/exercise.html`;\n\
         to change some of the words handout writes, `words/<language>.ftl`\n\
         with just those messages. Start from the built-in text:\n\
         `handout templates export DIR` copies every template and word\n\
         catalogue into DIR (keep what you change, delete the rest). Run\n\
         `handout check` after each change: it points at every template error\n\
         by file, line and column, and warns about a file whose name matches\n\
         no template. The names:\n\n{names}"
    )
}

/// What `new` can make.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NewKind {
    /// An exercise, in a phase.
    Exercise,
    /// A prose page.
    Page,
}

/// Writes a new exercise (in `phase`) or page with the id `id` into the
/// content folder, from a commented skeleton that passes `check`. Returns
/// what to print.
pub fn new(
    content: &Path,
    kind: NewKind,
    id: &str,
    phase: Option<&str>,
) -> Result<String, Refusal> {
    if !crate::content::is_valid_id(id) {
        return Err(refuse(
            format!("'{id}' is not a valid id: ids are lowercase words joined by dashes"),
            "name it like `calf-raise`",
        ));
    }
    if !content.join("handout.yaml").is_file() {
        return Err(refuse(
            format!("{} holds no handout.yaml", content.display()),
            "run this where content/ is, name it with --content DIR, or start with `handout init`",
        ));
    }
    let (path, text) = match kind {
        NewKind::Exercise => {
            let phases = ids_in(&content.join("phases"), "md");
            let phase = match phase {
                Some(phase) if phases.iter().any(|p| p == phase) => phase,
                Some(phase) => {
                    return Err(refuse(
                        format!("there is no phase '{phase}'"),
                        format!("phases: {}", phases.join(", ")),
                    ));
                }
                None => {
                    return Err(refuse(
                        "a new exercise needs its phase",
                        format!("add --phase, one of: {}", phases.join(", ")),
                    ));
                }
            };
            (
                content.join("exercises").join(format!("{id}.yaml")),
                exercise_skeleton(id, phase, kind_of_phase(content, phase)),
            )
        }
        NewKind::Page => (
            content.join("pages").join(format!("{id}.md")),
            page_skeleton(id),
        ),
    };
    let taken = match kind {
        NewKind::Exercise => ids_in(&content.join("exercises"), "yaml"),
        NewKind::Page => ids_in(&content.join("pages"), "md"),
    };
    if taken.iter().any(|t| t == id) || path.exists() {
        return Err(refuse(
            format!("{} already exists", path.display()),
            "choose another id, or edit that file",
        ));
    }
    // Every language the content publishes needs the new file's words:
    // each translation starts beside it, marked TODO like the source.
    let translations: Vec<(PathBuf, String)> = (other_languages(content).iter())
        .map(|language| {
            let ext = path.extension().unwrap_or_default().to_string_lossy();
            let translated = path.with_file_name(format!("{id}.{language}.{ext}"));
            let skeleton = match kind {
                NewKind::Exercise => exercise_translation_skeleton(id, language),
                NewKind::Page => page_translation_skeleton(id, language),
            };
            (translated, skeleton)
        })
        .collect();
    if let Some((taken, _)) = translations.iter().find(|(path, _)| path.exists()) {
        return Err(refuse(
            format!("{} already exists", taken.display()),
            "choose another id, or delete that stray translation",
        ));
    }
    write_new(&path, &text)?;
    for (translated, skeleton) in &translations {
        write_new(translated, skeleton)?;
    }
    let mut created = vec![path.display().to_string()];
    created.extend(translations.iter().map(|(p, _)| p.display().to_string()));
    Ok(format!(
        "created {}: fill in every TODO, then run `handout check`",
        created.join(" and ")
    ))
}

/// The ids of the files ending in `.ext` in a folder, sorted.
fn ids_in(dir: &Path, ext: &str) -> Vec<String> {
    let mut ids: Vec<String> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let name = entry.file_name().to_string_lossy().into_owned();
            let stem = name.strip_suffix(&format!(".{ext}"))?;
            // A translation like `calf.es.yaml` is not an id of its own.
            (!stem.contains('.')).then(|| stem.to_string())
        })
        .collect();
    ids.sort();
    ids
}

/// The languages handout.yaml publishes besides its default one (none
/// when it lists one, or cannot be read: `check` will say why).
fn other_languages(content: &Path) -> Vec<String> {
    use crate::content::yaml::{self, Value};
    let path = content.join("handout.yaml");
    let Ok(text) = std::fs::read_to_string(&path) else {
        return Vec::new();
    };
    let Ok(node) = yaml::parse(&path, &text, 0) else {
        return Vec::new();
    };
    let Value::Map(fields) = node.value else {
        return Vec::new();
    };
    let Some((_, Value::Seq(items))) = (fields.into_iter())
        .map(|(key, node)| (key.name, node.value))
        .find(|(name, _)| name == "languages")
    else {
        return Vec::new();
    };
    (items.into_iter().skip(1))
        .filter_map(|item| match item.value {
            Value::Str(tag) => Some(tag),
            _ => None,
        })
        .collect()
}

/// The kind a new exercise of `phase` most likely is, and why: the kind
/// every exercise of the phase already has, else the phase's name when it
/// says it (`strengthening`, `gentle-stretching`). `None` when neither
/// tells.
fn kind_of_phase(content: &Path, phase: &str) -> Option<(&'static str, &'static str)> {
    use crate::content::yaml::{self, Value};
    let mut kinds = Vec::new();
    for id in ids_in(&content.join("exercises"), "yaml") {
        let path = content.join("exercises").join(format!("{id}.yaml"));
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let Ok(Value::Map(fields)) = yaml::parse(&path, &text, 0).map(|node| node.value) else {
            continue;
        };
        let field = |name: &str| {
            fields.iter().find_map(|(key, node)| match &node.value {
                Value::Str(text) if key.name == name => Some(text.clone()),
                _ => None,
            })
        };
        if field("phase").as_deref() == Some(phase)
            && let Some(kind) = field("kind")
        {
            kinds.push(kind);
        }
    }
    let kind = |name: &str| match name {
        "stretch" => Some("stretch"),
        "strengthen" => Some("strengthen"),
        _ => None,
    };
    if let Some(first) = kinds.first()
        && kinds.iter().all(|k| k == first)
        && let Some(kind) = kind(first)
    {
        return Some((kind, "like every exercise of this phase"));
    }
    if !kinds.is_empty() {
        return None;
    }
    let name = phase.to_ascii_lowercase();
    if name.contains("strength") {
        Some(("strengthen", "from the phase's name"))
    } else if name.contains("stretch") {
        Some(("stretch", "from the phase's name"))
    } else {
        None
    }
}

/// `calf-raise` → `Calf raise`.
fn title_of(id: &str) -> String {
    let words = id.replace('-', " ");
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => words,
    }
}

fn exercise_skeleton(id: &str, phase: &str, kind: Option<(&str, &str)>) -> String {
    let title = title_of(id);
    let kind = match kind {
        Some((kind, why)) => format!("{kind}  # {why}"),
        None => "stretch  # TODO: stretch or strengthen".to_string(),
    };
    format!(
        "# A new exercise. Every field is explained above it; content/README.md
# has the details. Fill in what is marked below: `handout check` warns
# until it is all done, and `--deny-warnings` fails.

# Its name, as patients see it.
title: {title}  # TODO: check the name
# The recovery phase it belongs to (a file in phases/).
phase: {phase}
# Its place in the phase: lower numbers come first.
order: 99
# `stretch` or `strengthen`.
kind: {kind}
# One sentence: what it does.
summary: TODO say in one sentence what this exercise does.
# How the patient starts: lying on your back, sitting, standing...
position: TODO the starting position
# What is needed; leave the list empty, [], when nothing is.
equipment: []
# How much. Only what your surgeon or therapist prescribes: handout writes
# it out in words (\"Hold 30 seconds. Repeat 3 times...\").
dose:
  # How long to hold, like `30 s` or `1 min`; remove the line if not held.
  hold: 5 s  # TODO: the prescribed hold
  # How many times.
  repeat: 1  # TODO: the prescribed repetitions
  # `leg`, `arm` or `side` when done on each; remove the line if not.
  # each: leg
  # `true` to switch sides between repetitions.
  # alternate: true
  # Times a day, like `5-6`; remove it to use the phase's.
  # times_per_day: 2
# What to do, one short action a line, in order.
steps:
  - TODO the first step.
  - TODO the next step.
# What to watch out for, one a line; leave [] if nothing.
cautions:
  - Stop if you feel sharp pain.
# How to breathe (optional; remove the line if you have nothing to say).
breathing: Breathe normally.
# Its picture: a pose for handout to draw (content/README.md, \"Figures\":
# the start and the end of the movement in joint angles, the body part
# it works), or your own file under figures/ (`image: figures/<name>.png`
# instead of `pose:` and the lines after it). `check` warns about an
# exercise without one.
figure:
  alt: TODO describe the picture in one sentence.
  pose: standing  # TODO: draw the movement
  # props: [counter]
  # target: calf
  # start: {{ near_ankle: 0, far_ankle: 0 }}
  # end: {{ near_ankle: -35, far_ankle: -35 }}
"
    )
}

fn exercise_translation_skeleton(id: &str, language: &str) -> String {
    let title = title_of(id);
    format!(
        "# The words of exercises/{id}.yaml in `{language}`: translate each line,
# one item for each of the source's. The numbers (dose, phase, order, kind,
# the figure's pose) live in the source only, the same for every language.
title: TODO {title}
summary: TODO translate the summary.
position: TODO translate the starting position.
equipment: []
steps:
  - TODO translate the first step.
  - TODO translate the next step.
cautions:
  - TODO translate \"Stop if you feel sharp pain.\"
breathing: TODO translate \"Breathe normally.\"
figure:
  alt: TODO translate the picture's description.
"
    )
}

fn page_translation_skeleton(id: &str, language: &str) -> String {
    let title = title_of(id);
    format!(
        "---
# The words of pages/{id}.md in `{language}`: its title, and the page below
# the line. Its order and where it appears live in the source only.
title: TODO {title}
---
TODO: translate the page.
"
    )
}

fn page_skeleton(id: &str) -> String {
    let title = title_of(id);
    format!(
        "---
# Its title, as patients see it.
title: {title}  # TODO: check the title
# Its place among the pages: lower numbers come first.
order: 99
# Where it appears: the website, the PDF handout, or both.
appears_in: [site, handout]
# Below the line: the page in Markdown (content/README.md). Link to an
# exercise with [its name](exercise:<id>), to a phase with
# [its name](phase:<id>).
---
TODO: write the page. Short sentences, everyday words.
"
    )
}

/// Writes a new file, making its folders; never replaces one.
fn write_new(path: &Path, text: &str) -> Result<(), Refusal> {
    let cannot = |error: std::io::Error| {
        refuse(
            format!("cannot write {}: {error}", path.display()),
            "check that the folder can be written",
        )
    };
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(cannot)?;
    }
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .and_then(|mut file| std::io::Write::write_all(&mut file, text.as_bytes()))
        .map_err(cannot)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The compiled-in starter is the repository's content/ folder, file
    /// for file: a file added there but not here would be missing from
    /// every new project.
    #[test]
    fn the_starter_is_the_default_content() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        let mut on_disk: Vec<String> = walkdir::WalkDir::new(&root)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                let relative = e.path().strip_prefix(&root).unwrap();
                relative.to_string_lossy().replace('\\', "/")
            })
            .collect();
        on_disk.sort();
        let mut starter: Vec<String> = STARTER.iter().map(|(n, _)| n.to_string()).collect();
        starter.sort();
        assert_eq!(starter, on_disk);
    }

    #[test]
    fn a_new_exercise_takes_its_kind_from_its_phase() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        assert_eq!(
            kind_of_phase(&root, "strengthening").map(|(kind, _)| kind),
            Some("strengthen")
        );
        assert_eq!(
            kind_of_phase(&root, "gentle-stretching").map(|(kind, _)| kind),
            Some("stretch")
        );
        let empty = tempfile::tempdir().unwrap();
        assert_eq!(
            kind_of_phase(empty.path(), "building-strength").map(|(kind, _)| kind),
            Some("strengthen")
        );
        assert_eq!(kind_of_phase(empty.path(), "week-one"), None);
        let text = exercise_skeleton("calf-raise", "strengthening", Some(("strengthen", "why")));
        assert!(text.contains("kind: strengthen  # why\n"), "{text}");
    }

    #[test]
    fn starter_files_by_language() {
        assert_eq!(language_of("phases/strengthening.es.md"), Some("es"));
        assert_eq!(language_of("docs/glossary.fr.yaml"), Some("fr"));
        assert_eq!(language_of("docs/spanish-translation-notes.md"), Some("es"));
        assert_eq!(language_of("handout.yaml"), None);
        assert_eq!(language_of("docs/postures/all-fours.svg"), None);
        assert!(chosen_languages(&["es".into()]).is_err());
        assert!(chosen_languages(&["en".into(), "fr".into()]).is_err());
        assert_eq!(chosen_languages(&[]).unwrap(), ["en"]);
        assert_eq!(
            chosen_languages(&["en".into(), "es".into()]).unwrap(),
            ["en", "es"]
        );
    }

    #[test]
    fn the_clinic_and_languages_are_written_into_handout_yaml() {
        let settings = STARTER
            .iter()
            .find(|(n, _)| *n == "handout.yaml")
            .unwrap()
            .1;
        let options = InitOptions {
            clinic: Some("Riverside: Spine & Rehab".into()),
            phone: Some("+1 555 0123".into()),
            base_url: Some("https://example.org/".into()),
            ..InitOptions::default()
        };
        let text = settings_for(settings, &["en"], &options);
        assert!(
            text.contains("languages: [en]\nbase_url: https://example.org/\n"),
            "{text}"
        );
        assert!(
            text.contains("  name: \"Riverside: Spine & Rehab\"\n"),
            "{text}"
        );
        assert!(text.contains("  phone: \"+1 555 0123\"\n"), "{text}");
        // The warning signs' `clinic:` list is not the clinic's name.
        assert!(text.contains("warning_signs:"), "{text}");
    }

    #[test]
    fn titles_and_ids() {
        assert_eq!(title_of("calf-raise"), "Calf raise");
        assert!(crate::content::is_valid_id("calf-raise-2"));
        assert!(!crate::content::is_valid_id("Calf_Raise"));
        assert!(!crate::content::is_valid_id("calf--raise"));
        assert_eq!(shell_word("my clinic"), "'my clinic'");
        assert_eq!(shell_word("clinic-2"), "clinic-2");
    }
}
