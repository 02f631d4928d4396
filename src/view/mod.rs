//! One view of the content for every output: the site, the PDF handout and
//! the checklist all render from these plain, serialisable structs.
//!
//! The view is output-neutral. Text stays Markdown (the site turns it into
//! HTML with the `markdown` template filter, the PDFs set it as it is); the
//! dose is worded once, from the numbers; each piece of content carries
//! both the site path it is published at (`url`, from the site's root) and
//! its id, from which a PDF makes its anchor (`#exercise-<id>`). Adding a
//! field to exercises touches the content model, this module, the
//! templates and their README: nothing else.
//!
//! templates/README.md documents every field; keep the two in step.

pub mod checklist;
pub mod figures;
pub mod patient_link;
pub mod program;
mod program_data;

use serde::Serialize;

use std::collections::HashMap;
use std::sync::Arc;

use crate::content::variables::{self, Variable};
use crate::content::{
    Clinic, Dose, Exercise, FigureSource, FileKind, Kind, Phase, Project, ProsePage, SignList, Span,
};
use crate::links::{LinkKind, site_path, web_address};
use crate::words::Words;

/// The whole publication, as every output sees it.
#[derive(Debug, Clone, Serialize)]
pub struct PublicationView {
    /// Its title, clinic and other settings (serialised flat: a template
    /// sees `title`, not `head.title`).
    #[serde(flatten)]
    pub head: HeadView,
    /// The phases in order, each with its exercises.
    pub phases: Vec<PhaseView>,
    /// Every prose page, in order (each says where it appears).
    pub pages: Vec<ProseView>,
    /// The program this view prints, when it is one: a published program
    /// or a patient's (`None` for the whole library).
    pub program: Option<program_data::ProgramView>,
}

/// What the publication says about itself: handout.yaml's settings that
/// the outputs print.
#[derive(Debug, Clone, Serialize)]
pub struct HeadView {
    /// handout.yaml's title.
    pub title: String,
    /// handout.yaml's subtitle.
    pub subtitle: Option<String>,
    /// BCP 47 language tag.
    pub language: String,
    /// The clinic's contact details.
    pub clinic: Option<Clinic>,
    /// The site's absolute address ending in `/`, when set.
    pub base_url: Option<String>,
    /// The absolute address of this publication's page, when `base_url`
    /// is set: the site's home for the library. A PDF's cover puts a QR
    /// code to it.
    pub web_url: Option<String>,
    /// The disclaimer, Markdown.
    pub disclaimer: String,
    /// The clinic's logo, when the theme has one.
    pub logo: Option<LogoView>,
    /// When to get help, when handout.yaml gives the warning signs.
    pub warning_signs: Option<WarningSignsView>,
}

/// When to get help: the two levels of warning signs with the numbers to
/// call, ready for a `tel:` link.
#[derive(Debug, Clone, Serialize)]
pub struct WarningSignsView {
    /// The emergency number as written: `911`.
    pub emergency_number: String,
    /// Its `tel:` address: `tel:911`.
    pub emergency_tel: String,
    /// Call emergency services now: a short line and the signs (Markdown).
    pub emergency: SignList,
    /// Call the clinic: a short line and the signs (Markdown).
    pub clinic: SignList,
    /// The clinic's phone, when handout.yaml gives one.
    pub clinic_phone: Option<String>,
    /// Its `tel:` address.
    pub clinic_tel: Option<String>,
    /// The site's page of every sign, from the root.
    pub url: String,
}

/// The site page that lists every warning sign, from the root.
pub const WARNING_SIGNS_URL: &str = "warning-signs/index.html";

/// A phone number as a `tel:` address: its digits, and a leading `+`.
pub fn tel(number: &str) -> String {
    let plus = number.trim_start().starts_with('+');
    let digits: String = number.chars().filter(char::is_ascii_digit).collect();
    format!("tel:{}{digits}", if plus { "+" } else { "" })
}

/// The clinic's logo.
#[derive(Debug, Clone, Serialize)]
pub struct LogoView {
    /// Where the site publishes it, from the root.
    pub url: String,
    /// Its alternative text: the clinic's name, or the title.
    pub alt: String,
}

/// A link: a title and a URL from the site's root.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LinkView {
    /// The text of the link.
    pub title: String,
    /// The URL from the site's root (prefix it with `root` on the site).
    pub url: String,
}

