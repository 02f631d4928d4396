//! The plain-language report of `check`: how hard each exercise, phase
//! and page is to read, in each language the publication has a formula
//! for (English, Spanish, French, German: [`formula`]), and the sentences,
//! steps and words that make it hard, each a warning at its place.
//!
//! Patient-education guidance (AMA, NIH) asks for the sixth grade or
//! below; `readability:` in handout.yaml sets another grade. What is
//! measured is the text as printed: a dose variable (`{hold}`) counts as
//! the words it prints ([`text`]). The syllables come from each
//! language's hyphenation patterns ([`syllables`]); the medical words and
//! their plain alternatives from a list a clinic can extend
//! ([`plain_words`]). `check --report` writes the whole table
//! ([`page`]), with the external links the content holds (not fetched).

pub mod formula;
pub mod page;
pub mod plain_words;
pub mod syllables;
pub mod table;
pub mod text;

use std::path::{Path, PathBuf};

use crate::content::variables::Variable;
use crate::content::{ContentFile, FileKind, Project};
use crate::diag::{Diagnostic, Diagnostics};
use crate::words::Words;
use formula::{Counts, Formula};
use plain_words::PlainWords;
use text::{Form, Sentence};

pub use table::{
    ExternalLink, GRADED_WORDS, Item, LanguageReport, Report, SENTENCE_WORDS, STEP_WORDS,
};

/// Measures every edition of a publication: each its content in its
/// language and the words handout writes in it, the default language's
/// first.
pub fn report(editions: &[(&Project, &Words)]) -> Report {
    let project = editions[0].0;
    let mut report = Report {
        target: project.settings.readability,
        ..Report::default()
    };
    for &(edition_project, words) in editions {
        let language = words.language().to_string();
        let lang = syllables::language(&language);
        let plain = match lang {
            Some(_) => plain_words::load(&project.root, &language, &mut report.findings),
            None => PlainWords::default(),
        };
        let mut table = LanguageReport {
            language: language.clone(),
            formula: lang.map(formula::for_language),
            plain_words: plain.path.clone(),
            items: Vec::new(),
        };
        if let Some(lang) = lang {
            let mut measure = Measure {
                project: edition_project,
                words,
                language: &language,
                default: language == project.settings.language,
                lang,
                formula: formula::for_language(lang),
                plain: &plain,
                target: report.target,
                findings: &mut report.findings,
            };
            table.items = measure.items();
        }
        report.languages.push(table);
    }
    report.external_links = external_links(project);
    report
}

/// Measures the items of one edition.
struct Measure<'a> {
    project: &'a Project,
    words: &'a Words,
    language: &'a str,
    default: bool,
    lang: hypher::Lang,
    formula: Formula,
    plain: &'a PlainWords,
    target: u32,
    findings: &'a mut Diagnostics,
}

/// One text of an item, placed in its file.
struct Piece<'t> {
    text: &'t str,
    form: Form,
    /// Where the text starts in the file, when it is written there as it
    /// is (else every finding points at `fallback`).
    at: Option<usize>,
    fallback: usize,
    step: bool,
}

