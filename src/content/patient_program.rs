//! A patient's program file: one patient's exercises, doses and dates,
//! read from outside the content folder and validated against it like the
//! library (every problem at once, each located in the patient's file).
//!
//! What it says about the patient stays in the [`PatientProgram`]: the
//! outputs print it on that patient's two PDFs only.

use std::path::{Path, PathBuf};

use jiff::ToSpan;
use jiff::civil::Date;

use super::fields::{Fields, File};
use super::model::{ContentFile, FileKind, Project};
use super::program::{Item, Selected, SelectedPhase, Selection, Window, exercise_item, key_range};
use super::yaml::{Node, Value};
use crate::diag::{Diagnostic, Diagnostics, did_you_mean};

/// The fields of a patient's program file.
pub const PATIENT_FIELDS: &[&str] = &[
    "program",
    "patient",
    "clinician",
    "phone",
    "surgery_date",
    "start_date",
    "language",
    "large_print",
    "phases",
    "exercises",
    "notes",
];
const PHASE_FIELDS: &[&str] = &["from_week", "from", "weeks"];
/// The latest a phase may start: two years after the first day.
const MAX_FROM_WEEK: i64 = 104;

/// One patient's program, validated and resolved against the library.
#[derive(Debug, Clone, PartialEq)]
pub struct PatientProgram {
    /// The file it was read from.
    pub path: PathBuf,
    /// The patient's name, printed on the cover only.
    pub patient: Option<String>,
    /// The clinician.
    pub clinician: Option<String>,
    /// A phone number for the patient.
    pub phone: Option<String>,
    /// The surgery date or first day: the first phase's first day.
    pub start: Date,
    /// Whether `start` is the day of surgery (else the day the patient
    /// starts).
    pub surgery: bool,
    /// Large print, when the file says.
    pub large_print: Option<bool>,
    /// Notes for the patient, Markdown.
    pub notes: Option<String>,
    /// The language the patient reads, one of the content's (the
    /// content's own when the file does not say).
    pub language: String,
    /// The exercises, doses and phase dates.
    pub selection: Selection,
    /// The file as read, for messages about its text.
    pub source: ContentFile,
    /// What is worth a second look but did not stop it (a date years
    /// away), its quotes masked like every message about the file.
    pub warnings: Diagnostics,
}

/// Reads and validates a patient's program file against the library.
pub fn load(path: &Path, project: &Project) -> Result<PatientProgram, Diagnostics> {
    let mut problems = Diagnostics::new();
    let found = super::read::Found {
        relative: String::new(),
        shown: path.to_path_buf(),
        real: path.to_path_buf(),
        metadata: None,
    };
    let Some(text) = super::read::read_text(&found, &mut problems) else {
        return Err(problems);
    };
    let file = File::new(path, &text);
    let source = ContentFile {
        path: path.to_path_buf(),
        kind: FileKind::Patient,
        text: text.as_str().into(),
        in_handout: true,
    };
    let program = super::read::parse_yaml(&file, &text, 0)
        .and_then(|node| read(&file, &node, project, source));
    problems.extend(file.into_problems());
    // No message quotes the patient's name or notes, whatever it is about.
    problems.mask(path, &text, &private_ranges(&text));
    match program {
        Some(mut program) if !problems.has_errors() => {
            program.warnings = problems;
            Ok(program)
        }
        _ => Err(problems),
    }
}

