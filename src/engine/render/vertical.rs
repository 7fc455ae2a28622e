//! Vertical records, psql's `\x`: one `name | value` line per column, a rule per record. Used for
//! wide rows, `\x on`, `\x auto` when a table does not fit, and a statement ending in `\G`.
//! Records stream; values are escaped so data cannot drive the terminal. On a terminal,
//! `max_field_width` cuts long text as it does in tables.

use std::io::{self, Write};

use rusqlite::types::ValueRef;

use std::borrow::Cow;

use crate::engine::render::text::{display_width, truncate, wrap};
use crate::engine::render::{RenderContext, Renderer, display_text, escape_controls, footer};
use crate::engine::style::Role;

pub struct VerticalRenderer {
    ctx: RenderContext,
    /// Column names padded to one width.
    names: Vec<String>,
    name_width: usize,
    shown: usize,
    /// Records held until the rule's width is known: every record's rule is as wide as the widest
    /// record, as psql draws them. Held up to `HOLD_RECORDS` or `HOLD_BYTES`, so a result of
    /// millions still streams; after that the width stays.
    held: Vec<Vec<(String, bool)>>,
    held_bytes: usize,
    rule: Option<usize>,
}

/// How much is held to size the rules: a page of records, or a megabyte.
const HOLD_RECORDS: usize = 1000;
const HOLD_BYTES: usize = 1 << 20;

impl VerticalRenderer {
    pub fn new(ctx: RenderContext) -> Self {
        VerticalRenderer {
            ctx,
            names: Vec::new(),
            name_width: 0,
            shown: 0,
            held: Vec::new(),
            held_bytes: 0,
            rule: None,
        }
    }

    /// Room for values beside the names, on a terminal.
    fn room(&self) -> Option<usize> {
        self.ctx.width.map(|w| usize::from(w).saturating_sub(self.name_width + self.rules()).max(10))
    }

    /// Width of the rules and spaces around a name and its value: `name value` (border 0),
    /// `name | value` (1, and pgcli's records), `| name | value |` (2).
    fn rules(&self) -> usize {
        match self.ctx.border_set {
            Some(0) => 1,
            Some(2) => 7,
            _ => 3,
        }
    }

