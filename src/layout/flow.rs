//! Chunks → pages.
//!
//! Pagination is greedy with three rules: a chunk marked "keep with next"
//! moves to the next page together with its successor (headings never end
//! a page; a paragraph never leaves one line alone); a keep group
//! (`KeepStart`…`KeepEnd`) that does not fit what is left of the page but
//! fits a whole page starts a new page, and one taller than a page starts
//! a new page too and breaks between chunks; space between blocks is dropped at the top of a page.
//!
//! A table of contents' page numbers are written once every page is
//! placed (their column has a fixed width, so nothing moves), so the
//! document is set once.

use super::blocks::Parsed;
use super::chunk::{Anchor, Chunk, PAGE_NUMBER_BLANK, Panel, Rendered, Renderer, VItem};
use super::qr_cache::Lookup;
use super::text::measure;
use super::{
    Document, Element, Item, LinkTarget, OutlineEntry, Page, Positioned, Tag, TypesetOptions,
    furniture,
};
use crate::fonts::FontBook;
use crate::geom::{Point, Pt, Shape, Size};
use std::collections::BTreeMap;

/// Top of the text area and its height.
pub(super) fn body_box(opts: &TypesetOptions<'_>) -> (Pt, Pt) {
    let top = opts.margins.top;
    (top, opts.page_size().height - opts.margins.bottom - top)
}

/// Where each heading landed.
struct Placed {
    anchor: Anchor,
    page: usize,
    y: Pt,
}

struct Pass {
    pages: Vec<Page>,
    structure: Vec<Element>,
    placed: Vec<Placed>,
    cover: bool,
}

/// Typesets parsed blocks into a document. The parsed Markdown is let go
/// before the pages are placed: a long checklist's would otherwise be held
/// beside all its pages.
pub(super) fn typeset(doc: Parsed, opts: &TypesetOptions<'_>, qr_codes: Lookup<'_>) -> Document {
    let mut out = render(&doc, opts, qr_codes);
    drop(doc);
    let problems = std::mem::take(&mut out.problems);
    let mut pass = place(out, opts);
    resolve_links(&mut pass, &opts.fonts);
    let outline = outline(&pass.placed);
    furniture::add(&mut pass.pages, opts, pass.cover);
    Document {
        pages: pass.pages,
        outline,
        meta: opts.meta.clone(),
        structure: pass.structure,
        fonts: opts.fonts.clone(),
        spoken: opts.spoken.clone(),
        problems,
    }
}

/// The blocks as chunks.
fn render(doc: &Parsed, opts: &TypesetOptions<'_>, qr_codes: Lookup<'_>) -> Rendered {
    let width = opts.page_size().width - opts.margins.left - opts.margins.right;
    let mut r = Renderer {
        opts,
        out: Rendered::default(),
        headings: 0,
        toc_titles: Vec::new(),
        keys: Vec::new(),
        repeat: None,
        repeat_open: false,
        measuring: false,
        open: Vec::new(),
        qr_codes,
        tick_boxes: Default::default(),
    };
    r.document(doc, width);
    r.out
}

/// The chunks placed on pages, with the structure they belong to.
fn place(mut out: Rendered, opts: &TypesetOptions<'_>) -> Pass {
    let structure = std::mem::take(&mut out.elements);
    let mut pass = paginate(out, opts);
    pass.structure = structure;
    pass
}

