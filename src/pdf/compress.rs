//! Flate compression of the file's streams, with flate2 on zlib-rs (about
//! twice as fast as its default backend on a library handout's pages).

use std::sync::Arc;

/// The compression level: one below zlib's default, which made a library
/// handout no smaller (a few hundred bytes larger in three megabytes) and
/// took a tenth longer. The best level took a third of the time of
/// printing a patient's program for files 2% smaller.
const LEVEL: u32 = 5;

/// A stream's bytes as they go into the file.
pub(super) enum Packed {
    /// Compressed with Flate (`/Filter /FlateDecode`).
    Flate(Vec<u8>),
    /// As they were: compressing would not have made them smaller.
    Plain(Vec<u8>),
}

/// `bytes` compressed, unless that would not make the stream smaller
/// (counting the `/Filter /FlateDecode` it adds to its dictionary). For a
/// stream that is its own (a page's content), never looked for among the
/// streams seen before, as [`kept`] does.
pub(super) fn packed(bytes: &[u8]) -> anyhow::Result<Packed> {
    let compressed = zlib(bytes)?;
    Ok(
        if compressed.len() + b"/Filter /FlateDecode".len() < bytes.len() {
            Packed::Flate(compressed)
        } else {
            Packed::Plain(bytes.to_vec())
        },
    )
}

/// `bytes` compressed with zlib. A large stream seen before in this run
/// (the same font subset in a hundred patients' handouts) is compressed
/// once: the bytes are the same either way.
pub(super) fn kept(bytes: &[u8]) -> anyhow::Result<Arc<[u8]>> {
    use std::collections::HashMap;
    use std::hash::{Hash, Hasher};
    use std::sync::{Mutex, OnceLock};
    /// Streams smaller than this are quicker to compress than to look up.
    const WORTH_KEEPING: usize = 8 * 1024;
    /// At most this many kept, so a long run's memory stays bounded.
    const KEPT: usize = 64;
    /// By hash and length: the stream as given, and compressed.
    type Kept = Mutex<HashMap<(u64, usize), (Arc<[u8]>, Arc<[u8]>)>>;
    static KEPT_STREAMS: OnceLock<Kept> = OnceLock::new();
    if bytes.len() < WORTH_KEEPING {
        return Ok(zlib(bytes)?.into());
    }
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut hasher);
    let key = (hasher.finish(), bytes.len());
    let kept = KEPT_STREAMS.get_or_init(Kept::default);
    if let Some((given, done)) = kept.lock().ok().and_then(|k| k.get(&key).cloned())
        // A hash can collide: only the very same bytes are taken as seen.
        && *given == *bytes
    {
        return Ok(done);
    }
    let done: Arc<[u8]> = zlib(bytes)?.into();
    if let Ok(mut kept) = kept.lock() {
        if kept.len() >= KEPT {
            kept.clear();
        }
        kept.insert(key, (bytes.into(), done.clone()));
    }
    Ok(done)
}

/// `bytes` compressed with zlib at [`LEVEL`], by the calling thread's
/// compressor: made once a thread and reset for each stream, as making one
/// for each of a long handout's thousand pages took a tenth of the
/// compressing.
pub(super) fn zlib(bytes: &[u8]) -> anyhow::Result<Vec<u8>> {
    use flate2::{Compress, Compression, FlushCompress, Status};
    thread_local! {
        static COMPRESSOR: std::cell::RefCell<Compress> =
            std::cell::RefCell::new(Compress::new(Compression::new(LEVEL), true));
    }
    COMPRESSOR.with_borrow_mut(|compressor| {
        compressor.reset();
        let mut out = Vec::with_capacity(bytes.len() / 4 + 64);
        loop {
            let read = usize::try_from(compressor.total_in())?;
            if compressor.compress_vec(&bytes[read..], &mut out, FlushCompress::Finish)?
                == Status::StreamEnd
            {
                return Ok(out);
            }
            out.reserve(out.capacity());
        }
    })
}
