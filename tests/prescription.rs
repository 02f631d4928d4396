//! The prescription printed whole (issue 22): the warning signs on every
//! output in every shipped language, and a patient's name in no message.
//! (A changed dose printed everywhere it is said is in programs.rs; a
//! restated dose and a translation's numbers are error cases in errors.rs.)

use std::path::Path;

use crate::support::pdf::Document;

use crate::support::Project;

/// Every page's text of a PDF, without whitespace (lines break anywhere).
fn pdf_text(path: &Path) -> String {
    let doc = Document::load(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    let raw = doc.extract_text(&pages).expect("text");
    squeeze(&raw)
}

fn squeeze(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}')
        .collect()
}

/// What each shipped language calls the warning signs' parts (from its
/// catalogue), for the valid fixture's emergency number 112.
const LANGUAGES: &[(&str, &str, &str, &str)] = &[
    (
        "en",
        "When to get help",
        "Call 112 right away if",
        "A warning sign? Call 112 now.",
    ),
    (
        "es",
        "Cuándo pedir ayuda",
        "Llame al 112 de inmediato si",
        "¿Una señal de alarma? Llame al 112 ya.",
    ),
    (
        "fr",
        "Quand demander de l’aide",
        "Appelez le 112 tout de suite si",
        "Un signe d’alerte ? Appelez le 112 tout de suite.",
    ),
    (
        "de",
        "Wann Sie Hilfe holen",
        "Rufen Sie sofort die 112 an, wenn",
        "Ein Warnzeichen? Rufen Sie sofort die 112 an.",
    ),
];

#[test]
fn the_warning_signs_reach_every_output_in_every_language() {
    for (language, title, emergency, footer) in LANGUAGES {
        let project = Project::valid();
        let settings = project
            .read("content/handout.yaml")
            .replace("language: en", &format!("language: {language}"));
        project.write("content/handout.yaml", &settings);
        project.write(
            "patient.yaml",
            "surgery_date: 2027-01-11\nexercises:\n  - reach: { hold: 20 s }\n",
        );
        let run = project.run(&["build"]);
        assert_eq!(run.code, 0, "{language}: {}", run.stderr);
        let run = project.run(&["program", "patient.yaml"]);
        assert_eq!(run.code, 0, "{language}: {}", run.stderr);
        let out = project.path().join("output");
        let signs = [
            "You have chest pain or trouble breathing.",
            "You have a fever.",
            "Your wound is red or leaks.",
        ];
        // The handout (the library's and the patient's): the heading, both
        // levels and every sign, in the first pages.
        for handout in ["handout.pdf", "programs/patient-handout.pdf"] {
            let text = pdf_text(&out.join(handout));
            for expected in [*title, *emergency].iter().chain(&signs) {
                assert!(
                    text.contains(&squeeze(expected)),
                    "{language} {handout}: {expected:?} missing in {text}"
                );
            }
            let at = text.find(&squeeze(title)).unwrap();
            let first_exercise = text.find("Reachup").unwrap();
            assert!(
                at < first_exercise,
                "{language} {handout}: signs after the exercises"
            );
        }
        // The checklist: one short line on each sheet.
        for checklist in ["checklist.pdf", "programs/patient-checklist.pdf"] {
            let doc = Document::load(out.join(checklist)).unwrap();
            for (number, _) in doc.get_pages() {
                let page = squeeze(&doc.extract_text(&[number]).unwrap());
                assert!(
                    page.contains(&squeeze(footer)),
                    "{language} {checklist} page {number}: {page}"
                );
            }
        }
        // The site: a box on every exercise's page (Stop and call), before
        // its steps, with numbers to tap; a page of every sign.
        let page = project.read("output/site/exercises/reach/index.html");
        let warning = page.find("class=\"stop-and-call\"").expect("the box");
        assert!(
            warning < page.find("steps-heading").unwrap(),
            "{language}: box after the steps"
        );
        assert!(page.contains("href=\"tel:112\""), "{language}: {page}");
        assert!(page.contains("href=\"tel:5550100\""), "{language}: {page}");
        let all = project.read("output/site/warning-signs/index.html");
        for sign in signs {
            assert!(all.contains(sign), "{language}: {sign} missing in {all}");
        }
        assert!(all.contains(title), "{language}: {all}");
    }
}

