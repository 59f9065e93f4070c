//! The store: the only code that touches the disk.
//!
//! One pretty-printed JSON file per city, `<id>.json`, in the profiles
//! folder. Writes are atomic ([`atomic`]); one process edits a profile at a
//! time ([`lock`]); a file that does not parse is reported with its path,
//! line and column and is never overwritten, moved or deleted.

pub mod atomic;
mod index;
pub mod lock;

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use thiserror::Error;

use crate::core::id::check_id;
use crate::core::profile::{Profile, SCHEMA_VERSION};

pub use index::SummaryListing;
pub use lock::{Holder, LockOutcome, ProfileLock};

/// Largest profile file the store reads. A realistic profile is tens of
/// kilobytes; anything this big is not a profile and is not read into memory.
pub const MAX_PROFILE_BYTES: u64 = 8 * 1024 * 1024;

const LOCK_DIR: &str = ".locks";
const DRAFT_DIR: &str = ".drafts";
const TRASH_DIR: &str = "trash";

/// Everything that can go wrong in the store, each naming the file or the
/// input and the cause in one line.
#[derive(Debug, Error)]
pub enum StoreError {
    #[error("profiles folder {}: {cause}", path.display())]
    Folder { path: PathBuf, cause: String },
    #[error("invalid profile id {input:?}: {why}")]
    BadId { input: String, why: String },
    #[error("no profile {id:?} in {}", dir.display())]
    NotFound { id: String, dir: PathBuf },
    #[error("{}: {cause}", path.display())]
    Io { path: PathBuf, cause: String },
    #[error("{}: file is {size} bytes, more than the {limit} bytes a profile may have; not read", path.display())]
    TooLarge {
        path: PathBuf,
        size: u64,
        limit: u64,
    },
    #[error("{}: not valid UTF-8 text (first bad byte at offset {offset})", path.display())]
    NotUtf8 { path: PathBuf, offset: usize },
    #[error("{}: line {line}, column {column}: {cause}", path.display())]
    Parse {
        path: PathBuf,
        line: usize,
        column: usize,
        cause: String,
    },
    #[error("{}: {}{}", path.display(), problems.first().map(String::as_str).unwrap_or("invalid"), more(problems.len()))]
    Invalid {
        path: PathBuf,
        problems: Vec<String>,
    },
    #[error("profile {id:?} already exists at {}; use --force to replace it", path.display())]
    Exists { id: String, path: PathBuf },
    #[error("{}: held by {}; open it read-only or wait until that session ends", path.display(), holder_text(holder))]
    Locked {
        path: PathBuf,
        holder: Option<Holder>,
    },
    #[error("{}: {reason}; not written", path.display())]
    ReadOnly { path: PathBuf, reason: ReadOnly },
    /// An operation the core refused; nothing was written.
    #[error("{}: {error}; not written", path.display())]
    Edit {
        path: PathBuf,
        error: crate::core::ops::EditError,
    },
}

fn more(n: usize) -> String {
    if n > 1 {
        format!(" (and {} more problems)", n - 1)
    } else {
        String::new()
    }
}

fn holder_text(holder: &Option<Holder>) -> String {
    holder
        .as_ref()
        .map(|h| h.to_string())
        .unwrap_or_else(|| "another process".into())
}

/// Why a profile can be read but not written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadOnly {
    /// Written by a newer citydx with this schema version.
    NewerSchema(u32),
    /// The file is a symbolic link; the store never writes through one.
    Symlink,
    /// Another process holds the profile.
    Held(Option<Holder>),
    /// The folder or the file cannot be written.
    NotWritable,
}

impl std::fmt::Display for ReadOnly {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadOnly::NewerSchema(v) => write!(
                f,
                "written by a newer citydx (schema version {v}; this one knows {SCHEMA_VERSION})"
            ),
            ReadOnly::Symlink => f.write_str("a symbolic link, which citydx never writes through"),
            ReadOnly::Held(holder) => write!(f, "held by {}", holder_text(holder)),
            ReadOnly::NotWritable => f.write_str("the folder or the file is not writable"),
        }
    }
}

/// A profile read from disk.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub profile: Profile,
    pub path: PathBuf,
    /// Why it must not be written, if so (a newer schema, a symlink).
    pub read_only: Option<ReadOnly>,
}

/// What listing the folder found.
#[derive(Debug, Default)]
pub struct Listing {
    pub profiles: Vec<Loaded>,
    /// Files that could not be read, with why. They are left untouched.
    pub skipped: Vec<StoreError>,
}

/// The profiles folder.
#[derive(Debug, Clone)]
pub struct Store {
    dir: PathBuf,
}