    /// The width of a record's widest line: names, ` | `, the widest value line (as wrapped).
    fn width_of<'a>(&self, cells: impl Iterator<Item = &'a str>) -> usize {
        let room = self.room();
        let value_width = cells
            .flat_map(|c| c.split('\n'))
            .map(|l| room.map_or_else(|| display_width(l), |r| display_width(l).min(r)))
            .max()
            .unwrap_or(0);
        self.name_width + self.rules() + value_width
    }

    /// Takes one record from display texts (also what a table too wide for the terminal falls
    /// back to); it is written once the rules' width is known (`finish` writes what is held).
    pub fn record(&mut self, out: &mut dyn Write, cells: &[(&str, bool)]) -> io::Result<()> {
        let capped: Vec<(Cow<str>, bool)> = cells.iter().map(|&(c, n)| (self.capped(c, n), n)).collect();
        let cells: Vec<(&str, bool)> = capped.iter().map(|(c, n)| (c.as_ref(), *n)).collect();
        let cells = cells.as_slice();
        self.shown += 1;
        if let Some(rule) = self.rule {
            return self.write_record(out, self.shown, rule, cells);
        }
        self.held_bytes += cells.iter().map(|(c, _)| c.len()).sum::<usize>();
        self.held.push(cells.iter().map(|(c, n)| ((*c).to_string(), *n)).collect());
        if self.held.len() >= HOLD_RECORDS || self.held_bytes >= HOLD_BYTES {
            self.finish(out)?;
        }
        Ok(())
    }

    /// `max_field_width` on a terminal: each line of a text value is cut to that many columns
    /// (ending in `…`), as in tables; numbers and NULL never are. Pipes and files get it all.
    fn capped<'a>(&self, text: &'a str, is_null: bool) -> Cow<'a, str> {
        let max = self.ctx.max_field_width;
        let cut = |l: &str| display_width(l) > max;
        if self.ctx.width.is_none() || max == 0 || is_null || !text.split('\n').any(cut) || text.parse::<f64>().is_ok()
        {
            return Cow::Borrowed(text);
        }
        Cow::Owned(text.split('\n').map(|l| truncate(l, max)).collect::<Vec<_>>().join("\n"))
    }

    /// Writes the records held, with rules as wide as the widest of them; later records keep
    /// that width.
    pub fn finish(&mut self, out: &mut dyn Write) -> io::Result<()> {
        let held = std::mem::take(&mut self.held);
        let rule = match self.rule {
            Some(rule) => rule,
            None => {
                let widest = held.iter().map(|r| self.width_of(r.iter().map(|(c, _)| c.as_str()))).max().unwrap_or(0);
                // A frame is as wide as its widest record title too (`+-[ RECORD 10 ]-+`), so the
                // values' right rule meets it, as psql sizes it.
                let title = if self.ctx.border_set == Some(2) && !self.ctx.tuples_only {
                    15 + self.shown.to_string().len()
                } else {
                    0
                };
                let widest = widest.max(title);
                let rule = self.ctx.width.map_or(widest, |w| widest.min(usize::from(w)));
                self.rule = Some(rule);
                rule
            }
        };
        let first = self.shown - held.len();
        for (i, record) in held.iter().enumerate() {
            let cells: Vec<(&str, bool)> = record.iter().map(|(c, n)| (c.as_str(), *n)).collect();
            self.write_record(out, first + i + 1, rule, &cells)?;
        }
        self.held_bytes = 0;
        Ok(())
    }

    /// One record: its rule, then a `name | value` line per column. On a terminal, long values
    /// wrap at word boundaries under their first line.
    fn write_record(&self, out: &mut dyn Write, number: usize, rule: usize, cells: &[(&str, bool)]) -> io::Result<()> {
        let room = self.room();
        let border = self.ctx.border_set;
        let mut text = self.record_rule(number, rule);
        // Values are padded to the frame only with border 2.
        let value_width = rule.saturating_sub(self.name_width + self.rules());
        let (before, between, after) = match border {
            Some(0) => ("", " ", ""),
            Some(2) => ("| ", " | ", " |"),
            _ => ("", " | ", ""),
        };
        for (name, (value, is_null)) in self.names.iter().zip(cells) {
            let mut first = true;
            for line in value.split('\n') {
                let pieces = match room {
                    Some(r) if display_width(line) > r => wrap(line, r),
                    _ => vec![line],
                };
                for piece in pieces {
                    text.push_str(before);
                    if first {
                        text.push_str(name);
                        first = false;
                    } else {
                        text.extend(std::iter::repeat_n(' ', self.name_width));
                    }
                    text.push_str(between);
                    if *is_null {
                        text.push_str(&self.ctx.palette.paint(Role::Null, piece));
                    } else {
                        text.push_str(piece);
                    }
                    if !after.is_empty() {
                        text.extend(std::iter::repeat_n(' ', value_width.saturating_sub(display_width(piece))));
                        text.push_str(after);
                    }
                    text.push('\n');
                }
            }
        }
        out.write_all(text.as_bytes())
    }

    /// The line above record `number` (`rule` wide), as psql draws it at each border:
    /// `* Record 1` (0), `-[ RECORD 1 ]---+--` (1), `+-[ RECORD 1 ]---+---+` (2); pgcli's
    /// `-[ RECORD 1 ]-----` when the border was never set. With `\t`, as psql: no title, and no
    /// line above the first record unless it is framed.
    fn record_rule(&self, number: usize, rule: usize) -> String {
        let bare = self.ctx.tuples_only;
        if bare && number == 1 && self.ctx.border_set != Some(2) {
            return String::new();
        }
        let mut line = match self.ctx.border_set {
            Some(0) if bare => String::new(),
            Some(0) => format!("* Record {number}"),
            None => {
                let title = if bare { String::new() } else { format!("-[ RECORD {number} ]") };
                let pad = rule.saturating_sub(display_width(&title));
                format!("{title}{}", "-".repeat(pad))
            }
            Some(border) => {
                // The title over a rule with a junction where the names end, as far as it reaches.
                let (lead, inner) =
                    if border == 2 { ("+-", rule.saturating_sub(4)) } else { ("-", rule.saturating_sub(1)) };
                let title = if bare { String::new() } else { format!("[ RECORD {number} ]") };
                let mut under: Vec<char> = vec!['-'; inner.max(title.len())];
                let junction = self.name_width + if border == 2 { 1 } else { 0 };
                if let Some(c) = under.get_mut(junction) {
                    *c = '+';
                }
                let under: String = under.into_iter().skip(title.len()).collect();
                let end = if border == 2 { "-+" } else { "" };
                format!("{lead}{title}{under}{end}")
            }
        };
        line.push('\n');
        line
    }

    /// The rule under the last record: only border 2 closes its frame.
    fn bottom_rule(&self, rule: usize) -> Option<String> {
        (self.ctx.border_set == Some(2) && self.shown > 0).then(|| {
            let inner: String =
                (0..rule.saturating_sub(4)).map(|i| if i == self.name_width + 1 { '+' } else { '-' }).collect();
            format!("+-{inner}-+\n")
        })
    }

    pub fn set_columns(&mut self, columns: &[String]) {
        let columns: Vec<String> = columns.iter().map(|c| escape_controls(c).replace('\n', " ")).collect();
        self.name_width = columns.iter().map(|c| display_width(c)).max().unwrap_or(0);
        self.names = columns.iter().map(|c| format!("{c}{}", " ".repeat(self.name_width - display_width(c)))).collect();
    }
}

