//! The talkcli binary: parse arguments, run, map the outcome to an exit status.

use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = match talkcli::cli::parse(std::env::args_os()) {
        Ok(cli) => cli,
        Err(usage) => return ExitCode::from(u8::try_from(talkcli::usage_status(&usage)).unwrap_or(2)),
    };
    let code = match talkcli::run(cli) {
        Ok(code) => code,
        Err(e) => talkcli::failure_status(&e),
    };
    ExitCode::from(u8::try_from(code).unwrap_or(1))
}
