//! A page's content stream written as bytes (ISO 32000-1, 7.8.2 and
//! chapters 8 and 9), with only the operators the pages draw with.
//!
//! printpdf builds a content stream from its `Op`s for one page after
//! another on one thread, each operand an object formatted through
//! `Display`: with the operations held until then, it was half the time
//! of writing a thousand-page handout. Written here straight from the
//! typeset items, each page is on its own, so the pages are written (and
//! compressed) on every core.
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

    /// Shows glyphs by their two-byte codes (an `Identity-H` font).
    pub(super) fn show(&mut self, codes: impl IntoIterator<Item = u16>) {
        const HEX: &[u8; 16] = b"0123456789ABCDEF";
        self.bytes.push(b'<');
        for code in codes {
            for shift in [12, 8, 4, 0] {
                self.bytes.push(HEX[usize::from((code >> shift) & 0xF)]);
            }
        }
        self.bytes.extend_from_slice(b"> Tj\n");
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
        let thousandths = if n.is_finite() {
            (f64::from(n) * 1000.0).round() as i64
        } else {
            0
        };
        if thousandths < 0 {
            self.bytes.push(b'-');
        }
        let magnitude = thousandths.unsigned_abs();
        self.unsigned(magnitude / 1000);
        let mut fraction = magnitude % 1000;
        if fraction != 0 {
            self.bytes.push(b'.');
            let mut digits = 3;
            while fraction % 10 == 0 {
                fraction /= 10;
                digits -= 1;
            }
            let divisors = [100, 10, 1];
            for divisor in &divisors[3 - digits..] {
                self.bytes.push(b'0' + (fraction / divisor % 10) as u8);
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
    }

    #[test]
    fn operators_are_written_as_lopdf_reads_them() {
        let text = written(|c| {
            c.begin_marked("P", 12);
            c.op(&[], "BT");
            c.font("F0", 11.0);
            c.show([0x41, 0x1234]);
            c.op(&[], "ET");
            c.op(&[], "EMC");
            c.begin_plain_marked("Artifact");
            c.dash(Some((3.0, 1.5)));
            c.dash(None);
            c.name_op("Im0", "Do");
        });
        assert_eq!(
            text,
            "/P <</MCID 12>> BDC\nBT\n/F0 11 Tf\n<00411234> Tj\nET\nEMC\n\
             /Artifact BMC\n[3 1.5] 0 d\n[] 0 d\n/Im0 Do\n"
        );
        let content = lopdf::content::Content::decode(text.as_bytes()).unwrap();
        let operators: Vec<&str> = (content.operations.iter())
            .map(|op| op.operator.as_str())
            .collect();
        assert_eq!(
            operators,
            ["BDC", "BT", "Tf", "Tj", "ET", "EMC", "BMC", "d", "d", "Do"]
        );
    }
}
