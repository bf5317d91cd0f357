//! Whole-settings validation. Every error names the place (`field`) that is
//! wrong, e.g. `workflows[repair-intake].steps[2].status`.

use std::collections::HashSet;

use super::{
    CatalogueItem, FieldKind, OrderType, Settings, Wizard, Workflow, BUILTIN_STATUSES, FORMAT,
};
use crate::error::{Error, Result};
use crate::money::{check_tax_rate, Currency};

pub(super) fn check_key(field: &str, key: &str) -> Result<()> {
    let ok = !key.is_empty()
        && key.len() <= 64
        && key
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
    if ok {
        Ok(())
    } else {
        Err(Error::invalid(
            field,
            format!("'{key}' is not a valid key (lowercase letters, digits, '-' and '_')"),
        ))
    }
}

fn check_name(field: &str, name: &str) -> Result<()> {
    if name.trim().is_empty() {
        return Err(Error::invalid(field, "a name is required"));
    }
    Ok(())
}

fn unique<'a>(what: &str, keys: impl Iterator<Item = &'a str>) -> Result<()> {
    let mut seen = HashSet::new();
    for k in keys {
        if !seen.insert(k) {
            return Err(Error::invalid(what, format!("'{k}' is defined twice")));
        }
    }
    Ok(())
}

fn check_color(field: &str, color: &str) -> Result<()> {
    let hex = color.strip_prefix('#').unwrap_or("");
    if matches!(hex.len(), 3 | 6) && hex.chars().all(|c| c.is_ascii_hexdigit()) {
        Ok(())
    } else {
        Err(Error::invalid(
            field,
            format!("'{color}' is not a colour like #2a7 or #22aa77"),
        ))
    }
}

/// Validates the whole settings model.
/// Checks the whole settings model: every rule, in the order a reader
/// meets them (shop, statuses, workflow types, workflows, wizards, order
/// types, catalogue). The first rule broken is the error.
pub fn validate(s: &Settings) -> Result<()> {
    check_texts(s)?;
    let currency = check_shop(s)?;
    check_statuses(s)?;
    check_workflow_types(s)?;
    for wf in &s.workflows {
        check_workflow(s, wf)?;
    }
    unique("workflows", s.workflows.iter().map(|x| x.key.as_str()))?;
    super::roles::check_roles(s)?;
    super::guards::check_guards(s)?;
    for wz in &s.wizards {
        check_wizard(wz)?;
    }
    unique("wizards", s.wizards.iter().map(|x| x.key.as_str()))?;
    check_categories(s)?;
    for ot in &s.order_types {
        check_order_type(s, ot)?;
    }
    unique("order_types", s.order_types.iter().map(|x| x.key.as_str()))?;
    for item in &s.catalogue {
        check_item(s, &currency, item)?;
    }
    unique("catalogue", s.catalogue.iter().map(|x| x.sku.as_str()))?;
    super::check_codes(&s.discount_codes, &currency)?;
    let statuses: Vec<&str> = s
        .statuses
        .iter()
        .map(|x| x.key.as_str())
        .chain(BUILTIN_STATUSES)
        .collect();
    crate::messages::check_messages(&s.shop.messages, &statuses)?;
    Ok(())
}

/// The format, the shop and its documents; returns the shop currency.
fn check_shop(s: &Settings) -> Result<Currency> {
    if s.format != FORMAT {
        return Err(Error::invalid(
            "format",
            format!("expected '{FORMAT}', found '{}'", s.format),
        ));
    }
    check_name("shop.name", &s.shop.name)?;
    let currency = Currency::from_code(&s.shop.currency).map_err(|e| match e {
        Error::Invalid { message, .. } => Error::invalid("shop.currency", message),
        other => other,
    })?;
    if s.shop.order_prefix.chars().count() > 12 || s.shop.order_prefix.contains(char::is_whitespace)
    {
        return Err(Error::invalid(
            "shop.order_prefix",
            "at most 12 characters, no spaces",
        ));
    }

    if let Some(zone) = &s.shop.time_zone {
        super::parse_time_zone(zone)?;
    }
    if let Some(tag) = &s.shop.locale {
        crate::locale::Locale::find(tag)?;
    }
    super::documents::validate(&s.shop)?;
    s.shop.cash.coin(&currency)?;

    Ok(currency)
}

