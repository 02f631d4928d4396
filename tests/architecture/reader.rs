//! Reads the crate's source the way the compiler finds it: from `lib.rs`
//! and `main.rs` through every `mod` declaration, parsed by `syn`. Code
//! under `#[cfg(test)]` (an item, an inline module, or a module file
//! declared so) is left out wherever it stands in a file. Every path the
//! code names (in `use` trees however nested, types, expressions,
//! patterns, attributes' paths and macro arguments) is resolved as Rust
//! resolves it: `crate::`, `self::`, any number of `super::`, a child
//! module, a name a `use` brought in (followed through re-exports and
//! globs), or an outside crate.

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::{TokenStream, TokenTree};
use syn::visit::Visit;

/// Source files by their path in the project (`src/layout/mod.rs`).
pub type Files = BTreeMap<String, String>;

/// A module's path from the crate root: `[]` is `lib.rs`, `["layout",
/// "cells"]` is `src/layout/cells.rs`. The binary's root is [`MAIN`].
pub type ModPath = Vec<String>;

/// The module path standing for `src/main.rs`, whose `handout::` paths
/// name the library.
pub const MAIN: &str = "<main>";

/// Where a path leads.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Target {
    /// A module of this crate (the one that defines the named item, or
    /// re-exports it from an outside crate).
    Module(ModPath),
    /// An outside crate, by its name in code (`pdf_writer`).
    External(String),
}

/// One path named by non-test code, resolved.
#[derive(Debug, Clone)]
pub struct Reference {
    pub from: ModPath,
    pub file: String,
    pub line: usize,
    pub path: String,
    pub target: Target,
}

#[derive(Debug, Default)]
struct Module {
    file: String,
    /// Child modules (declared here, test ones left out).
    children: BTreeSet<String>,
    /// Items defined here, by name.
    defines: BTreeSet<String>,
    /// Names brought in by `use`, with the path as written.
    imports: BTreeMap<String, Vec<String>>,
    /// `use x::*`, as written.
    globs: Vec<Vec<String>>,
    /// Paths named by the code, as written, with their line.
    named: Vec<(Vec<String>, usize)>,
}

/// The crate as read: its modules and what each names.
pub struct Crate {
    modules: BTreeMap<ModPath, Module>,
    externals: BTreeSet<String>,
    /// Files that do not parse or a `mod` whose file is missing.
    pub problems: Vec<String>,
}

/// Outside names a path may start with that are not this crate's.
const PRELUDE_CRATES: &[&str] = &["std", "core", "alloc"];

impl Crate {
    /// Reads the crate from its files. `externals` are the outside crates
    /// (Cargo.toml's dependencies, with `-` as `_`).
    pub fn read(files: &Files, externals: BTreeSet<String>) -> Crate {
        let mut krate = Crate {
            modules: BTreeMap::new(),
            externals,
            problems: Vec::new(),
        };
        krate.load(files, "src/lib.rs", Vec::new(), "src");
        krate.load(files, "src/main.rs", vec![MAIN.to_string()], "src");
        krate
    }

    /// Every module path and its file.
    pub fn modules(&self) -> impl Iterator<Item = (&ModPath, &str)> {
        self.modules.iter().map(|(p, m)| (p, m.file.as_str()))
    }

    fn load(&mut self, files: &Files, file: &str, path: ModPath, dir: &str) {
        let Some(text) = files.get(file) else {
            self.problems.push(format!("{file}: declared but missing"));
            return;
        };
        match syn::parse_file(text) {
            Ok(parsed) => self.items(files, file, &path, dir, &parsed.items),
            Err(error) => {
                let at = error.span().start();
                self.problems
                    .push(format!("{file}:{}:{}: {error}", at.line, at.column + 1));
            }
        }
    }

