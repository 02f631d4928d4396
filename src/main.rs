//! The `handout` command: parses the arguments, runs the library, reports.

use std::process::ExitCode;

use clap::Parser;
use handout::cli::Cli;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match handout::run(cli) {
        Ok(success) => {
            if !success.warnings.is_empty() {
                eprintln!("{}", success.warnings);
            }
            println!("{}", success.summary);
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("{error}");
            ExitCode::from(error.exit_code())
        }
    }
}