/// Status keys, names and colours; the built-ins are all there.
fn check_statuses(s: &Settings) -> Result<()> {
    for (i, st) in s.statuses.iter().enumerate() {
        check_key(&format!("statuses[{i}].key"), &st.key)?;
        check_name(&format!("statuses[{}].name", st.key), &st.name)?;
        check_color(&format!("statuses[{}].color", st.key), &st.color)?;
    }
    unique("statuses", s.statuses.iter().map(|x| x.key.as_str()))?;
    for b in BUILTIN_STATUSES {
        if s.status(b).is_none() {
            return Err(Error::invalid(
                "statuses",
                format!("the built-in status '{b}' cannot be removed"),
            ));
        }
    }

    Ok(())
}

fn check_workflow_types(s: &Settings) -> Result<()> {
    if s.workflow_types.is_empty() {
        return Err(Error::invalid(
            "workflow_types",
            "at least one workflow type is required",
        ));
    }
    for t in &s.workflow_types {
        check_key("workflow_types", t)?;
    }
    unique(
        "workflow_types",
        s.workflow_types.iter().map(String::as_str),
    )?;

    Ok(())
}

/// A workflow: its type exists; its steps are library statuses, not terminal, each once.
fn check_workflow(s: &Settings, wf: &Workflow) -> Result<()> {
    let at = format!("workflows[{}]", wf.key);
    check_key(&format!("{at}.key"), &wf.key)?;
    check_name(&format!("{at}.name"), &wf.name)?;
    if !s.workflow_types.contains(&wf.kind) {
        return Err(Error::invalid(
            format!("{at}.type"),
            format!("'{}' is not a workflow type", wf.kind),
        ));
    }
    if wf.steps.is_empty() {
        return Err(Error::invalid(
            format!("{at}.steps"),
            "a workflow needs at least one step",
        ));
    }
    for (i, step) in wf.steps.iter().enumerate() {
        let f = format!("{at}.steps[{i}].status");
        if BUILTIN_STATUSES.contains(&step.status.as_str()) {
            return Err(Error::invalid(
                f,
                format!(
                    "'{}' is a terminal status and cannot be a step",
                    step.status
                ),
            ));
        }
        if s.status(&step.status).is_none() {
            return Err(Error::invalid(
                f,
                format!("'{}' is not in the Status Library", step.status),
            ));
        }
    }
    unique(
        &format!("{at}.steps"),
        wf.steps.iter().map(|x| x.status.as_str()),
    )?;
    Ok(())
}

