//! Typesetting: Markdown in, pages of positioned items out.
//!
//! This module is pure: no PDF crate, no I/O. [`typeset`] turns the
//! Markdown of a handout (already rendered from its Tera template) into a
//! [`Document`]: pages, each a size and a list of [`Positioned`] items (text
//! runs, shapes, drawings, images and link areas), plus the nested outline
//! and the metadata. the `pdf` module only translates that into PDF bytes, and tests
//! can inspect every position without reading PDF.
//!
//! The stages, one file each:
//! - [`text`]: measuring and UAX #14 line breaking of styled spans;
//! - `blocks`: Markdown events → a tree of blocks (paragraphs, lists, alerts…);
//! - `render`: blocks → vertical chunks with keep rules (`boxes`, `widgets`
//!   and `table` render the larger blocks: tables also make forms, and
//!   `cells` draws their tick boxes, small figures and text);
//! - `flow`: chunks → pages (keep-together, widows and orphans, links, TOC);
//! - `furniture`: running header and `Page n of N` footer;
//! - [`audit`](mod@audit): the end-of-typesetting check that nothing printed is cut
//!   (every word of the source on a page, inside the text area, nothing
//!   over anything), with what could not be set, in
//!   [`Document::problems`];
//! - `qr_block`: `![alt](qr:URL)`, a QR code beside its caption and address
//!   (`qr_cache` holds the codes, each encoded once).
//!
//! What the stages share is in leaves that import none of them, so every
//! import points one way: `document` (the [`Document`], its items and the
//! [`TypesetOptions`]), `structure` (the tag types), `problem` (what would
//! not print whole) and `chunk` (the chunks `render` makes and `flow`
//! paginates, and the renderer that holds them).
//!
//! Every item also says what it is ([`Tag`], in `tags`): part of an
//! element of the document's logical structure ([`Document::structure`]:
//! headings, paragraphs, lists, tables, figures with their alt text,
//! boxes), or page furniture. It changes nothing on the page; the `pdf` module
//! writes it as the tagged PDF's structure tree, so a screen reader reads
//! the handout in order and skips headers, footers and decoration.
//!
//! Coordinates follow [`crate::geom`]: points, origin top left, y down.
//! The Markdown conventions are documented in `templates/README.md`.

mod audit;
mod blocks;
mod boxes;
mod cells;
mod chunk;
mod document;
mod flow;
mod furniture;
mod glue;
mod notes;
mod problem;
mod qr_block;
mod qr_cache;

pub use qr_cache::QrCodes;
mod render;
mod sheets;
mod structure;
pub use sheets::sheets;
mod table;
mod tags;
pub mod text;
mod widgets;

#[cfg(test)]
pub(crate) mod tests;

#[cfg(test)]
pub(crate) mod fixtures;

#[cfg(test)]
mod table_tests;

#[cfg(test)]
mod tag_tests;

pub use audit::audit;
pub use document::*;
pub use problem::{CONTEXT_WORDS, Problem, ProblemKind, RowKind};
pub use structure::{Element, Role, Tag};

/// Typesets a Markdown handout onto pages. Its QR codes are encoded on a
/// second thread meanwhile, when there is one. What would not print whole
/// is in [`Document::problems`]: what could not be set, or else what the
/// [`audit`](mod@audit) of the pages against `markdown` found.
pub fn typeset(markdown: &str, options: &TypesetOptions<'_>) -> Document {
    typeset_with_codes(markdown, options, &QrCodes::default())
}

/// [`typeset`], the QR codes in `early` (begun on another thread before
/// the Markdown was made) taken from there.
pub fn typeset_with_codes(
    markdown: &str,
    options: &TypesetOptions<'_>,
    early: &QrCodes,
) -> Document {
    let qr_codes = QrCodes::for_markdown(markdown, early);
    let lookup = qr_cache::Lookup {
        early,
        own: &qr_codes,
    };
    let set = || {
        let mut source = audit::SourceCount::default();
        let doc = blocks::parse_observed(markdown, |event| source.read(event));
        let mut document = flow::typeset(doc, options, lookup);
        // What could not be set makes the audit's differences follow from
        // it: one cause, one message.
        if document.problems.is_empty() {
            document.problems = audit::audit_counted(markdown, &document, options, source);
        }
        document
    };
    if crate::parallel::threads() < 2 || qr_codes.is_empty() {
        return set();
    }
    std::thread::scope(|scope| {
        scope.spawn(|| qr_codes.encode_ahead());
        set()
    })
}
