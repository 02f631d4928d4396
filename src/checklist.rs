//! The wall checklist: per phase, one row per exercise and one tick box per
//! session, for each day of a week. This module builds the checklist's data
//! from the content; the PDF and the site page both draw from it.
//!
//! The PDF goes the handout's way: the `pdf/checklist.md` template turns
//! the [`Checklist`] into Markdown (a table of tick boxes per sheet), and
//! the typesetter sets it on landscape pages.

use jiff::ToSpan;
use jiff::civil::Date;
use serde::Serialize;

use crate::content::Project;
use crate::diag::{Diagnostic, Diagnostics};
use crate::geom::Pt;
use crate::layout;
use crate::templates::Templates;

/// The checklist's file name in the output folder.
pub const CHECKLIST_PDF: &str = "checklist.pdf";

/// What to print: how many weeks, and from which day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChecklistOptions {
    /// Weeks per phase, one page each (at least 1).
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

/// The checklist of a whole project.
#[derive(Debug, Clone, Serialize)]
pub struct Checklist {
    /// The publication's title.
    pub title: String,
    /// The clinic's name, if given.
    pub clinic_name: Option<String>,
    /// The clinic's phone, if given.
    pub clinic_phone: Option<String>,
    /// Phases with at least one exercise, in order.
    pub phases: Vec<ChecklistPhase>,
}

/// One phase: its rows, and a sheet per week.
#[derive(Debug, Clone, Serialize)]
pub struct ChecklistPhase {
    /// The phase's id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// When it starts, in words.
    pub starts: Option<String>,
    /// Times a day for the phase, like `5-6`.
    pub times_per_day: Option<String>,
    /// One sheet per week.
    pub weeks: Vec<Week>,
    /// One row per exercise.
    pub rows: Vec<Row>,
    /// The largest number of boxes a day of any row, for laying out the
    /// columns.
    pub max_sessions: u32,
}

/// One week's sheet.
#[derive(Debug, Clone, Serialize)]
pub struct Week {
    /// 1-based.
    pub number: u32,
    /// How many weeks are printed.
    pub of: u32,
    /// `Week of 2 March 2026`, or `None` for a blank `Week of ______`.
    pub starting: Option<String>,
    /// The seven column heads.
    pub days: Vec<Day>,
}

/// A column head.
#[derive(Debug, Clone, Serialize)]
pub struct Day {
    /// `Day 1`, or with a start date `Mon`.
    pub label: String,
    /// With a start date: `2 Mar`.
    pub date: Option<String>,
}

/// One exercise's row.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    /// The exercise's id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// `Hold 30 s · 3 times each leg`.
    pub dose: String,
    /// Boxes a day: the upper bound of times per day.
    pub sessions: u32,
    /// How many of them are required: the lower bound; the rest are
    /// optional and drawn lighter.
    pub required: u32,
    /// Whether the exercise has a figure (its id names it).
    pub has_figure: bool,
    /// The figure's alternative text.
    pub figure_alt: Option<String>,
}

/// Builds the checklist.
pub fn build(project: &Project, options: ChecklistOptions) -> Checklist {
    let weeks = options.weeks.max(1);
    let clinic = project.settings.clinic.as_ref();
    let phases = project
        .phases
        .iter()
        .filter_map(|phase| {
            let rows: Vec<Row> = project
                .exercises_in(&phase.id)
                .map(|e| Row {
                    id: e.id.clone(),
                    title: e.title.clone(),
                    dose: e.dose.short(),
                    sessions: e.dose.sessions_per_day(),
                    required: e.dose.times_per_day.map_or(1, |s| s.min),
                    has_figure: e.figure.is_some(),
                    figure_alt: e.figure.as_ref().map(|f| f.alt.clone()),
                })
                .collect();
            if rows.is_empty() {
                return None;
            }
            Some(ChecklistPhase {
                id: phase.id.clone(),
                title: phase.title.clone(),
                starts: phase.starts.clone(),
                times_per_day: phase.times_per_day.map(|s| s.to_string()),
                max_sessions: rows.iter().map(|r| r.sessions).max().unwrap_or(1),
                weeks: (1..=weeks).map(|n| week(n, weeks, options.start)).collect(),
                rows,
            })
        })
        .collect();
    Checklist {
        title: project.settings.title.clone(),
        clinic_name: clinic.and_then(|c| c.name.clone()),
        clinic_phone: clinic.and_then(|c| c.phone.clone()),
        phases,
    }
}

/// The first day for the PDF: `--start` wins over handout.yaml's
/// `start_date` (already checked to be YYYY-MM-DD when the content loaded).
pub fn start_date(cli: Option<Date>, project: &Project) -> Option<Date> {
    cli.or_else(|| project.settings.start_date.as_deref()?.parse().ok())
}

/// Renders the checklist's Markdown through its template.
pub fn markdown(
    project: &Project,
    templates: &Templates,
    options: ChecklistOptions,
) -> Result<String, Diagnostic> {
    templates.render("pdf/checklist.md", &build(project, options))
}

/// Typesets the checklist: the handout's paper, type and footer, turned
/// sideways.
pub fn typeset(
    project: &Project,
    templates: &Templates,
    options: ChecklistOptions,
    large_print: bool,
    figures: &dyn Fn(&str) -> Option<layout::Figure>,
) -> Result<layout::Document, Diagnostic> {
    let text = markdown(project, templates, options)?;
    let mut typeset =
        crate::handout::typeset_options(project, large_print, "Exercise checklist", figures);
    typeset.landscape = true;
    // The template prints the clinic's phone large; the footer keeps
    // only the page numbers.
    typeset.footer_left = None;
    // Seven columns of boxes leave a landscape page little room: large
    // print sets the sheet at 16 pt (titles, day heads and boxes grow),
    // where 18 pt would break words inside their cells.
    if large_print {
        typeset.body_size = Pt(16.0);
    }
    Ok(layout::typeset(&text, &typeset))
}

/// Builds the checklist PDF: its bytes and its number of pages.
pub fn render(
    project: &Project,
    templates: &Templates,
    options: ChecklistOptions,
    large_print: bool,
    figures: &dyn Fn(&str) -> Option<layout::Figure>,
) -> Result<(Vec<u8>, usize), Diagnostics> {
    let document = typeset(project, templates, options, large_print, figures)
        .map_err(|d| Diagnostics(vec![d]))?;
    let pages = document.pages.len();
    let bytes = crate::pdf::write_pdf(&document).map_err(|error| {
        Diagnostics(vec![Diagnostic::file(
            std::path::Path::new(CHECKLIST_PDF),
            format!("cannot write the PDF: {error:#}"),
        )])
    })?;
    Ok((bytes, pages))
}

fn week(number: u32, of: u32, start: Option<Date>) -> Week {
    let first = start.and_then(|s| s.checked_add(((number - 1) as i64 * 7).days()).ok());
    let days = (0..7)
        .map(
            |i| match first.and_then(|f| f.checked_add((i as i64).days()).ok()) {
                Some(date) => Day {
                    label: date.strftime("%a").to_string(),
                    date: Some(date.strftime("%-d %b").to_string()),
                },
                None => Day {
                    label: format!("Day {}", i + 1),
                    date: None,
                },
            },
        )
        .collect();
    Week {
        number,
        of,
        starting: first.map(|d| d.strftime("%-d %B %Y").to_string()),
        days,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
