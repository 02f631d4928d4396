//! Exercise figures and the logo, resolved once per build: image files read
//! once, SVG files turned into drawings once, poses drawn once (the
//! figure's panels, and each panel alone), however many outputs and pages
//! use them. Also where the site publishes each figure.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use crate::content::{FigureSource, FileKind, Project};
use crate::diag::{Diagnostic, Diagnostics};
use crate::figure::{self, Pose};
use crate::geom::{Drawing, LabelledDrawing};
use crate::image::{self, FigureFormat};
use crate::words::Words;

/// Where the site publishes an image file of the content, from the site's
/// root: the same path as under the content folder (`figures/logo.png`).
pub fn published_path(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// Where the site publishes the drawing of an exercise's pose, apart from
/// the clinic's own files.
pub fn drawn_path(exercise_id: &str) -> String {
    format!("figures/drawn/{exercise_id}.svg")
}

/// The end panel alone of a published figure (the held position, the
/// figure's thumbnail): drawn figures have one beside them, images are
/// their own thumbnail.
pub fn still_path(url: &str) -> String {
    match drawn_id(url) {
        Some(id) => format!("figures/drawn/{id}-end.svg"),
        None => url.to_string(),
    }
}

/// The start panel alone of a drawn figure, beside it.
pub fn start_path(url: &str) -> Option<String> {
    drawn_id(url).map(|id| format!("figures/drawn/{id}-start.svg"))
}

/// The exercise id of a drawn figure's address.
fn drawn_id(url: &str) -> Option<&str> {
    url.strip_prefix("figures/drawn/")
        .and_then(|name| name.strip_suffix(".svg"))
}

/// A drawn figure's labels in the words of an edition: "Start" and "End"
/// in its language.
pub fn labelled(figure: &LabelledDrawing, words: &Words) -> LabelledDrawing {
    let texts = [words.text("figure-start"), words.text("figure-end")];
    let mut out = figure.clone();
    for (label, text) in out.labels.iter_mut().zip(texts) {
        label.text = text;
    }
    out
}

/// A figure, ready to print or publish.
#[derive(Debug, Clone, PartialEq)]
pub enum Resolved {
    /// A drawn pose.
    Drawn {
        /// The figure: the start and end panels, labelled in English (see
        /// [`labelled`]), or the one panel of a pose that does not move.
        figure: LabelledDrawing,
        /// The start panel alone, when the pose moves.
        start: Option<Drawing>,
        /// The end panel alone: the thumbnail, small enough to read in a
        /// checklist row.
        end: Drawing,
    },
    /// An image file.
    Image(Image),
}

/// An image file of the content: a PNG or JPEG, or an SVG file.
#[derive(Debug, Clone, PartialEq)]
pub struct Image {
    /// Its path under the content folder, as published (`figures/a.png`).
    pub path: String,
    /// What the site publishes: a PNG's or JPEG's bytes as they are, an
    /// SVG file's drawing written back as SVG (shapes only).
    pub bytes: Vec<u8>,
    /// What the PDFs print of an SVG file; `None` for a PNG or JPEG, which
    /// they print from `bytes`.
    pub drawing: Option<Drawing>,
}

/// Every figure of a project, by exercise id, and the logo.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Figures {
    /// Exercise id → its figure.
    pub by_exercise: BTreeMap<String, Resolved>,
    /// The theme's logo.
    pub logo: Option<Image>,
    /// What the PDFs leave out of the SVG files (their text, masks…),
    /// sorted: for the build's warnings.
    pub warnings: Diagnostics,
}

