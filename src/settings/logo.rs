//! The shop's logo (`shop.documents.logo`). In the database it names a row
//! of the `logos` table by the SHA-256 of its PNG bytes, copied in when the
//! logo was chosen; in a settings file it carries the PNG itself (base64),
//! so the file is whole on its own. A path is refused: nothing is ever read
//! from a path at print time.

use base64::Engine;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::documents::ShopLogo;
use crate::error::{Error, Result};

const FIELD: &str = "shop.documents.logo";
/// The largest logo file accepted.
pub const MAX_LOGO_BYTES: usize = 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Logo {
    /// SHA-256 (hex) of the PNG: the logo's name in the database.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub sha256: String,
    /// The PNG itself, base64: in settings files and in a logo just chosen
    /// (stored into the database when the settings are saved).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub png: Option<String>,
}

/// What a file may hold: the logo object, or (refused) an old path string.
#[derive(Deserialize)]
#[serde(untagged)]
enum LogoInput {
    Path(String),
    Logo {
        #[serde(default)]
        sha256: String,
        #[serde(default)]
        png: Option<String>,
    },
}

impl TryFrom<LogoInput> for Logo {
    type Error = String;
    fn try_from(input: LogoInput) -> std::result::Result<Self, String> {
        match input {
            LogoInput::Path(path) => Err(format!(
                "{FIELD}: '{path}' is a path; a settings file carries its logo inline \
                 ({{\"png\": \"<base64 of the PNG>\"}}, as exported) — set a logo with \
                 `tillflow settings logo FILE` or on the Shop page"
            )),
            LogoInput::Logo { sha256, png } => Ok(Logo { sha256, png }),
        }
    }
}

impl<'de> Deserialize<'de> for Logo {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        Logo::try_from(LogoInput::deserialize(d)?).map_err(serde::de::Error::custom)
    }
}

/// SHA-256 of `bytes` as lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

impl Logo {
    /// A logo carrying `png` inline (checked to be a usable PNG).
    pub fn from_png(png: &[u8]) -> Result<Logo> {
        check_png(png)?;
        Ok(Logo {
            sha256: sha256_hex(png),
            png: Some(base64::engine::general_purpose::STANDARD.encode(png)),
        })
    }

    /// The inline PNG bytes, decoded and checked, with their SHA-256;
    /// `None` for a logo that only names a stored one.
    pub fn inline_png(&self) -> Result<Option<(String, Vec<u8>)>> {
        let Some(text) = &self.png else {
            return Ok(None);
        };
        let clean: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(clean.as_bytes())
            .map_err(|e| Error::invalid(format!("{FIELD}.png"), format!("not base64: {e}")))?;
        check_png(&bytes)?;
        let sha = sha256_hex(&bytes);
        if !self.sha256.is_empty() && self.sha256 != sha {
            return Err(Error::invalid(
                format!("{FIELD}.sha256"),
                "does not match the PNG (leave it out; it is computed)",
            ));
        }
        Ok(Some((sha, bytes)))
    }

    /// The same logo naming its stored PNG only.
    pub fn stored(sha256: String) -> Logo {
        Logo { sha256, png: None }
    }
}

/// A logo file the documents can print: a PNG of at most 1 MiB and 2000
/// pixels per side.
pub fn check_png(bytes: &[u8]) -> Result<ShopLogo> {
    if bytes.len() > MAX_LOGO_BYTES {
        return Err(Error::invalid(
            FIELD,
            format!(
                "the logo is {} KiB; at most {} KiB",
                bytes.len() / 1024,
                MAX_LOGO_BYTES / 1024
            ),
        ));
    }
    ShopLogo::from_png(bytes).map_err(|e| Error::invalid(FIELD, e.to_string()))
}

/// The logo's own checks (pure): a name or the PNG, a name that is a hash.
pub(super) fn validate(logo: &Logo) -> Result<()> {
    if logo.png.is_none() {
        let hex = logo.sha256.len() == 64 && logo.sha256.chars().all(|c| c.is_ascii_hexdigit());
        if !hex {
            return Err(Error::invalid(
                FIELD,
                "a logo carries its PNG (\"png\": base64) or the SHA-256 of one stored in this database",
            ));
        }
    }
    Ok(())
}
