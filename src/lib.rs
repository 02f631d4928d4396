//! `handout` turns a clinic's exercise content into a PDF handout, a static
//! website and a wall checklist.
//!
//! The pipeline, one module a stage: [`content`] loads and validates the
//! content folder into a [`content::Project`]; [`site`] renders it through
//! [`templates`] into HTML; [`handout`] and [`checklist`] render it through
//! their templates into Markdown, which [`layout`] sets on pages and
//! [`pdf`] writes; [`output`] writes the files. [`markdown`] is the one
//! Markdown parser every output shares.
#![forbid(unsafe_code)]

pub mod checklist;
pub mod cli;
pub mod content;
pub mod diag;
pub mod figure;
pub mod fonts;
pub mod geom;
pub mod handout;
pub mod layout;
pub mod markdown;
pub mod output;
pub mod pdf;
pub mod site;
pub mod templates;

use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Instant;

use cli::{Cli, Command, Only};
use diag::Diagnostics;
use output::OutputError;
use templates::Templates;

/// Why a command failed.
#[derive(Debug)]
pub enum Error {
    /// Problems in the content or the templates, each located.
    Problems(Diagnostics),
    /// The output could not be written.
    Output(OutputError),
}

impl Error {
    /// The process exit code: 1 for problems in the content or templates,
    /// 2 for an output folder that is not ours (a usage error), 1 for a
    /// failed write.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Problems(_) => 1,
            Error::Output(OutputError::NotOurs(_)) => 2,
            Error::Output(OutputError::Io(_)) => 1,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Problems(problems) => write!(f, "{problems}"),
            Error::Output(error) => write!(f, "error: {error}"),
        }
    }
}

impl std::error::Error for Error {}

impl From<Diagnostics> for Error {
    fn from(problems: Diagnostics) -> Error {
        Error::Problems(problems)
    }
}

/// Runs one command and says what it did.
pub fn run(cli: Cli) -> Result<String, Error> {
    match cli.command {
        Command::Build(args) => {
            let options = BuildOptions {
                content: args.content,
                templates: args
                    .templates
                    .clone()
                    .unwrap_or_else(|| PathBuf::from("templates")),
                templates_required: args.templates.is_some(),
                out: args.out,
                only: args.only,
                large_print: args.large_print,
                weeks: args.weeks,
                start: args.start,
            };
            build(&options).map(|report| report.to_string())
        }
        Command::Check(args) => {
            let started = Instant::now();
            let templates_dir = args
                .templates
                .clone()
                .unwrap_or_else(|| PathBuf::from("templates"));
            let (project, templates) =
                load(&args.content, &templates_dir, args.templates.is_some())?;
            // Rendering catches the template errors that only show with
            // data; every template is tried, so all problems show at once.
            let mut problems = Diagnostics::new();
            if let Err(found) = site::render(&project, &templates) {
                problems.extend(found.0);
            }
            if let Err(found) =
                handout::markdown(&project, &templates, project.settings.large_print)
            {
                problems.push(found);
            }
            let checklist_options = checklist::ChecklistOptions {
                weeks: 1,
                start: checklist::start_date(None, &project),
            };
            if let Err(found) = checklist::markdown(&project, &templates, checklist_options) {
                problems.push(found);
            }
            problems.into_result(())?;
            Ok(format!(
                "checked {}: {} exercises in {} phases, no problems ({} ms)",
                args.content.display(),
                project.exercises.len(),
                project.phases.len(),
                started.elapsed().as_millis()
            ))
        }
    }
}

/// What `build` needs to know.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The content folder.
    pub content: PathBuf,
    /// The templates folder.
    pub templates: PathBuf,
    /// Whether the templates folder must exist (the user named it).
    pub templates_required: bool,
    /// The output folder.
    pub out: PathBuf,
    /// One output only, or all.
    pub only: Option<Only>,
    /// Large print for the PDFs (also when handout.yaml asks for it).
    pub large_print: bool,
    /// Checklist weeks per phase.
    pub weeks: u32,
    /// The patient's first day, for dates on the checklist PDF.
    pub start: Option<jiff::civil::Date>,
}

/// What a build made.
#[derive(Debug, Clone)]
pub struct BuildReport {
    /// Exercises built.
    pub exercises: usize,
    /// Phases built.
    pub phases: usize,
    /// HTML pages of the site, when built.
    pub site_pages: Option<usize>,
    /// Pages of the PDF handout, when built.
    pub handout_pages: Option<usize>,
    /// Pages of the checklist PDF, when built.
    pub checklist_pages: Option<usize>,
    /// The output folder.
    pub out: PathBuf,
    /// How long it took, in milliseconds.
    pub millis: u128,
}

