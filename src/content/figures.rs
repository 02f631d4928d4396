//! Checks of the figure files that exercises and the theme point to:
//! inside figures/, there, and a PNG, JPEG or SVG image by its contents.

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

use crate::diag::did_you_mean;

/// Whether a figure path is inside figures/, exists, and is an image we can
/// show; else what is wrong and what to do. `figures` maps each file of
/// figures/ to the path to read it at; `outside` each link in figures/
/// that leads out of the content folder to where it leads.
pub(super) fn check_figure_path(
    path: &str,
    figures: &BTreeMap<String, PathBuf>,
    outside: &BTreeMap<String, PathBuf>,
) -> Option<(String, String)> {
    let relative = Path::new(path);
    let escapes = relative.is_absolute()
        || relative.components().any(|c| {
            matches!(
                c,
                Component::ParentDir | Component::RootDir | Component::Prefix(_)
            )
        });
    if escapes || !path.starts_with("figures/") {
        return Some((
            format!("the figure '{path}' is outside the content's figures/ folder"),
            "put the image in content/figures/ and write `image: figures/<name>`".into(),
        ));
    }
    let normal: PathBuf = relative
        .components()
        .filter(|c| !matches!(c, Component::CurDir))
        .collect();
    let normal = normal.to_string_lossy().replace('\\', "/");
    if let Some(target) = outside.get(&normal) {
        return Some((
            format!(
                "the figure '{path}' is a link to a file outside the content folder ({})",
                target.display()
            ),
            "copy the picture into content/figures/ instead of linking to it: everything a build reads stays in the content folder".into(),
        ));
    }
    let Some(real) = figures.get(&normal) else {
        let names = figures.keys().map(String::as_str);
        let hint = match did_you_mean(&normal, names) {
            Some(close) => format!("did you mean '{close}'?"),
            None if figures.is_empty() => "the figures/ folder has no images yet".to_string(),
            None => format!(
                "images in figures/: {}",
                figures.keys().cloned().collect::<Vec<_>>().join(", ")
            ),
        };
        return Some((format!("the figure '{path}' does not exist"), hint));
    };
    let ext = normal
        .rsplit_once('.')
        .map_or("", |(_, e)| e)
        .to_ascii_lowercase();
    if !["png", "jpg", "jpeg", "svg"].contains(&ext.as_str()) {
        return Some((
            format!("the figure '{path}' is not a PNG, JPEG or SVG image"),
            "convert it to PNG or SVG".into(),
        ));
    }
    check_figure_contents(path, real)
}

/// Whether a figure file's contents are a PNG, JPEG or SVG image, whatever
/// its name says (a text file named `.png`, a phone's HEIC photo renamed
/// `.jpg`). Only the first bytes are read: they tell the format.
fn check_figure_contents(path: &str, real: &Path) -> Option<(String, String)> {
    use std::io::Read;
    let mut head = Vec::new();
    let read = std::fs::File::open(real).and_then(|file| {
        file.take(crate::image::HEAD_BYTES as u64)
            .read_to_end(&mut head)
    });
    if let Err(error) = read {
        return Some((
            format!("the figure '{path}' cannot be read: {error}"),
            "check its permissions".into(),
        ));
    }
    match crate::image::figure_format(&head) {
        Some(crate::image::FigureFormat::Raster(_)) => return check_raster_size(path, real, &head),
        Some(crate::image::FigureFormat::Svg) => return check_svg_safety(path, real),
        None => {}
    }
    let hint = if head.is_empty() {
        "the file is empty: export the figure again as PNG, JPEG or SVG"
    } else if is_text(&head) {
        "the file holds text, not an image: export the figure again as PNG, JPEG or SVG"
    } else {
        "it is another kind of file (a HEIC photo renamed .jpg is still HEIC): \
         open it in an image editor and export it as PNG, JPEG or SVG"
    };
    Some((
        format!("the figure '{path}' is not a PNG, JPEG or SVG image, whatever its name says"),
        hint.into(),
    ))
}

/// The largest SVG figure file, in bytes: a drawing, not a photo.
const MAX_SVG_BYTES: u64 = 4 * 1024 * 1024;

