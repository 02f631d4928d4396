//! Paths in body units and the painting of bodies: rounded parts outlined
//! as one silhouette per limb, the far side pale, the moving limb's
//! outline heavier, the target parts tinted. Also the final conversion
//! from body units (y up) to the drawing's points (y down).

use std::f64::consts::PI;

use super::body::{self, Capsule, Group, Skeleton};
use super::vec2::V2;
use crate::geom::{Color, LineStyle, Point, Pt, Segment, Shape, Stroke};

/// Points per body height in the finished drawing.
pub(crate) const SCALE: f64 = 150.0;
/// Outline width, in body heights.
const OUTLINE: f64 = 0.011;
/// The outline of the limb that moves: heavier, so the eye finds it.
const MOVING_OUTLINE: f64 = 0.019;

/// Dark outline for the body and near limbs (16:1 on white).
pub(crate) const INK: Color = Color::rgb(0x1e, 0x29, 0x3b);
/// Outline of the far limbs (4.8:1 on white).
const FAR_INK: Color = Color::rgb(0x64, 0x74, 0x8b);
/// Fill of the far limbs: grey, and only they are grey.
const FAR_FILL: Color = Color::rgb(0xd5, 0xdc, 0xe4);

/// One piece of a path in body units.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Seg {
    Move(V2),
    Line(V2),
    Cubic(V2, V2, V2),
    Close,
}

/// A filled and/or stroked path in body units.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct WShape {
    pub(crate) path: Vec<Seg>,
    pub(crate) fill: Option<Color>,
    /// Colour and width in body heights.
    pub(crate) stroke: Option<(Color, f64)>,
    pub(crate) style: LineStyle,
}

impl WShape {
    pub(crate) fn filled(path: Vec<Seg>, fill: Color) -> WShape {
        WShape {
            path,
            fill: Some(fill),
            stroke: None,
            style: LineStyle::Round,
        }
    }

    pub(crate) fn stroked(path: Vec<Seg>, color: Color, width: f64) -> WShape {
        WShape {
            path,
            fill: None,
            stroke: Some((color, width)),
            style: LineStyle::Round,
        }
    }

    /// The same shape with an outline too.
    pub(crate) fn with_stroke(mut self, color: Color, width: f64) -> WShape {
        self.stroke = Some((color, width));
        self
    }

    /// Square caps and mitred joins, for furniture.
    pub(crate) fn square(mut self) -> WShape {
        self.style = LineStyle::Square;
        self
    }
}

/// An axis-aligned box in body units.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Bounds {
    pub(crate) left: f64,
    pub(crate) bottom: f64,
    pub(crate) right: f64,
    pub(crate) top: f64,
}

impl Bounds {
    pub(crate) const EMPTY: Bounds = Bounds {
        left: f64::INFINITY,
        bottom: f64::INFINITY,
        right: f64::NEG_INFINITY,
        top: f64::NEG_INFINITY,
    };

    /// Grows the box to hold a shape, control points and stroke included.
    pub(crate) fn add(&mut self, shape: &WShape) {
        let pad = shape.stroke.map_or(0.0, |(_, w)| w / 2.0);
        for seg in &shape.path {
            let pts: &[V2] = match seg {
                Seg::Move(p) | Seg::Line(p) => std::slice::from_ref(p),
                Seg::Cubic(a, b, c) => &[*a, *b, *c],
                Seg::Close => &[],
            };
            for p in pts {
                self.left = self.left.min(p.x - pad);
                self.right = self.right.max(p.x + pad);
                self.bottom = self.bottom.min(p.y - pad);
                self.top = self.top.max(p.y + pad);
            }
        }
    }
}

impl Bounds {
    /// Whether a point lies inside the box grown by `margin`.
    pub(crate) fn contains(&self, p: V2, margin: f64) -> bool {
        p.x > self.left - margin
            && p.x < self.right + margin
            && p.y > self.bottom - margin
            && p.y < self.top + margin
    }
}

/// A rectangle path from its left, bottom, right and top.
pub(crate) fn rect(left: f64, bottom: f64, right: f64, top: f64) -> Vec<Seg> {
    vec![
        Seg::Move(V2::new(left, bottom)),
        Seg::Line(V2::new(right, bottom)),
        Seg::Line(V2::new(right, top)),
        Seg::Line(V2::new(left, top)),
        Seg::Close,
    ]
}

/// A polyline path.
pub(crate) fn line(points: &[V2]) -> Vec<Seg> {
    points
        .iter()
        .enumerate()
        .map(|(i, &p)| if i == 0 { Seg::Move(p) } else { Seg::Line(p) })
        .collect()
}

/// Appends an anticlockwise arc of a circle as cubic Béziers, from angle
/// `from` to `to` (radians, `to` > `from`), starting with a line to its
/// first point unless `path` is empty.
fn arc(path: &mut Vec<Seg>, c: V2, r: f64, from: f64, to: f64) {
    append_arc(path, c, r, from.to_degrees(), (to - from).to_degrees());
}

