use super::*;
use crate::content::model::Span;

fn words(language: &str) -> Words {
    Words::load(language, &[]).unwrap_or_else(|e| panic!("{language}: {e}"))
}

fn dose(hold: Option<u32>, repeat: u32, each: Option<Side>, alternate: bool) -> Dose {
    Dose {
        hold_seconds: hold,
        repeat,
        each,
        alternate,
        times_per_day: None,
    }
}

/// The dose sentence for 1, 2 and many, without a side, on each leg, and
/// on each leg switching legs.
fn table(words: &Words) -> Vec<String> {
    let mut lines = Vec::new();
    for (hold, repeat) in [(1, 1), (2, 2), (30, 10), (90, 3)] {
        for (each, alternate) in [
            (None, false),
            (Some(Side::Leg), false),
            (Some(Side::Leg), true),
        ] {
            lines.push(words.dose_sentence(&dose(Some(hold), repeat, each, alternate)));
        }
    }
    for per_day in [
        Span { min: 1, max: 1 },
        Span { min: 2, max: 2 },
        Span { min: 5, max: 6 },
    ] {
        let mut d = dose(None, 3, Some(Side::Arm), false);
        d.times_per_day = Some(per_day);
        lines.push(words.dose_sentence(&d));
    }
    lines.push(words.dose_short(&dose(Some(30), 3, Some(Side::Leg), true)));
    lines.push(words.dose_short(&dose(Some(60), 1, None, false)));
    lines
}

#[test]
fn english_dose_sentences() {
    assert_eq!(
        table(&words("en")),
        [
            "Hold 1 second. Repeat once.",
            "Hold 1 second. Repeat once on each leg.",
            "Hold 1 second. Repeat once on each leg, switching legs.",
            "Hold 2 seconds. Repeat twice.",
            "Hold 2 seconds. Repeat twice on each leg.",
            "Hold 2 seconds. Repeat twice on each leg, switching legs.",
            "Hold 30 seconds. Repeat 10 times.",
            "Hold 30 seconds. Repeat 10 times on each leg.",
            "Hold 30 seconds. Repeat 10 times on each leg, switching legs.",
            "Hold 1 minute 30 seconds. Repeat 3 times.",
            "Hold 1 minute 30 seconds. Repeat 3 times on each leg.",
            "Hold 1 minute 30 seconds. Repeat 3 times on each leg, switching legs.",
            "Repeat 3 times on each arm. 1 time a day.",
            "Repeat 3 times on each arm. 2 times a day.",
            "Repeat 3 times on each arm. 5-6 times a day.",
            "Hold 30 s · 3 times each leg",
            "Hold 1 min · once",
        ]
    );
}

#[test]
fn spanish_dose_sentences() {
    assert_eq!(
        table(&words("es")),
        [
            "Mantenga la posición durante 1 segundo. Repita una vez.",
            "Mantenga la posición durante 1 segundo. Repita una vez con cada pierna.",
            "Mantenga la posición durante 1 segundo. Repita una vez con cada pierna, alternando las piernas.",
            "Mantenga la posición durante 2 segundos. Repita 2 veces.",
            "Mantenga la posición durante 2 segundos. Repita 2 veces con cada pierna.",
            "Mantenga la posición durante 2 segundos. Repita 2 veces con cada pierna, alternando las piernas.",
            "Mantenga la posición durante 30 segundos. Repita 10 veces.",
            "Mantenga la posición durante 30 segundos. Repita 10 veces con cada pierna.",
            "Mantenga la posición durante 30 segundos. Repita 10 veces con cada pierna, alternando las piernas.",
            "Mantenga la posición durante 1 minuto y 30 segundos. Repita 3 veces.",
            "Mantenga la posición durante 1 minuto y 30 segundos. Repita 3 veces con cada pierna.",
            "Mantenga la posición durante 1 minuto y 30 segundos. Repita 3 veces con cada pierna, alternando las piernas.",
            "Repita 3 veces con cada brazo. Una vez al día.",
            "Repita 3 veces con cada brazo. 2 veces al día.",
            "Repita 3 veces con cada brazo. De 5 a 6 veces al día.",
            "Mantenga 30 s · 3 veces por pierna",
            "Mantenga 1 min · una vez",
        ]
    );
}

