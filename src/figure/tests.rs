//! Tests of the whole figure pipeline: the default content's exercises (read
//! from content/exercises/, never copied here), the placement rules, SVG
//! output, and an ignored helper that writes a gallery of SVGs for looking
//! at.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::scene::{Limbs, Scene, Skeleton, V2};
use super::*;

/// A figure to test: its name, alt text and pose.
struct Sample {
    name: String,
    alt: String,
    pose: Pose,
}

/// The drawn figures of a content folder under the repository, read by
/// the content loader, so the tests follow every change to them.
fn samples_in(folder: &str) -> Vec<Sample> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(folder);
    let project = crate::content::load(&root).unwrap_or_else(|e| panic!("{folder}: {e}"));
    project
        .exercises
        .iter()
        .filter_map(|e| {
            let figure = e.figure.as_ref()?;
            match &figure.source {
                crate::content::FigureSource::Pose(pose) => Some(Sample {
                    name: e.id.clone(),
                    alt: figure.alt.clone(),
                    pose: pose.clone(),
                }),
                crate::content::FigureSource::Image(_) => None,
            }
        })
        .collect()
}

/// The default content's drawn figures, from content/exercises/.
fn content_samples() -> Vec<Sample> {
    let samples = samples_in("content");
    assert!(samples.len() >= 5, "the default content draws its figures");
    samples
}

/// The test fixtures' drawn figures: another clinic's library
/// (tests/fixtures/figures: postures and props the defaults do not use),
/// the valid fixture's (one of them a still pose) and the Japanese one's.
fn fixture_samples() -> Vec<Sample> {
    let mut out = Vec::new();
    for folder in ["figures", "valid", "japanese"] {
        let found = samples_in(&format!("tests/fixtures/{folder}"));
        assert!(!found.is_empty(), "tests/fixtures/{folder} draws figures");
        out.extend(found.into_iter().map(|s| Sample {
            name: format!("{folder}-{}", s.name),
            ..s
        }));
    }
    out
}

/// One default exercise's pose, by id.
fn content_pose(id: &str) -> Pose {
    content_samples()
        .into_iter()
        .find(|s| s.name == id)
        .unwrap_or_else(|| panic!("no drawn figure for {id} in content/exercises/"))
        .pose
}

/// The default content's figures and the fixtures'.
fn all_samples() -> Vec<Sample> {
    content_samples()
        .into_iter()
        .chain(fixture_samples())
        .collect()
}

fn map(pairs: &[(&str, f64)]) -> BTreeMap<String, f64> {
    pairs.iter().map(|(k, v)| (k.to_string(), *v)).collect()
}

fn pose(posture: &str, props: &[&str], start: &[(&str, f64)], end: &[(&str, f64)]) -> Pose {
    validate(&PoseInput {
        posture: posture.into(),
        props: props.iter().map(|p| p.to_string()).collect(),
        targets: Vec::new(),
        start: Some(map(start)),
        end: Some(map(end)),
    })
    .unwrap()
}

fn near(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-3
}

/// Lowest point of a skeleton's feet.
fn feet_bottom(s: &Skeleton) -> f64 {
    // Heel, ball and toe centres sit this far above the sole (the radius of
    // their rounding); see `body::foot_points`.
    let foot = |l: &Limbs| {
        (l.heel.y - 0.022)
            .min(l.ball.y - 0.016)
            .min(l.toe.y - 0.012)
    };
    foot(&s.near).min(foot(&s.far))
}

/// The key joints of both frames, rounded, one line each, and the
/// movement the figure shows.
fn summary(scene: &Scene) -> String {
    let mut out = String::new();
    let p = |v: V2| format!("({:.2}, {:.2})", v.x, v.y);
    for frame in [Frame::Start, Frame::End] {
        let s = scene.skeleton(frame);
        let _ = writeln!(
            out,
            "{frame:?}: hip {} shoulder {} head {}",
            p(s.hip),
            p(s.shoulder),
            p(s.head)
        );
        for (side, l) in [("near", &s.near), ("far", &s.far)] {
            let _ = writeln!(
                out,
                "  {side}: elbow {} hand {} knee {} ankle {} heel {} toe {}",
                p(l.elbow),
                p(l.hand),
                p(l.knee),
                p(l.ankle),
                p(l.heel),
                p(l.toe)
            );
        }
    }
    if let Some(m) = scene.motion() {
        let _ = writeln!(
            out,
            "moves: {} from {:.0} to {:.0}",
            m.joint.name(),
            m.from,
            m.to
        );
    }
    if let Some((from, to)) = scene.arrow_ends() {
        let _ = writeln!(out, "arrow: {} to {}", p(from), p(to));
    }
    out
}

