//! The words handout writes itself (the dose sentence, dates), in the
//! publication's language, from catalogues in Project Fluent's format.
//!
//! A catalogue gives words only: every number (a hold, a count, a date)
//! comes in as a variable, so languages cannot drift apart on a dose.
//! Plural forms follow each language's CLDR rules through Fluent, never
//! rules of our own. The catalogues shipped are the files of
//! `templates/words/`; a clinic's templates folder can hold
//! `words/<language>.ftl` to change some messages of a shipped language or
//! to add a language, which must then give every message of the English
//! catalogue.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentError, FluentResource, FluentValue};
use jiff::civil::Date;
use unic_langid::LanguageIdentifier;

use crate::content::model::{Dose, Side, Span};
use crate::diag::{Diagnostic, Diagnostics};

mod script;

/// The catalogue every other one is checked against.
pub const REFERENCE: &str = "en";

/// The shipped catalogues: language tag and text.
pub const BUILT_IN: &[(&str, &str)] = &[
    ("en", include_str!("../../templates/words/en.ftl")),
    ("es", include_str!("../../templates/words/es.ftl")),
    ("fr", include_str!("../../templates/words/fr.ftl")),
    ("de", include_str!("../../templates/words/de.ftl")),
];

/// The folder of a templates folder that holds catalogues.
pub const FOLDER: &str = "words";

/// A catalogue file as read: its language tag (the file's stem), where it
/// came from and its text.
#[derive(Debug, Clone)]
pub struct Source {
    /// The language tag, `es` or `pt-BR`.
    pub language: String,
    /// The file, or `templates/words/<tag>.ftl` for a shipped one.
    pub path: PathBuf,
    /// The Fluent text.
    pub text: String,
}

impl Source {
    /// The shipped catalogues, as sources.
    pub fn built_in() -> Vec<Source> {
        BUILT_IN
            .iter()
            .map(|(language, text)| Source {
                language: (*language).to_string(),
                path: Path::new("templates")
                    .join(FOLDER)
                    .join(format!("{language}.ftl")),
                text: (*text).to_string(),
            })
            .collect()
    }
}

/// The words of one language, ready to format. Cloning is cheap: the
/// catalogue is shared.
#[derive(Clone)]
pub struct Words {
    language: String,
    bundle: Arc<FluentBundle<FluentResource>>,
    /// The messages that take no variables, written once: a label is
    /// looked up on every page of a large site.
    fixed: Arc<HashMap<String, String>>,
}

impl std::fmt::Debug for Words {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Words")
            .field("language", &self.language)
            .finish_non_exhaustive()
    }
}

