//! Page breaks of the PDF handout (issue 23), judged from the PDFs as
//! printed: every variant a clinic makes, {en, es} × {normal, large
//! print} × {plain, base_url} × {the library, the published program, the
//! example patient}, each built once and read back with the positions of
//! its text.
//!
//! For every exercise: it is whole on one page, or it starts a page (or
//! follows only its phase's introduction there) and each page it goes on
//! to opens with its "continued" head. No page opens with a box; no line
//! breaks inside a phone number or a span of weeks; the page counts never
//! grow past what they are today. No page is more than 60% empty but the
//! last and one whose next unit would not fit there (measured on a 30 dpi
//! render by pdftoppm, which CI installs; skipped without it elsewhere).

use crate::support::Project;
use crate::support::pdf::{Document, Object};

/// A line of text as printed: its baseline from the top of the page, its
/// size and its characters.
#[derive(Debug)]
struct Run {
    y: f32,
    size: f32,
    text: String,
}

/// The text runs of one page (from 1), in painting order.
fn runs(doc: &Document, page: u32) -> Vec<Run> {
    let id = doc.get_pages()[&page];
    let (height, encodings) = doc.page_height_and_encodings(id);
    let (mut encoding, mut size, mut y) = (None, 0.0, 0.0);
    let mut out: Vec<Run> = Vec::new();
    for op in doc
        .get_and_decode_page_content(id)
        .expect("content")
        .operations
    {
        match op.operator.as_str() {
            "Tf" => {
                let name = op.operands[0].as_name().unwrap().to_vec();
                encoding = encodings.iter().position(|(n, _)| *n == name);
                size = op.operands[1].as_float().unwrap();
            }
            "Tm" => y = height - op.operands[5].as_float().unwrap(),
            "Tj" | "TJ" => {
                let Some(e) = encoding else { continue };
                let strings: Vec<&Object> = match &op.operands[0] {
                    Object::Array(items) => items.iter().collect(),
                    other => vec![other],
                };
                let last = match out.last_mut() {
                    Some(run) if run.y == y && run.size == size => run,
                    _ => {
                        out.push(Run {
                            y,
                            size,
                            text: String::new(),
                        });
                        out.last_mut().unwrap()
                    }
                };
                for s in strings {
                    if let Object::String(bytes, _) = s {
                        last.text
                            .push_str(&Document::decode_text(&encodings[e].1, bytes).unwrap());
                    }
                }
            }
            _ => {}
        }
    }
    // The text area: inside the margins; the running header and the
    // footer stand outside it.
    let margin = MARGIN_MM * 72.0 / 25.4;
    out.retain(|r| !r.text.trim().is_empty() && r.y > margin && r.y < height - margin);
    // Lines of one size in a row read as one: a heading or a "continued"
    // head wrapped over two lines, a paragraph.
    let mut merged: Vec<Run> = Vec::new();
    for r in out {
        match merged.last_mut() {
            Some(last) if last.size == r.size => {
                last.text.push(' ');
                last.text.push_str(r.text.trim());
            }
            _ => merged.push(Run {
                text: r.text.trim().to_string(),
                ..r
            }),
        }
    }
    merged
}

/// The words of a language the checks look for.
struct Words {
    continued: &'static str,
    box_mark: &'static str,
}

const EN: Words = Words {
    continued: " (continued)",
    box_mark: "⚠",
};
const ES: Words = Words {
    continued: " (continuación)",
    box_mark: "⚠",
};

