//! `handout program`: one patient's handout and checklist per patient's
//! program file, printed from the library's view narrowed to that patient
//! (their exercises, doses and dates), into a folder of their own.
//!
//! What is written about a patient stays on that patient's two PDFs: the
//! file names are the stems of the files the user gave, the summary counts
//! files without naming anyone, and nothing here touches the site.
//!
//! Memory stays flat in the number of patients: each patient's view is
//! made, typeset and written to the output's spool folder as soon as it is
//! done, and let go; the PDFs join the output all together at the end
//! ([`write::Writer`]), so a failed run still changes nothing.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::checklist::Checklist;
use crate::content::patient_program::{self, PatientProgram};
use crate::diag::{Diagnostic, Diagnostics};
use crate::handout::Handout;
use crate::outputs::{Input, PrintOptions};
use crate::site::SITE_DIR;
use crate::view::patient_link::{self, LinkProgram};
use crate::write::{self, OutFile};
use calendar::{Calendar, CalendarPhase};

mod calendar;
use crate::commands::{Error, Prepared};

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
    /// Where the PDFs go: `None` for the build's output folder (`output/`,
    /// under `programs/`, listed as handout's own beside the site and the
    /// PDFs), or a folder of its own.
    pub out: Option<PathBuf>,
}

/// The output folder and the folder inside it that a program run writes
/// into, when `--out` names none: the build's own, so that `build` and
/// `program` share it.
pub const DEFAULT_OUT: (&str, &str) = ("output", "programs/");

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
            "printed {} patient program{} (a handout, a checklist and a calendar of reminders each) -> {} ({} ms)",
            self.programs,
            if self.programs == 1 { "" } else { "s" },
            self.out.display(),
            self.millis
        )
    }
}

