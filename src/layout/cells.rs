//! What a table cell draws: text (placed by its column's alignment), a
//! small figure to the left of the text, or tick boxes wrapped into even
//! lines; and the sizes a grid shrinks between their natural size and
//! their limits.

use pulldown_cmark::Alignment;

use super::blocks::{Cell, plain_text};
use super::chunk::{Chunk, Renderer, resolve_figure};
use super::text::{Span, measure};
use super::{Face, Item, Picture, Positioned};
use crate::fonts::FontBook;
use crate::geom::{Color, LineStyle, Point, Pt, Shape, Size, Stroke};
use crate::theme::Palette;

/// A tick box.
pub(super) const BOX: char = '☐';
/// An optional tick box, drawn dashed.
pub(super) const OPTIONAL_BOX: char = '⬚';

/// The sizes a grid shrinks, between their natural size and their limit.
#[derive(Debug, Clone, Copy)]
pub(super) struct Metrics {
    /// Padding above and below a cell's content.
    pub(super) pad_v: Pt,
    /// Padding left and right of a cell's content.
    pub(super) pad_h: Pt,
    /// The side of a tick box.
    pub(super) side: Pt,
    /// The space between two tick boxes.
    pub(super) gap: Pt,
    /// The area a cell's figure is fitted into.
    pub(super) figure: Size,
    /// Whether box columns are only two boxes wide, their boxes on more
    /// lines: the last resort of a grid that does not fit its page, since
    /// it leaves the text columns room to wrap on fewer lines.
    pub(super) narrow_boxes: bool,
    /// The size of a form's row names: the first line of a body row's
    /// first cell.
    pub(super) name: Pt,
    /// The size of the header row's text.
    pub(super) head: Pt,
    /// The size of the other text of the cells.
    pub(super) body: Pt,
    /// Boxes a line in every cell of the table, so every row shows the
    /// same grid; `None` until the columns' widths are known.
    pub(super) per_line: Option<usize>,
    /// Whether a cell's figure stands above its text rather than beside
    /// it: when the words of a form's names would not fit beside it.
    pub(super) figure_above: bool,
}

/// The line height of a form's names, as a factor of their size.
const NAME_LEADING: f32 = 1.2;

/// What a cell holds.
pub(super) enum Content<'c> {
    /// Text, maybe after a figure.
    Text(&'c Cell),
    /// Tick boxes: `true` for an optional one.
    Boxes(Vec<bool>),
}

pub(super) fn content(cell: &Cell) -> Content<'_> {
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

/// An empty body cell: a space to write in.
pub(super) fn is_blank(cell: &Cell) -> bool {
    cell.figure.is_none() && plain_text(&cell.spans).trim().is_empty()
}

/// The width of `n` boxes side by side.
pub(super) fn boxes_width(m: &Metrics, n: usize) -> Pt {
    let n = n.max(1) as f32;
    m.side * n + m.gap * (n - 1.0)
}

/// Boxes a line in `width`, balanced so the lines hold the same number
/// (six in a cell with room for four: 3 + 3, not 4 + 2).
pub(super) fn boxes_per_line(m: &Metrics, width: Pt, n: usize) -> usize {
    // A hair of slack: a column exactly three boxes wide holds three.
    let fit = (((width + m.gap).0 / (m.side + m.gap).0 + 1e-3).floor() as usize).clamp(1, n.max(1));
    let lines = n.div_ceil(fit);
    n.div_ceil(lines.max(1))
}

/// How a column sets its cells.
#[derive(Debug, Clone, Copy)]
pub(super) struct Column {
    /// From the delimiter row: `:-:` centres, `--:` sets right.
    pub(super) align: Alignment,
    /// Whether any cell of the column has a figure: then every cell's text
    /// starts after the figure's space, so the text lines up.
    pub(super) figures: bool,
    /// Which row and column the cell is in, which sets its type.
    pub(super) role: CellRole,
}

/// Where a cell is, as far as its type goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum CellRole {
    /// The header row: bold, at the head size.
    Head,
    /// A body row's first cell in a form: its first line names the row,
    /// at the name size; the rest at the body size.
    Name,
    /// Any other cell: the body size.
    Body,
}