impl Store {
    /// The store on an existing folder.
    pub fn open(dir: impl Into<PathBuf>) -> Result<Store, StoreError> {
        let dir = dir.into();
        match fs::metadata(&dir) {
            Ok(meta) if meta.is_dir() => Ok(Store { dir }),
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

    /// The store on the platform's data folder, created on first use.
    pub fn open_default() -> Result<Store, StoreError> {
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

    /// Reads profile `id`.
    pub fn load(&self, id: &str) -> Result<Loaded, StoreError> {
        let path = self.path_of(id)?;
        if fs::symlink_metadata(&path).is_err() {
            return Err(StoreError::NotFound {
                id: id.to_string(),
                dir: self.dir.clone(),
            });
        }
        let loaded = load_file(&path)?;
        if loaded.profile.id != id {
            return Err(StoreError::Invalid {
                path,
                problems: vec![format!(
                    "its id is {:?} but its file name says {id:?}",
                    loaded.profile.id
                )],
            });
        }
        Ok(loaded)
    }

    /// Every profile in the folder, sorted by id, and the files skipped.
    pub fn list(&self) -> Result<Listing, StoreError> {
        let entries = fs::read_dir(&self.dir).map_err(|e| StoreError::Folder {
            path: self.dir.clone(),
            cause: e.to_string(),
        })?;
        let mut paths: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| is_profile_name(p))
            .collect();
        paths.sort();
        let mut listing = Listing::default();
        for path in paths {
            match load_file(&path) {
                Ok(loaded) => listing.profiles.push(loaded),
                Err(e) => listing.skipped.push(e),
            }
        }
        Ok(listing)
    }

    /// Tries to take profile `id` for editing, without waiting.
    pub fn lock(&self, id: &str) -> Result<LockOutcome, StoreError> {
        let path = self.path_of(id)?;
        let lock_dir = self.dir.join(LOCK_DIR);
        let result = lock::try_lock(&lock_dir, id);
        ignore_in_git(&lock_dir);
        result.map_err(|e| StoreError::Io {
            path: lock::lock_path(&lock_dir, id),
            cause: format!("cannot lock {}: {e}", path.display()),
        })
    }

    /// Saves `profile` atomically. Takes the profile's lock as proof that
    /// this process is its one editor.
    pub fn save(&self, profile: &Profile, lock: &ProfileLock) -> Result<PathBuf, StoreError> {
        let path = self.path_of(&profile.id)?;
        if lock.id() != profile.id {
            return Err(StoreError::Locked { path, holder: None });
        }
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
        if let Ok(meta) = fs::symlink_metadata(&path) {
            if meta.file_type().is_symlink() {
                return Err(StoreError::ReadOnly {
                    path,
                    reason: ReadOnly::Symlink,
                });
            }
            if meta.is_dir() {
                return Err(StoreError::Io {
                    path,
                    cause: "is a folder, not a profile file; not written".into(),
                });
            }
        }
        self.keep_before_migration(&path)?;
        atomic::write_atomic(&path, profile.to_json().as_bytes()).map_err(|e| StoreError::Io {
            path: path.clone(),
            cause: format!("cannot save: {e}"),
        })?;
        Ok(path)
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
            .and_then(|mut f| f.read_exact(&mut head))
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
        fs::create_dir_all(&trash).map_err(|e| io(e.to_string()))?;
        let already = fs::read_dir(&trash)
            .map_err(|e| io(e.to_string()))?
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().starts_with(&prefix))
            // only regular files of the same size are read (never a link)
            .filter(|e| {
                fs::symlink_metadata(e.path())
                    .is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64)
            })
            .any(|e| fs::read(e.path()).is_ok_and(|kept| kept == bytes));
        if already {
            return Ok(None);
        }
        let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%S%.9f");
        let to = trash.join(format!("{prefix}{stamp}.json"));
        atomic::write_atomic(&to, &bytes).map_err(|e| io(e.to_string()))?;
        Ok(Some(to))
    }

