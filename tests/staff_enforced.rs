//! Permissions enforced by the core on real database files: every `Till`
//! write and export takes a resolved [`Actor`]; a cashier is refused what the
//! matrix withholds with a `forbidden` error naming the permission and
//! nothing is written; a manager's approval lets the one action through and
//! the order's history records both names.

mod common;

use common::{laundry_input, t0, table_rows, Shop};
use tillflow::error::Error;
use tillflow::orders::OrderFilter;
use tillflow::settings::SettingsChange;
use tillflow::staff::{Actor, Permission, CASHIER, MANAGER};

struct Staffed {
    shop: Shop,
    sam: Actor,
    lee_pin: &'static str,
}

/// A demo shop with its owner, a cashier (Sam, signed in) and a manager (Lee).
async fn staffed() -> Staffed {
    let shop = Shop::demo().await;
    let t = &shop.till;
    t.add_first_owner("Olga", "482913", t0())
        .await
        .expect("owner");
    let olga = t.sign_in("Olga", "482913", t0()).await.expect("olga");
    t.add_staff(&olga, "Sam", CASHIER, "193746", t0())
        .await
        .expect("sam");
    t.add_staff(&olga, "Lee", MANAGER, "564738", t0())
        .await
        .expect("lee");
    let sam = t.sign_in("Sam", "193746", t0()).await.expect("sam");
    Staffed {
        shop,
        sam,
        lee_pin: "564738",
    }
}

fn rows(shop: &Shop) -> Vec<(String, i64)> {
    let db = rusqlite::Connection::open(shop.dir.path().join("shop.db")).expect("open");
    table_rows(&db)
}

fn forbidden<T: std::fmt::Debug>(result: tillflow::Result<T>, permission: Permission) {
    match result {
        Err(Error::Forbidden {
            permission: p,
            message,
        }) => {
            assert_eq!(p, permission.key(), "{message}");
            assert!(message.contains("Sam"), "{message}");
        }
        other => panic!("expected forbidden {}, got {other:?}", permission.key()),
    }
}

#[tokio::test]
async fn a_cashier_is_refused_what_the_matrix_withholds_and_nothing_is_written() {
    let s = staffed().await;
    let t = &s.shop.till;
    // Allowed: take an order and a payment.
    let number = t
        .create_order(&laundry_input(serde_json::json!([])), &s.sam, s.shop.now())
        .await
        .expect("a cashier takes orders")
        .number;
    let before = rows(&s.shop);
    let now = s.shop.now();

    forbidden(
        t.cancel(&number, "changed her mind", &s.sam, now).await,
        Permission::CancelOrders,
    );
    let view = t.order(&number).await.expect("order");
    forbidden(
        t.move_order(&number, "pressing", "by hand", &s.sam, now)
            .await,
        Permission::MoveOrders,
    );
    let settings = t.settings().expect("settings");
    forbidden(
        t.change_settings(
            SettingsChange::SaveShop {
                shop: settings.shop.clone(),
            },
            &s.sam,
            now,
        )
        .await,
        Permission::EditSettings,
    );
    forbidden(
        t.import_settings(settings.clone(), &s.sam, now).await,
        Permission::Import,
    );
    forbidden(
        t.import_items(
            "sku,name,price\nX1,Thing,1.00\n".as_bytes(),
            false,
            &s.sam,
            now,
        )
        .await,
        Permission::Import,
    );
    forbidden(
        t.adjust_stock(
            "main",
            "MUG",
            "1".parse().expect("qty"),
            "found",
            &s.sam,
            now,
        )
        .await,
        Permission::ManageStock,
    );
    forbidden(t.back_up_now(&s.sam, now).await, Permission::Backups);
    let mut csv = Vec::new();
    forbidden(
        t.export_orders_csv(&s.sam, &OrderFilter::default(), false, &mut csv, |_| {})
            .await,
        Permission::Export,
    );
    assert!(csv.is_empty(), "a refused export writes nothing");
    forbidden(t.export_catalogue_csv(&s.sam, &mut csv), Permission::Export);
    assert!(csv.is_empty(), "a refused export writes nothing");
    forbidden(
        t.add_staff(&s.sam, "Kim", CASHIER, "918273", now).await,
        Permission::ManageStaff,
    );

    assert_eq!(rows(&s.shop), before, "refusals wrote nothing");
    assert_eq!(t.order(&number).await.expect("order").status, view.status);
    // What a cashier may do still works.
    t.dashboard(&s.sam, now, chrono_tz::Tz::UTC)
        .await
        .expect("a cashier sees the dashboard");
}

#[tokio::test]
async fn an_approved_cancel_runs_once_and_the_history_names_both() {
    let s = staffed().await;
    let t = &s.shop.till;
    let number = t
        .create_order(&laundry_input(serde_json::json!([])), &s.sam, s.shop.now())
        .await
        .expect("order")
        .number;
    let approved = t
        .approve(
            &s.sam,
            "Lee",
            s.lee_pin,
            Permission::CancelOrders,
            s.shop.now(),
        )
        .await
        .expect("lee approves");
    t.cancel(&number, "customer left", &approved, s.shop.now())
        .await
        .expect("canceled under approval");
    let view = t.order(&number).await.expect("order");
    assert_eq!(view.status, "canceled");
    let last = view.history.last().expect("history");
    assert_eq!(last.actor, "Sam (approved by Lee)");
    let first = view.history.first().expect("history");
    assert_eq!(first.actor, "Sam", "intake records the cashier");
    // The approval lent only the cancel: Sam alone is still refused.
    let other = t
        .create_order(&laundry_input(serde_json::json!([])), &s.sam, s.shop.now())
        .await
        .expect("order")
        .number;
    forbidden(
        t.cancel(&other, "again", &s.sam, s.shop.now()).await,
        Permission::CancelOrders,
    );
    forbidden(
        t.move_order(&other, "canceled", "x", &approved, s.shop.now())
            .await,
        Permission::MoveOrders,
    );
}
