use proptest::prelude::*;

use crate::engine::render::table::*;
use crate::engine::settings::TableStyle as Style;
use crate::engine::settings::{Overflow, Wide};

fn ctx() -> RenderContext {
    RenderContext::plain()
}

fn render_cols(ctx: RenderContext, cols: &[&str], rows: &[Vec<ValueRef<'_>>]) -> String {
    let mut r = TableRenderer::new(ctx);
    crate::engine::render::rendered(&mut r, cols, rows)
}

fn render(ctx: RenderContext, rows: &[Vec<ValueRef<'_>>]) -> String {
    render_cols(ctx, &["id", "title"], rows)
}

fn widest(out: &str) -> usize {
    out.lines().map(display_width).max().unwrap_or(0)
}

#[test]
fn draws_a_psql_table_with_footer() {
    let out = render(
        ctx(),
        &[vec![ValueRef::Integer(7), ValueRef::Text(b"Grok the GIL")], vec![ValueRef::Integer(12), ValueRef::Null]],
    );
    let want = "\
+----+--------------+
| id | title        |
+----+--------------+
|  7 | Grok the GIL |
| 12 | <null>       |
+----+--------------+
2 rows
";
    assert_eq!(out, want);
}

#[test]
fn unicode_style_and_wide_characters() {
    let c = RenderContext { style: Style::Unicode, ..ctx() };
    let out = render(c, &[vec![ValueRef::Real(2.5), ValueRef::Text("日本語 🐍".as_bytes())]]);
    let want = "\
┌─────┬───────────┐
│ id  │ title     │
├─────┼───────────┤
│ 2.5 │ 日本語 🐍 │
└─────┴───────────┘
1 row
";
    assert_eq!(out, want);
}

#[test]
fn psql_borders_0_and_1_drop_the_frame_and_centre_the_names() {
    let rows = [
        vec![ValueRef::Integer(7), ValueRef::Text(b"Grok the GIL")],
        vec![ValueRef::Integer(12), ValueRef::Null],
        vec![ValueRef::Integer(3), ValueRef::Text(b"two\nlines")],
    ];
    // As psql draws them: names centred and ended by a space, the last column unpadded.
    let one = [
        " id |    title     ",
        "----+--------------",
        "  7 | Grok the GIL",
        " 12 | <null>",
        "  3 | two",
        "    | lines",
        "3 rows\n",
    ]
    .join("\n");
    let zero =
        ["id    title     ", "-- ------------", " 7 Grok the GIL", "12 <null>", " 3 two", "   lines", "3 rows\n"]
            .join("\n");
    for width in [None, Some(80)] {
        assert_eq!(render(RenderContext { border: 1, width, ..ctx() }, &rows), one);
        assert_eq!(render(RenderContext { border: 0, width, ..ctx() }, &rows), zero);
    }
    let unicode = render(RenderContext { border: 1, style: Style::Unicode, ..ctx() }, &rows[..1]);
    assert_eq!(unicode, " id │    title     \n────┼──────────────\n  7 │ Grok the GIL\n1 row\n");
    let bare = render(RenderContext { border: 1, tuples_only: true, footer: false, ..ctx() }, &rows[..2]);
    assert_eq!(bare, "  7 | Grok the GIL\n 12 | <null>\n");
}

#[test]
fn a_box_keeps_its_frame_at_every_border() {
    let rows = [vec![ValueRef::Integer(7)]];
    for border in 0..3 {
        let ctx = RenderContext { border, width: Some(80), ..ctx() };
        let mut r = crate::engine::render::renderer_for(crate::engine::settings::Format::Box, ctx);
        let out = crate::engine::render::rendered(r.as_mut(), &["id"], &rows);
        assert_eq!(out, "┌────┐\n│ id │\n├────┤\n│  7 │\n└────┘\n1 row\n", "border {border}");
    }
}

#[test]
fn unframed_tables_fit_the_terminal_with_their_own_overhead() {
    let long = "word ".repeat(40);
    let rows = [vec![ValueRef::Integer(1), ValueRef::Text(long.as_bytes())]];
    for border in 0..3 {
        let out = render(RenderContext { border, width: Some(80), ..ctx() }, &rows);
        // The names' line (ended by a space, as psql ends it) spans exactly the terminal's width.
        assert_eq!(widest(&out), 80, "border {border}:\n{out}");
    }
}

#[test]
fn multi_line_cells_and_empty_strings() {
    let out = render(ctx(), &[vec![ValueRef::Text(b""), ValueRef::Text(b"one\ntwo")]]);
    let want = "\
+----+-------+
| id | title |
+----+-------+
|    | one   |
|    | two   |
+----+-------+
1 row
";
    assert_eq!(out, want);
}

/// Rows like `select * from talks`: an id, a long title, a kind, a date, a duration, a URL.
fn talks() -> Vec<Vec<ValueRef<'static>>> {
    let titles: [&[u8]; 3] = [
        b"Keynote: the state of the Python packaging ecosystem, and where it goes next",
        b"Grok the GIL: how to write fast and thread-safe Python",
        b"Lightning talks",
    ];
    titles
        .iter()
        .enumerate()
        .map(|(i, t)| {
            vec![
                ValueRef::Integer(1_234_567_890 + i as i64),
                ValueRef::Text(t),
                ValueRef::Text(b"keynote"),
                ValueRef::Text(b"2019-05-04"),
                ValueRef::Integer(2710),
                ValueRef::Text(b"https://www.youtube.com/watch?v=abcdefghijk"),
            ]
        })
        .collect()
}

const TALK_COLS: &[&str] = &["id", "title", "kind", "recorded", "duration", "video_url"];

#[test]
fn the_same_query_at_80_100_120_and_200_columns() {
    let rows = talks();
    let natural = render_cols(ctx(), TALK_COLS, &rows);
    let natural_width = widest(&natural);
    for width in [80u16, 100, 120, 200] {
        let out = render_cols(RenderContext { width: Some(width), ..ctx() }, TALK_COLS, &rows);
        assert!(widest(&out) <= usize::from(width), "{width}:\n{out}");
        for kept in ["1234567890", "1234567892", "2019-05-04", "2710", "keynote", "video_url", "recorded"] {
            assert!(out.contains(kept), "{width}: '{kept}' was cut:\n{out}");
        }
        if usize::from(width) >= natural_width {
            assert_eq!(out, natural, "{width}: a table that fits is not touched");
        } else {
            assert_eq!(widest(&out), usize::from(width), "{width}: the room is used:\n{out}");
            assert!(out.contains('…'), "{width}:\n{out}");
        }
    }
    // At 80 columns the longest text columns gave way, the URL and the title both.
    let out = render_cols(RenderContext { width: Some(80), ..ctx() }, TALK_COLS, &rows);
    assert!(out.contains("| Keynote: the") && out.contains("| https://"), "{out}");
    // At 120 a link is kept whole (a cut link says nothing) while the title gives way.
    let out = render_cols(RenderContext { width: Some(120), ..ctx() }, TALK_COLS, &rows);
    assert!(
        out.contains("| Lightning talks ") && out.contains("| https://www.youtube.com/watch?v=abcdefghijk |"),
        "{out}"
    );
}

#[test]
fn wide_records_and_scroll_and_a_maximum_field_width() {
    let rows = talks();
    let natural = render_cols(ctx(), TALK_COLS, &rows);
    let auto = RenderContext { width: Some(120), auto_vertical: true, ..ctx() };
    // `fit` at 120: the title gives way (to no less than 16), the link stays whole; at 100 the
    // title would go below 16: records.
    let fit = render_cols(auto.clone(), TALK_COLS, &rows);
    assert!(fit.starts_with("+---") && widest(&fit) == 120 && fit.contains("watch?v=abcdefghijk |"), "{fit}");
    let narrow = render_cols(RenderContext { width: Some(100), ..auto.clone() }, TALK_COLS, &rows);
    assert!(narrow.starts_with("-[ RECORD 1 ]"), "{narrow}");
    // `records`: what does not fit whole is records at once.
    let records = render_cols(RenderContext { wide: Wide::Records, ..auto.clone() }, TALK_COLS, &rows);
    assert!(records.starts_with("-[ RECORD 1 ]") && !records.contains('…'), "{records}");
    let roomy = RenderContext { wide: Wide::Records, width: Some(400), ..auto.clone() };
    assert_eq!(render_cols(roomy, TALK_COLS, &rows), natural, "records only when it does not fit");
    // `scroll`: whole, however wide (the pager scrolls).
    let scroll = render_cols(RenderContext { wide: Wide::Scroll, ..auto.clone() }, TALK_COLS, &rows);
    assert_eq!(scroll, natural);
    // `max_field_width`: no text shown wider, even with room to spare; numbers are never cut.
    let capped = RenderContext { max_field_width: 20, width: Some(400), ..auto };
    let out = render_cols(capped, TALK_COLS, &rows);
    assert!(out.contains("| Keynote: the state … |") && out.contains("| 1234567890 |"), "{out}");
}

#[test]
fn wrap_breaks_at_word_boundaries() {
    let rows = talks();
    let out = render_cols(RenderContext { width: Some(80), overflow: Overflow::Wrap, ..ctx() }, TALK_COLS, &rows);
    assert!(widest(&out) <= 80, "{out}");
    assert!(!out.contains('…'), "{out}");
    for word in ["packaging", "ecosystem,", "thread-safe"] {
        assert!(out.contains(word), "'{word}' was broken:\n{out}");
    }
}

#[test]
fn too_narrow_for_the_table_becomes_records_and_says_so() {
    let rows = talks();
    let c = RenderContext { width: Some(40), auto_vertical: true, ..ctx() };
    let out = render_cols(c, TALK_COLS, &rows);
    assert!(out.starts_with("-[ RECORD 1 ]"), "{out}");
    assert!(out.contains("id        | 1234567890"), "{out}");
    assert!(out.contains("shown as records"), "{out}");
    assert!(widest(&out) <= 40, "{out}");
    // Wide enough when cut to a readable 16 columns: a table, not records; narrower: records.
    let row = [vec![ValueRef::Integer(1), ValueRef::Text(b"a title wider than the screen")]];
    let out = render(RenderContext { width: Some(25), auto_vertical: true, ..ctx() }, &row);
    assert!(out.starts_with("+----+") && out.contains("| a title wider t… |"), "{out}");
    let out = render(RenderContext { width: Some(24), auto_vertical: true, ..ctx() }, &row);
    assert!(out.starts_with("-[ RECORD 1 ]"), "{out}");
}

#[test]
fn row_limit_says_how_many_more_within_the_width() {
    let rows: Vec<Vec<ValueRef<'_>>> = (0..5).map(|i| vec![ValueRef::Integer(i), ValueRef::Text(b"x")]).collect();
    let out = render(RenderContext { row_limit: Some(2), ..ctx() }, &rows);
    assert_eq!(out.lines().filter(|l| l.starts_with("| ")).count(), 3, "{out}");
    assert!(out.contains("2 of 5 rows shown (\\pset row_limit N shows more)"), "{out}");
    let mut r = TableRenderer::new(RenderContext { row_limit: Some(2), width: Some(30), ..ctx() });
    let mut out = Vec::new();
    r.begin(&mut out, &["id".into()]).expect("begin");
    r.row(&mut out, &[ValueRef::Integer(1)]).expect("row");
    r.row(&mut out, &[ValueRef::Integer(2)]).expect("row");
    assert!(r.full());
    r.end(&mut out, None).expect("end");
    let out = String::from_utf8(out).expect("utf8");
    assert!(out.ends_with("\n2 rows shown; more not counted\n"), "{out}");
    assert!(widest(&out) <= 30, "{out}");
}

#[test]
fn escapes_never_reach_the_terminal() {
    let out = render(ctx(), &[vec![ValueRef::Integer(1), ValueRef::Text(b"\x1b[2Jboom\r\x07\xc2\x9b\xe2\x80\xae")]]);
    assert!(!out.contains('\x1b') && out.contains("\\e[2Jboom\\r\\x07\\u{9b}\\u{202e}"), "{out}");
}

#[test]
fn a_huge_cell_renders_in_linear_time() {
    let big = "word ".repeat(120_000);
    for overflow in [Overflow::Truncate, Overflow::Wrap] {
        let started = std::time::Instant::now();
        let out = render(
            RenderContext { width: Some(80), overflow, ..ctx() },
            &[vec![ValueRef::Integer(1), ValueRef::Text(big.as_bytes())]],
        );
        assert!(started.elapsed() < std::time::Duration::from_secs(1), "{overflow:?}");
        assert!(widest(&out) <= 80);
    }
}

fn value() -> impl Strategy<Value = (u8, i64, String)> {
    (0u8..4, any::<i64>(), "[a-z é日本\n]{0,40}")
}

proptest! {
    /// Whatever the data and the width: no line wider than the terminal, and every number whole.
    #[test]
    fn output_fits_and_numbers_are_never_cut(
        width in 30u16..160,
        ncols in 1usize..6,
        cells in prop::collection::vec(value(), 1..30),
        wrap in any::<bool>(),
        auto in any::<bool>(),
        border in 0u8..3,
    ) {
        let overflow = if wrap { Overflow::Wrap } else { Overflow::Truncate };
        // A framed record needs 31 columns for the widest number (`| col0 | ` and ` |` around 20).
        let width = if border == 2 { width.max(31) } else { width };
        let ctx = RenderContext {
            width: Some(width), overflow, auto_vertical: auto, border, border_set: Some(border), ..ctx()
        };
        let names: Vec<String> = (0..ncols).map(|i| format!("col{i}")).collect();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        let rows: Vec<Vec<ValueRef<'_>>> = cells
            .chunks(ncols)
            .map(|chunk| {
                (0..ncols)
                    .map(|i| match chunk.get(i) {
                        // Column i holds numbers only in even columns, so some columns are numeric.
                        Some((_, n, _)) if i % 2 == 0 => ValueRef::Integer(*n),
                        Some((0, _, _)) => ValueRef::Null,
                        Some((_, _, t)) => ValueRef::Text(t.as_bytes()),
                        None => ValueRef::Null,
                    })
                    .collect()
            })
            .collect();
        let out = render_cols(ctx, &names, &rows);
        for line in out.lines() {
            prop_assert!(display_width(line) <= usize::from(width), "{} > {width}:\n{out}", display_width(line));
        }
        for row in &rows {
            for v in row {
                if let ValueRef::Integer(n) = v {
                    prop_assert!(out.contains(&n.to_string()), "{n} was cut:\n{out}");
                }
            }
        }
    }
}

#[test]
fn index_names_are_never_cut() {
    let rows = [
        vec![
            ValueRef::Text(b"idx_talk_tags_tag_and_more"),
            ValueRef::Text(b"talk_tags"),
            ValueRef::Text(b"a b c d e f g h i j k l m n o p q r s t"),
        ],
        vec![ValueRef::Text(b"idx_talk_tags_talk_and_more"), ValueRef::Text(b"talk_tags"), ValueRef::Text(b"tag")],
    ];
    let out = render_cols(RenderContext { width: Some(60), ..ctx() }, &["name", "table", "columns"], &rows);
    assert!(widest(&out) <= 60, "{out}");
    assert!(out.contains("idx_talk_tags_tag_and_more ") && out.contains("idx_talk_tags_talk_and_more"), "{out}");
}

/// Columns and rows with everything a cell can be: NULLs, integers and reals (negative, wide),
/// text of one- and two-column characters, multi-line cells (one ending in a newline), an empty
/// string, a blob, and an empty column name over empty cells.
fn varied() -> (Vec<&'static str>, Vec<Vec<ValueRef<'static>>>) {
    let cols = vec!["id", "title", "", "score", "note\nsecond line", "blob"];
    let rows = vec![
        vec![
            ValueRef::Integer(1),
            ValueRef::Text("Grok the GIL — 日本語 🐍".as_bytes()),
            ValueRef::Text(b""),
            ValueRef::Real(2.5),
            ValueRef::Null,
            ValueRef::Blob(&[0, 255]),
        ],
        vec![
            ValueRef::Integer(-1_234_567_890),
            ValueRef::Null,
            ValueRef::Text(b""),
            ValueRef::Real(-0.125),
            ValueRef::Text("two\nlines é".as_bytes()),
            ValueRef::Null,
        ],
        vec![
            ValueRef::Null,
            ValueRef::Text(b"ends in a newline\n"),
            ValueRef::Text(b""),
            ValueRef::Integer(7),
            ValueRef::Text("三\n行\nの".as_bytes()),
            ValueRef::Text(b"x"),
        ],
    ];
    (cols, rows)
}

#[test]
fn the_terminal_and_pipe_drawers_draw_the_same_table() {
    let (cols, rows) = varied();
    for (style, border) in [Style::Ascii, Style::Unicode].into_iter().flat_map(|s| (0..3).map(move |b| (s, b))) {
        let pipe = RenderContext { style, border, ..ctx() };
        let terminal = RenderContext { width: Some(200), ..pipe.clone() };
        let (a, b) = (render_cols(terminal, &cols, &rows), render_cols(pipe, &cols, &rows));
        assert_eq!(a, b, "terminal:\n{a}\npipe:\n{b}");
        if border > 0 {
            assert!(a.contains("| <null> ") || a.contains("│ <null> "), "{a}");
            assert!(a.contains("-1234567890 |") || a.contains("-1234567890 │"), "{a}");
        }
    }
}

#[test]
fn both_drawers_colour_the_null_marker_and_only_it() {
    let (cols, rows) = varied();
    let pipe = RenderContext { palette: crate::engine::style::Palette::new(true), ..ctx() };
    let terminal = RenderContext { width: Some(200), ..pipe.clone() };
    let (a, b) = (render_cols(terminal, &cols, &rows), render_cols(pipe.clone(), &cols, &rows));
    for out in [&a, &b] {
        // Four NULLs and the footer: each painted, nothing else.
        assert_eq!(out.matches("<null>\x1b[").count(), 4, "{out:?}");
        assert_eq!(out.matches("\x1b[0m").count() + out.matches("\x1b[39m").count(), 5, "{out:?}");
    }
    assert_eq!(strip_ansi(&a), strip_ansi(&b));
    assert_eq!(strip_ansi(&b), render_cols(ctx(), &cols, &rows));
}

/// `s` without its SGR colour codes.
fn strip_ansi(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find("\x1b[") {
        out.push_str(&rest[..i]);
        rest = rest[i..].split_once('m').map_or("", |(_, after)| after);
    }
    out.push_str(rest);
    out
}

#[test]
fn chunks_of_the_terminal_drawer_join_without_seams() {
    // More rows than one chunk holds, and one row taller than a chunk.
    let tall = (0..700).map(|i| format!("line {i}")).collect::<Vec<_>>().join("\n");
    let mut rows: Vec<Vec<ValueRef<'_>>> =
        (0..600).map(|i| vec![ValueRef::Integer(i), ValueRef::Text(b"short")]).collect();
    rows.insert(300, vec![ValueRef::Null, ValueRef::Text(tall.as_bytes())]);
    for (style, border) in [Style::Ascii, Style::Unicode].into_iter().flat_map(|s| (0..3).map(move |b| (s, b))) {
        let pipe = RenderContext { style, border, ..ctx() };
        let terminal = RenderContext { width: Some(80), ..pipe.clone() };
        let out = render(terminal, &rows);
        assert_eq!(out, render(pipe, &rows));
        // The names and their rule, the frame's top and bottom rules at border 2.
        let frame = if border == 2 { 4 } else { 2 };
        assert_eq!(out.lines().count(), frame + 600 + 700 + 1, "{style:?} {border}");
    }
}