/// A recovery phase with its exercises.
#[derive(Debug, Clone, Serialize)]
pub struct PhaseView {
    /// The phase's id; a PDF's anchor is `phase-<id>`.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its page on the site, from the root.
    pub url: String,
    /// Its place among the phases, from 1.
    pub number: usize,
    /// When it starts, in words.
    pub starts: Option<String>,
    /// Times a day, like `5-6`.
    pub times_per_day: Option<String>,
    /// Weeks, like `6-12`.
    pub weeks: Option<String>,
    /// How often, in the page's language: `5-6 times a day`.
    pub how_often: Option<String>,
    /// For how long, in the page's language: `6-12 weeks`.
    pub how_long: Option<String>,
    /// What the phase is for, Markdown, its dose variables written out.
    pub body: String,
    /// Its exercises, in order.
    pub exercises: Vec<ExerciseView>,
    /// Its texts as written, with their variables (`{weeks}`), and its
    /// own schedule: what a program's view writes out again.
    #[serde(skip)]
    pub written: Arc<WrittenPhase>,
    /// Its dates, on a patient's program only.
    pub window: Option<program_data::WindowView>,
    /// The language its words are in when a translation into the page's
    /// language is missing (the default language's tag, with
    /// `translations: warn`); `None` when they are in the page's language.
    pub fallback_language: Option<String>,
}

/// A phase's exercises of one kind, for a long phase's page: grouped by
/// starting position, so hundreds of exercises read as a short index and
/// sections rather than one list.
#[derive(Debug, Serialize)]
pub struct KindGroupView<'a, E = &'a ExerciseView> {
    /// `Stretch` or `Strengthening`, in the page's language.
    pub label: &'a str,
    /// The section's anchor on the page, like `kind-stretch`.
    pub anchor: String,
    /// How many exercises of this kind.
    pub count: usize,
    /// Its exercises by starting position.
    pub positions: Vec<PositionGroupView<'a, E>>,
}

impl<'a, E> KindGroupView<'a, E> {
    /// The same groups with each exercise turned into `F` (the site
    /// shows each as it serialized it once).
    pub fn map_exercises<F>(self, f: &impl Fn(E) -> F) -> KindGroupView<'a, F> {
        KindGroupView {
            label: self.label,
            anchor: self.anchor,
            count: self.count,
            positions: (self.positions.into_iter())
                .map(|group| PositionGroupView {
                    position: group.position,
                    anchor: group.anchor,
                    exercises: group.exercises.into_iter().map(f).collect(),
                })
                .collect(),
        }
    }
}

/// The exercises of one kind that start from one position.
#[derive(Debug, Serialize)]
pub struct PositionGroupView<'a, E = &'a ExerciseView> {
    /// The starting position, as written in the exercises.
    pub position: &'a str,
    /// The section's anchor on the page, like `kind-stretch-2`.
    pub anchor: String,
    /// Its exercises, in the phase's order.
    pub exercises: Vec<E>,
}

impl PhaseView {
    /// The phase without its exercises: its own fields, for a page that
    /// adds the exercises as it shows them.
    pub fn without_exercises(&self) -> PhaseView {
        PhaseView {
            id: self.id.clone(),
            title: self.title.clone(),
            url: self.url.clone(),
            number: self.number,
            starts: self.starts.clone(),
            times_per_day: self.times_per_day.clone(),
            weeks: self.weeks.clone(),
            how_often: self.how_often.clone(),
            how_long: self.how_long.clone(),
            body: self.body.clone(),
            exercises: Vec::new(),
            written: Arc::clone(&self.written),
            window: self.window.clone(),
            fallback_language: self.fallback_language.clone(),
        }
    }

    /// The phase's exercises grouped by kind, then by starting position;
    /// kinds and positions come in the order they first appear in the
    /// phase, and each group keeps the phase's order.
    pub fn groups(&self) -> Vec<KindGroupView<'_>> {
        let mut kinds: Vec<(Kind, KindGroupView<'_>)> = Vec::new();
        for exercise in &self.exercises {
            let at = match kinds.iter().position(|(kind, _)| *kind == exercise.kind) {
                Some(at) => at,
                None => {
                    let group = KindGroupView {
                        label: &exercise.kind_label,
                        anchor: format!("kind-{}", kind_slug(exercise.kind)),
                        count: 0,
                        positions: Vec::new(),
                    };
                    kinds.push((exercise.kind, group));
                    kinds.len() - 1
                }
            };
            let group = &mut kinds[at].1;
            group.count += 1;
            match (group.positions.iter_mut()).find(|p| p.position == exercise.position) {
                Some(position) => position.exercises.push(exercise),
                None => {
                    let anchor = format!("{}-{}", group.anchor, group.positions.len() + 1);
                    group.positions.push(PositionGroupView {
                        position: &exercise.position,
                        anchor,
                        exercises: vec![exercise],
                    });
                }
            }
        }
        kinds.into_iter().map(|(_, group)| group).collect()
    }
}

