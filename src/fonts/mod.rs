//! The typefaces the PDF is set in, embedded in the binary, and their
//! metrics.
//!
//! DejaVu Sans (regular, bold, oblique; licence in `src/fonts/LICENSE`)
//! covers Latin, Greek and Cyrillic, so accented names and translated
//! handouts print without tofu. Layout measures text from the fonts' own
//! `cmap` and `hmtx` tables, read with `ttf-parser` (no dependencies, no
//! allocation, never panics on a damaged file) so that `layout` stays free
//! of any PDF crate; `pdf` embeds the same bytes, so what is measured is
//! what is printed.
//!
//! A character none of the faces has would print as an empty box (the
//! `.notdef` glyph); [`unprintable`] finds such characters so that they can
//! be reported before a build, at their place in the content.

use std::cell::RefCell;
use std::collections::BTreeSet;
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
    let mut all = ADDED
        .write()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some(n) = all.iter().position(|a| a.bytes == bytes) {
        return Ok(Face::Added(n as u16));
    }
    let n = u16::try_from(all.len()).map_err(|_| AddError::NotAFont)?;
    let parsed = ttf_parser::Face::parse(bytes, 0).map_err(|_| AddError::NotAFont)?;
    // Read record by record: a damaged file's directory may be out of
    // order, which a binary search would miss.
    let has = |tag: &[u8; 4]| {
        let tag = ttf_parser::Tag::from_bytes(tag);
        (parsed.raw_face().table_records.into_iter()).any(|record| record.tag == tag)
    };
    if !has(b"glyf") {
        return Err(if has(b"CFF ") || has(b"CFF2") {
            AddError::PostScriptOutlines
        } else {
            AddError::NotAFont
        });
    }
    if !Metrics::usable(&parsed) {
        return Err(AddError::NotAFont);
    }
    // Leaked on purpose: a face must outlive every document set in it,
    // and a run adds each font file once.
    let bytes: &'static [u8] = Box::leak(bytes.to_vec().into_boxed_slice());
    let metrics = Metrics::parse(bytes).ok_or(AddError::NotAFont)?;
    let name = postscript_name(&metrics.face).unwrap_or_else(|| format!("AddedFont{n}"));
    all.push(Box::leak(Box::new(Added {
        name: Box::leak(name.into_boxed_str()),
        bytes,
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
            for code in Face::Regular.metrics().codepoints() {
                let Some(c) = char::from_u32(code) else {
                    continue;
                };
                if !Face::ALL
                    .iter()
                    .all(|face| face.metrics().glyph(c).is_some())
                {
                    continue;
                }
                if code < 0x10000 {
                    bmp[code as usize / 64] |= 1 << (code % 64);
                } else {
                    astral.push(code);
                }
            }
            astral.sort_unstable();
            astral.dedup();
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
/// extent, all in font units; and what the PDF's font descriptor says of
/// it.
#[derive(Clone)]
pub struct Metrics {
    /// Font units per em.
    pub units_per_em: u16,
    /// Ascender above the baseline (positive), from `hhea`.
    pub ascent: i16,
    /// Descender below the baseline (negative), from `hhea`.
    pub descent: i16,
    face: ttf_parser::Face<'static>,
    /// The advances of the ASCII characters, looked up without the cmap:
    /// measuring text is most of typesetting, and most text is ASCII.
    ascii: [u16; 128],
}

impl std::fmt::Debug for Metrics {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Metrics")
            .field("units_per_em", &self.units_per_em)
            .field("ascent", &self.ascent)
            .field("descent", &self.descent)
            .finish_non_exhaustive()
    }
}

/// What a PDF font descriptor says of a face (ISO 32000-1, 9.8), in font
/// units.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Descriptor {
    /// The box every glyph fits in: left, bottom, right, top.
    pub bbox: [i16; 4],
    /// Degrees counter-clockwise from the vertical (negative for a face
    /// that leans right).
    pub italic_angle: f32,
    /// The top of flat capital letters.
    pub cap_height: i16,
    /// Every glyph as wide as the others.
    pub fixed_pitch: bool,
    /// The weight class, 100 (thin) to 900 (black); 400 is regular.
    pub weight: u16,
}

impl Metrics {
    /// The glyph for a character, if the face has one.
    pub fn glyph(&self, c: char) -> Option<u16> {
        self.face.glyph_index(c).map(|g| g.0).filter(|g| *g != 0)
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
            None => self.advance_of_glyph(self.glyph(c).unwrap_or(0)),
        }
    }

    /// Advance width of a glyph in font units.
    pub fn advance_of_glyph(&self, glyph: u16) -> u16 {
        let advance = self.face.glyph_hor_advance(ttf_parser::GlyphId(glyph));
        advance.unwrap_or(0)
    }

    /// Width of a string at `size` points, in points.
    pub fn width(&self, text: &str, size: f32) -> f32 {
        let units: u32 = text.chars().map(|c| u32::from(self.advance(c))).sum();
        units as f32 * size / f32::from(self.units_per_em)
    }

    /// What a PDF font descriptor says of the face.
    pub fn descriptor(&self) -> Descriptor {
        let face = &self.face;
        let bbox = face.global_bounding_box();
        Descriptor {
            bbox: [bbox.x_min, bbox.y_min, bbox.x_max, bbox.y_max],
            italic_angle: face.italic_angle(),
            cap_height: face.capital_height().unwrap_or(self.ascent),
            fixed_pitch: face.is_monospaced(),
            weight: face.weight().to_number(),
        }
    }

    /// Every character the face maps to a glyph, each once or more, in
    /// no particular order.
    fn codepoints(&self) -> Vec<u32> {
        let mut out = Vec::new();
        if let Some(cmap) = self.face.tables().cmap {
            for subtable in cmap.subtables.into_iter().filter(|s| s.is_unicode()) {
                subtable.codepoints(|code| out.push(code));
            }
        }
        out
    }

    /// Whether a font has the tables layout measures with: advance widths
    /// and a Unicode character map.
    fn usable(face: &ttf_parser::Face<'_>) -> bool {
        let tables = face.tables();
        let unicode =
            (tables.cmap).is_some_and(|cmap| cmap.subtables.into_iter().any(|s| s.is_unicode()));
        tables.hmtx.is_some() && unicode
    }

    /// The metrics of a TrueType or OpenType font file, or `None` when it
    /// is not one, or lacks the tables layout measures with.
    fn parse(data: &'static [u8]) -> Option<Metrics> {
        let face = ttf_parser::Face::parse(data, 0).ok()?;
        if !Metrics::usable(&face) {
            return None;
        }
        let tables = face.tables();
        let mut metrics = Metrics {
            units_per_em: face.units_per_em(),
            ascent: tables.hhea.ascender,
            descent: tables.hhea.descender,
            face,
            ascii: [0; 128],
        };
        metrics.ascii = std::array::from_fn(|c| {
            let glyph = metrics.glyph(char::from(c as u8)).unwrap_or(0);
            metrics.advance_of_glyph(glyph)
        });
        Some(metrics)
    }
}

/// The PostScript name (name ID 6) of a font, letters, digits and hyphens
/// only.
fn postscript_name(face: &ttf_parser::Face<'_>) -> Option<String> {
    use ttf_parser::PlatformId;
    let names = face.names();
    names.into_iter().find_map(|name| {
        if name.name_id != ttf_parser::name_id::POST_SCRIPT_NAME {
            return None;
        }
        let text = name.to_string().or_else(|| {
            // Macintosh Roman: the PostScript name is ASCII in it.
            (name.platform_id == PlatformId::Macintosh)
                .then(|| name.name.iter().map(|b| char::from(*b)).collect())
        })?;
        let clean: String = (text.chars())
            .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect();
        (!clean.is_empty()).then_some(clean)
    })
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
        // A hang guard (speed is measured by benchmarks).
        assert!(
            started.elapsed().as_secs_f32() < 30.0,
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
