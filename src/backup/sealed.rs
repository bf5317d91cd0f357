//! Encrypted backups: an age file (scrypt passphrase recipient) holding the
//! database copy. A sealed backup is named `….db.age`; its description
//! beside it stays readable, so listing needs no passphrase.

use std::io::{Read, Write};
use std::path::Path;

use age::secrecy::SecretString;

use crate::error::{Error, Result};

/// The extension of a sealed backup, after `.db`.
pub const EXTENSION: &str = "age";

/// Whether a backup file is sealed (by its name).
pub fn is_sealed(file: &Path) -> bool {
    file.extension().is_some_and(|e| e == EXTENSION)
}

/// A passphrase as the owner typed it: at least 8 characters.
pub fn check_passphrase(passphrase: &str) -> Result<()> {
    if passphrase.chars().count() < 8 {
        return Err(Error::invalid(
            "passphrase",
            "the passphrase needs at least 8 characters",
        ));
    }
    Ok(())
}

fn io(path: &Path, e: impl std::fmt::Display) -> Error {
    Error::Io(format!("{}: {e}", path.display()))
}

/// Encrypts `plain` into `sealed` (created; must not exist) with the
/// passphrase. `work_factor` (log2 of scrypt's N) is for tests; `None`
/// lets age pick about one second's worth on this machine.
pub fn seal(plain: &Path, sealed: &Path, passphrase: &str, work_factor: Option<u8>) -> Result<()> {
    check_passphrase(passphrase)?;
    let mut recipient = age::scrypt::Recipient::new(SecretString::from(passphrase.to_owned()));
    if let Some(n) = work_factor {
        recipient.set_work_factor(n);
    }
    let encryptor =
        age::Encryptor::with_recipients(std::iter::once(&recipient as &dyn age::Recipient))
            .map_err(|e| Error::Io(format!("encrypting the backup: {e}")))?;
    let mut input = std::fs::File::open(plain).map_err(|e| io(plain, e))?;
    let output = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(sealed)
        .map_err(|e| io(sealed, e))?;
    let mut writer = encryptor
        .wrap_output(std::io::BufWriter::new(output))
        .map_err(|e| io(sealed, e))?;
    std::io::copy(&mut input, &mut writer).map_err(|e| io(sealed, e))?;
    let mut inner = writer.finish().map_err(|e| io(sealed, e))?;
    inner.flush().map_err(|e| io(sealed, e))?;
    inner
        .into_inner()
        .map_err(|e| io(sealed, e))?
        .sync_all()
        .map_err(|e| io(sealed, e))?;
    Ok(())
}

/// Decrypts the sealed backup into `plain` (created; must not exist). A
/// wrong passphrase is `invalid` on the field `passphrase`; a file that is
/// not an encrypted backup is `invalid` on `file`.
pub fn unseal(sealed: &Path, plain: &Path, passphrase: &str) -> Result<()> {
    let input = std::fs::File::open(sealed).map_err(|e| io(sealed, e))?;
    let decryptor = age::Decryptor::new(std::io::BufReader::new(input))
        .map_err(|e| Error::invalid("file", format!("not an encrypted backup: {e}")))?;
    if !decryptor.is_scrypt() {
        return Err(Error::invalid(
            "file",
            "the backup is not encrypted with a passphrase",
        ));
    }
    let identity = age::scrypt::Identity::new(SecretString::from(passphrase.to_owned()));
    let mut reader = decryptor
        .decrypt(std::iter::once(&identity as &dyn age::Identity))
        .map_err(|e| match e {
            age::DecryptError::DecryptionFailed | age::DecryptError::NoMatchingKeys => {
                Error::invalid("passphrase", "wrong passphrase for this backup")
            }
            other => Error::invalid("file", format!("cannot decrypt the backup: {other}")),
        })?;
    let mut output = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(plain)
        .map_err(|e| io(plain, e))?;
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let n = match reader.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) => {
                drop(output);
                let _ = std::fs::remove_file(plain);
                return Err(Error::invalid(
                    "file",
                    format!("the encrypted backup is damaged: {e}"),
                ));
            }
        };
        output.write_all(&buf[..n]).map_err(|e| io(plain, e))?;
    }
    output.sync_all().map_err(|e| io(plain, e))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sealed_file_opens_with_its_passphrase_only() -> Result<()> {
        let dir = tempfile::tempdir()?;
        let plain = dir.path().join("a.db");
        std::fs::write(&plain, b"SQLite format 3\0 and the rest")?;
        let sealed = dir.path().join("a.db.age");
        seal(&plain, &sealed, "correct horse", Some(4))?;
        assert!(is_sealed(&sealed));
        let bytes = std::fs::read(&sealed)?;
        assert!(!bytes.windows(6).any(|w| w == b"SQLite"));
        let wrong = unseal(&sealed, &dir.path().join("b.db"), "wrong horse");
        assert!(
            matches!(&wrong, Err(Error::Invalid { field, .. }) if field == "passphrase"),
            "{wrong:?}"
        );
        assert!(!dir.path().join("b.db").exists());
        unseal(&sealed, &dir.path().join("c.db"), "correct horse")?;
        assert_eq!(
            std::fs::read(dir.path().join("c.db"))?,
            std::fs::read(&plain)?
        );
        Ok(())
    }
}
