//! `check` as a clinic's editor (issue 29): the plain-language report,
//! links written as paths, placeholders, drafts, and a first day from
//! `init` to a clean `check`.

use crate::support::Project;

/// A page written for specialists: grade 12 and more, medical words, and
/// one sentence of 40 words.
const HARD_PAGE: &str = "---
title: Postoperative considerations
order: 5
---
Postoperative rehabilitation necessitates comprehensive evaluation of lumbar musculature and \
proprioceptive capabilities. Patients should ambulate frequently, alternating supine positioning \
with controlled flexion exercises. Bilateral edema necessitates immediate consultation.

Following discharge, individuals recovering from spinal decompression procedures should \
progressively increase their physical activity according to individualized recommendations \
provided by their multidisciplinary rehabilitation team, monitoring symptoms carefully and \
documenting any unexpected changes in sensation, strength or mobility during everyday activities.
";

/// The same page in Spanish.
const HARD_PAGE_ES: &str = "---
title: Consideraciones postoperatorias
---
La rehabilitación postoperatoria requiere una evaluación exhaustiva de la musculatura lumbar y \
de las capacidades propioceptivas. Los pacientes deben deambular con frecuencia, alternando el \
decúbito supino con ejercicios controlados de flexión. El edema bilateral requiere una consulta inmediata.

Después del alta hospitalaria, las personas que se recuperan de procedimientos de descompresión \
espinal deben aumentar progresivamente su actividad física según las recomendaciones \
individualizadas de su equipo multidisciplinario de rehabilitación, vigilando cuidadosamente los \
síntomas y documentando cualquier cambio inesperado durante las actividades cotidianas.
";

/// `line:column` of the first `needle` in a file's text.
fn place(text: &str, needle: &str) -> String {
    let at = text.find(needle).expect("the word is in the text");
    let line = text[..at].matches('\n').count() + 1;
    let column = text[..at].rsplit('\n').next().unwrap_or("").chars().count() + 1;
    format!("{line}:{column}")
}