impl Words {
    /// The words for `language` (`es`, `es-MX`: the catalogue of the whole
    /// tag if there is one, else of its language), from `user` catalogues
    /// laid over the shipped ones. Every problem is reported at once: a
    /// syntax error, a message the English catalogue has and this one
    /// lacks, a message that cannot be formatted.
    pub fn load(language: &str, user: &[Source]) -> Result<Words, Diagnostics> {
        let primary = language.split(['-', '_']).next().unwrap_or(language);
        let layers = layers(language, user);
        if layers.is_empty() {
            let shipped: Vec<&str> = BUILT_IN.iter().map(|(tag, _)| *tag).collect();
            return Err(Diagnostics::one(
                Diagnostic::file(
                    Path::new("handout.yaml"),
                    format!(
                        "handout has no words for the language `{language}` (it ships {})",
                        shipped.join(", ")
                    ),
                )
                .with_hint(format!(
                    "add a catalogue: copy templates/{FOLDER}/{REFERENCE}.ftl to \
                     {FOLDER}/{language}.ftl in your templates folder and translate it"
                )),
            ));
        }
        let id: LanguageIdentifier = language
            .parse()
            .or_else(|_| primary.parse())
            .unwrap_or_default();
        let mut bundle = FluentBundle::new_concurrent(vec![id]);
        // Fluent wraps every variable in bidi isolation marks by default;
        // the PDF font has no glyph for them, and Latin text needs none.
        bundle.set_use_isolating(false);
        let mut problems = Diagnostics::new();
        for layer in &layers {
            let resource = match FluentResource::try_new(layer.text.clone()) {
                Ok(resource) => resource,
                Err((resource, errors)) => {
                    for error in errors {
                        let len = error.pos.end.saturating_sub(error.pos.start);
                        problems.push(
                            Diagnostic::at_offset(
                                &layer.path,
                                &layer.text,
                                error.pos.start,
                                len,
                                format!("this catalogue line is not valid Fluent: {}", error.kind),
                            )
                            .with_hint("https://projectfluent.org/fluent/guide/ shows the format"),
                        );
                    }
                    resource
                }
            };
            // A later layer replaces the messages it gives.
            bundle.add_resource_overriding(resource);
        }
        let mut words = Words {
            language: language.to_string(),
            bundle: Arc::new(bundle),
            fixed: Arc::default(),
        };
        let last = layers.last().expect("at least one layer");
        let missing = words.missing(last);
        if missing.is_empty() {
            // A missing message makes every message that uses it fail too:
            // only the missing ones are worth saying first.
            problems.extend(words.unformattable(&layers));
        }
        problems.extend(missing);
        // The shipped catalogues pass (a test says so): only a clinic's
        // own messages are checked, at every load.
        let shipped = |layer: &Source| BUILT_IN.iter().any(|(_, text)| *text == layer.text);
        if problems.is_empty() && !layers.iter().all(shipped) {
            problems.extend(words.numbers_of_their_own(&layers));
        }
        words.fixed = Arc::new(words.fixed_messages());
        problems.into_result(words)
    }

    /// Every message that formats without variables, formatted.
    fn fixed_messages(&self) -> HashMap<String, String> {
        let mut fixed = HashMap::new();
        for id in reference_ids() {
            let Some(pattern) = self.bundle.get_message(id).and_then(|m| m.value()) else {
                continue;
            };
            let mut errors = Vec::new();
            let text = self.bundle.format_pattern(pattern, None, &mut errors);
            if errors.is_empty() {
                fixed.insert(id.clone(), text.into_owned());
            }
        }
        fixed
    }

    /// Formats the message `id` with `args`, for a template: `None` when
    /// the catalogue has no such message. A variable the message needs and
    /// was not given is written as its name, as Fluent does.
    pub fn message(&self, id: &str, args: Option<&FluentArgs<'_>>) -> Option<String> {
        if args.is_none_or(|args| args.iter().next().is_none())
            && let Some(text) = self.fixed.get(id)
        {
            return Some(text.clone());
        }
        let pattern = self.bundle.get_message(id)?.value()?;
        let mut errors = Vec::new();
        Some(
            self.bundle
                .format_pattern(pattern, args, &mut errors)
                .into_owned(),
        )
    }

    /// Every message, written with each set of sample variables that
    /// reaches its branches, by message id: what a check that no word of
    /// one language is left in another compares against.
    pub fn every_text(&self) -> Vec<(String, String)> {
        let samples = sample_args();
        let mut all = Vec::new();
        for id in reference_ids() {
            let Some(pattern) = self.bundle.get_message(id).and_then(|m| m.value()) else {
                continue;
            };
            for args in &samples {
                let mut errors = Vec::new();
                let text = self.bundle.format_pattern(pattern, Some(args), &mut errors);
                let pair = (id.clone(), text.into_owned());
                if !all.contains(&pair) {
                    all.push(pair);
                }
            }
        }
        all
    }

    /// The language tag these words are for.
    pub fn language(&self) -> &str {
        &self.language
    }

    /// Messages of the English catalogue this language lacks, reported on
    /// its (last) catalogue file.
    fn missing(&self, last: &Source) -> Vec<Diagnostic> {
        reference_ids()
            .iter()
            .filter(|id| !self.bundle.has_message(id))
            .map(|id| {
                Diagnostic::file(&last.path, format!("the catalogue has no message `{id}`"))
                .with_hint(format!(
                    "copy `{id}` from templates/{FOLDER}/{REFERENCE}.ftl and translate its words"
                ))
            })
            .collect()
    }

