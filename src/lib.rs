//! `handout` turns a clinic's exercise content into a PDF handout, a static
//! website and a wall checklist.
//!
//! The pipeline, one module a stage, the arrows one way:
//! [`content`] loads and validates the content folder into a
//! [`content::Project`]; [`view`] turns it into one output-neutral view;
//! the outputs render that view: [`site`] into HTML through [`templates`],
//! [`handout`] and [`checklist`] into Markdown that [`layout`] sets on pages
//! (with the settings the two PDFs share, [`print`](mod@print)) and [`pdf`] writes;
//! [`write`](mod@write) writes the files, and [`incremental`] says which
//! of them a build can keep from the last one. No output imports another: each implements
//! [`outputs::Output`], and `check` and `build` run the same list of them.
//! [`markdown`] is the one Markdown parser, [`links`] the one place that
//! says where a link leads, [`qr`] draws QR codes to the site for the
//! PDFs, and [`theme`] is the one look of every output.
//!
//! Over the pipeline, [`commands`] carries out each command of [`cli`]
//! (`main.rs` parses the command line and prints what comes back): `serve`
//! through [`serve`], `program` through [`patients`], `init` and `new`
//! through [`scaffold`]. The commands' entry points are re-exported here.
#![forbid(unsafe_code)]
// The documentation is for maintainers (`cargo doc --document-private-items`):
// a module's overview links to the private parts that carry it out.
#![allow(rustdoc::private_intra_doc_links)]

pub mod checklist;
pub mod cli;
pub mod commands;
pub mod content;
pub mod diag;
pub mod figure;
pub mod fonts;
pub mod geom;
pub mod handout;
pub mod image;
pub mod incremental;
pub mod layout;
pub mod links;
pub mod manual;
pub mod markdown;
pub mod outputs;
pub mod parallel;
pub mod patients;
pub mod pdf;
pub mod print;
pub mod qr;
pub mod readability;
pub mod scaffold;
pub mod serve;
pub mod sheet;
pub mod site;
pub mod templates;
pub mod theme;
pub mod view;
pub mod walk;
pub mod words;
pub mod write;

#[cfg(test)]
mod test_output;

pub use commands::{
    BuildOptions, BuildReport, Edition, Error, Prepared, Success, build, outputs, run,
};
