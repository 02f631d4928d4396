//! What the two PDFs (the handout and the checklist) share: the paper, the
//! type sizes and furniture, the theme's palette, figures and logo, the
//! publication date, and turning a typeset document into bytes.

use std::path::Path;

use crate::content::{ContentFile, Paper, Project};
use crate::diag::{Diagnostic, Diagnostics};
use crate::geom::{Mm, Pt, Size};
use crate::layout::{self, DocMeta, Margins, TypesetOptions};
use crate::outputs::{Input, Rendered};
use crate::templates::Templates;
use crate::view::figures::{Figures, Image, Resolved, labelled};
use crate::words::Words;
use crate::write::OutFile;

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
        creation_date: project.publication_date(),
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
    options.fonts = project.settings.fonts.clone();
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
        continued: pattern("pdf-continued", "label"),
        notes: words.text("checklist-notes"),
    };
    options.page_reference = pattern("pdf-page-reference", "page");
    options
}

/// The name of the PDF file an output makes from `input`: `name` in the
/// language rendered (`handout.es.pdf`), `<program id><program_suffix>`
/// for a published program, `<file stem><program_suffix>` for a patient's
/// program.
pub fn pdf_name(input: &Input<'_>, name: &str, program_suffix: &str) -> String {
    if let Some(file) = input.patient_file {
        let stem = file.path.file_stem().map(|s| s.to_string_lossy());
        return format!("{}{program_suffix}", stem.as_deref().unwrap_or("program"));
    }
    match &input.view.program {
        Some(program) => (input.languages).file_name(&format!(
            "{}{program_suffix}",
            program.id.as_deref().unwrap_or_default()
        )),
        None => input.languages.file_name(name),
    }
}

/// `typeset` run while a PDF's Markdown (rendered from `template`) is
/// checked on another core ([`check_printable`] with `files`, then
/// [`check_qr_codes`]): what it laid out is returned when every check
/// passed and nothing would print cut, and every problem found otherwise,
/// a problem of the pages (what would print cut) at its place in
/// `files` and naming `output`, the PDF's file name.
#[allow(clippy::too_many_arguments)]
pub fn typeset_checked<'a>(
    markdown: &str,
    project: &Project,
    files: impl IntoIterator<Item = &'a ContentFile>,
    templates: &Templates,
    template: &str,
    output: &str,
    typeset: impl FnOnce() -> layout::Document,
) -> Result<layout::Document, Diagnostics> {
    let files: Vec<&ContentFile> = files.into_iter().collect();
    let check = || {
        let mut problems = Diagnostics::new();
        let checks = [
            check_printable(
                markdown,
                project,
                files.iter().copied(),
                templates,
                template,
            ),
            check_qr_codes(markdown, templates, template),
        ];
        for found in checks.into_iter().filter_map(Result::err) {
            problems.extend(found.0);
        }
        problems
    };
    let (mut problems, document) = crate::parallel::join(check, typeset);
    let at = Place {
        output,
        files: &files,
        templates,
        template,
    };
    problems.extend(layout_problems(&document.problems, &at).0);
    problems.into_result(document)
}

/// The length of Markdown below which [`rendered_in_sheets`] typesets a
/// PDF whole, once: its pages take less than about 100 MB.
const TYPESET_WHOLE_BELOW: usize = 1 << 20;

/// A PDF typeset and written a sheet at a time ([`layout::sheets`]: each
/// `---` of its Markdown starts one), as the file `output`: a year of
/// checklist sheets is tens of thousands of pages, which held whole took
/// gigabytes. The sheets are typeset twice: first to count the pages (for
/// the footers' `Page n of N`), the characters the fonts are subset to and
/// what would print cut, while the Markdown is checked as in
/// [`typeset_checked`]; then, when nothing would, to write each into the
/// PDF and let it go. A short one (most checklists) is typeset whole,
/// once, as [`typeset_checked`] does.
#[allow(clippy::too_many_arguments)]
pub fn rendered_in_sheets<'a>(
    markdown: &str,
    options: layout::TypesetOptions<'_>,
    project: &Project,
    files: impl IntoIterator<Item = &'a ContentFile>,
    templates: &Templates,
    template: &str,
    output: &str,
) -> Result<Rendered, Diagnostics> {
    let files: Vec<&ContentFile> = files.into_iter().collect();
    let at = Place {
        output,
        files: &files,
        templates,
        template,
    };
    in_sheets(markdown, options, project, &at, TYPESET_WHOLE_BELOW)
}

