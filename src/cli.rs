//! The command line, as the person who keeps a clinic's website meets it.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

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
    /// Print nothing when all goes well (problems are still printed).
    #[arg(long, short, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Say more: how long each output took, and what a build rendered
    /// again (and kept) from the last one.
    #[arg(long, short, global = true)]
    pub verbose: bool,
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
    ///
    /// Besides errors in the content and the templates, it warns where a
    /// text is hard to read: a page or an exercise above the target grade
    /// (`readability:` in handout.yaml, 6 by default), a sentence over 20
    /// words, a step over 15, a medical word with a plainer one. `--report`
    /// writes the whole table.
    Check(CheckArgs),
    /// Builds, serves the site and the PDFs on this computer, and rebuilds
    /// and reloads the pages after every save.
    Serve(ServeArgs),
    /// The build process `serve` keeps between saves (not for people: it
    /// reads requests on standard input).
    #[command(name = "serve-builder", hide = true)]
    ServeBuilder(BuildArgs),
    /// Starts a new project in a folder: content/ (the default exercises,
    /// yours to edit) and templates/.
    Init(InitArgs),
    /// Prints one patient's handout and wall checklist per patient's
    /// program file: their exercises, doses and dates.
    ///
    /// Each FILE (like maria.yaml) gives FILE-handout.pdf and
    /// FILE-checklist.pdf (maria-handout.pdf). They are never published:
    /// nothing goes into the website.
    Program(ProgramArgs),
    /// Writes the figures' contact sheet: every exercise's figure with its
    /// title and description on one page (figures.pdf and figures.svg in
    /// the output folder), to review the drawings.
    Figures(FiguresArgs),
    /// Writes a new exercise or page, every field explained, ready to fill
    /// in.
    #[command(subcommand)]
    New(NewCommand),
    /// Works with the built-in templates (the look and words of every
    /// output).
    #[command(subcommand)]
    Templates(TemplatesCommand),
    /// Prints a shell's completion script, e.g.
    /// `handout completions bash > ~/.local/share/bash-completion/completions/handout`.
    Completions(CompletionsArgs),
    /// Prints a manual page, handout's or one command's, or writes them
    /// all into a folder (`handout man --out ~/.local/share/man/man1`,
    /// then `man handout-build`).
    Man(ManArgs),
}

/// Options of `handout man`.
#[derive(Debug, Args)]
pub struct ManArgs {
    /// The command whose page to print, like `build` or `new exercise`;
    /// handout's own page when left out.
    #[arg(value_name = "COMMAND")]
    pub command: Vec<String>,
    /// Write every page into DIR as handout.1, handout-build.1... instead
    /// of printing one.
    #[arg(long, value_name = "DIR", conflicts_with = "command")]
    pub out: Option<PathBuf>,
}

/// Options of `handout serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The folder with your content.
    #[arg(long, value_name = "DIR", default_value = "content")]
    pub content: PathBuf,
    /// A folder of templates that replace the built-in ones, file by file.
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// Build into this folder too (by default a temporary folder, removed
    /// when the server stops: output/ is left alone).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// The port to listen on; the next free one is taken when it is busy
    /// (0: any free port).
    #[arg(long, value_name = "N", default_value_t = 1111)]
    pub port: u16,
    /// The address to listen on. The default, 127.0.0.1, serves this
    /// computer only; anything else shares your drafts on the network.
    #[arg(long, value_name = "ADDRESS", default_value = "127.0.0.1")]
    pub bind: std::net::IpAddr,
    /// Open the site in your browser.
    #[arg(long)]
    pub open: bool,
    /// Print the PDFs in large print.
    #[arg(long)]
    pub large_print: bool,
}

/// Options of `handout program`.
#[derive(Debug, Args)]
pub struct ProgramArgs {
    /// The patients' program files (YAML; content/README.md explains them).
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<PathBuf>,
    /// The folder with your content (the library the programs choose from).
    #[arg(long, value_name = "DIR", default_value = "content")]
    pub content: PathBuf,
    /// A folder of templates that replace the built-in ones, file by file.
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// A folder of its own for the PDFs, outside the website's folder. By
    /// default they go to output/programs/, in the build's output folder.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

/// Options of `handout figures`.
#[derive(Debug, Args)]
pub struct FiguresArgs {
    /// The folder with your content.
    #[arg(long, value_name = "DIR", default_value = "content")]
    pub content: PathBuf,
    /// A folder of templates that replace the built-in ones, file by file
    /// (for the words: "Start", "End").
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// Where the sheet goes; the rest of the folder stays as it is.
    #[arg(long, value_name = "DIR", default_value = "output")]
    pub out: PathBuf,
}

/// Options of `handout init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder to create (new or empty); the current folder by default.
    #[arg(value_name = "DIR", default_value = ".")]
    pub dir: PathBuf,
    /// The languages to publish, the first the one the others translate:
    /// `en` (English only, the default) or `en,es` (English and Spanish).
    #[arg(long, value_name = "LANGUAGES", value_delimiter = ',')]
    pub languages: Vec<String>,
    /// Your clinic's name, as patients know it (else a placeholder that
    /// check and build warn about).
    #[arg(long, value_name = "NAME")]
    pub clinic: Option<String>,
    /// The phone number patients call with questions (else a
    /// placeholder).
    #[arg(long, value_name = "NUMBER")]
    pub phone: Option<String>,
    /// The site's web address, once it has one: the PDFs then carry QR
    /// codes to its pages.
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
}

