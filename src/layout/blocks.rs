//! Markdown events → a tree of blocks.
//!
//! Reads the project's one parser ([`crate::markdown::parser`]) and keeps
//! what the handout prints: headings with their `{#id .class}` attributes,
//! paragraphs of styled spans, lists (ordered, bulleted, task), tables,
//! GFM alerts, quotes, code, figures, footnotes and thematic breaks.

use super::text::{Span, Style};
use crate::fonts::Face;
use crate::geom::Color;
use crate::markdown::MAX_NESTING;
use pulldown_cmark::{Alignment, BlockQuoteKind, Event, HeadingLevel, Tag, TagEnd};
use std::collections::{BTreeMap, BTreeSet};

/// A block of the handout.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Block {
    Heading {
        level: u8,
        id: Option<String>,
        classes: Vec<String>,
        spans: Vec<Span>,
    },
    Paragraph(Vec<Span>),
    /// A paragraph holding nothing but an image.
    Picture {
        dest: String,
        alt: String,
    },
    List {
        start: Option<u64>,
        items: Vec<ListItem>,
    },
    Table(Table),
    Alert {
        kind: BoxKind,
        blocks: Vec<Block>,
    },
    Quote(Vec<Block>),
    Code(String),
    /// A thematic break: the next block starts a new page.
    PageBreak,
}

/// The kinds of box: the five GFM alerts (`> [!NOTE]`…) and the dose box,
/// `> [!DOSE]`, which GFM does not know and which the typesetter
/// recognises in a plain quote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum BoxKind {
    /// How much of an exercise to do.
    Dose,
    Note,
    Tip,
    Important,
    Warning,
    Caution,
}

impl From<BlockQuoteKind> for BoxKind {
    fn from(kind: BlockQuoteKind) -> BoxKind {
        match kind {
            BlockQuoteKind::Note => BoxKind::Note,
            BlockQuoteKind::Tip => BoxKind::Tip,
            BlockQuoteKind::Important => BoxKind::Important,
            BlockQuoteKind::Warning => BoxKind::Warning,
            BlockQuoteKind::Caution => BoxKind::Caution,
        }
    }
}

/// The marker that opens a dose box.
pub(super) const DOSE_MARKER: &str = "[!DOSE]";

/// A plain quote whose first paragraph opens with `[!DOSE]` is a dose box:
/// its blocks without the marker.
fn dose_box(mut blocks: Vec<Block>) -> Result<Vec<Block>, Vec<Block>> {
    let Some(Block::Paragraph(spans)) = blocks.first_mut() else {
        return Err(blocks);
    };
    let Some(first) = spans.first_mut() else {
        return Err(blocks);
    };
    let Some(rest) = first.text.trim_start().strip_prefix(DOSE_MARKER) else {
        return Err(blocks);
    };
    first.text = rest.trim_start().to_string();
    if first.text.is_empty() {
        spans.remove(0);
    }
    if spans.is_empty() {
        blocks.remove(0);
    }
    Ok(blocks)
}

/// A table: its header row, its body rows and each column's alignment.
#[derive(Debug, Clone, PartialEq, Default)]
pub(super) struct Table {
    pub(super) header: Vec<Cell>,
    pub(super) rows: Vec<Vec<Cell>>,
    pub(super) align: Vec<Alignment>,
}

/// A table cell: its text, and the figure (`dest`, `alt`) of an image in
/// it, which the cell draws instead of printing the alt text.
#[derive(Debug, Clone, PartialEq, Default)]
pub(super) struct Cell {
    pub(super) spans: Vec<Span>,
    pub(super) figure: Option<(String, String)>,
}

/// One list item: an optional task box and its blocks.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct ListItem {
    pub(super) task: Option<bool>,
    pub(super) blocks: Vec<Block>,
}

/// A parsed handout: its blocks and its footnotes, numbered in order of
/// first reference.
#[derive(Debug, Clone, PartialEq, Default)]
pub(super) struct Parsed {
    pub(super) blocks: Vec<Block>,
    pub(super) footnotes: Vec<(u32, Vec<Block>)>,
    /// For each of `blocks`, the footnotes it cites first (by number, in
    /// order): they print at the foot of the page that cites them.
    pub(super) cites: Vec<Vec<u32>>,
}

/// The plain text of some spans (for outlines and tables of contents).
pub(super) fn plain_text(spans: &[Span]) -> String {
    spans
        .iter()
        .map(|s| s.text.as_str())
        .collect::<String>()
        .replace('\n', " ")
}

