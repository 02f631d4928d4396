use super::*;

/// An SVG document of the given size around `body`.
fn svg(width: u32, height: u32, body: &str) -> String {
    format!(
        "<svg xmlns='http://www.w3.org/2000/svg' width='{width}' height='{height}'>{body}</svg>"
    )
}

fn draw(text: &str) -> SvgDrawing {
    svg_drawing(text.as_bytes()).unwrap_or_else(|e| panic!("{e}: {text}"))
}

fn p(x: f32, y: f32) -> Point {
    Point::new(Pt(x), Pt(y))
}

/// Every point of a shape's segments (control points too).
fn points(shape: &Shape) -> Vec<Point> {
    shape
        .segments
        .iter()
        .flat_map(|s| match *s {
            Segment::MoveTo(a) | Segment::LineTo(a) => vec![a],
            Segment::CubicTo(a, b, c) => vec![a, b, c],
            Segment::Close => vec![],
        })
        .collect()
}

fn near(a: Point, b: Point) -> bool {
    (a.x.0 - b.x.0).abs() < 1e-3 && (a.y.0 - b.y.0).abs() < 1e-3
}

#[test]
fn a_rect_becomes_a_filled_and_stroked_shape() {
    let out = draw(&svg(
        40,
        30,
        "<rect x='5' y='10' width='20' height='10' fill='#ff0000' \
         stroke='#0000ff' stroke-width='2'/>",
    ));
    assert_eq!(out.left_out, Vec::<&str>::new());
    assert_eq!(out.drawing.size, Size::new(Pt(40.0), Pt(30.0)));
    let [shape] = out.drawing.shapes.as_slice() else {
        panic!("one shape: {:?}", out.drawing.shapes);
    };
    assert_eq!(shape.fill, Some(Color::rgb(255, 0, 0)));
    assert_eq!(
        shape.stroke,
        Some(Stroke {
            color: Color::rgb(0, 0, 255),
            width: Pt(2.0),
            // SVG's default caps and joins are butt and mitre.
            style: LineStyle::Square,
            dash: None,
        })
    );
    let corners = points(shape);
    for corner in [p(5.0, 10.0), p(25.0, 10.0), p(25.0, 20.0), p(5.0, 20.0)] {
        assert!(corners.iter().any(|c| near(*c, corner)), "{corners:?}");
    }
    assert_eq!(shape.segments.last(), Some(&Segment::Close));
}

#[test]
fn a_circle_becomes_curves_around_its_centre() {
    let out = draw(&svg(
        20,
        20,
        "<circle cx='10' cy='10' r='5' fill='none' stroke='black' stroke-linecap='round'/>",
    ));
    let [shape] = out.drawing.shapes.as_slice() else {
        panic!("one shape");
    };
    assert_eq!(shape.fill, None);
    assert_eq!(shape.stroke.map(|s| s.style), Some(LineStyle::Round));
    assert!(
        shape
            .segments
            .iter()
            .any(|s| matches!(s, Segment::CubicTo(..)))
    );
    for segment in shape.segments.iter() {
        if let Segment::MoveTo(end) | Segment::LineTo(end) | Segment::CubicTo(_, _, end) = segment {
            let r = ((end.x.0 - 10.0).powi(2) + (end.y.0 - 10.0).powi(2)).sqrt();
            assert!((r - 5.0).abs() < 1e-3, "{end:?} is not on the circle");
        }
    }
}

#[test]
fn transforms_and_the_view_box_are_flattened_into_the_points() {
    // The viewBox doubles every unit and the group moves by (10, 0) and
    // scales by 2: (x, y) lands on (20 + 4x, 4y).
    let out = draw(
        "<svg xmlns='http://www.w3.org/2000/svg' width='200' height='100' viewBox='0 0 100 50'>\
         <g transform='translate(10 0) scale(2)'>\
         <path d='M1 1 h2 q1 0 1 1' fill='none' stroke='#000' stroke-width='0.5' \
          stroke-dasharray='1 2'/>\
         </g></svg>",
    );
    assert_eq!(out.drawing.size, Size::new(Pt(200.0), Pt(100.0)));
    let [shape] = out.drawing.shapes.as_slice() else {
        panic!("one shape");
    };
    let stroke = shape.stroke.expect("stroked");
    assert!(
        (stroke.width.0 - 2.0).abs() < 1e-4,
        "width scales: {stroke:?}"
    );
    assert_eq!(stroke.dash, Some((Pt(4.0), Pt(8.0))));
    assert_eq!(shape.segments[0], Segment::MoveTo(p(24.0, 4.0)));
    assert_eq!(shape.segments[1], Segment::LineTo(p(32.0, 4.0)));
    // The quadratic curve to (4, 2) became a cubic one, its control points
    // two thirds of the way from each end to the quadratic's (4, 1).
    let Segment::CubicTo(a, b, end) = shape.segments[2] else {
        panic!("{:?}", shape.segments);
    };
    assert!(near(end, p(36.0, 8.0)), "{end:?}");
    assert!(near(a, p(32.0 + 4.0 * 2.0 / 3.0, 4.0)), "{a:?}");
    assert!(near(b, p(36.0, 8.0 - 4.0 * 2.0 / 3.0)), "{b:?}");
}

