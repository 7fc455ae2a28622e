//! EXPLAIN and EXPLAIN QUERY PLAN drawn as the sqlite3 shell draws them, whatever the format:
//! the plan as a `QUERY PLAN` tree with `|--` and `` `-- `` branches, the bytecode in fixed
//! columns with the body of each loop indented. Both buffer their (small) result, since the tree
//! and the loop indents are known only once every row is in.

use std::io::{self, Write};

use rusqlite::types::ValueRef;

use crate::engine::render::Renderer;

/// One row of EXPLAIN QUERY PLAN: its id, its parent's id, and what SQLite does.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanRow {
    pub id: i64,
    pub parent: i64,
    pub detail: String,
}

/// The plan as sqlite3's `eqp_render` prints it; `decorate` may mark up each step's text (it
/// gets the plain text and returns what to print).
pub fn plan_tree(rows: &[PlanRow], decorate: &dyn Fn(&str) -> String) -> String {
    let mut out = String::new();
    let mut rows = rows;
    match rows.first() {
        None => return out,
        Some(first) if first.detail.starts_with('-') => {
            if rows.len() == 1 {
                return out;
            }
            out.push_str(first.detail.get(3..).unwrap_or(""));
            out.push('\n');
            rows = &rows[1..];
        }
        Some(_) => out.push_str("QUERY PLAN\n"),
    }
    level(&mut out, rows, 0, &mut String::new(), decorate);
    out
}

/// sqlite3's `eqp_render_level`: the children of `parent`, in order, each followed by its own.
fn level(out: &mut String, rows: &[PlanRow], parent: i64, prefix: &mut String, decorate: &dyn Fn(&str) -> String) {
    let children: Vec<&PlanRow> = rows.iter().filter(|r| r.parent == parent).collect();
    for (i, row) in children.iter().enumerate() {
        let last = i + 1 == children.len();
        out.push_str(prefix);
        out.push_str(if last { "`--" } else { "|--" });
        out.push_str(&decorate(&row.detail));
        out.push('\n');
        // sqlite3 stops descending when its 100-byte prefix buffer is nearly full.
        if prefix.len() < 100 - 7 && row.id != parent {
            let n = prefix.len();
            prefix.push_str(if last { "   " } else { "|  " });
            level(out, rows, row.id, prefix, decorate);
            prefix.truncate(n);
        }
    }
}

/// A cell of a plan or of bytecode. Table and index names and string constants are the user's
/// and may hold control characters: they are shown escaped (a plan is for people, and sqlite3's
/// raw bytes would let a name drive the terminal).
fn text(v: ValueRef<'_>) -> String {
    match v {
        ValueRef::Null => String::new(),
        ValueRef::Integer(n) => n.to_string(),
        ValueRef::Real(r) => crate::engine::sql::number::format_real(r, 17),
        ValueRef::Text(t) | ValueRef::Blob(t) => crate::engine::render::escape_controls(&String::from_utf8_lossy(t)),
    }
}

/// `EXPLAIN QUERY PLAN …`: the tree.
#[derive(Default)]
pub struct PlanRenderer {
    rows: Vec<PlanRow>,
}

impl Renderer for PlanRenderer {
    fn begin(&mut self, _out: &mut dyn Write, _columns: &[String]) -> io::Result<()> {
        Ok(())
    }

    fn row(&mut self, _out: &mut dyn Write, row: &[ValueRef<'_>]) -> io::Result<()> {
        let int = |i: usize| row.get(i).and_then(|v| v.as_i64().ok()).unwrap_or(0);
        let detail = row.get(3).map(|v| text(*v)).unwrap_or_default();
        self.rows.push(PlanRow { id: int(0), parent: int(1), detail });
        Ok(())
    }

    fn end(&mut self, out: &mut dyn Write, _total: Option<u64>) -> io::Result<()> {
        out.write_all(plan_tree(&self.rows, &|d| d.to_string()).as_bytes())
    }
}

/// `EXPLAIN …`: sqlite3's explain mode, columns of fixed least widths, loop bodies indented.
#[derive(Default)]
pub struct BytecodeRenderer {
    columns: Vec<String>,
    rows: Vec<Vec<String>>,
}

/// sqlite3's least widths of addr, opcode, p1, p2, p3, p4, p5, comment.
const WIDTHS: [usize; 8] = [4, 13, 4, 4, 4, 13, 2, 13];

impl Renderer for BytecodeRenderer {
    fn begin(&mut self, _out: &mut dyn Write, columns: &[String]) -> io::Result<()> {
        self.columns = columns.to_vec();
        Ok(())
    }

