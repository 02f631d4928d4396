//! An SVG file as a [`Drawing`] the PDFs can print: usvg resolves the
//! file (CSS, `use`, units, arcs, markers, the viewBox) into plain paths,
//! and this turns them into our own shapes.
//!
//! Our shapes are solid colours painted in order, with no transparency and
//! no clipping, so some of SVG has no match here. A gradient prints as
//! the colour halfway along it and opacity as a paler colour (the PDFs
//! print on white); text, embedded images, masks, filters and clip paths
//! are left out, and [`SvgDrawing::left_out`] names them so that the
//! caller can warn: nothing is dropped in silence.
//!
//! The website publishes this drawing written back as SVG, never the file
//! itself: an SVG file can carry scripts, HTML and links in more spellings
//! than any filter knows (`<s:script>`, `<h:iframe>`, event handlers), and
//! a drawing made of paths has none of them. What the rewrite drops that
//! matters (scripts, HTML, links, animations, text) is named with the line
//! it stands on ([`SvgDrawing::found_at`]).

use std::collections::BTreeSet;
use std::sync::atomic::{AtomicBool, Ordering};

use usvg::tiny_skia_path::PathSegment;

use crate::geom::{Color, Drawing, LineStyle, Point, Pt, Segment, Shape, Size, Stroke};

