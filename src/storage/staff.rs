//! Staff (`staff`) and what happened to them (`staff_events`). The PIN hash
//! is read only to check a PIN: [`StaffRow::pin_hash`] never leaves the core.

use chrono::{DateTime, Utc};
use sqlx::sqlite::SqliteRow;
use sqlx::Row;

use super::{ts, Store, WriteTx};
use crate::error::{Error, Result};

/// A stored staff member, hash included (core only).
#[derive(Debug, Clone)]
pub struct StaffRow {
    pub id: i64,
    pub name: String,
    pub role: String,
    pub pin_hash: Option<String>,
    pub active: bool,
    pub failures: u32,
    pub locked_until: Option<DateTime<Utc>>,
}

const COLUMNS: &str = "id, name, role, pin_hash, active, failures, locked_until";

fn staff_row(r: &SqliteRow) -> Result<StaffRow> {
    let locked: Option<String> = r.try_get(6)?;
    Ok(StaffRow {
        id: r.try_get(0)?,
        name: r.try_get(1)?,
        role: r.try_get(2)?,
        pin_hash: r.try_get(3)?,
        active: r.try_get::<i64, _>(4)? != 0,
        failures: r.try_get::<i64, _>(5)?.clamp(0, u32::MAX as i64) as u32,
        locked_until: locked
            .map(|t| {
                DateTime::parse_from_rfc3339(&t)
                    .map(|d| d.with_timezone(&Utc))
                    .map_err(|e| Error::Storage(format!("staff.locked_until '{t}': {e}")))
            })
            .transpose()?,
    })
}

/// The lookup key of a name: case does not make two people.
pub fn name_key(name: &str) -> String {
    name.trim().to_lowercase()
}

impl Store {
    /// Every staff member, by name.
    pub async fn staff(&self) -> Result<Vec<StaffRow>> {
        let rows = sqlx::query(&format!("SELECT {COLUMNS} FROM staff ORDER BY name_key"))
            .fetch_all(self.reader())
            .await?;
        rows.iter().map(staff_row).collect()
    }

    /// The staff member called `name` (any case).
    pub async fn staff_named(&self, name: &str) -> Result<Option<StaffRow>> {
        let row = sqlx::query(&format!("SELECT {COLUMNS} FROM staff WHERE name_key = ?"))
            .bind(name_key(name))
            .fetch_optional(self.reader())
            .await?;
        row.as_ref().map(staff_row).transpose()
    }

    /// (at, actor, event, detail) of what happened to staff member `id`, newest first.
    pub async fn staff_events(
        &self,
        id: i64,
    ) -> Result<Vec<(String, String, String, Option<String>)>> {
        let rows = sqlx::query(
            "SELECT at, actor, event, detail FROM staff_events WHERE staff_id = ? ORDER BY id DESC",
        )
        .bind(id)
        .fetch_all(self.reader())
        .await?;
        rows.iter()
            .map(|r| Ok((r.try_get(0)?, r.try_get(1)?, r.try_get(2)?, r.try_get(3)?)))
            .collect()
    }
}

impl WriteTx {
    /// The staff member called `name` (any case), read under the write lock.
    pub async fn staff_named(&mut self, name: &str) -> Result<Option<StaffRow>> {
        let conn = self.conn().await?;
        let row = sqlx::query(&format!("SELECT {COLUMNS} FROM staff WHERE name_key = ?"))
            .bind(name_key(name))
            .fetch_optional(&mut *conn)
            .await?;
        row.as_ref().map(staff_row).transpose()
    }

    /// (name, role) of every staff member, active or not, by name.
    pub async fn staff_roles(&mut self) -> Result<Vec<(String, String)>> {
        let conn = self.conn().await?;
        Ok(
            sqlx::query_as("SELECT name, role FROM staff ORDER BY name_key")
                .fetch_all(&mut *conn)
                .await?,
        )
    }

