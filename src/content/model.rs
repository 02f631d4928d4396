//! The validated content: plain data that every output reads.
//!
//! Nothing here can be wrong any more: ids are unique and well-formed,
//! every exercise's phase exists, doses are within limits and every content
//! link resolves. Builders of outputs never re-check.

use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;

use serde::Serialize;

/// Everything in a content folder.
#[derive(Debug, Clone, PartialEq)]
pub struct Project {
    /// The content folder.
    pub root: PathBuf,
    /// `handout.yaml`.
    pub settings: Settings,
    /// Phases, in `order`.
    pub phases: Vec<Phase>,
    /// Exercises, grouped by phase in phase order, then in their own order.
    pub exercises: Vec<Exercise>,
    /// Prose pages, in `order`.
    pub pages: Vec<ProsePage>,
    /// Published programs, from `programs/<id>.yaml`, by id. None: the
    /// library is one implicit program of every exercise by phase.
    pub programs: Vec<Program>,
    /// The newest modification time of any content file, in seconds since
    /// 1970: the date of the publication when SOURCE_DATE_EPOCH is unset.
    pub newest_modification: i64,
    /// Every text file read (not the figures), in the order found, kept
    /// for messages about their text after loading. A project in another
    /// language has its translations' files too.
    pub files: Vec<ContentFile>,
    /// The translations into the other languages, checked against their
    /// sources (none in a project already put in one language).
    pub translations: Vec<Translation>,
    /// Each translation's file, by its path as shown.
    pub translation_files: std::collections::BTreeMap<PathBuf, ContentFile>,
    /// What keeps the default language's words in a project put in another
    /// language, for want of a translation: kind and id (the empty id for
    /// handout.yaml).
    pub untranslated: std::collections::BTreeSet<(FileKind, String)>,
    /// Problems found that do not stop a build: translations missing or
    /// out of step, with `translations: warn`.
    pub warnings: Vec<crate::diag::Diagnostic>,
    /// The words each language uses for each idea (`docs/glossary.<language>.yaml`).
    pub glossaries: Vec<Glossary>,
}

/// A content file that was read: where it is, what it holds and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentFile {
    /// The path as shown to the user.
    pub path: PathBuf,
    /// What the file describes.
    pub kind: FileKind,
    /// The whole text, without a byte-order mark (shared with what
    /// `serve`'s build process keeps of the file).
    pub text: Arc<str>,
    /// Whether the PDF handout prints text from this file: every file but
    /// the prose pages that `appears_in` keeps off the handout.
    pub in_handout: bool,
}

/// The kinds of content files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FileKind {
    /// `handout.yaml`.
    Settings,
    /// `phases/<id>.md`: front matter and Markdown.
    Phase,
    /// `exercises/<id>.yaml`.
    Exercise,
    /// `pages/<id>.md`: front matter and Markdown.
    Page,
    /// `programs/<id>.yaml`.
    Program,
    /// A patient's program file, outside the content folder.
    Patient,
}

impl Project {
    /// The date of the publication, in seconds since 1970, which the
    /// PDFs carry: SOURCE_DATE_EPOCH when set (for reproducible builds),
    /// else the day of the newest content file's time (its midnight,
    /// UTC). Never the clock.
    ///
    /// A day, not the second: the date is part of every PDF, so a time to
    /// the second would make each save change every PDF, and an
    /// incremental build typeset again the ones whose words it did not
    /// touch (at 10,000 exercises, two seconds for the checklist when a
    /// step of the handout changed).
    pub fn publication_date(&self) -> i64 {
        std::env::var("SOURCE_DATE_EPOCH")
            .ok()
            .and_then(|v| v.trim().parse().ok())
            .unwrap_or_else(|| day_of(self.newest_modification))
    }

    /// The exercises of one phase, in order.
    pub fn exercises_in<'a>(&'a self, phase: &'a str) -> impl Iterator<Item = &'a Exercise> + 'a {
        self.exercises.iter().filter(move |e| e.phase == phase)
    }

    /// The phase with this id.
    pub fn phase(&self, id: &str) -> Option<&Phase> {
        self.phases.iter().find(|p| p.id == id)
    }

    /// The files the PDF handout prints text from.
    pub fn handout_files(&self) -> impl Iterator<Item = &ContentFile> {
        self.files.iter().filter(|f| f.in_handout)
    }
}

