//! Where each target body part lies on a posed body: a band along the
//! right side of a bone (the back of the thigh for the hamstrings, the
//! front of the shin), inside the limb's outline, painted in the accent
//! tint over the limb it belongs to.

use super::body::{Capsule, Group, Skeleton};
use super::vec2::V2;
use crate::figure::vocab::{Part, Side, Target};

/// The radius of the trunk's rounding at the hip and at the chest, and
/// how far below the shoulder the chest is (see `body::parts`).
const TRUNK_R: (f64, f64) = (0.07, 0.082);
const CHEST_BELOW_SHOULDER: f64 = 0.04;

/// Which face of a bone a band lies on.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Face {
    Front,
    Back,
    Middle,
}

/// A band along a bone from `a` (radius `ra`) to `b` (radius `rb`), whose
/// front faces `front` (a unit vector, the same all along).
struct Bone {
    a: V2,
    ra: f64,
    b: V2,
    rb: f64,
    front: V2,
}

impl Bone {
    /// The band on `face` from `t0` to `t1` of the way along, as wide as
    /// `width` of the bone's radius: it reaches to the outline's inside.
    fn band(&self, face: Face, t0: f64, t1: f64, width: f64) -> Capsule {
        let side = match face {
            Face::Front => 1.0,
            Face::Back => -1.0,
            Face::Middle => 0.0,
        };
        let at = |t: f64| {
            let r = self.ra + (self.rb - self.ra) * t;
            // Centre and radius so the band's edge stays a little inside
            // the outline.
            let radius = r * width;
            let offset = (r * 0.94 - radius) * side;
            (self.a + (self.b - self.a) * t + self.front * offset, radius)
        };
        let ((a, ra), (b, rb)) = (at(t0), at(t1));
        Capsule { a, ra, b, rb }
    }
}

/// The highlighted bands of a body, each with the group it is painted
/// over.
pub(crate) fn bands(s: &Skeleton, targets: &[Target]) -> Vec<(Group, Capsule)> {
    let up = (s.shoulder - s.hip).unit();
    // The trunk's front faces the way the body does.
    let trunk = Bone {
        a: s.hip,
        ra: TRUNK_R.0,
        b: s.shoulder - up * CHEST_BELOW_SHOULDER,
        rb: TRUNK_R.1,
        front: s.front,
    };
    let limb = |a: V2, ra: f64, b: V2, rb: f64| Bone {
        a,
        ra,
        b,
        rb,
        // A limb's front is a quarter turn anticlockwise from its line,
        // as the body is drawn facing right (see `body::pose_body`).
        front: (b - a).unit().perp(),
    };
    let mut out = Vec::new();
    for target in targets {
        let side = target.side.unwrap_or(Side::Near);
        let l = s.limbs(side);
        let (leg, arm) = match side {
            Side::Near => (Group::NearLeg, Group::NearArm),
            Side::Far => (Group::FarLeg, Group::FarArm),
        };
        // Radii as `body::parts` draws them.
        let thigh = limb(s.hip, 0.058, l.knee, 0.04);
        let shin = limb(l.knee, 0.04, l.ankle, 0.025);
        let upper_arm = limb(s.shoulder, 0.038, l.elbow, 0.028);
        let forearm = limb(l.elbow, 0.028, l.wrist, 0.02);
        let band = match target.part {
            Part::Hamstrings => (leg, thigh.band(Face::Back, 0.22, 0.86, 0.5)),
            Part::Quadriceps => (leg, thigh.band(Face::Front, 0.22, 0.86, 0.5)),
            Part::Calf => (leg, shin.band(Face::Back, 0.1, 0.58, 0.62)),
            Part::Shin => (leg, shin.band(Face::Front, 0.12, 0.8, 0.45)),
            // The buttock lies behind the hip joint, on the pelvis, and the
            // hip's front before it, both inside the thigh's rounded end.
            Part::Glutes => (leg, thigh.band(Face::Back, -0.06, 0.3, 0.5)),
            Part::HipFlexors => (leg, spot(s.hip + s.front * 0.028, 0.026)),
            Part::Shoulder => (arm, upper_arm.band(Face::Middle, 0.0, 0.3, 0.75)),
            Part::Biceps => (arm, upper_arm.band(Face::Front, 0.25, 0.85, 0.55)),
            Part::Triceps => (arm, upper_arm.band(Face::Back, 0.2, 0.85, 0.55)),
            Part::Forearm => (arm, forearm.band(Face::Front, 0.1, 0.75, 0.6)),
            Part::UpperBack => (Group::Torso, trunk.band(Face::Back, 0.55, 0.97, 0.42)),
            Part::LowerBack => (Group::Torso, trunk.band(Face::Back, 0.08, 0.48, 0.42)),
            Part::Abdominals => (Group::Torso, trunk.band(Face::Front, 0.12, 0.55, 0.42)),
            Part::Chest => (Group::Torso, trunk.band(Face::Front, 0.62, 0.97, 0.42)),
            Part::Neck => {
                let neck = limb(s.shoulder, 0.03, s.head, 0.03);
                (Group::Torso, neck.band(Face::Middle, 0.1, 0.45, 0.8))
            }
        };
        out.push(band);
    }
    out
}

/// A round spot.
fn spot(at: V2, radius: f64) -> Capsule {
    Capsule {
        a: at,
        ra: radius,
        b: at,
        rb: radius,
    }
}
