use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use super::places::fault;
use super::*;

/// Writes as a build without `--deny-warnings` does.
fn write(dir: &Path, files: &[OutFile], scopes: &[&str]) -> Result<Diagnostics, OutputError> {
    super::write(dir, files, scopes, false)
}

fn files(paths: &[&str]) -> Vec<OutFile> {
    paths
        .iter()
        .map(|p| OutFile::new(*p, p.as_bytes().to_vec()))
        .collect()
}

/// Everything under `dir`, links read as links: what a reader sees.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, String> {
    let mut seen = BTreeMap::new();
    for entry in walkdir::WalkDir::new(dir).min_depth(1) {
        let entry = entry.unwrap();
        let path = entry.path().strip_prefix(dir).unwrap().to_path_buf();
        let what = if entry.path_is_symlink() {
            format!(
                "link to {}",
                std::fs::read_link(entry.path()).unwrap().display()
            )
        } else if entry.file_type().is_dir() {
            "folder".into()
        } else {
            String::from_utf8_lossy(&std::fs::read(entry.path()).unwrap()).into_owned()
        };
        seen.insert(path, what);
    }
    seen
}

/// The names beside `dir` that a build leaves besides its lock.
fn leftovers(dir: &Path) -> Vec<String> {
    let name = dir.file_name().unwrap().to_string_lossy().into_owned();
    std::fs::read_dir(dir.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(&format!(".{name}.")) && !n.ends_with("handout-lock"))
        .collect()
}

#[test]
fn refuses_a_folder_it_did_not_make() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("thesis.docx"), "precious").unwrap();
    let error = write(dir.path(), &files(&["site/index.html"]), &["site/"]).unwrap_err();
    assert!(matches!(error, OutputError::NotOurs(_)));
    assert_eq!(error.exit_code(), 2);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("thesis.docx")).unwrap(),
        "precious"
    );
    assert!(!dir.path().join("site").exists());
}

#[test]
fn removes_only_its_own_stale_files_in_scope() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    write(
        &out,
        &files(&["site/a/index.html", "site/b.html", "handout.pdf"]),
        &["site/", "handout.pdf"],
    )
    .unwrap();
    std::fs::write(out.join("site/notes.txt"), "mine").unwrap();
    // A site-only build without page a: a goes, the PDF and the user's file stay.
    write(&out, &files(&["site/b.html"]), &["site/"]).unwrap();
    assert!(!out.join("site/a").exists());
    assert!(out.join("site/b.html").exists());
    assert!(out.join("handout.pdf").exists());
    assert_eq!(
        std::fs::read_to_string(out.join("site/notes.txt")).unwrap(),
        "mine"
    );
    let marker = std::fs::read_to_string(out.join(MARKER)).unwrap();
    assert_eq!(marker, "handout.pdf\nsite/b.html\n");
    assert!(leftovers(&out).is_empty());
}

#[test]
fn a_build_that_changes_nothing_rewrites_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let built = files(&["site/index.html", "handout.pdf"]);
    write(&out, &built, &["site/", "handout.pdf"]).unwrap();
    let stamp = |p: &str| std::fs::metadata(out.join(p)).unwrap().modified().unwrap();
    let before = (stamp("site/index.html"), stamp(MARKER));
    std::thread::sleep(std::time::Duration::from_millis(20));
    write(&out, &built, &["site/", "handout.pdf"]).unwrap();
    assert_eq!(before, (stamp("site/index.html"), stamp(MARKER)));
    // A change elsewhere swaps the folder, but unchanged files keep their time.
    let mut changed = built.clone();
    changed[1].bytes = b"new pdf".to_vec();
    write(&out, &changed, &["site/", "handout.pdf"]).unwrap();
    assert_eq!(before.0, stamp("site/index.html"));
    assert_eq!(std::fs::read(out.join("handout.pdf")).unwrap(), b"new pdf");
}

