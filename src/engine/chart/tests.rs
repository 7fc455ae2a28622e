//! Charts of small fixed data, at several widths, with and without colour. Expected bar lengths
//! are worked out in the comments from the layout rule (label, two spaces, bar, space, value),
//! not read back from the code.

use rusqlite::types::{Value, ValueRef};

use crate::engine::chart::hist::bins_for;
use crate::engine::chart::*;

fn result(columns: &[&str], rows: Vec<Vec<Value>>) -> Captured {
    let mut c = Captured::new(columns.iter().map(|c| c.to_string()).collect(), crate::engine::capture::PASSING);
    for row in rows {
        let refs: Vec<ValueRef<'_>> = row.iter().map(ValueRef::from).collect();
        c.push(&refs);
    }
    c
}

fn t(s: &str) -> Value {
    Value::Text(s.into())
}

fn i(n: i64) -> Value {
    Value::Integer(n)
}

fn req(kind: Kind) -> Request {
    Request { kind, label: None, values: Vec::new(), bins: None }
}

/// `select year, count(*) as talks …`: no text column, so year labels and talks is the series.
fn years() -> Captured {
    result(&["year", "talks"], vec![vec![i(2014), i(8)], vec![i(2016), i(4)], vec![i(2017), i(2)]])
}

fn drawn(r: &Captured, kind: Kind, look: &Look) -> String {
    draw(r, &req(kind), look).expect("draws")
}

fn block(n: usize) -> String {
    "█".repeat(n)
}

#[test]
fn hbar_at_forty_columns() {
    // 40 = 4 (label) + 2 + bar + 1 + 1 (value): the largest bar has 32 cells; 4 and 2 get 16, 8.
    let want = format!("talks by year\n2014  {} 8\n2016  {} 4\n2017  {} 2\n", block(32), block(16), block(8));
    assert_eq!(drawn(&years(), Kind::HBar, &Look::plain(40)), want);
}

#[test]
fn hbar_at_thirty_columns_uses_eighth_blocks() {
    // 22 cells for 8, so 2.75 cells per unit: 4 → 11 cells, 2 → 5.5 cells = 5 full and ▌ (4/8).
    let want = format!("talks by year\n2014  {} 8\n2016  {} 4\n2017  {}▌ 2\n", block(22), block(11), block(5));
    assert_eq!(drawn(&years(), Kind::HBar, &Look::plain(30)), want);
}

#[test]
fn ascii_bars_round_to_whole_cells() {
    let look = Look { ascii: true, ..Look::plain(30) };
    let want =
        format!("talks by year\n2014  {} 8\n2016  {} 4\n2017  {} 2\n", "#".repeat(22), "#".repeat(11), "#".repeat(6));
    assert_eq!(drawn(&years(), Kind::HBar, &look), want);
}

#[test]
fn colour_paints_bars_and_dims_the_title() {
    let look = Look { palette: Palette::new(true), ..Look::plain(30) };
    let cyan = |s: &str| format!("\x1b[36m{s}\x1b[0m");
    let want = format!(
        "\x1b[90mtalks by year\x1b[0m\n2014  {} 8\n2016  {} 4\n2017  {} 2\n",
        cyan(&block(22)),
        cyan(&block(11)),
        cyan(&format!("{}▌", block(5)))
    );
    assert_eq!(drawn(&years(), Kind::HBar, &look), want);
}

#[test]
fn negative_values_are_drawn_left_of_zero() {
    // 30 = 1 + 2 + 6 (left of zero) + 1 (axis) + 17.25 cells … + 1 + 2: 23 cells span -2..6,
    // 2.875 per unit: -2 → 5.75 cells (6 at half-cell precision), 6 → 17.25 = 17 full and ▎.
    let r = result(&["l", "v"], vec![vec![t("x"), i(6)], vec![t("y"), i(-2)]]);
    let want = format!("v by l\nx        │{}▎ 6\ny  {}│ -2\n", block(17), block(6));
    assert_eq!(drawn(&r, Kind::HBar, &Look::plain(30)), want);
    let columns = drawn(&r, Kind::Bar, &Look::plain(30));
    assert!(columns.starts_with("v by l\nx  "), "{columns}");
    assert!(columns.contains("negative values: drawn as horizontal bars, left of zero"), "{columns}");
}

