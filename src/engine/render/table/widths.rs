//! How wide each column of a table may be on a terminal: the width algorithm, pure and separate
//! so it can be tested on its own. A column keeps its natural width while the table fits; when it
//! does not, the widest text columns give way first, evenly, down to a minimum that keeps them
//! readable. Numbers, dates, names and short columns never give way.

/// Shortest a text column is cut to before the table gives up on fitting (switching to records):
/// below this a title or a name no longer reads as one (`G. Cliffo…`).
pub(crate) const MIN_TEXT: usize = 16;

/// A column of links is not cut below this: a link cut early (`https://w…`) says nothing.
pub(crate) const MIN_URL: usize = 48;

/// What the algorithm needs to know about one column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Column {
    /// Width of its widest line, header included.
    pub natural: usize,
    /// Width it may be cut to; `natural` for columns that are never cut.
    pub min: usize,
}

impl Column {
    /// A column of `natural` width whose header is `header` columns wide; `cuttable` is false
    /// for numbers and dates.
    pub(crate) fn new(natural: usize, header: usize, cuttable: bool) -> Self {
        let min = if cuttable { natural.min(MIN_TEXT.max(header.min(16))) } else { natural };
        Column { natural, min }
    }

    /// A text column whose values are all links (`https://…`).
    pub(crate) fn links(natural: usize) -> Self {
        Column { natural, min: natural.min(MIN_URL) }
    }
}

/// Width taken by the rules and padding of a table of `n` columns at psql's `border`: `| a | b |`
/// (2), ` a | b ` (1), `a b ` (0: the names' line ends with a space, as psql draws it).
pub(crate) fn overhead(n: usize, border: u8) -> usize {
    match border {
        0 => n,
        1 => (3 * n).saturating_sub(1),
        _ => 3 * n + 1,
    }
}

/// Content widths for `cols` that fit a terminal `width` columns wide, or `None` when even every
/// column at its minimum does not fit.
pub(crate) fn fit(cols: &[Column], width: usize, border: u8) -> Option<Vec<usize>> {
    let room = width.checked_sub(overhead(cols.len(), border))?;
    if cols.iter().map(|c| c.natural).sum::<usize>() <= room {
        return Some(cols.iter().map(|c| c.natural).collect());
    }
    if cols.iter().map(|c| c.min).sum::<usize>() > room {
        return None;
    }
    // The largest cap such that every column cut to it (but not below its minimum) fits.
    let at = |cap: usize| -> usize { cols.iter().map(|c| c.natural.min(cap).max(c.min)).sum() };
    let (mut lo, mut hi) = (0, cols.iter().map(|c| c.natural).max().unwrap_or(0));
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        if at(mid) <= room { lo = mid } else { hi = mid - 1 }
    }
    let mut widths: Vec<usize> = cols.iter().map(|c| c.natural.min(lo).max(c.min)).collect();
    // What the integer cap leaves over goes one column each to the columns held at the cap.
    let mut spare = room - at(lo);
    for (w, c) in widths.iter_mut().zip(cols) {
        if spare == 0 {
            break;
        }
        if *w == lo && c.natural > lo {
            *w += 1;
            spare -= 1;
        }
    }
    Some(widths)
}

#[cfg(test)]
mod tests {
    use crate::engine::render::table::widths::*;

    fn text(natural: usize) -> Column {
        Column::new(natural, 5, true)
    }

    fn fixed(natural: usize) -> Column {
        Column::new(natural, 2, false)
    }

    #[test]
    fn a_table_that_fits_keeps_its_natural_widths() {
        assert_eq!(fit(&[fixed(4), text(30)], 80, 2), Some(vec![4, 30]));
        // Exactly the width of the terminal: 3*2+1 + 4 + 69 = 80.
        assert_eq!(fit(&[fixed(4), text(69)], 80, 2), Some(vec![4, 69]));
    }

    #[test]
    fn the_longest_text_column_gives_way_first() {
        let w = fit(&[fixed(4), text(12), text(200), text(30)], 80, 2).expect("fits");
        assert_eq!(w[0], 4);
        assert_eq!(w[1], 12, "a short text column keeps its width");
        assert_eq!(w.iter().sum::<usize>() + overhead(4, 2), 80);
        assert!(w[2] >= w[3], "{w:?}");
    }

    #[test]
    fn cut_columns_share_the_room_evenly() {
        let w = fit(&[text(100), text(100)], 51, 2).expect("fits");
        assert_eq!(w, vec![22, 22]);
        let w = fit(&[text(100), text(100)], 52, 2).expect("fits");
        assert_eq!(w, vec![23, 22]);
    }

    #[test]
    fn numbers_are_never_cut_and_too_narrow_is_none() {
        assert_eq!(fit(&[fixed(30), fixed(30)], 40, 2), None);
        assert_eq!(fit(&[fixed(10), text(100)], 20, 2), None, "the text column would go below its minimum");
        assert_eq!(fit(&[fixed(3)], 3, 2), None);
    }
}
