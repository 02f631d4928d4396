//! One typeset page drawn as a content stream: its text, shapes, drawings
//! and images, flipped into PDF's coordinates (origin at the bottom left),
//! each item in its marked-content sequence; its links become link areas
//! for annotations. A page needs nothing from any other page, so the pages
//! of a document are drawn on every core.

use super::content::Content;
use super::font::Font;
use super::structure::{Marker, PageMarks};
use crate::fonts::{Face, FontBook};
use crate::geom::{self, LineStyle, Segment};
use crate::layout::{self, Item, LinkTarget};
use std::collections::BTreeMap;

/// What the pages' content streams refer to by name.
pub(super) struct Resources {
    /// Each face's font resource.
    pub(super) fonts: BTreeMap<Face, Font>,
    /// The faces, and the added ones that set the characters a run's own
    /// face lacks.
    pub(super) book: FontBook,
    /// Each distinct image's resource name, by its file's bytes.
    pub(super) images: BTreeMap<Vec<u8>, String>,
}

/// A link area of a page, in PDF coordinates: left, bottom, right, top.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct LinkArea {
    pub(super) rect: [f32; 4],
    pub(super) target: LinkTarget,
}

/// A page drawn: its content stream, what its marked content and link
/// annotations belong to, and its link areas.
pub(super) struct Drawn {
    pub(super) content: Vec<u8>,
    pub(super) marks: PageMarks,
    pub(super) links: Vec<LinkArea>,
}

/// Draws `page` with `resources`; `structure` is the document's structure
/// tree that the page's items are tagged with.
pub(super) fn draw(
    page: &layout::Page,
    resources: &Resources,
    structure: &[layout::Element],
) -> Drawn {
    let h = page.size.height.0;
    let mut c = Content::default();
    let mut links = Vec::new();
    let mut marker = Marker::new(structure);
    let mut pen = Pen::default();
    for p in &page.items {
        marker.before(&mut c, p);
        let (x, y) = (p.at.x.0, p.at.y.0);
        match &p.item {
            Item::Text(run) => text(&mut c, &mut pen, resources, run, (x, h - y)),
            Item::Shape(shape) => shape_ops(&mut c, &mut pen, shape, &|q: geom::Point| {
                (x + q.x.0, h - (y + q.y.0))
            }),
            Item::Drawing { drawing, scale } => {
                // Drawn in its own units, placed by one transformation: a
                // QR code's modules are then small whole numbers, several
                // times fewer bytes than page positions. Line widths and
                // dashes are in the drawing's units too, as the PDF scales
                // them with everything else.
                let outside = pen.clone();
                c.op(&[], "q");
                c.transform([*scale, 0.0, 0.0, -*scale, x, h - y]);
                for shape in &drawing.shapes {
                    shape_ops(&mut c, &mut pen, shape, &|q| (q.x.0, q.y.0));
                }
                c.op(&[], "Q");
                // What the drawing set ends with it.
                pen = outside;
            }
            Item::Image { bytes, size, .. } => {
                let Some(name) = resources.images.get(bytes) else {
                    continue;
                };
                // An image fills the unit square: scaled to its box and
                // moved to its bottom left corner.
                let (width, height) = (size.width.0, size.height.0);
                c.op(&[], "q");
                c.transform([width, 0.0, 0.0, height, x, h - y - height]);
                c.name_op(name, "Do");
                c.op(&[], "Q");
            }
            Item::Link { size, target } => links.push(LinkArea {
                // From the area's top left corner.
                rect: [x, h - y - size.height.0, x + size.width.0, h - y],
                target: target.clone(),
            }),
        }
    }
    let marks = marker.finish(&mut c);
    Drawn {
        content: c.into_bytes(),
        marks,
        links,
    }
}