    /// The items of one module (`path`, written in `file`; its child
    /// module files live in `dir`).
    fn items(&mut self, files: &Files, file: &str, path: &ModPath, dir: &str, items: &[syn::Item]) {
        self.modules.entry(path.clone()).or_default().file = file.to_string();
        for item in items {
            if is_test_only(item_attrs(item)) {
                continue;
            }
            match item {
                syn::Item::Mod(module) => {
                    let name = module.ident.to_string();
                    let mut child = path.clone();
                    if path.first().is_some_and(|p| p == MAIN) {
                        child.clear();
                        child.push(MAIN.to_string());
                    }
                    child.push(name.clone());
                    let module_entry = self.modules.entry(path.clone()).or_default();
                    module_entry.children.insert(name.clone());
                    module_entry.defines.insert(name.clone());
                    let child_dir = format!("{dir}/{name}");
                    match &module.content {
                        Some((_, inner)) => self.items(files, file, &child, &child_dir, inner),
                        None => {
                            let flat = format!("{dir}/{name}.rs");
                            let nested = format!("{dir}/{name}/mod.rs");
                            let (child_file, child_dir) = if files.contains_key(&flat) {
                                (flat, child_dir)
                            } else {
                                (nested, child_dir)
                            };
                            self.load(files, &child_file, child, &child_dir);
                        }
                    }
                }
                syn::Item::Use(item_use) => {
                    let mut flat = Vec::new();
                    flatten_use(&item_use.tree, &mut Vec::new(), &mut flat);
                    let line = item_use.use_token.span.start().line;
                    let module = self.modules.entry(path.clone()).or_default();
                    for (segments, alias) in flat {
                        match alias {
                            Some(alias) if alias == "*" => module.globs.push(segments.clone()),
                            Some(alias) if alias != "_" => {
                                module.imports.insert(alias, segments.clone());
                            }
                            _ => {}
                        }
                        module.named.push((segments, line));
                    }
                }
                other => {
                    let module = self.modules.entry(path.clone()).or_default();
                    if let Some(name) = item_name(other) {
                        module.defines.insert(name);
                    }
                    let mut names = Names::default();
                    names.visit_item(other);
                    module.named.extend(names.found);
                }
            }
        }
    }

    /// Every path named by non-test code, resolved; paths that name
    /// nothing of this crate or an outside one (a local, `std`) are left
    /// out.
    pub fn references(&self) -> Vec<Reference> {
        let mut out = Vec::new();
        for (path, module) in &self.modules {
            for (segments, line) in &module.named {
                if let Some(target) = self.resolve(path, segments, 0) {
                    out.push(Reference {
                        from: path.clone(),
                        file: module.file.clone(),
                        line: *line,
                        path: segments.join("::"),
                        target,
                    });
                }
            }
        }
        out
    }

    /// Where `segments`, written in module `from`, lead.
    fn resolve(&self, from: &ModPath, segments: &[String], depth: usize) -> Option<Target> {
        if depth > 16 || segments.is_empty() {
            return None;
        }
        let in_main = from.first().is_some_and(|p| p == MAIN);
        let first = segments[0].as_str();
        let absolute: ModPath = match first {
            "crate" if in_main => return None,
            "crate" => segments[1..].to_vec(),
            "self" => [from.as_slice(), &segments[1..]].concat(),
            "super" => {
                let mut base = from.clone();
                let mut rest = segments;
                while rest.first().is_some_and(|s| s == "super") {
                    base.pop()?;
                    rest = &rest[1..];
                }
                [base.as_slice(), rest].concat()
            }
            "handout" if in_main => segments[1..].to_vec(),
            "Self" => return None,
            name => {
                let module = self.modules.get(from)?;
                if module.children.contains(name) {
                    [from.as_slice(), segments].concat()
                } else if let Some(import) = module.imports.get(name) {
                    if import.as_slice() == segments {
                        // `use pdf_writer;` names the crate itself.
                        return self.outside(name);
                    }
                    let target = self.resolve(from, import, depth + 1)?;
                    return match target {
                        Target::Module(base) => {
                            self.locate(&[base.as_slice(), &segments[1..]].concat(), depth + 1)
                        }
                        external => Some(external),
                    };
                } else if module.defines.contains(name) {
                    return Some(Target::Module(from.clone()));
                } else {
                    return self.outside(name);
                }
            }
        };
        self.locate(&absolute, depth)
    }

    fn outside(&self, name: &str) -> Option<Target> {
        (self.externals.contains(name) && !PRELUDE_CRATES.contains(&name))
            .then(|| Target::External(name.to_string()))
    }

