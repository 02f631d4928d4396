//! Reads YAML into a tree of located nodes. This is the only module that
//! knows which YAML crate we use (serde-saphyr; serde_yaml is archived), so
//! swapping it touches nothing else.
//!
//! Why a tree instead of deserializing straight into structs: serde stops at
//! the first problem in a file, and a clinic should see every problem at
//! once, each with its line and column and a hint. The tree keeps every
//! key's and value's position; `fields.rs` reads it field by field.

use std::fmt;
use std::ops::Range;
use std::path::Path;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;

use crate::diag::Diagnostic;

/// A 1-based line and column in a YAML text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Pos {
    /// Line, from 1.
    pub line: usize,
    /// Column in characters, from 1.
    pub column: usize,
}

/// A YAML value with its position.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// Where the value starts.
    pub pos: Pos,
    /// The value.
    pub value: Value,
}

/// The kinds of YAML values we accept.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// `~`, `null` or nothing.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A whole number.
    Int(i64),
    /// A number with a fraction.
    Float(f64),
    /// Text.
    Str(String),
    /// A list.
    Seq(Vec<Node>),
    /// A mapping, keys in the order written.
    Map(Vec<(Key, Node)>),
}

/// A mapping key with its position.
#[derive(Debug, Clone, PartialEq)]
pub struct Key {
    /// Where the key is.
    pub pos: Pos,
    /// The key's text.
    pub name: String,
}

impl Value {
    /// A word for the kind of value, for messages: "a number", "a list"...
    pub fn kind(&self) -> &'static str {
        match self {
            Value::Null => "nothing",
            Value::Bool(_) => "true/false",
            Value::Int(_) | Value::Float(_) => "a number",
            Value::Str(_) => "text",
            Value::Seq(_) => "a list",
            Value::Map(_) => "a set of fields",
        }
    }
}

/// Parses a YAML text. `line_offset` is added to every line, for front
/// matter that starts below a `---` line. A syntax error comes back as a
/// located diagnostic.
pub fn parse(path: &Path, text: &str, line_offset: usize) -> Result<Node, Diagnostic> {
    if text.trim().is_empty() {
        return Ok(Node {
            pos: Pos {
                line: 1 + line_offset,
                column: 1,
            },
            value: Value::Map(Vec::new()),
        });
    }
    let spanned: Spanned<RawNode> = serde_saphyr::from_str(text).map_err(|error| {
        let (line, column) = error
            .location()
            .map_or((1, 1), |l| (l.line() as usize, l.column() as usize));
        let message = first_line_of(&error.without_snippet().to_string());
        // A tab in the indentation at or above the place the library
        // stopped is the mistake, whatever the library calls it.
        let (line, column, (message, hint)) = match indenting_tab(text, line) {
            Some((line, column)) => (line, column, tab_message(column)),
            None => (line, column, in_our_words(&message, text, line, column)),
        };
        Diagnostic::at_line_col(path, text, line, column, 1, message)
            .with_hint(hint)
            .shift_lines(line_offset)
    })?;
    Ok(to_node(spanned, line_offset))
}

/// The byte ranges of a YAML text's string values, in order: the text
/// that can be printed. Keys, comments, numbers and the YAML syntax around
/// a value lie outside them; a quoted value's range includes its quotes, a
/// block value's range its indentation. `None` when the text does not
/// parse.
pub fn string_ranges(text: &str) -> Option<Vec<Range<usize>>> {
    fn walk(node: &Spanned<RawNode>, ranges: &mut Vec<Range<usize>>) {
        match &node.value {
            RawNode::Str(_) => {
                let span = node.referenced.span();
                if let (Some(start), Some(len)) = (span.byte_offset(), span.byte_len()) {
                    let start = usize::try_from(start).unwrap_or(usize::MAX);
                    let len = usize::try_from(len).unwrap_or(0);
                    ranges.push(start..start.saturating_add(len));
                }
            }
            RawNode::Seq(items) => items.iter().for_each(|item| walk(item, ranges)),
            RawNode::Map(entries) => entries.iter().for_each(|(_, value)| walk(value, ranges)),
            RawNode::Null | RawNode::Bool(_) | RawNode::Int(_) | RawNode::Float(_) => {}
        }
    }
    if text.trim().is_empty() {
        return Some(Vec::new());
    }
    let root: Spanned<RawNode> = serde_saphyr::from_str(text).ok()?;
    let mut ranges = Vec::new();
    walk(&root, &mut ranges);
    ranges.retain(|r| {
        r.end <= text.len() && text.is_char_boundary(r.start) && text.is_char_boundary(r.end)
    });
    Some(ranges)
}

