//! The wall checklist PDF: a landscape sheet per phase and week, every
//! exercise on its phase's sheet, real dates, tick boxes for each session,
//! and phases too long for one page. The PDF is read with the tests' reader
//! (support/pdf.rs); box counts and sizes come from the laid-out document,
//! through the library.

use std::path::Path;

use crate::support::pdf::Document;
use handout::geom::{Color, Mm, Point, Pt, Segment, Shape};
use handout::layout::{self, Item};
use handout::view::checklist::ChecklistView;

use crate::support::Project;

/// Builds a project's PDFs and opens the checklist.
fn checklist(project: &Project, args: &[&str]) -> Document {
    let mut all = vec!["build", "--only", "pdf"];
    all.extend_from_slice(args);
    let run = project.run(&all);
    assert_eq!(run.code, 0, "{}", run.stderr);
    Document::load(project.path().join("output/checklist.pdf"))
        .expect("a PDF the test reader can read")
}

/// The text of one page (1-based), without any whitespace: lines break
/// inside table cells, so titles are compared without their spaces.
fn page_text(doc: &Document, page: u32) -> String {
    let raw = doc.extract_text(&[page]).expect("text");
    raw.chars().filter(|c| !c.is_whitespace()).collect()
}

fn squash(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Width and height of a page (1-based).
fn page_size(doc: &Document, page: u32) -> (f32, f32) {
    let id = doc.get_pages()[&page];
    let media = doc.get_dictionary(id).unwrap().get(b"MediaBox").unwrap();
    let media = media.as_array().unwrap();
    (media[2].as_float().unwrap(), media[3].as_float().unwrap())
}

/// `(title, phase)` of every exercise file of a project.
fn exercises(project: &Project) -> Vec<(String, String)> {
    let dir = project.path().join("content/exercises");
    let mut out: Vec<(String, String)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        // A translation (`calf-stretch.es.yaml`) is the same exercise.
        .filter(|path| {
            path.file_stem()
                .is_some_and(|stem| !stem.to_string_lossy().contains('.'))
        })
        .map(|path| {
            let yaml = std::fs::read_to_string(path).unwrap();
            let field = |name: &str| {
                yaml.lines()
                    .find_map(|l| l.strip_prefix(name))
                    .unwrap()
                    .to_string()
            };
            (field("title: "), field("phase: "))
        })
        .collect();
    out.sort();
    out
}

/// A project's content and templates, loaded through the library.
fn prepared(project: &Project) -> handout::Prepared {
    handout::Prepared::load(
        &project.path().join("content"),
        &project.path().join("templates"),
        false,
    )
    .unwrap_or_else(|e| panic!("{e}"))
}

/// The checklist of a project, one week, laid out, through the library.
fn laid_out(project: &Project) -> layout::Document {
    let prepared = prepared(project);
    let input = prepared.input(
        0,
        handout::outputs::PrintOptions {
            large_print: false,
            weeks: 1,
            start: None,
        },
    );
    handout::checklist::Checklist
        .typeset(&input)
        .expect("the checklist typesets")
}

/// A tick box: where it is, its side, and whether it is dashed.
struct TickBox {
    at: Point,
    side: (Pt, Pt),
    dashed: bool,
}

/// The tick boxes of a page: white squares with an outline.
fn tick_boxes(page: &layout::Page) -> Vec<TickBox> {
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
                    side: (c.x - a.x, c.y - a.y),
                    dashed: stroke.dash.is_some(),
                }),
                _ => None,
            },
            _ => None,
        })
        .collect()
}

/// The heights of the rules drawn across a page's tables, from the top.
fn rules_across(page: &layout::Page) -> Vec<Pt> {
    let mut ys: Vec<Pt> = (page.items.iter())
        .filter_map(|p| match &p.item {
            Item::Shape(Shape { segments, .. }) => match &segments[..] {
                [Segment::MoveTo(a), Segment::LineTo(b)]
                    if a.y == b.y && (b.x - a.x) > Pt(300.0) =>
                {
                    Some(p.at.y + a.y)
                }
                _ => None,
            },
            _ => None,
        })
        .collect();
    ys.sort_by(|a, b| a.0.total_cmp(&b.0));
    ys
}

