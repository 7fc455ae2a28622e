//! Small questions about one token of a statement: is it this keyword, this punctuation, a
//! name (and which, without its quotes)?

use crate::engine::complete::keywords::is_keyword;
use crate::engine::sql::lexer::{Kind, Token};

/// Text of an identifier token without its quotes.
pub fn ident_text(tok: &Token, src: &str) -> String {
    let t = tok.text(src);
    if tok.kind != Kind::QuotedIdent || t.len() < 2 {
        return t.to_string();
    }
    let inner = if tok.unterminated { &t[1..] } else { &t[1..t.len() - 1] };
    match t.as_bytes()[0] {
        b'"' => inner.replace("\"\"", "\""),
        b'`' => inner.replace("``", "`"),
        _ => inner.to_string(),
    }
}

pub(super) fn is_ident(tok: &Token, src: &str) -> bool {
    tok.kind == Kind::QuotedIdent || (tok.kind == Kind::Word && !is_keyword(tok.text(src)))
}

pub(super) fn is_word(tok: &Token, src: &str, word: &str) -> bool {
    tok.kind == Kind::Word && tok.text(src).eq_ignore_ascii_case(word)
}

pub(super) fn is_punct(tok: &Token, src: &str, p: &str) -> bool {
    tok.kind == Kind::Punct && tok.text(src) == p
}

pub(super) fn upper_keyword(tok: &Token, src: &str) -> Option<String> {
    (tok.kind == Kind::Word).then(|| tok.text(src).to_ascii_uppercase())
}