fn read(
    file: &File<'_>,
    node: &Node,
    project: &Project,
    source: ContentFile,
) -> Option<PatientProgram> {
    let f = file.fields(node, "a patient's program", PATIENT_FIELDS)?;
    let base = base_selection(file, &f, project)?;
    let language = language_of(file, &f, &project.settings.languages);
    let surgery = f.get("surgery_date");
    let start = start_of(file, &f);
    let mut selection = base;
    // The title is printed in the patient's language, like every word.
    if let Some(language) = &language {
        selection.title = project.title_in(language, selection.program.as_deref());
    }
    if let Some(list) = f.get("exercises") {
        for item in file.list_of(list, "exercises") {
            if let Some(item) = exercise_item(file, item, true) {
                change(file, project, &mut selection, item);
            }
        }
    }
    let timing = f
        .get("phases")
        .map(|node| phase_timing(file, node, &selection));
    selection.phases.retain(|p| !p.exercises.is_empty());
    if selection.phases.is_empty() {
        file.report(
            f.key("exercises").map_or(f.pos(), |k| k.pos),
            "this program has no exercises left",
            Some("remove fewer exercises, or add some".into()),
        );
    }
    // The notes are Markdown printed on the handout: a link that could
    // run a script (or nesting too deep) is an error at its place, as in
    // the content.
    if let Some(node) = f.get("notes")
        && let Value::Str(text) = &node.value
    {
        // A patient's file is outside the content: a path in its notes
        // leads nowhere the PDF can go, and prints as text.
        super::validate::markdown_refs(file, node, &mut text.clone(), &mut Vec::new());
    }
    let start = start?;
    let timing = timing.unwrap_or_default();
    if let Some(windows) = windows(file, project, &selection, start, &timing) {
        for (phase, window) in selection.phases.iter_mut().zip(windows) {
            phase.window = Some(window);
        }
    }
    Some(PatientProgram {
        path: file.path.to_path_buf(),
        patient: f.text("patient"),
        clinician: f.text("clinician"),
        phone: f.text("phone"),
        start,
        surgery: surgery.is_some(),
        large_print: f.bool("large_print"),
        notes: f.text("notes"),
        language: language.unwrap_or_else(|| project.settings.language.clone()),
        selection,
        source,
        warnings: Diagnostics::new(),
    })
}

/// The exercises the patient's program starts from: its `program:`'s, or
/// the whole library's.
fn base_selection(file: &File<'_>, f: &Fields<'_, '_>, project: &Project) -> Option<Selection> {
    let Some(node) = f.get("program") else {
        return Some(project.library_selection());
    };
    let id = file.text_of(node, "program")?;
    if let Some(program) = project.programs.iter().find(|p| p.id == id) {
        return Some(project.program_selection(program));
    }
    let ids = project.programs.iter().map(|p| p.id.as_str());
    let hint = match did_you_mean(&id, ids.clone()) {
        Some(close) => format!("did you mean '{close}'?"),
        None if project.programs.is_empty() => {
            "the content publishes no programs: leave `program:` out to start from every exercise"
                .to_string()
        }
        None => format!("programs: {}", ids.collect::<Vec<_>>().join(", ")),
    };
    file.report(
        node.pos,
        format!("program '{id}' does not exist"),
        Some(hint),
    );
    None
}

/// The patient's `language:`, when it is one the content is published in.
fn language_of(file: &File<'_>, f: &Fields<'_, '_>, languages: &[String]) -> Option<String> {
    f.get("language").and_then(|node| {
    let language = file.text_of(node, "language")?;
    if languages.contains(&language) {
        return Some(language);
    }
    let hint = if languages.len() == 1 {
        format!(
            "the content is in '{}' only: write `language: {}`, leave it out, or translate the content (content/README.md, Languages)",
            languages[0], languages[0]
        )
    } else {
        format!("write one of {}", languages.join(", "))
    };
    file.report(
        node.pos,
        format!("the content is not published in '{language}'"),
        Some(hint),
    );
    None
})
}

/// The program's first day: `surgery_date:` or `start_date:`, exactly one.
fn start_of(file: &File<'_>, f: &Fields<'_, '_>) -> Option<Date> {
    match (f.get("surgery_date"), f.get("start_date")) {
        (Some(node), None) | (None, Some(node)) => date_of(file, node),
        (Some(_), Some(node)) => {
            file.report(
                node.pos,
                "give `surgery_date:` or `start_date:`, not both",
                Some("both mean the first phase's first day: keep one".into()),
            );
            None
        }
        (None, None) => {
            file.report(
            f.pos(),
            "missing `surgery_date:` or `start_date:`",
            Some("add the day of surgery, like `surgery_date: 2027-01-11`, or the day the patient starts, `start_date:`".into()),
        );
            None
        }
    }
}

