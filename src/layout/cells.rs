//! What a table cell draws: text (placed by its column's alignment), a
//! small figure to the left of the text, or tick boxes wrapped into even
//! lines; and the sizes a grid shrinks between their natural size and
//! their limits.

use pulldown_cmark::Alignment;

use super::blocks::{Cell, plain_text};
use super::render::{Chunk, Renderer, resolve_figure};
use super::text::measure;
use super::{Face, Item, Picture, Positioned};
use crate::geom::{Color, LineStyle, Mm, Point, Pt, Shape, Size, Stroke};
use crate::theme::Palette;

/// A tick box.
pub(super) const BOX: char = '☐';
/// An optional tick box, drawn dashed.
pub(super) const OPTIONAL_BOX: char = '⬚';

/// The smallest tick box: large enough to tick with a pen.
pub(super) const MIN_BOX: Mm = Mm(5.0);

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
}

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
fn boxes_per_line(m: &Metrics, width: Pt, n: usize) -> usize {
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
}

impl Renderer<'_, '_> {
    pub(super) fn metrics(&self, k: f32) -> Metrics {
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
            narrow_boxes: false,
        }
    }

    /// A cell's items, from its content's top left at (`x`, 0), the
    /// content's height, and where it may break across pages: the top of
    /// each line of text but the first (none for boxes or a figure, which
    /// stay whole).
    pub(super) fn cell(
        &self,
        cell: &Cell,
        head: bool,
        x: Pt,
        width: Pt,
        column: Column,
        m: &Metrics,
    ) -> (Vec<Positioned>, Pt, Vec<Pt>) {
        let size = self.size();
        let cell = match content(cell) {
            Content::Boxes(boxes) => {
                let (items, height) = self.boxes(&boxes, x, width, m);
                return (items, height, Vec::new());
            }
            Content::Text(cell) => cell,
        };
        let indent = if column.figures {
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
        for line in self.text(
            &cell.spans,
            x + indent,
            text_w,
            size,
            self.opts.palette.text,
            face,
        ) {
            let shift = match column.align {
                Alignment::Center => (text_w - line_width(&line)) / 2.0,
                Alignment::Right => text_w - line_width(&line),
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
        let figure = cell
            .figure
            .as_ref()
            .and_then(|(dest, _)| cell_figure(resolve_figure(self.opts, dest)?, m.figure));
        let Some((size, item)) = figure else {
            return (items, text_h, breaks);
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
        items.insert(
            0,
            Positioned {
                at,
                item,
                tag: None,
            },
        );
        (items, height, Vec::new())
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
