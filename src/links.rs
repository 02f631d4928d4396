//! Every rule about links, in one place: what a link written in the
//! content means (`exercise:calf-stretch`, a path to a content file like
//! `safety-tips.md`, a web address, or a `javascript:` link that must never
//! work), and where each kind leads on the site and inside a PDF.

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

/// What a link written as a path (`safety-tips.md`,
/// `../exercises/calf-stretch.yaml#steps`) leads to: a content file,
/// published as its page like a `page:` link, or no content at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileLink {
    /// A phase, page or exercise, by kind and id; a `#part` after the
    /// path, which the link cannot keep, comes with it.
    Content {
        /// What it is.
        kind: LinkKind,
        /// Its id.
        id: String,
        /// The `#part` written after the path, if any.
        fragment: Option<String>,
    },
    /// A path that names no content file (a figure, a folder, a web
    /// address without its `https://`), from the content folder.
    Other(String),
}

/// The folder of a content file that holds Markdown: `pages`, `phases`,
/// `exercises`, or the empty string for handout.yaml at the top.
pub fn folder_of(path: &std::path::Path) -> &'static str {
    let parent = path.parent().and_then(|p| p.file_name());
    match parent.and_then(|name| name.to_str()) {
        Some("pages") => "pages",
        Some("phases") => "phases",
        Some("exercises") => "exercises",
        _ => "",
    }
}

/// Reads a link written as a relative path, from a file in `folder` (as
/// [`folder_of`] names it): `None` for anything else (a web address,
/// `mailto:`, a `#part` of the same page, a path from the site's root,
/// a content link like `page:x`).
pub fn file_link(folder: &str, dest: &str) -> Option<FileLink> {
    let dest = dest.trim();
    if dest.is_empty() || dest.starts_with(['#', '/', '\\']) || has_scheme(dest) {
        return None;
    }
    let (path, fragment) = match dest.split_once('#') {
        Some((path, fragment)) => (path, Some(fragment.to_string()).filter(|f| !f.is_empty())),
        None => (dest, None),
    };
    let path = path.split('?').next().unwrap_or(path);
    // The path from the content folder: `..` climbs out of `folder`.
    let mut parts: Vec<&str> = folder.split('/').filter(|p| !p.is_empty()).collect();
    for part in path.split(['/', '\\']) {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            part => parts.push(part),
        }
    }
    let joined = parts.join("/");
    let content = |kind: LinkKind, name: &str, extensions: &[&str]| {
        let (stem, ext) = name.rsplit_once('.')?;
        if !extensions.contains(&ext) {
            return None;
        }
        // A translation's file (`why.es.md`) is the same page.
        let id = stem.split('.').next().unwrap_or(stem);
        Some(FileLink::Content {
            kind,
            id: id.to_string(),
            fragment: fragment.clone(),
        })
    };
    let found = match parts.as_slice() {
        ["pages", name] => content(LinkKind::Page, name, &["md"]),
        ["phases", name] => content(LinkKind::Phase, name, &["md"]),
        ["exercises", name] => content(LinkKind::Exercise, name, &["yaml", "yml"]),
        _ => None,
    };
    Some(found.unwrap_or(FileLink::Other(joined)))
}

/// Whether a link starts with a scheme, like `https:` or `tel:`.
fn has_scheme(dest: &str) -> bool {
    match dest.split_once(':') {
        Some((scheme, _)) => {
            !scheme.is_empty()
                && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        }
        None => false,
    }
}

/// How a file in `folder` writes a path to a piece of content, for a
/// hint: `why-movement-matters.md` beside it, `../pages/why.md` from
/// another folder, `pages/why.md` from the top.
pub fn file_path_from(folder: &str, kind: LinkKind, id: &str) -> String {
    let (target, ext) = match kind {
        LinkKind::Page => ("pages", "md"),
        LinkKind::Phase => ("phases", "md"),
        LinkKind::Exercise => ("exercises", "yaml"),
    };
    match folder {
        "" => format!("{target}/{id}.{ext}"),
        same if same == target => format!("{id}.{ext}"),
        _ => format!("../{target}/{id}.{ext}"),
    }
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
    format!("{base_url}{}", pretty_path(site_path))
}

/// A page's path as links write it: a folder's `index.html` is the folder
/// (`exercises/calf-stretch/`), the way a web server serves it.
pub fn pretty_path(site_path: &str) -> &str {
    site_path.strip_suffix("index.html").unwrap_or(site_path)
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
    fn paths_to_content_files_lead_to_their_content() {
        let page = |id: &str| FileLink::Content {
            kind: LinkKind::Page,
            id: id.into(),
            fragment: None,
        };
        assert_eq!(
            file_link("pages", "safety-tips.md"),
            Some(page("safety-tips"))
        );
        assert_eq!(
            file_link("pages", "./safety-tips.es.md"),
            Some(page("safety-tips"))
        );
        assert_eq!(
            file_link("phases", "../pages/why-movement-matters.md"),
            Some(page("why-movement-matters"))
        );
        assert_eq!(file_link("", "pages/why.md"), Some(page("why")));
        assert_eq!(
            file_link("pages", "../exercises/calf-stretch.yaml#steps"),
            Some(FileLink::Content {
                kind: LinkKind::Exercise,
                id: "calf-stretch".into(),
                fragment: Some("steps".into()),
            })
        );
        // From a phase, a bare name is another phase.
        assert_eq!(
            file_link("phases", "strengthening.md"),
            Some(FileLink::Content {
                kind: LinkKind::Phase,
                id: "strengthening".into(),
                fragment: None,
            })
        );
        assert_eq!(
            file_link("pages", "../figures/calf.png"),
            Some(FileLink::Other("figures/calf.png".into()))
        );
        assert_eq!(
            file_link("pages", "www.example.org"),
            Some(FileLink::Other("pages/www.example.org".into()))
        );
        for not_a_path in [
            "https://example.org/a.md",
            "mailto:a@b.org",
            "tel:+15550100",
            "#top",
            "/contact/",
            "page:why",
            "exercise:calf",
        ] {
            assert_eq!(file_link("pages", not_a_path), None, "{not_a_path}");
        }
        assert_eq!(
            file_path_from("phases", LinkKind::Page, "why"),
            "../pages/why.md"
        );
        assert_eq!(file_path_from("pages", LinkKind::Page, "why"), "why.md");
        assert_eq!(
            file_path_from("", LinkKind::Exercise, "calf"),
            "exercises/calf.yaml"
        );
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
