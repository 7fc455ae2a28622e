//! Splits a backslash command line into words, shell-style: quotes group words, a backslash
//! escapes the next character inside double quotes, and the raw rest of the line stays available
//! for commands that take free text (`\search`, `\fs NAME QUERY`).

use crate::engine::command::arg_spec::Bound;

/// How a command takes its arguments (a field of its declaration).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Takes {
    /// Shell-like words: quotes group, an unterminated quote is an error.
    Words,
    /// Free text: the raw rest of the line is what counts (`\search "a phrase`, `\fs NAME QUERY`);
    /// words are split too, when the quotes allow it.
    Text,
}

/// A parsed command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invocation {
    /// The command word as typed, e.g. `\dt` or `.tables`.
    pub name: String,
    /// Arguments after quote removal.
    pub args: Vec<String>,
    /// For each argument, whether any part of it was quoted (`\f q '7'` passes text, not a
    /// number): the parser's knowledge, so no command splits the line again.
    pub quoted: Vec<bool>,
    /// Everything after the command word, trimmed, quotes untouched.
    pub rest: String,
    /// Typed with a trailing `+` (`\talk+ 283`): print the SQL the command runs first.
    pub show_sql: bool,
    /// The command's usage line (`usage: \dt [PATTERN]`), for its errors.
    pub usage: String,
    /// The words bound to the declaration's pieces, checked before the handler runs (commands
    /// that take words; free text is the handler's to read).
    pub bound: Bound,
}

impl Invocation {
    /// The line `name rest` split into `words` (each with whether it was quoted), not yet bound.
    pub fn new(name: &str, rest: &str, words: Vec<(String, bool)>) -> Self {
        let (args, quoted) = words.into_iter().unzip();
        Invocation {
            name: name.to_string(),
            args,
            quoted,
            rest: rest.to_string(),
            show_sql: false,
            usage: String::new(),
            bound: Bound::default(),
        }
    }

    /// The free-text argument of `\talk`, `\speaker` and `\tag`: the words, or the raw rest of
    /// the line when it holds a lone apostrophe (`\speaker O'Connor`) that word splitting cannot
    /// take.
    pub fn free_text(&self) -> String {
        if self.args.is_empty() { self.rest.clone() } else { self.args.join(" ") }
    }
}

/// The command word and the rest of `line`, both trimmed.
pub fn split_name(line: &str) -> (&str, &str) {
    let line = line.trim();
    let name_end = line.find(char::is_whitespace).unwrap_or(line.len());
    (&line[..name_end], line[name_end..].trim())
}

/// Parses `line` for a command that takes its arguments as `takes` says; `Err` names an
/// unterminated quote (never for `Takes::Text`).
pub fn parse(line: &str, takes: Takes) -> Result<Invocation, String> {
    let (name, rest) = split_name(line);
    let words = match (quoted_words(rest), takes) {
        (Ok(words), _) => words,
        (Err(_), Takes::Text) => Vec::new(),
        (Err(e), Takes::Words) => return Err(e),
    };
    Ok(Invocation::new(name, rest, words))
}

/// Shell-like word splitting.
pub fn words(s: &str) -> Result<Vec<String>, String> {
    Ok(quoted_words(s)?.into_iter().map(|(w, _)| w).collect())
}

/// Shell-like word splitting, each word with whether any part of it was quoted.
fn quoted_words(s: &str) -> Result<Vec<(String, bool)>, String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let (mut in_word, mut quoted) = (false, false);
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        match c {
            '\'' | '"' => {
                (in_word, quoted) = (true, true);
                loop {
                    match chars.next() {
                        Some(q) if q == c => break,
                        Some('\\') if c == '"' => match chars.next() {
                            Some(e) => cur.push(e),
                            None => return Err(format!("unterminated {c} quote")),
                        },
                        Some(other) => cur.push(other),
                        None => return Err(format!("unterminated {c} quote")),
                    }
                }
            }
            c if c.is_whitespace() => {
                if in_word {
                    out.push((std::mem::take(&mut cur), quoted));
                    (in_word, quoted) = (false, false);
                }
            }
            c => {
                in_word = true;
                cur.push(c);
            }
        }
    }
    if in_word {
        out.push((cur, quoted));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use crate::engine::command::words::*;

    #[test]
    fn table_of_cases() {
        let cases: &[(&str, &[&str])] = &[
            ("", &[]),
            ("a b  c", &["a", "b", "c"]),
            ("'Ned Batchelder'", &["Ned Batchelder"]),
            ("\"say \\\"hi\\\"\" x", &["say \"hi\"", "x"]),
            ("it''s", &["its"]),
            ("''", &[""]),
            ("a'b c'd", &["ab cd"]),
        ];
        for (src, want) in cases {
            let got = words(src).expect("parses");
            assert_eq!(got, *want, "{src:?}");
        }
        assert_eq!(words("'open").unwrap_err(), "unterminated ' quote");
    }

    #[test]
    fn parse_keeps_the_raw_rest() {
        let inv = parse(r#"\fs recent  select * from talks where year = $1"#, Takes::Text).expect("parse");
        assert_eq!(inv.name, r"\fs");
        assert_eq!(inv.rest, "recent  select * from talks where year = $1");
        assert_eq!(inv.args[0], "recent");
    }

    #[test]
    fn quoting_is_kept_per_word() {
        let inv = parse(r#"\f q 7 '7' a"b" "#, Takes::Words).expect("parse");
        assert_eq!(inv.args, ["q", "7", "7", "ab"]);
        assert_eq!(inv.quoted, [false, false, true, true]);
    }

    #[test]
    fn free_text_forgives_an_open_quote() {
        let inv = parse(r#"\search "open phrase"#, Takes::Text).expect("text");
        assert!(inv.args.is_empty());
        assert_eq!(inv.rest, r#""open phrase"#);
        assert_eq!(parse(r#"\dt "open"#, Takes::Words).unwrap_err(), "unterminated \" quote");
    }
}
