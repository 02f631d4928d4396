//! Image files that a figure can point to: which formats the PDFs can
//! print (PNG, JPEG and SVG), told from a file's contents, never its name.
//!
//! A PNG or JPEG header is read by `imagesize` (no dependencies, no
//! decoding); only when the PDF is written is a PNG decoded, and a JPEG's
//! frame header read (it goes into the PDF as it is), by `pdf`. Both
//! accept exactly PNG and JPEG, so a file [`raster_info`] accepts is one
//! the PDF can print. An SVG file is turned into a vector drawing by
//! [`svg_drawing`].

mod svg;

pub use svg::{SvgDrawing, svg_drawing};

/// How many bytes of a file [`figure_format`] needs: a PNG or JPEG says
/// what it is in its first bytes, an SVG names its `<svg>` root after at
/// most an XML declaration, a doctype and some comments.
pub const HEAD_BYTES: usize = 8 * 1024;

/// A format of image file the PDFs can print.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FigureFormat {
    /// PNG or JPEG.
    Raster(RasterFormat),
    /// An SVG drawing.
    Svg,
}

/// The format of a file from its first [`HEAD_BYTES`] (or all of a
/// shorter file), or `None` when it is no PNG, JPEG or SVG (a text file
/// named `.png`, a HEIC photo renamed `.jpg`). Cheap: the header says
/// what the file claims to be; whether all of it is readable shows when
/// it is read whole ([`raster_info`], [`svg_drawing`]).
pub fn figure_format(head: &[u8]) -> Option<FigureFormat> {
    match imagesize::image_type(head) {
        Ok(imagesize::ImageType::Png) => Some(FigureFormat::Raster(RasterFormat::Png)),
        Ok(imagesize::ImageType::Jpeg) => Some(FigureFormat::Raster(RasterFormat::Jpeg)),
        _ => looks_like_svg(head).then_some(FigureFormat::Svg),
    }
}

/// Whether a file's first bytes are XML whose root element is `<svg>`:
/// after an optional byte order mark, XML declaration, doctype, comments
/// and processing instructions comes `<svg` or `<prefix:svg`.
fn looks_like_svg(head: &[u8]) -> bool {
    let mut rest = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    loop {
        rest = rest.trim_ascii_start();
        let skip = if rest.starts_with(b"<?") {
            find(rest, b"?>").map(|end| end + 2)
        } else if rest.starts_with(b"<!--") {
            find(rest, b"-->").map(|end| end + 3)
        } else if rest.starts_with(b"<!DOCTYPE") {
            doctype_end(rest)
        } else {
            break;
        };
        match skip {
            Some(n) => rest = &rest[n..],
            None => return false,
        }
    }
    let Some(tag) = rest.strip_prefix(b"<") else {
        return false;
    };
    let name_end = tag
        .iter()
        .position(|b| b.is_ascii_whitespace() || matches!(b, b'>' | b'/'))
        .unwrap_or(tag.len());
    let name = &tag[..name_end];
    // A name cut off by the end of the head is no proof.
    name_end < tag.len() && name.rsplit(|b| *b == b':').next() == Some(b"svg".as_slice())
}

/// Where the first `needle` starts in `haystack`.
fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// The length of a `<!DOCTYPE …>`, whose internal subset in `[…]` may
/// hold `>` (entity declarations, as some drawing programs write).
fn doctype_end(doctype: &[u8]) -> Option<usize> {
    let mut in_subset = false;
    for (i, b) in doctype.iter().enumerate() {
        match b {
            b'[' => in_subset = true,
            b']' => in_subset = false,
            b'>' if !in_subset => return Some(i + 1),
            _ => {}
        }
    }
    None
}

/// A raster format the PDFs can print.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RasterFormat {
    /// Portable Network Graphics.
    Png,
    /// JPEG (baseline or progressive).
    Jpeg,
}

impl RasterFormat {
    /// The format's name, as people know it: `PNG`, `JPEG`.
    pub fn name(self) -> &'static str {
        match self {
            RasterFormat::Png => "PNG",
            RasterFormat::Jpeg => "JPEG",
        }
    }
}

/// What the header of a raster image says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RasterInfo {
    /// The file's format, from its contents (never from its name).
    pub format: RasterFormat,
    /// Width in pixels, at least 1.
    pub width: u32,
    /// Height in pixels, at least 1.
    pub height: u32,
}

