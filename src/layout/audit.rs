//! The end-of-typesetting audit: nothing printed is cut.
//!
//! Every document the typesetter makes is checked against the Markdown it
//! was made from, the safety net under every layout rule:
//! - every word of the source is placed on a page as content (read from
//!   the tagged structure, so the running header, the footer and a
//!   repeated table header never count, and the table of contents, which
//!   repeats the headings, does not either). Words are compared, not
//!   characters: a word the typesetter broke between letters at the end
//!   of a line is put together again. What the typesetter adds itself
//!   (box labels, list numbers, footnote marks, a QR code's address) is an
//!   extra, never a problem;
//! - every text run of the content lies inside the page's text area;
//! - no two text runs print over each other.
//!
//! Each difference is a [`Problem`] with the words where it is, for the
//! caller to find their place in the content. It costs little beside
//! typesetting: the source's words are counted from the parser's events as
//! the typesetter reads them (no second parse), each word by a 64-bit hash
//! (nothing copied), each run of the pages is read once, and a page's runs
//! are swept top to bottom for overprinting. Only when a word is missing
//! is the Markdown read again, to say where.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::hash::BuildHasherDefault;

use pulldown_cmark::{Event, Tag as MdTag, TagEnd};

use super::text::measure;
use super::{
    CONTEXT_WORDS, Document, Item, Positioned, Problem, ProblemKind, Role, Tag, TextRun,
    TypesetOptions,
};
use crate::fonts::FontBook;
use crate::geom::Pt;

/// How many problems of one kind the audit reports; past it, the last one
/// says how many more there are.
const MAX_PER_KIND: usize = 10;

/// Audits a typeset document against the Markdown it was set from, with
/// the options it was set with (for the text area). Empty when every word
/// of the source is printed, inside the text area, nothing over anything.
pub fn audit(markdown: &str, doc: &Document, options: &TypesetOptions<'_>) -> Vec<Problem> {
    let mut source = SourceCount::default();
    for event in crate::markdown::parser(markdown) {
        source.read(&event);
    }
    audit_counted(markdown, doc, options, source)
}

/// [`audit`], the source's words counted already (as the typesetter read
/// the Markdown).
pub(super) fn audit_counted(
    markdown: &str,
    doc: &Document,
    options: &TypesetOptions<'_>,
    source: SourceCount,
) -> Vec<Problem> {
    let mut problems = geometry(doc, options);
    problems.extend(missing_words(markdown, doc, source.finish()));
    problems
}

/// The words of the source to print, counted, as the parser's events
/// come: each takes one off its count, and each placed on a page adds one
/// back.
#[derive(Default)]
pub(super) struct SourceCount {
    reader: SourceReader,
    counts: Counts,
}

impl SourceCount {
    /// Reads one event of the Markdown.
    pub(super) fn read(&mut self, event: &Event<'_>) {
        let counts = &mut self.counts;
        self.reader
            .read(event, 0, &mut |word, _| count(counts, word, -1));
    }

    fn finish(mut self) -> Counts {
        let counts = &mut self.counts;
        self.reader.finish(&mut |word, _| count(counts, word, -1));
        self.counts
    }
}

/// Adds `delta` to the count of a word, as the audit compares it.
fn count(counts: &mut Counts, word: &str, delta: i64) {
    if let Some(w) = normal(word) {
        *counts.entry(word_key(&w)).or_default() += delta;
    }
}

/// A word as the audit compares it: without the punctuation around it
/// (a box's `**How much:**` prints as the label `How much`) and without
/// footnote marks (the typesetter prints `word¹` for `word[^1]`). `None`
/// for what has no letter or digit: a `·` or a `—` is not a word.
fn normal(word: &str) -> Option<Cow<'_, str>> {
    if word.is_ascii() {
        let word = word.trim_matches(|c: char| !c.is_ascii_alphanumeric());
        if word.is_empty() {
            return None;
        }
        if !word.bytes().any(|b| b.is_ascii_control()) {
            return Some(Cow::Borrowed(word));
        }
    }
    let word = word.trim_matches(|c: char| !c.is_alphanumeric() || is_superscript_digit(c));
    if word.is_empty() {
        return None;
    }
    if !word.contains(|c: char| is_superscript_digit(c) || c.is_control()) {
        return Some(Cow::Borrowed(word));
    }
    // The typesetter drops control characters (they have no glyph).
    let bare: String = (word.chars())
        .filter(|c| !is_superscript_digit(*c) && !c.is_control())
        .collect();
    normal(&bare).map(|w| Cow::Owned(w.into_owned()))
}

