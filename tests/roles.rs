//! Custom roles and role rules on workflow steps, on real database files:
//! a custom role's whole permission matrix through sign-in, the staff
//! section's validation, the shop's PIN length, a role still held or named
//! by a step refused on deletion, role rules saved, versioned and exported
//! with the workflow, and settings files from before all this loading with
//! the defaults.

mod common;

use common::{t0, Shop};
use tillflow::settings::{Settings, SettingsChange, StepRoles};
use tillflow::staff::{
    Actor, CustomRole, Permission, StaffSettings, CASHIER, DEFAULT_AUTO_LOCK_MINUTES, MANAGER,
};
use tillflow::triggers::Trigger;

fn boss() -> Actor {
    Actor::trusted("boss")
}

/// The baker's checklist: what a custom role may do, nothing else.
const BAKER_MAY: &[&str] = &["orders.take", "stock.manage", "reports.view"];

fn with_baker(mut staff: StaffSettings) -> StaffSettings {
    staff.roles.push(CustomRole {
        key: "baker".into(),
        name: "Baker".into(),
        permissions: BAKER_MAY.iter().map(|k| k.to_string()).collect(),
    });
    staff
}

async fn save_staff(shop: &Shop, staff: StaffSettings) -> tillflow::Result<Settings> {
    shop.till
        .change_settings(
            SettingsChange::SaveStaffSettings { staff },
            &boss(),
            shop.now(),
        )
        .await
}

/// A demo shop with an owner (Olga) signed in and the `baker` role.
async fn bakery() -> (Shop, Actor) {
    let shop = Shop::demo().await;
    shop.till
        .add_first_owner("Olga", "482913", t0())
        .await
        .expect("first owner");
    let owner = shop
        .till
        .sign_in("Olga", "482913", t0())
        .await
        .expect("owner");
    save_staff(&shop, with_baker(StaffSettings::default()))
        .await
        .expect("baker role saved");
    (shop, owner)
}

#[tokio::test]
async fn a_custom_roles_whole_permission_matrix() {
    let (shop, owner) = bakery().await;
    shop.till
        .add_staff(&owner, "Bea", "baker", "736251", t0())
        .await
        .expect("a baker is added");
    let bea = shop
        .till
        .sign_in("Bea", "736251", t0())
        .await
        .expect("a baker signs in");
    assert_eq!(bea.role, "baker");
    for p in Permission::ALL {
        let expected = BAKER_MAY.contains(&p.key());
        assert_eq!(bea.may(*p), expected, "baker × {}", p.key());
        match bea.require(*p) {
            Ok(()) => assert!(expected, "baker × {}", p.key()),
            Err(e) => {
                assert!(!expected, "baker × {}", p.key());
                assert_eq!(e.code(), "forbidden");
                assert!(e.to_string().contains("Bea (baker)"), "{e}");
            }
        }
    }
    // One place resolves a role: the same list for screens and the CLI.
    let roles = shop.till.roles();
    let keys: Vec<&str> = roles.iter().map(|r| r.key.as_str()).collect();
    assert_eq!(keys, ["cashier", "manager", "owner", "baker"]);
    assert_eq!(roles[3].permissions, BAKER_MAY);
    assert!(roles[..3].iter().all(|r| r.builtin) && !roles[3].builtin);
    assert_eq!(
        shop.till.role_permissions("baker").expect("baker"),
        [
            Permission::TakeOrders,
            Permission::ManageStock,
            Permission::ViewReports
        ]
    );
    assert_eq!(
        shop.till
            .role_permissions("florist")
            .expect_err("no such role")
            .code(),
        "invalid"
    );
    // A changed checklist counts from the next sign-in.
    let mut staff = shop.till.staff_settings();
    staff.roles[0].permissions.push("orders.cancel".into());
    save_staff(&shop, staff).await.expect("checklist changed");
    let bea = shop
        .till
        .sign_in("Bea", "736251", t0())
        .await
        .expect("again");
    assert!(bea.may(Permission::CancelOrders));
    // A manager approval lends the manager's permission to a baker too.
    let lee = Actor::staff(9, "Lee", MANAGER).expect("manager");
    assert!(bea
        .approved(lee, Permission::Refunds)
        .may(Permission::Refunds));
    // Someone can be given the custom role, and another again.
    shop.till
        .add_staff(&owner, "Sam", CASHIER, "193746", t0())
        .await
        .expect("cashier");
    shop.till
        .set_staff_role(&owner, "Sam", "baker", t0())
        .await
        .expect("custom role given");
    let err = shop
        .till
        .set_staff_role(&owner, "Sam", "florist", t0())
        .await
        .expect_err("unknown role");
    assert_eq!(err.code(), "invalid");
    assert!(err.to_string().contains("baker"), "lists the roles: {err}");
}