#[test]
fn the_default_exercises_keep_their_shape() {
    for sample in content_samples() {
        let scene = Scene::new(&sample.pose);
        insta::assert_snapshot!(sample.name, summary(&scene));
    }
}

/// The drawings themselves, as the site publishes them: the figure of
/// every default exercise and every fixture, two labelled panels (one for
/// a still pose), in the default theme.
#[test]
fn the_drawings_are_what_they_were() {
    let inks = Inks::default();
    for sample in all_samples() {
        let figure = draw_panels(&sample.pose, &inks, LABELS);
        insta::assert_snapshot!(
            format!("svg-{}", sample.name),
            svg::to_svg(&figure, &sample.alt)
        );
    }
}

/// Every figure that moves has two labelled panels, an arrow and a
/// highlight; a still one has one panel.
#[test]
fn moving_figures_have_two_panels_an_arrow_and_a_highlight() {
    let inks = Inks::default();
    let tint = |d: &crate::geom::Drawing| {
        d.shapes
            .iter()
            .filter(|s| s.fill == Some(inks.highlight))
            .count()
    };
    let arrows = |d: &crate::geom::Drawing| {
        d.shapes
            .iter()
            .filter(|s| s.stroke.is_some_and(|k| k.color == inks.accent))
            .count()
    };
    for sample in all_samples() {
        let figure = draw_panels(&sample.pose, &inks, LABELS);
        let end = draw(&sample.pose, Frame::End, &inks);
        assert!(
            !sample.pose.targets.is_empty(),
            "{}: no target",
            sample.name
        );
        assert!(tint(&end) > 0, "{}: no highlight", sample.name);
        if sample.pose.moves() {
            let texts: Vec<_> = figure.labels.iter().map(|l| l.text.as_str()).collect();
            assert_eq!(texts, LABELS, "{}", sample.name);
            assert!(figure.labels[1].at.x.0 > figure.drawing.size.width.0 / 2.0);
            assert_eq!(arrows(&end), 1, "{}: one arrow", sample.name);
            // The arrow is in the end panel only.
            assert_eq!(arrows(&figure.drawing), 1, "{}", sample.name);
            assert_eq!(arrows(&draw(&sample.pose, Frame::Start, &inks)), 0);
        } else {
            assert!(figure.labels.is_empty(), "{}", sample.name);
            assert_eq!(arrows(&figure.drawing), 0, "{}", sample.name);
        }
    }
}

/// The middle of a hand's palm.
fn palm(l: &Limbs) -> V2 {
    l.wrist + (l.hand - l.wrist).unit() * 0.035
}

/// Where the chest is: below the shoulders, on the trunk's line.
fn chest(s: &Skeleton) -> V2 {
    s.shoulder + (s.hip - s.shoulder).unit() * 0.1
}

/// How far a point is in front of the trunk's line (hip to shoulder);
/// negative behind it.
fn before_trunk(s: &Skeleton, p: V2) -> f64 {
    (p - s.hip).dot(s.front)
}

/// The article: "sit in a chair with a back support ... With your arms
/// and elbows bent ... press both arms backward".
#[test]
fn upper_back_sits_tall_elbows_bent_arms_pressed_back() {
    let scene = Scene::new(&content_pose("upper-back-strengthening"));
    for frame in [Frame::Start, Frame::End] {
        assert!(
            scene.measured(frame, Joint::Trunk).abs() < 5.0,
            "sitting tall"
        );
        for side in [Side::Near, Side::Far] {
            let elbow = scene.measured(frame, Joint::Limb(LimbJoint::Elbow, side));
            assert!(
                (70.0..=110.0).contains(&elbow),
                "{frame:?} {side:?} elbow {elbow}"
            );
        }
    }
    let s = scene.skeleton(Frame::End);
    for l in [&s.near, &s.far] {
        let behind = before_trunk(s, l.elbow);
        assert!(behind < -0.05, "elbow only {behind} behind the trunk line");
    }
    let start = scene.skeleton(Frame::Start);
    assert!(
        before_trunk(start, start.near.elbow).abs() < 0.02,
        "arms at the sides to start"
    );
    let m = scene.motion().unwrap();
    assert_eq!(m.joint, Joint::Limb(LimbJoint::Shoulder, Side::Near));
}

