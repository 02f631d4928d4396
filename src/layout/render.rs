//! Blocks → a vertical list of chunks.
//!
//! A chunk is an unbreakable strip of the page (one line of text, a table
//! row, a figure) with its items positioned relative to the chunk's top
//! left, plus the rules pagination must respect: keep with the next chunk,
//! keep a whole group together, start a new page. Boxes (alerts, quotes,
//! code) are frames that pagination paints behind their chunks, page by
//! page, so a box that has to break still looks right on both pages.

use super::blocks::{Block, Parsed, plain_text};
use super::chunk::{Anchor, Chunk, PAGE_NUMBER_BLANK, Panel, Renderer, VItem, hline};
use super::tags::tag_items;
use super::text::{Span, Style, ascent, break_lines};
use super::{Face, Item, LinkTarget, Positioned, Role, Tag, TextRun};
use crate::geom::{Color, Point, Pt, Shape, Size};

/// Chunks stacked into one, every item an artifact: a heading printed
/// again on a later page.
fn artifact(chunks: &[Chunk]) -> Chunk {
    let mut all = Chunk::default();
    for c in chunks {
        let y = all.height;
        all.items.extend(c.items.iter().cloned().map(|mut p| {
            p.at.y += y;
            p.tag = Some(Tag::Artifact);
            p
        }));
        all.height += c.height;
    }
    all
}

impl<'a, 'o> Renderer<'a, 'o> {
    pub(super) fn size(&self) -> Pt {
        self.opts.body_size
    }

    pub(super) fn lead(&self, size: Pt) -> Pt {
        size * self.opts.line_height.max(1.3)
    }

    pub(super) fn em(&self, k: f32) -> Pt {
        self.size() * k
    }

    /// Pushes a vertical item; the untagged items of a chunk become part
    /// of the innermost open element (shapes become decoration).
    pub(super) fn push(&mut self, mut v: VItem) {
        if let VItem::Chunk(c) = &mut v {
            tag_items(&mut c.items, self.current());
        }
        self.out.items.push(v);
    }

    /// Renders a whole document at `x` with `width`.
    pub(super) fn document(&mut self, doc: &Parsed, width: Pt) {
        self.keys = heading_keys(doc);
        self.toc_titles = (self.keys.iter())
            .filter(|h| h.3)
            .map(|(level, title, key, _)| (*level, title.clone(), key.clone()))
            .collect();
        let mut blocks = doc.blocks.as_slice();
        if let Some(Block::Heading {
            classes, spans, id, ..
        }) = blocks.first()
            && classes.iter().any(|c| c == "cover")
        {
            let rest = blocks[1..]
                .iter()
                .position(|b| matches!(b, Block::Heading { .. }))
                .map_or(blocks.len(), |i| i + 1);
            // The cover's QR code (the first) sits at its top right, across
            // from the logo (which takes at most a third of the width).
            let qr = blocks[1..rest]
                .iter()
                .position(|b| matches!(b, Block::Picture { dest, .. } if dest.starts_with("qr:")));
            let qr_chunk = qr.and_then(|i| match &blocks[1 + i] {
                Block::Picture { dest, alt } => self.cover_qr_code(
                    &dest["qr:".len()..],
                    alt,
                    width,
                    width * 2.0 / 3.0 - self.em(1.0),
                ),
                _ => None,
            });
            // A code that cannot be drawn there is set in the flow instead.
            let qr = qr.filter(|_| qr_chunk.is_some());
            // Contents that follow the cover's lines directly (no `---`)
            // share its page while they fit: the title then starts near
            // the top instead of a third of the way down.
            let toc_follows = matches!(blocks.get(rest),
                Some(Block::Heading { classes, .. }) if classes.iter().any(|c| c == "toc"));
            self.cover(spans, id.as_deref(), width, qr_chunk, toc_follows);
            // The cover's own lines (subtitle, clinic) are set larger.
            for (i, block) in blocks[1..rest].iter().enumerate() {
                if Some(i) == qr {
                    continue;
                }
                match block {
                    Block::Paragraph(spans) => {
                        let mut chunks = self.text(
                            spans,
                            Pt::ZERO,
                            width,
                            self.em(1.3),
                            self.opts.palette.text,
                            None,
                        );
                        // A cover line (the disclaimer) never breaks
                        // across pages: with the contents on the cover,
                        // one that does not fit moves on whole.
                        let n = chunks.len();
                        for c in chunks.iter_mut().take(n.saturating_sub(1)) {
                            c.keep_with_next = true;
                        }
                        self.lines(chunks);
                        self.push(VItem::Space(self.em(0.8)));
                    }
                    other => self.blocks(std::slice::from_ref(other), Pt::ZERO, width),
                }
            }
            if !toc_follows {
                self.push(VItem::PageBreak);
            }
            blocks = &blocks[rest..];
        }
        self.blocks(blocks, Pt::ZERO, width);
        if !doc.footnotes.is_empty() {
            self.footnotes(&doc.footnotes, width);
        }
    }

