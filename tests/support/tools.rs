//! One rule for what the tests need from outside: a test's random choices
//! come from a seed that is fixed unless set, and always printed; an
//! external tool (poppler's pdftotext, qpdf) is required where `CI` is set
//! (`.ci/run` sets it and installs them) and skipped with a printed line
//! elsewhere.

use std::process::{Command, Stdio};

/// The seed of a test's random choices: `HANDOUT_TEST_SEED` when set (to
/// repeat a failure), else a fixed one. Printed either way, with `what`.
pub fn seed(what: &str) -> u64 {
    let seed = std::env::var("HANDOUT_TEST_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x5eed_2026);
    println!("{what}: seed {seed} (HANDOUT_TEST_SEED={seed} repeats it)");
    seed
}

/// `program` as a command to run, or `None` (with a printed line) when it
/// is not installed outside CI. In CI a missing tool fails the test.
pub fn tool(program: &str) -> Option<Command> {
    let found = Command::new(program)
        .arg("-v")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok();
    if found {
        return Some(Command::new(program));
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "{program} is not installed, and CI must run this check (.ci/verify installs it)"
    );
    println!("skipped: {program} is not installed (CI runs this check)");
    None
}

/// A PDF's text as poppler's pdftotext reads it (run [`tool`] first: this
/// expects it installed).
pub fn pdf_text(path: &std::path::Path) -> String {
    let out = Command::new("pdftotext")
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext runs (poppler-utils; .ci/verify installs it)");
    assert!(out.status.success(), "pdftotext {}", path.display());
    String::from_utf8_lossy(&out.stdout).into_owned()
}
