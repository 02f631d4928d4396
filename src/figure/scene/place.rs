//! Puts posed bodies into the world: feet on the floor, backs on the bed,
//! hips on the seat; lays unspecified feet flat; places the props around
//! both frames; then bends the arms so hands reach the counter, the wall,
//! the floor or a thigh.
//!
//! Props are placed once for both frames, so the counter and wall stand
//! still while the body moves.

use super::body::{self, FOREARM, Group, PALM, Skeleton, UPPER_ARM, normalize};
use std::collections::BTreeMap;

use super::vec2::V2;
use crate::figure::pose::{Frame, Pose};
use crate::figure::vocab::{Joint, LimbJoint, Posture, Prop, Side};

/// Height of a bed's mattress top.
pub(crate) const BED_TOP: f64 = 0.30;
/// How deep a bed's mattress and frame are together.
pub(crate) const BED_DEPTH: f64 = 0.12;
/// Thickness of an exercise mat.
pub(crate) const MAT_TOP: f64 = 0.012;
/// Height of a kitchen counter's top.
pub(crate) const COUNTER_TOP: f64 = 0.53;
/// Depth and height of the toe recess under a counter's cupboard.
pub(crate) const COUNTER_KICK: (f64, f64) = (0.04, 0.06);
/// How far behind the counter's front edge the palms rest.
const COUNTER_PALM: f64 = 0.05;
/// Hip joint height when sitting with knees at a right angle, feet flat.
const SEAT_HIP: f64 = body::ANKLE_HEIGHT + body::SHIN;
/// How far a chair's back reaches above its seat.
pub(crate) const CHAIR_BACK: f64 = 0.36;
/// How far below the hip joint a seat's top is.
const SEAT_BELOW_HIP: f64 = 0.068;
/// How far a flat hand's middle sits from what it rests on: the wrist's
/// radius, so the hand touches without sinking in.
const HAND_REST: f64 = 0.021;
/// How close a hand must come to a thigh or shin to take hold of it.
const GRIP_REACH: f64 = 0.2;
/// How close a hand must come to the wall to lean on it.
const WALL_REACH: f64 = 0.2;

/// Where the props stand, in body heights, y up, the floor at 0.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Layout {
    /// True when the figure is seen from above (lying on the side): no
    /// floor, and the mat or bed is drawn as a plan.
    pub(crate) plan: bool,
    /// What the body lies, kneels or stands on: the floor, mat or bed top.
    pub(crate) support: f64,
    /// Left and right ends of a mat on the floor.
    pub(crate) mat: Option<(f64, f64)>,
    /// Left end, right end and top of a bed.
    pub(crate) bed: Option<(f64, f64, f64)>,
    /// Seat left, seat right, seat top, and the top of the back if any.
    pub(crate) seat: Option<(f64, f64, f64, Option<f64>)>,
    /// The x of the wall's face.
    pub(crate) wall: Option<f64>,
    /// How high each hand (near, far) leans on the wall, in every frame:
    /// hands on a wall stay where they were put.
    pub(crate) wall_hands: [Option<f64>; 2],
    /// The x of the counter's front edge.
    pub(crate) counter: Option<f64>,
    /// Where the towel lies.
    pub(crate) towel: Option<Towel>,
    /// The bounding box of the plan view's mat or bed (left, bottom,
    /// right, top).
    pub(crate) plan_rect: Option<(f64, f64, f64, f64)>,
    /// Where the picture is cut off below, when the floor is left out:
    /// a body lying on a bed is drawn on the mattress and its frame only,
    /// which keeps the figure compact.
    pub(crate) cut: Option<f64>,
}

/// Where a towel is drawn.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Towel {
    /// Folded flat under a foot, between these x.
    UnderFoot(f64, f64),
    /// Rolled, centred here.
    Roll(V2),
}

