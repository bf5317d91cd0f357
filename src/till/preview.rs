//! What screens ask the core before they write: the preview of an order
//! not created yet, and the rules they offer choices by.

use chrono::{DateTime, Utc};

use super::Till;
use crate::error::Result;
use crate::orders::{OrderInput, OrderPreview};
use crate::rules::ShopRules;
use crate::settings::local_day;

impl Till {
    /// The POS preview of `input` under the settings in force: lines priced,
    /// totals, deposit, paid and balance, and every field error. Writes
    /// nothing; the same checks and totals as creating the order.
    pub fn preview_order(&self, input: &OrderInput, now: DateTime<Utc>) -> Result<OrderPreview> {
        let snap = self.snapshot()?;
        let today = local_day(now, snap.settings.time_zone()?);
        crate::orders::preview(&snap.settings, &snap.currency, input, today)
    }

    /// The payment methods, currency decimals, defaults and the shop's
    /// format of amounts and dates under the settings in force.
    pub fn shop_rules(&self) -> Result<ShopRules> {
        let snap = self.snapshot()?;
        Ok(ShopRules::new(&snap.currency, snap.settings.format()?))
    }
}
