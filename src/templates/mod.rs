//! Tera templates: the defaults are compiled into the binary, and a file of
//! the same name in the user's templates folder replaces one.
//!
//! The defaults are the very files in the repository's `templates/`
//! folder (`include_str!`), so what a clinic copies to start its own
//! templates is exactly what the tool uses.

use std::path::{Path, PathBuf};

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use fluent_bundle::{FluentArgs, FluentValue};

use serde::Serialize;
use tera::{Context, Kwargs, State, Tera, TeraResult, Value};

use crate::diag::{Diagnostic, Diagnostics, did_you_mean};
use crate::{links, markdown, words};

pub mod markdown_memo;
pub mod scripts;
mod watchdog;

use scripts::Scripts;

/// Pairs each template name with the text of the repository's file.
macro_rules! built_in {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../../templates/", $name)))),*]
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
    "site/program.html",
    "site/programs.html",
    "site/404.html",
    "site/card.html",
    "site/figure.html",
    "site/figures.js",
    "site/dose.html",
    "site/sitemap.xml",
    "site/style.css",
    "site/search.html",
    "site/search.js",
    "site/checklist.js",
    "site/notfound.js",
    "site/page.js",
    "site/favicon.svg",
    "site/warning-signs.html",
    "site/my.html",
    "site/my.js",
    "pdf/handout.md",
    "pdf/checklist.md",
];

/// The loaded templates, ready to render.
pub struct Templates {
    tera: Tera,
    /// Where each template came from and its text, for error messages.
    sources: Vec<(String, PathBuf, String)>,
    /// The user's word catalogues (`words/<language>.ftl`), laid over the
    /// shipped ones.
    catalogues: Vec<words::Source>,
    /// The words of each language rendered so far, which the templates'
    /// `t` function reads.
    loaded: Loaded,
    /// Files in the user's folder that were not used, and why.
    warnings: Diagnostics,
    /// The site's scripts and the policy that lets only them run.
    scripts: Arc<Scripts>,
    /// The time every render of this build shares.
    budget: Arc<watchdog::Budget>,
}