#[tokio::test]
async fn the_staff_section_is_validated() {
    let shop = Shop::demo().await;
    let base = with_baker(StaffSettings::default());
    let cases: Vec<(&str, StaffSettings, &str, &str)> = vec![
        (
            "unknown permission",
            {
                let mut s = base.clone();
                s.roles[0].permissions.push("orders.everything".into());
                s
            },
            "shop.staff.roles[baker].permissions",
            "role 'baker' (Baker): unknown permission 'orders.everything'",
        ),
        (
            "a built-in key",
            {
                let mut s = base.clone();
                s.roles[0].key = MANAGER.into();
                s
            },
            "shop.staff.roles[manager].key",
            "'manager' is a built-in role",
        ),
        (
            "twice",
            {
                let mut s = base.clone();
                s.roles.push(s.roles[0].clone());
                s
            },
            "shop.staff.roles",
            "'baker' is defined twice",
        ),
        (
            "a key spelt wrong",
            {
                let mut s = base.clone();
                s.roles[0].key = "Head Baker".into();
                s
            },
            "shop.staff.roles[Head Baker].key",
            "not a valid key",
        ),
        (
            "no name",
            {
                let mut s = base.clone();
                s.roles[0].name = " ".into();
                s
            },
            "shop.staff.roles[baker].name",
            "needs a name",
        ),
        (
            "3-digit PINs",
            StaffSettings {
                pin_length: 3,
                ..base.clone()
            },
            "shop.staff.pin_length",
            "at least 4",
        ),
        (
            "9-digit PINs",
            StaffSettings {
                pin_length: 9,
                ..base.clone()
            },
            "shop.staff.pin_length",
            "at most 8",
        ),
        (
            "a day of auto-lock",
            StaffSettings {
                auto_lock_minutes: 1440,
                ..base.clone()
            },
            "shop.staff.auto_lock_minutes",
            "at most 720",
        ),
    ];
    for (what, staff, field, message) in cases {
        let err = save_staff(&shop, staff).await.expect_err(what);
        assert_eq!(err.code(), "invalid", "{what}: {err}");
        let text = err.to_string();
        assert!(text.contains(field), "{what}: {text}");
        assert!(text.contains(message), "{what}: {text}");
    }
    // Nothing of it was stored.
    assert_eq!(shop.till.staff_settings(), StaffSettings::default());

    // Step rules name roles the shop has, a fire rule only on a worker trigger.
    save_staff(&shop, base).await.expect("baker");
    let settings = shop.till.settings().expect("settings");
    let bad_rules: Vec<(usize, StepRoles, &str, &str)> = vec![
        (
            0,
            StepRoles {
                fire: vec!["florist".into()],
                move_out: vec![],
            },
            "workflows[laundry-production].steps[0].roles.fire",
            "unknown role 'florist' (the shop's roles: cashier, manager, owner, baker)",
        ),
        (
            0,
            StepRoles {
                fire: vec![],
                move_out: vec!["baker".into(), "baker".into()],
            },
            "workflows[laundry-production].steps[0].roles.move_out",
            "'baker' is listed twice",
        ),
    ];
    for (i, roles, field, message) in bad_rules {
        let mut wf = settings.workflow("laundry-production").expect("wf").clone();
        wf.steps[i].roles = roles;
        let err = shop
            .till
            .change_settings(
                SettingsChange::SaveWorkflow { workflow: wf },
                &boss(),
                shop.now(),
            )
            .await
            .expect_err(field);
        assert_eq!(err.code(), "invalid", "{err}");
        assert!(err.to_string().contains(field), "{err}");
        assert!(err.to_string().contains(message), "{err}");
    }
    // `order.paid_in_full` is raised by the system: nobody fires it by hand.
    let mut wf = settings.workflow("repair-pickup").expect("wf").clone();
    wf.steps[0].roles.fire = vec![MANAGER.into()];
    let err = shop
        .till
        .change_settings(
            SettingsChange::SaveWorkflow { workflow: wf },
            &boss(),
            shop.now(),
        )
        .await
        .expect_err("system trigger");
    assert!(
        err.to_string()
            .contains("workflows[repair-pickup].steps[0].roles.fire"),
        "{err}"
    );
    assert!(err.to_string().contains("raised by the system"), "{err}");
}

