//! The swap of an output folder that is a mount point: its entries one by
//! one, under a journal.
//!
//! Nothing can be renamed onto a mount point from outside it, so the new
//! output is assembled inside the folder (`.handout-staging`) and each of
//! its top-level entries (`site/`, `handout.pdf`…) is exchanged with the
//! old one in one atomic step, the old one then put aside
//! (`.handout-old`). Before the first exchange, the journal
//! (`.handout-swap`) lists every new entry with its inode: it says the new
//! output is complete, and which entries are already in (an entry in
//! place whose inode is the journal's). A build that finds a journal
//! completes that swap before anything else, so after a crash the next
//! build shows the reader the new output whole; a crash before the journal
//! leaves the old output whole, and the staging folder is removed.

use std::collections::BTreeSet;
use std::path::Path;

use anyhow::{Context, Result};

use super::places::{MARKER, Places, io, remove};

/// Swaps the staging folder's entries into `dir`.
pub(super) fn swap(dir: &Path, places: &Places) -> Result<()> {
    let Some(journal) = &places.journal else {
        anyhow::bail!("an entry-wise swap needs a journal");
    };
    let mut names: Vec<String> = io("read the staging folder", &places.staging, || {
        std::fs::read_dir(&places.staging)?
            .map(|entry| entry.map(|e| e.file_name().to_string_lossy().into_owned()))
            .collect()
    })?;
    names.sort();
    // The list of files goes last: until it changes, a reader (and a build)
    // takes the folder for the old one.
    names.sort_by_key(|name| name == MARKER);
    let mut lines = String::new();
    for name in &names {
        let inode = io("read", &places.staging.join(name), || {
            std::fs::symlink_metadata(places.staging.join(name)).map(|m| inode(&m))
        })?;
        lines.push_str(&format!("{inode}\t{name}\n"));
    }
    io("create the folder", &places.previous, || {
        std::fs::create_dir_all(&places.previous)
    })?;
    // Written whole, then named: a journal is complete or absent.
    let draft = places.previous.join("journal");
    io("write", &draft, || std::fs::write(&draft, &lines))?;
    io("write the journal", journal, || {
        std::fs::rename(&draft, journal)
    })?;
    complete(dir, places)
}

/// Completes the swap its journal describes: every new entry in place,
/// every old one aside, then the journal removed.
pub(super) fn complete(dir: &Path, places: &Places) -> Result<()> {
    let Some(journal) = &places.journal else {
        return Ok(());
    };
    let text = io("read the journal", journal, || {
        std::fs::read_to_string(journal)
    })?;
    io("create the folder", &places.previous, || {
        std::fs::create_dir_all(&places.previous)
    })?;
    let mut names = BTreeSet::new();
    for line in text.lines() {
        let (inode, name) = line
            .split_once('\t')
            .with_context(|| format!("the journal {} is damaged", journal.display()))?;
        let inode: u64 = inode
            .parse()
            .with_context(|| format!("the journal {} is damaged", journal.display()))?;
        // Only plain names of the folder itself.
        if name.is_empty() || name.contains('/') || name == "." || name == ".." {
            anyhow::bail!("the journal {} is damaged", journal.display());
        }
        names.insert(name.to_string());
        put_in(dir, places, name, inode)?;
    }
    // Old entries the new output has not: aside too.
    let reserved = places.reserved();
    let current: Vec<String> = io("read the output folder", dir, || {
        std::fs::read_dir(dir)?
            .map(|entry| entry.map(|e| e.file_name().to_string_lossy().into_owned()))
            .collect()
    })?;
    for name in current {
        if !names.contains(&name) && !reserved.contains(&name.as_str()) {
            set_aside(dir, places, &name)?;
        }
    }
    io("remove the journal", journal, || {
        std::fs::remove_file(journal)
    })?;
    if std::fs::symlink_metadata(&places.staging).is_ok() {
        remove(&places.staging)?;
    }
    Ok(())
}

/// Puts the new entry `name` in place, unless the entry in place is it
/// already (its inode is the journal's).
fn put_in(dir: &Path, places: &Places, name: &str, new_inode: u64) -> Result<()> {
    let (current, new) = (dir.join(name), places.staging.join(name));
    let in_place = std::fs::symlink_metadata(&current).is_ok_and(|m| inode(&m) == new_inode);
    let waiting = std::fs::symlink_metadata(&new).is_ok();
    if in_place {
        // Exchanged before a crash: what waits is the old entry.
        if waiting {
            move_aside(&new, places, name)?;
        }
        return Ok(());
    }
    if !waiting {
        // Nothing left to put in: the entry in place is the newest there is.
        return Ok(());
    }
    if std::fs::symlink_metadata(&current).is_err() {
        return io("move the new output into", &current, || {
            std::fs::rename(&new, &current)
        });
    }
    #[cfg(target_os = "linux")]
    match super::places::exchange(&new, &current) {
        // The old entry now waits where the new one was.
        Ok(()) => return move_aside(&new, places, name),
        Err(error) if !super::places::unsupported(&error) => return Err(error),
        Err(_) => {}
    }
    set_aside(dir, places, name)?;
    io("move the new output into", &current, || {
        std::fs::rename(&new, &current)
    })
}

/// Moves the old entry `name` of the folder aside.
fn set_aside(dir: &Path, places: &Places, name: &str) -> Result<()> {
    move_aside(&dir.join(name), places, name)
}

fn move_aside(from: &Path, places: &Places, name: &str) -> Result<()> {
    let to = places.previous.join(name);
    if std::fs::symlink_metadata(&to).is_ok() {
        remove(&to)?;
    }
    io("move the old output to", &to, || std::fs::rename(from, &to))
}

#[cfg(unix)]
fn inode(meta: &std::fs::Metadata) -> u64 {
    std::os::unix::fs::MetadataExt::ino(meta)
}

#[cfg(not(unix))]
fn inode(_: &std::fs::Metadata) -> u64 {
    0
}
