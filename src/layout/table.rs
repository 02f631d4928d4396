//! Tables: ruled rows under a tinted header row, which repeats on every
//! page the table continues onto. Rows never split across pages.
//!
//! Cells can also make a form:
//! - a cell of nothing but ballot boxes (`☐` a box, `⬚` an optional box,
//!   drawn dashed) draws tick boxes: squares of at least 5 mm, wrapped
//!   into even rows within the cell (six boxes in a narrow cell: 3 + 3);
//! - an image `![alt](figure:ID)` in a cell draws the figure small, to the
//!   left of the cell's text, without a caption (the text beside it names
//!   what it shows);
//! - an empty body cell is a space to write in, at least one line high.
//!
//! Columns of boxes or of write-in cells share out the width left over, so
//! such a table spans the text width. A table with boxes or figures (a
//! grid) shrinks its padding, figures and boxes, never below their limits,
//! to fit what is left of the page; if it still does not fit, it continues
//! on the next page after the header row (and a `{.repeat}` heading).

use pulldown_cmark::Alignment;

use super::blocks::{Block, Cell, Table, plain_text};
use super::render::{Chunk, Renderer, VItem, hline, resolve_figure};
use super::text::{Span, break_lines, measure};
use super::{Face, Figure, Item, Positioned, colors};
use crate::geom::{Color, LineStyle, Mm, Point, Pt, Shape, Size, Stroke};

/// A tick box.
pub(super) const BOX: char = '☐';
/// An optional tick box, drawn dashed.
pub(super) const OPTIONAL_BOX: char = '⬚';

/// The smallest tick box: large enough to tick with a pen.
pub(super) const MIN_BOX: Mm = Mm(5.0);

/// The sizes a grid shrinks, between their natural size and their limit.
#[derive(Debug, Clone, Copy)]
struct Metrics {
    /// Padding above and below a cell's content.
    pad_v: Pt,
    /// Padding left and right of a cell's content.
    pad_h: Pt,
    /// The side of a tick box.
    side: Pt,
    /// The space between two tick boxes.
    gap: Pt,
    /// The area a cell's figure is fitted into.
    figure: Size,
}

/// What a cell holds.
enum Content<'c> {
    /// Text, maybe after a figure.
    Text(&'c Cell),
    /// Tick boxes: `true` for an optional one.
    Boxes(Vec<bool>),
}

fn content(cell: &Cell) -> Content<'_> {
    let text = plain_text(&cell.spans);
    let boxes: Vec<bool> = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            BOX => Some(false),
            OPTIONAL_BOX => Some(true),
            _ => None,
        })
        .collect::<Option<_>>()
        .unwrap_or_default();
    if cell.figure.is_none() && !boxes.is_empty() {
        Content::Boxes(boxes)
    } else {
        Content::Text(cell)
    }
}

/// Whether a table has tick boxes or figures, and so shrinks to fit.
pub(super) fn is_grid(t: &Table) -> bool {
    std::iter::once(&t.header)
        .chain(&t.rows)
        .flatten()
        .any(|c| c.figure.is_some() || matches!(content(c), Content::Boxes(_)))
}

/// An empty body cell: a space to write in.
fn is_blank(cell: &Cell) -> bool {
    cell.figure.is_none() && plain_text(&cell.spans).trim().is_empty()
}

/// The width of `n` boxes side by side.
fn boxes_width(m: &Metrics, n: usize) -> Pt {
    let n = n.max(1) as f32;
    m.side * n + m.gap * (n - 1.0)
}

/// Boxes a line in `width`, balanced so the lines hold the same number
/// (six in a cell with room for four: 3 + 3, not 4 + 2).
fn boxes_per_line(m: &Metrics, width: Pt, n: usize) -> usize {
    // A hair of slack: a column exactly three boxes wide holds three.
    let fit = (((width + m.gap).0 / (m.side + m.gap).0 + 1e-3).floor() as usize).clamp(1, n.max(1));
    let lines = n.div_ceil(fit);
    n.div_ceil(lines.max(1))
}

