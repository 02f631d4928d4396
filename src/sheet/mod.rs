//! The contact sheet of the figures (`handout figures`): every exercise's
//! figure as the handout prints it, under the exercise's title and over
//! its description, two to a row, for a clinician to review the drawings
//! in one look. Written as a PDF (on the handout's paper, one page for a
//! small library, more when they do not fit) and as one SVG page. Not part
//! of a full build: `handout figures`, or `build --only figures`.
//!
//! One layout serves both files: [`lay_out`] places marks (text, figures)
//! on pages, and each writer only translates them.

use crate::diag::Diagnostics;
use crate::figure;
use crate::fonts::{Face, FontBook};
use crate::geom::{Color, LabelledDrawing, Mm, Point, Pt, Size};
use crate::layout::text::{Span, Style, break_lines};
use crate::layout::{self, Element, Item, Positioned, Role, Tag};
use crate::outputs::Only;
use crate::outputs::{Input, Output, Rendered};
use crate::print;
use crate::view::figures::{Resolved, labelled};
use crate::write::OutFile;

/// The sheet's name in the output folder, as PDF and as SVG.
pub const SHEET_PDF: &str = "figures.pdf";
/// The sheet as one SVG page.
pub const SHEET_SVG: &str = "figures.svg";

/// Figures a row.
const COLUMNS: usize = 2;
/// Type sizes: the page's title, an exercise's title, a description.
const TITLE: Pt = Pt(17.0);
const NAME: Pt = Pt(11.0);
const CAPTION: Pt = Pt(8.5);
/// The tallest a figure is drawn, tried in turn until the sheet fits one
/// page.
const FIGURE_HEIGHTS: [Mm; 5] = [Mm(62.0), Mm(56.0), Mm(50.0), Mm(44.0), Mm(38.0)];

/// The contact sheet.
#[derive(Debug, Clone, Copy, Default)]
pub struct Sheet;

impl Output for Sheet {
    fn name(&self) -> &'static str {
        SHEET_PDF
    }

    fn chosen_by(&self) -> &'static [Only] {
        &[Only::Figures]
    }

    fn in_full_build(&self) -> bool {
        false
    }

    fn scopes(&self) -> &'static [&'static str] {
        &[SHEET_PDF, SHEET_SVG, "figures.*.pdf", "figures.*.svg"]
    }

    fn render(&self, input: &Input<'_>) -> Result<Rendered, Diagnostics> {
        let cells = cells(input);
        let settings = &input.project.settings;
        let paper = print::paper_size(settings.paper);
        let (pages, svg) = {
            let title = &input.view.head.title;
            let lead = input.words.text("figures-sheet-lead");
            // The largest figures that fit one page (or the smallest on
            // more pages), and the SVG at the same size.
            let mut fitted = None;
            for tallest in FIGURE_HEIGHTS {
                let pages = lay_out(
                    title,
                    &lead,
                    &cells,
                    paper,
                    Some(paper.height),
                    tallest,
                    settings,
                );
                let one = pages.len() == 1;
                fitted = Some((pages, tallest));
                if one {
                    break;
                }
            }
            let (pages, tallest) = fitted.expect("a figure height to try");
            let svg = lay_out(title, &lead, &cells, paper, None, tallest, settings);
            (pages, svg)
        };
        let document = pdf_document(input, pages, settings.fonts.clone());
        let mut rendered = print::rendered(document, &input.languages.file_name(SHEET_PDF))?;
        let svg = to_svg(&svg[0], &input.view.head.title);
        rendered.files.push(OutFile::new(
            input.languages.file_name(SHEET_SVG),
            svg.into_bytes(),
        ));
        Ok(rendered)
    }
}

/// One exercise on the sheet.
#[derive(Debug, Clone)]
struct Cell {
    /// Its title.
    title: String,
    /// Its figure, labelled in the edition's language, when handout draws
    /// it.
    figure: Option<LabelledDrawing>,
    /// Under the figure: its description, or what stands instead of one
    /// (an image file's name, "no figure yet").
    caption: String,
    /// Whether the caption describes a figure (else it is a note).
    described: bool,
}

