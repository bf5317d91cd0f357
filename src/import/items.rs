//! Catalogue items from CSV: `sku`, `name`, `price` (decimal, shop
//! currency), `tax_rate` (percent) required; `unit`, `barcode`,
//! `categories` (names separated by `|`; a name the shop does not have yet
//! is added to its categories) and `active` (`yes`/`no`) optional — the
//! columns [`ITEM_COLUMNS`] that the catalogue export writes.
//! A row whose sku exists updates that item (its modifiers are kept, and
//! its categories and active flag when the file has no such column); other
//! rows add items. The catalogue is part of the settings: the import is one
//! settings change, validated as a whole and stored in one transaction.

use std::collections::HashMap;
use std::io::Read;

use rust_decimal::Decimal;

use super::{optional, Checked, Problem, Table};
use crate::error::Result;
use crate::money::Currency;
use crate::settings::{CatalogueItem, Settings};

/// Required columns, then optional ones, in the order an export writes them.
pub const ITEM_COLUMNS: [&str; 8] = [
    "sku",
    "name",
    "price",
    "tax_rate",
    "unit",
    "barcode",
    "categories",
    "active",
];
/// Separates an item's categories in the `categories` column.
pub const CATEGORY_SEPARATOR: char = '|';

/// A checked item row.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemRow {
    pub sku: String,
    pub name: String,
    pub price: Decimal,
    pub tax_rate: Decimal,
    pub unit: Option<String>,
    pub barcode: Option<String>,
    /// `None` when the file has no `categories` column.
    pub categories: Option<Vec<String>>,
    /// `None` when the file has no `active` column.
    pub active: Option<bool>,
}

/// `yes`/`no` (also `true`/`false`, `1`/`0`); empty is yes.
fn parse_active(text: &str) -> Option<bool> {
    match text.to_ascii_lowercase().as_str() {
        "" | "yes" | "y" | "true" | "1" => Some(true),
        "no" | "n" | "false" | "0" => Some(false),
        _ => None,
    }
}

/// The names in a `categories` field, trimmed, each once.
fn parse_categories(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for c in text.split(CATEGORY_SEPARATOR).map(str::trim) {
        if !c.is_empty() && !out.iter().any(|o| o == c) {
            out.push(c.to_string());
        }
    }
    out
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
    let Some(mut table) =
        Table::read(input, &ITEM_COLUMNS[..4], &ITEM_COLUMNS[4..], &mut problems)?
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
        let active = if table.columns.contains_key("active") {
            let text = table.get(r, "active");
            let parsed = parse_active(&text);
            if parsed.is_none() {
                problems.push(Problem::new(
                    r.row,
                    "active",
                    format!("'{text}' is not yes or no"),
                ));
            }
            parsed
        } else {
            None
        };
        let categories = table
            .columns
            .contains_key("categories")
            .then(|| parse_categories(&table.get(r, "categories")));
        if let (true, Some(price), Some(tax_rate)) = (problems.len() == before, price, tax_rate) {
            rows.push(ItemRow {
                sku: sku.to_string(),
                name: name.to_string(),
                price,
                tax_rate,
                unit: optional(&table.get(r, "unit")),
                barcode: optional(barcode),
                categories,
                active,
            });
        }
    }
    Ok(Checked {
        rows,
        count: table.count,
        problems,
    })
}

/// Puts checked rows into the catalogue: a row whose sku exists replaces
/// that item (keeping its modifiers, and its categories and active flag
/// where the row has none), others are added. Categories the shop does not
/// have yet are added to its list. Returns how many were added and updated.
pub(crate) fn merge(settings: &mut Settings, rows: Vec<ItemRow>) -> (usize, usize) {
    let (mut created, mut updated) = (0, 0);
    for row in rows {
        for c in row.categories.iter().flatten() {
            if !settings.categories.contains(c) {
                settings.categories.push(c.clone());
            }
        }
        let old = settings.catalogue.iter_mut().find(|i| i.sku == row.sku);
        let item = CatalogueItem {
            modifiers: old
                .as_ref()
                .map(|o| o.modifiers.clone())
                .unwrap_or_default(),
            categories: row
                .categories
                .or_else(|| old.as_ref().map(|o| o.categories.clone()))
                .unwrap_or_default(),
            active: row
                .active
                .or_else(|| old.as_ref().map(|o| o.active))
                .unwrap_or(true),
            sku: row.sku,
            name: row.name,
            price: row.price,
            tax_rate: row.tax_rate,
            unit: row.unit,
            barcode: row.barcode,
        };
        match old {
            Some(old) => {
                updated += 1;
                *old = item;
            }
            None => {
                created += 1;
                settings.catalogue.push(item);
            }
        }
    }
    (created, updated)
}
