//! Typeset pages → PDF bytes. The only module that knows the PDF crates:
//! `pdf-writer` (the objects), `subsetter` (font subsets) and `png`.
//!
//! [`write_pdf`] writes a [`layout::Document`] in one pass:
//! - each page's content stream is written by `page` (with `content`),
//!   item by item, flipping y (PDF puts the origin at the bottom left),
//!   each item in its marked-content sequence, on every core; and
//!   compressed by the other cores while this one writes the rest;
//! - every face is subset to the characters the document shows in it
//!   (`font`), and every distinct image is written once (`image`: a JPEG
//!   as it is, a PNG decoded);
//! - the pages share one resource dictionary; resource names are fixed
//!   (`F0`, `Im0`…) and the file's `/ID` is a hash of its content, so the
//!   same document always gives the same bytes, whatever thread or process
//!   writes it;
//! - the PDF is tagged (PDF/UA-1): `structure` writes the structure tree
//!   over the marked content, and the catalog says the file is tagged, its
//!   language and its title, with XMP metadata;
//! - `file` writes the file itself, the small objects packed into
//!   compressed object streams.
//!
//! Why not printpdf (the PDF crate the project began with)? It cannot
//! write a structure tree, `/Lang` or `/MarkInfo`, nor let anything else
//! add them, and it writes the pages' content one page after another: the
//! handout was drawn in it, then taken apart through lopdf and patched.
//! `pdf-writer` and `subsetter` (what Typst's PDF export is built on)
//! write what they are told and nothing else (README, "How it is built").

use crate::geom;
use crate::layout::{self, Item, LinkTarget, OutlineEntry};
use file::{Objects, Refs};
use pdf_writer::types::{ActionType, AnnotationFlags, AnnotationType, PageLayout, PageMode};
use pdf_writer::{Date, Filter, Finish, Name, Rect, Ref, Str, TextStr};
use std::collections::BTreeMap;

mod compress;
mod content;
mod file;
mod font;
mod image;
mod page;
mod structure;

/// Pages drawn by one thread at least: fewer cost more to hand out than
/// they take to draw.
const PAGES_A_THREAD_AT_LEAST: usize = 4;

/// The numbers of the objects everything else points to.
struct Ids {
    catalog: Ref,
    info: Ref,
    page_tree: Ref,
    /// The resource dictionary the pages share.
    resources: Ref,
    /// The XMP metadata.
    metadata: Ref,
    /// Each page's object and its content stream's.
    pages: Vec<(Ref, Ref)>,
}

/// What the pages' drawing leaves for the rest of the file.
struct Drawn {
    sizes: Vec<geom::Size>,
    marks: Vec<structure::PageMarks>,
    links: Vec<Vec<page::LinkArea>>,
}