/// The fields of a patient's file that say who the patient is or what
/// the care team wrote for them: `patient:`, `notes:` and each exercise's
/// `note:`.
const PRIVATE_FIELDS: &[&str] = &["patient", "notes", "note"];

/// The byte ranges of a patient's file that no message may quote: the
/// values of its [`PRIVATE_FIELDS`], with the lines of a block value
/// (`notes: |`) below them. Read from the lines themselves, so a file whose
/// YAML is broken is masked too.
pub fn private_ranges(text: &str) -> Vec<std::ops::Range<usize>> {
    private_fields(text)
        .into_iter()
        .map(|(_, range)| range)
        .collect()
}

/// [`private_ranges`], each with the field it is the value of (a block
/// value's lines each).
pub fn private_fields(text: &str) -> Vec<(&'static str, std::ops::Range<usize>)> {
    let mut ranges = Vec::new();
    let mut offset = 0;
    // The indent and name of a field whose block value is being masked.
    let mut block: Option<(usize, &'static str)> = None;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        let indent = content.len() - content.trim_start().len();
        if let Some((field_indent, field)) = block {
            if content.trim().is_empty() || indent > field_indent {
                ranges.push((field, start + indent..start + content.len()));
                continue;
            }
            block = None;
        }
        // A field may follow a list dash or an opening brace:
        // `- calf-stretch: { note: ... }`.
        for field in PRIVATE_FIELDS {
            let key = format!("{field}:");
            let mut search = 0;
            while let Some(found) = content[search..].find(&key) {
                let at = search + found;
                search = at + key.len();
                let before = content[..at].chars().next_back();
                if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '-') {
                    continue;
                }
                let value = &content[search..];
                let trimmed = value.trim_start();
                let value_start = search + (value.len() - trimmed.len());
                ranges.push((*field, start + value_start..start + content.len()));
                if trimmed.is_empty() || trimmed.starts_with(['|', '>']) {
                    block = Some((indent, *field));
                }
            }
        }
    }
    ranges
}

/// Today, for telling a mistyped year: `SOURCE_DATE_EPOCH`'s day when it
/// is set (so a build is the same whenever it runs), else the clock's.
pub(crate) fn today() -> Date {
    let epoch = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|v| v.trim().parse::<i64>().ok());
    let now = match epoch.and_then(|s| jiff::Timestamp::from_second(s).ok()) {
        Some(timestamp) => timestamp,
        None => jiff::Timestamp::now(),
    };
    jiff::tz::TimeZone::UTC.to_datetime(now).date()
}

/// How far from today a patient's date may be before it is probably a
/// typo in the year: two years, in days.
const PLAUSIBLE_DAYS: i64 = 2 * 366;

/// A date written `YYYY-MM-DD` that exists.
fn date_of(file: &File<'_>, node: &Node) -> Option<Date> {
    let text = match &node.value {
        Value::Str(s) => s.trim().to_string(),
        other => other.kind().to_string(),
    };
    let shape = text.len() == 10
        && text.char_indices().all(|(i, c)| {
            if i == 4 || i == 7 {
                c == '-'
            } else {
                c.is_ascii_digit()
            }
        });
    match text.parse::<Date>() {
        // Far outside a lifetime is a typo, and keeps the weeks after it
        // inside the calendar.
        Ok(date) if shape && !(1900..=2200).contains(&date.year()) => {
            file.report(
                node.pos,
                format!("{text} is too far from today to be a patient's date"),
                Some("check the year: write it as YYYY-MM-DD, like 2027-01-11".into()),
            );
            None
        }
        Ok(date) if shape => {
            let days = (date - today()).get_days();
            if i64::from(days).abs() > PLAUSIBLE_DAYS {
                let when = if days > 0 { "from now" } else { "ago" };
                file.push(
                    Diagnostic::at_line_col(
                        file.path,
                        file.text,
                        node.pos.line,
                        node.pos.column,
                        0,
                        format!("this date is more than 2 years {when}: is the year right?"),
                    )
                    .with_hint(
                        "a patient's dates are usually within weeks of today; fix the year if it is a typo",
                    )
                    .warning(),
                );
            }
            Some(date)
        }
        _ if shape => {
            file.report(
                node.pos,
                format!("{text} is not a day that exists"),
                Some("check the month and the day: write it as YYYY-MM-DD, like 2027-01-11".into()),
            );
            None
        }
        _ => {
            file.report(
                node.pos,
                format!("'{text}' is not a date"),
                Some("write it as YYYY-MM-DD, like 2027-01-11".into()),
            );
            None
        }
    }
}