fn is_superscript_digit(c: char) -> bool {
    matches!(c, '⁰' | '¹' | '²' | '³' | '⁴' | '⁵' | '⁶' | '⁷' | '⁸' | '⁹')
}

/// Word counts, by a 64-bit hash of the word: no word is copied to be
/// counted. Two different words of one document sharing a hash (about one
/// chance in 10¹⁰ for 100,000 different words) could hide each other's
/// difference, never make one up.
type Counts = HashMap<u64, i64, BuildHasherDefault<Spread>>;

/// A word's hash: FNV-1a over its bytes, then mixed so that every bit of
/// it depends on every byte (the table reads the low and the high bits).
fn word_key(word: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in word.bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h
}

/// The hasher of [`Counts`]: its keys are hashes already.
#[derive(Default)]
struct Spread(u64);

impl std::hash::Hasher for Spread {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 << 8) | u64::from(*b);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// Splits text into words: at whitespace (a no-break space too: both
/// sides split there alike).
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split_whitespace()
}

// ---------------------------------------------------------------------
// Words

/// The missing stretches of the source: `balance` holds each word of the
/// source less one for each time it is written, and gains one for each
/// time it is placed.
fn missing_words(markdown: &str, doc: &Document, mut balance: Counts) -> Vec<Problem> {
    placed_words(doc, |word| count(&mut balance, word, 1));
    if balance.values().all(|n| *n >= 0) {
        return Vec::new();
    }
    locate_missing(markdown, &balance)
}

/// Calls `each` with every word placed on the pages as content, in the
/// pages' painting order, an element's runs joined: runs on one line join
/// as printed, and a line that ends without a word space (a word broken
/// between letters, or after a hyphen) joins the next one.
fn placed_words(doc: &Document, mut each: impl FnMut(&str)) {
    // The elements whose text does not count: the table of contents
    // repeats the headings.
    let mut skipped = vec![false; doc.structure.len()];
    for (i, e) in doc.structure.iter().enumerate() {
        skipped[i] = matches!(e.role, Role::Contents | Role::ContentsEntry)
            || e.parent.is_some_and(|p| p < i && skipped[p]);
    }
    // Per element: the word not yet ended, and where its last run was.
    let mut open: Vec<Option<Tail>> = Vec::new();
    open.resize_with(doc.structure.len(), || None);
    for (page, p) in doc.pages.iter().enumerate() {
        for item in &p.items {
            let (Item::Text(run), Some(Tag::Content(e))) = (&item.item, item.tag) else {
                continue;
            };
            if skipped.get(e).copied().unwrap_or(true) {
                continue;
            }
            let tail = open[e].get_or_insert_with(|| Tail {
                text: String::new(),
                page,
                baseline: item.at.y,
                space_after: true,
            });
            let same_line = tail.page == page && (tail.baseline - item.at.y).0.abs() < 0.01;
            if !same_line && tail.space_after {
                tail.flush(&mut each);
            }
            let before = tail.text.len();
            tail.text.push_str(&run.text);
            tail.page = page;
            tail.baseline = item.at.y;
            tail.space_after = run.space_after;
            // Every word before the run's last space is complete (looked
            // for in the run only: a word broken over a thousand lines is
            // read once).
            if let Some(cut) = tail.text[before..].rfind(char::is_whitespace) {
                let cut = before + cut;
                words(&tail.text[..cut]).for_each(&mut each);
                tail.text.drain(..cut);
            }
        }
    }
    for tail in open.iter_mut().flatten() {
        tail.flush(&mut each);
    }
}

