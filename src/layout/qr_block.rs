//! `![alt](qr:URL)` on a paragraph of its own: a QR code to a web page,
//! with the alt text and the short address beside it, so a reader without
//! a phone can still type it.
//!
//! The code itself comes from [`crate::qr`]; this file only sizes and
//! places it.

use super::chunk::{Chunk, Renderer, VItem};
use super::text::{Span, Style, measure};
use super::{Face, Item, Positioned, Role, Tag};
use crate::fonts::FontBook;
use crate::geom::{Mm, Point, Pt};

impl Renderer<'_, '_> {
    /// Sets a QR code to `url` at the left of the column, its caption
    /// (`alt`) and the address without its scheme to its right, centred
    /// on it. An address that cannot be encoded shows the alt text in a
    /// dashed frame (`print` refuses such addresses, and nothing typeset
    /// with one is printed).
    pub(super) fn qr_code(&mut self, url: &str, alt: &str, x: Pt, width: Pt) {
        let chunks = match self.qr_chunk(url, alt, width) {
            Some(mut chunk) => {
                shift(&mut chunk, x);
                vec![chunk]
            }
            None => self.missing_figure(alt, x, width),
        };
        for chunk in chunks {
            self.push(VItem::Chunk(chunk));
        }
        self.push(VItem::Space(self.em(0.6)));
    }

    /// The cover's QR code: at the top right of a column `width` wide,
    /// the code and its caption together at most `block_width` wide, so it sits across from
    /// the logo instead of pushing the cover's text onto a second page.
    /// The chunk is `None` when the address cannot be encoded.
    pub(super) fn cover_qr_code(
        &mut self,
        url: &str,
        alt: &str,
        width: Pt,
        text_width: Pt,
    ) -> Option<Chunk> {
        let mut chunk = self.qr_chunk(url, alt, text_width)?;
        let used = chunk.items.iter().fold(Pt::ZERO, |right, p| {
            right.max(p.at.x + item_width(&self.opts.fonts, &p.item))
        });
        shift(&mut chunk, width - used);
        Some(chunk)
    }

    /// The code with its caption and address to its right, from x = 0, in
    /// a column `width` wide (the text gets what the code leaves). The
    /// caption and the address are read as one paragraph, a word space
    /// between them.
    fn qr_chunk(&mut self, url: &str, alt: &str, width: Pt) -> Option<Chunk> {
        let drawing = self.qr_codes.drawing(url)?;
        let modules = drawing.size.width.0;
        let side = printed_side(self.size(), modules);
        let gap = self.em(0.6);
        let text_x = side + gap;
        let text_width = (width - side - gap).max(self.em(6.0));
        let caption = self.size() * 0.86;
        let palette = self.opts.palette;
        let mut lines = Vec::new();
        if !alt.is_empty() {
            let span = Span {
                text: alt.to_string(),
                style: Style::new(Face::Oblique, palette.muted),
            };
            lines.extend(self.text(&[span], text_x, text_width, caption, palette.muted, None));
            mark_word_end(&mut lines);
        }
        let mut address = Style::new(Face::Regular, palette.text);
        address.link = Some(url.to_string());
        let span = Span {
            text: short_address(url).to_string(),
            style: address,
        };
        lines.extend(self.text(&[span], text_x, text_width, caption, palette.text, None));
        let paragraph = self.element(Role::Paragraph);
        for line in &mut lines {
            super::tags::tag_items(&mut line.items, paragraph);
        }
        let text_height = lines.iter().fold(Pt::ZERO, |h, l| h + l.height);
        let height = side.max(text_height);
        // The code is decoration for a screen reader: what it says, the
        // address, is printed beside it (and read) as a link.
        let mut items = vec![Positioned {
            at: Point::new(Pt::ZERO, (height - side) / 2.0),
            item: Item::Drawing {
                drawing,
                scale: side.0 / modules,
            },
            tag: Some(Tag::Artifact),
        }];
        let mut y = (height - text_height) / 2.0;
        for line in lines {
            items.extend(line.items.into_iter().map(|mut p| {
                p.at.y += y;
                p
            }));
            y += line.height;
        }
        Some(Chunk {
            height,
            items,
            ..Chunk::default()
        })
    }
}

