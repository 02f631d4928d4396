//! The movement of an exercise, worked out from its two placed frames: the
//! joint whose angle changes most, the limbs it moves (drawn with a
//! heavier outline), and the arrow that shows it, an arc about the point
//! the moving bone turns around, at the longest stretch clear of the body
//! and the props.

use super::body::{self, Bone, Group, Skeleton, measured, normalize};
use super::paint::{Bounds, Seg, arc_path};
use super::vec2::V2;
use crate::figure::pose::{Frame, Pose};
use crate::figure::vocab::{Joint, LimbJoint, Posture, Side};

/// Smaller changes than this (degrees) are no movement: placing hands and
/// feet moves joints a little by itself.
const STILL: f64 = 5.0;
/// The shortest arrow worth drawing, in body heights: a shorter movement
/// gets a longer arc, the direction being what the arrow says.
const MIN_ARC: f64 = 0.16;
/// How far the arrow keeps from the body's outline and from the props.
const CLEARANCE: f64 = 0.022;
/// The arrow's line width and its head's length, in body heights.
pub(crate) const ARROW_WIDTH: f64 = 0.016;
const HEAD: f64 = 0.055;

/// The main movement: the joint that moves most, and its angles as drawn
/// at the start and at the end.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Motion {
    /// The joint.
    pub joint: Joint,
    /// Its angle in the start frame.
    pub from: f64,
    /// Its angle in the end frame.
    pub to: f64,
}

impl Motion {
    /// How far it moves, in degrees.
    pub fn change(&self) -> f64 {
        normalize(self.to - self.from).abs()
    }
}

/// The joint whose angle changes most between the frames, as drawn, among
/// those the description moves (an elbow that folds only because its hand
/// stays on the counter while the body squats is no movement the reader
/// makes). The near side and the trunk come first: the far side's limbs
/// are drawn pale, so an arrow on them only when nothing near moves. Among
/// equal changes, the joint nearer the trunk leads (a hip before a knee).
pub(crate) fn main_motion(pose: &Pose, frames: &[Skeleton; 2]) -> Option<Motion> {
    let posture = pose.posture;
    let described = |joint: Joint| pose.angle(Frame::Start, joint) != pose.angle(Frame::End, joint);
    let rank = |joint: Joint| match joint {
        Joint::Trunk => 0,
        Joint::Limb(LimbJoint::Hip, _) => 1,
        Joint::Limb(LimbJoint::Shoulder, _) => 2,
        Joint::Limb(LimbJoint::Knee, _) => 3,
        Joint::Limb(LimbJoint::Elbow, _) => 4,
        Joint::Limb(LimbJoint::Ankle, _) => 5,
        Joint::Neck => 6,
    };
    let motions: Vec<Motion> = Joint::ALL
        .iter()
        .map(|&joint| Motion {
            joint,
            from: measured(&frames[0], posture, joint),
            to: measured(&frames[1], posture, joint),
        })
        .filter(|m| m.change() >= STILL && described(m.joint))
        .collect();
    let is_far = |m: &Motion| matches!(m.joint, Joint::Limb(_, Side::Far));
    let best = |far: bool| {
        motions
            .iter()
            .filter(|m| is_far(m) == far)
            // A degree either way is a tie.
            .min_by_key(|m| (-(m.change().round() as i64), rank(m.joint)))
            .copied()
    };
    best(false).or_else(|| best(true))
}

/// The groups drawn with a heavier outline: the limb the main movement
/// moves (the trunk for the trunk and neck), and its twin on the other
/// side when that moves as much (both arms pressing back).
pub(crate) fn moving_groups(
    posture: Posture,
    motion: &Motion,
    frames: &[Skeleton; 2],
) -> Vec<Group> {
    let group = |limb: LimbJoint, side: Side| match (limb, side) {
        (LimbJoint::Shoulder | LimbJoint::Elbow, Side::Near) => Group::NearArm,
        (LimbJoint::Shoulder | LimbJoint::Elbow, Side::Far) => Group::FarArm,
        (_, Side::Near) => Group::NearLeg,
        (_, Side::Far) => Group::FarLeg,
    };
    let Joint::Limb(limb, side) = motion.joint else {
        return vec![Group::Torso];
    };
    let mut out = vec![group(limb, side)];
    let other = match side {
        Side::Near => Side::Far,
        Side::Far => Side::Near,
    };
    let twin = Joint::Limb(limb, other);
    let change =
        normalize(measured(&frames[1], posture, twin) - measured(&frames[0], posture, twin));
    if change.abs() >= 0.8 * motion.change()
        && change.signum() == normalize(motion.to - motion.from).signum()
    {
        out.push(group(limb, other));
    }
    out
}

