//! The typefaces the PDF is set in, embedded in the binary, and their
//! metrics.
//!
//! DejaVu Sans (regular, bold, oblique; licence in `src/fonts/LICENSE`)
//! covers Latin, Greek and Cyrillic, so accented names and translated
//! handouts print without tofu. Layout measures text from the fonts' own
//! `cmap` and `hmtx` tables, read here with a few dozen lines of sfnt parsing
//! so that `layout` stays free of any PDF crate; `pdf.rs` embeds the same
//! bytes, so what is measured is what is printed.
//!
//! A character none of the faces has would print as an empty box (the
//! `.notdef` glyph); [`unprintable`] finds such characters so that they can
//! be reported before a build, at their place in the content.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::{OnceLock, RwLock};

/// One of the faces the handout is set in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Face {
    /// Body text.
    Regular,
    /// Headings, labels and `**strong**` text.
    Bold,
    /// `*Emphasis*`.
    Oblique,
    /// A font the clinic added (`fonts:` in handout.yaml), by its place
    /// among every font added in this run: it sets the characters DejaVu
    /// lacks, in every style.
    Added(u16),
}

impl Face {
    /// Every face, in a fixed order (the PDF resource order).
    pub const ALL: [Face; 3] = [Face::Regular, Face::Bold, Face::Oblique];

    /// The font file's bytes.
    pub fn bytes(self) -> &'static [u8] {
        match self {
            Face::Regular => include_bytes!("DejaVuSans.ttf"),
            Face::Bold => include_bytes!("DejaVuSans-Bold.ttf"),
            Face::Oblique => include_bytes!("DejaVuSans-Oblique.ttf"),
            Face::Added(n) => added(n).bytes,
        }
    }

    /// The PostScript name of the face.
    pub fn postscript_name(self) -> &'static str {
        match self {
            Face::Regular => "DejaVuSans",
            Face::Bold => "DejaVuSans-Bold",
            Face::Oblique => "DejaVuSans-Oblique",
            Face::Added(n) => added(n).name,
        }
    }

    /// The face's metrics, parsed once.
    pub fn metrics(self) -> &'static Metrics {
        static CELLS: [OnceLock<Metrics>; 3] = [OnceLock::new(), OnceLock::new(), OnceLock::new()];
        let cell = match self {
            Face::Regular => &CELLS[0],
            Face::Bold => &CELLS[1],
            Face::Oblique => &CELLS[2],
            Face::Added(n) => return &added(n).metrics,
        };
        cell.get_or_init(|| {
            Metrics::parse(self.bytes()).expect("the embedded DejaVu fonts are valid sfnt files")
        })
    }
}

/// A font a clinic added: its bytes and metrics live as long as the
/// program, so that a [`Face`] stays a small copyable value.
struct Added {
    name: &'static str,
    bytes: &'static [u8],
    metrics: Metrics,
}

/// Every font added in this run, in the order added; the same file added
/// twice (a rebuild under `serve`) is kept once.
static ADDED: RwLock<Vec<&'static Added>> = RwLock::new(Vec::new());

fn added(n: u16) -> &'static Added {
    let all = ADDED
        .read()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    all[usize::from(n)]
}

/// Why a font file cannot be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AddError {
    /// Not a TrueType or OpenType font (or damaged).
    NotAFont,
    /// A collection of fonts (`.ttc`, `.otc`): one font is needed.
    Collection,
    /// An OpenType font with PostScript (CFF) outlines, which the PDF
    /// writer does not embed.
    PostScriptOutlines,
}

impl std::fmt::Display for AddError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            AddError::NotAFont => "is not a font handout can read (a TrueType .ttf file)",
            AddError::Collection => "is a collection of several fonts (.ttc), not one font",
            AddError::PostScriptOutlines => {
                "has PostScript (CFF) outlines, which the PDFs cannot embed yet"
            }
        })
    }
}

