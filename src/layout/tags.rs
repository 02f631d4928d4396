//! What each item is in the document's logical structure: the renderer's
//! bookkeeping of the elements it is setting, and how items get their
//! tags (the types, [`Tag`], [`Element`] and [`Role`], are in `structure`).
//!
//! The tags change nothing on the page. the `pdf` module writes them as a tagged
//! PDF's structure tree, so a screen reader reads the handout in order and
//! skips page furniture.

use super::chunk::Renderer;
use super::{Element, Item, Positioned, Role, Tag};

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
