//! Turns located YAML into the validated model, one file at a time, and
//! notes every reference (phase ids, content links, figure files) for the
//! cross-checks that need the whole project.

use std::collections::BTreeMap;
use std::path::PathBuf;

use super::fields::{Fields, File};
use super::model::{
    Clinic, Dose, Exercise, Figure, FigureSource, HandoutLayout, Kind, Paper, Phase, ProsePage,
    Settings, Side, SignList, Span, TranslationPolicy, WarningSigns,
};
use super::schema;
use super::yaml::{Node, Value};
use crate::geom::Color;
use crate::links::{self, LinkClass, LinkKind};
use crate::markdown;
use crate::theme::{self, Theme};

/// A reference from one file to something that must exist elsewhere,
/// with the byte range in the file's text to point at when it doesn't.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Reference {
    /// An exercise's `phase:`.
    Phase {
        id: String,
        at: std::ops::Range<usize>,
    },
    /// A content link in Markdown.
    Link {
        kind: LinkKind,
        id: String,
        at: std::ops::Range<usize>,
    },
    /// A link written as a path to a content file (`safety-tips.md`),
    /// from a file in `folder`: rewritten to its content's link when it
    /// leads to one, located when it leads nowhere.
    FileLink {
        dest: String,
        folder: &'static str,
        target: links::FileLink,
        at: std::ops::Range<usize>,
    },
    /// An exercise named by a program.
    Exercise {
        id: String,
        at: std::ops::Range<usize>,
    },
    /// A figure image, relative to the content folder as written.
    FigureFile {
        path: String,
        at: std::ops::Range<usize>,
    },
    /// A font file named in handout.yaml's `fonts:`.
    FontFile {
        path: String,
        at: std::ops::Range<usize>,
    },
}

/// The limits a dose must respect; outside them a value is surely a typo.
pub(crate) const HOLD_SECONDS: (u32, u32) = (1, 600);
pub(crate) const REPEAT: (u32, u32) = (1, 100);
pub(crate) const TIMES_PER_DAY: (u32, u32) = (1, 24);
pub(crate) const WEEKS: (u32, u32) = (1, 104);
/// The school grades `readability:` may name: first grade to the end of
/// college.
pub(crate) const READING_GRADE: (u32, u32) = (1, 16);
/// The grade patient-education guidance asks for (AMA, NIH): sixth grade
/// or below.
pub const DEFAULT_READING_GRADE: u32 = 6;

/// Reads `handout.yaml`.
pub(crate) fn settings(
    file: &File<'_>,
    node: &Node,
    refs: &mut Vec<Reference>,
) -> Option<Settings> {
    let f = file.fields(node, "handout.yaml", &schema::SETTINGS.names())?;
    let title = f.required_text(
        "title",
        "add `title: Exercises after spine surgery` (the publication's title)",
    );
    let languages = languages(file, &f);
    let translations = f
        .choice(
            "translations",
            &[
                ("error", TranslationPolicy::Error),
                ("warn", TranslationPolicy::Warn),
            ],
        )
        .unwrap_or(TranslationPolicy::Error);
    let paper = f
        .choice("paper", &[("letter", Paper::Letter), ("a4", Paper::A4)])
        .unwrap_or(Paper::Letter);
    let layout = f
        .choice(
            "layout",
            &[
                ("compact", HandoutLayout::Compact),
                ("one-per-page", HandoutLayout::OnePerPage),
            ],
        )
        .unwrap_or_default();
    let clinic = f.get("clinic").and_then(|node| clinic(file, node));
    let base_url = base_url(file, &f);
    let mut disclaimer = f.text("disclaimer").unwrap_or_default();
    if let Some(node) = f.get("disclaimer") {
        markdown_refs(file, node, &mut disclaimer, refs);
    }
    let start_date = start_date(file, &f);
    let theme = match f.get("theme") {
        Some(node) => theme(file, node, refs)?,
        None => Theme::default(),
    };
    if let Some(node) = f.get("fonts") {
        font_files(file, node, refs);
    }
    let warning_signs = f
        .get("warning_signs")
        .and_then(|node| warning_signs(file, node, refs));
    let readability = f
        .get("readability")
        .and_then(|node| count_of(file, node, "readability", READING_GRADE))
        .unwrap_or(DEFAULT_READING_GRADE);
    let session_times = session_times(file, &f);
    Some(Settings {
        readability,
        warning_signs,
        session_times,
        title: title?,
        subtitle: f.text("subtitle"),
        language: languages[0].clone(),
        languages,
        translations,
        paper,
        layout,
        clinic,
        base_url,
        disclaimer,
        large_print: f.bool("large_print").unwrap_or(false),
        start_date,
        theme,
        fonts: crate::fonts::FontBook::default(),
    })
}

