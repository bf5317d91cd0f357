//! `tillflow`: the command line over the core, for back-office automation,
//! scripts and tests. See README.md for the commands.

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args = <cli::Args as clap::Parser>::parse();
    let json = args.json;
    let runtime = match tillflow::runtime::build(1) {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start: {e}");
            return ExitCode::from(1);
        }
    };
    // The command runs here, in block_on: keep this thread with the runtime's
    // (see tillflow::runtime).
    tillflow::runtime::keep_this_thread_with_runtime();
    match runtime.block_on(cli::run(args)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            if json {
                eprintln!("{}", serde_json::to_string(&e).unwrap_or_default());
            } else {
                eprintln!("error: {e}");
            }
            match e {
                tillflow::Error::Storage(_)
                | tillflow::Error::Io(_)
                | tillflow::Error::Document(_)
                | tillflow::Error::Print(_) => ExitCode::from(1),
                _ => ExitCode::from(2),
            }
        }
    }
}
