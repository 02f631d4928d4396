//! Tagged PDF (ISO 32000-1, 14.7-14.8; PDF/UA-1): the marked content on
//! each page and the structure tree over it.
//!
//! While the pages' content is written, [`Marker`] wraps every item in
//! a marked-content sequence: page furniture and decoration in `/Artifact`,
//! everything else in a sequence with a marked-content id (MCID) that
//! belongs to the item's structure element ([`layout::Tag`]). Runs of
//! items with the same tag share one sequence. [`Structure`] then writes
//! the structure tree built from the layout's elements (in reading order)
//! and the parent tree that leads from each MCID and link annotation back
//! to its element. A link's text and its annotation become a `Link`
//! element of their own. (The catalog and page entries a tagged PDF needs
//! are written with the catalog and the pages.)

use super::content::Content;
use super::file::{Objects, Refs};
use crate::layout::{self, Item, LinkTarget, Role, Tag};
use pdf_writer::{Name, Obj, Ref, Str, TextStr};
use std::collections::BTreeMap;

/// What a page's marked content and link annotations belong to, in
/// painting order.
#[derive(Debug, Default)]
pub(super) struct PageMarks {
    marks: Vec<Mark>,
}

#[derive(Debug, Clone, PartialEq)]
enum Mark {
    /// The next MCID of the page: part of `element`, and of a link's text
    /// when `link` is set (`text` is then the text it shows).
    Content {
        element: usize,
        link: Option<LinkTarget>,
        text: String,
    },
    /// The page's next link annotation, part of `element`.
    Annotation { element: usize, link: LinkTarget },
}

/// The sequence an item goes in.
#[derive(Debug, Clone, PartialEq)]
enum Sequence {
    Artifact,
    Content {
        element: usize,
        link: Option<LinkTarget>,
    },
}

/// Opens and closes marked-content sequences around a page's items.
pub(super) struct Marker<'a> {
    structure: &'a [layout::Element],
    marks: PageMarks,
    open: Option<Sequence>,
    /// The next MCID of the page.
    mcid: i64,
}

