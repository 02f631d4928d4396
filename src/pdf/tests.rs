//! Tests of the PDF bytes: validity, determinism, size, catalog entries,
//! outline, links and text extraction.

use super::file::content_hash;
use super::*;
use crate::geom;
use crate::layout::tests::{SAMPLE, sample_options};
use crate::pdf::reader::{Object, ObjectId};
use std::collections::BTreeSet;

fn sample_pdf() -> (layout::Document, Vec<u8>) {
    let doc = layout::typeset(SAMPLE, &sample_options());
    let bytes = write_pdf(doc.clone()).expect("the sample writes");
    (doc, bytes)
}

fn decode(o: &Object) -> String {
    match o {
        Object::String(b, _) if b.starts_with(&[0xFE, 0xFF]) => {
            let units: Vec<u16> = b[2..]
                .chunks(2)
                .map(|c| u16::from_be_bytes([c[0], c[1]]))
                .collect();
            String::from_utf16_lossy(&units)
        }
        Object::String(b, _) => String::from_utf8_lossy(b).into_owned(),
        other => format!("{other:?}"),
    }
}

#[test]
fn output_is_a_small_pdf_and_identical_every_time() {
    let (doc, a) = sample_pdf();
    assert!(a.starts_with(b"%PDF-"));
    assert!(a.len() < 200_000, "{} bytes", a.len());
    let b = write_pdf(doc.clone()).unwrap();
    let (_, c) = sample_pdf();
    assert!(a == b && b == c, "two builds in one process differ");
}

#[test]
fn catalog_outline_and_links_are_readable() {
    let (doc, bytes) = sample_pdf();
    let lo = crate::pdf::reader::Document::load_mem(&bytes).expect("the reader reads it back");
    assert_eq!(lo.get_pages().len(), doc.pages.len());
    let catalog = lo.catalog().unwrap();
    assert_eq!(decode(catalog.get(b"Lang").unwrap()), "en-GB");
    assert_eq!(
        catalog.get(b"PageMode").unwrap().as_name().unwrap(),
        b"UseOutlines"
    );
    let prefs = catalog
        .get(b"ViewerPreferences")
        .unwrap()
        .as_dict()
        .unwrap();
    assert!(prefs.get(b"DisplayDocTitle").unwrap().as_bool().unwrap());

    // Walk the outline: top level, then the children of the phase.
    let titles = |first: ObjectId| {
        let mut out = Vec::new();
        let mut next = Some(first);
        while let Some(id) = next {
            let d = lo.get_dictionary(id).unwrap();
            out.push((
                decode(d.get(b"Title").unwrap()),
                d.get(b"First").and_then(Object::as_reference).ok(),
            ));
            next = d.get(b"Next").and_then(Object::as_reference).ok();
        }
        out
    };
    let root = lo
        .get_dictionary(catalog.get(b"Outlines").unwrap().as_reference().unwrap())
        .unwrap();
    let top = titles(root.get(b"First").unwrap().as_reference().unwrap());
    assert_eq!(top[0].0, "Moving well after spine surgery");
    assert_eq!(top[1].0, "Phase 1: the first two weeks");
    let children: Vec<String> = titles(top[1].1.expect("the phase has children"))
        .into_iter()
        .map(|t| t.0)
        .collect();
    assert_eq!(
        children,
        ["Safety", "My checklist", "Words from our patients"]
    );

    let mut uris = Vec::new();
    for page in lo.get_pages().values() {
        let Ok(annots) = lo
            .get_dictionary(*page)
            .unwrap()
            .get(b"Annots")
            .and_then(Object::as_array)
        else {
            continue;
        };
        for a in annots {
            let a = match a {
                Object::Reference(id) => lo.get_dictionary(*id).unwrap(),
                other => other.as_dict().unwrap(),
            };
            if let Ok(uri) = a
                .get(b"A")
                .and_then(Object::as_dict)
                .and_then(|d| d.get(b"URI"))
            {
                uris.push(decode(uri));
            }
        }
    }
    assert!(
        uris.contains(&"https://example.org/spine".to_string()),
        "{uris:?}"
    );
}