    /// The module an absolute path leads to: its longest prefix that is a
    /// module, then through that module's imports when the next name is
    /// one (a re-export), or a glob's module that defines it.
    fn locate(&self, absolute: &[String], depth: usize) -> Option<Target> {
        if depth > 16 {
            return None;
        }
        let mut at = 0;
        while at < absolute.len() && self.modules.contains_key(&absolute[..=at]) {
            at += 1;
        }
        let base: ModPath = absolute[..at].to_vec();
        let module = self.modules.get(&base)?;
        let Some(next) = absolute.get(at) else {
            return Some(Target::Module(base));
        };
        if module.defines.contains(next) {
            return Some(Target::Module(base));
        }
        if let Some(import) = module.imports.get(next) {
            return match self.resolve(&base, import, depth + 1)? {
                Target::Module(to) => {
                    self.locate(&[to.as_slice(), &absolute[at + 1..]].concat(), depth + 1)
                }
                // A re-export of an outside crate's item: the module that
                // re-exports it is what the code depends on.
                Target::External(_) => Some(Target::Module(base)),
            };
        }
        for glob in &module.globs {
            if let Some(Target::Module(to)) = self.resolve(&base, glob, depth + 1)
                && self
                    .modules
                    .get(&to)
                    .is_some_and(|m| m.defines.contains(next) || m.imports.contains_key(next))
            {
                return self.locate(&[to.as_slice(), &absolute[at..]].concat(), depth + 1);
            }
        }
        Some(Target::Module(base))
    }

    /// The file a module is written in.
    pub fn file(&self, module: &ModPath) -> Option<&str> {
        self.modules.get(module).map(|m| m.file.as_str())
    }
}

/// The paths of a `use` tree, each with the name it brings in (`None` for
/// a group's `self` counted through its parent, `Some("*")` for a glob).
fn flatten_use(
    tree: &syn::UseTree,
    prefix: &mut Vec<String>,
    out: &mut Vec<(Vec<String>, Option<String>)>,
) {
    match tree {
        syn::UseTree::Path(path) => {
            prefix.push(path.ident.to_string());
            flatten_use(&path.tree, prefix, out);
            prefix.pop();
        }
        syn::UseTree::Name(name) => {
            let ident = name.ident.to_string();
            if ident == "self" {
                out.push((prefix.clone(), prefix.last().cloned()));
            } else {
                let mut path = prefix.clone();
                path.push(ident.clone());
                out.push((path, Some(ident)));
            }
        }
        syn::UseTree::Rename(rename) => {
            let ident = rename.ident.to_string();
            let path = if ident == "self" {
                prefix.clone()
            } else {
                let mut path = prefix.clone();
                path.push(ident);
                path
            };
            out.push((path, Some(rename.rename.to_string())));
        }
        syn::UseTree::Glob(_) => out.push((prefix.clone(), Some("*".to_string()))),
        syn::UseTree::Group(group) => {
            for tree in &group.items {
                flatten_use(tree, prefix, out);
            }
        }
    }
}

/// Whether attributes put an item under `#[cfg(test)]` (or a `cfg` that
/// needs `test`).
fn is_test_only(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|attr| {
        attr.path().is_ident("cfg")
            && match &attr.meta {
                syn::Meta::List(list) => {
                    let tokens = list.tokens.to_string();
                    !tokens.contains("not")
                        && tokens
                            .split(|c: char| !c.is_alphanumeric() && c != '_')
                            .any(|word| word == "test")
                }
                _ => false,
            }
    })
}

fn item_attrs(item: &syn::Item) -> &[syn::Attribute] {
    use syn::Item::*;
    match item {
        Const(i) => &i.attrs,
        Enum(i) => &i.attrs,
        ExternCrate(i) => &i.attrs,
        Fn(i) => &i.attrs,
        ForeignMod(i) => &i.attrs,
        Impl(i) => &i.attrs,
        Macro(i) => &i.attrs,
        Mod(i) => &i.attrs,
        Static(i) => &i.attrs,
        Struct(i) => &i.attrs,
        Trait(i) => &i.attrs,
        TraitAlias(i) => &i.attrs,
        Type(i) => &i.attrs,
        Union(i) => &i.attrs,
        Use(i) => &i.attrs,
        _ => &[],
    }
}

fn item_name(item: &syn::Item) -> Option<String> {
    use syn::Item::*;
    let ident = match item {
        Const(i) => &i.ident,
        Enum(i) => &i.ident,
        Fn(i) => &i.sig.ident,
        Static(i) => &i.ident,
        Struct(i) => &i.ident,
        Trait(i) => &i.ident,
        TraitAlias(i) => &i.ident,
        Type(i) => &i.ident,
        Union(i) => &i.ident,
        Macro(i) => i.ident.as_ref()?,
        _ => return None,
    };
    Some(ident.to_string())
}

