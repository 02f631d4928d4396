//! Typeset pages → PDF bytes. The only module that knows the PDF crates:
//! `pdf-writer` (the objects), `subsetter` (font subsets) and `png`.
//!
//! [`write_pdf`] writes a [`layout::Document`] in one pass; [`Writer`]
//! writes one part by part (a long checklist, a sheet at a time, see
//! `print::rendered_in_sheets`), each part's pages written and let go as
//! it comes, after a [`Survey`] of every part has told it the pages, the
//! characters and the images:
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

/// Small objects held before they are packed into object streams: a
/// part's are packed once this many wait, so a long document never holds
/// its structure tree uncompressed.
const OBJECTS_HELD_AT_MOST: usize = 16_000;

/// The numbers of the objects everything else points to.
struct Ids {
    catalog: Ref,
    info: Ref,
    page_tree: Ref,
    /// The resource dictionary the pages share.
    resources: Ref,
    /// The XMP metadata.
    metadata: Ref,
}

/// Writes a typeset document as PDF bytes. The same document always gives
/// the same bytes. The document is consumed: its pages are let go once
/// they are drawn, and their content once it is compressed.
pub fn write_pdf(doc: layout::Document) -> anyhow::Result<Vec<u8>> {
    let mut survey = Survey::default();
    survey.add(&doc);
    let mut writer = Writer::new(survey)?;
    writer.add(doc)?;
    writer.finish()
}

/// What a document shows, gathered from its parts before it is written
/// (the fonts are subset to its characters, and its images are written
/// once, before its pages): its pages, the characters each face shows,
/// its distinct images. A long document is typeset part by part twice:
/// once for this, once to write.
#[derive(Default)]
pub struct Survey {
    pages: usize,
    used: font::Used,
    /// Every distinct image (by its file's bytes), in the order they are
    /// first shown.
    images: Vec<Vec<u8>>,
    seen: std::collections::HashSet<Vec<u8>>,
    /// The first part's added fonts, properties and spoken words.
    first: Option<(crate::fonts::FontBook, layout::DocMeta, layout::SpokenWords)>,
}

impl Survey {
    /// Adds a part of the document: what comes after the parts added
    /// before.
    pub fn add(&mut self, part: &layout::Document) {
        self.pages += part.pages.len();
        font::add_used(&mut self.used, part);
        for item in part.pages.iter().flat_map(|p| &p.items) {
            if let Item::Image { bytes, .. } = &item.item
                && !self.seen.contains(bytes)
            {
                self.seen.insert(bytes.clone());
                self.images.push(bytes.clone());
            }
        }
        self.first
            .get_or_insert_with(|| (part.fonts.clone(), part.meta.clone(), part.spoken.clone()));
    }

    /// The pages of the parts added so far.
    pub fn pages(&self) -> usize {
        self.pages
    }
}

/// A PDF written part by part: each part's pages are drawn, compressed
/// and written when it is added, and let go, so a document of tens of
/// thousands of pages (a year of checklist sheets) is never held whole.
/// What the end of the file needs is kept: each page's object, size and
/// parent-tree entry, the outline, the document element's kids.
pub struct Writer {
    file: file::Writer,
    objects: Objects,
    refs: Refs,
    ids: Ids,
    shown: page::Resources,
    structure: structure::Structure,
    /// The pages written: each one's object and height.
    pages: Vec<(Ref, f32)>,
    /// The pages the survey counted.
    expected: usize,
    outline: Vec<OutlineEntry>,
    meta: layout::DocMeta,
}

impl Writer {
    /// Starts a document that shows what `survey` found: its fonts and
    /// images are written first.
    pub fn new(survey: Survey) -> anyhow::Result<Writer> {
        let (book, meta, _) = survey.first.clone().unwrap_or_default();
        let subsets = font::subsets(&survey.used, &book)?;
        let images = crate::parallel::map(&survey.images, 1, |bytes| image::read(bytes))
            .into_iter()
            .collect::<anyhow::Result<Vec<_>>>()?;
        let mut refs = Refs::new();
        let ids = Ids {
            catalog: refs.next(),
            info: refs.next(),
            page_tree: refs.next(),
            resources: refs.next(),
            metadata: refs.next(),
        };
        let structure = structure::Structure::new(&mut refs, survey.pages)?;
        let mut file = file::Writer::new();
        let mut objects = Objects::new();
        let fonts = font::write(subsets, &book, &mut objects, &mut file, &mut refs)?;
        let mut shown = page::Resources {
            fonts: fonts.shown,
            book,
            images: BTreeMap::new(),
        };
        let mut named_images = Vec::new();
        for (n, (bytes, raster)) in survey.images.into_iter().zip(images).enumerate() {
            let (name, id) = (format!("Im{n}"), refs.next());
            image::write(&raster, &bytes, id, &mut file, &mut refs)?;
            shown.images.insert(bytes, name.clone());
            named_images.push((name, id));
        }
        write_resources(&mut objects, ids.resources, &fonts.resources, &named_images);
        Ok(Writer {
            file,
            objects,
            refs,
            ids,
            shown,
            structure,
            pages: Vec::new(),
            expected: survey.pages,
            outline: Vec::new(),
            meta,
        })
    }

