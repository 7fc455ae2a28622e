//! Text that may not be UTF-8 (a Latin-1 script, a `-e` argument, `.import` data), carried through
//! talkcli's `String`-based input layer without losing a byte, as sqlite3 keeps every byte.
//!
//! Each byte that is not part of valid UTF-8 becomes one character of U+10FF80..=U+10FFFF (byte
//! 0x80 + n is U+10FF80 + n); a character of that range that was really in the input is escaped
//! byte by byte too, so `encode(decode(b)) == b` for every byte string. The input layer splits
//! and classifies the escaped text as any other; right before SQLite sees it, `encode` gives the
//! original bytes back (see `exec`), and displays show an escape as `\xE9`.

use std::borrow::Cow;

/// The character standing for byte 0x80.
const BASE: u32 = 0x10_FF80;

/// Whether `c` stands for a raw byte.
fn is_escape(c: char) -> bool {
    u32::from(c) >= BASE
}

/// The raw byte `c` stands for, if it is an escape.
pub(crate) fn byte_of(c: char) -> Option<u8> {
    u32::from(c).checked_sub(BASE).and_then(|n| u8::try_from(n + 0x80).ok())
}

/// The escape character for a byte (0x80..=0xFF; an ASCII byte is itself).
fn escape(b: u8) -> char {
    if b < 0x80 {
        return char::from(b);
    }
    char::from_u32(BASE + u32::from(b - 0x80)).unwrap_or(char::REPLACEMENT_CHARACTER)
}

/// `bytes` as text: valid UTF-8 as it is (borrowed when nothing needs escaping), every other
/// byte as its escape character.
pub(crate) fn decode(bytes: &[u8]) -> Cow<'_, str> {
    match std::str::from_utf8(bytes) {
        Ok(s) if !s.chars().any(is_escape) => Cow::Borrowed(s),
        _ => Cow::Owned(decode_escaping(bytes)),
    }
}

fn decode_escaping(mut bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() + 8);
    while !bytes.is_empty() {
        let (valid, bad) = match std::str::from_utf8(bytes) {
            Ok(s) => (s, 0),
            Err(e) => {
                let len = e.error_len().unwrap_or(bytes.len() - e.valid_up_to());
                // `valid_up_to` bytes are valid UTF-8 by its definition.
                (std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default(), len)
            }
        };
        for c in valid.chars() {
            if is_escape(c) {
                out.extend(c.encode_utf8(&mut [0; 4]).bytes().map(escape));
            } else {
                out.push(c);
            }
        }
        let rest = &bytes[valid.len()..];
        out.extend(rest[..bad].iter().copied().map(escape));
        bytes = &rest[bad..];
    }
    out
}

/// The bytes `text` stands for: escapes back to their bytes (borrowed when it holds none).
pub(crate) fn encode(text: &str) -> Cow<'_, [u8]> {
    if !has_escapes(text) {
        return Cow::Borrowed(text.as_bytes());
    }
    let mut out = Vec::with_capacity(text.len());
    for c in text.chars() {
        match byte_of(c) {
            Some(b) => out.push(b),
            None => out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes()),
        }
    }
    Cow::Owned(out)
}

/// Whether `text` holds bytes that are not UTF-8 (escapes).
pub(crate) fn has_escapes(text: &str) -> bool {
    // Every escape is encoded as F4 8F BE xx or F4 8F BF xx.
    text.as_bytes().windows(3).any(|w| w[0] == 0xF4 && w[1] == 0x8F && w[2] >= 0xBE)
}

/// The place in `text` of byte `offset` of its encoded bytes (an error offset from SQLite).
pub(crate) fn text_offset(text: &str, offset: usize) -> usize {
    let mut raw = 0;
    for (i, c) in text.char_indices() {
        if raw >= offset {
            return i;
        }
        raw += if is_escape(c) { 1 } else { c.len_utf8() };
    }
    text.len()
}

#[cfg(test)]
mod tests {
    use crate::engine::rawtext::*;

    #[test]
    fn every_byte_string_round_trips() {
        let samples: Vec<Vec<u8>> = vec![
            b"plain".to_vec(),
            b"caf\xe9".to_vec(),
            (0u8..=255).collect(),
            "\u{10ff80}\u{10ffff} é".as_bytes().to_vec(),
            b"\xf4\x8f\xbe".to_vec(),
            b"\xc3(".to_vec(),
        ];
        for s in samples {
            let text = decode(&s);
            assert_eq!(encode(&text).as_ref(), s.as_slice(), "{text:?}");
        }
        assert!(matches!(decode(b"plain \xc3\xa9"), Cow::Borrowed(_)));
        assert_eq!(decode(b"caf\xe9"), "caf\u{10ffe9}");
        assert!(has_escapes(&decode(b"\xff")) && !has_escapes("é日本🙂"));
    }

    #[test]
    fn offsets_map_back_into_the_text() {
        let text = decode(b"a\xe9b\xe9c");
        assert_eq!(text_offset(&text, 2), 5);
        assert_eq!(&text[text_offset(&text, 4)..], "c");
    }
}
