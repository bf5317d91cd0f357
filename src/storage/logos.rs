//! The shop logos (`logos`): PNG bytes named by their SHA-256.

use chrono::{DateTime, Utc};

use super::{ts, Store, WriteTx};
use crate::error::Result;

impl Store {
    /// The PNG bytes of the logo named `sha256`, if this database has it.
    pub async fn logo_png(&self, sha256: &str) -> Result<Option<Vec<u8>>> {
        Ok(
            sqlx::query_scalar::<_, Vec<u8>>("SELECT png FROM logos WHERE sha256 = ?")
                .bind(sha256)
                .fetch_optional(self.reader())
                .await?,
        )
    }
}

impl WriteTx {
    /// Keeps `png` (named `sha256`) unless the same logo is already there.
    pub async fn store_logo(&mut self, sha256: &str, png: &[u8], now: DateTime<Utc>) -> Result<()> {
        let conn = self.conn().await?;
        sqlx::query("INSERT OR IGNORE INTO logos (png, sha256, created_at) VALUES (?, ?, ?)")
            .bind(png)
            .bind(sha256)
            .bind(ts(now))
            .execute(&mut *conn)
            .await?;
        Ok(())
    }

    /// Whether the logo named `sha256` is stored.
    pub async fn has_logo(&mut self, sha256: &str) -> Result<bool> {
        let conn = self.conn().await?;
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM logos WHERE sha256 = ?")
            .bind(sha256)
            .fetch_one(&mut *conn)
            .await?;
        Ok(n > 0)
    }
}