/// Whether an SVG figure is safe to publish: the website copies it, and a
/// browser runs what an SVG carries. Scripts, event handlers, script links,
/// embedded HTML and references to other files or sites are refused: a
/// figure is a picture, and needs none of them.
fn check_svg_safety(path: &str, real: &Path) -> Option<(String, String)> {
    let size = std::fs::metadata(real).map_or(0, |m| m.len());
    if size > MAX_SVG_BYTES {
        return Some((
            format!(
                "the figure '{path}' is {} KiB; an SVG figure may be at most {} KiB",
                size / 1024,
                MAX_SVG_BYTES / 1024
            ),
            "simplify the drawing, or export it as PNG".into(),
        ));
    }
    let text = match std::fs::read(real) {
        Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
        Err(error) => {
            return Some((
                format!("the figure '{path}' cannot be read: {error}"),
                "check its permissions".into(),
            ));
        }
    };
    let (line, what) = svg_hazard(&text)?;
    Some((
        format!("the figure '{path}' carries {what} (its line {line}), which a browser would run or fetch"),
        "remove it from the SVG (a figure needs no scripts, links or outside files), or export the figure again as plain SVG or PNG".into(),
    ))
}

/// The first thing in an SVG that must not reach a web page: its line
/// (from 1) and what it is.
fn svg_hazard(text: &str) -> Option<(usize, &'static str)> {
    let lower = text.to_ascii_lowercase();
    let line_of = |at: usize| lower[..at].matches('\n').count() + 1;
    let mut found: Vec<(usize, &'static str)> = Vec::new();
    for (needle, what) in [
        ("<script", "a script"),
        ("<foreignobject", "embedded HTML"),
        ("javascript:", "a script link"),
        ("vbscript:", "a script link"),
        ("<!entity", "an XML entity"),
        ("@import", "a style sheet from elsewhere"),
    ] {
        if let Some(at) = lower.find(needle) {
            found.push((at, what));
        }
    }
    // Event handlers: an attribute named on… (onload=, onclick=).
    let bytes = lower.as_bytes();
    for (at, _) in lower.match_indices("on") {
        let before = at.checked_sub(1).map(|i| bytes[i]);
        if !before.is_some_and(|b| b.is_ascii_whitespace()) {
            continue;
        }
        let name_end = lower[at + 2..]
            .find(|c: char| !c.is_ascii_alphabetic())
            .map_or(lower.len(), |n| at + 2 + n);
        let rest = lower[name_end..].trim_start();
        if name_end > at + 2 && rest.starts_with('=') {
            found.push((at, "an event handler (a script)"));
            break;
        }
    }
    // Links and url(...) that leave the file: only `#fragment` and inline
    // `data:image/` stay inside it.
    for pattern in ["href", "url("] {
        for (at, _) in lower.match_indices(pattern) {
            let rest = lower[at + pattern.len()..].trim_start();
            let rest = rest.strip_prefix('=').map_or(rest, str::trim_start);
            let target = rest.trim_start_matches(['"', '\'', ' ']);
            if pattern == "href" && !rest.starts_with(['"', '\'']) {
                continue;
            }
            // Script links are named as such above.
            let script = target.starts_with("javascript:") || target.starts_with("vbscript:");
            if !(script || target.starts_with('#') || target.starts_with("data:image/")) {
                found.push((at, "a reference to another file or site"));
                break;
            }
        }
    }
    found
        .into_iter()
        .min_by_key(|(at, _)| *at)
        .map(|(at, what)| (line_of(at), what))
}

/// The largest PNG or JPEG figure file, in bytes.
const MAX_RASTER_BYTES: u64 = 32 * 1024 * 1024;

/// The most pixels a PNG or JPEG figure may have: 40 million (8000 by
/// 5000). Every figure is decoded whole for the PDFs, at four bytes a pixel.
const MAX_RASTER_PIXELS: u64 = 40_000_000;

/// Whether a PNG or JPEG figure is small enough to print: its file size,
/// and its pixel size from its header (read from the whole file when the
/// header lies past the first bytes, as a JPEG's can after its metadata).
fn check_raster_size(path: &str, real: &Path, head: &[u8]) -> Option<(String, String)> {
    let hint = "scale it down (a figure needs at most about 3000 pixels on its \
                longest side) and export it again";
    let bytes = std::fs::metadata(real).map_or(0, |m| m.len());
    if bytes > MAX_RASTER_BYTES {
        return Some((
            format!(
                "the figure '{path}' is too large: {} MiB, more than the {} MiB a figure may have",
                bytes.div_ceil(1024 * 1024),
                MAX_RASTER_BYTES / (1024 * 1024)
            ),
            hint.into(),
        ));
    }
    let info = crate::image::raster_info(head)
        .or_else(|| crate::image::raster_info(&std::fs::read(real).ok()?));
    let Some(info) = info else {
        return Some((
            format!("the figure '{path}' is damaged: its size in pixels cannot be read"),
            "open it in an image editor and export it again as PNG or JPEG".into(),
        ));
    };
    if let Some(why) = cut_short(real, info.format) {
        return Some((
            format!("the figure '{path}' is damaged: {why}"),
            "export it again from the original picture as PNG or JPEG".into(),
        ));
    }
    let pixels = u64::from(info.width) * u64::from(info.height);
    if pixels > MAX_RASTER_PIXELS {
        return Some((
            format!(
                "the figure '{path}' is too large: {} by {} pixels, more than the {} million a figure may have",
                info.width,
                info.height,
                MAX_RASTER_PIXELS / 1_000_000
            ),
            hint.into(),
        ));
    }
    None
}

/// Why a PNG or JPEG file is incomplete (cut short by a copy or a
/// download that stopped), or `None` when it is whole as far as its
/// structure tells: a PNG's chunks reach its end chunk within the file, a
/// JPEG ends with its end marker. The pixels are not decoded here.
fn cut_short(real: &Path, format: crate::image::RasterFormat) -> Option<&'static str> {
    use std::io::{Read, Seek, SeekFrom};
    let mut file = std::fs::File::open(real).ok()?;
    let length = file.metadata().ok()?.len();
    let cut = "the file is cut short: it ends before its picture does";
    match format {
        crate::image::RasterFormat::Png => {
            // The signature, then chunks: length, type, data, checksum.
            let mut at = 8u64;
            loop {
                let mut header = [0u8; 8];
                if file.seek(SeekFrom::Start(at)).is_err() || file.read_exact(&mut header).is_err()
                {
                    return Some(cut);
                }
                let data = u64::from(u32::from_be_bytes([
                    header[0], header[1], header[2], header[3],
                ]));
                at += 12 + data;
                if at > length {
                    return Some(cut);
                }
                if &header[4..8] == b"IEND" {
                    return None;
                }
            }
        }
        crate::image::RasterFormat::Jpeg => {
            // The end marker, perhaps followed by padding a camera adds.
            let tail_length = length.min(64 * 1024);
            let mut tail = vec![0u8; tail_length as usize];
            file.seek(SeekFrom::End(-(tail_length as i64))).ok()?;
            file.read_exact(&mut tail).ok()?;
            let ends = tail.windows(2).any(|w| w == [0xFF, 0xD9]);
            (!ends).then_some(cut)
        }
    }
}

