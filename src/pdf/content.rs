//! A page's content stream written as bytes (ISO 32000-1, 7.8.2 and
//! chapters 8 and 9), with only the operators the pages draw with.
//!
//! Written here straight from the typeset items rather than through a
//! general writer's operations (printpdf's, formatted one page after
//! another on one thread, were half the time of writing a thousand-page
//! handout): each page is on its own, so the pages are written (and
//! compressed) on every core, with only the few operators they use.
//!
//! Numbers are written to a thousandth of a unit: a thousandth of a point
//! is far below what any printer or screen shows, and a colour component
//! to a thousandth is finer than a byte.

/// A content stream being written.
#[derive(Debug, Default)]
pub(super) struct Content {
    bytes: Vec<u8>,
}

impl Content {
    pub(super) fn into_bytes(self) -> Vec<u8> {
        self.bytes
    }

    /// An operator and its numeric operands: `1 0 0 1 72 700 Tm`.
    pub(super) fn op(&mut self, operands: &[f32], operator: &str) {
        for n in operands {
            self.number(*n);
            self.bytes.push(b' ');
        }
        self.bytes.extend_from_slice(operator.as_bytes());
        self.bytes.push(b'\n');
    }

    /// An operator whose operand is a name: `/Im0 Do`.
    pub(super) fn name_op(&mut self, name: &str, operator: &str) {
        self.name(name);
        self.bytes.push(b' ');
        self.op(&[], operator);
    }

    /// Selects a font resource at a size: `/F0 11 Tf`.
    pub(super) fn font(&mut self, name: &str, size: f32) {
        self.name(name);
        self.bytes.push(b' ');
        self.op(&[size], "Tf");
    }

    /// Shows glyphs by their two-byte codes (an `Identity-H` font), as a
    /// literal string: half the bytes of hexadecimal, to write and to
    /// compress.
    pub(super) fn show(&mut self, codes: impl IntoIterator<Item = u16>) {
        self.bytes.push(b'(');
        for byte in codes.into_iter().flat_map(u16::to_be_bytes) {
            match byte {
                b'(' | b')' | b'\\' => self.bytes.extend_from_slice(&[b'\\', byte]),
                // A carriage return would be read as a line feed.
                b'\r' => self.bytes.extend_from_slice(b"\\r"),
                _ => self.bytes.push(byte),
            }
        }
        self.bytes.extend_from_slice(b") Tj\n");
    }

    /// A line dash pattern, solid when `dash` is `None`: `[3 2] 0 d`.
    pub(super) fn dash(&mut self, dash: Option<(f32, f32)>) {
        self.bytes.push(b'[');
        if let Some((on, off)) = dash {
            self.number(on);
            self.bytes.push(b' ');
            self.number(off);
        }
        self.bytes.extend_from_slice(b"] 0 d\n");
    }

    /// Begins a marked-content sequence with a marked-content id:
    /// `/P <</MCID 3>> BDC`.
    pub(super) fn begin_marked(&mut self, tag: &str, mcid: i64) {
        self.name(tag);
        self.bytes.extend_from_slice(b" <</MCID ");
        self.integer(mcid);
        self.bytes.extend_from_slice(b">> BDC\n");
    }

    /// Begins a marked-content sequence without properties:
    /// `/Artifact BMC`.
    pub(super) fn begin_plain_marked(&mut self, tag: &str) {
        self.name_op(tag, "BMC");
    }

    /// A name of the resource names and structure types this crate uses:
    /// letters and digits only, so nothing needs escaping.
    fn name(&mut self, name: &str) {
        debug_assert!(name.bytes().all(|b| b.is_ascii_alphanumeric()), "{name}");
        self.bytes.push(b'/');
        self.bytes.extend_from_slice(name.as_bytes());
    }

    /// `n` to a thousandth, without a point when it is whole and without
    /// trailing zeros otherwise: `72`, `0.5`, `-12.125`.
    fn number(&mut self, n: f32) {
        self.decimal(n, 3);
    }

    /// A transformation matrix, `cm`: its scale and skew to a
    /// hundred-thousandth (a drawing hundreds of units across stays true
    /// to a thousandth of a point), its move to a thousandth.
    pub(super) fn transform(&mut self, [a, b, c, d, e, f]: [f32; 6]) {
        for n in [a, b, c, d] {
            self.decimal(n, 5);
            self.bytes.push(b' ');
        }
        self.op(&[e, f], "cm");
    }

