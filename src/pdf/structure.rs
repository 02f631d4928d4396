//! Tagged PDF (ISO 32000-1, 14.7-14.8; PDF/UA-1): the marked content on
//! each page and the structure tree over it.
//!
//! While the pages' content is written, [`Marker`] wraps every item in
//! a marked-content sequence: page furniture and decoration in `/Artifact`,
//! everything else in a sequence with a marked-content id (MCID) that
//! belongs to the item's structure element ([`layout::Tag`]). Runs of
//! items with the same tag share one sequence. [`write_tree`] then adds,
//! with lopdf, the structure tree built from the layout's elements (in
//! reading order), the parent tree that leads from each MCID and link
//! annotation back to its element, and the catalog and page entries a
//! tagged PDF needs. A link's text and its annotation become a `Link`
//! element of their own.

use super::content::Content;
use super::file::Written;
use crate::layout::{self, Item, LinkTarget, Role, Tag};
use anyhow::Context;
use lopdf::{Dictionary, Object, ObjectId, Stream};
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

/// The structure tree as it is written: the file, and what the parent
/// tree collects on the way.
struct Tree<'a> {
    lo: &'a mut lopdf::Document,
    /// The elements, written beside the document.
    written: Written,
    pages: Vec<ObjectId>,
    /// Each page's link annotations: object and `/StructParent` key.
    annotations: Vec<Vec<(ObjectId, i64)>>,
    /// Page → the element each MCID is part of.
    mcid_parents: Vec<Vec<Option<ObjectId>>>,
    /// Annotation key → its Link element.
    annotation_parents: BTreeMap<i64, ObjectId>,
}