/// What `handout new` makes.
#[derive(Debug, Subcommand)]
pub enum NewCommand {
    /// A new exercise: content/exercises/ID.yaml.
    Exercise {
        /// Its id: lowercase words joined by dashes, like `calf-raise`.
        id: String,
        /// The phase it belongs to (a file in content/phases/).
        #[arg(long, value_name = "PHASE")]
        phase: Option<String>,
        /// The folder with your content.
        #[arg(long, value_name = "DIR", default_value = "content")]
        content: PathBuf,
    },
    /// A new prose page: content/pages/ID.md.
    Page {
        /// Its id: lowercase words joined by dashes, like `after-your-visit`.
        id: String,
        /// The folder with your content.
        #[arg(long, value_name = "DIR", default_value = "content")]
        content: PathBuf,
    },
}

/// What `handout templates` does.
#[derive(Debug, Subcommand)]
pub enum TemplatesCommand {
    /// Copies the built-in templates and word catalogues into DIR, to start
    /// your own look from: each file there replaces its built-in one.
    Export {
        /// The folder to copy them into (made if needed); `templates` is
        /// the one handout reads without `--templates`.
        #[arg(value_name = "DIR")]
        dir: PathBuf,
    },
}

/// Options of `handout completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
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
    /// Build only one of the outputs; the others in the output folder stay
    /// as they are.
    #[arg(long, value_enum, value_name = "OUTPUT")]
    pub only: Option<Only>,
    /// Print the PDFs in large print (18 pt text) for readers who need it.
    /// `large_print: true` in handout.yaml does the same.
    #[arg(long)]
    pub large_print: bool,
    /// How many weeks of checklist pages to print per phase, one page per
    /// week, numbered "Week 1 of N": 1 to 52.
    #[arg(long, value_name = "N", default_value_t = 1, value_parser = parse_weeks)]
    pub weeks: u32,
    /// The day the patient starts, as YYYY-MM-DD: the checklist PDF then
    /// shows real dates. It is printed on the PDFs only, never on the
    /// website. `start_date` in handout.yaml does the same.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub start: Option<jiff::civil::Date>,
    /// Fail on warnings too (for CI): a warning then stops the build like an
    /// error, and nothing is written.
    #[arg(long)]
    pub deny_warnings: bool,
    /// Build the drafts too (exercises and pages marked `draft: true`),
    /// to look at them before they are published.
    #[arg(long)]
    pub drafts: bool,
    /// Render every file again, ignoring what the last build recorded in
    /// the output folder's cache (`.handout-cache`). Without it, a file
    /// whose inputs did not change is kept as it is.
    #[arg(long)]
    pub fresh: bool,
}

/// Reads a YYYY-MM-DD date for `--start`.
/// The most checklist weeks per phase: a year. More is no plan a patient
/// follows, and each week is a page of every phase in memory.
pub const MAX_WEEKS: u32 = 52;

fn parse_weeks(text: &str) -> Result<u32, String> {
    match text.parse::<u32>() {
        Ok(weeks @ 1..=MAX_WEEKS) => Ok(weeks),
        Ok(_) => Err(format!(
            "{text} weeks is too many: the checklist prints 1 to {MAX_WEEKS} weeks (a year) per phase"
        )),
        Err(_) => Err(format!(
            "'{text}' is not a number of weeks (1 to {MAX_WEEKS})"
        )),
    }
}

fn parse_date(text: &str) -> Result<jiff::civil::Date, String> {
    text.parse()
        .map_err(|_| format!("'{text}' is not a date: write it as YYYY-MM-DD, like 2026-03-02"))
}

pub use crate::outputs::Only;

/// Options of `handout check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The folder with your content.
    #[arg(long, value_name = "DIR", default_value = "content")]
    pub content: PathBuf,
    /// A folder of templates to check too.
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// Fail on warnings too (for CI).
    #[arg(long)]
    pub deny_warnings: bool,
    /// Check the drafts too (exercises and pages marked `draft: true`).
    #[arg(long)]
    pub drafts: bool,
    /// Write the plain-language report (every exercise's, phase's and
    /// page's reading level in each language, the sentences, steps and
    /// medical words to simplify, the links to other sites) into DIR:
    /// index.html and report.txt (check-report/ when DIR is left out).
    #[arg(long, value_name = "DIR", num_args = 0..=1, default_missing_value = "check-report")]
    pub report: Option<PathBuf>,
}
