//! What a figure is drawn from: the description as read ([`PoseInput`]),
//! checked ([`Pose`]), its two frames and the theme's inks. Plain data the
//! validator and the scene share, so that neither imports the module
//! that runs them.

use std::collections::BTreeMap;

use super::vocab::{Joint, Posture, Prop, Target};
use crate::geom::Color;
use crate::theme::Palette;

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