#[test]
fn text_extracts_with_accents_greek_and_cyrillic() {
    let (_, bytes) = sample_pdf();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sample.pdf");
    std::fs::write(&path, bytes).unwrap();
    let out = match std::process::Command::new("pdftotext")
        .arg(&path)
        .arg("-")
        .output()
    {
        Ok(out) => out,
        Err(_) => {
            // CI installs poppler before the tests: there a missing
            // pdftotext is a broken set-up, not a reason to pass.
            assert!(
                std::env::var_os("CI").is_none(),
                "pdftotext is not installed, and CI must run the text check"
            );
            println!("skipped: pdftotext is not installed (CI runs this check)");
            return;
        }
    };
    let text = String::from_utf8_lossy(&out.stdout);
    for word in [
        "Núñez",
        "Müller",
        "piñata",
        "über",
        "Ελληνικά",
        "Άσκηση",
        "Упражнение",
        "Page 2 of",
    ] {
        assert!(text.contains(word), "{word} missing from:\n{text}");
    }
}

#[test]
fn accented_titles_survive_in_the_info_dictionary() {
    let mut opts = sample_options();
    opts.meta.title = "Ejercicios después de la cirugía".into();
    let doc = layout::typeset("Hola.", &opts);
    let bytes = write_pdf(doc.clone()).unwrap();
    let lo = crate::pdf::reader::Document::load_mem(&bytes).unwrap();
    let info = lo
        .trailer
        .get(b"Info")
        .and_then(Object::as_reference)
        .unwrap();
    let title = lo.get_dictionary(info).unwrap().get(b"Title").unwrap();
    assert_eq!(decode(title), "Ejercicios después de la cirugía");
}

#[test]
fn qpdf_finds_no_errors() {
    let (_, bytes) = sample_pdf();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sample.pdf");
    std::fs::write(&path, bytes).unwrap();
    let Ok(out) = std::process::Command::new("qpdf")
        .arg("--check")
        .arg(&path)
        .output()
    else {
        // CI installs qpdf before the tests: there a missing qpdf is a
        // broken set-up, not a reason to pass.
        assert!(
            std::env::var_os("CI").is_none(),
            "qpdf is not installed, and CI must run the structure check"
        );
        println!("skipped: qpdf is not installed (CI runs this check)");
        return;
    };
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{report}");
    assert!(
        report.contains("No syntax or stream encoding errors"),
        "{report}"
    );
}

/// An image XObject of a PDF: width, height, colour space, filter, and
/// its bytes (decompressed, unless its filter is one the reader leaves
/// alone: a JPEG's).
type Image = (i64, i64, String, String, Vec<u8>);

/// The image XObjects of a PDF, sorted.
fn images_in(bytes: &[u8]) -> Vec<Image> {
    let lo = crate::pdf::reader::Document::load_mem(bytes).expect("the reader reads it back");
    let mut images: Vec<Image> = lo
        .objects
        .values()
        .filter_map(|o| o.as_stream().ok())
        .filter(|s| {
            s.dict
                .get(b"Subtype")
                .and_then(Object::as_name)
                .is_ok_and(|n| n == b"Image")
        })
        .map(|s| {
            let int = |key: &[u8]| s.dict.get(key).and_then(Object::as_i64).unwrap_or(-1);
            let name = |key: &[u8]| {
                (s.dict.get(key).and_then(Object::as_name))
                    .map(|n| String::from_utf8_lossy(n).into_owned())
                    .unwrap_or_default()
            };
            let content = if name(b"Filter") == "FlateDecode" {
                s.decompressed_content().expect("Flate decodes")
            } else {
                s.content.clone()
            };
            let (space, filter) = (name(b"ColorSpace"), name(b"Filter"));
            (int(b"Width"), int(b"Height"), space, filter, content)
        })
        .collect();
    images.sort();
    images
}

