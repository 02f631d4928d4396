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

use std::collections::BTreeSet;
use std::sync::{Arc, OnceLock};

/// One of the faces the handout is set in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Face {
    /// Body text.
    Regular,
    /// Headings, labels and `**strong**` text.
    Bold,
    /// `*Emphasis*`.
    Oblique,
    /// A font the clinic added (`fonts:` in handout.yaml), by its place in
    /// the [`FontBook`]: it sets the characters DejaVu lacks, in every
    /// style.
    Added(u16),
}

impl Face {
    /// Every built-in face, in a fixed order (the PDF resource order).
    pub const ALL: [Face; 3] = [Face::Regular, Face::Bold, Face::Oblique];
}

/// The embedded DejaVu face `face` stands for, if it is one.
fn dejavu(face: Face) -> Option<Embedded> {
    static CELLS: [OnceLock<Metrics>; 3] = [OnceLock::new(), OnceLock::new(), OnceLock::new()];
    static EMBEDDED: [(&str, &[u8]); 3] = [
        ("DejaVuSans", include_bytes!("DejaVuSans.ttf") as &[u8]),
        (
            "DejaVuSans-Bold",
            include_bytes!("DejaVuSans-Bold.ttf") as &[u8],
        ),
        (
            "DejaVuSans-Oblique",
            include_bytes!("DejaVuSans-Oblique.ttf") as &[u8],
        ),
    ];
    let n = match face {
        Face::Regular => 0,
        Face::Bold => 1,
        Face::Oblique => 2,
        Face::Added(_) => return None,
    };
    let (name, bytes) = EMBEDDED[n];
    let metrics = CELLS[n].get_or_init(|| {
        Metrics::parse(bytes).expect("the embedded DejaVu fonts are valid sfnt files")
    });
    Some(Embedded {
        name,
        bytes,
        metrics,
    })
}

/// The metrics of a built-in face.
fn builtin(face: Face) -> &'static Metrics {
    dejavu(face).expect("a built-in face").metrics
}

/// A built-in face: its name, file and metrics.
struct Embedded {
    name: &'static str,
    bytes: &'static [u8],
    metrics: &'static Metrics,
}

/// A font a clinic added: its file, name and metrics, owned by the
/// [`FontBook`] (and shared by its clones).
struct AddedFace {
    name: String,
    bytes: Vec<u8>,
    metrics: Metrics,
}

/// The faces a project's PDFs are set in: the embedded DejaVu faces, and
/// the fonts the clinic added (`fonts:` in handout.yaml), in the order
/// added. The added faces are also the fallbacks: the faces, in order, that
/// set the characters a run's own face lacks.
///
/// Made where the content is loaded and passed down with it (content →
/// print → layout → pdf): a value, so two projects in one process (a
/// rebuild under `serve`, the tests) never see each other's fonts. Cloning
/// it shares the font files.
#[derive(Clone, Default)]
pub struct FontBook {
    added: Vec<Arc<AddedFace>>,
}

impl std::fmt::Debug for FontBook {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list()
            .entries(self.added.iter().map(|a| &a.name))
            .finish()
    }
}

impl PartialEq for FontBook {
    fn eq(&self, other: &FontBook) -> bool {
        (self.added.len() == other.added.len())
            && (self.added.iter().zip(&other.added)).all(|(a, b)| a.bytes == b.bytes)
    }
}

impl FontBook {
    /// Adds a font file for the characters DejaVu lacks, and returns its
    /// face; the same file added twice is kept once.
    pub fn add(&mut self, bytes: &[u8]) -> Result<Face, AddError> {
        if bytes.starts_with(b"ttcf") {
            return Err(AddError::Collection);
        }
        if let Some(n) = self.added.iter().position(|a| a.bytes == bytes) {
            return Ok(Face::Added(n as u16));
        }
        let n = u16::try_from(self.added.len()).map_err(|_| AddError::NotAFont)?;
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
        let metrics = Metrics::parse(bytes).ok_or(AddError::NotAFont)?;
        let name = postscript_name(&parsed).unwrap_or_else(|| format!("AddedFont{n}"));
        self.added.push(Arc::new(AddedFace {
            name,
            bytes: bytes.to_vec(),
            metrics,
        }));
        Ok(Face::Added(n))
    }

