//! Property test (issue 14): generated Markdown and YAML, hostile or just
//! odd, never crash handout or make it hang. Each case is a content folder
//! (the valid fixture with a generated page and a generated exercise) that
//! `check` must answer, within a time bound, with success or with located
//! problems; the typesetter and the HTML renderer also get the Markdown
//! directly, since templates can make what validation never sees.
//!
//! A second target mutates real content files (the corpus in
//! `tests/corpus/`) the way a hurried edit or a broken tool would: a line
//! deleted, doubled, swapped or re-indented, a hostile token or value put
//! in, the file cut short, bytes that are not UTF-8. `check` must answer
//! each in time with success or with located problems, and the Markdown
//! of a mutated page must typeset into a PDF.
//!
//! The default budget is small so that `cargo test` stays fast; set
//! `PROPTEST_CASES` (e.g. 2000) for a longer hunt of the first target and
//! `FUZZ_CASES` (CI runs 10,000) for the mutations. A case that ever
//! failed goes into [`REGRESSIONS`], which runs every time.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use clap::Parser;
use handout::Error;
use handout::cli::Cli;
use handout::layout::{DocMeta, Tag, TypesetOptions, typeset};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed, TestRunner};

use crate::support::Project;

/// How long one case may take, in a debug build on a busy machine: a
/// generous bound, which catches hangs and blow-ups (a case costs well
/// under a second in a release build), not slowness.
const BOUND: Duration = Duration::from_secs(15);

/// A named case and the function that makes its text.
type Regression = (&'static str, fn() -> String);

/// Cases that once crashed or hung handout (issue 14), as generators so
/// that the big ones need no file: each runs as a page and as a step.
const REGRESSIONS: &[Regression] = &[
    ("5,000 nested quotes", || "> ".repeat(5_000) + "x"),
    ("20,000 nested quotes", || "> ".repeat(20_000) + "x"),
    ("20,000 nested lists", || "- ".repeat(20_000) + "x"),
    ("5,000 nested numbered lists", || "1. ".repeat(5_000) + "x"),
    ("quotes and lists mixed", || "> - ".repeat(3_000) + "x"),
    ("footnotes in quotes", || "> [^a]: ".repeat(2_000) + "x"),
    ("a 200,000-character word", || "w".repeat(200_000)),
];

/// One piece of inline Markdown.
fn inline() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z ]{0,20}",
        "[a-z]{1,8}".prop_map(|w| format!("*{w}*")),
        "[a-z]{1,8}".prop_map(|w| format!("**{w}**")),
        "[a-z]{1,8}".prop_map(|w| format!("~~{w}~~")),
        Just("[reach](exercise:reach)".to_string()),
        Just("[x](exercise:nobody)".to_string()),
        Just("[x](javascript:alert(1))".to_string()),
        Just("![alt](figure:none)".to_string()),
        Just("<https://example.org>".to_string()),
        Just("[^n]".to_string()),
        Just("<b>bold?</b><br>".to_string()),
        Just("`code`".to_string()),
        Just("{#id .cover}".to_string()),
        (1usize..3_000).prop_map(|n| "y".repeat(n)),
        (1usize..200).prop_map(|n| "*".repeat(n)),
        (1usize..200).prop_map(|n| "[".repeat(n)),
        any::<String>(),
    ]
}

/// A line of inline pieces.
fn line() -> impl Strategy<Value = String> {
    prop::collection::vec(inline(), 0..6).prop_map(|pieces| pieces.concat())
}

