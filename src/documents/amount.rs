//! Money as printed. Integer minor units only, never floats.
//!
//! `format_minor` is the one place documents turn minor units into text; it
//! is the core's formatter (`tillflow::money::format_minor`).

/// "1250", 2 → "12.50"; "-5", 2 → "-0.05"; "7", 0 → "7".
pub(crate) fn format_minor(minor: i64, exponent: u32) -> String {
    crate::money::format_minor(minor, exponent)
}

/// The printed symbol of a currency ("€" for EUR), or its code.
pub(crate) fn currency_symbol(code: &str) -> &str {
    match code {
        "EUR" => "€",
        "USD" | "CAD" | "AUD" | "NZD" => "$",
        "GBP" => "£",
        "JPY" => "¥",
        "CHF" => "CHF",
        other => other,
    }
}

/// An amount with its currency: "€12.50", "-€0.05", "CHF 3.00".
pub(crate) fn format_with_currency(minor: i64, exponent: u32, code: &str) -> String {
    let symbol = currency_symbol(code);
    let formatted = format_minor(minor, exponent);
    let (sign, number) = match formatted.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", formatted.as_str()),
    };
    if symbol.chars().count() == 1 {
        format!("{sign}{symbol}{number}")
    } else {
        format!("{sign}{symbol} {number}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_minor_units() {
        assert_eq!(format_minor(1250, 2), "12.50");
        assert_eq!(format_minor(5, 2), "0.05");
        assert_eq!(format_minor(-5, 2), "-0.05");
        assert_eq!(format_minor(0, 2), "0.00");
        assert_eq!(format_minor(7, 0), "7");
        assert_eq!(format_minor(-123456, 3), "-123.456");
        assert_eq!(format_minor(i64::MIN, 2), "-92233720368547758.08");
    }

    #[test]
    fn formats_with_currency() {
        assert_eq!(format_with_currency(1250, 2, "EUR"), "€12.50");
        assert_eq!(format_with_currency(-1250, 2, "EUR"), "-€12.50");
        assert_eq!(format_with_currency(300, 2, "CHF"), "CHF 3.00");
        assert_eq!(format_with_currency(300, 2, "SEK"), "SEK 3.00");
    }
}