#[test]
fn french_dose_sentences_keep_numbers_and_units_together() {
    let nbsp = '\u{a0}';
    let lines: Vec<String> = table(&words("fr"))
        .into_iter()
        .map(|line| line.replace(nbsp, "~"))
        .collect();
    assert_eq!(
        lines,
        [
            "Tenez la position 1~seconde. Répétez 1~fois.",
            "Tenez la position 1~seconde. Répétez 1~fois de chaque jambe.",
            "Tenez la position 1~seconde. Répétez 1~fois de chaque jambe, en changeant de jambe.",
            "Tenez la position 2~secondes. Répétez 2~fois.",
            "Tenez la position 2~secondes. Répétez 2~fois de chaque jambe.",
            "Tenez la position 2~secondes. Répétez 2~fois de chaque jambe, en changeant de jambe.",
            "Tenez la position 30~secondes. Répétez 10~fois.",
            "Tenez la position 30~secondes. Répétez 10~fois de chaque jambe.",
            "Tenez la position 30~secondes. Répétez 10~fois de chaque jambe, en changeant de jambe.",
            "Tenez la position 1~minute 30~secondes. Répétez 3~fois.",
            "Tenez la position 1~minute 30~secondes. Répétez 3~fois de chaque jambe.",
            "Tenez la position 1~minute 30~secondes. Répétez 3~fois de chaque jambe, en changeant de jambe.",
            "Répétez 3~fois de chaque bras. 1~fois par jour.",
            "Répétez 3~fois de chaque bras. 2~fois par jour.",
            "Répétez 3~fois de chaque bras. De 5 à 6~fois par jour.",
            "Tenir 30~s · 3~fois chaque jambe",
            "Tenir 1~min · 1~fois",
        ]
    );
}

#[test]
fn dates_are_written_in_the_language() {
    // A leap day, a Monday.
    let day = Date::new(2028, 2, 29).unwrap();
    let en = words("en");
    assert_eq!(
        (
            en.weekday_short(day),
            en.day_month_short(day),
            en.date_long(day)
        ),
        ("Tue".into(), "29 Feb".into(), "29 February 2028".into())
    );
    let es = words("es-MX");
    assert_eq!(es.language(), "es-MX");
    assert_eq!(
        (
            es.weekday_short(day),
            es.day_month_short(day),
            es.date_long(day)
        ),
        ("ma".into(), "29 feb".into(), "29 de febrero de 2028".into())
    );
    // "mar" is both martes and marzo: a day head says "ma" above "2 mar",
    // and running text spells both out.
    let march = Date::new(2027, 3, 2).unwrap();
    assert_eq!(
        (es.weekday_short(march), es.day_month_short(march)),
        ("ma".into(), "2 mar".into())
    );
    assert_eq!(es.day(march), "martes 2 de marzo de 2027");
    assert_eq!(
        es.range(
            &es.day_without_year(Date::new(2027, 2, 23).unwrap()),
            &es.day(march)
        ),
        "martes 23 de febrero – martes 2 de marzo de 2027"
    );
    // A German day head fits its column: "23.2.", not "23. Feb." broken.
    assert_eq!(
        words("de").day_month_short(Date::new(2027, 2, 23).unwrap()),
        "23.2."
    );
    let en_day = Date::new(2027, 1, 11).unwrap();
    assert_eq!(en.day(en_day), "Mon 11 Jan 2027");
    assert_eq!(
        en.range(&en.day_without_year(en_day), &en.day(day)),
        "Mon 11 Jan – Tue 29 Feb 2028"
    );
    assert_eq!(en.from(&en.day(day)), "from Tue 29 Feb 2028");
    assert_eq!(
        es.from(&es.day(en_day)),
        "a partir del lunes 11 de enero de 2027"
    );
    assert_eq!(es.text("patient-surgery-date"), "Fecha de la cirugía");
    let fr = words("fr");
    assert_eq!(
        fr.range(&fr.day_without_year(en_day), &fr.day(day))
            .replace('\u{a0}', "~"),
        "du lun. 11~janv. au mar. 29~févr. 2028"
    );
    assert_eq!(
        fr.date_long(Date::new(2027, 1, 3).unwrap()),
        "3\u{a0}janvier 2027"
    );
    assert_eq!(fr.weekday_short(Date::new(2027, 1, 3).unwrap()), "dim.");
}