impl<'a> Measure<'a> {
    fn items(&mut self) -> Vec<Item> {
        let project = self.project;
        let mut items = Vec::new();
        if let Some(item) = self.settings_item() {
            items.push(item);
        }
        for phase in &project.phases {
            if !self.translated(FileKind::Phase, &phase.id) {
                continue;
            }
            let Some(file) = self.file(FileKind::Phase, &phase.id) else {
                continue;
            };
            let words = self.words;
            let fill = |variable: Variable| match variable {
                Variable::TimesPerDay => phase.times_per_day.map(|span| words.per_day(span)),
                Variable::Weeks => phase.weeks.map(|span| words.weeks(span)),
                _ => None,
            };
            let pieces = body_piece(&file.text);
            items.push(self.item("phase", &phase.id, file, &pieces, &fill));
        }
        for exercise in &project.exercises {
            if !self.translated(FileKind::Exercise, &exercise.id) {
                continue;
            }
            let Some(file) = self.file(FileKind::Exercise, &exercise.id) else {
                continue;
            };
            let words = self.words;
            let dose = exercise.dose;
            let fill = |variable: Variable| match variable {
                Variable::Hold => dose.hold_seconds.map(|s| words.hold(s)),
                Variable::Repeat => Some(words.times(dose.repeat)),
                Variable::TimesPerDay => dose.times_per_day.map(|span| words.per_day(span)),
                Variable::Weeks => None,
            };
            let mut placer = Placer::new(&file.text);
            let mut pieces = vec![placer.place(&exercise.summary, false)];
            pieces.extend(exercise.steps.iter().map(|step| placer.place(step, true)));
            pieces.extend(exercise.cautions.iter().map(|c| placer.place(c, false)));
            pieces.extend(exercise.breathing.iter().map(|b| placer.place(b, false)));
            items.push(self.item("exercise", &exercise.id, file, &pieces, &fill));
        }
        for page in &project.pages {
            if !self.translated(FileKind::Page, &page.id) {
                continue;
            }
            let Some(file) = self.file(FileKind::Page, &page.id) else {
                continue;
            };
            let pieces = body_piece(&file.text);
            items.push(self.item("page", &page.id, file, &pieces, &|_| None));
        }
        items
    }

    /// handout.yaml's disclaimer and warning signs.
    fn settings_item(&mut self) -> Option<Item> {
        if !self.translated(FileKind::Settings, "") {
            return None;
        }
        let settings = &self.project.settings;
        let file = self.file(FileKind::Settings, "handout")?;
        let mut placer = Placer::new(&file.text);
        let mut pieces = Vec::new();
        if !settings.disclaimer.trim().is_empty() {
            let mut piece = placer.place(&settings.disclaimer, false);
            piece.form = Form::Body;
            pieces.push(piece);
        }
        if let Some(signs) = &settings.warning_signs {
            for sign in signs.emergency.signs.iter().chain(&signs.clinic.signs) {
                pieces.push(placer.place(sign, false));
            }
        }
        Some(self.item("settings", "", file, &pieces, &|_| None))
    }

    /// Whether an item has its own words in this edition's language.
    fn translated(&self, kind: FileKind, id: &str) -> bool {
        self.default || !self.project.is_untranslated(kind, id)
    }

