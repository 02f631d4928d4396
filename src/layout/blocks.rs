//! Markdown events → a tree of blocks.
//!
//! Reads the project's one parser ([`crate::markdown::parser`]) and keeps
//! what the handout prints: headings with their `{#id .class}` attributes,
//! paragraphs of styled spans, lists (ordered, bulleted, task), tables,
//! GFM alerts, quotes, code, figures, footnotes and thematic breaks.

use super::text::{Span, Style};
use crate::fonts::Face;
use crate::geom::Color;
use pulldown_cmark::{BlockQuoteKind, Event, HeadingLevel, Tag, TagEnd};

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
    Figure {
        dest: String,
        alt: String,
    },
    List {
        start: Option<u64>,
        items: Vec<ListItem>,
    },
    Table {
        header: Vec<Vec<Span>>,
        rows: Vec<Vec<Vec<Span>>>,
    },
    Alert {
        kind: BlockQuoteKind,
        blocks: Vec<Block>,
    },
    Quote(Vec<Block>),
    Code(String),
    /// A thematic break: the next block starts a new page.
    PageBreak,
}

/// One list item: an optional task box and its blocks.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct ListItem {
    pub task: Option<bool>,
    pub blocks: Vec<Block>,
}

/// A parsed handout: its blocks and its footnotes, numbered in order of
/// first reference.
#[derive(Debug, Clone, PartialEq, Default)]
pub(super) struct Parsed {
    pub blocks: Vec<Block>,
    pub footnotes: Vec<(u32, Vec<Block>)>,
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
    Table(Vec<Vec<Span>>, Vec<Vec<Vec<Span>>>, Vec<Vec<Span>>),
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
pub(super) fn parse(markdown: &str) -> Parsed {
    let mut ctx: Vec<(Ctx, Vec<Block>)> = vec![(Ctx::Root, Vec::new())];
    let mut inline: Option<Inline> = None;
    let mut code: Option<String> = None;
    let mut notes: Vec<String> = Vec::new();
    let mut footnotes: Vec<(u32, Vec<Block>)> = Vec::new();
    let number = |label: &str, notes: &mut Vec<String>| -> u32 {
        match notes.iter().position(|l| l == label) {
            Some(i) => i as u32 + 1,
            None => {
                notes.push(label.to_string());
                notes.len() as u32
            }
        }
    };

    for event in crate::markdown::parser(markdown) {
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
        if let Some(code) = &mut code
            && let Event::Text(t) = &event
        {
            code.push_str(t);
            continue;
        }
        if is_inline && inline.is_none() {
            inline = Some(Inline::default());
        }
        let closes_implicit = !is_inline
            && !matches!(
                event,
                Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::TableCell)
            );
        if closes_implicit && let Some(done) = inline.take() {
            let block = paragraph(done);
            ctx.last_mut().map(|c| c.1.extend(block));
        }
        match event {
            Event::Text(t) | Event::Code(t) => inline.as_mut().map(|i| i.push(&t)).unwrap_or(()),
            Event::SoftBreak => inline.as_mut().map(|i| i.push(" ")).unwrap_or(()),
            Event::HardBreak => inline.as_mut().map(|i| i.push("\n")).unwrap_or(()),
            Event::FootnoteReference(label) => {
                let n = number(&label, &mut notes);
                inline
                    .as_mut()
                    .map(|i| i.push(&superscript(n)))
                    .unwrap_or(());
            }
            Event::TaskListMarker(done) => {
                if let Some((Ctx::Item(task), _)) = ctx.last_mut() {
                    *task = Some(done);
                }
            }
            Event::Rule => ctx
                .last_mut()
                .map(|c| c.1.push(Block::PageBreak))
                .unwrap_or(()),
            Event::Start(tag) => match tag {
                Tag::Paragraph | Tag::Heading { .. } | Tag::TableCell => {
                    inline = Some(Inline::default());
                    if let Tag::Heading {
                        level, id, classes, ..
                    } = tag
                    {
                        let classes = classes.iter().map(|c| c.to_string()).collect();
                        let id = id.map(|i| i.to_string());
                        ctx.push((Ctx::Heading(heading_level(level), id, classes), Vec::new()));
                    }
                }
                Tag::Emphasis => inline.as_mut().map(|i| i.italic += 1).unwrap_or(()),
                Tag::Strong => inline.as_mut().map(|i| i.bold += 1).unwrap_or(()),
                Tag::Link { dest_url, .. } => inline
                    .as_mut()
                    .map(|i| i.links.push(dest_url.to_string()))
                    .unwrap_or(()),
                Tag::Image { dest_url, .. } => {
                    if let Some(i) = inline.as_mut() {
                        i.image = Some((dest_url.to_string(), String::new()));
                    }
                }
                Tag::CodeBlock(_) => code = Some(String::new()),
                Tag::BlockQuote(kind) => ctx.push((Ctx::Quote(kind), Vec::new())),
                Tag::List(start) => ctx.push((Ctx::List(start, Vec::new()), Vec::new())),
                Tag::Item => ctx.push((Ctx::Item(None), Vec::new())),
                Tag::FootnoteDefinition(label) => {
                    ctx.push((Ctx::Footnote(label.to_string()), Vec::new()))
                }
                Tag::Table(_) => {
                    ctx.push((Ctx::Table(Vec::new(), Vec::new(), Vec::new()), Vec::new()))
                }
                _ => {}
            },
            Event::End(tag) => match tag {
                TagEnd::Paragraph => {
                    if let Some(done) = inline.take() {
                        let block = paragraph(done);
                        ctx.last_mut().map(|c| c.1.extend(block));
                    }
                }
                TagEnd::Heading(_) => {
                    let spans = inline.take().map(|i| i.spans).unwrap_or_default();
                    if let Some((Ctx::Heading(level, id, classes), _)) = ctx.pop() {
                        let heading = Block::Heading {
                            level,
                            id,
                            classes,
                            spans,
                        };
                        ctx.last_mut().map(|c| c.1.push(heading));
                    }
                }
                TagEnd::TableCell => {
                    let spans = inline.take().map(|i| i.spans).unwrap_or_default();
                    if let Some((Ctx::Table(_, _, row), _)) = ctx.last_mut() {
                        row.push(spans);
                    }
                }
                TagEnd::TableHead | TagEnd::TableRow => {
                    if let Some((Ctx::Table(header, rows, row), _)) = ctx.last_mut() {
                        let cells = std::mem::take(row);
                        if matches!(tag, TagEnd::TableHead) {
                            *header = cells;
                        } else {
                            rows.push(cells);
                        }
                    }
                }
                TagEnd::Emphasis => inline.as_mut().map(|i| i.italic -= 1).unwrap_or(()),
                TagEnd::Strong => inline.as_mut().map(|i| i.bold -= 1).unwrap_or(()),
                TagEnd::Link => inline
                    .as_mut()
                    .map(|i| i.links.pop())
                    .map(drop)
                    .unwrap_or(()),
                TagEnd::Image => {
                    if let Some(i) = inline.as_mut()
                        && let Some(image) = i.image.take()
                    {
                        i.images.push(image.clone());
                        // Marks the image's place; a paragraph of nothing but
                        // images becomes figures.
                        i.push(&format!("[{}]", image.1));
                        if let Some(last) = i.spans.last_mut() {
                            last.style.face = Face::Oblique;
                        }
                    }
                }
                TagEnd::CodeBlock => {
                    let text = code.take().unwrap_or_default();
                    ctx.last_mut().map(|c| c.1.push(Block::Code(text)));
                }
                TagEnd::BlockQuote(_)
                | TagEnd::List(_)
                | TagEnd::Item
                | TagEnd::FootnoteDefinition
                | TagEnd::Table => {
                    let Some((kind, blocks)) = ctx.pop() else {
                        continue;
                    };
                    let parent = ctx.last_mut();
                    match kind {
                        Ctx::Quote(Some(kind)) => {
                            parent.map(|p| p.1.push(Block::Alert { kind, blocks }))
                        }
                        Ctx::Quote(None) => parent.map(|p| p.1.push(Block::Quote(blocks))),
                        Ctx::List(start, items) => {
                            parent.map(|p| p.1.push(Block::List { start, items }))
                        }
                        Ctx::Item(task) => match parent {
                            Some((Ctx::List(_, items), _)) => {
                                items.push(ListItem { task, blocks });
                                None
                            }
                            _ => None,
                        },
                        Ctx::Footnote(label) => {
                            footnotes.push((number(&label, &mut notes), blocks));
                            None
                        }
                        Ctx::Table(header, rows, _) => {
                            parent.map(|p| p.1.push(Block::Table { header, rows }))
                        }
                        Ctx::Root | Ctx::Heading(..) => None,
                    };
                }
                _ => {}
            },
            _ => {}
        }
    }
    if let Some(done) = inline.take() {
        let block = paragraph(done);
        ctx[0].1.extend(block);
    }
    footnotes.sort_by_key(|(n, _)| *n);
    let blocks = ctx.into_iter().next().map(|c| c.1).unwrap_or_default();
    Parsed { blocks, footnotes }
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
        return Some(Block::Figure { dest, alt });
    }
    (!inline.spans.is_empty()).then_some(Block::Paragraph(inline.spans))
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
                kind: BlockQuoteKind::Note,
                ..
            }
        ));
        assert_eq!(
            p.blocks[4],
            Block::Figure {
                dest: "figure:x".into(),
                alt: "A stretch".into()
            }
        );
        let Block::Table { header, rows } = &p.blocks[5] else {
            panic!()
        };
        assert_eq!((header.len(), rows.len()), (2, 1));
        assert_eq!(p.blocks[6], Block::PageBreak);
        assert_eq!(p.footnotes.len(), 1);
    }
}
