//! The content and the templates of a run, loaded and checked, with the
//! view and the figures every output renders from, in each of the
//! publication's languages: what `build`, `check` and `program` start from.

use super::Error;
use crate::content;
use crate::diag::Diagnostics;
use crate::outputs::{self, Input, PrintOptions};
use crate::templates::Templates;
use crate::view::PublicationView;
use crate::view::figures::Figures;
use crate::words;

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
        Prepared::load_with(content, templates, required, false, None)
    }

    /// [`Prepared::load`], with the drafts too when `drafts`, reading
    /// only the content files that changed since `cache` saw them.
    pub fn load_with(
        content: &std::path::Path,
        templates: &std::path::Path,
        required: bool,
        drafts: bool,
        cache: Option<&mut content::FileCache>,
    ) -> Result<Prepared, Error> {
        let project = content::load_with(content, cache).and_then(|mut project| {
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
