//! The talkcli binary: parse arguments, run, map the outcome to an exit status.

use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = match talkcli::cli::parse(std::env::args_os()) {
        Ok(cli) => cli,
        Err(usage) => {
            let plain = talkcli::engine::style::Palette::new(false);
            talkcli::engine::error::say(&plain, talkcli::engine::error::Level::Error, None, &usage);
            return ExitCode::from(talkcli::exit::USAGE as u8);
        }
    };
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
