//! "Did you mean": which known names are near enough to a mistyped one to be worth suggesting.
//! One distance (optimal string alignment: a swap of neighbours is one edit), one threshold rule,
//! and at most two suggestions, so a hint names what was meant rather than a list.

/// Edit distance between `a` and `b`, case-insensitive, where swapping two neighbouring characters
/// counts as one edit (`tlak` is one edit from `talk`).
pub(crate) fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().flat_map(char::to_lowercase).collect();
    let b: Vec<char> = b.chars().flat_map(char::to_lowercase).collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[i - 1][j] + 1).min(d[i][j - 1] + 1).min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = best;
        }
    }
    d[a.len()][b.len()]
}

/// `distance(a, b)` when it is at most `max`. Words whose lengths differ by more are not measured:
/// a name pasted by mistake (thousands of characters) is compared with thousands of names in no
/// time, where measuring each would take minutes.
pub(crate) fn near(a: &str, b: &str, max: usize) -> Option<usize> {
    if a.chars().count().abs_diff(b.chars().count()) > max {
        return None;
    }
    Some(distance(a, b)).filter(|d| *d <= max)
}

/// How many edits a word of `len` characters may be from a name and still be a plausible typo:
/// one for short words, about a third of the word for longer ones (`titel`→`title` yes,
/// `id`→`at` no).
pub(crate) fn allowed(len: usize) -> usize {
    match len {
        0..=2 => 0,
        3..=5 => 1,
        n => n / 3,
    }
}

/// The one or two `candidates` nearest to `word` (case-insensitive), best first; empty when none
/// is near enough. A second suggestion is given only when it is as near as the first.
pub(crate) fn nearest<'a, I>(word: &str, candidates: I) -> Vec<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let len = word.chars().count();
    let mut scored: Vec<(usize, usize, &'a str)> = candidates
        .into_iter()
        .filter(|c| !c.eq_ignore_ascii_case(word))
        .filter_map(|c| near(word, c, allowed(len)).map(|d| (d, c.chars().count().abs_diff(len), c)))
        .collect();
    scored.sort();
    scored.dedup_by(|a, b| a.2.eq_ignore_ascii_case(b.2));
    let best = scored.first().map_or(0, |s| s.0);
    scored.into_iter().filter(|s| s.0 == best).take(2).map(|s| s.2).collect()
}

/// What a psql or sqlite3 user most likely means by a command talkcli does not have, as the
/// talkcli commands to try (only those that exist are offered).
const MEANT: &[(&str, &[&str])] =
    &[("\\?+", &["\\?"]), ("\\help", &["\\h", "\\?"]), ("\\exit", &["\\q"]), ("\\tables", &["\\dt"])];

/// One or two commands that `name` (an unknown `\…` or `.…` command) plausibly meant, as the user
/// should type them: a typo (`\dtt` → `\dt`) or a habit (`\exit` → `\q`). `names` are the names
/// worth suggesting: the caller leaves out every command that creates or opens a file. A word is
/// never split into a command and an argument (`\copy` is not `\c opy`).
pub(crate) fn commands_meant(name: &str, names: &[&str]) -> Vec<String> {
    let known = |n: &str| names.contains(&n);
    if let Some((_, meant)) = MEANT.iter().find(|(k, _)| *k == name) {
        let found: Vec<String> = meant.iter().filter(|m| known(m)).map(|m| m.to_string()).collect();
        if !found.is_empty() {
            return found;
        }
    }
    let (sigil, word) = name.split_at(name.chars().next().map_or(0, char::len_utf8));
    let same_sigil: Vec<&str> =
        names.iter().copied().filter(|n| n.starts_with(sigil) && n.len() > sigil.len()).collect();
    // Typos: only within the same family (same first letter), or for words long enough that one
    // edit is telling; a one-letter command is one edit from every other one-letter command.
    let len = word.chars().count();
    let mut typos: Vec<(usize, bool, &str)> = same_sigil
        .iter()
        .filter_map(|n| {
            let other = &n[sigil.len()..];
            let family = word.chars().next().map(|c| c.to_ascii_lowercase())
                == other.chars().next().map(|c| c.to_ascii_lowercase());
            let limit = if len >= 3 { allowed(len).max(1) } else { usize::from(family) };
            let d = near(word, other, limit)?;
            (family || len >= 4).then_some((d, !family, *n))
        })
        .collect();
    // Commands are case-sensitive: of `\dt` and `\dT`, the one spelled nearer wins (`\dtt` → `\dt`).
    let exact = |n: &str| usize::from(!n.chars().zip(name.chars()).all(|(a, b)| a == b));
    typos.sort_by_key(|t| (t.0, t.1, exact(t.2), t.2.len(), t.2));
    typos.dedup_by(|a, b| a.2.eq_ignore_ascii_case(b.2));
    if let Some(best) = typos.first().map(|t| t.0).filter(|d| *d <= 1) {
        return typos.iter().filter(|t| t.0 == best).take(2).map(|t| t.2.to_string()).collect();
    }
    typos.iter().take(1).map(|t| t.2.to_string()).collect()
}

