//! Backups and restore on real database files: the restore drill (back up
//! while orders are being taken, keep taking them, restore), refusals that
//! change nothing, skipping unchanged scheduled backups, and the backup
//! taken before a schema upgrade.

mod common;

use std::path::Path;
use std::sync::Arc;

use common::{laundry_input, t0, Shop};
use serde_json::json;
use tillflow::backup::{self, BackupReason, Retention};
use tillflow::storage::{self, Durability};
use tillflow::till::restore;
use tillflow::{Error, Till};

async fn numbers(till: &Till) -> Vec<String> {
    let filter = tillflow::orders::OrderFilter {
        limit: Some(tillflow::orders::MAX_PAGE),
        ..Default::default()
    };
    let mut n: Vec<String> = till
        .list_orders(&filter)
        .await
        .expect("list")
        .into_iter()
        .map(|o| o.number)
        .collect();
    n.sort();
    n
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn restore_drill_backup_while_writing_then_restore() {
    let shop = Shop::demo().await;
    let db = shop.dir.path().join("shop.db");
    let dir = shop.dir.path().join("backups");
    for _ in 0..20 {
        shop.laundry(json!([{"method": "cash", "amount": "5.00"}]))
            .await;
    }
    let till = Arc::new(shop.till);
    // A writer that keeps taking orders while the backup runs.
    let writing = Arc::new(std::sync::atomic::AtomicBool::new(true));
    let writer = {
        let (till, writing) = (till.clone(), writing.clone());
        tokio::spawn(async move {
            let mut made = Vec::new();
            let (mut i, mut after_stop) = (0, 0);
            // Writes until told to stop, then five more (after the backup).
            while after_stop < 5 {
                if !writing.load(std::sync::atomic::Ordering::SeqCst) {
                    after_stop += 1;
                }
                i += 1;
                let r = till
                    .create_order(
                        &laundry_input(json!([])),
                        &tillflow::staff::Actor::trusted("anna"),
                        t0() + chrono::Duration::seconds(i),
                    )
                    .await
                    .expect("order while backing up");
                made.push(r.number);
                tokio::task::yield_now().await;
            }
            made
        })
    };
    tokio::time::sleep(std::time::Duration::from_millis(30)).await;
    let before_backup = numbers(&till).await;
    let taken = till
        .backup(&dir, BackupReason::Manual, Retention::default(), t0())
        .await
        .expect("backup while writing");
    let after_backup = numbers(&till).await;
    writing.store(false, std::sync::atomic::Ordering::SeqCst);
    let made = writer.await.expect("writer");
    let everything = numbers(&till).await;
    assert!(
        everything.len() > after_backup.len(),
        "orders went on after the backup"
    );
    assert_eq!(taken.integrity, "ok");
    assert!(taken.orders >= before_backup.len() as i64);
    assert!(taken.orders <= after_backup.len() as i64);
    let till = Arc::try_unwrap(till).ok().expect("only owner");
    till.close().await;

    let done = restore(&db, &taken.file, &dir, t0())
        .await
        .expect("restore");
    assert_eq!(done.restored.orders, taken.orders);
    let replaced = done.replaced.expect("the replaced database is backed up");
    assert_eq!(replaced.reason, BackupReason::PreRestore);
    assert_eq!(replaced.orders, everything.len() as i64);

    let till = Till::open(&db, Durability::Full)
        .await
        .expect("the app opens it");
    let restored = numbers(&till).await;
    // Every order committed before the backup started is there; what came
    // after the backup finished is not; nothing else is.
    for n in &before_backup {
        assert!(
            restored.contains(n),
            "{n} committed before the backup is restored"
        );
    }
    for n in everything.iter().filter(|n| !after_backup.contains(n)) {
        assert!(!restored.contains(n), "{n} taken after the backup is gone");
    }
    assert!(restored.iter().all(|n| everything.contains(n)));
    assert!(made.iter().any(|n| !restored.contains(n)));
    // Invariants: each order has its lines, and paid is the sum of payments.
    for n in &restored {
        let o = till.order(n).await.expect("order");
        assert_eq!(o.lines.len(), 3, "{n} has its lines");
        let sum: rust_decimal::Decimal = o.payments.iter().map(|p| common::d(&p.amount)).sum();
        assert_eq!(common::d(&o.totals.paid), sum, "{n} paid = sum of payments");
    }
    let check = storage::inspect(&db).await.expect("inspect");
    assert_eq!(check.integrity, "ok");
    till.close().await;
}

#[tokio::test]
async fn restore_is_refused_while_the_database_is_open_and_changes_nothing() {
    let shop = Shop::demo().await;
    let db = shop.dir.path().join("shop.db");
    let dir = shop.dir.path().join("backups");
    let first = shop.laundry(json!([])).await;
    let b = shop
        .till
        .backup(&dir, BackupReason::Manual, Retention::default(), t0())
        .await
        .expect("backup");
    let second = shop.laundry(json!([])).await;
    let err = restore(&db, &b.file, &dir, t0())
        .await
        .expect_err("the till still has it open");
    assert!(matches!(err, Error::Conflict(_)), "{err:?}");
    assert_eq!(numbers(&shop.till).await, vec![first, second]);
    assert_eq!(
        backup::list(&dir).expect("list").len(),
        1,
        "no pre-restore copy"
    );
    shop.till.close().await;
}

#[tokio::test]
async fn a_damaged_or_foreign_file_is_refused_before_anything_is_touched() {
    let shop = Shop::demo().await;
    let db = shop.dir.path().join("shop.db");
    let dir = shop.dir.path().join("backups");
    let number = shop.laundry(json!([])).await;
    let b = shop
        .till
        .backup(&dir, BackupReason::Manual, Retention::default(), t0())
        .await
        .expect("backup");
    shop.till.close().await;
    // Half a backup (a copy cut short).
    let bytes = std::fs::read(&b.file).expect("read");
    let half = shop.dir.path().join("half.db");
    std::fs::write(&half, &bytes[..bytes.len() / 2]).expect("write");
    // Not a database at all, and a database of something else.
    let text = shop.dir.path().join("notes.db");
    std::fs::write(&text, "not a database").expect("write");
    let other = shop.dir.path().join("other.db");
    {
        use sqlx::ConnectOptions;
        let mut c = sqlx::sqlite::SqliteConnectOptions::new()
            .filename(&other)
            .create_if_missing(true)
            .connect()
            .await
            .expect("other db");
        sqlx::query("CREATE TABLE t(x)")
            .execute(&mut c)
            .await
            .expect("table");
    }
    for bad in [&half, &text, &other, &shop.dir.path().join("missing.db")] {
        let err = restore(&db, bad, &dir, t0()).await.expect_err("refused");
        assert!(
            matches!(err, Error::Invalid { .. } | Error::NotFound { .. }),
            "{}: {err:?}",
            bad.display()
        );
    }
    assert_eq!(
        backup::list(&dir).expect("list").len(),
        1,
        "nothing backed up"
    );
    let till = Till::open(&db, Durability::Full).await.expect("open");
    assert_eq!(numbers(&till).await, vec![number]);
    till.close().await;
}

#[tokio::test]
async fn the_scheduled_backup_is_skipped_when_nothing_changed() {
    let shop = Shop::demo().await;
    let dir = shop.dir.path().join("backups");
    let keep = Retention::default();
    let at = |m| t0() + chrono::Duration::minutes(m);
    let first = shop
        .till
        .backup_if_changed(&dir, BackupReason::Scheduled, keep, at(0))
        .await
        .expect("first");
    assert!(first.is_some());
    let again = shop
        .till
        .backup_if_changed(&dir, BackupReason::Scheduled, keep, at(15))
        .await
        .expect("again");
    assert!(again.is_none(), "nothing changed: no backup");
    shop.laundry(json!([])).await;
    let changed = shop
        .till
        .backup_if_changed(&dir, BackupReason::Scheduled, keep, at(90))
        .await
        .expect("changed");
    assert_eq!(changed.expect("an order was taken").orders, 1);
    // Two hours, two automatic backups kept.
    assert_eq!(backup::list(&dir).expect("list").len(), 2);
    // A later one in the same hour replaces the hour's earlier one.
    shop.laundry(json!([])).await;
    shop.till
        .backup_if_changed(&dir, BackupReason::Scheduled, keep, at(100))
        .await
        .expect("same hour")
        .expect("changed");
    let kept = backup::list(&dir).expect("list");
    assert_eq!(kept.iter().map(|b| b.orders).collect::<Vec<_>>(), [2, 0]);
    shop.till.close().await;
}

/// A database one schema version before the newest, made with all migration
/// files but the last. Returns its version.
async fn old_database(path: &Path) -> i64 {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations");
    let old = tempfile::tempdir().expect("dir");
    let mut names: Vec<_> = std::fs::read_dir(&src)
        .expect("migrations")
        .map(|e| e.expect("entry").file_name())
        .collect();
    names.sort();
    for name in &names[..names.len() - 1] {
        std::fs::copy(src.join(name), old.path().join(name)).expect("copy");
    }
    use sqlx::ConnectOptions;
    let mut c = sqlx::sqlite::SqliteConnectOptions::new()
        .filename(path)
        .create_if_missing(true)
        .connect()
        .await
        .expect("db");
    sqlx::migrate::Migrator::new(old.path())
        .await
        .expect("migrator")
        .run(&mut c)
        .await
        .expect("old schema");
    let last = names[names.len() - 2].to_string_lossy().into_owned();
    last[..4].parse().expect("version")
}

#[tokio::test]
async fn an_upgrade_backs_the_database_up_first() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("shop.db");
    let version = old_database(&db).await;
    let till = Till::open(&db, Durability::Full).await.expect("upgraded");
    let found = backup::list(&dir.path().join("backups")).expect("list");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].reason, BackupReason::PreMigration);
    let old = storage::inspect(&found[0].file).await.expect("inspect");
    assert_eq!(old.integrity, "ok");
    assert_eq!(old.schema_version, version, "the copy is of the old schema");
    till.close().await;
    // Opening it again (nothing to upgrade) takes no backup.
    let till = Till::open(&db, Durability::Full).await.expect("open");
    till.close().await;
    assert_eq!(
        backup::list(&dir.path().join("backups"))
            .expect("list")
            .len(),
        1
    );
}

