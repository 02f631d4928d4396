//! What each item is in the document's logical structure: the types the
//! typesetter tags its items with ([`Tag`], [`Element`], [`Role`]), and the
//! renderer's bookkeeping of the elements it is setting.
//!
//! The tags change nothing on the page. the `pdf` module writes them as a tagged
//! PDF's structure tree, so a screen reader reads the handout in order and
//! skips page furniture.

use super::render::Renderer;
use super::{Item, Positioned};

/// What an item is in the document's logical structure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tag {
    /// Not content: page furniture (running header, footer, page numbers),
    /// rules, bands, box backgrounds, bullets, tick-box outlines and a
    /// table header repeated on a new page. Screen readers skip it.
    Artifact,
    /// Part of the content of `Document::structure[n]`. Text runs of one
    /// element are read in painting order.
    Content(usize),
}

impl Item {
    /// The tag an item gets when nothing more specific is known: shapes
    /// are decoration, everything else (text, pictures, link areas)
    /// belongs to the element being set.
    pub fn default_tag(&self, element: usize) -> Tag {
        match self {
            Item::Shape(_) => Tag::Artifact,
            _ => Tag::Content(element),
        }
    }
}

/// An element of the document's logical structure (a tagged PDF's
/// structure element).
#[derive(Debug, Clone, PartialEq)]
pub struct Element {
    /// What kind of element it is.
    pub role: Role,
    /// The index of the element it is part of (`None` only for the root).
    pub parent: Option<usize>,
}

/// The kinds of structure element the typesetter makes, after the
/// standard structure types of ISO 32000-1, 14.8.4.
#[derive(Debug, Clone, PartialEq)]
pub enum Role {
    /// The whole document (the root).
    Document,
    /// A heading of level 1 to 6.
    Heading(u8),
    /// A paragraph (also a box's label and a missing figure's text).
    Paragraph,
    /// A list; `numbered` for the steps of an exercise.
    List {
        /// Whether its items are numbered.
        numbered: bool,
    },
    /// A list item: its label, then its body.
    ListItem,
    /// A list item's number, or a footnote's.
    Label,
    /// A task list item's drawn tick box, as its label: whether the task
    /// is done.
    TaskBox {
        /// Whether the box is ticked.
        done: bool,
    },
    /// A list item's content.
    ListBody,
    /// A table (also a checklist grid).
    Table,
    /// A table row.
    TableRow,
    /// A header cell; it heads its column.
    HeaderCell,
    /// A header cell that heads its row (the exercise in a row of tick
    /// boxes).
    RowHeaderCell,
    /// A body cell (tick boxes and write-in cells are empty ones).
    DataCell,
    /// A figure or image and its alt text (empty for a decorative one).
    Figure {
        /// What it shows, read out instead of the picture.
        alt: String,
    },
    /// The caption printed under a figure.
    Caption,
    /// A box set apart from the text: the dose box, a caution, a tip.
    Aside,
    /// A footnote: its number, then its text.
    Footnote,
    /// A quotation.
    Quote,
    /// The table of contents.
    Contents,
    /// One entry of the table of contents.
    ContentsEntry,
}

impl Positioned {
    /// The same item as page furniture or decoration.
    pub fn artifact(self) -> Positioned {
        Positioned {
            tag: Some(Tag::Artifact),
            ..self
        }
    }
}

impl Renderer<'_, '_> {
    /// The innermost open structure element.
    pub(super) fn current(&self) -> usize {
        self.open.last().copied().unwrap_or(0)
    }

    /// Adds a structure element under `parent`, after its other children.
    pub(super) fn element_in(&mut self, role: Role, parent: usize) -> usize {
        self.out.elements.push(Element {
            role,
            parent: Some(parent),
        });
        self.out.elements.len() - 1
    }

    /// Adds a structure element under the innermost open one.
    pub(super) fn element(&mut self, role: Role) -> usize {
        self.element_in(role, self.current())
    }

    /// Adds a structure element and opens it: what is pushed until
    /// [`Renderer::close`] is part of it.
    pub(super) fn open(&mut self, role: Role) -> usize {
        let id = self.element(role);
        self.open.push(id);
        id
    }

    /// The tag of a picture with alt text `alt`: a new figure element
    /// that carries the text, or decoration when there is none to read.
    pub(super) fn figure_tag(&mut self, alt: &str) -> Tag {
        if alt.trim().is_empty() {
            Tag::Artifact
        } else {
            Tag::Content(self.element(Role::Figure {
                alt: alt.trim().to_string(),
            }))
        }
    }

    /// Closes the innermost open structure element.
    pub(super) fn close(&mut self) {
        self.open.pop();
    }
}

/// Tags the untagged items with their item's default tag in `element`
/// (shapes become decoration).
pub(super) fn tag_items(items: &mut [Positioned], element: usize) {
    for p in items.iter_mut().filter(|p| p.tag.is_none()) {
        p.tag = Some(p.item.default_tag(element));
    }
}
