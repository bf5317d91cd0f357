//! The rules a screen needs to offer what the core will accept: the payment
//! methods, the shop currency's decimals, the defaults the settings editor
//! shows for a value left empty. Each comes from the one place the core
//! enforces it; screens ask for these instead of keeping their own copies.

use serde::Serialize;

use crate::fulfillment::DEFAULT_ABANDON_AFTER_HOURS;
use crate::locale::ShopFormat;
use crate::money::Currency;
use crate::payments::{methods, PaymentMethod};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ShopRules {
    /// Every payment method, in the order screens offer them (store credit
    /// only to a customer who has some).
    pub payment_methods: Vec<PaymentMethod>,
    /// The shop currency's ISO 4217 code.
    pub currency: String,
    /// Minor-unit digits of the shop currency (ISO 4217: 2 for EUR, 0 for
    /// JPY, 3 for BHD); amounts with more decimals are refused.
    pub currency_exponent: u32,
    /// An amount as a cashier would type it in this currency ("12.50",
    /// "1250", "12.500"), for placeholders and messages.
    pub amount_example: String,
    /// Hours an untouched intake order waits before it counts as abandoned
    /// when its order type sets none.
    pub default_abandon_after_hours: u32,
    /// How amounts and dates read in this shop (its locale, currency and
    /// time zone): screens apply it, never their own rules.
    pub format: ShopFormat,
}

impl ShopRules {
    pub fn new(currency: &Currency, format: ShopFormat) -> ShopRules {
        ShopRules {
            payment_methods: methods(),
            currency: currency.code.clone(),
            currency_exponent: currency.exponent,
            amount_example: currency.example(),
            default_abandon_after_hours: DEFAULT_ABANDON_AFTER_HOURS,
            format,
        }
    }
}