/// Marks the last line's last run as ending a word: what follows in the
/// same paragraph (the address after the caption) is read apart from it.
fn mark_word_end(lines: &mut [Chunk]) {
    let last = lines.last_mut().and_then(|line| {
        (line.items.iter_mut())
            .rev()
            .find_map(|p| match &mut p.item {
                Item::Text(run) => Some(run),
                _ => None,
            })
    });
    if let Some(run) = last {
        run.space_after = true;
    }
}

/// Moves a chunk's items `dx` to the right.
fn shift(chunk: &mut Chunk, dx: Pt) {
    for p in &mut chunk.items {
        p.at.x += dx;
    }
}

/// How far an item of a QR block reaches to the right of its position.
fn item_width(fonts: &FontBook, item: &Item) -> Pt {
    match item {
        Item::Text(run) => measure(fonts, run.face, run.size, &run.text),
        Item::Drawing { drawing, scale } => drawing.size.width * *scale,
        Item::Link { size, .. } | Item::Image { size, .. } => size.width,
        // The underline of the linked address ends where its text does.
        Item::Shape(_) => Pt::ZERO,
    }
}

/// The smallest module printed: 0.76 mm (0.03 in) reads from a worn
/// printout, and from a 100 dpi scan (three dots a module).
pub(super) const LEAST_MODULE: Mm = Mm(0.76);

/// The printed side of a QR code of `modules` across (quiet zone
/// included): never less than [`LEAST_MODULE`] a module, so a short
/// exercise address's code is about 22 mm without its margin (28 mm with
/// it) and a longer address gets a larger code rather than finer modules;
/// larger in proportion for large print.
fn printed_side(body: Pt, modules: f32) -> Pt {
    Pt::from(LEAST_MODULE) * modules * (body.0 / 14.0).max(1.0)
}

