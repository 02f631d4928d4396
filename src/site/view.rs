//! What the site's templates receive: plain structs, serialized for Tera.
//! templates/README.md documents every field; keep the two in step.

use serde::Serialize;

use crate::content::{Clinic, Dose, Exercise, Kind, Phase, Project};
use crate::markdown::{self, LinkKind};

/// Variables every page has.
#[derive(Debug, Serialize)]
pub struct PageView<T: Serialize> {
    /// The publication.
    pub site: SiteView,
    /// Relative path from this page back to the site's root: `""` or
    /// `"../../"`. Every link is written relative so the site works from
    /// a folder, a sub-path or file://.
    pub root: String,
    /// This page's path from the root, like `exercises/calf-stretch/`.
    pub path: String,
    /// The page's title for `<title>` (the site title is added by base.html).
    pub title: String,
    /// The absolute address of this page, when `base_url` is set.
    pub canonical: Option<String>,
    /// The root-relative URL of the navigation item this page belongs to,
    /// when it is not a navigation item itself: an exercise's phase.
    pub section: Option<String>,
    /// What the page shows.
    pub page: T,
}

/// The publication's settings and navigation.
#[derive(Debug, Clone, Serialize)]
pub struct SiteView {
    /// handout.yaml's title.
    pub title: String,
    /// handout.yaml's subtitle.
    pub subtitle: Option<String>,
    /// BCP 47 language tag.
    pub language: String,
    /// The clinic's contact details.
    pub clinic: Option<Clinic>,
    /// The site's absolute address ending in `/`, when set; the 404 page
    /// uses it, since it is served at any depth.
    pub base_url: Option<String>,
    /// The disclaimer, as HTML.
    pub disclaimer_html: String,
    /// Phases and prose pages for the navigation, with root-relative URLs.
    pub nav: Vec<LinkView>,
    /// The checklist page's root-relative URL.
    pub checklist_url: String,
}

/// A link: a title and a root-relative URL (prefix it with `root`).
#[derive(Debug, Clone, Serialize)]
pub struct LinkView {
    /// The text of the link.
    pub title: String,
    /// The URL from the site's root.
    pub url: String,
}

/// A phase with its exercises.
#[derive(Debug, Clone, Serialize)]
pub struct PhaseView {
    /// The phase's id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its URL from the root.
    pub url: String,
    /// When it starts, in words.
    pub starts: Option<String>,
    /// Times a day, like `5-6`.
    pub times_per_day: Option<String>,
    /// Weeks, like `6-12`.
    pub weeks: Option<String>,
    /// The phase's prose, as HTML.
    pub body_html: String,
    /// Its exercises, in order.
    pub exercises: Vec<ExerciseView>,
}

/// An exercise, ready to show.
#[derive(Debug, Clone, Serialize)]
pub struct ExerciseView {
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its URL from the root.
    pub url: String,
    /// `stretch` or `strengthen`.
    pub kind: Kind,
    /// `Stretch` or `Strengthening`, for a label.
    pub kind_label: &'static str,
    /// One sentence, as inline HTML.
    pub summary_html: String,
    /// The starting position.
    pub position: String,
    /// What is needed.
    pub equipment: Vec<String>,
    /// The dose, written from the data.
    pub dose: DoseView,
    /// The steps, each as inline HTML.
    pub steps_html: Vec<String>,
    /// Cautions, each as inline HTML.
    pub cautions_html: Vec<String>,
    /// How to breathe, as inline HTML.
    pub breathing_html: Option<String>,
    /// The picture.
    pub figure: Option<FigureView>,
    /// The phase it belongs to.
    pub phase: LinkView,
    /// The exercise before it in its phase.
    pub previous: Option<LinkView>,
    /// The exercise after it in its phase.
    pub next: Option<LinkView>,
}

/// An exercise's dose, in every wording the templates need.
#[derive(Debug, Clone, Serialize)]
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
}

/// A figure on the site.
#[derive(Debug, Clone, Serialize)]
pub struct FigureView {
    /// The image's URL from the root (a drawn figure may be animated).
    pub src: String,
    /// A still version's URL from the root, for print: the held position
    /// of a drawn figure, the image itself otherwise.
    pub still_src: String,
    /// Its alternative text.
    pub alt: String,
}

/// A prose page.
#[derive(Debug, Clone, Serialize)]
pub struct ProseView {
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its body, as HTML.
    pub body_html: String,
}

/// The home page.
#[derive(Debug, Clone, Serialize)]
pub struct HomeView {
    /// The phases in order, each with its exercises.
    pub phases: Vec<PhaseView>,
    /// Prose pages shown on the site.
    pub pages: Vec<LinkView>,
}

/// One exercise's page.
#[derive(Debug, Clone, Serialize)]
pub struct ExercisePageView {
    /// The exercise.
    pub exercise: ExerciseView,
}