/// Writes a typeset document as PDF bytes. The same document always gives
/// the same bytes. The document is consumed: its pages are let go once
/// they are drawn, and their content once it is compressed.
pub fn write_pdf(mut doc: layout::Document) -> anyhow::Result<Vec<u8>> {
    let subsets = font::subsets(&doc)?;
    let images = images(&doc)?;
    let mut refs = Refs::new();
    let ids = Ids {
        catalog: refs.next(),
        info: refs.next(),
        page_tree: refs.next(),
        resources: refs.next(),
        metadata: refs.next(),
        pages: (doc.pages.iter())
            .map(|_| (refs.next(), refs.next()))
            .collect(),
    };
    let mut file = file::Writer::new();
    let mut objects = Objects::new();
    let fonts = font::write(subsets, &mut objects, &mut file, &mut refs)?;
    let mut shown = page::Resources {
        fonts: fonts.shown,
        fallbacks: doc.fonts.clone(),
        images: BTreeMap::new(),
    };
    let mut named_images = Vec::new();
    for (n, (bytes, raster)) in images.into_iter().enumerate() {
        let (name, id) = (format!("Im{n}"), refs.next());
        image::write(&raster, &bytes, id, &mut file, &mut refs)?;
        shown.images.insert(bytes, name.clone());
        named_images.push((name, id));
    }
    write_resources(&mut objects, ids.resources, &fonts.resources, &named_images);
    // Each page drawn on its own, on every core: in the pages' order
    // whatever thread drew each.
    let drawn = crate::parallel::map(&doc.pages, PAGES_A_THREAD_AT_LEAST, |page| {
        page::draw(page, &shown, &doc.structure)
    });
    let sizes = std::mem::take(&mut doc.pages)
        .into_iter()
        .map(|p| p.size)
        .collect();
    let (contents, (marks, links)): (Vec<Vec<u8>>, (Vec<_>, Vec<_>)) = drawn
        .into_iter()
        .map(|d| (d.content, (d.marks, d.links)))
        .unzip();
    let drawn = Drawn {
        sizes,
        marks,
        links,
    };
    // The content streams are compressed (each on its own) by the other
    // cores while this one writes everything else: steps that cannot be
    // shared out. Then this one helps with what is left.
    let (packed, rest) = crate::parallel::map_beside(
        &contents,
        |content| compress::packed(content),
        || {
            write_document(&mut objects, &mut refs, &ids, &doc, &drawn)?;
            write_metadata(&mut objects, &mut file, &ids, &doc.meta)?;
            file.pack(&objects, &mut refs)
        },
    );
    drop((doc, contents, drawn, objects));
    rest?;
    for ((_, id), packed) in ids.pages.iter().zip(packed) {
        let packed = packed?;
        file.direct(|chunk| match &packed {
            compress::Packed::Flate(bytes) => {
                chunk.stream(*id, bytes).filter(Filter::FlateDecode);
            }
            compress::Packed::Plain(bytes) => {
                chunk.stream(*id, bytes);
            }
        })?;
    }
    file.finish(refs.next(), ids.catalog, ids.info)
}

/// The shared resource dictionary: every font and image by its name.
fn write_resources(
    objects: &mut Objects,
    id: Ref,
    fonts: &[(String, Ref)],
    images: &[(String, Ref)],
) {
    let mut shared = objects.object(id).dict();
    let mut named = shared.insert(Name(b"Font")).dict();
    for (name, id) in fonts {
        named.pair(Name(name.as_bytes()), *id);
    }
    named.finish();
    if !images.is_empty() {
        let mut named = shared.insert(Name(b"XObject")).dict();
        for (name, id) in images {
            named.pair(Name(name.as_bytes()), *id);
        }
    }
}

