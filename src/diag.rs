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
//!
//! A diagnostic is an error unless it was made a [`Severity::Warning`] with
//! [`Diagnostic::warning`]: a warning is printed the same way, as
//! `path:line:col: warning: ...`, but does not stop a build.

use std::fmt;
use std::path::{Path, PathBuf};

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

/// How bad a problem is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The content or templates cannot be built as they are.
    #[default]
    Error,
    /// Something is probably not what the user meant, but the build goes on.
    Warning,
}

impl Severity {
    /// The word printed after the location: `error` or `warning`.
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// One problem, located in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Whether it stops the build.
    pub severity: Severity,
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
    ///
    /// Boxed so that a `Diagnostic` stays small enough to return in a
    /// `Result` (clippy's `result_large_err` draws the line at 128 bytes).
    pub quote: Option<Box<Quote>>,
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
            severity: Severity::Error,
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
            severity: Severity::Error,
            path: path.to_path_buf(),
            line,
            column,
            message: message.into(),
            hint: None,
            quote: Some(Box::new(Quote {
                line_text: line_text.to_string(),
                width,
            })),
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

    /// This problem with the parts of its quoted line that fall in
    /// `private` (byte ranges of `source`, the text it was made from)
    /// shown as `•`, one a character: what a message about a patient's
    /// file quotes of it. The line, column and caret stay.
    pub fn masked(mut self, source: &str, private: &[std::ops::Range<usize>]) -> Diagnostic {
        let Some(quote) = &mut self.quote else {
            return self;
        };
        let Some(line_text) = source
            .split_inclusive('\n')
            .nth(self.line.saturating_sub(1))
        else {
            return self;
        };
        let line_start = line_text.as_ptr() as usize - source.as_ptr() as usize;
        let line_text = line_text.trim_end_matches(['\n', '\r']);
        quote.line_text = (line_text.char_indices())
            .map(|(i, c)| {
                let at = line_start + i;
                if private.iter().any(|r| r.contains(&at)) && !c.is_whitespace() {
                    '•'
                } else {
                    c
                }
            })
            .collect();
        self
    }

    /// Makes this problem a warning: printed, but the build goes on.
    pub fn warning(mut self) -> Diagnostic {
        self.severity = Severity::Warning;
        self
    }

    /// Whether this problem stops the build.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
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
    /// `path:line:col: error: message` (or `warning:`), then the quoted
    /// line with a caret and the hint.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = self.path.display();
        let label = self.severity.label();
        if self.line == 0 {
            writeln!(f, "{path}: {label}: {}", self.message)?;
        } else {
            writeln!(
                f,
                "{path}:{}:{}: {label}: {}",
                self.line, self.column, self.message
            )?;
        }
        let level = match self.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let mut group = Group::with_level(level);
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

/// Every problem found (errors and warnings), in a stable order.
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

    /// Hides, in every problem about the file at `path`, what its quote
    /// shows of `private` (see [`Diagnostic::masked`]).
    pub fn mask(&mut self, path: &Path, source: &str, private: &[std::ops::Range<usize>]) {
        if private.is_empty() {
            return;
        }
        for diagnostic in &mut self.0 {
            if diagnostic.path == path {
                *diagnostic = std::mem::replace(diagnostic, Diagnostic::file(path, ""))
                    .masked(source, private);
            }
        }
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// How many there are.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether any of them is an error (and so stops the build).
    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }

    /// The errors, in order.
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter().filter(|d| d.severity == Severity::Error)
    }

    /// The warnings, in order.
    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter().filter(|d| d.severity == Severity::Warning)
    }

    /// Splits into the errors and the warnings, each in its order.
    pub fn split(self) -> (Diagnostics, Diagnostics) {
        let (errors, warnings) = self.0.into_iter().partition(Diagnostic::is_error);
        (Diagnostics(errors), Diagnostics(warnings))
    }

    /// Sorts by file, then position, and drops exact repeats, so output is
    /// the same from run to run. Errors and warnings stay interleaved in
    /// file order, so a file's problems read top to bottom.
    pub fn sort(&mut self) {
        self.0.sort_by(|a, b| {
            (&a.path, a.line, a.column, &a.message, a.severity)
                .cmp(&(&b.path, b.line, b.column, &b.message, b.severity))
        });
        self.0.dedup();
    }

    /// `Ok(value)` when there are no errors, else every problem (warnings
    /// included), sorted. Warnings alone are dropped: use
    /// [`Diagnostics::into_result_with_warnings`] where they can occur.
    pub fn into_result<T>(self, value: T) -> Result<T, Diagnostics> {
        self.into_result_with_warnings(value)
            .map(|(value, _)| value)
    }

    /// `Ok` with the value and the (sorted) warnings when there are no
    /// errors, else every problem, warnings included, sorted.
    pub fn into_result_with_warnings<T>(
        mut self,
        value: T,
    ) -> Result<(T, Diagnostics), Diagnostics> {
        self.sort();
        if self.has_errors() {
            Err(self)
        } else {
            Ok((value, self))
        }
    }
}

