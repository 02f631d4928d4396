//! Tests on laid-out pages: positions, page breaks and keep rules, without
//! reading PDF bytes (except the sample handout, written for inspection).

pub(crate) use super::fixtures::{SAMPLE, sample_drawing, tiny_png};
use super::*;
use crate::geom::Pt;

fn meta() -> DocMeta {
    DocMeta {
        title: "Exercises after spine surgery".into(),
        author: "Riverside Spine Clinic".into(),
        subject: "Home exercise programme".into(),
        language: "en-GB".into(),
        creation_date: 1_767_225_600,
    }
}

fn options<'a>() -> TypesetOptions<'a> {
    let mut o = TypesetOptions::new(meta());
    o.header_text = Some("Exercises after spine surgery".into());
    o.footer_left = Some("Clinic: 555 0100".into());
    o
}

pub(crate) fn sample_options<'a>() -> TypesetOptions<'a> {
    let mut o = options();
    o.figures = &|id| (id == "lying").then(|| Picture::Drawing(sample_drawing()));
    o
}

#[test]
fn sample_handout_writes_a_pdf() {
    let opts = sample_options();
    let doc = typeset(SAMPLE, &opts);
    let bytes = crate::pdf::write_pdf(doc.clone()).expect("the sample handout writes");
    assert!(bytes.starts_with(b"%PDF"));
    crate::test_output::keep("typeset-sample.pdf", &bytes);
    let mut large = sample_options();
    large.body_size = Pt(18.0);
    let big = typeset(SAMPLE, &large);
    crate::test_output::keep(
        "typeset-sample-large.pdf",
        &crate::pdf::write_pdf(big.clone()).unwrap(),
    );
    assert!(big.pages.len() > doc.pages.len());
}

/// Body text runs of a page (header and footer sit in the margins), top
/// to bottom.
fn runs(page: &Page) -> Vec<(Pt, &TextRun)> {
    let mut out = page
        .items
        .iter()
        .filter_map(|p| match &p.item {
            Item::Text(t) if p.at.y > Pt(40.0) && p.at.y < Pt(750.0) => Some((p.at.y, t)),
            _ => None,
        })
        .collect::<Vec<_>>();
    // Top to bottom, left to right (list markers are added after their line).
    out.sort_by(|a, b| a.0.0.total_cmp(&b.0.0));
    out
}

