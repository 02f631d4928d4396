//! The report as a person reads it: a plain-text table for a terminal or
//! a CI log, and a standalone HTML page (no script, no outside file).

use std::fmt::Write;

use super::table::{GRADED_WORDS, Item, LanguageReport, Report, SENTENCE_WORDS, STEP_WORDS};

/// A row's name: `exercise calf-stretch`, `handout.yaml`.
fn name(item: &Item) -> String {
    match item.kind {
        "settings" => "handout.yaml".to_string(),
        kind => format!("{kind} {}", item.id),
    }
}

/// The score cell: `4.2 (grade 5)`, `-` for a text without words.
fn score(table: &LanguageReport, item: &Item) -> String {
    match (&table.formula, &item.score) {
        (Some(formula), Some(score)) if formula.ease => {
            format!("{} (grade {})", formula.show(score), score.grade)
        }
        (Some(formula), Some(score)) => formula.show(score),
        _ => "-".to_string(),
    }
}

/// What a row's verdict says.
fn verdict(item: &Item, target: u32) -> &'static str {
    if item.counts.words < GRADED_WORDS {
        "too short to grade"
    } else if item.at_target {
        "ok"
    } else if target > 0 {
        "above target"
    } else {
        "-"
    }
}

fn heading(table: &LanguageReport, target: u32) -> String {
    match &table.formula {
        Some(formula) if formula.ease => format!(
            "{}: {}, higher is easier; the target, grade {target}, is {}",
            table.language,
            formula.name,
            formula.threshold(target)
        ),
        Some(formula) => format!(
            "{}: {}; the target is {}",
            table.language,
            formula.name,
            formula.threshold(target)
        ),
        None => format!(
            "{}: no reading formula for this language; its sentences are not measured",
            table.language
        ),
    }
}

fn plain_words_source(table: &LanguageReport) -> String {
    match &table.plain_words {
        Some(path) => format!("medical words from {}", path.display()),
        None => "medical words from handout's own list".to_string(),
    }
}

/// The report as plain text.
pub fn text(report: &Report) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Plain language: every text should read at grade {} or below (`readability:` in handout.yaml).\n\
         Sentences over {} words, steps over {} words and medical words are listed as warnings by `handout check`.",
        report.target, SENTENCE_WORDS, STEP_WORDS
    );
    for table in &report.languages {
        let _ = writeln!(out, "\n{}", heading(table, report.target));
        if table.formula.is_none() {
            continue;
        }
        let _ = writeln!(out, "({})", plain_words_source(table));
        let _ = writeln!(
            out,
            "{:<36} {:>6} {:>9} {:>14} {:>14} {:>10} {:>13}  verdict",
            "", "words", "sentences", "score", "long sentences", "long steps", "medical words",
        );
        for item in &table.items {
            let _ = writeln!(
                out,
                "{:<36} {:>6} {:>9} {:>14} {:>14} {:>10} {:>13}  {}",
                name(item),
                item.counts.words,
                item.counts.sentences,
                score(table, item),
                item.long_sentences,
                item.long_steps,
                item.medical_words,
                verdict(item, report.target)
            );
        }
    }
    let _ = writeln!(
        out,
        "\nExternal links (listed, not fetched): {}",
        report.external_links.len()
    );
    for link in &report.external_links {
        let _ = writeln!(
            out,
            "  {}  {}:{}:{}",
            link.url,
            link.path.display(),
            link.line,
            link.column
        );
    }
    let warnings = report.findings.warnings().count();
    let _ = writeln!(out, "\nFindings: {warnings}");
    for finding in &report.findings.0 {
        let place = if finding.line == 0 {
            finding.path.display().to_string()
        } else {
            format!(
                "{}:{}:{}",
                finding.path.display(),
                finding.line,
                finding.column
            )
        };
        let _ = writeln!(
            out,
            "  {place}: {}{}",
            finding.message,
            finding
                .hint
                .as_ref()
                .map_or(String::new(), |h| format!(" ({h})"))
        );
    }
    out
}

