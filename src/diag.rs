//! Problems in the content or the templates, reported all at once.
//!
//! Each [`Diagnostic`] knows its file, line and column and keeps the line it
//! points at, so it can be printed long after the file is gone:
//!
//! ```text
//! content/exercises/calf.yaml:7:3: error: unknown field 'hold_second'
//!   |
//! 7 |   hold_second: 30
//!   |   ^^^^^^^^^^^
//!   = hint: did you mean 'hold'?
//! ```

use std::fmt;
use std::path::{Path, PathBuf};

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

/// One problem, located in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file, as the user named it (relative to where they ran the tool).
    pub path: PathBuf,
    /// 1-based line, or 0 when the problem concerns the whole file.
    pub line: usize,
    /// 1-based column in characters, or 0 with `line` 0.
    pub column: usize,
    /// What is wrong, in one sentence.
    pub message: String,
    /// What to do about it, when we can tell.
    pub hint: Option<String>,
    /// The text of the line pointed at, and how many characters to underline.
    pub quote: Option<Quote>,
}

/// The quoted source line of a diagnostic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    /// The whole line, without its line break.
    pub line_text: String,
    /// How many characters from `column` on to underline (at least 1).
    pub width: usize,
}

impl Diagnostic {
    /// A problem with a whole file (it cannot be read, it is too large...).
    pub fn file(path: &Path, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            path: path.to_path_buf(),
            line: 0,
            column: 0,
            message: message.into(),
            hint: None,
            quote: None,
        }
    }

    /// A problem at a place in a file's text. `offset` is a byte offset
    /// into `source`, `len` the length in bytes of what to underline.
    pub fn at_offset(
        path: &Path,
        source: &str,
        offset: usize,
        len: usize,
        message: impl Into<String>,
    ) -> Diagnostic {
        let offset = floor_char_boundary(source, offset.min(source.len()));
        let line_start = source[..offset].rfind('\n').map_or(0, |i| i + 1);
        let line_end = source[offset..]
            .find('\n')
            .map_or(source.len(), |i| offset + i);
        let line_text = source[line_start..line_end].trim_end_matches('\r');
        let line = source[..offset].matches('\n').count() + 1;
        let column = source[line_start..offset].chars().count() + 1;
        let end = floor_char_boundary(source, (offset + len).min(line_end).max(offset));
        let width = source[offset..end].chars().count().max(1);
        Diagnostic {
            path: path.to_path_buf(),
            line,
            column,
            message: message.into(),
            hint: None,
            quote: Some(Quote {
                line_text: line_text.to_string(),
                width,
            }),
        }
    }

    /// A problem at a 1-based line and column of a file's text.
    pub fn at_line_col(
        path: &Path,
        source: &str,
        line: usize,
        column: usize,
        len: usize,
        message: impl Into<String>,
    ) -> Diagnostic {
        let Some(line_text) = source.lines().nth(line.saturating_sub(1)) else {
            let mut diagnostic = Diagnostic::file(path, message);
            diagnostic.line = line;
            diagnostic.column = column;
            return diagnostic;
        };
        let line_start = line_text.as_ptr() as usize - source.as_ptr() as usize;
        let column_offset: usize = line_text
            .chars()
            .take(column.saturating_sub(1))
            .map(char::len_utf8)
            .sum();
        let offset = line_start + column_offset;
        let len = if len == 0 {
            token_len(&source[offset..])
        } else {
            len
        };
        Diagnostic::at_offset(path, source, offset, len, message)
    }

    /// Adds a hint.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Diagnostic {
        self.hint = Some(hint.into());
        self
    }

    /// Adds a hint when there is one.
    pub fn with_optional_hint(mut self, hint: Option<String>) -> Diagnostic {
        self.hint = hint;
        self
    }
}

/// The length in bytes of the word or token starting the text: up to the
/// first space, colon or bracket, so that a key or a value is underlined.
fn token_len(text: &str) -> usize {
    let line = text.lines().next().unwrap_or("");
    let mut end = line.len();
    for (i, c) in line.char_indices() {
        let next = line[i + c.len_utf8()..].chars().next();
        let ends = match c {
            // A key ends at its colon; a value runs to a comment or the end.
            ':' => next.is_none_or(char::is_whitespace),
            '#' => i > 0 && line[..i].ends_with(' '),
            ',' | '}' => true,
            ']' => !line.starts_with('['),
            _ => false,
        };
        if ends {
            end = i;
            break;
        }
    }
    line[..end].trim_end().len().max(1)
}