/// Reads `clinic:` of handout.yaml: its name, phone and website.
fn clinic(file: &File<'_>, node: &Node) -> Option<Clinic> {
    let c = file.fields(node, "clinic", &schema::CLINIC.names())?;
    Some(Clinic {
        name: c.text("name"),
        phone: c.text("phone"),
        website: c
            .text("website")
            .filter(|w| check_web_address(file, &c, "website", w)),
    })
}

/// Reads `base_url:`, ending in `/` so page addresses join onto it.
fn base_url(file: &File<'_>, f: &Fields<'_, '_>) -> Option<String> {
    f.text("base_url")
        .filter(|url| check_web_address(file, f, "base_url", url))
        .map(|url| {
            if url.ends_with('/') {
                url
            } else {
                format!("{url}/")
            }
        })
}

/// Reads `start_date:`, a calendar date, or reports why it is not one.
fn start_date(file: &File<'_>, f: &Fields<'_, '_>) -> Option<String> {
    f.text("start_date").filter(|date| {
        let ok = date.parse::<jiff::civil::Date>().is_ok();
        if !ok {
            file.report(
                f.get("start_date").map_or(f.pos(), |n| n.pos),
                format!("'{date}' is not a date"),
                Some("write the date as YYYY-MM-DD, like `start_date: 2026-03-02`".into()),
            );
        }
        ok
    })
}

/// Notes each font file `fonts:` names. The files are read and checked
/// once every file of the content is known (`content::load`).
fn font_files(file: &File<'_>, node: &Node, refs: &mut Vec<Reference>) {
    for item in file.list_of(node, "fonts") {
        if let Some(path) = file.text_of(item, "fonts") {
            refs.push(Reference::FontFile {
                at: scalar_range(file, item, &path),
                path,
            });
        }
    }
}

/// Reads `session_times:`: times of day as `HH:MM`, earliest first, each
/// once; the defaults when it is not given.
fn session_times(file: &File<'_>, f: &super::fields::Fields<'_, '_>) -> Vec<jiff::civil::Time> {
    let defaults = || {
        (super::model::DEFAULT_SESSION_TIMES.iter())
            .map(|(h, m)| jiff::civil::Time::constant(*h, *m, 0, 0))
            .collect()
    };
    let Some(node) = f.get("session_times") else {
        return defaults();
    };
    let mut times: Vec<jiff::civil::Time> = Vec::new();
    for item in file.list_of(node, "session_times") {
        let Some(text) = file.text_of(item, "session_times") else {
            continue;
        };
        let parsed = text
            .split_once(':')
            .filter(|(h, m)| h.len() == 2 && m.len() == 2)
            .and_then(|(h, m)| Some((h.parse::<i8>().ok()?, m.parse::<i8>().ok()?)))
            .and_then(|(h, m)| jiff::civil::Time::new(h, m, 0, 0).ok());
        match parsed {
            Some(time) if times.last().is_some_and(|last| *last >= time) => file.report(
                item.pos,
                format!("'{text}' is not after the time before it"),
                Some("list the times of day earliest first, each once".into()),
            ),
            Some(time) => times.push(time),
            None => file.report(
                item.pos,
                format!("'{text}' is not a time of day"),
                Some(
                    "write it as HH:MM on a 24-hour clock, in quotes, like \"08:00\" or \"17:30\""
                        .into(),
                ),
            ),
        }
    }
    if times.is_empty() {
        file.report(
            node.pos,
            "`session_times` gives no time",
            Some("list the times of day for exercise sessions, like [\"08:00\", \"14:00\", \"20:00\"], or leave it out for 08:00, 11:00, 14:00, 17:00 and 20:00".into()),
        );
        return defaults();
    }
    times
}

/// Reads `warning_signs:`: the emergency number and both levels of signs,
/// each with its short line and its list.
fn warning_signs(file: &File<'_>, node: &Node, refs: &mut Vec<Reference>) -> Option<WarningSigns> {
    let f = file.fields(node, "warning_signs", &schema::WARNING_SIGNS.names())?;
    let number = f.required_text(
        "emergency_number",
        "add the local emergency number in quotes, like `emergency_number: \"911\"` (112 in the EU, 999 in the UK)",
    );
    if let (Some(number), Some(node)) = (&number, f.get("emergency_number"))
        && !number
            .chars()
            .all(|c| c.is_ascii_digit() || c == '+' || c == ' ' || c == '-')
    {
        file.report(
            node.pos,
            format!("'{number}' is not a number to dial"),
            Some("write the digits as you dial them, like `emergency_number: \"911\"`".into()),
        );
    }
    let mut level = |name: &str, example: &str| -> Option<SignList> {
        let node = f.required(
            name,
            &format!("add `{name}:` with a `summary:` line and the `signs:`, like {example}"),
        )?;
        let l = file.fields(node, name, &schema::SIGN_LIST.names())?;
        let mut summary = l.required_text(
            "summary",
            "add `summary:` with the signs in one short line (the wall checklist prints it)",
        );
        if let (Some(node), Some(text)) = (l.get("summary"), &mut summary) {
            markdown_refs(file, node, text, refs);
        }
        let mut signs = Vec::new();
        match l.required(
            "signs",
            "add `signs:` with one sign a line, each starting with `- `",
        ) {
            Some(node) => {
                for item in file.list_of(node, "signs") {
                    if let Some(mut text) = file.text_of(item, "signs") {
                        markdown_refs(file, item, &mut text, refs);
                        signs.push(text);
                    }
                }
            }
            None => return None,
        }
        Some(SignList {
            summary: summary?,
            signs,
        })
    };
    let emergency = level("emergency", "`Loss of bladder or bowel control`");
    let clinic = level("clinic", "`A fever, a red or leaking wound`");
    Some(WarningSigns {
        emergency_number: number?,
        emergency: emergency?,
        clinic: clinic?,
    })
}