/// Places the chunks on pages. The chunks' items move onto the pages
/// (only a repeated table header is copied), so a long document is never
/// held twice.
fn paginate(mut out: Rendered, opts: &TypesetOptions<'_>) -> Pass {
    let (top, body_h) = body_box(opts);
    let bottom = top + body_h;
    let left = opts.margins.left;
    let new_page = || (Vec::<Positioned>::new(), Vec::<Positioned>::new());
    let mut pages = vec![new_page()];
    let mut placed = Vec::new();
    // The contents' page numbers: (page, index among its items, key).
    let mut page_numbers = Vec::new();
    // (frame, page) → (top, bottom) of its chunks.
    let mut frames: BTreeMap<(usize, usize), (Pt, Pt)> = BTreeMap::new();
    let mut y = top;
    let mut empty = true;
    // Whether the page was started by a break and holds nothing yet.
    let mut broken = false;
    // The groups open at this point, each with the index of its unit's
    // start when it is a unit: the innermost unit's "continued" head tops
    // a page it breaks onto.
    // The page each started on, and whether it has placed a chunk yet (a
    // unit that breaks before its heading has nothing to continue).
    let mut open: Vec<(Option<usize>, usize, bool)> = Vec::new();
    for i in 0..out.items.len() {
        if let VItem::Space(h) = &out.items[i] {
            if !empty {
                y += *h;
            }
            continue;
        }
        let room = (y, bottom, body_h);
        if !empty && breaks_before(&out.items[i..], room, &open, pages.len() - 1) {
            // The page is done: it keeps no spare room while the rest of
            // a long document is placed.
            if let Some((_, fg)) = pages.last_mut() {
                fg.shrink_to_fit();
            }
            pages.push(new_page());
            y = top;
            empty = true;
            broken = true;
            if let Some(head) = continued_head(&out.items, i, &open, body_h) {
                let fg = &mut pages.last_mut().expect("a page was just added").1;
                fg.extend(shifted(head.items.iter().cloned(), left, y));
                y += head.height;
            }
        }
        let page = pages.len() - 1;
        match &out.items[i] {
            VItem::KeepStart => open.push((None, page, false)),
            VItem::UnitStart(_) => open.push((Some(i), page, false)),
            VItem::KeepEnd => {
                open.pop();
            }
            _ => {}
        }
        let VItem::Chunk(c) = &mut out.items[i] else {
            continue;
        };
        open.iter_mut().for_each(|(_, _, placed)| *placed = true);
        // A table row that starts a page brings the table's header along
        // (also when the page broke before a keep group the row opens).
        let repeat = c.header.as_deref().filter(|_| empty && broken);
        broken = false;
        let own = std::mem::take(&mut c.items);
        let placing = repeat
            .map(|header| (header, header.items.clone()))
            .into_iter()
            .chain([(&*c, own)]);
        for (c, items) in placing {
            let page = pages.len() - 1;
            let fg = &mut pages[page].1;
            if let Some((index, key)) = &c.page_number_of {
                page_numbers.push((page, fg.len() + index, key.clone()));
            }
            fg.extend(shifted(items, left, y));
            spread_frames(&mut frames, &c.frames, page, (y, y + c.height));
            if let Some(a) = &c.anchor {
                placed.push(Placed {
                    anchor: a.clone(),
                    page,
                    y,
                });
            }
            y += c.height;
            empty = false;
        }
    }
    number_contents(&mut pages, page_numbers, &placed, &opts.fonts);
    for ((f, page), (y0, y1)) in frames {
        let items = frame_items(&out.frames[f], left, y0, y1);
        pages[page].0.extend(items);
    }
    Pass {
        pages: stacked(pages, opts),
        structure: Vec::new(),
        placed,
        cover: out.cover,
    }
}

/// Whether the page must break before `items[0]`, on a page that holds
/// something, the room being `(y, bottom, body_h)`: the top of what is
/// placed next, the bottom of the text area and its height; `open` the
/// groups open there, as [`paginate`] keeps them, on page `page`.
fn breaks_before(
    items: &[VItem],
    (y, bottom, body_h): (Pt, Pt, Pt),
    open: &[(Option<usize>, usize, bool)],
    page: usize,
) -> bool {
    match &items[0] {
        VItem::Space(_) | VItem::KeepEnd => false,
        VItem::PageBreak => true,
        VItem::KeepStart => {
            let h = group_height(items, body_h);
            y + h > bottom && h <= body_h
        }
        // A unit taller than a page starts one too, so it breaks as
        // few times as it must; but not again inside a unit that
        // started this page (a phase's introduction and its first
        // exercise).
        VItem::UnitStart(_) => {
            let h = group_height(items, body_h);
            let packing = open.iter().any(|(u, p, _)| u.is_some() && *p == page);
            y + h > bottom && (h <= body_h || !packing)
        }
        VItem::Chunk(c) => {
            let h = atom_height(items, body_h);
            y + h > bottom && (h <= body_h || y + c.height > bottom)
        }
    }
}