/// Markdown blocks, nested up to a few levels by prefixing lines, plus
/// runs of a nesting unit deeper than the limit.
fn markdown() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        line(),
        line().prop_map(|l| format!("# {l}")),
        (1usize..40, line()).prop_map(|(rows, l)| {
            let mut t = String::from("| a | b |\n|:-|-:|\n");
            for _ in 0..rows {
                t.push_str(&format!("| {l} | ☐ |\n"));
            }
            t
        }),
        line().prop_map(|l| format!("```\n{l}\n```")),
        line().prop_map(|l| format!("[^n]: {l}")),
        Just("---".to_string()),
        Just("> [!WARNING]\n> Stop.".to_string()),
        Just("> [!DOSE]\n> Ten times.".to_string()),
        (
            prop::sample::select(vec!["> ", "- ", "1. ", "- [ ] ", "> - ", "  "]),
            0usize..200
        )
            .prop_map(|(unit, n)| unit.repeat(n) + "deep"),
    ];
    leaf.prop_recursive(4, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 1..4).prop_map(|b| b.join("\n\n")),
            (
                prop::sample::select(vec!["> ", "- ", "1. ", "   ", "* [x] "]),
                inner
            )
                .prop_map(|(prefix, block)| {
                    block
                        .lines()
                        .map(|l| format!("{prefix}{l}"))
                        .collect::<Vec<_>>()
                        .join("\n")
                }),
        ]
    })
}

/// A YAML double-quoted scalar holding any text.
fn quoted(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() || c == '\u{feff}' => {
                out.push_str(&format!("\\u{:04x}", c as u32 & 0xffff));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// An exercise file: well-formed with generated Markdown fields, or
/// arbitrary text.
fn exercise() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => (markdown(), markdown(), line()).prop_map(|(step, caution, summary)| format!(
            "title: Lift\nphase: second\nkind: strengthen\nsummary: {}\n\
             position: Standing\ndose:\n  repeat: 10\nsteps:\n  - {}\n  - Lower.\n\
             cautions:\n  - {}\n",
            quoted(&summary),
            quoted(&step),
            quoted(&caution)
        )),
        1 => any::<String>(),
        1 => "(title|steps|dose|- |: |\\[|\\{|&a|\\*a|!!str|\n|  |'|\")*",
    ]
}

/// Runs `check` on a content folder and says what is wrong, if anything:
/// a problem that is not located in a content file, or a slow answer.
fn check_case(page: &str, exercise: &str) -> Result<(), String> {
    let project = Project::valid();
    project.write(
        "content/pages/why.md",
        format!("---\ntitle: Why\norder: 1\n---\n{page}"),
    );
    project.write("content/exercises/lift.yaml", exercise);
    let content = project.path().join("content");
    // An empty templates folder: the built-in templates, whatever the
    // folder the tests run in holds.
    std::fs::create_dir_all(project.path().join("templates")).unwrap();
    let cli = Cli::parse_from([
        "handout".as_ref(),
        "check".as_ref(),
        "--content".as_ref(),
        content.as_os_str(),
        "--templates".as_ref(),
        project.path().join("templates").as_os_str(),
    ]);
    let started = Instant::now();
    let result = handout::run(cli);
    let took = started.elapsed();
    if took > BOUND {
        return Err(format!("check took {took:?}"));
    }
    match result {
        Ok(_) => Ok(()),
        Err(Error::Problems(problems)) => {
            let unlocated: Vec<_> = (problems.0.iter())
                .filter(|d| !d.path.starts_with(&content) && !d.path.starts_with("content"))
                .collect();
            if problems.0.is_empty() || !unlocated.is_empty() {
                return Err(format!("problems not located in the content: {problems}"));
            }
            Ok(())
        }
        Err(other) => Err(format!("unexpected error: {other}")),
    }
}

