//! handout's manual pages: one for handout itself and one for each of
//! its commands (`handout-build(1)`, `handout-new-exercise(1)`...), made
//! from the command line's own definition by clap_mangen, each with its
//! EXIT STATUS and EXAMPLES. `handout man` prints a page; `handout man
//! --out DIR` writes them all, to install where `man` finds them.

use std::path::{Path, PathBuf};

use clap::CommandFactory;

use crate::scaffold::Refusal;

/// The exit codes every command that reads content shares.
const CONTENT_EXIT: &[(&str, &str)] = &[
    ("0", "Success (warnings, if any, were printed)."),
    (
        "1",
        "Problems in the content or the templates, each printed with its file, line and column; or warnings with --deny-warnings. Nothing was written.",
    ),
    (
        "2",
        "A usage error: an unknown option, or an output folder handout did not make (it is left as it was).",
    ),
    (
        "3",
        "A bug in handout: please report it with the content that made it happen.",
    ),
];

/// The exit codes of the commands that only write a new file or print.
const SIMPLE_EXIT: &[(&str, &str)] = &[
    ("0", "Success."),
    (
        "2",
        "Nothing was done: a usage error, or a file or folder in the way (the message says which).",
    ),
    ("3", "A bug in handout: please report it."),
];

/// An example: the command line and what it does.
type Example = (&'static str, &'static str);

/// Each page's examples, under each name the page goes by.
const EXAMPLES: &[(&[&str], &[Example])] = &[
    (
        &["handout"],
        &[
            (
                "handout init my-clinic --languages en --clinic \"Riverside Spine\" --phone 555-0123",
                "Start a project: the default exercises, in English, with your clinic's name and phone.",
            ),
            (
                "handout serve --open",
                "Write and look: the site and the PDFs, rebuilt after every save.",
            ),
            (
                "handout check --report",
                "List every problem, and write the plain-language report into check-report/.",
            ),
            (
                "handout build --deny-warnings",
                "Build output/ for publishing, refusing any warning.",
            ),
        ],
    ),
    (
        &["handout-build"],
        &[
            (
                "handout build",
                "Build the site and the PDFs from content/ into output/.",
            ),
            (
                "handout build --deny-warnings",
                "Build for publishing: any warning (a placeholder left, a TODO) stops it, and nothing is written.",
            ),
            (
                "handout build --only site --out /srv/handout",
                "Build only the website, into /srv/handout/site/ (the folder a web server serves).",
            ),
            (
                "handout build --drafts --out preview",
                "Build the drafts too, to look at them.",
            ),
            (
                "handout build --large-print --weeks 6 --start 2027-03-01",
                "Large-print PDFs, six weeks of checklist from a start date.",
            ),
        ],
    ),
    (
        &["handout-check"],
        &[
            (
                "handout check",
                "Check everything and list every problem, writing nothing.",
            ),
            (
                "handout check --deny-warnings",
                "Fail on warnings too, as CI does.",
            ),
            (
                "handout check --report ci-outputs/plain-language",
                "Write the plain-language report (index.html, report.txt) into that folder.",
            ),
        ],
    ),
    (
        &["handout-serve"],
        &[
            (
                "handout serve --open",
                "Serve on http://127.0.0.1:1111/ and open a browser; every save rebuilds and reloads the page.",
            ),
            (
                "handout serve --port 8080 --bind 0.0.0.0",
                "Share the drafts on the network (anyone who can reach this computer sees them).",
            ),
        ],
    ),
    (
        &["handout-init"],
        &[
            (
                "handout init my-clinic",
                "A new project in my-clinic/: the default content in English, and templates/.",
            ),
            (
                "handout init my-clinic --languages en,es --clinic \"Riverside Spine\" --phone 555-0123 --base-url https://riverside.example.org/exercises/",
                "English and Spanish, with the clinic's details and the site's address.",
            ),
        ],
    ),
    (
        &["handout-figures"],
        &[
            (
                "handout figures",
                "Write output/figures.pdf and output/figures.svg: every exercise's figure, with its title and description, on one sheet to review.",
            ),
            (
                "handout figures --out review",
                "Write the sheet into review/ instead; the rest of that folder stays as it is.",
            ),
        ],
    ),
    (
        &["handout-program"],
        &[
            (
                "handout program maria.yaml",
                "Print one patient's handout and checklist into output/programs/.",
            ),
            (
                "handout program patients/*.yaml --out /secure/printouts",
                "Print many patients' PDFs into a folder of their own.",
            ),
        ],
    ),
    (
        &["handout-new", "handout-new-exercise"],
        &[(
            "handout new exercise calf-raise --phase strengthening",
            "Write content/exercises/calf-raise.yaml (and its translations), every field explained; check warns at each TODO until it is filled in.",
        )],
    ),
    (
        &["handout-new-page"],
        &[(
            "handout new page after-your-visit",
            "Write content/pages/after-your-visit.md, ready to fill in.",
        )],
    ),
    (
        &["handout-templates", "handout-templates-export"],
        &[(
            "handout templates export templates",
            "Copy the built-in templates and word catalogues into templates/, where handout reads them; edit what you want to change.",
        )],
    ),
    (
        &["handout-completions"],
        &[(
            "handout completions bash > ~/.local/share/bash-completion/completions/handout",
            "Install bash completions for your user.",
        )],
    ),
    (
        &["handout-man"],
        &[
            (
                "handout man --out ~/.local/share/man/man1",
                "Install every page for your user; then `man handout-build`.",
            ),
            (
                "handout man check | man -l -",
                "Read one command's page without installing it.",
            ),
        ],
    ),
];