/// Collects the paths of two or more segments an item's code names.
#[derive(Default)]
struct Names {
    found: Vec<(Vec<String>, usize)>,
}

impl<'ast> Visit<'ast> for Names {
    fn visit_item(&mut self, item: &'ast syn::Item) {
        if !is_test_only(item_attrs(item)) {
            syn::visit::visit_item(self, item);
        }
    }

    fn visit_item_use(&mut self, item: &'ast syn::ItemUse) {
        let mut flat = Vec::new();
        flatten_use(&item.tree, &mut Vec::new(), &mut flat);
        let line = item.use_token.span.start().line;
        self.found
            .extend(flat.into_iter().map(|(path, _)| (path, line)));
    }

    fn visit_path(&mut self, path: &'ast syn::Path) {
        if path.segments.len() >= 2 {
            let segments = path.segments.iter().map(|s| s.ident.to_string()).collect();
            let line = path.segments[0].ident.span().start().line;
            self.found.push((segments, line));
        }
        syn::visit::visit_path(self, path);
    }

    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        self.visit_path(&mac.path);
        paths_in_tokens(mac.tokens.clone(), &mut self.found);
    }
}

/// `a::b::c` sequences in a macro's tokens (its arguments are not parsed
/// as Rust until the macro expands).
fn paths_in_tokens(tokens: TokenStream, out: &mut Vec<(Vec<String>, usize)>) {
    fn flush(current: &mut Vec<String>, line: usize, out: &mut Vec<(Vec<String>, usize)>) {
        if current.len() >= 2 {
            out.push((std::mem::take(current), line));
        }
        current.clear();
    }
    let mut current: Vec<String> = Vec::new();
    let mut line = 0;
    let mut colons = 0;
    for tree in tokens {
        match tree {
            TokenTree::Ident(ident) => {
                if colons == 2 && !current.is_empty() {
                    current.push(ident.to_string());
                } else {
                    flush(&mut current, line, out);
                    line = ident.span().start().line;
                    current.push(ident.to_string());
                }
                colons = 0;
            }
            TokenTree::Punct(punct) if punct.as_char() == ':' && !current.is_empty() => {
                colons += 1;
                if colons > 2 {
                    flush(&mut current, line, out);
                    colons = 0;
                }
            }
            TokenTree::Group(group) => {
                flush(&mut current, line, out);
                colons = 0;
                paths_in_tokens(group.stream(), out);
            }
            _ => {
                flush(&mut current, line, out);
                colons = 0;
            }
        }
    }
    flush(&mut current, line, out);
}

/// Functions of non-test code longer than `limit` lines, as
/// `file::function` with their length.
pub fn long_functions(files: &Files, limit: usize) -> Vec<(String, usize)> {
    struct Long<'a> {
        file: &'a str,
        limit: usize,
        found: Vec<(String, usize)>,
    }
    impl Long<'_> {
        fn check(&mut self, name: &syn::Ident, block: &syn::Block) {
            let lines = block.brace_token.span.close().start().line
                - block.brace_token.span.open().start().line
                + 1;
            if lines > self.limit {
                self.found.push((format!("{}::{name}", self.file), lines));
            }
        }
    }
    impl<'ast> Visit<'ast> for Long<'_> {
        fn visit_item(&mut self, item: &'ast syn::Item) {
            if !is_test_only(item_attrs(item)) {
                syn::visit::visit_item(self, item);
            }
        }
        fn visit_item_fn(&mut self, f: &'ast syn::ItemFn) {
            if !is_test_only(&f.attrs) {
                self.check(&f.sig.ident, &f.block);
                syn::visit::visit_item_fn(self, f);
            }
        }
        fn visit_impl_item_fn(&mut self, f: &'ast syn::ImplItemFn) {
            if !is_test_only(&f.attrs) {
                self.check(&f.sig.ident, &f.block);
                syn::visit::visit_impl_item_fn(self, f);
            }
        }
    }
    let mut out = Vec::new();
    for (file, text) in files {
        let name = file.rsplit('/').next().unwrap_or_default();
        if name == "tests.rs" || name.ends_with("_tests.rs") || name == "fixtures.rs" {
            continue;
        }
        let Ok(parsed) = syn::parse_file(text) else {
            continue;
        };
        let mut long = Long {
            file,
            limit,
            found: Vec::new(),
        };
        long.visit_file(&parsed);
        out.extend(long.found);
    }
    out
}
