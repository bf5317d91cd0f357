//! The limits of what the core takes, in one place (docs/limits.md lists
//! them): how long each kind of text may be, which characters it may hold,
//! and how many lines and payments an order may have. Amounts and
//! quantities are bounded in [`crate::money`]; phone numbers and e-mail
//! addresses in `orders::contact`.

use crate::error::{Error, Result};

/// A name: a customer, an order line, a modifier, a catalogue item, a shop.
pub const NAME_CHARS: usize = 200;
/// A short code or reference: a SKU, a payment reference, a carrier,
/// a tracking number, a delivery method, an actor.
pub const CODE_CHARS: usize = 100;
/// A one-line answer of a wizard's text field.
pub const TEXT_CHARS: usize = 500;
/// A note, an address, a long-text answer, a reason, any settings text.
pub const NOTE_CHARS: usize = 4000;
/// Lines in one order (far below what one SQL statement can carry).
pub const MAX_LINES: usize = 1000;
/// Modifiers on one line.
pub const MAX_MODIFIERS: usize = 50;
/// Payments taken with one order at intake.
pub const MAX_PAYMENTS: usize = 100;

/// Whether a text may span lines: notes and addresses may hold line breaks
/// and tabs; names and codes may not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lines {
    One,
    Many,
}

/// Checks `text` (of `field`): at most `max` characters and no control
/// character (NUL, escape, bell…; line breaks and tabs only in
/// [`Lines::Many`] text).
pub fn check_text(text: &str, field: &str, max: usize, lines: Lines) -> Result<()> {
    // Bytes bound characters from above: most text is checked in O(1).
    if text.len() > max && text.chars().count() > max {
        return Err(Error::invalid(
            field,
            format!("is longer than {max} characters ({})", text.chars().count()),
        ));
    }
    let allowed = |c: char| lines == Lines::Many && matches!(c, '\n' | '\r' | '\t');
    if let Some(c) = text.chars().find(|&c| c.is_control() && !allowed(c)) {
        return Err(Error::invalid(
            field,
            format!("holds a control character (U+{:04X})", c as u32),
        ));
    }
    Ok(())
}

/// [`check_text`] of an optional text.
pub fn check_opt(text: Option<&str>, field: &str, max: usize, lines: Lines) -> Result<()> {
    text.map_or(Ok(()), |t| check_text(t, field, max, lines))
}

/// Checks that a list of `count` items holds at most `max`.
pub fn check_count(count: usize, field: &str, max: usize, what: &str) -> Result<()> {
    if count > max {
        return Err(Error::invalid(
            field,
            format!("{count} {what}: at most {max}"),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_rules() {
        assert!(check_text("Ada Lovelace", "name", NAME_CHARS, Lines::One).is_ok());
        assert!(check_text(&"é".repeat(200), "name", NAME_CHARS, Lines::One).is_ok());
        assert!(check_text(&"é".repeat(201), "name", NAME_CHARS, Lines::One).is_err());
        assert!(check_text("a\nb", "name", NAME_CHARS, Lines::One).is_err());
        assert!(check_text("a\nb\tc\r\n", "note", NOTE_CHARS, Lines::Many).is_ok());
        for bad in ["a\u{0}", "\u{1b}[31m", "\u{7}", "\u{7f}", "\u{85}"] {
            let e = check_text(bad, "note", NOTE_CHARS, Lines::Many).unwrap_err();
            assert!(e.to_string().starts_with("note: holds a control"), "{e}");
        }
        assert!(check_count(1001, "lines", MAX_LINES, "lines").is_err());
        assert!(check_count(1000, "lines", MAX_LINES, "lines").is_ok());
    }
}