/// Text runs of a page with their baseline.
fn runs(page: &layout::Page) -> Vec<(Point, &layout::TextRun)> {
    page.items
        .iter()
        .filter_map(|p| match &p.item {
            Item::Text(t) => Some((p.at, t)),
            _ => None,
        })
        .collect()
}

#[test]
fn one_landscape_sheet_per_phase_with_its_exercises() {
    let project = Project::default_content();
    let doc = checklist(&project, &[]);
    assert_eq!(doc.get_pages().len(), 2);
    for page in [1, 2] {
        let (width, height) = page_size(&doc, page);
        assert!(
            (width - 792.0).abs() < 1.0 && (height - 612.0).abs() < 1.0,
            "letter, turned: {width} x {height}"
        );
    }
    let phase_page = |phase: &str| match phase {
        "gentle-stretching" => 1,
        "strengthening" => 2,
        other => panic!("unknown phase {other}"),
    };
    let all = exercises(&project);
    assert_eq!(all.len(), 5);
    for (title, phase) in &all {
        let page = phase_page(phase);
        assert!(
            page_text(&doc, page).contains(&squash(title)),
            "{title} not on page {page}"
        );
        assert!(
            !page_text(&doc, 3 - page).contains(&squash(title)),
            "{title} also on page {}",
            3 - page
        );
    }
    let first = page_text(&doc, 1);
    for text in ["Gentle stretching", "Week of", "Day 1", "Day 7", "Notes"] {
        assert!(first.contains(&squash(text)), "{text} missing: {first}");
    }
    assert!(first.contains(&squash("Hold 30 s · 3 times each leg")));
    assert!(!first.contains("Weekof28"), "no dates without a start");
    assert!(page_text(&doc, 2).contains("Strengthening"));
}

#[test]
fn weeks_print_a_sheet_each() {
    let doc = checklist(&Project::default_content(), &["--weeks", "3"]);
    assert_eq!(doc.get_pages().len(), 6);
    for (page, phase, week) in [
        (1, "Gentle stretching", "Week 1 of 3"),
        (2, "Gentle stretching", "Week 2 of 3"),
        (3, "Gentle stretching", "Week 3 of 3"),
        (4, "Strengthening", "Week 1 of 3"),
        (6, "Strengthening", "Week 3 of 3"),
    ] {
        let text = page_text(&doc, page);
        assert!(text.contains(&squash(phase)), "page {page}: {text}");
        assert!(text.contains(&squash(week)), "page {page}: {text}");
    }
}

#[test]
fn a_start_date_prints_dates_across_a_month_boundary() {
    let doc = checklist(
        &Project::default_content(),
        &["--weeks", "2", "--start", "2026-03-28"],
    );
    let first = page_text(&doc, 1);
    assert!(first.contains("Weekof28March2026"), "{first}");
    // Saturday 28 March to Friday 3 April, in order.
    let days = [
        "Sat28Mar", "Sun29Mar", "Mon30Mar", "Tue31Mar", "Wed1Apr", "Thu2Apr", "Fri3Apr",
    ];
    let mut from = 0;
    for day in days {
        let at = first[from..]
            .find(day)
            .unwrap_or_else(|| panic!("{day} missing or out of order: {first}"));
        from += at + day.len();
    }
    let second = page_text(&doc, 2);
    assert!(second.contains("Weekof4April2026"), "{second}");
    assert!(second.contains("Sat4Apr") && second.contains("Fri10Apr"));
    assert!(!first.contains("Day1"), "dates replace the day numbers");
}

#[test]
fn the_start_date_comes_from_handout_yaml_and_the_command_line_wins() {
    let project = Project::valid();
    let yaml = project.read("content/handout.yaml");
    project.write(
        "content/handout.yaml",
        format!("{yaml}start_date: 2026-01-05\n"),
    );
    let doc = checklist(&project, &[]);
    assert!(page_text(&doc, 1).contains("Weekof5January2026"));
    assert!(page_text(&doc, 1).contains("Mon5Jan"));
    let doc = checklist(&project, &["--start", "2026-03-28"]);
    assert!(page_text(&doc, 1).contains("Weekof28March2026"));
}