impl Renderer for VerticalRenderer {
    fn begin(&mut self, _out: &mut dyn Write, columns: &[String]) -> io::Result<()> {
        self.set_columns(columns);
        Ok(())
    }

    fn row(&mut self, out: &mut dyn Write, row: &[ValueRef<'_>]) -> io::Result<()> {
        if self.full() {
            return Ok(());
        }
        let texts: Vec<(String, bool)> =
            row.iter().map(|v| (display_text(*v, &self.ctx.null_marker), matches!(v, ValueRef::Null))).collect();
        let cells: Vec<(&str, bool)> = texts.iter().map(|(t, n)| (t.as_str(), *n)).collect();
        self.record(out, &cells)
    }

    fn full(&self) -> bool {
        self.ctx.row_limit.is_some_and(|limit| self.shown >= limit)
    }

    fn end(&mut self, out: &mut dyn Write, total: Option<u64>) -> io::Result<()> {
        self.finish(out)?;
        if let Some(bottom) = self.rule.and_then(|rule| self.bottom_rule(rule)) {
            out.write_all(bottom.as_bytes())?;
        }
        if !self.ctx.footer {
            return Ok(());
        }
        let text = footer(total, self.shown as u64, None, self.ctx.width);
        writeln!(out, "{}", self.ctx.palette.paint(Role::Dim, &text))
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::render::rendered;
    use crate::engine::render::vertical::*;

    #[test]
    fn records_with_aligned_names() {
        let mut r = VerticalRenderer::new(RenderContext::plain());
        let mut out = Vec::new();
        r.begin(&mut out, &["id".into(), "title".into()]).expect("begin");
        r.row(&mut out, &[ValueRef::Integer(7), ValueRef::Text("Grok 日本\nline two\x1b".as_bytes())]).expect("row");
        r.row(&mut out, &[ValueRef::Integer(8), ValueRef::Null]).expect("row");
        r.end(&mut out, Some(2)).expect("end");
        let want = "\
-[ RECORD 1 ]-----
id    | 7
title | Grok 日本
      | line two\\e
-[ RECORD 2 ]-----
id    | 8
title | <null>
2 rows
";
        assert_eq!(String::from_utf8(out).expect("utf8"), want);
    }

    #[test]
    fn max_field_width_cuts_text_on_a_terminal_only() {
        let on_terminal = RenderContext { width: Some(80), max_field_width: 10, ..RenderContext::plain() };
        let long = "A Scenic Drive through the Django Request-Response Cycle";
        let number = "12345678901234567";
        let record = |ctx: RenderContext| {
            let mut r = VerticalRenderer::new(ctx);
            let mut out = Vec::new();
            r.begin(&mut out, &["title".into(), "n".into()]).expect("begin");
            r.row(&mut out, &[ValueRef::Text(long.as_bytes()), ValueRef::Text(number.as_bytes())]).expect("row");
            r.end(&mut out, Some(1)).expect("end");
            String::from_utf8(out).expect("utf8")
        };
        let shown = record(on_terminal);
        assert!(shown.contains("title | A Scenic …\n"), "{shown}");
        assert!(shown.contains("n     | 12345678901234567\n"), "numbers are never cut: {shown}");
        let piped = record(RenderContext { max_field_width: 10, ..RenderContext::plain() });
        assert!(piped.contains(long), "{piped}");
    }

    #[test]
    fn records_at_psql_borders_0_1_and_2() {
        let draw = |border| {
            let mut r = VerticalRenderer::new(RenderContext { border_set: Some(border), ..RenderContext::plain() });
            let cells = [ValueRef::Integer(7), ValueRef::Text(b"Grok\nthe GIL")];
            rendered(&mut r, &["id", "a_long_column_name"], &[cells.to_vec(), cells.to_vec()])
        };
        let zero = "* Record 1\nid                 7\na_long_column_name Grok\n                   the GIL\n";
        assert_eq!(draw(0), format!("{zero}{}2 rows\n", zero.replace("Record 1", "Record 2")));
        let one = "\
-[ RECORD 1 ]------+--------
id                 | 7
a_long_column_name | Grok
                   | the GIL
";
        assert_eq!(draw(1), format!("{one}{}2 rows\n", one.replace("RECORD 1", "RECORD 2")));
        let two = "\
+-[ RECORD 1 ]-------+---------+
| id                 | 7       |
| a_long_column_name | Grok    |
|                    | the GIL |
";
        let bottom = "+--------------------+---------+\n";
        assert_eq!(draw(2), format!("{two}{}{bottom}2 rows\n", two.replace("RECORD 1", "RECORD 2")));
    }

    #[test]
    fn tuples_only_records_have_no_titles_as_in_psql() {
        let draw = |border| {
            let ctx = RenderContext { border_set: border, tuples_only: true, footer: false, ..RenderContext::plain() };
            let mut r = VerticalRenderer::new(ctx);
            rendered(&mut r, &["a", "b"], &[vec![ValueRef::Integer(1); 2], vec![ValueRef::Integer(3); 2]])
        };
        assert_eq!(draw(None), "a | 1\nb | 1\n-----\na | 3\nb | 3\n");
        assert_eq!(draw(Some(0)), "a 1\nb 1\n\na 3\nb 3\n");
        assert_eq!(draw(Some(1)), "a | 1\nb | 1\n--+--\na | 3\nb | 3\n");
        assert_eq!(draw(Some(2)), "+---+---+\n| a | 1 |\n| b | 1 |\n+---+---+\n| a | 3 |\n| b | 3 |\n+---+---+\n");
    }

    #[test]
    fn a_framed_record_is_as_wide_as_its_title() {
        let mut r = VerticalRenderer::new(RenderContext { border_set: Some(2), ..RenderContext::plain() });
        let out = rendered(&mut r, &["a"], &[vec![ValueRef::Integer(1)]]);
        assert_eq!(out, "+-[ RECORD 1 ]-+\n| a | 1        |\n+---+----------+\n1 row\n");
    }

    #[test]
    fn rules_are_as_wide_as_the_widest_held_record_and_keep_that_width_after() {
        let mut r = VerticalRenderer::new(RenderContext::plain());
        let mut out = Vec::new();
        r.begin(&mut out, &["v".into()]).expect("begin");
        for i in 0..HOLD_RECORDS {
            let wide = if i == 5 { "x".repeat(40) } else { i.to_string() };
            r.row(&mut out, &[ValueRef::Text(wide.as_bytes())]).expect("row");
        }
        let held_written = out.len();
        assert!(held_written > 0, "a full hold is written before the result ends");
        r.row(&mut out, &[ValueRef::Text("y".repeat(60).as_bytes())]).expect("row");
        assert!(out.len() > held_written, "after the hold, records stream");
        r.end(&mut out, None).expect("end");
        let text = String::from_utf8(out).expect("utf8");
        let rules: Vec<usize> =
            text.lines().filter(|l| l.starts_with("-[ RECORD")).map(|l| l.chars().count()).collect();
        assert_eq!(rules.len(), HOLD_RECORDS + 1);
        assert!(rules.iter().all(|w| *w == 1 + 3 + 40), "{:?}", &rules[..3]);
    }
}