/// Builds views for pages at a given depth.
pub(crate) struct Views<'a> {
    pub project: &'a Project,
    /// The relative path to the root from the page being built.
    pub root: String,
    /// Root-relative URL of each exercise's figure.
    pub figure_url: &'a dyn Fn(&Exercise) -> Option<String>,
}

/// The root-relative URL of a piece of content.
pub fn content_url(kind: LinkKind, id: &str) -> String {
    match kind {
        LinkKind::Exercise => format!("exercises/{id}/index.html"),
        LinkKind::Phase => format!("phases/{id}/index.html"),
        LinkKind::Page => format!("pages/{id}/index.html"),
    }
}

impl Views<'_> {
    /// Markdown to HTML, with content links relative to this page.
    pub fn html(&self, markdown_text: &str) -> String {
        markdown::to_html(markdown_text, &|kind, id| {
            Some(format!("{}{}", self.root, content_url(kind, id)))
        })
    }

    /// Inline Markdown to HTML, with content links relative to this page.
    pub fn inline_html(&self, markdown_text: &str) -> String {
        markdown::inline_to_html(markdown_text, &|kind, id| {
            Some(format!("{}{}", self.root, content_url(kind, id)))
        })
    }

    pub fn site(&self) -> SiteView {
        let p = self.project;
        let mut nav: Vec<LinkView> = p
            .phases
            .iter()
            .map(|phase| LinkView {
                title: phase.title.clone(),
                url: content_url(LinkKind::Phase, &phase.id),
            })
            .collect();
        nav.extend(
            p.pages
                .iter()
                .filter(|page| page.on_site)
                .map(|page| LinkView {
                    title: page.title.clone(),
                    url: content_url(LinkKind::Page, &page.id),
                }),
        );
        SiteView {
            title: p.settings.title.clone(),
            subtitle: p.settings.subtitle.clone(),
            language: p.settings.language.clone(),
            clinic: p.settings.clinic.clone(),
            base_url: p.settings.base_url.clone(),
            disclaimer_html: self.html(&p.settings.disclaimer),
            nav,
            checklist_url: super::CHECKLIST_URL.to_string(),
        }
    }

    pub fn phase(&self, phase: &Phase) -> PhaseView {
        PhaseView {
            id: phase.id.clone(),
            title: phase.title.clone(),
            url: content_url(LinkKind::Phase, &phase.id),
            starts: phase.starts.clone(),
            times_per_day: phase.times_per_day.map(|s| s.to_string()),
            weeks: phase.weeks.map(|s| s.to_string()),
            body_html: self.html(&phase.body),
            exercises: self
                .project
                .exercises_in(&phase.id)
                .map(|e| self.exercise(e))
                .collect(),
        }
    }

    pub fn exercise(&self, exercise: &Exercise) -> ExerciseView {
        let siblings: Vec<&Exercise> = self.project.exercises_in(&exercise.phase).collect();
        let index = siblings
            .iter()
            .position(|e| e.id == exercise.id)
            .unwrap_or(0);
        let link = |e: &&Exercise| LinkView {
            title: e.title.clone(),
            url: content_url(LinkKind::Exercise, &e.id),
        };
        let phase = self.project.phase(&exercise.phase);
        ExerciseView {
            id: exercise.id.clone(),
            title: exercise.title.clone(),
            url: content_url(LinkKind::Exercise, &exercise.id),
            kind: exercise.kind,
            kind_label: exercise.kind.label(),
            summary_html: self.inline_html(&exercise.summary),
            position: exercise.position.clone(),
            equipment: exercise.equipment.clone(),
            dose: dose_view(&exercise.dose),
            steps_html: exercise.steps.iter().map(|s| self.inline_html(s)).collect(),
            cautions_html: exercise
                .cautions
                .iter()
                .map(|s| self.inline_html(s))
                .collect(),
            breathing_html: exercise.breathing.as_deref().map(|s| self.inline_html(s)),
            figure: exercise.figure.as_ref().and_then(|figure| {
                let src = (self.figure_url)(exercise)?;
                Some(FigureView {
                    still_src: super::still_url(&src),
                    src,
                    alt: figure.alt.clone(),
                })
            }),
            phase: LinkView {
                title: phase.map_or_else(String::new, |p| p.title.clone()),
                url: content_url(LinkKind::Phase, &exercise.phase),
            },
            previous: index.checked_sub(1).and_then(|i| siblings.get(i)).map(link),
            next: siblings.get(index + 1).map(link),
        }
    }
}

/// The dose in every wording.
pub fn dose_view(dose: &Dose) -> DoseView {
    DoseView {
        sentence: dose.sentence(),
        sentences: dose.sentences(),
        short: dose.short(),
        hold_seconds: dose.hold_seconds,
        repeat: dose.repeat,
        each: dose.each.map(|s| format!("{s:?}").to_lowercase()),
        alternate: dose.alternate,
        times_per_day: dose.times_per_day.map(|s| s.to_string()),
    }
}
