//! The store: the only code that touches the disk.
//!
//! One pretty-printed JSON file per city, `<id>.json`, in the profiles
//! folder. Writes are atomic ([`atomic`]); one process edits a profile at a
//! time ([`lock`]); a file that does not parse is reported with its path,
//! line and column and is never overwritten, moved or deleted.
//!
//! The command line touches the disk only through here: the one folder
//! scan ([`Store::scan`]), loads, saves, imports, and exports
//! ([`Store::check_export_path`], [`Store::write_export`]); the
//! interface's export goes through the same two.
//!
//! For an editing session: [`Store::load`] gives a [`Loaded`] with its
//! [`Fingerprint`]; [`Store::save_checked`] takes the fingerprint of what
//! the session last read or wrote and returns the new one, and refuses
//! with [`StoreError::Changed`] (naming the file and this session's
//! version kept beside it) when the file changed on disk in between.
//! Operations not yet saved wait in the profile's journal ([`journal`]).
//! Citydx's own bookkeeping (`.locks`, `.drafts`, `.journal`, `.cache`,
//! `trash`) is reached without following links (`fsx.rs`). Every message is worded in
//! `src/text/store.rs` in both languages (`message(lang)`).

pub mod atomic;
mod fsx;
pub mod hostkey;
mod index;
pub mod invites;
pub mod journal;
pub mod lock;
pub mod serve_log;
pub mod settings;
pub mod shared;

use std::fs;
use std::hash::Hasher;
use std::os::fd::OwnedFd;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};

use crate::core::id::check_id;
use crate::core::profile::{Profile, SCHEMA_VERSION};

pub use fsx::Modes;
pub use index::SummaryListing;
pub use journal::{JOURNAL_DIR, JOURNAL_RESERVE, Journal};
pub use lock::{Holder, LockOutcome, ProfileLock};

use fsx::BookError;

/// Largest profile file the store reads. A realistic profile is tens of
/// kilobytes; anything this big is not a profile and is not read into memory.
pub const MAX_PROFILE_BYTES: u64 = 8 * 1024 * 1024;

const LOCK_DIR: &str = ".locks";
const DRAFT_DIR: &str = ".drafts";
const TRASH_DIR: &str = "trash";

/// Everything that can go wrong in the store, each naming the file or the
/// input and the cause in one line.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StoreError {
    Folder {
        path: PathBuf,
        cause: String,
    },
    BadId {
        input: String,
        why: crate::core::id::IdError,
    },
    NotFound {
        id: String,
        dir: PathBuf,
    },
    Io {
        path: PathBuf,
        cause: String,
    },
    TooLarge {
        path: PathBuf,
        size: u64,
        limit: u64,
    },
    NotUtf8 {
        path: PathBuf,
        offset: usize,
    },
    Parse {
        path: PathBuf,
        line: usize,
        column: usize,
        cause: String,
    },
    Invalid {
        path: PathBuf,
        problems: Vec<crate::core::validate::Problem>,
    },
    Exists {
        id: String,
        path: PathBuf,
    },
    Locked {
        path: PathBuf,
        holder: Option<Holder>,
    },
    ReadOnly {
        path: PathBuf,
        reason: ReadOnly,
    },
    /// The lock could not be taken (the lock folder or file cannot be made
    /// or written): the operating system's cause.
    CannotLock {
        path: PathBuf,
        profile: PathBuf,
        cause: String,
    },
    /// A bookkeeping folder or file (`.locks`, `.drafts`, `.cache`,
    /// `trash`) is a symbolic link, which citydx never follows.
    Linked {
        path: PathBuf,
    },
    /// The file changed on disk since this session read or wrote it: it is
    /// left as it is, and this session's version is kept beside it.
    Changed {
        path: PathBuf,
        kept: PathBuf,
    },
    /// A version kept beside a profile after an outside change.
    Kept {
        path: PathBuf,
        of: PathBuf,
    },
    /// The file on disk does not parse: citydx never replaces it.
    WontReplace {
        path: PathBuf,
        cause: String,
    },
    TooLargeToSave {
        path: PathBuf,
        size: u64,
        limit: u64,
    },
    ReservedId {
        id: String,
    },
    /// A file in the folder whose name is not a profile id, holding
    /// profile `id`.
    NameNotId {
        path: PathBuf,
        id: String,
    },
    Export {
        path: PathBuf,
        why: ExportRefusal,
    },
    /// An operation the core refused; nothing was written.
    Edit {
        path: PathBuf,
        error: crate::core::ops::EditError,
    },
}

/// Something the trash holds that can be restored.
#[derive(Debug, Clone, PartialEq)]
pub struct TrashItem {
    /// The file's name in `trash/`.
    pub file: String,
    /// The profile's id.
    pub profile: String,
    pub name: crate::core::lang::Text,
    pub kind: TrashKind,
    /// When it went to the trash, as its name says (`20261203T081500...`).
    pub when: String,
}

#[derive(Debug, Clone, PartialEq)]
pub enum TrashKind {
    /// A profile trashed whole.
    Profile,
    /// An assessment deleted from the profile: its id, date and number
    /// (1-based) in the copy.
    Assessment {
        id: String,
        date: chrono::NaiveDate,
        number: usize,
    },
}

/// Reads a trashed file's name: `<id>.<time>[-n].json` (a profile;
/// `None`), or `<id>.assessment-<uuid>.<time>.json` (an assessment:
/// `Some(its id)`); with the profile id and the time. Anything else (the
/// version-1 copies, a respondent's removal) is not offered.
pub fn parse_trash_name(file: &str) -> Option<(Option<String>, String, String)> {
    let stem = file.strip_suffix(".json")?;
    let (id, rest) = stem.split_once('.')?;
    check_id(id).ok()?;
    if let Some(rest) = rest.strip_prefix("assessment-") {
        let (assessment, when) = rest.split_once('.')?;
        crate::core::uid::is_uid(assessment).then_some(())?;
        return Some((
            Some(assessment.to_string()),
            id.to_string(),
            when.to_string(),
        ));
    }
    // a whole profile: the time alone, digits and `T`, maybe `-n`
    let time = rest.split('-').next()?;
    (time.len() == 15
        && time.chars().all(|c| c.is_ascii_digit() || c == 'T')
        && !rest.contains('.'))
    .then(|| (None, id.to_string(), rest.to_string()))
}

/// Why an export (`-o`, the interface's export) is refused.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExportRefusal {
    /// Inside the profiles folder (bookkeeping folders included), resolved
    /// through links and `..`.
    InProfilesFolder(PathBuf),
    /// An existing file that is not a regular file (a device, a pipe).
    NotRegular,
    /// A folder.
    Folder,
    /// The folder to write in does not exist or cannot be resolved.
    NoFolder(String),
}

