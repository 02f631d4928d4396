//! The jointed body: segment proportions, forward kinematics from joint
//! angles, and the rounded parts (capsules) that give the body its outline.
//!
//! Coordinates here are in body heights with y pointing *up* and angles
//! anticlockwise, the way the joint maths is easiest to read; `paint`
//! converts to the drawing's y-down points at the very end.

use std::collections::BTreeMap;

use super::vec2::V2;
use crate::figure::pose::{Frame, Pose};
use crate::figure::vocab::{Joint, LimbJoint, Posture, Side};

/// Hip joint to shoulder joint.
pub(crate) const TRUNK: f64 = 0.29;
/// Shoulder joint to the centre of the head.
pub(crate) const NECK_TO_HEAD: f64 = 0.115;
/// Head radius.
pub(crate) const HEAD_R: f64 = 0.066;
/// Hip to knee.
pub(crate) const THIGH: f64 = 0.245;
/// Knee to ankle.
pub(crate) const SHIN: f64 = 0.246;
/// Shoulder to elbow.
pub(crate) const UPPER_ARM: f64 = 0.186;
/// Elbow to wrist.
pub(crate) const FOREARM: f64 = 0.146;
/// Wrist to the centre of the fingertips' rounding.
pub(crate) const HAND: f64 = 0.07;
/// Wrist to the middle of the palm, where hands grip and rest.
pub(crate) const PALM: f64 = 0.035;
/// Height of the ankle joint above the sole.
pub(crate) const ANKLE_HEIGHT: f64 = 0.04;

/// Joint positions of one side's limbs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Limbs {
    /// Elbow joint.
    pub elbow: V2,
    /// Wrist joint.
    pub wrist: V2,
    /// Centre of the fingertips' rounding.
    pub hand: V2,
    /// Knee joint.
    pub knee: V2,
    /// Ankle joint.
    pub ankle: V2,
    /// Centre of the heel's rounding.
    pub heel: V2,
    /// Centre of the ball of the foot, where the toes bend.
    pub ball: V2,
    /// Centre of the toes' rounding.
    pub toe: V2,
}

/// Joint positions of a posed body, in body heights, y up.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Skeleton {
    /// Hip joints (both sides project to the same point).
    pub hip: V2,
    /// Shoulder joints.
    pub shoulder: V2,
    /// Centre of the head.
    pub head: V2,
    /// Unit vector from the back of the body to its front.
    pub front: V2,
    /// Unit vector from the head's centre to the face.
    pub face: V2,
    /// The near side's limbs.
    pub near: Limbs,
    /// The far side's limbs.
    pub far: Limbs,
}

impl Skeleton {
    /// One side's limbs.
    pub fn limbs(&self, side: Side) -> &Limbs {
        match side {
            Side::Near => &self.near,
            Side::Far => &self.far,
        }
    }

    /// One side's limbs, to change.
    pub(crate) fn limbs_mut(&mut self, side: Side) -> &mut Limbs {
        match side {
            Side::Near => &mut self.near,
            Side::Far => &mut self.far,
        }
    }

    /// Applies `f` to every point (not to the direction vectors).
    pub(crate) fn map_points(&mut self, f: impl Fn(V2) -> V2) {
        self.hip = f(self.hip);
        self.shoulder = f(self.shoulder);
        self.head = f(self.head);
        for l in [&mut self.near, &mut self.far] {
            for p in [
                &mut l.elbow,
                &mut l.wrist,
                &mut l.hand,
                &mut l.knee,
                &mut l.ankle,
                &mut l.heel,
                &mut l.ball,
                &mut l.toe,
            ] {
                *p = f(*p);
            }
        }
    }

    /// Moves the whole body.
    pub(crate) fn shift(&mut self, by: V2) {
        self.map_points(|p| p + by);
    }
}