#[cfg(unix)]
#[test]
fn tampered_marker_entries_are_ignored_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let outside = dir.path().join("x");
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::write(outside.join("c.txt"), "keep").unwrap();
    write(&out, &files(&["site/index.html"]), &["site/"]).unwrap();
    std::os::unix::fs::symlink(&outside, out.join("site/link")).unwrap();
    let tampered = format!(
        "site/index.html\nsite/../../x/c.txt\n{}\nsite/link/c.txt\nsite/./b/../index.html\nsite\n",
        outside.join("c.txt").display()
    );
    std::fs::write(out.join(MARKER), tampered).unwrap();
    let warnings = write(&out, &files(&["site/index.html"]), &["site/"]).unwrap();
    assert_eq!(
        std::fs::read_to_string(outside.join("c.txt")).unwrap(),
        "keep"
    );
    let messages: Vec<String> = warnings.0.iter().map(|w| w.to_string()).collect();
    assert_eq!(messages.len(), 4, "{messages:#?}");
    assert!(messages[0].contains("`site/../../x/c.txt` is ignored: it leads outside"));
    assert!(messages[1].contains("is ignored: it leads outside"));
    assert!(messages[2].contains("leads through the symbolic link site/link"));
    assert!(messages[3].contains("`site` is ignored: site is a folder"));
    assert!(warnings.0.iter().all(|w| !w.is_error()));
    // The link itself is not handout's: it stays, and the list is clean.
    assert!(out.join("site/link").is_symlink());
    assert_eq!(
        std::fs::read_to_string(out.join(MARKER)).unwrap(),
        "site/index.html\n"
    );
}

#[test]
fn denied_warnings_about_the_marker_stop_the_write_before_it_starts() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    write(&out, &files(&["site/index.html"]), &["site/"]).unwrap();
    let tampered = "site/index.html\nsite/../../x/c.txt\n";
    std::fs::write(out.join(MARKER), tampered).unwrap();
    let before = snapshot(&out);
    let new = vec![OutFile::new("site/index.html", b"new".to_vec())];
    let error = super::write(&out, &new, &["site/"], true).unwrap_err();
    let OutputError::Denied(warnings) = &error else {
        panic!("expected the warnings to be denied, got {error}");
    };
    assert!(
        warnings
            .to_string()
            .contains("`site/../../x/c.txt` is ignored")
    );
    assert_eq!(error.exit_code(), 1);
    assert_eq!(snapshot(&out), before, "nothing may change");
    // Without the flag the same write goes through, and warns.
    let warnings = write(&out, &new, &["site/"]).unwrap();
    assert_eq!(warnings.0.len(), 1);
    assert_eq!(std::fs::read(out.join("site/index.html")).unwrap(), b"new");
}

#[cfg(unix)]
#[test]
fn links_in_the_output_are_never_followed() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let outside = dir.path().join("elsewhere");
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::write(outside.join("style.css"), "theirs").unwrap();
    let built = files(&["site/assets/style.css", "site/index.html", "site/old.html"]);
    write(&out, &built, &["site/"]).unwrap();
    // A folder handout writes into, replaced by a link: refused by name.
    std::fs::remove_dir_all(out.join("site/assets")).unwrap();
    std::os::unix::fs::symlink(&outside, out.join("site/assets")).unwrap();
    let error = write(&out, &built, &["site/"]).unwrap_err();
    assert!(
        matches!(&error, OutputError::Link(p) if p.ends_with("site/assets")),
        "{error}"
    );
    assert_eq!(error.exit_code(), 2);
    assert_eq!(
        std::fs::read_to_string(outside.join("style.css")).unwrap(),
        "theirs"
    );
    std::fs::remove_file(out.join("site/assets")).unwrap();
    // Files handout wrote, replaced by links: the links are replaced (or
    // dropped), and what they point to is untouched.
    for name in ["site/index.html", "site/old.html"] {
        std::fs::remove_file(out.join(name)).unwrap();
        std::os::unix::fs::symlink(outside.join("style.css"), out.join(name)).unwrap();
    }
    write(&out, &built[..2], &["site/"]).unwrap();
    assert!(!out.join("site/index.html").is_symlink());
    assert_eq!(
        std::fs::read_to_string(out.join("site/index.html")).unwrap(),
        "site/index.html"
    );
    assert!(std::fs::symlink_metadata(out.join("site/old.html")).is_err());
    assert_eq!(
        std::fs::read_to_string(outside.join("style.css")).unwrap(),
        "theirs"
    );
}