/// A kind as a word for an anchor.
fn kind_slug(kind: Kind) -> &'static str {
    match kind {
        Kind::Stretch => "stretch",
        Kind::Strengthen => "strengthen",
    }
}

/// An exercise, ready for any output. Text fields are Markdown.
#[derive(Debug, Clone, Serialize)]
pub struct ExerciseView {
    /// Its id; a PDF's anchor is `exercise-<id>`, and `figure:<id>` draws
    /// its figure in a PDF.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its page on the site, from the root.
    pub url: String,
    /// The absolute address of its page, when `base_url` is set: what a
    /// PDF prints and puts in a QR code.
    pub web_url: Option<String>,
    /// `stretch` or `strengthen`.
    pub kind: Kind,
    /// `Stretch` or `Strengthening`, in the page's language, for a label.
    pub kind_label: String,
    /// One sentence.
    pub summary: String,
    /// The starting position.
    pub position: String,
    /// What is needed.
    pub equipment: Vec<String>,
    /// The dose, worded from the numbers.
    pub dose: DoseView,
    /// Its times a day, for its phase's text.
    #[serde(skip)]
    pub schedule: Option<Span>,
    /// The steps.
    pub steps: Vec<String>,
    /// What to watch out for.
    pub cautions: Vec<String>,
    /// How to breathe.
    pub breathing: Option<String>,
    /// The day its instructions were last reviewed, in the page's
    /// language (`7 December 2026`), when the exercise says.
    pub reviewed: Option<String>,
    /// Its picture.
    pub figure: Option<FigureView>,
    /// The phase it belongs to.
    pub phase: LinkView,
    /// The exercise before it in its phase.
    pub previous: Option<LinkView>,
    /// The exercise after it in its phase.
    pub next: Option<LinkView>,
    /// Whether its dose was set for this patient (a patient's program
    /// only).
    pub set_for_patient: bool,
    /// A note for this patient, Markdown (a patient's program only).
    pub note: Option<String>,
    /// Whether it is a draft, built to be looked at (`serve`, `--drafts`):
    /// the site marks its page with a banner.
    pub draft: bool,
    /// Its texts as written, with their dose variables (`{hold}`): what
    /// a program's view writes out again with its own dose.
    #[serde(skip)]
    pub written: Arc<WrittenExercise>,
    /// The language its words are in when a translation into the page's
    /// language is missing (the default language's tag, with
    /// `translations: warn`); `None` when they are in the page's language.
    pub fallback_language: Option<String>,
}

/// An exercise's dose, in every wording the outputs need. Every output
/// words it from here, so the site, the handout and the checklist agree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DoseView {
    /// `Hold 30 seconds. Repeat 3 times on each leg, switching legs. 5-6 times a day.`
    pub sentence: String,
    /// The same, sentence by sentence.
    pub sentences: Vec<String>,
    /// `Hold 30 s · 3 times each leg`
    pub short: String,
    /// Seconds to hold, if held.
    pub hold_seconds: Option<u32>,
    /// Repetitions.
    pub repeat: u32,
    /// `leg`, `arm` or `side`, when done per side.
    pub each: Option<String>,
    /// Whether to switch sides between repetitions.
    pub alternate: bool,
    /// Times a day, like `5-6`.
    pub times_per_day: Option<String>,
    /// Tick boxes a day on a checklist: the most times a day.
    pub sessions: u32,
    /// How many of them are asked for: the fewest times a day; the rest
    /// are extra, if the patient can.
    pub required: u32,
}

/// An exercise's picture.
#[derive(Debug, Clone, Serialize)]
pub struct FigureView {
    /// What it shows, for people who cannot see it.
    pub alt: String,
    /// Where the site publishes it, from the root (a drawn figure may move).
    pub url: String,
    /// A still version, from the root: the end panel alone of a drawn
    /// figure (the held position), the image itself otherwise. Cards and
    /// the checklist show it.
    pub still_url: String,
    /// The start panel alone of a drawn figure that moves, from the root
    /// (with `still_url`, the site plays the movement); `None` otherwise.
    pub start_url: Option<String>,
}

