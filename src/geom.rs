//! Geometry shared by every drawing stage: units, points, colours and vector
//! shapes.
//!
//! Everything here uses one coordinate system: points (1/72 inch), origin at
//! the top left, y growing downwards, as on a printed page and in SVG. Only
//! the `pdf` module flips y, because PDF puts its origin at the bottom left.

use std::ops::{Add, AddAssign, Div, Mul, Neg, Sub, SubAssign};
use std::sync::Arc;

/// A length in PostScript points (1/72 inch).
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Default)]
pub struct Pt(pub f32);

/// A length in millimetres; converted to [`Pt`] before any layout maths.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Default)]
pub struct Mm(pub f32);

impl From<Mm> for Pt {
    fn from(mm: Mm) -> Pt {
        Pt(mm.0 * 72.0 / 25.4)
    }
}

impl From<Pt> for Mm {
    fn from(pt: Pt) -> Mm {
        Mm(pt.0 * 25.4 / 72.0)
    }
}

impl Pt {
    /// Zero length.
    pub const ZERO: Pt = Pt(0.0);

    /// The larger of two lengths.
    pub fn max(self, other: Pt) -> Pt {
        Pt(self.0.max(other.0))
    }

    /// The smaller of two lengths.
    pub fn min(self, other: Pt) -> Pt {
        Pt(self.0.min(other.0))
    }
}

impl Add for Pt {
    type Output = Pt;
    fn add(self, o: Pt) -> Pt {
        Pt(self.0 + o.0)
    }
}
impl AddAssign for Pt {
    fn add_assign(&mut self, o: Pt) {
        self.0 += o.0;
    }
}
impl Sub for Pt {
    type Output = Pt;
    fn sub(self, o: Pt) -> Pt {
        Pt(self.0 - o.0)
    }
}
impl SubAssign for Pt {
    fn sub_assign(&mut self, o: Pt) {
        self.0 -= o.0;
    }
}
impl Neg for Pt {
    type Output = Pt;
    fn neg(self) -> Pt {
        Pt(-self.0)
    }
}
impl Mul<f32> for Pt {
    type Output = Pt;
    fn mul(self, k: f32) -> Pt {
        Pt(self.0 * k)
    }
}
impl Div<f32> for Pt {
    type Output = Pt;
    fn div(self, k: f32) -> Pt {
        Pt(self.0 / k)
    }
}

/// A position: x to the right, y downwards, both from the top left.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Point {
    /// Distance from the left edge.
    pub x: Pt,
    /// Distance from the top edge.
    pub y: Pt,
}

impl Point {
    /// A point from two lengths.
    pub fn new(x: Pt, y: Pt) -> Point {
        Point { x, y }
    }
}

/// A width and a height.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Size {
    /// Horizontal extent.
    pub width: Pt,
    /// Vertical extent.
    pub height: Pt,
}

impl Size {
    /// A size from two lengths.
    pub fn new(width: Pt, height: Pt) -> Size {
        Size { width, height }
    }
}

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Color {
    /// Red, 0-255.
    pub r: u8,
    /// Green, 0-255.
    pub g: u8,
    /// Blue, 0-255.
    pub b: u8,
}

impl Color {
    /// A colour from its three channels.
    pub const fn rgb(r: u8, g: u8, b: u8) -> Color {
        Color { r, g, b }
    }

    /// Black.
    pub const BLACK: Color = Color::rgb(0, 0, 0);
    /// White.
    pub const WHITE: Color = Color::rgb(255, 255, 255);

    /// `#rrggbb`, as SVG and CSS write it.
    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.r, self.g, self.b)
    }
}

/// One piece of a vector path.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Segment {
    /// Start a new sub-path here.
    MoveTo(Point),
    /// A straight line to this point.
    LineTo(Point),
    /// A cubic Bézier curve: two control points, then the end point.
    CubicTo(Point, Point, Point),
    /// Close the current sub-path back to its start.
    Close,
}