/// "lying on your back and bending one of your hips, grasping your thigh
/// just above the knee": the hip near a right angle, the hands on the
/// back of the thigh (not on the knee or the shin), the knee free.
#[test]
fn hamstring_hip_bent_up_hands_behind_the_thigh_knee_free() {
    let scene = Scene::new(&content_pose("hamstring-stretch"));
    let s = scene.skeleton(Frame::End);
    let hip = scene.measured(Frame::End, Joint::Limb(LimbJoint::Hip, Side::Near));
    assert!((70.0..=100.0).contains(&hip), "hip {hip}");
    let knee = scene.measured(Frame::End, Joint::Limb(LimbJoint::Knee, Side::Near));
    assert!(knee < 60.0, "a free knee is not bent up: {knee}");
    let thigh = s.near.knee - s.hip;
    for l in [&s.near, &s.far] {
        let p = palm(l);
        // Along the thigh, nearer the knee than the hip, short of it.
        let along = (p - s.hip).dot(thigh.unit()) / thigh.len();
        assert!(
            (0.55..0.92).contains(&along),
            "palm {along} of the way up the thigh"
        );
        // On its back (the side away from the face): the thigh's back is
        // a quarter turn clockwise from its line.
        let back = -thigh.unit().perp();
        let off = (p - s.hip).dot(back);
        assert!(
            (0.0..0.06).contains(&off),
            "palm {off} off the thigh's line"
        );
    }
    // Lying: the start is flat.
    let start = scene.skeleton(Frame::Start);
    assert!(
        scene
            .measured(Frame::Start, Joint::Limb(LimbJoint::Hip, Side::Near))
            .abs()
            < 5.0
    );
    assert!((start.near.ankle.y - start.hip.y).abs() < 0.05);
    assert_eq!(
        scene.motion().unwrap().joint,
        Joint::Limb(LimbJoint::Hip, Side::Near)
    );
}

/// "Lie on your back with your knees bent and feet flat on the bed. Lift
/// one leg bent at the knee and pull it up to your chest": the knee
/// comes much nearer the chest than in the hamstring stretch, and the two
/// look different at a glance (the hamstring's leg points up, the
/// knee-to-chest's stays low and folded).
#[test]
fn knee_to_chest_comes_closer_than_the_hamstring_stretch() {
    let chest_gap = |id: &str| {
        let scene = Scene::new(&content_pose(id));
        let s = *scene.skeleton(Frame::End);
        ((s.near.knee - chest(&s)).len(), s)
    };
    let (hamstring, h) = chest_gap("hamstring-stretch");
    let (knee, k) = chest_gap("knee-to-chest-stretch");
    assert!(
        knee < hamstring - 0.08,
        "knee {knee} vs hamstring {hamstring}"
    );
    // Feet flat to start, both knees bent.
    let scene = Scene::new(&content_pose("knee-to-chest-stretch"));
    let start = scene.skeleton(Frame::Start);
    for l in [&start.near, &start.far] {
        assert!(feet_bottom_of(l) - 0.30 < 0.005, "a foot flat on the bed");
        assert!(l.knee.y > start.hip.y + 0.1, "knees bent up");
    }
    // At a glance: the hamstring's foot is far above the knee-to-chest's.
    assert!(h.near.toe.y > k.near.toe.y + 0.2);
    let hands = |s: &Skeleton| palm(&s.near);
    // Hands on the shin, just below the knee.
    let shin = k.near.ankle - k.near.knee;
    let along = (hands(&k) - k.near.knee).dot(shin.unit()) / shin.len();
    assert!((0.0..0.5).contains(&along), "hands {along} down the shin");
}

