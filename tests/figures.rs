//! Figure files in the PDFs: an SVG file, as an exercise's figure or as
//! the logo, prints as a vector drawing in the handout and the checklist.

use crate::support::pdf::Document;

use crate::support::Project;

/// An arm drawn in green: a filled circle and a stroked, curved path,
/// scaled by a group transform.
const ARM: &str = r##"<?xml version="1.0" encoding="UTF-8"?>
<!-- Drawn by hand for the tests. -->
<svg xmlns="http://www.w3.org/2000/svg" width="120" height="80" viewBox="0 0 60 40">
  <g transform="scale(2)">
    <circle cx="8" cy="8" r="4" fill="#12ab34"/>
    <path d="M8 12 Q 15 18 25 15" fill="none" stroke="#12ab34" stroke-width="1.5"/>
  </g>
</svg>
"##;

/// A logo: a plum square outline.
const LOGO: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20">
  <rect x="2" y="2" width="36" height="16" fill="none" stroke="#ab1277" stroke-width="3"/>
</svg>
"##;

/// The valid fixture with `reach`'s figure and the logo as SVG files.
fn with_svg_figures() -> Project {
    let project = Project::valid();
    project.write("content/figures/arm.svg", ARM);
    project.write("content/figures/logo.svg", LOGO);
    let reach = project.read("content/exercises/reach.yaml");
    assert!(reach.contains("image: figures/reach.png"));
    project.write(
        "content/exercises/reach.yaml",
        reach.replace("image: figures/reach.png", "image: figures/arm.svg"),
    );
    let settings = project.read("content/handout.yaml");
    project.write(
        "content/handout.yaml",
        format!("{settings}theme:\n  logo: figures/logo.svg\n"),
    );
    project
}

/// What a page paints: `(fill or stroke, colour)` for each painting
/// operator, in the colour then set.
fn painted(pdf: &Document, page: u32) -> Vec<(char, (u8, u8, u8))> {
    let id = pdf.get_pages()[&page];
    let content = crate::support::pdf::content::Content::decode(&pdf.get_page_content(id))
        .expect("decodable");
    let colour = |operands: &[crate::support::pdf::Object]| {
        let channel = |i: usize| (operands[i].as_float().unwrap() * 255.0).round() as u8;
        (channel(0), channel(1), channel(2))
    };
    let (mut fill, mut stroke) = ((0, 0, 0), (0, 0, 0));
    let mut out = Vec::new();
    for op in &content.operations {
        match op.operator.as_str() {
            "rg" => fill = colour(&op.operands),
            "RG" => stroke = colour(&op.operands),
            "f" | "F" | "f*" => out.push(('f', fill)),
            "S" | "s" => out.push(('s', stroke)),
            "B" | "B*" | "b" | "b*" => out.extend([('f', fill), ('s', stroke)]),
            _ => {}
        }
    }
    out
}

/// The pages (1-based) that paint with a colour, as fill or stroke.
fn pages_painting(pdf: &Document, how: char, colour: (u8, u8, u8)) -> Vec<u32> {
    pdf.get_pages()
        .keys()
        .copied()
        .filter(|page| painted(pdf, *page).contains(&(how, colour)))
        .collect()
}

const GREEN: (u8, u8, u8) = (0x12, 0xab, 0x34);
const PLUM: (u8, u8, u8) = (0xab, 0x12, 0x77);

#[test]
fn svg_figures_and_logos_print_as_drawings_in_both_pdfs() {
    let project = with_svg_figures();
    let run = project.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);

    let handout = Document::load(project.path().join("output/handout.pdf")).unwrap();
    let figure_pages = pages_painting(&handout, 'f', GREEN);
    assert_eq!(
        figure_pages.len(),
        1,
        "the arm is drawn once: {figure_pages:?}"
    );
    assert_eq!(
        pages_painting(&handout, 's', GREEN),
        figure_pages,
        "its stroke too"
    );
    assert_eq!(
        pages_painting(&handout, 's', PLUM),
        vec![1],
        "the logo is drawn on the cover"
    );
    let page = handout.get_pages()[&figure_pages[0]];
    let content =
        crate::support::pdf::content::Content::decode(&handout.get_page_content(page)).unwrap();
    assert!(
        content.operations.iter().any(|op| op.operator == "c"),
        "the circle and the curve are Bézier curves"
    );

    let checklist = Document::load(project.path().join("output/checklist.pdf")).unwrap();
    assert!(
        !pages_painting(&checklist, 'f', GREEN).is_empty(),
        "the checklist draws the arm"
    );

    // The site publishes each file's drawing written back as SVG: its
    // shapes, in their colours, at the file's size.
    let arm = project.read("output/site/figures/arm.svg");
    assert!(
        arm.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""),
        "{arm}"
    );
    assert!(arm.contains("width=\"120\" height=\"80\""), "{arm}");
    assert_eq!(arm.matches("<path").count(), 2, "{arm}");
    assert!(arm.contains("fill=\"#12ab34\""), "{arm}");
    assert!(arm.contains("stroke=\"#12ab34\""), "{arm}");
    let logo = project.read("output/site/figures/logo.svg");
    assert!(logo.contains("stroke=\"#ab1277\""), "{logo}");
}

#[test]
fn what_an_svg_loses_in_the_pdfs_is_a_warning() {
    let project = with_svg_figures();
    project.write(
        "content/figures/logo.svg",
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20">
  <rect x="2" y="2" width="36" height="16" fill="#ab1277"/>
  <text x="4" y="14">Clinic</text>
</svg>
"##,
    );
    let run = project.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("figures/logo.svg: warning:"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("text"), "{}", run.stderr);
    assert!(
        run.stderr.trim_end().ends_with("1 warning found"),
        "{}",
        run.stderr
    );
    let strict = project.run(&["check", "--deny-warnings"]);
    assert_eq!(strict.code, 1, "{}", strict.stderr);
}

/// `handout figures` writes the contact sheet (PDF and SVG) beside what a
/// build made, touching nothing else; a full build never makes it;
/// `build --only figures` is the same command.
#[test]
fn the_contact_sheet_is_made_on_request_beside_the_build() {
    let project = Project::valid();
    let build = project.run(&["build"]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    let out = project.path().join("output");
    assert!(
        !out.join("figures.pdf").exists(),
        "a full build makes no sheet"
    );
    let site_before = project.read("output/site/index.html");

    let run = project.run(&["figures"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .starts_with("built output/: figures.pdf and figures.svg: 3 exercises"),
        "{}",
        run.stdout
    );
    let pdf = std::fs::read(out.join("figures.pdf")).unwrap();
    assert!(pdf.starts_with(b"%PDF"));
    let svg = project.read("output/figures.svg");
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    // Two drawn figures (one a still pose), and the clinic's picture file
    // named in a note.
    assert_eq!(svg.matches("<g transform=").count(), 2, "{svg}");
    assert_eq!(svg.matches(">Start</text>").count(), 1);
    assert!(svg.contains("A picture file, not a drawing: figures/reach.png"));
    // The build's files are still there, unchanged.
    assert_eq!(project.read("output/site/index.html"), site_before);
    assert!(out.join("handout.pdf").is_file());

    // The same through `build --only figures`; and `check` ignores it.
    std::fs::remove_file(out.join("figures.svg")).unwrap();
    let run = project.run(&["build", "--only", "figures"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(project.read("output/figures.svg"), svg);
    let doc = Document::load(out.join("figures.pdf")).unwrap();
    assert_eq!(doc.get_pages().len(), 1);
}
