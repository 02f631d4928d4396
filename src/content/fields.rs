//! Reads located YAML nodes field by field, recording a diagnostic for
//! every problem instead of stopping at the first one.

use std::cell::RefCell;
use std::path::Path;

use super::yaml::{Key, Node, Pos, Value};
use crate::diag::{Diagnostic, did_you_mean};

/// One content file being read: its name, its text and the problems found
/// in it so far.
pub(crate) struct File<'a> {
    /// The path as shown to the user.
    pub path: &'a Path,
    /// The whole text of the file.
    pub text: &'a str,
    problems: RefCell<Vec<Diagnostic>>,
}

impl<'a> File<'a> {
    pub fn new(path: &'a Path, text: &'a str) -> File<'a> {
        File {
            path,
            text,
            problems: RefCell::new(Vec::new()),
        }
    }

    /// Records a problem at a position; the word or token there is
    /// underlined.
    pub fn report(&self, pos: Pos, message: impl Into<String>, hint: Option<String>) {
        let diagnostic =
            Diagnostic::at_line_col(self.path, self.text, pos.line, pos.column, 0, message)
                .with_optional_hint(hint);
        self.problems.borrow_mut().push(diagnostic);
    }

    /// Records a problem at a byte range of the file's text.
    pub fn report_range(
        &self,
        range: std::ops::Range<usize>,
        message: impl Into<String>,
        hint: Option<String>,
    ) {
        let diagnostic =
            Diagnostic::at_offset(self.path, self.text, range.start, range.len(), message)
                .with_optional_hint(hint);
        self.problems.borrow_mut().push(diagnostic);
    }

    /// Records an already made diagnostic.
    pub fn push(&self, diagnostic: Diagnostic) {
        self.problems.borrow_mut().push(diagnostic);
    }

    /// Whether any problem was found.
    pub fn has_problems(&self) -> bool {
        !self.problems.borrow().is_empty()
    }

    /// The problems found.
    pub fn into_problems(self) -> Vec<Diagnostic> {
        self.problems.into_inner()
    }

    /// The byte offset of a 1-based line and column.
    pub fn offset_of(&self, pos: Pos) -> usize {
        let mut offset = 0;
        for (i, line) in self.text.split_inclusive('\n').enumerate() {
            if i + 1 == pos.line {
                return offset
                    + line
                        .chars()
                        .take(pos.column.saturating_sub(1))
                        .map(char::len_utf8)
                        .sum::<usize>();
            }
            offset += line.len();
        }
        self.text.len()
    }

    /// Opens a node as a set of fields. Reports when it is not a mapping,
    /// and reports every key not in `known` with a suggestion.
    pub fn fields<'n>(
        &'a self,
        node: &'n Node,
        what: &str,
        known: &[&str],
    ) -> Option<Fields<'n, 'a>> {
        let Value::Map(entries) = &node.value else {
            if node.value == Value::Null {
                return Some(Fields {
                    file: self,
                    pos: node.pos,
                    entries: &[],
                    what: what.to_string(),
                });
            }
            self.report(
                node.pos,
                format!(
                    "{what} should be a set of `name: value` fields, not {}",
                    node.value.kind()
                ),
                Some(format!("fields it takes: {}", known.join(", "))),
            );
            return None;
        };
        for (key, _) in entries {
            if !known.contains(&key.name.as_str()) {
                let hint = match did_you_mean(&key.name, known.iter().copied()) {
                    Some(close) => format!("did you mean '{close}'?"),
                    None => format!("{what} takes: {}", known.join(", ")),
                };
                self.report(key.pos, format!("unknown field '{}'", key.name), Some(hint));
            }
        }
        Some(Fields {
            file: self,
            pos: node.pos,
            entries,
            what: what.to_string(),
        })
    }
}

/// The fields of one YAML mapping.
pub(crate) struct Fields<'n, 'f> {
    file: &'f File<'f>,
    pos: Pos,
    entries: &'n [(Key, Node)],
    what: String,
}

