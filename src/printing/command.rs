//! Running printing commands (`lp`, `lpstat`, PowerShell) with a deadline.

use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::PrintError;

/// A program and its arguments, built per platform and run without a shell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommandLine {
    pub program: String,
    pub args: Vec<String>,
}

impl CommandLine {
    pub fn new(program: &str, args: &[&str]) -> Self {
        CommandLine {
            program: program.to_string(),
            args: args.iter().map(|a| a.to_string()).collect(),
        }
    }

    pub fn arg(mut self, arg: impl Into<String>) -> Self {
        self.args.push(arg.into());
        self
    }

    /// Run it, feeding `stdin`, and return its standard output. Fails when it
    /// cannot start, exits non-zero, or runs longer than `timeout`.
    pub fn run(&self, stdin: Option<&[u8]>, timeout: Duration) -> Result<String, PrintError> {
        let mut child = Command::new(&self.program)
            .args(&self.args)
            .stdin(if stdin.is_some() {
                Stdio::piped()
            } else {
                Stdio::null()
            })
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| PrintError::CommandMissing {
                program: self.program.clone(),
                message: e.to_string(),
            })?;
        if let (Some(data), Some(mut pipe)) = (stdin, child.stdin.take()) {
            // A printer command that dies early closes the pipe; its status says why.
            let _ = pipe.write_all(data);
        }
        // Drain the pipes on threads so a chatty command cannot fill them and stall.
        let out = child.stdout.take().map(drain);
        let err = child.stderr.take().map(drain);
        let deadline = Instant::now() + timeout;
        let status = loop {
            match child.try_wait() {
                Ok(Some(status)) => break status,
                Ok(None) if Instant::now() >= deadline => {
                    let _ = child.kill();
                    let _ = child.wait();
                    return Err(PrintError::Timeout {
                        what: self.to_string(),
                        seconds: timeout.as_secs(),
                    });
                }
                Ok(None) => std::thread::sleep(Duration::from_millis(10)),
                Err(e) => {
                    return Err(PrintError::Worker(format!("waiting for {self}: {e}")));
                }
            }
        };
        let stdout = out.map(join).unwrap_or_default();
        let stderr = err.map(join).unwrap_or_default();
        if status.success() {
            Ok(stdout)
        } else {
            Err(PrintError::CommandFailed {
                program: self.program.clone(),
                status: status.to_string(),
                stderr: stderr.trim().to_string(),
            })
        }
    }
}

impl std::fmt::Display for CommandLine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.program)?;
        for arg in &self.args {
            write!(f, " {arg}")?;
        }
        Ok(())
    }
}

fn drain<R: Read + Send + 'static>(mut pipe: R) -> std::thread::JoinHandle<String> {
    std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = pipe.read_to_end(&mut buf);
        String::from_utf8_lossy(&buf).into_owned()
    })
}

fn join(handle: std::thread::JoinHandle<String>) -> String {
    handle.join().unwrap_or_default()
}