/// A wizard: named steps, field keys unique, choices with options, at
/// most one customer and one lines field.
fn check_wizard(wz: &Wizard) -> Result<()> {
    let at = format!("wizards[{}]", wz.key);
    check_key(&format!("{at}.key"), &wz.key)?;
    check_name(&format!("{at}.name"), &wz.name)?;
    if wz.steps.is_empty() {
        return Err(Error::invalid(
            format!("{at}.steps"),
            "a wizard needs at least one step",
        ));
    }
    for (i, st) in wz.steps.iter().enumerate() {
        check_name(&format!("{at}.steps[{i}].title"), &st.title)?;
    }
    // Each intake field by its place (`steps[1].fields[0]`), so an error
    // names the very field to fix; then the update fields.
    let mut places: Vec<(String, &super::Field)> = Vec::new();
    for (si, st) in wz.steps.iter().enumerate() {
        for (fi, f) in st.fields.iter().enumerate() {
            places.push((format!("{at}.steps[{si}].fields[{fi}]"), f));
        }
    }
    let intake = places.len();
    for (fi, f) in wz.update_fields.iter().enumerate() {
        places.push((format!("{at}.update_fields[{fi}]"), f));
    }
    for (place, f) in &places {
        check_key(&format!("{place}.key"), &f.key)?;
        if f.kind == FieldKind::Choice && f.options.is_empty() {
            return Err(Error::invalid(
                format!("{place}.options"),
                "a choice field needs at least one option",
            ));
        }
        if let Some(role) = f.role {
            if role.needs_date() && f.kind != FieldKind::Date {
                return Err(Error::invalid(
                    format!("{place}.role"),
                    format!(
                        "'{}' ({}) is not a date field: only a date can be the {}",
                        f.label(),
                        f.key,
                        role.key().replace('_', " ")
                    ),
                ));
            }
        }
    }
    for (i, (place, f)) in places[..intake].iter().enumerate() {
        if let Some((_, first)) = places[..i].iter().find(|(_, g)| g.key == f.key) {
            return Err(Error::invalid(
                format!("{place}.key"),
                format!(
                    "'{}' and '{}' both have the key '{}': keys are unique in a wizard",
                    first.label(),
                    f.label(),
                    f.key
                ),
            ));
        }
        if let Some(role) = f.role {
            if let Some((_, first)) = places[..i].iter().find(|(_, g)| g.role == Some(role)) {
                return Err(Error::invalid(
                    format!("{place}.role"),
                    format!(
                        "'{}' and '{}' both are the {}: one field per role in a wizard",
                        first.label(),
                        f.label(),
                        role.key().replace('_', " ")
                    ),
                ));
            }
        }
    }
    for kind in [FieldKind::Customer, FieldKind::Lines] {
        let n = wz
            .steps
            .iter()
            .flat_map(|st| st.fields.iter())
            .filter(|f| f.kind == kind)
            .count();
        if n > 1 {
            return Err(Error::invalid(
                format!("{at}.fields"),
                format!("at most one {kind:?} field per wizard").to_lowercase(),
            ));
        }
    }
    Ok(())
}

/// An order type: its wizard exists, each stage names a workflow of that
/// type, at least one stage has a workflow, the deposit is a percentage.
fn check_order_type(s: &Settings, ot: &OrderType) -> Result<()> {
    let at = format!("order_types[{}]", ot.key);
    check_key(&format!("{at}.key"), &ot.key)?;
    check_name(&format!("{at}.name"), &ot.name)?;
    if let Some(p) = ot.deposit_percent {
        if p < rust_decimal::Decimal::ZERO || p > rust_decimal::Decimal::ONE_HUNDRED {
            return Err(Error::invalid(
                format!("{at}.deposit_percent"),
                "a deposit is 0 to 100 percent of the total",
            ));
        }
    }
    if s.wizard(&ot.wizard).is_none() {
        return Err(Error::invalid(
            format!("{at}.wizard"),
            format!("no Action Wizard '{}'", ot.wizard),
        ));
    }
    for (stage, wf) in &ot.stages {
        let f = format!("{at}.stages.{stage}");
        if !s.workflow_types.contains(stage) {
            return Err(Error::invalid(
                f,
                format!("'{stage}' is not a workflow type"),
            ));
        }
        let Some(wf_key) = wf else { continue };
        let Some(workflow) = s.workflow(wf_key) else {
            return Err(Error::invalid(f, format!("no workflow '{wf_key}'")));
        };
        if &workflow.kind != stage {
            return Err(Error::invalid(
                f,
                format!(
                    "workflow '{wf_key}' is of type '{}', not '{stage}'",
                    workflow.kind
                ),
            ));
        }
    }
    check_category_list(s, &format!("{at}.categories"), &ot.categories)?;
    if ot.pipeline(&s.workflow_types).is_empty() {
        return Err(Error::invalid(
            format!("{at}.stages"),
            "an order type needs a workflow for at least one stage",
        ));
    }
    Ok(())
}

