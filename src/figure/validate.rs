//! Turns the therapist's raw `figure:` keys ([`PoseInput`]) into a checked
//! [`Pose`], reporting every problem at once with a hint where one helps.

use std::collections::BTreeMap;

use super::pose::{Frame, Pose, PoseInput};
use super::vocab::{Joint, Part, Posture, Prop, Side, Target};

/// Where in the `figure:` map a problem sits, so the content loader can
/// point at the right YAML key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PoseField {
    /// The `pose:` value.
    Posture,
    /// The prop at this index of the `props:` list.
    Prop(usize),
    /// The body part at this index of the `target:` list (0 for a
    /// single name).
    Target(usize),
    /// A key inside the `start:` or `end:` map.
    Joint {
        /// Which map.
        frame: Frame,
        /// The key as written.
        name: String,
    },
}

/// One thing wrong with a figure description.
#[derive(Debug, Clone, PartialEq)]
pub struct PoseProblem {
    /// Where it is.
    pub at: PoseField,
    /// What is wrong, in one sentence without a trailing full stop.
    pub message: String,
    /// How to fix it, if there is something useful to say.
    pub hint: Option<String>,
}

/// Checks a figure description, returning every problem found.
///
/// When only one of `start` and `end` is given, that is the still pose and
/// both frames show it; when neither is given the posture is drawn at its
/// neutral angles.
pub fn validate(input: &PoseInput) -> Result<Pose, Vec<PoseProblem>> {
    let mut problems = Vec::new();

    let posture = Posture::from_name(&input.posture);
    if posture.is_none() {
        let names: Vec<_> = Posture::ALL.iter().map(|p| p.name()).collect();
        problems.push(PoseProblem {
            at: PoseField::Posture,
            message: format!("unknown posture '{}'", input.posture),
            hint: Some(suggest(&input.posture, &names, "postures")),
        });
    }

    let mut props = Vec::new();
    for (i, name) in input.props.iter().enumerate() {
        match Prop::from_name(name) {
            Some(prop) if props.contains(&prop) => problems.push(PoseProblem {
                at: PoseField::Prop(i),
                message: format!("prop '{name}' is listed twice"),
                hint: None,
            }),
            Some(prop) => {
                if let Some(posture) = posture.filter(|&p| !prop.fits(p)) {
                    let fitting: Vec<_> = Posture::ALL
                        .iter()
                        .filter(|&&p| prop.fits(p))
                        .map(|p| p.name())
                        .collect();
                    problems.push(PoseProblem {
                        at: PoseField::Prop(i),
                        message: format!(
                            "a {name} is not drawn with the posture '{}'",
                            posture.name()
                        ),
                        hint: Some(format!("a {name} goes with: {}", fitting.join(", "))),
                    });
                }
                props.push(prop);
            }
            None => {
                let names: Vec<_> = Prop::ALL.iter().map(|p| p.name()).collect();
                problems.push(PoseProblem {
                    at: PoseField::Prop(i),
                    message: format!("unknown prop '{name}'"),
                    hint: Some(suggest(name, &names, "props")),
                });
            }
        }
    }

    let targets = targets(&input.targets, &mut problems);

    let start = input
        .start
        .as_ref()
        .map(|map| angles(Frame::Start, map, &mut problems));
    let end = input
        .end
        .as_ref()
        .map(|map| angles(Frame::End, map, &mut problems));

    match posture {
        Some(posture) if problems.is_empty() => {
            let (start, end) = match (start, end) {
                (Some(s), Some(e)) => (s, e),
                (Some(only), None) | (None, Some(only)) => (only.clone(), only),
                (None, None) => Default::default(),
            };
            Ok(Pose {
                posture,
                props,
                targets,
                start,
                end,
            })
        }
        _ => Err(problems),
    }
}

