//! From a checked [`Pose`] to a drawing: pose a jointed body for each
//! frame, set it on the floor, bed or seat, place the props, bend the arms
//! to what the hands hold, work out the movement (the joint that moves
//! most, its arrow, the limb it moves) and the target bands, and paint it
//! all as a clean line drawing: one panel a frame, or the two side by
//! side, labelled.
//!
//! Both frames share one scale and one extent, so the start and end panels
//! line up and the site can fade one into the other.

mod body;
mod highlight;
mod motion;
mod paint;
mod place;
mod props;
mod vec2;

pub use body::{Limbs, Skeleton};
pub use motion::Motion;
pub use vec2::V2;

use super::pose::{Frame, Inks, Pose};
use super::vocab::Joint;
use crate::geom::{
    Color, Drawing, Label, LabelledDrawing, LineStyle, Point, Pt, Segment, Shape, Size, Stroke,
};
use body::{Capsule, Group};
use paint::{Bounds, Seg, WShape};
use place::Layout;

/// Space around the content, in body heights.
const MARGIN: f64 = 0.04;
/// A label's size, in body heights: a little larger on the wide panels of
/// a body lying down, so that it reads as well when the figure is fitted
/// to a column's width; the band above each panel that holds it is half
/// as high again.
const LABEL_SIZE: (f64, f64) = (0.065, 0.09);
const LABEL_BAND: f64 = 1.5;
/// The space between two panels, in body heights: a thin rule runs down
/// its middle.
const GAP: f64 = 0.08;
/// The rule between panels.
const RULE: Color = Color::rgb(0xcb, 0xd5, 0xe1);

/// A pose worked out for both frames: bodies placed, props laid out, the
/// movement found.
#[derive(Debug, Clone)]
pub struct Scene {
    layout: Layout,
    frames: [Skeleton; 2],
    posture: super::vocab::Posture,
    /// Whether the two frames differ: the figure then has two panels.
    moves: bool,
    motion: Option<Motion>,
    /// The groups drawn with a heavier outline.
    moving: Vec<Group>,
    /// The target bands of each frame.
    bands: [Vec<(Group, Capsule)>; 2],
    /// The arrow's line and head, in the end frame.
    arrow: Option<(Vec<Seg>, Vec<Seg>)>,
    /// The extent of a panel (both frames, the props, the arrow), margin
    /// included.
    bounds: Bounds,
}

impl Scene {
    /// Works out both frames of a pose.
    pub fn new(pose: &Pose) -> Scene {
        let (layout, frames) = place::arrange(pose);
        let motion = pose
            .moves()
            .then(|| motion::main_motion(pose, &frames))
            .flatten();
        let moving = motion
            .map(|m| motion::moving_groups(pose.posture, &m, &frames))
            .unwrap_or_default();
        let floor = (!layout.plan).then_some(layout.support);
        let arrow = motion
            .and_then(|m| motion::arrow(&m, &frames, &props::obstacles(&layout, false), floor));
        let bands = frames
            .each_ref()
            .map(|f| highlight::bands(f, &pose.targets));
        let mut scene = Scene {
            layout,
            frames,
            posture: pose.posture,
            moves: pose.moves(),
            motion,
            moving,
            bands,
            arrow,
            bounds: Bounds::EMPTY,
        };
        scene.bounds = scene.extent();
        scene
    }

    /// The placed joint positions of a frame, in body heights, y up, the
    /// floor at y = 0.
    pub fn skeleton(&self, frame: Frame) -> &Skeleton {
        match frame {
            Frame::Start => &self.frames[0],
            Frame::End => &self.frames[1],
        }
    }

    /// A joint's angle as drawn in a frame (after hands and feet are
    /// placed), in the terms of the vocabulary.
    pub fn measured(&self, frame: Frame, joint: Joint) -> f64 {
        body::measured(self.skeleton(frame), self.posture, joint)
    }

    /// The main movement, if the pose moves.
    pub fn motion(&self) -> Option<Motion> {
        self.motion
    }

    /// True if the two frames differ: the figure shows both. (A change
    /// too small to see gets no arrow.)
    pub fn moves(&self) -> bool {
        self.moves
    }

    /// The lowest point the body reaches in a frame, outline excluded.
    pub fn lowest_point(&self, frame: Frame) -> f64 {
        body::bottom(self.skeleton(frame))
    }

    /// The rightmost point the body reaches in a frame, outline excluded.
    pub fn foremost_point(&self, frame: Frame) -> f64 {
        body::parts(self.skeleton(frame))
            .iter()
            .map(|(_, c)| c.right())
            .fold(f64::NEG_INFINITY, f64::max)
    }

    /// How deep, in body heights, any part of the body goes into a prop
    /// (the bed, the chair's seat or back, the counter, the wall) in a
    /// frame: 0 when every part stays out or only rests on one.
    pub fn intrusion(&self, frame: Frame) -> f64 {
        let parts = body::parts(self.skeleton(frame));
        let mut deepest: f64 = 0.0;
        for b in props::obstacles(&self.layout, true) {
            for (_, c) in &parts {
                // How far the part reaches in from each side of the box;
                // it is inside only as deep as the least of them.
                let depth = (c.right() - b.left)
                    .min(b.right - c.left())
                    .min(c.top() - b.bottom)
                    .min(b.top - c.bottom());
                deepest = deepest.max(depth);
            }
        }
        deepest
    }

