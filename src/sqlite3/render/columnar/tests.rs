use rusqlite::types::ValueRef;

use crate::engine::render::rendered;
use crate::sqlite3::render::columnar::*;

fn ctx(mode: Mode, widths: &[i64]) -> RenderContext {
    RenderContext {
        columnar: Some(Columnar { mode, wrap: 60, word_wrap: false, quote: false }),
        widths: widths.to_vec(),
        ..RenderContext::plain()
    }
}

fn sample() -> Vec<Vec<ValueRef<'static>>> {
    vec![vec![ValueRef::Integer(1), ValueRef::Text(b"xyz"), ValueRef::Null, ValueRef::Real(2.5)]]
}

fn draw(mode: Mode, widths: &[i64], rows: &[Vec<ValueRef<'_>>]) -> String {
    rendered(&mut ColumnarRenderer::new(ctx(mode, widths)), &["a", "bb", "c", "d"], rows)
}

#[test]
fn the_four_modes_print_what_sqlite3_prints() {
    assert_eq!(
        draw(Mode::Box, &[], &sample()),
        "┌───┬─────┬───┬─────┐\n│ a │ bb  │ c │  d  │\n├───┼─────┼───┼─────┤\n│ 1 │ xyz │   │ 2.5 │\n└───┴─────┴───┴─────┘\n"
    );
    assert_eq!(
        draw(Mode::Table, &[], &sample()),
        "+---+-----+---+-----+\n| a | bb  | c |  d  |\n+---+-----+---+-----+\n| 1 | xyz |   | 2.5 |\n+---+-----+---+-----+\n"
    );
    assert_eq!(draw(Mode::Column, &[], &sample()), "a  bb   c  d  \n-  ---  -  ---\n1  xyz     2.5\n");
    assert_eq!(
        draw(Mode::Markdown, &[], &sample()),
        "| a | bb  | c |  d  |\n|---|-----|---|-----|\n| 1 | xyz |   | 2.5 |\n"
    );
}

#[test]
fn no_rows_print_nothing_not_even_headers() {
    assert_eq!(draw(Mode::Box, &[], &[]), "");
}

#[test]
fn widths_pad_wrap_and_right_align() {
    let rows = vec![vec![ValueRef::Integer(1), ValueRef::Text(b"abcdefg"), ValueRef::Null, ValueRef::Integer(7)]];
    assert_eq!(
        draw(Mode::Column, &[3, 4, 0, -5], &rows),
        "a    bb    c      d\n---  ----  -  -----\n1    abcd         7\n     efg           \n"
    );
}

#[test]
fn line_breaks_and_tabs_become_lines_and_spaces() {
    let rows = vec![
        vec![ValueRef::Text(b"one\ntwo"), ValueRef::Text(b"a\tb")],
        vec![ValueRef::Text(b"x\r\n"), ValueRef::Text(b"\x1b[31m")],
    ];
    let out = rendered(&mut ColumnarRenderer::new(ctx(Mode::Table, &[])), &["p", "q"], &rows);
    assert_eq!(
        out,
        "+-----+-----------+\n|  p  |     q     |\n+-----+-----------+\n| one | a       b |\n| two |           |\n+-----+-----------+\n| x   |           |\n|     | [31m      |\n+-----+-----------+\n"
    );
}

#[test]
fn on_a_terminal_controls_sqlite3_would_pass_are_shown_escaped() {
    let rows = vec![vec![ValueRef::Text("\u{9b}2J\u{7f}".as_bytes())]];
    let piped = rendered(&mut ColumnarRenderer::new(ctx(Mode::Box, &[])), &["c"], &rows);
    assert!(piped.contains("\u{9b}2J\u{7f}"), "a pipe gets sqlite3's bytes: {piped:?}");
    let c = RenderContext { to_terminal: true, ..ctx(Mode::Box, &[]) };
    let shown = rendered(&mut ColumnarRenderer::new(c), &["c"], &rows);
    assert!(!shown.contains('\u{9b}') && !shown.contains('\u{7f}'), "{shown:?}");
    assert!(shown.contains("2J"), "{shown:?}");
}
