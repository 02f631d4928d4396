//! A small PDF reader for the tests: enough of ISO 32000-1 to read back the
//! files handout writes (objects, object streams, Flate-compressed
//! streams, content streams, `ToUnicode` maps), and nothing else. Its
//! names follow lopdf's, which the tests read PDFs with before; lopdf
//! brought 26 crates (encryption, mostly) the crate budget has no room
//! for. The file is read from start to end, object by object: the
//! cross-reference stream is not needed to find them.
//!
//! Shared by the integration tests and the library's unit tests (as
//! `pdf::reader`), each of which uses part of it.
#![allow(dead_code)]

use std::collections::{BTreeMap, HashMap};
use std::fmt;

/// An object's number and generation.
pub type ObjectId = (u32, u16);

/// What went wrong reading a file (or asking it for what it lacks).
#[derive(Debug, Clone, PartialEq)]
pub struct Error(pub String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

pub type Result<T> = std::result::Result<T, Error>;

fn error<T>(message: impl Into<String>) -> Result<T> {
    Err(Error(message.into()))
}

/// How a string was written: `(...)` or `<...>`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum StringFormat {
    Literal,
    Hexadecimal,
}

/// A PDF object.
#[derive(Debug, Clone, PartialEq)]
pub enum Object {
    Null,
    Boolean(bool),
    Integer(i64),
    Real(f32),
    Name(Vec<u8>),
    String(Vec<u8>, StringFormat),
    Array(Vec<Object>),
    Dictionary(Dictionary),
    Stream(Stream),
    Reference(ObjectId),
}

impl Object {
    fn kind(&self) -> &'static str {
        match self {
            Object::Null => "Null",
            Object::Boolean(_) => "Boolean",
            Object::Integer(_) => "Integer",
            Object::Real(_) => "Real",
            Object::Name(_) => "Name",
            Object::String(..) => "String",
            Object::Array(_) => "Array",
            Object::Dictionary(_) => "Dictionary",
            Object::Stream(_) => "Stream",
            Object::Reference(_) => "Reference",
        }
    }

    fn expected<T>(&self, what: &str) -> Result<T> {
        error(format!("expected {what}, found {}", self.kind()))
    }

    pub fn as_bool(&self) -> Result<bool> {
        match self {
            Object::Boolean(value) => Ok(*value),
            other => other.expected("Boolean"),
        }
    }

    pub fn as_i64(&self) -> Result<i64> {
        match self {
            Object::Integer(value) => Ok(*value),
            other => other.expected("Integer"),
        }
    }

    /// A number, integer or real.
    pub fn as_float(&self) -> Result<f32> {
        match self {
            Object::Integer(value) => Ok(*value as f32),
            Object::Real(value) => Ok(*value),
            other => other.expected("a number"),
        }
    }

    pub fn as_name(&self) -> Result<&[u8]> {
        match self {
            Object::Name(name) => Ok(name),
            other => other.expected("Name"),
        }
    }

    /// A string's bytes.
    pub fn as_str(&self) -> Result<&[u8]> {
        match self {
            Object::String(bytes, _) => Ok(bytes),
            other => other.expected("String"),
        }
    }

    pub fn as_reference(&self) -> Result<ObjectId> {
        match self {
            Object::Reference(id) => Ok(*id),
            other => other.expected("Reference"),
        }
    }

    pub fn as_array(&self) -> Result<&Vec<Object>> {
        match self {
            Object::Array(items) => Ok(items),
            other => other.expected("Array"),
        }
    }

    /// A dictionary, or a stream's dictionary.
    pub fn as_dict(&self) -> Result<&Dictionary> {
        match self {
            Object::Dictionary(dict) => Ok(dict),
            Object::Stream(stream) => Ok(&stream.dict),
            other => other.expected("Dictionary"),
        }
    }

    pub fn as_stream(&self) -> Result<&Stream> {
        match self {
            Object::Stream(stream) => Ok(stream),
            other => other.expected("Stream"),
        }
    }

    /// The `/Type` of a dictionary or stream.
    pub fn type_name(&self) -> Result<&[u8]> {
        self.as_dict()?.get(b"Type")?.as_name()
    }
}

