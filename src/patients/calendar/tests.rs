use super::*;

fn d(y: i16, m: i8, day: i8) -> Date {
    Date::new(y, m, day).unwrap()
}

fn t(h: i8, m: i8) -> Time {
    Time::new(h, m, 0, 0).unwrap()
}

fn default_times() -> Vec<Time> {
    vec![t(8, 0), t(11, 0), t(14, 0), t(17, 0), t(20, 0)]
}

/// Two phases across a year end: the first two weeks from 21 December
/// 2026, five or six times a day; the second from 4 January 2027 for six
/// weeks, three times a day; a third with no end, once a day.
fn calendar() -> Calendar {
    Calendar {
        hash: "0a1b2c3d".into(),
        start: d(2026, 12, 21),
        phases: vec![
            CalendarPhase {
                title: "Gentle stretching".into(),
                from: d(2026, 12, 21),
                until: Some(d(2027, 1, 4)),
                exercises: vec!["Calf stretch".into(), "Hamstring stretch, lying".into()],
                most_per_day: 6,
            },
            CalendarPhase {
                title: "Strengthening; later".into(),
                from: d(2027, 1, 4),
                until: Some(d(2027, 2, 15)),
                exercises: vec!["Heel raise".into()],
                most_per_day: 3,
            },
            CalendarPhase {
                title: "Keep going".into(),
                from: d(2027, 2, 15),
                until: None,
                exercises: vec!["Walk".into()],
                most_per_day: 1,
            },
        ],
        times: default_times(),
        address: Some("https://example.org/exercises/my/#AQJlbt2iAQLGaqveACsCFpNC2ACLSjVLCRQMTeptKgACbl2piwC234OUAAWFgbA".into()),
    }
}

fn property<'a>(properties: &'a [ical::property::Property], name: &str) -> &'a str {
    (properties.iter())
        .find(|p| p.name == name)
        .and_then(|p| p.value.as_deref())
        .unwrap_or_else(|| panic!("no {name}"))
}

/// The file parses back (the `ical` crate, which unfolds the lines) to
/// one daily event per session time of each phase, each with one alarm,
/// starting on the phase's first day (across the year end) and repeating
/// for its days, in English and in Spanish.
#[test]
fn the_reminders_parse_back_with_daily_events_and_alarms_per_phase() {
    for (language, summary, alarm) in [
        (
            "en",
            "Exercises: Gentle stretching",
            "Time for your exercises",
        ),
        (
            "es",
            "Ejercicios: Gentle stretching",
            "Es la hora de sus ejercicios",
        ),
    ] {
        let words = Words::load(language, &[]).unwrap();
        let text = calendar().to_ics(&words);
        assert!(text.lines().all(|line| line.len() <= 76), "{text}");
        assert!(text.split("\r\n").all(|line| line.len() <= 75));
        let mut parser = ical::IcalParser::new(text.as_bytes());
        let parsed = parser.next().expect("one calendar").expect("it parses");
        assert!(parser.next().is_none());
        assert_eq!(property(&parsed.properties, "VERSION"), "2.0");
        let events = &parsed.events;
        // 5 (of 5-6: every time there is), 3, 1.
        assert_eq!(events.len(), 5 + 3 + 1, "{language}");
        let starts: Vec<&str> = events
            .iter()
            .map(|e| property(&e.properties, "DTSTART"))
            .collect();
        assert_eq!(
            starts,
            [
                "20261221T080000",
                "20261221T110000",
                "20261221T140000",
                "20261221T170000",
                "20261221T200000",
                "20270104T080000",
                "20270104T140000",
                "20270104T200000",
                "20270215T080000",
            ]
        );
        let rules: Vec<&str> = events
            .iter()
            .map(|e| property(&e.properties, "RRULE"))
            .collect();
        assert_eq!(&rules[..5], ["FREQ=DAILY;COUNT=14"; 5]);
        assert_eq!(&rules[5..8], ["FREQ=DAILY;COUNT=42"; 3]);
        assert_eq!(rules[8], "FREQ=DAILY");
        for event in events {
            assert_eq!(event.alarms.len(), 1);
            assert_eq!(property(&event.alarms[0].properties, "ACTION"), "DISPLAY");
            assert_eq!(property(&event.alarms[0].properties, "TRIGGER"), "PT0M");
            assert_eq!(property(&event.alarms[0].properties, "DESCRIPTION"), alarm);
        }
        assert_eq!(property(&events[0].properties, "SUMMARY"), summary);
        // Text values are escaped; the address is whole once unfolded.
        assert_eq!(
            property(&events[5].properties, "SUMMARY"),
            format!(
                "{}\\; later",
                summary.replace("Gentle stretching", "Strengthening")
            )
        );
        let description = property(&events[0].properties, "DESCRIPTION");
        assert!(
            description.contains("Calf stretch\\, Hamstring stretch\\, lying"),
            "{description}"
        );
        assert!(
            description.contains("\\nhttps://")
                || description.contains(": https://example.org/exercises/my/#AQJlbt2"),
            "{description}"
        );
        let uids: std::collections::BTreeSet<&str> = events
            .iter()
            .map(|e| property(&e.properties, "UID"))
            .collect();
        assert_eq!(uids.len(), events.len());
    }
}

#[test]
fn session_times_are_spread_over_the_day() {
    let times = default_times();
    assert_eq!(pick(&times, 1), [t(8, 0)]);
    assert_eq!(pick(&times, 2), [t(8, 0), t(20, 0)]);
    assert_eq!(pick(&times, 3), [t(8, 0), t(14, 0), t(20, 0)]);
    assert_eq!(pick(&times, 4), [t(8, 0), t(11, 0), t(17, 0), t(20, 0)]);
    assert_eq!(pick(&times, 5), times);
    assert_eq!(pick(&times, 6), times);
    assert_eq!(pick(&[t(9, 30)], 3), [t(9, 30)]);
}

#[test]
fn a_line_is_folded_between_characters() {
    let line = format!("DESCRIPTION:{}", "é".repeat(60));
    let folded = fold(&line);
    for part in folded.trim_end().split("\r\n") {
        assert!(part.len() <= 75, "{part}");
    }
    assert_eq!(folded.replace("\r\n ", "").trim_end(), line);
}
