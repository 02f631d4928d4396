//! `handout serve`: the authoring loop. Builds into a temporary folder,
//! serves the site and the PDFs on the loopback address, watches the
//! content and templates, rebuilds on every save, and reloads the open
//! pages. The reload script is added to pages as they are served, never
//! written into the built files.
//!
//! Each build runs in a process of its own ([`builder`]), so that
//! nothing a build meets (a template that runs away and is stopped, a bug)
//! can stop the server: it shows the build's problems in every page
//! instead. That process is kept between saves, with what it read of the
//! content, so a save reads only the file saved. The server itself
//! ([`http`]) is bounded in everything a client sends.
//!
//! A build with problems does not stop the server: every page then shows
//! the problems (file:line:col, the quoted line, the hint) until the next
//! good save brings the site back.
//!
//! A save rebuilds the site only (`build --only site`): the PDFs are made
//! when one is asked for (a `.pdf` address or the preview), and kept until
//! the next save. Typesetting a large library's PDFs takes seconds; a
//! save should show in the browser at once.

pub mod builder;
mod http;

use std::collections::{HashMap, HashSet};
use std::net::{SocketAddr, TcpListener};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use notify_debouncer_full::notify::RecursiveMode;

use crate::commands::BuildOptions;
use crate::templates::scripts;
use builder::{Builder, Ended};
use http::{Request, Response};

/// How `serve` runs.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// What to build; `out` is ignored when `keep_out` is false (a
    /// temporary folder is used and removed at the end).
    pub build: BuildOptions,
    /// Whether to build into `build.out` (given with `--out`) instead of a
    /// temporary folder.
    pub keep_out: bool,
    /// The address to listen on: loopback unless `--bind` says otherwise.
    pub bind: std::net::IpAddr,
    /// The first port to try; the next free one is taken when it is busy
    /// (0: any free port).
    pub port: u16,
    /// Whether to open the site in a browser.
    pub open: bool,
}

/// The path prefix of the server's own pages and API.
const OWN: &str = "/__handout/";

/// What the last build left: its number (the pages wait for a newer one)
/// and, when it failed, its problems as text; and what the recent builds
/// changed, so an open page reloads only when it changed.
#[derive(Debug, Default)]
struct BuildState {
    version: u64,
    problems: Option<String>,
    /// The recent builds' versions with the site's files each rewrote
    /// (paths from site/), oldest first; `None` when every page should
    /// reload (a style sheet, a script or an image changed, or problems
    /// came or went).
    changes: std::collections::VecDeque<(u64, Option<HashSet<PathBuf>>)>,
}

/// How many builds' changes are kept: a page older than them reloads.
const CHANGES_KEPT: usize = 64;

impl BuildState {
    /// Whether the page at `page` (a path from site/, as requested) has
    /// changed in a build after `seen`.
    fn page_changed_since(&self, seen: u64, page: &Path) -> bool {
        let oldest = self
            .changes
            .front()
            .map_or(u64::MAX, |(version, _)| *version);
        if seen + 1 < oldest {
            return true;
        }
        let files = [page.join("index.html"), page.to_path_buf()];
        (self.changes.iter())
            .filter(|(version, _)| *version > seen)
            .any(|(_, changed)| match changed {
                None => true,
                Some(changed) => files.iter().any(|file| changed.contains(file)),
            })
    }
}

/// The build state, shared by the watcher and the request threads.
#[derive(Default)]
struct Shared {
    state: Mutex<BuildState>,
    changed: Condvar,
    /// The site version the PDFs in the folder were made for, if any;
    /// held while they are made, so one request makes them and the others
    /// wait for it.
    pdfs: Mutex<Option<u64>>,
    /// The build process; one build at a time writes the folder: the
    /// site's after a save, the PDFs on request.
    builder: Mutex<Option<Builder>>,
}

impl Shared {
    fn record(&self, problems: Option<String>, changed: Option<HashSet<PathBuf>>) {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        state.version += 1;
        // A page shows the problems or stops showing them: all reload.
        let changed = changed.filter(|_| problems.is_none() && state.problems.is_none());
        let version = state.version;
        state.changes.push_back((version, changed));
        if state.changes.len() > CHANGES_KEPT {
            state.changes.pop_front();
        }
        state.problems = problems;
        self.changed.notify_all();
    }

    /// The build process, held while it builds.
    fn builder(&self) -> std::sync::MutexGuard<'_, Option<Builder>> {
        self.builder.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn snapshot(&self) -> (u64, Option<String>) {
        let state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        (state.version, state.problems.clone())
    }

