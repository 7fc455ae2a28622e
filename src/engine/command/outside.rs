//! Which commands reach outside the open database — files, programs, other databases, the
//! working directory — and so are refused in sqlite3's safe mode (`settings.safe`), each with one
//! line in sqlite3's words. The SQL side of safe mode is the sqlite3 pack's authorizer.

use crate::engine::command::Invocation;

/// The refusal for running `name` (the command's main name) as `inv` in safe mode, if refused.
pub(crate) fn refusal(name: &str, inv: &Invocation) -> Option<String> {
    let refused = match name {
        "\\o" | "\\once" | "\\i" | "\\e" | "\\!" | "\\c" | "\\backup" | ".import" | "\\import" | ".restore" | ".cd"
        | "\\w" | "\\open" | "\\fs" | "\\fd" => true,
        // Into a file or a program; to the screen is fine.
        "\\g" | "\\gx" => !inv.rest.trim().is_empty(),
        // A pager command is a program to run; on and off are not.
        "\\pager" => !matches!(inv.rest.trim().to_ascii_lowercase().as_str(), "" | "on" | "off"),
        ".open" => {
            let disk = inv.args.iter().any(|a| !a.starts_with("--") && a != ":memory:");
            return disk.then(|| "cannot open disk-based database files in safe mode".to_string());
        }
        _ => false,
    };
    refused.then(|| format!("cannot run {} in safe mode", inv.name))
}

#[cfg(test)]
mod tests {
    use crate::engine::command::outside::*;

    fn inv(name: &str, rest: &str) -> Invocation {
        Invocation {
            name: name.to_string(),
            args: rest.split_whitespace().map(str::to_string).collect(),
            quoted: Vec::new(),
            rest: rest.to_string(),
            show_sql: false,
            usage: String::new(),
            bound: Default::default(),
        }
    }

    #[test]
    fn refuses_what_reaches_outside() {
        assert_eq!(refusal("\\!", &inv(".shell", "ls")).as_deref(), Some("cannot run .shell in safe mode"));
        assert_eq!(refusal("\\g", &inv("\\g", "")), None);
        assert!(refusal("\\g", &inv("\\g", "out.txt")).is_some());
        assert_eq!(refusal("\\pager", &inv("\\pager", "off")), None);
        assert!(refusal("\\pager", &inv("\\pager", "rm -rf x")).is_some());
        assert_eq!(refusal(".open", &inv(".open", ":memory:")), None);
        assert!(refusal(".open", &inv(".open", "--new x.db")).is_some());
        assert_eq!(refusal(".tables", &inv(".tables", "")), None);
    }
}
