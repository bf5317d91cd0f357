//! Canonical JSON: object keys sorted (by their UTF-8 bytes), no spaces,
//! numbers only as integers (money in minor units: a float is refused),
//! strings escaped as `serde_json` escapes them. Written here rather than
//! left to `serde_json`'s map order, which a dependency's feature
//! (`preserve_order`) could change in one build and not another.

use serde_json::{Map, Value};

use crate::error::{Error, Result};

/// The canonical text of `value`.
pub fn canonical(value: &Value) -> Result<String> {
    let mut out = String::new();
    write(value, &mut out)?;
    Ok(out)
}

fn write(value: &Value, out: &mut String) -> Result<()> {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                out.push_str(&i.to_string());
            } else if let Some(u) = n.as_u64() {
                out.push_str(&u.to_string());
            } else {
                return Err(Error::invalid(
                    "payload",
                    format!("{n}: amounts are integers (minor units), never fractions"),
                ));
            }
        }
        Value::String(s) => out.push_str(&quoted(s)),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write(item, out)?;
            }
            out.push(']');
        }
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            out.push('{');
            for (i, k) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&quoted(k));
                out.push(':');
                write(&map[k], out)?;
            }
            out.push('}');
        }
    }
    Ok(())
}

fn quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| String::from("\"\""))
}

/// What an entry records: named fields, built with [`Payload::with`].
/// Money goes in as integer minor units ([`Payload::money`]).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Payload(Map<String, Value>);

impl Payload {
    pub fn new() -> Payload {
        Payload::default()
    }

    /// The payload with `key` set to `value` (text, integer, bool, list…).
    pub fn with(mut self, key: &str, value: impl Into<Value>) -> Payload {
        self.0.insert(key.to_string(), value.into());
        self
    }

    /// The payload with an amount in minor units.
    pub fn money(self, key: &str, minor: i64) -> Payload {
        self.with(key, minor)
    }

    /// A payload from a JSON object.
    pub fn from_value(value: Value) -> Result<Payload> {
        match value {
            Value::Object(map) => Ok(Payload(map)),
            _ => Err(Error::invalid(
                "payload",
                "a journal payload is a JSON object",
            )),
        }
    }

    pub fn get(&self, key: &str) -> Option<&Value> {
        self.0.get(key)
    }

    /// The canonical JSON text stored and hashed.
    pub fn canonical(&self) -> Result<String> {
        canonical(&Value::Object(self.0.clone()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_sorted_at_every_depth_and_floats_refused() -> Result<()> {
        let v = serde_json::json!({"b": 1, "a": {"z": [true, null], "y": "é\"x"}, "A": -5});
        assert_eq!(
            canonical(&v)?,
            r#"{"A":-5,"a":{"y":"é\"x","z":[true,null]},"b":1}"#
        );
        assert!(canonical(&serde_json::json!({"amount": 10.5})).is_err());
        let p = Payload::new().money("amount", 1050).with("order", "A-1");
        assert_eq!(p.canonical()?, r#"{"amount":1050,"order":"A-1"}"#);
        assert!(Payload::from_value(serde_json::json!([1])).is_err());
        Ok(())
    }
}
