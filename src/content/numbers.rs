//! Numbers in prose: the amounts a sentence states ("30 seconds", "tres
//! veces", "5-6 times a day", "6 to 12 weeks"), in the languages handout
//! ships (English, Spanish, French, German).
//!
//! A patient follows what the page says, so a dose must be said once, from
//! the data. This module finds where a text says an amount of its own: the
//! checks that a step does not restate (or contradict) its exercise's
//! dose, that a translation carries the same numbers as its source, and
//! that a catalogue's dose message prints its variables, all read amounts
//! through it.
//!
//! Digits count everywhere. Number words count only before a unit
//! ("thirty seconds", "tres veces"), from a short list per language that
//! leaves out the articles ("a", "un", "une", "ein"), so "step one foot
//! back" or "un pie" is not an amount. Units are normalised: "1 min" is
//! "60 s", "2 weeks" is "14 days".

use std::ops::Range;

/// What an amount measures, in its normal unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Unit {
    /// A time: seconds (minutes and hours are turned into seconds).
    Seconds,
    /// How many times ("3 times", "dreimal").
    Times,
    /// How many times a day ("5-6 times a day").
    TimesPerDay,
    /// A length of days (weeks are seven days).
    Days,
    /// Months.
    Months,
    /// A number with no unit after it.
    Bare,
}

/// An amount a text states: a number or a range, and its unit.
#[derive(Debug, Clone, PartialEq)]
pub struct Amount {
    /// Where it is in the text, from its first number to the end of its
    /// unit.
    pub at: Range<usize>,
    /// The smallest value, in the unit's normal measure.
    pub min: f64,
    /// The largest value (`min` for a single number).
    pub max: f64,
    /// What it measures.
    pub unit: Unit,
}

impl Amount {
    /// Whether it states exactly `min` to `max`.
    pub fn is(&self, unit: Unit, min: f64, max: f64) -> bool {
        self.unit == unit && same(self.min, min) && same(self.max, max)
    }

    /// Each number it states, with its unit: what a translation must say
    /// again, number for number.
    pub fn numbers(&self) -> Vec<(Unit, i64)> {
        let key = |v: f64| (v * 1000.0).round() as i64;
        if same(self.min, self.max) {
            vec![(self.unit, key(self.min))]
        } else {
            vec![(self.unit, key(self.min)), (self.unit, key(self.max))]
        }
    }
}

fn same(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-6
}

/// The words of one language that make amounts.
struct Lexicon {
    /// Number words and their values; only counted before a unit.
    numbers: &'static [(&'static str, f64)],
    /// Words that make a count a count a day, or a time a time: each maps
    /// to a unit and the factor into its normal measure.
    units: &'static [(&'static str, Unit, f64)],
    /// Words (one or two) after "N times" that make it "N times a day".
    per_day: &'static [&'static [&'static str]],
    /// Words between two numbers of a range ("5 to 6").
    range: &'static [&'static str],
    /// Whole words that are counts by themselves ("twice", "dreimal"),
    /// only counted before a per-day phrase: "once" is also "when".
    counts: &'static [(&'static str, f64)],
}

const MINUTE: f64 = 60.0;
const HOUR: f64 = 3600.0;
const WEEK: f64 = 7.0;

