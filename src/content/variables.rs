//! Dose variables: an exercise's text says its dose through `{hold}`,
//! `{repeat}` and `{times_per_day}`, a phase's through `{times_per_day}`
//! and `{weeks}`, and every output writes them from the dose in force
//! (the library's, a program's or a patient's), in the page's language.
//! So a changed dose can never leave an old number in a step.
//!
//! `{"5 seconds"}` prints its words as they are: the way to say an amount
//! that is not the dose ("rest {"5 seconds"}" when the hold is also 5 s),
//! which the check for restated doses then leaves alone. Any other text in
//! braces (a Markdown heading's `{#id .class}`) is not touched.

use std::ops::Range;

/// A dose variable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Variable {
    /// `{hold}`: how long to hold, `30 seconds`.
    Hold,
    /// `{repeat}`: how many times, `3 times`.
    Repeat,
    /// `{times_per_day}`: how often, `5-6 times a day`.
    TimesPerDay,
    /// `{weeks}`: how long a phase lasts, `6-12 weeks`.
    Weeks,
}

impl Variable {
    /// Every variable, by the name written between the braces.
    pub const ALL: [(&'static str, Variable); 4] = [
        ("hold", Variable::Hold),
        ("repeat", Variable::Repeat),
        ("times_per_day", Variable::TimesPerDay),
        ("weeks", Variable::Weeks),
    ];

    /// The name written between the braces.
    pub fn name(self) -> &'static str {
        match self {
            Variable::Hold => "hold",
            Variable::Repeat => "repeat",
            Variable::TimesPerDay => "times_per_day",
            Variable::Weeks => "weeks",
        }
    }
}

