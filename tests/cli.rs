//! The `tillflow` binary end to end on a real database file: JSON in and
//! out, decimal strings, errors with non-zero exit and nothing written.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use serde_json::{json, Value};

struct Cli {
    dir: tempfile::TempDir,
}

impl Cli {
    fn new() -> Cli {
        Cli {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn db(&self) -> String {
        self.dir
            .path()
            .join("cli.db")
            .to_string_lossy()
            .into_owned()
    }

    fn run(&self, args: &[&str], stdin: Option<&str>) -> Output {
        let mut child = Command::new(env!("CARGO_BIN_EXE_tillflow"))
            .arg("--db")
            .arg(self.db())
            .args(args)
            .env_remove("TILLFLOW_DB")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        if let Some(s) = stdin {
            child.stdin.take().unwrap().write_all(s.as_bytes()).unwrap();
        }
        drop(child.stdin.take());
        child.wait_with_output().unwrap()
    }

    fn ok(&self, args: &[&str], stdin: Option<&str>) -> String {
        let out = self.run(args, stdin);
        assert!(
            out.status.success(),
            "{args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    fn json(&self, args: &[&str], stdin: Option<&str>) -> Value {
        let mut a = vec!["--json"];
        a.extend_from_slice(args);
        serde_json::from_str(&self.ok(&a, stdin)).unwrap()
    }

    /// The demo shop, its drawer opened with a float (it takes no cash
    /// before).
    fn demo(&self) {
        self.ok(&["demo"], None);
        self.ok(&["session", "open", "--float", "100.00"], None);
    }

    fn fails(&self, args: &[&str], stdin: Option<&str>) -> String {
        let out = self.run(args, stdin);
        assert!(!out.status.success(), "{args:?} should fail");
        String::from_utf8(out.stderr).unwrap()
    }
}

const ORDER: &str = r#"{"type": "laundry", "customer": {"name": "Marie Curie", "phone": "0612345678"},
  "fields": {"due_date": "2026-12-01"},
  "lines": [{"sku": "SHIRT", "qty": "2"}, {"name": "Rug", "qty": "1.5", "unit_price": "10.00", "tax_rate": "20", "modifiers": [{"name": "Fringe care", "price": "1.00"}]}],
  "payments": [{"method": "cash", "amount": "5.00"}]}"#;

#[test]
fn a_laundry_order_through_the_cli() {
    let cli = Cli::new();
    cli.demo();
    let o = cli.json(&["order", "create", "--input", "-"], Some(ORDER));
    assert_eq!(o["number"], "TF-000001");
    assert_eq!(o["type"], "laundry");
    assert_eq!(
        (o["stage"].as_str(), o["status"].as_str()),
        (Some("intake"), Some("received"))
    );
    assert_eq!(o["workflow_version"], 1);
    assert_eq!(
        o["totals"],
        json!({"subtotal": "19.58", "tax": "3.92", "total": "23.50", "paid": "5.00", "balance": "18.50"})
    );
    assert_eq!(o["lines"][1]["qty"], "1.5");
    assert_eq!(o["lines"][1]["amount"], "16.50");
    assert_eq!(o["lines"][1]["tax_rate"], "20");
    assert_eq!(o["history"][0]["event"], "order.created");
    assert_eq!(o["history"][0]["from_status"], Value::Null);
    assert_eq!(o["history"][0]["to_status"], "received");

    let r = cli.json(&["order", "event", "TF-000001", "order.picked_up"], None);
    assert_eq!(r["moved"], false);
    assert_eq!(r["status"], "received");
    let r = cli.json(&["order", "event", "TF-000001", "items.tagged"], None);
    assert_eq!(
        (
            r["moved"].as_bool(),
            r["status"].as_str(),
            r["stage"].as_str()
        ),
        (Some(true), Some("cleaning"), Some("production"))
    );
    let r = cli.json(
        &[
            "order",
            "move",
            "TF-000001",
            "--to",
            "pressing",
            "--reason",
            "already clean",
        ],
        None,
    );
    assert_eq!(r["status"], "pressing");
    let r = cli.json(
        &[
            "order",
            "pay",
            "TF-000001",
            "--amount",
            "18.50",
            "--method",
            "card",
            "--reference",
            "T-9",
        ],
        None,
    );
    assert_eq!(r["moved"], false);

    let show = cli.json(&["order", "show", "TF-000001"], None);
    assert_eq!(show["totals"]["balance"], "0.00");
    let h = show["history"].as_array().unwrap();
    let last = &h[h.len() - 1];
    assert_eq!(
        (last["event"].as_str(), last["actor"].as_str()),
        (Some("order.paid_in_full"), Some("cli"))
    );
    assert!(h
        .iter()
        .any(|e| e["event"] == "manual.move" && e["reason"] == "already clean"));

    let list = cli.json(&["orders", "list", "--status", "pressing"], None);
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(
        cli.json(&["orders", "list", "--stage", "intake"], None),
        json!([])
    );
    assert_eq!(
        cli.json(
            &["orders", "list", "--type", "laundry", "--limit", "5"],
            None
        )[0]["customer"],
        "Marie Curie"
    );
    let human = cli.ok(&["order", "show", "TF-000001"], None);
    assert!(
        human.contains("Order TF-000001") && human.contains("Balance") && human.contains("0.00"),
        "{human}"
    );

    cli.ok(
        &["order", "cancel", "TF-000001", "--reason", "customer asked"],
        None,
    );
    assert_eq!(
        cli.json(&["order", "show", "TF-000001"], None)["stage"],
        "canceled"
    );
}

#[test]
fn errors_exit_non_zero_name_the_problem_and_write_nothing() {
    let cli = Cli::new();
    cli.demo();
    let bad = ORDER.replace(r#""due_date": "2026-12-01""#, r#""due_date": """#);
    let err = cli.fails(&["order", "create", "--input", "-"], Some(&bad));
    assert!(err.contains("due_date: Ready by is required"), "{err}");
    let err = cli.fails(
        &["--json", "order", "create", "--input", "-"],
        Some(&ORDER.replace("\"2\"", "2")),
    );
    let e: Value = serde_json::from_str(err.trim()).unwrap();
    assert_eq!(e["code"], "invalid");
    assert_eq!(cli.json(&["orders", "list"], None), json!([]));
    let err = cli.fails(&["order", "event", "TF-000001", "items.tagged"], None);
    assert!(err.contains("order not found: TF-000001"), "{err}");
    let err = cli.fails(&["order", "event", "X", "items.washed"], None);
    assert!(
        err.contains("unknown trigger event 'items.washed'"),
        "{err}"
    );
    let err = cli.fails(
        &["order", "pay", "X", "--amount", "1,50", "--method", "cash"],
        None,
    );
    assert!(err.contains("'1,50' is not an amount"), "{err}");
}

#[test]
fn a_system_trigger_cannot_be_raised_from_the_command_line() {
    let cli = Cli::new();
    cli.demo();
    let created = cli.json(&["order", "create", "--input", "-"], Some(ORDER));
    let n = created["number"].as_str().unwrap().to_string();
    let before = cli.json(&["order", "show", &n], None);
    for event in ["payment.captured", "shipment.delivered", "invoice.printed"] {
        let out = cli.run(&["--json", "order", "event", &n, event], None);
        assert_eq!(out.status.code(), Some(2), "{event} should be refused");
        let e: Value = serde_json::from_str(String::from_utf8_lossy(&out.stderr).trim()).unwrap();
        assert_eq!(e["code"], "invalid", "{e}");
        let message = e["message"].as_str().unwrap();
        assert!(message.contains(event), "{message}");
        assert!(message.contains("raised by the system"), "{message}");
    }
    let err = cli.fails(&["order", "event", &n, "payment.captured"], None);
    assert!(err.starts_with("error: event: 'payment.captured'"), "{err}");
    assert_eq!(
        cli.json(&["order", "show", &n], None),
        before,
        "nothing written"
    );
    let moved = cli.json(&["order", "event", &n, "items.tagged"], None);
    assert_eq!(
        (moved["moved"].as_bool(), moved["status"].as_str()),
        (Some(true), Some("cleaning"))
    );
}

#[test]
fn settings_export_import_round_trip_and_bad_import_changes_nothing() {
    let cli = Cli::new();
    cli.ok(&["init"], None);
    let blank = cli.ok(&["settings", "export"], None);
    assert!(blank.contains("\"completed\""));
    let file = cli.dir.path().join("demo.json");
    std::fs::write(&file, tillflow::settings::Settings::demo().to_json()).unwrap();
    cli.ok(&["settings", "import", file.to_str().unwrap()], None);
    let out = cli.dir.path().join("out.json");
    cli.ok(
        &["settings", "export", "--out", out.to_str().unwrap()],
        None,
    );
    let exported =
        tillflow::settings::Settings::from_json(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(exported.workflows.len(), 8);
    assert_eq!(
        exported.workflow("laundry-production").unwrap().version,
        Some(1)
    );

    let mut broken: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    broken["workflows"][0]["steps"] = json!([]);
    broken["shop"]["name"] = json!("Changed");
    std::fs::write(&file, broken.to_string()).unwrap();
    let err = cli.fails(&["settings", "import", file.to_str().unwrap()], None);
    assert!(
        err.contains("workflows[laundry-intake].steps: a workflow needs at least one step"),
        "{err}"
    );
    let after = cli.json(&["settings", "export"], None);
    assert_eq!(after["shop"]["name"], "Tillflow Demo Shop");
    let triggers = cli.json(&["triggers"], None);
    assert_eq!(
        triggers.as_array().unwrap().len(),
        tillflow::triggers::Trigger::ALL.len()
    );
}

#[test]
fn backup_list_and_restore_through_the_cli() {
    let cli = Cli::new();
    cli.demo();
    cli.json(&["order", "create", "--input", "-"], Some(ORDER));
    let dir = cli.dir.path().join("kept");
    let dir = dir.to_str().unwrap();
    let b = cli.json(&["backup", "--dir", dir], None);
    assert_eq!(
        (b["orders"].as_i64(), b["integrity"].as_str()),
        (Some(1), Some("ok"))
    );
    assert_eq!(b["reason"], "manual");
    cli.json(&["order", "create", "--input", "-"], Some(ORDER));
    let listed = cli.json(&["backup", "list", "--dir", dir], None);
    assert_eq!(listed.as_array().map(Vec::len), Some(1));
    assert_eq!(listed[0]["file"], b["file"]);

    let r = cli.json(
        &["restore", b["file"].as_str().unwrap(), "--dir", dir],
        None,
    );
    assert_eq!(r["restored"]["orders"], 1);
    assert_eq!(r["replaced"]["orders"], 2);
    assert_eq!(r["replaced"]["reason"], "pre-restore");
    let page = cli.json(&["orders", "search"], None);
    assert_eq!(page["orders"].as_array().map(Vec::len), Some(1));

    // A file that is not a backup: a typed error, nothing replaced.
    let bad = cli.dir.path().join("bad.db");
    std::fs::write(&bad, "nope").unwrap();
    let out = cli.run(&["--json", "restore", bad.to_str().unwrap()], None);
    assert!(!out.status.success());
    let err: Value = serde_json::from_slice(&out.stderr).unwrap();
    assert_eq!(err["code"], "invalid");
    let page = cli.json(&["orders", "search"], None);
    assert_eq!(page["orders"].as_array().map(Vec::len), Some(1));

    // --out writes exactly that file, never over an existing one.
    let out_file = cli.dir.path().join("copy.db");
    let o = cli.json(&["backup", "--out", out_file.to_str().unwrap()], None);
    assert_eq!(o["orders"], 1);
    let again = cli.run(
        &["--json", "backup", "--out", out_file.to_str().unwrap()],
        None,
    );
    assert!(!again.status.success());
}

#[test]
fn json_errors_are_json_even_when_the_command_line_is_wrong() {
    let cli = Cli::new();
    cli.demo();
    cli.json(&["order", "create", "--input", "-"], Some(ORDER));
    for args in [
        // clap reads -1 as a flag
        &[
            "--json",
            "order",
            "pay",
            "TF-000001",
            "--amount",
            "-1",
            "--method",
            "cash",
        ][..],
        &["order", "pay", "TF-000001", "--json"][..],
        &["--json", "no-such-command"][..],
        // 28 digits: beyond any amount
        &[
            "--json",
            "order",
            "pay",
            "TF-000001",
            "--amount",
            "1234567890123456789012345678",
            "--method",
            "cash",
        ][..],
    ] {
        let out = cli.run(args, None);
        assert!(!out.status.success(), "{args:?}");
        let text = String::from_utf8_lossy(&out.stderr);
        let err: Value = serde_json::from_str(text.trim())
            .unwrap_or_else(|e| panic!("{args:?}: not JSON ({e}): {text}"));
        assert!(
            err["code"].is_string() && err["message"].is_string(),
            "{err}"
        );
        assert_ne!(out.status.code(), Some(101), "{args:?}: {err}");
    }
    let out = cli.run(&["--json", "order", "pay", "TF-000001"], None);
    let err: Value = serde_json::from_slice(&out.stderr).unwrap();
    assert_eq!(
        (err["code"].as_str(), out.status.code()),
        (Some("usage"), Some(2))
    );
    // Help is not an error.
    assert!(cli.run(&["--help"], None).status.success());
    // Nothing was paid by any of it.
    let o = cli.json(&["order", "show", "TF-000001"], None);
    assert_eq!(o["totals"]["paid"], "5.00");
}

#[test]
fn demo_and_init_never_replace_a_shops_settings_without_force_and_back_up_first() {
    let cli = Cli::new();
    cli.ok(&["init"], None);
    let file = cli.dir.path().join("mine.json");
    let mut mine = tillflow::settings::Settings::demo();
    mine.shop.name = "Velo Repairs".into();
    std::fs::write(&file, mine.to_json()).unwrap();
    cli.ok(&["settings", "import", file.to_str().unwrap()], None);
    let backups = cli.dir.path().join("backups");
    let count = || std::fs::read_dir(&backups).map_or(0, |d| d.count());
    let before = count();
    for cmd in ["demo", "init"] {
        let out = cli.run(&["--json", cmd], None);
        assert_eq!(out.status.code(), Some(2), "{cmd}");
        let err: Value = serde_json::from_slice(&out.stderr).unwrap();
        assert_eq!(err["code"], "conflict");
        assert!(
            err["message"].as_str().unwrap().contains("Velo Repairs"),
            "{err}"
        );
    }
    assert_eq!(count(), before, "a refusal backs nothing up");
    let s = cli.json(&["settings", "export"], None);
    assert_eq!(s["shop"]["name"], "Velo Repairs");
    cli.ok(&["demo", "--force"], None);
    let s = cli.json(&["settings", "export"], None);
    assert_eq!(s["shop"]["name"], "Tillflow Demo Shop");
    let listed = cli.json(&["backup", "list"], None);
    let reasons: Vec<&str> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["reason"].as_str().unwrap())
        .collect();
    assert_eq!(
        reasons.iter().filter(|r| **r == "pre-import").count(),
        2,
        "{reasons:?}"
    );
}

#[test]
fn search_filters_that_cannot_mean_what_they_say_are_refused() {
    let cli = Cli::new();
    cli.demo();
    cli.json(&["order", "create", "--input", "-"], Some(ORDER));
    for (args, field) in [
        (
            &["--json", "orders", "search", "--phone", "abc"][..],
            "phone",
        ),
        (&["--json", "orders", "search", "--limit", "0"][..], "limit"),
        (
            &["--json", "orders", "list", "--limit", "5001"][..],
            "limit",
        ),
    ] {
        let out = cli.run(args, None);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err: Value = serde_json::from_slice(&out.stderr).unwrap();
        assert_eq!(err["code"], "invalid", "{args:?}");
        assert!(err["message"].as_str().unwrap().starts_with(field), "{err}");
    }
    let page = cli.json(
        &["orders", "search", "--phone", "06 12", "--limit", "1"],
        None,
    );
    assert_eq!(page["orders"].as_array().map(Vec::len), Some(1));
}

#[test]
fn dashboard_prints_the_figures_the_app_shows() {
    let cli = Cli::new();
    cli.demo();
    cli.ok(&["dev", "generate", "--orders", "1500"], None);
    cli.json(&["order", "create", "--input", "-"], Some(ORDER));
    let d = cli.json(&["dashboard"], None);
    let db = rusqlite::Connection::open(cli.db()).unwrap();
    let count = |q: &str| -> i64 { db.query_row(q, [], |r| r.get(0)).unwrap() };
    assert_eq!(
        d["open"].as_i64(),
        Some(count("SELECT COUNT(*) FROM orders WHERE closed_at IS NULL"))
    );
    assert_eq!(
        d["unpaid"].as_i64(),
        Some(count("SELECT COUNT(*) FROM orders WHERE total > paid"))
    );
    let owed = count("SELECT SUM(total - paid) FROM orders WHERE total > paid");
    assert_eq!(
        d["unpaid_total"],
        format!("{}.{:02}", owed / 100, owed % 100)
    );
    let today = d["today"].as_str().unwrap().to_string();
    assert_eq!(
        d["overdue"].as_i64(),
        Some(count(&format!(
            "SELECT COUNT(*) FROM orders WHERE closed_at IS NULL AND due_date < '{today}'"
        )))
    );
    let by_status: i64 = d["by_status"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["count"].as_i64().unwrap())
        .sum();
    assert_eq!(Some(by_status), d["open"].as_i64());
    assert_eq!(d["created_per_day"].as_array().map(Vec::len), Some(7));
    // The text form says the same numbers.
    let text = cli.ok(&["dashboard"], None);
    assert!(
        text.contains(&format!("Open orders     {}", d["open"])),
        "{text}"
    );
    assert!(text.contains(d["unpaid_total"].as_str().unwrap()), "{text}");
}

#[test]
fn encrypted_backup_and_restore_with_passphrase_env() {
    // Read by the child processes; names no other test uses.
    std::env::set_var("TILLFLOW_TEST_BACKUP_PASS", "cli secret phrase");
    std::env::set_var("TILLFLOW_TEST_WRONG_PASS", "not the phrase");
    std::env::set_var("TILLFLOW_BACKUP_WORK_FACTOR", "6");
    let cli = Cli::new();
    cli.demo();
    cli.json(&["order", "create", "--input", "-"], Some(ORDER));
    let dir = cli.dir.path().join("kept");
    let dir = dir.to_str().unwrap();
    let b = cli.json(
        &[
            "backup",
            "--dir",
            dir,
            "--passphrase-env",
            "TILLFLOW_TEST_BACKUP_PASS",
        ],
        None,
    );
    let file = b["file"].as_str().unwrap().to_string();
    assert!(file.ends_with(".db.age"), "{file}");
    assert_eq!(b["encrypted"], true);
    let bytes = std::fs::read(&file).unwrap();
    assert!(!bytes.windows(15).any(|w| w == b"SQLite format 3"));
    let listed = cli.json(&["backup", "list", "--dir", dir], None);
    assert_eq!(listed[0]["orders"], 1);
    cli.json(&["order", "create", "--input", "-"], Some(ORDER));

    // No passphrase, a wrong one, an empty variable: typed errors, nothing replaced.
    for extra in [
        vec![],
        vec!["--passphrase-env", "TILLFLOW_TEST_WRONG_PASS"],
        vec!["--passphrase-env", "TILLFLOW_TEST_NO_SUCH_VAR"],
    ] {
        let mut args = vec!["--json", "restore", file.as_str(), "--dir", dir];
        args.extend(extra.iter().copied());
        let out = cli.run(&args, None);
        assert!(!out.status.success(), "{args:?}");
        let err: Value = serde_json::from_slice(&out.stderr).unwrap();
        assert_eq!(err["code"], "invalid", "{err}");
        assert!(
            err["message"].as_str().unwrap().contains("passphrase"),
            "{err}"
        );
        let page = cli.json(&["orders", "search"], None);
        assert_eq!(page["orders"].as_array().map(Vec::len), Some(2));
    }
    let r = cli.json(
        &[
            "restore",
            &file,
            "--dir",
            dir,
            "--passphrase-env",
            "TILLFLOW_TEST_BACKUP_PASS",
        ],
        None,
    );
    assert_eq!(r["restored"]["orders"], 1);
    let page = cli.json(&["orders", "search"], None);
    assert_eq!(page["orders"].as_array().map(Vec::len), Some(1));

    // --out with a passphrase writes exactly that (encrypted) file.
    let out_file = cli.dir.path().join("copy.db.age");
    let o = cli.json(
        &[
            "backup",
            "--out",
            out_file.to_str().unwrap(),
            "--passphrase-env",
            "TILLFLOW_TEST_BACKUP_PASS",
        ],
        None,
    );
    assert_eq!(o["encrypted"], true);
    let r = cli.json(
        &[
            "restore",
            out_file.to_str().unwrap(),
            "--dir",
            dir,
            "--passphrase-env",
            "TILLFLOW_TEST_BACKUP_PASS",
        ],
        None,
    );
    assert_eq!(r["restored"]["orders"], 1);
}

/// A 3 × 2 grey PNG.
fn small_png() -> Vec<u8> {
    tillflow::documents::ShopLogo {
        width_px: 3,
        height_px: 2,
        rgb8: vec![128; 18],
    }
    .to_png()
    .unwrap()
}

#[test]
fn templates_init_from_a_template_and_the_logo_from_the_command_line() {
    let cli = Cli::new();
    let list = cli.json(&["templates"], None);
    let keys: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["key"].as_str().unwrap())
        .collect();
    assert_eq!(keys, ["laundry", "repair", "tailoring", "retail"]);
    assert!(cli.ok(&["templates"], None).contains("Repair shop"));

    let err = cli.fails(&["--json", "init", "--template", "bakery"], None);
    assert!(err.contains("no template 'bakery'"), "{err}");
    let out = cli.json(&["init", "--template", "repair"], None);
    assert_eq!(out["template"], "repair");
    let settings: Value = serde_json::from_str(&cli.ok(&["settings", "export"], None)).unwrap();
    assert_eq!(settings["order_types"][0]["key"], "repair");
    // A configured database is refused without --force, by init and demo alike.
    let err = cli.fails(&["init", "--template", "laundry"], None);
    assert!(err.contains("--force"), "{err}");
    assert!(cli.fails(&["init"], None).contains("--force"));
    assert!(cli.fails(&["demo"], None).contains("--force"));
    cli.ok(&["init", "--template", "tailoring", "--force"], None);
    let settings: Value = serde_json::from_str(&cli.ok(&["settings", "export"], None)).unwrap();
    assert_eq!(settings["order_types"][0]["key"], "tailoring");

    // The logo: copied in, so the file may go; exported inline.
    let logo = cli.dir.path().join("logo.png");
    std::fs::write(&logo, small_png()).unwrap();
    let set = cli.json(&["settings", "logo", logo.to_str().unwrap()], None);
    assert_eq!(set["logo"].as_str().unwrap().len(), 64);
    std::fs::remove_file(&logo).unwrap();
    let exported = cli.dir.path().join("settings.json");
    cli.ok(
        &["settings", "export", "--out", exported.to_str().unwrap()],
        None,
    );
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(&exported).unwrap()).unwrap();
    assert!(doc["shop"]["documents"]["logo"]["png"].is_string());

    // A settings file naming a logo by path is refused, nothing changes.
    let mut bad = doc.clone();
    bad["shop"]["documents"]["logo"] = json!("/etc/passwd");
    bad["shop"]["name"] = json!("Changed");
    let bad_file = cli.dir.path().join("bad.json");
    std::fs::write(&bad_file, bad.to_string()).unwrap();
    let err = cli.fails(
        &["--json", "settings", "import", bad_file.to_str().unwrap()],
        None,
    );
    assert!(err.contains("is a path"), "{err}");
    let now: Value = serde_json::from_str(&cli.ok(&["settings", "export"], None)).unwrap();
    assert_eq!(now["shop"]["name"], doc["shop"]["name"]);

    // Not a PNG: refused; --remove takes the logo off.
    std::fs::write(&logo, b"GIF89a").unwrap();
    let err = cli.fails(&["settings", "logo", logo.to_str().unwrap()], None);
    assert!(err.contains("not a PNG"), "{err}");
    let removed = cli.json(&["settings", "logo", "--remove"], None);
    assert_eq!(removed["logo"], Value::Null);
    let now: Value = serde_json::from_str(&cli.ok(&["settings", "export"], None)).unwrap();
    assert!(now["shop"].get("documents").is_none(), "{now}");
    // The file from before brings the logo back, from the file alone.
    cli.ok(&["settings", "import", exported.to_str().unwrap()], None);
    let now: Value = serde_json::from_str(&cli.ok(&["settings", "export"], None)).unwrap();
    assert_eq!(
        now["shop"]["documents"]["logo"],
        doc["shop"]["documents"]["logo"]
    );
}

#[test]
fn staff_from_the_command_line_with_pins_on_standard_input() {
    let cli = Cli::new();
    cli.demo();
    // Without --as: the built-in `cli` with owner rights.
    let olga = cli.json(
        &["staff", "add", "Olga", "--role", "owner"],
        Some("482913\n"),
    );
    assert_eq!(olga["role"], "owner");
    cli.json(
        &["staff", "add", "Sam", "--role", "cashier"],
        Some("193746\n"),
    );
    let list = cli.json(&["staff", "list"], None);
    let text = list.to_string();
    assert!(
        !text.contains("argon2") && !text.contains("193746"),
        "{text}"
    );
    assert_eq!(list.as_array().map(Vec::len), Some(2));

    // As Sam (a cashier): adding staff is forbidden, in JSON, nothing written.
    let mut child = Command::new(env!("CARGO_BIN_EXE_tillflow"))
        .args([
            "--db",
            &cli.db(),
            "--json",
            "--as",
            "Sam",
            "staff",
            "add",
            "Eve",
            "--role",
            "owner",
        ])
        .env_remove("TILLFLOW_DB")
        .env("TILLFLOW_PIN", "193746")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(b"918273\n").unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(!out.status.success());
    let err: Value = serde_json::from_slice(&out.stderr).unwrap();
    assert_eq!(err["code"], "forbidden", "{err}");
    // A wrong PIN for --as: unauthenticated.
    let out = Command::new(env!("CARGO_BIN_EXE_tillflow"))
        .args(["--db", &cli.db(), "--json", "--as", "Olga", "staff", "list"])
        .env_remove("TILLFLOW_DB")
        .env("TILLFLOW_PIN", "000001")
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err: Value = serde_json::from_slice(&out.stderr).unwrap();
    assert_eq!(err["code"], "unauthenticated", "{err}");
    assert_eq!(
        cli.json(&["staff", "list"], None).as_array().map(Vec::len),
        Some(2)
    );
    // A PIN is never an argument: without standard input the add is refused.
    let out = cli.run(
        &["--json", "staff", "add", "Kim", "--role", "cashier"],
        None,
    );
    assert!(!out.status.success());

    // As Olga (the owner) it works, and the roles are listed.
    let out = Command::new(env!("CARGO_BIN_EXE_tillflow"))
        .args([
            "--db",
            &cli.db(),
            "--json",
            "--as",
            "olga",
            "staff",
            "disable",
            "Sam",
        ])
        .env_remove("TILLFLOW_DB")
        .env("TILLFLOW_PIN", "482913")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let roles = cli.json(&["roles"], None);
    assert_eq!(cli.json(&["roles", "list"], None), roles);
    let cashier = &roles[0];
    assert_eq!(cashier["role"], "cashier");
    assert!(cashier["permissions"]
        .as_array()
        .is_some_and(
            |p| p.iter().any(|k| k == "orders.take") && !p.iter().any(|k| k == "staff.manage")
        ));
}

/// `tillflow --as NAME` with the PIN in `TILLFLOW_PIN`: stdout, stderr, success.
fn run_as(cli: &Cli, name: &str, pin: &str, args: &[&str]) -> (Value, bool) {
    let db = cli.db();
    let mut all = vec!["--db", db.as_str(), "--json", "--as", name];
    all.extend_from_slice(args);
    let out = Command::new(env!("CARGO_BIN_EXE_tillflow"))
        .args(&all)
        .env_remove("TILLFLOW_DB")
        .env("TILLFLOW_PIN", pin)
        .output()
        .unwrap();
    let text = if out.status.success() {
        out.stdout
    } else {
        out.stderr
    };
    (
        serde_json::from_slice(&text).unwrap_or(Value::Null),
        out.status.success(),
    )
}

#[test]
fn every_write_runs_as_the_signed_in_person_and_is_recorded_under_their_name() {
    let cli = Cli::new();
    cli.demo();
    cli.json(
        &["staff", "add", "Sam", "--role", "cashier"],
        Some("193746\n"),
    );
    let order = cli.json(&["order", "create", "--input", "-"], Some(ORDER));
    let number = order["number"].as_str().unwrap().to_string();

    // A cashier fires a worker trigger: recorded as Sam.
    let (r, ok) = run_as(
        &cli,
        "Sam",
        "193746",
        &["order", "event", &number, "items.tagged"],
    );
    assert!(ok, "{r}");
    // A cashier may not cancel: forbidden, named, nothing written.
    let (err, ok) = run_as(
        &cli,
        "Sam",
        "193746",
        &["order", "cancel", &number, "--reason", "oops"],
    );
    assert!(!ok);
    assert_eq!(err["code"], "forbidden", "{err}");
    assert!(err["message"].as_str().unwrap().contains("cancel"), "{err}");
    // Nor export customers' data.
    let (err, ok) = run_as(&cli, "Sam", "193746", &["export", "csv", "--out", "-"]);
    assert!(!ok);
    assert_eq!(err["code"], "forbidden", "{err}");

    let view = cli.json(&["order", "show", &number], None);
    let history = view["history"].as_array().unwrap();
    assert_eq!(history.first().unwrap()["actor"], "cli");
    assert_eq!(history.last().unwrap()["actor"], "Sam");
    assert_ne!(view["status"], "canceled");
}

/// Issue 13 from the command line: a move past a guard is refused with
/// `guarded` and nothing is written; `--override` goes past it; `order
/// undo` takes a move back; `workflow simulate` walks a type and writes nothing.
#[test]
fn guarded_moves_undo_and_the_simulator() {
    let cli = Cli::new();
    cli.demo();
    let repair = r#"{"type": "repair", "customer": {"name": "Ada"},
        "fields": {"device": "Phone", "problem": "Screen"}, "lines": [{"sku": "DIAG", "qty": "1"}]}"#;
    let o = cli.json(&["order", "create", "--input", "-"], Some(repair));
    let n = o["number"].as_str().unwrap().to_string();
    let err = cli.fails(
        &[
            "--json",
            "order",
            "move",
            &n,
            "--to",
            "completed",
            "--reason",
            "done",
        ],
        None,
    );
    let e: Value = serde_json::from_str(err.trim()).unwrap();
    assert_eq!(e["code"], "guarded");
    assert!(
        e["message"].as_str().unwrap().contains("paid in full"),
        "{e}"
    );
    let shown = cli.json(&["order", "show", &n], None);
    assert_eq!(shown["status"], "checked_in", "nothing was written");
    assert_eq!(
        shown["history"].as_array().unwrap().len(),
        o["history"].as_array().unwrap().len()
    );