const ENGLISH: Lexicon = Lexicon {
    numbers: &[
        ("one", 1.0),
        ("two", 2.0),
        ("three", 3.0),
        ("four", 4.0),
        ("five", 5.0),
        ("six", 6.0),
        ("seven", 7.0),
        ("eight", 8.0),
        ("nine", 9.0),
        ("ten", 10.0),
        ("eleven", 11.0),
        ("twelve", 12.0),
        ("fifteen", 15.0),
        ("twenty", 20.0),
        ("thirty", 30.0),
        ("forty", 40.0),
        ("forty-five", 45.0),
        ("fifty", 50.0),
        ("sixty", 60.0),
        ("ninety", 90.0),
    ],
    units: &[
        ("s", Unit::Seconds, 1.0),
        ("sec", Unit::Seconds, 1.0),
        ("secs", Unit::Seconds, 1.0),
        ("second", Unit::Seconds, 1.0),
        ("seconds", Unit::Seconds, 1.0),
        ("min", Unit::Seconds, MINUTE),
        ("mins", Unit::Seconds, MINUTE),
        ("minute", Unit::Seconds, MINUTE),
        ("minutes", Unit::Seconds, MINUTE),
        ("h", Unit::Seconds, HOUR),
        ("hr", Unit::Seconds, HOUR),
        ("hour", Unit::Seconds, HOUR),
        ("hours", Unit::Seconds, HOUR),
        ("time", Unit::Times, 1.0),
        ("times", Unit::Times, 1.0),
        ("x", Unit::Times, 1.0),
        ("×", Unit::Times, 1.0),
        ("rep", Unit::Times, 1.0),
        ("reps", Unit::Times, 1.0),
        ("repetition", Unit::Times, 1.0),
        ("repetitions", Unit::Times, 1.0),
        ("day", Unit::Days, 1.0),
        ("days", Unit::Days, 1.0),
        ("week", Unit::Days, WEEK),
        ("weeks", Unit::Days, WEEK),
        ("month", Unit::Months, 1.0),
        ("months", Unit::Months, 1.0),
    ],
    per_day: &[
        &["a", "day"],
        &["per", "day"],
        &["each", "day"],
        &["every", "day"],
        &["daily"],
        &["a-day"],
    ],
    range: &["-", "–", "—", "to", "or", "and"],
    counts: &[("once", 1.0), ("twice", 2.0)],
};

const SPANISH: Lexicon = Lexicon {
    numbers: &[
        ("uno", 1.0),
        ("dos", 2.0),
        ("tres", 3.0),
        ("cuatro", 4.0),
        ("cinco", 5.0),
        ("seis", 6.0),
        ("siete", 7.0),
        ("ocho", 8.0),
        ("nueve", 9.0),
        ("diez", 10.0),
        ("once", 11.0),
        ("doce", 12.0),
        ("quince", 15.0),
        ("veinte", 20.0),
        ("treinta", 30.0),
        ("cuarenta", 40.0),
        ("cincuenta", 50.0),
        ("sesenta", 60.0),
        ("noventa", 90.0),
    ],
    units: &[
        ("s", Unit::Seconds, 1.0),
        ("seg", Unit::Seconds, 1.0),
        ("segundo", Unit::Seconds, 1.0),
        ("segundos", Unit::Seconds, 1.0),
        ("min", Unit::Seconds, MINUTE),
        ("minuto", Unit::Seconds, MINUTE),
        ("minutos", Unit::Seconds, MINUTE),
        ("h", Unit::Seconds, HOUR),
        ("hora", Unit::Seconds, HOUR),
        ("horas", Unit::Seconds, HOUR),
        ("vez", Unit::Times, 1.0),
        ("veces", Unit::Times, 1.0),
        ("x", Unit::Times, 1.0),
        ("×", Unit::Times, 1.0),
        ("repetición", Unit::Times, 1.0),
        ("repeticiones", Unit::Times, 1.0),
        ("día", Unit::Days, 1.0),
        ("días", Unit::Days, 1.0),
        ("semana", Unit::Days, WEEK),
        ("semanas", Unit::Days, WEEK),
        ("mes", Unit::Months, 1.0),
        ("meses", Unit::Months, 1.0),
    ],
    per_day: &[
        &["al", "día"],
        &["por", "día"],
        &["cada", "día"],
        &["diarias"],
        &["diarios"],
    ],
    range: &["-", "–", "—", "a", "o", "y"],
    counts: &[],
};