/// Poses and places both frames and lays out the props.
pub(crate) fn arrange(pose: &Pose) -> (Layout, [Skeleton; 2]) {
    let posture = pose.posture;
    let mut layout = Layout {
        plan: posture == Posture::LyingOnSide,
        ..Layout::default()
    };
    layout.support = match posture {
        Posture::LyingOnBack if pose.has(Prop::Bed) => BED_TOP,
        Posture::LyingOnSide => 0.0,
        _ if pose.has(Prop::Mat) => MAT_TOP,
        _ => 0.0,
    };

    let mut frames = [Frame::Start, Frame::End].map(|frame| {
        let mut overrides = BTreeMap::new();
        let mut sk = body::pose_body(pose, frame, &overrides);
        place(posture, &mut sk, layout.support);
        for settle in [flat_ankles, settle_knees, flat_ankles] {
            let more = settle(pose, frame, &sk, layout.support);
            if !more.is_empty() {
                overrides.extend(more);
                sk = body::pose_body(pose, frame, &overrides);
                place(posture, &mut sk, layout.support);
            }
        }
        sk
    });
    if posture == Posture::Sitting {
        // Both frames sit on the same seat: high enough for knees at a
        // right angle, higher if a foot would otherwise go through the floor.
        let lift = frames
            .iter()
            .map(|sk| layout.support - body::bottom(sk))
            .fold(0.0, f64::max);
        for sk in &mut frames {
            sk.shift(V2::new(0.0, lift));
        }
    }

    lay_out_props(pose, &frames, &mut layout);
    for sk in &mut frames {
        place_hands(pose, &layout, sk);
        keep_feet_above(sk, layout.support, layout.plan);
        // Arms folded to reach the floor in an odd pose could still dip
        // below it: lift the body clear and reach again.
        for _ in 0..3 {
            let sunk = layout.support - body::bottom(sk);
            if layout.plan || sunk <= 1e-9 {
                break;
            }
            sk.shift(V2::new(0.0, sunk));
            place_hands(pose, &layout, sk);
        }
    }
    (layout, frames)
}

/// Moves a body (hip at the origin) onto its support.
fn place(posture: Posture, sk: &mut Skeleton, support: f64) {
    let by = match posture {
        Posture::Standing => {
            // The lowest point touches the floor; the back foot's toes stay
            // put, so rising on tiptoe or leaning forwards lifts or tilts
            // the body instead of sliding it.
            V2::new(-sk.near.toe.x.min(sk.far.toe.x), support - body::bottom(sk))
        }
        Posture::LyingOnBack => V2::new(0.0, support - body::bottom(sk)),
        Posture::AllFours => {
            // Knees and shins carry the weight; hands are put on the floor
            // later and feet are kept out of it.
            let knees = body::parts(sk)
                .iter()
                .filter(|(g, _)| matches!(g, Group::NearLeg | Group::FarLeg | Group::Torso))
                .map(|(_, c)| c.bottom())
                .fold(f64::INFINITY, f64::min);
            let feet = body::foot_bottom(&sk.near).min(body::foot_bottom(&sk.far));
            V2::new(0.0, support - knees.min(feet + 0.03))
        }
        Posture::Sitting => V2::new(0.0, support + SEAT_HIP),
        Posture::LyingOnSide => V2::ZERO,
    };
    sk.shift(by);
}

/// Ankle angles that lay unspecified feet flat when they are near the floor
/// or bed, so a therapist need not work out the ankle for "feet flat".
fn flat_ankles(pose: &Pose, frame: Frame, sk: &Skeleton, support: f64) -> BTreeMap<Joint, f64> {
    let mut out = BTreeMap::new();
    if matches!(pose.posture, Posture::LyingOnSide | Posture::AllFours) {
        return out;
    }
    for side in [Side::Near, Side::Far] {
        let joint = Joint::Limb(LimbJoint::Ankle, side);
        let l = sk.limbs(side);
        if pose.given(frame, joint).is_some() || l.ankle.y - support > 0.15 {
            continue;
        }
        let shin = (l.ankle - l.knee).angle();
        let ankle = normalize(-(shin + 90.0));
        // A foot that cannot lie quite flat gets as close as the ankle allows.
        let (low, high) = joint.range();
        if (low - 20.0..=high + 20.0).contains(&ankle) {
            out.insert(joint, ankle.clamp(low, high));
        }
    }
    out
}

