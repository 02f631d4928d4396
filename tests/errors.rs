//! Every kind of broken input gets a precise, located message, and all of
//! them are reported at once. Each case is a fixture under
//! tests/fixtures/invalid/ laid over the valid one; its whole error output
//! is snapshotted.

use crate::support::{Project, Run};

/// Runs `handout check` (and `build`) on a case and returns what check said.
fn check(project: &Project) -> Run {
    let run = project.run(&["check"]);
    assert_eq!(
        run.code, 1,
        "check should fail with 1:\n{}{}",
        run.stdout, run.stderr
    );
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    let build = project.run(&["build"]);
    assert_eq!(build.code, 1, "build should fail with 1:\n{}", build.stderr);
    assert_eq!(
        build.stderr, run.stderr,
        "build and check report the same problems"
    );
    assert!(
        !project.path().join("output").exists(),
        "a failed build writes nothing"
    );
    run
}

macro_rules! invalid_case {
    ($name:ident, $case:literal) => {
        #[test]
        fn $name() {
            let run = check(&Project::invalid($case));
            insta::assert_snapshot!($case, run.stderr);
        }
    };
}

invalid_case!(unknown_field, "unknown-field");
invalid_case!(missing_field, "missing-field");
invalid_case!(wrong_type, "wrong-type");
invalid_case!(bad_duration, "bad-duration");
invalid_case!(bad_range, "bad-range");
invalid_case!(no_steps, "no-steps");
invalid_case!(unknown_phase, "unknown-phase");
invalid_case!(duplicate_id, "duplicate-id");
invalid_case!(bad_id, "bad-id");
invalid_case!(broken_link, "broken-link");
invalid_case!(figure_missing, "figure-missing");
invalid_case!(figure_outside, "figure-outside");
invalid_case!(figure_not_an_image, "figure-not-an-image");
invalid_case!(figure_too_large, "figure-too-large");
invalid_case!(unreadable_yaml, "unreadable-yaml");
invalid_case!(unsafe_link, "unsafe-link");
invalid_case!(bad_settings, "bad-settings");
invalid_case!(bad_pose, "bad-pose");
invalid_case!(no_front_matter, "no-front-matter");
invalid_case!(template_syntax, "template-syntax");
invalid_case!(template_variable, "template-variable");
invalid_case!(bad_theme, "bad-theme");
invalid_case!(figure_with_script, "figure-with-script");
invalid_case!(too_deep, "too-deep");

#[test]
fn a_misspelt_template_is_a_warning_among_the_errors() {
    // Alone, a misspelt template name is only a warning and the build goes
    // on; here a syntax error fails the load, so both are reported.
    let project = Project::invalid("template-syntax");
    project.write("templates/site/excercise.html", "{{ exercise.title }}\n");
    project.write("templates/README.md", "My templates.\n");
    insta::assert_snapshot!("template-misspelt", check(&project).stderr);
}

#[test]
fn not_utf8() {
    let project = Project::valid();
    project.write(
        "content/exercises/lift.yaml",
        b"title: Lift\nsummary: caf\xe9\n",
    );
    insta::assert_snapshot!("not-utf8", check(&project).stderr);
}

#[test]
fn settings_named_handout_yml() {
    let project = Project::valid();
    let content = project.path().join("content");
    std::fs::rename(content.join("handout.yaml"), content.join("handout.yml")).unwrap();
    insta::assert_snapshot!("handout-yml", check(&project).stderr);
}

#[test]
fn settings_in_both_handout_yaml_and_handout_yml() {
    let project = Project::valid();
    project.write("content/handout.yml", "title: Old settings\n");
    let stderr = check(&project).stderr;
    assert!(
        stderr.starts_with(
            "content/handout.yml: error: handout.yml is not read: the settings are read from handout.yaml\n"
        ),
        "{stderr}"
    );
    assert!(stderr.trim_end().ends_with("1 problem found"), "{stderr}");
}

#[test]
fn file_over_one_mebibyte() {
    let project = Project::valid();
    project.write(
        "content/pages/huge.md",
        format!("---\ntitle: Huge\n---\n{}", "word ".repeat(220_000)),
    );
    insta::assert_snapshot!("too-large", check(&project).stderr);
}

#[cfg(unix)]
#[test]
fn symlink_leaving_the_content_folder() {
    let project = Project::valid();
    project.write("secret.yaml", "title: Secret\n");
    std::os::unix::fs::symlink(
        project.path().join("secret.yaml"),
        project.path().join("content/exercises/secret.yaml"),
    )
    .unwrap();
    let stderr = check(&project).stderr;
    assert!(
        stderr.contains(
            "content/exercises/secret.yaml: error: this link leads outside the content folder"
        ),
        "{stderr}"
    );
    assert!(
        !stderr.contains("title: Secret"),
        "the target is never read"
    );
}

#[test]
fn empty_content_folder_says_how_to_start() {
    let project = Project::valid();
    std::fs::remove_dir_all(project.path().join("content")).unwrap();
    std::fs::create_dir(project.path().join("content")).unwrap();
    insta::assert_snapshot!("empty", check(&project).stderr);
}

