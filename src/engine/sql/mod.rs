//! SQL text handling that needs no database: tokens, statement boundaries, completeness, and the
//! one home of quoting and REAL formatting.

pub(crate) mod lexer;
pub(crate) mod number;
pub(crate) mod quote;
pub(crate) mod split;

pub use crate::engine::sql::split::{complete_len, is_complete, line_col, split};

/// `n` with commas between thousands (`1,500`), as footers and the start-up line count rows.
pub(crate) fn group_thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `n` of `noun`, grouped and in the plural unless one: `1 row`, `1,500 rows`, `3 talks`.
pub(crate) fn counted(n: u64, noun: &str) -> String {
    format!("{} {noun}{}", group_thousands(n), if n == 1 { "" } else { "s" })
}

#[cfg(test)]
mod tests {
    #[test]
    fn thousands_are_grouped() {
        let g = crate::engine::sql::group_thousands;
        assert_eq!([g(0), g(999), g(1000), g(1_500), g(1_234_567)], ["0", "999", "1,000", "1,500", "1,234,567"]);
        let c = crate::engine::sql::counted;
        assert_eq!([c(0, "row"), c(1, "row"), c(1_500, "talk")], ["0 rows", "1 row", "1,500 talks"]);
    }
}