/// "Stand against a wall ... hold the heel of your back foot down. Lean
/// into the wall": the back leg straight, solid (the near one), its heel
/// on the floor; the body leaning in.
#[test]
fn calf_back_leg_straight_and_solid_heel_down() {
    let scene = Scene::new(&content_pose("calf-stretch"));
    for frame in [Frame::Start, Frame::End] {
        let s = scene.skeleton(frame);
        assert!(
            s.near.ankle.x < s.far.ankle.x - 0.15,
            "{frame:?}: the near leg is the back one"
        );
        let knee = scene.measured(frame, Joint::Limb(LimbJoint::Knee, Side::Near));
        assert!(knee < 3.0, "{frame:?}: back knee bent {knee}");
        assert!(s.near.heel.y - 0.022 < 0.003, "{frame:?}: back heel up");
        assert!(
            feet_bottom_of(&s.far) < 0.003,
            "{frame:?}: front foot off the floor"
        );
    }
    assert!(
        scene.measured(Frame::End, Joint::Trunk) >= 15.0,
        "leaning in"
    );
    let pose = content_pose("calf-stretch");
    assert_eq!(
        pose.targets,
        [Target {
            part: Part::Calf,
            side: Some(Side::Near)
        }]
    );
    assert_eq!(scene.motion().unwrap().joint, Joint::Trunk);
}

/// "rise up on your toes": a rise a reader sees, the toes down.
#[test]
fn heel_raise_rises_clearly_onto_the_toes() {
    let scene = Scene::new(&content_pose("ankle-strengthening"));
    let (a, b) = (scene.skeleton(Frame::Start), scene.skeleton(Frame::End));
    // Body heights: the figure is 1 tall.
    let heel = b.near.heel.y - 0.022;
    assert!(heel >= 0.04, "heel only {heel} above the floor");
    assert!(a.near.heel.y - 0.022 < 0.003, "heels down to start");
    assert!(near(b.near.toe.y - 0.012, 0.0) && near(b.near.ball.y - 0.016, 0.0));
    assert_eq!(
        scene.motion().unwrap().joint,
        Joint::Limb(LimbJoint::Ankle, Side::Near)
    );
}

/// The lowest point of one foot.
fn feet_bottom_of(l: &Limbs) -> f64 {
    (l.heel.y - 0.022)
        .min(l.ball.y - 0.016)
        .min(l.toe.y - 0.012)
}

/// No limb goes through the chair's back or seat, the bed, the counter or
/// the wall, in any default exercise or fixture, at the start or the end
/// (resting on one is fine).
#[test]
fn no_limb_passes_through_a_prop() {
    for sample in all_samples() {
        let scene = Scene::new(&sample.pose);
        for frame in [Frame::Start, Frame::End] {
            let depth = scene.intrusion(frame);
            assert!(
                depth < 0.006,
                "{} {frame:?}: {depth} into a prop",
                sample.name
            );
        }
    }
}

/// The arrow sits at the movement: its head near the end of the bone the
/// main joint moves, and the figure's thick outline on that limb.
#[test]
fn the_arrow_ends_at_the_part_that_moves() {
    for sample in all_samples().into_iter().filter(|s| s.pose.moves()) {
        let scene = Scene::new(&sample.pose);
        let (_, tip) = scene
            .arrow_ends()
            .unwrap_or_else(|| panic!("{}: no arrow", sample.name));
        let m = scene.motion().unwrap();
        let s = scene.skeleton(Frame::End);
        let points: Vec<V2> = match m.joint {
            Joint::Trunk | Joint::Neck => vec![s.shoulder, s.head, s.hip],
            // The ends of the two bones the joint joins.
            Joint::Limb(limb, side) => {
                let l = s.limbs(side);
                match limb {
                    LimbJoint::Shoulder => vec![s.shoulder, l.elbow, s.hip],
                    LimbJoint::Elbow => vec![s.shoulder, l.elbow, l.wrist],
                    LimbJoint::Hip => vec![s.shoulder, s.hip, l.knee],
                    LimbJoint::Knee => vec![s.hip, l.knee, l.ankle],
                    LimbJoint::Ankle => vec![l.knee, l.ankle, l.heel, l.toe],
                }
            }
        };
        let gap = points
            .iter()
            .map(|p| (*p - tip).len())
            .fold(f64::INFINITY, f64::min);
        assert!(
            gap < 0.15,
            "{}: the arrow ends {gap} from the moving part",
            sample.name
        );
    }
}

