//! One editor per profile. A lock is an exclusive advisory lock
//! (`File::try_lock`, flock on Unix) on `.locks/<id>.lock` in the profiles
//! folder; the file also holds who took it (pid, host, since) so the next
//! session can say who holds the profile. The operating system releases the
//! lock when its process ends, however it ends, so a lock left by a dead
//! process is simply taken over; the file is never deleted (deleting it would
//! let two processes lock two different files).

use std::fs::{self, File, OpenOptions, TryLockError};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use chrono::{DateTime, SubsecRound, Utc};
use serde::{Deserialize, Serialize};

/// Who holds (or last held) a profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Holder {
    pub pid: u32,
    pub host: String,
    pub since: DateTime<Utc>,
}

impl std::fmt::Display for Holder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "process {} on {} since {}",
            self.pid,
            self.host,
            self.since.format("%Y-%m-%d %H:%M:%S UTC")
        )
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

pub(crate) fn lock_path(lock_dir: &Path, id: &str) -> PathBuf {
    lock_dir.join(format!("{id}.lock"))
}

/// Tries to lock profile `id`, without waiting.
pub(crate) fn try_lock(lock_dir: &Path, id: &str) -> io::Result<LockOutcome> {
    fs::create_dir_all(lock_dir)?;
    let mut file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(lock_path(lock_dir, id))?;
    match file.try_lock() {
        Ok(()) => {}
        Err(TryLockError::WouldBlock) => return Ok(LockOutcome::Held(read_holder(&mut file))),
        Err(TryLockError::Error(e)) => return Err(e),
    }
    let took_over = read_holder(&mut file);
    let record = serde_json::to_string(&Holder::me()).unwrap_or_default();
    file.set_len(0)?;
    file.seek(SeekFrom::Start(0))?;
    file.write_all(record.as_bytes())?;
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

fn read_holder(file: &mut File) -> Option<Holder> {
    let mut text = String::new();
    file.seek(SeekFrom::Start(0)).ok()?;
    file.read_to_string(&mut text).ok()?;
    serde_json::from_str(&text).ok()
}

impl Drop for ProfileLock {
    fn drop(&mut self) {
        // Clear the record so the next holder knows this one ended cleanly;
        // the OS releases the lock itself when the file is closed.
        let _ = self._file.set_len(0);
    }
}
