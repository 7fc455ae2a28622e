//! psql's `\copy`: a table's rows (or a query's) to a file or the screen, and a file's rows (or the
//! lines that follow, up to `\.`) into an existing table, client-side, in psql's text format
//! (tab-separated, `\N` for NULL) or CSV.
//! Reading runs in one transaction (a savepoint inside the user's own), so a bad line leaves the
//! table as it was; writing checks the query before the file is created, so a mistake creates
//! nothing.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use rusqlite::types::ValueRef;

use crate::engine::command::copy_format::{Options, csv_records, text_records, write_line};
use crate::engine::command::{Arg, Command, Effect, Handler, Invocation, Offer};
use crate::engine::render::escape_controls;
use crate::engine::session::Session;
use crate::engine::sql::quote;

pub static COMMANDS: &[Command] = &[Command {
    name: "\\copy",
    aliases: &[],
    args: &[
        Arg::Value("TABLE|(QUERY)", Offer::Tables),
        Arg::Word(&["TO", "FROM"]),
        Arg::Value("FILE", Offer::Files),
        Arg::Optional(&[Arg::Text("WITH (OPTIONS)", Offer::Free)]),
    ],
    summary: "copy a table's or query's rows to FILE or the screen, or FILE's rows into a table (psql)",
    help: "Forms:\n  \\copy TABLE [(COLUMNS)] | (QUERY) TO FILE|STDOUT [WITH (OPTIONS)]\n  \\copy TABLE [(COLUMNS)] FROM FILE|STDIN [WITH (OPTIONS)]\n\nOPTIONS: FORMAT csv|text, HEADER [true|false], DELIMITER 'c', NULL 'text'.\n\nAs psql's \\copy: TO writes the rows of TABLE (or of QUERY) to FILE or STDOUT; FROM reads FILE into\nTABLE, which must exist, matching fields to its columns (or to COLUMNS) in order. The format is\npsql's text (tab-separated, \\N for NULL) unless FORMAT csv; HEADER writes or skips a header line.\nReading runs in one transaction: a bad line leaves the table as it was. FROM STDIN reads the\nlines that follow, up to \\. on a line by itself (or the end of the input).\n\nExamples:\n  \\copy talks to talks.tsv\n  \\copy (select id, title from talks where year = 2017) to 'talks 2017.csv' with (format csv, header)\n  \\copy favorites from favs.csv with (format csv, header)",
    shows: &[],
    run: Handler::Asks(copy),
}];

/// Most bytes `\copy … from` reads.
const READ_CAP: u64 = 1 << 30;

