//! The clinic website: one HTML page per phase, exercise and prose page,
//! a home page, the checklist page, a 404 page and, with a `base_url`, a
//! sitemap. Pages are rendered in memory from the publication's view;
//! `output` writes them.

pub mod context;
mod my;

use std::sync::Arc;

use serde::Serialize;

use crate::diag::Diagnostics;
use crate::figure;
use crate::incremental::{Fingerprinter, Made, Reuse};
use crate::links::pretty_path;
use crate::outputs::Only;
use crate::outputs::{Input, Languages, Output, Rendered};
use crate::templates::Templates;
use crate::view::checklist::{ChecklistOptions, ChecklistView};
use crate::view::figures::{Resolved, labelled, start_path, still_path};
use crate::words::Words;
use crate::write::OutFile;
pub use context::SEARCH_URL;
use context::{
    ChecklistContext, ExerciseContext, HomeContext, LanguageLink, PageContext, ProgramContext,
    ProgramsContext, SearchContext, Shown, SiteView, SitemapContext, SitemapUrl, pages_on_site,
    phase_page,
};

/// The site's folder inside the output folder.
pub const SITE_DIR: &str = "site";

/// The checklist page, from the root.
pub const CHECKLIST_URL: &str = "checklist/index.html";

/// The list of published programs, each with its checklist, from the root.
pub const PROGRAMS_URL: &str = "programs/index.html";

/// The most exercises a phase may have for the whole library's checklist
/// page: past it the page is a list of everything no patient follows (at
/// 10,000 exercises, 48 MB), and a published program's checklist is the
/// one to print.
pub const MAX_LIBRARY_CHECKLIST_ROWS: usize = 30;

/// The website.
#[derive(Debug, Clone, Copy, Default)]
pub struct Site;

impl Output for Site {
    fn name(&self) -> &'static str {
        "site"
    }

    fn chosen_by(&self) -> &'static [Only] {
        &[Only::Site]
    }

    fn scopes(&self) -> &'static [&'static str] {
        &["site/"]
    }

    fn render(&self, input: &Input<'_>) -> Result<Rendered, Diagnostics> {
        render(input, &Reuse::nothing())
    }

    /// Page by page: a page (or a figure's file) whose inputs are what
    /// they were is kept as the last build made it.
    fn render_reusing(&self, input: &Input<'_>, reuse: &Reuse) -> Result<Rendered, Diagnostics> {
        render(input, reuse)
    }
}

/// Renders the site, keeping the pages `reuse` still has.
fn render(input: &Input<'_>, reuse: &Reuse) -> Result<Rendered, Diagnostics> {
    let view = input.view;
    let (library_checklist, notes) = library_checklist(input);
    let checklist_url = if input.programs.is_empty() {
        CHECKLIST_URL
    } else {
        PROGRAMS_URL
    };
    let site = SiteView::new(
        view,
        checklist_url,
        library_checklist || !input.programs.is_empty(),
        input.programs,
    );
    let shown = Shown::new(view, reuse.values());
    let mut renderer = Renderer::new(&site, input, reuse);
    content_pages(&mut renderer, input, &shown);
    checklist_pages(&mut renderer, input, &site, library_checklist);
    help_pages(&mut renderer, input, &shown);
    style_and_404(&mut renderer, input);
    let pages = renderer.jobs.len();
    // The sitemap lists the pages asked for above.
    sitemap(&mut renderer, input);
    renderer.render_pages();
    let Renderer {
        mut files,
        problems,
        mut made,
        ..
    } = renderer;
    crate::parallel::drop_in_background(shown);
    files.extend(figure_files(
        input,
        &renderer_prefix(input.languages),
        reuse,
        &mut made,
    ));
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files.dedup_by(|a, b| a.path == b.path);
    problems.into_result(Rendered {
        files,
        pages,
        notes,
        made,
    })
}

