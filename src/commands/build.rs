//! `build`, `check` and `figures`: every output chosen, rendered in memory
//! from the same [`Prepared`] content; `check` stops there, `build` writes
//! them when all worked.

use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Instant;

use super::summary::{plural, with_timings};
use super::{Error, Prepared, Success};
use crate::cli::{BuildArgs, CheckArgs, FiguresArgs};
use crate::content;
use crate::diag::Diagnostics;
use crate::incremental::{self, Record, Reuse};
use crate::outputs::{Only, Output, PrintOptions};
use crate::write::{self, OutputError};
use crate::{checklist, handout, readability, scaffold, sheet, site};

/// Builds the outputs and says what it made.
pub(super) fn run(args: BuildArgs, verbose: bool) -> Result<Success, Error> {
    said(build(&options_of(args)), verbose)
}

/// The options `build`'s command line gives.
pub(super) fn options_of(args: BuildArgs) -> BuildOptions {
    BuildOptions {
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
        fresh: args.fresh,
    }
}

/// What a build says: its summary line (with `verbose`, how long each
/// output took and what was rendered again), warnings and notes.
pub(super) fn said(built: Result<BuildReport, Error>, verbose: bool) -> Result<Success, Error> {
    let report = built?;
    let mut summary = with_timings(report.to_string(), &report.timings, verbose);
    if verbose {
        summary.push_str(&format!("\n  rendered again: {}", report.rebuilt()));
    }
    Ok(Success {
        summary,
        warnings: report.warnings,
        notes: report.notes,
        ..Success::default()
    })
}

