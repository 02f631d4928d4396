//! Typeset pages → PDF bytes. The only module that knows printpdf, lopdf
//! and allsorts.
//!
//! [`write_pdf`] puts a [`layout::Document`] into a printpdf document
//! (fonts, images, pages, link annotations, metadata) and finishes the
//! file printpdf makes of it with lopdf. printpdf cannot do some things a
//! patient handout needs, so this module does them itself:
//! - each page's content stream is written by `page` (with `content`),
//!   item by item, flipping y (PDF puts the origin at the bottom left),
//!   on every core, and compressed by the other cores while this one
//!   assembles the document; printpdf's own are left out (it writes them
//!   one page after another, and they were half the time of a
//!   thousand-page handout), and the pages share one resource dictionary;
//! - fonts are subset with allsorts to the characters used (printpdf embeds
//!   whole fonts without its `text_layout` feature);
//! - resource names are fixed (`F0`, `Im0`…) and the trailer `/ID` is a hash
//!   of the content, because printpdf draws both from a process-global
//!   counter and two builds in one process would otherwise differ;
//! - the nested outline, `/PageMode /UseOutlines`, `/Lang` and
//!   `/ViewerPreferences` are added with lopdf afterwards;
//! - the PDF is tagged (PDF/UA-1): `structure` marks the content as the
//!   pages are written and adds the structure tree and XMP metadata, its
//!   elements written straight into PDF syntax;
//! - `file` writes the file itself, small objects packed into compressed
//!   object streams.
//!
//! Streams are compressed with flate2 on zlib-rs, about twice as fast as
//! its default backend on a library handout's pages.

use crate::fonts::Face;
use crate::geom;
use crate::layout::{self, Item, OutlineEntry};
use anyhow::{Context, anyhow};
use lopdf::{Dictionary, Object, ObjectId, StringFormat};
use printpdf::{
    FontId, Op, ParsedFont, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Pt, RawImage,
    TextItem, XObject, XObjectId,
};
use std::collections::{BTreeMap, BTreeSet};

mod content;
mod file;
mod page;
mod structure;

/// Pages drawn by one thread at least: fewer cost more to hand out than
/// they take to draw.
const PAGES_A_THREAD_AT_LEAST: usize = 4;

/// Compresses every stream that allows it (see [`deflate`]) on every
/// core: it was a fifth of a large handout's time. Each stream is
/// compressed on its own, so the bytes do not depend on the threads.
fn compress_streams(lo: &mut lopdf::Document) -> anyhow::Result<()> {
    let mut streams: Vec<&mut lopdf::Stream> = (lo.objects.values_mut())
        .filter_map(|object| match object {
            Object::Stream(stream) if stream.allows_compression => Some(stream),
            _ => None,
        })
        .collect();
    deflate_all(&mut streams, 16)
}

/// [`deflate`] applied to each stream on every core, at least `min_share`
/// streams a thread.
fn deflate_all(streams: &mut [&mut lopdf::Stream], min_share: usize) -> anyhow::Result<()> {
    let failed = std::sync::Mutex::new(None);
    crate::parallel::for_each_mut(streams, min_share, |stream| {
        if let Err(error) = deflate(stream)
            && let Ok(mut failed) = failed.lock()
        {
            failed.get_or_insert(error);
        }
    });
    match failed.into_inner() {
        Ok(Some(error)) => Err(error),
        _ => Ok(()),
    }
}

/// Compresses a stream with Flate, unless it already has a filter or
/// compressing would not make it smaller.
pub(crate) fn deflate(stream: &mut lopdf::Stream) -> anyhow::Result<()> {
    if stream.dict.get(b"Filter").is_ok() {
        return Ok(());
    }
    let compressed = compressed(&stream.content)?;
    if smaller(&compressed, &stream.content) {
        stream.dict.set("Filter", "FlateDecode");
        stream.set_content(compressed.to_vec());
    }
    Ok(())
}

/// Whether `compressed` makes a smaller stream than `bytes`, counting the
/// `/Filter /FlateDecode` it adds to the stream's dictionary.
fn smaller(compressed: &[u8], bytes: &[u8]) -> bool {
    compressed.len() + b"/Filter /FlateDecode".len() < bytes.len()
}