/// The cells of every exercise, in the order of the phases.
fn cells(input: &Input<'_>) -> Vec<Cell> {
    let words = input.words;
    input
        .view
        .exercises()
        .map(|exercise| {
            let resolved = input.figures.by_exercise.get(&exercise.id);
            let (figure, caption, described) = match (&exercise.figure, resolved) {
                (Some(view), Some(Resolved::Drawn { figure, .. })) => {
                    (Some(labelled(figure, words)), view.alt.clone(), true)
                }
                (Some(view), _) => (
                    None,
                    format!("{} {}", words.text("figures-sheet-file"), view.url),
                    false,
                ),
                (None, _) => (None, words.text("figures-sheet-none"), false),
            };
            Cell {
                title: exercise.title.clone(),
                figure,
                caption,
                described,
            }
        })
        .collect()
}

/// Something placed on a sheet's page.
#[derive(Debug, Clone, PartialEq)]
enum Mark {
    /// A line of text, its baseline's left end at `at`.
    Text {
        at: Point,
        face: Face,
        size: Pt,
        color: Color,
        text: String,
        /// Whether a word space ends it (the line broke there).
        space_after: bool,
        role: Part,
    },
    /// A figure, its top left corner at `at`, scaled.
    Figure {
        at: Point,
        scale: f32,
        figure: LabelledDrawing,
        alt: String,
    },
}

/// What a mark is part of in the document's structure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    /// The page's title.
    Title,
    /// The line under it.
    Lead,
    /// An exercise's title.
    Name,
    /// A figure's description, or a note.
    Caption,
}

/// A laid-out page.
#[derive(Debug, Clone, PartialEq)]
struct SheetPage {
    size: Size,
    marks: Vec<Mark>,
}

/// Lays the cells out in rows on pages of `paper`'s width, `height` high
/// (or one page as high as it takes, for the SVG), no figure taller than
/// `tallest`.
fn lay_out(
    title: &str,
    lead: &str,
    cells: &[Cell],
    paper: Size,
    height: Option<Pt>,
    tallest: Mm,
    settings: &crate::content::Settings,
) -> Vec<SheetPage> {
    let (palette, fonts) = (&settings.theme.palette, &settings.fonts);
    let margin: Pt = Mm(14.0).into();
    let gap: Pt = Mm(7.0).into();
    let width = paper.width - margin * 2.0;
    let column = (width - gap * (COLUMNS as f32 - 1.0)) / COLUMNS as f32;
    let mut pages = Vec::new();
    let mut marks = Vec::new();
    let mut head = Column {
        fonts,
        marks: &mut marks,
        x: margin,
        width,
        y: margin,
    };
    head.text(title, Face::Bold, TITLE, palette.accent, Part::Title);
    head.y += Pt(3.0);
    head.text(lead, Face::Regular, NAME, palette.muted, Part::Lead);
    let mut y = head.y + gap;
    for row in cells.chunks(COLUMNS) {
        let mut laid: Vec<(Vec<Mark>, Pt)> = Vec::new();
        for (i, cell) in row.iter().enumerate() {
            let x = margin + (column + gap) * i as f32;
            laid.push(lay_out_cell(
                cell,
                x,
                column,
                tallest.into(),
                palette,
                fonts,
            ));
        }
        let tallest = laid.iter().map(|(_, h)| *h).fold(Pt::ZERO, Pt::max);
        if let Some(height) = height
            && y + tallest > height - margin
            && !marks.is_empty()
            && y > margin * 2.0
        {
            pages.push(SheetPage {
                size: paper,
                marks: std::mem::take(&mut marks),
            });
            y = margin;
        }
        for (cell, _) in laid {
            marks.extend(cell.into_iter().map(|mut mark| {
                mark.shift(y);
                mark
            }));
        }
        y += tallest + gap;
    }
    let size = Size::new(paper.width, height.unwrap_or(y - gap + margin));
    pages.push(SheetPage { size, marks });
    pages
}

