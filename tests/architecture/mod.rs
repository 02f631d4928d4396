//! The shape of the code, kept by tests: the pipeline's layers import only
//! the layers before them (content -> view -> outputs -> print -> layout
//! -> pdf, the foundation under all, the commands over all), no output
//! imports another, outside crates with a module of their own stay in it,
//! and no source file imports a file that imports it back.
//!
//! The source is read as the compiler reads it (`reader`, on `syn`): from
//! `lib.rs` and `main.rs` through every `mod`, test code left out wherever
//! it stands, every path resolved. The escapes a text search once let
//! through are test cases: each must be caught.

mod reader;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use reader::{Crate, Files, MAIN, ModPath, Target};

/// The layers, first to last: a module imports only modules of its own
/// layer (where `shared` says members may use each other) or earlier
/// ones. Every top-level module is in one.
const LAYERS: &[Layer] = &[
    Layer {
        name: "foundation",
        shared: true,
        members: &[
            "diag",
            "geom",
            "walk",
            "parallel",
            "theme",
            "fonts",
            "image",
            "qr",
            "links",
            "markdown",
            "figure",
            "write",
            "incremental",
        ],
    },
    Layer {
        name: "typesetter",
        shared: true,
        members: &["layout", "pdf"],
    },
    Layer {
        name: "content",
        shared: false,
        members: &["content"],
    },
    Layer {
        name: "words",
        shared: true,
        members: &["words", "templates"],
    },
    Layer {
        name: "plain language",
        shared: false,
        members: &["readability"],
    },
    Layer {
        name: "view",
        shared: false,
        members: &["view"],
    },
    Layer {
        name: "outputs",
        shared: true,
        members: &["outputs", "print"],
    },
    Layer {
        name: "the outputs",
        shared: false,
        members: &["site", "handout", "checklist", "sheet"],
    },
    Layer {
        name: "commands",
        shared: true,
        members: &[
            "cli", "scaffold", "manual", "serve", "patients", "commands", "lib", MAIN,
        ],
    },
];

struct Layer {
    name: &'static str,
    /// Whether members may import each other (acyclically: see
    /// [`source_files_import_no_file_that_imports_them_back`]).
    shared: bool,
    members: &'static [&'static str],
}

/// Outside crates that only one module may name (the module and its
/// submodules): the one place to change when the crate is replaced.
const HOMES: &[(&str, &str)] = &[
    ("pdf_writer", "pdf"),
    ("subsetter", "pdf"),
    ("png", "pdf"),
    ("flate2", "pdf"),
    ("ttf_parser", "fonts"),
    ("serde_saphyr", "content::yaml"),
    ("usvg", "image"),
    ("fast_qr", "qr"),
    ("httparse", "serve"),
    ("notify_debouncer_full", "serve"),
    ("annotate_snippets", "diag"),
    ("rustix", "write"),
    ("siphasher", "incremental"),
];

/// The crate's source files, as the project holds them.
fn source_files() -> Files {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Files::new();
    for entry in walkdir::WalkDir::new(root.join("src")) {
        let entry = entry.unwrap();
        if entry.path().extension().is_some_and(|e| e == "rs") {
            let name = entry.path().strip_prefix(root).unwrap();
            let name = name.to_string_lossy().replace('\\', "/");
            files.insert(name, std::fs::read_to_string(entry.path()).unwrap());
        }
    }
    files
}

/// The outside crates: Cargo.toml's dependencies, by their name in code.
fn outside_crates() -> BTreeSet<String> {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml");
    let manifest = std::fs::read_to_string(manifest).unwrap();
    let mut out = BTreeSet::new();
    let mut in_dependencies = false;
    for line in manifest.lines().map(str::trim) {
        if line.starts_with('[') {
            in_dependencies = line.ends_with("dependencies]");
        } else if in_dependencies
            && !line.starts_with('#')
            && let Some((name, _)) = line.split_once('=')
        {
            out.insert(name.trim().replace('-', "_"));
        }
    }
    out
}

fn read(files: &Files) -> Crate {
    let krate = Crate::read(files, outside_crates());
    assert_eq!(krate.problems, Vec::<String>::new(), "the source reads");
    krate
}

/// A module's top-level module (`lib` for the crate root).
fn top(module: &ModPath) -> &str {
    module.first().map_or("lib", String::as_str)
}

fn layer_of(module: &str) -> Option<(usize, &'static Layer)> {
    LAYERS
        .iter()
        .enumerate()
        .find(|(_, layer)| layer.members.contains(&module))
}