#[tokio::test]
async fn the_shops_pin_length_is_the_shortest_new_pin() {
    let (shop, owner) = bakery().await;
    let err = shop
        .till
        .add_staff(&owner, "Kim", CASHIER, "4829", t0())
        .await
        .expect_err("6 digits by default");
    assert!(err.to_string().contains("6 to 8 digits"), "{err}");
    let staff = StaffSettings {
        pin_length: 4,
        ..shop.till.staff_settings()
    };
    save_staff(&shop, staff).await.expect("4 digits");
    shop.till
        .add_staff(&owner, "Kim", CASHIER, "4829", t0())
        .await
        .expect("4 digits do now");
    let staff = StaffSettings {
        pin_length: 8,
        ..shop.till.staff_settings()
    };
    save_staff(&shop, staff).await.expect("8 digits");
    let err = shop
        .till
        .set_staff_pin(&owner, "Kim", "482913", t0())
        .await
        .expect_err("8 digits now");
    assert!(err.to_string().contains("8 to 8 digits"), "{err}");
    shop.till
        .set_staff_pin(&owner, "Kim", "48291370", t0())
        .await
        .expect("8 digits");
    // An existing shorter PIN still signs in: the length is for new PINs.
    shop.till
        .sign_in("Olga", "482913", t0())
        .await
        .expect("old PIN");
}

#[tokio::test]
async fn a_role_still_held_or_named_by_a_step_is_not_deleted() {
    let (shop, owner) = bakery().await;
    for (name, pin) in [("Bea", "736251"), ("Ben", "918273")] {
        shop.till
            .add_staff(&owner, name, "baker", pin, t0())
            .await
            .expect("baker");
    }
    // Disabled people hold their role too (enabling them brings it back).
    shop.till
        .set_staff_active(&owner, "Ben", false, t0())
        .await
        .expect("disabled");
    let before = shop.till.settings().expect("settings");
    let err = save_staff(&shop, StaffSettings::default())
        .await
        .expect_err("held");
    assert_eq!(err.code(), "conflict");
    assert!(
        err.to_string()
            .contains("the role 'baker' is held by Bea, Ben: give them another role first"),
        "{err}"
    );
    // A whole settings file without the role is refused the same way.
    let mut file = before.clone();
    file.shop.staff = StaffSettings::default();
    let err = shop
        .till
        .import_settings(file, &boss(), shop.now())
        .await
        .expect_err("held");
    assert!(err.to_string().contains("held by Bea, Ben"), "{err}");
    assert_eq!(shop.till.settings().expect("settings"), before);

    // Named by a step's rule: refused naming the step.
    let mut wf = before.workflow("laundry-production").expect("wf").clone();
    wf.steps[1].roles.move_out = vec!["baker".into()];
    shop.till
        .change_settings(
            SettingsChange::SaveWorkflow {
                workflow: wf.clone(),
            },
            &boss(),
            shop.now(),
        )
        .await
        .expect("rule saved");
    for name in ["Bea", "Ben"] {
        shop.till
            .set_staff_role(&owner, name, CASHIER, t0())
            .await
            .expect("another role");
    }
    let err = save_staff(&shop, StaffSettings::default())
        .await
        .expect_err("named by a step");
    assert_eq!(err.code(), "conflict");
    assert!(
        err.to_string()
            .contains("named by step 'pressing' of workflow 'Laundry production'"),
        "{err}"
    );
    wf.steps[1].roles = StepRoles::default();
    shop.till
        .change_settings(
            SettingsChange::SaveWorkflow { workflow: wf },
            &boss(),
            shop.now(),
        )
        .await
        .expect("rule taken off");
    let after = save_staff(&shop, StaffSettings::default())
        .await
        .expect("nobody holds it now");
    assert!(after.shop.staff.roles.is_empty());
}