    /// Messages that fail to format with every variable they may be given
    /// (a misspelt variable or message name), at their definition.
    fn unformattable(&self, layers: &[Source]) -> Vec<Diagnostic> {
        let mut found = Vec::new();
        let samples = sample_args();
        for id in reference_ids() {
            let Some(message) = self.bundle.get_message(id) else {
                continue;
            };
            let Some(pattern) = message.value() else {
                continue;
            };
            for args in &samples {
                let mut errors = Vec::new();
                self.bundle.format_pattern(pattern, Some(args), &mut errors);
                let Some(error) = errors.into_iter().next() else {
                    continue;
                };
                // The layer that defines it last is the one to fix.
                let defined = layers
                    .iter()
                    .rev()
                    .find_map(|layer| definition(&layer.text, id).map(|offset| (layer, offset)));
                let message = format!("the message `{id}` cannot be written: {}", describe(&error));
                found.push(match defined {
                    Some((layer, offset)) => {
                        Diagnostic::at_offset(&layer.path, &layer.text, offset, id.len(), message)
                    }
                    None => Diagnostic::file(Path::new(FOLDER), message),
                });
                break;
            }
        }
        found
    }

    /// Messages that print a number of their own instead of their
    /// variables' ("Mantenga 90 segundos" for any hold), or leave out a
    /// number the English message prints: each is written with numbers
    /// that appear nowhere else (and with small ones, for the branches of
    /// "one" and "two"), and every digit it prints must be one of them.
    /// Catalogues carry words only; the numbers come from the content.
    pub(crate) fn numbers_of_their_own(&self, layers: &[Source]) -> Vec<Diagnostic> {
        let reference = (self.language != REFERENCE)
            .then(|| Words::load(REFERENCE, &[]).ok())
            .flatten();
        let mut found = Vec::new();
        for id in reference_ids() {
            let Some(pattern) = self.bundle.get_message(id).and_then(|m| m.value()) else {
                continue;
            };
            let mut problem = None;
            'trials: for value in SENTINELS {
                for side in ["leg", "arm", "side", "none"] {
                    let args = sentinel_args(value, side);
                    let mut errors = Vec::new();
                    let text = self
                        .bundle
                        .format_pattern(pattern, Some(&args), &mut errors);
                    let value_text = value.to_string();
                    let foreign = digit_runs(&text).find(|run| *run != value_text);
                    if let Some(digits) = foreign {
                        problem = Some(format!(
                            "the message `{id}` prints the number {digits} of its own"
                        ));
                        break 'trials;
                    }
                    // A large number is never "one" or "two": where English
                    // prints it, every language must.
                    if value >= 100
                        && !text.contains(&value_text)
                        && let Some(english) = &reference
                        && english
                            .message(id, Some(&args))
                            .is_some_and(|e| e.contains(&value_text))
                    {
                        problem = Some(format!(
                            "the message `{id}` does not print its number (the English one does)"
                        ));
                        break 'trials;
                    }
                }
            }
            let Some(message) = problem else { continue };
            let defined = layers
                .iter()
                .rev()
                .find_map(|layer| definition(&layer.text, id).map(|offset| (layer, offset)));
            let diagnostic = match defined {
                Some((layer, offset)) => {
                    Diagnostic::at_offset(&layer.path, &layer.text, offset, id.len(), message)
                }
                None => Diagnostic::file(Path::new(FOLDER), message),
            };
            found.push(diagnostic.with_hint(
                "a catalogue gives words only: write each number through its variable                  (`{ $seconds }`, `{ $times }`...), so the dose printed is always the content's",
            ));
        }
        found
    }

    /// A warning for each message of these words that writes a word the
    /// glossary of their language avoids, at the message's definition in
    /// the catalogue that gives it (`user` are the clinic's catalogues).
    pub fn glossary_warnings(
        &self,
        glossary: &crate::content::Glossary,
        user: &[Source],
    ) -> Vec<Diagnostic> {
        let layers = layers(&self.language, user);
        let mut found = Vec::new();
        let mut seen = std::collections::BTreeSet::new();
        for (id, text) in self.every_text() {
            if seen.contains(&id) {
                continue;
            }
            let Some((_, entry, avoided)) = glossary.find(&text).into_iter().next() else {
                continue;
            };
            seen.insert(id.clone());
            let defined = layers
                .iter()
                .rev()
                .find_map(|layer| definition(&layer.text, &id).map(|offset| (layer, offset)));
            let Some((layer, offset)) = defined else {
                continue;
            };
            // The word as the catalogue writes it, on the message's lines.
            let end = layer.text[offset..]
                .find("\n\n")
                .map_or(layer.text.len(), |i| offset + i);
            let at = glossary
                .find(&layer.text[offset..end])
                .into_iter()
                .next()
                .map_or(offset..offset + id.len(), |(at, _, _)| {
                    offset + at.start..offset + at.end
                });
            found.push(glossary.warning(&layer.path, &layer.text, at, entry, avoided));
        }
        found
    }

    /// Formats a message. Every message exists and formats (checked at
    /// load), so this cannot fail.
    fn format(&self, id: &str, args: &FluentArgs<'_>) -> String {
        let Some(pattern) = self.bundle.get_message(id).and_then(|m| m.value()) else {
            return id.to_string();
        };
        let mut errors = Vec::new();
        self.bundle
            .format_pattern(pattern, Some(args), &mut errors)
            .into_owned()
    }

    /// The dose as separate sentences, for lists and boxes: `Hold 30
    /// seconds.`, `Repeat 3 times on each leg, switching legs.`, `5-6 times
    /// a day.`
    pub fn dose_sentences(&self, dose: &Dose) -> Vec<String> {
        let mut out = Vec::new();
        if let Some(seconds) = dose.hold_seconds {
            out.push(self.format("dose-hold", &duration_args(seconds)));
        }
        let args = repeat_args(dose);
        let repeat = if dose.alternate && dose.each.is_some() {
            "dose-repeat-alternating"
        } else {
            "dose-repeat"
        };
        out.push(self.format(repeat, &args));
        if let Some(per_day) = dose.times_per_day {
            let mut args = FluentArgs::new();
            args.set("min", per_day.min);
            args.set("max", per_day.max);
            let id = if per_day.min == per_day.max {
                "dose-per-day"
            } else {
                "dose-per-day-range"
            };
            out.push(self.format(id, &args));
        }
        out
    }

    /// The dose in full sentences, one after another.
    pub fn dose_sentence(&self, dose: &Dose) -> String {
        self.dose_sentences(dose).join(" ")
    }

    /// The dose in one short line for the checklist: `Hold 30 s · 3 times
    /// each leg`.
    pub fn dose_short(&self, dose: &Dose) -> String {
        let mut parts = Vec::new();
        if let Some(seconds) = dose.hold_seconds {
            parts.push(self.format("dose-short-hold", &duration_args(seconds)));
        }
        parts.push(self.format("dose-short-repeat", &repeat_args(dose)));
        parts.join(&self.format("dose-short-separator", &FluentArgs::new()))
    }

    /// A day's short weekday name, `Mon`.
    pub fn weekday_short(&self, date: Date) -> String {
        self.format("date-weekday-short", &date_args(date))
    }

    /// A day and month, short: `11 Jan`.
    pub fn day_month_short(&self, date: Date) -> String {
        self.format("date-day-month-short", &date_args(date))
    }

    /// A full date: `11 January 2027`.
    pub fn date_long(&self, date: Date) -> String {
        self.format("date-long", &date_args(date))
    }

    /// A day with its weekday: `Mon 11 Jan 2027`.
    pub fn day(&self, date: Date) -> String {
        self.format("date-day", &date_args(date))
    }

    /// A day with its weekday, without the year: `Mon 11 Jan`.
    pub fn day_without_year(&self, date: Date) -> String {
        self.format("date-day-no-year", &date_args(date))
    }

    /// From one day to another, each already written: `Mon 11 Jan – Mon 22
    /// Feb 2027`.
    pub fn range(&self, from: &str, until: &str) -> String {
        let mut args = FluentArgs::new();
        args.set("from", from.to_string());
        args.set("until", until.to_string());
        self.format("date-range", &args)
    }

    /// From a day on, with no end: `from Mon 22 Feb 2027`.
    pub fn from(&self, from: &str) -> String {
        let mut args = FluentArgs::new();
        args.set("from", from.to_string());
        self.format("date-from", &args)
    }

    /// A checklist day's head without a date: `Day 3`.
    pub fn day_number(&self, number: u32) -> String {
        let mut args = FluentArgs::new();
        args.set("number", number);
        self.format("checklist-day", &args)
    }

    /// A message that takes no variables: a label.
    pub fn text(&self, id: &str) -> String {
        match self.fixed.get(id) {
            Some(text) => text.clone(),
            None => self.format(id, &FluentArgs::new()),
        }
    }

    /// A page's number among all: `Page 2 of 11`.
    pub fn page_number(&self, number: usize, count: usize) -> String {
        let mut args = FluentArgs::new();
        args.set("number", number);
        args.set("count", count);
        self.format("page-number", &args)
    }

    /// A message with `{}` where its one variable goes, for a pattern
    /// filled in later (by the PDF writer).
    pub fn with_blank(&self, id: &str, variable: &str) -> String {
        let mut args = FluentArgs::new();
        args.set(variable.to_string(), "{}");
        self.format(id, &args)
    }

    /// Whom to call with questions: `Questions? Call 555 0100`.
    pub fn call(&self, phone: &str) -> String {
        let mut args = FluentArgs::new();
        args.set("phone", phone.to_string());
        self.format("checklist-call", &args)
    }

    /// A hold: `30 seconds`, `1 minute`.
    pub fn hold(&self, seconds: u32) -> String {
        self.format("duration-long", &duration_args(seconds))
    }

    /// How many times: `once`, `3 times`.
    pub fn times(&self, times: u32) -> String {
        let mut args = FluentArgs::new();
        args.set("times", times);
        self.format("times", &args)
    }

    /// What the wall checklist's foot says of the warning signs: `Warning
    /// signs? Call 911 now. Your handout lists them.`
    pub fn warning_signs_footer(&self, number: &str) -> String {
        let mut args = FluentArgs::new();
        args.set("number", number.to_string());
        self.format("warning-signs-footer", &args)
    }

    /// How many times a day, without a full stop: `5-6 times a day`.
    pub fn per_day(&self, range: Span) -> String {
        self.range_message("per-day", range)
    }

    /// For how many weeks: `6-12 weeks`.
    pub fn weeks(&self, range: Span) -> String {
        self.range_message("weeks", range)
    }

    /// `<id>` with `$count` when the range is one number, else
    /// `<id>-range` with `$min` and `$max`.
    fn range_message(&self, id: &str, range: Span) -> String {
        let mut args = FluentArgs::new();
        if range.min == range.max {
            args.set("count", range.max);
            self.format(id, &args)
        } else {
            args.set("min", range.min);
            args.set("max", range.max);
            self.format(&format!("{id}-range"), &args)
        }
    }
}

