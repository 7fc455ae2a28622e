//! The talkcli binary: parse arguments, run, map the outcome to an exit status.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = talkcli::cli::Cli::parse_from(talkcli::cli::join_bail_value(std::env::args_os()));
    let code = match talkcli::run(cli) {
        Ok(code) => code,
        Err(e) => talkcli::failure_status(&e),
    };
    ExitCode::from(u8::try_from(code).unwrap_or(1))
}