    fn cover(
        &mut self,
        spans: &[Span],
        id: Option<&str>,
        width: Pt,
        qr_code: Option<Chunk>,
        compact: bool,
    ) {
        self.out.cover = true;
        let size = self.em(2.4);
        let key = self.key(id);
        // A calm accent band across the top, then the title a third of the
        // way down.
        let band = Positioned {
            at: Point::default(),
            item: Item::Shape(Shape {
                segments: Shape::rect(Point::default(), Size::new(width, Pt(8.0))).into(),
                fill: Some(self.opts.palette.accent),
                stroke: None,
            }),
            tag: None,
        };
        let mut items = vec![band];
        // Room above the title: a third of the way down, or (`compact`,
        // the contents on this page too) just under the band and the logo.
        let mut height = if compact { self.em(2.5) } else { self.em(9.0) };
        // The clinic's logo sits under the band, no taller than a few lines
        // and no wider than a third of the page, so the title still leads.
        let area = Size::new(width / 3.0, self.em(4.5));
        if let Some((size, item)) =
            (self.opts.cover_logo.clone()).and_then(|logo| super::cells::cell_figure(logo, area))
        {
            height = height.max(Pt(8.0) + self.em(1.8) + size.height + self.em(1.0));
            // Decoration: the clinic's name is printed as text.
            items.push(Positioned {
                at: Point::new(Pt::ZERO, Pt(8.0) + self.em(1.8)),
                item,
                tag: Some(Tag::Artifact),
            });
        }
        // Room for the QR code too, should it be taller than the logo's.
        if let Some(qr_code) = qr_code {
            let top = Pt(8.0) + self.em(1.8);
            height = height.max(top + qr_code.height + self.em(1.0));
            items.extend(qr_code.items.into_iter().map(|mut p| {
                p.at.y += top;
                p
            }));
        }
        self.push(VItem::Chunk(Chunk {
            height,
            items,
            ..Chunk::default()
        }));
        let mut lines = self.text(
            spans,
            Pt::ZERO,
            width,
            size,
            self.opts.palette.accent,
            Some(Face::Bold),
        );
        if let Some(first) = lines.first_mut() {
            first.anchor = Some(Anchor {
                key,
                level: 1,
                title: plain_text(spans),
                in_toc: false,
            });
        }
        self.open(Role::Heading(1));
        for c in lines {
            self.push(VItem::Chunk(c));
        }
        self.close();
        let rule = hline(
            Pt::ZERO,
            Pt::ZERO,
            width * 0.3,
            self.opts.palette.accent,
            Pt(2.5),
        );
        self.push(VItem::Chunk(Chunk {
            height: self.em(1.6),
            items: vec![Positioned {
                at: Point::new(Pt::ZERO, self.em(0.8)),
                ..rule
            }],
            ..Chunk::default()
        }));
    }

