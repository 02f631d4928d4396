//! Finds given characters in the text of the content files, so that a
//! character the PDF font lacks is reported where it was typed.
//!
//! Only text that can be printed is searched: in YAML (exercises, settings,
//! front matter) the string values, not comments or keys; in Markdown the
//! whole body.

use std::collections::BTreeSet;
use std::ops::Range;

use super::model::{ContentFile, FileKind};
use super::read::{FrontMatter, split_front_matter};
use super::yaml;
use crate::diag::{Diagnostic, Diagnostics};

/// How many characters are reported in one file; past it, one more
/// diagnostic says how many were left out.
pub const MAX_CHARS_PER_FILE: usize = 20;

/// What [`locate_chars`] found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CharsFound {
    /// An error at each place a character occurs (at most
    /// [`MAX_CHARS_PER_FILE`] a file, then one saying how many more).
    pub problems: Diagnostics,
    /// The characters that occur in none of the files' printed text: they
    /// come from somewhere else (a template, or text the tool writes).
    pub elsewhere: BTreeSet<char>,
}

/// Finds every occurrence of `chars` in the printed text of `files`, each
/// as an error `U+3042 'あ' is not in the PDF font` pointing at the
/// character, with a hint saying what to do. Meant for the characters
/// [`crate::fonts::unprintable`] finds in an output; pass the files that
/// output prints from (e.g. [`super::Project::handout_files`]).
pub fn locate_chars<'a>(
    files: impl IntoIterator<Item = &'a ContentFile>,
    chars: &BTreeSet<char>,
) -> CharsFound {
    let mut found = CharsFound {
        problems: Diagnostics::new(),
        elsewhere: chars.clone(),
    };
    if chars.is_empty() {
        return found;
    }
    let any_ascii = chars.iter().any(char::is_ascii);
    for file in files {
        // Most files are plain ASCII and cannot hold what we look for.
        if !any_ascii && file.text.is_ascii() {
            continue;
        }
        if !file.text.chars().any(|c| chars.contains(&c)) {
            continue;
        }
        let mut shown = 0;
        let mut more: Option<(usize, usize)> = None;
        // A patient's name and notes are never quoted, even to say which
        // of their characters cannot be printed.
        let private = match file.kind {
            FileKind::Patient => super::patient_program::private_fields(&file.text),
            _ => Vec::new(),
        };
        for range in printed_ranges(file) {
            for (offset, c) in file.text[range.clone()].char_indices() {
                if !chars.contains(&c) {
                    continue;
                }
                found.elsewhere.remove(&c);
                let at = range.start + offset;
                if shown < MAX_CHARS_PER_FILE {
                    let problem = match private.iter().find(|(_, r)| r.contains(&at)) {
                        Some((field, r)) => private_not_in_font(file, at, c, field, r.start),
                        None => not_in_font(file, at, c),
                    };
                    found.problems.push(problem);
                    shown += 1;
                } else {
                    // Remember where the first left-out one is.
                    more.get_or_insert((at, 0)).1 += 1;
                }
            }
        }
        if let Some((first, n)) = more {
            found.problems.push(
                Diagnostic::at_offset(
                    &file.path,
                    &file.text,
                    first,
                    1,
                    format!(
                        "{n} more {} in this file {} not in the PDF font; the first is here",
                        if n == 1 { "character" } else { "characters" },
                        if n == 1 { "is" } else { "are" },
                    ),
                )
                .with_hint(hint_for(None)),
            );
        }
        let ranges: Vec<Range<usize>> = private.into_iter().map(|(_, r)| r).collect();
        found.problems.mask(&file.path, &file.text, &ranges);
    }
    found
}

/// The error for one character.
fn not_in_font(file: &ContentFile, at: usize, c: char) -> Diagnostic {
    let code = c as u32;
    let quoted = if is_invisible(c) {
        format!("U+{code:04X}")
    } else {
        format!("U+{code:04X} '{c}'")
    };
    let message = format!("{quoted} {}", unprintable_because(c));
    Diagnostic::at_offset(&file.path, &file.text, at, c.len_utf8(), message)
        .with_hint(hint_for(Some(c)))
}

/// The error for a character of a patient's name or notes: which
/// character it is, never what.
fn private_not_in_font(
    file: &ContentFile,
    at: usize,
    c: char,
    field: &str,
    value_start: usize,
) -> Diagnostic {
    let n = file.text[value_start..at].chars().count() + 1;
    let whose = match field {
        "patient" => "the patient's name",
        "notes" => "the notes for the patient",
        _ => "a note for the patient",
    };
    let message = format!("character {n} of {whose} {}", unprintable_because(c));
    Diagnostic::at_offset(&file.path, &file.text, at, c.len_utf8(), message)
        .with_hint(hint_for(None))
}

