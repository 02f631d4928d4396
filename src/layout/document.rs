//! What typesetting makes and is given: the [`Document`] of pages of
//! [`Positioned`] items, and the [`TypesetOptions`] it is set with.

use super::problem::Problem;
use super::structure::{Element, Tag};
pub use crate::fonts::Face;
use crate::geom::{Color, Drawing, Mm, Point, Pt, Shape, Size};
use crate::theme::Palette;

/// A typeset document: pages, outline and metadata.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// The pages, in order.
    pub pages: Vec<Page>,
    /// Bookmarks: level-1 headings with their level-2 headings as children.
    pub outline: Vec<OutlineEntry>,
    /// Title, author and the other document properties.
    pub meta: DocMeta,
    /// The logical structure, in reading order: element 0 is the whole
    /// document, and every other element's parent comes before it (a
    /// parent's children are in the order they are read). Items point
    /// into it with [`Tag::Content`].
    pub structure: Vec<Element>,
    /// The faces its text is set in: DejaVu, and the added fonts for the
    /// characters the face of a run lacks (see
    /// [`crate::fonts::FontBook::pieces`]).
    pub fonts: crate::fonts::FontBook,
    /// The words a screen reader says for what has no text of its own.
    pub spoken: SpokenWords,
    /// What would not print whole: what the typesetter could not set as
    /// written (a table wider than the page, a form's row taller than a
    /// page), or else what the end-of-typesetting [`audit`](mod@super::audit) found. A PDF
    /// must not be written from a document that has any.
    pub problems: Vec<Problem>,
}

/// One page: its paper size and what is printed on it, in painting order.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    /// Paper size (portrait or landscape).
    pub size: Size,
    /// Items, painted in order (later items on top).
    pub items: Vec<Positioned>,
}

/// An item and where it goes on the page.
#[derive(Debug, Clone, PartialEq)]
pub struct Positioned {
    /// For text, the left end of the baseline; for everything else, the top
    /// left corner of the item (shapes are drawn with their segments offset
    /// by this point).
    pub at: Point,
    /// What is printed there.
    pub item: Item,
    /// What it is in the document's structure; `None` until the
    /// typesetter decides (every item of a [`Document`] has one).
    pub tag: Option<Tag>,
}

impl Positioned {
    /// A run of text with its baseline starting at `at`.
    pub fn text(at: Point, face: Face, size: Pt, color: Color, text: &str) -> Positioned {
        Positioned {
            at,
            item: Item::Text(TextRun {
                face,
                size,
                color,
                text: text.to_string(),
                link: None,
                space_after: false,
            }),
            tag: None,
        }
    }

    /// A shape whose segments are relative to `at`.
    pub fn shape(at: Point, shape: Shape) -> Positioned {
        Positioned {
            at,
            item: Item::Shape(shape),
            tag: None,
        }
    }
}

/// Something printed on a page.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// A run of text in one face, size and colour, on one line.
    Text(TextRun),
    /// A vector shape whose segments are relative to [`Positioned::at`].
    Shape(Shape),
    /// A drawing, its own (0, 0) placed at [`Positioned::at`] and scaled.
    Drawing {
        /// The picture.
        drawing: Drawing,
        /// Factor from drawing units to points.
        scale: f32,
    },
    /// A raster image stretched over a box.
    Image {
        /// The file's contents: PNG or JPEG (see [`crate::image::raster_info`]).
        bytes: Vec<u8>,
        /// Pixel width and height of the image.
        pixels: (u32, u32),
        /// The box it fills, from [`Positioned::at`].
        size: Size,
    },
    /// A clickable area (it paints nothing).
    Link {
        /// The area, from [`Positioned::at`].
        size: Size,
        /// Where a click goes.
        target: LinkTarget,
    },
}

/// A run of text set on one baseline.
#[derive(Debug, Clone, PartialEq)]
pub struct TextRun {
    /// Typeface.
    pub face: Face,
    /// Font size.
    pub size: Pt,
    /// Text colour.
    pub color: Color,
    /// The characters.
    pub text: String,
    /// Where the text links to, if it is (part of) a link. The clickable
    /// area itself is a separate [`Item::Link`].
    pub link: Option<LinkTarget>,
    /// Whether a word space follows it at the end of its line. It is not
    /// printed there (it would hang in the margin) but belongs to the text:
    /// without it, a copied or read-aloud line runs into the next one.
    pub space_after: bool,
}

/// Where a link goes.
#[derive(Debug, Clone, PartialEq)]
pub enum LinkTarget {
    /// A web address, `mailto:` or `tel:` link.
    Uri(String),
    /// A place in this document: page index (from 0) and y from the top.
    Internal {
        /// Page index, from 0.
        page: usize,
        /// Distance from the top of the page.
        y: Pt,
    },
}

