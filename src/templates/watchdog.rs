//! Stops handout when its templates run far too long or take far too much
//! memory.
//!
//! Tera has no step limit and no limit on the values a template builds:
//! a loop that writes nothing (a range inside a range) never reaches the
//! output-size limit and spins without end, and a value doubled in a loop
//! (`set_global x = x ~ x`) fills the memory in seconds. A render cannot
//! be cancelled from outside, so the watchdog watches every render and
//! ends the process with a message naming the template when
//!
//! - the renders of one build (every page, every PDF's Markdown, every
//!   patient of `program`: one [`Budget`], made when the templates are
//!   loaded) have run for longer than its time in all, or
//! - the process's memory (its resident size, on Linux) grows by more
//!   than [`memory_limit`] while templates render.
//!
//! Nothing has been written to the output folder at that point (every
//! build writes through a staging folder swapped in at the end), so the
//! previous output stays as it was. `handout serve` runs each build as a
//! process of its own, so a stopped build is a problem shown in its pages.

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, Once, PoisonError};
use std::time::{Duration, Instant};

use crate::diag::Diagnostic;

/// The environment variable that sets the time limit, in seconds.
pub const LIMIT_VARIABLE: &str = "HANDOUT_TEMPLATE_SECONDS";

/// The environment variable that sets the memory limit, in MiB.
pub const MEMORY_VARIABLE: &str = "HANDOUT_TEMPLATE_MEMORY_MIB";

/// All the renders of one build may take this long together: a
/// 10,000-exercise site renders in about a second of all its threads'
/// time, and 10,000 patients' programs in far less than this.
const DEFAULT_LIMIT: Duration = Duration::from_secs(60);

/// How much the memory may grow while templates render, in MiB: a
/// 10,000-exercise site grows it by under 200 MiB.
const DEFAULT_MEMORY_MIB: u64 = 1024;

/// How often the memory is looked at while templates render.
const SAMPLE: Duration = Duration::from_millis(20);

/// The exit code of a template stopped by the watchdog: a problem in the
/// templates, like any other template error.
const EXIT_CODE: i32 = 1;

/// The time that the renders of one build may take together.
#[derive(Debug)]
pub struct Budget {
    limit: Duration,
    /// The time of the renders that have finished.
    spent: Mutex<Duration>,
}

impl Budget {
    /// A budget of [`LIMIT_VARIABLE`]'s seconds, or the default.
    pub fn new() -> Arc<Budget> {
        Arc::new(Budget {
            limit: limit(),
            spent: Mutex::new(Duration::ZERO),
        })
    }

    fn spent(&self) -> MutexGuard<'_, Duration> {
        self.spent.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// A render under way.
struct Render {
    id: u64,
    started: Instant,
    path: PathBuf,
    budget: Arc<Budget>,
}

/// The renders under way, and the memory when the first of them began.
struct Renders {
    running: Mutex<(Vec<Render>, Option<u64>)>,
    changed: Condvar,
}

static RENDERS: Renders = Renders {
    running: Mutex::new((Vec::new(), None)),
    changed: Condvar::new(),
};

/// Watches one render from its creation to its drop.
pub struct Guard {
    id: u64,
}

/// Starts watching a render of the template at `path` (the user's file or
/// the built-in one), charged to `budget`.
pub fn watch(path: PathBuf, budget: &Arc<Budget>) -> Guard {
    static NEXT_ID: AtomicU64 = AtomicU64::new(0);
    static STARTED: Once = Once::new();
    STARTED.call_once(|| {
        std::thread::Builder::new()
            .name("template watchdog".into())
            .spawn(watch_forever)
            .expect("start the template watchdog");
    });
    let id = NEXT_ID.fetch_add(1, Ordering::Relaxed);
    let mut running = running();
    if running.0.is_empty() {
        running.1 = resident_bytes();
    }
    running.0.push(Render {
        id,
        started: Instant::now(),
        path,
        budget: Arc::clone(budget),
    });
    RENDERS.changed.notify_all();
    Guard { id }
}

impl Drop for Guard {
    fn drop(&mut self) {
        let mut running = running();
        if let Some(at) = running.0.iter().position(|r| r.id == self.id) {
            let render = running.0.swap_remove(at);
            *render.budget.spent() += render.started.elapsed();
        }
    }
}

/// The time limit from [`LIMIT_VARIABLE`], or the default.
fn limit() -> Duration {
    std::env::var(LIMIT_VARIABLE)
        .ok()
        .and_then(|seconds| seconds.trim().parse::<f64>().ok())
        .filter(|seconds| seconds.is_finite() && *seconds > 0.0 && *seconds < 1e9)
        .map_or(DEFAULT_LIMIT, Duration::from_secs_f64)
}

/// How much the memory may grow while templates render, in bytes: from
/// [`MEMORY_VARIABLE`], or the default.
pub fn memory_limit() -> u64 {
    std::env::var(MEMORY_VARIABLE)
        .ok()
        .and_then(|mib| mib.trim().parse::<u64>().ok())
        .filter(|mib| *mib > 0)
        .unwrap_or(DEFAULT_MEMORY_MIB)
        .saturating_mul(1024 * 1024)
}

/// The process's resident memory in bytes, where the system says (Linux's
/// `/proc/self/status`); `None` elsewhere, where only time is watched.
fn resident_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}

