//! Tests of the table conventions that make forms: tick-box cells, figures
//! in cells, write-in cells, landscape pages, and grids that shrink and
//! then continue under a repeated header.

use super::tests::sample_drawing;
use super::*;
use crate::geom::{Color, Mm, Point, Pt, Segment, Shape, Size};

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
        .map(|(at, t)| at.x + text::measure(&wide.fonts, t.face, t.size, &t.text))
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
        // The heading and the day heads on every page, above the rows;
        // after the first, the heading says that the sheet goes on.
        let title = match n {
            0 => "Gentle stretching",
            _ => "Gentle stretching (continued)",
        };
        let heading = runs
            .iter()
            .find(|(_, t)| t.text == title)
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
    for text in [
        "Notes",
        "Exercise 15",
        "Day 1",
        "Gentle stretching (continued)",
    ] {
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

/// A table of two columns whose second cell holds `words` words
/// `w0x w1x …`, then a short row.
fn long_cell(words: usize) -> String {
    let cell: Vec<String> = (0..words).map(|i| format!("w{i}x")).collect();
    format!(
        "Before the table.\n\n| Topic | Details |\n|---|---|\n| Long | {} |\n| Short | after |\n\nAfter the table.\n",
        cell.join(" ")
    )
}

#[test]
fn a_row_taller_than_a_page_splits_under_the_repeated_header() {
    let mut opts = options();
    opts.landscape = false;
    let doc = typeset(&long_cell(6_000), &opts);
    assert_eq!(doc.problems, []);
    assert!(doc.pages.len() > 10, "{} pages", doc.pages.len());
    let (top, height) = super::flow::body_box(&opts);
    let mut seen = Vec::new();
    let mut cells = std::collections::BTreeSet::new();
    for (n, page) in doc.pages.iter().enumerate() {
        let runs = texts(page);
        let cell_runs: Vec<&(Point, &TextRun)> = runs
            .iter()
            .filter(|(_, t)| t.text.starts_with('w'))
            .collect();
        if cell_runs.is_empty() {
            continue;
        }
        // Each page the row continues on opens with the header row,
        // repeated as furniture, above the cell's lines.
        if n > 0 {
            let head = page
                .items
                .iter()
                .find(|p| matches!(&p.item, Item::Text(t) if t.text == "Topic"));
            assert_eq!(head.and_then(|p| p.tag), Some(Tag::Artifact), "page {n}");
            assert!(head.unwrap().at.y < cell_runs[0].0.y);
        }
        for (at, run) in &cell_runs {
            assert!(at.y > top && at.y < top + height, "page {n}: {at:?}");
            seen.extend(run.text.split_whitespace().map(str::to_string));
        }
        for p in page.items.iter() {
            if matches!(&p.item, Item::Text(t) if t.text.starts_with('w'))
                && let Some(Tag::Content(e)) = p.tag
            {
                cells.insert(e);
            }
        }
    }
    // Every word, once, in order, in one cell of one row.
    let expected: Vec<String> = (0..6_000).map(|i| format!("w{i}x")).collect();
    assert_eq!(seen, expected);
    assert_eq!(cells.len(), 1, "the cell's lines belong to one cell");
    let cell = *cells.first().unwrap();
    assert_eq!(doc.structure[cell].role, Role::DataCell);
    let row = doc.structure[cell].parent.unwrap();
    assert_eq!(doc.structure[row].role, Role::TableRow);
    let rows = doc
        .structure
        .iter()
        .filter(|e| e.role == Role::TableRow)
        .count();
    assert_eq!(rows, 3, "the header, the long row and the short one");
    // The row's last lines and the next row follow on one page.
    let last = doc
        .pages
        .iter()
        .position(|p| texts(p).iter().any(|(_, t)| t.text.contains("w5999x")))
        .unwrap();
    let on_last = texts(&doc.pages[last]);
    assert!(on_last.iter().any(|(_, t)| t.text == "after"));
    assert!(
        on_last
            .iter()
            .filter(|(_, t)| t.text.starts_with('w'))
            .count()
            >= 2,
        "the row's last line is not alone"
    );
}

#[test]
fn a_row_that_fits_a_page_moves_to_the_next_page_whole() {
    let mut opts = options();
    opts.landscape = false;
    // About half a page of cell, after most of a page of text.
    let filler = "Some text to fill the page. ".repeat(60);
    let md = format!("{filler}\n\n{}", long_cell(150));
    let doc = typeset(&md, &opts);
    assert_eq!(doc.problems, []);
    let pages: Vec<usize> = (doc.pages.iter().enumerate())
        .filter(|(_, p)| texts(p).iter().any(|(_, t)| t.text.starts_with("w")))
        .map(|(n, _)| n)
        .collect();
    assert_eq!(pages, [1], "the row split, or did not need to move");
}

#[test]
fn a_form_row_taller_than_a_page_is_a_problem() {
    let title = (0..3_000)
        .map(|i| format!("t{i}y"))
        .collect::<Vec<_>>()
        .join(" ");
    let md = format!(
        "| Exercise | Day 1 |\n|---|:-:|\n| **Calf {title}**<br>Hold 30 s | ☐☐ |\n| **Bridge** | ☐ |\n"
    );
    let doc = typeset(&md, &options());
    let [problem] = &doc.problems[..] else {
        panic!("{:?}", doc.problems)
    };
    assert!(
        matches!(problem.kind, ProblemKind::RowTooTall { row: RowKind::Form, height, room } if height > room),
        "{problem:?}"
    );
    assert_eq!(problem.words[..3], ["Calf", "t0y", "t1y"]);
}

#[test]
fn a_table_wider_than_the_page_is_a_problem_not_a_band() {
    let n = 300;
    let row = |p: &str| {
        (0..n)
            .map(|i| format!("{p}{i}a"))
            .collect::<Vec<_>>()
            .join(" | ")
    };
    let md = format!(
        "Before.\n\n| {} |\n|{}\n| {} |\n\nAfter.\n",
        row("h"),
        "---|".repeat(n),
        row("c")
    );
    let doc = typeset(&md, &options());
    let [problem] = &doc.problems[..] else {
        panic!("{:?}", doc.problems)
    };
    let ProblemKind::TableTooWide {
        columns,
        needs,
        width,
    } = problem.kind
    else {
        panic!("{problem:?}")
    };
    assert_eq!(columns, n);
    assert!(needs > width * 5.0, "{needs:?} {width:?}");
    assert_eq!(problem.words[..2], ["h0a", "h1a"]);
    // Nothing of it is set; the rest of the page is.
    let all: Vec<String> = doc
        .pages
        .iter()
        .flat_map(|p| texts(p).into_iter().map(|(_, t)| t.text.clone()))
        .collect();
    assert!(!all.iter().any(|t| t.contains("h0a") || t.contains("c0a")));
    assert!(all.iter().any(|t| t == "After."));
    // A table of many narrow columns that fit is set as before.
    let md = format!(
        "| {} |\n|{}\n| {} |\n",
        "a | b | c | d | e | f | g | h | i | j",
        "---|".repeat(10),
        "1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10"
    );
    assert_eq!(typeset(&md, &options()).problems, []);
    // So is a week's schedule in large print on a portrait page.
    let mut large = options();
    large.landscape = false;
    large.body_size = Pt(18.0);
    let md = "| Exercise | Monday | Tuesday | Wednesday | Thursday | Friday | Saturday | Sunday |\n\
              |---|---|---|---|---|---|---|---|\n\
              | Stretching | Morning | Evening | Morning | Evening | Morning | Evening | Rest |\n";
    assert_eq!(typeset(md, &large).problems, []);
}

#[test]
fn a_header_row_taller_than_a_page_is_one_problem() {
    let words = (0..3_000)
        .map(|i| format!("z{i}q"))
        .collect::<Vec<_>>()
        .join(" ");
    let md = format!("| Topic {words} | B |\n|---|---|\n| a | b |\n| c | d |\n");
    let doc = typeset(&md, &options());
    let [problem] = &doc.problems[..] else {
        panic!("{:?}", doc.problems)
    };
    assert!(
        matches!(
            problem.kind,
            ProblemKind::RowTooTall {
                row: RowKind::Header,
                ..
            }
        ),
        "{problem:?}"
    );
    assert_eq!(problem.words[..2], ["Topic", "z0q"]);
}