    /// Renders blocks, handling keep-together sections and the figure
    /// beside steps.
    pub(super) fn blocks(&mut self, blocks: &[Block], x: Pt, width: Pt) {
        let mut open_keeps: Vec<u8> = Vec::new();
        // Where in `open_keeps` a `{.with-first}` heading's group is: it
        // closes with the group of the first kept heading under it, so a
        // phase's introduction shares a page with its first exercise when
        // both fit one. Inside it, the introduction alone is a group too
        // (`intro_alone`, until the next heading), so when they do not
        // fit together the introduction still moves to a page whole.
        let mut intro: Option<usize> = None;
        let mut intro_alone = false;
        // A continued grid's last row, kept with what follows it up to the
        // next heading or page break.
        let mut foot = false;
        let mut i = 0;
        while i < blocks.len() {
            let block = &blocks[i];
            if foot && matches!(block, Block::Heading { .. } | Block::PageBreak) {
                foot = false;
                self.push(VItem::KeepEnd);
            }
            if matches!(block, Block::Heading { .. } | Block::PageBreak) && intro_alone {
                intro_alone = false;
                self.push(VItem::KeepEnd);
            }
            if let Block::Heading { level, classes, .. } = block {
                while open_keeps.last().is_some_and(|l| l >= level) {
                    open_keeps.pop();
                    self.push(VItem::KeepEnd);
                    if intro.is_some_and(|k| open_keeps.len() == k + 1) {
                        open_keeps.pop();
                        self.push(VItem::KeepEnd);
                    }
                    intro = intro.filter(|k| *k < open_keeps.len());
                }
                let with_first = classes.iter().any(|c| c == "with-first");
                if with_first {
                    intro = Some(open_keeps.len());
                }
                if classes.iter().any(|c| c == "keep") {
                    open_keeps.push(*level);
                    let head = self.continued_head(block, x, width);
                    self.push(VItem::UnitStart(head.map(Box::new)));
                } else if with_first {
                    open_keeps.push(*level);
                    self.push(VItem::KeepStart);
                    self.push(VItem::KeepStart);
                    intro_alone = true;
                } else if *level == 3 {
                    open_keeps.push(*level);
                    self.push(VItem::KeepStart);
                }
            }
            if let Block::PageBreak = block {
                intro = None;
                for _ in open_keeps.drain(..) {
                    self.push(VItem::KeepEnd);
                }
            }
            if let Block::Table(table) = block
                && super::table::is_grid(table)
            {
                let room = self.room_for_table(&blocks[i + 1..], x, width);
                foot |= self.table(table, x, width, Some(room));
                self.push(VItem::Space(self.em(0.8)));
                i += 1;
                continue;
            }
            if let (
                Block::Picture { dest, alt },
                Some(Block::List {
                    start: Some(n),
                    items,
                }),
            ) = (block, blocks.get(i + 1))
                && self.figure_beside_steps(dest, alt, *n, items, x, width)
            {
                i += 2;
                continue;
            }
            self.block(block, x, width);
            i += 1;
        }
        for _ in (open_keeps.into_iter())
            .chain(foot.then_some(0))
            .chain(intro_alone.then_some(0))
        {
            self.push(VItem::KeepEnd);
        }
    }

