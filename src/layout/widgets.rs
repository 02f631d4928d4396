//! The larger pieces of a handout: figures (alone or beside the steps they
//! illustrate) and the table of contents. Tables are in `table`.

use super::blocks::ListItem;
use super::chunk::{Chunk, Renderer, VItem, resolve_figure, text_item};
use super::tags::tag_items;
use super::text::{Span, Style, measure};
use super::{Face, Item, LinkTarget, Picture, Positioned, Role};
use crate::geom::{Color, LineStyle, Point, Pt, Segment, Shape, Size, Stroke};

/// Labelled panels wider than this many times their height (a body lying
/// down) take a wider column beside the steps.
const WIDE_PANELS: f32 = 2.2;

/// The share of the width that wide panels (a body lying down) take
/// beside the steps.
const LYING_SHARE: f32 = 0.56;

/// The width, in ems, the steps keep beside a figure of panels that
/// stand or sit (in large print the figure's column gives way to them).
const STEPS_EM: f32 = 17.0;

impl Renderer<'_, '_> {
    /// The height available for content on a page.
    pub(super) fn body_height(&self) -> Pt {
        super::flow::body_box(self.opts).1
    }

    /// A figure (or, if it cannot be resolved, a framed alt text) with its
    /// caption, no wider than `max_w`, centred in `width`.
    pub(super) fn figure(&mut self, dest: &str, alt: &str, x: Pt, width: Pt, max_w: Pt) {
        let chunks = self.figure_chunks(dest, alt, x, width, max_w, self.body_height() * 0.45);
        for c in chunks {
            self.push(VItem::Chunk(c));
        }
    }

    /// The figure's chunks, tagged: the picture is a figure element with
    /// the alt text, the caption a caption element inside it.
    fn figure_chunks(
        &mut self,
        dest: &str,
        alt: &str,
        x: Pt,
        width: Pt,
        max_w: Pt,
        max_h: Pt,
    ) -> Vec<Chunk> {
        let (picture, labels, max_w) = match resolve_figure(self.opts, dest) {
            // Panels side by side are several figures in a row: they may
            // take most of the width.
            Some(Picture::Labelled(l)) => (
                Some(Picture::Drawing(l.drawing)),
                l.labels,
                max_w.max(width * 0.8),
            ),
            other => (other, Vec::new(), max_w),
        };
        let mut scaled = 1.0;
        let (size, item) = match picture {
            Some(Picture::Drawing(d)) if d.size.width.0 > 0.0 && d.size.height.0 > 0.0 => {
                let scale = (max_w.0 / d.size.width.0).min(max_h.0 / d.size.height.0);
                scaled = scale;
                let size = Size::new(d.size.width * scale, d.size.height * scale);
                (size, Item::Drawing { drawing: d, scale })
            }
            Some(Picture::Image {
                bytes,
                width_px,
                height_px,
            }) if width_px > 0 && height_px > 0 => {
                // 150 dpi at most, shrunk to fit.
                let natural = Size::new(
                    Pt(width_px as f32 * 72.0 / 150.0),
                    Pt(height_px as f32 * 72.0 / 150.0),
                );
                let k = (max_w.0 / natural.width.0)
                    .min(max_h.0 / natural.height.0)
                    .min(1.0);
                let size = Size::new(natural.width * k, natural.height * k);
                (
                    size,
                    Item::Image {
                        bytes,
                        pixels: (width_px, height_px),
                        size,
                    },
                )
            }
            _ => return self.missing_figure(alt, x, width),
        };
        let left = x + (width - size.width) / 2.0;
        let tag = self.figure_tag(alt);
        let mut items = vec![Positioned {
            at: Point::new(left, Pt::ZERO),
            item,
            tag: Some(tag),
        }];
        // Labels on the drawing are part of the figure, whose alt text a
        // screen reader reads instead.
        items.extend(labels.iter().map(|label| Positioned {
            tag: Some(tag),
            ..Positioned::text(
                Point::new(left + label.at.x * scaled, label.at.y * scaled),
                Face::Bold,
                label.size * scaled,
                label.color,
                &label.text,
            )
        }));
        let mut chunks = vec![Chunk {
            height: size.height + self.size() * 0.3,
            items,
            keep_with_next: !alt.is_empty(),
            ..Chunk::default()
        }];
        if !alt.is_empty() {
            let caption = self.size() * 0.86;
            let span = Span {
                text: alt.to_string(),
                style: Style::new(Face::Oblique, self.opts.palette.muted),
            };
            // As wide as `max_w` (a column beside steps) and centred.
            let w = (size.width.max(width * 0.5).max(max_w.min(width))).min(width);
            let at = left.min(x + (width - w) / 2.0);
            let mut lines = self.text(&[span], at, w, caption, self.opts.palette.muted, None);
            let n = lines.len();
            // The caption is the alt text printed: inside the figure, so a
            // screen reader, which reads the alt text instead of the
            // figure, says it once.
            let caption = match tag {
                super::Tag::Content(figure) => self.element_in(Role::Caption, figure),
                super::Tag::Artifact => self.element(Role::Caption),
            };
            for (i, l) in lines.iter_mut().enumerate() {
                l.keep_with_next = i + 1 < n;
                tag_items(&mut l.items, caption);
            }
            chunks.extend(lines);
        }
        chunks
    }

