//! `program`: each patient's handout and checklist, printed by
//! [`crate::patients`].

use super::build::templates_dir;
use super::summary::with_timings;
use super::{Error, Success};
use crate::cli::ProgramArgs;
use crate::patients::{self, ProgramOptions};

/// Prints the programs of the patients' files named.
pub(super) fn run(args: ProgramArgs, verbose: bool) -> Result<Success, Error> {
    let report = patients::print_programs(&ProgramOptions {
        files: args.files,
        content: args.content,
        templates: templates_dir(args.templates.as_deref()),
        templates_required: args.templates.is_some(),
        out: args.out,
    })?;
    let summary = with_timings(report.to_string(), &report.timings, verbose);
    Ok(Success {
        summary,
        warnings: report.warnings,
        ..Success::default()
    })
}