#[tokio::test]
async fn role_rules_are_saved_versioned_and_exported_with_the_workflow() {
    let (shop, _owner) = bakery().await;
    let settings = shop.till.settings().expect("settings");
    let mut wf = settings.workflow("repair-pickup").expect("wf").clone();
    assert_eq!(wf.version, Some(1));
    wf.steps[0].roles.move_out = vec![MANAGER.into(), "baker".into()];
    wf.steps[1].roles.fire = vec![MANAGER.into()];
    let saved = shop
        .till
        .change_settings(
            SettingsChange::SaveWorkflow { workflow: wf },
            &boss(),
            shop.now(),
        )
        .await
        .expect("saved");
    let saved = saved.workflow("repair-pickup").expect("wf");
    assert_eq!(saved.version, Some(2), "a changed rule is a new version");
    assert_eq!(saved.steps[0].roles.move_out, [MANAGER, "baker"]);

    // The settings file carries them; importing it back changes no version.
    let text = shop.till.export_settings().await.expect("export");
    let doc: serde_json::Value = serde_json::from_str(&text).expect("json");
    let step = &doc["workflows"]
        .as_array()
        .expect("workflows")
        .iter()
        .find(|w| w["key"] == "repair-pickup")
        .expect("repair-pickup")["steps"];
    assert_eq!(
        step[0]["roles"],
        serde_json::json!({"move_out": ["manager", "baker"]})
    );
    assert_eq!(step[1]["roles"], serde_json::json!({"fire": ["manager"]}));
    assert_eq!(
        doc["shop"]["staff"]["roles"][0]["permissions"],
        serde_json::json!(BAKER_MAY)
    );
    let back = Settings::from_json(&text).expect("parses");
    let again = shop
        .till
        .import_settings(back, &boss(), shop.now())
        .await
        .expect("imports");
    assert_eq!(
        again.workflow("repair-pickup").expect("wf").version,
        Some(2)
    );
    // Steps without rules are written as before (no `roles`).
    assert!(step[1].get("roles").is_some());
    let laundry = doc["workflows"][0]["steps"][0].clone();
    assert!(laundry.get("roles").is_none(), "{laundry}");
}

#[tokio::test]
async fn an_old_settings_file_loads_with_the_defaults() {
    // A settings file written before staff settings and role rules.
    let old = r#"{
      "format": "tillflow.settings.v1",
      "shop": {"name": "Old shop", "currency": "EUR"},
      "statuses": [{"key": "received", "name": "Received"}],
      "workflows": [{"key": "in", "name": "In", "type": "intake",
                     "steps": [{"status": "received", "trigger": "items.tagged"}]}],
      "wizards": [{"key": "w", "name": "W", "steps": [{"title": "Items",
                   "fields": [{"key": "lines", "kind": "lines", "required": true}]}]}],
      "order_types": [{"key": "t", "name": "T", "wizard": "w", "stages": {"intake": "in"}}]
    }"#;
    let settings = Settings::from_json(old).expect("an old file parses");
    assert_eq!(settings.shop.staff, StaffSettings::default());
    assert_eq!(settings.shop.staff.pin_length(), 6);
    assert_eq!(
        settings.shop.staff.auto_lock_minutes,
        DEFAULT_AUTO_LOCK_MINUTES
    );
    assert!(settings.workflows[0].steps[0].roles.is_empty());
    let shop = Shop::blank().await;
    let stored = shop
        .till
        .import_settings(settings, &boss(), t0())
        .await
        .expect("an old file imports");
    assert_eq!(stored.workflows[0].version, Some(1));
    assert_eq!(shop.till.roles().len(), 3, "the built-in roles only");
    // Written back, it has no staff section and no step rules.
    let text = shop.till.export_settings().await.expect("export");
    let doc: serde_json::Value = serde_json::from_str(&text).expect("json");
    assert!(doc["shop"].get("staff").is_none(), "{}", doc["shop"]);
    assert!(doc["workflows"][0]["steps"][0].get("roles").is_none());
}