fn page_text(page: &Page) -> String {
    runs(page)
        .iter()
        .map(|(_, t)| t.text.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

fn filler(n: usize) -> String {
    (0..n)
        .map(|i| format!("Filler paragraph number {i}.\n\n"))
        .collect()
}

#[test]
fn body_text_starts_at_the_margins() {
    let opts = options();
    let doc = typeset("Hello there.", &opts);
    assert_eq!(doc.pages.len(), 1);
    let Positioned { at, .. } = doc.pages[0]
        .items
        .iter()
        .find(|p| matches!(&p.item, Item::Text(t) if t.text == "Hello there."))
        .expect("the paragraph is set");
    assert_eq!(at.x, opts.margins.left);
    assert!(
        at.y > opts.margins.top && at.y < opts.margins.top + Pt(20.0),
        "{at:?}"
    );
    // Header, rule and footer are there too.
    let all: Vec<&str> = doc.pages[0]
        .items
        .iter()
        .filter_map(|p| match &p.item {
            Item::Text(t) => Some(t.text.as_str()),
            _ => None,
        })
        .collect();
    assert!(all.contains(&"Page 1 of 1"), "{all:?}");
    assert!(all.contains(&"Clinic: 555 0100"));
}

#[test]
fn a_thematic_break_starts_a_new_page() {
    let doc = typeset("One.\n\n---\n\nTwo.", &options());
    assert_eq!(doc.pages.len(), 2);
    assert_eq!(page_text(&doc.pages[1]), "Two.");
}

#[test]
fn a_heading_never_ends_a_page() {
    for n in 20..46 {
        let plain = format!("{}## A heading\n\nText under it.\n", filler(n));
        // A heading right before a kept section must not stay behind.
        let kept = format!(
            "{}## A heading\n\n### Bridge\n\n> [!NOTE]\n> Ten times.\n\n1. Lie down.\n2. Lift.\n",
            filler(n)
        );
        for md in [plain, kept] {
            let doc = typeset(&md, &options());
            for page in &doc.pages {
                let last = runs(page).last().map(|(_, t)| t.text.clone());
                assert_ne!(last.as_deref(), Some("A heading"), "with {n} fillers");
            }
        }
    }
}

#[test]
fn no_widows_or_orphans() {
    let long = "Lorem ipsum dolor sit amet lorem ipsum dolor sit amet. ".repeat(8);
    let mut split_seen = false;
    for n in 20..40 {
        let md = format!("{}{long}\n", filler(n));
        let doc = typeset(&md, &options());
        let counts: Vec<usize> = doc
            .pages
            .iter()
            .map(|p| {
                runs(p)
                    .iter()
                    .filter(|(_, t)| t.text.contains("ipsum") || t.text.contains("dolor"))
                    .count()
            })
            .filter(|c| *c > 0)
            .collect();
        assert!(counts.iter().sum::<usize>() >= 3);
        if counts.len() > 1 {
            split_seen = true;
            assert!(
                counts.iter().all(|c| *c >= 2),
                "{counts:?} with {n} fillers"
            );
        }
    }
    assert!(split_seen, "the paragraph never had to break");
}

#[test]
fn a_level_three_section_is_kept_together() {
    let section = "### Bridge\n\n> [!NOTE]\n> 10 times.\n\n1. Lie down.\n2. Lift.\n3. Lower.\n";
    for n in 20..36 {
        let md = format!("{}{section}", filler(n));
        let doc = typeset(&md, &options());
        let pages: Vec<usize> = doc
            .pages
            .iter()
            .enumerate()
            .filter(|(_, p)| {
                runs(p)
                    .iter()
                    .any(|(_, t)| ["Bridge", "Lower."].contains(&t.text.as_str()))
            })
            .map(|(i, _)| i)
            .collect();
        assert_eq!(pages.len(), 1, "split over {pages:?} with {n} fillers");
    }
}

#[test]
fn contents_show_the_pages_of_the_headings() {
    let opts = sample_options();
    let doc = typeset(SAMPLE, &opts);
    let safety = doc
        .outline
        .iter()
        .flat_map(|e| &e.children)
        .find(|e| e.title == "Safety")
        .expect("Safety is bookmarked");
    // The contents follow the cover's lines on page 1 (no `---` between
    // them); the "Safety" entry is followed by its number.
    let toc = runs(&doc.pages[0]);
    let i = toc
        .iter()
        .position(|(_, t)| t.text == "Safety")
        .expect("Safety is listed");
    let number = toc[i + 1..]
        .iter()
        .find(|(y, _)| *y == toc[i].0)
        .map(|(_, t)| t.text.clone());
    assert_eq!(number, Some((safety.page + 1).to_string()));
    // Written once the pages were placed, it ends at the column's right edge.
    let right = opts.page_size().width - opts.margins.right;
    let ends = doc.pages[0].items.iter().filter_map(|p| match &p.item {
        Item::Text(t) if t.text == (safety.page + 1).to_string() => {
            Some(p.at.x + text::measure(&doc.fonts, t.face, t.size, &t.text))
        }
        _ => None,
    });
    assert!(
        ends.clone().any(|end| (end - right).0.abs() < 0.01),
        "{:?}",
        ends.collect::<Vec<_>>()
    );
    // The entry links to the heading.
    let target = LinkTarget::Internal {
        page: safety.page,
        y: safety.y,
    };
    assert!(
        doc.pages[0]
            .items
            .iter()
            .any(|p| matches!(&p.item, Item::Link { target: t, .. } if *t == target))
    );
}

#[test]
fn outline_nests_level_two_under_level_one() {
    let doc = typeset(SAMPLE, &sample_options());
    let titles: Vec<&str> = doc.outline.iter().map(|e| e.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Moving well after spine surgery",
            "Phase 1: the first two weeks"
        ]
    );
    let children: Vec<&str> = doc.outline[1]
        .children
        .iter()
        .map(|e| e.title.as_str())
        .collect();
    assert_eq!(
        children,
        ["Safety", "My checklist", "Words from our patients"]
    );
    // The cover has no header and no page number.
    assert!(
        doc.pages[0]
            .items
            .iter()
            .all(|p| !matches!(&p.item, Item::Text(t) if t.text.starts_with("Page ")))
    );
}

#[test]
fn anchor_links_go_to_the_heading_and_web_links_stay() {
    let doc = typeset(SAMPLE, &sample_options());
    let links: Vec<&LinkTarget> = doc
        .pages
        .iter()
        .flat_map(|p| &p.items)
        .filter_map(|p| match &p.item {
            Item::Link { target, .. } => Some(target),
            _ => None,
        })
        .collect();
    assert!(links.contains(&&LinkTarget::Uri("tel:5550100".into())));
    assert!(links.contains(&&LinkTarget::Uri("https://example.org/spine".into())));
    let safety = &doc.outline[1].children[0];
    assert!(links.contains(&&LinkTarget::Internal {
        page: safety.page,
        y: safety.y
    }));
}

#[test]
fn large_print_reflows_onto_more_pages() {
    let body = filler(45);
    let normal = typeset(&body, &options());
    let mut large = options();
    large.body_size = Pt(18.0);
    let big = typeset(&body, &large);
    assert!(big.pages.len() > normal.pages.len());
    assert!(runs(&big.pages[0]).iter().all(|(_, t)| t.size >= Pt(18.0)));
}

#[test]
fn a_figure_sits_beside_the_steps_it_illustrates() {
    let opts = sample_options();
    let doc = typeset(SAMPLE, &opts);
    let (page, fig) = doc
        .pages
        .iter()
        .enumerate()
        .find_map(|(i, p)| {
            p.items
                .iter()
                .find(|q| matches!(q.item, Item::Drawing { .. }))
                .map(|q| (i, q))
        })
        .expect("the figure is drawn");
    let step = runs(&doc.pages[page])
        .into_iter()
        .find(|(_, t)| t.text.starts_with("Lie on your back with"))
        .expect("step 1");
    let width = opts.paper.width - opts.margins.left - opts.margins.right;
    assert!(
        fig.at.x > opts.margins.left + width * 0.55,
        "figure in the right column: {:?}",
        fig.at
    );
    assert!((fig.at.y - step.0).0.abs() < 20.0, "level with step 1");
}

#[test]
fn unknown_figures_become_framed_alt_text() {
    let doc = typeset("![A person stretching](figure:missing)", &options());
    let text = page_text(&doc.pages[0]);
    assert_eq!(text, "A person stretching");
    assert!(
        doc.pages[0].items.iter().any(
            |p| matches!(&p.item, Item::Shape(s) if s.stroke.is_some_and(|s| s.dash.is_some()))
        )
    );
}

#[test]
fn png_figures_are_placed_at_their_aspect_ratio() {
    let png = tiny_png(300, 150, [11, 93, 107]);
    let figure = Picture::image(png).expect("a PNG");
    let resolve = move |id: &str| (id == "photo").then(|| figure.clone());
    let mut opts = options();
    opts.figures = &resolve;
    let doc = typeset("Above.\n\n![A photo](figure:photo)\n\nBelow.", &opts);
    let (at, size) = doc.pages[0]
        .items
        .iter()
        .find_map(|p| match &p.item {
            Item::Image { size, pixels, .. } if *pixels == (300, 150) => Some((p.at, *size)),
            _ => None,
        })
        .expect("the image is placed");
    assert!((size.width.0 / size.height.0 - 2.0).abs() < 0.01);
    assert!(at.x >= opts.margins.left);
    let bytes = crate::pdf::write_pdf(doc.clone()).expect("the PNG is embedded");
    assert!(bytes.windows(6).any(|w| w == b"/Image"));
    crate::test_output::keep("typeset-png.pdf", &bytes);
}

#[test]
fn content_links_go_through_the_resolver() {
    let mut opts = options();
    opts.links = &|dest| dest.strip_prefix("exercise:").map(|id| format!("#{id}"));
    let md = "See [the bridge](exercise:bridge) and [elsewhere](page:unknown).\n\n---\n\n## Bridge {#bridge}\n";
    let doc = typeset(md, &opts);
    let links: Vec<&LinkTarget> = doc.pages[0]
        .items
        .iter()
        .filter_map(|p| match &p.item {
            Item::Link { target, .. } => Some(target),
            _ => None,
        })
        .collect();
    // The link's words and the page reference printed after them.
    assert_eq!(links.len(), 2, "{links:?}");
    for link in links {
        assert!(matches!(link, LinkTarget::Internal { page: 1, .. }));
    }
    let reference = doc.pages[0].items.iter().any(|p| match &p.item {
        Item::Text(run) => run.text.trim() == "(page\u{a0}2)",
        _ => false,
    });
    assert!(reference, "no (page 2) after the link");
}

/// Property test seed 1592598566: a link followed by more of its word
/// (letters, a footnote mark) gets no page reference, which would split
/// the word in print.
#[test]
fn a_link_inside_a_word_gets_no_page_reference() {
    let mut opts = options();
    opts.links = &|dest| dest.strip_prefix("exercise:").map(|id| format!("#{id}"));
    let md = "Do the [reach](exercise:reach)es and [reach](exercise:reach)[^n] twice.\n\n---\n\n## Reach {#reach}\n";
    let doc = typeset(md, &opts);
    assert!(doc.problems.is_empty(), "{:?}", doc.problems);
    let text = page_text(&doc.pages[0]);
    assert!(!text.contains("(page"), "{text}");
    // Runs of other styles (the link's) are listed apart.
    let joined: String = text.split_whitespace().collect();
    assert!(joined.contains("reaches"), "{text}");
}

#[test]
fn a4_pages_have_the_a4_size() {
    let mut opts = options();
    opts.paper = A4;
    let doc = typeset("Text.", &opts);
    let mm = crate::geom::Mm::from(doc.pages[0].size.height).0;
    assert!((mm - 297.0).abs() < 0.1, "{mm}");
}

#[test]
fn a_small_page_snapshot() {
    let doc = typeset(
        "## Bend *gently* {#bend}\n\n1. Breathe in.\n2. [Call us](tel:5550100).\n",
        &options(),
    );
    let summary: Vec<String> = doc.pages[0]
        .items
        .iter()
        .map(|p| {
            let at = format!("({:.1}, {:.1})", p.at.x.0, p.at.y.0);
            match &p.item {
                Item::Text(t) => format!("text {at} {:?} {} {:?}", t.face, t.size.0, t.text),
                Item::Shape(s) => format!("shape {at} {} segments", s.segments.len()),
                Item::Drawing { scale, .. } => format!("drawing {at} x{scale:.2}"),
                Item::Image { size, .. } => {
                    format!("image {at} {:.1}x{:.1}", size.width.0, size.height.0)
                }
                Item::Link { size, target } => format!(
                    "link {at} {:.1}x{:.1} {target:?}",
                    size.width.0, size.height.0
                ),
            }
        })
        .collect();
    insta::assert_snapshot!(summary.join("\n"));
}

#[test]
fn stress_document_writes() {
    let md = "# Stress\n\n> A quote that goes on for a while, long enough to wrap onto a second line of text.\n\n\
              ```\ncode line one\n    indented line two\n```\n\n\
              - Outer\n  - Inner with a tip:\n\n    > [!TIP]\n    > Inside a list.\n\n\
              > [!IMPORTANT]\n> Something important.\n\n> [!WARNING]\n> A warning.\n\n\
              ![Missing](figure:nope)\n\n"
        .to_string()
        + "| Day | Exercise | Sets | Notes |\n|---|---|---|---|\n"
        + &"| Monday | Ankle pumps and knee bends | 3 | Slowly, with a long description that must wrap inside its cell |\n".repeat(30);
    let doc = typeset(&md, &options());
    assert!(doc.pages.len() >= 2);
    // The long table repeats its header row on the next page.
    assert_eq!(
        runs(&doc.pages[1]).first().map(|(_, t)| t.text.as_str()),
        Some("Day")
    );
    crate::test_output::keep(
        "typeset-stress.pdf",
        &crate::pdf::write_pdf(doc.clone()).unwrap(),
    );
}

#[test]
fn contents_numbers_survive_duplicate_ids_and_headings_in_boxes() {
    let md = "## Contents {.toc}\n\n---\n\n## First {#same}\n\n---\n\n> [!NOTE]\n> ## Boxed\n\n---\n\n\
              ## Second {#same}\n\n---\n\n## Third\n";
    let doc = typeset(md, &options());
    let toc = runs(&doc.pages[0]);
    for (title, page) in [("First", 2), ("Boxed", 3), ("Second", 4), ("Third", 5)] {
        let i = toc.iter().position(|(_, t)| t.text == title).expect(title);
        let number = toc[i + 1..]
            .iter()
            .find(|(y, _)| *y == toc[i].0)
            .map(|(_, t)| t.text.as_str());
        assert_eq!(number, Some(page.to_string().as_str()), "{title}");
    }
}

/// Hostile nesting (issue 14): any depth typesets quickly, without
/// overflowing the stack, and the text stays on the pages. Content nested
/// beyond the limit is refused at validation; templates can still make it.
#[test]
fn deep_nesting_typesets_in_bounded_time() {
    let opts = options();
    for unit in ["> ", "- ", "1. ", "> - ", "- [ ] "] {
        for depth in [crate::markdown::MAX_NESTING, 5_000, 20_000] {
            let md = unit.repeat(depth) + "Deep text that is long enough to wrap a line or two.";
            let started = std::time::Instant::now();
            let doc = typeset(&md, &opts);
            let took = started.elapsed();
            // A hang guard (speed is measured by benchmarks).
            assert!(took.as_secs_f32() < 30.0, "{unit:?} x {depth}: {took:?}");
            let text: String = (doc.pages.iter().flat_map(|p| &p.items))
                .filter_map(|p| match &p.item {
                    Item::Text(t) => Some(t.text.as_str()),
                    _ => None,
                })
                .collect();
            assert!(text.contains("Deep"), "{unit:?} x {depth}");
        }
    }
}

/// Each grid table measures what follows it up to the next page break;
/// many grids in a row must not measure each other over and over.
#[test]
fn many_grid_tables_in_a_row_typeset_quickly() {
    let opts = options();
    let grid = "| Day | Done |\n|---|:-:|\n| 1 | ☐ |\n\n";
    for n in [16, 64] {
        let started = std::time::Instant::now();
        typeset(&grid.repeat(n), &opts);
        let took = started.elapsed();
        // Exponential growth made 16 grids take seconds and 64 forever.
        assert!(took.as_secs_f32() < 30.0, "{n} grids: {took:?}");
    }
}

/// A keep group (a `###` section) far longer than a page: each line used
/// to measure the rest of its group, so 10,000 steps took seconds.
#[test]
fn a_very_long_keep_group_paginates_in_linear_time() {
    let opts = options();
    let steps: String = (1..=5_000).map(|i| format!("{i}. Step {i}.\n")).collect();
    let started = std::time::Instant::now();
    let doc = typeset(&format!("### Exercise\n\n{steps}"), &opts);
    let took = started.elapsed();
    assert!(doc.pages.len() > 50);
    // A hang guard (speed is measured by benchmarks).
    assert!(took.as_secs_f32() < 30.0, "{took:?}");
}

#[test]
fn a_contents_entry_longer_than_a_page_flows_onto_the_next() {
    let title = (0..3_000)
        .map(|i| format!("t{i}y"))
        .collect::<Vec<_>>()
        .join(" ");
    let md = format!("## Contents {{.toc}}\n\n---\n\n## Calf {title}\n\nHold it.\n");
    let doc = typeset(&md, &options());
    assert_eq!(doc.problems, []);
    // The entry's last line carries its page number.
    let entry_pages = doc
        .pages
        .iter()
        .take_while(|p| !page_text(p).contains("Hold it."))
        .count();
    assert!(entry_pages > 4, "{entry_pages}");
}

#[test]
fn a_steps_number_beside_a_figure_stays_in_the_text_area_in_large_print() {
    // Beside a figure, the steps get a narrow column; at large sizes the
    // nesting limit on indents once left no room for "1." and it hung
    // into the margin (the handout's large print found it too).
    let mut large = sample_options();
    large.body_size = Pt(22.0);
    let doc = typeset(SAMPLE, &large);
    let mut numbers = 0;
    for page in &doc.pages {
        for p in &page.items {
            if let Item::Text(run) = &p.item
                && run
                    .text
                    .strip_suffix('.')
                    .is_some_and(|n| n.parse::<u32>().is_ok())
            {
                numbers += 1;
                assert!(p.at.x >= large.margins.left, "{} at {:?}", run.text, p.at);
            }
        }
    }
    assert!(numbers > 0);
    assert!(doc.problems.is_empty(), "{:?}", doc.problems);
}

/// Compact handouts: contents written right after the cover's lines share
/// its page; with a `---` between them they start the next.
#[test]
fn contents_right_after_the_cover_share_its_page() {
    let opts = sample_options();
    let text = |doc: &Document, page: usize| -> String {
        (doc.pages[page].items.iter())
            .filter_map(|p| match &p.item {
                Item::Text(run) => Some(run.text.clone()),
                _ => None,
            })
            .collect::<Vec<_>>()
            .join(" ")
    };
    let shared = typeset(
        "# Title {.cover}\n\nA line.\n\n# Contents {.toc}\n\n# First\n\nText.\n",
        &opts,
    );
    assert!(
        text(&shared, 0).contains("Contents"),
        "{}",
        text(&shared, 0)
    );
    let apart = typeset(
        "# Title {.cover}\n\nA line.\n\n---\n\n# Contents {.toc}\n\n# First\n\nText.\n",
        &opts,
    );
    assert!(!text(&apart, 0).contains("Contents"), "{}", text(&apart, 0));
}

/// Issue 23: a contents entry's title ends a word, so its text and page
/// number are read apart ("Safety 3", not "Safety3").
#[test]
fn a_contents_title_is_read_apart_from_its_page_number() {
    let doc = typeset(
        "# Contents {.toc}\n\n# Safety\n\nText.\n",
        &sample_options(),
    );
    let title = doc.pages[0].items.iter().find_map(|p| match &p.item {
        Item::Text(run) if run.text == "Safety" => Some(run),
        _ => None,
    });
    assert!(title.is_some_and(|run| run.space_after), "{title:?}");
}
