//! Unfinished content: a `TODO` left in a content file (as `handout new`
//! writes them) is a warning at its place, so a half-written exercise is
//! never published without a word.

use super::model::Project;
use crate::diag::{Diagnostic, Diagnostics};

/// The marker of something still to write.
const MARKER: &str = "TODO";

/// A warning for each content file still marked `TODO`, at its first
/// mark, saying how many there are: one line a file, however unfinished.
pub fn todos(project: &Project) -> Diagnostics {
    let mut found = Diagnostics::new();
    for file in project
        .files
        .iter()
        .chain(project.translation_files.values())
    {
        let marks: Vec<usize> = file
            .text
            .match_indices(MARKER)
            .map(|(i, _)| i)
            .filter(|&i| {
                // A whole word: `TODOS` or `methodTODO` are someone's words.
                let before = file.text[..i].chars().next_back();
                let after = file.text[i + MARKER.len()..].chars().next();
                !before.is_some_and(char::is_alphanumeric)
                    && !after.is_some_and(char::is_alphanumeric)
            })
            .collect();
        let Some(&first) = marks.first() else {
            continue;
        };
        let message = match marks.len() {
            1 => "this file is still marked TODO".to_string(),
            n => {
                // Every place, by line, so none is missed.
                let mut lines: Vec<usize> = (marks.iter())
                    .map(|&at| file.text[..at].matches('\n').count() + 1)
                    .collect();
                lines.dedup();
                let lines: Vec<String> = lines.iter().map(usize::to_string).collect();
                format!(
                    "this file is still marked TODO in {n} places, on lines {}; the first is here",
                    lines.join(", ")
                )
            }
        };
        found.push(
            Diagnostic::at_offset(&file.path, &file.text, first, MARKER.len(), message)
                .with_hint(
                    "write what each TODO asks for and remove the mark, so patients never see a placeholder",
                )
                .warning(),
        );
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{ContentFile, FileKind};

    fn project_with(text: &str) -> Project {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        let mut project = crate::content::load(&root).expect("the default content loads");
        project.files = vec![ContentFile {
            path: "exercises/new.yaml".into(),
            kind: FileKind::Exercise,
            text: text.into(),
            in_handout: true,
        }];
        project
    }

    #[test]
    fn one_warning_a_file_at_its_first_mark() {
        let found = todos(&project_with(
            "title: X\nsummary: TODO say it\nsteps:\n  - TODO\n",
        ));
        assert_eq!(found.len(), 1);
        let warning = &found.0[0];
        assert!(!warning.is_error());
        assert_eq!((warning.line, warning.column), (2, 10));
        assert!(
            warning.message.contains("2 places, on lines 2, 4;"),
            "{}",
            warning.message
        );
    }

    #[test]
    fn only_the_whole_word_counts() {
        assert!(todos(&project_with("summary: TODOS and methodTODO\n")).is_empty());
    }

    #[test]
    fn the_default_content_is_finished() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        let project = crate::content::load(&root).expect("the default content loads");
        assert!(todos(&project).is_empty());
    }
}