/// A cell's text in pieces, each with the size it is set in (see
/// [`CellRole`]) and whether it is a row's name; a header cell's text is
/// bold.
pub(super) fn text_parts(cell: &Cell, role: CellRole, m: &Metrics) -> Vec<(Vec<Span>, Pt, bool)> {
    match role {
        CellRole::Head => {
            let bold = (cell.spans.iter())
                .map(|s| {
                    let mut s = s.clone();
                    s.style.face = Face::Bold;
                    s
                })
                .collect();
            vec![(bold, m.head, false)]
        }
        CellRole::Body => vec![(cell.spans.clone(), m.body, false)],
        CellRole::Name => {
            // The name is what comes before the first line break.
            let (mut name, mut rest) = (Vec::new(), Vec::new());
            for s in &cell.spans {
                if !rest.is_empty() {
                    rest.push(s.clone());
                } else if let Some((before, after)) = s.text.split_once('\n') {
                    // The break stays with the name: a word ends there.
                    name.push(Span {
                        text: format!("{before}\n"),
                        style: s.style.clone(),
                    });
                    rest.push(Span {
                        text: after.to_string(),
                        style: s.style.clone(),
                    });
                } else {
                    name.push(s.clone());
                }
            }
            let mut parts = vec![(name, m.name, true)];
            if !rest.is_empty() {
                parts.push((rest, m.body, false));
            }
            parts
        }
    }
}

impl Renderer<'_, '_> {
    /// A grid's sizes at `k`, from their smallest (0) to their largest
    /// (1): a form's names from their least size to a fifth above it,
    /// its boxes from the least side to the largest, its figures with
    /// the names.
    pub(super) fn metrics(&self, k: f32) -> Metrics {
        let size = self.size();
        let form = &self.opts.form;
        let lerp = |lo: Pt, hi: Pt| lo + (hi - lo) * k;
        let smallest = Pt::from(form.min_box).max(size);
        let side = lerp(
            smallest,
            Pt::from(form.max_box).max(size * 1.2).max(smallest),
        );
        let name = form.name.map_or(size, |least| lerp(least, least * 1.2));
        // A form's columns are ruled apart: they need less space inside.
        let (pad_h, gap) = if form.name.is_some() {
            (size * 0.3, side * 0.25)
        } else {
            (size * 0.45, side * 0.3)
        };
        Metrics {
            pad_v: lerp(size * 0.15, size * 0.315),
            pad_h,
            side,
            gap,
            // A form's thumbnails give their width to the names first.
            figure: Size::new(
                if form.name.is_some() {
                    lerp(name * 3.4, name * 4.2)
                } else {
                    name * 4.2
                },
                lerp(name * 2.2, name * 3.4),
            ),
            narrow_boxes: false,
            name,
            head: size,
            body: size,
            per_line: None,
            figure_above: false,
        }
    }

    /// A cell's items, from its content's top left at (`x`, 0), the
    /// content's height, and where it may break across pages: the top of
    /// each line of text but the first (none for boxes or a figure, which
    /// stay whole).
    pub(super) fn cell(
        &self,
        cell: &Cell,
        x: Pt,
        width: Pt,
        column: Column,
        m: &Metrics,
    ) -> (Vec<Positioned>, Pt, Vec<Pt>) {
        let head = column.role == CellRole::Head;
        let cell = match content(cell) {
            Content::Boxes(boxes) => {
                let (items, height) = self.boxes(&boxes, x, width, m);
                return (items, height, Vec::new());
            }
            Content::Text(cell) => cell,
        };
        let indent = if column.figures && !m.figure_above {
            m.figure.width + m.pad_h
        } else {
            Pt::ZERO
        };
        let face = head.then_some(Face::Bold);
        let mut items = Vec::new();
        let mut text_h = Pt::ZERO;
        let mut breaks = Vec::new();
        // A hair of slack: a column exactly as wide as its longest word
        // holds that word.
        let text_w = width - indent + Pt(0.01);
        let lines =
            (text_parts(cell, column.role, m).into_iter()).flat_map(|(spans, size, name)| {
                // A form's names are display type, set with less leading.
                let lead = if name {
                    size * NAME_LEADING
                } else {
                    self.lead(size)
                };
                self.text_led(
                    &spans,
                    x + indent,
                    text_w,
                    (size, lead),
                    self.opts.palette.text,
                    face,
                )
            });
        for line in lines {
            let shift = match column.align {
                Alignment::Center => (text_w - line_width(&self.opts.fonts, &line)) / 2.0,
                Alignment::Right => text_w - line_width(&self.opts.fonts, &line),
                _ => Pt::ZERO,
            };
            if text_h > Pt::ZERO {
                breaks.push(text_h);
            }
            items.extend(line.items.into_iter().map(|mut p| {
                p.at.x += shift;
                p.at.y += text_h;
                p
            }));
            text_h += line.height;
        }
        let figure = cell.figure.as_ref().and_then(|(dest, _)| {
            let area = if m.figure_above {
                Size::new(m.figure.width.min(width), m.figure.height)
            } else {
                m.figure
            };
            cell_figure(resolve_figure(self.opts, dest)?, area)
        });
        let Some((size, item)) = figure else {
            return (items, text_h, breaks);
        };
        let height = with_figure(&mut items, text_h, (size, item), x, m);
        (items, height, Vec::new())
    }

