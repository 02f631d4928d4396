//! Nothing printed is cut (issue 22, issue 26): a table row taller than a
//! page splits across pages, a checklist title wraps or is a located
//! error, a table wider than the page is a located error, and every PDF
//! of a build passes the end-of-typesetting audit (every word on a page,
//! inside the text area, nothing over anything) or the build fails.

use std::path::Path;

use crate::support::Project;

/// A PDF's text as pdftotext reads it, whitespace collapsed.
fn pdftotext(path: &Path) -> String {
    crate::support::pdf_text(path)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A word of letters only for `n` (`bcd…` for its digits): content with
/// digits in it would be held to the translations' number rule.
pub fn lettered(prefix: &str, n: usize, suffix: &str) -> String {
    let letters: String = n
        .to_string()
        .bytes()
        .map(|d| char::from(b'b' + (d - b'0')))
        .collect();
    format!("{prefix}{letters}{suffix}")
}

/// `count` words `<prefix><n><suffix>`, spaced, `n` in letters.
fn numbered(prefix: &str, count: usize, suffix: &str) -> String {
    (0..count)
        .map(|i| lettered(prefix, i, suffix))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Adds `text` to the end of the default content's first page.
fn with_page_text(project: &Project, text: &str) {
    let page = "content/pages/why-movement-matters.md";
    let before = project.read(page);
    project.write(page, format!("{before}\n{text}"));
}

/// The line (from 1) of a project's file that starts with `start`.
fn line_of(project: &Project, file: &str, start: &str) -> usize {
    let text = project.read(file);
    text.lines().position(|l| l.starts_with(start)).unwrap() + 1
}

#[test]
fn a_table_cell_of_6000_words_prints_every_word() {
    let Some(_) = crate::support::tool("pdftotext") else {
        return;
    };
    let project = Project::default_content();
    let cell = numbered("w", 6_000, "x");
    with_page_text(
        &project,
        &format!("| Topic | Details |\n|---|---|\n| Long | {cell} |\n| Short | after |\n"),
    );
    let run = project.run(&["build", "--only", "handout"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = pdftotext(&project.path().join("output/handout.pdf"));
    let printed: Vec<&str> = text
        .split(' ')
        .filter(|w| w.starts_with('w') && w.ends_with('x'))
        .collect();
    let expected: Vec<String> = (0..6_000).map(|i| lettered("w", i, "x")).collect();
    assert_eq!(printed, expected, "every word, once, in order");
    // The row ends, the next one follows.
    let end = text.find(&lettered("w", 5_999, "x")).unwrap();
    assert!(text[end..].contains("Short after"));
}

#[test]
fn a_long_checklist_title_wraps_onto_more_lines() {
    let Some(_) = crate::support::tool("pdftotext") else {
        return;
    };
    let project = Project::default_content();
    let words = "with your hands flat on the wall and one foot back ".repeat(3);
    let exercise = "content/exercises/calf-stretch.yaml";
    let yaml = project.read(exercise);
    project.write(
        exercise,
        yaml.replacen(
            "title: Calf stretch",
            &format!("title: Calf stretch {words}"),
            1,
        ),
    );
    let run = project.run(&["build", "--only", "checklist"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = pdftotext(&project.path().join("output/checklist.pdf"));
    let title = format!("Calf stretch {}", words.trim_end());
    assert!(text.contains(&title), "the whole title, wrapped: {text}");
}

#[test]
fn a_checklist_title_of_3000_words_is_an_error_at_its_title() {
    let project = Project::default_content();
    // The clinic's details filled in: the error is the one problem.
    project.fill_in_clinic();
    let exercise = "content/exercises/calf-stretch.yaml";
    let yaml = project.read(exercise);
    let title = numbered("t", 3_000, "y");
    project.write(
        exercise,
        yaml.replacen(
            "title: Calf stretch",
            &format!("title: Calf stretch {title}"),
            1,
        ),
    );
    let run = project.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "content/exercises/calf-stretch.yaml:1:8: error: this text makes a row of \
             checklist.pdf taller than a page"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("never splits across pages") && run.stderr.contains("hint: shorten it"),
        "{}",
        run.stderr
    );
    // The handout sets the title whole (it flows over pages), so the
    // checklist's row is the one problem; nothing is written.
    assert!(run.stderr.contains("1 problem found"), "{}", run.stderr);
    assert!(!project.path().join("output").exists());
}

#[test]
fn a_table_of_300_columns_is_an_error_at_the_table() {
    let project = Project::default_content();
    let header = numbered("h", 300, "a").replace(' ', " | ");
    let row = numbered("c", 300, "b").replace(' ', " | ");
    with_page_text(
        &project,
        &format!("\n| {header} |\n|{}\n| {row} |\n", "---|".repeat(300)),
    );
    let line = line_of(&project, "content/pages/why-movement-matters.md", "| hba");
    let run = project.run(&["build", "--only", "pdf"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let at = format!(
        "content/pages/why-movement-matters.md:{line}:3: error: this table is too wide for the \
         page of handout.pdf: its 300 columns need at least"
    );
    assert!(run.stderr.contains(&at), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("hint: split it into tables of fewer columns"),
        "{}",
        run.stderr
    );
}

#[test]
fn text_the_typesetter_would_print_over_other_text_fails_the_build() {
    // Ordered lists nested 25 deep on one line: past a dozen levels the
    // indents have no room left, and the numbers would print over each
    // other. The audit catches it: exit 1, at the list.
    let project = Project::valid();
    let page = project.read("content/pages/why.md");
    project.write(
        "content/pages/why.md",
        format!("{page}\n{}Deep step.\n", "1. ".repeat(25)),
    );
    let line = line_of(&project, "content/pages/why.md", "1. 1.");
    let run = project.run(&["build", "--only", "handout"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(&format!(
            "content/pages/why.md:{line}:1: error: handout.pdf, page "
        )) && run.stderr.contains("this text is printed over other text"),
        "{}",
        run.stderr
    );
}