#[tokio::test]
async fn the_currency_cannot_change_once_orders_exist() {
    let shop = Shop::demo().await;
    // No orders yet: a shop may still pick its currency.
    let mut s = shop.till.settings().expect("settings");
    s.shop.currency = "GBP".into();
    shop.till
        .import_settings(s, &tillflow::staff::Actor::trusted("anna"), t0())
        .await
        .expect("no orders yet");
    let number = shop.laundry(json!([])).await;
    let total = shop.till.order(&number).await.expect("order").totals.total;
    for code in ["BHD", "USD"] {
        let mut s = shop.till.settings().expect("settings");
        s.shop.currency = code.into();
        let err = shop
            .till
            .import_settings(s.clone(), &tillflow::staff::Actor::trusted("anna"), t0())
            .await
            .expect_err("refused");
        assert!(err.to_string().contains("shop.currency"), "{err}");
        let err = shop
            .till
            .change_settings(
                tillflow::settings::SettingsChange::SaveShop {
                    shop: s.shop.clone(),
                },
                &tillflow::staff::Actor::trusted("anna"),
                t0(),
            )
            .await;
        assert!(err.is_err(), "{code} through a settings change");
    }
    let o = shop.till.order(&number).await.expect("order");
    assert_eq!(o.totals.total, total, "amounts unchanged");
    assert_eq!(shop.till.settings().expect("settings").shop.currency, "GBP");
    shop.till.close().await;
}

