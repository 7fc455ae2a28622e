//! A large set of names (speakers, tags, talk titles) indexed for Tab: folded once (lower case,
//! no accents) and sorted, so a prefix is a binary search and a word start (`batch` in `Ned
//! Batchelder`) another; only when neither matches does a Tab scan the set for a substring or a
//! subsequence. 200,000 speaker names answer in well under a millisecond on the common paths.

use crate::engine::complete::matcher::Pattern;
use crate::engine::fold;

/// Sets larger than this get no word index and no full scans (a million talk titles): prefix
/// matches only, so a Tab stays instant.
pub(crate) const SCAN_LIMIT: usize = 250_000;

/// What a search found: the best `limit` names (indexes into the set), how many matched in all,
/// and the longest prefix every match shares (of the names as written).
#[derive(Debug, Default)]
pub struct Found {
    pub best: Vec<u32>,
    pub total: usize,
    pub common: Option<String>,
}

/// The step of `Names::search` that finds a text's matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Answer {
    Prefix,
    WordStart,
    Scan,
}

#[derive(Debug, Clone, Default)]
pub struct Names {
    /// The names as written, sorted by their folded key.
    names: Vec<String>,
    /// Folded keys, same order.
    keys: Vec<String>,
    /// A number carried beside each name (a talk's id, a speaker's talk count), same order.
    ids: Vec<i64>,
    /// (name index, byte offset of a later word in its key), sorted by the key from that word on.
    words: Vec<(u32, u32)>,
    /// Which letters and digits each key holds, one bit each: a scan skips a name that lacks a
    /// letter of the pattern without looking at it.
    masks: Vec<u64>,
}

/// One bit per ASCII letter or digit (others share a bit).
fn mask(s: &str) -> u64 {
    s.bytes().fold(0, |m, b| {
        m | match b {
            b'a'..=b'z' => 1 << (b - b'a'),
            b'0'..=b'9' => 1 << (26 + b - b'0'),
            b' ' | b'_' | b'-' | b'.' => 0,
            _ => 1 << 63,
        }
    })
}

/// Lower case without accents: what the user's typing and the names are compared as.
pub fn fold(s: &str) -> String {
    if s.is_ascii() { s.to_ascii_lowercase() } else { fold::unaccent(s).to_lowercase() }
}

impl Names {
    pub fn new(items: Vec<String>) -> Names {
        let n = items.len();
        Names::with_ids(items, vec![0; n])
    }