/// A run of text on its baseline at `(x, y)`. Characters the run's face
/// lacks are set in an added font; each piece moves the text position on
/// by its own glyphs' widths, as layout measured them.
fn text(
    c: &mut Content,
    pen: &mut Pen,
    resources: &Resources,
    run: &layout::TextRun,
    (x, y): (f32, f32),
) {
    let mut pieces = resources.book.pieces(run.face, &run.text);
    let space_alone = run.space_after && pieces.last().is_none_or(|(face, _)| *face != run.face);
    if space_alone {
        pieces.push((run.face, ""));
    }
    let last = pieces.len().saturating_sub(1);
    c.op(&[], "BT");
    pen.fill(c, run.color);
    c.op(&[1.0, 0.0, 0.0, 1.0, x, y], "Tm");
    for (n, (face, piece)) in pieces.into_iter().enumerate() {
        let Some(font) = resources.fonts.get(&face) else {
            continue;
        };
        pen.font(c, face, &font.name, run.size.0);
        let space = (n == last && run.space_after).then_some(' ');
        c.show(piece.chars().chain(space).map(|ch| font.code(ch)));
    }
    c.op(&[], "ET");
}

/// A shape as PDF paths: filled as one path, stroked sub-path by sub-path
/// (open paths stay open).
fn shape_ops(
    c: &mut Content,
    pen: &mut Pen,
    shape: &geom::Shape,
    map: &dyn Fn(geom::Point) -> (f32, f32),
) {
    // A rectangle (a band, a tick box) is one `re`: a checklist has
    // hundreds a page. (A dashed outline's dashes start from its bottom
    // left corner then, not its top left.)
    if let Some(rect) = rectangle(&shape.segments, map) {
        let paint = match (shape.fill, shape.stroke) {
            (Some(_), Some(_)) => "B",
            (Some(_), None) => "f",
            (None, Some(_)) => "S",
            (None, None) => return,
        };
        if let Some(fill) = shape.fill {
            pen.fill(c, fill);
        }
        if let Some(stroke) = shape.stroke {
            pen.stroke(c, &stroke);
        }
        c.op(&rect, "re");
        c.op(&[], paint);
        return;
    }
    // Many rectangles filled together (a QR code's runs of dark modules)
    // are one `re` each and one fill, a quarter of the operators of
    // outlining each.
    if let (Some(fill), None) = (shape.fill, shape.stroke)
        && let Some(rects) = rectangles(&shape.segments, map)
    {
        pen.fill(c, fill);
        for rect in rects {
            c.op(&rect, "re");
        }
        c.op(&[], "f");
        return;
    }
    // The path; with `closes`, each sub-path the shape closes is closed.
    let outline = |c: &mut Content, closes: bool| {
        for seg in shape.segments.iter() {
            match *seg {
                Segment::MoveTo(p) => {
                    let (x, y) = map(p);
                    c.op(&[x, y], "m");
                }
                Segment::LineTo(p) => {
                    let (x, y) = map(p);
                    c.op(&[x, y], "l");
                }
                Segment::CubicTo(a, b, p) => {
                    let ((ax, ay), (bx, by), (x, y)) = (map(a), map(b), map(p));
                    c.op(&[ax, ay, bx, by, x, y], "c");
                }
                Segment::Close if closes => c.op(&[], "h"),
                Segment::Close => {}
            }
        }
    };
    // One closed outline filled and stroked (a framed panel) is one path:
    // `b` closes, fills and strokes it.
    let closed_once = shape
        .segments
        .first()
        .is_some_and(|s| matches!(s, Segment::MoveTo(_)))
        && shape.segments.last() == Some(&Segment::Close)
        && (shape.segments.iter())
            .filter(|s| matches!(s, Segment::MoveTo(_) | Segment::Close))
            .count()
            == 2;
    if let (true, Some(fill), Some(stroke)) = (closed_once, shape.fill, shape.stroke) {
        pen.fill(c, fill);
        pen.stroke(c, &stroke);
        outline(c, false);
        c.op(&[], "b");
        return;
    }
    // Filling closes every sub-path; stroking, only those the shape does.
    if let Some(fill) = shape.fill {
        pen.fill(c, fill);
        outline(c, false);
        c.op(&[], "h");
        c.op(&[], "f");
    }
    if let Some(stroke) = shape.stroke {
        pen.stroke(c, &stroke);
        outline(c, true);
        c.op(&[], "S");
    }
}