/// Why a character cannot be printed, after its code: `is not in the PDF
/// font`.
pub fn unprintable_because(c: char) -> &'static str {
    match crate::fonts::Unprintable::of(c) {
        crate::fonts::Unprintable::NotInFont => "is not in the PDF font",
        crate::fonts::Unprintable::RightToLeft => {
            "is written right to left, which the PDFs cannot set yet"
        }
        crate::fonts::Unprintable::Joining => {
            "is a letter that joins its neighbours, which the PDFs cannot set yet"
        }
    }
}

/// What to do about a character the PDFs cannot print.
pub fn hint_for(c: Option<char>) -> String {
    if let Some(c) = c
        && crate::fonts::Unprintable::of(c) != crate::fonts::Unprintable::NotInFont
    {
        return "the PDFs set text one letter after another, left to right: this script would \
                print backwards or with its letters apart, so it is refused rather than printed \
                wrong; write the text in a script that prints left to right (Latin, Greek, \
                Cyrillic)"
            .to_string();
    }
    match c {
        Some(c) if c.is_whitespace() => {
            "the PDFs are set in DejaVu Sans, which has no such space: replace it with an ordinary space".to_string()
        }
        Some(c) if is_invisible(c) => {
            "the PDFs are set in DejaVu Sans, which lacks this invisible character and would print a box: remove it".to_string()
        }
        _ => "the PDFs are set in DejaVu Sans, which would print a box instead: add a font that has it with `fonts:` in handout.yaml (content/README.md), or replace the character (Latin, Greek and Cyrillic letters print)".to_string(),
    }
}

/// Characters that show nothing when quoted: spaces, and format characters
/// such as joiners, direction marks and the byte-order mark.
fn is_invisible(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || matches!(
            c,
            '\u{AD}'
                | '\u{34F}'
                | '\u{61C}'
                | '\u{115F}'..='\u{1160}'
                | '\u{17B4}'..='\u{17B5}'
                | '\u{180B}'..='\u{180F}'
                | '\u{200B}'..='\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2060}'..='\u{206F}'
                | '\u{3164}'
                | '\u{FE00}'..='\u{FE0F}'
                | '\u{FEFF}'
                | '\u{FFA0}'
                | '\u{FFF0}'..='\u{FFF8}'
                | '\u{E0000}'..='\u{E0FFF}'
        )
}

/// Finds printed words in the printed text of the content files, the way
/// [`locate_chars`] finds characters: where a stretch of text a PDF did
/// not print whole was written. `words` are the first words of that
/// stretch as printed; they are matched as letters and digits only, case
/// folded, so Markdown marks, quotes made typographic and line breaks
/// between them do not matter. The longest run of the first words found
/// wins (at least two words, unless only one is given); failing that, the
/// same with words cut at every mark (`![alt](figure:x)dl` holds `dl`).
/// Returns the file and the byte range of the first matched word.
pub fn locate_words<'a>(
    files: impl IntoIterator<Item = &'a ContentFile>,
    words: &[String],
) -> Option<(&'a ContentFile, Range<usize>)> {
    let files: Vec<&ContentFile> = files.into_iter().collect();
    let whole = |text: &str, range: Range<usize>| {
        word_ranges(text, range, char::is_whitespace)
            .map(|r| (fold_word(&text[r.clone()]), r))
            .collect::<Vec<_>>()
    };
    let parts = |text: &str, range: Range<usize>| {
        word_ranges(text, range, |c| !c.is_alphanumeric())
            .map(|r| (fold_word(&text[r.clone()]), r))
            .collect::<Vec<_>>()
    };
    let wanted = |split: Split<'_>| {
        (words.iter())
            .flat_map(|w| split(w, 0..w.len()))
            .map(|(w, _)| w)
            .filter(|w| !w.is_empty())
            .take(8)
            .collect::<Vec<_>>()
    };
    find_phrase(&files, &wanted(&whole), &whole)
        .or_else(|| find_phrase(&files, &wanted(&parts), &parts))
}

/// Reads the words of a byte range of a text, folded, with their ranges.
type Split<'s> = &'s dyn Fn(&str, Range<usize>) -> Vec<(String, Range<usize>)>;

