//! Text folded for matching, so "lukasz" finds "Łukasz" and "jose" finds "José": completion's
//! name index and the talks pack's `unaccent()` SQL function fold alike.

use unicode_normalization::char::{decompose_compatible, is_combining_mark};

/// `s` decomposed, with combining marks dropped and the letters that do not decompose folded.
pub fn unaccent(s: &str) -> String {
    // Most names are plain ASCII: nothing to decompose (this runs once per row of a scan).
    if s.is_ascii() {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        // Char by char: ASCII as is, the rest decomposed on its own (several times faster than
        // normalising the whole string, which matters when a scan folds 200,000 names).
        if c.is_ascii() {
            out.push(c);
        } else {
            decompose_compatible(c, |d| {
                if !is_combining_mark(d) {
                    push_folded(&mut out, d);
                }
            });
        }
    }
    out
}

/// Letters that do not decompose, written as their nearest ASCII.
fn push_folded(out: &mut String, c: char) {
    match c {
        'ł' => out.push('l'),
        'Ł' => out.push('L'),
        'ø' => out.push('o'),
        'Ø' => out.push('O'),
        'đ' => out.push('d'),
        'Đ' => out.push('D'),
        'ß' => out.push_str("ss"),
        'æ' => out.push_str("ae"),
        'Æ' => out.push_str("AE"),
        'œ' => out.push_str("oe"),
        'Œ' => out.push_str("OE"),
        'ı' => out.push('i'),
        c => out.push(c),
    }
}
