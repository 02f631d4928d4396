//! Exercise figures: a clinic has no illustrator, so `handout` draws each
//! exercise's figure from the short pose description in its YAML.
//!
//! The pipeline has three stages, each its own module:
//!
//! 1. [`validate`](mod@validate) checks the raw keys ([`PoseInput`]) against the
//!    vocabulary in [`vocab`] and yields a [`Pose`], or every problem at once.
//! 2. [`scene`] poses a jointed body (forward kinematics), puts it on the
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

use crate::geom::{Drawing, LabelledDrawing};

mod pose;
pub mod scene;
pub mod svg;
mod validate;
pub mod vocab;

pub use pose::{Frame, Inks, Pose, PoseInput};
pub use validate::{PoseField, PoseProblem, validate};
pub use vocab::{Joint, LimbJoint, Part, Posture, Prop, Side, Target};

#[cfg(test)]
mod tests;

/// The labels of the two panels, in English; outputs put their
/// language's words in their place.
pub const LABELS: [&str; 2] = ["Start", "End"];

/// Draws one frame of a pose alone, props included: the end frame carries
/// the movement's arrow. The end frame is the figure's thumbnail.
pub fn draw(pose: &Pose, frame: Frame, inks: &Inks) -> Drawing {
    scene::Scene::new(pose).panel(frame, inks)
}

/// Draws the figure: the start and end panels labelled `labels`, or, for a
/// pose that does not move, its one panel.
pub fn draw_panels(pose: &Pose, inks: &Inks, labels: [&str; 2]) -> LabelledDrawing {
    scene::Scene::new(pose).panels(inks, labels)
}
