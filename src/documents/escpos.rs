//! The receipt as ESC/POS bytes for thermal printers, from the same rows as
//! the PDF receipt. Hand-written commands (a small, well-known subset):
//! `ESC @` init, `ESC t 19` code page PC858 (Latin-1 letters and €),
//! `ESC a` alignment, `ESC E` bold, `GS !` double size, `GS ( k` QR code,
//! `GS k` CODE128 barcode (with `GS H`/`GS h`/`GS w`), `ESC 3` line
//! spacing, `ESC J` feed, `GS V` cut and `ESC p` cash-drawer kick. Job
//! tickets and tags are in [`super::escpos_labels`].

use super::model::{DocumentModel, DocumentSettings};
use super::receipt::{receipt_rows, Row};
use super::DocumentError;

/// `ESC p 0 25 250`: pulse drawer pin 2 for 50 ms, then wait 500 ms.
pub const DRAWER_KICK: [u8; 5] = [0x1B, 0x70, 0x00, 0x19, 0xFA];

const ESC: u8 = 0x1B;
const GS: u8 = 0x1D;
const LF: u8 = 0x0A;

/// Render the receipt of `model` as ESC/POS bytes for `settings.receipt_width`
/// paper. Ends with a feed and cut, then — when `drawer_kick_on_cash` is set and
/// the order has a cash payment — the cash-drawer kick.
pub fn render_receipt_escpos(
    model: &DocumentModel,
    settings: &DocumentSettings,
) -> Result<Vec<u8>, DocumentError> {
    let columns = settings.receipt_width.escpos_columns();
    let mut out = EscPos::new();
    out.rows(receipt_rows(model, settings), columns, None)?;
    out.cut();
    if settings.drawer_kick_on_cash && model.has_cash_payment() {
        out.bytes.extend_from_slice(&DRAWER_KICK);
    }
    Ok(out.bytes)
}

/// `rows` as ESC/POS bytes on paper of `columns` characters (the till
/// report prints through it too), ending with a feed and cut.
pub(crate) fn rows_escpos(rows: Vec<Row>, columns: usize) -> Result<Vec<u8>, DocumentError> {
    let mut out = EscPos::new();
    out.rows(rows, columns, None)?;
    out.cut();
    Ok(out.bytes)
}

/// ESC/POS bytes being written.
pub(super) struct EscPos {
    pub(super) bytes: Vec<u8>,
}

impl EscPos {
    pub(super) fn new() -> Self {
        let mut bytes = Vec::with_capacity(2048);
        bytes.extend_from_slice(&[ESC, b'@', ESC, b't', 19]);
        EscPos { bytes }
    }

    /// Print `rows` on `columns` characters a line. The order's code is a QR
    /// code, or — with `barcode_dots` (the printable dots across) — a
    /// CODE128 barcode where it fits.
    pub(super) fn rows(
        &mut self,
        rows: Vec<Row>,
        columns: usize,
        barcode_dots: Option<usize>,
    ) -> Result<(), DocumentError> {
        for row in rows {
            match row {
                Row::Center { text, bold, big } => {
                    self.align(1);
                    self.style(bold, big);
                    let cols = if big { columns / 2 } else { columns };
                    for part in wrap_chars(&text, cols) {
                        self.line(&part);
                    }
                    self.style(false, false);
                    self.align(0);
                }
                Row::Pair {
                    left,
                    right,
                    bold,
                    big,
                } => {
                    self.style(bold, big);
                    let cols = if big { columns / 2 } else { columns };
                    self.line(&pair(&left, &right, cols));
                    self.style(false, false);
                }
                Row::Text { text, indent } => {
                    let prefix = if indent { "  " } else { "" };
                    for part in wrap_chars(&text, columns - prefix.len()) {
                        self.line(&format!("{prefix}{part}"));
                    }
                }
                Row::Rule => self.line(&"-".repeat(columns)),
                Row::Qr(text) => {
                    self.align(1);
                    match barcode_dots {
                        Some(dots) if self.code128(&text, 80, dots) => {}
                        _ => self.qr(&text)?,
                    }
                    self.align(0);
                }
            }
        }
        Ok(())
    }

    pub(super) fn align(&mut self, n: u8) {
        self.bytes.extend_from_slice(&[ESC, b'a', n]);
    }