    /// A dashed frame with the alt text, for a figure that is missing (the
    /// text is a paragraph; the frame is decoration).
    pub(super) fn missing_figure(&mut self, alt: &str, x: Pt, width: Pt) -> Vec<Chunk> {
        let pad = self.size() * 0.8;
        let span = Span {
            text: if alt.is_empty() {
                "(figure)".into()
            } else {
                alt.to_string()
            },
            style: Style::new(Face::Oblique, self.opts.palette.muted),
        };
        let lines = self.text(
            &[span],
            x + pad,
            width - pad * 2.0,
            self.size(),
            self.opts.palette.muted,
            None,
        );
        let mut items = Vec::new();
        let mut y = pad;
        for l in lines {
            items.extend(l.items.into_iter().map(|mut p| {
                p.at.y += y;
                p
            }));
            y += l.height;
        }
        let height = y + pad;
        let paragraph = self.element(Role::Paragraph);
        tag_items(&mut items, paragraph);
        items.insert(
            0,
            Positioned {
                tag: None,
                at: Point::new(x, Pt::ZERO),
                item: Item::Shape(Shape {
                    segments: Shape::rect(Point::default(), Size::new(width, height)).into(),
                    fill: None,
                    stroke: Some(Stroke {
                        color: self.opts.palette.line,
                        width: Pt(1.2),
                        style: LineStyle::Square,
                        dash: Some((Pt(4.0), Pt(3.0))),
                    }),
                }),
            },
        );
        vec![Chunk {
            height,
            items,
            ..Chunk::default()
        }]
    }

