//! A patient's reminders: an iCalendar file (RFC 5545) written beside the
//! patient's PDFs, `<file>-reminders.ics`, that a phone's calendar opens.
//!
//! Each phase gets one event per session time, repeating every day from
//! the phase's first day to its last (`RRULE:FREQ=DAILY;COUNT=<days>`; a
//! phase with no end repeats until the patient deletes it), with an alarm
//! at its time. The times are handout.yaml's `session_times`, as many as
//! the phase's most times a day, spread over the day. Times are floating
//! (no time zone): 08:00 is eight in the morning wherever the patient is.
//! The event says the phase, its exercises and the link to the patient's
//! own page, in the patient's language; never the patient's name.
//!
//! The `my/` page makes the same file in the browser (`my.js`,
//! `calendar`): what one changes, the other must too.
//!
//! Written by hand: the file is a few fixed lines, and the iCalendar
//! crates bring a date library and a parser each (chrono, nom) for it. A
//! test parses it back with the `ical` crate.

use jiff::civil::{Date, Time};

use crate::words::Words;

/// One phase's reminders.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarPhase {
    /// The phase's title, in the patient's language.
    pub title: String,
    /// Its first day.
    pub from: Date,
    /// The day after its last, when it ends.
    pub until: Option<Date>,
    /// Its exercises' titles, in order.
    pub exercises: Vec<String>,
    /// The most times a day any of its exercises is done (1 when none
    /// says).
    pub most_per_day: u32,
}

/// A patient's reminders, ready to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Calendar {
    /// The program's hash (its link's CRC-32, eight hexadecimal digits):
    /// the events' ids, so that opening a newer file replaces the old
    /// events.
    pub hash: String,
    /// The program's first day: the events' time stamp, so that the file
    /// is the same on every run.
    pub start: Date,
    /// The phases in order.
    pub phases: Vec<CalendarPhase>,
    /// The times of day to choose from, earliest first.
    pub times: Vec<Time>,
    /// The address of the patient's own page, with the program, when the
    /// site has an address (`base_url`).
    pub address: Option<String>,
}

/// `count` of `times`, spread from the first to the last: all of them
/// when `count` is as many or more, the first alone for one.
pub fn pick(times: &[Time], count: u32) -> Vec<Time> {
    let count = count as usize;
    if count >= times.len() {
        return times.to_vec();
    }
    if count <= 1 {
        return times.first().copied().into_iter().collect();
    }
    // The nearest of the evenly spread places, halves rounded up (my.js
    // computes the same in integers).
    (0..count)
        .map(|j| times[(j * (times.len() - 1) * 2 + (count - 1)) / (2 * (count - 1))])
        .collect()
}

impl Calendar {
    /// The file's text: CRLF line ends, lines folded at 75 octets.
    pub fn to_ics(&self, words: &Words) -> String {
        let mut lines: Vec<String> = [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//handout//reminders//EN",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
        ]
        .map(String::from)
        .to_vec();
        let open = (self.address.as_deref())
            .map(|address| format!("\n{}", message(words, "ics-open", &[("address", address)])))
            .unwrap_or_default();
        for (i, phase) in self.phases.iter().enumerate() {
            let description = format!(
                "{} {}{open}",
                words.text("ics-exercises"),
                phase.exercises.join(&words.text("list-and"))
            );
            let summary = message(words, "ics-summary", &[("phase", &phase.title)]);
            for (k, time) in pick(&self.times, phase.most_per_day).iter().enumerate() {
                lines.push("BEGIN:VEVENT".into());
                lines.push(format!("UID:{}-{}-{}@handout", self.hash, i + 1, k + 1));
                lines.push(format!("DTSTAMP:{}T000000Z", ymd(self.start)));
                lines.push(format!(
                    "DTSTART:{}T{:02}{:02}00",
                    ymd(phase.from),
                    time.hour(),
                    time.minute()
                ));
                lines.push("DURATION:PT15M".into());
                lines.push(match phase.until {
                    Some(until) => {
                        format!("RRULE:FREQ=DAILY;COUNT={}", (until - phase.from).get_days())
                    }
                    None => "RRULE:FREQ=DAILY".into(),
                });
                lines.push(format!("SUMMARY:{}", text(&summary)));
                lines.push(format!("DESCRIPTION:{}", text(&description)));
                if let Some(address) = &self.address {
                    lines.push(format!("URL:{address}"));
                }
                lines.push("BEGIN:VALARM".into());
                lines.push("ACTION:DISPLAY".into());
                lines.push(format!("DESCRIPTION:{}", text(&words.text("ics-alarm"))));
                lines.push("TRIGGER:PT0M".into());
                lines.push("END:VALARM".into());
                lines.push("END:VEVENT".into());
            }
        }
        lines.push("END:VCALENDAR".into());
        lines.iter().map(|line| fold(line)).collect()
    }
}

/// A message with text variables.
fn message(words: &Words, id: &str, args: &[(&str, &str)]) -> String {
    let mut fluent = fluent_bundle::FluentArgs::new();
    for (name, value) in args {
        fluent.set(*name, (*value).to_string());
    }
    words.message(id, Some(&fluent)).unwrap_or_default()
}

/// A day as iCalendar writes it: `20270111`.
fn ymd(date: Date) -> String {
    format!("{:04}{:02}{:02}", date.year(), date.month(), date.day())
}

/// A TEXT value escaped (RFC 5545, 3.3.11).
fn text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out
}

/// A content line folded at 75 octets, never inside a character, each
/// continuation starting with a space (RFC 5545, 3.1), ended by CRLF.
fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut used = 0;
    for c in line.chars() {
        if used + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += c.len_utf8();
    }
    out.push_str("\r\n");
    out
}

#[cfg(test)]
mod tests;