/// A JPEG goes into the file as it is (DCT-encoded, as PDF reads it), a
/// PNG as its pixels.
#[test]
fn jpeg_and_png_figures_become_image_xobjects() {
    use crate::layout::Picture;
    use crate::layout::fixtures::{TINY_JPEG, tiny_png};

    let jpeg = Picture::image(TINY_JPEG.to_vec()).expect("the JPEG fixture is a JPEG");
    let png = Picture::image(tiny_png(12, 8, [11, 93, 107])).expect("a PNG");
    let figures = move |id: &str| match id {
        "photo" => Some(jpeg.clone()),
        "chart" => Some(png.clone()),
        _ => None,
    };
    let mut options = sample_options();
    options.figures = &figures;
    let md = "A photo:\n\n![A photo](figure:photo)\n\nA chart:\n\n![A chart](figure:chart)\n\n\
              The photo again:\n\n![The same photo](figure:photo)\n";
    let doc = layout::typeset(md, &options);
    let placed: Vec<(u32, u32)> = doc
        .pages
        .iter()
        .flat_map(|p| &p.items)
        .filter_map(|p| match &p.item {
            Item::Image { pixels, .. } => Some(*pixels),
            _ => None,
        })
        .collect();
    assert_eq!(placed, [(30, 20), (12, 8), (30, 20)]);
    let bytes = write_pdf(doc.clone()).expect("the figures are embedded");
    let images = images_in(&bytes);
    let shapes: Vec<(i64, i64, &str, &str)> = images
        .iter()
        .map(|(w, h, space, filter, _)| (*w, *h, space.as_str(), filter.as_str()))
        .collect();
    // The photo shown twice is in the file once.
    assert_eq!(
        shapes,
        [
            (12, 8, "DeviceRGB", "FlateDecode"),
            (30, 20, "DeviceRGB", "DCTDecode")
        ]
    );
    assert_eq!(images[0].4[..3], [11, 93, 107], "the PNG's pixels");
    assert_eq!(images[0].4.len(), 12 * 8 * 3, "8-bit RGB");
    assert_eq!(images[1].4, TINY_JPEG, "the JPEG file, byte for byte");
    assert_eq!(
        write_pdf(doc.clone()).unwrap(),
        bytes,
        "still deterministic"
    );
}

/// A drawing is set in its own units inside `q … cm … Q`; its rectangles
/// filled together are one `re` each and one `f`; and the colour it last
/// set is not taken for the page's afterwards (`Q` restored the one from
/// before), so the caption after a figure inked in the caption's own
/// colour still sets that colour.
#[test]
fn a_drawing_is_placed_by_one_transformation_and_leaves_the_colours_as_they_were() {
    let muted = crate::theme::Palette::default().muted;
    let ink = |origin: f32| geom::Shape {
        segments: [0.0, 2.0, 4.0]
            .into_iter()
            .flat_map(|x| {
                geom::Shape::rect(
                    geom::Point::new(geom::Pt(origin + x), geom::Pt(1.0)),
                    geom::Size::new(geom::Pt(1.0), geom::Pt(3.0)),
                )
            })
            .collect(),
        fill: Some(muted),
        stroke: None,
    };
    let drawing = geom::Drawing {
        size: geom::Size::new(geom::Pt(20.0), geom::Pt(10.0)),
        shapes: vec![ink(0.0), ink(10.0)],
    };
    let figures =
        move |id: &str| (id == "inked").then(|| layout::Picture::Drawing(drawing.clone()));
    let mut options = sample_options();
    options.figures = &figures;
    let doc = layout::typeset(
        "# A heading\n\n![Bars](figure:inked)\n\nBody text.",
        &options,
    );
    let bytes = write_pdf(doc).unwrap();
    let lo = crate::pdf::reader::Document::load_mem(&bytes).unwrap();
    let page = *lo.get_pages().values().next().unwrap();
    let content = lo.get_and_decode_page_content(page).unwrap();
    let ops: Vec<(&str, Vec<f32>)> = (content.operations.iter())
        .map(|op| {
            let numbers = op.operands.iter().filter_map(|o| o.as_float().ok());
            (op.operator.as_str(), numbers.collect())
        })
        .collect();
    let at = |name: &str| ops.iter().position(|(op, _)| *op == name).unwrap();
    let (save, transform, restore) = (at("q"), at("cm"), at("Q"));
    assert!(save < transform && transform < restore, "{ops:?}");
    let drawn: Vec<&str> = ops[transform + 1..restore]
        .iter()
        .map(|(op, _)| *op)
        .collect();
    assert_eq!(drawn, ["rg", "re", "re", "re", "f", "re", "re", "re", "f"]);
    // In the drawing's units: the second bar of the second shape.
    assert_eq!(ops[transform + 7].1, [12.0, 1.0, 1.0, 3.0]);
    // The fill colour each text is shown in, following `q` and `Q`; its
    // components written to a thousandth.
    let rgb = |c: geom::Color| {
        let component = |v: u8| (f32::from(v) / 255.0 * 1000.0).round() / 1000.0;
        [c.r, c.g, c.b].map(component).to_vec()
    };
    let (mut fill, mut saved, mut shown) = (Vec::new(), Vec::new(), Vec::new());
    for (op, numbers) in &ops {
        match *op {
            "rg" => fill = numbers.clone(),
            "q" => saved.push(fill.clone()),
            "Q" => fill = saved.pop().unwrap(),
            "Tj" | "TJ" if saved.is_empty() => shown.push(fill.clone()),
            _ => {}
        }
    }
    // The heading, then the caption.
    assert_eq!(shown.get(1), Some(&rgb(muted)), "{ops:?}");
}