/// Appends an arc about `c` of radius `r`, from `from` degrees through
/// `sweep` degrees (negative: clockwise), as cubic Béziers of at most a
/// quarter turn, starting with a line to its first point unless `path` is
/// empty.
fn append_arc(path: &mut Vec<Seg>, c: V2, r: f64, from: f64, sweep: f64) {
    let at = |a: f64| c + V2::polar(r, a);
    if path.is_empty() {
        path.push(Seg::Move(at(from)));
    } else {
        path.push(Seg::Line(at(from)));
    }
    let n = (sweep.abs() / 90.0).ceil().max(1.0) as usize;
    let step = sweep / n as f64;
    // The control points lie along the tangents, k of the radius away.
    let k = 4.0 / 3.0 * (step.to_radians() / 4.0).tan() * r;
    let tangent = |a: f64| V2::polar(1.0, a + 90.0);
    for i in 0..n {
        let (a0, a1) = (from + step * i as f64, from + step * (i + 1) as f64);
        path.push(Seg::Cubic(
            at(a0) + tangent(a0) * k,
            at(a1) - tangent(a1) * k,
            at(a1),
        ));
    }
}

/// A circle path.
pub(crate) fn circle(c: V2, r: f64) -> Vec<Seg> {
    let mut path = Vec::new();
    arc(&mut path, c, r, 0.0, 2.0 * PI);
    path.push(Seg::Close);
    path
}

/// An arc about `c` of radius `r`, from `from` degrees through `sweep`
/// degrees (negative: clockwise), as cubic Béziers.
pub(crate) fn arc_path(c: V2, r: f64, from: f64, sweep: f64) -> Vec<Seg> {
    let mut path = Vec::new();
    append_arc(&mut path, c, r, from, sweep);
    path
}

/// The outline of a capsule: two circles joined by their outer tangents.
pub(crate) fn capsule(c: &Capsule) -> Vec<Seg> {
    let d = (c.b - c.a).len();
    if d + c.ra.min(c.rb) <= c.ra.max(c.rb) + 1e-9 {
        let (p, r) = if c.ra >= c.rb {
            (c.a, c.ra)
        } else {
            (c.b, c.rb)
        };
        return circle(p, r);
    }
    let theta = (c.b - c.a).angle().to_radians();
    let phi = ((c.ra - c.rb) / d).clamp(-1.0, 1.0).acos();
    let mut path = Vec::new();
    arc(&mut path, c.a, c.ra, theta + phi, theta + 2.0 * PI - phi);
    arc(&mut path, c.b, c.rb, theta - phi, theta + phi);
    path.push(Seg::Close);
    path
}

/// Paints a body. Each group is outlined first (a dark fill with a thick
/// stroke) and filled second, so its parts merge into one silhouette while
/// a near limb still shows its outline over the trunk; then the target
/// bands that lie on it. The groups in `moving` get a heavier outline.
pub(crate) fn body_shapes(
    sk: &Skeleton,
    moving: &[Group],
    bands: &[(Group, Capsule)],
    highlight: Color,
) -> Vec<WShape> {
    let parts = body::parts(sk);
    let mut out = Vec::new();
    for group in Group::ALL {
        let (ink, fill) = if group.is_far() {
            (FAR_INK, FAR_FILL)
        } else {
            (INK, Color::WHITE)
        };
        let width = if moving.contains(&group) {
            MOVING_OUTLINE
        } else {
            OUTLINE
        };
        let paths: Vec<_> = parts
            .iter()
            .filter(|(g, _)| *g == group)
            .map(|(_, c)| capsule(c))
            .collect();
        for p in &paths {
            out.push(WShape::filled(p.clone(), ink).with_stroke(ink, 2.0 * width));
        }
        for p in paths {
            out.push(WShape::filled(p, fill));
        }
        for (_, band) in bands.iter().filter(|(g, _)| *g == group) {
            out.push(WShape::filled(capsule(band), highlight));
        }
    }
    out
}

/// Converts body-unit shapes (y up) into drawing shapes (points, y down),
/// the body-unit point (`left`, `top`) becoming the drawing's (0, 0).
pub(crate) fn to_drawing(shapes: &[WShape], left: f64, top: f64) -> Vec<Shape> {
    let pt = |p: V2| {
        Point::new(
            Pt(((p.x - left) * SCALE) as f32),
            Pt(((top - p.y) * SCALE) as f32),
        )
    };
    shapes
        .iter()
        .map(|s| Shape {
            segments: s
                .path
                .iter()
                .map(|seg| match *seg {
                    Seg::Move(p) => Segment::MoveTo(pt(p)),
                    Seg::Line(p) => Segment::LineTo(pt(p)),
                    Seg::Cubic(a, b, c) => Segment::CubicTo(pt(a), pt(b), pt(c)),
                    Seg::Close => Segment::Close,
                })
                .collect(),
            fill: s.fill,
            stroke: s.stroke.map(|(color, width)| Stroke {
                color,
                width: Pt((width * SCALE) as f32),
                style: s.style,
                dash: None,
            }),
        })
        .collect()
}
