//! Writes figures as standalone SVG for the website: `role="img"` with the
//! alt text as `<title>`, no scripts and no external references.
//!
//! Animated figures hold both frames and cross-fade between them with CSS;
//! under `prefers-reduced-motion: reduce` only the end frame shows, still.

use std::fmt::Write as _;

use super::Pose;
use super::geometry::Scene;
use crate::geom::{Drawing, LineStyle, Segment, Shape, Size};

/// One cycle of the animation: start, fade, end, fade back.
const CYCLE_SECONDS: u32 = 4;

/// The figure as a standalone SVG document. With `animate` and a pose that
/// moves, the two frames alternate; otherwise the still picture of
/// [`super::draw_motion`] is written.
pub fn to_svg(pose: &Pose, alt: &str, animate: bool) -> String {
    let scene = Scene::new(pose);
    if !(animate && scene.moves()) {
        return drawing_to_svg(&scene.motion_drawing(), alt);
    }
    let layers = scene.layers();
    let mut out = String::new();
    header(&mut out, layers.size, alt);
    let _ = write!(
        out,
        "<style>\
             .hf-start{{animation:hf-start {CYCLE_SECONDS}s ease-in-out infinite}}\
             .hf-end{{animation:hf-end {CYCLE_SECONDS}s ease-in-out infinite}}\
             @keyframes hf-start{{0%,35%{{opacity:1}}50%,85%{{opacity:0}}100%{{opacity:1}}}}\
             @keyframes hf-end{{0%,35%{{opacity:0}}50%,85%{{opacity:1}}100%{{opacity:0}}}}\
             @media (prefers-reduced-motion: reduce){{\
             .hf-start{{animation:none;opacity:0}}.hf-end{{animation:none;opacity:1}}}}\
             </style>"
    );
    out.push('\n');
    group(&mut out, None, &layers.props);
    group(&mut out, Some("hf-start"), &layers.start);
    group(&mut out, Some("hf-end"), &layers.end);
    out.push_str("</svg>\n");
    out
}

/// A single drawing (one frame, or the still motion picture) as a
/// standalone SVG document.
pub fn drawing_to_svg(drawing: &Drawing, alt: &str) -> String {
    let mut out = String::new();
    header(&mut out, drawing.size, alt);
    group(&mut out, None, &drawing.shapes);
    out.push_str("</svg>\n");
    out
}

/// The opening tag and title.
fn header(out: &mut String, size: Size, alt: &str) {
    let (w, h) = (num(size.width.0), num(size.height.0));
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" \
         viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\">\n\
         <title>{}</title>\n",
        escape(alt)
    );
}

/// A `<g>` of paths, with a class if given.
fn group(out: &mut String, class: Option<&str>, shapes: &[Shape]) {
    match class {
        Some(c) => {
            let _ = writeln!(out, "<g class=\"{c}\">");
        }
        None => out.push_str("<g>\n"),
    }
    for s in shapes {
        path(out, s);
    }
    out.push_str("</g>\n");
}

/// One `<path>`.
fn path(out: &mut String, shape: &Shape) {
    out.push_str("<path d=\"");
    for (i, seg) in shape.segments.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let p = |p: crate::geom::Point| format!("{} {}", num(p.x.0), num(p.y.0));
        let _ = match seg {
            Segment::MoveTo(a) => write!(out, "M{}", p(*a)),
            Segment::LineTo(a) => write!(out, "L{}", p(*a)),
            Segment::CubicTo(a, b, c) => write!(out, "C{} {} {}", p(*a), p(*b), p(*c)),
            Segment::Close => write!(out, "Z"),
        };
    }
    out.push('"');
    match shape.fill {
        Some(c) => {
            let _ = write!(out, " fill=\"{}\"", c.hex());
        }
        None => out.push_str(" fill=\"none\""),
    }
    if let Some(s) = shape.stroke {
        let (cap, join) = match s.style {
            LineStyle::Round => ("round", "round"),
            LineStyle::Square => ("butt", "miter"),
        };
        let _ = write!(
            out,
            " stroke=\"{}\" stroke-width=\"{}\" stroke-linecap=\"{cap}\" stroke-linejoin=\"{join}\"",
            s.color.hex(),
            num(s.width.0)
        );
        if let Some((on, off)) = s.dash {
            let _ = write!(out, " stroke-dasharray=\"{} {}\"", num(on.0), num(off.0));
        }
    }
    out.push_str("/>\n");
}

/// A coordinate with at most two decimals and no trailing zeros.
fn num(v: f32) -> String {
    let s = format!("{v:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".to_owned()
    } else {
        s.to_owned()
    }
}

/// Escapes text for XML content and attributes.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}
