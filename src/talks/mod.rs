//! The talks pack: the bundled catalogue and its upgrades, the pyvideo importer, the talk
//! shortcuts, search ranking, accent folding, favorites, title links and the talk values
//! completion offers.

pub(crate) mod catalogue;
pub(crate) mod favorites;
pub(crate) mod import_command;
pub(crate) mod open_link;
pub(crate) mod person_names;
pub(crate) mod pyvideo;
pub(crate) mod search;
pub(crate) mod search_rank;
pub(crate) mod shortcuts;
pub(crate) mod talk_card;
pub(crate) mod title_links;
pub(crate) mod unaccent;

use crate::engine::command::Pack;
use crate::engine::db::Opened;

/// The bundled talk database as the engine's home database.
pub(crate) fn open_home(read_only: bool) -> anyhow::Result<Opened> {
    let opened = catalogue::open_bundled(read_only)?;
    Ok(Opened { conn: opened.conn, path: opened.path, warning: opened.warning })
}

/// The talks pack's registration: the shortcuts, search, favorites and links, the `unaccent`
/// function their SQL uses, and the talk kinds completion offers after `--kind`.
pub static PACK: Pack = Pack {
    topics: &[
        ("Talks", &[shortcuts::COMMANDS]),
        ("Search", &[search::COMMANDS]),
        ("Favorites", &[favorites::COMMANDS]),
        ("Import and export", &[import_command::COMMANDS]),
        ("Charts, facets and links", &[open_link::COMMANDS]),
    ],
    functions: unaccent::register,
    unsupported: |_| None,
    words: None,
    values: |option| if option == "--kind" { shortcuts::KINDS } else { &[] },
};

#[cfg(test)]
mod tests {
    #[test]
    fn every_command_has_help_with_an_example() {
        for (_, slices) in crate::talks::PACK.topics {
            for c in slices.iter().flat_map(|s| s.iter()) {
                assert!(!c.summary.is_empty() && c.help.contains("Example"), "{} lacks an example", c.name);
            }
        }
    }
}