/// [`rendered_in_sheets`], typeset whole below `whole_below` bytes of
/// Markdown.
fn in_sheets(
    markdown: &str,
    mut options: layout::TypesetOptions<'_>,
    project: &Project,
    at: &Place<'_>,
    whole_below: usize,
) -> Result<Rendered, Diagnostics> {
    let Place {
        output,
        files,
        templates,
        template,
    } = *at;
    let sheets = layout::sheets(markdown);
    if sheets.len() == 1 || markdown.len() < whole_below {
        let document = typeset_checked(
            markdown,
            project,
            files.iter().copied(),
            templates,
            template,
            output,
            || layout::typeset(markdown, &options),
        )?;
        return rendered(document, output);
    }
    // The QR codes are checked a sheet at a time too (the parser holds
    // what it reads), each problem once.
    let check = || {
        let printable = check_printable(
            markdown,
            project,
            files.iter().copied(),
            templates,
            template,
        );
        let codes = (sheets.iter()).map(|sheet| check_qr_codes(sheet, templates, template));
        let mut problems = Diagnostics::new();
        for found in [printable].into_iter().chain(codes).filter_map(Result::err) {
            for problem in found.0 {
                if !problems.0.contains(&problem) {
                    problems.push(problem);
                }
            }
        }
        problems
    };
    let numbered: std::rc::Rc<dyn Fn(usize, usize) -> String + '_> =
        std::mem::replace(&mut options.page_number, Box::new(|_, _| String::new())).into();
    // Where the sheet being typeset starts among the pages.
    let first = std::rc::Rc::new(std::cell::Cell::new(0));
    // While the pages are counted, each is numbered as if it were the
    // last: the characters of every number the pages then show are
    // counted too (the count's are the last page's own).
    options.page_number = {
        let (numbered, first) = (numbered.clone(), first.clone());
        Box::new(move |n, _| numbered(first.get() + n, first.get() + n))
    };
    let survey = || {
        let mut survey = crate::pdf::Survey::default();
        let mut problems = Vec::new();
        for sheet in &sheets {
            first.set(survey.pages());
            let document = layout::typeset(sheet, &options);
            problems.extend(on_pages(&document.problems, survey.pages()));
            survey.add(&document);
        }
        (survey, problems)
    };
    let (mut problems, (survey, found)) = crate::parallel::join(check, survey);
    problems.extend(layout_problems(&found, at).0);
    problems.into_result(())?;
    let total = survey.pages();
    let failed = |error: anyhow::Error| {
        Diagnostics::one(Diagnostic::file(
            Path::new(output),
            format!("cannot write the PDF: {error:#}"),
        ))
    };
    let mut writer = crate::pdf::Writer::new(survey).map_err(failed)?;
    options.page_number = {
        let first = first.clone();
        Box::new(move |n, _| numbered(first.get() + n, total))
    };
    first.set(0);
    for sheet in &sheets {
        let document = layout::typeset(sheet, &options);
        // Numbered with the count now, a footer is wider: what that
        // would print over is found again.
        let found = on_pages(&document.problems, first.get());
        layout_problems(&found, at).into_result(())?;
        first.set(first.get() + document.pages.len());
        writer.add(document).map_err(failed)?;
    }
    let bytes = writer.finish().map_err(failed)?;
    Ok(Rendered {
        files: vec![OutFile::new(output, bytes)],
        pages: total,
        ..Rendered::default()
    })
}

/// A sheet's problems, its pages numbered from `first` on.
fn on_pages(problems: &[layout::Problem], first: usize) -> Vec<layout::Problem> {
    (problems.iter().cloned())
        .map(|mut p| {
            p.page = p.page.map(|page| page + first);
            p
        })
        .collect()
}

/// Where a PDF's problems are reported: the PDF, the content files it
/// prints from, and its template.
#[derive(Clone, Copy)]
struct Place<'a> {
    output: &'a str,
    files: &'a [&'a ContentFile],
    templates: &'a Templates,
    template: &'a str,
}

