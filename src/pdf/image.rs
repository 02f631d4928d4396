//! Raster figures (and logos) as image XObjects (ISO 32000-1, 8.9.5).
//!
//! A JPEG goes into the file as it is: PDF reads baseline and progressive
//! JPEG itself (the `DCTDecode` filter), so decoding it and storing the
//! pixels again would only make the file larger and the photo no better. A
//! PNG is decoded (with `png`) to 8-bit grey or RGB samples compressed
//! with Flate, its transparency, if any, as a soft mask beside it.

use super::file::{Refs, Writer};
use anyhow::{Context, anyhow};
use pdf_writer::{Chunk, Filter, Ref};

/// A raster image, ready to be written.
pub(super) enum Raster {
    /// A JPEG file's bytes, passed through.
    Jpeg {
        width: u32,
        height: u32,
        /// 1 (grey), 3 (RGB) or 4 (CMYK).
        components: u8,
        /// Adobe's CMYK JPEGs store their ink inverted.
        inverted: bool,
    },
    /// A PNG's samples, compressed.
    Pixels {
        width: u32,
        height: u32,
        grey: bool,
        samples: Vec<u8>,
        /// The opacity of each pixel, compressed; `None` when every pixel
        /// is opaque.
        alpha: Option<Vec<u8>>,
    },
}

/// Reads an image file (PNG or JPEG) for the PDF.
pub(super) fn read(bytes: &[u8]) -> anyhow::Result<Raster> {
    match crate::image::raster_info(bytes).map(|info| info.format) {
        Some(crate::image::RasterFormat::Jpeg) => jpeg(bytes),
        Some(crate::image::RasterFormat::Png) => png(bytes),
        None => Err(anyhow!("an image figure is neither PNG nor JPEG")),
    }
}

/// Writes `raster` (the file `bytes`) as image `id`, and its soft mask if
/// it has one.
pub(super) fn write(
    raster: &Raster,
    bytes: &[u8],
    id: Ref,
    file: &mut Writer,
    refs: &mut Refs,
) -> anyhow::Result<()> {
    match raster {
        Raster::Jpeg {
            width,
            height,
            components,
            inverted,
        } => file.direct(|chunk| {
            let mut image = chunk.image_xobject(id, bytes);
            image
                .width(*width as i32)
                .height(*height as i32)
                .bits_per_component(8)
                .filter(Filter::DctDecode);
            let space = image.color_space();
            match components {
                1 => space.device_gray(),
                4 => space.device_cmyk(),
                _ => space.device_rgb(),
            }
            if *inverted {
                image.decode([1.0, 0.0].repeat(usize::from(*components)));
            }
        }),
        Raster::Pixels {
            width,
            height,
            grey,
            samples,
            alpha,
        } => {
            let mask = alpha.as_ref().map(|_| refs.next());
            file.direct(|chunk| {
                let mut image = pixels(chunk, id, samples, (*width, *height));
                if *grey {
                    image.color_space().device_gray();
                } else {
                    image.color_space().device_rgb();
                }
                if let Some(mask) = mask {
                    image.s_mask(mask);
                }
            })?;
            if let (Some(mask), Some(alpha)) = (mask, alpha) {
                file.direct(|chunk| {
                    let mut image = pixels(chunk, mask, alpha, (*width, *height));
                    image.color_space().device_gray();
                })?;
            }
            Ok(())
        }
    }
}

/// An image of 8-bit samples compressed with Flate; its colour space is
/// the caller's to set.
fn pixels<'a>(
    chunk: &'a mut Chunk,
    id: Ref,
    samples: &'a [u8],
    (width, height): (u32, u32),
) -> pdf_writer::writers::ImageXObject<'a> {
    let mut image = chunk.image_xobject(id, samples);
    image
        .width(width as i32)
        .height(height as i32)
        .bits_per_component(8)
        .filter(Filter::FlateDecode);
    image
}

/// A JPEG's size and colour components, from its frame header.
fn jpeg(bytes: &[u8]) -> anyhow::Result<Raster> {
    let frame = jpeg_frame(bytes).context("a JPEG figure without a readable frame header")?;
    anyhow::ensure!(
        frame.precision == 8 && !frame.arithmetic,
        "a JPEG figure in a form PDF cannot show (12-bit or arithmetic-coded); save it again as an ordinary JPEG"
    );
    // The file is not decoded: a cut-off copy, the commonest damage, is
    // told by its missing end-of-image marker (looked for from the end:
    // some cameras write more after it).
    anyhow::ensure!(
        bytes.windows(2).rev().any(|pair| pair == [0xFF, 0xD9]),
        "a JPEG figure that is cut off (it has no end-of-image marker); copy the file again"
    );
    anyhow::ensure!(
        matches!(frame.components, 1 | 3 | 4),
        "a JPEG figure with {} colour components (1, 3 or 4 can be printed)",
        frame.components
    );
    Ok(Raster::Jpeg {
        width: u32::from(frame.width),
        height: u32::from(frame.height),
        components: frame.components,
        inverted: frame.components == 4 && frame.adobe,
    })
}

