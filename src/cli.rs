//! The command line, as the person who keeps a clinic's website meets it.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Builds a clinic's home-exercise instructions, written once, into a
/// printable PDF handout, a website and a wall checklist.
///
/// Run it in the folder that holds content/ (your exercises) and
/// templates/ (optional, your changes to the look). The results land in
/// output/.
#[derive(Debug, Parser)]
#[command(name = "handout", version, propagate_version = true)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Builds the website and the PDFs from your content.
    ///
    /// Nothing in the output folder changes unless the whole build
    /// succeeds. handout only replaces or removes files it made itself.
    Build(BuildArgs),
    /// Checks your content and lists every problem, without building.
    Check(CheckArgs),
}

/// Options of `handout build`.
#[derive(Debug, Args)]
pub struct BuildArgs {
    /// The folder with your content (handout.yaml, phases/, exercises/, pages/, figures/).
    #[arg(long, value_name = "DIR", default_value = "content")]
    pub content: PathBuf,
    /// A folder of templates that replace the built-in ones, file by file.
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// Where the results go: the website in site/, the PDFs beside it.
    #[arg(long, value_name = "DIR", default_value = "output")]
    pub out: PathBuf,
    /// Build only one of the outputs.
    #[arg(long, value_enum, value_name = "OUTPUT")]
    pub only: Option<Only>,
}

/// The outputs `--only` can pick.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Only {
    /// The website, in site/.
    Site,
    /// The PDFs.
    Pdf,
}

/// Options of `handout check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The folder with your content.
    #[arg(long, value_name = "DIR", default_value = "content")]
    pub content: PathBuf,
    /// A folder of templates to check too.
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
}
