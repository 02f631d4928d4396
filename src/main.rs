//! The `handout` command: parses the arguments, runs the library, reports.

use std::process::ExitCode;

use clap::Parser;
use handout::cli::Cli;

/// The exit code of a bug: a panic anywhere in the run.
const BUG: u8 = 3;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let quiet = cli.quiet;
    std::panic::set_hook(Box::new(report_bug));
    // A panic is a bug in handout, never the user's fault: the hook has
    // said so in a few lines, and the run ends with its own exit code.
    let Ok(result) = std::panic::catch_unwind(|| {
        // Debug builds only: lets the tests see what a bug looks like.
        if cfg!(debug_assertions) && std::env::var_os("HANDOUT_TEST_PANIC").is_some() {
            panic!("HANDOUT_TEST_PANIC is set");
        }
        handout::run(cli)
    }) else {
        return ExitCode::from(BUG);
    };
    match result {
        Ok(success) => {
            let (stdout, stderr) = success.printed(quiet);
            eprint!("{stderr}");
            print!("{stdout}");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("{error}");
            ExitCode::from(error.exit_code())
        }
    }
}

/// Says that handout hit a bug, instead of Rust's backtrace dump, which
/// means nothing to a clinic's web person. `HANDOUT_BACKTRACE=1` adds the
/// backtrace for whoever fixes it.
fn report_bug(info: &std::panic::PanicHookInfo<'_>) {
    let what = (info.payload().downcast_ref::<&str>().copied())
        .or_else(|| info.payload().downcast_ref::<String>().map(String::as_str))
        .unwrap_or("no message");
    let place = info
        .location()
        .map_or(String::new(), |l| format!(" ({}:{})", l.file(), l.line()));
    eprintln!(
        "error: handout stopped on a bug, not on a problem in your content: {what}{place}\n  \
         = hint: please report it to handout's maintainers with the content folder \
         (and templates) that made it happen and the command you ran"
    );
    if std::env::var_os("HANDOUT_BACKTRACE").is_some() {
        eprintln!("{}", std::backtrace::Backtrace::force_capture());
    }
}