/// The end of an element's text that may go on in its next run.
struct Tail {
    text: String,
    page: usize,
    baseline: Pt,
    space_after: bool,
}

impl Tail {
    fn flush(&mut self, each: &mut impl FnMut(&str)) {
        words(&self.text).for_each(&mut *each);
        self.text.clear();
    }
}

/// Calls `each` with every word of the Markdown the typesetter must
/// print, in order, with the byte offset of the text it is part of. Read
/// from the parser's events, not from the typesetter's own reading of
/// them, so a word the typesetter's first stage loses is missed too. Not
/// counted: what is not printed as text (the alt text of a table cell's
/// figure, drawn small without it; a cell of tick boxes, drawn; the
/// `[!DOSE]` marker of a dose box; a `<br>`).
fn source_words(markdown: &str, mut each: impl FnMut(&str, usize)) {
    let mut reader = SourceReader::default();
    for (event, range) in crate::markdown::parser_with_offsets(markdown) {
        reader.read(&event, range.start, &mut each);
    }
    reader.finish(&mut each);
}

/// Reads the words to print from the parser's events, one at a time: the
/// typesetter's own reading of the Markdown passes them on as it goes, so
/// the audit does not parse it again.
#[derive(Default)]
pub(super) struct SourceReader {
    block: SourceBlock,
    /// Inside an image: whether its alt text is printed.
    image: Option<bool>,
    /// A plain quote just opened: its first paragraph may open with the
    /// dose box's marker.
    quote_opened: bool,
}

impl SourceReader {
    /// Reads one event, which starts at byte `at` of the Markdown, and
    /// calls `each` with every word it completes.
    pub(super) fn read(
        &mut self,
        event: &Event<'_>,
        at: usize,
        each: &mut impl FnMut(&str, usize),
    ) {
        let block = &mut self.block;
        match event {
            // An image prints as `[alt]` where it stands, or as its
            // caption when it is a paragraph's only content: either way
            // its words. The figure of a table cell (its first image) is
            // drawn without them.
            Event::Start(MdTag::Image { .. }) => {
                let printed = !std::mem::replace(&mut block.cell_figure, false);
                if printed {
                    if block.text.is_empty() {
                        block.at = at;
                    }
                    block.text.push('[');
                }
                self.image = Some(printed);
            }
            Event::End(TagEnd::Image) => {
                if self.image.take() == Some(true) {
                    block.text.push(']');
                }
            }
            Event::Text(t) | Event::Code(t) if self.image == Some(true) => block.text.push_str(t),
            _ if self.image.is_some() => {}
            Event::Text(t) if super::blocks::is_br(t) => block.text.push(' '),
            Event::Text(t) | Event::Code(t) => {
                if block.text.is_empty() {
                    block.at = at;
                }
                block.text.push_str(t);
            }
            Event::SoftBreak | Event::HardBreak => block.text.push(' '),
            // Inline markup joins its text to what is around it, and a
            // footnote mark prints as a superscript number.
            Event::Start(
                MdTag::Emphasis | MdTag::Strong | MdTag::Strikethrough | MdTag::Link { .. },
            )
            | Event::End(
                TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link,
            )
            | Event::FootnoteReference(_) => {}
            _ => {
                block.flush(each);
                match event {
                    Event::Start(MdTag::BlockQuote(None)) => self.quote_opened = true,
                    Event::Start(MdTag::Paragraph) => {
                        block.dose = std::mem::take(&mut self.quote_opened);
                    }
                    Event::Start(MdTag::TableCell) => {
                        block.cell = true;
                        block.cell_figure = true;
                    }
                    Event::End(TagEnd::TableCell) => {
                        block.cell = false;
                        block.cell_figure = false;
                    }
                    _ => self.quote_opened = false,
                }
            }
        }
    }

    /// Calls `each` with the words of the last block.
    pub(super) fn finish(&mut self, each: &mut impl FnMut(&str, usize)) {
        self.block.flush(each);
    }
}