#[test]
fn standing_feet_rest_on_the_floor() {
    let p = pose(
        "standing",
        &[],
        &[],
        &[("near_knee", 60.0), ("near_hip", 60.0)],
    );
    let scene = Scene::new(&p);
    let s = scene.skeleton(Frame::End);
    assert!(near(feet_bottom(s), 0.0));
    // The standing leg's foot lies flat; the lifted one is in the air.
    assert!(near(s.far.heel.y, s.far.ball.y + 0.006));
    assert!(s.near.ankle.y > 0.1);
}

#[test]
fn on_tiptoe_the_toes_stay_down_and_the_body_rises() {
    let scene = Scene::new(&content_pose("ankle-strengthening"));
    let (a, b) = (scene.skeleton(Frame::Start), scene.skeleton(Frame::End));
    assert!(near(feet_bottom(b), 0.0));
    assert!(b.head.y > a.head.y + 0.03);
    // The toes do not slide.
    assert!((b.far.toe.x - a.far.toe.x).abs() < 0.01);
}

#[test]
fn sitting_at_neutral_has_level_thighs_and_upright_shins() {
    let scene = Scene::new(&pose("sitting", &["chair"], &[], &[]));
    let s = scene.skeleton(Frame::End);
    assert!(near(s.near.knee.y, s.hip.y));
    assert!(s.near.knee.x > s.hip.x + 0.2);
    assert!(near(s.near.ankle.x, s.near.knee.x));
    assert!(near(feet_bottom(s), 0.0));
}

#[test]
fn lying_hip_and_knee_at_right_angles_point_the_shin_to_the_feet_end() {
    let p = pose(
        "lying-on-back",
        &["bed"],
        &[],
        &[("near_hip", 90.0), ("near_knee", 90.0)],
    );
    let scene = Scene::new(&p);
    let s = scene.skeleton(Frame::End);
    // Head on the left, knee straight above the hip, shin level.
    assert!(s.head.x < s.hip.x - 0.3);
    assert!(near(s.near.knee.x, s.hip.x));
    assert!(s.near.knee.y > s.hip.y + 0.2);
    assert!(near(s.near.ankle.y, s.near.knee.y));
    assert!(s.near.ankle.x > s.near.knee.x + 0.2);
    // The far leg stays straight on the bed.
    assert!(near(s.far.ankle.y, s.hip.y));
}

#[test]
fn hands_rest_on_the_counter_and_touch_the_wall() {
    let scene = Scene::new(&content_pose("ankle-strengthening"));
    for frame in [Frame::Start, Frame::End] {
        let s = scene.skeleton(frame);
        // The palm lies flat on the counter top.
        assert!(near(s.near.hand.y, s.near.wrist.y));
        assert!(near(s.near.wrist.y, 0.53 + 0.021));
    }
    let scene = Scene::new(&content_pose("calf-stretch"));
    let s = scene.skeleton(Frame::End);
    assert!(s.near.hand.y > s.near.wrist.y + 0.06, "fingers up the wall");
    assert!(near(feet_bottom(s), 0.0));
}

#[test]
fn svg_is_well_formed_and_accessible() {
    let inks = Inks::default();
    for sample in content_samples() {
        let p = &sample.pose;
        let figure = draw_panels(p, &inks, LABELS);
        for svg in [
            svg::to_svg(&figure, &sample.alt),
            svg::drawing_to_svg(&draw(p, Frame::End, &inks), &sample.alt),
        ] {
            check_xml(&svg);
            assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\""));
            assert!(svg.contains("<title>A person"), "{}", sample.name);
            assert!(!svg.contains("<script") && !svg.contains("href"));
            // Nothing moves by itself on the site.
            assert!(!svg.contains("animation") && !svg.contains("<animate"));
        }
    }
    let figure = draw_panels(
        &content_pose("hamstring-stretch"),
        &inks,
        ["<Start>", "End & after"],
    );
    let svg = svg::to_svg(&figure, "Tom & Jerry <\"'>");
    check_xml(&svg);
    assert!(svg.contains("<title>Tom &amp; Jerry &lt;&quot;&apos;&gt;</title>"));
    assert!(svg.contains(">&lt;Start&gt;</text>") && svg.contains(">End &amp; after</text>"));
}