/// Fails each file-system call of a rebuild in turn, once (a write error)
/// and for good (a crash): the output is the complete old one every time,
/// and the next build completes it.
#[test]
fn a_failure_at_any_step_leaves_the_old_output() {
    for kill in [false, true] {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        let scopes = ["site/", "handout.pdf"];
        write(
            &out,
            &files(&["site/a.html", "site/b/index.html", "handout.pdf"]),
            &scopes,
        )
        .unwrap();
        std::fs::write(out.join("site/notes.txt"), "mine").unwrap();
        let old = snapshot(&out);
        let mut new = files(&["site/a.html", "site/c/index.html", "handout.pdf"]);
        new[2].bytes = b"new pdf".to_vec();
        let mut step = 0;
        loop {
            fault::fail_at(Some(step), kill);
            let result = write(&out, &new, &scopes);
            let failed = fault::reached();
            fault::fail_at(None, false);
            let now = snapshot(&out);
            if !failed {
                result.unwrap();
                break;
            }
            // After the swap, only removing the old output can fail.
            if now != old {
                assert!(result.is_ok(), "step {step}: {}", result.unwrap_err());
                break;
            }
            assert!(result.is_err(), "step {step}");
            if !kill {
                assert!(leftovers(&out).is_empty(), "step {step}");
            }
            step += 1;
        }
        assert!(step > 5, "only {step} steps");
        write(&out, &new, &scopes).unwrap();
        let done = snapshot(&out);
        assert_eq!(done[Path::new("handout.pdf")], "new pdf");
        assert_eq!(done[Path::new("site/notes.txt")], "mine");
        assert!(!done.contains_key(Path::new("site/b")));
        assert!(leftovers(&out).is_empty(), "{:?}", leftovers(&out));
    }
}

#[test]
fn a_swap_cut_short_is_put_back() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    write(&out, &files(&["site/a.html"]), &["site/"]).unwrap();
    let old = snapshot(&out);
    // Killed between the two renames of a swap without RENAME_EXCHANGE.
    std::fs::rename(&out, dir.path().join(".out.handout-old")).unwrap();
    std::fs::create_dir(dir.path().join(".out.handout-staging")).unwrap();
    write(&out, &files(&["site/a.html"]), &["site/"]).unwrap();
    assert_eq!(snapshot(&out), old);
    assert!(leftovers(&out).is_empty());
}

#[test]
fn a_second_build_at_once_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    write(&out, &files(&["site/a.html"]), &["site/"]).unwrap();
    let real = out.canonicalize().unwrap();
    let held = lock::Lock::take(&real).unwrap();
    let error = write(&out, &files(&["site/b.html"]), &["site/"]).unwrap_err();
    assert!(matches!(error, OutputError::Busy(_)));
    assert_eq!(error.exit_code(), 2);
    assert!(error.to_string().contains("another build is writing into"));
    drop(held);
    write(&out, &files(&["site/b.html"]), &["site/"]).unwrap();
}