    pub(super) fn style(&mut self, bold: bool, big: bool) {
        self.bytes.extend_from_slice(&[ESC, b'E', u8::from(bold)]);
        self.bytes
            .extend_from_slice(&[GS, b'!', if big { 0x11 } else { 0x00 }]);
    }

    pub(super) fn line(&mut self, text: &str) {
        for c in text.chars() {
            match fallback(c) {
                Some(ascii) => self.bytes.extend_from_slice(ascii.as_bytes()),
                None => self.bytes.push(encode_pc858(c)),
            }
        }
        self.bytes.push(LF);
    }

    /// `GS ( k`: model 2, module size 6, error correction M, store, print.
    pub(super) fn qr(&mut self, text: &str) -> Result<(), DocumentError> {
        let data = text.as_bytes();
        let len = u16::try_from(data.len() + 3)
            .map_err(|_| DocumentError::Code("QR data too long".to_string()))?;
        let [pl, ph] = len.to_le_bytes();
        self.bytes
            .extend_from_slice(&[GS, b'(', b'k', 4, 0, 49, 65, 50, 0]);
        self.bytes
            .extend_from_slice(&[GS, b'(', b'k', 3, 0, 49, 67, 6]);
        self.bytes
            .extend_from_slice(&[GS, b'(', b'k', 3, 0, 49, 69, 49]);
        self.bytes
            .extend_from_slice(&[GS, b'(', b'k', pl, ph, 49, 80, 48]);
        self.bytes.extend_from_slice(data);
        self.bytes
            .extend_from_slice(&[GS, b'(', b'k', 3, 0, 49, 81, 48]);
        self.bytes.push(LF);
        Ok(())
    }

    /// `GS k 73`: `text` as a CODE128 barcode (code set B), `height` dots
    /// tall, its text printed below (`GS H 2`), modules as wide as fit in
    /// `dots` (at most 3). False, and nothing written, when `text` is not
    /// printable ASCII or does not fit even with 1-dot modules: the caller
    /// prints a QR code instead.
    pub(super) fn code128(&mut self, text: &str, height: u8, dots: usize) -> bool {
        if text.is_empty() || !text.chars().all(|c| c.is_ascii() && !c.is_ascii_control()) {
            return false;
        }
        // Start, data, check and stop symbols, and a 10-module quiet zone each side.
        let modules = 11 * (text.len() + 2) + 13 + 20;
        let width = (dots / modules).min(3);
        let mut data = b"{B".to_vec();
        for b in text.bytes() {
            data.push(b);
            if b == b'{' {
                data.push(b'{');
            }
        }
        let Ok(n) = u8::try_from(data.len()) else {
            return false;
        };
        if width == 0 {
            return false;
        }
        self.bytes.extend_from_slice(&[GS, b'H', 2, GS, b'f', 0]);
        self.bytes.extend_from_slice(&[GS, b'h', height.max(1)]);
        self.bytes.extend_from_slice(&[GS, b'w', width as u8]);
        self.bytes.extend_from_slice(&[GS, b'k', 73, n]);
        self.bytes.extend_from_slice(&data);
        true
    }

    /// `ESC 3 n`: line spacing of `n` dots.
    pub(super) fn line_spacing(&mut self, n: u8) {
        self.bytes.extend_from_slice(&[ESC, b'3', n]);
    }

    /// `ESC J n`: feed `dots` (in steps of at most 255).
    pub(super) fn feed_dots(&mut self, mut dots: usize) {
        while dots > 0 {
            let step = dots.min(255);
            self.bytes.extend_from_slice(&[ESC, b'J', step as u8]);
            dots -= step;
        }
    }

    /// Feed 3 lines and cut (`GS V 66 3`).
    pub(super) fn cut(&mut self) {
        self.bytes.extend_from_slice(&[GS, b'V', 66, 3]);
    }
}

/// Left text and right text on one line of `cols` characters; the left side is
/// cut when both don't fit.
pub(super) fn pair(left: &str, right: &str, cols: usize) -> String {
    let right_len = right.chars().count();
    let room = cols.saturating_sub(right_len + 1);
    let left: String = left.chars().take(room).collect();
    let gap = cols.saturating_sub(left.chars().count() + right_len).max(1);
    format!("{left}{}{right}", " ".repeat(gap))
}

