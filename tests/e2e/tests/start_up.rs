//! Cold start and idle memory of the app against a blank Tauri window with
//! the same tauri features (tests/blank-window), in the same run. Driven
//! by `scripts/measure-app.sh`, which builds both and sets:
//! - `TILLFLOW_SCALE_DB`: a COPY of a generated database (the app migrates it);
//! - `TILLFLOW_APP`: the app; `TILLFLOW_BLANK_APP`: the blank window;
//! - `TILLFLOW_IDLE_SECS`: how long each idles before its memory is read (default 10).
//!
//! Start-up: from the process's start (`/proc/<pid>/stat`) to the page
//! first showing what a user sees first (the app's lock screen with its
//! staff tiles; the blank page's text), the page's clock read in the page
//! (`performance.timeOrigin + performance.now()`), polled as fast as
//! WebDriver answers. Then, for the app, sign-in: from the Enter that ends
//! the owner's PIN (a keydown listener in the page) to the dashboard's
//! open-orders tile showing its figure. The database gets its owner before
//! the app starts ([`tillflow_e2e::ensure_owner`], which also migrates it). Memory: RSS
//! and PSS (`/proc/<pid>/smaps_rollup`) summed over the process and all its
//! descendants (WebKit's web and network processes).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use tillflow_e2e::{App, TestResult, OWNER, OWNER_PIN};

/// Per process: (parent pid, executable).
fn processes() -> HashMap<u32, (u32, Option<PathBuf>)> {
    let mut all = HashMap::new();
    let Ok(dir) = std::fs::read_dir("/proc") else {
        return all;
    };
    for entry in dir.flatten() {
        let Some(pid) = entry
            .file_name()
            .to_str()
            .and_then(|s| s.parse::<u32>().ok())
        else {
            continue;
        };
        let Some(ppid) = stat_field(pid, 4) else {
            continue;
        };
        let exe = std::fs::read_link(format!("/proc/{pid}/exe")).ok();
        all.insert(pid, (ppid as u32, exe));
    }
    all
}

/// Field `n` (1-based, as in proc(5)) of `/proc/<pid>/stat`.
fn stat_field(pid: u32, n: usize) -> Option<u64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command name (field 2) may hold spaces: count from after it.
    let rest = &stat[stat.rfind(')')? + 2..];
    rest.split(' ').nth(n - 3)?.parse().ok()
}

/// The pid running `exe` (the newest, if several).
fn pid_of(exe: &Path) -> Option<u32> {
    processes()
        .into_iter()
        .filter(|(_, (_, e))| e.as_deref() == Some(exe))
        .map(|(pid, _)| pid)
        .max_by_key(|pid| stat_field(*pid, 22).unwrap_or(0))
}

/// `pid` and every process below it.
fn tree(pid: u32) -> Vec<u32> {
    let all = processes();
    let mut out = vec![pid];
    let mut i = 0;
    while i < out.len() {
        let parent = out[i];
        out.extend(
            all.iter()
                .filter(|(_, (pp, _))| *pp == parent)
                .map(|(p, _)| *p),
        );
        i += 1;
    }
    out
}

/// (RSS, PSS) in kB from `/proc/<pid>/smaps_rollup`.
fn memory_kb(pid: u32) -> (u64, u64) {
    let text = std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup")).unwrap_or_default();
    let field = |name: &str| {
        text.lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse().ok())
            .unwrap_or(0)
    };
    (field("Rss:"), field("Pss:"))
}

/// When `pid` started, in ms since the epoch (10 ms resolution).
fn started_ms(pid: u32) -> TestResult<f64> {
    let ticks = stat_field(pid, 22).ok_or("no start time")? as f64;
    let stat = std::fs::read_to_string("/proc/stat")?;
    let boot: f64 = stat
        .lines()
        .find_map(|l| l.strip_prefix("btime "))
        .ok_or("no btime")?
        .trim()
        .parse()?;
    // Clock ticks: USER_HZ, 100 on the Linux targets we run on.
    Ok((boot + ticks / 100.0) * 1000.0)
}

struct Measured {
    start_ms: f64,
    /// PIN's Enter → dashboard data (the app only).
    sign_in_ms: Option<f64>,
    processes: usize,
    rss_kb: u64,
    pss_kb: u64,
}

/// The page's clock when `selector` first matches, polled.
async fn shown_at(app: &App, selector: &str) -> TestResult<f64> {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let t = app
            .client
            .execute(
                "return document.querySelector(arguments[0]) ? performance.timeOrigin + performance.now() : null;",
                vec![selector.into()],
            )
            .await;
        if let Ok(serde_json::Value::Number(n)) = t {
            return Ok(n.as_f64().ok_or("time")?);
        }
        if Instant::now() > deadline {
            return Err(format!("{selector} never appeared").into());
        }
    }
}

/// What a run waits for: the first screen, and for the app the sign-in.
struct Ready<'a> {
    first: &'a str,
    signed_in: Option<&'a str>,
}