/// Renders every output, writing nothing, and says what it found.
pub(super) fn check(args: CheckArgs) -> Result<Success, Error> {
    let started = Instant::now();
    let options = BuildOptions {
        templates: templates_dir(args.templates.as_deref()),
        templates_required: args.templates.is_some(),
        deny_warnings: args.deny_warnings,
        readability: Some(args.report.clone()),
        drafts: args.drafts,
        ..BuildOptions::new(args.content.clone())
    };
    let rendered = render(&options, None, &Reuse::unrecorded(), None)?;
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

/// Builds the figures' contact sheet only.
pub(super) fn figures(args: FiguresArgs) -> Result<Success, Error> {
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

/// The templates folder: the one named with `--templates`, else
/// `templates/` when it exists (the built-in templates stand in for a
/// missing one).
pub(super) fn templates_dir(given: Option<&Path>) -> PathBuf {
    given.map_or_else(|| PathBuf::from("templates"), Path::to_path_buf)
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
    /// Whether to render every file again, whatever the output folder's
    /// cache says (`--fresh`).
    pub fresh: bool,
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
            fresh: false,
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
    /// What was rendered, by kind (`exercise page`, `handout`), when the
    /// build kept what had not changed; see [`BuildReport::rebuilt`].
    pub remade: Vec<String>,
    /// How many files were kept as the last build made them.
    pub kept: usize,
    /// The files rendered again, by their paths in the output folder
    /// (written unless the folder had the same bytes).
    pub rendered: Vec<String>,
}

impl BuildReport {
    /// What the build rendered again and what it kept: pages counted by
    /// kind, files rendered whole by name: `1 exercise page, 1 phase page
    /// and handout.pdf (10,005 kept)`.
    pub fn rebuilt(&self) -> String {
        let mut counted: Vec<(&str, usize)> = Vec::new();
        let mut named: Vec<&str> = Vec::new();
        for kind in &self.remade {
            if kind.contains('.') {
                named.push(kind);
                continue;
            }
            match counted.iter_mut().find(|(seen, _)| seen == kind) {
                Some((_, count)) => *count += 1,
                None => counted.push((kind, 1)),
            }
        }
        let parts: Vec<String> = (counted.iter())
            .map(|(kind, count)| match count {
                1 => format!("1 {kind}"),
                n => format!("{n} {kind}s"),
            })
            .chain(named.iter().map(|name| name.to_string()))
            .collect();
        let made = match parts.split_last() {
            None => "nothing".to_string(),
            Some((last, [])) => last.clone(),
            Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        };
        format!("{made} ({} kept)", self.kept)
    }
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

/// Every output, in the order they are built: the handout first, because
/// typesetting it holds the most memory and nothing else is held yet (a
/// large library's site waits in memory for the write; a long checklist is
/// written a sheet at a time).
pub fn outputs() -> Vec<Box<dyn Output>> {
    vec![
        Box::new(handout::Handout),
        Box::new(checklist::Checklist),
        Box::new(site::Site),
        Box::new(sheet::Sheet),
    ]
}

/// The outputs of a build, rendered in memory.
struct RenderedBuild {
    exercises: usize,
    phases: usize,
    files: Vec<write::OutFile>,
    /// The files written to the output's spool folder as they were made
    /// (the large ones, when building).
    spooled: Vec<write::Spooled>,
    outputs: Vec<(&'static str, usize)>,
    scopes: Vec<&'static str>,
    warnings: Diagnostics,
    timings: Vec<(&'static str, u128)>,
    notes: Vec<String>,
    /// The files of the plain-language report, when `check --report`
    /// wrote it.
    report: Option<[PathBuf; 2]>,
    /// The files kept as the output folder has them.
    kept: Vec<String>,
    /// Every file's path, made or kept, in the order of the outputs.
    made_paths: Vec<String>,
    /// What each file was made from, for the next build.
    record: Record,
    /// What was rendered again, by kind.
    remade: Vec<String>,
}

impl RenderedBuild {
    /// Keeps what an output made: its files (a large one in `spool`, when
    /// given, rather than in memory), what they were made from, and its
    /// notes, each once.
    fn keep(
        &mut self,
        done: crate::outputs::Rendered,
        spool: Option<&write::Writer>,
    ) -> Result<(), Error> {
        let made = done.made;
        let sizes: std::collections::HashMap<&str, u64> = (done.files.iter())
            .map(|file| (file.path.as_str(), file.bytes.len() as u64))
            .chain(made.kept.iter().map(|(path, size)| (path.as_str(), *size)))
            .collect();
        for (path, fingerprint) in &made.fingerprints {
            if let Some(size) = sizes.get(path.as_str()) {
                self.record.file(path, *fingerprint, *size);
            }
        }
        if let Some((key, fingerprint, pages)) = &made.whole {
            self.record.output(key, *fingerprint, *pages);
        }
        drop(sizes);
        (self.made_paths).extend(done.files.iter().map(|file| file.path.clone()));
        (self.made_paths).extend(made.kept.iter().map(|(path, _)| path.clone()));
        self.kept
            .extend(made.kept.into_iter().map(|(path, _)| path));
        self.remade.extend(made.remade);
        for file in done.files {
            match spool {
                Some(writer) if file.bytes.len() >= SPOOL_FROM_BYTES => {
                    self.spooled
                        .push(writer.spool(&file).map_err(Error::Output)?);
                }
                _ => self.files.push(file),
            }
        }
        for note in done.notes {
            if !self.notes.contains(&note) {
                self.notes.push(note);
            }
        }
        Ok(())
    }
}

impl RenderedBuild {
    /// Adds the cache of what each file was made from to the files to
    /// write: written with the files it describes. The files this build
    /// leaves alone (other outputs than `--only`'s) keep their entries.
    fn add_cache(&mut self, reuse: &Reuse) {
        let scopes = self.scopes.clone();
        (self.record).carry(reuse, &|path| !write::in_scope(path, &scopes));
        let cache = write::OutFile::new(incremental::CACHE, self.record.to_bytes());
        self.files.push(cache);
    }
}

/// A made file this large goes to the output's spool folder at once
/// rather than waiting in memory for the others (a year of a large
/// library's checklist is hundreds of megabytes); smaller ones stay in
/// memory, where the write compares them with the folder's for free.
const SPOOL_FROM_BYTES: usize = 16 << 20;

/// Loads the content and the templates and renders every output chosen,
/// writing nothing into place: what `check` runs, and `build` before it
/// writes (with `spool`, the output folder locked for it, large files wait
/// in its spool folder). What `reuse` has from the last build is kept.
fn render(
    options: &BuildOptions,
    spool: Option<&write::Writer>,
    reuse: &Reuse,
    cache: Option<&mut content::FileCache>,
) -> Result<RenderedBuild, Error> {
    let started = Instant::now();
    let prepared = Prepared::load_with(
        &options.content,
        &options.templates,
        options.templates_required,
        options.drafts,
        cache,
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
        spooled: Vec::new(),
        outputs: Vec::new(),
        scopes: Vec::new(),
        warnings: Diagnostics::new(),
        timings: vec![("content and templates", started.elapsed().as_millis())],
        notes: Vec::new(),
        report: None,
        kept: Vec::new(),
        made_paths: Vec::new(),
        record: Record::default(),
        remade: Vec::new(),
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
            match output.render_reusing(&prepared.input(edition, print), reuse) {
                Ok(done) => {
                    pages += done.pages;
                    rendered.keep(done, spool)?;
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
    if spool.is_some() {
        rendered.add_cache(reuse);
    }
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
    build_with(options, None)
}

/// What a process that builds again and again (`serve`'s builder) keeps
/// from one build to the next: what it read of the content, and what its
/// last write left in the output folder.
#[derive(Default)]
pub struct Warm {
    content: content::FileCache,
    written: Option<write::Known>,
    /// What the site's templates were given.
    values: std::sync::Arc<incremental::Remembered<tera::Value>>,
}

impl Warm {
    /// Says that only the files at `paths` (real paths) may have changed
    /// since the last build: see [`content::FileCache::changed_only`].
    pub fn changed_only(&mut self, paths: Vec<PathBuf>) {
        self.content.changed_only(paths);
    }
}

/// [`build`], reading only the content files that changed since `warm`
/// saw them, and looking in the output folder only at the paths it
/// writes when the folder is as `warm`'s last write left it.
pub fn build_with(options: &BuildOptions, warm: Option<&mut Warm>) -> Result<BuildReport, Error> {
    let started = Instant::now();
    write::check_out(&options.out, &[&options.content, &options.templates])
        .map_err(Error::Output)?;
    // Locked before rendering, so that large files can wait in its spool
    // folder; a build that fails drops it, and the output stays as it was.
    let writer = write::Writer::open(&options.out).map_err(Error::Output)?;
    let mut reuse = if options.fresh {
        Reuse::nothing()
    } else {
        Reuse::read(&options.out)
    };
    // A build of its own knows nothing of the last write.
    let mut unknown = None;
    let (cache, known) = match warm {
        Some(warm) => {
            reuse = reuse.with_values(std::sync::Arc::clone(&warm.values));
            (Some(&mut warm.content), &mut warm.written)
        }
        None => (None, &mut unknown),
    };
    // The files the last build made are looked at while the content
    // loads (see Reuse::look_ahead).
    let mut rendered = std::thread::scope(|scope| {
        scope.spawn(|| reuse.look_ahead());
        render(options, Some(&writer), &reuse, cache)
    })?;
    let writing = Instant::now();
    let made_again: Vec<String> = (rendered.files.iter().map(|file| file.path.clone()))
        .chain(rendered.spooled.iter().map(|file| file.path.clone()))
        .collect();
    let written = writer
        .finish_with(
            &rendered.files,
            &rendered.spooled,
            &rendered.kept,
            &rendered.scopes,
            options.deny_warnings,
            known,
        )
        .map_err(|error| match error {
            OutputError::Denied(warnings) => Error::Problems(warnings),
            error => Error::Output(error),
        })?;
    rendered.warnings.extend(written.0);
    (rendered.timings).push(("writing", writing.elapsed().as_millis()));
    // Some megabytes of pages at 10,000 exercises.
    crate::parallel::drop_in_background((std::mem::take(&mut rendered.files), reuse));
    let paths = rendered.made_paths.iter();
    let top_level = |ending: &str| -> Vec<String> {
        (paths.clone())
            .filter(|path| path.ends_with(ending) && !path.contains('/'))
            .cloned()
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
        remade: rendered.remade,
        kept: rendered.kept.len(),
        rendered: made_again,
    })
}
