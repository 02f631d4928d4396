//! The PDF handout: what a patient gets on paper. The PDF is opened with
//! the tests' reader (support/pdf.rs) and checked for its pages, text,
//! bookmarks, links and metadata.

use crate::support::pdf::{Dictionary, Document, Object};

use crate::support::Project;

/// Builds a project's PDFs and opens the handout.
fn handout(project: &Project, args: &[&str]) -> Document {
    let mut all = vec!["build", "--only", "pdf"];
    all.extend_from_slice(args);
    let run = project.run(&all);
    assert_eq!(run.code, 0, "{}", run.stderr);
    Document::load(project.path().join("output/handout.pdf"))
        .expect("a PDF the test reader can read")
}

/// All the text of a PDF, page after page, with whitespace collapsed.
pub(crate) fn text(doc: &Document) -> String {
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    let raw = doc.extract_text(&pages).expect("text");
    raw.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The text of one page (1-based).
fn page_text(doc: &Document, page: u32) -> String {
    let raw = doc.extract_text(&[page]).expect("text");
    raw.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn catalog(doc: &Document) -> &Dictionary {
    doc.catalog().expect("catalog")
}

fn string(doc: &Document, object: &Object) -> String {
    let object = match object {
        Object::Reference(id) => doc.get_object(*id).expect("object"),
        other => other,
    };
    let bytes = object.as_str().expect("string");
    match bytes.strip_prefix(&[0xfe, 0xff]) {
        Some(utf16) => String::from_utf16_lossy(
            &utf16
                .chunks(2)
                .map(|c| u16::from_be_bytes([c[0], c[1]]))
                .collect::<Vec<_>>(),
        ),
        None => String::from_utf8_lossy(bytes).into_owned(),
    }
}

/// The outline as nested `(title, children)`.
fn outline(doc: &Document) -> Vec<(String, Vec<String>)> {
    fn items(doc: &Document, first: Option<&Object>) -> Vec<(String, Dictionary)> {
        let mut out = Vec::new();
        let mut next = first.and_then(|o| o.as_reference().ok());
        while let Some(id) = next {
            let item = doc.get_dictionary(id).expect("outline item").clone();
            out.push((string(doc, item.get(b"Title").unwrap()), item.clone()));
            next = item.get(b"Next").ok().and_then(|o| o.as_reference().ok());
        }
        out
    }
    let root = catalog(doc)
        .get(b"Outlines")
        .expect("an outline")
        .as_reference()
        .unwrap();
    let root = doc.get_dictionary(root).unwrap();
    items(doc, root.get(b"First").ok())
        .into_iter()
        .map(|(title, item)| {
            let children = items(doc, item.get(b"First").ok())
                .into_iter()
                .map(|(t, _)| t)
                .collect();
            (title, children)
        })
        .collect()
}

/// Every link annotation: `Some(uri)` for web links, `None` for internal ones.
pub(crate) fn links(doc: &Document) -> Vec<Option<String>> {
    let mut out = Vec::new();
    for page in doc.get_pages().values() {
        let page = doc.get_dictionary(*page).unwrap();
        let Ok(annots) = page.get(b"Annots") else {
            continue;
        };
        let annots = match annots {
            Object::Reference(id) => doc.get_object(*id).unwrap().as_array().unwrap().clone(),
            other => other.as_array().unwrap().clone(),
        };
        for annot in annots {
            let annot = match annot {
                Object::Reference(id) => doc.get_dictionary(id).unwrap().clone(),
                other => other.as_dict().unwrap().clone(),
            };
            let action = annot.get(b"A").ok().map(|a| match a {
                Object::Reference(id) => doc.get_dictionary(*id).unwrap().clone(),
                other => other.as_dict().unwrap().clone(),
            });
            match action {
                Some(a) if a.get(b"URI").is_ok() => {
                    out.push(Some(string(doc, a.get(b"URI").unwrap())));
                }
                _ => out.push(None),
            }
        }
    }
    out
}

#[test]
fn the_default_handout_carries_every_exercise_step_and_dose() {
    let project = Project::default_content();
    let doc = handout(&project, &[]);
    let all = text(&doc);
    let content = project.path().join("content/exercises");
    let mut exercises = 0;
    for entry in std::fs::read_dir(content).unwrap() {
        let path = entry.unwrap().path();
        // A translation prints in its own language's handout.
        if path
            .file_stem()
            .is_some_and(|stem| stem.to_string_lossy().contains('.'))
        {
            continue;
        }
        let yaml = std::fs::read_to_string(path).unwrap();
        let title = yaml
            .lines()
            .find_map(|l| l.strip_prefix("title: "))
            .unwrap();
        assert!(all.contains(title), "{title} missing");
        // A step says the hold through `{hold}`: the handout prints the
        // exercise's own, `hold: 30 s` as "30 seconds".
        let hold = yaml
            .lines()
            .find_map(|l| l.trim().strip_prefix("hold: "))
            .map(|h| format!("{} seconds", h.trim_end_matches(" s")));
        let mut in_steps = false;
        for line in yaml.lines() {
            if line == "steps:" {
                in_steps = true;
            } else if in_steps && let Some(step) = line.strip_prefix("  - ") {
                let step = match &hold {
                    Some(hold) => step.replace("{hold}", hold),
                    None => step.to_string(),
                };
                assert!(
                    !step.contains('{'),
                    "step {step:?} of {title} has a variable left"
                );
                assert!(all.contains(&step), "step {step:?} of {title} missing");
            } else {
                in_steps = false;
            }
        }
        exercises += 1;
    }
    assert_eq!(exercises, 5);
    for dose in [
        "Hold 30 seconds. Repeat 3 times on each leg, switching legs. 5-6 times a day.",
        "Hold 30 seconds. Repeat 3 times on each leg. 5-6 times a day.",
        "Hold 5 seconds. Repeat 10 times.",
    ] {
        assert!(all.contains(dose), "dose {dose:?} missing");
    }
}

#[test]
fn pages_furniture_and_paper() {
    let project = Project::valid();
    let doc = handout(&project, &[]);
    let pages = doc.get_pages();
    assert_eq!(pages.len(), 5, "{}", text(&doc));
    let last = pages.len() as u32;
    assert!(page_text(&doc, 2).contains("Page 2 of 5"));
    assert!(page_text(&doc, last).contains("Questions? Call 555-0100"));
    assert!(
        !page_text(&doc, 1).contains("Page 1 of"),
        "the cover has no page number"
    );
    // The fixture asks for A4.
    let first = doc.get_dictionary(pages[&1]).unwrap();
    let media = first.get(b"MediaBox").unwrap().as_array().unwrap();
    let width = media[2].as_float().unwrap();
    let height = media[3].as_float().unwrap();
    assert!(
        (width - 595.3).abs() < 1.0 && (height - 841.9).abs() < 1.0,
        "{width} x {height}"
    );
}

#[test]
fn bookmarks_nest_exercises_under_phases() {
    let doc = handout(&Project::valid(), &[]);
    assert_eq!(
        outline(&doc),
        vec![
            ("Test exercises".to_string(), vec![]),
            ("Contents".to_string(), vec![]),
            ("When to get help".to_string(), vec![]),
            ("Why it matters".to_string(), vec![]),
            (
                "First phase".to_string(),
                vec!["Reach up".to_string(), "Squeeze".to_string()]
            ),
            ("Second phase".to_string(), vec!["Lift".to_string()]),
        ]
    );
    let mode = catalog(&doc).get(b"PageMode").unwrap();
    assert_eq!(
        mode.as_name().unwrap(),
        b"UseOutlines",
        "the viewer opens the bookmarks"
    );
}

#[test]
fn content_links_become_internal_links() {
    let doc = handout(&Project::valid(), &[]);
    let links = links(&doc);
    // Contents entries and the content links in the prose are internal.
    assert!(
        links.iter().filter(|l| l.is_none()).count() >= 6,
        "{links:?}"
    );
    let project = Project::valid();
    project.write(
        "content/pages/why.md",
        "---\ntitle: Why\n---\nSee [our site](https://clinic.example.org/) and [reach](exercise:reach).\n",
    );
    let links = self::links(&handout(&project, &[]));
    assert!(
        links.contains(&Some("https://clinic.example.org/".to_string())),
        "{links:?}"
    );
}

#[test]
fn metadata_language_and_date() {
    let doc = handout(&Project::valid(), &[]);
    let lang = catalog(&doc).get(b"Lang").unwrap();
    assert_eq!(string(&doc, lang), "en");
    let info = doc.trailer.get(b"Info").unwrap().as_reference().unwrap();
    let info = doc.get_dictionary(info).unwrap();
    assert_eq!(string(&doc, info.get(b"Title").unwrap()), "Test exercises");
    assert_eq!(string(&doc, info.get(b"Author").unwrap()), "Fixture Clinic");
    // SOURCE_DATE_EPOCH (set by the test helper) is 2026-01-01.
    assert!(string(&doc, info.get(b"CreationDate").unwrap()).starts_with("D:20260101"));
}

#[test]
fn large_print_reflows_onto_more_pages() {
    let normal = handout(&Project::default_content(), &[]).get_pages().len();
    let large = handout(&Project::default_content(), &["--large-print"])
        .get_pages()
        .len();
    assert!(large > normal, "{large} large-print pages vs {normal}");
    let project = Project::default_content();
    let settings = project.read("content/handout.yaml");
    project.write(
        "content/handout.yaml",
        format!("{settings}large_print: true\n"),
    );
    assert_eq!(
        handout(&project, &[]).get_pages().len(),
        large,
        "handout.yaml asks for the same"
    );
}

#[test]
fn text_in_other_scripts_prints() {
    let project = Project::valid();
    project.write(
        "content/pages/why.md",
        "---\ntitle: Café\n---\nPiñata, über, São Paulo. Ελληνικά: Άσκηση διάτασης. Русский: Упражнение.\n",
    );
    let all = text(&handout(&project, &[]));
    for word in ["Café", "Piñata", "über", "Άσκηση", "διάτασης", "Упражнение"]
    {
        assert!(all.contains(word), "{word} missing from {all}");
    }
}

#[test]
fn the_handout_is_small() {
    let project = Project::default_content();
    handout(&project, &[]);
    let size = std::fs::metadata(project.path().join("output/handout.pdf"))
        .unwrap()
        .len();
    assert!(size < 200 * 1024, "{size} bytes");
}

#[test]
fn a_pdf_only_build_keeps_the_site() {
    let project = Project::valid();
    assert_eq!(project.run(&["build"]).code, 0);
    let site = project.snapshot_files("output/site");
    assert_eq!(project.run(&["build", "--only", "pdf"]).code, 0);
    assert_eq!(project.snapshot_files("output/site"), site);
    assert_eq!(project.run(&["build", "--only", "site"]).code, 0);
    assert!(project.path().join("output/handout.pdf").exists());
}

#[test]
fn the_handout_template_can_be_overridden() {
    let project = Project::valid();
    project.write(
        "templates/pdf/handout.md",
        "# {{ title }} {.cover}\n\n{% for phase in phases %}# {{ phase.title }}\n\n{% for e in phase.exercises %}## {{ e.title }}\n\n{{ e.dose.sentence }}\n\n{% endfor %}{% endfor %}",
    );
    let doc = handout(&project, &[]);
    let all = text(&doc);
    assert!(
        all.contains("Lift Hold 1 minute. Repeat 10 times."),
        "{all}"
    );
    assert!(
        !all.contains("How to use this handout"),
        "the built-in template was replaced"
    );
}

#[test]
fn a_character_the_pdf_font_lacks_is_an_error_at_its_place() {
    let project = Project::valid();
    let yaml = project.read("content/exercises/reach.yaml");
    project.write(
        "content/exercises/reach.yaml",
        yaml.replace(
            "  - Stand tall.",
            "  - Stand tall (あ).\n  # a comment may say あ",
        ),
    );
    let run = project.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    // Once for the handout and once for the checklist would be the same
    // place: it is reported once, in the step, never in the comment.
    assert_eq!(
        run.stderr.matches("is not in the PDF font").count(),
        1,
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(
            "content/exercises/reach.yaml:14:17: error: U+3042 'あ' is not in the PDF font"
        ),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("DejaVu Sans"), "{}", run.stderr);
    assert!(!project.path().join("output").exists(), "nothing written");
    // The website has its own fonts: a site-only build works.
    let site = project.run(&["build", "--only", "site"]);
    assert_eq!(site.code, 0, "{}", site.stderr);
}

#[test]
fn right_to_left_and_joining_scripts_are_refused_in_the_pdfs_not_printed_wrong() {
    let project = Project::valid();
    let yaml = project.read("content/exercises/reach.yaml");
    // DejaVu has Hebrew and Arabic letters, but the typesetter would set
    // them left to right and unjoined.
    project.write(
        "content/exercises/reach.yaml",
        yaml.replace(
            "  - Stand tall.",
            "  - Stand tall (עמידה).\n  - Breathe (تنفس).",
        ),
    );
    let run = project.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "content/exercises/reach.yaml:14:17: error: U+05E2 'ע' is written right to left, which the PDFs cannot set yet"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(
            "content/exercises/reach.yaml:15:14: error: U+062A 'ت' is a letter that joins its neighbours, which the PDFs cannot set yet"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("refused rather than printed wrong"),
        "{}",
        run.stderr
    );
    let site = project.run(&["build", "--only", "site"]);
    assert_eq!(site.code, 0, "{}", site.stderr);
}

#[test]
fn a_character_the_pdf_font_lacks_in_a_template_is_an_error_there() {
    let project = Project::valid();
    project.write(
        "templates/pdf/handout.md",
        "# {{ title }} {.cover}\n\nPrinted with care あ\n",
    );
    let run = project.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("templates/pdf/handout.md:3:19: error: U+3042 'あ' is not in the PDF font"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_jpeg_figure_prints_in_both_pdfs() {
    let project = Project::valid();
    let jpeg = std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/layout/tiny-30x20.jpg"),
    )
    .unwrap();
    project.write("content/figures/reach.jpg", jpeg);
    let yaml = project.read("content/exercises/reach.yaml");
    project.write(
        "content/exercises/reach.yaml",
        yaml.replace("figures/reach.png", "figures/reach.jpg"),
    );
    let handout = handout(&project, &[]);
    let checklist = Document::load(project.path().join("output/checklist.pdf")).unwrap();
    for (name, doc) in [("handout", &handout), ("checklist", &checklist)] {
        let images: Vec<(i64, i64)> = doc
            .objects
            .values()
            .filter_map(|object| object.as_stream().ok())
            .filter(|stream| {
                stream.dict.get(b"Subtype").and_then(|s| s.as_name()).ok() == Some(b"Image")
            })
            .map(|stream| {
                let number = |key: &[u8]| stream.dict.get(key).unwrap().as_i64().unwrap();
                (number(b"Width"), number(b"Height"))
            })
            .collect();
        assert_eq!(images, [(30, 20)], "{name}: the JPEG, at its pixel size");
    }
}

#[test]
fn the_dose_and_the_checklist_days_are_written_in_the_publications_language() {
    let project = Project::valid();
    let settings = project.read("content/handout.yaml");
    project.write(
        "content/handout.yaml",
        settings.replace("language: en", "language: es"),
    );
    let all = text(&handout(&project, &["--start", "2027-01-11"]));
    assert!(all.contains("Repita 10 veces."), "{all}");
    assert!(!all.contains("Repeat 10 times"), "{all}");
    let checklist = Document::load(project.path().join("output/checklist.pdf")).unwrap();
    let sheet = text(&checklist);
    assert!(sheet.contains("lu") && sheet.contains("11 ene"), "{sheet}");
    // A language with no catalogue stops the build and says what to do.
    project.write(
        "content/handout.yaml",
        settings.replace("language: en", "language: pt"),
    );
    let run = project.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("handout has no words for the language `pt`"),
        "{}",
        run.stderr
    );
    // Until the clinic adds one.
    project.write(
        "templates/words/pt.ftl",
        crate::support::words_catalogue("en").replace("Repeat", "Repita"),
    );
    let run = project.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}