impl<'a> Marker<'a> {
    pub(super) fn new(structure: &'a [layout::Element]) -> Marker<'a> {
        Marker {
            structure,
            marks: PageMarks::default(),
            open: None,
            mcid: 0,
        }
    }

    /// Called before an item's operators: ends the open sequence and
    /// begins the item's own when they differ. A link area paints nothing:
    /// its annotation is recorded instead.
    pub(super) fn before(&mut self, c: &mut Content, p: &layout::Positioned) {
        let element = match p.tag {
            Some(Tag::Content(e)) if e < self.structure.len() => Some(e),
            _ => None,
        };
        if let Item::Link { target, .. } = &p.item {
            // An annotation must be in the tree: an untagged one joins the
            // document element.
            self.marks.marks.push(Mark::Annotation {
                element: element.unwrap_or(0),
                link: target.clone(),
            });
            return;
        }
        let sequence = match (element, &p.item) {
            (Some(element), Item::Text(run)) => Sequence::Content {
                element,
                link: run.link.clone(),
            },
            (Some(element), _) => Sequence::Content {
                element,
                link: None,
            },
            (None, _) => Sequence::Artifact,
        };
        let link_text = match (&p.item, &sequence) {
            (Item::Text(run), Sequence::Content { link: Some(_), .. }) => run.text.as_str(),
            _ => "",
        };
        if self.open.as_ref() == Some(&sequence) {
            if let Some(Mark::Content { text, .. }) = self.marks.marks.last_mut() {
                text.push_str(link_text);
            }
            return;
        }
        self.end(c);
        match &sequence {
            Sequence::Artifact => c.begin_plain_marked("Artifact"),
            Sequence::Content { element, link } => {
                let mcid = self.mcid;
                self.mcid += 1;
                let tag = if link.is_some() {
                    "Link"
                } else {
                    type_name(&self.structure[*element].role)
                };
                c.begin_marked(tag, mcid);
                self.marks.marks.push(Mark::Content {
                    element: *element,
                    link: link.clone(),
                    text: link_text.to_string(),
                });
            }
        }
        self.open = Some(sequence);
    }

    /// Ends the page's last sequence and returns what its marks belong to.
    pub(super) fn finish(mut self, c: &mut Content) -> PageMarks {
        self.end(c);
        self.marks
    }

    fn end(&mut self, c: &mut Content) {
        if self.open.take().is_some() {
            c.op(&[], "EMC");
        }
    }
}

/// The structure types used that ISO 32000-1 (PDF 1.7, which PDF/UA-1
/// builds on) does not define, each with the standard type it maps to.
/// A box set apart from the text is a PDF 2.0 `Aside`; PDF 1.7's `Note` is
/// for footnotes, which a reader expects a reference and a label for.
const ROLE_MAP: &[(&[u8], &[u8])] = &[(b"Aside", b"Sect")];

/// The structure type (ISO 32000-1, 14.8.4, or [`ROLE_MAP`]) of a role.
fn type_name(role: &Role) -> &'static str {
    match role {
        Role::Document => "Document",
        Role::Heading(1) => "H1",
        Role::Heading(2) => "H2",
        Role::Heading(3) => "H3",
        Role::Heading(4) => "H4",
        Role::Heading(5) => "H5",
        Role::Heading(_) => "H6",
        Role::Paragraph => "P",
        Role::List { .. } => "L",
        Role::ListItem => "LI",
        Role::Label | Role::TaskBox { .. } => "Lbl",
        Role::ListBody => "LBody",
        Role::Table => "Table",
        Role::TableRow => "TR",
        Role::HeaderCell | Role::RowHeaderCell => "TH",
        Role::DataCell => "TD",
        Role::Figure { .. } => "Figure",
        Role::Caption => "Caption",
        // PDF 1.7 has no Aside (PDF 2.0 does): the role map makes it a
        // Sect for PDF/UA-1 readers ([`ROLE_MAP`]).
        Role::Aside => "Aside",
        Role::Footnote => "Note",
        Role::Quote => "BlockQuote",
        Role::Contents => "TOC",
        Role::ContentsEntry => "TOCI",
    }
}

/// A structure element's own kid: a marked-content sequence (page index,
/// MCID) or a link annotation (page index, its number on the page).
#[derive(Debug, Clone, Copy)]
enum Kid {
    Content(usize, i64),
    Annotation(usize, usize),
}

impl Kid {
    fn page(self) -> usize {
        match self {
            Kid::Content(page, _) | Kid::Annotation(page, _) => page,
        }
    }
}

/// A run of an element's own kids: one kid, or the kids of one link (its
/// text and its annotations), which become a Link element. `at` is where
/// the first kid is (page, place among the page's marks).
struct Own {
    at: (usize, usize),
    link: Option<LinkTarget>,
    /// The link's text, which also describes its annotations.
    text: String,
    kids: Vec<Kid>,
}

/// A kid as it is written in an element's `/K`.
#[derive(Debug, Clone, Copy)]
enum Child {
    /// A marked-content sequence on the element's own page.
    Mcid(i64),
    /// A marked-content sequence on another page.
    Mcr { page: Ref, mcid: i64 },
    /// A link annotation.
    Objr { page: Ref, annotation: Ref },
    /// A structure element.
    Element(Ref),
}

impl Child {
    fn write(self, obj: Obj<'_>) {
        match self {
            Child::Mcid(mcid) => obj.primitive(mcid as i32),
            Child::Mcr { page, mcid } => {
                let mut mcr = obj.dict();
                mcr.pair(Name(b"Type"), Name(b"MCR"));
                mcr.pair(Name(b"Pg"), page);
                mcr.pair(Name(b"MCID"), mcid as i32);
            }
            Child::Objr { page, annotation } => {
                let mut objr = obj.dict();
                objr.pair(Name(b"Type"), Name(b"OBJR"));
                objr.pair(Name(b"Pg"), page);
                objr.pair(Name(b"Obj"), annotation);
            }
            Child::Element(id) => obj.primitive(id),
        }
    }
}

