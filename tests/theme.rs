//! The theme: one accent colour and a logo in handout.yaml change the site
//! and both PDFs together.

use crate::support::pdf::Document;

use crate::support::Project;

/// The valid fixture with a theme: a plum accent and its PNG as a logo.
fn themed() -> Project {
    let project = Project::valid();
    let yaml = project.read("content/handout.yaml");
    project.write(
        "content/handout.yaml",
        format!("{yaml}theme:\n  accent: \"#7a1f5c\"\n  logo: figures/reach.png\n"),
    );
    let run = project.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    project
}

/// Every fill colour (`rg`) a PDF's pages paint with, as 0-255 channels.
fn fill_colours(pdf: &Document) -> Vec<(u8, u8, u8)> {
    let mut out = Vec::new();
    for page in pdf.get_pages().values() {
        let bytes = pdf.get_page_content(*page);
        let content = crate::support::pdf::content::Content::decode(&bytes).expect("decodable");
        for op in content.operations.iter().filter(|op| op.operator == "rg") {
            let channel = |i: usize| (op.operands[i].as_float().unwrap() * 255.0).round() as u8;
            out.push((channel(0), channel(1), channel(2)));
        }
    }
    out
}

/// Whether page 1 of a PDF paints an image (`Do`: the PDFs draw their
/// figures as paths, so only a picture file is an XObject).
fn first_page_has_image(pdf: &Document) -> bool {
    let page = pdf.get_pages()[&1];
    let content =
        crate::support::pdf::content::Content::decode(&pdf.get_page_content(page)).unwrap();
    content.operations.iter().any(|op| op.operator == "Do")
}

#[test]
fn the_accent_colours_the_site_and_both_pdfs() {
    let project = themed();
    let css = project.read("output/site/assets/style.css");
    assert!(css.contains("--accent: #7a1f5c;"), "the site's accent");
    assert!(!css.contains("#00606b"), "no trace of the default accent");
    for pdf in ["handout.pdf", "checklist.pdf"] {
        let doc = Document::load(project.path().join("output").join(pdf)).unwrap();
        let fills = fill_colours(&doc);
        assert!(
            fills.contains(&(0x7a, 0x1f, 0x5c)),
            "{pdf} paints with the accent: {fills:?}"
        );
        assert!(
            !fills.contains(&(0x00, 0x60, 0x6b)),
            "{pdf} still paints with the default accent"
        );
    }
}

#[test]
fn the_default_accent_is_the_same_on_the_site_and_in_the_pdfs() {
    let project = Project::valid();
    let run = project.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let css = project.read("output/site/assets/style.css");
    assert!(css.contains("--accent: #00606b;"));
    let doc = Document::load(project.path().join("output/handout.pdf")).unwrap();
    assert!(fill_colours(&doc).contains(&(0x00, 0x60, 0x6b)));
}

#[test]
fn the_logo_shows_in_the_site_header_and_on_the_pdf_cover() {
    let project = themed();
    let index = project.read("output/site/index.html");
    assert!(
        index.contains(r#"<img class="site-logo" src="figures/reach.png" alt="">"#),
        "the header shows the logo"
    );
    let exercise = project.read("output/site/exercises/reach/index.html");
    assert!(exercise.contains(r#"src="../../figures/reach.png" alt="">"#));
    assert!(
        project
            .path()
            .join("output/site/figures/reach.png")
            .is_file()
    );
    let handout = Document::load(project.path().join("output/handout.pdf")).unwrap();
    assert!(first_page_has_image(&handout), "the cover shows the logo");
    let plain = Project::valid();
    assert_eq!(plain.run(&["build"]).code, 0);
    let handout = Document::load(plain.path().join("output/handout.pdf")).unwrap();
    assert!(!first_page_has_image(&handout), "no logo, no image");
    assert!(!plain.read("output/site/index.html").contains("site-logo"));
}

#[test]
fn an_accent_that_is_not_a_colour_is_refused() {
    let project = Project::valid();
    let yaml = project.read("content/handout.yaml");
    project.write(
        "content/handout.yaml",
        format!("{yaml}theme:\n  accent: teal\n"),
    );
    let run = project.run(&["check"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("handout.yaml:21:11: error: 'teal' is not a colour"),
        "{}",
        run.stderr
    );
}
