//! The clinic website: one HTML page per phase, exercise and prose page,
//! a home page, a 404 page and, with a `base_url`, a sitemap. Pages are
//! rendered in memory; `output` writes them.

pub mod view;

use serde::Serialize;

use crate::content::{Exercise, FigureSource, Project};
use crate::diag::{Diagnostic, Diagnostics};
use crate::markdown::LinkKind;
use crate::output::OutFile;
use crate::templates::Templates;
use view::{ExercisePageView, HomeView, LinkView, PageView, ProseView, Views, content_url};

/// The site's folder inside the output folder.
pub const SITE_DIR: &str = "site";

/// Where an exercise's figure is published in the site, from the root: an
/// image keeps its path under figures/; a drawn pose goes to
/// figures/drawn/, apart from the clinic's own files.
fn figure_url(exercise: &Exercise) -> Option<String> {
    match &exercise.figure.as_ref()?.source {
        FigureSource::Image(path) => Some(path.to_string_lossy().replace('\\', "/")),
        FigureSource::Pose(_) => Some(format!("figures/drawn/{}.svg", exercise.id)),
    }
}

/// The still version of a figure URL: drawn figures have one beside them,
/// images are still already.
pub fn still_url(url: &str) -> String {
    match url
        .strip_prefix("figures/drawn/")
        .and_then(|name| name.strip_suffix(".svg"))
    {
        Some(id) => format!("figures/drawn/{id}-still.svg"),
        None => url.to_string(),
    }
}

/// The checklist page, from the root.
pub const CHECKLIST_URL: &str = "checklist/index.html";

/// What `site/checklist.html` receives as `page`.
#[derive(Debug, Serialize)]
pub struct ChecklistView {
    /// The checklist: phases, weeks, rows.
    pub checklist: crate::checklist::Checklist,
    /// Root-relative figure URLs by exercise id.
    pub figures: std::collections::BTreeMap<String, String>,
}

/// What a site build made.
#[derive(Debug)]
pub struct Site {
    /// Every file, paths starting with `site/`.
    pub files: Vec<OutFile>,
    /// How many of them are HTML pages.
    pub pages: usize,
}

/// Renders the whole site.
pub fn render(project: &Project, templates: &Templates) -> Result<Site, Diagnostics> {
    let mut renderer = Renderer {
        project,
        templates,
        files: Vec::new(),
        problems: Diagnostics::new(),
        sitemap: Vec::new(),
    };
    renderer.page("index.html", String::new(), "site/index.html", |v| {
        HomeView {
            phases: project.phases.iter().map(|p| v.phase(p)).collect(),
            pages: project
                .pages
                .iter()
                .filter(|p| p.on_site)
                .map(|p| LinkView {
                    title: p.title.clone(),
                    url: content_url(LinkKind::Page, &p.id),
                })
                .collect(),
        }
    });
    for phase in &project.phases {
        renderer.page(
            &content_url(LinkKind::Phase, &phase.id),
            phase.title.clone(),
            "site/phase.html",
            |v| v.phase(phase),
        );
    }
    for exercise in &project.exercises {
        renderer.page(
            &content_url(LinkKind::Exercise, &exercise.id),
            exercise.title.clone(),
            "site/exercise.html",
            |v| ExercisePageView {
                exercise: v.exercise(exercise),
            },
        );
    }
    for page in project.pages.iter().filter(|p| p.on_site) {
        renderer.page(
            &content_url(LinkKind::Page, &page.id),
            page.title.clone(),
            "site/page.html",
            |v| ProseView {
                id: page.id.clone(),
                title: page.title.clone(),
                body_html: v.html(&page.body),
            },
        );
    }
    // The site's checklist never carries dates: a start date belongs to
    // one patient, and only that patient's printout shows it.
    let checklist = crate::checklist::build(project, crate::checklist::ChecklistOptions::default());
    if !checklist.phases.is_empty() {
        renderer.page(
            CHECKLIST_URL,
            "Exercise checklist".to_string(),
            "site/checklist.html",
            |v| ChecklistView {
                figures: checklist
                    .phases
                    .iter()
                    .flat_map(|p| &p.rows)
                    .filter_map(|row| {
                        let exercise = project.exercises.iter().find(|e| e.id == row.id)?;
                        Some((row.id.clone(), still_url(&(v.figure_url)(exercise)?)))
                    })
                    .collect(),
                checklist: checklist.clone(),
            },
        );
    }
    // The 404 page is served from any depth, so its links must be absolute
    // when the site's address is known; relative to the root otherwise.
    renderer.page(
        "404.html",
        "Page not found".to_string(),
        "site/404.html",
        |_| (),
    );
    let pages = renderer.files.len();

    if let Some(base) = &project.settings.base_url {
        let urls: Vec<String> = renderer
            .sitemap
            .iter()
            .map(|path| format!("{base}{path}"))
            .collect();
        match templates.render("site/sitemap.xml", &serde_json_like::Urls { urls }) {
            Ok(xml) => renderer.files.push(OutFile::new(
                format!("{SITE_DIR}/sitemap.xml"),
                xml.into_bytes(),
            )),
            Err(d) => renderer.problems.push(d),
        }
    }
    match templates.text("site/style.css") {
        Some(css) => renderer.files.push(OutFile::new(
            format!("{SITE_DIR}/assets/style.css"),
            css.as_bytes().to_vec(),
        )),
        None => renderer.problems.push(Diagnostic::file(
            std::path::Path::new("templates/site/style.css"),
            "the stylesheet is missing",
        )),
    }
    for exercise in &project.exercises {
        let (Some(figure), Some(url)) = (&exercise.figure, figure_url(exercise)) else {
            continue;
        };
        let bytes = match &figure.source {
            FigureSource::Image(path) => {
                let real = project.root.join(path);
                match std::fs::read(&real) {
                    Ok(bytes) => bytes,
                    Err(error) => {
                        renderer
                            .problems
                            .push(Diagnostic::file(&real, format!("cannot be read: {error}")));
                        continue;
                    }
                }
            }
            FigureSource::Pose(pose) => {
                // The held position, still: for print and the checklist.
                let still = crate::figure::draw(pose, crate::figure::Frame::End);
                let still = crate::figure::svg::drawing_to_svg(&still, &figure.alt);
                renderer.files.push(OutFile::new(
                    format!("{SITE_DIR}/{}", still_url(&url)),
                    still.into_bytes(),
                ));
                crate::figure::svg::to_svg(pose, &figure.alt, true).into_bytes()
            }
        };
        renderer
            .files
            .push(OutFile::new(format!("{SITE_DIR}/{url}"), bytes));
    }
    let Renderer {
        mut files,
        problems,
        ..
    } = renderer;
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files.dedup_by(|a, b| a.path == b.path);
    problems.into_result(Site { files, pages })
}