/// The text of the source block being read.
#[derive(Default)]
struct SourceBlock {
    text: String,
    /// Where it starts in the Markdown.
    at: usize,
    /// Whether it is a table cell (a cell of nothing but tick boxes draws
    /// them).
    cell: bool,
    /// Whether it is the first paragraph of a plain quote (which opens
    /// with `[!DOSE]` in a dose box).
    dose: bool,
    /// Whether it is a table cell that has had no image yet: its first
    /// is the cell's figure.
    cell_figure: bool,
}

impl SourceBlock {
    fn flush(&mut self, each: &mut impl FnMut(&str, usize)) {
        let mut text = self.text.as_str();
        if std::mem::take(&mut self.dose)
            && let Some(rest) = text.trim_start().strip_prefix(super::blocks::DOSE_MARKER)
        {
            text = rest;
        }
        let drawn = self.cell
            && text.chars().all(|c| {
                c.is_whitespace() || matches!(c, super::cells::BOX | super::cells::OPTIONAL_BOX)
            });
        if !drawn {
            words(text).for_each(|w| each(w, self.at));
        }
        self.text.clear();
    }
}

/// The stretches of the source whose words are missing from the pages,
/// `balance` being each word's count placed less its count in the source.
///
/// A word missing every time it occurs is missing where it occurs; a word
/// missing only some of the times it occurs (`the`) is counted missing
/// where the words around it are, so a stretch reads as one.
fn locate_missing(markdown: &str, balance: &Counts) -> Vec<Problem> {
    let mut source: Vec<(String, usize, String)> = Vec::new();
    source_words(markdown, |word, at| {
        if let Some(w) = normal(word) {
            source.push((w.to_string(), at, word.to_string()));
        }
    });
    let mut occurrences: HashMap<&str, usize> = HashMap::new();
    for (w, ..) in &source {
        *occurrences.entry(w.as_str()).or_default() += 1;
    }
    let deficit = |w: &str| (-balance.get(&word_key(w)).copied().unwrap_or(0)).max(0) as usize;
    let mut missing: Vec<bool> = source
        .iter()
        .map(|(w, ..)| {
            let d = deficit(w);
            d > 0 && d >= occurrences[w.as_str()]
        })
        .collect();
    // The words missing only some times: their occurrences with the most
    // missing neighbours first, the later first among equals.
    let mut partly: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, (w, ..)) in source.iter().enumerate() {
        let d = deficit(w);
        if d > 0 && d < occurrences[w.as_str()] {
            partly.entry(w.as_str()).or_default().push(i);
        }
    }
    let mut chosen = Vec::new();
    for (w, at) in &partly {
        let near = |i: usize| {
            let lo = i.saturating_sub(3);
            let hi = (i + 4).min(missing.len());
            missing[lo..hi].iter().filter(|m| **m).count()
        };
        let mut ranked: Vec<(usize, usize)> = at.iter().map(|&i| (near(i), i)).collect();
        ranked.sort_unstable_by(|a, b| b.cmp(a));
        chosen.extend(ranked.iter().take(deficit(w)).map(|(_, i)| *i));
    }
    for i in chosen {
        missing[i] = true;
    }
    // Stretches of missing words, each one problem.
    let mut problems = Vec::new();
    let mut i = 0;
    while i < source.len() {
        if !missing[i] {
            i += 1;
            continue;
        }
        let start = i;
        while i < source.len() && missing[i] {
            i += 1;
        }
        problems.push(Problem {
            kind: ProblemKind::Missing { count: i - start },
            page: None,
            words: source[start..i.min(start + CONTEXT_WORDS)]
                .iter()
                .map(|(.., word)| word.clone())
                .collect(),
            offset: Some(source[start].1),
        });
    }
    capped(problems)
}

fn more(count: usize, of: Box<ProblemKind>) -> Problem {
    Problem {
        kind: ProblemKind::More { count, of },
        page: None,
        words: Vec::new(),
        offset: None,
    }
}