/// Typesets and renders Markdown directly, as a template's output would be.
fn render_case(markdown: &str) -> Result<(), String> {
    let started = Instant::now();
    let options = TypesetOptions::new(DocMeta {
        title: "t".into(),
        author: "a".into(),
        subject: "s".into(),
        language: "en".into(),
        creation_date: 0,
    });
    let doc = typeset(markdown, &options);
    if doc.pages.is_empty() {
        return Err("no page".into());
    }
    // Every item is tagged, into a structure whose parents come first.
    for p in doc.pages.iter().flat_map(|p| &p.items) {
        match p.tag {
            None => return Err(format!("an untagged item: {p:?}")),
            Some(Tag::Content(e)) if e >= doc.structure.len() => {
                return Err(format!("a tag past the structure: {p:?}"));
            }
            Some(_) => {}
        }
    }
    let elements = doc.structure.iter().enumerate().skip(1);
    if let Some((i, _)) = elements
        .clone()
        .find(|(i, e)| e.parent.is_none_or(|p| p >= *i))
    {
        return Err(format!("structure element {i} comes before its parent"));
    }
    handout::markdown::to_html(markdown, &|_, _| None);
    let took = started.elapsed();
    if took > BOUND {
        return Err(format!("typesetting took {took:?}"));
    }
    Ok(())
}

#[test]
fn generated_content_is_built_or_refused_with_located_problems() {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(12);
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        rng_seed: RngSeed::Fixed(crate::support::seed("generated content")),
        ..Config::default()
    });
    runner
        .run(&(markdown(), exercise()), |(page, exercise)| {
            render_case(&page).map_err(TestCaseError::fail)?;
            check_case(&page, &exercise).map_err(TestCaseError::fail)?;
            Ok(())
        })
        .unwrap();
}

