//! Property test (issue 14): generated Markdown and YAML, hostile or just
//! odd, never crash handout or make it hang. Each case is a content folder
//! (the valid fixture with a generated page and a generated exercise) that
//! `check` must answer, within a time bound, with success or with located
//! problems; the typesetter and the HTML renderer also get the Markdown
//! directly, since templates can make what validation never sees.
//!
//! The default budget is small so that `cargo test` stays fast; set
//! `PROPTEST_CASES` (e.g. 2000) for a longer hunt. A case that ever failed
//! goes into [`REGRESSIONS`], which runs every time.

use std::time::{Duration, Instant};

use clap::Parser;
use handout::Error;
use handout::cli::Cli;
use handout::layout::{DocMeta, Tag, TypesetOptions, typeset};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

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
