//! A real SMTP server (Python's aiosmtpd, `tests/support/smtp_sink.py`)
//! started by a test on a free port; the messages it received are read
//! back from its file. Install: `scripts/system-packages.sh test`
//! (`python3-aiosmtpd`).
#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// One message the server received.
#[derive(Debug, Clone)]
pub struct Received {
    pub mail_from: String,
    pub rcpt_tos: Vec<String>,
    pub from: String,
    pub to: String,
    pub subject: String,
    pub body: String,
    /// Attached files: name, content type, where the server saved it.
    pub attachments: Vec<(String, String, PathBuf)>,
}

pub struct SmtpServer {
    child: Child,
    pub port: u16,
    out: PathBuf,
}

/// A port nothing listens on (just now).
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// A Python that has aiosmtpd (the Debian package's, when `python3` on the
/// PATH is another one).
fn python() -> &'static str {
    for p in ["python3", "/usr/bin/python3"] {
        let ok = Command::new(p)
            .args(["-c", "import aiosmtpd"])
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if ok {
            return p;
        }
    }
    panic!("aiosmtpd is not installed: run scripts/system-packages.sh test (python3-aiosmtpd)");
}

impl SmtpServer {
    /// Starts the server on `port`, writing to a file in `dir`; returns once
    /// it accepts connections.
    pub fn start(port: u16, dir: &Path) -> SmtpServer {
        let out = dir.join(format!("smtp-{port}.jsonl"));
        // From the root crate's tests and from tests/e2e.
        let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
        let script = [
            manifest.join("tests/support/smtp_sink.py"),
            manifest.join("../support/smtp_sink.py"),
        ]
        .into_iter()
        .find(|p| p.is_file())
        .expect("tests/support/smtp_sink.py");
        let mut child = Command::new(python())
            .arg(script)
            .arg(port.to_string())
            .arg(&out)
            .stdout(Stdio::piped())
            .spawn()
            .expect("start the SMTP server");
        let stdout = child.stdout.take().expect("stdout");
        let mut line = String::new();
        BufReader::new(stdout)
            .read_line(&mut line)
            .expect("read the server's first line");
        assert_eq!(line.trim(), "ready", "the SMTP server did not start");
        SmtpServer { child, port, out }
    }

    /// The messages received so far, waiting up to `wait` for `n` of them.
    pub fn received(&self, n: usize, wait: Duration) -> Vec<Received> {
        let until = Instant::now() + wait;
        loop {
            let got: Vec<Received> = std::fs::read_to_string(&self.out)
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

fn parse(line: &str) -> Received {
    let v: serde_json::Value = serde_json::from_str(line).expect("a JSON line");
    let text = |k: &str| v[k].as_str().unwrap_or_default().to_string();
    Received {
        mail_from: text("mail_from"),
        rcpt_tos: v["rcpt_tos"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|x| x.as_str().map(String::from))
                    .collect()
            })
            .unwrap_or_default(),
        from: text("from"),
        to: text("to"),
        subject: text("subject"),
        body: text("body"),
        attachments: v["attachments"]
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|f| {
                        let s = |k: &str| f[k].as_str().unwrap_or_default().to_string();
                        (s("name"), s("type"), PathBuf::from(s("path")))
                    })
                    .collect()
            })
            .unwrap_or_default(),
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