/// Where the longest run of the first of `wanted` occurs in the printed
/// text of `files`, read as tokens by `split`: at least two of them,
/// unless only one is wanted.
fn find_phrase<'a>(
    files: &[&'a ContentFile],
    wanted: &[String],
    split: Split<'_>,
) -> Option<(&'a ContentFile, Range<usize>)> {
    let first = wanted.first()?;
    let shortest = wanted.len().min(2);
    let mut best: Option<(usize, &ContentFile, Range<usize>)> = None;
    for file in files {
        for range in printed_ranges(file) {
            let mut tokens = split(&file.text, range);
            tokens.retain(|(w, _)| !w.is_empty());
            for (i, (token, at)) in tokens.iter().enumerate() {
                if token != first {
                    continue;
                }
                let matched = (tokens[i..].iter().zip(wanted))
                    .take_while(|((t, _), w)| t == *w)
                    .count();
                if matched >= shortest && best.as_ref().is_none_or(|b| matched > b.0) {
                    best = Some((matched, file, at.clone()));
                    if matched == wanted.len() {
                        return best.map(|(_, file, at)| (file, at));
                    }
                }
            }
        }
    }
    best.map(|(_, file, at)| (file, at))
}

/// A word as [`locate_words`] compares it: its letters and digits,
/// lower case.
fn fold_word(word: &str) -> String {
    word.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The byte ranges of the words of `text[range]`: the runs of characters
/// that are not `gap`.
fn word_ranges(
    text: &str,
    range: Range<usize>,
    gap: impl Fn(char) -> bool,
) -> impl Iterator<Item = Range<usize>> {
    let base = range.start;
    let part = &text[range];
    let mut start = None;
    part.char_indices()
        .chain(std::iter::once((part.len(), ' ')))
        .filter_map(move |(i, c)| match (gap(c) || i == part.len(), start) {
            (false, None) => {
                start = Some(i);
                None
            }
            (true, Some(s)) => {
                start = None;
                Some(base + s..base + i)
            }
            _ => None,
        })
}

/// The byte ranges of a file's text that can be printed.
fn printed_ranges(file: &ContentFile) -> Vec<Range<usize>> {
    let text = &*file.text;
    let whole = || {
        vec![Range {
            start: 0,
            end: text.len(),
        }]
    };
    match file.kind {
        // A file that loaded parses; if it somehow does not, search it all.
        FileKind::Settings | FileKind::Exercise | FileKind::Program | FileKind::Patient => {
            yaml::string_ranges(text).unwrap_or_else(whole)
        }
        FileKind::Phase | FileKind::Page => match split_front_matter(text) {
            FrontMatter::Found { yaml, body_start } => {
                let mut ranges: Vec<Range<usize>> = match yaml::string_ranges(&text[yaml.clone()]) {
                    Some(inner) => inner
                        .into_iter()
                        .map(|r| r.start + yaml.start..r.end + yaml.start)
                        .collect(),
                    None => vec![yaml],
                };
                ranges.push(body_start..text.len());
                ranges
            }
            FrontMatter::Missing | FrontMatter::Unclosed => whole(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn file(kind: FileKind, name: &str, text: &str) -> ContentFile {
        ContentFile {
            path: PathBuf::from(name),
            kind,
            text: text.into(),
            in_handout: true,
        }
    }

    fn set(chars: &str) -> BTreeSet<char> {
        chars.chars().collect()
    }

    #[test]
    fn points_at_each_character_with_its_line_and_caret() {
        let exercise = file(
            FileKind::Exercise,
            "content/exercises/calf.yaml",
            "title: Calf stretch あ\nsteps:\n  - Stand — then lean 🙂.\n",
        );
        let found = locate_chars([&exercise], &set("あ🙂"));
        assert!(found.elsewhere.is_empty());
        let texts: Vec<String> = found.problems.0.iter().map(ToString::to_string).collect();
        assert_eq!(texts.len(), 2, "{texts:?}");
        assert!(
            texts[0].starts_with(
                "content/exercises/calf.yaml:1:21: error: U+3042 'あ' is not in the PDF font\n"
            ),
            "{}",
            texts[0]
        );
        assert!(
            texts[0].contains("1 | title: Calf stretch あ"),
            "{}",
            texts[0]
        );
        assert!(texts[0].contains("^"), "{}", texts[0]);
        assert!(
            texts[0].contains("hint: the PDFs are set in DejaVu Sans"),
            "{}",
            texts[0]
        );
        assert!(
            texts[1].starts_with(
                "content/exercises/calf.yaml:3:23: error: U+1F642 '🙂' is not in the PDF font"
            ),
            "{}",
            texts[1]
        );
    }

    #[test]
    fn yaml_comments_are_not_searched_but_markdown_bodies_are() {
        let exercise = file(
            FileKind::Exercise,
            "e.yaml",
            "# あ in a comment\ntitle: Calf # あ again\nsteps:\n  - |\n    Block # あ printed\n",
        );
        let page = file(
            FileKind::Page,
            "p.md",
            "---\n# front comment あ\ntitle: Why あ\n---\nBody あ, # and a heading あ\n",
        );
        let found = locate_chars([&exercise, &page], &set("あ"));
        let places: Vec<(String, usize, usize)> = found
            .problems
            .0
            .iter()
            .map(|d| (d.path.display().to_string(), d.line, d.column))
            .collect();
        assert_eq!(
            places,
            [
                ("e.yaml".to_string(), 5, 13),
                ("p.md".to_string(), 3, 12),
                ("p.md".to_string(), 5, 6),
                ("p.md".to_string(), 5, 25),
            ]
        );
    }

    #[test]
    fn characters_found_nowhere_are_returned() {
        let settings = file(FileKind::Settings, "handout.yaml", "title: Plain\n");
        let found = locate_chars([&settings], &set("あ中"));
        assert!(found.problems.is_empty());
        assert_eq!(found.elsewhere, set("あ中"));
        let nothing = locate_chars([&settings], &BTreeSet::new());
        assert_eq!(nothing, CharsFound::default());
    }

    #[test]
    fn stops_after_twenty_a_file_and_says_how_many_more() {
        let text = format!("title: x\nsummary: {}\n", "あ".repeat(25));
        let exercise = file(FileKind::Exercise, "e.yaml", &text);
        let other = file(FileKind::Exercise, "f.yaml", "title: あ\n");
        let found = locate_chars([&exercise, &other], &set("あ"));
        let in_e: Vec<&Diagnostic> = found
            .problems
            .0
            .iter()
            .filter(|d| d.path == std::path::Path::new("e.yaml"))
            .collect();
        assert_eq!(in_e.len(), MAX_CHARS_PER_FILE + 1);
        let last = in_e[MAX_CHARS_PER_FILE];
        assert_eq!(
            last.message,
            "5 more characters in this file are not in the PDF font; the first is here"
        );
        assert_eq!((last.line, last.column), (2, 30));
        assert_eq!(found.problems.len(), MAX_CHARS_PER_FILE + 2, "f.yaml too");
    }

    #[test]
    fn invisible_characters_are_named_by_code_only() {
        let exercise = file(FileKind::Exercise, "e.yaml", "title: a\u{3000}b\n");
        let found = locate_chars([&exercise], &set("\u{3000}"));
        let d = &found.problems.0[0];
        assert_eq!(d.message, "U+3000 is not in the PDF font");
        assert!(
            d.hint.as_deref().unwrap_or("").contains("ordinary space"),
            "{d}"
        );
    }

    #[test]
    fn a_loaded_project_keeps_its_files_and_what_the_handout_prints() {
        let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid");
        let dir = tempfile::tempdir().unwrap();
        for entry in walkdir::WalkDir::new(&fixture) {
            let entry = entry.unwrap();
            let target = dir
                .path()
                .join(entry.path().strip_prefix(&fixture).unwrap());
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&target).unwrap();
            } else {
                std::fs::copy(entry.path(), &target).unwrap();
            }
        }
        std::fs::write(
            dir.path().join("pages/online.md"),
            "---\ntitle: Online only あ\nappears_in: [site]\n---\nあ\n",
        )
        .unwrap();
        std::fs::write(dir.path().join("exercises/lift.yaml"), {
            let text = std::fs::read_to_string(fixture.join("exercises/lift.yaml")).unwrap();
            format!("# A comment with あ\n{text}").replacen("title: ", "title: あ ", 1)
        })
        .unwrap();
        let project = super::super::load(dir.path()).unwrap_or_else(|e| panic!("{e}"));
        let kinds: Vec<(String, FileKind, bool)> = project
            .files
            .iter()
            .map(|f| {
                let name = f.path.strip_prefix(dir.path()).unwrap();
                (name.display().to_string(), f.kind, f.in_handout)
            })
            .collect();
        assert_eq!(
            kinds,
            [
                ("exercises/lift.yaml".to_string(), FileKind::Exercise, true),
                ("exercises/reach.yaml".to_string(), FileKind::Exercise, true),
                (
                    "exercises/squeeze.yaml".to_string(),
                    FileKind::Exercise,
                    true
                ),
                ("handout.yaml".to_string(), FileKind::Settings, true),
                ("pages/online.md".to_string(), FileKind::Page, false),
                ("pages/why.md".to_string(), FileKind::Page, true),
                ("phases/first.md".to_string(), FileKind::Phase, true),
                ("phases/second.md".to_string(), FileKind::Phase, true),
            ]
        );
        let found = locate_chars(project.handout_files(), &set("あ"));
        assert_eq!(found.problems.len(), 1, "{}", found.problems);
        let d = &found.problems.0[0];
        assert_eq!(d.path, dir.path().join("exercises/lift.yaml"));
        assert_eq!((d.line, d.column), (2, 8));
        assert_eq!(locate_chars(&project.files, &set("あ")).problems.len(), 3);
    }
}
