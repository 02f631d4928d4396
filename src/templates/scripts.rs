//! The site's scripts and the Content-Security-Policy that lets only them
//! run.
//!
//! Every script of the site is a file of the templates, `site/<name>.js`
//! (the built-in ones, or a clinic's own in its templates folder), and a
//! page runs one by writing `{{ script(name="<name>.js") }}` where it
//! belongs. The script goes into the page inline (so the site works from
//! file://, under any path, offline), and every page's policy lists the
//! SHA-256 hash of each script: a browser runs an inline script only when
//! its text hashes to one of them. Whatever else might ever reach a page
//! (an attribute, a `<script>` smuggled through content) does not run.
//! Adding a script is adding its file and the `script(...)` call: the hash
//! follows by itself.

use std::collections::BTreeMap;

use base64::Engine as _;

/// A script file's name is `site/<name>.js`.
const FOLDER: &str = "site/";
const EXTENSION: &str = ".js";

/// Whether a template name is one of the site's scripts.
pub fn is_script(name: &str) -> bool {
    name.strip_prefix(FOLDER)
        .and_then(|rest| rest.strip_suffix(EXTENSION))
        .is_some_and(|stem| !stem.is_empty() && !stem.contains('/'))
}

/// The policy's hash of an inline script's text: `'sha256-…'`.
pub fn hash(text: &str) -> String {
    let digest = hmac_sha256::Hash::hash(text.as_bytes());
    format!(
        "'sha256-{}'",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

/// The Content-Security-Policy of every page: its own files (the style
/// sheet, images, figures) from the site itself, images also inline or
/// from the web (a clinic's Markdown may show one), styles inline too
/// (a page sets a layout variable on an element), and as scripts only
/// those whose hashes are given. Nothing is framed, no plugin runs, and
/// no `<base>` can move the page's links.
pub fn policy<'a>(hashes: impl IntoIterator<Item = &'a str>) -> String {
    let mut scripts = String::new();
    for hash in hashes {
        scripts.push(' ');
        scripts.push_str(hash);
    }
    if scripts.is_empty() {
        scripts.push_str(" 'none'");
    }
    format!(
        "default-src 'self'; script-src{scripts}; style-src 'self' 'unsafe-inline'; \
         img-src 'self' data: https:; object-src 'none'; frame-src 'none'; base-uri 'none'; \
         form-action 'self'"
    )
}

/// The `<meta>` element that carries a policy, for a page's `<head>`.
pub fn meta(policy: &str) -> String {
    format!("<meta http-equiv=\"Content-Security-Policy\" content=\"{policy}\">")
}

/// The site's scripts, by file name (`search.js`), and the policy that
/// lets exactly them run.
#[derive(Debug, Clone, Default)]
pub struct Scripts {
    by_name: BTreeMap<String, String>,
    policy: String,
}

impl Scripts {
    /// The scripts among the templates (`(name, text)`), or the ones that
    /// cannot be put inline in a page: a text holding `</script` would end
    /// its element early.
    pub fn new<'a>(
        templates: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Scripts, Vec<String>> {
        let mut by_name = BTreeMap::new();
        let mut refused = Vec::new();
        for (name, text) in templates.into_iter().filter(|(name, _)| is_script(name)) {
            if text.to_ascii_lowercase().contains("</script") {
                refused.push(name.to_string());
                continue;
            }
            by_name.insert(name[FOLDER.len()..].to_string(), text.to_string());
        }
        if !refused.is_empty() {
            return Err(refused);
        }
        let hashes: Vec<String> = by_name.values().map(|text| hash(text)).collect();
        let policy = policy(hashes.iter().map(String::as_str));
        Ok(Scripts { by_name, policy })
    }

    /// The policy every page carries.
    pub fn policy(&self) -> &str {
        &self.policy
    }

    /// A script as a page's `<script>` element, or `None` when there is
    /// no `site/<name>` script.
    pub fn element(&self, name: &str) -> Option<String> {
        let text = self.by_name.get(name)?;
        Some(format!("<script>{text}</script>"))
    }

    /// The names of the scripts, sorted.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.by_name.keys().map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_the_sha256_a_browser_computes() {
        // The empty script and "abc" (FIPS 180-2's example), in base64.
        assert_eq!(
            hash(""),
            "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"
        );
        assert_eq!(
            hash("abc"),
            "'sha256-ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0='"
        );
    }

    #[test]
    fn the_policy_lets_exactly_the_sites_scripts_run() {
        let scripts = Scripts::new([
            ("site/search.js", "go();"),
            ("site/base.html", "<html>"),
            ("site/checklist.js", "tick();"),
        ])
        .unwrap();
        assert_eq!(
            scripts.names().collect::<Vec<_>>(),
            ["checklist.js", "search.js"]
        );
        let policy = scripts.policy();
        assert!(
            policy.contains(&format!(
                "script-src {} {};",
                hash("tick();"),
                hash("go();")
            )),
            "{policy}"
        );
        let script_src = policy
            .split(';')
            .find(|d| d.contains("script-src"))
            .unwrap();
        assert!(!script_src.contains("unsafe"), "{policy}");
        assert_eq!(
            scripts.element("search.js").as_deref(),
            Some("<script>go();</script>")
        );
        assert_eq!(scripts.element("base.html"), None);
        assert!(
            Scripts::new([])
                .unwrap()
                .policy()
                .contains("script-src 'none';")
        );
    }

    #[test]
    fn a_script_that_would_end_its_element_is_refused() {
        let refused = Scripts::new([("site/a.js", "x = '</SCRIPT>';")]).unwrap_err();
        assert_eq!(refused, ["site/a.js"]);
        assert!(!is_script("site/sub/a.js") && !is_script("pdf/a.js") && !is_script("site/.js"));
    }
}
