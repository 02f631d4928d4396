//! Tables: ruled rows under a tinted header row, which repeats on every
//! page the table continues onto. A row moves to the next page whole when
//! it does not fit; only a row taller than a page splits, between lines of
//! text its cells share, its cells continuing under the repeated header
//! (still one row of the table's structure). A row of a form (tick boxes,
//! figures) never splits, and a table too wide for the page is not set:
//! both are [`Problem`]s for the caller to report.
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
use super::cells::{
    CellRole, Column, Content, Metrics, boxes_per_line, boxes_width, content, is_blank, text_parts,
};
use super::chunk::{Chunk, Renderer, VItem, hline};
use super::tags::tag_items;
use super::text::{break_lines, measure};
use super::{Item, Positioned, Problem, ProblemKind, Role, RowKind, Tag};
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
        self.repeat_open = false;
        let grid = is_grid(t);
        let figures = figure_columns(t, ncols);
        let head = if grid {
            self.head_size(t, ncols, width, &figures)
        } else {
            (self.size(), false)
        };
        let narrowest = self.sized(if room.is_some() && grid { 0.0 } else { 1.0 }, head);
        if let Some(needs) = self.too_wide(t, ncols, width, &narrowest, &figures) {
            // Set, it would be a band of letters over letters: it is left
            // out, and the caller reports where it is.
            self.problem(
                ProblemKind::TableTooWide {
                    columns: ncols,
                    needs,
                    width,
                },
                table_words(t, None),
            );
            return false;
        }
        let (rows, fits) = self.fitted_rows(t, ncols, (x, width), room, head, &figures);
        // A table that fits is kept on one page; a grid that cannot fit
        // in the room left starts there and continues on the next page.
        let keep = fits || !grid;
        if keep {
            self.push(VItem::KeepStart);
        }
        let last = rows.len() - 1;
        self.push_rows(t, rows, grid, keep);
        if keep {
            self.push(VItem::KeepEnd);
        }
        !keep && last > 0
    }

    /// The rows of a table of `ncols` columns set at `x`, `width` wide, at
    /// the largest size that fits `room` when there is one (a grid's boxes
    /// and figures shrink, its head set at `head`), and whether they fit.
    fn fitted_rows(
        &mut self,
        t: &Table,
        ncols: usize,
        (x, width): (Pt, Pt),
        room: Option<Pt>,
        head: (Pt, bool),
        figures: &[bool],
    ) -> (Vec<Row>, bool) {
        let grid = is_grid(t);
        let steps: &[f32] = match room {
            Some(_) if grid => &[1.0, 0.75, 0.5, 0.25, 0.0],
            _ => &[1.0],
        };
        // A grid's larger sizes that would break a word (a name wider
        // than its column can be) are never tried: smaller sizes come
        // before a broken word.
        let mut steps: Vec<f32> = (steps.iter().copied())
            .filter(|k| {
                !grid || !self.floors_too_wide(t, ncols, width, &self.sized(*k, head), figures)
            })
            .collect();
        if steps.is_empty() {
            steps.push(0.0);
        }
        let mut rows = Vec::new();
        let mut fits = true;
        let mut steps = steps.iter();
        let height = |rows: &[Row]| rows.iter().fold(Pt::ZERO, |h, r| h + r.chunk.height);
        // Each try makes the table's structure elements anew.
        let elements = self.out.elements.len();
        while let Some(&k) = steps.next() {
            self.out.elements.truncate(elements);
            rows = self.table_rows(t, ncols, x, width, &self.sized(k, head));
            let height = height(&rows);
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
                    ..self.sized(0.0, head)
                };
                self.out.elements.truncate(elements);
                let tried = self.table_rows(t, ncols, x, width, &narrow);
                let narrow_height = tried.iter().fold(Pt::ZERO, |h, r| h + r.chunk.height);
                if narrow_height < height {
                    rows = tried;
                    fits = narrow_height <= room;
                } else {
                    self.out.elements.truncate(elements);
                    rows = self.table_rows(t, ncols, x, width, &self.sized(0.0, head));
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
                rows = self.table_rows(t, ncols, x, width, &self.sized(last, head));
                fits = false;
                break;
            }
        }
        (rows, fits)
    }

    /// Pushes a table's rows: the header's repeated above each row that
    /// starts a page, a row taller than a page split between its lines
    /// (not a grid's), and the last row opening a keep group with what
    /// follows when the table is not `keep` whole.
    fn push_rows(&mut self, t: &Table, rows: Vec<Row>, grid: bool, keep: bool) {
        let mut header: Option<Box<Chunk>> = None;
        // The height a page has for a row: less the header repeated above it.
        let mut room = self.body_height();
        let last = rows.len() - 1;
        for (r, row) in rows.into_iter().enumerate() {
            let Row { mut chunk, breaks } = row;
            if r == last && r > 0 && !keep {
                self.push(VItem::KeepStart);
            }
            if r == 0 && !t.header.is_empty() {
                // The header repeats on every page the table continues
                // onto: it must leave room there for a line of a row.
                let repeated = self.repeated_header(&chunk);
                if repeated.height + self.lead(self.size()) > room {
                    self.problem(
                        ProblemKind::RowTooTall {
                            height: repeated.height,
                            room,
                            row: RowKind::Header,
                        },
                        table_words(t, None),
                    );
                } else {
                    room -= repeated.height;
                    header = Some(Box::new(repeated));
                }
                chunk.keep_with_next = true;
                self.push(VItem::Chunk(chunk));
                continue;
            }
            chunk.header = header.clone();
            if chunk.height <= room {
                self.push(VItem::Chunk(chunk));
                continue;
            }
            // Taller than a page: split between lines, when it may.
            match (!grid).then(|| split_row(&chunk, &breaks, room)).flatten() {
                Some(strips) => strips.into_iter().for_each(|s| self.push(VItem::Chunk(s))),
                None => {
                    let body = r - usize::from(!t.header.is_empty());
                    let row = if grid {
                        RowKind::Form
                    } else {
                        RowKind::Unbroken
                    };
                    let kind = ProblemKind::RowTooTall {
                        height: chunk.height,
                        room,
                        row,
                    };
                    self.problem(kind, table_words(t, Some(body)));
                    self.push(VItem::Chunk(chunk));
                }
            }
        }
    }

    /// Records what could not be set (not while only measuring: the table
    /// is set again for real).
    fn problem(&mut self, kind: ProblemKind, words: Vec<String>) {
        if !self.measuring {
            self.out.problems.push(Problem {
                kind,
                page: None,
                words,
                offset: None,
            });
        }
    }

    /// The width a table's columns need at their narrowest, when that is
    /// more than `width`: each column as wide as its longest word or four
    /// or five letters (2.5 em), whichever is less (a longer word breaks
    /// between letters; a narrower column would hold a letter or two a
    /// line), a box column two boxes, plus the padding of its cells.
    fn too_wide(
        &self,
        t: &Table,
        ncols: usize,
        width: Pt,
        m: &Metrics,
        figures: &[bool],
    ) -> Option<Pt> {
        let few_letters = self.em(2.5);
        let measures = self.column_measures(t, ncols, m, figures);
        let needs = measures
            .floor
            .iter()
            .fold(Pt::ZERO, |a, f| a + f.min(few_letters) + m.pad_h * 2.0);
        (needs > width + Pt(0.01)).then_some(needs)
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

    /// One chunk per row, the header row first (when there is one), with
    /// where each may split; and the table's structure elements: a row of
    /// cells each, header cells in the header row, a cell's figure inside
    /// its cell.
    fn table_rows(&mut self, t: &Table, ncols: usize, x: Pt, width: Pt, m: &Metrics) -> Vec<Row> {
        let size = self.size();
        let figures = figure_columns(t, ncols);
        let widths = self.column_widths(t, ncols, width, m, &figures);
        let total = widths.iter().fold(Pt::ZERO, |a, b| a + *b + m.pad_h * 2.0);
        let has_boxes = t
            .rows
            .iter()
            .flatten()
            .any(|c| matches!(content(c), Content::Boxes(_)));
        let m = &with_boxes_per_line(t, ncols, &widths, m);
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
                    role: cell_role(head, c, has_boxes),
                };
                let (mut items, h, breaks) = self.cell(&cell, cx + m.pad_h, *w, column, m);
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
                self.tag_figures(&mut items, alt, td);
                tag_items(&mut items, td);
                let min = if !head && is_blank(&cell) {
                    self.lead(size)
                } else {
                    Pt::ZERO
                };
                let boxes = matches!(content(&cell), Content::Boxes(_));
                cells.push((items, h.max(min), boxes, breaks));
                cx += *w + m.pad_h * 2.0;
            }
            let inner = cells.iter().fold(Pt::ZERO, |a, c| a.max(c.1));
            let height = inner + m.pad_v * 2.0;
            let splits = row_splits(&cells, inner, m.pad_v);
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
            place_cells(&mut items, cells, inner, m.pad_v);
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
            out.push(Row {
                chunk: Chunk {
                    height,
                    items,
                    ..Chunk::default()
                },
                breaks: splits,
            });
        }
        out
    }

    /// Tags a cell's drawings and images (in `items`) as a figure in its
    /// cell `td` with its `alt` text, or as decoration when it has none.
    fn tag_figures(&mut self, items: &mut [Positioned], alt: &str, td: usize) {
        for p in items {
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
        let avail = width - m.pad_h * 2.0 * ncols as f32;
        let Measures {
            mut lo,
            hi,
            floor,
            stretch,
        } = self.column_measures(t, ncols, m, figures);
        let sum = |v: &[Pt]| v.iter().fold(Pt::ZERO, |a, b| a + *b);
        let boxes = box_columns(t, ncols);
        if self.opts.form.name.is_some() && boxes.contains(&true) && sum(&floor) <= avail {
            return form_widths(&floor, &hi, &boxes, avail);
        }
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

    /// Each column's narrowest and widest natural widths, how narrow it
    /// may get before words break, and whether it takes width left over.
    fn column_measures(&self, t: &Table, ncols: usize, m: &Metrics, figures: &[bool]) -> Measures {
        let has_boxes = box_columns(t, ncols).contains(&true);
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
                        let (mut full, mut word) = (Pt::ZERO, Pt::ZERO);
                        let role = cell_role(r == 0, c, has_boxes);
                        for (styled, size, _) in text_parts(cell, role, m) {
                            full = break_lines(&self.opts.fonts, &styled, size, Pt(1e6))
                                .iter()
                                .fold(full, |w, l| w.max(l.width));
                            // Lines break at spaces (not no-break ones) and
                            // after hyphens; each word in its span's face.
                            word = styled
                                .iter()
                                .flat_map(|s| {
                                    s.text
                                        .split(|c: char| c.is_whitespace() && c != '\u{a0}')
                                        .flat_map(|w| w.split_inclusive('-'))
                                        .map(|w| measure(&self.opts.fonts, s.style.face, size, w))
                                })
                                .fold(word, Pt::max);
                        }
                        let fig = if figures[c] && !m.figure_above {
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
        // The columns of boxes (the days of a week) are all as wide as
        // the widest, so their boxes make the same grid in every one.
        let boxes = box_columns(t, ncols);
        for v in [&mut lo, &mut hi, &mut floor] {
            let widest = (v.iter().zip(&boxes))
                .filter(|(_, b)| **b)
                .fold(Pt::ZERO, |a, (w, _)| a.max(*w));
            for (w, b) in v.iter_mut().zip(&boxes) {
                if *b {
                    *w = widest;
                }
            }
        }
        Measures {
            lo,
            hi,
            floor,
            stretch,
        }
    }

    /// The grid's sizes at `k` (see [`Renderer::metrics`]), its header
    /// row at `head`.
    /// The header row shrinks with the rest, to the form's least head
    /// size at 0: narrower day columns leave the names more width.
    fn sized(&self, k: f32, (head, figure_above): (Pt, bool)) -> Metrics {
        let least = self.opts.form.min_head.min(head);
        Metrics {
            head: least + (head - least) * k,
            figure_above,
            ..self.metrics(k)
        }
    }

    /// Whether a grid's columns at their narrowest (no word broken) are
    /// wider than `width`.
    fn floors_too_wide(
        &self,
        t: &Table,
        ncols: usize,
        width: Pt,
        m: &Metrics,
        figures: &[bool],
    ) -> bool {
        let measures = self.column_measures(t, ncols, m, figures);
        let needs = (measures.floor.iter()).fold(Pt::ZERO, |a, f| a + *f + m.pad_h * 2.0);
        needs > width + Pt(0.01)
    }

    /// The size of a grid's header row: the body size, or less, down to
    /// the form's least head size, until every column's narrowest width
    /// leaves each word of the table whole.
    ///
    /// Should that not do, a form's figures stand above their names
    /// rather than beside them (returned second), the head back at its
    /// largest that fits.
    fn head_size(&self, t: &Table, ncols: usize, width: Pt, figures: &[bool]) -> (Pt, bool) {
        let least = self.opts.form.min_head.min(self.size());
        let mut tries = vec![false];
        if self.opts.form.name.is_some() && figures.contains(&true) {
            tries.push(true);
        }
        for figure_above in tries {
            let mut head = self.size();
            loop {
                let m = Metrics {
                    head,
                    figure_above,
                    ..self.metrics(0.0)
                };
                if !self.floors_too_wide(t, ncols, width, &m, figures) {
                    return (head, figure_above);
                }
                if head <= least {
                    break;
                }
                head = (head - Pt(0.5)).max(least);
            }
        }
        (
            least,
            self.opts.form.name.is_some() && figures.contains(&true),
        )
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
        let (repeat, repeat_open) = (self.repeat.clone(), self.repeat_open);
        self.measuring = true;
        self.blocks(after, x, width);
        self.measuring = false;
        let after_h = height(&self.out.items[begin..]);
        self.out.items.truncate(begin);
        self.out.frames.truncate(frames);
        self.out.elements.truncate(elements);
        self.headings = headings;
        self.repeat = repeat;
        self.repeat_open = repeat_open;
        let used = Pt(used.0 % body.0);
        (body - used - after_h - self.em(0.8)).max(Pt::ZERO)
    }
}

/// A row's cell as `table_rows` sets it: its items, height,
/// whether it holds tick boxes, and where it may split.
type SetCell = (Vec<Positioned>, Pt, bool, Vec<Pt>);

/// `m` with every row's boxes in the same grid: as many a line as the
/// narrowest column of boxes (of `widths`) holds of the most a cell has.
fn with_boxes_per_line(t: &Table, ncols: usize, widths: &[Pt], m: &Metrics) -> Metrics {
    let most = (t.rows.iter().flatten())
        .filter_map(|c| match content(c) {
            Content::Boxes(b) => Some(b.len()),
            Content::Text(_) => None,
        })
        .max();
    let box_columns = box_columns(t, ncols);
    let narrowest = (widths.iter().zip(&box_columns))
        .filter(|(_, b)| **b)
        .map(|(w, _)| *w)
        .reduce(Pt::min);
    Metrics {
        per_line: most.zip(narrowest).map(|(n, w)| boxes_per_line(m, w, n)),
        ..*m
    }
}

/// Where a row of `cells` (`inner` high inside its padding `pad_v`) may
/// split: at a line's top in one cell that is a line's top, or above or
/// below the content, in every one.
fn row_splits(cells: &[SetCell], inner: Pt, pad_v: Pt) -> Vec<Pt> {
    let tops =
        |(_, h, boxes, _): &SetCell| pad_v + if *boxes { (inner - *h) / 2.0 } else { Pt::ZERO };
    let mut splits: Vec<Pt> = cells
        .iter()
        .flat_map(|c| c.3.iter().map(move |b| tops(c) + *b))
        .collect();
    splits.sort_by(|a, b| a.0.total_cmp(&b.0));
    splits.dedup_by(|a, b| (a.0 - b.0).abs() < 0.01);
    splits.retain(|y| {
        cells.iter().all(|c| {
            let top = tops(c);
            *y <= top + Pt(0.01)
                || *y >= top + c.1 - Pt(0.01)
                || c.3.iter().any(|b| (top + *b - *y).0.abs() < 0.01)
        })
    });
    splits
}

/// Adds a row's `cells` to its `items`, placed in the row: boxes in the
/// middle of the row (`inner` high inside its padding `pad_v`), text
/// hanging from the top; the row's solid boxes, then its dashed ones:
/// they never overlap, and drawn in two runs the PDF sets each line
/// style once a row instead of twice a day.
fn place_cells(items: &mut Vec<Positioned>, cells: Vec<SetCell>, inner: Pt, pad_v: Pt) {
    let mut tick_boxes = Vec::new();
    for (cell_items, h, boxes, _) in cells {
        let y = pad_v + if boxes { (inner - h) / 2.0 } else { Pt::ZERO };
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
    tick_boxes.sort_by_key(
        |p| matches!(&p.item, Item::Shape(s) if s.stroke.is_some_and(|s| s.dash.is_some())),
    );
    items.extend(tick_boxes);
}

/// A table row as set: its chunk, and where it may split across pages
/// (from its top, in order).
struct Row {
    chunk: Chunk,
    breaks: Vec<Pt>,
}

/// What [`Renderer::column_measures`] finds of each column.
struct Measures {
    /// Its longest word (or boxes on their fewest lines).
    lo: Vec<Pt>,
    /// Its longest line unbroken.
    hi: Vec<Pt>,
    /// How narrow it gets before words break.
    floor: Vec<Pt>,
    /// Whether it takes width left over (boxes, write-in cells).
    stretch: Vec<bool>,
}

/// The columns of a form: each at its narrowest (no word broken, the
/// boxes two a line), then the width left over to the names first, up to
/// a line each, since a name on fewer lines makes its row shorter; what is
/// still left over, to the columns of boxes, alike.
fn form_widths(floor: &[Pt], hi: &[Pt], boxes: &[bool], avail: Pt) -> Vec<Pt> {
    let mut widths = floor.to_vec();
    let spare = avail - floor.iter().fold(Pt::ZERO, |a, b| a + *b);
    let wants: Vec<Pt> = (hi.iter().zip(floor).zip(boxes))
        .map(|((h, f), b)| {
            if *b {
                Pt::ZERO
            } else {
                (*h - *f).max(Pt::ZERO)
            }
        })
        .collect();
    let wanted = wants.iter().fold(Pt::ZERO, |a, b| a + *b);
    let given = spare.min(wanted);
    if wanted > Pt::ZERO {
        for (w, want) in widths.iter_mut().zip(&wants) {
            *w += given * (want.0 / wanted.0);
        }
    }
    let left = spare - given;
    let n = boxes.iter().filter(|b| **b).count().max(1);
    for (w, b) in widths.iter_mut().zip(boxes) {
        if *b {
            *w += left / n as f32;
        }
    }
    widths
}

/// Whether each column holds tick boxes in a body cell.
fn box_columns(t: &Table, ncols: usize) -> Vec<bool> {
    (0..ncols)
        .map(|c| {
            (t.rows.iter()).any(|r| {
                r.get(c)
                    .is_some_and(|c| matches!(content(c), Content::Boxes(_)))
            })
        })
        .collect()
}

/// How a cell's text is set: the header row's, a form's row name (the
/// first cell of a body row in a table of boxes), or the body's.
fn cell_role(head: bool, column: usize, form: bool) -> CellRole {
    if head {
        CellRole::Head
    } else if form && column == 0 {
        CellRole::Name
    } else {
        CellRole::Body
    }
}

/// Whether each column has a figure in a body cell.
fn figure_columns(t: &Table, ncols: usize) -> Vec<bool> {
    (0..ncols)
        .map(|c| {
            t.rows
                .iter()
                .any(|r| r.get(c).is_some_and(|c| c.figure.is_some()))
        })
        .collect()
}

/// The first words of a table (its header, then its first row) or of
/// one of its body rows: to find it in the content.
fn table_words(t: &Table, row: Option<usize>) -> Vec<String> {
    let cells: Vec<&super::blocks::Cell> = match row {
        Some(r) => t.rows.get(r).into_iter().flatten().collect(),
        None => t.header.iter().chain(t.rows.iter().flatten()).collect(),
    };
    cells
        .iter()
        .flat_map(|c| c.spans.iter())
        .flat_map(|s| s.text.split_whitespace())
        .take(super::CONTEXT_WORDS)
        .map(str::to_string)
        .collect()
}

/// A row taller than a page cut into strips at the lines its cells share,
/// each no taller than `room`: the first two strips and the last two are
/// tied, so a page never holds a single line of the row. Every strip is
/// part of the same row and cells (their items keep their tags), carries
/// the header to repeat, and the last one draws the row's bottom rule.
/// `None` when a strip would still be taller than `room`.
fn split_row(row: &Chunk, breaks: &[Pt], room: Pt) -> Option<Vec<Chunk>> {
    let mut edges = Vec::with_capacity(breaks.len() + 2);
    edges.push(Pt::ZERO);
    edges.extend(
        breaks
            .iter()
            .copied()
            .filter(|b| *b > Pt::ZERO && *b < row.height),
    );
    edges.push(row.height);
    if edges.windows(2).any(|w| w[1] - w[0] > room) {
        return None;
    }
    let mut strips: Vec<Chunk> = edges
        .windows(2)
        .map(|w| Chunk {
            height: w[1] - w[0],
            header: row.header.clone(),
            frames: row.frames.clone(),
            ..Chunk::default()
        })
        .collect();
    for p in &row.items {
        // An item belongs to the strip its top (a text's baseline) is in.
        let k = breaks_before(&edges[1..edges.len() - 1], p.at.y);
        let mut p = p.clone();
        p.at.y -= edges[k];
        strips[k].items.push(p);
    }
    let n = strips.len();
    if n >= 2 {
        strips[0].keep_with_next = true;
        strips[n - 2].keep_with_next = true;
    }
    strips.last_mut()?.keep_with_next = row.keep_with_next;
    Some(strips)
}

/// How many of the sorted `cuts` lie at or above `y`.
fn breaks_before(cuts: &[Pt], y: Pt) -> usize {
    cuts.partition_point(|c| *c <= y + Pt(0.01))
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
    super::chunk::rule(
        Point::new(x, Pt::ZERO),
        Point::new(Pt::ZERO, height),
        color,
        thickness,
    )
}
