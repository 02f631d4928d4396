//! `handout` turns a clinic's exercise content into a PDF handout, a static
//! website and a wall checklist.
//!
//! The pipeline, one module a stage, the arrows one way:
//! [`content`] loads and validates the content folder into a
//! [`content::Project`]; [`view`] turns it into one output-neutral view;
//! the outputs render that view: [`site`] into HTML through [`templates`],
//! [`handout`] and [`checklist`] into Markdown that [`layout`] sets on pages
//! (with the settings the two PDFs share, [`print`](mod@print)) and [`pdf`] writes;
//! [`output`] writes the files. No output imports another: each implements
//! [`outputs::Output`], and `check` and `build` run the same list of them.
//! [`markdown`] is the one Markdown parser, [`links`] the one place that
//! says where a link leads, [`qr`] draws QR codes to the site for the
//! PDFs, and [`theme`] is the one look of every output.
#![forbid(unsafe_code)]

pub mod checklist;
pub mod cli;
pub mod content;
pub mod diag;
pub mod figure;
pub mod fonts;
pub mod geom;
pub mod handout;
pub mod image;
pub mod layout;
pub mod links;
pub mod manual;
pub mod markdown;
pub mod output;
pub mod outputs;
pub mod parallel;
pub mod patients;
pub mod pdf;
pub mod print;
pub mod qr;
pub mod readability;
pub mod scaffold;
pub mod serve;
pub mod sheet;
pub mod site;
pub mod templates;
pub mod theme;
pub mod view;
pub mod walk;
pub mod words;

#[cfg(test)]
mod test_output;

use std::fmt;
use std::path::PathBuf;
use std::time::Instant;

use cli::{Cli, Command, Only};
use diag::Diagnostics;
use output::OutputError;
use outputs::{Input, Output, PrintOptions};
use templates::Templates;
use view::PublicationView;
use view::figures::Figures;

/// Why a command failed.
#[derive(Debug)]
pub enum Error {
    /// Problems in the content or the templates, each located.
    Problems(Diagnostics),
    /// The output could not be written.
    Output(OutputError),
    /// A command that cannot do what was asked (`init` into a folder that
    /// holds files, `new` with an id that is taken).
    Usage(scaffold::Refusal),
}

impl Error {
    /// The process exit code: 1 for problems in the content or templates;
    /// for the output, what [`OutputError::exit_code`] says (2 for a usage
    /// error, 1 for a failed write).
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Problems(_) => 1,
            Error::Output(error) => error.exit_code(),
            Error::Usage(_) => 2,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Problems(problems) => write!(f, "{problems}"),
            Error::Output(error) => write!(f, "error: {error}"),
            Error::Usage(refusal) => write!(f, "{refusal}"),
        }
    }
}

impl std::error::Error for Error {}

impl From<serve::ServeError> for Error {
    fn from(error: serve::ServeError) -> Error {
        Error::Usage(scaffold::Refusal {
            message: error.0,
            hint: "see `handout serve --help`".to_string(),
        })
    }
}

/// The templates folder: the one named with `--templates`, else
/// `templates/` when it exists (the built-in templates stand in for a
/// missing one).
fn templates_dir(given: Option<&std::path::Path>) -> PathBuf {
    given.map_or_else(|| PathBuf::from("templates"), std::path::Path::to_path_buf)
}

impl From<Diagnostics> for Error {
    fn from(problems: Diagnostics) -> Error {
        Error::Problems(problems)
    }
}

/// What a command that worked has to say.
#[derive(Debug, Default)]
pub struct Success {
    /// What it made for standard output (a completion script, the manual),
    /// printed as it is, even with `--quiet`.
    pub output: String,
    /// What it did, for a person: left out with `--quiet`.
    pub summary: String,
    /// Things worth fixing that did not stop it, printed before the summary.
    pub warnings: Diagnostics,
    /// Things worth knowing that are no problem, printed on standard
    /// error unless `--quiet`.
    pub notes: Vec<String>,
}

