//! What would not print whole: the [`Problem`]s the typesetter and its
//! audit report, in a leaf of their own so every stage can name them.

use crate::geom::Pt;

/// Something printed would not be whole: what the typesetter could not
/// set as written, or a difference the audit found between the source
/// and the pages. A PDF is not written from a document that has one.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// What is wrong.
    pub kind: ProblemKind,
    /// The page (from 0) it shows on, when it is on one.
    pub page: Option<usize>,
    /// The first words of the text concerned, as the source has them, to
    /// find its place in the content (at most [`CONTEXT_WORDS`]).
    pub words: Vec<String>,
    /// Where that text starts in the Markdown that was typeset, when known
    /// (a byte offset).
    pub offset: Option<usize>,
}

/// How many words of context a [`Problem`] keeps.
pub const CONTEXT_WORDS: usize = 12;

/// The kinds of [`Problem`].
#[derive(Debug, Clone, PartialEq)]
pub enum ProblemKind {
    /// A table whose columns do not fit the page's text width even at
    /// their narrowest (a few letters a line each).
    TableTooWide {
        /// How many columns it has.
        columns: usize,
        /// The width its columns need at their narrowest.
        needs: Pt,
        /// The width of the text area.
        width: Pt,
    },
    /// A table row taller than a page can hold, which cannot split across
    /// pages.
    RowTooTall {
        /// The row's height (a header's with the heading repeated above it).
        height: Pt,
        /// The height a page has for it.
        room: Pt,
        /// Which row it is.
        row: RowKind,
    },
    /// Words of the source that no page prints as content: how many, in
    /// this stretch of the source.
    Missing {
        /// How many words of this stretch are missing.
        count: usize,
    },
    /// Text runs of a page printed (partly) outside its text area: over
    /// the footer, in a margin or off the paper.
    OutsideTextArea {
        /// The first such run's text.
        text: String,
        /// How many runs of the page are outside.
        runs: usize,
    },
    /// Text runs of a page printed over each other.
    Overprinted {
        /// The text of the first run of the first such pair.
        text: String,
        /// The text of the other run.
        other: String,
        /// How many pairs of the page overlap.
        pairs: usize,
    },
    /// More problems of one kind than are listed.
    More {
        /// How many were left out.
        count: usize,
        /// The first one left out.
        of: Box<ProblemKind>,
    },
}

/// The rows of a table that never split across pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    /// A row of a form (tick boxes or figures, such as a checklist's).
    Form,
    /// The header row: it repeats on every page the table continues onto,
    /// and must leave room there for a line of the next row.
    Header,
    /// A row of text whose cells share no line to split at.
    Unbroken,
}
