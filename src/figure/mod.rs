//! Exercise figures: a clinic has no illustrator, so `handout` draws each
//! exercise's figure from the short pose description in its YAML.
//!
//! The pipeline has three stages, each its own module:
//!
//! 1. [`validate`] checks the raw keys ([`PoseInput`]) against the
//!    vocabulary in [`vocab`] and yields a [`Pose`], or every problem at once.
//! 2. [`geometry`] poses a jointed body (forward kinematics), puts it on the
//!    floor, bed or chair, places the props, bends arms so hands reach the
//!    counter, wall or thigh, and paints the result as a [`Drawing`].
//! 3. [`svg`] writes a drawing (or an animated pair of frames) as SVG for
//!    the website; the PDF consumes the [`Drawing`] directly.
//!
//! content/README.md documents the vocabulary for therapists.
//!
//! ```
//! use std::collections::BTreeMap;
//! use handout::figure::{self, Frame, PoseInput};
//!
//! let input = PoseInput {
//!     posture: "standing".into(),
//!     props: vec!["counter".into()],
//!     start: Some(BTreeMap::from([("near_ankle".into(), 0.0)])),
//!     end: Some(BTreeMap::from([("near_ankle".into(), -30.0)])),
//! };
//! let pose = figure::validate(&input).expect("a valid description");
//! let print = figure::draw_motion(&pose); // ghost of the start, end, arrow
//! assert_eq!(print.size, figure::draw(&pose, Frame::End).size);
//! let svg = figure::svg::to_svg(&pose, "Rising onto the toes at a counter", true);
//! assert!(svg.contains("prefers-reduced-motion"));
//! ```

use std::collections::BTreeMap;

use crate::geom::Drawing;

pub mod geometry;
pub mod svg;
mod validate;
pub mod vocab;

pub use validate::{PoseField, PoseProblem, validate};
pub use vocab::{Joint, LimbJoint, Posture, Prop, Side};

#[cfg(test)]
mod tests;

/// The `figure:` keys as the content loader read them, still as plain
/// strings so that problems can be traced back to YAML keys.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PoseInput {
    /// The `pose:` value, e.g. `lying-on-back`.
    pub posture: String,
    /// The `props:` list, e.g. `[bed]`.
    pub props: Vec<String>,
    /// The `start:` joint angles in degrees.
    pub start: Option<BTreeMap<String, f64>>,
    /// The `end:` joint angles in degrees: the held position.
    pub end: Option<BTreeMap<String, f64>>,
}

/// The two frames of an exercise's movement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Frame {
    /// Where the movement starts.
    Start,
    /// The held position, where the movement ends.
    End,
}

/// A checked figure description.
#[derive(Debug, Clone, PartialEq)]
pub struct Pose {
    /// The base posture.
    pub posture: Posture,
    /// The props, each at most once, in the order written.
    pub props: Vec<Prop>,
    /// The angles given for the start frame; others take the neutral.
    pub start: BTreeMap<Joint, f64>,
    /// The angles given for the end frame; others take the neutral.
    pub end: BTreeMap<Joint, f64>,
}

impl Pose {
    /// The angle the therapist gave for a joint in a frame, if any.
    pub fn given(&self, frame: Frame, joint: Joint) -> Option<f64> {
        let angles = match frame {
            Frame::Start => &self.start,
            Frame::End => &self.end,
        };
        angles.get(&joint).copied()
    }

    /// A joint's angle in a frame: the given one, else the posture's neutral.
    pub fn angle(&self, frame: Frame, joint: Joint) -> f64 {
        self.given(frame, joint)
            .unwrap_or_else(|| self.posture.neutral(joint))
    }

    /// True if the start and end frames differ, so there is a movement to show.
    pub fn moves(&self) -> bool {
        Joint::ALL
            .iter()
            .any(|&j| self.angle(Frame::Start, j) != self.angle(Frame::End, j))
    }

    /// True if the prop is listed.
    pub fn has(&self, prop: Prop) -> bool {
        self.props.contains(&prop)
    }
}

/// Draws one frame of a pose, props included.
pub fn draw(pose: &Pose, frame: Frame) -> Drawing {
    geometry::Scene::new(pose).drawing(frame)
}

/// Draws the still picture for print: the end frame over a faint ghost of
/// the start frame, with an arrow along the main movement. A pose that does
/// not move is drawn as its single frame.
pub fn draw_motion(pose: &Pose) -> Drawing {
    geometry::Scene::new(pose).motion_drawing()
}
