//! Every message of the broken-input cases of issue 26 is plain, located
//! and true: one cause gives one message (no follow-on errors from a file
//! that could not be read), numbers are shown as written, and a picture's
//! problem is named at the content line that names the picture.

use crate::support::{Project, Run};

/// The `error:` lines of a run.
fn errors(run: &Run) -> Vec<&str> {
    run.stderr
        .lines()
        .filter(|l| l.contains(": error: "))
        .collect()
}

#[test]
fn a_phase_file_that_is_not_utf8_is_one_error_not_one_per_exercise() {
    let project = Project::default_content();
    let mut bytes = std::fs::read(project.path().join("content/phases/strengthening.md")).unwrap();
    bytes.extend_from_slice(b"\n\xff\xfe broken\n");
    project.write("content/phases/strengthening.md", bytes);
    let run = project.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(errors(&run).len(), 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("content/phases/strengthening.md:15:1: error: this file is not UTF-8 text"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("does not exist"), "{}", run.stderr);
    assert!(!run.stderr.contains("translat"), "{}", run.stderr);
}

#[test]
fn a_broken_source_or_translation_is_one_error_each() {
    for file in ["calf-stretch.yaml", "calf-stretch.es.yaml"] {
        let project = Project::default_content();
        let path = format!("content/exercises/{file}");
        let text = project.read(&path);
        project.write(&path, format!("{text}title: [unclosed\n"));
        let run = project.run(&["check"]);
        assert_eq!(run.code, 1, "{file}: {}", run.stderr);
        let found = errors(&run);
        assert_eq!(found.len(), 1, "{file}: {}", run.stderr);
        assert!(found[0].starts_with(&path), "{file}: {}", run.stderr);
        for follow_on in [
            "to translate",
            "has no translation",
            "does not exist",
            "leads nowhere",
        ] {
            assert!(
                !run.stderr.contains(follow_on),
                "{file}: {follow_on}: {}",
                run.stderr
            );
        }
    }
}

#[test]
fn a_huge_hold_is_shown_as_written() {
    let project = Project::valid();
    let reach = project.read("content/exercises/reach.yaml");
    project.write(
        "content/exercises/reach.yaml",
        reach.replace("hold: 10 s", "hold: 99999999999 s"),
    );
    let run = project.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("error: a hold of 99999999999 s is out of range"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("4294967295"), "{}", run.stderr);
}

#[test]
fn a_truncated_png_is_named_at_its_image_line() {
    let project = Project::valid();
    let png = std::fs::read(project.path().join("content/figures/reach.png")).unwrap();
    project.write("content/figures/reach.png", &png[..png.len() - 14]);
    for command in ["check", "build"] {
        let run = project.run(&[command]);
        assert_eq!(run.code, 1, "{}", run.stderr);
        assert_eq!(errors(&run).len(), 1, "{}", run.stderr);
        assert!(
            run.stderr.contains(
                "content/exercises/reach.yaml:20:10: error: the figure 'figures/reach.png' is damaged: the file is cut short"
            ),
            "{}",
            run.stderr
        );
        assert!(!run.stderr.contains(".pdf"), "{}", run.stderr);
    }
}

#[cfg(unix)]
#[test]
fn a_figure_linked_from_outside_the_content_is_named_so() {
    let project = Project::valid();
    let png = std::fs::read(project.path().join("content/figures/reach.png")).unwrap();
    project.write("elsewhere/reach.png", png);
    std::fs::remove_file(project.path().join("content/figures/reach.png")).unwrap();
    std::os::unix::fs::symlink(
        project.path().join("elsewhere/reach.png"),
        project.path().join("content/figures/reach.png"),
    )
    .unwrap();
    let run = project.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(errors(&run).len(), 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "content/exercises/reach.yaml:20:10: error: the figure 'figures/reach.png' is a link to a file outside the content folder"
        ),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("does not exist"), "{}", run.stderr);
}

#[test]
fn the_font_hint_reads_as_one_sentence() {
    let project = Project::valid();
    let settings = project.read("content/handout.yaml");
    project.write(
        "content/handout.yaml",
        format!("{settings}fonts: [/usr/share/fonts/none.ttf]\n"),
    );
    let run = project.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let hint = run
        .stderr
        .lines()
        .find(|l| l.contains("hint:") && l.contains("font"))
        .unwrap_or_else(|| panic!("no font hint: {}", run.stderr));
    let hint = hint.split("hint:").nth(1).unwrap_or(hint);
    assert!(!hint.contains("  "), "{hint:?}");
}

#[test]
fn a_script_link_in_a_patients_notes_is_a_located_error() {
    let project = Project::default_content();
    let patient = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content/docs/example-patient.yaml"),
    )
    .unwrap();
    let notes = "notes: \"Call us: [the clinic](javascript:alert(1))\"\n";
    let patient = patient
        .lines()
        .filter(|l| !l.starts_with("notes:") && !l.starts_with("  "))
        .map(|l| format!("{l}\n"))
        .collect::<String>();
    project.write("ana.yaml", format!("{patient}{notes}"));
    let run = project.run(&["program", "ana.yaml"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("ana.yaml:")
            && run
                .stderr
                .contains("error: the link 'javascript:alert(1)' could run a script"),
        "{}",
        run.stderr
    );
}

#[cfg(unix)]
#[test]
fn a_lock_file_that_is_a_link_is_a_plain_message() {
    let project = Project::valid();
    std::os::unix::fs::symlink("/nowhere/lock", project.path().join(".output.handout-lock"))
        .unwrap();
    let run = project.run(&["build"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains(".output.handout-lock is a symbolic link"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("os error"), "{}", run.stderr);
    assert!(!run.stderr.contains("Too many levels"), "{}", run.stderr);
}