/// Whether the site has the whole library's checklist page, and the note
/// that says why not when a phase is too long for one.
///
/// With published programs, each has its checklist and the whole library
/// has none; without, the library's checklist stands in, unless a phase
/// is too long to tick on a wall.
fn library_checklist(input: &Input<'_>) -> (bool, Vec<String>) {
    let mut notes = Vec::new();
    let longest = input.view.phases.iter().map(|p| p.exercises.len()).max();
    let library_checklist =
        input.programs.is_empty() && longest.is_some_and(|rows| rows <= MAX_LIBRARY_CHECKLIST_ROWS);
    if input.programs.is_empty()
        && let Some(rows) = longest.filter(|rows| *rows > MAX_LIBRARY_CHECKLIST_ROWS)
    {
        notes.push(format!(
            "the site has no checklist page: a phase has {rows} exercises, and a wall checklist lists at most {MAX_LIBRARY_CHECKLIST_ROWS}; \
             publish programs in content/programs/ (content/README.md) to give the site one checklist per program"
        ));
    }
    (library_checklist, notes)
}

/// Asks for the pages of the content: the home page, each phase, each
/// exercise and each prose page on the site.
fn content_pages<'a>(renderer: &mut Renderer<'a>, input: &'a Input<'_>, shown: &Shown) {
    let view = input.view;
    renderer.page(
        "index.html",
        None,
        String::new(),
        "site/index.html",
        HomeContext {
            phases: shown.home_phases(),
            pages: pages_on_site(view).collect(),
        },
    );
    for (index, phase) in view.phases.iter().enumerate() {
        renderer.page(
            &phase.url,
            None,
            phase.title.clone(),
            "site/phase.html",
            phase_page(phase, index, shown),
        );
    }
    for exercise in view.exercises() {
        // An exercise's page belongs to its phase's part of the site.
        renderer.page(
            &exercise.url,
            Some(&exercise.phase.url),
            exercise.title.clone(),
            "site/exercise.html",
            ExerciseContext {
                exercise: shown.exercise(exercise),
            },
        );
    }
    for page in view.pages.iter().filter(|p| p.on_site) {
        renderer.page(&page.url, None, page.title.clone(), "site/page.html", page);
    }
}

/// Asks for the checklist pages: the library's (when
/// `library_checklist`), else the list of published programs and each
/// program's page with its checklist.
fn checklist_pages<'a>(
    renderer: &mut Renderer<'a>,
    input: &'a Input<'_>,
    site: &'a SiteView<'_>,
    library_checklist: bool,
) {
    let words = input.words;
    // The site's checklist never carries dates: a start date belongs to
    // one patient, and only that patient's printout shows it.
    let checklist = ChecklistView::new(input.view, ChecklistOptions::default(), words);
    if library_checklist && !checklist.phases.is_empty() {
        renderer.page(
            CHECKLIST_URL,
            None,
            words.text("checklist-title"),
            "site/checklist.html",
            ChecklistContext { checklist },
        );
    }
    if !input.programs.is_empty() {
        renderer.page(
            PROGRAMS_URL,
            None,
            words.text("site-programs"),
            "site/programs.html",
            ProgramsContext {
                programs: &site.programs,
            },
        );
    }
    for program in input.programs {
        let Some(about) = &program.program else {
            continue;
        };
        let Some(url) = &about.url else { continue };
        renderer.page(
            url,
            Some(PROGRAMS_URL),
            about.title.clone(),
            "site/program.html",
            ProgramContext {
                program: about,
                phases: &program.phases,
                checklist: ChecklistView::new(program, ChecklistOptions::default(), words),
            },
        );
    }
}

/// Asks for the pages that help a patient find their way: the warning
/// signs, the search page and the patient's own page.
fn help_pages<'a>(renderer: &mut Renderer<'a>, input: &'a Input<'_>, shown: &Shown) {
    let (view, words) = (input.view, input.words);
    if let Some(signs) = &view.head.warning_signs {
        renderer.page(
            &signs.url,
            None,
            words.text("warning-signs-title"),
            "site/warning-signs.html",
            signs,
        );
    }
    renderer.page(
        SEARCH_URL,
        None,
        words.text("site-search"),
        "site/search.html",
        SearchContext {
            exercises: view.exercises().map(|e| shown.exercise(e)).collect(),
        },
    );
    // The patient's own page: the same for everyone, the program in its
    // address's fragment (site/my.rs).
    renderer.page_made(
        my::MY_URL,
        None,
        words.text("my-title"),
        "site/my.html",
        move || my::my_page(view, input.project, words),
    );
}