/// Settings of the whole publication, from `handout.yaml`.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    /// The publication's title.
    pub title: String,
    /// A line under the title.
    pub subtitle: Option<String>,
    /// BCP 47 language tag of the content's own words (the first of
    /// `languages`), `en` by default.
    pub language: String,
    /// Every language published, the default (`language`) first; the
    /// others come from translations beside the sources.
    pub languages: Vec<String>,
    /// What a missing or out-of-step translation is.
    pub translations: TranslationPolicy,
    /// Paper size of the PDFs.
    pub paper: Paper,
    /// How the PDF handout places its exercises on pages.
    pub layout: HandoutLayout,
    /// Who publishes it.
    pub clinic: Option<Clinic>,
    /// The site's absolute address, ending in `/`, when it has one.
    pub base_url: Option<String>,
    /// Markdown shown on every output.
    pub disclaimer: String,
    /// Whether the PDFs use large print.
    pub large_print: bool,
    /// The first day of the checklist, when set.
    pub start_date: Option<String>,
    /// The clinic's colours and logo.
    pub theme: crate::theme::Theme,
    /// The faces the PDFs are set in: DejaVu Sans, and the fonts the
    /// clinic added for characters it lacks (`fonts:`), in the order given,
    /// each read and ready to set text in.
    pub fonts: crate::fonts::FontBook,
    /// When to get help: the signs to call the clinic for, and those to
    /// call emergency services for.
    pub warning_signs: Option<WarningSigns>,
    /// The school grade the text should read at, or below (`readability:`,
    /// 6 by default): what `check`'s plain-language report holds it to.
    pub readability: u32,
    /// The times of day a patient's reminders choose from (`session_times:`),
    /// earliest first: as many as a phase's times a day, spread over the
    /// day.
    pub session_times: Vec<jiff::civil::Time>,
}

/// The session times when handout.yaml gives none: five, spread over the
/// waking day.
pub const DEFAULT_SESSION_TIMES: [(i8, i8); 5] = [(8, 0), (11, 0), (14, 0), (17, 0), (20, 0)];

/// The warning signs every handout of this kind carries: two levels, each
/// a short line (for the wall checklist and the site's exercise pages)
/// and the full list (the handout, the site's page of them).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WarningSigns {
    /// The local emergency number, as dialled: `911`, `112`, `999`.
    pub emergency_number: String,
    /// Call emergency services now.
    pub emergency: SignList,
    /// Call the clinic the same day.
    pub clinic: SignList,
}

/// One level of warning signs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SignList {
    /// The signs in one short line (Markdown, inline).
    pub summary: String,
    /// Every sign, one a line (Markdown, inline).
    pub signs: Vec<String>,
}

/// What `check` and `build` make of a translation that is missing or
/// out of step with its source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TranslationPolicy {
    /// An error: nothing untranslated is published (the default).
    #[default]
    Error,
    /// A warning: the page falls back to the default language and says
    /// so, for a clinic translating bit by bit.
    Warn,
}

/// Paper sizes the PDFs can be printed on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Paper {
    /// US Letter, 8.5 × 11 in.
    Letter,
    /// ISO A4, 210 × 297 mm.
    A4,
}

/// How the PDF handout places its exercises (`layout:` in handout.yaml).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum HandoutLayout {
    /// As many whole exercises on a page as fit, a phase's introduction
    /// on the page of its first exercise (the default: less paper).
    #[default]
    Compact,
    /// Every exercise on a page of its own.
    OnePerPage,
}

/// The clinic's contact details.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct Clinic {
    /// Its name.
    pub name: Option<String>,
    /// A phone number patients can call.
    pub phone: Option<String>,
    /// Its website.
    pub website: Option<String>,
}

/// A stage of recovery, from `phases/<id>.md`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Phase {
    /// The file's stem.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Position among phases.
    pub order: i64,
    /// When it starts, in words.
    pub starts: Option<String>,
    /// How many times a day its exercises are done.
    pub times_per_day: Option<Span>,
    /// How many weeks it lasts.
    pub weeks: Option<Span>,
    /// Markdown: what the phase is for.
    pub body: String,
}

/// A number or a range of numbers, like `5-6`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct Span {
    /// The lower bound.
    pub min: u32,
    /// The upper bound (equal to `min` for a single number).
    pub max: u32,
}

impl fmt::Display for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.min == self.max {
            write!(f, "{}", self.min)
        } else {
            write!(f, "{}-{}", self.min, self.max)
        }
    }
}

/// Whether an exercise stretches or strengthens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A stretch.
    Stretch,
    /// A strengthening exercise.
    Strengthen,
}

impl Kind {
    /// The id of its label in the word catalogues (`templates/words/`):
    /// `Stretch` or `Strengthening` in English.
    pub fn message(self) -> &'static str {
        match self {
            Kind::Stretch => "kind-stretch",
            Kind::Strengthen => "kind-strengthen",
        }
    }
}

