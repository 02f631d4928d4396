//! Placeholders: the default content is a demo a clinic copies, and its
//! clinic's name and phone stand in for the clinic's own. While one is
//! left as it came, in any language's handout.yaml, `check` and `build`
//! warn (so `--deny-warnings` refuses to publish it), and a clinic with no
//! phone at all is told that patients have no number to call.

use std::path::Path;

use super::model::Settings;
use crate::diag::{Diagnostic, Diagnostics};

/// The clinic names the default content ships with, one per language
/// (`handout.yaml`, `handout.es.yaml`), and those a clinic might copy
/// from a translation of it: a name that is one of these, in any case, is
/// a placeholder. `content/handout.yaml` says so beside them.
pub const NAMES: &[&str] = &[
    "Your clinic",
    "Su clínica",
    "Votre clinique",
    "Ihre Klinik",
    "Ihre Praxis",
];

/// The phone number the default content ships with: in the range kept
/// for fiction (555-0100 to 555-0199), so it reaches no one.
pub const PHONE: &str = "555-0199";

/// The placeholders left in handout.yaml and its translations, each where
/// it is written, and a warning when the clinic has no phone.
/// `files` are the settings files: the default language's first.
pub fn check<'a>(
    settings: &Settings,
    files: impl IntoIterator<Item = (&'a Path, &'a str)>,
) -> Diagnostics {
    let mut found = Diagnostics::new();
    let mut files = files.into_iter().peekable();
    let first = files.peek().map(|(path, _)| *path);
    for (path, text) in files {
        for (field, value) in placeholders_in(text) {
            let (what, hint) = match field {
                "name" => (
                    "the clinic's name is still the placeholder",
                    "write your clinic's name here, as patients know it; every language's handout.yaml needs it",
                ),
                _ => (
                    "the clinic's phone is still the placeholder",
                    "write the number patients call with questions, as they dial it",
                ),
            };
            found.push(
                Diagnostic::at_offset(
                    path,
                    text,
                    value.start,
                    value.len(),
                    format!("{what} '{}'", &text[value.clone()]),
                )
                .with_hint(hint)
                .warning(),
            );
        }
    }
    let phone = settings.clinic.as_ref().and_then(|c| c.phone.as_deref());
    if phone.is_none_or(|p| p.trim().is_empty())
        && let Some(path) = first
    {
        found.push(
            Diagnostic::file(path, "the clinic has no phone number: patients with a question have no one to call")
                .with_hint(
                    "add it under `clinic:`, like `phone: 555-0123`: the handout, the site's exercise pages and the checklist print it",
                )
                .warning(),
        );
    }
    found
}

/// The `name:` and `phone:` values of a settings file's `clinic:` that are
/// placeholders, with the byte range of each value.
fn placeholders_in(text: &str) -> Vec<(&'static str, std::ops::Range<usize>)> {
    let mut found = Vec::new();
    let mut in_clinic = false;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let content = line.trim_end();
        let indent = content.len() - content.trim_start().len();
        if indent == 0 && !content.is_empty() && !content.starts_with('#') {
            in_clinic = content.starts_with("clinic:");
            continue;
        }
        if !in_clinic {
            continue;
        }
        let trimmed = content.trim_start();
        for field in ["name", "phone"] {
            let Some(rest) = trimmed
                .strip_prefix(field)
                .and_then(|rest| rest.strip_prefix(':'))
            else {
                continue;
            };
            // The value, without a comment or quotes.
            let value = rest.split(" #").next().unwrap_or(rest).trim();
            let unquoted = value.trim_matches(['"', '\'']);
            let placeholder = match field {
                "name" => NAMES.iter().any(|n| n.eq_ignore_ascii_case(unquoted)),
                _ => unquoted == PHONE,
            };
            if placeholder && !unquoted.is_empty() {
                let at = start
                    + indent
                    + (trimmed.len() - rest.len())
                    + rest.find(unquoted).unwrap_or(0);
                found.push((field, at..at + unquoted.len()));
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_clinics_placeholders_are_found_where_they_are_written() {
        let text = "title: X\nclinic:\n  name: Your clinic  # a placeholder\n  phone: \"555-0199\"\nother:\n  name: Your clinic\n";
        let found = placeholders_in(text);
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(&text[found[0].1.clone()], "Your clinic");
        assert_eq!(&text[found[1].1.clone()], "555-0199");
        assert!(
            placeholders_in("clinic:\n  name: Riverside Spine Clinic\n  phone: 555-0123\n")
                .is_empty()
        );
        assert_eq!(placeholders_in("clinic:\n  name: su clínica\n").len(), 1);
    }

    /// The default content carries exactly the placeholders this module
    /// knows, in each of its languages: the demo warns until a clinic
    /// makes it its own.
    #[test]
    fn the_default_content_is_marked_as_a_placeholder() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        for (file, expected) in [("handout.yaml", 2), ("handout.es.yaml", 1)] {
            let text = std::fs::read_to_string(root.join(file)).unwrap();
            assert_eq!(placeholders_in(&text).len(), expected, "{file}");
        }
    }
}