/// Makes one change of the patient's `exercises:` list.
fn change(file: &File<'_>, project: &Project, selection: &mut Selection, item: Item) {
    let place = selection.phases.iter().enumerate().find_map(|(p, phase)| {
        let e = phase.exercises.iter().position(|e| e.id == item.id)?;
        Some((p, e))
    });
    if item.remove {
        match place {
            Some((p, e)) => {
                selection.phases[p].exercises.remove(e);
            }
            None => {
                let ids = selection
                    .phases
                    .iter()
                    .flat_map(|p| &p.exercises)
                    .map(|e| e.id.as_str());
                let hint = match did_you_mean(&item.id, ids.clone()) {
                    Some(close) => format!("did you mean '{close}'?"),
                    None => format!("its exercises: {}", ids.collect::<Vec<_>>().join(", ")),
                };
                file.report_range(
                    item.at,
                    format!(
                        "exercise '{}' is not in this program, so it cannot be removed",
                        item.id
                    ),
                    Some(hint),
                );
            }
        }
        return;
    }
    let set_for_patient = !item.dose.is_empty();
    if let Some((p, e)) = place {
        let selected = &mut selection.phases[p].exercises[e];
        selected.dose = item.dose.apply(&selected.dose);
        selected.set_for_patient |= set_for_patient;
        if item.note.is_some() {
            selected.note = item.note;
        }
        return;
    }
    let Some(exercise) = project.exercises.iter().find(|e| e.id == item.id) else {
        let ids = project.exercises.iter().map(|e| e.id.as_str());
        let hint = match did_you_mean(&item.id, ids.clone()) {
            Some(close) => format!("did you mean '{close}'?"),
            None => format!("exercises: {}", ids.collect::<Vec<_>>().join(", ")),
        };
        file.report_range(
            item.at,
            format!("exercise '{}' does not exist", item.id),
            Some(hint),
        );
        return;
    };
    let added = Selected {
        id: exercise.id.clone(),
        dose: item.dose.apply(&exercise.dose),
        set_for_patient,
        note: item.note,
    };
    // An added exercise goes to the end of its own phase, which joins the
    // program in the library's order if the program lacks it.
    let rank = |id: &str| project.phases.iter().position(|p| p.id == id);
    match selection
        .phases
        .iter()
        .position(|p| p.phase == exercise.phase)
    {
        Some(p) => selection.phases[p].exercises.push(added),
        None => {
            let at = (selection.phases.iter())
                .position(|p| rank(&p.phase) > rank(&exercise.phase))
                .unwrap_or(selection.phases.len());
            selection.phases.insert(
                at,
                SelectedPhase {
                    phase: exercise.phase.clone(),
                    exercises: vec![added],
                    window: None,
                },
            );
        }
    }
}

/// When a phase starts, as the patient's file says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum StartAt {
    /// Weeks after the first day.
    Week(i64),
    /// On a date.
    Date(Date),
}

/// The patient's settings of one phase, and where they are written.
#[derive(Debug, Clone, PartialEq, Default)]
struct Timing {
    phase: String,
    at: std::ops::Range<usize>,
    start: Option<StartAt>,
    weeks: Option<u32>,
}

