//! The patient's own page (issue 30): the QR code on a patient's cover
//! leads to the site's `my/` page with the program in the fragment, the
//! reminders are written beside the PDFs, and nothing about the patient
//! reaches the site, a file name or the link. The page itself runs in
//! headless Chromium in `.ci/run` (`.ci/verify/my-check.mjs`): the
//! exercises, the doses as the PDF words them, today's phase, tampered
//! links, no outside request, axe.

use std::path::Path;

use handout::view::patient_link::{self, LinkError, short_hash};

use crate::support::{Project, tool};

const BASE: &str = "https://clinic.example.org/spine/";

/// The default content with a `base_url`, the example patient in English
/// (`ana.yaml`) and in Spanish (`ines.yaml`), the site built and both
/// programs printed.
fn printed() -> Project {
    let project = Project::default_content();
    let yaml = project.read("content/handout.yaml");
    project.write("content/handout.yaml", format!("{yaml}base_url: {BASE}\n"));
    let patient = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("content/docs/example-patient.yaml"),
    )
    .unwrap();
    project.write("ana.yaml", &patient);
    project.write("ines.yaml", patient.replace("language: en", "language: es"));
    for args in [["build"].as_slice(), &["program", "ana.yaml", "ines.yaml"]] {
        let run = project.run(args);
        assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
    }
    project
}

/// The QR code of a PDF's first page, decoded by zbarimg from a 100 dpi
/// render (what a phone sees of a handout, or less), or `None` when the
/// tools are not installed outside CI.
fn cover_code(pdf: &Path, dir: &Path) -> Option<String> {
    let mut render = tool("pdftoppm")?;
    let mut zbar = tool("zbarimg")?;
    let stem = dir.join("cover");
    let status = render
        .args(["-png", "-r", "100", "-f", "1", "-l", "1"])
        .arg(pdf)
        .arg(&stem)
        .status()
        .unwrap();
    assert!(status.success());
    let png = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "png"))
        .expect("pdftoppm wrote the cover");
    let out = zbar.args(["--raw", "-q"]).arg(&png).output().unwrap();
    assert!(out.status.success(), "zbarimg finds no code on the cover");
    let text = String::from_utf8(out.stdout).unwrap();
    let codes: Vec<&str> = text.lines().collect();
    assert_eq!(codes.len(), 1, "one code on the cover: {codes:?}");
    Some(codes[0].to_string())
}

#[test]
fn the_qr_code_on_a_patients_cover_opens_their_program_on_the_my_page() {
    let project = printed();
    for (stem, language, page) in [("ana", "en", "my/"), ("ines", "es", "es/my/")] {
        let pdf = project
            .path()
            .join(format!("output/programs/{stem}-handout.pdf"));
        let dir = tempfile::tempdir().unwrap();
        let Some(address) = cover_code(&pdf, dir.path()) else {
            return;
        };
        let fragment = address
            .strip_prefix(&format!("{BASE}{page}#"))
            .unwrap_or_else(|| panic!("{address} is not the {language} my/ page"));
        let program = patient_link::decode(fragment).expect("the code's program reads back");
        assert_eq!(program.language, language);
        assert_eq!(program.start.to_string(), "2027-01-11");
        let ids: Vec<Vec<u32>> = (program.phases.iter())
            .map(|p| p.exercises.iter().map(|e| e.hash).collect())
            .collect();
        let hashes = |ids: &[&str]| ids.iter().map(|id| short_hash(id)).collect::<Vec<_>>();
        assert_eq!(
            ids,
            [
                hashes(&["hamstring-stretch", "calf-stretch"]),
                hashes(&["upper-back-strengthening", "ankle-strengthening"]),
            ]
        );
        let calf = &program.phases[0].exercises[1];
        assert_eq!((calf.hold_seconds, calf.set_for_patient), (Some(20), true));
        // At most a version-8 code (49 modules across).
        let width = handout::qr::encode(&address).unwrap().width();
        assert!(width <= 49, "{address}: {width} modules");
        println!(
            "{stem}: {address} ({} characters, {width} modules across)",
            address.len()
        );
        // The page it opens is written, in that language.
        let html = project.read(&format!("output/site/{page}index.html"));
        assert!(
            html.contains(&format!("<html lang=\"{language}\"")),
            "{page}"
        );
        assert!(html.contains("<script type=\"application/json\" id=\"my-data\">"));
        // Tampered, it is refused.
        let mut tampered = fragment.to_string().into_bytes();
        tampered[10] = if tampered[10] == b'A' { b'B' } else { b'A' };
        let tampered = String::from_utf8(tampered).unwrap();
        assert_eq!(patient_link::decode(&tampered), Err(LinkError::Checksum));
    }
}