/// One exercise, from `exercises/<id>.yaml`.
#[derive(Debug, Clone, PartialEq)]
pub struct Exercise {
    /// The file's stem.
    pub id: String,
    /// Its title.
    pub title: String,
    /// The id of its phase.
    pub phase: String,
    /// Position within the phase (exercises without one come after, by title).
    pub order: Option<i64>,
    /// Stretch or strengthen.
    pub kind: Kind,
    /// One sentence: what it does.
    pub summary: String,
    /// The starting position.
    pub position: String,
    /// What is needed.
    pub equipment: Vec<String>,
    /// How long, how often.
    pub dose: Dose,
    /// What to do, in order (inline Markdown).
    pub steps: Vec<String>,
    /// What to watch out for (inline Markdown).
    pub cautions: Vec<String>,
    /// How to breathe.
    pub breathing: Option<String>,
    /// Its picture.
    pub figure: Option<Figure>,
    /// Whether it is a draft (`draft: true`): left out of every output,
    /// unless `--drafts` (and `serve`, with a banner) builds it.
    pub draft: bool,
    /// The day the clinic last checked its instructions (`last_reviewed:`),
    /// shown on its page and warned about when it is more than a year old.
    pub last_reviewed: Option<jiff::civil::Date>,
}

/// Which body part a per-side exercise is repeated on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    /// Each leg.
    Leg,
    /// Each arm.
    Arm,
    /// Each side.
    Side,
}

/// How much of an exercise to do. Every output writes it from this data,
/// so the PDF, the site and the checklist always agree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Dose {
    /// How long to hold, in seconds.
    pub hold_seconds: Option<u32>,
    /// How many times.
    pub repeat: u32,
    /// Whether it is done on each leg, arm or side.
    pub each: Option<Side>,
    /// Whether to switch sides between repetitions.
    pub alternate: bool,
    /// Sessions a day: the exercise's own, or its phase's.
    pub times_per_day: Option<Span>,
}

/// The dose's words (`Hold 30 seconds.`) are written by
/// the words module, in the publication's language.
impl Dose {
    /// How many tick boxes a day: the upper bound of times per day, 1 when
    /// unknown.
    pub fn sessions_per_day(&self) -> u32 {
        self.times_per_day.map_or(1, |s| s.max)
    }
}

/// An exercise's picture.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// What the picture shows, for people who cannot see it.
    pub alt: String,
    /// Where the picture comes from.
    pub source: FigureSource,
}

/// An image file, or a pose that `handout` draws.
#[derive(Debug, Clone, PartialEq)]
pub enum FigureSource {
    /// A file under `figures/`, relative to the content folder.
    Image(PathBuf),
    /// A figure that handout draws from a pose description.
    Pose(crate::figure::Pose),
}

/// A protocol the clinic publishes, from `programs/<id>.yaml`: a choice
/// of the library's exercises, phase by phase, in its own order, with
/// doses it may change.
#[derive(Debug, Clone, PartialEq)]
pub struct Program {
    /// The file's stem.
    pub id: String,
    /// Its title, like `After spine surgery`.
    pub title: String,
    /// Its phases in order.
    pub phases: Vec<ProgramPhase>,
}

/// One phase of a program.
#[derive(Debug, Clone, PartialEq)]
pub struct ProgramPhase {
    /// The library phase's id.
    pub phase: String,
    /// Its exercises, in order.
    pub exercises: Vec<ProgramExercise>,
}

/// An exercise in a program.
#[derive(Debug, Clone, PartialEq)]
pub struct ProgramExercise {
    /// The library exercise's id.
    pub id: String,
    /// What the program changes of its dose.
    pub dose: DoseChange,
}

/// A change to an exercise's dose: each field set replaces the library's.
/// Sides (`each`, `alternate`) belong to the exercise and do not change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DoseChange {
    /// Seconds to hold.
    pub hold_seconds: Option<u32>,
    /// Repetitions.
    pub repeat: Option<u32>,
    /// Times a day.
    pub times_per_day: Option<Span>,
}

impl DoseChange {
    /// Whether it changes nothing.
    pub fn is_empty(&self) -> bool {
        *self == DoseChange::default()
    }

    /// `dose` with this change made.
    pub fn apply(&self, dose: &Dose) -> Dose {
        Dose {
            hold_seconds: self.hold_seconds.or(dose.hold_seconds),
            repeat: self.repeat.unwrap_or(dose.repeat),
            times_per_day: self.times_per_day.or(dose.times_per_day),
            ..*dose
        }
    }

    /// This change, then `later` on top of it.
    pub fn then(&self, later: &DoseChange) -> DoseChange {
        DoseChange {
            hold_seconds: later.hold_seconds.or(self.hold_seconds),
            repeat: later.repeat.or(self.repeat),
            times_per_day: later.times_per_day.or(self.times_per_day),
        }
    }
}

