//! What a well-kept CLI ships besides the shell: help, version, completions, the man page, and a
//! reference that is generated from the code and checked to be current.

use crate::util::Env;

#[test]
fn help_has_examples_and_exit_statuses() {
    let out = Env::new().run(&["--help"], "").ok().to_string();
    assert!(out.contains("Examples:") && out.contains("talkcli -e 'select title from talks limit 3'"), "{out}");
    assert!(out.contains("--init <FILE>") && out.contains("-y, --yes") && out.contains("completions"), "{out}");
    assert!(out.contains("Exit status: 0 ok, 1 SQL or command error, 2 usage error, 130 interrupted."), "{out}");
}

#[test]
fn version_is_printed() {
    let out = Env::new().run(&["--version"], "").ok().to_string();
    assert_eq!(out, format!("talkcli {}\n", env!("CARGO_PKG_VERSION")));
}

#[test]
fn a_usage_error_goes_to_stderr_with_status_2() {
    let run = Env::new().run(&["--colour", "never"], "");
    assert!(run.fails(2).contains("unexpected argument '--colour'"), "{}", run.stderr);
    assert!(run.stdout.is_empty());
    let run = Env::new().run(&["completions", "tcsh"], "");
    assert!(run.fails(2).contains("invalid value 'tcsh'"), "{}", run.stderr);
}

#[test]
fn completions_for_bash_zsh_and_fish() {
    let env = Env::new();
    let checks = [("bash", "complete -F _talkcli"), ("zsh", "#compdef talkcli"), ("fish", "complete -c talkcli")];
    for (shell, marker) in checks {
        let out = env.run(&["completions", shell], "").ok().to_string();
        assert!(out.contains(marker), "{shell}: {out}");
        assert!(out.contains("init") && out.contains("execute"), "{shell} completes the options");
    }
}

#[test]
fn completion_script_loads_in_bash() {
    // The bash script must at least be valid shell: source it and ask for the function.
    let env = Env::new();
    let script = env.run(&["completions", "bash"], "").ok().to_string();
    let path = env.path("talkcli.bash");
    std::fs::write(&path, script).expect("write script");
    let out = crate::util::neutral(&mut std::process::Command::new("bash"), env.home())
        .arg("-c")
        .arg(format!("source {} && type -t _talkcli", path.display()))
        .output()
        .expect("run bash");
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "function", "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn man_page_is_roff_with_options_commands_and_statuses() {
    let out = Env::new().run(&["man"], "").ok().to_string();
    assert!(out.contains(".TH talkcli 1"), "{out}");
    assert!(out.contains(".SH NAME\ntalkcli \\- An interactive SQL shell"), "{out}");
    assert!(out.contains("\\-\\-init") && out.contains("\\-\\-yes"), "{out}");
    assert!(out.contains(".SH \"COMMANDS AT THE PROMPT\"") && out.contains("\\fB\\edt\\fR [PATTERN]"), "{out}");
    assert!(out.contains("\\fB\\&.schema\\fR"), "a leading dot must not read as a roff request");
    assert!(out.contains(".SH \"EXIT STATUS\"\n") && out.contains(".TP\n130\n"), "{out}");
}

#[test]
fn man_page_renders_with_man_when_installed() {
    let env = Env::new();
    let page = env.run(&["man"], "").ok().to_string();
    let path = env.path("talkcli.1");
    std::fs::write(&path, page).expect("write page");
    let Some(man) = crate::util::tool("man") else { return };
    let out = crate::util::neutral(&mut std::process::Command::new(man), env.home())
        .arg("-l")
        .arg(&path)
        .env("MANWIDTH", "100")
        .output()
        .expect("run man");
    assert!(out.status.success(), "man -l failed: {}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("COMMANDS AT THE PROMPT") && text.contains("\\dt"), "{text}");
}

/// docs/reference.md is what `talkcli reference` prints. `UPDATE_DOCS=1 cargo test --test integration
/// reference` rewrites it after a command, option or setting changed.
#[test]
fn reference_is_current() {
    let generated = Env::new().run(&["reference"], "").ok().to_string();
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/reference.md");
    if std::env::var_os("UPDATE_DOCS").is_some_and(|v| v == "1") {
        std::fs::write(&path, &generated).expect("write docs/reference.md");
    }
    let committed = std::fs::read_to_string(&path).expect("docs/reference.md");
    assert!(
        committed == generated,
        "docs/reference.md is stale: run `UPDATE_DOCS=1 cargo test --test integration reference` (or \
         `cargo run -q -- reference > docs/reference.md`)"
    );
}

#[test]
fn reference_lists_every_command_in_the_registry() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/reference.md");
    let md = std::fs::read_to_string(path).expect("docs/reference.md");
    talkcli::install_packs();
    for c in talkcli::all_commands() {
        assert!(md.contains(&format!("### `{}", c.name)), "{} missing from docs/reference.md", c.name);
        for alias in c.aliases {
            assert!(md.contains(&format!("`{alias}`")), "alias {alias} of {} missing", c.name);
        }
    }
    for k in talkcli::CONFIG_KEYS {
        assert!(md.contains(&format!("| `{}` |", k.name)), "setting {} missing", k.name);
    }
}

/// `cargo package` ships what the build needs (the schema and seed that `include_str!` compiles in,
/// the licences) and nothing of `target/` or the benchmark's `bench/out/`. `--offline`: no network.
#[test]
fn the_package_holds_what_the_build_needs_and_no_build_output() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let out = std::process::Command::new(cargo)
        .args(["package", "--list", "--allow-dirty", "--offline", "--quiet"])
        .current_dir(root)
        .output()
        .expect("run cargo package");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let list = String::from_utf8_lossy(&out.stdout);
    let files: std::collections::HashSet<&str> = list.lines().collect();
    for needed in
        ["schema.sql", "seed/catalogue/talks.tsv", "seed/writeups.sql", "LICENSE-MIT", "LICENSE-APACHE", "LICENSE-DATA"]
    {
        assert!(files.contains(needed), "{needed} missing from the package:\n{list}");
    }
    // Every file the code compiles in is shipped.
    for file in files.iter().filter(|f| f.starts_with("src/") && f.ends_with(".rs")) {
        let text = std::fs::read_to_string(root.join(file)).expect("read source");
        for arg in text.split("include_str!(\"").skip(1) {
            let rel = arg.split('"').next().unwrap_or_default();
            let target = root.join(file).parent().expect("dir").join(rel);
            let target = target.canonicalize().unwrap_or_else(|_| panic!("{file}: include_str!({rel:?}) not found"));
            let shipped = target.strip_prefix(root.canonicalize().expect("root")).expect("inside the crate");
            assert!(files.contains(shipped.to_str().expect("utf8")), "{file} includes {rel}, which is not packaged");
        }
    }
    assert!(!files.iter().any(|f| f.starts_with("target/") || f.starts_with("bench/out/")), "{list}");
}
