//! `completions` and `man`: the command line described for the shell and
//! for `man`, from the same definition clap parses ([`crate::cli`]).

use super::{Error, Success};
use crate::cli::{Cli, CompletionsArgs, ManArgs};
use crate::manual;

/// A shell's completion script, on standard output.
pub(super) fn completions(args: &CompletionsArgs) -> Success {
    let mut script = Vec::new();
    let mut command = <Cli as clap::CommandFactory>::command();
    clap_complete::generate(args.shell, &mut command, "handout", &mut script);
    Success {
        output: String::from_utf8_lossy(&script).into_owned(),
        ..Success::default()
    }
}

/// A manual page on standard output, or every page written into a folder.
pub(super) fn man(args: ManArgs) -> Result<Success, Error> {
    match args.out {
        Some(dir) => {
            let written = manual::write(&dir).map_err(Error::Usage)?;
            Ok(Success {
                summary: format!(
                    "wrote {} manual pages into {} (handout.1, handout-build.1...): `man handout` reads them when the folder is where man looks, like ~/.local/share/man/man1",
                    written.len(),
                    dir.display()
                ),
                ..Success::default()
            })
        }
        None => Ok(Success {
            output: manual::page(&args.command).map_err(Error::Usage)?,
            ..Success::default()
        }),
    }
}
