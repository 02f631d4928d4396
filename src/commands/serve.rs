//! `serve`: the build's options for a site that rebuilds itself, handed
//! to [`crate::serve`].

use std::path::PathBuf;

use super::build::{self, BuildOptions, templates_dir};
use super::{Error, Success};
use crate::cli::{BuildArgs, ServeArgs};
use crate::scaffold;
use crate::serve::builder::{self, Answer};
use crate::serve::{self, ServeError, ServeOptions};

/// Serves the site until the user stops it.
pub(super) fn run(args: ServeArgs) -> Result<Success, Error> {
    let keep_out = args.out.is_some();
    let options = ServeOptions {
        build: BuildOptions {
            templates: templates_dir(args.templates.as_deref()),
            templates_required: args.templates.is_some(),
            out: args.out.unwrap_or_else(|| PathBuf::from("output")),
            large_print: args.large_print,
            // Drafts show while a clinic writes them, marked.
            drafts: true,
            ..BuildOptions::new(args.content)
        },
        keep_out,
        bind: args.bind,
        port: args.port,
        open: args.open,
    };
    serve::serve(options)?;
    Ok(Success::default())
}

/// The build process `serve` keeps (the hidden `serve-builder`): builds
/// once for each request until the server stops.
pub(super) fn builder(args: BuildArgs) -> Result<Success, Error> {
    builder::work(build::options_of(args), |options, warm| {
        let mut built = build::build_with(options, Some(warm));
        let rendered = (built.as_mut())
            .map(|report| std::mem::take(&mut report.rendered))
            .unwrap_or_default();
        Answer {
            rendered,
            ..Answer::of(&build::said(built, true))
        }
    });
    Ok(Success::default())
}

impl From<ServeError> for Error {
    fn from(error: ServeError) -> Error {
        Error::Usage(scaffold::Refusal {
            message: error.0,
            hint: "see `handout serve --help`".to_string(),
        })
    }
}
