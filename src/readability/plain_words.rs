//! The medical words a patient may not know, each with its plain
//! alternative, per language: `content/docs/plain-words.<language>.yaml`,
//! one `word: plain words` a line. A project without the file for a
//! language uses the list handout ships (the default content's file), so
//! a clinic extends or trims its copy and keeps it.

use std::path::{Path, PathBuf};

use crate::content::yaml::{self, Value};
use crate::diag::{Diagnostic, Diagnostics};

/// The lists handout ships, by language.
const BUILT_IN: &[(&str, &str)] = &[
    ("en", include_str!("../../content/docs/plain-words.en.yaml")),
    ("es", include_str!("../../content/docs/plain-words.es.yaml")),
    ("fr", include_str!("../../content/docs/plain-words.fr.yaml")),
    ("de", include_str!("../../content/docs/plain-words.de.yaml")),
];

/// One language's list.
#[derive(Debug, Clone, Default)]
pub struct PlainWords {
    /// Where it comes from: the project's file, or `None` for the list
    /// handout ships.
    pub path: Option<PathBuf>,
    /// Each entry: the words to avoid (lowercase, split into words) and
    /// the plain words to write.
    pub entries: Vec<(Vec<String>, String)>,
}

/// The list for `language` (its primary subtag), from the content folder
/// when it has one, else the built-in one. Problems in the project's file
/// are located.
pub fn load(content: &Path, language: &str, problems: &mut Diagnostics) -> PlainWords {
    let primary = language
        .split('-')
        .next()
        .unwrap_or(language)
        .to_ascii_lowercase();
    let path = content
        .join("docs")
        .join(format!("plain-words.{primary}.yaml"));
    let (text, path) = match std::fs::read_to_string(&path) {
        Ok(text) => (text, Some(path)),
        Err(_) => match BUILT_IN.iter().find(|(tag, _)| *tag == primary) {
            Some((_, text)) => (text.to_string(), None),
            None => return PlainWords::default(),
        },
    };
    let shown = path
        .clone()
        .unwrap_or_else(|| PathBuf::from(format!("plain-words.{primary}.yaml")));
    let entries = match yaml::parse(&shown, &text, 0) {
        Ok(node) => entries_of(&shown, &text, node.value, problems),
        Err(problem) => {
            problems.push(problem);
            Vec::new()
        }
    };
    PlainWords { path, entries }
}

fn entries_of(
    path: &Path,
    text: &str,
    value: Value,
    problems: &mut Diagnostics,
) -> Vec<(Vec<String>, String)> {
    let hint = "write one `word: plain words` a line, like `ambulate: walk`";
    let fields = match value {
        Value::Map(fields) => fields,
        Value::Null => return Vec::new(),
        other => {
            problems.push(
                Diagnostic::file(
                    path,
                    format!(
                        "this list of plain words is {}, not `word: plain words` lines",
                        other.kind()
                    ),
                )
                .with_hint(hint),
            );
            return Vec::new();
        }
    };
    let mut entries = Vec::new();
    for (key, node) in fields {
        let plain = match node.value {
            Value::Str(plain) if !plain.trim().is_empty() => plain,
            other => {
                problems.push(
                    Diagnostic::at_line_col(
                        path,
                        text,
                        node.pos.line,
                        node.pos.column,
                        0,
                        format!("'{}' needs its plain words, not {}", key.name, other.kind()),
                    )
                    .with_hint(hint),
                );
                continue;
            }
        };
        let words: Vec<String> = key.name.split_whitespace().map(str::to_lowercase).collect();
        if !words.is_empty() {
            entries.push((words, plain));
        }
    }
    entries
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_language_ships_a_list() {
        let nowhere = Path::new("/nonexistent");
        for (language, word, plain) in [
            ("en", "ambulate", "walk"),
            ("es", "edema", "hinchazón"),
            ("fr", "lombaire", "bas du dos"),
            ("de", "lumbal", "im unteren Rücken"),
        ] {
            let mut problems = Diagnostics::new();
            let list = load(nowhere, language, &mut problems);
            assert!(problems.is_empty(), "{problems}");
            assert!(
                list.entries
                    .iter()
                    .any(|(w, p)| w == &[word.to_string()] && p == plain),
                "{language}: {:?}",
                list.entries
            );
        }
        let mut problems = Diagnostics::new();
        let english = load(nowhere, "en-US", &mut problems);
        assert!(
            english.entries.iter().any(|(w, _)| w.len() == 3),
            "range of motion"
        );
    }

    #[test]
    fn a_clinics_own_list_replaces_the_built_in_one_and_its_mistakes_are_located() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("docs")).unwrap();
        std::fs::write(
            dir.path().join("docs/plain-words.en.yaml"),
            "gait: the way you walk\nsupine:\n",
        )
        .unwrap();
        let mut problems = Diagnostics::new();
        let list = load(dir.path(), "en", &mut problems);
        assert_eq!(
            list.entries,
            [(vec!["gait".to_string()], "the way you walk".to_string())]
        );
        assert_eq!(problems.len(), 1);
        assert_eq!(problems.0[0].line, 2);
    }
}
