//! Row handles: a table shown at the prompt numbers its rows (`#1`, `#2`, … in a narrow first
//! column) so the next command can name a row instead of retyping an id (`\talk #3`, `\fav #1-5`).
//! Only tables drawn on a terminal get the column: pipes, files and sqlite3's modes keep their
//! bytes, and the `row_handles` setting turns it off.

use std::io::{self, Write};
use std::ops::RangeInclusive;

use anyhow::{Result, bail};
use rusqlite::types::{Value, ValueRef};

use crate::engine::capture::Captured;
use crate::engine::render::Renderer;

/// The handle column's name.
pub(crate) const COLUMN: &str = "#";

/// A renderer that passes every row on with its handle in front.
pub(crate) struct Numbered<'a> {
    inner: Box<dyn Renderer + 'a>,
    next: u64,
    label: String,
}

impl<'a> Numbered<'a> {
    pub(crate) fn wrap(inner: Box<dyn Renderer + 'a>) -> Box<dyn Renderer + 'a> {
        Box::new(Numbered { inner, next: 0, label: String::new() })
    }
}

impl Renderer for Numbered<'_> {
    fn begin(&mut self, out: &mut dyn Write, columns: &[String]) -> io::Result<()> {
        let mut named = Vec::with_capacity(columns.len() + 1);
        named.push(COLUMN.to_string());
        named.extend(columns.iter().cloned());
        self.inner.begin(out, &named)
    }

    fn row(&mut self, out: &mut dyn Write, row: &[ValueRef<'_>]) -> io::Result<()> {
        use std::fmt::Write as _;
        self.next += 1;
        self.label.clear();
        let _ = write!(self.label, "#{}", self.next);
        let mut values = Vec::with_capacity(row.len() + 1);
        values.push(ValueRef::Text(self.label.as_bytes()));
        values.extend_from_slice(row);
        self.inner.row(out, &values)
    }

    fn full(&self) -> bool {
        self.inner.full()
    }

    fn end(&mut self, out: &mut dyn Write, total: Option<u64>) -> io::Result<()> {
        self.inner.end(out, total)
    }
}

/// Most rows one range may name: `\fav #1-99999999` is a typo, not a wish.
pub(crate) const MOST_IN_RANGE: usize = 1000;

/// `#3` or `#1-5` as 1-based row numbers; `None` when `word` is not a handle at all.
pub(crate) fn parse(word: &str) -> Option<Result<RangeInclusive<usize>>> {
    let body = word.strip_prefix('#')?;
    let number = |t: &str| -> Result<usize> {
        match t.parse::<usize>() {
            Ok(0) => bail!("row handles start at #1, not #0"),
            Ok(n) => Ok(n),
            Err(_) => bail!("'{word}' is not a row handle (write #3, or #1-5 for a range)"),
        }
    };
    Some((|| {
        let (from, to) = match body.split_once('-') {
            Some((a, b)) => (number(a)?, number(b)?),
            None => {
                let n = number(body)?;
                (n, n)
            }
        };
        if to < from {
            bail!("the range {word} runs backwards: write #{to}-{from}");
        }
        if to - from >= MOST_IN_RANGE {
            bail!("the range {word} names {} rows; one range takes at most {MOST_IN_RANGE}", to - from + 1);
        }
        Ok(from..=to)
    })())
}

/// The rows of the last result that `word` (a handle or a range) names, each with its handle.
pub(crate) fn rows<'r>(last: Option<&'r Captured>, word: &str) -> Result<Vec<(usize, &'r [Value])>> {
    let range = match parse(word) {
        Some(r) => r?,
        None => bail!("'{word}' is not a row handle"),
    };
    let Some(last) = last else {
        bail!("{word} names a row of the last result, and there is none yet: run a query first");
    };
    let kept = last.rows.len();
    if *range.end() > kept {
        let shown = last.total.max(kept as u64);
        if (*range.end() as u64) <= shown {
            bail!("{word} is past the {kept} rows kept of the last result; narrow the query to reach it");
        }
        bail!("{word} is past the end of the last result ({})", plural(shown, "row"));
    }
    Ok(range.map(|n| (n, last.rows[n - 1].as_slice())).collect())
}