impl Templates {
    /// Loads the built-in templates, then the user's from `dir` on top.
    /// `dir` may be missing when `required` is false (the user did not name
    /// it); every template error is reported with its file, line and column.
    ///
    /// A file in `dir` that replaces no built-in template (a misspelt name)
    /// is a warning, not an error: the load succeeds and
    /// [`Templates::warnings`] has it. When the load fails, the warnings
    /// come with the errors.
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
        let catalogues = read_user_files(dir, required, &mut sources, &mut problems);
        let scripts = Arc::new(load_scripts(&sources, &mut problems));
        let (mut tera, loaded) = template_engine(&scripts);
        let added = (!problems.has_errors()).then(|| {
            let all: Vec<(&str, &str)> = sources
                .iter()
                .map(|(n, _, t)| (n.as_str(), t.as_str()))
                .collect();
            tera.add_raw_templates(all)
        });
        if !matches!(added, Some(Ok(()))) {
            // Each template on its own, so that a syntax error in one does
            // not hide the errors in the others (only when something is
            // wrong: parsing every template twice cost each build, and
            // each save in `serve`, some milliseconds).
            let mut syntax_errors = false;
            for (name, path, text) in &sources {
                let mut alone = Tera::new();
                if let Err(error) = alone.add_raw_template(name, text)
                    && matches!(error.kind(), tera::ErrorKind::SyntaxError(_))
                {
                    problems.push(template_diagnostic(&error, path, text));
                    syntax_errors = true;
                }
            }
            if let Some(Err(error)) = added
                && !syntax_errors
            {
                let (path, text) = Self::locate(&sources, &error);
                problems.push(template_diagnostic(&error, &path, &text));
            }
        }
        let (mut templates, warnings) = problems.into_result_with_warnings(Templates {
            tera,
            sources,
            catalogues,
            loaded,
            warnings: Diagnostics::new(),
            scripts,
            budget: watchdog::Budget::new(),
        })?;
        templates.warnings = warnings;
        Ok(templates)
    }

    /// Takes every template and the clinic's word catalogues into
    /// `hasher`: what any render reads besides its context (the shipped
    /// catalogues are part of the binary, which every fingerprint takes).
    pub fn fingerprint_into(&self, hasher: &mut crate::incremental::Fingerprinter) {
        for (name, _, text) in &self.sources {
            hasher.text(name).text(text);
        }
        for catalogue in &self.catalogues {
            hasher.text(&catalogue.language).text(&catalogue.text);
        }
    }

    /// The clinic's own word catalogues (`words/<language>.ftl`).
    pub fn catalogues(&self) -> &[words::Source] {
        &self.catalogues
    }

    /// The words handout writes itself in `language`, from the shipped
    /// catalogues and the user's.
    pub fn words(&self, language: &str) -> Result<words::Words, Diagnostics> {
        words::Words::load(language, &self.catalogues)
    }

    /// Renders a template with a view struct as its context, in the
    /// language of `words`: its `t` function writes their messages, and
    /// `lang` is their language tag.
    pub fn render(
        &self,
        name: &str,
        view: &impl Serialize,
        words: &words::Words,
    ) -> Result<String, Diagnostic> {
        self.loaded.add(words);
        let mut context = self.context(name, view)?;
        context.insert("lang", words.language());
        self.render_context(name, &context)
    }

    /// The site's scripts and the Content-Security-Policy of its pages.
    pub fn scripts(&self) -> &Scripts {
        &self.scripts
    }

    /// What was loaded but is probably not what the user meant: files in
    /// the templates folder that replace no built-in template. Print them
    /// even when everything else succeeds.
    pub fn warnings(&self) -> &Diagnostics {
        &self.warnings
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

    fn context(&self, name: &str, view: &impl Serialize) -> Result<Context, Diagnostic> {
        Context::from_serialize(view).map_err(|error| {
            Diagnostic::file(
                Path::new(name),
                format!("internal error building the template's variables: {error}"),
            )
        })
    }

    fn render_context(&self, name: &str, context: &Context) -> Result<String, Diagnostic> {
        let mut output = Limited {
            bytes: Vec::new(),
            limit: MAX_OUTPUT,
            overflowed: false,
        };
        let path = self.source(name).map_or(Path::new(name), |(path, _)| path);
        let watched = watchdog::watch(path.to_path_buf(), &self.budget);
        let rendered = self.tera.render_to(name, context, &mut output);
        drop(watched);
        if output.overflowed {
            return Err(Diagnostic::file(
                path,
                format!(
                    "the template wrote more than {} MiB for one file, and was stopped",
                    MAX_OUTPUT / (1024 * 1024)
                ),
            )
            .with_hint(
                "look for a loop that repeats far more than it should (a range inside a range)",
            ));
        }
        rendered.map_err(|error| {
            let (path, text) = Self::locate(&self.sources, &error);
            template_diagnostic(&error, &path, &text)
        })?;
        let page = String::from_utf8(output.bytes).map_err(|_| {
            Diagnostic::file(
                Path::new(name),
                "internal error: the template wrote invalid UTF-8",
            )
        })?;
        Ok(if name.starts_with("site/") && name.ends_with(".html") {
            with_policy(page, self.scripts.policy())
        } else {
            page
        })
    }

    /// Where a template came from (the user's file, or the built-in one)
    /// and its text, for diagnostics that point into it.
    pub fn source(&self, name: &str) -> Option<(&Path, &str)> {
        self.sources
            .iter()
            .find(|(n, _, _)| n == name)
            .map(|(_, path, text)| (path.as_path(), text.as_str()))
    }

    /// The text of a template, as loaded (the user's or the built-in one).
    pub fn text(&self, name: &str) -> Option<&str> {
        self.sources
            .iter()
            .find(|(n, _, _)| n == name)
            .map(|(_, _, t)| t.as_str())
    }
}