impl Place<'_> {
    /// An error at the place the `words` were written: in a content file,
    /// else in the template, else the PDF itself.
    fn at(&self, words: &[String], message: String) -> Diagnostic {
        if let Some((file, range)) = crate::content::locate_words(self.files.iter().copied(), words)
        {
            return Diagnostic::at_offset(
                &file.path,
                &file.text,
                range.start,
                range.len(),
                message,
            );
        }
        if let Some((path, text)) = self.templates.source(self.template)
            && let Some((file, range)) = crate::content::locate_words(
                [&ContentFile {
                    path: path.to_path_buf(),
                    kind: crate::content::FileKind::Page,
                    text: text.into(),
                    in_handout: true,
                }],
                words,
            )
        {
            return Diagnostic::at_offset(&file.path, text, range.start, range.len(), message);
        }
        Diagnostic::file(Path::new(self.output), message)
    }

    /// `output`, with the page (from 0) when known: `handout.pdf, page 7`.
    fn page(&self, page: Option<usize>) -> String {
        match page {
            Some(page) => format!("{}, page {}", self.output, page + 1),
            None => self.output.to_string(),
        }
    }
}

/// What the typesetter could not set, and what its end-of-typesetting
/// audit found (words not printed, text outside the text area or over
/// other text), as errors at the place the text was written, naming the
/// PDF and page.
fn layout_problems(problems: &[layout::Problem], at: &Place<'_>) -> Diagnostics {
    let mut found = Diagnostics::new();
    for p in problems {
        found.push(layout_problem(p, at));
    }
    found
}

/// A fault of the typesetter, not of the content: said so, with a way
/// around it until it is fixed.
const FAULT: &str = "handout could not print this text whole, which is a fault of its \
                     typesetter: please report it with this text; rewording or splitting \
                     the text around it may avoid it meanwhile";

/// A length in whole millimetres.
fn mm(pt: Pt) -> f32 {
    Mm::from(pt).0.round()
}

/// `words` in quotation marks, with an ellipsis when they are only the
/// first words of the text.
fn quoted(words: &[String]) -> String {
    let mut text = words.join(" ");
    if words.len() >= layout::CONTEXT_WORDS {
        text.push_str(" …");
    }
    format!("“{text}”")
}

/// One problem of the pages as an error at its place.
fn layout_problem(p: &layout::Problem, at: &Place<'_>) -> Diagnostic {
    use layout::ProblemKind as Kind;
    let on = at.page(p.page);
    match &p.kind {
        Kind::TableTooWide {
            columns,
            needs,
            width,
        } => at
            .at(
                &p.words,
                format!(
                    "this table is too wide for the page of {on}: its {columns} columns need \
                         at least {} mm, and the text is {} mm wide",
                    mm(*needs),
                    mm(*width)
                ),
            )
            .with_hint(
                "split it into tables of fewer columns (the first column repeated in each \
                     if it names the rows), or turn it around so the many columns become rows",
            ),
        Kind::RowTooTall { height, room, row } => {
            let (what, hint) = row_too_tall(row, *height, *room, &on);
            at.at(&p.words, what).with_hint(hint)
        }
        Kind::Missing { count } => at
            .at(
                &p.words,
                format!(
                    "{count} {} of this text {} not printed in {on}: {}",
                    if *count == 1 { "word" } else { "words" },
                    if *count == 1 { "is" } else { "are" },
                    quoted(&p.words)
                ),
            )
            .with_hint(FAULT),
        Kind::OutsideTextArea { text, runs } => at
            .at(
                &p.words,
                format!(
                    "{on}: this text is printed outside the page's text area (over the \
                         footer, in a margin or off the paper): “{text}”{}",
                    match runs {
                        1 => String::new(),
                        n => format!(", and {} more lines or parts of lines", n - 1),
                    }
                ),
            )
            .with_hint(FAULT),
        Kind::Overprinted { text, other, pairs } => at
            .at(
                &p.words,
                format!(
                    "{on}: this text is printed over other text: “{text}” over “{other}”{}",
                    match pairs {
                        1 => String::new(),
                        n => format!(", and {} more such pairs on the page", n - 1),
                    }
                ),
            )
            .with_hint(FAULT),
        Kind::More { count, of } => {
            let what = match **of {
                Kind::Missing { .. } => "stretches of text not printed",
                Kind::OutsideTextArea { .. } => "pages with text outside the text area",
                Kind::Overprinted { .. } => "pages with text printed over other text",
                _ => "such problems",
            };
            Diagnostic::file(
                Path::new(at.output),
                format!("and {count} more {what} in {}", at.output),
            )
            .with_hint(FAULT)
        }
    }
}

