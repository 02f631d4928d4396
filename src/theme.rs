//! The look every output shares, defined once: the colours, the boxes
//! (dose, note, tip, caution…) and the printed type sizes.
//!
//! The site receives the colours as CSS custom properties (`--accent`…,
//! written into its stylesheet by `templates/site/style.css`); the PDFs
//! receive the same [`Palette`] through the typesetter's options. A clinic
//! changes its accent colour (and adds a logo) in handout.yaml, and every
//! output follows: the darker and lighter shades are worked out from the
//! accent, so they stay in tune with it.

use std::path::PathBuf;

use serde::Serialize;

use crate::geom::{Color, Pt};

/// The accent when handout.yaml sets none: a deep blue-teal, 7.3:1 on
/// white.
pub const DEFAULT_ACCENT: Color = Color::rgb(0x00, 0x60, 0x6b);

/// The least contrast text may have against white (WCAG 2.2 AA for body
/// text).
pub const MIN_CONTRAST: f64 = 4.5;

/// The theme of a publication.
#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    /// Every colour.
    pub palette: Palette,
    /// Printed type sizes.
    pub print: PrintSizes,
    /// The clinic's logo, relative to the content folder (under figures/).
    pub logo: Option<PathBuf>,
}

impl Default for Theme {
    fn default() -> Theme {
        Theme {
            palette: Palette::with_accent(DEFAULT_ACCENT),
            print: PrintSizes::default(),
            logo: None,
        }
    }
}

impl Theme {
    /// The theme with a clinic's accent colour and logo (either may be
    /// unset: the defaults stand in).
    pub fn new(accent: Option<Color>, logo: Option<PathBuf>) -> Theme {
        Theme {
            palette: Palette::with_accent(accent.unwrap_or(DEFAULT_ACCENT)),
            print: PrintSizes::default(),
            logo,
        }
    }
}

/// Printed type sizes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PrintSizes {
    /// Body text of the PDFs.
    pub body: Pt,
    /// Body text in large print (the checklist's too: its grid sizes its
    /// columns so that no word breaks, `checklist::sheet_sizes`).
    pub large_print: Pt,
}

impl Default for PrintSizes {
    fn default() -> PrintSizes {
        PrintSizes {
            body: Pt(14.0),
            large_print: Pt(18.0),
        }
    }
}

/// Every colour of the outputs. Text colours are at least 4.5:1 on white.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Palette {
    /// Body text.
    pub text: Color,
    /// Secondary text: running header, footer, captions.
    pub muted: Color,
    /// The page.
    pub background: Color,
    /// Quiet panels and table heads.
    pub soft: Color,
    /// Thin rules and borders.
    pub line: Color,
    /// Headings, links and accents: the clinic's colour.
    pub accent: Color,
    /// The accent, darker: text on tints, the site's header band.
    pub accent_dark: Color,
    /// The accent, very light: panels.
    pub accent_tint: Color,
    /// The accent, light: the edge under the site's header band.
    pub accent_light: Color,
    /// Visited links on the site.
    pub visited: Color,
    /// The keyboard focus outline on the site.
    pub focus: Color,
    /// The background of a focused link on the site.
    pub focus_tint: Color,
    /// The focus mark on the site's dark header band.
    pub focus_on_dark: Color,
    /// Strengthening exercises' own colour on the site (stretches take the
    /// accent): the edge of their cards, their label and its panel.
    pub strengthen: BoxStyle,
    /// A caution in the content's Markdown (`> [!CAUTION]`) on the site:
    /// red, apart from the orange of warnings and an exercise's cautions.
    pub danger: BoxStyle,
    /// The boxes.
    pub boxes: Boxes,
}

/// The style of each kind of box.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Boxes {
    /// How much to do: an exercise's dose.
    pub dose: BoxStyle,
    /// A note.
    pub note: BoxStyle,
    /// A tip.
    pub tip: BoxStyle,
    /// Something important.
    pub important: BoxStyle,
    /// A warning.
    pub warning: BoxStyle,
    /// A caution: what to watch out for.
    pub caution: BoxStyle,
}

