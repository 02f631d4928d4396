//! Every rule about links, in one place: what a link written in the
//! content means (`exercise:calf-stretch`, a web address, or a `javascript:`
//! link that must never work), and where each kind leads on the site and
//! inside a PDF.

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
    /// Every kind.
    pub const ALL: [LinkKind; 3] = [LinkKind::Exercise, LinkKind::Phase, LinkKind::Page];

    /// The scheme as written in Markdown, without the colon.
    pub fn scheme(self) -> &'static str {
        match self {
            LinkKind::Exercise => "exercise",
            LinkKind::Phase => "phase",
            LinkKind::Page => "page",
        }
    }
}

/// A link destination as written in the content, sorted into what it
/// means.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkClass<'a> {
    /// A link to another piece of content, by kind and id.
    Content(LinkKind, &'a str),
    /// A link that could run script (`javascript:`, `vbscript:`, `data:`).
    Unsafe,
    /// Anything else: a web address, `mailto:`, `tel:`, a fragment, a
    /// relative path.
    External,
}

/// Sorts a link destination into content, unsafe or external.
pub fn classify(dest: &str) -> LinkClass<'_> {
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
        return LinkClass::Unsafe;
    }
    for kind in LinkKind::ALL {
        if let Some(id) = trimmed
            .strip_prefix(kind.scheme())
            .and_then(|rest| rest.strip_prefix(':'))
        {
            return LinkClass::Content(kind, id);
        }
    }
    LinkClass::External
}

/// Where a piece of content is published on the site, from the site's
/// root: `exercises/calf-stretch/index.html`.
pub fn site_path(kind: LinkKind, id: &str) -> String {
    match kind {
        LinkKind::Exercise => format!("exercises/{id}/index.html"),
        LinkKind::Phase => format!("phases/{id}/index.html"),
        LinkKind::Page => format!("pages/{id}/index.html"),
    }
}

/// The full web address of a page of the site, as printed and put in a QR
/// code: `base_url` (ending in `/`) and the page's path without its
/// `index.html`, the way a web server serves a folder:
/// `https://example.org/exercises/calf-stretch/`.
pub fn web_address(base_url: &str, site_path: &str) -> String {
    let pretty = site_path.strip_suffix("index.html").unwrap_or(site_path);
    format!("{base_url}{pretty}")
}

/// The anchor of a piece of content inside a PDF: `exercise-calf-stretch`.
/// The PDF templates set it on the heading (`{ #exercise-calf-stretch }`).
pub fn pdf_anchor(kind: LinkKind, id: &str) -> String {
    format!("{}-{id}", kind.scheme())
}

/// Where a link leads inside a PDF: content links become internal anchors,
/// web, mail and phone links stay as they are, and anything else (an unsafe
/// link, a path on the website) prints as text without a link.
pub fn for_pdf(dest: &str) -> Option<String> {
    match classify(dest) {
        LinkClass::Content(kind, id) => Some(format!("#{}", pdf_anchor(kind, id))),
        LinkClass::Unsafe => None,
        LinkClass::External => {
            let lower = dest.trim().to_ascii_lowercase();
            (dest.starts_with('#')
                || ["http://", "https://", "mailto:", "tel:"]
                    .iter()
                    .any(|p| lower.starts_with(p)))
            .then(|| dest.trim().to_string())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_links() {
        assert_eq!(
            classify("phase:strengthening"),
            LinkClass::Content(LinkKind::Phase, "strengthening")
        );
        assert_eq!(classify(" data:text/html,x"), LinkClass::Unsafe);
        assert_eq!(classify("JavaScript:alert(1)"), LinkClass::Unsafe);
        assert_eq!(classify("https://example.org"), LinkClass::External);
    }

    #[test]
    fn pdf_links_lead_to_anchors_or_stay_external() {
        assert_eq!(for_pdf("exercise:calf").as_deref(), Some("#exercise-calf"));
        assert_eq!(
            for_pdf("https://example.org").as_deref(),
            Some("https://example.org")
        );
        assert_eq!(for_pdf("tel:+15550100").as_deref(), Some("tel:+15550100"));
        assert_eq!(for_pdf("#page-why").as_deref(), Some("#page-why"));
        assert_eq!(for_pdf("javascript:alert(1)"), None);
        assert_eq!(for_pdf("pages/why/index.html"), None);
    }

    #[test]
    fn site_paths_and_anchors() {
        assert_eq!(
            site_path(LinkKind::Exercise, "calf"),
            "exercises/calf/index.html"
        );
        assert_eq!(pdf_anchor(LinkKind::Page, "why"), "page-why");
        assert_eq!(
            web_address(
                "https://example.org/",
                &site_path(LinkKind::Exercise, "calf")
            ),
            "https://example.org/exercises/calf/"
        );
        assert_eq!(
            web_address("https://example.org/", "index.html"),
            "https://example.org/"
        );
    }
}
