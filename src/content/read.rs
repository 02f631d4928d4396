//! Reading content files: a file found in the content folder, its text
//! (refusing huge and non-UTF-8 files), its YAML and a Markdown file's
//! front matter. Every other content module reads through here, and this
//! one imports none of them but the YAML parser and the field reader.

use std::io::Read;
use std::path::PathBuf;

use super::fields::File;
use super::yaml;
use crate::diag::{Diagnostic, Diagnostics};

/// Files larger than this are refused: content is a few kilobytes, and a
/// huge file is a mistake (a video dropped in the wrong folder).
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;

/// One file found in the content folder.
#[derive(Clone)]
pub(super) struct Found {
    /// Path relative to the content folder, with `/` separators.
    pub(super) relative: String,
    /// Path to show the user.
    pub(super) shown: PathBuf,
    /// Path to read.
    pub(super) real: PathBuf,
    /// What the file system said of it when it was found (its size and
    /// time), if it was asked.
    pub(super) metadata: Option<std::fs::Metadata>,
}

/// Reads a file as UTF-8 text, refusing huge and non-UTF-8 files.
pub(super) fn read_text(file: &Found, problems: &mut Diagnostics) -> Option<String> {
    // Read up to one byte past the limit: a file that grew since it was
    // found is refused too, and no file is asked its size once more.
    let read = std::fs::File::open(&file.real).and_then(|opened| {
        let size = file.metadata.as_ref().map_or(0, std::fs::Metadata::len);
        let mut bytes = Vec::with_capacity(size.min(MAX_FILE_BYTES) as usize + 1);
        opened.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes)?;
        Ok(bytes)
    });
    let bytes = match read {
        Ok(bytes) if bytes.len() as u64 > MAX_FILE_BYTES => {
            let size = std::fs::metadata(&file.real).map_or(bytes.len() as u64, |m| m.len());
            problems.push(
                Diagnostic::file(&file.shown, format!("this file is {} KiB; content files are limited to 1 MiB", size / 1024))
                    .with_hint("is it the right file? Pictures go in figures/, and text this long should be split"),
            );
            return None;
        }
        Ok(bytes) => bytes,
        Err(error) => {
            problems.push(
                Diagnostic::file(&file.shown, format!("cannot be read: {error}"))
                    .with_hint("check its permissions"),
            );
            return None;
        }
    };
    match String::from_utf8(bytes) {
        Ok(text) => Some(
            text.strip_prefix('\u{feff}')
                .map(str::to_string)
                .unwrap_or(text),
        ),
        Err(error) => {
            let valid = error.utf8_error().valid_up_to();
            let lossy = String::from_utf8_lossy(error.as_bytes());
            let offset = String::from_utf8_lossy(&error.as_bytes()[..valid]).len();
            problems.push(
                Diagnostic::at_offset(
                    &file.shown,
                    &lossy,
                    offset,
                    1,
                    "this file is not UTF-8 text",
                )
                .with_hint("save it as UTF-8 (in most editors: Save As, Encoding: UTF-8)"),
            );
            None
        }
    }
}

/// Parses YAML text of `file` (starting `line_offset` lines into it, for
/// front matter), its syntax error reported on the file.
pub(super) fn parse_yaml(file: &File<'_>, text: &str, line_offset: usize) -> Option<yaml::Node> {
    match yaml::parse(file.path, text, line_offset) {
        Ok(node) => Some(node),
        Err(mut diagnostic) => {
            // Re-point the quote at the whole file's text.
            if line_offset > 0 {
                diagnostic = Diagnostic::at_line_col(
                    file.path,
                    file.text,
                    diagnostic.line,
                    diagnostic.column,
                    1,
                    diagnostic.message,
                )
                .with_optional_hint(diagnostic.hint);
            }
            file.push(diagnostic);
            None
        }
    }
}

/// Where a Markdown file's front matter and body are, in bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum FrontMatter {
    /// The YAML between the `---` lines, and where the body starts.
    Found {
        yaml: std::ops::Range<usize>,
        body_start: usize,
    },
    /// The first line is not `---`.
    Missing,
    /// No closing `---` line.
    Unclosed,
}

/// Where `text`'s front matter is, if it has one.
pub(super) fn split_front_matter(text: &str) -> FrontMatter {
    let first_line_end = text.find('\n').map_or(text.len(), |i| i + 1);
    if text[..first_line_end].trim_end() != "---" {
        return FrontMatter::Missing;
    }
    let mut offset = first_line_end;
    for line in text[first_line_end..].split_inclusive('\n') {
        if line.trim_end() == "---" {
            return FrontMatter::Found {
                yaml: first_line_end..offset,
                body_start: offset + line.len(),
            };
        }
        offset += line.len();
    }
    FrontMatter::Unclosed
}

/// Splits a Markdown file into its YAML front matter and its body; returns
/// the body's byte offset in the file too.
pub(super) fn front_matter(file: &File<'_>) -> Option<(yaml::Node, String, usize)> {
    let text = file.text;
    let (yaml_range, body_start) = match split_front_matter(text) {
        FrontMatter::Found { yaml, body_start } => (yaml, body_start),
        FrontMatter::Missing => {
            file.report(
            yaml::Pos { line: 1, column: 1 },
            "this file should start with front matter: a line `---`, its fields, and another `---`",
                Some("begin the file with\n---\ntitle: ...\norder: 1\n---".into()),
            );
            return None;
        }
        FrontMatter::Unclosed => {
            file.report(
                yaml::Pos { line: 1, column: 1 },
                "the front matter is never closed",
                Some("add a line `---` after the last field of the front matter".into()),
            );
            return None;
        }
    };
    let node = parse_yaml(file, &text[yaml_range], 1)?;
    Some((node, text[body_start..].to_string(), body_start))
}
