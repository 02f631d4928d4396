//! Tests of the whole figure pipeline: the default content's exercises (read
//! from content/exercises/, never copied here), the placement rules, SVG
//! output, and an ignored helper that writes a gallery of SVGs for looking
//! at.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::geometry::{Limbs, Scene, Skeleton, V2};
use super::*;

/// A pose described in code: the gallery's extra postures and props.
struct Example {
    name: &'static str,
    alt: &'static str,
    posture: &'static str,
    props: &'static [&'static str],
    start: Option<&'static [(&'static str, f64)]>,
    end: &'static [(&'static str, f64)],
}

/// A figure to test: its name, alt text and pose.
struct Sample {
    name: String,
    alt: String,
    pose: Pose,
}

/// The default content's drawn figures, read by the content loader from
/// content/exercises/, so the tests follow every change to them.
fn content_samples() -> Vec<Sample> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let project = crate::content::load(&root).unwrap_or_else(|e| panic!("{e}"));
    let samples: Vec<Sample> = project
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
        .collect();
    assert!(samples.len() >= 5, "the default content draws its figures");
    samples
}

/// One default exercise's pose, by id.
fn content_pose(id: &str) -> Pose {
    content_samples()
        .into_iter()
        .find(|s| s.name == id)
        .unwrap_or_else(|| panic!("no drawn figure for {id} in content/exercises/"))
        .pose
}

/// The default content's figures and the gallery's extras.
fn all_samples() -> Vec<Sample> {
    let extras = EXTRAS.iter().map(|e| Sample {
        name: e.name.to_string(),
        alt: e.alt.to_string(),
        pose: example_pose(e),
    });
    content_samples().into_iter().chain(extras).collect()
}

/// More descriptions for the gallery, to look at props and postures the
/// defaults do not use.
const EXTRAS: [Example; 4] = [
    Example {
        name: "extra-heel-slide",
        alt: "Lying on the back on a mat, sliding one heel on a towel towards the buttock.",
        posture: "lying-on-back",
        props: &["mat", "towel"],
        start: Some(&[("near_hip", 0.0), ("near_knee", 0.0)]),
        end: &[("near_hip", 50.0), ("near_knee", 100.0)],
    },
    Example {
        name: "extra-knee-extension",
        alt: "Sitting on the edge of a bed, straightening one knee.",
        posture: "sitting",
        props: &["bed"],
        start: Some(&[]),
        end: &[("near_knee", 0.0), ("near_ankle", 10.0)],
    },
    Example {
        name: "extra-bird-dog",
        alt: "On hands and knees on a mat, reaching one arm forwards and the opposite leg back.",
        posture: "all-fours",
        props: &["mat"],
        start: Some(&[]),
        end: &[
            ("near_shoulder", 170.0),
            ("far_hip", -10.0),
            ("far_knee", 0.0),
        ],
    },
    Example {
        name: "extra-arm-raise",
        alt: "Standing on a mat, raising both arms, a towel in hand.",
        posture: "standing",
        props: &["towel", "mat"],
        start: Some(&[]),
        end: &[
            ("near_shoulder", 150.0),
            ("far_shoulder", 150.0),
            ("trunk", -10.0),
        ],
    },
];

fn map(pairs: &[(&str, f64)]) -> BTreeMap<String, f64> {
    pairs.iter().map(|(k, v)| (k.to_string(), *v)).collect()
}

fn example_pose(e: &Example) -> Pose {
    validate(&PoseInput {
        posture: e.posture.into(),
        props: e.props.iter().map(|p| p.to_string()).collect(),
        start: e.start.map(map),
        end: Some(map(e.end)),
    })
    .unwrap_or_else(|problems| panic!("{}: {problems:?}", e.name))
}

fn pose(posture: &str, props: &[&str], start: &[(&str, f64)], end: &[(&str, f64)]) -> Pose {
    validate(&PoseInput {
        posture: posture.into(),
        props: props.iter().map(|p| p.to_string()).collect(),
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

/// The key joints of both frames, rounded, one line each.
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
    out
}

#[test]
fn the_default_exercises_keep_their_shape() {
    for sample in content_samples() {
        let scene = Scene::new(&sample.pose);
        insta::assert_snapshot!(sample.name, summary(&scene));
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
    assert!(near(b.near.toe.y - 0.012, 0.0));
    assert!(near(b.near.ball.y - 0.016, 0.0));
    assert!(near(feet_bottom(b), 0.0));
    assert!(b.near.heel.y > a.near.heel.y + 0.04);
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
fn hands_hold_the_thigh_in_the_hamstring_stretch() {
    let scene = Scene::new(&content_pose("hamstring-stretch"));
    let s = scene.skeleton(Frame::End);
    for l in [&s.near, &s.far] {
        let palm = l.wrist + (l.hand - l.wrist).unit() * 0.035;
        // On the thigh line, between hip and knee, nearer the knee.
        assert!((palm.x - s.hip.x).abs() < 0.01, "{palm:?}");
        assert!(palm.y > s.hip.y + 0.12 && palm.y < s.near.knee.y);
    }
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
    for sample in content_samples() {
        let p = &sample.pose;
        for animate in [false, true] {
            let svg = svg::to_svg(p, &sample.alt, animate);
            check_xml(&svg);
            assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\""));
            assert!(svg.contains("<title>A person"), "{}", sample.name);
            assert!(!svg.contains("<script") && !svg.contains("href"));
            assert_eq!(svg.contains("prefers-reduced-motion"), animate && p.moves());
        }
    }
    let svg = svg::to_svg(
        &content_pose("hamstring-stretch"),
        "Tom & Jerry <\"'>",
        false,
    );
    check_xml(&svg);
    assert!(svg.contains("<title>Tom &amp; Jerry &lt;&quot;&apos;&gt;</title>"));
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
fn a_still_pose_has_no_animation_and_no_arrow() {
    let p = pose("standing", &[], &[], &[]);
    assert!(!p.moves());
    let svg = svg::to_svg(&p, "Standing", true);
    assert!(!svg.contains("@keyframes"));
    assert_eq!(draw_motion(&p), draw(&p, Frame::End));
}

#[test]
fn both_frames_share_one_viewbox() {
    let p = content_pose("knee-to-chest-stretch");
    assert!(p.moves());
    assert_eq!(draw(&p, Frame::Start).size, draw(&p, Frame::End).size);
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
                let d = draw(&p, Frame::End);
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
        for d in [draw(p, Frame::Start), draw(p, Frame::End), draw_motion(p)] {
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
    for posture in Posture::ALL {
        let p = pose(posture.name(), &["mat"], &[], &[]);
        let svg = svg::to_svg(&p, posture.name(), false);
        std::fs::write(dir.join(format!("posture-{}.svg", posture.name())), svg).unwrap();
    }
    for e in all_samples() {
        let p = &e.pose;
        std::fs::write(
            dir.join(format!("{}.svg", e.name)),
            svg::to_svg(p, &e.alt, false),
        )
        .unwrap();
        std::fs::write(
            dir.join(format!("{}-animated.svg", e.name)),
            svg::to_svg(p, &e.alt, true),
        )
        .unwrap();
        for frame in [Frame::Start, Frame::End] {
            let d = draw(p, frame);
            let svg = svg::drawing_to_svg(&d, &e.alt);
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
        let svg = svg::to_svg(&p, &format!("The base posture {}", posture.name()), false);
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
