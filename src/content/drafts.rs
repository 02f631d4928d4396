//! Drafts and what is published: an exercise or page marked `draft: true`
//! is left out of every output (the site, the PDFs, the published
//! programs, the search page, the checklist) unless `--drafts` builds it,
//! and `serve` shows it with a banner. What a draft leaves behind is said:
//! a link to it from published content is an error (it would lead
//! nowhere), a program that lists it prints without it (a warning). And
//! an exercise that no published program holds is a note: it is on the
//! site's phase pages, but on no program's PDFs or checklist.

use std::collections::BTreeSet;

use super::model::{FileKind, Project};
use crate::diag::{Diagnostic, Diagnostics};
use crate::links::{self, FileLink, LinkClass, LinkKind};

/// The ids of the drafts.
struct Drafts {
    exercises: BTreeSet<String>,
    pages: BTreeSet<String>,
}

impl Drafts {
    /// Whether a link of `kind` to `id` leads to a draft.
    fn has(&self, kind: LinkKind, id: &str) -> bool {
        match kind {
            LinkKind::Exercise => self.exercises.contains(id),
            LinkKind::Page => self.pages.contains(id),
            LinkKind::Phase => false,
        }
    }

    /// Whether a content file is a draft's (or one of its translations).
    fn holds_file(&self, kind: FileKind, path: &std::path::Path) -> bool {
        let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
        let id = stem.split('.').next().unwrap_or(stem);
        match kind {
            FileKind::Exercise => self.exercises.contains(id),
            FileKind::Page => self.pages.contains(id),
            _ => false,
        }
    }
}

/// Takes the drafts out of `project`, with their translations and files;
/// says what published content still points at them.
pub fn leave_out(project: &mut Project) -> Diagnostics {
    let drafts = Drafts {
        exercises: (project.exercises.iter())
            .filter(|e| e.draft)
            .map(|e| e.id.clone())
            .collect(),
        pages: (project.pages.iter())
            .filter(|p| p.draft)
            .map(|p| p.id.clone())
            .collect(),
    };
    let mut found = Diagnostics::new();
    if drafts.exercises.is_empty() && drafts.pages.is_empty() {
        return found;
    }
    links_to_drafts(project, &drafts, &mut found);
    programs_without_drafts(project, &drafts, &mut found);
    project.exercises.retain(|e| !e.draft);
    project.pages.retain(|p| !p.draft);
    project.translations.retain(|t| match t.of {
        FileKind::Exercise => !drafts.exercises.contains(&t.id),
        FileKind::Page => !drafts.pages.contains(&t.id),
        _ => true,
    });
    project
        .files
        .retain(|f| !drafts.holds_file(f.kind, &f.path));
    project
        .translation_files
        .retain(|_, f| !drafts.holds_file(f.kind, &f.path));
    found
}

/// An error at each link from published content to a draft.
fn links_to_drafts(project: &Project, drafts: &Drafts, found: &mut Diagnostics) {
    let files = project
        .files
        .iter()
        .chain(project.translation_files.values());
    for file in files.filter(|f| !drafts.holds_file(f.kind, &f.path)) {
        if file.kind == FileKind::Program {
            continue;
        }
        let folder = links::folder_of(&file.path);
        for link in crate::markdown::links(&file.text) {
            let target = match links::file_link(folder, &link.dest) {
                Some(FileLink::Content { kind, id, .. }) => Some((kind, id)),
                Some(FileLink::Other(_)) => None,
                None => match links::classify(&link.dest) {
                    LinkClass::Content(kind, id) => Some((kind, id.to_string())),
                    _ => None,
                },
            };
            let Some((kind, id)) = target.filter(|(kind, id)| drafts.has(*kind, id)) else {
                continue;
            };
            found.push(
                Diagnostic::at_offset(
                    &file.path,
                    &file.text,
                    link.range.start,
                    link.range.len(),
                    format!(
                        "this links to the {} '{id}', which is a draft: the published link would lead nowhere",
                        kind.scheme()
                    ),
                )
                .with_hint(
                    "publish it (remove its `draft: true`) or remove the link; `--drafts` builds drafts too",
                ),
            );
        }
    }
}

/// Programs print without their drafts, with a warning at each.
fn programs_without_drafts(project: &mut Project, drafts: &Drafts, found: &mut Diagnostics) {
    for program in &mut project.programs {
        let path = (project.files.iter())
            .find(|f| {
                f.kind == FileKind::Program
                    && f.path.file_stem().and_then(|s| s.to_str()) == Some(program.id.as_str())
            })
            .map(|f| (f.path.clone(), f.text.clone()));
        for phase in &mut program.phases {
            phase.exercises.retain(|exercise| {
                if !drafts.exercises.contains(&exercise.id) {
                    return true;
                }
                if let Some((path, text)) = &path {
                    let at = text.find(&exercise.id).unwrap_or(0);
                    found.push(
                        Diagnostic::at_offset(
                            path,
                            text,
                            at,
                            exercise.id.len(),
                            format!(
                                "the exercise '{}' is a draft: the program is published without it",
                                exercise.id
                            ),
                        )
                        .with_hint("publish the exercise (remove its `draft: true`) or take it out of the program")
                        .warning(),
                    );
                }
                false
            });
        }
    }
}

/// A note for each exercise that no published program holds (none when
/// there are no programs: the library is then the one program).
pub fn unpublished(project: &Project) -> Vec<String> {
    if project.programs.is_empty() {
        return Vec::new();
    }
    let held: BTreeSet<&str> = (project.programs.iter())
        .flat_map(|p| &p.phases)
        .flat_map(|phase| &phase.exercises)
        .map(|e| e.id.as_str())
        .collect();
    (project.exercises.iter())
        .filter(|e| !held.contains(e.id.as_str()))
        .map(|e| {
            format!(
                "the exercise '{}' is in no published program: it is on the site's page of its phase, but in no program's PDFs or checklist (add it to a file in programs/)",
                e.id
            )
        })
        .collect()
}
