//! Writes a finished lopdf document as a PDF file, one object at a time.
//!
//! lopdf's own writer with object streams copies every small object before
//! packing it, so a long checklist's structure tree (a hundred thousand
//! table cells) was held twice. This writer takes the objects out of the
//! document in order and packs the small ones into compressed object
//! streams as it goes, with a cross-reference stream at the end (PDF 1.5
//! and later), so memory falls as the file grows.

use std::io::Write;

use lopdf::{Dictionary, Object, ObjectId, Stream, StringFormat};

/// Objects packed into one object stream: small enough to find one fast,
/// large enough to compress well.
const PER_STREAM: usize = 100;

/// Object streams compressed together, on every core, before they are
/// written in order: few enough that memory stays low.
const STREAMS_AT_ONCE: usize = 16;

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

/// Small objects already in PDF syntax, numbered from the document's own
/// ids: a structure tree's elements, tens of thousands in a library
/// handout, go into the file without a lopdf dictionary made, held and
/// let go for each.
#[derive(Debug, Default)]
pub(super) struct Written {
    ids: Vec<u32>,
    /// Where each object's bytes end.
    ends: Vec<usize>,
    bytes: Vec<u8>,
}

impl Written {
    /// Adds object `id`: a dictionary of `entries`, each a key (a name,
    /// without its slash) and its value.
    pub(super) fn dictionary(
        &mut self,
        id: ObjectId,
        entries: &[(&[u8], Object)],
    ) -> anyhow::Result<()> {
        anyhow::ensure!(id.1 == 0, "object {id:?} is of a later generation");
        self.bytes.extend_from_slice(b"<<");
        for (key, value) in entries {
            write_name(&mut self.bytes, key)?;
            self.bytes.push(b' ');
            serialise(&mut self.bytes, value)?;
        }
        self.bytes.extend_from_slice(b">>");
        self.ids.push(id.0);
        self.ends.push(self.bytes.len());
        Ok(())
    }

    /// Each object's id and bytes.
    fn objects(&self) -> impl Iterator<Item = (u32, &[u8])> {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        (self.ids.iter().zip(starts.zip(&self.ends)))
            .map(|(id, (start, end))| (*id, &self.bytes[start..*end]))
    }
}

/// A PDF file being written: the document's objects first, packed as
/// they come, then any object kept back (a page's content stream still
/// being compressed), then the cross-reference stream.
pub(super) struct Writer {
    out: Vec<u8>,
    entries: Vec<Entry>,
    /// The id the next object stream gets.
    next_id: u32,
    batch: Batch,
    sealed: Vec<(u32, Stream)>,
}

impl Writer {
    /// Starts a file in `doc`'s PDF version and writes `doc`'s objects
    /// (consuming them) and the objects `written` beside it. An object of
    /// one of the document's ids that it does not hold can be written
    /// after, with [`Writer::object`].
    pub(super) fn new(doc: &mut lopdf::Document, written: Written) -> anyhow::Result<Writer> {
        let mut out = Vec::new();
        writeln!(out, "%PDF-{}", doc.version)?;
        // Bytes above 127 tell file tools the file is binary.
        out.extend_from_slice(b"%\xE2\xE3\xCF\xD3\n");
        let next_id = doc.max_id + 1;
        let mut file = Writer {
            out,
            entries: vec![Entry::Free; next_id as usize],
            next_id,
            batch: Batch::default(),
            sealed: Vec::new(),
        };
        for ((id, generation), object) in std::mem::take(&mut doc.objects) {
            // Streams, and objects of a later generation, cannot be packed.
            if generation != 0 || matches!(object, Object::Stream(_)) {
                file.object((id, generation), &object)?;
                continue;
            }
            serialise(file.packed(id)?, &object)?;
            file.sealed_if_full()?;
        }
        for (id, bytes) in written.objects() {
            file.packed(id)?.extend_from_slice(bytes);
            file.sealed_if_full()?;
        }
        if !file.batch.ids.is_empty() {
            file.seal()?;
        }
        write_sealed(&mut file.out, &mut file.sealed, &mut file.entries)?;
        Ok(file)
    }

    /// Writes an object as it is (a stream is never packed).
    pub(super) fn object(&mut self, id: ObjectId, object: &Object) -> anyhow::Result<()> {
        self.free(id.0)?;
        self.entries[id.0 as usize] = Entry::At(offset(&self.out)?);
        write_object(&mut self.out, id, object)
    }