/// Reads the user's templates folder `dir` over the built-in `sources`:
/// a file that replaces a built-in template, a clinic's own script, and
/// its word catalogues (returned). A file that replaces nothing is a
/// warning; a missing folder is an error only when `required`.
fn read_user_files(
    dir: &Path,
    required: bool,
    sources: &mut Vec<(String, PathBuf, String)>,
    problems: &mut Diagnostics,
) -> Vec<words::Source> {
    let mut catalogues = Vec::new();
    if dir.is_dir() {
        for (name, path) in user_files(dir, problems) {
            if let Some(file) = name.strip_prefix(&format!("{}/", words::FOLDER)) {
                if !is_readme(file) {
                    catalogues.extend(catalogue(file, &path, problems));
                }
                continue;
            }
            let new_script =
                scripts::is_script(&name) && !sources.iter().any(|(n, _, _)| *n == name);
            if new_script {
                // A clinic's own script: a page runs it with `script()`.
                sources.push((name.clone(), path.clone(), String::new()));
            }
            if !BUILT_IN.iter().any(|(built_in, _)| *built_in == name) && !new_script {
                if !is_readme(&name) {
                    problems.push(unused_file(&name, &path));
                }
                continue;
            }
            match std::fs::read_to_string(&path) {
                Ok(text) => {
                    if let Some(slot) = sources.iter_mut().find(|(n, _, _)| *n == name) {
                        *slot = (name, path, text);
                    }
                }
                Err(error) => {
                    problems.push(Diagnostic::file(&path, format!("cannot be read: {error}")));
                }
            }
        }
    } else if required {
        problems.push(
            Diagnostic::file(dir, "the templates folder does not exist")
                .with_hint("name an existing folder with --templates, or leave it out to use the built-in templates"),
        );
    }
    catalogues
}

/// The site's scripts among the templates, each refused script an error.
fn load_scripts(sources: &[(String, PathBuf, String)], problems: &mut Diagnostics) -> Scripts {
    Scripts::new(sources.iter().map(|(n, _, t)| (n.as_str(), t.as_str()))).unwrap_or_else(
        |refused| {
            for name in refused {
                let path = (sources.iter().find(|(n, _, _)| *n == name))
                    .map_or_else(|| PathBuf::from(&name), |(_, p, _)| p.clone());
                problems.push(
                    Diagnostic::file(
                        &path,
                        "this script holds `</script`, which would end it early in the page",
                    )
                    .with_hint("write it as `<\\/script` inside a string"),
                );
            }
            Scripts::default()
        },
    )
}

/// The template engine with handout's filters and functions: `markdown`,
/// `script()`, `content_security_policy()` and `t()` (whose messages it
/// records in the returned [`Loaded`]).
fn template_engine(scripts: &Arc<Scripts>) -> (Tera, Loaded) {
    let mut tera = Tera::new();
    tera.autoescape_on(vec![".html", ".xml"]);
    tera.set_escape_fn(escape_html);
    tera.register_filter("markdown", markdown_filter);
    tera.register_filter("plain_text", plain_text_filter);
    let page_scripts = Arc::clone(scripts);
    tera.register_function("script", move |kwargs: Kwargs, _: &State<'_>| {
        let name: &str = kwargs.must_get("name")?;
        page_scripts
            .element(name)
            .map(|element| Value::safe_string(&element))
            .ok_or_else(|| {
                tera::Error::message(format!(
                    "there is no script `site/{name}`: a script is a file site/<name>.js of the templates"
                ))
            })
    });
    let policy = Arc::clone(scripts);
    tera.register_function(
        "content_security_policy",
        move |_: Kwargs, _: &State<'_>| Ok(Value::safe_string(&scripts::meta(policy.policy()))),
    );
    let loaded = Loaded::default();
    let shared = loaded.clone();
    tera.register_function("t", move |kwargs: Kwargs, state: &State<'_>| {
        shared.message(kwargs, state)
    });
    (tera, loaded)
}