/// A page's content stream of `bytes`, compressed unless that would not
/// make it smaller. Each page's content is its own: it is never looked for
/// among the streams seen before, as [`compressed`] does.
fn content_stream(bytes: &[u8]) -> anyhow::Result<lopdf::Stream> {
    let compressed = zlib(bytes)?;
    Ok(if smaller(&compressed, bytes) {
        let filter = Object::Name(b"FlateDecode".to_vec());
        lopdf::Stream::new(Dictionary::from_iter([("Filter", filter)]), compressed)
    } else {
        lopdf::Stream::new(Dictionary::new(), bytes.to_vec())
    })
}

/// `bytes` compressed with zlib. A large stream seen before in this run
/// (the same font subset in a hundred patients' handouts) is compressed
/// once: the bytes are the same either way.
fn compressed(bytes: &[u8]) -> anyhow::Result<std::sync::Arc<[u8]>> {
    use std::collections::HashMap;
    use std::hash::{Hash, Hasher};
    use std::sync::{Arc, Mutex, OnceLock};
    /// Streams smaller than this are quicker to compress than to look up.
    const WORTH_KEEPING: usize = 8 * 1024;
    /// At most this many kept, so a long run's memory stays bounded.
    const KEPT: usize = 64;
    /// By hash and length: the stream as given, and compressed.
    type Kept = Mutex<HashMap<(u64, usize), (Arc<[u8]>, Arc<[u8]>)>>;
    static KEPT_STREAMS: OnceLock<Kept> = OnceLock::new();
    let key = (bytes.len() >= WORTH_KEEPING).then(|| {
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        bytes.hash(&mut hasher);
        (hasher.finish(), bytes.len())
    });
    let kept = KEPT_STREAMS.get_or_init(Kept::default);
    if let Some(key) = key
        && let Some((given, done)) = kept.lock().ok().and_then(|k| k.get(&key).cloned())
        // A hash can collide: only the very same bytes are taken as seen.
        && *given == *bytes
    {
        return Ok(done);
    }
    let done: Arc<[u8]> = zlib(bytes)?.into();
    if let Some(key) = key
        && let Ok(mut kept) = kept.lock()
    {
        if kept.len() >= KEPT {
            kept.clear();
        }
        kept.insert(key, (bytes.into(), done.clone()));
    }
    Ok(done)
}

/// The compression level: one below zlib's default, which made a library
/// handout no smaller (a few hundred bytes larger in three megabytes) and
/// took a tenth longer. The best level (lopdf's) took a third of the time
/// of printing a patient's program for files 2% smaller.
const LEVEL: u32 = 5;

/// `bytes` compressed with zlib at [`LEVEL`], by the calling
/// thread's compressor: made once a thread and reset for each stream, as
/// making one for each of a long handout's thousand pages took a tenth of
/// the compressing.
fn zlib(bytes: &[u8]) -> anyhow::Result<Vec<u8>> {
    use flate2::{Compress, Compression, FlushCompress, Status};
    thread_local! {
        static COMPRESSOR: std::cell::RefCell<Compress> =
            std::cell::RefCell::new(Compress::new(Compression::new(LEVEL), true));
    }
    COMPRESSOR.with_borrow_mut(|compressor| {
        compressor.reset();
        let mut out = Vec::with_capacity(bytes.len() / 4 + 64);
        loop {
            let read = usize::try_from(compressor.total_in())?;
            if compressor.compress_vec(&bytes[read..], &mut out, FlushCompress::Finish)?
                == Status::StreamEnd
            {
                return Ok(out);
            }
            out.reserve(out.capacity());
        }
    })
}

