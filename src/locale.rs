//! The shop's locale: how amounts and dates read, on screen and on paper.
//!
//! One table ([`LOCALES`]) says, per supported locale, which characters
//! separate thousands and decimals, where the currency symbol goes and in
//! which order a date is written. One formatter ([`ShopFormat`]) applies it:
//! documents, messages and the CLI call its methods, and the screens receive
//! it as data (`shop_rules`) and only apply it, so the two never disagree.
//!
//! The table holds the CLDR values (Unicode Common Locale Data Repository,
//! v45) of the supported locales, written out by hand: a dozen rows do not
//! justify ICU4X's data crates (minutes of compile time on a small machine)
//! and `num-format` knows grouping only, not currency placement or dates.
//! Dates are numeric with four-digit years (CLDR's `yMd` skeleton:
//! 31/12/2026, 12/31/2026, 31.12.2026, 2026-12-31), so no month names are
//! needed. Money is integer minor units; formatting never goes through a
//! float (see [`crate::money::format_minor`]).

use chrono::{DateTime, Datelike, NaiveDate, Timelike, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// No-break space (U+00A0): between an amount and a symbol written after it.
const NBSP: char = '\u{A0}';
/// Narrow no-break space (U+202F): French thousands separator.
const NNBSP: char = '\u{202F}';

/// Where the currency symbol goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Symbol {
    /// `€1,234.50`, `-€1,234.50` (a symbol of letters gets a space: `CHF 3.00`).
    Before,
    /// `€ 1.234,50`, `€ -1.234,50` (nl-NL: the sign after the symbol).
    BeforeSpacedSignInside,
    /// `R$ 1.234,50`, `-R$ 1.234,50`.
    BeforeSpaced,
    /// `1 234,50 €`, `-1 234,50 €`.
    After,
}

/// One supported locale: its BCP 47 tag and how it writes numbers and dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Locale {
    /// BCP 47 tag as stored in `shop.locale` (`fr-FR`).
    pub tag: &'static str,
    /// The name the chooser shows, in the locale's own language.
    pub name: &'static str,
    decimal: char,
    group: char,
    /// Digits the whole part needs before it is grouped at all beyond 3
    /// (CLDR `minimumGroupingDigits`: 2 in Spanish, so 1234 but 12.345).
    min_grouping: u32,
    symbol: Symbol,
    /// `dd`, `MM`, `yyyy` and the separators between them.
    date: &'static str,
    /// `HH:mm` (24 h) or `h:mm a` (12 h with the markers below).
    time: &'static str,
    am: &'static str,
    pm: &'static str,
}

/// Every locale a shop can choose, in the order the chooser lists them.
#[rustfmt::skip]
pub const LOCALES: &[Locale] = &[
    row("en-US", "English (United States)", '.', ',', 1, Symbol::Before, "MM/dd/yyyy", "h:mm a", "AM", "PM"),
    row("en-GB", "English (United Kingdom)", '.', ',', 1, Symbol::Before, "dd/MM/yyyy", "HH:mm", "", ""),
    row("en-CA", "English (Canada)", '.', ',', 1, Symbol::Before, "yyyy-MM-dd", "h:mm a", "a.m.", "p.m."),
    row("en-AU", "English (Australia)", '.', ',', 1, Symbol::Before, "dd/MM/yyyy", "h:mm a", "am", "pm"),
    row("fr-FR", "Français (France)", ',', NNBSP, 1, Symbol::After, "dd/MM/yyyy", "HH:mm", "", ""),
    row("fr-CA", "Français (Canada)", ',', NBSP, 1, Symbol::After, "yyyy-MM-dd", "HH:mm", "", ""),
    row("de-DE", "Deutsch (Deutschland)", ',', '.', 1, Symbol::After, "dd.MM.yyyy", "HH:mm", "", ""),
    row("nl-NL", "Nederlands (Nederland)", ',', '.', 1, Symbol::BeforeSpacedSignInside, "dd-MM-yyyy", "HH:mm", "", ""),
    row("es-ES", "Español (España)", ',', '.', 2, Symbol::After, "dd/MM/yyyy", "H:mm", "", ""),
    row("it-IT", "Italiano (Italia)", ',', '.', 1, Symbol::After, "dd/MM/yyyy", "HH:mm", "", ""),
    row("pt-BR", "Português (Brasil)", ',', '.', 1, Symbol::BeforeSpaced, "dd/MM/yyyy", "HH:mm", "", ""),
];