/// Reads `theme:`: the accent colour must be readable as text on white, and
/// the logo is a figure file like any other.
fn theme(file: &File<'_>, node: &Node, refs: &mut Vec<Reference>) -> Option<Theme> {
    let f = file.fields(node, "theme", &schema::THEME.names())?;
    let mut bad = false;
    let accent = f.text("accent").and_then(|text| {
        let at = f.get("accent").map_or(f.pos(), |n| n.pos);
        let Some(color) = theme::parse_color(&text) else {
            file.report(
                at,
                format!("'{text}' is not a colour"),
                Some("write it as CSS does, like `accent: \"#00606b\"` (quoted: YAML reads # as a comment)".into()),
            );
            bad = true;
            return None;
        };
        let ratio = theme::contrast_ratio(color, Color::WHITE);
        if ratio < theme::MIN_CONTRAST {
            file.report(
                at,
                format!(
                    "the accent {text} is too light to read on white: {ratio:.2}:1, and text needs at least {}:1",
                    theme::MIN_CONTRAST
                ),
                Some({
                    let shade = theme::readable_shade(color);
                    format!(
                        "choose a darker shade, like \"{}\" ({:.1}:1); the default is \"{}\"",
                        shade.hex(),
                        theme::contrast_ratio(shade, Color::WHITE),
                        theme::DEFAULT_ACCENT.hex()
                    )
                }),
            );
            bad = true;
            return None;
        }
        Some(color)
    });
    let logo = f.text("logo").and_then(|path| {
        let node = f.get("logo")?;
        refs.push(Reference::FigureFile {
            path: path.clone(),
            at: scalar_range(file, node, &path),
        });
        Some(PathBuf::from(path))
    });
    (!bad).then(|| Theme::new(accent, logo))
}

fn check_web_address(file: &File<'_>, f: &Fields<'_, '_>, name: &str, url: &str) -> bool {
    let ok = (url.starts_with("https://") || url.starts_with("http://"))
        && url.len() > 8
        && !url.contains(' ');
    if !ok {
        file.report(
            f.get(name).map_or(f.pos(), |n| n.pos),
            format!("'{url}' is not a web address"),
            Some(format!(
                "write the full address, like `{name}: https://clinic.example.org/`"
            )),
        );
    }
    ok
}

/// The publication's languages, the default first: `languages: [en, es]`,
/// or the one `language:`, or English. Every tag is checked, and none may
/// come twice.
fn languages(file: &File<'_>, f: &Fields<'_, '_>) -> Vec<String> {
    let (name, tags) = match (f.get("language"), f.get("languages")) {
        (Some(_), Some(node)) => {
            file.report(
                node.pos,
                "handout.yaml has both `language:` and `languages:`",
                Some("keep `languages:` with the default language first, like `languages: [en, es]`, and delete `language:`".into()),
            );
            return vec![f.text("language").unwrap_or_else(|| "en".to_string())];
        }
        (Some(node), None) => ("language", vec![(node, file.text_of(node, "language"))]),
        (None, Some(node)) => {
            let items = file.list_of(node, "languages");
            if items.is_empty() && matches!(node.value, Value::Seq(_)) {
                file.report(
                    node.pos,
                    "`languages:` is empty",
                    Some(
                        "list the languages, the default first, like `languages: [en, es]`".into(),
                    ),
                );
            }
            let tags = items
                .iter()
                .map(|item| (item, file.text_of(item, "languages")));
            ("languages", tags.collect())
        }
        (None, None) => return vec!["en".to_string()],
    };
    let mut languages: Vec<String> = Vec::new();
    for (node, tag) in tags {
        let Some(tag) = tag else { continue };
        if !is_language_tag(&tag) {
            file.report(
                node.pos,
                format!("'{tag}' is not a language tag"),
                Some("use a BCP 47 tag such as `en`, `en-US`, `es` or `fr-CA`".into()),
            );
        } else if languages.iter().any(|l| l.eq_ignore_ascii_case(&tag)) {
            file.report(
                node.pos,
                format!("'{tag}' is listed twice in `{name}:`"),
                Some("list each language once".into()),
            );
        } else {
            languages.push(tag);
        }
    }
    if languages.is_empty() {
        languages.push("en".to_string());
    }
    languages
}