const FRENCH: Lexicon = Lexicon {
    numbers: &[
        ("deux", 2.0),
        ("trois", 3.0),
        ("quatre", 4.0),
        ("cinq", 5.0),
        ("six", 6.0),
        ("sept", 7.0),
        ("huit", 8.0),
        ("neuf", 9.0),
        ("dix", 10.0),
        ("onze", 11.0),
        ("douze", 12.0),
        ("quinze", 15.0),
        ("vingt", 20.0),
        ("trente", 30.0),
        ("quarante", 40.0),
        ("cinquante", 50.0),
        ("soixante", 60.0),
        ("quatre-vingt-dix", 90.0),
    ],
    units: &[
        ("s", Unit::Seconds, 1.0),
        ("sec", Unit::Seconds, 1.0),
        ("seconde", Unit::Seconds, 1.0),
        ("secondes", Unit::Seconds, 1.0),
        ("min", Unit::Seconds, MINUTE),
        ("minute", Unit::Seconds, MINUTE),
        ("minutes", Unit::Seconds, MINUTE),
        ("h", Unit::Seconds, HOUR),
        ("heure", Unit::Seconds, HOUR),
        ("heures", Unit::Seconds, HOUR),
        ("fois", Unit::Times, 1.0),
        ("x", Unit::Times, 1.0),
        ("×", Unit::Times, 1.0),
        ("répétition", Unit::Times, 1.0),
        ("répétitions", Unit::Times, 1.0),
        ("jour", Unit::Days, 1.0),
        ("jours", Unit::Days, 1.0),
        ("semaine", Unit::Days, WEEK),
        ("semaines", Unit::Days, WEEK),
        ("mois", Unit::Months, 1.0),
    ],
    per_day: &[&["par", "jour"], &["chaque", "jour"], &["quotidiennes"]],
    range: &["-", "–", "—", "à", "ou", "et"],
    counts: &[],
};

const GERMAN: Lexicon = Lexicon {
    numbers: &[
        ("zwei", 2.0),
        ("drei", 3.0),
        ("vier", 4.0),
        ("fünf", 5.0),
        ("sechs", 6.0),
        ("sieben", 7.0),
        ("acht", 8.0),
        ("neun", 9.0),
        ("zehn", 10.0),
        ("elf", 11.0),
        ("zwölf", 12.0),
        ("fünfzehn", 15.0),
        ("zwanzig", 20.0),
        ("dreißig", 30.0),
        ("vierzig", 40.0),
        ("fünfzig", 50.0),
        ("sechzig", 60.0),
        ("neunzig", 90.0),
    ],
    units: &[
        ("s", Unit::Seconds, 1.0),
        ("sek", Unit::Seconds, 1.0),
        ("sekunde", Unit::Seconds, 1.0),
        ("sekunden", Unit::Seconds, 1.0),
        ("min", Unit::Seconds, MINUTE),
        ("minute", Unit::Seconds, MINUTE),
        ("minuten", Unit::Seconds, MINUTE),
        ("std", Unit::Seconds, HOUR),
        ("stunde", Unit::Seconds, HOUR),
        ("stunden", Unit::Seconds, HOUR),
        ("mal", Unit::Times, 1.0),
        ("x", Unit::Times, 1.0),
        ("×", Unit::Times, 1.0),
        ("wiederholung", Unit::Times, 1.0),
        ("wiederholungen", Unit::Times, 1.0),
        ("tag", Unit::Days, 1.0),
        ("tage", Unit::Days, 1.0),
        ("tagen", Unit::Days, 1.0),
        ("woche", Unit::Days, WEEK),
        ("wochen", Unit::Days, WEEK),
        ("monat", Unit::Months, 1.0),
        ("monate", Unit::Months, 1.0),
        ("monaten", Unit::Months, 1.0),
    ],
    per_day: &[
        &["am", "tag"],
        &["pro", "tag"],
        &["jeden", "tag"],
        &["täglich"],
    ],
    range: &["-", "–", "—", "bis", "oder", "und"],
    counts: &[
        ("einmal", 1.0),
        ("zweimal", 2.0),
        ("dreimal", 3.0),
        ("viermal", 4.0),
        ("fünfmal", 5.0),
        ("sechsmal", 6.0),
        ("zehnmal", 10.0),
    ],
};

