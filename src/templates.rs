//! Tera templates: the defaults are compiled into the binary, and a file of
//! the same name in the user's templates folder replaces one.
//!
//! The defaults are the very files in the repository's `templates/`
//! folder (`include_str!`), so what a clinic copies to start its own
//! templates is exactly what the tool uses.

use std::path::{Path, PathBuf};

use std::borrow::Cow;

use serde::Serialize;
use tera::{Context, Kwargs, State, Tera, TeraResult, Value};

use crate::diag::{Diagnostic, Diagnostics};
use crate::{links, markdown};

/// Pairs each template name with the text of the repository's file.
macro_rules! built_in {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../templates/", $name)))),*]
    };
}

/// Every built-in template: its name and its text.
pub const BUILT_IN: &[(&str, &str)] = built_in![
    "site/base.html",
    "site/index.html",
    "site/phase.html",
    "site/exercise.html",
    "site/page.html",
    "site/checklist.html",
    "site/404.html",
    "site/card.html",
    "site/dose.html",
    "site/sitemap.xml",
    "site/style.css",
    "pdf/handout.md",
    "pdf/checklist.md",
];

/// The loaded templates, ready to render.
pub struct Templates {
    tera: Tera,
    /// Where each template came from and its text, for error messages.
    sources: Vec<(String, PathBuf, String)>,
}

impl Templates {
    /// Loads the built-in templates, then the user's from `dir` on top.
    /// `dir` may be missing when `required` is false (the user did not name
    /// it); every template error is reported with its file, line and column.
    pub fn load(dir: &Path, required: bool) -> Result<Templates, Diagnostics> {
        let mut problems = Diagnostics::new();
        let mut sources: Vec<(String, PathBuf, String)> = BUILT_IN
            .iter()
            .map(|(name, text)| {
                (
                    name.to_string(),
                    PathBuf::from(format!("templates/{name} (built in)")),
                    text.to_string(),
                )
            })
            .collect();
        if dir.is_dir() {
            for entry in walkdir::WalkDir::new(dir)
                .sort_by_file_name()
                .into_iter()
                .filter_map(Result::ok)
            {
                if !entry.file_type().is_file() {
                    continue;
                }
                let Ok(relative) = entry.path().strip_prefix(dir) else {
                    continue;
                };
                let name = relative
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy())
                    .collect::<Vec<_>>()
                    .join("/");
                if !BUILT_IN.iter().any(|(built_in, _)| *built_in == name) {
                    // READMEs and notes beside the templates are not templates.
                    continue;
                }
                match std::fs::read_to_string(entry.path()) {
                    Ok(text) => {
                        if let Some(slot) = sources.iter_mut().find(|(n, _, _)| *n == name) {
                            *slot = (name, entry.path().to_path_buf(), text);
                        }
                    }
                    Err(error) => problems.push(Diagnostic::file(
                        entry.path(),
                        format!("cannot be read: {error}"),
                    )),
                }
            }
        } else if required {
            problems.push(
                Diagnostic::file(dir, "the templates folder does not exist")
                    .with_hint("name an existing folder with --templates, or leave it out to use the built-in templates"),
            );
        }
        let mut tera = Tera::new();
        tera.autoescape_on(vec![".html", ".xml"]);
        tera.register_filter("markdown", markdown_filter);
        // Each template is added on its own first, so that a syntax error in
        // one does not hide the errors in the others.
        for (name, path, text) in &sources {
            let mut alone = Tera::new();
            if let Err(error) = alone.add_raw_template(name, text)
                && matches!(error.kind(), tera::ErrorKind::SyntaxError(_))
            {
                problems.push(template_diagnostic(&error, path, text));
            }
        }
        if problems.is_empty() {
            let all: Vec<(&str, &str)> = sources
                .iter()
                .map(|(n, _, t)| (n.as_str(), t.as_str()))
                .collect();
            if let Err(error) = tera.add_raw_templates(all) {
                let (path, text) = Self::locate(&sources, &error);
                problems.push(template_diagnostic(&error, &path, &text));
            }
        }
        problems.into_result(Templates { tera, sources })
    }

    fn locate(sources: &[(String, PathBuf, String)], error: &tera::Error) -> (PathBuf, String) {
        let name = match error.kind() {
            tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) => {
                report.filename()
            }
            _ => "",
        };
        sources
            .iter()
            .find(|(n, _, _)| n == name)
            .map_or((PathBuf::from("templates"), String::new()), |(_, p, t)| {
                (p.clone(), t.clone())
            })
    }

    /// Renders a template with a view struct as its context.
    pub fn render(&self, name: &str, view: &impl Serialize) -> Result<String, Diagnostic> {
        let context = Context::from_serialize(view).map_err(|error| {
            Diagnostic::file(
                Path::new(name),
                format!("internal error building the template's variables: {error}"),
            )
        })?;
        self.tera.render(name, &context).map_err(|error| {
            let (path, text) = Self::locate(&self.sources, &error);
            template_diagnostic(&error, &path, &text)
        })
    }

    /// The text of a template, as loaded (the user's or the built-in one).
    pub fn text(&self, name: &str) -> Option<&str> {
        self.sources
            .iter()
            .find(|(n, _, _)| n == name)
            .map(|(_, _, t)| t.as_str())
    }
}

