//! A small SQLite lexer: just enough structure for splitting, completion and highlighting.
//!
//! It never fails: unterminated strings and comments become tokens flagged `unterminated`, so every
//! consumer sees the whole input. Token boundaries follow SQLite's own tokenizer closely enough that
//! the completeness rule in `split.rs` gives the same answers as `sqlite3_complete`.

/// What a token is. Keywords are not told apart from identifiers here: that depends on context.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Spaces, tabs, newlines, form feeds.
    Space,
    /// `-- …` up to (not including) the newline.
    LineComment,
    /// `/* … */`.
    BlockComment,
    /// `'…'`, also `x'…'` blob literals.
    String,
    /// `"…"`, `` `…` `` or `[…]`.
    QuotedIdent,
    /// A bare word: keyword or identifier (letters, digits, `_`, `$`, non-ASCII).
    Word,
    /// A numeric literal.
    Number,
    /// `?`, `?NNN`, `:name`, `@name`, `$name`.
    Param,
    /// `;`.
    Semi,
    /// Any other operator or punctuation, one or two characters.
    Punct,
}

/// One token: its kind and the byte range it covers in the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub kind: Kind,
    pub start: usize,
    pub end: usize,
    /// A string, quoted identifier or comment that runs to the end of the input (for a line
    /// comment: no newline yet).
    pub unterminated: bool,
}

impl Token {
    pub fn text<'a>(&self, src: &'a str) -> &'a str {
        &src[self.start..self.end]
    }

    /// Whitespace and comments: tokens that carry no meaning for the parser.
    pub fn is_trivia(&self) -> bool {
        matches!(self.kind, Kind::Space | Kind::LineComment | Kind::BlockComment)
    }
}

/// Characters SQLite accepts inside a bare identifier (its `IdChar`): any byte ≥ 0x80 counts.
pub fn is_id_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '$' || !c.is_ascii()
}

fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0c')
}

/// Splits `src` into tokens that cover it completely, in order.
pub fn tokenize(src: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let bytes = src.as_bytes();
    let mut i = 0;
    while i < src.len() {
        let c = src[i..].chars().next().unwrap_or('\0');
        let start = i;
        let mut unterminated = false;
        let kind = if is_space(c) {
            i += 1;
            while i < bytes.len() && is_space(bytes[i] as char) {
                i += 1;
            }
            Kind::Space
        } else if c == '-' && bytes.get(i + 1) == Some(&b'-') {
            // A line comment the input ends inside is unfinished: the newline may still come.
            match src[i..].find('\n') {
                Some(n) => i += n,
                None => {
                    i = src.len();
                    unterminated = true;
                }
            }
            Kind::LineComment
        } else if c == '/' && bytes.get(i + 1) == Some(&b'*') {
            match src[i + 2..].find("*/") {
                Some(n) => i += 2 + n + 2,
                None => {
                    i = src.len();
                    unterminated = true;
                }
            }
            Kind::BlockComment
        } else if c == '\'' {
            (i, unterminated) = scan_quoted(src, i, b'\'');
            Kind::String
        } else if (c == 'x' || c == 'X') && bytes.get(i + 1) == Some(&b'\'') {
            (i, unterminated) = scan_quoted(src, i + 1, b'\'');
            Kind::String
        } else if c == '"' || c == '`' {
            (i, unterminated) = scan_quoted(src, i, c as u8);
            Kind::QuotedIdent
        } else if c == '[' {
            match src[i + 1..].find(']') {
                Some(n) => i += 1 + n + 1,
                None => {
                    i = src.len();
                    unterminated = true;
                }
            }
            Kind::QuotedIdent
        } else if c.is_ascii_digit() || (c == '.' && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)) {
            i = scan_number(src, i);
            Kind::Number
        } else if c == '?' {
            i += 1;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
            Kind::Param
        } else if matches!(c, ':' | '@' | '$') && src[i + 1..].chars().next().is_some_and(is_id_char) {
            i += 1;
            i = scan_word(src, i);
            Kind::Param
        } else if is_id_char(c) {
            i = scan_word(src, i);
            Kind::Word
        } else if c == ';' {
            i += 1;
            Kind::Semi
        } else {
            let two = src.get(i..i + 2).unwrap_or("");
            i += if matches!(two, "<=" | ">=" | "<>" | "!=" | "==" | "||" | "<<" | ">>" | "->") {
                2
            } else {
                c.len_utf8()
            };
            Kind::Punct
        };
        out.push(Token { kind, start, end: i, unterminated });
    }
    out
}