enum Ctx {
    Root,
    Quote(Option<BlockQuoteKind>),
    List(Option<u64>, Vec<ListItem>),
    Item(Option<bool>),
    Footnote(String),
    /// The table so far and the cells of the row being read.
    Table(Table, Vec<Cell>),
    Heading(u8, Option<String>, Vec<String>),
}

#[derive(Default)]
struct Inline {
    spans: Vec<Span>,
    bold: u32,
    italic: u32,
    links: Vec<String>,
    /// Inside `![…]`: the alt text so far, and the destination.
    image: Option<(String, String)>,
    images: Vec<(String, String)>,
}

impl Inline {
    fn push(&mut self, text: &str) {
        let text = &printable(text);
        if let Some((_, alt)) = &mut self.image {
            alt.push_str(text);
            return;
        }
        let face = if self.bold > 0 {
            Face::Bold
        } else if self.italic > 0 {
            Face::Oblique
        } else {
            Face::Regular
        };
        let style = Style {
            face,
            color: Color::BLACK,
            link: self.links.last().cloned(),
        };
        match self.spans.last_mut() {
            Some(last) if last.style == style => last.text.push_str(text),
            _ => self.spans.push(Span {
                text: text.to_string(),
                style,
            }),
        }
    }
}

/// Parses Markdown into blocks.
#[cfg(test)]
pub(super) fn parse(markdown: &str) -> Parsed {
    parse_observed(markdown, |_| {})
}