/// The page-break rules, checked on one PDF; returns its page count.
fn check_breaks(path: &std::path::Path, words: &Words, titles: &[String], variant: &str) -> usize {
    let doc = Document::load(path).expect("a PDF the test reader can read");
    let count = doc.get_pages().len() as u32;
    let name = format!(
        "{} ({variant})",
        path.file_name().unwrap().to_string_lossy()
    );
    let pages: Vec<Vec<Run>> = (1..=count).map(|p| runs(&doc, p)).collect();
    let body = |p: usize| -> &[Run] { &pages[p] };
    for p in 0..pages.len() {
        // No box opens a page by itself: a box that goes over comes
        // under its section's "continued" head.
        let opening = body(p).first().map_or("", |r| r.text.as_str());
        assert!(
            !opening.starts_with(words.box_mark),
            "{name}: page {} opens with a box: {opening:?}",
            p + 1
        );
        // A "continued" head is the first thing on its page.
        for (i, r) in body(p).iter().enumerate() {
            if r.text.ends_with(words.continued) {
                assert_eq!(
                    i,
                    0,
                    "{name}: page {}: {:?} is not at the top",
                    p + 1,
                    r.text
                );
            }
        }
    }
    let mut found = 0;
    for title in titles {
        // Headings are set at 1.4 em and more: 19.6 pt and up; body text
        // at 14 or 18 pt, the contents' entries too.
        let heading = |r: &Run| r.text == title.as_str() && r.size > 19.0;
        let Some(start) = (0..pages.len()).find(|p| body(*p).iter().any(heading)) else {
            // A program leaves out some of the library's exercises.
            continue;
        };
        found += 1;
        let continued = format!("{title}{}", words.continued);
        let goes_on: Vec<usize> = (start + 1..pages.len())
            .take_while(|p| body(*p).first().is_some_and(|r| r.text == continued))
            .collect();
        if goes_on.is_empty() {
            continue;
        }
        // It breaks: it starts its page, or follows only its phase's
        // introduction, which started the page.
        let top = &body(start)[0];
        let at = body(start).iter().position(heading).unwrap();
        assert!(
            at == 0 || top.size > body(start)[at].size,
            "{name}: {title} breaks over pages {}-{} but does not start page {}: it opens with {:?}",
            start + 1,
            start + 1 + goes_on.len(),
            start + 1,
            top.text
        );
    }
    // Every exercise of the default content, or the patient's four.
    assert!(found >= 4, "{name}: only {found} exercise headings found");
    check_empty_pages(path, &name, &pages, words.continued);
    count as usize
}

/// Dots per inch of the renders that measure how much of a page is
/// printed on.
const DPI: f32 = 30.0;

/// The handout's margins (src/handout.rs), around its text area.
const MARGIN_MM: f32 = 13.0;

/// The rows of each page's text area (inside the margins) that hold ink, from
/// a grey render; `None` without pdftoppm outside CI.
fn inked_rows(path: &std::path::Path) -> Option<Vec<Vec<bool>>> {
    let mut render = crate::support::tool("pdftoppm")?;
    let dir = tempfile::tempdir().unwrap();
    let status = render
        .args(["-gray", "-r", &DPI.to_string()])
        .arg(path)
        .arg(dir.path().join("page"))
        .status()
        .unwrap();
    assert!(status.success());
    let mut files: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let margin = (MARGIN_MM / 25.4 * DPI).ceil() as usize + 1;
    Some(
        files
            .iter()
            .map(|file| {
                let bytes = std::fs::read(file).unwrap();
                // P5 <width> <height> 255, then a byte a pixel.
                let mut fields = Vec::new();
                let mut at = 0;
                while fields.len() < 4 {
                    while bytes[at].is_ascii_whitespace() {
                        at += 1;
                    }
                    let start = at;
                    while !bytes[at].is_ascii_whitespace() {
                        at += 1;
                    }
                    fields.push(String::from_utf8_lossy(&bytes[start..at]).to_string());
                }
                let pixels = &bytes[at + 1..];
                let (w, h): (usize, usize) =
                    (fields[1].parse().unwrap(), fields[2].parse().unwrap());
                (margin..h - margin)
                    .map(|y| (margin..w - margin).any(|x| pixels[y * w + x] < 200))
                    .collect()
            })
            .collect(),
    )
}

/// No page is more than 60% empty, but the last and a page the next
/// unit (an exercise; a phase's introduction with its first exercise; a
/// section) would not fit on: it is as tall on its own page as the room
/// left here.
fn check_empty_pages(path: &std::path::Path, name: &str, pages: &[Vec<Run>], continued: &str) {
    let Some(rows) = inked_rows(path) else {
        return;
    };
    assert_eq!(rows.len(), pages.len(), "{name}");
    let to_rows = |pt: f32| pt / 72.0 * DPI;
    let margin = MARGIN_MM * 72.0 / 25.4;
    for p in 0..rows.len().saturating_sub(1) {
        let area = rows[p].len() as f32;
        let last = rows[p].iter().rposition(|r| *r).map_or(0, |i| i + 1) as f32;
        let free = area - last;
        if free <= area * 0.6 {
            continue;
        }
        // The next page's first unit ends where its next unit starts: at
        // the next heading (past an exercise that a phase's heading
        // brings along), or at the end of its ink.
        let headings: Vec<&Run> = pages[p + 1].iter().filter(|r| r.size > 19.0).collect();
        let skip = match headings.first() {
            Some(first) if first.size > 24.0 => 2,
            _ => 1,
        };
        let next_last = rows[p + 1].iter().rposition(|r| *r).map_or(0, |i| i + 1) as f32;
        // A unit that goes on under its "continued" head is taller than
        // a page.
        let goes_on = (pages.get(p + 2).and_then(|page| page.first()))
            .is_some_and(|r| r.text.ends_with(continued));
        let unit = match headings.get(skip) {
            Some(h) => to_rows(h.y - h.size - margin),
            None if goes_on => f32::INFINITY,
            None => next_last,
        };
        // Ink ends above the box the typesetter filled (a line's descent,
        // the space after a block, the space above the next heading):
        // a tenth of a page is what the render cannot tell apart.
        assert!(
            unit > free - area * 0.1,
            "{name}: page {} is {:.0}% empty, and the next page's first unit ({:.0}% of a page) would fit there",
            p + 1,
            free / area * 100.0,
            unit / area * 100.0
        );
    }
}

