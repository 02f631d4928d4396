//! `init`, `new` and `templates export`: the files a clinic starts from (a
//! project, an exercise or a page, the built-in templates), written by
//! [`crate::scaffold`].

use super::{Error, Success};
use crate::cli::{InitArgs, NewCommand, TemplatesCommand};
use crate::scaffold::{self, InitOptions, NewKind};

/// Starts a new project in a folder.
pub(super) fn init(args: InitArgs) -> Result<Success, Error> {
    let options = InitOptions {
        languages: args.languages,
        clinic: args.clinic,
        phone: args.phone,
        base_url: args.base_url,
    };
    Ok(Success {
        summary: scaffold::init(&args.dir, &options).map_err(Error::Usage)?,
        ..Success::default()
    })
}

/// Writes a new exercise or page, ready to fill in.
pub(super) fn new(what: &NewCommand) -> Result<Success, Error> {
    let (content, kind, id, phase) = match what {
        NewCommand::Exercise { id, phase, content } => {
            (content, NewKind::Exercise, id, phase.as_deref())
        }
        NewCommand::Page { id, content } => (content, NewKind::Page, id, None),
    };
    Ok(Success {
        summary: scaffold::new(content, kind, id, phase).map_err(Error::Usage)?,
        ..Success::default()
    })
}

/// Works with the built-in templates.
pub(super) fn templates(what: TemplatesCommand) -> Result<Success, Error> {
    match what {
        TemplatesCommand::Export { dir } => Ok(Success {
            summary: scaffold::export_templates(&dir).map_err(Error::Usage)?,
            ..Success::default()
        }),
    }
}