#[test]
fn the_output_folder_must_be_a_folder_apart_from_the_sources() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    std::fs::create_dir_all(&content).unwrap();
    let templates = dir.path().join("templates");
    let sources = [content.as_path(), templates.as_path()];
    assert!(check_out(&dir.path().join("output"), &sources).is_ok());
    for out in [
        content.join("out"),
        templates.join("x/out"),
        dir.path().to_path_buf(),
    ] {
        let error = check_out(&out, &sources).unwrap_err();
        assert!(
            matches!(error, OutputError::Overlaps(..)),
            "{out:?}: {error}"
        );
        assert_eq!(error.exit_code(), 2);
    }
    std::fs::write(dir.path().join("file"), "").unwrap();
    let error = check_out(&dir.path().join("file"), &sources).unwrap_err();
    assert!(matches!(error, OutputError::NotAFolder(_)));
    let error = write(&dir.path().join("file"), &files(&["a"]), &[""]).unwrap_err();
    assert!(matches!(error, OutputError::NotAFolder(_)));
    assert_eq!(error.exit_code(), 2);
}

/// Writes as a build does into a folder that is a mount point: its
/// working files inside it.
fn write_inside(
    dir: &Path,
    files: &[OutFile],
    scopes: &[&str],
) -> Result<Diagnostics, OutputError> {
    std::fs::create_dir_all(dir).unwrap();
    let real = dir.canonicalize().unwrap();
    let writer = Writer::open_at(real.clone(), places::Places::inside(&real))?;
    let contents = (files.iter()).map(|f| (f.path.as_str(), plan::Content::Bytes(&f.bytes)));
    writer.finish(contents, scopes, false)
}

/// What a reader sees in a folder that is a mount point: its entries but
/// handout's working files (and its lock).
fn seen_inside(dir: &Path) -> BTreeMap<PathBuf, String> {
    let mut seen = snapshot(dir);
    seen.retain(|path, _| !places::INSIDE.iter().any(|name| path.starts_with(name)));
    seen
}

#[test]
fn a_mount_point_is_written_entry_by_entry_and_a_crash_is_completed_by_the_next_build() {
    for kill in [false, true] {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("mount");
        let scopes = ["site/", "handout.pdf"];
        write_inside(
            &out,
            &files(&["site/a.html", "site/b/index.html", "handout.pdf"]),
            &scopes,
        )
        .unwrap();
        std::fs::write(out.join("notes.txt"), "mine").unwrap();
        let old = seen_inside(&out);
        assert_eq!(old.len(), 7, "{old:?}");
        let mut new_files = files(&["site/a.html", "site/c/index.html", "handout.pdf"]);
        new_files[2].bytes = b"new pdf".to_vec();
        let mut step = 0;
        let new = loop {
            fault::fail_at(Some(step), kill);
            let result = write_inside(&out, &new_files, &scopes);
            let failed = fault::reached();
            fault::fail_at(None, false);
            if !failed {
                result.unwrap();
                break seen_inside(&out);
            }
            // The next build's start (its recovery) shows the old output
            // whole, or the new one whole.
            drop(Writer::open_at(
                out.canonicalize().unwrap(),
                places::Places::inside(&out.canonicalize().unwrap()),
            ));
            let now = seen_inside(&out);
            if now != old {
                assert_eq!(now[Path::new("handout.pdf")], "new pdf", "step {step}");
                assert!(!now.contains_key(Path::new("site/b")), "step {step}");
                assert!(
                    now.contains_key(Path::new("site/c/index.html")),
                    "step {step}"
                );
            }
            let leftovers: Vec<_> = std::fs::read_dir(&out)
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .filter(|n| n.starts_with(".handout-") && n != ".handout-lock" && n != MARKER)
                .collect();
            assert!(leftovers.is_empty(), "step {step}: {leftovers:?}");
            step += 1;
        };
        assert!(step > 8, "only {step} steps");
        assert_eq!(new[Path::new("handout.pdf")], "new pdf");
        assert_eq!(new[Path::new("notes.txt")], "mine");
        write_inside(&out, &new_files, &scopes).unwrap();
        assert_eq!(seen_inside(&out), new);
    }
}

