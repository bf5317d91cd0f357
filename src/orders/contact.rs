//! The rules of a customer's contact details, in one place: intake, CSV
//! import and any later customer screen check them here.

use std::ops::RangeInclusive;

/// Digits in a phone number: a short local number to a full international
/// one with its access code (E.164 allows 15; `00` and an extension fit).
pub const PHONE_DIGITS: RangeInclusive<usize> = 4..=20;
/// Characters of a phone number as written (digits, spaces, `+-().`).
pub const PHONE_MAX_CHARS: usize = 32;
/// The longest e-mail address (RFC 5321's path limit).
pub const EMAIL_MAX_CHARS: usize = 254;

/// The digits of a phone number as written ("+33 6 98" → "33698"): what
/// look-ups compare.
pub fn digits_of(phone: &str) -> String {
    phone.chars().filter(char::is_ascii_digit).collect()
}

/// What is wrong with a phone number, if anything.
pub fn phone_problem(phone: &str) -> Option<String> {
    if phone.chars().count() > PHONE_MAX_CHARS {
        return Some(format!("is longer than {PHONE_MAX_CHARS} characters"));
    }
    if !phone
        .chars()
        .all(|c| c.is_ascii_digit() || " +-().".contains(c))
    {
        return Some("only digits, spaces and + - ( ) . are allowed".into());
    }
    let digits = phone.chars().filter(char::is_ascii_digit).count();
    (!PHONE_DIGITS.contains(&digits)).then(|| {
        format!(
            "needs {} to {} digits",
            PHONE_DIGITS.start(),
            PHONE_DIGITS.end()
        )
    })
}

/// Digits of a full international number (E.164): at most 15, and at
/// least 8 so that a short local number is not taken for one.
pub const E164_DIGITS: RangeInclusive<usize> = 8..=15;

/// The number in E.164 form (`+33612345678`), what SMS gateways take:
/// written with `+` or `00` it is already international; otherwise it is a
/// national number of the country `country_code` ("33"), its trunk `0`
/// dropped ("06 12 34 56 78" → "+33612345678"). None when the number is
/// not valid or too short or long to be an international one. (The calling
/// code itself is checked with the SMS settings.)
pub fn e164(phone: &str, country_code: &str) -> Option<String> {
    let code = digits_of(country_code);
    if phone_problem(phone).is_some() || code.is_empty() || code.starts_with('0') {
        return None;
    }
    let digits = digits_of(phone);
    let full = if phone.trim_start().starts_with('+') {
        digits
    } else if let Some(rest) = digits.strip_prefix("00") {
        rest.to_string()
    } else {
        let national = digits.strip_prefix('0').unwrap_or(&digits);
        format!("{code}{national}")
    };
    (E164_DIGITS.contains(&full.len()) && !full.starts_with('0')).then(|| format!("+{full}"))
}

/// What is wrong with an e-mail address, if anything.
pub fn email_problem(email: &str) -> Option<String> {
    if email.chars().count() > EMAIL_MAX_CHARS {
        return Some(format!("is longer than {EMAIL_MAX_CHARS} characters"));
    }
    let ok = match email.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !email.chars().any(|c| c.is_whitespace() || c.is_control())
        }
        None => false,
    };
    (!ok).then(|| "is not an e-mail address".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones() {
        for ok in [
            "0612",
            "+33 6 12 34 56 78",
            "(020) 7946-0000",
            "0044 20 7946 0000 123",
        ] {
            assert_eq!(phone_problem(ok), None, "{ok}");
        }
        assert!(phone_problem("061").is_some());
        assert!(phone_problem("call me").is_some());
        assert!(phone_problem(&"1".repeat(21)).is_some());
        assert!(phone_problem(&"1".repeat(200_000)).is_some());
        assert!(phone_problem("0612\u{0}345").is_some());
    }

    #[test]
    fn international_numbers() {
        assert_eq!(
            e164("06 12 34 56 78", "33").as_deref(),
            Some("+33612345678")
        );
        assert_eq!(
            e164("+33 6 12 34 56 78", "49").as_deref(),
            Some("+33612345678")
        );
        assert_eq!(
            e164("0044 20 7946 0000", "33").as_deref(),
            Some("+442079460000")
        );
        assert_eq!(
            e164("(415) 555-0134", "+1").as_deref(),
            Some("+14155550134")
        );
        assert_eq!(e164("0612", "33"), None, "too short");
        assert_eq!(
            e164("+1234567890123456", "33"),
            None,
            "longer than 15 digits"
        );
        assert_eq!(e164("call me", "33"), None);
        assert_eq!(
            e164("0612345678", "0033"),
            None,
            "a calling code, not a prefix"
        );
        assert_eq!(e164("0612345678", ""), None);
    }

    #[test]
    fn emails() {
        assert_eq!(email_problem("grace@navy.mil"), None);
        for bad in [
            "grace",
            "grace@navy",
            "@navy.mil",
            "a@b@c.de",
            "a b@c.de",
            "a@.de",
            "a@c.de.",
        ] {
            assert!(email_problem(bad).is_some(), "{bad}");
        }
        let long = format!("{}@example.com", "a".repeat(250));
        assert!(email_problem(&long).is_some());
    }
}