#[derive(Debug, Clone, PartialEq, Eq)]
enum Source {
    Table { name: String, columns: Vec<String> },
    Query(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Place {
    File(PathBuf),
    Stdout,
    Stdin,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Copy {
    source: Source,
    from: bool,
    place: Place,
    options: Options,
}

/// `\copy … from stdin`: the table and columns to fill from the lines that follow, up to `\.`,
/// which the input layer collects.
#[derive(Debug)]
pub struct CopyIn {
    table: String,
    columns: Vec<String>,
    options: Options,
}

fn copy(s: &mut Session, inv: &Invocation) -> Result<Effect> {
    let c = parse(&inv.rest).map_err(|e| anyhow::anyhow!("\\copy: {e}"))?;
    let rows = match (&c.source, &c.place) {
        (Source::Table { name, columns }, Place::Stdin) if c.from => {
            let columns = checked_columns(s, name, columns)?;
            if s.settings.interactive {
                s.out.status(
                    "Enter the rows, one a line; end with a backslash and a period (\\.) on a line by itself.",
                )?;
            }
            return Ok(Effect::CopyFromInput(Box::new(CopyIn { table: name.clone(), columns, options: c.options })));
        }
        _ if c.from => copy_from(s, &c)?,
        _ => copy_to(s, &c)?,
    };
    said(s, rows)?;
    Ok(Effect::Done)
}

/// psql's `COPY n`, at the prompt.
fn said(s: &mut Session, rows: u64) -> Result<()> {
    if s.settings.interactive {
        s.out.status(&format!("COPY {rows}"))?;
    }
    Ok(())
}

/// The rows typed or read after `\copy … from stdin` (`text`, up to `\.`), into the table.
pub(crate) fn copy_in(s: &mut Session, plan: &CopyIn, text: &str) -> Result<()> {
    let rows = insert_text(s, &plan.table, &plan.columns, &plan.options, text, "stdin")?;
    said(s, rows)
}

/// The columns to fill: those named (each must be the table's), else all of the table's.
fn checked_columns(s: &Session, table: &str, named: &[String]) -> Result<Vec<String>> {
    let all = table_columns(s, table)?;
    if let Some(c) = named.iter().find(|c| !all.iter().any(|a| a.eq_ignore_ascii_case(c))) {
        bail!("\\copy: column \"{}\" is not in table {table} (its columns: {})", escape_controls(c), all.join(", "));
    }
    Ok(if named.is_empty() { all } else { named.to_vec() })
}

/// Rows of the table or query, written to the file (created only once the query is known to run)
/// or to where results go.
fn copy_to(s: &mut Session, c: &Copy) -> Result<u64> {
    let sql = match &c.source {
        Source::Query(q) => q.clone(),
        Source::Table { name, columns } => {
            table_columns(s, name)?;
            let cols = if columns.is_empty() {
                "*".to_string()
            } else {
                columns.iter().map(|c| quote::ident(c)).collect::<Vec<_>>().join(", ")
            };
            format!("SELECT {cols} FROM {}", quote::ident(name))
        }
    };
    let mut stmt =
        s.conn.prepare(&sql).map_err(|e| anyhow::anyhow!("{}", crate::engine::error::sql_error_message(&e)))?;
    if stmt.column_count() == 0 {
        bail!("\\copy: the query returns no columns");
    }
    let names: Vec<String> = stmt.column_names().map(String::from).collect();
    let mut text = Vec::new();
    if c.options.header {
        let header: Vec<Option<&[u8]>> = names.iter().map(|n| Some(n.as_bytes())).collect();
        write_line(&mut text, &header, &c.options)?;
    }
    let mut rows = stmt.query([])?;
    let mut count = 0u64;
    while let Some(row) = rows.next()? {
        let mut fields: Vec<Option<Vec<u8>>> = Vec::with_capacity(names.len());
        for i in 0..names.len() {
            fields.push(match row.get_ref(i)? {
                ValueRef::Null => None,
                ValueRef::Integer(n) => Some(n.to_string().into_bytes()),
                ValueRef::Real(r) => Some(crate::engine::sql::number::format_real(r, 17).into_bytes()),
                ValueRef::Text(t) | ValueRef::Blob(t) => Some(t.to_vec()),
            });
        }
        let refs: Vec<Option<&[u8]>> = fields.iter().map(Option::as_deref).collect();
        write_line(&mut text, &refs, &c.options)?;
        count += 1;
    }
    match &c.place {
        Place::File(path) => {
            crate::engine::db::files::refuse_database_file(&s.conn, path)?;
            if path.is_dir() {
                bail!("\\copy: cannot write {}: it is a directory", path.display());
            }
            std::fs::write(path, &text).with_context(|| format!("\\copy: cannot write {}", path.display()))?;
        }
        Place::Stdout => {
            s.out.write_all(&text)?;
            s.out.flush()?;
        }
        Place::Stdin => bail!("\\copy … to stdin: use TO STDOUT or TO FILE"),
    }
    Ok(count)
}

/// The columns of table `name` (not views, not generated columns); an error when there is none.
fn table_columns(s: &Session, name: &str) -> Result<Vec<String>> {
    let is_table: bool = s.conn.query_row(
        "SELECT count(*) > 0 FROM pragma_table_list WHERE name = ?1 COLLATE NOCASE AND type IN ('table', 'virtual')",
        [name],
        |r| r.get(0),
    )?;
    if !is_table {
        bail!("\\copy: no table named '{}'", escape_controls(name));
    }
    let mut stmt = s.conn.prepare("SELECT name FROM pragma_table_xinfo(?1) WHERE hidden = 0 ORDER BY cid")?;
    let cols = stmt.query_map([name], |r| r.get(0))?.collect::<Result<Vec<String>, _>>()?;
    Ok(cols)
}

/// Reads the file into the table, all or nothing.
fn copy_from(s: &mut Session, c: &Copy) -> Result<u64> {
    let Source::Table { name, columns } = &c.source else {
        bail!("\\copy: FROM reads into a table, not a query");
    };
    let path = match &c.place {
        Place::File(p) => p,
        Place::Stdin | Place::Stdout => bail!("\\copy … from stdout: use FROM FILE or FROM STDIN"),
    };
    let columns = checked_columns(s, name, columns)?;
    let label = path.display().to_string();
    let bytes = crate::engine::userfile::read_checked(path, READ_CAP)
        .map_err(|p| anyhow::anyhow!("\\copy: cannot read {label}: {p}"))?;
    let text = std::str::from_utf8(&bytes).map_err(|e| {
        let line = bytes[..e.valid_up_to()].iter().filter(|b| **b == b'\n').count() + 1;
        anyhow::anyhow!("\\copy: {label}: line {line}: not UTF-8 text; nothing was copied")
    })?;
    insert_text(s, name, &columns, &c.options, text, &label)
}

/// The rows of `text` (named `label` in messages) into `table`'s `columns`, all or nothing.
fn insert_text(s: &mut Session, table: &str, columns: &[String], o: &Options, text: &str, label: &str) -> Result<u64> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let records = if o.csv { csv_records(text, o.delimiter)? } else { text_records(text, o) };
    let sql = format!(
        "INSERT INTO {} ({}) VALUES ({})",
        quote::ident(table),
        columns.iter().map(|c| quote::ident(c)).collect::<Vec<_>>().join(", "),
        (1..=columns.len()).map(|i| format!("?{i}")).collect::<Vec<_>>().join(", ")
    );
    let tx = crate::engine::import::ImportTx::begin(&s.conn)?;
    let mut count = 0u64;
    {
        let mut insert = tx.prepare(&sql).map_err(crate::engine::import::sql_error)?;
        for (line, fields) in records.into_iter().skip(usize::from(o.header)) {
            if fields.len() != columns.len() {
                bail!(
                    "\\copy: {label}: line {line}: expected {} field(s), found {}; nothing was copied",
                    columns.len(),
                    fields.len()
                );
            }
            let values: Vec<Option<&str>> = fields
                .iter()
                .map(|(f, quoted)| if !quoted && *f == o.null { None } else { Some(f.as_str()) })
                .collect();
            insert.execute(rusqlite::params_from_iter(values)).map_err(|e| {
                anyhow::anyhow!(
                    "\\copy: {label}: line {line}: {}; nothing was copied",
                    crate::engine::error::sql_error_message(&e)
                )
            })?;
            count += 1;
        }
    }
    tx.commit()?;
    Ok(count)
}

/// Reads `\copy`'s line: the source, FROM or TO, the place, and the options (psql's `WITH (…)`
/// list or its older bare words: `csv`, `header`, `delimiter 'c'`, `null 'x'`).
fn parse(rest: &str) -> Result<Copy, String> {
    let mut t = Tokens { s: rest.trim(), last_quoted: false };
    let source = if t.s.starts_with('(') {
        Source::Query(t.parenthesized()?)
    } else {
        let name = t.word().ok_or("missing the table (or a query in parentheses)")?;
        t.s = t.s.trim_start();
        let columns = if t.s.starts_with('(') {
            t.parenthesized()?.split(',').map(|c| c.trim().trim_matches('"').to_string()).collect()
        } else {
            Vec::new()
        };
        Source::Table { name, columns }
    };
    let from = match t.word().map(|w| w.to_ascii_lowercase()).as_deref() {
        Some("from") => true,
        Some("to") => false,
        _ => return Err("expected FROM or TO after the table or query".into()),
    };
    let place = match t.word() {
        None => return Err(format!("missing the file after {}", if from { "FROM" } else { "TO" })),
        Some(w) if !t.last_quoted && (w.eq_ignore_ascii_case("stdout") || w.eq_ignore_ascii_case("pstdout")) => {
            Place::Stdout
        }
        Some(w) if !t.last_quoted && (w.eq_ignore_ascii_case("stdin") || w.eq_ignore_ascii_case("pstdin")) => {
            Place::Stdin
        }
        Some(w) => Place::File(crate::engine::paths::expand_home(&w)),
    };
    let mut o = Options { csv: false, header: false, delimiter: '\t', null: "\\N".to_string() };
    let (mut delimiter, mut null) = (None, None);
    t.s = t.s.trim_start();
    if t.s.get(..4).is_some_and(|w| w.eq_ignore_ascii_case("with")) {
        t.word();
        t.s = t.s.trim_start();
    }
    let list = if t.s.starts_with('(') { t.parenthesized()? } else { std::mem::take(&mut t.s).to_string() };
    let mut words = Tokens { s: &list, last_quoted: false };
    while let Some(w) = words.word() {
        let w = w.trim_end_matches(',').to_ascii_lowercase();
        match w.as_str() {
            "" => {}
            "csv" => o.csv = true,
            "text" => o.csv = false,
            "format" => match words.word().map(|v| v.trim_end_matches(',').to_ascii_lowercase()).as_deref() {
                Some("csv") => o.csv = true,
                Some("text") => o.csv = false,
                Some(other) => return Err(format!("format {other} is not supported (csv or text)")),
                None => return Err("FORMAT needs csv or text".into()),
            },
            "header" => {
                o.header = true;
                if let Some(v) = words.peek_boolean() {
                    o.header = v;
                }
            }
            "delimiter" | "null" => {
                if words.s.to_ascii_lowercase().starts_with("as ") {
                    words.word();
                }
                let v = words.word().ok_or(format!("{} needs a value in quotes", w.to_ascii_uppercase()))?;
                let v = v.trim_end_matches(',').to_string();
                if w == "null" {
                    null = Some(v);
                } else {
                    let mut chars = v.chars();
                    match (chars.next(), chars.next()) {
                        (Some(c), None) if c != '\n' && c != '\r' && c != '"' => delimiter = Some(c),
                        _ => return Err(format!("the delimiter must be one character, not '{}'", escape_controls(&v))),
                    }
                }
            }
            other => return Err(format!("unknown option '{}'", escape_controls(other))),
        }
    }
    if o.csv {
        (o.delimiter, o.null) = (',', String::new());
    }
    o.delimiter = delimiter.unwrap_or(o.delimiter);
    o.null = null.unwrap_or(o.null);
    Ok(Copy { source, from, place, options: o })
}

/// A cursor over `\copy`'s line: words, 'quoted words' ('' is a quote), and parenthesized text.
struct Tokens<'a> {
    s: &'a str,
    /// Whether the last word was in quotes (`'stdout'` is a file).
    last_quoted: bool,
}

impl<'a> Tokens<'a> {
    fn word(&mut self) -> Option<String> {
        self.s = self.s.trim_start();
        self.last_quoted = self.s.starts_with('\'');
        if self.last_quoted {
            let mut out = String::new();
            let mut chars = self.s[1..].char_indices();
            while let Some((i, c)) = chars.next() {
                if c == '\'' {
                    if self.s[1 + i + 1..].starts_with('\'') {
                        out.push('\'');
                        chars.next();
                        continue;
                    }
                    self.s = &self.s[1 + i + 1..];
                    return Some(out);
                }
                out.push(c);
            }
            // An unterminated quote takes the rest, as psql does.
            self.s = "";
            return Some(out);
        }
        if self.s.is_empty() {
            return None;
        }
        let end = self.s.find(|c: char| c.is_whitespace() || c == '(').unwrap_or(self.s.len()).max(1);
        let (w, rest) = self.s.split_at(end);
        self.s = rest;
        Some(w.to_string())
    }