/// A small well-formedness check: tags balance, attributes are quoted, and
/// text holds no bare `<` or `&`.
fn check_xml(xml: &str) {
    let mut stack: Vec<&str> = Vec::new();
    let mut rest = xml;
    while let Some(open) = rest.find('<') {
        let text = &rest[..open];
        assert!(!text.contains('>'), "stray '>' in {text:?}");
        for (i, _) in text.match_indices('&') {
            let entity = &text[i..];
            assert!(
                ["&amp;", "&lt;", "&gt;", "&quot;", "&apos;"]
                    .iter()
                    .any(|e| entity.starts_with(e)),
                "bare '&' in {text:?}"
            );
        }
        let close = rest[open..].find('>').expect("unclosed tag") + open;
        let tag = &rest[open + 1..close];
        assert_eq!(
            tag.matches('"').count() % 2,
            0,
            "unbalanced quotes in {tag}"
        );
        if let Some(name) = tag.strip_prefix('/') {
            assert_eq!(stack.pop(), Some(name.trim()), "mismatched </{name}>");
        } else if !tag.ends_with('/') {
            let name = tag.split_whitespace().next().expect("empty tag");
            stack.push(name);
        }
        rest = &rest[close + 1..];
    }
    assert!(stack.is_empty(), "unclosed: {stack:?}");
    assert!(rest.trim().is_empty());
}

#[test]
fn a_still_pose_is_one_panel_without_labels_or_arrow() {
    let p = pose("standing", &[], &[], &[]);
    assert!(!p.moves());
    let inks = Inks::default();
    let figure = draw_panels(&p, &inks, LABELS);
    assert!(figure.labels.is_empty());
    assert_eq!(figure.drawing, draw(&p, Frame::End, &inks));
    assert!(Scene::new(&p).arrow_ends().is_none());
}

#[test]
fn both_panels_share_one_size() {
    let p = content_pose("knee-to-chest-stretch");
    assert!(p.moves());
    let inks = Inks::default();
    assert_eq!(
        draw(&p, Frame::Start, &inks).size,
        draw(&p, Frame::End, &inks).size
    );
}

#[test]
fn nothing_goes_through_the_floor_or_the_wall() {
    let bends = [
        vec![],
        vec![
            ("near_hip", 120.0),
            ("near_knee", 150.0),
            ("far_hip", -30.0),
        ],
        vec![("near_ankle", -50.0), ("far_ankle", 30.0), ("trunk", 60.0)],
        vec![
            ("near_shoulder", 180.0),
            ("far_shoulder", -60.0),
            ("near_elbow", 150.0),
        ],
        vec![
            ("trunk", -30.0),
            ("neck", 60.0),
            ("far_knee", 150.0),
            ("far_hip", 150.0),
        ],
    ];
    for posture in Posture::ALL {
        for props in [&["mat", "wall"][..], &["bed"], &[]] {
            let props: Vec<_> = props
                .iter()
                .filter(|p| Prop::from_name(p).unwrap().fits(posture))
                .copied()
                .collect();
            for end in &bends {
                let p = pose(posture.name(), &props, &[], end);
                let scene = Scene::new(&p);
                let s = scene.skeleton(Frame::End);
                let d = draw(&p, Frame::End, &Inks::default());
                assert!(d.size.width.0 > 0.0 && d.size.height.0 > 0.0);
                if posture == Posture::LyingOnSide {
                    continue;
                }
                let floor = if p.has(Prop::Mat) { 0.012 } else { 0.0 };
                let bottom = scene.lowest_point(Frame::End);
                assert!(
                    bottom >= floor - 1e-6,
                    "{posture:?} {props:?} {end:?}: {bottom}"
                );
                if let Some(wall) = scene.wall() {
                    let front = scene.foremost_point(Frame::End);
                    assert!(
                        front <= wall + 1e-6,
                        "{posture:?} {end:?}: {front} > {wall}"
                    );
                }
                assert!(s.head.y > floor);
            }
        }
    }
}