/// The languages whose words for numbers and units are known (digits and
/// the English units are read in every language).
pub const LANGUAGES: &[&str] = &["en", "es", "fr", "de"];

fn lexicon(language: &str) -> &'static Lexicon {
    match language.split(['-', '_']).next().unwrap_or(language) {
        "es" => &SPANISH,
        "fr" => &FRENCH,
        "de" => &GERMAN,
        _ => &ENGLISH,
    }
}

/// A piece of text: a number, a word, or a sign between them.
#[derive(Debug, Clone, PartialEq)]
enum Token<'a> {
    Number(f64),
    Word(&'a str),
    /// One character that is neither: a dash, a comma, a full stop.
    Sign(char),
}

/// The tokens of a text with their places; spaces are dropped.
fn tokens(text: &str) -> Vec<(Range<usize>, Token<'_>)> {
    let mut out = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        if c.is_ascii_digit() {
            let mut end = start + 1;
            while let Some(&(i, d)) = chars.peek() {
                let decimal_mark = (d == '.' || d == ',')
                    && text[i + 1..].starts_with(|n: char| n.is_ascii_digit());
                if !(d.is_ascii_digit() || decimal_mark) {
                    break;
                }
                end = i + 1;
                chars.next();
            }
            let digits = text[start..end].replace(',', ".");
            // Grouped thousands ("1,000") read as a decimal here; amounts
            // in exercise prose are small, so it never matters.
            let value = digits.parse().unwrap_or(f64::MAX);
            out.push((start..end, Token::Number(value)));
        } else if c.is_alphabetic() {
            let mut end = start + c.len_utf8();
            while let Some(&(i, d)) = chars.peek() {
                let joins = (d == '-' || d == '\'' || d == '’')
                    && text[i + d.len_utf8()..].starts_with(char::is_alphabetic);
                if d.is_alphabetic() || joins {
                    end = i + d.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            out.push((start..end, Token::Word(&text[start..end])));
        } else {
            out.push((start..start + c.len_utf8(), Token::Sign(c)));
        }
    }
    out
}

/// Every amount `text` states, in `language`'s words (digits in any).
pub fn amounts(text: &str, language: &str) -> Vec<Amount> {
    let reader = Reader {
        lexicon: lexicon(language),
        tokens: tokens(text),
    };
    let mut found = Vec::new();
    let mut i = 0;
    while i < reader.tokens.len() {
        let (amount, next) = reader.amount_at(i);
        found.extend(amount);
        i = next;
    }
    found
}

/// A text's tokens, read with one language's words.
struct Reader<'a> {
    lexicon: &'static Lexicon,
    tokens: Vec<(Range<usize>, Token<'a>)>,
}

impl Reader<'_> {
    /// The amount that starts at token `i`, if one does, and the token to
    /// read next.
    fn amount_at(&self, i: usize) -> (Option<Amount>, usize) {
        // A count in one word ("twice", "dreimal") before a per-day phrase.
        if let Some(word) = self.word_at(i)
            && let Some((_, value)) = self.lexicon.counts.iter().find(|(w, _)| *w == word)
        {
            return match self.per_day_at(i + 1) {
                Some(end) => (
                    Some(Amount {
                        at: self.tokens[i].0.start..self.tokens[end - 1].0.end,
                        min: *value,
                        max: *value,
                        unit: Unit::TimesPerDay,
                    }),
                    end,
                ),
                None => (None, i + 1),
            };
        }
        let Some((first, digits)) = self.number_at(i) else {
            // A number word joined to its unit: "dreimal", handled above;
            // "30-second" is digits; nothing else to read here.
            return (None, i + 1);
        };
        // A range: "5-6", "5 to 6", "de 5 a 6".
        let mut last = first;
        let mut next = i + 1;
        let mut second_digits = digits;
        if let Some(word) = self.word_at(next)
            && self.lexicon.range.contains(&word.as_str())
            && let Some((value, d)) = self.number_at(next + 1)
        {
            last = value;
            second_digits = d;
            next += 2;
        }
        let is_digits = digits && second_digits;
        match self.unit_at(next) {
            Some((unit, factor, after)) => {
                let (unit, end) = match (unit, self.per_day_at(after)) {
                    (Unit::Times, Some(end)) => (Unit::TimesPerDay, end),
                    (unit, _) => (unit, after),
                };
                let amount = Amount {
                    at: self.tokens[i].0.start..self.tokens[end - 1].0.end,
                    min: first.min(last) * factor,
                    max: first.max(last) * factor,
                    unit,
                };
                (Some(amount), end)
            }
            None if is_digits => {
                let amount = Amount {
                    at: self.tokens[i].0.start..self.tokens[next - 1].0.end,
                    min: first.min(last),
                    max: first.max(last),
                    unit: Unit::Bare,
                };
                (Some(amount), next)
            }
            // A number word with no unit after it is just a word.
            None => (None, i + 1),
        }
    }

    /// The word (lowercased) or sign at token `i`.
    fn word_at(&self, i: usize) -> Option<String> {
        match self.tokens.get(i) {
            Some((_, Token::Word(w))) => Some(w.to_lowercase()),
            Some((_, Token::Sign(c))) => Some(c.to_string()),
            _ => None,
        }
    }

    /// A number at token `i`, and whether it is digits: digits anywhere, a
    /// number word only when a unit follows (checked by the caller).
    fn number_at(&self, i: usize) -> Option<(f64, bool)> {
        match self.tokens.get(i)? {
            (_, Token::Number(v)) => Some((*v, true)),
            (_, Token::Word(w)) => {
                let word = w.to_lowercase();
                (self.lexicon.numbers.iter())
                    .find(|(w, _)| *w == word)
                    .map(|(_, v)| (*v, false))
            }
            _ => None,
        }
    }

    /// The unit at token `i` (a hyphen may join it: "30-second", "3-mal"),
    /// its factor, and the token after it.
    fn unit_at(&self, mut i: usize) -> Option<(Unit, f64, usize)> {
        if self.word_at(i).as_deref() == Some("-") {
            i += 1;
        }
        let word = self.word_at(i)?;
        let word = word.trim_end_matches('.');
        // "30-second" reads as one word with its hyphen.
        (self.lexicon.units.iter())
            .find(|(w, _, _)| *w == word)
            .map(|(_, unit, factor)| (*unit, *factor, i + 1))
    }

    /// The token after a per-day phrase ("a day") that starts at token `i`.
    fn per_day_at(&self, i: usize) -> Option<usize> {
        self.lexicon.per_day.iter().find_map(|phrase| {
            phrase
                .iter()
                .enumerate()
                .all(|(k, w)| self.word_at(i + k).as_deref() == Some(*w))
                .then_some(i + phrase.len())
        })
    }
}