/// A prose page.
#[derive(Debug, Clone, Serialize)]
pub struct ProseView {
    /// Its id; a PDF's anchor is `page-<id>`.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its page on the site, from the root.
    pub url: String,
    /// Its text, Markdown.
    pub body: String,
    /// Whether it appears on the site.
    pub on_site: bool,
    /// Whether it appears in the PDF handout.
    pub in_handout: bool,
    /// Whether it is a draft, built to be looked at (`serve`, `--drafts`):
    /// the site marks its page with a banner.
    pub draft: bool,
    /// The language its words are in when a translation into the page's
    /// language is missing (the default language's tag, with
    /// `translations: warn`); `None` when they are in the page's language.
    pub fallback_language: Option<String>,
}

impl PublicationView {
    /// The view of a whole project, with the words handout writes itself
    /// (the dose, dates) in its language.
    pub fn new(project: &Project, words: &Words) -> PublicationView {
        let s = &project.settings;
        PublicationView {
            head: HeadView {
                title: s.title.clone(),
                subtitle: s.subtitle.clone(),
                language: s.language.clone(),
                clinic: s.clinic.clone(),
                base_url: s.base_url.clone(),
                web_url: s.base_url.clone(),
                disclaimer: s.disclaimer.clone(),
                warning_signs: s.warning_signs.as_ref().map(|signs| {
                    let phone = s.clinic.as_ref().and_then(|c| c.phone.clone());
                    WarningSignsView {
                        emergency_tel: tel(&signs.emergency_number),
                        emergency_number: signs.emergency_number.clone(),
                        emergency: signs.emergency.clone(),
                        clinic: signs.clinic.clone(),
                        clinic_tel: phone.as_deref().map(tel),
                        clinic_phone: phone,
                        url: WARNING_SIGNS_URL.to_string(),
                    }
                }),
                logo: s.theme.logo.as_ref().map(|path| LogoView {
                    url: figures::published_path(path),
                    alt: s
                        .clinic
                        .as_ref()
                        .and_then(|c| c.name.clone())
                        .unwrap_or_else(|| s.title.clone()),
                }),
            },
            phases: project
                .phases
                .iter()
                .enumerate()
                .map(|(i, phase)| phase_view(project, phase, i + 1, words))
                .collect(),
            pages: (project.pages.iter())
                .map(|page| prose_view(project, page))
                .collect(),
            program: None,
        }
    }

    /// Every exercise, phase by phase.
    pub fn exercises(&self) -> impl Iterator<Item = &ExerciseView> {
        self.phases.iter().flat_map(|p| &p.exercises)
    }
}

fn phase_view(project: &Project, phase: &Phase, number: usize, words: &Words) -> PhaseView {
    let exercises: Vec<&Exercise> = project.exercises_in(&phase.id).collect();
    let places: Vec<usize> = (0..exercises.len()).collect();
    let link = |e: &Exercise| LinkView {
        title: e.title.clone(),
        url: site_path(LinkKind::Exercise, &e.id),
    };
    let phase_link = LinkView {
        title: phase.title.clone(),
        url: site_path(LinkKind::Phase, &phase.id),
    };
    let written = Arc::new(WrittenPhase {
        body: phase.body.clone(),
        starts: phase.starts.clone(),
        times_per_day: phase.times_per_day,
        weeks: phase.weeks,
    });
    // A library has a few doses for thousands of exercises: each is
    // worded once.
    let mut doses: HashMap<Dose, DoseView> = HashMap::new();
    for exercise in &exercises {
        (doses.entry(exercise.dose)).or_insert_with(|| dose_view(&exercise.dose, words));
    }
    // Filling in thousands of exercises' texts is worth both cores.
    let exercises = crate::parallel::map(&places, 256, |&i| {
        let exercise = exercises[i];
        ExerciseView {
            previous: i.checked_sub(1).map(|i| link(exercises[i])),
            next: exercises.get(i + 1).map(|e| link(e)),
            ..exercise_view(
                exercise,
                &doses[&exercise.dose],
                phase_link.clone(),
                project,
                words,
            )
        }
    });
    let mut view = PhaseView {
        id: phase.id.clone(),
        title: phase.title.clone(),
        url: phase_link.url.clone(),
        number,
        starts: None,
        times_per_day: None,
        weeks: None,
        how_often: None,
        how_long: None,
        body: String::new(),
        window: None,
        fallback_language: fallback_language(project, FileKind::Phase, &phase.id),
        exercises,
        written,
    };
    view.write_schedule(phase.weeks, words);
    view
}