impl Figures {
    /// Reads every image, turns every SVG file into a drawing and draws
    /// every pose. The content check already made sure the files exist
    /// and start like a PNG, JPEG or SVG; one that cannot be read or
    /// printed now is an error, and what the PDFs leave out of an SVG file
    /// is a warning (in [`Figures::warnings`], or with the errors).
    pub fn resolve(project: &Project) -> Result<Figures, Diagnostics> {
        let mut problems = Diagnostics::new();
        let mut read = |path: &Path| {
            let shown = project.root.join(path);
            let bytes = match std::fs::read(&shown) {
                Ok(bytes) => bytes,
                Err(error) => {
                    problems.push(Diagnostic::file(&shown, format!("cannot be read: {error}")));
                    return None;
                }
            };
            let drawing = printable(&shown, &bytes, &mut problems)?;
            // The site publishes an SVG file as its drawing written back,
            // never as it came: only shapes reach a browser, whatever
            // scripts or HTML the file carried.
            let bytes = match &drawing {
                Some(drawing) => figure::svg::drawing_to_svg(drawing, "").into_bytes(),
                None => bytes,
            };
            Some(Image {
                path: published_path(path),
                bytes,
                drawing,
            })
        };
        let mut by_exercise = BTreeMap::new();
        let mut poses = Vec::new();
        for exercise in &project.exercises {
            let Some(figure) = &exercise.figure else {
                continue;
            };
            match &figure.source {
                FigureSource::Pose(pose) => poses.push((&exercise.id, pose)),
                FigureSource::Image(path) => {
                    if let Some(image) = read(path) {
                        by_exercise.insert(exercise.id.clone(), Resolved::Image(image));
                    }
                }
            }
        }
        let inks = figure::Inks::from_palette(&project.settings.theme.palette);
        by_exercise.extend(draw_all(&poses, &inks));
        let logo = project.settings.theme.logo.as_deref().and_then(&mut read);
        problems.extend(missing(project).0);
        let (mut figures, warnings) = problems.into_result_with_warnings(Figures {
            by_exercise,
            logo,
            warnings: Diagnostics::new(),
        })?;
        figures.warnings = warnings;
        Ok(figures)
    }
}

/// The most exercises without a figure named one by one; the rest are
/// counted in one more warning.
const MISSING_NAMED: usize = 20;

/// A warning for each exercise without a figure, at its file: the site
/// shows its card without a picture and the handout prints its steps
/// alone. A warning, so a library can be built while its drawings are
/// made (`--deny-warnings` makes it stop a build).
fn missing(project: &Project) -> Diagnostics {
    let files: HashMap<&str, &Path> = (project.files.iter())
        .filter(|f| f.kind == FileKind::Exercise)
        .filter_map(|f| Some((f.path.file_stem()?.to_str()?, f.path.as_path())))
        .collect();
    let without: Vec<&Path> = (project.exercises.iter())
        .filter(|e| e.figure.is_none())
        .filter_map(|e| files.get(e.id.as_str()).copied())
        .collect();
    let hint = "add a `figure:` with a `pose:` for handout to draw, or an `image:` \
                (content/README.md, \"Figures\")";
    let mut found = Diagnostics::new();
    for path in without.iter().take(MISSING_NAMED) {
        found.push(
            Diagnostic::file(
                path,
                "this exercise has no figure: its card on the site and its page in the handout show no picture",
            )
            .with_hint(hint)
            .warning(),
        );
    }
    if let Some(folder) = without.get(MISSING_NAMED).and_then(|p| p.parent()) {
        let more = without.len() - MISSING_NAMED;
        found.push(
            Diagnostic::file(folder, format!("{more} more exercises have no figure"))
                .with_hint(hint)
                .warning(),
        );
    }
    found
}

/// Draws every pose, in the theme's colours, on every core (a large
/// library has thousands); the map is the same whichever thread drew what.
fn draw_all(poses: &[(&String, &Pose)], inks: &figure::Inks) -> Vec<(String, Resolved)> {
    let draw = |(id, pose): &(&String, &Pose)| {
        let scene = figure::scene::Scene::new(pose);
        let resolved = Resolved::Drawn {
            figure: scene.panels(inks, figure::LABELS),
            start: scene
                .moves()
                .then(|| scene.panel(figure::Frame::Start, inks)),
            end: scene.panel(figure::Frame::End, inks),
        };
        ((*id).clone(), resolved)
    };
    crate::parallel::map(poses, 64, draw)
}

