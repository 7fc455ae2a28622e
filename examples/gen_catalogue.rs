//! Regenerates the bundled catalogue with the importer's own rules (so the bundled catalogue and
//! `talkcli import pyvideo` never disagree).
//!
//!     cargo run --example gen_catalogue                     # seed/pyvideo.jsonl.gz -> seed/catalogue/*.tsv
//!     cargo run --example gen_catalogue -- extract DIR      # a pyvideo/data checkout -> seed/pyvideo.jsonl.gz
//!
//! The catalogue keeps the ids of the catalogue this talkcli was built with (the committed files);
//! `--previous DB` takes them from a database instead. The output is deterministic; a unit test
//! checks that the committed files are what this writes.
// A developer's generator, not the shell: its few lines go straight to stderr.
#![allow(clippy::disallowed_macros)]

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};

fn main() -> ExitCode {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["extract", dir] => extract(Path::new(dir), &root.join("seed/pyvideo.jsonl.gz")),
        [] => generate(&root, None),
        ["--previous", db] => generate(&root, Some(Path::new(db))),
        _ => {
            eprintln!("usage: gen_catalogue [--previous DB] | gen_catalogue extract PYVIDEO_DIR");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn extract(dir: &Path, out: &Path) -> Result<()> {
    let text = talkcli::write_extract(dir)?;
    let file = std::fs::File::create(out).with_context(|| format!("{}", out.display()))?;
    let mut gz = flate2::GzBuilder::new().mtime(0).write(file, flate2::Compression::best());
    gz.write_all(text.as_bytes())?;
    gz.finish()?;
    eprintln!("wrote {} ({} lines)", out.display(), text.lines().count());
    Ok(())
}

fn generate(root: &Path, previous: Option<&Path>) -> Result<()> {
    let mut extract = String::new();
    let path = root.join("seed/pyvideo.jsonl.gz");
    flate2::read::GzDecoder::new(std::fs::File::open(&path).with_context(|| format!("{}", path.display()))?)
        .read_to_string(&mut extract)?;
    let facts = std::fs::read_to_string(root.join("seed/event-facts.tsv"))?;
    let bundled = std::fs::read_to_string(root.join("seed/bundled-events.txt"))?;
    let mut prev = match previous {
        Some(db) => rusqlite::Connection::open(db)?,
        None => rusqlite::Connection::open_in_memory()?,
    };
    if previous.is_none() {
        talkcli::load_catalogue(&mut prev)?;
    }
    for (name, text) in talkcli::catalogue_files(&extract, &facts, &bundled, &prev)? {
        let out = root.join("seed/catalogue").join(&name);
        std::fs::write(&out, text).with_context(|| format!("{}", out.display()))?;
        eprintln!("wrote {}", out.display());
    }
    Ok(())
}