    let r = cli.json(
        &[
            "order",
            "move",
            &n,
            "--to",
            "completed",
            "--reason",
            "on account",
            "--override",
        ],
        None,
    );
    assert_eq!(r["status"], "completed");
    let r = cli.json(&["order", "undo", &n, "--reason", "not on account"], None);
    assert_eq!(r["status"], "checked_in");
    let shown = cli.json(&["order", "show", &n], None);
    let events: Vec<&str> = shown["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["event"].as_str().unwrap())
        .collect();
    assert!(
        events.ends_with(&["guard.overridden", "manual.move", "move.undone"]),
        "{events:?}"
    );

    let sim = cli.json(
        &[
            "workflow",
            "simulate",
            "laundry",
            "--events",
            "items.tagged,work.completed,order.marked_ready,customer.notified,order.picked_up",
            "--paid",
            "10",
        ],
        None,
    );
    assert_eq!(sim["status"], "completed");
    assert_eq!(sim["steps"].as_array().unwrap().len(), 6);
    let text = cli.ok(
        &[
            "workflow",
            "simulate",
            "retail",
            "--events",
            "shipment.delivered",
            "--paid",
            "100",
        ],
        None,
    );
    assert!(text.contains("kept for 'shipped'"), "{text}");
    assert!(text.contains("Ends at: picking"), "{text}");
    let err = cli.fails(
        &["workflow", "simulate", "laundry", "--events", "fly"],
        None,
    );
    assert!(err.contains("'fly' is not an event"), "{err}");
    assert_eq!(
        cli.json(&["orders", "list"], None)
            .as_array()
            .unwrap()
            .len(),
        1
    );
}

/// `order refund` (with `--preview`, to store credit, refused above what the
/// order holds) and `order void`, JSON out; the journal verifies clean.
#[test]
fn refund_and_void_through_the_cli() {
    const PAID: &str = r#"{"type": "laundry", "customer": {"name": "Marie Curie", "phone": "0612345678"},
      "fields": {"due_date": "2026-12-01"},
      "lines": [{"sku": "SHIRT", "qty": "2"}, {"name": "Rug", "qty": "1", "unit_price": "10.00", "tax_rate": "20"}],
      "payments": [{"method": "card", "amount": "6.00"}, {"method": "cash", "amount": "4.00"}]}"#;
    let cli = Cli::new();
    cli.demo();
    cli.json(&["order", "create", "--input", "-"], Some(PAID));
    cli.json(
        &["order", "cancel", "TF-000001", "--reason", "not wanted"],
        None,
    );
    let refund = [
        "order",
        "refund",
        "TF-000001",
        "--reason",
        "deposit",
        "--amount",
    ];
    let with = |rest: &[&'static str]| [&refund[..], rest].concat();

    let p = cli.json(&with(&["7.00", "--preview"]), None);
    assert_eq!(
        p["refunds"],
        json!([{"method": "cash", "amount": "4.00"}, {"method": "card", "amount": "3.00"}])
    );
    let r = cli.json(&with(&["7.00"]), None);
    assert_eq!(
        (r["refund"].as_str(), r["paid"].as_str()),
        (Some("7.00"), Some("3.00"))
    );
    // More than is left: refused, nothing written.
    let e = cli.fails(&with(&["3.01"]), None);
    assert!(e.contains("at most 3.00"), "{e}");
    let r = cli.json(&with(&["3.00", "--store-credit"]), None);
    assert_eq!(r["refunds"][0]["method"], "store_credit");
    assert_eq!(r["paid"], "0.00");

    cli.json(&["order", "create", "--input", "-"], Some(PAID));
    let v = cli.json(
        &["order", "void", "TF-000002", "--reason", "wrong till"],
        None,
    );
    assert_eq!(v["refund"], "10.00");
    assert_eq!(v["result"]["stage"], "canceled");
    let o = cli.json(&["order", "show", "TF-000002"], None);
    assert_eq!(o["totals"]["paid"], "0.00");
    cli.ok(&["journal", "verify"], None);
}