impl std::fmt::Display for ExportRefusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(crate::core::Lang::En))
    }
}

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // worded in src/text/store.rs, in both languages
        f.write_str(&self.message(crate::core::Lang::En))
    }
}

impl std::error::Error for StoreError {}

/// Why a profile can be read but not written.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReadOnly {
    /// Written by a newer citydx with this schema version.
    NewerSchema(u32),
    /// The file is a symbolic link; the store never writes through one.
    Symlink,
    /// Another process holds the profile.
    Held(Option<Holder>),
    /// The folder or the file cannot be written.
    NotWritable,
    /// The file's owner-write permission bit is off (write-protected).
    WriteProtected,
    /// The file's id is not its file name's: it opens read-only.
    IdMismatch { file: String, id: String },
    /// The lock could not be taken: the operating system's cause (a full
    /// disk, a folder that cannot be written, a linked `.locks`).
    CannotLock(String),
}

impl std::fmt::Display for ReadOnly {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(crate::core::Lang::En))
    }
}

/// A profile read from disk.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub profile: Profile,
    pub path: PathBuf,
    /// Why it must not be written, if so (a newer schema, a symlink).
    pub read_only: Option<ReadOnly>,
    /// What identifies the version read, for [`Store::save_checked`];
    /// `None` for a profile not read from a file.
    pub fingerprint: Option<Fingerprint>,
}

/// What identifies one version of a profile file: its size, modification
/// time and inode (the fast path), and a hash of its bytes (the answer when
/// the fast path differs, say after a `touch`). Only ever compared within
/// one process.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fingerprint {
    size: u64,
    mtime_ns: i128,
    inode: u64,
    hash: u64,
}

impl Fingerprint {
    fn of(meta: &fs::Metadata, bytes: &[u8]) -> Fingerprint {
        Fingerprint {
            size: meta.len(),
            mtime_ns: mtime_ns(meta),
            inode: meta.ino(),
            hash: hash_bytes(bytes),
        }
    }

    fn same_stat(&self, meta: &fs::Metadata) -> bool {
        self.size == meta.len() && self.mtime_ns == mtime_ns(meta) && self.inode == meta.ino()
    }
}

fn mtime_ns(meta: &fs::Metadata) -> i128 {
    i128::from(meta.mtime()) * 1_000_000_000 + i128::from(meta.mtime_nsec())
}

fn hash_bytes(bytes: &[u8]) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    h.write(bytes);
    h.finish()
}

/// What the folder holds, from one scan (every listing and `validate` use
/// it).
#[derive(Debug, Default)]
pub struct Scan {
    /// File names of profiles (`*.json`, not hidden), sorted.
    pub profiles: Vec<String>,
    /// Versions kept beside a profile after an outside change
    /// (`<id>.json.kept-...`), as errors naming both files.
    pub kept: Vec<StoreError>,
    /// Files named like profiles that cannot be read by name (not UTF-8).
    pub odd: Vec<StoreError>,
}

/// What a save expects to find on disk.
enum Expect<'a> {
    /// No file yet (a new profile).
    New,
    /// The version this session last read or wrote.
    Version(&'a Fingerprint),
    /// Whatever is there, if it parses.
    AnyParsing,
}

/// The profiles folder.
#[derive(Debug, Clone)]
pub struct Store {
    dir: PathBuf,
    modes: Modes,
}