/// How a shape's outline ends and joins: rounded suits line drawings of
/// people, square suits rules and boxes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LineStyle {
    /// Round caps and round joins.
    #[default]
    Round,
    /// Butt caps and mitre joins.
    Square,
}

/// A stroke: colour, width and line style.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Stroke {
    /// Line colour.
    pub color: Color,
    /// Line width.
    pub width: Pt,
    /// Caps and joins.
    pub style: LineStyle,
    /// Dash length and gap, or `None` for a solid line.
    pub dash: Option<(Pt, Pt)>,
}

/// A filled and/or stroked vector path.
#[derive(Debug, Clone, PartialEq)]
pub struct Shape {
    /// The outline, in the coordinates of whatever holds the shape.
    /// Shared: a checklist draws the same tick box hundreds of thousands
    /// of times, each a clone of one outline.
    pub segments: Arc<[Segment]>,
    /// Fill colour, if filled.
    pub fill: Option<Color>,
    /// Outline, if stroked.
    pub stroke: Option<Stroke>,
}

impl Shape {
    /// A rectangle path with its top left corner at `origin`.
    pub fn rect(origin: Point, size: Size) -> Vec<Segment> {
        let Point { x, y } = origin;
        vec![
            Segment::MoveTo(Point::new(x, y)),
            Segment::LineTo(Point::new(x + size.width, y)),
            Segment::LineTo(Point::new(x + size.width, y + size.height)),
            Segment::LineTo(Point::new(x, y + size.height)),
            Segment::Close,
        ]
    }

    /// A circle path, drawn as four Bézier quarter arcs.
    pub fn circle(center: Point, radius: Pt) -> Vec<Segment> {
        // The standard constant for approximating a quarter circle.
        const K: f32 = 0.552_284_8;
        let (cx, cy, r) = (center.x.0, center.y.0, radius.0);
        let p = |x: f32, y: f32| Point::new(Pt(x), Pt(y));
        let k = r * K;
        vec![
            Segment::MoveTo(p(cx + r, cy)),
            Segment::CubicTo(p(cx + r, cy + k), p(cx + k, cy + r), p(cx, cy + r)),
            Segment::CubicTo(p(cx - k, cy + r), p(cx - r, cy + k), p(cx - r, cy)),
            Segment::CubicTo(p(cx - r, cy - k), p(cx - k, cy - r), p(cx, cy - r)),
            Segment::CubicTo(p(cx + k, cy - r), p(cx + r, cy - k), p(cx + r, cy)),
            Segment::Close,
        ]
    }
}

/// A vector picture with its own coordinate box, from (0, 0) to `size`.
/// The exercise figures are drawings; the site writes them as SVG and the
/// PDF as paths.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Drawing {
    /// The extent of the drawing's coordinates.
    pub size: Size,
    /// Shapes, painted in order (later shapes on top).
    pub shapes: Vec<Shape>,
}

/// A short text set on a drawing, like a figure panel's "Start": each
/// output sets it in its own type (the PDF in its font, the site as SVG
/// text), at the drawing's scale.
#[derive(Debug, Clone, PartialEq)]
pub struct Label {
    /// The words.
    pub text: String,
    /// The left end of its baseline, in the drawing's coordinates.
    pub at: Point,
    /// Its font size, in the drawing's units.
    pub size: Pt,
    /// Its colour.
    pub color: Color,
}

/// A drawing with labels on it: a figure's panels with their "Start" and
/// "End".
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LabelledDrawing {
    /// The picture.
    pub drawing: Drawing,
    /// The labels, set over the picture.
    pub labels: Vec<Label>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn millimetres_convert_to_points() {
        let a4_width: Pt = Mm(210.0).into();
        assert!((a4_width.0 - 595.28).abs() < 0.01);
    }

    #[test]
    fn circle_starts_and_ends_at_the_same_point() {
        let c = Shape::circle(Point::new(Pt(10.0), Pt(10.0)), Pt(5.0));
        assert_eq!(
            c.first(),
            Some(&Segment::MoveTo(Point::new(Pt(15.0), Pt(10.0))))
        );
        assert_eq!(c.last(), Some(&Segment::Close));
    }
}
