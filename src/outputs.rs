//! What an output is: something that renders the publication's view into
//! files. The site, the handout and the checklist each implement
//! [`Output`]; `check` and `build` run the same list of them (`lib.rs`), so
//! a new output cannot be forgotten by one of the two.

use jiff::civil::Date;

use crate::content::Project;
use crate::diag::Diagnostics;
use crate::incremental::{Fingerprint, Fingerprinter, Made, Reuse};
use crate::templates::Templates;
use crate::view::PublicationView;
use crate::view::figures::{Figures, Resolved};
use crate::write::OutFile;

/// The outputs `--only` can pick: the outputs' own choice, which the
/// command line offers (hence clap's `ValueEnum`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Only {
    /// The website, in site/.
    Site,
    /// The PDFs.
    Pdf,
    /// The PDF handouts (the library's and each published program's).
    Handout,
    /// The PDF checklists (the library's and each published program's).
    Checklist,
    /// The figures' contact sheet (figures.pdf and figures.svg), the same
    /// as `handout figures`; never part of a full build.
    Figures,
}

/// Everything an output renders from.
#[derive(Clone, Copy)]
pub struct Input<'a> {
    /// The validated content (settings, figures' sources).
    pub project: &'a Project,
    /// The output-neutral view of it: the whole library.
    pub view: &'a PublicationView,
    /// The view of each published program, by id (none when the content
    /// has no programs/).
    pub programs: &'a [PublicationView],
    /// A patient's program file, when printing one: its text is printed
    /// too, so a character the PDF font lacks is located there.
    pub patient_file: Option<&'a crate::content::ContentFile>,
    /// The figures, read and drawn once.
    pub figures: &'a Figures,
    /// The templates.
    pub templates: &'a Templates,
    /// The words handout writes itself (day names in the checklist).
    pub words: &'a crate::words::Words,
    /// How the PDFs are printed.
    pub print: PrintOptions,
    /// The publication's languages, and the one rendered now.
    pub languages: Languages<'a>,
}

/// A language the publication is published in.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Language {
    /// Its BCP 47 tag, like `es`.
    pub code: String,
    /// Its name in itself, like `Español`, for a language switcher.
    pub name: String,
}

/// The languages of a build, the default first, and which of them an
/// output renders now. Each output renders once per language; the default
/// language's files are named as they always were, another's carry its
/// tag: `handout.es.pdf`, the site's pages under `site/es/`.
#[derive(Debug, Clone, Copy)]
pub struct Languages<'a> {
    /// Every language, the default first.
    pub all: &'a [Language],
    /// The index of the one rendered now.
    pub current: usize,
}

impl Languages<'_> {
    /// The language rendered now.
    pub fn current(&self) -> &Language {
        &self.all[self.current]
    }

    /// Whether the language rendered now is the default one.
    pub fn is_default(&self) -> bool {
        self.current == 0
    }

    /// A file at the top of the output folder in the language rendered
    /// now: `handout.pdf`, or `handout.es.pdf`.
    pub fn file_name(&self, name: &str) -> String {
        if self.is_default() {
            return name.to_string();
        }
        let code = &self.current().code;
        match name.rsplit_once('.') {
            Some((stem, ext)) => format!("{stem}.{code}.{ext}"),
            None => format!("{name}.{code}"),
        }
    }

    /// The folder of a language's site from the site's root: `""` for the
    /// default language, `es/` for Spanish.
    pub fn site_folder(&self, index: usize) -> String {
        if index == 0 {
            String::new()
        } else {
            format!("{}/", self.all[index].code)
        }
    }
}

/// How the PDFs are printed, from the command line and handout.yaml.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PrintOptions {
    /// Large print.
    pub large_print: bool,
    /// Checklist sheets per phase, one a week.
    pub weeks: u32,
    /// The patient's first day, for dates on the checklist.
    pub start: Option<Date>,
}

/// What an output made.
#[derive(Debug, Default)]
pub struct Rendered {
    /// Its files, with paths relative to the output folder.
    pub files: Vec<OutFile>,
    /// How many pages (HTML pages or PDF pages) it has.
    pub pages: usize,
    /// What the user should know that is no problem (not a warning:
    /// `--deny-warnings` lets it pass), like a page left out on purpose.
    pub notes: Vec<String>,
    /// What it kept from the last build, and what each file was made
    /// from (for the next).
    pub made: Made,
}

