//! Regenerates `seed/catalogue.sql` from the facts-only pyvideo extract in `seed/pyvideo/`, with the
//! importer's own rules (so the bundled catalogue and `talkcli import pyvideo` never disagree).
//!
//!     cargo run --example gen_catalogue [SOURCE_DIR] [-o OUTPUT]
//!
//! SOURCE_DIR defaults to seed/pyvideo, OUTPUT to seed/catalogue.sql. The output is deterministic;
//! a unit test checks that the committed file is what this writes.
// A developer's generator, not the shell: its few lines go straight to stderr.
#![allow(clippy::disallowed_macros)]

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut source = root.join("seed/pyvideo");
    let mut output = root.join("seed/catalogue.sql");
    let mut args = std::env::args_os().skip(1);
    while let Some(arg) = args.next() {
        if arg == "-o" || arg == "--output" {
            match args.next() {
                Some(path) => output = path.into(),
                None => {
                    eprintln!("error: -o needs a file name");
                    return ExitCode::from(2);
                }
            }
        } else {
            source = arg.into();
        }
    }
    let sql = match talkcli::catalogue_sql(&source) {
        Ok(sql) => sql,
        Err(e) => {
            eprintln!("error: {}: {e:#}", source.display());
            return ExitCode::FAILURE;
        }
    };
    if let Err(e) = std::fs::write(&output, sql) {
        eprintln!("error: {}: {e}", output.display());
        return ExitCode::FAILURE;
    }
    eprintln!("wrote {}", output.display());
    ExitCode::SUCCESS
}
