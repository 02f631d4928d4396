//! A value fingerprinted once for every page that shows it.
//!
//! The home page, each phase's page and the search page list the same
//! thousands of exercises that have pages of their own: hashing each
//! exercise again on every page that lists it cost more than the pages.
//! A [`Memo`] holds a value with the hash of what it was made from, taken
//! once; the fingerprint of a page takes that hash in its place, while a
//! template sees the value itself.

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
}