/// A web address as printed for typing: without `https://` or `http://`.
fn short_address(url: &str) -> &str {
    let lower = url.to_ascii_lowercase();
    ["https://", "http://"]
        .iter()
        .find(|scheme| lower.starts_with(*scheme))
        .map_or(url, |scheme| &url[scheme.len()..])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::{DocMeta, LinkTarget, Page, QrCodes, TypesetOptions, typeset};

    const URL: &str = "https://example.org/exercises/calf-stretch/";

    /// Codes begun before the Markdown was made are taken from there, not
    /// encoded again, and set the same pages; the others are the
    /// Markdown's own.
    #[test]
    fn codes_begun_early_set_the_same_pages() {
        let other = "https://example.org/exercises/hamstring-stretch/";
        let markdown =
            format!("# Codes\n\n![Scan](qr:{URL})\n\n![Scan](qr:{URL})\n\n![Scan](qr:{other})\n");
        let opts = TypesetOptions::new(DocMeta::default());
        let early = QrCodes::for_addresses([URL, URL]);
        assert_eq!(early.order, [URL]);
        early.encode_ahead();
        assert_eq!(QrCodes::for_markdown(&markdown, &early).order, [other]);
        let with_early = crate::layout::typeset_with_codes(&markdown, &opts, &early);
        assert_eq!(with_early, typeset(&markdown, &opts));
        assert_eq!(
            with_early
                .pages
                .iter()
                .map(|p| codes(p).len())
                .sum::<usize>(),
            3
        );
    }

    /// The QR drawings of a page: where each sits and its printed side.
    fn codes(page: &Page) -> Vec<(Point, Pt)> {
        (page.items.iter())
            .filter_map(|p| match &p.item {
                Item::Drawing { drawing, scale } => Some((p.at, drawing.size.width * *scale)),
                _ => None,
            })
            .collect()
    }

    fn texts(page: &Page) -> Vec<(Point, &str)> {
        (page.items.iter())
            .filter_map(|p| match &p.item {
                Item::Text(run) => Some((p.at, run.text.as_str())),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn a_qr_code_sits_beside_its_caption_and_address() {
        let options = TypesetOptions::new(DocMeta::default());
        let doc = typeset(
            &format!("Before.\n\n![Scan me](qr:{URL})\n\nAfter."),
            &options,
        );
        let page = &doc.pages[0];
        let [(at, side)] = codes(page)[..] else {
            panic!("one code: {:?}", codes(page));
        };
        assert_eq!(at.x, options.margins.left);
        // The code itself (without its quiet zone) at least 15 mm across,
        // each module at least 0.76 mm (issue 23).
        let code = crate::qr::encode(URL).unwrap();
        let modules = (code.width() + 2 * crate::qr::QUIET_ZONE) as f32;
        assert!(Mm::from(side * (code.width() as f32 / modules)).0 >= 15.0);
        assert!(Mm::from(side / modules).0 >= LEAST_MODULE.0 - 1e-4);
        let drawn = page.items.iter().find_map(|p| match &p.item {
            Item::Drawing { drawing, .. } => Some(drawing),
            _ => None,
        });
        assert_eq!(drawn, Some(&code.drawing()));
        let texts = texts(page);
        let caption = texts
            .iter()
            .find(|t| t.1 == "Scan me")
            .expect("the caption");
        let address = (texts.iter())
            .find(|t| t.1 == "example.org/exercises/calf-stretch/")
            .expect("the address, without its scheme");
        for (text_at, _) in [caption, address] {
            assert!(text_at.x > at.x + side, "right of the code");
            assert!(
                text_at.y > at.y && text_at.y < at.y + side,
                "beside the code"
            );
        }
        assert!(page.items.iter().any(|p| matches!(&p.item,
            Item::Link { target: LinkTarget::Uri(uri), .. } if uri == URL)));
        let after = texts
            .iter()
            .find(|t| t.1 == "After.")
            .expect("the next paragraph");
        assert!(after.0.y > at.y + side, "below the code");
    }

    #[test]
    fn the_cover_code_sits_at_the_top_right() {
        let options = TypesetOptions::new(DocMeta::default());
        let doc = typeset(
            &format!("# Title {{.cover}}\n\nSubtitle\n\n![Scan me](qr:{URL})\n\n---\n\n# Next"),
            &options,
        );
        let [(at, side)] = codes(&doc.pages[0])[..] else {
            panic!("one code on the cover");
        };
        let title = texts(&doc.pages[0])
            .into_iter()
            .find(|t| t.1.starts_with("Title"))
            .expect("the title");
        assert!(at.y < title.0.y, "above the title");
        assert!(at.x > options.page_size().width / 3.0, "clear of the logo");
        let right = options.page_size().width - options.margins.right;
        // The caption's and the address's lines end at the right margin.
        let reach = (doc.pages[0].items.iter())
            .filter_map(|p| match &p.item {
                Item::Text(run) if p.at.y > at.y && p.at.y < at.y + side => {
                    Some(p.at.x + measure(&options.fonts, run.face, run.size, &run.text))
                }
                _ => None,
            })
            .fold(Pt::ZERO, Pt::max);
        assert!(
            reach <= right + Pt(1.0) && reach > right - Pt(80.0),
            "{reach:?} {right:?}"
        );
        assert_eq!(doc.pages.len(), 2, "the cover stays one page");
    }

    #[test]
    fn an_address_too_long_for_a_code_shows_its_caption_framed() {
        let url = format!("https://example.org/{}", "a".repeat(300));
        let doc = typeset(
            &format!("![Scan me](qr:{url})"),
            &TypesetOptions::new(DocMeta::default()),
        );
        assert!(codes(&doc.pages[0]).is_empty());
        assert!(texts(&doc.pages[0]).iter().any(|t| t.1 == "Scan me"));
    }

    #[test]
    fn the_printed_address_drops_its_scheme() {
        assert_eq!(
            short_address("https://example.org/exercises/calf/"),
            "example.org/exercises/calf/"
        );
        assert_eq!(short_address("HTTP://example.org/"), "example.org/");
        assert_eq!(short_address("example.org/"), "example.org/");
    }

    #[test]
    fn codes_grow_with_large_print_and_with_long_addresses() {
        // Version 4: 33 modules and the 4-module quiet zone on each side,
        // 0.76 mm a module (issue 23: a 100 dpi scan reads it).
        let normal = printed_side(Pt(14.0), 41.0);
        assert!((Mm::from(normal).0 - 41.0 * 0.76).abs() < 0.01);
        assert!(printed_side(Pt(18.0), 41.0) > normal);
        // Version 10: 57 modules and the quiet zone.
        assert!((Mm::from(printed_side(Pt(14.0), 65.0)).0 - 65.0 * 0.76).abs() < 0.01);
    }
}
