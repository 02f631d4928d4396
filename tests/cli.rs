//! The commands around the build: `init` starts a project, `new` adds an
//! exercise or a page that passes `check`, completions and the manual come
//! from the command-line definition, `--quiet` and `--verbose`.

use crate::support::Project;

#[test]
fn init_then_build_in_an_empty_folder() {
    let project = Project::empty();
    // With the clinic's details, no placeholder is left to refuse.
    let init = project.run(&[
        "init",
        "clinic",
        "--clinic",
        "Riverside Spine",
        "--phone",
        "555-0123",
    ]);
    assert_eq!(init.code, 0, "{}", init.stderr);
    assert!(init.stdout.contains("cd clinic"), "{}", init.stdout);
    assert!(init.stdout.contains("handout build"), "{}", init.stdout);
    let clinic = project.path().join("clinic");
    assert!(clinic.join("content/handout.yaml").is_file());
    assert!(clinic.join("content/README.md").is_file());
    assert!(clinic.join("templates/README.md").is_file());
    // English alone unless more is asked for.
    assert!(!clinic.join("content/handout.es.yaml").exists());
    // The new project is the default content, file for file.
    let default = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    for name in ["exercises/calf-stretch.yaml", "phases/strengthening.md"] {
        assert_eq!(
            std::fs::read(clinic.join("content").join(name)).unwrap(),
            std::fs::read(default.join(name)).unwrap()
        );
    }
    let build = std::process::Command::new(env!("CARGO_BIN_EXE_handout"))
        .args(["build", "--deny-warnings"])
        .current_dir(&clinic)
        .env("SOURCE_DATE_EPOCH", "1767225600")
        .output()
        .unwrap();
    assert!(
        build.status.success(),
        "{}",
        String::from_utf8_lossy(&build.stderr)
    );
    assert!(clinic.join("output/site/index.html").is_file());
    assert!(clinic.join("output/handout.pdf").is_file());
}

#[test]
fn init_refuses_a_folder_that_holds_anything() {
    let project = Project::valid();
    let run = project.run(&["init", "."]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("is not empty, so nothing was written"),
        "{}",
        run.stderr
    );
    assert!(!project.path().join("templates").exists());
}

#[test]
fn a_new_exercise_passes_check_and_warns_until_filled_in() {
    let project = Project::valid();
    let run = project.run(&["new", "exercise", "calf-raise", "--phase", "second"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let path = "content/exercises/calf-raise.yaml";
    let text = project.read(path);
    assert!(text.contains("phase: second"), "{text}");
    let check = project.run(&["check"]);
    assert_eq!(
        check.code, 0,
        "a new exercise passes check: {}",
        check.stderr
    );
    assert!(
        check.stdout.contains("4 exercises"),
        "it is read: {}",
        check.stdout
    );
    assert!(
        check.stderr.contains(&format!("{path}:")) && check.stderr.contains("still marked TODO"),
        "{}",
        check.stderr
    );
    assert_eq!(project.run(&["check", "--deny-warnings"]).code, 1);
    // Filled in, it is quiet.
    project.write(path, text.replace("TODO", "done"));
    let check = project.run(&["check", "--deny-warnings"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    // A taken id, a bad id, an unknown phase: refused, nothing written.
    for args in [
        &["new", "exercise", "calf-raise", "--phase", "second"][..],
        &["new", "exercise", "reach", "--phase", "second"],
        &["new", "exercise", "Calf_Raise", "--phase", "second"],
        &["new", "exercise", "heel-slide", "--phase", "third"],
        &["new", "exercise", "heel-slide"],
    ] {
        let run = project.run(args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(run.stderr.contains("hint:"), "{}", run.stderr);
    }
    assert!(
        !project
            .path()
            .join("content/exercises/heel-slide.yaml")
            .exists()
    );
}

#[test]
fn a_new_page_passes_check() {
    let project = Project::valid();
    let run = project.run(&["new", "page", "after-your-visit"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let check = project.run(&["check"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert!(
        check.stderr.contains("content/pages/after-your-visit.md:"),
        "{}",
        check.stderr
    );
}

#[test]
fn completions_and_the_manual_come_from_the_command_line() {
    let project = Project::empty();
    let bash = project.run(&["completions", "bash"]);
    assert_eq!(bash.code, 0);
    for word in ["build", "check", "init", "--deny-warnings"] {
        assert!(bash.stdout.contains(word), "{word}");
    }
    let man = project.run(&["man"]);
    assert_eq!(man.code, 0);
    assert!(man.stdout.starts_with(".ie") || man.stdout.contains(".TH handout 1"));
    assert!(man.stdout.contains("init"));
    let help = project.run(&["--help"]);
    for word in ["init", "new", "completions", "man"] {
        assert!(help.stdout.contains(word), "--help lists {word}");
    }
}

#[test]
fn quiet_says_nothing_and_verbose_says_how_long_each_output_took() {
    let project = Project::valid();
    let quiet = project.run(&["build", "--quiet"]);
    assert_eq!(quiet.code, 0, "{}", quiet.stderr);
    assert_eq!(quiet.stdout, "");
    let verbose = project.run(&["build", "--verbose"]);
    assert_eq!(verbose.code, 0, "{}", verbose.stderr);
    for name in ["site:", "handout.pdf:", "checklist.pdf:"] {
        assert!(
            verbose
                .stdout
                .lines()
                .any(|l| l.trim_start().starts_with(name) && l.ends_with(" ms")),
            "{name}: {}",
            verbose.stdout
        );
    }
}
