//! Text as a reader meets it: sentences of words, each word with its
//! syllables and its place in the file's text. A dose variable (`{hold}`)
//! is read as the words it prints (`30 seconds`), so the text is measured
//! as printed, never its braces; Markdown is read as its prose (a
//! paragraph, a list item, a table cell ends a sentence; headings and code
//! are left out).

use std::ops::Range;

use hypher::Lang;
use pulldown_cmark::{Event, Tag, TagEnd};

use super::syllables;
use crate::content::variables::{self, Piece, Variable};

/// A word as printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// The word, as printed (a variable's words as written out).
    pub text: String,
    /// Where it is in the text measured: a variable's words all point at
    /// the variable.
    pub at: Range<usize>,
    /// Its syllables.
    pub syllables: usize,
    /// How many letters it has (digits and hyphens left out).
    pub letters: usize,
    /// Whether it is a dose variable's words, not the writer's own.
    pub filled: bool,
}

/// A sentence: its words, in order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Sentence {
    /// Its words.
    pub words: Vec<Word>,
}

impl Sentence {
    /// Where it starts in the text.
    pub fn start(&self) -> usize {
        self.words.first().map_or(0, |w| w.at.start)
    }
}

/// Short words that end with a full stop without ending a sentence.
const ABBREVIATIONS: &[&str] = &[
    "e.g", "i.e", "etc", "dr", "mr", "mrs", "ms", "st", "vs", "approx", "no", "fig", "p.ej", "sr",
    "sra", "dra", "z.b", "bzw", "ca", "usw", "mme", "env",
];

/// How a text is written: one inline piece (a step, a caution) or a
/// Markdown body (a page, a phase).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// Inline Markdown: the whole text is one block.
    Inline,
    /// A Markdown body: paragraphs, lists and tables are blocks.
    Body,
}

/// The sentences of `text` in `lang`, with each dose variable read as
/// `fill` writes it (a variable with no words is read as nothing).
pub fn sentences(
    text: &str,
    form: Form,
    lang: Lang,
    fill: &dyn Fn(Variable) -> Option<String>,
) -> Vec<Sentence> {
    let mut reader = Reader {
        lang,
        fill,
        variables: (variables::pieces(text).into_iter())
            .filter(|(_, piece)| !matches!(piece, Piece::Text(_)))
            .collect(),
        sentences: Vec::new(),
        current: Sentence::default(),
        read_to: 0,
    };
    match form {
        Form::Inline => {
            reader.read(text, 0..text.len());
            reader.end_sentence();
        }
        Form::Body => {
            let mut skip = 0usize;
            for (event, range) in crate::markdown::parser_with_offsets(text) {
                match event {
                    Event::Start(Tag::Heading { .. } | Tag::CodeBlock(_)) => skip += 1,
                    Event::End(TagEnd::Heading(_) | TagEnd::CodeBlock) => {
                        skip = skip.saturating_sub(1);
                        reader.end_sentence();
                    }
                    Event::Text(_) | Event::Code(_) if skip == 0 => reader.read(text, range),
                    Event::SoftBreak | Event::HardBreak => {}
                    Event::Start(Tag::Item | Tag::List(_) | Tag::TableCell)
                    | Event::End(
                        TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell | TagEnd::List(_),
                    ) => reader.end_sentence(),
                    _ => {}
                }
            }
            reader.end_sentence();
        }
    }
    reader.sentences
}

/// Reads pieces of a text into sentences.
struct Reader<'a> {
    lang: Lang,
    fill: &'a dyn Fn(Variable) -> Option<String>,
    /// The variables and literals of the text, with their places.
    variables: Vec<(Range<usize>, Piece<'a>)>,
    sentences: Vec<Sentence>,
    current: Sentence,
    /// Where the last variable read ends: Markdown may cut a variable
    /// into several pieces (at a quote), read once, as a whole.
    read_to: usize,
}