/// A prose page, from `pages/<id>.md`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProsePage {
    /// The file's stem.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Position among pages.
    pub order: i64,
    /// Whether it appears on the site.
    pub on_site: bool,
    /// Whether it appears in the PDF handout.
    pub in_handout: bool,
    /// Whether it is a draft (`draft: true`): left out of every output,
    /// unless `--drafts` (and `serve`, with a banner) builds it.
    pub draft: bool,
    /// Markdown.
    pub body: String,
}

/// The words of one content file in one language, from a translation's
/// file (`translation` reads and checks them, and lays them over the
/// project's).
#[derive(Debug, Clone, PartialEq)]
pub struct Translation {
    /// The language tag, from the file's name.
    pub language: String,
    /// The kind of the file it translates.
    pub of: FileKind,
    /// The id of what it translates (empty for handout.yaml).
    pub id: String,
    /// The translation's file, as shown to the user.
    pub path: PathBuf,
    /// Its words.
    pub words: TranslatedWords,
}

/// What a translation holds, by the kind of file it translates.
#[derive(Debug, Clone, PartialEq)]
pub enum TranslatedWords {
    /// handout.yaml's words.
    Settings(SettingsWords),
    /// A phase's words.
    Phase(PhaseWords),
    /// An exercise's words.
    Exercise(ExerciseWords),
    /// A prose page's words.
    Page(PageWords),
    /// A published program's words.
    Program(ProgramWords),
}

/// The words of handout.yaml.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SettingsWords {
    /// The title.
    pub title: Option<String>,
    /// The subtitle.
    pub subtitle: Option<String>,
    /// The clinic's name.
    pub clinic_name: Option<String>,
    /// The disclaimer, Markdown.
    pub disclaimer: Option<String>,
    /// The warning signs' words: each level's short line and its signs.
    pub warning_signs: Option<WarningSignsWords>,
}

/// The words of handout.yaml's `warning_signs:` (its number stays in the
/// source).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct WarningSignsWords {
    /// Call emergency services now.
    pub emergency: Option<SignListWords>,
    /// Call the clinic.
    pub clinic: Option<SignListWords>,
}

/// One level's words.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SignListWords {
    /// The short line.
    pub summary: Option<String>,
    /// The signs, one for each of the source's.
    pub signs: Vec<String>,
}

/// The words of a phase: its front matter's and its Markdown.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PhaseWords {
    /// The title.
    pub title: Option<String>,
    /// When the phase starts, in words.
    pub starts: Option<String>,
    /// The Markdown below the front matter.
    pub body: String,
}

/// The words of an exercise.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ExerciseWords {
    /// The title.
    pub title: Option<String>,
    /// The one-sentence summary.
    pub summary: Option<String>,
    /// The starting position.
    pub position: Option<String>,
    /// What is needed, item for item.
    pub equipment: Vec<String>,
    /// The steps, one for each of the source's.
    pub steps: Vec<String>,
    /// The cautions, one for each of the source's.
    pub cautions: Vec<String>,
    /// How to breathe.
    pub breathing: Option<String>,
    /// The figure's alternative text.
    pub figure_alt: Option<String>,
}

/// The words of a prose page.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PageWords {
    /// The title.
    pub title: Option<String>,
    /// The Markdown below the front matter.
    pub body: String,
}

/// The words of a published program.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ProgramWords {
    /// The title.
    pub title: Option<String>,
}

/// One language's glossary (`glossary` reads it and holds texts to it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Glossary {
    /// The language it is for, from its file's name.
    pub language: String,
    /// The file, as shown.
    pub path: PathBuf,
    /// Its entries, in the file's order.
    pub entries: Vec<GlossaryEntry>,
}

/// A word to use, and the words to avoid for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GlossaryEntry {
    /// The word (or words) to write.
    pub word: String,
    /// What not to write instead.
    pub avoid: Vec<String>,
    /// Why, for the message.
    pub why: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sessions_a_day_are_the_upper_bound_or_one() {
        let mut d = Dose {
            hold_seconds: Some(30),
            repeat: 3,
            each: Some(Side::Leg),
            alternate: true,
            times_per_day: None,
        };
        assert_eq!(d.sessions_per_day(), 1);
        d.times_per_day = Some(Span { min: 5, max: 6 });
        assert_eq!(d.sessions_per_day(), 6);
    }
}

/// The midnight (UTC) that starts the day of `time`, both in seconds since
/// 1970.
fn day_of(time: i64) -> i64 {
    const DAY: i64 = 24 * 60 * 60;
    time - time.rem_euclid(DAY)
}

#[cfg(test)]
mod date_tests {
    use super::day_of;

    #[test]
    fn a_publication_date_is_the_day_of_the_newest_file() {
        // 2026-12-07 21:45:12 UTC and 00:00:00 of the same day.
        assert_eq!(day_of(1_796_679_912), 1_796_601_600);
        assert_eq!(day_of(1_796_601_600), 1_796_601_600);
        assert_eq!(day_of(-1), -86_400);
    }
}
