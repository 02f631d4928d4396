//! The wall checklist's view: per phase, one row per exercise and a tick box
//! per session, for each day of a week. The checklist PDF and the site's
//! checklist page both render from it.

use jiff::ToSpan;
use jiff::civil::Date;
use serde::Serialize;

use super::{ExerciseView, PublicationView};
use crate::words::Words;

/// The weekly sheets of a patient's phase that has no end, unless
/// `--weeks` asks for more or fewer.
pub const OPEN_PHASE_WEEKS: u32 = 6;

/// What to print: how many weeks, and from which day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChecklistOptions {
    /// Weeks per phase, one sheet each (at least 1).
    pub weeks: u32,
    /// The first day, for real dates in the column heads. Only patient
    /// printouts carry it: the website never does.
    pub start: Option<Date>,
}

impl Default for ChecklistOptions {
    fn default() -> Self {
        ChecklistOptions {
            weeks: 1,
            start: None,
        }
    }
}

/// The checklist of a whole publication.
#[derive(Debug, Clone, Serialize)]
pub struct ChecklistView<'a> {
    /// The publication's title.
    pub title: &'a str,
    /// The clinic's name, if given.
    pub clinic_name: Option<&'a str>,
    /// The clinic's phone, if given.
    pub clinic_phone: Option<&'a str>,
    /// When to get help: each sheet prints the two short lines.
    pub warning_signs: Option<&'a super::WarningSignsView>,
    /// Phases with at least one exercise, in order.
    pub phases: Vec<ChecklistPhase<'a>>,
    /// The program it prints, when it is one (with the patient's details
    /// on a patient's program).
    pub program: Option<&'a super::program::ProgramView>,
}

/// One phase: its rows, and a sheet per week.
#[derive(Debug, Clone, Serialize)]
pub struct ChecklistPhase<'a> {
    /// The phase's id.
    pub id: &'a str,
    /// Its title.
    pub title: &'a str,
    /// Its place among the phases, from 1.
    pub number: usize,
    /// When it starts, in words.
    pub starts: Option<&'a str>,
    /// Times a day for the phase, like `5-6`.
    pub times_per_day: Option<&'a str>,
    /// The same in the page's language: `5-6 times a day`.
    pub how_often: Option<&'a str>,
    /// The language of its words when they are not translated (see
    /// [`super::PhaseView::fallback_language`]).
    pub fallback_language: Option<&'a str>,
    /// One sheet per week.
    pub weeks: Vec<Week>,
    /// How many weeks the phase lasts at most (`weeks: 6-12` gives 12),
    /// when it says: the site's checklist offers that many weeks to tick.
    pub length_weeks: Option<u32>,
    /// One row per exercise: the exercise's view (its `dose.sessions`
    /// boxes a day, `dose.required` of them asked for).
    pub rows: &'a [ExerciseView],
    /// The most boxes a day of any row, for laying out the columns.
    pub max_sessions: u32,
    /// Whether any row has extra, optional boxes.
    pub has_optional: bool,
    /// Its dates, on a patient's program.
    pub window: Option<&'a super::program::WindowView>,
}

/// One week's sheet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Week {
    /// 1-based.
    pub number: u32,
    /// How many weeks are printed.
    pub of: u32,
    /// `2 March 2026`, or `None` for a blank `Week of ______`.
    pub starting: Option<String>,
    /// The seven column heads.
    pub days: Vec<Day>,
}

/// A column head.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Day {
    /// `Day 1`, or with a start date `Mon`.
    pub label: String,
    /// With a start date: `2 Mar`.
    pub date: Option<String>,
}

