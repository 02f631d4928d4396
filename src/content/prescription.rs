//! The prescription is said once. An exercise's dose (`hold`, `repeat`,
//! `times_per_day`) and a phase's schedule (`times_per_day`, `weeks`) are
//! data; the text around them refers to them through variables (see
//! [`super::variables`]), so a program's or a patient's changed dose is
//! printed everywhere it is mentioned.
//!
//! This module refuses what would let a page contradict the data:
//! - a variable the text cannot have (`{weeks}` in an exercise, `{hold}`
//!   in one with no hold, a misspelt name);
//! - a text that restates its own dose in words ("Hold for 30 seconds"
//!   when the hold is 30 s): an error with the variable to write instead;
//!   another amount of the same kind ("rest 10 seconds") is a warning
//!   until it is marked as not the dose (`{"10 seconds"}`);
//! - a translation whose numbers, or variables, are not its source's,
//!   field by field: an error naming both files.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use super::model::{Dose, Exercise, FileKind, Phase, Settings, Span, TranslatedWords, Translation};
use super::numbers::{self, Amount, Unit};
use super::translation::Sources;
use super::variables::{self, Piece, Variable};
use crate::diag::{Diagnostic, Diagnostics, did_you_mean};

/// Where a text came from, for messages: the file it is in and which
/// field, like `steps` item 7.
struct Place<'a> {
    path: &'a Path,
    text: &'a str,
}

impl Place<'_> {
    /// A diagnostic at `within` of `field`, found in the file's text
    /// (exactly where the field is written plainly, else where its words
    /// first appear, else on the file).
    fn at(&self, field_text: &str, within: std::ops::Range<usize>, message: String) -> Diagnostic {
        let found = self
            .text
            .find(field_text)
            .map(|start| start + within.start)
            .or_else(|| {
                let words = field_text.get(within.clone())?;
                self.text.find(words)
            });
        match found {
            Some(offset) => {
                Diagnostic::at_offset(self.path, self.text, offset, within.len(), message)
            }
            None => Diagnostic::file(self.path, message),
        }
    }
}

/// The texts of the files, by path as shown.
pub(crate) type FileTexts<'a> = HashMap<&'a Path, &'a str>;

/// What a text may say through variables, and the values it must not
/// restate.
#[derive(Debug, Clone, Copy)]
struct Allowed {
    hold: Option<u32>,
    repeat: Option<u32>,
    times_per_day: Option<Span>,
    weeks: Option<Span>,
    /// Whether this is an exercise's text (else a phase's).
    exercise: bool,
}

impl Allowed {
    fn exercise(dose: &Dose) -> Allowed {
        Allowed {
            hold: dose.hold_seconds,
            repeat: Some(dose.repeat),
            times_per_day: dose.times_per_day,
            weeks: None,
            exercise: true,
        }
    }

    fn phase(phase: &Phase) -> Allowed {
        Allowed {
            hold: None,
            repeat: None,
            times_per_day: phase.times_per_day,
            weeks: phase.weeks,
            exercise: false,
        }
    }

    /// Why `variable` cannot be used here, if it cannot.
    fn refuses(&self, variable: Variable) -> Option<String> {
        let what = if self.exercise {
            "this exercise"
        } else {
            "this phase"
        };
        match variable {
            Variable::Hold if !self.exercise => {
                Some("`{hold}` belongs in an exercise's text, not a phase's".into())
            }
            Variable::Repeat if !self.exercise => {
                Some("`{repeat}` belongs in an exercise's text, not a phase's".into())
            }
            Variable::Weeks if self.exercise => {
                Some("`{weeks}` belongs in a phase's text, not an exercise's".into())
            }
            Variable::Hold if self.hold.is_none() => Some(format!(
                "`{{hold}}` is used, but {what} has no `hold:` in its dose"
            )),
            Variable::TimesPerDay if self.times_per_day.is_none() => Some(format!(
                "`{{times_per_day}}` is used, but {what} has no `times_per_day:`{}",
                if self.exercise {
                    " (nor its phase)"
                } else {
                    ""
                }
            )),
            Variable::Weeks if self.weeks.is_none() => {
                Some(format!("`{{weeks}}` is used, but {what} has no `weeks:`"))
            }
            _ => None,
        }
    }