/// Checks the `target:` names: each a body part, limb parts optionally
/// with `near_` or `far_`, none twice.
fn targets(names: &[String], problems: &mut Vec<PoseProblem>) -> Vec<Target> {
    let mut out = Vec::new();
    for (i, name) in names.iter().enumerate() {
        let at = PoseField::Target(i);
        let (side, bare) = match (name.strip_prefix("near_"), name.strip_prefix("far_")) {
            (Some(bare), _) => (Some(Side::Near), bare),
            (_, Some(bare)) => (Some(Side::Far), bare),
            _ => (None, name.as_str()),
        };
        let Some(part) = Part::from_name(bare) else {
            // Suggest among the names with the side as written.
            let prefix = &name[..name.len() - bare.len()];
            let names: Vec<String> = (Part::ALL.iter())
                .filter(|p| prefix.is_empty() || p.is_limb())
                .map(|p| format!("{prefix}{}", p.name()))
                .collect();
            let names: Vec<&str> = names.iter().map(String::as_str).collect();
            problems.push(PoseProblem {
                at,
                message: format!("unknown target '{name}'"),
                hint: Some(suggest(name, &names, "targets")),
            });
            continue;
        };
        let target = if part.is_limb() {
            Target {
                part,
                side: Some(side.unwrap_or(Side::Near)),
            }
        } else if side.is_some() {
            problems.push(PoseProblem {
                at,
                message: format!(
                    "'{name}': the {} is in the middle of the body and has no side",
                    bare.replace('_', " ")
                ),
                hint: Some(format!("write `{bare}`")),
            });
            continue;
        } else {
            Target { part, side: None }
        };
        if out.contains(&target) {
            problems.push(PoseProblem {
                at,
                message: format!("target '{name}' is listed twice"),
                hint: None,
            });
            continue;
        }
        out.push(target);
    }
    out
}

/// Checks one `start:` or `end:` map.
fn angles(
    frame: Frame,
    map: &BTreeMap<String, f64>,
    problems: &mut Vec<PoseProblem>,
) -> BTreeMap<Joint, f64> {
    let mut out = BTreeMap::new();
    for (name, &degrees) in map {
        let at = PoseField::Joint {
            frame,
            name: name.clone(),
        };
        let Some(joint) = Joint::from_name(name) else {
            let names: Vec<_> = Joint::ALL.iter().map(|j| j.name()).collect();
            problems.push(PoseProblem {
                at,
                message: format!("unknown joint '{name}'"),
                hint: Some(suggest(name, &names, "joints")),
            });
            continue;
        };
        let (low, high) = joint.range();
        if !degrees.is_finite() || degrees < low || degrees > high {
            problems.push(PoseProblem {
                at,
                message: format!(
                    "{name} of {}° is impossible: {}",
                    Degrees(degrees),
                    joint.explain()
                ),
                hint: None,
            });
            continue;
        }
        out.insert(joint, degrees);
    }
    out
}

/// Formats an angle without a pointless `.0`.
struct Degrees(f64);

impl std::fmt::Display for Degrees {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.0.fract() == 0.0 && self.0.abs() < 1e9 {
            write!(f, "{}", self.0 as i64)
        } else {
            write!(f, "{}", self.0)
        }
    }
}

