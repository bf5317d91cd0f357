//! The kill -9 harness the crash tests share: the `tillflow` CLI run on a
//! real database file, to completion ([`ok`]) or killed with SIGKILL at a
//! random moment ([`run_killed`]), and a small deterministic random source.
#![allow(dead_code)]

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use tillflow::storage::{Durability, Store};

/// The CLI on `db`, answering in JSON.
pub fn cli(db: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_tillflow"));
    c.env_remove("TILLFLOW_DB")
        .env_remove("TILLFLOW_BACKUP_DIR")
        .arg("--db")
        .arg(db)
        .arg("--json");
    c
}

/// Runs `args` (with `input` on stdin) to completion; panics unless it
/// succeeds. Returns its JSON answer (null when it printed none).
pub fn ok(db: &Path, args: &[&str], input: Option<&str>) -> serde_json::Value {
    let mut c = cli(db);
    c.args(args).stdout(Stdio::piped()).stderr(Stdio::piped());
    if input.is_some() {
        c.stdin(Stdio::piped());
    }
    let mut child = c.spawn().expect("cli");
    if let Some(text) = input {
        use std::io::Write;
        let mut stdin = child.stdin.take().expect("stdin");
        stdin.write_all(text.as_bytes()).expect("input");
    }
    let out: Output = child.wait_with_output().expect("cli");
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap_or(serde_json::Value::Null)
}

/// How long `args` takes to run here, doubled (at least 1 ms): the window
/// kills are spread over.
pub fn kill_window(db: &Path, args: &[&str]) -> u64 {
    let timed = Instant::now();
    ok(db, args, None);
    (timed.elapsed().as_micros() as u64 * 2).max(1000)
}

/// What became of a command [`run_killed`] started.
pub struct Run {
    /// Killed before it exited.
    pub killed: bool,
    /// Its JSON answer when it exited by itself and succeeded.
    pub answer: Option<serde_json::Value>,
}

/// Starts `args` and, after a random moment within `window` µs, kills it
/// with SIGKILL unless it has exited already.
pub fn run_killed(db: &Path, args: &[&str], rng: &mut Lcg, window: u64) -> Run {
    let mut child = cli(db)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn");
    std::thread::sleep(Duration::from_micros(rng.next(window)));
    let exited = child.try_wait().expect("wait").is_some();
    if !exited {
        child.kill().expect("kill -9");
    }
    let done = child.wait_with_output().expect("reaped");
    let answer = (exited && done.status.success())
        .then(|| serde_json::from_slice(&done.stdout).expect("json"));
    Run {
        killed: !exited,
        answer,
    }
}

/// The store on `db`, as the next start after a crash opens it.
pub async fn open(db: &Path) -> Store {
    Store::open(db, Durability::Full)
        .await
        .expect("open after crash")
}

/// A small deterministic random source (no extra dependency).
pub struct Lcg(pub u64);
impl Lcg {
    pub fn next(&mut self, below: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % below.max(1)
    }
}
