//! Text for human eyes: the one function that makes data safe to show on a terminal, and the
//! width tools (cut to a width, wrap at word boundaries with a hanging indent) every human format
//! shares. All of it is linear in the text, so a 600,000-character cell costs what it weighs.

use unicode_width::UnicodeWidthChar;

/// Display width of `s` in terminal columns (CJK and emoji count two).
pub fn display_width(s: &str) -> usize {
    if s.is_ascii() {
        return s.len();
    }
    unicode_width::UnicodeWidthStr::width(s)
}

fn char_width(c: char) -> usize {
    if c.is_ascii() { 1 } else { c.width().unwrap_or(0) }
}

/// True for characters that would drive a terminal or reorder what it shows: C0 controls (but
/// newline), DEL, C1 controls (U+0080–U+009F, among them CSI U+009B) and the bidirectional
/// marks, embeddings, overrides and isolates.
fn is_unsafe(c: char) -> bool {
    matches!(c,
        '\0'..='\x09' | '\x0b'..='\x1f' | '\x7f'..='\u{9f}'
        | '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Replaces control characters and bidi controls with visible escapes (`\e`, `\x07`,
/// `\u{9b}`, `\u{202e}`); newlines stay, for multi-line cells. Every writer of human-facing text
/// that may hold data (results, cards, messages, completion lists) goes through this.
pub fn escape_controls(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_escaped(&mut out, s);
    out
}

/// `escape_controls`, appending to `out` (no allocation of its own).
pub fn push_escaped(out: &mut String, s: &str) {
    // Fast path: only bytes below 0x20, DEL, and the lead bytes of the unsafe characters above
    // 0x7f (C2: C1 controls, D8: U+061C, E2: the U+20xx marks) can start something to escape.
    // F4: bytes that are not UTF-8, carried as escapes (see `rawtext`), shown as `\xe9`.
    if !s.bytes().any(|b| (b < 0x20 && b != b'\n') || b == 0x7f || b == 0xc2 || b == 0xd8 || b == 0xe2 || b == 0xf4) {
        out.push_str(s);
        return;
    }
    for c in s.chars() {
        if let Some(b) = crate::engine::rawtext::byte_of(c) {
            out.push_str(&format!("\\x{b:02x}"));
            continue;
        }
        if !is_unsafe(c) {
            out.push(c);
            continue;
        }
        match c {
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\x1b' => out.push_str("\\e"),
            c if (c as u32) < 0x80 => out.push_str(&format!("\\x{:02x}", c as u32)),
            c => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
        }
    }
}

/// The longest prefix of `s` at most `width` columns wide, and its width.
fn prefix(s: &str, width: usize) -> (&str, usize) {
    let mut used = 0;
    for (i, c) in s.char_indices() {
        let w = char_width(c);
        if used + w > width {
            return (&s[..i], used);
        }
        used += w;
    }
    (s, used)
}

/// `s` split where its first `width` columns end.
pub fn split_at_width(s: &str, width: usize) -> (&str, &str) {
    let n = prefix(s, width).0.len();
    s.split_at(n)
}

/// `s` (one line) cut to `width` columns, ending in `…` when anything was cut.
pub fn truncate(s: &str, width: usize) -> String {
    let (head, _) = prefix(s, width);
    if head.len() == s.len() {
        return s.to_string();
    }
    if width == 0 {
        return String::new();
    }
    let (head, _) = prefix(s, width - 1);
    format!("{head}…")
}

/// `s` (one line) broken into lines of at most `width` columns, at spaces where it can be and
/// inside a word only when the word alone is wider than `width`.
pub fn wrap(s: &str, width: usize) -> Vec<&str> {
    wrap_lines(s, width, false)
}

/// Like `wrap`, for prose (help, a talk's card): a link wider than the line is never cut but
/// stays whole on a line of its own, so the terminal still sees (and opens) one link.
pub fn wrap_prose(s: &str, width: usize) -> Vec<&str> {
    wrap_lines(s, width, true)
}

fn is_link(word: &str) -> bool {
    word.starts_with("https://") || word.starts_with("http://")
}

fn wrap_lines(s: &str, width: usize, keep_links: bool) -> Vec<&str> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut rest = s;
    loop {
        if display_width_at_most(rest, width) {
            lines.push(rest);
            return lines;
        }
        let (head, _) = prefix(rest, width);
        // The next char after `head` is a space: the whole of `head` fits as a line.
        let cut = if rest[head.len()..].starts_with(' ') {
            head.len()
        } else {
            let word_at = head.rfind(' ').map_or(0, |i| i + 1);
            let word = rest[word_at..].split(' ').next().unwrap_or("");
            match head.rfind(' ') {
                // A link that would be cut goes whole onto the next line.
                Some(i) if i > 0 && keep_links && is_link(word) => i,
                _ if keep_links && word_at == 0 && is_link(word) => word.len(),
                Some(i) if i > 0 => i,
                // One word wider than the line (or a leading space): cut inside it.
                _ => head.len().max(rest.chars().next().map_or(1, char::len_utf8)),
            }
        };
        lines.push(rest[..cut].trim_end_matches(' '));
        rest = rest[cut..].trim_start_matches(' ');
        if rest.is_empty() {
            return lines;
        }
    }
}

/// True when `s` is at most `width` columns, without measuring all of a long `s`.
fn display_width_at_most(s: &str, width: usize) -> bool {
    if s.len() <= width {
        return true;
    }
    prefix(s, width).0.len() == s.len()
}

/// `first` (a lead `indent` columns wide, possibly painted) followed by `text` wrapped to `width`
/// columns; continuation lines start with `indent` spaces (a hanging indent). Each line ends in a
/// newline; newlines inside `text` start new lines. `text` is escaped here: it is data.
pub fn hanging(first: &str, text: &str, indent: usize, width: Option<usize>) -> String {
    let text = escape_controls(text);
    let mut out = String::new();
    let room = width.map(|w| w.saturating_sub(indent).max(10));
    for (n, line) in text.split('\n').enumerate() {
        let pieces = match room {
            Some(room) => wrap_prose(line, room),
            None => vec![line],
        };
        for (i, piece) in pieces.iter().enumerate() {
            if n == 0 && i == 0 {
                out.push_str(first);
            } else {
                out.extend(std::iter::repeat_n(' ', indent));
            }
            out.push_str(piece);
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::engine::render::text::*;

    #[test]
    fn control_characters_are_escaped() {
        assert_eq!(escape_controls("a\x1b[31mred\x07"), "a\\e[31mred\\x07");
        assert_eq!(escape_controls("tab\there\r\n"), "tab\\there\\r\n");
        assert_eq!(escape_controls("\u{9b}x\u{85}"), "\\u{9b}x\\u{85}");
        assert_eq!(escape_controls("del\x7f"), "del\\x7f");
        assert_eq!(escape_controls("plain é 日本 — “q” €"), "plain é 日本 — “q” €");
    }

    #[test]
    fn bidi_controls_are_escaped() {
        assert_eq!(escape_controls("abc\u{202e}fed"), "abc\\u{202e}fed");
        assert_eq!(escape_controls("\u{2066}x\u{2069}\u{200f}\u{61c}"), "\\u{2066}x\\u{2069}\\u{200f}\\u{61c}");
    }

    #[test]
    fn truncation_keeps_the_width_and_marks_the_cut() {
        assert_eq!(truncate("hello world", 20), "hello world");
        assert_eq!(truncate("hello world", 6), "hello…");
        assert_eq!(truncate("日本語です", 5), "日本…");
        assert_eq!(truncate("abc", 0), "");
    }

    #[test]
    fn wrapping_breaks_at_spaces_and_long_words_only_when_needed() {
        assert_eq!(wrap("the quick brown fox", 10), ["the quick", "brown fox"]);
        assert_eq!(wrap("abcdefghijkl mn", 5), ["abcde", "fghij", "kl mn"]);
        assert_eq!(wrap("short", 10), ["short"]);
        assert_eq!(wrap("", 10), [""]);
        for line in wrap("日本語のタイトル and more words here", 7) {
            assert!(display_width(line) <= 7, "{line}");
        }
    }

    #[test]
    fn prose_never_cuts_a_link() {
        let url = "https://www.youtube.com/watch?v=7SSYhuk5hmc";
        assert_eq!(wrap_prose(url, 20), [url], "alone and too long: whole, on its line");
        assert_eq!(wrap_prose(&format!("see {url} now"), 20), ["see", url, "now"]);
        assert_eq!(wrap_prose("a plain longword here", 6), ["a", "plain", "longwo", "rd", "here"]);
        let out = hanging("  video      ", url, 13, Some(40));
        assert_eq!(out, format!("  video      {url}\n"));
    }

    #[test]
    fn hanging_indent_under_the_label() {
        let out = hanging("  tags       ", "python, testing, web frameworks, packaging", 13, Some(30));
        assert_eq!(out, "  tags       python, testing,\n             web frameworks,\n             packaging\n");
    }

    #[test]
    fn linear_on_a_huge_line() {
        let big = "word ".repeat(120_000);
        let started = std::time::Instant::now();
        let lines = wrap(&big, 70);
        assert!(lines.len() > 8000);
        assert_eq!(truncate(&big, 10), "word word…");
        assert!(started.elapsed() < std::time::Duration::from_secs(2));
    }
}
