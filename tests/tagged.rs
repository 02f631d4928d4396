//! Tagged PDF (PDF/UA-1): the structure tree of the default handout and
//! checklist, read back with the tests' reader (support/pdf.rs). A screen
//! reader reads the tree, so these tests read it the same way: element by
//! element, each marked-content id (MCID) resolved to the text it marks on
//! its page.

use std::collections::{BTreeMap, BTreeSet};

use crate::support::pdf::content::Content;
use crate::support::pdf::{Dictionary, Document, Encoding, Object, ObjectId};

use crate::support::Project;

/// A structure element as read from the file.
#[derive(Debug, Default)]
struct Node {
    /// Its structure type: `H1`, `P`, `LI`…
    kind: String,
    /// `/Alt`, for a figure.
    alt: Option<String>,
    /// `/ID`, for a note.
    id: Option<String>,
    /// `/A /Scope` or `/A /ListNumbering`, when it has one.
    attribute: Option<String>,
    /// All the text under it, in reading order (its own marked content
    /// and its children's, as its kids come).
    text: String,
    /// Its own marked content: (page index, MCID).
    content: Vec<(usize, i64)>,
    /// Link annotations it holds (`OBJR`).
    annotations: usize,
    children: Vec<Node>,
}

impl Node {
    /// This element and everything under it, depth first (reading order).
    fn walk(&self) -> Vec<&Node> {
        let mut out = vec![self];
        for c in &self.children {
            out.extend(c.walk());
        }
        out
    }
}

/// A page's marked content: the text of each MCID, and the text inside
/// `/Artifact` sequences.
#[derive(Debug, Default)]
struct PageText {
    by_mcid: BTreeMap<i64, String>,
    artifacts: String,
    /// The same text in its runs of artifacts between content: a
    /// "continued" head above the content, the header and footer after.
    artifact_runs: Vec<String>,
}

/// Reads each page's content stream, decoding shown text with the fonts'
/// ToUnicode maps, and files it under the marked-content sequence it is in.
fn page_texts(doc: &Document) -> Vec<PageText> {
    let mut out = Vec::new();
    for (_, page) in doc.get_pages() {
        let fonts = doc.get_page_fonts(page).expect("fonts");
        let encodings: BTreeMap<Vec<u8>, Encoding<'_>> = fonts
            .into_iter()
            .map(|(name, font)| (name, font.get_font_encoding(doc).expect("an encoding")))
            .collect();
        let content = Content::decode(&doc.get_page_content(page)).unwrap();
        let mut text = PageText::default();
        // The open sequences: Some(MCID), or None for an artifact.
        let mut open: Vec<Option<i64>> = Vec::new();
        let mut after_content = false;
        let mut encoding = None;
        for op in &content.operations {
            match op.operator.as_str() {
                "BDC" => {
                    let props = op.operands.get(1).and_then(|o| o.as_dict().ok());
                    let mcid = props.and_then(|d| d.get(b"MCID").ok()?.as_i64().ok());
                    assert!(open.is_empty(), "nested marked content");
                    assert!(mcid.is_some(), "a BDC without an MCID: {op:?}");
                    let mcid = mcid.unwrap();
                    assert!(
                        text.by_mcid.insert(mcid, String::new()).is_none(),
                        "MCID {mcid} twice on a page"
                    );
                    open.push(Some(mcid));
                }
                "BMC" => {
                    assert_eq!(op.operands[0].as_name().unwrap(), b"Artifact");
                    assert!(open.is_empty(), "nested marked content");
                    open.push(None);
                }
                "EMC" => {
                    open.pop().expect("an EMC without a BMC or BDC");
                }
                "Tf" => {
                    encoding = encodings.get(op.operands[0].as_name().unwrap());
                }
                "Tj" | "TJ" => {
                    let strings: Vec<&Object> = match &op.operands[0] {
                        Object::Array(items) => items.iter().collect(),
                        other => vec![other],
                    };
                    let mut shown = String::new();
                    for s in strings {
                        if let Object::String(bytes, _) = s {
                            let encoding = encoding.expect("a font before text");
                            shown += &Document::decode_text(encoding, bytes).unwrap();
                        }
                    }
                    match open.last() {
                        Some(Some(mcid)) => {
                            text.by_mcid.get_mut(mcid).unwrap().push_str(&shown);
                            after_content = true;
                        }
                        Some(None) => {
                            text.artifacts.push_str(&shown);
                            if after_content || text.artifact_runs.is_empty() {
                                text.artifact_runs.push(String::new());
                            }
                            after_content = false;
                            text.artifact_runs.last_mut().unwrap().push_str(&shown);
                        }
                        None => panic!("text outside marked content: {shown:?}"),
                    }
                }
                _ => {}
            }
        }
        assert!(open.is_empty(), "a marked-content sequence left open");
        out.push(text);
    }
    out
}

