//! `tillflow orders search`, `export csv`, `import …` and `dev generate`
//! end to end on a real database file.

use std::process::{Command, Output};

use serde_json::Value;
use tillflow::csv::parse;

struct Cli {
    dir: tempfile::TempDir,
}

impl Cli {
    fn new() -> Cli {
        Cli {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    fn path(&self, name: &str) -> String {
        self.dir.path().join(name).to_string_lossy().into_owned()
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_tillflow"))
            .arg("--db")
            .arg(self.path("cli.db"))
            .args(args)
            .env_remove("TILLFLOW_DB")
            .output()
            .expect("runs")
    }

    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "{args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("utf8")
    }

    fn json(&self, args: &[&str]) -> Value {
        let mut a = vec!["--json"];
        a.extend_from_slice(args);
        serde_json::from_str(&self.ok(&a)).expect("json")
    }
}

fn order(notes: &str) -> String {
    format!(
        r#"{{"type": "laundry", "customer": {{"name": "Marie Curie", "phone": "0612345678", "email": "marie@curie.fr"}},
  "fields": {{"due_date": "2026-12-01", "notes": "{notes}"}},
  "lines": [{{"sku": "SHIRT", "qty": "2"}}]}}"#
    )
}

#[test]
fn search_export_and_generate_through_the_cli() {
    let cli = Cli::new();
    cli.ok(&["demo"]);
    for notes in ["wine stain", "missing button"] {
        let file = cli.path("order.json");
        std::fs::write(&file, order(notes)).expect("write");
        cli.ok(&["order", "create", "--input", &file]);
    }
    let found = cli.json(&["orders", "search", "--text", "stain"]);
    assert_eq!(found["orders"][0]["number"], "TF-000001");
    assert_eq!(found["orders"].as_array().map(Vec::len), Some(1));
    assert_eq!(found["next"], Value::Null);
    let first = cli.json(&[
        "orders", "search", "--phone", "06 12", "--limit", "1", "--sort", "oldest",
    ]);
    assert_eq!(first["orders"][0]["number"], "TF-000001");
    let next = first["next"].as_str().expect("a next page").to_string();
    let second = cli.json(&[
        "orders", "search", "--phone", "0612", "--limit", "1", "--sort", "oldest", "--after", &next,
    ]);
    assert_eq!(second["orders"][0]["number"], "TF-000002");
    assert_eq!(second["next"], Value::Null);
    let human = cli.ok(&[
        "orders",
        "search",
        "--email",
        "MARIE@",
        "--balance-due",
        "--limit",
        "1",
    ]);
    assert!(
        human.contains("TF-000002") && human.contains("More: --after"),
        "{human}"
    );

    let out = cli.path("orders.csv");
    let done = cli.json(&[
        "export",
        "csv",
        "--out",
        &out,
        "--lines",
        "--customer",
        "curie",
    ]);
    assert_eq!(
        (done["orders"].as_u64(), done["rows"].as_u64()),
        (Some(2), Some(2))
    );
    let rows = parse(&std::fs::read_to_string(&out).expect("read")).expect("csv");
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[1].fields[0], "TF-000002");
    let stdout = cli.ok(&["export", "csv", "--text", "button"]);
    assert!(stdout.starts_with("number,created_at,"), "{stdout}");
    assert_eq!(stdout.lines().count(), 2);

    let err = cli.run(&["orders", "search", "--from", "yesterday"]);
    assert_eq!(err.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&err.stderr).contains("from: 'yesterday' is not a date"));
}

#[test]
fn imports_through_the_cli_fail_with_the_problem_list_and_write_nothing() {
    let cli = Cli::new();
    cli.ok(&["demo"]);
    let file = cli.path("customers.csv");
    std::fs::write(&file, "name,phone\nAda,0612345678\n,0700000000\n").expect("write");
    let out = cli.run(&["import", "customers", &file, "--dry-run"]);
    assert_eq!(out.status.code(), Some(2));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("row 3, column name: is required"), "{text}");
    assert!(text.contains("nothing written"), "{text}");
    let out = cli.run(&["--json", "import", "customers", &file]);
    assert_eq!(out.status.code(), Some(2));
    let report: Value = serde_json::from_slice(&out.stdout).expect("json report");
    assert_eq!(report["problems"][0]["row"], 3);
    assert_eq!(report["written"], false);
    assert_eq!(cli.json(&["customers", "Ada"]), serde_json::json!([]));

    std::fs::write(&file, "name,phone\nAda,0612345678\n").expect("write");
    let report = cli.json(&["import", "customers", &file]);
    assert_eq!(
        (report["created"].as_u64(), report["written"].as_bool()),
        (Some(1), Some(true))
    );
    assert_eq!(cli.json(&["customers", "Ada"])[0]["name"], "Ada");

    let items = cli.path("items.csv");
    std::fs::write(&items, "sku,name,price,tax_rate\nBAG,Laundry bag,1.50,20\n").expect("write");
    cli.ok(&["import", "items", &items]);
    let settings = cli.ok(&["settings", "export"]);
    assert!(settings.contains("\"BAG\""), "{settings}");
    // The catalogue export is what the import reads: read back unchanged.
    let exported = cli.path("catalogue.csv");
    let wrote = cli.json(&["export", "items", "--out", &exported]);
    assert_eq!(wrote["items"], 12);
    let text = std::fs::read_to_string(&exported).expect("read");
    assert!(
        text.starts_with("sku,name,price,tax_rate,unit,barcode,categories,active\r\n"),
        "{text}"
    );
    assert!(
        text.contains("BAG,Laundry bag,1.50,20,,,,yes\r\n"),
        "{text}"
    );
    assert_eq!(cli.ok(&["export", "items"]), text, "standard output");
    let again = cli.json(&["import", "items", &exported, "--dry-run"]);
    assert_eq!(
        (again["updated"].as_u64(), again["created"].as_u64()),
        (Some(12), Some(0))
    );
    assert_eq!(again["problems"], serde_json::json!([]));

    let g = cli.json(&["dev", "generate", "--orders", "250"]);
    assert_eq!(g["orders"], 250);
    let all = cli.json(&["orders", "search", "--limit", "5000"]);
    assert_eq!(all["orders"].as_array().map(Vec::len), Some(250));
}
