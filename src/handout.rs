//! The printable PDF handout: the content goes through the
//! `pdf/handout.md` template into Markdown, the typesetter lays that out
//! onto pages, and `pdf` turns the pages into bytes.
//!
//! The clinic changes the handout's order and wording by editing the
//! template, never this code.

use serde::Serialize;

use crate::content::{Clinic, FigureSource, Paper, Project};
use crate::diag::{Diagnostic, Diagnostics};
use crate::geom::{Mm, Pt};
use crate::layout::{self, DocMeta, Margins, TypesetOptions};
use crate::markdown::{LinkKind, LinkTarget, classify_link};
use crate::site::view::{DoseView, dose_view};
use crate::templates::Templates;

/// What `pdf/handout.md` receives.
#[derive(Debug, Serialize)]
pub struct HandoutView {
    /// handout.yaml's title.
    pub title: String,
    /// handout.yaml's subtitle.
    pub subtitle: Option<String>,
    /// BCP 47 language tag.
    pub language: String,
    /// The clinic's contact details.
    pub clinic: Option<Clinic>,
    /// The disclaimer, Markdown.
    pub disclaimer: String,
    /// Whether this is the large-print edition.
    pub large_print: bool,
    /// Prose pages marked for the handout, in order.
    pub pages: Vec<ProseDoc>,
    /// Phases in order, each with its exercises.
    pub phases: Vec<PhaseDoc>,
}

/// A prose page in the handout.
#[derive(Debug, Serialize)]
pub struct ProseDoc {
    /// Its id; `{#page-<id>}` is its anchor.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its Markdown.
    pub body: String,
}

/// A phase in the handout.
#[derive(Debug, Serialize)]
pub struct PhaseDoc {
    /// Its id; `{#phase-<id>}` is its anchor.
    pub id: String,
    /// Its title.
    pub title: String,
    /// When it starts.
    pub starts: Option<String>,
    /// Times a day, like `5-6`.
    pub times_per_day: Option<String>,
    /// Weeks, like `6-12`.
    pub weeks: Option<String>,
    /// Its Markdown.
    pub body: String,
    /// Its exercises.
    pub exercises: Vec<ExerciseDoc>,
}

/// An exercise in the handout; text fields are Markdown.
#[derive(Debug, Serialize)]
pub struct ExerciseDoc {
    /// Its id; `{#exercise-<id>}` is its anchor.
    pub id: String,
    /// Its title.
    pub title: String,
    /// `Stretch` or `Strengthening`.
    pub kind_label: &'static str,
    /// One sentence.
    pub summary: String,
    /// Starting position.
    pub position: String,
    /// What is needed.
    pub equipment: Vec<String>,
    /// The dose in every wording.
    pub dose: DoseView,
    /// The steps.
    pub steps: Vec<String>,
    /// Cautions.
    pub cautions: Vec<String>,
    /// How to breathe.
    pub breathing: Option<String>,
    /// The figure: `src` is `figure:<id>`, for `![alt](src)`.
    pub figure: Option<FigureDoc>,
}

/// A figure reference for the typesetter.
#[derive(Debug, Serialize)]
pub struct FigureDoc {
    /// `figure:<exercise id>`.
    pub src: String,
    /// The alternative text.
    pub alt: String,
}

/// Builds the template's view from the content.
pub fn view(project: &Project, large_print: bool) -> HandoutView {
    let s = &project.settings;
    HandoutView {
        title: s.title.clone(),
        subtitle: s.subtitle.clone(),
        language: s.language.clone(),
        clinic: s.clinic.clone(),
        disclaimer: s.disclaimer.clone(),
        large_print,
        pages: project
            .pages
            .iter()
            .filter(|p| p.in_handout)
            .map(|p| ProseDoc {
                id: p.id.clone(),
                title: p.title.clone(),
                body: p.body.clone(),
            })
            .collect(),
        phases: project
            .phases
            .iter()
            .map(|phase| PhaseDoc {
                id: phase.id.clone(),
                title: phase.title.clone(),
                starts: phase.starts.clone(),
                times_per_day: phase.times_per_day.map(|s| s.to_string()),
                weeks: phase.weeks.map(|s| s.to_string()),
                body: phase.body.clone(),
                exercises: project
                    .exercises_in(&phase.id)
                    .map(|e| ExerciseDoc {
                        id: e.id.clone(),
                        title: e.title.clone(),
                        kind_label: e.kind.label(),
                        summary: e.summary.clone(),
                        position: e.position.clone(),
                        equipment: e.equipment.clone(),
                        dose: dose_view(&e.dose),
                        steps: e.steps.clone(),
                        cautions: e.cautions.clone(),
                        breathing: e.breathing.clone(),
                        figure: e.figure.as_ref().map(|f| FigureDoc {
                            src: format!("figure:{}", e.id),
                            alt: f.alt.clone(),
                        }),
                    })
                    .collect(),
            })
            .collect(),
    }
}