fn source(language: &str, text: &str) -> Source {
    Source {
        language: language.into(),
        path: PathBuf::from(format!("my-templates/words/{language}.ftl")),
        text: text.into(),
    }
}

#[test]
fn a_clinic_catalogue_changes_some_words_of_a_shipped_language() {
    let user = [source(
        "es",
        "dose-short-hold = Aguante { duration-short }\n",
    )];
    let words = Words::load("es", &user).unwrap();
    assert_eq!(
        words.dose_short(&dose(Some(30), 2, None, false)),
        "Aguante 30 s · 2 veces"
    );
}

#[test]
fn a_new_language_must_give_every_message_and_is_told_which_are_missing() {
    let user = [source(
        "pt",
        "dose-hold = Segure { duration-long }.\ntimes = { $times } vezes\n",
    )];
    let problems = Words::load("pt", &user).unwrap_err().to_string();
    assert!(
        problems.contains(
            "my-templates/words/pt.ftl: error: the catalogue has no message `dose-repeat`"
        ),
        "{problems}"
    );
    assert!(problems.contains("no message `month-long`"), "{problems}");
    assert!(!problems.contains("`dose-hold`"), "{problems}");
}

#[test]
fn broken_catalogue_lines_are_located() {
    let user = [source(
        "es",
        "dose-hold = Mantenga { duration-long }.\ndose-repeat = { $side ->\n  [leg] nada\n}\ntimes = { $veces } veces\n",
    )];
    let problems = Words::load("es", &user).unwrap_err().to_string();
    // A select without a default variant is not valid Fluent.
    assert!(
        problems.contains("my-templates/words/es.ftl:2:") && problems.contains("not valid Fluent"),
        "{problems}"
    );
    // A variable the message is never given.
    assert!(
        problems.contains(
            "my-templates/words/es.ftl:5:1: error: the message `times` cannot be written"
        ),
        "{problems}"
    );
}

#[test]
fn a_language_without_words_is_an_error_with_what_to_do() {
    let problems = Words::load("ja", &[]).unwrap_err().to_string();
    assert!(
        problems.contains("no words for the language `ja`"),
        "{problems}"
    );
    assert!(problems.contains("words/ja.ftl"), "{problems}");
}

#[test]
fn every_shipped_catalogue_is_complete_and_formats() {
    for (language, _) in BUILT_IN {
        words(language);
    }
    // And prints only its variables' numbers (a clinic's catalogue is
    // checked at load; the shipped ones here).
    for source in Source::built_in() {
        let words = words(&source.language);
        let found = words.numbers_of_their_own(std::slice::from_ref(&source));
        assert!(found.is_empty(), "{}: {found:?}", source.language);
    }
}

#[test]
fn how_often_and_how_long_agree_in_number_in_every_language() {
    let spans = [
        Span { min: 1, max: 1 },
        Span { min: 2, max: 2 },
        Span { min: 5, max: 6 },
    ];
    let table = |language: &str| -> Vec<String> {
        let words = words(language);
        (spans.iter())
            .flat_map(|span| [words.per_day(*span), words.weeks(*span)])
            .map(|text| text.replace('\u{a0}', "~"))
            .collect()
    };
    assert_eq!(
        table("en"),
        [
            "once a day",
            "1 week",
            "2 times a day",
            "2 weeks",
            "5-6 times a day",
            "5-6 weeks"
        ]
    );
    assert_eq!(
        table("es"),
        [
            "una vez al día",
            "1 semana",
            "2 veces al día",
            "2 semanas",
            "de 5 a 6 veces al día",
            "de 5 a 6 semanas"
        ]
    );
    assert_eq!(
        table("fr"),
        [
            "1~fois par jour",
            "1~semaine",
            "2~fois par jour",
            "2~semaines",
            "5 à 6~fois par jour",
            "5 à 6~semaines"
        ]
    );
}