/// What a drawing of an SVG file printed and what it left out.
#[derive(Debug, Clone, PartialEq)]
pub struct SvgDrawing {
    /// The shapes, in the SVG's own units (CSS pixels), y down from the
    /// top left; `size` is the SVG's `width` and `height`.
    pub drawing: Drawing,
    /// What the file uses that the drawing leaves out, sorted, each once
    /// (`"text"`, `"masks"`…); empty when it prints whole.
    pub left_out: Vec<&'static str>,
    /// The line (from 1) where each kind of [`SvgDrawing::left_out`] that
    /// is found in the file's XML first stands, in the order of the lines.
    pub found_at: Vec<(&'static str, u32)>,
}

/// Draws an SVG file's contents; `Err` with the reason when it is not an
/// SVG usvg can read (not UTF-8, not XML, no `<svg>` root, no size).
///
/// Images it links to are never read: a figure must print the same
/// wherever the build runs, and a drawing must not reach for other files.
pub fn svg_drawing(bytes: &[u8]) -> Result<SvgDrawing, String> {
    let text = std::str::from_utf8(bytes).map_err(|_| "it is not UTF-8 text".to_string())?;
    let xml = usvg::roxmltree::Document::parse_with_options(
        text,
        usvg::roxmltree::ParsingOptions {
            allow_dtd: true,
            ..Default::default()
        },
    )
    .map_err(|error| error.to_string())?;
    let root = xml.root_element().tag_name();
    if root.namespace() != Some(SVG) {
        // usvg would only say that the document has no root.
        return Err(if root.name() == "svg" {
            format!("its <svg> element lacks xmlns=\"{SVG}\"")
        } else {
            format!("its root element is <{}>, not <svg>", root.name())
        });
    }
    let mut left_out = BTreeSet::new();
    // Without usvg's `text` feature (which would bring a font stack) text
    // vanishes during parsing, and scripts, HTML and links never reach its
    // tree, so they are looked for in the XML.
    let found_at = not_drawn(&xml);
    left_out.extend(found_at.iter().map(|(what, _)| *what));

    let images = AtomicBool::new(false);
    let options = usvg::Options {
        image_href_resolver: usvg::ImageHrefResolver {
            resolve_data: Box::new(|_, _, _| {
                images.store(true, Ordering::Relaxed);
                None
            }),
            resolve_string: Box::new(|_, _| {
                images.store(true, Ordering::Relaxed);
                None
            }),
        },
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_xmltree(&xml, &options).map_err(|error| error.to_string())?;
    if images.load(Ordering::Relaxed) {
        left_out.insert(IMAGES);
    }

    let size = tree.size();
    let mut drawing = Drawing {
        size: Size::new(Pt(size.width()), Pt(size.height())),
        shapes: Vec::new(),
    };
    group(tree.root(), 1.0, &mut drawing.shapes, &mut left_out);
    Ok(SvgDrawing {
        drawing,
        left_out: left_out.into_iter().collect(),
        found_at,
    })
}

const IMAGES: &str = "embedded images";

/// The SVG namespace, which an SVG file's elements must be in.
const SVG: &str = "http://www.w3.org/2000/svg";

/// The XHTML namespace: its elements inside an SVG file are HTML, which a
/// browser runs (`<h:script>`, `<h:iframe>`, `<h:meta http-equiv>`).
const XHTML: &str = "http://www.w3.org/1999/xhtml";

const SCRIPTS: &str = "scripts";
const HTML: &str = "HTML elements";

/// SVG's elements that draw, or that hold or shape what is drawn: all
/// that usvg turns into paths and paints. (Text and images are named
/// apart.)
const DRAWING_ELEMENTS: &[&str] = &[
    "svg",
    "g",
    "defs",
    "symbol",
    "use",
    "switch",
    "path",
    "rect",
    "circle",
    "ellipse",
    "line",
    "polyline",
    "polygon",
    "linearGradient",
    "radialGradient",
    "stop",
    "pattern",
    "clipPath",
    "mask",
    "marker",
    "filter",
    "style",
    "title",
    "desc",
    "metadata",
    "view",
];

/// What in the file's XML no drawing can hold, each kind with the line
/// where it first stands, in the order of the lines: scripts (in any
/// namespace, and event handlers such as `onload=`), HTML (the XHTML
/// namespace, `foreignObject`, HTML names such as an unprefixed
/// `<iframe>`), links, animations, text and pictures. Elements of other
/// namespaces (a drawing program's notes: `inkscape:`, `sodipodi:`, `rdf:`)
/// are inert and left out without a word, as is everything in `<metadata>`.
fn not_drawn(xml: &usvg::roxmltree::Document<'_>) -> Vec<(&'static str, u32)> {
    let mut found: Vec<(&'static str, u32)> = Vec::new();
    let mut note = |what: &'static str, node: usvg::roxmltree::Node<'_, '_>| {
        if !found.iter().any(|(known, _)| *known == what) {
            found.push((what, xml.text_pos_at(node.range().start).row));
        }
    };
    for node in xml.descendants().filter(|n| n.is_element()) {
        if node
            .ancestors()
            .skip(1)
            .any(|a| a.tag_name().name() == "metadata" && a.tag_name().namespace() == Some(SVG))
        {
            continue;
        }
        let name = node.tag_name();
        let what = match (name.namespace(), name.name()) {
            (Some(SVG | XHTML) | None, "script") => Some(SCRIPTS),
            (Some(XHTML) | None, _) => Some(HTML),
            (Some(SVG), "foreignObject") => Some("foreign objects (HTML)"),
            (Some(SVG), "a") => Some("links"),
            (
                Some(SVG),
                "animate" | "animateMotion" | "animateTransform" | "animateColor" | "set",
            ) => Some("animations"),
            (Some(SVG), "image") => Some(IMAGES),
            (Some(SVG), "text")
                if node
                    .descendants()
                    .any(|n| n.is_text() && !n.text().unwrap_or("").trim().is_empty()) =>
            {
                Some("text")
            }
            (Some(SVG), "text" | "tspan" | "textPath") => None,
            (Some(SVG), other) if other.starts_with("fe") => None,
            (Some(SVG), other) if !DRAWING_ELEMENTS.contains(&other) => Some(HTML),
            _ => None,
        };
        if let Some(what) = what {
            note(what, node);
        }
        let handler = node.attributes().any(|a| {
            a.namespace().is_none()
                && a.name().len() > 2
                && a.name()
                    .get(..2)
                    .is_some_and(|on| on.eq_ignore_ascii_case("on"))
        });
        if handler && matches!(name.namespace(), Some(SVG | XHTML)) {
            note(SCRIPTS, node);
        }
    }
    found.sort_by_key(|(_, line)| *line);
    found
}

/// Adds a group's shapes, `opacity` being its ancestors' combined.
fn group(
    g: &usvg::Group,
    opacity: f32,
    shapes: &mut Vec<Shape>,
    left_out: &mut BTreeSet<&'static str>,
) {
    // The content of a clipped, masked or filtered group still prints,
    // whole and unaffected: closer to the picture than leaving it out.
    if g.clip_path().is_some() {
        left_out.insert("clip paths");
    }
    if g.mask().is_some() {
        left_out.insert("masks");
    }
    if !g.filters().is_empty() {
        left_out.insert("filters");
    }
    if g.blend_mode() != usvg::BlendMode::Normal {
        left_out.insert("blend modes");
    }
    let opacity = opacity * g.opacity().get();
    for node in g.children() {
        match node {
            usvg::Node::Group(child) => group(child, opacity, shapes, left_out),
            usvg::Node::Path(p) => path(p, opacity, shapes, left_out),
            usvg::Node::Image(_) => {
                left_out.insert(IMAGES);
            }
            usvg::Node::Text(_) => {
                left_out.insert("text");
            }
        }
    }
}

/// Adds a path as one shape (two when its stroke is painted first).
fn path(
    p: &usvg::Path,
    opacity: f32,
    shapes: &mut Vec<Shape>,
    left_out: &mut BTreeSet<&'static str>,
) {
    if !p.is_visible() {
        return;
    }
    let transform = p.abs_transform();
    let segments = segments(p.data(), transform);
    let fill = p.fill().and_then(|fill| {
        if fill.rule() == usvg::FillRule::EvenOdd
            && segments
                .iter()
                .filter(|s| matches!(s, Segment::MoveTo(_)))
                .count()
                > 1
        {
            // Our fills are non-zero: a hole drawn in the same direction
            // as its outline would fill in.
            left_out.insert("the even-odd fill rule");
        }
        paint(fill.paint(), opacity * fill.opacity().get(), left_out)
    });
    let stroke = p.stroke().and_then(|stroke| {
        let color = paint(stroke.paint(), opacity * stroke.opacity().get(), left_out)?;
        // The mean scale of the transform: exact for a uniform scale.
        let scale = (transform.sx * transform.sy - transform.kx * transform.ky)
            .abs()
            .sqrt();
        let round =
            stroke.linecap() == usvg::LineCap::Round || stroke.linejoin() == usvg::LineJoin::Round;
        Some(Stroke {
            color,
            width: Pt(stroke.width().get() * scale),
            style: if round {
                LineStyle::Round
            } else {
                LineStyle::Square
            },
            // Our dashes are one length and one gap: the pattern's first.
            dash: stroke.dasharray().and_then(|dashes| match dashes {
                [on, off, ..] => Some((Pt(on * scale), Pt(off * scale))),
                _ => None,
            }),
        })
    });
    if fill.is_none() && stroke.is_none() {
        return;
    }
    if p.paint_order() == usvg::PaintOrder::StrokeAndFill && fill.is_some() && stroke.is_some() {
        shapes.push(Shape {
            segments: segments.clone().into(),
            fill: None,
            stroke,
        });
        shapes.push(Shape {
            segments: segments.into(),
            fill,
            stroke: None,
        });
    } else {
        shapes.push(Shape {
            segments: segments.into(),
            fill,
            stroke,
        });
    }
}

/// A path's segments with its transform applied; quadratic curves become
/// cubic ones.
fn segments(data: &usvg::tiny_skia_path::Path, transform: usvg::Transform) -> Vec<Segment> {
    let map = |mut p: usvg::tiny_skia_path::Point| {
        transform.map_point(&mut p);
        Point::new(Pt(p.x), Pt(p.y))
    };
    let mut out = Vec::new();
    let mut last = Point::default();
    let mut start = Point::default();
    for segment in data.segments() {
        match segment {
            PathSegment::MoveTo(p) => {
                last = map(p);
                start = last;
                out.push(Segment::MoveTo(last));
            }
            PathSegment::LineTo(p) => {
                last = map(p);
                out.push(Segment::LineTo(last));
            }
            PathSegment::QuadTo(c, p) => {
                // A quadratic curve is the cubic whose control points lie
                // two thirds of the way from each end to its one control.
                let (c, end) = (map(c), map(p));
                let toward = |from: Point| {
                    Point::new(
                        from.x + (c.x - from.x) * (2.0 / 3.0),
                        from.y + (c.y - from.y) * (2.0 / 3.0),
                    )
                };
                out.push(Segment::CubicTo(toward(last), toward(end), end));
                last = end;
            }
            PathSegment::CubicTo(a, b, p) => {
                last = map(p);
                out.push(Segment::CubicTo(map(a), map(b), last));
            }
            PathSegment::Close => {
                out.push(Segment::Close);
                last = start;
            }
        }
    }
    out
}

/// A paint as one solid colour, faded towards white by `opacity`; `None`
/// (and a note) when it has none.
fn paint(
    paint: &usvg::Paint,
    opacity: f32,
    left_out: &mut BTreeSet<&'static str>,
) -> Option<Color> {
    let (color, alpha) = match paint {
        usvg::Paint::Color(c) => (rgb(*c), 1.0),
        usvg::Paint::LinearGradient(g) => halfway(g.stops())?,
        usvg::Paint::RadialGradient(g) => halfway(g.stops())?,
        usvg::Paint::Pattern(pattern) => match first_colour(pattern.root()) {
            Some(color) => (color, 1.0),
            None => {
                left_out.insert("pattern fills");
                return None;
            }
        },
    };
    Some(fade(color, opacity * alpha))
}

/// The colour and opacity halfway along a gradient (its representative
/// colour: our shapes are painted in one colour).
fn halfway(stops: &[usvg::Stop]) -> Option<(Color, f32)> {
    let at = |s: &usvg::Stop| (s.offset().get(), rgb(s.color()), s.opacity().get());
    let after = stops
        .iter()
        .position(|s| s.offset().get() >= 0.5)
        .unwrap_or(stops.len().checked_sub(1)?);
    let (to_offset, to, to_alpha) = at(&stops[after]);
    let Some(before) = after.checked_sub(1).map(|i| at(&stops[i])) else {
        return Some((to, to_alpha));
    };
    let (from_offset, from, from_alpha) = before;
    let t = if to_offset > from_offset {
        ((0.5 - from_offset) / (to_offset - from_offset)).clamp(0.0, 1.0)
    } else {
        1.0
    };
    let mix = |a: u8, b: u8| (f32::from(a) + (f32::from(b) - f32::from(a)) * t).round() as u8;
    Some((
        Color::rgb(mix(from.r, to.r), mix(from.g, to.g), mix(from.b, to.b)),
        from_alpha + (to_alpha - from_alpha) * t,
    ))
}

/// The first solid colour a pattern paints with, standing for the pattern.
fn first_colour(g: &usvg::Group) -> Option<Color> {
    g.children().iter().find_map(|node| match node {
        usvg::Node::Group(child) => first_colour(child),
        usvg::Node::Path(p) => [
            p.fill().map(usvg::Fill::paint),
            p.stroke().map(usvg::Stroke::paint),
        ]
        .into_iter()
        .flatten()
        .find_map(|paint| match paint {
            usvg::Paint::Color(c) => Some(rgb(*c)),
            _ => None,
        }),
        _ => None,
    })
}

fn rgb(c: usvg::Color) -> Color {
    Color::rgb(c.red, c.green, c.blue)
}

/// A colour seen through `opacity` on white paper.
fn fade(c: Color, opacity: f32) -> Color {
    let a = opacity.clamp(0.0, 1.0);
    let channel = |v: u8| (255.0 - (255.0 - f32::from(v)) * a).round() as u8;
    Color::rgb(channel(c.r), channel(c.g), channel(c.b))
}

#[cfg(test)]
mod tests;