/// Renders the style sheet (and the icon in the theme's colours), then
/// asks for the 404 page, which carries the style sheet inline.
fn style_and_404(renderer: &mut Renderer<'_>, input: &Input<'_>) {
    let theme = StyleContext {
        theme: input.project.settings.theme.palette.css_properties(),
    };
    let style = renderer.render_file("assets/style.css", "site/style.css", &theme);
    renderer.render_file("favicon.svg", "site/favicon.svg", &theme);
    // A server shows a 404 page, from the root of the site or of a
    // language, for any address, at any depth: its styles are inline,
    // and its script finds the site's root (site/notfound.js).
    renderer.page(
        "404.html",
        None,
        input.words.text("not-found-title"),
        "site/404.html",
        NotFoundContext::new(style.unwrap_or_default(), input.languages),
    );
}

/// Renders the sitemap, when the site has an address: at the root, it
/// lists every language's pages (asked for and rendered by then).
fn sitemap(renderer: &mut Renderer<'_>, input: &Input<'_>) {
    if !input.languages.is_default() || input.view.head.base_url.is_none() {
        return;
    }
    let paths = std::mem::take(&mut renderer.sitemap);
    let addresses = Arc::clone(&renderer.addresses);
    let alternates = input.languages.all.len() > 1;
    // Every page's addresses in every language: made in its job.
    renderer.file_job("sitemap.xml", "site/sitemap.xml", "sitemap", move || {
        let urls = (paths.iter())
            .flat_map(|path| {
                let alternates = addresses.alternates(pretty_path(path), "");
                let several = alternates.len() > 1;
                (alternates.clone().into_iter()).map(move |link| SitemapUrl {
                    loc: link.href.unwrap_or_default(),
                    alternates: if several {
                        alternates.clone()
                    } else {
                        Vec::new()
                    },
                })
            })
            .collect();
        SitemapContext { urls, alternates }
    });
}

/// What `site/style.css` receives: the theme's colours as CSS custom
/// properties (`name`, `value`).
#[derive(Debug, Serialize)]
struct StyleContext {
    theme: Vec<crate::theme::CssProperty>,
}

/// What `site/404.html` receives as `page`: the style sheet to put
/// inline (a 404 page is served at any address, where a link to the style
/// sheet may lead nowhere), and the language folders its script needs to
/// find the site's root.
#[derive(Debug, Serialize)]
struct NotFoundContext {
    /// The site's style sheet, safe inside a `<style>` element.
    style: String,
    /// This language's folder from the site's root: `""` or `"es/"`.
    folder: String,
    /// Every language's folder but the default's, space-separated.
    folders: String,
}