#[test]
fn cases_that_once_failed_are_refused_or_built_quickly() {
    for (name, make) in REGRESSIONS {
        let text = make();
        render_case(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        let step = format!(
            "title: Lift\nphase: second\nkind: strengthen\nsummary: Legs.\n\
             position: Standing\ndose:\n  repeat: 10\nsteps:\n  - {}\n",
            quoted(&text)
        );
        check_case(&text, &step).unwrap_or_else(|e| panic!("{name}: {e}"));
    }
}

/// One structured change to a content file's text.
#[derive(Debug, Clone)]
enum Mutation {
    DeleteLine(usize),
    DuplicateLine(usize),
    SwapLines(usize, usize),
    /// A line's indentation changed: spaces added or removed, or a tab.
    Indent(usize, i8),
    /// A hostile token put into a line, at a fraction of its length.
    Insert(usize, u8, &'static str),
    /// The value after a line's `: ` replaced.
    Value(usize, &'static str),
    /// The file cut short at a fraction of its length.
    Truncate(u8),
    /// Bytes that are not UTF-8 put into a line.
    NotUtf8(usize),
}

/// Tokens that break YAML or Markdown, or try to get past the checks.
const TOKENS: &[&str] = &[
    ": ",
    "- ",
    "\"",
    "'",
    "&a ",
    "*a",
    "!!binary ",
    "\t",
    "\0",
    "{",
    "[",
    "]",
    "}",
    "---\n",
    "# ",
    "{onfocus=alert(1) autofocus}",
    "[x](javascript:alert(1))",
    "<script>x</script>",
    "![x](figures/none.png)",
    "[x](exercise:nobody)",
    "> ",
    "| a |",
    "\u{202e}",
    "\u{feff}",
    "?",
    "%",
    "@",
    "`",
    "|",
    ">",
    "\r",
    "\u{85}",
    "[^n]",
    "\\",
];

/// Values a field may be given by mistake, or by an attacker.
const VALUES: &[&str] = &[
    "",
    "~",
    "null",
    ".inf",
    "-.nan",
    "99999999999",
    "99999999999 s",
    "-1",
    "0",
    "1e400",
    "true",
    "[]",
    "{}",
    "[a, b",
    "{a: 1",
    "\"unclosed",
    "'x''",
    "*nope",
    "&a [1, *a]",
    "!!binary eA==",
    "2027-02-30",
    "|",
    ">-",
    "\"\\u0000\"",
    "javascript:alert(1)",
    "exercise:nobody",
    "figures/../../etc/passwd",
    "x: y: z",
];

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        any::<usize>().prop_map(Mutation::DeleteLine),
        any::<usize>().prop_map(Mutation::DuplicateLine),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
        (any::<usize>(), -4i8..5).prop_map(|(l, d)| Mutation::Indent(l, d)),
        (any::<usize>(), any::<u8>(), prop::sample::select(TOKENS))
            .prop_map(|(l, at, t)| Mutation::Insert(l, at, t)),
        (any::<usize>(), prop::sample::select(VALUES)).prop_map(|(l, v)| Mutation::Value(l, v)),
        any::<u8>().prop_map(Mutation::Truncate),
        any::<usize>().prop_map(Mutation::NotUtf8),
    ]
}

/// `text` with `mutations` applied, in order, as bytes.
fn mutate(text: &str, mutations: &[Mutation]) -> Vec<u8> {
    let mut lines: Vec<Vec<u8>> = text.lines().map(|l| l.as_bytes().to_vec()).collect();
    if lines.is_empty() {
        lines.push(Vec::new());
    }
    for m in mutations {
        let n = lines.len().max(1);
        match *m {
            Mutation::DeleteLine(i) if lines.len() > 1 => {
                lines.remove(i % n);
            }
            Mutation::DeleteLine(_) => {}
            Mutation::DuplicateLine(i) => {
                let line = lines[i % n].clone();
                lines.insert(i % n, line);
            }
            Mutation::SwapLines(a, b) => lines.swap(a % n, b % n),
            Mutation::Indent(i, delta) => {
                let line = &mut lines[i % n];
                match delta {
                    0 => line.insert(0, b'\t'),
                    d if d > 0 => line
                        .splice(0..0, std::iter::repeat_n(b' ', d as usize))
                        .for_each(drop),
                    d => {
                        let spaces = line.iter().take_while(|b| **b == b' ').count();
                        line.drain(..spaces.min(d.unsigned_abs() as usize));
                    }
                }
            }
            Mutation::Insert(i, at, token) => {
                let line = &mut lines[i % n];
                let at = line.len() * usize::from(at) / 256;
                line.splice(at..at, token.bytes()).for_each(drop);
            }
            Mutation::Value(i, value) => {
                let line = &mut lines[i % n];
                if let Some(colon) = line.windows(2).position(|w| w == b": ") {
                    line.truncate(colon + 2);
                    line.extend_from_slice(value.as_bytes());
                }
            }
            Mutation::Truncate(at) => {
                let mut all = lines.join(&b'\n');
                all.truncate(all.len() * usize::from(at) / 256);
                lines = all.split(|b| *b == b'\n').map(<[u8]>::to_vec).collect();
            }
            Mutation::NotUtf8(i) => lines[i % n].extend_from_slice(b"\xff\xfe\xc3"),
        }
    }
    let mut out = lines.join(&b'\n');
    out.push(b'\n');
    out
}

/// The corpus: each seed file's name, text, and where it goes in the
/// valid fixture's content folder.
fn corpus() -> Vec<(String, String, PathBuf)> {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut seeds = Vec::new();
    for entry in std::fs::read_dir(&folder).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let target = if let Some(rest) = name.strip_prefix("exercise-") {
            PathBuf::from("exercises").join(rest)
        } else if let Some(rest) = name.strip_prefix("phase-") {
            PathBuf::from("phases").join(rest)
        } else if let Some(rest) = name.strip_prefix("page-") {
            PathBuf::from("pages").join(rest)
        } else if name.starts_with("settings-") {
            PathBuf::from("handout.yaml")
        } else {
            continue;
        };
        seeds.push((name, std::fs::read_to_string(&path).unwrap(), target));
    }
    seeds.sort();
    seeds
}