/// Runs one command and says what it did.
pub fn run(cli: Cli) -> Result<Success, Error> {
    match cli.command {
        Command::Build(args) => {
            let options = BuildOptions {
                content: args.content,
                templates: templates_dir(args.templates.as_deref()),
                templates_required: args.templates.is_some(),
                out: args.out,
                only: args.only,
                large_print: args.large_print,
                weeks: args.weeks,
                start: args.start,
                deny_warnings: args.deny_warnings,
                drafts: args.drafts,
                readability: None,
            };
            let report = build(&options)?;
            let summary = with_timings(report.to_string(), &report.timings, cli.verbose);
            Ok(Success {
                summary,
                warnings: report.warnings,
                notes: report.notes,
                ..Success::default()
            })
        }
        Command::Check(args) => {
            let started = Instant::now();
            let options = BuildOptions {
                templates: templates_dir(args.templates.as_deref()),
                templates_required: args.templates.is_some(),
                deny_warnings: args.deny_warnings,
                readability: Some(args.report.clone()),
                drafts: args.drafts,
                ..BuildOptions::new(args.content.clone())
            };
            let rendered = render(&options)?;
            // What the build would say too: an exercise in no program, a
            // site without a checklist page.
            let mut notes = rendered.notes.clone();
            if let Some(written) = &rendered.report {
                notes.push(format!(
                    "the plain-language report is in {} and {}",
                    written[0].display(),
                    written[1].display()
                ));
            }
            let found = match rendered.warnings.len() {
                0 => "no problems".to_string(),
                n => format!("no errors, {n} warning{}", plural(n)),
            };
            Ok(Success {
                summary: format!(
                    "checked {}: {} exercise{} in {} phase{}, {found} ({} ms)",
                    args.content.display(),
                    rendered.exercises,
                    plural(rendered.exercises),
                    rendered.phases,
                    plural(rendered.phases),
                    started.elapsed().as_millis()
                ),
                warnings: rendered.warnings,
                notes,
                ..Success::default()
            })
        }
        Command::Serve(args) => {
            let keep_out = args.out.is_some();
            let options = serve::ServeOptions {
                build: BuildOptions {
                    templates: templates_dir(args.templates.as_deref()),
                    templates_required: args.templates.is_some(),
                    out: args.out.unwrap_or_else(|| PathBuf::from("output")),
                    large_print: args.large_print,
                    // Drafts show while a clinic writes them, marked.
                    drafts: true,
                    ..BuildOptions::new(args.content)
                },
                keep_out,
                bind: args.bind,
                port: args.port,
                open: args.open,
            };
            serve::serve(options)?;
            Ok(Success::default())
        }
        Command::Program(args) => {
            let report = patients::print_programs(&patients::ProgramOptions {
                files: args.files,
                content: args.content,
                templates: templates_dir(args.templates.as_deref()),
                templates_required: args.templates.is_some(),
                out: args.out,
            })?;
            let summary = with_timings(report.to_string(), &report.timings, cli.verbose);
            Ok(Success {
                summary,
                warnings: report.warnings,
                ..Success::default()
            })
        }
        Command::Figures(args) => {
            let report = build(&BuildOptions {
                templates: templates_dir(args.templates.as_deref()),
                templates_required: args.templates.is_some(),
                out: args.out,
                only: Some(Only::Figures),
                ..BuildOptions::new(args.content)
            })?;
            Ok(Success {
                summary: report.to_string(),
                warnings: report.warnings,
                notes: report.notes,
                ..Success::default()
            })
        }
        Command::Init(args) => {
            let options = scaffold::InitOptions {
                languages: args.languages,
                clinic: args.clinic,
                phone: args.phone,
                base_url: args.base_url,
            };
            Ok(Success {
                summary: scaffold::init(&args.dir, &options).map_err(Error::Usage)?,
                ..Success::default()
            })
        }
        Command::New(what) => {
            let (content, kind, id, phase) = match &what {
                cli::NewCommand::Exercise { id, phase, content } => {
                    (content, scaffold::NewKind::Exercise, id, phase.as_deref())
                }
                cli::NewCommand::Page { id, content } => {
                    (content, scaffold::NewKind::Page, id, None)
                }
            };
            Ok(Success {
                summary: scaffold::new(content, kind, id, phase).map_err(Error::Usage)?,
                ..Success::default()
            })
        }
        Command::Templates(cli::TemplatesCommand::Export { dir }) => Ok(Success {
            summary: scaffold::export_templates(&dir).map_err(Error::Usage)?,
            ..Success::default()
        }),
        Command::Completions(args) => {
            let mut script = Vec::new();
            let mut command = <Cli as clap::CommandFactory>::command();
            clap_complete::generate(args.shell, &mut command, "handout", &mut script);
            Ok(Success {
                output: String::from_utf8_lossy(&script).into_owned(),
                ..Success::default()
            })
        }
        Command::Man(args) => match args.out {
            Some(dir) => {
                let written = manual::write(&dir).map_err(Error::Usage)?;
                Ok(Success {
                    summary: format!(
                        "wrote {} manual pages into {} (handout.1, handout-build.1...): `man handout` reads them when the folder is where man looks, like ~/.local/share/man/man1",
                        written.len(),
                        dir.display()
                    ),
                    ..Success::default()
                })
            }
            None => Ok(Success {
                output: manual::page(&args.command).map_err(Error::Usage)?,
                ..Success::default()
            }),
        },
    }
}