/// Writes a typeset document as PDF bytes. The same document always gives
/// the same bytes. The document is consumed: its pages are let go once
/// they are drawn, and their uncompressed content once all of it is
/// compressed.
pub fn write_pdf(mut doc: layout::Document) -> anyhow::Result<Vec<u8>> {
    let mut pdf = PdfDocument::new(&doc.meta.title);
    let (fonts, mut census) = add_fonts(&mut pdf, &doc)?;
    let resources = page::Resources {
        fonts,
        fallbacks: doc.fonts.clone(),
        images: add_images(&mut pdf, &doc)?,
        heights: doc.pages.iter().map(|p| p.size.height.0).collect(),
    };
    // Each page drawn on its own, on every core: in the pages' order
    // whatever thread drew each.
    let drawn = crate::parallel::map(&doc.pages, PAGES_A_THREAD_AT_LEAST, |page| {
        page::draw(page, &resources, &doc.structure)
    });
    let mut marks = Vec::with_capacity(drawn.len());
    let mut contents = Vec::with_capacity(drawn.len());
    let mut pages = Vec::with_capacity(drawn.len());
    for (n, (page, drawn)) in std::mem::take(&mut doc.pages).iter().zip(drawn).enumerate() {
        // printpdf writes the link annotations, and learns from the first
        // page's operations which glyphs each font shows (see
        // [`add_fonts`]); the content streams it writes are replaced.
        let mut ops = if n == 0 {
            std::mem::take(&mut census)
        } else {
            Vec::new()
        };
        ops.extend(drawn.links);
        marks.push(drawn.marks);
        contents.push(drawn.content);
        pages.push(PdfPage::new(
            printpdf::Mm(geom::Mm::from(page.size.width).0),
            printpdf::Mm(geom::Mm::from(page.size.height).0),
            ops,
        ));
    }
    pdf.with_pages(pages);
    // The content streams are compressed (each on its own) by the other
    // cores while this one puts the document together, adds the structure
    // tree and writes the file up to the content streams: steps that
    // cannot be shared out. Then this one helps with what is left.
    let (contents, file) = crate::parallel::map_beside(
        &contents,
        |content| content_stream(content),
        || -> anyhow::Result<_> {
            let (mut lo, elements, content_ids) = assemble(pdf, &doc, &resources.heights, &marks)?;
            // The /ID is a hash of the file written with a placeholder
            // /ID, then put in the placeholder's place (it has the same
            // length), so it changes with the content and with nothing
            // else, and the file is serialised once.
            let placeholder = Object::String(ID_PLACEHOLDER.to_vec(), StringFormat::Hexadecimal);
            lo.trailer
                .set("ID", Object::Array(vec![placeholder.clone(), placeholder]));
            // Object streams keep the structure tree's many small
            // dictionaries (one per paragraph, list item and table cell)
            // compressed.
            let file = file::Writer::new(&mut lo, elements).context("serialising the PDF")?;
            Ok((file, content_ids, lo.trailer))
        },
    );
    drop((doc, marks));
    let (mut file, content_ids, trailer) = file?;
    for (id, stream) in content_ids.into_iter().zip(contents) {
        file.object(id, &Object::Stream(stream?))?;
    }
    let mut out = file.finish(&trailer)?;
    let id = content_hash(&out);
    replace_id(&mut out, &id)?;
    Ok(out)
}

/// The printpdf document as a lopdf one, its entries completed and its
/// structure tree added; returns it with the tree's elements and the ids
/// of the pages' content streams, which it leaves out (printpdf's are
/// replaced).
fn assemble(
    mut pdf: PdfDocument,
    doc: &layout::Document,
    heights: &[f32],
    marks: &[structure::PageMarks],
) -> anyhow::Result<(lopdf::Document, file::Written, Vec<ObjectId>)> {
    let info = &mut pdf.metadata.info;
    let date = printpdf::OffsetDateTime::from_unix_timestamp(doc.meta.creation_date)
        .map_err(|e| anyhow!("bad creation date {}: {e}", doc.meta.creation_date))?;
    info.creation_date = date;
    info.modification_date = date;
    info.metadata_date = date;
    info.creator = "handout".into();
    info.producer = "handout".into();
    let opts = PdfSaveOptions {
        optimize: false,
        subset_fonts: false,
        secure: true,
        image_optimization: None,
    };
    let mut warnings = Vec::new();
    let mut lo = pdf.to_lopdf_document(&opts, &mut warnings);
    drop(pdf);
    let mut contents = Vec::new();
    // printpdf gives each page a resource dictionary of its own, the same
    // for all: they share the first page's (a thousand objects fewer in a
    // library handout).
    let mut shared: Option<(ObjectId, Dictionary)> = None;
    for page in lo.get_pages().into_values() {
        let reference = |key: &[u8]| {
            (lo.get_dictionary(page).and_then(|d| d.get(key)))
                .and_then(Object::as_reference)
                .with_context(|| format!("a page without its {}", String::from_utf8_lossy(key)))
        };
        let (content, resources) = (reference(b"Contents")?, reference(b"Resources")?);
        lo.objects.remove(&content);
        contents.push(content);
        let same = match &shared {
            Some((id, first)) => {
                *id != resources && lo.get_dictionary(resources).is_ok_and(|d| d == first)
            }
            None => {
                shared = Some((resources, lo.get_dictionary(resources)?.clone()));
                false
            }
        };
        if let (true, Some((id, _))) = (same, &shared) {
            lo.objects.remove(&resources);
            lo.get_dictionary_mut(page)?
                .set("Resources", Object::Reference(*id));
        }
    }
    compress_streams(&mut lo)?;
    finish(&mut lo, doc, heights)?;
    let elements = structure::write_tree(&mut lo, &doc.structure, marks, &doc.spoken)?;
    Ok((lo, elements, contents))
}

