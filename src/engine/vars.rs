//! Session variables: one store that psql's `\set` and sqlite3's `.parameter` both write. SQL
//! refers to them as SQLite parameters (`:name`, `$name`, `@name`, `?NNN`) which are *bound*, never
//! pasted into the SQL text, so a value such as `1; drop table talks` only ever is a value.
//!
//! psql's quoted forms are rewritten before the statement is prepared, using the SQL lexer so that
//! strings and comments are never touched: `:'name'` becomes `CAST(:name AS TEXT)` (still a bound
//! value, as text), and `:"name"` becomes the value quoted as an identifier (doubled `"`), which is
//! the only safe way an identifier can come from a variable.

use std::borrow::Cow;
use std::collections::BTreeMap;

use rusqlite::types::Value;

use crate::engine::sql::lexer::{Kind, tokenize};
use crate::engine::sql::quote;

/// The variables of one session, by name without sigil (`x` for `:x`, `$x` and `@x`; `?3` for
/// `?3`).
#[derive(Debug, Default, Clone)]
pub struct Variables {
    map: BTreeMap<String, Value>,
}

impl Variables {
    pub fn set(&mut self, name: &str, value: Value) {
        self.map.insert(key(name).to_string(), value);
    }

    pub fn get(&self, name: &str) -> Option<&Value> {
        self.map.get(key(name))
    }

    /// True when there was such a variable.
    pub fn unset(&mut self, name: &str) -> bool {
        self.map.remove(key(name)).is_some()
    }

    pub fn clear(&mut self) {
        self.map.clear();
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &Value)> {
        self.map.iter().map(|(k, v)| (k.as_str(), v))
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}

/// A parameter or variable name without its sigil: `:x`, `$x`, `@x` and `x` are all `x`; `?3`
/// stays `?3` (sqlite3 keeps numbered parameters under that key).
pub fn key(name: &str) -> &str {
    name.strip_prefix([':', '$', '@']).unwrap_or(name)
}

/// Whether `name` can be a variable (letters, digits, `_`; not starting with a digit), or a
/// numbered parameter `?NNN`.
pub fn valid_name(name: &str) -> bool {
    let name = key(name);
    if let Some(n) = name.strip_prefix('?') {
        return !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit());
    }
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_alphabetic() || c == '_') && chars.all(|c| c.is_alphanumeric() || c == '_')
}

/// A `\set` value: text that reads back exactly as a whole number binds as an integer, as a
/// decimal as a real (so `limit :n` works), anything else as text.
pub fn from_text(text: &str) -> Value {
    if let Ok(i) = text.parse::<i64>()
        && i.to_string() == text
    {
        return Value::Integer(i);
    }
    if text.contains('.')
        && let Ok(f) = text.parse::<f64>()
        && f.is_finite()
        && f.to_string() == text
    {
        return Value::Real(f);
    }
    Value::Text(text.to_string())
}

/// A `.parameter set` value, read as sqlite3 reads it: an SQL literal (number, `'text'`, NULL,
/// `X'hex'`), else the text as typed. Nothing is run to read it.
pub fn from_literal(text: &str) -> Value {
    let t = text.trim();
    if t.eq_ignore_ascii_case("null") {
        return Value::Null;
    }
    if let Some(inner) = t.strip_prefix('\'').and_then(|r| r.strip_suffix('\''))
        && !inner.replace("''", "").contains('\'')
    {
        return Value::Text(inner.replace("''", "'"));
    }
    if let Some(hex) = t.strip_prefix(['x', 'X']).and_then(|r| r.strip_prefix('\'')).and_then(|r| r.strip_suffix('\''))
        && hex.len() % 2 == 0
        && let Some(bytes) = (0..hex.len())
            .step_by(2)
            .map(|i| hex.get(i..i + 2).and_then(|b| u8::from_str_radix(b, 16).ok()))
            .collect::<Option<Vec<u8>>>()
    {
        return Value::Blob(bytes);
    }
    if let Ok(i) = t.parse::<i64>() {
        return Value::Integer(i);
    }
    if t.starts_with(|c: char| c.is_ascii_digit() || c == '-' || c == '+' || c == '.')
        && let Ok(f) = t.parse::<f64>()
        && f.is_finite()
    {
        return Value::Real(f);
    }
    Value::Text(text.to_string())
}

