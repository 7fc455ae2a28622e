//! The settings of config.toml, each declared once: name, default, comment, how its value is
//! checked and how it sets `Settings`. The file written on first run, the parser, `\pset` and the
//! reference all read this table.

use toml::Value;

use crate::engine::settings::{
    CompletionStyle, EditMode, Expanded, Format, Hyperlinks, KeywordCase, Overflow, Settings, TableStyle, Theme, Wide,
};

/// One setting of the config file.
pub struct Key {
    pub name: &'static str,
    /// The default, written as TOML.
    pub default: &'static str,
    /// What it does, for the comment in the file and the reference.
    pub doc: &'static str,
    pub(crate) apply: fn(&mut Settings, &Value) -> Result<(), String>,
    /// The value in force, as `\pset` shows it.
    pub show: fn(&Settings) -> String,
}

/// Every setting, in the order the file lists them.
pub static KEYS: &[Key] = &[
    Key {
        name: "edit_mode",
        default: "\"emacs\"",
        doc: "Key bindings at the prompt: \"emacs\" or \"vi\".",
        show: |s| s.edit_mode.name().to_string(),
        apply: |s, v| {
            s.edit_mode = choice(v, &[("emacs", EditMode::Emacs), ("vi", EditMode::Vi)])?;
            Ok(())
        },
    },
    Key {
        name: "keyword_case",
        default: "\"auto\"",
        doc: "Case of completed SQL keywords: \"upper\", \"lower\", or \"auto\" (follow what you typed).",
        show: |s| {
            match s.keyword_case {
                KeywordCase::Upper => "upper",
                KeywordCase::Lower => "lower",
                KeywordCase::Auto => "auto",
            }
            .to_string()
        },
        apply: |s, v| {
            s.keyword_case = choice(
                v,
                &[("upper", KeywordCase::Upper), ("lower", KeywordCase::Lower), ("auto", KeywordCase::Auto)],
            )?;
            Ok(())
        },
    },
    Key {
        name: "completion",
        default: "\"list\"",
        doc: "What Tab does with several candidates: \"list\" shows them with their kind and inserts what they share; \"cycle\" puts each in the line in turn (Shift-Tab goes back).",
        show: |s| {
            match s.completion {
                CompletionStyle::List => "list",
                CompletionStyle::Cycle => "cycle",
            }
            .to_string()
        },
        apply: |s, v| {
            s.completion = choice(v, &[("list", CompletionStyle::List), ("cycle", CompletionStyle::Cycle)])?;
            Ok(())
        },
    },
    Key {
        name: "complete_while_typing",
        default: "false",
        doc: "Show the best few completions under the line as you type (Tab then cycles through them).",
        show: |s| s.complete_while_typing.to_string(),
        apply: |s, v| {
            s.complete_while_typing = boolean(v)?;
            Ok(())
        },
    },
    Key {
        name: "format",
        default: "\"table\"",
        doc: "Output format: table, box, vertical, line, csv, tsv, json, jsonl, markdown, html, list, quote or insert.",
        show: |s| s.format.name().to_string(),
        apply: |s, v| {
            s.format = string(v)?.parse::<Format>()?;
            Ok(())
        },
    },
    Key {
        name: "table_style",
        default: "\"ascii\"",
        doc: "Table borders: \"ascii\" (+--+) or \"unicode\" (box drawing).",
        show: |s| {
            match s.table_style {
                TableStyle::Ascii => "ascii",
                TableStyle::Unicode => "unicode",
            }
            .to_string()
        },
        apply: |s, v| {
            s.table_style = choice(v, &[("ascii", TableStyle::Ascii), ("unicode", TableStyle::Unicode)])?;
            Ok(())
        },
    },
    Key {
        name: "overflow",
        default: "\"truncate\"",
        doc: "Text cells wider than the terminal allows: \"truncate\" (cut with …) or \"wrap\" (at word boundaries).",
        show: |s| {
            match s.overflow {
                Overflow::Truncate => "truncate",
                Overflow::Wrap => "wrap",
            }
            .to_string()
        },
        apply: |s, v| {
            s.overflow = choice(v, &[("truncate", Overflow::Truncate), ("wrap", Overflow::Wrap)])?;
            Ok(())
        },
    },
    Key {
        name: "wide",
        default: "\"fit\"",
        doc: "A table wider than the terminal: \"fit\" (cut text columns, never below a readable width, else records), \"records\" (records at once), or \"scroll\" (whole, in the pager; less gets -S to scroll sideways).",
        show: |s| {
            match s.wide {
                Wide::Fit => "fit",
                Wide::Records => "records",
                Wide::Scroll => "scroll",
            }
            .to_string()
        },
        apply: |s, v| {
            s.wide = choice(v, &[("fit", Wide::Fit), ("records", Wide::Records), ("scroll", Wide::Scroll)])?;
            Ok(())
        },
    },
    Key {
        name: "max_field_width",
        default: "500",
        doc: "Widest a text value is shown in a table or records on a terminal, cut with … past it (0: no maximum; pipes and files get it whole).",
        show: |s| s.max_field_width.to_string(),
        apply: |s, v| {
            s.max_field_width = whole(v, 0, None)?;
            Ok(())
        },
    },
    Key {
        name: "null_marker",
        default: "\"<null>\"",
        doc: "Text shown for SQL NULL in tables and records.",
        show: |s| s.null_marker.clone(),
        apply: |s, v| {
            s.null_marker = string(v)?.to_string();
            Ok(())
        },
    },
    Key {
        name: "row_limit",
        default: "1000",
        doc: "Most rows a table shows on a terminal before saying how many more there are.",
        show: |s| s.row_limit.to_string(),
        apply: |s, v| {
            s.row_limit = whole(v, 1, None)?;
            Ok(())
        },
    },
    Key {
        name: "row_handles",
        default: "true",
        doc: "Number the rows of tables shown at the prompt (#1, #2, …) so commands can name them (\\talk #3). Never in pipes or files.",
        show: |s| s.row_handles.to_string(),
        apply: |s, v| {
            s.row_handles = boolean(v)?;
            Ok(())
        },
    },
    Key {
        name: "last_result_rows",
        default: "1000000",
        doc: "Most rows the last result's table _ holds (select * from _); a bigger result is refused, never cut.",
        show: |s| s.last_result_rows.to_string(),
        apply: |s, v| {
            s.last_result_rows = whole(v, 1, None)?;
            Ok(())
        },
    },
    Key {
        name: "pager",
        default: "\"auto\"",
        doc: "Pager for output taller than the screen: \"auto\" ($PAGER, else less -FRXS), \"off\", or a command.",
        show: |s| match (s.pager, &s.pager_command) {
            (false, _) => "off".to_string(),
            (true, None) => "auto".to_string(),
            (true, Some(c)) => c.clone(),
        },
        apply: |s, v| {
            (s.pager, s.pager_command) = match string(v)? {
                "auto" => (true, None),
                "off" => (false, None),
                "" => return Err("expected \"auto\", \"off\" or a command, got an empty string".into()),
                cmd => (true, Some(cmd.to_string())),
            };
            Ok(())
        },
    },
    Key {
        name: "expanded",
        default: "\"auto\"",
        doc: "Records instead of tables (\\x): \"off\", \"on\", or \"auto\" (when a table cannot fit the screen usefully).",
        show: |s| {
            match s.expanded {
                Expanded::Off => "off",
                Expanded::On => "on",
                Expanded::Auto => "auto",
            }
            .to_string()
        },
        apply: |s, v| {
            s.expanded = choice(v, &[("off", Expanded::Off), ("on", Expanded::On), ("auto", Expanded::Auto)])?;
            Ok(())
        },
    },
    Key {
        name: "timing",
        default: "false",
        doc: "Print how long each statement took (\\timing).",
        show: |s| s.timing.to_string(),
        apply: |s, v| {
            s.timing = boolean(v)?;
            Ok(())
        },
    },
    Key {
        name: "theme",
        default: "\"dark\"",
        doc: "Colours for a \"dark\" or a \"light\" terminal background (NO_COLOR or --color never turn colour off).",
        show: |s| {
            match s.theme {
                Theme::Dark => "dark",
                Theme::Light => "light",
            }
            .to_string()
        },
        apply: |s, v| {
            s.theme = choice(v, &[("dark", Theme::Dark), ("light", Theme::Light)])?;
            Ok(())
        },
    },
    Key {
        name: "history_size",
        default: "10000",
        doc: "Entries kept in the history file.",
        show: |s| s.history_size.to_string(),
        apply: |s, v| {
            s.history_size = whole(v, 1, Some(1_000_000))?;
            Ok(())
        },
    },
    Key {
        name: "foreign_keys",
        default: "\"auto\"",
        doc: "Enforce foreign keys: \"auto\" (on for the bundled database, off for other files, as in sqlite3), \"on\" or \"off\".",
        apply: |s, v| {
            s.foreign_keys = choice(v, &[("auto", None), ("on", Some(true)), ("off", Some(false))])?;
            Ok(())
        },
        show: |s| {
            match s.foreign_keys {
                None => "auto",
                Some(true) => "on",
                Some(false) => "off",
            }
            .to_string()
        },
    },
    Key {
        name: "destructive_warning",
        default: "true",
        doc: "Ask before running DROP, or DELETE/UPDATE without WHERE, typed at the prompt (-y skips; scripts never ask).",
        show: |s| s.destructive_warning.to_string(),
        apply: |s, v| {
            s.destructive_warning = boolean(v)?;
            Ok(())
        },
    },
    Key {
        name: "less_chatty",
        default: "false",
        doc: "Start the prompt without its one-line greeting (version, database, \\? for help); -q does the same.",
        show: |s| s.less_chatty.to_string(),
        apply: |s, v| {
            s.less_chatty = boolean(v)?;
            Ok(())
        },
    },
    Key {
        name: "prompt",
        default: "\"%d%r%x> \"",
        doc: "The prompt: %d database name, %f its path, %x * in a transaction, %r (ro) when read-only, %% a %.",
        show: |s| s.prompt.clone().unwrap_or_else(|| crate::engine::prompt::DEFAULT.to_string()),
        apply: |s, v| {
            let template = string(v)?;
            crate::engine::prompt::validate(template)?;
            s.prompt = (template != crate::engine::prompt::DEFAULT).then(|| template.to_string());
            Ok(())
        },
    },
    Key {
        name: "chart_style",
        default: "\"unicode\"",
        doc: "How \\chart draws: \"unicode\" (block elements, eighth-cell precision) or \"ascii\" (# and |).",
        show: |s| if s.chart_ascii { "ascii" } else { "unicode" }.to_string(),
        apply: |s, v| {
            s.chart_ascii = choice(v, &[("unicode", false), ("ascii", true)])?;
            Ok(())
        },
    },
    Key {
        name: "hyperlinks",
        default: "\"auto\"",
        doc: "Talk titles and video URLs as clickable terminal links: \"auto\" (when the terminal is known to support them), \"on\" or \"off\". Never in pipes or files.",
        show: |s| {
            match s.hyperlinks {
                Hyperlinks::Auto => "auto",
                Hyperlinks::On => "on",
                Hyperlinks::Off => "off",
            }
            .to_string()
        },
        apply: |s, v| {
            s.hyperlinks = choice(v, &[("auto", Hyperlinks::Auto), ("on", Hyperlinks::On), ("off", Hyperlinks::Off)])?;
            Ok(())
        },
    },
];

