//! Building: what lands in output/, determinism, and the safety rules
//! (a failed build changes nothing; only handout's own files are touched).

use crate::support::Project;

#[test]
fn builds_the_valid_fixture_and_says_what_it_built() {
    let project = Project::valid();
    let run = project.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.starts_with(
            "built site (11 pages), handout.pdf (5 pages), checklist.pdf (2 pages): 3 exercises in 2 phases -> output ("
        ),
        "{}",
        run.stdout
    );
    for page in [
        "site/index.html",
        "site/404.html",
        "site/search/index.html",
        "site/phases/first/index.html",
        "site/exercises/reach/index.html",
        "site/pages/why/index.html",
        "site/warning-signs/index.html",
        "site/assets/style.css",
        "site/figures/reach.png",
    ] {
        assert!(
            project.path().join("output").join(page).is_file(),
            "{page} missing"
        );
    }
}

#[test]
fn two_builds_are_byte_identical() {
    let first = Project::valid();
    let second = Project::valid();
    assert_eq!(first.run(&["build"]).code, 0);
    assert_eq!(second.run(&["build"]).code, 0);
    let (a, b) = (
        first.snapshot_files("output"),
        second.snapshot_files("output"),
    );
    assert!(!a.is_empty());
    assert_eq!(a.len(), b.len());
    for ((name_a, bytes_a), (name_b, bytes_b)) in a.iter().zip(&b) {
        assert_eq!(name_a, name_b);
        assert!(bytes_a == bytes_b, "{name_a} differs between builds");
    }
}

#[test]
fn a_failed_build_leaves_the_previous_output_as_it_was() {
    let project = Project::valid();
    assert_eq!(project.run(&["build"]).code, 0);
    let before = project.snapshot_files("output");
    project.write(
        "content/exercises/lift.yaml",
        "title: Lift\nphase: nowhere\n",
    );
    let run = project.run(&["build"]);
    assert_eq!(run.code, 1);
    assert_eq!(project.snapshot_files("output"), before);
}

