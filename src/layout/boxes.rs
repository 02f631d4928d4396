//! Lists (numbered, bulleted, task) with hanging indents, boxed blocks
//! (GFM alerts, quotes, code).

use super::blocks::{Block, BoxKind, ListItem};
use super::chunk::{Chunk, Panel, Renderer, VItem, text_item};
use super::text::{Span, Style, measure};
use super::{Face, Item, Positioned, Role, Tag, TypesetOptions};
use crate::geom::{Color, LineStyle, Point, Pt, Segment, Shape, Size, Stroke};

impl Renderer<'_, '_> {
    pub(super) fn list(&mut self, start: Option<u64>, items: &[ListItem], x: Pt, width: Pt) {
        self.list_around(start, items, x, width, (items.len(), width));
    }

    /// A list whose first `narrow` items are set `width` wide (beside a
    /// figure) and the rest `full` wide (under it), with one indent, as
    /// one list. Returns where each item's vertical items start.
    pub(super) fn list_around(
        &mut self,
        start: Option<u64>,
        items: &[ListItem],
        x: Pt,
        width: Pt,
        (narrow, full): (usize, Pt),
    ) -> Vec<usize> {
        let size = self.size();
        let mut starts = Vec::with_capacity(items.len());
        // Numbers are set right-aligned in the indent: it grows to hold
        // the widest (a list of ten steps or more), so none hangs out
        // into the margin.
        let (indent, marker) = match start {
            Some(start) => {
                let widest = format!("{}.", start + items.len().saturating_sub(1) as u64);
                let number =
                    measure(&self.opts.fonts, Face::Bold, size, &widest) + Marker::gap(size);
                (self.em(1.9).max(number), number)
            }
            None => (self.em(1.4), self.em(0.9)),
        };
        // Nesting gives up its indent before the text gets too narrow, but
        // never so far that the marker would hang out past `x` (a list in
        // a narrow column, beside a figure in large print), while the
        // column still holds a few words beside it.
        let floor = marker.min((width - self.em(6.0)).max(Pt::ZERO));
        let indent = indent.min(self.spare(width)).max(floor);
        self.open(Role::List {
            numbered: start.is_some(),
        });
        let narrow_width = width;
        for (n, item) in items.iter().enumerate() {
            let width = if n < narrow { narrow_width } else { full };
            let first = self.out.items.len();
            starts.push(first);
            self.open(Role::ListItem);
            // A number is the item's label, and so is a task's tick box
            // (read as done or not); a bullet is only decoration.
            let label = match (start, item.task) {
                (_, Some(done)) => Some(self.element(Role::TaskBox { done })),
                (Some(_), None) => Some(self.element(Role::Label)),
                (None, None) => None,
            };
            self.open(Role::ListBody);
            let task_indent = if item.task.is_some() {
                self.em(1.7).min(self.spare(width - indent))
            } else {
                Pt::ZERO
            };
            let inner_x = x + indent + task_indent;
            for (b, block) in item.blocks.iter().enumerate() {
                if b > 0 {
                    self.push(VItem::Space(self.em(0.3)));
                }
                match block {
                    Block::Paragraph(spans) => {
                        let chunks = self.text(
                            spans,
                            inner_x,
                            width - indent - task_indent,
                            size,
                            self.opts.palette.text,
                            None,
                        );
                        self.lines(chunks);
                    }
                    Block::List { start, items } => {
                        self.list(*start, items, inner_x, width - indent - task_indent);
                    }
                    other => self.block(other, inner_x, width - indent - task_indent),
                }
            }
            self.close(); // the item's body
            // The marker goes on the first line of the item.
            let marker = match (start, item.task) {
                (_, Some(done)) => Marker::Task(done),
                (Some(s), None) => Marker::Number(s + n as u64),
                (None, None) => Marker::Bullet,
            };
            if let Some(VItem::Chunk(c)) = self.out.items[first..]
                .iter_mut()
                .find(|v| matches!(v, VItem::Chunk(_)))
            {
                let baseline = c.baseline.unwrap_or(size);
                let mut items = marker.items(x, indent, baseline, size, self.opts);
                for p in &mut items {
                    p.tag = Some(match (&p.item, label, item.task) {
                        (Item::Text(_), Some(label), _) | (_, Some(label), Some(_)) => {
                            Tag::Content(label)
                        }
                        _ => Tag::Artifact,
                    });
                }
                // Before the line's text, so that copied or extracted text
                // reads "1. Lie on your back." in order.
                c.items.splice(0..0, items);
            }
            self.close(); // the item
            if n + 1 < items.len() {
                self.push(VItem::Space(self.em(0.3)));
            }
        }
        self.close();
        starts
    }

