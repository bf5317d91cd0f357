//! Settings storage with versioning: a changed workflow or order type gets a
//! new immutable version; each order type points at its current plan.

use std::collections::{BTreeSet, HashMap};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sqlx::{Row, SqliteConnection};

use super::{ts, Store, WriteTx};
use crate::error::{Error, Result};
use crate::settings::{
    version_for, CatalogueItem, DiscountCode, OrderTypeContent, Settings, Shop, Status, Step,
    Wizard, Workflow, WorkflowContent, FORMAT,
};
use crate::workflow::Plan;

fn json<T: Serialize>(v: &T) -> Result<String> {
    serde_json::to_string(v).map_err(|e| Error::Storage(e.to_string()))
}

fn parse<T: for<'de> Deserialize<'de>>(text: &str) -> Result<T> {
    serde_json::from_str(text).map_err(|e| Error::Storage(format!("corrupt settings row: {e}")))
}

/// Current settings, with version numbers filled in; `None` before the first save.
async fn load(conn: &mut SqliteConnection) -> Result<Option<(Settings, HashMap<String, i64>)>> {
    let Some(shop) = sqlx::query_scalar::<_, String>("SELECT doc FROM shop WHERE id = 1")
        .fetch_optional(&mut *conn)
        .await?
    else {
        return Ok(None);
    };
    let shop: Shop = parse(&shop)?;
    let statuses = sqlx::query("SELECT key, name, color FROM statuses ORDER BY position")
        .fetch_all(&mut *conn)
        .await?
        .into_iter()
        .map(|r| Status {
            key: r.get(0),
            name: r.get(1),
            color: r.get(2),
        })
        .collect();
    let workflow_types =
        sqlx::query_scalar::<_, String>("SELECT key FROM workflow_types ORDER BY position")
            .fetch_all(&mut *conn)
            .await?;
    let mut workflows = Vec::new();
    for r in sqlx::query(
        "SELECT w.key, v.version, v.name, v.type, v.steps FROM workflows w \
         JOIN workflow_versions v ON v.key = w.key AND v.version = w.current_version \
         WHERE w.retired = 0 ORDER BY w.position",
    )
    .fetch_all(&mut *conn)
    .await?
    {
        workflows.push(Workflow {
            key: r.get(0),
            version: Some(r.get::<i64, _>(1) as u32),
            name: r.get(2),
            kind: r.get(3),
            steps: parse::<Vec<Step>>(r.get::<&str, _>(4))?,
        });
    }
    let mut wizards = Vec::new();
    for doc in sqlx::query_scalar::<_, String>("SELECT doc FROM wizards ORDER BY position")
        .fetch_all(&mut *conn)
        .await?
    {
        wizards.push(parse::<Wizard>(&doc)?);
    }
    let mut order_types = Vec::new();
    let mut plan_ids = HashMap::new();
    for r in sqlx::query(
        "SELECT t.key, v.version, v.doc, t.plan_id FROM order_types t \
         JOIN order_type_versions v ON v.key = t.key AND v.version = t.current_version \
         WHERE t.retired = 0 ORDER BY t.position",
    )
    .fetch_all(&mut *conn)
    .await?
    {
        let doc: OrderTypeContent = parse(r.get::<&str, _>(2))?;
        let key: String = r.get(0);
        plan_ids.insert(key.clone(), r.get::<i64, _>(3));
        order_types.push(doc.into_order_type(key, r.get::<i64, _>(1) as u32));
    }
    let mut catalogue = Vec::new();
    for doc in sqlx::query_scalar::<_, String>("SELECT doc FROM items ORDER BY position")
        .fetch_all(&mut *conn)
        .await?
    {
        catalogue.push(parse::<CatalogueItem>(&doc)?);
    }
    let categories =
        sqlx::query_scalar::<_, String>("SELECT name FROM categories ORDER BY position")
            .fetch_all(&mut *conn)
            .await?;
    let mut discount_codes = Vec::new();
    for doc in sqlx::query_scalar::<_, String>("SELECT doc FROM discount_codes ORDER BY position")
        .fetch_all(&mut *conn)
        .await?
    {
        discount_codes.push(parse::<DiscountCode>(&doc)?);
    }
    Ok(Some((
        Settings {
            format: FORMAT.to_string(),
            shop,
            statuses,
            workflow_types,
            workflows,
            wizards,
            order_types,
            catalogue,
            categories,
            discount_codes,
        },
        plan_ids,
    )))
}