/// Knee angles that let a foot hovering just above the bed or mat come
/// down onto it when lying with the knee bent, as a resting foot would:
/// hips rest on the buttocks, so "hip 45, knee 90" alone leaves the foot in
/// the air. Standing with one foot forward (a lunge, a calf stretch), the
/// front foot comes down the same way. Changes the knee by at most 20°.
fn settle_knees(pose: &Pose, frame: Frame, sk: &Skeleton, support: f64) -> BTreeMap<Joint, f64> {
    let mut out = BTreeMap::new();
    if !matches!(pose.posture, Posture::LyingOnBack | Posture::Standing) {
        return out;
    }
    for side in [Side::Near, Side::Far] {
        let l = sk.limbs(side);
        let given_ankle = pose.given(frame, Joint::Limb(LimbJoint::Ankle, side));
        let target = support + body::ANKLE_HEIGHT;
        let gap = l.ankle.y - target;
        if given_ankle.is_some() || l.ankle.y > l.knee.y - 0.05 || !(0.001..0.08).contains(&gap) {
            continue;
        }
        let sine = (target - l.knee.y) / body::SHIN;
        if sine.abs() > 1.0 {
            continue;
        }
        let down = sine.asin().to_degrees();
        let shin = if (l.ankle - l.knee).x >= 0.0 {
            down
        } else {
            180.0 - down
        };
        let thigh = (l.knee - sk.hip).angle();
        let joint = Joint::Limb(LimbJoint::Knee, side);
        let knee = normalize(thigh - shin);
        let (low, high) = joint.range();
        if (low..=high).contains(&knee) && (knee - pose.angle(frame, joint)).abs() <= 20.0 {
            out.insert(joint, knee);
        }
    }
    out
}

/// Places the props around both frames.
fn lay_out_props(pose: &Pose, frames: &[Skeleton; 2], layout: &mut Layout) {
    let parts: Vec<_> = frames.iter().flat_map(body::parts).collect();
    let left = parts
        .iter()
        .map(|(_, c)| c.left())
        .fold(f64::INFINITY, f64::min);
    let right = parts
        .iter()
        .map(|(_, c)| c.right())
        .fold(f64::NEG_INFINITY, f64::max);
    let end = &frames[1];

    if layout.plan {
        if pose.has(Prop::Mat) || pose.has(Prop::Bed) {
            let bottom = parts
                .iter()
                .map(|(_, c)| c.bottom())
                .fold(f64::INFINITY, f64::min);
            let top = parts
                .iter()
                .map(|(_, c)| c.top())
                .fold(f64::NEG_INFINITY, f64::max);
            layout.plan_rect = Some((left - 0.06, bottom - 0.06, right + 0.06, top + 0.06));
        }
        return;
    }

    let sitting = pose.posture == Posture::Sitting;
    if sitting {
        let seat_top = end.hip.y - SEAT_BELOW_HIP;
        let front = end.hip.x + 0.17;
        if pose.has(Prop::Chair) {
            // The chair's back touches the body's back, or stands behind
            // the elbows when the arms press back past it: in a side view
            // an arm beside the chair's back would seem to go through it.
            let back_top = seat_top + CHAIR_BACK;
            let back = parts
                .iter()
                .filter(|(g, c)| {
                    *g == Group::Torso
                        || matches!(g, Group::NearArm | Group::FarArm) && c.bottom() < back_top
                })
                .map(|(_, c)| c.left())
                .fold(f64::INFINITY, f64::min);
            layout.seat = Some((back - 0.002, front, seat_top, Some(back_top)));
        } else if pose.has(Prop::Bed) {
            layout.bed = Some((end.hip.x - 0.8, front, seat_top));
        } else {
            layout.seat = Some((end.hip.x - 0.1, end.hip.x + 0.13, seat_top, None));
        }
    } else if pose.has(Prop::Bed) && pose.posture.is_lying() {
        let right = right.max(left + 1.1);
        layout.bed = Some((left - 0.05, right + 0.05, BED_TOP));
        layout.cut = Some(BED_TOP - BED_DEPTH);
    }
    if pose.has(Prop::Mat) {
        layout.mat = Some((left - 0.05, right + 0.05));
    }
    if pose.has(Prop::Counter) {
        layout.counter = Some(counter_front(frames, &parts));
    }
    if pose.has(Prop::Wall) {
        let (face, hands) = wall_face(frames);
        layout.wall = Some(face + 0.003);
        layout.wall_hands = hands;
    }
    if pose.has(Prop::Towel) {
        let l = &end.near;
        let surface = layout.bed.map_or(
            layout.support,
            |b| {
                if sitting { layout.support } else { b.2 }
            },
        );
        let resting = body::foot_bottom(l) - surface < 0.02;
        layout.towel = Some(if pose.posture.is_lying() && !resting {
            let neck = end.shoulder + (end.head - end.shoulder) * 0.5;
            Towel::Roll(V2::new(neck.x, surface + 0.03))
        } else {
            Towel::UnderFoot(l.heel.x - 0.05, l.toe.x + 0.05)
        });
    }
}

