//! The output folder's safety promises, end to end: a tampered marker, a
//! `--out` that overlaps the sources or names a file, two builds at once,
//! and builds killed at random points.

use std::collections::BTreeMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::{Project, Run};

#[test]
fn a_marker_entry_leading_outside_is_ignored_with_a_warning() {
    let project = Project::valid();
    project.write("x/y/c.txt", "keep");
    assert_eq!(project.run(&["build"]).code, 0);
    let marker = project.path().join("output/.handout-output");
    let mut list = std::fs::read_to_string(&marker).unwrap();
    list.push_str("site/../../x/y/c.txt\n");
    std::fs::write(&marker, list).unwrap();
    let run = project.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("warning: the entry `site/../../x/y/c.txt` is ignored"),
        "{}",
        run.stderr
    );
    assert_eq!(project.read("x/y/c.txt"), "keep");
}

#[test]
fn an_output_folder_inside_the_sources_or_naming_a_file_is_refused() {
    let project = Project::valid();
    for out in ["content/out", "templates/out", "."] {
        let run = project.run(&["build", "--out", out]);
        assert_eq!(run.code, 2, "{out}: {}", run.stderr);
        assert!(run.stderr.contains("overlaps"), "{}", run.stderr);
    }
    assert!(!project.path().join("content/out").exists());
    project.write("notes.txt", "mine");
    let run = project.run(&["build", "--out", "notes.txt"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("is not a folder"), "{}", run.stderr);
    assert_eq!(project.read("notes.txt"), "mine");
}

/// A hash of every file under the output, by path.
fn hashes(project: &Project) -> BTreeMap<String, u64> {
    (project.snapshot_files("output").into_iter())
        .map(|(name, bytes)| {
            let mut hasher = DefaultHasher::new();
            bytes.hash(&mut hasher);
            (name, hasher.finish())
        })
        .collect()
}

fn spawn(project: &Project) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_handout"))
        .args(["build", "--only", "site"])
        .current_dir(project.path())
        .env_clear()
        .env("SOURCE_DATE_EPOCH", "1767225600")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run handout")
}

#[test]
fn two_builds_at_once_leave_one_complete_output() {
    let project = Project::valid();
    assert_eq!(project.run(&["build", "--only", "site"]).code, 0);
    let expected = hashes(&project);
    let children = [spawn(&project), spawn(&project)];
    for child in children {
        let output = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        let code = output.status.code();
        assert!(
            code == Some(0) || (code == Some(2) && stderr.contains("another build is writing")),
            "{code:?}: {stderr}"
        );
    }
    assert_eq!(hashes(&project), expected);
}

/// Exercises enough for a build to take a while.
fn many_exercises(project: &Project, count: usize, summary: &str) {
    for n in 0..count {
        project.write(
            &format!("content/exercises/e{n:04}.yaml"),
            format!(
                "title: Exercise {n}\nphase: first\nkind: strengthen\nsummary: {summary} {n}.\n\
                 position: Standing\ndose:\n  repeat: 10\nsteps:\n  - Rise.\n  - Lower.\n"
            ),
        );
    }
}

/// Kills rebuilds at random points: after each, the output is wholly the
/// old build or wholly the new one, and the next build finishes the job.
#[test]
fn a_build_killed_at_any_point_leaves_the_old_or_the_new_output() {
    let project = Project::valid();
    let count = 2000;
    let versions = ["Old", "New"];
    let mut expected = Vec::new();
    let mut took = Duration::ZERO;
    for version in versions {
        many_exercises(&project, count, version);
        let started = Instant::now();
        let run: Run = project.run(&["build", "--only", "site"]);
        took = took.max(started.elapsed());
        assert_eq!(run.code, 0, "{}", run.stderr);
        expected.push(hashes(&project));
    }
    assert_ne!(expected[0], expected[1]);
    let mut seed = crate::support::seed("kill points");
    let mut current = 1;
    let mut outcomes = [0, 0];
    for round in 0..6 {
        let next = 1 - current;
        many_exercises(&project, count, versions[next]);
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        // Rendering comes first: kill in the later part more often, where
        // the files are written.
        let delay = took.mul_f64(0.3 + 0.8 * (seed >> 33) as f64 / (1u64 << 31) as f64);
        let mut child = spawn(&project);
        std::thread::sleep(delay);
        let _ = child.kill();
        child.wait().unwrap();
        let now = hashes(&project);
        let which = expected.iter().position(|e| *e == now);
        let Some(which) = which else {
            panic!("round {round}: killed after {delay:?}, the output is a mix");
        };
        outcomes[which] += 1;
        if which == current {
            // Killed before the swap: the next build completes it.
            assert_eq!(project.run(&["build", "--only", "site"]).code, 0);
            assert_eq!(hashes(&project), expected[next], "round {round}");
        }
        current = next;
    }
    eprintln!("killed builds left old/new outputs: {outcomes:?}");
}

#[cfg(unix)]
#[test]
fn a_link_in_the_output_is_never_written_through() {
    let project = Project::valid();
    assert_eq!(project.run(&["build"]).code, 0);
    project.write("theirs/style.css", "theirs");
    project.write("theirs/index.html", "theirs");
    let before = project.snapshot_files("theirs");
    for folder in ["site/assets", "site/exercises/lift"] {
        let link = project.path().join("output").join(folder);
        std::fs::remove_dir_all(&link).unwrap();
        std::os::unix::fs::symlink(project.path().join("theirs"), &link).unwrap();
        let run = project.run(&["build"]);
        assert_eq!(run.code, 2, "{}", run.stderr);
        assert!(
            run.stderr.contains(&format!("{folder} is a symbolic link")),
            "{}",
            run.stderr
        );
        assert_eq!(project.snapshot_files("theirs"), before);
        std::fs::remove_file(&link).unwrap();
    }
    assert_eq!(project.run(&["build"]).code, 0);
    assert_eq!(project.snapshot_files("theirs"), before);
}