    /// How much of `width` nesting may still take for indents and
    /// padding: deeply nested quotes and lists stop moving right before
    /// their text column gets narrower than a few words.
    fn spare(&self, width: Pt) -> Pt {
        (width - self.em(12.0)).max(Pt::ZERO)
    }

    pub(super) fn alert(&mut self, kind: BoxKind, blocks: &[Block], x: Pt, width: Pt) {
        let boxes = &self.opts.palette.boxes;
        let labels = &self.opts.box_labels;
        let (label, style) = match kind {
            BoxKind::Dose => (labels.dose.clone(), boxes.dose),
            BoxKind::Note => (labels.note.clone(), boxes.note),
            BoxKind::Tip => (labels.tip.clone(), boxes.tip),
            BoxKind::Important => (labels.important.clone(), boxes.important),
            BoxKind::Warning => (format!("⚠ {}", labels.warning), boxes.warning),
            BoxKind::Caution => (format!("⚠ {}", labels.caution), boxes.caution),
        };
        let warns = matches!(kind, BoxKind::Warning | BoxKind::Caution);
        let frame = Panel {
            x,
            width,
            fill: Some(style.tint),
            border: style.border.map(|width| Stroke {
                color: style.edge,
                width,
                style: LineStyle::Square,
                dash: None,
            }),
            bar: Some((style.bar, style.edge)),
        };
        // A box that opens with bold words and a colon, like `**How
        // much:**`, takes them as its label instead of the default one.
        let (label, blocks) = match own_label(blocks) {
            Some((own, rest)) if warns => (format!("⚠ {own}"), rest),
            Some(own) => own,
            None => (label, blocks.to_vec()),
        };
        // A dose is one line in a handout: its label leads its first
        // paragraph ("How much: Hold 30 seconds…") instead of taking a
        // line of its own.
        let inline =
            matches!(kind, BoxKind::Dose) && matches!(blocks.first(), Some(Block::Paragraph(_)));
        self.open(Role::Aside);
        if inline {
            let mut blocks = blocks;
            if let Some(Block::Paragraph(spans)) = blocks.first_mut() {
                let lead = Span {
                    text: format!("{label}: "),
                    style: Style::new(Face::Bold, style.label),
                };
                spans.insert(0, lead);
            }
            self.framed(frame, None, &blocks, x, width);
        } else {
            self.framed(frame, Some((&label, style.label)), &blocks, x, width);
        }
        self.close();
    }

    /// Renders blocks inside a padded frame, kept together when it fits.
    pub(super) fn framed(
        &mut self,
        frame: Panel,
        label: Option<(&str, Color)>,
        blocks: &[Block],
        x: Pt,
        width: Pt,
    ) {
        let id = self.out.frames.len();
        self.out.frames.push(frame);
        let pad = self.em(0.8).min(self.spare(width) / 2.0);
        self.push(VItem::Space(self.em(0.3)));
        // A box never stands alone at the top of a page: the line before
        // it (a step, the position) goes over with it.
        if let Some(VItem::Chunk(before)) =
            (self.out.items.iter_mut().rev()).find(|v| !matches!(v, VItem::Space(_)))
        {
            before.keep_with_next = true;
        }
        self.push(VItem::KeepStart);
        let start = self.out.items.len();
        self.push(VItem::Chunk(Chunk {
            height: self.em(0.7),
            keep_with_next: true,
            ..Chunk::default()
        }));
        if let Some((label, color)) = label {
            let span = Span {
                text: label.to_string(),
                style: Style::new(Face::Bold, color),
            };
            let mut chunks = self.text(
                &[span],
                x + pad,
                width - pad * 2.0,
                self.size(),
                color,
                None,
            );
            chunks.iter_mut().for_each(|c| c.keep_with_next = true);
            // The label is read first, as a paragraph of its own.
            self.open(Role::Paragraph);
            chunks.into_iter().for_each(|c| self.push(VItem::Chunk(c)));
            self.close();
        }
        self.blocks(blocks, x + pad, width - pad * 2.0);
        // Trailing block space becomes the frame's bottom padding.
        while let Some(VItem::Space(_)) = self.out.items.last() {
            self.out.items.pop();
        }
        // The bottom padding never starts a page on its own.
        if let Some(VItem::Chunk(last)) = self.out.items[start..]
            .iter_mut()
            .rev()
            .find(|v| matches!(v, VItem::Chunk(_)))
        {
            last.keep_with_next = true;
        }
        self.push(VItem::Chunk(Chunk {
            height: self.em(0.7),
            ..Chunk::default()
        }));
        for v in &mut self.out.items[start..] {
            if let VItem::Chunk(c) = v {
                c.frames.push(id);
            }
        }
        self.push(VItem::KeepEnd);
        self.push(VItem::Space(self.em(0.9)));
    }
}