/// Adds a font file for the characters DejaVu lacks, and returns its face.
pub fn add(bytes: &[u8]) -> Result<Face, AddError> {
    if bytes.starts_with(b"ttcf") {
        return Err(AddError::Collection);
    }
    let metrics = Metrics::parse(bytes).ok_or(AddError::NotAFont)?;
    if table(bytes, b"glyf").is_none() {
        return Err(
            if table(bytes, b"CFF ").is_some() || table(bytes, b"CFF2").is_some() {
                AddError::PostScriptOutlines
            } else {
                AddError::NotAFont
            },
        );
    }
    let mut all = ADDED
        .write()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some(n) = all.iter().position(|a| a.bytes == bytes) {
        return Ok(Face::Added(n as u16));
    }
    let n = u16::try_from(all.len()).map_err(|_| AddError::NotAFont)?;
    let name = postscript_name(bytes).unwrap_or_else(|| format!("AddedFont{n}"));
    // Leaked on purpose: a face must outlive every document set in it,
    // and a run adds each font file once.
    all.push(Box::leak(Box::new(Added {
        name: Box::leak(name.into_boxed_str()),
        bytes: Box::leak(bytes.to_vec().into_boxed_slice()),
        metrics,
    })));
    Ok(Face::Added(n))
}

thread_local! {
    /// The added faces of the document being typeset on this thread.
    static FALLBACKS: RefCell<Vec<Face>> = const { RefCell::new(Vec::new()) };
}

/// Runs `work` with `fallbacks` as the faces for the characters the
/// DejaVu faces lack: what [`width`] measures with.
pub fn with_fallbacks<R>(fallbacks: &[Face], work: impl FnOnce() -> R) -> R {
    let before = FALLBACKS.with(|f| f.replace(fallbacks.to_vec()));
    let result = work();
    FALLBACKS.with(|f| f.replace(before));
    result
}

/// `text` cut into pieces, each set in one face: `face` where it has the
/// character, else the first of `fallbacks` that has it.
pub fn pieces<'t>(face: Face, text: &'t str, fallbacks: &[Face]) -> Vec<(Face, &'t str)> {
    if fallbacks.is_empty() || text.is_ascii() {
        return vec![(face, text)];
    }
    let metrics = face.metrics();
    let mut out: Vec<(Face, &'t str)> = Vec::new();
    let mut start = 0;
    let mut current = face;
    for (at, c) in text.char_indices() {
        let chosen = if c.is_ascii() || metrics.glyph(c).is_some() {
            face
        } else {
            (fallbacks.iter().copied())
                .find(|f| f.metrics().glyph(c).is_some())
                .unwrap_or(face)
        };
        if chosen != current && at > start {
            out.push((current, &text[start..at]));
            start = at;
        }
        current = chosen;
    }
    out.push((current, &text[start..]));
    out
}

/// The width of `text` at `size` points: in `face`, and the characters it
/// lacks in the fallbacks of [`with_fallbacks`].
pub fn width(face: Face, text: &str, size: f32) -> f32 {
    if text.is_ascii() {
        return face.metrics().width(text, size);
    }
    FALLBACKS.with(|fallbacks| {
        pieces(face, text, &fallbacks.borrow())
            .into_iter()
            .map(|(face, piece)| face.metrics().width(piece, size))
            .sum()
    })
}

/// The characters of `text` the PDFs cannot print with the `added` fonts
/// beside DejaVu: [`unprintable`], less what an added font has (scripts
/// that need shaping stay unprintable in any font).
pub fn unprintable_with(text: &str, added: &[Face]) -> BTreeSet<char> {
    let mut missing = unprintable(text);
    missing.retain(|c| {
        needs_shaping(*c).is_some() || !added.iter().any(|f| f.metrics().glyph(*c).is_some())
    });
    missing
}

/// The characters in `text` that would print wrong: those that any one of
/// the faces lacks (an empty box), since the same text can be set in any
/// of them (titles are bold, captions oblique), and those of scripts the
/// typesetter cannot set (see [`Unprintable`]). Control characters are not
/// counted: the typesetter turns tabs into spaces, breaks lines at `\n` and
/// drops the other control characters. Every other character, spaces
/// included, needs a glyph: a no-break space and a soft hyphen have one, an
/// ideographic space (U+3000) has none.
///
/// Fast for the common case: ASCII text is accepted without a look-up
/// (every face has every printable ASCII character), and other characters
/// cost a bit test for the Basic Multilingual Plane.
pub fn unprintable(text: &str) -> BTreeSet<char> {
    let mut missing = BTreeSet::new();
    if text.is_ascii() {
        return missing;
    }
    let coverage = Coverage::all_faces();
    for c in text.chars() {
        if !c.is_ascii() && !c.is_control() && (!coverage.has(c) || needs_shaping(c).is_some()) {
            missing.insert(c);
        }
    }
    missing
}

/// Why a character cannot be printed right.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unprintable {
    /// The font has no glyph: it would print as an empty box.
    NotInFont,
    /// It is written right to left (Hebrew, Arabic...): the typesetter
    /// places glyphs left to right, so words would print backwards.
    RightToLeft,
    /// Its letters join and change shape by position (Arabic, Syriac,
    /// Mongolian...): without a shaper they would print apart, in the
    /// wrong forms.
    Joining,
}