#[test]
fn a_gradient_prints_as_the_colour_halfway_along_it() {
    let out = draw(&svg(
        10,
        10,
        "<defs><linearGradient id='g'>\
         <stop offset='0' stop-color='#000000'/>\
         <stop offset='1' stop-color='#ffffff'/>\
         </linearGradient></defs>\
         <rect width='10' height='10' fill='url(#g)'/>",
    ));
    assert_eq!(out.left_out, Vec::<&str>::new());
    assert_eq!(out.drawing.shapes.len(), 1, "the shape is kept");
    assert_eq!(out.drawing.shapes[0].fill, Some(Color::rgb(128, 128, 128)));
}

#[test]
fn opacity_pales_the_colour_as_on_white_paper() {
    let out = draw(&svg(
        10,
        10,
        "<g opacity='0.5'><rect width='10' height='10' fill='#000' fill-opacity='0.5'/></g>",
    ));
    // A quarter of black on white.
    assert_eq!(out.drawing.shapes[0].fill, Some(Color::rgb(191, 191, 191)));
}

#[test]
fn a_stroke_painted_first_is_its_own_shape_below_the_fill() {
    let out = draw(&svg(
        10,
        10,
        "<rect width='5' height='5' fill='red' stroke='blue' style='paint-order: stroke'/>",
    ));
    let shapes = &out.drawing.shapes;
    assert_eq!(shapes.len(), 2);
    assert!(shapes[0].fill.is_none() && shapes[0].stroke.is_some());
    assert!(shapes[1].fill.is_some() && shapes[1].stroke.is_none());
}

#[test]
fn text_and_what_else_has_no_match_is_left_out_and_named() {
    let out = draw(&svg(
        100,
        100,
        "<defs><filter id='f'><feGaussianBlur stdDeviation='2'/></filter>\
         <mask id='m'><rect width='50' height='50' fill='white'/></mask>\
         <clipPath id='c'><rect width='10' height='10'/></clipPath></defs>\
         <text x='10' y='20'>Hello</text>\
         <image href='photo.png' width='10' height='10'/>\
         <image href='data:image/png;base64,iVBORw0KGgo=' width='10' height='10'/>\
         <g filter='url(#f)'><rect width='10' height='10' fill='red'/></g>\
         <g mask='url(#m)'><rect width='10' height='10' fill='green'/></g>\
         <g clip-path='url(#c)'><rect width='20' height='20' fill='blue'/></g>",
    ));
    assert_eq!(
        out.left_out,
        vec!["clip paths", "embedded images", "filters", "masks", "text"]
    );
    // The filtered, masked and clipped shapes still print, unaffected.
    let fills: Vec<_> = out.drawing.shapes.iter().filter_map(|s| s.fill).collect();
    assert_eq!(
        fills,
        vec![
            Color::rgb(255, 0, 0),
            Color::rgb(0, 128, 0),
            Color::rgb(0, 0, 255)
        ]
    );
}

#[test]
fn an_even_odd_hole_is_named_as_left_out() {
    let out = draw(&svg(
        10,
        10,
        "<path fill-rule='evenodd' d='M0 0 H10 V10 H0 Z M2 2 H8 V8 H2 Z'/>",
    ));
    assert_eq!(out.left_out, vec!["the even-odd fill rule"]);
    // One outline alone fills the same under either rule.
    let out = draw(&svg(
        10,
        10,
        "<path fill-rule='evenodd' d='M0 0 H10 V10 Z'/>",
    ));
    assert_eq!(out.left_out, Vec::<&str>::new());
}

#[test]
fn an_empty_or_broken_file_is_an_error_with_the_reason() {
    for (bad, reason) in [
        ("", "the document does not have a root node"),
        (
            "<svg xmlns='http://www.w3.org/2000/svg'><rect></svg>",
            "expected 'rect' tag, not 'svg' at 1:47",
        ),
        ("not xml at all", "unknown token at 1:1"),
        (
            "<svg xmlns='http://www.w3.org/2000/svg' width='0' height='10'/>",
            "SVG has an invalid size",
        ),
        (
            "<html xmlns='http://www.w3.org/1999/xhtml'/>",
            "its root element is <html>, not <svg>",
        ),
        (
            "<svg width='10' height='10'/>",
            "its <svg> element lacks xmlns=\"http://www.w3.org/2000/svg\"",
        ),
    ] {
        assert_eq!(svg_drawing(bad.as_bytes()).unwrap_err(), reason, "{bad}");
    }
    assert_eq!(
        svg_drawing(b"\xff\xfe<").unwrap_err(),
        "it is not UTF-8 text"
    );
}

