//! Runtime settings of one talkcli session: what the command line, the config file and the
//! `\x`, `\T`, `\timing`, `\null` … commands change. Plain data; nothing here touches a terminal.

use std::fmt;
use std::str::FromStr;

pub use crate::engine::style::Theme;

/// Output format of query results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    #[default]
    Table,
    /// sqlite3's `.mode box`: the table drawn with Unicode box rules.
    Box,
    Vertical,
    /// sqlite3's `.mode line`: `name = value` lines, byte for byte.
    Line,
    Csv,
    Tsv,
    Json,
    Jsonl,
    Markdown,
    Html,
    /// sqlite3's default: `|`-separated, unquoted.
    List,
    /// SQL literals, comma-separated.
    Quote,
    /// `INSERT INTO table VALUES(…);` lines.
    Insert,
}

impl Format {
    /// Every format with its name, in the order help and completion list them.
    pub const ALL: &'static [(Format, &'static str)] = &[
        (Format::Table, "table"),
        (Format::Box, "box"),
        (Format::Vertical, "vertical"),
        (Format::Line, "line"),
        (Format::Csv, "csv"),
        (Format::Tsv, "tsv"),
        (Format::Json, "json"),
        (Format::Jsonl, "jsonl"),
        (Format::Markdown, "markdown"),
        (Format::Html, "html"),
        (Format::List, "list"),
        (Format::Quote, "quote"),
        (Format::Insert, "insert"),
    ];

    /// sqlite3's `.mode` names (and a short form) for formats talkcli names differently, so
    /// muscle memory works; parsing, `--format` and completion all read this one list.
    pub const ALIASES: &'static [(&'static str, Format)] = &[
        ("column", Format::Table),
        // sqlite3's ascii mode is its list mode with the ASCII unit and record separators.
        ("ascii", Format::List),
        ("expanded", Format::Vertical),
        ("tabs", Format::Tsv),
        ("md", Format::Markdown),
    ];

    pub fn name(self) -> &'static str {
        Self::ALL.iter().find(|(f, _)| *f == self).map_or("table", |(_, n)| n)
    }
}

impl FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let s = s.to_ascii_lowercase();
        let named = Self::ALL.iter().map(|&(f, n)| (n, f));
        named.chain(Self::ALIASES.iter().copied()).find(|(n, _)| *n == s).map(|(_, f)| f).ok_or_else(|| {
            let names: Vec<_> = Self::ALL.iter().map(|(_, n)| *n).collect();
            format!("unknown format '{s}' (expected one of: {})", names.join(", "))
        })
    }
}

/// For `--format`: the names are clap's possible values (so shell completion offers them), and
/// sqlite3's `.mode` names are accepted as hidden aliases.
impl clap::ValueEnum for Format {
    fn value_variants<'a>() -> &'a [Self] {
        &[
            Format::Table,
            Format::Box,
            Format::Vertical,
            Format::Line,
            Format::Csv,
            Format::Tsv,
            Format::Json,
            Format::Jsonl,
            Format::Markdown,
            Format::Html,
            Format::List,
            Format::Quote,
            Format::Insert,
        ]
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        let aliases = Self::ALIASES.iter().filter(|(_, f)| f == self).map(|(n, _)| *n);
        Some(clap::builder::PossibleValue::new(self.name()).aliases(aliases))
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Key bindings of the line editor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum EditMode {
    #[default]
    Emacs,
    Vi,
}

impl EditMode {
    pub fn name(self) -> &'static str {
        match self {
            EditMode::Emacs => "emacs",
            EditMode::Vi => "vi",
        }
    }
}

impl FromStr for EditMode {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.to_ascii_lowercase().as_str() {
            "emacs" => Ok(EditMode::Emacs),
            "vi" | "vim" => Ok(EditMode::Vi),
            other => Err(format!("unknown edit mode '{other}' (expected emacs or vi)")),
        }
    }
}

/// `\x`: vertical records always, never, or when a row does not fit the terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Expanded {
    Off,
    On,
    #[default]
    Auto,
}

/// What Tab does with several candidates: list them (and insert what they share), or cycle
/// through them in the line, Shift-Tab going back (as pgcli's menu).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CompletionStyle {
    #[default]
    List,
    Cycle,
}

/// Case of SQL keywords offered by completion: as written here, or following what the user typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum KeywordCase {
    Upper,
    Lower,
    #[default]
    Auto,
}

/// Border characters of tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TableStyle {
    #[default]
    Ascii,
    Unicode,
}

/// What a table does with a cell wider than the terminal allows: cut it with `…`, or wrap it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Overflow {
    #[default]
    Truncate,
    Wrap,
}

/// What a table wider than the terminal does (with `\x auto`): cut its text columns, not below a
/// useful width, else become records (`fit`); become records at once (`records`); or be drawn
/// whole in `less -S`, which scrolls sideways (`scroll`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Wide {
    #[default]
    Fit,
    Records,
    Scroll,
}

