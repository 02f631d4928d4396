//! Writes figures as standalone SVG for the website: `role="img"` with the
//! alt text as `<title>`, no scripts, no animation and no external
//! references. A figure's labels ("Start", "End") are SVG text in a
//! sans-serif face.

use std::fmt::Write as _;

use crate::geom::{Drawing, Label, LabelledDrawing, LineStyle, Segment, Shape, Size};

/// A labelled drawing (a figure's two panels) as a standalone SVG
/// document.
pub fn to_svg(figure: &LabelledDrawing, alt: &str) -> String {
    let mut out = String::new();
    header(&mut out, figure.drawing.size, alt);
    out.push_str(&fragment(figure));
    out.push_str("</svg>\n");
    out
}

/// A labelled drawing's shapes and labels, to place inside another SVG
/// document (the contact sheet's).
pub fn fragment(figure: &LabelledDrawing) -> String {
    let mut out = String::new();
    group(&mut out, &figure.drawing.shapes);
    for label in &figure.labels {
        text(&mut out, label);
    }
    out
}

/// A drawing (one panel) as a standalone SVG document.
pub fn drawing_to_svg(drawing: &Drawing, alt: &str) -> String {
    to_svg(
        &LabelledDrawing {
            drawing: drawing.clone(),
            labels: Vec::new(),
        },
        alt,
    )
}

/// One label: bold sans-serif text, its baseline's left end at its point.
fn text(out: &mut String, label: &Label) {
    let _ = writeln!(
        out,
        "<text x=\"{}\" y=\"{}\" font-family=\"DejaVu Sans, Verdana, Arial, sans-serif\" \
         font-size=\"{}\" font-weight=\"bold\" fill=\"{}\">{}</text>",
        num(label.at.x.0),
        num(label.at.y.0),
        num(label.size.0),
        label.color.hex(),
        escape(&label.text)
    );
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

/// A `<g>` of paths.
fn group(out: &mut String, shapes: &[Shape]) {
    out.push_str("<g>\n");
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
pub fn escape(text: &str) -> String {
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