/// The structure tree under `/StructTreeRoot`, with each element's text;
/// also counts how often each (page, MCID) is reached.
fn structure_tree(
    doc: &Document,
    texts: &[PageText],
    seen: &mut BTreeMap<(usize, i64), usize>,
) -> Node {
    let pages: BTreeMap<ObjectId, usize> = doc
        .get_pages()
        .values()
        .enumerate()
        .map(|(i, id)| (*id, i))
        .collect();
    let catalog = doc.catalog().unwrap();
    let root = doc
        .get_dictionary(
            catalog
                .get(b"StructTreeRoot")
                .unwrap()
                .as_reference()
                .unwrap(),
        )
        .unwrap();
    let top = root.get(b"K").unwrap().as_reference().unwrap();
    element(doc, doc.get_dictionary(top).unwrap(), &pages, texts, seen)
}

fn element(
    doc: &Document,
    dict: &Dictionary,
    pages: &BTreeMap<ObjectId, usize>,
    texts: &[PageText],
    seen: &mut BTreeMap<(usize, i64), usize>,
) -> Node {
    let page_of = |d: &Dictionary| {
        d.get(b"Pg")
            .ok()
            .and_then(|p| p.as_reference().ok())
            .and_then(|id| pages.get(&id).copied())
    };
    let own_page = page_of(dict);
    let mut node = Node {
        kind: String::from_utf8_lossy(dict.get(b"S").unwrap().as_name().unwrap()).into_owned(),
        alt: dict.get(b"Alt").ok().map(decode),
        id: dict.get(b"ID").ok().map(decode),
        attribute: dict
            .get(b"A")
            .ok()
            .and_then(|a| a.as_dict().ok())
            .and_then(|a| {
                let value = a.get(b"Scope").or_else(|_| a.get(b"ListNumbering")).ok()?;
                Some(String::from_utf8_lossy(value.as_name().ok()?).into_owned())
            }),
        ..Node::default()
    };
    let kids = match dict.get(b"K") {
        Ok(Object::Array(kids)) => kids.clone(),
        Ok(kid) => vec![kid.clone()],
        Err(_) => Vec::new(),
    };
    let mcr =
        |node: &mut Node, seen: &mut BTreeMap<(usize, i64), usize>, page: usize, mcid: i64| {
            *seen.entry((page, mcid)).or_default() += 1;
            node.content.push((page, mcid));
            let text = texts[page].by_mcid.get(&mcid);
            node.text += text.unwrap_or_else(|| panic!("no MCID {mcid} on page {page}"));
        };
    for kid in kids {
        match kid {
            Object::Integer(mcid) => {
                mcr(&mut node, seen, own_page.expect("a /Pg for an MCID"), mcid);
            }
            Object::Dictionary(d)
                if d.get(b"Type").ok() == Some(&Object::Name(b"MCR".to_vec())) =>
            {
                let page = page_of(&d).or(own_page).expect("a page");
                mcr(
                    &mut node,
                    seen,
                    page,
                    d.get(b"MCID").unwrap().as_i64().unwrap(),
                );
            }
            Object::Dictionary(d)
                if d.get(b"Type").ok() == Some(&Object::Name(b"OBJR".to_vec())) =>
            {
                let annotation = doc
                    .get_dictionary(d.get(b"Obj").unwrap().as_reference().unwrap())
                    .unwrap();
                assert!(
                    annotation.get(b"StructParent").is_ok(),
                    "an annotation without /StructParent"
                );
                assert!(
                    annotation.get(b"Contents").is_ok(),
                    "a link without /Contents"
                );
                node.annotations += 1;
            }
            Object::Reference(id) => {
                let child = doc.get_dictionary(id).unwrap();
                assert_eq!(
                    child.get(b"P").unwrap().as_reference().unwrap(),
                    doc_id(doc, dict),
                    "a child's /P is not its parent"
                );
                let child = element(doc, child, pages, texts, seen);
                node.text += &child.text;
                node.children.push(child);
            }
            other => panic!("unexpected kid {other:?}"),
        }
    }
    node
}