impl NotFoundContext {
    fn new(style: String, languages: Languages<'_>) -> NotFoundContext {
        let folders = (0..languages.all.len())
            .map(|index| languages.site_folder(index))
            .filter(|folder| !folder.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        NotFoundContext {
            // `</` would end the style element; in CSS `<\\/` is the same.
            style: without_comments(&style).replace("</", "<\\/"),
            folder: languages.site_folder(languages.current),
            folders,
        }
    }
}

/// A style sheet without its comments (they explain the sheet to a
/// clinic's designer, in English; a page that carries it inline needs
/// none of them). Quoted strings are kept as they are.
fn without_comments(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(at) = rest.find(['/', '"', '\'']) {
        let (before, from) = rest.split_at(at);
        out.push_str(before);
        if let Some(comment) = from.strip_prefix("/*") {
            rest = comment.split_once("*/").map_or("", |(_, after)| after);
        } else if let Some(after) = from.strip_prefix('/') {
            out.push('/');
            rest = after;
        } else {
            // A string runs to the same quote, not escaped.
            let quote = from.as_bytes()[0] as char;
            let mut end = from.len();
            let mut escaped = false;
            for (i, c) in from.char_indices().skip(1) {
                if escaped {
                    escaped = false;
                } else if c == '\\' {
                    escaped = true;
                } else if c == quote {
                    end = i + 1;
                    break;
                }
            }
            out.push_str(&from[..end]);
            rest = &from[end..];
        }
    }
    out.push_str(rest);
    out
}

/// The figures and the logo, published under the site's figures/: images
/// as they are; a drawn pose as its figure (two panels labelled in the
/// site's language), and each panel alone beside it (the end one is the
/// thumbnail, the two together play the movement). An exercise's files
/// whose inputs are what they were are kept (`reuse`).
fn figure_files(input: &Input<'_>, prefix: &str, reuse: &Reuse, made: &mut Made) -> Vec<OutFile> {
    let mut files = Vec::new();
    let at = |path: &str| format!("{SITE_DIR}/{prefix}{path}");
    let shared = input.shared_fingerprinter("site figure");
    for exercise in input.view.exercises() {
        let (Some(view), Some(resolved)) = (
            &exercise.figure,
            input.figures.by_exercise.get(&exercise.id),
        ) else {
            continue;
        };
        if reuse.records() {
            let mut hasher = shared.clone();
            hasher.value(view);
            crate::outputs::figure_into(&mut hasher, resolved);
            let fingerprint = hasher.fingerprint();
            let paths: Vec<String> = (figure_paths(resolved, &view.url).iter())
                .map(|path| at(path))
                .collect();
            let kept: Option<Vec<(String, u64)>> = (paths.iter())
                .map(|path| Some((path.clone(), reuse.file(path, fingerprint)?)))
                .collect();
            made.fingerprints
                .extend(paths.iter().map(|path| (path.clone(), fingerprint)));
            if let Some(kept) = kept {
                made.kept.extend(kept);
                continue;
            }
            made.remade.push("figure".to_string());
        }
        match resolved {
            Resolved::Drawn { figure, start, end } => {
                let svg = figure::svg::to_svg(&labelled(figure, input.words), &view.alt);
                files.push(OutFile::new(at(&view.url), svg.into_bytes()));
                let end = figure::svg::drawing_to_svg(end, &view.alt);
                files.push(OutFile::new(at(&still_path(&view.url)), end.into_bytes()));
                if let (Some(start), Some(path)) = (start, start_path(&view.url)) {
                    let start = figure::svg::drawing_to_svg(start, &view.alt);
                    files.push(OutFile::new(at(&path), start.into_bytes()));
                }
            }
            Resolved::Image(image) => files.push(OutFile::new(at(&view.url), image.bytes.clone())),
        }
    }
    if let Some(logo) = &input.figures.logo {
        files.push(OutFile::new(at(&logo.path), logo.bytes.clone()));
    }
    files
}

/// The files a figure is published as, under the site's figures/: its
/// own, and for a drawn pose each panel alone.
fn figure_paths(resolved: &Resolved, url: &str) -> Vec<String> {
    match resolved {
        Resolved::Drawn { start, .. } => {
            let mut paths = vec![url.to_string(), still_path(url)];
            if let (Some(_), Some(path)) = (start, start_path(url)) {
                paths.push(path);
            }
            paths
        }
        Resolved::Image(_) => vec![url.to_string()],
    }
}

/// Where a language's site lives inside the output's site folder: its
/// files are written under `site/<prefix>`.
fn renderer_prefix(languages: Languages<'_>) -> String {
    languages.site_folder(languages.current)
}

/// What the page at `at` is made from: what every page reads (`site`
/// and the languages among it), its template, its title and section
/// (`own`), and its context. Its addresses (`root`, `canonical`,
/// `languages`) are made from `at` and what every page reads, so they are
/// not taken again.
fn page_fingerprint(
    every_page: &Fingerprinter,
    template: &str,
    at: &str,
    own: &impl Serialize,
    page: &impl Serialize,
) -> crate::incremental::Fingerprint {
    let mut hasher = every_page.clone();
    hasher.text(template).text(at).value(own).value(page);
    hasher.fingerprint()
}

/// What a page made from `template` is, for the summary of a rebuild:
/// `site/exercise.html` makes an `exercise page`.
fn kind_of_page(template: &str) -> String {
    let name = template.rsplit('/').next().unwrap_or(template);
    match name.split('.').next().unwrap_or(name) {
        "index" => "home page".to_string(),
        "page" => "page".to_string(),
        "programs" => "list of programs".to_string(),
        stem => format!("{} page", stem.replace('-', " ")),
    }
}

/// The templates of pages that list many exercises (the whole library, a
/// phase, a program): rendered first, so that no core is left with one of
/// them at the end while the other idles.
const LISTS_MANY: &[&str] = &[
    "site/index.html",
    "site/phase.html",
    "site/search.html",
    "site/checklist.html",
    "site/program.html",
    "site/my.html",
];

/// A page asked for and not rendered yet.
struct PageJob<'a> {
    /// Whether its template lists many exercises.
    lists_many: bool,
    /// Makes its context, fingerprints its inputs, then renders it into
    /// its file unless the last build made it from the same; taken by the
    /// thread that does it.
    render: std::sync::Mutex<Option<Box<dyn FnOnce() -> PageDone + Send + 'a>>>,
}

