//! The private link of a patient's program: what the QR code on a
//! patient's cover leads to, `<site>/my/#<program>`. The program travels
//! in the address's fragment, which a browser never sends to a server, so
//! the site stores nothing and learns nothing; the `/my/` page
//! (`templates/site/my.js`) reads it back in the patient's browser.
//!
//! It carries the exercises, their changed doses, the phases' dates and
//! the language, and nothing else: never the patient's name, notes, notes
//! on an exercise, clinician or phone. Exercises and phases are named by a
//! short hash of their ids, never by their position, so a printed code
//! still opens the same program after the library grows.
//!
//! The layout (version 1), bytes in order, numbers as LEB128 varints
//! unless said:
//!
//! | field | bytes |
//! |---|---|
//! | version, `1` | 1 |
//! | language tag: its length, then ASCII | 1 + n |
//! | first day, days since 1970-01-01 | varint |
//! | phases: their count, then each phase | varint |
//! | &nbsp; hash of its id | 4, big-endian |
//! | &nbsp; first day, days after the program's | varint |
//! | &nbsp; days it lasts, plus one (`0`: no end) | varint |
//! | &nbsp; exercises: their count, then each exercise | varint |
//! | &nbsp;&nbsp; hash of its id | 4, big-endian |
//! | &nbsp;&nbsp; flags: hold, repeat, times a day given (bits 0-2); set for the patient (bit 3) | 1 |
//! | &nbsp;&nbsp; hold in seconds; repeat; times a day, fewest and most (each when given) | varints |
//! | CRC-32 (IEEE) of everything before | 4, big-endian |
//!
//! A dose is given only where it differs from the library's exercise (a
//! published program's change or the patient's): the page words the rest
//! from the site's own data. The whole is written in base64url without
//! padding. It is not deflated: what it holds is mostly hashes, which do
//! not compress, and deflate's own header would make it longer.

use base64::Engine as _;
use jiff::civil::Date;

use crate::content::model::Dose;
use crate::content::patient_program::PatientProgram;
use crate::content::{Span, Window};

/// The layout's version: the first byte.
pub const VERSION: u8 = 1;

/// The `/my/` page, from a language's root.
pub const MY_PATH: &str = "my/index.html";

/// Flags of an exercise's record.
const HOLD: u8 = 1;
const REPEAT: u8 = 2;
const PER_DAY: u8 = 4;
const SET_FOR_PATIENT: u8 = 8;

/// The short hash naming a phase or an exercise in a link: the first four
/// bytes of the SHA-256 of its id. The site's data for `/my/` names them
/// the same way, as eight hexadecimal digits ([`hex`]).
pub fn short_hash(id: &str) -> u32 {
    let digest = hmac_sha256::Hash::hash(id.as_bytes());
    u32::from_be_bytes([digest[0], digest[1], digest[2], digest[3]])
}

/// A hash as the site's data writes it: eight lowercase hexadecimal digits.
pub fn hex(hash: u32) -> String {
    format!("{hash:08x}")
}

/// A program as a link carries it: what [`encode`] writes and [`decode`]
/// reads back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkProgram {
    /// The patient's language tag.
    pub language: String,
    /// The first phase's first day.
    pub start: Date,
    /// The phases in order.
    pub phases: Vec<LinkPhase>,
}

/// A phase of a [`LinkProgram`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkPhase {
    /// The hash of its id.
    pub hash: u32,
    /// Its first day, days after the program's first.
    pub from: u32,
    /// How many days it lasts, when it ends.
    pub days: Option<u32>,
    /// Its exercises in order.
    pub exercises: Vec<LinkExercise>,
}

/// An exercise of a [`LinkPhase`]: its hash and what of its dose differs
/// from the library's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkExercise {
    /// The hash of its id.
    pub hash: u32,
    /// Seconds to hold, when changed.
    pub hold_seconds: Option<u32>,
    /// Repetitions, when changed.
    pub repeat: Option<u32>,
    /// Times a day, when changed.
    pub times_per_day: Option<Span>,
    /// Whether the patient's care team set the dose (the PDF marks it).
    pub set_for_patient: bool,
}