/// After `close`, nothing of this process holds the database: the
/// exclusive hold a restore takes succeeds at once, every time, also right
/// after reads whose connections were still going back to the pool (sqlx's
/// `Pool::close` alone left one open about one time in ten).
#[tokio::test]
async fn a_closed_till_lets_go_of_the_file_at_once() {
    let shop = Shop::demo().await;
    let db = shop.dir.path().join("shop.db");
    shop.laundry(json!([])).await;
    shop.till.close().await;
    for round in 0..40 {
        let till = Arc::new(Till::open(&db, Durability::Full).await.expect("open"));
        let reads: Vec<_> = (0..4)
            .map(|_| {
                let till = till.clone();
                tokio::spawn(async move { numbers(&till).await })
            })
            .collect();
        for r in reads {
            r.await.expect("read");
        }
        till.close().await;
        match storage::hold_exclusive(&db).await {
            Ok(hold) => hold.release().await.expect("release"),
            Err(e) => panic!("round {round}: {e}"),
        }
        drop(till);
    }
}

// ---- Machine settings, the schedule, encryption, restore preview --------

use tillflow::machine::{BackupSettingsChange, MachineSettings};
use tillflow::till::{restore_with, RestoreRequest, RESTORE_NOTE};

fn settings_change(folder: &Path, interval: u32, pass: Option<&str>) -> BackupSettingsChange {
    BackupSettingsChange {
        folder: folder.display().to_string(),
        interval_minutes: interval,
        encrypt: pass.is_some(),
        passphrase: pass.unwrap_or_default().into(),
    }
}

