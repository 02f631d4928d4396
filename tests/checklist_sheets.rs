//! The wall checklist as it prints (issue 23), read back from the PDFs of
//! every variant a clinic makes: the library's checklist and the example
//! patient's, in English and Spanish, in normal and large print.
//!
//! On every page: the exercises' names at least 20 pt (24 pt in large
//! print) and never broken inside a word; the day heads whole; tick boxes
//! of at least 7 mm (8 mm), one size on a sheet; whom to call, and on a
//! patient's sheets the patient's name and the week. One sheet per phase
//! and week; a sheet whose rows need a second page (large print, long
//! names) repeats its heading "(continued)", the week, the name and the
//! phone there, and only the variants listed in [`CONTINUED`] have one.

use crate::support::Project;
use crate::support::pdf::{Document, Object};

/// A piece of text as the PDF shows it: one `Tj` or `TJ`, where it
/// starts (from the top left of the page), its size and its characters.
#[derive(Debug, Clone)]
struct Run {
    x: f32,
    y: f32,
    size: f32,
    text: String,
}

/// What a page prints: its text and the sides of its tick boxes (squares
/// filled white and outlined, `re` then `B`).
struct Sheet {
    runs: Vec<Run>,
    boxes: Vec<f32>,
}

impl Sheet {
    /// The page's text without whitespace, to find words that may wrap.
    fn squashed(&self) -> String {
        squash(
            &self
                .runs
                .iter()
                .map(|r| r.text.as_str())
                .collect::<String>(),
        )
    }
}

fn squash(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Every page of a PDF, read back.
fn sheets(path: &std::path::Path) -> Vec<Sheet> {
    let doc = Document::load(path).expect("a PDF the test reader can read");
    let pages = doc.get_pages();
    (1..=pages.len() as u32)
        .map(|page| sheet(&doc, pages[&page]))
        .collect()
}

fn sheet(doc: &Document, id: crate::support::pdf::ObjectId) -> Sheet {
    let (height, encodings) = doc.page_height_and_encodings(id);
    let (mut encoding, mut size, mut at) = (None, 0.0, (0.0, 0.0));
    let (mut runs, mut boxes) = (Vec::new(), Vec::new());
    let mut rect: Option<(f32, f32)> = None;
    let operations = doc.get_and_decode_page_content(id).expect("content");
    for op in operations.operations {
        let number = |i: usize| op.operands[i].as_float().unwrap();
        match op.operator.as_str() {
            "Tf" => {
                let name = op.operands[0].as_name().unwrap().to_vec();
                encoding = encodings.iter().position(|(n, _)| *n == name);
                size = number(1);
            }
            "Tm" => at = (number(4), height - number(5)),
            "Tj" | "TJ" => {
                let Some(e) = encoding else { continue };
                let strings: Vec<&Object> = match &op.operands[0] {
                    Object::Array(items) => items.iter().collect(),
                    other => vec![other],
                };
                let mut text = String::new();
                for s in strings {
                    if let Object::String(bytes, _) = s {
                        text.push_str(&Document::decode_text(&encodings[e].1, bytes).unwrap());
                    }
                }
                runs.push(Run {
                    x: at.0,
                    y: at.1,
                    size,
                    text,
                });
            }
            "re" => rect = Some((number(2).abs(), number(3).abs())),
            "B" => {
                if let Some((w, h)) = rect.take()
                    && (w - h).abs() < 0.01
                {
                    boxes.push(w);
                }
            }
            _ => rect = None,
        }
    }
    Sheet { runs, boxes }
}

/// What one checklist PDF must show.
struct Expect<'a> {
    file: &'a str,
    large_print: bool,
    language: Language,
    /// The exercises' titles it lists, in its language.
    titles: Vec<String>,
    /// The phases' titles, in order, each with its weeks.
    phases: Vec<(String, u32)>,
    /// The patient's name, on a patient's sheets.
    patient: Option<&'a str>,
    /// Whom to call, as printed.
    phone: &'a str,
}

