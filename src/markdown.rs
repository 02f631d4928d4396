//! The one Markdown parser of the project.
//!
//! The site, the PDF handout and the checklist all read Markdown through
//! [`parser`], so a feature works the same everywhere. Raw HTML is shown as
//! text; what links mean is [`crate::links`]' business. A heading's
//! attributes (`## Title {#id .class}`) may only be an id and classes of
//! plain characters ([`bad_attributes`]); anything else never reaches a page.

use pulldown_cmark::{CowStr, Event, LinkType, Options, Parser, Tag, TagEnd};

use crate::links::{LinkClass, LinkKind, classify};

/// The CommonMark extensions every output understands.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM
}

/// Parses Markdown into events with the project's options. Raw HTML comes
/// out as plain text, so nothing in the content can inject markup or script.
pub fn parser(text: &str) -> impl Iterator<Item = Event<'_>> {
    Parser::new_ext(text, options()).map(|event| match event {
        Event::Html(html) | Event::InlineHtml(html) => Event::Text(html),
        other => other,
    })
}

/// Parses Markdown and keeps each event's byte range in the source, for
/// error messages that point at the right place.
pub fn parser_with_offsets(
    text: &str,
) -> impl Iterator<Item = (Event<'_>, std::ops::Range<usize>)> {
    Parser::new_ext(text, options())
        .into_offset_iter()
        .map(|(event, range)| {
            let event = match event {
                Event::Html(html) | Event::InlineHtml(html) => Event::Text(html),
                other => other,
            };
            (event, range)
        })
}

/// How deeply quotes, lists and footnotes may nest inside each other.
///
/// Content never needs more than a handful of levels; a limit keeps every
/// stage that walks the nesting (the typesetter most of all) bounded in
/// time and stack, whatever a content file or a template holds.
pub const MAX_NESTING: usize = 32;

/// Where a Markdown text first nests quotes, lists or footnotes deeper than
/// [`MAX_NESTING`]: the byte range of the container that goes one level
/// too deep. Stops reading there, so a text nested thousands of levels
/// deep costs no more than one that is not.
pub fn too_deep(text: &str) -> Option<std::ops::Range<usize>> {
    // Each container opens with a marker character of its own: `>` for a
    // quote, `-`, `*` or `+` for a list, a number and `.` or `)` for a
    // numbered one, `^` for a footnote. A text with too few of them
    // cannot nest too deep, and most texts (a step, a summary) are not
    // parsed a second time for it.
    let markers = (text.bytes())
        .filter(|b| matches!(b, b'>' | b'-' | b'*' | b'+' | b'.' | b')' | b'^'))
        .count();
    if markers <= MAX_NESTING {
        return None;
    }
    let mut depth = 0usize;
    for (event, range) in Parser::new_ext(text, options()).into_offset_iter() {
        match event {
            Event::Start(Tag::BlockQuote(_) | Tag::List(_) | Tag::FootnoteDefinition(_)) => {
                depth += 1;
                if depth > MAX_NESTING {
                    return Some(range);
                }
            }
            Event::End(TagEnd::BlockQuote(_) | TagEnd::List(_) | TagEnd::FootnoteDefinition) => {
                depth = depth.saturating_sub(1);
            }
            _ => {}
        }
    }
    None
}

/// Renders Markdown to HTML, turning every content link into a URL with
/// `resolve` (given the link's kind and id). Unsafe links lose their target.
///
/// Headings move one level down (`#` becomes `<h2>`): the text always sits
/// under its page's own `<h1>`, and a page has one. Task-list boxes get an
/// accessible name.
pub fn to_html(text: &str, resolve: &dyn Fn(LinkKind, &str) -> Option<String>) -> String {
    let events = parser(text).map(|event| match rewrite_link(event, resolve) {
        // Only an id and classes of plain characters reach the page: any
        // other attribute (`onfocus=…`, `autofocus`) could run a script.
        // The content check reports them; a template's Markdown that
        // carries one loses it here.
        Event::Start(Tag::Heading {
            level, id, classes, ..
        }) => Event::Start(Tag::Heading {
            level: lower(level),
            id: id.filter(|id| plain_name(id)),
            classes: classes.into_iter().filter(|c| plain_name(c)).collect(),
            attrs: Vec::new(),
        }),
        Event::End(pulldown_cmark::TagEnd::Heading(level)) => {
            Event::End(pulldown_cmark::TagEnd::Heading(lower(level)))
        }
        Event::TaskListMarker(done) => Event::Html(CowStr::Borrowed(if done {
            r#"<input disabled="" type="checkbox" checked="" aria-label="Done"> "#
        } else {
            r#"<input disabled="" type="checkbox" aria-label="Not done yet"> "#
        })),
        other => other,
    });
    let mut html = String::with_capacity(text.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events);
    html
}