/// A phase's texts as its file has them, and its own schedule.
#[derive(Debug, Clone, Default)]
pub struct WrittenPhase {
    /// The Markdown, with its variables.
    pub body: String,
    /// When it starts, in words, with its variables.
    pub starts: Option<String>,
    /// The phase's own times a day.
    pub times_per_day: Option<Span>,
    /// The phase's own weeks.
    pub weeks: Option<Span>,
}

/// An exercise's texts as its file has them, with their dose variables.
#[derive(Debug, Clone, Default)]
pub struct WrittenExercise {
    /// One sentence.
    pub summary: String,
    /// The starting position.
    pub position: String,
    /// The steps.
    pub steps: Vec<String>,
    /// What to watch out for.
    pub cautions: Vec<String>,
    /// How to breathe.
    pub breathing: Option<String>,
}

/// How often a phase's exercises are done, as its text may say it.
fn phase_times_per_day(own: Option<Span>, exercises: &[ExerciseView]) -> Option<Span> {
    let mut spans = exercises.iter().map(|e| e.schedule);
    match spans.next() {
        // A phase without exercises says its own.
        None => own,
        Some(first) => spans.all(|s| s == first).then_some(first).flatten(),
    }
}

impl PhaseView {
    /// Writes the phase's schedule and its texts from its exercises' doses
    /// and `weeks`: a phase says "5-6 times a day" only when every one of
    /// its exercises is done that often (else "as often as each exercise
    /// says"), and "for 6-12 weeks" as long as it lasts here.
    pub fn write_schedule(&mut self, weeks: Option<Span>, words: &Words) {
        let written = Arc::clone(&self.written);
        let per_day = phase_times_per_day(written.times_per_day, &self.exercises);
        let varies = per_day.is_none() && written.times_per_day.is_some();
        self.times_per_day = per_day.map(|s| s.to_string());
        self.weeks = weeks.map(|s| s.to_string());
        self.how_often = match per_day {
            Some(span) => Some(words.per_day(span)),
            None if varies => Some(words.text("per-day-varies")),
            None => None,
        };
        self.how_long = weeks.map(|span| words.weeks(span));
        let how_often = self.how_often.clone();
        let how_long = self.how_long.clone();
        let value = |variable: Variable| match variable {
            Variable::TimesPerDay => how_often.clone(),
            Variable::Weeks => how_long.clone(),
            Variable::Hold | Variable::Repeat => None,
        };
        self.body = variables::fill(&written.body, value);
        self.starts = written.starts.as_deref().map(|s| variables::fill(s, value));
    }
}

impl ExerciseView {
    /// Writes the dose, and the texts that refer to it, from `dose`.
    pub fn write_dose(&mut self, dose: &Dose, words: &Words) {
        self.dose = dose_view(dose, words);
        self.write_texts(dose, words);
    }

    /// Writes the texts that refer to the dose (`dose`, already worded in
    /// `self.dose`).
    fn write_texts(&mut self, dose: &Dose, words: &Words) {
        self.schedule = dose.times_per_day;
        let value = |variable: Variable| match variable {
            Variable::Hold => dose.hold_seconds.map(|seconds| words.hold(seconds)),
            Variable::Repeat => Some(words.times(dose.repeat)),
            Variable::TimesPerDay => dose.times_per_day.map(|span| words.per_day(span)),
            Variable::Weeks => None,
        };
        let written = Arc::clone(&self.written);
        self.summary = variables::fill(&written.summary, value);
        self.position = variables::fill(&written.position, value);
        self.steps = (written.steps.iter())
            .map(|step| variables::fill(step, value))
            .collect();
        self.cautions = (written.cautions.iter())
            .map(|caution| variables::fill(caution, value))
            .collect();
        self.breathing = (written.breathing.as_deref()).map(|text| variables::fill(text, value));
    }
}

