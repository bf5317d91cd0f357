//! Catalogue items from CSV: `sku`, `name`, `price` (decimal, shop
//! currency), `tax_rate` (percent) required; `unit`, `barcode` optional.
//! A row whose sku exists updates that item (its modifiers are kept); other
//! rows add items. The catalogue is part of the settings: the import is one
//! settings change, validated as a whole and stored in one transaction.

use std::collections::HashMap;
use std::io::Read;

use rust_decimal::Decimal;

use super::{optional, Checked, Problem, Table};
use crate::error::Result;
use crate::money::Currency;
use crate::settings::CatalogueItem;

/// A checked item row.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemRow {
    pub sku: String,
    pub name: String,
    pub price: Decimal,
    pub tax_rate: Decimal,
    pub unit: Option<String>,
    pub barcode: Option<String>,
}

fn first_row(seen: &mut HashMap<String, usize>, key: &str, row: usize) -> Option<usize> {
    seen.insert(key.to_string(), row).filter(|&r| r != row)
}

/// Checks every row against the currency and the existing catalogue.
pub(crate) fn check(
    input: impl Read,
    currency: &Currency,
    existing: &[CatalogueItem],
) -> Result<Checked<ItemRow>> {
    let mut problems = Vec::new();
    let Some(mut table) = Table::read(
        input,
        &["sku", "name", "price", "tax_rate"],
        &["unit", "barcode"],
        &mut problems,
    )?
    else {
        return Ok(Checked {
            rows: Vec::new(),
            count: 0,
            problems,
        });
    };
    let mut rows = Vec::new();
    let mut skus = HashMap::new();
    let mut barcodes = HashMap::new();
    while let Some(record) = table.next_record(&mut problems)? {
        let r = &record;
        let before = problems.len();
        let sku = table.get(r, "sku");
        let sku: &str = &sku;
        if sku.is_empty() {
            problems.push(Problem::new(r.row, "sku", "is required"));
        } else if sku.contains(char::is_whitespace) {
            problems.push(Problem::new(r.row, "sku", "must not contain spaces"));
        } else if let Some(first) = first_row(&mut skus, sku, r.row) {
            problems.push(Problem::new(
                r.row,
                "sku",
                format!("same sku as row {first}"),
            ));
        }
        let name = table.get(r, "name");
        let name: &str = &name;
        if name.is_empty() {
            problems.push(Problem::new(r.row, "name", "is required"));
        }
        let price_text = table.get(r, "price");
        let price_text: &str = &price_text;
        // The shop's one money parser: the currency's decimals, strictly.
        let price = match currency.parse(price_text, "price") {
            Ok(minor) if minor < 0 => {
                problems.push(Problem::new(r.row, "price", "must not be negative"));
                None
            }
            Ok(minor) => Some(currency.to_decimal(minor)),
            Err(e) => {
                let message = match e {
                    crate::Error::Invalid { message, .. } => message,
                    other => other.to_string(),
                };
                problems.push(Problem::new(r.row, "price", message));
                None
            }
        };
        let rate_text = table.get(r, "tax_rate");
        let rate_text: &str = &rate_text;
        let tax_rate =
            match crate::money::parse_decimal(rate_text.trim_end_matches('%'), "tax_rate") {
                Ok(t) if t >= Decimal::ZERO && t <= Decimal::ONE_HUNDRED => Some(t),
                Ok(_) => {
                    problems.push(Problem::new(r.row, "tax_rate", "must be between 0 and 100"));
                    None
                }
                Err(_) => {
                    problems.push(Problem::new(
                        r.row,
                        "tax_rate",
                        format!("'{rate_text}' is not a percentage"),
                    ));
                    None
                }
            };
        let barcode = table.get(r, "barcode");
        let barcode: &str = &barcode;
        if !barcode.is_empty() {
            if let Some(first) = first_row(&mut barcodes, barcode, r.row) {
                problems.push(Problem::new(
                    r.row,
                    "barcode",
                    format!("same barcode as row {first}"),
                ));
            } else if let Some(other) = existing
                .iter()
                .find(|i| i.barcode.as_deref() == Some(barcode) && i.sku != sku)
            {
                problems.push(Problem::new(
                    r.row,
                    "barcode",
                    format!("already used by item {}", other.sku),
                ));
            }
        }
        if let (true, Some(price), Some(tax_rate)) = (problems.len() == before, price, tax_rate) {
            rows.push(ItemRow {
                sku: sku.to_string(),
                name: name.to_string(),
                price,
                tax_rate,
                unit: optional(&table.get(r, "unit")),
                barcode: optional(barcode),
            });
        }
    }
    Ok(Checked {
        rows,
        count: table.count,
        problems,
    })
}

/// Puts checked rows into `catalogue`: a row whose sku exists replaces
/// that item (keeping its modifiers), others are added. Returns how many
/// were added and updated.
pub(crate) fn merge(catalogue: &mut Vec<CatalogueItem>, rows: Vec<ItemRow>) -> (usize, usize) {
    let (mut created, mut updated) = (0, 0);
    for row in rows {
        let item = CatalogueItem {
            sku: row.sku,
            name: row.name,
            price: row.price,
            tax_rate: row.tax_rate,
            unit: row.unit,
            barcode: row.barcode,
            modifiers: Vec::new(),
        };
        match catalogue.iter_mut().find(|i| i.sku == item.sku) {
            Some(old) => {
                updated += 1;
                *old = CatalogueItem {
                    modifiers: std::mem::take(&mut old.modifiers),
                    ..item
                };
            }
            None => {
                created += 1;
                catalogue.push(item);
            }
        }
    }
    (created, updated)
}
