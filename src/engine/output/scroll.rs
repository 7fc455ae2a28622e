//! The `scroll` way with wide results (`\pset wide scroll`): a table wider than the terminal is
//! drawn whole and shown in the user's pager, `less -S` when it is less, which scrolls sideways.
//! While a result is held (at most a screen of it), this notices whether any line is wider than
//! the terminal.

/// The pager command for output wider than the screen: the user's pager (`\pager`, `$PAGER`,
/// else `less -FRXS`), told to chop long lines (scroll sideways) when it is less; `R` comes from
/// `LESS` (see `pager.rs`). `-+F` undoes a `-F`: a short table must stay up to be scrolled, or
/// what does not fit the screen is never seen. Another pager gets the full-width table as is.
pub(crate) fn scroll_command(pager: &str) -> String {
    let program = pager.split_whitespace().next().unwrap_or("");
    if super::pager::is_less(program) { format!("{pager} -S -+F") } else { pager.to_string() }
}

/// Watches held output for a line wider than `width` columns (escape sequences take none).
#[derive(Debug, Clone)]
pub(crate) struct WideLines {
    width: usize,
    /// Columns of the line being written so far.
    col: usize,
    escape: Escape,
    pub(crate) seen: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Escape {
    None,
    /// After ESC.
    Start,
    /// `ESC [ …` up to its final byte.
    Csi,
    /// `ESC ] …` (a hyperlink) up to BEL or `ESC \`.
    Osc,
    OscEsc,
}

impl WideLines {
    pub(crate) fn new(width: usize) -> Self {
        WideLines { width, col: 0, escape: Escape::None, seen: false }
    }

    /// Reads `bytes` of UTF-8 output; a character counts one column (table rules and most text).
    pub(crate) fn watch(&mut self, bytes: &[u8]) {
        if self.seen {
            return;
        }
        for &b in bytes {
            self.escape = match (self.escape, b) {
                (Escape::None, 0x1b) => Escape::Start,
                (Escape::None, b'\n') => {
                    self.col = 0;
                    Escape::None
                }
                (Escape::None, b) => {
                    // UTF-8 continuation bytes belong to the character already counted.
                    if b & 0xC0 != 0x80 {
                        self.col += 1;
                    }
                    Escape::None
                }
                (Escape::Start, b'[') => Escape::Csi,
                (Escape::Start, b']') => Escape::Osc,
                (Escape::Start, _) => Escape::None,
                (Escape::Csi, 0x40..=0x7e) => Escape::None,
                (Escape::Csi, _) => Escape::Csi,
                (Escape::Osc, 0x07) => Escape::None,
                (Escape::Osc, 0x1b) => Escape::OscEsc,
                (Escape::Osc, _) => Escape::Osc,
                (Escape::OscEsc, _) => Escape::None,
            };
            if self.col > self.width {
                self.seen = true;
                return;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::output::scroll::*;

    #[test]
    fn less_scrolls_sideways_and_stays_up_and_other_pagers_are_left_alone() {
        assert_eq!(scroll_command("less -FRXS"), "less -FRXS -S -+F");
        assert_eq!(scroll_command("/usr/bin/less"), "/usr/bin/less -S -+F");
        assert_eq!(scroll_command("most -w"), "most -w");
        assert_eq!(scroll_command("lessfoo"), "lessfoo");
    }

    #[test]
    fn a_line_wider_than_the_terminal_is_seen_and_escapes_take_no_room() {
        let mut w = WideLines::new(5);
        w.watch(b"12345\n\x1b[1mabcde\x1b[0m\n\x1b]8;;https://example.com/long\x07link\x1b]8;;\x07\n");
        assert!(!w.seen);
        w.watch("┼──".as_bytes());
        w.watch("──".as_bytes());
        assert!(!w.seen, "five box-drawing characters are five columns");
        w.watch("─".as_bytes());
        assert!(w.seen);
    }
}
