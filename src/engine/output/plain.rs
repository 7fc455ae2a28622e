//! Output for a pager that shows escape codes as text (`more`, `most` without options, `cat -v`):
//! colour (CSI … m) and hyperlinks (OSC 8 … ST) taken out, the text kept. A sequence may be split
//! across writes, so the state carries over.

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
enum State {
    #[default]
    Text,
    /// After ESC.
    Escape,
    /// Inside `ESC [ …` up to its final byte.
    Csi,
    /// Inside `ESC ] …` up to BEL or `ESC \`.
    Osc,
    /// An ESC inside an OSC: `\` ends it.
    OscEscape,
}

/// Takes escape sequences out of a stream of bytes.
#[derive(Debug, Default)]
pub(super) struct Stripper {
    state: State,
}

impl Stripper {
    /// Appends `buf` without its escape sequences to `out`.
    pub(super) fn strip(&mut self, buf: &[u8], out: &mut Vec<u8>) {
        for &b in buf {
            self.state = match (self.state, b) {
                (State::Text, 0x1b) => State::Escape,
                (State::Text, _) => {
                    out.push(b);
                    State::Text
                }
                (State::Escape, b'[') => State::Csi,
                (State::Escape, b']') => State::Osc,
                // A lone two-byte escape: dropped with its byte.
                (State::Escape, _) => State::Text,
                (State::Csi, 0x40..=0x7e) => State::Text,
                (State::Csi, _) => State::Csi,
                (State::Osc, 0x07) => State::Text,
                (State::Osc, 0x1b) => State::OscEscape,
                (State::Osc, _) => State::Osc,
                (State::OscEscape, b'\\') => State::Text,
                (State::OscEscape, _) => State::Osc,
            };
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::output::plain::*;

    #[test]
    fn colour_and_links_go_text_stays_even_when_split() {
        let painted = b"a \x1b[2m<null>\x1b[0m \x1b]8;;https://x.org/\x1b\\Title\x1b]8;;\x1b\\ b\x07c";
        for split in 0..painted.len() {
            let (mut s, mut out) = (Stripper::default(), Vec::new());
            s.strip(&painted[..split], &mut out);
            s.strip(&painted[split..], &mut out);
            assert_eq!(out, b"a <null> Title b\x07c", "split at {split}");
        }
    }
}
