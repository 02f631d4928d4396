//! The build process `serve` keeps: both its ends.
//!
//! Each build runs in a process of its own, so that nothing a build meets
//! (a template that runs away and is stopped, a bug) can stop the server.
//! The process is kept from one save to the next (`handout serve-builder`,
//! hidden from the help): it keeps what it read of the content
//! ([`crate::content::FileCache`]), so a save reads and checks only the
//! file saved, not every file of a large library again, and what its last
//! write left in the output folder ([`crate::write::Known`]), so that it
//! looks there only at the files it writes. It builds once for each line it
//! reads (`site`, `pdf`, or `all`, then, tab-separated, the only files that
//! changed since its last build when the server's watcher could say) and
//! answers each with one line of JSON
//! ([`Answer`]): what `handout build` would have printed and its exit
//! code. When it ends (stopped by the template watchdog, or on a bug), what
//! it said on standard error is the build's problem, and the next build
//! starts another.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::PathBuf;
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

use serde::{Deserialize, Serialize};

use crate::commands::Warm;
use crate::commands::{BuildOptions, Error, Success};
use crate::outputs::Only;

/// The hidden subcommand that runs the builder's end.
pub const SUBCOMMAND: &str = "serve-builder";

/// What one build said: what `handout build` would print on standard
/// output and standard error, and its exit code.
#[derive(Debug, Serialize, Deserialize)]
pub struct Answer {
    /// The exit code `handout build` would end with.
    pub code: u8,
    /// What it would print on standard output.
    pub stdout: String,
    /// What it would print on standard error.
    pub stderr: String,
    /// The files it rendered again, by their paths in the output folder:
    /// the pages to reload are among them.
    #[serde(default)]
    pub rendered: Vec<String>,
}

/// The builder's end: builds `options` once for each request read from
/// standard input, answering each on standard output, until the input
/// ends (the server stopped).
pub fn work(options: BuildOptions, build: impl Fn(&BuildOptions, &mut Warm) -> Answer) {
    let mut warm = Warm::default();
    crate::templates::markdown_memo::remember();
    let stdin = std::io::stdin();
    let mut stdout = std::io::stdout().lock();
    for line in stdin.lock().lines() {
        let Ok(line) = line else { return };
        let mut fields = line.split('\t');
        let only = fields.next().unwrap_or_default();
        if line.contains('\t') {
            warm.changed_only(
                fields
                    .filter(|f| !f.is_empty())
                    .map(PathBuf::from)
                    .collect(),
            );
        }
        let only = match only.trim() {
            "all" => None,
            name => match <Only as clap::ValueEnum>::from_str(name, false) {
                Ok(only) => Some(only),
                Err(_) => return,
            },
        };
        let options = BuildOptions {
            only,
            ..options.clone()
        };
        // What the build leaves to free waits until the server is told.
        let later = crate::parallel::LaterDrops::start();
        crate::templates::markdown_memo::start_build();
        let answer = build(&options, &mut warm);
        let Ok(line) = serde_json::to_string(&answer) else {
            return;
        };
        if writeln!(stdout, "{line}")
            .and_then(|()| stdout.flush())
            .is_err()
        {
            return;
        }
        drop(later);
    }
}

impl Answer {
    /// The answer of a build that ended with `result`, printed as
    /// `handout build --verbose` prints it.
    pub fn of(result: &Result<Success, Error>) -> Answer {
        match result {
            Ok(success) => {
                let (stdout, stderr) = success.printed(false);
                Answer {
                    code: 0,
                    stdout,
                    stderr,
                    rendered: Vec::new(),
                }
            }
            Err(error) => Answer {
                code: error.exit_code(),
                stdout: String::new(),
                stderr: format!("{error}\n"),
                rendered: Vec::new(),
            },
        }
    }
}

/// The line that asks for a build of `only`, naming the files `changed`
/// when there are such and each can be written on the line.
fn request(only: &str, changed: Option<&[PathBuf]>) -> String {
    let line = only.to_string();
    let Some(paths) = changed else {
        return line;
    };
    let mut named = String::new();
    for path in paths {
        match path.to_str() {
            Some(path) if !path.contains(['\t', '\n', '\r']) => {
                named.push('\t');
                named.push_str(path);
            }
            _ => return line,
        }
    }
    // A tab alone says that no content file changed (a template did).
    if named.is_empty() {
        named.push('\t');
    }
    line + &named
}

/// The server's end: the builder process, started when a build is first
/// asked for and again after it ended.
pub(super) struct Builder {
    options: BuildOptions,
    running: Option<Running>,
}

/// A builder process and the pipes to it.
struct Running {
    child: Child,
    requests: ChildStdin,
    answers: BufReader<ChildStdout>,
    /// What it says on standard error, gathered by a thread of its own
    /// (a full pipe would stop it).
    said: Arc<Mutex<String>>,
    listening: Option<JoinHandle<()>>,
}

