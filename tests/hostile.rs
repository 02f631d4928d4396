//! Hostile input (issues 14 and 26): content nested thousands of levels
//! deep ends quickly with a located error, never a crash or a hang; a
//! template that spends too long over the whole build, or builds a value
//! that fills the memory, is stopped with a message naming it.

use std::time::{Duration, Instant};

use crate::support::{Project, Run};

/// How long a refusal may take before it counts as a hang: generous, for
/// a debug build on a busy machine. How fast a refusal is (well under a
/// second) is `.ci/bench`'s to measure, on the release build.
const HANG: Duration = Duration::from_secs(30);

/// Runs `check` and `build` on a project that must fail with errors, each
/// without hanging.
fn refused_quickly(project: &Project) -> Run {
    let mut first = None;
    for command in ["check", "build"] {
        let started = Instant::now();
        let run = project.run(&[command]);
        let took = started.elapsed();
        assert_eq!(run.code, 1, "{command}:\n{}{}", run.stdout, run.stderr);
        assert!(took < HANG, "{command} took {took:?}:\n{}", run.stderr);
        first.get_or_insert(run);
    }
    first.unwrap()
}

/// A Markdown text nested `depth` levels deep with `unit`.
fn nested(unit: &str, depth: usize) -> String {
    unit.repeat(depth) + "Deep text.\n"
}

#[test]
fn deep_quotes_and_lists_in_a_page_are_located_errors() {
    for unit in ["> ", "- ", "1. ", "> - "] {
        for depth in [5_000, 20_000] {
            let project = Project::valid();
            let body = nested(unit, depth);
            project.write(
                "content/pages/why.md",
                format!("---\ntitle: Why\norder: 1\n---\nFirst line.\n\n{body}"),
            );
            let run = refused_quickly(&project);
            // The error points into line 7 of the page, at the first
            // container that goes too deep: the 33rd.
            let levels = unit.split_whitespace().count();
            let column = 1 + unit.len() * 32 / levels;
            let at = format!("content/pages/why.md:7:{column}: error: quotes and lists nest");
            assert!(
                run.stderr.contains(&at),
                "{unit:?} x {depth}:\n{}",
                run.stderr
            );
            assert!(run.stderr.contains("hint:"), "{}", run.stderr);
        }
    }
}

#[test]
fn deep_nesting_in_a_phase_a_step_and_the_disclaimer_is_found() {
    let project = Project::valid();
    let deep = nested("> ", 5_000);
    project.write(
        "content/phases/first.md",
        format!("---\ntitle: First phase\norder: 1\n---\n{deep}"),
    );
    project.write(
        "content/exercises/lift.yaml",
        format!(
            "title: Lift\nphase: second\nkind: strengthen\nsummary: Legs.\n\
             position: Standing\ndose:\n  repeat: 10\nsteps:\n  - \"{}\"\n",
            nested("- ", 20_000).trim_end()
        ),
    );
    let settings = project.read("content/handout.yaml");
    project.write(
        "content/handout.yaml",
        settings.replace(
            "disclaimer: This is a test. Follow your own surgeon's advice.",
            &format!("disclaimer: \"{}\"", nested("> ", 5_000).trim_end()),
        ),
    );
    let run = refused_quickly(&project);
    for place in [
        "content/phases/first.md:5:",
        "content/exercises/lift.yaml:9:",
        "content/handout.yaml:",
    ] {
        assert!(run.stderr.contains(place), "{place}:\n{}", run.stderr);
    }
}

#[test]
fn a_bug_is_a_short_message_and_exit_code_3() {
    let project = Project::valid();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_handout"))
        .arg("check")
        .current_dir(project.path())
        .env_clear()
        .env("HANDOUT_TEST_PANIC", "1")
        .env("RUST_BACKTRACE", "1")
        .output()
        .expect("run handout");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(3), "{stderr}");
    assert!(
        stderr.starts_with("error: handout stopped on a bug"),
        "{stderr}"
    );
    assert!(stderr.contains("please report it"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(!stderr.contains("stack backtrace"), "{stderr}");
    assert!(stderr.lines().count() <= 3, "{stderr}");
}

#[test]
fn templates_slow_on_every_page_are_stopped_by_one_budget_for_the_whole_build() {
    let project = Project::valid();
    project.write("output/site/index.html", "the old page");
    project.write("output/.handout-output", "site/index.html\n");
    // Each page costs a fraction of the limit; the site has a dozen pages.
    let base = crate::support::built_in_template("site/base.html");
    project.write(
        "templates/site/base.html",
        format!(
            "{{% for a in range(end=3) %}}{{% for b in range(end=100000) %}}{{% endfor %}}{{% endfor %}}{base}"
        ),
    );
    let started = Instant::now();
    let single = project.run_with_env(&["build", "--only", "site", "--out", "one"], &[]);
    let one_build = started.elapsed();
    assert_eq!(single.code, 0, "{}", single.stderr);
    let pages = single
        .stdout
        .split("site/ (")
        .nth(1)
        .and_then(|r| r.split(' ').next());
    let pages: f64 = pages.and_then(|p| p.parse().ok()).expect("pages");
    // A limit of a third of what the whole build takes, more than any page.
    let limit = one_build.as_secs_f64() / 3.0;
    assert!(pages > 6.0, "{pages}");
    let run = project.run_with_env(
        &["build", "--only", "site"],
        &[("HANDOUT_TEMPLATE_SECONDS", &format!("{limit:.3}"))],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("error: the templates ran for more than")
            && run.stderr.contains("s in all without finishing"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("templates/site/"), "{}", run.stderr);
    assert_eq!(project.read("output/site/index.html"), "the old page");
}

#[test]
fn a_template_that_builds_a_huge_value_is_stopped_before_it_fills_the_memory() {
    let project = Project::valid();
    // Doubled 34 times, the text would be 16 GiB; it never is written.
    project.write(
        "templates/site/index.html",
        "{% set_global text = \"0123456789abcdef\" %}{% for i in range(end=34) %}\
         {% set_global text = text ~ text %}{% endfor %}{{ text | length }}",
    );
    let started = Instant::now();
    let run = project.run_with_env(
        &["build", "--only", "site"],
        &[("HANDOUT_TEMPLATE_MEMORY_MIB", "256")],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "templates/site/index.html: error: the template took more than 256 MiB of memory \
             without finishing, and handout stopped; nothing was written"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("HANDOUT_TEMPLATE_MEMORY_MIB"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("memory allocation"), "{}", run.stderr);
    assert!(started.elapsed() < Duration::from_secs(60));
    assert!(!project.path().join("output").exists());
}
