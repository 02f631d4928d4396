//! The HTML the `markdown` filter made, remembered from one build to the
//! next in serve's build process: each save renders the pages that list
//! the whole library again, and with them the same thousands of
//! summaries, of which one changed.
//!
//! What the filter makes depends only on the text, whether it is inline,
//! and the page's way back to the site's root (its links start with it),
//! so a text found under the same three is the HTML made before. What a
//! build did not ask for is let go at the next one: the memo holds at most
//! two builds' texts.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// Texts by whether inline and the root, then the text: looked up without
/// copying the text into a key.
type Made = HashMap<(bool, String), HashMap<String, Arc<str>>>;

#[derive(Default)]
struct Generations {
    /// Asked for since the build started.
    current: Made,
    /// Made for the build before, not asked for yet.
    previous: Made,
}

/// The process's memo, which the filter asks.
static MEMO: Memo = Memo(Mutex::new(None));

/// From now on, this process remembers the filter's HTML across builds.
pub fn remember() {
    MEMO.remember();
}

/// A build starts: what the last build did not ask for is let go.
pub fn start_build() {
    MEMO.start_build();
}

/// The HTML of `text`, made by `make` unless remembered.
pub fn html(text: &str, inline: bool, root: &str, make: impl FnOnce() -> String) -> Arc<str> {
    MEMO.html(text, inline, root, make)
}

/// `None` until told to remember: a single build does not pay for it.
struct Memo(Mutex<Option<Generations>>);

impl Memo {
    fn lock(&self) -> std::sync::MutexGuard<'_, Option<Generations>> {
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn remember(&self) {
        self.lock().get_or_insert_with(Generations::default);
    }

    fn start_build(&self) {
        if let Some(memo) = self.lock().as_mut() {
            memo.previous = std::mem::take(&mut memo.current);
        }
    }

    fn html(
        &self,
        text: &str,
        inline: bool,
        root: &str,
        make: impl FnOnce() -> String,
    ) -> Arc<str> {
        let key = (inline, root.to_string());
        let found = {
            let mut memo = self.lock();
            let Some(memo) = memo.as_mut() else {
                return Arc::from(make());
            };
            if let Some(html) = memo.current.get(&key).and_then(|texts| texts.get(text)) {
                return Arc::clone(html);
            }
            (memo.previous.get_mut(&key)).and_then(|texts| texts.remove(text))
        };
        // Made outside the lock: the other threads rendering pages go on.
        let html = found.unwrap_or_else(|| Arc::from(make()));
        if let Some(memo) = self.lock().as_mut() {
            let texts = memo.current.entry(key).or_default();
            texts.insert(text.to_string(), Arc::clone(&html));
        }
        html
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn made_once_while_asked_for_and_let_go_when_not() {
        let memo = Memo(Mutex::new(None));
        let text = "*a text*";
        let made = std::cell::Cell::new(0);
        let make = || {
            made.set(made.get() + 1);
            format!("<em>{}</em>", made.get())
        };
        // Not told to remember: made each time.
        memo.html(text, true, "../", make);
        memo.html(text, true, "../", make);
        assert_eq!(made.get(), 2);
        memo.remember();
        made.set(0);
        let first = memo.html(text, true, "../", make);
        assert_eq!(&*memo.html(text, true, "../", make), &*first);
        // Another root or block Markdown is another text.
        memo.html(text, true, "../../", make);
        memo.html(text, false, "../", make);
        assert_eq!(made.get(), 3);
        // Kept through a build that asks for it again.
        memo.start_build();
        assert_eq!(&*memo.html(text, true, "../", make), &*first);
        assert_eq!(made.get(), 3);
        // Let go after a build that did not ask for it.
        memo.start_build();
        memo.start_build();
        assert_eq!(&*memo.html(text, true, "../", make), "<em>4</em>");
    }
}
