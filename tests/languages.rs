//! Languages: the default content in English and Spanish, translations
//! beside their sources holding words only, what `check` says of a missing
//! or out-of-step translation, the fallback with `translations: warn`, and
//! a patient's program in their language.

use std::path::Path;

use crate::support::pdf::Document;

use crate::support::Project;

/// Every page's text of a PDF, without whitespace.
fn pdf_text(path: &Path) -> String {
    let doc = Document::load(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    let raw = doc.extract_text(&pages).expect("text");
    raw.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The `/Lang` of a PDF's catalogue.
fn pdf_language(path: &Path) -> String {
    let doc = Document::load(path).unwrap();
    let catalog = doc.catalog().unwrap();
    let lang = catalog.get(b"Lang").unwrap().as_str().unwrap();
    String::from_utf8_lossy(lang).into_owned()
}

/// The default content with a site address, so the sitemap and the
/// absolute alternates are made.
fn with_base_url() -> Project {
    let project = Project::default_content();
    let settings = project.read("content/handout.yaml");
    project.write(
        "content/handout.yaml",
        format!("{settings}base_url: https://clinic.example.org/exercises/\n"),
    );
    project
}

#[test]
fn the_default_content_builds_in_english_and_spanish() {
    let project = with_base_url();
    let run = project.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = project.path().join("output");
    for name in [
        "handout.pdf",
        "handout.es.pdf",
        "checklist.pdf",
        "checklist.es.pdf",
        "spine-surgery-handout.pdf",
        "spine-surgery-handout.es.pdf",
        "spine-surgery-checklist.es.pdf",
    ] {
        assert!(out.join(name).is_file(), "{name} is missing");
    }
    assert_eq!(pdf_language(&out.join("handout.pdf")), "en");
    // Each phase's sheet stays on one page in Spanish too, though its
    // titles are longer (the boxes go two a line to make room).
    let pages = |name: &str| Document::load(out.join(name)).unwrap().get_pages().len();
    assert_eq!(pages("checklist.es.pdf"), pages("checklist.pdf"));
    assert_eq!(pdf_language(&out.join("handout.es.pdf")), "es");
    assert_eq!(pdf_language(&out.join("checklist.es.pdf")), "es");

    // The same pages, in Spanish, under es/, with the words translated
    // and the numbers of the one source.
    let english = project.read("output/site/exercises/calf-stretch/index.html");
    let spanish = project.read("output/site/es/exercises/calf-stretch/index.html");
    assert!(english.contains("<html lang=\"en\""), "{english}");
    assert!(spanish.contains("<html lang=\"es\""), "{spanish}");
    assert!(spanish.contains("Estiramiento de la pantorrilla"));
    assert!(!spanish.contains("Calf stretch"));
    assert!(
        spanish.contains("30 segundos"),
        "the dose is worded in Spanish"
    );
    let handout = pdf_text(&out.join("handout.es.pdf"));
    assert!(handout.contains("Estiramientodelapantorrilla"), "{handout}");
    assert!(!handout.contains("Calfstretch"), "{handout}");

    // Each page links to itself in the other language, and says so to
    // search engines.
    assert!(
        english.contains(
            r#"hreflang="es" href="https://clinic.example.org/exercises/es/exercises/calf-stretch/""#
        ),
        "{english}"
    );
    assert!(
        spanish.contains(
            r#"hreflang="en" href="https://clinic.example.org/exercises/exercises/calf-stretch/""#
        ),
        "{spanish}"
    );
    assert!(
        spanish.contains(r#"href="../../../exercises/calf-stretch/index.html""#),
        "the Spanish page links to the English one relatively: {spanish}"
    );
    assert!(
        english.contains(r#"href="../../es/exercises/calf-stretch/index.html""#),
        "{english}"
    );

    // One sitemap at the root lists both languages, each with its
    // alternates. Each language has its own 404 page, in its words.
    let sitemap = project.read("output/site/sitemap.xml");
    assert!(
        sitemap
            .contains("<loc>https://clinic.example.org/exercises/es/exercises/calf-stretch/</loc>")
    );
    assert!(sitemap.contains(
        r#"<xhtml:link rel="alternate" hreflang="es" href="https://clinic.example.org/exercises/es/"/>"#
    ), "{sitemap}");
    assert!(!out.join("site/es/sitemap.xml").exists());
    let not_found = project.read("output/site/es/404.html");
    assert!(not_found.contains("<html lang=\"es\""), "{not_found}");
    assert!(!not_found.contains("Page not found"), "{not_found}");

    // The Spanish handout's QR code leads to the Spanish site.
    let cover = project.read("output/site/es/index.html");
    assert!(cover.contains("Ejercicios después de una cirugía de columna"));
}

#[test]
fn one_language_builds_as_before() {
    let project = Project::default_content();
    let settings = project.read("content/handout.yaml");
    project.write(
        "content/handout.yaml",
        settings.replace("languages: [en, es]", "language: en"),
    );
    for file in walkdir::WalkDir::new(project.path().join("content"))
        .into_iter()
        .filter_map(Result::ok)
    {
        let name = file.file_name().to_string_lossy().into_owned();
        if name.contains(".es.") {
            std::fs::remove_file(file.path()).unwrap();
        }
    }
    let run = project.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = project.path().join("output");
    assert!(out.join("handout.pdf").is_file());
    assert!(!out.join("handout.es.pdf").exists());
    assert!(!out.join("site/es").exists());
    let page = project.read("output/site/exercises/calf-stretch/index.html");
    assert!(!page.contains("hreflang"), "no alternates for one language");
}

#[test]
fn a_missing_translation_is_an_error_naming_the_file() {
    let project = Project::default_content();
    std::fs::remove_file(
        project
            .path()
            .join("content/exercises/hamstring-stretch.es.yaml"),
    )
    .unwrap();
    let run = project.run(&["check"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(
        run.stderr
            .contains("content/exercises/hamstring-stretch.yaml"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("this has no translation into 'es'"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("add content/exercises/hamstring-stretch.es.yaml"),
        "{}",
        run.stderr
    );
    // Nothing was written.
    assert!(!project.path().join("output").exists());
}

#[test]
fn a_translation_out_of_step_with_its_source_is_an_error() {
    let project = Project::default_content();
    let path = "content/exercises/calf-stretch.es.yaml";
    let text = project.read(path);
    // Drop the last step.
    let dropped = text.replace("  - Enderécese y luego cambie de pierna.\n", "");
    assert_ne!(dropped, text);
    project.write(path, dropped);
    let run = project.run(&["check"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(
        run.stderr
            .contains("`steps:` lists 7 items here and 8 in its source"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_number_in_a_translation_says_where_the_number_lives() {
    let project = Project::default_content();
    let path = "content/exercises/calf-stretch.es.yaml";
    let text = project.read(path);
    project.write(path, format!("{text}dose:\n  hold: 20 s\n  repeat: 3\n"));
    let run = project.run(&["check"]);
    assert_eq!(run.code, 1, "{run:?}");
    let expected = "'dose' is not translated: it lives in content/exercises/calf-stretch.yaml, the same for every language";
    assert!(run.stderr.contains(expected), "{}", run.stderr);
    assert!(
        run.stderr.contains("calf-stretch.es.yaml:"),
        "located at the line: {}",
        run.stderr
    );
}

/// What the source holds besides words (a draft mark, a review date,
/// handout.yaml's readability settings) is said to live there too, not
/// called an unknown field: translations read the same table of fields
/// as validation.
#[test]
fn every_field_of_the_source_that_is_not_words_lives_in_the_source() {
    let project = Project::default_content();
    let path = "content/exercises/calf-stretch.es.yaml";
    let text = project.read(path);
    project.write(
        path,
        format!("{text}draft: true\nlast_reviewed: 2026-01-05\n"),
    );
    let settings = "content/handout.es.yaml";
    let text = project.read(settings);
    project.write(settings, format!("{text}readability:\n  grade: 6\n"));
    let run = project.run(&["check"]);
    assert_eq!(run.code, 1, "{run:?}");
    for (field, source) in [
        ("draft", "content/exercises/calf-stretch.yaml"),
        ("last_reviewed", "content/exercises/calf-stretch.yaml"),
        ("readability", "handout.yaml"),
    ] {
        let expected = format!("'{field}' is not translated: it lives in {source}");
        assert!(run.stderr.contains(&expected), "{expected}: {}", run.stderr);
    }
    assert!(!run.stderr.contains("unknown field"), "{}", run.stderr);
}

#[test]
fn a_translation_into_an_unlisted_language_or_of_nothing_is_an_error() {
    let project = Project::default_content();
    project.write(
        "content/exercises/calf-stretch.fr.yaml",
        "title: Étirement du mollet\n",
    );
    project.write("content/exercises/calf-strech.es.yaml", "title: Algo\n");
    let run = project.run(&["check"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(
        run.stderr
            .contains("'fr' is not one of the languages in handout.yaml (en, es)"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("there is no exercise 'calf-strech' to translate"),
        "{}",
        run.stderr
    );
}

#[test]
fn with_translations_warn_an_untranslated_page_falls_back_and_says_so() {
    let project = Project::default_content();
    let settings = project.read("content/handout.yaml");
    project.write(
        "content/handout.yaml",
        format!("{settings}translations: warn\n"),
    );
    std::fs::remove_file(
        project
            .path()
            .join("content/exercises/calf-stretch.es.yaml"),
    )
    .unwrap();
    let run = project.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("warning") && run.stderr.contains("no translation into 'es'"),
        "{}",
        run.stderr
    );
    let page = project.read("output/site/es/exercises/calf-stretch/index.html");
    // The words are the English source's, marked as English, and the page
    // says so in Spanish; the dose is still worded in Spanish.
    assert!(page.contains("Calf stretch"), "{page}");
    assert!(page.contains("lang=\"en\""), "{page}");
    assert!(page.contains("todavía no está traducid"), "{page}");
    // The other exercises are in Spanish and say nothing of the kind.
    let other = project.read("output/site/es/exercises/hamstring-stretch/index.html");
    assert!(!other.contains("todavía no está traducid"), "{other}");
    let handout = pdf_text(&project.path().join("output/handout.es.pdf"));
    assert!(handout.contains("Calfstretch"), "{handout}");
    assert!(handout.contains("todavíanoestátraducid"), "{handout}");
}

#[test]
fn a_patient_reads_their_program_in_their_language() {
    let project = Project::default_content();
    project.write(
        "patients/lucia.yaml",
        "program: spine-surgery\nlanguage: es\nsurgery_date: 2027-01-11\n",
    );
    project.write(
        "patients/ana.yaml",
        "program: spine-surgery\nlanguage: de\nsurgery_date: 2027-01-11\n",
    );
    let run = project.run(&["program", "patients/ana.yaml"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(
        run.stderr.contains("the content is not published in 'de'"),
        "{}",
        run.stderr
    );
    let run = project.run(&["program", "patients/lucia.yaml"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = project.path().join("output/programs");
    let handout = out.join("lucia-handout.pdf");
    assert_eq!(pdf_language(&handout), "es");
    let text = pdf_text(&handout);
    assert!(text.contains("Estiramientodelapantorrilla"), "{text}");
    assert!(text.contains("deenerode2027"), "dates in Spanish: {text}");
}

/// The English words handout itself writes (its catalogue's messages,
/// Fails when the PDF text of `file` holds the English words of any of
/// `strings` (message id, English text).
fn assert_no_english_message(file: &str, text: &str, strings: &[(String, String)]) {
    let found: Vec<&String> = (strings.iter())
        .filter(|(_, english)| has_words(text, english))
        .map(|(id, _)| id)
        .collect();
    assert!(
        found.is_empty(),
        "{file}: English messages {found:?} in {text}"
    );
}

/// every branch), less those `language` writes the same way.
fn english_words_not_in(language: &str) -> Vec<(String, String)> {
    let english = handout::words::Words::load("en", &[]).unwrap();
    let other = handout::words::Words::load(language, &[]).unwrap();
    // The same words with a no-break space are the same words (French
    // "1 minute").
    let same: Vec<String> = (other.every_text().into_iter())
        .map(|(_, t)| {
            t.split([' ', '\u{a0}'])
                .filter(|w| !w.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    let mut strings: Vec<(String, String)> = (english.every_text().into_iter())
        .filter(|(id, _)| id != "language-name")
        .map(|(id, text)| (id, text.split_whitespace().collect::<Vec<_>>().join(" ")))
        .filter(|(_, text)| text.chars().filter(|c| c.is_alphabetic()).count() >= 3)
        // A word the other language writes too ("Feb" in German "Feb.").
        .filter(|(_, text)| !same.iter().any(|other| has_words(other, text)))
        .collect();
    strings.dedup();
    strings
}

/// A patient's program printed in Spanish, French and German takes every
/// word from the patient's language: the program's title (on the cover,
/// the running heads, the checklist and in the PDF's metadata), the dates
/// and every word handout writes; French puts its no-break space before
/// a colon.
#[test]
fn a_patients_program_has_no_english_word_in_spanish_french_or_german() {
    let Some(_) = crate::support::tool("pdftotext") else {
        return;
    };
    let translated = Project::valid();
    crate::support::copy_dir(
        &crate::support::fixtures().join("translated"),
        &translated.path().join("content"),
    );
    let settings = translated.read("content/handout.yaml").replace(
        "language: en",
        "languages: [en, es, fr, de]\ntranslations: warn",
    );
    translated.write("content/handout.yaml", settings);
    for (language, title) in [("fr", "Les bases"), ("de", "Die Grundlagen")] {
        translated.write(
            &format!("patients/{language}.yaml"),
            format!(
                "program: basics\nlanguage: {language}\nsurgery_date: 2027-02-23\nphases:\n  second: {{ from_week: 1 }}\n"
            ),
        );
        let run = translated.run(&["program", &format!("patients/{language}.yaml")]);
        assert_eq!(run.code, 0, "{language}: {}", run.stderr);
        let strings = english_words_not_in(language);
        assert!(strings.len() > 150, "{language}: {} strings", strings.len());
        for file in [
            format!("{language}-handout.pdf"),
            format!("{language}-checklist.pdf"),
        ] {
            let path = translated.path().join("output/programs").join(&file);
            assert_eq!(pdf_title(&path), title, "{file}");
            let text = pdftotext(&path);
            for english in ["The basics", "Test exercises"] {
                assert!(!text.contains(english), "{file}: {english:?} in {text}");
            }
            assert_no_english_message(&file, &text, &strings);
            assert!(text.contains(title), "{file}: {text}");
        }
    }
    // Spanish, on the default content (which is translated into it).
    let project = Project::default_content();
    project.write(
        "patients/es.yaml",
        "program: spine-surgery\nlanguage: es\nsurgery_date: 2027-02-23\n",
    );
    let run = project.run(&["program", "patients/es.yaml"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let strings = english_words_not_in("es");
    for file in ["es-handout.pdf", "es-checklist.pdf"] {
        let path = project.path().join("output/programs").join(file);
        assert_eq!(
            pdf_title(&path),
            "Después de una cirugía de columna",
            "{file}"
        );
        let text = pdftotext(&path);
        assert!(!text.contains("After spine surgery"), "{file}: {text}");
        assert_no_english_message(file, &text, &strings);
    }
    // The dates a reader could misread are spelt out, and French spaces
    // its colons.
    let es = pdftotext(&project.path().join("output/programs/es-handout.pdf"));
    assert!(es.contains("martes 23 de febrero de 2027"), "{es}");
    let de = pdftotext(&translated.path().join("output/programs/de-checklist.pdf"));
    assert!(de.contains("23.2."), "{de}");
    assert!(!de.contains("Feb ."), "{de}");
    let fr = crate::support::pdf_text(&translated.path().join("output/programs/fr-handout.pdf"));
    // pdftotext writes the no-break space as a space (the catalogue's is
    // U+00A0: words::tests).
    assert!(fr.contains("Date de l’opération :"), "{fr}");
    assert!(fr.contains("Première phase :"), "{fr}");
}

/// The title in a PDF's metadata.
fn pdf_title(path: &Path) -> String {
    let doc = Document::load(path).unwrap();
    let info = doc.trailer.get(b"Info").unwrap().as_reference().unwrap();
    let info = doc.get_dictionary(info).unwrap();
    let title = info.get(b"Title").unwrap().as_str().unwrap();
    if title.starts_with(&[0xfe, 0xff]) {
        let units: Vec<u16> = (title[2..].chunks(2))
            .map(|pair| u16::from_be_bytes([pair[0], pair[1]]))
            .collect();
        String::from_utf16_lossy(&units)
    } else {
        String::from_utf8_lossy(title).into_owned()
    }
}

/// What a reader meets on a page: its text, and the words of its
/// attributes a screen reader says (`aria-label`, `alt`, `title`) or a
/// script shows (`data-*`), and the words a style sheet inline in it
/// shows (`content: "…"`), with whitespace collapsed.
fn page_words(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        out.push_str(&rest[..start]);
        out.push(' ');
        let tag_end = rest[start..]
            .find('>')
            .map_or(rest.len(), |end| start + end + 1);
        let tag = &rest[start..tag_end];
        let is_script = tag.starts_with("<script");
        let is_style = tag.starts_with("<style");
        for attribute in [
            "aria-label=\"",
            "alt=\"",
            "title=\"",
            "data-none=\"",
            "data-one=\"",
            "data-many=\"",
            "data-confirm=\"",
            "data-week-label=\"",
            "data-today=\"",
        ] {
            if let Some(at) = tag.find(attribute) {
                let value = &tag[at + attribute.len()..];
                out.push_str(&value[..value.find('"').unwrap_or(value.len())]);
                out.push(' ');
            }
        }
        rest = &rest[tag_end..];
        if is_script {
            rest = &rest[rest.find("</script>").unwrap_or(rest.len())..];
        }
        if is_style {
            let end = rest.find("</style>").unwrap_or(rest.len());
            for shown in rest[..end].split("content: \"").skip(1) {
                out.push_str(&shown[..shown.find('"').unwrap_or(shown.len())]);
                out.push(' ');
            }
            rest = &rest[end..];
        }
    }
    out.push_str(rest);
    let text = out
        .replace("&amp;", "&")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&nbsp;", " ");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A PDF's text as pdftotext reads it, whitespace collapsed.
fn pdftotext(path: &Path) -> String {
    crate::support::pdf_text(path)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Where `needle` stands as whole words in `text`.
fn has_words(text: &str, needle: &str) -> bool {
    text.match_indices(needle).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + needle.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

#[test]
fn spanish_pages_and_pdfs_carry_no_english_word_handout_writes() {
    let Some(_) = crate::support::tool("pdftotext") else {
        return;
    };
    let english = handout::words::Words::load("en", &[]).unwrap();
    let spanish = handout::words::Words::load("es", &[]).unwrap();
    let same_in_spanish: Vec<String> = spanish.every_text().into_iter().map(|(_, t)| t).collect();
    // A language's name is written in itself on every page's switcher.
    let mut strings: Vec<(String, String)> = (english.every_text().into_iter())
        .filter(|(id, _)| id != "language-name")
        .map(|(id, text)| (id, text.split_whitespace().collect::<Vec<_>>().join(" ")))
        .filter(|(_, text)| text.chars().filter(|c| c.is_alphabetic()).count() >= 3)
        .filter(|(_, text)| !same_in_spanish.contains(text))
        .collect();
    strings.dedup();
    assert!(strings.len() > 150, "{} strings", strings.len());

    let project = Project::default_content();
    let run = project.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = project.path().join("output");
    let mut texts = Vec::new();
    for entry in walkdir::WalkDir::new(out.join("site/es")) {
        let entry = entry.unwrap();
        if entry.path().extension().is_some_and(|e| e == "html") {
            let html = std::fs::read_to_string(entry.path()).unwrap();
            texts.push((entry.path().to_path_buf(), page_words(&html)));
        }
    }
    assert!(texts.len() > 10, "{} Spanish pages", texts.len());
    // The words the Spanish style sheet writes (`content:`, an alert's
    // label) are read as a page's own.
    let style = out.join("site/es/assets/style.css");
    let css = std::fs::read_to_string(&style).unwrap();
    let shown = page_words(&format!("<style>{css}</style>"));
    assert!(shown.contains("Atención"), "{shown}");
    texts.push((style, shown));
    for entry in std::fs::read_dir(&out).unwrap() {
        let path = entry.unwrap().path();
        if path.to_string_lossy().ends_with(".es.pdf") {
            texts.push((path.clone(), pdftotext(&path)));
        }
    }
    assert!(
        texts
            .iter()
            .filter(|(p, _)| p.extension().is_some_and(|e| e == "pdf"))
            .count()
            >= 4
    );
    let mut found = Vec::new();
    for (path, text) in &texts {
        for (id, english) in &strings {
            if has_words(text, english) {
                found.push(format!("{}: `{id}` {english:?}", path.display()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "English words on Spanish pages:\n{}",
        found.join("\n")
    );
    // The check sees what it looks for: the English site has them.
    let home = page_words(&project.read("output/site/index.html"));
    assert!(has_words(&home, "How to use this guide"), "{home}");
}

#[test]
fn japanese_text_prints_in_a_font_the_clinic_adds() {
    let Some(_) = crate::support::tool("pdftotext") else {
        return;
    };
    let project = Project::fixture("japanese");
    let run = project.run(&["build", "--only", "pdf"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let handout = project.path().join("output/handout.pdf");
    let text = pdftotext(&handout);
    for words in [
        "Calf stretch (ふくらはぎのストレッチ)",
        "1. 壁に向かって立ちます。",
        "鋭い痛みを感じたら、すぐにやめてください。",
    ] {
        assert!(text.contains(words), "{words} not in {text}");
    }
    // A line of Japanese longer than the page breaks between characters,
    // and reads back whole.
    let raw = crate::support::pdf_text(&handout);
    let breathing = raw
        .lines()
        .skip_while(|line| !line.contains("壁に向かって立ち、"))
        .take(3)
        .collect::<Vec<_>>();
    assert!(
        breathing.len() >= 2 && !breathing[0].contains("伸ばします"),
        "{breathing:?}"
    );
    let joined: String = pdf_text(&handout);
    assert!(
        joined.contains(
            "かかとを床につけたまま、壁の方へ体を傾けます。ふくらはぎの筋肉を伸ばします。"
        ),
        "{joined}"
    );
    // The font is embedded as a subset, beside DejaVu.
    let doc = Document::load(&handout).unwrap();
    let names: Vec<String> = (doc.objects.values())
        .filter_map(|object| object.as_dict().ok())
        .filter_map(|dict| dict.get(b"BaseFont").ok())
        .filter_map(|name| name.as_name().ok())
        .map(|name| String::from_utf8_lossy(name).into_owned())
        .collect();
    assert!(names.iter().any(|n| n.contains("+NotoSansJP")), "{names:?}");
    assert!(names.iter().any(|n| n.contains("+DejaVuSans")), "{names:?}");
}

#[test]
fn japanese_text_without_a_font_for_it_is_an_error_at_its_place() {
    let project = Project::fixture("japanese");
    let settings = project.read("content/handout.yaml");
    let without: String = settings
        .lines()
        .filter(|line| !line.starts_with("fonts:"))
        .map(|line| format!("{line}\n"))
        .collect();
    project.write("content/handout.yaml", without);
    let run = project.run(&["check"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(
        run.stderr.contains(
            "exercises/calf-stretch.yaml:1:22: error: U+3075 'ふ' is not in the PDF font"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("`fonts:` in handout.yaml"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_font_that_is_missing_or_not_a_font_is_an_error_in_handout_yaml() {
    let project = Project::fixture("japanese");
    let settings = project.read("content/handout.yaml");
    project.write(
        "content/handout.yaml",
        settings.replace(
            "fonts: [fonts/NotoSansJP-subset.ttf]",
            "fonts: [fonts/NotoSansJP-Subset.ttf, fonts/OFL.txt, ../outside.ttf]",
        ),
    );
    let run = project.run(&["check"]);
    assert_eq!(run.code, 1, "{run:?}");
    for expected in [
        "handout.yaml:7:9: error: the font 'fonts/NotoSansJP-Subset.ttf' is not a file inside the content folder",
        "did you mean 'fonts/NotoSansJP-subset.ttf'?",
        "handout.yaml:7:38: error: the font 'fonts/OFL.txt' is not a font handout can read",
        "error: the font '../outside.ttf' is not a file inside the content folder",
    ] {
        assert!(run.stderr.contains(expected), "{expected}\n{}", run.stderr);
    }
}

#[test]
fn a_spanish_pdf_says_its_tick_boxes_and_links_in_spanish() {
    let project = with_base_url();
    project.write(
        "content/pages/before.md",
        "---\ntitle: Before you start\norder: 3\nappears_in: [handout]\n---\n- [ ] I asked my surgeon\n",
    );
    project.write(
        "content/pages/before.es.md",
        "---\ntitle: Antes de empezar\n---\n- [ ] Le pregunté a mi cirujano\n",
    );
    let run = project.run(&["build", "--only", "pdf"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // What a screen reader says: tick boxes' /Alt, bare links' /Contents.
    let spoken = |name: &str, key: &[u8]| -> Vec<String> {
        let doc = Document::load(project.path().join("output").join(name)).unwrap();
        let mut found: Vec<String> = (doc.objects.values())
            .filter_map(|object| object.as_dict().ok())
            .filter_map(|dict| dict.get(key).ok())
            .filter_map(|value| crate::support::pdf::decode_text_string(value).ok())
            .collect();
        found.sort();
        found.dedup();
        found
    };
    let boxes = spoken("handout.es.pdf", b"Alt");
    assert!(boxes.contains(&"Sin marcar".to_string()), "{boxes:?}");
    assert!(!boxes.contains(&"Not done".to_string()), "{boxes:?}");
    let links = spoken("handout.es.pdf", b"Contents");
    // Every link has words of its own here; none says where it leads in
    // English.
    assert!(!links.is_empty());
    assert!(
        !(links.iter()).any(|l| ["Go to page", "Open ", "Call ", "Email "]
            .iter()
            .any(|english| l.starts_with(english))),
        "{links:?}"
    );
    let english = spoken("handout.pdf", b"Alt");
    assert!(english.contains(&"Not done".to_string()), "{english:?}");
}

/// One word for each idea: a Spanish text or catalogue message that uses
/// a word the glossary avoids is a warning at its place, naming the word.
#[test]
fn the_glossary_holds_every_language_to_its_words() {
    let project = Project::default_content();
    let page = project.read("content/phases/strengthening.es.md");
    project.write(
        "content/phases/strengthening.es.md",
        page.replace(
            "Pregúntele a su fisioterapeuta",
            "Pregúntele a su terapeuta",
        ),
    );
    project.write(
        "templates/words/es.ftl",
        "checklist-lead = Imprímala y péguela en la nevera.\n",
    );
    let run = project.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for expected in [
        "content/phases/strengthening.es.md:11:17: warning: 'terapeuta' is not the word this content uses in 'es': write 'fisioterapeuta'",
        "templates/words/es.ftl:1:44: warning: 'nevera' is not the word this content uses in 'es': write 'refrigerador'",
    ] {
        assert!(
            run.stderr.contains(expected),
            "{expected:?} missing:\n{}",
            run.stderr
        );
    }
    assert_eq!(project.run(&["check", "--deny-warnings"]).code, 1);
}