enum Marker {
    Number(u64),
    Bullet,
    Task(bool),
}

impl Marker {
    /// The space between a number and its item's text.
    fn gap(size: Pt) -> Pt {
        size * 0.45
    }

    fn items(
        &self,
        x: Pt,
        indent: Pt,
        baseline: Pt,
        size: Pt,
        opts: &TypesetOptions<'_>,
    ) -> Vec<Positioned> {
        let (palette, fonts) = (&opts.palette, &opts.fonts);
        let gap = Marker::gap(size);
        match self {
            Marker::Number(n) => {
                let label = format!("{n}.");
                let w = measure(fonts, Face::Bold, size, &label);
                vec![text_item(
                    Point::new(x + indent - gap - w, baseline),
                    Face::Bold,
                    size,
                    palette.accent,
                    &label,
                )]
            }
            Marker::Bullet => {
                let r = size * 0.16;
                let c = Point::new(x + indent * 0.45, baseline - size * 0.33);
                vec![Positioned {
                    at: Point::default(),
                    item: Item::Shape(Shape {
                        segments: Shape::circle(c, r).into(),
                        fill: Some(palette.accent),
                        stroke: None,
                    }),
                    tag: None,
                }]
            }
            Marker::Task(done) => {
                // A square tick box, drawn, sized to the text.
                let side = size * 0.85;
                let left = x + indent + Pt(1.0);
                let top = baseline - side * 0.9;
                let stroke = Stroke {
                    color: palette.text,
                    width: Pt(1.2),
                    style: LineStyle::Square,
                    dash: None,
                };
                let mut out = vec![Positioned {
                    at: Point::new(left, top),
                    item: Item::Shape(Shape {
                        segments: Shape::rect(Point::default(), Size::new(side, side)).into(),
                        fill: Some(Color::WHITE),
                        stroke: Some(stroke),
                    }),
                    tag: None,
                }];
                if *done {
                    let p = |a: f32, b: f32| Point::new(side * a, side * b);
                    out.push(Positioned {
                        at: Point::new(left, top),
                        item: Item::Shape(Shape {
                            segments: vec![
                                Segment::MoveTo(p(0.2, 0.5)),
                                Segment::LineTo(p(0.42, 0.75)),
                                Segment::LineTo(p(0.82, 0.22)),
                            ]
                            .into(),
                            fill: None,
                            stroke: Some(Stroke {
                                color: palette.accent,
                                width: Pt(2.0),
                                style: LineStyle::Round,
                                dash: None,
                            }),
                        }),
                        tag: None,
                    });
                }
                out
            }
        }
    }
}

/// Splits a leading `**Label:**` off an alert's first paragraph.
fn own_label(blocks: &[Block]) -> Option<(String, Vec<Block>)> {
    let Some(Block::Paragraph(spans)) = blocks.first() else {
        return None;
    };
    let first = spans.first()?;
    let label = first.text.trim().strip_suffix(':')?;
    if first.style.face != Face::Bold || label.is_empty() {
        return None;
    }
    let mut rest: Vec<Span> = spans[1..].to_vec();
    if let Some(next) = rest.first_mut() {
        next.text = next.text.trim_start().to_string();
    }
    rest.retain(|span| !span.text.is_empty());
    let mut blocks = blocks.to_vec();
    if rest.is_empty() {
        blocks.remove(0);
    } else {
        blocks[0] = Block::Paragraph(rest);
    }
    Some((label.to_string(), blocks))
}