    /// Makes the PDFs for the current site version unless they are made
    /// already. `Err` holds the build's problems (a PDF can fail where the
    /// site does not: a character a font lacks, text that would be cut).
    fn ensure_pdfs(&self, build: &BuildOptions) -> Result<(), String> {
        let mut made_for = self.pdfs.lock().unwrap_or_else(|e| e.into_inner());
        let mut builder = self.builder();
        let (version, problems) = self.snapshot();
        if let Some(problems) = problems {
            return Err(problems);
        }
        if *made_for == Some(version) {
            return Ok(());
        }
        match run_build(&mut builder, build, Some("pdf"), None) {
            Built::Made(made, took, _) => {
                say(&format!("made on request: {made}: {} ms", took.as_millis()));
                *made_for = Some(version);
                Ok(())
            }
            Built::Refused(text) | Built::Failed(text) => Err(text),
        }
    }

    /// Waits until the version is newer than `seen`, at most `timeout`.
    fn wait_newer(&self, seen: u64, timeout: Duration) -> u64 {
        let state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        let (state, _) = self
            .changed
            .wait_timeout_while(state, timeout, |s| s.version <= seen)
            .unwrap_or_else(|e| e.into_inner());
        state.version
    }
}

/// Why serving could not start.
#[derive(Debug)]
pub struct ServeError(pub String);

impl std::fmt::Display for ServeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "error: {}", self.0)
    }
}

/// Builds, serves and watches until Ctrl-C (or SIGTERM, or the terminal
/// closing). Prints the address first, then one line per rebuild. The
/// temporary folder is removed however it stops, but for a kill that no
/// process can see (SIGKILL).
pub fn serve(options: ServeOptions) -> Result<(), ServeError> {
    // A folder of the user's own (`--out`) must be one a build may write:
    // outside the content and templates. Said before anything is served.
    if options.keep_out {
        let build = &options.build;
        crate::write::check_out(&build.out, &[&build.content, &build.templates])
            .map_err(|error| ServeError(error.to_string()))?;
    }
    // The temporary folder lives as long as the server and is removed when
    // this function returns, whichever way (the handler of Ctrl-C only
    // asks the loop to end).
    let temporary = if options.keep_out {
        None
    } else {
        Some(
            tempfile::Builder::new()
                .prefix("handout-serve-")
                .tempdir()
                .map_err(|e| ServeError(format!("cannot make a temporary folder: {e}")))?,
        )
    };
    let mut build = options.build.clone();
    if let Some(dir) = &temporary {
        build.out = dir.path().join("output");
    }
    let out = build.out.clone();
    let (listener, address) = listen(options.bind, options.port)?;
    let url = format!("http://{address}/");
    say(&format!(
        "serving {url} (the PDFs, made when asked for: {url}__handout/pdf) · Ctrl-C stops"
    ));
    if let Some(dir) = &temporary {
        say(&format!(
            "building into {} (removed when the server stops)",
            dir.path().display()
        ));
    }
    let shared = Arc::new(Shared::default());
    if let Some(refusal) = rebuild(&build, &shared, None) {
        // The output folder is not one handout may write: no build will
        // ever work, so there is nothing to serve.
        return Err(ServeError(refusal));
    }
    let stop = Arc::new(AtomicBool::new(false));
    {
        let stop = Arc::clone(&stop);
        // A second handler cannot be set (tests set none): then Ctrl-C
        // simply ends the process, and the OS cleans the temporary folder
        // on its own schedule.
        let _ = ctrlc::set_handler(move || stop.store(true, Ordering::SeqCst));
    }
    let _watcher = watch(&build, &shared)?;
    if options.open {
        open_browser(&url);
    }
    let handler = {
        let shared = Arc::clone(&shared);
        let build = build.clone();
        Arc::new(move |request: &Request| answer(&request.target, &shared, &build, &out))
    };
    std::thread::Builder::new()
        .name("serve".into())
        .spawn(move || http::accept_forever(listener, http::Limits::default(), handler))
        .map_err(|e| ServeError(format!("cannot start the server: {e}")))?;
    while !stop.load(Ordering::SeqCst) {
        std::thread::sleep(Duration::from_millis(50));
    }
    say("stopped");
    drop(temporary);
    Ok(())
}

/// Prints a line for the person running the server; a closed terminal
/// must not stop the server (println! would panic).
fn say(line: &str) {
    use std::io::Write as _;
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{line}").and_then(|()| out.flush());
}

