//! What a build can take from the last one unchanged.
//!
//! Every page of the site and every PDF output is made from inputs a
//! build already holds in memory: the template's context (the view of
//! the content it shows), the templates and word catalogues, the
//! settings, the figures. A [`Fingerprint`] of those inputs is recorded
//! for each file in a cache beside the output folder's manifest
//! ([`CACHE`]); the next build computes the fingerprints again and
//! renders only the files whose fingerprint changed, keeping the others
//! as they are in the output folder. Rendering is deterministic, so a
//! file rendered from the same inputs is the same file: an incremental
//! build is byte for byte a fresh one (tests/incremental.rs edits content
//! at random and compares them).
//!
//! A fingerprint covers what a template can read, not only what it does
//! read: a clinic's template may show any field, so a page is made again
//! when anything in its context changed. The handout binary itself is an
//! input too ([`Fingerprinter::new`]): a new version of handout renders
//! everything again.

mod cache;
mod fingerprint;
mod memo;
mod serializer;

pub use cache::{CACHE, Made, Record, Reuse};
pub use fingerprint::{Fingerprint, Fingerprinter};
pub use memo::{Memo, Remembered};
