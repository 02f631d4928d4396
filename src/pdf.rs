//! Typeset pages → PDF bytes. The only module that knows printpdf, lopdf
//! and allsorts.
//!
//! [`write_pdf`] translates a [`layout::Document`] item by item, flipping y
//! (PDF puts the origin at the bottom left). printpdf cannot do some things
//! a patient handout needs, so this module does them itself:
//! - fonts are subset with allsorts to the characters used (printpdf embeds
//!   whole fonts without its `text_layout` feature);
//! - resource names are fixed (`F0`, `Im0`…) and the trailer `/ID` is a hash
//!   of the content, because printpdf draws both from a process-global
//!   counter and two builds in one process would otherwise differ;
//! - the nested outline, `/PageMode /UseOutlines`, `/Lang` and
//!   `/ViewerPreferences` are added with lopdf afterwards;
//! - the PDF is tagged (PDF/UA-1): `structure` marks the content as the
//!   pages are written and adds the structure tree and XMP metadata;
//! - a path of many filled rectangles (a QR code) is written as one
//!   fragment of content, and a drawing in its own units under one `cm`.
//!
//! Streams are compressed with flate2 on zlib-rs, about twice as fast as
//! its default backend on a library handout's pages.

use crate::fonts::Face;
use crate::geom::{self, LineStyle, Segment};
use crate::layout::{self, Item, LinkTarget, OutlineEntry};
use anyhow::{Context, anyhow};
use lopdf::{Dictionary, Object, ObjectId, StringFormat};
use printpdf::{
    Actions, BorderArray, Color, CurTransMat, Destination, FontId, LineCapStyle, LineDashPattern,
    LineJoinStyle, LinePoint, LinkAnnotation, Op, PaintMode, ParsedFont, PdfDocument,
    PdfFontHandle, PdfPage, PdfSaveOptions, Polygon, PolygonRing, Pt, RawImage, Rect, Rgb,
    TextItem, TextMatrix, WindingOrder, XObject, XObjectId, XObjectTransform,
};
use std::collections::{BTreeMap, BTreeSet};
use structure::Marker;

