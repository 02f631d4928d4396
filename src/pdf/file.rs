//! The PDF file itself: the objects `pdf-writer` writes, the small ones
//! packed into compressed object streams, and a cross-reference stream at
//! the end (PDF 1.5 and later).
//!
//! `pdf-writer` writes every object as a plain indirect object with a
//! cross-reference table. A tagged handout has an object for every
//! paragraph, list item and table cell: tens of thousands, which as plain
//! objects made a library handout twice as large and a year of checklist
//! sheets three times as large. So the small objects are written by
//! `pdf-writer` into [`Objects`], and this writer takes their bodies from
//! there into object streams, a hundred at a time, compressed on every
//! core. Streams (content, fonts, images) are written as they are.

use anyhow::Context;
use pdf_writer::{Chunk, Filter, Name, Obj, Ref, Settings, Str};
use std::io::Write;

/// Objects packed into one object stream: small enough to find one fast,
/// large enough to compress well.
const PER_STREAM: usize = 100;

/// Object streams compressed together, on every core, before they are
/// written in order: few enough that memory stays low.
const STREAMS_AT_ONCE: usize = 16;

/// Hands out object numbers, from 1 up.
#[derive(Debug)]
pub(super) struct Refs(i32);

impl Refs {
    pub(super) fn new() -> Refs {
        Refs(1)
    }

    pub(super) fn next(&mut self) -> Ref {
        let id = Ref::new(self.0);
        self.0 += 1;
        id
    }
}

/// `pdf-writer`'s settings: compact, without the indentation and blank
/// lines that make a file easier to read by eye.
fn settings() -> Settings {
    Settings { pretty: false }
}

/// Small objects (no streams: those are never packed) written by
/// `pdf-writer`, on their way into object streams.
pub(super) struct Objects {
    chunk: Chunk,
    /// Each object's number and where it starts in `chunk`.
    starts: Vec<(Ref, usize)>,
}

impl Objects {
    pub(super) fn new() -> Objects {
        Objects {
            chunk: Chunk::with_settings(settings()),
            starts: Vec::new(),
        }
    }

    /// How many objects are held.
    pub(super) fn len(&self) -> usize {
        self.starts.len()
    }

    /// Starts object `id`.
    pub(super) fn object(&mut self, id: Ref) -> Obj<'_> {
        self.starts.push((id, self.chunk.len()));
        self.chunk.indirect(id)
    }

    /// Starts object `id` with one of `pdf-writer`'s typed writers (a
    /// page, a catalog, an annotation...).
    pub(super) fn start<'a, W: pdf_writer::Writer<'a>>(&'a mut self, id: Ref) -> W {
        self.object(id).start()
    }

    /// Each object's number and body: what `pdf-writer` wrote between
    /// `N 0 obj` and `endobj`.
    fn bodies(&self) -> impl Iterator<Item = anyhow::Result<(Ref, &[u8])>> {
        let bytes = self.chunk.as_bytes();
        let ends = (self.starts.iter().skip(1).map(|(_, start)| *start)).chain([bytes.len()]);
        self.starts.iter().zip(ends).map(|(&(id, start), end)| {
            let object = &bytes[start..end];
            let head = format!("{} 0 obj\n", id.get());
            let body = (object.strip_prefix(head.as_bytes()))
                .and_then(|rest| rest.strip_suffix(b"\nendobj\n"))
                .with_context(|| format!("object {} is not one indirect object", id.get()))?;
            Ok((id, body))
        })
    }
}

/// Where an object is in the file.
#[derive(Clone, Copy)]
enum Entry {
    /// Not used.
    Free,
    /// At a byte offset.
    At(u32),
    /// The `index`th object of the object stream `container`.
    Packed { container: u32, index: u16 },
}

/// A PDF file being written.
pub(super) struct Writer {
    out: Vec<u8>,
    /// By object number.
    entries: Vec<Entry>,
}

impl Writer {
    /// Starts a PDF 1.7 file: the version tagged PDF and PDF/UA-1 build on.
    pub(super) fn new() -> Writer {
        let mut out = b"%PDF-1.7\n".to_vec();
        // Bytes above 127 tell file tools the file is binary.
        out.extend_from_slice(b"%\xE2\xE3\xCF\xD3\n");
        Writer {
            out,
            entries: vec![Entry::Free],
        }
    }

    /// Writes one object as it is (a stream, which cannot be packed):
    /// `write` writes it into the chunk it is given.
    pub(super) fn direct(&mut self, write: impl FnOnce(&mut Chunk)) -> anyhow::Result<()> {
        let mut chunk = Chunk::with_settings(settings());
        write(&mut chunk);
        let mut refs = chunk.refs();
        let (Some(id), None) = (refs.next(), refs.next()) else {
            anyhow::bail!("not one object written");
        };
        let at = offset(&self.out)?;
        self.set(id, Entry::At(at))?;
        self.out.extend_from_slice(chunk.as_bytes());
        Ok(())
    }