/// The same, for problems, on standard error.
fn complain(text: &str) {
    use std::io::Write as _;
    let _ = writeln!(std::io::stderr().lock(), "{text}");
}

/// Binds the first free port from `port` on (ten tries), or any free port
/// for 0.
fn listen(bind: std::net::IpAddr, port: u16) -> Result<(TcpListener, SocketAddr), ServeError> {
    let tries: Vec<u16> = if port == 0 {
        vec![0]
    } else {
        (port..port.saturating_add(10)).collect()
    };
    let mut last = String::new();
    for port in tries {
        match TcpListener::bind(SocketAddr::new(bind, port)) {
            Ok(listener) => {
                let address = listener
                    .local_addr()
                    .unwrap_or_else(|_| SocketAddr::new(bind, port));
                return Ok((listener, address));
            }
            Err(error) => last = error.to_string(),
        }
    }
    Err(ServeError(format!(
        "cannot listen on {bind} from port {port}: {last}; choose another with --port"
    )))
}

/// Rebuilds the site after a save (the PDFs wait until one is asked
/// for) and records the outcome for the pages. Returns the build's refusal
/// of the output folder, which no later build can get past.
fn rebuild(build: &BuildOptions, shared: &Shared, changed: Option<&[PathBuf]>) -> Option<String> {
    let mut builder = shared.builder();
    let started = std::time::SystemTime::now();
    match run_build(&mut builder, build, Some("site"), changed) {
        Built::Made(made, took, rendered) => {
            say(&format!("rebuilt: {made}: {} ms", took.as_millis()));
            shared.record(None, rewritten_pages(&build.out, &rendered, started));
            None
        }
        Built::Refused(text) => {
            shared.record(Some(text.clone()), None);
            Some(text.strip_prefix("error: ").unwrap_or(&text).to_string())
        }
        Built::Failed(text) => {
            shared.record(Some(text), None);
            None
        }
    }
}

/// The pages a build rewrote, as paths from the site's folder: of the
/// files it rendered again (`rendered`, paths in `out`), those written
/// since `since` (a build writes only the files whose bytes change);
/// `None` when anything else changed too (a style sheet, a script, an
/// image: every page may show it).
fn rewritten_pages(
    out: &Path,
    rendered: &[String],
    since: std::time::SystemTime,
) -> Option<HashSet<PathBuf>> {
    let mut pages = HashSet::new();
    for path in rendered {
        let Some(in_site) = path.strip_prefix("site/") else {
            continue;
        };
        let modified = std::fs::metadata(out.join(path)).ok()?.modified().ok()?;
        if modified < since {
            continue;
        }
        if !in_site.ends_with(".html") {
            return None;
        }
        pages.insert(PathBuf::from(in_site));
    }
    Some(pages)
}

/// How a build ended.
enum Built {
    /// It wrote the folder: what it made, from its summary line without
    /// the folder (a temporary one), how long it took, and the files it
    /// rendered again (paths in the output folder).
    Made(String, Duration, Vec<String>),
    /// It refused the output folder (exit 2): the text of its refusal.
    Refused(String),
    /// It found problems, stopped, or could not run: what it said.
    Failed(String),
}

/// Runs a build (of `only` one output, or all) in the build process
/// (started when there is none yet), saying its warnings and problems on
/// the terminal.
fn run_build(
    builder: &mut Option<Builder>,
    build: &BuildOptions,
    only: Option<&str>,
    changed: Option<&[PathBuf]>,
) -> Built {
    let started = Instant::now();
    let builder = builder.get_or_insert_with(|| Builder::new(build.clone()));
    let answer = match builder.build(only, changed) {
        Ended::Answered(answer) => answer,
        Ended::Stopped(text) => {
            complain(&text);
            return Built::Failed(text);
        }
    };
    let stderr = answer.stderr.trim_end().to_string();
    match answer.code {
        0 => {
            if !stderr.is_empty() {
                complain(&stderr);
            }
            Built::Made(made(&answer.stdout), started.elapsed(), answer.rendered)
        }
        2 => {
            complain(&stderr);
            Built::Refused(stderr)
        }
        _ => {
            complain(&stderr);
            Built::Failed(stderr)
        }
    }
}

