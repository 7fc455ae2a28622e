//! `\open ID [slides]`: hands a talk's video (or slides) link to the desktop's opener — `$BROWSER`,
//! else `xdg-open` (or macOS's `open`) — without waiting for it, and says so in one line.

use std::io::Write;
use std::path::Path;
use std::process::{Command as Process, Stdio};

use anyhow::{Result, bail};
use rusqlite::OptionalExtension;

use crate::engine::command::shortcut_sql::require_tables;
use crate::engine::command::{Arg, Command, Handler, Invocation, Offer};
use crate::engine::session::Session;

pub static COMMANDS: &[Command] = &[Command {
    name: "\\open",
    aliases: &[],
    args: &[Arg::Value("ID|#N", Offer::Free), Arg::Optional(&[Arg::Word(&["video", "slides"])])],
    summary: "open a talk's video (or slides) in the browser",
    help: "Opens the talk's video link, or its slides with `slides`, using $BROWSER when set (a\ncommand; %s in it stands for the link), else xdg-open (open on macOS). Only http and\nhttps links are opened. talkcli does not wait for the browser. #N is row N of the last result.\n\nExamples:\n  \\open 283\n  \\open #3\n  \\open 283 slides",
    shows: &[],
    run: Handler::Acts(open),
}];

/// True when `program` is a path to a file, or a name found on `$PATH`.
fn on_path(program: &str) -> bool {
    if program.contains('/') {
        return Path::new(program).is_file();
    }
    std::env::var_os("PATH").is_some_and(|paths| std::env::split_paths(&paths).any(|d| d.join(program).is_file()))
}

/// The opener's program and arguments for `url`: `$BROWSER` (first of a `:`-separated list,
/// `%s` replaced by the link or the link appended), else the platform's opener on `$PATH`.
fn opener(url: &str, browser: Option<String>) -> Option<(String, Vec<String>)> {
    if let Some(browser) = browser.filter(|b| !b.trim().is_empty()) {
        let first = browser.split(':').find(|c| !c.trim().is_empty())?;
        let mut words = first.split_whitespace().map(str::to_string);
        let program = words.next()?;
        let mut args: Vec<String> = words.collect();
        if args.iter().any(|a| a.contains("%s")) {
            args = args.into_iter().map(|a| a.replace("%s", url)).collect();
        } else {
            args.push(url.to_string());
        }
        return Some((program, args));
    }
    let fallback = if cfg!(target_os = "macos") { "open" } else { "xdg-open" };
    on_path(fallback).then(|| (fallback.to_string(), vec![url.to_string()]))
}

fn open(s: &mut Session, inv: &Invocation) -> Result<()> {
    let id = inv.bound.need("ID|#N")?;
    let what = if inv.bound.has("slides") { "slides" } else { "video" };
    require_tables(s, "\\open", &["talks"])?;
    let id = crate::talks::row_talks::talk_id(s, id)?;
    let row: Option<(Option<String>, Option<String>)> = s
        .conn
        .query_row("SELECT video_url, slides_url FROM talks WHERE id = ?1", [id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let Some((video, slides)) = row else { bail!("no talk with id {id}") };
    let slides_wanted = what.eq_ignore_ascii_case("slides");
    let Some(url) = (if slides_wanted { slides } else { video }) else {
        bail!("talk {id} has no {} link", if slides_wanted { "slides" } else { "video" });
    };
    let shown = crate::talks::title_links::hyperlink_or_text(&url, &url, s.out.links(s.settings.hyperlinks));
    if !(url.starts_with("https://") || url.starts_with("http://")) {
        bail!("not opening {}: only http and https links are opened", crate::engine::render::escape_controls(&url));
    }
    let Some((program, args)) = opener(&url, std::env::var("BROWSER").ok()) else {
        bail!("no browser to open {shown} with: set $BROWSER, or install xdg-open");
    };
    let child =
        Process::new(&program).args(&args).stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::null()).spawn();
    match child {
        // The browser may run for hours: reap it in the background rather than wait here.
        Ok(mut child) => {
            std::thread::spawn(move || child.wait());
        }
        Err(e) => bail!("cannot start {}: {e}", crate::engine::render::escape_controls(&program)),
    }
    writeln!(s.out, "opening {shown}")?;
    s.out.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::talks::open_link::*;

    #[test]
    fn browser_variable_forms() {
        let url = "https://example.org/v";
        assert_eq!(opener(url, Some("firefox".into())), Some(("firefox".into(), vec![url.into()])));
        assert_eq!(
            opener(url, Some("chromium --new-window %s:firefox".into())),
            Some(("chromium".into(), vec!["--new-window".into(), url.into()]))
        );
        assert_eq!(opener(url, Some(":lynx".into())), Some(("lynx".into(), vec![url.into()])));
    }
}