/// Where a counter's front stands: far enough forward for comfortably
/// bent arms, but never through the legs or belly below its top (toes may
/// go into the recess under the cupboard).
fn counter_front(frames: &[Skeleton; 2], parts: &[(Group, body::Capsule)]) -> f64 {
    let below = parts
        .iter()
        .filter(|(_, c)| c.bottom() < COUNTER_TOP)
        .map(|(_, c)| {
            let in_kick = c.top() < COUNTER_KICK.1;
            c.right() - if in_kick { COUNTER_KICK.0 } else { 0.0 }
        })
        .fold(f64::NEG_INFINITY, f64::max);
    let comfortable = frames
        .iter()
        .map(|sk| {
            let reach = 0.9 * (UPPER_ARM + FOREARM);
            let dy = sk.shoulder.y - (COUNTER_TOP + 0.025);
            sk.shoulder.x + (reach * reach - dy * dy).max(0.0).sqrt() + PALM - COUNTER_PALM
        })
        .fold(f64::INFINITY, f64::min);
    comfortable.max(below + 0.02)
}

/// Where a wall stands: just in front of the body, or as far as the hands
/// that reach forwards (above the hip, where they lean on a wall) reach
/// in the frame where they reach least: leaning in, the other frame's
/// elbows bend to keep the hands on the wall, as a reader's do. Also how
/// high those hands are (near, far): the height they keep in every frame.
fn wall_face(frames: &[Skeleton; 2]) -> (f64, [Option<f64>; 2]) {
    let mut body = f64::NEG_INFINITY;
    let mut reach: Option<(f64, [Option<f64>; 2])> = None;
    for sk in frames {
        let leaning = |side: Side| palm(sk.limbs(side)).y > sk.hip.y;
        let mut hands = f64::NEG_INFINITY;
        for (group, c) in body::parts(sk) {
            let arm = match group {
                Group::NearArm => Some(Side::Near),
                Group::FarArm => Some(Side::Far),
                _ => None,
            };
            if arm.is_some_and(leaning) {
                hands = hands.max(c.right());
            } else {
                body = body.max(c.right());
            }
        }
        let heights =
            [Side::Near, Side::Far].map(|side| leaning(side).then(|| palm(sk.limbs(side)).y));
        if hands.is_finite() && reach.is_none_or(|(least, _)| hands < least) {
            reach = Some((hands, heights));
        }
    }
    match reach {
        Some((hands, heights)) => (body.max(hands), heights),
        None => (body, [None, None]),
    }
}

/// Bends each arm so its hand reaches whatever the pose implies it holds.
fn place_hands(pose: &Pose, layout: &Layout, sk: &mut Skeleton) {
    for side in [Side::Near, Side::Far] {
        // The far hand sits a little further along, so both show.
        let offset = if side == Side::Far { 0.02 } else { 0.0 };
        let palm = palm(sk.limbs(side));
        if let Some(front) = layout.counter {
            let target = V2::new(front + COUNTER_PALM + offset, COUNTER_TOP + HAND_REST);
            set_hand(sk, side, target, Some(0.0));
        } else if pose.posture == Posture::AllFours && palm.y - layout.support < 0.12 {
            let target = V2::new(sk.shoulder.x + 0.05 + offset, layout.support + HAND_REST);
            set_hand(sk, side, target, Some(0.0));
        } else if let Some(wall) = layout
            .wall
            .filter(|&w| w - palm.x < WALL_REACH && palm.y > sk.hip.y)
        {
            let at = match side {
                Side::Near => layout.wall_hands[0],
                Side::Far => layout.wall_hands[1],
            };
            let target = V2::new(wall - HAND_REST, at.unwrap_or(palm.y) + offset);
            set_hand(sk, side, target, Some(90.0));
        } else if let Some(target) = grip(pose, sk, side, palm) {
            set_hand(sk, side, target, None);
        }
    }
}

/// The middle of a hand's palm.
fn palm(l: &body::Limbs) -> V2 {
    l.wrist + (l.hand - l.wrist).unit() * PALM
}