/// Reads every patient's file, then prints each one's handout and
/// checklist, spooling them as they are made; they join the output only
/// when every file worked.
pub fn print_programs(options: &ProgramOptions) -> Result<ProgramReport, Error> {
    let started = Instant::now();
    let (out, prefix) = match &options.out {
        Some(out) => (out.clone(), ""),
        None => (PathBuf::from(DEFAULT_OUT.0), DEFAULT_OUT.1),
    };
    write::check_out(&out, &[&options.content, &options.templates]).map_err(Error::Output)?;
    refuse_site(&out)?;
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
    let writer = write::Writer::open(&out).map_err(Error::Output)?;
    let jobs: Vec<(&PatientProgram, String)> = (patients.iter())
        .map(|patient| (patient, format!("{prefix}{}", stem(&patient.path))))
        .collect();
    // A patient's file's warnings (a date years away) are said with
    // whatever else happens.
    let loaded: Vec<Diagnostic> = (patients.iter())
        .flat_map(|p| p.warnings.0.iter().cloned())
        .collect();
    let spooled = print_all(&jobs, &prepared, &writer).map_err(|error| match error {
        Error::Problems(mut problems) => {
            problems.extend(loaded.iter().cloned());
            problems.sort();
            Error::Problems(problems)
        }
        other => other,
    })?;
    lap("typesetting and PDF bytes", &mut timings);
    // Each run owns exactly the files it writes: another patient's PDFs
    // from an earlier run stay, and so does the build's site beside them.
    let scopes: Vec<&str> = spooled.iter().map(|f| f.path.as_str()).collect();
    let mut warnings = writer
        .finish_spooled(&spooled, &scopes, false)
        .map_err(Error::Output)?;
    warnings.extend(loaded);
    lap("writing", &mut timings);
    Ok(ProgramReport {
        programs: patients.len(),
        out,
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
        match patient_program::load(path, prepared.project()) {
            Ok(patient) => {
                problems.extend(patient.warnings.0.iter().cloned());
                patients.push(patient);
            }
            Err(found) => problems.extend(found.0),
        }
    }
    if problems.has_errors() {
        problems.sort();
        return Err(Error::Problems(problems));
    }
    Ok(patients)
}

/// Prints every patient's handout and checklist over the cores, each
/// patient's view made just before and each PDF spooled as soon as it is
/// made, so that only the patients being typeset are in memory. A PDF's
/// bytes depend on its document only, so they are the same whichever
/// thread makes them.
fn print_all(
    jobs: &[(&PatientProgram, String)],
    prepared: &Prepared,
    writer: &write::Writer,
) -> Result<Vec<write::Spooled>, Error> {
    let large_print = prepared.project().settings.large_print;
    // The library's doses by id: a link writes only what a program changed.
    let doses: BTreeMap<&str, crate::content::Dose> = (prepared.project().exercises.iter())
        .map(|e| (e.id.as_str(), e.dose))
        .collect();
    let print =
        |(patient, stem): &(&PatientProgram, String)| -> Result<Vec<write::Spooled>, Error> {
            // Each patient reads their program in their own language.
            let edition = (prepared.languages.iter())
                .position(|l| l.code == patient.language)
                .unwrap_or(0);
            let words = &prepared.editions[edition];
            let mut view = words
                .view
                .program(&patient.selection, Some(patient), &words.words);
            let project = prepared.project();
            let program = LinkProgram::of(patient, |id| doses.get(id).copied());
            let link = my_link(patient, &program, words.view.head.base_url.as_deref())
                .map_err(|problem| Error::Problems(Diagnostics::one(problem)))?;
            if let Some(about) = view.program.as_mut().and_then(|p| p.patient.as_mut()) {
                about.link.clone_from(&link);
            }
            let reminders = reminders(patient, &program, &view, link, project).to_ics(&words.words);
            let print = PrintOptions {
                large_print: patient.large_print.unwrap_or(large_print),
                weeks: 1,
                start: None,
            };
            let input = Input {
                view: &view,
                programs: &[],
                patient_file: Some(&patient.source),
                ..prepared.input(edition, print)
            };
            let mut files = print_one(&input, stem).map_err(Error::Problems)?;
            files.push(OutFile::new(
                format!("{stem}-reminders.ics"),
                reminders.into_bytes(),
            ));
            (files.iter())
                .map(|file| writer.spool(file).map_err(Error::Output))
                .collect()
        };
    let mut problems = Diagnostics::new();
    let mut spooled = Vec::new();
    for result in crate::parallel::map_balanced(jobs, |_| 1, print) {
        match result {
            Ok(files) => spooled.extend(files),
            Err(Error::Problems(found)) => problems.extend(found.0),
            Err(other) => return Err(other),
        }
    }
    if problems.is_empty() {
        Ok(spooled)
    } else {
        // Two patients' files may share a problem of the templates: say
        // it once.
        problems.sort();
        problems.0.dedup();
        Err(Error::Problems(problems))
    }
}

/// The largest QR code a patient's link may need: version 8, 49 modules
/// across. Its modules stay large enough to read from a handout (and from
/// a 100 dpi scan of it) at the size the cover prints it.
pub const MAX_LINK_QR_WIDTH: usize = 49;

/// The address of the patient's own page with their program in its
/// fragment, when the site has an address (`base_url`, in the patient's
/// language): refused when its QR code would be larger than version 8.
fn my_link(
    patient: &PatientProgram,
    program: &LinkProgram,
    base_url: Option<&str>,
) -> Result<Option<String>, Diagnostic> {
    let Some(base_url) = base_url else {
        return Ok(None);
    };
    let url = patient_link::address(base_url, program);
    let exercises: usize = program.phases.iter().map(|p| p.exercises.len()).sum();
    let width = crate::qr::encode(&url).map_or(usize::MAX, |code| code.width());
    if width > MAX_LINK_QR_WIDTH {
        return Err(Diagnostic::file(
            &patient.path,
            format!(
                "this program ({exercises} exercises in {} phases) is too long for the QR code of the patient's own page: \
                 its address has {} characters, and a code that a phone reads from paper holds about {}",
                program.phases.len(),
                url.len(),
                MAX_LINK_CHARACTERS
            ),
        )
        .with_hint(format!(
            "give this patient fewer exercises at a time (a program per phase), or a shorter `base_url` in handout.yaml (now {} characters)",
            base_url.len()
        )));
    }
    Ok(Some(url))
}

/// A patient's reminders: each phase of their program with its dates,
/// its exercises' titles in the patient's language and its most times a
/// day, the clinic's session times, and the link to the patient's page.
fn reminders(
    patient: &PatientProgram,
    program: &LinkProgram,
    view: &crate::view::PublicationView,
    address: Option<String>,
    project: &crate::content::Project,
) -> Calendar {
    let bytes = patient_link::encode(program);
    let hash = bytes[bytes.len() - 4..]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let phases = (patient.selection.phases.iter())
        .filter_map(|chosen| {
            let shown = view.phases.iter().find(|p| p.id == chosen.phase)?;
            let window = chosen.window?;
            Some(CalendarPhase {
                title: shown.title.clone(),
                from: window.from,
                until: window.until,
                exercises: shown.exercises.iter().map(|e| e.title.clone()).collect(),
                most_per_day: (chosen.exercises.iter())
                    .filter_map(|e| e.dose.times_per_day.map(|span| span.max))
                    .max()
                    .unwrap_or(1),
            })
        })
        .collect();
    Calendar {
        hash,
        start: patient.start,
        phases,
        times: project.settings.session_times.clone(),
        address,
    }
}

/// About how many characters of an address fit a version-8 code at level
/// M (152 bytes), for the message.
const MAX_LINK_CHARACTERS: usize = 152;

/// One patient's handout and checklist, as `<stem>-handout.pdf` and
/// `<stem>-checklist.pdf`.
fn print_one(input: &Input<'_>, stem: &str) -> Result<Vec<OutFile>, Diagnostics> {
    let handout = Handout.typeset(input);
    // Written as it is typeset: a long program's checklist a sheet at a
    // time.
    let checklist = Checklist.written(input, &format!("{stem}-checklist.pdf"));
    let (handout, checklist) = match (handout, checklist) {
        (Ok(h), Ok(c)) => (h, c),
        (h, c) => {
            let mut problems = h.err().unwrap_or_default();
            problems.extend(c.err().map(|d| d.0).unwrap_or_default());
            return Err(problems);
        }
    };
    let mut files = crate::print::rendered(handout, &format!("{stem}-handout.pdf"))?.files;
    files.extend(checklist.files);
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
                .is_some_and(|parent| parent.join(write::MARKER).exists())
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