impl Unprintable {
    /// Why `c` (one of [`unprintable`]'s) cannot be printed.
    pub fn of(c: char) -> Unprintable {
        needs_shaping(c).unwrap_or(Unprintable::NotInFont)
    }
}

/// Whether a character belongs to a script that needs bidirectional
/// ordering or contextual shaping, which the typesetter does not do:
/// such text is refused rather than printed wrong, even where DejaVu has
/// the glyphs (it has Hebrew and Arabic letters).
fn needs_shaping(c: char) -> Option<Unprintable> {
    use unicode_bidi::BidiClass;
    use unicode_joining_type::JoiningType;
    match unicode_joining_type::get_joining_type(c) {
        JoiningType::DualJoining | JoiningType::LeftJoining | JoiningType::RightJoining => {
            return Some(Unprintable::Joining);
        }
        _ => {}
    }
    match unicode_bidi::bidi_class(c) {
        BidiClass::R | BidiClass::AL => Some(Unprintable::RightToLeft),
        _ => None,
    }
}

/// Which characters every face can print, as a bit set over the Basic
/// Multilingual Plane plus a sorted list of the few characters above it.
struct Coverage {
    bmp: Vec<u64>,
    astral: Vec<u32>,
}

impl Coverage {
    /// The characters all three faces have, computed once.
    fn all_faces() -> &'static Coverage {
        static ALL: OnceLock<Coverage> = OnceLock::new();
        ALL.get_or_init(|| {
            let mut bmp = vec![0u64; 0x10000 / 64];
            let mut astral = Vec::new();
            let regular = Face::Regular.metrics();
            for &code in regular.cmap.keys() {
                if !Face::ALL
                    .iter()
                    .all(|face| face.metrics().cmap.contains_key(&code))
                {
                    continue;
                }
                if code < 0x10000 {
                    bmp[code as usize / 64] |= 1 << (code % 64);
                } else {
                    astral.push(code);
                }
            }
            // The keys of a BTreeMap come sorted.
            Coverage { bmp, astral }
        })
    }

    fn has(&self, c: char) -> bool {
        let code = c as u32;
        if code < 0x10000 {
            self.bmp[code as usize / 64] & (1 << (code % 64)) != 0
        } else {
            self.astral.binary_search(&code).is_ok()
        }
    }
}

/// What layout needs to know about a face: advance widths and vertical
/// extent, all in font units.
#[derive(Debug, Clone)]
pub struct Metrics {
    /// Font units per em.
    pub units_per_em: u16,
    /// Ascender above the baseline (positive).
    pub ascent: i16,
    /// Descender below the baseline (negative).
    pub descent: i16,
    cmap: BTreeMap<u32, u16>,
    advances: Vec<u16>,
    /// The advances of the ASCII characters, looked up without the cmap:
    /// measuring text is most of typesetting, and most text is ASCII.
    ascii: [u16; 128],
}

impl Metrics {
    /// The glyph for a character, if the face has one.
    pub fn glyph(&self, c: char) -> Option<u16> {
        self.cmap.get(&(c as u32)).copied()
    }

