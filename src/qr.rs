//! QR codes as vector drawings: a web address in, a [`Drawing`] of filled
//! squares out, so a PDF prints them sharp at any size and no raster image
//! is ever embedded.
//!
//! Pure and deterministic: the same text always gives the same drawing.
//! The typesetter draws `![alt](qr:URL)` with it; `print` checks every such
//! address (the PDF is written only when all pass), so a bad one is an error naming the
//! template instead of a blank square on paper.

use fast_qr::{ECL, QRBuilder, Version};

use crate::geom::{Color, Drawing, Point, Pt, Segment, Shape, Size};

/// Light modules around the code on every side. The QR standard asks for
/// four: readers find the code by its contrast with this margin.
pub const QUIET_ZONE: usize = 4;

/// The largest QR version printed. Version 10 (57 modules across) holds
/// 213 bytes at level M; a larger code needs modules too small for a
/// phone to read on a handout, or a code too large to sit beside an
/// exercise.
const MAX_VERSION: Version = Version::V10;

/// Medium error correction: the code still reads with about 15% of it
/// smudged or creased, as a handout taped to a fridge will be.
const EC_LEVEL: ECL = ECL::M;

/// Why a text cannot be printed as a QR code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QrProblem {
    /// There is nothing to encode.
    Empty,
    /// The text needs a code larger than [`MAX_VERSION`].
    TooLong {
        /// Its length in bytes.
        bytes: usize,
    },
}

impl std::fmt::Display for QrProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            QrProblem::Empty => write!(f, "the QR code has no web address to encode"),
            QrProblem::TooLong { bytes } => write!(
                f,
                "the web address is too long for a QR code a phone can read on paper \
                 ({bytes} bytes; at most {} fit)",
                max_bytes()
            ),
        }
    }
}

impl std::error::Error for QrProblem {}

/// The most bytes a printable code holds (213), whatever they are.
fn max_bytes() -> usize {
    // Version 10 at level M in byte mode, from the QR standard's table.
    213
}

/// Modules across a code of `version` (1 to 40).
fn width_of(version: Version) -> usize {
    17 + 4 * (version as usize + 1)
}

/// The dark and light modules of a QR code, without the quiet zone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QrCode {
    /// Modules across (and down): 21 for version 1, four more per version.
    width: usize,
    /// Row by row, `true` for a dark module.
    dark: Vec<bool>,
}

/// Checks that a text can be printed as a QR code, without choosing its
/// mask (most of the cost of a finished code).
pub fn check(text: &str) -> Result<(), QrProblem> {
    if text.trim().is_empty() {
        return Err(QrProblem::Empty);
    }
    // Any text of at most this many bytes fits; a longer one may still,
    // in a denser mode (digits, or capitals and a few signs), so that one
    // is set in the largest version, with a mask given.
    if text.len() <= max_bytes() {
        return Ok(());
    }
    let mut builder = QRBuilder::new(text.as_bytes());
    builder.ecl(EC_LEVEL).version(MAX_VERSION);
    match builder.mask(fast_qr::Mask::Checkerboard).build() {
        Ok(_) => Ok(()),
        Err(_) => Err(QrProblem::TooLong { bytes: text.len() }),
    }
}

/// Encodes a text (a web address) as a QR code at level M, in the smallest
/// version that holds it, with the mask the standard's penalty rules
/// choose.
pub fn encode(text: &str) -> Result<QrCode, QrProblem> {
    check(text)?;
    let too_long = || QrProblem::TooLong { bytes: text.len() };
    let code = (QRBuilder::new(text.as_bytes()).ecl(EC_LEVEL).build()).map_err(|_| too_long())?;
    if code.size > width_of(MAX_VERSION) {
        return Err(too_long());
    }
    Ok(QrCode {
        width: code.size,
        dark: (code.data[..code.size * code.size].iter())
            .map(|module| module.value())
            .collect(),
    })
}

impl QrCode {
    /// Modules across, without the quiet zone.
    pub fn width(&self) -> usize {
        self.width
    }

    /// Whether the module in row `y`, column `x` is dark.
    pub fn is_dark(&self, x: usize, y: usize) -> bool {
        x < self.width && y < self.width && self.dark[y * self.width + x]
    }