/// Word-wrap by character count.
pub(super) fn wrap_chars(text: &str, cols: usize) -> Vec<String> {
    let cols = cols.max(1);
    let mut lines = Vec::new();
    let mut current = String::new();
    for word in text.split_whitespace() {
        let mut word: String = word.to_string();
        while word.chars().count() > cols {
            if !current.is_empty() {
                lines.push(std::mem::take(&mut current));
            }
            let head: String = word.chars().take(cols).collect();
            word = word.chars().skip(cols).collect();
            lines.push(head);
        }
        let needed =
            current.chars().count() + usize::from(!current.is_empty()) + word.chars().count();
        if needed > cols && !current.is_empty() {
            lines.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(&word);
    }
    if !current.is_empty() || lines.is_empty() {
        lines.push(current);
    }
    lines
}

/// Code page 858 (850 with € at 0xD5), bytes 0x80..=0xFF. `\0` marks box-drawing
/// cells we never print.
const PC858_HIGH: [char; 128] = [
    'Ç', 'ü', 'é', 'â', 'ä', 'à', 'å', 'ç', 'ê', 'ë', 'è', 'ï', 'î', 'ì', 'Ä', 'Å', //
    'É', 'æ', 'Æ', 'ô', 'ö', 'ò', 'û', 'ù', 'ÿ', 'Ö', 'Ü', 'ø', '£', 'Ø', '×', 'ƒ', //
    'á', 'í', 'ó', 'ú', 'ñ', 'Ñ', 'ª', 'º', '¿', '®', '¬', '½', '¼', '¡', '«', '»', //
    '\0', '\0', '\0', '\0', '\0', 'Á', 'Â', 'À', '©', '\0', '\0', '\0', '\0', '¢', '¥',
    '\0', //
    '\0', '\0', '\0', '\0', '\0', '\0', 'ã', 'Ã', '\0', '\0', '\0', '\0', '\0', '\0', '\0',
    '¤', //
    'ð', 'Ð', 'Ê', 'Ë', 'È', '€', 'Í', 'Î', 'Ï', '\0', '\0', '\0', '\0', '¦', 'Ì', '\0', //
    'Ó', 'ß', 'Ô', 'Ò', 'õ', 'Õ', 'µ', 'þ', 'Þ', 'Ú', 'Û', 'Ù', 'ý', 'Ý', '¯', '´', //
    '\u{AD}', '±', '‗', '¾', '¶', '§', '÷', '¸', '°', '¨', '·', '¹', '³', '²', '■',
    '\u{A0}', //
];

/// ASCII stand-ins for typographic characters code page 858 lacks.
fn fallback(c: char) -> Option<&'static str> {
    Some(match c {
        '–' | '—' | '‐' | '−' => "-",
        '‘' | '’' | '‚' => "'",
        '“' | '”' | '„' => "\"",
        '…' => "...",
        '•' => "*",
        '\u{2009}' | '\u{202F}' => " ",
        _ => return None,
    })
}

/// The PC858 byte of `c`; `?` when the code page has no such character.
fn encode_pc858(c: char) -> u8 {
    if c.is_ascii() && !c.is_ascii_control() {
        return c as u8;
    }
    match PC858_HIGH.iter().position(|&p| p == c && p != '\0') {
        Some(i) => 0x80 + i as u8,
        None => b'?',
    }
}

/// The character of a PC858 byte (for tests and diagnostics).
pub fn decode_pc858(byte: u8) -> char {
    if byte == 0x7F {
        return '?';
    }
    if byte < 0x80 {
        return byte as char;
    }
    match PC858_HIGH[usize::from(byte - 0x80)] {
        '\0' => '?',
        c => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_euro_and_accents() {
        assert_eq!(encode_pc858('€'), 0xD5);
        assert_eq!(encode_pc858('é'), 0x82);
        assert_eq!(encode_pc858('A'), b'A');
        assert_eq!(encode_pc858('漢'), b'?');
        for b in 0x20..=0xFFu8 {
            let c = decode_pc858(b);
            if c != '?' {
                assert_eq!(encode_pc858(c), b, "byte {b:#x}");
            }
        }
    }

    #[test]
    fn pairs_fill_the_line() {
        assert_eq!(pair("Tea", "2.50", 12), "Tea     2.50");
        assert_eq!(pair("A very long name", "2.50", 12), "A very  2.50");
    }

    #[test]
    fn wraps_by_characters() {
        assert_eq!(wrap_chars("aa bb cc", 5), vec!["aa bb", "cc"]);
        assert_eq!(wrap_chars("abcdefgh", 3), vec!["abc", "def", "gh"]);
    }
}
