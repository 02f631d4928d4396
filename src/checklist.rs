//! The wall checklist PDF: the checklist's view (`view::checklist`) goes
//! through the `pdf/checklist.md` template into Markdown (a table of tick
//! boxes per sheet), and the typesetter sets it on landscape pages.

use crate::content::FileKind;
use crate::diag::{Diagnostic, Diagnostics};
use crate::geom::{Mm, Pt};
use crate::incremental::Fingerprint;
use crate::layout;
use crate::outputs::Only;
use crate::outputs::{Input, Output, Rendered};
use crate::print::{self, FigureStyle};
use crate::view::checklist::{ChecklistOptions, ChecklistView};

/// The checklist's file name in the output folder.
pub const CHECKLIST_PDF: &str = "checklist.pdf";

/// The end of a published program's checklist's name:
/// `<id>-checklist.pdf`.
pub const PROGRAM_CHECKLIST_PDF: &str = "-checklist.pdf";

/// The checklist's template.
const TEMPLATE: &str = "pdf/checklist.md";

/// The wall checklist PDF.
#[derive(Debug, Clone, Copy, Default)]
pub struct Checklist;

impl Checklist {
    /// Renders the checklist's Markdown through its template: the weeks
    /// and start date of the build.
    pub fn markdown(&self, input: &Input<'_>) -> Result<String, Diagnostic> {
        (input.templates).render(TEMPLATE, &self.view(input), input.words)
    }

    /// What the checklist's template is given: the view of `input`'s
    /// content, with the weeks and start date of the build.
    fn view<'a>(&self, input: &Input<'a>) -> ChecklistView<'a> {
        let options = ChecklistOptions {
            weeks: input.print.weeks,
            start: input.print.start,
        };
        ChecklistView::new(input.view, options, input.words)
    }

    /// Typesets the checklist: the handout's paper, type and palette,
    /// turned sideways.
    pub fn typeset(&self, input: &Input<'_>) -> Result<layout::Document, Diagnostics> {
        self.prepared(input, |text, options, files| {
            print::typeset_checked(
                text,
                input.project,
                files,
                input.templates,
                TEMPLATE,
                &print::pdf_name(input, CHECKLIST_PDF, PROGRAM_CHECKLIST_PDF),
                || layout::typeset(text, &options),
            )
        })?
    }

    /// The checklist typeset and written as the PDF `name` a sheet at a
    /// time (a year of weeks of a large library is tens of thousands of
    /// pages): as [`Checklist::typeset`] sets it.
    pub fn written(&self, input: &Input<'_>, name: &str) -> Result<Rendered, Diagnostics> {
        self.prepared(input, |text, options, files| {
            print::rendered_in_sheets(
                text,
                options,
                input.project,
                files,
                input.templates,
                TEMPLATE,
                name,
            )
        })?
    }

    /// The checklist's Markdown, typeset options and the files it prints
    /// from, handed to `then`.
    fn prepared<R>(
        &self,
        input: &Input<'_>,
        then: impl FnOnce(&str, layout::TypesetOptions<'_>, Vec<&crate::content::ContentFile>) -> R,
    ) -> Result<R, Diagnostics> {
        let text = self.markdown(input).map_err(Diagnostics::one)?;
        // The checklist prints from every file but the prose pages.
        let files = (input.project.files.iter())
            .filter(|f| f.kind != FileKind::Page)
            .chain(input.patient_file)
            .collect();
        let figures =
            |id: &str| print::figure(input.figures, id, FigureStyle::Thumbnail, input.words);
        let large_print = input.print.large_print;
        let mut options = print::typeset_options(
            input.project,
            &input.view.head.title,
            input.figures,
            large_print,
            &input.words.text("checklist-title"),
            &figures,
            input.words,
        );
        options.landscape = true;
        // The template prints the clinic's phone large; the footer says,
        // on every sheet, what to do about a warning sign (the handout
        // lists them all), where it never takes room from the grid.
        options.footer_left = (input.view.head.warning_signs.as_ref())
            .map(|signs| input.words.warning_signs_footer(&signs.emergency_number));
        options.form = sheet_sizes(large_print);
        // The grid takes the sheet: margins that every home printer
        // still prints inside, the running header and footer in them.
        options.margins = layout::Margins::uniform(SHEET_MARGIN);
        Ok(then(&text, options, files))
    }
}

/// The margins of a sheet.
const SHEET_MARGIN: Mm = Mm(14.0);

/// The grid of a sheet read from two metres: names of at least 20 pt
/// (24 pt in large print) and tick boxes of at least 7 mm (8 mm), larger
/// where the sheet has room; the day heads smaller, rather than broken,
/// when a week's seven columns leave them too little width. The rest of
/// the sheet is the body size (14 pt, 18 pt in large print).
pub fn sheet_sizes(large_print: bool) -> layout::FormSizes {
    if large_print {
        layout::FormSizes {
            name: Some(Pt(24.0)),
            min_box: Mm(8.0),
            max_box: Mm(10.0),
            min_head: Pt(12.0),
        }
    } else {
        layout::FormSizes {
            name: Some(Pt(20.0)),
            min_box: Mm(7.0),
            max_box: Mm(9.0),
            min_head: Pt(11.0),
        }
    }
}

impl Output for Checklist {
    fn name(&self) -> &'static str {
        CHECKLIST_PDF
    }

    fn chosen_by(&self) -> &'static [Only] {
        &[Only::Pdf, Only::Checklist]
    }

    fn scopes(&self) -> &'static [&'static str] {
        &[
            CHECKLIST_PDF,
            "checklist.*.pdf",
            "*-checklist.pdf",
            "*-checklist.*.pdf",
        ]
    }

    /// The library's checklist, and one per published program.
    fn render(&self, input: &Input<'_>) -> Result<Rendered, Diagnostics> {
        print::written_with_programs(
            input,
            CHECKLIST_PDF,
            PROGRAM_CHECKLIST_PDF,
            |input, name| self.written(input, name),
        )
    }

    /// The checklist prints the content's views through its template and
    /// reads nothing else of them but their heads: its Markdown (and each
    /// program's) stands for them, so that a save that changes what only
    /// the handout shows (a step, a caution) does not typeset the
    /// checklist again. The Markdown, not the template's context: the
    /// context holds each exercise's whole view (a template of the
    /// clinic's own may print a step), the Markdown what it printed.
    /// Rendered twice when the checklist is typeset again (about 0.2 s at
    /// 10,000 exercises, beside 2 s of typesetting).
    fn fingerprint(&self, input: &Input<'_>) -> Result<Fingerprint, Diagnostics> {
        let mut hasher = input.printed_fingerprinter(self.name());
        for view in std::iter::once(input.view).chain(input.programs) {
            let input = Input { view, ..*input };
            let markdown = self.markdown(&input).map_err(Diagnostics::one)?;
            hasher
                .text(&print::pdf_name(
                    &input,
                    CHECKLIST_PDF,
                    PROGRAM_CHECKLIST_PDF,
                ))
                .value(&view.head)
                .text(&markdown);
        }
        Ok(hasher.fingerprint())
    }
}