/// How a build ended.
pub(super) enum Ended {
    /// It answered: its exit code, standard output and standard error.
    Answered(Answer),
    /// The builder could not run or stopped during the build: what it
    /// said, or why.
    Stopped(String),
}

impl Builder {
    /// A builder of `options`; no process runs yet.
    pub(super) fn new(options: BuildOptions) -> Builder {
        Builder {
            options,
            running: None,
        }
    }

    /// Builds `only` one output (by its `--only` name), or all.
    /// `changed`: the only files that changed since its last build, when
    /// the watcher could say (real paths).
    pub(super) fn build(&mut self, only: Option<&str>, changed: Option<&[PathBuf]>) -> Ended {
        let mut running = match self.running.take() {
            Some(running) => running,
            None => match self.start() {
                Ok(running) => running,
                Err(error) => {
                    return Ended::Stopped(format!("error: cannot run the build: {error}"));
                }
            },
        };
        match running.ask(&request(only.unwrap_or("all"), changed)) {
            Some(answer) => {
                // Whatever it said besides its answer (nothing, as a rule).
                let said = std::mem::take(&mut *lock(&running.said));
                self.running = Some(running);
                let mut answer = answer;
                answer.stderr.push_str(&said);
                Ended::Answered(answer)
            }
            None => Ended::Stopped(running.end()),
        }
    }

    /// Starts the builder process: this very program.
    fn start(&self) -> std::io::Result<Running> {
        let mut command = Command::new(std::env::current_exe()?);
        command.arg("--verbose").arg(SUBCOMMAND);
        for (flag, folder) in [
            ("--content", Some(&self.options.content)),
            ("--out", Some(&self.options.out)),
            (
                "--templates",
                Some(&self.options.templates).filter(|_| self.options.templates_required),
            ),
        ] {
            if let Some(folder) = folder {
                command.arg(flag).arg(folder);
            }
        }
        for (flag, on) in [
            ("--large-print", self.options.large_print),
            ("--drafts", self.options.drafts),
        ] {
            if on {
                command.arg(flag);
            }
        }
        // It lives as long as the server, building on every core again and
        // again: glibc's allocator gives each new thread an arena of its
        // own (up to 8 a core), and memory freed in one stays with it. Two
        // arenas a thread held a 10,000-exercise library's builder (2
        // cores) within 1.1 times its first build's memory over the saves,
        // where it grew to 1.6 times, at the same speed; one arena a
        // thread made the first build 30% slower. Other allocators ignore
        // the variable; one the user set is kept.
        if std::env::var_os("MALLOC_ARENA_MAX").is_none() {
            let arenas = 2 * crate::parallel::threads();
            command.env("MALLOC_ARENA_MAX", arenas.to_string());
        }
        let mut child = command
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()?;
        let (Some(requests), Some(answers), Some(mut errors)) =
            (child.stdin.take(), child.stdout.take(), child.stderr.take())
        else {
            let _ = child.kill();
            return Err(std::io::Error::other("no pipe to the build process"));
        };
        let said = Arc::new(Mutex::new(String::new()));
        let listening = {
            let said = Arc::clone(&said);
            std::thread::Builder::new()
                .name("builder's errors".into())
                .spawn(move || {
                    let mut chunk = [0u8; 4096];
                    while let Ok(read) = errors.read(&mut chunk) {
                        if read == 0 {
                            break;
                        }
                        lock(&said).push_str(&String::from_utf8_lossy(&chunk[..read]));
                    }
                })?
        };
        Ok(Running {
            child,
            requests,
            answers: BufReader::new(answers),
            said,
            listening: Some(listening),
        })
    }
}

impl Running {
    /// Asks for one build and waits for its answer; `None` when the
    /// process ended first.
    fn ask(&mut self, request: &str) -> Option<Answer> {
        writeln!(self.requests, "{request}").ok()?;
        self.requests.flush().ok()?;
        let mut line = String::new();
        match self.answers.read_line(&mut line) {
            Ok(0) | Err(_) => None,
            Ok(_) => serde_json::from_str(&line).ok(),
        }
    }

    /// Ends the process (when it has not ended on its own) and says what
    /// it said, or how it ended.
    fn end(mut self) -> String {
        let _ = self.child.kill();
        let status = self.child.wait();
        if let Some(listening) = self.listening.take() {
            let _ = listening.join();
        }
        let said = std::mem::take(&mut *lock(&self.said));
        let said = said.trim_end();
        match status {
            _ if !said.is_empty() => said.to_string(),
            Ok(status) => format!("error: the build stopped ({status})"),
            Err(error) => format!("error: the build stopped: {error}"),
        }
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        // Its input closes with it, and it ends on its own; a build under
        // way is not waited for.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn lock(said: &Mutex<String>) -> std::sync::MutexGuard<'_, String> {
    said.lock().unwrap_or_else(|e| e.into_inner())
}