/// A catalogue item: SKU, name, a price in the shop currency (not
/// negative), a tax rate; modifiers named once each, their prices in the
/// currency; its categories are the shop's.
fn check_item(s: &Settings, currency: &Currency, item: &CatalogueItem) -> Result<()> {
    let at = format!("catalogue[{}]", item.sku);
    if item.sku.trim().is_empty() {
        return Err(Error::invalid("catalogue.sku", "an item needs a SKU"));
    }
    check_name(&format!("{at}.name"), &item.name)?;
    let price = currency.to_minor(item.price, &format!("{at}.price"))?;
    if price < 0 {
        return Err(Error::invalid(
            format!("{at}.price"),
            "a price cannot be negative",
        ));
    }
    check_tax_rate(item.tax_rate, &format!("{at}.tax_rate"))?;
    for m in &item.modifiers {
        check_name(&format!("{at}.modifiers.name"), &m.name)?;
        currency.to_minor(m.price, &format!("{at}.modifiers[{}].price", m.name))?;
    }
    unique(
        &format!("{at}.modifiers"),
        item.modifiers.iter().map(|m| m.name.as_str()),
    )?;
    check_category_list(s, &format!("{at}.categories"), &item.categories)
}

/// The shop's categories: named, each once, without the `|` that
/// separates categories in the catalogue CSV.
fn check_categories(s: &Settings) -> Result<()> {
    for (i, c) in s.categories.iter().enumerate() {
        let f = format!("categories[{i}]");
        check_name(&f, c)?;
        if c.trim() != c || c.contains('|') {
            return Err(Error::invalid(
                f,
                format!("'{c}': no '|' and no spaces at either end"),
            ));
        }
    }
    unique("categories", s.categories.iter().map(String::as_str))
}

/// Categories named by an item or an order type: the shop's, each once.
fn check_category_list(s: &Settings, field: &str, list: &[String]) -> Result<()> {
    for c in list {
        if !s.categories.contains(c) {
            return Err(Error::invalid(
                field,
                format!("'{c}' is not one of the shop's categories"),
            ));
        }
    }
    unique(field, list.iter().map(String::as_str))
}

/// Every text of the settings, wherever it is: no control character
/// (line breaks and tabs only in multi-line texts such as the footer), a
/// SKU or barcode at most [`CODE_CHARS`], a name at most [`NAME_CHARS`],
/// any other text at most [`NOTE_CHARS`] (docs/limits.md).
/// Where a settings document carries the logo inline.
const LOGO_PNG: &str = "shop.documents.logo.png";

fn check_texts(s: &Settings) -> Result<()> {
    let doc = serde_json::to_value(s).map_err(|e| Error::settings(e.to_string()))?;
    walk_texts(&doc, &mut String::new())
}

fn walk_texts(v: &serde_json::Value, path: &mut String) -> Result<()> {
    use crate::limits::{check_text, Lines, CODE_CHARS, NAME_CHARS, NOTE_CHARS};
    use serde_json::Value;
    let len = path.len();
    match v {
        // The logo's PNG (base64) is checked as a PNG where it is stored
        // (size, dimensions, a real image), not as text.
        Value::String(_) if path == LOGO_PNG => {}
        Value::String(text) => {
            let last = path.rsplit(['.', '[']).next().unwrap_or("");
            let (max, lines) = match last {
                "sku" | "barcode" => (CODE_CHARS, Lines::One),
                "name" | "label" | "title" | "key" => (NAME_CHARS, Lines::One),
                "footer" => (NOTE_CHARS, Lines::Many),
                _ => (NOTE_CHARS, Lines::One),
            };
            check_text(text, path, max, lines).map_err(|e| Error::settings(e.to_string()))?;
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                path.push_str(&format!("[{i}]"));
                walk_texts(item, path)?;
                path.truncate(len);
            }
        }
        Value::Object(map) => {
            for (k, item) in map {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(k);
                walk_texts(item, path)?;
                path.truncate(len);
            }
        }
        _ => {}
    }
    Ok(())
}