impl Store {
    /// The store on an existing folder.
    pub fn open(dir: impl Into<PathBuf>) -> Result<Store, StoreError> {
        let dir = dir.into();
        match fs::metadata(&dir) {
            Ok(meta) if meta.is_dir() => Ok(Store {
                dir,
                modes: Modes::for_folder(meta.permissions().mode()),
            }),
            Ok(_) => Err(StoreError::Folder {
                path: dir,
                cause: "is a file, not a folder".into(),
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(StoreError::Folder {
                path: dir,
                cause: "does not exist (create it, or leave out --dir and CITYDX_PROFILES to use the default folder)".into(),
            }),
            Err(e) => Err(StoreError::Folder {
                path: dir,
                cause: e.to_string(),
            }),
        }
    }

    /// The store on the platform's data folder, created on first use. The
    /// folder is under HOME: a HOME that is unset, empty or relative is
    /// refused (it would put folders in odd places).
    pub fn open_default() -> Result<Store, StoreError> {
        let home = std::env::var_os("HOME").unwrap_or_default();
        if home.is_empty() || !Path::new(&home).is_absolute() {
            return Err(StoreError::Folder {
                path: PathBuf::from(&home),
                cause: "the environment variable HOME is unset, empty or not an absolute path, so there is no default profiles folder; set HOME, or use --dir or CITYDX_PROFILES".into(),
            });
        }
        let dir = default_dir().ok_or_else(|| StoreError::Folder {
            path: PathBuf::from("?"),
            cause: "no home folder to put the default profiles folder in; use --dir".into(),
        })?;
        fs::create_dir_all(&dir).map_err(|e| StoreError::Folder {
            path: dir.clone(),
            cause: format!("cannot create it: {e}"),
        })?;
        Store::open(dir)
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Permissions of what the store creates here (group permissions in a
    /// group-shared folder).
    pub fn modes(&self) -> Modes {
        self.modes
    }

    /// The file of profile `id`; refuses any id that could leave the folder.
    pub fn path_of(&self, id: &str) -> Result<PathBuf, StoreError> {
        check_id(id).map_err(|why| StoreError::BadId {
            input: id.to_string(),
            why,
        })?;
        Ok(self.dir.join(format!("{id}.json")))
    }

    pub fn exists(&self, id: &str) -> Result<bool, StoreError> {
        let path = self.path_of(id)?;
        Ok(fs::symlink_metadata(path).is_ok())
    }

    /// Reads profile `id` (the file `<id>.json`). A file whose own id
    /// differs from its name opens read-only, the mismatch named.
    pub fn load(&self, id: &str) -> Result<Loaded, StoreError> {
        let path = self.path_of(id)?;
        if fs::symlink_metadata(&path).is_err() {
            return Err(StoreError::NotFound {
                id: id.to_string(),
                dir: self.dir.clone(),
            });
        }
        let mut loaded = load_file(&path)?;
        if loaded.profile.id != id {
            loaded.read_only = Some(ReadOnly::IdMismatch {
                file: id.to_string(),
                id: loaded.profile.id.clone(),
            });
        }
        Ok(loaded)
    }

    /// The folder's entries, looked at once: profile files, kept versions,
    /// and names that cannot be read.
    pub fn scan(&self) -> Result<Scan, StoreError> {
        let entries = fs::read_dir(&self.dir).map_err(|e| StoreError::Folder {
            path: self.dir.clone(),
            cause: e.to_string(),
        })?;
        let mut scan = Scan::default();
        for entry in entries.filter_map(Result::ok) {
            let raw = entry.file_name();
            let bytes = raw.as_encoded_bytes();
            if bytes.starts_with(b".") {
                continue;
            }
            match raw.to_str() {
                Some(name) if name.ends_with(".json") => scan.profiles.push(name.to_string()),
                Some(name) => {
                    if let Some(at) = name.find(".json.kept-") {
                        scan.kept.push(StoreError::Kept {
                            path: self.dir.join(name),
                            of: self.dir.join(&name[..at + 5]),
                        });
                    }
                }
                None if bytes.ends_with(b".json") => {
                    // shown escaped: the name is not text
                    let shown = bytes.escape_ascii().to_string();
                    scan.odd.push(StoreError::Io {
                        path: self.dir.join(shown),
                        cause: "the file name is not valid UTF-8 text; not read (rename the file)"
                            .into(),
                    });
                }
                None => {}
            }
        }
        scan.profiles.sort();
        Ok(scan)
    }

    fn root(&self) -> Result<OwnedFd, StoreError> {
        fsx::open_root(&self.dir).map_err(|e| StoreError::Folder {
            path: self.dir.clone(),
            cause: e.to_string(),
        })
    }

    /// Bookkeeping folder `name`, never through a link; created if
    /// `create`.
    fn book_dir(
        &self,
        root: &OwnedFd,
        name: &str,
        create: bool,
    ) -> Result<Option<OwnedFd>, StoreError> {
        let dir = fsx::sub_dir(root, &self.dir, name, create.then_some(self.modes))?;
        if create && let Some(fd) = &dir {
            fsx::ignore_in_git(fd, self.modes);
        }
        Ok(dir)
    }

    /// Tries to take profile `id` for editing, without waiting.
    pub fn lock(&self, id: &str) -> Result<LockOutcome, StoreError> {
        let path = self.path_of(id)?;
        let root = self.root()?;
        let dir = fsx::sub_dir(&root, &self.dir, LOCK_DIR, Some(self.modes))
            .map_err(|e| cannot_lock(&path, e))?
            .expect("created when missing");
        fsx::ignore_in_git(&dir, self.modes);
        lock::try_lock(&dir, &self.dir.join(LOCK_DIR), id, self.modes)
            .map_err(|e| cannot_lock(&path, e))
    }

    /// Saves `profile` atomically. Takes the profile's lock as proof that
    /// this process is its one editor. Never replaces a file that does not
    /// parse. Prefer [`Store::save_checked`], which also refuses to replace
    /// an edit made on disk since this session read the file.
    pub fn save(&self, profile: &Profile, lock: &ProfileLock) -> Result<PathBuf, StoreError> {
        let path = self.path_of(&profile.id)?;
        self.save_expecting(profile, lock, Expect::AnyParsing)?;
        Ok(path)
    }

    /// Saves `profile` if its file is still the version this session last
    /// read or wrote (`expected`, from [`Loaded::fingerprint`] or the
    /// previous save), or, with `None`, if there is no file yet. Returns the
    /// new version's fingerprint, to pass to the next save.
    ///
    /// When the file changed on disk (or no longer parses) it is left
    /// untouched: this session's version is written beside it as
    /// `<id>.json.kept-<time>-<random>` (listed as skipped, never taken for
    /// a profile) and [`StoreError::Changed`] names both files.
    ///
    /// A file removed meanwhile is written again (there is nothing to
    /// overwrite, and the session's work is kept).
    ///
    /// The check and the rename that replaces the file are two steps: an
    /// edit made in the few milliseconds between them is replaced. No file
    /// system offers a compare-and-rename that would close this window;
    /// the lock keeps other citydx sessions out of it.
    pub fn save_checked(
        &self,
        profile: &Profile,
        lock: &ProfileLock,
        expected: Option<&Fingerprint>,
    ) -> Result<Fingerprint, StoreError> {
        let expect = match expected {
            Some(fp) => Expect::Version(fp),
            None => Expect::New,
        };
        self.save_expecting(profile, lock, expect)
    }

    fn save_expecting(
        &self,
        profile: &Profile,
        lock: &ProfileLock,
        expect: Expect<'_>,
    ) -> Result<Fingerprint, StoreError> {
        let path = self.path_of(&profile.id)?;
        if lock.id() != profile.id {
            return Err(StoreError::Locked { path, holder: None });
        }
        // A clock behind the profile's `created` (a colleague's fast clock,
        // an NTP step) never blocks a save: `updated` is at least `created`.
        let stamped;
        let profile = if profile.updated < profile.created {
            let mut p = profile.clone();
            p.updated = p.created;
            stamped = p;
            &stamped
        } else {
            profile
        };
        if profile.schema_version > SCHEMA_VERSION {
            return Err(StoreError::ReadOnly {
                path,
                reason: ReadOnly::NewerSchema(profile.schema_version),
            });
        }
        let problems = profile.problems();
        if !problems.is_empty() {
            return Err(StoreError::Invalid { path, problems });
        }
        let text = profile.to_json();
        // what citydx would then refuse to read is never written
        if text.len() as u64 > MAX_PROFILE_BYTES {
            return Err(StoreError::TooLargeToSave {
                path,
                size: text.len() as u64,
                limit: MAX_PROFILE_BYTES,
            });
        }
        match fs::symlink_metadata(&path) {
            Ok(meta) => {
                if meta.file_type().is_symlink() {
                    return Err(StoreError::ReadOnly {
                        path,
                        reason: ReadOnly::Symlink,
                    });
                }
                if meta.is_dir() || !meta.is_file() {
                    return Err(StoreError::Io {
                        path,
                        cause: "is not a regular profile file (a folder, a pipe or a device?); not written".into(),
                    });
                }
                if meta.permissions().mode() & 0o200 == 0 {
                    return Err(StoreError::ReadOnly {
                        path,
                        reason: ReadOnly::WriteProtected,
                    });
                }
                self.check_unchanged(&path, &meta, &expect, profile, &text)?;
            }
            Err(_) => {
                if matches!(expect, Expect::New | Expect::AnyParsing)
                    && is_reserved_on_windows(&profile.id)
                {
                    return Err(StoreError::ReservedId {
                        id: profile.id.clone(),
                    });
                }
            }
        }
        // a version-1 file is kept in the trash once before version 2 replaces it
        self.keep_before_migration(&path)?;
        let meta =
            atomic::write_atomic_mode(&path, text.as_bytes(), self.modes.file).map_err(|e| {
                StoreError::Io {
                    path: path.clone(),
                    cause: format!("cannot save: {e}"),
                }
            })?;
        // in a group-shared folder a profile becomes group-writable when
        // saved, so colleagues are not shut out of it by its old mode (a
        // mode change leaves the fingerprint's fields as they are)
        let mode = meta.permissions().mode();
        if self.modes.file & 0o020 != 0 && mode & 0o020 == 0 && mode & 0o200 != 0 {
            let _ = fs::set_permissions(&path, fs::Permissions::from_mode((mode | 0o060) & 0o7777));
        }
        Ok(Fingerprint::of(&meta, text.as_bytes()))
    }

    /// Whether the file on disk (`meta`) is what `expect` says; if not,
    /// keeps `text` beside it and says so.
    fn check_unchanged(
        &self,
        path: &Path,
        meta: &fs::Metadata,
        expect: &Expect<'_>,
        profile: &Profile,
        text: &str,
    ) -> Result<(), StoreError> {
        match expect {
            Expect::New => Err(StoreError::Exists {
                id: profile.id.clone(),
                path: path.to_path_buf(),
            }),
            Expect::Version(fp) if fp.same_stat(meta) => Ok(()),
            Expect::Version(fp) => {
                let same = read_profile_bytes(path, false).is_ok_and(|(bytes, _)| {
                    bytes.len() as u64 == fp.size && hash_bytes(&bytes) == fp.hash
                });
                if same {
                    return Ok(());
                }
                let kept = self.keep_beside(path, &profile.id, text)?;
                Err(StoreError::Changed {
                    path: path.to_path_buf(),
                    kept,
                })
            }
            Expect::AnyParsing => match load_file(path) {
                Ok(_) => Ok(()),
                Err(e) => Err(StoreError::WontReplace {
                    path: path.to_path_buf(),
                    cause: e.to_string(),
                }),
            },
        }
    }

    /// Writes `text` beside the profile as `<id>.json.kept-<time>-<random>`.
    fn keep_beside(&self, path: &Path, id: &str, text: &str) -> Result<PathBuf, StoreError> {
        use std::io::Write;
        let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%S");
        let io = |e: std::io::Error| StoreError::Io {
            path: path.to_path_buf(),
            cause: format!(
                "changed on disk since this session read it; not overwritten, and this session's version could not be kept beside it: {e}"
            ),
        };
        let mut file = tempfile::Builder::new()
            .prefix(&format!("{id}.json.kept-{stamp}-"))
            .rand_bytes(6)
            .tempfile_in(&self.dir)
            .map_err(io)?;
        file.write_all(text.as_bytes()).map_err(io)?;
        file.as_file()
            .set_permissions(fs::Permissions::from_mode(self.modes.file))
            .map_err(io)?;
        file.as_file().sync_all().map_err(io)?;
        let (_, kept) = file.keep().map_err(|e| io(e.error))?;
        let _ = fs::File::open(&self.dir).and_then(|d| d.sync_all());
        Ok(kept)
    }

    /// Applies `ops` (all or nothing) to profile `id` as it is on disk,
    /// stamps `updated` with `now` and saves it: how the command line, and
    /// any writer that holds only operations, changes a profile. Returns
    /// the profile saved.
    pub fn apply(
        &self,
        id: &str,
        ops: &[crate::core::ops::Op],
        lock: &ProfileLock,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<Profile, StoreError> {
        let loaded = self.load(id)?;
        if let Some(reason) = loaded.read_only {
            return Err(StoreError::ReadOnly {
                path: loaded.path,
                reason,
            });
        }
        let mut profile = loaded.profile;
        profile.apply_all(ops).map_err(|error| StoreError::Edit {
            path: loaded.path.clone(),
            error,
        })?;
        profile.updated = now.max(profile.created);
        self.save(&profile, lock)?;
        Ok(profile)
    }

    /// Before a save writes schema version 2 over a file of an older
    /// version, a copy of that file goes to the trash, once: named
    /// `<id>.schema-v<N>.<time>.json`, and not copied again when the trash
    /// already holds the same bytes. Returns the copy's path when one was
    /// made. The only trash code of the migration.
    pub fn keep_before_migration(&self, path: &Path) -> Result<Option<PathBuf>, StoreError> {
        let Ok(meta) = fs::symlink_metadata(path) else {
            return Ok(None);
        };
        if !meta.is_file() {
            return Ok(None);
        }
        // the common case, a file citydx wrote at this version, is told by
        // its first line without reading the rest
        let canonical = format!("{{\n  \"schema_version\": {SCHEMA_VERSION},\n");
        let mut head = vec![0; canonical.len()];
        if fs::File::open(path)
            .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut head))
            .is_ok()
            && head == canonical.as_bytes()
        {
            return Ok(None);
        }
        let Ok((bytes, _)) = read_profile_bytes(path, false) else {
            return Ok(None);
        };
        let Some(version) = crate::core::migrate::schema_version_of(&bytes) else {
            return Ok(None);
        };
        if version >= SCHEMA_VERSION {
            return Ok(None);
        }
        let stem = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("profile");
        let prefix = format!("{stem}.schema-v{version}.");
        let trash = self.dir.join(TRASH_DIR);
        let io = |cause: String| StoreError::Io {
            path: trash.clone(),
            cause: format!("cannot keep the version-{version} file before migrating it: {cause}"),
        };
        // the trash is bookkeeping: opened relative to the folder, never
        // through a link
        let root = self.root()?;
        let dir = self
            .book_dir(&root, TRASH_DIR, true)?
            .expect("created when missing");
        let entries = rustix::fs::Dir::read_from(&dir).map_err(|e| io(e.to_string()))?;
        let already = entries.filter_map(Result::ok).any(|e| {
            let Ok(name) = e.file_name().to_str() else {
                return false;
            };
            name.starts_with(&prefix)
                && fsx::read_limited(&dir, &trash, name, MAX_PROFILE_BYTES)
                    .is_ok_and(|kept| kept.as_deref() == Some(&bytes[..]))
        });
        if already {
            return Ok(None);
        }
        let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%S%.9f");
        let name = format!("{prefix}{stamp}.json");
        fsx::write_atomic_at(&dir, &trash, &name, &bytes, self.modes).map_err(|e| match e {
            BookError::Io(_, e) => io(e.to_string()),
            other => other.into(),
        })?;
        let to = trash.join(name);
        Ok(Some(to))
    }

    /// Keeps a copy of profile `id`'s file as it is now in the trash, named
    /// `<id>.<label>.<time>.json`, before an edit that drops data the user
    /// asked to drop (a respondent removed with its answers). Returns the
    /// copy's path. Takes the lock as proof the file is not changing.
    pub fn keep_copy(
        &self,
        id: &str,
        label: &str,
        lock: &ProfileLock,
    ) -> Result<PathBuf, StoreError> {
        let path = self.path_of(id)?;
        if lock.id() != id {
            return Err(StoreError::Locked { path, holder: None });
        }
        let (bytes, _) = read_profile_bytes(&path, false)?;
        let trash = self.dir.join(TRASH_DIR);
        let root = self.root()?;
        let dir = self
            .book_dir(&root, TRASH_DIR, true)?
            .expect("created when missing");
        let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%S%.9f");
        let name = format!("{id}.{label}.{stamp}.json");
        fsx::write_atomic_at(&dir, &trash, &name, &bytes, self.modes).map_err(|e| match e {
            BookError::Io(_, e) => StoreError::Io {
                path: trash.clone(),
                cause: format!("cannot keep a copy in the trash: {e}"),
            },
            other => other.into(),
        })?;
        Ok(trash.join(name))
    }

    /// Adds the profile in `file` to the folder, after checking it. Refuses
    /// to replace an existing profile unless `force`, and never replaces one
    /// that does not parse, is write-protected, or that another process
    /// holds.
    pub fn import(&self, file: &Path, force: bool) -> Result<PathBuf, StoreError> {
        let loaded = load_given_file(file)?;
        let profile = loaded.profile;
        let target = self.path_of(&profile.id)?;
        if profile.schema_version > SCHEMA_VERSION {
            return Err(StoreError::ReadOnly {
                path: target,
                reason: ReadOnly::NewerSchema(profile.schema_version),
            });
        }
        let problems = profile.problems();
        if !problems.is_empty() {
            return Err(StoreError::Invalid {
                path: file.to_path_buf(),
                problems,
            });
        }
        let mut expected = None;
        if fs::symlink_metadata(&target).is_ok() {
            if !force {
                return Err(StoreError::Exists {
                    id: profile.id.clone(),
                    path: target,
                });
            }
            // The file we would replace must itself be a sound profile:
            // what we cannot read, we never overwrite.
            let existing = self.load(&profile.id)?;
            if let Some(reason) = existing.read_only {
                return Err(StoreError::ReadOnly {
                    path: target,
                    reason,
                });
            }
            expected = existing.fingerprint;
        }
        match self.lock(&profile.id)? {
            LockOutcome::Acquired { lock, .. } => {
                self.save_checked(&profile, &lock, expected.as_ref())?;
                Ok(target)
            }
            LockOutcome::Held(holder) => Err(StoreError::Locked {
                path: target,
                holder,
            }),
        }
    }

    /// Moves profile `id`'s file to the trash folder inside the profiles
    /// folder (never a plain delete), under a name no other trashed file
    /// has. Returns where it went.
    pub fn trash(&self, id: &str, lock: &ProfileLock) -> Result<PathBuf, StoreError> {
        let path = self.path_of(id)?;
        if lock.id() != id {
            return Err(StoreError::Locked { path, holder: None });
        }
        let root = self.root()?;
        let trash = self
            .book_dir(&root, TRASH_DIR, true)?
            .expect("created when missing");
        let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%S");
        fsx::move_unique(
            &root,
            &format!("{id}.json"),
            &trash,
            &self.dir.join(TRASH_DIR),
            &format!("{id}.{stamp}"),
            ".json",
        )
        .map_err(|e| match e {
            BookError::Io(_, e) => StoreError::Io {
                path: path.clone(),
                cause: format!("cannot move to the trash: {e}"),
            },
            other => other.into(),
        })
    }

    /// Keeps `profile` as it is in memory in the trash, named
    /// `<id>.<label>.<time>.json`, before an edit that drops part of it (an
    /// assessment deleted: `label` is `assessment-<assessment id>`, which
    /// the trash screen offers to restore). Takes the lock as proof the
    /// profile is this session's. Returns the copy's path.
    pub fn keep_in_trash(
        &self,
        profile: &Profile,
        label: &str,
        lock: &ProfileLock,
    ) -> Result<PathBuf, StoreError> {
        let path = self.path_of(&profile.id)?;
        if lock.id() != profile.id {
            return Err(StoreError::Locked { path, holder: None });
        }
        let trash = self.dir.join(TRASH_DIR);
        let root = self.root()?;
        let dir = self
            .book_dir(&root, TRASH_DIR, true)?
            .expect("created when missing");
        let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%S%.9f");
        let name = format!("{}.{label}.{stamp}.json", profile.id);
        let bytes = profile.to_json();
        fsx::write_atomic_at(&dir, &trash, &name, bytes.as_bytes(), self.modes).map_err(
            |e| match e {
                BookError::Io(_, e) => StoreError::Io {
                    path: trash.clone(),
                    cause: format!("cannot keep a copy in the trash: {e}"),
                },
                other => other.into(),
            },
        )?;
        Ok(trash.join(name))
    }

    /// What the trash holds that can be restored: the profiles trashed
    /// whole (`<id>.<time>.json`) and the assessments deleted from a
    /// profile (`<id>.assessment-<assessment id>.<time>.json`) that the
    /// profile in the folder does not hold again (none while the profile
    /// itself is not in the folder). Newest first. Files that
    /// do not parse are left out (and left alone).
    pub fn trash_items(&self) -> Result<Vec<TrashItem>, StoreError> {
        let trash = self.dir.join(TRASH_DIR);
        let root = self.root()?;
        let Some(dir) = self.book_dir(&root, TRASH_DIR, false)? else {
            return Ok(Vec::new());
        };
        let io = |e: String| StoreError::Io {
            path: trash.clone(),
            cause: format!("cannot read the trash: {e}"),
        };
        let entries = rustix::fs::Dir::read_from(&dir).map_err(|e| io(e.to_string()))?;
        let mut items = Vec::new();
        for entry in entries.filter_map(Result::ok) {
            let Ok(file) = entry.file_name().to_str() else {
                continue;
            };
            let Some((kind, id, when)) = parse_trash_name(file) else {
                continue;
            };
            let Ok(Some(bytes)) = fsx::read_limited(&dir, &trash, file, MAX_PROFILE_BYTES) else {
                continue;
            };
            let Ok(profile) = Profile::from_json_bytes(&bytes) else {
                continue;
            };
            let kind = match kind {
                None => TrashKind::Profile,
                Some(assessment) => {
                    let Some(at) = profile.assessment_index(&assessment) else {
                        continue;
                    };
                    // offered while its profile is in the folder without
                    // it (restored already: it holds it again; a profile
                    // trashed whole is restored first)
                    match self.load(&id) {
                        Ok(live) if live.profile.assessment(&assessment).is_none() => {}
                        _ => continue,
                    }
                    TrashKind::Assessment {
                        date: profile.assessments[at].date,
                        number: at + 1,
                        id: assessment,
                    }
                }
            };
            items.push(TrashItem {
                file: file.to_string(),
                profile: id,
                name: profile.city.name.clone(),
                kind,
                when,
            });
        }
        items.sort_by(|a, b| b.when.cmp(&a.when).then(a.file.cmp(&b.file)));
        Ok(items)
    }

    /// Reads the profile a trashed file holds.
    pub fn trashed_profile(&self, file: &str) -> Result<Profile, StoreError> {
        let trash = self.dir.join(TRASH_DIR);
        let path = trash.join(file);
        if parse_trash_name(file).is_none() {
            return Err(StoreError::NotFound {
                id: file.to_string(),
                dir: trash,
            });
        }
        let root = self.root()?;
        let dir = self
            .book_dir(&root, TRASH_DIR, false)?
            .ok_or_else(|| StoreError::NotFound {
                id: file.to_string(),
                dir: trash.clone(),
            })?;
        let bytes = fsx::read_limited(&dir, &trash, file, MAX_PROFILE_BYTES)
            .map_err(|e| match e {
                BookError::Io(_, e) => StoreError::Io {
                    path: path.clone(),
                    cause: format!("cannot read the trash: {e}"),
                },
                other => other.into(),
            })?
            .ok_or_else(|| StoreError::NotFound {
                id: file.to_string(),
                dir: trash.clone(),
            })?;
        Profile::from_json_bytes(&bytes).map_err(|e| StoreError::Parse {
            path,
            line: e.line(),
            column: e.column(),
            cause: e.to_string(),
        })
    }

    /// Moves a profile trashed whole back to `<id>.json`, never over a
    /// profile of that id (refused, nothing moved). Returns its path.
    pub fn restore_profile(&self, file: &str) -> Result<PathBuf, StoreError> {
        let Some((None, id, _)) = parse_trash_name(file) else {
            return Err(StoreError::NotFound {
                id: file.to_string(),
                dir: self.dir.join(TRASH_DIR),
            });
        };
        let target = self.path_of(&id)?;
        // checked: it parses, and its id is its name's
        let profile = self.trashed_profile(file)?;
        if profile.id != id {
            return Err(StoreError::NameNotId {
                path: self.dir.join(TRASH_DIR).join(file),
                id: profile.id,
            });
        }
        let root = self.root()?;
        let dir = self
            .book_dir(&root, TRASH_DIR, false)?
            .ok_or_else(|| StoreError::NotFound {
                id: file.to_string(),
                dir: self.dir.join(TRASH_DIR),
            })?;
        let name = format!("{id}.json");
        match rustix::fs::renameat_with(
            &dir,
            file,
            &root,
            name.as_str(),
            rustix::fs::RenameFlags::NOREPLACE,
        ) {
            Ok(()) => {
                let _ = rustix::fs::fsync(&root);
                let _ = rustix::fs::fsync(&dir);
                Ok(target)
            }
            Err(rustix::io::Errno::EXIST) => Err(StoreError::Exists { id, path: target }),
            Err(e) => Err(StoreError::Io {
                path: target,
                cause: format!("cannot restore from the trash: {e}"),
            }),
        }
    }

    /// Refuses an export path (`-o`, the interface's export) inside the
    /// profiles folder (its bookkeeping folders included, resolved through
    /// links and `..`), a folder, or an existing file that is not a regular
    /// file (a device, a pipe). The one home of this rule.
    pub fn check_export_path(&self, path: &Path) -> Result<(), StoreError> {
        let refuse = |why| StoreError::Export {
            path: path.to_path_buf(),
            why,
        };
        if let Ok(meta) = fs::metadata(path) {
            if meta.is_dir() {
                return Err(refuse(ExportRefusal::Folder));
            }
            if !meta.is_file() {
                return Err(refuse(ExportRefusal::NotRegular));
            }
        }
        let dir = fs::canonicalize(&self.dir)
            .map_err(|e| refuse(ExportRefusal::NoFolder(e.to_string())))?;
        let parent = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        let parent = match fs::canonicalize(parent) {
            Ok(p) => p,
            Err(e) => {
                // a folder that does not exist (yet): inside the profiles
                // folder all the same if its nearest existing ancestor is
                let inside = parent.ancestors().skip(1).find_map(|a| {
                    let a = if a.as_os_str().is_empty() {
                        Path::new(".")
                    } else {
                        a
                    };
                    fs::canonicalize(a).ok()
                });
                if inside.is_some_and(|a| a.starts_with(&dir)) {
                    return Err(refuse(ExportRefusal::InProfilesFolder(self.dir.clone())));
                }
                return Err(refuse(ExportRefusal::NoFolder(e.to_string())));
            }
        };
        let Some(name) = path.file_name() else {
            return Err(refuse(ExportRefusal::Folder));
        };
        // where the rename lands (a link there is replaced), and where a
        // link there leads
        let mut places = vec![parent.join(name)];
        if let Ok(target) = fs::canonicalize(path) {
            places.push(target);
        }
        if places.iter().any(|p| p.starts_with(&dir)) {
            return Err(refuse(ExportRefusal::InProfilesFolder(self.dir.clone())));
        }
        Ok(())
    }

    /// Writes an export atomically after [`Store::check_export_path`]. An
    /// existing regular file is replaced (the interface asks first). The
    /// check and the write are two steps: a file put in the path's place in
    /// between is replaced.
    /// [`Store::write_export`] that never replaces: the file is written
    /// only if nothing is at `path` when it is moved into place (an atomic
    /// no-replace rename); `Ok(false)` when something is, and nothing was
    /// written.
    pub fn write_export_new(&self, path: &Path, bytes: &[u8]) -> Result<bool, StoreError> {
        self.check_export_path(path)?;
        atomic::write_atomic_new(path, bytes).map_err(|e| StoreError::Io {
            path: path.to_path_buf(),
            cause: format!("cannot write: {e}"),
        })
    }

    pub fn write_export(&self, path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
        self.check_export_path(path)?;
        atomic::write_atomic(path, bytes).map_err(|e| StoreError::Io {
            path: path.to_path_buf(),
            cause: format!("cannot write: {e}"),
        })
    }
}

/// Taking the lock of `profile` failed: a linked bookkeeping path is named
/// as such, any other cause is the operating system's.
fn cannot_lock(profile: &Path, e: BookError) -> StoreError {
    match e {
        BookError::Io(path, e) => StoreError::CannotLock {
            path,
            profile: profile.to_path_buf(),
            cause: e.to_string(),
        },
        other => other.into(),
    }
}

impl From<BookError> for StoreError {
    fn from(e: BookError) -> StoreError {
        match e {
            BookError::Linked(path) | BookError::HardLinked(path) => StoreError::Linked { path },
            BookError::NotRegular(path) => StoreError::Io {
                path,
                cause:
                    "is not a regular file or folder of citydx's own (a pipe, a device?); not used"
                        .into(),
            },
            BookError::Io(path, e) => StoreError::Io {
                path,
                cause: e.to_string(),
            },
        }
    }
}

impl StoreError {
    /// The reason to give when taking the lock failed: the real cause
    /// (a full disk, a linked `.locks`), not a guess.
    pub fn read_only_reason(&self) -> ReadOnly {
        match self {
            StoreError::CannotLock { path, cause, .. } => {
                ReadOnly::CannotLock(format!("{}: {cause}", path.display()))
            }
            other => ReadOnly::CannotLock(other.to_string()),
        }
    }
}

/// Which text a draft keeps: the note being typed in profile `profile`,
/// assessment `assessment` (its id), for respondent `respondent` (a voice)
/// or for the assessment's own answer. Kept as
/// `.drafts/<profile>.<assessment>[.<respondent>].json`.
#[derive(
    Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub struct DraftKey {
    pub profile: String,
    pub assessment: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub respondent: Option<String>,
}

impl DraftKey {
    pub fn new(profile: &str, assessment: &str, respondent: Option<&str>) -> DraftKey {
        DraftKey {
            profile: profile.to_string(),
            assessment: assessment.to_string(),
            respondent: respondent.map(str::to_string),
        }
    }

    fn file_name(&self) -> String {
        match &self.respondent {
            Some(r) => format!("{}.{}.{r}.json", self.profile, self.assessment),
            None => format!("{}.{}.json", self.profile, self.assessment),
        }
    }
}

impl Store {
    /// The draft file's name, after checking every part is an id (no part
    /// may leave the folder).
    fn draft_name(&self, key: &DraftKey) -> Result<String, StoreError> {
        self.path_of(&key.profile)?;
        for part in std::iter::once(&key.assessment).chain(key.respondent.iter()) {
            check_id(part).map_err(|why| StoreError::BadId {
                input: part.clone(),
                why,
            })?;
        }
        Ok(key.file_name())
    }

    /// Keeps the text being typed (atomically, like a profile, and never
    /// through a link), so that a quit, a hang-up or a kill loses none of
    /// it.
    pub fn save_draft(&self, key: &DraftKey, draft: &str) -> Result<(), StoreError> {
        let name = self.draft_name(key)?;
        let path = self.dir.join(DRAFT_DIR).join(&name);
        let io = |cause: String| StoreError::Io {
            path: path.clone(),
            cause: format!("cannot keep the draft: {cause}"),
        };
        let root = self.root()?;
        let dir = self
            .book_dir(&root, DRAFT_DIR, true)?
            .expect("created when missing");
        fsx::write_atomic_at(
            &dir,
            &self.dir.join(DRAFT_DIR),
            &name,
            draft.as_bytes(),
            self.modes,
        )
        .map_err(|e| match e {
            BookError::Io(_, e) => io(e.to_string()),
            other => other.into(),
        })
    }

    /// The draft kept under `key`, if any (read under the size limit,
    /// never through a link).
    pub fn load_draft(&self, key: &DraftKey) -> Option<String> {
        let name = self.draft_name(key).ok()?;
        let root = self.root().ok()?;
        let dir = self.book_dir(&root, DRAFT_DIR, false).ok()??;
        let bytes =
            fsx::read_limited(&dir, &self.dir.join(DRAFT_DIR), &name, MAX_PROFILE_BYTES).ok()??;
        String::from_utf8(bytes).ok()
    }

    /// Every draft kept for profile `profile`, the most recent first.
    pub fn drafts_of(&self, profile: &str) -> Vec<(DraftKey, String)> {
        if self.path_of(profile).is_err() {
            return Vec::new();
        }
        let Ok(root) = self.root() else {
            return Vec::new();
        };
        let Ok(Some(dir)) = self.book_dir(&root, DRAFT_DIR, false) else {
            return Vec::new();
        };
        let Ok(entries) = rustix::fs::Dir::read_from(&dir) else {
            return Vec::new();
        };
        let mut found: Vec<(i64, DraftKey, String)> = entries
            .filter_map(Result::ok)
            .filter_map(|e| {
                let name = e.file_name().to_str().ok()?.to_string();
                let parts: Vec<&str> = name.strip_suffix(".json")?.split('.').collect();
                let key = match parts[..] {
                    [p, a] if p == profile => DraftKey::new(p, a, None),
                    [p, a, r] if p == profile => DraftKey::new(p, a, Some(r)),
                    _ => return None,
                };
                let stat =
                    rustix::fs::statat(&dir, name.as_str(), rustix::fs::AtFlags::SYMLINK_NOFOLLOW)
                        .ok()?;
                let text = self.load_draft(&key)?;
                Some((stat.st_mtime as i64, key, text))
            })
            .collect();
        found.sort_by_key(|entry| std::cmp::Reverse(entry.0));
        found
            .into_iter()
            .map(|(_, key, text)| (key, text))
            .collect()
    }

    /// Drops the draft under `key` once its text is saved or given up.
    pub fn clear_draft(&self, key: &DraftKey) -> Result<(), StoreError> {
        let name = self.draft_name(key)?;
        let path = self.dir.join(DRAFT_DIR).join(&name);
        let root = self.root()?;
        let Some(dir) = self.book_dir(&root, DRAFT_DIR, false)? else {
            return Ok(());
        };
        match rustix::fs::unlinkat(&dir, name.as_str(), rustix::fs::AtFlags::empty()) {
            Ok(()) | Err(rustix::io::Errno::NOENT) => Ok(()),
            Err(e) => Err(StoreError::Io {
                path,
                cause: format!("cannot drop the draft: {}", std::io::Error::from(e)),
            }),
        }
    }
}

/// Whether `id` is a device name Windows reserves (`con`, `prn`, `aux`,
/// `nul`, `com1`-`com9`, `lpt1`-`lpt9`, in any case, also followed by an
/// extension): such a file cannot be made or opened there.
pub fn is_reserved_on_windows(id: &str) -> bool {
    let stem = id.split('.').next().unwrap_or(id).to_ascii_lowercase();
    matches!(stem.as_str(), "con" | "prn" | "aux" | "nul")
        || ((stem.starts_with("com") || stem.starts_with("lpt"))
            && stem.len() == 4
            && matches!(stem.as_bytes()[3], b'1'..=b'9'))
}

/// The platform's default profiles folder (`directories`' data folder).
pub fn default_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("org", "citydx", "citydx")
        .map(|dirs| dirs.data_dir().join("profiles"))
}

/// Reads and parses one profile file, wherever it is. Only a regular file
/// is read: in a folder, a FIFO, socket or device named like a profile
/// would block a listing or never end.
pub fn load_file(path: &Path) -> Result<Loaded, StoreError> {
    read_profile(path, false)
}

/// Reads a profile the user named on the command line (`import FILE`,
/// `validate FILE`): a pipe is allowed there (`import /dev/stdin`,
/// `import <(...)`), read under the same size limit.
pub fn load_given_file(path: &Path) -> Result<Loaded, StoreError> {
    read_profile(path, true)
}

/// A profile file's bytes, and whether it is reached through a symbolic
/// link: only a regular file (or, when `pipes`, a pipe the user named) is
/// read, and only up to the size limit.
pub(crate) fn read_profile_bytes(path: &Path, pipes: bool) -> Result<(Vec<u8>, bool), StoreError> {
    read_profile_file(path, pipes).map(|r| (r.bytes, r.symlink))
}

/// A profile file as read: its bytes, whether reached through a link, and
/// the metadata of the file that was read (taken from its open handle).
pub(crate) struct ReadFile {
    pub bytes: Vec<u8>,
    pub symlink: bool,
    pub meta: fs::Metadata,
}

pub(crate) fn read_profile_file(path: &Path, pipes: bool) -> Result<ReadFile, StoreError> {
    let io_err = |cause: String| StoreError::Io {
        path: path.to_path_buf(),
        cause,
    };
    let link = fs::symlink_metadata(path).map_err(|e| io_err(e.to_string()))?;
    let meta = if link.file_type().is_symlink() {
        fs::metadata(path).map_err(|e| io_err(e.to_string()))?
    } else {
        link.clone()
    };
    if meta.is_dir() {
        return Err(io_err("is a folder, not a profile file".into()));
    }
    let pipe = std::os::unix::fs::FileTypeExt::is_fifo(&meta.file_type())
        || std::os::unix::fs::FileTypeExt::is_char_device(&meta.file_type());
    let readable = meta.is_file() || (pipes && pipe);
    if !readable {
        return Err(io_err(
            "is not a regular file (a pipe or a device?); not read".into(),
        ));
    }
    if meta.len() > MAX_PROFILE_BYTES {
        return Err(StoreError::TooLarge {
            path: path.to_path_buf(),
            size: meta.len(),
            limit: MAX_PROFILE_BYTES,
        });
    }
    let file = fs::File::open(path).map_err(|e| io_err(e.to_string()))?;
    let meta = file.metadata().map_err(|e| io_err(e.to_string()))?;
    let bytes = fsx::read_file_limited(&file, MAX_PROFILE_BYTES).map_err(|e| {
        if e.kind() == std::io::ErrorKind::InvalidData {
            StoreError::TooLarge {
                path: path.to_path_buf(),
                size: MAX_PROFILE_BYTES + 1,
                limit: MAX_PROFILE_BYTES,
            }
        } else {
            io_err(e.to_string())
        }
    })?;
    Ok(ReadFile {
        bytes,
        symlink: link.file_type().is_symlink(),
        meta,
    })
}

fn read_profile(path: &Path, pipes: bool) -> Result<Loaded, StoreError> {
    let io_err = |cause: String| StoreError::Io {
        path: path.to_path_buf(),
        cause,
    };
    let ReadFile {
        bytes,
        symlink,
        meta,
    } = read_profile_file(path, pipes)?;
    // Parsed straight from the bytes (serde_json checks the text of every
    // string as it reads it); the file as a whole is looked at again only
    // when it does not parse, to say why in the plainest words.
    let profile = match Profile::from_json_bytes(&bytes) {
        Ok(profile) => profile,
        Err(e) => {
            let text = std::str::from_utf8(&bytes).map_err(|e| StoreError::NotUtf8 {
                path: path.to_path_buf(),
                offset: e.valid_up_to(),
            })?;
            if text.trim().is_empty() {
                return Err(io_err("the file is empty".into()));
            }
            // A newer program may have changed the format: say so.
            if let Some(v) = schema_version_of(text).filter(|v| *v > SCHEMA_VERSION) {
                return Err(io_err(format!(
                    "written by a newer citydx (schema version {v}; this one knows {SCHEMA_VERSION}) and not readable by this one: {}",
                    parse_cause(&e)
                )));
            }
            return Err(StoreError::Parse {
                path: path.to_path_buf(),
                line: e.line(),
                column: e.column(),
                cause: parse_cause(&e),
            });
        }
    };
    let read_only = if profile.schema_version > SCHEMA_VERSION {
        Some(ReadOnly::NewerSchema(profile.schema_version))
    } else if symlink {
        Some(ReadOnly::Symlink)
    } else if meta.is_file() && meta.permissions().mode() & 0o200 == 0 {
        Some(ReadOnly::WriteProtected)
    } else {
        None
    };
    let fingerprint = meta.is_file().then(|| Fingerprint::of(&meta, &bytes));
    Ok(Loaded {
        profile,
        path: path.to_path_buf(),
        read_only,
        fingerprint,
    })
}

fn schema_version_of(text: &str) -> Option<u32> {
    #[derive(serde::Deserialize)]
    struct Version {
        schema_version: u32,
    }
    serde_json::from_str::<Version>(text)
        .ok()
        .map(|v| v.schema_version)
}

/// serde_json's message without its trailing " at line L column C", which
/// the store prints in its own words. The message may quote the file's
/// text (`unknown variant `...``): control characters in it are escaped, so
/// the error stays on one line and sends nothing to the terminal.
fn parse_cause(e: &serde_json::Error) -> String {
    let text = e.to_string();
    let text = match text.rfind(" at line ") {
        Some(at) => &text[..at],
        None => &text,
    };
    text.chars()
        .flat_map(|c| {
            let escaped: Vec<char> = if c.is_control() {
                c.escape_default().collect()
            } else {
                vec![c]
            };
            escaped
        })
        .collect()
}

/// Why a file given to read (a questionnaire coming back) was not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputError {
    /// Larger than the limit: its size and the limit, in bytes.
    TooLarge { size: u64, limit: u64 },
    /// A folder, a pipe or a device.
    NotRegular,
    /// The operating system's cause.
    Io(String),
}

/// The bytes of a regular file of at most `limit` bytes: its size is
/// checked before a byte is read, and the read stops past the limit (a
/// file growing meanwhile).
pub fn read_input_file(path: &Path, limit: u64) -> Result<Vec<u8>, InputError> {
    let meta = fs::metadata(path).map_err(|e| InputError::Io(e.to_string()))?;
    if !meta.is_file() {
        return Err(InputError::NotRegular);
    }
    if meta.len() > limit {
        return Err(InputError::TooLarge {
            size: meta.len(),
            limit,
        });
    }
    let file = fs::File::open(path).map_err(|e| InputError::Io(e.to_string()))?;
    fsx::read_file_limited(&file, limit).map_err(|e| {
        if e.kind() == std::io::ErrorKind::InvalidData {
            InputError::TooLarge {
                size: limit + 1,
                limit,
            }
        } else {
            InputError::Io(e.to_string())
        }
    })
}
