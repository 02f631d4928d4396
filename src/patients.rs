//! `handout program`: one patient's handout and checklist per patient's
//! program file, printed from the library's view narrowed to that patient
//! (their exercises, doses and dates), into a folder of their own.
//!
//! What is written about a patient stays on that patient's two PDFs: the
//! file names are the stems of the files the user gave, the summary counts
//! files without naming anyone, and nothing here touches the site.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::checklist::Checklist;
use crate::content::patient::{self, PatientProgram};
use crate::diag::{Diagnostic, Diagnostics};
use crate::handout::Handout;
use crate::output::{self, OutFile};
use crate::outputs::{Input, PrintOptions};
use crate::site::SITE_DIR;
use crate::view::PublicationView;
use crate::{Error, Prepared};

/// What `handout program` needs to know.
#[derive(Debug, Clone)]
pub struct ProgramOptions {
    /// The patients' program files.
    pub files: Vec<PathBuf>,
    /// The content folder.
    pub content: PathBuf,
    /// The templates folder.
    pub templates: PathBuf,
    /// Whether the templates folder must exist (the user named it).
    pub templates_required: bool,
    /// Where the PDFs go.
    pub out: PathBuf,
}

/// What `handout program` made.
#[derive(Debug)]
pub struct ProgramReport {
    /// How many patients' programs were printed.
    pub programs: usize,
    /// The output folder.
    pub out: PathBuf,
    /// How long it took, in milliseconds.
    pub millis: u128,
    /// Problems that did not stop it.
    pub warnings: Diagnostics,
    /// How long each stage took, in milliseconds.
    pub timings: Vec<(&'static str, u128)>,
}

impl std::fmt::Display for ProgramReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "printed {} patient program{} (a handout and a checklist each) -> {} ({} ms)",
            self.programs,
            if self.programs == 1 { "" } else { "s" },
            self.out.display(),
            self.millis
        )
    }
}

/// Reads every patient's file, prints each one's handout and checklist in
/// memory, and writes them all only when every file worked.
pub fn print_programs(options: &ProgramOptions) -> Result<ProgramReport, Error> {
    let started = Instant::now();
    output::check_out(&options.out, &[&options.content, &options.templates])
        .map_err(Error::Output)?;
    refuse_site(&options.out)?;
    let prepared = Prepared::load(
        &options.content,
        &options.templates,
        options.templates_required,
    )?;
    let mut timings = vec![("content and templates", started.elapsed().as_millis())];
    let mut stage = Instant::now();
    let mut lap = |name: &'static str, timings: &mut Vec<(&'static str, u128)>| {
        timings.push((name, stage.elapsed().as_millis()));
        stage = Instant::now();
    };
    let patients = load_all(&options.files, &prepared)?;
    lap("patients' files", &mut timings);
    // Each patient reads their program in their own language.
    let editions: Vec<usize> = (patients.iter())
        .map(|p| {
            (prepared.languages.iter())
                .position(|l| l.code == p.language)
                .unwrap_or(0)
        })
        .collect();
    let views: Vec<PublicationView> = (patients.iter())
        .zip(&editions)
        .map(|(p, &edition)| {
            let edition = &prepared.editions[edition];
            edition.view.program(&p.selection, Some(p), &edition.words)
        })
        .collect();
    let large_print = prepared.project().settings.large_print;
    let inputs: Vec<Input<'_>> = (patients.iter())
        .zip(&views)
        .zip(&editions)
        .map(|((patient, view), &edition)| {
            let print = PrintOptions {
                large_print: patient.large_print.unwrap_or(large_print),
                weeks: 1,
                start: None,
            };
            Input {
                view,
                programs: &[],
                patient_file: Some(&patient.source),
                ..prepared.input(edition, print)
            }
        })
        .collect();
    let stems: Vec<String> = patients.iter().map(|p| stem(&p.path)).collect();
    let files = print_all(&inputs, &stems)?;
    lap("typesetting and PDF bytes", &mut timings);
    // Each run owns exactly the files it writes: another patient's PDFs
    // from an earlier run stay.
    let scopes: Vec<&str> = files.iter().map(|f: &OutFile| f.path.as_str()).collect();
    let warnings = output::write(&options.out, &files, &scopes, false).map_err(Error::Output)?;
    lap("writing", &mut timings);
    Ok(ProgramReport {
        programs: patients.len(),
        out: options.out.clone(),
        millis: started.elapsed().as_millis(),
        warnings,
        timings,
    })
}

