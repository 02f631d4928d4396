//! A long document's sheets: the pieces of its Markdown that each `---`
//! starts (a thematic break starts a new page, see templates/README.md).
//! A sheet shares nothing with the others but the page numbers, so a
//! year of checklist sheets (tens of thousands of pages) is typeset and
//! written a sheet at a time instead of held whole.
//!
//! The Markdown is cut at a line that is `---` alone after a blank line
//! (not a heading's underline), outside a fenced code block and an HTML
//! comment. Where a piece could depend on another it is not cut at all:
//! a link reference or footnote definition can be used from any sheet,
//! and a table of contents (`{.toc}`) lists them all.

/// The sheets of `markdown`, in order, each from the `---` that starts it
/// (the first from the start); together they are the whole text. One
/// piece when there is nothing to cut, or when a piece could depend on
/// another.
pub fn sheets(markdown: &str) -> Vec<&str> {
    let mut cuts = vec![0];
    let mut blank_before = true;
    // The open fence (its character and length), or an open comment.
    let mut fence: Option<(char, usize)> = None;
    let mut comment = false;
    // Whether the piece so far has anything but breaks and blank lines.
    let mut content = false;
    let mut at = 0;
    for line in markdown.split_inclusive('\n') {
        let start = at;
        at += line.len();
        let text = line.trim_end_matches(['\n', '\r']);
        let indent = text.len() - text.trim_start_matches(' ').len();
        let body = text.trim_start_matches(' ');
        if comment {
            comment = !text.contains("-->");
            content = true;
            continue;
        }
        if let Some((ch, n)) = fence {
            let run = body.chars().take_while(|c| *c == ch).count();
            if indent <= 3 && run >= n && body[run * ch.len_utf8()..].trim().is_empty() {
                fence = None;
            }
            content = true;
            continue;
        }
        if indent <= 3 && (body.starts_with(['[']) && is_definition(body) || has_toc(body)) {
            return vec![markdown];
        }
        if indent <= 3 {
            for ch in ['`', '~'] {
                let run = body.chars().take_while(|c| *c == ch).count();
                if run >= 3 {
                    fence = Some((ch, run));
                }
            }
            if body.starts_with("<!--") && !body.contains("-->") {
                comment = true;
            }
        }
        let is_break = text.trim_end() == "---";
        if is_break && blank_before && content {
            cuts.push(start);
            content = false;
        } else if !text.trim().is_empty() && !is_break {
            content = true;
        }
        blank_before = text.trim().is_empty();
    }
    let ends = cuts.iter().skip(1).copied().chain([markdown.len()]);
    cuts.iter()
        .zip(ends)
        .map(|(a, b)| &markdown[*a..b])
        .collect()
}

/// Whether a line defines a link reference or a footnote: `[id]: …`.
fn is_definition(line: &str) -> bool {
    line.find("]:").is_some_and(|end| {
        let label = &line[1..end];
        !label.is_empty() && !label.contains(['[', ']'])
    })
}

/// Whether a line is a heading of the table of contents (`{.toc}`).
fn has_toc(line: &str) -> bool {
    line.starts_with('#') && line.contains(".toc")
}

#[cfg(test)]
mod tests {
    use super::sheets;

    #[test]
    fn each_break_after_a_blank_line_starts_a_sheet() {
        let text =
            "\n---\n\n# One\n\nText.\n\n---\n\n# Two\n---\n\n```\n\n---\n```\n\n---\n\n# Three\n";
        let pieces = sheets(text);
        assert_eq!(pieces.concat(), text);
        assert_eq!(
            pieces,
            [
                "\n---\n\n# One\n\nText.\n\n",
                // A heading's underline and a fenced block's line stay.
                "---\n\n# Two\n---\n\n```\n\n---\n```\n\n",
                "---\n\n# Three\n",
            ]
        );
    }

    #[test]
    fn a_definition_or_a_table_of_contents_keeps_the_text_whole() {
        let linked = "# One\n\n[a link][x]\n\n---\n\n# Two\n\n[x]: https://example.org\n";
        assert_eq!(sheets(linked), [linked]);
        let noted = "# One\n\nText[^1].\n\n---\n\n[^1]: A note.\n";
        assert_eq!(sheets(noted), [noted]);
        let contents = "## Contents {.toc}\n\n---\n\n# One\n";
        assert_eq!(sheets(contents), [contents]);
        assert_eq!(sheets(""), [""]);
    }
}
