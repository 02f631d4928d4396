//! One word for each idea: a glossary per language
//! (`docs/glossary.<language>.yaml`) names the word a clinic uses and the
//! words it avoids ("fisioterapeuta", never "terapeuta" alone, which often
//! means a psychologist). `check` holds every text in that language to it:
//! the content's files and translations here, the word catalogues in
//! `words`. A word avoided is a warning at its place, naming the word to
//! write.
//!
//! ```yaml
//! fisioterapeuta:
//!   not: [terapeuta]
//!   why: Terapeuta solo suele querer decir psicólogo.
//! ```

use std::ops::Range;
use std::path::{Path, PathBuf};

use super::fields::File;
use super::model::{FileKind, Glossary, GlossaryEntry, Project};
use crate::diag::{Diagnostic, Diagnostics};

/// The folder of the content that holds the glossaries, beside the other
/// documents for the people who write the content.
pub const FOLDER: &str = "docs";

/// The fields of a glossary's entry.
const ENTRY_FIELDS: &[&str] = &["not", "why"];

impl Glossary {
    /// Every avoided word in `text`, where it stands (a byte range), with
    /// its entry. Matches are whole words, in any case, and never inside
    /// the word to use ("equipo de atención" inside "equipo de atención
    /// médica").
    pub fn find<'a>(&'a self, text: &str) -> Vec<(Range<usize>, &'a GlossaryEntry, &'a str)> {
        let lower = text.to_lowercase();
        // Lowercasing can change a text's length (rare letters): then
        // the case must match as written.
        let haystack = if lower.len() == text.len() {
            lower.as_str()
        } else {
            text
        };
        let mut found = Vec::new();
        for entry in &self.entries {
            let keep = whole_words(haystack, &entry.word.to_lowercase());
            for avoided in &entry.avoid {
                for at in whole_words(haystack, &avoided.to_lowercase()) {
                    let inside = keep.iter().any(|k| k.start <= at.start && at.end <= k.end);
                    if !inside {
                        found.push((at, entry, avoided.as_str()));
                    }
                }
            }
        }
        found.sort_by_key(|(at, _, _)| at.start);
        found
    }

    /// A warning for an avoided word at `at` of `text` in `path`.
    pub fn warning(
        &self,
        path: &Path,
        text: &str,
        at: Range<usize>,
        entry: &GlossaryEntry,
        avoided: &str,
    ) -> Diagnostic {
        let why = entry
            .why
            .as_deref()
            .map_or(String::new(), |w| format!("{w} "));
        Diagnostic::at_offset(
            path,
            text,
            at.start,
            at.len(),
            format!(
                "'{avoided}' is not the word this content uses in '{}': write '{}'",
                self.language, entry.word
            ),
        )
        .with_hint(format!(
            "{why}The glossary is {}: one word for each idea, on every page and PDF",
            self.path.display()
        ))
        .warning()
    }
}