    pub(super) fn block(&mut self, block: &Block, x: Pt, width: Pt) {
        let size = self.size();
        match block {
            Block::Heading {
                level,
                id,
                classes,
                spans,
            } => self.heading(*level, id, classes, spans, x, width),
            Block::Paragraph(spans) => {
                let chunks = self.text(spans, x, width, size, self.opts.palette.text, None);
                let gap = self.em(0.35);
                if self.repeat_open
                    && let Some(repeat) = &mut self.repeat
                {
                    let lines = artifact(&chunks);
                    let y = repeat.height + gap;
                    repeat.items.extend(lines.items.into_iter().map(|mut p| {
                        p.at.y += y;
                        p
                    }));
                    repeat.height = y + lines.height;
                    // Only the paragraph right under the heading: the
                    // sheet's week, patient and phone.
                    self.repeat_open = false;
                }
                self.lines(chunks);
                self.push(VItem::Space(self.em(0.6)));
            }
            Block::Picture { dest, alt } if dest.starts_with("qr:") => {
                self.qr_code(&dest["qr:".len()..], alt, x, width);
            }
            Block::Picture { dest, alt } => {
                // Half the width shows a pose clearly (two panels side by
                // side) and leaves an exercise room to fit on one page.
                self.figure(dest, alt, x, width, width * 0.52);
                self.push(VItem::Space(self.em(0.6)));
            }
            Block::List { start, items } => {
                self.list(*start, items, x, width);
                self.push(VItem::Space(self.em(0.4)));
            }
            Block::Table(table) => {
                self.table(table, x, width, None);
                self.push(VItem::Space(self.em(0.8)));
            }
            Block::Alert { kind, blocks } => self.alert(*kind, blocks, x, width),
            Block::Quote(blocks) => {
                let frame = Panel {
                    x,
                    width,
                    fill: None,
                    border: None,
                    bar: Some((Pt(3.0), self.opts.palette.line)),
                };
                self.open(Role::Quote);
                self.framed(frame, None, blocks, x, width);
                self.close();
            }
            Block::Code(text) => {
                let frame = Panel {
                    x,
                    width,
                    fill: Some(self.opts.palette.soft),
                    border: None,
                    bar: None,
                };
                let para = vec![Block::Paragraph(vec![Span {
                    text: text.trim_end().to_string(),
                    style: Style::new(Face::Regular, self.opts.palette.text),
                }])];
                self.framed(frame, None, &para, x, width);
            }
            Block::PageBreak => {
                self.repeat = None;
                self.repeat_open = false;
                self.push(VItem::PageBreak);
            }
        }
    }

    fn heading(
        &mut self,
        level: u8,
        id: &Option<String>,
        classes: &[String],
        spans: &[Span],
        x: Pt,
        width: Pt,
    ) {
        let (k, before) = match level {
            1 => (1.75, 1.4),
            2 => (1.4, 1.2),
            3 => (1.18, 1.0),
            _ => (1.0, 0.8),
        };
        let size = self.em(k);
        let key = self.key(id.as_deref());
        let is_toc = classes.iter().any(|c| c == "toc");
        self.push(VItem::Space(self.em(before)));
        let color = if level <= 2 {
            self.opts.palette.accent
        } else {
            self.opts.palette.text
        };
        let rule = |chunks: &mut Vec<Chunk>| {
            if level == 1
                && let Some(last) = chunks.last_mut()
            {
                // A thin accent rule under top-level headings.
                let y = last.height + self.em(0.15);
                last.items
                    .push(hline(x, y, width, self.opts.palette.line, Pt(1.0)));
                last.height += self.em(0.3);
            }
        };
        let mut chunks = self.text(spans, x, width, size, color, Some(Face::Bold));
        rule(&mut chunks);
        for c in &mut chunks {
            c.keep_with_next = true;
        }
        if let Some(first) = chunks.first_mut() {
            first.anchor = Some(Anchor {
                key,
                level,
                title: plain_text(spans),
                in_toc: level <= 2 && !is_toc,
            });
        }
        // A repeated heading is furniture: the heading was read once. It
        // says that its section goes on: "Title (continued)".
        let repeat = classes.iter().any(|c| c == "repeat");
        self.repeat = repeat.then(|| {
            let pattern = &self.opts.box_labels.continued;
            let span = Span {
                text: super::SpokenWords::fill(pattern, &plain_text(spans)),
                style: Style::new(Face::Bold, color),
            };
            let mut again = self.text(&[span], x, width, size, color, Some(Face::Bold));
            rule(&mut again);
            artifact(&again)
        });
        self.repeat_open = repeat;
        if is_toc {
            // Short contents stay whole: their last entries never start a
            // page of their own (a long one still flows from a new page).
            self.push(VItem::KeepStart);
        }
        self.open(Role::Heading(level.clamp(1, 6)));
        for c in chunks {
            self.push(VItem::Chunk(c));
        }
        self.close();
        self.push(VItem::Space(self.em(0.35)));
        if is_toc {
            self.toc(x, width);
            self.push(VItem::KeepEnd);
        }
    }

