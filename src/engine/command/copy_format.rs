//! `\copy`'s two formats, record by record: psql's text format (delimiter-separated, `\N` for
//! NULL, backslash escapes) and CSV (RFC 4180 quoting, an unquoted empty field for NULL, `""` for
//! the empty string), written and read so every value comes back as it was.

use anyhow::{Result, bail};

/// How records are written and read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Options {
    pub(crate) csv: bool,
    pub(crate) header: bool,
    pub(crate) delimiter: char,
    pub(crate) null: String,
}

/// One record in the format: fields joined by the delimiter, NULL as the null text; csv quotes a
/// field that holds the delimiter, a quote or a line break, and an empty string (so it is not
/// NULL); text escapes backslash, tab, newline and carriage return as psql does.
pub(crate) fn write_line(out: &mut Vec<u8>, fields: &[Option<&[u8]>], o: &Options) -> std::io::Result<()> {
    let mut delim = [0u8; 4];
    let delim = o.delimiter.encode_utf8(&mut delim).as_bytes();
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            out.extend_from_slice(delim);
        }
        match f {
            None => out.extend_from_slice(o.null.as_bytes()),
            Some(v) if o.csv => {
                let needs = v.is_empty()
                    || *v == o.null.as_bytes()
                    || v.windows(delim.len()).any(|w| w == delim)
                    || v.iter().any(|b| matches!(b, b'"' | b'\n' | b'\r'));
                if needs {
                    out.push(b'"');
                    for &b in *v {
                        if b == b'"' {
                            out.push(b'"');
                        }
                        out.push(b);
                    }
                    out.push(b'"');
                } else {
                    out.extend_from_slice(v);
                }
            }
            Some(v) => {
                for &b in *v {
                    match b {
                        b'\\' => out.extend_from_slice(b"\\\\"),
                        b'\t' => out.extend_from_slice(b"\\t"),
                        b'\n' => out.extend_from_slice(b"\\n"),
                        b'\r' => out.extend_from_slice(b"\\r"),
                        _ => out.push(b),
                    }
                }
            }
        }
    }
    out.push(b'\n');
    Ok(())
}

/// One record: its line number and its fields, each with whether it was quoted.
pub(crate) type Record = (usize, Vec<(String, bool)>);

/// psql's text format: one record a line, fields split at the delimiter, `\N` (the null text)
/// for NULL, backslash escapes resolved.
pub(crate) fn text_records(text: &str, o: &Options) -> Vec<Record> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.is_empty() || line == "\\." {
            continue;
        }
        let fields = line
            .split(o.delimiter)
            .map(|f| if f == o.null { (f.to_string(), false) } else { (unescape(f), true) })
            .collect();
        out.push((i + 1, fields));
    }
    out
}

/// A field of PostgreSQL's text format back as text: `\t`, `\n`, `\r` and `\\` resolved (any
/// other escaped character stands for itself). The bundled catalogue's TSV files use it too.
pub(crate) fn unescape(f: &str) -> String {
    if !f.contains('\\') {
        return f.to_string();
    }
    let mut out = String::with_capacity(f.len());
    let mut chars = f.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('t') => out.push('\t'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

/// RFC 4180 records: quotes group (a doubled quote is a quote), line breaks inside quotes belong
/// to the field; an unquoted field equal to the null text is NULL, a quoted one never is.
pub(crate) fn csv_records(text: &str, delimiter: char) -> Result<Vec<Record>> {
    let mut out = Vec::new();
    let (mut fields, mut field, mut quoted) = (Vec::new(), String::new(), false);
    let (mut line, mut start, mut in_quotes) = (1usize, 1usize, false);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if in_quotes && chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            '"' if in_quotes => in_quotes = false,
            '"' if field.is_empty() && !quoted => (in_quotes, quoted) = (true, true),
            '\n' if in_quotes => {
                field.push('\n');
                line += 1;
            }
            c if c == delimiter && !in_quotes => fields.push((std::mem::take(&mut field), std::mem::take(&mut quoted))),
            '\r' if !in_quotes && chars.peek() == Some(&'\n') => {}
            '\n' => {
                fields.push((std::mem::take(&mut field), std::mem::take(&mut quoted)));
                let record = std::mem::take(&mut fields);
                // A blank line is no record.
                if !(record.len() == 1 && record[0].0.is_empty() && !record[0].1) {
                    out.push((start, record));
                }
                line += 1;
                start = line;
            }
            c => field.push(c),
        }
    }
    if in_quotes {
        bail!("line {start}: unterminated quoted field; nothing was copied");
    }
    if !field.is_empty() || quoted || !fields.is_empty() {
        fields.push((field, quoted));
        out.push((start, fields));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use crate::engine::command::copy_format::*;

    #[test]
    fn csv_keeps_empty_strings_apart_from_null_and_quotes_what_needs_it() {
        let o = Options { csv: true, header: false, delimiter: ',', null: String::new() };
        let mut out = Vec::new();
        write_line(&mut out, &[Some(b"a,b"), Some(b""), None, Some(b"q\"x"), Some(b"two\nlines")], &o).expect("w");
        assert_eq!(out, b"\"a,b\",\"\",,\"q\"\"x\",\"two\nlines\"\n");
        let records = csv_records(std::str::from_utf8(&out).expect("utf-8"), ',').expect("parse");
        let fields: Vec<(&str, bool)> = records[0].1.iter().map(|(f, q)| (f.as_str(), *q)).collect();
        assert_eq!(fields, [("a,b", true), ("", true), ("", false), ("q\"x", true), ("two\nlines", true)]);
        assert!(csv_records("a,\"open\n", ',').is_err());
        assert_eq!(csv_records("a\r\n\r\nb\r\n", ',').expect("crlf").len(), 2, "blank lines are no records");
    }

    #[test]
    fn text_format_escapes_round_trip() {
        let o = Options { csv: false, header: false, delimiter: '\t', null: "\\N".into() };
        let mut out = Vec::new();
        write_line(&mut out, &[Some(b"a\tb\\c\nd"), None, Some(b"")], &o).expect("w");
        assert_eq!(out, b"a\\tb\\\\c\\nd\t\\N\t\n");
        let records = text_records(std::str::from_utf8(&out).expect("utf-8"), &o);
        let fields: Vec<(&str, bool)> = records[0].1.iter().map(|(f, q)| (f.as_str(), *q)).collect();
        assert_eq!(fields, [("a\tb\\c\nd", true), ("\\N", false), ("", true)]);
    }
}