impl Renderer<'_, '_> {
    fn metrics(&self, k: f32) -> Metrics {
        let size = self.size();
        let lerp = |lo: Pt, hi: Pt| lo + (hi - lo) * k;
        let side = lerp(
            Pt::from(MIN_BOX).max(size),
            Pt::from(Mm(6.0)).max(size * 1.2),
        );
        Metrics {
            pad_v: lerp(size * 0.15, size * 0.315),
            pad_h: size * 0.45,
            side,
            gap: side * 0.3,
            figure: Size::new(size * 4.2, lerp(size * 2.2, size * 3.4)),
        }
    }

    /// Renders a table; `room` is the height left for it on its page
    /// (a grid shrinks to fit it), when known. Returns true when the table
    /// does not fit and its last row opens a keep group, for the caller to
    /// close after what follows it on the sheet, so the table's foot never
    /// starts a page on its own.
    pub(super) fn table(&mut self, t: &Table, x: Pt, width: Pt, room: Option<Pt>) -> bool {
        let ncols = t
            .rows
            .iter()
            .map(Vec::len)
            .chain([t.header.len()])
            .max()
            .unwrap_or(0);
        if ncols == 0 {
            return false;
        }
        let grid = is_grid(t);
        let steps: &[f32] = match room {
            Some(_) if grid => &[1.0, 0.75, 0.5, 0.25, 0.0],
            _ => &[1.0],
        };
        let mut chunks = Vec::new();
        let mut fits = true;
        for &k in steps {
            chunks = self.table_rows(t, ncols, x, width, &self.metrics(k));
            let height = chunks.iter().fold(Pt::ZERO, |h, c| h + c.height);
            fits = room.is_none_or(|room| height <= room);
            if fits {
                break;
            }
        }
        // A table that fits is kept on one page; a grid that cannot fit
        // in the room left starts there and continues on the next page.
        let keep = fits || !grid;
        if keep {
            self.push(VItem::KeepStart);
        }
        let mut header: Option<Box<Chunk>> = None;
        let last = chunks.len() - 1;
        for (r, mut chunk) in chunks.into_iter().enumerate() {
            if r == last && r > 0 && !keep {
                self.push(VItem::KeepStart);
            }
            if r == 0 && !t.header.is_empty() {
                header = Some(Box::new(self.repeated_header(&chunk)));
                chunk.keep_with_next = true;
            } else {
                chunk.header = header.clone();
            }
            self.push(VItem::Chunk(chunk));
        }
        if keep {
            self.push(VItem::KeepEnd);
        }
        !keep && last > 0
    }

    /// The header row as it repeats on a new page: under the `{.repeat}`
    /// heading of its section, if there is one.
    fn repeated_header(&self, row: &Chunk) -> Chunk {
        let Some(heading) = &self.repeat else {
            return row.clone();
        };
        let below = heading.height + self.em(0.35);
        let mut items = heading.items.clone();
        items.extend(row.items.iter().cloned().map(|mut p| {
            p.at.y += below;
            p
        }));
        Chunk {
            height: below + row.height,
            items,
            ..Chunk::default()
        }
    }

