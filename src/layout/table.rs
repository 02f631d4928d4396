//! Tables: ruled rows under a tinted header row, which repeats on every
//! page the table continues onto. Rows never split across pages.
//!
//! Cells can also make a form (`cells` draws them):
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

use super::blocks::{Block, Table};
use super::cells::{Column, Content, Metrics, boxes_width, content, is_blank};
use super::render::{Chunk, Renderer, VItem, hline};
use super::tags::tag_items;
use super::text::{Span, break_lines, measure};
use super::{Face, Item, Positioned, Role, Tag};
use crate::geom::{Color, Point, Pt, Shape, Size};

/// Whether a table has tick boxes or figures, and so shrinks to fit.
pub(super) fn is_grid(t: &Table) -> bool {
    std::iter::once(&t.header)
        .chain(&t.rows)
        .flatten()
        .any(|c| c.figure.is_some() || matches!(content(c), Content::Boxes(_)))
}

impl Renderer<'_, '_> {
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
        let mut steps = steps.iter();
        // Each try makes the table's structure elements anew.
        let elements = self.out.elements.len();
        while let Some(&k) = steps.next() {
            self.out.elements.truncate(elements);
            chunks = self.table_rows(t, ncols, x, width, &self.metrics(k));
            let height = chunks.iter().fold(Pt::ZERO, |h, c| h + c.height);
            fits = room.is_none_or(|room| height <= room);
            if fits {
                break;
            }
            // Still too tall at the smallest boxes: two boxes a line give
            // the text columns more width, and long titles (a translation's
            // are often longer) fewer lines.
            if k == 0.0
                && let Some(room) = room
            {
                let narrow = Metrics {
                    narrow_boxes: true,
                    ..self.metrics(0.0)
                };
                self.out.elements.truncate(elements);
                let tried = self.table_rows(t, ncols, x, width, &narrow);
                let narrow_height = tried.iter().fold(Pt::ZERO, |h, c| h + c.height);
                if narrow_height < height {
                    chunks = tried;
                    fits = narrow_height <= room;
                } else {
                    self.out.elements.truncate(elements);
                    chunks = self.table_rows(t, ncols, x, width, &self.metrics(0.0));
                }
                break;
            }
            // The most compact rows are more than a third as tall as the
            // roomiest: a grid three times too tall goes straight to
            // them, so a long table is set twice, not five times.
            if room.is_some_and(|room| height > room * 3.0)
                && let Some(&last) = steps.next_back()
            {
                self.out.elements.truncate(elements);
                chunks = self.table_rows(t, ncols, x, width, &self.metrics(last));
                fits = false;
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
    /// heading of its section, if there is one. It is furniture: the
    /// header was read where the table starts.
    fn repeated_header(&self, row: &Chunk) -> Chunk {
        let Some(heading) = &self.repeat else {
            let mut row = row.clone();
            row.items = row.items.into_iter().map(Positioned::artifact).collect();
            return row;
        };
        let below = heading.height + self.em(0.35);
        let mut items = heading.items.clone();
        items.extend(row.items.iter().cloned().map(|mut p| {
            p.at.y += below;
            p.artifact()
        }));
        Chunk {
            height: below + row.height,
            items,
            ..Chunk::default()
        }
    }

    /// One chunk per row, the header row first (when there is one), and
    /// the table's structure elements: a row of cells each, header cells
    /// in the header row, a cell's figure inside its cell.
    fn table_rows(&mut self, t: &Table, ncols: usize, x: Pt, width: Pt, m: &Metrics) -> Vec<Chunk> {
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
        let table = self.element(Role::Table);
        let rows = std::iter::once(&t.header).chain(&t.rows);
        for (r, row) in rows.enumerate() {
            if r == 0 && t.header.is_empty() {
                continue;
            }
            let head = r == 0;
            let mut cells = Vec::new();
            let mut cx = x;
            let tr = self.element_in(Role::TableRow, table);
            for (c, w) in widths.iter().enumerate() {
                let align = t.align.get(c).copied().unwrap_or(Alignment::None);
                let cell = row.get(c).cloned().unwrap_or_default();
                let column = Column {
                    align,
                    figures: figures[c],
                };
                let (mut items, h) = self.cell(&cell, head, cx + m.pad_h, *w, column, m);
                // In a form of tick boxes, a row's first cell (the
                // exercise) heads the row: a screen reader then names the
                // exercise with each day's boxes.
                let role = if head {
                    Role::HeaderCell
                } else if c == 0 && has_boxes {
                    Role::RowHeaderCell
                } else {
                    Role::DataCell
                };
                let td = self.element_in(role, tr);
                let alt = cell.figure.as_ref().map_or("", |(_, alt)| alt.as_str());
                for p in &mut items {
                    if matches!(p.item, Item::Drawing { .. } | Item::Image { .. }) {
                        p.tag = Some(match alt.trim() {
                            "" => Tag::Artifact,
                            alt => Tag::Content(self.element_in(
                                Role::Figure {
                                    alt: alt.to_string(),
                                },
                                td,
                            )),
                        });
                    }
                }
                tag_items(&mut items, td);
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
                        segments: Shape::rect(Point::default(), Size::new(total, height)).into(),
                        fill: Some(self.opts.palette.soft),
                        stroke: None,
                    },
                ));
                items.push(hline(x, Pt::ZERO, total, self.opts.palette.accent, Pt(1.2)));
            }
            let mut tick_boxes = Vec::new();
            for (cell_items, h, boxes) in cells {
                // Boxes sit in the middle of their row; text hangs from the top.
                let y = m.pad_v + if boxes { (inner - h) / 2.0 } else { Pt::ZERO };
                let placed = cell_items.into_iter().map(|mut p| {
                    p.at.y += y;
                    p
                });
                if boxes {
                    tick_boxes.extend(placed);
                } else {
                    items.extend(placed);
                }
            }
            // The row's solid boxes, then its dashed ones: they never
            // overlap, and drawn in two runs the PDF sets each line style
            // once a row instead of twice a day.
            tick_boxes.sort_by_key(
                |p| matches!(&p.item, Item::Shape(s) if s.stroke.is_some_and(|s| s.dash.is_some())),
            );
            items.extend(tick_boxes);
            if has_boxes {
                // Lines between the columns keep each day's boxes apart.
                let mut cx = x;
                for w in &widths[..widths.len() - 1] {
                    cx += *w + m.pad_h * 2.0;
                    items.push(vline(cx, height, self.opts.palette.line, Pt(0.8)));
                }
            }
            let (color, weight) = if head {
                (self.opts.palette.accent, Pt(1.2))
            } else {
                (self.opts.palette.line, Pt(0.8))
            };
            items.push(hline(x, height, total, color, weight));
            // Rows are held until the whole document is paginated.
            items.shrink_to_fit();
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
                        let line = if m.narrow_boxes {
                            n.min(2)
                        } else if n > 3 {
                            n.div_ceil(2)
                        } else {
                            n
                        };
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
        if self.measuring {
            // Already measuring for an earlier grid, which needs only a
            // height: this grid fills what is left of its page.
            return (body - Pt(used.0 % body.0)).max(Pt::ZERO);
        }
        // Measure what follows by rendering it and taking it back: up to
        // the next page break, and no more blocks than a page can hold
        // (each is at least a line), so the cost stays bounded.
        let after = after
            .iter()
            .position(|b| matches!(b, Block::PageBreak))
            .map_or(after, |i| &after[..i]);
        let after = &after[..after.len().min(MAX_BLOCKS_A_PAGE)];
        // A block that alone is taller than a page leaves no room: no need
        // to set it (ten long tables in a row were each set ten times).
        if after.iter().any(|b| match b {
            Block::Table(t) => t.rows.len() > MAX_BLOCKS_A_PAGE,
            Block::List { items, .. } => items.len() > MAX_BLOCKS_A_PAGE,
            _ => false,
        }) {
            return Pt::ZERO;
        }
        let (begin, frames, headings, elements) = (
            self.out.items.len(),
            self.out.frames.len(),
            self.headings,
            self.out.elements.len(),
        );
        let repeat = self.repeat.clone();
        self.measuring = true;
        self.blocks(after, x, width);
        self.measuring = false;
        let after_h = height(&self.out.items[begin..]);
        self.out.items.truncate(begin);
        self.out.frames.truncate(frames);
        self.out.elements.truncate(elements);
        self.headings = headings;
        self.repeat = repeat;
        let used = Pt(used.0 % body.0);
        (body - used - after_h - self.em(0.8)).max(Pt::ZERO)
    }
}

/// More blocks (or table rows, or list items) than any page holds: each
/// takes at least a line.
const MAX_BLOCKS_A_PAGE: usize = 120;

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

/// A vertical rule at `x`, from the top of a row down `height`.
fn vline(x: Pt, height: Pt, color: Color, thickness: Pt) -> Positioned {
    super::render::rule(
        Point::new(x, Pt::ZERO),
        Point::new(Pt::ZERO, height),
        color,
        thickness,
    )
}
