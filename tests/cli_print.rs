//! `tillflow print` end to end on a real database file: Save as PDF (one
//! file, or one per delivery method), `--json` output, a failing printer
//! reported with a non-zero exit and the order left where it was.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::{json, Value};

fn run(db: &Path, args: &[&str], stdin: Option<&Path>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_tillflow"));
    cmd.arg("--db").arg(db).args(args).env_remove("TILLFLOW_DB");
    if let Some(file) = stdin {
        cmd.stdin(std::fs::File::open(file).expect("input file"));
    }
    cmd.output().expect("run tillflow")
}

fn ok(db: &Path, args: &[&str]) -> String {
    let out = run(db, args, None);
    assert!(
        out.status.success(),
        "{args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn pdf_text(path: &Path) -> String {
    let out = Command::new("pdftotext")
        .arg("-layout")
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn print_saves_pdfs_and_reports_failures() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("cli.db");
    ok(&db, &["demo"]);
    let input = dir.path().join("order.json");
    std::fs::write(
        &input,
        json!({
            "type": "retail",
            "customer": {"name": "Grace Hopper"},
            "fields": {"delivery": "courier"},
            "lines": [
                {"sku": "BOOK", "qty": "2", "delivery_method": "post"},
                {"sku": "MUG", "qty": "1", "delivery_method": "courier"}
            ]
        })
        .to_string(),
    )
    .expect("input");
    let created: Value = serde_json::from_str(&ok(
        &db,
        &[
            "--json",
            "order",
            "create",
            "--input",
            &input.to_string_lossy(),
        ],
    ))
    .expect("json");
    let number = created["number"].as_str().expect("number").to_string();

    // One receipt, human output names the file.
    let receipt = dir.path().join("receipt.pdf");
    let text = ok(
        &db,
        &[
            "print",
            "receipt",
            &number,
            "--out",
            &receipt.to_string_lossy(),
        ],
    );
    assert!(text.contains(&receipt.display().to_string()), "{text}");
    let body = pdf_text(&receipt);
    assert!(body.contains(&number) && body.contains("Mug"), "{body}");
    // The total as the demo shop (fr-FR) prints amounts: "12,50".
    let total = created["totals"]["total"].as_str().expect("total");
    assert!(body.contains(&total.replace('.', ",")), "{body}");

    // Split invoice: one file per method, named in the JSON output.
    let base = dir.path().join("invoice.pdf");
    let report: Value = serde_json::from_str(&ok(
        &db,
        &[
            "--json",
            "print",
            "invoice",
            &number,
            "--out",
            &base.to_string_lossy(),
            "--split-by-delivery",
        ],
    ))
    .expect("json");
    let files: Vec<String> = report["files"]
        .as_array()
        .expect("files")
        .iter()
        .map(|f| f.as_str().unwrap_or_default().to_string())
        .collect();
    let expected = [
        dir.path().join("invoice-post.pdf"),
        dir.path().join("invoice-courier.pdf"),
    ];
    assert_eq!(
        files,
        expected
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
    );
    assert!(pdf_text(&expected[0]).contains("Care guide (book)"));
    assert!(!pdf_text(&expected[0]).contains("Mug"));
    assert!(pdf_text(&expected[1]).contains(&number));
    assert_eq!(report["printed"], json!([]), "saving is not printing");

    // Packing slips are not split.
    let out = run(
        &db,
        &[
            "--json",
            "print",
            "packing-slip",
            &number,
            "--out",
            &base.to_string_lossy(),
            "--split-by-delivery",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    let err: Value = serde_json::from_slice(&out.stderr).expect("error json");
    assert_eq!(err["code"], "invalid");

    // A printer that does not exist: reported, exit 1, the order untouched.
    let before: Value =
        serde_json::from_str(&ok(&db, &["--json", "order", "show", &number])).expect("json");
    let out = run(
        &db,
        &[
            "--json",
            "print",
            "invoice",
            &number,
            "--printer",
            "No-Such-Printer-42",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    let err: Value = serde_json::from_slice(&out.stderr).expect("error json");
    assert_eq!(err["code"], "print_failed");
    let report: Value = serde_json::from_slice(&out.stdout).expect("report json");
    assert!(report["printed"][0]["error"].is_object(), "{report}");
    let after: Value =
        serde_json::from_str(&ok(&db, &["--json", "order", "show", &number])).expect("json");
    // Untouched but for the copy of its invoice that the print rendered
    // (the number was issued by the first save; a retry sends this copy).
    let kept = |v: &Value| -> Vec<Value> {
        let rows = v["history"].as_array().expect("history").iter();
        rows.filter(|h| h["event"] != "document.copy")
            .cloned()
            .collect()
    };
    assert_eq!(kept(&before), kept(&after));
    assert_eq!(before["invoice"], after["invoice"]);
    let last = &after["history"]
        .as_array()
        .expect("history")
        .last()
        .cloned();
    assert_eq!(
        last.as_ref().map(|h| h["event"].clone()),
        Some(json!("document.copy"))
    );

    // Unknown orders are not found.
    let out = run(
        &db,
        &["print", "invoice", "TF-424242", "--out", "x.pdf"],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
}
