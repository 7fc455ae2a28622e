//! Matching and ranking: prefix matches first, then word-start and substring matches, then fuzzy
//! subsequences (`usr` → `users`), each ranked by how tightly they match. Case-insensitive and
//! allocation-free per name, so 100,000 speaker names rank in a few milliseconds.

/// What the user typed, folded once.
pub struct Pattern {
    chars: Vec<char>,
    /// The folded pattern as bytes when it is ASCII: then matching runs on bytes (non-ASCII bytes
    /// of a name can never equal an ASCII byte), several times faster than decoding chars.
    ascii: Option<Vec<u8>>,
}

/// Lower is better. Tier in the top bits (0 prefix, 1 word start, 2 substring, 3 subsequence),
/// then tightness, then length.
pub type Score = u32;

fn fold(c: char) -> char {
    if c.is_ascii() { c.to_ascii_lowercase() } else { c.to_lowercase().next().unwrap_or(c) }
}

fn is_boundary(prev: Option<char>) -> bool {
    prev.is_none_or(|p| !p.is_alphanumeric())
}

impl Pattern {
    pub fn new(typed: &str) -> Pattern {
        let chars: Vec<char> = typed.chars().map(fold).collect();
        let ascii = chars.iter().all(char::is_ascii).then(|| chars.iter().map(|c| *c as u8).collect());
        Pattern { chars, ascii }
    }

    /// Whether `name` begins with the pattern (the best tier, tier 0).
    pub fn is_prefix_of(&self, name: &str) -> bool {
        match &self.ascii {
            Some(p) => name.len() >= p.len() && name.as_bytes()[..p.len()].eq_ignore_ascii_case(p),
            None => self.starts(name),
        }
    }

    /// How well the pattern matches `name`, or `None`.
    pub fn score(&self, name: &str) -> Option<Score> {
        if let Some(p) = &self.ascii {
            return score_ascii(p, name.as_bytes());
        }
        let len = name.len().min(255) as u32;
        // Nothing typed: every name matches and the caller's order stands.
        if self.chars.is_empty() {
            return Some(0);
        }
        // Prefix matches tie (the caller's order stands), except an exact match, which leads.
        if self.starts(name) {
            return Some(u32::from(name.chars().count() != self.chars.len()));
        }
        // Substring: at a word start (`batch` in `Ned Batchelder`) beats anywhere.
        let mut prev = None;
        let mut best: Option<u32> = None;
        for (i, c) in name.char_indices() {
            if fold(c) == self.chars[0] && self.starts(&name[i..]) {
                let tier = if is_boundary(prev) { 1 } else { 2 };
                let s = (tier << 24) | ((i.min(255) as u32) << 8) | len;
                best = Some(best.map_or(s, |b| b.min(s)));
                if tier == 1 {
                    break;
                }
            }
            prev = Some(c);
        }
        if best.is_some() {
            return best;
        }
        self.subsequence(name).map(|gaps| (3 << 24) | (gaps.min(0xffff) << 8) | len)
    }

    fn starts(&self, name: &str) -> bool {
        let mut it = name.chars();
        self.chars.iter().all(|p| it.next().is_some_and(|c| fold(c) == *p))
    }

    /// Greedy subsequence match; the score counts skipped characters (plus where the match began).
    fn subsequence(&self, name: &str) -> Option<u32> {
        let mut want = self.chars.iter().peekable();
        let mut gaps = 0u32;
        let mut started = false;
        let mut lead = 0u32;
        for c in name.chars() {
            let Some(p) = want.peek() else { break };
            if fold(c) == **p {
                want.next();
                started = true;
            } else if started {
                gaps += 1;
            } else {
                lead += 1;
            }
        }
        want.peek().is_none().then_some(gaps * 2 + lead)
    }
}

/// `Pattern::score` for an ASCII pattern, on bytes; same tiers and tie-breaks.
fn score_ascii(p: &[u8], name: &[u8]) -> Option<Score> {
    let len = name.len().min(255) as u32;
    if p.is_empty() {
        return Some(0);
    }
    if name.len() >= p.len() && name[..p.len()].eq_ignore_ascii_case(p) {
        return Some(u32::from(name.len() != p.len()));
    }
    // Every substring match is also a subsequence, so one pass rejects most names.
    let (mut k, mut gaps, mut lead, mut started) = (0, 0u32, 0u32, false);
    for &b in name {
        if k == p.len() {
            break;
        }
        if b.eq_ignore_ascii_case(&p[k]) {
            k += 1;
            started = true;
        } else if started {
            // Count characters, not the continuation bytes of one.
            gaps += u32::from(b & 0xC0 != 0x80);
        } else {
            lead += u32::from(b & 0xC0 != 0x80);
        }
    }
    if k < p.len() {
        return None;
    }
    let mut best: Option<u32> = None;
    for i in 1..=name.len() - p.len() {
        if name[i].eq_ignore_ascii_case(&p[0]) && name[i..i + p.len()].eq_ignore_ascii_case(p) {
            // A non-ASCII byte before counts as a letter: no boundary.
            let tier = if name[i - 1].is_ascii() && !name[i - 1].is_ascii_alphanumeric() { 1 } else { 2 };
            let s = (tier << 24) | ((i.min(255) as u32) << 8) | len;
            best = Some(best.map_or(s, |b| b.min(s)));
            if tier == 1 {
                break;
            }
        }
    }
    best.or(Some((3 << 24) | ((gaps * 2 + lead).min(0xffff) << 8) | len))
}

#[cfg(test)]
mod tests {
    use crate::engine::complete::matcher::*;

    fn rank<'a>(typed: &str, names: &[&'a str]) -> Vec<&'a str> {
        let p = Pattern::new(typed);
        let mut scored: Vec<_> = names.iter().filter_map(|n| p.score(n).map(|s| (s, *n))).collect();
        scored.sort();
        scored.into_iter().map(|(_, n)| n).collect()
    }

    #[test]
    fn prefix_then_word_start_then_substring_then_fuzzy() {
        let names = ["users", "user_roles", "superuser", "my_users", "unused_things", "talks"];
        assert_eq!(rank("user", &names), ["user_roles", "users", "my_users", "superuser"]);
        assert_eq!(rank("users", &names), ["users", "my_users", "user_roles"], "an exact match leads");
        assert_eq!(rank("usr", &names), ["users", "user_roles", "my_users", "superuser"]);
        assert_eq!(rank("USR", &["users"]), ["users"]);
        assert!(rank("xyz", &names).is_empty());
    }

    #[test]
    fn byte_and_char_matching_agree() {
        let names = ["users", "Ned Batchelder", "my_users", "Émilie Dupont", "superuser", "naïve_table", "x"];
        for typed in ["u", "usr", "batch", "USER", "nd", "tab", "e", "lie", "zz"] {
            let p = Pattern::new(typed);
            assert!(p.ascii.is_some());
            let slow = Pattern { chars: p.chars.clone(), ascii: None };
            for n in names {
                assert_eq!(p.score(n), slow.score(n), "{typed:?} vs {n:?}");
            }
        }
    }

    #[test]
    fn non_ascii_and_word_starts() {
        assert_eq!(rank("batch", &["Ned Batchelder", "Abatcher"]), ["Ned Batchelder", "Abatcher"]);
        assert_eq!(rank("émi", &["Émilie Dupont"]), ["Émilie Dupont"]);
    }

    #[test]
    fn empty_pattern_matches_all_equally() {
        assert_eq!(Pattern::new("").score("bbb"), Pattern::new("").score("a"));
    }
}