#[test]
fn german_dose_sentences() {
    let lines: Vec<String> = table(&words("de"))
        .into_iter()
        .map(|line| line.replace('\u{a0}', "~"))
        .collect();
    assert_eq!(
        lines,
        [
            "Halten Sie die Position 1~Sekunde. Wiederholen Sie einmal.",
            "Halten Sie die Position 1~Sekunde. Wiederholen Sie einmal mit jedem Bein.",
            "Halten Sie die Position 1~Sekunde. Machen Sie die Übung einmal mit jedem Bein, die Beine im Wechsel.",
            "Halten Sie die Position 2~Sekunden. Wiederholen Sie zweimal.",
            "Halten Sie die Position 2~Sekunden. Wiederholen Sie zweimal mit jedem Bein.",
            "Halten Sie die Position 2~Sekunden. Machen Sie die Übung zweimal mit jedem Bein, die Beine im Wechsel.",
            "Halten Sie die Position 30~Sekunden. Wiederholen Sie 10\u{2011}mal.",
            "Halten Sie die Position 30~Sekunden. Wiederholen Sie 10\u{2011}mal mit jedem Bein.",
            "Halten Sie die Position 30~Sekunden. Machen Sie die Übung 10\u{2011}mal mit jedem Bein, die Beine im Wechsel.",
            "Halten Sie die Position 1~Minute und 30~Sekunden. Wiederholen Sie 3\u{2011}mal.",
            "Halten Sie die Position 1~Minute und 30~Sekunden. Wiederholen Sie 3\u{2011}mal mit jedem Bein.",
            "Halten Sie die Position 1~Minute und 30~Sekunden. Machen Sie die Übung 3\u{2011}mal mit jedem Bein, die Beine im Wechsel.",
            "Wiederholen Sie 3\u{2011}mal mit jedem Arm. Einmal am Tag.",
            "Wiederholen Sie 3\u{2011}mal mit jedem Arm. Zweimal am Tag.",
            "Wiederholen Sie 3\u{2011}mal mit jedem Arm. 5- bis 6\u{2011}mal am Tag.",
            "30~s halten · 3\u{2011}mal je Bein",
            "1~min halten · einmal",
        ]
    );
    let de = words("de");
    let date = Date::new(2027, 1, 11).unwrap();
    assert_eq!(de.day(date).replace('\u{a0}', "~"), "Mo, 11.~Jan. 2027");
    assert_eq!(de.per_day(Span { min: 1, max: 1 }), "einmal am Tag");
    assert_eq!(
        de.weeks(Span { min: 6, max: 12 }).replace('\u{a0}', "~"),
        "6 bis 12~Wochen"
    );
}

#[test]
fn a_catalogue_that_prints_a_number_of_its_own_is_refused_at_its_line() {
    // "90 segundos" whatever the hold: every Spanish dose box would say 90.
    let user = [source("es", "# Mis palabras\nseconds-long = 90 segundos\n")];
    let problems = Words::load("es", &user).unwrap_err().to_string();
    assert!(
        problems.contains("my-templates/words/es.ftl:2:1: error: the message `seconds-long` prints the number 90 of its own"),
        "{problems}"
    );
    // A number said in words instead of its variable is as wrong.
    let user = [source("es", "times = noventa veces\n")];
    let problems = Words::load("es", &user).unwrap_err().to_string();
    assert!(
        problems.contains("the message `times` does not print its number"),
        "{problems}"
    );
    // "once" for one, "twice" for two: words for the variable's own value.
    let user = [source(
        "es",
        "times = { $times ->\n    [one] una vez\n   *[other] { $times } veces\n}\n",
    )];
    assert!(Words::load("es", &user).is_ok());
}

#[test]
fn a_label_and_its_value_are_joined_in_each_languages_way() {
    let mut args = FluentArgs::new();
    args.set("label", "Date de l’opération");
    assert_eq!(
        words("fr").message("label-of", Some(&args)).unwrap(),
        "Date de l’opération\u{a0}:"
    );
    args.set("label", "Surgery date");
    assert_eq!(
        words("en").message("label-of", Some(&args)).unwrap(),
        "Surgery date:"
    );
}