#[tokio::test]
async fn scheduled_backups_follow_the_machine_interval_and_skip_when_unchanged() {
    let shop = Shop::demo().await;
    let usb = shop.dir.path().join("usb-stick");
    let at = |m| t0() + chrono::Duration::minutes(m);
    let view = shop
        .till
        .save_backup_settings(
            &settings_change(&usb, 15, None),
            &tillflow::staff::Actor::trusted("anna"),
            at(0),
        )
        .await
        .expect("settings saved");
    assert_eq!(view.folder, usb.display().to_string());
    assert!(
        view.history[0].summary.contains("every 15 min"),
        "{:?}",
        view.history
    );
    // Beside the database, not in the shop's settings.
    let db = shop.till.store().path().to_path_buf();
    assert_eq!(
        MachineSettings::load(&db).expect("load").interval_minutes,
        15
    );
    assert!(!shop
        .till
        .settings()
        .expect("settings")
        .to_json()
        .contains("usb-stick"));

    let first = shop.till.scheduled_backup(at(0)).await.expect("first");
    assert!(first.is_some(), "no backup yet: due at once");
    assert!(
        shop.till
            .scheduled_backup(at(5))
            .await
            .expect("5")
            .is_none(),
        "not due"
    );
    assert!(
        shop.till
            .scheduled_backup(at(20))
            .await
            .expect("20")
            .is_none(),
        "due, but nothing changed"
    );
    shop.laundry(json!([])).await;
    assert!(
        shop.till
            .scheduled_backup(at(10))
            .await
            .expect("10")
            .is_none(),
        "changed, not due"
    );
    let taken = shop.till.scheduled_backup(at(21)).await.expect("21");
    assert_eq!(taken.expect("due and changed").orders, 1);
    let view = shop.till.backups_view(at(21)).await.expect("view");
    // Rotation keeps the newest automatic backup of the hour.
    assert_eq!(
        view.backups.iter().map(|b| b.orders).collect::<Vec<_>>(),
        [1]
    );
    assert_eq!(view.next_due, at(36));
    shop.till.close().await;
}

#[tokio::test]
async fn importing_settings_backs_up_first_into_the_machine_folder() {
    let shop = Shop::demo().await;
    let usb = shop.dir.path().join("usb");
    shop.till
        .save_backup_settings(
            &settings_change(&usb, 15, None),
            &tillflow::staff::Actor::trusted("anna"),
            t0(),
        )
        .await
        .expect("settings");
    shop.laundry(json!([])).await;
    let settings = shop.till.settings().expect("settings");
    shop.till
        .import_settings(settings, &tillflow::staff::Actor::trusted("anna"), t0())
        .await
        .expect("import");
    let found = backup::list(&usb).expect("list");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].reason, BackupReason::PreImport);
    assert_eq!(found[0].orders, 1);
    shop.till.close().await;
}

