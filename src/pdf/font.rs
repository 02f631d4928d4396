//! The faces a document uses, subset to its characters with `subsetter`
//! and embedded as composite fonts (ISO 32000-1, 9.7): a `Type0` font with
//! `Identity-H` encoding over a TrueType CID font, each glyph shown by its
//! number in the subset, and a `ToUnicode` map so that the text can be
//! copied, searched and read aloud.

use super::file::{Objects, Refs, Writer};
use crate::fonts::{Face, FontBook};
use crate::layout::{self, Item};
use anyhow::anyhow;
use pdf_writer::types::{CidFontType, FontFlags, SystemInfo, UnicodeCmap};
use pdf_writer::{Filter, Name, Rect, Ref, Str};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// A font resource as the pages show it: its name and the code of each
/// character.
pub(super) struct Font {
    pub(super) name: String,
    /// The codes of ASCII characters, by character.
    ascii: [u16; 128],
    /// The codes of the other characters.
    other: HashMap<char, u16>,
}

impl Font {
    /// The code a character shows as (0, the missing glyph, for one the
    /// face lacks).
    pub(super) fn code(&self, c: char) -> u16 {
        match self.ascii.get(c as usize) {
            Some(code) => *code,
            None => self.other.get(&c).copied().unwrap_or(0),
        }
    }
}

/// A face subset to the characters a document shows in it.
pub(super) struct Subset {
    face: Face,
    /// The characters, each with its glyph in the subset.
    chars: BTreeMap<char, u16>,
    /// The subset font file.
    file: Vec<u8>,
    /// Each glyph of the subset's advance, in font units, by its number.
    advances: Vec<u16>,
}

/// The characters each face shows: a run's face, and the added faces for
/// the characters it lacks.
pub(super) type Used = BTreeMap<Face, BTreeSet<char>>;

/// Adds the characters `doc`'s pages show to `used`.
pub(super) fn add_used(used: &mut Used, doc: &layout::Document) {
    for item in doc.pages.iter().flat_map(|p| &p.items) {
        if let Item::Text(run) = &item.item {
            for (face, piece) in doc.fonts.pieces(run.face, &run.text) {
                used.entry(face).or_default().extend(piece.chars());
            }
            if run.space_after {
                used.entry(run.face).or_default().insert(' ');
            }
        }
    }
}

/// Every face `used` (of `book`), each subset to its characters, on every
/// core.
pub(super) fn subsets(used: &Used, book: &FontBook) -> anyhow::Result<Vec<Subset>> {
    let used: Vec<(&Face, &BTreeSet<char>)> = used.iter().collect();
    crate::parallel::map(&used, 1, |(face, chars)| subset(**face, chars, book))
        .into_iter()
        .collect()
}

/// `face` subset to `chars`; glyph 0 (`.notdef`, what a character the face
/// lacks shows as) always stays.
fn subset(face: Face, chars: &BTreeSet<char>, book: &FontBook) -> anyhow::Result<Subset> {
    let metrics = book.metrics(face);
    let glyphs: Vec<u16> = (chars.iter().filter_map(|c| metrics.glyph(*c)))
        .collect::<BTreeSet<u16>>()
        .into_iter()
        .collect();
    let remapper = subsetter::GlyphRemapper::new_from_glyphs_sorted(&glyphs);
    let file = subsetter::subset(book.bytes(face), 0, &remapper)
        .map_err(|e| anyhow!("subsetting the font {}: {e}", book.postscript_name(face)))?;
    let advances = (remapper.remapped_gids())
        .map(|glyph| metrics.advance_of_glyph(glyph))
        .collect();
    let chars = (chars.iter())
        .map(|c| {
            let glyph = metrics.glyph(*c).and_then(|g| remapper.get(g));
            (*c, glyph.unwrap_or(0))
        })
        .collect();
    Ok(Subset {
        face,
        chars,
        file,
        advances,
    })
}

/// The fonts written: each face's font as the pages show it, and each
/// font's name and object for the pages' resources.
pub(super) struct Written {
    pub(super) shown: BTreeMap<Face, Font>,
    pub(super) resources: Vec<(String, Ref)>,
}