    /// Whether the face can print this character.
    pub fn has_char(&self, c: char) -> bool {
        c.is_whitespace() || self.glyph(c).is_some()
    }

    /// Advance width of a character in font units (missing glyphs measure as
    /// `.notdef`).
    pub fn advance(&self, c: char) -> u16 {
        match self.ascii.get(c as usize) {
            Some(&advance) => advance,
            None => self.advance_of_glyph(c),
        }
    }

    fn advance_of_glyph(&self, c: char) -> u16 {
        let gid = self.glyph(c).unwrap_or(0) as usize;
        let last = self.advances.last().copied().unwrap_or(0);
        self.advances.get(gid).copied().unwrap_or(last)
    }

    /// Width of a string at `size` points, in points.
    pub fn width(&self, text: &str, size: f32) -> f32 {
        let units: u32 = text.chars().map(|c| u32::from(self.advance(c))).sum();
        units as f32 * size / f32::from(self.units_per_em)
    }

    fn parse(data: &[u8]) -> Option<Metrics> {
        let table = |tag: &[u8; 4]| table(data, tag);
        let head = table(b"head")?;
        let hhea = table(b"hhea")?;
        let maxp = table(b"maxp")?;
        let hmtx = table(b"hmtx")?;
        let units_per_em = be16(head, 18)?;
        let ascent = be16(hhea, 4)? as i16;
        let descent = be16(hhea, 6)? as i16;
        let long_metrics = be16(hhea, 34)? as usize;
        let glyphs = be16(maxp, 4)? as usize;
        let mut advances = Vec::with_capacity(glyphs);
        for i in 0..glyphs {
            // Glyphs past the long metrics repeat the last advance.
            let advance = be16(hmtx, 4 * i.min(long_metrics.saturating_sub(1)))?;
            advances.push(advance);
        }
        let cmap = parse_cmap(table(b"cmap")?)?;
        let mut metrics = Metrics {
            units_per_em,
            ascent,
            descent,
            cmap,
            advances,
            ascii: [0; 128],
        };
        metrics.ascii = std::array::from_fn(|c| metrics.advance_of_glyph(char::from(c as u8)));
        Some(metrics)
    }
}

/// Reads the Unicode subtable of a `cmap`: format 12 when present (full
/// Unicode), else format 4 (the Basic Multilingual Plane).
fn parse_cmap(cmap: &[u8]) -> Option<BTreeMap<u32, u16>> {
    let count = be16(cmap, 2)? as usize;
    let mut best: Option<(u16, usize)> = None;
    for i in 0..count {
        let rec = 4 + 8 * i;
        let (platform, encoding) = (be16(cmap, rec)?, be16(cmap, rec + 2)?);
        let off = be32(cmap, rec + 4)? as usize;
        let format = be16(cmap, off)?;
        let unicode = platform == 0 || (platform == 3 && (encoding == 1 || encoding == 10));
        if unicode && (format == 12 || (format == 4 && best.is_none())) {
            best = Some((format, off));
        }
    }
    let (format, off) = best?;
    let sub = cmap.get(off..)?;
    let mut map = BTreeMap::new();
    if format == 12 {
        let groups = be32(sub, 12)? as usize;
        for g in 0..groups {
            let rec = 16 + 12 * g;
            let (start, end, gid) = (be32(sub, rec)?, be32(sub, rec + 4)?, be32(sub, rec + 8)?);
            for (k, cp) in (start..=end).enumerate() {
                map.insert(cp, (gid as usize + k) as u16);
            }
        }
    } else {
        let segs = be16(sub, 6)? as usize / 2;
        let (ends, starts, deltas, ranges) = (14, 16 + 2 * segs, 16 + 4 * segs, 16 + 6 * segs);
        for s in 0..segs {
            let end = be16(sub, ends + 2 * s)?;
            let start = be16(sub, starts + 2 * s)?;
            let delta = be16(sub, deltas + 2 * s)?;
            let range_at = ranges + 2 * s;
            let range = be16(sub, range_at)? as usize;
            for cp in start..=end {
                if cp == 0xFFFF {
                    break;
                }
                let gid = if range == 0 {
                    cp.wrapping_add(delta)
                } else {
                    let at = range_at + range + 2 * (cp - start) as usize;
                    match be16(sub, at)? {
                        0 => 0,
                        g => g.wrapping_add(delta),
                    }
                };
                if gid != 0 {
                    map.insert(u32::from(cp), gid);
                }
            }
        }
    }
    Some(map)
}