    /// The head a unit's heading prints at the top of the next page when
    /// the unit breaks: "Title (continued)", a little smaller than the
    /// heading, as furniture (the heading was read once).
    fn continued_head(&self, heading: &Block, x: Pt, width: Pt) -> Option<Chunk> {
        let Block::Heading { spans, .. } = heading else {
            return None;
        };
        let pattern = &self.opts.box_labels.continued;
        let title = super::SpokenWords::fill(pattern, &plain_text(spans));
        let color = self.opts.palette.accent;
        let span = Span {
            text: title,
            style: Style::new(Face::Bold, color),
        };
        let chunks = self.text(&[span], x, width, self.em(1.1), color, Some(Face::Bold));
        let mut head = artifact(&chunks);
        head.height += self.em(0.5);
        Some(head)
    }

    /// Pushes the lines of a paragraph (a structure element of its own),
    /// tying the first two and the last two together so no line is left
    /// alone at a page break.
    pub(super) fn lines(&mut self, mut chunks: Vec<Chunk>) {
        let n = chunks.len();
        if n >= 2 {
            chunks[0].keep_with_next = true;
            chunks[n - 2].keep_with_next = true;
        }
        self.open(Role::Paragraph);
        for c in chunks {
            self.push(VItem::Chunk(c));
        }
        self.close();
    }

    /// Breaks spans into one chunk per line. `face` overrides the spans'
    /// faces (headings are bold throughout).
    pub(super) fn text(
        &self,
        spans: &[Span],
        x: Pt,
        width: Pt,
        size: Pt,
        color: Color,
        face: Option<Face>,
    ) -> Vec<Chunk> {
        self.text_led(spans, x, width, (size, self.lead(size)), color, face)
    }

    /// [`Self::text`] with lines `lead` apart: display type (a form's
    /// names) is set tighter than running text.
    pub(super) fn text_led(
        &self,
        spans: &[Span],
        x: Pt,
        width: Pt,
        (size, lead): (Pt, Pt),
        color: Color,
        face: Option<Face>,
    ) -> Vec<Chunk> {
        let spans: Vec<Span> = spans
            .iter()
            .map(|s| {
                let mut s = s.clone();
                s.style.face = face.unwrap_or(s.style.face);
                s.style.link = s.style.link.as_deref().and_then(|d| self.resolve_link(d));
                s.style.color = if s.style.link.is_some() {
                    self.opts.palette.accent
                } else {
                    color
                };
                s
            })
            .collect();
        let spans = self.with_page_references(spans);
        let m = self.opts.fonts.metrics(Face::Regular);
        let extent = f32::from(m.ascent - m.descent) / f32::from(m.units_per_em);
        let baseline = (lead - size * extent) / 2.0 + ascent(&self.opts.fonts, Face::Regular, size);
        break_lines(&self.opts.fonts, &spans, size, width)
            .into_iter()
            .map(|line| {
                let mut items = Vec::new();
                let last = line.fragments.len().saturating_sub(1);
                for (n, f) in line.fragments.into_iter().enumerate() {
                    let at = Point::new(x + f.x, baseline);
                    let link = f.style.link.clone().map(LinkTarget::Uri);
                    if let Some(target) = &link {
                        // A page reference is part of its link, not
                        // underlined.
                        if !f.text.contains(PAGE_NUMBER_BLANK) {
                            let under = baseline + size * 0.12;
                            items.push(hline(
                                x + f.x,
                                under,
                                f.width,
                                self.opts.palette.accent,
                                Pt(0.6),
                            ));
                        }
                        items.push(Positioned {
                            at: Point::new(x + f.x, Pt::ZERO),
                            item: Item::Link {
                                size: Size::new(f.width, lead),
                                target: target.clone(),
                            },
                            tag: None,
                        });
                    }
                    items.push(Positioned {
                        at,
                        item: Item::Text(TextRun {
                            face: f.style.face,
                            size,
                            color: f.style.color,
                            text: f.text,
                            link,
                            space_after: n == last && line.space_after,
                        }),
                        tag: None,
                    });
                }
                Chunk {
                    height: lead,
                    baseline: Some(baseline),
                    items,
                    ..Chunk::default()
                }
            })
            .collect()
    }