/// A piece of a text with variables.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece<'a> {
    /// Words as written.
    Text(&'a str),
    /// `{hold}` and the like.
    Variable(Variable),
    /// `{"5 seconds"}`: words printed as they are, marked as not the dose.
    Literal(&'a str),
    /// `{hld}`: a name in braces that is no variable (an error at check).
    Unknown(&'a str),
}

/// A text cut into pieces, each with its place in the text.
pub fn pieces(text: &str) -> Vec<(Range<usize>, Piece<'_>)> {
    let mut out = Vec::new();
    let mut plain_from = 0;
    let mut search = 0;
    while let Some(found) = text[search..].find('{') {
        let open = search + found;
        let Some((end, piece)) = braced(text, open) else {
            search = open + 1;
            continue;
        };
        if plain_from < open {
            out.push((plain_from..open, Piece::Text(&text[plain_from..open])));
        }
        out.push((open..end, piece));
        plain_from = end;
        search = end;
    }
    if plain_from < text.len() {
        out.push((plain_from..text.len(), Piece::Text(&text[plain_from..])));
    }
    out
}

/// What a `{` at `open` starts, and where it ends: `{ name }` or
/// `{"words"}`; `None` for any other brace (`{#id .class}`).
fn braced(text: &str, open: usize) -> Option<(usize, Piece<'_>)> {
    let inner_start = open + 1;
    let rest = &text[inner_start..];
    let trimmed = rest.trim_start_matches([' ', '\t']);
    let lead = rest.len() - trimmed.len();
    if let Some(quoted) = trimmed.strip_prefix('"') {
        let close = quoted.find('"')?;
        let after = quoted[close + 1..].trim_start_matches([' ', '\t']);
        if !after.starts_with('}') {
            return None;
        }
        let words_start = inner_start + lead + 1;
        let end = text.len() - after.len() + 1;
        return Some((end, Piece::Literal(&text[words_start..words_start + close])));
    }
    let name_len = trimmed
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
        .unwrap_or(trimmed.len());
    let name = &trimmed[..name_len];
    if name.is_empty() || !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    let after = trimmed[name_len..].trim_start_matches([' ', '\t']);
    if !after.starts_with('}') {
        return None;
    }
    let end = text.len() - after.len() + 1;
    let piece = match Variable::ALL.iter().find(|(n, _)| *n == name) {
        Some((_, variable)) => Piece::Variable(*variable),
        None => Piece::Unknown(name),
    };
    Some((end, piece))
}

/// The variables a text uses, in order, each once.
pub fn used(text: &str) -> Vec<Variable> {
    let mut found = Vec::new();
    for (_, piece) in pieces(text) {
        if let Piece::Variable(variable) = piece
            && !found.contains(&variable)
        {
            found.push(variable);
        }
    }
    found
}

/// The text with each variable written by `value` and each literal's
/// words as they are. A variable `value` has no words for stays as it was
/// written (the check refuses it before any output is made).
pub fn fill(text: &str, value: impl Fn(Variable) -> Option<String>) -> String {
    if !text.contains('{') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    for (at, piece) in pieces(text) {
        match piece {
            Piece::Text(words) | Piece::Literal(words) => out.push_str(words),
            Piece::Variable(variable) => match value(variable) {
                Some(words) => out.push_str(&words),
                None => out.push_str(&text[at]),
            },
            Piece::Unknown(_) => out.push_str(&text[at]),
        }
    }
    out
}

/// The text's own words, with variables and literals taken out: what the
/// checks for restated amounts read.
pub fn own_words(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (at, piece) in pieces(text) {
        match piece {
            Piece::Text(words) => out.push_str(words),
            // Keep the places where the rest is (for located messages):
            // blank out what is not the text's own.
            _ => out.extend(std::iter::repeat_n(' ', at.len())),
        }
    }
    out
}

/// The text with its variables blanked out and its literals' words kept:
/// what a translation's numbers are compared on (a literal's numbers are
/// words like any other, which the translation must say again).
pub fn without_variables(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (at, piece) in pieces(text) {
        match piece {
            Piece::Text(words) => out.push_str(words),
            Piece::Literal(words) => {
                // Keep the words where they stand in the text.
                let before = text[at.clone()].find(words).unwrap_or(0);
                out.push_str(&" ".repeat(before));
                out.push_str(words);
                out.push_str(&" ".repeat(at.len() - before - words.len()));
            }
            _ => out.extend(std::iter::repeat_n(' ', at.len())),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variables_literals_and_other_braces() {
        let text = r#"Hold for {hold}, rest {"5 seconds"}. {#id .class} { repeat }"#;
        let kinds: Vec<Piece<'_>> = pieces(text).into_iter().map(|(_, p)| p).collect();
        assert_eq!(
            kinds,
            vec![
                Piece::Text("Hold for "),
                Piece::Variable(Variable::Hold),
                Piece::Text(", rest "),
                Piece::Literal("5 seconds"),
                Piece::Text(". {#id .class} "),
                Piece::Variable(Variable::Repeat),
            ]
        );
    }

    #[test]
    fn unknown_names_are_kept_for_the_check() {
        let found = pieces("Hold for {hld}.");
        assert_eq!(found[1], (9..14, Piece::Unknown("hld")));
        // A Markdown attribute with a value is not a variable.
        assert!(
            pieces("## Ask {tabindex=0}")
                .iter()
                .all(|(_, p)| matches!(p, Piece::Text(_)))
        );
    }

    #[test]
    fn fill_writes_the_values() {
        let filled = fill(r#"Hold for {hold}; rest {"5 s"}."#, |v| match v {
            Variable::Hold => Some("20 seconds".into()),
            _ => None,
        });
        assert_eq!(filled, "Hold for 20 seconds; rest 5 s.");
        assert_eq!(fill("No braces.", |_| None), "No braces.");
    }

    #[test]
    fn own_words_blank_out_what_is_not_the_texts() {
        let text = r#"Hold {hold}, rest {"5 seconds"}."#;
        let own = own_words(text);
        assert_eq!(own.len(), text.len());
        assert!(!own.contains('5'));
        assert!(own.starts_with("Hold "));
    }
}
