//! The talkcli binary: parse arguments, run, map the outcome to an exit status.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = talkcli::cli::Cli::parse_from(talkcli::cli::join_bail_value(std::env::args_os()));
    let code = match talkcli::run(cli) {
        Ok(code) => code,
        // The reader of our output went away (`| head`): not an error worth a word.
        Err(e) if talkcli::engine::output::is_broken_pipe(&e) => talkcli::exit::OK,
        Err(e) => {
            let plain = talkcli::engine::style::Palette::new(false);
            talkcli::engine::error::say(
                &plain,
                talkcli::engine::error::Level::Error,
                None,
                &talkcli::engine::error::message(&e),
            );
            talkcli::exit::SQL_ERROR
        }
    };
    ExitCode::from(u8::try_from(code).unwrap_or(1))
}
