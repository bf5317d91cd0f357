//! Staff, PINs and permissions on real database files: the built-in roles'
//! permission matrix, the first owner, PINs kept only as Argon2id hashes,
//! the wrong-PIN lock schedule surviving a reopen, unlocking, approval by a
//! manager recorded with both names, and refusals that write nothing.

mod common;

use chrono::Duration;
use common::{t0, Shop};
use tillflow::error::Error;
use tillflow::staff::{builtin_permissions, Actor, Permission, CASHIER, MANAGER, OWNER};
use tillflow::storage::Durability;
use tillflow::Till;

/// The documented matrix (docs/staff.md): permission → (cashier, manager, owner).
const MATRIX: &[(&str, bool, bool, bool)] = &[
    ("orders.take", true, true, true),
    ("payments.take", true, true, true),
    ("orders.fire_trigger", true, true, true),
    ("orders.move", false, true, true),
    ("orders.cancel", false, true, true),
    ("returns.refund", false, true, true),
    ("orders.discount", false, true, true),
    ("customers.edit", true, true, true),
    ("customers.merge", false, true, true),
    ("settings.edit", false, false, true),
    ("data.import", false, false, true),
    ("data.export", false, true, true),
    ("stock.manage", false, true, true),
    ("shipments.manage", true, true, true),
    ("documents.print", true, true, true),
    ("backups.manage", false, false, true),
    ("staff.unlock", false, true, true),
    ("staff.manage", false, false, true),
    ("reports.view", true, true, true),
    ("orders.override_guard", false, false, true),
    ("till.open", true, true, true),
    ("cash.manage", false, true, true),
    ("till.close", false, true, true),
    ("orders.edit", false, true, true),
];

#[test]
fn every_permission_of_every_built_in_role() {
    assert_eq!(
        MATRIX.len(),
        Permission::ALL.len(),
        "every permission is in the matrix"
    );
    for (key, cashier, manager, owner) in MATRIX {
        let p = Permission::parse(key).expect("known permission");
        for (role, expected) in [(CASHIER, cashier), (MANAGER, manager), (OWNER, owner)] {
            let actor = Actor::staff(1, "Someone", role).expect("role");
            assert_eq!(actor.may(p), *expected, "{role} × {key}");
            let result = actor.require(p);
            assert_eq!(result.is_ok(), *expected, "{role} × {key}");
            if let Err(e) = result {
                assert_eq!(e.code(), "forbidden");
                assert!(matches!(e, Error::Forbidden { permission, .. } if permission == *key));
            }
        }
    }
    assert!(builtin_permissions("baker").is_none());
}

async fn with_owner() -> (Shop, Actor) {
    let shop = Shop::demo().await;
    shop.till
        .add_first_owner("Olga", "482913", t0())
        .await
        .expect("first owner");
    let owner = shop
        .till
        .sign_in("olga", "482913", t0())
        .await
        .expect("sign in");
    (shop, owner)
}

#[tokio::test]
async fn the_first_owner_then_staff_added_by_the_owner_only() {
    let (shop, owner) = with_owner().await;
    assert_eq!(owner.role, OWNER);
    assert_eq!(owner.name, "Olga");
    // Only once.
    let again = shop.till.add_first_owner("Eve", "736251", t0()).await;
    assert!(matches!(again, Err(Error::Conflict(_))), "{again:?}");

    shop.till
        .add_staff(&owner, "Sam", CASHIER, "193746", t0())
        .await
        .expect("cashier");
    shop.till
        .add_staff(&owner, "Lee", MANAGER, "564738", t0())
        .await
        .expect("manager");
    let sam = shop.till.sign_in("Sam", "193746", t0()).await.expect("sam");
    // A cashier cannot add staff: refused, nothing written.
    let err = shop
        .till
        .add_staff(&sam, "Mallory", OWNER, "918273", t0())
        .await
        .expect_err("refused");
    assert_eq!(err.code(), "forbidden");
    let names: Vec<String> = shop
        .till
        .staff_list(t0())
        .await
        .expect("list")
        .into_iter()
        .map(|m| m.name)
        .collect();
    assert_eq!(names, ["Lee", "Olga", "Sam"]);
    // Names are unique whatever their case; bad PINs and roles are refused.
    for (name, role, pin, code) in [
        ("sam", CASHIER, "918273", "conflict"),
        ("Kim", CASHIER, "1234", "invalid"),
        ("Kim", CASHIER, "12a456", "invalid"),
        ("Kim", "baker", "918273", "invalid"),
        ("  ", CASHIER, "918273", "invalid"),
    ] {
        let err = shop
            .till
            .add_staff(&owner, name, role, pin, t0())
            .await
            .expect_err("refused");
        assert_eq!(err.code(), code, "{name} {role} {pin}: {err}");
    }
    assert_eq!(shop.till.staff_list(t0()).await.expect("list").len(), 3);
}