    fn names(&self) -> &'static str {
        if self.exercise {
            "{hold}, {repeat}, {times_per_day}"
        } else {
            "{times_per_day}, {weeks}"
        }
    }
}

/// Checks every exercise's and phase's text, in the content's language and
/// in each translation, and each translation's numbers against its
/// source's.
pub(crate) fn check(
    sources: &Sources<'_>,
    translations: &[Translation],
    files: &FileTexts<'_>,
    memo: Option<&Memo>,
) -> Diagnostics {
    let Sources {
        settings,
        phases,
        exercises,
        paths: source_paths,
        ..
    } = *sources;
    let Some(settings) = settings else {
        return Diagnostics::new();
    };
    let mut problems = Diagnostics::new();
    let language = settings.language.as_str();
    let file_of = |kind: FileKind, id: &str| -> Option<Place<'_>> {
        let path = source_paths.get(&(kind, id.to_string()))?;
        let text = files.get(path.as_path())?;
        Some(Place { path, text })
    };
    // Each exercise on its own, on every core (ten thousand of them in a
    // large library), joined in their order.
    let found = crate::parallel::map(exercises, 64, |exercise| {
        let mut problems = Diagnostics::new();
        let Some(place) = file_of(FileKind::Exercise, &exercise.id) else {
            return problems;
        };
        let (path, text, dose) = (place.path, place.text, exercise.dose);
        if let Some(found) = memo.and_then(|memo| memo.found(path, text, dose, language)) {
            return Diagnostics(found);
        }
        let allowed = Allowed::exercise(&dose);
        for text in exercise_texts(exercise) {
            check_text(&place, text, allowed, language, &mut problems);
        }
        if let Some(memo) = memo {
            let checked = Checked {
                text: text.to_string(),
                dose,
                language: language.to_string(),
                problems: problems.0.clone(),
                found: AtomicBool::new(false),
            };
            memo.keep(path, checked);
        }
        problems
    });
    for found in found {
        problems.extend(found.0);
    }
    for phase in phases {
        let Some(place) = file_of(FileKind::Phase, &phase.id) else {
            continue;
        };
        let allowed = Allowed::phase(phase);
        for text in phase_texts(phase) {
            check_text(&place, text, allowed, language, &mut problems);
        }
    }
    for translation in translations {
        let Some(text) = files.get(translation.path.as_path()) else {
            continue;
        };
        let place = Place {
            path: &translation.path,
            text,
        };
        let Some(source_place) = file_of(translation.of, &translation.id) else {
            continue;
        };
        let Some((pairs, allowed)) = translated_pairs(sources, settings, translation) else {
            continue;
        };
        for (field, source, translated) in &pairs {
            if let Some(allowed) = allowed {
                check_text(
                    &place,
                    translated,
                    allowed,
                    &translation.language,
                    &mut problems,
                );
            }
            same_numbers(
                (&source_place, source, language),
                (&place, translated, &translation.language),
                field,
                &mut problems,
            );
        }
    }
    problems
}

/// What the dose check found in each exercise's file, kept by a process
/// that loads the content again and again (`serve`'s builder, through
/// [`super::FileCache`]): what it finds depends only on the file's path and
/// text, the exercise's dose (which may be its phase's) and the language.
#[derive(Default)]
pub(crate) struct Memo {
    last: HashMap<PathBuf, Checked>,
    /// The exercises checked again by the load under way.
    fresh: Mutex<Vec<(PathBuf, Checked)>>,
}

/// One exercise's file as checked, and the problems found.
struct Checked {
    text: String,
    dose: Dose,
    language: String,
    problems: Vec<Diagnostic>,
    /// Whether the load under way found it as it was: marked without a
    /// lock, as every core looks up its share of ten thousand exercises.
    found: AtomicBool,
}

impl Memo {
    /// The problems last found in the exercise at `path`, when it was
    /// checked with this `text`, `dose` and `language`.
    fn found(
        &self,
        path: &Path,
        text: &str,
        dose: Dose,
        language: &str,
    ) -> Option<Vec<Diagnostic>> {
        let last = self.last.get(path)?;
        let same = last.dose == dose && last.language == language && last.text == text;
        if !same {
            return None;
        }
        last.found.store(true, Ordering::Relaxed);
        Some(last.problems.clone())
    }