#[test]
fn several_series_get_letters_without_colour_and_nulls_are_counted() {
    let r =
        result(&["kind", "talks", "minutes"], vec![vec![t("talk"), i(4), i(8)], vec![t("keynote"), Value::Null, i(2)]]);
    // 30 = 7 + 2 + 2 (letter) + bar + 1 + 1: 17 cells for 8, so 4 → 8.5 cells, 2 → 4.25.
    let want = format!(
        "a = talks   b = minutes\ntalk     a {}▌ 4\n         b {} 8\nkeynote  b {}▎ 2\n1 NULL value skipped\n",
        block(8),
        block(17),
        block(4)
    );
    assert_eq!(drawn(&r, Kind::HBar, &Look::plain(30)), want);
}

#[test]
fn thousands_of_labels_keep_the_top_n() {
    let rows = (0..2000).map(|n| vec![t(&format!("s{n}")), i(n)]).collect();
    let r = result(&["speaker", "talks"], rows);
    let out = drawn(&r, Kind::HBar, &Look { top: 3, ..Look::plain(40) });
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 5, "{out}");
    assert!(lines[1].starts_with("s1999  ") && lines[1].ends_with(" 1999"), "{out}");
    assert!(lines[3].starts_with("s1997  "), "{out}");
    assert_eq!(lines[4], "top 3 labels by talks shown, and 1997 more (--top N shows more)");
}

#[test]
fn columns_at_twenty_columns() {
    // 18 cells for three columns: 5 wide with a space between; 10 rows for 8, so 4 fills 5
    // rows and 2 fills 2.5 (▄ on the third). Values sit on top of each column.
    let col = block(5);
    let want = [
        "talks by year".to_string(),
        "  8".into(),
        format!("8┤{col}"),
        format!(" │{col}"),
        format!(" │{col}"),
        format!(" │{col}"),
        format!(" │{col} 4"),
        format!(" │{col} {col}"),
        format!(" │{col} {col} 2"),
        format!(" │{col} {col} ▄▄▄▄▄"),
        format!(" │{col} {col} {col}"),
        format!("0┤{col} {col} {col}"),
        format!(" └{}", "─".repeat(17)),
        "  2014  2016  2017".into(),
    ]
    .join("\n");
    assert_eq!(drawn(&years(), Kind::Bar, &Look::plain(20)), want + "\n");
}

#[test]
fn line_at_twenty_columns() {
    // Points at x = 0, 9, 17 (18 columns), rows (v - 2) / 6 × 9: 8 → 9, 4 → 3, 2 → 0; dots
    // between them follow the straight line.
    let want = [
        "8┤●",
        " │ ··",
        " │   ·",
        " │    ··",
        " │      ·",
        "5┤       ··",
        " │         ●·",
        " │           ···",
        " │              ··",
        "2┤                ·●",
        " └──────────────────",
        "  2014          2017",
    ]
    .join("\n");
    assert_eq!(drawn(&years(), Kind::Line, &Look::plain(20)), want + "\n");
}

#[test]
fn sparklines_one_line_per_series() {
    // 8 is the top level, 2 the bottom, 4 is a third of the way: level round(7/3) = 2.
    let want = "talks  █▃▁  min 2  max 8\nyear 2014 → 2017, 3 points\n";
    assert_eq!(drawn(&years(), Kind::Spark, &Look::plain(40)), want);
    let ascii = drawn(&years(), Kind::Spark, &Look { ascii: true, ..Look::plain(40) });
    assert_eq!(ascii, "talks  #-_  min 2  max 8\nyear 2014 → 2017, 3 points\n");
}

