//! Facets, as datasette shows them: for one column, its most common values with counts and a
//! small bar. A text column whose values are comma-separated lists (`talk_overview.tags`,
//! `speakers`) counts each listed value on its own.

use std::collections::HashMap;

use rusqlite::types::Value;

use crate::engine::chart::{Look, dim_line, fit, fmt_num, pad, pad_left};

/// Whether a column's values are lists to split.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Split {
    /// Split when the values look like comma-separated lists (see `looks_listed`).
    Auto,
    Always,
    Never,
}

/// The counted values of one column.
#[derive(Debug, Clone, PartialEq)]
pub struct Facet {
    pub column: String,
    /// Rows looked at.
    pub rows: u64,
    pub nulls: u64,
    /// Values with their counts, most common first (ties in value order).
    pub counts: Vec<(String, u64)>,
    /// Whether each comma-separated value was counted on its own.
    pub split: bool,
}

/// A value as a facet shows it.
fn key(v: &Value) -> Option<String> {
    Some(match v {
        Value::Null => return None,
        Value::Integer(i) => i.to_string(),
        Value::Real(r) => fmt_num(*r),
        Value::Text(t) => t.clone(),
        Value::Blob(b) => format!("x'{}'", crate::engine::render::hex(b)),
    })
}

fn parts(text: &str) -> impl Iterator<Item = &str> {
    text.split(',').map(str::trim).filter(|p| !p.is_empty())
}

/// True when text values read as lists: some hold a comma, and splitting them gives fewer
/// distinct values than there are distinct lists (tags repeat across talks; the halves of a
/// title with a comma do not).
fn looks_listed(wholes: &[(String, u64)]) -> bool {
    if !wholes.iter().any(|(w, _)| w.contains(',')) {
        return false;
    }
    let mut distinct: std::collections::HashSet<&str> = std::collections::HashSet::new();
    for (w, _) in wholes {
        distinct.extend(parts(w));
    }
    distinct.len() < wholes.len()
}

/// Column names that by convention hold lists (`talk_overview.tags`, `speakers`): split even
/// when too few rows repeat a value for the values to show it.
const LIST_NAMES: &[&str] = &["tags", "speakers", "authors", "keywords", "categories", "labels", "topics"];

/// Counts `values` (each with how many rows hold it, as `GROUP BY` gives them) of `column`.
pub fn count(column: &str, values: Vec<(Value, u64)>, split: Split) -> Facet {
    let mut rows = 0;
    let mut nulls = 0;
    let mut wholes: Vec<(String, u64)> = Vec::with_capacity(values.len());
    let mut any_text = false;
    for (v, n) in values {
        rows += n;
        any_text |= matches!(v, Value::Text(_));
        match key(&v) {
            Some(k) => wholes.push((k, n)),
            None => nulls += n,
        }
    }
    let split = match split {
        Split::Always => true,
        Split::Never => false,
        Split::Auto => {
            any_text
                && (looks_listed(&wholes)
                    || (LIST_NAMES.contains(&column.to_ascii_lowercase().as_str())
                        && wholes.iter().any(|(w, _)| w.contains(','))))
        }
    };
    let mut counts: HashMap<String, u64> = HashMap::new();
    for (w, n) in wholes {
        if split {
            // A value listed twice in one row counts once for that row.
            let mut seen: Vec<&str> = parts(&w).collect();
            seen.sort_unstable();
            seen.dedup();
            for p in seen {
                *counts.entry(p.to_string()).or_default() += n;
            }
        } else {
            *counts.entry(w).or_default() += n;
        }
    }
    let mut counts: Vec<(String, u64)> = counts.into_iter().collect();
    counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    Facet { column: column.to_string(), rows, nulls, counts, split }
}

/// Most cells a facet's bar takes.
const BAR: usize = 20;