/// A value as plain text (what `\echo :x` prints).
pub fn plain(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::Text(s) => s.clone(),
        other => quote::literal(other),
    }
}

#[cfg(test)]
/// Rewrites psql's `:'name'` and `:"name"` in one statement (see the module comment). Strings,
/// comments, `::` and everything else stay as written. `Err` names a variable that is not set.
pub fn expand<'a>(sql: &'a str, vars: &Variables) -> Result<Cow<'a, str>, String> {
    expand_mapped(sql, vars).map(|(text, _)| text).map_err(|e| e.message)
}

/// A variable the SQL names that cannot be put in: why, and where (byte offset of its `:`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unexpandable {
    pub message: String,
    pub at: usize,
}

/// Where `sql` first names the parameter `name` (`:year`, `$year`, `@year`): its byte offset.
pub fn locate(sql: &str, name: &str) -> Option<usize> {
    tokenize(sql).into_iter().find(|t| t.kind == Kind::Param && t.text(sql) == name).map(|t| t.start)
}

/// One rewrite `expand` made: at byte `at` of the original, `old_len` bytes became `new_len`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Edit {
    at: usize,
    old_len: usize,
    new_len: usize,
}

/// A byte offset in the rewritten text as an offset in the original (inside a rewrite: its start).
pub fn original_offset(edits: &[Edit], offset: usize) -> usize {
    let mut shift: isize = 0;
    for e in edits {
        let start = e.at.saturating_add_signed(shift);
        if offset < start {
            break;
        }
        if offset < start + e.new_len {
            return e.at;
        }
        shift += e.new_len as isize - e.old_len as isize;
    }
    offset.saturating_add_signed(-shift)
}

/// `expand`, with the rewrites it made (to map SQLite's error offsets back).
pub fn expand_mapped<'a>(sql: &'a str, vars: &Variables) -> Result<(Cow<'a, str>, Vec<Edit>), Unexpandable> {
    let mut edits = Vec::new();
    if !sql.contains(":'") && !sql.contains(":\"") {
        return Ok((Cow::Borrowed(sql), edits));
    }
    let tokens = tokenize(sql);
    let mut out = String::with_capacity(sql.len() + 16);
    let mut copied = 0;
    for pair in tokens.windows(2) {
        let (colon, quoted) = (pair[0], pair[1]);
        let is_colon = colon.kind == Kind::Punct && colon.text(sql) == ":" && colon.end == quoted.start;
        // `::'x'` is not a variable (a psql cast written out of habit).
        let after_colon = colon.start > 0 && sql.as_bytes()[colon.start - 1] == b':';
        if !is_colon || after_colon || quoted.unterminated {
            continue;
        }
        let text = quoted.text(sql);
        let replacement = match quoted.kind {
            Kind::String if text.starts_with('\'') => {
                let name = &text[1..text.len() - 1];
                if !valid_name(name) {
                    continue;
                }
                if vars.get(name).is_none() {
                    return Err(Unexpandable { message: unset_message(name), at: colon.start });
                }
                format!("CAST(:{name} AS TEXT)")
            }
            Kind::QuotedIdent if text.starts_with('"') => {
                let name = &text[1..text.len() - 1];
                if !valid_name(name) {
                    continue;
                }
                let at = colon.start;
                let value = vars.get(name).ok_or_else(|| Unexpandable { message: unset_message(name), at })?;
                let ident = plain(value);
                if ident.contains('\0') {
                    let message = format!("variable {name} cannot be an identifier: it holds a NUL character");
                    return Err(Unexpandable { message, at });
                }
                quote::ident(&ident)
            }
            _ => continue,
        };
        out.push_str(&sql[copied..colon.start]);
        out.push_str(&replacement);
        copied = quoted.end;
        // SQLite reports error offsets in the text it was given: keep the way back.
        edits.push(Edit { at: colon.start, old_len: quoted.end - colon.start, new_len: replacement.len() });
    }
    if copied == 0 {
        return Ok((Cow::Borrowed(sql), edits));
    }
    out.push_str(&sql[copied..]);
    Ok((Cow::Owned(out), edits))
}

