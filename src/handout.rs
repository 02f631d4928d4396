//! The printable PDF handout: the publication's view goes through the
//! `pdf/handout.md` template into Markdown, the typesetter lays that out
//! onto pages, and `pdf` turns the pages into bytes.
//!
//! The clinic changes the handout's order and wording by editing the
//! template, never this code.

use serde::Serialize;

use crate::diag::{Diagnostic, Diagnostics};
use crate::geom::Mm;
use crate::layout;
use crate::outputs::Only;
use crate::outputs::{Input, Output, Rendered};
use crate::print::{self, FigureStyle};
use crate::view::program::ProgramView;
use crate::view::{HeadView, PhaseView, ProseView};

/// The handout's file name in the output folder.
pub const HANDOUT_PDF: &str = "handout.pdf";

/// The end of a published program's handout's name: `<id>-handout.pdf`.
pub const PROGRAM_HANDOUT_PDF: &str = "-handout.pdf";

/// The handout's template.
const TEMPLATE: &str = "pdf/handout.md";

/// The PDF handout.
#[derive(Debug, Clone, Copy, Default)]
pub struct Handout;

/// What `pdf/handout.md` receives.
#[derive(Debug, Serialize)]
pub struct HandoutContext<'a> {
    /// The title, clinic, disclaimer… (serialised flat: `title`, `clinic`).
    #[serde(flatten)]
    pub head: &'a HeadView,
    /// Whether this is the large-print edition.
    pub large_print: bool,
    /// `compact` or `one-per-page` (`layout:` in handout.yaml).
    pub layout: crate::content::model::HandoutLayout,
    /// Prose pages marked for the handout, in order.
    pub pages: Vec<&'a ProseView>,
    /// Phases in order, each with its exercises.
    pub phases: &'a [PhaseView],
    /// The program it prints, when it is one: its title, and on a
    /// patient's program the patient's details (`program.patient`).
    pub program: Option<&'a ProgramView>,
}

impl Handout {
    /// Renders the handout's Markdown through its template.
    pub fn markdown(&self, input: &Input<'_>) -> Result<String, Diagnostic> {
        let view = input.view;
        let context = HandoutContext {
            head: &view.head,
            large_print: input.print.large_print,
            layout: input.project.settings.layout,
            pages: view.pages.iter().filter(|p| p.in_handout).collect(),
            phases: &view.phases,
            program: view.program.as_ref(),
        };
        input.templates.render(TEMPLATE, &context, input.words)
    }

    /// Lays the handout out on pages; every character must be one the PDF
    /// font can draw.
    pub fn typeset(&self, input: &Input<'_>) -> Result<layout::Document, Diagnostics> {
        let early = Self::expected_qr_codes(input);
        let set = || {
            let text = self.markdown(input).map_err(Diagnostics::one)?;
            let figures =
                |id: &str| print::figure(input.figures, id, FigureStyle::Panels, input.words);
            let mut options = print::typeset_options(
                input.project,
                &input.view.head.title,
                input.figures,
                input.print.large_print,
                &input.words.text("handout-subject"),
                &figures,
                input.words,
            );
            // A handout's pages are read in the hand, not taped up:
            // half-inch margins (what Physitrack and MedBridge print) leave
            // room for more of an exercise on a page at the same type size.
            options.margins = layout::Margins::uniform(Mm(13.0));
            print::typeset_checked(
                &text,
                input.project,
                input.project.handout_files().chain(input.patient_file),
                input.templates,
                TEMPLATE,
                &print::pdf_name(input, HANDOUT_PDF, PROGRAM_HANDOUT_PDF),
                || layout::typeset_with_codes(&text, &options, &early),
            )
        };
        crate::parallel::join(|| early.encode_ahead(), set).1
    }

    /// The QR codes the template is expected to print, in order: the
    /// handout's own address, then each exercise's. They are encoded on
    /// another core while the Markdown is made and typeset; any other is
    /// encoded when it is set. None when the template prints no code.
    fn expected_qr_codes(input: &Input<'_>) -> layout::QrCodes {
        let view = input.view;
        let prints_codes =
            (input.templates.source(TEMPLATE)).is_some_and(|(_, t)| t.contains("qr:"));
        let exercises = view.phases.iter().flat_map(|phase| &phase.exercises);
        let addresses = (view.head.web_url.iter())
            .chain(exercises.filter_map(|exercise| exercise.web_url.as_ref()))
            .filter(|_| prints_codes)
            .map(String::as_str);
        layout::QrCodes::for_addresses(addresses)
    }
}

impl Output for Handout {
    fn name(&self) -> &'static str {
        HANDOUT_PDF
    }

    fn chosen_by(&self) -> &'static [Only] {
        &[Only::Pdf, Only::Handout]
    }

    fn scopes(&self) -> &'static [&'static str] {
        &[
            HANDOUT_PDF,
            "handout.*.pdf",
            "*-handout.pdf",
            "*-handout.*.pdf",
        ]
    }

    /// The library's handout, and one per published program.
    fn render(&self, input: &Input<'_>) -> Result<Rendered, Diagnostics> {
        print::rendered_with_programs(input, HANDOUT_PDF, PROGRAM_HANDOUT_PDF, |input| {
            self.typeset(input)
        })
    }
}