/// A dictionary, its entries in the order they were written.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Dictionary(Vec<(Vec<u8>, Object)>);

impl Dictionary {
    pub fn get(&self, key: &[u8]) -> Result<&Object> {
        (self.0.iter())
            .find(|(k, _)| k == key)
            .map(|(_, value)| value)
            .ok_or_else(|| Error(format!("no /{}", String::from_utf8_lossy(key))))
    }

    pub fn has(&self, key: &[u8]) -> bool {
        self.get(key).is_ok()
    }

    pub fn iter(&self) -> impl Iterator<Item = (&Vec<u8>, &Object)> {
        self.0.iter().map(|(key, value)| (key, value))
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// A stream: its dictionary and its bytes as they are in the file.
#[derive(Debug, Clone, PartialEq)]
pub struct Stream {
    pub dict: Dictionary,
    pub content: Vec<u8>,
}

impl Stream {
    /// The bytes with the stream's filter undone: Flate, or none.
    pub fn decompressed_content(&self) -> Result<Vec<u8>> {
        match self.dict.get(b"Filter") {
            Err(_) => Ok(self.content.clone()),
            Ok(Object::Name(name)) if name == b"FlateDecode" => inflate(&self.content),
            Ok(other) => error(format!("a filter the reader does not undo: {other:?}")),
        }
    }
}

fn inflate(bytes: &[u8]) -> Result<Vec<u8>> {
    let mut out = Vec::with_capacity(bytes.len() * 4 + 64);
    let mut decoder = flate2::Decompress::new(true);
    loop {
        let read = usize::try_from(decoder.total_in()).map_err(|e| Error(e.to_string()))?;
        let status = decoder
            .decompress_vec(&bytes[read..], &mut out, flate2::FlushDecompress::Finish)
            .map_err(|e| Error(format!("Flate: {e}")))?;
        match status {
            flate2::Status::StreamEnd => return Ok(out),
            _ if out.len() == out.capacity() => out.reserve(out.capacity()),
            _ => return error("a Flate stream cut short"),
        }
    }
}

/// Reads a PDF text string: UTF-16BE after a byte order mark, else
/// PDFDocEncoding (read as Latin-1, which it is for the characters handout
/// writes that way: ASCII).
pub fn decode_text_string(object: &Object) -> Result<String> {
    let bytes = object.as_str()?;
    Ok(match bytes.strip_prefix(&[0xFE, 0xFF]) {
        Some(utf16) => {
            let units: Vec<u16> = (utf16.chunks(2))
                .map(|pair| u16::from_be_bytes([pair[0], *pair.get(1).unwrap_or(&0)]))
                .collect();
            String::from_utf16_lossy(&units)
        }
        None => bytes.iter().map(|b| char::from(*b)).collect(),
    })
}

/// A PDF file's objects.
#[derive(Debug, Default)]
pub struct Document {
    /// Every object, those in object streams too (and the object streams
    /// themselves).
    pub objects: BTreeMap<ObjectId, Object>,
    /// The trailer: the cross-reference stream's dictionary.
    pub trailer: Dictionary,
}

impl Document {
    pub fn load(path: impl AsRef<std::path::Path>) -> Result<Document> {
        let bytes = std::fs::read(path.as_ref())
            .map_err(|e| Error(format!("{}: {e}", path.as_ref().display())))?;
        Document::load_mem(&bytes)
    }

    pub fn load_mem(bytes: &[u8]) -> Result<Document> {
        if !bytes.starts_with(b"%PDF-") {
            return error("not a PDF file");
        }
        let mut doc = Document::default();
        let mut lexer = Lexer::new(bytes);
        loop {
            lexer.skip_space();
            if lexer.at_end() || lexer.eat(b"startxref") {
                break;
            }
            if lexer.eat(b"xref") {
                return error("a cross-reference table (handout writes a stream)");
            }
            let id = lexer.object_header()?;
            let object = lexer.object()?;
            lexer.skip_space();
            if !lexer.eat(b"endobj") {
                return error(format!("object {id:?} does not end with endobj"));
            }
            if object.type_name().ok() == Some(b"XRef") {
                doc.trailer = object.as_dict()?.clone();
            }
            doc.objects.insert(id, object);
        }
        let streams: Vec<Stream> = (doc.objects.values())
            .filter(|o| o.type_name().ok() == Some(b"ObjStm"))
            .filter_map(|o| o.as_stream().ok().cloned())
            .collect();
        for stream in streams {
            for (id, object) in unpack(&stream)? {
                doc.objects.insert(id, object);
            }
        }
        if doc.trailer.is_empty() {
            return error("no cross-reference stream");
        }
        Ok(doc)
    }

    /// An object, following a reference to another.
    pub fn get_object(&self, id: ObjectId) -> Result<&Object> {
        match self.objects.get(&id) {
            Some(Object::Reference(to)) => self.get_object(*to),
            Some(object) => Ok(object),
            None => error(format!("no object {id:?}")),
        }
    }

    pub fn get_dictionary(&self, id: ObjectId) -> Result<&Dictionary> {
        self.get_object(id)?.as_dict()
    }

    /// `object`, or what it refers to.
    fn resolve<'a>(&'a self, object: &'a Object) -> Result<&'a Object> {
        match object {
            Object::Reference(id) => self.get_object(*id),
            other => Ok(other),
        }
    }

    pub fn catalog(&self) -> Result<&Dictionary> {
        self.get_dictionary(self.trailer.get(b"Root")?.as_reference()?)
    }

    /// The pages, by number from 1, in the page tree's order.
    pub fn get_pages(&self) -> BTreeMap<u32, ObjectId> {
        let mut pages = Vec::new();
        if let Ok(root) = (self.catalog())
            .and_then(|c| c.get(b"Pages"))
            .and_then(Object::as_reference)
        {
            self.collect_pages(root, &mut pages, 0);
        }
        (1..).zip(pages).collect()
    }

    fn collect_pages(&self, node: ObjectId, pages: &mut Vec<ObjectId>, depth: usize) {
        let Ok(dict) = self.get_dictionary(node) else {
            return;
        };
        match dict.get(b"Kids").and_then(Object::as_array) {
            Ok(kids) if depth < 64 => {
                for kid in kids.iter().filter_map(|k| k.as_reference().ok()) {
                    self.collect_pages(kid, pages, depth + 1);
                }
            }
            _ => pages.push(node),
        }
    }

    /// A page's content, its streams decompressed and joined.
    pub fn get_page_content(&self, page: ObjectId) -> Vec<u8> {
        let Ok(contents) = self.get_dictionary(page).and_then(|p| p.get(b"Contents")) else {
            return Vec::new();
        };
        let streams: Vec<&Object> = match contents {
            Object::Array(items) => items.iter().collect(),
            other => vec![other],
        };
        let mut out = Vec::new();
        for stream in streams {
            if let Ok(bytes) = (self.resolve(stream))
                .and_then(Object::as_stream)
                .and_then(Stream::decompressed_content)
            {
                out.extend(bytes);
                out.push(b'\n');
            }
        }
        out
    }

    pub fn get_and_decode_page_content(&self, page: ObjectId) -> Result<content::Content> {
        content::Content::decode(&self.get_page_content(page))
    }
    /// What reading a page's text back needs: its height (PDF y runs
    /// upwards) and each of its fonts' encodings by resource name.
    pub fn page_height_and_encodings(&self, page: ObjectId) -> (f32, Vec<(Vec<u8>, Encoding<'_>)>) {
        let media = self.get_dictionary(page).unwrap().get(b"MediaBox").unwrap();
        let height = media.as_array().unwrap()[3].as_float().unwrap();
        let fonts = self.get_page_fonts(page).expect("fonts");
        let encodings = (fonts.into_iter())
            .map(|(name, font)| (name, font.get_font_encoding(self).expect("encoding")))
            .collect();
        (height, encodings)
    }

    /// The fonts a page's resources name, by name.
    pub fn get_page_fonts(&self, page: ObjectId) -> Result<BTreeMap<Vec<u8>, &Dictionary>> {
        let page = self.get_dictionary(page)?;
        let resources = self.resolve(page.get(b"Resources")?)?.as_dict()?;
        let mut fonts = BTreeMap::new();
        if let Ok(named) = resources.get(b"Font") {
            for (name, font) in self.resolve(named)?.as_dict()?.iter() {
                fonts.insert(name.clone(), self.resolve(font)?.as_dict()?);
            }
        }
        Ok(fonts)
    }

    /// The text a font's codes stand for, from its `ToUnicode` map.
    pub fn decode_text(encoding: &Encoding<'_>, bytes: &[u8]) -> Result<String> {
        let mut text = String::new();
        encoding.write_to_string(bytes, &mut text);
        Ok(text)
    }

    /// The text of the pages numbered (from 1) `pages`: what each shows,
    /// in the order shown, a line break at the end of each text object.
    pub fn extract_text(&self, pages: &[u32]) -> Result<String> {
        let all = self.get_pages();
        let mut text = String::new();
        for number in pages {
            let page = *all
                .get(number)
                .ok_or_else(|| Error(format!("no page {number}")))?;
            let encodings: BTreeMap<Vec<u8>, Encoding<'_>> = (self.get_page_fonts(page)?)
                .into_iter()
                .map(|(name, font)| Ok((name, font.get_font_encoding(self)?)))
                .collect::<Result<_>>()?;
            let mut encoding = None;
            for op in self.get_and_decode_page_content(page)?.operations {
                match op.operator.as_str() {
                    "Tf" => {
                        let name = op.operands.first().map(Object::as_name);
                        encoding = name.and_then(|n| encodings.get(n.ok()?));
                    }
                    "Tj" | "TJ" => {
                        let Some(encoding) = encoding else { continue };
                        let strings: Vec<&Object> = match op.operands.first() {
                            Some(Object::Array(items)) => items.iter().collect(),
                            Some(other) => vec![other],
                            None => Vec::new(),
                        };
                        for string in strings {
                            if let Object::String(bytes, _) = string {
                                encoding.write_to_string(bytes, &mut text);
                            }
                        }
                    }
                    "ET" if !text.ends_with('\n') => text.push('\n'),
                    _ => {}
                }
            }
        }
        Ok(text)
    }
}

impl Dictionary {
    /// The map from a composite font's two-byte codes to text, read from
    /// its `ToUnicode` CMap (`bfchar` and `bfrange` sections).
    pub fn get_font_encoding<'a>(&'a self, doc: &'a Document) -> Result<Encoding<'a>> {
        let cmap = doc.resolve(self.get(b"ToUnicode")?)?.as_stream()?;
        let cmap = cmap.decompressed_content()?;
        let mut lexer = Lexer::new(&cmap);
        let mut map = HashMap::new();
        let code = |o: &Object| -> Result<u16> {
            let bytes = o.as_str()?;
            Ok(bytes.iter().fold(0u16, |n, b| (n << 8) | u16::from(*b)))
        };
        let text = |o: &Object| -> Result<String> {
            let units: Vec<u16> = (o.as_str()?.chunks(2))
                .map(|pair| u16::from_be_bytes([pair[0], *pair.get(1).unwrap_or(&0)]))
                .collect();
            Ok(String::from_utf16_lossy(&units))
        };
        let mut operands: Vec<Object> = Vec::new();
        while let Some(token) = lexer.token()? {
            match token {
                Token::Object(object) => operands.push(object),
                Token::Keyword(word) if word == b"endbfchar" => {
                    for pair in operands.chunks(2) {
                        if let [from, to] = pair {
                            map.insert(code(from)?, text(to)?);
                        }
                    }
                    operands.clear();
                }
                Token::Keyword(word) if word == b"endbfrange" => {
                    for range in operands.chunks(3) {
                        let [low, high, to] = range else { continue };
                        let (low, high) = (code(low)?, code(high)?);
                        for (n, c) in (low..=high).enumerate() {
                            let value = match to {
                                Object::Array(items) => text(&items[n])?,
                                start => {
                                    let mut value: Vec<char> = text(start)?.chars().collect();
                                    if let Some(last) = value.last_mut() {
                                        *last = char::from_u32(*last as u32 + n as u32)
                                            .unwrap_or(char::REPLACEMENT_CHARACTER);
                                    }
                                    value.into_iter().collect()
                                }
                            };
                            map.insert(c, value);
                        }
                    }
                    operands.clear();
                }
                Token::Keyword(_) => operands.clear(),
            }
        }
        Ok(Encoding {
            map,
            font: std::marker::PhantomData,
        })
    }
}

/// A composite font's codes and the text each stands for.
#[derive(Debug)]
pub struct Encoding<'a> {
    map: HashMap<u16, String>,
    font: std::marker::PhantomData<&'a Dictionary>,
}

impl Encoding<'_> {
    fn write_to_string(&self, bytes: &[u8], text: &mut String) {
        for pair in bytes.chunks(2) {
            let code = u16::from_be_bytes([pair[0], *pair.get(1).unwrap_or(&0)]);
            match self.map.get(&code) {
                Some(shown) => text.push_str(shown),
                None => text.push(char::REPLACEMENT_CHARACTER),
            }
        }
    }
}

/// The objects an object stream holds.
fn unpack(stream: &Stream) -> Result<Vec<(ObjectId, Object)>> {
    let bytes = stream.decompressed_content()?;
    let count = stream.dict.get(b"N")?.as_i64()?;
    let first =
        usize::try_from(stream.dict.get(b"First")?.as_i64()?).map_err(|e| Error(e.to_string()))?;
    let mut head = Lexer::new(&bytes[..first.min(bytes.len())]);
    let mut out = Vec::new();
    for _ in 0..count {
        let (Object::Integer(id), Object::Integer(offset)) = (head.object()?, head.object()?)
        else {
            return error("an object stream's header is not numbers");
        };
        let at = first + usize::try_from(offset).map_err(|e| Error(e.to_string()))?;
        let mut body = Lexer::new(bytes.get(at..).unwrap_or_default());
        let id = u32::try_from(id).map_err(|e| Error(e.to_string()))?;
        out.push(((id, 0), body.object()?));
    }
    Ok(out)
}

/// A token of a content stream or CMap: an operand, or an operator.
enum Token {
    Object(Object),
    Keyword(Vec<u8>),
}

/// Reads PDF syntax (ISO 32000-1, 7.2 and 7.3) from bytes.
struct Lexer<'a> {
    bytes: &'a [u8],
    at: usize,
}