/// Whether talk titles and video URLs are terminal hyperlinks (OSC 8): when the terminal is known
/// to support them, always on a terminal, or never. Pipes and files never get them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Hyperlinks {
    #[default]
    Auto,
    On,
    Off,
}

#[derive(Debug, Clone)]
pub struct Settings {
    pub format: Format,
    pub expanded: Expanded,
    pub timing: bool,
    /// Shown for SQL NULL in human formats.
    pub null_marker: String,
    /// Most rows a table shows on a terminal before it says how many more there are.
    pub row_limit: usize,
    /// Row handles (`#1`, `#2`, …) in front of tables shown at the prompt.
    pub row_handles: bool,
    /// Most rows the last result's table `_` holds.
    pub last_result_rows: usize,
    /// Whether output may carry ANSI colour (`--color auto` on a terminal, or `always`).
    pub color: bool,
    /// `--color always`: colour even where output is not a terminal (a pipe to `less -R`).
    pub color_forced: bool,
    /// Stop a script at the first error (sqlite3's -bail); off runs on and fails at the end.
    pub bail: bool,
    /// Whether this session talks to a person (REPL) rather than a script.
    pub interactive: bool,
    pub edit_mode: EditMode,
    pub keyword_case: KeywordCase,
    pub completion: CompletionStyle,
    pub table_style: TableStyle,
    pub overflow: Overflow,
    /// Page output taller than the screen (on a terminal only).
    pub pager: bool,
    /// Pager command line; `None` means `$PAGER`, else `less -FRXS`.
    pub pager_command: Option<String>,
    /// Entries kept in the history file.
    pub history_size: usize,
    pub theme: Theme,
    /// Ask before DROP, and DELETE/UPDATE without WHERE, typed at the prompt.
    pub destructive_warning: bool,
    /// `.headers`: whether csv, tsv, list and quote print column names, and insert names columns.
    pub headers: bool,
    /// `.headers` (or -header/-noheader) was given: sqlite3's `.mode column` then keeps it.
    pub headers_set: bool,
    /// `.separator`: the column and row separators of the list format (`None`: `|` and newline).
    pub col_separator: Option<String>,
    pub row_separator: Option<String>,
    /// sqlite3's `.nullvalue`: what NULL prints as in list, csv and tsv (empty by default).
    pub list_null: String,
    /// `.mode insert TABLE`: the table the insert format names.
    pub insert_table: String,
    /// `.echo on`: print each command and SQL input of a script before running it.
    pub echo: bool,
    /// The prompt template (`None`: `prompt::DEFAULT`); see `prompt.rs` for its placeholders.
    pub prompt: Option<String>,
    /// `-y`: never ask; quitting with an open transaction rolls it back (with a warning).
    pub assume_yes: bool,
    /// `--readonly`: every database opened (also by `.open` and `\c`) is read-only.
    pub read_only: bool,
    /// sqlite3's safe mode (`-safe`, `.safe`): commands that reach outside the database are refused.
    pub safe: bool,
    /// `\chart` draws with plain ASCII instead of Unicode blocks.
    pub chart_ascii: bool,
    pub hyperlinks: Hyperlinks,
    /// The format was chosen with `.mode` (sqlite3's spelling), whose details differ (json).
    pub sqlite3_mode: bool,
    /// Enforce foreign keys (`None`: on for the bundled database, off for other files, as sqlite3).
    pub foreign_keys: Option<bool>,
    /// `.timer on`: print sqlite3's `Run Time: real … user … sys …` after each input.
    pub sqlite3_timer: bool,
    /// `.changes on`: print sqlite3's change counts after each input.
    pub count_changes: bool,
    /// `.eqp on`: print each statement's query plan before its result; `full` adds the bytecode.
    pub eqp: bool,
    pub eqp_full: bool,
    /// `.mode box|table|column|markdown` (sqlite3's way): its columnar layout and options.
    pub columnar: Option<Columnar>,
    /// `.width`: sqlite3's per-column widths for its columnar modes (negative: right-aligned).
    pub widths: Vec<i64>,
    /// psql's `\t` (`\pset tuples_only`): rows only, no column names, no footer.
    pub tuples_only: bool,
    /// psql's `\pset footer`: the row-count line under tables and records.
    pub footer: bool,
    /// psql's `\C` (`\pset title`): a line printed above each table.
    pub title: Option<String>,
    /// psql's `\pset border`: 0 (no rules, a space between columns), 1 (rules between columns
    /// only) or 2 (a full frame). Unset, tables are framed and records are pgcli's (`-[ RECORD 1 ]`,
    /// psql's border 1), as pgcli draws them.
    pub border: Option<u8>,
    /// The alias the format was chosen by (`.mode column`), with that format: what `.mode` and
    /// the confirmation call it, so the user sees the name they gave.
    pub format_alias: Option<(Format, String)>,
    /// `-q`/`less_chatty`: no start-up line at the prompt.
    pub less_chatty: bool,
    pub wide: Wide,
    /// The best few completion candidates under the line as it is typed (pgcli's menu).
    pub complete_while_typing: bool,
    /// pgcli's `max_field_width`: tables and records on a terminal cut longer text to this many
    /// columns (0: no maximum). Pipes and files get every character.
    pub max_field_width: usize,
}