    /// The code as a drawing one unit per module, quiet zone included (so
    /// `width() + 8` units square): a white square, then the dark modules
    /// as one black filled path. Runs of dark modules along a row are one
    /// rectangle, which grows down while the rows below repeat the run, so
    /// a code is a few hundred rectangles rather than a thousand squares;
    /// and all of them share one path, so no hairline seams show between
    /// neighbours when a viewer smooths edges.
    pub fn drawing(&self) -> Drawing {
        let side = Pt((self.width + 2 * QUIET_ZONE) as f32);
        let width = self.width;
        // Whether row `y` has a run of dark modules from exactly column
        // `x0` to before `x1` (light, or the edge, on both sides).
        let run_at = |y: usize, x0: usize, x1: usize| {
            (x0 == 0 || !self.is_dark(x0 - 1, y))
                && (x0..x1).all(|x| self.is_dark(x, y))
                && !self.is_dark(x1, y)
        };
        let at = |n: usize| Pt((n + QUIET_ZONE) as f32);
        // Written straight into one list, top row first and left to right
        // in a row: a library handout draws a thousand codes of a few
        // hundred rectangles each.
        let mut segments = Vec::with_capacity(width * width / 2);
        for y in 0..width {
            let mut x = 0;
            while x < width {
                if !self.is_dark(x, y) {
                    x += 1;
                    continue;
                }
                let start = x;
                while x < width && self.is_dark(x, y) {
                    x += 1;
                }
                // The same run in the row above began this rectangle.
                if y > 0 && run_at(y - 1, start, x) {
                    continue;
                }
                let rows = (y..width).take_while(|&row| run_at(row, start, x)).count();
                let (left, right, top) = (at(start), at(x), at(y));
                let bottom = top + Pt(rows as f32);
                segments.extend([
                    Segment::MoveTo(Point::new(left, top)),
                    Segment::LineTo(Point::new(right, top)),
                    Segment::LineTo(Point::new(right, bottom)),
                    Segment::LineTo(Point::new(left, bottom)),
                    Segment::Close,
                ]);
            }
        }
        Drawing {
            size: Size::new(side, side),
            shapes: vec![
                Shape {
                    segments: Shape::rect(Point::default(), Size::new(side, side)).into(),
                    fill: Some(Color::WHITE),
                    stroke: None,
                },
                Shape {
                    segments: segments.into(),
                    fill: Some(Color::BLACK),
                    stroke: None,
                },
            ],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geom::Segment;

    const URL: &str = "https://example.org/exercises/calf-stretch/";

    /// The module grid a drawing paints, quiet zone included, read back
    /// from its rectangles.
    fn painted(drawing: &Drawing) -> Vec<Vec<bool>> {
        let n = drawing.size.width.0 as usize;
        let mut grid = vec![vec![false; n]; n];
        for rect in drawing.shapes[1].segments.chunks(5) {
            let (Segment::MoveTo(a), Segment::LineTo(b), Segment::LineTo(c)) =
                (rect[0], rect[1], rect[2])
            else {
                panic!("not a rectangle: {rect:?}");
            };
            for row in grid.iter_mut().take(c.y.0 as usize).skip(a.y.0 as usize) {
                for cell in row.iter_mut().take(b.x.0 as usize).skip(a.x.0 as usize) {
                    assert!(!*cell, "rectangles overlap");
                    *cell = true;
                }
            }
        }
        grid
    }

    #[test]
    fn a_short_address_is_a_small_code_with_its_quiet_zone() {
        let code = encode(URL).unwrap();
        // 43 bytes at level M need version 4 (version 3 holds 42): 33
        // modules across.
        assert_eq!(code.width(), 33);
        let drawing = code.drawing();
        assert_eq!(drawing.size, Size::new(Pt(41.0), Pt(41.0)));
        let grid = painted(&drawing);
        for (y, row) in grid.iter().enumerate() {
            for (x, &dark) in row.iter().enumerate() {
                let inside = (QUIET_ZONE..QUIET_ZONE + 33).contains(&x)
                    && (QUIET_ZONE..QUIET_ZONE + 33).contains(&y);
                if inside {
                    assert_eq!(dark, code.is_dark(x - QUIET_ZONE, y - QUIET_ZONE));
                } else {
                    assert!(!dark, "a dark module in the quiet zone at {x},{y}");
                }
            }
        }
        // The finder pattern's corner, top left, is dark; the white
        // background covers the whole square.
        assert!(grid[QUIET_ZONE][QUIET_ZONE]);
        assert_eq!(drawing.shapes[0].fill, Some(Color::WHITE));
    }

    #[test]
    fn the_same_address_draws_the_same_code() {
        assert_eq!(
            encode(URL).unwrap().drawing(),
            encode(URL).unwrap().drawing()
        );
        assert_ne!(
            encode(URL).unwrap(),
            encode("https://example.org/exercises/ankle-pumps/").unwrap()
        );
    }

    #[test]
    fn empty_and_overlong_addresses_are_refused() {
        assert_eq!(check(""), Err(QrProblem::Empty));
        assert_eq!(encode("  ").unwrap_err(), QrProblem::Empty);
        let fits = format!("https://example.org/{}", "a".repeat(max_bytes() - 20));
        assert_eq!(fits.len(), max_bytes());
        assert!(check(&fits).is_ok());
        let over = format!("{fits}b");
        assert_eq!(check(&over), Err(QrProblem::TooLong { bytes: 214 }));
        assert!(encode(&over).unwrap_err().to_string().contains("214 bytes"));
        // Digits set three to ten bits: 513 fit in the largest version.
        assert!(encode(&"7".repeat(513)).is_ok());
        assert_eq!(
            check(&"7".repeat(514)),
            Err(QrProblem::TooLong { bytes: 514 })
        );
    }
}