/// The trailer `/ID` written before the real one is known.
const ID_PLACEHOLDER: [u8; 16] = *b"handout:pdf-id:?";

/// Replaces both strings of the placeholder `/ID` (as lopdf writes them:
/// upper-case hexadecimal) with `id`. They are in the trailer, at the end
/// of the file: the search goes backwards and stops at the second.
fn replace_id(out: &mut [u8], id: &[u8; 16]) -> anyhow::Result<()> {
    let hex = |bytes: &[u8]| -> Vec<u8> {
        let mut s = vec![b'<'];
        s.extend(bytes.iter().flat_map(|b| format!("{b:02X}").into_bytes()));
        s.push(b'>');
        s
    };
    let (from, to) = (hex(&ID_PLACEHOLDER), hex(id));
    let mut found = 0;
    let mut end = out.len();
    while found < 2
        && let Some(i) = out[..end].windows(from.len()).rposition(|w| w == from)
    {
        out[i..i + to.len()].copy_from_slice(&to);
        end = i;
        found += 1;
    }
    anyhow::ensure!(
        found == 2,
        "the PDF's /ID was written {found} times, not twice"
    );
    Ok(())
}

/// Subsets every face the document uses to its characters and registers
/// it under a fixed name. Returns each face's font resource, and the
/// operations that show every character of every face once: printpdf
/// embeds only the glyphs it sees the pages' operations show, and the
/// pages are drawn by [`page`], so the first page shows them to it.
fn add_fonts(
    pdf: &mut PdfDocument,
    doc: &layout::Document,
) -> anyhow::Result<(BTreeMap<Face, page::Font>, Vec<Op>)> {
    use allsorts::binary::read::ReadScope;
    use allsorts::font_data::FontData;
    use allsorts::subset::{CmapTarget, SubsetProfile, subset};

    let mut used: BTreeMap<Face, BTreeSet<char>> = BTreeMap::new();
    for item in doc.pages.iter().flat_map(|p| &p.items) {
        if let Item::Text(run) = &item.item {
            for (face, piece) in crate::fonts::pieces(run.face, &run.text, &doc.fonts) {
                used.entry(face).or_default().extend(piece.chars());
            }
            if run.space_after {
                used.entry(run.face).or_default().insert(' ');
            }
        }
    }
    // Each face subset on its own, on every core.
    let used: Vec<(Face, BTreeSet<char>)> = used.into_iter().collect();
    let subsets = crate::parallel::map(&used, 1, |(face, chars)| {
        let metrics = face.metrics();
        let glyphs: BTreeSet<u16> = chars.iter().filter_map(|c| metrics.glyph(*c)).collect();
        // Glyph 0 (.notdef) must come first.
        let glyphs: Vec<u16> = std::iter::once(0)
            .chain(glyphs.into_iter().filter(|g| *g != 0))
            .collect();
        let data = ReadScope::new(face.bytes())
            .read::<FontData<'_>>()
            .map_err(|e| anyhow!("reading {face:?}: {e}"))?;
        let provider = data
            .table_provider(0)
            .map_err(|e| anyhow!("reading {face:?}: {e}"))?;
        let bytes = subset(&provider, &glyphs, &SubsetProfile::Pdf, CmapTarget::Unicode)
            .map_err(|e| anyhow!("subsetting {face:?}: {e}"))?;
        let mut warnings = Vec::new();
        ParsedFont::from_bytes(&bytes, 0, &mut warnings)
            .ok_or_else(|| anyhow!("re-reading the subset of {face:?}"))
    });
    let mut fonts = BTreeMap::new();
    let mut census = vec![Op::StartTextSection];
    for (n, ((face, chars), parsed)) in used.into_iter().zip(subsets).enumerate() {
        let mut parsed = parsed?;
        // `XXXXXX+Name` marks a subset (ISO 32000-1, 9.6.4).
        let tag: String = (0..6)
            .map(|i| (b'A' + ((n * 7 + i) % 26) as u8) as char)
            .collect();
        parsed.font_name = Some(format!("{tag}+{}", face.postscript_name()));
        let id = FontId(format!("F{n}"));
        // The subset's glyph ids, as printpdf encodes the census (and
        // would any text) with an embedded font it does not subset.
        let font = page::Font::new(id.0.clone(), chars.iter().copied(), |c| {
            parsed.lookup_glyph_index(u32::from(c))
        });
        census.push(Op::SetFont {
            font: PdfFontHandle::External(id.clone()),
            size: Pt(1.0),
        });
        census.push(Op::ShowText {
            items: vec![TextItem::Text(chars.into_iter().collect())],
        });
        pdf.resources
            .fonts
            .map
            .insert(id, printpdf::PdfFont::new(parsed));
        fonts.insert(face, font);
    }
    census.push(Op::EndTextSection);
    Ok((fonts, census))
}