/// One output of a build.
pub trait Output {
    /// What it is called in the build's summary: `site`, `handout.pdf`.
    fn name(&self) -> &'static str;
    /// The `--only` choices that build it.
    fn chosen_by(&self) -> &'static [Only];
    /// Whether a build of everything (no `--only`) makes it, and `check`
    /// renders it: all outputs but the figures' contact sheet, which is
    /// made on request.
    fn in_full_build(&self) -> bool {
        true
    }
    /// The parts of the output folder it owns: a folder ending in `/`, a
    /// file name, or a pattern for names of files at the top where `*`
    /// stands for any run of characters (`*-handout.*.pdf`: a published
    /// program's PDFs in another language). A build of it replaces exactly
    /// these.
    fn scopes(&self) -> &'static [&'static str];
    /// Renders it in memory, or says every problem found.
    fn render(&self, input: &Input<'_>) -> Result<Rendered, Diagnostics>;

    /// The fingerprint of what it is made from: two renders from inputs of
    /// one fingerprint make the same files. An output that does not say
    /// otherwise reads everything of its input ([`Input::fingerprinter`]).
    fn fingerprint(&self, input: &Input<'_>) -> Result<Fingerprint, Diagnostics> {
        Ok(input.fingerprinter(self.name()).fingerprint())
    }

    /// Renders it, keeping what the last build made from the same inputs
    /// (`reuse`). An output that does not say otherwise is kept whole when
    /// nothing it reads changed, else rendered whole: a PDF's pages move
    /// when anything in it changes.
    fn render_reusing(&self, input: &Input<'_>, reuse: &Reuse) -> Result<Rendered, Diagnostics> {
        if !reuse.records() {
            return self.render(input);
        }
        let key = format!("{} {}", self.name(), input.languages.current().code);
        let fingerprint = self.fingerprint(input)?;
        if let Some((pages, kept)) = reuse.output(&key, fingerprint) {
            return Ok(Rendered {
                pages,
                made: Made {
                    fingerprints: (kept.iter())
                        .map(|(path, _)| (path.clone(), fingerprint))
                        .collect(),
                    kept,
                    whole: Some((key, fingerprint, pages)),
                    ..Made::default()
                },
                ..Rendered::default()
            });
        }
        let mut rendered = self.render(input)?;
        rendered.made = Made {
            fingerprints: (rendered.files.iter())
                .map(|file| (file.path.clone(), fingerprint))
                .collect(),
            // Named by their files: `handout.pdf`, `handout.es.pdf`.
            remade: (rendered.files.iter())
                .map(|file| file.path.clone())
                .collect(),
            whole: Some((key, fingerprint, rendered.pages)),
            ..Made::default()
        };
        Ok(rendered)
    }
}

impl Input<'_> {
    /// A fingerprinter that has taken everything an output reads from
    /// this input, but the content's view: the templates and word
    /// catalogues, the settings and the fonts they add, how the PDFs
    /// are printed, the languages. `kind` says what is fingerprinted.
    pub fn shared_fingerprinter(&self, kind: &str) -> Fingerprinter {
        let mut hasher = Fingerprinter::new(kind);
        self.templates.fingerprint_into(&mut hasher);
        hasher
            .debug(&self.project.settings)
            .debug(&self.print)
            .value(self.languages.all)
            .value(&self.languages.current);
        let fonts = &self.project.settings.fonts;
        for face in fonts.added() {
            hasher.bytes(fonts.bytes(face));
        }
        hasher
    }

    /// A fingerprinter that has taken everything an output reads from
    /// this input (what [`Input::shared_fingerprinter`] takes, the date
    /// of the publication, the views of the library and of each program,
    /// the figures, a patient's file): an output made from the same is
    /// the same.
    pub fn fingerprinter(&self, kind: &str) -> Fingerprinter {
        let mut hasher = self.printed_fingerprinter(kind);
        hasher.value(self.view).value(self.programs);
        hasher
    }

    /// A fingerprinter that has taken everything a PDF reads from this
    /// input but the content's views, which it prints through its
    /// template: what [`Input::shared_fingerprinter`] takes, the date of
    /// the publication, the figures, a patient's file.
    pub fn printed_fingerprinter(&self, kind: &str) -> Fingerprinter {
        let mut hasher = self.shared_fingerprinter(kind);
        // The date a PDF carries: the newest content file's day, or
        // SOURCE_DATE_EPOCH (the site shows no date).
        hasher.debug(&self.project.publication_date());
        if let Some(file) = self.patient_file {
            hasher.debug(file);
        }
        for (id, figure) in &self.figures.by_exercise {
            hasher.text(id);
            figure_into(&mut hasher, figure);
        }
        if let Some(logo) = &self.figures.logo {
            hasher.text(&logo.path).bytes(&logo.bytes);
        }
        hasher
    }
}

/// Takes a figure into `hasher`: an image by its bytes, a drawn pose by
/// its drawing (derived `Debug` shows every shape).
pub fn figure_into(hasher: &mut Fingerprinter, figure: &Resolved) {
    match figure {
        Resolved::Image(image) => {
            hasher
                .text(&image.path)
                .bytes(&image.bytes)
                .debug(&image.drawing);
        }
        drawn => {
            hasher.debug(drawn);
        }
    }
}