#[allow(clippy::too_many_arguments)]
const fn row(
    tag: &'static str,
    name: &'static str,
    decimal: char,
    group: char,
    min_grouping: u32,
    symbol: Symbol,
    date: &'static str,
    time: &'static str,
    am: &'static str,
    pm: &'static str,
) -> Locale {
    Locale {
        tag,
        name,
        decimal,
        group,
        min_grouping,
        symbol,
        date,
        time,
        am,
        pm,
    }
}

/// The locale of a shop that never chose one (`shop.locale` absent, e.g. a
/// settings file from before it existed): the one its time zone suggests,
/// else the one its currency suggests, else `en-US`.
const BY_ZONE: &[(&str, &str)] = &[
    ("Europe/Paris", "fr-FR"),
    ("Europe/Monaco", "fr-FR"),
    ("Europe/Berlin", "de-DE"),
    ("Europe/Vienna", "de-DE"),
    ("Europe/Amsterdam", "nl-NL"),
    ("Europe/Madrid", "es-ES"),
    ("Europe/Rome", "it-IT"),
    ("Europe/London", "en-GB"),
    ("Europe/Dublin", "en-GB"),
    ("America/Montreal", "fr-CA"),
    ("America/Toronto", "en-CA"),
    ("America/Vancouver", "en-CA"),
    ("America/Sao_Paulo", "pt-BR"),
];
const BY_CURRENCY: &[(&str, &str)] = &[
    ("USD", "en-US"),
    ("GBP", "en-GB"),
    ("CAD", "en-CA"),
    ("AUD", "en-AU"),
    ("BRL", "pt-BR"),
    ("EUR", "en-GB"),
];

impl Locale {
    /// The supported locale `tag` names (case of the tag ignored, `_` taken
    /// for `-`), or an error naming `shop.locale` and listing the choices.
    pub fn find(tag: &str) -> Result<&'static Locale> {
        let wanted = tag.trim().replace('_', "-");
        LOCALES
            .iter()
            .find(|l| l.tag.eq_ignore_ascii_case(&wanted))
            .ok_or_else(|| {
                let known: Vec<&str> = LOCALES.iter().map(|l| l.tag).collect();
                Error::invalid(
                    "shop.locale",
                    format!(
                        "'{}' is not a supported locale (one of {})",
                        tag.trim(),
                        known.join(", ")
                    ),
                )
            })
    }

    /// The locale for a shop without one: by its time zone, then by its
    /// currency, then `en-US`.
    pub fn suggested(time_zone: Option<&str>, currency: &str) -> &'static Locale {
        let by_zone = time_zone.and_then(|z| BY_ZONE.iter().find(|(zone, _)| *zone == z.trim()));
        let by_currency = BY_CURRENCY
            .iter()
            .find(|(code, _)| code.eq_ignore_ascii_case(currency.trim()));
        by_zone
            .or(by_currency)
            .and_then(|(_, tag)| LOCALES.iter().find(|l| l.tag == *tag))
            .unwrap_or(&LOCALES[0])
    }
}

/// The printed symbol of a currency (`€` for EUR, `R$` for BRL), or its
/// ISO code when it has no symbol everyone reads the same way.
pub fn currency_symbol(code: &str) -> &str {
    match code {
        "EUR" => "€",
        "USD" | "CAD" | "AUD" | "NZD" => "$",
        "GBP" => "£",
        "JPY" => "¥",
        "BRL" => "R$",
        other => other,
    }
}

/// The shop's format: a locale's rules resolved for the shop's currency and
/// time zone. The core formats with its methods; screens receive it as data
/// (`shop_rules().format`) and apply the same patterns (ui/src/lib/format.ts):
/// `#` in `money` stands for the grouped absolute amount; dates and times
/// use `yyyy`, `MM`, `dd`, `HH`, `H`, `h`, `mm` and `a` (the am/pm marker).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ShopFormat {
    /// BCP 47 tag of the locale (`fr-FR`).
    pub locale: String,
    /// Decimal separator (`,`).
    pub decimal: String,
    /// Thousands separator (`.`, `,`, U+202F…).
    pub group: String,
    /// Digits the whole part must have before it is grouped (4, or 5 in Spanish).
    pub group_from_digits: u32,
    /// Minor-unit digits of the currency (2 for EUR, 0 for JPY).
    pub exponent: u32,
    /// A positive amount: `# €`, `€#`, `R$ #`.
    pub money: String,
    /// A negative amount: `-# €`, `-€#`, `€ -#`.
    pub money_negative: String,
    /// A date: `dd/MM/yyyy`, `MM/dd/yyyy`, `dd.MM.yyyy`, `yyyy-MM-dd`.
    pub date: String,
    /// A time of day: `HH:mm`, `h:mm a`.
    pub time: String,
    pub am: String,
    pub pm: String,
    /// IANA zone dates and times are shown in (the shop's).
    pub time_zone: String,
    /// An amount of 1234.50 and the date 31 December 2026, as this format
    /// writes them (`1 234,50 € · 31/12/2026`), for the locale chooser.
    pub example: String,
}

