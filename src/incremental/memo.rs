//! A value fingerprinted once for every page that shows it.
//!
//! The home page, each phase's page and the search page list the same
//! thousands of exercises that have pages of their own: hashing each
//! exercise again on every page that lists it cost more than the pages.
//! A [`Memo`] holds a value with the hash of what it was made from, taken
//! once; the fingerprint of a page takes that hash in its place, while a
//! template sees the value itself.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, RwLock};

use serde::{Serialize, Serializer};

/// A value and the hash of what determines it, which a fingerprint takes
/// in its place.
#[derive(Debug, Clone)]
pub struct Memo<T> {
    value: T,
    hash: u128,
}

impl<T> Memo<T> {
    /// `value`, made from `source` alone (the same source always makes the
    /// same value), which is hashed now.
    pub fn new(value: T, source: &(impl Serialize + ?Sized)) -> Memo<T> {
        Memo {
            hash: super::serializer::hash_alone(source),
            value,
        }
    }

    /// The value `make` makes from `source` alone, `source` hashed now;
    /// from `kept` when it holds one made from a source of the same hash.
    pub fn made(
        source: &(impl Serialize + ?Sized),
        make: impl FnOnce() -> T,
        kept: Option<&Remembered<T>>,
    ) -> Memo<T>
    where
        T: Clone,
    {
        let hash = super::serializer::hash_alone(source);
        let value = match kept {
            Some(kept) => kept.value(hash, make),
            None => make(),
        };
        Memo { value, hash }
    }

    /// The value.
    pub fn value(&self) -> &T {
        &self.value
    }
}

impl<T: Serialize> Serialize for Memo<T> {
    /// The value itself for every serializer but the fingerprints' (the
    /// one that is not human-readable), which takes the hash.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if serializer.is_human_readable() {
            self.value.serialize(serializer)
        } else {
            serializer.serialize_u128(self.hash)
        }
    }
}

/// Values made by the last build and this one, by the hash of what each
/// was made from: kept by a process that builds again and again (`serve`'s
/// builder), so that an exercise whose view is as it was is not
/// serialized for the templates again at each save (at 10,000 exercises,
/// about a tenth of a save). A value is found only under the hash of the
/// very source it was made from, so what is kept can never stand for
/// another; values the last build did not use are let go.
pub struct Remembered<T> {
    /// What the last build used or made, each marked when this one uses
    /// it: looked up on every core without waiting for one another (a
    /// lock taken ten thousand times a save made them wait).
    last: RwLock<HashMap<u128, Kept<T>>>,
    /// Made by this build.
    made: Mutex<Vec<(u128, T)>>,
    /// Whether this build looked for anything yet.
    looked: AtomicBool,
}

struct Kept<T> {
    value: T,
    used: AtomicBool,
}

impl<T> std::fmt::Debug for Remembered<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let last = self.last.read().unwrap_or_else(|e| e.into_inner());
        write!(f, "Remembered({} values)", last.len())
    }
}

impl<T> Default for Remembered<T> {
    fn default() -> Remembered<T> {
        Remembered {
            last: RwLock::new(HashMap::new()),
            made: Mutex::new(Vec::new()),
            looked: AtomicBool::new(false),
        }
    }
}

impl<T: Clone> Remembered<T> {
    /// Starts a build: what the last one used or made is what it may find
    /// (a build that looked for nothing changes nothing).
    pub fn start(&self) {
        if !self.looked.swap(false, Ordering::Relaxed) {
            return;
        }
        let made = std::mem::take(&mut *lock(&self.made));
        let mut last = self.last.write().unwrap_or_else(|e| e.into_inner());
        last.retain(|_, kept| kept.used.swap(false, Ordering::Relaxed));
        last.extend(made.into_iter().map(|(hash, value)| {
            let used = AtomicBool::new(false);
            (hash, Kept { value, used })
        }));
    }

    /// The value made from a source of `hash`: kept, or made now.
    fn value(&self, hash: u128, make: impl FnOnce() -> T) -> T {
        if !self.looked.load(Ordering::Relaxed) {
            self.looked.store(true, Ordering::Relaxed);
        }
        let last = self.last.read().unwrap_or_else(|e| e.into_inner());
        if let Some(kept) = last.get(&hash) {
            kept.used.store(true, Ordering::Relaxed);
            return kept.value.clone();
        }
        drop(last);
        let value = make();
        lock(&self.made).push((hash, value.clone()));
        value
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

#[cfg(test)]
mod tests {
    use super::Memo;
    use crate::incremental::Fingerprinter;

    fn fingerprint(memo: &Memo<tera::Value>) -> crate::incremental::Fingerprint {
        Fingerprinter::new("memo test").value(&[memo]).fingerprint()
    }

    #[test]
    fn a_template_sees_the_value_and_a_fingerprint_its_source() {
        let memo = Memo::new(tera::Value::from("shown"), "source one");
        assert_eq!(serde_json::to_string(&memo).unwrap(), "\"shown\"");
        assert_eq!(
            tera::Value::from_serializable(&[&memo]),
            tera::Value::from_serializable(&["shown"])
        );
        let same = Memo::new(tera::Value::from("shown"), "source one");
        let other = Memo::new(tera::Value::from("shown"), "source two");
        assert_eq!(fingerprint(&memo), fingerprint(&same));
        assert_ne!(fingerprint(&memo), fingerprint(&other));
    }

    /// A value is made once for a source and found again by the next
    /// build; one the last build did not use is let go.
    #[test]
    fn remembered_values_are_found_by_their_source_alone() {
        use super::Remembered;
        use std::cell::Cell;
        let remembered = Remembered::default();
        let made = Cell::new(0);
        let make = |text: &str| {
            made.set(made.get() + 1);
            text.to_uppercase()
        };
        let value = |source: &str| Memo::made(source, || make(source), Some(&remembered));
        remembered.start();
        assert_eq!(value("one").value(), "ONE");
        assert_eq!(value("two").value(), "TWO");
        assert_eq!(made.get(), 2);
        remembered.start();
        assert_eq!(value("one").value(), "ONE");
        assert_eq!(value("three").value(), "THREE");
        assert_eq!(made.get(), 3, "one was found, three made");
        remembered.start();
        assert_eq!(value("two").value(), "TWO");
        assert_eq!(
            made.get(),
            4,
            "two was let go by the build that did not use it"
        );
        // A build that looked for nothing (a PDF's) lets nothing go.
        remembered.start();
        remembered.start();
        assert_eq!(value("two").value(), "TWO");
        assert_eq!(made.get(), 4, "two was kept");
        // The same fingerprint as a value made without remembering.
        let with = Memo::made(
            "one",
            || tera::Value::from("ONE"),
            Some(&Remembered::default()),
        );
        let without = Memo::made("one", || tera::Value::from("ONE"), None);
        assert_eq!(fingerprint(&with), fingerprint(&without));
    }
}