// ---------------------------------------------------------------------
// Geometry

/// How far a run may stand past the text area's edge (rounding).
const SLACK: Pt = Pt(0.5);

/// A text run's ink box on its page.
struct Ink<'d> {
    /// The run's place among its page's items.
    index: usize,
    baseline: Pt,
    left: Pt,
    right: Pt,
    top: Pt,
    bottom: Pt,
    run: &'d TextRun,
}

/// Runs outside the text area, and runs over each other: one problem of
/// each a page.
fn geometry(doc: &Document, options: &TypesetOptions<'_>) -> Vec<Problem> {
    let (top, height) = super::flow::body_box(options);
    let bottom = top + height;
    let (mut outside, mut overprinted) = (Vec::new(), Vec::new());
    for (page, p) in doc.pages.iter().enumerate() {
        let left = options.margins.left;
        let right = p.size.width - options.margins.right;
        let mut inks = Vec::new();
        let mut first_outside: Option<(usize, &TextRun)> = None;
        let mut runs = 0;
        for (i, item) in p.items.iter().enumerate() {
            let Some(ink) = ink(&doc.fonts, i, item) else {
                continue;
            };
            if matches!(item.tag, Some(Tag::Content(_)))
                && (ink.left < left - SLACK
                    || ink.right > right + SLACK
                    || ink.top < top - SLACK
                    || ink.bottom > bottom + SLACK)
            {
                first_outside.get_or_insert((i, ink.run));
                runs += 1;
            }
            inks.push(ink);
        }
        if let Some((i, run)) = first_outside {
            outside.push(Problem {
                kind: ProblemKind::OutsideTextArea {
                    text: run.text.clone(),
                    runs,
                },
                page: Some(page),
                words: context(&p.items[i..]),
                offset: None,
            });
        }
        let pairs = overlaps(&mut inks);
        if let Some(&(a, b)) = pairs.first() {
            let (a, b) = (&inks[a], &inks[b]);
            overprinted.push(Problem {
                kind: ProblemKind::Overprinted {
                    text: a.run.text.clone(),
                    other: b.run.text.clone(),
                    pairs: pairs.len(),
                },
                page: Some(page),
                words: context(&p.items[a.index.min(b.index)..]),
                offset: None,
            });
        }
    }
    let mut problems = capped(outside);
    problems.extend(capped(overprinted));
    problems
}

/// The first [`MAX_PER_KIND`] problems, and one saying how many more.
fn capped(mut problems: Vec<Problem>) -> Vec<Problem> {
    if problems.len() > MAX_PER_KIND {
        let count = problems.len() - MAX_PER_KIND;
        let of = Box::new(problems.swap_remove(MAX_PER_KIND).kind);
        problems.truncate(MAX_PER_KIND);
        problems.push(more(count, of));
    }
    problems
}

/// The words of the content runs from the first of `items` on: a run's
/// own words may be too few to find where it was written (a list's `1.`).
fn context(items: &[Positioned]) -> Vec<String> {
    (items.iter())
        .filter(|p| matches!(p.tag, Some(Tag::Content(_))))
        .filter_map(|p| match &p.item {
            Item::Text(run) => Some(words(&run.text)),
            _ => None,
        })
        .flatten()
        .take(CONTEXT_WORDS)
        .map(str::to_string)
        .collect()
}

/// The ink box of a text run with something to print: its advance from
/// the left end of its baseline, and the face's ascent and descent.
fn ink<'a>(fonts: &FontBook, index: usize, item: &'a Positioned) -> Option<Ink<'a>> {
    let Item::Text(run) = &item.item else {
        return None;
    };
    if run.text.trim().is_empty() {
        return None;
    }
    let m = fonts.metrics(run.face);
    let em = f32::from(m.units_per_em);
    Some(Ink {
        index,
        baseline: item.at.y,
        left: item.at.x,
        right: item.at.x + measure(fonts, run.face, run.size, &run.text),
        top: item.at.y - run.size * (f32::from(m.ascent) / em),
        bottom: item.at.y - run.size * (f32::from(m.descent) / em),
        run,
    })
}