/// The object id of a dictionary that is an object of its own.
fn doc_id(doc: &Document, dict: &Dictionary) -> ObjectId {
    *doc.objects
        .iter()
        .find(|(_, o)| o.as_dict().ok().is_some_and(|d| std::ptr::eq(d, dict)))
        .map(|(id, _)| id)
        .expect("an indirect element")
}

fn decode(o: &Object) -> String {
    let bytes = o.as_str().expect("a string");
    match bytes.strip_prefix(&[0xfe, 0xff]) {
        Some(utf16) => String::from_utf16_lossy(
            &utf16
                .chunks(2)
                .map(|c| u16::from_be_bytes([c[0], c[1]]))
                .collect::<Vec<_>>(),
        ),
        None => String::from_utf8_lossy(bytes).into_owned(),
    }
}

/// The tree as indented lines: type, alt text, then the start of its text.
fn outline_of(node: &Node, depth: usize) -> String {
    let text: String = node.text.chars().take(60).collect();
    let alt = node
        .alt
        .as_deref()
        .map(|a| format!(" alt={a:?}"))
        .unwrap_or_default();
    let mut out = format!("{}{}{alt} {text:?}\n", "  ".repeat(depth), node.kind);
    for c in &node.children {
        out += &outline_of(c, depth + 1);
    }
    out
}