/// The places `needle` stands in `text` as whole words.
fn whole_words(text: &str, needle: &str) -> Vec<Range<usize>> {
    if needle.is_empty() {
        return Vec::new();
    }
    text.match_indices(needle)
        .filter(|(at, _)| {
            let before = text[..*at].chars().next_back();
            let after = text[at + needle.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
        .map(|(at, _)| at..at + needle.len())
        .collect()
}

/// Reads the glossaries in the content's `docs/` folder
/// (`glossary.<language>.yaml`), each problem a located error.
pub(crate) fn read(root: &Path, problems: &mut Diagnostics) -> Vec<Glossary> {
    let Ok(entries) = std::fs::read_dir(root.join(FOLDER)) else {
        return Vec::new();
    };
    let mut names: Vec<(String, PathBuf)> = entries
        .filter_map(Result::ok)
        // A link could lead out of the content folder: only plain files.
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let language = name.strip_prefix("glossary.")?.strip_suffix(".yaml")?;
            super::validate::is_language_tag(language).then(|| (language.to_string(), e.path()))
        })
        .collect();
    names.sort();
    let mut glossaries = Vec::new();
    for (language, real) in names {
        let shown = root.join(FOLDER).join(format!("glossary.{language}.yaml"));
        let Ok(text) = std::fs::read_to_string(&real) else {
            problems.push(
                Diagnostic::file(&shown, "this glossary cannot be read as UTF-8 text")
                    .with_hint("save it again as UTF-8"),
            );
            continue;
        };
        let file = File::new(&shown, &text);
        let entries = super::read::parse_yaml(&file, &text, 0)
            .map(|node| entries_of(&file, &node))
            .unwrap_or_default();
        problems.extend(file.into_problems());
        glossaries.push(Glossary {
            language,
            path: shown,
            entries,
        });
    }
    glossaries
}

/// A glossary's entries: `word: { not: [...], why: ... }`.
fn entries_of(file: &File<'_>, node: &super::yaml::Node) -> Vec<GlossaryEntry> {
    let super::yaml::Value::Map(pairs) = &node.value else {
        file.report(
            node.pos,
            "a glossary is a list of words, each with the words it replaces",
            Some("write `fisioterapeuta: { not: [terapeuta] }`, one word a line".into()),
        );
        return Vec::new();
    };
    let mut entries = Vec::new();
    for (key, value) in pairs {
        let Some(f) = file.fields(value, &format!("'{}'", key.name), ENTRY_FIELDS) else {
            continue;
        };
        let Some(list) = f.required(
            "not",
            "add `not:` with the words to avoid, like `not: [terapeuta]`",
        ) else {
            continue;
        };
        let avoid = file.text_list_of(list, "not");
        entries.push(GlossaryEntry {
            word: key.name.clone(),
            avoid,
            why: f.text("why"),
        });
    }
    entries
}

/// Warnings for every avoided word in the content's files in a glossary's
/// language: the sources when it is the content's own language, else its
/// translations.
pub fn check_content(project: &Project) -> Diagnostics {
    let mut found = Diagnostics::new();
    let default = project.settings.language.as_str();
    for glossary in &project.glossaries {
        let files: Vec<_> = if glossary.language == default {
            (project.files.iter())
                .filter(|f| f.kind != FileKind::Patient)
                .collect()
        } else {
            let suffix = format!(".{}", glossary.language);
            (project.translation_files.values())
                .filter(|f| {
                    f.path
                        .file_stem()
                        .is_some_and(|stem| stem.to_string_lossy().ends_with(&suffix))
                })
                .collect()
        };
        for file in files {
            for (at, entry, avoided) in glossary.find(&file.text) {
                found.push(glossary.warning(&file.path, &file.text, at, entry, avoided));
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spanish() -> Glossary {
        Glossary {
            language: "es".into(),
            path: PathBuf::from("content/docs/glossary.es.yaml"),
            entries: vec![
                GlossaryEntry {
                    word: "fisioterapeuta".into(),
                    avoid: vec!["terapeuta".into()],
                    why: Some("Terapeuta solo suele querer decir psicólogo.".into()),
                },
                GlossaryEntry {
                    word: "equipo de atención médica".into(),
                    avoid: vec!["equipo de atención".into()],
                    why: None,
                },
            ],
        }
    }

    #[test]
    fn the_shipped_catalogues_and_content_keep_their_glossaries() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        let mut problems = Diagnostics::new();
        let glossaries = read(&root, &mut problems);
        assert!(problems.is_empty(), "{problems}");
        let languages: Vec<&str> = glossaries.iter().map(|g| g.language.as_str()).collect();
        assert_eq!(languages, ["de", "es", "fr"]);
        for glossary in &glossaries {
            let words = crate::words::Words::load(&glossary.language, &[]).unwrap();
            let found = words.glossary_warnings(glossary, &[]);
            assert!(found.is_empty(), "{}: {found:?}", glossary.language);
        }
        let project = super::super::load(&root).unwrap();
        assert!(check_content(&project).is_empty());
    }

    #[test]
    fn avoided_words_are_found_whole_and_in_any_case() {
        let g = spanish();
        let text = "Su Terapeuta y su fisioterapeuta. Su equipo de atención médica; su equipo de atención.";
        let found: Vec<&str> = g
            .find(text)
            .iter()
            .map(|(at, _, _)| &text[at.clone()])
            .collect();
        assert_eq!(found, ["Terapeuta", "equipo de atención"]);
        let (at, entry, avoided) = g.find(text).remove(0);
        let warning = g
            .warning(Path::new("x.es.md"), text, at, entry, avoided)
            .to_string();
        assert!(
            warning.starts_with("x.es.md:1:4: warning: 'terapeuta' is not the word"),
            "{warning}"
        );
        assert!(warning.contains("write 'fisioterapeuta'"), "{warning}");
        assert!(warning.contains("psicólogo"), "{warning}");
    }
}