/// What a JPEG's frame header (SOF) says, and whether an Adobe marker
/// (APP14) comes before it.
#[derive(Debug, PartialEq)]
struct Frame {
    precision: u8,
    width: u16,
    height: u16,
    components: u8,
    /// Arithmetic coding (SOF9 to SOF15), which PDF readers do not decode.
    arithmetic: bool,
    adobe: bool,
}

/// Walks a JPEG's marker segments up to its frame header (ITU T.81, B.1).
fn jpeg_frame(bytes: &[u8]) -> Option<Frame> {
    let mut at = 2;
    let mut adobe = false;
    if bytes.get(..2)? != [0xFF, 0xD8] {
        return None;
    }
    loop {
        // A marker: 0xFF (perhaps repeated as fill), then its code.
        if *bytes.get(at)? != 0xFF {
            return None;
        }
        while *bytes.get(at)? == 0xFF {
            at += 1;
        }
        let marker = *bytes.get(at)?;
        at += 1;
        // Markers without a segment: restarts, and TEM.
        if matches!(marker, 0xD0..=0xD7 | 0x01) {
            continue;
        }
        let length = usize::from(u16::from_be_bytes([*bytes.get(at)?, *bytes.get(at + 1)?]));
        let segment = bytes.get(at + 2..at + length)?;
        match marker {
            // Frame headers: every SOFn but DHT (C4), JPG (C8) and DAC (CC).
            0xC0..=0xCF if !matches!(marker, 0xC4 | 0xC8 | 0xCC) => {
                return Some(Frame {
                    precision: *segment.first()?,
                    height: u16::from_be_bytes([*segment.get(1)?, *segment.get(2)?]),
                    width: u16::from_be_bytes([*segment.get(3)?, *segment.get(4)?]),
                    components: *segment.get(5)?,
                    arithmetic: marker >= 0xC9,
                    adobe,
                });
            }
            0xEE if segment.starts_with(b"Adobe") => adobe = true,
            // The scan starts with no frame header seen.
            0xDA => return None,
            _ => {}
        }
        at += length;
    }
}

