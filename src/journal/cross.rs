//! Cross-checks: the journal against the tables it describes, both ways,
//! so an edit of either side is caught. A [`Rule`] names the entry kinds
//! it reads, the field pairing entries with rows, and the facts it
//! compares; storage pairs each rule with the query giving the same facts
//! from the tables (`storage::journal` holds the list: add a rule there to
//! check a new table).
//!
//! Storage reads both sides sorted by the pairing field and hands them over
//! one key at a time ([`Group`]), so a check holds one key's entries and
//! rows, never the whole journal: memory stays flat at any size.
//!
//! Facts are a JSON object of payload fields; a field named with `@` reads
//! the entry itself (`@at`, `@actor`, `@till`). Both sides are compared in
//! canonical JSON.

use std::collections::HashMap;

use serde_json::{Map, Value};

use super::chain::{label, Findings};
use super::{canonical, Entry, EntryKind};

/// How entries of the rule's kinds make the facts compared with a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Derive {
    /// One entry per row, both ways (a multiset of facts): an entry without
    /// its row, a row without its entry, or a difference is reported.
    Each,
    /// Per key (the payload field `key`), the facts of the last entry with
    /// that key; every row's key must have an entry with equal facts.
    Latest,
    /// Per key, the sum of the one field in `fields` over the entries (0
    /// without entries); every row's key must carry that sum.
    Sum,
}

/// One cross-check (its query lives in storage).
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    /// Shown in reports: `payments`, `orders.paid`…
    pub name: &'static str,
    pub kinds: &'static [EntryKind],
    pub derive: Derive,
    /// The field pairing entries with rows (a payload field, or `@at`,
    /// `@actor`, `@till`): both sides are read in its order and compared a
    /// key at a time. For [`Derive::Latest`] and [`Derive::Sum`] it is also
    /// the key the facts are kept by.
    pub key: &'static str,
    pub fields: &'static [&'static str],
}

/// The facts of `data` (an entry's payload) that `fields` name.
fn facts(e: &Entry, data: &Value, fields: &[&str]) -> Map<String, Value> {
    let mut m = Map::new();
    for f in fields {
        let v = match *f {
            "@at" => Value::String(e.at.clone()),
            "@actor" => Value::String(e.actor.clone()),
            "@till" => Value::String(e.till.clone()),
            name => data.get(name).cloned().unwrap_or(Value::Null),
        };
        m.insert((*f).to_string(), v);
    }
    m
}

fn key_text(v: Option<&Value>) -> String {
    match v {
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
        None => String::new(),
    }
}

/// What the entries of one key say.
#[derive(Debug, Default)]
struct Side {
    /// Each: canonical facts → the entries saying them (till, seq).
    each: HashMap<String, Vec<(String, u64)>>,
    /// Latest / Sum: key → (canonical facts or running sum, last entry).
    keyed: HashMap<String, (Value, (String, u64))>,
}

/// One rule's check of the entries and rows of one key: feed it the
/// key's entries (by till, then sequence), then its rows, then finish.
pub struct Group {
    rule: Rule,
    side: Side,
}

impl Group {
    pub fn new(rule: Rule) -> Group {
        Group {
            rule,
            side: Side::default(),
        }
    }

    /// Notes what entry `e` (payload `data`) says, if the rule reads its kind.
    pub fn entry(&mut self, e: &Entry, data: &Value, found: &mut Findings) {
        let Ok(kind) = EntryKind::parse(&e.kind) else {
            return;
        };
        let at = (e.till.clone(), e.seq);
        let (rule, side) = (&self.rule, &mut self.side);
        if rule.kinds.contains(&kind) {
            match rule.derive {
                Derive::Each => {
                    let text =
                        canonical(&Value::Object(facts(e, data, rule.fields))).unwrap_or_default();
                    side.each.entry(text).or_default().push(at.clone());
                }
                Derive::Latest => {
                    let key = key_text(data.get(rule.key));
                    let f = Value::Object(facts(e, data, rule.fields));
                    side.keyed.insert(key, (f, at.clone()));
                }
                Derive::Sum => {
                    let key = key_text(data.get(rule.key));
                    let field = rule.fields.first().copied().unwrap_or("amount");
                    let add = data.get(field).and_then(Value::as_i64);
                    let Some(add) = add else {
                        found.add(
                            rule.name,
                            Some((&e.till, e.seq)),
                            format!("its '{field}' is not an amount"),
                        );
                        return;
                    };
                    let slot = side
                        .keyed
                        .entry(key)
                        .or_insert_with(|| (Value::from(0i64), at.clone()));
                    let sum = slot.0.as_i64().unwrap_or(0).checked_add(add);
                    slot.0 = sum.map_or(Value::Null, Value::from);
                    slot.1 = at.clone();
                }
            }
        }
    }

    /// Matches one table row (`row` names it in reports): `facts` is the
    /// row's facts object, `key` its key (Latest, Sum).
    pub fn row(&mut self, row: &str, key: &str, facts: &Value, found: &mut Findings) {
        let (rule, side) = (&self.rule, &mut self.side);
        let text = match canonical(facts) {
            Ok(t) => t,
            Err(e) => {
                found.add(rule.name, None, format!("{row}: {e}"));
                return;
            }
        };
        match rule.derive {
            Derive::Each => {
                let matched = side.each.get_mut(&text).and_then(|v| v.pop());
                if matched.is_none() {
                    found.add(
                        rule.name,
                        None,
                        format!("{row} has no journal entry saying {text} (the row was changed or added outside the till)"),
                    );
                }
            }
            Derive::Latest | Derive::Sum => {
                let entry = side.keyed.remove(key);
                let (said, at) = match (entry, rule.derive) {
                    (Some((v, at)), Derive::Sum) => {
                        let field = rule.fields.first().copied().unwrap_or("amount");
                        let mut m = Map::new();
                        m.insert(field.to_string(), v);
                        (Value::Object(m), Some(at))
                    }
                    (Some((v, at)), _) => (v, Some(at)),
                    (None, Derive::Sum) => {
                        let field = rule.fields.first().copied().unwrap_or("amount");
                        let mut m = Map::new();
                        m.insert(field.to_string(), Value::from(0i64));
                        (Value::Object(m), None)
                    }
                    (None, _) => {
                        found.add(
                            rule.name,
                            None,
                            format!("{row} has no journal entry (key '{key}')"),
                        );
                        return;
                    }
                };
                let said_text = canonical(&said).unwrap_or_default();
                if said_text != text {
                    let who = at.as_ref().map(|(t, s)| (t.as_str(), *s));
                    let by = at.as_ref().map_or_else(
                        || "no entry".to_string(),
                        |(t, s)| format!("entry {}", label(t, *s)),
                    );
                    found.add(
                        rule.name,
                        who,
                        format!("{row} says {text}; the journal ({by}) says {said_text}"),
                    );
                }
            }
        }
    }

    /// Reports the entries no row matched ([`Derive::Each`]).
    pub fn finish(self, found: &mut Findings) {
        let (rule, side) = (self.rule, self.side);
        if rule.derive == Derive::Each {
            let mut left: Vec<(String, u64, String)> = side
                .each
                .into_iter()
                .flat_map(|(text, at)| at.into_iter().map(move |(t, s)| (t, s, text.clone())))
                .collect();
            left.sort();
            for (till, seq, text) in left {
                found.add(
                    rule.name,
                    Some((&till, seq)),
                    format!("no row in the tables matches what it records: {text}"),
                );
            }
        }
    }
}
