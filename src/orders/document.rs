//! An order as a printed document: fills the renderers' [`DocumentModel`]
//! from the stored order and the settings. Every amount comes from the stored
//! order or from [`totals::compute`]; nothing here does tax maths.

use std::str::FromStr;

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;

use super::totals::{self, PricedLine, Pricing, Totals};
use super::{Line, OrderRecord};
use crate::documents::{
    split_by_delivery, DocAnswer, DocCurrency, DocCustomer, DocDiscount, DocIssue, DocLine,
    DocModifier, DocPayment, DocTotals, DocumentKind, DocumentModel, ShopHeader, ShopLogo,
    TaxBreakdownRow,
};
use crate::error::{Error, Result};
use crate::locale::ShopFormat;
use crate::money::Currency;
use crate::settings::{resolve_time_zone, shop_locale, FieldRole, PrintOn, Settings, Shop, Wizard};

/// Fields of an order that hold where the goods go when no field plays
/// the delivery-address role, in order of preference.
const SHIPPING_FIELDS: [&str; 3] = ["shipping_address", "delivery_address", "ship_to"];

/// The document a field is printed on, as the renderers name it.
fn document_of(p: PrintOn) -> DocumentKind {
    match p {
        PrintOn::Receipt => DocumentKind::Receipt,
        PrintOn::Invoice => DocumentKind::Invoice,
        PrintOn::Ticket => DocumentKind::Ticket,
        PrintOn::Tags => DocumentKind::Tags,
    }
}

/// The order's answers marked to print, labelled ([`super::answers`]);
/// dates as the shop's locale writes them.
fn printed_answers(
    rec: &OrderRecord,
    wizard: Option<&Wizard>,
    format: &ShopFormat,
) -> Vec<DocAnswer> {
    super::answers(wizard, &rec.fields)
        .into_iter()
        .filter(|a| !a.print_on.is_empty())
        .map(|a| DocAnswer {
            on: a.print_on.iter().copied().map(document_of).collect(),
            label: a.label,
            value: match a.is_date {
                true => NaiveDate::parse_from_str(a.value.trim(), "%Y-%m-%d")
                    .map_or(a.value, |d| format.date(d)),
                false => a.value,
            },
        })
        .collect()
}

/// What is returned of line `n` in `returned` ((line, qty) pairs).
fn returned_of(n: usize, returned: &[(i64, Decimal)]) -> Decimal {
    returned
        .iter()
        .filter(|(l, _)| usize::try_from(*l) == Ok(n))
        .map(|(_, q)| *q)
        .sum()
}

/// The order's lines as the customer keeps them: each line's quantity less
/// what was `returned` of it ((line, qty) pairs), as (line number, line).
fn kept_lines(rec: &OrderRecord, returned: &[(i64, Decimal)]) -> Vec<(usize, PricedLine)> {
    rec.lines
        .iter()
        .enumerate()
        .map(|(n, l)| {
            let mut p = l.priced();
            p.qty -= returned_of(n, returned);
            (n, p)
        })
        .collect()
}

/// The pricing the order was computed under (stored with it; the shop's
/// current pricing for orders from before pricing was stored), checked
/// against the stored totals over what the customer keeps (the lines less
/// `returned`): an order its lines no longer reproduce is refused rather
/// than printed with different figures.
pub fn order_pricing(
    rec: &OrderRecord,
    settings: &Settings,
    returned: &[(i64, Decimal)],
) -> Result<(Pricing, Totals)> {
    let p = rec.pricing.unwrap_or_else(|| super::pricing(settings));
    let kept: Vec<PricedLine> = kept_lines(rec, returned)
        .into_iter()
        .map(|(_, l)| l)
        .collect();
    let t = totals::compute(&kept, p)?;
    if t.total == rec.total && t.tax == rec.tax && t.subtotal == rec.subtotal {
        Ok((p, t))
    } else {
        Err(Error::conflict(format!(
            "order {}: its stored totals do not match its lines; it cannot be printed",
            rec.number
        )))
    }
}

fn breakdown(t: &Totals) -> Vec<TaxBreakdownRow> {
    t.by_rate
        .iter()
        .map(|r| TaxBreakdownRow {
            rate: r.rate.normalize().to_string(),
            net_minor: r.net,
            tax_minor: r.tax,
            gross_minor: r.gross,
        })
        .collect()
}