/// Runs `check` on the content folder `content` (in the folder `root`,
/// with an empty templates folder) and says what is wrong, if anything: a
/// panic, a problem not located in a content file, or a slow answer.
fn check_folder(root: &Path, content: &Path) -> Result<(), String> {
    let cli = Cli::parse_from([
        "handout".as_ref(),
        "check".as_ref(),
        "--content".as_ref(),
        content.as_os_str(),
        "--templates".as_ref(),
        root.join("templates").as_os_str(),
    ]);
    let started = Instant::now();
    let result =
        std::panic::catch_unwind(|| handout::run(cli)).map_err(|_| "check panicked".to_string())?;
    let took = started.elapsed();
    if took > BOUND {
        return Err(format!("check took {took:?}"));
    }
    match result {
        Ok(_) => Ok(()),
        Err(Error::Problems(problems)) => {
            let unlocated: Vec<_> = (problems.0.iter())
                .filter(|d| !d.path.starts_with(content))
                .collect();
            if problems.0.is_empty() || !unlocated.is_empty() {
                return Err(format!("problems not located in the content: {problems}"));
            }
            Ok(())
        }
        Err(other) => Err(format!("unexpected error: {other}")),
    }
}

/// Typesets Markdown and writes it as a PDF, as a template's output would
/// be printed.
fn pdf_case(markdown: &str) -> Result<(), String> {
    render_case(markdown)?;
    let options = TypesetOptions::new(DocMeta {
        title: "t".into(),
        author: "a".into(),
        subject: "s".into(),
        language: "en".into(),
        creation_date: 0,
    });
    let doc = typeset(markdown, &options);
    let rendered = std::panic::catch_unwind(|| handout::print::rendered(doc, "t.pdf"))
        .map_err(|_| "writing the PDF panicked".to_string())?;
    match rendered {
        Ok(done) if done.files.iter().all(|f| f.bytes.starts_with(b"%PDF")) => Ok(()),
        Ok(_) => Err("a PDF that does not start with %PDF".into()),
        // A character no font draws is a located problem, not a failure.
        Err(_) => Ok(()),
    }
}

#[test]
fn mutated_content_is_built_or_refused_with_located_problems() {
    let cases = std::env::var("FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(12);
    let seeds = corpus();
    assert!(seeds.len() >= 5, "the corpus in tests/corpus/");
    // One project for every case: each case writes its file over the
    // seed's place, and puts the original back after.
    let project = Project::valid();
    std::fs::create_dir_all(project.path().join("templates")).unwrap();
    let content = project.path().join("content");
    let originals: Vec<Option<Vec<u8>>> = (seeds.iter())
        .map(|(_, _, target)| std::fs::read(content.join(target)).ok())
        .collect();
    let put_back = |seed: usize| {
        let at = content.join(&seeds[seed].2);
        match &originals[seed] {
            Some(bytes) => std::fs::write(&at, bytes).unwrap(),
            None => std::fs::remove_file(&at).unwrap(),
        }
    };
    // Every seed is valid content: the mutations start from a build that
    // works.
    for (seed, (name, text, target)) in seeds.iter().enumerate() {
        std::fs::write(content.join(target), text).unwrap();
        let run = handout::run(Cli::parse_from([
            "handout".as_ref(),
            "check".as_ref(),
            "--content".as_ref(),
            content.as_os_str(),
            "--templates".as_ref(),
            project.path().join("templates").as_os_str(),
        ]));
        assert!(run.is_ok(), "seed {name}: {}", run.err().unwrap());
        put_back(seed);
    }
    let seed_count = seeds.len();
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        rng_seed: RngSeed::Fixed(crate::support::seed("corpus mutations")),
        ..Config::default()
    });
    let strategy = (0..seed_count, prop::collection::vec(mutation(), 1..5));
    runner
        .run(&strategy, |(seed, mutations)| {
            let (name, text, target) = &seeds[seed];
            let mutated = mutate(text, &mutations);
            let at = content.join(target);
            std::fs::write(&at, &mutated).unwrap();
            let checked = check_folder(project.path(), &content);
            put_back(seed);
            checked.map_err(|e| TestCaseError::fail(format!("{name} {mutations:?}: {e}")))?;
            if name.ends_with(".md") {
                let markdown = String::from_utf8_lossy(&mutated);
                pdf_case(&markdown)
                    .map_err(|e| TestCaseError::fail(format!("{name} {mutations:?}: {e}")))?;
            }
            Ok(())
        })
        .unwrap();
}
