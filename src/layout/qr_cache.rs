//! The QR codes of a typesetting, each encoded once: [`QrCodes`], and the
//! [`Lookup`] the renderer draws them through.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use crate::geom::Drawing;
use crate::qr::QrCode;

/// QR codes by address, each encoded once however often it is printed:
/// those a Markdown text asks for (`](qr:URL)`), or those an output expects
/// its Markdown to ask for, known before it is made. Choosing a code's
/// mask is most of its cost, and a library handout has a code per
/// exercise: a second thread encodes them in the order they are printed
/// ([`QrCodes::encode_ahead`]) while the Markdown is made and typeset, and
/// the typesetter encodes one itself only when it gets there first. Each
/// is drawn when it is set: drawn on another thread, a thousand drawings
/// took 25 MB more memory.
#[derive(Debug, Default)]
pub struct QrCodes {
    /// The addresses in the order they are first printed.
    pub(super) order: Vec<String>,
    /// Each address's code, once encoded; `None` when it cannot be one.
    codes: BTreeMap<String, OnceLock<Option<QrCode>>>,
}

impl QrCodes {
    /// The codes for `addresses`, in the order they will be printed, none
    /// encoded yet.
    pub fn for_addresses<'u>(addresses: impl IntoIterator<Item = &'u str>) -> QrCodes {
        let mut codes = BTreeMap::new();
        let mut order = Vec::new();
        for url in addresses {
            if !codes.contains_key(url) {
                codes.insert(url.to_string(), OnceLock::new());
                order.push(url.to_string());
            }
        }
        QrCodes { order, codes }
    }

    /// The codes `markdown` asks for that `early` does not have, none
    /// encoded yet. An address the scan reads wrongly is encoded when it
    /// is set.
    pub(super) fn for_markdown(markdown: &str, early: &QrCodes) -> QrCodes {
        let addresses = (markdown.match_indices("](qr:")).filter_map(|(at, found)| {
            let rest = &markdown[at + found.len()..];
            let end = rest.find(')')?;
            Some(rest[..end].trim())
        });
        QrCodes::for_addresses(addresses.filter(|url| !early.codes.contains_key(*url)))
    }

    /// Whether there are no codes.
    pub(super) fn is_empty(&self) -> bool {
        self.order.is_empty()
    }

    /// Encodes every code not encoded yet, in the order they are printed
    /// (the typesetter, working through the same order, then mostly finds
    /// its code ready).
    pub fn encode_ahead(&self) {
        for (url, cell) in self
            .order
            .iter()
            .filter_map(|url| self.codes.get_key_value(url))
        {
            cell.get_or_init(|| crate::qr::encode(url).ok());
        }
    }

    /// The code for `url`, encoded already or now (`None` inside when it
    /// cannot be one), when it is one of these.
    fn code(&self, url: &str) -> Option<&Option<QrCode>> {
        let cell = self.codes.get(url)?;
        Some(cell.get_or_init(|| crate::qr::encode(url).ok()))
    }
}

/// Where the typesetter finds a code: among those begun before its
/// Markdown was made, then among its own.
#[derive(Debug, Clone, Copy)]
pub(super) struct Lookup<'a> {
    pub(super) early: &'a QrCodes,
    pub(super) own: &'a QrCodes,
}

impl Lookup<'_> {
    /// The drawing of the code for `url`, or `None` when it cannot be one.
    pub(super) fn drawing(&self, url: &str) -> Option<Drawing> {
        match self.early.code(url).or_else(|| self.own.code(url)) {
            Some(code) => code.as_ref().map(QrCode::drawing),
            None => crate::qr::encode(url).ok().as_ref().map(QrCode::drawing),
        }
    }
}