impl<'a> ChecklistView<'a> {
    /// The checklist of a publication.
    pub fn new(
        view: &'a PublicationView,
        options: ChecklistOptions,
        words: &Words,
    ) -> ChecklistView<'a> {
        let weeks = options.weeks.max(1);
        let clinic = view.head.clinic.as_ref();
        let phases = view
            .phases
            .iter()
            .filter(|phase| !phase.exercises.is_empty())
            .map(|phase| {
                // A patient's phase prints a sheet for each of its weeks,
                // dated from its first day.
                // A phase with no end prints the weeks asked for
                // (`--weeks`), or six.
                let (weeks, start) = match &phase.window {
                    Some(window) if window.until.is_none() => (
                        if weeks > 1 { weeks } else { OPEN_PHASE_WEEKS },
                        Some(window.first),
                    ),
                    Some(window) => (window.sheets, Some(window.first)),
                    None => (weeks, options.start),
                };
                ChecklistPhase {
                    id: &phase.id,
                    title: &phase.title,
                    number: phase.number,
                    starts: phase.starts.as_deref(),
                    times_per_day: phase.times_per_day.as_deref(),
                    how_often: phase.how_often.as_deref(),
                    fallback_language: phase.fallback_language.as_deref(),
                    weeks: (1..=weeks).map(|n| week(n, weeks, start, words)).collect(),
                    length_weeks: phase.written.weeks.map(|span| span.max),
                    rows: &phase.exercises,
                    max_sessions: (phase.exercises.iter())
                        .map(|e| e.dose.sessions)
                        .max()
                        .unwrap_or(1),
                    has_optional: (phase.exercises.iter())
                        .any(|e| e.dose.sessions > e.dose.required),
                    window: phase.window.as_ref(),
                }
            })
            .collect();
        ChecklistView {
            title: &view.head.title,
            clinic_name: clinic.and_then(|c| c.name.as_deref()),
            clinic_phone: clinic.and_then(|c| c.phone.as_deref()),
            warning_signs: view.head.warning_signs.as_ref(),
            phases,
            program: view.program.as_ref(),
        }
    }
}

fn week(number: u32, of: u32, start: Option<Date>, words: &Words) -> Week {
    let first = start.and_then(|s| s.checked_add(((number - 1) as i64 * 7).days()).ok());
    let days = (0..7)
        .map(
            |i| match first.and_then(|f| f.checked_add((i as i64).days()).ok()) {
                Some(date) => Day {
                    label: words.weekday_short(date),
                    date: Some(words.day_month_short(date)),
                },
                None => Day {
                    label: words.day_number(i + 1),
                    date: None,
                },
            },
        )
        .collect();
    Week {
        number,
        of,
        starting: first.map(|d| words.date_long(d)),
        days,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn week(number: u32, of: u32, start: Option<Date>) -> Week {
        super::week(number, of, start, &Words::load("en", &[]).unwrap())
    }

    #[test]
    fn dates_run_across_a_month_boundary() {
        let w = week(1, 2, Some(Date::new(2026, 3, 28).unwrap()));
        let dates: Vec<_> = w.days.iter().map(|d| d.date.clone().unwrap()).collect();
        assert_eq!(
            dates,
            [
                "28 Mar", "29 Mar", "30 Mar", "31 Mar", "1 Apr", "2 Apr", "3 Apr"
            ]
        );
        assert_eq!(w.days[0].label, "Sat");
        assert_eq!(w.starting.as_deref(), Some("28 March 2026"));
        let second = week(2, 2, Some(Date::new(2026, 3, 28).unwrap()));
        assert_eq!(second.days[0].date.as_deref(), Some("4 Apr"));
    }

    #[test]
    fn without_a_start_date_days_are_numbered() {
        let w = week(1, 1, None);
        assert_eq!(w.days[6].label, "Day 7");
        assert!(w.starting.is_none());
    }

    #[test]
    fn day_heads_are_in_the_language() {
        let es = Words::load("es", &[]).unwrap();
        let w = super::week(1, 1, Some(Date::new(2026, 3, 28).unwrap()), &es);
        assert_eq!(w.days[0].label, "sá");
        assert_eq!(w.days[4].date.as_deref(), Some("1 abr"));
        assert_eq!(w.starting.as_deref(), Some("28 de marzo de 2026"));
        assert_eq!(super::week(1, 1, None, &es).days[2].label, "Día 3");
    }
}