    /// Packs `objects` into object streams, each compressed on its own
    /// (on every core, so the bytes do not depend on the threads); `next`
    /// gives the streams their numbers.
    pub(super) fn pack(&mut self, objects: &Objects, next: &mut Refs) -> anyhow::Result<()> {
        /// An object's number and body.
        type Body<'a> = (Ref, &'a [u8]);
        let bodies: Vec<Body<'_>> = objects.bodies().collect::<anyhow::Result<_>>()?;
        for batch in bodies.chunks(PER_STREAM * STREAMS_AT_ONCE) {
            let streams: Vec<(Ref, &[Body<'_>])> = (batch.chunks(PER_STREAM))
                .map(|packed| (next.next(), packed))
                .collect();
            let sealed = crate::parallel::map(&streams, 2, |(_, packed)| seal(packed));
            for ((container, packed), sealed) in streams.iter().zip(sealed) {
                let (first, content) = sealed?;
                for (index, (id, _)) in packed.iter().enumerate() {
                    let entry = Entry::Packed {
                        container: u32::try_from(container.get())?,
                        index: u16::try_from(index)?,
                    };
                    self.set(*id, entry)?;
                }
                self.direct(|chunk| {
                    let mut stream = chunk.stream(*container, &content);
                    stream.pair(Name(b"Type"), Name(b"ObjStm"));
                    stream.pair(Name(b"N"), packed.len() as i32);
                    stream.pair(Name(b"First"), first);
                    stream.filter(Filter::FlateDecode);
                })?;
            }
        }
        Ok(())
    }

    /// Ends the file with its cross-reference stream, numbered `id`, whose
    /// dictionary names the catalog and the document information. The
    /// file's `/ID` is a hash of everything before it, so it changes with
    /// the content and with nothing else.
    pub(super) fn finish(mut self, id: Ref, catalog: Ref, info: Ref) -> anyhow::Result<Vec<u8>> {
        let file_id = content_hash(&self.out);
        let xref_offset = offset(&self.out)?;
        self.set(id, Entry::At(xref_offset))?;
        let mut table = Vec::with_capacity(self.entries.len() * 7);
        for (n, entry) in self.entries.iter().enumerate() {
            let (kind, a, b) = match *entry {
                // Object 0 heads the list of free objects.
                Entry::Free if n == 0 => (0u8, 0u32, 0xFFFFu16),
                Entry::Free => (0, 0, 0),
                Entry::At(offset) => (1, offset, 0),
                Entry::Packed { container, index } => (2, container, index),
            };
            table.push(kind);
            table.extend(a.to_be_bytes());
            table.extend(b.to_be_bytes());
        }
        let size = i32::try_from(self.entries.len())?;
        let compressed = super::compress::zlib(&table)?;
        // Written here, not by `direct`: the table already lists it.
        let mut chunk = Chunk::with_settings(settings());
        {
            let mut stream = chunk.stream(id, &compressed);
            stream.pair(Name(b"Type"), Name(b"XRef"));
            stream.filter(Filter::FlateDecode);
            stream.pair(Name(b"Size"), size);
            stream.insert(Name(b"W")).array().items([1, 4, 2]);
            stream.pair(Name(b"Root"), catalog);
            stream.pair(Name(b"Info"), info);
            (stream.insert(Name(b"ID")).array())
                .item(Str(&file_id))
                .item(Str(&file_id));
        }
        self.out.extend_from_slice(chunk.as_bytes());
        write!(self.out, "startxref\n{xref_offset}\n%%EOF")?;
        Ok(self.out)
    }

    /// Records where object `id` is; each object is written once.
    fn set(&mut self, id: Ref, entry: Entry) -> anyhow::Result<()> {
        let n = usize::try_from(id.get())?;
        if self.entries.len() <= n {
            self.entries.resize(n + 1, Entry::Free);
        }
        anyhow::ensure!(
            matches!(self.entries[n], Entry::Free),
            "object {n} is written twice"
        );
        self.entries[n] = entry;
        Ok(())
    }
}

/// An object stream's content, compressed, and where its first object
/// starts: a line of each object's number and offset, then the objects.
fn seal(packed: &[(Ref, &[u8])]) -> anyhow::Result<(i32, Vec<u8>)> {
    let mut head = Vec::new();
    let mut bodies = Vec::new();
    for (id, body) in packed {
        if !bodies.is_empty() {
            bodies.push(b'\n');
        }
        write!(head, "{} {} ", id.get(), bodies.len())?;
        bodies.extend_from_slice(body);
    }
    head.push(b'\n');
    let first = i32::try_from(head.len())?;
    head.append(&mut bodies);
    Ok((first, super::compress::zlib(&head)?))
}

fn offset(out: &[u8]) -> anyhow::Result<u32> {
    u32::try_from(out.len()).map_err(|_| anyhow::anyhow!("the PDF would be over 4 GB"))
}

/// A 16-byte hash: FNV-1a with a rotation, taken eight bytes at a time
/// (eight times fewer steps over a file of megabytes than a byte at a
/// time), in two 64-bit lanes with different seeds. Stable across Rust
/// releases, unlike `DefaultHasher`.
pub(super) fn content_hash(bytes: &[u8]) -> [u8; 16] {
    let lane = |seed: u64| {
        let words = bytes.chunks(8).map(|chunk| {
            let mut word = [0; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            u64::from_le_bytes(word)
        });
        // The length too: trailing zero bytes would otherwise not count.
        // Each step is one-to-one (a rotation brings a word's high bits
        // down for the next), so two files that differ in one word never
        // hash alike.
        (words.chain([bytes.len() as u64])).fold(seed, |h, word| {
            (h ^ word).wrapping_mul(0x0100_0000_01b3).rotate_left(29)
        })
    };
    let (a, b) = (lane(0xcbf2_9ce4_8422_2325), lane(0x6c62_272e_07bb_0142));
    let mut out = [0; 16];
    out[..8].copy_from_slice(&a.to_be_bytes());
    out[8..].copy_from_slice(&b.to_be_bytes());
    out
}