impl ShopFormat {
    /// `locale`'s rules for amounts in `currency` (ISO code, minor-unit
    /// `exponent`) and dates in `time_zone`.
    pub fn new(locale: &Locale, currency: &str, exponent: u32, time_zone: Tz) -> ShopFormat {
        let symbol = currency_symbol(currency);
        // A symbol of letters (CHF, SEK) never touches the digits.
        let letters = symbol.chars().all(|c| c.is_ascii_alphabetic());
        let (money, money_negative) = match locale.symbol {
            Symbol::Before if letters => (format!("{symbol}{NBSP}#"), format!("-{symbol}{NBSP}#")),
            Symbol::Before => (format!("{symbol}#"), format!("-{symbol}#")),
            Symbol::BeforeSpaced => (format!("{symbol}{NBSP}#"), format!("-{symbol}{NBSP}#")),
            Symbol::BeforeSpacedSignInside => {
                (format!("{symbol}{NBSP}#"), format!("{symbol}{NBSP}-#"))
            }
            Symbol::After => (format!("#{NBSP}{symbol}"), format!("-#{NBSP}{symbol}")),
        };
        let mut format = ShopFormat {
            locale: locale.tag.to_string(),
            decimal: locale.decimal.to_string(),
            group: locale.group.to_string(),
            group_from_digits: 3 + locale.min_grouping,
            exponent,
            money,
            money_negative,
            date: locale.date.to_string(),
            time: locale.time.to_string(),
            am: locale.am.to_string(),
            pm: locale.pm.to_string(),
            time_zone: time_zone.name().to_string(),
            example: String::new(),
        };
        let example_amount = 123_450i64
            .checked_mul(10i64.pow(exponent.min(6)))
            .map_or(0, |m| m / 100);
        let example_day = NaiveDate::from_ymd_opt(2026, 12, 31).unwrap_or_default();
        format.example = format!(
            "{} · {}",
            format.money(example_amount),
            format.date(example_day)
        );
        format
    }

    /// An amount in minor units without its symbol, grouped: `1 234,50`,
    /// `-1,234.50` (for columns under a currency heading).
    pub fn number(&self, minor: i64) -> String {
        let plain = crate::money::format_minor(minor, self.exponent);
        let (negative, digits) = match plain.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, plain.as_str()),
        };
        let grouped = self.grouped(digits);
        if negative {
            format!("-{grouped}")
        } else {
            grouped
        }
    }

    /// An amount in minor units with the currency: `1 234,50 €`, `-€12.50`.
    pub fn money(&self, minor: i64) -> String {
        let plain = crate::money::format_minor(minor, self.exponent);
        let (pattern, digits) = match plain.strip_prefix('-') {
            Some(rest) => (&self.money_negative, rest),
            None => (&self.money, plain.as_str()),
        };
        pattern.replace('#', &self.grouped(digits))
    }

    /// "1234.50" (plain, unsigned) with this locale's separators.
    fn grouped(&self, digits: &str) -> String {
        let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
        let mut out = String::new();
        let group = whole.len() >= self.group_from_digits as usize;
        for (i, c) in whole.chars().enumerate() {
            if group && i > 0 && (whole.len() - i).is_multiple_of(3) {
                out.push_str(&self.group);
            }
            out.push(c);
        }
        if !fraction.is_empty() {
            out.push_str(&self.decimal);
            out.push_str(fraction);
        }
        out
    }

    /// A calendar day: `31/12/2026`, `12/31/2026`, `31.12.2026`.
    pub fn date(&self, day: NaiveDate) -> String {
        fill(&self.date, &Parts::of_day(day), self)
    }

    /// An instant as the shop's wall clock shows it, in its time zone:
    /// `25/11/2026 15:03`, `11/25/2026 3:03 PM`.
    pub fn date_time(&self, at: DateTime<Utc>) -> String {
        let parts = Parts::of_instant(at, self.zone());
        format!(
            "{} {}",
            fill(&self.date, &parts, self),
            fill(&self.time, &parts, self)
        )
    }

    /// The day an instant falls on in the shop's zone, as [`ShopFormat::date`].
    pub fn day_of(&self, at: DateTime<Utc>) -> String {
        fill(&self.date, &Parts::of_instant(at, self.zone()), self)
    }

    fn zone(&self) -> Tz {
        self.time_zone.parse::<Tz>().unwrap_or(Tz::UTC)
    }
}