/// The point a bone turns about between two frames (the fixed point of
/// the rigid motion taking it from one to the other), or `None` when it
/// hardly turns.
fn turning_point(start: (V2, V2), end: (V2, V2)) -> Option<V2> {
    let phi = normalize((end.1 - end.0).angle() - (start.1 - start.0).angle());
    if phi.abs() < 3.0 {
        return None;
    }
    // a1 = c + R(a0 - c), so c (1 - R) = a1 - R a0, in complex numbers.
    let r = V2::polar(1.0, phi);
    let rot = |p: V2| V2::new(p.x * r.x - p.y * r.y, p.x * r.y + p.y * r.x);
    let n = end.0 - rot(start.0);
    let d = V2::new(1.0 - r.x, -r.y);
    let dd = d.dot(d);
    Some(V2::new(
        (n.x * d.x + n.y * d.y) / dd,
        (n.y * d.x - n.x * d.y) / dd,
    ))
}

/// The arrow of the main movement, in the end frame: the stroke and the
/// head, in body units. `obstacles` are the props it keeps clear of; it
/// stays above the `floor`, when there is one.
///
/// The bone the joint moves turns about a point (the fixed point of the
/// rigid motion from its start to its end); its end farther from that
/// point travels on an arc about it, and the arrow follows that arc at
/// about that distance, or, when the bone slides more than it turns (a
/// heel sliding along the mat), the straight line from where that end
/// was to where it is. Of the candidates, the arrow is the one whose
/// longest stretch clear of the body and the props is long enough to read
/// and ends nearest the moving end.
pub(crate) fn arrow(
    motion: &Motion,
    frames: &[Skeleton; 2],
    obstacles: &[Bounds],
    floor: Option<f64>,
) -> Option<(Vec<Seg>, Vec<Seg>)> {
    let (before, bone) = Bone::around(motion.joint);
    let turn = |b: Bone| normalize(b.direction(&frames[1]) - b.direction(&frames[0])).abs();
    // The bone that turns in the world: the one the joint moves, or, when
    // that one stays put (the foot on tiptoe's floor, a shin leaning over
    // its flat foot), the one on the other side of the joint.
    let mover = match before {
        Some(b) if turn(b) > turn(bone) => b,
        _ => bone,
    };
    let joint_at = bone.ends(&frames[1]).0;
    let (s, e) = (mover.ends(&frames[0]), mover.ends(&frames[1]));
    let centre = turning_point(s, e)
        .filter(|c| (*c - joint_at).len() < 0.7)
        .unwrap_or(joint_at);
    // The end of the bone farther from where it turns draws the path.
    let (tip0, tip1) = if (e.1 - centre).len() >= (e.0 - centre).len() {
        (s.1, e.1)
    } else {
        (s.0, e.0)
    };
    let parts = body::parts(&frames[1]);
    let clear = |p: V2| {
        on_clear_ground(&parts, p)
            && obstacles.iter().all(|b| !b.contains(p, CLEARANCE))
            && floor.is_none_or(|f| p.y >= f + CLEARANCE + ARROW_WIDTH)
    };
    let mut candidates = arcs(centre, tip0, tip1);
    candidates.extend(lines(tip0, tip1));
    let mut best: Option<(f64, Path)> = None;
    for path in candidates {
        let Some(run) = path.longest_clear_run(&clear) else {
            continue;
        };
        let length = run.length();
        // Long enough to read, and its head close to the moving end, so
        // the eye goes from the arrow to the limb; an arc, which says
        // "turn", a little before a line, which says "slide".
        let curved = if matches!(run, Path::Arc { .. }) {
            0.02
        } else {
            0.0
        };
        let score = length.min(0.2) - 0.8 * (run.at(1.0) - tip1).len() + curved;
        if length >= 0.06 && best.as_ref().is_none_or(|(s, _)| score > *s) {
            best = Some((score, run));
        }
    }
    best.map(|(_, run)| run.arrow())
}

/// The arcs about `centre` that the arrow may follow: from where `tip0`
/// is to where `tip1` is, at radii about the moving end's distance.
fn arcs(centre: V2, tip0: V2, tip1: V2) -> Vec<Path> {
    let reach = (tip1 - centre).len().max(0.05);
    let from = (tip0 - centre).angle();
    let sweep = normalize((tip1 - centre).angle() - from);
    if sweep.abs() < 1.0 {
        return Vec::new();
    }
    let mut out: Vec<Path> = Vec::new();
    for k in [0.55, 0.7, 0.85, 1.0, 1.15, 1.27, 1.4, 1.6] {
        // Never so small that the arrow is a blob.
        let radius = (reach * k).max(0.12);
        if out
            .iter()
            .any(|p| matches!(p, Path::Arc { radius: r, .. } if *r == radius))
        {
            continue;
        }
        // A short movement's arrow gets a longer tail, before where the
        // movement starts: its head stays where the movement ends, and
        // the direction is what it says.
        let tail = ((MIN_ARC * 1.2 / radius).to_degrees() - sweep.abs()).max(0.0);
        out.push(Path::Arc {
            centre,
            radius,
            from: from - tail.copysign(sweep),
            span: sweep + tail.copysign(sweep),
        });
    }
    out
}

