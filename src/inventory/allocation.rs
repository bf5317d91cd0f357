//! The allocation rule (pure). For each order line that counts stock,
//! reserve what it still needs from the sites in this order:
//!
//! 1. this store (the `home` site) first;
//! 2. then the site that can ship the most of the whole order (sum over the
//!    lines of min(available, needed)), most first;
//! 3. then by site key.
//!
//! A line takes min(available, still needed) from each site in turn, so a
//! line splits across sites when no one site has enough. What is still
//! missing afterwards is backordered at the first site in the order when the
//! item allows backorders; otherwise allocation fails and nothing is reserved.

use std::collections::HashMap;

use rust_decimal::Decimal;
use serde::Serialize;

use super::{Level, Site, StockItem};
use crate::error::{Error, Result};

/// What an order line still needs reserved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Need {
    pub line_no: i64,
    pub sku: String,
    pub qty: Decimal,
    pub item: StockItem,
}

/// Stock reserved for a line at a site.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Allocation {
    pub line_no: i64,
    pub sku: String,
    pub site: String,
    #[serde(with = "rust_decimal::serde::str")]
    pub qty: Decimal,
}

/// Allocates `needs` from `levels` over `sites` by the rule above.
pub fn allocate(needs: &[Need], sites: &[Site], levels: &[Level]) -> Result<Vec<Allocation>> {
    if needs.is_empty() {
        return Ok(Vec::new());
    }
    if sites.is_empty() {
        return Err(Error::conflict(
            "no sites: add a site before allocating stock",
        ));
    }
    let mut available: HashMap<(&str, &str), Decimal> = levels
        .iter()
        .map(|l| {
            (
                (l.site.as_str(), l.sku.as_str()),
                l.available.max(Decimal::ZERO),
            )
        })
        .collect();
    let avail = |a: &HashMap<(&str, &str), Decimal>, site: &str, sku: &str| {
        a.get(&(site, sku)).copied().unwrap_or_default()
    };
    let coverage = |site: &str| -> Decimal {
        needs
            .iter()
            .map(|n| avail(&available, site, &n.sku).min(n.qty))
            .sum()
    };
    let mut order: Vec<(&Site, Decimal)> = sites.iter().map(|s| (s, coverage(&s.key))).collect();
    order.sort_by(|(a, ca), (b, cb)| b.home.cmp(&a.home).then(cb.cmp(ca)).then(a.key.cmp(&b.key)));

    let mut out = Vec::new();
    for n in needs {
        let mut missing = n.qty;
        for (site, _) in &order {
            if missing <= Decimal::ZERO {
                break;
            }
            let a = avail(&available, &site.key, &n.sku);
            let take = a.min(missing);
            if take > Decimal::ZERO {
                available.insert((site.key.as_str(), n.sku.as_str()), a - take);
                push(&mut out, n, &site.key, take);
                missing -= take;
            }
        }
        if missing > Decimal::ZERO {
            if !n.item.allow_backorder {
                let have = n.qty - missing;
                return Err(Error::conflict(format!(
                    "line {}: {} needs {} but only {} is available across all sites (the item does not allow backorders)",
                    n.line_no,
                    n.sku,
                    n.qty.normalize(),
                    have.normalize()
                )));
            }
            push(&mut out, n, &order[0].0.key, missing);
        }
    }
    Ok(out)
}

fn push(out: &mut Vec<Allocation>, n: &Need, site: &str, qty: Decimal) {
    match out
        .iter_mut()
        .find(|a| a.line_no == n.line_no && a.site == site)
    {
        Some(a) => a.qty += qty,
        None => out.push(Allocation {
            line_no: n.line_no,
            sku: n.sku.clone(),
            site: site.to_string(),
            qty: qty.normalize(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inventory::SiteKind;

    fn site(key: &str, home: bool) -> Site {
        Site {
            key: key.into(),
            name: key.into(),
            kind: SiteKind::Warehouse,
            home,
        }
    }

    fn need(line_no: i64, sku: &str, qty: i64, backorder: bool) -> Need {
        Need {
            line_no,
            sku: sku.into(),
            qty: qty.into(),
            item: StockItem {
                allow_backorder: backorder,
            },
        }
    }

    fn got(a: &[Allocation]) -> Vec<(i64, &str, String)> {
        a.iter()
            .map(|a| (a.line_no, a.site.as_str(), a.qty.to_string()))
            .collect()
    }

    #[test]
    fn home_first_then_most_then_key() {
        let sites = [site("b", false), site("a", false), site("home", true)];
        let levels = [
            Level::new("home", "X", 1.into(), 0.into()),
            Level::new("a", "X", 3.into(), 0.into()),
            Level::new("b", "X", 3.into(), 0.into()),
        ];
        // a and b can ship as much: the key decides.
        let a = allocate(&[need(0, "X", 5, false)], &sites, &levels).unwrap();
        assert_eq!(
            got(&a),
            vec![
                (0, "home", "1".into()),
                (0, "a", "3".into()),
                (0, "b", "1".into())
            ]
        );
        // b can ship more once a has stock allocated.
        let levels2 = [
            Level::new("a", "X", 3.into(), 2.into()),
            Level::new("b", "X", 3.into(), 0.into()),
        ];
        let a = allocate(&[need(0, "X", 2, false)], &sites, &levels2).unwrap();
        assert_eq!(got(&a), vec![(0, "b", "2".into())]);
        assert_eq!(
            allocate(&[need(0, "X", 8, false)], &sites, &levels)
                .unwrap_err()
                .code(),
            "conflict"
        );
        let a = allocate(&[need(0, "X", 9, true)], &sites, &levels).unwrap();
        assert_eq!(
            got(&a),
            vec![
                (0, "home", "3".into()),
                (0, "a", "3".into()),
                (0, "b", "3".into())
            ]
        );
    }
}