/// The "continued" head that tops a page the innermost open unit (that
/// has placed a chunk) breaks onto before `items[i]`: only where it
/// leaves room for what comes next (a heading longer than a page has
/// none).
fn continued_head<'a>(
    items: &'a [VItem],
    i: usize,
    open: &[(Option<usize>, usize, bool)],
    body_h: Pt,
) -> Option<&'a Chunk> {
    let unit = (open.iter().rev()).find_map(|(u, _, placed)| u.filter(|_| *placed));
    let next_h = match &items[i] {
        VItem::Chunk(_) => atom_height(&items[i..], body_h),
        VItem::KeepStart | VItem::UnitStart(_) => group_height(&items[i..], body_h),
        _ => Pt::ZERO,
    };
    match unit.map(|u| &items[u]) {
        Some(VItem::UnitStart(Some(head))) if head.height + next_h.min(body_h) <= body_h => {
            Some(head)
        }
        _ => None,
    }
}

/// Stretches the extent on `page` of each of `frames` (by frame and page:
/// the top and bottom of their chunks) over a chunk from `y0` to `y1`.
fn spread_frames(
    extents: &mut BTreeMap<(usize, usize), (Pt, Pt)>,
    frames: &[usize],
    page: usize,
    (y0, y1): (Pt, Pt),
) {
    for f in frames {
        let e = extents.entry((*f, page)).or_insert((y0, y1));
        e.0 = e.0.min(y0);
        e.1 = e.1.max(y1);
    }
}

/// Items placed on the page: moved right by `left` and down by `y`.
fn shifted(
    items: impl IntoIterator<Item = Positioned>,
    left: Pt,
    y: Pt,
) -> impl Iterator<Item = Positioned> {
    items.into_iter().map(move |mut p| {
        p.at.x += left;
        p.at.y += y;
        p
    })
}

/// The pages, each its background (frames) under its foreground.
fn stacked(pages: Vec<(Vec<Positioned>, Vec<Positioned>)>, opts: &TypesetOptions<'_>) -> Vec<Page> {
    pages
        .into_iter()
        .map(|(mut bg, fg)| {
            bg.reserve_exact(fg.len());
            bg.extend(fg);
            Page {
                size: opts.page_size(),
                items: bg,
            }
        })
        .collect()
}

/// Writes each contents entry's page number (from 1) into its empty text,
/// right-aligned where that text stands, now that every heading is placed.
fn number_contents(
    pages: &mut [(Vec<Positioned>, Vec<Positioned>)],
    page_numbers: Vec<(usize, usize, String)>,
    placed: &[Placed],
    fonts: &FontBook,
) {
    let page_of: BTreeMap<&str, usize> = (placed.iter())
        .map(|p| (p.anchor.key.as_str(), p.page + 1))
        .collect();
    for (page, index, key) in page_numbers {
        let Some(number) = page_of.get(key.as_str()) else {
            continue;
        };
        if let Some(Positioned {
            at,
            item: Item::Text(run),
            ..
        }) = pages.get_mut(page).and_then(|(_, fg)| fg.get_mut(index))
        {
            run.text = number.to_string();
            at.x -= super::text::measure(fonts, run.face, run.size, &run.text);
        }
    }
}

/// Height of the chunks tied to the first one by "keep with next",
/// including the space between them.
fn atom_height(items: &[VItem], body_h: Pt) -> Pt {
    let mut h = Pt::ZERO;
    let mut pending = Pt::ZERO;
    for (j, v) in items.iter().enumerate() {
        match v {
            VItem::Chunk(c) => {
                h += pending + c.height;
                pending = Pt::ZERO;
                // Taller than a page decides the same however much taller:
                // stopping here keeps a long chain linear, not quadratic.
                if !c.keep_with_next || h > body_h {
                    break;
                }
            }
            VItem::Space(s) => pending += *s,
            VItem::PageBreak => break,
            // A heading followed by a keep group goes with the whole group
            // (when the group fits a page), or it could be left behind.
            VItem::KeepStart | VItem::UnitStart(_) if j > 0 => {
                let g = group_height(&items[j..], body_h);
                if g <= body_h {
                    h += pending + g;
                    break;
                }
            }
            VItem::KeepStart | VItem::UnitStart(_) | VItem::KeepEnd => {}
        }
    }
    h
}