#[test]
fn program_and_build_share_the_output_folder_with_their_default_paths() {
    let project = Project::default_content();
    let patient = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content/docs/example-patient.yaml"),
    )
    .unwrap();
    project.write("ana.yaml", &patient);
    // Program first, then build, then program again, then build.
    for (step, args) in [
        ["program", "ana.yaml"].as_slice(),
        &["build"],
        &["program", "ana.yaml"],
        &["build", "--only", "site"],
    ]
    .iter()
    .enumerate()
    {
        let run = project.run(args);
        assert_eq!(run.code, 0, "step {step} {args:?}: {}", run.stderr);
    }
    let out = project.path().join("output");
    for file in [
        "programs/ana-handout.pdf",
        "programs/ana-checklist.pdf",
        "site/index.html",
        "handout.pdf",
    ] {
        assert!(out.join(file).is_file(), "{file}");
    }
    // One list of handout's files: the patients' and the build's.
    let marker = project.read("output/.handout-output");
    assert!(marker.contains("programs/ana-handout.pdf\n"), "{marker}");
    assert!(marker.contains("site/index.html\n"), "{marker}");
    // The patient never reaches the site.
    let site = project.snapshot_files("output/site");
    assert!(site.iter().all(|(name, _)| !name.contains("ana")));
}

/// An output folder from before `program` and `build` shared it: the
/// build's list at its top, and output/programs/ with a list of its own.
/// The next run takes the patients' files over as handout's own, with no
/// need to delete anything.
#[test]
fn an_output_folder_with_the_old_programs_list_is_taken_over() {
    let project = Project::default_content();
    assert_eq!(project.run(&["build", "--only", "site"]).code, 0);
    project.write(
        "output/programs/old-handout.pdf",
        "%PDF-1.7 an old patient's",
    );
    project.write("output/programs/.handout-output", "old-handout.pdf\n");
    let patient = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content/docs/example-patient.yaml"),
    )
    .unwrap();
    project.write("ana.yaml", &patient);
    let run = project.run(&["program", "ana.yaml"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = project.path().join("output");
    assert!(!out.join("programs/.handout-output").exists());
    let marker = project.read("output/.handout-output");
    assert!(marker.contains("programs/old-handout.pdf\n"), "{marker}");
    assert!(marker.contains("programs/ana-handout.pdf\n"), "{marker}");
    // A file the old list did not name is still not handout's.
    project.write("output/programs/notes.txt", "mine");
    assert_eq!(project.run(&["build"]).code, 0);
    assert!(out.join("programs/notes.txt").is_file());
}

/// Runs `command` and says whether it worked, quietly.
fn runs(command: &mut Command) -> bool {
    command
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

#[test]
fn an_output_folder_that_is_a_tmpfs_mount_is_built_into_and_rebuilt() {
    let project = Project::valid();
    let out = project.path().join("output");
    std::fs::create_dir(&out).unwrap();
    if !runs(
        Command::new("mount")
            .args(["-t", "tmpfs", "-o", "size=64m", "tmpfs"])
            .arg(&out),
    ) {
        println!("skipped: cannot mount a tmpfs here (not root, or no mount)");
        return;
    }
    /// Unmounts when the test ends, whatever happens.
    struct Mounted(std::path::PathBuf);
    impl Drop for Mounted {
        fn drop(&mut self) {
            let _ = Command::new("umount").arg("-l").arg(&self.0).status();
        }
    }
    let _mounted = Mounted(out.clone());
    let run = project.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(out.join("site/index.html").is_file());
    let reach = project.read("content/exercises/reach.yaml");
    project.write(
        "content/exercises/reach.yaml",
        reach.replace("title: Reach up", "title: Reach higher"),
    );
    let run = project.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        project
            .read("output/site/exercises/reach/index.html")
            .contains("Reach higher")
    );
    // Nothing of handout's working files is left but its lock, and nothing
    // was put beside the mount.
    let names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    let mut names = names;
    names.sort();
    assert_eq!(
        names,
        [
            ".handout-cache",
            ".handout-lock",
            ".handout-output",
            "checklist.pdf",
            "handout.pdf",
            "site"
        ],
        "{names:?}"
    );
    let beside: Vec<String> = std::fs::read_dir(project.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".output."))
        .collect();
    assert!(beside.is_empty(), "{beside:?}");
    // A crash in the middle of the entry-wise swap: its journal written,
    // every entry put in but the handout. The next build completes it,
    // then builds.
    use std::os::unix::fs::MetadataExt;
    let before = project.snapshot_files("output/site");
    std::fs::create_dir(out.join(".handout-staging")).unwrap();
    std::fs::write(out.join(".handout-staging/handout.pdf"), "half a swap").unwrap();
    let inode = |path: &std::path::Path| std::fs::symlink_metadata(path).unwrap().ino();
    let mut journal = String::new();
    for name in ["checklist.pdf", "site", ".handout-output"] {
        journal.push_str(&format!("{}\t{name}\n", inode(&out.join(name))));
    }
    let staged = inode(&out.join(".handout-staging/handout.pdf"));
    journal.push_str(&format!("{staged}\thandout.pdf\n"));
    std::fs::write(out.join(".handout-swap"), journal).unwrap();
    let run = project.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        std::fs::read(out.join("handout.pdf"))
            .unwrap()
            .starts_with(b"%PDF")
    );
    assert_eq!(project.snapshot_files("output/site"), before);
    assert!(!out.join(".handout-swap").exists());
    assert!(!out.join(".handout-staging").exists());
    assert!(!out.join(".handout-old").exists());
}
