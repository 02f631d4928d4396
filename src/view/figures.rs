//! Exercise figures and the logo, resolved once per build: image files read
//! once, poses drawn once (moving and still), however many outputs and
//! pages use them. Also where the site publishes each figure.

use std::collections::BTreeMap;
use std::path::Path;

use crate::content::{FigureSource, Project};
use crate::diag::{Diagnostic, Diagnostics};
use crate::figure::{self, Pose};
use crate::geom::Drawing;

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

/// The still version of a published figure: drawn figures have one beside
/// them (the held position), images are still already.
pub fn still_path(url: &str) -> String {
    match url
        .strip_prefix("figures/drawn/")
        .and_then(|name| name.strip_suffix(".svg"))
    {
        Some(id) => format!("figures/drawn/{id}-still.svg"),
        None => url.to_string(),
    }
}

/// A figure, ready to print or publish.
#[derive(Debug, Clone, PartialEq)]
pub enum Resolved {
    /// A drawn pose.
    Drawn {
        /// The pose, for the site's animation.
        pose: Pose,
        /// The movement: where it starts (faint), where it ends, an arrow.
        motion: Drawing,
        /// The held position only, small enough to read in a checklist row.
        still: Drawing,
    },
    /// An image file.
    Image(Image),
}

/// An image file of the content.
#[derive(Debug, Clone, PartialEq)]
pub struct Image {
    /// Its path under the content folder, as published (`figures/a.png`).
    pub path: String,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

/// Every figure of a project, by exercise id, and the logo.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Figures {
    /// Exercise id → its figure.
    pub by_exercise: BTreeMap<String, Resolved>,
    /// The theme's logo.
    pub logo: Option<Image>,
}

impl Figures {
    /// Reads every image and draws every pose. The content check already
    /// made sure the files exist; one that cannot be read now is reported.
    pub fn resolve(project: &Project) -> Result<Figures, Diagnostics> {
        let mut problems = Diagnostics::new();
        let mut read = |path: &Path| match std::fs::read(project.root.join(path)) {
            Ok(bytes) => Some(Image {
                path: published_path(path),
                bytes,
            }),
            Err(error) => {
                problems.push(Diagnostic::file(
                    &project.root.join(path),
                    format!("cannot be read: {error}"),
                ));
                None
            }
        };
        let mut by_exercise = BTreeMap::new();
        for exercise in &project.exercises {
            let Some(figure) = &exercise.figure else {
                continue;
            };
            let resolved = match &figure.source {
                FigureSource::Pose(pose) => Resolved::Drawn {
                    pose: pose.clone(),
                    motion: figure::draw_motion(pose),
                    still: figure::draw(pose, figure::Frame::End),
                },
                FigureSource::Image(path) => match read(path) {
                    Some(image) => Resolved::Image(image),
                    None => continue,
                },
            };
            by_exercise.insert(exercise.id.clone(), resolved);
        }
        let logo = project.settings.theme.logo.as_deref().and_then(&mut read);
        problems.into_result(Figures { by_exercise, logo })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drawn_figures_have_a_still_beside_them_and_images_are_still() {
        assert_eq!(drawn_path("calf"), "figures/drawn/calf.svg");
        assert_eq!(
            still_path("figures/drawn/calf.svg"),
            "figures/drawn/calf-still.svg"
        );
        assert_eq!(still_path("figures/calf.png"), "figures/calf.png");
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
            if let Resolved::Drawn { motion, still, .. } = resolved {
                assert!(motion.shapes.len() >= still.shapes.len());
            }
        }
    }
}