    /// Ends the file with its cross-reference stream, whose dictionary is
    /// `trailer` (the document's: its `/Root`, `/Info` and `/ID`).
    pub(super) fn finish(self, trailer: &Dictionary) -> anyhow::Result<Vec<u8>> {
        let Writer {
            mut out,
            mut entries,
            next_id: xref_id,
            ..
        } = self;
        // The cross-reference stream lists itself too.
        let xref_offset = offset(&out)?;
        entries.push(Entry::At(xref_offset));
        let mut table = Vec::with_capacity(entries.len() * 7);
        for entry in entries.iter() {
            let (kind, a, b) = match *entry {
                Entry::Free => (0u8, 0u32, 0u16),
                Entry::At(offset) => (1, offset, 0),
                Entry::Packed { container, index } => (2, container, index),
            };
            table.push(kind);
            table.extend(a.to_be_bytes());
            table.extend(b.to_be_bytes());
        }
        let mut dict: Dictionary = trailer.clone();
        dict.remove(b"Prev");
        dict.set("Type", Object::Name(b"XRef".to_vec()));
        dict.set("Size", Object::Integer(i64::from(xref_id) + 1));
        dict.set(
            "W",
            Object::Array(vec![
                Object::Integer(1),
                Object::Integer(4),
                Object::Integer(2),
            ]),
        );
        let mut stream = Stream::new(dict, table);
        super::deflate(&mut stream)?;
        write_object(&mut out, (xref_id, 0), &Object::Stream(stream))?;
        write!(out, "startxref\n{xref_offset}\n%%EOF")?;
        Ok(out)
    }

    /// Checks that object `id` is one of the document's, not yet written.
    fn free(&self, id: u32) -> anyhow::Result<()> {
        match self.entries.get(id as usize) {
            Some(Entry::Free) => Ok(()),
            Some(_) => anyhow::bail!("object {id} is written twice"),
            None => anyhow::bail!("object {id} is beyond the document's highest id"),
        }
    }

    /// Starts object `id` in the batch: its body is written to what this
    /// returns.
    fn packed(&mut self, id: u32) -> anyhow::Result<&mut Vec<u8>> {
        self.free(id)?;
        // Where in which stream is known when the batch is sealed.
        self.entries[id as usize] = Entry::Packed {
            container: 0,
            index: 0,
        };
        Ok(self.batch.next(id))
    }

    /// Seals the batch when it is full.
    fn sealed_if_full(&mut self) -> anyhow::Result<()> {
        if self.batch.ids.len() == PER_STREAM {
            self.seal()?;
        }
        Ok(())
    }

    /// Seals the batch as the next object stream, and writes the sealed
    /// streams once there are [`STREAMS_AT_ONCE`].
    fn seal(&mut self) -> anyhow::Result<()> {
        let container = self.next_id;
        self.next_id += 1;
        self.entries.push(Entry::Free);
        let stream = self.batch.seal(container, &mut self.entries)?;
        self.sealed.push((container, stream));
        if self.sealed.len() == STREAMS_AT_ONCE {
            write_sealed(&mut self.out, &mut self.sealed, &mut self.entries)?;
        }
        Ok(())
    }
}

/// Small objects waiting to be packed into an object stream.
#[derive(Default)]
struct Batch {
    ids: Vec<u32>,
    offsets: Vec<usize>,
    bodies: Vec<u8>,
}

impl Batch {
    /// Starts object `id`: its body is written to what this returns.
    fn next(&mut self, id: u32) -> &mut Vec<u8> {
        if !self.ids.is_empty() {
            self.bodies.push(b'\n');
        }
        self.ids.push(id);
        self.offsets.push(self.bodies.len());
        &mut self.bodies
    }

    /// The batch as object stream `container`, not compressed yet; empties
    /// it.
    fn seal(&mut self, container: u32, entries: &mut [Entry]) -> anyhow::Result<Stream> {
        let mut content = Vec::new();
        for (index, (id, at)) in self.ids.iter().zip(&self.offsets).enumerate() {
            write!(content, "{id} {at} ")?;
            entries[*id as usize] = Entry::Packed {
                container,
                index: u16::try_from(index)?,
            };
        }
        content.push(b'\n');
        let first = content.len();
        content.append(&mut self.bodies);
        let dict = Dictionary::from_iter([
            ("Type", Object::Name(b"ObjStm".to_vec())),
            ("N", Object::Integer(self.ids.len() as i64)),
            ("First", Object::Integer(first as i64)),
        ]);
        self.ids.clear();
        self.offsets.clear();
        Ok(Stream::new(dict, content))
    }
}

