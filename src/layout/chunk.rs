//! The vertical list rendering makes and pagination reads: chunks (unbreakable
//! strips with their keep rules), the frames painted behind them, and the
//! [`Renderer`] that holds them while it works (its methods are in `render`
//! and the files of the larger blocks). The small drawing helpers every
//! block's renderer uses are here too. It imports none of them.

use super::{Element, Face, Picture, Positioned, Role, TypesetOptions};
use crate::geom::{Color, LineStyle, Point, Pt, Segment, Shape, Stroke};

/// A heading that can be linked to, bookmarked and listed in the contents.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Anchor {
    pub(super) key: String,
    pub(super) level: u8,
    pub(super) title: String,
    pub(super) in_toc: bool,
}

/// An unbreakable strip of content.
#[derive(Debug, Clone, PartialEq, Default)]
pub(super) struct Chunk {
    pub(super) height: Pt,
    /// Baseline of the first line, when the chunk is text (list markers
    /// align to it).
    pub(super) baseline: Option<Pt>,
    pub(super) items: Vec<Positioned>,
    pub(super) keep_with_next: bool,
    pub(super) frames: Vec<usize>,
    pub(super) anchor: Option<Anchor>,
    /// For a table row: the header row, repeated when the row starts a page.
    pub(super) header: Option<Box<Chunk>>,
    /// For a contents entry: which of `items` is its page number, and the
    /// key of the heading it lists. The number is empty text at the right
    /// end of its column until the pages are placed.
    pub(super) page_number_of: Option<(usize, String)>,
}

/// What pagination reads.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum VItem {
    Chunk(Chunk),
    /// Space between blocks, dropped at the top of a page.
    Space(Pt),
    PageBreak,
    KeepStart,
    /// The start of a unit (an exercise: a `{.keep}` heading up to the
    /// next heading of its level): kept on one page when it fits one,
    /// else started on a fresh page; it ends with a `KeepEnd`. When it
    /// breaks, its "continued" head (an artifact) tops the next page.
    UnitStart(Option<Box<Chunk>>),
    KeepEnd,
}

/// A box painted behind a run of chunks.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Panel {
    pub(super) x: Pt,
    pub(super) width: Pt,
    pub(super) fill: Option<Color>,
    pub(super) border: Option<Stroke>,
    /// A bar down the left edge: width and colour.
    pub(super) bar: Option<(Pt, Color)>,
}

/// The output of rendering: chunks, frames, whether page 1 is a cover,
/// and the structure elements the chunks' items are tagged with.
#[derive(Debug)]
pub(super) struct Rendered {
    pub(super) items: Vec<VItem>,
    pub(super) frames: Vec<Panel>,
    pub(super) cover: bool,
    pub(super) elements: Vec<Element>,
    /// What could not be set as written.
    pub(super) problems: Vec<super::Problem>,
}

impl Default for Rendered {
    fn default() -> Rendered {
        Rendered {
            items: Vec::new(),
            frames: Vec::new(),
            cover: false,
            elements: vec![Element {
                role: Role::Document,
                parent: None,
            }],
            problems: Vec::new(),
        }
    }
}

/// Where a page reference's number goes until the pages are placed:
/// three figure spaces, as wide as three digits (the line closes up
/// behind a shorter number; past page 999 the reference is left out).
pub(super) const PAGE_NUMBER_BLANK: &str = "\u{2007}\u{2007}\u{2007}";

/// Turns blocks into chunks.
pub(super) struct Renderer<'a, 'o> {
    pub(super) opts: &'a TypesetOptions<'o>,
    pub(super) out: Rendered,
    /// Headings seen so far; unnamed headings get the key `__h<n>`.
    pub(super) headings: usize,
    /// Every heading: level, title, anchor key, listed in the contents.
    pub(super) keys: Vec<(u8, String, String, bool)>,
    /// The contents entries: level, title and anchor key.
    pub(super) toc_titles: Vec<(u8, String, String)>,
    /// The lines of the last `{.repeat}` heading, until the next page
    /// break: a table that continues on a new page repeats them.
    pub(super) repeat: Option<Chunk>,
    /// Whether the paragraph met now joins [`Self::repeat`]: the one
    /// right under a `{.repeat}` heading (a sheet's week, its patient,
    /// whom to call), so a sheet that goes on to another page says it
    /// again there.
    pub(super) repeat_open: bool,
    /// Whether what is rendered now is only measured (for the room a grid
    /// table has): a grid met then does not measure what follows it in
    /// turn, which made many grids in a row cost exponential time.
    pub(super) measuring: bool,
    /// The structure elements being set, innermost last (the document
    /// at the bottom): what a pushed chunk's untagged items belong to.
    pub(super) open: Vec<usize>,
    /// The QR codes drawn so far, shared by every pass.
    pub(super) qr_codes: super::qr_cache::Lookup<'a>,
    /// The tick boxes drawn so far, by side and whether optional: every
    /// box of a checklist shares one outline (a year of a long checklist
    /// holds over half a million boxes until the PDF is written).
    pub(super) tick_boxes: std::cell::RefCell<Vec<(u32, bool, crate::geom::Shape)>>,
}

/// A text run at a baseline point.
pub(super) fn text_item(at: Point, face: Face, size: Pt, color: Color, text: &str) -> Positioned {
    Positioned::text(at, face, size, color, text)
}

/// A horizontal rule from (x, y), `width` long.
pub(super) fn hline(x: Pt, y: Pt, width: Pt, color: Color, thickness: Pt) -> Positioned {
    rule(
        Point::new(x, y),
        Point::new(width, Pt::ZERO),
        color,
        thickness,
    )
}

/// A straight rule from `at` to `at + to`, square-ended.
pub(super) fn rule(at: Point, to: Point, color: Color, thickness: Pt) -> Positioned {
    Positioned::shape(
        at,
        Shape {
            segments: vec![Segment::MoveTo(Point::default()), Segment::LineTo(to)].into(),
            fill: None,
            stroke: Some(Stroke {
                color,
                width: thickness,
                style: LineStyle::Square,
                dash: None,
            }),
        },
    )
}

/// Resolves `figure:ID` through the caller's resolver, and draws
/// `qr:URL` as a QR code (a paragraph of its own sets it beside its
/// address instead: see `qr_block`).
pub(super) fn resolve_figure(opts: &TypesetOptions<'_>, dest: &str) -> Option<Picture> {
    if let Some(url) = dest.strip_prefix("qr:") {
        return crate::qr::encode(url)
            .ok()
            .map(|code| Picture::Drawing(code.drawing()));
    }
    dest.strip_prefix("figure:")
        .and_then(|id| (opts.figures)(id))
}