/// A cell's marks, from its top at y = 0, and its height.
fn lay_out_cell(
    cell: &Cell,
    x: Pt,
    width: Pt,
    max_h: Pt,
    palette: &crate::theme::Palette,
    fonts: &FontBook,
) -> (Vec<Mark>, Pt) {
    let mut marks = Vec::new();
    let mut column = Column {
        fonts,
        marks: &mut marks,
        x,
        width,
        y: Pt::ZERO,
    };
    column.text(&cell.title, Face::Bold, NAME, palette.text, Part::Name);
    column.y += Pt(4.0);
    if let Some(figure) = &cell.figure {
        let d = &figure.drawing.size;
        let scale = (width.0 / d.width.0).min(max_h.0 / d.height.0);
        column.marks.push(Mark::Figure {
            at: Point::new(x, column.y),
            scale,
            figure: figure.clone(),
            alt: cell.caption.clone(),
        });
        column.y += d.height * scale + Pt(4.0);
    }
    let face = if cell.described {
        Face::Oblique
    } else {
        Face::Regular
    };
    column.text(&cell.caption, face, CAPTION, palette.muted, Part::Caption);
    let height = column.y;
    (marks, height)
}

/// A column being filled from the top: marks go in at `x`, no wider than
/// `width`, from `y` down.
struct Column<'m> {
    fonts: &'m FontBook,
    marks: &'m mut Vec<Mark>,
    x: Pt,
    width: Pt,
    y: Pt,
}

impl Column<'_> {
    /// Breaks `text` into lines no wider than the column and places them,
    /// moving down past them.
    fn text(&mut self, text: &str, face: Face, size: Pt, color: Color, role: Part) {
        let span = Span {
            text: text.to_string(),
            style: Style::new(face, color),
        };
        let ascent = layout::text::ascent(self.fonts, face, size);
        for line in break_lines(self.fonts, &[span], size, self.width) {
            let n = line.fragments.len();
            for (i, fragment) in line.fragments.into_iter().enumerate() {
                self.marks.push(Mark::Text {
                    at: Point::new(self.x + fragment.x, self.y + ascent),
                    face: fragment.style.face,
                    size,
                    color: fragment.style.color,
                    text: fragment.text,
                    space_after: i + 1 == n && line.space_after,
                    role,
                });
            }
            self.y += size * 1.3;
        }
    }
}

impl Mark {
    /// Moves it down by `dy`.
    fn shift(&mut self, dy: Pt) {
        let (Mark::Text { at, .. } | Mark::Figure { at, .. }) = self;
        at.y += dy;
    }
}

/// The sheet as a tagged document for the PDF writer: a title (H1), then
/// each exercise's title (H2) and its figure (with its description as the
/// figure's caption) or a note.
fn pdf_document(input: &Input<'_>, pages: Vec<SheetPage>, fonts: FontBook) -> layout::Document {
    let mut structure = vec![Element {
        role: Role::Document,
        parent: None,
    }];
    let mut add = |role: Role, parent: usize| {
        structure.push(Element {
            role,
            parent: Some(parent),
        });
        structure.len() - 1
    };
    let mut out = Vec::new();
    // The element each kind of text goes to: the current exercise's.
    let (mut title, mut name, mut note) = (None, None, None);
    let mut figure: Option<usize> = None;
    for page in pages {
        let mut items = Vec::new();
        for mark in page.marks {
            match mark {
                Mark::Text {
                    at,
                    face,
                    size,
                    color,
                    text,
                    space_after,
                    role,
                } => {
                    let element = match role {
                        Part::Title | Part::Lead => {
                            *title.get_or_insert_with(|| add(Role::Heading(1), 0))
                        }
                        Part::Name => {
                            figure = None;
                            note = None;
                            *name.insert(add(Role::Heading(2), 0))
                        }
                        Part::Caption => match figure {
                            Some(f) => *note.get_or_insert_with(|| add(Role::Caption, f)),
                            None => *note.get_or_insert_with(|| add(Role::Paragraph, 0)),
                        },
                    };
                    let mut item = Positioned::text(at, face, size, color, &text);
                    if let Item::Text(run) = &mut item.item {
                        run.space_after = space_after;
                    }
                    item.tag = Some(Tag::Content(element));
                    items.push(item);
                }
                Mark::Figure {
                    at,
                    scale,
                    figure: drawn,
                    alt,
                } => {
                    let element = add(Role::Figure { alt }, 0);
                    figure = Some(element);
                    items.extend(figure_items(at, scale, drawn, element));
                }
            }
        }
        out.push(layout::Page {
            size: page.size,
            items,
        });
    }
    layout::Document {
        pages: out,
        outline: Vec::new(),
        meta: sheet_meta(input),
        structure,
        fonts,
        spoken: layout::SpokenWords::default(),
        // The sheet is placed cell by cell here, not typeset from
        // Markdown: there are no source words for the audit to count. Its
        // captions wrap inside their cells, and `lay_out` picks the figure
        // height that keeps the sheet on one page.
        problems: Vec::new(),
    }
}

