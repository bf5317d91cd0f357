//! How invoice and credit-note numbers read: a format from the settings
//! (`INV-{yyyy}-{seq:6}` → `INV-2026-000123`). The sequence itself is the
//! storage's (gap-free, taken in the transaction that issues the document);
//! this only checks a format and writes a number with it.
//!
//! Placeholders: `{seq}` or `{seq:N}` (the sequence, zero-padded to N
//! digits, 1 to 12; required once), `{yyyy}`, `{yy}`, `{mm}` (the issue
//! date in the shop's time zone). Around them: letters, digits and `-`,
//! `/`, `_`, `.`.

use chrono::{Datelike, NaiveDate};

/// The longest format and the longest number it may write.
pub const MAX_NUMBER_CHARS: usize = 32;

/// One piece of a number format.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    Text(String),
    Seq(usize),
    Year4,
    Year2,
    Month,
}

/// A checked number format.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NumberFormat {
    pieces: Vec<Piece>,
}

fn literal_ok(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '/' | '_' | '.')
}

impl NumberFormat {
    /// Parses `text`; the error says what is wrong in words.
    pub fn parse(text: &str) -> Result<NumberFormat, String> {
        if text.is_empty() || text.chars().count() > MAX_NUMBER_CHARS {
            return Err(format!("1 to {MAX_NUMBER_CHARS} characters"));
        }
        let mut pieces = Vec::new();
        let mut rest = text;
        while !rest.is_empty() {
            if let Some(after) = rest.strip_prefix('{') {
                let end = after
                    .find('}')
                    .ok_or_else(|| format!("'{{' without '}}' in '{text}'"))?;
                pieces.push(placeholder(&after[..end])?);
                rest = &after[end + 1..];
            } else {
                let end = rest.find('{').unwrap_or(rest.len());
                let lit = &rest[..end];
                if let Some(c) = lit.chars().find(|c| !literal_ok(*c)) {
                    return Err(format!(
                        "'{c}' is not allowed: use letters, digits, '-', '/', '_', '.' and the placeholders {{seq:N}}, {{yyyy}}, {{yy}}, {{mm}}"
                    ));
                }
                pieces.push(Piece::Text(lit.to_string()));
                rest = &rest[end..];
            }
        }
        match pieces.iter().filter(|p| matches!(p, Piece::Seq(_))).count() {
            1 => Ok(NumberFormat { pieces }),
            0 => Err("the format needs the sequence: {seq} or {seq:6}".to_string()),
            _ => Err("the sequence {seq} may appear only once".to_string()),
        }
    }

    /// The number of sequence `seq` issued on `day` (the shop's local day).
    pub fn number(&self, seq: i64, day: NaiveDate) -> String {
        let mut out = String::new();
        for p in &self.pieces {
            match p {
                Piece::Text(t) => out.push_str(t),
                Piece::Seq(width) => out.push_str(&format!("{seq:0width$}")),
                Piece::Year4 => out.push_str(&format!("{:04}", day.year())),
                Piece::Year2 => out.push_str(&format!("{:02}", day.year().rem_euclid(100))),
                Piece::Month => out.push_str(&format!("{:02}", day.month())),
            }
        }
        out
    }

    /// The text before the first placeholder.
    fn prefix(&self) -> &str {
        match self.pieces.first() {
            Some(Piece::Text(t)) => t,
            _ => "",
        }
    }

    /// Whether a number of this format could equal one of `other`'s:
    /// placeholders write digits only, so two formats are told apart when
    /// their leading texts differ somewhere other than by digits.
    pub fn may_collide(&self, other: &NumberFormat) -> bool {
        let (a, b) = (self.prefix(), other.prefix());
        let (long, short) = if a.len() >= b.len() { (a, b) } else { (b, a) };
        long.starts_with(short) && long[short.len()..].chars().all(|c| c.is_ascii_digit())
    }
}

fn placeholder(name: &str) -> Result<Piece, String> {
    match name {
        "yyyy" => Ok(Piece::Year4),
        "yy" => Ok(Piece::Year2),
        "mm" => Ok(Piece::Month),
        "seq" => Ok(Piece::Seq(1)),
        _ => {
            let width = name
                .strip_prefix("seq:")
                .and_then(|w| w.parse::<usize>().ok())
                .filter(|w| (1..=12).contains(w));
            width.map(Piece::Seq).ok_or_else(|| {
                format!("unknown placeholder {{{name}}}: use {{seq}}, {{seq:N}} (N 1 to 12), {{yyyy}}, {{yy}} or {{mm}}")
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, 9).expect("date")
    }

    #[test]
    fn writes_the_documented_example() {
        let f = NumberFormat::parse("INV-{yyyy}-{seq:6}").expect("format");
        assert_eq!(f.number(123, day()), "INV-2026-000123");
        let f = NumberFormat::parse("CN{yy}{mm}/{seq}").expect("format");
        assert_eq!(f.number(7, day()), "CN2603/7");
        // A sequence longer than its width is written whole, never cut.
        let f = NumberFormat::parse("A{seq:2}").expect("format");
        assert_eq!(f.number(12345, day()), "A12345");
    }

    #[test]
    fn refuses_formats_that_cannot_number() {
        for bad in [
            "",
            "INV-{yyyy}",
            "{seq}{seq}",
            "INV {seq}",
            "INV-{seq:0}",
            "INV-{seq:13}",
            "INV-{day}-{seq}",
            "INV-{seq",
            "ÄB-{seq}",
            "INV-000000000000000000000000-{seq}",
        ] {
            assert!(NumberFormat::parse(bad).is_err(), "{bad} was accepted");
        }
    }

    #[test]
    fn formats_whose_numbers_may_meet_are_told() {
        let p = |t: &str| NumberFormat::parse(t).expect("format");
        assert!(p("INV-{seq}").may_collide(&p("INV-{seq:6}")));
        assert!(p("{seq}").may_collide(&p("{yyyy}{seq}")));
        assert!(p("INV-2{seq}").may_collide(&p("INV-{seq}")));
        assert!(!p("INV-{seq}").may_collide(&p("CN-{seq}")));
        assert!(!p("INV-{seq}").may_collide(&p("INV-C{seq}")));
    }
}
