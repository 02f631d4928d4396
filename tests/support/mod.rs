//! Test helpers: a project in a temporary folder, built from a fixture,
//! and the `handout` binary run in it with a clean environment.

use std::path::{Path, PathBuf};
use std::process::Command;

pub mod pdf;
mod tools;

pub use tools::{pdf_text, seed, tool};

/// The fixtures folder.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// A throwaway project folder: `content/` (and maybe `templates/`).
pub struct Project {
    dir: tempfile::TempDir,
}

/// What a run of the binary printed and how it ended.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Project {
    /// A project whose content is the valid fixture.
    pub fn valid() -> Project {
        let project = Project {
            dir: tempfile::tempdir().expect("temp dir"),
        };
        copy_dir(&fixtures().join("valid"), &project.path().join("content"));
        project
    }

    /// A project whose content is the fixture `tests/fixtures/<name>`.
    pub fn fixture(name: &str) -> Project {
        let project = Project {
            dir: tempfile::tempdir().expect("temp dir"),
        };
        copy_dir(&fixtures().join(name), &project.path().join("content"));
        project
    }

    /// An empty project folder.
    pub fn empty() -> Project {
        Project {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    /// A project whose content is the repository's default content.
    pub fn default_content() -> Project {
        let project = Project {
            dir: tempfile::tempdir().expect("temp dir"),
        };
        copy_dir(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("content"),
            &project.path().join("content"),
        );
        project
    }

    /// The valid fixture with an invalid case laid over it: the case's
    /// `content/`-relative files replace or join the valid ones, and its
    /// `templates/` folder becomes the project's templates.
    pub fn invalid(case: &str) -> Project {
        let project = Project::valid();
        let overlay = fixtures().join("invalid").join(case);
        assert!(overlay.is_dir(), "no fixture {}", overlay.display());
        for entry in std::fs::read_dir(&overlay).unwrap() {
            let entry = entry.unwrap();
            let name = entry.file_name();
            let target = if name == "templates" {
                project.path().join("templates")
            } else {
                project.path().join("content").join(&name)
            };
            if entry.file_type().unwrap().is_dir() {
                copy_dir(&entry.path(), &target);
            } else {
                std::fs::copy(entry.path(), target).unwrap();
            }
        }
        project
    }

    /// Writes a clinic's name and phone in place of the default
    /// content's placeholders (in every language's handout.yaml), as a
    /// clinic does before it publishes with `--deny-warnings`.
    pub fn fill_in_clinic(&self) {
        for file in ["content/handout.yaml", "content/handout.es.yaml"] {
            if self.path().join(file).is_file() {
                let text = self
                    .read(file)
                    .replace("name: Your clinic", "name: Riverside Spine")
                    .replace("name: Su clínica", "name: Riverside Spine")
                    .replace("phone: 555-0199", "phone: 555-0123");
                self.write(file, text);
            }
        }
    }

    /// Prints `only` (`pdf`, `checklist`) of the library, in large print
    /// or not, and the example patient's program in English
    /// (`patient-en.yaml`) and Spanish (`patient-es.yaml`) at the same
    /// print size: the PDFs the page tests read back.
    pub fn print_with_example_patients(&self, only: &str, large_print: bool) {
        let patient = self.read("content/docs/example-patient.yaml");
        let patient = patient.replace("large_print: true", &format!("large_print: {large_print}"));
        self.write("patient-en.yaml", &patient);
        self.write(
            "patient-es.yaml",
            patient.replace("language: en", "language: es"),
        );
        let mut args = vec!["build", "--only", only];
        if large_print {
            args.push("--large-print");
        }
        let run = self.run(&args);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let run = self.run(&["program", "patient-en.yaml", "patient-es.yaml"]);
        assert_eq!(run.code, 0, "{}", run.stderr);
    }

    /// The project folder.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes a file in the project, making its folders.
    pub fn write(&self, relative: &str, bytes: impl AsRef<[u8]>) {
        let path = self.path().join(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }

    /// Reads a file of the project as text.
    pub fn read(&self, relative: &str) -> String {
        std::fs::read_to_string(self.path().join(relative))
            .unwrap_or_else(|e| panic!("{relative}: {e}"))
    }

    /// Runs `handout` with these arguments in the project folder.
    pub fn run(&self, args: &[&str]) -> Run {
        self.run_with_env(args, &[])
    }

    /// Runs `handout` with these arguments and these environment
    /// variables besides the clean ones.
    pub fn run_with_env(&self, args: &[&str], variables: &[(&str, &str)]) -> Run {
        let output = Command::new(env!("CARGO_BIN_EXE_handout"))
            .args(args)
            .current_dir(self.path())
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("SOURCE_DATE_EPOCH", "1767225600")
            .envs(variables.iter().copied())
            .output()
            .expect("run handout");
        Run {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }

    /// Every file under a folder of the project, with its bytes, sorted.
    pub fn snapshot_files(&self, relative: &str) -> Vec<(String, Vec<u8>)> {
        let root = self.path().join(relative);
        let mut files: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(&root)
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                let name = e
                    .path()
                    .strip_prefix(&root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                (name, std::fs::read(e.path()).unwrap())
            })
            .collect();
        files.sort();
        files
    }
}

/// Copies a folder recursively.
pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from)
        .into_iter()
        .filter_map(Result::ok)
    {
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A shipped word catalogue's text (`templates/words/<language>.ftl`).
pub fn words_catalogue(language: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("templates/words")
        .join(format!("{language}.ftl"));
    std::fs::read_to_string(path).expect("a shipped catalogue")
}

/// The text of one of handout's built-in templates (`site/base.html`), to
/// start a test's own from.
pub fn built_in_template(name: &str) -> &'static str {
    handout::templates::BUILT_IN
        .iter()
        .find(|(built_in, _)| *built_in == name)
        .unwrap_or_else(|| panic!("no built-in template {name}"))
        .1
}