/// What to say when SQL names a variable that has no value.
pub fn unset_message(name: &str) -> String {
    let name = key(name);
    format!("variable {name} is not set (\\set {name} VALUE, or .parameter set :{name} VALUE)")
}

/// psql's interpolation in command arguments (`\echo`): outside quotes, `:name` becomes the value,
/// `:'name'` the value as a literal and `:"name"` as an identifier; text in '…' is kept as written
/// (without the quotes); text in "…" is kept as written with its quotes, as psql keeps them (so
/// `\echo "it's"` prints `"it's"`). Unknown names are left as typed, as psql does. Words are
/// joined by one space.
pub fn interpolate_words(rest: &str, vars: &Variables) -> Result<Vec<String>, String> {
    let mut words = Vec::new();
    let mut cur = String::new();
    let mut in_word = false;
    let mut chars = rest.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '\'' => {
                in_word = true;
                loop {
                    match chars.next() {
                        Some((_, '\'')) if chars.peek().is_some_and(|(_, n)| *n == '\'') => {
                            chars.next();
                            cur.push('\'');
                        }
                        Some((_, '\'')) => break,
                        Some((_, ch)) => cur.push(ch),
                        None => return Err("unterminated ' quote".to_string()),
                    }
                }
            }
            '"' => {
                in_word = true;
                cur.push('"');
                loop {
                    match chars.next() {
                        Some((_, '"')) => {
                            cur.push('"');
                            break;
                        }
                        Some((_, ch)) => cur.push(ch),
                        None => return Err("unterminated \" quote".to_string()),
                    }
                }
            }
            ':' => {
                in_word = true;
                let after = &rest[i + 1..];
                let (name, quote, len) = match after.chars().next() {
                    Some(q @ ('\'' | '"')) => match after[1..].find(q) {
                        Some(end) => (&after[1..=end], Some(q), end + 2),
                        None => ("", None, 0),
                    },
                    _ => {
                        let end = after.find(|ch: char| !(ch.is_alphanumeric() || ch == '_')).unwrap_or(after.len());
                        (&after[..end], None, end)
                    }
                };
                match vars.get(name).filter(|_| valid_name(name) && !name.starts_with('?')) {
                    Some(v) => {
                        match quote {
                            Some('\'') => cur.push_str(&quote::text(&plain(v))),
                            Some(_) => cur.push_str(&quote::ident(&plain(v))),
                            None => cur.push_str(&plain(v)),
                        }
                        for _ in 0..after[..len].chars().count() {
                            chars.next();
                        }
                    }
                    None => cur.push(':'),
                }
            }
            c if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut cur));
                    in_word = false;
                }
            }
            c => {
                in_word = true;
                cur.push(c);
            }
        }
    }
    if in_word {
        words.push(cur);
    }
    Ok(words)
}

#[cfg(test)]
mod tests {
    use crate::engine::vars::*;

    fn vars(pairs: &[(&str, &str)]) -> Variables {
        let mut v = Variables::default();
        for (k, val) in pairs {
            v.set(k, from_text(val));
        }
        v
    }

    #[test]
    fn a_parameter_is_located_by_its_token_not_inside_strings_or_comments() {
        let sql = "select ':nope' /* :nope */, :nope2, :nope";
        assert_eq!(locate(sql, ":nope"), Some(sql.rfind(":nope").expect("there")));
        assert_eq!(locate(sql, "$nope"), None);
    }

    #[test]
    fn names_share_one_store_whatever_the_sigil() {
        let mut v = Variables::default();
        v.set("$x", Value::Integer(1));
        assert_eq!(v.get(":x"), Some(&Value::Integer(1)));
        assert_eq!(v.get("@x"), Some(&Value::Integer(1)));
        assert!(v.unset("x"));
        assert!(!v.unset("x"));
        assert!(valid_name("year_2") && valid_name("?3") && valid_name(":x"));
        assert!(!valid_name("2x") && !valid_name("a-b") && !valid_name("") && !valid_name("?"));
    }