/// How the PDFs print an image file: `Some(None)` from its bytes (PNG,
/// JPEG), `Some(Some(drawing))` for an SVG file, or `None` when they
/// cannot (reported in `problems`, as are the parts of an SVG file the
/// drawing leaves out).
fn printable(shown: &Path, bytes: &[u8], problems: &mut Diagnostics) -> Option<Option<Drawing>> {
    if image::raster_info(bytes).is_some() {
        return Some(None);
    }
    let head = &bytes[..bytes.len().min(image::HEAD_BYTES)];
    let svg = match image::figure_format(head) {
        Some(FigureFormat::Svg) => image::svg_drawing(bytes),
        Some(FigureFormat::Raster(format)) => {
            problems.push(
                Diagnostic::file(
                    shown,
                    format!(
                        "this {} file is damaged or has no pixels: the PDFs cannot print it",
                        format.name()
                    ),
                )
                .with_hint("open it in an image editor and save it again"),
            );
            return None;
        }
        None => {
            problems.push(
                Diagnostic::file(shown, "this file is not a PNG, JPEG or SVG image")
                    .with_hint("open it in an image editor and save it as PNG, JPEG or SVG"),
            );
            return None;
        }
    };
    let svg = match svg {
        Ok(svg) => svg,
        Err(reason) => {
            problems.push(
                Diagnostic::file(shown, format!("this SVG file cannot be read: {reason}"))
                    .with_hint("open it in a drawing program and save it again as plain SVG"),
            );
            return None;
        }
    };
    if let Some(warning) = left_out_warning(shown, &svg) {
        problems.push(warning);
    }
    Some(Some(svg.drawing))
}

/// The warning for what the site and the PDFs leave out of an SVG file,
/// if anything, each kind found in its XML with its line.
fn left_out_warning(shown: &Path, svg: &image::SvgDrawing) -> Option<Diagnostic> {
    let nothing = svg.drawing.shapes.is_empty();
    let named: Vec<String> = (svg.left_out.iter())
        .map(
            |what| match svg.found_at.iter().find(|(kind, _)| kind == what) {
                Some((_, line)) => format!("{what} (line {line})"),
                None => (*what).to_string(),
            },
        )
        .collect();
    let named: Vec<&str> = named.iter().map(String::as_str).collect();
    let message = match (named.as_slice(), nothing) {
        ([], false) => return None,
        ([], true) => {
            "this SVG file draws nothing: the site and the PDFs show an empty space for it".into()
        }
        (left_out, true) => format!(
            "the site and the PDFs show nothing of this SVG file: they leave out its {}",
            and_list(left_out)
        ),
        (left_out, false) => format!(
            "the site and the PDFs leave out this SVG file's {}",
            and_list(left_out)
        ),
    };
    let hint = if nothing && svg.left_out.is_empty() {
        "is it the right file?"
    } else {
        "only its shapes are published, in solid colours (a figure needs no scripts, HTML, \
         links or animations). Turn text into paths in your drawing program (in Inkscape: \
         Path > Object to Path), or export the figure as PNG"
    };
    Some(Diagnostic::file(shown, message).warning().with_hint(hint))
}