/// Why a fragment is not a program.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkError {
    /// Not base64url, or cut short.
    Damaged,
    /// The checksum does not match: changed or mistyped.
    Checksum,
    /// A version this code does not know.
    Version(u8),
}

impl LinkProgram {
    /// A patient's program as its link carries it: `library` gives an
    /// exercise's dose in the library, so only a change is written.
    pub fn of(patient: &PatientProgram, library: impl Fn(&str) -> Option<Dose>) -> LinkProgram {
        let phases = (patient.selection.phases.iter())
            .map(|phase| {
                let (from, days) = offsets(patient.start, phase.window);
                LinkPhase {
                    hash: short_hash(&phase.phase),
                    from,
                    days,
                    exercises: (phase.exercises.iter())
                        .map(|e| {
                            let own = library(&e.id);
                            let changed = |f: fn(&Dose) -> Option<u32>| {
                                f(&e.dose).filter(|v| own.as_ref().and_then(f) != Some(*v))
                            };
                            LinkExercise {
                                hash: short_hash(&e.id),
                                hold_seconds: changed(|d| d.hold_seconds),
                                repeat: changed(|d| Some(d.repeat)),
                                times_per_day: e.dose.times_per_day.filter(|span| {
                                    own.as_ref().and_then(|d| d.times_per_day) != Some(*span)
                                }),
                                set_for_patient: e.set_for_patient,
                            }
                        })
                        .collect(),
                }
            })
            .collect();
        LinkProgram {
            language: patient.language.clone(),
            start: patient.start,
            phases,
        }
    }
}

/// A phase's first day and length in days, from the program's first day.
fn offsets(start: Date, window: Option<Window>) -> (u32, Option<u32>) {
    let Some(window) = window else {
        return (0, None);
    };
    let days = |from: Date, until: Date| u32::try_from((until - from).get_days()).unwrap_or(0);
    (
        days(start, window.from),
        window.until.map(|until| days(window.from, until)),
    )
}

/// The days from 1970-01-01 to `date` (0 before it).
fn epoch_days(date: Date) -> u32 {
    let epoch = Date::constant(1970, 1, 1);
    u32::try_from((date - epoch).get_days()).unwrap_or(0)
}

/// Writes a program's bytes, checksum included.
pub fn encode(program: &LinkProgram) -> Vec<u8> {
    let mut out = vec![VERSION];
    let tag = program.language.as_bytes();
    out.push(u8::try_from(tag.len()).unwrap_or(u8::MAX));
    out.extend_from_slice(&tag[..tag.len().min(255)]);
    varint(&mut out, epoch_days(program.start));
    varint(&mut out, program.phases.len() as u32);
    for phase in &program.phases {
        out.extend_from_slice(&phase.hash.to_be_bytes());
        varint(&mut out, phase.from);
        varint(&mut out, phase.days.map_or(0, |d| d + 1));
        varint(&mut out, phase.exercises.len() as u32);
        for e in &phase.exercises {
            out.extend_from_slice(&e.hash.to_be_bytes());
            let flags = [
                (e.hold_seconds.is_some(), HOLD),
                (e.repeat.is_some(), REPEAT),
                (e.times_per_day.is_some(), PER_DAY),
                (e.set_for_patient, SET_FOR_PATIENT),
            ];
            out.push((flags.iter()).fold(0, |all, (on, bit)| if *on { all | bit } else { all }));
            for value in [e.hold_seconds, e.repeat].into_iter().flatten() {
                varint(&mut out, value);
            }
            if let Some(span) = e.times_per_day {
                varint(&mut out, span.min);
                varint(&mut out, span.max);
            }
        }
    }
    let sum = crc32(&out);
    out.extend_from_slice(&sum.to_be_bytes());
    out
}

/// The fragment of a program's link: its bytes in base64url.
pub fn fragment(program: &LinkProgram) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(encode(program))
}