    /// `n` to `places` decimal places (at most 9), without a point when it
    /// is whole and without trailing zeros otherwise.
    fn decimal(&mut self, n: f32, places: usize) {
        const POWERS: [u64; 10] = [
            1,
            10,
            100,
            1_000,
            10_000,
            100_000,
            1_000_000,
            10_000_000,
            100_000_000,
            1_000_000_000,
        ];
        let unit = POWERS[places.min(9)];
        let scaled = if n.is_finite() {
            (f64::from(n) * unit as f64).round() as i64
        } else {
            0
        };
        if scaled < 0 {
            self.bytes.push(b'-');
        }
        let magnitude = scaled.unsigned_abs();
        self.unsigned(magnitude / unit);
        let mut fraction = magnitude % unit;
        if fraction != 0 {
            self.bytes.push(b'.');
            let mut digits = places.min(9);
            while fraction.is_multiple_of(10) {
                fraction /= 10;
                digits -= 1;
            }
            for place in (0..digits).rev() {
                self.bytes
                    .push(b'0' + (fraction / POWERS[place] % 10) as u8);
            }
        }
    }

    fn integer(&mut self, n: i64) {
        if n < 0 {
            self.bytes.push(b'-');
        }
        self.unsigned(n.unsigned_abs());
    }

    fn unsigned(&mut self, mut n: u64) {
        let mut digits = [0u8; 20];
        let mut at = digits.len();
        loop {
            at -= 1;
            digits[at] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        self.bytes.extend_from_slice(&digits[at..]);
    }
}

#[cfg(test)]
mod tests {
    use super::Content;

    fn written(write: impl FnOnce(&mut Content)) -> String {
        let mut content = Content::default();
        write(&mut content);
        String::from_utf8(content.into_bytes()).unwrap()
    }

    /// Glyph codes that are delimiters or a carriage return as a byte are
    /// escaped, and read back as the same codes.
    #[test]
    fn shown_codes_are_escaped_where_a_literal_string_needs_it() {
        let codes = [0x0041, 0x2829, 0x5C0D, 0x000A, 0x1234];
        let mut content = Content::default();
        content.show(codes);
        let bytes = content.into_bytes();
        assert_eq!(bytes, b"(\x00A\\(\\)\\\\\\r\x00\n\x124) Tj\n".to_vec());
        let decoded = crate::pdf::reader::content::Content::decode(&bytes).unwrap();
        let shown = decoded.operations[0].operands[0].as_str().unwrap();
        let back: Vec<u16> = (shown.chunks(2))
            .map(|pair| u16::from_be_bytes([pair[0], pair[1]]))
            .collect();
        assert_eq!(back, codes);
    }

    #[test]
    fn numbers_are_written_to_a_thousandth_without_trailing_zeros() {
        let numbers = [
            72.0,
            0.5,
            -12.125,
            0.0004,
            -0.0004,
            1.0 / 3.0,
            841.8898,
            -3.0,
        ];
        let text = written(|c| c.op(&numbers, "x"));
        assert_eq!(text, "72 0.5 -12.125 0 0 0.333 841.89 -3 x\n");
        assert_eq!(
            written(|c| c.op(&[f32::NAN, 0.05, 1000.001], "y")),
            "0 0.05 1000.001 y\n"
        );
        assert_eq!(
            written(|c| c.transform([0.3125, 0.0, 0.0, -1.857_142_9, 53.858_26, 700.0])),
            "0.3125 0 0 -1.85714 53.858 700 cm\n"
        );
    }

    #[test]
    fn operators_are_written_as_a_reader_reads_them() {
        let text = written(|c| {
            c.begin_marked("P", 12);
            c.op(&[], "BT");
            c.font("F0", 11.0);
            c.show([0x41, 0x4142]);
            c.op(&[], "ET");
            c.op(&[], "EMC");
            c.begin_plain_marked("Artifact");
            c.dash(Some((3.0, 1.5)));
            c.dash(None);
            c.name_op("Im0", "Do");
        });
        assert_eq!(
            text,
            "/P <</MCID 12>> BDC\nBT\n/F0 11 Tf\n(\0AAB) Tj\nET\nEMC\n\
             /Artifact BMC\n[3 1.5] 0 d\n[] 0 d\n/Im0 Do\n"
        );
        let content = crate::pdf::reader::content::Content::decode(text.as_bytes()).unwrap();
        let operators: Vec<&str> = (content.operations.iter())
            .map(|op| op.operator.as_str())
            .collect();
        assert_eq!(
            operators,
            ["BDC", "BT", "Tf", "Tj", "ET", "EMC", "BMC", "d", "d", "Do"]
        );
    }
}