    /// One chunk per row, the header row first (when there is one).
    fn table_rows(&self, t: &Table, ncols: usize, x: Pt, width: Pt, m: &Metrics) -> Vec<Chunk> {
        let size = self.size();
        let figures: Vec<bool> = (0..ncols)
            .map(|c| {
                t.rows
                    .iter()
                    .any(|r| r.get(c).is_some_and(|c| c.figure.is_some()))
            })
            .collect();
        let widths = self.column_widths(t, ncols, width, m, &figures);
        let total = widths.iter().fold(Pt::ZERO, |a, b| a + *b + m.pad_h * 2.0);
        let has_boxes = t
            .rows
            .iter()
            .flatten()
            .any(|c| matches!(content(c), Content::Boxes(_)));
        let mut out = Vec::new();
        let rows = std::iter::once(&t.header).chain(&t.rows);
        for (r, row) in rows.enumerate() {
            if r == 0 && t.header.is_empty() {
                continue;
            }
            let head = r == 0;
            let mut cells = Vec::new();
            let mut cx = x;
            for (c, w) in widths.iter().enumerate() {
                let align = t.align.get(c).copied().unwrap_or(Alignment::None);
                let cell = row.get(c).cloned().unwrap_or_default();
                let (items, h) = self.cell(&cell, head, cx + m.pad_h, *w, align, m, figures[c]);
                let min = if !head && is_blank(&cell) {
                    self.lead(size)
                } else {
                    Pt::ZERO
                };
                let boxes = matches!(content(&cell), Content::Boxes(_));
                cells.push((items, h.max(min), boxes));
                cx += *w + m.pad_h * 2.0;
            }
            let inner = cells.iter().fold(Pt::ZERO, |a, c| a.max(c.1));
            let height = inner + m.pad_v * 2.0;
            let mut items = Vec::new();
            if head {
                items.push(Positioned::shape(
                    Point::new(x, Pt::ZERO),
                    Shape {
                        segments: Shape::rect(Point::default(), Size::new(total, height)),
                        fill: Some(colors::TABLE_HEAD),
                        stroke: None,
                    },
                ));
                items.push(hline(x, Pt::ZERO, total, colors::ACCENT, Pt(1.2)));
            }
            for (cell_items, h, boxes) in cells {
                // Boxes sit in the middle of their row; text hangs from the top.
                let y = m.pad_v + if boxes { (inner - h) / 2.0 } else { Pt::ZERO };
                items.extend(cell_items.into_iter().map(|mut p| {
                    p.at.y += y;
                    p
                }));
            }
            if has_boxes {
                // Lines between the columns keep each day's boxes apart.
                let mut cx = x;
                for w in &widths[..widths.len() - 1] {
                    cx += *w + m.pad_h * 2.0;
                    items.push(vline(cx, height, colors::RULE, Pt(0.8)));
                }
            }
            let (color, weight) = if head {
                (colors::ACCENT, Pt(1.2))
            } else {
                (colors::RULE, Pt(0.8))
            };
            items.push(hline(x, height, total, color, weight));
            out.push(Chunk {
                height,
                items,
                ..Chunk::default()
            });
        }
        out
    }