/// Scans a quoted run starting at the opening quote; a doubled quote is an escaped quote.
fn scan_quoted(src: &str, open: usize, quote: u8) -> (usize, bool) {
    let bytes = src.as_bytes();
    let mut i = open + 1;
    while i < bytes.len() {
        if bytes[i] == quote {
            if bytes.get(i + 1) == Some(&quote) {
                i += 2;
                continue;
            }
            return (i + 1, false);
        }
        i += 1;
    }
    (bytes.len(), true)
}

fn scan_word(src: &str, mut i: usize) -> usize {
    for (n, ch) in src[i..].char_indices() {
        if !is_id_char(ch) {
            return i + n;
        }
    }
    i = src.len();
    i
}

fn scan_number(src: &str, start: usize) -> usize {
    let bytes = src.as_bytes();
    let mut i = start;
    if bytes[i] == b'0' && matches!(bytes.get(i + 1), Some(b'x' | b'X')) {
        i += 2;
        while i < bytes.len() && (bytes[i].is_ascii_hexdigit() || bytes[i] == b'_') {
            i += 1;
        }
        return i;
    }
    while i < bytes.len() && (bytes[i].is_ascii_digit() || bytes[i] == b'_') {
        i += 1;
    }
    if bytes.get(i) == Some(&b'.') {
        i += 1;
        while i < bytes.len() && (bytes[i].is_ascii_digit() || bytes[i] == b'_') {
            i += 1;
        }
    }
    if matches!(bytes.get(i), Some(b'e' | b'E')) {
        let mut j = i + 1;
        if matches!(bytes.get(j), Some(b'+' | b'-')) {
            j += 1;
        }
        if bytes.get(j).is_some_and(u8::is_ascii_digit) {
            i = j;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
        }
    }
    // Trailing identifier characters ("123abc") belong to the same token, as in SQLite.
    scan_word(src, i)
}

#[cfg(test)]
mod tests {
    use crate::engine::sql::lexer::*;

    fn kinds(src: &str) -> Vec<(Kind, &str)> {
        tokenize(src).iter().map(|t| (t.kind, t.text(src))).collect()
    }

    #[test]
    fn tokens_cover_the_input() {
        for src in ["select 1;", "'a''b' x'00' \"q\"\"q\" [br] `bt`", "a -- c\nb /* d */ e", "é, ü;"] {
            let toks = tokenize(src);
            let joined: String = toks.iter().map(|t| t.text(src)).collect();
            assert_eq!(joined, src);
        }
    }

    #[test]
    fn table_of_cases() {
        use Kind::*;
        let cases: &[(&str, &[(Kind, &str)])] = &[
            ("select", &[(Word, "select")]),
            ("'it''s'", &[(String, "'it''s'")]),
            ("x'0aff'", &[(String, "x'0aff'")]),
            ("1.5e-3", &[(Number, "1.5e-3")]),
            ("0x1F", &[(Number, "0x1F")]),
            (".5", &[(Number, ".5")]),
            ("a<=b", &[(Word, "a"), (Punct, "<="), (Word, "b")]),
            (
                "?1 :name @v $x",
                &[
                    (Param, "?1"),
                    (Space, " "),
                    (Param, ":name"),
                    (Space, " "),
                    (Param, "@v"),
                    (Space, " "),
                    (Param, "$x"),
                ],
            ),
            ("-- hi\n;", &[(LineComment, "-- hi"), (Space, "\n"), (Semi, ";")]),
            ("a.b", &[(Word, "a"), (Punct, "."), (Word, "b")]),
        ];
        for (src, want) in cases {
            assert_eq!(&kinds(src), want, "input {src:?}");
        }
    }

    #[test]
    fn unterminated_tokens_are_flagged() {
        for src in ["'abc", "\"abc", "/* abc", "[abc", "-- abc"] {
            let toks = tokenize(src);
            assert_eq!(toks.len(), 1, "{src}");
            assert!(toks[0].unterminated, "{src}");
        }
        assert!(!tokenize("'a'")[0].unterminated);
    }
}