/// Most handles completion offers: the rows a screen shows, not a whole export.
const MOST_OFFERED: usize = 500;

/// `#1`, `#2`, … of `last` with a label each: the row's title, else its first text value.
pub(crate) fn labels(last: &Captured) -> Vec<(String, String)> {
    let title = last.column("title");
    last.rows
        .iter()
        .take(MOST_OFFERED)
        .enumerate()
        .map(|(i, row)| {
            let text = |v: &Value| match v {
                Value::Text(t) => Some(t.clone()),
                _ => None,
            };
            let label = title.and_then(|t| row.get(t)).and_then(text).or_else(|| row.iter().find_map(text));
            (format!("#{}", i + 1), label.unwrap_or_default())
        })
        .collect()
}

fn plural(n: u64, what: &str) -> String {
    if n == 1 { format!("1 {what}") } else { format!("{n} {what}s") }
}

#[cfg(test)]
mod tests {
    use crate::engine::capture::PASSING;
    use crate::engine::handles::*;

    fn result(n: i64) -> Captured {
        let mut c = Captured::new(vec!["id".into(), "title".into()], PASSING);
        for i in 1..=n {
            c.push(&[ValueRef::Integer(i * 10), ValueRef::Text(b"t")]);
        }
        c
    }

    fn err(last: Option<&Captured>, word: &str) -> String {
        rows(last, word).map(|_| ()).expect_err(word).to_string()
    }

    #[test]
    fn handles_and_ranges_name_rows() {
        let r = result(5);
        let got: Vec<usize> = rows(Some(&r), "#2-4").expect("range").into_iter().map(|(n, _)| n).collect();
        assert_eq!(got, vec![2, 3, 4]);
        assert_eq!(rows(Some(&r), "#5").expect("one")[0].1[0], Value::Integer(50));
        assert!(parse("283").is_none(), "a plain id is not a handle");
    }

    #[test]
    fn bad_handles_say_why_in_one_line() {
        let r = result(3);
        assert_eq!(err(Some(&r), "#4"), "#4 is past the end of the last result (3 rows)");
        assert_eq!(err(Some(&r), "#3-1"), "the range #3-1 runs backwards: write #1-3");
        assert_eq!(
            err(Some(&r), "#1-99999999"),
            "the range #1-99999999 names 99999999 rows; one range takes at most 1000"
        );
        assert_eq!(err(Some(&r), "#0"), "row handles start at #1, not #0");
        assert_eq!(err(Some(&r), "#x"), "'#x' is not a row handle (write #3, or #1-5 for a range)");
        assert!(err(None, "#1").contains("there is none yet"));
    }

    #[test]
    fn the_column_numbers_rows_from_one() {
        use std::cell::RefCell;
        use std::rc::Rc;
        struct Keep(Rc<RefCell<Vec<String>>>);
        impl Renderer for Keep {
            fn begin(&mut self, _: &mut dyn Write, c: &[String]) -> io::Result<()> {
                self.0.borrow_mut().push(c.join(","));
                Ok(())
            }
            fn row(&mut self, _: &mut dyn Write, r: &[ValueRef<'_>]) -> io::Result<()> {
                self.0.borrow_mut().push(format!("{:?} {:?}", r[0].as_str(), r[1].as_i64()));
                Ok(())
            }
            fn end(&mut self, _: &mut dyn Write, _: Option<u64>) -> io::Result<()> {
                Ok(())
            }
        }
        let seen = Rc::new(RefCell::new(Vec::new()));
        let mut n = Numbered::wrap(Box::new(Keep(seen.clone())));
        let mut out = Vec::new();
        n.begin(&mut out, &["id".into()]).expect("begin");
        n.row(&mut out, &[ValueRef::Integer(7)]).expect("row");
        n.row(&mut out, &[ValueRef::Integer(8)]).expect("row");
        assert_eq!(*seen.borrow(), vec!["#,id", "Ok(\"#1\") Ok(7)", "Ok(\"#2\") Ok(8)"]);
    }
}
