//! The website: what each page shows, links, and the rendered HTML
//! (snapshotted).

use crate::support::Project;

fn built() -> Project {
    let project = Project::valid();
    let run = project.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    project
}

#[test]
fn home_page_lists_phases_in_order_with_exercises_and_doses() {
    let project = built();
    let page = project.read("output/site/index.html");
    let html = &page[page.find("<main").expect("main")..];
    let first = html.find(r#"id="phase-first""#).expect("first phase");
    let second = html.find(r#"id="phase-second""#).expect("second phase");
    assert!(first < second);
    let reach = html.find("Reach up").expect("reach");
    let lift = html.find("Lift").expect("lift");
    assert!(
        first < reach && reach < second && second < lift,
        "exercises under their phases"
    );
    assert!(
        html.contains("Hold 10 s · 3 times each arm"),
        "short dose on the card"
    );
}

#[test]
fn exercise_page_writes_the_dose_from_the_data() {
    let project = built();
    let html = project.read("output/site/exercises/reach/index.html");
    assert!(html.contains("Hold 10 seconds."), "{html}");
    assert!(
        html.contains("Repeat 3 times on each arm, switching arms."),
        "{html}"
    );
    assert!(
        html.contains("2-3 times a day."),
        "the phase's times per day: {html}"
    );
    assert!(html.contains("Reach <em>up</em> with one arm."));
    let squeeze = project.read("output/site/exercises/squeeze/index.html");
    assert!(
        squeeze.contains("1 time a day."),
        "the exercise's own times per day wins"
    );
}

#[test]
fn an_exercise_page_says_the_dose_then_when_to_stop_and_call_then_the_cautions_then_the_steps() {
    let project = built();
    let html = project.read("output/site/exercises/reach/index.html");
    let at = |text: &str| {
        html.find(text)
            .unwrap_or_else(|| panic!("{text} is not on the page: {html}"))
    };
    let order = [
        at("<h1>Reach up</h1>"),
        at("How much"),
        at("Stop and call"),
        at("Be careful"),
        at("A person reaching up."),
        at("Stand tall."),
    ];
    assert!(order.is_sorted(), "{order:?}: {html}");
    // The numbers call when tapped, and the full list is one tap away.
    assert!(
        html.contains(r#"<a href="tel:112">Call 112 now:</a>"#),
        "{html}"
    );
    assert!(html.contains(r#"<a href="tel:5550100">"#), "{html}");
    assert!(
        html.contains(r#"<a href="../../warning-signs/index.html">All the warning signs</a>"#),
        "{html}"
    );
}

#[test]
fn an_exercise_says_when_it_was_reviewed_and_check_warns_when_that_is_over_a_year_ago() {
    let project = Project::valid();
    let reach = project.read("content/exercises/reach.yaml");
    project.write(
        "content/exercises/reach.yaml",
        format!("{reach}last_reviewed: 2025-03-01\n"),
    );
    // 2026-03-01, then 2026-03-03 (SOURCE_DATE_EPOCH is today).
    let within = project.run_with_env(&["check"], &[("SOURCE_DATE_EPOCH", "1772323200")]);
    assert_eq!(within.code, 0, "{}", within.stderr);
    assert!(
        !within.stderr.contains("last reviewed"),
        "{}",
        within.stderr
    );
    let over = project.run_with_env(&["check"], &[("SOURCE_DATE_EPOCH", "1772496000")]);
    assert!(
        over.stderr.contains(
            "exercises/reach.yaml:22:1: warning: these instructions were last reviewed on 2025-03-01, 367 days ago: more than a year"
        ),
        "{}",
        over.stderr
    );
    assert_eq!(project.run(&["build"]).code, 0);
    let page = project.read("output/site/exercises/reach/index.html");
    assert!(page.contains("Reviewed on 1 March 2025"), "{page}");

    project.write(
        "content/exercises/reach.yaml",
        format!("{reach}last_reviewed: 2025-02-30\n"),
    );
    let wrong = project.run(&["check"]);
    assert_eq!(wrong.code, 1);
    assert!(
        wrong
            .stderr
            .contains("`last_reviewed:` is `2025-02-30`, not a day written YYYY-MM-DD"),
        "{}",
        wrong.stderr
    );
}

#[test]
fn content_links_become_relative_links() {
    let project = built();
    let phase = project.read("output/site/phases/first/index.html");
    assert!(
        phase.contains(r#"href="../../exercises/reach/index.html""#),
        "{phase}"
    );
    assert!(phase.contains(r#"href="../../phases/second/index.html""#));
    let squeeze = project.read("output/site/exercises/squeeze/index.html");
    assert!(squeeze.contains(r#"href="../../exercises/reach/index.html""#));
}

#[test]
fn every_internal_link_resolves() {
    let project = built();
    for (name, bytes) in project.snapshot_files("output/site") {
        if !name.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        let dir = project.path().join("output/site").join(&name);
        let dir = dir.parent().unwrap();
        for attr in ["href=\"", "src=\""] {
            for part in html.split(attr).skip(1) {
                let target = &part[..part.find('"').unwrap()];
                if target.starts_with("http")
                    || target.starts_with('#')
                    || target.starts_with("mailto:")
                    || target.starts_with("tel:")
                {
                    continue;
                }
                let path = target.split('#').next().unwrap();
                assert!(dir.join(path).exists(), "{name}: broken link {target}");
            }
        }
    }
}

#[test]
fn no_patient_or_build_specific_data_and_no_external_requests() {
    let project = built();
    for (name, bytes) in project.snapshot_files("output/site") {
        let text = String::from_utf8_lossy(&bytes);
        // Every page has one inline script (page.js: the menu on a phone,
        // the print button); only the checklist (it remembers ticks), the
        // search page, the 404 page (it finds the site's root), the patient's
        // own page (it reads the program in its address) and the
        // pages of exercises with a drawn figure that moves (it plays on
        // request) have another, inline too.
        let figures = text.matches(" data-figure-motion>").count();
        assert!(
            figures <= 1 && (figures == 0 || name.starts_with("exercises/")),
            "{name}"
        );
        let scripted = [
            "checklist/index.html",
            "search/index.html",
            "404.html",
            "my/index.html",
        ];
        if !scripted.contains(&name.as_str()) && figures == 0 {
            let scripts = text.matches("<script").count();
            assert_eq!(scripts, usize::from(name.ends_with(".html")), "{name}");
        }
        assert!(!text.contains("<script src"), "{name} loads a script");
        assert!(
            !text.contains("src=\"http"),
            "{name} loads something from the web"
        );
        assert!(!text.contains("@import"), "{name} imports a stylesheet");
    }
}

#[test]
fn sitemap_and_canonical_links_with_a_base_url() {
    let project = Project::valid();
    let settings = project.read("content/handout.yaml");
    project.write(
        "content/handout.yaml",
        format!("{settings}base_url: https://clinic.example.org/exercises\n"),
    );
    assert_eq!(project.run(&["build"]).code, 0);
    let sitemap = project.read("output/site/sitemap.xml");
    assert!(
        sitemap.contains("<loc>https://clinic.example.org/exercises/exercises/reach/</loc>"),
        "{sitemap}"
    );
    assert!(!sitemap.contains("404"));
    // Served at any depth, the 404 page carries its styles inline, links
    // to the site's address, and finds the root where it is shown from
    // (site/notfound.js; .ci/verify/notfound-check.mjs runs it).
    let not_found = project.read("output/site/404.html");
    assert!(!not_found.contains("assets/style.css"), "{not_found}");
    assert!(not_found.contains("<style>"), "{not_found}");
    assert!(
        not_found.contains(r#"<a href="https://clinic.example.org/exercises/index.html">"#),
        "{not_found}"
    );
    assert!(
        not_found.contains(r#"data-written-root="https://clinic.example.org/exercises/""#),
        "{not_found}"
    );
    let page = project.read("output/site/exercises/reach/index.html");
    assert!(
        page.contains(
            r#"<link rel="canonical" href="https://clinic.example.org/exercises/exercises/reach/">"#
        ),
        "{page}"
    );
    assert!(
        !Project::valid()
            .path()
            .join("output/site/sitemap.xml")
            .exists()
    );
}

#[test]
fn raw_html_in_content_is_shown_as_text() {
    let project = Project::valid();
    project.write(
        "content/pages/why.md",
        "---\ntitle: Why\n---\nHello <b onclick=\"x()\">there</b>\n",
    );
    assert_eq!(project.run(&["build"]).code, 0);
    let html = project.read("output/site/pages/why/index.html");
    assert!(html.contains("&lt;b onclick="), "{html}");
    assert!(!html.contains("<b onclick"));
}

#[test]
fn rendered_pages() {
    let project = built();
    for page in [
        "index.html",
        "exercises/reach/index.html",
        "phases/second/index.html",
        "pages/why/index.html",
    ] {
        insta::assert_snapshot!(
            format!("page-{}", page.replace('/', "-")),
            project.read(&format!("output/site/{page}"))
        );
    }
}

#[test]
fn templates_override_the_built_in_ones_by_name() {
    let project = Project::valid();
    project.write(
        "templates/site/404.html",
        "<!DOCTYPE html><title>Lost</title><h1>Lost?</h1>",
    );
    assert_eq!(project.run(&["build"]).code, 0);
    assert!(project.read("output/site/404.html").contains("Lost?"));
    assert!(
        project
            .read("output/site/index.html")
            .contains("First phase"),
        "others stay built in"
    );
}

#[test]
fn the_site_checklist_never_carries_a_patients_start_date() {
    let project = Project::valid();
    let settings = project.read("content/handout.yaml");
    project.write(
        "content/handout.yaml",
        format!("{settings}start_date: 2026-03-28\n"),
    );
    let run = project.run(&["build", "--start", "2026-03-28"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for (name, bytes) in project.snapshot_files("output/site") {
        let text = String::from_utf8_lossy(&bytes);
        for date in ["2026", "28 Mar", "Mar 28", "28 March"] {
            assert!(
                !text.contains(date),
                "{name} shows the patient's date ({date})"
            );
        }
    }
    let checklist = project.read("output/site/checklist/index.html");
    assert!(
        checklist.contains("Day 1") && checklist.contains("Week of"),
        "{checklist}"
    );
    let reach_boxes = checklist.matches("aria-label=\"Reach up, Day 1,").count();
    assert_eq!(reach_boxes, 3, "2-3 times a day gives 3 boxes a day");
    // On screen the checklist offers every week of a phase (`weeks: 4`),
    // keeps ticks under the library's name rather than the address, and
    // each exercise's name leads to its page.
    assert!(
        checklist.contains(r#"data-phase="first" data-weeks="4""#),
        "{checklist}"
    );
    assert!(
        checklist.contains(r#"data-program="library""#),
        "{checklist}"
    );
    assert!(
        checklist.contains(
            r#"<a class="ck-ex-title" href="../exercises/reach/index.html">Reach up</a>"#
        ),
        "{checklist}"
    );
}

#[test]
fn a_long_phase_page_groups_its_exercises_by_kind_then_position_under_an_index() {
    let project = Project::valid();
    let squeeze = project.read("content/exercises/squeeze.yaml");
    // 14 more exercises in the first phase: strengthening, half of them
    // from another position; with reach (a stretch) that is 16.
    for n in 0..14_usize {
        let yaml = squeeze
            .replace("title: ", &format!("title: Group {n:02} "))
            .replace("order: 2", &format!("order: {}", 10 + n));
        let yaml = if n.is_multiple_of(2) {
            yaml.replace("position: Sitting", "position: Lying down")
        } else {
            yaml
        };
        project.write(&format!("content/exercises/group-{n:02}.yaml"), yaml);
    }
    let run = project.run(&["build", "--only", "site"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = project.read("output/site/phases/first/index.html");
    let index = page.find(r#"class="group-index""#).expect("an index");
    let stretch = page.find(r#"<h3 id="kind-stretch""#).expect("stretches");
    let strengthen = page
        .find(r#"<h3 id="kind-strengthen""#)
        .expect("strengthening");
    // Reach (order 1) comes first, so stretches come first.
    assert!(index < stretch && stretch < strengthen);
    assert!(page.contains(r##"<a href="#kind-strengthen">Strengthening</a> (15)"##));
    // Squeeze (order 2) sits: sitting comes before lying down, whose
    // first exercise is later.
    let sitting = page.find(">Sitting</h4>").expect("sitting");
    let lying = page.find(">Lying down</h4>").expect("lying down");
    assert!(strengthen < sitting && sitting < lying);
    assert!(page.contains(r##"<a href="#kind-strengthen-2">Lying down</a> (7)"##));
    // Every exercise is on the page once, under its position.
    assert_eq!(page.matches(r#"class="card-title""#).count(), 16);
    let group_03 = page.find("Group 03 Squeeze").expect("group 03");
    assert!(sitting < group_03 && group_03 < lying);

    // A short phase stays one list.
    let second = project.read("output/site/phases/second/index.html");
    assert!(!second.contains("group-index"));

    // The home page shows the long phase's first 12 and links to the rest;
    // the short phase shows all its exercises, and no such link.
    let home = project.read("output/site/index.html");
    let sections: Vec<&str> = home.split(r#"<section class="phase-section""#).collect();
    assert_eq!(sections.len(), 3, "{home}");
    assert_eq!(sections[1].matches(r#"class="card-title""#).count(), 12);
    assert!(sections[1].contains("Reach up") && !sections[1].contains("Group 13"));
    assert!(sections[1].contains(
        r#"<p class="phase-all"><a href="phases/first/index.html">See all 16 exercises<span class="visually-hidden">"#
    ));
    assert!(!sections[2].contains("phase-all"));
    // In Spanish too.
    let settings = project.read("content/handout.yaml");
    project.write(
        "content/handout.yaml",
        settings.replace("language: en", "languages: [en, es]\ntranslations: warn"),
    );
    let run = project.run(&["build", "--only", "site"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let home = project.read("output/site/es/index.html");
    assert!(home.contains(">Vea los 16 ejercicios<"), "{home}");
}

#[test]
fn the_search_page_lists_every_exercise_without_javascript_and_filters_them_with_an_inline_script()
{
    let project = built();
    let page = project.read("output/site/search/index.html");
    // Every exercise is listed (the script only hides items), with the
    // words the script looks in.
    assert_eq!(page.matches("<li data-search=").count(), 3);
    assert!(page.contains(r#"data-search="Reach up Stretches your arms. Standing Stretch"#));
    assert!(page.contains(r#"<a href="../exercises/reach/index.html">Reach up</a>"#));
    // The form shows only when the script runs; the script is inline, so
    // it runs from file:// and under any path.
    assert!(page.contains(r#"<form class="search-form" role="search" hidden>"#));
    assert!(page.contains("<script>// The site's search"));
    assert!(page.contains("getElementById(\"search-results\")"));
    // Every page links to it.
    let home = project.read("output/site/index.html");
    assert!(home.contains(r#"<a href="search/index.html">Search</a>"#));
}