    /// The x of the wall's face, if there is a wall.
    pub fn wall(&self) -> Option<f64> {
        self.layout.wall
    }

    /// Where the arrow starts and ends (body heights, y up), if there is
    /// one.
    pub fn arrow_ends(&self) -> Option<(V2, V2)> {
        let (line, head) = self.arrow.as_ref()?;
        let start = match line.first()? {
            Seg::Move(p) => *p,
            _ => return None,
        };
        let tip = match head.first()? {
            Seg::Move(p) => *p,
            _ => return None,
        };
        Some((start, tip))
    }

    /// The extent of everything either panel draws, with a margin.
    fn extent(&self) -> Bounds {
        let mut b = Bounds::EMPTY;
        let bodies = self
            .frames
            .iter()
            .flat_map(|f| paint::body_shapes(f, &self.moving, &[], Color::WHITE));
        for s in props::furniture(&self.layout)
            .iter()
            .chain(bodies.collect::<Vec<_>>().iter())
        {
            b.add(s);
        }
        for s in self.arrow_shapes(&Inks::default()) {
            b.add(&s);
        }
        if let Some(face) = self.layout.wall {
            b.right = b.right.max(face + props::WALL_DEPTH);
        }
        if !self.layout.plan {
            b.bottom = b.bottom.min(self.layout.cut.unwrap_or(0.0));
        }
        Bounds {
            left: b.left - MARGIN,
            bottom: b.bottom - MARGIN,
            right: b.right + MARGIN,
            top: b.top + MARGIN,
        }
    }

    /// The arrow, painted.
    fn arrow_shapes(&self, inks: &Inks) -> Vec<WShape> {
        let Some((line, head)) = &self.arrow else {
            return Vec::new();
        };
        vec![
            WShape::stroked(line.clone(), inks.accent, motion::ARROW_WIDTH),
            WShape::filled(head.clone(), inks.accent),
        ]
    }

    /// A panel's shapes in body units: floor and wall, furniture, the
    /// body with its target bands, and, at the end, the arrow.
    fn panel_shapes(&self, frame: Frame, inks: &Inks) -> Vec<WShape> {
        let index = match frame {
            Frame::Start => 0,
            Frame::End => 1,
        };
        let mut out = props::edges(&self.layout, &self.bounds);
        out.extend(props::furniture(&self.layout));
        out.extend(paint::body_shapes(
            &self.frames[index],
            &self.moving,
            &self.bands[index],
            inks.highlight,
        ));
        if frame == Frame::End {
            out.extend(self.arrow_shapes(inks));
        }
        out
    }

    /// The size of one panel, in points.
    fn panel_size(&self) -> Size {
        let b = &self.bounds;
        Size::new(
            Pt(((b.right - b.left) * paint::SCALE) as f32),
            Pt(((b.top - b.bottom) * paint::SCALE) as f32),
        )
    }

    /// One frame alone, with its props, bands and (at the end) arrow.
    pub fn panel(&self, frame: Frame, inks: &Inks) -> Drawing {
        Drawing {
            size: self.panel_size(),
            shapes: paint::to_drawing(
                &self.panel_shapes(frame, inks),
                self.bounds.left,
                self.bounds.top,
            ),
        }
    }

    /// The figure: the start and end panels side by side, labelled
    /// `labels`, or the end panel alone, unlabelled, for a pose that does
    /// not move.
    pub fn panels(&self, inks: &Inks, labels: [&str; 2]) -> LabelledDrawing {
        if !self.moves() {
            return LabelledDrawing {
                drawing: self.panel(Frame::End, inks),
                labels: Vec::new(),
            };
        }
        let panel = self.panel_size();
        let scale = paint::SCALE as f32;
        let width = 2.0 * (self.bounds.right - self.bounds.left) + GAP;
        let label = (0.032 * width).clamp(LABEL_SIZE.0, LABEL_SIZE.1) as f32 * scale;
        let (band, gap) = (label * LABEL_BAND as f32, GAP as f32 * scale);
        let size = Size::new(Pt(2.0 * panel.width.0 + gap), Pt(band + panel.height.0));
        let mut shapes = Vec::new();
        let mut placed = Vec::new();
        for (i, frame) in [Frame::Start, Frame::End].into_iter().enumerate() {
            let x = i as f32 * (panel.width.0 + gap);
            // The panel's origin at its corner, under its label's band.
            let left = self.bounds.left - f64::from(x) / paint::SCALE;
            let top = self.bounds.top + f64::from(band) / paint::SCALE;
            shapes.extend(paint::to_drawing(
                &self.panel_shapes(frame, inks),
                left,
                top,
            ));
            placed.push(Label {
                text: labels[i].to_string(),
                at: Point::new(Pt(x + label * 0.2), Pt(band * 0.78)),
                size: Pt(label),
                color: paint::INK,
            });
        }
        // A thin rule between the panels.
        let x = Pt(panel.width.0 + gap / 2.0);
        shapes.push(Shape {
            segments: vec![
                Segment::MoveTo(Point::new(x, Pt(band * 0.2))),
                Segment::LineTo(Point::new(x, size.height)),
            ]
            .into(),
            fill: None,
            stroke: Some(Stroke {
                color: RULE,
                width: Pt(1.2),
                style: LineStyle::Square,
                dash: None,
            }),
        });
        LabelledDrawing {
            drawing: Drawing { size, shapes },
            labels: placed,
        }
    }
}
