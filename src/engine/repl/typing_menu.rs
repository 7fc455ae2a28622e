//! `complete_while_typing`: the best few candidates under the line as it is typed, as pgcli's
//! menu, drawn as a multi-line hint. rustyline lays a hint out with the line (so it clears the
//! rows on the next repaint, inside one synchronized update: no flicker) and repaints without it
//! when the line is accepted; Ctrl-C and F2 leave it drawn, so the prompt erases those rows
//! (`rows`). Tab then cycles through the candidates in the line.

use crate::engine::complete::{self, Completion, Options, Snapshot};
use crate::engine::render::{display_width, escape_controls, truncate};
use crate::engine::repl::hint::TalkHint;

/// Candidates the menu shows at most.
pub(crate) const ROWS: usize = 5;

/// The menu for `buf` with the cursor at its end, as a hint: `None` when nothing is being typed
/// (no word under the cursor) or nothing matches beyond what is typed.
pub(crate) fn menu(buf: &str, snap: &Snapshot, opts: &Options, cols: usize) -> Option<TalkHint> {
    if !buf.ends_with(|c: char| c.is_alphanumeric() || c == '_' || c == '.' || c == '\\') {
        return None;
    }
    let found = complete::complete(buf, buf.len(), snap, &Options { limit: ROWS, ..*opts });
    let typed = buf.get(found.start..).unwrap_or("");
    if found.candidates.is_empty() || found.candidates.iter().all(|c| c.text == typed) {
        return None;
    }
    Some(TalkHint { display: lines(&found, cols), accept: None })
}

/// One row a candidate (name, kind, note), aligned, each cut to the terminal so none wraps.
fn lines(found: &Completion, cols: usize) -> String {
    let names: Vec<String> = found.candidates.iter().map(|c| escape_controls(&c.text).replace('\n', "\\n")).collect();
    let name_w = names.iter().map(|n| display_width(n)).max().unwrap_or(0).min(40);
    let mut out = String::new();
    for (c, name) in found.candidates.iter().zip(&names) {
        let pad = " ".repeat(name_w.saturating_sub(display_width(name)));
        let note =
            c.note.as_deref().map(|n| format!("  {}", escape_controls(n).replace('\n', " "))).unwrap_or_default();
        let row = format!("  {name}{pad}  {}{note}", c.kind.label());
        out.push('\n');
        out.push_str(&truncate(&row, cols.saturating_sub(1).max(1)));
    }
    let more = found.total.saturating_sub(found.candidates.len());
    if more > 0 {
        out.push_str(&format!("\n  … {more} more"));
    }
    out
}

/// Rows a hint takes below the line it follows.
pub(crate) fn rows(hint: &str) -> usize {
    hint.matches('\n').count()
}

#[cfg(test)]
mod tests {
    use crate::engine::complete::Table;
    use crate::engine::repl::typing_menu::*;

    fn snap() -> Snapshot {
        let table = |name: &str| Table {
            schema: "main".into(),
            name: name.into(),
            is_view: false,
            columns: vec!["id".into(), "title".into()],
            types: Vec::new(),
        };
        Snapshot { tables: vec![table("talks"), table("talk_tags"), table("events")], ..Snapshot::default() }
    }

    #[test]
    fn the_best_few_under_the_line_each_on_its_row() {
        let hint = menu("select * from ta", &snap(), &Options::default(), 80).expect("a menu");
        assert_eq!(hint.display, "\n  talks      table\n  talk_tags  table");
        assert_eq!(rows(&hint.display), 2);
        assert!(hint.accept.is_none(), "→ does not take a whole menu");
        assert!(menu("select * from ", &snap(), &Options::default(), 80).is_none(), "nothing typed yet");
        assert!(menu("select * from events", &snap(), &Options::default(), 80).is_none(), "already typed");
        let narrow = menu("select * from ta", &snap(), &Options::default(), 10).expect("a menu");
        assert!(narrow.display.lines().all(|l| display_width(l) <= 9), "{:?}", narrow.display);
    }
}