    fn keep(&self, path: &Path, checked: Checked) {
        let mut fresh = self.fresh.lock().unwrap_or_else(|e| e.into_inner());
        fresh.push((path.to_path_buf(), checked));
    }

    /// Ends a load: what it checked, and what it found as it was, are
    /// kept for the next; the rest is forgotten.
    pub(crate) fn finish(&mut self) {
        let fresh = std::mem::take(self.fresh.get_mut().unwrap_or_else(|e| e.into_inner()));
        self.last
            .retain(|_, checked| checked.found.swap(false, Ordering::Relaxed));
        self.last.extend(fresh);
    }
}

/// A translation's texts beside its source's: the field, the source's
/// text and the translation's.
type Pairs<'a> = Vec<(String, &'a str, String)>;

/// The pairs of a translation's text and its source's (by field), and the
/// numbers its text may have (`None` where it may have none to compare
/// with a dose); `None` when its source is not there.
fn translated_pairs<'a>(
    sources: &Sources<'a>,
    settings: &'a Settings,
    translation: &Translation,
) -> Option<(Pairs<'a>, Option<Allowed>)> {
    let Sources {
        phases,
        exercises,
        pages,
        programs,
        ..
    } = *sources;
    let (pairs, allowed) = match &translation.words {
        TranslatedWords::Exercise(words) => {
            let exercise = exercises.iter().find(|e| e.id == translation.id)?;
            (
                exercise_pairs(exercise, words),
                Some(Allowed::exercise(&exercise.dose)),
            )
        }
        TranslatedWords::Phase(words) => {
            let phase = phases.iter().find(|p| p.id == translation.id)?;
            let mut pairs = vec![("body".to_string(), phase.body.as_str(), words.body.clone())];
            if let (Some(source), Some(translated)) = (&phase.starts, &words.starts) {
                pairs.push(("starts".into(), source, translated.clone()));
            }
            if let Some(title) = &words.title {
                pairs.push(("title".into(), &phase.title, title.clone()));
            }
            (pairs, Some(Allowed::phase(phase)))
        }
        TranslatedWords::Settings(words) => (settings_pairs(settings, words), None),
        TranslatedWords::Page(words) => {
            let page = pages.iter().find(|p| p.id == translation.id)?;
            let mut pairs = vec![("body".to_string(), page.body.as_str(), words.body.clone())];
            if let Some(title) = &words.title {
                pairs.push(("title".into(), &page.title, title.clone()));
            }
            (pairs, None)
        }
        TranslatedWords::Program(words) => {
            let program = programs.iter().find(|p| p.id == translation.id)?;
            let pairs = (words.title.iter())
                .map(|title| ("title".to_string(), program.title.as_str(), title.clone()))
                .collect();
            (pairs, None)
        }
    };
    Some((pairs, allowed))
}

/// An exercise's texts that may use variables.
pub(crate) fn exercise_texts(exercise: &Exercise) -> Vec<&str> {
    let mut all = vec![exercise.summary.as_str(), exercise.position.as_str()];
    all.extend(exercise.steps.iter().map(String::as_str));
    all.extend(exercise.cautions.iter().map(String::as_str));
    all.extend(exercise.breathing.as_deref());
    all
}

/// A phase's texts that may use variables.
fn phase_texts(phase: &Phase) -> Vec<&str> {
    let mut all = vec![phase.body.as_str()];
    all.extend(phase.starts.as_deref());
    all
}

/// Each word field of an exercise with its translation.
fn exercise_pairs<'a>(
    exercise: &'a Exercise,
    words: &super::model::ExerciseWords,
) -> Vec<(String, &'a str, String)> {
    let mut pairs = Vec::new();
    let mut one = |field: &str, source: &'a str, translated: &Option<String>| {
        if let Some(translated) = translated {
            pairs.push((field.to_string(), source, translated.clone()));
        }
    };
    one("title", &exercise.title, &words.title);
    one("summary", &exercise.summary, &words.summary);
    one("position", &exercise.position, &words.position);
    if let Some(breathing) = &exercise.breathing {
        one("breathing", breathing, &words.breathing);
    }
    if let Some(figure) = &exercise.figure {
        one("figure: alt", &figure.alt, &words.figure_alt);
    }
    for (name, sources, translated) in [
        ("steps", &exercise.steps, &words.steps),
        ("cautions", &exercise.cautions, &words.cautions),
        ("equipment", &exercise.equipment, &words.equipment),
    ] {
        for (i, (source, translated)) in sources.iter().zip(translated).enumerate() {
            pairs.push((format!("{name} item {}", i + 1), source, translated.clone()));
        }
    }
    pairs
}

