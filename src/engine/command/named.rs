//! Named queries: `\fs NAME QUERY` saves, `\f` lists, `\f NAME ARGS…` runs, `\fd NAME` deletes.
//! They live in the user's data directory (`named_queries.json`), so they work with any `--db`.
//! Placeholders `$1…$n` and `$*` become bound parameters: arguments are never pasted into SQL.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Result, bail};
use rusqlite::ToSql;
use rusqlite::types::Value;

use crate::engine::command::{Arg, Command, Handler, Invocation, Offer};
use crate::engine::render::{display_width, escape_controls};
use crate::engine::session::{Query, Session};
use crate::engine::sql::lexer::{self, Kind};

pub static COMMANDS: &[Command] = &[
    Command {
        name: "\\f",
        aliases: &[],
        args: &[Arg::Optional(&[
            Arg::Value("NAME", Offer::NamedQueries),
            Arg::Optional(&[Arg::Many(&[Arg::Value("ARGS", Offer::Free)])]),
        ])],
        summary: "list named queries, or run one with arguments",
        help: "Without arguments, lists your saved queries. With NAME, runs that query; ARGS fill its\nplaceholders $1, $2, … (and $* takes them all, for IN ($*)). Arguments are bound as parameters,\nso they never change the SQL itself. A number written plainly (2016, -3, 1.5) binds as a number;\nanything else, and anything quoted ('007', \"2016\"), binds as text.\n\nExamples:\n  \\f\n  \\f by_year 2016\n  \\f by_code '007'\n  \\f by_ids 243 283",
        shows: &[],
        run: Handler::Acts(run_or_list),
    },
    Command {
        name: "\\fs",
        aliases: &[],
        args: &[Arg::Value("NAME", Offer::Free), Arg::Text("QUERY", Offer::Free)],
        summary: "save a named query ($1 … $n and $* are placeholders)",
        help: "Saves QUERY (one SQL statement) under NAME, replacing a query of that name. NAME is letters,\ndigits, _ and -. Queries are kept in named_queries.json in talkcli's data directory.\nSQL that does not parse is refused, and so are commands (\\talk …); tables the query names need\nnot exist yet, since a named query runs against whichever --db is open.\n\nExamples:\n  \\fs by_year select id, title from talk_overview where year = $1\n  \\fs by_ids select title from talks where id in ($*)",
        shows: &[],
        run: Handler::Acts(save),
    },
    Command {
        name: "\\fd",
        aliases: &[],
        args: &[Arg::Value("NAME", Offer::NamedQueries)],
        summary: "delete a named query",
        help: "Deletes the saved query NAME.\n\nExample:\n  \\fd by_year",
        shows: &[],
        run: Handler::Acts(delete),
    },
];

type Store = BTreeMap<String, String>;

fn file() -> Result<PathBuf> {
    Ok(crate::engine::paths::data_dir()?.join("named_queries.json"))
}

/// The saved queries; a missing file is an empty store, a damaged one an error that names it.
fn load_from(path: &Path) -> Result<Store> {
    if !path.exists() {
        return Ok(Store::new());
    }
    let bytes = crate::engine::userfile::read_regular(path, "named queries file", crate::engine::userfile::NAMED_CAP)?;
    serde_json::from_slice(&bytes)
        .map_err(|e| anyhow::anyhow!("named queries file {} is damaged ({e}); fix or remove it", path.display()))
}

/// Writes the whole store atomically (user-only temporary file renamed over the old one), so a
/// crash never leaves half a file.
fn store_to(path: &Path, store: &Store) -> Result<()> {
    let text = serde_json::to_string_pretty(store)? + "\n";
    crate::engine::userfile::write_atomic(path, text.as_bytes())
}

/// Reads, changes and writes the store under an exclusive lock, so saves from several talkcli
/// processes at once are applied one after another and none is lost.
fn update<T>(path: &Path, change: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
    let _lock = crate::engine::userfile::lock(path)?;
    let mut store = load_from(path)?;
    let result = change(&mut store)?;
    store_to(path, &store)?;
    Ok(result)
}

/// Saved names, for completion: empty when none or when the file cannot be read.
pub fn names() -> Vec<String> {
    file().and_then(|p| load_from(&p)).map(|s| s.into_keys().collect()).unwrap_or_default()
}

