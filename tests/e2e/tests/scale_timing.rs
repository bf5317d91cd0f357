//! Keypress → result rows painted in the dashboard search, on a large
//! database, measured inside the page: from the key event to the first
//! result row in the DOM (a MutationObserver), to its style and layout done
//! (forced right there), and to the frames after it.
//! Median of 10, printed.
//!
//! Runs only when `TILLFLOW_SCALE_DB` points at a COPY of a generated
//! database (the app migrates what it opens):
//! `TILLFLOW_SCALE_DB=/tmp/copy-of-1m.db xvfb-run -a cargo test -p tillflow-e2e --test scale_timing -- --ignored --nocapture`

use std::path::PathBuf;
use std::time::{Duration, Instant};

use tillflow::synthetic::{FIRST_NAMES, LAST_NAMES};
use tillflow_e2e::{App, TestResult, OWNER, OWNER_PIN};

const SEARCH: &str = "[data-testid=dashboard-search]";
const ROW: &str = "[data-testid=search-results] [data-testid=order-row]";

/// Puts `prefix` in the search box without an input event (the page still
/// holds an empty search), and arms a recorder: the time of the next
/// keydown, of the first mutation after it that leaves a result row in
/// the DOM, and of the frame after that.
const ARM: &str = r#"
const [sel, row, prefix] = arguments;
const box = document.querySelector(sel);
box.focus();
box.value = prefix;
box.setSelectionRange(prefix.length, prefix.length);
const t = { key: null, rows: null, layout: null, frame1: null, frame: null };
window.__keypress = t;
window.addEventListener('keydown', () => { if (t.key === null) t.key = performance.now(); }, { capture: true, once: true });
const seen = () => {
  if (t.key === null || t.rows !== null || !document.querySelector(row)) return;
  t.rows = performance.now();
  obs.disconnect();
  // Style and layout forced here, so the frames after show painting alone.
  void document.body.getBoundingClientRect().height;
  t.layout = performance.now();
  requestAnimationFrame(() => {
    t.frame1 = performance.now();
    requestAnimationFrame(() => { t.frame = performance.now(); });
  });
};
const obs = new MutationObserver(seen);
obs.observe(document.body, { childList: true, subtree: true });
"#;

/// Takes the result section out, lets a frame pass, puts it back and
/// records the time of that and of the second frame after it.
const FLOOR: &str = r#"
const [sel] = arguments;
const el = document.querySelector(sel);
const parent = el.parentNode, next = el.nextSibling;
const t = { put: null, frame: null };
window.__floor = t;
parent.removeChild(el);
requestAnimationFrame(() => requestAnimationFrame(() => {
  parent.insertBefore(el, next);
  t.put = performance.now();
  requestAnimationFrame(() => requestAnimationFrame(() => { t.frame = performance.now(); }));
}));
"#;

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

#[tokio::test]
#[ignore = "needs TILLFLOW_SCALE_DB (a copy of a generated database) and the built app"]
async fn keypress_to_result_rows_at_scale() -> TestResult {
    let Some(db) = std::env::var_os("TILLFLOW_SCALE_DB").map(PathBuf::from) else {
        eprintln!("TILLFLOW_SCALE_DB is not set: nothing measured");
        return Ok(());
    };
    let app = App::launch_with(&[("TILLFLOW_DB", db.as_path())]).await?;
    app.wait_for("[data-testid=tile-open]").await?;
    // The start-up journal verification runs on a core of its own for a
    // while at this size: measured after it, so the search has the
    // machine as a shop would most of the day.
    let started = Instant::now();
    loop {
        let status = match app
            .invoke_outcome("journal_status", serde_json::json!({}))
            .await?
        {
            Ok(status) => status,
            // The till locks itself after a while idle: sign in again.
            Err(e) if e["code"] == "unauthenticated" => {
                app.sign_in(OWNER, OWNER_PIN).await?;
                continue;
            }
            Err(e) => return Err(format!("journal_status failed: {e}").into()),
        };
        if status["checking"] == false {
            println!(
                "start-up journal verification: {} entries, ok {}, done after {:.1} s",
                status["entries"],
                status["ok"],
                started.elapsed().as_secs_f64()
            );
            break;
        }
        if started.elapsed() > Duration::from_secs(1800) {
            return Err("the start-up journal verification did not end in 30 minutes".into());
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    let (mut to_rows, mut to_frame) = (Vec::new(), Vec::new());
    for i in 0..10 {
        let name = format!(
            "{} {}",
            FIRST_NAMES[(i * 7) % FIRST_NAMES.len()],
            LAST_NAMES[(i * 3) % LAST_NAMES.len()]
        );
        // Start from an empty search with no results shown.
        app.set_value(SEARCH, "").await?;
        app.wait_gone(ROW).await?;
        let (prefix, last) = name.split_at(name.len() - 1);
        app.client
            .execute(ARM, vec![SEARCH.into(), ROW.into(), prefix.into()])
            .await?;
        app.keys(SEARCH, last).await?;
        let deadline = Instant::now() + Duration::from_secs(15);
        let t = loop {
            let t = app
                .client
                .execute("return window.__keypress;", vec![])
                .await?;
            if t["frame"].is_number() {
                break t;
            }
            if Instant::now() > deadline {
                return Err(format!("no result rows for {name:?}: {t}").into());
            }
            tokio::time::sleep(Duration::from_millis(5)).await;
        };
        let key = t["key"].as_f64().ok_or("no keydown seen")?;
        let rows = t["rows"].as_f64().ok_or("rows")? - key;
        let frame = t["frame"].as_f64().ok_or("frame")? - key;
        let layout = t["layout"].as_f64().ok_or("layout")? - key;
        let frame1 = t["frame1"].as_f64().ok_or("frame1")? - key;
        let shown = app.texts(ROW).await?.len();
        println!(
            "{name:<16} rows in DOM {rows:>7.1} ms   laid out {layout:>7.1} ms   \
             first frame {frame1:>7.1} ms   next frame {frame:>7.1} ms   ({shown} rows)"
        );
        to_rows.push(rows);
        to_frame.push(frame);
    }
    app.shot("scale-timing-search").await?;
    // The floor: the same result rows, taken out and put back by a script
    // (no key, no IPC, no framework), timed to the frames after it. What
    // painting alone costs in this window on this machine.
    let mut floor = Vec::new();
    for _ in 0..10 {
        app.client
            .execute(FLOOR, vec!["[data-testid=search-results]".into()])
            .await?;
        let deadline = Instant::now() + Duration::from_secs(15);
        let t = loop {
            let t = app.client.execute("return window.__floor;", vec![]).await?;
            if t["frame"].is_number() {
                break t;
            }
            if Instant::now() > deadline {
                return Err(format!("no frame after re-inserting the rows: {t}").into());
            }
            tokio::time::sleep(Duration::from_millis(5)).await;
        };
        floor.push(t["frame"].as_f64().ok_or("frame")? - t["put"].as_f64().ok_or("put")?);
    }
    println!(
        "the same rows re-inserted by a script → next frame, median of 10: {:.1} ms",
        median(&mut floor)
    );
    println!(
        "keypress → result rows, median of 10: in DOM {:.1} ms, painted (next frame) {:.1} ms",
        median(&mut to_rows),
        median(&mut to_frame)
    );
    app.close().await
}