pub(crate) fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let first = parts.next().unwrap_or("");
    (2..=3).contains(&first.len())
        && first.chars().all(|c| c.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// Reads a phase's front matter; `body` is its Markdown.
pub(crate) fn phase(
    file: &File<'_>,
    id: &str,
    node: &Node,
    body: String,
    body_offset: usize,
    refs: &mut Vec<Reference>,
) -> Option<Phase> {
    let f = file.fields(node, "a phase", &schema::PHASE.names())?;
    let title = f.required_text(
        "title",
        "add `title: Gentle stretching` to the front matter",
    );
    let order = f.required(
        "order",
        "add `order: 1` (phases are shown by this number, smallest first)",
    );
    let order = order.and_then(|node| file.int_of(node, "order"));
    let times_per_day = f
        .get("times_per_day")
        .and_then(|n| span_of(file, n, "times_per_day", TIMES_PER_DAY));
    let weeks = f
        .get("weeks")
        .and_then(|n| span_of(file, n, "weeks", WEEKS));
    let mut body = body;
    body_refs(file, &mut body, body_offset, refs);
    Some(Phase {
        id: id.to_string(),
        title: title?,
        order: order?,
        starts: f.text("starts"),
        times_per_day,
        weeks,
        body,
    })
}

/// Reads a prose page's front matter; `body` is its Markdown.
pub(crate) fn page(
    file: &File<'_>,
    id: &str,
    node: &Node,
    body: String,
    body_offset: usize,
    refs: &mut Vec<Reference>,
) -> Option<ProsePage> {
    let f = file.fields(node, "a page", &schema::PAGE.names())?;
    let title = f.required_text(
        "title",
        "add `title: Why movement matters` to the front matter",
    );
    let order = f.int("order").unwrap_or(0);
    let (mut on_site, mut in_handout) = (true, true);
    if let Some(node) = f.get("appears_in") {
        (on_site, in_handout) = (false, false);
        for item in file.list_of(node, "appears_in") {
            match file.choice_of(item, "appears_in", &[("site", 0), ("handout", 1)]) {
                Some(0) => on_site = true,
                Some(_) => in_handout = true,
                None => {}
            }
        }
    }
    let mut body = body;
    body_refs(file, &mut body, body_offset, refs);
    Some(ProsePage {
        id: id.to_string(),
        title: title?,
        order,
        on_site,
        in_handout,
        draft: f.bool("draft").unwrap_or(false),
        body,
    })
}

/// Reads an exercise. Its `times_per_day` is filled from its phase later.
pub(crate) fn exercise(
    file: &File<'_>,
    id: &str,
    node: &Node,
    refs: &mut Vec<Reference>,
) -> Option<Exercise> {
    let f = file.fields(node, "an exercise", &schema::EXERCISE.names())?;
    let title = f.required_text("title", "add `title: Hamstring stretch`");
    let phase = f.required_text(
        "phase",
        "add `phase:` with the id of a phase, the name of its file in phases/ without `.md`",
    );
    if let (Some(phase), Some(node)) = (&phase, f.get("phase")) {
        refs.push(Reference::Phase {
            id: phase.clone(),
            at: scalar_range(file, node, phase),
        });
    }
    let kind = f
        .required("kind", "add `kind: stretch` or `kind: strengthen`")
        .and_then(|n| {
            file.choice_of(
                n,
                "kind",
                &[("stretch", Kind::Stretch), ("strengthen", Kind::Strengthen)],
            )
        });
    let summary = f.required_text(
        "summary",
        "add `summary:` with one sentence saying what the exercise does",
    );
    let position = f.required_text(
        "position",
        "add `position:` with the starting position, like `Lying on your back`",
    );
    let dose = f
        .required(
            "dose",
            "add a `dose:` with at least `repeat:` (and `hold:` for a held position)",
        )
        .and_then(|n| dose(file, n));
    let steps_node = f.required(
        "steps",
        "add `steps:` with one step a line, each starting with `- `",
    );
    let mut steps = Vec::new();
    if let Some(node) = steps_node {
        for item in file.list_of(node, "steps") {
            if let Some(mut text) = file.text_of(item, "steps") {
                markdown_refs(file, item, &mut text, refs);
                steps.push(text);
            }
        }
        if steps.is_empty() && !file.has_problems() {
            file.report(
                node.pos,
                "the exercise has no steps",
                Some("list what to do under `steps:`, one step a line starting with `- `".into()),
            );
        }
    }
    let mut markdown_list = |name: &str| markdown_list(file, &f, name, refs);
    let cautions = markdown_list("cautions");
    let breathing = markdown_list("breathing").into_iter().next();
    let mut summary = summary;
    if let (Some(node), Some(text)) = (f.get("summary"), &mut summary) {
        markdown_refs(file, node, text, refs);
    }
    let figure = f.get("figure").and_then(|n| figure(file, n, refs));
    let last_reviewed = f.get("last_reviewed").and_then(|n| reviewed_on(file, n));
    Some(Exercise {
        id: id.to_string(),
        title: title?,
        phase: phase?,
        order: f.int("order"),
        kind: kind?,
        summary: summary?,
        position: position?,
        equipment: f.text_list("equipment"),
        dose: dose?,
        steps,
        cautions,
        breathing,
        figure,
        draft: f.bool("draft").unwrap_or(false),
        last_reviewed,
    })
}

/// `last_reviewed: 2026-03-01`: a day that exists, written `YYYY-MM-DD`.
fn reviewed_on(file: &File<'_>, node: &Node) -> Option<jiff::civil::Date> {
    let text = file.text_of(node, "last_reviewed")?;
    let text = text.trim();
    let date = (text.len() == 10)
        .then(|| text.parse::<jiff::civil::Date>().ok())
        .flatten();
    if date.is_none() {
        file.report(
            node.pos,
            format!("`last_reviewed:` is `{text}`, not a day written YYYY-MM-DD"),
            Some("write the day the instructions were last checked, like `last_reviewed: 2026-03-01`".into()),
        );
    }
    date
}

fn dose(file: &File<'_>, node: &Node) -> Option<Dose> {
    let f = file.fields(node, "dose", &schema::DOSE.names())?;
    let hold_seconds = f.get("hold").and_then(|node| hold_of(file, node));
    let repeat = f
        .required(
            "repeat",
            "add `repeat:` with how many times to do the exercise, like `repeat: 3`",
        )
        .and_then(|node| count_of(file, node, "repeat", REPEAT));
    let each = f.choice(
        "each",
        &[("leg", Side::Leg), ("arm", Side::Arm), ("side", Side::Side)],
    );
    let alternate = f.bool("alternate").unwrap_or(false);
    if alternate
        && each.is_none()
        && let Some(key) = f.key("alternate")
    {
        file.report(
            key.pos,
            "'alternate' needs 'each': there are no sides to switch between",
            Some("add `each: leg`, `each: arm` or `each: side`, or remove `alternate`".into()),
        );
    }
    let times_per_day = f
        .get("times_per_day")
        .and_then(|n| span_of(file, n, "times_per_day", TIMES_PER_DAY));
    Some(Dose {
        hold_seconds: hold_seconds.or(None),
        repeat: repeat?,
        each,
        alternate,
        times_per_day,
    })
}

/// A hold, like `30 s`, within its limits.
pub(crate) fn hold_of(file: &File<'_>, node: &Node) -> Option<u32> {
    let text = match &node.value {
        Value::Str(s) => s.clone(),
        Value::Int(i) => i.to_string(),
        other => other.kind().to_string(),
    };
    match parse_duration(&text) {
        Ok(seconds) if (HOLD_SECONDS.0..=HOLD_SECONDS.1).contains(&seconds) => Some(seconds),
        Ok(_) => {
            // Said as written: a huge number would not survive the
            // conversion to seconds.
            file.report(
                node.pos,
                format!("a hold of {} is out of range", text.trim()),
                Some("a hold is from 1 second to 10 minutes".into()),
            );
            None
        }
        Err(_) if let Some((hold, repeat)) = hold_and_repeats(&text) => {
            file.report(
                node.pos,
                format!("'{}' says the hold and the repeats together", text.trim()),
                Some(format!(
                    "write the hold alone, like `{hold}`, and the repeats on their own line, `repeat: {repeat}`"
                )),
            );
            None
        }
        Err(why) => {
            file.report(
                node.pos,
                format!("'{text}' is not a duration: {why}"),
                Some("write it like `30 s`, `30 seconds` or `1 min`".into()),
            );
            None
        }
    }
}

/// `30 s x 3` (or `30s × 3`, `30 s * 3`, `30 s, 3 times`): a hold and a
/// count of repeats written as one value, split into the two.
fn hold_and_repeats(text: &str) -> Option<(String, u32)> {
    let lower = text.trim().to_ascii_lowercase();
    let (hold, rest) = lower
        .rsplit_once(['x', '*', ','])
        .or_else(|| lower.rsplit_once('×'))?;
    let hold = hold.trim();
    let rest = rest.trim();
    let count = rest
        .strip_suffix("times")
        .or_else(|| rest.strip_suffix("reps"))
        .unwrap_or(rest)
        .trim();
    let repeat: u32 = count.parse().ok()?;
    parse_duration(hold).ok()?;
    Some((hold.to_string(), repeat))
}

fn figure(file: &File<'_>, node: &Node, refs: &mut Vec<Reference>) -> Option<Figure> {
    let f = file.fields(node, "figure", &schema::FIGURE.names())?;
    let alt = f.required_text(
        "alt",
        "add `alt:` describing the picture in one sentence, for people who cannot see it",
    );
    let image = f.text("image");
    let posture = f.text("pose");
    let source = match (image, posture) {
        (Some(image), None) => {
            for name in ["props", "target", "start", "end"] {
                if let Some(key) = f.key(name) {
                    file.report(
                        key.pos,
                        format!("'{name}' only goes with a `pose:`"),
                        Some("an image figure takes only `image:` and `alt:`".into()),
                    );
                }
            }
            let node = f.get("image")?;
            refs.push(Reference::FigureFile {
                path: image.clone(),
                at: scalar_range(file, node, &image),
            });
            FigureSource::Image(PathBuf::from(image))
        }
        (None, Some(posture)) => FigureSource::Pose(pose(file, &f, posture)?),
        (Some(_), Some(_)) => {
            file.report(
                f.key("pose").map_or(f.pos(), |k| k.pos),
                "a figure has either an `image:` or a `pose:`, not both",
                Some("remove one of them".into()),
            );
            return None;
        }
        (None, None) => {
            file.report(
                f.pos(),
                "a figure needs an `image:` or a `pose:`",
                Some("add `image: figures/<file>.png`, or describe a pose with `pose: lying-on-back`".into()),
            );
            return None;
        }
    };
    Some(Figure { alt: alt?, source })
}

/// Reads and checks a pose, pointing each problem at the key or value it
/// concerns.
fn pose(file: &File<'_>, f: &Fields<'_, '_>, posture: String) -> Option<crate::figure::Pose> {
    use crate::figure::{self, Frame, PoseField, PoseInput};
    let input = PoseInput {
        posture,
        props: f.text_list("props"),
        targets: f.text_list("target"),
        start: f.get("start").and_then(|n| angles(file, n, "start")),
        end: f.get("end").and_then(|n| angles(file, n, "end")),
    };
    let problems = match figure::validate(&input) {
        Ok(pose) => return Some(pose),
        Err(problems) => problems,
    };
    for problem in problems {
        let pos = match &problem.at {
            PoseField::Posture => f.get("pose").map(|n| n.pos),
            PoseField::Prop(i) | PoseField::Target(i) => {
                let field = match &problem.at {
                    PoseField::Prop(_) => "props",
                    _ => "target",
                };
                f.get(field).and_then(|n| match &n.value {
                    Value::Seq(items) => items.get(*i).map(|item| item.pos),
                    _ => Some(n.pos),
                })
            }
            PoseField::Joint { frame, name } => {
                let field = match frame {
                    Frame::Start => "start",
                    Frame::End => "end",
                };
                f.get(field).and_then(|n| match &n.value {
                    Value::Map(entries) => entries
                        .iter()
                        .find(|(k, _)| k.name == *name)
                        .map(|(k, _)| k.pos),
                    _ => Some(n.pos),
                })
            }
        };
        file.report(pos.unwrap_or(f.pos()), problem.message, problem.hint);
    }
    None
}

fn angles(file: &File<'_>, node: &Node, name: &str) -> Option<BTreeMap<String, f64>> {
    let Value::Map(entries) = &node.value else {
        file.report(
            node.pos,
            format!("'{name}' should be joint angles, like `{{ near_hip: 90, near_knee: 90 }}`"),
            None,
        );
        return None;
    };
    let mut out = BTreeMap::new();
    for (key, value) in entries {
        let degrees = match value.value {
            Value::Int(i) => i as f64,
            Value::Float(x) => x,
            _ => {
                file.report(
                    value.pos,
                    format!("the angle of '{}' should be a number of degrees", key.name),
                    None,
                );
                continue;
            }
        };
        out.insert(key.name.clone(), degrees);
    }
    Some(out)
}

/// Parses `30 s`, `30 seconds`, `1 min`, `1.5 minutes`, `1 min 30 s` into
/// seconds.
pub(crate) fn parse_duration(text: &str) -> Result<u32, String> {
    let text = text.trim().to_ascii_lowercase();
    if text.is_empty() {
        return Err("it is empty".into());
    }
    let mut total = 0.0_f64;
    let mut rest = text.as_str();
    let mut parts = 0;
    while !rest.is_empty() {
        let number_len = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        let number: f64 = rest[..number_len]
            .parse()
            .map_err(|_| "it should start with a number".to_string())?;
        rest = rest[number_len..].trim_start();
        let unit_len = rest
            .find(|c: char| !c.is_ascii_alphabetic())
            .unwrap_or(rest.len());
        let unit = &rest[..unit_len];
        let factor = match unit {
            "s" | "sec" | "secs" | "second" | "seconds" => 1.0,
            "m" | "min" | "mins" | "minute" | "minutes" => 60.0,
            "" => return Err("the unit is missing".into()),
            other => return Err(format!("'{other}' is not a unit of time")),
        };
        total += number * factor;
        parts += 1;
        rest = rest[unit_len..].trim_start();
    }
    if parts == 0 || total.fract() != 0.0 {
        return Err("it should be a whole number of seconds".into());
    }
    Ok(total as u32)
}

/// Reads a count within limits.
pub(crate) fn count_of(
    file: &File<'_>,
    node: &Node,
    name: &str,
    (min, max): (u32, u32),
) -> Option<u32> {
    let n = file.int_of(node, name)?;
    if n < i64::from(min) || n > i64::from(max) {
        file.report(
            node.pos,
            format!("{name} of {n} is out of range"),
            Some(format!("{name} is from {min} to {max}")),
        );
        return None;
    }
    Some(n as u32)
}

/// Reads `5` or `5-6` within limits.
pub(crate) fn span_of(
    file: &File<'_>,
    node: &Node,
    name: &str,
    (min, max): (u32, u32),
) -> Option<Span> {
    let bad = |why: String| {
        file.report(
            node.pos,
            why,
            Some(format!(
                "write a number or a range, like `{name}: 5` or `{name}: 5-6`, from {min} to {max}"
            )),
        );
        None
    };
    let (low, high) = match &node.value {
        Value::Int(i) => (*i, *i),
        Value::Str(s) => {
            let s = s.trim().replace(['–', '—'], "-");
            let parsed = match s.split_once('-') {
                Some((a, b)) => a
                    .trim()
                    .parse::<i64>()
                    .ok()
                    .zip(b.trim().parse::<i64>().ok()),
                None => s.parse::<i64>().ok().map(|n| (n, n)),
            };
            match parsed {
                Some(pair) => pair,
                None => return bad(format!("'{s}' is not a number or a range")),
            }
        }
        other => {
            return bad(format!(
                "'{name}' should be a number or a range, not {}",
                other.kind()
            ));
        }
    };
    if low > high {
        return bad(format!("the range {low}-{high} runs backwards"));
    }
    if low < i64::from(min) || high > i64::from(max) {
        return bad(format!(
            "{name} of {} is out of range",
            if low == high {
                low.to_string()
            } else {
                format!("{low}-{high}")
            }
        ));
    }
    Some(Span {
        min: low as u32,
        max: high as u32,
    })
}

/// The byte range of a scalar's text in the file: exact when the value is
/// written plainly on its line, else its first character.
pub(crate) fn scalar_range(file: &File<'_>, node: &Node, text: &str) -> std::ops::Range<usize> {
    let start = file.offset_of(node.pos);
    let rest = &file.text[start..];
    let len = if rest.starts_with(text) {
        text.len()
    } else {
        1
    };
    start..start + len
}

/// The Markdown texts of the field `name`: each item of its list, or its
/// one value; each with its content links noted (see [`markdown_refs`]).
pub(crate) fn markdown_list(
    file: &File<'_>,
    f: &Fields<'_, '_>,
    name: &str,
    refs: &mut Vec<Reference>,
) -> Vec<String> {
    let Some(node) = f.get(name) else {
        return Vec::new();
    };
    let items: Vec<&Node> = match &node.value {
        Value::Seq(items) => items.iter().collect(),
        _ => vec![node],
    };
    items
        .into_iter()
        .filter_map(|item| {
            let mut text = file.text_of(item, name)?;
            markdown_refs(file, item, &mut text, refs);
            Some(text)
        })
        .collect()
}

/// Notes the content links in a Markdown text that came from a YAML
/// value, and writes each path to a content file in it (`safety-tips.md`)
/// as that content's link (`page:safety-tips`).
pub(crate) fn markdown_refs(
    file: &File<'_>,
    node: &Node,
    text: &mut String,
    refs: &mut Vec<Reference>,
) {
    let mut start = file.offset_of(node.pos);
    // A quoted value's text starts after its quote mark.
    if file.text[start..].starts_with(['"', '\''])
        && file.text[start + 1..].starts_with(text.as_str())
    {
        start += 1;
    }
    let exact = file.text[start..].starts_with(text.as_str());
    if let Some(deep) = markdown::too_deep(text) {
        let at = if exact {
            start + deep.start..start + deep.end
        } else {
            start..start + 1
        };
        too_deep(file, at);
        return;
    }
    for link in markdown::links(text) {
        let at = if exact {
            start + link.range.start..start + link.range.end
        } else {
            start..start + 1
        };
        link_ref(file, &link, at, refs);
    }
    for bad in markdown::bad_attributes(text) {
        let at = if exact {
            start + bad.range.start..start + bad.range.end
        } else {
            start..start + 1
        };
        file.report_range(at, bad.message, Some(bad.hint));
    }
    rewrite_file_links(text, links::folder_of(file.path));
}

/// Notes the content links in a Markdown body that starts at `offset`,
/// and writes each path to a content file in it as that content's link.
pub(crate) fn body_refs(
    file: &File<'_>,
    body: &mut String,
    offset: usize,
    refs: &mut Vec<Reference>,
) {
    if let Some(deep) = markdown::too_deep(body) {
        too_deep(file, offset + deep.start..offset + deep.end);
        return;
    }
    for link in markdown::links(body) {
        let at = offset + link.range.start..offset + link.range.end;
        link_ref(file, &link, at, refs);
    }
    for bad in markdown::bad_attributes(body) {
        let at = offset + bad.range.start..offset + bad.range.end;
        file.report_range(at, bad.message, Some(bad.hint));
    }
    rewrite_file_links(body, links::folder_of(file.path));
}

/// Writes each link to a content file's path in a Markdown text as its
/// content's link (`safety-tips.md` → `page:safety-tips`), so every
/// output resolves it as it resolves `page:` (its page on the site, its
/// anchor in the PDF). Paths that lead to no content are left: the
/// cross-check has said so.
fn rewrite_file_links(text: &mut String, folder: &str) {
    // Most texts hold no link to a file at all.
    if !text.contains('.') || !text.contains(['(', ':']) {
        return;
    }
    let ranges = markdown::destination_ranges(text, false);
    for range in ranges.into_iter().rev() {
        if let Some(links::FileLink::Content { kind, id, .. }) =
            links::file_link(folder, &text[range.clone()])
        {
            text.replace_range(range, &format!("{}:{id}", kind.scheme()));
        }
    }
}

/// Reports Markdown nested deeper than [`markdown::MAX_NESTING`] levels.
/// (Its links are not read: the text has to change anyway.)
fn too_deep(file: &File<'_>, at: std::ops::Range<usize>) {
    file.report_range(
        at,
        format!(
            "quotes and lists nest more than {} levels deep here",
            markdown::MAX_NESTING
        ),
        Some(format!(
            "put at most {} quotes (`>`) and lists inside each other; \
             if a program wrote this text, check what it made",
            markdown::MAX_NESTING
        )),
    );
}

fn link_ref(
    file: &File<'_>,
    link: &markdown::FoundLink,
    at: std::ops::Range<usize>,
    refs: &mut Vec<Reference>,
) {
    let dest = link.dest.as_str();
    let folder = links::folder_of(file.path);
    if let Some(target) = links::file_link(folder, dest).filter(|_| !link.image) {
        if let links::FileLink::Content {
            fragment: Some(fragment),
            ..
        } = &target
        {
            let page = dest.split('#').next().unwrap_or(dest);
            file.report_range(
                at.clone(),
                format!("the link '{dest}' cannot lead to `#{fragment}`: a link to another file leads to its top"),
                Some(format!("link to the file alone, `{page}`")),
            );
        }
        refs.push(Reference::FileLink {
            dest: dest.to_string(),
            folder,
            target,
            at,
        });
        return;
    }
    match links::classify(dest) {
        LinkClass::Content(kind, id) => refs.push(Reference::Link {
            kind,
            id: id.to_string(),
            at,
        }),
        LinkClass::Unsafe => file.report_range(
            at,
            format!("the link '{dest}' could run a script, so it is refused"),
            Some("link to a web address (https://...) or to content (exercise:<id>, phase:<id>, page:<id>)".into()),
        ),
        LinkClass::External => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(parse_duration("30 s"), Ok(30));
        assert_eq!(parse_duration("30 seconds"), Ok(30));
        assert_eq!(parse_duration("1 min"), Ok(60));
        assert_eq!(parse_duration("1.5 minutes"), Ok(90));
        assert_eq!(parse_duration("1 min 30 s"), Ok(90));
        assert_eq!(parse_duration("30s"), Ok(30));
        assert!(parse_duration("30").unwrap_err().contains("unit"));
        assert!(parse_duration("thirty s").is_err());
        assert!(parse_duration("3 hours").unwrap_err().contains("'hours'"));
    }

    #[test]
    fn a_hold_with_its_repeats_is_split_in_the_hint() {
        assert_eq!(hold_and_repeats("30 s x 3"), Some(("30 s".into(), 3)));
        assert_eq!(hold_and_repeats("30s × 3"), Some(("30s".into(), 3)));
        assert_eq!(
            hold_and_repeats("1 min, 2 times"),
            Some(("1 min".into(), 2))
        );
        assert_eq!(hold_and_repeats("30 s"), None);
        assert_eq!(hold_and_repeats("thirty x 3"), None);
    }

    #[test]
    fn language_tags() {
        assert!(is_language_tag("en"));
        assert!(is_language_tag("en-US"));
        assert!(is_language_tag("zh-Hant-TW"));
        assert!(!is_language_tag("english"));
        assert!(!is_language_tag("e"));
    }
}