#[test]
fn spooled_files_join_the_output_all_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    write(&out, &files(&["site/a.html"]), &["site/"]).unwrap();
    let writer = Writer::open(&out).unwrap();
    let spooled: Vec<Spooled> = files(&["programs/a-handout.pdf", "programs/b-handout.pdf"])
        .iter()
        .map(|f| writer.spool(f).unwrap())
        .collect();
    // Nothing shows before the end.
    assert!(!out.join("programs").exists());
    let scopes: Vec<&str> = spooled.iter().map(|s| s.path.as_str()).collect();
    writer.finish_spooled(&spooled, &scopes, false).unwrap();
    let seen = snapshot(&out);
    assert_eq!(
        seen[Path::new("programs/a-handout.pdf")],
        "programs/a-handout.pdf"
    );
    assert!(seen.contains_key(Path::new("site/a.html")));
    assert!(seen[Path::new(MARKER)].contains("programs/b-handout.pdf"));
    assert!(leftovers(&out).is_empty(), "{:?}", leftovers(&out));
    // A writer dropped unfinished leaves the output as it was.
    let writer = Writer::open(&out).unwrap();
    writer
        .spool(&files(&["programs/c-handout.pdf"])[0])
        .unwrap();
    drop(writer);
    assert_eq!(snapshot(&out), seen);
    assert!(leftovers(&out).is_empty(), "{:?}", leftovers(&out));
}

/// A build keeps small files in memory and spools the large ones: both
/// join the output at once, and the stale files of their scopes go.
#[test]
fn files_in_memory_and_spooled_join_the_output_together() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    write(
        &out,
        &files(&["site/a.html", "old.pdf"]),
        &["site/", "old.pdf"],
    )
    .unwrap();
    let writer = Writer::open(&out).unwrap();
    let spooled = vec![writer.spool(&files(&["checklist.pdf"])[0]).unwrap()];
    let in_memory = files(&["site/b.html"]);
    writer
        .finish_with(
            &in_memory,
            &spooled,
            &[],
            &["site/", "old.pdf", "checklist.pdf"],
            false,
            &mut None,
        )
        .unwrap();
    let seen = snapshot(&out);
    assert_eq!(seen[Path::new("checklist.pdf")], "checklist.pdf");
    assert_eq!(seen[Path::new("site/b.html")], "site/b.html");
    assert!(!seen.contains_key(Path::new("site/a.html")));
    assert!(!seen.contains_key(Path::new("old.pdf")));
    assert!(leftovers(&out).is_empty(), "{:?}", leftovers(&out));
}

#[cfg(unix)]
#[test]
fn a_lock_file_that_is_a_link_is_a_plain_message() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    std::os::unix::fs::symlink("/tmp/elsewhere", dir.path().join(".out.handout-lock")).unwrap();
    let error = write(&out, &files(&["site/a.html"]), &["site/"]).unwrap_err();
    assert!(matches!(error, OutputError::LinkedLock(_)), "{error}");
    let text = error.to_string();
    assert!(text.contains("is a symbolic link"), "{text}");
    assert!(!text.contains("os error"), "{text}");
    assert_eq!(error.exit_code(), 2);
}

/// A rebuild that changes a few of many files: those written in place,
/// the rest untouched (the same files, the same folder).
fn many_and_a_few() -> (Vec<OutFile>, Vec<OutFile>) {
    let unchanged: Vec<String> = (0..30).map(|n| format!("site/p{n}/index.html")).collect();
    let unchanged: Vec<&str> = unchanged.iter().map(String::as_str).collect();
    let mut old = files(&unchanged);
    old.extend(files(&["site/a.html", "site/b/index.html", "handout.pdf"]));
    let mut new = files(&unchanged);
    new.extend(files(&["site/a.html", "site/c/index.html", "handout.pdf"]));
    let (a, pdf) = (new.len() - 3, new.len() - 1);
    new[a].bytes = b"new a".to_vec();
    new[pdf].bytes = b"new pdf".to_vec();
    (old, new)
}

