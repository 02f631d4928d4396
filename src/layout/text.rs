//! Measuring text and breaking styled text into lines.
//!
//! Widths come from the embedded fonts' `hmtx` advances (no kerning, just
//! as the PDF prints them). Line breaking follows UAX #14 through
//! `unicode-linebreak`, greedily and ragged right: a line takes every word
//! that fits, and a word wider than the whole line is split between
//! characters rather than run into the margin.

use crate::fonts::{Face, FontBook};
use crate::geom::{Color, Pt};
use unicode_linebreak::{BreakOpportunity, linebreaks};

/// The width of `text` set in `face` at `size` (and the characters it
/// lacks in the added faces of `fonts`).
pub fn measure(fonts: &FontBook, face: Face, size: Pt, text: &str) -> Pt {
    Pt(fonts.width(face, text, size.0))
}

/// The ascent of a face at `size`, above the baseline.
pub fn ascent(fonts: &FontBook, face: Face, size: Pt) -> Pt {
    let m = fonts.metrics(face);
    Pt(f32::from(m.ascent) * size.0 / f32::from(m.units_per_em))
}

/// How a span of text looks and where it links.
#[derive(Debug, Clone, PartialEq)]
pub struct Style {
    /// Typeface.
    pub face: Face,
    /// Colour.
    pub color: Color,
    /// The link destination as written in the Markdown, if any.
    pub link: Option<String>,
}

impl Style {
    /// Plain text in a face and colour.
    pub fn new(face: Face, color: Color) -> Style {
        Style {
            face,
            color,
            link: None,
        }
    }
}

/// A piece of text in one style. `\n` is a forced line break.
#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    /// The characters.
    pub text: String,
    /// How they look.
    pub style: Style,
}

/// Part of a line in one style.
#[derive(Debug, Clone, PartialEq)]
pub struct Fragment {
    /// Offset from the start of the line.
    pub x: Pt,
    /// Measured width.
    pub width: Pt,
    /// The characters (no trailing space at the end of a line).
    pub text: String,
    /// How they look.
    pub style: Style,
}

/// One line of broken text.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Line {
    /// The pieces, left to right.
    pub fragments: Vec<Fragment>,
    /// Width of the inked text.
    pub width: Pt,
    /// Whether the line broke at a space, dropped from its end: a word
    /// ends there, which text extraction and screen readers need to know.
    pub space_after: bool,
}

/// Breaks spans into lines no wider than `width` at font size `size`.
pub fn break_lines(fonts: &FontBook, spans: &[Span], size: Pt, width: Pt) -> Vec<Line> {
    let text: String = spans.iter().map(|s| s.text.as_str()).collect();
    let mut starts = Vec::with_capacity(spans.len());
    let mut at = 0;
    for s in spans {
        starts.push(at);
        at += s.text.len();
    }
    let styled = Styled {
        fonts,
        spans,
        starts: &starts,
        text: &text,
        size,
    };

    // Break opportunities split the text into segments ("word plus the
    // space after it"); a mandatory break ends its segment's line. A
    // segment joined to the next (`glue`: "30 s", "6 to 12 weeks") starts
    // a new line with it when the two do not fit together.
    let mut segments: Vec<(usize, usize, bool)> = Vec::new();
    let mut joined_to_next: Vec<bool> = Vec::new();
    let mut prev = 0;
    for (idx, kind) in linebreaks(&text) {
        if idx > prev {
            let forced = kind == BreakOpportunity::Mandatory && idx < text.len();
            segments.push((prev, idx, forced));
            joined_to_next.push(!forced && idx < text.len() && super::glue::joined(&text, idx));
        }
        prev = idx;
    }

    let mut lines = Vec::new();
    let mut line_start: Option<usize> = None;
    let mut line_end = 0;
    let mut used = Pt::ZERO;
    let mut i = 0;
    while i < segments.len() {
        let (a, b, forced) = segments[i];
        let inked_end = a + text[a..b].trim_end().len();
        let inked = styled.width(a, inked_end);
        let starts_run = joined_to_next[i] && (i == 0 || !joined_to_next[i - 1]);
        if line_start.is_some() && starts_run {
            let last = i + joined_to_next[i..].iter().take_while(|j| **j).count();
            let (_, run_end, _) = segments[last.min(segments.len() - 1)];
            let run_inked = styled.width(a, a + text[a..run_end].trim_end().len());
            if used + run_inked > width {
                lines.push(styled.line(line_start.take().unwrap_or(a), line_end));
                used = Pt::ZERO;
                continue;
            }
        }
        if line_start.is_some() && used + inked > width {
            lines.push(styled.line(line_start.take().unwrap_or(a), line_end));
            used = Pt::ZERO;
            continue;
        }
        if line_start.is_none() && inked > width {
            // A word longer than the line: split it between characters,
            // in one pass, each character measured once. The last piece
            // starts the next line like an ordinary word.
            let mut piece = a;
            let mut piece_width = Pt::ZERO;
            for (off, c) in text[a..inked_end].char_indices() {
                let at = a + off;
                let next = at + c.len_utf8();
                let w = styled.width(at, next);
                if at > piece && piece_width + w > width {
                    lines.push(styled.line(piece, at));
                    piece = at;
                    piece_width = Pt::ZERO;
                }
                piece_width += w;
            }
            line_start = Some(piece);
            used = styled.width(piece, b);
            line_end = b;
            i += 1;
            if forced {
                lines.push(styled.line(piece, line_end));
                line_start = None;
                used = Pt::ZERO;
            }
            continue;
        }
        line_start.get_or_insert(a);
        used += styled.width(a, b);
        line_end = b;
        i += 1;
        if forced {
            lines.push(styled.line(line_start.take().unwrap_or(a), line_end));
            used = Pt::ZERO;
        }
    }
    if let Some(start) = line_start {
        lines.push(styled.line(start, line_end));
    }
    lines
}