/// The exercise titles of the default content, in both languages.
fn titles(project: &Project) -> Vec<String> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(project.path().join("content/exercises")).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        for line in text.lines() {
            if let Some(title) = line.strip_prefix("title:") {
                out.push(title.trim().trim_matches('"').to_string());
            }
        }
    }
    out
}

/// Builds one variant (the library and its published program in both
/// languages, the example patient in both) and checks every PDF; returns
/// each PDF's page count.
fn variant(large_print: bool, base_url: bool) -> Vec<(String, usize)> {
    let project = Project::default_content();
    if base_url {
        let yaml = project.read("content/handout.yaml");
        project.write(
            "content/handout.yaml",
            format!("base_url: https://clinic.example.org/exercises/\n{yaml}"),
        );
    }
    project.print_with_example_patients("pdf", large_print);
    let titles = titles(&project);
    let output = project.path().join("output");
    [
        ("handout.pdf", &EN),
        ("handout.es.pdf", &ES),
        ("spine-surgery-handout.pdf", &EN),
        ("spine-surgery-handout.es.pdf", &ES),
        ("programs/patient-en-handout.pdf", &EN),
        ("programs/patient-es-handout.pdf", &ES),
    ]
    .into_iter()
    .map(|(file, words)| {
        (
            file.to_string(),
            check_breaks(
                &output.join(file),
                words,
                &titles,
                &format!("large print {large_print}, base_url {base_url}"),
            ),
        )
    })
    .collect()
}

/// The pages of each handout today (large print, base_url, file, pages):
/// a change that adds a page must say why here. Issue 23's goal (the
/// library in 9 English and 10 Spanish pages in normal print, 16 in large
/// print) is reached but for Spanish large print (17): at 18 pt an exercise
/// with its figure takes most of a Letter page, so two rarely share one;
/// half-inch margins and a picture beside the steps no taller than them
/// (a body lying down too, in a wider column) let each phase's
/// introduction share its first exercise's page in English, and short
/// contents (set 1.3 lines apart) fit on the cover under the disclaimer.
/// A person standing beside the steps shrinks less than one sitting or
/// lying (about 55 mm tall at least). Steps beside a figure break
/// between steps under it, so in large print an exercise taller than a
/// page no longer leaves its first page mostly empty; the steps that
/// start under the figure take the whole width, and beside two panels
/// the steps keep about 17 em. The warning signs no longer end their
/// page: the explanation pages follow them.
const MOST_PAGES: &[(bool, bool, &str, usize)] = &[
    (false, false, "handout.es.pdf", 10),
    (false, false, "handout.pdf", 9),
    (false, false, "programs/patient-en-handout.pdf", 10),
    (false, false, "programs/patient-es-handout.pdf", 10),
    (false, false, "spine-surgery-handout.es.pdf", 10),
    (false, false, "spine-surgery-handout.pdf", 9),
    (true, false, "handout.es.pdf", 17),
    (true, false, "handout.pdf", 15),
    (true, false, "programs/patient-en-handout.pdf", 14),
    (true, false, "programs/patient-es-handout.pdf", 17),
    (true, false, "spine-surgery-handout.es.pdf", 17),
    (true, false, "spine-surgery-handout.pdf", 15),
    (false, true, "handout.es.pdf", 11),
    (false, true, "handout.pdf", 11),
    (false, true, "programs/patient-en-handout.pdf", 10),
    (false, true, "programs/patient-es-handout.pdf", 11),
    (false, true, "spine-surgery-handout.es.pdf", 11),
    (false, true, "spine-surgery-handout.pdf", 11),
    (true, true, "handout.es.pdf", 18),
    (true, true, "handout.pdf", 17),
    (true, true, "programs/patient-en-handout.pdf", 16),
    (true, true, "programs/patient-es-handout.pdf", 18),
    (true, true, "spine-surgery-handout.es.pdf", 18),
    (true, true, "spine-surgery-handout.pdf", 17),
];

fn most_pages(large_print: bool, base_url: bool, file: &str) -> usize {
    (MOST_PAGES.iter())
        .find(|(l, b, f, _)| (*l, *b, *f) == (large_print, base_url, file))
        .map_or(0, |row| row.3)
}