/// The pairs of runs whose letters would print over each other, as
/// indices into `inks` (sorted in place, top to bottom). Two
/// lines set close together may touch at their ascent and descent (an
/// accent above, a descender below); only the band from the baseline up to
/// the height of the letters counts, less a hair at the sides where two
/// runs of one line meet.
fn overlaps(inks: &mut [Ink<'_>]) -> Vec<(usize, usize)> {
    // The band a run's letters fill: from its baseline up to about the
    // height of a capital.
    let band = |i: &Ink<'_>| (i.baseline - i.run.size * 0.7, i.baseline);
    inks.sort_by(|a, b| band(a).0.0.total_cmp(&band(b).0.0));
    let mut found = Vec::new();
    let mut active: Vec<usize> = Vec::new();
    for i in 0..inks.len() {
        let (top, _) = band(&inks[i]);
        active.retain(|&j| band(&inks[j]).1 > top);
        for &j in &active {
            let (a, b) = (&inks[j], &inks[i]);
            let overlap = a.right.min(b.right) - a.left.max(b.left);
            if overlap > SLACK {
                found.push((j, i));
            }
        }
        active.push(i);
    }
    found
}

#[cfg(test)]
mod tests {
    use super::super::tests::{SAMPLE, sample_options};
    use super::super::{DocMeta, Page, typeset};
    use super::*;
    use crate::geom::Point;

    fn options<'a>() -> TypesetOptions<'a> {
        let mut o = TypesetOptions::new(DocMeta::default());
        o.header_text = Some("Exercises after spine surgery".into());
        o.footer_left = Some("Clinic: 555 0100".into());
        o
    }

    /// The content runs of a page whose text contains `needle`.
    fn runs_with<'d>(page: &'d mut Page, needle: &str) -> Vec<&'d mut Positioned> {
        (page.items.iter_mut())
            .filter(|p| {
                matches!(p.tag, Some(Tag::Content(_)))
                    && matches!(&p.item, Item::Text(t) if t.text.contains(needle))
            })
            .collect()
    }

    /// A page of text, with a second paragraph long enough to wrap.
    const TEXT: &str = "# Calf stretch\n\nStand facing a wall. Put your hands on the wall.\n\n\
                        Lean into the wall until you feel a stretch in the back of your calf, \
                        then hold the stretch and breathe normally while you count slowly.\n";

    #[test]
    fn what_the_typesetter_sets_passes() {
        let opts = sample_options();
        for (md, opts) in [(SAMPLE, &opts), (TEXT, &options())] {
            let doc = typeset(md, opts);
            assert_eq!(doc.problems, [], "{md}");
            assert_eq!(audit(md, &doc, opts), []);
        }
        let mut large = sample_options();
        large.body_size = Pt(18.0);
        assert_eq!(typeset(SAMPLE, &large).problems, []);
    }

    #[test]
    fn a_dropped_word_is_missing_where_it_was_written() {
        let opts = options();
        let mut doc = typeset(TEXT, &opts);
        let [run] = &mut runs_with(&mut doc.pages[0], "Put your")[..] else {
            panic!("one run holds the first paragraph")
        };
        let Item::Text(text) = &mut run.item else {
            unreachable!()
        };
        text.text = text.text.replace("hands ", "");
        let problems = audit(TEXT, &doc, &opts);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].kind, ProblemKind::Missing { count: 1 });
        assert_eq!(problems[0].words, ["hands"]);
        // The offset is the paragraph's, in the Markdown.
        let at = problems[0].offset.unwrap();
        assert!(TEXT[at..].starts_with("Stand facing"), "{}", &TEXT[at..]);
    }

    #[test]
    fn a_common_word_is_missing_where_its_neighbours_are() {
        // "the" is printed six times but seven are written: the missing
        // one is the one among the other missing words.
        let opts = options();
        let mut doc = typeset(TEXT, &opts);
        for run in runs_with(&mut doc.pages[0], "Lean into") {
            let Item::Text(text) = &mut run.item else {
                unreachable!()
            };
            text.text = text
                .text
                .replace("until you feel a stretch in the back", "");
        }
        let problems = audit(TEXT, &doc, &opts);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].kind, ProblemKind::Missing { count: 8 });
        assert_eq!(
            problems[0].words,
            ["until", "you", "feel", "a", "stretch", "in", "the", "back"]
        );
    }

    #[test]
    fn a_run_moved_out_of_the_text_area_is_found_on_its_page() {
        let opts = options();
        let bottom = opts.page_size().height - opts.margins.bottom;
        for (dx, dy) in [
            (Pt::ZERO, bottom),
            (Pt(-30.0), Pt::ZERO),
            (Pt(400.0), Pt::ZERO),
        ] {
            let mut doc = typeset(TEXT, &opts);
            let [run] = &mut runs_with(&mut doc.pages[0], "Put your")[..] else {
                panic!()
            };
            if dy > Pt::ZERO {
                run.at.y = dy;
            }
            run.at.x += dx;
            let problems = audit(TEXT, &doc, &opts);
            assert_eq!(problems.len(), 1, "{dx:?} {dy:?}: {problems:?}");
            assert!(
                matches!(&problems[0].kind, ProblemKind::OutsideTextArea { text, runs: 1 }
                    if text.starts_with("Stand facing")),
                "{problems:?}"
            );
            assert_eq!(problems[0].page, Some(0));
            assert_eq!(problems[0].words[..2], ["Stand", "facing"]);
        }
    }

    #[test]
    fn a_run_printed_over_another_is_found() {
        let opts = options();
        let mut doc = typeset(TEXT, &opts);
        let under = runs_with(&mut doc.pages[0], "Lean into")[0].at;
        let [run] = &mut runs_with(&mut doc.pages[0], "Put your")[..] else {
            panic!()
        };
        // Half a line down: the letters of the two lines collide.
        run.at = Point::new(under.x + Pt(20.0), under.y - Pt(5.0));
        let problems = audit(TEXT, &doc, &opts);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(
            matches!(&problems[0].kind, ProblemKind::Overprinted { pairs: 1, .. }),
            "{problems:?}"
        );
        assert_eq!(problems[0].page, Some(0));
        // Lines set close but apart are not overprinted: the heading's
        // descenders and the next line's capitals never count.
        assert_eq!(audit(TEXT, &typeset(TEXT, &opts), &opts), []);
    }

    #[test]
    fn a_word_broken_between_letters_is_one_word() {
        let opts = options();
        let word = "Pneumonoultramicroscopicsilicovolcanoconiosis".repeat(6);
        let md = format!("Before {word} after.\n");
        let mut doc = typeset(&md, &opts);
        let pieces = runs_with(&mut doc.pages[0], "Pneumono").len()
            + runs_with(&mut doc.pages[0], "coniosis").len();
        assert!(pieces > 2, "the word is broken over lines");
        assert_eq!(audit(&md, &doc, &opts), []);
        // One piece lost: the word is missing, once.
        let first = runs_with(&mut doc.pages[0], "Pneumono").remove(0);
        let Item::Text(text) = &mut first.item else {
            unreachable!()
        };
        text.text.truncate(10);
        let problems = audit(&md, &doc, &opts);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].kind, ProblemKind::Missing { count: 1 });
        assert_eq!(problems[0].words, [word]);
    }

    #[test]
    fn what_the_typesetter_adds_or_draws_is_not_a_difference() {
        let opts = options();
        // Box labels and list numbers are added, footnote marks printed
        // in superscript, a box's own label loses its colon, tick boxes
        // are drawn, a cell's figure has no caption, the contents repeat
        // the headings, an inline image prints as `[alt]`.
        let md = "## Contents {.toc}\n\n# One\n\n> [!DOSE]\n> **How much:** Hold 30 seconds.[^a]\n\n\
                  > [!TIP]\n> Breathe.\n\n1. Lie down.\n2. Lift ![a leg](figure:none) slowly.\n\n\
                  | Exercise | Mon |\n|---|:-:|\n| ![Lying](figure:x) **Bridge** | ☐☐⬚ |\n\n\
                  [^a]: The note.\n";
        let doc = typeset(md, &opts);
        assert_eq!(doc.problems, []);
    }

    #[test]
    fn a_cover_code_that_cannot_be_drawn_prints_its_caption() {
        // Too long for a QR code: `print` refuses it, and the typesetter
        // still prints every word it was given.
        let url = format!("https://clinic.example/{}", "a".repeat(4_000));
        let md = format!(
            "# Exercises {{.cover}}\n\n![Scan to see these online]({url})\n\nYour clinic\n"
        )
        .replace("](https", "](qr:https");
        let doc = typeset(&md, &options());
        assert_eq!(doc.problems, []);
    }

    /// The Markdown's words, as the audit reads them.
    fn source(md: &str) -> Vec<String> {
        let mut out = Vec::new();
        source_words(md, |w, _| out.push(w.to_string()));
        out
    }

    #[test]
    fn the_source_words_are_what_prints() {
        assert_eq!(
            source("> [!DOSE]\n> **How much:** Hold *30* seconds.<br>Twice."),
            ["How", "much:", "Hold", "30", "seconds.", "Twice."]
        );
        assert_eq!(
            source("| A | B |\n|---|---|\n| ![Lying](figure:x) **Bridge** ![b](c) | ☐ ⬚ |\n"),
            ["A", "B", "Bridge", "[b]"]
        );
        assert_eq!(
            source("Un**do**ne, well-\nknown."),
            ["Undone,", "well-", "known."]
        );
        assert_eq!(normal("seconds.¹").as_deref(), Some("seconds"));
        assert_eq!(normal("x²y").as_deref(), Some("xy"));
        assert_eq!(normal("—"), None);
        // The typesetter drops control characters: no glyph.
        assert_eq!(normal("ab\u{1}cd").as_deref(), Some("abcd"));
        assert_eq!(normal("«Días\u{7f}»").as_deref(), Some("Días"));
    }

    #[test]
    fn a_hand_made_document_is_audited_alone() {
        // No typesetter involved: a page with one run in the text area,
        // one over it, one below the bottom margin.
        let opts = options();
        let run = |x: f32, y: f32, text: &str| {
            let mut run = Positioned::text(
                Point::new(Pt(x), Pt(y)),
                super::super::Face::Regular,
                Pt(14.0),
                crate::geom::Color::BLACK,
                text,
            );
            if let Item::Text(t) = &mut run.item {
                t.space_after = true;
            }
            Positioned {
                tag: Some(Tag::Content(1)),
                ..run
            }
        };
        let doc = Document {
            pages: vec![Page {
                size: opts.page_size(),
                items: vec![
                    run(60.0, 100.0, "Hold the stretch"),
                    run(70.0, 102.0, "for thirty"),
                    run(60.0, 780.0, "seconds."),
                ],
            }],
            outline: Vec::new(),
            meta: DocMeta::default(),
            structure: vec![
                super::super::Element {
                    role: Role::Document,
                    parent: None,
                },
                super::super::Element {
                    role: Role::Paragraph,
                    parent: Some(0),
                },
            ],
            fonts: crate::fonts::FontBook::default(),
            spoken: Default::default(),
            problems: Vec::new(),
        };
        let md = "Hold the stretch for thirty seconds, then relax.";
        let kinds: Vec<ProblemKind> = audit(md, &doc, &opts).into_iter().map(|p| p.kind).collect();
        assert_eq!(
            kinds,
            [
                ProblemKind::OutsideTextArea {
                    text: "seconds.".into(),
                    runs: 1
                },
                ProblemKind::Overprinted {
                    text: "Hold the stretch".into(),
                    other: "for thirty".into(),
                    pairs: 1
                },
                ProblemKind::Missing { count: 2 },
            ]
        );
    }
}