/// What a build's summary says it rendered again (the build keeps what a
/// save did not change), else (a first build, nothing kept) what it made.
fn made(stdout: &str) -> String {
    let again = (stdout.lines())
        .find_map(|line| line.trim().strip_prefix("rendered again: "))
        .filter(|again| !again.ends_with("(0 kept)"));
    match again {
        Some(again) => again.to_string(),
        None => {
            let summary = (stdout.lines())
                .find(|line| line.starts_with("built "))
                .unwrap_or("");
            let made = summary.split_once(": ").map_or(summary, |(_, rest)| rest);
            made.rsplit_once(" (")
                .map_or(made, |(made, _)| made)
                .to_string()
        }
    }
}

/// The file watcher; watching stops when it is dropped.
type Watcher = notify_debouncer_full::Debouncer<
    notify_debouncer_full::notify::RecommendedWatcher,
    notify_debouncer_full::RecommendedCache,
>;

/// Watches the content and templates folders and rebuilds after each burst
/// of saves.
fn watch(build: &BuildOptions, shared: &Arc<Shared>) -> Result<Watcher, ServeError> {
    let (sender, receiver) = std::sync::mpsc::channel();
    // A short debounce: an editor's save (a temporary file written, then
    // renamed) is a burst of events within a millisecond or two, and the
    // page should be back within 200 ms. Looked at every 10 ms: the events
    // come 10-20 ms after the last of a burst (every 5 ms saved about 3 ms
    // a save, for twice the wake-ups of a server waiting all day). A burst
    // split in two brings a second build, which finds the files as they
    // are then.
    let mut debouncer = notify_debouncer_full::new_debouncer(
        Duration::from_millis(10),
        Some(Duration::from_millis(10)),
        sender,
    )
    .map_err(|e| ServeError(format!("cannot watch the files: {e}")))?;
    for dir in [&build.content, &build.templates] {
        if dir.is_dir() {
            debouncer
                .watch(dir, RecursiveMode::Recursive)
                .map_err(|e| ServeError(format!("cannot watch {}: {e}", dir.display())))?;
        }
    }
    let (build, shared) = (build.clone(), Arc::clone(shared));
    let mut seen = Seen::new(&[&build.content, &build.templates]);
    std::thread::spawn(move || {
        while let Ok(events) = receiver.recv() {
            // Whatever else arrived meanwhile is covered by this build.
            let mut paths = Some(Vec::new());
            for events in std::iter::once(events).chain(receiver.try_iter()) {
                match events {
                    Ok(events) => {
                        // A file or folder read is no change: the walk
                        // over every file that a rescan makes would
                        // otherwise bring events of its own, without end.
                        for event in events.iter().filter(|event| !event.kind.is_access()) {
                            match &mut paths {
                                _ if event.need_rescan() || event.paths.is_empty() => paths = None,
                                Some(paths) => paths.extend(event.paths.iter().cloned()),
                                None => {}
                            }
                        }
                    }
                    Err(errors) => {
                        for error in errors {
                            complain(&format!("warning: watching the files: {error}"));
                        }
                        paths = None;
                    }
                }
            }
            // Reading a file can be an event too, and the kinds of events
            // differ between systems and editors: what calls for a build is
            // a file that is not as the last build found it. Looked at
            // before the build, so a save during it brings another.
            let change = seen.changed(paths.as_deref());
            if !change.any() {
                continue;
            }
            // A later build's refusal of the folder shows in the pages like
            // any problem.
            drop(rebuild(&build, &shared, change.files()));
        }
    });
    Ok(debouncer)
}

/// What the files in the watched folders were when last looked at: each
/// file's size and time of change (a save changes the time, and a
/// same-second save the size or the name, as far as any editor does).
struct Seen {
    folders: Vec<PathBuf>,
    files: HashMap<PathBuf, Stamp>,
    /// Whether a change was said yet: the first is `Anything`, since files
    /// may have changed between the first build and the first look, with
    /// no one watching.
    said: bool,
}

/// A file's size and time of change.
type Stamp = (u64, Option<std::time::SystemTime>);

/// What changed since the files were last looked at.
#[derive(Debug, PartialEq, Eq)]
enum Change {
    Nothing,
    /// These files (by their real paths), and nothing else.
    Files(Vec<PathBuf>),
    /// Something: everything was looked at again.
    Anything,
}

impl Change {
    fn any(&self) -> bool {
        *self != Change::Nothing
    }

    /// The files that changed, when only they did.
    fn files(&self) -> Option<&[PathBuf]> {
        match self {
            Change::Files(files) => Some(files),
            _ => None,
        }
    }
}

