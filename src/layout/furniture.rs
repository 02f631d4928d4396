//! Page furniture: the running header (with a thin rule) on every page but
//! the cover, and the footer with `Page n of N` on the right and, say, the
//! clinic's phone number on the left. Added after pagination, when N is
//! known.

use super::chunk::{hline, text_item};
use super::text::measure;
use super::{Face, Page, Tag, TypesetOptions};
use crate::geom::{Point, Pt};

/// Adds header and footer to every page (the cover gets only the footer's
/// left text, no header and no page number).
pub(super) fn add(pages: &mut [Page], opts: &TypesetOptions<'_>, cover: bool) {
    let total = pages.len();
    // Smaller than the body, but it grows with large print.
    let size = opts.body_size * 0.75;
    let left = opts.margins.left;
    let right = opts.page_size().width - opts.margins.right;
    let header_base = opts.margins.top * 0.5;
    let footer_base = opts.page_size().height - opts.margins.bottom * 0.45;
    for (n, page) in pages.iter_mut().enumerate() {
        if cover && n == 0 {
            continue;
        }
        let first = page.items.len();
        if let Some(header) = &opts.header_text {
            page.items.push(text_item(
                Point::new(left, header_base),
                Face::Regular,
                size,
                opts.palette.muted,
                header,
            ));
            page.items.push(hline(
                left,
                header_base + size * 0.6,
                right - left,
                opts.palette.line,
                Pt(0.7),
            ));
        }
        let number = (opts.page_number)(n + 1, total);
        let w = measure(&opts.fonts, Face::Regular, size, &number);
        page.items.push(text_item(
            Point::new(right - w, footer_base),
            Face::Regular,
            size,
            opts.palette.muted,
            &number,
        ));
        if let Some(text) = &opts.footer_left {
            page.items.push(text_item(
                Point::new(left, footer_base),
                Face::Regular,
                size,
                opts.palette.muted,
                text,
            ));
        }
        for p in &mut page.items[first..] {
            p.tag = Some(Tag::Artifact);
        }
        // Pushing the furniture can double the page's capacity; a long
        // checklist holds thousands of pages until the PDF is written.
        page.items.shrink_to_fit();
    }
}