/// What `build` (and `check`) need to know.
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
    /// Whether a warning fails the build like an error.
    pub deny_warnings: bool,
    /// Whether drafts are built too (`--drafts`, and `serve`).
    pub drafts: bool,
    /// Whether to measure the plain language too (`check`), and write
    /// the report into this folder when one is given (`check --report`).
    pub readability: Option<Option<PathBuf>>,
}

impl BuildOptions {
    /// Every output of `content`, with the built-in templates (and
    /// templates/ when it exists), into output/.
    pub fn new(content: PathBuf) -> BuildOptions {
        BuildOptions {
            content,
            templates: PathBuf::from("templates"),
            templates_required: false,
            out: PathBuf::from("output"),
            only: None,
            large_print: false,
            weeks: 1,
            start: None,
            deny_warnings: false,
            drafts: false,
            readability: None,
        }
    }
}

/// What a build made.
#[derive(Debug)]
pub struct BuildReport {
    /// Exercises built.
    pub exercises: usize,
    /// Phases built.
    pub phases: usize,
    /// Each output built: its name and how many pages it has.
    pub outputs: Vec<(&'static str, usize)>,
    /// The PDF files written, by name, in the order they were made.
    pub pdfs: Vec<String>,
    /// The SVG files written beside them (the figures' contact sheet).
    pub drawings: Vec<String>,
    /// The output folder.
    pub out: PathBuf,
    /// How long it took, in milliseconds.
    pub millis: u128,
    /// Problems that did not stop the build.
    pub warnings: Diagnostics,
    /// How long each stage took, in milliseconds: loading, then each output.
    pub timings: Vec<(&'static str, u128)>,
    /// What the outputs said that is no problem.
    pub notes: Vec<String>,
}

/// The most files of a kind (PDFs, SVGs) the build line names one by one;
/// past it, it counts them.
const PDFS_NAMED: usize = 8;

impl fmt::Display for BuildReport {
    /// `built output/: site/ (29 pages) and 2 PDFs (handout.pdf,
    /// checklist.pdf): 5 exercises in 2 phases (70 ms)`: every file a
    /// clinic opens, by name, up to [`PDFS_NAMED`] of them.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut built = Vec::new();
        if let Some((_, pages)) = self.outputs.iter().find(|(name, _)| *name == "site") {
            built.push(format!("site/ ({pages} page{})", plural(*pages)));
        }
        for (files, kind) in [(&self.pdfs, "PDFs"), (&self.drawings, "SVGs")] {
            match files.len() {
                0 => {}
                1 => built.push(files[0].clone()),
                n if n <= PDFS_NAMED => built.push(format!("{n} {kind} ({})", files.join(", "))),
                n => built.push(format!("{n} {kind}")),
            }
        }
        let mut out = self.out.display().to_string();
        if !out.ends_with('/') {
            out.push('/');
        }
        write!(
            f,
            "built {out}: {}: {} exercise{} in {} phase{} ({} ms)",
            built.join(" and "),
            self.exercises,
            plural(self.exercises),
            self.phases,
            plural(self.phases),
            self.millis
        )
    }
}

/// The `s` of a plural.
fn plural(count: usize) -> &'static str {
    if count == 1 { "" } else { "s" }
}