/// How a box is drawn: a tinted panel, with a bar on its left and, for the
/// boxes that must not be missed, a border all round.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BoxStyle {
    /// The panel.
    pub tint: Color,
    /// The bar and the border.
    pub edge: Color,
    /// The label (`How much`, `Be careful`): at least 4.5:1 on the tint.
    pub label: Color,
    /// Width of the bar on the left, in points.
    pub bar: Pt,
    /// Width of the border all round, in points, when it has one.
    pub border: Option<Pt>,
}

impl Palette {
    /// The palette around an accent colour.
    pub fn with_accent(accent: Color) -> Palette {
        let accent_dark = mix(accent, Color::BLACK, 0.18);
        let accent_tint = tint(accent, 0.45, 0.93);
        let accent_light = tint(accent, 0.43, 0.64);
        let plain = |edge: Color, tint: Color| BoxStyle {
            tint,
            edge,
            label: edge,
            bar: Pt(4.0),
            border: None,
        };
        let strong = |edge: Color, label: Color, tint: Color| BoxStyle {
            tint,
            edge,
            label,
            bar: Pt(2.0),
            border: Some(Pt(2.0)),
        };
        let caution = Color::rgb(0xc2, 0x41, 0x0c);
        let caution_text = Color::rgb(0x8a, 0x2f, 0x00);
        let caution_tint = Color::rgb(0xff, 0xf3, 0xe8);
        Palette {
            text: Color::rgb(0x1d, 0x2b, 0x33),
            muted: Color::rgb(0x4a, 0x5a, 0x63),
            background: Color::WHITE,
            soft: Color::rgb(0xf4, 0xf7, 0xf8),
            line: Color::rgb(0xcf, 0xda, 0xde),
            accent,
            accent_dark,
            accent_tint,
            accent_light,
            visited: Color::rgb(0x5b, 0x3e, 0x8f),
            focus: Color::rgb(0xb3, 0x47, 0x00),
            focus_tint: Color::rgb(0xff, 0xf4, 0xd6),
            focus_on_dark: Color::rgb(0xff, 0xd4, 0x79),
            strengthen: BoxStyle {
                label: Color::rgb(0x34, 0x40, 0x8f),
                ..plain(Color::rgb(0x4b, 0x58, 0xb8), Color::rgb(0xee, 0xf0, 0xfb))
            },
            danger: BoxStyle {
                label: Color::rgb(0x9b, 0x1c, 0x12),
                ..plain(Color::rgb(0xb4, 0x23, 0x18), Color::rgb(0xfd, 0xf0, 0xef))
            },
            boxes: Boxes {
                dose: BoxStyle {
                    tint: accent_tint,
                    edge: accent,
                    label: accent_dark,
                    bar: Pt(5.0),
                    border: Some(Pt(1.5)),
                },
                note: plain(Color::rgb(0x28, 0x59, 0xa6), Color::rgb(0xee, 0xf3, 0xfb)),
                tip: plain(Color::rgb(0x1e, 0x6b, 0x34), Color::rgb(0xed, 0xf7, 0xef)),
                important: plain(Color::rgb(0x6b, 0x3f, 0xa0), Color::rgb(0xf4, 0xef, 0xfa)),
                warning: strong(caution, caution_text, caution_tint),
                caution: strong(caution, caution_text, caution_tint),
            },
        }
    }

    /// The colours as CSS custom properties, `--name: #rrggbb`, in a fixed
    /// order: `templates/site/style.css` writes them into `:root`.
    pub fn css_properties(&self) -> Vec<CssProperty> {
        let b = &self.boxes;
        [
            ("text", self.text),
            ("muted", self.muted),
            ("bg", self.background),
            ("bg-soft", self.soft),
            ("line", self.line),
            ("accent", self.accent),
            ("accent-dark", self.accent_dark),
            ("accent-tint", self.accent_tint),
            ("accent-light", self.accent_light),
            ("visited", self.visited),
            ("focus", self.focus),
            ("focus-tint", self.focus_tint),
            ("focus-on-dark", self.focus_on_dark),
            ("strengthen", self.strengthen.edge),
            ("strengthen-text", self.strengthen.label),
            ("strengthen-tint", self.strengthen.tint),
            ("danger", self.danger.edge),
            ("danger-text", self.danger.label),
            ("danger-tint", self.danger.tint),
            ("dose", b.dose.edge),
            ("dose-text", b.dose.label),
            ("dose-tint", b.dose.tint),
            ("caution", b.caution.edge),
            ("caution-text", b.caution.label),
            ("caution-tint", b.caution.tint),
            ("note", b.note.edge),
            ("note-tint", b.note.tint),
            ("tip", b.tip.edge),
            ("tip-tint", b.tip.tint),
            ("important", b.important.edge),
            ("important-tint", b.important.tint),
        ]
        .into_iter()
        .map(|(name, color)| CssProperty {
            name,
            value: color.hex(),
        })
        .collect()
    }
}

