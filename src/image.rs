//! Image files that a figure can point to: which raster formats the PDFs
//! can print, and their pixel size, read from the file's header only.
//!
//! The header is read by `imagesize` (no dependencies, no decoding); the
//! pixels are decoded only when the PDF is written, by printpdf. Both
//! accept exactly PNG and JPEG, so a file [`raster_info`] accepts is one
//! the PDF can print.

/// A raster format the PDFs can print.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RasterFormat {
    /// Portable Network Graphics.
    Png,
    /// JPEG (baseline or progressive).
    Jpeg,
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