/// Writes `kids` as an element's `/K`: left out when there are none, the
/// one kid alone, or an array (a long checklist has a hundred thousand
/// cells, most with one kid or none).
fn write_kids(dict: &mut pdf_writer::Dict<'_>, kids: &[Child]) {
    match kids {
        [] => {}
        [kid] => kid.write(dict.insert(Name(b"K"))),
        _ => {
            let mut array = dict.insert(Name(b"K")).array();
            for kid in kids {
                kid.write(array.push());
            }
        }
    }
}

/// A page's link annotation as the tree sees it: its object, its key in
/// the parent tree (`/StructParent`), and the text of its link, which
/// describes it (empty when the link has none).
#[derive(Debug, Clone)]
pub(super) struct Annotation {
    pub(super) id: Ref,
    pub(super) key: i32,
    pub(super) text: String,
}

/// A part's structure as it is written, and what the parent tree
/// collects on the way.
struct Tree<'a> {
    objects: &'a mut Objects,
    refs: &'a mut Refs,
    pages: &'a [Ref],
    /// Each page's link annotations.
    annotations: Vec<Vec<Annotation>>,
    /// Page → the element each MCID is part of.
    mcid_parents: Vec<Vec<Option<Ref>>>,
    /// Annotation key → its Link element.
    annotation_parents: BTreeMap<i32, Ref>,
}

/// The structure tree, written part by part as a document's pages are
/// (a long checklist is typeset and written a sheet at a time): each
/// part's elements are written with it, and only what the tree's root
/// needs at the end is kept (the document element's kids, each page's
/// entry in the parent tree).
pub(super) struct Structure {
    /// The tree's root.
    pub(super) root: Ref,
    /// The document element: every part's own document element becomes
    /// this one.
    document: Ref,
    /// Its kids, part after part.
    document_kids: Vec<Child>,
    /// Its page: the first it shows on.
    document_page: Option<Ref>,
    /// Each page's key in the parent tree (its index) and the array of
    /// the elements its MCIDs belong to.
    page_entries: Vec<(i32, Ref)>,
    /// Each link annotation's key and its Link element, by key.
    annotation_parents: Vec<(i32, Ref)>,
    /// The next annotation's key: the keys below the document's page
    /// count are the pages'.
    next_key: i32,
    /// The footnotes written so far (each gets an ID of its own).
    notes: usize,
}

impl Structure {
    /// Starts the tree of a document of `pages` pages.
    pub(super) fn new(refs: &mut Refs, pages: usize) -> anyhow::Result<Structure> {
        Ok(Structure {
            root: refs.next(),
            document: refs.next(),
            document_kids: Vec::new(),
            document_page: None,
            page_entries: Vec::new(),
            annotation_parents: Vec::new(),
            next_key: i32::try_from(pages)?,
            notes: 0,
        })
    }