impl Seen {
    /// Every file in `folders` as it is now (each folder by its real path,
    /// as the watcher names the files in it).
    fn new(folders: &[&PathBuf]) -> Seen {
        let folders: Vec<PathBuf> = (folders.iter())
            .map(|folder| {
                folder
                    .canonicalize()
                    .unwrap_or_else(|_| folder.to_path_buf())
            })
            .collect();
        let files = Seen::look(&folders);
        Seen {
            folders,
            files,
            said: false,
        }
    }

    /// Every file in `folders` as it is now.
    fn look(folders: &[PathBuf]) -> HashMap<PathBuf, Stamp> {
        let mut files = HashMap::new();
        for folder in folders {
            for entry in walkdir::WalkDir::new(folder).into_iter().flatten() {
                if let Ok(meta) = entry.metadata()
                    && !meta.is_dir()
                {
                    files.insert(entry.into_path(), (meta.len(), meta.modified().ok()));
                }
            }
        }
        files
    }

    /// Which of the files at `paths` (those the watcher named), or with
    /// `None` whether any file at all, is not as last seen; what is seen
    /// now is kept. A folder named is looked at whole, with every file in
    /// it.
    fn changed(&mut self, paths: Option<&[PathBuf]>) -> Change {
        let change = self.looked_at(paths);
        match change {
            Change::Files(_) if !self.said => {
                self.said = true;
                Change::Anything
            }
            Change::Nothing => Change::Nothing,
            change => {
                self.said = true;
                change
            }
        }
    }

    /// [`Seen::changed`], the first change said as it is.
    fn looked_at(&mut self, paths: Option<&[PathBuf]>) -> Change {
        let Some(paths) = paths else {
            let now = Seen::look(&self.folders);
            let changed = now != self.files;
            self.files = now;
            return if changed {
                Change::Anything
            } else {
                Change::Nothing
            };
        };
        let mut now = Vec::with_capacity(paths.len());
        for path in paths {
            // By its folder's real path, as the files were seen (the
            // watcher may name it otherwise); a folder gone with it calls
            // for a look at everything.
            let real = (path.parent().and_then(|folder| folder.canonicalize().ok()))
                .zip(path.file_name())
                .map(|(folder, name)| folder.join(name));
            let Some(path) = real else {
                return self.looked_at(None);
            };
            let meta = std::fs::symlink_metadata(&path).ok();
            let a_folder = match &meta {
                Some(meta) => meta.is_dir(),
                None => (self.files.keys()).any(|seen| seen.starts_with(&path) && *seen != path),
            };
            if a_folder {
                // A folder made, moved or removed: everything again
                // (nothing is noted yet, so the look compares it all).
                return self.looked_at(None);
            }
            now.push((path, meta.map(|meta| (meta.len(), meta.modified().ok()))));
        }
        let mut changed = Vec::new();
        for (path, now) in now {
            let before = match now {
                Some(now) => self.files.insert(path.clone(), now),
                None => self.files.remove(&path),
            };
            if before != now && !changed.contains(&path) {
                changed.push(path);
            }
        }
        if changed.is_empty() {
            Change::Nothing
        } else {
            Change::Files(changed)
        }
    }
}

/// Answers one request: the server's own pages, a built file, or 404.
fn answer(target: &str, shared: &Shared, build: &BuildOptions, out: &Path) -> Response {
    let path = target.split(['?', '#']).next().unwrap_or("/");
    if let Some(own) = path.strip_prefix(OWN) {
        return own_page(own, target, shared, build, out);
    }
    let Some(relative) = safe_path(path) else {
        return Response::text(400, "bad path");
    };
    // The PDFs are made when the first one is asked for after a save.
    if relative.extension().is_some_and(|e| e == "pdf")
        && let Err(problems) = shared.ensure_pdfs(build)
    {
        return html(problems_page(&problems, shared.snapshot().0));
    }
    let (version, problems) = shared.snapshot();
    let is_page =
        relative.as_os_str().is_empty() || relative.extension().is_none_or(|e| e == "html");
    if let Some(problems) = problems
        && is_page
    {
        return html(problems_page(&problems, version));
    }
    match find(out, &relative).map(|file| (std::fs::read(&file), file)) {
        Some((Ok(mut bytes), file)) => {
            let kind = content_type(&file);
            if kind.starts_with("text/html") {
                bytes = with_reload(&bytes, version);
            }
            Response {
                status: 200,
                content_type: kind,
                body: bytes,
            }
        }
        Some((Err(_), _)) => Response::text(404, "not found"),
        None => {
            let page = std::fs::read(out.join("site/404.html"))
                .map(|bytes| with_reload(&bytes, version))
                .unwrap_or_else(|_| b"not found\n".to_vec());
            Response {
                status: 404,
                content_type: "text/html; charset=utf-8",
                body: page,
            }
        }
    }
}