/// `{{ text | markdown }}`: Markdown to HTML for the site, with content
/// links (`exercise:calf-stretch`) written relative to the page's `root`.
/// `markdown(inline=true)` leaves out the paragraph around a single line
/// (a step, a summary).
fn markdown_filter(text: Cow<'_, str>, kwargs: Kwargs, state: &State<'_>) -> TeraResult<Value> {
    let inline = kwargs.get::<bool>("inline")?.unwrap_or(false);
    let root = state.get::<String>("root")?.unwrap_or_default();
    let resolve = |kind, id: &str| Some(format!("{root}{}", links::site_path(kind, id)));
    let html = if inline {
        markdown::inline_to_html(&text, &resolve)
    } else {
        markdown::to_html(&text, &resolve)
    };
    Ok(Value::safe_string(&html))
}

/// Turns a Tera error into a located diagnostic.
fn template_diagnostic(error: &tera::Error, path: &Path, text: &str) -> Diagnostic {
    match error.kind() {
        tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) => {
            let span = report.span();
            let len = if span.start_line == span.end_line {
                span.end_col.saturating_sub(span.start_col).max(1)
            } else {
                1
            };
            let kind = if matches!(error.kind(), tera::ErrorKind::SyntaxError(_)) {
                "template syntax"
            } else {
                "template"
            };
            Diagnostic::at_line_col(path, text, span.start_line, span.start_col + 1, len, format!("{kind} error: {}", report.message()))
                .with_hint("fix the template, or delete your copy to use the built-in one; templates/README.md lists every variable")
        }
        _ => {
            let mut message = error.to_string();
            let mut source = std::error::Error::source(error);
            while let Some(cause) = source {
                message.push_str(&format!(": {cause}"));
                source = cause.source();
            }
            Diagnostic::file(path, format!("template error: {message}"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The built-in templates are the repository's templates/ files, and
    /// every file there is built in (a template added to the folder but not
    /// to BUILT_IN would silently never be used).
    #[test]
    fn built_in_templates_are_the_files_in_templates() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
        let mut on_disk = Vec::new();
        for entry in walkdir::WalkDir::new(&root)
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
        {
            let name = entry
                .path()
                .strip_prefix(&root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            if entry.file_type().is_file() && !name.ends_with("README.md") {
                on_disk.push(name);
            }
        }
        let mut built_in: Vec<String> = BUILT_IN.iter().map(|(n, _)| n.to_string()).collect();
        built_in.sort();
        on_disk.sort();
        assert_eq!(built_in, on_disk);
        for (name, text) in BUILT_IN {
            assert_eq!(
                std::fs::read_to_string(root.join(name)).unwrap(),
                *text,
                "{name}"
            );
        }
    }
}
