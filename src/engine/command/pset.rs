//! `\pset`: every key of the settings file, changed or shown at the prompt. The keys, their
//! validation and their messages are `config::KEYS`, so the file and the prompt cannot disagree.

use std::io::Write;

use anyhow::{Result, bail};

use crate::engine::command::{Arg, Command, Handler, Invocation, Offer};
use crate::engine::config::{self, KEYS};
use crate::engine::render::escape_controls;
use crate::engine::session::Session;

pub static COMMANDS: &[Command] = &[Command {
    name: "\\pset",
    aliases: &[],
    args: &[Arg::Optional(&[
        Arg::Value("NAME", Offer::Settings),
        Arg::Optional(&[Arg::Words("VALUE", Offer::SettingValues)]),
    ])],
    summary: "show or change a setting of config.toml for this session (\\pset row_limit 50)",
    help: "Changes one setting for this session, with the names, values and checks of config.toml (see\n\\pset for the list). Without VALUE, shows the setting; without NAME, lists every setting.\nStrings need no quotes; on and off work for true and false. edit_mode and history_size apply from\nthe next start. psql's options keep psql's meanings and messages: format aligned|unaligned|wrapped,\nborder 0|1|2, tuples_only, footer, null, title, fieldsep, recordsep, pager on|off|always, expanded.\n\nExamples:\n  \\pset row_limit 50\n  \\pset overflow wrap\n  \\pset pager less -S\n  \\pset border 1\n  \\pset",
    shows: &[],
    run: Handler::Acts(pset),
}];

/// Keys the running line editor reads only when it starts.
const AT_START: &[&str] = &["edit_mode", "history_size"];

fn pset(s: &mut Session, inv: &Invocation) -> Result<()> {
    let rest = inv.rest.trim();
    let (name, value) = match rest.split_once(char::is_whitespace) {
        Some((n, v)) => (n, Some(v.trim())),
        None => (rest, None),
    };
    // A quoted name is the name inside (`\pset 'border' 1`), as psql reads it.
    let name = escape_controls(&crate::engine::command::psql_pset::unquote(name));
    let mut text = String::new();
    if let Some(said) = crate::engine::command::psql_pset::apply(s, &name, value) {
        let said = said?;
        // A change is said at the prompt (as psql says it); a question is always answered.
        if value.is_none() {
            writeln!(s.out, "{said}")?;
            s.out.flush()?;
        } else if s.settings.interactive {
            s.out.status(&said)?;
        }
        return Ok(());
    }
    match (name.as_str(), value) {
        ("", _) => {
            let psql = crate::engine::command::psql_pset::shown(&s.settings);
            let width = KEYS.iter().map(|k| k.name.len()).chain(psql.iter().map(|(n, _)| n.len())).max().unwrap_or(0);
            for k in KEYS {
                text.push_str(&format!("{:width$}  {}\n", k.name, escape_controls(&(k.show)(&s.settings))));
            }
            // psql's own options, with psql's names.
            for (name, value) in psql {
                text.push_str(&format!("{name:width$}  {}\n", escape_controls(&value)));
            }
        }
        (name, None) => {
            let key = config::find_key(name).map_err(anyhow::Error::msg)?;
            text = format!("{} is {}\n", key.name, escape_controls(&(key.show)(&s.settings)));
        }
        (name, Some(value)) => {
            let key = match config::set_key(&mut s.settings, name, value) {
                Ok(key) => key,
                Err(why) => bail!("{}", escape_controls(&why)),
            };
            if key.name == "foreign_keys" {
                crate::engine::db::set_foreign_keys(&s.conn, s.bundled, s.settings.foreign_keys)?;
            }
            if !s.settings.interactive {
                return Ok(());
            }
            let later = if AT_START.contains(&key.name) { " (from the next start)" } else { "" };
            text = format!("{} is {}{later}\n", key.name, escape_controls(&(key.show)(&s.settings)));
        }
    }
    s.out.write_all(text.as_bytes())?;
    s.out.flush()?;
    Ok(())
}
