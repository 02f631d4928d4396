//! Incremental builds (issue 27): a build keeps the files whose inputs did
//! not change (the output folder's `.handout-cache` says what each was
//! made from) and renders the rest, and what it leaves is byte for byte
//! what a fresh build makes.
//!
//! The property test edits the default content at random (an exercise,
//! its translation, a phase, a page, handout.yaml, a template, a word
//! catalogue, a file's time; adds and removes an exercise; breaks a file
//! and mends it), builds after each edit into the same folder, builds
//! `--fresh` into another, and compares the two folders. Every other
//! build into the same folder is made by one `serve-builder` process kept
//! from the first edit to the last, as `serve` keeps it: what it keeps of
//! the content it read must never stand for a file that changed (edits
//! come faster than a file's time can tell them apart). `cargo test` runs
//! a few edits; `HANDOUT_INCREMENTAL_EDITS` (CI's long job: 200) runs more.

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, SystemTime};

use crate::support::{Project, built_in_template, seed, words_catalogue};

/// Edits the default content `edits` times (at least a few), comparing
/// an incremental build with a fresh one after each.
#[test]
fn an_incremental_build_is_a_fresh_build_after_random_edits() {
    let edits = std::env::var("HANDOUT_INCREMENTAL_EDITS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(8);
    let mut random = Random(seed("incremental edits") | 1);
    let project = Project::default_content();
    project.fill_in_clinic();
    build(&project, &["build"]);
    let mut builder = Builder::start(&project);
    let mut log = Vec::new();
    for number in 0..edits {
        let edit = edit(&project, &mut random, number);
        log.push(edit.clone());
        let kept = number % 2 == 0;
        // Now and then the site alone first, as `serve` does after a save:
        // the PDFs' entries in the cache must outlive it.
        if random.below(4) == 0 {
            log.push("--only site".to_string());
            if kept {
                builder.build("site", &log);
            } else {
                let run = project.run(&["build", "--only", "site"]);
                assert_eq!(run.code, 0, "after {log:?}: {}", run.stderr);
            }
        }
        if kept {
            builder.build("all", &log);
        } else {
            let run = project.run(&["build"]);
            assert_eq!(run.code, 0, "after {log:?}: {}", run.stderr);
        }
        build(&project, &["build", "--fresh", "--out", "fresh"]);
        let (incremental, fresh) = (
            project.snapshot_files("output"),
            project.snapshot_files("fresh"),
        );
        let names = |files: &[(String, Vec<u8>)]| -> Vec<String> {
            files.iter().map(|(name, _)| name.clone()).collect()
        };
        assert_eq!(names(&incremental), names(&fresh), "after {log:?}");
        for ((name, kept), (_, made)) in incremental.iter().zip(&fresh) {
            assert!(
                kept == made,
                "after {log:?}: output/{name} is not what a fresh build makes"
            );
        }
    }
}

/// A build whose inputs did not change keeps every page and PDF, and one
/// exercise's new title renders only the pages that show it.
#[test]
fn a_build_renders_again_only_what_changed() {
    let project = Project::default_content();
    project.fill_in_clinic();
    build(&project, &["build"]);
    let before = project.snapshot_files("output");
    let run = project.run_with_env(&["-v", "build"], &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(project.snapshot_files("output"), before);
    assert!(
        run.stdout.contains("rendered again: nothing"),
        "{}",
        run.stdout
    );

    let english = project
        .path()
        .join("output/site/exercises/calf-stretch/index.html");
    let modified = || std::fs::metadata(&english).unwrap().modified().unwrap();
    let english_before = modified();
    let file = "content/exercises/calf-stretch.es.yaml";
    let text = project.read(file);
    let title = text.lines().next().unwrap();
    project.write(
        file,
        text.replacen(title, "title: Estirar la pantorrilla", 1),
    );
    let run = project.run_with_env(&["-v", "build"], &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // The Spanish pages that show the title (the exercise's, its
    // neighbour's link to it, its phase, home, search, the program, the
    // patient's page) and the Spanish PDFs; the English site is kept.
    let line = (run.stdout.lines())
        .find_map(|line| line.trim().strip_prefix("rendered again: "))
        .unwrap_or_else(|| panic!("{}", run.stdout));
    for made in ["exercise page", "phase page", "home page", "search page"] {
        assert!(line.contains(made), "{made}: {line}");
    }
    let kept: usize = (line.rsplit_once('(').unwrap().1)
        .trim_end_matches(" kept)")
        .parse()
        .unwrap();
    assert!(kept > 40, "{line}");
    assert_eq!(
        modified(),
        english_before,
        "the English page was written again"
    );
    let html = project.read("output/site/es/exercises/calf-stretch/index.html");
    assert!(html.contains("Estirar la pantorrilla"));

    // --fresh renders everything again.
    let run = project.run_with_env(&["-v", "build", "--fresh"], &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("10 exercise pages"), "{}", run.stdout);
}

/// Without SOURCE_DATE_EPOCH the PDFs carry the day of the newest content
/// file: a save later that day typesets again only the PDFs whose words
/// it changed (a step is in the handout, not on the checklist), and a
/// save on another day dates, and so typesets, every PDF again; either
/// way the output is what a fresh build makes.
#[test]
fn a_pdf_whose_words_did_not_change_keeps_its_date_within_the_day() {
    let project = Project::default_content();
    project.fill_in_clinic();
    // Every content file at noon of 1 January 2026.
    let noon = SystemTime::UNIX_EPOCH + Duration::from_secs(1_767_268_800);
    let set_time = |relative: &str, time: SystemTime| {
        let file = std::fs::File::options()
            .append(true)
            .open(project.path().join(relative))
            .unwrap();
        file.set_modified(time).unwrap();
    };
    for entry in walkdir::WalkDir::new(project.path().join("content")) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let relative = entry.path().strip_prefix(project.path()).unwrap();
            set_time(&relative.to_string_lossy(), noon);
        }
    }
    let no_date = [("SOURCE_DATE_EPOCH", "")];
    let build = |args: &[&str]| {
        let run = project.run_with_env(args, &no_date);
        assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
        run.stdout
    };
    let rendered = |stdout: &str| -> String {
        (stdout.lines())
            .find_map(|line| line.trim().strip_prefix("rendered again: "))
            .unwrap_or_else(|| panic!("{stdout}"))
            .to_string()
    };
    build(&["build"]);
    let file = "content/exercises/calf-stretch.yaml";
    replace_line(
        &project,
        file,
        "  - Put your hands on the wall.",
        "  - Put both hands on the wall.",
    );
    set_time(file, noon + Duration::from_secs(3600));
    let line = rendered(&build(&["-v", "build"]));
    assert!(line.contains("handout.pdf"), "{line}");
    assert!(!line.contains("checklist.pdf"), "{line}");
    assert!(!line.contains("handout.es.pdf"), "{line}");
    build(&["build", "--fresh", "--out", "fresh"]);
    assert_eq!(
        project.snapshot_files("output"),
        project.snapshot_files("fresh")
    );
    let info = |pdf: &str| {
        let bytes = std::fs::read(project.path().join("output").join(pdf)).unwrap();
        String::from_utf8_lossy(&bytes).into_owned()
    };
    assert!(info("checklist.pdf").contains("CreateDate>2026-01-01T00:00:00Z"));

    // A checklist template of the clinic's own that prints a step: the
    // step's change typesets the checklist again.
    let steps = "\n{% for phase in phases %}{% for row in phase.rows %}\
        {% if row.id == \"calf-stretch\" %}{{ row.steps[1] }}{% endif %}\
        {% endfor %}{% endfor %}\n";
    let template = format!("{}{steps}", built_in_template("pdf/checklist.md"));
    project.write("templates/pdf/checklist.md", template);
    build(&["build"]);
    replace_line(
        &project,
        file,
        "  - Put both hands on the wall.",
        "  - Put your two hands on the wall.",
    );
    set_time(file, noon + Duration::from_secs(7200));
    let line = rendered(&build(&["-v", "build"]));
    assert!(line.contains("checklist.pdf"), "{line}");
    build(&["build", "--fresh", "--out", "fresh"]);
    assert_eq!(
        project.snapshot_files("output"),
        project.snapshot_files("fresh")
    );

    // The next day: every PDF carries the new date (the XMP metadata is
    // the one place it is not compressed).
    set_time(file, noon + Duration::from_secs(24 * 3600));
    let line = rendered(&build(&["-v", "build"]));
    assert!(line.contains("checklist.pdf"), "{line}");
    assert!(info("checklist.pdf").contains("CreateDate>2026-01-02T00:00:00Z"));
    build(&["build", "--fresh", "--out", "fresh"]);
    assert_eq!(
        project.snapshot_files("output"),
        project.snapshot_files("fresh")
    );
}

/// A file of the output changed by hand (another size) is made again,
/// not kept.
#[test]
fn a_page_changed_by_hand_is_made_again() {
    let project = Project::default_content();
    build(&project, &["build"]);
    let page = "output/site/exercises/calf-stretch/index.html";
    let made = project.read(page);
    project.write(page, "<p>changed by hand</p>");
    build(&project, &["build"]);
    assert_eq!(project.read(page), made);
}

/// The build process `serve` keeps, building the project's content into
/// output/ on request.
struct Builder(Child, BufReader<std::process::ChildStdout>);

impl Builder {
    fn start(project: &Project) -> Builder {
        let mut child = Command::new(env!("CARGO_BIN_EXE_handout"))
            .args(["-v", "serve-builder"])
            .current_dir(project.path())
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("SOURCE_DATE_EPOCH", "1767225600")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start the builder");
        let answers = BufReader::new(child.stdout.take().unwrap());
        Builder(child, answers)
    }

    /// Builds `only` one output (`site`) or `all`, which must succeed.
    fn build(&mut self, only: &str, log: &[String]) {
        let requests = self.0.stdin.as_mut().unwrap();
        writeln!(requests, "{only}").unwrap();
        requests.flush().unwrap();
        let mut answer = String::new();
        self.1.read_line(&mut answer).unwrap();
        let answer: serde_json::Value = serde_json::from_str(&answer)
            .unwrap_or_else(|e| panic!("after {log:?}: the builder answered {answer:?}: {e}"));
        assert_eq!(answer["code"], 0, "after {log:?}: {}", answer["stderr"]);
    }
}

impl Drop for Builder {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Runs a build that must succeed.
fn build(project: &Project, args: &[&str]) {
    let run = project.run(args);
    assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
}

/// A small, seeded source of random choices (xorshift).
struct Random(u64);

impl Random {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }

    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[self.below(from.len())]
    }
}