    /// Where a link leads, by the caller's rules (by default those of
    /// [`crate::links::for_pdf`]); `None` prints the text without a link.
    fn resolve_link(&self, dest: &str) -> Option<String> {
        (self.opts.links)(dest)
    }

    /// Spans with "(page N)" after each link to a heading of this
    /// document: on paper a link does not take the reader there. The
    /// number is blank until the pages are placed ([`PAGE_NUMBER_BLANK`]);
    /// the reference never breaks inside.
    fn with_page_references(&self, spans: Vec<Span>) -> Vec<Span> {
        let internal = |s: &Span| {
            s.style
                .link
                .as_deref()
                .and_then(|l| l.strip_prefix('#'))
                .is_some_and(|key| self.keys.iter().any(|k| k.2 == key))
        };
        if !spans.iter().any(internal) {
            return spans;
        }
        let mut out = Vec::with_capacity(spans.len() + 1);
        let mut spans = spans.into_iter().peekable();
        while let Some(span) = spans.next() {
            // Only where the link ends a word (then a space, the end, or
            // a sentence's punctuation), never inside one ("[stretch](#s)es",
            // "[reach](#r)[^n]"): the reference would split the word, and
            // the printed word would not be the written one.
            let ends_link = internal(&span)
                && spans.peek().is_none_or(|next| {
                    next.style.link != span.style.link
                        && next
                            .text
                            .starts_with(|c: char| c.is_whitespace() || ".,;:!?)".contains(c))
                });
            let style = span.style.clone();
            out.push(span);
            if ends_link {
                let reference = (self.opts.page_reference.replace(' ', "\u{a0}"))
                    .replace("{}", PAGE_NUMBER_BLANK);
                out.push(Span {
                    text: format!(" {reference}"),
                    style,
                });
            }
        }
        out
    }

    /// The anchor key of the next heading.
    fn key(&mut self, id: Option<&str>) -> String {
        let n = self.headings;
        self.headings += 1;
        self.keys
            .get(n)
            .map(|h| h.2.clone())
            .or(id.map(str::to_string))
            .unwrap_or_else(|| format!("__h{n}"))
    }
}

/// Every heading's anchor key, in the order they are rendered (depth
/// first, footnotes last): its `{#id}`, or `__h<n>` when it has none or the
/// id was already taken by an earlier heading.
fn heading_keys(doc: &Parsed) -> Vec<(u8, String, String, bool)> {
    fn walk(blocks: &[Block], out: &mut Vec<(u8, String, String, bool)>) {
        for b in blocks {
            match b {
                Block::Heading {
                    level,
                    id,
                    classes,
                    spans,
                } => {
                    let n = out.len();
                    let key = match id {
                        Some(id) if !out.iter().any(|h| h.2 == *id) => id.clone(),
                        _ => format!("__h{n}"),
                    };
                    let listed = *level <= 2 && !classes.iter().any(|c| c == "toc" || c == "cover");
                    out.push((*level, plain_text(spans), key, listed));
                }
                Block::Alert { blocks, .. } | Block::Quote(blocks) => walk(blocks, out),
                Block::List { items, .. } => items.iter().for_each(|i| walk(&i.blocks, out)),
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    walk(&doc.blocks, &mut out);
    for (_, blocks) in &doc.footnotes {
        walk(blocks, &mut out);
    }
    out
}
