//! The patient's own page, `my/` in every language: the page a patient's
//! QR code opens, with their program in the address's fragment. The page
//! itself is the same for everyone and holds no patient's data: its script
//! (`templates/site/my.js`) reads the fragment in the browser and shows
//! that program from the site's own data, which this module writes into
//! the page as a JSON block (a browser will not read a JSON file from
//! file://): each phase and exercise by the short hash a link names it by
//! ([`patient_link::short_hash`]), the library's doses, and the catalogue
//! messages that word a dose and a date, so the page words a changed dose
//! exactly as the patient's PDF does.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Serialize;

use crate::content::{Dose, Project};
use crate::diag::Diagnostic;
use crate::view::PublicationView;
use crate::view::patient_link::{self, hex, short_hash};
use crate::words::Words;

/// The page's address from a language's root.
pub const MY_URL: &str = patient_link::MY_PATH;

/// The catalogue messages the page's script words things with (and the
/// messages they use, which come along).
const MESSAGES: &[&str] = &[
    "dose-hold",
    "dose-repeat",
    "dose-repeat-alternating",
    "dose-per-day",
    "dose-per-day-range",
    "date-day",
    "date-day-no-year",
    "date-range",
    "date-from",
    "date-weekday-short",
    "date-day-month-short",
    "handout-set-for-you",
    "label-how-much",
    "label-your-dates",
    "my-today",
    "my-not-started",
    "my-ended",
    "my-missing",
    "my-now",
    "checklist-box-time",
    "checklist-exercise",
    "ics-summary",
    "ics-exercises",
    "ics-open",
    "ics-alarm",
    "list-and",
];

/// What `site/my.html` receives: the data for its script, as JSON that
/// cannot end its `<script>` element, and the page's own words.
#[derive(Debug, Serialize)]
pub(super) struct MyContext {
    /// The JSON of the page's data, `<`, `>` and `&` written as `\u003c`...
    pub data: String,
}

/// The `my/` page's data for one language: `view` is that language's,
/// `project` gives the library's doses. A collision of two ids' hashes is
/// a problem: a printed link could not tell them apart.
pub(super) fn my_page(
    view: &PublicationView,
    project: &Project,
    words: &Words,
) -> Result<MyContext, Diagnostic> {
    // Ten thousand exercises at each save of a large library: maps by
    // hash, one sort, and the JSON written once.
    let doses: HashMap<&str, Dose> = (project.exercises.iter())
        .map(|e| (e.id.as_str(), e.dose))
        .collect();
    let mut phases = BTreeMap::new();
    let mut seen = HashSet::new();
    for phase in &view.phases {
        let hash = unique(&mut seen, "phase", &phase.id)?;
        let entry = PhaseData {
            title: &phase.title,
            url: &phase.url,
        };
        phases.insert(hex(hash), entry);
    }
    seen.clear();
    let mut exercises = Vec::with_capacity(doses.len());
    for exercise in view.exercises() {
        let hash = unique(&mut seen, "exercise", &exercise.id)?;
        let Some(dose) = doses.get(exercise.id.as_str()) else {
            continue;
        };
        let entry = ExerciseData {
            title: &exercise.title,
            url: &exercise.url,
            hold: dose.hold_seconds,
            repeat: dose.repeat,
            side: crate::words::side_name(dose.each),
            alternate: dose.alternate,
            per_day: dose.times_per_day.map(|s| [s.min, s.max]),
        };
        exercises.push((hash, entry));
    }
    // By hash, as a map by its hexadecimal digits (of one length) lists
    // them.
    exercises.sort_unstable_by_key(|(hash, _)| *hash);
    let messages = words.messages_for_script(MESSAGES).map_err(|id| {
        Diagnostic::file(
            std::path::Path::new("templates/words"),
            format!("the message `{id}` uses a form of Fluent the `my/` page cannot write (a term, a function or an attribute)"),
        )
        .with_hint("write it with text, variables, other messages and selectors only")
    })?;
    let data = MyData {
        lang: words.language(),
        root: "../",
        my_url: (view.head.base_url.as_ref()).map(|base| format!("{base}my/")),
        phases,
        exercises: ByHash(exercises),
        messages,
        times: (project.settings.session_times.iter())
            .map(|t| format!("{:02}:{:02}", t.hour(), t.minute()))
            .collect(),
    };
    Ok(MyContext {
        data: script_json(&data),
    })
}