fn valid_name(name: &str) -> bool {
    !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

fn save(s: &mut Session, inv: &Invocation) -> Result<()> {
    let rest = inv.rest.trim();
    let (name, query) = rest.split_once(char::is_whitespace).map_or((rest, ""), |(n, q)| (n, q.trim()));
    if query.is_empty() {
        bail!("\\fs {name}: no query to save ({})", inv.usage);
    }
    if !valid_name(name) {
        bail!("bad name '{name}': use letters, digits, _ and -");
    }
    if query.starts_with('\\') || query.starts_with('.') {
        let command = query.split_whitespace().next().unwrap_or(query);
        bail!("cannot save {name}: {command} is a command; a named query is one SQL statement");
    }
    let statements = crate::engine::sql::split(query);
    if statements.len() > 1 {
        bail!("a named query holds one SQL statement; this has {}", statements.len());
    }
    let query = statements.first().map_or("", |st| st.text.trim().trim_end_matches(';').trim_end()).to_string();
    if lexer::tokenize(&query).iter().all(|t| t.is_trivia()) {
        bail!("{name}: a named query needs an SQL statement, not only a comment");
    }
    let (sql, _) = bind_placeholders(&query, 1)?;
    check_syntax(s, &sql).map_err(|e| anyhow::anyhow!("cannot save {name}: {e}"))?;
    let replaced = update(&file()?, |store| Ok(store.insert(name.to_string(), query).is_some()))?;
    // Scripts stay quiet on success, as the sqlite3 shell's settings commands do.
    if s.settings.interactive {
        writeln!(s.out, "{} named query {name}", if replaced { "replaced" } else { "saved" })?;
        s.out.flush()?;
    }
    Ok(())
}

/// Refuses SQL that SQLite cannot parse. Errors about the schema (`no such table`, `no such
/// column`, …) pass: a named query works with any `--db`, and its tables may not exist yet.
fn check_syntax(s: &Session, sql: &str) -> Result<()> {
    let Err(e) = s.conn.prepare(sql) else {
        return Ok(());
    };
    let msg = crate::engine::error::sql_error_message(&e);
    let parse_error =
        msg.ends_with("syntax error") || msg == "incomplete input" || msg.starts_with("unrecognized token");
    if parse_error {
        bail!("{msg}");
    }
    Ok(())
}

fn delete(s: &mut Session, inv: &Invocation) -> Result<()> {
    let name = inv.bound.need("NAME")?;
    update(&file()?, |store| {
        if store.remove(name).is_none() {
            bail!("no named query '{name}'{}", nearest(store, name));
        }
        Ok(())
    })?;
    if s.settings.interactive {
        writeln!(s.out, "deleted named query {name}")?;
        s.out.flush()?;
    }
    Ok(())
}

fn nearest(store: &Store, name: &str) -> String {
    store
        .keys()
        .filter_map(|k| Some((crate::engine::diagnose::similar::near(name, k, 2)?, k)))
        .min()
        .map_or_else(String::new, |(_, k)| format!(" — did you mean {k}?"))
}

fn run_or_list(s: &mut Session, inv: &Invocation) -> Result<()> {
    let path = file()?;
    let store = load_from(&path)?;
    let Some((name, args)) = inv.args.split_first() else {
        if store.is_empty() {
            writeln!(s.out, "No named queries yet: save one with \\fs NAME QUERY.")?;
        }
        // Names and queries may come from a hand-edited file: shown escaped, never raw.
        let names: Vec<String> = store.keys().map(|k| escape_controls(k)).collect();
        let width = names.iter().map(|k| display_width(k)).max().unwrap_or(0);
        for (k, q) in names.iter().zip(store.values()) {
            let pad = width - display_width(k);
            let query = escape_controls(&q.split_whitespace().collect::<Vec<_>>().join(" "));
            writeln!(s.out, "{k}{:pad$}  {query}", "")?;
        }
        s.out.flush()?;
        return Ok(());
    };
    let Some(query) = store.get(name) else {
        bail!("no named query '{name}'{}", nearest(&store, name));
    };
    let (sql, wanted) = bind_placeholders(query, args.len())?;
    match wanted {
        Wanted::Exactly(n) if n != args.len() => {
            bail!("named query {name} takes {n} argument{}, got {}", if n == 1 { "" } else { "s" }, args.len())
        }
        Wanted::AtLeast(n) if args.len() < n => {
            bail!("named query {name} takes at least {n} argument{}, got {}", if n == 1 { "" } else { "s" }, args.len())
        }
        _ => {}
    }
    // Whether an argument was quoted decides its type.
    let values: Vec<Value> =
        args.iter().zip(inv.quoted.iter().skip(1)).map(|(a, quoted)| value_of(a, *quoted)).collect();
    let refs: Vec<&dyn ToSql> = values.iter().map(|v| v as &dyn ToSql).collect();
    // The same question the prompt asks before destructive SQL (never in scripts).
    if !crate::engine::confirm::approve(s, &sql) {
        crate::engine::confirm::cancelled(s, "nothing ran");
        return Ok(());
    }
    s.run(Query::new(&sql).params(&refs))?;
    Ok(())
}

/// An unquoted argument that reads back exactly as typed binds as a number (so `LIMIT $1` and
/// `year = $1` work); anything else, and anything quoted, is text, so `007`, `1e3` and `+5` match
/// the text they spell. Text still matches numbers in a numeric column, through its affinity.
fn value_of(arg: &str, quoted: bool) -> Value {
    if quoted {
        return Value::Text(arg.to_string());
    }
    if let Some(i) = arg.parse::<i64>().ok().filter(|i| i.to_string() == arg) {
        Value::Integer(i)
    } else if let Some(r) = arg.parse::<f64>().ok().filter(|r| r.is_finite() && r.to_string() == arg) {
        Value::Real(r)
    } else {
        Value::Text(arg.to_string())
    }
}

#[derive(Debug, PartialEq, Eq)]
enum Wanted {
    Exactly(usize),
    AtLeast(usize),
}

/// The query with `$N` rewritten to `?N` and `$*` to `?1, …, ?nargs`, outside strings, quoted
/// names and comments; and how many arguments it takes.
fn bind_placeholders(query: &str, nargs: usize) -> Result<(String, Wanted)> {
    let mut out = String::with_capacity(query.len());
    let mut highest = 0usize;
    let mut star = false;
    let mut code = String::new();
    let mut flush = |code: &mut String, out: &mut String| -> Result<()> {
        let chars: Vec<char> = code.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            if chars[i] == '$' && chars.get(i + 1) == Some(&'*') {
                star = true;
                let list: Vec<String> = (1..=nargs.max(1)).map(|n| format!("?{n}")).collect();
                out.push_str(&list.join(", "));
                i += 2;
            } else if chars[i] == '$' && chars.get(i + 1).is_some_and(char::is_ascii_digit) {
                let mut j = i + 1;
                while j < chars.len() && chars[j].is_ascii_digit() {
                    j += 1;
                }
                let digits: String = chars[i + 1..j].iter().collect();
                let n: usize = digits.parse().map_err(|_| anyhow::anyhow!("placeholder ${digits} is too large"))?;
                if n == 0 || n > 99 {
                    bail!("placeholder ${digits} is out of range: use $1 to $99");
                }
                highest = highest.max(n);
                out.push('?');
                out.push_str(&digits);
                i = j;
            } else {
                out.push(chars[i]);
                i += 1;
            }
        }
        code.clear();
        Ok(())
    };
    for tok in lexer::tokenize(query) {
        let text = tok.text(query);
        match tok.kind {
            Kind::String | Kind::QuotedIdent | Kind::LineComment | Kind::BlockComment => {
                flush(&mut code, &mut out)?;
                out.push_str(text);
            }
            _ => code.push_str(text),
        }
    }
    flush(&mut code, &mut out)?;
    let wanted = if star { Wanted::AtLeast(highest.max(1)) } else { Wanted::Exactly(highest) };
    Ok((out, wanted))
}

