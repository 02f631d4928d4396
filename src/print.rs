//! What the two PDFs (the handout and the checklist) share: the paper, the
//! type sizes and furniture, the theme's palette, figures and logo, the
//! publication date, and turning a typeset document into bytes.

use std::path::Path;

use crate::content::{ContentFile, Paper, Project};
use crate::diag::{Diagnostic, Diagnostics};
use crate::geom::{Mm, Size};
use crate::layout::{self, DocMeta, Margins, TypesetOptions};
use crate::output::OutFile;
use crate::outputs::{Input, Rendered};
use crate::templates::Templates;
use crate::view::figures::{Figures, Image, Resolved, labelled};
use crate::words::Words;

/// How an exercise's figure is drawn in a PDF.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FigureStyle {
    /// The figure: the start and end panels, labelled in the document's
    /// language. The handout draws this.
    Panels,
    /// The end panel alone, small enough to read in a checklist row.
    Thumbnail,
}

/// The page size of a paper setting.
pub fn paper_size(paper: Paper) -> Size {
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

/// A figure of the build for the typesetter, by exercise id, its labels
/// in `words`' language.
pub fn figure(
    figures: &Figures,
    exercise_id: &str,
    style: FigureStyle,
    words: &Words,
) -> Option<layout::Picture> {
    match figures.by_exercise.get(exercise_id)? {
        Resolved::Drawn { figure, end, .. } => Some(match style {
            FigureStyle::Panels => layout::Picture::Labelled(labelled(figure, words)),
            FigureStyle::Thumbnail => layout::Picture::Drawing(end.clone()),
        }),
        Resolved::Image(image) => image_figure(image),
    }
}

/// An image file as a figure: an SVG file's drawing, or a PNG or JPEG.
/// `None` only for a file the PDF cannot print, which
/// [`Figures::resolve`] has already refused.
fn image_figure(image: &Image) -> Option<layout::Picture> {
    match &image.drawing {
        Some(drawing) => Some(layout::Picture::Drawing(drawing.clone())),
        None => layout::Picture::image(image.bytes.clone()),
    }
}

/// Options shared by every PDF of a project: paper, type, palette,
/// furniture, logo. `title` is the PDF's (the library's, or a program's:
/// never a patient's name); `figures` resolves `![alt](figure:ID)`.
pub fn typeset_options<'a>(
    project: &Project,
    title: &str,
    resolved: &Figures,
    large_print: bool,
    subject: &str,
    figures: &'a dyn Fn(&str) -> Option<layout::Picture>,
    words: &'a Words,
) -> TypesetOptions<'a> {
    let s = &project.settings;
    let clinic_name = s.clinic.as_ref().and_then(|c| c.name.clone());
    let phone = s.clinic.as_ref().and_then(|c| c.phone.clone());
    let mut options = TypesetOptions::new(DocMeta {
        title: title.to_string(),
        author: clinic_name.unwrap_or_default(),
        subject: subject.to_string(),
        language: s.language.clone(),
        creation_date: publication_date(project),
    });
    let theme = &s.theme;
    options.paper = paper_size(s.paper);
    options.margins = Margins::uniform(Mm(19.0));
    options.body_size = if large_print {
        theme.print.large_print
    } else {
        theme.print.body
    };
    options.palette = theme.palette;
    options.cover_logo = resolved.logo.as_ref().and_then(image_figure);
    options.header_text = Some(title.to_string());
    options.footer_left = phone.map(|phone| words.call(&phone));
    options.fonts = added_faces(project);
    // `{}` stands where the page number or address goes.
    let pattern = |id: &str, variable: &str| words.with_blank(id, variable);
    options.spoken = layout::SpokenWords {
        not_done: words.text("pdf-box-not-done"),
        done: words.text("pdf-box-done"),
        go_to_page: pattern("pdf-link-page", "page"),
        call: pattern("pdf-link-call", "phone"),
        email: pattern("pdf-link-email", "address"),
        open: pattern("pdf-link-open", "address"),
    };
    options.figures = figures;
    options.page_number = Box::new(|number, count| words.page_number(number, count));
    options.box_labels = layout::BoxLabels {
        dose: words.text("box-dose"),
        note: words.text("box-note"),
        tip: words.text("box-tip"),
        important: words.text("box-important"),
        warning: words.text("box-warning"),
        caution: words.text("box-caution"),
    };
    options
}

/// `typeset` run while a PDF's Markdown (rendered from `template`) is
/// checked on another core ([`check_printable`] with `files`, then
/// [`check_qr_codes`]): what it laid out is returned when every check
/// passed, and every problem found otherwise.
pub fn typeset_checked<'a, T>(
    markdown: &str,
    project: &Project,
    files: impl IntoIterator<Item = &'a ContentFile> + Send,
    templates: &Templates,
    template: &str,
    typeset: impl FnOnce() -> T,
) -> Result<T, Diagnostics> {
    let check = || {
        let mut problems = Diagnostics::new();
        let checks = [
            check_printable(markdown, project, files, templates, template),
            check_qr_codes(markdown, templates, template),
        ];
        for found in checks.into_iter().filter_map(Result::err) {
            problems.extend(found.0);
        }
        problems.into_result(())
    };
    let (checked, typeset) = crate::parallel::join(check, typeset);
    checked.map(|()| typeset)
}

