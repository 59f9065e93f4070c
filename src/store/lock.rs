//! One editor per profile. A lock is an exclusive advisory lock
//! (`File::try_lock`, flock on Unix) on `.locks/<id>.lock` in the profiles
//! folder; the file also holds who took it (pid, host, since) so the next
//! session can say who holds the profile. The operating system releases the
//! lock when its process ends, however it ends, so a lock left by a dead
//! process is simply taken over; the file is never deleted (deleting it would
//! let two processes lock two different files).

use std::fs::{File, TryLockError};
use std::io::{Seek, SeekFrom, Write};
use std::os::fd::AsFd;
use std::path::Path;

use chrono::{DateTime, SubsecRound, Utc};
use serde::{Deserialize, Serialize};

use super::fsx::{self, BookError, Modes};

/// Who holds (or last held) a profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Holder {
    pub pid: u32,
    pub host: String,
    pub since: DateTime<Utc>,
}

impl std::fmt::Display for Holder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // worded in src/text/store.rs; the host name escaped there
        f.write_str(&self.message(crate::core::Lang::En))
    }
}

impl Holder {
    fn me() -> Holder {
        Holder {
            pid: std::process::id(),
            host: gethostname::gethostname().to_string_lossy().into_owned(),
            since: Utc::now().trunc_subsecs(0),
        }
    }
}

/// A held lock; dropping it releases the profile.
#[derive(Debug)]
pub struct ProfileLock {
    id: String,
    _file: File,
}

impl ProfileLock {
    pub fn id(&self) -> &str {
        &self.id
    }
}

#[derive(Debug)]
pub enum LockOutcome {
    /// The lock is ours. `took_over` names a previous holder that had ended
    /// without releasing the profile cleanly (its record was still there).
    Acquired {
        lock: ProfileLock,
        took_over: Option<Holder>,
    },
    /// Another process holds the profile; `None` when its record is unreadable.
    Held(Option<Holder>),
}

/// Largest lock record read: a record is under a hundred bytes.
const MAX_RECORD_BYTES: u64 = 4096;

/// Tries to lock profile `id`, without waiting. The lock file is opened in
/// the lock folder's handle `lock_dir` (at `lock_dir_path`), never through
/// a link.
pub(crate) fn try_lock(
    lock_dir: impl AsFd,
    lock_dir_path: &Path,
    id: &str,
    modes: Modes,
) -> Result<LockOutcome, BookError> {
    let name = format!("{id}.lock");
    let mut file = fsx::open_rw(&lock_dir, lock_dir_path, &name, modes)?;
    let io = |e: std::io::Error| BookError::Io(lock_dir_path.join(&name), e);
    match file.try_lock() {
        Ok(()) => {}
        Err(TryLockError::WouldBlock) => return Ok(LockOutcome::Held(read_holder(&mut file))),
        Err(TryLockError::Error(e)) => return Err(io(e)),
    }
    let took_over = read_holder(&mut file);
    let record = serde_json::to_string(&Holder::me()).unwrap_or_default();
    file.set_len(0).map_err(io)?;
    file.seek(SeekFrom::Start(0)).map_err(io)?;
    file.write_all(record.as_bytes()).map_err(io)?;
    // A record from a clean release is empty; one left behind means the
    // previous holder ended without releasing (killed, crashed, hung up).
    Ok(LockOutcome::Acquired {
        lock: ProfileLock {
            id: id.to_string(),
            _file: file,
        },
        took_over,
    })
}

/// The record in a lock file, read under a size limit (a huge or sparse
/// file is not a record).
fn read_holder(file: &mut File) -> Option<Holder> {
    file.seek(SeekFrom::Start(0)).ok()?;
    let bytes = fsx::read_file_limited(&mut *file, MAX_RECORD_BYTES).ok()?;
    serde_json::from_slice(&bytes).ok()
}

impl Drop for ProfileLock {
    fn drop(&mut self) {
        // Clear the record so the next holder knows this one ended cleanly;
        // the OS releases the lock itself when the file is closed.
        let _ = self._file.set_len(0);
    }
}