impl<'a> PageJob<'a> {
    fn new(lists_many: bool, render: impl FnOnce() -> PageDone + Send + 'a) -> PageJob<'a> {
        PageJob {
            lists_many,
            render: std::sync::Mutex::new(Some(Box::new(render))),
        }
    }

    /// Does the job: each job is given to one thread, once.
    fn run(&self) -> PageDone {
        let render = (self.render.lock().unwrap_or_else(|e| e.into_inner()).take())
            .expect("each page job is run once");
        render()
    }
}

/// A page's job done: where it is, what it was made from, and its file
/// (or the size of the one kept).
struct PageDone {
    at: String,
    /// `None` when nothing is recorded (`check`).
    fingerprint: Option<crate::incremental::Fingerprint>,
    /// What kind of page it is, for the summary: `exercise page`.
    kind: String,
    file: Result<Result<OutFile, u64>, crate::diag::Diagnostic>,
}

impl PageDone {
    /// The file at `at`, kept when `reuse` has it made from `fingerprint`,
    /// else rendered.
    fn of(
        at: &str,
        fingerprint: Option<crate::incremental::Fingerprint>,
        kind: &str,
        reuse: &Reuse,
        render: impl FnOnce() -> Result<String, crate::diag::Diagnostic>,
    ) -> PageDone {
        let file = match fingerprint.and_then(|f| reuse.file(at, f)) {
            Some(size) => Ok(Err(size)),
            None => render().map(|text| Ok(OutFile::new(at, text.into_bytes()))),
        };
        PageDone {
            at: at.to_string(),
            fingerprint,
            kind: kind.to_string(),
            file,
        }
    }

    /// The page at `at`, whose context could not be made.
    fn failed(at: &str, kind: &str, problem: crate::diag::Diagnostic) -> PageDone {
        PageDone {
            at: at.to_string(),
            fingerprint: None,
            kind: kind.to_string(),
            file: Err(problem),
        }
    }
}

/// Where the pages of the language rendered are, in the site and on the
/// web.
struct Addresses<'a> {
    languages: Languages<'a>,
    /// The language's folder from the site's root: `""` or `es/`.
    prefix: String,
    /// The site's absolute address at its root (not the language's), when
    /// it has one.
    site_base: Option<String>,
}

