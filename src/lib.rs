//! `handout` turns a clinic's exercise content into a PDF handout, a static
//! website and a wall checklist.
#![forbid(unsafe_code)]

pub mod fonts;
pub mod geom;
pub mod layout;
pub mod markdown;
pub mod pdf;