#[test]
fn nothing_about_the_patient_reaches_the_site_the_link_or_a_file_name() {
    let project = printed();
    let out = project.path().join("output");
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(&out) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            files.push(entry.path().strip_prefix(&out).unwrap().to_path_buf());
        }
    }
    for name in ["maria", "lopez", "sam", "lee"] {
        assert!(
            !files
                .iter()
                .any(|f| f.to_string_lossy().to_lowercase().contains(name)),
            "{name} in a file name"
        );
    }
    assert!(
        files
            .iter()
            .any(|f| f == Path::new("programs/ana-reminders.ics"))
    );
    assert!(
        files
            .iter()
            .any(|f| f == Path::new("programs/ines-reminders.ics"))
    );
    for file in files
        .iter()
        .filter(|f| f.starts_with("site") || f.extension().is_some_and(|e| e == "ics"))
    {
        let bytes = std::fs::read(out.join(file)).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        for private in [
            "Maria",
            "Lopez",
            "Sam Lee",
            "555 0100",
            "Ask us before",
            "Hold the counter",
        ] {
            assert!(!text.contains(private), "{private} in {}", file.display());
        }
    }
}

/// The reminders of the example patient: the first phase (6 weeks from the
/// surgery, 5-6 times a day) at the five default times, the second (open,
/// no times a day) once, in the patient's language, with the link.
#[test]
fn the_reminders_beside_the_pdfs_follow_the_phases_in_the_patients_language() {
    let project = printed();
    for (stem, summary) in [
        ("ana", "SUMMARY:Exercises: Gentle stretching"),
        ("ines", "SUMMARY:Ejercicios: Estiramientos suaves"),
    ] {
        let ics = project.read(&format!("output/programs/{stem}-reminders.ics"));
        let unfolded = ics.replace("\r\n ", "");
        assert_eq!(unfolded.matches("BEGIN:VEVENT").count(), 5 + 1, "{ics}");
        assert_eq!(unfolded.matches("BEGIN:VALARM").count(), 6);
        assert_eq!(unfolded.matches(summary).count(), 5, "{ics}");
        assert_eq!(unfolded.matches("RRULE:FREQ=DAILY;COUNT=42").count(), 5);
        assert!(unfolded.contains("DTSTART:20270111T080000"));
        assert!(unfolded.contains("DTSTART:20270222T080000"));
        assert!(unfolded.contains(&format!("URL:{BASE}")), "{ics}");
    }
    // Session times of the clinic's own.
    let yaml = project.read("content/handout.yaml");
    project.write(
        "content/handout.yaml",
        format!("{yaml}session_times: [\"07:30\", \"12:00\", \"19:15\"]\n"),
    );
    let run = project.run(&["program", "ana.yaml"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let ics = project.read("output/programs/ana-reminders.ics");
    for start in [
        "20270111T073000",
        "20270111T120000",
        "20270111T191500",
        "20270222T073000",
    ] {
        assert!(ics.contains(&format!("DTSTART:{start}")), "{start}: {ics}");
    }
    assert_eq!(ics.matches("BEGIN:VEVENT").count(), 3 + 1);
}

#[test]
fn session_times_out_of_order_or_not_times_are_located_errors() {
    let project = Project::default_content();
    let yaml = project.read("content/handout.yaml");
    project.write(
        "content/handout.yaml",
        format!("{yaml}session_times: [\"08:00\", \"8 pm\", \"07:00\"]\n"),
    );
    let run = project.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("'8 pm' is not a time of day"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("'07:00' is not after the time before it"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("content/handout.yaml:"),
        "{}",
        run.stderr
    );
}

/// A program too long for a version-8 code is refused with a message
/// that says so, naming the file (never the patient).
#[test]
fn a_program_too_long_for_its_code_is_refused() {
    let project = Project::default_content();
    let yaml = project.read("content/handout.yaml");
    let long = format!(
        "https://clinic.example.org/{}/",
        "a-very-long-path".repeat(6)
    );
    project.write("content/handout.yaml", format!("{yaml}base_url: {long}\n"));
    let patient = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("content/docs/example-patient.yaml"),
    )
    .unwrap();
    project.write("ana.yaml", &patient);
    let run = project.run(&["program", "ana.yaml"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("ana.yaml"), "{}", run.stderr);
    assert!(
        run.stderr.contains("too long for the QR code"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("Maria"), "{}", run.stderr);
    assert!(
        !project
            .path()
            .join("output/programs/ana-handout.pdf")
            .exists()
    );
}

/// The patient's page holds nothing until a QR code fills its address, so
/// search engines are asked not to list it, and the sitemap leaves it out.
#[test]
fn the_patients_page_is_not_in_the_sitemap_and_asks_not_to_be_indexed() {
    let project = Project::default_content();
    let yaml = project.read("content/handout.yaml");
    project.write("content/handout.yaml", format!("{yaml}base_url: {BASE}\n"));
    let run = project.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let sitemap = project.read("output/site/sitemap.xml");
    assert!(sitemap.contains(&format!("<loc>{BASE}</loc>")), "{sitemap}");
    assert!(!sitemap.contains("/my/"), "{sitemap}");
    for page in ["output/site/my/index.html", "output/site/es/my/index.html"] {
        let html = project.read(page);
        assert!(
            html.contains(r#"<meta name="robots" content="noindex">"#),
            "{page}"
        );
    }
    let home = project.read("output/site/index.html");
    assert!(!home.contains("noindex"));
}