/// Escapes text for HTML exactly as Tera's own escape does (`&`, `<`, `>`,
/// `"` and `'`), but writes each run of plain text at once: Tera's writes
/// byte by byte, a call each, which was a tenth of a list page's time.
fn escape_html(text: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let bytes = text.as_bytes();
    let mut plain_from = 0;
    for (at, byte) in bytes.iter().enumerate() {
        let escaped: &[u8] = match byte {
            b'&' => b"&amp;",
            b'<' => b"&lt;",
            b'>' => b"&gt;",
            b'"' => b"&quot;",
            b'\'' => b"&#39;",
            _ => continue,
        };
        out.write_all(&bytes[plain_from..at])?;
        out.write_all(escaped)?;
        plain_from = at + 1;
    }
    out.write_all(&bytes[plain_from..])
}

/// A page with the Content-Security-Policy in its `<head>`: a clinic's
/// own `base.html` that leaves out `{{ content_security_policy() }}` gets
/// it right after `<head>`, before anything that could run.
fn with_policy(page: String, policy: &str) -> String {
    if page.contains("http-equiv=\"Content-Security-Policy\"") {
        return page;
    }
    let lower = page.to_ascii_lowercase();
    let head = lower
        .find("<head>")
        .map(|at| at + "<head>".len())
        .or_else(|| {
            let at = lower.find("<head ")?;
            Some(at + lower[at..].find('>')? + 1)
        });
    match head {
        Some(at) => format!("{}{}{}", &page[..at], scripts::meta(policy), &page[at..]),
        None => page,
    }
}

/// The most one template may write for one file: far more than a
/// 10,000-exercise site's largest page, far less than a runaway loop fills
/// memory with.
const MAX_OUTPUT: usize = 256 * 1024 * 1024;

/// A buffer that refuses to grow past its limit: writing more is an error,
/// which stops the template.
struct Limited {
    bytes: Vec<u8>,
    limit: usize,
    overflowed: bool,
}

impl std::io::Write for Limited {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.bytes.len() + buf.len() > self.limit {
            self.overflowed = true;
            return Err(std::io::Error::other("the template's output is too large"));
        }
        self.bytes.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// `{{ text | markdown }}`: Markdown to HTML for the site, with content
/// links (`exercise:calf-stretch`) written relative to the page's `root`.
/// `markdown(inline=true)` leaves out the paragraph around a single line
/// (a step, a summary).
/// The words of every language a template has been rendered in, by
/// language tag. Shared between the templates and their `t` function.
#[derive(Clone, Default)]
struct Loaded(Arc<RwLock<HashMap<String, words::Words>>>);

impl Loaded {
    /// Makes `words` the ones for their language (a cheap clone).
    fn add(&self, words: &words::Words) {
        let known = (self.0.read())
            .map(|loaded| loaded.contains_key(words.language()))
            .unwrap_or(false);
        if !known && let Ok(mut loaded) = self.0.write() {
            loaded.insert(words.language().to_string(), words.clone());
        }
    }