fn phase_timing(file: &File<'_>, node: &Node, selection: &Selection) -> Vec<Timing> {
    let Value::Map(entries) = &node.value else {
        file.report(
            node.pos,
            format!(
                "'phases' should be a set of `phase-id: {{ from_week: 6 }}`, not {}",
                node.value.kind()
            ),
            None,
        );
        return Vec::new();
    };
    let mut out = Vec::new();
    for (key, value) in entries {
        let at = key_range(file, key);
        let phases: Vec<&str> = selection.phases.iter().map(|p| p.phase.as_str()).collect();
        if !phases.contains(&key.name.as_str()) {
            let hint = match did_you_mean(&key.name, phases.iter().copied()) {
                Some(close) => format!("did you mean '{close}'? its phases: {}", phases.join(", ")),
                None => format!("its phases: {}", phases.join(", ")),
            };
            file.report_range(
                at,
                format!("phase '{}' is not in this program", key.name),
                Some(hint),
            );
            continue;
        }
        let what = format!("phase '{}'", key.name);
        let Some(f) = file.fields(value, &what, PHASE_FIELDS) else {
            continue;
        };
        let from_week = f.get("from_week").and_then(|n| {
            let week = file.int_of(n, "from_week")?;
            if !(0..=MAX_FROM_WEEK).contains(&week) {
                file.report(n.pos, format!("from_week {week} is out of range"), Some(format!("from_week counts weeks after the surgery or start date, from 0 to {MAX_FROM_WEEK}")));
                return None;
            }
            Some(StartAt::Week(week))
        });
        let from = f
            .get("from")
            .and_then(|n| date_of(file, n))
            .map(StartAt::Date);
        if let (Some(_), Some(_)) = (from_week, from) {
            file.report(
                f.key("from").map_or(f.pos(), |k| k.pos),
                "give `from_week:` or `from:`, not both",
                None,
            );
        }
        let weeks = f
            .get("weeks")
            .and_then(|n| super::validate::count_of(file, n, "weeks", super::validate::WEEKS));
        out.push(Timing {
            phase: key.name.clone(),
            at,
            start: from_week.or(from),
            weeks,
        });
    }
    out
}

/// Each phase's dates: the first starts on the first day unless set; a
/// later one starts where the patient's file says, else when the phase
/// before it has run its weeks (the fewest the library gives). A phase ends
/// the day the next one starts, or after its own weeks.
fn windows(
    file: &File<'_>,
    project: &Project,
    selection: &Selection,
    start: Date,
    timing: &[Timing],
) -> Option<Vec<Window>> {
    let timing_of = |id: &str| timing.iter().find(|t| t.phase == id);
    let weeks_of = |id: &str| {
        timing_of(id).and_then(|t| t.weeks).or_else(|| {
            let phase = project.phase(id)?;
            phase.weeks.map(|w| w.min)
        })
    };
    let mut starts: Vec<Date> = Vec::new();
    let mut ok = true;
    for (i, phase) in selection.phases.iter().enumerate() {
        let set = timing_of(&phase.phase);
        let from = match set.and_then(|t| t.start) {
            Some(StartAt::Week(n)) => add_days(start, n * 7),
            Some(StartAt::Date(date)) => Some(date),
            None if i == 0 => Some(start),
            None => {
                let before = &selection.phases[i - 1].phase;
                match (starts.last(), weeks_of(before)) {
                    (Some(&previous), Some(weeks)) => add_days(previous, i64::from(weeks) * 7),
                    (None, _) => None,
                    (Some(_), None) => {
                        let message = format!(
                            "phase '{}' needs a start: the phase before it, '{before}', has no number of weeks",
                            phase.phase
                        );
                        let hint = Some(format!(
                            "add `{}: {{ from_week: 6 }}` (weeks after the first day) or `{{ from: 2027-02-22 }}` under `phases:`, or `weeks:` to '{before}'",
                            phase.phase
                        ));
                        match set {
                            Some(t) => file.report_range(t.at.clone(), message, hint),
                            None => file.push(
                                Diagnostic::file(file.path, message).with_optional_hint(hint),
                            ),
                        }
                        ok = false;
                        None
                    }
                }
            }
        };
        let Some(from) = from else {
            ok = false;
            continue;
        };
        if let (Some(&previous), Some(t)) = (starts.last(), set)
            && from < previous
        {
            file.report_range(
                t.at.clone(),
                format!(
                    "phase '{}' would start before the phase before it, '{}'",
                    phase.phase,
                    selection.phases[i - 1].phase
                ),
                Some("phases run in the program's order: start it later".into()),
            );
            ok = false;
        }
        if from < start
            && let Some(t) = set
        {
            file.report_range(
                t.at.clone(),
                format!(
                    "phase '{}' would start before the surgery or start date",
                    phase.phase
                ),
                None,
            );
            ok = false;
        }
        starts.push(from);
    }
    if !ok || starts.len() != selection.phases.len() {
        return None;
    }
    Some(
        (0..starts.len())
            .map(|i| Window {
                from: starts[i],
                until: match starts.get(i + 1) {
                    Some(&next) => Some(next),
                    None => weeks_of(&selection.phases[i].phase)
                        .and_then(|w| add_days(starts[i], i64::from(w) * 7)),
                },
            })
            .collect(),
    )
}