#[test]
fn a_page_at_grade_twelve_gets_its_warnings_with_places_in_english_and_spanish() {
    let project = Project::default_content();
    project.write("content/pages/considerations.md", HARD_PAGE);
    project.write("content/pages/considerations.es.md", HARD_PAGE_ES);
    let run = project.run(&["check", "--report"]);
    assert_eq!(run.code, 0, "warnings only: {}", run.stderr);
    let english = "content/pages/considerations.md";
    let spanish = "content/pages/considerations.es.md";
    let mut expected = vec![
        // The reading level, at the title.
        format!("{english}:2:8: warning: this page reads at Flesch-Kincaid grade"),
        format!("{spanish}:2:8: warning: this page reads at INFLESZ"),
        // The long sentence, where it starts.
        format!(
            "{english}:{}: warning: this sentence has 40 words",
            place(HARD_PAGE, "Following")
        ),
        format!(
            "{spanish}:{}: warning: this sentence has 43 words",
            place(HARD_PAGE_ES, "Después")
        ),
    ];
    // Each medical word, where it is.
    for word in [
        "lumbar",
        "ambulate",
        "supine",
        "flexion",
        "Bilateral",
        "edema",
    ] {
        expected.push(format!(
            "{english}:{}: warning: '{word}' is a medical word",
            place(HARD_PAGE, word)
        ));
    }
    for word in [
        "lumbar",
        "deambular",
        "decúbito supino",
        "flexión",
        "edema",
        "bilateral",
    ] {
        expected.push(format!(
            "{spanish}:{}: warning: '{word}' is a medical word",
            place(HARD_PAGE_ES, word)
        ));
    }
    for expected in expected {
        assert!(
            run.stderr.contains(&expected),
            "missing {expected}\n{}",
            run.stderr
        );
    }
    // `decúbito supino` is one medical word, not also `supino`.
    assert!(!run.stderr.contains("'supino'"), "{}", run.stderr);
    assert!(
        run.stderr.contains("write 'lying on your back' instead"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("write 'hinchazón' instead"),
        "{}",
        run.stderr
    );
    // The report has the table, both languages.
    let report = project.read("check-report/report.txt");
    assert!(report.contains("page considerations"), "{report}");
    assert!(report.contains("es: INFLESZ"), "{report}");
    let html = project.read("check-report/index.html");
    assert!(
        html.starts_with("<!DOCTYPE html>") && html.contains("above target"),
        "{html}"
    );
    // And warnings are denied on request.
    assert_eq!(project.run(&["check", "--deny-warnings"]).code, 1);
}

/// The default content reads at grade 6 or below, every exercise and
/// page in both its languages: its only warnings are its placeholders.
#[test]
fn the_default_contents_only_warnings_are_its_placeholders() {
    let project = Project::default_content();
    let run = project.run(&["check", "--report"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let warnings: Vec<&str> = (run.stderr.lines())
        .filter(|line| line.contains(": warning: "))
        .collect();
    assert_eq!(warnings.len(), 3, "{}", run.stderr);
    assert!(
        warnings.iter().all(|w| w.contains("still the placeholder")),
        "{warnings:#?}"
    );
    let report = project.read("check-report/report.txt");
    let rows: Vec<&str> = (report.lines())
        .filter(|l| l.starts_with("exercise ") || l.starts_with("page ") || l.starts_with("phase "))
        .collect();
    assert_eq!(rows.len(), 2 * 9, "{report}");
    assert!(rows.iter().all(|row| row.ends_with(" ok")), "{report}");
}

#[test]
fn a_link_to_a_content_file_leads_to_its_page_and_a_link_to_nothing_is_refused() {
    let project = Project::valid();
    let page = project.read("content/pages/why.md");
    project.write(
        "content/pages/why.md",
        format!("{page}\nSee [the next phase](../phases/second.md) and [lift](../exercises/lift.yaml).\n"),
    );
    let run = project.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = project.read("output/site/pages/why/index.html");
    assert!(
        html.contains(r#"href="../../phases/second/index.html""#),
        "{html}"
    );
    assert!(
        html.contains(r#"href="../../exercises/lift/index.html""#),
        "{html}"
    );
    assert!(!html.contains(".md\""), "{html}");
    // In the PDF, each is a link to its place in the handout.
    let pdf = crate::support::pdf::Document::load(project.path().join("output/handout.pdf"))
        .expect("the handout reads");
    let goes_to: Vec<String> = (pdf.objects.values())
        .filter_map(|object| object.as_dict().ok())
        .filter(|dict| dict.get(b"Subtype").and_then(|s| s.as_name()).ok() == Some(b"Link"))
        .filter(|dict| {
            let action = dict.get(b"A").and_then(|a| a.as_dict());
            action
                .and_then(|a| a.get(b"S"))
                .and_then(|s| s.as_name())
                .ok()
                == Some(b"GoTo")
        })
        .filter_map(|dict| {
            crate::support::pdf::decode_text_string(dict.get(b"Contents").ok()?).ok()
        })
        .collect();
    for text in ["the next phase", "lift"] {
        assert!(goes_to.iter().any(|t| t == text), "{text}: {goes_to:?}");
    }

    project.write(
        "content/pages/why.md",
        format!("{page}\nSee [the next phase](../phases/secnd.md).\n"),
    );
    let run = project.run(&["check"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains(
            "content/pages/why.md:11:5: error: the link '../phases/secnd.md' leads nowhere"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("did you mean `../phases/second.md`?"),
        "{}",
        run.stderr
    );
}

#[test]
fn placeholders_warn_and_deny_warnings_refuses_to_publish_them() {
    let project = Project::default_content();
    let build = project.run(&["build", "--deny-warnings"]);
    assert_eq!(build.code, 1, "{}", build.stderr);
    for expected in [
        "content/handout.yaml:11:9: warning: the clinic's name is still the placeholder 'Your clinic'",
        "content/handout.yaml:12:10: warning: the clinic's phone is still the placeholder '555-0199'",
        "content/handout.es.yaml:4:9: warning: the clinic's name is still the placeholder 'Su clínica'",
    ] {
        assert!(
            build.stderr.contains(expected),
            "missing {expected}\n{}",
            build.stderr
        );
    }
    assert!(
        !project.path().join("output").exists(),
        "nothing is written"
    );
    // A plain build warns and builds.
    let build = project.run(&["build"]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    assert!(
        build.stderr.contains("still the placeholder"),
        "{}",
        build.stderr
    );
    // A clinic without a phone is told.
    let valid = Project::valid();
    let settings = valid
        .read("content/handout.yaml")
        .replace("  phone: 555-0100\n", "");
    valid.write("content/handout.yaml", settings);
    let check = valid.run(&["check"]);
    assert!(
        check
            .stderr
            .contains("content/handout.yaml: warning: the clinic has no phone number"),
        "{}",
        check.stderr
    );
}

#[test]
fn a_draft_is_in_no_output_until_drafts_are_asked_for() {
    let project = Project::valid();
    let reach = project.read("content/exercises/reach.yaml");
    project.write(
        "content/exercises/reach.yaml",
        format!("draft: true\n{reach}"),
    );
    let page = project.read("content/pages/why.md");
    project.write(
        "content/pages/why.md",
        page.replacen("---\n", "---\ndraft: true\n", 1),
    );
    // Published content links to the draft exercise: an error at the link.
    let run = project.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("which is a draft: the published link would lead nowhere"),
        "{}",
        run.stderr
    );
    for (file, link) in [
        ("content/phases/first.md", "[the stretch](exercise:reach)"),
        ("content/exercises/squeeze.yaml", "[reach](exercise:reach)"),
        ("content/phases/second.md", "[why](page:why)"),
    ] {
        let text = project.read(file).replace(link, "the stretch");
        project.write(file, text);
    }
    let run = project.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for (name, bytes) in project.snapshot_files("output") {
        let text = String::from_utf8_lossy(&bytes);
        assert!(!name.contains("reach") && !name.contains("why"), "{name}");
        assert!(
            !text.contains("Reach up") && !text.contains("Why it matters"),
            "{name}"
        );
    }
    for pdf in ["handout.pdf", "checklist.pdf"] {
        let text = crate::support::pdf_text(&project.path().join("output").join(pdf));
        assert!(
            !text.contains("Reach up") && !text.contains("Why it matters"),
            "{pdf}: {text}"
        );
    }
    // --drafts builds them, and marks them on the site.
    let run = project.run(&["build", "--drafts", "--out", "preview"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let exercise = project.read("preview/site/exercises/reach/index.html");
    assert!(
        exercise.contains(r#"<p class="draft-banner">Draft: not published yet."#),
        "{exercise}"
    );
    let page = project.read("preview/site/pages/why/index.html");
    assert!(page.contains("draft-banner"), "{page}");
}

#[test]
fn init_with_english_a_clinic_and_a_phone_passes_check_with_warnings_denied() {
    let project = Project::empty();
    let init = project.run(&[
        "init",
        "clinic",
        "--languages",
        "en",
        "--clinic",
        "Riverside Spine: Rehab",
        "--phone",
        "555-0123",
    ]);
    assert_eq!(init.code, 0, "{}", init.stderr);
    let clinic = project.path().join("clinic");
    let files: Vec<String> = walkdir::WalkDir::new(&clinic)
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.path().display().to_string())
        .collect();
    assert!(
        files
            .iter()
            .all(|f| !f.contains(".es.") && !f.contains("spanish")),
        "no Spanish file: {files:#?}"
    );
    let settings = std::fs::read_to_string(clinic.join("content/handout.yaml")).unwrap();
    assert!(settings.contains("languages: [en]\n"), "{settings}");
    passes_check_deny_warnings(&clinic);
    // With Spanish asked for, its handout.yaml has the clinic's name too.
    let both = project.run(&[
        "init",
        "both",
        "--languages",
        "en,es",
        "--clinic",
        "Riverside Spine",
        "--phone",
        "555-0123",
    ]);
    assert_eq!(both.code, 0, "{}", both.stderr);
    let both = project.path().join("both");
    let spanish = std::fs::read_to_string(both.join("content/handout.es.yaml")).unwrap();
    assert!(spanish.contains("  name: Riverside Spine\n"), "{spanish}");
    passes_check_deny_warnings(&both);
    // A language the default content is not written in is refused.
    let refused = project.run(&["init", "other", "--languages", "en,fr"]);
    assert_eq!(refused.code, 2, "{}", refused.stderr);
    assert!(
        refused.stderr.contains("not written in 'fr'"),
        "{}",
        refused.stderr
    );
}

#[test]
fn every_manual_page_another_refers_to_is_written() {
    let project = Project::empty();
    let run = project.run(&["man", "--out", "man1"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let dir = project.path().join("man1");
    let top = std::fs::read_to_string(dir.join("handout.1")).unwrap();
    let mut referred = 0;
    for page in std::fs::read_dir(&dir).unwrap() {
        let text = std::fs::read_to_string(page.unwrap().path()).unwrap();
        assert!(text.contains(".SH \"EXIT STATUS\"") && text.contains(".SH EXAMPLES"));
        for piece in text.split("handout\\-").skip(1) {
            if let Some(end) = piece.find("(1)").filter(|&end| end < 30) {
                let name = format!("handout-{}.1", piece[..end].replace("\\-", "-"));
                assert!(dir.join(&name).is_file(), "{name} is referred to");
                referred += 1;
            }
        }
    }
    assert!(referred >= 8, "{top}");
    let one = project.run(&["man", "build"]);
    assert!(
        one.stdout.starts_with(".ie") || one.stdout.contains(".TH handout-build"),
        "{}",
        one.stdout
    );
}

#[test]
fn the_templates_are_exported_to_start_a_theme_from() {
    let project = Project::valid();
    let run = project.run(&["templates", "export", "templates"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        project
            .path()
            .join("templates/site/exercise.html")
            .is_file()
    );
    assert!(project.path().join("templates/pdf/handout.md").is_file());
    assert!(project.path().join("templates/words/es.ftl").is_file());
    // The exported templates build the same site.
    let build = project.run(&["build", "--deny-warnings"]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    let again = project.run(&["templates", "export", "templates"]);
    assert_eq!(again.code, 2, "{}", again.stderr);
    assert!(
        again
            .stderr
            .contains("already exist, so nothing was written"),
        "{}",
        again.stderr
    );
}

#[test]
fn a_tab_and_a_hold_with_its_repeats_get_plain_messages() {
    let project = Project::valid();
    let lift = project.read("content/exercises/lift.yaml");
    project.write(
        "content/exercises/lift.yaml",
        lift.replacen("kind:", "\tkind:", 1),
    );
    let run = project.run(&["check"]);
    assert!(
        run.stderr
            .contains("error: YAML indents with spaces: replace the tab at column 1"),
        "{}",
        run.stderr
    );
    let hold = lift
        .lines()
        .find(|l| l.trim_start().starts_with("hold:"))
        .expect("lift has a hold")
        .to_string();
    project.write(
        "content/exercises/lift.yaml",
        lift.replace(&hold, "  hold: 30 s x 3"),
    );
    let run = project.run(&["check"]);
    assert!(
        run.stderr.contains(
            "hint: write the hold alone, like `30 s`, and the repeats on their own line, `repeat: 3`"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn a_new_exercise_takes_its_kind_from_its_phase_and_its_todos_are_all_named() {
    let project = Project::default_content();
    let run = project.run(&["new", "exercise", "calf-raise", "--phase", "strengthening"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = project.read("content/exercises/calf-raise.yaml");
    assert!(
        text.contains("kind: strengthen  # like every exercise of this phase"),
        "{text}"
    );
    // Every line still marked, named in the one warning.
    let marked: Vec<String> = (text.lines().enumerate())
        .filter(|(_, line)| line.contains("TODO"))
        .map(|(at, _)| (at + 1).to_string())
        .collect();
    assert!(marked.len() > 3, "{text}");
    let check = project.run(&["check"]);
    let expected = format!(
        "content/exercises/calf-raise.yaml:{}:22: warning: this file is still marked TODO in {} places, on lines {};",
        marked[0],
        marked.len(),
        marked.join(", ")
    );
    assert!(
        check.stderr.contains(&expected),
        "missing {expected}\n{}",
        check.stderr
    );
    assert!(check.stdout.contains("no errors, "), "{}", check.stdout);
    // It is in no published program yet, and check says so.
    assert!(
        check
            .stderr
            .contains("note: the exercise 'calf-raise' is in no published program"),
        "{}",
        check.stderr
    );
}

/// Every file under `dir` that is text (the site's pages, scripts, search
/// index, sitemap), with its name.
fn text_files(dir: &std::path::Path) -> Vec<(String, String)> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_file())
        .filter_map(|entry| {
            let text = std::fs::read_to_string(entry.path()).ok()?;
            Some((entry.path().display().to_string(), text))
        })
        .collect()
}

#[test]
fn a_draft_of_the_default_content_is_in_no_site_page_search_index_sitemap_pdf_or_program() {
    let project = Project::default_content();
    project.fill_in_clinic();
    let settings = project.read("content/handout.yaml");
    project.write(
        "content/handout.yaml",
        format!("{settings}base_url: https://clinic.example.org/exercises/\n"),
    );
    let exercise = "content/exercises/hamstring-stretch.yaml";
    project.write(exercise, format!("draft: true\n{}", project.read(exercise)));
    let page = "content/pages/working-with-your-therapist.md";
    project.write(
        page,
        project
            .read(page)
            .replacen("---\n", "---\ndraft: true\n", 1),
    );
    // The published page that linked to the draft page no longer does.
    for (file, link, words) in [
        (
            "content/pages/why-movement-matters.md",
            "[Working with your therapist]",
            "our advice",
        ),
        (
            "content/pages/why-movement-matters.es.md",
            "[Cómo trabajar con su fisioterapeuta]",
            "nuestros consejos",
        ),
    ] {
        let link = format!("{link}(page:working-with-your-therapist)");
        let text = project.read(file);
        assert!(text.contains(&link), "{text}");
        project.write(file, text.replace(&link, words));
    }
    let build = project.run(&["build"]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    assert!(
        build.stderr.contains(
            "content/programs/spine-surgery.yaml:8:7: warning: the exercise 'hamstring-stretch' is a draft: the program is published without it"
        ),
        "{}",
        build.stderr
    );
    let patient = project.run(&["program", "content/docs/example-patient.yaml"]);
    assert_eq!(patient.code, 0, "{}", patient.stderr);

    let out = project.path().join("output");
    let gone = [
        "hamstring-stretch",
        "Hamstring stretch",
        "isquiotibiales",
        "working-with-your-therapist",
        "Working with your therapist",
        "Cómo trabajar con su fisioterapeuta",
    ];
    let texts = text_files(&out);
    let names: Vec<&str> = texts.iter().map(|(name, _)| name.as_str()).collect();
    for wanted in [
        "site/sitemap.xml",
        "site/search/index.html",
        "site/es/index.html",
    ] {
        assert!(
            names.iter().any(|n| n.ends_with(wanted)),
            "{wanted} is built: {names:#?}"
        );
    }
    for (name, text) in &texts {
        for word in gone {
            assert!(!name.contains(word), "{name}");
            assert!(!text.contains(word), "{name} has {word}");
        }
    }
    let mut pdfs = 0;
    for entry in walkdir::WalkDir::new(&out)
        .into_iter()
        .filter_map(Result::ok)
    {
        if entry.path().extension().is_some_and(|e| e == "pdf") {
            let text = crate::support::pdf_text(entry.path());
            for word in gone {
                assert!(
                    !text.contains(word),
                    "{} has {word}",
                    entry.path().display()
                );
            }
            pdfs += 1;
        }
    }
    // The handout and the checklist, the program's two, in two languages,
    // and the patient's two.
    assert_eq!(pdfs, 10, "{names:#?}");
    // The exercises that are published are still there.
    let handout = crate::support::pdf_text(&out.join("handout.pdf"));
    assert!(handout.contains("Calf stretch"), "{handout}");
}

#[test]
fn dropping_a_language_says_its_files_can_be_deleted() {
    let project = Project::default_content();
    let settings = project.read("content/handout.yaml");
    assert!(settings.contains("languages: [en, es]\n"), "{settings}");
    project.write(
        "content/handout.yaml",
        settings.replace("languages: [en, es]\n", "languages: [en]\n"),
    );
    let check = project.run(&["check"]);
    assert_eq!(check.code, 1, "{}", check.stderr);
    assert!(
        check.stderr.contains(
            "content/handout.es.yaml: error: 'es' is not one of the languages in handout.yaml (en)"
        ),
        "{}",
        check.stderr
    );
    assert!(
        check.stderr.contains(
            "to publish without es, delete the es files (every `*.es.yaml` and `*.es.md`)"
        ),
        "{}",
        check.stderr
    );
    // Deleted, the project checks.
    for entry in walkdir::WalkDir::new(project.path().join("content")) {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.ends_with(".es.yaml") || name.ends_with(".es.md") {
            std::fs::remove_file(entry.path()).unwrap();
        }
    }
    let check = project.run(&["check"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
}

/// Runs `handout check --deny-warnings` in a project folder `init` made,
/// and asserts it passes.
fn passes_check_deny_warnings(project: &std::path::Path) {
    let check = std::process::Command::new(env!("CARGO_BIN_EXE_handout"))
        .args(["check", "--deny-warnings"])
        .current_dir(project)
        .output()
        .unwrap();
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
}