    /// Writes a part's structure elements (a Link element for each
    /// link, its pages' entries of the parent tree, which leads from each
    /// MCID and link annotation back to its element) over `pages` (the
    /// part's, the first of them the document's `first_page`), whose
    /// marks are `marks`. The part's document element is the document's.
    /// Returns each page's link annotations: the objects to write them as,
    /// with their keys (a page's `/StructParents` key is its index in the
    /// document).
    pub(super) fn write_part(
        &mut self,
        objects: &mut Objects,
        refs: &mut Refs,
        (pages, first_page): (&[Ref], usize),
        structure: &[layout::Element],
        marks: &[PageMarks],
        spoken: &layout::SpokenWords,
    ) -> anyhow::Result<Vec<Vec<Annotation>>> {
        let annotations = annotations_of(marks, refs, self.next_key);
        let count: usize = annotations.iter().map(Vec::len).sum();
        self.next_key += i32::try_from(count)?;
        let own = own_kids(structure, marks);
        let Kept {
            first,
            keep,
            children,
        } = kept(structure, &own);
        let n = structure.len();
        anyhow::ensure!(n > 0, "no document element");
        let ids: Vec<Option<Ref>> = (keep.iter().enumerate())
            .map(|(e, k)| match e {
                0 => Some(self.document),
                _ => k.then(|| refs.next()),
            })
            .collect();
        let mcid_parents = marks
            .iter()
            .map(|m| {
                let n = m.marks.iter().filter(|m| matches!(m, Mark::Content { .. }));
                vec![None; n.count()]
            })
            .collect();
        let mut tree = Tree {
            objects,
            refs,
            pages,
            annotations,
            mcid_parents,
            annotation_parents: BTreeMap::new(),
        };
        let mut pages_of: Vec<Option<usize>> = vec![None; n];
        for e in 0..n {
            let Some(id) = ids[e] else { continue };
            let page = own[e]
                .first()
                .and_then(|o| o.kids.first())
                .map(|k| k.page());
            // The document element's kids come from every part: each
            // names its page.
            let own_page = if e == 0 { None } else { page };
            // Own content and child elements merge in reading order:
            // children as the typesetter made them, own content (a
            // paragraph's text and links) where it is painted among them.
            let mut kids = Vec::new();
            let mut pending = own[e].iter().peekable();
            for child in &children[e] {
                while let Some(o) = pending.next_if(|o| first[*child].is_some_and(|c| o.at < c)) {
                    kids.extend(tree.own_kid(o, id, own_page)?);
                }
                kids.extend(ids[*child].map(Child::Element));
            }
            for o in pending {
                kids.extend(tree.own_kid(o, id, own_page)?);
            }
            // Every element names a page, also one with no content of its
            // own (a table, an empty cell): that of its first content, or
            // its parent's. Checkers place elements on pages by it.
            let shown = page.or(first[e].map(|(page, _)| page));
            pages_of[e] = shown.or_else(|| structure[e].parent.and_then(|p| pages_of[p]));
            if e == 0 {
                self.document_kids.extend(kids);
                if self.document_page.is_none() {
                    self.document_page = pages_of[0].map(|page| tree.pages[page]);
                }
                continue;
            }
            let parent = structure[e]
                .parent
                .and_then(|p| ids.get(p).copied().flatten());
            let element = Element {
                role: &structure[e].role,
                parent: parent.unwrap_or(self.document),
                page: pages_of[e].map(|page| tree.pages[page]),
                kids: &kids,
            };
            element.write(tree.objects, id, spoken, &mut self.notes);
        }
        // Each page's entry of the parent tree, written now: a long
        // checklist's pages have hundreds of MCIDs each.
        for (n, elements) in tree.mcid_parents.iter().enumerate() {
            let id = tree.refs.next();
            let mut refs = tree.objects.object(id).array();
            for element in elements {
                match element {
                    Some(element) => refs.item(*element),
                    None => refs.item(pdf_writer::Null),
                };
            }
            drop(refs);
            self.page_entries.push((i32::try_from(first_page + n)?, id));
        }
        self.annotation_parents
            .extend(tree.annotation_parents.iter().map(|(k, e)| (*k, *e)));
        Ok(tree.annotations)
    }

    /// Writes the document element, the parent tree and the tree's root.
    pub(super) fn finish(self, objects: &mut Objects, refs: &mut Refs) -> anyhow::Result<Ref> {
        let mut notes = self.notes;
        let document = Element {
            role: &Role::Document,
            parent: self.root,
            page: self.document_page,
            kids: &self.document_kids,
        };
        document.write(
            objects,
            self.document,
            &layout::SpokenWords::default(),
            &mut notes,
        );
        let parent_tree = refs.next();
        {
            let mut dict = objects.object(parent_tree).dict();
            let mut nums = dict.insert(Name(b"Nums")).array();
            for (key, entry) in self.page_entries.iter().chain(&self.annotation_parents) {
                nums.item(*key);
                nums.item(*entry);
            }
        }
        let mut tree = objects.object(self.root).dict();
        tree.pair(Name(b"Type"), Name(b"StructTreeRoot"));
        tree.pair(Name(b"K"), self.document);
        tree.pair(Name(b"ParentTree"), parent_tree);
        tree.pair(Name(b"ParentTreeNextKey"), self.next_key);
        let mut role_map = tree.insert(Name(b"RoleMap")).dict();
        for (from, to) in ROLE_MAP {
            role_map.pair(Name(from), Name(to));
        }
        Ok(self.root)
    }
}