/// The words of a language the checks look for.
#[derive(Clone, Copy)]
struct Language {
    continued: &'static str,
    exercise: &'static str,
    day: &'static str,
    week_number: &'static str,
    week_of: &'static str,
    weekdays: [&'static str; 7],
    months: [&'static str; 12],
}

const EN: Language = Language {
    continued: " (continued)",
    exercise: "Exercise",
    day: "Day",
    week_number: "Week {n} of {of}",
    week_of: "Week of",
    weekdays: ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
    months: [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ],
};

const ES: Language = Language {
    continued: " (continuación)",
    exercise: "Ejercicio",
    day: "Día",
    week_number: "Semana {n} de {of}",
    week_of: "Semana del",
    weekdays: ["lu", "ma", "mi", "ju", "vi", "sá", "do"],
    months: [
        "ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sept", "oct", "nov", "dic",
    ],
};

/// The variants (large print, file) whose sheets may go on to a second
/// page, and how many pages they have at most: in large print a week's
/// three stretches need more than a sheet (24 pt names beside their
/// figures, 8 mm boxes), and the Spanish names more lines than the
/// English. Every other variant prints one page per phase and week.
const CONTINUED: &[(bool, &str, usize)] = &[
    (true, "checklist.pdf", 3),
    (true, "checklist.es.pdf", 4),
    (true, "programs/patient-es-checklist.pdf", 24),
];

/// The least size of a name and of a tick box's side (points), in
/// normal or large print.
fn sizes(large_print: bool) -> (f32, f32) {
    let mm = 72.0 / 25.4;
    if large_print {
        (24.0, 8.0 * mm)
    } else {
        (20.0, 7.0 * mm)
    }
}

/// A page's heading: its largest text (the sheet's title is set larger
/// than the names).
fn heading(page: &Sheet) -> String {
    let top = (page.runs.iter()).fold(0.0, |a: f32, r| a.max(r.size));
    let lines: Vec<&str> = (page.runs.iter())
        .filter(|r| r.size == top)
        .map(|r| r.text.trim())
        .collect();
    lines.join(" ")
}

/// Checks one checklist; returns its page count.
fn check(output: &std::path::Path, expect: &Expect<'_>) -> usize {
    let name = expect.file;
    let pages = sheets(&output.join(name));
    let (least_name, least_box) = sizes(expect.large_print);
    let words = expect.language;
    // Which phase and week each page is, and whether it goes on from the
    // page before.
    let mut sheet_of = Vec::new();
    let mut phase = 0;
    let mut week = 0;
    for (p, page) in pages.iter().enumerate() {
        let heading = heading(page);
        let continued = heading.ends_with(words.continued);
        let title = heading.trim_end_matches(words.continued);
        if !continued {
            week += 1;
            if phase < expect.phases.len() && week > expect.phases[phase].1 {
                phase += 1;
                week = 1;
            }
        }
        assert!(
            phase < expect.phases.len() && title == expect.phases[phase].0,
            "{name}: page {} is headed {heading:?}, not the phase of its week",
            p + 1
        );
        sheet_of.push((phase, week, continued));
    }
    assert_eq!(
        (phase + 1, week),
        (expect.phases.len(), expect.phases.last().unwrap().1),
        "{name}: a sheet for every week of every phase"
    );
    let continued = sheet_of.iter().filter(|s| s.2).count();
    match CONTINUED
        .iter()
        .find(|c| (c.0, c.1) == (expect.large_print, name))
    {
        Some((_, _, most)) => assert!(pages.len() <= *most, "{name}: {} pages", pages.len()),
        None => assert_eq!(continued, 0, "{name}: one page per phase and week"),
    }

    // Every word a name may be broken at a line's end into: the words of
    // the titles, and their pieces after a hyphen.
    let mut name_words: Vec<String> = Vec::new();
    for title in &expect.titles {
        for word in title.split_whitespace() {
            // Lines break after a hyphen: `Knee-to-` / `chest`, or
            // `Knee-` / `to-chest`.
            let cuts: Vec<usize> = std::iter::once(0)
                .chain(word.match_indices('-').map(|(i, _)| i + 1))
                .chain([word.len()])
                .collect();
            for (n, from) in cuts.iter().enumerate() {
                for to in &cuts[n + 1..] {
                    name_words.push(word[*from..*to].to_string());
                }
            }
        }
    }
    let mut seen = vec![false; expect.titles.len()];
    for (p, page) in pages.iter().enumerate() {
        let (phase, week, _) = sheet_of[p];
        let at = format!("{name}: page {}", p + 1);
        let text = page.squashed();
        // Whom to call, the patient's name and the week, on every page.
        assert!(text.contains(&squash(expect.phone)), "{at}: no phone");
        if let Some(patient) = expect.patient {
            assert!(text.contains(&squash(patient)), "{at}: no name");
            let weeks = expect.phases[phase].1;
            let week = words
                .week_number
                .replace("{n}", &week.to_string())
                .replace("{of}", &weeks.to_string());
            assert!(text.contains(&squash(&week)), "{at}: no {week:?}");
        } else {
            assert!(text.contains(&squash(words.week_of)), "{at}: no week");
        }
        // The names: large, and broken only at spaces and hyphens.
        let top = (page.runs.iter()).fold(0.0, |a: f32, r| a.max(r.size));
        let large: Vec<&Run> = (page.runs.iter())
            .filter(|r| r.size >= least_name - 0.01 && r.size < top)
            .collect();
        for run in &large {
            for word in run.text.split_whitespace() {
                assert!(
                    name_words.iter().any(|w| w == word),
                    "{at}: {word:?} of {:?} is not a whole word of a name",
                    run.text
                );
            }
        }
        let names = squash(&large.iter().map(|r| r.text.as_str()).collect::<String>());
        for (title, seen) in expect.titles.iter().zip(&mut seen) {
            *seen |= names.contains(&squash(title));
        }
        // The day heads, whole: `Day 1`, or `Mon` over `11 Jan`.
        let head = (page.runs.iter())
            .find(|r| r.text == words.exercise)
            .unwrap_or_else(|| panic!("{at}: no header row"));
        let heads: Vec<String> = (page.runs.iter())
            .filter(|r| r.size == head.size && r.x > head.x && r.y < head.y + head.size * 3.5)
            .filter(|r| r.y >= head.y - 0.01)
            .map(|r| r.text.replace('\u{a0}', " ").trim().to_string())
            .collect();
        let dated = expect.patient.is_some();
        let whole = |h: &String| {
            if !dated {
                return (1..=7).any(|n| *h == format!("{} {n}", words.day));
            }
            let mut parts = h.split(' ');
            match (parts.next(), parts.next(), parts.next()) {
                (Some(day), None, None) => words.weekdays.contains(&day),
                (Some(n), Some(month), None) => {
                    n.parse::<u32>().is_ok_and(|n| (1..=31).contains(&n))
                        && words.months.contains(&month)
                }
                _ => false,
            }
        };
        assert_eq!(heads.len(), if dated { 14 } else { 7 }, "{at}: {heads:?}");
        for h in &heads {
            assert!(whole(h), "{at}: the day head {h:?} is broken");
        }
        // Tick boxes: large, and one size on the sheet.
        assert!(!page.boxes.is_empty(), "{at}: no tick boxes");
        for side in &page.boxes {
            assert!(*side >= least_box - 0.01, "{at}: a box of {side} pt");
            assert!(
                (side - page.boxes[0]).abs() < 0.01,
                "{at}: boxes of two sizes"
            );
        }
    }
    for (title, seen) in expect.titles.iter().zip(&seen) {
        assert!(
            seen,
            "{name}: {title:?} not printed at {least_name} pt or more"
        );
    }
    pages.len()
}

/// A field of a YAML file (the first line that starts with it).
fn field(yaml: &str, key: &str) -> String {
    (yaml.lines())
        .find_map(|l| l.strip_prefix(key))
        .unwrap_or_else(|| panic!("no {key}"))
        .trim()
        .trim_matches('"')
        .to_string()
}

/// The titles of the exercises and phases of the default content, in a
/// language (`""` or `".es"`), the exercises in a program's file left
/// out when it removes them.
fn titles(project: &Project, suffix: &str) -> (Vec<(String, String)>, Vec<String>) {
    let read = |dir: &str, id: &str, ext: &str| {
        let translated = format!("content/{dir}/{id}{suffix}.{ext}");
        match project.path().join(&translated).is_file() {
            true => project.read(&translated),
            false => project.read(&format!("content/{dir}/{id}.{ext}")),
        }
    };
    let mut exercises = Vec::new();
    for entry in std::fs::read_dir(project.path().join("content/exercises")).unwrap() {
        let path = entry.unwrap().path();
        let stem = path.file_stem().unwrap().to_string_lossy().to_string();
        if stem.contains('.') {
            continue;
        }
        let yaml = read("exercises", &stem, "yaml");
        exercises.push((stem, field(&yaml, "title:")));
    }
    exercises.sort();
    let phases = ["gentle-stretching", "strengthening"]
        .iter()
        .map(|id| field(&read("phases", id, "md"), "title:"))
        .collect();
    (exercises, phases)
}

/// Builds the library's checklists and the example patient's, in both
/// languages, in normal or large print, and checks every one.
fn variant(large_print: bool) -> Vec<(String, usize)> {
    let project = Project::default_content();
    project.print_with_example_patients("checklist", large_print);
    let phone = field(&project.read("content/handout.yaml"), "  phone:");
    let output = project.path().join("output");
    let mut pages = Vec::new();
    for (suffix, language) in [("", EN), (".es", ES)] {
        let (exercises, phases) = titles(&project, suffix);
        let all: Vec<String> = exercises.iter().map(|e| e.1.clone()).collect();
        let library = format!("checklist{suffix}.pdf");
        let expect = Expect {
            file: &library,
            large_print,
            language,
            titles: all,
            phases: phases.iter().map(|p| (p.clone(), 1)).collect(),
            patient: None,
            phone: &phone,
        };
        pages.push((library.clone(), check(&output, &expect)));
        // The example patient: no knee-to-chest stretch, six weeks of
        // each phase (the strengthening phase has no end), the
        // clinician's phone.
        let file = match suffix {
            "" => "programs/patient-en-checklist.pdf",
            _ => "programs/patient-es-checklist.pdf",
        };
        let expect = Expect {
            file,
            large_print,
            language,
            titles: (exercises.iter())
                .filter(|e| e.0 != "knee-to-chest-stretch")
                .map(|e| e.1.clone())
                .collect(),
            phases: phases.iter().map(|p| (p.clone(), 6)).collect(),
            patient: Some("Maria Lopez"),
            phone: "+1 555 0100",
        };
        pages.push((file.to_string(), check(&output, &expect)));
    }
    pages
}

#[test]
fn every_sheet_reads_from_two_metres_in_normal_print() {
    let pages = variant(false);
    // One page per phase and week.
    for (file, count) in pages {
        let sheets = if file.starts_with("programs/") { 12 } else { 2 };
        assert_eq!(count, sheets, "{file}");
    }
}

#[test]
fn every_sheet_reads_from_two_metres_in_large_print() {
    let pages = variant(true);
    // The English patient's two exercises a phase fit a page a week.
    assert!(
        pages.contains(&("programs/patient-en-checklist.pdf".to_string(), 12)),
        "{pages:?}"
    );
}
