//! QR codes to the website: with a `base_url`, the handout's cover and
//! each of its exercises carry a QR code to their page; without one,
//! none. CI decodes the codes of a real handout with zbarimg (`.ci/run`);
//! here the PDF is read for the codes' squares, their addresses and
//! their links.

use crate::support::pdf::{Document, Object};

use crate::pdf::{links, text};
use crate::support::Project;

/// handout.yaml's `base_url`; the site's home is this with a closing slash.
const BASE: &str = "https://clinic.example.org/spine";

/// The valid fixture, with a `base_url` when one is given.
fn project(base_url: Option<&str>) -> Project {
    let project = Project::valid();
    if let Some(base) = base_url {
        let yaml = project.read("content/handout.yaml");
        project.write("content/handout.yaml", format!("{yaml}base_url: {base}\n"));
    }
    project
}

fn handout(project: &Project) -> Document {
    let run = project.run(&["build", "--only", "pdf"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    Document::load(project.path().join("output/handout.pdf"))
        .expect("a PDF the test reader can read")
}

/// How many QR codes each page paints: black fills of many squares (a
/// code is one path of a rectangle (`re`) per run of dark modules; nothing
/// else in the handout is filled pure black).
fn codes_per_page(doc: &Document) -> Vec<usize> {
    let black = |operands: &[Object]| {
        operands.len() == 3
            && operands
                .iter()
                .all(|o| o.as_float().is_ok_and(|v| v == 0.0))
    };
    doc.get_pages()
        .values()
        .map(|&page| {
            let content = doc.get_and_decode_page_content(page).expect("page content");
            let (mut codes, mut in_black, mut squares) = (0, false, 0);
            for op in &content.operations {
                match op.operator.as_str() {
                    "rg" => in_black = black(&op.operands),
                    "re" if in_black => squares += 1,
                    "f" | "f*" => {
                        codes += usize::from(in_black && squares >= 20);
                        squares = 0;
                    }
                    _ => {}
                }
            }
            codes
        })
        .collect()
}

#[test]
fn with_a_base_url_the_cover_and_every_exercise_carry_a_code() {
    let doc = handout(&project(Some(BASE)));
    let codes = codes_per_page(&doc);
    assert_eq!(codes[0], 1, "the cover's code: {codes:?}");
    // The fixture has three exercises.
    assert_eq!(codes.iter().sum::<usize>(), 1 + 3, "{codes:?}");
    // Each code's address is printed beside it, without its scheme, and
    // links to its page.
    let text = text(&doc);
    let mut expected = vec![format!("{BASE}/")];
    for id in ["lift", "reach", "squeeze"] {
        let url = format!("{BASE}/exercises/{id}/");
        assert!(
            text.contains(url.trim_start_matches("https://")),
            "{id}'s address is printed: {text}"
        );
        expected.push(url);
    }
    let mut found: Vec<String> = links(&doc).into_iter().flatten().collect();
    found.sort();
    found.dedup();
    assert_eq!(found, expected);
}

#[test]
fn without_a_base_url_there_is_no_code_and_no_error() {
    let doc = handout(&project(None));
    assert!(codes_per_page(&doc).iter().all(|&n| n == 0));
    assert!(
        links(&doc)
            .iter()
            .flatten()
            .all(|u| !u.contains("/exercises/"))
    );
}

#[test]
fn a_qr_code_without_an_address_is_an_error_in_the_template() {
    let project = project(None);
    project.write(
        "templates/pdf/handout.md",
        "# {{ title }} {.cover}\n\n{% for phase in phases %}{% for e in phase.exercises %}\
         ## {{ e.title }}\n\n![Scan me](qr:{{ e.web_url }})\n\n{% endfor %}{% endfor %}",
    );
    let run = project.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    // One error for all three exercises, at the `qr:`.
    assert_eq!(
        run.stderr.matches("no web address").count(),
        1,
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("templates/pdf/handout.md:5:12: error: the QR code has no web address"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("exercise.web_url"),
        "the hint: {}",
        run.stderr
    );
}

/// The PDF's Markdown is checked for characters the font lacks and for QR
/// codes together: a template with both mistakes hears of both at once.
#[test]
fn an_unprintable_character_and_a_bad_code_are_both_reported() {
    let project = project(None);
    project.write(
        "templates/pdf/handout.md",
        "# {{ title }} あ {.cover}\n\n{% for phase in phases %}{% for e in phase.exercises %}\
         ## {{ e.title }}\n\n![Scan me](qr:{{ e.web_url }})\n\n{% endfor %}{% endfor %}",
    );
    let run = project.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    for problem in ["U+3042 'あ' is not in the PDF font", "no web address"] {
        assert!(run.stderr.contains(problem), "{problem}: {}", run.stderr);
    }
}

#[test]
fn an_address_too_long_for_a_code_is_an_error() {
    let project = project(Some(&format!("https://example.org/{}/", "a".repeat(200))));
    let run = project.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("pdf/handout.md") && run.stderr.contains("too long for a QR code"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("base_url"), "the hint: {}", run.stderr);
    assert!(!project.path().join("output").exists(), "nothing written");
}