/// Signs the owner in and returns the time from the PIN's Enter (seen by
/// a keydown listener in the page) to `selector` showing.
async fn sign_in_ms(app: &App, selector: &str) -> TestResult<f64> {
    app.pick_on_lock_screen(OWNER).await?;
    app.client
        .execute(
            "window.__enter = null; window.addEventListener('keydown', e => { if (e.key === 'Enter' && window.__enter === null) window.__enter = performance.timeOrigin + performance.now(); }, { capture: true });",
            vec![],
        )
        .await?;
    app.enter_pin("pin-input", OWNER_PIN).await?;
    let shown = shown_at(app, selector).await?;
    let enter = app
        .client
        .execute("return window.__enter;", vec![])
        .await?
        .as_f64()
        .ok_or("the PIN's Enter was not seen")?;
    Ok(shown - enter)
}

async fn measure(
    binary: &Path,
    env: &[(&str, &Path)],
    ready: Ready<'_>,
    idle: Duration,
) -> TestResult<Measured> {
    let binary = binary.canonicalize()?;
    let app = if ready.signed_in.is_some() {
        App::start_with_owner(&binary, env).await?
    } else {
        App::start(&binary, env).await?
    };
    let first = shown_at(&app, ready.first)
        .await
        .map_err(|e| format!("{}: {e}", binary.display()))?;
    let pid = pid_of(&binary).ok_or("the app's process was not found")?;
    let start_ms = first - started_ms(pid)?;
    let sign_in_ms = match ready.signed_in {
        Some(selector) => Some(sign_in_ms(&app, selector).await?),
        None => None,
    };
    tokio::time::sleep(idle).await;
    let pids = tree(pid);
    // Each process's share, to see where the memory is.
    let split: Vec<String> = pids
        .iter()
        .map(|p| {
            let name = std::fs::read_to_string(format!("/proc/{p}/comm")).unwrap_or_default();
            format!("{} {:.0} MB", name.trim(), memory_kb(*p).1 as f64 / 1024.0)
        })
        .collect();
    println!("  PSS by process: {}", split.join(", "));
    let (rss_kb, pss_kb) = pids
        .iter()
        .map(|p| memory_kb(*p))
        .fold((0, 0), |a, m| (a.0 + m.0, a.1 + m.1));
    app.close().await?;
    Ok(Measured {
        start_ms,
        sign_in_ms,
        processes: pids.len(),
        rss_kb,
        pss_kb,
    })
}

fn print(name: &str, m: &Measured) {
    let sign_in = m
        .sign_in_ms
        .map(|ms| format!("   PIN → dashboard data {ms:>5.0} ms"))
        .unwrap_or_default();
    println!(
        "{name:<14} start → first screen {:>6.0} ms{sign_in}   idle: {} processes, RSS {:>5.0} MB, PSS {:>5.0} MB",
        m.start_ms,
        m.processes,
        m.rss_kb as f64 / 1024.0,
        m.pss_kb as f64 / 1024.0
    );
}

#[tokio::test]
#[ignore = "run by scripts/measure-app.sh (needs TILLFLOW_SCALE_DB, TILLFLOW_APP, TILLFLOW_BLANK_APP)"]
async fn start_up_and_idle_memory_against_a_blank_window() -> TestResult {
    let (Some(db), Some(app), Some(blank)) = (
        std::env::var_os("TILLFLOW_SCALE_DB").map(PathBuf::from),
        std::env::var_os("TILLFLOW_APP").map(PathBuf::from),
        std::env::var_os("TILLFLOW_BLANK_APP").map(PathBuf::from),
    ) else {
        eprintln!(
            "TILLFLOW_SCALE_DB, TILLFLOW_APP or TILLFLOW_BLANK_APP is not set: nothing measured"
        );
        return Ok(());
    };
    let idle = Duration::from_secs(
        std::env::var("TILLFLOW_IDLE_SECS")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(10),
    );
    let runs: usize = std::env::var("TILLFLOW_RUNS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(3);
    for run in 1..=runs {
        let blank = measure(
            &blank,
            &[],
            Ready {
                first: "[data-testid=blank]",
                signed_in: None,
            },
            idle,
        )
        .await?;
        let app = measure(
            &app,
            &[("TILLFLOW_DB", db.as_path())],
            Ready {
                first: "[data-testid=lock-screen] [data-testid=staff-tile]",
                signed_in: Some("[data-testid=tile-open] .value"),
            },
            idle,
        )
        .await?;
        println!("run {run}");
        print("blank window", &blank);
        print("tillflow", &app);
        println!(
            "PSS ratio {:.2} (target ≤ 1.25), start → lock screen {:.0} ms + PIN → dashboard data {:.0} ms (target for start → dashboard ≤ 1500)",
            app.pss_kb as f64 / blank.pss_kb.max(1) as f64,
            app.start_ms,
            app.sign_in_ms.unwrap_or(f64::NAN)
        );
    }
    Ok(())
}