/// `a`, `a and b`, `a, b and c`.
fn and_list(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_string(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drawn_figures_have_their_panels_beside_them_and_images_are_still() {
        assert_eq!(drawn_path("calf"), "figures/drawn/calf.svg");
        assert_eq!(
            still_path("figures/drawn/calf.svg"),
            "figures/drawn/calf-end.svg"
        );
        assert_eq!(
            start_path("figures/drawn/calf.svg").as_deref(),
            Some("figures/drawn/calf-start.svg")
        );
        assert_eq!(still_path("figures/calf.png"), "figures/calf.png");
        assert_eq!(start_path("figures/calf.png"), None);
    }

    /// What `printable` makes of a file's bytes, and its problems as
    /// `(is_error, message)`.
    fn printable_of(bytes: &[u8]) -> (Option<Option<Drawing>>, Vec<(bool, String)>) {
        let mut problems = Diagnostics::new();
        let out = printable(Path::new("figures/x"), bytes, &mut problems);
        let problems = problems
            .0
            .into_iter()
            .map(|d| (d.is_error(), d.message))
            .collect();
        (out, problems)
    }

    #[test]
    fn png_and_jpeg_print_from_their_bytes() {
        let png = crate::layout::fixtures::tiny_png(3, 2, [0, 0, 0]);
        assert_eq!(printable_of(&png), (Some(None), vec![]));
        let jpeg = crate::layout::fixtures::TINY_JPEG;
        assert_eq!(printable_of(jpeg), (Some(None), vec![]));
    }

    #[test]
    fn an_svg_file_prints_as_a_drawing_and_what_it_leaves_out_is_a_warning() {
        const SVG: &str = "<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'>";
        let (out, problems) =
            printable_of(format!("{SVG}<rect width='5' height='5'/></svg>").as_bytes());
        assert_eq!(out.flatten().map(|d| d.shapes.len()), Some(1));
        assert_eq!(problems, vec![]);

        let (out, problems) = printable_of(
            format!(
                "{SVG}<rect width='5' height='5' mask='url(#m)'/>\
                 <mask id='m'><rect width='5' height='5' fill='white'/></mask>\
                 <text>Hi</text></svg>"
            )
            .as_bytes(),
        );
        assert!(out.flatten().is_some());
        assert_eq!(
            problems,
            vec![(
                false,
                "the site and the PDFs leave out this SVG file's masks and text (line 1)"
                    .to_string()
            )]
        );

        let (out, problems) = printable_of(format!("{SVG}<text>Hi</text></svg>").as_bytes());
        assert!(out.flatten().is_some_and(|d| d.shapes.is_empty()));
        assert_eq!(
            problems,
            vec![(
                false,
                "the site and the PDFs show nothing of this SVG file: they leave out its text (line 1)"
                    .to_string()
            )]
        );
    }

    #[test]
    fn a_file_the_pdfs_cannot_print_is_an_error() {
        assert_eq!(
            printable_of(b"<svg xmlns='http://www.w3.org/2000/svg'><rect></svg>"),
            (
                None,
                vec![(
                    true,
                    "this SVG file cannot be read: expected 'rect' tag, not 'svg' at 1:47"
                        .to_string()
                )]
            )
        );
        let png = crate::layout::fixtures::tiny_png(3, 2, [0, 0, 0]);
        assert_eq!(
            printable_of(&png[..20]),
            (
                None,
                vec![(
                    true,
                    "this PNG file is damaged or has no pixels: the PDFs cannot print it"
                        .to_string()
                )]
            )
        );
        assert_eq!(
            printable_of(b"just text"),
            (
                None,
                vec![(
                    true,
                    "this file is not a PNG, JPEG or SVG image".to_string()
                )]
            )
        );
    }

    #[test]
    fn an_exercise_without_a_figure_is_a_warning_at_its_file() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        let mut project = crate::content::load(&root).expect("the default content loads");
        assert!(
            missing(&project).is_empty(),
            "every default exercise has a figure"
        );
        let calf = (project.exercises.iter_mut())
            .find(|e| e.id == "calf-stretch")
            .unwrap();
        calf.figure = None;
        let figures = Figures::resolve(&project).expect("a missing figure is no error");
        let warnings: Vec<_> = figures.warnings.0.iter().collect();
        assert_eq!(warnings.len(), 1);
        assert!(!warnings[0].is_error());
        assert!(warnings[0].path.ends_with("exercises/calf-stretch.yaml"));
        assert!(
            warnings[0]
                .message
                .starts_with("this exercise has no figure")
        );

        // A library without drawings yet: twenty named, the rest counted.
        let template = project.exercises[0].clone();
        let file = project
            .files
            .iter()
            .find(|f| f.kind == FileKind::Exercise)
            .unwrap()
            .clone();
        for n in 0..30 {
            let id = format!("new-{n:02}");
            project.exercises.push(crate::content::Exercise {
                id: id.clone(),
                figure: None,
                ..template.clone()
            });
            project.files.push(crate::content::ContentFile {
                path: file.path.with_file_name(format!("{id}.yaml")),
                ..file.clone()
            });
        }
        let found = missing(&project);
        assert_eq!(found.len(), MISSING_NAMED + 1);
        let last = found.0.last().unwrap();
        assert_eq!(last.message, "11 more exercises have no figure");
        assert!(last.path.ends_with("exercises"), "{}", last.path.display());
    }

    #[test]
    fn lists_read_as_prose() {
        assert_eq!(and_list(&["text"]), "text");
        assert_eq!(and_list(&["masks", "text"]), "masks and text");
        assert_eq!(
            and_list(&["filters", "masks", "text"]),
            "filters, masks and text"
        );
    }

    #[test]
    fn every_figure_of_the_default_content_is_resolved_once() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        let project = crate::content::load(&root).expect("the default content loads");
        let figures = Figures::resolve(&project).expect("figures");
        let with_figure = project
            .exercises
            .iter()
            .filter(|e| e.figure.is_some())
            .count();
        assert_eq!(figures.by_exercise.len(), with_figure);
        for resolved in figures.by_exercise.values() {
            if let Resolved::Drawn { figure, start, end } = resolved {
                // Two labelled panels, each also alone.
                assert_eq!(figure.labels.len(), 2);
                let start = start.as_ref().expect("every default exercise moves");
                assert!(figure.drawing.shapes.len() > start.shapes.len() + end.shapes.len());
            }
        }
    }
}