impl<'n> Fields<'n, '_> {
    /// Where the mapping starts.
    pub fn pos(&self) -> Pos {
        self.pos
    }

    /// The value of a field; `None` when absent or empty.
    pub fn get(&self, name: &str) -> Option<&'n Node> {
        self.entries
            .iter()
            .find(|(key, _)| key.name == name)
            .map(|(_, node)| node)
            .filter(|node| node.value != Value::Null)
    }

    /// The key of a field, for pointing at it.
    pub fn key(&self, name: &str) -> Option<&'n Key> {
        self.entries
            .iter()
            .find(|(key, _)| key.name == name)
            .map(|(key, _)| key)
    }

    /// The value of a field that must be there; reports when it is not.
    pub fn required(&self, name: &str, hint: &str) -> Option<&'n Node> {
        let node = self.get(name);
        if node.is_none() {
            let message = match self.key(name) {
                Some(_) => format!("field '{name}' of {} is empty", self.what),
                None => format!("missing required field '{name}' in {}", self.what),
            };
            let pos = self.key(name).map_or(self.pos, |k| k.pos);
            self.file.report(pos, message, Some(hint.to_string()));
        }
        node
    }

    /// A required text field.
    pub fn required_text(&self, name: &str, hint: &str) -> Option<String> {
        self.required(name, hint)
            .and_then(|node| self.file.text_of(node, name))
    }

    /// An optional text field.
    pub fn text(&self, name: &str) -> Option<String> {
        self.get(name)
            .and_then(|node| self.file.text_of(node, name))
    }

    /// An optional list of texts; a single text is taken as a list of one.
    pub fn text_list(&self, name: &str) -> Vec<String> {
        match self.get(name) {
            Some(node) => self.file.text_list_of(node, name),
            None => Vec::new(),
        }
    }

    /// An optional whole number.
    pub fn int(&self, name: &str) -> Option<i64> {
        self.get(name).and_then(|node| self.file.int_of(node, name))
    }

    /// An optional true/false.
    pub fn bool(&self, name: &str) -> Option<bool> {
        let node = self.get(name)?;
        match node.value {
            Value::Bool(b) => Some(b),
            _ => {
                self.file.report(
                    node.pos,
                    format!(
                        "'{name}' should be true or false, not {}",
                        node.value.kind()
                    ),
                    Some(format!("write `{name}: true` or `{name}: false`")),
                );
                None
            }
        }
    }

    /// An optional choice among words; reports anything else with the
    /// choices.
    pub fn choice<T: Copy>(&self, name: &str, choices: &[(&'static str, T)]) -> Option<T> {
        let node = self.get(name)?;
        self.file.choice_of(node, name, choices)
    }
}

impl File<'_> {
    /// Text from a node; numbers are taken as their digits.
    pub fn text_of(&self, node: &Node, name: &str) -> Option<String> {
        match &node.value {
            Value::Str(s) if s.trim().is_empty() => {
                self.report(
                    node.pos,
                    format!("'{name}' is empty"),
                    Some("write some text, or remove the field".into()),
                );
                None
            }
            Value::Str(s) => Some(s.trim().to_string()),
            Value::Int(i) => Some(i.to_string()),
            Value::Float(x) => Some(x.to_string()),
            other => {
                self.report(
                    node.pos,
                    format!("'{name}' should be text, not {}", other.kind()),
                    Some("put the text on the same line after the colon; quote it if it contains `: ` or starts with `[`, `{` or `-`".into()),
                );
                None
            }
        }
    }

    /// A list of texts from a node; a single text is a list of one.
    pub fn text_list_of(&self, node: &Node, name: &str) -> Vec<String> {
        if let Value::Str(_) = node.value {
            return self.text_of(node, name).into_iter().collect();
        }
        self.list_of(node, name)
            .iter()
            .filter_map(|item| self.text_of(item, name))
            .collect()
    }

    /// The items of a list node, with their nodes.
    pub fn list_of<'n>(&self, node: &'n Node, name: &str) -> &'n [Node] {
        match &node.value {
            Value::Seq(items) => items,
            other => {
                self.report(
                    node.pos,
                    format!("'{name}' should be a list, not {}", other.kind()),
                    Some(format!(
                        "write each item on its own line under `{name}:`, starting with `- `"
                    )),
                );
                &[]
            }
        }
    }

    /// A whole number from a node.
    pub fn int_of(&self, node: &Node, name: &str) -> Option<i64> {
        match &node.value {
            Value::Int(i) => Some(*i),
            Value::Str(s) if s.trim().parse::<i64>().is_ok() => s.trim().parse().ok(),
            other => {
                self.report(
                    node.pos,
                    format!("'{name}' should be a whole number, not {}", other.kind()),
                    Some(format!("write it as digits, like `{name}: 3`")),
                );
                None
            }
        }
    }

    /// A choice among words from a node.
    pub fn choice_of<T: Copy>(
        &self,
        node: &Node,
        name: &str,
        choices: &[(&'static str, T)],
    ) -> Option<T> {
        let names: Vec<&str> = choices.iter().map(|(n, _)| *n).collect();
        let word = match &node.value {
            Value::Str(s) => s.trim(),
            other => {
                self.report(
                    node.pos,
                    format!(
                        "'{name}' should be one of {}, not {}",
                        names.join(", "),
                        other.kind()
                    ),
                    None,
                );
                return None;
            }
        };
        if let Some((_, value)) = choices.iter().find(|(n, _)| *n == word) {
            return Some(*value);
        }
        let hint = match did_you_mean(word, names.iter().copied()) {
            Some(close) => format!(
                "did you mean '{close}'? {name} is one of: {}",
                names.join(", ")
            ),
            None => format!("{name} is one of: {}", names.join(", ")),
        };
        self.report(
            node.pos,
            format!("'{word}' is not a valid {name}"),
            Some(hint),
        );
        None
    }
}