impl Addresses<'_> {
    /// The addresses of the page at `path`: its way up to the root, its
    /// canonical address, and itself in every language.
    fn of_page(
        &self,
        path: &str,
        site: &SiteView<'_>,
    ) -> (String, Option<String>, Vec<LanguageLink>) {
        let is_404 = path == "404.html";
        // A server shows the 404 page at whatever address was asked for,
        // so its links must be absolute when the site's address is known.
        let root = match &site.head.base_url {
            Some(base) if is_404 => base.clone(),
            _ => "../".repeat(path.matches('/').count()),
        };
        let canonical = match &site.head.base_url {
            Some(base) if !is_404 => Some(crate::links::web_address(base, path)),
            _ => None,
        };
        // The 404 page offers every language's home page.
        let languages = self.alternates(if is_404 { "index.html" } else { path }, &root);
        (root, canonical, languages)
    }

    /// The page at `path` (from a language's root) in every language:
    /// `up` leads from the page to its language's root.
    fn alternates(&self, path: &str, up: &str) -> Vec<LanguageLink> {
        let pretty = pretty_path(path);
        let to_site_root = if self.prefix.is_empty() { "" } else { "../" };
        (self.languages.all.iter().enumerate())
            .map(|(index, language)| {
                let folder = self.languages.site_folder(index);
                LanguageLink {
                    code: language.code.clone(),
                    name: language.name.clone(),
                    url: format!("{up}{to_site_root}{folder}{path}"),
                    href: (self.site_base.as_ref()).map(|base| format!("{base}{folder}{pretty}")),
                    current: index == self.languages.current,
                }
            })
            .collect()
    }
}

struct Renderer<'a> {
    site: &'a SiteView<'a>,
    /// `site`, serialized once for every page.
    site_value: tera::Value,
    /// What the last build made, to keep.
    reuse: &'a Reuse,
    /// Has taken what every page reads besides its own context: the
    /// templates, the settings, `site`.
    every_page: Fingerprinter,
    /// What was kept and what each page was made from.
    made: Made,
    templates: &'a Templates,
    words: &'a Words,
    /// Where the language's pages are, shared with the pages' jobs.
    addresses: Arc<Addresses<'a>>,
    jobs: Vec<PageJob<'a>>,
    files: Vec<OutFile>,
    problems: Diagnostics,
    sitemap: Vec<String>,
}