/// Poses the body from a frame's joint angles, the hip at the origin.
/// `overrides` replaces some angles, which is how feet are settled flat on
/// the floor.
pub(crate) fn pose_body(pose: &Pose, frame: Frame, overrides: &BTreeMap<Joint, f64>) -> Skeleton {
    let angle = |j| {
        overrides
            .get(&j)
            .copied()
            .unwrap_or_else(|| pose.angle(frame, j))
    };
    let trunk = 90.0 + pose.posture.turn() - angle(Joint::Trunk);
    let head_dir = trunk - angle(Joint::Neck);
    let hip = V2::ZERO;
    let shoulder = hip + V2::polar(TRUNK, trunk);
    let limbs = |side: Side| {
        let a = |kind| angle(Joint::Limb(kind, side));
        let arm = trunk + 180.0 + a(LimbJoint::Shoulder);
        let forearm = arm + a(LimbJoint::Elbow);
        let elbow = shoulder + V2::polar(UPPER_ARM, arm);
        let wrist = elbow + V2::polar(FOREARM, forearm);
        let thigh = trunk + 180.0 + a(LimbJoint::Hip);
        let shin = thigh - a(LimbJoint::Knee);
        let foot = shin + 90.0 + a(LimbJoint::Ankle);
        let knee = hip + V2::polar(THIGH, thigh);
        let ankle = knee + V2::polar(SHIN, shin);
        // Standing on tiptoe the toes bend at the ball of the foot and stay
        // flat on the floor.
        let pointing_down = (180.0..360.0).contains(&foot.rem_euclid(360.0));
        let toes = if pose.posture.turn() == 0.0 && pointing_down {
            0.0
        } else {
            foot
        };
        let (heel, ball, toe) = foot_points(ankle, foot, toes);
        Limbs {
            elbow,
            wrist,
            hand: wrist + V2::polar(HAND, forearm),
            knee,
            ankle,
            heel,
            ball,
            toe,
        }
    };
    Skeleton {
        hip,
        shoulder,
        head: shoulder + V2::polar(NECK_TO_HEAD, head_dir),
        front: V2::polar(1.0, trunk - 90.0),
        face: V2::polar(1.0, head_dir - 90.0),
        near: limbs(Side::Near),
        far: limbs(Side::Far),
    }
}

/// The heel, ball and toe centres of a foot pointing along `foot` degrees
/// with its toes pointing along `toes` degrees.
pub(crate) fn foot_points(ankle: V2, foot: f64, toes: f64) -> (V2, V2, V2) {
    let along = V2::polar(1.0, foot);
    let down = V2::polar(1.0, foot - 90.0);
    let heel = ankle + down * (ANKLE_HEIGHT - HEEL_R) - along * 0.022;
    let ball = ankle + down * (ANKLE_HEIGHT - BALL_R) + along * 0.07;
    let toe = ball + V2::polar(0.03, toes) + V2::polar(BALL_R - TOE_R, toes - 90.0);
    (heel, ball, toe)
}

pub(crate) const HEEL_R: f64 = 0.022;
pub(crate) const BALL_R: f64 = 0.016;
pub(crate) const TOE_R: f64 = 0.012;

/// Which set of parts a capsule belongs to. Each group is outlined as one
/// silhouette; groups are painted in this order, back to front.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Group {
    FarArm,
    FarLeg,
    Torso,
    NearLeg,
    NearArm,
}

impl Group {
    pub(crate) const ALL: [Group; 5] = [
        Group::FarArm,
        Group::FarLeg,
        Group::Torso,
        Group::NearLeg,
        Group::NearArm,
    ];

    /// True for the groups on the far side, drawn lighter.
    pub(crate) fn is_far(self) -> bool {
        matches!(self, Group::FarArm | Group::FarLeg)
    }
}

/// A rounded part: the convex hull of two circles.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Capsule {
    pub(crate) a: V2,
    pub(crate) ra: f64,
    pub(crate) b: V2,
    pub(crate) rb: f64,
}