/// Escapes text for HTML.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The report as a standalone HTML page.
pub fn html(report: &Report) -> String {
    let mut out = String::new();
    out.push_str(concat!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n",
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n",
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n",
        "<title>Plain-language report</title>\n<style>\n",
        "body{font:16px/1.5 system-ui,sans-serif;margin:1.5rem auto;max-width:72rem;padding:0 1rem;color:#1b1b1b}\n",
        "table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem}\n",
        "th,td{border-bottom:1px solid #ccc;padding:.3rem .5rem;text-align:right;vertical-align:top}\n",
        "th:first-child,td:first-child{text-align:left}\nthead th{background:#eef3f4}\ntd{white-space:nowrap}\nth small{font-weight:normal}\n",
        ".over{color:#8a1c1c;font-weight:bold}\n.ok{color:#1d5c2e}\n.short{color:#555}\n",
        "code{font-size:.95em}\nli{margin:.2rem 0}\n.hint{color:#444}\n",
        "</style>\n</head>\n<body>\n<main>\n<h1>Plain-language report</h1>\n"
    ));
    let _ = writeln!(
        out,
        "<p>Every text should read at <strong>grade {} or below</strong> (<code>readability:</code> in handout.yaml). \
         Sentences over {} words, steps over {} words and medical words are warnings of <code>handout check</code>, listed below.</p>",
        report.target, SENTENCE_WORDS, STEP_WORDS
    );
    for table in &report.languages {
        html_table(&mut out, table, report.target);
    }
    let _ = writeln!(
        out,
        "<h2>External links</h2>\n<p>{} links to other sites, mail or phones (listed, not fetched).</p>",
        report.external_links.len()
    );
    if !report.external_links.is_empty() {
        out.push_str("<ul>\n");
        for link in &report.external_links {
            let _ = writeln!(
                out,
                "<li><code>{}</code> at {}:{}:{}</li>",
                escape(&link.url),
                escape(&link.path.display().to_string()),
                link.line,
                link.column
            );
        }
        out.push_str("</ul>\n");
    }
    let _ = writeln!(
        out,
        "<h2>Findings</h2>\n<p>{} warnings.</p>",
        report.findings.warnings().count()
    );
    if !report.findings.is_empty() {
        out.push_str("<ul>\n");
        for finding in &report.findings.0 {
            let _ = writeln!(
                out,
                "<li><code>{}:{}:{}</code> {}{}</li>",
                escape(&finding.path.display().to_string()),
                finding.line,
                finding.column,
                escape(&finding.message),
                finding.hint.as_ref().map_or(String::new(), |h| format!(
                    " <span class=\"hint\">({})</span>",
                    escape(h)
                ))
            );
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

/// One language's table, under its heading.
fn html_table(out: &mut String, table: &LanguageReport, target: u32) {
    let _ = writeln!(
        out,
        "<h2 lang=\"{}\">{}</h2>",
        escape(&table.language),
        escape(&heading(table, target))
    );
    if table.formula.is_none() {
        return;
    }
    let _ = writeln!(out, "<p>{}</p>", escape(&plain_words_source(table)));
    out.push_str(
        "<table>\n<thead><tr><th scope=\"col\">Text</th><th scope=\"col\">Words</th><th scope=\"col\">Sentences</th>\
         <th scope=\"col\">Score</th><th scope=\"col\">Long sentences</th><th scope=\"col\">Long steps</th>\
         <th scope=\"col\">Medical words</th><th scope=\"col\">Verdict</th></tr></thead>\n<tbody>\n",
    );
    for item in &table.items {
        let verdict = verdict(item, target);
        let class = match verdict {
            "ok" => "ok",
            "too short to grade" => "short",
            _ => "over",
        };
        let _ = writeln!(
            out,
            "<tr><th scope=\"row\">{}<br><small>{}</small></th><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"{class}\">{}</td></tr>",
            escape(&name(item)),
            escape(&item.path.display().to_string()),
            item.counts.words,
            item.counts.sentences,
            escape(&score(table, item)),
            item.long_sentences,
            item.long_steps,
            item.medical_words,
            verdict
        );
    }
    out.push_str("</tbody>\n</table>\n");
}