/// Checks that the PDF font can draw every character of a PDF's Markdown
/// (rendered from `template`), so none prints as an empty box. Each
/// character it lacks is an error at every place it stands in the content
/// files the PDF prints from (`files`); one that comes from the template
/// is an error there.
pub fn check_printable<'a>(
    markdown: &str,
    project: &Project,
    files: impl IntoIterator<Item = &'a ContentFile>,
    templates: &Templates,
    template: &str,
) -> Result<(), Diagnostics> {
    let missing = crate::fonts::unprintable_with(markdown, &added_faces(project));
    if missing.is_empty() {
        return Ok(());
    }
    let found = crate::content::locate_chars(files, &missing);
    let mut problems = found.problems;
    for c in found.elsewhere {
        let message = format!(
            "U+{:04X} '{c}' {}",
            u32::from(c),
            crate::content::unprintable_because(c)
        );
        let hint = crate::content::unprintable_hint(Some(c));
        let at = templates
            .source(template)
            .and_then(|(path, text)| Some((path, text, text.find(c)?)));
        problems.push(
            match at {
                Some((path, text, offset)) => {
                    Diagnostic::at_offset(path, text, offset, c.len_utf8(), message)
                }
                None => Diagnostic::file(Path::new(template), message),
            }
            .with_hint(hint),
        );
    }
    problems.into_result(())
}

/// The faces of the fonts the clinic added, in their order.
pub fn added_faces(project: &Project) -> Vec<crate::fonts::Face> {
    (project.settings.fonts.iter())
        .map(|font| font.face)
        .collect()
}

/// Checks every QR code of a PDF's Markdown (rendered from `template`)
/// (while it is typeset, see [`typeset_checked`]): `![alt](qr:URL)` needs an address that fits a
/// code a phone can read on paper. Each kind of problem is one error in
/// the template, at the `qr:` that made it, so a template that prints a
/// QR code without checking `web_url` is told where and how to fix it.
pub fn check_qr_codes(
    markdown: &str,
    templates: &Templates,
    template: &str,
) -> Result<(), Diagnostics> {
    // One error for each kind of problem: a template that prints a code
    // for every exercise makes the same mistake for every exercise.
    let mut seen = Vec::new();
    let mut problems = Diagnostics::new();
    for link in crate::markdown::links(markdown) {
        let Some(url) = link.dest.strip_prefix("qr:") else {
            continue;
        };
        let Err(problem) = crate::qr::check(url) else {
            continue;
        };
        let kind = std::mem::discriminant(&problem);
        if seen.contains(&kind) {
            continue;
        }
        seen.push(kind);
        let hint = match problem {
            crate::qr::QrProblem::Empty => {
                "put the address after `qr:`, and print the code only when there is one: \
                 `{% if exercise.web_url %}![…](qr:{{ exercise.web_url }}){% endif %}`"
            }
            crate::qr::QrProblem::TooLong { .. } => {
                "shorten `base_url` in handout.yaml, or link to a shorter address"
            }
        };
        // The `qr:` the address was written after: literally in the
        // template, or the first one when it came from a variable.
        let at = templates.source(template).and_then(|(path, text)| {
            let literal = format!("(qr:{url})");
            let offset = (!url.is_empty())
                .then(|| text.find(&literal).map(|i| i + 1))
                .flatten()
                .or_else(|| text.find("(qr:").map(|i| i + 1))?;
            Some((path, text, offset))
        });
        let message = format!("{problem}: `qr:{url}`");
        problems.push(
            match at {
                Some((path, text, offset)) => Diagnostic::at_offset(path, text, offset, 3, message),
                None => Diagnostic::file(Path::new(template), message),
            }
            .with_hint(hint),
        );
    }
    problems.into_result(())
}

/// The library's PDF `name`, and one per published program,
/// `<program id><program_suffix>` (`spine-surgery-handout.pdf`), each typeset
/// by `typeset` from its own view.
pub fn rendered_with_programs(
    input: &Input<'_>,
    name: &str,
    program_suffix: &str,
    typeset: impl Fn(&Input<'_>) -> Result<layout::Document, Diagnostics>,
) -> Result<Rendered, Diagnostics> {
    let mut done = rendered(typeset(input)?, &input.languages.file_name(name))?;
    for program in input.programs {
        let id = program.program.as_ref().and_then(|p| p.id.as_deref());
        let name =
            (input.languages).file_name(&format!("{}{program_suffix}", id.unwrap_or_default()));
        let document = typeset(&Input {
            view: program,
            ..*input
        })?;
        done.files.extend(rendered(document, &name)?.files);
    }
    Ok(done)
}

/// A typeset document as the PDF file `name` of the output folder.
pub fn rendered(document: layout::Document, name: &str) -> Result<Rendered, Diagnostics> {
    let pages = document.pages.len();
    let bytes = crate::pdf::write_pdf(document).map_err(|error| {
        Diagnostics::one(Diagnostic::file(
            Path::new(name),
            format!("cannot write the PDF: {error:#}"),
        ))
    })?;
    Ok(Rendered {
        files: vec![OutFile::new(name, bytes)],
        pages,
        notes: Vec::new(),
    })
}