    /// The file that holds an item's words in this edition's language.
    fn file(&self, kind: FileKind, id: &str) -> Option<&'a ContentFile> {
        let stem = if self.default {
            id.to_string()
        } else {
            format!("{id}.{}", self.language)
        };
        let project: &'a Project = self.project;
        (project.files.iter()).find(|file| {
            file.kind == kind
                && file.path.file_stem().and_then(|s| s.to_str()) == Some(stem.as_str())
        })
    }

    /// Measures one item's texts and says what is too hard, where.
    fn item(
        &mut self,
        kind: &'static str,
        id: &str,
        file: &ContentFile,
        pieces: &[Piece<'_>],
        fill: &dyn Fn(Variable) -> Option<String>,
    ) -> Item {
        let mut counts = Counts::default();
        let (mut long_sentences, mut long_steps, mut medical_words) = (0, 0, 0);
        let mut longest: Option<(usize, usize)> = None;
        for piece in pieces {
            let sentences = text::sentences(piece.text, piece.form, self.lang, fill);
            let place = |offset: usize| piece.at.map_or(piece.fallback, |at| at + offset);
            let step_words: usize = sentences.iter().map(|s| s.words.len()).sum();
            if piece.step && step_words > STEP_WORDS {
                long_steps += 1;
                self.warn(
                    file,
                    place(0),
                    piece.text.len().min(40),
                    format!("this step has {step_words} words: a step of {STEP_WORDS} or fewer is one action, read at a glance"),
                    "split it into two steps, one action each".to_string(),
                );
            }
            for sentence in &sentences {
                counts += sentence_counts(sentence);
                let length = sentence.words.len();
                if longest.is_none_or(|(words, _)| length > words) {
                    longest = Some((length, place(sentence.start())));
                }
                if length > SENTENCE_WORDS {
                    long_sentences += 1;
                    self.warn(
                        file,
                        place(sentence.start()),
                        sentence.words[0].text.len(),
                        format!("this sentence has {length} words: sentences of {SENTENCE_WORDS} words or fewer are read more easily"),
                        "split it in two, one idea a sentence".to_string(),
                    );
                }
                medical_words += self.medical_words(file, sentence, &place);
            }
        }
        let score = self.formula.score(&counts);
        let graded = counts.words >= GRADED_WORDS;
        let at_target = !graded || score.is_none_or(|s| s.grade <= self.target);
        if let (false, Some(score)) = (at_target, score) {
            let what = match kind {
                "settings" => "handout.yaml's disclaimer and warning signs read",
                "exercise" => "this exercise reads",
                "phase" => "this phase reads",
                _ => "this page reads",
            };
            let hardest = longest.map_or(String::new(), |(words, at)| {
                let line = file.text[..at.min(file.text.len())].matches('\n').count() + 1;
                format!("; its longest sentence, {words} words, is on line {line}")
            });
            let title = title_offset(&file.text);
            self.warn(
                file,
                title,
                5,
                match self.formula.ease {
                    true => format!(
                        "{what} at {} {} (grade {}): the target, grade {}, is {}",
                        self.formula.name,
                        self.formula.show(&score),
                        score.grade,
                        self.target,
                        self.formula.threshold(self.target)
                    ),
                    false => format!(
                        "{what} at {} {}: the target is {}",
                        self.formula.name,
                        self.formula.show(&score),
                        self.formula.threshold(self.target)
                    ),
                },
                format!("shorter sentences and shorter, everyday words bring it down{hardest}"),
            );
        }
        Item {
            kind,
            id: id.to_string(),
            path: file.path.clone(),
            counts,
            score,
            long_sentences,
            long_steps,
            medical_words,
            at_target,
        }
    }

    /// Warns at each medical word of the list in a sentence; returns how
    /// many there are.
    fn medical_words(
        &mut self,
        file: &ContentFile,
        sentence: &Sentence,
        place: &dyn Fn(usize) -> usize,
    ) -> usize {
        let lower: Vec<String> = (sentence.words.iter())
            .map(|w| w.text.to_lowercase().replace('’', "'"))
            .collect();
        let mut found = 0;
        // Words a longer entry already took (`decúbito supino`, not also
        // `supino`).
        let mut taken_to = 0;
        for (at, word) in sentence.words.iter().enumerate() {
            if word.filled || at < taken_to {
                continue;
            }
            let entry = (self.plain.entries.iter())
                .filter(|(words, _)| lower[at..].starts_with(words))
                .max_by_key(|(words, _)| words.len());
            let Some((words, plain)) = entry else {
                continue;
            };
            taken_to = at + words.len();
            found += 1;
            let written: Vec<&str> = (sentence.words[at..at + words.len()].iter())
                .map(|w| w.text.as_str())
                .collect();
            let written = written.join(" ");
            let list = match &self.plain.path {
                Some(path) => path.display().to_string(),
                None => format!("handout's list for `{}`", self.language),
            };
            self.warn(
                file,
                place(word.at.start),
                written.len(),
                format!("'{written}' is a medical word many patients do not know"),
                format!("write '{plain}' instead (from {list})"),
            );
        }
        found
    }

    fn warn(&mut self, file: &ContentFile, at: usize, len: usize, message: String, hint: String) {
        self.findings.push(
            Diagnostic::at_offset(&file.path, &file.text, at, len.max(1), message)
                .with_hint(hint)
                .warning(),
        );
    }
}

/// What one sentence adds to the counts.
fn sentence_counts(sentence: &Sentence) -> Counts {
    let mut counts = Counts {
        sentences: 1,
        ..Counts::default()
    };
    for word in &sentence.words {
        counts.words += 1;
        counts.syllables += word.syllables;
        counts.one_syllable += usize::from(word.syllables == 1);
        counts.three_syllables += usize::from(word.syllables >= 3);
        counts.seven_letters += usize::from(word.letters >= 7);
    }
    counts
}