impl<'a> Renderer<'a> {
    /// A renderer with nothing rendered yet, which keeps what `reuse`
    /// still has.
    fn new(site: &'a SiteView<'a>, input: &Input<'a>, reuse: &'a Reuse) -> Renderer<'a> {
        let (templates, words, languages) = (input.templates, input.words, input.languages);
        let prefix = renderer_prefix(languages);
        let mut every_page = input.shared_fingerprinter("site page");
        every_page.value(site);
        let site_base = (site.head.base_url.as_deref()).map(|base| {
            base.strip_suffix(prefix.as_str())
                .unwrap_or(base)
                .to_string()
        });
        Renderer {
            site,
            site_value: tera::Value::from_serializable(site),
            reuse,
            every_page,
            made: Made::default(),
            templates,
            words,
            addresses: Arc::new(Addresses {
                languages,
                prefix,
                site_base,
            }),
            jobs: Vec::new(),
            files: Vec::new(),
            problems: Diagnostics::new(),
            sitemap: Vec::new(),
        }
    }

    /// Renders every page asked for, on every core: each thread takes the
    /// next page not yet taken, the pages that list many exercises first,
    /// and the files join in the order the pages were asked for, so the
    /// site is the same from one thread or eight.
    fn render_pages(&mut self) {
        let jobs = std::mem::take(&mut self.jobs);
        let rendered =
            crate::parallel::map_balanced(&jobs, |job| usize::from(job.lists_many), PageJob::run);
        for done in rendered {
            if let Some(fingerprint) = done.fingerprint {
                (self.made.fingerprints).push((done.at.clone(), fingerprint));
            }
            match done.file {
                Ok(Ok(file)) => {
                    self.made.remade.push(done.kind);
                    self.files.push(file);
                }
                Ok(Err(size)) => self.made.kept.push((done.at, size)),
                Err(diagnostic) => self.problems.push(diagnostic),
            }
        }
    }

    /// Asks for one page at `path` (from the site's root) with `template`;
    /// `section` is the navigation item it belongs to, when it is not one.
    /// [`Renderer::render_pages`] renders them all.
    fn page<T: Serialize + Send + 'a>(
        &mut self,
        path: &str,
        section: Option<&str>,
        title: String,
        template: &'a str,
        page: T,
    ) {
        self.page_made(path, section, title, template, move || Ok(page));
    }

    /// [`Renderer::page`] with the page's own context made by `make` with
    /// the rendering, on every core (a problem it finds is the build's).
    fn page_made<T: Serialize>(
        &mut self,
        path: &str,
        section: Option<&str>,
        title: String,
        template: &'a str,
        make: impl FnOnce() -> Result<T, crate::diag::Diagnostic> + Send + 'a,
    ) {
        // Only what the list of pages needs is made here, on one core;
        // the rest in the page's job (ten thousand pages at each save).
        let path = path.to_string();
        // The patient's page is empty without the program a QR code puts
        // in its address: nothing a search engine should list.
        if path != "404.html" && path != my::MY_URL {
            self.sitemap.push(path.clone());
        }
        let (templates, words, reuse, site) = (self.templates, self.words, self.reuse, self.site);
        let (site_value, addresses) = (self.site_value.clone(), Arc::clone(&self.addresses));
        let every_page = self.every_page.clone();
        let section = section.map(str::to_string);
        let lists_many = LISTS_MANY.contains(&template);
        // Its context made, fingerprinted and rendered on every core: ten
        // thousand exercise pages at each save of a large library.
        self.jobs.push(PageJob::new(lists_many, move || {
            let at = format!("{SITE_DIR}/{}{path}", addresses.prefix);
            let kind = kind_of_page(template);
            let page = match make() {
                Ok(page) => page,
                Err(problem) => return PageDone::failed(&at, &kind, problem),
            };
            // A page kept needs only its fingerprint: its addresses are
            // made for a page rendered.
            let fingerprint = (reuse.records())
                .then(|| page_fingerprint(&every_page, template, &at, &(&title, &section), &page));
            let render = || {
                let (root, canonical, languages) = addresses.of_page(&path, site);
                let context = PageContext {
                    site: site_value,
                    root,
                    path: pretty_path(&path).to_string(),
                    title,
                    canonical,
                    section,
                    languages,
                    page,
                };
                templates.render(template, &context, words)
            };
            PageDone::of(&at, fingerprint, &kind, reuse, render)
        }));
    }

    /// Asks for a file of the site that is not a page (the sitemap), to be
    /// rendered on every core with the pages, and kept when the last build
    /// made it from the same.
    fn file_job<T: Serialize>(
        &mut self,
        path: &str,
        template: &'a str,
        kind: &'a str,
        make: impl FnOnce() -> T + Send + 'a,
    ) {
        let at = format!("{SITE_DIR}/{}{path}", self.addresses.prefix);
        let (templates, words, reuse) = (self.templates, self.words, self.reuse);
        let every_page = self.every_page.clone();
        self.jobs.push(PageJob::new(true, move || {
            let context = make();
            let fingerprint = reuse.records().then(|| {
                let mut hasher = every_page.clone();
                hasher.text(template).text(&at).value(&context);
                hasher.fingerprint()
            });
            let render = || templates.render(template, &context, words);
            PageDone::of(&at, fingerprint, kind, reuse, render)
        }));
    }

    /// Renders a file of the site with a template, and gives back its
    /// text (`None` when the template failed: that is a problem).
    fn render_file(
        &mut self,
        path: &str,
        template: &str,
        context: &impl Serialize,
    ) -> Option<String> {
        match self.templates.render(template, context, self.words) {
            Ok(text) => {
                self.files.push(OutFile::new(
                    format!("{SITE_DIR}/{}{path}", self.addresses.prefix),
                    text.clone().into_bytes(),
                ));
                Some(text)
            }
            Err(diagnostic) => {
                self.problems.push(diagnostic);
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::without_comments;

    #[test]
    fn a_style_sheet_loses_its_comments_and_keeps_its_strings() {
        let css = "/* why */ a { content: \"/* kept */\"; } /* and */ b { c: 'x\\'/*'; }";
        assert_eq!(
            without_comments(css),
            " a { content: \"/* kept */\"; }  b { c: 'x\\'/*'; }"
        );
        assert_eq!(without_comments("a /* never closed"), "a ");
    }
}
