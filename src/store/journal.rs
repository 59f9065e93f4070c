//! The journal of operations not yet saved: `.journal/<id>.jsonl` in the
//! profiles folder, one per profile being edited.
//!
//! An editing session appends every operation ([`Op`]) it applies before it
//! tries to save, and clears the journal once a save has written them. A
//! save can fail (a full disk, an outside edit); a kill, a hang-up or a
//! Ctrl-C can end the session before a later save succeeds. The journal is
//! what is left: the next session that opens the profile replays it
//! (applies the operations to the file's profile, saves, clears it).
//!
//! So that the journal can still be written on a full disk, its space is
//! reserved when the profile is opened ([`JOURNAL_RESERVE`] bytes of
//! zeros, written and synced), and records are written in place over those
//! zeros: no block is allocated while the disk is full. (A copy-on-write
//! file system, btrfs or ZFS, allocates a new block for every write, even
//! in place: there a full disk can still refuse the journal; see the
//! README.)
//!
//! Format: lines of JSON, `{"ops":[...]}`, each one record, then zeros. A
//! record cut short by a kill (no newline, or not JSON) at the end is
//! ignored; it was never acknowledged. Opened relative to the folder's
//! handle without following links, like the other bookkeeping.

use std::fs::File;
use std::os::unix::fs::FileExt;
use std::path::PathBuf;

use crate::core::ops::Op;

use super::fsx::{self, BookError};
use super::{MAX_PROFILE_BYTES, Store, StoreError};

/// The folder of journals in the profiles folder.
pub const JOURNAL_DIR: &str = ".journal";

/// The space reserved for a profile's journal when it is opened: thousands
/// of answers, or a few hundred long notes.
pub const JOURNAL_RESERVE: u64 = 1024 * 1024;

#[derive(serde::Serialize, serde::Deserialize)]
struct Record {
    ops: Vec<Op>,
}

/// What a journal holds when it is opened.
#[derive(Debug, Default)]
pub struct Found {
    /// The operations recorded and never cleared, in order.
    pub ops: Vec<Op>,
    /// A record in the middle that does not read (the journal was written
    /// by something else): the journal must be kept, not replayed.
    pub unreadable: bool,
}

/// A profile's journal, open for appending.
#[derive(Debug)]
pub struct Journal {
    file: File,
    path: PathBuf,
    /// Where the next record goes: the end of the records.
    used: u64,
}

impl Journal {
    /// Where it is.
    pub fn path(&self) -> &std::path::Path {
        &self.path
    }

    /// Appends `ops` as one record, written in place and synced. Only once
    /// this returns are the operations safe from a kill.
    pub fn append(&mut self, ops: &[Op]) -> Result<(), StoreError> {
        if ops.is_empty() {
            return Ok(());
        }
        let mut line = serde_json::to_vec(&Record { ops: ops.to_vec() }).unwrap_or_default();
        line.push(b'\n');
        self.file
            .write_all_at(&line, self.used)
            .and_then(|()| self.file.sync_data())
            .map_err(|e| self.io("cannot write the journal", e))?;
        self.used += line.len() as u64;
        Ok(())
    }

    /// Empties the journal (its records zeroed in place, the space kept):
    /// after a save that wrote every operation in it.
    pub fn clear(&mut self) -> Result<(), StoreError> {
        if self.used == 0 {
            return Ok(());
        }
        let zeros = vec![0u8; self.used as usize];
        self.file
            .write_all_at(&zeros, 0)
            .and_then(|()| self.file.sync_data())
            .map_err(|e| self.io("cannot clear the journal", e))?;
        self.used = 0;
        Ok(())
    }

    /// Whether any record is in it.
    pub fn is_empty(&self) -> bool {
        self.used == 0
    }

    fn io(&self, what: &str, e: std::io::Error) -> StoreError {
        StoreError::Io {
            path: self.path.clone(),
            cause: format!("{what}: {e}"),
        }
    }
}

