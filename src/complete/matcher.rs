//! Matching and ranking: prefix matches first, then word-start and substring matches, then fuzzy
//! subsequences (`usr` → `users`), each ranked by how tightly they match. Case-insensitive and
//! allocation-free per name, so 100,000 speaker names rank in a few milliseconds.

/// What the user typed, folded once.
pub struct Pattern {
    chars: Vec<char>,
}

/// Lower is better. Tier in the top bits, then tightness, then length.
pub type Score = u32;

fn fold(c: char) -> char {
    if c.is_ascii() { c.to_ascii_lowercase() } else { c.to_lowercase().next().unwrap_or(c) }
}

fn is_boundary(prev: Option<char>) -> bool {
    prev.is_none_or(|p| !p.is_alphanumeric())
}

impl Pattern {
    pub fn new(typed: &str) -> Pattern {
        Pattern { chars: typed.chars().map(fold).collect() }
    }

    pub fn is_empty(&self) -> bool {
        self.chars.is_empty()
    }

    /// How well the pattern matches `name`, or `None`.
    pub fn score(&self, name: &str) -> Option<Score> {
        let len = name.len().min(255) as u32;
        // Nothing typed: every name matches and the caller's order stands.
        if self.chars.is_empty() {
            return Some(0);
        }
        if self.starts(name) {
            return Some(len);
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

#[cfg(test)]
mod tests {
    use super::*;

    fn rank<'a>(typed: &str, names: &[&'a str]) -> Vec<&'a str> {
        let p = Pattern::new(typed);
        let mut scored: Vec<_> = names.iter().filter_map(|n| p.score(n).map(|s| (s, *n))).collect();
        scored.sort();
        scored.into_iter().map(|(_, n)| n).collect()
    }

    #[test]
    fn prefix_then_word_start_then_substring_then_fuzzy() {
        let names = ["users", "user_roles", "superuser", "my_users", "unused_things", "talks"];
        assert_eq!(rank("user", &names), ["users", "user_roles", "my_users", "superuser"]);
        assert_eq!(rank("usr", &names), ["users", "user_roles", "my_users", "superuser"]);
        assert_eq!(rank("USR", &["users"]), ["users"]);
        assert!(rank("xyz", &names).is_empty());
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