    /// `t(id="phase-number", number=2)`: the message `id` of the page's
    /// language (`lang`), with the other arguments as its variables.
    fn message(&self, kwargs: Kwargs, state: &State<'_>) -> TeraResult<Value> {
        let id: &str = kwargs.must_get("id")?;
        // A Value is a cheap clone where a String would be a copy: `t`
        // runs a few dozen times on each of thousands of pages.
        let lang = state.get::<Value>("lang")?;
        let language = lang.as_ref().and_then(Value::as_str).ok_or_else(|| {
            tera::Error::message("`t` needs `lang`: the page's language is not known here")
        })?;
        let loaded =
            (self.0.read()).map_err(|_| tera::Error::message("the words are not readable"))?;
        let words = loaded.get(language).ok_or_else(|| {
            tera::Error::message(format!("no words are loaded for the language `{language}`"))
        })?;
        let mut args = FluentArgs::new();
        for (key, value) in kwargs.iter() {
            let Some(key) = key.as_str().filter(|key| *key != "id") else {
                continue;
            };
            let value = if let Some(number) = value.as_i64() {
                FluentValue::from(number)
            } else if let Some(number) = value.as_f64() {
                FluentValue::from(number)
            } else if let Some(text) = value.as_str() {
                FluentValue::from(text.to_string())
            } else {
                return Err(tera::Error::message(format!(
                    "`t(id=\"{id}\")`: `{key}` must be a number or a string, not {}",
                    value.name()
                )));
            };
            args.set(key.to_string(), value);
        }
        words
            .message(id, Some(&args))
            .map(Value::from)
            .ok_or_else(|| {
                tera::Error::message(format!(
                    "the word catalogues have no message `{id}` (templates/{}/{}.ftl lists them)",
                    words::FOLDER,
                    words::REFERENCE
                ))
            })
    }
}

fn markdown_filter(text: Cow<'_, str>, kwargs: Kwargs, state: &State<'_>) -> TeraResult<Value> {
    let inline = kwargs.get::<bool>("inline")?.unwrap_or(false);
    let root = state.get::<String>("root")?.unwrap_or_default();
    let resolve = |kind, id: &str| Some(format!("{root}{}", links::site_path(kind, id)));
    let html = markdown_memo::html(&text, inline, &root, || {
        if inline {
            markdown::inline_to_html(&text, &resolve)
        } else {
            markdown::to_html(&text, &resolve)
        }
    });
    Ok(Value::safe_string(&html))
}

/// `{{ text | plain_text }}`: Markdown's words without its markup, to be
/// escaped like any text (a `<meta name="description">`).
fn plain_text_filter(text: Cow<'_, str>, _: Kwargs, _: &State<'_>) -> TeraResult<Value> {
    Ok(Value::from(markdown::to_plain_text(&text)))
}

/// Every file under the user's templates folder, sorted, as its template
/// name (`site/exercise.html`) and its path. Hidden files and folders
/// (`.DS_Store`, `.git/`) are skipped. Links are followed (the folder is the
/// user's own); a file or folder that cannot be read, a link that leads
/// nowhere and a loop of links are errors, since a template there would
/// otherwise be silently missing.
fn user_files(dir: &Path, problems: &mut Diagnostics) -> Vec<(String, PathBuf)> {
    let mut files = Vec::new();
    for entry in crate::walk::visible(dir, true) {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                let path = error.path().unwrap_or(dir);
                let hint = if error.loop_ancestor().is_some() {
                    "remove the link: it leads back to a folder that holds it"
                } else if path.is_symlink() {
                    "this link leads nowhere: remove it or point it at a file"
                } else {
                    "check its permissions: a template in it would be missed"
                };
                problems.push(
                    Diagnostic::file(path, format!("cannot be read: {error}")).with_hint(hint),
                );
                continue;
            }
        };
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
        files.push((name, entry.path().to_path_buf()));
    }
    files
}

/// A user's word catalogue, `words/<language>.ftl`: anything else in
/// `words/` is a warning, since it would be missed.
fn catalogue(file: &str, path: &Path, problems: &mut Diagnostics) -> Option<words::Source> {
    let language = file.strip_suffix(".ftl").filter(|tag| {
        !tag.is_empty()
            && tag
                .split('-')
                .all(|part| !part.is_empty() && part.chars().all(|c| c.is_ascii_alphanumeric()))
    });
    let Some(language) = language else {
        problems.push(
            Diagnostic::file(
                path,
                "this file in the words folder is not a catalogue, so it is not used",
            )
            .with_hint("a catalogue is named for its language: words/es.ftl, words/pt-BR.ftl")
            .warning(),
        );
        return None;
    };
    match std::fs::read_to_string(path) {
        Ok(text) => Some(words::Source {
            language: language.to_string(),
            path: path.to_path_buf(),
            text,
        }),
        Err(error) => {
            problems.push(Diagnostic::file(path, format!("cannot be read: {error}")));
            None
        }
    }
}

/// Whether a file is a README (`README.md`, `README`, `readme.txt`...) in
/// any folder: notes for people, never a template.
fn is_readme(name: &str) -> bool {
    let file = name.rsplit('/').next().unwrap_or(name);
    let stem = file.split_once('.').map_or(file, |(stem, _)| stem);
    stem.eq_ignore_ascii_case("readme")
}