impl fmt::Display for BuildReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut built = Vec::new();
        if let Some(pages) = self.site_pages {
            built.push(format!("site ({pages} pages)"));
        }
        if let Some(pages) = self.handout_pages {
            built.push(format!("{HANDOUT_PDF} ({pages} pages)"));
        }
        if let Some(pages) = self.checklist_pages {
            built.push(format!("{} ({pages} pages)", checklist::CHECKLIST_PDF));
        }
        write!(
            f,
            "built {}: {} exercises in {} phases -> {} ({} ms)",
            built.join(", "),
            self.exercises,
            self.phases,
            self.out.display(),
            self.millis
        )
    }
}

fn load(
    content: &Path,
    templates: &Path,
    required: bool,
) -> Result<(content::Project, Templates), Error> {
    // Both are loaded even when one fails, so every problem shows at once.
    let project = content::load(content);
    let templates = Templates::load(templates, required);
    match (project, templates) {
        (Ok(project), Ok(templates)) => Ok((project, templates)),
        (project, templates) => {
            let mut problems = Diagnostics::new();
            problems.extend(project.err().map(|d| d.0).unwrap_or_default());
            problems.extend(templates.err().map(|d| d.0).unwrap_or_default());
            Err(Error::Problems(problems))
        }
    }
}

/// The handout's file name in the output folder.
pub const HANDOUT_PDF: &str = "handout.pdf";

/// An exercise's figure for a PDF, by exercise id: a drawn pose as vector
/// paths made by `draw`, a PNG as an image. The handout draws the movement
/// (start ghost, end and arrow); the checklist only the held position, a
/// still small enough to read in a row.
fn pdf_figure(
    project: &content::Project,
    id: &str,
    draw: fn(&figure::Pose) -> geom::Drawing,
) -> Option<layout::Figure> {
    let exercise = project.exercises.iter().find(|e| e.id == id)?;
    match &exercise.figure.as_ref()?.source {
        content::FigureSource::Pose(pose) => Some(layout::Figure::Drawing(draw(pose))),
        content::FigureSource::Image(_) => handout::image_figure(project, id),
    }
}

/// Builds the outputs: everything is rendered in memory first, and only a
/// complete, error-free build is written.
pub fn build(options: &BuildOptions) -> Result<BuildReport, Error> {
    let started = Instant::now();
    let (project, templates) = load(
        &options.content,
        &options.templates,
        options.templates_required,
    )?;
    let mut files = Vec::new();
    let mut scopes = Vec::new();
    // Every output is rendered even when another failed, so that all the
    // template problems show at once; nothing is written unless all worked.
    let mut problems = Diagnostics::new();
    let mut site_pages = None;
    if options.only.is_none_or(|only| only == Only::Site) {
        match site::render(&project, &templates) {
            Ok(site) => {
                site_pages = Some(site.pages);
                files.extend(site.files);
            }
            Err(found) => problems.extend(found.0),
        }
        scopes.push("site/");
    }
    let (mut handout_pages, mut checklist_pages) = (None, None);
    if options.only.is_none_or(|only| only == Only::Pdf) {
        let large_print = options.large_print || project.settings.large_print;
        // One PDF after the other, never in parallel: printpdf numbers its
        // objects from a global counter, and the bytes must not vary.
        let figures = |id: &str| pdf_figure(&project, id, figure::draw_motion);
        match handout::render(&project, &templates, large_print, &figures) {
            Ok((bytes, pages)) => {
                handout_pages = Some(pages);
                files.push(output::OutFile::new(HANDOUT_PDF, bytes));
            }
            Err(found) => problems.extend(found.0),
        }
        scopes.push(HANDOUT_PDF);
        let checklist_options = checklist::ChecklistOptions {
            weeks: options.weeks,
            start: checklist::start_date(options.start, &project),
        };
        let figures =
            |id: &str| pdf_figure(&project, id, |pose| figure::draw(pose, figure::Frame::End));
        match checklist::render(
            &project,
            &templates,
            checklist_options,
            large_print,
            &figures,
        ) {
            Ok((bytes, pages)) => {
                checklist_pages = Some(pages);
                files.push(output::OutFile::new(checklist::CHECKLIST_PDF, bytes));
            }
            Err(found) => problems.extend(found.0),
        }
        scopes.push(checklist::CHECKLIST_PDF);
    }
    problems.into_result(())?;
    output::write(&options.out, &files, &scopes).map_err(Error::Output)?;
    Ok(BuildReport {
        exercises: project.exercises.len(),
        phases: project.phases.len(),
        site_pages,
        handout_pages,
        checklist_pages,
        out: options.out.clone(),
        millis: started.elapsed().as_millis(),
    })
}
