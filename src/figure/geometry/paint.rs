//! Paths in body units and the painting of bodies: rounded parts outlined
//! as one silhouette per limb, the far side lighter, a faint ghost for the
//! start frame, and the movement arrow. Also the final conversion from body
//! units (y up) to the drawing's points (y down).

use std::f64::consts::PI;

use super::body::{self, Capsule, Group, Skeleton};
use super::vec2::V2;
use crate::geom::{Color, LineStyle, Point, Pt, Segment, Shape, Stroke};

/// Points per body height in the finished drawing.
pub(crate) const SCALE: f64 = 150.0;
/// Outline width, in body heights.
const OUTLINE: f64 = 0.011;

/// Dark outline for the body and near limbs (16:1 on white).
pub(crate) const INK: Color = Color::rgb(0x1e, 0x29, 0x3b);
/// Outline of the far limbs (4.8:1 on white).
const FAR_INK: Color = Color::rgb(0x64, 0x74, 0x8b);
/// Fill of the far limbs.
const FAR_FILL: Color = Color::rgb(0xe2, 0xe8, 0xf0);
/// Outline of the start frame's ghost: deliberately faint.
const GHOST_INK: Color = Color::rgb(0xa8, 0xb4, 0xc4);
/// The movement arrow (5.2:1 on white).
const ACCENT: Color = Color::rgb(0x25, 0x63, 0xeb);

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
    let at = |a: f64| c + V2::new(a.cos(), a.sin()) * r;
    let tangent = |a: f64| V2::new(-a.sin(), a.cos()) * r;
    if path.is_empty() {
        path.push(Seg::Move(at(from)));
    } else {
        path.push(Seg::Line(at(from)));
    }
    let n = ((to - from) / (PI / 2.0)).ceil().max(1.0) as usize;
    let step = (to - from) / n as f64;
    let k = 4.0 / 3.0 * (step / 4.0).tan();
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

/// The outline of a capsule: two circles joined by their outer tangents.
fn capsule(c: &Capsule) -> Vec<Seg> {
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

/// How a body is coloured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Look {
    /// The frame itself.
    Solid,
    /// The faint start frame behind the end frame.
    Ghost,
}

/// Paints a body. Each group is outlined first (a dark fill with a thick
/// stroke) and filled second, so its parts merge into one silhouette while
/// a near limb still shows its outline over the trunk.
pub(crate) fn body_shapes(sk: &Skeleton, look: Look) -> Vec<WShape> {
    let parts = body::parts(sk);
    let mut out = Vec::new();
    for group in Group::ALL {
        let (ink, fill) = match (look, group.is_far()) {
            (Look::Ghost, _) => (GHOST_INK, Color::WHITE),
            (Look::Solid, true) => (FAR_INK, FAR_FILL),
            (Look::Solid, false) => (INK, Color::WHITE),
        };
        let paths: Vec<_> = parts
            .iter()
            .filter(|(g, _)| *g == group)
            .map(|(_, c)| capsule(c))
            .collect();
        for p in &paths {
            out.push(WShape::filled(p.clone(), ink).with_stroke(ink, 2.0 * OUTLINE));
        }
        for p in paths {
            out.push(WShape::filled(p, fill));
        }
    }
    out
}

/// A curved arrow from the start to the end of the movement of whichever
/// body point moves most, bowed away from the body and kept above the
/// `floor`, if there is one.
pub(crate) fn arrow(start: &Skeleton, end: &Skeleton, floor: Option<f64>) -> Vec<WShape> {
    // Knees and elbows show a movement best, so they count a little more
    // than hands and feet that swing further with them. A heel rising while
    // the toes stay put is the whole point of a heel raise.
    let toes_still = (end.near.toe - start.near.toe).len() < 0.01;
    let landmarks = |s: &Skeleton| {
        [
            (s.near.knee, 1.3),
            (s.near.elbow, 1.6),
            (s.near.hand, 1.0),
            (s.near.ankle, 1.0),
            (s.near.heel, if toes_still { 2.0 } else { 1.0 }),
            (s.far.knee, 1.3),
            (s.far.ankle, 1.0),
            (s.head, 1.0),
        ]
    };
    let score = |((a, w), (b, _)): &((V2, f64), (V2, f64))| (*b - *a).len() * w;
    let Some(((from, _), (to, _))) = landmarks(start)
        .into_iter()
        .zip(landmarks(end))
        .max_by(|a, b| score(a).total_cmp(&score(b)))
    else {
        return Vec::new();
    };
    let moved = to - from;
    if moved.len() < 0.03 {
        return Vec::new();
    }
    let dir = moved.unit();
    let mid = from + moved * 0.5;
    let half = (moved.len() * 0.5).max(0.09);
    // Bow away from the body's centre if that is clear of the body and the
    // floor, otherwise to the other side, whichever crosses the body less.
    let centre = end.hip + (end.shoulder - end.hip) * 0.5;
    let mut away = dir.perp();
    if away.dot(mid - centre) < 0.0 {
        away = -away;
    }
    let parts: Vec<_> = body::parts(end)
        .into_iter()
        .chain(body::parts(start))
        .collect();
    let curve = |out: V2| {
        let (mut a, mut b) = (mid - dir * half + out * 0.12, mid + dir * half + out * 0.12);
        let bow = out * (half * 0.45);
        let (mut c1, mut c2) = (a + dir * (half * 0.5) + bow, b - dir * (half * 0.5) + bow);
        if let Some(floor) = floor {
            let low = [a, b, c1, c2]
                .iter()
                .map(|p| p.y)
                .fold(f64::INFINITY, f64::min);
            let lift = V2::new(0.0, (floor + 0.03 - low).max(0.0));
            (a, b, c1, c2) = (a + lift, b + lift, c1 + lift, c2 + lift);
        }
        let crossings = (0..=16)
            .map(|i| bezier(a, c1, c2, b, f64::from(i) / 16.0))
            .filter(|&p| parts.iter().any(|(_, c)| c.distance(p) < 0.015))
            .count();
        (crossings, [a, c1, c2, b])
    };
    let (near_side, far_side) = (curve(away), curve(-away));
    let [a, c1, c2, b] = if far_side.0 < near_side.0 {
        far_side.1
    } else {
        near_side.1
    };
    let head_dir = (b - c2).unit();
    let size = 0.035;
    let tip = b + head_dir * (size * 0.5);
    let back = tip - head_dir * size;
    let head = vec![
        Seg::Move(tip),
        Seg::Line(back + head_dir.perp() * (size * 0.45)),
        Seg::Line(back - head_dir.perp() * (size * 0.45)),
        Seg::Close,
    ];
    vec![
        WShape::stroked(vec![Seg::Move(a), Seg::Cubic(c1, c2, back)], ACCENT, 0.012),
        WShape::filled(head, ACCENT),
    ]
}

/// A point on a cubic Bézier curve.
fn bezier(a: V2, c1: V2, c2: V2, b: V2, t: f64) -> V2 {
    let u = 1.0 - t;
    a * (u * u * u) + c1 * (3.0 * u * u * t) + c2 * (3.0 * u * t * t) + b * (t * t * t)
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