/// The file's `/ID` changes with any byte of the file, also one more zero
/// at its end, and with nothing else.
#[test]
fn the_content_hash_changes_with_every_byte() {
    let bytes: Vec<u8> = (0..1000u32).map(|i| (i * 7 % 251) as u8).collect();
    let hash = content_hash(&bytes);
    assert_eq!(hash, content_hash(&bytes.clone()));
    for at in [0, 7, 8, 500, 999] {
        for bit in [0, 7] {
            let mut changed = bytes.clone();
            changed[at] ^= 1 << bit;
            assert_ne!(content_hash(&changed), hash, "byte {at}, bit {bit}");
        }
    }
    let mut longer = bytes.clone();
    longer.push(0);
    assert_ne!(content_hash(&longer), hash);
    assert_ne!(content_hash(&[]), content_hash(&[0]));
}

/// Every page shares one resource dictionary, which names every font.
#[test]
fn the_pages_share_one_resource_dictionary() {
    let (doc, bytes) = sample_pdf();
    assert!(doc.pages.len() > 1, "the sample has pages to share");
    let lo = crate::pdf::reader::Document::load_mem(&bytes).unwrap();
    let resources: BTreeSet<ObjectId> = (lo.get_pages().values())
        .map(|page| {
            let page = lo.get_dictionary(*page).unwrap();
            page.get(b"Resources").unwrap().as_reference().unwrap()
        })
        .collect();
    assert_eq!(resources.len(), 1, "{resources:?}");
    let shared = lo.get_dictionary(*resources.first().unwrap()).unwrap();
    let fonts = shared.get(b"Font").unwrap().as_dict().unwrap();
    assert_eq!(fonts.len(), 3, "regular, bold and oblique");
}

/// The sample written as two parts of one document (as a long checklist is
/// written a sheet at a time).
fn sample_in_two_parts() -> (layout::Document, Vec<u8>) {
    let part = layout::typeset(SAMPLE, &sample_options());
    let mut survey = Survey::default();
    survey.add(&part);
    survey.add(&part);
    assert_eq!(survey.pages(), 2 * part.pages.len());
    let mut writer = Writer::new(survey).unwrap();
    writer.add(part.clone()).unwrap();
    writer.add(part.clone()).unwrap();
    (part, writer.finish().unwrap())
}