/// How to check the layout of a YAML file: the hint of its layout's
/// mistakes.
const INDENTATION: &str = "check the indentation: fields of one block start in the same \
                           column, and every `key: value` pair has a colon and a space";

/// Mistakes the YAML library names by a part of its message, each said in
/// the clinic's words (the message, then the hint).
const IN_OUR_WORDS: &[(&str, &str, &str)] = &[
    (
        "multiple YAML documents",
        "a second document starts here (a `---` line): this file holds one",
        "remove the `---` line, or move what follows into a file of its own",
    ),
    (
        "budget breached",
        "this YAML grows too large through its aliases (`*name`) or nests too deep",
        "write the values out plainly; if a program wrote this file, check what it made",
    ),
    (
        "recursion limit",
        "this YAML grows too large through its aliases (`*name`) or nests too deep",
        "write the values out plainly; if a program wrote this file, check what it made",
    ),
    (
        "unclosed quote",
        "this quote is never closed",
        "end the text with the quote mark it starts with (`\"` or `'`), or leave both out",
    ),
    (
        "alias references unknown anchor",
        "this alias (`*name`) names no anchor (`&name`) written before it",
        "write the value out, or mark it with `&name` where it first appears",
    ),
    (
        "!!binary",
        "this YAML tag (`!!…`) is not used in content files",
        "remove the tag and write the value plainly",
    ),
    (
        "tag",
        "this YAML tag (`!!…`) is not used in content files",
        "remove the tag and write the value plainly",
    ),
    (
        "number too large",
        "this number is too large to be read",
        "write a smaller number",
    ),
    (
        "did not find expected key",
        "this line does not line up with the fields above it",
        INDENTATION,
    ),
    (
        "did not find expected '-' indicator",
        "this line does not line up with the list above it (whose items start with `- `)",
        INDENTATION,
    ),
];

/// The YAML library's message said in the clinic's words, with what to
/// do: each kind of mistake its own message and hint, the library's
/// settings and internals never named. `line` and `column` are where the
/// library says the mistake is (from 1).
fn in_our_words(message: &str, text: &str, line: usize, column: usize) -> (String, String) {
    let line_text = text.lines().nth(line.saturating_sub(1)).unwrap_or("");
    if let Some(key) = message.strip_prefix("duplicate mapping key: ") {
        let key = key
            .split(", set DuplicateKeyPolicy")
            .next()
            .unwrap_or(key)
            .trim();
        return (
            format!("the field `{key}` is written twice"),
            "keep one of them: a field may appear once in its block".into(),
        );
    }
    if message.starts_with("unexpected character") {
        return unexpected(line_text.chars().nth(column.saturating_sub(1)));
    }
    if message.starts_with("non-finite float") {
        let what = message.split('`').nth(1).unwrap_or(".inf");
        return (
            format!(
                "`{what}` is YAML's word for an endless or undefined number, which no field takes"
            ),
            "write a number, or put the text in quotes".into(),
        );
    }
    if let Some(bracket) = message.strip_prefix("unclosed bracket ") {
        let (open, close) = if bracket.contains('{') {
            ('{', '}')
        } else {
            ('[', ']')
        };
        return (
            format!("this `{open}` is never closed"),
            format!("end the list with `{close}`, or write it as lines starting with `- `"),
        );
    }
    if message.starts_with("mapping values are not allowed") {
        let first_colon = line_text
            .find(':')
            .map(|at| line_text[..at].chars().count() + 1);
        let (message, hint) = if first_colon == Some(column) {
            // The only field of the line, indented under the value above.
            (
                "this field is indented under a value, as if it were part of it",
                "indent it as the fields above it, or end the list or value above first",
            )
        } else {
            (
                "a second `: ` on this line makes YAML read a field inside the value",
                "put the value in quotes: `title: \"Reach: one arm\"`",
            )
        };
        return (message.into(), hint.into());
    }
    if let Some((_, ours, hint)) = IN_OUR_WORDS
        .iter()
        .find(|(theirs, _, _)| message.contains(theirs))
    {
        return ((*ours).into(), (*hint).into());
    }
    // The rest are mistakes of the layout too, in the library's words.
    (
        format!("this is not valid YAML here: {message}"),
        INDENTATION.into(),
    )
}