mod serde_json_like {
    //! The sitemap template's variables.
    use serde::Serialize;

    /// Every page's absolute address.
    #[derive(Serialize)]
    pub(super) struct Urls {
        pub urls: Vec<String>,
    }
}

struct Renderer<'a> {
    project: &'a Project,
    templates: &'a Templates,
    files: Vec<OutFile>,
    problems: Diagnostics,
    sitemap: Vec<String>,
}

impl Renderer<'_> {
    /// Renders one page at `path` (from the site's root) with `template`,
    /// giving it the view that `make` builds for the page's depth.
    fn page<T: Serialize>(
        &mut self,
        path: &str,
        title: String,
        template: &str,
        make: impl FnOnce(&Views<'_>) -> T,
    ) {
        let is_404 = path == "404.html";
        // A server shows the 404 page at whatever address was asked for, so
        // its links must be absolute when the site's address is known.
        let root = match &self.project.settings.base_url {
            Some(base) if is_404 => base.clone(),
            _ => "../".repeat(path.matches('/').count()),
        };
        let views = Views {
            project: self.project,
            root,
            figure_url: &figure_url,
        };
        let pretty = path.strip_suffix("index.html").unwrap_or(path).to_string();
        let canonical = match &self.project.settings.base_url {
            Some(base) if !is_404 => Some(format!("{base}{pretty}")),
            _ => None,
        };
        if !is_404 {
            self.sitemap.push(pretty.clone());
        }
        // An exercise's page belongs to its phase's section of the site.
        let section = path
            .strip_prefix("exercises/")
            .and_then(|rest| rest.strip_suffix("/index.html"))
            .and_then(|id| self.project.exercises.iter().find(|e| e.id == id))
            .map(|e| content_url(LinkKind::Phase, &e.phase));
        let view = PageView {
            site: views.site(),
            root: views.root.clone(),
            path: pretty,
            title,
            canonical,
            section,
            page: make(&views),
        };
        match self.templates.render(template, &view) {
            Ok(html) => self.files.push(OutFile::new(
                format!("{SITE_DIR}/{path}"),
                html.into_bytes(),
            )),
            Err(diagnostic) => self.problems.push(diagnostic),
        }
    }
}