/// Text with each run of whitespace as one space.
fn words(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Text without any whitespace: line breaks and word spacing differ
/// between the ways of reading it.
fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The outline's titles, depth first, with their depth (1 or 2).
fn outline(doc: &Document) -> Vec<(usize, String)> {
    fn items(doc: &Document, first: Option<&Object>, depth: usize, out: &mut Vec<(usize, String)>) {
        let mut next = first.and_then(|o| o.as_reference().ok());
        while let Some(id) = next {
            let item = doc.get_dictionary(id).unwrap();
            out.push((depth, decode(item.get(b"Title").unwrap())));
            items(doc, item.get(b"First").ok(), depth + 1, out);
            next = item.get(b"Next").ok().and_then(|o| o.as_reference().ok());
        }
    }
    let root = doc
        .catalog()
        .unwrap()
        .get(b"Outlines")
        .unwrap()
        .as_reference()
        .unwrap();
    let mut out = Vec::new();
    items(
        doc,
        doc.get_dictionary(root).unwrap().get(b"First").ok(),
        1,
        &mut out,
    );
    out
}

/// The default content built once: its handout and checklist, read.
struct Built {
    project: Project,
    handout: Document,
    checklist: Document,
}

fn built() -> Built {
    let project = Project::default_content();
    let run = project.run(&["build", "--only", "pdf"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let load = |name: &str| {
        Document::load(project.path().join("output").join(name)).expect("the reader reads it")
    };
    Built {
        handout: load("handout.pdf"),
        checklist: load("checklist.pdf"),
        project,
    }
}

/// The standard structure types of ISO 32000-1, 14.8.4.
const STANDARD_TYPES: &[&str] = &[
    "Document",
    "Part",
    "Art",
    "Sect",
    "Div",
    "BlockQuote",
    "Caption",
    "TOC",
    "TOCI",
    "Index",
    "NonStruct",
    "Private",
    "P",
    "H",
    "H1",
    "H2",
    "H3",
    "H4",
    "H5",
    "H6",
    "L",
    "LI",
    "Lbl",
    "LBody",
    "Table",
    "TR",
    "TH",
    "TD",
    "THead",
    "TBody",
    "TFoot",
    "Span",
    "Quote",
    "Note",
    "Reference",
    "BibEntry",
    "Code",
    "Link",
    "Annot",
    "Ruby",
    "RB",
    "RT",
    "RP",
    "Warichu",
    "WT",
    "WP",
    "Figure",
    "Formula",
    "Form",
];

/// Checks what holds for every tagged PDF, and returns its tree and its
/// pages' text.
fn checked_tree(doc: &Document) -> (Node, Vec<PageText>) {
    let catalog = doc.catalog().unwrap();
    let marked = catalog.get(b"MarkInfo").unwrap().as_dict().unwrap();
    assert!(marked.get(b"Marked").unwrap().as_bool().unwrap());
    assert!(!decode(catalog.get(b"Lang").unwrap()).is_empty());
    let metadata = doc
        .get_object(catalog.get(b"Metadata").unwrap().as_reference().unwrap())
        .unwrap()
        .as_stream()
        .unwrap();
    let xmp = String::from_utf8_lossy(&metadata.content).into_owned();
    assert!(xmp.contains("<pdfuaid:part>1</pdfuaid:part>"), "{xmp}");
    assert!(xmp.contains("<dc:title>"), "{xmp}");

    let texts = page_texts(doc);
    let mut seen = BTreeMap::new();
    let tree = structure_tree(doc, &texts, &mut seen);
    assert_eq!(tree.kind, "Document");
    // Every structure type is a standard one of PDF 1.7, or the role map
    // makes it one.
    let root = catalog
        .get(b"StructTreeRoot")
        .unwrap()
        .as_reference()
        .unwrap();
    let root = doc.get_dictionary(root).unwrap();
    let role_map = root.get(b"RoleMap").ok().and_then(|m| m.as_dict().ok());
    for node in tree.walk() {
        let kind = match role_map.and_then(|m| m.get(node.kind.as_bytes()).ok()) {
            Some(mapped) => String::from_utf8_lossy(mapped.as_name().unwrap()).into_owned(),
            None => node.kind.clone(),
        };
        assert!(
            STANDARD_TYPES.contains(&kind.as_str()),
            "{} is not a standard type",
            node.kind
        );
    }
    // Every note has an ID, and no two the same (Matterhorn 19).
    let notes: Vec<&Node> = tree
        .walk()
        .into_iter()
        .filter(|n| n.kind == "Note")
        .collect();
    let ids: BTreeSet<&str> = notes.iter().filter_map(|n| n.id.as_deref()).collect();
    assert_eq!(ids.len(), notes.len(), "a note without an ID, or two alike");
    // Every MCID of every page is reached from the tree exactly once.
    let all: BTreeSet<(usize, i64)> = texts
        .iter()
        .enumerate()
        .flat_map(|(p, t)| t.by_mcid.keys().map(move |m| (p, *m)))
        .collect();
    let reached: BTreeSet<(usize, i64)> = seen.keys().copied().collect();
    assert_eq!(all, reached, "MCIDs on the pages and in the tree differ");
    assert!(seen.values().all(|n| *n == 1), "an MCID reached twice");
    // Each page points into the parent tree; pages with links tab in
    // structure order.
    for (n, (_, page)) in doc.get_pages().into_iter().enumerate() {
        let page = doc.get_dictionary(page).unwrap();
        assert_eq!(
            page.get(b"StructParents").unwrap().as_i64().unwrap(),
            n as i64
        );
        if page
            .get(b"Annots")
            .is_ok_and(|a| !a.as_array().unwrap().is_empty())
        {
            assert_eq!(page.get(b"Tabs").unwrap().as_name().unwrap(), b"S");
        }
    }
    (tree, texts)
}

#[test]
fn the_handout_reads_in_order_with_headings_steps_figures_and_boxes() {
    let built = built();
    let doc = &built.handout;
    let (tree, texts) = checked_tree(doc);
    let nodes = tree.walk();
    if let Some(dir) = std::env::var_os("HANDOUT_TEST_OUT") {
        std::fs::write(
            std::path::Path::new(&dir).join("handout-tree.txt"),
            outline_of(&tree, 0),
        )
        .unwrap();
    }

    // Headings: levels 1 and 2 are the outline, in order, word for word
    // (a heading set on two lines keeps the space between its lines).
    let headings: Vec<(usize, String)> = nodes
        .iter()
        .filter(|n| matches!(n.kind.as_str(), "H1" | "H2"))
        .map(|n| (if n.kind == "H1" { 1 } else { 2 }, n.text.clone()))
        .collect();
    let outline: Vec<(usize, String)> = outline(doc);
    assert_eq!(
        headings
            .iter()
            .map(|(l, t)| (*l, words(t)))
            .collect::<Vec<_>>(),
        outline
            .iter()
            .map(|(l, t)| (*l, words(t)))
            .collect::<Vec<_>>()
    );
    // No level is skipped going down (Matterhorn 14-003).
    let mut level = 0;
    for n in &nodes {
        if let Some(l) = n
            .kind
            .strip_prefix('H')
            .and_then(|l| l.parse::<usize>().ok())
        {
            assert!(l <= level + 1, "H{l} after H{level}");
            level = l;
        }
    }

    // Each exercise: its steps are one numbered list with one item a
    // step, and its figure carries its alt text.
    let prepared = handout::Prepared::load(
        &built.project.path().join("content"),
        &built.project.path().join("templates"),
        false,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert!(!prepared.project().exercises.is_empty());
    for exercise in &prepared.project().exercises {
        let start = nodes
            .iter()
            .position(|n| n.kind == "H2" && words(&n.text) == words(&exercise.title))
            .unwrap_or_else(|| panic!("no H2 for {}", exercise.title));
        let end = nodes[start + 1..]
            .iter()
            .position(|n| matches!(n.kind.as_str(), "H1" | "H2"))
            .map_or(nodes.len(), |i| start + 1 + i);
        let section = &nodes[start..end];
        let lists: Vec<&&Node> = section
            .iter()
            .filter(|n| n.kind == "L" && n.attribute.as_deref() == Some("Decimal"))
            .collect();
        assert_eq!(lists.len(), 1, "{}: numbered lists", exercise.title);
        let items: Vec<&Node> = lists[0]
            .children
            .iter()
            .filter(|c| c.kind == "LI")
            .collect();
        assert_eq!(
            items.len(),
            exercise.steps.len(),
            "{}: steps",
            exercise.title
        );
        for (i, item) in items.iter().enumerate() {
            let kinds: Vec<&str> = item.children.iter().map(|c| c.kind.as_str()).collect();
            assert_eq!(
                kinds,
                ["Lbl", "LBody"],
                "{}: step {}",
                exercise.title,
                i + 1
            );
            assert_eq!(item.children[0].text, format!("{}.", i + 1));
        }
        if let Some(figure) = &exercise.figure {
            let alts: Vec<&str> = section
                .iter()
                .filter(|n| n.kind == "Figure")
                .filter_map(|n| n.alt.as_deref())
                .collect();
            assert_eq!(alts, [figure.alt.trim()], "{}: figure", exercise.title);
            // A figure beside the steps is read after them, though it is
            // printed from the first step down; one above them (two
            // panels of a body lying down), before them. Its caption
            // always follows it.
            let at = |kind: &str| section.iter().position(|n| n.kind == kind);
            let (steps, figure_at, caption) = (
                section.iter().position(|n| std::ptr::eq(*n, *lists[0])),
                at("Figure"),
                at("Caption"),
            );
            assert!(
                figure_at < caption && (steps < figure_at || caption < steps),
                "{}: order",
                exercise.title
            );
            let caption = &section[caption.unwrap()].text;
            assert_eq!(words(caption), words(&figure.alt), "{}", exercise.title);
        }
        // The dose box is an Aside, read label first.
        let note = section
            .iter()
            .find(|n| n.kind == "Aside")
            .unwrap_or_else(|| panic!("{}: no dose box", exercise.title));
        assert!(note.text.starts_with("How much"), "{}", note.text);
    }
    // Every figure has alt text.
    for n in nodes.iter().filter(|n| n.kind == "Figure") {
        assert!(n.alt.as_deref().is_some_and(|a| !a.trim().is_empty()));
    }

    // Nothing of the header or footer is in the tree: it is artifact.
    let title = &prepared.project().settings.title;
    let pages = texts.len();
    for (n, page) in texts.iter().enumerate().skip(1) {
        let furniture = squeeze(&page.artifacts);
        assert!(
            furniture.contains(&squeeze(&format!("Page {} of {pages}", n + 1))),
            "{furniture}"
        );
        assert!(furniture.contains(&squeeze(title)), "{furniture}");
    }
    let read = squeeze(&tree.text);
    assert!(!read.contains("Page2of"), "a page number is read out");

    // Reading order: the tree's text in order is the text of the pages in
    // the order the typesetter wrote it (steps before the figure caption
    // beside them, box labels before box text), without the furniture.
    let mut expected = String::new();
    for page in 1..=pages as u32 {
        expected += &doc.extract_text(&[page]).unwrap();
    }
    let mut expected = squeeze(&expected);
    for furniture in texts.iter().flat_map(|page| &page.artifact_runs) {
        let furniture = squeeze(furniture);
        if let Some(at) = expected.find(&furniture) {
            expected.replace_range(at..at + furniture.len(), "");
        }
    }
    assert_eq!(read, expected);
}

#[test]
fn the_checklist_grid_is_a_table_with_header_cells() {
    let built = built();
    let (tree, texts) = checked_tree(&built.checklist);
    if let Some(dir) = std::env::var_os("HANDOUT_TEST_OUT") {
        let path = std::path::Path::new(&dir).join("checklist-tree.txt");
        std::fs::write(path, outline_of(&tree, 0)).unwrap();
    }
    let nodes = tree.walk();
    let tables: Vec<&&Node> = nodes.iter().filter(|n| n.kind == "Table").collect();
    for table in &tables {
        let rows: Vec<&Node> = table.children.iter().collect();
        assert!(rows.iter().all(|r| r.kind == "TR"));
        let width = rows[0].children.len();
        assert!(
            rows.iter().all(|r| r.children.len() == width),
            "rows of unequal width"
        );
        let heads = &rows[0].children;
        assert!(
            heads
                .iter()
                .all(|c| c.kind == "TH" && c.attribute.as_deref() == Some("Column")),
            "the first row is not header cells"
        );
        // Body cells are data cells; in a grid of tick boxes the first
        // (the exercise) heads its row.
        let grid = squeeze(&rows[0].text).contains("Day1");
        for row in &rows[1..] {
            for (c, cell) in row.children.iter().enumerate() {
                let expected = match (grid, c) {
                    (true, 0) => ("TH", Some("Row")),
                    _ => ("TD", None),
                };
                assert_eq!((cell.kind.as_str(), cell.attribute.as_deref()), expected);
            }
        }
    }
    // The grid: days across, an exercise a row, its figure in the first
    // cell with its alt text, and tick boxes (drawn, so empty cells).
    let grids: Vec<&&&Node> = tables
        .iter()
        .filter(|t| {
            t.children[0]
                .children
                .iter()
                .any(|c| squeeze(&c.text).contains("Day1"))
        })
        .collect();
    assert!(!grids.is_empty(), "no grid of days");
    for grid in grids {
        assert_eq!(grid.children[0].children.len(), 8, "Exercise and 7 days");
        for row in &grid.children[1..] {
            let first = &row.children[0];
            assert!(!first.text.trim().is_empty(), "a row without its exercise");
            let figures: Vec<&Node> = first
                .children
                .iter()
                .filter(|c| c.kind == "Figure")
                .collect();
            assert!(
                figures
                    .iter()
                    .all(|f| f.alt.as_deref().is_some_and(|a| !a.is_empty()))
            );
            assert!(
                row.children[1..]
                    .iter()
                    .all(|c| c.text.is_empty() && c.children.is_empty())
            );
        }
    }
    // The repeated heading and header row and the footer are furniture.
    for page in &texts {
        assert!(
            squeeze(&page.artifacts).contains("Page"),
            "no page number as artifact"
        );
    }
}

#[test]
fn large_print_with_an_image_and_a_logo_is_tagged_the_same() {
    let project = Project::valid();
    std::fs::copy(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/layout/tiny-30x20.jpg"),
        project.path().join("content/figures/logo.jpg"),
    )
    .unwrap();
    let settings = project.read("content/handout.yaml");
    project.write(
        "content/handout.yaml",
        settings + "theme:\n  logo: figures/logo.jpg\n",
    );
    let run = project.run(&["build", "--only", "pdf", "--large-print"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for name in ["handout.pdf", "checklist.pdf"] {
        let doc = Document::load(project.path().join("output").join(name)).unwrap();
        let (tree, _) = checked_tree(&doc);
        let figures: Vec<&Node> = tree
            .walk()
            .into_iter()
            .filter(|n| n.kind == "Figure")
            .collect();
        // The exercise's PNG is a figure with its alt text; the logo is
        // decoration.
        assert!(!figures.is_empty(), "{name}: no figure");
        assert!(
            figures
                .iter()
                .all(|f| f.alt.as_deref().is_some_and(|a| !a.trim().is_empty())),
            "{name}: a figure without alt text"
        );
    }
}

#[test]
fn the_contact_sheet_reads_title_then_each_exercise_and_its_figure() {
    let project = Project::default_content();
    let run = project.run(&["figures"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let doc = Document::load(project.path().join("output/figures.pdf")).unwrap();
    let (tree, _) = checked_tree(&doc);
    let kinds: Vec<&str> = tree.children.iter().map(|n| n.kind.as_str()).collect();
    assert_eq!(
        kinds,
        [
            "H1", "H2", "Figure", "H2", "Figure", "H2", "Figure", "H2", "Figure", "H2", "Figure"
        ]
    );
    assert!(
        tree.children[0]
            .text
            .starts_with("Exercises after spine surgery")
    );
    let upper = &tree.children[8];
    assert_eq!(words(&tree.children[7].text), "Upper back strengthening");
    let alt = upper.alt.as_deref().unwrap();
    assert!(
        alt.ends_with("The drawing shows the arms from the side."),
        "{alt}"
    );
    // The figure's labels and its caption are inside it: a reader hears
    // its alt text once.
    let caption = upper.children.iter().find(|n| n.kind == "Caption").unwrap();
    assert_eq!(words(&caption.text), words(alt));
    assert!(
        squeeze(&upper.text).starts_with("StartEnd"),
        "{}",
        upper.text
    );
}

#[test]
fn a_row_split_across_pages_reads_as_one_row_of_its_cells() {
    let project = Project::default_content();
    let page = "content/pages/why-movement-matters.md";
    let cell = (0..1_500)
        .map(|i| crate::whole::lettered("w", i, "x"))
        .collect::<Vec<_>>()
        .join(" ");
    let before = project.read(page);
    project.write(
        page,
        format!("{before}\n| Topic | Details |\n|---|---|\n| Long | {cell} |\n| Short | after |\n"),
    );
    let run = project.run(&["build", "--only", "handout"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let doc = Document::load(project.path().join("output/handout.pdf")).unwrap();
    let (tree, _) = checked_tree(&doc);
    let nodes = tree.walk();
    let table = nodes
        .iter()
        .find(|n| n.kind == "Table" && squeeze(&n.text).starts_with("TopicDetails"))
        .expect("the table");
    // The header, the long row and the short one: the split row is one
    // row, and the header repeated on each page is not read again.
    let rows: Vec<&Node> = table.children.iter().collect();
    assert_eq!(rows.len(), 3);
    assert!(rows.iter().all(|r| r.kind == "TR" && r.children.len() == 2));
    let long = &rows[1].children[1];
    assert_eq!(long.kind, "TD");
    assert_eq!(words(&long.text), cell, "the cell reads whole, in order");
    let pages: BTreeSet<usize> = long.content.iter().map(|(page, _)| *page).collect();
    assert!(pages.len() > 1, "the cell continues on the next page");
    let next: Vec<String> = rows[2].children.iter().map(|c| words(&c.text)).collect();
    assert_eq!(next, ["Short", "after"]);
}