/// The address of the `/my/` page with the program in its fragment, from
/// the site's address in the patient's language (`…/es/` for Spanish).
pub fn address(base_url: &str, program: &LinkProgram) -> String {
    let base = if base_url.ends_with('/') {
        base_url.to_string()
    } else {
        format!("{base_url}/")
    };
    format!(
        "{}#{}",
        crate::links::web_address(&base, MY_PATH),
        fragment(program)
    )
}

/// Reads a fragment back (what `my.js` does in the browser).
pub fn decode(fragment: &str) -> Result<LinkProgram, LinkError> {
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(fragment.trim_start_matches('#'))
        .map_err(|_| LinkError::Damaged)?;
    if bytes.len() < 5 {
        return Err(LinkError::Damaged);
    }
    let (body, sum) = bytes.split_at(bytes.len() - 4);
    if crc32(body).to_be_bytes() != sum {
        return Err(LinkError::Checksum);
    }
    let mut r = Reader { bytes: body, at: 0 };
    let version = r.byte()?;
    if version != VERSION {
        return Err(LinkError::Version(version));
    }
    let len = usize::from(r.byte()?);
    let language = String::from_utf8(r.take(len)?.to_vec()).map_err(|_| LinkError::Damaged)?;
    let start = Date::constant(1970, 1, 1)
        .checked_add(jiff::Span::new().days(i64::from(r.varint()?)))
        .map_err(|_| LinkError::Damaged)?;
    let mut phases = Vec::new();
    for _ in 0..r.varint()? {
        let hash = r.u32()?;
        let from = r.varint()?;
        let days = r.varint()?.checked_sub(1);
        let mut exercises = Vec::new();
        for _ in 0..r.varint()? {
            let hash = r.u32()?;
            let flags = r.byte()?;
            let mut given = |bit: u8| -> Result<Option<u32>, LinkError> {
                if flags & bit == 0 {
                    Ok(None)
                } else {
                    r.varint().map(Some)
                }
            };
            let hold_seconds = given(HOLD)?;
            let repeat = given(REPEAT)?;
            let times_per_day = match given(PER_DAY)? {
                Some(min) => Some(Span {
                    min,
                    max: r.varint()?,
                }),
                None => None,
            };
            exercises.push(LinkExercise {
                hash,
                hold_seconds,
                repeat,
                times_per_day,
                set_for_patient: flags & SET_FOR_PATIENT != 0,
            });
        }
        phases.push(LinkPhase {
            hash,
            from,
            days,
            exercises,
        });
    }
    if r.at != body.len() {
        return Err(LinkError::Damaged);
    }
    Ok(LinkProgram {
        language,
        start,
        phases,
    })
}

/// Reads a program's bytes in order.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn take(&mut self, n: usize) -> Result<&[u8], LinkError> {
        let end = self.at.checked_add(n).ok_or(LinkError::Damaged)?;
        let taken = self.bytes.get(self.at..end).ok_or(LinkError::Damaged)?;
        self.at = end;
        Ok(taken)
    }

    fn byte(&mut self) -> Result<u8, LinkError> {
        Ok(self.take(1)?[0])
    }

    fn u32(&mut self) -> Result<u32, LinkError> {
        let b = self.take(4)?;
        Ok(u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
    }

    fn varint(&mut self) -> Result<u32, LinkError> {
        let mut value: u32 = 0;
        for shift in (0..35).step_by(7) {
            let byte = self.byte()?;
            value |= u32::from(byte & 0x7f)
                .checked_shl(shift)
                .ok_or(LinkError::Damaged)?;
            if byte & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err(LinkError::Damaged)
    }
}

/// Appends `value` as an unsigned LEB128 varint.
fn varint(out: &mut Vec<u8>, mut value: u32) {
    loop {
        let low = (value & 0x7f) as u8;
        value >>= 7;
        if value == 0 {
            out.push(low);
            return;
        }
        out.push(low | 0x80);
    }
}

/// The CRC-32 of ISO-HDLC (zlib's, PNG's): any change of up to 32 bits in
/// a row is caught, so a mistyped or altered link is told apart from a
/// real one. `my.js` computes the same.
pub fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &byte in bytes {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

#[cfg(test)]
mod tests;