/// Parses Markdown into blocks, showing each of the parser's events to
/// `observe` first (the audit counts the words to print from them).
pub(super) fn parse_observed(markdown: &str, mut observe: impl FnMut(&Event<'_>)) -> Parsed {
    let mut b = Builder {
        ctx: vec![(Ctx::Root, Vec::new())],
        inline: None,
        code: None,
        notes: BTreeMap::new(),
        footnotes: Vec::new(),
        citing: Vec::new(),
        cited: BTreeSet::new(),
        cites: Vec::new(),
        depth: 0,
        skipped: 0,
    };
    for event in crate::markdown::parser(markdown) {
        observe(&event);
        b.event(event);
    }
    b.close_paragraph();
    b.footnotes.sort_by_key(|(n, _)| *n);
    let blocks = b.ctx.into_iter().next().map(|c| c.1).unwrap_or_default();
    let mut cites = b.cites;
    cites.resize(blocks.len(), Vec::new());
    Parsed {
        blocks,
        footnotes: b.footnotes,
        cites,
    }
}

struct Builder {
    /// Open containers and the blocks collected in each.
    ctx: Vec<(Ctx, Vec<Block>)>,
    inline: Option<Inline>,
    code: Option<String>,
    /// Footnote labels and their numbers, given in order of first reference.
    notes: BTreeMap<String, u32>,
    footnotes: Vec<(u32, Vec<Block>)>,
    /// The footnotes first cited since the last top-level block, outside
    /// any footnote: the next top-level block cites them.
    citing: Vec<u32>,
    /// The footnotes cited so far outside any footnote.
    cited: BTreeSet<u32>,
    /// Each top-level block's [`Self::citing`] when it was emitted.
    cites: Vec<Vec<u32>>,
    /// How many quotes, lists and footnotes are open in `ctx`.
    depth: usize,
    /// How many containers are open beyond [`MAX_NESTING`]: they are not
    /// opened, their blocks join the deepest open one. Validation refuses
    /// such content with a located error; this keeps the tree, and every
    /// recursive walk of it, bounded whatever a template makes.
    skipped: usize,
}

impl Builder {
    fn emit(&mut self, block: Block) {
        if self.ctx.len() == 1 {
            self.cites.push(std::mem::take(&mut self.citing));
        }
        if let Some((_, blocks)) = self.ctx.last_mut() {
            blocks.push(block);
        }
    }

    fn close_paragraph(&mut self) {
        if let Some(block) = self.inline.take().and_then(paragraph) {
            self.emit(block);
        }
    }

    fn inline(&mut self) -> &mut Inline {
        self.inline.get_or_insert_with(Inline::default)
    }

    fn number(&mut self, label: &str) -> u32 {
        // A map, not a list: 20,000 footnotes each looked up in a list
        // made a quadratic cost.
        let next = self.notes.len() as u32 + 1;
        *self.notes.entry(label.to_string()).or_insert(next)
    }

    fn event(&mut self, event: Event<'_>) {
        if let Some(code) = &mut self.code
            && let Event::Text(t) = &event
        {
            code.push_str(&printable(t));
            return;
        }
        // Inline content outside a paragraph (tight list items) gets an
        // implicit paragraph, closed by the next block event.
        let is_inline = matches!(
            event,
            Event::Text(_)
                | Event::Code(_)
                | Event::SoftBreak
                | Event::HardBreak
                | Event::FootnoteReference(_)
                | Event::Start(
                    Tag::Emphasis
                        | Tag::Strong
                        | Tag::Strikethrough
                        | Tag::Link { .. }
                        | Tag::Image { .. }
                )
                | Event::End(
                    TagEnd::Emphasis
                        | TagEnd::Strong
                        | TagEnd::Strikethrough
                        | TagEnd::Link
                        | TagEnd::Image
                )
        );
        let ends_inline = matches!(
            event,
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::TableCell)
        );
        if !is_inline && !ends_inline {
            self.close_paragraph();
        }
        match event {
            // `<br>` breaks a line where Markdown cannot: inside a table
            // cell. (Other HTML arrives as text and prints as written.)
            Event::Text(t) if is_br(&t) => self.inline().push("\n"),
            Event::Text(t) | Event::Code(t) => self.inline().push(&t),
            Event::SoftBreak => self.inline().push(" "),
            Event::HardBreak => self.inline().push("\n"),
            Event::FootnoteReference(label) => {
                let n = self.number(&label);
                let in_note = (self.ctx.iter()).any(|(c, _)| matches!(c, Ctx::Footnote(_)));
                if !in_note && self.cited.insert(n) {
                    self.citing.push(n);
                }
                self.inline().push(&superscript(n));
            }
            Event::TaskListMarker(done) => {
                if let Some((Ctx::Item(task), _)) = self.ctx.last_mut() {
                    *task = Some(done);
                }
            }
            Event::Rule => self.emit(Block::PageBreak),
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            _ => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        let open = |c: Ctx| (c, Vec::new());
        let nests = matches!(
            tag,
            Tag::BlockQuote(_) | Tag::List(_) | Tag::FootnoteDefinition(_)
        );
        // An item belongs to the innermost list: skipped with it.
        if (nests && self.depth >= MAX_NESTING) || (self.skipped > 0 && matches!(tag, Tag::Item)) {
            self.skipped += 1;
            return;
        }
        if nests {
            self.depth += 1;
        }
        match tag {
            Tag::Paragraph | Tag::TableCell => self.inline = Some(Inline::default()),
            Tag::Heading {
                level, id, classes, ..
            } => {
                self.inline = Some(Inline::default());
                let classes = classes.iter().map(|c| c.to_string()).collect();
                let id = id.map(|i| i.to_string());
                let level = heading_level(level);
                self.ctx.push(open(Ctx::Heading(level, id, classes)));
            }
            Tag::Emphasis => self.inline().italic += 1,
            Tag::Strong => self.inline().bold += 1,
            Tag::Link { dest_url, .. } => self.inline().links.push(dest_url.to_string()),
            Tag::Image { dest_url, .. } => {
                self.inline().image = Some((dest_url.to_string(), String::new()));
            }
            Tag::CodeBlock(_) => self.code = Some(String::new()),
            Tag::BlockQuote(kind) => self.ctx.push(open(Ctx::Quote(kind))),
            Tag::List(start) => self.ctx.push(open(Ctx::List(start, Vec::new()))),
            Tag::Item => self.ctx.push(open(Ctx::Item(None))),
            Tag::FootnoteDefinition(label) => {
                self.ctx.push(open(Ctx::Footnote(label.to_string())));
            }
            Tag::Table(align) => {
                let table = Table {
                    align,
                    ..Table::default()
                };
                self.ctx.push(open(Ctx::Table(table, Vec::new())));
            }
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        let nests = matches!(
            tag,
            TagEnd::BlockQuote(_) | TagEnd::List(_) | TagEnd::FootnoteDefinition
        );
        if nests || matches!(tag, TagEnd::Item) {
            // Whatever opened inside a skipped container has closed, so
            // this closes the innermost skipped one.
            if self.skipped > 0 {
                self.skipped -= 1;
                return;
            }
            if nests {
                self.depth = self.depth.saturating_sub(1);
            }
        }
        match tag {
            TagEnd::Paragraph => self.close_paragraph(),
            TagEnd::Heading(_) => {
                let spans = self.inline.take().map(|i| i.spans).unwrap_or_default();
                if let Some((Ctx::Heading(level, id, classes), _)) = self.ctx.pop() {
                    self.emit(Block::Heading {
                        level,
                        id,
                        classes,
                        spans,
                    });
                }
            }
            TagEnd::TableCell => {
                let cell = cell(self.inline.take().unwrap_or_default());
                if let Some((Ctx::Table(_, row), _)) = self.ctx.last_mut() {
                    row.push(cell);
                }
            }
            TagEnd::TableHead | TagEnd::TableRow => {
                if let Some((Ctx::Table(table, row), _)) = self.ctx.last_mut() {
                    let cells = std::mem::take(row);
                    if matches!(tag, TagEnd::TableHead) {
                        table.header = cells;
                    } else {
                        table.rows.push(cells);
                    }
                }
            }
            TagEnd::Emphasis => self.inline().italic -= 1,
            TagEnd::Strong => self.inline().bold -= 1,
            TagEnd::Link => {
                self.inline().links.pop();
            }
            TagEnd::Image => {
                let i = self.inline();
                if let Some(image) = i.image.take() {
                    // Marks the image's place; a paragraph holding nothing
                    // but one image becomes a figure.
                    i.push(&format!("[{}]", image.1));
                    if let Some(last) = i.spans.last_mut() {
                        last.style.face = Face::Oblique;
                    }
                    i.images.push(image);
                }
            }
            TagEnd::CodeBlock => {
                let text = self.code.take().unwrap_or_default();
                self.emit(Block::Code(text));
            }
            TagEnd::BlockQuote(_)
            | TagEnd::List(_)
            | TagEnd::Item
            | TagEnd::FootnoteDefinition
            | TagEnd::Table => self.close_container(),
            _ => {}
        }
    }

    fn close_container(&mut self) {
        let Some((kind, blocks)) = self.ctx.pop() else {
            return;
        };
        match kind {
            Ctx::Quote(Some(kind)) => self.emit(Block::Alert {
                kind: kind.into(),
                blocks,
            }),
            Ctx::Quote(None) => match dose_box(blocks) {
                Ok(blocks) => self.emit(Block::Alert {
                    kind: BoxKind::Dose,
                    blocks,
                }),
                Err(blocks) => self.emit(Block::Quote(blocks)),
            },
            Ctx::List(start, items) => self.emit(Block::List { start, items }),
            Ctx::Item(task) => {
                if let Some((Ctx::List(_, items), _)) = self.ctx.last_mut() {
                    items.push(ListItem { task, blocks });
                }
            }
            Ctx::Footnote(label) => {
                let n = self.number(&label);
                self.footnotes.push((n, blocks));
            }
            Ctx::Table(table, _) => self.emit(Block::Table(table)),
            Ctx::Root | Ctx::Heading(..) => {}
        }
    }
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

fn paragraph(inline: Inline) -> Option<Block> {
    let only_images = !inline.images.is_empty()
        && plain_text(&inline.spans).trim().len()
            == inline
                .images
                .iter()
                .map(|(_, alt)| alt.len() + 2)
                .sum::<usize>()
        && inline.images.len() == 1;
    if only_images {
        let (dest, alt) = inline.images.into_iter().next()?;
        return Some(Block::Picture { dest, alt });
    }
    (!inline.spans.is_empty()).then_some(Block::Paragraph(inline.spans))
}

/// A table cell from its inline content: the first image becomes the
/// cell's figure, and its `[alt]` placeholder leaves the text.
fn cell(inline: Inline) -> Cell {
    let Some((dest, alt)) = inline.images.into_iter().next() else {
        return Cell {
            spans: inline.spans,
            figure: None,
        };
    };
    let placeholder = format!("[{alt}]");
    let mut spans = inline.spans;
    if let Some(span) = spans.iter_mut().find(|s| s.text.contains(&placeholder)) {
        span.text = span.text.replacen(&placeholder, "", 1);
    }
    spans.retain(|s| !s.text.is_empty());
    if let Some(first) = spans.first_mut() {
        first.text = first.text.trim_start().to_string();
    }
    spans.retain(|s| !s.text.is_empty());
    Cell {
        spans,
        figure: Some((dest, alt)),
    }
}

/// Whether a text is a `<br>` tag (any case, with or without the slash).
pub(super) fn is_br(text: &str) -> bool {
    let t = text.trim().to_ascii_lowercase();
    matches!(t.as_str(), "<br>" | "<br/>" | "<br />")
}

/// Text as the fonts can print it: tabs become four spaces and other
/// control characters (which have no glyph) are dropped; line breaks stay.
fn printable(text: &str) -> String {
    text.replace('\t', "    ")
        .chars()
        .filter(|c| *c == '\n' || !c.is_control())
        .collect()
}

/// A footnote number in superscript digits.
pub(super) fn superscript(n: u32) -> String {
    const DIGITS: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
    n.to_string()
        .chars()
        .map(|d| DIGITS[d.to_digit(10).unwrap_or(0) as usize])
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_handout_features() {
        let md = "# Title {#top .cover}\n\nSome *soft* **bold** text.[^a]\n\n\
                  1. one\n2. two\n   - [ ] nested task\n\n\
                  > [!NOTE]\n> Ten times.\n\n![A stretch](figure:x)\n\n\
                  | A | B |\n|---|---|\n| 1 | 2 |\n\n---\n\n[^a]: The note.\n";
        let p = parse(md);
        let Block::Heading {
            level,
            id,
            classes,
            spans,
        } = &p.blocks[0]
        else {
            panic!("{:?}", p.blocks[0])
        };
        assert_eq!((*level, id.as_deref()), (1, Some("top")));
        assert_eq!(classes, &["cover"]);
        assert_eq!(plain_text(spans), "Title");
        let Block::Paragraph(spans) = &p.blocks[1] else {
            panic!()
        };
        assert_eq!(plain_text(spans), "Some soft bold text.¹");
        assert_eq!(spans[1].style.face, Face::Oblique);
        let Block::List { start, items } = &p.blocks[2] else {
            panic!()
        };
        assert_eq!(*start, Some(1));
        let Block::List { items: inner, .. } = &items[1].blocks[1] else {
            panic!()
        };
        assert_eq!(inner[0].task, Some(false));
        assert!(matches!(
            &p.blocks[3],
            Block::Alert {
                kind: BoxKind::Note,
                ..
            }
        ));
        assert_eq!(
            p.blocks[4],
            Block::Picture {
                dest: "figure:x".into(),
                alt: "A stretch".into()
            }
        );
        let Block::Table(table) = &p.blocks[5] else {
            panic!()
        };
        assert_eq!((table.header.len(), table.rows.len()), (2, 1));
        assert_eq!(p.blocks[6], Block::PageBreak);
        assert_eq!(p.footnotes.len(), 1);
    }

    /// How deeply blocks nest, counted without recursion.
    fn depth(blocks: &[Block]) -> usize {
        let mut deepest = 0;
        let mut stack: Vec<(&[Block], usize)> = vec![(blocks, 0)];
        while let Some((blocks, d)) = stack.pop() {
            deepest = deepest.max(d);
            for block in blocks {
                match block {
                    Block::Quote(inner) | Block::Alert { blocks: inner, .. } => {
                        stack.push((inner, d + 1));
                    }
                    Block::List { items, .. } => {
                        for item in items {
                            stack.push((&item.blocks, d + 1));
                        }
                    }
                    _ => {}
                }
            }
        }
        deepest
    }

    #[test]
    fn nesting_stops_at_the_limit_and_keeps_the_text() {
        for unit in ["> ", "- ", "1. ", "> - "] {
            let md = unit.repeat(5_000) + "deep text\n\nafter";
            let p = parse(&md);
            assert!(depth(&p.blocks) <= MAX_NESTING, "{unit:?}");
            let mut text = String::new();
            let mut stack: Vec<&Block> = p.blocks.iter().collect();
            while let Some(block) = stack.pop() {
                match block {
                    Block::Paragraph(spans) => text.push_str(&plain_text(spans)),
                    Block::Quote(inner) | Block::Alert { blocks: inner, .. } => {
                        stack.extend(inner);
                    }
                    Block::List { items, .. } => {
                        stack.extend(items.iter().flat_map(|i| &i.blocks));
                    }
                    _ => {}
                }
            }
            assert!(text.contains("deep text"), "{unit:?}: {text}");
        }
    }

    #[test]
    fn a_table_cell_holds_a_figure_and_line_breaks() {
        let md = "| A | B |\n|:-:|---|\n| ![A stretch](figure:x) **Calf**<br>Hold 30 s | ☐☐⬚ |\n";
        let p = parse(md);
        let Block::Table(table) = &p.blocks[0] else {
            panic!("{:?}", p.blocks)
        };
        assert_eq!(table.align, [Alignment::Center, Alignment::None]);
        let cell = &table.rows[0][0];
        assert_eq!(
            cell.figure,
            Some(("figure:x".to_string(), "A stretch".to_string()))
        );
        assert_eq!(plain_text(&cell.spans), "Calf Hold 30 s");
        assert!(cell.spans.iter().any(|s| s.text.contains('\n')));
        assert_eq!(plain_text(&table.rows[0][1].spans), "☐☐⬚");
    }
}