#[test]
fn refuses_an_output_folder_it_did_not_make() {
    let project = Project::valid();
    project.write("output/taxes.xlsx", "precious");
    let run = project.run(&["build"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("was not made by handout"),
        "{}",
        run.stderr
    );
    assert_eq!(project.snapshot_files("output").len(), 1);
    assert_eq!(project.read("output/taxes.xlsx"), "precious");
}

#[test]
fn rebuilding_removes_pages_of_deleted_content_but_not_other_files() {
    let project = Project::valid();
    assert_eq!(project.run(&["build"]).code, 0);
    project.write("output/site/notes.txt", "mine");
    std::fs::remove_file(project.path().join("content/exercises/lift.yaml")).unwrap();
    assert_eq!(project.run(&["build"]).code, 0);
    assert!(!project.path().join("output/site/exercises/lift").exists());
    assert_eq!(project.read("output/site/notes.txt"), "mine");
}

#[test]
fn custom_output_folder() {
    let project = Project::valid();
    let run = project.run(&["build", "--out", "public"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(project.path().join("public/site/index.html").is_file());
}

#[test]
fn builds_the_default_content() {
    let project = Project::default_content();
    let run = project.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("5 exercises in 2 phases"),
        "{}",
        run.stdout
    );
}

/// Whether `library_of`'s exercise `n` is in the second phase: every
/// third one is.
fn in_second(n: usize) -> bool {
    n.is_multiple_of(3)
}

/// The valid fixture with `many` more exercises made from its own, over
/// both phases (see [`in_second`]), and a `base_url`.
fn library_of(many: usize) -> Project {
    let project = Project::valid();
    let templates = [
        (project.read("content/exercises/squeeze.yaml"), "order: 2"),
        (project.read("content/exercises/reach.yaml"), "order: 1"),
    ];
    for n in 0..many {
        let (template, order) = &templates[n % 2];
        let yaml = template
            .replace("title: ", &format!("title: Many {n:04} "))
            .replace(order, &format!("order: {}", 10 + n));
        let yaml = if in_second(n) {
            yaml.replace("phase: first", "phase: second")
        } else {
            yaml
        };
        project.write(&format!("content/exercises/many-{n:04}.yaml"), yaml);
    }
    let settings = project.read("content/handout.yaml");
    project.write(
        "content/handout.yaml",
        format!("{settings}base_url: https://clinic.example.org/\n"),
    );
    project
}

/// Builds `only` into `first` on one thread and into `second` on four,
/// checks the two are the same file for file, and gives the files.
fn same_on_one_thread_and_on_many(project: &Project, only: &str) -> Vec<(String, Vec<u8>)> {
    for (out, threads) in [("first", "1"), ("second", "4")] {
        let run = project.run_with_env(
            &["build", "--only", only, "--out", out],
            &[("HANDOUT_THREADS", threads)],
        );
        assert_eq!(run.code, 0, "{}", run.stderr);
    }
    let (one, many) = (
        project.snapshot_files("first"),
        project.snapshot_files("second"),
    );
    assert_eq!(one.len(), many.len());
    for ((name_a, bytes_a), (name_b, bytes_b)) in one.iter().zip(&many) {
        assert_eq!(name_a, name_b);
        assert!(
            bytes_a == bytes_b,
            "{name_a} differs between one thread and four"
        );
    }
    one
}

#[test]
fn a_large_library_builds_the_same_on_one_thread_and_on_many() {
    // 2,000 exercises, enough for loading and the site's pages to be split
    // across threads (HANDOUT_THREADS=4 splits them even on one core).
    const MANY: usize = 2000;
    let project = library_of(MANY);
    let one = same_on_one_thread_and_on_many(&project, "site");
    assert!(one.len() > MANY, "{} files", one.len());
    // The sitemap lists the exercises in their order (by phase, then
    // `order`), as one thread would.
    let sitemap = project.read("first/site/sitemap.xml");
    let many: Vec<usize> = sitemap
        .match_indices("exercises/many-")
        .map(|(i, _)| i)
        .collect();
    assert_eq!(many.len(), MANY);
    let numbers: Vec<usize> = many
        .iter()
        .map(|&i| sitemap[i + 15..i + 19].parse().unwrap())
        .collect();
    let mut sorted = numbers.clone();
    sorted.sort_by_key(|&n| (in_second(n), n));
    assert_eq!(numbers, sorted);
}

#[test]
fn only_handout_or_only_checklist_builds_that_pdf_and_keeps_the_rest() {
    let project = Project::valid();
    assert_eq!(project.run(&["build"]).code, 0);
    let before = project.snapshot_files("output");
    let squeeze = project.read("content/exercises/squeeze.yaml");
    project.write(
        "content/exercises/squeeze.yaml",
        squeeze.replace("title: ", "title: Renamed "),
    );
    let changed = |name: &str, after: &[(String, Vec<u8>)]| {
        let find = |files: &[(String, Vec<u8>)]| {
            (files.iter())
                .find(|(file, _)| file == name)
                .map(|(_, bytes)| bytes.clone())
                .unwrap_or_else(|| panic!("{name} is in the output"))
        };
        find(&before) != find(after)
    };

    let run = project.run(&["build", "--only", "handout"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("handout.pdf"), "{}", run.stdout);
    assert!(!run.stdout.contains("checklist.pdf"), "{}", run.stdout);
    let after = project.snapshot_files("output");
    assert_eq!(before.len(), after.len());
    assert!(changed("handout.pdf", &after));
    assert!(!changed("checklist.pdf", &after));
    assert!(!changed("site/index.html", &after));

    let run = project.run(&["build", "--only", "checklist"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(changed("checklist.pdf", &project.snapshot_files("output")));
}

#[test]
fn the_pdfs_are_the_same_on_one_thread_and_on_many() {
    // Enough exercises for the PDFs' threaded work: each a QR code encoded
    // beside the typesetter, page streams compressed in shares, and the
    // structure tree's object streams compressed sixteen at a time.
    let project = library_of(60);
    let pdfs = same_on_one_thread_and_on_many(&project, "pdf");
    let handout = (pdfs.iter())
        .find(|(name, _)| name == "handout.pdf")
        .expect("the handout is built");
    let objects = crate::support::pdf::Document::load_mem(&handout.1).expect("the reader reads it");
    let streams = (objects.objects.values())
        .filter(|o| matches!(o.type_name(), Ok(b"ObjStm")))
        .count();
    assert!(streams > 16, "{streams} object streams");
}