#[tokio::test]
async fn a_steps_role_rules_refuse_a_cashier_and_allow_a_manager_or_an_approval() {
    let (shop, owner) = bakery().await;
    // A supervisor may move orders by hand, but the rule names managers only.
    let mut staff = shop.till.staff_settings();
    staff.roles.push(CustomRole {
        key: "supervisor".into(),
        name: "Supervisor".into(),
        permissions: vec![
            "orders.take".into(),
            "orders.fire_trigger".into(),
            "orders.move".into(),
        ],
    });
    save_staff(&shop, staff).await.expect("supervisor");
    for (name, role, pin) in [
        ("Sam", CASHIER, "193746"),
        ("Lee", MANAGER, "564738"),
        ("Sue", "supervisor", "847261"),
    ] {
        shop.till
            .add_staff(&owner, name, role, pin, t0())
            .await
            .expect("staff");
    }
    let sam = shop.till.sign_in("Sam", "193746", t0()).await.expect("sam");
    let lee = shop.till.sign_in("Lee", "564738", t0()).await.expect("lee");
    let sue = shop.till.sign_in("Sue", "847261", t0()).await.expect("sue");
    let settings = shop.till.settings().expect("settings");
    let mut wf = settings.workflow("laundry-production").expect("wf").clone();
    wf.steps[0].roles = StepRoles {
        fire: vec![MANAGER.into()],
        move_out: vec![MANAGER.into()],
    };
    shop.till
        .change_settings(
            SettingsChange::SaveWorkflow { workflow: wf },
            &owner,
            shop.now(),
        )
        .await
        .expect("rules saved");

    // An order in "cleaning" (laundry production's first step).
    let number = shop.laundry(serde_json::json!([])).await;
    shop.till
        .fire_event(&number, Trigger::ItemsTagged, &sam, shop.now())
        .await
        .expect("no rule at intake");
    assert_eq!(shop.status(&number).await.1, "cleaning");
    let history = |n: &str| {
        let n = n.to_string();
        let till = &shop.till;
        async move { till.order(&n).await.expect("order").history.len() }
    };
    let before = history(&number).await;

    // The cashier may fire worker triggers, but not this step's.
    let err = shop
        .till
        .fire_event(&number, Trigger::WorkCompleted, &sam, shop.now())
        .await
        .expect_err("cashier refused");
    assert_eq!(err.code(), "forbidden");
    assert!(
        matches!(err, tillflow::Error::Forbidden { permission, .. } if permission == "orders.fire_trigger")
    );
    assert!(
        err.to_string().contains(
            "Sam (cashier) may not fire 'work.completed' at step 'cleaning': only manager may"
        ),
        "{err}"
    );
    // The supervisor may move orders by hand, but not out of this step.
    let err = shop
        .till
        .move_order(&number, "pressing", "skip", &sue, shop.now())
        .await
        .expect_err("supervisor refused");
    assert_eq!(err.code(), "forbidden");
    assert!(
        err.to_string()
            .contains("move an order out of step 'cleaning' by hand: only manager may"),
        "{err}"
    );
    // The owner is not exempt: the rule names managers only.
    let err = shop
        .till
        .move_order(&number, "pressing", "skip", &owner, shop.now())
        .await
        .expect_err("owner refused");
    assert_eq!(err.code(), "forbidden");
    // An event that is not the step's trigger meets no rule (recorded, moves nothing).
    shop.till
        .fire_event(&number, Trigger::OrderMarkedReady, &sam, shop.now())
        .await
        .expect("another trigger is only recorded");
    assert_eq!(shop.status(&number).await.1, "cleaning");
    let after_refusals = history(&number).await;
    assert_eq!(after_refusals, before + 1, "refusals wrote nothing");

    // The cashier with a manager's approval for firing: allowed, both named.
    let approved = shop
        .till
        .approve(&sam, "Lee", "564738", Permission::FireTriggers, t0())
        .await
        .expect("approval");
    let moved = shop
        .till
        .fire_event(&number, Trigger::WorkCompleted, &approved, shop.now())
        .await
        .expect("approved");
    assert!(moved.moved);
    assert_eq!(shop.status(&number).await.1, "pressing");
    let view = shop.till.order(&number).await.expect("order");
    assert_eq!(
        view.history.last().map(|h| h.actor.as_str()),
        Some("Sam (approved by Lee)")
    );
    // An approval for another permission does not lend the manager's role.
    let other = shop
        .till
        .approve(&sue, "Lee", "564738", Permission::CancelOrders, t0())
        .await
        .expect("approval for cancel");
    shop.till
        .move_order(&number, "cleaning", "back", &lee, shop.now())
        .await
        .expect("manager moves back");
    let err = shop
        .till
        .move_order(&number, "pressing", "again", &other, shop.now())
        .await
        .expect_err("approved for something else");
    assert_eq!(err.code(), "forbidden");
    // The manager may, by the rule.
    shop.till
        .move_order(&number, "pressing", "checked", &lee, shop.now())
        .await
        .expect("manager allowed");
    assert_eq!(shop.status(&number).await.1, "pressing");
}