/// What a row taller than a page (`height`, where a page has `room`) of
/// the PDF and page `on` is said to be, and the hint, by the kind of row.
fn row_too_tall(row: &layout::RowKind, height: Pt, room: Pt, on: &str) -> (String, &'static str) {
    match row {
        layout::RowKind::Form => (
            format!(
                "this text makes a row of {on} taller than a page ({} mm, and a page \
                 has {} mm), and a row of tick boxes or figures never splits across \
                 pages",
                mm(height),
                mm(room)
            ),
            "shorten it: a row of tick boxes or figures stays on one page, and a \
             checklist's row holds an exercise's title and dose on a few lines",
        ),
        layout::RowKind::Header => (
            format!(
                "the header row of this table is too tall for the pages of {on} \
                 ({} mm, and a page has {} mm): it repeats at the top of every page \
                 the table continues onto, with room for the rows under it",
                mm(height),
                mm(room)
            ),
            "shorten the header cells: a header names its column in a few words",
        ),
        layout::RowKind::Unbroken => (
            format!(
                "a row of this table is taller than a page of {on} ({} mm, and a page \
                 has {} mm), and its cells share no line to split it at",
                mm(height),
                mm(room)
            ),
            "shorten the row's text, or make it several rows",
        ),
    }
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
    let missing = project.settings.fonts.unprintable(markdown);
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
    written_with_programs(input, name, program_suffix, |input, name| {
        rendered(typeset(input)?, name)
    })
}

