//! Tests of the tags the typesetter gives its items: every item is either
//! part of a structure element or page furniture, and the elements come
//! in reading order.

use super::tests::{SAMPLE, sample_options};
use super::*;

/// The elements an item's tag points to, with the item, in painting order.
fn tagged(doc: &Document) -> Vec<(&Positioned, Option<usize>)> {
    doc.pages
        .iter()
        .flat_map(|p| &p.items)
        .map(|p| match p.tag {
            Some(Tag::Content(e)) => (p, Some(e)),
            Some(Tag::Artifact) => (p, None),
            None => panic!("an untagged item: {p:?}"),
        })
        .collect()
}

fn text_of(p: &Positioned) -> Option<&str> {
    match &p.item {
        Item::Text(run) => Some(&run.text),
        _ => None,
    }
}

#[test]
fn every_item_is_content_of_an_element_or_furniture() {
    let doc = typeset(SAMPLE, &sample_options());
    assert_eq!(doc.structure[0].role, Role::Document);
    for (i, e) in doc.structure.iter().enumerate().skip(1) {
        let parent = e.parent.expect("a parent");
        assert!(parent < i, "element {i} comes before its parent {parent}");
    }
    let items = tagged(&doc);
    for (p, element) in &items {
        if let Some(e) = element {
            assert!(*e < doc.structure.len());
        }
        // Decoration never reads out (but a task's tick box says whether
        // it is done); text always belongs to something, except the header
        // and footer.
        if matches!(p.item, Item::Shape(_))
            && let Some(e) = element
        {
            let role = &doc.structure[*e].role;
            assert!(
                matches!(role, Role::TaskBox { .. }),
                "a shape in {role:?}: {p:?}"
            );
        }
    }
    let pages = doc.pages.len();
    for (p, element) in &items {
        let Some(text) = text_of(p) else { continue };
        let furniture = text == "Exercises after spine surgery"
            || text == "Clinic: 555 0100"
            || text.starts_with("Page ") && text.ends_with(&format!(" of {pages}"));
        assert_eq!(element.is_none(), furniture, "{text:?}");
    }
}

#[test]
fn a_figure_beside_its_steps_is_read_after_them() {
    let doc = typeset(SAMPLE, &sample_options());
    let figure = doc
        .structure
        .iter()
        .position(|e| matches!(&e.role, Role::Figure { alt } if alt == "Lying on your back with knees bent"))
        .expect("a figure element with the alt text");
    let step = tagged(&doc)
        .into_iter()
        .find(|(p, _)| text_of(p).is_some_and(|t| t.starts_with("Lie on your back with")))
        .and_then(|(_, e)| e)
        .expect("step 1 is content");
    // Step 1's paragraph sits in a list that comes before the figure.
    let mut list = step;
    while !matches!(doc.structure[list].role, Role::List { numbered: true }) {
        list = doc.structure[list].parent.expect("inside a list");
    }
    assert!(list < figure);
    assert_eq!(doc.structure[list].parent, doc.structure[figure].parent);
    let caption = figure + 1;
    assert_eq!(doc.structure[caption].role, Role::Caption);
    assert_eq!(doc.structure[caption].parent, Some(figure));
}

#[test]
fn a_header_row_repeated_on_a_new_page_is_furniture() {
    let mut markdown = String::from("| Day | Done |\n|---|---|\n");
    for n in 0..80 {
        markdown += &format!("| Day {n} | yes |\n");
    }
    let doc = typeset(&markdown, &sample_options());
    assert!(doc.pages.len() > 1);
    let heads = |page: &Page| -> Vec<Option<Tag>> {
        (page.items.iter())
            .filter(|p| text_of(p) == Some("Done"))
            .map(|p| p.tag)
            .collect()
    };
    let first = heads(&doc.pages[0]);
    let Some(Tag::Content(cell)) = first[0] else {
        panic!("the header is content on its first page: {first:?}");
    };
    assert_eq!(doc.structure[cell].role, Role::HeaderCell);
    assert_eq!(heads(&doc.pages[1]), [Some(Tag::Artifact)]);
}

#[test]
fn a_picture_without_alt_text_is_decoration() {
    let opts = sample_options();
    let doc = typeset("![](figure:lying)\n\nText.", &opts);
    let drawing = (doc.pages[0].items.iter())
        .find(|p| matches!(p.item, Item::Drawing { .. }))
        .expect("drawn");
    assert_eq!(drawing.tag, Some(Tag::Artifact));
    assert!(
        !doc.structure
            .iter()
            .any(|e| matches!(e.role, Role::Figure { .. }))
    );
}

#[test]
fn a_task_box_is_its_items_label_and_says_whether_it_is_done() {
    let doc = typeset("- [x] Walk\n- [ ] Rest\n", &sample_options());
    let states: Vec<bool> = (doc.structure.iter())
        .filter_map(|e| match e.role {
            Role::TaskBox { done } => Some(done),
            _ => None,
        })
        .collect();
    assert_eq!(states, [true, false]);
    for (p, element) in tagged(&doc) {
        if let (Item::Shape(_), Some(e)) = (&p.item, element) {
            let item = doc.structure[e].parent.expect("in a list item");
            assert_eq!(doc.structure[item].role, Role::ListItem);
        }
    }
    let boxes = (tagged(&doc).into_iter())
        .filter(|(p, e)| matches!(p.item, Item::Shape(_)) && e.is_some())
        .count();
    // Two squares and one tick.
    assert_eq!(boxes, 3);
}