/// Writes each subset as a font (its file, descriptor, widths and
/// `ToUnicode` map) named `F0`, `F1`… in order.
pub(super) fn write(
    subsets: Vec<Subset>,
    book: &FontBook,
    objects: &mut Objects,
    file: &mut Writer,
    refs: &mut Refs,
) -> anyhow::Result<Written> {
    let mut fonts = BTreeMap::new();
    let mut resources = Vec::new();
    for (n, subset) in subsets.into_iter().enumerate() {
        let name = format!("F{n}");
        let font = refs.next();
        write_font(&subset, book, subset_tag(n), font, objects, file, refs)?;
        let mut shown = Font {
            name: name.clone(),
            ascii: [0; 128],
            other: HashMap::new(),
        };
        for (c, glyph) in subset.chars {
            match shown.ascii.get_mut(c as usize) {
                Some(slot) => *slot = glyph,
                None => {
                    shown.other.insert(c, glyph);
                }
            }
        }
        fonts.insert(subset.face, shown);
        resources.push((name, font));
    }
    Ok(Written {
        shown: fonts,
        resources,
    })
}

/// The six capital letters before a subset's name (`ABCDEF+DejaVuSans`)
/// that mark it as a subset (ISO 32000-1, 9.6.4): from its place among
/// the document's fonts, so the same document is always named alike.
fn subset_tag(n: usize) -> String {
    (0..6)
        .map(|i| (b'A' + ((n * 7 + i) % 26) as u8) as char)
        .collect()
}

/// A subset's objects: the `Type0` font (`id`), its CID font, descriptor,
/// font file and `ToUnicode` map.
fn write_font(
    subset: &Subset,
    book: &FontBook,
    tag: String,
    id: Ref,
    objects: &mut Objects,
    file: &mut Writer,
    refs: &mut Refs,
) -> anyhow::Result<()> {
    let (cid_font, descriptor, font_file, to_unicode) =
        (refs.next(), refs.next(), refs.next(), refs.next());
    let base_name = format!("{tag}+{}", book.postscript_name(subset.face));
    let base_name = Name(base_name.as_bytes());
    let metrics = book.metrics(subset.face);
    // PDF glyph space is a thousandth of an em.
    let em = |units: f32| units * 1000.0 / f32::from(metrics.units_per_em);
    let system_info = SystemInfo {
        registry: Str(b"Adobe"),
        ordering: Str(b"Identity"),
        supplement: 0,
    };

    (objects.start::<pdf_writer::writers::Type0Font<'_>>(id))
        .base_font(base_name)
        .encoding_predefined(Name(b"Identity-H"))
        .descendant_font(cid_font)
        .to_unicode(to_unicode);

    let mut cid = objects.start::<pdf_writer::writers::CidFont<'_>>(cid_font);
    cid.subtype(CidFontType::Type2)
        .base_font(base_name)
        .system_info(system_info)
        .font_descriptor(descriptor)
        // The subset numbers its glyphs as the pages show them.
        .cid_to_gid_map_predefined(Name(b"Identity"));
    let widths = subset.advances.iter().map(|a| em(f32::from(*a)));
    cid.widths().consecutive(0, widths);
    drop(cid);

    let d = metrics.descriptor();
    let mut flags = FontFlags::NON_SYMBOLIC;
    flags.set(FontFlags::ITALIC, d.italic_angle != 0.0);
    flags.set(FontFlags::FIXED_PITCH, d.fixed_pitch);
    let [left, bottom, right, top] = d.bbox.map(|v| em(f32::from(v)));
    (objects.start::<pdf_writer::writers::FontDescriptor<'_>>(descriptor))
        .name(base_name)
        .flags(flags)
        .bbox(Rect::new(left, bottom, right, top))
        .italic_angle(d.italic_angle)
        .ascent(em(f32::from(metrics.ascent)))
        .descent(em(f32::from(metrics.descent)))
        .cap_height(em(f32::from(d.cap_height)))
        // PDF wants the thickness of vertical stems, which fonts do not
        // record: estimated from the weight, as other writers do.
        .stem_v(10.0 + 0.244 * (f32::from(d.weight) - 50.0))
        .font_file2(font_file);

    let font_bytes = super::compress::kept(&subset.file)?;
    file.direct(|chunk| {
        (chunk.stream(font_file, &font_bytes))
            .filter(Filter::FlateDecode)
            .pair(Name(b"Length1"), subset.file.len() as i32);
    })?;

    // Each glyph stands for the first character that shows as it.
    let mut cmap = UnicodeCmap::new(Name(b"Custom"), system_info);
    let mut mapped = BTreeSet::new();
    for (c, glyph) in &subset.chars {
        if *glyph != 0 && mapped.insert(*glyph) {
            cmap.pair(*glyph, *c);
        }
    }
    let cmap = super::compress::zlib(cmap.finish().as_slice())?;
    file.direct(|chunk| {
        chunk.stream(to_unicode, &cmap).filter(Filter::FlateDecode);
    })
}