#[test]
fn a_small_change_is_written_in_place() {
    use std::os::unix::fs::MetadataExt;
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let scopes = ["site/", "handout.pdf"];
    let (old, new) = many_and_a_few();
    write(&out, &old, &scopes).unwrap();
    let inode = |path: &Path| std::fs::metadata(path).unwrap().ino();
    let (folder, kept) = (inode(&out), inode(&out.join("site/p7/index.html")));
    write(&out, &new, &scopes).unwrap();
    assert_eq!(inode(&out), folder, "the folder was swapped");
    assert_eq!(inode(&out.join("site/p7/index.html")), kept);
    let seen = snapshot(&out);
    assert_eq!(seen[Path::new("site/a.html")], "new a");
    assert_eq!(seen[Path::new("handout.pdf")], "new pdf");
    assert_eq!(seen[Path::new("site/c/index.html")], "site/c/index.html");
    assert!(
        !seen.contains_key(Path::new("site/b")),
        "an emptied folder stays"
    );
    let marker = std::fs::read_to_string(out.join(MARKER)).unwrap();
    assert!(marker.contains("site/c/index.html") && !marker.contains("site/b/"));
    assert!(leftovers(&out).is_empty(), "{:?}", leftovers(&out));
}

/// Fails each file-system call of a small change in place in turn: once
/// (a write error), the output is the old one, nothing left beside it;
/// for good (a crash), the next build finds the old output or completes
/// the new one.
#[test]
fn a_small_change_that_fails_at_any_step_leaves_the_old_output_or_the_new() {
    for kill in [false, true] {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        let scopes = ["site/", "handout.pdf"];
        let (old_files, new_files) = many_and_a_few();
        write(&out, &old_files, &scopes).unwrap();
        let old = snapshot(&out);
        write(&dir.path().join("expected"), &old_files, &scopes).unwrap();
        write(&dir.path().join("expected"), &new_files, &scopes).unwrap();
        let new = snapshot(&dir.path().join("expected"));
        let mut step = 0;
        loop {
            fault::fail_at(Some(step), kill);
            let result = write(&out, &new_files, &scopes);
            let failed = fault::reached();
            fault::fail_at(None, false);
            if !failed {
                result.unwrap();
                assert_eq!(snapshot(&out), new);
                break;
            }
            if kill {
                // The next build first completes or clears what was cut short.
                drop(Writer::open(&out).unwrap());
                let now = snapshot(&out);
                assert!(now == old || now == new, "step {step}: {now:?}");
            } else if result.is_ok() {
                // Every change was in: only removing the working files failed.
                assert_eq!(snapshot(&out), new, "step {step}");
                drop(Writer::open(&out).unwrap());
            } else {
                assert_eq!(snapshot(&out), old, "step {step}");
            }
            assert!(
                leftovers(&out).is_empty(),
                "step {step}: {:?}",
                leftovers(&out)
            );
            // Back to the old output for the next step.
            if snapshot(&out) != old {
                write(&out, &old_files, &scopes).unwrap();
            }
            step += 1;
        }
        assert!(step > 10, "only {step} steps");
    }
}