    /// How many staff members there are, active or not.
    pub async fn count_staff(&mut self) -> Result<i64> {
        let conn = self.conn().await?;
        Ok(sqlx::query_scalar("SELECT COUNT(*) FROM staff")
            .fetch_one(&mut *conn)
            .await?)
    }

    /// How many active staff members hold `role`.
    pub async fn count_active_role(&mut self, role: &str) -> Result<i64> {
        let conn = self.conn().await?;
        Ok(
            sqlx::query_scalar("SELECT COUNT(*) FROM staff WHERE role = ? AND active = 1")
                .bind(role)
                .fetch_one(&mut *conn)
                .await?,
        )
    }

    /// Adds a staff member; a name already taken (any case) is a conflict.
    pub async fn add_staff(
        &mut self,
        name: &str,
        role: &str,
        pin_hash: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<i64> {
        let conn = self.conn().await?;
        let done = sqlx::query(
            "INSERT INTO staff (name, name_key, role, pin_hash, created_at, updated_at) \
             VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(name_key) DO NOTHING",
        )
        .bind(name)
        .bind(name_key(name))
        .bind(role)
        .bind(pin_hash)
        .bind(ts(now))
        .bind(ts(now))
        .execute(&mut *conn)
        .await?;
        if done.rows_affected() == 0 {
            return Err(Error::conflict(format!(
                "there is already a staff member called {name}"
            )));
        }
        Ok(done.last_insert_rowid())
    }

    /// Sets a new PIN hash; the wrong-PIN count and any lock start over.
    pub async fn set_staff_pin(&mut self, id: i64, hash: &str, now: DateTime<Utc>) -> Result<()> {
        let conn = self.conn().await?;
        sqlx::query(
            "UPDATE staff SET pin_hash = ?, failures = 0, locked_until = NULL, updated_at = ? \
             WHERE id = ?",
        )
        .bind(hash)
        .bind(ts(now))
        .bind(id)
        .execute(&mut *conn)
        .await?;
        Ok(())
    }

    /// Records the count of wrong PINs in a row and the lock it caused.
    pub async fn set_staff_failures(
        &mut self,
        id: i64,
        failures: u32,
        locked_until: Option<DateTime<Utc>>,
    ) -> Result<()> {
        let conn = self.conn().await?;
        sqlx::query("UPDATE staff SET failures = ?, locked_until = ? WHERE id = ?")
            .bind(i64::from(failures))
            .bind(locked_until.map(ts))
            .bind(id)
            .execute(&mut *conn)
            .await?;
        Ok(())
    }

    pub async fn set_staff_active(
        &mut self,
        id: i64,
        active: bool,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let conn = self.conn().await?;
        sqlx::query("UPDATE staff SET active = ?, updated_at = ? WHERE id = ?")
            .bind(i64::from(active))
            .bind(ts(now))
            .bind(id)
            .execute(&mut *conn)
            .await?;
        Ok(())
    }

    pub async fn set_staff_role(&mut self, id: i64, role: &str, now: DateTime<Utc>) -> Result<()> {
        let conn = self.conn().await?;
        sqlx::query("UPDATE staff SET role = ?, updated_at = ? WHERE id = ?")
            .bind(role)
            .bind(ts(now))
            .bind(id)
            .execute(&mut *conn)
            .await?;
        Ok(())
    }

    /// One line of a staff member's history.
    pub async fn staff_event(
        &mut self,
        id: i64,
        at: DateTime<Utc>,
        actor: &str,
        event: &str,
        detail: Option<&str>,
    ) -> Result<()> {
        let conn = self.conn().await?;
        sqlx::query(
            "INSERT INTO staff_events (staff_id, at, actor, event, detail) VALUES (?, ?, ?, ?, ?)",
        )
        .bind(id)
        .bind(ts(at))
        .bind(actor)
        .bind(event)
        .bind(detail)
        .execute(&mut *conn)
        .await?;
        Ok(())
    }
}