    /// Adds the profile in `file` to the folder, after checking it. Refuses
    /// to replace an existing profile unless `force`, and never replaces one
    /// that does not parse or that another process holds.
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
        if fs::symlink_metadata(&target).is_ok() {
            if !force {
                return Err(StoreError::Exists {
                    id: profile.id.clone(),
                    path: target,
                });
            }
            // The file we would replace must itself be a sound profile:
            // what we cannot read, we never overwrite.
            let existing = load_file(&target)?;
            if let Some(reason) = existing.read_only {
                return Err(StoreError::ReadOnly {
                    path: target,
                    reason,
                });
            }
        }
        match self.lock(&profile.id)? {
            LockOutcome::Acquired { lock, .. } => self.save(&profile, &lock),
            LockOutcome::Held(holder) => Err(StoreError::Locked {
                path: target,
                holder,
            }),
        }
    }

    /// Moves profile `id` to the trash folder inside the profiles folder
    /// (never a plain delete). Returns where it went.
    pub fn trash(&self, id: &str, lock: &ProfileLock) -> Result<PathBuf, StoreError> {
        let path = self.path_of(id)?;
        if lock.id() != id {
            return Err(StoreError::Locked { path, holder: None });
        }
        let trash = self.dir.join(TRASH_DIR);
        fs::create_dir_all(&trash).map_err(|e| StoreError::Io {
            path: trash.clone(),
            cause: e.to_string(),
        })?;
        let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%S");
        let to = trash.join(format!("{id}.{stamp}.json"));
        fs::rename(&path, &to).map_err(|e| StoreError::Io {
            path: path.clone(),
            cause: format!("cannot move to the trash: {e}"),
        })?;
        Ok(to)
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
    fn draft_path(&self, key: &DraftKey) -> Result<PathBuf, StoreError> {
        self.path_of(&key.profile)?;
        // the ids are parts of a file name: the same rules as a profile id
        for part in std::iter::once(&key.assessment).chain(key.respondent.iter()) {
            check_id(part).map_err(|why| StoreError::BadId {
                input: part.clone(),
                why,
            })?;
        }
        Ok(self.dir.join(DRAFT_DIR).join(key.file_name()))
    }

    /// Keeps the text being typed (atomically, like a profile), so that a
    /// quit, a hang-up or a kill loses none of it.
    pub fn save_draft(&self, key: &DraftKey, draft: &str) -> Result<(), StoreError> {
        let path = self.draft_path(key)?;
        let io = |e: std::io::Error| StoreError::Io {
            path: path.clone(),
            cause: format!("cannot keep the draft: {e}"),
        };
        fs::create_dir_all(self.dir.join(DRAFT_DIR)).map_err(io)?;
        ignore_in_git(&self.dir.join(DRAFT_DIR));
        atomic::write_atomic(&path, draft.as_bytes()).map_err(io)
    }

    /// The draft kept under `key`, if any.
    pub fn load_draft(&self, key: &DraftKey) -> Option<String> {
        read_draft(&self.draft_path(key).ok()?)
    }

    /// Every draft kept for profile `profile`, the most recent first.
    pub fn drafts_of(&self, profile: &str) -> Vec<(DraftKey, String)> {
        if self.path_of(profile).is_err() {
            return Vec::new();
        }
        let Ok(entries) = fs::read_dir(self.dir.join(DRAFT_DIR)) else {
            return Vec::new();
        };
        let mut found: Vec<(std::time::SystemTime, DraftKey, String)> = entries
            .filter_map(Result::ok)
            .filter_map(|e| {
                let name = e.file_name().into_string().ok()?;
                let parts: Vec<&str> = name.strip_suffix(".json")?.split('.').collect();
                let key = match parts[..] {
                    [p, a] if p == profile => DraftKey::new(p, a, None),
                    [p, a, r] if p == profile => DraftKey::new(p, a, Some(r)),
                    _ => return None,
                };
                let path = self.draft_path(&key).ok()?;
                let when = fs::symlink_metadata(&path)
                    .and_then(|m| m.modified())
                    .ok()?;
                Some((when, key, read_draft(&path)?))
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
        let path = self.draft_path(key)?;
        match fs::remove_file(&path) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(StoreError::Io {
                path,
                cause: format!("cannot drop the draft: {e}"),
            }),
        }
    }
}

fn read_draft(path: &Path) -> Option<String> {
    let meta = fs::symlink_metadata(path).ok()?;
    if !meta.is_file() || meta.len() > MAX_PROFILE_BYTES {
        return None;
    }
    fs::read_to_string(path).ok()
}

/// Marks a folder of citydx's own bookkeeping (locks, drafts, cache) as
/// ignored by git, for teams that keep the profiles folder in a repository.
/// Best effort: a failure changes nothing else.
pub(crate) fn ignore_in_git(dir: &Path) {
    let file = dir.join(".gitignore");
    if fs::symlink_metadata(&file).is_err() {
        let _ = fs::write(file, "*\n");
    }
}

/// The platform's default profiles folder (`directories`' data folder).
pub fn default_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("org", "citydx", "citydx")
        .map(|dirs| dirs.data_dir().join("profiles"))
}

fn is_profile_name(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    name.ends_with(".json") && !name.starts_with('.')
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
    #[cfg(unix)]
    let pipe = std::os::unix::fs::FileTypeExt::is_fifo(&meta.file_type())
        || std::os::unix::fs::FileTypeExt::is_char_device(&meta.file_type());
    #[cfg(not(unix))]
    let pipe = false;
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
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    fs::File::open(path)
        .and_then(|f| f.take(MAX_PROFILE_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|e| io_err(e.to_string()))?;
    if bytes.len() as u64 > MAX_PROFILE_BYTES {
        return Err(StoreError::TooLarge {
            path: path.to_path_buf(),
            size: bytes.len() as u64,
            limit: MAX_PROFILE_BYTES,
        });
    }
    Ok((bytes, link.file_type().is_symlink()))
}

fn read_profile(path: &Path, pipes: bool) -> Result<Loaded, StoreError> {
    let io_err = |cause: String| StoreError::Io {
        path: path.to_path_buf(),
        cause,
    };
    let (bytes, symlink) = read_profile_bytes(path, pipes)?;
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
    } else {
        None
    };
    Ok(Loaded {
        profile,
        path: path.to_path_buf(),
        read_only,
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