/// The link annotations of each page, numbered for the parent tree from
/// `first_key` on (the keys below it are the pages').
fn annotations_of(marks: &[PageMarks], refs: &mut Refs, first_key: i32) -> Vec<Vec<Annotation>> {
    let mut key = first_key;
    let mut annotations = Vec::with_capacity(marks.len());
    for m in marks {
        let mut on_page = Vec::new();
        for _ in m
            .marks
            .iter()
            .filter(|m| matches!(m, Mark::Annotation { .. }))
        {
            on_page.push(Annotation {
                id: refs.next(),
                key,
                text: String::new(),
            });
            key += 1;
        }
        annotations.push(on_page);
    }
    annotations
}

/// Which elements to write, each one's children to write, and where each
/// one's content starts.
struct Kept {
    first: Vec<Option<(usize, usize)>>,
    keep: Vec<bool>,
    children: Vec<Vec<usize>>,
}

/// The elements to write: those with content, and table rows and cells
/// even when empty (a tick box or a write-in cell), so every row has all
/// its cells. Children come after their parent in `structure`, so one
/// backward pass sees every child before its parent.
fn kept(structure: &[layout::Element], own: &[Vec<Own>]) -> Kept {
    let n = structure.len();
    let mut first: Vec<Option<(usize, usize)>> =
        own.iter().map(|o| o.first().map(|o| o.at)).collect();
    let mut keep: Vec<bool> = (0..n)
        .map(|e| {
            !own[e].is_empty()
                || e == 0
                || matches!(
                    structure[e].role,
                    Role::TableRow | Role::HeaderCell | Role::RowHeaderCell | Role::DataCell
                )
        })
        .collect();
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); n];
    for e in (1..n).rev() {
        let Some(parent) = structure[e].parent.filter(|p| *p < e) else {
            continue;
        };
        if keep[e] {
            keep[parent] = true;
            children[parent].push(e);
        }
        first[parent] = match (first[parent], first[e]) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
    }
    children.iter_mut().for_each(|c| c.reverse());
    Kept {
        first,
        keep,
        children,
    }
}

/// One structure element as written: its role, parent, page and kids.
struct Element<'a> {
    role: &'a Role,
    parent: Ref,
    page: Option<Ref>,
    kids: &'a [Child],
}

impl Element<'_> {
    /// Writes the element's dictionary as object `id`; `notes` counts the
    /// footnotes written so far (each gets an ID of its own).
    fn write(
        &self,
        objects: &mut Objects,
        id: Ref,
        spoken: &layout::SpokenWords,
        notes: &mut usize,
    ) {
        let role = self.role;
        let alt = match role {
            Role::Figure { alt } => Some(alt.as_str()),
            // The drawn box has no text: its state is said in words.
            Role::TaskBox { done: true } => Some(spoken.done.as_str()),
            Role::TaskBox { done: false } => Some(spoken.not_done.as_str()),
            _ => None,
        };
        // `/Type /StructElem` is optional, and left out: a large handout
        // has tens of thousands of elements.
        let mut dict = objects.object(id).dict();
        dict.pair(Name(b"S"), Name(type_name(role).as_bytes()));
        dict.pair(Name(b"P"), self.parent);
        if let Some(page) = self.page {
            dict.pair(Name(b"Pg"), page);
        }
        write_kids(&mut dict, self.kids);
        if let Some(alt) = alt {
            dict.pair(Name(b"Alt"), TextStr(alt));
        }
        let attribute: Option<(&[u8], &[u8], &[u8])> = match role {
            Role::HeaderCell => Some((b"Table", b"Scope", b"Column")),
            Role::RowHeaderCell => Some((b"Table", b"Scope", b"Row")),
            Role::List { numbered: true } => Some((b"List", b"ListNumbering", b"Decimal")),
            _ => None,
        };
        if let Some((owner, key, value)) = attribute {
            (dict.insert(Name(b"A")).dict())
                .pair(Name(b"O"), Name(owner))
                .pair(Name(key), Name(value));
        }
        if let Role::Footnote = role {
            // PDF/UA-1 asks every Note for an ID unique in the file.
            *notes += 1;
            dict.pair(Name(b"ID"), Str(format!("note-{notes}").as_bytes()));
        }
    }
}

