//! The user's own files stay what the user made them: history and named queries are written
//! through a symlink (a dotfiles repository's link stays a link), temporary files a killed
//! talkcli left are removed by the next save, a save that fails is said once a session, and the
//! config (which names the pager and the rc file run at start-up) is private whatever the umask.

use std::os::unix::fs::PermissionsExt;

use crate::util::{Env, Pty};

fn mode(path: &std::path::Path) -> u32 {
    std::fs::metadata(path).expect("metadata").permissions().mode() & 0o777
}

#[test]
fn history_and_named_queries_are_saved_through_symlinks_and_leftovers_removed() {
    let env = Env::new();
    env.sql("select 1;").ok();
    let data = env.data_dir();
    let dotfiles = env.path("dotfiles");
    std::fs::create_dir_all(&dotfiles).expect("mkdir");
    std::fs::write(dotfiles.join("named.json"), "{}\n").expect("write");
    // One link to a file that exists, one to a file not made yet.
    std::os::unix::fs::symlink(dotfiles.join("named.json"), data.join("named_queries.json")).expect("link");
    std::os::unix::fs::symlink("../../../dotfiles/history", data.join("history")).expect("link");
    // What kill -9 in the middle of a save leaves (no process has this id).
    for leftover in [".history.tmp-2147483000", ".named_queries.json.tmp-2147483000"] {
        std::fs::write(data.join(leftover), "half").expect("leftover");
    }
    for leftover in [".history.tmp-2147483000", ".named.json.tmp-2147483000"] {
        std::fs::write(dotfiles.join(leftover), "half").expect("leftover");
    }
    let mut pty = Pty::spawn_sized(&env, 80, 24, &[], &[]);
    pty.line("select 'typed' as t;");
    pty.expect("| typed |");
    pty.line("\\fs linked select 42");
    pty.expect("saved named query linked");
    pty.line("\\q");
    assert_eq!(pty.wait_exit(), 0);

    for link in ["history", "named_queries.json"] {
        let meta = std::fs::symlink_metadata(data.join(link)).expect("link");
        assert!(meta.file_type().is_symlink(), "{link} was replaced by a regular file");
    }
    let history = std::fs::read_to_string(dotfiles.join("history")).expect("history at the link's target");
    assert!(history.contains("select 'typed' as t;"), "{history}");
    let named = std::fs::read_to_string(dotfiles.join("named.json")).expect("named queries");
    assert!(named.contains("select 42"), "{named}");
    assert_eq!(mode(&dotfiles.join("history")), 0o600);
    for dir in [&data, &dotfiles] {
        let left: Vec<String> = std::fs::read_dir(dir)
            .expect("list")
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains(".tmp-"))
            .collect();
        assert!(left.is_empty(), "left in {}: {left:?}", dir.display());
    }
}

#[test]
fn a_history_that_cannot_be_saved_is_said_once_a_session() {
    let env = Env::new();
    env.sql("select 1;").ok();
    // A directory where the history file should be: every save fails.
    std::fs::create_dir_all(env.data_dir().join("history")).expect("mkdir");
    let mut pty = Pty::spawn_sized(&env, 80, 24, &[], &[]);
    pty.line("select 'one' as a;");
    let first = pty.expect("| one |");
    pty.line("select 'two' as b;");
    let second = pty.expect("| two |");
    pty.line("select 'three' as c;");
    let third = pty.expect("| three |");
    pty.line("\\q");
    assert_eq!(pty.wait_exit(), 0);
    let all = format!("{first}{second}{third}");
    assert_eq!(all.matches("could not save history").count(), 1, "{all}");
}

#[test]
fn the_config_directory_and_file_are_private_whatever_the_umask() {
    let env = Env::first_run();
    let mut cmd = crate::util::neutral_shell(&env, "sh");
    cmd.args(["-c", "umask 000 && \"$1\" -e 'select 1;'", "sh", crate::util::BIN]);
    let out = cmd.output().expect("run");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let dir = env.home().join(".config/talkcli");
    assert_eq!(mode(&dir), 0o700);
    assert_eq!(mode(&dir.join("config.toml")), 0o600);
}