/// Which of sqlite3's columnar modes draws a result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnarMode {
    Box,
    Table,
    Column,
    Markdown,
}

impl ColumnarMode {
    /// The talkcli format this mode is a way of drawing.
    pub fn format(self) -> Format {
        match self {
            ColumnarMode::Box => Format::Box,
            ColumnarMode::Table | ColumnarMode::Column => Format::Table,
            ColumnarMode::Markdown => Format::Markdown,
        }
    }
}

/// sqlite3's columnar output: the mode and `.mode`'s `--wrap N`, `--wordwrap`, `--quote` options.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Columnar {
    pub mode: ColumnarMode,
    /// Characters a cell line holds before it wraps; 0 for no limit.
    pub wrap: usize,
    pub word_wrap: bool,
    pub quote: bool,
}

impl Settings {
    /// The format's name as the user chose it: the alias they typed (`column`, `ascii`, `qbox`)
    /// while that choice is in force, else the format's own name.
    pub fn format_label(&self) -> &str {
        match &self.format_alias {
            Some((f, alias)) if *f == self.format => alias,
            _ => self.format.name(),
        }
    }

    /// Whether output about to go to a terminal (`to_terminal`) or elsewhere is painted: the one
    /// place that decision is made, so `\o FILE` stays plain and `--color always` paints pipes.
    pub fn paints(&self, to_terminal: bool) -> bool {
        self.color_forced || (self.color && to_terminal)
    }
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            format: Format::Table,
            expanded: Expanded::Auto,
            timing: false,
            null_marker: "<null>".to_string(),
            row_limit: 1000,
            row_handles: true,
            last_result_rows: 1_000_000,
            color: false,
            color_forced: false,
            bail: true,
            interactive: false,
            edit_mode: EditMode::Emacs,
            keyword_case: KeywordCase::Auto,
            completion: CompletionStyle::List,
            table_style: TableStyle::Ascii,
            overflow: Overflow::Truncate,
            pager: true,
            pager_command: None,
            history_size: 10_000,
            theme: Theme::Dark,
            destructive_warning: true,
            headers: true,
            headers_set: false,
            col_separator: None,
            row_separator: None,
            list_null: String::new(),
            insert_table: "table".to_string(),
            echo: false,
            prompt: None,
            assume_yes: false,
            read_only: false,
            safe: false,
            chart_ascii: false,
            hyperlinks: Hyperlinks::Auto,
            count_changes: false,
            sqlite3_timer: false,
            foreign_keys: None,
            sqlite3_mode: false,
            eqp: false,
            eqp_full: false,
            columnar: None,
            widths: Vec::new(),
            tuples_only: false,
            footer: true,
            title: None,
            border: None,
            format_alias: None,
            less_chatty: false,
            wide: Wide::Fit,
            complete_while_typing: false,
            max_field_width: 500,
        }
    }
}

/// How long a write waits for another connection's lock before giving up. Overridable (in
/// milliseconds) with `TALKCLI_BUSY_TIMEOUT_MS`, which the tests use to stay fast.
pub fn busy_timeout() -> std::time::Duration {
    let ms = std::env::var("TALKCLI_BUSY_TIMEOUT_MS").ok().and_then(|v| v.trim().parse::<u64>().ok());
    std::time::Duration::from_millis(ms.unwrap_or(5000))
}

/// The separators sqlite3's `.mode NAME` sets: csv ends rows with CRLF, tabs changes only the
/// column separator, list and quote restore `|`/`,` and a newline; other modes keep what is set.
pub(crate) fn mode_separators(settings: &mut Settings, mode: &str) {
    let set = |v: &str| Some(v.to_string());
    let (col, row) = match mode.to_ascii_lowercase().as_str() {
        "list" => (set("|"), set("\n")),
        "csv" => (set(","), set("\r\n")),
        "tabs" | "tsv" => (set("\t"), settings.row_separator.clone()),
        "quote" => (set(","), set("\n")),
        "ascii" => (set("\u{1f}"), set("\u{1e}")),
        "line" | "lines" | "column" | "columns" => (settings.col_separator.clone(), set("\n")),
        _ => return,
    };
    settings.col_separator = col;
    settings.row_separator = row;
}

#[cfg(test)]
mod tests {
    use crate::engine::settings::*;

    #[test]
    fn format_names_round_trip_and_aliases() {
        for (f, n) in Format::ALL {
            assert_eq!(n.parse::<Format>(), Ok(*f));
        }
        assert_eq!("line".parse::<Format>(), Ok(Format::Line));
        assert_eq!("expanded".parse::<Format>(), Ok(Format::Vertical));
        assert_eq!("CSV".parse::<Format>(), Ok(Format::Csv));
        let err = "xml".parse::<Format>().unwrap_err();
        assert!(err.contains("unknown format 'xml'") && err.contains("csv"), "{err}");
    }
}
