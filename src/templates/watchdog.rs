//! Stops handout when one template render runs far too long.
//!
//! Tera has no step limit, and a loop that writes nothing (a range inside
//! a range, a loop over the exercises inside a loop over the exercises…)
//! never reaches the output-size limit: it would spin without end. A
//! render cannot be cancelled from outside, so when one runs past its time
//! the watchdog reports the template and ends the process. Nothing has been
//! written at that point (every output renders in memory before the write),
//! so the previous output stays as it was.

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Condvar, Mutex, MutexGuard, Once, PoisonError};
use std::time::{Duration, Instant};

use crate::diag::Diagnostic;

/// The environment variable that sets the limit, in seconds.
pub const LIMIT_VARIABLE: &str = "HANDOUT_TEMPLATE_SECONDS";

/// One render may take this long: a 10,000-exercise site renders each page
/// in milliseconds, so a render this slow is a loop gone wrong.
const DEFAULT_LIMIT: Duration = Duration::from_secs(60);

/// The exit code of a template stopped by the watchdog: a problem in the
/// templates, like any other template error.
const EXIT_CODE: i32 = 1;

/// The renders under way, each with its deadline and its template's file.
struct Renders {
    running: Mutex<Vec<(u64, Instant, PathBuf)>>,
    changed: Condvar,
}

static RENDERS: Renders = Renders {
    running: Mutex::new(Vec::new()),
    changed: Condvar::new(),
};

/// Watches one render from its creation to its drop.
pub struct Guard {
    id: u64,
}

/// Starts watching a render of the template at `path` (the user's file or
/// the built-in one).
pub fn watch(path: PathBuf) -> Guard {
    static NEXT_ID: AtomicU64 = AtomicU64::new(0);
    static STARTED: Once = Once::new();
    STARTED.call_once(|| {
        std::thread::Builder::new()
            .name("template watchdog".into())
            .spawn(watch_forever)
            .expect("start the template watchdog");
    });
    let id = NEXT_ID.fetch_add(1, Ordering::Relaxed);
    let deadline = Instant::now() + limit();
    let mut running = running();
    running.push((id, deadline, path));
    // Deadlines only grow, so the watchdog needs waking only when it
    // sleeps with nothing to watch.
    if running.len() == 1 {
        RENDERS.changed.notify_all();
    }
    Guard { id }
}

impl Drop for Guard {
    fn drop(&mut self) {
        running().retain(|(id, _, _)| *id != self.id);
    }
}

/// The limit from [`LIMIT_VARIABLE`], or the default.
fn limit() -> Duration {
    std::env::var(LIMIT_VARIABLE)
        .ok()
        .and_then(|seconds| seconds.trim().parse::<f64>().ok())
        .filter(|seconds| seconds.is_finite() && *seconds > 0.0)
        .map_or(DEFAULT_LIMIT, Duration::from_secs_f64)
}

/// The renders under way. A panic elsewhere while the list was held
/// leaves it whole (it is only pushed to and filtered), so a poisoned lock
/// is used as it is.
fn running() -> MutexGuard<'static, Vec<(u64, Instant, PathBuf)>> {
    RENDERS
        .running
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
}

/// The watchdog thread: sleeps until the nearest deadline, and ends the
/// process if a render is still running then.
fn watch_forever() {
    let mut running = running();
    loop {
        let now = Instant::now();
        let nearest = running.iter().min_by_key(|(_, deadline, _)| *deadline);
        running = match nearest {
            None => RENDERS
                .changed
                .wait(running)
                .unwrap_or_else(PoisonError::into_inner),
            Some((_, deadline, path)) if *deadline <= now => stop(path),
            Some((_, deadline, _)) => {
                let wait = *deadline - now;
                RENDERS
                    .changed
                    .wait_timeout(running, wait)
                    .unwrap_or_else(PoisonError::into_inner)
                    .0
            }
        };
    }
}

/// Reports the template that ran too long and ends the process.
fn stop(path: &std::path::Path) -> ! {
    let seconds = limit().as_secs_f64();
    let problem = Diagnostic::file(
        path,
        format!(
            "the template ran for more than {seconds} s without finishing, and handout stopped; \
             nothing was written"
        ),
    )
    .with_hint(format!(
        "look for a loop that repeats far more than it should (a loop inside a loop); \
         a huge library that really needs longer can raise the limit with {LIMIT_VARIABLE}=SECONDS"
    ));
    eprintln!("{problem}");
    std::process::exit(EXIT_CODE);
}
