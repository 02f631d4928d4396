//! The shape of the code, kept by tests: the pipeline's arrows point one
//! way (content -> view -> outputs -> layout -> pdf -> output files), no
//! output imports another, and each outside crate with a module of its own
//! stays inside it. Read from the source, so a new `use` that breaks a rule
//! fails here.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The modules that render the publication: none may import another.
const OUTPUTS: &[&str] = &["site", "handout", "checklist", "sheet"];

/// Top-level module → the top-level modules its code (tests left out)
/// names as `crate::x`.
fn module_graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in rust_files(&src) {
        let relative = file.strip_prefix(&src).unwrap();
        if is_test_only(&file) {
            continue;
        }
        let top = relative
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy()
            .trim_end_matches(".rs")
            .to_string();
        if top == "lib" || top == "main" {
            continue;
        }
        let text = std::fs::read_to_string(&file).unwrap();
        let code = text
            .split("#[cfg(test)]\nmod tests")
            .next()
            .unwrap_or_default();
        let deps = graph.entry(top.clone()).or_default();
        for used in crate_paths(code) {
            if used != top {
                deps.insert(used);
            }
        }
    }
    graph
}

/// Whether a file holds only tests, which may reach anywhere (a layout
/// test writes a PDF to look at).
fn is_test_only(file: &Path) -> bool {
    let name = file.file_name().unwrap().to_string_lossy();
    name == "tests.rs" || name.ends_with("_tests.rs") || name == "fixtures.rs"
}

/// Every `.rs` file under a folder.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out
}

/// The first segment of every `crate::` path in the code, including the
/// members of `use crate::{a, b::c}`.
fn crate_paths(code: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let ident = |s: &str| -> String {
        s.chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect()
    };
    for (i, _) in code.match_indices("crate::") {
        let rest = &code[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let inner = &group[..group.find('}').unwrap_or(group.len())];
            out.extend(
                inner
                    .split(',')
                    .map(|item| ident(item.trim()))
                    .filter(|s| !s.is_empty()),
            );
        } else {
            let name = ident(rest);
            if !name.is_empty() {
                out.insert(name);
            }
        }
    }
    out
}

#[test]
fn no_output_imports_another() {
    let graph = module_graph();
    for output in OUTPUTS {
        let deps = &graph[*output];
        for other in OUTPUTS.iter().filter(|o| *o != output) {
            assert!(
                !deps.contains(*other),
                "{output} imports {other}: outputs share the view and `print`, never each other"
            );
        }
    }
}

#[test]
fn the_module_graph_has_no_cycle() {
    let graph = module_graph();
    // Depth-first search; a module met again on the current path closes a
    // cycle.
    fn visit(
        module: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) {
        if done.contains(module) {
            return;
        }
        if let Some(at) = path.iter().position(|m| m == module) {
            panic!("a cycle: {} -> {module}", path[at..].join(" -> "));
        }
        path.push(module.to_string());
        for dep in graph.get(module).into_iter().flatten() {
            visit(dep, graph, path, done);
        }
        path.pop();
        done.insert(module.to_string());
    }
    let mut done = BTreeSet::new();
    for module in graph.keys() {
        visit(module, &graph, &mut Vec::new(), &mut done);
    }
}

#[test]
fn the_pipeline_points_one_way() {
    let graph = module_graph();
    let uses = |a: &str, b: &str| graph.get(a).is_some_and(|deps| deps.contains(b));
    // The content knows nothing of views or outputs; the view nothing of
    // outputs; the typesetter nothing of content, views or outputs.
    for later in [
        "view",
        "site",
        "handout",
        "checklist",
        "sheet",
        "print",
        "layout",
        "pdf",
    ] {
        assert!(!uses("content", later), "content imports {later}");
    }
    for later in [
        "site",
        "handout",
        "checklist",
        "sheet",
        "print",
        "layout",
        "pdf",
    ] {
        assert!(!uses("view", later), "view imports {later}");
    }
    for earlier in [
        "content",
        "view",
        "site",
        "handout",
        "checklist",
        "sheet",
        "print",
    ] {
        assert!(!uses("layout", earlier), "layout imports {earlier}");
        assert!(!uses("pdf", earlier), "pdf imports {earlier}");
    }
}

#[test]
fn outside_crates_with_a_module_of_their_own_stay_in_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    // A home ending in `/` is a folder: the module's own submodules.
    let only_in: [(&str, &[&str]); 5] = [
        ("pdf_writer::", &["pdf.rs", "pdf/"]),
        ("subsetter::", &["pdf.rs", "pdf/"]),
        ("png::", &["pdf.rs", "pdf/"]),
        ("ttf_parser::", &["fonts/"]),
        ("serde_saphyr::", &["content/yaml.rs"]),
    ];
    for file in rust_files(&src) {
        let relative = file
            .strip_prefix(&src)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if is_test_only(&file) {
            continue;
        }
        let text = std::fs::read_to_string(&file).unwrap();
        let code = text.split("#[cfg(test)]").next().unwrap_or_default();
        for (path, homes) in only_in {
            let at_home = homes
                .iter()
                .any(|home| relative == *home || home.ends_with('/') && relative.starts_with(home));
            assert!(
                at_home || !code.contains(path),
                "{relative} uses {path}: only {homes:?} may"
            );
        }
    }
}

#[test]
fn the_graph_reader_sees_grouped_imports() {
    let found = crate_paths("use crate::{links, markdown::x};\nuse crate::view::ExerciseView;");
    assert_eq!(
        found.into_iter().collect::<Vec<_>>(),
        ["links", "markdown", "view"]
    );
}