    /// Sets a figure in a right-hand column beside the numbered steps that
    /// follow it, when both fit on one page. Returns false (having pushed
    /// nothing) when they do not, or when the figure is missing.
    pub(super) fn figure_beside_steps(
        &mut self,
        dest: &str,
        alt: &str,
        start: u64,
        items: &[ListItem],
        x: Pt,
        width: Pt,
    ) -> bool {
        // Two panels side by side need more room than one picture, wider
        // and a little taller.
        let mut share = 0.38;
        // A person standing (a picture taller than wide) keeps more height.
        let mut standing = false;
        match resolve_figure(self.opts, dest) {
            None => return false,
            // Panels of a body lying down, side by side, take the wider
            // half of the width: a narrower strip would be too thin to
            // read the pose (each panel about 50 mm wide on Letter). Where
            // the steps would be left too narrow a column (large print),
            // the panels go above them.
            Some(Picture::Labelled(l))
                if l.drawing.size.width.0 > l.drawing.size.height.0 * WIDE_PANELS =>
            {
                if width * (1.0 - LYING_SHARE) < self.em(15.0) {
                    return false;
                }
                share = LYING_SHARE;
            }
            Some(Picture::Labelled(l)) => {
                share = 0.46;
                standing = l.drawing.size.height.0 > l.drawing.size.width.0;
            }
            Some(Picture::Drawing(d)) => standing = d.size.height.0 > d.size.width.0,
            Some(_) => {}
        }
        let gap = self.size() * 1.2;
        // The steps keep a column of about 30 characters (large print):
        // two panels side by side yield some of their width to them, a
        // person standing still keeping 55 mm of height.
        let col = (width * share)
            .min(width - gap - self.em(STEPS_EM))
            .max(width * 0.36);
        let list_w = width - col - gap;
        let begin = self.out.items.len();
        let elements = self.out.elements.len();
        let starts = self.list_around(Some(start), items, x, list_w, (items.len(), list_w));
        let list_h = self.height_from(begin);
        // A tall figure (a person standing or sitting) grows no taller than
        // the steps beside it, so the exercise still fits on one page.
        let body = self.body_height();
        let least = if share > 0.4 { 0.3 } else { 0.25 };
        let max_h = list_h.max(body * least).min(body * 0.45);
        let target = list_h.max(body * 0.25).min(max_h);
        let least = body * if standing { 0.22 } else { 0.16 };
        let sizes = (max_h, target, least);
        let before_figure = self.out.elements.len();
        let mut fig = self.figure_at_most(dest, alt, x + list_w + gap, col, sizes);
        let mut fig_elements = self.out.elements.len() - before_figure;
        let fig_h = fig.iter().fold(Pt::ZERO, |h, c| h + c.height);
        if fig_h.max(list_h) > self.body_height() * 0.9 {
            self.out.items.truncate(begin);
            self.out.elements.truncate(elements);
            return false;
        }
        // The steps that start under the figure (on its page or the next)
        // take the whole width: set again, with the same figure.
        let beside = (starts.iter())
            .take_while(|s| self.height_from_to(begin, **s) < fig_h)
            .count()
            .max(1);
        let mut list_h = list_h;
        if beside < items.len() {
            self.out.items.truncate(begin);
            self.out.elements.truncate(elements);
            self.list_around(Some(start), items, x, list_w, (beside, width));
            list_h = self.height_from(begin);
            let before_figure = self.out.elements.len();
            fig = self.figure_at_most(dest, alt, x + list_w + gap, col, sizes);
            fig_elements = self.out.elements.len() - before_figure;
        }
        self.hang_figure(fig, (begin, elements, fig_elements), (fig_h, list_h))
    }

    /// The height of the vertical items pushed from `begin` on.
    fn height_from(&self, begin: usize) -> Pt {
        self.height_from_to(begin, self.out.items.len())
    }

    /// The height of the vertical items from `begin` up to `end`.
    fn height_from_to(&self, begin: usize, end: usize) -> Pt {
        self.out.items[begin..end]
            .iter()
            .fold(Pt::ZERO, |h, v| match v {
                VItem::Chunk(c) => h + c.height,
                VItem::Space(s) => h + *s,
                _ => h,
            })
    }