/// Names that are not UTF-8 cannot be handout's, but they are the user's:
/// a swap and a patch carry them over, and a folder holding only such a
/// name is not handout's either.
#[cfg(unix)]
#[test]
fn names_that_are_not_utf8_are_kept_and_never_taken_for_handouts() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let odd = OsStr::from_bytes(b"caf\xe9");
    let stranger = dir.path().join("stranger");
    std::fs::create_dir(&stranger).unwrap();
    std::fs::write(stranger.join(odd), "someone's").unwrap();
    let error = write(&stranger, &files(&["site/index.html"]), &["site/"]).unwrap_err();
    assert!(matches!(error, OutputError::NotOurs(_)), "{error:?}");

    let out = dir.path().join("out");
    let scopes = ["site/", "handout.pdf"];
    let (old, new) = many_and_a_few();
    write(&out, &old, &scopes).unwrap();
    // The user's files: in a folder whose name is not UTF-8, and beside
    // pages whose names sort between a folder and what it holds
    // (`site/p1-notes` comes before `site/p1/` as a string).
    std::fs::create_dir(out.join("site").join(odd)).unwrap();
    std::fs::write(out.join("site").join(odd).join(odd), "mine, odd").unwrap();
    std::fs::write(out.join("site/p1-notes"), "mine, beside").unwrap();
    std::fs::write(out.join("site/p1/notes"), "mine, inside").unwrap();
    let check = |seen: &BTreeMap<PathBuf, String>| {
        let odd_file = Path::new("site").join(odd).join(odd);
        assert_eq!(seen[&odd_file], "mine, odd");
        assert_eq!(seen[Path::new("site/p1-notes")], "mine, beside");
        assert_eq!(seen[Path::new("site/p1/notes")], "mine, inside");
    };
    // A patch (a few files of many), then a swap (every file changed).
    write(&out, &new, &scopes).unwrap();
    check(&snapshot(&out));
    let changed: Vec<OutFile> = (new.iter())
        .map(|f| OutFile::new(f.path.clone(), b"changed".to_vec()))
        .collect();
    write(&out, &changed, &scopes).unwrap();
    let seen = snapshot(&out);
    check(&seen);
    assert_eq!(seen[Path::new("site/p1/index.html")], "changed");
    let marker = std::fs::read_to_string(out.join(MARKER)).unwrap();
    assert!(
        !marker.contains("notes") && !marker.contains("caf"),
        "{marker}"
    );
    assert!(leftovers(&out).is_empty(), "{:?}", leftovers(&out));
}

/// Writes `files` as a process that writes again and again does, with
/// what its last write left (`known`, updated).
fn write_knowing(
    dir: &Path,
    files: &[OutFile],
    kept: &[String],
    scopes: &[&str],
    known: &mut Option<Known>,
) -> Result<Diagnostics, OutputError> {
    Writer::open(dir)?.finish_with(files, &[], kept, scopes, false, known)
}