#[cfg(test)]
mod tests {
    use crate::engine::diagnose::similar::*;

    #[test]
    fn distance_counts_swaps_as_one_edit_and_ignores_case() {
        assert_eq!(distance("tlak", "talk"), 1);
        assert_eq!(distance("TITEL", "title"), 1);
        assert_eq!(distance("", "abc"), 3);
        assert_eq!(distance("lenght", "length"), 1);
        assert_eq!(distance("kitten", "sitting"), 3);
    }

    #[test]
    fn words_of_far_apart_lengths_are_not_measured() {
        assert_eq!(near("tlak", "talk", 1), Some(1));
        assert_eq!(near("tlak", "talks", 1), None, "two edits");
        assert_eq!(near(&"w".repeat(6000), "talk", 2000), None, "lengths 5996 apart");
        assert_eq!(near("", "abc", 3), Some(3));
    }

    #[test]
    fn nearest_names_are_close_typos_at_most_two() {
        let tables = ["talks", "talk_tags", "talk_speakers", "speakers", "tags", "events", "talk_overview"];
        assert_eq!(nearest("talk", tables), ["talks"]);
        assert_eq!(nearest("speakrs", tables), ["speakers"]);
        assert_eq!(nearest("evnets", tables), ["events"]);
        assert_eq!(nearest("xyz", tables), Vec::<&str>::new());
        assert_eq!(nearest("id", ["it", "at", "title"]), Vec::<&str>::new(), "two letters allow no edit");
        assert_eq!(nearest("titel", ["title", "talk_id", "slides_url"]), ["title"]);
        assert_eq!(nearest("lenght", ["length", "ltrim", "like", "lower"]), ["length"]);
        // Two as near as each other are both named, the nearer first otherwise.
        assert_eq!(nearest("tag", ["tags", "tab", "talks"]), ["tab", "tags"]);
        assert_eq!(nearest("Talks", ["talks"]), Vec::<&str>::new(), "the same name is not a suggestion");
    }

    #[test]
    fn unknown_commands_get_one_or_two_plausible_ones() {
        let names = [
            "\\?",
            "\\q",
            "\\dt",
            "\\dv",
            "\\di",
            "\\d",
            "\\x",
            "\\T",
            "\\timing",
            "\\o",
            "\\once",
            "\\h",
            "\\!",
            "\\conninfo",
            "\\talk",
            "\\talks",
            "\\tag",
            "\\tags",
            "\\speaker",
            "\\s",
            "\\e",
            "\\i",
            ".tables",
            ".schema",
            ".mode",
            ".help",
            "\\search",
            "\\fav",
            "\\favs",
        ];
        let meant = |n: &str| commands_meant(n, &names);
        assert!(meant("\\?bc").is_empty(), "a word is never split into a command and an argument");
        assert_eq!(meant("\\dtt"), ["\\dt"]);
        assert_eq!(meant("\\tlak"), ["\\talk"]);
        assert_eq!(meant("\\speakr"), ["\\speaker"]);
        assert_eq!(meant(".tabels"), [".tables"]);
        assert_eq!(meant("\\serach"), ["\\search"]);
        assert_eq!(meant("\\dx"), ["\\d", "\\di"], "same family only, shortest first");
        assert!(meant("\\k").is_empty(), "a one-letter command is one edit from every other one");
        assert!(meant("\\zzzzzz").is_empty());
    }
}