#[test]
fn every_shape_fits_inside_the_drawing() {
    use crate::geom::Segment;
    for e in all_samples() {
        let p = &e.pose;
        let inks = Inks::default();
        let figure = draw_panels(p, &inks, LABELS).drawing;
        for d in [
            draw(p, Frame::Start, &inks),
            draw(p, Frame::End, &inks),
            figure,
        ] {
            for shape in &d.shapes {
                // Round caps reach half a stroke past the path; the floor's
                // butt-capped line runs exactly edge to edge.
                let pad = shape
                    .stroke
                    .filter(|s| s.style == crate::geom::LineStyle::Round)
                    .map_or(0.0, |s| s.width.0 / 2.0);
                for seg in shape.segments.iter() {
                    let points = match *seg {
                        Segment::MoveTo(a) | Segment::LineTo(a) => vec![a],
                        Segment::CubicTo(a, b, c) => vec![a, b, c],
                        Segment::Close => vec![],
                    };
                    for q in points {
                        let (x, y) = (q.x.0, q.y.0);
                        assert!(
                            x - pad >= -0.01 && x + pad <= d.size.width.0 + 0.01,
                            "{}",
                            e.name
                        );
                        assert!(
                            y - pad >= -0.01 && y + pad <= d.size.height.0 + 0.01,
                            "{}",
                            e.name
                        );
                    }
                }
            }
        }
    }
}

#[test]
fn without_angles_the_posture_is_drawn_at_neutral() {
    let p = validate(&PoseInput {
        posture: "sitting".into(),
        ..PoseInput::default()
    })
    .unwrap();
    assert!(!p.moves());
    assert_eq!(
        p.angle(Frame::End, Joint::Limb(LimbJoint::Knee, Side::Near)),
        90.0
    );
    assert_eq!(
        p.given(Frame::End, Joint::Limb(LimbJoint::Knee, Side::Near)),
        None
    );
}

/// Writes every base posture at neutral and the default exercises as SVG
/// (still and animated), for looking at, into the folder
/// `HANDOUT_TEST_OUT` names (a temporary one otherwise, printed). Run with
/// `HANDOUT_TEST_OUT=figs cargo test --lib figure::tests::gallery -- --ignored`.
#[test]
#[ignore = "writes files for looking at"]
fn gallery() {
    let out = crate::test_output::folder("figures");
    let dir = out.path();
    let inks = Inks::default();
    for posture in Posture::ALL {
        let p = pose(posture.name(), &["mat"], &[], &[]);
        let svg = svg::drawing_to_svg(&draw(&p, Frame::End, &inks), posture.name());
        std::fs::write(dir.join(format!("posture-{}.svg", posture.name())), svg).unwrap();
    }
    for e in all_samples() {
        let p = &e.pose;
        let figure = draw_panels(p, &inks, LABELS);
        std::fs::write(
            dir.join(format!("{}.svg", e.name)),
            svg::to_svg(&figure, &e.alt),
        )
        .unwrap();
        for frame in [Frame::Start, Frame::End] {
            let svg = svg::drawing_to_svg(&draw(p, frame, &inks), &e.alt);
            std::fs::write(dir.join(format!("{}-{frame:?}.svg", e.name)), svg).unwrap();
        }
    }
}

/// The pictures of the base postures in content/README.md are drawn by
/// this code; this test keeps them current. After changing the drawing,
/// refresh them with `HANDOUT_UPDATE_POSTURES=1 cargo test posture_pictures`.
#[test]
fn posture_pictures_in_the_content_guide_are_current() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content/docs/postures");
    let update = std::env::var_os("HANDOUT_UPDATE_POSTURES").is_some();
    for posture in Posture::ALL {
        let p = pose(posture.name(), &["mat"], &[], &[]);
        let d = draw(&p, Frame::End, &Inks::default());
        let svg = svg::drawing_to_svg(&d, &format!("The base posture {}", posture.name()));
        let path = dir.join(format!("{}.svg", posture.name()));
        if update {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&path, &svg).unwrap();
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == svg,
            "{} is out of date: run HANDOUT_UPDATE_POSTURES=1 cargo test posture_pictures",
            path.display()
        );
    }
}