    /// Names with a number each (talk titles with the talk's id, speakers with their talk count).
    pub fn with_ids(items: Vec<String>, ids: Vec<i64>) -> Names {
        let mut rows: Vec<(String, String, i64)> =
            items.into_iter().zip(ids).map(|(n, id)| (fold(&n), n, id)).collect();
        rows.sort_unstable_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(&b.1)));
        let mut set = Names::default();
        for (k, n, id) in rows {
            set.keys.push(k);
            set.names.push(n);
            set.ids.push(id);
        }
        if set.names.len() <= SCAN_LIMIT {
            set.masks = set.keys.iter().map(|k| mask(k)).collect();
            for (i, k) in set.keys.iter().enumerate() {
                let b = k.as_bytes();
                for at in 1..b.len() {
                    if !b[at - 1].is_ascii_alphanumeric() && b[at - 1] < 0x80 && b[at].is_ascii_alphanumeric() {
                        set.words.push((i as u32, at as u32));
                    }
                }
            }
            let keys = &set.keys;
            // Equal suffixes (`Ada Cannon`, `Ned Cannon`) in name order, so any subset holding
            // the matches lists them as the whole set does.
            set.words.sort_unstable_by(|a, b| {
                keys[a.0 as usize][a.1 as usize..].cmp(&keys[b.0 as usize][b.1 as usize..]).then(a.cmp(b))
            });
        }
        set
    }

    pub fn len(&self) -> usize {
        self.names.len()
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    pub fn name(&self, i: u32) -> &str {
        &self.names[i as usize]
    }

    pub fn id(&self, i: u32) -> i64 {
        self.ids[i as usize]
    }

    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.names.iter().map(String::as_str)
    }

    /// Index of the name with this id, if any (a linear scan; ids are looked up one at a time).
    pub fn find_id(&self, id: i64) -> Option<u32> {
        self.ids.iter().position(|&x| x == id).map(|i| i as u32)
    }

    /// Which step of `search` answers `typed`. When it is not the scan, any subset holding every
    /// name whose key contains `fold(typed)` answers exactly as this set does (the word step only
    /// when this set is no larger than `SCAN_LIMIT`).
    pub(crate) fn answered_by(&self, typed: &str) -> Answer {
        let key = fold(typed);
        let lo = self.keys.partition_point(|k| k.as_str() < key.as_str());
        if self.keys.get(lo).is_some_and(|k| k.starts_with(key.as_str())) {
            return Answer::Prefix;
        }
        let suffix = |e: &(u32, u32)| &self.keys[e.0 as usize][e.1 as usize..];
        let lo = self.words.partition_point(|e| suffix(e) < key.as_str());
        if !key.is_empty() && self.words.get(lo).is_some_and(|e| suffix(e).starts_with(key.as_str())) {
            return Answer::WordStart;
        }
        Answer::Scan
    }

    /// The names matching `typed`: prefix matches when there are any (exact first), else word
    /// starts, else substrings and subsequences ranked by the matcher.
    pub fn search(&self, typed: &str, limit: usize) -> Found {
        let key = fold(typed);
        let lo = self.keys.partition_point(|k| k.as_str() < key.as_str());
        let hi = lo + self.keys[lo..].partition_point(|k| k.starts_with(key.as_str()));
        if hi > lo {
            // An exact match leads; the rest in sorted order.
            let mut best: Vec<u32> = Vec::with_capacity(limit.min(hi - lo));
            if let Some(e) = (lo..hi).find(|&i| self.keys[i] == key) {
                best.push(e as u32);
            }
            best.extend(
                (lo..hi).filter(|&i| self.keys[i] != key).take(limit.saturating_sub(best.len())).map(|i| i as u32),
            );
            best.truncate(limit);
            return Found { common: self.common_of(lo..hi, key.len()), total: hi - lo, best };
        }
        if key.is_empty() {
            return Found::default();
        }
        if !self.words.is_empty() {
            let w = &self.words;
            let suffix = |e: &(u32, u32)| &self.keys[e.0 as usize][e.1 as usize..];
            let lo = w.partition_point(|e| suffix(e) < key.as_str());
            let hi = lo + w[lo..].partition_point(|e| suffix(e).starts_with(key.as_str()));
            if hi > lo {
                // A name can hold the word start twice (`Ann Annis`): count it once.
                let mut seen = vec![false; self.names.len()];
                let mut best = Vec::with_capacity(limit.min(hi - lo));
                let mut total = 0;
                for e in &w[lo..hi] {
                    if !std::mem::replace(&mut seen[e.0 as usize], true) {
                        total += 1;
                        if best.len() < limit {
                            best.push(e.0);
                        }
                    }
                }
                return Found { best, total, common: None };
            }
        }
        if self.names.len() > SCAN_LIMIT {
            return Found::default();
        }
        let pattern = Pattern::new(&key);
        let need = mask(&key);
        let mut hits: Vec<(u32, u32)> = self
            .keys
            .iter()
            .zip(&self.masks)
            .enumerate()
            .filter(|(_, (_, m))| *m & need == need)
            .filter_map(|(i, (k, _))| pattern.score(k).map(|s| (s, i as u32)))
            .collect();
        let total = hits.len();
        if hits.len() > limit {
            hits.select_nth_unstable(limit);
            hits.truncate(limit);
        }
        hits.sort_unstable();
        Found { best: hits.into_iter().map(|h| h.1).collect(), total, common: None }
    }

    /// The longest prefix the names `range` share as written (a char boundary); `None` when it is
    /// no longer than what was typed, so nothing would be gained.
    fn common_of(&self, range: std::ops::Range<usize>, typed_len: usize) -> Option<String> {
        // Sorted keys: the range's shared key prefix is that of its first and last keys.
        let (first, last) = (&self.keys[range.start], &self.keys[range.end - 1]);
        let shared = first.bytes().zip(last.bytes()).take_while(|(a, b)| a == b).count();
        if (shared == 0 || shared < typed_len) && range.len() > 1 {
            return None;
        }
        let mut common: &str = &self.names[range.start];
        for n in &self.names[range] {
            let same = common.bytes().zip(n.bytes()).take_while(|(a, b)| a == b).count();
            let mut cut = same.min(common.len());
            while !common.is_char_boundary(cut) {
                cut -= 1;
            }
            common = &common[..cut];
            if common.is_empty() {
                return None;
            }
        }
        Some(common.to_string())
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::complete::name_index::*;

    fn set() -> Names {
        Names::new(
            ["Łukasz Langa", "Ned Batchelder", "Anna Lee", "Anna Loy", "anne", "Guido van Rossum", "Émilie Dupont"]
                .map(String::from)
                .to_vec(),
        )
    }

    fn names(s: &Names, f: &Found) -> Vec<String> {
        f.best.iter().map(|&i| s.name(i).to_string()).collect()
    }

    #[test]
    fn prefix_ignores_case_and_accents() {
        let s = set();
        assert_eq!(names(&s, &s.search("lukasz", 10)), ["Łukasz Langa"]);
        assert_eq!(names(&s, &s.search("EMI", 10)), ["Émilie Dupont"]);
        let f = s.search("ann", 10);
        assert_eq!(names(&s, &f), ["Anna Lee", "Anna Loy", "anne"]);
        assert_eq!(f.total, 3);
    }

    #[test]
    fn word_starts_then_fuzzy() {
        let s = set();
        assert_eq!(names(&s, &s.search("batch", 10)), ["Ned Batchelder"]);
        assert_eq!(names(&s, &s.search("rossum", 10)), ["Guido van Rossum"]);
        assert_eq!(names(&s, &s.search("gvr", 10)), ["Guido van Rossum"]);
        assert!(s.search("zzz", 10).best.is_empty());
    }

    #[test]
    fn common_prefix_covers_every_match_not_only_the_shown_ones() {
        let s = Names::new((0..1000).map(|i| format!("Anna Lee {i:04}")).chain(["Annabel".to_string()]).collect());
        let f = s.search("ann", 5);
        assert_eq!(f.best.len(), 5);
        assert_eq!(f.total, 1001);
        assert_eq!(f.common.as_deref(), Some("Anna"), "Annabel shares only Anna");
        let f = s.search("anna l", 5);
        assert_eq!(f.common.as_deref(), Some("Anna Lee 0"));
        assert_eq!(s.search("anna lee 0001", 5).common.as_deref(), Some("Anna Lee 0001"));
    }

    #[test]
    fn exact_match_leads() {
        let s = Names::new(["anne", "Ann", "Annie"].map(String::from).to_vec());
        assert_eq!(names(&s, &s.search("ann", 10))[0], "Ann");
    }
}
