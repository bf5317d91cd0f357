//! The shop's time zone: what "today" means for the dashboard, overdue
//! orders and (later) receipts. One function resolves it, so every caller
//! agrees on the shop's local day.

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;

use crate::error::{Error, Result};

/// The shop's zone: the IANA name set in `shop.time_zone`, else the
/// system's zone, else UTC. An unknown name is an error naming the field.
pub fn resolve_time_zone(name: Option<&str>) -> Result<Tz> {
    match name.map(str::trim) {
        Some(name) => parse_time_zone(name),
        None => Ok(system_time_zone()),
    }
}

/// An IANA zone name (`Europe/Berlin`), or an error naming `shop.time_zone`.
pub fn parse_time_zone(name: &str) -> Result<Tz> {
    name.parse::<Tz>().map_err(|_| {
        Error::invalid(
            "shop.time_zone",
            format!("'{name}' is not an IANA time zone (e.g. Europe/Berlin, America/New_York)"),
        )
    })
}

/// The zone the machine runs in (`TZ`, `/etc/localtime`…), or UTC when it
/// cannot be told.
pub fn system_time_zone() -> Tz {
    if let Some(tz) = std::env::var("TZ")
        .ok()
        .and_then(|t| t.trim_start_matches(':').parse::<Tz>().ok())
    {
        return tz;
    }
    iana_time_zone::get_timezone()
        .ok()
        .and_then(|name| name.parse::<Tz>().ok())
        .unwrap_or(Tz::UTC)
}

/// The calendar day `now` falls on in `tz`.
pub fn local_day(now: DateTime<Utc>, tz: Tz) -> NaiveDate {
    now.with_timezone(&tz).date_naive()
}

/// The instant `day` starts in `tz` (the first valid local time of the day
/// when a DST gap swallows midnight).
pub fn day_start(day: NaiveDate, tz: Tz) -> DateTime<Utc> {
    use chrono::TimeZone;
    let midnight = day.and_hms_opt(0, 0, 0).unwrap_or_default();
    let mut local = midnight;
    // A gap is at most a few hours; step forward until the local time exists.
    for _ in 0..48 {
        if let Some(t) = tz.from_local_datetime(&local).earliest() {
            return t.with_timezone(&Utc);
        }
        local += chrono::Duration::minutes(30);
    }
    midnight.and_utc()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_resolve_and_unknown_ones_name_the_field() {
        assert_eq!(
            resolve_time_zone(Some("Asia/Tokyo")).ok(),
            Some(Tz::Asia__Tokyo)
        );
        let e = resolve_time_zone(Some("Mars/Olympus")).unwrap_err();
        assert!(e.to_string().contains("shop.time_zone"), "{e}");
    }

    #[test]
    fn days_start_at_local_midnight() {
        let tz = Tz::America__New_York;
        let day = NaiveDate::from_ymd_opt(2030, 1, 10).unwrap();
        assert_eq!(day_start(day, tz).to_rfc3339(), "2030-01-10T05:00:00+00:00");
        let at = DateTime::parse_from_rfc3339("2030-01-10T04:59:59Z")
            .unwrap()
            .to_utc();
        assert_eq!(
            local_day(at, tz),
            NaiveDate::from_ymd_opt(2030, 1, 9).unwrap()
        );
        // São Paulo skipped midnight on 2018-11-04 (DST started at 00:00).
        let gap = NaiveDate::from_ymd_opt(2018, 11, 4).unwrap();
        assert_eq!(
            day_start(gap, Tz::America__Sao_Paulo).to_rfc3339(),
            "2018-11-04T03:00:00+00:00"
        );
    }
}