/// The first tab in a line's indentation, on line `upto` or above, or
/// the line below it (the library may stop on the line before a tab): its
/// line and column (from 1).
fn indenting_tab(text: &str, upto: usize) -> Option<(usize, usize)> {
    text.lines()
        .take(upto + 1)
        .enumerate()
        .find_map(|(i, line)| {
            let indent = &line[..line.len() - line.trim_start_matches([' ', '\t']).len()];
            indent
                .find('\t')
                .map(|at| (i + 1, indent[..at].chars().count() + 1))
        })
}

/// What a tab in the indentation gets: YAML's rule and where the tab is.
fn tab_message(column: usize) -> (String, String) {
    (
        format!("YAML indents with spaces: replace the tab at column {column}"),
        "most editors can show tabs and turn them into spaces; indent with the same number of spaces as the lines around it".into(),
    )
}

/// A character that cannot start a value, said for what it is.
fn unexpected(character: Option<char>) -> (String, String) {
    match character {
        Some('\0') => (
            "the file holds a NUL character (a zero byte), which text never has".into(),
            "the file may be damaged or not text: open it in a text editor and save it again"
                .into(),
        ),
        Some(c) if c.is_control() => (
            format!(
                "the file holds the control character U+{:04X}, which text never has",
                u32::from(c)
            ),
            "delete it: open the file in a text editor and retype this line".into(),
        ),
        Some(c) => (
            format!("a value cannot start with `{c}` here"),
            "put the value in quotes".into(),
        ),
        None => (
            "a value cannot start here".into(),
            "put the value in quotes".into(),
        ),
    }
}

fn first_line_of(message: &str) -> String {
    let line = message.lines().next().unwrap_or(message).trim();
    // serde-saphyr starts its messages with "error: line L column C: ".
    let line = line.strip_prefix("error: ").unwrap_or(line);
    let line = match line.find(": ") {
        Some(i) if line[..i].starts_with("line ") => &line[i + 2..],
        _ => line,
    };
    // The position is already in the diagnostic's header.
    match line.rfind(" at line ") {
        Some(i) => line[..i].to_string(),
        None => line.to_string(),
    }
}

impl Diagnostic {
    /// Moves a diagnostic made on a part of a file (its front matter) down
    /// to its real line in the whole file.
    pub fn shift_lines(mut self, by: usize) -> Diagnostic {
        if self.line > 0 {
            self.line += by;
        }
        self
    }
}

fn to_node(spanned: Spanned<RawNode>, line_offset: usize) -> Node {
    let pos = Pos {
        line: spanned.referenced.line() as usize + line_offset,
        column: spanned.referenced.column() as usize,
    };
    let value = match spanned.value {
        RawNode::Null => Value::Null,
        RawNode::Bool(b) => Value::Bool(b),
        RawNode::Int(i) => Value::Int(i),
        RawNode::Float(x) => Value::Float(x),
        RawNode::Str(s) => Value::Str(s),
        RawNode::Seq(items) => {
            Value::Seq(items.into_iter().map(|n| to_node(n, line_offset)).collect())
        }
        RawNode::Map(entries) => Value::Map(
            entries
                .into_iter()
                .map(|(key, value)| {
                    let key = Key {
                        pos: Pos {
                            line: key.referenced.line() as usize + line_offset,
                            column: key.referenced.column() as usize,
                        },
                        name: key.value,
                    };
                    (key, to_node(value, line_offset))
                })
                .collect(),
        ),
    };
    Node { pos, value }
}

/// What serde-saphyr hands us: every child wrapped in `Spanned`, so every
/// value keeps its position.
#[derive(Debug)]
enum RawNode {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Seq(Vec<Spanned<RawNode>>),
    Map(Vec<(Spanned<String>, Spanned<RawNode>)>),
}

impl<'de> Deserialize<'de> for RawNode {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<RawNode, D::Error> {
        deserializer.deserialize_any(RawNodeVisitor)
    }
}

struct RawNodeVisitor;