    /// `( … )` with nested parentheses and quotes inside it kept; the text between them.
    fn parenthesized(&mut self) -> Result<String, String> {
        let s = self.s.trim_start();
        let (mut depth, mut quote) = (0usize, None::<char>);
        for (i, c) in s.char_indices() {
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '\'' | '"') => quote = Some(c),
                (None, '(') => depth += 1,
                (None, ')') => {
                    depth -= 1;
                    if depth == 0 {
                        let inner = s[1..i].trim().to_string();
                        self.s = &s[i + 1..];
                        return Ok(inner);
                    }
                }
                _ => {}
            }
        }
        Err("unbalanced parentheses".into())
    }

    /// A following `true`/`false`/`on`/`off` (HEADER's optional value), taken when there.
    fn peek_boolean(&mut self) -> Option<bool> {
        let save = self.s;
        let v = match self.word()?.trim_end_matches(',').to_ascii_lowercase().as_str() {
            "true" | "on" | "1" => Some(true),
            "false" | "off" | "0" => Some(false),
            _ => None,
        };
        if v.is_none() {
            self.s = save;
        }
        v
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::command::copy::*;

    fn parsed(line: &str) -> Copy {
        parse(line).unwrap_or_else(|e| panic!("{line}: {e}"))
    }

    #[test]
    fn psqls_forms_are_read() {
        let c = parsed("talks to talks.tsv");
        assert_eq!(c.source, Source::Table { name: "talks".into(), columns: vec![] });
        assert!(!c.from && c.place == Place::File("talks.tsv".into()));
        assert_eq!((c.options.csv, c.options.delimiter, c.options.null.as_str()), (false, '\t', "\\N"));
        let c = parsed("(select 1, ')' as p) TO 'my file.csv' WITH (FORMAT csv, HEADER, DELIMITER ';', NULL 'x')");
        assert_eq!(c.source, Source::Query("select 1, ')' as p".into()));
        assert_eq!(c.place, Place::File("my file.csv".into()));
        assert_eq!(c.options, Options { csv: true, header: true, delimiter: ';', null: "x".into() });
        let c = parsed("t (a, \"b\") from f.csv csv header");
        assert_eq!(c.source, Source::Table { name: "t".into(), columns: vec!["a".into(), "b".into()] });
        assert!(c.from && c.options.csv && c.options.header);
        assert_eq!(parsed("t to stdout").place, Place::Stdout);
        assert_eq!(parsed("t to 'stdout'").place, Place::File("stdout".into()), "a quoted name is a file");
        assert_eq!(parsed("t from STDIN").place, Place::Stdin);
        assert!(!parsed("t to f with (format csv, header false)").options.header);
    }

    #[test]
    fn bad_lines_say_what_is_wrong() {
        let cases = [
            ("", "missing the table"),
            ("t", "expected FROM or TO"),
            ("t into f", "expected FROM or TO"),
            ("t to", "missing the file after TO"),
            ("(select 1 to f", "unbalanced parentheses"),
            ("t to f with (format xml)", "format xml is not supported"),
            ("t to f with (delimiter ';;')", "the delimiter must be one character"),
            ("t to f with (colour red)", "unknown option 'colour'"),
        ];
        for (line, want) in cases {
            let err = parse(line).expect_err(line);
            assert!(err.contains(want), "{line}: {err}");
        }
    }
}
