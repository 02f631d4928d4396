//! A fingerprint of a file's inputs: SipHash 1-3 (128 bits, fixed keys,
//! the same on every machine and from one run to the next) over the
//! inputs' bytes, each one's length first so that two inputs cannot run
//! into each other.

use std::fmt;
use std::hash::Hasher as _;
use std::io::Write as _;
use std::sync::OnceLock;

use serde::Serialize;
use siphasher::sip128::{Hasher128, SipHasher13};

/// What a file was made from, in 128 bits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Fingerprint(pub u128);

impl fmt::Display for Fingerprint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:032x}", self.0)
    }
}

impl std::str::FromStr for Fingerprint {
    type Err = std::num::ParseIntError;

    fn from_str(text: &str) -> Result<Fingerprint, Self::Err> {
        u128::from_str_radix(text, 16).map(Fingerprint)
    }
}

/// Takes inputs one by one and gives their [`Fingerprint`]. A clone goes
/// on from where the original stood, so inputs shared by many files (the
/// templates, the site's navigation) are taken once.
#[derive(Clone)]
pub struct Fingerprinter(SipHasher13);

impl Fingerprinter {
    /// A fingerprinter that has taken the handout binary itself and
    /// `kind`, what is fingerprinted (`page`, `handout`).
    pub fn new(kind: &str) -> Fingerprinter {
        let mut hasher = Fingerprinter(SipHasher13::new_with_keys(0, 0));
        hasher.text(this_binary()).text(kind);
        hasher
    }

    /// Takes bytes.
    pub fn bytes(&mut self, bytes: &[u8]) -> &mut Fingerprinter {
        self.0.write_u64(bytes.len() as u64);
        self.0.write(bytes);
        self
    }

    /// Takes text.
    pub fn text(&mut self, text: &str) -> &mut Fingerprinter {
        self.bytes(text.as_bytes())
    }

    /// Takes a value as a template would see it: every field, every
    /// element in order, a map's entries in any order (a map of the view
    /// may list its keys in any order from one run to the next; a template
    /// sees the same map).
    pub fn value(&mut self, value: &(impl Serialize + ?Sized)) -> &mut Fingerprinter {
        super::serializer::hash_into(&mut self.0, value);
        self
    }

    /// Takes a value by its `Debug` form, for the few inputs no template
    /// sees (a drawn figure, the print options): derived `Debug` shows
    /// every field.
    pub fn debug(&mut self, value: &impl fmt::Debug) -> &mut Fingerprinter {
        let mut sink = Sink(&mut self.0, 0);
        let _ = write!(sink, "{value:?}");
        let written = sink.1;
        self.0.write_u64(written);
        self
    }

    /// The fingerprint of everything taken so far.
    pub fn fingerprint(&self) -> Fingerprint {
        Fingerprint(self.0.finish128().as_u128())
    }
}

/// Bytes written into a hasher, counted.
struct Sink<'a>(&'a mut SipHasher13, u64);

impl std::io::Write for Sink<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.write(buf);
        self.1 += buf.len() as u64;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The handout binary, as an input of everything it makes: its version,
/// and the size and time of its file, so that a handout built again from
/// changed code (a developer's, or an upgrade) makes everything again.
fn this_binary() -> &'static str {
    static THIS: OnceLock<String> = OnceLock::new();
    THIS.get_or_init(|| {
        let file = std::env::current_exe()
            .and_then(std::fs::metadata)
            .map(|meta| {
                let time = meta.modified().ok().and_then(|time| {
                    time.duration_since(std::time::UNIX_EPOCH)
                        .ok()
                        .map(|since| since.as_nanos())
                });
                format!("{} {:?}", meta.len(), time)
            })
            .unwrap_or_default();
        format!("handout {} {file}", env!("CARGO_PKG_VERSION"))
    })
}

#[cfg(test)]
mod tests {
    use super::Fingerprinter;

    #[test]
    fn inputs_that_differ_anywhere_give_different_fingerprints() {
        let of = |parts: &[&str]| {
            let mut hasher = Fingerprinter::new("test");
            for part in parts {
                hasher.text(part);
            }
            hasher.fingerprint()
        };
        assert_eq!(of(&["ab", "c"]), of(&["ab", "c"]));
        assert_ne!(of(&["ab", "c"]), of(&["a", "bc"]));
        assert_ne!(of(&["ab", "c"]), of(&["ab", "d"]));
        let value = |v: serde_json::Value| Fingerprinter::new("test").value(&v).fingerprint();
        assert_ne!(
            value(serde_json::json!({"title": "Calf stretch"})),
            value(serde_json::json!({"title": "Calf stretches"}))
        );
        let shared = {
            let mut hasher = Fingerprinter::new("test");
            hasher.text("templates");
            hasher
        };
        assert_eq!(
            shared.clone().text("page").fingerprint(),
            of(&["templates", "page"])
        );
    }

    #[test]
    fn a_fingerprint_reads_back_from_its_text() {
        let fingerprint = Fingerprinter::new("test").text("x").fingerprint();
        assert_eq!(fingerprint.to_string().len(), 32);
        assert_eq!(fingerprint.to_string().parse(), Ok(fingerprint));
    }
}