/// A drawn figure at `at`, scaled, and its panels' labels, all tagged as
/// the figure `element`'s content.
fn figure_items(at: Point, scale: f32, drawn: LabelledDrawing, element: usize) -> Vec<Positioned> {
    let mut items = vec![Positioned {
        at,
        item: Item::Drawing {
            drawing: drawn.drawing,
            scale,
        },
        tag: Some(Tag::Content(element)),
    }];
    for label in drawn.labels {
        let at = Point::new(at.x + label.at.x * scale, at.y + label.at.y * scale);
        let mut item =
            Positioned::text(at, Face::Bold, label.size * scale, label.color, &label.text);
        item.tag = Some(Tag::Content(element));
        items.push(item);
    }
    items
}

/// The sheet's metadata: the publication's title and the sheet's name,
/// the clinic as its author.
fn sheet_meta(input: &Input<'_>) -> layout::DocMeta {
    let project = input.project;
    layout::DocMeta {
        title: format!(
            "{}: {}",
            input.view.head.title,
            input.words.text("figures-sheet-name")
        ),
        author: (project.settings.clinic.as_ref())
            .and_then(|c| c.name.clone())
            .unwrap_or_default(),
        subject: input.words.text("figures-sheet-lead"),
        language: project.settings.language.clone(),
        creation_date: project.publication_date(),
    }
}

/// The sheet's one page as a standalone SVG document.
fn to_svg(page: &SheetPage, title: &str) -> String {
    use std::fmt::Write as _;
    let (w, h) = (page.size.width.0, page.size.height.0);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 {w:.0} {h:.0}\" \
         width=\"{w:.0}\" height=\"{h:.0}\">\n<title>{}</title>\n\
         <rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>",
        figure::svg::escape(title)
    );
    for mark in &page.marks {
        match mark {
            Mark::Text {
                at,
                face,
                size,
                color,
                text,
                ..
            } => {
                let (weight, style) = match face {
                    Face::Bold => ("bold", "normal"),
                    Face::Oblique => ("normal", "italic"),
                    _ => ("normal", "normal"),
                };
                let _ = writeln!(
                    out,
                    "<text x=\"{:.2}\" y=\"{:.2}\" font-family=\"DejaVu Sans, Verdana, Arial, sans-serif\" \
                     font-size=\"{:.2}\" font-weight=\"{weight}\" font-style=\"{style}\" fill=\"{}\">{}</text>",
                    at.x.0,
                    at.y.0,
                    size.0,
                    color.hex(),
                    figure::svg::escape(text)
                );
            }
            Mark::Figure {
                at, scale, figure, ..
            } => {
                let _ = writeln!(
                    out,
                    "<g transform=\"translate({:.2} {:.2}) scale({:.5})\">",
                    at.x.0, at.y.0, scale
                );
                out.push_str(&figure::svg::fragment(figure));
                out.push_str("</g>\n");
            }
        }
    }
    out.push_str("</svg>\n");
    out
}

#[cfg(test)]
mod tests;