fn is_space(b: u8) -> bool {
    matches!(b, b'\0' | b'\t' | b'\n' | b'\x0C' | b'\r' | b' ')
}

fn is_delimiter(b: u8) -> bool {
    matches!(
        b,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

fn is_regular(b: u8) -> bool {
    !is_space(b) && !is_delimiter(b)
}

impl<'a> Lexer<'a> {
    fn new(bytes: &'a [u8]) -> Lexer<'a> {
        Lexer { bytes, at: 0 }
    }

    fn at_end(&self) -> bool {
        self.at >= self.bytes.len()
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn rest(&self) -> &'a [u8] {
        self.bytes.get(self.at..).unwrap_or_default()
    }

    /// Skips white space and comments.
    fn skip_space(&mut self) {
        while let Some(b) = self.peek() {
            if is_space(b) {
                self.at += 1;
            } else if b == b'%' {
                while self.peek().is_some_and(|b| b != b'\n' && b != b'\r') {
                    self.at += 1;
                }
            } else {
                break;
            }
        }
    }

    /// Takes `word` if it comes next, whole.
    fn eat(&mut self, word: &[u8]) -> bool {
        let rest = self.rest();
        let whole = rest.get(word.len()).is_none_or(|b| !is_regular(*b));
        if rest.starts_with(word) && whole {
            self.at += word.len();
            true
        } else {
            false
        }
    }

    /// A run of regular characters.
    fn word(&mut self) -> &'a [u8] {
        let start = self.at;
        while self.peek().is_some_and(is_regular) {
            self.at += 1;
        }
        &self.bytes[start..self.at]
    }

    /// `N G obj`.
    fn object_header(&mut self) -> Result<ObjectId> {
        let (Object::Integer(id), Object::Integer(generation)) = (self.object()?, self.object()?)
        else {
            return error(format!("no object header at byte {}", self.at));
        };
        self.skip_space();
        if !self.eat(b"obj") {
            return error(format!("no `obj` at byte {}", self.at));
        }
        let id = u32::try_from(id).map_err(|e| Error(e.to_string()))?;
        let generation = u16::try_from(generation).map_err(|e| Error(e.to_string()))?;
        Ok((id, generation))
    }

    /// The next token, or `None` at the end.
    fn token(&mut self) -> Result<Option<Token>> {
        self.skip_space();
        let Some(b) = self.peek() else {
            return Ok(None);
        };
        if is_regular(b) && !(b.is_ascii_digit() || matches!(b, b'+' | b'-' | b'.')) {
            let word = self.word();
            return Ok(Some(match word {
                b"true" => Token::Object(Object::Boolean(true)),
                b"false" => Token::Object(Object::Boolean(false)),
                b"null" => Token::Object(Object::Null),
                _ => Token::Keyword(word.to_vec()),
            }));
        }
        self.object().map(|o| Some(Token::Object(o)))
    }

    /// The next object.
    fn object(&mut self) -> Result<Object> {
        self.skip_space();
        let Some(b) = self.peek() else {
            return error("an object cut short");
        };
        match b {
            b'/' => {
                self.at += 1;
                Ok(Object::Name(self.name()))
            }
            b'(' => self.literal(),
            b'<' if self.rest().starts_with(b"<<") => self.dictionary(),
            b'<' => self.hexadecimal(),
            b'[' => {
                self.at += 1;
                let mut items = Vec::new();
                loop {
                    self.skip_space();
                    match self.peek() {
                        Some(b']') => {
                            self.at += 1;
                            return Ok(Object::Array(items));
                        }
                        Some(_) => items.push(self.object()?),
                        None => return error("an array without its `]`"),
                    }
                }
            }
            _ => {
                let word = self.word();
                match word {
                    b"true" => Ok(Object::Boolean(true)),
                    b"false" => Ok(Object::Boolean(false)),
                    b"null" => Ok(Object::Null),
                    _ => self.number_or_reference(word),
                }
            }
        }
    }

    fn number_or_reference(&mut self, word: &[u8]) -> Result<Object> {
        let text = std::str::from_utf8(word).map_err(|e| Error(e.to_string()))?;
        if let Ok(n) = text.parse::<i64>() {
            // `N G R` is a reference.
            let back = self.at;
            self.skip_space();
            let generation = std::str::from_utf8(self.word()).ok();
            let generation = generation.and_then(|g| g.parse::<u16>().ok());
            self.skip_space();
            if let Some(generation) = generation
                && self.eat(b"R")
            {
                let id = u32::try_from(n).map_err(|e| Error(e.to_string()))?;
                return Ok(Object::Reference((id, generation)));
            }
            self.at = back;
            return Ok(Object::Integer(n));
        }
        text.parse::<f32>()
            .map(Object::Real)
            .map_err(|_| Error(format!("not an object: {text:?}")))
    }

    /// A name's characters after its `/`, `#xx` undone.
    fn name(&mut self) -> Vec<u8> {
        let word = self.word();
        let mut out = Vec::with_capacity(word.len());
        let mut i = 0;
        while i < word.len() {
            let hex = word
                .get(i + 1..i + 3)
                .and_then(|h| std::str::from_utf8(h).ok());
            match (word[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
                (b'#', Some(byte)) => {
                    out.push(byte);
                    i += 3;
                }
                (byte, _) => {
                    out.push(byte);
                    i += 1;
                }
            }
        }
        out
    }

    fn literal(&mut self) -> Result<Object> {
        self.at += 1;
        let mut out = Vec::new();
        let mut depth = 0;
        loop {
            let Some(b) = self.peek() else {
                return error("a string without its `)`");
            };
            self.at += 1;
            match b {
                b'(' => {
                    depth += 1;
                    out.push(b);
                }
                b')' if depth == 0 => return Ok(Object::String(out, StringFormat::Literal)),
                b')' => {
                    depth -= 1;
                    out.push(b);
                }
                b'\\' => {
                    let Some(next) = self.peek() else {
                        return error("a string ending in `\\`");
                    };
                    self.at += 1;
                    match next {
                        b'n' => out.push(b'\n'),
                        b'r' => out.push(b'\r'),
                        b't' => out.push(b'\t'),
                        b'b' => out.push(8),
                        b'f' => out.push(12),
                        b'0'..=b'7' => {
                            let mut value = u32::from(next - b'0');
                            for _ in 0..2 {
                                match self.peek() {
                                    Some(d @ b'0'..=b'7') => {
                                        value = value * 8 + u32::from(d - b'0');
                                        self.at += 1;
                                    }
                                    _ => break,
                                }
                            }
                            out.push(value as u8);
                        }
                        // A line break after `\` continues the line.
                        b'\r' => {
                            if self.peek() == Some(b'\n') {
                                self.at += 1;
                            }
                        }
                        b'\n' => {}
                        other => out.push(other),
                    }
                }
                _ => out.push(b),
            }
        }
    }

    fn hexadecimal(&mut self) -> Result<Object> {
        self.at += 1;
        let mut digits = Vec::new();
        loop {
            match self.peek() {
                Some(b'>') => {
                    self.at += 1;
                    break;
                }
                Some(b) if b.is_ascii_hexdigit() => digits.push(b),
                Some(b) if is_space(b) => {}
                _ => return error("a bad hexadecimal string"),
            }
            self.at += 1;
        }
        if digits.len() % 2 == 1 {
            digits.push(b'0');
        }
        let bytes = (digits.chunks(2))
            .map(|pair| {
                let text = std::str::from_utf8(pair).unwrap_or("00");
                u8::from_str_radix(text, 16).unwrap_or(0)
            })
            .collect();
        Ok(Object::String(bytes, StringFormat::Hexadecimal))
    }

    /// A dictionary, or a stream when `stream` follows it.
    fn dictionary(&mut self) -> Result<Object> {
        self.at += 2;
        let mut entries = Vec::new();
        loop {
            self.skip_space();
            if self.rest().starts_with(b">>") {
                self.at += 2;
                break;
            }
            let Object::Name(key) = self.object()? else {
                return error(format!(
                    "a dictionary key that is no name at byte {}",
                    self.at
                ));
            };
            entries.push((key, self.object()?));
        }
        let dict = Dictionary(entries);
        let back = self.at;
        self.skip_space();
        if !self.eat(b"stream") {
            self.at = back;
            return Ok(Object::Dictionary(dict));
        }
        // The data starts after the end of the line.
        if self.rest().starts_with(b"\r\n") {
            self.at += 2;
        } else if self.peek() == Some(b'\n') {
            self.at += 1;
        }
        let length = dict.get(b"Length")?.as_i64()?;
        let length = usize::try_from(length).map_err(|e| Error(e.to_string()))?;
        let Some(content) = self.bytes.get(self.at..self.at + length) else {
            return error("a stream longer than the file");
        };
        self.at += length;
        self.skip_space();
        if !self.eat(b"endstream") {
            return error(format!("a stream without `endstream` at byte {}", self.at));
        }
        Ok(Object::Stream(Stream {
            dict,
            content: content.to_vec(),
        }))
    }
}

/// Content streams: operands and operators.
pub mod content {
    use super::{Lexer, Object, Result, Token};

    #[derive(Debug, Clone, PartialEq)]
    pub struct Operation {
        pub operator: String,
        pub operands: Vec<Object>,
    }

    #[derive(Debug, Clone, PartialEq)]
    pub struct Content {
        pub operations: Vec<Operation>,
    }

    impl Content {
        /// Reads a content stream's operations.
        pub fn decode(bytes: &[u8]) -> Result<Content> {
            let mut lexer = Lexer::new(bytes);
            let mut operations = Vec::new();
            let mut operands = Vec::new();
            while let Some(token) = lexer.token()? {
                match token {
                    Token::Object(object) => operands.push(object),
                    Token::Keyword(word) => operations.push(Operation {
                        operator: String::from_utf8_lossy(&word).into_owned(),
                        operands: std::mem::take(&mut operands),
                    }),
                }
            }
            Ok(Content { operations })
        }
    }
}