/// An HTML page of the server's own.
fn html(page: String) -> Response {
    Response {
        status: 200,
        content_type: "text/html; charset=utf-8",
        body: page.into_bytes(),
    }
}

/// The server's own pages: the version to wait for, and the PDF preview.
fn own_page(
    own: &str,
    target: &str,
    shared: &Shared,
    build: &BuildOptions,
    out: &Path,
) -> Response {
    match own {
        // Long-poll: answers as soon as a build newer than `v` is done.
        "version" => {
            let seen = target
                .split_once("v=")
                .and_then(|(_, v)| v.split('&').next()?.parse().ok())
                .unwrap_or(0);
            let version = shared.wait_newer(seen, Duration::from_secs(20));
            // The page asking, when it says: a newer build that left it as
            // it was answers "same", and the page keeps its scroll.
            // The server's own pages (the PDF preview) and a missing page
            // always reload.
            let page = (target.split_once("page="))
                .and_then(|(_, p)| percent_decode(p.split('&').next()?))
                .filter(|p| !p.starts_with(OWN))
                .and_then(|p| safe_path(&p))
                .filter(|p| find(out, p).is_some());
            let state = shared.state.lock().unwrap_or_else(|e| e.into_inner());
            match page {
                Some(page) if version > seen && !state.page_changed_since(seen, &page) => {
                    Response::text(200, &format!("{version} same"))
                }
                _ => Response::text(200, &version.to_string()),
            }
        }
        "pdf" => {
            let made = shared.ensure_pdfs(build);
            let version = shared.snapshot().0;
            html(match made {
                Err(problems) => problems_page(&problems, version),
                Ok(()) => preview_page(version),
            })
        }
        _ => Response::text(404, "not found"),
    }
}

/// A request path as a relative path inside the served folder, or `None`
/// for anything that could leave it (`..`, encoded or not, a backslash, a
/// NUL, an absolute path after decoding) or names a hidden file.
fn safe_path(path: &str) -> Option<PathBuf> {
    let decoded = percent_decode(path)?;
    if decoded.contains('\\') || decoded.contains('\0') {
        return None;
    }
    let mut relative = PathBuf::new();
    for part in decoded.split('/') {
        match part {
            "" | "." => {}
            // `..` climbs out; any other name starting with a dot is
            // handout's own (`.handout-output`, the list of its files) or
            // hidden, and never part of the site.
            part if part.starts_with('.') => return None,
            part => relative.push(part),
        }
    }
    relative
        .components()
        .all(|c| matches!(c, Component::Normal(_)))
        .then_some(relative)
}

/// Decodes `%xx` escapes; `None` when the result is not UTF-8 or an escape
/// is broken.
fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The built file a path names: a page or asset of the site (a folder
/// means its index.html), or one of the PDFs beside the site.
fn find(out: &Path, relative: &Path) -> Option<PathBuf> {
    let site = out.join("site").join(relative);
    let candidates = [site.join("index.html"), site, out.join(relative)];
    let found = candidates.into_iter().find(|c| c.is_file())?;
    // Only files inside the output folder, whatever links it holds.
    let real = found.canonicalize().ok()?;
    let root = out.canonicalize().ok()?;
    real.starts_with(&root).then_some(real)
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "pdf" => "application/pdf",
        "xml" => "application/xml",
        _ => "application/octet-stream",
    }
}

/// The script that reloads a page after the next build that changed it:
/// it waits on the server for a version newer than the page's, which it
/// reads from its own element, so that its text (and so its hash in the
/// page's policy) is always the same; a newer build that left the page as
/// it was answers "same", and the page waits again, keeping its scroll.
const RELOAD_SCRIPT: &str = r#"(function(){var v=+document.currentScript.getAttribute("data-version");function wait(){fetch("/__handout/version?v="+v+"&page="+encodeURIComponent(location.pathname),{cache:"no-store"}).then(function(r){return r.text();}).then(function(t){var n=parseInt(t,10);if(n>v&&t.indexOf("same")<0){location.reload();}else{if(n>v){v=n;}wait();}}).catch(function(){setTimeout(wait,1000);});}wait();}());"#;

/// The reload script's element for a page of `version`.
fn reload_script(version: u64) -> String {
    format!("<script data-version=\"{version}\">{RELOAD_SCRIPT}</script>")
}