fn text_lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(String::from)
        .collect()
}

/// Order line `l` as printed, `qty` of it for `amount`.
pub(super) fn doc_line(l: &Line, qty: Decimal, amount: i64) -> DocLine {
    DocLine {
        name: l.name.clone(),
        sku: l.sku.clone(),
        qty: qty.normalize().to_string(),
        unit_price_minor: l.unit_price,
        amount_minor: amount,
        tax_rate: l.tax_rate.normalize().to_string(),
        modifiers: l
            .modifiers
            .iter()
            .map(|m| DocModifier {
                name: m.name.clone(),
                amount_minor: m.price,
            })
            .collect(),
        note: l.note.clone(),
        delivery_method: l.delivery_method.clone(),
        discount: super::discount::taken_off(l).map(|(minor, percent)| DocDiscount {
            minor,
            label: super::discount::discount_label(&percent, l.discount_reason.as_deref()),
        }),
    }
}

/// The shop as the top of every document shows it.
pub fn shop_header(shop: &Shop, logo: Option<ShopLogo>) -> ShopHeader {
    let mut address_lines = shop.address.clone();
    address_lines.extend(shop.phone.clone());
    address_lines.extend(shop.email.clone());
    ShopHeader {
        name: shop.name.clone(),
        address_lines,
        tax_id: shop.tax_id.clone(),
        footer: shop.footer.clone(),
        logo,
        time_zone: resolve_time_zone(shop.time_zone.as_deref())
            .map(|tz| tz.name().to_string())
            .unwrap_or_default(),
        locale: shop_locale(shop)
            .map(|l| l.tag.to_string())
            .unwrap_or_default(),
    }
}

/// A sample order of `settings`' shop, for previews of its documents: one
/// customer, two lines priced as the shop prices (with or without tax, by
/// the one totals function), paid in part.
pub fn sample_model(
    settings: &Settings,
    logo: Option<ShopLogo>,
    now: DateTime<Utc>,
) -> Result<DocumentModel> {
    let currency = settings.currency()?;
    let pricing = super::pricing(settings);
    let unit =
        |major: i64| -> Result<i64> { currency.to_minor(Decimal::from(major), "sample.price") };
    let lines = vec![
        DocLine {
            name: "Sample service".into(),
            sku: Some("SAMPLE-1".into()),
            qty: "1".into(),
            unit_price_minor: unit(40)?,
            amount_minor: unit(40)?,
            tax_rate: "20".into(),
            modifiers: Vec::new(),
            note: None,
            delivery_method: None,
            discount: None,
        },
        DocLine {
            name: "Sample part".into(),
            sku: Some("SAMPLE-2".into()),
            qty: "2".into(),
            unit_price_minor: unit(5)?,
            amount_minor: unit(10)?,
            tax_rate: "20".into(),
            modifiers: Vec::new(),
            note: None,
            delivery_method: None,
            discount: None,
        },
    ];
    let t = doc_totals(&lines, pricing);
    let paid = unit(20)?;
    Ok(DocumentModel {
        shop: shop_header(&settings.shop, logo),
        order_number: format!("{}000123", settings.shop.order_prefix),
        created_at: now,
        customer: Some(DocCustomer {
            name: "Sample Customer".into(),
            phone: Some("555 0100".into()),
            email: None,
            address_lines: Vec::new(),
        }),
        shipping_address: None,
        lines,
        tax_breakdown: t.tax_breakdown,
        subtotal_minor: t.subtotal_minor,
        tax_minor: t.tax_minor,
        total_minor: t.total_minor,
        paid_minor: paid,
        balance_minor: t.total_minor - paid,
        payments: vec![DocPayment {
            method: "cash".into(),
            amount_minor: paid,
            reference: None,
            at: now,
            change_minor: 0,
            rounding_minor: 0,
        }],
        currency: DocCurrency {
            code: currency.code.clone(),
            exponent: currency.exponent,
        },
        part: None,
        due_date: None,
        order_type: String::new(),
        answers: Vec::new(),
        // The shop's own invoice number format, as its 123rd invoice.
        issue: Some(DocIssue {
            number: settings.document_number(false, 123, now)?,
            issued_at: now,
            corrects: None,
        }),
        copy: false,
    })
}