#[test]
fn each_row_has_a_box_per_session_and_the_extra_ones_are_dashed() {
    let project = Project::default_content();
    let prepared = prepared(&project);
    let data = ChecklistView::new(
        &prepared.editions[0].view,
        Default::default(),
        &prepared.editions[0].words,
    );
    let doc = laid_out(&project);
    assert_eq!(doc.pages.len(), data.phases.len());
    // Gentle stretches: 5-6 times a day, so five boxes and a sixth, dashed.
    let stretch = &data.phases[0].rows[0];
    assert_eq!((stretch.dose.sessions, stretch.dose.required), (6, 5));
    for (page, phase) in doc.pages.iter().zip(&data.phases) {
        let boxes = tick_boxes(page);
        let runs = runs(page);
        // A row's boxes lie between the rules above and below its name
        // (the names are 20 pt and more, the dose lines 14 pt).
        let rules = rules_across(page);
        for row in phase.rows {
            // Titles may break after a hyphen: `Knee-to-` / `chest`.
            let first_word = row.title.split(['-', ' ']).next().unwrap();
            let y = runs
                .iter()
                .find(|(_, t)| t.text.starts_with(first_word) && t.size >= Pt(20.0))
                .map(|(at, _)| at.y)
                .unwrap_or_else(|| panic!("{} not set", row.title));
            let top = rules.iter().rev().find(|r| **r < y).copied().unwrap();
            let bottom = rules.iter().find(|r| **r > y).copied().unwrap();
            let mine: Vec<&TickBox> = boxes
                .iter()
                .filter(|b| b.at.y > top && b.at.y < bottom)
                .collect();
            assert_eq!(mine.len() as u32, row.dose.sessions * 7, "{}", row.title);
            let dashed = mine.iter().filter(|b| b.dashed).count() as u32;
            assert_eq!(
                dashed,
                (row.dose.sessions - row.dose.required) * 7,
                "{}",
                row.title
            );
        }
        for b in &boxes {
            assert_eq!(b.side.0, b.side.1, "square");
            assert!(b.side.0 >= Pt::from(Mm(7.0)));
        }
    }
}

/// A project whose one phase has fifteen exercises.
fn fifteen_exercises() -> Project {
    let project = Project::valid();
    project.write(
        "content/phases/many.md",
        "---\ntitle: Many stretches\norder: 3\nstarts: Week 2\ntimes_per_day: 5-6\n---\nLots.\n",
    );
    for n in 1..=15 {
        project.write(
            &format!("content/exercises/many-{n:02}.yaml"),
            format!(
                "title: Stretch number {n}\nphase: many\norder: {n}\nkind: stretch\n\
                 summary: Stretches.\nposition: Lying down\n\
                 dose:\n  hold: 30 s\n  repeat: 3\n  each: leg\n\
                 steps:\n  - Lie down.\n  - Stretch.\n"
            ),
        );
    }
    project
}

#[test]
fn a_long_phase_keeps_its_sizes_and_continues_under_its_header() {
    let project = fifteen_exercises();
    let doc = laid_out(&project);
    // The two phases of the fixture take a page each; the long one more.
    assert!(doc.pages.len() >= 4, "{} pages", doc.pages.len());
    let long: Vec<&layout::Page> = doc.pages[2..].iter().collect();
    let mut seen = Vec::new();
    for (n, page) in long.iter().enumerate() {
        let runs = runs(page);
        // On the pages after the first, the heading says the sheet goes on.
        let title = match n {
            0 => "Many stretches",
            _ => "Many stretches (continued)",
        };
        let heading = runs.iter().find(|(_, t)| t.text == title);
        // `Day&nbsp;1`: the day heads never break.
        let day = runs.iter().find(|(_, t)| t.text == "Day\u{a0}1");
        let (Some(heading), Some(day)) = (heading, day) else {
            panic!("sheet page {n} lacks its header");
        };
        assert!(heading.0.y < day.0.y);
        for (at, t) in &runs {
            if t.text.starts_with("Stretch number") {
                assert!(t.size >= Pt(20.0), "{t:?}");
                assert!(at.y > day.0.y, "rows under the day heads");
                seen.push(t.text.clone());
            }
        }
        for b in tick_boxes(page) {
            assert!(b.side.0 >= Pt::from(Mm(7.0)) && b.side.0 == b.side.1);
        }
    }
    assert_eq!(seen.len(), 15, "{seen:?}");
    // And in the PDF: the continuation page repeats the title and day heads.
    let pdf = checklist(&project, &[]);
    let pages = pdf.get_pages().len() as u32;
    assert_eq!(pages as usize, doc.pages.len());
    let continued = page_text(&pdf, 4);
    assert!(continued.contains("Manystretches") && continued.contains("Day1"));
    assert!(page_text(&pdf, pages).contains("Notes"));
}