/// Each word field of handout.yaml with its translation.
fn settings_pairs<'a>(
    settings: &'a Settings,
    words: &super::model::SettingsWords,
) -> Vec<(String, &'a str, String)> {
    let mut pairs = Vec::new();
    if let Some(title) = &words.title {
        pairs.push(("title".into(), settings.title.as_str(), title.clone()));
    }
    if let (Some(source), Some(translated)) = (&settings.subtitle, &words.subtitle) {
        pairs.push(("subtitle".into(), source.as_str(), translated.clone()));
    }
    if let Some(disclaimer) = &words.disclaimer {
        pairs.push((
            "disclaimer".into(),
            settings.disclaimer.as_str(),
            disclaimer.clone(),
        ));
    }
    if let (Some(source), Some(translated)) = (
        settings.clinic.as_ref().and_then(|c| c.name.as_deref()),
        &words.clinic_name,
    ) {
        pairs.push(("clinic: name".into(), source, translated.clone()));
    }
    if let (Some(signs), Some(translated)) = (&settings.warning_signs, &words.warning_signs) {
        for (name, source, words) in [
            ("emergency", &signs.emergency, &translated.emergency),
            ("clinic", &signs.clinic, &translated.clinic),
        ] {
            let Some(words) = words else { continue };
            if let Some(summary) = &words.summary {
                pairs.push((
                    format!("warning_signs: {name}: summary"),
                    source.summary.as_str(),
                    summary.clone(),
                ));
            }
            for (i, (source, translated)) in source.signs.iter().zip(&words.signs).enumerate() {
                pairs.push((
                    format!("warning_signs: {name}: signs item {}", i + 1),
                    source.as_str(),
                    translated.clone(),
                ));
            }
        }
    }
    pairs
}

/// Checks one text's variables and the amounts it states of its own.
fn check_text(
    place: &Place<'_>,
    text: &str,
    allowed: Allowed,
    language: &str,
    problems: &mut Diagnostics,
) {
    for (at, piece) in variables::pieces(text) {
        match piece {
            Piece::Unknown(name) => {
                let names = Variable::ALL.iter().map(|(n, _)| *n);
                let hint = match did_you_mean(name, names) {
                    Some(close) => format!(
                        "did you mean `{{{close}}}`? The variables here: {}",
                        allowed.names()
                    ),
                    None => format!(
                        "the variables here: {}; to print braces as they are, write {{\"…\"}}",
                        allowed.names()
                    ),
                };
                problems.push(
                    place
                        .at(text, at, format!("`{{{name}}}` is not a dose variable"))
                        .with_hint(hint),
                );
            }
            Piece::Variable(variable) => {
                if let Some(why) = allowed.refuses(variable) {
                    problems.push(
                        place
                            .at(text, at, why)
                            .with_hint(format!("the variables here: {}", allowed.names())),
                    );
                }
            }
            Piece::Text(_) | Piece::Literal(_) => {}
        }
    }
    let own = variables::own_words(text);
    for amount in numbers::amounts(&own, language) {
        if let Some(problem) = restated(&amount, &own[amount.at.clone()], allowed) {
            let located = place.at(text, amount.at.clone(), problem.message);
            problems.push(
                match problem.severity_error {
                    true => located,
                    false => located.warning(),
                }
                .with_hint(problem.hint),
            );
        }
    }
}

struct Restated {
    message: String,
    hint: String,
    severity_error: bool,
}