/// A page's examples, none if it has none.
fn examples(page: &str) -> &'static [Example] {
    (EXAMPLES.iter())
        .find(|(names, _)| names.contains(&page))
        .map_or(&[], |(_, examples)| examples)
}

/// Every page: its name (`handout-build`) and its roff text, handout's
/// own first.
pub fn pages() -> Vec<(String, String)> {
    let mut command = crate::cli::Cli::command().disable_help_subcommand(true);
    command.build();
    let mut found = Vec::new();
    collect(&command, &mut found);
    found
}

fn collect(command: &clap::Command, found: &mut Vec<(String, String)>) {
    let name = command
        .get_display_name()
        .unwrap_or_else(|| command.get_name())
        .to_string();
    found.push((name.clone(), render(command, &name)));
    for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
        collect(sub, found);
    }
}

/// One page: clap_mangen's, with EXIT STATUS, EXAMPLES and SEE ALSO
/// before its VERSION.
fn render(command: &clap::Command, name: &str) -> String {
    let mut roff = Vec::new();
    clap_mangen::Man::new(command.clone())
        .render(&mut roff)
        .expect("writing a manual page into memory");
    let roff = String::from_utf8_lossy(&roff).into_owned();
    let mut extra = String::new();
    extra.push_str(".SH \"EXIT STATUS\"\n");
    let codes = match name {
        "handout-init"
        | "handout-new"
        | "handout-new-exercise"
        | "handout-new-page"
        | "handout-completions"
        | "handout-man"
        | "handout-templates"
        | "handout-templates-export" => SIMPLE_EXIT,
        _ => CONTENT_EXIT,
    };
    for (code, meaning) in codes {
        extra.push_str(&format!(".TP\n{code}\n{}\n", escape(meaning)));
    }
    let examples = examples(name);
    if !examples.is_empty() {
        extra.push_str(".SH EXAMPLES\n");
        for (line, what) in examples {
            extra.push_str(&format!(".TP\n.B {}\n{}\n", escape(line), escape(what)));
        }
    }
    let see_also = if name == "handout" {
        "The README and content/README.md of handout's source say more: the content's fields, the templates, publishing.".to_string()
    } else {
        "handout(1); the README and content/README.md of handout's source.".to_string()
    };
    extra.push_str(&format!(".SH \"SEE ALSO\"\n{}\n", escape(&see_also)));
    match roff.find("\n.SH VERSION") {
        Some(at) => format!("{}\n{extra}{}", &roff[..at], &roff[at + 1..]),
        None => format!("{roff}{extra}"),
    }
}

/// Text made safe for roff: backslashes doubled, and a line never starts
/// with a dot or an apostrophe (a request).
fn escape(text: &str) -> String {
    let text = text.replace('\\', "\\e").replace('-', "\\-");
    if text.starts_with(['.', '\'']) {
        format!("\\&{text}")
    } else {
        text
    }
}

/// The page of one command (`build`, `new exercise` or `new-exercise`),
/// or handout's own.
pub fn page(command: &[String]) -> Result<String, Refusal> {
    let wanted = if command.is_empty() {
        "handout".to_string()
    } else {
        format!("handout-{}", command.join("-"))
    };
    let pages = pages();
    let names: Vec<&str> = pages.iter().map(|(name, _)| name.as_str()).collect();
    match pages.iter().find(|(name, _)| *name == wanted) {
        Some((_, text)) => Ok(text.clone()),
        None => Err(Refusal {
            message: format!("there is no manual page {wanted}"),
            hint: format!(
                "the pages: {}",
                names
                    .iter()
                    .map(|n| n.strip_prefix("handout-").unwrap_or(n).replace('-', " "))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }),
    }
}

/// Writes every page into `dir` as `<name>.1`. Returns the files.
pub fn write(dir: &Path) -> Result<Vec<PathBuf>, Refusal> {
    let cannot = |error: std::io::Error| Refusal {
        message: format!("cannot write into {}: {error}", dir.display()),
        hint: "name a folder you can write, like `--out ~/.local/share/man/man1`".to_string(),
    };
    std::fs::create_dir_all(dir).map_err(cannot)?;
    let mut written = Vec::new();
    for (name, text) in pages() {
        let path = dir.join(format!("{name}.1"));
        std::fs::write(&path, text).map_err(cannot)?;
        written.push(path);
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every page another page refers to (`handout-build(1)`) exists, and
    /// each has its exit status and, but for the man page, examples.
    #[test]
    fn every_page_referred_to_exists_with_its_exit_status_and_examples() {
        let pages = pages();
        let names: Vec<&str> = pages.iter().map(|(name, _)| name.as_str()).collect();
        assert!(names.contains(&"handout-build"), "{names:?}");
        assert!(names.contains(&"handout-new-exercise"), "{names:?}");
        assert!(!names.contains(&"handout-help"), "{names:?}");
        for (name, text) in &pages {
            assert!(text.contains(".SH \"EXIT STATUS\""), "{name}");
            assert!(text.contains(".SH EXAMPLES"), "{name} has no examples");
            for reference in text
                .split("handout\\-")
                .skip(1)
                .chain(text.split("handout-").skip(1))
            {
                let Some(end) = reference.find("(1)") else {
                    continue;
                };
                let referred = format!("handout-{}", reference[..end].replace("\\-", "-"));
                if referred.len() < 40 && !referred.contains(' ') {
                    assert!(
                        names.contains(&referred.as_str()),
                        "{name} refers to {referred}"
                    );
                }
            }
        }
        assert!(page(&["new".into(), "exercise".into()]).is_ok());
        assert!(page(&["bild".into()]).is_err());
    }
}
