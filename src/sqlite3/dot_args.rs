//! How the sqlite3 shell splits a dot-command line into arguments, so `.print "A\tB"`,
//! `.separator "\t"` and `.separator , "\n"` mean here what they mean there. Pure text in, words
//! out: the registry calls it for every command typed with a leading dot.
//!
//! The rules (sqlite3's `do_meta_command`): words are split on whitespace; a word in double quotes
//! may hold spaces and has its backslash escapes resolved; a word in single quotes is taken
//! literally; an unquoted word has its escapes resolved too. An unclosed quote runs to the end of
//! the line.

/// The arguments of a dot-command line (the command word included, as the first word).
#[cfg(test)]
fn words(line: &str) -> Vec<String> {
    quoted_words(line).into_iter().map(|(w, _)| w).collect()
}

/// The words of `line`, each with whether it was quoted.
pub(crate) fn quoted_words(line: &str) -> Vec<(String, bool)> {
    let b = line.as_bytes();
    let mut out = Vec::new();
    let mut h = 0;
    while h < b.len() {
        while h < b.len() && b[h].is_ascii_whitespace() {
            h += 1;
        }
        if h >= b.len() {
            break;
        }
        let delim = b[h];
        if delim == b'\'' || delim == b'"' {
            h += 1;
            let start = h;
            while h < b.len() && b[h] != delim {
                if b[h] == b'\\' && delim == b'"' && h + 1 < b.len() {
                    h += 1;
                }
                h += 1;
            }
            let word = &b[start..h.min(b.len())];
            if h < b.len() {
                h += 1; // the closing quote
            }
            out.push((if delim == b'"' { resolve_backslashes(word) } else { lossy(word) }, true));
        } else {
            let start = h;
            while h < b.len() && !b[h].is_ascii_whitespace() {
                h += 1;
            }
            out.push((resolve_backslashes(&b[start..h]), false));
        }
    }
    out
}

fn lossy(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// sqlite3's `resolve_backslashes`: `\a \b \t \n \v \f \r \" \' \\`, up to three octal digits;
/// any other escaped character stands for itself.
pub(crate) fn resolve_backslashes(z: &[u8]) -> String {
    let mut out = Vec::with_capacity(z.len());
    let mut i = 0;
    while i < z.len() {
        let mut c = z[i];
        if c == b'\\' && i + 1 < z.len() {
            i += 1;
            c = match z[i] {
                b'a' => 0x07,
                b'b' => 0x08,
                b't' => b'\t',
                b'n' => b'\n',
                b'v' => 0x0b,
                b'f' => 0x0c,
                b'r' => b'\r',
                d @ b'0'..=b'7' => {
                    let mut v = u32::from(d - b'0');
                    for _ in 0..2 {
                        match z.get(i + 1) {
                            Some(&n @ b'0'..=b'7') => {
                                i += 1;
                                v = (v << 3) + u32::from(n - b'0');
                            }
                            _ => break,
                        }
                    }
                    // A C char: the value wraps to a byte.
                    (v & 0xff) as u8
                }
                other => other,
            };
        }
        out.push(c);
        i += 1;
    }
    lossy(&out)
}

#[cfg(test)]
mod tests {
    use crate::sqlite3::dot_args::*;

    #[test]
    fn words_as_the_sqlite3_shell_reads_them() {
        let cases: &[(&str, &[&str])] = &[
            (".print \"A\\tB\"", &[".print", "A\tB"]),
            (".separator \"\\t\"", &[".separator", "\t"]),
            (".separator , \"\\n\"", &[".separator", ",", "\n"]),
            (".separator \\t \\r\\n", &[".separator", "\t", "\r\n"]),
            (".print 'single\\tquoted'", &[".print", "single\\tquoted"]),
            (".print 'it''s'", &[".print", "it", "s"]),
            (".print \"say \\\"hi\\\"\" x", &[".print", "say \"hi\"", "x"]),
            (".print \"open to the end", &[".print", "open to the end"]),
            (".print \\101\\x \\\\", &[".print", "Ax", "\\"]),
            (".separator ;", &[".separator", ";"]),
            ("  .tables   ", &[".tables"]),
            (".print \"\"", &[".print", ""]),
        ];
        for (line, want) in cases {
            assert_eq!(words(line), *want, "{line:?}");
        }
    }
}