#[test]
fn the_checklist_is_the_same_twice() {
    let args = [
        "build",
        "--only",
        "pdf",
        "--weeks",
        "2",
        "--start",
        "2026-03-28",
    ];
    let (a, b) = (Project::default_content(), Project::default_content());
    assert_eq!(a.run(&args).code, 0);
    assert_eq!(b.run(&args).code, 0);
    let read = |p: &Project| std::fs::read(p.path().join("output/checklist.pdf")).unwrap();
    assert!(read(&a) == read(&b), "checklist.pdf differs between builds");
}

#[test]
fn a_clinic_can_reword_the_checklist_template() {
    let project = Project::valid();
    let default = crate::support::built_in_template("pdf/checklist.md");
    project.write(
        "templates/pdf/checklist.md",
        default.replace(
            r#"{{ t(id="checklist-tick-each-exercise") }}"#,
            "Mark a box every time you do it.",
        ),
    );
    let doc = checklist(&project, &[]);
    assert!(page_text(&doc, 1).contains("Markaboxeverytime"));
    // The phone is printed on the sheet, from the clinic's details.
    assert!(page_text(&doc, 1).contains(&squash("Call Fixture Clinic at 555-0100")));
    assert!(Path::new(&project.path().join("output/handout.pdf")).is_file());
}

#[test]
fn check_finds_errors_in_the_checklist_template() {
    let project = Project::valid();
    project.write(
        "templates/pdf/checklist.md",
        "{% for phase in phases %}{{ phase.nope }}{% endfor %}\n",
    );
    let run = project.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(
        run.stderr
            .contains("templates/pdf/checklist.md:1:35: error: template error"),
        "{}",
        run.stderr
    );
}

#[test]
fn pipes_and_brackets_in_the_content_do_not_break_the_grid() {
    let project = Project::valid();
    let lift = project.read("content/exercises/lift.yaml");
    project.write(
        "content/exercises/lift.yaml",
        lift.replace("title: Lift", "title: Lift | raise"),
    );
    let reach = project.read("content/exercises/reach.yaml");
    project.write(
        "content/exercises/reach.yaml",
        reach.replace(
            "alt: A person reaching up.",
            "alt: A person [reaching] up | high.",
        ),
    );
    let doc = checklist(&project, &[]);
    assert!(page_text(&doc, 2).contains("Lift|raise"));
    let first = page_text(&doc, 1);
    assert!(!first.contains("reaching"), "the alt text is not printed");
    assert!(
        first.contains("Reachup") && first.contains("Day7"),
        "{first}"
    );
}

#[test]
fn more_than_a_year_of_weeks_is_refused() {
    let project = Project::valid();
    for weeks in ["53", "104", "0", "lots"] {
        let run = project.run(&["build", "--weeks", weeks]);
        assert_eq!(run.code, 2, "{weeks}: {}", run.stderr);
        assert!(run.stderr.contains("1 to 52"), "{}", run.stderr);
    }
    assert!(!project.path().join("output").exists());
    assert_eq!(
        project
            .run(&["build", "--only", "pdf", "--weeks", "52"])
            .code,
        0
    );
}