/// The words of Markdown without its markup (a page's description for
/// search engines and link previews): text and code as written, breaks as
/// spaces, whitespace collapsed.
pub fn to_plain_text(text: &str) -> String {
    let mut words = String::with_capacity(text.len());
    for event in parser(text) {
        match event {
            Event::Text(text) | Event::Code(text) => words.push_str(&text),
            Event::SoftBreak | Event::HardBreak | Event::End(TagEnd::Paragraph) => {
                words.push(' ');
            }
            _ => {}
        }
    }
    words.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Renders inline Markdown (a step, a caution) to HTML without the
/// surrounding paragraph.
pub fn inline_to_html(text: &str, resolve: &dyn Fn(LinkKind, &str) -> Option<String>) -> String {
    let html = to_html(text, resolve);
    let trimmed = html.trim_end();
    match trimmed
        .strip_prefix("<p>")
        .and_then(|s| s.strip_suffix("</p>"))
    {
        // Only strip when the whole text was one paragraph.
        Some(inner) if !inner.contains("<p>") => inner.to_string(),
        _ => trimmed.to_string(),
    }
}

fn lower(level: pulldown_cmark::HeadingLevel) -> pulldown_cmark::HeadingLevel {
    use pulldown_cmark::HeadingLevel::*;
    match level {
        H1 => H2,
        H2 => H3,
        H3 => H4,
        H4 => H5,
        _ => H6,
    }
}

fn rewrite_link<'a>(
    event: Event<'a>,
    resolve: &dyn Fn(LinkKind, &str) -> Option<String>,
) -> Event<'a> {
    let rewrite = |dest: CowStr<'a>| -> CowStr<'a> {
        match classify(&dest) {
            LinkClass::Content(kind, id) => resolve(kind, id).map(CowStr::from).unwrap_or(dest),
            LinkClass::Unsafe => CowStr::Borrowed("#"),
            LinkClass::External => dest,
        }
    };
    match event {
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Link {
            link_type,
            dest_url: rewrite(dest_url),
            title,
            id,
        }),
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Image {
            link_type,
            dest_url: if matches!(classify(&dest_url), LinkClass::Unsafe) {
                CowStr::Borrowed("")
            } else {
                dest_url
            },
            title,
            id,
        }),
        other => other,
    }
}

/// Whether an id or class name given in a heading's attributes is made of
/// letters, digits, `-` and `_` only: all an anchor or a style needs, and
/// nothing a browser could read as more than a name.
pub fn plain_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 100
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
}

/// A heading attribute the Markdown may not carry, with its byte range in
/// the source (the heading's `{…}`), what is wrong and what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadAttribute {
    /// Where the heading's attributes are, in bytes of the Markdown text.
    pub range: std::ops::Range<usize>,
    /// What is wrong, quoting the attribute.
    pub message: String,
    /// What to write instead.
    pub hint: String,
}

/// Every heading attribute in a Markdown text other than an id and
/// classes of plain characters ([`plain_name`]): `{onfocus=…}`,
/// `{tabindex=0 autofocus}`, `{#a"b}`. The site would otherwise write
/// them into the page, where some run a script.
pub fn bad_attributes(text: &str) -> Vec<BadAttribute> {
    // Attributes are written in braces: most texts have none and are not
    // parsed a second time for them.
    if !text.contains('{') {
        return Vec::new();
    }
    let hint = "a heading may carry an id and classes only, of letters, digits, `-` and `_`:                 `## Title {#my-id .my-class}`";
    let mut found = Vec::new();
    for (event, range) in Parser::new_ext(text, options()).into_offset_iter() {
        let Event::Start(Tag::Heading {
            id, classes, attrs, ..
        }) = event
        else {
            continue;
        };
        // The attributes are the heading's last `{…}`.
        let source = &text[range.clone()];
        let at = source
            .rfind('{')
            .map_or(range.clone(), |open| range.start + open..range.end);
        let mut bad = |message: String| {
            found.push(BadAttribute {
                range: at.clone(),
                message,
                hint: hint.to_string(),
            });
        };
        for (name, value) in &attrs {
            bad(match value {
                Some(value) => format!(
                    "the heading attribute `{name}={value}` is not allowed: it could run a script on the site"
                ),
                None => format!(
                    "the heading attribute `{name}` is not allowed: it could run a script on the site"
                ),
            });
        }
        if let Some(id) = id.filter(|id| !plain_name(id)) {
            bad(format!(
                "the heading id `#{id}` has characters an id may not have"
            ));
        }
        for class in classes.iter().filter(|c| !plain_name(c)) {
            bad(format!(
                "the heading class `.{class}` has characters a class may not have"
            ));
        }
    }
    found
}