impl Store {
    /// The current settings and each order type's current plan id.
    pub async fn load_settings(&self) -> Result<Option<(Settings, HashMap<String, i64>)>> {
        let mut conn = self.reader().acquire().await?;
        load(&mut conn).await
    }

    /// A plan by id (plans are immutable, so callers may cache them).
    pub async fn load_plan(&self, id: i64) -> Result<Plan> {
        let doc: String = sqlx::query_scalar("SELECT doc FROM plans WHERE id = ?")
            .bind(id)
            .fetch_optional(self.reader())
            .await?
            .ok_or_else(|| Error::not_found("plan", id.to_string()))?;
        parse(&doc)
    }
}

impl WriteTx {
    /// Whether the shop has settings (read inside this write transaction,
    /// so a first-run set-up cannot race another).
    pub async fn has_settings(&mut self) -> Result<bool> {
        let conn = self.conn().await?;
        let found: Option<i64> = sqlx::query_scalar("SELECT 1 FROM shop WHERE id = 1")
            .fetch_optional(&mut *conn)
            .await?;
        Ok(found.is_some())
    }

    /// Stores validated settings. Changed workflows and order types get a new
    /// version ([`version_for`]); order types whose chain changed get a new
    /// plan. Refuses to drop a status that an order still in progress can
    /// reach. Returns the settings as stored (with versions) and the plan ids.
    pub async fn save_settings(
        &mut self,
        mut s: Settings,
        now: DateTime<Utc>,
        actor: &str,
        summary: &str,
    ) -> Result<(Settings, HashMap<String, i64>)> {
        let conn = self.conn().await?;
        let at = ts(now);
        check_statuses_in_flight(conn, &s).await?;
        save_library(conn, &s).await?;
        save_workflows(conn, &mut s.workflows, &at).await?;
        let plan_ids = save_order_types(conn, &mut s, &at).await?;
        sqlx::query("INSERT INTO settings_changes (at, actor, summary) VALUES (?, ?, ?)")
            .bind(&at)
            .bind(actor)
            .bind(summary)
            .execute(&mut *conn)
            .await?;
        Ok((s, plan_ids))
    }
}