#[tokio::test]
async fn encrypted_backups_round_trip_and_a_wrong_passphrase_is_refused() {
    std::env::set_var("TILLFLOW_BACKUP_WORK_FACTOR", "6");
    let shop = Shop::demo().await;
    let db = shop.till.store().path().to_path_buf();
    let usb = shop.dir.path().join("usb");
    let pass = "open sesame 42";
    shop.till
        .save_backup_settings(
            &settings_change(&usb, 15, Some(pass)),
            &tillflow::staff::Actor::trusted("anna"),
            t0(),
        )
        .await
        .expect("settings");
    let kept = shop.laundry(json!([])).await;
    let taken = shop
        .till
        .back_up(BackupReason::Manual, t0())
        .await
        .expect("encrypted backup");
    assert!(taken.encrypted);
    assert!(
        taken.file.to_string_lossy().ends_with(".db.age"),
        "{:?}",
        taken.file
    );
    let bytes = std::fs::read(&taken.file).expect("read");
    assert!(!bytes.windows(15).any(|w| w == b"SQLite format 3"));
    // Listed from its description, no passphrase needed.
    assert_eq!(backup::list(&usb).expect("list")[0].orders, 1);
    let preview = shop
        .till
        .restore_preview(&taken.file)
        .await
        .expect("preview");
    assert!(preview.needs_passphrase);
    let gone = shop.laundry(json!([])).await;
    shop.till.close().await;

    let anna = tillflow::staff::Actor::trusted("anna");
    let request = |p: Option<&'static str>| RestoreRequest {
        file: &taken.file,
        passphrase: p,
        actor: &anna,
        dir: &usb,
        sealing: Some(pass),
    };
    for wrong in [None, Some("not the passphrase")] {
        let refused = restore_with(&db, request(wrong), t0()).await;
        assert!(
            matches!(&refused, Err(Error::Invalid { field, .. }) if field == "passphrase"),
            "{refused:?}"
        );
    }
    let untouched = Till::open(&db, Durability::Normal).await.expect("open");
    assert_eq!(
        numbers(&untouched).await.len(),
        2,
        "a refused restore changes nothing"
    );
    untouched.close().await;
    let done = restore_with(&db, request(Some("open sesame 42")), t0())
        .await
        .expect("restore");
    assert!(
        done.replaced.expect("replaced").encrypted,
        "the pre-restore copy is encrypted too"
    );
    let till = Till::open(&db, Durability::Normal).await.expect("open");
    let n = numbers(&till).await;
    assert_eq!(n, vec![kept]);
    assert!(!n.contains(&gone));
    till.close().await;
    assert!(
        !db.with_extension("unsealed").exists(),
        "no decrypted copy left behind"
    );
}

#[tokio::test]
async fn restore_preview_names_what_will_be_replaced_and_the_restore_is_recorded() {
    let shop = Shop::demo().await;
    let db = shop.till.store().path().to_path_buf();
    let dir = shop.dir.path().join("backups");
    shop.laundry(json!([])).await;
    let second = shop.laundry(json!([])).await;
    let taken = shop
        .till
        .back_up(BackupReason::Manual, t0())
        .await
        .expect("backup");
    assert_eq!(taken.last_order.as_deref(), Some(second.as_str()));
    let third = shop.laundry(json!([])).await;
    let preview = shop
        .till
        .restore_preview(&taken.file)
        .await
        .expect("preview");
    assert_eq!((preview.current_orders, preview.backup.orders), (3, 2));
    assert_eq!(preview.orders_lost, 1);
    assert_eq!(preview.current_last_order.as_deref(), Some(third.as_str()));
    assert!(!preview.needs_passphrase);
    assert!(
        preview.summary.contains(&third) && preview.summary.contains(&second),
        "{}",
        preview.summary
    );
    shop.till.close().await;
    let request = RestoreRequest {
        file: &taken.file,
        passphrase: None,
        actor: &tillflow::staff::Actor::trusted("anna"),
        dir: &dir,
        sealing: None,
    };
    restore_with(&db, request, t0()).await.expect("restore");
    let till = Till::open(&db, Durability::Normal).await.expect("open");
    let notes = till.store().notes(RESTORE_NOTE, 5).await.expect("notes");
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert_eq!(notes[0].1, "anna");
    assert!(notes[0].2.contains("3 orders"), "{notes:?}");
    till.close().await;
}
