//! `\search`'s paging options (`--limit N`, `--page N`): taken out of the line before the rest is
//! searched, so `\search gil --page 2` searches `gil`. Inside a quoted phrase they are words.

use anyhow::{Result, bail};

/// Talks a page shows unless `--limit` says otherwise.
pub(crate) const DEFAULT_LIMIT: u64 = 50;
/// The largest `--limit`: a page is drawn and kept as the last result in one piece.
pub(crate) const MAX_LIMIT: u64 = 1000;

/// Which page of the ranked matches to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Paging {
    pub limit: u64,
    /// 1-based.
    pub page: u64,
}

impl Paging {
    /// Matches ranked before this page.
    pub(crate) fn offset(&self) -> u64 {
        (self.page - 1).saturating_mul(self.limit)
    }

    /// Matches that must be ranked to draw this page: the ones before it and its own.
    pub(crate) fn through(&self) -> u64 {
        self.page.saturating_mul(self.limit)
    }

    /// Pages `total` matches make.
    pub(crate) fn pages(&self, total: u64) -> u64 {
        total.div_ceil(self.limit).max(1)
    }
}

/// Splits `rest` (the line after `\search`) into the query and the paging options. An option is
/// a word outside double quotes that starts with `--` and a letter; `--limit N`, `--limit=N`,
/// `--page N` and `--page=N` are known, any other is refused.
pub(crate) fn split_options(rest: &str) -> Result<(String, Paging)> {
    let mut paging = Paging { limit: DEFAULT_LIMIT, page: 1 };
    let mut query: Vec<&str> = Vec::new();
    let mut quoted = false;
    let mut words = rest.split_whitespace();
    while let Some(word) = words.next() {
        let is_option = !quoted && word.starts_with("--") && word[2..].starts_with(|c: char| c.is_ascii_alphabetic());
        quoted ^= word.matches('"').count() % 2 == 1;
        if !is_option {
            query.push(word);
            continue;
        }
        let (name, inline) = match word.split_once('=') {
            Some((name, value)) => (name, Some(value)),
            None => (word, None),
        };
        if name != "--limit" && name != "--page" {
            bail!("\\search has no option {name} (--limit N, --page N; to search for it, quote it: \"{word}\")");
        }
        let Some(value) = inline.or_else(|| words.next()) else {
            bail!("{name} needs a number (\\search WORDS {name} 2)");
        };
        if name == "--limit" {
            paging.limit = number(name, value, MAX_LIMIT)?;
        } else {
            paging.page = number(name, value, u64::MAX)?;
        }
    }
    Ok((query.join(" "), paging))
}

/// `value` as a whole number from 1 to `max`, or one line saying what it must be.
fn number(name: &str, value: &str, max: u64) -> Result<u64> {
    let range = if max == u64::MAX { "1 or more".to_string() } else { format!("from 1 to {max}") };
    match value.parse::<u64>() {
        Ok(n) if (1..=max).contains(&n) => Ok(n),
        _ => bail!("{name} must be a whole number {range}, not '{value}'"),
    }
}

#[cfg(test)]
mod tests {
    use crate::talks::search::paging::*;

    fn ok(rest: &str) -> (String, u64, u64) {
        let (q, p) = split_options(rest).expect(rest);
        (q, p.limit, p.page)
    }

    fn err(rest: &str) -> String {
        split_options(rest).expect_err(rest).to_string()
    }

    #[test]
    fn options_anywhere_outside_quotes() {
        assert_eq!(ok("gil"), ("gil".into(), 50, 1));
        assert_eq!(ok("gil --page 2"), ("gil".into(), 50, 2));
        assert_eq!(ok("--limit 10 grok the gil --page=3"), ("grok the gil".into(), 10, 3));
        assert_eq!(ok("--limit=1000 gil"), ("gil".into(), 1000, 1));
        assert_eq!(ok("\"use --limit 5\" x"), ("\"use --limit 5\" x".into(), 50, 1));
        assert_eq!(ok("-gil -- x"), ("-gil -- x".into(), 50, 1));
    }

    #[test]
    fn bad_values_are_one_line() {
        assert_eq!(err("gil --limit 0"), "--limit must be a whole number from 1 to 1000, not '0'");
        assert_eq!(err("gil --limit -5"), "--limit must be a whole number from 1 to 1000, not '-5'");
        assert_eq!(err("gil --limit 1001"), "--limit must be a whole number from 1 to 1000, not '1001'");
        assert_eq!(err("gil --page x"), "--page must be a whole number 1 or more, not 'x'");
        assert_eq!(
            err("gil --page 99999999999999999999999"),
            "--page must be a whole number 1 or more, not '99999999999999999999999'"
        );
        assert_eq!(err("gil --page"), "--page needs a number (\\search WORDS --page 2)");
        assert!(err("gil --top 3").starts_with("\\search has no option --top"));
    }

    #[test]
    fn huge_pages_do_not_overflow() {
        let p = Paging { limit: 1000, page: u64::MAX };
        assert_eq!(p.through(), u64::MAX);
        assert_eq!(p.offset(), u64::MAX);
        assert_eq!(Paging { limit: 50, page: 1 }.pages(0), 1);
        assert_eq!(Paging { limit: 50, page: 1 }.pages(1284), 26);
    }
}