#[test]
fn a_document_written_in_parts_reads_as_one() {
    let (part, bytes) = sample_in_two_parts();
    let n = part.pages.len();
    let lo = crate::pdf::reader::Document::load_mem(&bytes).unwrap();
    let pages: Vec<ObjectId> = lo.get_pages().into_values().collect();
    assert_eq!(pages.len(), 2 * n);
    // Each part's pages in its own place, the same text twice.
    let text = |page: usize| {
        let content = lo.get_page_content(pages[page]);
        crate::pdf::reader::content::Content::decode(&content)
            .unwrap()
            .operations
            .len()
    };
    for page in 0..n {
        assert_eq!(text(page), text(page + n), "page {page}");
    }
    // The outline lists both parts, the second's entries on its own pages.
    let catalog = lo.catalog().unwrap();
    let root = catalog.get(b"Outlines").unwrap().as_reference().unwrap();
    let mut next = lo.get_dictionary(root).unwrap().get(b"First").ok().cloned();
    let mut targets = Vec::new();
    while let Some(Object::Reference(id)) = next {
        let item = lo.get_dictionary(id).unwrap();
        let dest = item.get(b"Dest").unwrap().as_array().unwrap();
        let page = dest[0].as_reference().unwrap();
        targets.push(pages.iter().position(|p| *p == page).unwrap());
        next = item.get(b"Next").ok().cloned();
    }
    let half = targets.len() / 2;
    assert!(half > 0 && targets.len() == 2 * half, "{targets:?}");
    for (first, second) in targets[..half].iter().zip(&targets[half..]) {
        assert_eq!(first + n, *second, "{targets:?}");
    }
    // An internal link of the second part leads to its own pages.
    let mut internal = Vec::new();
    for (at, page) in pages.iter().enumerate() {
        let Ok(annots) = lo
            .get_dictionary(*page)
            .unwrap()
            .get(b"Annots")
            .and_then(Object::as_array)
        else {
            continue;
        };
        for a in annots {
            let a = lo.get_dictionary(a.as_reference().unwrap()).unwrap();
            let Ok(dest) = a
                .get(b"A")
                .and_then(Object::as_dict)
                .and_then(|d| d.get(b"D"))
            else {
                continue;
            };
            let to = dest.as_array().unwrap()[0].as_reference().unwrap();
            internal.push((at, pages.iter().position(|p| *p == to).unwrap()));
        }
    }
    assert!(!internal.is_empty());
    assert!(
        internal.iter().all(|(at, to)| (*at < n) == (*to < n)),
        "{internal:?}"
    );
    // One document element, whose kids are both parts'.
    let tree = catalog
        .get(b"StructTreeRoot")
        .unwrap()
        .as_reference()
        .unwrap();
    let tree = lo.get_dictionary(tree).unwrap();
    let document = tree.get(b"K").unwrap().as_reference().unwrap();
    let kids = lo.get_dictionary(document).unwrap().get(b"K").unwrap();
    let kids = kids.as_array().unwrap().len();
    let (_, whole) = sample_pdf();
    let lo_whole = crate::pdf::reader::Document::load_mem(&whole).unwrap();
    let tree = lo_whole.catalog().unwrap().get(b"StructTreeRoot").unwrap();
    let tree = lo_whole
        .get_dictionary(tree.as_reference().unwrap())
        .unwrap();
    let document = tree.get(b"K").unwrap().as_reference().unwrap();
    let one = lo_whole
        .get_dictionary(document)
        .unwrap()
        .get(b"K")
        .unwrap();
    assert_eq!(kids, 2 * one.as_array().unwrap().len());
    assert_eq!(
        tree.get(b"ParentTreeNextKey").unwrap().as_i64().unwrap() * 2,
        lo.catalog()
            .and_then(|c| c.get(b"StructTreeRoot"))
            .and_then(Object::as_reference)
            .and_then(|t| lo.get_dictionary(t))
            .unwrap()
            .get(b"ParentTreeNextKey")
            .unwrap()
            .as_i64()
            .unwrap()
    );
}

#[test]
fn a_part_the_survey_did_not_count_is_refused() {
    let part = layout::typeset(SAMPLE, &sample_options());
    let mut survey = Survey::default();
    survey.add(&part);
    let mut writer = Writer::new(survey).unwrap();
    writer.add(part.clone()).unwrap();
    writer.add(part).unwrap();
    let error = writer.finish().unwrap_err().to_string();
    assert!(error.contains("pages written"), "{error}");
}