#[test]
fn exercises_break_only_where_they_must_in_every_variant() {
    for large_print in [false, true] {
        for base_url in [false, true] {
            for (file, pages) in variant(large_print, base_url) {
                let most = most_pages(large_print, base_url, &file);
                assert!(
                    pages <= most,
                    "{file} (large print {large_print}, base_url {base_url}): {pages} pages, at most {most}"
                );
            }
        }
    }
}

#[test]
fn one_exercise_a_page_when_the_clinic_asks() {
    let project = Project::default_content();
    let yaml = project.read("content/handout.yaml");
    project.write(
        "content/handout.yaml",
        format!("layout: one-per-page\n{yaml}"),
    );
    let run = project.run(&["build", "--only", "handout"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let titles = titles(&project);
    let doc = Document::load(project.path().join("output/handout.pdf")).unwrap();
    let count = doc.get_pages().len() as u32;
    let mut seen = 0;
    for page in 1..=count {
        let here = runs(&doc, page)
            .into_iter()
            .filter(|r| r.size > 19.0 && titles.contains(&r.text))
            .count();
        assert!(here <= 1, "page {page} holds {here} exercises");
        seen += here;
    }
    assert_eq!(seen, 5, "every exercise, each on a page of its own");

    let bad = project.run(&["check"]);
    assert_eq!(bad.code, 0, "{}", bad.stderr);
    project.write(
        "content/handout.yaml",
        format!("layout: two-per-page\n{yaml}"),
    );
    let bad = project.run(&["check"]);
    assert_ne!(bad.code, 0);
    assert!(bad.stderr.contains("handout.yaml:1:"), "{}", bad.stderr);
}

/// A link to another part of the handout prints "(page N)" after its
/// words, N the page where that part's heading is, in the handout's
/// language; the link stays.
#[test]
fn a_link_to_another_part_prints_its_page() {
    let project = Project::default_content();
    let run = project.run(&["build", "--only", "handout"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for (file, reference, targets) in [
        (
            "handout.pdf",
            "(page ",
            [
                "Gentle stretching",
                "Strengthening",
                "Working with your therapist",
            ],
        ),
        (
            "handout.es.pdf",
            "(página ",
            [
                "estiramientos suaves",
                "fortalecimiento",
                "Cómo trabajar con su fisioterapeuta",
            ],
        ),
    ] {
        let doc = Document::load(project.path().join("output").join(file)).unwrap();
        let count = doc.get_pages().len() as u32;
        let pages: Vec<Vec<Run>> = (1..=count).map(|p| runs(&doc, p)).collect();
        let text: String = (pages.iter().flatten())
            .map(|r| r.text.replace('\u{a0}', " "))
            .collect::<Vec<_>>()
            .join(" ");
        for target in targets {
            let at = text
                .find(&format!("{target} {reference}"))
                .unwrap_or_else(|| panic!("{file}: no page after {target:?}"));
            let rest = &text[at + target.len() + 1 + reference.len()..];
            let number: usize = rest[..rest.find(')').unwrap()].parse().unwrap();
            let heading = (pages[number - 1].iter())
                .any(|r| r.size > 19.0 && r.text.to_lowercase() == target.to_lowercase());
            assert!(heading, "{file}: {target:?} is not headed on page {number}");
        }
    }
}

/// A footnote prints at the foot of the page that cites it, not at the
/// end of the handout: read back from the PDF, the note's text stands on
/// the marker's page, under everything else in its text area.
#[test]
fn a_footnote_prints_on_the_page_that_cites_it() {
    let project = Project::default_content();
    let page = project.read("content/pages/why-movement-matters.md");
    project.write(
        "content/pages/why-movement-matters.md",
        page.replacen(
            "depends on where you are in your recovery.",
            "depends on where you are in your recovery.[^stage]",
            1,
        ) + "\n[^stage]: Your care team tells you which phase you are in.\n",
    );
    let run = project.run(&["build", "--only", "handout"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let doc = Document::load(project.path().join("output/handout.pdf")).unwrap();
    let count = doc.get_pages().len() as u32;
    let pages: Vec<Vec<Run>> = (1..=count).map(|p| runs(&doc, p)).collect();
    let on = |text: &str| {
        (0..pages.len())
            .find(|p| pages[*p].iter().any(|r| r.text.contains(text)))
            .unwrap_or_else(|| panic!("{text:?} is not printed"))
    };
    let marker = on("recovery.¹");
    let note = on("Your care team tells you which phase you are in.");
    assert_eq!(
        note + 1,
        marker + 1,
        "the note prints on the page citing it"
    );
    assert!(marker + 1 < pages.len(), "cited before the last page");
    let last = pages[note].last().unwrap();
    assert!(
        last.text.contains("Your care team tells you"),
        "the note is the last thing in its page's text area: {:?}",
        last.text
    );
}