/// Imports that point against the layers, as "file:line: a (layer) imports
/// b (layer) through path".
fn layer_violations(krate: &Crate) -> Vec<String> {
    let mut out = BTreeSet::new();
    for (module, file) in krate.modules() {
        if layer_of(top(module)).is_none() {
            out.insert(format!(
                "{file}: `{}` is in no layer: add it to LAYERS in tests/architecture/mod.rs",
                top(module)
            ));
        }
    }
    for reference in krate.references() {
        let Target::Module(target) = &reference.target else {
            continue;
        };
        let (from, to) = (top(&reference.from), top(target));
        if from == to {
            continue;
        }
        let (Some((a, from_layer)), Some((b, to_layer))) = (layer_of(from), layer_of(to)) else {
            continue;
        };
        if b > a || (a == b && !from_layer.shared) {
            out.insert(format!(
                "{}:{}: {from} ({}) imports {to} ({}) through `{}`",
                reference.file, reference.line, from_layer.name, to_layer.name, reference.path
            ));
        }
    }
    out.into_iter().collect()
}

/// Outside crates named outside their home module.
fn home_violations(krate: &Crate) -> Vec<String> {
    let mut out = BTreeSet::new();
    for reference in krate.references() {
        let Target::External(name) = &reference.target else {
            continue;
        };
        let Some((_, home)) = HOMES.iter().find(|(crate_name, _)| crate_name == name) else {
            continue;
        };
        let home: Vec<&str> = home.split("::").collect();
        let at_home = reference.from.len() >= home.len()
            && reference.from.iter().zip(&home).all(|(a, b)| a == b);
        if !at_home {
            out.insert(format!(
                "{}:{}: uses {name} (`{}`): only {} may",
                reference.file,
                reference.line,
                reference.path,
                home.join("::")
            ));
        }
    }
    out.into_iter().collect()
}

/// File → the files its code imports.
fn file_graph(krate: &Crate) -> BTreeMap<String, BTreeSet<String>> {
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (_, file) in krate.modules() {
        graph.entry(file.to_string()).or_default();
    }
    for reference in krate.references() {
        if let Target::Module(target) = &reference.target
            && let Some(file) = krate.file(target)
            && file != reference.file
        {
            graph
                .entry(reference.file.clone())
                .or_default()
                .insert(file.to_string());
        }
    }
    graph
}

/// The groups of files that import each other around a loop (strongly
/// connected components of more than one file, Tarjan's algorithm), each
/// sorted.
fn cycles(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    struct Search<'a> {
        graph: &'a BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on_stack: BTreeSet<&'a str>,
        found: Vec<Vec<String>>,
    }
    impl<'a> Search<'a> {
        fn visit(&mut self, file: &'a str) {
            let n = self.index.len();
            self.index.insert(file, n);
            self.low.insert(file, n);
            self.stack.push(file);
            self.on_stack.insert(file);
            for next in self.graph.get(file).into_iter().flatten() {
                let next = next.as_str();
                if !self.index.contains_key(next) {
                    self.visit(next);
                    let low = self.low[file].min(self.low[next]);
                    self.low.insert(file, low);
                } else if self.on_stack.contains(next) {
                    let low = self.low[file].min(self.index[next]);
                    self.low.insert(file, low);
                }
            }
            if self.low[file] == self.index[file] {
                let mut group = Vec::new();
                while let Some(member) = self.stack.pop() {
                    self.on_stack.remove(member);
                    group.push(member.to_string());
                    if member == file {
                        break;
                    }
                }
                if group.len() > 1 {
                    group.sort();
                    self.found.push(group);
                }
            }
        }
    }
    let mut search = Search {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        found: Vec::new(),
    };
    for file in graph.keys() {
        if !search.index.contains_key(file.as_str()) {
            search.visit(file);
        }
    }
    search.found.sort();
    search.found
}

/// One import that closes each cycle, to say where to cut.
fn describe(group: &[String], graph: &BTreeMap<String, BTreeSet<String>>) -> String {
    let edges: Vec<String> = group
        .iter()
        .flat_map(|a| {
            graph[a]
                .iter()
                .filter(|b| group.contains(b))
                .map(move |b| format!("{a} -> {b}"))
        })
        .collect();
    edges.join(", ")
}

#[test]
fn every_layer_imports_only_the_layers_before_it() {
    let violations = layer_violations(&read(&source_files()));
    assert!(violations.is_empty(), "{}", violations.join("\n"));
}

