//! The report's data: plain structs between the measuring (the module
//! above) and the writing of the table ([`super::page`]), with the limits
//! both read.

use std::path::PathBuf;

use super::formula::{Counts, Formula, Score};
use crate::diag::Diagnostics;

/// The most words a sentence should have.
pub const SENTENCE_WORDS: usize = 20;
/// The most words a step should have: one action, read at a glance.
pub const STEP_WORDS: usize = 15;
/// The fewest words a text needs for its grade to mean something: a
/// shorter one gets no grade warning (its sentences and words still do).
pub const GRADED_WORDS: usize = 30;

/// The whole report.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// The grade every text should read at, or below.
    pub target: u32,
    /// Each language's table, in the publication's order.
    pub languages: Vec<LanguageReport>,
    /// The links to other sites, mail and phones the content holds.
    pub external_links: Vec<ExternalLink>,
    /// Every finding, as a warning at its place (problems in a list of
    /// plain words are errors).
    pub findings: Diagnostics,
}

/// One language's table.
#[derive(Debug, Clone)]
pub struct LanguageReport {
    /// Its tag, like `es`.
    pub language: String,
    /// The formula it is measured with, or `None` (no formula for it).
    pub formula: Option<Formula>,
    /// Where its plain words come from: a file of the content, or
    /// `None` for the list handout ships.
    pub plain_words: Option<PathBuf>,
    /// Its exercises, phases, pages and settings.
    pub items: Vec<Item>,
}

/// One row: an exercise, a phase, a page or handout.yaml.
#[derive(Debug, Clone)]
pub struct Item {
    /// `exercise`, `phase`, `page` or `settings`.
    pub kind: &'static str,
    /// Its id (empty for the settings).
    pub id: String,
    /// The file its words are in.
    pub path: PathBuf,
    /// What its text counts.
    pub counts: Counts,
    /// Its score, if it has words.
    pub score: Option<Score>,
    /// Sentences longer than [`SENTENCE_WORDS`].
    pub long_sentences: usize,
    /// Steps longer than [`STEP_WORDS`].
    pub long_steps: usize,
    /// Medical words from the list.
    pub medical_words: usize,
    /// Whether it reads at the target grade or below (or is too short to
    /// grade).
    pub at_target: bool,
}

/// A link to another site, a mail address or a phone, where it is.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct ExternalLink {
    /// The address.
    pub url: String,
    /// The file.
    pub path: PathBuf,
    /// Its line, from 1.
    pub line: usize,
    /// Its column, from 1.
    pub column: usize,
}
