//! Exercise figures: a clinic has no illustrator, so `handout` draws each
//! exercise's figure from the short pose description in its YAML.
//!
//! The pipeline has three stages, each its own module:
//!
//! 1. [`validate`] checks the raw keys ([`PoseInput`]) against the
//!    vocabulary in [`vocab`] and yields a [`Pose`], or every problem at once.
//! 2. [`geometry`] poses a jointed body (forward kinematics), puts it on the
//!    floor, bed or chair, places the props, bends arms so hands reach the
//!    counter, wall or thigh, finds the joint that moves most, and paints
//!    the start and end as two labelled panels, or one frame alone.
//! 3. [`svg`] writes a drawing as SVG for the website; the PDFs consume
//!    the drawing directly.
//!
//! One visual grammar serves every figure (content/README.md, "Figures"):
//! the body and the near limbs dark on white, the far limbs grey, the limb
//! that moves with a heavier outline, the arrow of the movement and the
//! target parts in the theme's accent, the props in thin warm grey.
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
//!     targets: vec!["calf".into()],
//!     start: Some(BTreeMap::from([("near_ankle".into(), 0.0)])),
//!     end: Some(BTreeMap::from([("near_ankle".into(), -30.0)])),
//! };
//! let pose = figure::validate(&input).expect("a valid description");
//! let inks = figure::Inks::default();
//! let figure = figure::draw_panels(&pose, &inks, figure::LABELS);
//! assert_eq!(figure.labels.len(), 2); // "Start" and "End"
//! let thumbnail = figure::draw(&pose, Frame::End, &inks);
//! let svg = figure::svg::to_svg(&figure, "Rising onto the toes at a counter");
//! assert!(svg.contains(">Start</text>") && thumbnail.size.width.0 > 0.0);
//! ```

use std::collections::BTreeMap;

use crate::geom::{Color, Drawing, LabelledDrawing};
use crate::theme::Palette;

pub mod geometry;
pub mod svg;
mod validate;
pub mod vocab;

pub use validate::{PoseField, PoseProblem, validate};
pub use vocab::{Joint, LimbJoint, Part, Posture, Prop, Side, Target};

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
    /// The `target:` list (or single name), e.g. `[hamstrings]`.
    pub targets: Vec<String>,
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
    /// The body parts the exercise works, each at most once, in the order
    /// written.
    pub targets: Vec<Target>,
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

/// The colours a figure takes from the theme: the arrow in the accent,
/// the target parts in a lighter tint of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Inks {
    /// The movement's arrow.
    pub accent: Color,
    /// The target body parts.
    pub highlight: Color,
}

impl Inks {
    /// The inks of a theme's palette.
    pub fn from_palette(palette: &Palette) -> Inks {
        Inks {
            accent: palette.accent,
            highlight: palette.accent_light,
        }
    }
}

impl Default for Inks {
    fn default() -> Inks {
        Inks::from_palette(&Palette::default())
    }
}

/// The labels of the two panels, in English; outputs put their
/// language's words in their place.
pub const LABELS: [&str; 2] = ["Start", "End"];

/// Draws one frame of a pose alone, props included: the end frame carries
/// the movement's arrow. The end frame is the figure's thumbnail.
pub fn draw(pose: &Pose, frame: Frame, inks: &Inks) -> Drawing {
    geometry::Scene::new(pose).panel(frame, inks)
}

/// Draws the figure: the start and end panels labelled `labels`, or, for a
/// pose that does not move, its one panel.
pub fn draw_panels(pose: &Pose, inks: &Inks, labels: [&str; 2]) -> LabelledDrawing {
    geometry::Scene::new(pose).panels(inks, labels)
}