/// The rectangle a path of [`geom::Shape::rect`]'s form outlines, in PDF
/// coordinates (`map` flips y): its bottom left corner, width and height.
fn rectangle(segments: &[Segment], map: &dyn Fn(geom::Point) -> (f32, f32)) -> Option<[f32; 4]> {
    let [
        Segment::MoveTo(a),
        Segment::LineTo(b),
        Segment::LineTo(c),
        Segment::LineTo(d),
        Segment::Close,
    ] = *segments
    else {
        return None;
    };
    let square = a.y == b.y && b.x == c.x && c.y == d.y && d.x == a.x;
    if !square || b.x < a.x || c.y < b.y {
        return None;
    }
    let (left, top) = map(a);
    let (right, bottom) = map(c);
    Some([left, bottom.min(top), right - left, (top - bottom).abs()])
}

/// The rectangles of a path made only of [`geom::Shape::rect`]'s
/// outlines, when it has more than one.
fn rectangles(
    segments: &[Segment],
    map: &dyn Fn(geom::Point) -> (f32, f32),
) -> Option<Vec<[f32; 4]>> {
    if segments.len() <= 5 || !segments.len().is_multiple_of(5) {
        return None;
    }
    (segments.chunks(5))
        .map(|outline| rectangle(outline, map))
        .collect()
}

/// The graphics state a page's content stream is in, so that a colour,
/// width, cap, join or dash is set only when it changes. A checklist sheet
/// draws hundreds of tick boxes in one style: setting it once instead of
/// saving, setting and restoring it around each box keeps a 52-week
/// checklist's operations (and its file) several times smaller.
#[derive(Default, Clone)]
struct Pen {
    /// The text font and size: text state lasts past the end of a text
    /// object, like the colours.
    font: Option<(Face, f32)>,
    fill: Option<geom::Color>,
    stroke: Option<geom::Color>,
    width: Option<f32>,
    style: Option<LineStyle>,
    dash: Option<Option<(f32, f32)>>,
}

impl Pen {
    fn font(&mut self, c: &mut Content, face: Face, name: &str, size: f32) {
        if self.font != Some((face, size)) {
            self.font = Some((face, size));
            c.font(name, size);
        }
    }

    fn fill(&mut self, c: &mut Content, color: geom::Color) {
        if self.fill != Some(color) {
            self.fill = Some(color);
            c.op(&rgb(color), "rg");
        }
    }

    fn stroke(&mut self, c: &mut Content, stroke: &geom::Stroke) {
        if self.stroke != Some(stroke.color) {
            self.stroke = Some(stroke.color);
            c.op(&rgb(stroke.color), "RG");
        }
        let width = stroke.width.0;
        if self.width != Some(width) {
            self.width = Some(width);
            c.op(&[width], "w");
        }
        if self.style != Some(stroke.style) {
            self.style = Some(stroke.style);
            // Round caps and joins, or butt caps and mitre joins.
            let (cap, join) = match stroke.style {
                LineStyle::Round => (1.0, 1.0),
                LineStyle::Square => (0.0, 0.0),
            };
            c.op(&[cap], "J");
            c.op(&[join], "j");
        }
        let dash = stroke.dash.map(|(on, off)| (on.0, off.0));
        if self.dash != Some(dash) {
            self.dash = Some(dash);
            c.dash(dash);
        }
    }
}

/// A colour's components, from 0 to 1.
fn rgb(color: geom::Color) -> [f32; 3] {
    [color.r, color.g, color.b].map(|v| f32::from(v) / 255.0)
}