/// The library's PDF `name`, and one per published program (named as in
/// [`rendered_with_programs`]), each written by `write` from its own view
/// as the file it is given.
pub fn written_with_programs(
    input: &Input<'_>,
    name: &str,
    program_suffix: &str,
    write: impl Fn(&Input<'_>, &str) -> Result<Rendered, Diagnostics>,
) -> Result<Rendered, Diagnostics> {
    let mut done = write(input, &pdf_name(input, name, program_suffix))?;
    for program in input.programs {
        let input = Input {
            view: program,
            ..*input
        };
        let name = pdf_name(&input, name, program_suffix);
        done.files.extend(write(&input, &name)?.files);
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
        ..Rendered::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geom::Pt;

    /// A PDF's Markdown printing a page of the valid fixture.
    const MARKDOWN: &str = "# Why it matters\n\nMovement helps. Start with the first phase, \
                            slowly, and stop if it hurts.\n";

    /// [`MARKDOWN`] typeset, handed to `tamper` (which may move or drop
    /// what it prints) and audited again, then judged by
    /// [`typeset_checked`] as `handout.es.pdf`.
    fn checked(
        tamper: impl FnOnce(&mut layout::Document),
    ) -> Result<layout::Document, Diagnostics> {
        let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid");
        let project = crate::content::load(&fixture).unwrap_or_else(|e| panic!("{e}"));
        let templates =
            Templates::load(&fixture.join("no-templates"), false).unwrap_or_else(|e| panic!("{e}"));
        let options = layout::TypesetOptions::new(layout::DocMeta::default());
        typeset_checked(
            MARKDOWN,
            &project,
            &project.files,
            &templates,
            "pdf/handout.md",
            "handout.es.pdf",
            || {
                let mut document = layout::typeset(MARKDOWN, &options);
                tamper(&mut document);
                document.problems = layout::audit(MARKDOWN, &document, &options);
                document
            },
        )
    }

    /// A long PDF written a sheet at a time reads as the same PDF typeset
    /// whole: the same pages, each with the same text (its footer's
    /// `Page n of N` too), and what would print cut is found on its page.
    #[test]
    fn a_pdf_written_a_sheet_at_a_time_reads_as_one_typeset_whole() {
        let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid");
        let project = crate::content::load(&fixture).unwrap_or_else(|e| panic!("{e}"));
        let templates =
            Templates::load(&fixture.join("no-templates"), false).unwrap_or_else(|e| panic!("{e}"));
        let sheet = |n: usize| {
            let rows: String = (0..n % 3 * 20 + 1)
                .map(|row| format!("| Walk {row} of week {n} | ☐☐ | ☐⬚ |\n"))
                .collect();
            format!(
                "\n---\n\n# Week {n} {{ #week-{n} .repeat }}\n\nTick a box each time.\n\n\
                 | Exercise | Monday | Tuesday |\n|:---|:---:|:---:|\n{rows}"
            )
        };
        let markdown: String = (1..=7).map(sheet).collect();
        let options = || {
            let mut options = layout::TypesetOptions::new(layout::DocMeta::default());
            options.landscape = true;
            options.footer_left = Some("Call 911 for a warning sign".into());
            options
        };
        let whole = layout::typeset(&markdown, &options());
        assert!(whole.problems.is_empty(), "{:?}", whole.problems);
        let pages = whole.pages.len();
        let whole = rendered(whole, "checklist.pdf").unwrap();
        let files: Vec<&ContentFile> = project.files.iter().collect();
        let at = Place {
            output: "checklist.pdf",
            files: &files,
            templates: &templates,
            template: "pdf/checklist.md",
        };
        let sheets = in_sheets(&markdown, options(), &project, &at, 0).unwrap();
        assert_eq!(sheets.pages, pages);
        assert!(pages > 7, "{pages} pages");
        let read =
            |r: &Rendered| crate::pdf::reader::Document::load_mem(&r.files[0].bytes).unwrap();
        let (whole, sheets) = (read(&whole), read(&sheets));
        for page in 1..=pages as u32 {
            let text = whole.extract_text(&[page]).unwrap();
            assert!(text.contains(&format!("Page {page} of {pages}")), "{text}");
            assert_eq!(sheets.extract_text(&[page]).unwrap(), text, "page {page}");
        }
        // A table too wide in the third sheet is found, and nothing is
        // written.
        let columns = "| x ".repeat(300);
        let wide = format!(
            "# Week 3 {{ #week-3 .repeat }}\n\n{columns}|\n{}|\n{columns}|\n",
            "|---".repeat(300)
        );
        let wide = markdown.replace("# Week 3 { #week-3 .repeat }\n", &wide);
        let problems = in_sheets(&wide, options(), &project, &at, 0).unwrap_err();
        let problems = format!("{problems:?}");
        assert!(problems.contains("too wide"), "{problems}");
    }

    /// The first line of the paragraph.
    fn line(document: &mut layout::Document) -> &mut layout::Positioned {
        (document.pages[0].items.iter_mut())
            .find(
                |p| matches!(&p.item, layout::Item::Text(run) if run.text.starts_with("Movement")),
            )
            .expect("the paragraph's line")
    }

    #[test]
    fn a_document_printed_whole_passes() {
        assert!(checked(|_| {}).is_ok());
    }

    #[test]
    fn a_word_the_pages_lose_is_an_error_where_it_was_written() {
        // What a faulty typesetter might do: a line printed short.
        let Err(problems) = checked(|document| {
            if let layout::Item::Text(run) = &mut line(document).item {
                run.text = run.text.replace("helps. ", "");
            }
        }) else {
            panic!("a lost word passed");
        };
        let [problem] = &problems.0[..] else {
            panic!("{problems}")
        };
        assert!(problem.path.ends_with("pages/why.md"), "{problem}");
        assert_eq!((problem.line, problem.column), (5, 10), "{problem}");
        assert_eq!(
            problem.message,
            "1 word of this text is not printed in handout.es.pdf: “helps.”"
        );
        let hint = problem.hint.as_deref().unwrap_or_default();
        assert!(hint.contains("fault of its typesetter"), "{hint}");
    }

    #[test]
    fn text_over_the_footer_is_an_error_naming_the_pdf_and_page() {
        let Err(problems) = checked(|document| {
            let bottom = document.pages[0].size.height;
            line(document).at.y = bottom - Pt(20.0);
        }) else {
            panic!("text over the footer passed");
        };
        // Outside the text area, and over the footer's page number.
        let texts: Vec<String> = problems.0.iter().map(ToString::to_string).collect();
        assert_eq!(texts.len(), 2, "{texts:?}");
        assert!(
            texts[0].contains(
                "pages/why.md:5:1: error: handout.es.pdf, page 1: this text is printed outside \
                 the page's text area"
            ),
            "{}",
            texts[0]
        );
        assert!(
            texts[1].contains(
                "pages/why.md:5:1: error: handout.es.pdf, page 1: this text is printed over \
                 other text: “Page 1 of 1” over “Movement helps."
            ),
            "{}",
            texts[1]
        );
    }
}