struct Styled<'a> {
    fonts: &'a FontBook,
    spans: &'a [Span],
    starts: &'a [usize],
    text: &'a str,
    size: Pt,
}

impl Styled<'_> {
    /// The spans overlapping the byte range, with their overlapping ranges.
    ///
    /// Finds the first span by binary search, so measuring a word costs
    /// the same in a paragraph of a thousand styled spans as in one.
    fn pieces(&self, a: usize, b: usize) -> impl Iterator<Item = (&Span, usize, usize)> {
        let first = self
            .starts
            .partition_point(|&start| start <= a)
            .saturating_sub(1);
        self.spans[first..]
            .iter()
            .zip(&self.starts[first..])
            .take_while(move |(_, start)| **start < b)
            .filter_map(move |(span, &start)| {
                let end = start + span.text.len();
                let (lo, hi) = (a.max(start), b.min(end));
                (lo < hi).then_some((span, lo, hi))
            })
    }

    fn width(&self, a: usize, b: usize) -> Pt {
        self.pieces(a, b).fold(Pt::ZERO, |w, (span, lo, hi)| {
            w + measure(self.fonts, span.style.face, self.size, &self.text[lo..hi])
        })
    }

    fn line(&self, a: usize, b: usize) -> Line {
        let inked = a + self.text[a..b].trim_end().len();
        let space_after = inked < b;
        let b = inked;
        let mut x = Pt::ZERO;
        let mut fragments = Vec::new();
        for (span, lo, hi) in self.pieces(a, b) {
            let piece = &self.text[lo..hi];
            let width = measure(self.fonts, span.style.face, self.size, piece);
            if !piece.is_empty() {
                fragments.push(Fragment {
                    x,
                    width,
                    text: piece.to_string(),
                    style: span.style.clone(),
                });
            }
            x += width;
        }
        Line {
            fragments,
            width: x,
            space_after,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geom::Color;

    fn plain(text: &str) -> Vec<Span> {
        vec![Span {
            text: text.into(),
            style: Style::new(Face::Regular, Color::BLACK),
        }]
    }

    fn texts(lines: &[Line]) -> Vec<String> {
        lines
            .iter()
            .map(|l| l.fragments.iter().map(|f| f.text.as_str()).collect())
            .collect()
    }

    #[test]
    fn breaks_between_words_and_never_overflows() {
        let spans = plain("Lie on your back with both knees bent and feet flat on the bed.");
        let lines = break_lines(&FontBook::default(), &spans, Pt(14.0), Pt(150.0));
        assert!(lines.len() > 2);
        for l in &lines {
            assert!(l.width <= Pt(150.0), "{l:?}");
        }
        assert_eq!(
            texts(&lines).join(" "),
            "Lie on your back with both knees bent and feet flat on the bed."
        );
    }

    #[test]
    fn keeps_styles_across_a_line() {
        let mut spans = plain("Hold for ");
        spans.push(Span {
            text: "ten seconds".into(),
            style: Style::new(Face::Bold, Color::BLACK),
        });
        spans.extend(plain(", then relax."));
        let lines = break_lines(&FontBook::default(), &spans, Pt(14.0), Pt(1000.0));
        assert_eq!(lines.len(), 1);
        let f = &lines[0].fragments;
        assert_eq!(f.len(), 3);
        assert_eq!(f[1].style.face, Face::Bold);
        assert_eq!(f[1].x, f[0].width);
    }

    #[test]
    fn forced_breaks_and_long_words() {
        let lines = break_lines(
            &FontBook::default(),
            &plain("one\ntwo"),
            Pt(14.0),
            Pt(500.0),
        );
        assert_eq!(texts(&lines), ["one", "two"]);
        let long = break_lines(
            &FontBook::default(),
            &plain("Supercalifragilistic"),
            Pt(14.0),
            Pt(60.0),
        );
        assert!(long.len() > 1);
        assert_eq!(texts(&long).concat(), "Supercalifragilistic");
        for l in &long {
            assert!(l.width <= Pt(60.0), "{l:?}");
        }
        // The word's last piece shares its line with the next words.
        let tail = break_lines(
            &FontBook::default(),
            &plain("Supercalifragilistic is it"),
            Pt(14.0),
            Pt(60.0),
        );
        let last = texts(&long).pop().unwrap();
        assert!(
            texts(&tail)
                .iter()
                .any(|l| l.starts_with(&format!("{last} is"))),
            "{:?}",
            texts(&tail)
        );
    }

    /// A phone number, a date or a span of weeks moves to the next line
    /// whole; one longer than a line still breaks inside it.
    #[test]
    fn numbers_joined_to_their_words_move_together() {
        let lines = break_lines(
            &FontBook::default(),
            &plain("Call your clinic on +44 20 7946 0321."),
            Pt(14.0),
            Pt(200.0),
        );
        assert_eq!(texts(&lines), ["Call your clinic on", "+44 20 7946 0321."]);
        let narrow = break_lines(
            &FontBook::default(),
            &plain("1 2 3 4 5 6 7 8 9 10 11 12"),
            Pt(14.0),
            Pt(40.0),
        );
        assert!(narrow.len() > 3, "{:?}", texts(&narrow));
        assert!(narrow.iter().all(|l| l.width <= Pt(40.0)));
        assert_eq!(texts(&narrow).join(" "), "1 2 3 4 5 6 7 8 9 10 11 12");
    }

    /// Issue 14: a 200,000-character word took seconds; each character is
    /// now measured once. Many styled spans cost no more per character.
    #[test]
    fn long_words_and_many_spans_break_in_linear_time() {
        let word = "a".repeat(200_000);
        let started = std::time::Instant::now();
        let lines = break_lines(&FontBook::default(), &plain(&word), Pt(11.0), Pt(450.0));
        assert!(lines.len() > 100);
        assert_eq!(
            lines
                .iter()
                .map(|l| l.fragments[0].text.len())
                .sum::<usize>(),
            200_000
        );
        let spans: Vec<Span> = (0..20_000)
            .map(|i| Span {
                text: "word ".into(),
                style: Style::new(
                    if i % 2 == 0 {
                        Face::Bold
                    } else {
                        Face::Regular
                    },
                    Color::BLACK,
                ),
            })
            .collect();
        assert!(break_lines(&FontBook::default(), &spans, Pt(11.0), Pt(450.0)).len() > 100);
        // A hang guard, not a speed bound (those are benchmarks): in
        // quadratic time this took minutes; linear, a fraction of a second.
        let took = started.elapsed();
        assert!(took.as_secs_f32() < 30.0, "{took:?}");
    }
}