    fn row(&mut self, _out: &mut dyn Write, row: &[ValueRef<'_>]) -> io::Result<()> {
        self.rows.push(row.iter().map(|v| text(*v)).collect());
        Ok(())
    }

    fn end(&mut self, out: &mut dyn Write, _total: Option<u64>) -> io::Result<()> {
        let indent = indents(&self.rows);
        let n = self.columns.len().min(WIDTHS.len());
        let mut text = String::new();
        if !self.rows.is_empty() {
            let head: Vec<String> = (0..n).map(|i| pad(&self.columns[i], WIDTHS[i])).collect();
            text.push_str(&head.join("  "));
            text.push('\n');
            let dashes: Vec<String> = WIDTHS[..n].iter().map(|w| "-".repeat(*w)).collect();
            text.push_str(&dashes.join("  "));
            text.push('\n');
        }
        for (r, row) in self.rows.iter().enumerate() {
            for (i, width) in WIDTHS.iter().enumerate().take(n) {
                let cell = row.get(i).map_or("", String::as_str);
                if i == 1 {
                    text.push_str(&" ".repeat(indent[r]));
                }
                text.push_str(&pad(cell, if i + 1 == n { 0 } else { *width }));
                text.push_str(if i + 1 == n { "\n" } else { "  " });
            }
        }
        out.write_all(text.as_bytes())
    }
}

/// Left-aligned in at least `width` characters.
fn pad(s: &str, width: usize) -> String {
    format!("{s:<width$}")
}

/// sqlite3's `explain_data_prepare`: two spaces more for every instruction inside a loop (from a
/// jump target up to its Next/Prev/Return) and inside a Goto back to a Yield or a loop start.
fn indents(rows: &[Vec<String>]) -> Vec<usize> {
    const NEXT: &[&str] = &["Next", "Prev", "VPrev", "VNext", "SorterNext", "Return"];
    const YIELD: &[&str] = &["Yield", "SeekLT", "SeekGT", "RowSetRead", "Rewind"];
    let int = |row: &Vec<String>, i: usize| row.get(i).and_then(|v| v.parse::<i64>().ok()).unwrap_or(0);
    let mut indent = vec![0usize; rows.len()];
    let mut is_yield = vec![false; rows.len()];
    for (op, row) in rows.iter().enumerate() {
        let name = row.get(1).map_or("", String::as_str);
        let p2op = int(row, 3) + (op as i64 - int(row, 0));
        is_yield[op] = YIELD.contains(&name);
        let Ok(target) = usize::try_from(p2op) else { continue };
        if NEXT.contains(&name) && target > 0 {
            indent.iter_mut().take(op).skip(target).for_each(|i| *i += 2);
        }
        if name == "Goto" && target < op + 1 && (is_yield[target] || int(row, 2) != 0) {
            indent.iter_mut().take(op).skip(target).for_each(|i| *i += 2);
        }
    }
    indent
}

#[cfg(test)]
mod tests {
    use crate::engine::render::explain::*;

    fn row(id: i64, parent: i64, detail: &str) -> PlanRow {
        PlanRow { id, parent, detail: detail.to_string() }
    }

    #[test]
    fn the_plan_is_a_tree_as_sqlite3_draws_it() {
        let rows = [
            row(3, 0, "SCAN t"),
            row(8, 0, "CORRELATED SCALAR SUBQUERY 1"),
            row(12, 8, "SEARCH u USING INDEX u_a (a=?)"),
            row(20, 0, "USE TEMP B-TREE FOR ORDER BY"),
        ];
        assert_eq!(
            plan_tree(&rows, &|d| d.to_string()),
            "QUERY PLAN\n|--SCAN t\n|--CORRELATED SCALAR SUBQUERY 1\n|  `--SEARCH u USING INDEX u_a (a=?)\n`--USE TEMP B-TREE FOR ORDER BY\n"
        );
        assert_eq!(plan_tree(&[], &|d| d.to_string()), "");
    }

    #[test]
    fn loop_bodies_are_indented() {
        let ops = [
            ("0", "Init", "0", "7"),
            ("1", "OpenRead", "0", "2"),
            ("2", "Rewind", "0", "6"),
            ("3", "Column", "0", "0"),
            ("4", "ResultRow", "1", "1"),
            ("5", "Next", "0", "3"),
            ("6", "Halt", "0", "0"),
            ("7", "Goto", "0", "1"),
        ];
        let rows: Vec<Vec<String>> = ops
            .iter()
            .map(|(a, o, p1, p2)| vec![a.to_string(), o.to_string(), p1.to_string(), p2.to_string()])
            .collect();
        assert_eq!(indents(&rows), [0, 0, 0, 2, 2, 0, 0, 0]);
    }
}