#[test]
fn histogram_bins_and_counts() {
    let r = result(&["n"], [1, 2, 2, 3, 10].iter().map(|&n| vec![i(n)]).chain([vec![Value::Null]]).collect());
    let request = Request { kind: Kind::Hist, label: None, values: vec!["n".into()], bins: Some(3) };
    // Bins of width 3 from 1 to 10: four values in the first, one in the last. 30 = 7 + 2 + 19
    // + 1 + 1: 4 → 19 cells, 1 → 4.75 = 4 full and ▊.
    let want = format!(
        "count by n\n[1, 4)   {} 4\n[4, 7)    0\n[7, 10]  {}▊ 1\n5 values of n in 3 bins\n1 NULL value skipped\n",
        block(19),
        block(4)
    );
    assert_eq!(draw(&r, &request, &Look::plain(30)).expect("draws"), want);
    assert_eq!(bins_for(1), 1);
    assert_eq!(bins_for(5), 4);
    assert_eq!(bins_for(1_000_000), 20);
}

#[test]
fn markdown_output_is_fenced() {
    let out = drawn(&years(), Kind::Spark, &Look { markdown: true, ..Look::plain(40) });
    assert!(out.starts_with("```text\ntalks  █▃▁") && out.ends_with("points\n```\n"), "{out}");
}

#[test]
fn bad_input_gets_one_line() {
    let text_only = result(&["title", "speakers"], vec![vec![t("a"), t("b")]]);
    let err = draw(&text_only, &req(Kind::HBar), &Look::plain(40)).expect_err("no numbers");
    assert_eq!(
        err,
        "nothing to chart: no numeric column in the last result (title, speakers); chart a count, e.g. select kind, count(*) from talks group by kind \\chart"
    );
    let empty = result(&["n"], vec![]);
    assert_eq!(
        draw(&empty, &req(Kind::HBar), &Look::plain(40)).expect_err("empty"),
        "the last result has no rows to chart"
    );
    let hist = Request { kind: Kind::Hist, label: None, values: vec!["title".into()], bins: None };
    assert_eq!(
        draw(&text_only, &hist, &Look::plain(40)).expect_err("text"),
        "hist needs a numeric column; title holds text or no numbers"
    );
    let missing = Request { kind: Kind::HBar, label: Some("nope".into()), values: vec![], bins: None };
    assert_eq!(
        draw(&years(), &missing, &Look::plain(40)).expect_err("missing"),
        "no column nope in the last result (columns: year, talks)"
    );
    let text_series = Request { kind: Kind::HBar, label: None, values: vec!["title".into()], bins: None };
    assert_eq!(
        draw(&text_only, &text_series, &Look::plain(40)).expect_err("text series"),
        "column title is not numeric; a series needs numbers"
    );
}

#[test]
fn labels_are_terminal_safe_and_one_line() {
    let r = result(&["l", "v"], vec![vec![t("a\x1b[31mred\nx"), i(1)]]);
    let out = drawn(&r, Kind::HBar, &Look::plain(40));
    assert!(!out.contains('\x1b') && out.contains("a\\e[31mred x"), "{out:?}");
}

#[test]
fn a_capped_capture_says_so() {
    let rows = (0..(crate::engine::capture::PASSING.rows as i64 + 3)).map(|n| vec![i(n), i(n)]).collect();
    let out = drawn(&result(&["a", "b"], rows), Kind::Spark, &Look::plain(60));
    assert!(out.ends_with("only the first 5000 of 5003 rows were kept for this\n"), "{out}");
}

#[test]
fn narrow_columns_leave_labels_out_rather_than_overlap() {
    let rows = (0..20).map(|n| vec![t(&format!("label{n}")), i(n + 1)]).collect();
    let out = drawn(&result(&["l", "v"], rows), Kind::Bar, &Look::plain(50));
    let lines: Vec<&str> = out.lines().collect();
    let axis = lines.iter().position(|l| l.contains('└')).expect("axis");
    let labels = lines[axis + 1];
    // Every word under the axis is one whole label (or a cut one ending in …), none run together.
    let words: Vec<&str> = labels.split_whitespace().collect();
    assert!(words.len() >= 2, "{out}");
    for w in &words {
        let stem = w.trim_end_matches('…');
        assert!(
            (0..20).any(|n| format!("label{n}").starts_with(stem)) && stem.matches("label").count() == 1,
            "{w} in {labels}"
        );
    }
    assert!(out.contains("some labels are left out so none overlap"), "{out}");
}
