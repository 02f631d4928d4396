//! Footnotes: each set after the top-level block that first cites it,
//! then taken out of the flow and hung on the line that cites it, so
//! pagination prints it at the foot of that line's page, under a short
//! rule. A note too tall for a page's foot (over [`FOOT_SHARE`] of the
//! text area) stays in the flow after its block, under the same rule;
//! a note nothing outside the notes cites prints at the end.
//!
//! Also the notes area (an empty `# {.lines}` heading): ruled lines to
//! write on that fill the rest of the page they reach, left out where
//! fewer than [`LEAST_LINES`] would fit (it never adds a page).

use super::blocks::{Block, superscript};
use super::chunk::{Chunk, FootRule, Notes, Renderer, VItem, hline, text_item};
use super::{Face, Item, Positioned, Role, Tag};
use crate::geom::{Point, Pt};

/// The fewest lines to write on a notes area has on its page.
const LEAST_LINES: usize = 3;

/// The most of the text area a line's footnotes may take at its page's
/// foot; taller ones print in the flow.
const FOOT_SHARE: f32 = 0.4;

impl Renderer<'_, '_> {
    /// The rule over a page's footnotes and the space between notes.
    pub(super) fn foot_rule(&self, width: Pt) -> FootRule {
        FootRule {
            rule: Chunk {
                height: self.em(1.2),
                items: vec![Positioned {
                    tag: Some(Tag::Artifact),
                    ..hline(
                        Pt::ZERO,
                        self.em(0.6),
                        width * 0.3,
                        self.opts.palette.line,
                        Pt(1.0),
                    )
                }],
                ..Chunk::default()
            },
            gap: self.em(0.3),
        }
    }

    /// Sets the footnotes the top-level block `block` cites first (its
    /// chunks are those from `from` on) and hangs each on the line that
    /// cites it.
    pub(super) fn cite_notes(&mut self, block: usize, from: usize, width: Pt) {
        let numbers = self.cites.get(block).cloned().unwrap_or_default();
        let area = self.opts.page_size().height - self.opts.margins.top - self.opts.margins.bottom;
        for n in numbers {
            let Ok(at) = self.footnotes.binary_search_by_key(&n, |(m, _)| *m) else {
                continue;
            };
            let blocks = self.footnotes[at].1.clone();
            let start = self.out.items.len();
            self.footnote(n, &blocks, width);
            let set: Vec<VItem> = self.out.items.drain(start..).collect();
            let mut notes = Notes::default();
            notes.stack(set.iter().cloned(), Pt::ZERO);
            let mark = superscript(n);
            let cites = |v: &VItem| {
                matches!(v, VItem::Chunk(c) if c.items.iter().any(
                    |p| matches!(&p.item, Item::Text(t) if t.text.contains(&mark))))
            };
            let line = (from..start)
                .find(|k| cites(&self.out.items[*k]))
                .or_else(|| (from..start).find(|k| matches!(self.out.items[*k], VItem::Chunk(_))));
            match line {
                Some(k) if notes.height <= area * FOOT_SHARE => {
                    let FootRule { rule, gap } = &self.out.foot_rule;
                    let (lead, gap) = (rule.height, *gap);
                    if let VItem::Chunk(c) = &mut self.out.items[k] {
                        let notes = c.notes.get_or_insert_with(|| {
                            Box::new(Notes {
                                lead,
                                ..Notes::default()
                            })
                        });
                        notes.stack(set, gap);
                    }
                }
                _ => {
                    self.note_rule(width);
                    self.out.items.extend(set);
                }
            }
        }
    }

    /// A notes area: its label and ruled lines to write on, every item
    /// an artifact (nothing to read out), each chunk marked to fill: the
    /// label and [`LEAST_LINES`] lines are a group, then as many more
    /// lines as a page holds. Pagination sets what fits on the page it
    /// has reached, and leaves the area out, rather than start a page for
    /// it, when the group does not fit.
    pub(super) fn lines_to_write_on(&mut self, x: Pt, width: Pt) {
        let pitch = self.em(1.8);
        let line = || Chunk {
            height: pitch,
            items: vec![Positioned {
                tag: Some(Tag::Artifact),
                ..hline(x, pitch - Pt(2.0), width, self.opts.palette.line, Pt(0.8))
            }],
            fill: true,
            ..Chunk::default()
        };
        let label = Positioned {
            tag: Some(Tag::Artifact),
            ..text_item(
                Point::new(x, self.em(1.3)),
                Face::Bold,
                self.em(1.18),
                self.opts.palette.accent,
                &self.opts.box_labels.notes,
            )
        };
        let area = self.opts.page_size().height - self.opts.margins.top - self.opts.margins.bottom;
        let all = (area.0 / pitch.0) as usize;
        self.out.items.push(VItem::Space(self.em(1.0)));
        self.out.items.push(VItem::KeepStart);
        self.out.items.push(VItem::Chunk(Chunk {
            height: self.em(1.4),
            items: vec![label],
            fill: true,
            ..Chunk::default()
        }));
        for _ in 0..LEAST_LINES {
            self.out.items.push(VItem::Chunk(line()));
        }
        self.out.items.push(VItem::KeepEnd);
        for _ in LEAST_LINES..all {
            self.out.items.push(VItem::Chunk(line()));
        }
    }

    /// Footnotes set in the flow, under a short rule.
    pub(super) fn footnotes(&mut self, notes: &[(u32, Vec<Block>)], width: Pt) {
        self.note_rule(width);
        for (n, blocks) in notes {
            self.footnote(*n, blocks, width);
        }
    }

