//! Walking a folder of the user's (content, templates) the same way
//! everywhere: in a fixed order, so output and messages never vary, and
//! without hidden files and folders (`.DS_Store`, `.git/`), which are no
//! one's content.

use std::path::Path;

/// Every entry under `root`, sorted by name, hidden ones left out (the
/// root itself is always walked); `follow_links` says whether links are
/// followed into what they point to.
pub fn visible(
    root: &Path,
    follow_links: bool,
) -> impl Iterator<Item = walkdir::Result<walkdir::DirEntry>> {
    walkdir::WalkDir::new(root)
        .follow_links(follow_links)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'))
}