/// Reads and checks every file: all their problems show at once, and two
/// files whose PDFs would have the same names are refused.
fn load_all(files: &[PathBuf], prepared: &Prepared) -> Result<Vec<PatientProgram>, Error> {
    let mut problems = Diagnostics::new();
    let mut patients = Vec::new();
    let mut stems: BTreeMap<String, &Path> = BTreeMap::new();
    for path in files {
        let stem = stem(path);
        if let Some(first) = stems.insert(stem.clone(), path) {
            problems.push(
                Diagnostic::file(
                    path,
                    format!(
                        "{} has the same name; both would print {stem}-handout.pdf",
                        first.display()
                    ),
                )
                .with_hint("rename one of the files: the PDFs are named after them"),
            );
        }
        match patient::load(path, prepared.project()) {
            Ok(patient) => patients.push(patient),
            Err(found) => problems.extend(found.0),
        }
    }
    if problems.has_errors() {
        problems.sort();
        return Err(Error::Problems(problems));
    }
    Ok(patients)
}

/// Prints every patient's handout and checklist, the files shared out over
/// the cores in order. A PDF's bytes depend on its document only (`pdf`
/// keeps no state between files), so they are the same whichever thread
/// makes them.
fn print_all(inputs: &[Input<'_>], stems: &[String]) -> Result<Vec<OutFile>, Error> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(8));
    let share = inputs.len().div_ceil(threads).max(1);
    let jobs: Vec<(&Input<'_>, &String)> = inputs.iter().zip(stems).collect();
    let parts: Vec<Vec<Result<Vec<OutFile>, Diagnostics>>> = std::thread::scope(|scope| {
        let handles: Vec<_> = jobs
            .chunks(share)
            .map(|chunk| {
                scope.spawn(move || {
                    (chunk.iter())
                        .map(|(input, stem)| print_one(input, stem))
                        .collect()
                })
            })
            .collect();
        (handles.into_iter())
            .map(|h| {
                h.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    });
    let mut problems = Diagnostics::new();
    let mut files = Vec::new();
    for result in parts.into_iter().flatten() {
        match result {
            Ok(printed) => files.extend(printed),
            Err(found) => problems.extend(found.0),
        }
    }
    if problems.is_empty() {
        Ok(files)
    } else {
        // Two patients' files may share a problem of the templates: say
        // it once.
        problems.sort();
        problems.0.dedup();
        Err(Error::Problems(problems))
    }
}

/// One patient's handout and checklist, as `<stem>-handout.pdf` and
/// `<stem>-checklist.pdf`.
fn print_one(input: &Input<'_>, stem: &str) -> Result<Vec<OutFile>, Diagnostics> {
    let handout = Handout.typeset(input);
    let checklist = Checklist.typeset(input);
    let (handout, checklist) = match (handout, checklist) {
        (Ok(h), Ok(c)) => (h, c),
        (h, c) => {
            let mut problems = h.err().unwrap_or_default();
            problems.extend(c.err().map(|d| d.0).unwrap_or_default());
            return Err(problems);
        }
    };
    let mut files = crate::print::rendered(handout, &format!("{stem}-handout.pdf"))?.files;
    files.extend(crate::print::rendered(checklist, &format!("{stem}-checklist.pdf"))?.files);
    Ok(files)
}

/// A file's name without its extension: the user's choice, and the only
/// name a patient's PDFs get.
fn stem(path: &Path) -> String {
    path.file_stem().map_or_else(
        || "program".to_string(),
        |s| s.to_string_lossy().into_owned(),
    )
}

/// Refuses an output folder inside a build's site folder: a patient's
/// printouts are never published.
fn refuse_site(out: &Path) -> Result<(), Error> {
    let absolute = std::path::absolute(out).unwrap_or_else(|_| out.to_path_buf());
    let published = absolute.ancestors().any(|folder| {
        folder.file_name().is_some_and(|name| name == SITE_DIR)
            && folder
                .parent()
                .is_some_and(|parent| parent.join(output::MARKER).exists())
    });
    if published {
        return Err(Error::Usage(crate::scaffold::Refusal {
            message: format!(
                "{} is inside a website folder: a patient's printouts are never published",
                out.display()
            ),
            hint: "choose a folder outside the site with --out, like output/programs".to_string(),
        }));
    }
    Ok(())
}