/// Each element's own kids, in painting order, a link's kids together.
fn own_kids(structure: &[layout::Element], marks: &[PageMarks]) -> Vec<Vec<Own>> {
    let mut own: Vec<Vec<Own>> = structure.iter().map(|_| Vec::new()).collect();
    for (page, m) in marks.iter().enumerate() {
        let (mut mcid, mut annotation) = (0, 0);
        for (i, mark) in m.marks.iter().enumerate() {
            let (element, link, text, kid) = match mark {
                Mark::Content {
                    element,
                    link,
                    text,
                } => {
                    mcid += 1;
                    (
                        *element,
                        link.as_ref(),
                        text.as_str(),
                        Kid::Content(page, mcid - 1),
                    )
                }
                Mark::Annotation { element, link } => {
                    annotation += 1;
                    (
                        *element,
                        Some(link),
                        "",
                        Kid::Annotation(page, annotation - 1),
                    )
                }
            };
            let list = &mut own[element];
            match list.last_mut() {
                Some(last) if link.is_some() && last.link.as_ref() == link => {
                    last.kids.push(kid);
                    last.text.push_str(text);
                }
                _ => list.push(Own {
                    at: (page, i),
                    link: link.cloned(),
                    text: text.to_string(),
                    kids: vec![kid],
                }),
            }
        }
    }
    own
}

impl Tree<'_> {
    /// One of an element's own kids (a Link element for a link's kids,
    /// written here), recording each kid's parent for the parent tree.
    fn own_kid(
        &mut self,
        own: &Own,
        element: Ref,
        element_page: Option<usize>,
    ) -> anyhow::Result<Option<Child>> {
        let (parent, parent_page) = match &own.link {
            Some(_) => (self.refs.next(), own.kids.first().map(|k| k.page())),
            None => (element, element_page),
        };
        let mut kids = Vec::new();
        for kid in &own.kids {
            match *kid {
                Kid::Content(page, mcid) => {
                    if let Some(slot) = self.mcid_parents[page].get_mut(mcid as usize) {
                        *slot = Some(parent);
                    }
                    kids.push(if parent_page == Some(page) {
                        Child::Mcid(mcid)
                    } else {
                        Child::Mcr {
                            page: self.pages[page],
                            mcid,
                        }
                    });
                }
                Kid::Annotation(page, n) => {
                    let Some(annotation) = self.annotations[page].get_mut(n) else {
                        continue;
                    };
                    self.annotation_parents.insert(annotation.key, parent);
                    // The link's own words describe it best.
                    annotation.text = own.text.split_whitespace().collect::<Vec<_>>().join(" ");
                    kids.push(Child::Objr {
                        page: self.pages[page],
                        annotation: annotation.id,
                    });
                }
            }
        }
        if own.link.is_none() {
            return Ok(kids.pop());
        }
        let mut dict = self.objects.object(parent).dict();
        dict.pair(Name(b"S"), Name(b"Link"));
        dict.pair(Name(b"P"), element);
        if let Some(page) = parent_page {
            dict.pair(Name(b"Pg"), self.pages[page]);
        }
        let mut array = dict.insert(Name(b"K")).array();
        for kid in &kids {
            kid.write(array.push());
        }
        Ok(Some(Child::Element(parent)))
    }
}

/// What a link does, in words, for a screen reader (`/Contents`) when it
/// has no text of its own.
pub(super) fn describe(link: &LinkTarget, spoken: &layout::SpokenWords) -> String {
    use layout::SpokenWords as S;
    match link {
        LinkTarget::Internal { page, .. } => S::fill(&spoken.go_to_page, &(page + 1).to_string()),
        LinkTarget::Uri(uri) => {
            if let Some(number) = uri.strip_prefix("tel:") {
                S::fill(&spoken.call, number)
            } else if let Some(address) = uri.strip_prefix("mailto:") {
                S::fill(&spoken.email, address)
            } else {
                S::fill(&spoken.open, uri)
            }
        }
    }
}