/// What is wrong with an amount a text states of its own (`written` as
/// it stands in the text), if anything.
fn restated(amount: &Amount, written: &str, allowed: Allowed) -> Option<Restated> {
    let said = numbers::describe(amount);
    let literal = format!("{{\"{written}\"}}");
    let (variable, value, unit, scale) = match amount.unit {
        Unit::Seconds if allowed.exercise => (
            Variable::Hold,
            allowed.hold.map(|s| (f64::from(s), f64::from(s))),
            "hold",
            1.0,
        ),
        Unit::Times if allowed.exercise => (
            Variable::Repeat,
            allowed.repeat.map(|r| (f64::from(r), f64::from(r))),
            "repeat",
            1.0,
        ),
        Unit::TimesPerDay => (
            Variable::TimesPerDay,
            allowed
                .times_per_day
                .map(|s| (f64::from(s.min), f64::from(s.max))),
            "times a day",
            1.0,
        ),
        Unit::Days if !allowed.exercise => (
            Variable::Weeks,
            allowed.weeks.map(|s| (f64::from(s.min), f64::from(s.max))),
            "weeks",
            7.0,
        ),
        _ => return None,
    };
    let name = variable.name();
    let dose = value.map(|(min, max)| {
        numbers::describe(&Amount {
            at: 0..0,
            min: min * scale,
            max: max * scale,
            unit: amount.unit,
        })
    });
    match value {
        Some((min, max)) if amount.is(amount.unit, min * scale, max * scale) => Some(Restated {
            message: format!("this restates the dose's {unit} ({said}) in words of its own"),
            hint: format!(
                "write `{{{name}}}` instead, so a changed dose (a program's, a patient's) is printed here too"
            ),
            severity_error: true,
        }),
        // Another time in a held exercise, another count, another number
        // of times a day: it may contradict the dose, or be something else
        // (a rest): the author says which.
        Some(_) => Some(Restated {
            message: format!(
                "this says {said}, and the dose's {unit} is {}",
                dose.unwrap_or_default()
            ),
            hint: format!(
                "if it is the dose, write `{{{name}}}`; if it is something else (a rest, a count), mark it `{literal}` so handout prints it as it is"
            ),
            severity_error: false,
        }),
        None => None,
    }
}

/// A field's name for a message: `step 3`, `the title`.
fn field_name(field: &str) -> String {
    if let Some((list, n)) = field.split_once(" item ") {
        return match list {
            "steps" => format!("step {n}"),
            "cautions" => format!("caution {n}"),
            other => format!("`{other}` item {n}"),
        };
    }
    if field.starts_with("warning_signs") {
        return format!("`{field}`");
    }
    match field {
        "figure: alt" => "the figure's alt text".to_string(),
        "clinic: name" => "the clinic's name".to_string(),
        "body" => "the text".to_string(),
        "starts" => "`starts`".to_string(),
        other => format!("the {other}"),
    }
}