/// The catalogues that give `language`'s words, the last laid over the
/// first: the shipped one of its language (`es` for `es-MX`), of the whole
/// tag, then the clinic's.
fn layers(language: &str, user: &[Source]) -> Vec<Source> {
    let built_in = Source::built_in();
    let primary = language.split(['-', '_']).next().unwrap_or(language);
    let find = |sources: &[Source], tag: &str| {
        sources
            .iter()
            .find(|s| s.language.eq_ignore_ascii_case(tag))
            .cloned()
    };
    [
        find(&built_in, primary),
        find(&built_in, language).filter(|_| primary != language),
        find(user, primary),
        find(user, language).filter(|_| primary != language),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// The message ids of the English catalogue, in its order.
fn reference_ids() -> &'static [String] {
    // Read once a process: every load of every language asks.
    static IDS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    IDS.get_or_init(|| {
        let (_, text) = BUILT_IN
            .iter()
            .find(|(tag, _)| *tag == REFERENCE)
            .expect("the reference catalogue is shipped");
        let resource = match FluentResource::try_new((*text).to_string()) {
            Ok(resource) | Err((resource, _)) => resource,
        };
        resource
            .entries()
            .filter_map(|entry| match entry {
                fluent_syntax::ast::Entry::Message(message) => Some(message.id.name.to_string()),
                _ => None,
            })
            .collect()
    })
}

/// Sets of variables that together reach every branch a message may take:
/// each side, holds with and without minutes, singular and plural counts,
/// every weekday and month.
fn sample_args() -> Vec<FluentArgs<'static>> {
    let mut all = Vec::new();
    for (i, side) in ["leg", "arm", "side", "none"].into_iter().enumerate() {
        for (times, seconds) in [(1u32, 1u32), (2, 30), (3, 60), (10, 90)] {
            let mut args = duration_args(seconds);
            args.set("times", times);
            args.set("side", side);
            args.set("min", times);
            args.set("max", times + 1);
            args.set("number", times);
            args.set("count", times);
            args.set("phase", "Early stretches");
            args.set("phases", "Early stretches, then Strengthening");
            args.set("program", "Spine surgery");
            args.set("clinic", "Riverside Physical Therapy");
            args.set("phone", "555 0100");
            args.set("page", times);
            args.set("address", "https://example.org/");
            args.set("from", "Mon 11 Jan");
            args.set("until", "Mon 22 Feb 2027");
            args.set("label", "Surgery date");
            args.set("date", "1 March 2026");
            let month = (i * 3 + times as usize % 3 + 1) as i8;
            set_date(&mut args, Date::new(2027, month, 1).expect("a real date"));
            all.push(args);
        }
    }
    all
}