/// The unversioned parts: the shop, statuses, workflow types, wizards,
/// the item categories and the catalogue, replaced whole.
async fn save_library(conn: &mut SqliteConnection, s: &Settings) -> Result<()> {
    sqlx::query(
        "INSERT INTO shop (id, doc) VALUES (1, ?) ON CONFLICT(id) DO UPDATE SET doc = excluded.doc",
    )
    .bind(json(&s.shop)?)
    .execute(&mut *conn)
    .await?;
    sqlx::query("DELETE FROM statuses")
        .execute(&mut *conn)
        .await?;
    for (i, st) in s.statuses.iter().enumerate() {
        sqlx::query("INSERT INTO statuses (key, name, color, position) VALUES (?, ?, ?, ?)")
            .bind(&st.key)
            .bind(&st.name)
            .bind(&st.color)
            .bind(i as i64)
            .execute(&mut *conn)
            .await?;
    }
    sqlx::query("DELETE FROM workflow_types")
        .execute(&mut *conn)
        .await?;
    for (i, t) in s.workflow_types.iter().enumerate() {
        sqlx::query("INSERT INTO workflow_types (key, position) VALUES (?, ?)")
            .bind(t)
            .bind(i as i64)
            .execute(&mut *conn)
            .await?;
    }
    sqlx::query("DELETE FROM wizards")
        .execute(&mut *conn)
        .await?;
    for (i, w) in s.wizards.iter().enumerate() {
        sqlx::query("INSERT INTO wizards (key, doc, position) VALUES (?, ?, ?)")
            .bind(&w.key)
            .bind(json(w)?)
            .bind(i as i64)
            .execute(&mut *conn)
            .await?;
    }
    sqlx::query("DELETE FROM categories")
        .execute(&mut *conn)
        .await?;
    for (i, name) in s.categories.iter().enumerate() {
        sqlx::query("INSERT INTO categories (name, position) VALUES (?, ?)")
            .bind(name)
            .bind(i as i64)
            .execute(&mut *conn)
            .await?;
    }
    sqlx::query("DELETE FROM discount_codes")
        .execute(&mut *conn)
        .await?;
    for (i, c) in s.discount_codes.iter().enumerate() {
        sqlx::query("INSERT INTO discount_codes (code, doc, position) VALUES (?, ?, ?)")
            .bind(&c.code)
            .bind(json(c)?)
            .bind(i as i64)
            .execute(&mut *conn)
            .await?;
    }
    sqlx::query("DELETE FROM items").execute(&mut *conn).await?;
    for (i, item) in s.catalogue.iter().enumerate() {
        sqlx::query("INSERT INTO items (sku, name, barcode, doc, position) VALUES (?, ?, ?, ?, ?)")
            .bind(&item.sku)
            .bind(&item.name)
            .bind(&item.barcode)
            .bind(json(item)?)
            .bind(i as i64)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// The workflows, each at the version [`version_for`] gives it (set on
/// them); those no longer in the settings are retired.
async fn save_workflows(
    conn: &mut SqliteConnection,
    workflows: &mut [Workflow],
    at: &str,
) -> Result<()> {
    sqlx::query("UPDATE workflows SET retired = 1")
        .execute(&mut *conn)
        .await?;
    for (i, wf) in workflows.iter_mut().enumerate() {
        let content = WorkflowContent::of(wf).map_err(|e| Error::Storage(e.to_string()))?;
        let in_force: Option<(i64, String, String, String)> = sqlx::query_as(
            "SELECT v.version, v.name, v.type, v.steps FROM workflows w \
             JOIN workflow_versions v ON v.key = w.key AND v.version = w.current_version WHERE w.key = ?",
        )
        .bind(&wf.key)
        .fetch_optional(&mut *conn)
        .await?;
        let in_force = in_force.map(|(version, name, kind, steps)| {
            (version as u32, WorkflowContent { name, kind, steps })
        });
        let version = version_for(in_force.as_ref().map(|(v, c)| (*v, c)), &content);
        sqlx::query(
            "INSERT INTO workflows (key, current_version, position, retired) VALUES (?, ?, ?, 0) \
             ON CONFLICT(key) DO UPDATE SET current_version = excluded.current_version, \
             position = excluded.position, retired = 0",
        )
        .bind(&wf.key)
        .bind(i64::from(version))
        .bind(i as i64)
        .execute(&mut *conn)
        .await?;
        sqlx::query(
            "INSERT OR IGNORE INTO workflow_versions (key, version, name, type, steps, created_at) \
             VALUES (?, ?, ?, ?, ?, ?)",
        )
        .bind(&wf.key)
        .bind(i64::from(version))
        .bind(&content.name)
        .bind(&content.kind)
        .bind(&content.steps)
        .bind(at)
        .execute(&mut *conn)
        .await?;
        wf.version = Some(version);
    }
    Ok(())
}

/// The order types, each at the version [`version_for`] gives it, with
/// its plan (a new one only when its chain changed); those no longer in
/// the settings are retired. Returns the plan id of each.
async fn save_order_types(
    conn: &mut SqliteConnection,
    s: &mut Settings,
    at: &str,
) -> Result<HashMap<String, i64>> {
    sqlx::query("UPDATE order_types SET retired = 1")
        .execute(&mut *conn)
        .await?;
    let mut docs = Vec::with_capacity(s.order_types.len());
    for ot in s.order_types.iter_mut() {
        let doc = json(&OrderTypeContent::of(ot))?;
        let in_force: Option<(i64, String)> = sqlx::query_as(
            "SELECT v.version, v.doc FROM order_types t \
             JOIN order_type_versions v ON v.key = t.key AND v.version = t.current_version WHERE t.key = ?",
        )
        .bind(&ot.key)
        .fetch_optional(&mut *conn)
        .await?;
        let in_force = in_force.as_ref().map(|(v, d)| (*v as u32, d.as_str()));
        ot.version = Some(version_for(in_force, doc.as_str()));
        docs.push(doc);
    }
    let mut plan_ids = HashMap::new();
    for (i, (ot, ot_doc)) in s.order_types.iter().zip(docs).enumerate() {
        let version = i64::from(ot.version.unwrap_or(1));
        let doc = json(&Plan::for_order_type(s, &ot.key)?)?;
        let existing: Option<(i64, String)> = sqlx::query_as(
            "SELECT p.id, p.doc FROM order_types t JOIN plans p ON p.id = t.plan_id WHERE t.key = ?",
        )
        .bind(&ot.key)
        .fetch_optional(&mut *conn)
        .await?;
        let plan_id =
            match existing {
                Some((id, old)) if old == doc => id,
                _ => sqlx::query_scalar(
                    "INSERT INTO plans (order_type, doc, created_at) VALUES (?, ?, ?) RETURNING id",
                )
                .bind(&ot.key)
                .bind(&doc)
                .bind(at)
                .fetch_one(&mut *conn)
                .await?,
            };
        sqlx::query(
            "INSERT INTO order_types (key, current_version, plan_id, position, retired) VALUES (?, ?, ?, ?, 0) \
             ON CONFLICT(key) DO UPDATE SET current_version = excluded.current_version, \
             plan_id = excluded.plan_id, position = excluded.position, retired = 0",
        )
        .bind(&ot.key)
        .bind(version)
        .bind(plan_id)
        .bind(i as i64)
        .execute(&mut *conn)
        .await?;
        sqlx::query(
            "INSERT OR IGNORE INTO order_type_versions (key, version, doc, created_at) VALUES (?, ?, ?, ?)",
        )
        .bind(&ot.key)
        .bind(version)
        .bind(&ot_doc)
        .bind(at)
        .execute(&mut *conn)
        .await?;
        plan_ids.insert(ot.key.clone(), plan_id);
    }
    Ok(plan_ids)
}

/// Every status an order in progress can still reach must stay in the library.
async fn check_statuses_in_flight(conn: &mut SqliteConnection, s: &Settings) -> Result<()> {
    let rows: Vec<(String, i64)> = sqlx::query_as(
        "SELECT p.doc, (SELECT COUNT(*) FROM orders o WHERE o.plan_id = p.id AND o.closed_at IS NULL) \
         FROM plans p WHERE p.id IN (SELECT DISTINCT plan_id FROM orders WHERE closed_at IS NULL)",
    )
    .fetch_all(&mut *conn)
    .await?;
    for (doc, open) in rows {
        let plan: Plan = parse(&doc)?;
        let used: BTreeSet<&str> = plan
            .stages
            .iter()
            .flat_map(|st| st.steps.iter().map(|x| x.status.as_str()))
            .collect();
        if let Some(missing) = used.into_iter().find(|k| s.status(k).is_none()) {
            return Err(Error::conflict(format!(
                "status '{missing}' is in use by {open} order(s) of type '{}' still in progress",
                plan.order_type
            )));
        }
        drop(plan);
    }
    Ok(())
}
