//! The commands: `run` takes the parsed command line to the one module
//! that carries out that command, and brings back what it has to say
//! ([`Success`]) or why it failed ([`Error`]). `main.rs` prints either.
//!
//! `build`, `check` and `figures` render the outputs (`build.rs`), from the
//! content and templates loaded once ([`Prepared`]); `serve` and `program`
//! hand over to [`crate::serve`] and [`crate::patients`]; `init`, `new`
//! and `templates export` write a starting point (`init.rs`);
//! `completions` and `man` describe the command line itself (`shell.rs`).

mod build;
mod error;
mod init;
mod prepared;
mod program;
mod serve;
mod shell;
mod summary;

pub use build::{BuildOptions, BuildReport, Warm, build, build_with, outputs};
pub use error::{Error, Success};
pub use prepared::{Edition, Prepared};

use crate::cli::{Cli, Command};

/// Runs one command and says what it did.
pub fn run(cli: Cli) -> Result<Success, Error> {
    match cli.command {
        Command::Build(args) => build::run(args, cli.verbose),
        Command::Check(args) => build::check(args),
        Command::Serve(args) => serve::run(args),
        Command::ServeBuilder(args) => serve::builder(args),
        Command::Program(args) => program::run(args, cli.verbose),
        Command::Figures(args) => build::figures(args),
        Command::Init(args) => init::init(args),
        Command::New(what) => init::new(&what),
        Command::Templates(what) => init::templates(what),
        Command::Completions(args) => Ok(shell::completions(&args)),
        Command::Man(args) => shell::man(args),
    }
}
