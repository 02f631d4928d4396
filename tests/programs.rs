//! Programs: a published program's PDFs and site page, a patient's program
//! (`handout program`) with its dates and changed doses, its located
//! errors, and the privacy rule: the patient's name is on the patient's two
//! PDFs and nowhere else.

use std::path::Path;

use crate::support::pdf::Document;

use crate::support::Project;

const PATIENT: &str = "\
program: spine-surgery
patient: Ada Quist
surgery_date: 2027-01-11
clinician: Dr. Sam Lee, PT
phone: \"+1 555 0100\"
phases:
  strengthening: { from_week: 6 }
exercises:
  - calf-stretch: { hold: 20 s }
  - remove: knee-to-chest-stretch
  - ankle-strengthening: { note: Hold the counter with both hands. }
notes: |
  Ask us before you start the strengthening phase.
";

/// Every page's text of a PDF, without whitespace (lines break inside
/// table cells and boxes).
fn text(path: &Path) -> String {
    let doc = Document::load(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    let raw = doc.extract_text(&pages).expect("text");
    raw.chars().filter(|c| !c.is_whitespace()).collect()
}

fn title(path: &Path) -> String {
    let doc = Document::load(path).unwrap();
    let info = doc.trailer.get(b"Info").unwrap().as_reference().unwrap();
    let info = doc.get_dictionary(info).unwrap();
    let title = info.get(b"Title").unwrap().as_str().unwrap();
    String::from_utf8_lossy(title).into_owned()
}

#[test]
fn a_patients_program_prints_their_name_dates_and_doses() {
    let project = Project::default_content();
    project.write("patients/maria.yaml", PATIENT);
    let run = project.run(&["program", "patients/maria.yaml"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        !format!("{}{}", run.stdout, run.stderr).contains("Quist"),
        "{run:?}"
    );
    let out = project.path().join("output/programs");
    let handout = text(&out.join("maria-handout.pdf"));
    for expected in [
        "For:AdaQuist",
        "Surgerydate:Mon11Jan2027",
        "Yourclinician:Dr.SamLee,PT",
        "Gentlestretching:Mon11Jan–Mon22Feb2027",
        "Strengthening:fromMon22Feb2027",
        "Hold20seconds",
        "Setforyoubyyourcareteam",
        "Holdthecounterwithbothhands",
        "Askusbeforeyoustartthestrengtheningphase",
    ] {
        assert!(handout.contains(expected), "{expected} not in {handout}");
    }
    // Removed for her: the knee-to-chest stretch is not printed.
    assert!(!handout.contains("Knee-to-chest"), "{handout}");
    let checklist = text(&out.join("maria-checklist.pdf"));
    for expected in [
        "For:AdaQuist",
        "Hold20s",
        "Mon11Jan",
        "Sun17Jan",
        "Mon22Feb",
        "Week1of6",
    ] {
        assert!(
            checklist.contains(expected),
            "{expected} not in {checklist}"
        );
    }
    // The patient's name is not in the PDFs' metadata or outline (both
    // stored as plain strings; the page text is compressed).
    for name in ["maria-handout.pdf", "maria-checklist.pdf"] {
        assert_eq!(title(&out.join(name)), "After spine surgery");
        let bytes = std::fs::read(out.join(name)).unwrap();
        assert!(!bytes.windows(5).any(|w| w == b"Quist"), "{name}");
    }
}

#[test]
fn the_patient_never_reaches_the_site_or_any_other_file() {
    let project = Project::default_content();
    project.write("patients/maria.yaml", PATIENT);
    assert_eq!(project.run(&["build"]).code, 0);
    let site = project.snapshot_files("output/site");
    let run = project.run(&["program", "patients/maria.yaml"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        project.snapshot_files("output/site"),
        site,
        "program changed the site"
    );
    // A build after it leaves the patient's PDFs, and makes the same site.
    assert_eq!(project.run(&["build"]).code, 0);
    assert_eq!(project.snapshot_files("output/site"), site);
    let mut patients = Vec::new();
    for (name, bytes) in project.snapshot_files(".") {
        let plain = bytes.windows(9).any(|w| w == b"Ada Quist");
        let pdf_text =
            name.ends_with(".pdf") && text(&project.path().join(&name)).contains("AdaQuist");
        if plain || pdf_text {
            patients.push(name);
        }
    }
    assert_eq!(
        patients,
        [
            "output/programs/maria-checklist.pdf",
            "output/programs/maria-handout.pdf",
            "patients/maria.yaml"
        ]
    );
    // Never into a website folder.
    let run = project.run(&["program", "patients/maria.yaml", "--out", "output/site/x"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(project.snapshot_files("output/site"), site);
}

#[test]
fn a_published_programs_doses_read_the_same_on_every_output() {
    let project = Project::default_content();
    project.write(
        "content/programs/calf.yaml",
        "title: Calves only\nphases:\n  gentle-stretching:\n    - calf-stretch: { hold: 45 s, repeat: 2 }\n",
    );
    project.write(
        "content/programs/calf.es.yaml",
        "title: Solo pantorrillas\n",
    );
    let run = project.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = project.path().join("output");
    let handout = text(&out.join("calf-handout.pdf"));
    assert!(
        handout.contains("Hold45seconds.Repeattwiceoneachleg"),
        "{handout}"
    );
    assert!(!handout.contains("Hamstring"), "{handout}");
    assert!(
        !handout.contains("Setforyou"),
        "a published program's dose is its own"
    );
    assert_eq!(title(&out.join("calf-handout.pdf")), "Calves only");
    let checklist = text(&out.join("calf-checklist.pdf"));
    assert!(checklist.contains("Hold45s·twiceeachleg"), "{checklist}");
    let page = project.read("output/site/programs/calf/index.html");
    assert!(page.contains("Hold 45 s · twice each leg"), "{page}");
    let list = project.read("output/site/programs/index.html");
    assert!(
        list.contains("Calves only") && list.contains("After spine surgery"),
        "{list}"
    );
    // The library's own files keep the library's dose.
    assert!(text(&out.join("handout.pdf")).contains("Hold30seconds"));
    assert!(out.join("spine-surgery-handout.pdf").is_file());
    assert!(
        !out.join("site/checklist").exists(),
        "with programs, no whole-library checklist"
    );
    // A program taken out takes its PDFs with it.
    std::fs::remove_file(project.path().join("content/programs/calf.yaml")).unwrap();
    std::fs::remove_file(project.path().join("content/programs/calf.es.yaml")).unwrap();
    assert_eq!(project.run(&["build"]).code, 0);
    assert!(!out.join("calf-handout.pdf").exists());
    assert!(!out.join("calf-checklist.pdf").exists());
    assert!(out.join("spine-surgery-checklist.pdf").is_file());
}

#[test]
fn every_problem_in_a_patients_file_is_located_at_once() {
    let project = Project::default_content();
    project.write(
        "patients/bad.yaml",
        "\
program: spine-surgery
patient: Sam
surgery_date: 2027-02-30
phases:
  strengthning: { from_week: 6 }
exercises:
  - calf-strech: { hold: 20 min }
  - remove: hamstring-strech
",
    );
    let run = project.run(&["program", "patients/bad.yaml"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let e = &run.stderr;
    for expected in [
        "bad.yaml:3:15: error: 2027-02-30 is not a day that exists",
        "bad.yaml:5:3: error: phase 'strengthning' is not in this program",
        "did you mean 'strengthening'?",
        "bad.yaml:7:5: error: exercise 'calf-strech' does not exist",
        "did you mean 'calf-stretch'?",
        "a hold of 20 min is out of range",
        "bad.yaml:8:13: error: exercise 'hamstring-strech' is not in this program",
    ] {
        assert!(e.contains(expected), "{expected} not in\n{e}");
    }
    assert!(!project.path().join("output/programs").exists());
}

#[test]
fn a_programs_unknown_ids_are_located_with_close_ones() {
    let project = Project::default_content();
    project.write(
        "content/programs/x.yaml",
        "title: X\nphases:\n  gentle-stretchng: [calf-strech]\n",
    );
    let run = project.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("x.yaml:3:3: error: phase 'gentle-stretchng' does not exist"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("x.yaml:3:22: error: exercise 'calf-strech' does not exist"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("did you mean 'calf-stretch'?"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_library_with_a_long_phase_and_no_programs_has_no_checklist_page() {
    let project = Project::default_content();
    project.fill_in_clinic();
    std::fs::remove_dir_all(project.path().join("content/programs")).unwrap();
    // Copies of the calf stretch, its figure too (an exercise without
    // one is a warning).
    let calf = project.read("content/exercises/calf-stretch.yaml");
    let calf_es = project.read("content/exercises/calf-stretch.es.yaml");
    for n in 0..30 {
        project.write(&format!("content/exercises/calf-{n}.yaml"), &calf);
        project.write(&format!("content/exercises/calf-{n}.es.yaml"), &calf_es);
    }
    let run = project.run(&["build", "--only", "site", "--deny-warnings"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("note: the site has no checklist page: a phase has 33 exercises"),
        "{}",
        run.stderr
    );
    assert!(!project.path().join("output/site/checklist").exists());
    let home = project.read("output/site/index.html");
    assert!(
        !home.contains("checklist/"),
        "a link to a page that is not there"
    );
}

#[test]
fn a_patients_pdfs_are_the_same_printed_alone_or_among_others() {
    let project = Project::default_content();
    for n in 0..6 {
        let text = PATIENT.replace("2027-01-11", &format!("2027-03-{:02}", n + 1));
        project.write(&format!("patients/p{n}.yaml"), text);
    }
    let all: Vec<String> = (0..6).map(|n| format!("patients/p{n}.yaml")).collect();
    let mut args = vec!["program", "--out", "many"];
    args.extend(all.iter().map(String::as_str));
    assert_eq!(project.run(&args).code, 0);
    let run = project.run(&["program", "--out", "one", "patients/p4.yaml"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for name in ["p4-handout.pdf", "p4-checklist.pdf"] {
        assert_eq!(
            std::fs::read(project.path().join("many").join(name)).unwrap(),
            std::fs::read(project.path().join("one").join(name)).unwrap(),
            "{name}"
        );
    }
    assert_eq!(
        project.snapshot_files("many").len(),
        19,
        "12 PDFs, 6 calendars of reminders and the list of them"
    );
}

/// Every exercise of the default content with a changed hold, repeat and
/// times a day, as a published program and as a patient's in English and
/// Spanish: each output prints the new dose wherever the dose is said (the
/// dose box, the steps, the phase's text, the checklist) and never the
/// library's.
#[test]
fn a_changed_dose_is_printed_everywhere_it_is_said_and_the_old_one_nowhere() {
    let project = Project::default_content();
    let changed = "{ hold: 47 s, repeat: 7, times_per_day: 4 }";
    let mut program = String::from("title: Changed\nphases:\n");
    let mut patient = String::from("surgery_date: 2027-01-11\nexercises:\n");
    for (phase, exercises) in [
        (
            "gentle-stretching",
            &["hamstring-stretch", "knee-to-chest-stretch", "calf-stretch"][..],
        ),
        (
            "strengthening",
            &["upper-back-strengthening", "ankle-strengthening"][..],
        ),
    ] {
        program.push_str(&format!("  {phase}:\n"));
        for id in exercises {
            program.push_str(&format!("    - {id}: {changed}\n"));
            patient.push_str(&format!("  - {id}: {changed}\n"));
        }
    }
    project.write("content/programs/changed.yaml", &program);
    project.write("content/programs/changed.es.yaml", "title: Cambiado\n");
    project.write("patients/en.yaml", format!("{patient}language: en\n"));
    project.write("patients/es.yaml", format!("{patient}language: es\n"));
    let run = project.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = project.run(&["program", "patients/en.yaml", "patients/es.yaml"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = project.path().join("output");
    let english_old = [
        "30seconds",
        "5seconds",
        "30s",
        "Hold5s",
        "3times",
        "10times",
        "5-6times",
    ];
    let spanish_old = [
        "30segundos",
        "5segundos",
        "30s",
        "Mantenga5s",
        "3veces",
        "10veces",
        "5a6veces",
    ];
    for (file, new, old) in [
        (
            "changed-handout.pdf",
            &[
                "Holdthestretchfor47seconds.",
                "Holdfor47seconds.",
                "Hold47seconds.Repeat7times",
                "4timesaday",
            ][..],
            &english_old[..],
        ),
        (
            "changed-checklist.pdf",
            &["Hold47s·7times"][..],
            &english_old[..],
        ),
        (
            "programs/en-handout.pdf",
            &[
                "Holdthestretchfor47seconds.",
                "Holdfor47seconds.",
                "4timesaday",
            ][..],
            &english_old[..],
        ),
        (
            "programs/en-checklist.pdf",
            &["Hold47s·7times"][..],
            &english_old[..],
        ),
        (
            "changed-handout.es.pdf",
            &[
                "Mantengaelestiramientodurante47segundos.",
                "Mantengalaposicióndurante47segundos.",
            ][..],
            &spanish_old[..],
        ),
        (
            "programs/es-handout.pdf",
            &["Mantengaelestiramientodurante47segundos.", "4vecesaldía"][..],
            &spanish_old[..],
        ),
        (
            "programs/es-checklist.pdf",
            &["Mantenga47s·7veces"][..],
            &spanish_old[..],
        ),
    ] {
        let printed = text(&out.join(file));
        for new in new {
            assert!(printed.contains(new), "{file}: {new:?} missing: {printed}");
        }
        for old in old {
            assert!(
                !printed.contains(old),
                "{file}: the old dose {old:?} is printed: {printed}"
            );
        }
    }
    // The library's handout keeps the library's dose, in the steps too.
    let library = text(&out.join("handout.pdf"));
    assert!(library.contains("Holdthestretchfor30seconds."), "{library}");
}