    #[test]
    fn set_values_keep_their_text_unless_a_number_reads_back_exactly() {
        assert_eq!(from_text("42"), Value::Integer(42));
        assert_eq!(from_text("-3"), Value::Integer(-3));
        assert_eq!(from_text("2.5"), Value::Real(2.5));
        for text in ["007", "1e3", "+4", "1; drop table talks", "", " 5", "abc"] {
            assert_eq!(from_text(text), Value::Text(text.to_string()), "{text:?}");
        }
    }

    #[test]
    fn parameter_values_are_read_as_literals() {
        assert_eq!(from_literal("'it''s'"), Value::Text("it's".into()));
        assert_eq!(from_literal("NULL"), Value::Null);
        assert_eq!(from_literal("x'0aFF'"), Value::Blob(vec![10, 255]));
        assert_eq!(from_literal("12"), Value::Integer(12));
        assert_eq!(from_literal("1e3"), Value::Real(1000.0));
        assert_eq!(from_literal("hello world"), Value::Text("hello world".into()));
        assert_eq!(from_literal("'a'b'"), Value::Text("'a'b'".into()));
        assert_eq!(quote::literal(&Value::Text("it's".into())), "'it''s'");
        assert_eq!(quote::literal(&Value::Blob(vec![1, 171])), "X'01AB'");
        assert_eq!(quote::literal(&Value::Real(2.0)), "2.0");
    }

    #[test]
    fn quoted_forms_are_rewritten_outside_strings_and_comments_only() {
        let v = vars(&[("t", "x\"y"), ("n", "5")]);
        let cases = [
            ("select :'n'", "select CAST(:n AS TEXT)"),
            ("select * from :\"t\"", "select * from \"x\"\"y\""),
            ("select ':''n''', :n -- :'n'", "select ':''n''', :n -- :'n'"),
            ("select '1'::'n'", "select '1'::'n'"),
            ("/* :'n' */ select 1", "/* :'n' */ select 1"),
            ("select :'not a name'", "select :'not a name'"),
        ];
        for (sql, want) in cases {
            assert_eq!(expand(sql, &v).expect("expands"), want, "{sql}");
        }
        assert!(expand("select :'missing'", &v).unwrap_err().contains("missing is not set"));
    }

    #[test]
    fn error_offsets_map_back_to_what_was_typed() {
        let v = vars(&[("n", "5")]);
        let sql = "select :'n', :'n' frm t";
        let (text, edits) = expand_mapped(sql, &v).expect("expands");
        assert_eq!(text, "select CAST(:n AS TEXT), CAST(:n AS TEXT) frm t");
        let typo = text.find("frm").expect("in the rewrite");
        assert_eq!(original_offset(&edits, typo), sql.find("frm").expect("in the original"));
        assert_eq!(original_offset(&edits, 3), 3);
        assert_eq!(original_offset(&edits, text.find("AS").expect("inside")), 7);
    }

    #[test]
    fn echo_interpolates_outside_single_quotes() {
        let v = vars(&[("who", "Ada"), ("q", "it's")]);
        let got = interpolate_words("hello :who, 'not :who' :'q' :\"who\" :nobody a::b", &v).expect("ok");
        assert_eq!(got, ["hello", "Ada,", "not :who", "'it''s'", "\"Ada\"", ":nobody", "a::b"]);
        assert!(interpolate_words("'open", &v).is_err());
    }

    #[test]
    fn double_quotes_keep_their_text_and_quotes_as_psql_does() {
        let v = vars(&[("who", "Ada")]);
        assert_eq!(interpolate_words("\"it's\"", &v).expect("ok"), ["\"it's\""]);
        assert_eq!(interpolate_words("\"a'b\" :who", &v).expect("ok"), ["\"a'b\"", "Ada"]);
        assert_eq!(interpolate_words("\":who\"", &v).expect("ok"), ["\":who\""], "no interpolation inside");
        assert!(interpolate_words("\"open", &v).is_err());
    }
}
