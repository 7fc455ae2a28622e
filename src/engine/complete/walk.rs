//! The tokens before the cursor as a statement's grammar sees them (keywords, names,
//! punctuation, literals), with a position that a walk through the grammar moves along. Where
//! the walk runs out of tokens is where the cursor is.

use crate::engine::complete::keywords::is_keyword;
use crate::engine::complete::tokens::ident_text;
use crate::engine::sql::lexer::{Kind, Token};

/// How far a phrase of keywords (`IF NOT EXISTS`, `FOR EACH ROW`) came.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Phrase {
    /// Its first word is not next.
    Absent,
    /// Taken whole.
    Whole,
    /// The cursor comes within it: the rest of the phrase is what may follow.
    Cut(&'static str),
    /// Another token comes where the phrase goes on.
    Broken,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Tok {
    /// A keyword, upper case.
    Kw(String),
    /// A name, without its quotes.
    Name(String),
    Punct(String),
    /// A string, number or parameter.
    Lit,
}

pub(super) struct Walk {
    pub(super) t: Vec<Tok>,
    pub(super) i: usize,
}

impl Walk {
    pub(super) fn new(toks: &[Token], buf: &str) -> Walk {
        let t = toks
            .iter()
            .map(|t| match t.kind {
                Kind::Word if is_keyword(t.text(buf)) => Tok::Kw(t.text(buf).to_ascii_uppercase()),
                Kind::Word | Kind::QuotedIdent => Tok::Name(ident_text(t, buf)),
                Kind::Punct => Tok::Punct(t.text(buf).to_string()),
                _ => Tok::Lit,
            })
            .collect();
        Walk { t, i: 0 }
    }

    /// The cursor is here: no tokens left.
    pub(super) fn end(&self) -> bool {
        self.i >= self.t.len()
    }

    pub(super) fn rest(&self) -> &[Tok] {
        &self.t[self.i.min(self.t.len())..]
    }

    /// Takes the keyword `k` when it comes next.
    pub(super) fn kw(&mut self, k: &str) -> bool {
        let hit = matches!(self.t.get(self.i), Some(Tok::Kw(w)) if w == k);
        self.i += usize::from(hit);
        hit
    }

    /// Takes whichever of `ks` comes next.
    pub(super) fn any_kw(&mut self, ks: &[&str]) -> Option<String> {
        match self.t.get(self.i) {
            Some(Tok::Kw(w)) if ks.contains(&w.as_str()) => {
                self.i += 1;
                Some(w.clone())
            }
            _ => None,
        }
    }

    /// Takes the words of `phrase` (space-separated keywords) as far as they come.
    pub(super) fn phrase(&mut self, phrase: &'static str) -> Phrase {
        let mut at = 0;
        for (n, word) in phrase.split(' ').enumerate() {
            if self.end() {
                return Phrase::Cut(&phrase[at..]);
            }
            if !self.kw(word) {
                return if n == 0 { Phrase::Absent } else { Phrase::Broken };
            }
            at += word.len() + 1;
        }
        Phrase::Whole
    }

    pub(super) fn punct(&mut self, p: &str) -> bool {
        let hit = matches!(self.t.get(self.i), Some(Tok::Punct(w)) if w == p);
        self.i += usize::from(hit);
        hit
    }

    /// A name, maybe `schema.name`: (schema, name). `temp` is a keyword yet names a database.
    pub(super) fn name(&mut self) -> Option<(Option<String>, String)> {
        let first = match self.t.get(self.i)? {
            Tok::Name(n) => n.clone(),
            Tok::Kw(k) if k == "TEMP" => "temp".to_string(),
            _ => return None,
        };
        if matches!(self.t.get(self.i + 1), Some(Tok::Punct(p)) if p == ".") {
            let Some(Tok::Name(n)) = self.t.get(self.i + 2) else { return None };
            let n = n.clone();
            self.i += 3;
            return Some((Some(first), n));
        }
        self.i += 1;
        Some((None, first))
    }

    /// After a `(`: moves past its `)` and returns the tokens between, or, when the cursor is
    /// inside (no `)` yet), returns them all with `closed` false and the walk at its end.
    pub(super) fn group(&mut self) -> (Vec<Tok>, bool) {
        let mut depth = 0usize;
        let start = self.i;
        while let Some(t) = self.t.get(self.i) {
            match t {
                Tok::Punct(p) if p == "(" => depth += 1,
                Tok::Punct(p) if p == ")" && depth == 0 => {
                    let inner = self.t[start..self.i].to_vec();
                    self.i += 1;
                    return (inner, true);
                }
                Tok::Punct(p) if p == ")" => depth -= 1,
                _ => {}
            }
            self.i += 1;
        }
        (self.t[start..].to_vec(), false)
    }

    /// Moves to just after the next `k` outside parentheses; false (at the end) when none.
    pub(super) fn skip_to(&mut self, k: &str) -> bool {
        let mut depth = 0usize;
        while let Some(t) = self.t.get(self.i) {
            self.i += 1;
            match t {
                Tok::Punct(p) if p == "(" => depth += 1,
                Tok::Punct(p) if p == ")" => depth = depth.saturating_sub(1),
                Tok::Kw(w) if w == k && depth == 0 => return true,
                _ => {}
            }
        }
        false
    }
}

pub(super) fn is_kw(t: Option<&Tok>, k: &str) -> bool {
    matches!(t, Some(Tok::Kw(w)) if w == k)
}

pub(super) fn is_punct(t: Option<&Tok>, p: &str) -> bool {
    matches!(t, Some(Tok::Punct(w)) if w == p)
}

/// The items of a list (the tokens inside a bracket) split at its top-level commas.
pub(super) fn split_commas(inner: &[Tok]) -> Vec<&[Tok]> {
    let mut items = Vec::new();
    let mut depth = 0usize;
    let mut from = 0;
    for (i, t) in inner.iter().enumerate() {
        match t {
            Tok::Punct(p) if p == "(" => depth += 1,
            Tok::Punct(p) if p == ")" => depth = depth.saturating_sub(1),
            Tok::Punct(p) if p == "," && depth == 0 => {
                items.push(&inner[from..i]);
                from = i + 1;
            }
            _ => {}
        }
    }
    items.push(&inner[from..]);
    items
}

/// Where the innermost bracket the cursor is in opens (index of its `(`), if any.
pub(super) fn open_bracket(toks: &[Tok]) -> Option<usize> {
    let mut open = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        match t {
            Tok::Punct(p) if p == "(" => open.push(i),
            Tok::Punct(p) if p == ")" => {
                open.pop();
            }
            _ => {}
        }
    }
    open.pop()
}