#[test]
fn missing_content_folder() {
    let project = Project::valid();
    let run = project.run(&["check", "--content", "nowhere"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .starts_with("nowhere: error: the content folder does not exist"),
        "{}",
        run.stderr
    );
}

#[test]
fn every_problem_is_reported_at_once() {
    let project = Project::invalid("unknown-field");
    for case in [
        "unknown-phase",
        "broken-link",
        "bad-settings",
        "figure-missing",
    ] {
        crate::support::copy_dir(
            &crate::support::fixtures().join("invalid").join(case),
            &project.path().join("content"),
        );
    }
    // unknown-phase replaces lift.yaml, so its unknown field is gone.
    let stderr = check(&project).stderr;
    for expected in [
        "phase 'secnd' does not exist",
        "the link 'exercise:reech' leads nowhere",
        "'a5' is not a valid paper",
        "the figure 'figures/raech.png' does not exist",
    ] {
        assert!(
            stderr.contains(expected),
            "missing {expected:?} in:\n{stderr}"
        );
    }
    // bad-settings replaces handout.yaml with one without warning signs.
    assert!(
        stderr
            .trim_end()
            .ends_with("6 problems and 1 warning found"),
        "{stderr}"
    );
}

#[test]
fn usage_errors_exit_with_2() {
    let project = Project::valid();
    assert_eq!(project.run(&["build", "--only", "everything"]).code, 2);
    assert_eq!(project.run(&["frobnicate"]).code, 2);
}

#[test]
fn problems_in_every_output_template_are_reported_together() {
    let project = Project::invalid("template-variable");
    project.write("templates/pdf/handout.md", "# {{ titel }}\n");
    project.write(
        "templates/pdf/checklist.md",
        "{% for p in phases %}{{ p.nmae }}{% endfor %}\n",
    );
    let stderr = check(&project).stderr;
    assert!(
        stderr.contains("templates/site/exercise.html:2:22: error"),
        "{stderr}"
    );
    assert!(stderr.contains("templates/pdf/handout.md:1:"), "{stderr}");
    assert!(stderr.contains("templates/pdf/checklist.md:1:"), "{stderr}");
    assert!(stderr.trim_end().ends_with("3 problems found"), "{stderr}");
}

#[test]
fn a_misspelt_template_warns_and_deny_warnings_makes_it_fail() {
    let project = Project::valid();
    project.write("templates/site/excercise.html", "<p>mine</p>\n");
    let warning = "templates/site/excercise.html: warning: 'site/excercise.html' is not the name of a template, so this file is not used";
    let check = project.run(&["check"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert!(check.stderr.contains(warning), "{}", check.stderr);
    assert!(
        check.stderr.contains("did you mean 'site/exercise.html'?"),
        "{}",
        check.stderr
    );
    assert!(
        check.stderr.trim_end().ends_with("1 warning found"),
        "{}",
        check.stderr
    );
    assert!(
        check.stdout.starts_with("checked content"),
        "{}",
        check.stdout
    );
    let build = project.run(&["build"]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    assert!(build.stderr.contains(warning), "{}", build.stderr);
    assert!(project.path().join("output/site/index.html").exists());
    // --deny-warnings: the same warning fails, and nothing is written.
    let strict = project.run(&["check", "--deny-warnings"]);
    assert_eq!(strict.code, 1, "{}", strict.stderr);
    assert!(strict.stderr.contains(warning), "{}", strict.stderr);
    let strict = project.run(&["build", "--deny-warnings", "--out", "strict"]);
    assert_eq!(strict.code, 1, "{}", strict.stderr);
    assert!(!project.path().join("strict").exists(), "nothing written");
}

#[test]
fn a_template_loop_that_writes_nothing_is_stopped_in_time() {
    let project = Project::valid();
    project.write("output/site/index.html", "the old page");
    project.write("output/.handout-output", "site/index.html\n");
    project.write(
        "templates/site/index.html",
        "{% for a in range(end=100000) %}{% for b in range(end=100000) %}{% endfor %}{% endfor %}",
    );
    let run = project.run_with_env(&["build"], &[("HANDOUT_TEMPLATE_SECONDS", "0.5")]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "templates/site/index.html: error: the templates ran for more than 0.5 s in all without finishing (this one was running), and handout stopped; nothing was written"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("HANDOUT_TEMPLATE_SECONDS"),
        "{}",
        run.stderr
    );
    assert_eq!(project.read("output/site/index.html"), "the old page");
}

#[test]
fn a_runaway_template_is_stopped_with_a_message() {
    let project = Project::valid();
    project.write(
        "templates/pdf/handout.md",
        "# {{ title }}\n{% for a in range(end=100000) %}{% for b in range(end=100000) %}a line that repeats far too often{% endfor %}{% endfor %}\n",
    );
    let started = std::time::Instant::now();
    let run = project.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "templates/pdf/handout.md: error: the template wrote more than 256 MiB for one file, and was stopped"
        ),
        "{}",
        run.stderr
    );
    assert!(started.elapsed() < std::time::Duration::from_secs(60));
    assert!(!project.path().join("output").exists());
}
invalid_case!(restated_dose, "restated-dose");
invalid_case!(translated_numbers, "translated-numbers");
