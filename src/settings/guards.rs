//! Guards and time targets on workflow steps (`workflows[].steps[].guards`,
//! `…target`): the conditions an order must meet before it may leave a
//! step, and how long it should stay at most. Which facts hold is the
//! workflow engine's; here: what a file may say.

use chrono::Duration;
use serde::{Deserialize, Serialize};

use super::Settings;
use crate::error::{Error, Result};

/// A condition an order must meet before it leaves a step (by its
/// trigger or by hand). In a file: `"paid_in_full"`, `"all_shipped"`,
/// `{"deposit_percent": 50}`, `{"field": "serial_number"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Guard {
    /// Nothing is left to pay.
    PaidInFull,
    /// At least this percentage of the total is paid (1–100).
    DepositPercent(u8),
    /// Every line (less what came back) is in a shipment that shipped.
    AllShipped,
    /// The order's field with this key has a value.
    Field(String),
}

impl Guard {
    /// The stable key of the condition (errors, `--json`).
    pub fn key(&self) -> &'static str {
        match self {
            Guard::PaidInFull => "paid_in_full",
            Guard::DepositPercent(_) => "deposit_percent",
            Guard::AllShipped => "all_shipped",
            Guard::Field(_) => "field",
        }
    }
}

impl std::fmt::Display for Guard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Guard::PaidInFull => f.write_str("paid in full"),
            Guard::DepositPercent(p) => write!(f, "a deposit of at least {p} % paid"),
            Guard::AllShipped => f.write_str("all lines shipped"),
            Guard::Field(k) => write!(f, "the field '{k}' filled in"),
        }
    }
}

/// The longest time target a step may have: 365 days.
const MAX_TARGET_MINUTES: i64 = 365 * 24 * 60;

/// A step's time target: a whole number and a unit, `30m`, `4h` or `3d`.
pub fn parse_target(text: &str) -> Result<Duration> {
    let t = text.trim();
    let bad = || {
        Error::invalid(
            "target",
            format!(
                "{} is not a time target: a whole number and m, h or d (`4h`, `3d`)",
                crate::error::quoted(text)
            ),
        )
    };
    let unit = t.chars().last().ok_or_else(bad)?;
    let n: i64 = t[..t.len() - unit.len_utf8()].parse().map_err(|_| bad())?;
    let minutes = match unit {
        'm' => Some(n),
        'h' => n.checked_mul(60),
        'd' => n.checked_mul(24 * 60),
        _ => None,
    }
    .ok_or_else(bad)?;
    if minutes <= 0 || minutes > MAX_TARGET_MINUTES {
        return Err(Error::invalid(
            "target",
            format!("'{t}' is out of range: from 1 minute to 365 days"),
        ));
    }
    Ok(Duration::minutes(minutes))
}

/// Every step's guards (each once, percentages 1–100, field keys spelled
/// like keys) and time target.
pub(super) fn check_guards(s: &Settings) -> Result<()> {
    for wf in &s.workflows {
        for (i, step) in wf.steps.iter().enumerate() {
            let at = format!("workflows[{}].steps[{i}]", wf.key);
            for (j, g) in step.guards.iter().enumerate() {
                let f = format!("{at}.guards[{j}]");
                match g {
                    Guard::DepositPercent(p) if !(1..=100).contains(p) => {
                        return Err(Error::invalid(
                            f,
                            format!("deposit_percent is {p}: from 1 to 100"),
                        ))
                    }
                    Guard::Field(k) => super::validate::check_key(&f, k)?,
                    _ => {}
                }
                if step.guards[..j].contains(g) {
                    return Err(Error::invalid(f, format!("'{g}' is listed twice")));
                }
            }
            if let Some(t) = &step.target {
                parse_target(t).map_err(|e| match e {
                    Error::Invalid { message, .. } => {
                        Error::invalid(format!("{at}.target"), message)
                    }
                    other => other,
                })?;
            }
        }
    }
    if let Some(m) = s.shop.undo_minutes {
        if m > 24 * 60 {
            return Err(Error::invalid(
                "shop.undo_minutes",
                format!("{m} minutes is more than a day (0 turns undo off)"),
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_read_as_minutes_hours_days() {
        assert_eq!(parse_target("30m").ok(), Some(Duration::minutes(30)));
        assert_eq!(parse_target("4h").ok(), Some(Duration::hours(4)));
        assert_eq!(parse_target(" 3d ").ok(), Some(Duration::days(3)));
        for bad in [
            "",
            "d",
            "3",
            "3w",
            "-1h",
            "0m",
            "366d",
            "1.5h",
            "99999999999999999d",
        ] {
            assert_eq!(
                parse_target(bad).map_err(|e| e.code()).err(),
                Some("invalid"),
                "{bad}"
            );
        }
    }

    #[test]
    fn guards_read_from_a_file() {
        let g: Vec<Guard> = serde_json::from_str(
            r#"["paid_in_full", "all_shipped", {"deposit_percent": 50}, {"field": "serial"}]"#,
        )
        .expect("guards");
        assert_eq!(
            g,
            vec![
                Guard::PaidInFull,
                Guard::AllShipped,
                Guard::DepositPercent(50),
                Guard::Field("serial".into())
            ]
        );
        assert_eq!(g[2].to_string(), "a deposit of at least 50 % paid");
        assert!(serde_json::from_str::<Guard>(r#""paid""#).is_err());
    }
}
