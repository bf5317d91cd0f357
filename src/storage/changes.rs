//! Changes made by other connections (the CLI, another process, this
//! process's writer): `PRAGMA data_version` on one read connection of its
//! own changes whenever anyone else commits to the database file.

use sqlx::pool::PoolConnection;
use sqlx::Sqlite;

use super::Store;
use crate::error::Result;

/// One connection kept to watch the database's data version.
pub struct ChangeWatch {
    conn: PoolConnection<Sqlite>,
    seen: i64,
}

async fn data_version(conn: &mut PoolConnection<Sqlite>) -> Result<i64> {
    Ok(sqlx::query_scalar("PRAGMA data_version")
        .fetch_one(&mut **conn)
        .await?)
}

impl Store {
    /// A watch over the database file: [`ChangeWatch::changed`] says
    /// whether anything was committed since the last call.
    pub async fn watch_changes(&self) -> Result<ChangeWatch> {
        let mut conn = self.reader().acquire().await?;
        let seen = data_version(&mut conn).await?;
        Ok(ChangeWatch { conn, seen })
    }
}

impl ChangeWatch {
    /// Whether another connection committed since the watch began or the
    /// last call.
    pub async fn changed(&mut self) -> Result<bool> {
        let now = data_version(&mut self.conn).await?;
        let changed = now != self.seen;
        self.seen = now;
        Ok(changed)
    }
}