    /// The added faces, in the order added: the fallbacks.
    pub fn added(&self) -> impl Iterator<Item = Face> + '_ {
        (0..self.added.len()).map(|n| Face::Added(n as u16))
    }

    fn added_face(&self, n: u16) -> &AddedFace {
        &self.added[usize::from(n)]
    }

    /// The font file's bytes.
    pub fn bytes(&self, face: Face) -> &[u8] {
        match (dejavu(face), face) {
            (Some(embedded), _) => embedded.bytes,
            (None, Face::Added(n)) => &self.added_face(n).bytes,
            (None, _) => unreachable!("every built-in face is embedded"),
        }
    }

    /// The PostScript name of the face.
    pub fn postscript_name(&self, face: Face) -> &str {
        match (dejavu(face), face) {
            (Some(embedded), _) => embedded.name,
            (None, Face::Added(n)) => &self.added_face(n).name,
            (None, _) => unreachable!("every built-in face is embedded"),
        }
    }

    /// The face's metrics, parsed once.
    pub fn metrics(&self, face: Face) -> &Metrics {
        match (dejavu(face), face) {
            (Some(embedded), _) => embedded.metrics,
            (None, Face::Added(n)) => &self.added_face(n).metrics,
            (None, _) => unreachable!("every built-in face is embedded"),
        }
    }

    /// `text` cut into pieces, each set in one face: `face` where it has
    /// the character, else the first added face that has it.
    pub fn pieces<'t>(&self, face: Face, text: &'t str) -> Vec<(Face, &'t str)> {
        if self.added.is_empty() || text.is_ascii() {
            return vec![(face, text)];
        }
        let metrics = self.metrics(face);
        let mut out: Vec<(Face, &'t str)> = Vec::new();
        let mut start = 0;
        let mut current = face;
        for (at, c) in text.char_indices() {
            let chosen = if c.is_ascii() || metrics.glyph(c).is_some() {
                face
            } else {
                (self.added())
                    .find(|f| self.metrics(*f).glyph(c).is_some())
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

    /// The width of `text` at `size` points: in `face`, and the characters
    /// it lacks in the added faces.
    pub fn width(&self, face: Face, text: &str, size: f32) -> f32 {
        if text.is_ascii() {
            return self.metrics(face).width(text, size);
        }
        (self.pieces(face, text).into_iter())
            .map(|(face, piece)| self.metrics(face).width(piece, size))
            .sum()
    }

    /// The characters of `text` the PDFs cannot print with the added fonts
    /// beside DejaVu: [`unprintable`], less what an added font has
    /// (scripts that need shaping stay unprintable in any font).
    pub fn unprintable(&self, text: &str) -> BTreeSet<char> {
        let mut missing = unprintable(text);
        missing.retain(|c| {
            needs_shaping(*c).is_some()
                || !self.added().any(|f| self.metrics(f).glyph(*c).is_some())
        });
        missing
    }
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
            for code in builtin(Face::Regular).codepoints() {
                let Some(c) = char::from_u32(code) else {
                    continue;
                };
                if !Face::ALL
                    .iter()
                    .all(|face| builtin(*face).glyph(c).is_some())
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
/// it. Read from the font file once into tables of its own, so that it
/// borrows nothing and a look-up is an index.
#[derive(Clone)]
pub struct Metrics {
    /// Font units per em.
    pub units_per_em: u16,
    /// Ascender above the baseline (positive), from `hhea`.
    pub ascent: i16,
    /// Descender below the baseline (negative), from `hhea`.
    pub descent: i16,
    /// The glyph of each character of the Basic Multilingual Plane (0 for
    /// none), by its code.
    bmp: Box<[u16]>,
    /// The glyphs of the characters above it, sorted by code.
    astral: Vec<(u32, u16)>,
    /// Each glyph's advance, by its number.
    advances: Box<[u16]>,
    /// The advances of the ASCII characters, looked up without the cmap:
    /// measuring text is most of typesetting, and most text is ASCII.
    ascii: [u16; 128],
    descriptor: Descriptor,
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
        let code = c as u32;
        let glyph = if code < 0x10000 {
            self.bmp[code as usize]
        } else {
            (self.astral.binary_search_by_key(&code, |(c, _)| *c)).map_or(0, |at| self.astral[at].1)
        };
        (glyph != 0).then_some(glyph)
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
        self.advances.get(usize::from(glyph)).copied().unwrap_or(0)
    }

    /// Width of a string at `size` points, in points.
    pub fn width(&self, text: &str, size: f32) -> f32 {
        let units: u32 = text.chars().map(|c| u32::from(self.advance(c))).sum();
        units as f32 * size / f32::from(self.units_per_em)
    }

    /// What a PDF font descriptor says of the face.
    pub fn descriptor(&self) -> Descriptor {
        self.descriptor
    }

    /// Every character the face maps to a glyph, in order.
    fn codepoints(&self) -> impl Iterator<Item = u32> + '_ {
        let bmp = (self.bmp.iter().enumerate()).filter(|(_, g)| **g != 0);
        let astral = self.astral.iter().map(|(code, _)| *code);
        bmp.map(|(code, _)| code as u32).chain(astral)
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
    fn parse(data: &[u8]) -> Option<Metrics> {
        let face = ttf_parser::Face::parse(data, 0).ok()?;
        if !Metrics::usable(&face) {
            return None;
        }
        // Every character some Unicode subtable maps, with the glyph the
        // face's own look-up gives it (the first subtable that has it).
        let glyph = |c: char| face.glyph_index(c).map_or(0, |g| g.0);
        let mut bmp = vec![0u16; 0x10000].into_boxed_slice();
        let mut astral = Vec::new();
        if let Some(cmap) = face.tables().cmap {
            for subtable in cmap.subtables.into_iter().filter(|s| s.is_unicode()) {
                subtable.codepoints(|code| {
                    let Some(c) = char::from_u32(code) else {
                        return;
                    };
                    if code < 0x10000 {
                        bmp[code as usize] = glyph(c);
                    } else if glyph(c) != 0 {
                        astral.push((code, glyph(c)));
                    }
                });
            }
        }
        astral.sort_unstable();
        astral.dedup();
        let advances = (0..face.number_of_glyphs())
            .map(|g| face.glyph_hor_advance(ttf_parser::GlyphId(g)).unwrap_or(0))
            .collect();
        let bbox = face.global_bounding_box();
        let tables = face.tables();
        let mut metrics = Metrics {
            units_per_em: face.units_per_em(),
            ascent: tables.hhea.ascender,
            descent: tables.hhea.descender,
            bmp,
            astral,
            advances,
            ascii: [0; 128],
            descriptor: Descriptor {
                bbox: [bbox.x_min, bbox.y_min, bbox.x_max, bbox.y_max],
                italic_angle: face.italic_angle(),
                cap_height: face.capital_height().unwrap_or(tables.hhea.ascender),
                fixed_pitch: face.is_monospaced(),
                weight: face.weight().to_number(),
            },
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
            let m = builtin(face);
            assert_eq!(m.units_per_em, 2048);
            for c in "éñüΆσκησηУпражнение☐✓".chars() {
                assert!(m.has_char(c), "{face:?} lacks {c}");
            }
        }
    }

    #[test]
    fn widths_come_from_hmtx() {
        let m = builtin(Face::Regular);
        // DejaVu Sans: space 651 units, "m" 1995 units.
        assert_eq!(m.advance(' '), 651);
        assert!(m.width("mm", 10.0) > m.width("ii", 10.0));
        assert!(builtin(Face::Bold).width("Stretch", 14.0) > m.width("Stretch", 14.0));
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
        assert!(builtin(Face::Regular).glyph('ب').is_some());
        assert_eq!(unprintable("ب 𝒜"), BTreeSet::from(['ب', '𝒜']));
    }

    #[test]
    fn scripts_that_need_shaping_are_unprintable_with_their_reason() {
        // Hebrew is in every face, and still refused: it reads right to left.
        assert!(Face::ALL.iter().all(|f| builtin(*f).glyph('ש').is_some()));
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
            let in_all = Face::ALL.iter().all(|f| builtin(*f).glyph(c).is_some());
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
        let mut book = FontBook::default();
        let added = book.add(JAPANESE).expect("a TrueType font");
        assert_eq!(book.add(JAPANESE), Ok(added), "the same file is added once");
        assert_eq!(book.added().collect::<Vec<_>>(), [added]);
        assert_eq!(
            book.pieces(Face::Bold, "Calf (ふくらはぎ) é"),
            [
                (Face::Bold, "Calf ("),
                (added, "ふくらはぎ"),
                (Face::Bold, ") é")
            ]
        );
        // Without the font, all of it is DejaVu's (and a check refuses it).
        let without_book = FontBook::default();
        assert_eq!(
            without_book.pieces(Face::Regular, "壁"),
            [(Face::Regular, "壁")]
        );
        assert!(unprintable("壁").contains(&'壁'));
        assert!(without_book.unprintable("壁").contains(&'壁'));
        assert!(book.unprintable("壁").is_empty());
        // A script that needs shaping stays refused, whatever the fonts.
        assert!(book.unprintable("שלום").contains(&'ש'));
        let with = book.width(Face::Regular, "壁", 10.0);
        let without = without_book.width(Face::Regular, "壁", 10.0);
        let em = book.metrics(added);
        assert_eq!(
            with,
            f32::from(em.advance('壁')) * 10.0 / f32::from(em.units_per_em)
        );
        assert_ne!(with, without, "measured in the font that prints it");
    }

    #[test]
    fn each_book_keeps_its_own_fonts() {
        let mut one = FontBook::default();
        let two = FontBook::default();
        let added = one.add(JAPANESE).expect("a TrueType font");
        assert_eq!(two.added().count(), 0, "a book sees no other book's fonts");
        assert_eq!(one.clone(), one, "a clone shares the same fonts");
        assert_ne!(one, two);
        assert_eq!(one.bytes(added), JAPANESE);
        assert!(!one.postscript_name(added).is_empty());
        assert_eq!(one.postscript_name(Face::Bold), "DejaVuSans-Bold");
    }

    #[test]
    fn the_tables_agree_with_the_font_file() {
        // The metrics are read into tables once: each character's glyph
        // and advance must be what the font file itself says.
        let mut book = FontBook::default();
        let added = book.add(JAPANESE).expect("a TrueType font");
        for (face, bytes) in [
            (Face::Regular, include_bytes!("DejaVuSans.ttf").as_slice()),
            (
                Face::Oblique,
                include_bytes!("DejaVuSans-Oblique.ttf").as_slice(),
            ),
            (added, JAPANESE),
        ] {
            let file = ttf_parser::Face::parse(bytes, 0).unwrap();
            let metrics = book.metrics(face);
            for code in (0..0x30000u32).step_by(7) {
                let Some(c) = char::from_u32(code) else {
                    continue;
                };
                let glyph = file.glyph_index(c).map(|g| g.0).filter(|g| *g != 0);
                assert_eq!(metrics.glyph(c), glyph, "{face:?} U+{code:04X}");
                let advance = file.glyph_hor_advance(ttf_parser::GlyphId(glyph.unwrap_or(0)));
                assert_eq!(metrics.advance(c), advance.unwrap_or(0), "U+{code:04X}");
            }
        }
    }

    #[test]
    fn files_that_are_not_one_truetype_font_are_refused_with_the_reason() {
        let mut book = FontBook::default();
        assert_eq!(book.add(b"not a font at all"), Err(AddError::NotAFont));
        assert_eq!(book.add(b"ttcf\x00\x01\x00\x00"), Err(AddError::Collection));
        // The same font with its `glyf` table renamed `CFF `: PostScript
        // outlines as far as the check can tell.
        let mut cff = JAPANESE.to_vec();
        let count = usize::from(u16::from_be_bytes([cff[4], cff[5]]));
        let record = (0..count)
            .map(|i| 12 + 16 * i)
            .find(|&at| &cff[at..at + 4] == b"glyf")
            .unwrap();
        cff[record..record + 4].copy_from_slice(b"CFF ");
        assert_eq!(book.add(&cff), Err(AddError::PostScriptOutlines));
    }
}