#[test]
fn an_svg_that_draws_nothing_is_an_empty_drawing() {
    // A byte order mark is no trouble.
    let out = draw("\u{feff}<svg xmlns='http://www.w3.org/2000/svg'/>");
    // No size given: usvg's default, 100 by 100.
    assert_eq!(out.drawing.size, Size::new(Pt(100.0), Pt(100.0)));
    assert!(out.drawing.shapes.is_empty());
    assert!(out.left_out.is_empty());
}

/// Every way an SVG file was found to carry a script or HTML past a
/// filter of names (issue 26), each with what the drawing names as left
/// out and the line it stands on.
const HOSTILE: &[(&str, &str, &str)] = &[
    (
        "a script in the SVG namespace under a prefix",
        "<s:script xmlns:s='http://www.w3.org/2000/svg'>alert(1)</s:script>",
        "scripts",
    ),
    (
        "a script in the XHTML namespace",
        "<h:script xmlns:h='http://www.w3.org/1999/xhtml'>alert(1)</h:script>",
        "scripts",
    ),
    (
        "an XHTML script from elsewhere",
        "<h:script xmlns:h='http://www.w3.org/1999/xhtml' src='http://127.0.0.1:9/x.js'/>",
        "scripts",
    ),
    (
        "an XHTML meta refresh",
        "<h:meta xmlns:h='http://www.w3.org/1999/xhtml' http-equiv='refresh' content='0;url=http://127.0.0.1:9/'/>",
        "HTML elements",
    ),
    (
        "an XHTML iframe with src",
        "<h:iframe xmlns:h='http://www.w3.org/1999/xhtml' src='http://127.0.0.1:9/'/>",
        "HTML elements",
    ),
    (
        "an XHTML iframe with srcdoc",
        "<h:iframe xmlns:h='http://www.w3.org/1999/xhtml' srcdoc='&lt;script&gt;alert(1)&lt;/script&gt;'/>",
        "HTML elements",
    ),
    (
        "an unprefixed iframe",
        "<iframe src='http://127.0.0.1:9/'/>",
        "HTML elements",
    ),
    (
        "an event handler",
        "<rect width='5' height='5' onload='alert(1)'/>",
        "scripts",
    ),
    (
        "a script link",
        "<a href='javascript:alert(1)'><rect width='5' height='5'/></a>",
        "links",
    ),
    (
        "embedded HTML",
        "<foreignObject><body xmlns='http://www.w3.org/1999/xhtml'><script>alert(1)</script></body></foreignObject>",
        "foreign objects (HTML)",
    ),
    (
        "an animation that sets a link",
        "<a><set attributeName='href' to='javascript:alert(1)'/><rect width='5' height='5'/></a>",
        "animations",
    ),
];

#[test]
fn scripts_and_html_in_any_namespace_are_named_with_their_line_and_never_drawn() {
    for (case, body, what) in HOSTILE {
        let text = format!(
            "<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'>\n\
             <rect width='10' height='10' fill='#00ff00'/>\n{body}\n</svg>"
        );
        let out = draw(&text);
        assert!(out.left_out.contains(what), "{case}: {:?}", out.left_out);
        let line = out.found_at.iter().find(|(kind, _)| kind == what);
        assert_eq!(
            line.map(|(_, line)| *line),
            Some(3),
            "{case}: {:?}",
            out.found_at
        );
        // What the site publishes: the drawing written back, shapes only.
        let published = crate::figure::svg::drawing_to_svg(&out.drawing, "");
        let lower = published.to_ascii_lowercase();
        for word in [
            "script",
            "iframe",
            "meta",
            "foreignobject",
            "href",
            "onload",
            "javascript",
            "<a",
            "<set",
            "xhtml",
            "srcdoc",
            "src=",
        ] {
            assert!(!lower.contains(word), "{case}: {word} in {published}");
        }
        assert!(
            published.contains("<path"),
            "{case}: the square stays: {published}"
        );
    }
}

#[test]
fn a_drawing_programs_notes_and_metadata_are_no_loss() {
    let out = draw(
        "<svg xmlns='http://www.w3.org/2000/svg' \
         xmlns:sodipodi='http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd' \
         xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#' width='10' height='10'>\
         <sodipodi:namedview pagecolor='#ffffff'/>\
         <metadata><rdf:RDF><rdf:Description/></rdf:RDF></metadata>\
         <title>A square</title><defs><style>rect{fill:red}</style></defs>\
         <rect width='5' height='5'/></svg>",
    );
    assert_eq!(out.left_out, Vec::<&str>::new());
    assert_eq!(out.drawing.shapes.len(), 1);
}
