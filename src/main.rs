//! The `handout` command: parses the arguments, runs the library, reports.

use std::process::ExitCode;

use clap::Parser;
use handout::cli::Cli;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let quiet = cli.quiet;
    match handout::run(cli) {
        Ok(success) => {
            if !success.warnings.is_empty() {
                eprintln!("{}", success.warnings);
            }
            print!("{}", success.output);
            if !quiet && !success.summary.is_empty() {
                println!("{}", success.summary);
            }
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("{error}");
            ExitCode::from(error.exit_code())
        }
    }
}