/// Refuses a translated field whose numbers or variables differ from its
/// source's.
fn same_numbers(
    source: (&Place<'_>, &str, &str),
    translated: (&Place<'_>, &str, &str),
    field: &str,
    problems: &mut Diagnostics,
) {
    let (source_place, source_text, source_language) = source;
    let (place, text, language) = translated;
    let name = field_name(field);
    let source_path = source_place.path.display();
    let source_numbers =
        numbers::numbers(&variables::without_variables(source_text), source_language);
    let own = variables::without_variables(text);
    let translated_numbers = numbers::numbers(&own, language);
    if source_numbers != translated_numbers {
        let said = |all: &[(Unit, i64)]| {
            if all.is_empty() {
                return "no number".to_string();
            }
            let amounts: Vec<String> = (all.iter())
                .map(|(unit, value)| {
                    numbers::describe(&Amount {
                        at: 0..0,
                        min: *value as f64 / 1000.0,
                        max: *value as f64 / 1000.0,
                        unit: *unit,
                    })
                })
                .collect();
            amounts.join(" and ")
        };
        // Point at the first number the source does not have, else the field.
        let odd = numbers::amounts(&own, language)
            .into_iter()
            .find(|a| a.numbers().iter().any(|n| !source_numbers.contains(n)));
        let at = odd.map_or(0..text.len().min(1), |a| a.at);
        problems.push(
            place
                .at(
                    text,
                    at,
                    format!(
                        "{name} says {} here, but {} in its source, {source_path}",
                        said(&translated_numbers),
                        said(&source_numbers),
                    ),
                )
                .with_hint(
                    "a translation carries the same numbers as its source; the dose is said \
                     through its variables ({hold}, {repeat}, {times_per_day}, {weeks}), \
                     and any number changes in the source only",
                ),
        );
    }
    let source_variables = variables::used(source_text);
    let translated_variables = variables::used(text);
    let names = |all: Vec<&Variable>| {
        (all.iter())
            .map(|v| format!("`{{{}}}`", v.name()))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let missing: Vec<&Variable> = (source_variables.iter())
        .filter(|v| !translated_variables.contains(v))
        .collect();
    let extra: Vec<&Variable> = (translated_variables.iter())
        .filter(|v| !source_variables.contains(v))
        .collect();
    let at = 0..text.len().min(1);
    if !missing.is_empty() {
        problems.push(
            place
                .at(
                    text,
                    at.clone(),
                    format!(
                        "{name} leaves out {}, which its source has, {source_path}",
                        names(missing)
                    ),
                )
                .with_hint(
                    "a translation says the dose where its source does, through the same variables",
                ),
        );
    }
    if !extra.is_empty() {
        problems.push(
            place
                .at(
                    text,
                    at,
                    format!(
                        "{name} has {}, which its source does not, {source_path}",
                        names(extra)
                    ),
                )
                .with_hint(
                    "a translation says the dose where its source does, through the same variables",
                ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn allowed() -> Allowed {
        Allowed {
            hold: Some(30),
            repeat: Some(3),
            times_per_day: Some(Span { min: 5, max: 6 }),
            weeks: None,
            exercise: true,
        }
    }

    fn problems_in(text: &str, language: &str) -> Vec<Diagnostic> {
        let file = format!("steps:\n  - {text}\n");
        let place = Place {
            path: Path::new("exercises/calf.yaml"),
            text: &file,
        };
        let mut problems = Diagnostics::new();
        check_text(&place, text, allowed(), language, &mut problems);
        problems.0
    }

    #[test]
    fn a_restated_hold_is_an_error_at_its_place() {
        let found = problems_in("Hold the stretch for 30 seconds.", "en");
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].is_error());
        assert_eq!((found[0].line, found[0].column), (2, 26));
        assert!(found[0].hint.as_deref().unwrap().contains("{hold}"));
        assert!(problems_in("Hold the stretch for half a {hold}.", "en").is_empty());
        assert!(problems_in("Hold the stretch for {hold}.", "en").is_empty());
        // Units are normalised, and number words count in every language.
        assert_eq!(problems_in("Mantenga treinta segundos.", "es").len(), 1);
        assert_eq!(problems_in("Repeat three times.", "en").len(), 1);
        assert_eq!(problems_in("Do this 5 to 6 times a day.", "en").len(), 1);
    }

    #[test]
    fn another_amount_is_a_warning_until_marked() {
        let found = problems_in("Rest 10 seconds between holds.", "en");
        assert_eq!(found.len(), 1);
        assert!(!found[0].is_error());
        assert!(problems_in(r#"Rest {"10 seconds"} between holds."#, "en").is_empty());
        // Counts that are not amounts of the dose's kinds are left alone.
        assert!(problems_in("Lie on bed 2 with one pillow.", "en").is_empty());
    }

    #[test]
    fn variables_must_fit_the_text() {
        let found = problems_in("Hold for {weeks} and {hld}.", "en");
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found[0].message.contains("phase"));
        assert!(found[1].hint.as_deref().unwrap().contains("{hold}"));
        let mut no_hold = allowed();
        no_hold.hold = None;
        assert!(no_hold.refuses(Variable::Hold).is_some());
    }

    #[test]
    fn a_translation_with_another_number_names_both_files() {
        let source_file = "steps:\n  - Hold for {hold}, rest {\"10 seconds\"}.\n";
        let es_file = "steps:\n  - Mantenga {hold}, descanse 90 segundos.\n";
        let source = Place {
            path: Path::new("exercises/calf.yaml"),
            text: source_file,
        };
        let es = Place {
            path: Path::new("exercises/calf.es.yaml"),
            text: es_file,
        };
        let mut problems = Diagnostics::new();
        same_numbers(
            (&source, "Hold for {hold}, rest {\"10 seconds\"}.", "en"),
            (&es, "Mantenga {hold}, descanse 90 segundos.", "es"),
            "steps item 1",
            &mut problems,
        );
        // A literal's numbers are words like any other: 10 s is not 90 s.
        assert_eq!(problems.len(), 1, "{problems:?}");
        let text = problems.0[0].to_string();
        assert!(text.contains("calf.es.yaml:2:"), "{text}");
        assert!(
            text.contains("step 1 says 90 s here, but 10 s in its source"),
            "{text}"
        );
        assert!(text.contains("exercises/calf.yaml"), "{text}");
    }
}
