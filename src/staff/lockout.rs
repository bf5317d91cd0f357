//! Throttling of wrong PINs, per person, kept in the database so a restart
//! does not reset it. After 5 wrong PINs in a row the person is locked for
//! 30 s; each further wrong PIN doubles it, up to one hour. A right PIN (or a
//! manager's unlock) starts the count again. docs/staff.md has the arithmetic
//! of a brute force under this schedule.

use chrono::{DateTime, Duration, Utc};

/// Wrong PINs allowed before the first lock.
pub const FREE_FAILURES: u32 = 5;
/// The first lock, in seconds; doubled per further failure.
pub const FIRST_LOCK_SECS: i64 = 30;
/// The longest lock, in seconds.
pub const MAX_LOCK_SECS: i64 = 3600;

/// How long a person is locked after their `failures`-th wrong PIN in a row.
pub fn lock_after(failures: u32) -> Option<Duration> {
    if failures < FREE_FAILURES {
        return None;
    }
    let doublings = (failures - FREE_FAILURES).min(20);
    let secs = FIRST_LOCK_SECS
        .saturating_mul(1_i64 << doublings)
        .min(MAX_LOCK_SECS);
    Some(Duration::seconds(secs))
}

/// When the lock after `failures` wrong PINs at `now` ends, if there is one.
pub fn locked_until(failures: u32, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    lock_after(failures).map(|d| now + d)
}

/// The shortest time, in seconds, to try `guesses` PINs against one person
/// under this schedule (each wrong guess waits out the lock it caused).
pub fn brute_force_secs(guesses: u64) -> i64 {
    (1..guesses.min(u32::MAX as u64) as u32)
        .map(|n| lock_after(n).map_or(0, |d| d.num_seconds()))
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_schedule() {
        let secs = |n| lock_after(n).map(|d| d.num_seconds());
        assert_eq!(secs(4), None);
        assert_eq!(secs(5), Some(30));
        assert_eq!(secs(6), Some(60));
        assert_eq!(secs(7), Some(120));
        assert_eq!(secs(11), Some(1920));
        assert_eq!(secs(12), Some(3600));
        assert_eq!(secs(1000), Some(3600));
    }

    #[test]
    fn a_six_digit_pin_takes_longer_than_a_day_to_guess() {
        // Half the space on average; all of it at worst.
        let day = 24 * 3600;
        assert!(brute_force_secs(500_000) > day * 365 * 50);
        // Even 40 guesses take more than a day.
        assert!(brute_force_secs(40) > day);
        assert_eq!(brute_force_secs(5), 0);
    }
}