/// The page size of a paper setting.
pub fn paper_size(paper: Paper) -> crate::geom::Size {
    match paper {
        Paper::Letter => layout::LETTER,
        Paper::A4 => layout::A4,
    }
}

/// The date written into the PDFs: SOURCE_DATE_EPOCH when set (for
/// reproducible builds), else the newest content file's time. Never the
/// clock.
pub fn publication_date(project: &Project) -> i64 {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(project.newest_modification)
}

/// The anchor a content link points to inside a PDF: `exercise-calf-stretch`.
pub fn anchor(kind: LinkKind, id: &str) -> String {
    format!("#{}-{id}", kind.scheme())
}

/// Resolves a link in the handout's Markdown: content links become
/// internal anchors, the site's pages have no place in a PDF.
pub fn resolve_link(dest: &str) -> Option<String> {
    match classify_link(dest) {
        LinkTarget::Content(kind, id) => Some(anchor(kind, id)),
        LinkTarget::Unsafe => None,
        LinkTarget::External => Some(dest.to_string()),
    }
}

/// Options shared by every PDF of a project: paper, type size, furniture.
pub fn typeset_options<'a>(
    project: &Project,
    large_print: bool,
    subject: &str,
    figures: &'a dyn Fn(&str) -> Option<layout::Figure>,
) -> TypesetOptions<'a> {
    let s = &project.settings;
    let clinic_name = s.clinic.as_ref().and_then(|c| c.name.clone());
    let phone = s.clinic.as_ref().and_then(|c| c.phone.clone());
    let mut options = TypesetOptions::new(DocMeta {
        title: s.title.clone(),
        author: clinic_name.unwrap_or_default(),
        subject: subject.to_string(),
        language: s.language.clone(),
        creation_date: publication_date(project),
    });
    options.paper = paper_size(s.paper);
    options.margins = Margins::uniform(Mm(19.0));
    options.body_size = if large_print { Pt(18.0) } else { Pt(14.0) };
    options.header_text = Some(s.title.clone());
    options.footer_left = phone.map(|p| format!("Questions? Call {p}"));
    options.figures = figures;
    options.links = &resolve_link;
    options
}

/// Renders the handout's Markdown through its template.
pub fn markdown(
    project: &Project,
    templates: &Templates,
    large_print: bool,
) -> Result<String, Diagnostic> {
    templates.render("pdf/handout.md", &view(project, large_print))
}

/// Builds the handout PDF.
pub fn render(
    project: &Project,
    templates: &Templates,
    large_print: bool,
    figures: &dyn Fn(&str) -> Option<layout::Figure>,
) -> Result<(Vec<u8>, usize), Diagnostics> {
    let text = markdown(project, templates, large_print).map_err(|d| Diagnostics(vec![d]))?;
    let options = typeset_options(project, large_print, "Home exercises", figures);
    let document = layout::typeset(&text, &options);
    let pages = document.pages.len();
    let bytes = crate::pdf::write_pdf(&document).map_err(|error| {
        Diagnostics(vec![Diagnostic::file(
            std::path::Path::new("handout.pdf"),
            format!("cannot write the PDF: {error:#}"),
        )])
    })?;
    Ok((bytes, pages))
}

/// Loads an image figure's file for the PDF; SVG files cannot be drawn in
/// the PDF (no SVG renderer), so they are left to the alt text.
pub fn image_figure(project: &Project, exercise_id: &str) -> Option<layout::Figure> {
    let exercise = project.exercises.iter().find(|e| e.id == exercise_id)?;
    let FigureSource::Image(path) = &exercise.figure.as_ref()?.source else {
        return None;
    };
    let bytes = std::fs::read(project.root.join(path)).ok()?;
    let (width_px, height_px) = png_size(&bytes)?;
    Some(layout::Figure::Png {
        bytes,
        width_px,
        height_px,
    })
}

/// The pixel size of a PNG, from its header.
fn png_size(bytes: &[u8]) -> Option<(u32, u32)> {
    if bytes.len() < 24 || &bytes[..8] != b"\x89PNG\r\n\x1a\n" {
        return None;
    }
    let width = u32::from_be_bytes(bytes[16..20].try_into().ok()?);
    let height = u32::from_be_bytes(bytes[20..24].try_into().ok()?);
    Some((width, height))
}