    /// Draws the figure `fig` (`fig_h` tall) beside the steps pushed from
    /// `begin` (`list_h` tall), `elements` and `fig_elements` being where
    /// the structure stood before them and how many elements the figure
    /// made, and keeps it with the steps beside it. False (having pushed
    /// nothing) when there are no steps.
    fn hang_figure(
        &mut self,
        fig: Vec<Chunk>,
        (begin, elements, fig_elements): (usize, usize, usize),
        (fig_h, list_h): (Pt, Pt),
    ) -> bool {
        // The figure rides on the last line beside it (the list's last
        // when the steps are no taller than the figure), drawn from there
        // back up to the first step: extracted or copied text then reads
        // the steps beside it first and the caption after them. Only the
        // steps beside the figure are kept with it: those under it may go
        // on to the next page.
        let (mut pos, mut offset, mut beside, mut tied) = (Pt::ZERO, Pt::ZERO, None, false);
        for (i, v) in self.out.items.iter().enumerate().skip(begin) {
            match v {
                VItem::Chunk(c) => {
                    if beside.is_some() && pos >= fig_h && !tied {
                        break;
                    }
                    offset = pos;
                    pos += c.height;
                    beside = Some(i);
                    tied = c.keep_with_next;
                }
                VItem::Space(s) if beside.is_some() => pos += *s,
                _ => {}
            }
        }
        let last = (self
            .out
            .items
            .iter()
            .rposition(|v| matches!(v, VItem::Chunk(_))))
        .filter(|i| *i >= begin);
        let Some(beside) = beside else {
            self.out.items.truncate(begin);
            self.out.elements.truncate(elements);
            return false;
        };
        let figure_elements = self.out.elements.len() - fig_elements..self.out.elements.len();
        let VItem::Chunk(anchor) = &mut self.out.items[beside] else {
            unreachable!("`beside` is a chunk");
        };
        let tagged: Vec<usize> = (anchor.items.iter())
            .filter_map(|p| match p.tag {
                Some(super::Tag::Content(e)) => Some(e),
                _ => None,
            })
            .collect();
        let mut y = -offset;
        for c in fig {
            anchor.items.extend(c.items.into_iter().map(|mut p| {
                p.at.y += y;
                p
            }));
            y += c.height;
        }
        if Some(beside) != last {
            // Read where it is printed: after the step it stands beside.
            self.figure_into_step(figure_elements, &tagged);
            // The steps under it break between steps only: each step's
            // lines (chunks with no space between them) go together.
            for i in beside + 1..self.out.items.len().saturating_sub(1) {
                let next_is_line = matches!(self.out.items[i + 1], VItem::Chunk(_));
                if let VItem::Chunk(c) = &mut self.out.items[i] {
                    c.keep_with_next |= next_is_line;
                }
            }
            self.out.items.insert(beside + 1, VItem::KeepEnd);
            self.out.items.insert(begin, VItem::KeepStart);
            self.push(VItem::Space(self.size() * 0.6));
            return true;
        }
        self.out.items.insert(begin, VItem::KeepStart);
        if fig_h > list_h {
            self.push(VItem::Chunk(Chunk {
                height: fig_h - list_h,
                ..Chunk::default()
            }));
        }
        self.push(VItem::KeepEnd);
        self.push(VItem::Space(self.size() * 0.6));
        true
    }

    /// Moves the figure's elements (`figure`: those made for it) into the
    /// body of the list item that one of `tagged` (the elements of the
    /// line it stands beside) is part of, after its text.
    fn figure_into_step(&mut self, figure: std::ops::Range<usize>, tagged: &[usize]) {
        let elements = &mut self.out.elements;
        let body_of = |mut at: Option<usize>| {
            while let Some(e) = at.filter(|e| !matches!(elements[*e].role, Role::ListBody)) {
                at = elements[e].parent;
            }
            at
        };
        let Some(body) = tagged.iter().find_map(|e| body_of(Some(*e))) else {
            return;
        };
        let outer = figure.clone().next().and_then(|e| elements[e].parent);
        for e in figure {
            if elements[e].parent == outer {
                elements[e].parent = Some(body);
            }
        }
    }

    /// A picture beside steps, its drawing at most `max_h` tall. The
    /// drawing and its caption together stand no taller than `target` (the
    /// steps, or a quarter of the page) where the drawing can give up the
    /// caption's room and stay `least` tall (about 40 mm on Letter, 55 mm
    /// for a person standing: feet and hands are what the pose is about):
    /// the exercise then leaves no empty band under its steps and shares a
    /// page with a phase's introduction more often.
    fn figure_at_most(
        &mut self,
        dest: &str,
        alt: &str,
        x: Pt,
        col: Pt,
        (max_h, target, least): (Pt, Pt, Pt),
    ) -> Vec<Chunk> {
        let elements = self.out.elements.len();
        let fig = self.figure_chunks(dest, alt, x, col, col, max_h);
        let fig_h = fig.iter().fold(Pt::ZERO, |h, c| h + c.height);
        let drawing_h = fig
            .first()
            .map_or(Pt::ZERO, |c| c.height - self.size() * 0.3);
        let shrunk = (drawing_h - (fig_h - target)).max(least);
        if fig_h <= target || shrunk >= drawing_h {
            return fig;
        }
        self.out.elements.truncate(elements);
        self.figure_chunks(dest, alt, x, col, col, shrunk)
    }

