//! A program's view: the library's view narrowed to a program's phases and
//! exercises, in its order, with its doses, and on a patient's program the
//! patient's cover details and each phase's dates. The handout and the
//! checklist render it exactly as they render the library's view.
//!
//! The patient's details live in [`PatientView`], which only a patient's
//! program carries; nothing else in a view names the patient.

use std::collections::BTreeMap;

pub use super::program_data::{PatientView, ProgramView, WindowView};
use super::{ExerciseView, LinkView, PhaseView, PublicationView};
use crate::content::patient_program::PatientProgram;
use crate::content::{Selection, Span, Window};
use crate::links::web_address;
use crate::words::Words;

/// The most checklist sheets a phase prints: a year of weeks.
const MAX_SHEETS: u32 = 52;

/// The site page of a published program, from the root.
pub fn program_path(id: &str) -> String {
    format!("programs/{id}/index.html")
}

impl PublicationView {
    /// The view of a program: `selection` picks and orders the library's
    /// exercises and sets their doses; `patient` adds a patient's details.
    pub fn program(
        &self,
        selection: &Selection,
        patient: Option<&PatientProgram>,
        words: &Words,
    ) -> PublicationView {
        let exercises: BTreeMap<&str, &ExerciseView> =
            self.exercises().map(|e| (e.id.as_str(), e)).collect();
        let phases: BTreeMap<&str, &PhaseView> =
            self.phases.iter().map(|p| (p.id.as_str(), p)).collect();
        let mut head = self.head.clone();
        head.title = selection.title.clone();
        // The cover's QR code leads to the program's own page; a patient's
        // program to the published one it starts from (the patient never
        // has a page of their own), or to the site's home.
        if let Some(base) = &self.head.base_url
            && let Some(id) = &selection.program
        {
            head.web_url = Some(web_address(base, &program_path(id)));
        }
        PublicationView {
            head,
            phases: (selection.phases.iter())
                .filter_map(|chosen| Some((chosen, *phases.get(chosen.phase.as_str())?)))
                .enumerate()
                .map(|(i, (chosen, phase))| {
                    let link = LinkView {
                        title: phase.title.clone(),
                        url: phase.url.clone(),
                    };
                    let rows: Vec<ExerciseView> = (chosen.exercises.iter())
                        .filter_map(|s| {
                            let mut row = ExerciseView {
                                set_for_patient: s.set_for_patient,
                                note: s.note.clone(),
                                phase: link.clone(),
                                ..(*exercises.get(s.id.as_str())?).clone()
                            };
                            // The program's dose, and every text that
                            // says it.
                            row.write_dose(&s.dose, words);
                            Some(row)
                        })
                        .collect();
                    let neighbour = |e: &ExerciseView| LinkView {
                        title: e.title.clone(),
                        url: e.url.clone(),
                    };
                    let exercises = (0..rows.len())
                        .map(|n| ExerciseView {
                            previous: n.checked_sub(1).map(|p| neighbour(&rows[p])),
                            next: rows.get(n + 1).map(neighbour),
                            ..rows[n].clone()
                        })
                        .collect();
                    let window = chosen.window.map(|window| window_view(window, words));
                    // A patient's phase lasts as long as its dates say: its
                    // text says so too ("for {weeks}"), and so does its
                    // checklist, a sheet a week.
                    let weeks = match &window {
                        Some(window) if window.until.is_some() => Some(Span {
                            min: window.sheets,
                            max: window.sheets,
                        }),
                        _ => phase.written.weeks,
                    };
                    let mut view = PhaseView {
                        number: i + 1,
                        exercises,
                        window,
                        ..phase.clone()
                    };
                    view.write_schedule(weeks, words);
                    view
                })
                .collect(),
            pages: self.pages.clone(),
            program: Some(ProgramView {
                id: selection.program.clone(),
                title: selection.title.clone(),
                url: match patient {
                    None => selection.program.as_deref().map(program_path),
                    Some(_) => None,
                },
                patient: patient.map(|patient| patient_view(patient, words)),
            }),
        }
    }
}

fn patient_view(patient: &PatientProgram, words: &Words) -> PatientView {
    PatientView {
        name: patient.patient.clone(),
        clinician: patient.clinician.clone(),
        phone: patient.phone.clone(),
        start_label: words.text(if patient.surgery {
            "patient-surgery-date"
        } else {
            "patient-start-date"
        }),
        start: words.day(patient.start),
        notes: patient.notes.clone(),
        link: None,
    }
}

/// A phase's dates in words, and its weekly sheets.
pub fn window_view(window: Window, words: &Words) -> WindowView {
    let text = match window.until {
        Some(until) if until.year() == window.from.year() => {
            words.range(&words.day_without_year(window.from), &words.day(until))
        }
        Some(until) => words.range(&words.day(window.from), &words.day(until)),
        None => words.from(&words.day(window.from)),
    };
    let sheets = window.until.map_or(1, |until| {
        let days = (until - window.from).get_days().max(1);
        (days.unsigned_abs()).div_ceil(7).clamp(1, MAX_SHEETS)
    });
    WindowView {
        from: words.day(window.from),
        until: window.until.map(|until| words.day(until)),
        text,
        first: window.from,
        sheets,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::Date;

    fn d(y: i16, m: i8, day: i8) -> Date {
        Date::new(y, m, day).unwrap()
    }

    fn window_view(window: Window) -> WindowView {
        super::window_view(window, &Words::load("en", &[]).unwrap())
    }

    #[test]
    fn a_window_is_written_in_the_language() {
        let es = Words::load("es", &[]).unwrap();
        let w = super::window_view(
            Window {
                from: d(2027, 1, 11),
                until: Some(d(2027, 2, 22)),
            },
            &es,
        );
        assert_eq!(w.text, "lunes 11 de enero – lunes 22 de febrero de 2027");
    }

    #[test]
    fn a_window_reads_like_the_issue() {
        let w = window_view(Window {
            from: d(2027, 1, 11),
            until: Some(d(2027, 2, 22)),
        });
        assert_eq!(w.text, "Mon 11 Jan – Mon 22 Feb 2027");
        assert_eq!(w.sheets, 6);
    }

    #[test]
    fn a_window_across_the_year_end_names_both_years() {
        let w = window_view(Window {
            from: d(2026, 12, 21),
            until: Some(d(2027, 1, 4)),
        });
        assert_eq!(w.text, "Mon 21 Dec 2026 – Mon 4 Jan 2027");
        assert_eq!(w.sheets, 2);
    }

    #[test]
    fn a_window_over_a_leap_day_counts_it() {
        // 22 Feb to 7 Mar 2028 is 14 days with 29 Feb: two sheets; in 2027
        // the same dates are 13 days, still two.
        let leap = window_view(Window {
            from: d(2028, 2, 22),
            until: Some(d(2028, 3, 7)),
        });
        assert_eq!(leap.sheets, 2);
        assert_eq!(leap.text, "Tue 22 Feb – Tue 7 Mar 2028");
        let open = window_view(Window {
            from: d(2028, 2, 29),
            until: None,
        });
        assert_eq!(open.text, "from Tue 29 Feb 2028");
        assert_eq!(open.sheets, 1);
    }
}
