//! Tests of the table conventions that make forms: tick-box cells, figures
//! in cells, write-in cells, landscape pages, and grids that shrink and
//! then continue under a repeated header.

use super::tests::sample_drawing;
use super::*;
use crate::geom::Segment;

fn options<'a>() -> TypesetOptions<'a> {
    let mut o = TypesetOptions::new(DocMeta::default());
    o.landscape = true;
    o.figures = &|id| (id == "lying").then(|| Picture::Drawing(sample_drawing()));
    o
}

/// A tick box on a page: top left, side, and whether it is dashed.
#[derive(Debug)]
struct TickBox {
    at: Point,
    width: Pt,
    height: Pt,
    dashed: bool,
}

/// The white-filled rectangles of a page: the tick boxes.
fn tick_boxes(page: &Page) -> Vec<TickBox> {
    page.items
        .iter()
        .filter_map(|p| match &p.item {
            Item::Shape(Shape {
                segments,
                fill: Some(Color::WHITE),
                stroke: Some(stroke),
            }) => match &segments[..] {
                [
                    Segment::MoveTo(a),
                    Segment::LineTo(_),
                    Segment::LineTo(c),
                    Segment::LineTo(_),
                    Segment::Close,
                ] => Some(TickBox {
                    at: p.at,
                    width: c.x - a.x,
                    height: c.y - a.y,
                    dashed: stroke.dash.is_some(),
                }),
                _ => None,
            },
            _ => None,
        })
        .collect()
}

fn texts(page: &Page) -> Vec<(Point, &TextRun)> {
    page.items
        .iter()
        .filter_map(|p| match &p.item {
            Item::Text(t) => Some((p.at, t)),
            _ => None,
        })
        .collect()
}

/// A checklist-like sheet: a `{.repeat}` heading, then `rows` rows of an
/// exercise (with a figure) and seven days of five boxes and an optional
/// sixth.
fn sheet(rows: usize) -> String {
    let mut md = String::from("# Gentle stretching { .repeat }\n\nWeek of ______\n\n| Exercise |");
    for d in 1..=7 {
        md.push_str(&format!(" Day {d} |"));
    }
    md.push_str("\n|---|");
    md.push_str(&":-:|".repeat(7));
    md.push('\n');
    for r in 1..=rows {
        md.push_str(&format!(
            "| ![Lying down](figure:lying) **Exercise {r}**<br>Hold 30 s · 3 times |"
        ));
        md.push_str(&" ☐☐☐☐☐⬚ |".repeat(7));
        md.push('\n');
    }
    md.push_str("\n| Notes |\n|---|\n| |\n| |\n");
    md
}

#[test]
fn landscape_turns_the_paper() {
    let doc = typeset("Hello", &options());
    assert_eq!(doc.pages[0].size, Size::new(LETTER.height, LETTER.width));
    let mut a4 = options();
    a4.paper = A4;
    let doc = typeset("Hello", &a4);
    assert_eq!(doc.pages[0].size, Size::new(A4.height, A4.width));
    // The text area follows: a paragraph runs wider than a portrait page.
    let long = "word ".repeat(150);
    let wide = typeset(&long, &options());
    let right = texts(&wide.pages[0])
        .iter()
        .map(|(at, t)| at.x + text::measure(t.face, t.size, &t.text))
        .fold(Pt::ZERO, Pt::max);
    assert!(right > LETTER.width, "{right:?}");
    let mut portrait = options();
    portrait.landscape = false;
    assert_eq!(typeset("Hello", &portrait).pages[0].size, LETTER);
}

/// The boxes of the first row's first day: `per_line` boxes across and
/// `lines` down from the top left box. (Within a row the PDF draws the
/// solid boxes before the dashed ones, so the order of the items says
/// nothing of the cells.)
fn first_cell(boxes: &[TickBox], per_line: usize, lines: usize) -> Vec<&TickBox> {
    let smallest = |values: Vec<f32>, n: usize| {
        let mut values = values;
        values.sort_by(f32::total_cmp);
        values.dedup();
        values.truncate(n);
        values
    };
    let xs = smallest(boxes.iter().map(|b| b.at.x.0).collect(), per_line);
    let ys = smallest(boxes.iter().map(|b| b.at.y.0).collect(), lines);
    let mut cell: Vec<&TickBox> = boxes
        .iter()
        .filter(|b| xs.contains(&b.at.x.0) && ys.contains(&b.at.y.0))
        .collect();
    cell.sort_by(|a, b| {
        (a.at.y.0, a.at.x.0)
            .partial_cmp(&(b.at.y.0, b.at.x.0))
            .unwrap()
    });
    cell
}

#[test]
fn box_cells_draw_square_boxes_of_at_least_5_mm() {
    let doc = typeset(&sheet(3), &options());
    assert_eq!(doc.pages.len(), 1);
    let boxes = tick_boxes(&doc.pages[0]);
    assert_eq!(boxes.len(), 3 * 7 * 6);
    let min = Pt::from(Mm(5.0));
    for b in &boxes {
        assert_eq!(b.width, b.height, "square");
        assert!(b.width >= min, "{b:?}");
    }
    // One optional box a day per row, dashed; the others solid.
    assert_eq!(boxes.iter().filter(|b| b.dashed).count(), 3 * 7);
    // Six boxes in a day's cell wrap into two lines of three.
    let first_cell = first_cell(&boxes, 3, 2);
    assert_eq!(first_cell.len(), 6);
    assert_eq!(first_cell[0].at.y, first_cell[2].at.y);
    assert!(first_cell[3].at.y > first_cell[2].at.y);
    assert_eq!(first_cell[3].at.y, first_cell[5].at.y);
    assert!(first_cell[5].dashed);
    // The figure in the first cell is drawn, and its alt text is not set
    // as text.
    let drawings = doc.pages[0]
        .items
        .iter()
        .filter(|p| matches!(p.item, Item::Drawing { .. }))
        .count();
    assert_eq!(drawings, 3);
    assert!(
        texts(&doc.pages[0])
            .iter()
            .all(|(_, t)| !t.text.contains("Lying"))
    );
}