/// Decodes each distinct image (PNG or JPEG) once and registers it under a
/// fixed name. printpdf stores the decoded pixels, compressed losslessly
/// with the rest of the file.
fn add_images(
    pdf: &mut PdfDocument,
    doc: &layout::Document,
) -> anyhow::Result<BTreeMap<Vec<u8>, String>> {
    let mut ids = BTreeMap::new();
    for item in doc.pages.iter().flat_map(|p| &p.items) {
        if let Item::Image { bytes, .. } = &item.item
            && !ids.contains_key(bytes)
        {
            let mut warnings = Vec::new();
            let image = RawImage::decode_from_bytes(bytes, &mut warnings)
                .map_err(|e| anyhow!("decoding an image figure: {e}"))?;
            let id = XObjectId(format!("Im{}", ids.len()));
            pdf.resources
                .xobjects
                .map
                .insert(id.clone(), XObject::Image(image));
            ids.insert(bytes.clone(), id.0);
        }
    }
    Ok(ids)
}

/// Catalog and Info entries printpdf does not write (or writes wrongly).
fn finish(lo: &mut lopdf::Document, doc: &layout::Document, heights: &[f32]) -> anyhow::Result<()> {
    let pages: Vec<ObjectId> = lo.get_pages().into_values().collect();
    let outline = if doc.outline.is_empty() {
        None
    } else {
        let root = lo.new_object_id();
        let (first, last, count) = outline_items(lo, &doc.outline, root, &pages, heights);
        let mut dict = Dictionary::new();
        dict.set("Type", Object::Name(b"Outlines".to_vec()));
        dict.set("First", Object::Reference(first));
        dict.set("Last", Object::Reference(last));
        dict.set("Count", Object::Integer(count));
        lo.set_object(root, dict);
        Some(root)
    };
    let info_id = lo.trailer.get(b"Info").and_then(Object::as_reference).ok();
    if let Some(info) = info_id
        .and_then(|id| lo.get_object_mut(id).ok())
        .and_then(|o| o.as_dict_mut().ok())
    {
        info.set("Title", text_string(&doc.meta.title));
        info.set("Author", text_string(&doc.meta.author));
        info.set("Subject", text_string(&doc.meta.subject));
        info.set("Creator", text_string("handout"));
        info.set("Producer", text_string("handout"));
        // Empty or PDF/X-only entries printpdf always writes.
        for key in [&b"GTS_PDFXVersion"[..], b"Keywords", b"Identifier"] {
            while info.has(key) {
                info.remove(key);
            }
        }
    }
    let catalog = lo.catalog_mut().context("the PDF has no catalog")?;
    if let Some(root) = outline {
        catalog.set("Outlines", Object::Reference(root));
        catalog.set("PageMode", Object::Name(b"UseOutlines".to_vec()));
    }
    if !doc.meta.language.is_empty() {
        catalog.set("Lang", text_string(&doc.meta.language));
    }
    let mut prefs = Dictionary::new();
    prefs.set("DisplayDocTitle", Object::Boolean(true));
    catalog.set("ViewerPreferences", Object::Dictionary(prefs));
    let metadata = lo.add_object(structure::xmp_metadata(&doc.meta));
    let catalog = lo.catalog_mut().context("the PDF has no catalog")?;
    catalog.set("Metadata", Object::Reference(metadata));
    // Tagged PDF and PDF/UA-1 build on PDF 1.7 (printpdf writes 1.3).
    lo.version = "1.7".into();
    Ok(())
}