/// The numbers a catalogue check writes its messages with: the small ones
/// reach the branches for one, two, few; 7919 appears nowhere else.
const SENTINELS: [u32; 9] = [0, 1, 2, 3, 4, 5, 11, 21, 7919];

/// Every variable a message may take, each number `value` (a date's parts
/// too), each word a word without digits.
fn sentinel_args(value: u32, side: &'static str) -> FluentArgs<'static> {
    let mut args = FluentArgs::new();
    for name in [
        "times", "seconds", "minutes", "min", "max", "count", "number", "page", "day", "month",
        "year", "weekday",
    ] {
        args.set(name, value);
    }
    args.set("side", side);
    for name in [
        "phase", "phases", "program", "clinic", "phone", "address", "from", "until", "label",
        "date",
    ] {
        args.set(name, "Xyz");
    }
    args
}

/// The runs of digits in a text.
fn digit_runs(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_ascii_digit())
        .filter(|run| !run.is_empty())
}

fn duration_args(seconds: u32) -> FluentArgs<'static> {
    let mut args = FluentArgs::new();
    args.set("minutes", seconds / 60);
    args.set("seconds", seconds % 60);
    args
}

fn date_args(date: Date) -> FluentArgs<'static> {
    let mut args = FluentArgs::new();
    set_date(&mut args, date);
    args
}

