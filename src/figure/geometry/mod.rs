//! From a checked [`Pose`] to a [`Drawing`]: pose a jointed body for each
//! frame, set it on the floor, bed or seat, place the props, bend the arms
//! to what the hands hold, and paint it all as a clean line drawing.
//!
//! Both frames share one scale and one viewbox, so the start and end
//! drawings line up and can be cross-faded.

mod body;
mod paint;
mod place;
mod props;
mod vec2;

pub use body::{Limbs, Skeleton};
pub use vec2::V2;

use crate::figure::{Frame, Pose};
use crate::geom::{Drawing, Pt, Shape, Size};
use paint::{Bounds, Look, WShape};
use place::Layout;

/// Space around the content, in body heights.
const MARGIN: f64 = 0.04;

/// A pose worked out for both frames: bodies placed and props laid out.
#[derive(Debug, Clone)]
pub struct Scene {
    layout: Layout,
    frames: [Skeleton; 2],
    moves: bool,
}

/// The pieces of a scene as drawing shapes, all in one coordinate box, so
/// the SVG writer can group and animate them.
#[derive(Debug, Clone, PartialEq)]
pub struct Layers {
    /// The extent shared by all layers.
    pub size: Size,
    /// Floor, wall and furniture, behind everything.
    pub props: Vec<Shape>,
    /// The start frame's body.
    pub start: Vec<Shape>,
    /// The end frame's body.
    pub end: Vec<Shape>,
    /// The start frame's body as a faint ghost.
    pub ghost: Vec<Shape>,
    /// An arrow along the main movement; empty for a still pose.
    pub arrow: Vec<Shape>,
}

impl Scene {
    /// Works out both frames of a pose.
    pub fn new(pose: &Pose) -> Scene {
        let (layout, frames) = place::arrange(pose);
        Scene {
            layout,
            frames,
            moves: pose.moves(),
        }
    }

    /// The placed joint positions of a frame, in body heights, y up, the
    /// floor at y = 0.
    pub fn skeleton(&self, frame: Frame) -> &Skeleton {
        match frame {
            Frame::Start => &self.frames[0],
            Frame::End => &self.frames[1],
        }
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

    /// The x of the wall's face, if there is a wall.
    pub fn wall(&self) -> Option<f64> {
        self.layout.wall
    }

    /// True if the two frames differ.
    pub fn moves(&self) -> bool {
        self.moves
    }

    /// Every layer, sized to fit all of them with a margin.
    pub fn layers(&self) -> Layers {
        let furniture = props::furniture(&self.layout);
        let [start, end] = self
            .frames
            .each_ref()
            .map(|f| paint::body_shapes(f, Look::Solid));
        let ghost = paint::body_shapes(&self.frames[0], Look::Ghost);
        let floor = (!self.layout.plan).then_some(self.layout.support);
        let arrow = if self.moves {
            paint::arrow(&self.frames[0], &self.frames[1], floor)
        } else {
            Vec::new()
        };

        let mut b = Bounds::EMPTY;
        for s in furniture.iter().chain(&start).chain(&end).chain(&arrow) {
            b.add(s);
        }
        if let Some(face) = self.layout.wall {
            b.right = b.right.max(face + props::WALL_DEPTH);
        }
        if !self.layout.plan {
            b.bottom = b.bottom.min(0.0);
        }
        let b = Bounds {
            left: b.left - MARGIN,
            bottom: b.bottom - MARGIN,
            right: b.right + MARGIN,
            top: b.top + MARGIN,
        };
        let mut back = props::edges(&self.layout, &b);
        back.extend(furniture);

        let convert = |shapes: &[WShape]| paint::to_drawing(shapes, b.left, b.top);
        Layers {
            size: Size::new(
                Pt(((b.right - b.left) * paint::SCALE) as f32),
                Pt(((b.top - b.bottom) * paint::SCALE) as f32),
            ),
            props: convert(&back),
            start: convert(&start),
            end: convert(&end),
            ghost: convert(&ghost),
            arrow: convert(&arrow),
        }
    }

    /// One frame with its props.
    pub fn drawing(&self, frame: Frame) -> Drawing {
        let mut l = self.layers();
        l.props.append(match frame {
            Frame::Start => &mut l.start,
            Frame::End => &mut l.end,
        });
        Drawing {
            size: l.size,
            shapes: l.props,
        }
    }

    /// The still picture of a movement: the start as a ghost, the end over
    /// it and the arrow on top; a still pose is its single frame.
    pub fn motion_drawing(&self) -> Drawing {
        if !self.moves {
            return self.drawing(Frame::End);
        }
        let mut l = self.layers();
        l.props.append(&mut l.ghost);
        l.props.append(&mut l.end);
        l.props.append(&mut l.arrow);
        Drawing {
            size: l.size,
            shapes: l.props,
        }
    }
}