impl<'de> Visitor<'de> for RawNodeVisitor {
    type Value = RawNode;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_unit<E>(self) -> Result<RawNode, E> {
        Ok(RawNode::Null)
    }
    fn visit_none<E>(self) -> Result<RawNode, E> {
        Ok(RawNode::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<RawNode, D::Error> {
        RawNode::deserialize(d)
    }
    fn visit_bool<E>(self, v: bool) -> Result<RawNode, E> {
        Ok(RawNode::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<RawNode, E> {
        Ok(RawNode::Int(v))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<RawNode, E> {
        i64::try_from(v)
            .map(RawNode::Int)
            .map_err(|_| E::custom("number too large"))
    }
    fn visit_f64<E>(self, v: f64) -> Result<RawNode, E> {
        Ok(RawNode::Float(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<RawNode, E> {
        Ok(RawNode::Str(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<RawNode, E> {
        Ok(RawNode::Str(v))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<RawNode, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Spanned<RawNode>>()? {
            items.push(item);
        }
        Ok(RawNode::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawNode, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<Spanned<KeyText>>()? {
            let value = map.next_value::<Spanned<RawNode>>()?;
            let key = Spanned::new(key.value.0, key.referenced, key.defined);
            entries.push((key, value));
        }
        Ok(RawNode::Map(entries))
    }
}

/// A mapping key: YAML allows numbers and booleans as keys; we read them as
/// text so that `5: x` gives a clear "unknown field '5'" instead of a type
/// error.
struct KeyText(String);

impl<'de> Deserialize<'de> for KeyText {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<KeyText, D::Error> {
        struct KeyVisitor;
        impl Visitor<'_> for KeyVisitor {
            type Value = KeyText;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a field name")
            }
            fn visit_str<E>(self, v: &str) -> Result<KeyText, E> {
                Ok(KeyText(v.to_string()))
            }
            fn visit_i64<E>(self, v: i64) -> Result<KeyText, E> {
                Ok(KeyText(v.to_string()))
            }
            fn visit_u64<E>(self, v: u64) -> Result<KeyText, E> {
                Ok(KeyText(v.to_string()))
            }
            fn visit_bool<E>(self, v: bool) -> Result<KeyText, E> {
                Ok(KeyText(v.to_string()))
            }
            fn visit_unit<E>(self) -> Result<KeyText, E> {
                Ok(KeyText("null".to_string()))
            }
        }
        deserializer.deserialize_any(KeyVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_ok(text: &str) -> Node {
        parse(Path::new("t.yaml"), text, 0).expect("valid YAML")
    }

    #[test]
    fn keeps_positions_of_keys_and_values() {
        let node = parse_ok("title: Calf\ndose:\n  hold: 30 s\n  repeat: 3\n");
        let Value::Map(entries) = node.value else {
            panic!("map")
        };
        assert_eq!(entries[0].0.name, "title");
        assert_eq!(entries[0].0.pos, Pos { line: 1, column: 1 });
        let Value::Map(dose) = &entries[1].1.value else {
            panic!("dose map")
        };
        assert_eq!(dose[1].0.name, "repeat");
        assert_eq!(dose[1].0.pos, Pos { line: 4, column: 3 });
        assert_eq!(dose[1].1.value, Value::Int(3));
        assert_eq!(
            dose[1].1.pos,
            Pos {
                line: 4,
                column: 11
            }
        );
        assert_eq!(dose[0].1.value, Value::Str("30 s".into()));
    }

    #[test]
    fn lists_and_flow_maps() {
        let node = parse_ok("steps:\n  - One.\n  - Two.\nfig: { a: 1, b: x }\n");
        let Value::Map(entries) = node.value else {
            panic!("map")
        };
        let Value::Seq(steps) = &entries[0].1.value else {
            panic!("seq")
        };
        assert_eq!(steps[1].pos.line, 3);
        let Value::Map(fig) = &entries[1].1.value else {
            panic!("map")
        };
        assert_eq!(fig[1].1.value, Value::Str("x".into()));
    }

    #[test]
    fn syntax_errors_are_located() {
        let error = parse(Path::new("t.yaml"), "title: a\n  bad: [1\n", 4).unwrap_err();
        assert_eq!((error.line, error.column), (6, 6), "{error}");
        assert!(
            error
                .message
                .starts_with("this field is indented under a value"),
            "{error}"
        );
    }

    #[test]
    fn duplicate_keys_are_an_error() {
        assert!(parse(Path::new("t.yaml"), "a: 1\na: 2\n", 0).is_err());
    }

    /// Every mistake the YAML library reports, in our words, at its place,
    /// none with the library's own terms and only the layout's mistakes
    /// with the hint about indentation.
    #[test]
    fn the_yaml_librarys_words_become_ours() {
        let laughs: String = std::iter::once("a: &a [x,x,x,x,x,x,x,x,x,x]\n".to_string())
            .chain(('b'..='f').map(|c| {
                let prev = (c as u8 - 1) as char;
                format!("{c}: &{c} [{}]\n", vec![format!("*{prev}"); 10].join(","))
            }))
            .collect();
        let indentation = "check the indentation";
        for (text, line, column, message, hint) in [
            (
                "a: 1\na: 2\n",
                2,
                1,
                "the field `a` is written twice",
                "keep one",
            ),
            (
                "a: 1\n---\nb: 2\n",
                3,
                1,
                "a second document starts here",
                "remove the `---`",
            ),
            (
                laughs.as_str(),
                6,
                11,
                "this YAML grows too large through its aliases",
                "write the values out",
            ),
            (
                "title: \"abc\nsteps: x\n",
                1,
                8,
                "this quote is never closed",
                "end the text",
            ),
            (
                "title: a\0b\n",
                1,
                9,
                "the file holds a NUL character",
                "may be damaged",
            ),
            (
                "hold: .inf\n",
                1,
                7,
                "`.inf` is YAML's word for an endless",
                "write a number",
            ),
            (
                "a:\n\t- x\n",
                2,
                1,
                "YAML indents with spaces: replace the tab at column 1",
                "turn them into spaces",
            ),
            (
                "a: [1\n",
                1,
                4,
                "this `[` is never closed",
                "end the list with `]`",
            ),
            (
                "a: b: c\n",
                1,
                5,
                "a second `: ` on this line",
                "put the value in quotes",
            ),
            (
                "a: *nope\n",
                1,
                4,
                "this alias (`*name`) names no anchor",
                "write the value out",
            ),
            ("a: !!binary xx\n", 1, 13, "this YAML tag", "remove the tag"),
            (
                "- a\nb: 1\n",
                2,
                1,
                "this line does not line up with the list above",
                indentation,
            ),
            (
                "steps:\n  - one\n - two\n",
                3,
                2,
                "this line does not line up with the fields",
                indentation,
            ),
        ] {
            let error = parse(Path::new("t.yaml"), text, 0).unwrap_err();
            assert_eq!(
                (error.line, error.column),
                (line, column),
                "{text:?}: {error}"
            );
            assert!(error.message.starts_with(message), "{text:?}: {error}");
            let got = error.hint.as_deref().unwrap_or("");
            assert!(got.contains(hint), "{text:?}: {got}");
            if hint != indentation {
                assert!(!got.contains(indentation), "{text:?}: {got}");
            }
            for library in [
                "Policy",
                "Options",
                "from_str",
                "budget",
                "Nodes {",
                "rejected by",
            ] {
                assert!(!error.message.contains(library), "{text:?}: {error}");
            }
        }
    }

    #[test]
    fn string_ranges_leave_out_comments_and_keys() {
        let text = "# a comment é\ntitle: Calf あ # trailing ü\nquoted: \"two\n  lines\" # c\n\
                    steps:\n  - One ✓.\n  # between ü\n  - |\n    Block # kept é\n    more\n\
                    \x20 - >- # header ø\n    folded\nflow: [a, \"b ☐\"]\nn: 3\nempty:\n";
        let ranges = string_ranges(text).expect("valid YAML");
        let values: Vec<&str> = ranges.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(
            values,
            [
                "Calf あ",
                "\"two\n  lines\"",
                "One ✓.",
                "Block # kept é\n    more\n  ",
                "folded\n",
                "a",
                "\"b ☐\""
            ]
        );
        let printed: String = values.concat();
        for comment in ["a comment", "trailing", "between", "header"] {
            assert!(!printed.contains(comment), "{comment}");
        }
        assert_eq!(string_ranges(""), Some(Vec::new()));
        assert_eq!(string_ranges("a: [1"), None);
    }
}