/// `date` plus `days`, or `None` past the calendar's end.
pub fn add_days(date: Date, days: i64) -> Option<Date> {
    date.checked_add(days.days()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i16, m: i8, day: i8) -> Date {
        Date::new(y, m, day).unwrap()
    }

    fn resolve(text: &str) -> Result<PatientProgram, Diagnostics> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        let project = crate::content::load(&root).expect("the default content loads");
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.yaml");
        std::fs::write(&path, text).unwrap();
        load(&path, &project)
    }

    fn windows_of(p: &PatientProgram) -> Vec<(Date, Option<Date>)> {
        (p.selection.phases.iter())
            .map(|phase| {
                let w = phase.window.unwrap();
                (w.from, w.until)
            })
            .collect()
    }

    #[test]
    fn the_next_phase_starts_after_the_fewest_weeks_across_the_year_end() {
        // Gentle stretching lasts 6-12 weeks: strengthening starts 6 weeks
        // after 20 Dec 2027, in the next year.
        let p = resolve("program: spine-surgery\nstart_date: 2027-12-20\n").unwrap();
        assert_eq!(
            windows_of(&p),
            [
                (d(2027, 12, 20), Some(d(2028, 1, 31))),
                (d(2028, 1, 31), None)
            ]
        );
        assert!(!p.surgery);
    }

    #[test]
    fn a_leap_day_exists_only_in_a_leap_year() {
        let text =
            "surgery_date: 2028-01-11\nphases:\n  strengthening: { from: 2028-02-29, weeks: 2 }\n";
        let p = resolve(text).unwrap();
        assert_eq!(
            windows_of(&p),
            [
                (d(2028, 1, 11), Some(d(2028, 2, 29))),
                (d(2028, 2, 29), Some(d(2028, 3, 14)))
            ]
        );
        let problems = resolve(&text.replace("2028", "2027"))
            .unwrap_err()
            .to_string();
        assert!(
            problems.contains("2027-02-29 is not a day that exists"),
            "{problems}"
        );
    }

    #[test]
    fn a_phase_may_not_start_before_the_one_before_it() {
        let text = "surgery_date: 2027-01-11\nphases:\n  gentle-stretching: { from_week: 4 }\n  strengthening: { from_week: 2 }\n";
        let problems = resolve(text).unwrap_err().to_string();
        assert!(
            problems.contains("phase 'strengthening' would start before the phase before it"),
            "{problems}"
        );
    }

    #[test]
    fn weeks_run_across_month_and_year_ends_and_leap_days() {
        assert_eq!(add_days(d(2027, 1, 11), 42), Some(d(2027, 2, 22)));
        assert_eq!(add_days(d(2026, 12, 28), 7), Some(d(2027, 1, 4)));
        assert_eq!(
            add_days(d(2028, 2, 26), 7),
            Some(d(2028, 3, 4)),
            "2028 is a leap year"
        );
        assert_eq!(add_days(d(2027, 2, 26), 7), Some(d(2027, 3, 5)));
        assert_eq!(add_days(d(2028, 2, 22), 7), Some(d(2028, 2, 29)));
    }
}