/// The format and pixel size of a PNG or JPEG file's contents; `None` for
/// anything else (SVG, GIF, HEIC, a truncated or empty file) and for an
/// image with no pixels.
///
/// The size is the stored one: a JPEG's EXIF orientation is not applied,
/// by this nor by the PDF, so a photo shows as it was stored.
pub fn raster_info(bytes: &[u8]) -> Option<RasterInfo> {
    let format = match imagesize::image_type(bytes).ok()? {
        imagesize::ImageType::Png => RasterFormat::Png,
        imagesize::ImageType::Jpeg => RasterFormat::Jpeg,
        _ => return None,
    };
    let size = imagesize::blob_size(bytes).ok()?;
    let width = u32::try_from(size.width).ok().filter(|w| *w > 0)?;
    let height = u32::try_from(size.height).ok().filter(|h| *h > 0)?;
    Some(RasterInfo {
        format,
        width,
        height,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::fixtures::{TINY_JPEG, tiny_png};

    #[test]
    fn reads_the_format_and_size_of_png_and_jpeg() {
        assert_eq!(
            raster_info(&tiny_png(300, 150, [1, 2, 3])),
            Some(RasterInfo {
                format: RasterFormat::Png,
                width: 300,
                height: 150
            })
        );
        assert_eq!(
            raster_info(TINY_JPEG),
            Some(RasterInfo {
                format: RasterFormat::Jpeg,
                width: 30,
                height: 20
            })
        );
    }

    #[test]
    fn reads_a_progressive_jpeg_header() {
        // SOI, then a progressive frame header (SOF2): precision 8,
        // height 480, width 640.
        let header = [
            0xFF, 0xD8, 0xFF, 0xC2, 0x00, 0x11, 0x08, 0x01, 0xE0, 0x02, 0x80, 0x03, 0x01, 0x22,
            0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01,
        ];
        let info = raster_info(&header).expect("a progressive JPEG");
        assert_eq!(
            (info.format, info.width, info.height),
            (RasterFormat::Jpeg, 640, 480)
        );
    }

    #[test]
    fn tells_png_jpeg_and_svg_from_their_first_bytes() {
        let png = tiny_png(3, 2, [0, 0, 0]);
        assert_eq!(
            figure_format(&png[..16]),
            Some(FigureFormat::Raster(RasterFormat::Png))
        );
        assert_eq!(
            figure_format(&TINY_JPEG[..16]),
            Some(FigureFormat::Raster(RasterFormat::Jpeg))
        );
        for svg in [
            "<svg xmlns='http://www.w3.org/2000/svg'/>",
            "\u{feff}<?xml version=\"1.0\"?>\n<!-- Created with Inkscape -->\n<svg\n  width=\"10\">",
            "<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" [\n <!ENTITY ns \"a>b\">\n]>\n<svg>",
            "<svg:svg xmlns:svg='http://www.w3.org/2000/svg'>",
        ] {
            assert_eq!(
                figure_format(svg.as_bytes()),
                Some(FigureFormat::Svg),
                "{svg}"
            );
        }
    }

    #[test]
    fn refuses_files_that_are_no_png_jpeg_or_svg() {
        for other in [
            &b""[..],
            b"Not an image, just text.\n",
            b"<html><body><svg></svg></body></html>",
            b"<?xml version=\"1.0\"?><svgx/>",
            // A comment that never ends within the head.
            b"<?xml version=\"1.0\"?><!-- <svg>",
            // The root's name cut off: it could go on as `<svgfoo`.
            b"<svg",
            // The start of a HEIC photo renamed .jpg.
            b"\0\0\0\x18ftypheic\0\0\0\0mif1heic",
            b"GIF89a\x01\x00\x01\x00",
        ] {
            assert_eq!(
                figure_format(other),
                None,
                "{}",
                String::from_utf8_lossy(other)
            );
        }
    }

    #[test]
    fn refuses_other_files() {
        assert_eq!(raster_info(b""), None);
        assert_eq!(
            raster_info(b"<svg xmlns='http://www.w3.org/2000/svg'/>"),
            None
        );
        assert_eq!(raster_info(b"GIF89a\x01\x00\x01\x00"), None);
        // A PNG signature with its header cut off.
        assert_eq!(raster_info(b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR"), None);
        // A PNG that claims no pixels.
        assert_eq!(raster_info(&tiny_png(0, 5, [0, 0, 0])), None);
    }
}