/// A link found in Markdown, with its byte range in the source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundLink {
    /// The destination as written.
    pub dest: String,
    /// Where the link is, in bytes of the Markdown text.
    pub range: std::ops::Range<usize>,
    /// Whether the link was written as an autolink `<...>`.
    pub autolink: bool,
    /// Whether it is an image (`![alt](dest)`), not a link.
    pub image: bool,
}

/// Every link and image destination in a Markdown text, in order, for
/// validation.
pub fn links(text: &str) -> Vec<FoundLink> {
    parser_with_offsets(text)
        .filter_map(|(event, range)| match event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                ..
            }) => Some(FoundLink {
                dest: dest_url.to_string(),
                range,
                autolink: matches!(link_type, LinkType::Autolink | LinkType::Email),
                image: false,
            }),
            Event::Start(Tag::Image { dest_url, .. }) => Some(FoundLink {
                dest: dest_url.to_string(),
                range,
                autolink: false,
                image: true,
            }),
            _ => None,
        })
        .collect()
}

/// Where each link's (and with `images`, each image's) destination is
/// written in a Markdown text, as byte ranges: inside the link
/// (`[a](dest)`) or on its reference's line (`[a]: dest`). A destination
/// written with escapes, which is not the text it stands for, is left out.
pub fn destination_ranges(text: &str, images: bool) -> Vec<std::ops::Range<usize>> {
    // Where `dest` is written in `within`, after `after` (`](` or `]:`)
    // and any spaces or `<`.
    let place = |dest: &str, within: std::ops::Range<usize>, after: &str| {
        let source = &text[within.clone()];
        let opening = source.find(after)?;
        let rest = &source[opening + after.len()..];
        let skipped = rest.len() - rest.trim_start_matches([' ', '\t', '\n', '<']).len();
        let start = within.start + opening + after.len() + skipped;
        (!dest.is_empty() && text[start..].starts_with(dest)).then(|| start..start + dest.len())
    };
    let parser = Parser::new_ext(text, options());
    let definitions: Vec<(String, std::ops::Range<usize>)> =
        (parser.reference_definitions().iter())
            .map(|(_, definition)| (definition.dest.to_string(), definition.span.clone()))
            .collect();
    let mut found: Vec<std::ops::Range<usize>> = Vec::new();
    for (event, range) in parser.into_offset_iter() {
        let dest_url = match &event {
            Event::Start(Tag::Link { dest_url, .. }) => dest_url,
            Event::Start(Tag::Image { dest_url, .. }) if images => dest_url,
            _ => continue,
        };
        let places = match place(dest_url, range, "](") {
            Some(at) => vec![at],
            // Written by reference: its destination is on the
            // reference's own line.
            None => (definitions.iter())
                .filter(|(dest, _)| dest == dest_url.as_ref())
                .filter_map(|(dest, span)| place(dest, span.clone(), "]:"))
                .collect(),
        };
        for at in places {
            if !found.contains(&at) {
                found.push(at);
            }
        }
    }
    found.sort_by_key(|range| range.start);
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn destinations_are_found_where_they_are_written() {
        let text =
            "See [tips](safety-tips.md), [why][w] and ![a](<x y.png>).\n\n[w]: ../pages/why.md\n";
        let dests = |images| -> Vec<&str> {
            (destination_ranges(text, images).into_iter())
                .map(|range| &text[range])
                .collect()
        };
        assert_eq!(
            dests(true),
            ["safety-tips.md", "x y.png", "../pages/why.md"]
        );
        assert_eq!(dests(false), ["safety-tips.md", "../pages/why.md"]);
    }

    #[test]
    fn plain_text_keeps_the_words_and_drops_the_markup() {
        assert_eq!(
            to_plain_text("Stretches *the* [calf](exercise:calf)\nand `ankle` <b>."),
            "Stretches the calf and ankle <b>."
        );
    }

    fn no_links(_: LinkKind, _: &str) -> Option<String> {
        None
    }

    #[test]
    fn raw_html_is_shown_as_text() {
        let html = to_html("Hi <script>alert(1)</script>", &no_links);
        assert!(html.contains("&lt;script&gt;"), "{html}");
        assert!(!html.contains("<script>"), "{html}");
    }

    #[test]
    fn javascript_links_lose_their_target() {
        let html = to_html("[x](JavaScript:alert(1))", &no_links);
        assert!(html.contains("href=\"#\""), "{html}");
    }

    #[test]
    fn content_links_are_resolved() {
        let html = to_html("See [the stretch](exercise:calf-stretch).", &|k, id| {
            Some(format!("../{}/{id}/", k.scheme()))
        });
        assert!(
            html.contains("href=\"../exercise/calf-stretch/\""),
            "{html}"
        );
    }

    #[test]
    fn gfm_alerts_are_recognised() {
        let html = to_html("> [!WARNING]\n> Stop if it hurts.", &no_links);
        assert!(html.contains("markdown-alert-warning"), "{html}");
    }

    #[test]
    fn headings_move_below_the_pages_h1_and_task_boxes_have_names() {
        let html = to_html("# Title\n\n- [x] done\n- [ ] not yet", &no_links);
        assert!(html.contains("<h2>Title</h2>"), "{html}");
        assert!(html.contains(r#"aria-label="Done""#), "{html}");
        assert!(html.contains(r#"aria-label="Not done yet""#), "{html}");
    }

    #[test]
    fn nesting_deeper_than_the_limit_is_found_where_it_starts() {
        let ok = "> ".repeat(MAX_NESTING) + "text";
        assert_eq!(too_deep(&ok), None);
        // One level more, with no other marker to spare.
        let over = "> ".repeat(MAX_NESTING + 1) + "text";
        assert_eq!(too_deep(&over).map(|r| r.start), Some(2 * MAX_NESTING));
        let numbered = (0..=MAX_NESTING)
            .map(|level| format!("{}1) x\n", "   ".repeat(level)))
            .collect::<String>();
        assert!(too_deep(&numbered).is_some(), "{numbered}");
        let deep = "> ".repeat(20_000) + "text";
        let at = too_deep(&deep).expect("too deep");
        assert_eq!(at.start, 2 * MAX_NESTING);
        let lists = "- ".repeat(MAX_NESTING + 1) + "x";
        assert_eq!(too_deep(&lists).map(|r| r.start), Some(2 * MAX_NESTING));
    }

    #[test]
    fn html_of_any_depth_is_made_without_recursion() {
        for unit in ["> ", "- ", "> 1. ", "*a ", "[^a]: "] {
            let deep = unit.repeat(20_000) + "text";
            let started = std::time::Instant::now();
            let html = to_html(&deep, &no_links);
            assert!(html.contains("text"), "{unit:?}");
            let took = started.elapsed();
            // A hang guard (speed is measured by benchmarks).
            assert!(took.as_secs_f32() < 30.0, "{unit:?}: {took:?}");
        }
    }

    #[test]
    fn heading_attributes_are_an_id_and_classes_of_plain_characters() {
        let attack = "## Ask {tabindex=0 autofocus onfocus=alert(1)}\n\n# Hi {#top .note}\n";
        let html = to_html(attack, &no_links);
        assert!(html.contains("<h3>Ask</h3>"), "{html}");
        assert!(
            html.contains(r#"<h2 id="top" class="note">Hi</h2>"#),
            "{html}"
        );
        for word in ["onfocus", "autofocus", "tabindex"] {
            assert!(!html.contains(word), "{word}: {html}");
        }
        let found = bad_attributes(attack);
        let messages: Vec<&str> = found.iter().map(|b| b.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "the heading attribute `tabindex=0` is not allowed: it could run a script on the site",
                "the heading attribute `autofocus` is not allowed: it could run a script on the site",
                "the heading attribute `onfocus=alert(1)` is not allowed: it could run a script on the site",
            ]
        );
        assert!(
            found
                .iter()
                .all(|b| b.range.start == attack.find('{').unwrap())
        );
        // Odd characters in an id or a class are refused, and dropped.
        let odd = "## A {#a\"b .c'd}";
        assert_eq!(bad_attributes(odd).len(), 2, "{:?}", bad_attributes(odd));
        let html = to_html(odd, &no_links);
        assert!(!html.contains("id=") && !html.contains("class="), "{html}");
        assert_eq!(bad_attributes("## Plain {#fine-id .ok_class}"), Vec::new());
        assert_eq!(bad_attributes("no braces at all"), Vec::new());
    }

    #[test]
    fn inline_html_strips_the_paragraph() {
        assert_eq!(
            inline_to_html("Lie *down*.", &no_links),
            "Lie <em>down</em>."
        );
    }
}