impl Capsule {
    fn new(a: V2, ra: f64, b: V2, rb: f64) -> Capsule {
        Capsule { a, ra, b, rb }
    }

    /// How far a point is outside the capsule (negative inside).
    pub(crate) fn distance(&self, p: V2) -> f64 {
        let ab = self.b - self.a;
        let t = if ab.dot(ab) == 0.0 {
            0.0
        } else {
            ((p - self.a).dot(ab) / ab.dot(ab)).clamp(0.0, 1.0)
        };
        let radius = self.ra + (self.rb - self.ra) * t;
        (p - (self.a + ab * t)).len() - radius
    }

    /// Lowest y the capsule reaches.
    pub(crate) fn bottom(&self) -> f64 {
        (self.a.y - self.ra).min(self.b.y - self.rb)
    }

    /// Highest y the capsule reaches.
    pub(crate) fn top(&self) -> f64 {
        (self.a.y + self.ra).max(self.b.y + self.rb)
    }

    /// Leftmost x the capsule reaches.
    pub(crate) fn left(&self) -> f64 {
        (self.a.x - self.ra).min(self.b.x - self.rb)
    }

    /// Rightmost x the capsule reaches.
    pub(crate) fn right(&self) -> f64 {
        (self.a.x + self.ra).max(self.b.x + self.rb)
    }
}

/// The body's rounded parts, grouped for painting.
pub(crate) fn parts(s: &Skeleton) -> Vec<(Group, Capsule)> {
    let up = s.shoulder - s.hip;
    let chest = s.shoulder - up.unit() * 0.04;
    let mut out = vec![
        (Group::Torso, Capsule::new(s.hip, 0.07, chest, 0.082)),
        (Group::Torso, Capsule::new(s.shoulder, 0.03, s.head, 0.03)),
        (Group::Torso, Capsule::new(s.head, HEAD_R, s.head, HEAD_R)),
        // A small nose shows which way the figure faces.
        (
            Group::Torso,
            Capsule::new(
                s.head + s.face * 0.05,
                0.016,
                s.head + s.face * 0.066,
                0.011,
            ),
        ),
    ];
    for (side, arm, leg) in [
        (Side::Far, Group::FarArm, Group::FarLeg),
        (Side::Near, Group::NearArm, Group::NearLeg),
    ] {
        let l = s.limbs(side);
        out.extend([
            (arm, Capsule::new(s.shoulder, 0.038, l.elbow, 0.028)),
            (arm, Capsule::new(l.elbow, 0.028, l.wrist, 0.02)),
            (arm, Capsule::new(l.wrist, 0.021, l.hand, 0.016)),
            (leg, Capsule::new(s.hip, 0.058, l.knee, 0.04)),
            (leg, Capsule::new(l.knee, 0.04, l.ankle, 0.025)),
            (leg, Capsule::new(l.heel, HEEL_R, l.ball, BALL_R)),
            (leg, Capsule::new(l.ball, BALL_R, l.toe, TOE_R)),
        ]);
    }
    out
}

/// Lowest y any part of the body reaches.
pub(crate) fn bottom(s: &Skeleton) -> f64 {
    parts(s)
        .iter()
        .map(|(_, c)| c.bottom())
        .fold(f64::INFINITY, f64::min)
}

/// Lowest y a foot reaches.
pub(crate) fn foot_bottom(l: &Limbs) -> f64 {
    (l.heel.y - HEEL_R)
        .min(l.ball.y - BALL_R)
        .min(l.toe.y - TOE_R)
}

/// A segment of the body: two joints (or landmarks) of a skeleton.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Bone {
    /// Hip to shoulder.
    Trunk,
    /// Shoulder to the centre of the head.
    Neck,
    /// Shoulder to elbow.
    UpperArm(Side),
    /// Elbow to wrist.
    Forearm(Side),
    /// Hip to knee.
    Thigh(Side),
    /// Knee to ankle.
    Shin(Side),
    /// Heel to the ball of the foot.
    Foot(Side),
}

