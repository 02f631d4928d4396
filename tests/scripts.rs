//! Nothing from the content runs in a browser (issue 26): a heading's
//! attributes are an id and classes only, an SVG figure or logo is
//! published as its drawing written back (shapes only, whatever its XML
//! carried), and every page carries a Content-Security-Policy that lets
//! only handout's own scripts run.

use crate::support::Project;

#[test]
fn heading_attributes_other_than_an_id_and_classes_are_located_errors() {
    let project = Project::valid();
    project.write(
        "content/pages/why.md",
        "---\ntitle: Why it matters\norder: 1\n---\nMovement helps.\n\n\
         ## Ask {tabindex=0 autofocus onfocus=alert(1)}\n\n## Fine {#fine .note}\n",
    );
    let reach = project.read("content/exercises/reach.yaml");
    project.write(
        "content/exercises/reach.yaml",
        reach.replace("  - Stand tall.", "  - \"# Stand {onclick=alert(2)}\""),
    );
    let run = project.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    for expected in [
        "content/pages/why.md:7:8: error: the heading attribute `tabindex=0` is not allowed",
        "content/pages/why.md:7:8: error: the heading attribute `autofocus` is not allowed",
        "content/pages/why.md:7:8: error: the heading attribute `onfocus=alert(1)` is not allowed",
        "error: the heading attribute `onclick=alert(2)` is not allowed",
        "hint: a heading may carry an id and classes only",
    ] {
        assert!(run.stderr.contains(expected), "{expected}:\n{}", run.stderr);
    }
    assert!(
        run.stderr.contains("content/exercises/reach.yaml:"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("Fine"), "{}", run.stderr);
}

/// An SVG file around `body`, a green square drawn before it.
fn svg_with(body: &str) -> String {
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"40\" height=\"20\">\n\
         <rect width=\"40\" height=\"20\" fill=\"#12ab34\"/>\n{body}\n</svg>\n"
    )
}

#[test]
fn an_svg_figure_or_logo_is_published_as_its_shapes_whatever_namespace_hides_a_script() {
    let tricks = [
        "<s:script xmlns:s=\"http://www.w3.org/2000/svg\">alert(1)</s:script>",
        "<h:script xmlns:h=\"http://www.w3.org/1999/xhtml\">alert(1)</h:script>",
        "<h:script xmlns:h=\"http://www.w3.org/1999/xhtml\" src=\"http://127.0.0.1:9/x.js\"/>",
        "<h:meta xmlns:h=\"http://www.w3.org/1999/xhtml\" http-equiv=\"refresh\" content=\"0;url=http://127.0.0.1:9/\"/>",
        "<h:iframe xmlns:h=\"http://www.w3.org/1999/xhtml\" src=\"http://127.0.0.1:9/\"/>",
        "<h:iframe xmlns:h=\"http://www.w3.org/1999/xhtml\" srcdoc=\"&lt;script&gt;alert(1)&lt;/script&gt;\"/>",
        "<iframe src=\"http://127.0.0.1:9/\"/>",
    ];
    for trick in tricks {
        let project = Project::valid();
        project.write("content/figures/arm.svg", svg_with(trick));
        project.write("content/figures/logo.svg", svg_with(trick));
        let reach = project.read("content/exercises/reach.yaml");
        project.write(
            "content/exercises/reach.yaml",
            reach.replace("image: figures/reach.png", "image: figures/arm.svg"),
        );
        let settings = project.read("content/handout.yaml");
        project.write(
            "content/handout.yaml",
            format!("{settings}theme:\n  logo: figures/logo.svg\n"),
        );
        let run = project.run(&["build"]);
        assert_eq!(run.code, 0, "{trick}: {}", run.stderr);
        // What was dropped is a warning naming the file and the line.
        for file in ["arm.svg", "logo.svg"] {
            let warning = run
                .stderr
                .lines()
                .find(|line| line.contains(&format!("figures/{file}: warning:")))
                .unwrap_or_else(|| panic!("{trick}: no warning for {file}: {}", run.stderr));
            assert!(
                warning.contains("the site and the PDFs leave out this SVG file's")
                    && warning.contains("(line 3)"),
                "{trick}: {warning}"
            );
        }
        for file in ["arm.svg", "logo.svg"] {
            let published = project.read(&format!("output/site/figures/{file}"));
            let lower = published.to_ascii_lowercase();
            for word in ["script", "iframe", "meta", "xhtml", "127.0.0.1", "srcdoc"] {
                assert!(!lower.contains(word), "{trick}: {word} in {published}");
            }
            assert!(published.contains("fill=\"#12ab34\""), "{published}");
        }
    }
}