#[tokio::test]
async fn a_pin_is_never_stored_in_clear() {
    let (shop, owner) = with_owner().await;
    shop.till
        .add_staff(&owner, "Sam", CASHIER, "193746", t0())
        .await
        .expect("cashier");
    shop.till.close().await;
    let path = shop.dir.path().join("shop.db");
    let db = rusqlite::Connection::open(&path).expect("open");
    let hashes: Vec<String> = db
        .prepare("SELECT pin_hash FROM staff ORDER BY id")
        .expect("prepare")
        .query_map([], |r| r.get(0))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows");
    assert_eq!(hashes.len(), 2);
    for h in &hashes {
        assert!(h.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{h}");
    }
    drop(db);
    let mut bytes = std::fs::read(&path).expect("db file");
    for wal in ["shop.db-wal"] {
        if let Ok(more) = std::fs::read(shop.dir.path().join(wal)) {
            bytes.extend(more);
        }
    }
    for pin in ["482913", "193746"] {
        assert!(
            !bytes.windows(pin.len()).any(|w| w == pin.as_bytes()),
            "the database holds the PIN {pin} in clear"
        );
    }
}

#[tokio::test]
async fn wrong_pins_lock_a_person_on_a_schedule_that_survives_a_restart() {
    let (shop, owner) = with_owner().await;
    shop.till
        .add_staff(&owner, "Sam", CASHIER, "193746", t0())
        .await
        .expect("cashier");
    let at = |secs: i64| t0() + Duration::seconds(secs);
    for i in 0..4 {
        let err = shop
            .till
            .sign_in("Sam", "000001", at(i))
            .await
            .expect_err("wrong");
        assert_eq!(err.code(), "unauthenticated", "try {i}");
    }
    // The fifth wrong PIN locks for 30 s.
    let err = shop
        .till
        .sign_in("Sam", "000001", at(10))
        .await
        .expect_err("locked");
    assert_eq!(err.code(), "locked");
    // Locked: even the right PIN is refused until it ends.
    let err = shop
        .till
        .sign_in("Sam", "193746", at(39))
        .await
        .expect_err("locked");
    assert_eq!(err.code(), "locked");

    // A restart keeps the count and the lock.
    let path = shop.dir.path().join("shop.db");
    shop.till.close().await;
    let till = Till::open(&path, Durability::Normal).await.expect("reopen");
    let err = till
        .sign_in("Sam", "193746", at(20))
        .await
        .expect_err("still locked");
    assert!(
        matches!(&err, Error::Locked { until, .. } if until == "2026-03-02T09:00:40Z"),
        "{err:?}"
    );
    // After it: one more wrong PIN locks for 60 s, then 120 s.
    let err = till
        .sign_in("Sam", "000001", at(41))
        .await
        .expect_err("locked");
    assert!(
        matches!(&err, Error::Locked { until, .. } if until == "2026-03-02T09:01:41Z"),
        "{err:?}"
    );
    let err = till
        .sign_in("Sam", "000001", at(102))
        .await
        .expect_err("locked");
    assert!(
        matches!(&err, Error::Locked { until, .. } if until == "2026-03-02T09:03:42Z"),
        "{err:?}"
    );
    let listed = till.staff_member("sam", at(103)).await.expect("sam");
    assert_eq!(listed.locked_until.as_deref(), Some("2026-03-02T09:03:42Z"));

    // A cashier cannot unlock; a manager can; then the right PIN works and
    // the count starts over.
    let owner = till
        .sign_in("Olga", "482913", at(103))
        .await
        .expect("owner");
    till.add_staff(&owner, "Lee", MANAGER, "564738", at(103))
        .await
        .expect("manager");
    let lee = till.sign_in("Lee", "564738", at(104)).await.expect("lee");
    till.unlock_staff(&lee, "Sam", at(105))
        .await
        .expect("unlocked");
    let sam = till
        .sign_in("Sam", "193746", at(106))
        .await
        .expect("signed in");
    assert_eq!(sam.role, CASHIER);
    let err = till
        .unlock_staff(&sam, "Lee", at(107))
        .await
        .expect_err("refused");
    assert_eq!(err.code(), "forbidden");
    for i in 0..4 {
        let err = till
            .sign_in("Sam", "000001", at(200 + i))
            .await
            .expect_err("wrong");
        assert_eq!(err.code(), "unauthenticated", "the count started over");
    }
    // What happened is in Sam's history, never a PIN.
    let history = till
        .store()
        .staff_events(sam.staff_id.expect("id"))
        .await
        .expect("history");
    let events: Vec<(&str, &str)> = history
        .iter()
        .map(|(_, actor, event, _)| (actor.as_str(), event.as_str()))
        .collect();
    assert_eq!(
        events,
        [
            ("Lee", "unlocked"),
            ("Sam", "locked"),
            ("Sam", "locked"),
            ("Sam", "locked"),
            ("Olga", "added")
        ]
    );
    till.close().await;
}

#[tokio::test]
async fn a_manager_approves_one_action_with_their_pin() {
    let (shop, owner) = with_owner().await;
    let t = &shop.till;
    t.add_staff(&owner, "Sam", CASHIER, "193746", t0())
        .await
        .expect("sam");
    t.add_staff(&owner, "Lee", MANAGER, "564738", t0())
        .await
        .expect("lee");
    t.add_staff(&owner, "Kit", CASHIER, "847261", t0())
        .await
        .expect("kit");
    let sam = t.sign_in("Sam", "193746", t0()).await.expect("sam");
    assert!(sam.require(Permission::CancelOrders).is_err());
    let approved = t
        .approve(&sam, "Lee", "564738", Permission::CancelOrders, t0())
        .await
        .expect("approved");
    assert!(approved.require(Permission::CancelOrders).is_ok());
    assert_eq!(approved.audit_name(), "Sam (approved by Lee)");
    // Another cashier cannot approve it; a wrong PIN is counted for Lee.
    let err = t
        .approve(&sam, "Kit", "847261", Permission::CancelOrders, t0())
        .await
        .expect_err("kit lacks it");
    assert_eq!(err.code(), "forbidden");
    let err = t
        .approve(&sam, "Lee", "111112", Permission::CancelOrders, t0())
        .await
        .expect_err("wrong pin");
    assert_eq!(err.code(), "unauthenticated");
    let lee = t
        .store()
        .staff_named("Lee")
        .await
        .expect("read")
        .expect("lee");
    assert_eq!(lee.failures, 1);
}

#[tokio::test]
async fn the_last_owner_stays_and_a_disabled_person_cannot_sign_in() {
    let (shop, owner) = with_owner().await;
    let t = &shop.till;
    let err = t
        .set_staff_active(&owner, "Olga", false, t0())
        .await
        .expect_err("only owner");
    assert_eq!(err.code(), "conflict");
    let err = t
        .set_staff_role(&owner, "Olga", MANAGER, t0())
        .await
        .expect_err("only owner");
    assert_eq!(err.code(), "conflict");
    t.add_staff(&owner, "Sam", CASHIER, "193746", t0())
        .await
        .expect("sam");
    t.set_staff_active(&owner, "Sam", false, t0())
        .await
        .expect("disabled");
    let err = t
        .sign_in("Sam", "193746", t0())
        .await
        .expect_err("disabled");
    assert_eq!(err.code(), "unauthenticated");
    t.set_staff_active(&owner, "Sam", true, t0())
        .await
        .expect("enabled");
    let sam = t.sign_in("Sam", "193746", t0()).await.expect("signed in");
    // Their own PIN, yes; someone else's, no.
    t.set_staff_pin(&sam, "Sam", "374652", t0())
        .await
        .expect("own pin");
    assert!(t.sign_in("Sam", "374652", t0()).await.is_ok());
    let err = t
        .set_staff_pin(&sam, "Olga", "374652", t0())
        .await
        .expect_err("not theirs");
    assert_eq!(err.code(), "forbidden");
}