/// The fields of a date and time that patterns print.
struct Parts {
    year: i32,
    month: u32,
    day: u32,
    hour: u32,
    minute: u32,
}

impl Parts {
    fn of_day(day: NaiveDate) -> Parts {
        Parts {
            year: day.year(),
            month: day.month(),
            day: day.day(),
            hour: 0,
            minute: 0,
        }
    }

    fn of_instant(at: DateTime<Utc>, tz: Tz) -> Parts {
        let local = at.with_timezone(&tz);
        Parts {
            hour: local.hour(),
            minute: local.minute(),
            ..Parts::of_day(local.date_naive())
        }
    }
}

/// The tokens of date and time patterns, longest first.
const TOKENS: [&str; 8] = ["yyyy", "MM", "dd", "HH", "H", "hh", "h", "mm"];

/// `pattern` with its tokens replaced by `parts` (anything else is literal).
fn fill(pattern: &str, p: &Parts, f: &ShopFormat) -> String {
    let mut out = String::new();
    let mut rest = pattern;
    while let Some(c) = rest.chars().next() {
        if let Some(token) = TOKENS.iter().find(|t| rest.starts_with(*t)) {
            let hour12 = match p.hour % 12 {
                0 => 12,
                h => h,
            };
            out.push_str(&match *token {
                "yyyy" => format!("{:04}", p.year),
                "MM" => format!("{:02}", p.month),
                "dd" => format!("{:02}", p.day),
                "HH" => format!("{:02}", p.hour),
                "H" => p.hour.to_string(),
                "hh" => format!("{hour12:02}"),
                "h" => hour12.to_string(),
                _ => format!("{:02}", p.minute),
            });
            rest = &rest[token.len()..];
        } else if c == 'a' {
            out.push_str(if p.hour < 12 { &f.am } else { &f.pm });
            rest = &rest[1..];
        } else {
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    out
}

/// One entry of the locale chooser.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LocaleOption {
    pub tag: String,
    pub name: String,
    /// `1 234,50 € · 31/12/2026` in the shop's currency.
    pub example: String,
}

/// What the locale chooser offers for a shop in `currency` and `time_zone`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LocaleOptions {
    /// The locale a shop that chooses none gets (see [`Locale::suggested`]).
    pub suggested: String,
    pub locales: Vec<LocaleOption>,
}

