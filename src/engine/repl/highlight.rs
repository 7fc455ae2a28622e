//! Colouring the line being typed: SQL by token (keywords, strings, numbers, comments,
//! identifiers), backslash commands by word, and the bracket matching the one at the cursor.
//! Colours come from `style::Palette`; with colour off the line is returned untouched.

use crate::engine::complete::keywords::is_keyword;
use crate::engine::sql::lexer::{Kind, Token, tokenize};
use crate::engine::style::{Palette, Role};

/// `text[from..]` painted, where `text[..from]` is earlier lines of the same statement (so a
/// string opened on a previous line is still a string here). `cursor` is a byte offset in `text`;
/// with `brackets`, the bracket at or before it and its partner are marked.
pub fn highlight(text: &str, from: usize, cursor: usize, palette: &Palette, brackets: bool) -> String {
    if !palette.enabled {
        return text[from..].to_string();
    }
    if text.trim_start().starts_with(['\\', '.']) {
        return command(&text[from..], palette);
    }
    let toks = tokenize(text);
    let marked = if brackets { matching_brackets(&toks, text, cursor) } else { None };
    let mut out = String::with_capacity(text.len() * 2);
    for (i, t) in toks.iter().enumerate() {
        if t.end <= from {
            continue;
        }
        let piece = &text[t.start.max(from)..t.end];
        let role = match t.kind {
            Kind::Word if is_keyword(t.text(text)) => Some(Role::Keyword),
            Kind::Word | Kind::QuotedIdent | Kind::Param => Some(Role::Identifier),
            Kind::String => Some(Role::String),
            Kind::Number => Some(Role::Number),
            Kind::LineComment | Kind::BlockComment => Some(Role::Comment),
            Kind::Punct if marked.is_some_and(|(a, b)| i == a || i == b) => Some(Role::Bracket),
            _ => None,
        };
        match role {
            Some(r) => out.push_str(&palette.paint(r, piece)),
            None => out.push_str(piece),
        }
    }
    out
}

/// A command line: the command word, then quoted arguments as strings.
fn command(line: &str, palette: &Palette) -> String {
    let lead = line.len() - line.trim_start().len();
    let name_end = line[lead..].find(char::is_whitespace).map_or(line.len(), |n| lead + n);
    let mut out = String::from(&line[..lead]);
    out.push_str(&palette.paint(Role::Command, &line[lead..name_end]));
    let rest = &line[name_end..];
    let mut quote: Option<char> = None;
    let mut run = String::new();
    for c in rest.chars() {
        match quote {
            None if c == '\'' || c == '"' => {
                out.push_str(&std::mem::take(&mut run));
                quote = Some(c);
                run.push(c);
            }
            Some(q) if c == q => {
                run.push(c);
                out.push_str(&palette.paint(Role::String, &std::mem::take(&mut run)));
                quote = None;
            }
            _ => run.push(c),
        }
    }
    if quote.is_some() {
        out.push_str(&palette.paint(Role::String, &run));
    } else {
        out.push_str(&run);
    }
    out
}

/// Token indexes of the bracket just before or under the cursor and its partner.
fn matching_brackets(toks: &[Token], text: &str, cursor: usize) -> Option<(usize, usize)> {
    let is = |i: usize, s: &str| toks[i].kind == Kind::Punct && toks[i].text(text) == s;
    let at = toks
        .iter()
        .position(|t| t.start == cursor && t.kind == Kind::Punct && matches!(t.text(text), "(" | ")"))
        .or_else(|| {
            toks.iter().position(|t| t.end == cursor && t.kind == Kind::Punct && matches!(t.text(text), "(" | ")"))
        })?;
    let mut depth = 0i32;
    if is(at, "(") {
        for j in at..toks.len() {
            depth += i32::from(is(j, "(")) - i32::from(is(j, ")"));
            if depth == 0 {
                return Some((at, j));
            }
        }
    } else {
        for j in (0..=at).rev() {
            depth += i32::from(is(j, ")")) - i32::from(is(j, "("));
            if depth == 0 {
                return Some((j, at));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use crate::engine::repl::highlight::*;

    fn strip(s: &str) -> String {
        let mut out = String::new();
        let mut esc = false;
        for c in s.chars() {
            match (esc, c) {
                (false, '\x1b') => esc = true,
                (true, 'm') => esc = false,
                (false, c) => out.push(c),
                _ => {}
            }
        }
        out
    }

    #[test]
    fn roles_follow_tokens_and_width_is_kept() {
        let p = Palette::new(true);
        let src = "select 'a', 42, x -- c";
        let out = highlight(src, 0, src.len(), &p, true);
        assert_eq!(strip(&out), src, "only escapes are added");
        assert!(out.contains(&p.paint(Role::Keyword, "select")));
        assert!(out.contains(&p.paint(Role::String, "'a'")));
        assert!(out.contains(&p.paint(Role::Number, "42")));
        assert!(out.contains(&p.paint(Role::Comment, "-- c")));
        assert!(!out.contains(&p.paint(Role::Keyword, "x")));
    }

    #[test]
    fn no_colour_means_no_escapes() {
        let src = "select (1)";
        assert_eq!(highlight(src, 0, 8, &Palette::new(false), true), src);
    }

    #[test]
    fn the_partner_bracket_is_marked() {
        let p = Palette::new(true);
        let src = "select max((1), 2)";
        let out = highlight(src, 0, src.len(), &p, true);
        assert_eq!(out.matches(&p.paint(Role::Bracket, "(")).count(), 1);
        assert_eq!(out.matches(&p.paint(Role::Bracket, ")")).count(), 1);
        assert!(out.starts_with(&format!("{} max{}", p.paint(Role::Keyword, "select"), p.paint(Role::Bracket, "("))));
        assert!(!highlight(src, 0, 3, &p, true).contains(&p.paint(Role::Bracket, "(")));
    }

    #[test]
    fn continuation_lines_keep_the_context_of_earlier_lines() {
        let p = Palette::new(true);
        let text = "select 'one\ntwo' from t";
        let out = highlight(text, 12, text.len(), &p, false);
        assert!(out.starts_with(&p.paint(Role::String, "two'")), "{out:?}");
    }

    #[test]
    fn commands_are_painted_by_word() {
        let p = Palette::new(true);
        let out = highlight("\\speaker 'Ned B", 0, 0, &p, false);
        assert_eq!(out, format!("{} {}", p.paint(Role::Command, "\\speaker"), p.paint(Role::String, "'Ned B")));
    }
}