/// The names among `toks` (the columns a list names so far).
pub(super) fn names(toks: &[Tok]) -> Vec<String> {
    toks.iter()
        .filter_map(|t| match t {
            Tok::Name(n) => Some(n.clone()),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::engine::complete::walk::*;
    use crate::engine::sql::lexer::tokenize;

    fn walk(src: &str) -> Walk {
        Walk::new(&tokenize(src).into_iter().filter(|t| !t.is_trivia()).collect::<Vec<_>>(), src)
    }

    #[test]
    fn a_phrase_is_taken_as_far_as_it_comes() {
        assert_eq!(walk("").phrase("IF NOT EXISTS"), Phrase::Cut("IF NOT EXISTS"));
        assert_eq!(walk("if").phrase("IF NOT EXISTS"), Phrase::Cut("NOT EXISTS"));
        assert_eq!(walk("IF NOT").phrase("IF NOT EXISTS"), Phrase::Cut("EXISTS"));
        let mut whole = walk("if not exists t");
        assert_eq!(whole.phrase("IF NOT EXISTS"), Phrase::Whole);
        assert!(matches!(whole.rest(), [Tok::Name(n)] if n == "t"), "the name after it is left");
        assert_eq!(walk("if exists").phrase("IF NOT EXISTS"), Phrase::Broken);
        let mut absent = walk("t");
        assert_eq!(absent.phrase("IF NOT EXISTS"), Phrase::Absent);
        assert!(!absent.end(), "nothing taken");
    }
}