/// The warning for a file that replaces no built-in template, with the
/// name it probably should have.
fn unused_file(name: &str, path: &Path) -> Diagnostic {
    let names = || BUILT_IN.iter().map(|(n, _)| *n);
    // A misspelt name, or the right name with another extension
    // (`pdf/handout.markdown`).
    let without_ext = |n: &str| -> String {
        match n.rsplit_once('.') {
            Some((stem, _)) if !stem.is_empty() && !stem.ends_with('/') => stem.to_string(),
            _ => n.to_string(),
        }
    };
    let file_name = |n: &str| n.rsplit('/').next().unwrap_or(n).to_string();
    let close = did_you_mean(name, names())
        .or_else(|| names().find(|n| without_ext(n) == without_ext(name)))
        // The right name in the wrong folder (`exercise.html`).
        .or_else(|| names().find(|n| file_name(n) == file_name(name)));
    let hint = match close {
        Some(close) => format!(
            "did you mean '{close}'? A file replaces the built-in template with the same name"
        ),
        None => "templates/README.md lists the templates a file here can replace".to_string(),
    };
    Diagnostic::file(
        path,
        format!("'{name}' is not the name of a template, so this file is not used"),
    )
    .with_hint(hint)
    .warning()
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

    #[test]
    fn a_runaway_template_is_stopped_by_its_output() {
        let mut limited = Limited {
            bytes: Vec::new(),
            limit: 10,
            overflowed: false,
        };
        use std::io::Write as _;
        assert!(limited.write_all(b"12345").is_ok());
        assert!(!limited.overflowed);
        assert!(limited.write_all(b"678901").is_err());
        assert!(limited.overflowed);
        assert_eq!(limited.bytes, b"12345");
    }

    proptest::proptest! {
        /// handout's escape writes what Tera's own writes, byte for byte,
        /// for any text (the characters that matter are made common).
        #[test]
        fn the_escape_is_teras(text in "([&<>\"'a é\n]|[^&<>]){0,40}") {
            let (mut ours, mut teras) = (Vec::new(), Vec::new());
            escape_html(&text, &mut ours).unwrap();
            tera::escape_html(&text, &mut teras).unwrap();
            proptest::prop_assert_eq!(ours, teras);
        }
    }

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
        // The word catalogues are compiled in by the words module.
        built_in.extend(
            words::BUILT_IN
                .iter()
                .map(|(tag, _)| format!("{}/{tag}.ftl", words::FOLDER)),
        );
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

    /// A templates folder with these files (name, text).
    fn folder(files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("temp dir");
        for (name, text) in files {
            let path = dir.path().join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        dir
    }

    fn warnings_of(dir: &Path) -> Vec<String> {
        let templates = Templates::load(dir, true).unwrap_or_else(|e| panic!("{e}"));
        templates
            .warnings()
            .0
            .iter()
            .map(|d| d.to_string())
            .collect()
    }

    #[test]
    fn a_misspelt_template_is_a_warning_with_the_name_it_should_have() {
        let dir = folder(&[
            ("site/excercise.html", "x"),
            ("pdf/handout.markdown", "x"),
            ("exercise.html", "x"),
        ]);
        let templates = Templates::load(dir.path(), true).unwrap_or_else(|e| panic!("{e}"));
        let warnings = &templates.warnings().0;
        assert_eq!(warnings.len(), 3, "{warnings:?}");
        assert!(warnings.iter().all(|w| !w.is_error()));
        let expect = [
            ("exercise.html", "site/exercise.html"),
            ("pdf/handout.markdown", "pdf/handout.md"),
            ("site/excercise.html", "site/exercise.html"),
        ];
        for (warning, (file, meant)) in warnings.iter().zip(expect) {
            assert_eq!(warning.path, dir.path().join(file));
            assert_eq!(
                warning.message,
                format!("'{file}' is not the name of a template, so this file is not used")
            );
            let hint = warning.hint.as_deref().unwrap_or("");
            assert!(
                hint.starts_with(&format!("did you mean '{meant}'?")),
                "{hint}"
            );
        }
        assert!(warnings[0].to_string().contains(": warning: "));
        // The misspelt copies replaced nothing.
        let built_in = BUILT_IN.iter().find(|(n, _)| *n == "site/exercise.html");
        assert_eq!(
            templates.text("site/exercise.html"),
            built_in.map(|(_, t)| *t)
        );
    }

    #[test]
    fn other_files_point_to_the_readme_and_readmes_are_silent() {
        let dir = folder(&[
            ("notes.txt", "x"),
            ("README.md", "x"),
            ("README", "x"),
            ("site/readme.txt", "x"),
            (".DS_Store", "x"),
            ("site/index.html", "{% extends \"site/base.html\" %}"),
        ]);
        let warnings = warnings_of(dir.path());
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(
            warnings[0].contains("notes.txt: warning: 'notes.txt' is not the name of a template"),
            "{}",
            warnings[0]
        );
        assert!(
            warnings[0].contains("hint: templates/README.md lists the templates"),
            "{}",
            warnings[0]
        );
    }

    #[test]
    fn catalogues_in_the_words_folder_give_words_and_other_files_there_warn() {
        let dir = folder(&[
            ("words/es.ftl", "dose-short-separator = {\" / \"}\n"),
            ("words/README.md", "x"),
            ("words/spanish.txt", "x"),
        ]);
        let warnings = warnings_of(dir.path());
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(
            warnings[0]
                .contains("spanish.txt: warning: this file in the words folder is not a catalogue"),
            "{}",
            warnings[0]
        );
        let templates = Templates::load(dir.path(), true).unwrap();
        let dose = crate::content::model::Dose {
            hold_seconds: Some(5),
            repeat: 10,
            each: None,
            alternate: false,
            times_per_day: None,
        };
        let words = templates.words("es").unwrap();
        assert_eq!(words.dose_short(&dose), "Mantenga 5 s / 10 veces");
        let words = templates.words("en").unwrap();
        assert_eq!(words.dose_short(&dose), "Hold 5 s · 10 times");
    }

    #[test]
    fn warnings_come_with_the_errors_when_the_load_fails() {
        let dir = folder(&[("site/card.html", "{% if %}"), ("site/cards.html", "x")]);
        let Err(problems) = Templates::load(dir.path(), true) else {
            panic!("a syntax error fails the load");
        };
        assert_eq!(
            (problems.errors().count(), problems.warnings().count()),
            (1, 1)
        );
        assert!(
            problems
                .to_string()
                .ends_with("1 problem and 1 warning found"),
            "{problems}"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_link_that_leads_nowhere_is_an_error_at_its_path() {
        let dir = folder(&[("site/page.html", "{% extends \"site/base.html\" %}")]);
        let link = dir.path().join("site/exercise.html");
        std::os::unix::fs::symlink(dir.path().join("gone.html"), &link).unwrap();
        let Err(problems) = Templates::load(dir.path(), true) else {
            panic!("a dangling link fails the load");
        };
        assert_eq!(problems.len(), 1, "{problems}");
        let problem = &problems.0[0];
        assert!(problem.is_error());
        assert_eq!(problem.path, link);
        assert!(problem.message.starts_with("cannot be read: "), "{problem}");
        assert!(
            problem
                .hint
                .as_deref()
                .unwrap_or("")
                .contains("leads nowhere"),
            "{problem}"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_linked_template_is_used() {
        let dir = folder(&[("mine.html", "{% extends \"site/base.html\" %}")]);
        std::fs::create_dir(dir.path().join("site")).unwrap();
        std::os::unix::fs::symlink(
            dir.path().join("mine.html"),
            dir.path().join("site/page.html"),
        )
        .unwrap();
        let templates = Templates::load(dir.path(), true).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            templates.text("site/page.html"),
            Some("{% extends \"site/base.html\" %}")
        );
        // mine.html itself replaces nothing.
        assert_eq!(templates.warnings().len(), 1);
    }
}
