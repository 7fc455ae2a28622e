//! The completion list a Tab prints, laid out for the terminal: each candidate with its kind and
//! a short description in aligned columns, never more than fits on one screen (the rest counted
//! on a last line), so rustyline never asks "Display all N possibilities?" nor pages with
//! `--More--`. rustyline draws the list itself (column-major, each column as wide as the widest
//! display plus two), so aligning means giving every display the same width.

use rustyline::completion::Pair;

use crate::engine::complete::Completion;
use crate::engine::render::{display_width, truncate};
use crate::engine::settings::CompletionStyle;

/// Widest a candidate's name is shown in the list (the text inserted is never cut).
const NAME_MAX: usize = 40;

/// The candidates as rustyline lists them, for a terminal of `cols`×`rows`; with the width of the
/// name part of each display, so the list can paint kind and description dim.
pub(super) fn pairs(
    found: Completion,
    typed: &str,
    style: CompletionStyle,
    cols: usize,
    rows: usize,
) -> (Vec<Pair>, usize) {
    if style == CompletionStyle::Cycle {
        let pairs =
            found.candidates.into_iter().map(|c| Pair { display: shown(&c.text), replacement: c.text }).collect();
        return (pairs, 0);
    }
    let cols = cols.max(20);
    // The list, then the prompt line below it, and the line typed above it stay on the screen.
    let room = rows.saturating_sub(2).max(1);
    let names: Vec<String> = found.candidates.iter().map(|c| truncate(&shown(&c.text), NAME_MAX)).collect();
    let notes: Vec<Option<String>> = found.candidates.iter().map(|c| c.note.as_deref().map(shown)).collect();
    let kinds: Vec<&str> = found.candidates.iter().map(|c| c.kind.label()).collect();
    let name_w = names.iter().map(|n| display_width(n)).max().unwrap_or(0);
    let kind_w = kinds.iter().map(|k| k.len()).max().unwrap_or(0);
    let note_w = notes.iter().flatten().map(|n| display_width(n)).max().unwrap_or(0);
    let count = found.total.max(found.candidates.len());
    // With descriptions when they all fit on the screen, else with kinds, else names alone;
    // when not even those fit, as many as do.
    let tiers =
        [(true, true, name_w + 2 + kind_w + 2 + note_w), (true, false, name_w + 2 + kind_w), (false, false, name_w)];
    let usable = |&(_, noted, _): &(bool, bool, usize)| !noted || note_w > 0;
    let fits = |w: usize| count <= per_screen(w.min(cols.saturating_sub(2)), cols, room);
    let (kinded, noted, width) = tiers.iter().copied().filter(usable).find(|t| fits(t.2)).unwrap_or(tiers[2]);
    let width = width.min(cols.saturating_sub(2));
    let capacity = per_screen(width, cols, room);
    let keep = if count <= capacity { found.candidates.len() } else { capacity.saturating_sub(1) };
    let mut out = Vec::with_capacity(keep + 1);
    for (i, c) in found.candidates.iter().take(keep).enumerate() {
        let mut line = names[i].clone();
        if kinded {
            line.push_str(&pad(display_width(&names[i]), name_w));
            line.push_str("  ");
            line.push_str(kinds[i]);
        }
        if noted && let Some(note) = &notes[i] {
            line.push_str(&pad(kinds[i].len(), kind_w));
            line.push_str("  ");
            line.push_str(note);
        }
        let line = truncate(&line, width);
        let fill = pad(display_width(&line), width);
        out.push(Pair { display: line + &fill, replacement: c.text.clone() });
    }
    let more = count - keep;
    if more > 0 {
        // Its replacement is what every match shares, so choosing it inserts nothing wrong.
        let common = found.common.clone().unwrap_or_else(|| typed.to_string());
        let replacement = if keep == found.candidates.len() { common } else { longest_shared(&out, &common) };
        out.push(Pair { display: format!("… {more} more"), replacement });
    }
    (out, name_w)
}

/// How many candidates of display `width` one screen of `room` rows holds.
fn per_screen(width: usize, cols: usize, room: usize) -> usize {
    (cols / (width + 2).min(cols)).max(1) * room
}

fn pad(used: usize, width: usize) -> String {
    " ".repeat(width.saturating_sub(used))
}

/// With candidates left out, the "more" line must not let rustyline insert more than all the
/// matches share: the prefix the kept ones and `common` have in common.
fn longest_shared(kept: &[Pair], common: &str) -> String {
    let mut n = common.len();
    for p in kept {
        n = n.min(common.bytes().zip(p.replacement.bytes()).take_while(|(a, b)| a == b).count());
    }
    while !common.is_char_boundary(n) {
        n -= 1;
    }
    common[..n].to_string()
}

/// A candidate as the list shows it: data (speaker names, tags) never drives the terminal. The
/// replacement typed into the line stays exact.
fn shown(text: &str) -> String {
    crate::engine::render::escape_controls(text).replace('\n', "\\n")
}

#[cfg(test)]
mod tests {
    use crate::engine::complete::{Candidate, ItemKind};
    use crate::engine::repl::menu::*;

    fn found(n: usize, note: Option<&str>) -> Completion {
        let candidates = (0..n)
            .map(|i| Candidate { text: format!("name{i}"), kind: ItemKind::Column, note: note.map(str::to_string) })
            .collect();
        Completion { start: 0, candidates, total: n, common: Some("name".into()) }
    }

    #[test]
    fn every_display_has_one_width_and_descriptions_align() {
        let (pairs, name_w) = pairs(found(3, Some("TEXT")), "na", CompletionStyle::List, 80, 24);
        assert_eq!(name_w, 5);
        assert_eq!(pairs[0].display, "name0  column  TEXT");
        let widths: Vec<usize> = pairs.iter().map(|p| display_width(&p.display)).collect();
        assert!(widths.iter().all(|w| *w == widths[0]), "{widths:?}");
    }

    #[test]
    fn a_long_list_fits_one_screen_and_counts_the_rest() {
        // Names of 7 columns (`name499`) with their kind: 15 wide, 4 to a row of 80; 22 rows.
        let (listed, _) = pairs(found(300, Some("a description")), "", CompletionStyle::List, 80, 24);
        assert!(listed.iter().all(|p| !p.display.contains("description")), "too many for descriptions");
        assert!(listed.iter().all(|p| !p.display.contains("column")), "too many for kinds");
        // Names alone: 7 wide, 8 to a row of 80.
        assert_eq!(listed.len(), 8 * 22);
        let last = listed.last().map(|p| p.display.as_str());
        assert_eq!(last, Some(format!("… {} more", 300 - (8 * 22 - 1)).as_str()));
        let (kinded, _) = pairs(found(60, Some("a description")), "", CompletionStyle::List, 80, 24);
        assert_eq!(kinded.len(), 60);
        assert!(kinded[0].display.starts_with("name0   column") && !kinded[0].display.contains("desc"));
        let (small, _) = pairs(found(500, None), "", CompletionStyle::List, 40, 20);
        assert_eq!(small.len(), 4 * 18);
    }
}