/// Height of a keep group starting at `items[0]` (a `KeepStart`), or a
/// height over `limit` once it is taller than that: a group taller than a
/// page is not kept together, whatever its height, and measuring no
/// further keeps a long group (10,000 steps) linear, not quadratic.
fn group_height(items: &[VItem], limit: Pt) -> Pt {
    let mut depth = 0;
    let mut h = Pt::ZERO;
    // Space after the group's last chunk takes no room on its page (what
    // follows it goes below, or onto the next page).
    let mut space = Pt::ZERO;
    for v in items {
        match v {
            VItem::KeepStart | VItem::UnitStart(_) => depth += 1,
            VItem::KeepEnd => {
                depth -= 1;
                if depth == 0 {
                    break;
                }
            }
            VItem::Chunk(c) => {
                h += space + c.height;
                space = Pt::ZERO;
            }
            VItem::Space(s) => space += *s,
            VItem::PageBreak => break,
        }
        if h > limit {
            break;
        }
    }
    h
}

fn frame_items(f: &Panel, left: Pt, y0: Pt, y1: Pt) -> Vec<Positioned> {
    let at = Point::new(left + f.x, y0);
    let size = Size::new(f.width, y1 - y0);
    let mut out = vec![Positioned {
        at,
        item: Item::Shape(Shape {
            segments: Shape::rect(Point::default(), size).into(),
            fill: f.fill,
            stroke: f.border,
        }),
        tag: Some(Tag::Artifact),
    }];
    if let Some((w, color)) = f.bar {
        out.push(Positioned {
            at,
            item: Item::Shape(Shape {
                segments: Shape::rect(Point::default(), Size::new(w, size.height)).into(),
                fill: Some(color),
                stroke: None,
            }),
            tag: Some(Tag::Artifact),
        });
    }
    out
}

/// Turns `#anchor` links into links to the heading's page and position,
/// and drops links to anchors that do not exist.
fn resolve_links(pass: &mut Pass, fonts: &FontBook) {
    let anchors: BTreeMap<String, LinkTarget> = pass
        .placed
        .iter()
        .map(|p| {
            (
                p.anchor.key.clone(),
                LinkTarget::Internal {
                    page: p.page,
                    y: p.y,
                },
            )
        })
        .collect();
    let resolve = |t: &LinkTarget| -> Option<LinkTarget> {
        match t {
            LinkTarget::Uri(u) if u.starts_with('#') => anchors.get(&u[1..]).cloned(),
            other => Some(other.clone()),
        }
    };
    for page in &mut pass.pages {
        // Where a page number came out narrower than its blank: the
        // text after it on its line closes up.
        let mut narrower: Vec<(Point, Pt, Pt)> = Vec::new();
        page.items.retain_mut(|p| match &mut p.item {
            Item::Link { target, .. } => match resolve(target) {
                Some(t) => {
                    *target = t;
                    true
                }
                None => false,
            },
            Item::Text(run) => {
                run.link = run.link.as_ref().and_then(&resolve);
                // A page reference gets its page's number.
                if run.text.contains(PAGE_NUMBER_BLANK) {
                    let number = match &run.link {
                        Some(LinkTarget::Internal { page, .. }) => (page + 1).to_string(),
                        _ => String::new(),
                    };
                    let before = measure(fonts, run.face, run.size, &run.text);
                    // A number wider than its blank, or none: no reference.
                    run.text = match number.chars().count() {
                        1..=3 => run.text.replace(PAGE_NUMBER_BLANK, &number),
                        _ => String::new(),
                    };
                    let gap = before - measure(fonts, run.face, run.size, &run.text);
                    if gap > Pt::ZERO {
                        narrower.push((p.at, run.size, gap));
                    }
                }
                true
            }
            _ => true,
        });
        for (at, size, gap) in narrower {
            // The line's items: its text on the baseline, its underlines
            // just below, its link areas from the line's top (a line of
            // 1.4 lead starts about one size above its baseline).
            let line = at.y - size * 1.2..at.y + size * 0.3;
            for p in &mut page.items {
                if p.at.x > at.x && line.contains(&p.at.y) {
                    p.at.x -= gap;
                }
            }
        }
    }
}

/// Level-1 headings with their level-2 headings nested under them.
fn outline(placed: &[Placed]) -> Vec<OutlineEntry> {
    let mut out: Vec<OutlineEntry> = Vec::new();
    for p in placed.iter().filter(|p| p.anchor.level <= 2) {
        let entry = OutlineEntry {
            title: p.anchor.title.clone(),
            page: p.page,
            y: p.y,
            children: Vec::new(),
        };
        match out.last_mut() {
            Some(parent) if p.anchor.level == 2 => parent.children.push(entry),
            _ => out.push(entry),
        }
    }
    out
}