fn floor_char_boundary(text: &str, mut index: usize) -> usize {
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

impl fmt::Display for Diagnostic {
    /// `path:line:col: error: message`, then the quoted line with a caret
    /// and the hint.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = self.path.display();
        if self.line == 0 {
            writeln!(f, "{path}: error: {}", self.message)?;
        } else {
            writeln!(
                f,
                "{path}:{}:{}: error: {}",
                self.line, self.column, self.message
            )?;
        }
        let mut group = Group::with_level(Level::ERROR);
        if let Some(quote) = &self.quote {
            let start: usize = quote
                .line_text
                .chars()
                .take(self.column.saturating_sub(1))
                .map(char::len_utf8)
                .sum();
            let end: usize = start
                + quote.line_text[start..]
                    .chars()
                    .take(quote.width)
                    .map(char::len_utf8)
                    .sum::<usize>();
            // An empty line still gets a caret, after its end.
            let (text, span) = if quote.line_text.is_empty() {
                (" ".to_string(), 0..1)
            } else if start == end {
                (format!("{} ", quote.line_text), start..start + 1)
            } else {
                (quote.line_text.clone(), start..end)
            };
            group = group.element(
                Snippet::source(text)
                    .line_start(self.line)
                    .annotation(AnnotationKind::Primary.span(span)),
            );
        }
        if let Some(hint) = &self.hint {
            group = group.element(Level::HELP.with_name("hint").message(hint.as_str()));
        }
        if self.quote.is_some() || self.hint.is_some() {
            let rendered = Renderer::plain().render(&[group]);
            // The renderer starts a headless group with a blank line we
            // don't want: the first line above is the header.
            writeln!(f, "{}", rendered.trim_start_matches('\n').trim_end())?;
        }
        Ok(())
    }
}

/// Every problem found, in a stable order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    /// No problems yet.
    pub fn new() -> Diagnostics {
        Diagnostics(Vec::new())
    }

    /// Just one problem.
    pub fn one(diagnostic: Diagnostic) -> Diagnostics {
        Diagnostics(vec![diagnostic])
    }

    /// Records a problem.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.0.push(diagnostic);
    }

    /// Records several problems.
    pub fn extend(&mut self, diagnostics: impl IntoIterator<Item = Diagnostic>) {
        self.0.extend(diagnostics);
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// How many there are.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Sorts by file, then position, and drops exact repeats, so output is
    /// the same from run to run.
    pub fn sort(&mut self) {
        self.0.sort_by(|a, b| {
            (&a.path, a.line, a.column, &a.message).cmp(&(&b.path, b.line, b.column, &b.message))
        });
        self.0.dedup();
    }

    /// `Ok(value)` when there are no problems, else every problem.
    pub fn into_result<T>(mut self, value: T) -> Result<T, Diagnostics> {
        if self.is_empty() {
            Ok(value)
        } else {
            self.sort();
            Err(self)
        }
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for diagnostic in &self.0 {
            writeln!(f, "{diagnostic}")?;
        }
        let n = self.0.len();
        write!(
            f,
            "{n} {} found",
            if n == 1 { "problem" } else { "problems" }
        )
    }
}

impl std::error::Error for Diagnostics {}

/// The closest of `candidates` to a misspelt `word`, if one is close enough
/// to be what the user meant.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|candidate| (strsim::damerau_levenshtein(word, candidate), candidate))
        .filter(|(distance, candidate)| {
            *distance <= 2.max(candidate.len() / 3)
                || candidate.starts_with(word)
                || word.starts_with(candidate)
        })
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, candidate)| candidate)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_location_quote_caret_and_hint() {
        let source = "title: Calf\ndose:\n  hold_second: 30\n";
        let d = Diagnostic::at_line_col(
            Path::new("ex.yaml"),
            source,
            3,
            3,
            0,
            "unknown field 'hold_second'",
        )
        .with_hint("did you mean 'hold'?");
        let text = d.to_string();
        assert!(
            text.starts_with("ex.yaml:3:3: error: unknown field 'hold_second'\n"),
            "{text}"
        );
        assert!(text.contains("3 |   hold_second: 30"), "{text}");
        assert!(text.contains("|   ^^^^^^^^^^^"), "{text}");
        assert!(text.contains("hint: did you mean 'hold'?"), "{text}");
    }

    #[test]
    fn offsets_count_characters_not_bytes() {
        let d = Diagnostic::at_offset(Path::new("p.md"), "é é x", 6, 1, "here");
        assert_eq!((d.line, d.column), (1, 5));
    }

    #[test]
    fn suggests_close_names_only() {
        assert_eq!(
            did_you_mean("hold_second", ["hold", "repeat", "each"]),
            Some("hold")
        );
        assert_eq!(did_you_mean("repaet", ["hold", "repeat"]), Some("repeat"));
        assert_eq!(did_you_mean("zzz", ["hold", "repeat"]), None);
    }
}