#[test]
fn a_clinic_without_warning_signs_is_warned() {
    let project = Project::valid();
    let settings = project.read("content/handout.yaml");
    let without = settings.split("warning_signs:").next().unwrap().to_string();
    project.write("content/handout.yaml", &without);
    let run = project.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("content/handout.yaml: warning: there are no warning signs"),
        "{}",
        run.stderr
    );
    assert_eq!(project.run(&["check", "--deny-warnings"]).code, 1);
    // A translation lists the signs item for item, and keeps the number
    // in the source.
    project.write(
        "content/handout.yaml",
        settings.replace("language: en", "languages: [en, es]\ntranslations: warn"),
    );
    project.write(
        "content/handout.es.yaml",
        "title: Ejercicios\nwarning_signs:\n  emergency_number: \"999\"\n  emergency:\n    summary: dolor de pecho\n    signs: [Tiene dolor de pecho.]\n  clinic:\n    summary: fiebre\n    signs: [Tiene fiebre.]\n",
    );
    let run = project.run(&["check"]);
    assert!(
        run.stderr
            .contains("'emergency_number' is not translated: it lives in handout.yaml"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("`warning_signs: clinic: signs:` lists 1 item here and 2 in its source"),
        "{}",
        run.stderr
    );
}

/// A patient's file that gets every kind of message: a character of the
/// name no font has, notes and a note in another script, a date a
/// century away.
const WANG: &str = "\
program: spine-surgery
patient: Wang Xiu 王秀英
surgery_date: 2127-01-11
notes: |
  Call Xiu's daughter 王丽
  before the second visit.
exercises:
  - calf-stretch: { hold: 20 s, note: Ask 王丽 to help }
";

#[test]
fn no_message_quotes_a_patients_name_or_notes() {
    let project = Project::default_content();
    project.write("patients/wang.yaml", WANG);
    let run = project.run(&["program", "patients/wang.yaml"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let said = format!("{}{}", run.stdout, run.stderr);
    for private in ["Wang", "Xiu", "王", "daughter", "Ask"] {
        assert!(
            !said.contains(private),
            "{private:?} is in a message:\n{said}"
        );
    }
    for expected in [
        "wang.yaml:2:19: error: character 10 of the patient's name is not in the PDF font",
        "patient: •••• ••• •••",
        "error: character 21 of the notes for the patient is not in the PDF font",
        "error: character 5 of a note for the patient is not in the PDF font",
        "wang.yaml:3:15: warning: this date is more than 2 years from now: is the year right?",
    ] {
        assert!(said.contains(expected), "{expected:?} missing in:\n{said}");
    }
    // A broken file is masked as well: the name's line quoted by a YAML
    // error shows dots.
    project.write(
        "patients/broken.yaml",
        "patient: Wang Xiu: again\nsurgery_date: 2027-01-11\n",
    );
    let run = project.run(&["program", "patients/broken.yaml"]);
    assert_eq!(run.code, 1);
    assert!(!run.stderr.contains("Wang"), "{}", run.stderr);
    assert!(run.stderr.contains("broken.yaml:1:"), "{}", run.stderr);
}

#[test]
fn today_comes_from_source_date_epoch_when_set() {
    let project = Project::default_content();
    project.write("patients/later.yaml", "surgery_date: 2127-01-11\n");
    // 2127-01-01: the date is days away.
    let run = project.run_with_env(
        &["program", "patients/later.yaml"],
        &[("SOURCE_DATE_EPOCH", "4954435200")],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("more than 2 years"), "{}", run.stderr);
    let run = project.run_with_env(
        &["program", "patients/later.yaml"],
        &[("SOURCE_DATE_EPOCH", "1796083200")],
    );
    assert!(
        run.stderr.contains("more than 2 years from now"),
        "{}",
        run.stderr
    );
}