/// A page with the reload script before `</body>` (or at the end), and its
/// hash added to the page's Content-Security-Policy.
fn with_reload(html: &[u8], version: u64) -> Vec<u8> {
    let text = allow_reload(&String::from_utf8_lossy(html));
    let script = reload_script(version);
    match text.rfind("</body>") {
        Some(at) => format!("{}{script}{}", &text[..at], &text[at..]).into_bytes(),
        None => format!("{text}{script}").into_bytes(),
    }
}

/// A page whose policy also lets the reload script run: its hash joins
/// the `script-src` of the page's `<meta>` policy (in place of `'none'`).
fn allow_reload(page: &str) -> String {
    let meta = "<meta http-equiv=\"Content-Security-Policy\" content=\"";
    let Some(start) = page.find(meta).map(|at| at + meta.len()) else {
        return page.to_string();
    };
    let Some(length) = page[start..].find('"') else {
        return page.to_string();
    };
    let policy: Vec<String> = (page[start..start + length].split(';'))
        .map(
            |directive| match directive.trim().strip_prefix("script-src") {
                Some(sources) => {
                    let kept = sources.split_whitespace().filter(|s| *s != "'none'");
                    std::iter::once(format!(" script-src {}", scripts::hash(RELOAD_SCRIPT)))
                        .chain(kept.map(str::to_string))
                        .collect::<Vec<_>>()
                        .join(" ")
                }
                None => directive.to_string(),
            },
        )
        .collect();
    let policy = policy.join(";");
    format!(
        "{}{}{}",
        &page[..start],
        policy.trim_start(),
        &page[start + length..]
    )
}

/// The policy of the server's own pages: their inline style, the reload
/// script, and (for the preview) the PDFs from the server.
fn own_policy() -> String {
    format!(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; script-src {}; \
         style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'\">",
        scripts::hash(RELOAD_SCRIPT)
    )
}

/// Text escaped for HTML, by Tera's own escaper (the one the templates use).
fn escape(text: &str) -> String {
    let mut out = Vec::with_capacity(text.len());
    // Writing into memory cannot fail.
    let _ = tera::escape_html(text, &mut out);
    String::from_utf8_lossy(&out).into_owned()
}

