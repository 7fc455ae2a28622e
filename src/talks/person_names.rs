//! Name normalisation shared by every importer and the catalogue refresh, so that one person or one
//! tag is one row however the source spells it. The bundled catalogue is generated with these same
//! keys (`import/pyvideo/catalogue.rs`).

use std::collections::HashMap;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::engine::diagnose::similar;

/// Speaker entries that are placeholders, not people (compared case-insensitively).
const PLACEHOLDER_SPEAKERS: &[&str] = &["various speakers"];

/// Trims and folds every run of whitespace to one space.
pub fn fold_spaces(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The key under which spellings of one name are the same person: spaces folded, case- and
/// accent-insensitive ("José  Pérez" and "jose perez" share a key).
pub fn person_key(name: &str) -> String {
    fold_spaces(name).to_lowercase().nfkd().filter(|c| !is_combining_mark(*c)).collect()
}

/// True for "Various speakers" and the like.
pub fn is_placeholder_speaker(name: &str) -> bool {
    PLACEHOLDER_SPEAKERS.iter().any(|p| fold_spaces(name).to_lowercase() == *p)
}

/// A tag as stored: trimmed, spaces folded, lower case.
pub fn tag_name(tag: &str) -> String {
    fold_spaces(tag).to_lowercase()
}

/// Counts the spellings seen for each person and picks one: the most frequent; ties go to the
/// spelling with more non-ASCII letters (accents kept), then more capitals, then sort order.
#[derive(Debug, Default)]
pub struct Spellings {
    seen: HashMap<String, HashMap<String, usize>>,
}

impl Spellings {
    pub fn add(&mut self, name: &str) {
        *self.seen.entry(person_key(name)).or_default().entry(name.to_string()).or_default() += 1;
    }

    /// The chosen spelling for every key.
    pub fn canonical(&self) -> HashMap<String, String> {
        self.seen
            .iter()
            .filter_map(|(key, counts)| {
                let best = counts.iter().min_by_key(|(name, n)| {
                    let accents = name.chars().filter(|c| !c.is_ascii()).count();
                    let capitals = name.chars().filter(|c| c.is_uppercase()).count();
                    (std::cmp::Reverse(**n), std::cmp::Reverse(accents), std::cmp::Reverse(capitals), (*name).clone())
                })?;
                Some((key.clone(), best.0.clone()))
            })
            .collect()
    }
}

/// Speakers whose name is near `query`, compared word by word as well as whole (`hetinger` finds
/// Raymond Hettinger), case- and accent-insensitive. Silent for a query of fewer than three
/// letters (`%` is near every initial) and when two names are equally near (a guess, not a hint).
pub(crate) fn nearest_people<'a>(query: &str, names: &'a [String]) -> Vec<&'a str> {
    let q = person_key(query);
    let len = q.chars().count();
    if q.chars().filter(|c| c.is_alphanumeric()).count() < 3 {
        return Vec::new();
    }
    let mut scored: Vec<(usize, &'a str)> = names
        .iter()
        .filter_map(|name| {
            let key = person_key(name);
            let max = similar::allowed(len).max(1);
            let d = std::iter::once(key.as_str())
                .chain(key.split([' ', '-', '.']).filter(|w| !w.is_empty()))
                .filter_map(|w| similar::near(&q, w, max))
                .min()?;
            Some((d, name.as_str()))
        })
        .collect();
    scored.sort();
    scored.dedup_by(|a, b| a.1 == b.1);
    match scored.as_slice() {
        [one] => vec![one.1],
        [first, second, ..] if first.0 < second.0 => vec![first.1],
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn people_are_matched_by_any_word_of_their_name() {
        let names: Vec<String> =
            ["Raymond Hettinger", "Ned Batchelder", "Łukasz Langa", "Larry Hastings"].map(String::from).to_vec();
        assert_eq!(nearest_people("hetinger", &names), ["Raymond Hettinger"]);
        assert_eq!(nearest_people("Batchelor", &names), ["Ned Batchelder"]);
        assert_eq!(nearest_people("lukasz", &names), ["Łukasz Langa"]);
        assert_eq!(nearest_people("zzz", &names), Vec::<&str>::new());
        assert_eq!(nearest_people("%", &names), Vec::<&str>::new(), "a wildcard is near every initial");
        assert_eq!(nearest_people("A.", &names), Vec::<&str>::new());
        let twins: Vec<String> = ["Ann Lee", "Anna Lee"].map(String::from).to_vec();
        assert_eq!(nearest_people("Lea", &twins), Vec::<&str>::new(), "equally near: no guess");
    }

    use crate::talks::person_names::*;

    #[test]
    fn spaces_are_trimmed_and_folded() {
        assert_eq!(fold_spaces("  Ada   Lovelace \t"), "Ada Lovelace");
        assert_eq!(fold_spaces(""), "");
    }

    #[test]
    fn case_and_accent_variants_share_a_key() {
        assert_eq!(person_key("José  Pérez"), person_key("jose perez"));
        assert_eq!(person_key("Łukasz"), person_key("Łukasz"));
        assert_ne!(person_key("Ann Lee"), person_key("Anne Lee"));
    }

    #[test]
    fn placeholders_and_tags() {
        assert!(is_placeholder_speaker(" Various  Speakers"));
        assert!(!is_placeholder_speaker("Various Artists"));
        assert_eq!(tag_name("  Machine   Learning "), "machine learning");
    }

    #[test]
    fn the_most_frequent_spelling_wins_then_accents() {
        let mut s = Spellings::default();
        for n in ["jose perez", "José Pérez", "José Pérez", "Mia Wong", "mia wong"] {
            s.add(n);
        }
        let c = s.canonical();
        assert_eq!(c[&person_key("jose perez")], "José Pérez");
        assert_eq!(c[&person_key("mia wong")], "Mia Wong");
    }
}