    /// Writes a part: its pages (each drawn and compressed on its own, on
    /// every core, in the pages' order whatever thread drew each), its
    /// structure elements, link annotations and outline entries.
    pub fn add(&mut self, mut part: layout::Document) -> anyhow::Result<()> {
        let first_page = self.pages.len();
        if first_page > 0 {
            shift_part(&mut part, first_page);
        }
        let drawn = crate::parallel::map(&part.pages, PAGES_A_THREAD_AT_LEAST, |page| {
            let drawn = page::draw(page, &self.shown, &part.structure);
            let packed = compress::packed(&drawn.content);
            (packed, drawn.marks, drawn.links)
        });
        let mut refs: Vec<(Ref, Ref)> = Vec::with_capacity(drawn.len());
        let mut marks = Vec::with_capacity(drawn.len());
        let mut links = Vec::with_capacity(drawn.len());
        for (packed, page_marks, page_links) in drawn {
            let (page, content) = (self.refs.next(), self.refs.next());
            let packed = packed?;
            self.file.direct(|chunk| match &packed {
                compress::Packed::Flate(bytes) => {
                    chunk.stream(content, bytes).filter(Filter::FlateDecode);
                }
                compress::Packed::Plain(bytes) => {
                    chunk.stream(content, bytes);
                }
            })?;
            refs.push((page, content));
            marks.push(page_marks);
            links.push(page_links);
        }
        let page_refs: Vec<Ref> = refs.iter().map(|(page, _)| *page).collect();
        let annotations = self.structure.write_part(
            &mut self.objects,
            &mut self.refs,
            (&page_refs, first_page),
            &part.structure,
            &marks,
            &part.spoken,
        )?;
        drop(marks);
        let heights = part.pages.iter().map(|p| p.size.height.0);
        self.pages.extend(page_refs.iter().copied().zip(heights));
        for (n, ((page, content), p)) in refs.iter().zip(&part.pages).enumerate() {
            let size = p.size;
            let mut dict = self.objects.start::<pdf_writer::writers::Page<'_>>(*page);
            dict.parent(self.ids.page_tree)
                .media_box(Rect::new(0.0, 0.0, size.width.0, size.height.0))
                .contents(*content)
                .struct_parents(i32::try_from(first_page + n)?);
            dict.pair(Name(b"Resources"), self.ids.resources);
            if !annotations[n].is_empty() {
                dict.annotations(annotations[n].iter().map(|a| a.id));
                dict.tab_order(pdf_writer::types::TabOrder::StructureOrder);
            }
        }
        if links.iter().any(|areas| !areas.is_empty()) {
            let (pages, heights): (Vec<Ref>, Vec<f32>) = self.pages.iter().copied().unzip();
            for (areas, tags) in links.iter().zip(&annotations) {
                for (area, tag) in areas.iter().zip(tags) {
                    let to = (pages.as_slice(), heights.as_slice());
                    write_link(&mut self.objects, area, tag, to, &part.spoken);
                }
            }
        }
        self.outline.append(&mut part.outline);
        if self.objects.len() >= OBJECTS_HELD_AT_MOST {
            self.pack()?;
        }
        Ok(())
    }

    /// Packs the small objects written so far into object streams.
    fn pack(&mut self) -> anyhow::Result<()> {
        let objects = std::mem::replace(&mut self.objects, Objects::new());
        self.file.pack(&objects, &mut self.refs)
    }

    /// Ends the document: the structure tree's root, the page tree, the
    /// outline, the catalog and the properties.
    pub fn finish(mut self) -> anyhow::Result<Vec<u8>> {
        anyhow::ensure!(
            self.pages.len() == self.expected,
            "{} pages written of the {} surveyed",
            self.pages.len(),
            self.expected
        );
        let tree = self.structure.finish(&mut self.objects, &mut self.refs)?;
        let (pages, heights): (Vec<Ref>, Vec<f32>) = self.pages.iter().copied().unzip();
        (self
            .objects
            .start::<pdf_writer::writers::Pages<'_>>(self.ids.page_tree))
        .kids(pages.iter().copied())
        .count(i32::try_from(pages.len())?);
        let outline = write_outline(
            &mut self.objects,
            &mut self.refs,
            &self.outline,
            &pages,
            &heights,
        )?;
        write_catalog(&mut self.objects, &self.ids, outline, tree, &self.meta);
        write_metadata(&mut self.objects, &mut self.file, &self.ids, &self.meta)?;
        self.file.pack(&self.objects, &mut self.refs)?;
        self.file
            .finish(self.refs.next(), self.ids.catalog, self.ids.info)
    }
}

/// A part's places moved on by the `by` pages before it: its links to its
/// own pages and its outline entries then name the document's pages.
fn shift_part(part: &mut layout::Document, by: usize) {
    let shift = |target: &mut LinkTarget| {
        if let LinkTarget::Internal { page, .. } = target {
            *page += by;
        }
    };
    for item in part.pages.iter_mut().flat_map(|p| &mut p.items) {
        match &mut item.item {
            Item::Link { target, .. } => shift(target),
            Item::Text(run) => run.link.iter_mut().for_each(shift),
            _ => {}
        }
    }
    fn entries(list: &mut [OutlineEntry], by: usize) {
        for entry in list {
            entry.page += by;
            entries(&mut entry.children, by);
        }
    }
    entries(&mut part.outline, by);
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

/// A link annotation: where it is, where it leads, its key in the parent
/// tree, and a description for a screen reader (the link's text, or where
/// it leads).
fn write_link(
    objects: &mut Objects,
    area: &page::LinkArea,
    tag: &structure::Annotation,
    (pages, heights): (&[Ref], &[f32]),
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
pub(crate) mod reader;
#[cfg(test)]
mod tests;