#[test]
fn empty_cells_are_lines_to_write_on_across_the_page() {
    let opts = options();
    let doc = typeset("| Notes |\n|---|\n| |\n| |\n", &opts);
    let rules: Vec<(Point, Pt)> = doc.pages[0]
        .items
        .iter()
        .filter_map(|p| match &p.item {
            Item::Shape(Shape { segments, .. }) => match &segments[..] {
                [Segment::MoveTo(a), Segment::LineTo(b)] if a.y == b.y => Some((p.at, b.x - a.x)),
                _ => None,
            },
            _ => None,
        })
        .collect();
    let text_width = opts.page_size().width - opts.margins.left - opts.margins.right;
    // Above and below the header, and under each empty row.
    assert_eq!(rules.len(), 4);
    for (_, width) in &rules {
        assert!((width.0 - text_width.0).abs() < 0.5, "{width:?}");
    }
    // Each writing line is at least a line of text below the one above.
    assert!(rules[3].0.y - rules[2].0.y >= opts.body_size * 1.4);
}

#[test]
fn a_long_grid_shrinks_then_continues_under_its_repeated_header() {
    let doc = typeset(&sheet(15), &options());
    assert!(doc.pages.len() >= 2, "{}", doc.pages.len());
    let min = Pt::from(Mm(5.0));
    let natural = Pt::from(Mm(6.0));
    let mut seen = Vec::new();
    for (n, page) in doc.pages.iter().enumerate() {
        let runs = texts(page);
        // The heading and the day heads on every page, above the rows.
        let heading = runs
            .iter()
            .find(|(_, t)| t.text == "Gentle stretching")
            .unwrap_or_else(|| panic!("page {n} lacks the heading"));
        let day = runs
            .iter()
            .find(|(_, t)| t.text == "Day 1")
            .unwrap_or_else(|| panic!("page {n} lacks the day heads"));
        assert!(heading.0.y < day.0.y);
        for (at, t) in &runs {
            if let Some(title) = t.text.strip_prefix("Exercise ") {
                assert!(t.size >= Pt(14.0), "{t:?}");
                assert!(at.y > day.0.y);
                seen.push(title.to_string());
            }
        }
        for b in tick_boxes(page) {
            assert!(b.width >= min && b.width == b.height, "{b:?}");
            // Shrunk to make room, but never below 5 mm.
            assert!(b.width < natural, "{b:?}");
        }
        // Rows are whole: every row on a page has all its 42 boxes.
        let titles = runs
            .iter()
            .filter(|(_, t)| t.text.starts_with("Exercise "))
            .count();
        assert_eq!(tick_boxes(page).len(), titles * 42, "page {n}");
    }
    let expected: Vec<String> = (1..=15).map(|r| r.to_string()).collect();
    assert_eq!(seen, expected);
    // What follows the grid (the notes) never starts a page alone: the
    // last row goes with it, under the repeated header.
    let last = texts(doc.pages.last().unwrap());
    for text in ["Notes", "Exercise 15", "Day 1", "Gentle stretching"] {
        assert!(last.iter().any(|(_, t)| t.text == text), "{text}");
    }
    // The heading is bookmarked once, not on every page.
    assert_eq!(doc.outline.len(), 1);
}

#[test]
fn a_grid_that_fits_keeps_its_natural_size() {
    let doc = typeset(&sheet(3), &options());
    let side = tick_boxes(&doc.pages[0])[0].width;
    assert!((side.0 - Pt::from(Mm(6.0)).0).abs() < 0.01, "{side:?}");
}

#[test]
fn a_tight_grid_wraps_its_boxes_before_breaking_words() {
    let mut opts = options();
    opts.body_size = Pt(18.0);
    let doc = typeset(&sheet(2), &opts);
    let page = &doc.pages[0];
    // Every title is set whole, word by word, never cut inside a word.
    let titles: Vec<&str> = texts(page)
        .iter()
        .map(|(_, t)| t.text.as_str())
        .filter(|t| t.starts_with("Exerc"))
        .collect();
    assert!(titles.contains(&"Exercise"), "{titles:?}");
    assert!(
        titles.iter().all(|t| t.starts_with("Exercise")),
        "{titles:?}"
    );
    // Six boxes a day, now two a line in three lines, still 5 mm or more.
    let boxes = tick_boxes(page);
    let first = first_cell(&boxes, 2, 3);
    assert_eq!(first.len(), 6);
    assert_eq!(first[0].at.y, first[1].at.y);
    assert!(first[2].at.y > first[1].at.y && first[4].at.y > first[3].at.y);
    assert!(boxes.iter().all(|b| b.width >= Pt::from(Mm(5.0))));
}