/// Every number `text` states, with its unit, sorted: two texts say the
/// same numbers when these are equal.
pub fn numbers(text: &str, language: &str) -> Vec<(Unit, i64)> {
    let mut all: Vec<(Unit, i64)> = amounts(text, language)
        .iter()
        .flat_map(Amount::numbers)
        .collect();
    all.sort_unstable();
    all
}

/// An amount in words for a message: `30 seconds`, `5-6 times a day`.
pub fn describe(amount: &Amount) -> String {
    let one = |v: f64| match amount.unit {
        Unit::Days if v % WEEK == 0.0 && v > 0.0 => format!("{} weeks", v / WEEK),
        _ => format!("{v}"),
    };
    let value = if same(amount.min, amount.max) {
        one(amount.min)
    } else {
        format!("{}-{}", one(amount.min), one(amount.max))
    };
    match amount.unit {
        Unit::Seconds => format!("{value} s"),
        Unit::Times => format!("{value} times"),
        Unit::TimesPerDay => format!("{value} times a day"),
        Unit::Days if value.ends_with("weeks") => value,
        Unit::Days => format!("{value} days"),
        Unit::Months => format!("{value} months"),
        Unit::Bare => value,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str, language: &str) -> Amount {
        let found = amounts(text, language);
        assert_eq!(found.len(), 1, "{text}: {found:?}");
        found.into_iter().next().unwrap()
    }

    #[test]
    fn digits_and_units_in_english() {
        assert!(one("Hold the stretch for 30 seconds.", "en").is(Unit::Seconds, 30.0, 30.0));
        assert!(one("Hold for 1 min.", "en").is(Unit::Seconds, 60.0, 60.0));
        assert!(one("a 30-second hold", "en").is(Unit::Seconds, 30.0, 30.0));
        assert!(one("Repeat 3 times.", "en").is(Unit::Times, 3.0, 3.0));
        assert!(one("Do it 10x.", "en").is(Unit::Times, 10.0, 10.0));
        assert!(one("5-6 times a day", "en").is(Unit::TimesPerDay, 5.0, 6.0));
        assert!(one("5 to 6 times a day", "en").is(Unit::TimesPerDay, 5.0, 6.0));
        assert!(one("for 6 to 12 weeks", "en").is(Unit::Days, 42.0, 84.0));
        assert!(one("twice a day", "en").is(Unit::TimesPerDay, 2.0, 2.0));
    }

    #[test]
    fn number_words_count_only_before_a_unit() {
        assert!(one("Hold for thirty seconds.", "en").is(Unit::Seconds, 30.0, 30.0));
        assert!(amounts("Step one foot back.", "en").is_empty());
        assert!(amounts("Strengthening comes once you can move.", "en").is_empty());
        assert!(one("Repita tres veces.", "es").is(Unit::Times, 3.0, 3.0));
        assert!(amounts("Dé un paso atrás con un pie.", "es").is_empty());
        assert!(one("durante noventa segundos", "es").is(Unit::Seconds, 90.0, 90.0));
        assert!(one("de 5 a 6 veces al día", "es").is(Unit::TimesPerDay, 5.0, 6.0));
        assert!(one("trente secondes", "fr").is(Unit::Seconds, 30.0, 30.0));
        assert!(one("5 à 6 fois par jour", "fr").is(Unit::TimesPerDay, 5.0, 6.0));
        assert!(one("3-mal mit jedem Bein", "de").is(Unit::Times, 3.0, 3.0));
        assert!(one("dreimal täglich", "de").is(Unit::TimesPerDay, 3.0, 3.0));
        assert!(one("dreißig Sekunden", "de").is(Unit::Seconds, 30.0, 30.0));
        assert!(amounts("Nehmen Sie ein Handtuch.", "de").is_empty());
        assert!(one("6 bis 12 Wochen", "de").is(Unit::Days, 42.0, 84.0));
    }

    #[test]
    fn bare_digits_are_numbers_too() {
        assert!(one("Lie on bed 2.", "en").is(Unit::Bare, 2.0, 2.0));
        assert!(one("Level 1,5", "es").is(Unit::Bare, 1.5, 1.5));
    }

    #[test]
    fn a_translation_says_the_same_numbers() {
        assert_eq!(
            numbers("Hold for 1 minute, 3 times.", "en"),
            numbers("Mantenga 60 segundos, 3 veces.", "es")
        );
        assert_ne!(
            numbers("Hold the stretch for 30 seconds.", "en"),
            numbers("Mantenga el estiramiento durante 90 segundos.", "es")
        );
        assert_ne!(
            numbers("Repeat 3 times.", "en"),
            numbers("Repita cuatro veces.", "es")
        );
    }

    #[test]
    fn places_cover_the_number_and_its_unit() {
        let text = "Then hold for 30 seconds.";
        assert_eq!(&text[one(text, "en").at], "30 seconds");
        let text = "Do this 5 to 6 times a day.";
        assert_eq!(&text[one(text, "en").at], "5 to 6 times a day");
    }
}