/// A table of an sfnt file, by its tag.
fn table<'d>(data: &'d [u8], tag: &[u8; 4]) -> Option<&'d [u8]> {
    let count = be16(data, 4)? as usize;
    (0..count).find_map(|i| {
        let rec = 12 + 16 * i;
        if data.get(rec..rec + 4)? != tag {
            return None;
        }
        let off = be32(data, rec + 8)? as usize;
        let len = be32(data, rec + 12)? as usize;
        data.get(off..off.checked_add(len)?)
    })
}

/// The PostScript name (name ID 6) of a font, in ASCII.
fn postscript_name(data: &[u8]) -> Option<String> {
    let name = table(data, b"name")?;
    let count = be16(name, 2)? as usize;
    let strings = be16(name, 4)? as usize;
    for i in 0..count {
        let rec = 6 + 12 * i;
        let (platform, id) = (be16(name, rec)?, be16(name, rec + 6)?);
        if id != 6 {
            continue;
        }
        let len = be16(name, rec + 8)? as usize;
        let off = strings + be16(name, rec + 10)? as usize;
        let raw = name.get(off..off + len)?;
        let text: String = if platform == 3 || platform == 0 {
            raw.chunks(2)
                .filter_map(|pair| char::from_u32(u32::from(be16(pair, 0)?)))
                .collect()
        } else {
            raw.iter().map(|b| char::from(*b)).collect()
        };
        let clean: String = text
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect();
        if !clean.is_empty() {
            return Some(clean);
        }
    }
    None
}

fn be16(d: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes(d.get(at..at + 2)?.try_into().ok()?))
}