/// Whether the start of a file reads as text: UTF-8 (perhaps cut in the
/// middle of a character) without control characters.
fn is_text(head: &[u8]) -> bool {
    let valid = match std::str::from_utf8(head) {
        Ok(_) => true,
        Err(error) => error.error_len().is_none(),
    };
    valid
        && head
            .iter()
            .all(|b| !b.is_ascii_control() || b.is_ascii_whitespace())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `figures/<name>` holding `bytes`, checked as `image: figures/<name>`.
    fn check(name: &str, bytes: &[u8]) -> Option<(String, String)> {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join(name);
        std::fs::write(&real, bytes).unwrap();
        let relative = format!("figures/{name}");
        let figures = BTreeMap::from([(relative.clone(), real)]);
        check_figure_path(&relative, &figures, &BTreeMap::new())
    }

    #[test]
    fn images_pass_by_their_contents() {
        let png = crate::layout::fixtures::tiny_png(2, 2, [0, 0, 0]);
        assert_eq!(check("a.png", &png), None);
        // A PNG named .jpg is still an image the PDFs print.
        assert_eq!(check("a.jpg", &png), None);
        assert_eq!(check("a.jpeg", crate::layout::fixtures::TINY_JPEG), None);
        let svg = "<?xml version='1.0'?>\n<svg xmlns='http://www.w3.org/2000/svg'/>";
        assert_eq!(check("a.svg", svg.as_bytes()), None);
    }

    #[test]
    fn a_file_that_is_no_image_is_refused_whatever_its_name() {
        let not = |name: &str| {
            format!(
                "the figure 'figures/{name}' is not a PNG, JPEG or SVG image, whatever its name says"
            )
        };
        let (message, hint) = check("a.png", b"Just some notes.\n").unwrap();
        assert_eq!(message, not("a.png"));
        assert!(hint.starts_with("the file holds text"), "{hint}");
        let (message, hint) = check("a.jpg", b"\0\0\0\x18ftypheic\0\0\0\0mif1heic").unwrap();
        assert_eq!(message, not("a.jpg"));
        assert!(hint.contains("HEIC"), "{hint}");
        let (_, hint) = check("a.svg", b"").unwrap();
        assert!(hint.starts_with("the file is empty"), "{hint}");
    }

    #[test]
    fn raster_figures_too_large_or_damaged_are_refused() {
        // A PNG header claiming 30000 by 30000 pixels: only the header is read.
        let mut png = crate::layout::fixtures::tiny_png(1, 1, [0, 0, 0]);
        png[16..20].copy_from_slice(&30000u32.to_be_bytes());
        png[20..24].copy_from_slice(&30000u32.to_be_bytes());
        let (message, hint) = check("huge.png", &png).unwrap();
        assert_eq!(
            message,
            "the figure 'figures/huge.png' is too large: 30000 by 30000 pixels, \
             more than the 40 million a figure may have"
        );
        assert!(hint.starts_with("scale it down"), "{hint}");
        let (message, _) = check("cut.png", &png[..12]).unwrap();
        assert_eq!(
            message,
            "the figure 'figures/cut.png' is damaged: its size in pixels cannot be read"
        );
        // Cut short after its header: the picture's data is missing.
        let whole = crate::layout::fixtures::tiny_png(4, 4, [0, 0, 0]);
        let (message, hint) = check("short.png", &whole[..whole.len() - 20]).unwrap();
        assert_eq!(
            message,
            "the figure 'figures/short.png' is damaged: the file is cut short: it ends before its picture does"
        );
        assert!(hint.starts_with("export it again"), "{hint}");
        let jpeg = crate::layout::fixtures::TINY_JPEG;
        let (message, _) = check("short.jpg", &jpeg[..jpeg.len() - 10]).unwrap();
        assert!(
            message.contains("is damaged: the file is cut short"),
            "{message}"
        );
        assert_eq!(check("whole.jpg", jpeg), None);
        let mut big = crate::layout::fixtures::tiny_png(2, 2, [0, 0, 0]);
        big.resize(33 * 1024 * 1024, 0);
        let (message, _) = check("big.png", &big).unwrap();
        assert!(message.contains("is too large: 33 MiB"), "{message}");
    }

    #[test]
    fn svg_figures_that_would_run_or_fetch_something_are_refused() {
        let plain = r##"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">
  <defs><linearGradient id="g"/></defs>
  <rect width="10" height="10" fill="url(#g)" opacity="0.5" stroke-linejoin="round"/>
  <use href="#g"/>
</svg>"##;
        assert_eq!(svg_hazard(plain), None);
        for (svg, what, line) in [
            ("<svg>\n<script>alert(1)</script></svg>", "a script", 2),
            (
                "<svg>\n\n<rect onload = \"x()\"/></svg>",
                "an event handler (a script)",
                3,
            ),
            (
                "<svg><a href=\"javascript:x()\">x</a></svg>",
                "a script link",
                1,
            ),
            (
                "<svg><image href=\"https://tracker.example/p.png\"/></svg>",
                "a reference to another file or site",
                1,
            ),
            (
                "<svg><image xlink:href='file:///etc/passwd'/></svg>",
                "a reference to another file or site",
                1,
            ),
            (
                "<svg><rect fill=\"url(https://x.example/f)\"/></svg>",
                "a reference to another file or site",
                1,
            ),
            (
                "<svg><foreignObject><p>x</p></foreignObject></svg>",
                "embedded HTML",
                1,
            ),
            (
                "<!DOCTYPE svg [<!ENTITY x SYSTEM \"file:///\">]><svg/>",
                "an XML entity",
                1,
            ),
        ] {
            assert_eq!(svg_hazard(svg), Some((line, what)), "{svg}");
        }
    }

    #[test]
    fn text_is_told_from_binary() {
        assert!(is_text(b"notes\r\n\tmore"));
        // Cut in the middle of a character (the first byte of an e-acute).
        assert!(is_text(b"caf\xc3"));
        assert!(!is_text(b"caf\xc3("));
        assert!(!is_text(b"\0\0\0\x18ftyp"));
    }
}
