//! JSON (one array of objects, as `sqlite3 -json` lays it out) and JSON Lines (one object a line).
//! Types are kept: integers and reals stay numbers, NULL is `null`, text is a string, a blob is a
//! string of hex digits. Rows stream: nothing is held between them.

use std::io::{self, Write};

use rusqlite::types::ValueRef;

use crate::engine::render::{Renderer, hex, write_int, write_real};

/// Writes `s` as a JSON string literal. C0 controls, DEL and the C1 controls (U+0080–U+009F,
/// among them CSI U+009B) and the bidi overrides and isolates are `\u` escapes, so a JSON document printed raw cannot drive a terminal.
pub fn write_json_string(out: &mut dyn Write, s: &[u8]) -> io::Result<()> {
    out.write_all(b"\"")?;
    let mut start = 0;
    let mut i = 0;
    while i < s.len() {
        let b = s[i];
        let (esc, len): (&[u8], usize) = match b {
            b'"' => (b"\\\"", 1),
            b'\\' => (b"\\\\", 1),
            b'\n' => (b"\\n", 1),
            b'\r' => (b"\\r", 1),
            b'\t' => (b"\\t", 1),
            b if b < 0x20 || b == 0x7f => (b"", 1),
            // U+0080–U+009F are C2 80–C2 9F in UTF-8.
            0xc2 if matches!(s.get(i + 1), Some(0x80..=0x9f)) => (b"", 2),
            // Bidi overrides and isolates (U+202A–U+202E, U+2066–U+2069): same string, escaped.
            0xe2 if matches!(
                (s.get(i + 1), s.get(i + 2)),
                (Some(0x80), Some(0xaa..=0xae)) | (Some(0x81), Some(0xa6..=0xa9))
            ) =>
            {
                (b"", 3)
            }
            _ => {
                i += 1;
                continue;
            }
        };
        out.write_all(&s[start..i])?;
        if esc.is_empty() {
            let code = match len {
                2 => u32::from(s[i + 1]),
                3 => 0x2000 | (u32::from(s[i + 1] & 0x3f) << 6) | u32::from(s[i + 2] & 0x3f),
                _ => u32::from(b),
            };
            write!(out, "\\u{code:04x}")?;
        } else {
            out.write_all(esc)?;
        }
        i += len;
        start = i;
    }
    out.write_all(&s[start..])?;
    out.write_all(b"\"")
}

fn write_json_value(out: &mut dyn Write, v: ValueRef<'_>) -> io::Result<()> {
    match v {
        ValueRef::Null => out.write_all(b"null"),
        ValueRef::Integer(n) => write_int(out, n),
        // JSON has no infinity; SQLite's own json() writes it as 1e999.
        ValueRef::Real(r) if r.is_infinite() => out.write_all(if r > 0.0 { b"1e999" } else { b"-1e999" }),
        ValueRef::Real(r) if r.is_nan() => out.write_all(b"null"),
        ValueRef::Real(r) => write_real(out, r),
        // Invalid UTF-8 is replaced so the document stays valid JSON.
        ValueRef::Text(t) => match std::str::from_utf8(t) {
            Ok(_) => write_json_string(out, t),
            Err(_) => write_json_string(out, String::from_utf8_lossy(t).as_bytes()),
        },
        ValueRef::Blob(b) => write_json_string(out, hex(b).as_bytes()),
    }
}

/// Column names pre-encoded as `"name":` so each row only copies them.
fn keys(columns: &[String]) -> io::Result<Vec<Vec<u8>>> {
    columns
        .iter()
        .map(|c| {
            let mut k = Vec::new();
            write_json_string(&mut k, c.as_bytes())?;
            k.push(b':');
            Ok(k)
        })
        .collect()
}