/// Every output, in the order they are built.
pub fn outputs() -> Vec<Box<dyn Output>> {
    vec![
        Box::new(site::Site),
        Box::new(handout::Handout),
        Box::new(checklist::Checklist),
        Box::new(sheet::Sheet),
    ]
}

/// The outputs of a build, rendered in memory.
struct RenderedBuild {
    exercises: usize,
    phases: usize,
    files: Vec<output::OutFile>,
    outputs: Vec<(&'static str, usize)>,
    scopes: Vec<&'static str>,
    warnings: Diagnostics,
    timings: Vec<(&'static str, u128)>,
    notes: Vec<String>,
    /// The files of the plain-language report, when `check --report`
    /// wrote it.
    report: Option<[PathBuf; 2]>,
}

/// A run's summary line, with the time of each stage under it when
/// `verbose`.
fn with_timings(mut summary: String, timings: &[(&'static str, u128)], verbose: bool) -> String {
    if verbose {
        for (name, millis) in timings {
            summary.push_str(&format!("\n  {name}: {millis} ms"));
        }
    }
    summary
}

/// The content and templates of a build, loaded and checked, with the view
/// and figures every output renders from, in each of the publication's
/// languages.
pub struct Prepared {
    /// The templates.
    pub templates: Templates,
    /// The figures, read and drawn (the same in every language).
    pub figures: Figures,
    /// The publication in each of its languages, the default first.
    pub editions: Vec<Edition>,
    /// The languages, with their names, in the order of `editions`.
    pub languages: Vec<outputs::Language>,
}

/// The publication in one language: the content with its words in that
/// language, the words handout writes itself, and the views.
pub struct Edition {
    /// The validated content, in this language (the default language's
    /// holds the translations into the others).
    pub project: content::Project,
    /// The words handout writes itself, in this language.
    pub words: words::Words,
    /// The output-neutral view of the whole library.
    pub view: PublicationView,
    /// The view of each published program, in the order of their ids.
    pub programs: Vec<PublicationView>,
}

impl Prepared {
    /// Loads and checks the content and the templates; every problem of
    /// both shows at once. Drafts are left out.
    pub fn load(
        content: &std::path::Path,
        templates: &std::path::Path,
        required: bool,
    ) -> Result<Prepared, Error> {
        Prepared::load_with(content, templates, required, false)
    }

    /// [`Prepared::load`], with the drafts too when `drafts`.
    pub fn load_with(
        content: &std::path::Path,
        templates: &std::path::Path,
        required: bool,
        drafts: bool,
    ) -> Result<Prepared, Error> {
        let project = content::load(content).and_then(|mut project| {
            if drafts {
                return Ok(project);
            }
            let (errors, warnings) = content::drafts::leave_out(&mut project).split();
            project.warnings.extend(warnings.0);
            if errors.has_errors() {
                let mut problems = errors;
                problems.extend(project.warnings);
                problems.sort();
                return Err(problems);
            }
            Ok(project)
        });
        let templates = Templates::load(templates, required);
        let (project, templates) = match (project, templates) {
            (Ok(project), Ok(templates)) => (project, templates),
            (project, templates) => {
                let mut problems = Diagnostics::new();
                problems.extend(project.err().map(|d| d.0).unwrap_or_default());
                problems.extend(templates.err().map(|d| d.0).unwrap_or_default());
                return Err(Error::Problems(problems));
            }
        };
        let mut problems = Diagnostics::new();
        let mut words = Vec::new();
        let mut project = project;
        for language in project.languages().to_vec() {
            match templates.words(&language) {
                Ok(found) => {
                    // The words handout writes follow the content's
                    // glossary for their language too.
                    for glossary in project.glossaries.iter().filter(|g| g.language == language) {
                        let warnings = found.glossary_warnings(glossary, templates.catalogues());
                        project.warnings.extend(warnings);
                    }
                    words.push(found);
                }
                Err(found) => problems.extend(found.0),
            }
        }
        if !problems.is_empty() {
            return Err(Error::Problems(problems));
        }
        let figures = Figures::resolve(&project)?;
        let others: Vec<content::Project> = (project.languages().iter().skip(1))
            .map(|language| project.in_language(language))
            .collect();
        let editions: Vec<Edition> = std::iter::once(project)
            .chain(others)
            .zip(words)
            .map(|(project, words)| Edition::new(project, words))
            .collect();
        let languages = (editions.iter())
            .map(|edition| outputs::Language {
                code: edition.words.language().to_string(),
                name: edition.words.text("language-name"),
            })
            .collect();
        Ok(Prepared {
            templates,
            figures,
            editions,
            languages,
        })
    }

    /// The content in its default language.
    pub fn project(&self) -> &content::Project {
        &self.editions[0].project
    }

    /// What the outputs render from in the language of `edition` (0 for
    /// the default), printed as `print` says.
    pub fn input(&self, edition: usize, print: PrintOptions) -> Input<'_> {
        let Edition {
            project,
            words,
            view,
            programs,
        } = &self.editions[edition];
        Input {
            project,
            view,
            programs,
            patient_file: None,
            figures: &self.figures,
            templates: &self.templates,
            words,
            print,
            languages: outputs::Languages {
                all: &self.languages,
                current: edition,
            },
        }
    }
}

impl Edition {
    /// The views of `project`, worded with `words`.
    fn new(project: content::Project, words: words::Words) -> Edition {
        let view = PublicationView::new(&project, &words);
        let programs = (project.programs.iter())
            .map(|program| view.program(&project.program_selection(program), None, &words))
            .collect();
        Edition {
            project,
            words,
            view,
            programs,
        }
    }
}

/// Loads the content and the templates and renders every output chosen,
/// writing nothing: what `check` runs, and `build` before it writes.
fn render(options: &BuildOptions) -> Result<RenderedBuild, Error> {
    let started = Instant::now();
    let prepared = Prepared::load_with(
        &options.content,
        &options.templates,
        options.templates_required,
        options.drafts,
    )?;
    let project = prepared.project();
    let print = PrintOptions {
        large_print: options.large_print || project.settings.large_print,
        weeks: options.weeks,
        start: options
            .start
            .or_else(|| project.settings.start_date.as_deref()?.parse().ok()),
    };
    let mut rendered = RenderedBuild {
        exercises: project.exercises.len(),
        phases: project.phases.len(),
        files: Vec::new(),
        outputs: Vec::new(),
        scopes: Vec::new(),
        warnings: Diagnostics::new(),
        timings: vec![("content and templates", started.elapsed().as_millis())],
        notes: Vec::new(),
        report: None,
    };
    rendered
        .warnings
        .extend(prepared.templates.warnings().0.iter().cloned());
    rendered
        .warnings
        .extend(prepared.figures.warnings.0.iter().cloned());
    rendered.warnings.extend(content::todos(project).0);
    rendered.warnings.extend(project.warnings.iter().cloned());
    rendered.warnings.sort();
    rendered.notes.extend(content::drafts::unpublished(project));
    // Every output is rendered even when another failed, so that all the
    // problems show at once; nothing is written unless all worked. Each
    // renders once per language.
    let mut problems = Diagnostics::new();
    for output in outputs() {
        let chosen = match options.only {
            Some(only) => output.chosen_by().contains(&only),
            None => output.in_full_build(),
        };
        if !chosen {
            continue;
        }
        let started = Instant::now();
        let mut pages = 0;
        let mut worked = true;
        for edition in 0..prepared.editions.len() {
            match output.render(&prepared.input(edition, print)) {
                Ok(done) => {
                    pages += done.pages;
                    rendered.files.extend(done.files);
                    for note in done.notes {
                        if !rendered.notes.contains(&note) {
                            rendered.notes.push(note);
                        }
                    }
                }
                Err(found) => {
                    worked = false;
                    problems.extend(found.0);
                }
            }
        }
        rendered
            .timings
            .push((output.name(), started.elapsed().as_millis()));
        if worked {
            rendered.outputs.push((output.name(), pages));
        }
        rendered.scopes.extend(output.scopes());
    }
    if let Some(folder) = &options.readability {
        plain_language(&prepared, folder.as_deref(), &mut rendered, &mut problems)?;
    }
    // The same problem of a template shows once, not once a language.
    problems.sort();
    problems.0.dedup();
    // Warnings show with the errors when there are any; with
    // --deny-warnings they stop the build on their own.
    if problems.has_errors() || (options.deny_warnings && !rendered.warnings.is_empty()) {
        problems.extend(std::mem::take(&mut rendered.warnings).0);
        problems.sort();
        return Err(Error::Problems(problems));
    }
    crate::parallel::drop_in_background(prepared);
    Ok(rendered)
}

/// `check`'s plain-language report: its warnings join the build's, and
/// `--report DIR` writes its table.
fn plain_language(
    prepared: &Prepared,
    folder: Option<&std::path::Path>,
    rendered: &mut RenderedBuild,
    problems: &mut Diagnostics,
) -> Result<(), Error> {
    let editions: Vec<_> = (prepared.editions.iter())
        .map(|edition| (&edition.project, &edition.words))
        .collect();
    let report = readability::report(&editions);
    let (errors, warnings) = report.findings.clone().split();
    problems.extend(errors.0);
    rendered.warnings.extend(warnings.0);
    rendered.warnings.sort();
    if let Some(folder) = folder {
        let written = readability::write(&report, folder).map_err(|error| {
            Error::Usage(scaffold::Refusal {
                message: format!("cannot write the report into {}: {error}", folder.display()),
                hint: "name a folder that can be written, like `--report check-report`".into(),
            })
        })?;
        rendered.report = Some(written);
    }
    Ok(())
}

/// Builds the outputs: everything is rendered in memory first, and only a
/// complete, error-free build is written.
pub fn build(options: &BuildOptions) -> Result<BuildReport, Error> {
    let started = Instant::now();
    output::check_out(&options.out, &[&options.content, &options.templates])
        .map_err(Error::Output)?;
    let mut rendered = render(options)?;
    let written = output::write(
        &options.out,
        &rendered.files,
        &rendered.scopes,
        options.deny_warnings,
    )
    .map_err(|error| match error {
        OutputError::Denied(warnings) => Error::Problems(warnings),
        error => Error::Output(error),
    })?;
    rendered.warnings.extend(written.0);
    let top_level = |ending: &str| -> Vec<String> {
        (rendered.files.iter())
            .filter(|file| file.path.ends_with(ending) && !file.path.contains('/'))
            .map(|file| file.path.clone())
            .collect()
    };
    let (pdfs, drawings) = (top_level(".pdf"), top_level(".svg"));
    Ok(BuildReport {
        exercises: rendered.exercises,
        phases: rendered.phases,
        outputs: rendered.outputs,
        pdfs,
        drawings,
        out: options.out.clone(),
        millis: started.elapsed().as_millis(),
        warnings: rendered.warnings,
        timings: rendered.timings,
        notes: rendered.notes,
    })
}