fn be32(d: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(d.get(at..at + 4)?.try_into().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn faces_cover_latin_greek_cyrillic_and_the_ballot_box() {
        for face in Face::ALL {
            let m = face.metrics();
            assert_eq!(m.units_per_em, 2048);
            for c in "éñüΆσκησηУпражнение☐✓".chars() {
                assert!(m.has_char(c), "{face:?} lacks {c}");
            }
        }
    }

    #[test]
    fn widths_come_from_hmtx() {
        let m = Face::Regular.metrics();
        // DejaVu Sans: space 651 units, "m" 1995 units.
        assert_eq!(m.advance(' '), 651);
        assert!(m.width("mm", 10.0) > m.width("ii", 10.0));
        assert!(Face::Bold.metrics().width("Stretch", 14.0) > m.width("Stretch", 14.0));
    }

    #[test]
    fn ascii_and_the_usual_scripts_are_printable() {
        let printable: String = (0u8..128).map(char::from).collect();
        assert!(unprintable(&printable).is_empty());
        assert!(
            unprintable("Café, piñata, über. Άσκηση διάτασης. Упражнение ☐ ✓ – — “ ” ‘ ’ … • €")
                .is_empty()
        );
        // What the typesetter handles: tabs, line breaks, other control
        // characters; and spaces and marks the fonts have.
        assert!(
            unprintable("a\tb\r\nc\u{85}\u{7f}\u{a0}\u{ad}\u{200b}\u{2009}\u{202f}").is_empty()
        );
    }

    #[test]
    fn finds_what_a_face_lacks() {
        let found = unprintable("Hello あ world 🙂 and あ again, 中文\u{3000}");
        assert_eq!(
            found.into_iter().collect::<String>(),
            "\u{3000}あ中文🙂",
            "sorted, each once"
        );
        // The oblique face has no Arabic letters, the bold one no
        // mathematical script letters: either would print as a box there.
        assert!(Face::Regular.metrics().glyph('ب').is_some());
        assert_eq!(unprintable("ب 𝒜"), BTreeSet::from(['ب', '𝒜']));
    }

    #[test]
    fn scripts_that_need_shaping_are_unprintable_with_their_reason() {
        // Hebrew is in every face, and still refused: it reads right to left.
        assert!(Face::ALL.iter().all(|f| f.metrics().glyph('ש').is_some()));
        assert_eq!(Unprintable::of('ש'), Unprintable::RightToLeft);
        assert_eq!(Unprintable::of('ب'), Unprintable::Joining);
        assert_eq!(Unprintable::of('あ'), Unprintable::NotInFont);
        assert_eq!(
            unprintable("Shalom שלום"),
            BTreeSet::from(['ו', 'ל', 'ם', 'ש'])
        );
        assert!(unprintable("Ελληνικά, кириллица, café, naïve").is_empty());
    }

    #[test]
    fn agrees_with_the_faces_for_every_character() {
        for code in 0..0x30000u32 {
            let Some(c) = char::from_u32(code) else {
                continue;
            };
            let in_all = Face::ALL.iter().all(|f| f.metrics().glyph(c).is_some());
            let expected = !c.is_control() && (!in_all || needs_shaping(c).is_some());
            assert_eq!(
                unprintable(c.encode_utf8(&mut [0; 4])).contains(&c),
                expected,
                "U+{code:04X}"
            );
        }
    }

    #[test]
    fn a_long_handout_is_checked_quickly() {
        // About 10,000 exercises' worth of mostly ASCII text with accents.
        let text = "Lie on your back, knees bent — breathe out slowly. Café. ".repeat(200_000);
        let started = std::time::Instant::now();
        assert!(unprintable(&text).is_empty());
        let ascii = "Lie on your back, knees bent. ".repeat(400_000);
        assert!(unprintable(&ascii).is_empty());
        // Generous, for a debug build on a busy machine.
        assert!(
            started.elapsed().as_secs_f32() < 5.0,
            "{:?}",
            started.elapsed()
        );
    }

    const JAPANESE: &[u8] =
        include_bytes!("../../tests/fixtures/japanese/fonts/NotoSansJP-subset.ttf");

    #[test]
    fn an_added_font_sets_what_dejavu_lacks_and_nothing_else() {
        let added = add(JAPANESE).expect("a TrueType font");
        assert_eq!(add(JAPANESE), Ok(added), "the same file is added once");
        assert_eq!(
            pieces(Face::Bold, "Calf (ふくらはぎ) é", &[added]),
            [
                (Face::Bold, "Calf ("),
                (added, "ふくらはぎ"),
                (Face::Bold, ") é")
            ]
        );
        // Without the font, all of it is DejaVu's (and a check refuses it).
        assert_eq!(pieces(Face::Regular, "壁", &[]), [(Face::Regular, "壁")]);
        assert!(unprintable("壁").contains(&'壁'));
        assert!(unprintable_with("壁", &[added]).is_empty());
        // A script that needs shaping stays refused, whatever the fonts.
        assert!(unprintable_with("שלום", &[added]).contains(&'ש'));
        let with = with_fallbacks(&[added], || width(Face::Regular, "壁", 10.0));
        let without = width(Face::Regular, "壁", 10.0);
        let em = added.metrics();
        assert_eq!(
            with,
            f32::from(em.advance('壁')) * 10.0 / f32::from(em.units_per_em)
        );
        assert_ne!(with, without, "measured in the font that prints it");
    }

    #[test]
    fn files_that_are_not_one_truetype_font_are_refused_with_the_reason() {
        assert_eq!(add(b"not a font at all"), Err(AddError::NotAFont));
        assert_eq!(add(b"ttcf\x00\x01\x00\x00"), Err(AddError::Collection));
        // The same font with its `glyf` table renamed `CFF `: PostScript
        // outlines as far as the check can tell.
        let mut cff = JAPANESE.to_vec();
        let count = usize::from(u16::from_be_bytes([cff[4], cff[5]]));
        let record = (0..count)
            .map(|i| 12 + 16 * i)
            .find(|&at| &cff[at..at + 4] == b"glyf")
            .unwrap();
        cff[record..record + 4].copy_from_slice(b"CFF ");
        assert_eq!(add(&cff), Err(AddError::PostScriptOutlines));
    }
}
