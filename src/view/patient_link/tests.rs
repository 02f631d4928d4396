use std::path::{Path, PathBuf};

use super::*;
use crate::content::{self, Project};

fn content_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("content")
}

fn example() -> PathBuf {
    content_dir().join("docs/example-patient.yaml")
}

fn link_of(project: &Project, patient: &Path) -> LinkProgram {
    let patient =
        crate::content::patient_program::load(patient, project).expect("the example loads");
    LinkProgram::of(&patient, |id| {
        project
            .exercises
            .iter()
            .find(|e| e.id == id)
            .map(|e| e.dose)
    })
}

fn d(y: i16, m: i8, day: i8) -> Date {
    Date::new(y, m, day).unwrap()
}

/// The example patient's link reads back to the same program: its
/// phases' dates, its exercises by hash, the changed hold of the calf
/// stretch marked as set for the patient, nothing else changed.
#[test]
fn the_example_patients_link_reads_back_whole() {
    let project = content::load(&content_dir()).unwrap();
    let link = link_of(&project, &example());
    assert_eq!(link.language, "en");
    assert_eq!(link.start, d(2027, 1, 11));
    assert_eq!(decode(&fragment(&link)), Ok(link.clone()));
    let calf = (link.phases.iter())
        .flat_map(|p| &p.exercises)
        .find(|e| e.hash == short_hash("calf-stretch"))
        .expect("the calf stretch is in the link");
    assert_eq!(calf.hold_seconds, Some(20));
    assert!(calf.set_for_patient);
    assert_eq!((calf.repeat, calf.times_per_day), (None, None));
    let all: Vec<u32> = (link.phases.iter())
        .flat_map(|p| &p.exercises)
        .map(|e| e.hash)
        .collect();
    assert!(!all.contains(&short_hash("knee-to-chest-stretch")));
    // Strengthening from week 6: 42 days after the surgery, open-ended.
    assert_eq!(link.phases[1].hash, short_hash("strengthening"));
    assert_eq!(link.phases[0].from, 0);
    assert_eq!(link.phases[0].days, Some(42));
    assert_eq!(link.phases[1].from, 42);
    // Small: well inside a version-8 code with the site's address.
    assert!(fragment(&link).len() < 100, "{}", fragment(&link));
}

/// Nothing the patient's file says about the patient is in the bytes.
#[test]
fn the_link_holds_no_name_notes_or_clinician() {
    let project = content::load(&content_dir()).unwrap();
    let bytes = encode(&link_of(&project, &example()));
    for private in ["Maria", "Lopez", "Sam Lee", "counter", "Ask us", "555"] {
        assert!(
            !bytes
                .windows(private.len())
                .any(|w| w == private.as_bytes()),
            "{private} is in the link"
        );
    }
}

/// A printed code still opens the same program after the library grows:
/// a new exercise in the same phase, sorted before the others, changes
/// nothing of an existing patient's link.
#[test]
fn a_growing_library_leaves_a_patients_link_unchanged() {
    let project = content::load(&content_dir()).unwrap();
    let before = fragment(&link_of(&project, &example()));
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&content_dir(), dir.path());
    let calf = std::fs::read_to_string(dir.path().join("exercises/calf-stretch.yaml")).unwrap();
    std::fs::write(
        dir.path().join("exercises/aaa-ankle-circles.yaml"),
        calf.replace("order:", "order: 0\n#"),
    )
    .unwrap();
    for es in ["exercises/calf-stretch.es.yaml"] {
        if let Ok(text) = std::fs::read_to_string(dir.path().join(es)) {
            std::fs::write(dir.path().join("exercises/aaa-ankle-circles.es.yaml"), text).unwrap();
        }
    }
    let grown = content::load(dir.path()).unwrap();
    assert_eq!(grown.exercises.len(), project.exercises.len() + 1);
    let patient = dir.path().join("docs/example-patient.yaml");
    assert_eq!(fragment(&link_of(&grown, &patient)), before);
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Every single changed character and every flipped bit of a link is
/// caught: the page shows its message, never someone else's program.
#[test]
fn a_tampered_link_is_refused() {
    let project = content::load(&content_dir()).unwrap();
    let link = fragment(&link_of(&project, &example()));
    let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    for at in 0..link.len() {
        for &c in alphabet {
            if c == link.as_bytes()[at] {
                continue;
            }
            let mut tampered = link.clone().into_bytes();
            tampered[at] = c;
            let tampered = String::from_utf8(tampered).unwrap();
            // The last character carries only some bits: a change in the
            // rest may decode to the same bytes.
            if let Ok(program) = decode(&tampered) {
                assert!(at == link.len() - 1, "{tampered} read as {program:?}");
                assert_eq!(program, decode(&link).unwrap());
            }
        }
    }
    let bytes = encode(&link_of(&project, &example()));
    for bit in 0..bytes.len() * 8 {
        let mut flipped = bytes.clone();
        flipped[bit / 8] ^= 1 << (bit % 8);
        let text = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(&flipped);
        assert!(decode(&text).is_err(), "bit {bit}");
    }
    assert_eq!(decode(""), Err(LinkError::Damaged));
    assert_eq!(decode("not a link!"), Err(LinkError::Damaged));
    assert_eq!(decode(&link[..link.len() - 3]), Err(LinkError::Checksum));
}

/// A later version is told apart from damage.
#[test]
fn an_unknown_version_is_named() {
    let mut bytes = vec![2, 0];
    let sum = crc32(&bytes);
    bytes.extend_from_slice(&sum.to_be_bytes());
    let text = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(&bytes);
    assert_eq!(decode(&text), Err(LinkError::Version(2)));
}

/// Phases across a year end, changed repeats and times a day, a phase
/// without an end, large numbers: all read back.
#[test]
fn every_field_round_trips() {
    let program = LinkProgram {
        language: "es-MX".into(),
        start: d(2026, 12, 21),
        phases: vec![
            LinkPhase {
                hash: u32::MAX,
                from: 0,
                days: Some(14),
                exercises: vec![LinkExercise {
                    hash: 0,
                    hold_seconds: Some(600),
                    repeat: Some(100),
                    times_per_day: Some(Span { min: 5, max: 24 }),
                    set_for_patient: true,
                }],
            },
            LinkPhase {
                hash: 7,
                from: 20_000,
                days: None,
                exercises: Vec::new(),
            },
        ],
    };
    assert_eq!(decode(&fragment(&program)), Ok(program));
}

#[test]
fn the_checksum_is_zlibs_crc32() {
    assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    assert_eq!(crc32(b""), 0);
}

#[test]
fn the_address_is_the_my_page_of_the_patients_language() {
    let program = LinkProgram {
        language: "es".into(),
        start: d(2027, 1, 11),
        phases: Vec::new(),
    };
    let url = address("https://example.org/exercises/es/", &program);
    assert!(
        url.starts_with("https://example.org/exercises/es/my/#AQJlc"),
        "{url}"
    );
}
