//! `tillflow`: the command line over the core, for back-office automation,
//! scripts and tests. See README.md for the commands.
//!
//! Exit codes: 0 done; 1 the database, a file, a document or a printer
//! failed; 2 the request was refused (invalid input, not found, conflict) or
//! the command line could not be parsed; 101 an internal error (a bug).
//! Under `--json` every failure is one JSON object `{"code", "message"}` on
//! standard error, whatever its kind.

mod cli;

use std::process::ExitCode;

/// Exit code of an internal error (a panic), as Rust's own.
const INTERNAL: u8 = 101;

fn fail(json: bool, code: &str, message: &str, exit: u8) -> ExitCode {
    if json {
        eprintln!("{}", serde_json::json!({"code": code, "message": message}));
    } else {
        eprintln!("error: {message}");
    }
    ExitCode::from(exit)
}

fn main() -> ExitCode {
    // Known before parsing, so even a command line that cannot be parsed
    // answers in JSON.
    let json = std::env::args_os().skip(1).any(|a| a == "--json");
    if json {
        // A panic (a bug) still answers in JSON; the default hook's text
        // would not parse.
        std::panic::set_hook(Box::new(|info| {
            let what = info
                .payload()
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| info.payload().downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown".into());
            let at = info
                .location()
                .map(|l| format!(" at {}:{}", l.file(), l.line()))
                .unwrap_or_default();
            eprintln!(
                "{}",
                serde_json::json!({"code": "internal", "message": format!("internal error: {what}{at}")})
            );
        }));
    }
    let args = match <cli::Args as clap::Parser>::try_parse() {
        Ok(a) => a,
        Err(e) if !e.use_stderr() => {
            // --help and --version
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
        Err(e) if json => {
            let text = e.to_string();
            let first = text
                .lines()
                .next()
                .unwrap_or("")
                .trim_start_matches("error: ");
            return fail(true, "usage", first, 2);
        }
        Err(e) => e.exit(),
    };
    let runtime = match tillflow::runtime::build(1) {
        Ok(rt) => rt,
        Err(e) => return fail(json, "internal", &format!("cannot start: {e}"), 1),
    };
    // The command runs here, in block_on: keep this thread with the runtime's
    // (see tillflow::runtime).
    tillflow::runtime::keep_this_thread_with_runtime();
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        runtime.block_on(cli::run(args))
    }));
    match outcome {
        Ok(Ok(())) => ExitCode::SUCCESS,
        Ok(Err(e)) => {
            let exit = match e {
                tillflow::Error::Storage(_)
                | tillflow::Error::Io(_)
                | tillflow::Error::Document(_)
                | tillflow::Error::Print(_) => 1,
                _ => 2,
            };
            if json {
                eprintln!("{}", serde_json::to_string(&e).unwrap_or_default());
                ExitCode::from(exit)
            } else {
                fail(false, e.code(), &e.to_string(), exit)
            }
        }
        // The hook has said what happened.
        Err(_) => ExitCode::from(INTERNAL),
    }
}