/// A write that knows the marker its process left looks only at the
/// paths it touches, and still never writes through a link or over a file
/// handout did not make; a marker changed since is read whole again.
#[cfg(unix)]
#[test]
fn a_write_that_knows_the_marker_keeps_every_promise() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let scopes = ["site/", "handout.pdf"];
    let (old, new) = many_and_a_few();
    let mut known = None;
    write_knowing(&out, &old, &[], &scopes, &mut known).unwrap();
    assert!(known.is_some());
    // The unchanged pages kept, as an incremental build keeps them.
    let (changed, kept): (Vec<OutFile>, Vec<OutFile>) =
        (new.iter().cloned()).partition(|f| !f.path.starts_with("site/p"));
    let kept: Vec<String> = kept.into_iter().map(|f| f.path).collect();
    // It looks at the marker, the pages it writes or drops and their
    // folders: not at the thirty pages kept.
    let Some(last) = known.clone() else {
        unreachable!()
    };
    let contents = (changed.iter())
        .map(|f| (f.path.as_str(), plan::Content::Bytes(&f.bytes)))
        .chain(kept.iter().map(|p| (p.as_str(), plan::Content::Kept)));
    let real = out.canonicalize().unwrap();
    let plan = plan::Plan::make_knowing(&real, contents, &scopes, &[], last)
        .unwrap()
        .expect("the marker is the one written");
    assert!(plan.partial);
    let looked: Vec<&str> = plan.old.keys().map(String::as_str).collect();
    let expected = [
        MARKER,
        "handout.pdf",
        "site",
        "site/a.html",
        "site/b",
        "site/b/index.html",
    ];
    assert_eq!(looked, expected);
    let before = known.clone();
    write_knowing(&out, &changed, &kept, &scopes, &mut known).unwrap();
    assert_ne!(
        known, before,
        "the marker changed: site/b went, site/c came"
    );
    let seen = snapshot(&out);
    assert_eq!(seen[Path::new("site/a.html")], "new a");
    assert_eq!(seen[Path::new("site/c/index.html")], "site/c/index.html");
    assert_eq!(seen[Path::new("site/p7/index.html")], "site/p7/index.html");
    assert!(!seen.contains_key(Path::new("site/b")));
    let marker = std::fs::read_to_string(out.join(MARKER)).unwrap();
    assert!(marker.contains("site/c/index.html") && !marker.contains("site/b/"));
    assert!(marker.contains("site/p7/index.html"), "{marker}");
    // What the process knows of the marker is what reading it gives.
    let knows_the_marker = |known: &Option<Known>| {
        let on_disk = std::fs::read_to_string(out.join(MARKER)).unwrap();
        let last = known.as_ref().expect("a write that succeeded");
        assert_eq!(last.marker, on_disk.as_bytes());
        let read_back: BTreeSet<String> = on_disk.lines().map(str::to_string).collect();
        assert_eq!(last.listed, read_back);
    };
    knows_the_marker(&known);
    // The same paths again, their bytes changed: the marker stays.
    let mut same_paths = changed.clone();
    same_paths
        .iter_mut()
        .for_each(|f| f.bytes = b"same paths".to_vec());
    let before = known.clone();
    write_knowing(&out, &same_paths, &kept, &scopes, &mut known).unwrap();
    assert_eq!(known, before);
    knows_the_marker(&known);
    assert_eq!(
        std::fs::read_to_string(out.join("site/a.html")).unwrap(),
        "same paths"
    );

    // A folder on the way of a changed page replaced by a link: refused,
    // nothing written through it.
    let elsewhere = dir.path().join("elsewhere");
    std::fs::create_dir(&elsewhere).unwrap();
    std::fs::rename(out.join("site/c"), dir.path().join("c-aside")).unwrap();
    std::os::unix::fs::symlink(&elsewhere, out.join("site/c")).unwrap();
    let mut again = changed.clone();
    again.iter_mut().for_each(|f| f.bytes = b"again".to_vec());
    let error = write_knowing(&out, &again, &kept, &scopes, &mut known).unwrap_err();
    assert!(matches!(error, OutputError::Link(_)), "{error:?}");
    assert_eq!(std::fs::read_dir(&elsewhere).unwrap().count(), 0);
    assert!(known.is_none(), "a failed write knows nothing");
    std::fs::remove_file(out.join("site/c")).unwrap();
    std::fs::rename(dir.path().join("c-aside"), out.join("site/c")).unwrap();

    // A file of the user's where a new page goes: refused, kept.
    write_knowing(&out, &changed, &kept, &scopes, &mut known).unwrap();
    std::fs::write(out.join("site/d.html"), "mine").unwrap();
    let mut with_d = changed.clone();
    with_d.push(OutFile::new("site/d.html", b"new d".to_vec()));
    let error = write_knowing(&out, &with_d, &kept, &scopes, &mut known).unwrap_err();
    assert!(matches!(error, OutputError::NotOurs(_)), "{error:?}");
    assert_eq!(
        std::fs::read_to_string(out.join("site/d.html")).unwrap(),
        "mine"
    );
    std::fs::remove_file(out.join("site/d.html")).unwrap();

    // A marker changed by hand since: read whole, its odd entry a warning.
    write_knowing(&out, &changed, &kept, &scopes, &mut known).unwrap();
    let mut marker = std::fs::read_to_string(out.join(MARKER)).unwrap();
    marker.push_str("../outside.txt\n");
    std::fs::write(out.join(MARKER), marker).unwrap();
    let warnings = write_knowing(&out, &again, &kept, &scopes, &mut known).unwrap();
    assert_eq!(warnings.0.len(), 1, "{warnings:?}");
    assert_eq!(
        std::fs::read_to_string(out.join("site/a.html")).unwrap(),
        "again"
    );
    assert!(leftovers(&out).is_empty(), "{:?}", leftovers(&out));
}