/// Words for new titles and sentences: no digits, since a translation
/// must carry its source's numbers and a step its dose's.
const WORDS: &[&str] = &[
    "gentle", "slow", "easy", "careful", "calm", "steady", "light", "soft",
];

const EXERCISES: &[&str] = &[
    "ankle-strengthening",
    "calf-stretch",
    "hamstring-stretch",
    "knee-to-chest-stretch",
    "upper-back-strengthening",
];

/// Makes one random edit `number` to the project, and says what it was.
fn edit(project: &Project, random: &mut Random, number: usize) -> String {
    let word = random.pick(WORDS);
    let exercise = random.pick(EXERCISES);
    match random.below(11) {
        0 => {
            let file = format!("content/exercises/{exercise}.yaml");
            replace_line(
                project,
                &file,
                "title: ",
                &format!("title: A {word} stretch"),
            );
            format!("{exercise}: title")
        }
        1 => {
            let file = format!("content/exercises/{exercise}.yaml");
            let summary = format!("summary: Moves your body in a {word} way.");
            replace_line(project, &file, "summary: ", &summary);
            format!("{exercise}: summary")
        }
        2 => {
            let file = format!("content/exercises/{exercise}.es.yaml");
            let title = format!(
                "title: Ejercicio {}",
                random.pick(&["suave", "lento", "fácil"])
            );
            replace_line(project, &file, "title: ", &title);
            format!("{exercise}.es: title")
        }
        3 => {
            let phase = random.pick(&["gentle-stretching", "strengthening"]);
            let file = format!("content/phases/{phase}.md");
            append(project, &file, &format!("\nMove in a {word} way.\n"));
            format!("{phase}: text")
        }
        4 => {
            let page = random.pick(&["why-movement-matters", "working-with-your-therapist"]);
            append(
                project,
                &format!("content/pages/{page}.md"),
                &format!("\nBe {word}.\n"),
            );
            format!("{page}: text")
        }
        5 => {
            let subtitle = format!("subtitle: Stretches and strengthening, {word} and clear");
            replace_line(project, "content/handout.yaml", "subtitle: ", &subtitle);
            "handout.yaml: subtitle".to_string()
        }
        6 => {
            let template =
                random.pick(&["site/exercise.html", "site/phase.html", "site/base.html"]);
            let text = format!("{}\n{{# edit {number} #}}\n", built_in_template(template));
            project.write(&format!("templates/{template}"), text);
            format!("template {template}")
        }
        7 => {
            let catalogue = words_catalogue("en").replace(
                "site-search = Search",
                &format!("site-search = Search, {word}"),
            );
            project.write("templates/words/en.ftl", catalogue);
            "words/en.ftl: site-search".to_string()
        }
        8 => {
            // Only the file's time: the PDFs carry the newest one's date.
            let file = format!("content/exercises/{exercise}.yaml");
            let later = SystemTime::now() + Duration::from_secs(60 * (number as u64 + 1));
            let handle = std::fs::File::options()
                .append(true)
                .open(project.path().join(&file))
                .unwrap();
            handle.set_modified(later).unwrap();
            format!("{exercise}: time")
        }
        9 => {
            let added = "content/exercises/extra-stretch.yaml";
            let translated = "content/exercises/extra-stretch.es.yaml";
            if project.path().join(added).exists() {
                std::fs::remove_file(project.path().join(added)).unwrap();
                std::fs::remove_file(project.path().join(translated)).unwrap();
                "extra-stretch: removed".to_string()
            } else {
                let text = project.read("content/exercises/hamstring-stretch.yaml");
                let title = text.lines().find(|l| l.starts_with("title: ")).unwrap();
                project.write(
                    added,
                    text.replacen(title, &format!("title: An extra {word} stretch"), 1),
                );
                replace_line(project, added, "order: ", "order: 9");
                let translation = project.read("content/exercises/hamstring-stretch.es.yaml");
                project.write(translated, translation);
                "extra-stretch: added".to_string()
            }
        }
        _ => {
            // A broken file fails the build and leaves the output as it
            // was; mended, the next build goes on from there.
            let file = format!("content/exercises/{exercise}.yaml");
            let text = project.read(&file);
            let before = project.snapshot_files("output");
            project.write(&file, format!("{text}\nsteps: [unclosed\n"));
            let run = project.run(&["build"]);
            assert_ne!(run.code, 0, "a broken file must fail the build");
            assert!(
                project.snapshot_files("output") == before,
                "a failed build changed output/"
            );
            project.write(&file, text);
            format!("{exercise}: broken and mended")
        }
    }
}

/// Replaces the first line of `file` that starts with `start`.
fn replace_line(project: &Project, file: &str, start: &str, with: &str) {
    let text = project.read(file);
    let line = text
        .lines()
        .find(|line| line.starts_with(start))
        .unwrap_or_else(|| panic!("{file} has no line starting {start:?}"));
    project.write(file, text.replacen(line, with, 1));
}

/// Adds `text` at the end of `file`.
fn append(project: &Project, file: &str, text: &str) {
    let mut all = project.read(file);
    all.push_str(text);
    project.write(file, all);
}