/// The XMP metadata stream PDF/UA-1 asks for: the title (`dc:title`) and
/// the PDF/UA identification (`pdfuaid:part` 1), with the Info
/// dictionary's other entries. Left uncompressed, as XMP readers expect.
pub(super) fn xmp_metadata(meta: &layout::DocMeta) -> Vec<u8> {
    let date = jiff::Timestamp::from_second(meta.creation_date)
        .map(|t| t.strftime("%Y-%m-%dT%H:%M:%SZ").to_string())
        .unwrap_or_default();
    let language = if meta.language.is_empty() {
        String::new()
    } else {
        format!(
            "<dc:language><rdf:Bag><rdf:li>{}</rdf:li></rdf:Bag></dc:language>",
            xml(&meta.language)
        )
    };
    let text = format!(
        r#"<?xpacket begin="{bom}" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about=""
 xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
 xmlns:xmp="http://ns.adobe.com/xap/1.0/"
 xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li></rdf:Alt></dc:title>
<dc:creator><rdf:Seq><rdf:li>{author}</rdf:li></rdf:Seq></dc:creator>
<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{subject}</rdf:li></rdf:Alt></dc:description>
{language}
<pdf:Producer>handout</pdf:Producer>
<xmp:CreatorTool>handout</xmp:CreatorTool>
<xmp:CreateDate>{date}</xmp:CreateDate>
<xmp:ModifyDate>{date}</xmp:ModifyDate>
<xmp:MetadataDate>{date}</xmp:MetadataDate>
<pdfuaid:part>1</pdfuaid:part>
</rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"#,
        bom = '\u{feff}',
        title = xml(&meta.title),
        author = xml(&meta.author),
        subject = xml(&meta.subject),
    );
    text.into_bytes()
}