/// The structure tree, the pages and their link annotations, the page
/// tree and the outline.
fn write_document(
    objects: &mut Objects,
    refs: &mut Refs,
    ids: &Ids,
    doc: &layout::Document,
    drawn: &Drawn,
) -> anyhow::Result<()> {
    let pages: Vec<Ref> = ids.pages.iter().map(|(page, _)| *page).collect();
    let (tree, annotations) = structure::write_tree(
        objects,
        refs,
        &pages,
        &doc.structure,
        &drawn.marks,
        &doc.spoken,
    )?;
    let heights: Vec<f32> = drawn.sizes.iter().map(|s| s.height.0).collect();
    for (n, ((page, content), size)) in ids.pages.iter().zip(&drawn.sizes).enumerate() {
        let mut dict = objects.start::<pdf_writer::writers::Page<'_>>(*page);
        dict.parent(ids.page_tree)
            .media_box(Rect::new(0.0, 0.0, size.width.0, size.height.0))
            .contents(*content)
            .struct_parents(i32::try_from(n)?);
        dict.pair(Name(b"Resources"), ids.resources);
        if !annotations[n].is_empty() {
            dict.annotations(annotations[n].iter().map(|a| a.id));
            dict.tab_order(pdf_writer::types::TabOrder::StructureOrder);
        }
    }
    for (areas, tags) in drawn.links.iter().zip(&annotations) {
        for (area, tag) in areas.iter().zip(tags) {
            write_link(objects, area, tag, &pages, &heights, &doc.spoken);
        }
    }
    (objects.start::<pdf_writer::writers::Pages<'_>>(ids.page_tree))
        .kids(pages.iter().copied())
        .count(i32::try_from(pages.len())?);
    let outline = write_outline(objects, refs, &doc.outline, &pages, &heights)?;
    write_catalog(objects, ids, outline, tree, &doc.meta);
    Ok(())
}

/// Every distinct image of the document (by its file's bytes), read for
/// the PDF, in the order they are first shown.
fn images(doc: &layout::Document) -> anyhow::Result<Vec<(Vec<u8>, image::Raster)>> {
    let mut seen = std::collections::HashSet::new();
    let mut distinct = Vec::new();
    for item in doc.pages.iter().flat_map(|p| &p.items) {
        if let Item::Image { bytes, .. } = &item.item
            && seen.insert(bytes)
        {
            distinct.push(bytes);
        }
    }
    crate::parallel::map(&distinct, 1, |bytes| {
        Ok(((*bytes).clone(), image::read(bytes)?))
    })
    .into_iter()
    .collect()
}

/// A link annotation: where it is, where it leads, its key in the parent
/// tree, and a description for a screen reader (the link's text, or where
/// it leads).
fn write_link(
    objects: &mut Objects,
    area: &page::LinkArea,
    tag: &structure::Annotation,
    pages: &[Ref],
    heights: &[f32],
    spoken: &layout::SpokenWords,
) {
    let [left, bottom, right, top] = area.rect;
    let mut annotation = objects.start::<pdf_writer::writers::Annotation<'_>>(tag.id);
    annotation
        .subtype(AnnotationType::Link)
        .rect(Rect::new(left, bottom, right, top))
        .border(0.0, 0.0, 0.0, None)
        // Printed like the page (a link area draws nothing either way).
        .flags(AnnotationFlags::PRINT)
        .struct_parent(tag.key);
    if tag.text.is_empty() {
        annotation.contents(TextStr(&structure::describe(&area.target, spoken)));
    } else {
        annotation.contents(TextStr(&tag.text));
    }
    let mut action = annotation.action();
    match &area.target {
        LinkTarget::Uri(uri) => {
            action.action_type(ActionType::Uri).uri(Str(uri.as_bytes()));
        }
        LinkTarget::Internal { page, y } => {
            let (Some(to), Some(height)) = (pages.get(*page), heights.get(*page)) else {
                return;
            };
            (action.action_type(ActionType::GoTo).destination())
                .page(*to)
                .xyz(0.0, height - y.0 + 6.0, None);
        }
    }
}

/// The outline (bookmarks), if the document has any: returns its root.
fn write_outline(
    objects: &mut Objects,
    refs: &mut Refs,
    entries: &[OutlineEntry],
    pages: &[Ref],
    heights: &[f32],
) -> anyhow::Result<Option<Ref>> {
    if entries.is_empty() {
        return Ok(None);
    }
    let root = refs.next();
    let (first, last, count) = outline_items(objects, refs, entries, root, pages, heights)?;
    (objects.start::<pdf_writer::writers::Outline<'_>>(root))
        .first(first)
        .last(last)
        .count(count);
    Ok(Some(root))
}

/// Writes outline items for `entries` under `parent`; returns the first
/// and last item and the number of visible descendants.
fn outline_items(
    objects: &mut Objects,
    refs: &mut Refs,
    entries: &[OutlineEntry],
    parent: Ref,
    pages: &[Ref],
    heights: &[f32],
) -> anyhow::Result<(Ref, Ref, i32)> {
    let ids: Vec<Ref> = entries.iter().map(|_| refs.next()).collect();
    let mut count = i32::try_from(entries.len())?;
    for (i, entry) in entries.iter().enumerate() {
        let children = if entry.children.is_empty() {
            None
        } else {
            Some(outline_items(
                objects,
                refs,
                &entry.children,
                ids[i],
                pages,
                heights,
            )?)
        };
        let mut item = objects.start::<pdf_writer::writers::OutlineItem<'_>>(ids[i]);
        item.title(TextStr(&entry.title)).parent(parent);
        if let Some(page) = pages.get(entry.page) {
            let top = heights.get(entry.page).copied().unwrap_or(0.0) - entry.y.0 + 6.0;
            item.dest().page(*page).xyz(0.0, top, None);
        }
        if i > 0 {
            item.prev(ids[i - 1]);
        }
        if let Some(next) = ids.get(i + 1) {
            item.next(*next);
        }
        if let Some((first, last, n)) = children {
            item.first(first).last(last).count(n);
            count += n;
        }
    }
    Ok((ids[0], ids[ids.len() - 1], count))
}

/// The catalog: the pages, the outline (shown when the file opens), the
/// language, the title shown instead of the file name, the XMP metadata,
/// and the structure tree (the file is tagged).
fn write_catalog(
    objects: &mut Objects,
    ids: &Ids,
    outline: Option<Ref>,
    tree: Ref,
    meta: &layout::DocMeta,
) {
    let mut catalog = objects.start::<pdf_writer::writers::Catalog<'_>>(ids.catalog);
    catalog
        .pages(ids.page_tree)
        .page_layout(PageLayout::OneColumn);
    if let Some(outline) = outline {
        catalog.outlines(outline).page_mode(PageMode::UseOutlines);
    }
    if !meta.language.is_empty() {
        catalog.lang(TextStr(&meta.language));
    }
    catalog.viewer_preferences().display_doc_title(true);
    catalog.metadata(ids.metadata);
    catalog.pair(Name(b"StructTreeRoot"), tree);
    catalog.mark_info().marked(true);
}

/// The document's properties, twice: in the document information
/// dictionary (title, author, subject, the program, and the dates, both
/// the build's: the file is made anew each time) and as XMP metadata,
/// left uncompressed as XMP readers expect.
fn write_metadata(
    objects: &mut Objects,
    file: &mut file::Writer,
    ids: &Ids,
    meta: &layout::DocMeta,
) -> anyhow::Result<()> {
    let xmp = structure::xmp_metadata(meta);
    file.direct(|chunk| {
        let mut stream = chunk.stream(ids.metadata, &xmp);
        stream.pair(Name(b"Type"), Name(b"Metadata"));
        stream.pair(Name(b"Subtype"), Name(b"XML"));
    })?;
    let date = jiff::Timestamp::from_second(meta.creation_date)
        .map_err(|e| anyhow::anyhow!("bad creation date {}: {e}", meta.creation_date))?;
    let date = jiff::tz::TimeZone::UTC.to_datetime(date);
    let date = Date::new(u16::try_from(date.year())?)
        .month(u8::try_from(date.month())?)
        .day(u8::try_from(date.day())?)
        .hour(u8::try_from(date.hour())?)
        .minute(u8::try_from(date.minute())?)
        .second(u8::try_from(date.second())?)
        .utc_offset_hour(0)
        .utc_offset_minute(0);
    (objects.start::<pdf_writer::writers::DocumentInfo<'_>>(ids.info))
        .title(TextStr(&meta.title))
        .author(TextStr(&meta.author))
        .subject(TextStr(&meta.subject))
        .creator(TextStr("handout"))
        .producer(TextStr("handout"))
        .creation_date(date)
        .modified_date(date);
    Ok(())
}

/// The tests' PDF reader, shared with the integration tests.
#[cfg(test)]
#[path = "../../tests/support/pdf.rs"]
mod reader;
#[cfg(test)]
mod tests;
