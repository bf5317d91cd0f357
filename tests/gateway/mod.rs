//! A real HTTP server standing in for an SMS gateway (Python's http.server,
//! `tests/support/http_sink.py`) started by a test on a free port; the
//! requests it got are read back from its file.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// One request the gateway got.
#[derive(Debug, Clone)]
pub struct Request {
    pub method: String,
    pub path: String,
    pub query: BTreeMap<String, String>,
    pub headers: BTreeMap<String, String>,
    pub body: String,
}

pub struct Gateway {
    child: Child,
    pub port: u16,
    out: PathBuf,
}

impl Gateway {
    /// Starts the gateway on `port`, writing to a file in `dir`, answering
    /// `answers` ("500,200", "400:Invalid number"; the last repeated);
    /// returns once it listens.
    pub fn start(port: u16, dir: &Path, answers: &str) -> Gateway {
        let out = dir.join(format!("gateway-{port}.jsonl"));
        let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
        let script = [
            manifest.join("tests/support/http_sink.py"),
            manifest.join("../support/http_sink.py"),
        ]
        .into_iter()
        .find(|p| p.is_file())
        .expect("tests/support/http_sink.py");
        let mut child = Command::new("python3")
            .arg(script)
            .arg(port.to_string())
            .arg(&out)
            .arg(answers)
            .stdout(Stdio::piped())
            .spawn()
            .expect("start the HTTP gateway");
        let stdout = child.stdout.take().expect("stdout");
        let mut line = String::new();
        BufReader::new(stdout)
            .read_line(&mut line)
            .expect("read the gateway's first line");
        assert_eq!(line.trim(), "ready", "the HTTP gateway did not start");
        Gateway { child, port, out }
    }

    /// The requests so far, waiting up to `wait` for `n` of them.
    pub fn requests(&self, n: usize, wait: Duration) -> Vec<Request> {
        let until = Instant::now() + wait;
        loop {
            let got: Vec<Request> = std::fs::read_to_string(&self.out)
                .unwrap_or_default()
                .lines()
                .map(parse)
                .collect();
            if got.len() >= n || Instant::now() > until {
                return got;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

fn parse(line: &str) -> Request {
    let v: serde_json::Value = serde_json::from_str(line).expect("a JSON line");
    let map = |k: &str| -> BTreeMap<String, String> {
        v[k].as_object()
            .map(|o| {
                o.iter()
                    .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_string()))
                    .collect()
            })
            .unwrap_or_default()
    };
    Request {
        method: v["method"].as_str().unwrap_or_default().to_string(),
        path: v["path"].as_str().unwrap_or_default().to_string(),
        query: map("query"),
        headers: map("headers"),
        body: v["body"].as_str().unwrap_or_default().to_string(),
    }
}

impl Drop for Gateway {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