    /// Tick boxes, centred in the cell, wrapped into balanced lines.
    fn boxes(&self, boxes: &[bool], x: Pt, width: Pt, m: &Metrics) -> (Vec<Positioned>, Pt) {
        let per_line = (m.per_line)
            .unwrap_or_else(|| boxes_per_line(m, width, boxes.len()))
            .max(1);
        let mut items = Vec::new();
        let mut y = Pt::ZERO;
        for line in boxes.chunks(per_line) {
            let left = x + (width - boxes_width(m, line.len())) / 2.0;
            for (i, optional) in line.iter().enumerate() {
                let at = Point::new(left + (m.side + m.gap) * i as f32, y);
                items.push(Positioned::shape(at, self.tick_box(m.side, *optional)));
            }
            y += m.side + m.gap;
        }
        (items, y - m.gap)
    }

    /// A tick box of `side`, sharing its outline with every other one.
    fn tick_box(&self, side: Pt, optional: bool) -> Shape {
        let mut drawn = self.tick_boxes.borrow_mut();
        let key = side.0.to_bits();
        if let Some((_, _, shape)) = (drawn.iter()).find(|(s, o, _)| *s == key && *o == optional) {
            return shape.clone();
        }
        let shape = tick_box(side, optional, &self.opts.palette);
        drawn.push((key, optional, shape.clone()));
        shape
    }
}

/// Puts a cell's figure (its size and item) with the cell's text
/// `items`, `text_h` tall: above the text, or beside it, the two centred
/// on each other. Returns the cell's content height.
fn with_figure(
    items: &mut Vec<Positioned>,
    text_h: Pt,
    (size, item): (Size, Item),
    x: Pt,
    m: &Metrics,
) -> Pt {
    let (at, height) = if m.figure_above {
        // The figure over the text, both from the column's left.
        let below = size.height + m.pad_v;
        for p in items.iter_mut() {
            p.at.y += below;
        }
        (Point::new(x, Pt::ZERO), below + text_h)
    } else {
        let height = size.height.max(text_h);
        for p in items.iter_mut() {
            p.at.y += (height - text_h) / 2.0;
        }
        let at = Point::new(
            x + (m.figure.width - size.width) / 2.0,
            (height - size.height) / 2.0,
        );
        (at, height)
    };
    items.insert(
        0,
        Positioned {
            at,
            item,
            tag: None,
        },
    );
    height
}

/// The inked width of a line chunk's text.
fn line_width(fonts: &FontBook, line: &Chunk) -> Pt {
    let (mut left, mut right) = (None::<Pt>, Pt::ZERO);
    for p in &line.items {
        if let Item::Text(run) = &p.item {
            left = Some(left.map_or(p.at.x, |l| l.min(p.at.x)));
            right = right.max(p.at.x + measure(fonts, run.face, run.size, &run.text));
        }
    }
    left.map_or(Pt::ZERO, |l| right - l)
}

/// A figure fitted into `area`: its size and the item that draws it.
pub(super) fn cell_figure(figure: Picture, area: Size) -> Option<(Size, Item)> {
    let figure = match figure {
        Picture::Labelled(labelled) => Picture::Drawing(labelled.drawing),
        other => other,
    };
    match figure {
        Picture::Drawing(d) if d.size.width.0 > 0.0 && d.size.height.0 > 0.0 => {
            let scale = (area.width.0 / d.size.width.0).min(area.height.0 / d.size.height.0);
            let size = Size::new(d.size.width * scale, d.size.height * scale);
            Some((size, Item::Drawing { drawing: d, scale }))
        }
        Picture::Image {
            bytes,
            width_px,
            height_px,
        } if width_px > 0 && height_px > 0 => {
            let k = (area.width.0 / width_px as f32).min(area.height.0 / height_px as f32);
            let size = Size::new(Pt(width_px as f32 * k), Pt(height_px as f32 * k));
            let item = Item::Image {
                bytes,
                pixels: (width_px, height_px),
                size,
            };
            Some((size, item))
        }
        _ => None,
    }
}

/// A square tick box: solid, or dashed and grey when optional.
fn tick_box(side: Pt, optional: bool, palette: &Palette) -> Shape {
    let stroke = if optional {
        Stroke {
            color: palette.muted,
            width: Pt(1.4),
            style: LineStyle::Square,
            dash: Some((side * 0.16, side * 0.12)),
        }
    } else {
        Stroke {
            color: palette.text,
            width: Pt(1.4),
            style: LineStyle::Square,
            dash: None,
        }
    };
    Shape {
        segments: Shape::rect(Point::default(), Size::new(side, side)).into(),
        fill: Some(Color::WHITE),
        stroke: Some(stroke),
    }
}