/// A bookmark in the PDF outline.
#[derive(Debug, Clone, PartialEq)]
pub struct OutlineEntry {
    /// The heading text.
    pub title: String,
    /// Page index, from 0.
    pub page: usize,
    /// Top of the heading, from the top of the page.
    pub y: Pt,
    /// Nested entries (level-2 headings under a level-1 heading).
    pub children: Vec<OutlineEntry>,
}

/// Document properties written into the PDF.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DocMeta {
    /// Title shown by viewers in the window bar.
    pub title: String,
    /// Author, e.g. the clinic.
    pub author: String,
    /// Subject line.
    pub subject: String,
    /// BCP 47 language tag, e.g. `en-GB`.
    pub language: String,
    /// Creation date in Unix seconds; taken from the content, never the
    /// clock, so builds are reproducible.
    pub creation_date: i64,
}

/// A figure that `![alt](figure:ID)` resolves to.
#[derive(Debug, Clone, PartialEq)]
pub enum Picture {
    /// A vector drawing.
    Drawing(Drawing),
    /// A vector drawing with labels set on it in the document's type (an
    /// exercise figure's "Start" and "End"); in a table cell, its drawing
    /// alone.
    Labelled(crate::geom::LabelledDrawing),
    /// A raster image the PDF can print: PNG or JPEG. Make it with
    /// [`Picture::image`], which reads the size from the file.
    Image {
        /// File contents.
        bytes: Vec<u8>,
        /// Width in pixels.
        width_px: u32,
        /// Height in pixels.
        height_px: u32,
    },
}

impl Picture {
    /// A raster figure from an image file's contents, its size read from
    /// its header; `None` when it is not a PNG or JPEG the PDF can print
    /// (an SVG, a HEIC photo renamed `.jpg`, a truncated file).
    pub fn image(bytes: Vec<u8>) -> Option<Picture> {
        let info = crate::image::raster_info(&bytes)?;
        Some(Picture::Image {
            bytes,
            width_px: info.width,
            height_px: info.height,
        })
    }
}

/// Page margins.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Margins {
    /// Top margin (the running header sits inside it).
    pub top: Pt,
    /// Right margin.
    pub right: Pt,
    /// Bottom margin (the footer sits inside it).
    pub bottom: Pt,
    /// Left margin.
    pub left: Pt,
}

impl Margins {
    /// The same margin on every side.
    pub fn uniform(m: Mm) -> Margins {
        let p = Pt::from(m);
        Margins {
            top: p,
            right: p,
            bottom: p,
            left: p,
        }
    }
}

/// US Letter, 215.9 × 279.4 mm.
pub const LETTER: Size = Size {
    width: Pt(612.0),
    height: Pt(792.0),
};

/// ISO A4, 210 × 297 mm.
pub const A4: Size = Size {
    width: Pt(595.276),
    height: Pt(841.89),
};

/// How to typeset a handout.
pub struct TypesetOptions<'a> {
    /// Paper size, as it comes out of the printer (portrait).
    pub paper: Size,
    /// Whether the paper is turned sideways: pages are then as wide as the
    /// paper is long.
    pub landscape: bool,
    /// Margins; ~18-20 mm suits home printers.
    pub margins: Margins,
    /// Body text size: 14 pt normal, 18 pt large print.
    pub body_size: Pt,
    /// Line height as a factor of the font size (at least 1.3).
    pub line_height: f32,
    /// Running header text, on every page but the cover.
    pub header_text: Option<String>,
    /// Footer text on the left, e.g. the clinic's phone number.
    pub footer_left: Option<String>,
    /// Document properties (title, language, date…).
    pub meta: DocMeta,
    /// Resolves the `ID` of `![alt](figure:ID)`.
    pub figures: &'a dyn Fn(&str) -> Option<Picture>,
    /// Resolves a link as written to a web address, `mailto:`, `tel:` or
    /// `#anchor`, or `None` to print the text without a link.
    pub links: &'a dyn Fn(&str) -> Option<String>,
    /// The colours and box styles.
    pub palette: Palette,
    /// A logo at the top of the cover.
    pub cover_logo: Option<Picture>,
    /// A page's number in the footer, from its number and the count of
    /// pages, in the document's language: `Page 2 of 11`.
    pub page_number: Box<dyn Fn(usize, usize) -> String + 'a>,
    /// The labels of boxes that do not give their own.
    pub box_labels: BoxLabels,
    /// The faces to set text in: DejaVu, and the fonts the clinic added
    /// (`fonts:` in handout.yaml) for the characters it lacks, tried in
    /// order. Text is measured with them.
    pub fonts: crate::fonts::FontBook,
    /// What a screen reader says for tick boxes and bare links, in the
    /// document's language.
    pub spoken: SpokenWords,
    /// The sizes of a form (a table of tick boxes): the wall checklist's
    /// are larger than the body text, to read from across a room.
    pub form: FormSizes,
    /// What follows a link to another part of the document, `{}` where
    /// that part's page number goes: `(page {})`. Paper has no links.
    pub page_reference: String,
}

