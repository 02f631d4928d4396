//! The reading-level formula of each language, and what "grade N" means
//! in its terms.
//!
//! | language | formula | grade 6 is |
//! |---|---|---|
//! | English | Flesch-Kincaid grade (Kincaid et al., 1975): 0.39 × words per sentence + 11.8 × syllables per word − 15.59 | a grade of 6 or less |
//! | Spanish | INFLESZ (Barrio-Cantalejo et al., 2008, on Szigriszt-Pazos's formula): 206.835 − 62.3 × syllables per word − words per sentence | 65 or more: "bastante fácil", the level of primary school |
//! | French | Kandel & Moles (1958), Flesch's ease for French: 207 − 1.015 × words per sentence − 73.6 × syllables per word | 80 or more: "easy", Flesch's sixth grade |
//! | German | the first Wiener Sachtextformel (Bamberger & Vanecek, 1984): 0.1935 × % words of 3+ syllables + 0.1672 × words per sentence + 0.1297 × % words of 7+ letters − 0.0327 × % one-syllable words − 0.875 | a grade of 6 or less |
//!
//! The ease scores (Spanish, French) are read as grades through their
//! published bands: Flesch's 90-100 fifth grade, 80-90 sixth, 70-80
//! seventh, 60-70 eighth and ninth, 50-60 tenth to twelfth, 30-50 college,
//! below 30 college graduate; INFLESZ's over 80 "muy fácil" and 65-80
//! "bastante fácil" (primary school, grades up to 6), 55-65 "normal"
//! (secondary school, grades 7 to 10), 40-55 "algo difícil"
//! (bachillerato, grades 11 and 12), below 40 "muy difícil" (university).

use hypher::Lang;

/// What a text's counts are.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Sentences.
    pub sentences: usize,
    /// Words.
    pub words: usize,
    /// Syllables.
    pub syllables: usize,
    /// Words of one syllable.
    pub one_syllable: usize,
    /// Words of three syllables or more.
    pub three_syllables: usize,
    /// Words of seven letters or more.
    pub seven_letters: usize,
}

impl std::ops::AddAssign for Counts {
    fn add_assign(&mut self, other: Counts) {
        self.sentences += other.sentences;
        self.words += other.words;
        self.syllables += other.syllables;
        self.one_syllable += other.one_syllable;
        self.three_syllables += other.three_syllables;
        self.seven_letters += other.seven_letters;
    }
}

/// A formula's result for a text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Score {
    /// The formula's own number (a grade, or an ease where higher is
    /// easier).
    pub value: f64,
    /// The school grade it stands for: the value itself for a grade
    /// formula, the lowest grade of its band for an ease.
    pub grade: u32,
}

/// The formula of a language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Formula {
    /// Its name, as the report prints it.
    pub name: &'static str,
    /// Whether its number is an ease (higher is easier) rather than a
    /// grade.
    pub ease: bool,
    lang: Lang,
}

/// The formula for a language, if handout has one.
pub fn for_language(lang: Lang) -> Formula {
    let (name, ease) = match lang {
        Lang::Spanish => ("INFLESZ", true),
        Lang::French => ("Kandel-Moles", true),
        Lang::German => ("Wiener Sachtextformel", false),
        _ => ("Flesch-Kincaid grade", false),
    };
    Formula { name, ease, lang }
}

impl Formula {
    /// Its score for `counts` (`None` for a text without words).
    pub fn score(&self, counts: &Counts) -> Option<Score> {
        if counts.words == 0 || counts.sentences == 0 {
            return None;
        }
        let words = counts.words as f64;
        let per_sentence = words / counts.sentences as f64;
        let per_word = counts.syllables as f64 / words;
        let percent = |n: usize| 100.0 * n as f64 / words;
        let value = match self.lang {
            Lang::Spanish => 206.835 - 62.3 * per_word - per_sentence,
            Lang::French => 207.0 - 1.015 * per_sentence - 73.6 * per_word,
            Lang::German => {
                0.1935 * percent(counts.three_syllables)
                    + 0.1672 * per_sentence
                    + 0.1297 * percent(counts.seven_letters)
                    - 0.0327 * percent(counts.one_syllable)
                    - 0.875
            }
            _ => 0.39 * per_sentence + 11.8 * per_word - 15.59,
        };
        let grade = match self.lang {
            Lang::Spanish => inflesz_grade(value),
            Lang::French => flesch_grade(value),
            _ => value.ceil().max(1.0) as u32,
        };
        Some(Score { value, grade })
    }

