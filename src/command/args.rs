//! Splits a backslash command line into words, shell-style: quotes group words, a backslash
//! escapes the next character inside double quotes, and the raw rest of the line stays available
//! for commands that take free text (`\search`, `\fs NAME QUERY`).

/// A parsed command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invocation {
    /// The command word as typed, e.g. `\dt` or `.tables`.
    pub name: String,
    /// Arguments after quote removal.
    pub args: Vec<String>,
    /// Everything after the command word, trimmed, quotes untouched.
    pub rest: String,
    /// Typed with a trailing `+` (`\talk+ 283`): print the SQL the command runs first.
    pub show_sql: bool,
}

/// Parses `line`; `Err` names an unterminated quote.
pub fn parse(line: &str) -> Result<Invocation, String> {
    let line = line.trim();
    let name_end = line.find(char::is_whitespace).unwrap_or(line.len());
    let name = line[..name_end].to_string();
    let rest = line[name_end..].trim().to_string();
    Ok(Invocation { name, args: words(&rest)?, rest, show_sql: false })
}

/// The command word and the raw rest, without word splitting: for commands that take free text
/// (`\search`), where an unbalanced quote is theirs to judge.
pub fn parse_raw(line: &str) -> Invocation {
    let line = line.trim();
    let name_end = line.find(char::is_whitespace).unwrap_or(line.len());
    Invocation {
        name: line[..name_end].to_string(),
        args: Vec::new(),
        rest: line[name_end..].trim().to_string(),
        show_sql: false,
    }
}

/// Shell-like word splitting.
pub fn words(s: &str) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut in_word = false;
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        match c {
            '\'' | '"' => {
                in_word = true;
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
                    out.push(std::mem::take(&mut cur));
                    in_word = false;
                }
            }
            c => {
                in_word = true;
                cur.push(c);
            }
        }
    }
    if in_word {
        out.push(cur);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let inv = parse(r#"\fs recent  select * from talks where year = $1"#).expect("parse");
        assert_eq!(inv.name, r"\fs");
        assert_eq!(inv.rest, "recent  select * from talks where year = $1");
        assert_eq!(inv.args[0], "recent");
    }
}