/// The page every address shows while the build has problems.
fn problems_page(problems: &str, version: u64) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n{}\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>Problems · handout serve</title>\n<style>body{{font:1.1rem/1.5 system-ui,sans-serif;margin:2rem;color:#1d2b33}}\
         h1{{color:#8a2f00}}pre{{background:#fff3e8;border-left:.4rem solid #c2410c;padding:1rem;overflow:auto;font-size:1rem}}</style>\n\
         </head>\n<body>\n<main>\n<h1>The last save has problems</h1>\n\
         <p>Fix them and save: this page comes back by itself.</p>\n<pre>{}</pre>\n</main>\n{}</body>\n</html>\n",
        own_policy(),
        escape(problems),
        reload_script(version)
    )
}

/// The PDF preview: the handout and the checklist, reloaded after each
/// build (the version in the address stops the browser showing an old
/// copy).
fn preview_page(version: u64) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n{}\n\
         <title>PDF preview · handout serve</title>\n<style>body{{margin:0;font:1rem system-ui,sans-serif}}\
         nav{{padding:.5rem 1rem;background:#004f58}}nav a{{color:#fff;margin-right:1.5rem}}\
         iframe{{border:0;width:100%;height:calc(100vh - 2.6rem)}}</style>\n</head>\n<body>\n\
         <nav><a href=\"/handout.pdf?v={version}\" target=\"pdf\">Handout</a>\
         <a href=\"/checklist.pdf?v={version}\" target=\"pdf\">Checklist</a><a href=\"/\">Site</a></nav>\n\
         <iframe name=\"pdf\" title=\"The PDF\" src=\"/handout.pdf?v={version}\"></iframe>\n{}</body>\n</html>\n",
        own_policy(),
        reload_script(version)
    )
}

/// Opens the site in the system's browser; says so when it cannot.
fn open_browser(url: &str) {
    let command = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if std::process::Command::new(command)
        .arg(url)
        .spawn()
        .is_err()
    {
        complain(&format!(
            "note: cannot open a browser ({command}); open {url} yourself"
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    impl Seen {
        fn changed_any(&mut self, paths: Option<&[PathBuf]>) -> bool {
            self.changed(paths).any()
        }
    }

    #[test]
    fn only_a_file_not_as_last_seen_calls_for_a_build() {
        let folder = tempfile::tempdir().unwrap();
        let root = folder.path().canonicalize().unwrap();
        let file = root.join("exercise.yaml");
        std::fs::write(&file, "title: One").unwrap();
        let mut seen = Seen::new(&[&root]);
        // Files may have changed before anyone watched: the first change
        // is anything.
        std::fs::write(&file, "title: Zero").unwrap();
        assert_eq!(
            seen.changed(Some(std::slice::from_ref(&file))),
            Change::Anything
        );
        // Read, not changed.
        assert!(!seen.changed_any(Some(std::slice::from_ref(&file))));
        std::fs::write(&file, "title: Two, longer").unwrap();
        let other = root.join("unchanged.yaml");
        assert_eq!(
            seen.changed(Some(&[file.clone(), other.clone(), file.clone()])),
            Change::Files(vec![file.clone()])
        );
        assert!(!seen.changed_any(Some(std::slice::from_ref(&file))));
        assert!(!seen.changed_any(None));
        // A folder made with a file in it: everything is looked at again.
        std::fs::create_dir(root.join("pages")).unwrap();
        std::fs::write(root.join("pages/a.md"), "A").unwrap();
        assert!(seen.changed_any(Some(&[root.join("pages")])));
        std::fs::remove_file(&file).unwrap();
        assert!(seen.changed_any(Some(std::slice::from_ref(&file))));
        // The folder removed, named alone.
        std::fs::remove_dir_all(root.join("pages")).unwrap();
        assert!(seen.changed_any(Some(&[root.join("pages")])));
        assert!(!seen.changed_any(None));
        // A file named by another path than its real one, then removed.
        let other = root.join("other.yaml");
        std::fs::write(&other, "title: Other").unwrap();
        assert!(seen.changed_any(None));
        let named = root.join(".").join("other.yaml");
        assert!(!seen.changed_any(Some(std::slice::from_ref(&named))));
        std::fs::remove_file(&other).unwrap();
        assert!(seen.changed_any(Some(std::slice::from_ref(&named))));
        // A file removed and its folder named in the same batch.
        std::fs::write(&other, "title: Other").unwrap();
        assert!(seen.changed_any(None));
        std::fs::remove_file(&other).unwrap();
        assert!(seen.changed_any(Some(&[other.clone(), root.clone()])));
    }

    #[test]
    fn paths_never_leave_the_served_folder() {
        assert_eq!(safe_path("/").unwrap(), PathBuf::new());
        assert_eq!(
            safe_path("/exercises/calf/").unwrap(),
            PathBuf::from("exercises/calf")
        );
        assert_eq!(safe_path("/a%20b.html").unwrap(), PathBuf::from("a b.html"));
        for bad in [
            "/../Cargo.toml",
            "/site/../../x",
            "/%2e%2e/Cargo.toml",
            "/%2E%2E%2Fx",
            "/a%5c..%5cb",
            "/%00",
            "/%zz",
            "/%ff",
        ] {
            assert!(safe_path(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn the_reload_script_goes_before_the_end_of_the_body() {
        let page =
            String::from_utf8(with_reload(b"<html><body><p>x</p></body></html>", 3)).unwrap();
        assert!(page.contains("<script data-version=\"3\">"));
        assert!(page.find("<script").unwrap() < page.find("</body>").unwrap());
    }

    #[test]
    fn the_reload_script_joins_the_pages_policy() {
        let page = "<head><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; \
                    script-src 'sha256-A'; style-src 'self'\"></head><body></body>";
        let served = String::from_utf8(with_reload(page.as_bytes(), 1)).unwrap();
        let reload = scripts::hash(RELOAD_SCRIPT);
        assert!(
            served.contains(&format!(
                "content=\"default-src 'self'; script-src {reload} 'sha256-A'; style-src 'self'\""
            )),
            "{served}"
        );
        let none = page.replace("'sha256-A'", "'none'");
        let served = String::from_utf8(with_reload(none.as_bytes(), 1)).unwrap();
        assert!(
            served.contains(&format!("script-src {reload};")),
            "{served}"
        );
        assert!(!served.contains("'none'"), "{served}");
    }

    #[test]
    fn hidden_files_are_never_served() {
        for hidden in [
            "/.handout-output",
            "/site/.hidden",
            "/%2ehandout-output",
            "/a/.git/config",
        ] {
            assert!(safe_path(hidden).is_none(), "{hidden}");
        }
    }

    #[test]
    fn problems_are_escaped() {
        let page = problems_page("a <script> & b", 1);
        assert!(page.contains("a &lt;script&gt; &amp; b"));
    }
}