/// Text escaped for XML.
fn xml(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::reader::{Dictionary, Object, ObjectId};

    #[test]
    fn xmp_carries_the_escaped_title_and_the_pdf_ua_part() {
        let meta = layout::DocMeta {
            title: "Knees & <hips>".into(),
            author: "Clinic \"A\"".into(),
            subject: String::new(),
            language: "en-GB".into(),
            creation_date: 1_767_225_600,
        };
        let xmp = String::from_utf8(xmp_metadata(&meta)).unwrap();
        assert!(xmp.contains(">Knees &amp; &lt;hips&gt;</rdf:li>"), "{xmp}");
        assert!(xmp.contains("Clinic &quot;A&quot;"), "{xmp}");
        assert!(xmp.contains("<pdfuaid:part>1</pdfuaid:part>"));
        assert!(xmp.contains("<xmp:CreateDate>2026-01-01T00:00:00Z</xmp:CreateDate>"));
        assert!(xmp.contains("<rdf:li>en-GB</rdf:li>"));
    }

    /// The sample handout (footnotes, a quote, nested and task lists, a
    /// table, web, phone and anchor links): every MCID on its pages is
    /// reached from the tree once, and the parent tree leads back from it
    /// to the element that holds it.
    #[test]
    fn every_mcid_is_in_the_tree_once_and_the_parent_tree_agrees() {
        use crate::layout::tests::{SAMPLE, sample_options};
        let doc = layout::typeset(SAMPLE, &sample_options());
        let bytes = super::super::write_pdf(doc.clone()).unwrap();
        let lo = crate::pdf::reader::Document::load_mem(&bytes).unwrap();
        let pages: Vec<ObjectId> = lo.get_pages().into_values().collect();

        let mut on_pages = BTreeMap::new();
        for (n, page) in pages.iter().enumerate() {
            let content = crate::pdf::reader::content::Content::decode(&lo.get_page_content(*page));
            for op in content.unwrap().operations {
                if op.operator == "BDC" {
                    let props = op.operands[1].as_dict().unwrap();
                    on_pages.insert((n, props.get(b"MCID").unwrap().as_i64().unwrap()), 0);
                }
            }
        }
        assert!(on_pages.len() > 50, "{} MCIDs", on_pages.len());

        let root = lo.catalog().unwrap().get(b"StructTreeRoot").unwrap();
        let root = lo.get_dictionary(root.as_reference().unwrap()).unwrap();
        let nums = root.get(b"ParentTree").unwrap().as_reference().unwrap();
        let nums = lo.get_dictionary(nums).unwrap().get(b"Nums").unwrap();
        let nums = nums.as_array().unwrap();
        let parent_of = |page: usize, mcid: i64| -> ObjectId {
            let at = nums
                .iter()
                .position(|o| o.as_i64().ok() == Some(page as i64))
                .unwrap();
            // Each page's array is an object of its own.
            let refs = nums[at + 1].as_reference().unwrap();
            let refs = lo.get_object(refs).unwrap().as_array().unwrap();
            refs[mcid as usize].as_reference().unwrap()
        };
        let page_index = |d: &Dictionary| {
            let id = d.get(b"Pg").ok()?.as_reference().ok()?;
            pages.iter().position(|p| *p == id)
        };
        let mut stack = vec![root.get(b"K").unwrap().as_reference().unwrap()];
        let mut annotations = 0;
        while let Some(id) = stack.pop() {
            let element = lo.get_dictionary(id).unwrap();
            let kids = match element.get(b"K").unwrap() {
                Object::Array(kids) => kids.clone(),
                kid => vec![kid.clone()],
            };
            for kid in kids {
                let (page, mcid) = match &kid {
                    Object::Reference(child) => {
                        stack.push(*child);
                        continue;
                    }
                    Object::Integer(mcid) => (page_index(element).unwrap(), *mcid),
                    Object::Dictionary(d) if d.has(b"MCID") => (
                        page_index(d).unwrap(),
                        d.get(b"MCID").unwrap().as_i64().unwrap(),
                    ),
                    Object::Dictionary(d) => {
                        let annotation = d.get(b"Obj").unwrap().as_reference().unwrap();
                        let key = lo.get_dictionary(annotation).unwrap().get(b"StructParent");
                        let key = key.unwrap().as_i64().unwrap();
                        let at = nums.iter().position(|o| o.as_i64().ok() == Some(key));
                        assert_eq!(nums[at.unwrap() + 1].as_reference().unwrap(), id);
                        assert_eq!(element.get(b"S").unwrap().as_name().unwrap(), b"Link");
                        annotations += 1;
                        continue;
                    }
                    other => panic!("a kid {other:?}"),
                };
                *on_pages
                    .get_mut(&(page, mcid))
                    .expect("an MCID on its page") += 1;
                assert_eq!(
                    parent_of(page, mcid),
                    id,
                    "the parent tree of {page}/{mcid}"
                );
            }
        }
        assert!(on_pages.values().all(|n| *n == 1), "{on_pages:?}");
        // The contents entries, the anchor link, the phone link.
        assert!(annotations >= 3, "{annotations} links in the tree");
    }

    #[test]
    fn a_link_without_text_says_where_it_leads() {
        let spoken = layout::SpokenWords::default();
        let uri = |u: &str| describe(&LinkTarget::Uri(u.into()), &spoken);
        assert_eq!(uri("tel:5550100"), "Call 5550100");
        assert_eq!(uri("mailto:a@b.org"), "Email a@b.org");
        assert_eq!(uri("https://example.org"), "Open https://example.org");
        let page = LinkTarget::Internal {
            page: 2,
            y: crate::geom::Pt(10.0),
        };
        assert_eq!(describe(&page, &spoken), "Go to page 3");
        let spanish = layout::SpokenWords {
            go_to_page: "Ir a la página {}".into(),
            call: "Llamar al {}".into(),
            ..layout::SpokenWords::default()
        };
        assert_eq!(describe(&page, &spanish), "Ir a la página 3");
        let tel = LinkTarget::Uri("tel:5550100".into());
        assert_eq!(describe(&tel, &spanish), "Llamar al 5550100");
    }
}