/// Every supported locale with its example in `currency` (an ISO code; an
/// unknown one is an error naming `currency`).
pub fn options(currency: &str, time_zone: Option<&str>) -> Result<LocaleOptions> {
    let code = currency.trim().to_uppercase();
    let currency = crate::money::Currency::from_code(&code)?;
    Ok(LocaleOptions {
        suggested: Locale::suggested(time_zone, &code).tag.to_string(),
        locales: LOCALES
            .iter()
            .map(|l| LocaleOption {
                tag: l.tag.to_string(),
                name: l.name.to_string(),
                example: ShopFormat::new(l, &currency.code, currency.exponent, Tz::UTC).example,
            })
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn format(tag: &str, currency: &str, exponent: u32) -> ShopFormat {
        let locale = Locale::find(tag).unwrap();
        ShopFormat::new(locale, currency, exponent, Tz::Europe__Paris)
    }

    #[test]
    fn amounts_take_the_locales_separators_and_symbol_place() {
        let cases = [
            ("en-US", "USD", "$1,234.50", "-$1,234.50"),
            ("en-US", "EUR", "€1,234.50", "-€1,234.50"),
            ("en-US", "CHF", "CHF\u{a0}1,234.50", "-CHF\u{a0}1,234.50"),
            ("en-GB", "GBP", "£1,234.50", "-£1,234.50"),
            (
                "fr-FR",
                "EUR",
                "1\u{202f}234,50\u{a0}€",
                "-1\u{202f}234,50\u{a0}€",
            ),
            (
                "fr-CA",
                "CAD",
                "1\u{a0}234,50\u{a0}$",
                "-1\u{a0}234,50\u{a0}$",
            ),
            ("de-DE", "EUR", "1.234,50\u{a0}€", "-1.234,50\u{a0}€"),
            ("nl-NL", "EUR", "€\u{a0}1.234,50", "€\u{a0}-1.234,50"),
            ("es-ES", "EUR", "1234,50\u{a0}€", "-1234,50\u{a0}€"),
            ("it-IT", "EUR", "1.234,50\u{a0}€", "-1.234,50\u{a0}€"),
            ("pt-BR", "BRL", "R$\u{a0}1.234,50", "-R$\u{a0}1.234,50"),
        ];
        for (tag, currency, positive, negative) in cases {
            let f = format(tag, currency, 2);
            assert_eq!(f.money(123_450), positive, "{tag} {currency}");
            assert_eq!(f.money(-123_450), negative, "{tag} {currency}");
        }
    }

    #[test]
    fn grouping_follows_every_three_digits_and_spanish_waits_for_five() {
        let us = format("en-US", "USD", 2);
        assert_eq!(us.number(0), "0.00");
        assert_eq!(us.number(-5), "-0.05");
        assert_eq!(us.number(99_999), "999.99");
        assert_eq!(us.number(100_000), "1,000.00");
        assert_eq!(us.number(123_456_789_012), "1,234,567,890.12");
        let es = format("es-ES", "EUR", 2);
        assert_eq!(es.number(999_999), "9999,99");
        assert_eq!(es.number(1_234_500), "12.345,00");
        let jpy = format("de-DE", "JPY", 0);
        assert_eq!(jpy.money(1_234_567), "1.234.567\u{a0}¥");
        let bhd = format("en-US", "BHD", 3);
        assert_eq!(bhd.money(1_234_567), "BHD\u{a0}1,234.567");
        assert_eq!(us.number(i64::MIN), "-92,233,720,368,547,758.08");
    }

    #[test]
    fn dates_in_the_locales_order_and_times_in_the_shops_zone() {
        let day = NaiveDate::from_ymd_opt(2026, 12, 31).unwrap();
        for (tag, text) in [
            ("en-US", "12/31/2026"),
            ("en-GB", "31/12/2026"),
            ("en-CA", "2026-12-31"),
            ("fr-FR", "31/12/2026"),
            ("de-DE", "31.12.2026"),
            ("nl-NL", "31-12-2026"),
        ] {
            assert_eq!(format(tag, "EUR", 2).date(day), text, "{tag}");
        }
        // 23:30 UTC on 31 December is 00:30 on 1 January in Paris.
        let at = Utc.with_ymd_and_hms(2026, 12, 31, 23, 30, 0).unwrap();
        assert_eq!(format("fr-FR", "EUR", 2).date_time(at), "01/01/2027 00:30");
        assert_eq!(
            format("en-US", "EUR", 2).date_time(at),
            "01/01/2027 12:30 AM"
        );
        assert_eq!(format("en-US", "EUR", 2).day_of(at), "01/01/2027");
        let afternoon = Utc.with_ymd_and_hms(2026, 11, 25, 14, 3, 0).unwrap();
        assert_eq!(
            format("en-US", "EUR", 2).date_time(afternoon),
            "11/25/2026 3:03 PM"
        );
        assert_eq!(
            format("es-ES", "EUR", 2).date_time(afternoon),
            "25/11/2026 15:03"
        );
        assert_eq!(
            format("en-CA", "CAD", 2).date_time(afternoon),
            "2026-11-25 3:03 p.m."
        );
    }

    #[test]
    fn unknown_locales_are_refused_and_old_shops_get_a_sane_one() {
        assert_eq!(Locale::find("fr_fr").unwrap().tag, "fr-FR");
        let e = Locale::find("xx-YY").unwrap_err().to_string();
        assert!(
            e.starts_with("shop.locale: 'xx-YY' is not a supported locale (one of en-US"),
            "{e}"
        );
        assert_eq!(Locale::suggested(Some("Europe/Paris"), "EUR").tag, "fr-FR");
        assert_eq!(Locale::suggested(Some("Asia/Tokyo"), "GBP").tag, "en-GB");
        assert_eq!(Locale::suggested(None, "JPY").tag, "en-US");
    }

    #[test]
    fn the_chooser_shows_each_locale_with_an_example() {
        let o = options("eur", Some("Europe/Berlin")).unwrap();
        assert_eq!(o.suggested, "de-DE");
        assert_eq!(o.locales.len(), LOCALES.len());
        let fr = o.locales.iter().find(|l| l.tag == "fr-FR").unwrap();
        assert_eq!(fr.example, "1\u{202f}234,50\u{a0}€ · 31/12/2026");
        let jpy = options("JPY", None).unwrap();
        assert_eq!(jpy.locales[0].example, "¥1,234 · 12/31/2026");
        assert!(options("ZZZ", None).is_err());
    }
}