mod file;
mod structure;

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
/// compressing would not make it smaller. zlib's default level: its best
/// level (lopdf's) took a third of the time of printing a patient's
/// program for files 2% smaller.
pub(crate) fn deflate(stream: &mut lopdf::Stream) -> anyhow::Result<()> {
    if stream.dict.get(b"Filter").is_ok() {
        return Ok(());
    }
    let compressed = compressed(&stream.content)?;
    if compressed.len() + 19 < stream.content.len() {
        stream.dict.set("Filter", "FlateDecode");
        stream.set_content(compressed.to_vec());
    }
    Ok(())
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

/// `bytes` compressed with zlib at its default level, by the calling
/// thread's compressor: made once a thread and reset for each stream, as
/// making one for each of a long handout's thousand pages took a tenth of
/// the compressing.
fn zlib(bytes: &[u8]) -> anyhow::Result<Vec<u8>> {
    use flate2::{Compress, Compression, FlushCompress, Status};
    thread_local! {
        static COMPRESSOR: std::cell::RefCell<Compress> =
            std::cell::RefCell::new(Compress::new(Compression::default(), true));
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
/// the same bytes. The document is consumed: each page is let go as soon as
/// it is translated, so a long checklist is never held twice.
pub fn write_pdf(mut doc: layout::Document) -> anyhow::Result<Vec<u8>> {
    let mut pdf = PdfDocument::new(&doc.meta.title);
    let fonts = add_fonts(&mut pdf, &doc)?;
    let images = add_images(&mut pdf, &doc)?;
    let heights: Vec<f32> = doc.pages.iter().map(|p| p.size.height.0).collect();
    let mut marks = Vec::new();
    let pages = std::mem::take(&mut doc.pages)
        .into_iter()
        .map(|page| {
            let mut marker = Marker::new(&doc.structure);
            let mut ops = page_ops(&page, &fonts, &doc.fonts, &images, &heights, &mut marker);
            marks.push(marker.finish(&mut ops));
            // Every page's operations are held until the file is written:
            // a 52-week checklist has thousands of pages.
            ops.shrink_to_fit();
            PdfPage::new(
                printpdf::Mm(geom::Mm::from(page.size.width).0),
                printpdf::Mm(geom::Mm::from(page.size.height).0),
                ops,
            )
        })
        .collect();
    pdf.with_pages(pages);
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
        // Off so that `Op::Unknown` is written: every operation is this
        // module's own, none comes from a file read in.
        secure: false,
        image_optimization: None,
    };
    let mut warnings = Vec::new();
    let mut lo = pdf.to_lopdf_document(&opts, &mut warnings);
    // Every page's drawing operations, no longer needed: the memory goes
    // to the structure tree and the object streams instead.
    drop(pdf);
    // The pages' content streams are compressed before the structure tree
    // is added: a long checklist's streams shrink tenfold, and its tree of
    // table cells is large too.
    compress_streams(&mut lo)?;
    finish(&mut lo, &doc, &heights)?;
    structure::write_tree(&mut lo, &doc.structure, &marks, &doc.spoken)?;
    // What the tree was made from goes before the file is written.
    drop((doc, marks));
    // The /ID is a hash of the file written with a placeholder /ID, then
    // put in the placeholder's place (it has the same length), so it
    // changes with the content and with nothing else, and the file is
    // serialised once.
    let placeholder = Object::String(ID_PLACEHOLDER.to_vec(), StringFormat::Hexadecimal);
    lo.trailer
        .set("ID", Object::Array(vec![placeholder.clone(), placeholder]));
    // Object streams keep the structure tree's many small dictionaries
    // (one per paragraph, list item and table cell) compressed.
    let mut out = Vec::new();
    file::write(&mut lo, &mut out).context("serialising the PDF")?;
    let id = content_hash(&out);
    replace_id(&mut out, &id)?;
    Ok(out)
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
/// it under a fixed name.
fn add_fonts(
    pdf: &mut PdfDocument,
    doc: &layout::Document,
) -> anyhow::Result<BTreeMap<Face, FontId>> {
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
    let mut ids = BTreeMap::new();
    for (n, (face, chars)) in used.into_iter().enumerate() {
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
        let mut parsed = ParsedFont::from_bytes(&bytes, 0, &mut warnings)
            .ok_or_else(|| anyhow!("re-reading the subset of {face:?}"))?;
        // `XXXXXX+Name` marks a subset (ISO 32000-1, 9.6.4).
        let tag: String = (0..6)
            .map(|i| (b'A' + ((n * 7 + i) % 26) as u8) as char)
            .collect();
        parsed.font_name = Some(format!("{tag}+{}", face.postscript_name()));
        let id = FontId(format!("F{n}"));
        pdf.resources
            .fonts
            .map
            .insert(id.clone(), printpdf::PdfFont::new(parsed));
        ids.insert(face, id);
    }
    Ok(ids)
}

/// Decodes each distinct image (PNG or JPEG) once and registers it under a
/// fixed name. printpdf stores the decoded pixels, compressed losslessly
/// with the rest of the file.
fn add_images(
    pdf: &mut PdfDocument,
    doc: &layout::Document,
) -> anyhow::Result<BTreeMap<Vec<u8>, XObjectId>> {
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
            ids.insert(bytes.clone(), id);
        }
    }
    Ok(ids)
}

fn rgb(c: geom::Color) -> Color {
    Color::Rgb(Rgb::new(
        f32::from(c.r) / 255.0,
        f32::from(c.g) / 255.0,
        f32::from(c.b) / 255.0,
        None,
    ))
}

fn page_ops(
    page: &layout::Page,
    fonts: &BTreeMap<Face, FontId>,
    fallbacks: &[Face],
    images: &BTreeMap<Vec<u8>, XObjectId>,
    heights: &[f32],
    marker: &mut Marker<'_>,
) -> Vec<Op> {
    let h = page.size.height.0;
    let mut ops = Vec::new();
    let mut pen = Pen::default();
    for p in &page.items {
        marker.before(&mut ops, p);
        let (x, y) = (p.at.x.0, p.at.y.0);
        match &p.item {
            Item::Text(run) => {
                // Characters the run's face lacks are set in an added
                // font; each piece moves the text position on by its own
                // glyphs' widths, as layout measured them.
                let mut pieces: Vec<(Face, String)> = Vec::new();
                for (face, piece) in crate::fonts::pieces(run.face, &run.text, fallbacks) {
                    pieces.push((face, piece.to_string()));
                }
                if run.space_after {
                    match pieces.last_mut() {
                        Some((face, piece)) if *face == run.face => piece.push(' '),
                        _ => pieces.push((run.face, " ".to_string())),
                    }
                }
                ops.push(Op::StartTextSection);
                pen.fill(&mut ops, run.color);
                ops.push(Op::SetTextMatrix {
                    matrix: TextMatrix::Translate(Pt(x), Pt(h - y)),
                });
                for (face, piece) in pieces {
                    let Some(font) = fonts.get(&face) else {
                        continue;
                    };
                    pen.font(&mut ops, face, font, run.size.0);
                    ops.push(Op::ShowText {
                        items: vec![TextItem::Text(piece)],
                    });
                }
                ops.push(Op::EndTextSection);
            }
            Item::Shape(shape) => shape_ops(
                &mut ops,
                &mut pen,
                shape,
                &|q: geom::Point| (x + q.x.0, h - (y + q.y.0)),
                1.0,
            ),
            Item::Drawing { drawing, scale } => {
                // Drawn in its own units, placed by one transformation: a
                // QR code's modules are then small whole numbers, several
                // times fewer bytes than page positions. Line widths and
                // dashes are in the drawing's units too, as the PDF scales
                // them with everything else.
                let outside = pen.clone();
                ops.push(Op::SaveGraphicsState);
                ops.push(Op::SetTransformationMatrix {
                    matrix: CurTransMat::Raw([*scale, 0.0, 0.0, -*scale, x, h - y]),
                });
                for shape in &drawing.shapes {
                    shape_ops(&mut ops, &mut pen, shape, &|q| (q.x.0, q.y.0), 1.0);
                }
                ops.push(Op::RestoreGraphicsState);
                // What the drawing set ends with it.
                pen = outside;
            }
            Item::Image {
                bytes,
                pixels,
                size,
            } => {
                let Some(id) = images.get(bytes) else {
                    continue;
                };
                ops.push(Op::UseXobject {
                    id: id.clone(),
                    transform: XObjectTransform {
                        translate_x: Some(Pt(x)),
                        translate_y: Some(Pt(h - y - size.height.0)),
                        scale_x: Some(size.width.0 / pixels.0.max(1) as f32),
                        scale_y: Some(size.height.0 / pixels.1.max(1) as f32),
                        dpi: Some(72.0),
                        ..XObjectTransform::default()
                    },
                });
            }
            Item::Link { size, target } => {
                let actions = match target {
                    LinkTarget::Uri(uri) => Actions::Uri(uri.clone()),
                    LinkTarget::Internal { page, y: top } => Actions::Goto(Destination::Xyz {
                        page: page + 1,
                        left: Some(0.0),
                        top: Some(heights.get(*page).copied().unwrap_or(h) - top.0 + 6.0),
                        zoom: None,
                    }),
                };
                let rect = Rect {
                    x: Pt(x),
                    y: Pt(h - y - size.height.0),
                    width: Pt(size.width.0),
                    height: Pt(size.height.0),
                    mode: None,
                    winding_order: None,
                };
                ops.push(Op::LinkAnnotation {
                    link: LinkAnnotation::new(
                        rect,
                        actions,
                        Some(BorderArray::Solid([0.0, 0.0, 0.0])),
                        None,
                        None,
                    ),
                });
            }
        }
    }
    ops
}

/// A shape as PDF paths: filled as one polygon, stroked sub-path by
/// sub-path (open paths stay open).
fn shape_ops(
    ops: &mut Vec<Op>,
    pen: &mut Pen,
    shape: &geom::Shape,
    map: &dyn Fn(geom::Point) -> (f32, f32),
    scale: f32,
) {
    let point = |q: geom::Point, bezier: bool| {
        let (x, y) = map(q);
        LinePoint {
            p: printpdf::Point { x: Pt(x), y: Pt(y) },
            bezier,
        }
    };
    // A rectangle (a band, a tick box) is one `re`, with nothing to
    // allocate: a checklist has hundreds a page. (A dashed outline's
    // dashes start from its bottom left corner then, not its top left.)
    if let Some(rect) = rectangle(&shape.segments, map) {
        if let Some(fill) = shape.fill {
            pen.fill(ops, fill);
        }
        if let Some(stroke) = shape.stroke {
            pen.stroke(ops, &stroke, scale);
        }
        let mode = match (shape.fill, shape.stroke) {
            (Some(_), Some(_)) => PaintMode::FillStroke,
            (Some(_), None) => PaintMode::Fill,
            (None, Some(_)) => PaintMode::Stroke,
            (None, None) => return,
        };
        ops.push(Op::DrawRectangle {
            rectangle: Rect {
                mode: Some(mode),
                winding_order: Some(WindingOrder::NonZero),
                ..rect
            },
        });
        return;
    }
    // Many rectangles filled together (a QR code's runs of dark modules)
    // are one `re` each and one fill, a quarter of the operators of
    // outlining each. printpdf has no operation for a path of many
    // rectangles, and one operation each was most of the time of writing
    // a library handout's pages: the path goes in as one `Op::Unknown`
    // whose operator is the whole fragment (lopdf writes it as given).
    if let (Some(fill), None) = (shape.fill, shape.stroke)
        && let Some(rects) = rectangles(&shape.segments, map)
    {
        pen.fill(ops, fill);
        let mut path = String::new();
        for rect in rects {
            use std::fmt::Write;
            // As lopdf writes a real: a whole number without a point.
            let [x, y, width, height] = [rect.x, rect.y, rect.width, rect.height].map(|Pt(n)| n);
            let _ = writeln!(path, "{x} {y} {width} {height} re");
        }
        path.push('f');
        ops.push(Op::Unknown {
            key: path,
            value: Vec::new(),
        });
        return;
    }
    let mut paths: Vec<(Vec<LinePoint>, bool)> = Vec::new();
    for seg in shape.segments.iter() {
        match *seg {
            Segment::MoveTo(p) => paths.push((vec![point(p, false)], false)),
            Segment::LineTo(p) => {
                if let Some(path) = paths.last_mut() {
                    path.0.push(point(p, false));
                }
            }
            Segment::CubicTo(a, b, p) => {
                if let Some(path) = paths.last_mut() {
                    path.0
                        .extend([point(a, true), point(b, true), point(p, false)]);
                }
            }
            Segment::Close => {
                if let Some(path) = paths.last_mut() {
                    path.1 = true;
                }
            }
        }
    }
    // One closed outline filled and stroked (a tick box, a framed panel)
    // is one operation: `b` fills and strokes the same path.
    if let ([(points, true)], Some(fill), Some(stroke)) = (&mut paths[..], shape.fill, shape.stroke)
    {
        pen.fill(ops, fill);
        pen.stroke(ops, &stroke, scale);
        ops.push(Op::DrawPolygon {
            polygon: Polygon {
                rings: vec![PolygonRing {
                    points: std::mem::take(points),
                }],
                mode: PaintMode::FillStroke,
                winding_order: WindingOrder::NonZero,
            },
        });
        return;
    }
    if let Some(fill) = shape.fill {
        pen.fill(ops, fill);
        ops.push(Op::DrawPolygon {
            polygon: Polygon {
                rings: paths
                    .iter()
                    .map(|(points, _)| PolygonRing {
                        points: points.clone(),
                    })
                    .collect(),
                mode: PaintMode::Fill,
                winding_order: WindingOrder::NonZero,
            },
        });
    }
    if let Some(stroke) = shape.stroke {
        pen.stroke(ops, &stroke, scale);
        for (points, closed) in paths {
            ops.push(Op::DrawLine {
                line: printpdf::Line {
                    points,
                    is_closed: closed,
                },
            });
        }
    }
}

/// The rectangle a path of [`geom::Shape::rect`]'s form outlines, in PDF
/// coordinates (`map` flips y): its bottom left corner and its size.
fn rectangle(segments: &[Segment], map: &dyn Fn(geom::Point) -> (f32, f32)) -> Option<Rect> {
    let [
        Segment::MoveTo(a),
        Segment::LineTo(b),
        Segment::LineTo(c),
        Segment::LineTo(d),
        Segment::Close,
    ] = *segments
    else {
        return None;
    };
    let square = a.y == b.y && b.x == c.x && c.y == d.y && d.x == a.x;
    if !square || b.x < a.x || c.y < b.y {
        return None;
    }
    let (left, top) = map(a);
    let (right, bottom) = map(c);
    Some(Rect {
        x: Pt(left),
        y: Pt(bottom.min(top)),
        width: Pt(right - left),
        height: Pt((top - bottom).abs()),
        mode: None,
        winding_order: None,
    })
}

/// The rectangles of a path made only of [`geom::Shape::rect`]'s
/// outlines, when it has more than one.
fn rectangles(segments: &[Segment], map: &dyn Fn(geom::Point) -> (f32, f32)) -> Option<Vec<Rect>> {
    if segments.len() <= 5 || !segments.len().is_multiple_of(5) {
        return None;
    }
    (segments.chunks(5))
        .map(|outline| rectangle(outline, map))
        .collect()
}

/// The graphics state a page's content stream is in, so that a colour,
/// width, cap, join or dash is set only when it changes. A checklist sheet
/// draws hundreds of tick boxes in one style: setting it once instead of
/// saving, setting and restoring it around each box keeps a 52-week
/// checklist's operations (and its file) several times smaller.
#[derive(Default, Clone)]
struct Pen {
    /// The text font and size: text state lasts past the end of a text
    /// object, like the colours.
    font: Option<(Face, f32)>,
    fill: Option<geom::Color>,
    stroke: Option<geom::Color>,
    width: Option<f32>,
    style: Option<LineStyle>,
    dash: Option<Option<(f32, f32)>>,
}

impl Pen {
    fn font(&mut self, ops: &mut Vec<Op>, face: Face, id: &FontId, size: f32) {
        if self.font != Some((face, size)) {
            self.font = Some((face, size));
            ops.push(Op::SetFont {
                font: PdfFontHandle::External(id.clone()),
                size: Pt(size),
            });
        }
    }

    fn fill(&mut self, ops: &mut Vec<Op>, color: geom::Color) {
        if self.fill != Some(color) {
            self.fill = Some(color);
            ops.push(Op::SetFillColor { col: rgb(color) });
        }
    }

    fn stroke(&mut self, ops: &mut Vec<Op>, stroke: &geom::Stroke, scale: f32) {
        if self.stroke != Some(stroke.color) {
            self.stroke = Some(stroke.color);
            ops.push(Op::SetOutlineColor {
                col: rgb(stroke.color),
            });
        }
        let width = stroke.width.0 * scale;
        if self.width != Some(width) {
            self.width = Some(width);
            ops.push(Op::SetOutlineThickness { pt: Pt(width) });
        }
        if self.style != Some(stroke.style) {
            self.style = Some(stroke.style);
            let (cap, join) = match stroke.style {
                LineStyle::Round => (LineCapStyle::Round, LineJoinStyle::Round),
                LineStyle::Square => (LineCapStyle::Butt, LineJoinStyle::Miter),
            };
            ops.extend([Op::SetLineCapStyle { cap }, Op::SetLineJoinStyle { join }]);
        }
        let dash = stroke.dash.map(|(on, off)| (on.0 * scale, off.0 * scale));
        if self.dash != Some(dash) {
            self.dash = Some(dash);
            let dash = match dash {
                Some((on, off)) => LineDashPattern::new(0.0, &[on, off]),
                None => LineDashPattern::solid(),
            };
            ops.push(Op::SetLineDashPattern { dash });
        }
    }
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

/// A 16-byte FNV-1a hash (two 64-bit lanes with different seeds): stable
/// across Rust releases, unlike `DefaultHasher`.
fn content_hash(bytes: &[u8]) -> [u8; 16] {
    let lane = |seed: u64| {
        bytes.iter().fold(seed, |h, b| {
            (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
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