/// Adds the structure tree, the parent tree, `/MarkInfo`, the pages'
/// `/StructParents` and `/Tabs`, and turns the link annotations into
/// objects of their own that point back into the tree. Returns the
/// elements, written to go into the file beside the document.
pub(super) fn write_tree(
    lo: &mut lopdf::Document,
    structure: &[layout::Element],
    marks: &[PageMarks],
    spoken: &layout::SpokenWords,
) -> anyhow::Result<Written> {
    let pages: Vec<ObjectId> = lo.get_pages().into_values().collect();
    let annotations = annotation_objects(lo, &pages, marks, spoken)?;
    let own = own_kids(structure, marks);

    // Where each element's content starts, and which elements to write:
    // those with content, and table rows and cells even when empty (a
    // tick box or a write-in cell), so every row has all its cells.
    // Children come after their parent in `structure`, so one backward
    // pass sees every child before its parent.
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

    let root = lo.new_object_id();
    let ids: Vec<Option<ObjectId>> = keep.iter().map(|k| k.then(|| lo.new_object_id())).collect();
    let mcid_parents = marks
        .iter()
        .map(|m| {
            let n = m.marks.iter().filter(|m| matches!(m, Mark::Content { .. }));
            vec![None; n.count()]
        })
        .collect();
    let mut tree = Tree {
        lo,
        written: Written::default(),
        pages,
        annotations,
        mcid_parents,
        annotation_parents: BTreeMap::new(),
    };
    let mut notes = 0;
    let mut pages_of: Vec<Option<usize>> = vec![None; n];
    for e in 0..n {
        let Some(id) = ids[e] else { continue };
        let page = own[e]
            .first()
            .and_then(|o| o.kids.first())
            .map(|k| k.page());
        // Own content and child elements merge in reading order: children
        // as the typesetter made them, own content (a paragraph's text
        // and links) where it is painted among them.
        let mut kids = Vec::new();
        let mut pending = own[e].iter().peekable();
        for child in &children[e] {
            while let Some(o) = pending.next_if(|o| first[*child].is_some_and(|c| o.at < c)) {
                kids.push(tree.own_kid(o, id, page)?);
            }
            kids.extend(ids[*child].map(Object::Reference));
        }
        for o in pending {
            kids.push(tree.own_kid(o, id, page)?);
        }
        let role = &structure[e].role;
        // `/Type /StructElem` is optional, and left out: a large handout
        // has tens of thousands of elements.
        let mut dict: Vec<(&[u8], Object)> = Vec::with_capacity(5);
        dict.push((b"S", Object::Name(type_name(role).as_bytes().to_vec())));
        let parent = structure[e]
            .parent
            .and_then(|p| ids.get(p).copied().flatten());
        dict.push((b"P", Object::Reference(parent.unwrap_or(root))));
        // Every element names a page, also one with no content of its own
        // (a table, an empty cell): that of its first content, or its
        // parent's. Checkers place elements on pages by it.
        let shown = page.or(first[e].map(|(page, _)| page));
        pages_of[e] = shown.or_else(|| structure[e].parent.and_then(|p| pages_of[p]));
        if let Some(page) = pages_of[e] {
            dict.push((b"Pg", Object::Reference(tree.pages[page])));
        }
        // An element without kids (an empty table cell) leaves `/K` out,
        // one with a single kid names it alone: a long checklist has a
        // hundred thousand cells.
        match kids.len() {
            0 => {}
            1 => dict.push((b"K", kids.pop().expect("one kid"))),
            _ => dict.push((b"K", Object::Array(kids))),
        }
        match role {
            Role::Figure { alt } => dict.push((b"Alt", super::text_string(alt))),
            // The drawn box has no text: its state is said in words.
            Role::TaskBox { done } => {
                let state = if *done {
                    &spoken.done
                } else {
                    &spoken.not_done
                };
                dict.push((b"Alt", super::text_string(state)));
            }
            Role::HeaderCell => dict.push((b"A", attributes(b"Table", b"Scope", b"Column"))),
            Role::RowHeaderCell => dict.push((b"A", attributes(b"Table", b"Scope", b"Row"))),
            Role::List { numbered: true } => {
                dict.push((b"A", attributes(b"List", b"ListNumbering", b"Decimal")));
            }
            Role::Footnote => {
                // PDF/UA-1 asks every Note for an ID unique in the file.
                notes += 1;
                dict.push((b"ID", Object::string_literal(format!("note-{notes}"))));
            }
            _ => {}
        }
        tree.written.dictionary(id, &dict)?;
    }
    tree.finish(root, ids[0].context("no document element")?)
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
    /// Writes one of an element's own kids (a Link element for a link's
    /// kids) and records each kid's parent for the parent tree.
    fn own_kid(
        &mut self,
        own: &Own,
        element: ObjectId,
        element_page: Option<usize>,
    ) -> anyhow::Result<Object> {
        let (parent, parent_page) = match &own.link {
            Some(_) => (self.lo.new_object_id(), own.kids.first().map(|k| k.page())),
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
                        Object::Integer(mcid)
                    } else {
                        let mut mcr = Dictionary::new();
                        mcr.set("Type", Object::Name(b"MCR".to_vec()));
                        mcr.set("Pg", Object::Reference(self.pages[page]));
                        mcr.set("MCID", Object::Integer(mcid));
                        Object::Dictionary(mcr)
                    });
                }
                Kid::Annotation(page, n) => {
                    let Some((annotation, key)) = self.annotations[page].get(n).copied() else {
                        continue;
                    };
                    self.annotation_parents.insert(key, parent);
                    // The link's own words describe it best.
                    let text = own.text.split_whitespace().collect::<Vec<_>>().join(" ");
                    if let (false, Ok(dict)) =
                        (text.is_empty(), self.lo.get_dictionary_mut(annotation))
                    {
                        dict.set("Contents", super::text_string(&text));
                    }
                    let mut objr = Dictionary::new();
                    objr.set("Type", Object::Name(b"OBJR".to_vec()));
                    objr.set("Pg", Object::Reference(self.pages[page]));
                    objr.set("Obj", Object::Reference(annotation));
                    kids.push(Object::Dictionary(objr));
                }
            }
        }
        if own.link.is_none() {
            return Ok(kids.pop().unwrap_or(Object::Null));
        }
        let mut dict: Vec<(&[u8], Object)> = vec![
            (b"S", Object::Name(b"Link".to_vec())),
            (b"P", Object::Reference(element)),
        ];
        if let Some(page) = parent_page {
            dict.push((b"Pg", Object::Reference(self.pages[page])));
        }
        dict.push((b"K", Object::Array(kids)));
        self.written.dictionary(parent, &dict)?;
        Ok(Object::Reference(parent))
    }

    /// Writes the parent tree and the structure tree's root, and the
    /// catalog and page entries that point to them.
    fn finish(self, root: ObjectId, document: ObjectId) -> anyhow::Result<Written> {
        let mut nums = Vec::new();
        for (page, elements) in self.mcid_parents.into_iter().enumerate() {
            nums.push(Object::Integer(page as i64));
            let refs = elements
                .into_iter()
                .map(|e| e.map_or(Object::Null, Object::Reference));
            nums.push(Object::Array(refs.collect()));
        }
        for (key, element) in &self.annotation_parents {
            nums.extend([Object::Integer(*key), Object::Reference(*element)]);
        }
        let next_key = self.pages.len() + self.annotations.iter().map(Vec::len).sum::<usize>();
        let mut parent_tree = Dictionary::new();
        parent_tree.set("Nums", Object::Array(nums));
        let parent_tree = self.lo.add_object(parent_tree);
        let mut tree = Dictionary::new();
        tree.set("Type", Object::Name(b"StructTreeRoot".to_vec()));
        tree.set("K", Object::Reference(document));
        tree.set("ParentTree", Object::Reference(parent_tree));
        tree.set("ParentTreeNextKey", Object::Integer(next_key as i64));
        let mut role_map = Dictionary::new();
        for (from, to) in ROLE_MAP {
            role_map.set(*from, Object::Name(to.to_vec()));
        }
        tree.set("RoleMap", Object::Dictionary(role_map));
        self.lo.set_object(root, tree);

        for (n, page) in self.pages.iter().enumerate() {
            let dict = self.lo.get_dictionary_mut(*page).context("a page")?;
            dict.set("StructParents", Object::Integer(n as i64));
        }
        let catalog = self.lo.catalog_mut().context("the PDF has no catalog")?;
        catalog.set("StructTreeRoot", Object::Reference(root));
        let mut mark_info = Dictionary::new();
        mark_info.set("Marked", Object::Boolean(true));
        catalog.set("MarkInfo", Object::Dictionary(mark_info));
        Ok(self.written)
    }
}