/// A hint naming the known words the writer probably meant, if any, then
/// all of them.
fn suggest(word: &str, known: &[&str], what: &str) -> String {
    let list = known.join(", ");
    // A shortened name ("lying") matches every word it begins; otherwise
    // take the closest spelling, if it is close.
    let mut meant: Vec<&str> = known
        .iter()
        .copied()
        .filter(|k| word.len() >= 3 && k.starts_with(word))
        .collect();
    if meant.is_empty() {
        meant.extend(
            known
                .iter()
                .map(|k| (strsim::damerau_levenshtein(word, k), *k))
                .min()
                .filter(|&(distance, k)| distance <= 2.max(k.len() / 3))
                .map(|(_, k)| k),
        );
    }
    match meant.as_slice() {
        [] => format!("{what}: {list}"),
        [one] => format!("did you mean '{one}'? {what}: {list}"),
        [first @ .., last] => {
            let first: Vec<_> = first.iter().map(|k| format!("'{k}'")).collect();
            format!(
                "did you mean {} or '{last}'? {what}: {list}",
                first.join(", ")
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(posture: &str, props: &[&str], end: &[(&str, f64)]) -> PoseInput {
        PoseInput {
            posture: posture.to_owned(),
            props: props.iter().map(|p| p.to_string()).collect(),
            targets: Vec::new(),
            start: None,
            end: Some(end.iter().map(|(k, v)| (k.to_string(), *v)).collect()),
        }
    }

    #[test]
    fn a_good_description_validates() {
        let pose = validate(&input("sitting", &["chair"], &[("near_knee", 20.0)])).unwrap();
        assert_eq!(pose.posture, Posture::Sitting);
        assert_eq!(pose.props, vec![Prop::Chair]);
        // A lone `end` is the still pose: both frames show it.
        assert_eq!(pose.start, pose.end);
    }

    #[test]
    fn a_misspelt_joint_gets_a_suggestion() {
        let problems = validate(&input("standing", &[], &[("near_hipp", 10.0)])).unwrap_err();
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].message, "unknown joint 'near_hipp'");
        let hint = problems[0].hint.as_deref().unwrap();
        assert!(hint.starts_with("did you mean 'near_hip'? joints: near_shoulder, far_shoulder"));
        assert_eq!(
            problems[0].at,
            PoseField::Joint {
                frame: Frame::End,
                name: "near_hipp".into()
            }
        );
    }

    #[test]
    fn an_impossible_angle_explains_the_range() {
        let problems = validate(&input("standing", &[], &[("near_knee", 200.0)])).unwrap_err();
        assert_eq!(
            problems[0].message,
            "near_knee of 200° is impossible: a knee bends from 0° (straight) to 150°"
        );
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let problems = validate(&input(
            "lying",
            &["bed", "sofa", "bed"],
            &[("elbow", 10.0), ("far_ankle", -80.0)],
        ))
        .unwrap_err();
        let messages: Vec<_> = problems.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "unknown posture 'lying'",
                "unknown prop 'sofa'",
                "prop 'bed' is listed twice",
                "unknown joint 'elbow'",
                "far_ankle of -80° is impossible: an ankle moves from -50° (toes pointed) \
                 through 0° (foot at a right angle to the shin) to 30° (toes pulled up)",
            ]
        );
        assert_eq!(problems[1].at, PoseField::Prop(1));
        assert_eq!(
            problems[0].hint.as_deref(),
            Some(
                "did you mean 'lying-on-back' or 'lying-on-side'? postures: \
                 lying-on-back, lying-on-side, sitting, standing, all-fours"
            )
        );
        // Nothing is close to "sofa", so the hint only lists the props.
        assert_eq!(
            problems[1].hint.as_deref(),
            Some("props: mat, bed, wall, chair, counter, towel")
        );
    }

    #[test]
    fn a_prop_must_suit_the_posture() {
        let problems = validate(&input("standing", &["mat", "chair"], &[])).unwrap_err();
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].at, PoseField::Prop(1));
        assert_eq!(
            problems[0].message,
            "a chair is not drawn with the posture 'standing'"
        );
        assert_eq!(
            problems[0].hint.as_deref(),
            Some("a chair goes with: sitting")
        );
    }

    #[test]
    fn targets_name_body_parts_on_a_side() {
        let mut i = input("lying-on-back", &[], &[]);
        i.targets = vec!["hamstrings".into(), "far_calf".into(), "lower_back".into()];
        let pose = validate(&i).unwrap();
        let found: Vec<_> = pose.targets.iter().map(|t| (t.part, t.side)).collect();
        assert_eq!(
            found,
            [
                (Part::Hamstrings, Some(Side::Near)),
                (Part::Calf, Some(Side::Far)),
                (Part::LowerBack, None),
            ]
        );
        // `near_` is what no side means.
        i.targets = vec!["near_calf".into()];
        assert_eq!(validate(&i).unwrap().targets[0].side, Some(Side::Near));
    }

    #[test]
    fn a_wrong_target_is_located_with_a_suggestion() {
        let mut i = input("lying-on-back", &[], &[]);
        i.targets = vec![
            "hamstring".into(),
            "far_upper_back".into(),
            "calf".into(),
            "near_calf".into(),
            "far_clf".into(),
        ];
        let problems = validate(&i).unwrap_err();
        let found: Vec<_> = problems
            .iter()
            .map(|p| (p.at.clone(), p.message.as_str(), p.hint.as_deref()))
            .collect();
        assert_eq!(found[0].0, PoseField::Target(0));
        assert_eq!(found[0].1, "unknown target 'hamstring'");
        assert!(
            found[0].2.unwrap().starts_with(
                "did you mean 'hamstrings'? targets: hamstrings, quadriceps, calf, shin"
            ),
            "{:?}",
            found[0].2
        );
        assert_eq!(
            found[1],
            (
                PoseField::Target(1),
                "'far_upper_back': the upper back is in the middle of the body and has no side",
                Some("write `upper_back`")
            )
        );
        assert_eq!(
            found[2],
            (
                PoseField::Target(3),
                "target 'near_calf' is listed twice",
                None
            )
        );
        // With a side, the suggestions carry it, and name limbs only.
        assert_eq!(found[3].0, PoseField::Target(4));
        let hint = found[3].2.unwrap();
        assert!(
            hint.starts_with("did you mean 'far_calf'? targets: far_hamstrings"),
            "{hint}"
        );
        assert!(!hint.contains("far_neck"), "{hint}");
        assert_eq!(problems.len(), 4);
    }

    #[test]
    fn not_a_number_is_rejected() {
        let problems = validate(&input("standing", &[], &[("trunk", f64::NAN)])).unwrap_err();
        assert!(
            problems[0]
                .message
                .starts_with("trunk of NaN° is impossible")
        );
    }
}
