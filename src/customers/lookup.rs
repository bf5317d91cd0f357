//! What a search of the customer list looks for: phone digits (anywhere in
//! the number), or the start of the name's words and of the e-mail.

use crate::orders::contact::digits_of;

/// Typed text that is a phone number: at least 3 digits, and digits at
/// least half of what is not a space ("06 98 45", "+33 6"; not "Rue 12").
pub fn looks_like_phone(text: &str, digits: &str) -> bool {
    digits.len() >= 3 && digits.len() * 2 >= text.chars().filter(|c| !c.is_whitespace()).count()
}

/// The runs of digits a phone search looks for anywhere in stored numbers:
/// the digits typed, and without their leading zeros (a national trunk
/// prefix "06 98…" or an international access code "0033 6…" is written
/// "+33 6 98…" in the stored number). Runs shorter than 3 digits are left
/// out (the index works on 3 digits and more).
pub fn phone_runs(digits: &str) -> Vec<String> {
    let mut runs = Vec::new();
    if digits.len() >= 3 {
        runs.push(digits.to_string());
    }
    let national = digits.trim_start_matches('0');
    if national.len() != digits.len() && national.len() >= 3 {
        runs.push(national.to_string());
    }
    runs
}

/// How a search of the customer list is run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lookup {
    /// No text: every customer.
    All,
    /// Phone digits: customers whose number holds any of the runs.
    Phone { runs: Vec<String> },
    /// Words: customers with a word of the name starting with each word
    /// typed, or whose e-mail starts with the text (lower case).
    Words { text: String, email: String },
    /// Text with an `@`: customers whose e-mail starts with it (lower case).
    Email { prefix: String },
}

impl Lookup {
    pub fn of(text: &str) -> Lookup {
        let t = text.trim();
        if t.is_empty() {
            return Lookup::All;
        }
        let digits = digits_of(t);
        if looks_like_phone(t, &digits) {
            return Lookup::Phone {
                runs: phone_runs(&digits),
            };
        }
        if t.contains('@') {
            return Lookup::Email {
                prefix: t.to_lowercase(),
            };
        }
        Lookup::Words {
            text: t.to_string(),
            email: t.to_lowercase(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones_in_any_formatting() {
        assert_eq!(
            Lookup::of(" 06 98 45 30 28 "),
            Lookup::Phone {
                runs: vec!["0698453028".into(), "698453028".into()]
            }
        );
        assert_eq!(
            Lookup::of("+33 (6) 98-45"),
            Lookup::Phone {
                runs: vec!["3369845".into()]
            }
        );
        assert_eq!(Lookup::of("  "), Lookup::All);
        assert!(matches!(Lookup::of("Rue 12"), Lookup::Words { .. }));
        assert_eq!(
            Lookup::of("Ada@X.org"),
            Lookup::Email {
                prefix: "ada@x.org".into()
            }
        );
        assert_eq!(phone_runs("0012"), vec!["0012".to_string()]);
    }
}
