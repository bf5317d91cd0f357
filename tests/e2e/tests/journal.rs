//! The journal's start-up check in the real window (issue 12): a database
//! whose payment row was edited with raw SQL opens with the warning banner
//! naming the problem; the untouched demo database shows no banner.
//!
//! Ignored in a plain `cargo test`: `.ci/e2e.sh` runs it (see story.rs).

use tillflow::orders::PaymentInput;
use tillflow::staff::Actor;
use tillflow::storage::Durability;
use tillflow::Till;
use tillflow_e2e::{App, TestResult};

#[tokio::test]
#[ignore = "real window: run by .ci/e2e.sh"]
async fn a_tampered_database_opens_with_the_journal_warning() -> TestResult {
    let dir = tempfile::tempdir()?;
    let db = dir.path().join("tampered.db");
    {
        let till = Till::open(&db, Durability::Normal).await?;
        let now = chrono::Utc::now();
        till.ensure_demo(now).await?;
        let input = serde_json::from_value(serde_json::json!({
            "type": "laundry",
            "customer": {"name": "Marie Curie", "phone": "+33 6 12 34 56 78"},
            "fields": {"due_date": "2030-03-05"},
            "lines": [{"name": "Curtain", "qty": "1", "unit_price": "18.00", "tax_rate": "20"}],
            "payments": []
        }))?;
        let actor = Actor::trusted("anna");
        let float = tillflow::till::CashCount {
            total: Some("100.00".into()),
            pieces: Vec::new(),
        };
        till.open_session(&float, &actor, now).await?;
        let order = till.create_order(&input, &actor, now).await?;
        let pay = PaymentInput {
            method: "cash".into(),
            amount: "10.00".parse()?,
            reference: None,
        };
        till.pay(&order.number, &pay, &actor, now).await?;
        till.close().await;
    }
    // Someone lowers the payment with sqlite behind the till's back.
    let conn = rusqlite::Connection::open(&db)?;
    conn.execute_batch("UPDATE payments SET amount = 500")?;
    drop(conn);

    let app = App::launch_with(&[("TILLFLOW_DB", db.as_path())]).await?;
    let banner = app
        .wait_for_text("[data-testid=journal-warning]", "does not verify")
        .await?;
    let text = banner.text().await?;
    assert!(text.contains("payments row"), "{text}");
    app.shot_painted("journal-warning").await?;
    app.close().await?;

    // The untouched demo shop: no banner once the check is done.
    let app = App::launch().await?;
    app.wait_for("[data-testid=nav-dashboard]").await?;
    tokio::time::sleep(std::time::Duration::from_secs(3)).await;
    assert!(app.texts("[data-testid=journal-warning]").await?.is_empty());
    app.close().await?;
    Ok(())
}