/// An exercise's view, without its neighbours; `dose` is its dose worded.
fn exercise_view(
    exercise: &Exercise,
    dose: &DoseView,
    phase: LinkView,
    project: &Project,
    words: &Words,
) -> ExerciseView {
    let url = site_path(LinkKind::Exercise, &exercise.id);
    let mut view = ExerciseView {
        id: exercise.id.clone(),
        title: exercise.title.clone(),
        web_url: (project.settings.base_url.as_deref()).map(|base| web_address(base, &url)),
        url,
        kind: exercise.kind,
        kind_label: words.text(exercise.kind.message()),
        summary: String::new(),
        position: String::new(),
        equipment: exercise.equipment.clone(),
        dose: dose.clone(),
        schedule: exercise.dose.times_per_day,
        steps: Vec::new(),
        cautions: Vec::new(),
        breathing: None,
        reviewed: exercise.last_reviewed.map(|date| words.date_long(date)),
        figure: exercise.figure.as_ref().map(|figure| {
            let (url, moves) = match &figure.source {
                FigureSource::Image(path) => (figures::published_path(path), false),
                FigureSource::Pose(pose) => (figures::drawn_path(&exercise.id), pose.moves()),
            };
            FigureView {
                alt: figure.alt.clone(),
                still_url: figures::still_path(&url),
                start_url: moves.then(|| figures::start_path(&url)).flatten(),
                url,
            }
        }),
        phase,
        previous: None,
        next: None,
        set_for_patient: false,
        note: None,
        draft: exercise.draft,
        fallback_language: fallback_language(project, FileKind::Exercise, &exercise.id),
        written: Arc::new(WrittenExercise {
            summary: exercise.summary.clone(),
            position: exercise.position.clone(),
            steps: exercise.steps.clone(),
            cautions: exercise.cautions.clone(),
            breathing: exercise.breathing.clone(),
        }),
    };
    view.write_texts(&exercise.dose, words);
    view
}

/// The default language, when `kind` `id` shows its words for want of a
/// translation into the project's language.
fn fallback_language(project: &Project, kind: FileKind, id: &str) -> Option<String> {
    project
        .is_untranslated(kind, id)
        .then(|| project.languages()[0].clone())
}

fn prose_view(project: &Project, page: &ProsePage) -> ProseView {
    ProseView {
        fallback_language: fallback_language(project, FileKind::Page, &page.id),
        id: page.id.clone(),
        title: page.title.clone(),
        url: site_path(LinkKind::Page, &page.id),
        body: page.body.clone(),
        on_site: page.on_site,
        in_handout: page.in_handout,
        draft: page.draft,
    }
}

/// The dose in every wording, in the words' language.
pub fn dose_view(dose: &Dose, words: &Words) -> DoseView {
    let sentences = words.dose_sentences(dose);
    DoseView {
        sentence: sentences.join(" "),
        sentences,
        short: words.dose_short(dose),
        hold_seconds: dose.hold_seconds,
        repeat: dose.repeat,
        each: dose.each.map(|s| format!("{s:?}").to_lowercase()),
        alternate: dose.alternate,
        times_per_day: dose.times_per_day.map(|s| s.to_string()),
        sessions: dose.sessions_per_day(),
        required: dose.times_per_day.map_or(1, |s| s.min),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn default_content() -> PublicationView {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        let words = Words::load("en", &[]).expect("the English words load");
        PublicationView::new(
            &crate::content::load(&root).expect("the default content loads"),
            &words,
        )
    }

    #[test]
    fn neighbours_stay_inside_their_phase() {
        let view = default_content();
        for phase in &view.phases {
            let first = phase.exercises.first().expect("exercises");
            let last = phase.exercises.last().expect("exercises");
            assert!(first.previous.is_none());
            assert!(last.next.is_none());
            for pair in phase.exercises.windows(2) {
                assert_eq!(pair[0].next.as_ref().map(|l| &l.url), Some(&pair[1].url));
                assert_eq!(
                    pair[1].previous.as_ref().map(|l| &l.url),
                    Some(&pair[0].url)
                );
            }
            assert!(phase.exercises.iter().all(|e| e.phase.url == phase.url));
        }
    }

    #[test]
    fn drawn_figures_have_a_still_beside_them() {
        let view = default_content();
        let figure = view
            .exercises()
            .find_map(|e| e.figure.as_ref())
            .expect("a figure");
        assert!(figure.url.starts_with("figures/drawn/"), "{}", figure.url);
        assert!(
            figure.still_url.ends_with("-end.svg"),
            "{}",
            figure.still_url
        );
    }

    #[test]
    fn the_dose_counts_boxes_for_the_checklist() {
        let view = default_content();
        let stretch = &view.phases[0].exercises[0];
        assert_eq!((stretch.dose.sessions, stretch.dose.required), (6, 5));
        assert!(stretch.dose.sentence.starts_with("Hold 30 seconds."));
    }
}