/// The point on a bent leg that a hand near it takes hold of: just above
/// the knee, or just below it on the shin.
fn grip(pose: &Pose, sk: &Skeleton, side: Side, palm: V2) -> Option<V2> {
    let (thigh_at, shin_at) = match side {
        Side::Near => (0.75, 0.3),
        Side::Far => (0.62, 0.18),
    };
    // An arm resting along the body holds nothing.
    let arm = sk.limbs(side).elbow - sk.shoulder;
    if angle_between(arm, sk.hip - sk.shoulder) < 20.0 {
        return None;
    }
    let mut best: Option<(f64, V2)> = None;
    for leg in [Side::Near, Side::Far] {
        let l = sk.limbs(leg);
        let thigh = l.knee - sk.hip;
        let trunk = sk.shoulder - sk.hip;
        // Only a leg bent up towards the trunk is held.
        let bent = 180.0 - angle_between(thigh, trunk);
        let enough = if pose.posture == Posture::Sitting {
            120.0
        } else {
            45.0
        };
        if bent < enough {
            continue;
        }
        // Hands hold the back of a thigh and the front of a shin.
        let shin = l.ankle - l.knee;
        for anchor in [
            sk.hip + thigh * thigh_at - thigh.unit().perp() * 0.025,
            l.knee + shin * shin_at + shin.unit().perp() * 0.018,
        ] {
            let d = (anchor - palm).len();
            if d < GRIP_REACH && best.is_none_or(|(b, _)| d < b) {
                best = Some((d, anchor));
            }
        }
    }
    best.map(|(_, anchor)| anchor)
}

/// The angle between two vectors, 0 to 180 degrees.
fn angle_between(a: V2, b: V2) -> f64 {
    (a.unit().dot(b.unit()))
        .clamp(-1.0, 1.0)
        .acos()
        .to_degrees()
}

/// Two-bone inverse kinematics: bends the arm so the palm lands on
/// `target`, the elbow bending the way elbows bend. With `hand` the hand
/// lies flat along that direction (on a counter, wall or floor); without,
/// it continues the forearm (gripping).
fn set_hand(sk: &mut Skeleton, side: Side, target: V2, hand: Option<f64>) {
    let shoulder = sk.shoulder;
    let l = sk.limbs_mut(side);
    match hand {
        Some(dir) => {
            let wrist = target - V2::polar(PALM, dir);
            l.elbow = elbow(shoulder, wrist, UPPER_ARM, FOREARM);
            l.wrist = l.elbow + (wrist - l.elbow).unit() * FOREARM;
            l.hand = l.wrist + V2::polar(body::HAND, dir);
        }
        None => {
            l.elbow = elbow(shoulder, target, UPPER_ARM, FOREARM + PALM);
            let along = (target - l.elbow).unit();
            l.wrist = l.elbow + along * FOREARM;
            l.hand = l.wrist + along * body::HAND;
        }
    }
}

/// Where the elbow goes for the hand to reach `target` (or as near as the
/// arm allows).
fn elbow(shoulder: V2, target: V2, upper: f64, lower: f64) -> V2 {
    let to = target - shoulder;
    let d = to
        .len()
        .clamp((upper - lower).abs() + 1e-6, upper + lower - 1e-6);
    let cos = (upper * upper + d * d - lower * lower) / (2.0 * upper * d);
    // Elbows flex with the forearm turning anticlockwise from the upper arm
    // (see `body::pose_body`), so the upper arm sits clockwise of the line
    // to the target.
    let arm = to.angle() - cos.clamp(-1.0, 1.0).acos().to_degrees();
    shoulder + V2::polar(upper, arm)
}

/// Turns a foot about its ankle until it no longer dips below the support
/// (on all fours, the pointed foot would otherwise dig into the floor).
fn keep_feet_above(sk: &mut Skeleton, support: f64, plan: bool) {
    if plan {
        return;
    }
    for side in [Side::Near, Side::Far] {
        let l = sk.limbs_mut(side);
        for _ in 0..90 {
            if body::foot_bottom(l) >= support - 1e-9 {
                break;
            }
            // Point the foot a degree further, as a kneeling foot does.
            for p in [&mut l.heel, &mut l.ball, &mut l.toe] {
                *p = p.rotate_about(l.ankle, -1.0);
            }
        }
    }
}
