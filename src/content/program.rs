//! Programs: a published one from `programs/<id>.yaml`, and the exercise
//! lists that a patient's program file shares with it.
//!
//! ```yaml
//! title: After spine surgery
//! phases:
//!   gentle-stretching: [hamstring-stretch, knee-to-chest-stretch, calf-stretch]
//!   strengthening:
//!     - upper-back-strengthening
//!     - ankle-strengthening: { hold: 5 s, repeat: 10 }
//! ```

use super::fields::File;
use super::model::{DoseChange, Program, ProgramExercise, ProgramPhase};
use super::validate::{REPEAT, Reference, TIMES_PER_DAY, count_of, hold_of, scalar_range, span_of};
use super::yaml::{Node, Value};

/// What a program may change of an exercise's dose.
pub(crate) const CHANGE_FIELDS: &[&str] = &["hold", "repeat", "times_per_day"];

/// An item of an exercise list: `calf-stretch`, or `calf-stretch: { hold:
/// 20 s }`, or (in a patient's file) `remove: calf-stretch`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Item {
    /// The exercise's id.
    pub id: String,
    /// Where the id is written, for messages.
    pub at: std::ops::Range<usize>,
    /// Whether the item removes the exercise.
    pub remove: bool,
    /// The dose changed.
    pub dose: DoseChange,
    /// A note for the patient (patient files only).
    pub note: Option<String>,
}

/// Validates a published program.
pub(crate) fn program(
    file: &File<'_>,
    id: &str,
    node: &Node,
    refs: &mut Vec<Reference>,
) -> Option<Program> {
    let f = file.fields(node, "a program", &super::schema::PROGRAM.names())?;
    let title = f.required_text("title", "add a `title:`, like `title: After spine surgery`");
    let phases_node = f.required(
        "phases",
        "add `phases:` with each phase's id and its exercises' ids under it, in order",
    );
    let mut phases = Vec::new();
    let mut seen = Vec::new();
    if let Some(phases_node) = phases_node {
        let Value::Map(entries) = &phases_node.value else {
            file.report(
                phases_node.pos,
                format!(
                    "'phases' should be a set of `phase-id: [exercise ids]`, not {}",
                    phases_node.value.kind()
                ),
                Some("write each phase's id on its own line under `phases:`, its exercises in a list under it".into()),
            );
            return None;
        };
        for (key, list) in entries {
            let at = key_range(file, key);
            if phases.iter().any(|p: &ProgramPhase| p.phase == key.name) {
                file.report(
                    key.pos,
                    format!("phase '{}' is listed twice", key.name),
                    Some("list each phase once, with all its exercises".into()),
                );
            }
            refs.push(Reference::Phase {
                id: key.name.clone(),
                at,
            });
            let mut exercises = Vec::new();
            for item in file.list_of(list, &key.name) {
                let Some(item) = exercise_item(file, item, false) else {
                    continue;
                };
                if seen.contains(&item.id) {
                    file.report_range(
                        item.at.clone(),
                        format!("exercise '{}' is in this program twice", item.id),
                        Some("keep it in one place only".into()),
                    );
                    continue;
                }
                seen.push(item.id.clone());
                refs.push(Reference::Exercise {
                    id: item.id.clone(),
                    at: item.at.clone(),
                });
                exercises.push(ProgramExercise {
                    id: item.id,
                    dose: item.dose,
                });
            }
            phases.push(ProgramPhase {
                phase: key.name.clone(),
                exercises,
            });
        }
    }
    if phases_node.is_some() && phases.iter().all(|p| p.exercises.is_empty()) {
        file.report(
            f.key("phases").map_or(f.pos(), |k| k.pos),
            "this program has no exercises",
            Some(
                "list exercise ids under a phase, like `gentle-stretching: [calf-stretch]`".into(),
            ),
        );
    }
    Some(Program {
        id: id.to_string(),
        title: title?,
        phases,
    })
}

/// The byte range of a mapping key in the file's text.
pub(crate) fn key_range(file: &File<'_>, key: &super::yaml::Key) -> std::ops::Range<usize> {
    let start = file.offset_of(key.pos);
    let len = if file.text[start..].starts_with(&key.name) {
        key.name.len()
    } else {
        1
    };
    start..start + len
}