    /// What a text must score to read at grade `target` or below, as the
    /// report says it: `grade 6 or below`, `65 or more`.
    pub fn threshold(&self, target: u32) -> String {
        match self.lang {
            Lang::Spanish => format!("{} or more", inflesz_minimum(target)),
            Lang::French => format!("{} or more", flesch_minimum(target)),
            _ => format!("grade {target} or below"),
        }
    }

    /// The score written for a reader: `8.2`, `71.4`.
    pub fn show(&self, score: &Score) -> String {
        if self.ease {
            // One decimal: 64.9 must not read as the 65 it misses.
            format!("{:.1}", score.value)
        } else {
            format!("{:.1}", score.value)
        }
    }
}

/// Flesch's bands, as (lowest ease, the lowest grade of the band).
const FLESCH: &[(f64, u32)] = &[
    (90.0, 5),
    (80.0, 6),
    (70.0, 7),
    (60.0, 8),
    (50.0, 10),
    (30.0, 13),
];

/// INFLESZ's bands, as (lowest score, the lowest grade of the band).
const INFLESZ: &[(f64, u32)] = &[(80.0, 5), (65.0, 6), (55.0, 7), (40.0, 11)];

fn flesch_grade(ease: f64) -> u32 {
    band_grade(FLESCH, ease, 17)
}

fn inflesz_grade(score: f64) -> u32 {
    band_grade(INFLESZ, score, 13)
}

fn band_grade(bands: &[(f64, u32)], value: f64, below: u32) -> u32 {
    (bands.iter())
        .find(|(lowest, _)| value >= *lowest)
        .map_or(below, |(_, grade)| *grade)
}

/// The lowest score whose band's grade is `target` or below.
fn band_minimum(bands: &[(f64, u32)], target: u32) -> f64 {
    (bands.iter().rev())
        .find(|(_, grade)| *grade <= target)
        .map_or(bands[0].0, |(lowest, _)| *lowest)
}

fn flesch_minimum(target: u32) -> f64 {
    band_minimum(FLESCH, target)
}

fn inflesz_minimum(target: u32) -> f64 {
    band_minimum(INFLESZ, target)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(sentences: usize, words: usize, syllables: usize) -> Counts {
        Counts {
            sentences,
            words,
            syllables,
            ..Counts::default()
        }
    }

    #[test]
    fn the_published_formulas() {
        // Flesch-Kincaid: 100 words, 5 sentences, 140 syllables.
        let english = for_language(Lang::English)
            .score(&counts(5, 100, 140))
            .unwrap();
        assert!((english.value - (0.39 * 20.0 + 11.8 * 1.4 - 15.59)).abs() < 1e-9);
        assert_eq!(english.grade, 9);
        let spanish = for_language(Lang::Spanish)
            .score(&counts(10, 100, 190))
            .unwrap();
        assert!((spanish.value - (206.835 - 62.3 * 1.9 - 10.0)).abs() < 1e-9);
        assert_eq!(spanish.grade, 6, "{}", spanish.value);
        let french = for_language(Lang::French)
            .score(&counts(10, 100, 150))
            .unwrap();
        assert!((french.value - (207.0 - 10.15 - 110.4)).abs() < 1e-9);
        assert_eq!(french.grade, 6, "{}", french.value);
        let german = Counts {
            sentences: 10,
            words: 100,
            syllables: 160,
            one_syllable: 50,
            three_syllables: 10,
            seven_letters: 20,
        };
        let german = for_language(Lang::German).score(&german).unwrap();
        let expected = 0.1935 * 10.0 + 0.1672 * 10.0 + 0.1297 * 20.0 - 0.0327 * 50.0 - 0.875;
        assert!((german.value - expected).abs() < 1e-9);
    }

    #[test]
    fn grade_six_in_each_languages_terms() {
        assert_eq!(for_language(Lang::English).threshold(6), "grade 6 or below");
        assert_eq!(for_language(Lang::Spanish).threshold(6), "65 or more");
        assert_eq!(for_language(Lang::French).threshold(6), "80 or more");
        assert_eq!(for_language(Lang::French).threshold(9), "60 or more");
        assert_eq!(for_language(Lang::Spanish).threshold(4), "80 or more");
        assert_eq!(flesch_grade(85.0), 6);
        assert_eq!(inflesz_grade(64.9), 7);
    }
}