/// Moves each page's link annotations (printpdf writes them inline) into
/// objects of their own, each with its `/StructParent` key and a
/// description (`/Contents`: where it leads, until the link's text
/// replaces it), and sets `/Tabs /S` on pages that have any.
/// Returns each page's annotations with their keys.
fn annotation_objects(
    lo: &mut lopdf::Document,
    pages: &[ObjectId],
    marks: &[PageMarks],
    spoken: &layout::SpokenWords,
) -> anyhow::Result<Vec<Vec<(ObjectId, i64)>>> {
    let mut key = pages.len() as i64;
    let mut out = Vec::new();
    for (n, page) in pages.iter().enumerate() {
        let links: Vec<&LinkTarget> = marks.get(n).map_or(Vec::new(), |m| {
            (m.marks.iter())
                .filter_map(|m| match m {
                    Mark::Annotation { link, .. } => Some(link),
                    Mark::Content { .. } => None,
                })
                .collect()
        });
        let dict = lo.get_dictionary(*page).context("a page")?;
        let inline: Vec<Object> = match dict.get(b"Annots") {
            Ok(Object::Array(a)) => a.clone(),
            _ => Vec::new(),
        };
        let mut refs = Vec::new();
        let mut objects = Vec::new();
        for (i, annotation) in inline.into_iter().enumerate() {
            let mut annotation = match annotation {
                Object::Dictionary(d) => d,
                Object::Reference(id) => lo.get_dictionary(id).context("an annotation")?.clone(),
                _ => continue,
            };
            annotation.set("StructParent", Object::Integer(key));
            // Printed like the page (a link area draws nothing either way).
            annotation.set("F", Object::Integer(4));
            if let Some(link) = links.get(i) {
                annotation.set("Contents", super::text_string(&describe(link, spoken)));
            }
            let id = lo.add_object(annotation);
            refs.push(Object::Reference(id));
            objects.push((id, key));
            key += 1;
        }
        let dict = lo.get_dictionary_mut(*page).context("a page")?;
        if refs.is_empty() {
            dict.remove(b"Annots");
        } else {
            dict.set("Annots", Object::Array(refs));
            dict.set("Tabs", Object::Name(b"S".to_vec()));
        }
        out.push(objects);
    }
    Ok(out)
}

/// What a link does, in words, for a screen reader (`/Contents`).
fn describe(link: &LinkTarget, spoken: &layout::SpokenWords) -> String {
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

/// An attribute dictionary `<< /O owner /key value >>`.
fn attributes(owner: &[u8], key: &[u8], value: &[u8]) -> Object {
    let mut dict = Dictionary::new();
    dict.set("O", Object::Name(owner.to_vec()));
    dict.set(key, Object::Name(value.to_vec()));
    Object::Dictionary(dict)
}

/// The XMP metadata stream PDF/UA-1 asks for: the title (`dc:title`) and
/// the PDF/UA identification (`pdfuaid:part` 1), with the Info
/// dictionary's other entries. Left uncompressed, as XMP readers expect.
pub(super) fn xmp_metadata(meta: &layout::DocMeta) -> Stream {
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
    let mut dict = Dictionary::new();
    dict.set("Type", Object::Name(b"Metadata".to_vec()));
    dict.set("Subtype", Object::Name(b"XML".to_vec()));
    Stream::new(dict, text.into_bytes()).with_compression(false)
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

    #[test]
    fn xmp_carries_the_escaped_title_and_the_pdf_ua_part() {
        let meta = layout::DocMeta {
            title: "Knees & <hips>".into(),
            author: "Clinic \"A\"".into(),
            subject: String::new(),
            language: "en-GB".into(),
            creation_date: 1_767_225_600,
        };
        let xmp = String::from_utf8(xmp_metadata(&meta).content).unwrap();
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
        let lo = lopdf::Document::load_mem(&bytes).unwrap();
        let pages: Vec<ObjectId> = lo.get_pages().into_values().collect();

        let mut on_pages = BTreeMap::new();
        for (n, page) in pages.iter().enumerate() {
            let content = lopdf::content::Content::decode(&lo.get_page_content(*page));
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
            let refs = nums[at + 1].as_array().unwrap();
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