/// Writes outline items for `entries` under `parent`; returns the first
/// and last item and the number of visible descendants.
fn outline_items(
    lo: &mut lopdf::Document,
    entries: &[OutlineEntry],
    parent: ObjectId,
    pages: &[ObjectId],
    heights: &[f32],
) -> (ObjectId, ObjectId, i64) {
    let ids: Vec<ObjectId> = entries.iter().map(|_| lo.new_object_id()).collect();
    let mut count = entries.len() as i64;
    for (i, entry) in entries.iter().enumerate() {
        let mut dict = Dictionary::new();
        dict.set("Title", text_string(&entry.title));
        dict.set("Parent", Object::Reference(parent));
        if let Some(page) = pages.get(entry.page) {
            let top = heights.get(entry.page).copied().unwrap_or(0.0) - entry.y.0 + 6.0;
            dict.set(
                "Dest",
                Object::Array(vec![
                    Object::Reference(*page),
                    Object::Name(b"XYZ".to_vec()),
                    Object::Integer(0),
                    Object::Real(top),
                    Object::Null,
                ]),
            );
        }
        if i > 0 {
            dict.set("Prev", Object::Reference(ids[i - 1]));
        }
        if let Some(next) = ids.get(i + 1) {
            dict.set("Next", Object::Reference(*next));
        }
        if !entry.children.is_empty() {
            let (first, last, n) = outline_items(lo, &entry.children, ids[i], pages, heights);
            dict.set("First", Object::Reference(first));
            dict.set("Last", Object::Reference(last));
            dict.set("Count", Object::Integer(n));
            count += n;
        }
        lo.set_object(ids[i], dict);
    }
    (ids[0], ids[ids.len() - 1], count)
}

/// A PDF text string: PDFDocEncoding-compatible ASCII as is, anything else
/// as UTF-16BE with a byte order mark.
fn text_string(s: &str) -> Object {
    if s.is_ascii() {
        Object::string_literal(s)
    } else {
        let mut bytes = vec![0xFE, 0xFF];
        bytes.extend(s.encode_utf16().flat_map(u16::to_be_bytes));
        Object::String(bytes, StringFormat::Hexadecimal)
    }
}

/// A 16-byte hash: FNV-1a with a rotation, taken eight bytes at a time
/// (eight times fewer steps over a file of megabytes than a byte at a
/// time), in two 64-bit lanes with different seeds. Stable across Rust
/// releases, unlike `DefaultHasher`.
fn content_hash(bytes: &[u8]) -> [u8; 16] {
    let lane = |seed: u64| {
        let words = bytes.chunks(8).map(|chunk| {
            let mut word = [0; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            u64::from_le_bytes(word)
        });
        // The length too: trailing zero bytes would otherwise not count.
        // Each step is one-to-one (a rotation brings a word's high bits
        // down for the next), so two files that differ in one word never
        // hash alike.
        (words.chain([bytes.len() as u64])).fold(seed, |h, word| {
            (h ^ word).wrapping_mul(0x0100_0000_01b3).rotate_left(29)
        })
    };
    let (a, b) = (lane(0xcbf2_9ce4_8422_2325), lane(0x6c62_272e_07bb_0142));
    let mut out = [0; 16];
    out[..8].copy_from_slice(&a.to_be_bytes());
    out[8..].copy_from_slice(&b.to_be_bytes());
    out
}

#[cfg(test)]
mod tests;