/// The renders under way. A panic elsewhere while the list was held
/// leaves it whole (it is only pushed to and filtered), so a poisoned lock
/// is used as it is.
fn running() -> MutexGuard<'static, (Vec<Render>, Option<u64>)> {
    RENDERS
        .running
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
}

/// The watchdog thread: while renders run, looks at their budgets and the
/// memory at least every [`SAMPLE`], and ends the process when one is
/// spent.
fn watch_forever() {
    let mut running = running();
    loop {
        if running.0.is_empty() {
            running = RENDERS
                .changed
                .wait(running)
                .unwrap_or_else(PoisonError::into_inner);
            continue;
        }
        let now = Instant::now();
        let mut wait = SAMPLE;
        for render in &running.0 {
            let same: Vec<&Render> = (running.0.iter())
                .filter(|r| Arc::ptr_eq(&r.budget, &render.budget))
                .collect();
            let used =
                *render.budget.spent() + same.iter().map(|r| now - r.started).sum::<Duration>();
            if used >= render.budget.limit {
                // The render that has run longest is the likeliest culprit.
                let longest = same.iter().min_by_key(|r| r.started).unwrap_or(&render);
                stop(&longest.path, &Why::Time(render.budget.limit));
            }
            // All of them spend it at once.
            let left = (render.budget.limit - used) / same.len().max(1) as u32;
            wait = wait.min(left);
        }
        if let (Some(before), Some(now)) = (running.1, resident_bytes()) {
            let limit = memory_limit();
            if now.saturating_sub(before) > limit {
                let longest = running.0.iter().min_by_key(|r| r.started);
                if let Some(render) = longest {
                    stop(&render.path, &Why::Memory(limit));
                }
            }
        }
        running = RENDERS
            .changed
            .wait_timeout(running, wait.max(Duration::from_millis(1)))
            .unwrap_or_else(PoisonError::into_inner)
            .0;
    }
}

/// What the watchdog stopped a build for.
enum Why {
    /// The build's renders took longer than this in all.
    Time(Duration),
    /// The memory grew by more than this many bytes.
    Memory(u64),
}

/// Reports the template that ran away and ends the process.
fn stop(path: &std::path::Path, why: &Why) -> ! {
    let problem = match why {
        Why::Time(limit) => Diagnostic::file(
            path,
            format!(
                "the templates ran for more than {} s in all without finishing (this one was \
                 running), and handout stopped; nothing was written",
                limit.as_secs_f64()
            ),
        )
        .with_hint(format!(
            "look for a loop that repeats far more than it should (a loop inside a loop); \
             a huge library that really needs longer can raise the limit with \
             {LIMIT_VARIABLE}=SECONDS"
        )),
        Why::Memory(limit) => Diagnostic::file(
            path,
            format!(
                "the template took more than {} MiB of memory without finishing, and handout \
                 stopped; nothing was written",
                limit / (1024 * 1024)
            ),
        )
        .with_hint(format!(
            "look for a value that grows in a loop (`set_global text = text ~ text`); \
             a huge library that really needs more can raise the limit with \
             {MEMORY_VARIABLE}=MIB"
        )),
    };
    eprintln!("{problem}");
    std::process::exit(EXIT_CODE);
}
