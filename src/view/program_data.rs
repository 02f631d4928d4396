//! The data a program adds to a view: what its PDFs say about the program,
//! the patient (on a patient's program only) and each phase's dates. Its
//! own file so that the view holds it without importing the code that
//! narrows a view to a program ([`super::program`]).

use jiff::civil::Date;
use serde::Serialize;

/// What a program's PDFs say about the program.
#[derive(Debug, Clone, Serialize)]
pub struct ProgramView {
    /// The published program's id (a patient's program started from it).
    pub id: Option<String>,
    /// Its title: the PDFs' title, and their metadata's.
    pub title: String,
    /// Its page on the site, from the root: published programs only.
    pub url: Option<String>,
    /// The patient's details, on a patient's program only.
    pub patient: Option<PatientView>,
}

/// What a patient's PDFs print about the patient: the cover, and the
/// checklist's sheets. Never on the site, in a file name or in PDF
/// metadata.
#[derive(Debug, Clone, Serialize)]
pub struct PatientView {
    /// The patient's name.
    pub name: Option<String>,
    /// The clinician.
    pub clinician: Option<String>,
    /// A phone number for the patient.
    pub phone: Option<String>,
    /// `Surgery date` or `Start date`.
    pub start_label: String,
    /// The first day, like `Mon 11 Jan 2027`.
    pub start: String,
    /// Notes for the patient, Markdown.
    pub notes: Option<String>,
    /// The address of the patient's own page on the site (`…/my/#…`),
    /// with the program in its fragment: set by `handout program` when
    /// the site has a `base_url`, for the cover's QR code.
    pub link: Option<String>,
}

/// A phase's dates on a patient's program.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WindowView {
    /// Its first day, like `Mon 11 Jan 2027`.
    pub from: String,
    /// The day it ends (the next phase's first day), when known.
    pub until: Option<String>,
    /// Both in one phrase: `Mon 11 Jan – Mon 22 Feb 2027`, or
    /// `from Mon 22 Feb 2027`.
    pub text: String,
    /// Its first day, for the checklist's first sheet.
    #[serde(skip)]
    pub first: Date,
    /// How many weekly checklist sheets it prints (1 to 52).
    pub sheets: u32,
}
