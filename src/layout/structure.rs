//! The types the typesetter tags its items with: what each item is in the
//! document's logical structure ([`Tag`], [`Element`], [`Role`]). They
//! import nothing of the typesetter's, so every stage can name them.

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
