//! The statement line with a caret under the error position, as psql and sqlite3 3.42+ print it:
//!
//! ```text
//! LINE 2:   id, nope
//!               ^
//! ```
//! Pure text in, text out. Long lines are cut to a window around the caret with `...` at the cut
//! ends; tabs become spaces and control characters are escaped so the caret stays aligned.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::engine::render::escape_controls;

/// Widest line shown, prefix included, so it fits an 80-column terminal.
const WIDTH: usize = 78;

/// The line of `text` holding byte offset `pos`, and a caret line under it. Lines are numbered
/// from `first_line` (the line `text` starts on in its file, 1 at the prompt).
pub(crate) fn caret(text: &str, pos: usize, first_line: usize) -> [String; 2] {
    let mut pos = floor_boundary(text, pos.min(text.len()));
    // An error at the very end (after a newline or trailing spaces) belongs to the last word.
    if text[pos..].trim().is_empty() {
        let end = text[..pos].trim_end().len();
        if end < pos && end > 0 {
            pos = floor_boundary(text, end - 1);
        }
    }
    let start = text[..pos].rfind('\n').map_or(0, |i| i + 1);
    let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
    let line_no = first_line + text[..start].matches('\n').count();
    let clean = |s: &str| escape_controls(&s.replace(['\t', '\r'], " "));
    let before: Vec<char> = clean(&text[start..pos]).chars().collect();
    let after: Vec<char> = clean(text[pos..end].trim_end()).chars().collect();

    let prefix = format!("LINE {line_no}: ");
    let budget = WIDTH.saturating_sub(prefix.width()).max(20);
    // Widths are summed per character once, so cutting a long line is linear in its length.
    let char_width = |c: &char| UnicodeWidthChar::width(*c).unwrap_or(0);
    let width = |cs: &[char]| cs.iter().map(char_width).sum::<usize>();
    // Keep the caret about a third in from the left when the line must be cut.
    let (mut left, mut right): (&[char], &[char]) = (&before, &after);
    let (mut cut_left, mut cut_right) = (false, false);
    if width(left) + width(right) > budget {
        let budget = budget - 6; // room for the two "..."
        let mut left_width = width(left);
        while left_width > budget / 3 && !left.is_empty() {
            left_width -= char_width(&left[0]);
            left = &left[1..];
            cut_left = true;
        }
        let room = budget.saturating_sub(left_width);
        let mut right_width = width(right);
        while right_width > room && !right.is_empty() {
            right_width -= char_width(&right[right.len() - 1]);
            right = &right[..right.len() - 1];
            cut_right = true;
        }
    }
    let shown_left: String =
        if cut_left { format!("...{}", left.iter().collect::<String>()) } else { left.iter().collect() };
    let shown_right: String = right.iter().collect();
    let tail = if cut_right { "..." } else { "" };
    [
        format!("{prefix}{shown_left}{shown_right}{tail}").trim_end().to_string(),
        format!("{}^", " ".repeat(prefix.width() + shown_left.width())),
    ]
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use crate::engine::diagnose::caret::*;

    fn shown(text: &str, pos: usize, first: usize) -> String {
        caret(text, pos, first).join("\n")
    }

    #[test]
    fn the_caret_sits_under_the_error_position() {
        assert_eq!(shown("select titel from talks;", 7, 1), "LINE 1: select titel from talks;\n               ^");
    }

    #[test]
    fn only_the_line_of_the_error_is_shown_numbered_from_the_first_line() {
        let sql = "select\n  id, nope\n  from talks;";
        let pos = sql.find("nope").expect("nope");
        assert_eq!(shown(sql, pos, 1), "LINE 2:   id, nope\n              ^");
        assert_eq!(shown(sql, pos, 40), "LINE 41:   id, nope\n               ^");
    }

    #[test]
    fn wide_characters_tabs_and_controls_keep_the_caret_aligned() {
        let sql = "select '日本', \tnope";
        let pos = sql.find("nope").expect("nope");
        // Each CJK character is two columns wide; the tab shows as one space.
        assert_eq!(shown(sql, pos, 1), "LINE 1: select '日本',  nope\n                        ^");
        let sql = "select '\x1b[31m', nope";
        let pos = sql.find("nope").expect("nope");
        let [line, mark] = caret(sql, pos, 1);
        assert!(!line.contains('\x1b'), "{line:?}");
        assert_eq!(mark.len() - 1, line.find("nope").expect("shown"), "{line}\n{mark}");
    }

    #[test]
    fn an_error_at_the_end_points_at_the_last_word() {
        let sql = "select 1 +\n";
        assert_eq!(shown(sql, sql.len(), 1), "LINE 1: select 1 +\n                 ^");
    }

    #[test]
    fn long_lines_are_cut_around_the_caret() {
        let sql = format!("select {} from talks where nope = 1 and {};", "a, ".repeat(40), "b = 2 and ".repeat(20));
        let pos = sql.find("nope").expect("nope");
        let [line, mark] = caret(&sql, pos, 1);
        assert!(line.width() <= WIDTH, "{line}");
        assert!(line.starts_with("LINE 1: ...") && line.ends_with("..."), "{line}");
        assert_eq!(&line[mark.len() - 1..mark.len() + 3], "nope", "{line}\n{mark}");
    }

    #[test]
    fn offsets_out_of_range_or_inside_a_character_do_not_panic() {
        assert_eq!(caret("select 'é'", 9, 1)[0], "LINE 1: select 'é'");
        assert_eq!(caret("", 5, 1), ["LINE 1:".to_string(), "        ^".to_string()]);
    }
}