    /// The table of contents: level-1 and level-2 headings with dotted
    /// leaders, page numbers and links. The numbers are written once the
    /// pages are placed (their column has a fixed width, so nothing moves).
    pub(super) fn toc(&mut self, x: Pt, width: Pt) {
        let size = self.size();
        let num_w = measure(&self.opts.fonts, Face::Regular, size, "000");
        let entries = self.toc_titles.clone();
        self.open(Role::Contents);
        for (i, (level, title, key)) in entries.iter().enumerate() {
            let indent = if *level == 1 { Pt::ZERO } else { size * 1.4 };
            let face = if *level == 1 {
                Face::Bold
            } else {
                Face::Regular
            };
            if *level == 1 && i > 0 {
                self.push(VItem::Space(size * 0.35));
            }
            let span = Span {
                text: title.clone(),
                style: Style::new(face, self.opts.palette.text),
            };
            let text_w = width - indent - num_w - size * 2.0;
            // Entries are single lines with leaders: set closer than
            // running text, so short contents fit under the cover's lines.
            let lines = self.text_led(
                &[span],
                x + indent,
                text_w,
                (size, size * 1.3),
                self.opts.palette.text,
                Some(face),
            );
            // One chunk a line, so an entry longer than a page still
            // flows onto the next; the leader and the number end the last.
            let entry = self.element(Role::ContentsEntry);
            let target = LinkTarget::Uri(format!("#{key}"));
            let n = lines.len();
            let mut chunks = Vec::with_capacity(n);
            for (i, l) in lines.into_iter().enumerate() {
                let mut items = l.items;
                let height = l.height;
                let baseline = l.baseline.unwrap_or(size);
                let last_end = items
                    .iter()
                    .filter_map(|p| match &p.item {
                        Item::Text(t) => {
                            Some(p.at.x + measure(&self.opts.fonts, t.face, t.size, &t.text))
                        }
                        _ => None,
                    })
                    .fold(x, Pt::max);
                let last = i + 1 == n;
                let mut page_number_of = None;
                if last {
                    end_word(&mut items);
                    // A dotted leader from the title to the page number.
                    let start = last_end + size * 0.6;
                    let end = x + width - num_w - size * 0.5;
                    if end > start {
                        let at = Point::new(start, baseline - size * 0.1);
                        let color = self.opts.palette.muted;
                        items.push(dotted_leader(at, end - start, color, size));
                    }
                    page_number_of = Some((items.len(), key.clone()));
                    items.push(text_item(
                        Point::new(x + width, baseline),
                        face,
                        size,
                        self.opts.palette.text,
                        "",
                    ));
                }
                linked(
                    &mut items,
                    &target,
                    Point::new(x, Pt::ZERO),
                    Size::new(width, height),
                );
                tag_items(&mut items, entry);
                chunks.push(Chunk {
                    height,
                    items,
                    page_number_of,
                    keep_with_next: !last,
                    ..Chunk::default()
                });
            }
            for c in chunks {
                self.push(VItem::Chunk(c));
            }
        }
        self.close();
        self.push(VItem::Space(size * 0.8));
    }
}

/// Marks the last run of a contents entry's title as ending a word: a
/// screen reader or a copy reads "Why movement matters 3", not
/// "matters3".
fn end_word(items: &mut [Positioned]) {
    if let Some(Item::Text(run)) = (items.iter_mut().rev())
        .map(|p| &mut p.item)
        .find(|i| matches!(i, Item::Text(_)))
    {
        run.space_after = true;
    }
}

/// A dotted leader `length` long from `at`, for text of `size`: one path,
/// dashed with zero-length dashes and round caps, so each dash is a dot.
fn dotted_leader(at: Point, length: Pt, color: Color, size: Pt) -> Positioned {
    Positioned::shape(
        at,
        Shape {
            segments: vec![
                Segment::MoveTo(Point::default()),
                Segment::LineTo(Point::new(length, Pt::ZERO)),
            ]
            .into(),
            fill: None,
            stroke: Some(Stroke {
                color,
                width: Pt(1.8),
                style: LineStyle::Round,
                dash: Some((Pt::ZERO, size * 0.42)),
            }),
        },
    )
}

/// Makes a contents entry's line a link to `target`: its text is the
/// link's text (for the PDF's Link element), and the whole line, `size`
/// from `at`, is the clickable area.
fn linked(items: &mut Vec<Positioned>, target: &LinkTarget, at: Point, size: Size) {
    for p in items.iter_mut() {
        if let Item::Text(run) = &mut p.item {
            run.link = Some(target.clone());
        }
    }
    items.push(Positioned {
        at,
        item: Item::Link {
            size,
            target: target.clone(),
        },
        tag: None,
    });
}