/// A PNG decoded to 8-bit samples (palettes, low bit depths and
/// transparency expanded; 16-bit samples cut to 8), the colour and the
/// opacity apart, each compressed.
fn png(bytes: &[u8]) -> anyhow::Result<Raster> {
    use png::{ColorType, Transformations};
    let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    decoder.set_transformations(Transformations::EXPAND | Transformations::STRIP_16);
    let mut reader = decoder
        .read_info()
        .map_err(|e| anyhow!("reading a PNG figure: {e}"))?;
    let mut buffer = vec![
        0;
        reader
            .output_buffer_size()
            .context("a PNG figure too large")?
    ];
    let frame = reader
        .next_frame(&mut buffer)
        .map_err(|e| anyhow!("decoding a PNG figure: {e}"))?;
    buffer.truncate(frame.buffer_size());
    let channels = match frame.color_type {
        ColorType::Grayscale => 1,
        ColorType::GrayscaleAlpha => 2,
        ColorType::Rgb => 3,
        ColorType::Rgba => 4,
        ColorType::Indexed => anyhow::bail!("a PNG figure's palette was not expanded"),
    };
    let has_alpha = channels % 2 == 0;
    let colours = if has_alpha { channels - 1 } else { channels };
    let (samples, alpha) = if has_alpha {
        let mut samples = Vec::with_capacity(buffer.len() / channels * colours);
        let mut alpha = Vec::with_capacity(buffer.len() / channels);
        for pixel in buffer.chunks_exact(channels) {
            samples.extend_from_slice(&pixel[..colours]);
            alpha.push(pixel[colours]);
        }
        // A mask that hides nothing is left out.
        let opaque = alpha.iter().all(|a| *a == 255);
        (samples, (!opaque).then_some(alpha))
    } else {
        (buffer, None)
    };
    Ok(Raster::Pixels {
        width: frame.width,
        height: frame.height,
        grey: colours == 1,
        samples: super::compress::kept(&samples)?.to_vec(),
        alpha: alpha.map(|a| super::compress::zlib(&a)).transpose()?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::fixtures::TINY_JPEG;

    #[test]
    fn a_jpeg_frame_header_is_found_past_the_other_segments() {
        assert_eq!(
            jpeg_frame(TINY_JPEG),
            Some(Frame {
                precision: 8,
                width: 30,
                height: 20,
                components: 3,
                arithmetic: false,
                adobe: false,
            })
        );
        // SOI, an Adobe APP14 segment, then a progressive CMYK frame.
        let mut cmyk = vec![0xFF, 0xD8, 0xFF, 0xEE, 0x00, 0x0E];
        cmyk.extend_from_slice(b"Adobe\x00\x64\x00\x00\x00\x00\x02");
        cmyk.extend_from_slice(&[0xFF, 0xC2, 0x00, 0x14, 0x08, 0x00, 0x10, 0x00, 0x20, 0x04]);
        cmyk.extend_from_slice(&[0; 12]);
        let frame = jpeg_frame(&cmyk).expect("a frame");
        assert_eq!((frame.width, frame.height, frame.components), (32, 16, 4));
        assert!(frame.adobe && !frame.arithmetic);
        // Cut off before the frame, or no JPEG at all.
        assert_eq!(jpeg_frame(&cmyk[..10]), None);
        assert_eq!(jpeg_frame(b"\x89PNG"), None);
    }

    #[test]
    fn an_arithmetic_coded_or_12_bit_jpeg_is_refused_with_a_reason() {
        let frame = |marker: u8, precision: u8| {
            let mut jpeg = vec![0xFF, 0xD8, 0xFF, marker, 0x00, 0x0B, precision];
            jpeg.extend_from_slice(&[0x00, 0x10, 0x00, 0x20, 0x01, 0x01, 0x11, 0x00]);
            // The scan would be here.
            jpeg.extend_from_slice(&[0xFF, 0xD9]);
            jpeg
        };
        assert!(jpeg(&frame(0xC0, 8)).is_ok());
        for refused in [frame(0xC9, 8), frame(0xC1, 12)] {
            let error = jpeg(&refused).err().expect("refused").to_string();
            assert!(error.contains("ordinary JPEG"), "{error}");
        }
    }

    #[test]
    fn a_cut_off_jpeg_is_refused() {
        assert!(jpeg(TINY_JPEG).is_ok());
        let cut = &TINY_JPEG[..TINY_JPEG.len() - 40];
        let error = jpeg(cut).err().expect("refused").to_string();
        assert!(error.contains("cut off"), "{error}");
    }

    /// A PNG with a palette and transparency: its colours as RGB, its
    /// opacity as a mask beside them; an opaque one has no mask.
    #[test]
    fn a_png_is_decoded_to_8_bit_samples_and_its_transparency_to_a_mask() {
        let encode = |transparent: &[u8]| {
            let mut out = Vec::new();
            let mut encoder = png::Encoder::new(&mut out, 3, 1);
            encoder.set_color(png::ColorType::Indexed);
            encoder.set_depth(png::BitDepth::Two);
            encoder.set_palette(vec![255, 0, 0, 0, 255, 0, 0, 0, 255]);
            encoder.set_trns(transparent.to_vec());
            let mut writer = encoder.write_header().unwrap();
            // Pixels 0, 1, 2 at two bits each.
            writer.write_image_data(&[0b0001_1000]).unwrap();
            writer.finish().unwrap();
            out
        };
        let Raster::Pixels {
            width,
            height,
            grey,
            samples,
            alpha,
        } = png(&encode(&[255, 0, 128])).unwrap()
        else {
            panic!("not pixels");
        };
        assert_eq!((width, height, grey), (3, 1, false));
        assert_eq!(unzip(&samples), [255, 0, 0, 0, 255, 0, 0, 0, 255]);
        assert_eq!(unzip(&alpha.expect("a mask")), [255, 0, 128]);
        let Raster::Pixels { alpha, .. } = png(&encode(&[255, 255, 255])).unwrap() else {
            panic!("not pixels");
        };
        assert!(alpha.is_none(), "every pixel opaque: no mask");
    }

    fn unzip(bytes: &[u8]) -> Vec<u8> {
        let mut out = Vec::with_capacity(1024);
        flate2::Decompress::new(true)
            .decompress_vec(bytes, &mut out, flate2::FlushDecompress::Finish)
            .unwrap();
        out
    }
}