/// The straight lines the arrow may follow: from where `tip0` is to where
/// `tip1` is, beside the path as much as it takes to clear the body.
fn lines(tip0: V2, tip1: V2) -> Vec<Path> {
    let along = tip1 - tip0;
    if along.len() < 0.03 {
        return Vec::new();
    }
    let dir = along.unit();
    let tail = (MIN_ARC * 1.2 - along.len()).max(0.0);
    [0.0, 0.05, -0.05, 0.09, -0.09, 0.13, -0.13]
        .into_iter()
        .map(|offset| {
            let side = dir.perp() * offset;
            Path::Line {
                from: tip0 - dir * tail + side,
                to: tip1 + side,
            }
        })
        .collect()
}

/// A path the arrow follows, run from its start to its end.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Path {
    /// An arc about `centre`, from `from` degrees through `span`.
    Arc {
        centre: V2,
        radius: f64,
        from: f64,
        span: f64,
    },
    /// A straight line.
    Line { from: V2, to: V2 },
}

impl Path {
    /// The point `t` of the way along (0 to 1).
    fn at(&self, t: f64) -> V2 {
        match *self {
            Path::Arc {
                centre,
                radius,
                from,
                span,
            } => centre + V2::polar(radius, from + span * t),
            Path::Line { from, to } => from + (to - from) * t,
        }
    }

    /// Its length.
    fn length(&self) -> f64 {
        match *self {
            Path::Arc { radius, span, .. } => span.to_radians().abs() * radius,
            Path::Line { from, to } => (to - from).len(),
        }
    }

    /// The part of it from `t0` to `t1` of the way along.
    fn part(&self, t0: f64, t1: f64) -> Path {
        match *self {
            Path::Arc {
                centre,
                radius,
                from,
                span,
            } => Path::Arc {
                centre,
                radius,
                from: from + span * t0,
                span: span * (t1 - t0),
            },
            Path::Line { .. } => Path::Line {
                from: self.at(t0),
                to: self.at(t1),
            },
        }
    }

    /// The longest stretch whose points are all clear, if any.
    fn longest_clear_run(&self, clear: &impl Fn(V2) -> bool) -> Option<Path> {
        const STEPS: usize = 48;
        let t = |i: usize| i as f64 / STEPS as f64;
        let (mut best, mut run) = (None::<(usize, usize)>, None::<usize>);
        for i in 0..=STEPS {
            if clear(self.at(t(i))) {
                let first = *run.get_or_insert(i);
                if best.is_none_or(|(a, b)| i - first > b - a) {
                    best = Some((first, i));
                }
            } else {
                run = None;
            }
        }
        best.filter(|(a, b)| b > a)
            .map(|(a, b)| self.part(t(a), t(b)))
    }

    /// The arrow along it: the line, stopping inside the head (so its
    /// round cap never shows past the point), and the head at its end.
    fn arrow(&self) -> (Vec<Seg>, Vec<Seg>) {
        let length = self.length();
        let stop = 1.0 - (HEAD * 0.6 / length).min(0.5);
        let line = match self.part(0.0, stop) {
            Path::Arc {
                centre,
                radius,
                from,
                span,
            } => arc_path(centre, radius, from, span),
            Path::Line { from, to } => vec![Seg::Move(from), Seg::Line(to)],
        };
        let tip = self.at(1.0);
        let tangent = (tip - self.at(1.0 - 0.01 / length.max(0.01))).unit();
        let back = tip - tangent * HEAD;
        let side = tangent.perp() * (HEAD * 0.5);
        let head = vec![
            Seg::Move(tip + tangent * (ARROW_WIDTH * 0.5)),
            Seg::Line(back + side),
            Seg::Line(back - side),
            Seg::Close,
        ];
        (line, head)
    }
}

/// Whether the arrow may pass a point of the end frame: clear of every
/// outline drawn there (a limb's, or the trunk's), either outside the
/// body or well inside the trunk, on its plain white (where the far
/// limbs behind it do not show). Never over a limb.
fn on_clear_ground(parts: &[(Group, body::Capsule)], p: V2) -> bool {
    // How far outside each group's silhouette the point is (negative:
    // inside), in painting order.
    let mut depth = [f64::INFINITY; 5];
    for (group, c) in parts {
        let i = Group::ALL.iter().position(|g| g == group).unwrap_or(0);
        depth[i] = depth[i].min(c.distance(p));
    }
    let top = (0..5).rev().find(|&i| depth[i] < 0.0);
    match top {
        // Outside the body: far enough from every outline.
        None => depth.iter().all(|&d| d >= CLEARANCE),
        // Inside the trunk, away from its outline and from those painted
        // over it (the near leg and arm).
        Some(i) if Group::ALL[i] == Group::Torso => {
            depth[i] <= -CLEARANCE && depth[i + 1..].iter().all(|&d| d >= CLEARANCE)
        }
        Some(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bone_turning_about_a_point_finds_it() {
        let c = V2::new(0.3, -0.2);
        let a0 = V2::new(1.0, 0.0);
        let b0 = V2::new(1.0, 1.0);
        let turn = |p: V2| p.rotate_about(c, 40.0);
        let found = turning_point((a0, b0), (turn(a0), turn(b0))).unwrap();
        assert!((found - c).len() < 1e-9, "{found:?}");
        assert_eq!(turning_point((a0, b0), (a0, b0)), None);
    }
}