/// Reads one item of an exercise list. `patient` allows `remove:` and
/// `note:`.
pub(crate) fn exercise_item(file: &File<'_>, node: &Node, patient: bool) -> Option<Item> {
    let form = if patient {
        "`- calf-stretch`, `- calf-stretch: { hold: 20 s }` or `- remove: calf-stretch`"
    } else {
        "`- calf-stretch` or `- calf-stretch: { hold: 20 s, repeat: 3 }`"
    };
    match &node.value {
        Value::Str(id) => Some(Item {
            id: id.trim().to_string(),
            at: scalar_range(file, node, id),
            remove: false,
            dose: DoseChange::default(),
            note: None,
        }),
        Value::Map(entries) if entries.len() == 1 => {
            let (key, value) = &entries[0];
            if patient && key.name == "remove" {
                let Value::Str(id) = &value.value else {
                    file.report(
                        value.pos,
                        "'remove' takes the id of one exercise",
                        Some("write it like `- remove: knee-to-chest-stretch`".into()),
                    );
                    return None;
                };
                return Some(Item {
                    id: id.trim().to_string(),
                    at: scalar_range(file, value, id),
                    remove: true,
                    dose: DoseChange::default(),
                    note: None,
                });
            }
            let known: &'static [&'static str] = if patient {
                &["hold", "repeat", "times_per_day", "note"]
            } else {
                CHANGE_FIELDS
            };
            let what = format!("the changes to '{}'", key.name);
            let f = file.fields(value, &what, known)?;
            let dose = DoseChange {
                hold_seconds: f.get("hold").and_then(|n| hold_of(file, n)),
                repeat: f
                    .get("repeat")
                    .and_then(|n| count_of(file, n, "repeat", REPEAT)),
                times_per_day: f
                    .get("times_per_day")
                    .and_then(|n| span_of(file, n, "times_per_day", TIMES_PER_DAY)),
            };
            Some(Item {
                id: key.name.clone(),
                at: key_range(file, key),
                remove: false,
                dose,
                note: if patient { f.text("note") } else { None },
            })
        }
        other => {
            file.report(
                node.pos,
                format!("an exercise here is its id, not {}", other.kind()),
                Some(format!("write it like {form}")),
            );
            None
        }
    }
}

/// What a program prints, resolved against the library: its phases in
/// order, each with its exercises and their final doses. A published
/// program, the whole library and a patient's program all come to this,
/// and the view renders it.
#[derive(Debug, Clone, PartialEq)]
pub struct Selection {
    /// The published program's id, when it is one (or a patient's program
    /// starts from one).
    pub program: Option<String>,
    /// The title printed on its PDFs and in their metadata.
    pub title: String,
    /// Its phases in order.
    pub phases: Vec<SelectedPhase>,
}

/// A phase of a selection.
#[derive(Debug, Clone, PartialEq)]
pub struct SelectedPhase {
    /// The library phase's id.
    pub phase: String,
    /// Its exercises, in order.
    pub exercises: Vec<Selected>,
    /// Its dates, on a patient's program.
    pub window: Option<Window>,
}

/// The dates of one phase of a patient's program.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    /// Its first day.
    pub from: jiff::civil::Date,
    /// The day after its last, when known (the next phase's first day, or
    /// its weeks after its first).
    pub until: Option<jiff::civil::Date>,
}

/// An exercise of a selection.
#[derive(Debug, Clone, PartialEq)]
pub struct Selected {
    /// The library exercise's id.
    pub id: String,
    /// Its dose, with every change made.
    pub dose: super::model::Dose,
    /// Whether the patient's program changed the dose.
    pub set_for_patient: bool,
    /// A note for the patient, Markdown.
    pub note: Option<String>,
}

impl super::model::Project {
    /// Every exercise of the library by phase: what the library's own
    /// handout and checklist print.
    pub fn library_selection(&self) -> Selection {
        Selection {
            program: None,
            title: self.settings.title.clone(),
            phases: (self.phases.iter())
                .map(|phase| SelectedPhase {
                    phase: phase.id.clone(),
                    exercises: (self.exercises_in(&phase.id))
                        .map(|e| Selected {
                            id: e.id.clone(),
                            dose: e.dose,
                            set_for_patient: false,
                            note: None,
                        })
                        .collect(),
                    window: None,
                })
                .collect(),
        }
    }

    /// A published program's exercises, with its doses.
    pub fn program_selection(&self, program: &Program) -> Selection {
        let exercise = |id: &str| self.exercises.iter().find(|e| e.id == id);
        Selection {
            program: Some(program.id.clone()),
            title: program.title.clone(),
            phases: (program.phases.iter())
                .map(|phase| SelectedPhase {
                    phase: phase.phase.clone(),
                    exercises: (phase.exercises.iter())
                        .filter_map(|p| {
                            Some(Selected {
                                id: p.id.clone(),
                                dose: p.dose.apply(&exercise(&p.id)?.dose),
                                set_for_patient: false,
                                note: None,
                            })
                        })
                        .collect(),
                    window: None,
                })
                .collect(),
        }
    }
}
