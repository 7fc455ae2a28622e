//! `\pset`'s psql options (`format`, `border`, `tuples_only`, `footer`, `null`, `title`,
//! `fieldsep`, `recordsep`, `pager`, `expanded`) with psql's values and messages. `\pset` tries
//! these first, then the keys of config.toml.

use anyhow::{Result, bail};

use crate::engine::command::arg_spec::on_off;
use crate::engine::command::psql::set_format;
use crate::engine::render::escape_controls;
use crate::engine::session::Session;
use crate::engine::settings::{Expanded, Format, Overflow, Settings};

/// The psql options, for `\pset` without arguments and completion.
pub(crate) const NAMES: &[&str] =
    &["border", "expanded", "fieldsep", "footer", "format", "null", "pager", "recordsep", "title", "tuples_only"];

/// Runs `\pset NAME [VALUE]` when NAME is a psql option that talkcli reads with psql's meaning;
/// `None` hands it to config.toml's keys (`\pset pager less -S`, `\pset format box`).
pub(crate) fn apply(s: &mut Session, name: &str, value: Option<&str>) -> Option<Result<String>> {
    // psql reads a quoted value as the text inside (`\pset footer 'off'`).
    let given = value.map(unquote);
    let toggle = |now: bool| -> Result<bool> {
        match given.as_deref() {
            None => Ok(!now),
            Some(v) => on_off(v)
                .ok_or_else(|| anyhow::anyhow!("\\pset {name}: expected on or off, not '{}'", escape_controls(v))),
        }
    };
    let said = match name {
        "tuples_only" => toggle(s.settings.tuples_only).map(|on| {
            s.settings.tuples_only = on;
            format!("Tuples only is {}.", word(on))
        }),
        "footer" => toggle(s.settings.footer).map(|on| {
            s.settings.footer = on;
            format!("Default footer is {}.", word(on))
        }),
        "border" => border(value).map(|b| {
            if let Some(b) = b {
                s.settings.border = Some(b);
            }
            format!("Border style is {}.", s.settings.border.unwrap_or(2))
        }),
        "null" => {
            if let Some(v) = value {
                s.settings.null_marker = unquote(v);
            }
            Ok(format!("Null display is \"{}\".", escape_controls(&s.settings.null_marker)))
        }
        "title" => {
            s.settings.title = value.map(unquote).filter(|t| !t.is_empty());
            Ok(match &s.settings.title {
                Some(t) => format!("Title is \"{}\".", escape_controls(t)),
                None => "Title is unset.".to_string(),
            })
        }
        "fieldsep" => {
            if let Some(v) = value {
                s.settings.col_separator = Some(separator(v));
            }
            Ok(format!(
                "Field separator is \"{}\".",
                escape_controls(s.settings.col_separator.as_deref().unwrap_or("|"))
            ))
        }
        "recordsep" => {
            if let Some(v) = value {
                s.settings.row_separator = Some(separator(v));
            }
            let sep = s.settings.row_separator.as_deref().unwrap_or("\n");
            Ok(if sep == "\n" {
                "Record separator is <newline>.".to_string()
            } else {
                format!("Record separator is \"{}\".", escape_controls(sep))
            })
        }
        "format" => match given.as_deref() {
            None => return None,
            Some(v) => format(s, v)?,
        },
        "pager" => match given.as_deref().map(str::to_ascii_lowercase).as_deref() {
            None => toggle(s.settings.pager).map(|on| {
                s.settings.pager = on;
                format!("Pager usage is {}.", word(on))
            }),
            Some("always") => {
                s.settings.pager = true;
                Ok("Pager is always used.".to_string())
            }
            Some(v) if on_off(v).is_some() => {
                s.settings.pager = on_off(v) == Some(true);
                Ok(format!("Pager usage is {}.", word(s.settings.pager)))
            }
            // A command: config.toml's `pager`.
            Some(_) => return None,
        },
        "expanded" => match value {
            None => {
                s.settings.expanded = if s.settings.expanded == Expanded::On { Expanded::Off } else { Expanded::On };
                Ok(format!("Expanded display is {}.", word(s.settings.expanded == Expanded::On)))
            }
            Some(_) => return None,
        },
        _ => return None,
    };
    Some(said)
}

/// psql's options that config.toml has no key of, with their values now (for `\pset`'s list).
pub(crate) fn shown(st: &Settings) -> Vec<(&'static str, String)> {
    vec![
        ("border", st.border.unwrap_or(2).to_string()),
        ("tuples_only", word(st.tuples_only).to_string()),
        ("footer", word(st.footer).to_string()),
        ("null", st.null_marker.clone()),
        ("title", st.title.clone().unwrap_or_default()),
        ("fieldsep", st.col_separator.clone().unwrap_or_else(|| "|".to_string())),
        ("recordsep", st.row_separator.as_deref().unwrap_or("\n").replace('\n', "\\n")),
    ]
}

fn word(on: bool) -> &'static str {
    if on { "on" } else { "off" }
}

/// psql's border styles: 0 (no rules), 1 (rules between columns), 2 (a frame); `None` shows it.
/// psql reads any number and draws above 2 as 2; talkcli refuses what it would not draw.
fn border(value: Option<&str>) -> Result<Option<u8>> {
    match value.map(unquote).as_deref() {
        None => Ok(None),
        Some(v @ ("0" | "1" | "2")) => Ok(v.parse().ok()),
        Some(v) => bail!("\\pset border: expected 0, 1 or 2, not '{}'", escape_controls(v)),
    }
}

/// psql's format names (aligned, unaligned, wrapped); talkcli's own names (\T's) are read by
/// config.toml's `format` key, so `None` hands them on.
fn format(s: &mut Session, value: &str) -> Option<Result<String>> {
    let (format, wrap) = match value.to_ascii_lowercase().as_str() {
        "aligned" => (Format::Table, false),
        "unaligned" => (Format::List, false),
        "wrapped" => (Format::Table, true),
        other @ ("asciidoc" | "latex" | "latex-longtable" | "troff-ms") => {
            return Some(Err(anyhow::anyhow!("\\pset format {other} is a psql format talkcli does not support")));
        }
        _ => return None,
    };
    set_format(s, format);
    if wrap {
        s.settings.overflow = Overflow::Wrap;
    }
    Some(Ok(format!("Output format is {}.", value.to_ascii_lowercase())))
}

/// A value as psql reads it: quotes removed ('it''s'), `\t` and `\n` inside them as tab and newline.
pub(crate) fn unquote(v: &str) -> String {
    let v = v.trim();
    match v.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')) {
        Some(inner) => inner.replace("''", "'").replace("\\t", "\t").replace("\\n", "\n"),
        None => v.to_string(),
    }
}

fn separator(v: &str) -> String {
    let v = unquote(v);
    match v.as_str() {
        "\\t" => "\t".to_string(),
        "\\n" => "\n".to_string(),
        _ => v,
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::command::psql_pset::*;

    #[test]
    fn values_are_read_as_psql_reads_them() {
        assert_eq!(unquote("'it''s'"), "it's");
        assert_eq!(separator("'\\t'"), "\t");
        assert_eq!(separator("\\t"), "\t");
        assert_eq!(separator(";"), ";");
        assert_eq!(border(Some("1")).expect("one"), Some(1));
        assert_eq!(border(Some("'0'")).expect("quoted"), Some(0));
        assert_eq!(border(None).expect("shown"), None);
        for bad in ["3", "-1", "one", "２", "1 2", ""] {
            assert!(border(Some(bad)).is_err(), "{bad}");
        }
    }
}