fn write_object(out: &mut dyn Write, keys: &[Vec<u8>], row: &[ValueRef<'_>]) -> io::Result<()> {
    out.write_all(b"{")?;
    for (i, (k, v)) in keys.iter().zip(row).enumerate() {
        if i > 0 {
            out.write_all(b",")?;
        }
        out.write_all(k)?;
        write_json_value(out, *v)?;
    }
    out.write_all(b"}")
}

/// `[{…},\n{…}]`: one array, one object a line; an empty result is `[]`.
#[derive(Default)]
pub struct JsonRenderer {
    keys: Vec<Vec<u8>>,
    rows: u64,
    /// sqlite3's `.mode json`: an empty result prints nothing (talkcli's json prints `[]`).
    empty_prints_nothing: bool,
}

impl JsonRenderer {
    pub fn new() -> Self {
        Self::default()
    }

    /// As sqlite3's `.mode json`: nothing at all for a result without rows.
    pub fn sqlite3(mut self, on: bool) -> Self {
        self.empty_prints_nothing = on;
        self
    }
}

impl Renderer for JsonRenderer {
    fn begin(&mut self, _out: &mut dyn Write, columns: &[String]) -> io::Result<()> {
        self.keys = keys(columns)?;
        Ok(())
    }

    fn row(&mut self, out: &mut dyn Write, row: &[ValueRef<'_>]) -> io::Result<()> {
        out.write_all(if self.rows == 0 { b"[" } else { b",\n" })?;
        self.rows += 1;
        write_object(out, &self.keys, row)
    }

    fn end(&mut self, out: &mut dyn Write, _total: Option<u64>) -> io::Result<()> {
        match (self.rows, self.empty_prints_nothing) {
            (0, true) => Ok(()),
            (0, false) => out.write_all(b"[]\n"),
            _ => out.write_all(b"]\n"),
        }
    }

    /// The array is closed after an error too (as sqlite3 closes it), so what was written parses.
    fn failed(&mut self, out: &mut dyn Write) -> io::Result<()> {
        if self.rows > 0 { out.write_all(b"]\n") } else { Ok(()) }
    }
}

/// One JSON object a line, nothing around them.
#[derive(Default)]
pub struct JsonlRenderer {
    keys: Vec<Vec<u8>>,
}

impl JsonlRenderer {
    pub fn new() -> Self {
        Self::default()
    }
}

impl Renderer for JsonlRenderer {
    fn begin(&mut self, _out: &mut dyn Write, columns: &[String]) -> io::Result<()> {
        self.keys = keys(columns)?;
        Ok(())
    }

    fn row(&mut self, out: &mut dyn Write, row: &[ValueRef<'_>]) -> io::Result<()> {
        write_object(out, &self.keys, row)?;
        out.write_all(b"\n")
    }

    fn end(&mut self, _out: &mut dyn Write, _total: Option<u64>) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::render::json::*;

    fn render(r: &mut dyn Renderer, rows: &[Vec<ValueRef<'_>>]) -> String {
        crate::engine::render::rendered(r, &["id", "t\"x", "v"], rows)
    }

    #[test]
    fn json_keeps_types() {
        let rows = vec![
            vec![ValueRef::Integer(1), ValueRef::Text(b"a\"b\n\x1b"), ValueRef::Null],
            vec![ValueRef::Integer(2), ValueRef::Text("日本".as_bytes()), ValueRef::Real(2.5)],
            vec![ValueRef::Integer(3), ValueRef::Text(b""), ValueRef::Blob(&[0, 0xff])],
        ];
        let out = render(&mut JsonRenderer::new(), &rows);
        assert_eq!(
            out,
            "[{\"id\":1,\"t\\\"x\":\"a\\\"b\\n\\u001b\",\"v\":null},\n\
             {\"id\":2,\"t\\\"x\":\"日本\",\"v\":2.5},\n\
             {\"id\":3,\"t\\\"x\":\"\",\"v\":\"00ff\"}]\n"
        );
    }

    #[test]
    fn empty_json_is_an_empty_array() {
        assert_eq!(render(&mut JsonRenderer::new(), &[]), "[]\n");
        assert_eq!(render(&mut JsonlRenderer::new(), &[]), "");
    }

    #[test]
    fn jsonl_is_one_object_a_line() {
        let rows = vec![
            vec![ValueRef::Integer(1), ValueRef::Null, ValueRef::Real(f64::INFINITY)],
            vec![ValueRef::Integer(2), ValueRef::Text(b"x"), ValueRef::Real(-0.5)],
        ];
        let out = render(&mut JsonlRenderer::new(), &rows);
        assert_eq!(out, "{\"id\":1,\"t\\\"x\":null,\"v\":1e999}\n{\"id\":2,\"t\\\"x\":\"x\",\"v\":-0.5}\n");
    }
}

#[cfg(test)]
mod c1_tests {
    use crate::engine::render::json::*;

    #[test]
    fn c1_controls_are_escaped_and_other_text_kept() {
        let mut out = Vec::new();
        write_json_string(&mut out, "a\u{9b}31m\u{85}é\x1b\"日\u{202e}\u{2069}—".as_bytes()).expect("write");
        assert_eq!(String::from_utf8(out).expect("utf8"), "\"a\\u009b31m\\u0085é\\u001b\\\"日\\u202e\\u2069—\"");
    }
}