/// Compresses the sealed object streams on every core (each on its own, so
/// the bytes do not depend on the threads), then writes them in order.
fn write_sealed(
    out: &mut Vec<u8>,
    sealed: &mut Vec<(u32, Stream)>,
    entries: &mut [Entry],
) -> anyhow::Result<()> {
    let mut streams: Vec<&mut Stream> = sealed.iter_mut().map(|(_, stream)| stream).collect();
    super::deflate_all(&mut streams, 2)?;
    for (container, stream) in sealed.drain(..) {
        entries[container as usize] = Entry::At(offset(out)?);
        write_object(out, (container, 0), &Object::Stream(stream))?;
    }
    Ok(())
}

fn offset(out: &[u8]) -> anyhow::Result<u32> {
    u32::try_from(out.len()).map_err(|_| anyhow::anyhow!("the PDF would be over 4 GB"))
}

fn write_object(
    out: &mut Vec<u8>,
    (id, generation): ObjectId,
    object: &Object,
) -> anyhow::Result<()> {
    writeln!(out, "{id} {generation} obj")?;
    serialise(out, object)?;
    out.extend_from_slice(b"\nendobj\n");
    Ok(())
}

/// An object in PDF syntax (ISO 32000-1, 7.3). Tokens are separated by
/// one space wherever a separator may be needed.
fn serialise(out: &mut Vec<u8>, object: &Object) -> std::io::Result<()> {
    match object {
        Object::Null => out.extend_from_slice(b"null"),
        Object::Boolean(value) => write!(out, "{value}")?,
        Object::Integer(value) => write!(out, "{value}")?,
        // Rust writes floats without an exponent, as PDF needs.
        Object::Real(value) => write!(out, "{value}")?,
        Object::Name(name) => write_name(out, name)?,
        Object::String(text, StringFormat::Literal) => {
            out.push(b'(');
            for &byte in text {
                match byte {
                    b'(' | b')' | b'\\' => out.extend_from_slice(&[b'\\', byte]),
                    b'\r' => out.extend_from_slice(b"\\r"),
                    _ => out.push(byte),
                }
            }
            out.push(b')');
        }
        Object::String(text, StringFormat::Hexadecimal) => {
            out.push(b'<');
            for &byte in text {
                out.extend_from_slice(&hex(byte));
            }
            out.push(b'>');
        }
        Object::Array(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b' ');
                }
                serialise(out, item)?;
            }
            out.push(b']');
        }
        Object::Dictionary(dict) => write_dictionary(out, dict)?,
        Object::Stream(stream) => {
            write_dictionary(out, &stream.dict)?;
            out.extend_from_slice(b"\nstream\n");
            out.extend_from_slice(&stream.content);
            out.extend_from_slice(b"\nendstream");
        }
        Object::Reference((id, generation)) => write!(out, "{id} {generation} R")?,
    }
    Ok(())
}

fn write_dictionary(out: &mut Vec<u8>, dict: &Dictionary) -> std::io::Result<()> {
    out.extend_from_slice(b"<<");
    for (key, value) in dict {
        write_name(out, key)?;
        out.push(b' ');
        serialise(out, value)?;
    }
    out.extend_from_slice(b">>");
    Ok(())
}

/// A name, with white space, delimiters and bytes outside `!`..`~` as
/// `#xx`.
fn write_name(out: &mut Vec<u8>, name: &[u8]) -> std::io::Result<()> {
    out.push(b'/');
    let escaped =
        |byte: &u8| b" \t\n\r\x0C()<>[]{}/%#".contains(byte) || !(33..=126).contains(byte);
    // Nearly every name is plain letters (`Type`, `Pg`, `MCID`).
    if !name.iter().any(escaped) {
        out.extend_from_slice(name);
        return Ok(());
    }
    for byte in name {
        if escaped(byte) {
            out.push(b'#');
            out.extend_from_slice(&hex(*byte));
        } else {
            out.push(*byte);
        }
    }
    Ok(())
}

/// A byte as two upper-case hexadecimal digits.
fn hex(byte: u8) -> [u8; 2] {
    const DIGITS: &[u8; 16] = b"0123456789ABCDEF";
    [
        DIGITS[usize::from(byte >> 4)],
        DIGITS[usize::from(byte & 15)],
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(object: &Object) -> String {
        let mut out = Vec::new();
        serialise(&mut out, object).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn names_and_hexadecimal_strings_are_escaped_as_pdf_asks() {
        assert_eq!(written(&Object::Name(b"MCID".to_vec())), "/MCID");
        assert_eq!(
            written(&Object::Name(b"A B#(\xE9".to_vec())),
            "/A#20B#23#28#E9"
        );
        let bytes = vec![0x00, 0x0A, 0xFE, 0xFF];
        assert_eq!(
            written(&Object::String(bytes, StringFormat::Hexadecimal)),
            "<000AFEFF>"
        );
    }
}