/// The `<script>` elements of a page: each one's attributes and text.
fn scripts_of(page: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    let mut rest = page;
    while let Some(start) = rest.find("<script") {
        let after = &rest[start + "<script".len()..];
        let open_end = after.find('>').expect("a whole tag");
        let body = &after[open_end + 1..];
        let close = body.find("</script>").expect("a closed script");
        found.push((after[..open_end].to_string(), body[..close].to_string()));
        rest = &body[close..];
    }
    found
}

#[test]
fn every_page_carries_a_policy_that_lets_exactly_handouts_scripts_run() {
    let project = Project::default_content();
    let run = project.run(&["build", "--only", "site"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut pages = 0;
    let mut scripts_seen = std::collections::BTreeSet::new();
    for (name, bytes) in project.snapshot_files("output/site") {
        if !name.ends_with(".html") {
            continue;
        }
        pages += 1;
        let page = String::from_utf8(bytes).unwrap();
        let meta = "<meta http-equiv=\"Content-Security-Policy\" content=\"";
        assert_eq!(page.matches(meta).count(), 1, "{name}");
        let at = page.find(meta).unwrap();
        let head_end = page.find("</head>").unwrap();
        assert!(at < head_end, "{name}: the policy is in the head");
        let policy = &page[at + meta.len()..];
        let policy = &policy[..policy.find('"').unwrap()];
        for directive in [
            "default-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "frame-src 'none'",
        ] {
            assert!(policy.contains(directive), "{name}: {policy}");
        }
        let script_src = policy
            .split(';')
            .find_map(|d| d.trim().strip_prefix("script-src "))
            .unwrap_or_else(|| panic!("{name}: no script-src in {policy}"));
        assert!(!script_src.contains("unsafe"), "{name}: {script_src}");
        for (attributes, text) in scripts_of(&page) {
            assert!(page.find("<script").unwrap() > at, "{name}");
            // The my/ page's data: a block a browser never runs (its text
            // cannot end it: site/my.rs writes `<` as `\u003c`).
            if attributes == " type=\"application/json\" id=\"my-data\"" {
                assert!(!text.contains('<'), "{name}");
                continue;
            }
            assert_eq!(attributes, "", "{name}: inline scripts only");
            let hash = handout::templates::scripts::hash(&text);
            assert!(
                script_src.contains(&hash),
                "{name}: {hash} not in {script_src}"
            );
            scripts_seen.insert(hash);
        }
        // No attribute that runs script is written by any template.
        for handler in [
            " onclick=",
            " onload=",
            " onerror=",
            " onfocus=",
            "javascript:",
        ] {
            assert!(!page.contains(handler), "{name}: {handler}");
        }
    }
    assert!(pages > 10, "{pages} pages");
    // The search and the checklist scripts, each on its page, the one
    // that plays a drawn figure's movement, the 404 page's, the patient's own
    // page's, and every page's own (the menu, the print button).
    assert_eq!(scripts_seen.len(), 6, "{scripts_seen:?}");
}

#[test]
fn a_clinics_own_script_runs_through_script_and_a_base_without_the_policy_gets_it() {
    let project = Project::valid();
    project.write("templates/site/hello.js", "document.title += '!';\n");
    let base = crate::support::built_in_template("site/base.html");
    project.write(
        "templates/site/base.html",
        base.replace("{{ content_security_policy() }}\n", "")
            .replace("</body>", "{{ script(name=\"hello.js\") }}\n</body>"),
    );
    let run = project.run(&["build", "--only", "site"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
    let page = project.read("output/site/index.html");
    let hash = handout::templates::scripts::hash("document.title += '!';\n");
    assert!(page.starts_with("<!DOCTYPE html>"), "{page}");
    let head = &page[..page.find("</head>").unwrap()];
    assert!(
        head.contains("<head><meta http-equiv=\"Content-Security-Policy\""),
        "{head}"
    );
    assert!(head.contains(&hash), "{head}");
    assert!(page.contains("<script>document.title += '!';\n</script>"));
    // A script that names one that does not exist is a located error.
    project.write(
        "templates/site/base.html",
        base.replace("</body>", "{{ script(name=\"gone.js\") }}\n</body>"),
    );
    let run = project.run(&["build", "--only", "site"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("there is no script `site/gone.js`"),
        "{}",
        run.stderr
    );
}
