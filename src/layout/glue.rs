//! Where a line must not break although UAX #14 allows it: inside the
//! figures a patient reads as one thing. A phone number ("+44 20 7946
//! 0321"), a date ("Mon 31 Jan 2028"), a span ("6 to 12 weeks", "5–6"), a
//! dose ("30 s", "10 times") split over two lines is misread, so the space
//! or dash between a number and its neighbour joins them, as a no-break
//! space would had the writer typed one.
//!
//! The rule is the typesetter's, not the content's, so every template and
//! every translation gets it. A joined run that does not fit a line by
//! itself still breaks inside (see `text::break_lines`): nothing is cut.

/// The longest word that joins the number after it ("to 12", "Jan 2028",
/// "Mon 31", "de 2028"); longer ones ("Repeat 10") break as usual.
const SHORT_WORD: usize = 4;

/// Whether the break opportunity before byte `at` of `text` (just after a
/// space or a dash) joins what is on either side of it.
pub(super) fn joined(text: &str, at: usize) -> bool {
    let (before, after) = text.split_at(at);
    let Some(next) = after.split_whitespace().next() else {
        return false;
    };
    let starts_with_digit = next.starts_with(|c: char| c.is_ascii_digit());
    // "5–6", "6-12": a dash between two numbers.
    if let Some(stem) = before.strip_suffix(['–', '-', '—']) {
        return starts_with_digit && stem.ends_with(|c: char| c.is_ascii_digit());
    }
    // Only an ordinary space joins: a forced break or a tab is the
    // writer's, and other opportunities (after a slash) are left alone.
    let Some(stem) = before.strip_suffix(' ') else {
        return false;
    };
    if stem.ends_with(char::is_whitespace) {
        return false;
    }
    let prev = stem.rsplit(char::is_whitespace).next().unwrap_or(stem);
    let number_before = prev.ends_with(|c: char| c.is_ascii_digit());
    let short_word_before =
        (1..=SHORT_WORD).contains(&prev.chars().count()) && prev.chars().all(char::is_alphabetic);
    // "20 7946", "30 s", "31 Jan", "12 weeks"; "to 12", "Jan 2028".
    number_before && !next.is_empty() || short_word_before && starts_with_digit
}

#[cfg(test)]
mod tests {
    use super::joined;

    /// The break opportunities of `text` that survive the rule, as the
    /// pieces they leave.
    fn pieces(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        let mut from = 0;
        for (at, _) in unicode_linebreak::linebreaks(text) {
            if at < text.len() && joined(text, at) {
                continue;
            }
            out.push(text[from..at].trim_end());
            from = at;
        }
        out
    }

    #[test]
    fn numbers_and_their_words_stay_together() {
        assert_eq!(
            pieces("Call +44 20 7946 0321 now"),
            ["Call", "+44 20 7946 0321 now"]
        );
        assert_eq!(pieces("from Mon 31 Jan 2028"), ["from", "Mon 31 Jan 2028"]);
        assert_eq!(
            pieces("for 6 to 12 weeks after"),
            ["for 6 to 12 weeks", "after"]
        );
        assert_eq!(pieces("Hold 30 s, then"), ["Hold 30 s,", "then"]);
        assert_eq!(pieces("do 5–6 times a day"), ["do 5–6 times", "a", "day"]);
        assert_eq!(
            pieces("durante 6 a 12 semanas"),
            ["durante", "6 a 12 semanas"]
        );
    }

    #[test]
    fn words_without_numbers_break_as_usual() {
        assert_eq!(pieces("Lie on your back"), ["Lie", "on", "your", "back"]);
        assert_eq!(pieces("Repeat 10 times"), ["Repeat", "10 times"]);
        assert_eq!(pieces("well-known steps"), ["well-", "known", "steps"]);
    }
}