/// Finds an item's texts in its file, in order, so each finding points at
/// its place.
struct Placer<'t> {
    text: &'t str,
    from: usize,
}

impl<'t> Placer<'t> {
    fn new(text: &'t str) -> Placer<'t> {
        Placer { text, from: 0 }
    }

    /// Where `piece` is written in the file: exactly (a plain value), or
    /// where it starts (a quoted or folded one, whose findings then point
    /// at its start).
    fn place<'p>(&mut self, piece: &'p str, step: bool) -> Piece<'p> {
        let exact = self.text[self.from..].find(piece).map(|i| self.from + i);
        let start: String = piece.chars().take(24).collect();
        let begins = exact.or_else(|| self.text[self.from..].find(&start).map(|i| self.from + i));
        if let Some(at) = begins {
            self.from = at;
        }
        Piece {
            text: piece,
            form: Form::Inline,
            at: exact,
            fallback: begins.unwrap_or(self.from),
            step,
        }
    }
}

/// A Markdown file's body (below its front matter), as one piece.
fn body_piece(file: &str) -> Vec<Piece<'_>> {
    let start = body_start(file);
    vec![Piece {
        text: &file[start..],
        form: Form::Body,
        at: Some(start),
        fallback: start,
        step: false,
    }]
}

/// Where a Markdown file's body starts: after its front matter's closing
/// `---` line.
fn body_start(file: &str) -> usize {
    let mut lines = file.split_inclusive('\n');
    let Some(first) = lines.next().filter(|line| line.trim_end() == "---") else {
        return 0;
    };
    let mut offset = first.len();
    for line in lines {
        offset += line.len();
        if line.trim_end() == "---" {
            return offset;
        }
    }
    0
}

/// Where an item's `title:` is, to point a whole item's warning at.
fn title_offset(file: &str) -> usize {
    let mut offset = 0;
    for line in file.split_inclusive('\n') {
        if let Some(rest) = line.strip_prefix("title:") {
            return offset + "title:".len() + (rest.len() - rest.trim_start().len());
        }
        offset += line.len();
    }
    0
}

/// The links to other sites, mail addresses and phones in the content's
/// files, where they are.
fn external_links(project: &Project) -> Vec<ExternalLink> {
    let mut found = Vec::new();
    let files = project
        .files
        .iter()
        .chain(project.translation_files.values());
    for file in files {
        if !matches!(
            file.kind,
            FileKind::Settings | FileKind::Phase | FileKind::Page | FileKind::Exercise
        ) {
            continue;
        }
        for link in crate::markdown::links(&file.text) {
            let lower = link.dest.to_ascii_lowercase();
            if !["http://", "https://", "mailto:", "tel:"]
                .iter()
                .any(|scheme| lower.starts_with(scheme))
            {
                continue;
            }
            let at = Diagnostic::at_offset(&file.path, &file.text, link.range.start, 1, "");
            found.push(ExternalLink {
                url: link.dest,
                path: file.path.clone(),
                line: at.line,
                column: at.column,
            });
        }
    }
    found.sort();
    found.dedup();
    found
}

/// Where `check --report` writes the report: `index.html` and
/// `report.txt` in `dir`. Returns the two paths.
pub fn write(report: &Report, dir: &Path) -> std::io::Result<[PathBuf; 2]> {
    std::fs::create_dir_all(dir)?;
    let html = dir.join("index.html");
    let text = dir.join("report.txt");
    std::fs::write(&html, page::html(report))?;
    std::fs::write(&text, page::text(report))?;
    Ok([html, text])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_body_starts_after_its_front_matter() {
        let file = "---\ntitle: X\n---\nBody.\n";
        assert_eq!(&file[body_start(file)..], "Body.\n");
        assert_eq!(body_start("No front matter."), 0);
        assert_eq!(&file[title_offset(file)..title_offset(file) + 1], "X");
    }
}