#[cfg(test)]
mod tests {
    use crate::engine::command::named::*;

    #[test]
    fn placeholders_become_numbered_parameters() {
        let cases: &[(&str, usize, &str, Wanted)] = &[
            ("select $1, $2", 2, "select ?1, ?2", Wanted::Exactly(2)),
            ("select '$1', \"$2\" -- $3\n, $1", 1, "select '$1', \"$2\" -- $3\n, ?1", Wanted::Exactly(1)),
            ("select * from t where id in ($*)", 3, "select * from t where id in (?1, ?2, ?3)", Wanted::AtLeast(1)),
            ("select 1", 0, "select 1", Wanted::Exactly(0)),
            ("select $10", 10, "select ?10", Wanted::Exactly(10)),
        ];
        for (src, n, want_sql, want) in cases {
            let (sql, wanted) = bind_placeholders(src, *n).expect("rewrites");
            assert_eq!((sql.as_str(), &wanted), (*want_sql, want), "{src}");
        }
        assert!(bind_placeholders("select $0", 0).is_err());
    }

    #[test]
    fn store_round_trips_and_refuses_damage() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("sub/named_queries.json");
        assert!(load_from(&path).expect("missing is empty").is_empty());
        let mut store = Store::new();
        store.insert("a".into(), "select 1".into());
        store_to(&path, &store).expect("save");
        assert_eq!(load_from(&path).expect("load"), store);
        std::fs::write(&path, "{not json").expect("write");
        let err = load_from(&path).expect_err("damaged").to_string();
        assert!(err.contains("damaged") && err.contains("named_queries.json"), "{err}");
    }

    #[test]
    fn numbers_bind_as_numbers() {
        assert_eq!(value_of("2016", false), Value::Integer(2016));
        assert_eq!(value_of("-3", false), Value::Integer(-3));
        assert_eq!(value_of("1.5", false), Value::Real(1.5));
        assert_eq!(value_of("Ned", false), Value::Text("Ned".into()));
        assert_eq!(value_of("inf", false), Value::Text("inf".into()));
        for spelled in ["007", "1e3", "+5", "1.50", ""] {
            assert_eq!(value_of(spelled, false), Value::Text(spelled.into()), "{spelled}");
        }
        assert_eq!(value_of("2016", true), Value::Text("2016".into()));
    }
}