    /// The rule over footnotes set in the flow, kept with the first.
    fn note_rule(&mut self, width: Pt) {
        self.push(VItem::Space(self.em(1.2)));
        self.push(VItem::Chunk(Chunk {
            height: self.em(0.8),
            items: vec![hline(
                Pt::ZERO,
                self.em(0.2),
                width * 0.3,
                self.opts.palette.line,
                Pt(1.0),
            )],
            keep_with_next: true,
            ..Chunk::default()
        }));
    }

    /// One footnote: its number, then its blocks beside it.
    fn footnote(&mut self, n: u32, blocks: &[Block], width: Pt) {
        let size = self.size();
        let first = self.out.items.len();
        self.open(Role::Footnote);
        let label = self.element(Role::Label);
        self.blocks(blocks, self.em(1.6), width - self.em(1.6));
        self.close();
        if let Some(VItem::Chunk(c)) = self.out.items[first..]
            .iter_mut()
            .find(|v| matches!(v, VItem::Chunk(_)))
        {
            let at = Point::new(Pt::ZERO, c.baseline.unwrap_or(size));
            c.items.push(Positioned {
                tag: Some(Tag::Content(label)),
                ..text_item(
                    at,
                    Face::Regular,
                    size,
                    self.opts.palette.muted,
                    &superscript(n),
                )
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::layout::tests::sample_options;
    use crate::layout::{Item, Page, typeset};

    /// The page (from 0) and baseline of the first text run holding `text`.
    fn find(pages: &[Page], text: &str) -> Option<(usize, f32)> {
        pages.iter().enumerate().find_map(|(n, page)| {
            page.items.iter().find_map(|p| match &p.item {
                Item::Text(t) if t.text.contains(text) => Some((n, p.at.y.0)),
                _ => None,
            })
        })
    }

    #[test]
    fn a_footnote_prints_at_the_foot_of_the_page_that_cites_it() {
        let filler = "A line of words to fill the page with text. ".repeat(12);
        let mut md = String::new();
        for _ in 0..12 {
            md += &format!("{filler}\n\n");
        }
        md += "The cited sentence.[^a] More words follow it.\n\n";
        for _ in 0..30 {
            md += &format!("{filler}\n\n");
        }
        md += "[^a]: Soreness is normal; sharp pain is not.\n";
        let doc = typeset(&md, &sample_options());
        assert!(doc.problems.is_empty(), "{:?}", doc.problems);
        let (page, y) = find(&doc.pages, "sentence.¹").expect("the marker");
        let (note_page, note_y) = find(&doc.pages, "Soreness is normal").expect("the note");
        assert!(page > 0 && doc.pages.len() > page + 1, "cited mid-document");
        assert_eq!(note_page, page, "the note prints where it is cited");
        // At the foot: under every other line of the page.
        let lowest = (doc.pages[page].items.iter())
            .filter_map(|p| match &p.item {
                Item::Text(t) if t.text.contains("A line of words") => Some(p.at.y.0),
                _ => None,
            })
            .fold(y, f32::max);
        assert!(note_y > lowest, "{note_y} under {lowest}");
        // Not again at the end.
        let last = doc.pages.len() - 1;
        assert!(find(&doc.pages[last..], "Soreness").is_none() || last == page);
    }

    /// Where the shapes drawn on a page (its rules) stand, from the top.
    fn rules(page: &Page) -> Vec<f32> {
        (page.items.iter())
            .filter(|p| matches!(p.item, Item::Shape(_)))
            .map(|p| p.at.y.0)
            .collect()
    }

    #[test]
    fn a_notes_area_fills_the_rest_of_the_last_page_and_never_adds_one() {
        let opts = sample_options();
        let short = typeset("Some words.\n\n# {.lines}\n", &opts);
        assert!(short.problems.is_empty(), "{:?}", short.problems);
        assert_eq!(short.pages.len(), 1);
        let (_, label) = find(&short.pages, "Notes").expect("the label");
        let lines = rules(&short.pages[0]);
        let lowest = lines.iter().copied().fold(0.0, f32::max);
        let bottom = (opts.page_size().height - opts.margins.bottom).0;
        assert!(lines.len() > 15, "{} lines", lines.len());
        assert!(
            lowest > label && bottom - lowest < 30.0,
            "{lowest} of {bottom}"
        );
        // A page full to its last lines: no room for the label and three
        // lines, and no page is added for them.
        let mut md = String::new();
        let mut n = 0;
        loop {
            md += "A line.\n\n";
            n += 1;
            let doc = typeset(&format!("{md}# {{.lines}}\n"), &opts);
            if find(&doc.pages, "Notes").is_none() {
                assert_eq!(doc.pages.len(), 1, "no page for the notes alone");
                assert!(find(&doc.pages, "A line.").is_some());
                break;
            }
            assert!(n < 60, "the area is always set");
        }
    }

    #[test]
    fn a_note_cited_nowhere_but_in_a_note_prints_at_the_end() {
        let md = "Text.[^a]\n\n[^a]: A note citing another.[^b]\n\n[^b]: The other note.\n";
        let doc = typeset(md, &sample_options());
        assert!(doc.problems.is_empty(), "{:?}", doc.problems);
        assert!(find(&doc.pages, "The other note.").is_some());
        assert!(find(&doc.pages, "A note citing another.²").is_some());
    }
}