impl Default for Palette {
    fn default() -> Palette {
        Palette::with_accent(DEFAULT_ACCENT)
    }
}

/// A CSS custom property: `--{name}: {value};`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CssProperty {
    /// Its name, without the leading `--`.
    pub name: &'static str,
    /// Its value, like `#00606b`.
    pub value: String,
}

/// `a` moved `amount` (0 to 1) of the way towards `b`.
fn mix(a: Color, b: Color, amount: f64) -> Color {
    let channel =
        |x: u8, y: u8| (f64::from(x) + (f64::from(y) - f64::from(x)) * amount).round() as u8;
    Color::rgb(channel(a.r, b.r), channel(a.g, b.g), channel(a.b, b.b))
}

/// A lighter colour of the same hue, at `target` lightness (0 to 1), its
/// saturation capped at `max_saturation`: a plain mix with white would
/// turn a dark accent grey.
fn tint(color: Color, max_saturation: f64, target: f64) -> Color {
    let (r, g, b) = (
        f64::from(color.r) / 255.0,
        f64::from(color.g) / 255.0,
        f64::from(color.b) / 255.0,
    );
    let (max, min) = (r.max(g).max(b), r.min(g).min(b));
    let chroma = max - min;
    let hue = if chroma == 0.0 {
        0.0
    } else if max == r {
        ((g - b) / chroma).rem_euclid(6.0)
    } else if max == g {
        (b - r) / chroma + 2.0
    } else {
        (r - g) / chroma + 4.0
    };
    let lightness = (max + min) / 2.0;
    let saturation = if chroma == 0.0 {
        0.0
    } else {
        chroma / (1.0 - (2.0 * lightness - 1.0).abs())
    };
    let (s, l) = (saturation.min(max_saturation), target);
    let c = (1.0 - (2.0 * l - 1.0_f64).abs()) * s;
    let x = c * (1.0 - (hue.rem_euclid(2.0) - 1.0).abs());
    let (r, g, b) = match hue as u32 {
        0 => (c, x, 0.0),
        1 => (x, c, 0.0),
        2 => (0.0, c, x),
        3 => (0.0, x, c),
        4 => (x, 0.0, c),
        _ => (c, 0.0, x),
    };
    let m = l - c / 2.0;
    let channel = |v: f64| ((v + m) * 255.0).round().clamp(0.0, 255.0) as u8;
    Color::rgb(channel(r), channel(g), channel(b))
}

/// Reads a colour written `#rrggbb` or `#rgb`.
pub fn parse_color(text: &str) -> Option<Color> {
    let hex = text.trim().strip_prefix('#')?;
    if !hex.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    let digit = |i: usize| u8::from_str_radix(&hex[i..i + 1], 16).ok();
    let pair = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
    match hex.len() {
        3 => Some(Color::rgb(digit(0)? * 17, digit(1)? * 17, digit(2)? * 17)),
        6 => Some(Color::rgb(pair(0)?, pair(2)?, pair(4)?)),
        _ => None,
    }
}

/// The lightest shade of a colour (towards black) that reads on white: a
/// suggestion for an accent that is too light.
pub fn readable_shade(color: Color) -> Color {
    (0..=100)
        .map(|step| mix(color, Color::BLACK, f64::from(step) / 100.0))
        .find(|shade| contrast_ratio(*shade, Color::WHITE) >= MIN_CONTRAST)
        .unwrap_or(Color::BLACK)
}

/// The WCAG contrast ratio of two colours, from 1 (none) to 21 (black on
/// white).
pub fn contrast_ratio(a: Color, b: Color) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    let (light, dark) = if la > lb { (la, lb) } else { (lb, la) };
    (light + 0.05) / (dark + 0.05)
}