/// The document model of an order (and the pricing its totals use): the
/// lines as the customer keeps them, less what was `returned` ((line, qty)
/// pairs; lines returned in full are left out).
pub fn document_model(
    rec: &OrderRecord,
    settings: &Settings,
    currency: &Currency,
    logo: Option<ShopLogo>,
    returned: &[(i64, Decimal)],
) -> Result<(DocumentModel, Pricing)> {
    let (pricing, totals) = order_pricing(rec, settings, returned)?;
    let kept = kept_lines(rec, returned);
    let order_type = settings.order_type(&rec.order_type);
    let wizard = order_type.and_then(|t| settings.wizard(&t.wizard));
    let shipping_address = wizard
        .and_then(|w| super::role_text(w, FieldRole::DeliveryAddress, &rec.fields))
        .or_else(|| {
            SHIPPING_FIELDS
                .iter()
                .find_map(|k| rec.fields.get(*k).and_then(|v| v.as_str()))
                .map(String::from)
        })
        .map(|a| text_lines(&a))
        .filter(|l| !l.is_empty());
    let model = DocumentModel {
        shop: shop_header(&settings.shop, logo),
        order_number: rec.number.clone(),
        created_at: rec.created_at,
        customer: rec.customer.as_ref().map(|c| DocCustomer {
            name: c.name.clone(),
            phone: c.phone.clone(),
            email: c.email.clone(),
            address_lines: c.address.as_deref().map(text_lines).unwrap_or_default(),
        }),
        shipping_address,
        lines: kept
            .iter()
            .zip(&totals.lines)
            .filter(|((_, p), _)| p.qty > Decimal::ZERO)
            .map(|((n, p), t)| (&rec.lines[*n], p, t))
            .map(|(l, p, t)| doc_line(l, p.qty, t.amount))
            .collect(),
        tax_breakdown: breakdown(&totals),
        subtotal_minor: rec.subtotal,
        tax_minor: rec.tax,
        total_minor: rec.total,
        paid_minor: rec.paid,
        balance_minor: rec.balance(),
        payments: rec
            .payments
            .iter()
            .map(|p| DocPayment {
                method: p.method.clone(),
                amount_minor: p.amount,
                reference: p.reference.clone(),
                at: p.at,
                change_minor: p.change,
                rounding_minor: p.rounding,
            })
            .collect(),
        currency: DocCurrency {
            code: currency.code.clone(),
            exponent: currency.exponent,
        },
        part: None,
        due_date: rec.due_date,
        order_type: order_type.map_or_else(|| rec.order_type.clone(), |t| t.name.clone()),
        answers: printed_answers(rec, wizard, &settings.format()?),
        issue: None,
        copy: false,
    };
    Ok((model, pricing))
}

/// Totals of document lines by the one totals function. The lines' quantity
/// and rate strings are the core's own (`Decimal::normalize`), so they parse
/// back exactly; `split_by_delivery` refuses parts that would not add up.
pub fn doc_totals(lines: &[DocLine], pricing: Pricing) -> DocTotals {
    let priced: Vec<PricedLine> = lines
        .iter()
        .map(|l| PricedLine {
            qty: Decimal::from_str(&l.qty).unwrap_or_default(),
            unit_price: l.unit_price_minor,
            modifiers: l.modifiers.iter().map(|m| m.amount_minor).sum(),
            tax_rate: Decimal::from_str(&l.tax_rate).unwrap_or_default(),
            // A document's line is the whole order line: its discount is
            // what it took off.
            discount: l.discount.as_ref().map(|d| totals::Discount::Amount {
                minor: d.minor,
                of_qty: Decimal::from_str(&l.qty).unwrap_or_default(),
            }),
        })
        .collect();
    // The lines are a stored order's (inside the bound); should a part be
    // beyond it, zero totals fail the split's check that parts add up.
    let t = totals::compute(&priced, pricing).unwrap_or_default();
    DocTotals {
        subtotal_minor: t.subtotal,
        tax_minor: t.tax,
        total_minor: t.total,
        tax_breakdown: breakdown(&t),
    }
}

/// One invoice model per delivery method, totalled by the one totals function.
pub fn split_model(model: &DocumentModel, pricing: Pricing) -> Result<Vec<DocumentModel>> {
    Ok(split_by_delivery(model, &|lines| {
        doc_totals(lines, pricing)
    })?)
}