/// The page's data, as `templates/README.md` describes it.
#[derive(Serialize)]
struct MyData<'a> {
    lang: &'a str,
    root: &'static str,
    my_url: Option<String>,
    phases: BTreeMap<String, PhaseData<'a>>,
    exercises: ByHash<ExerciseData<'a>>,
    messages: BTreeMap<String, serde_json::Value>,
    times: Vec<String>,
}

#[derive(Serialize)]
struct PhaseData<'a> {
    title: &'a str,
    url: &'a str,
}

/// Entries in the order of their hashes, written as a map by each hash's
/// [`hex`] digits.
struct ByHash<T>(Vec<(u32, T)>);

impl<T: Serialize> Serialize for ByHash<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().map(|(hash, entry)| (hex(*hash), entry)))
    }
}

/// An exercise of the library and its own dose.
#[derive(Serialize)]
struct ExerciseData<'a> {
    title: &'a str,
    url: &'a str,
    hold: Option<u32>,
    repeat: u32,
    side: &'static str,
    alternate: bool,
    per_day: Option<[u32; 2]>,
}

/// The hash of `id`; a second id of the same kind with the same hash is
/// refused.
fn unique(seen: &mut HashSet<u32>, kind: &str, id: &str) -> Result<u32, Diagnostic> {
    let hash = short_hash(id);
    if seen.insert(hash) {
        return Ok(hash);
    }
    Err(Diagnostic::file(
        std::path::Path::new("content"),
        format!("the {kind} '{id}' has the same link hash as another {kind}"),
    )
    .with_hint("rename one of them: a patient's link names each by a hash of its id"))
}

/// JSON that can stand inside a `<script>` element: no `<`, `>` or `&`
/// as such, so no `</script` ends it and no `<!--` changes how it is read.
fn script_json(value: &impl Serialize) -> String {
    let mut json = ScriptSafe(Vec::new());
    if serde_json::to_writer(&mut json, value).is_err() {
        return String::new();
    }
    String::from_utf8(json.0).unwrap_or_default()
}

/// JSON written with `<`, `>` and `&` as `\u003c`, `\u003e`, `\u0026`: in
/// JSON they are only ever inside strings, where the escapes mean the same.
struct ScriptSafe(Vec<u8>);

impl std::io::Write for ScriptSafe {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        let mut rest = bytes;
        while let Some(at) = rest.iter().position(|b| matches!(b, b'<' | b'>' | b'&')) {
            self.0.extend_from_slice(&rest[..at]);
            self.0.extend_from_slice(match rest[at] {
                b'<' => b"\\u003c",
                b'>' => b"\\u003e",
                _ => b"\\u0026",
            });
            rest = &rest[at + 1..];
        }
        self.0.extend_from_slice(rest);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};

    #[test]
    fn the_data_cannot_end_its_script_element() {
        let text = script_json(&json!({ "title": "</script><script>alert(1)</script> & <!--" }));
        assert!(!text.contains('<') && !text.contains('>') && !text.contains('&'));
        let back: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back["title"], "</script><script>alert(1)</script> & <!--");
    }

    /// Entries by hash are written as a map of their hexadecimal digits
    /// would be: in the same order, with the same keys.
    #[test]
    fn entries_by_hash_are_written_as_a_map_by_their_digits() {
        let hashes = [0xffff_0000_u32, 7, 0x0a00_0000, 0x1000, 0];
        let mut entries: Vec<(u32, u32)> = hashes.iter().map(|h| (*h, h % 97)).collect();
        entries.sort_unstable_by_key(|(hash, _)| *hash);
        let map: BTreeMap<String, u32> = hashes.iter().map(|h| (hex(*h), h % 97)).collect();
        assert_eq!(script_json(&ByHash(entries)), script_json(&map));
    }
}