fn set_date(args: &mut FluentArgs<'static>, date: Date) {
    args.set("day", date.day());
    args.set("month", date.month());
    args.set("year", date.year());
    args.set(
        "weekday",
        FluentValue::from(date.weekday().to_monday_one_offset()),
    );
}

/// How many times, and on which side: `$times` and `$side`.
fn repeat_args(dose: &Dose) -> FluentArgs<'static> {
    let mut args = FluentArgs::new();
    args.set("times", dose.repeat);
    args.set("side", side_name(dose.each));
    args
}

/// The `$side` a catalogue selects on: `leg`, `arm`, `side` or `none`.
pub(crate) fn side_name(side: Option<Side>) -> &'static str {
    match side {
        Some(Side::Leg) => "leg",
        Some(Side::Arm) => "arm",
        Some(Side::Side) => "side",
        None => "none",
    }
}

/// Where `id = ` is defined in a catalogue's text.
fn definition(text: &str, id: &str) -> Option<usize> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if let Some(rest) = line.strip_prefix(id)
            && rest.trim_start().starts_with('=')
        {
            return Some(offset);
        }
        offset += line.len();
    }
    None
}

/// What went wrong in a message, in words.
fn describe(error: &FluentError) -> String {
    match error {
        FluentError::ResolverError(error) => error.to_string(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests;