/// The smallest sizes of a form (a table of tick boxes), which it keeps
/// whatever it has to fit: it shrinks from a little above them to them,
/// then goes on to the next page rather than below them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FormSizes {
    /// The first line of a row's first cell (the exercise's name); `None`:
    /// the body size.
    pub name: Option<Pt>,
    /// The least side of a tick box: large enough to tick with a pen.
    pub min_box: Mm,
    /// The side of a tick box where the page has room.
    pub max_box: Mm,
    /// The smallest size of the header row's text (the day heads), which
    /// shrinks from the body size so that no head breaks inside a word.
    pub min_head: Pt,
}

impl Default for FormSizes {
    fn default() -> Self {
        FormSizes {
            name: None,
            min_box: Mm(5.0),
            max_box: Mm(6.0),
            min_head: Pt(10.0),
        }
    }
}

/// What a tagged PDF says in words where the page shows none: a tick
/// box's state, where a link without text leads. `{}` in a pattern is
/// where the page number, phone number or address goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpokenWords {
    /// An empty tick box: `Not done`.
    pub not_done: String,
    /// A ticked box: `Done`.
    pub done: String,
    /// `Go to page {}`.
    pub go_to_page: String,
    /// `Call {}`.
    pub call: String,
    /// `Email {}`.
    pub email: String,
    /// `Open {}`.
    pub open: String,
}

impl SpokenWords {
    /// `pattern` with `value` where its `{}` is.
    pub fn fill(pattern: &str, value: &str) -> String {
        pattern.replacen("{}", value, 1)
    }
}

impl Default for SpokenWords {
    fn default() -> Self {
        SpokenWords {
            not_done: "Not done".into(),
            done: "Done".into(),
            go_to_page: "Go to page {}".into(),
            call: "Call {}".into(),
            email: "Email {}".into(),
            open: "Open {}".into(),
        }
    }
}

/// The label of each kind of box (`> [!TIP]`...), in the document's
/// language; a box that opens with `**Label:**` shows that instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BoxLabels {
    /// `> [!DOSE]`.
    pub dose: String,
    /// `> [!NOTE]`.
    pub note: String,
    /// `> [!TIP]`.
    pub tip: String,
    /// `> [!IMPORTANT]`.
    pub important: String,
    /// `> [!WARNING]`, after a warning sign.
    pub warning: String,
    /// `> [!CAUTION]`, after a warning sign.
    pub caution: String,
    /// The head over the rest of an exercise on its next page: `{}
    /// (continued)`, `{}` where the exercise's title goes.
    pub continued: String,
    /// The label over a notes area's lines to write on (`# {.lines}`).
    pub notes: String,
}

impl Default for BoxLabels {
    fn default() -> Self {
        BoxLabels {
            dose: "How much".into(),
            note: "Note".into(),
            tip: "Tip".into(),
            important: "Important".into(),
            warning: "Warning".into(),
            caution: "Caution".into(),
            continued: "{} (continued)".into(),
            notes: "Notes".into(),
        }
    }
}

impl<'a> TypesetOptions<'a> {
    /// Letter paper, 19 mm margins, 14 pt body, line height 1.4, the
    /// default palette, no figures, and links as a PDF resolves them
    /// ([`crate::links::for_pdf`]).
    pub fn new(meta: DocMeta) -> TypesetOptions<'a> {
        TypesetOptions {
            paper: LETTER,
            landscape: false,
            margins: Margins::uniform(Mm(19.0)),
            body_size: Pt(14.0),
            line_height: 1.4,
            header_text: None,
            footer_left: None,
            meta,
            figures: &|_| None,
            links: &crate::links::for_pdf,
            palette: Palette::default(),
            cover_logo: None,
            page_number: Box::new(|number, count| format!("Page {number} of {count}")),
            box_labels: BoxLabels::default(),
            fonts: crate::fonts::FontBook::default(),
            spoken: SpokenWords::default(),
            form: FormSizes::default(),
            page_reference: "(page {})".into(),
        }
    }
}

impl TypesetOptions<'_> {
    /// The size of a page: the paper, turned when landscape.
    pub fn page_size(&self) -> Size {
        let (short, long) = (
            self.paper.width.min(self.paper.height),
            self.paper.width.max(self.paper.height),
        );
        if self.landscape {
            Size::new(long, short)
        } else {
            Size::new(short, long)
        }
    }
}