    /// Content widths of the columns: as wide as their content allows,
    /// then any width left over goes to columns of boxes or write-in cells.
    fn column_widths(
        &self,
        t: &Table,
        ncols: usize,
        width: Pt,
        m: &Metrics,
        figures: &[bool],
    ) -> Vec<Pt> {
        let size = self.size();
        let avail = width - m.pad_h * 2.0 * ncols as f32;
        let (mut lo, mut hi) = (vec![Pt::ZERO; ncols], vec![Pt::ZERO; ncols]);
        // How narrow a column may get before words have to break: its
        // longest word, or two boxes a line.
        let mut floor = vec![Pt::ZERO; ncols];
        let mut stretch = vec![false; ncols];
        let rows = std::iter::once(&t.header).chain(&t.rows);
        for (r, row) in rows.enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let (l, h) = match content(cell) {
                    Content::Boxes(b) => {
                        // Up to three boxes on a line, more on two lines:
                        // the text columns get the width, and the boxes
                        // the width left over.
                        let n = b.len();
                        let line = if n > 3 { n.div_ceil(2) } else { n };
                        floor[c] = floor[c].max(boxes_width(m, n.min(2)));
                        (boxes_width(m, line), boxes_width(m, line))
                    }
                    Content::Text(cell) => {
                        let styled: Vec<Span> = cell
                            .spans
                            .iter()
                            .map(|s| {
                                let mut s = s.clone();
                                if r == 0 {
                                    s.style.face = Face::Bold;
                                }
                                s
                            })
                            .collect();
                        let full = break_lines(&styled, size, Pt(1e6))
                            .iter()
                            .fold(Pt::ZERO, |w, l| w.max(l.width));
                        // Lines break at spaces (not no-break ones) and
                        // after hyphens; each word in its span's face.
                        let word = styled
                            .iter()
                            .flat_map(|s| {
                                s.text
                                    .split(|c: char| c.is_whitespace() && c != '\u{a0}')
                                    .flat_map(|w| w.split_inclusive('-'))
                                    .map(|w| measure(s.style.face, size, w))
                            })
                            .fold(Pt::ZERO, Pt::max);
                        let fig = if figures[c] {
                            m.figure.width + m.pad_h
                        } else {
                            Pt::ZERO
                        };
                        floor[c] = floor[c].max(word + fig);
                        (word + fig, full.max(word) + fig)
                    }
                };
                lo[c] = lo[c].max(l);
                hi[c] = hi[c].max(h);
                if r > 0 && (is_blank(cell) || matches!(content(cell), Content::Boxes(_))) {
                    stretch[c] = true;
                }
            }
        }
        let sum = |v: &[Pt]| v.iter().fold(Pt::ZERO, |a, b| a + *b);
        // Too narrow for every column's minimum: boxes wrap onto more
        // lines before words have to break.
        let (sum_lo, sum_floor) = (sum(&lo), sum(&floor));
        if sum_lo > avail && sum_floor < sum_lo {
            let k = ((sum_lo - avail).0 / (sum_lo - sum_floor).0).min(1.0);
            for (l, f) in lo.iter_mut().zip(&floor) {
                *l = *l - (*l - *f) * k;
            }
        }
        let (sum_lo, sum_hi) = (sum(&lo), sum(&hi));
        if sum_hi <= avail {
            let n = stretch.iter().filter(|s| **s).count();
            let spare = if n > 0 {
                (avail - sum_hi) / n as f32
            } else {
                Pt::ZERO
            };
            hi.iter()
                .zip(&stretch)
                .map(|(w, s)| if *s { *w + spare } else { *w })
                .collect()
        } else if sum_lo >= avail || sum_hi <= sum_lo {
            lo.iter()
                .map(|w| *w * (avail.0 / sum_lo.0.max(1.0)))
                .collect()
        } else {
            let k = (avail - sum_lo).0 / (sum_hi - sum_lo).0;
            lo.iter()
                .zip(&hi)
                .map(|(l, h)| *l + (*h - *l) * k)
                .collect()
        }
    }

    /// A cell's items, from its content's top left at (`x`, 0), and the
    /// content's height.
    #[allow(clippy::too_many_arguments)]
    fn cell(
        &self,
        cell: &Cell,
        head: bool,
        x: Pt,
        width: Pt,
        align: Alignment,
        m: &Metrics,
        figure_column: bool,
    ) -> (Vec<Positioned>, Pt) {
        let size = self.size();
        let cell = match content(cell) {
            Content::Boxes(boxes) => return self.boxes(&boxes, x, width, m),
            Content::Text(cell) => cell,
        };
        let indent = if figure_column {
            m.figure.width + m.pad_h
        } else {
            Pt::ZERO
        };
        let face = head.then_some(Face::Bold);
        let mut items = Vec::new();
        let mut text_h = Pt::ZERO;
        // A hair of slack: a column exactly as wide as its longest word
        // holds that word.
        let text_w = width - indent + Pt(0.01);
        for line in self.text(&cell.spans, x + indent, text_w, size, colors::TEXT, face) {
            let shift = match align {
                Alignment::Center => (text_w - line_width(&line)) / 2.0,
                Alignment::Right => text_w - line_width(&line),
                _ => Pt::ZERO,
            };
            items.extend(line.items.into_iter().map(|mut p| {
                p.at.x += shift;
                p.at.y += text_h;
                p
            }));
            text_h += line.height;
        }
        let figure = cell
            .figure
            .as_ref()
            .and_then(|(dest, _)| cell_figure(resolve_figure(self.opts, dest)?, m.figure));
        let Some((size, item)) = figure else {
            return (items, text_h);
        };
        // The figure and the text are centred on each other.
        let height = size.height.max(text_h);
        for p in &mut items {
            p.at.y += (height - text_h) / 2.0;
        }
        let at = Point::new(
            x + (m.figure.width - size.width) / 2.0,
            (height - size.height) / 2.0,
        );
        items.insert(0, Positioned { at, item });
        (items, height)
    }

    /// Tick boxes, centred in the cell, wrapped into balanced lines.
    fn boxes(&self, boxes: &[bool], x: Pt, width: Pt, m: &Metrics) -> (Vec<Positioned>, Pt) {
        let per_line = boxes_per_line(m, width, boxes.len());
        let mut items = Vec::new();
        let mut y = Pt::ZERO;
        for line in boxes.chunks(per_line) {
            let left = x + (width - boxes_width(m, line.len())) / 2.0;
            for (i, optional) in line.iter().enumerate() {
                let at = Point::new(left + (m.side + m.gap) * i as f32, y);
                items.push(Positioned::shape(at, tick_box(m.side, *optional)));
            }
            y += m.side + m.gap;
        }
        (items, y - m.gap)
    }

    /// The height left on the page for a grid table that `after` follows
    /// (up to the next page break), counting what is already on the page
    /// since the last page break.
    pub(super) fn room_for_table(&mut self, after: &[Block], x: Pt, width: Pt) -> Pt {
        let body = self.body_height();
        let since_break = self
            .out
            .items
            .iter()
            .rposition(|v| matches!(v, VItem::PageBreak))
            .map_or(0, |i| i + 1);
        let used = height(&self.out.items[since_break..]);
        // Measure what follows by rendering it and taking it back.
        let after = after
            .iter()
            .position(|b| matches!(b, Block::PageBreak))
            .map_or(after, |i| &after[..i]);
        let (begin, frames, headings) =
            (self.out.items.len(), self.out.frames.len(), self.headings);
        let (repeat, has_toc) = (self.repeat.clone(), self.has_toc);
        self.blocks(after, x, width);
        let after_h = height(&self.out.items[begin..]);
        self.out.items.truncate(begin);
        self.out.frames.truncate(frames);
        self.headings = headings;
        self.repeat = repeat;
        self.has_toc = has_toc;
        let used = Pt(used.0 % body.0);
        (body - used - after_h - self.em(0.8)).max(Pt::ZERO)
    }
}

