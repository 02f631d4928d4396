//! The one Markdown parser of the project.
//!
//! The site, the PDF handout and the checklist all read Markdown through
//! [`parser`], so a feature works the same everywhere. This module also knows
//! the content links (`exercise:calf-stretch`, `phase:strengthening`,
//! `page:why-movement-matters`) and the safety rules: raw HTML is shown as
//! text, and `javascript:` links are refused.

use pulldown_cmark::{CowStr, Event, LinkType, Options, Parser, Tag};

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
    Parser::new_ext(text, options()).into_offset_iter().map(|(event, range)| {
        let event = match event {
            Event::Html(html) | Event::InlineHtml(html) => Event::Text(html),
            other => other,
        };
        (event, range)
    })
}

/// What kind of content a content link points to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum LinkKind {
    /// `exercise:<id>`
    Exercise,
    /// `phase:<id>`
    Phase,
    /// `page:<id>`
    Page,
}

impl LinkKind {
    /// The scheme as written in Markdown, without the colon.
    pub fn scheme(self) -> &'static str {
        match self {
            LinkKind::Exercise => "exercise",
            LinkKind::Phase => "phase",
            LinkKind::Page => "page",
        }
    }
}

/// A link target as written in the content, sorted into what it means.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkTarget<'a> {
    /// A link to another piece of content, by kind and id.
    Content(LinkKind, &'a str),
    /// A link that could run script (`javascript:`, `vbscript:`, `data:`).
    Unsafe,
    /// Anything else: a web address, `mailto:`, `tel:`, a fragment, a
    /// relative path.
    External,
}

/// Sorts a link destination into content, unsafe or external.
pub fn classify_link(dest: &str) -> LinkTarget<'_> {
    let trimmed = dest.trim();
    // Browsers ignore case and leading control characters in schemes, so the
    // check must too.
    let lowered: String = trimmed
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .take(12)
        .collect::<String>()
        .to_ascii_lowercase();
    if ["javascript:", "vbscript:", "data:"]
        .iter()
        .any(|s| lowered.starts_with(s))
    {
        return LinkTarget::Unsafe;
    }
    for kind in [LinkKind::Exercise, LinkKind::Phase, LinkKind::Page] {
        if let Some(id) = trimmed
            .strip_prefix(kind.scheme())
            .and_then(|rest| rest.strip_prefix(':'))
        {
            return LinkTarget::Content(kind, id);
        }
    }
    LinkTarget::External
}

/// Renders Markdown to HTML, turning every content link into a URL with
/// `resolve` (given the link's kind and id). Unsafe links lose their target.
pub fn to_html(text: &str, resolve: &dyn Fn(LinkKind, &str) -> Option<String>) -> String {
    let events = parser(text).map(|event| rewrite_link(event, resolve));
    let mut html = String::with_capacity(text.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events);
    html
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

fn rewrite_link<'a>(
    event: Event<'a>,
    resolve: &dyn Fn(LinkKind, &str) -> Option<String>,
) -> Event<'a> {
    let rewrite = |dest: CowStr<'a>| -> CowStr<'a> {
        match classify_link(&dest) {
            LinkTarget::Content(kind, id) => resolve(kind, id).map(CowStr::from).unwrap_or(dest),
            LinkTarget::Unsafe => CowStr::Borrowed("#"),
            LinkTarget::External => dest,
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
            dest_url: if matches!(classify_link(&dest_url), LinkTarget::Unsafe) {
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

/// A link found in Markdown, with its byte range in the source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundLink {
    /// The destination as written.
    pub dest: String,
    /// Where the link is, in bytes of the Markdown text.
    pub range: std::ops::Range<usize>,
    /// Whether the link was written as an autolink `<...>`.
    pub autolink: bool,
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
            }),
            Event::Start(Tag::Image { dest_url, .. }) => Some(FoundLink {
                dest: dest_url.to_string(),
                range,
                autolink: false,
            }),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert!(html.contains("href=\"../exercise/calf-stretch/\""), "{html}");
    }

    #[test]
    fn classifies_links() {
        assert_eq!(
            classify_link("phase:strengthening"),
            LinkTarget::Content(LinkKind::Phase, "strengthening")
        );
        assert_eq!(classify_link(" data:text/html,x"), LinkTarget::Unsafe);
        assert_eq!(classify_link("https://example.org"), LinkTarget::External);
    }

    #[test]
    fn gfm_alerts_are_recognised() {
        let html = to_html("> [!WARNING]\n> Stop if it hurts.", &no_links);
        assert!(html.contains("markdown-alert-warning"), "{html}");
    }

    #[test]
    fn inline_html_strips_the_paragraph() {
        assert_eq!(inline_to_html("Lie *down*.", &no_links), "Lie <em>down</em>.");
    }
}
