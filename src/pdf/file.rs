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

/// Writes `doc` and the objects `written` beside it into `out`, consuming
/// the document's objects. The trailer is the document's (its `/Root`,
/// `/Info` and `/ID`), written as the dictionary of the cross-reference
/// stream.
pub(super) fn write(
    doc: &mut lopdf::Document,
    written: Written,
    out: &mut Vec<u8>,
) -> anyhow::Result<()> {
    writeln!(out, "%PDF-{}", doc.version)?;
    // Bytes above 127 tell file tools the file is binary.
    out.extend_from_slice(b"%\xE2\xE3\xCF\xD3\n");
    let objects = std::mem::take(&mut doc.objects);
    let mut next_id = doc.max_id + 1;
    let mut entries: Vec<Entry> = vec![Entry::Free; next_id as usize];
    let mut batch = Batch::default();
    let mut sealed: Vec<(u32, Stream)> = Vec::new();
    for ((id, generation), object) in objects {
        let Some(slot) = entries.get_mut(id as usize) else {
            anyhow::bail!("object {id} is beyond the document's highest id");
        };
        // Streams, and objects of a later generation, cannot be packed.
        if generation != 0 || matches!(object, Object::Stream(_)) {
            *slot = Entry::At(offset(out)?);
            write_object(out, (id, generation), &object)?;
            continue;
        }
        serialise(batch.next(id), &object)?;
        if batch.ids.len() == PER_STREAM {
            seal(out, &mut batch, &mut sealed, &mut entries, &mut next_id)?;
        }
    }
    for (id, bytes) in written.objects() {
        anyhow::ensure!(
            matches!(entries.get(id as usize), Some(Entry::Free)),
            "object {id} is beyond the document's highest id, or written twice"
        );
        batch.next(id).extend_from_slice(bytes);
        if batch.ids.len() == PER_STREAM {
            seal(out, &mut batch, &mut sealed, &mut entries, &mut next_id)?;
        }
    }
    drop(written);
    if !batch.ids.is_empty() {
        seal(out, &mut batch, &mut sealed, &mut entries, &mut next_id)?;
    }
    write_sealed(out, &mut sealed, &mut entries)?;
    // The cross-reference stream lists itself too.
    let xref_id = next_id;
    let xref_offset = offset(out)?;
    entries.push(Entry::At(xref_offset));
    let mut table = Vec::with_capacity(entries.len() * 7);
    for entry in &entries {
        let (kind, a, b) = match *entry {
            Entry::Free => (0u8, 0u32, 0u16),
            Entry::At(offset) => (1, offset, 0),
            Entry::Packed { container, index } => (2, container, index),
        };
        table.push(kind);
        table.extend(a.to_be_bytes());
        table.extend(b.to_be_bytes());
    }
    let mut dict: Dictionary = doc.trailer.clone();
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
    write_object(out, (xref_id, 0), &Object::Stream(stream))?;
    write!(out, "startxref\n{xref_offset}\n%%EOF")?;
    Ok(())
}

/// Seals `batch` as object stream `next_id` (then the next id), and
/// writes the sealed streams once there are [`STREAMS_AT_ONCE`].
fn seal(
    out: &mut Vec<u8>,
    batch: &mut Batch,
    sealed: &mut Vec<(u32, Stream)>,
    entries: &mut Vec<Entry>,
    next_id: &mut u32,
) -> anyhow::Result<()> {
    let container = *next_id;
    *next_id += 1;
    entries.push(Entry::Free);
    sealed.push((container, batch.seal(container, entries)?));
    if sealed.len() == STREAMS_AT_ONCE {
        write_sealed(out, sealed, entries)?;
    }
    Ok(())
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