/// The height of rendered items as they will stack on a page (space at
/// the top of the page is dropped).
fn height(items: &[VItem]) -> Pt {
    let mut h = Pt::ZERO;
    for v in items {
        match v {
            VItem::Chunk(c) => h += c.height,
            VItem::Space(s) if h > Pt::ZERO => h += *s,
            _ => {}
        }
    }
    h
}

/// The inked width of a line chunk's text.
fn line_width(line: &Chunk) -> Pt {
    let (mut left, mut right) = (None::<Pt>, Pt::ZERO);
    for p in &line.items {
        if let Item::Text(run) = &p.item {
            left = Some(left.map_or(p.at.x, |l| l.min(p.at.x)));
            right = right.max(p.at.x + measure(run.face, run.size, &run.text));
        }
    }
    left.map_or(Pt::ZERO, |l| right - l)
}

/// A figure fitted into `area`: its size and the item that draws it.
fn cell_figure(figure: Figure, area: Size) -> Option<(Size, Item)> {
    match figure {
        Figure::Drawing(d) if d.size.width.0 > 0.0 && d.size.height.0 > 0.0 => {
            let scale = (area.width.0 / d.size.width.0).min(area.height.0 / d.size.height.0);
            let size = Size::new(d.size.width * scale, d.size.height * scale);
            Some((size, Item::Drawing { drawing: d, scale }))
        }
        Figure::Png {
            bytes,
            width_px,
            height_px,
        } if width_px > 0 && height_px > 0 => {
            let k = (area.width.0 / width_px as f32).min(area.height.0 / height_px as f32);
            let size = Size::new(Pt(width_px as f32 * k), Pt(height_px as f32 * k));
            let item = Item::Image {
                png: bytes,
                pixels: (width_px, height_px),
                size,
            };
            Some((size, item))
        }
        _ => None,
    }
}

/// A square tick box: solid, or dashed and grey when optional.
fn tick_box(side: Pt, optional: bool) -> Shape {
    let stroke = if optional {
        Stroke {
            color: colors::MUTED,
            width: Pt(1.4),
            style: LineStyle::Square,
            dash: Some((side * 0.16, side * 0.12)),
        }
    } else {
        Stroke {
            color: colors::TEXT,
            width: Pt(1.4),
            style: LineStyle::Square,
            dash: None,
        }
    };
    Shape {
        segments: Shape::rect(Point::default(), Size::new(side, side)),
        fill: Some(Color::WHITE),
        stroke: Some(stroke),
    }
}

/// A vertical rule at `x`, from the top of a row down `height`.
fn vline(x: Pt, height: Pt, color: Color, thickness: Pt) -> Positioned {
    Positioned::shape(
        Point::new(x, Pt::ZERO),
        Shape {
            segments: vec![
                crate::geom::Segment::MoveTo(Point::default()),
                crate::geom::Segment::LineTo(Point::new(Pt::ZERO, height)),
            ],
            fill: None,
            stroke: Some(Stroke {
                color,
                width: thickness,
                style: LineStyle::Square,
                dash: None,
            }),
        },
    )
}