impl fmt::Display for Diagnostics {
    /// Every diagnostic, then a count: `2 problems found` when all are
    /// errors, `1 problem and 2 warnings found`, or `2 warnings found`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for diagnostic in &self.0 {
            writeln!(f, "{diagnostic}")?;
        }
        let errors = self.errors().count();
        let warnings = self.warnings().count();
        let count = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
        match (errors, warnings) {
            (_, 0) => write!(f, "{} found", count(errors, "problem")),
            (0, _) => write!(f, "{} found", count(warnings, "warning")),
            _ => write!(
                f,
                "{} and {} found",
                count(errors, "problem"),
                count(warnings, "warning")
            ),
        }
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
    fn a_warning_says_warning_and_keeps_its_quote_and_hint() {
        let source = "title: Calf\n";
        let d = Diagnostic::at_line_col(Path::new("ex.yaml"), source, 1, 8, 0, "odd title")
            .with_hint("check it")
            .warning();
        assert_eq!(d.severity, Severity::Warning);
        let text = d.to_string();
        assert!(
            text.starts_with("ex.yaml:1:8: warning: odd title\n"),
            "{text}"
        );
        assert!(text.contains("1 | title: Calf"), "{text}");
        assert!(text.contains("^^^^"), "{text}");
        assert!(text.contains("hint: check it"), "{text}");
        let whole = Diagnostic::file(Path::new("templates/x.html"), "not used").warning();
        assert_eq!(whole.to_string(), "templates/x.html: warning: not used\n");
    }

    /// Functions return `Result<_, Diagnostic>`; clippy's
    /// `result_large_err` warns from 128 bytes on.
    #[test]
    fn a_diagnostic_stays_small() {
        assert!(std::mem::size_of::<Diagnostic>() < 128);
    }

    #[test]
    fn every_constructor_makes_an_error() {
        let path = Path::new("p");
        for d in [
            Diagnostic::file(path, "m"),
            Diagnostic::at_offset(path, "abc", 1, 1, "m"),
            Diagnostic::at_line_col(path, "abc", 1, 1, 1, "m"),
            Diagnostic::at_line_col(path, "abc", 9, 1, 1, "m"),
        ] {
            assert_eq!(d.severity, Severity::Error);
            assert!(d.is_error());
        }
    }

    fn at(path: &str, line: usize) -> Diagnostic {
        let mut d = Diagnostic::file(Path::new(path), format!("line {line}"));
        d.line = line;
        d.column = 1;
        d
    }

    #[test]
    fn the_count_names_warnings_only_when_there_are_some() {
        let summary = |ds: Vec<Diagnostic>| {
            let text = Diagnostics(ds).to_string();
            text.lines().last().unwrap_or("").to_string()
        };
        assert_eq!(summary(vec![]), "0 problems found");
        assert_eq!(summary(vec![at("a", 1)]), "1 problem found");
        assert_eq!(summary(vec![at("a", 1), at("a", 2)]), "2 problems found");
        assert_eq!(summary(vec![at("a", 1).warning()]), "1 warning found");
        assert_eq!(
            summary(vec![at("a", 1).warning(), at("a", 2).warning()]),
            "2 warnings found"
        );
        assert_eq!(
            summary(vec![at("a", 1), at("a", 2).warning(), at("b", 1).warning()]),
            "1 problem and 2 warnings found"
        );
        assert_eq!(
            summary(vec![at("a", 1), at("a", 2), at("b", 1).warning()]),
            "2 problems and 1 warning found"
        );
    }

    #[test]
    fn sorting_keeps_errors_and_warnings_in_file_order() {
        let mut all = Diagnostics(vec![
            at("b", 1),
            at("a", 3).warning(),
            at("a", 1),
            at("a", 2).warning(),
        ]);
        all.sort();
        let order: Vec<(String, usize, Severity)> = all
            .0
            .iter()
            .map(|d| (d.path.display().to_string(), d.line, d.severity))
            .collect();
        assert_eq!(
            order,
            [
                ("a".to_string(), 1, Severity::Error),
                ("a".to_string(), 2, Severity::Warning),
                ("a".to_string(), 3, Severity::Warning),
                ("b".to_string(), 1, Severity::Error),
            ]
        );
        assert!(all.has_errors());
        assert_eq!(all.errors().count(), 2);
        assert_eq!(all.warnings().count(), 2);
        let (errors, warnings) = all.split();
        assert!(errors.0.iter().all(Diagnostic::is_error));
        assert!(!warnings.has_errors());
        assert_eq!((errors.len(), warnings.len()), (2, 2));
    }

    #[test]
    fn warnings_alone_do_not_fail_a_result() {
        let only_warnings = Diagnostics(vec![at("b", 2).warning(), at("a", 1).warning()]);
        let (value, warnings) = only_warnings.clone().into_result_with_warnings(7).unwrap();
        assert_eq!(value, 7);
        assert_eq!(warnings.0[0].path, Path::new("a"), "sorted");
        assert_eq!(only_warnings.into_result(7), Ok(7));
        let mixed = Diagnostics(vec![at("a", 1).warning(), at("a", 2)]);
        let err = mixed.clone().into_result(()).unwrap_err();
        assert_eq!(err.len(), 2, "an error keeps the warnings with it");
        assert!(mixed.into_result_with_warnings(()).is_err());
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