impl Bone {
    /// The bone's two ends, from the one nearer the trunk.
    pub(crate) fn ends(self, s: &Skeleton) -> (V2, V2) {
        match self {
            Bone::Trunk => (s.hip, s.shoulder),
            Bone::Neck => (s.shoulder, s.head),
            Bone::UpperArm(side) => (s.shoulder, s.limbs(side).elbow),
            Bone::Forearm(side) => (s.limbs(side).elbow, s.limbs(side).wrist),
            Bone::Thigh(side) => (s.hip, s.limbs(side).knee),
            Bone::Shin(side) => (s.limbs(side).knee, s.limbs(side).ankle),
            Bone::Foot(side) => (s.limbs(side).heel, s.limbs(side).ball),
        }
    }

    /// The bone's direction in degrees anticlockwise from +x.
    pub(crate) fn direction(self, s: &Skeleton) -> f64 {
        let (a, b) = self.ends(s);
        (b - a).angle()
    }

    /// The bones on either side of a joint: the one nearer the trunk (none
    /// for the trunk itself, which turns against the world) and the one
    /// the joint moves.
    pub(crate) fn around(joint: Joint) -> (Option<Bone>, Bone) {
        match joint {
            Joint::Trunk => (None, Bone::Trunk),
            Joint::Neck => (Some(Bone::Trunk), Bone::Neck),
            Joint::Limb(limb, side) => match limb {
                LimbJoint::Shoulder => (Some(Bone::Trunk), Bone::UpperArm(side)),
                LimbJoint::Elbow => (Some(Bone::UpperArm(side)), Bone::Forearm(side)),
                LimbJoint::Hip => (Some(Bone::Trunk), Bone::Thigh(side)),
                LimbJoint::Knee => (Some(Bone::Thigh(side)), Bone::Shin(side)),
                LimbJoint::Ankle => (Some(Bone::Shin(side)), Bone::Foot(side)),
            },
        }
    }
}

/// The angle of a heel-to-ball line against the foot's own axis (the
/// heel's rounding is larger than the ball's): taken off, so a measured
/// ankle reads as the therapist wrote it.
fn foot_tilt() -> f64 {
    let drop = (ANKLE_HEIGHT - BALL_R) - (ANKLE_HEIGHT - HEEL_R);
    drop.atan2(0.07 + 0.022).to_degrees()
}

/// A joint's angle as drawn, in the vocabulary's terms (see
/// [`Joint::range`]), measured from the placed skeleton: after hands are
/// bent to what they hold and feet laid flat, so it can differ from what
/// the therapist wrote.
pub(crate) fn measured(s: &Skeleton, posture: Posture, joint: Joint) -> f64 {
    let trunk = Bone::Trunk.direction(s);
    let of = |bone: Bone| bone.direction(s);
    let angle = match joint {
        Joint::Trunk => 90.0 + posture.turn() - trunk,
        Joint::Neck => trunk - of(Bone::Neck),
        Joint::Limb(limb, side) => match limb {
            LimbJoint::Shoulder => of(Bone::UpperArm(side)) - (trunk + 180.0),
            LimbJoint::Elbow => of(Bone::Forearm(side)) - of(Bone::UpperArm(side)),
            LimbJoint::Hip => of(Bone::Thigh(side)) - (trunk + 180.0),
            LimbJoint::Knee => of(Bone::Thigh(side)) - of(Bone::Shin(side)),
            LimbJoint::Ankle => of(Bone::Foot(side)) + foot_tilt() - of(Bone::Shin(side)) - 90.0,
        },
    };
    normalize(angle)
}

/// An angle in degrees brought into -180..180.
pub(crate) fn normalize(degrees: f64) -> f64 {
    (degrees + 180.0).rem_euclid(360.0) - 180.0
}