impl Reader<'_> {
    fn end_sentence(&mut self) {
        if !self.current.words.is_empty() {
            self.sentences.push(std::mem::take(&mut self.current));
        }
    }

    /// Reads `text[range]`, the variables in it as their words.
    fn read(&mut self, text: &str, range: Range<usize>) {
        let mut at = range.start.max(self.read_to);
        while at < range.end {
            let variable = (self.variables.iter())
                .find(|(place, _)| place.start >= at && place.start < range.end)
                .cloned();
            let plain_end = variable
                .as_ref()
                .map_or(range.end, |(place, _)| place.start);
            self.words_of(text, at..plain_end, None);
            let Some((place, piece)) = variable else {
                break;
            };
            let words = match piece {
                Piece::Variable(variable) => (self.fill)(variable).unwrap_or_default(),
                Piece::Literal(words) => words.to_string(),
                _ => text[place.clone()].to_string(),
            };
            self.words_of(&words, 0..words.len(), Some(place.clone()));
            self.read_to = place.end;
            at = place.end.max(plain_end + 1);
        }
    }

    /// Reads plain words in `text[range]`; `variable` is the place of the
    /// variable they were written from, if any.
    fn words_of(&mut self, text: &str, range: Range<usize>, variable: Option<Range<usize>>) {
        let piece = &text[range.clone()];
        let chars: Vec<(usize, char)> = piece.char_indices().collect();
        let mut i = 0;
        while i < chars.len() {
            let (offset, c) = chars[i];
            if c.is_alphanumeric() {
                // A word: letters and digits, joined by inner apostrophes,
                // hyphens and (between digits) points and commas.
                let mut j = i + 1;
                while j < chars.len() {
                    let (_, d) = chars[j];
                    // `e.g`, `z.B`: a point after a lone letter.
                    let lone_letter =
                        chars[j - 1].1.is_alphabetic() && (j - 1 == i || chars[j - 2].1 == '.');
                    let joins = matches!(d, '\'' | '’' | '-' | '‑')
                        || (matches!(d, '.' | ',') && chars[j - 1].1.is_ascii_digit())
                        || (d == '.' && lone_letter);
                    if d.is_alphanumeric()
                        || (joins && chars.get(j + 1).is_some_and(|(_, n)| n.is_alphanumeric()))
                    {
                        j += 1;
                    } else {
                        break;
                    }
                }
                let end = chars.get(j).map_or(piece.len(), |(o, _)| *o);
                let word = &piece[offset..end];
                let at = variable
                    .clone()
                    .unwrap_or(range.start + offset..range.start + end);
                self.current
                    .words
                    .push(self.word(word, at, variable.is_some()));
                i = j;
                continue;
            }
            if matches!(c, '.' | '!' | '?' | '…') && variable.is_none() {
                let next = chars.get(i + 1).map(|(_, n)| *n);
                let ends = next.is_none_or(|n| n.is_whitespace() || "\"'”’)]*_".contains(n));
                let abbreviation = c == '.'
                    && self.current.words.last().is_some_and(|w| {
                        ABBREVIATIONS.contains(&w.text.to_lowercase().as_str())
                            || (w.text.chars().count() == 1
                                && w.text.chars().all(char::is_alphabetic))
                    });
                if ends && !abbreviation {
                    self.end_sentence();
                }
            }
            i += 1;
        }
    }

    fn word(&self, word: &str, at: Range<usize>, filled: bool) -> Word {
        let syllables = if word.chars().any(|c| c.is_ascii_digit()) {
            // A number is read as one word of one syllable: the formulas
            // were made for words, and a dose's number is short.
            1
        } else {
            (word.split(['-', '‑']))
                .map(|part| {
                    let letters: String = part.chars().filter(|c| c.is_alphabetic()).collect();
                    syllables::count(&letters, self.lang)
                })
                .sum::<usize>()
                .max(1)
        };
        Word {
            text: word.to_string(),
            at,
            syllables,
            letters: word.chars().filter(|c| c.is_alphabetic()).count(),
            filled,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(sentences: &[Sentence]) -> Vec<Vec<String>> {
        (sentences.iter())
            .map(|s| s.words.iter().map(|w| w.text.clone()).collect())
            .collect()
    }

    #[test]
    fn variables_are_read_as_printed() {
        let fill = |v: Variable| (v == Variable::Hold).then(|| "30 seconds".to_string());
        let text = "Hold the stretch for {hold}. Rest {\"5 seconds\"}, e.g. on a chair.";
        let found = sentences(text, Form::Inline, Lang::English, &fill);
        assert_eq!(
            words(&found),
            [
                vec!["Hold", "the", "stretch", "for", "30", "seconds"],
                vec!["Rest", "5", "seconds", "e.g", "on", "a", "chair"],
            ]
        );
        let seconds = &found[0].words[5];
        assert!(seconds.filled);
        assert_eq!(&text[seconds.at.clone()], "{hold}");
        assert_eq!(&text[found[1].words[0].at.clone()], "Rest");
    }

    #[test]
    fn a_literal_cut_by_markdown_quotes_is_read_once() {
        let text = "In the first {\"6 to 12 weeks\"} after surgery, scar forms.";
        let found = sentences(text, Form::Body, Lang::English, &|_| None);
        assert_eq!(
            words(&found),
            [vec![
                "In", "the", "first", "6", "to", "12", "weeks", "after", "surgery", "scar", "forms"
            ]]
        );
    }

    #[test]
    fn markdown_blocks_end_sentences_and_headings_are_left_out() {
        let text = "# A title\n\nMoving helps. It prevents:\n\n- blood clots\n- stiffness\n\n| When | What |\n|---|---|\n| Now | Stretch |\n";
        let found = sentences(text, Form::Body, Lang::English, &|_| None);
        assert_eq!(
            words(&found),
            [
                vec!["Moving", "helps"],
                vec!["It", "prevents"],
                vec!["blood", "clots"],
                vec!["stiffness"],
                vec!["When"],
                vec!["What"],
                vec!["Now"],
                vec!["Stretch"],
            ]
        );
        assert_eq!(found[0].words[1].syllables, 1);
        assert_eq!(&text[found[2].words[0].at.clone()], "blood");
    }

    #[test]
    fn numbers_and_hyphenated_words_are_one_word() {
        let found = sentences(
            "A fever of 100.4 °F, a knee-to-chest stretch.",
            Form::Inline,
            Lang::English,
            &|_| None,
        );
        assert_eq!(
            words(&found),
            [vec![
                "A",
                "fever",
                "of",
                "100.4",
                "F",
                "a",
                "knee-to-chest",
                "stretch"
            ]]
        );
        assert_eq!(found[0].words[6].syllables, 3);
    }
}
