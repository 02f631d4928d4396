//! Paints the props where `place` put them: floor, mat, bed, chair or
//! stool, counter, wall and towel, as plain furniture outlines in a warm
//! grey, apart from the cool grey of the far limbs. Also the solid parts
//! of the props, which limbs and the arrow keep out of.

use super::paint::{Bounds, Seg, WShape, circle, line, rect};
use super::place::{COUNTER_KICK, COUNTER_TOP, Layout, MAT_TOP, Towel};
use super::vec2::V2;
use crate::geom::Color;

/// Furniture outline (4.8:1 on white).
const LINE: Color = Color::rgb(0x78, 0x71, 0x6c);
/// Furniture fill.
const FILL: Color = Color::rgb(0xf7, 0xf6, 0xf4);
/// Mat, mattress and wall fill.
const SOFT: Color = Color::rgb(0xe9, 0xe6, 0xe2);
/// The floor line and the wall's face (10:1 on white).
const EDGE: Color = Color::rgb(0x44, 0x40, 0x3c);
/// Towel fill.
const TOWEL: Color = Color::rgb(0xdb, 0xea, 0xfe);
/// Furniture line width, in body heights.
const W: f64 = 0.008;
/// How far a counter reaches back from its front edge.
const COUNTER_DEPTH: f64 = 0.24;
/// How far the wall band reaches behind the wall's face.
pub(crate) const WALL_DEPTH: f64 = 0.045;

/// The props that stand or lie in the scene, behind the body. The floor and
/// wall come from [`edges`], once the drawing's extent is known.
pub(crate) fn furniture(layout: &Layout) -> Vec<WShape> {
    let mut out = Vec::new();
    let boxed = |l, b, r, t| {
        WShape::filled(rect(l, b, r, t), FILL)
            .with_stroke(LINE, W)
            .square()
    };
    if let Some((l, b, r, t)) = layout.plan_rect {
        out.push(WShape::filled(rect(l, b, r, t), SOFT).with_stroke(LINE, W));
    }
    if let Some((l, r)) = layout.mat {
        out.push(WShape::filled(rect(l, 0.0, r, MAT_TOP), SOFT).with_stroke(LINE, W * 0.6));
    }
    if let Some((l, r, top)) = layout.bed {
        let frame = top - 0.075;
        // Legs down to the floor, unless the picture is cut off under the
        // frame.
        if layout.cut.is_none() {
            for x in [l + 0.03, r - 0.06] {
                out.push(boxed(x, 0.0, x + 0.03, frame));
            }
        }
        out.push(boxed(l, frame - 0.045, r, frame));
        out.push(
            WShape::filled(rect(l, frame, r, top), SOFT)
                .with_stroke(LINE, W)
                .square(),
        );
    }
    if let Some((l, r, top, back)) = layout.seat {
        let thick = 0.03;
        out.push(boxed(r - 0.035, 0.0, r - 0.01, top - thick));
        if let Some(back_top) = back {
            out.push(boxed(l - 0.03, 0.0, l, back_top));
        } else {
            out.push(boxed(l + 0.01, 0.0, l + 0.035, top - thick));
        }
        out.push(boxed(
            l - if back.is_some() { 0.03 } else { 0.0 },
            top - thick,
            r,
            top,
        ));
    }
    if let Some(front) = layout.counter {
        let back = front + COUNTER_DEPTH;
        let (kick_depth, kick_height) = COUNTER_KICK;
        out.push(boxed(front + 0.015, kick_height, back, COUNTER_TOP - 0.035));
        out.push(boxed(front + kick_depth, 0.0, back, kick_height));
        out.push(boxed(front, COUNTER_TOP - 0.035, back, COUNTER_TOP));
        // A cupboard door with a handle.
        out.push(WShape::stroked(
            line(&[V2::new(front + 0.06, 0.1), V2::new(front + 0.06, 0.4)]),
            LINE,
            W,
        ));
    }
    if let Some(towel) = layout.towel {
        match towel {
            Towel::UnderFoot(l, r) => {
                let b = layout
                    .bed
                    .map_or(layout.support, |bed| bed.2.max(layout.support));
                let b = if layout.seat.is_some() {
                    layout.support
                } else {
                    b
                };
                out.push(
                    WShape::filled(rect(l, b, r, b + 0.012), TOWEL).with_stroke(LINE, W * 0.6),
                );
            }
            Towel::Roll(c) => {
                out.push(WShape::filled(circle(c, 0.03), TOWEL).with_stroke(LINE, W * 0.6));
                out.push(WShape::stroked(circle(c, 0.013), LINE, W * 0.6));
            }
        }
    }
    out
}

/// The floor line across the whole drawing and the wall from the floor to
/// the top, given the extent of everything else.
pub(crate) fn edges(layout: &Layout, b: &Bounds) -> Vec<WShape> {
    let mut out = Vec::new();
    if let Some(face) = layout.wall {
        let back = face + WALL_DEPTH;
        out.push(WShape::filled(rect(face, 0.0, back, b.top), SOFT));
        // Hatching behind the face marks a cut-through wall.
        let mut y = 0.0;
        while y < b.top {
            let (y0, y1) = (y, (y + WALL_DEPTH).min(b.top));
            let x1 = face + (y1 - y0);
            out.push(
                WShape::stroked(line(&[V2::new(face, y0), V2::new(x1, y1)]), LINE, W * 0.5)
                    .square(),
            );
            y += 0.05;
        }
        out.push(
            WShape::stroked(
                line(&[V2::new(face, 0.0), V2::new(face, b.top)]),
                EDGE,
                0.01,
            )
            .square(),
        );
    }
    if !layout.plan && layout.cut.is_none() {
        let path = vec![
            Seg::Move(V2::new(b.left, 0.0)),
            Seg::Line(V2::new(b.right, 0.0)),
        ];
        out.push(WShape::stroked(path, EDGE, 0.01).square());
    }
    out
}

/// The solid parts of the props, as boxes: what a limb may rest on but
/// not go through. With `thin`, the chair's seat and back too, which the
/// movement's arrow may cross (a plank in the background), but a limb
/// may not.
pub(crate) fn obstacles(layout: &Layout, thin: bool) -> Vec<Bounds> {
    let b = |left, bottom, right, top| Bounds {
        left,
        bottom,
        right,
        top,
    };
    let mut out = Vec::new();
    if let Some((l, r)) = layout.mat {
        out.push(b(l, 0.0, r, MAT_TOP));
    }
    if let Some((l, r, top)) = layout.bed {
        out.push(b(l, layout.cut.unwrap_or(0.0), r, top));
    }
    if let Some((l, r, top, back)) = layout.seat
        && thin
    {
        out.push(b(l, top - 0.03, r, top));
        if let Some(back_top) = back {
            out.push(b(l - 0.03, 0.0, l, back_top));
        }
    }
    if let Some(front) = layout.counter {
        let (kick_depth, kick_height) = COUNTER_KICK;
        out.push(b(front, kick_height, front + COUNTER_DEPTH, COUNTER_TOP));
        out.push(b(
            front + kick_depth,
            0.0,
            front + COUNTER_DEPTH,
            kick_height,
        ));
    }
    if let Some(face) = layout.wall {
        out.push(b(face, 0.0, face + WALL_DEPTH, f64::INFINITY));
    }
    out
}