/// Reads the records of a journal's bytes.
fn parse(bytes: &[u8]) -> (Found, u64) {
    let end = bytes.iter().position(|b| *b == 0).unwrap_or(bytes.len());
    let text = &bytes[..end];
    let mut found = Found::default();
    let mut used = 0u64;
    let mut rest = text;
    while !rest.is_empty() {
        let Some(nl) = rest.iter().position(|b| *b == b'\n') else {
            // the last record, cut short by a kill: never acknowledged
            break;
        };
        let line = &rest[..nl];
        rest = &rest[nl + 1..];
        match serde_json::from_slice::<Record>(line) {
            Ok(record) => found.ops.extend(record.ops),
            Err(_) if rest.is_empty() => break,
            Err(_) => found.unreadable = true,
        }
        used += nl as u64 + 1;
    }
    if found.unreadable {
        // appending after garbage would hide it: append after everything
        used = end as u64;
    }
    (found, used)
}

impl Store {
    /// Opens profile `id`'s journal (creating it, and reserving
    /// [`JOURNAL_RESERVE`] bytes for it), with what it already holds.
    pub fn open_journal(&self, id: &str) -> Result<(Journal, Found), StoreError> {
        self.path_of(id)?;
        let name = format!("{id}.jsonl");
        let dir_path = self.dir().join(JOURNAL_DIR);
        let path = dir_path.join(&name);
        let root = self.root()?;
        let dir = self
            .book_dir(&root, JOURNAL_DIR, true)?
            .expect("created when missing");
        let file = fsx::open_rw(&dir, &dir_path, &name, self.modes())?;
        let io = |e: std::io::Error| StoreError::Io {
            path: path.clone(),
            cause: format!("cannot reserve space for the journal: {e}"),
        };
        let len = file.metadata().map_err(io)?.len();
        let bytes = if len == 0 {
            vec![]
        } else {
            fsx::read_limited(&dir, &dir_path, &name, MAX_PROFILE_BYTES)?.unwrap_or_default()
        };
        let (found, used) = parse(&bytes);
        if len < JOURNAL_RESERVE {
            // real zeros, not a hole: the blocks are the disk's now
            let zeros = vec![0u8; (JOURNAL_RESERVE - len) as usize];
            file.write_all_at(&zeros, len).map_err(io)?;
            file.sync_all().map_err(io)?;
            let _ = rustix::fs::fsync(&dir);
        }
        Ok((Journal { file, path, used }, found))
    }

    /// Keeps profile `id`'s journal under a name of its own
    /// (`.journal/<id>.jsonl.kept-<time>`), when its operations no longer
    /// apply to the file: the name, to tell the user.
    pub fn keep_journal(&self, id: &str) -> Result<PathBuf, StoreError> {
        self.path_of(id)?;
        let name = format!("{id}.jsonl");
        let dir_path = self.dir().join(JOURNAL_DIR);
        let root = self.root()?;
        let dir = self
            .book_dir(&root, JOURNAL_DIR, true)?
            .expect("created when missing");
        let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%S");
        fsx::move_unique(
            &dir,
            &name,
            &dir,
            &dir_path,
            &format!("{name}.kept-{stamp}"),
            "",
        )
        .map_err(|e: BookError| e.into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_torn_last_record_is_ignored_and_a_bad_middle_one_is_named() {
        let good = br#"{"ops":[{"op":"confirm_answer","assessment":"a","indicator":"b"}]}"#;
        let mut bytes = good.to_vec();
        bytes.push(b'\n');
        bytes.extend_from_slice(br#"{"ops":[{"op":"conf"#);
        bytes.extend_from_slice(&[0; 16]);
        let (found, used) = parse(&bytes);
        assert_eq!(found.ops.len(), 1);
        assert!(!found.unreadable);
        assert_eq!(used, good.len() as u64 + 1);
        let mut bad = b"not json\n".to_vec();
        bad.extend_from_slice(good);
        bad.push(b'\n');
        let (found, _) = parse(&bad);
        assert!(found.unreadable);
        assert_eq!(found.ops.len(), 1);
    }
}
