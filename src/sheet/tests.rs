//! The contact sheet's layout: every exercise once, in order, its figure
//! no wider than its column, nothing below the page's margin.

use super::*;
use crate::outputs::PrintOptions;

/// The default content, prepared as a build prepares it.
fn prepared() -> crate::commands::Prepared {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    crate::commands::Prepared::load(&root.join("content"), &root.join("templates"), false)
        .unwrap_or_else(|e| panic!("{e}"))
}

fn print() -> PrintOptions {
    PrintOptions {
        large_print: false,
        weeks: 1,
        start: None,
    }
}

/// The cells laid out on the content's paper, `height` high (or one page
/// for the SVG), the figures their largest.
fn paged(input: &Input<'_>, cells: &[Cell], height: Option<Pt>) -> Vec<SheetPage> {
    let settings = &input.project.settings;
    let paper = print::paper_size(settings.paper);
    lay_out(
        "Title",
        "Lead",
        cells,
        paper,
        height,
        FIGURE_HEIGHTS[0],
        settings,
    )
}

#[test]
fn every_exercise_is_on_one_page_in_the_order_of_the_phases() {
    let prepared = prepared();
    let input = prepared.input(0, print());
    let cells = cells(&input);
    let titles: Vec<_> = cells.iter().map(|c| c.title.as_str()).collect();
    let expected: Vec<_> = input.view.exercises().map(|e| e.title.as_str()).collect();
    assert_eq!(titles, expected);
    assert!(cells.iter().all(|c| c.figure.is_some() && c.described));
    let paper = print::paper_size(input.project.settings.paper);
    let pages = paged(&input, &cells, Some(paper.height));
    assert_eq!(pages.len(), 1, "five exercises fit one page");
    let margin: Pt = Mm(14.0).into();
    let mut figures = 0;
    for mark in &pages[0].marks {
        match mark {
            Mark::Text { at, .. } => assert!(at.y < paper.height - margin),
            Mark::Figure {
                at, scale, figure, ..
            } => {
                figures += 1;
                let size = figure.drawing.size;
                assert!(at.x + size.width * *scale <= paper.width - margin + Pt(0.01));
                assert!(at.y + size.height * *scale <= paper.height - margin);
                // Both panels, labelled.
                assert_eq!(figure.labels.len(), 2);
            }
        }
    }
    assert_eq!(figures, 5);
}

#[test]
fn a_long_library_takes_more_pages_and_the_svg_one() {
    let prepared = prepared();
    let input = prepared.input(0, print());
    let mut cells = cells(&input);
    let more: Vec<Cell> = (0..30)
        .map(|i| Cell {
            title: format!("Exercise {i}"),
            ..cells[i % 5].clone()
        })
        .collect();
    cells.extend(more);
    let paper = print::paper_size(input.project.settings.paper);
    let pages = paged(&input, &cells, Some(paper.height));
    assert!(pages.len() > 3, "{} pages", pages.len());
    let count = |pages: &[SheetPage]| {
        (pages.iter().flat_map(|p| &p.marks))
            .filter(|m| matches!(m, Mark::Figure { .. }))
            .count()
    };
    assert_eq!(count(&pages), 35);
    let svg = paged(&input, &cells, None);
    assert_eq!(svg.len(), 1);
    assert_eq!(count(&svg), 35);
    assert!(svg[0].size.height > paper.height * 3.0);
}

#[test]
fn the_svg_is_one_page_with_every_figure_and_its_words() {
    let prepared = prepared();
    let input = prepared.input(1, print());
    let rendered = Sheet.render(&input).unwrap_or_else(|e| panic!("{e}"));
    let names: Vec<_> = rendered.files.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(names, ["figures.es.pdf", "figures.es.svg"]);
    assert_eq!(rendered.pages, 1);
    let svg = String::from_utf8(rendered.files[1].bytes.to_vec()).unwrap();
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert_eq!(svg.matches("<g transform=").count(), 5);
    // The panels' labels and the descriptions, in Spanish.
    assert_eq!(svg.matches(">Inicio</text>").count(), 5);
    assert!(svg.contains("omóplatos") && svg.contains("Estiramiento de la pantorrilla"));
    assert!(!svg.contains("<script") && !svg.contains("href"));
}

/// README shows the default content's contact sheet from
/// content/docs/figures.svg; this test keeps it current. After changing a
/// drawing (or an exercise's title or figure description), refresh it
/// with the guide's posture pictures:
/// `HANDOUT_UPDATE_POSTURES=1 cargo test --lib sheet`.
#[test]
fn the_contact_sheet_in_the_docs_is_current() {
    let prepared = prepared();
    let rendered = Sheet
        .render(&prepared.input(0, print()))
        .unwrap_or_else(|e| panic!("{e}"));
    let svg = &rendered.files[1];
    assert_eq!(svg.path, SHEET_SVG);
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content/docs/figures.svg");
    if std::env::var_os("HANDOUT_UPDATE_POSTURES").is_some() {
        std::fs::write(&path, &svg.bytes).unwrap();
    }
    let committed = std::fs::read(&path).unwrap_or_default();
    assert!(
        committed == svg.bytes,
        "{} is out of date: run HANDOUT_UPDATE_POSTURES=1 cargo test --lib sheet",
        path.display()
    );
}