/// `column  N values · R rows`, then the `top` most common values with a bar, count and share.
pub fn draw(f: &Facet, look: &Look) -> String {
    let column = crate::engine::render::escape_controls(&f.column);
    let mut head = format!(
        "{column}  {} {} · {} {}",
        f.counts.len(),
        if f.counts.len() == 1 { "value" } else { "values" },
        f.rows,
        if f.rows == 1 { "row" } else { "rows" }
    );
    if f.nulls > 0 {
        head.push_str(&format!(" · {} NULL", f.nulls));
    }
    if f.split {
        head.push_str(" · each comma-separated value counted");
    }
    let mut out = format!("{}\n", look.palette.paint(crate::engine::style::Role::Header, &head));
    let shown = &f.counts[..f.counts.len().min(look.top)];
    let most = shown.first().map_or(1, |c| c.1).max(1);
    let count_w = shown.iter().map(|c| c.1.to_string().len()).max().unwrap_or(1);
    let labels: Vec<String> =
        shown.iter().map(|(v, _)| crate::engine::render::escape_controls(v).replace('\n', " ")).collect();
    let label_w =
        labels.iter().map(|l| crate::engine::render::display_width(l)).max().unwrap_or(0).min(look.width / 3).max(1);
    let bar_w = look.width.saturating_sub(2 + label_w + 2 + 1 + count_w + 8).clamp(1, BAR);
    for ((_, n), label) in shown.iter().zip(&labels) {
        let cells = *n as f64 / most as f64 * bar_w as f64;
        let bar = if look.ascii { "#".repeat(cells.round() as usize) } else { eighths(cells) };
        let share = if f.rows > 0 { *n as f64 * 100.0 / f.rows as f64 } else { 0.0 };
        out.push_str(&format!(
            "  {}  {} {}  {}\n",
            pad(&fit(label, label_w, look.ascii), label_w),
            look.palette.series(0, &pad(&bar, bar_w)),
            pad_left(&n.to_string(), count_w),
            pad_left(&format!("{share:.1}%"), 6)
        ));
    }
    if f.counts.len() > shown.len() {
        out.push_str(&dim_line(look, &format!("  … and {} more values", f.counts.len() - shown.len())));
    }
    out
}

fn eighths(cells: f64) -> String {
    const PART: [&str; 8] = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"];
    let e = ((cells * 8.0).round() as usize).max(1);
    format!("{}{}", "█".repeat(e / 8), PART[e % 8])
}

#[cfg(test)]
mod tests {
    use crate::engine::chart::facet_counts::*;

    fn text(s: &str) -> Value {
        Value::Text(s.into())
    }

    #[test]
    fn comma_lists_count_each_value() {
        let values = vec![
            (text("python, testing"), 2),
            (text("testing"), 1),
            (text("async, python, web"), 1),
            (text("python"), 3),
            (Value::Null, 4),
        ];
        let f = count("tags", values, Split::Auto);
        assert!(f.split);
        // python: 2 + 1 + 3 rows; testing: 2 + 1; async and web: 1 each.
        let want: Vec<(String, u64)> = [("python", 6), ("testing", 3), ("async", 1), ("web", 1)]
            .iter()
            .map(|(v, n)| (v.to_string(), *n))
            .collect();
        assert_eq!(f.counts, want);
        assert_eq!((f.rows, f.nulls), (11, 4));
    }

    #[test]
    fn titles_with_commas_stay_whole() {
        let values = vec![(text("Hello, world"), 1), (text("Goodbye, moon"), 1), (text("Plain"), 1)];
        let f = count("title", values.clone(), Split::Auto);
        assert!(!f.split);
        assert_eq!(f.counts.len(), 3);
        assert!(count("title", values, Split::Always).split);
    }

    #[test]
    fn a_facet_draws_bars_counts_and_shares() {
        let f = count("kind", vec![(text("talk"), 6), (text("keynote"), 3), (text("other"), 1)], Split::Auto);
        let look = Look { top: 2, ..Look::plain(60) };
        // Bars of at most 20 cells: talk 20, keynote 10; shares of 10 rows.
        let want = format!(
            "kind  3 values · 10 rows\n  talk     {} 6   60.0%\n  keynote  {}{} 3   30.0%\n  … and 1 more values\n",
            "█".repeat(20),
            "█".repeat(10),
            " ".repeat(10)
        );
        assert_eq!(draw(&f, &look), want);
    }
}