/// WCAG relative luminance.
fn luminance(color: Color) -> f64 {
    let channel = |v: u8| {
        let c = f64::from(v) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(color.r) + 0.7152 * channel(color.g) + 0.0722 * channel(color.b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_colours_as_css_writes_them() {
        assert_eq!(parse_color("#00606b"), Some(Color::rgb(0, 0x60, 0x6b)));
        assert_eq!(parse_color("#FFF"), Some(Color::WHITE));
        assert_eq!(parse_color("00606b"), None);
        assert_eq!(parse_color("#00606"), None);
        assert_eq!(parse_color("#ggg"), None);
        assert_eq!(parse_color("#ééé"), None);
    }

    #[test]
    fn contrast_ratios_match_wcag() {
        assert!((contrast_ratio(Color::BLACK, Color::WHITE) - 21.0).abs() < 0.01);
        assert!((contrast_ratio(DEFAULT_ACCENT, Color::WHITE) - 7.28).abs() < 0.01);
        // #777 on white is the classic just-too-light grey: 4.48:1.
        let grey = Color::rgb(0x77, 0x77, 0x77);
        assert!((contrast_ratio(grey, Color::WHITE) - 4.48).abs() < 0.01);
    }

    #[test]
    fn a_too_light_colour_gets_a_readable_shade_of_itself() {
        let light = Color::rgb(0x8a, 0xb4, 0xc0);
        let shade = readable_shade(light);
        let ratio = contrast_ratio(shade, Color::WHITE);
        assert!(
            (MIN_CONTRAST..MIN_CONTRAST + 0.3).contains(&ratio),
            "{ratio}"
        );
        assert!(shade.b > shade.r, "the same hue: {}", shade.hex());
        assert_eq!(readable_shade(DEFAULT_ACCENT), DEFAULT_ACCENT);
    }

    #[test]
    fn shades_follow_the_accent() {
        let p = Palette::with_accent(DEFAULT_ACCENT);
        assert_eq!(p.accent_dark.hex(), "#004f58");
        assert_eq!(p.accent_tint.hex(), "#e5f4f5");
        assert_eq!(p.accent_light.hex(), "#7cc3cb");
        let grey = Palette::with_accent(Color::rgb(0x70, 0x70, 0x70));
        assert_eq!(grey.accent_tint.hex(), "#ededed");
        assert_eq!(p.boxes.dose.edge, DEFAULT_ACCENT);
        let red = Palette::with_accent(Color::rgb(0xb0, 0x10, 0x20));
        assert_ne!(red.accent_tint, p.accent_tint);
        assert_eq!(red.boxes.dose.tint, red.accent_tint);
    }

    /// Every text colour stays readable on the background it sits on, for
    /// any accent that passes the 4.5:1 check.
    #[test]
    fn text_colours_are_readable_on_their_backgrounds() {
        for accent in [
            DEFAULT_ACCENT,
            Color::rgb(0x70, 0x70, 0x70),
            Color::rgb(0xb0, 0x10, 0x20),
        ] {
            assert!(contrast_ratio(accent, Color::WHITE) >= MIN_CONTRAST);
            let p = Palette::with_accent(accent);
            assert!(contrast_ratio(p.text, p.background) >= 7.0);
            assert!(contrast_ratio(p.muted, p.background) >= MIN_CONTRAST);
            assert!(contrast_ratio(p.accent_dark, p.accent_tint) >= MIN_CONTRAST);
            let b = &p.boxes;
            for style in [
                b.dose,
                b.note,
                b.tip,
                b.important,
                b.warning,
                b.caution,
                p.strengthen,
                p.danger,
            ] {
                assert!(
                    contrast_ratio(style.label, style.tint) >= MIN_CONTRAST,
                    "{style:?}"
                );
            }
        }
    }

    #[test]
    fn css_properties_carry_every_colour() {
        let props = Palette::default().css_properties();
        let accent = props.iter().find(|p| p.name == "accent").unwrap();
        assert_eq!(accent.value, "#00606b");
        assert!(props.iter().any(|p| p.name == "dose-tint"));
    }
}