#[test]
fn outside_crates_with_a_module_of_their_own_stay_in_it() {
    let violations = home_violations(&read(&source_files()));
    assert!(violations.is_empty(), "{}", violations.join("\n"));
}

#[test]
fn source_files_import_no_file_that_imports_them_back() {
    let graph = file_graph(&read(&source_files()));
    let found: Vec<String> = cycles(&graph)
        .iter()
        .map(|group| describe(group, &graph))
        .collect();
    assert!(
        found.is_empty(),
        "files that import each other:\n{}",
        found.join("\n")
    );
}

/// The real source with one file changed.
fn with(file: &str, change: impl FnOnce(&str) -> String) -> Crate {
    let mut files = source_files();
    let text = files.get(file).unwrap().clone();
    files.insert(file.to_string(), change(&text));
    read(&files)
}

#[test]
fn an_import_after_a_test_module_is_read() {
    // The old check read a file only up to `#[cfg(test)] mod tests;`.
    let krate = with("src/write/mod.rs", |text| {
        let at = text.find("#[cfg(test)]\nmod tests;").unwrap();
        let end = at + "#[cfg(test)]\nmod tests;".len();
        format!("{}\nuse crate::site;\n{}", &text[..end], &text[end..])
    });
    let violations = layer_violations(&krate);
    assert!(
        violations
            .iter()
            .any(|v| v.contains("write (foundation) imports site (the outputs)")),
        "{violations:?}"
    );
}

#[test]
fn an_outside_crate_in_lib_after_its_first_test_item_is_read() {
    // The old check skipped lib.rs, and read files up to `#[cfg(test)]`.
    let krate = with("src/lib.rs", |text| {
        let at = text.find("#[cfg(test)]").unwrap();
        let end = at + text[at..].find(";\n").unwrap() + 2;
        format!(
            "{}pub fn escape(_: pdf_writer::Ref) {{}}\n{}",
            &text[..end],
            &text[end..]
        )
    });
    let violations = home_violations(&krate);
    assert!(
        violations
            .iter()
            .any(|v| v.starts_with("src/lib.rs:") && v.contains("uses pdf_writer")),
        "{violations:?}"
    );
}

#[test]
fn a_nested_group_import_is_read_whole() {
    // The old check stopped at the first `}`.
    let krate = with("src/site/mod.rs", |text| {
        format!("{text}\nuse crate::{{view::{{self}}, handout::Handout}};\n")
    });
    let violations = layer_violations(&krate);
    assert!(
        violations
            .iter()
            .any(|v| v.contains("site (the outputs) imports handout (the outputs)")),
        "{violations:?}"
    );
}

#[test]
fn super_super_is_resolved() {
    // The old check read only `crate::` paths.
    let krate = with("src/content/validate.rs", |text| {
        format!("{text}\nuse super::super::view;\n")
    });
    let violations = layer_violations(&krate);
    assert!(
        violations
            .iter()
            .any(|v| v.contains("content (content) imports view (view)")),
        "{violations:?}"
    );
}

#[test]
fn a_cycle_through_a_re_export_is_found() {
    // geom imports nothing of the crate; make it use a type the theme
    // re-exports from itself, and the theme already uses geom.
    let krate = with("src/geom.rs", |text| {
        format!("{text}\npub fn escape(_: &crate::theme::Palette) {{}}\n")
    });
    let graph = file_graph(&krate);
    assert!(
        cycles(&graph)
            .iter()
            .any(|g| g.contains(&"src/geom.rs".to_string())
                && g.contains(&"src/theme.rs".to_string())),
        "{:?}",
        cycles(&graph)
    );
}

#[test]
fn a_module_with_submodules_is_a_folder_with_its_mod_rs() {
    // One convention: `layout/mod.rs`, never `layout.rs` beside `layout/`.
    let files = source_files();
    let both: Vec<&String> = files
        .keys()
        .filter(|file| {
            file.strip_suffix(".rs")
                .is_some_and(|stem| files.keys().any(|f| f.starts_with(&format!("{stem}/"))))
        })
        .collect();
    assert!(
        both.is_empty(),
        "move each to its folder's mod.rs: {both:?}"
    );
}

/// The longest a function may be, in lines.
const LONGEST: usize = 100;

#[test]
fn no_function_is_longer_than_a_hundred_lines() {
    let long: Vec<String> = reader::long_functions(&source_files(), LONGEST)
        .iter()
        .map(|(name, lines)| format!("{name}: {lines} lines"))
        .collect();
    assert!(long.is_empty(), "take these apart:\n{}", long.join("\n"));
}
