//! PINs: 4 to 8 digits, stored only as Argon2id hashes (PHC strings with a
//! per-person random salt). The parameters are OWASP's minimum for Argon2id:
//! 19 MiB of memory, 2 passes, 1 lane — about 20–40 ms per check on a till.
//! A hash never leaves the core; a PIN is never stored or logged.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use password_hash::rand_core::OsRng;

use crate::error::{Error, Result};

/// The shortest and longest PIN a shop may ask for.
pub const PIN_MIN: usize = 4;
pub const PIN_MAX: usize = 8;
/// The shortest PIN by default (a shop may choose 4 to 8).
pub const DEFAULT_PIN_LENGTH: usize = 6;

/// Memory (KiB), passes and lanes of every new hash.
pub const ARGON2_MEMORY_KIB: u32 = 19 * 1024;
pub const ARGON2_PASSES: u32 = 2;
pub const ARGON2_LANES: u32 = 1;

fn hasher() -> Result<Argon2<'static>> {
    let params = Params::new(ARGON2_MEMORY_KIB, ARGON2_PASSES, ARGON2_LANES, None)
        .map_err(|e| Error::conflict(format!("PIN hashing parameters: {e}")))?;
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
}

/// Checks a new PIN's shape: digits only, `min_len` to 8 of them.
pub fn check_new_pin(pin: &str, min_len: usize) -> Result<()> {
    let min = min_len.clamp(PIN_MIN, PIN_MAX);
    if !pin.chars().all(|c| c.is_ascii_digit()) {
        return Err(Error::invalid("pin", "a PIN is digits only"));
    }
    let n = pin.len();
    if n < min || n > PIN_MAX {
        return Err(Error::invalid(
            "pin",
            format!("a PIN has {min} to {PIN_MAX} digits (this one has {n})"),
        ));
    }
    if pin.bytes().all(|b| b == pin.as_bytes()[0]) {
        return Err(Error::invalid(
            "pin",
            "a PIN of one digit repeated is too easy to guess",
        ));
    }
    Ok(())
}

/// The Argon2id hash (`$argon2id$v=19$m=19456,t=2,p=1$…`) of `pin`, salted.
pub fn hash_pin(pin: &str) -> Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    hasher()?
        .hash_password(pin.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| Error::conflict(format!("the PIN could not be hashed: {e}")))
}

/// Whether `pin` matches `hash` (the hash's own parameters are used).
pub fn pin_matches(pin: &str, hash: &str) -> bool {
    let Ok(parsed) = PasswordHash::new(hash) else {
        return false;
    };
    Argon2::default()
        .verify_password(pin.as_bytes(), &parsed)
        .is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pin_is_hashed_salted_and_checked() {
        let a = hash_pin("482913").expect("hash");
        let b = hash_pin("482913").expect("hash");
        assert!(a.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{a}");
        assert_ne!(a, b, "a salt of its own");
        assert!(!a.contains("482913"));
        assert!(pin_matches("482913", &a));
        assert!(!pin_matches("482914", &a));
        assert!(!pin_matches("482913", "not a hash"));
    }

    #[test]
    fn pin_shapes() {
        assert!(check_new_pin("482913", 6).is_ok());
        assert!(check_new_pin("4829", 4).is_ok());
        assert!(check_new_pin("4829", 6).is_err());
        assert!(check_new_pin("482913701", 4).is_err());
        assert!(check_new_pin("48a913", 4).is_err());
        assert!(check_new_pin("111111", 4).is_err());
        assert!(check_new_pin("", 4).is_err());
        // A shop's minimum is kept within 4..=8.
        assert!(check_new_pin("4829", 2).is_ok());
        assert!(check_new_pin("4829135", 12).is_err());
    }
}