fn describe(v: &Value) -> String {
    match v {
        Value::String(s) => format!("{s:?}"),
        other => other.to_string(),
    }
}

fn string(v: &Value) -> Result<&str, String> {
    v.as_str().ok_or_else(|| format!("expected a string, got {}", describe(v)))
}

fn boolean(v: &Value) -> Result<bool, String> {
    v.as_bool().ok_or_else(|| format!("expected true or false, got {}", describe(v)))
}

fn whole(v: &Value, min: i64, max: Option<i64>) -> Result<usize, String> {
    match v.as_integer() {
        Some(n) if n >= min && max.is_none_or(|m| n <= m) => usize::try_from(n).map_err(|e| e.to_string()),
        _ => Err(match max {
            Some(max) => format!("expected a whole number from {min} to {max}, got {}", describe(v)),
            None => format!("expected a whole number of at least {min}, got {}", describe(v)),
        }),
    }
}

fn choice<T: Copy>(v: &Value, options: &[(&str, T)]) -> Result<T, String> {
    let names = || options.iter().map(|(n, _)| format!("\"{n}\"")).collect::<Vec<_>>().join(", ");
    let s = v.as_str().ok_or_else(|| format!("expected one of {}, got {}", names(), describe(v)))?;
    options
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(s))
        .map(|(_, t)| *t)
        .ok_or_else(|| format!("expected one of {}, got {}", names(), describe(v)))
}
