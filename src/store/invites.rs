//! Invitations to answer an interview over SSH (`citydx serve`, issue 17):
//! who may log in, on which profile and domains, until when, with a code or
//! a public key.
//!
//! They live in one JSON file, `invitations.json`, in the platform's data
//! folder (never in the profiles folder, which may be in git):
//! `{"version": 1, "invitations": [...]}`. The file is private (mode 0600,
//! made so and put back so), replaced atomically ([`super::atomic`]), and
//! never read or written through a symbolic link. A running server and a
//! later `citydx invite` share it: every read-modify-write holds an
//! exclusive lock on the sibling `invitations.lock` and reads the file again
//! under it. A file that does not parse is never written over.
//!
//! A code is 12 Crockford base32 characters (60 bits), shown once, grouped
//! `ABCD-EFGH-JKLM`, and typed in any case, with or without the dashes or
//! spaces; only a salted SHA-256 hash of it is kept, compared in constant
//! time. Five wrong codes burn an invitation: it then refuses even the right
//! code. A wrong key is not counted (an SSH client offers every key it has,
//! one after the other).

use std::collections::BTreeMap;
use std::fs::{self, File, OpenOptions};
use std::io;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

use base64::Engine;
use chrono::{DateTime, Duration, SubsecRound, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use crate::core::Lang;
use crate::core::framework::DomainId;

/// The invitations' file name in the data folder.
pub const INVITES_FILE: &str = "invitations.json";
/// The file the server writes its host key's fingerprint to (one line).
pub const FINGERPRINT_FILE: &str = "host_key.pub.fingerprint";
/// The version of the invitations' file this citydx writes.
pub const INVITES_VERSION: u64 = 1;
/// Wrong codes after which an invitation is burnt, unless the invitation
/// says otherwise (`invite --max-failures`).
pub const MAX_FAILURES: u32 = 5;
/// The most `--max-failures` may allow.
pub const MAX_FAILURES_LIMIT: u32 = 20;

fn default_max_failures() -> u32 {
    MAX_FAILURES
}
/// How long an invitation lasts unless told otherwise.
pub const DEFAULT_EXPIRY: Duration = Duration::days(7);
/// The longest an invitation may last.
pub const MAX_EXPIRY: Duration = Duration::days(30);
/// Largest invitations file read (an invitation is a few hundred bytes).
pub const MAX_INVITES_BYTES: u64 = 16 * 1024 * 1024;
/// Largest public key file read (`--key FILE`).
pub const MAX_KEY_FILE_BYTES: u64 = 64 * 1024;

/// Characters of a code (5 bits each: 60 bits).
const CODE_CHARS: usize = 12;
/// Characters after `r-` in a user name (40 bits).
const USER_CHARS: usize = 8;
/// Crockford's base32: no I, L, O, U (read as 1, 1, 0; U never made).
const CROCKFORD: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/// Longest code input looked at (anything longer is wrong anyway).
const MAX_CODE_INPUT: usize = 256;
/// The salt hashed with a code for an unknown user, so that refusing an
/// unknown user costs what refusing a known one does.
const DUMMY_SALT: &str = "00000000000000000000000000000000";
/// Key types an OpenSSH public key line may hold.
const KEY_ALGORITHMS: [&str; 8] = [
    "ssh-ed25519",
    "ssh-rsa",
    "ecdsa-sha2-nistp256",
    "ecdsa-sha2-nistp384",
    "ecdsa-sha2-nistp521",
    "sk-ssh-ed25519@openssh.com",
    "sk-ecdsa-sha2-nistp256@openssh.com",
    "ssh-dss",
];
/// Largest key blob accepted (an RSA 16384-bit key is about 2 KB).
const MAX_KEY_BLOB: usize = 16 * 1024;

/// One invitation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Invitation {
    /// The SSH user name: `r-` and 8 lowercase base32 characters.
    pub user: String,
    /// The profile's id.
    pub profile: String,
    /// The respondent's id in the profile's latest assessment.
    pub respondent: String,
    /// Domain ids (the GLOSSARY's); empty means every domain.
    #[serde(default)]
    pub domains: Vec<String>,
    pub created: DateTime<Utc>,
    pub expires: DateTime<Utc>,
    /// Hex SHA-256 of the salt and the code, for a code invitation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code_hash: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub salt: Option<String>,
    /// An OpenSSH public key line (`ssh-ed25519 AAAA... comment`), for a
    /// key invitation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// Wrong codes typed so far.
    #[serde(default)]
    pub failures: u32,
    /// Wrong codes after which it is burnt ([`MAX_FAILURES`] in a file
    /// written before the key existed).
    #[serde(default = "default_max_failures")]
    pub max_failures: u32,
    #[serde(default)]
    pub revoked: bool,
}

impl Invitation {
    /// Its wrong codes used up (five unless it says otherwise): refused
    /// from now on, even with the right code.
    pub fn burnt(&self) -> bool {
        self.failures >= self.max_failures.clamp(1, MAX_FAILURES_LIMIT)
    }

    pub fn expired(&self, now: DateTime<Utc>) -> bool {
        now >= self.expires
    }

    /// Why it no longer lets anyone in, in the order a login is told:
    /// revoked, then burnt, then expired; `None` while it is live.
    pub fn closed(&self, now: DateTime<Utc>) -> Option<Refusal> {
        if self.revoked {
            Some(Refusal::Revoked)
        } else if self.burnt() {
            Some(Refusal::Burnt)
        } else if self.expired(now) {
            Some(Refusal::Expired)
        } else {
            None
        }
    }

    /// Neither revoked, burnt nor expired.
    pub fn live(&self, now: DateTime<Utc>) -> bool {
        self.closed(now).is_none()
    }

    /// `"key"` for a key invitation, `"code"` otherwise.
    pub fn kind(&self) -> &'static str {
        if self.key.is_some() { "key" } else { "code" }
    }

    /// The domains the respondent may answer: those named, or all seven.
    pub fn domain_ids(&self) -> Vec<DomainId> {
        let named: Vec<DomainId> = self
            .domains
            .iter()
            .filter_map(|d| DomainId::parse(d))
            .collect();
        if named.is_empty() {
            DomainId::ALL.to_vec()
        } else {
            named
        }
    }
}

/// What `create` is asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewInvitation {
    pub profile: String,
    pub respondent: String,
    /// Domain ids; empty means every domain.
    pub domains: Vec<String>,
    /// How long from now (at most [`MAX_EXPIRY`]).
    pub expires: Duration,
    /// A public key line: a key invitation instead of a code.
    pub key: Option<String>,
    /// Wrong codes after which it is burnt (1 to [`MAX_FAILURES_LIMIT`]).
    pub max_failures: u32,
}

impl Default for NewInvitation {
    fn default() -> NewInvitation {
        NewInvitation {
            profile: String::new(),
            respondent: String::new(),
            domains: Vec::new(),
            expires: DEFAULT_EXPIRY,
            key: None,
            max_failures: MAX_FAILURES,
        }
    }
}

/// An invitation as the consultant asks for it (`citydx invite`'s flags,
/// the consultant's form): a key *file*, read by [`InviteBook::invite`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InviteRequest {
    pub profile: String,
    /// The respondent's id.
    pub respondent: String,
    /// Domain ids; empty means every domain.
    pub domains: Vec<String>,
    pub expires: Duration,
    /// The respondent's OpenSSH public key file: a key invitation.
    pub key_file: Option<PathBuf>,
    /// Wrong codes after which it is burnt.
    pub max_failures: u32,
}

/// The command line a respondent types to connect.
pub fn ssh_command(port: u16, user: &str, host: &str) -> String {
    format!("ssh -p {port} {user}@{host}")
}

/// The host an invitation names unless told otherwise: this machine's name.
pub fn default_host() -> String {
    gethostname::gethostname().to_string_lossy().into_owned()
}

/// The answer to a login attempt.
// one per login attempt, never stored: boxing the invitation saves nothing
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuthOutcome {
    Accepted(Invitation),
    Refused(Refusal),
}

/// Why a login was refused (for the log: the client is told nothing more
/// than that it was refused).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    UnknownUser,
    WrongCode,
    Expired,
    Revoked,
    Burnt,
    WrongKey,
    /// A code typed for a key invitation.
    NoCode,
    /// A key offered for a code invitation.
    NoKey,
}

impl Refusal {
    /// The connection log's words: `"refused: wrong code"`.
    pub fn event(self) -> &'static str {
        match self {
            Refusal::UnknownUser => "refused: unknown user",
            Refusal::WrongCode => "refused: wrong code",
            Refusal::Expired => "refused: expired",
            Refusal::Revoked => "refused: revoked",
            Refusal::Burnt => "refused: burnt",
            Refusal::WrongKey => "refused: wrong key",
            Refusal::NoCode => "refused: code for a key invitation",
            Refusal::NoKey => "refused: key for a code invitation",
        }
    }
}

/// What is wrong with a public key line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyProblem {
    Empty,
    /// More than one key (a file of several lines).
    Several,
    /// A private key given instead of the `.pub` file.
    Private,
    /// A control character in the line.
    Control,
    /// Not one of the key types OpenSSH writes: what was found.
    UnknownType(String),
    /// The key's body is not base64, or does not hold a key of its type.
    BadBody,
}

/// Everything that can go wrong with invitations, each naming the file or
/// the input and the cause; worded in `src/text/invite.rs`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InviteError {
    /// No home folder, so no data folder.
    NoDataFolder,
    Io {
        path: PathBuf,
        cause: String,
    },
    /// A symbolic link where the file should be: never followed.
    Linked {
        path: PathBuf,
    },
    NotRegular {
        path: PathBuf,
    },
    TooLarge {
        path: PathBuf,
        limit: u64,
    },
    /// The file does not parse: it is left as it is.
    Parse {
        path: PathBuf,
        cause: String,
    },
    /// Written by a newer citydx: left as it is.
    Newer {
        path: PathBuf,
        version: u64,
    },
    BadProfile {
        given: String,
    },
    BlankRespondent,
    BadDomain {
        given: String,
    },
    BadExpiry,
    BadKey {
        file: Option<PathBuf>,
        why: KeyProblem,
    },
    UnknownUser {
        user: String,
    },
}

impl InviteError {
    /// One line in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        crate::text::invite::error_message(self, lang)
    }
}

impl std::fmt::Display for InviteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for InviteError {}

/// The platform's data folder (`~/.local/share/citydx` on Linux,
/// `XDG_DATA_HOME` when set); `None` without a home, or when the folder
/// would be a relative path (a relative `HOME`: never in the current folder).
pub fn data_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("org", "citydx", "citydx")
        .map(|d| d.data_dir().to_path_buf())
        .filter(|dir| dir.is_absolute())
}

/// Where the invitations live on this platform.
pub fn invites_path() -> Option<PathBuf> {
    data_dir().map(|d| d.join(INVITES_FILE))
}

/// The server's host key fingerprint, as it wrote it in the data folder
/// (`host_key.pub.fingerprint`); `None` before a server ever ran.
pub fn hostkey_fingerprint() -> Option<String> {
    hostkey_fingerprint_in(&data_dir()?)
}

/// [`hostkey_fingerprint`] in the folder `dir`: the file's first line,
/// when it is a regular file, small, and holds no control character.
pub fn hostkey_fingerprint_in(dir: &Path) -> Option<String> {
    let file = open_nofollow(&dir.join(FINGERPRINT_FILE)).ok()?;
    if !file.metadata().ok()?.is_file() {
        return None;
    }
    let bytes = super::fsx::read_file_limited(file, 4096).ok()?;
    let text = String::from_utf8(bytes).ok()?;
    let line = text.lines().next()?.trim();
    (!line.is_empty() && !line.chars().any(char::is_control)).then(|| line.to_string())
}

/// The invitations' file at one place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InviteBook {
    path: PathBuf,
    lock_path: PathBuf,
}

/// The file as stored: fields a later version adds are kept.
#[derive(Debug, Serialize, Deserialize)]
struct BookFile {
    version: u64,
    #[serde(default)]
    invitations: Vec<Invitation>,
    #[serde(flatten)]
    other: BTreeMap<String, serde_json::Value>,
}

impl InviteBook {
    /// The file at `path`; its lock is the sibling `<stem>.lock`
    /// (`invitations.lock`).
    pub fn at(path: PathBuf) -> InviteBook {
        let lock_path = path.with_extension("lock");
        InviteBook { path, lock_path }
    }

    /// The file in the platform's data folder.
    pub fn default_place() -> Result<InviteBook, InviteError> {
        invites_path()
            .map(InviteBook::at)
            .ok_or(InviteError::NoDataFolder)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// When the invitations file last changed (`None` when it cannot be
    /// read): a running server reads it again only when this changes.
    pub fn modified(&self) -> Option<std::time::SystemTime> {
        std::fs::metadata(&self.path)
            .and_then(|m| m.modified())
            .ok()
    }

    /// Makes an invitation. Returns it and, for a code invitation, the code
    /// grouped for reading (`ABCD-EFGH-JKLM`): shown once, never stored.
    pub fn create(
        &self,
        req: NewInvitation,
        now: DateTime<Utc>,
    ) -> Result<(Invitation, Option<String>), InviteError> {
        if crate::core::id::check_id(&req.profile).is_err() {
            return Err(InviteError::BadProfile {
                given: req.profile.clone(),
            });
        }
        let respondent = req.respondent.trim();
        if respondent.is_empty() || respondent.chars().any(char::is_control) {
            return Err(InviteError::BlankRespondent);
        }
        let mut domains: Vec<String> = Vec::new();
        for given in &req.domains {
            let id = DomainId::parse(given.trim()).ok_or_else(|| InviteError::BadDomain {
                given: given.clone(),
            })?;
            if !domains.iter().any(|d| d == id.as_str()) {
                domains.push(id.as_str().to_string());
            }
        }
        if req.expires <= Duration::zero() || req.expires > MAX_EXPIRY {
            return Err(InviteError::BadExpiry);
        }
        let key = match &req.key {
            Some(line) => Some(
                parse_public_key(line)
                    .map_err(|why| InviteError::BadKey { file: None, why })?
                    .line(),
            ),
            None => None,
        };
        let now = now.trunc_subsecs(0);
        let (code, code_hash, salt) = if key.is_none() {
            let code = random_chars(CODE_CHARS, CROCKFORD)?;
            let salt = hex(&random_bytes::<16>()?);
            let hash = hash_code(&salt, &code);
            (Some(group(&code)), Some(hash), Some(salt))
        } else {
            (None, None, None)
        };
        self.modify(|list| {
            let user = loop {
                let alphabet = CROCKFORD.map(|c| c.to_ascii_lowercase());
                let user = format!("r-{}", random_chars(USER_CHARS, &alphabet)?);
                if !list.iter().any(|i| i.user == user) {
                    break user;
                }
            };
            let invitation = Invitation {
                user,
                profile: req.profile.clone(),
                respondent: respondent.to_string(),
                domains: domains.clone(),
                created: now,
                expires: now + req.expires,
                code_hash: code_hash.clone(),
                salt: salt.clone(),
                key: key.clone(),
                failures: 0,
                max_failures: req.max_failures.clamp(1, MAX_FAILURES_LIMIT),
                revoked: false,
            };
            list.push(invitation.clone());
            Ok((invitation, true))
        })
        .map(|invitation| (invitation, code))
    }

    /// Makes an invitation as a consultant asks for it, the one way both
    /// `citydx invite` and the consultant's screen make one: the key file
    /// (when given) is read and checked first, so a bad key writes
    /// nothing; then [`InviteBook::create`].
    pub fn invite(
        &self,
        req: InviteRequest,
        now: DateTime<Utc>,
    ) -> Result<(Invitation, Option<String>), InviteError> {
        let key = match &req.key_file {
            Some(path) => Some(read_key_file(path)?),
            None => None,
        };
        self.create(
            NewInvitation {
                profile: req.profile,
                respondent: req.respondent,
                domains: req.domains,
                expires: req.expires,
                key,
                max_failures: req.max_failures,
            },
            now,
        )
    }

    /// The invitations, of one profile or all, in the order made.
    pub fn list(&self, profile: Option<&str>) -> Result<Vec<Invitation>, InviteError> {
        let book = self.read()?;
        Ok(book
            .invitations
            .into_iter()
            .filter(|i| profile.is_none_or(|p| i.profile == p))
            .collect())
    }

    /// The invitation of user `user`, if any.
    pub fn find(&self, user: &str) -> Result<Option<Invitation>, InviteError> {
        Ok(self
            .read()?
            .invitations
            .into_iter()
            .find(|i| same_user(&i.user, user)))
    }

    /// Revokes the invitation of `user` (again: nothing changes); an error
    /// when there is none.
    pub fn revoke(&self, user: &str) -> Result<(), InviteError> {
        self.modify(
            |list| match list.iter_mut().find(|i| same_user(&i.user, user)) {
                Some(i) if i.revoked => Ok(((), false)),
                Some(i) => {
                    i.revoked = true;
                    Ok(((), true))
                }
                None => Err(InviteError::UnknownUser {
                    user: user.to_string(),
                }),
            },
        )
    }

    /// Checks a code typed at login. A wrong code for a live code
    /// invitation is counted (on disk); the fifth burns it.
    pub fn check_code(
        &self,
        user: &str,
        code: &str,
        now: DateTime<Utc>,
    ) -> Result<AuthOutcome, InviteError> {
        let typed = normalize_code(code);
        self.modify(|list| {
            let Some(invitation) = list.iter_mut().find(|i| same_user(&i.user, user)) else {
                // the same work as for a known user: no timing oracle
                let _ = hash_code(DUMMY_SALT, &typed);
                return Ok((AuthOutcome::Refused(Refusal::UnknownUser), false));
            };
            let right = match (&invitation.code_hash, &invitation.salt) {
                (Some(hash), Some(salt)) => {
                    let typed_hash = hash_code(salt, &typed);
                    bool::from(typed_hash.as_bytes().ct_eq(hash.as_bytes()))
                }
                _ => {
                    let _ = hash_code(DUMMY_SALT, &typed);
                    false
                }
            };
            let refusal = invitation
                .closed(now)
                .or_else(|| invitation.code_hash.is_none().then_some(Refusal::NoCode));
            Ok(match refusal {
                Some(refusal) => (AuthOutcome::Refused(refusal), false),
                None if right => (AuthOutcome::Accepted(invitation.clone()), false),
                None => {
                    invitation.failures = invitation.failures.saturating_add(1);
                    (AuthOutcome::Refused(Refusal::WrongCode), true)
                }
            })
        })
    }

    /// Checks a public key offered at login (`key_line`: an OpenSSH public
    /// key line; its comment is ignored).
    pub fn check_key(
        &self,
        user: &str,
        key_line: &str,
        now: DateTime<Utc>,
    ) -> Result<AuthOutcome, InviteError> {
        let offered = parse_public_key(key_line).ok();
        let book = self.read()?;
        let Some(invitation) = book
            .invitations
            .into_iter()
            .find(|i| same_user(&i.user, user))
        else {
            return Ok(AuthOutcome::Refused(Refusal::UnknownUser));
        };
        if let Some(refusal) = invitation.closed(now) {
            return Ok(AuthOutcome::Refused(refusal));
        }
        let Some(stored) = invitation.key.as_deref() else {
            return Ok(AuthOutcome::Refused(Refusal::NoKey));
        };
        let right = match (offered, parse_public_key(stored).ok()) {
            (Some(offered), Some(stored)) => {
                offered.algorithm == stored.algorithm
                    && bool::from(offered.base64.as_bytes().ct_eq(stored.base64.as_bytes()))
            }
            _ => false,
        };
        Ok(if right {
            AuthOutcome::Accepted(invitation)
        } else {
            AuthOutcome::Refused(Refusal::WrongKey)
        })
    }

    /// Reads the file, changes its invitations with `change` (which says
    /// whether it changed them), and writes it back when it did: all under
    /// the lock, the file read again under it.
    fn modify<T>(
        &self,
        change: impl FnOnce(&mut Vec<Invitation>) -> Result<(T, bool), InviteError>,
    ) -> Result<T, InviteError> {
        let _lock = self.lock()?;
        let mut book = self.read()?;
        let (value, changed) = change(&mut book.invitations)?;
        if changed {
            self.write(&book)?;
        }
        Ok(value)
    }

    /// Takes the exclusive lock on `invitations.lock` (waiting for it);
    /// released when the file returned is dropped.
    fn lock(&self) -> Result<File, InviteError> {
        make_private_dir(&self.lock_path)?;
        let io = |e: io::Error| io_error(&self.lock_path, e);
        let file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .mode(0o600)
            .custom_flags(nofollow_flags())
            .open(&self.lock_path)
            .map_err(io)?;
        if !file.metadata().map_err(io)?.is_file() {
            return Err(InviteError::NotRegular {
                path: self.lock_path.clone(),
            });
        }
        file.lock().map_err(io)?;
        Ok(file)
    }

    /// The file as it is on disk; an empty book when there is none.
    fn read(&self) -> Result<BookFile, InviteError> {
        let file = match open_nofollow(&self.path) {
            Ok(file) => file,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                return Ok(BookFile {
                    version: INVITES_VERSION,
                    invitations: Vec::new(),
                    other: BTreeMap::new(),
                });
            }
            Err(e) => return Err(io_error(&self.path, e)),
        };
        let io = |e: io::Error| io_error(&self.path, e);
        let meta = file.metadata().map_err(io)?;
        if !meta.is_file() {
            return Err(InviteError::NotRegular {
                path: self.path.clone(),
            });
        }
        // private: put back so if someone loosened it
        if meta.permissions().mode() & 0o077 != 0 {
            file.set_permissions(fs::Permissions::from_mode(0o600))
                .map_err(io)?;
        }
        let bytes = super::fsx::read_file_limited(&file, MAX_INVITES_BYTES).map_err(|e| {
            if e.kind() == io::ErrorKind::InvalidData {
                InviteError::TooLarge {
                    path: self.path.clone(),
                    limit: MAX_INVITES_BYTES,
                }
            } else {
                io(e)
            }
        })?;
        let book: BookFile = serde_json::from_slice(&bytes).map_err(|e| InviteError::Parse {
            path: self.path.clone(),
            cause: e.to_string(),
        })?;
        if book.version > INVITES_VERSION {
            return Err(InviteError::Newer {
                path: self.path.clone(),
                version: book.version,
            });
        }
        Ok(book)
    }

    /// Replaces the file atomically, mode 0600.
    fn write(&self, book: &BookFile) -> Result<(), InviteError> {
        let mut text = serde_json::to_string_pretty(book).map_err(|e| InviteError::Io {
            path: self.path.clone(),
            cause: e.to_string(),
        })?;
        text.push('\n');
        // an existing file's permissions are kept by write_atomic_mode:
        // `read` has put them back to 0600 already
        super::atomic::write_atomic_mode(&self.path, text.as_bytes(), 0o600)
            .map_err(|e| io_error(&self.path, e))?;
        Ok(())
    }
}

/// User names are compared without regard to ASCII case (an SSH client
/// sends what was typed).
fn same_user(stored: &str, given: &str) -> bool {
    stored.eq_ignore_ascii_case(given)
}

fn io_error(path: &Path, e: io::Error) -> InviteError {
    if e.raw_os_error() == Some(rustix::io::Errno::LOOP.raw_os_error()) {
        InviteError::Linked {
            path: path.to_path_buf(),
        }
    } else {
        InviteError::Io {
            path: path.to_path_buf(),
            cause: e.to_string(),
        }
    }
}

fn nofollow_flags() -> i32 {
    (rustix::fs::OFlags::NOFOLLOW | rustix::fs::OFlags::CLOEXEC).bits() as i32
}

/// Opens `path` for reading, never through a link (nor blocking on a FIFO).
fn open_nofollow(path: &Path) -> io::Result<File> {
    OpenOptions::new()
        .read(true)
        .custom_flags(nofollow_flags() | rustix::fs::OFlags::NONBLOCK.bits() as i32)
        .open(path)
}

/// Makes the folder of `file` (private, 0700, when citydx makes it).
fn make_private_dir(file: &Path) -> Result<(), InviteError> {
    match file.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)
            .map_err(|e| io_error(dir, e)),
        _ => Ok(()),
    }
}

fn random_bytes<const N: usize>() -> Result<[u8; N], InviteError> {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes).map_err(|e| InviteError::Io {
        path: PathBuf::from("getrandom"),
        cause: e.to_string(),
    })?;
    Ok(bytes)
}

/// `n` characters drawn uniformly from a 32-character alphabet (a byte's
/// low 5 bits: 256 is a multiple of 32, so no bias).
fn random_chars(n: usize, alphabet: &[u8; 32]) -> Result<String, InviteError> {
    let bytes = random_bytes::<32>()?;
    Ok(bytes[..n]
        .iter()
        .map(|b| alphabet[(b & 31) as usize] as char)
        .collect())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn hash_code(salt: &str, code: &str) -> String {
    let mut hasher = Sha256::new();
    hasher.update(salt.as_bytes());
    hasher.update(b":");
    hasher.update(code.as_bytes());
    hex(&hasher.finalize())
}

/// `ABCDEFGHJKMN` as `ABCD-EFGH-JKMN`.
fn group(code: &str) -> String {
    code.as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join("-")
}

/// A code as typed, as it was made: dashes and spaces dropped, upper case,
/// Crockford's look-alikes read (I and L as 1, O as 0).
pub fn normalize_code(typed: &str) -> String {
    typed
        .chars()
        .take(MAX_CODE_INPUT)
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| match c.to_ascii_uppercase() {
            'I' | 'L' => '1',
            'O' => '0',
            c => c,
        })
        .collect()
}

/// An OpenSSH public key line, read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicKeyLine {
    pub algorithm: String,
    pub base64: String,
    pub comment: String,
}

impl PublicKeyLine {
    /// The line as stored: type, body and comment, single spaces.
    pub fn line(&self) -> String {
        if self.comment.is_empty() {
            format!("{} {}", self.algorithm, self.base64)
        } else {
            format!("{} {} {}", self.algorithm, self.base64, self.comment)
        }
    }
}

/// Reads one OpenSSH public key line: a known key type, then base64 that
/// holds a key of that type, then an optional comment. A light check: the
/// server verifies the key itself.
pub fn parse_public_key(line: &str) -> Result<PublicKeyLine, KeyProblem> {
    let line = line.trim();
    if line.contains("PRIVATE KEY") {
        return Err(KeyProblem::Private);
    }
    if line.lines().filter(|l| !l.trim().is_empty()).count() > 1 {
        return Err(KeyProblem::Several);
    }
    if line.chars().any(|c| c.is_control() && c != '\t') {
        return Err(KeyProblem::Control);
    }
    let mut fields = line.split_whitespace();
    let Some(algorithm) = fields.next() else {
        return Err(KeyProblem::Empty);
    };
    if !KEY_ALGORITHMS.contains(&algorithm) {
        let shown: String = algorithm.chars().take(40).collect();
        return Err(KeyProblem::UnknownType(shown));
    }
    let body = fields.next().ok_or(KeyProblem::BadBody)?;
    let comment = fields.collect::<Vec<_>>().join(" ");
    if body.len() > MAX_KEY_BLOB * 2 {
        return Err(KeyProblem::BadBody);
    }
    let blob = base64::engine::general_purpose::STANDARD
        .decode(body)
        .map_err(|_| KeyProblem::BadBody)?;
    // the blob starts with its type: a 4-byte big-endian length, the name
    let named = blob
        .get(..4)
        .map(|n| u32::from_be_bytes([n[0], n[1], n[2], n[3]]) as usize)
        .and_then(|n| blob.get(4..4 + n));
    if named != Some(algorithm.as_bytes()) {
        return Err(KeyProblem::BadBody);
    }
    Ok(PublicKeyLine {
        algorithm: algorithm.to_string(),
        base64: body.to_string(),
        comment,
    })
}

/// Reads the public key file the consultant named (`--key FILE`): one key
/// line (blank lines and `#` comments aside), under a size limit.
pub fn read_key_file(path: &Path) -> Result<String, InviteError> {
    let io = |e: io::Error| InviteError::Io {
        path: path.to_path_buf(),
        cause: e.to_string(),
    };
    let file = File::open(path).map_err(io)?;
    if !file.metadata().map_err(io)?.is_file() {
        return Err(InviteError::NotRegular {
            path: path.to_path_buf(),
        });
    }
    let bytes = super::fsx::read_file_limited(file, MAX_KEY_FILE_BYTES).map_err(|_| {
        InviteError::TooLarge {
            path: path.to_path_buf(),
            limit: MAX_KEY_FILE_BYTES,
        }
    })?;
    let bad = |why| InviteError::BadKey {
        file: Some(path.to_path_buf()),
        why,
    };
    let text = String::from_utf8(bytes).map_err(|_| bad(KeyProblem::BadBody))?;
    if text.contains("PRIVATE KEY") {
        return Err(bad(KeyProblem::Private));
    }
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect();
    match lines[..] {
        [] => Err(bad(KeyProblem::Empty)),
        [one] => parse_public_key(one).map(|k| k.line()).map_err(bad),
        // not a key file at all: say what is wrong with its first line
        [first, ..] => match parse_public_key(first) {
            Ok(_) => Err(bad(KeyProblem::Several)),
            Err(why) => Err(bad(why)),
        },
    }
}

/// Reads `--expires`: `Nh` or `Nd` (hours or days), at most 30 days.
pub fn parse_expiry(given: &str) -> Option<Duration> {
    let given = given.trim();
    let (at, _) = given.char_indices().last()?;
    let (number, unit) = given.split_at(at);
    if number.is_empty() || !number.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let n: i64 = number.parse().ok()?;
    let duration = match unit {
        "h" | "H" => Duration::try_hours(n)?,
        "d" | "D" => Duration::try_days(n)?,
        _ => return None,
    };
    (duration > Duration::zero() && duration <= MAX_EXPIRY).then_some(duration)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> DateTime<Utc> {
        "2026-12-03T10:00:00Z".parse().unwrap()
    }

    fn book() -> (tempfile::TempDir, InviteBook) {
        let dir = tempfile::tempdir().unwrap();
        let book = InviteBook::at(dir.path().join("data").join(INVITES_FILE));
        (dir, book)
    }

    fn request() -> NewInvitation {
        NewInvitation {
            profile: "shen-county".into(),
            respondent: "0f8e2c1a-resp".into(),
            ..NewInvitation::default()
        }
    }

    /// An ed25519 public key line whose 32 key bytes are all `fill`.
    fn key_line(fill: u8, comment: &str) -> String {
        let mut blob = Vec::new();
        blob.extend_from_slice(&11u32.to_be_bytes());
        blob.extend_from_slice(b"ssh-ed25519");
        blob.extend_from_slice(&32u32.to_be_bytes());
        blob.extend_from_slice(&[fill; 32]);
        let body = base64::engine::general_purpose::STANDARD.encode(blob);
        format!("ssh-ed25519 {body} {comment}").trim().to_string()
    }

    fn code_invitation(book: &InviteBook) -> (Invitation, String) {
        let (invitation, code) = book.create(request(), now()).unwrap();
        (invitation, code.unwrap())
    }

    #[test]
    fn a_code_invitation_is_made_with_a_user_a_grouped_code_and_only_a_hash() {
        let (_dir, book) = book();
        let (invitation, code) = code_invitation(&book);
        assert!(invitation.user.starts_with("r-"));
        assert_eq!(invitation.user.len(), 10);
        assert!(
            invitation.user[2..]
                .chars()
                .all(|c| c.is_ascii_digit() || c.is_ascii_lowercase())
        );
        // 12 Crockford characters in three groups: 60 bits
        assert_eq!(code.len(), 14);
        let parts: Vec<&str> = code.split('-').collect();
        assert_eq!(parts.len(), 3);
        assert!(
            parts
                .iter()
                .all(|p| p.len() == 4 && p.bytes().all(|b| CROCKFORD.contains(&b)))
        );
        assert_eq!(invitation.expires - invitation.created, Duration::days(7));
        assert_eq!(invitation.kind(), "code");
        let text = fs::read_to_string(book.path()).unwrap();
        assert!(!text.contains(&code) && !text.contains(&code.replace('-', "")));
        assert!(text.contains("\"version\": 1"));
        assert!(text.contains(invitation.code_hash.as_deref().unwrap()));
        assert_eq!(
            book.find(&invitation.user).unwrap(),
            Some(invitation.clone())
        );
        assert_eq!(book.list(Some("shen-county")).unwrap(), vec![invitation]);
        assert_eq!(book.list(Some("pinghu")).unwrap(), vec![]);
    }

    #[test]
    fn two_invitations_have_different_users_and_codes() {
        let (_dir, book) = book();
        let (a, code_a) = code_invitation(&book);
        let (b, code_b) = code_invitation(&book);
        assert_ne!(a.user, b.user);
        assert_ne!(code_a, code_b);
        assert_ne!(a.salt, b.salt);
    }

    #[test]
    fn the_right_code_is_accepted_in_any_case_with_or_without_dashes() {
        let (_dir, book) = book();
        let (invitation, code) = code_invitation(&book);
        for typed in [
            code.clone(),
            code.to_lowercase(),
            code.replace('-', ""),
            code.replace('-', " "),
            format!("  {}  ", code.to_lowercase().replace('-', "")),
        ] {
            assert_eq!(
                book.check_code(&invitation.user, &typed, now()).unwrap(),
                AuthOutcome::Accepted(invitation.clone()),
                "{typed}"
            );
        }
        // reconnecting is fine until it expires
        let later = now() + Duration::days(6);
        assert!(matches!(
            book.check_code(&invitation.user, &code, later).unwrap(),
            AuthOutcome::Accepted(_)
        ));
        assert_eq!(book.find(&invitation.user).unwrap().unwrap().failures, 0);
    }

    #[test]
    fn a_wrong_code_is_counted_and_the_fifth_burns_the_invitation() {
        let (_dir, book) = book();
        let (invitation, code) = code_invitation(&book);
        let user = &invitation.user;
        for n in 1..=MAX_FAILURES {
            assert_eq!(
                book.check_code(user, "AAAA-BBBB-CCCC", now()).unwrap(),
                AuthOutcome::Refused(Refusal::WrongCode)
            );
            // counted on disk, seen by another book on the same file
            let other = InviteBook::at(book.path().to_path_buf());
            assert_eq!(other.find(user).unwrap().unwrap().failures, n);
        }
        assert!(book.find(user).unwrap().unwrap().burnt());
        assert_eq!(
            book.check_code(user, &code, now()).unwrap(),
            AuthOutcome::Refused(Refusal::Burnt)
        );
        // a burnt invitation counts no further
        assert_eq!(book.find(user).unwrap().unwrap().failures, MAX_FAILURES);
    }

    #[test]
    fn an_invitation_burns_after_its_own_number_of_wrong_codes() {
        let (_dir, book) = book();
        let (invitation, code) = book
            .create(
                NewInvitation {
                    profile: "pinghu".into(),
                    respondent: "r1".into(),
                    max_failures: 2,
                    ..NewInvitation::default()
                },
                now(),
            )
            .map(|(i, c)| (i, c.unwrap()))
            .unwrap();
        let user = &invitation.user;
        assert_eq!(invitation.max_failures, 2);
        book.check_code(user, "AAAA-BBBB-CCCC", now()).unwrap();
        assert!(!book.find(user).unwrap().unwrap().burnt());
        book.check_code(user, "AAAA-BBBB-CCCC", now()).unwrap();
        assert!(book.find(user).unwrap().unwrap().burnt());
        assert_eq!(
            book.check_code(user, &code, now()).unwrap(),
            AuthOutcome::Refused(Refusal::Burnt)
        );
        // a file written before the key existed burns at five
        let old: Invitation = serde_json::from_value(serde_json::json!({
            "user": "r-aaaaaaaa", "profile": "pinghu", "respondent": "r1",
            "created": "2026-12-01T00:00:00Z", "expires": "2026-12-08T00:00:00Z",
            "failures": 4
        }))
        .unwrap();
        assert_eq!(old.max_failures, MAX_FAILURES);
        assert!(!old.burnt());
    }

    #[test]
    fn expired_revoked_and_unknown_are_refused() {
        let (_dir, book) = book();
        let (invitation, code) = code_invitation(&book);
        let user = &invitation.user;
        assert_eq!(
            book.check_code(user, &code, invitation.expires).unwrap(),
            AuthOutcome::Refused(Refusal::Expired)
        );
        assert_eq!(
            book.check_code("r-00000000", &code, now()).unwrap(),
            AuthOutcome::Refused(Refusal::UnknownUser)
        );
        assert_eq!(
            book.check_key("r-00000000", &key_line(1, ""), now())
                .unwrap(),
            AuthOutcome::Refused(Refusal::UnknownUser)
        );
        book.revoke(user).unwrap();
        assert!(book.find(user).unwrap().unwrap().revoked);
        assert_eq!(
            book.check_code(user, &code, now()).unwrap(),
            AuthOutcome::Refused(Refusal::Revoked)
        );
        // revoking again changes nothing; an unknown user is an error
        book.revoke(user).unwrap();
        assert_eq!(
            book.revoke("r-zzzzzzzz"),
            Err(InviteError::UnknownUser {
                user: "r-zzzzzzzz".into()
            })
        );
        // an expired invitation's wrong code is not counted
        let (other, _) = code_invitation(&book);
        let late = other.expires + Duration::hours(1);
        assert_eq!(
            book.check_code(&other.user, "x", late).unwrap(),
            AuthOutcome::Refused(Refusal::Expired)
        );
        assert_eq!(book.find(&other.user).unwrap().unwrap().failures, 0);
    }

    #[test]
    fn a_key_invitation_takes_its_key_alone_and_no_code() {
        let (_dir, book) = book();
        let line = key_line(7, "kang@laptop");
        let (invitation, code) = book
            .create(
                NewInvitation {
                    key: Some(format!("  {line}\n")),
                    ..request()
                },
                now(),
            )
            .unwrap();
        assert_eq!(code, None);
        assert_eq!(invitation.kind(), "key");
        assert_eq!(invitation.key.as_deref(), Some(line.as_str()));
        assert_eq!(invitation.code_hash, None);
        let user = &invitation.user;
        // the comment does not matter
        for offered in [line.clone(), key_line(7, ""), key_line(7, "other comment")] {
            assert_eq!(
                book.check_key(user, &offered, now()).unwrap(),
                AuthOutcome::Accepted(invitation.clone())
            );
        }
        assert_eq!(
            book.check_key(user, &key_line(8, "kang@laptop"), now())
                .unwrap(),
            AuthOutcome::Refused(Refusal::WrongKey)
        );
        assert_eq!(
            book.check_key(user, "garbage", now()).unwrap(),
            AuthOutcome::Refused(Refusal::WrongKey)
        );
        // a wrong key is not a failure (clients offer each key they have)
        assert_eq!(book.find(user).unwrap().unwrap().failures, 0);
        assert_eq!(
            book.check_code(user, "AAAA-BBBB-CCCC", now()).unwrap(),
            AuthOutcome::Refused(Refusal::NoCode)
        );
        assert_eq!(
            book.check_key(user, &line, invitation.expires).unwrap(),
            AuthOutcome::Refused(Refusal::Expired)
        );
        book.revoke(user).unwrap();
        assert_eq!(
            book.check_key(user, &line, now()).unwrap(),
            AuthOutcome::Refused(Refusal::Revoked)
        );
        // a key offered for a code invitation
        let (coded, _) = code_invitation(&book);
        assert_eq!(
            book.check_key(&coded.user, &line, now()).unwrap(),
            AuthOutcome::Refused(Refusal::NoKey)
        );
    }

    #[test]
    fn requests_are_checked() {
        let (_dir, book) = book();
        let bad = |req: NewInvitation| book.create(req, now()).unwrap_err();
        assert_eq!(
            bad(NewInvitation {
                respondent: "  ".into(),
                ..request()
            }),
            InviteError::BlankRespondent
        );
        assert_eq!(
            bad(NewInvitation {
                domains: vec!["services".into(), "health".into()],
                ..request()
            }),
            InviteError::BadDomain {
                given: "health".into()
            }
        );
        assert_eq!(
            bad(NewInvitation {
                expires: Duration::days(31),
                ..request()
            }),
            InviteError::BadExpiry
        );
        assert_eq!(
            bad(NewInvitation {
                expires: Duration::zero(),
                ..request()
            }),
            InviteError::BadExpiry
        );
        assert!(matches!(
            bad(NewInvitation {
                profile: "../etc".into(),
                ..request()
            }),
            InviteError::BadProfile { .. }
        ));
        assert!(matches!(
            bad(NewInvitation {
                key: Some("ssh-ed25519 AAAA".into()),
                ..request()
            }),
            InviteError::BadKey {
                why: KeyProblem::BadBody,
                ..
            }
        ));
        // nothing was written
        assert!(!book.path().exists());
        // domains kept once each, in the order given
        let (invitation, _) = book
            .create(
                NewInvitation {
                    domains: vec!["economy".into(), "services".into(), "economy".into()],
                    ..request()
                },
                now(),
            )
            .unwrap();
        assert_eq!(invitation.domains, vec!["economy", "services"]);
        assert_eq!(
            invitation.domain_ids(),
            vec![DomainId::Economy, DomainId::Services]
        );
    }

    #[test]
    fn public_key_lines_are_checked_lightly() {
        let line = key_line(3, "a b");
        let parsed = parse_public_key(&line).unwrap();
        assert_eq!(parsed.algorithm, "ssh-ed25519");
        assert_eq!(parsed.comment, "a b");
        assert_eq!(parse_public_key(""), Err(KeyProblem::Empty));
        assert_eq!(
            parse_public_key(&format!("{line}\n{line}")),
            Err(KeyProblem::Several)
        );
        assert_eq!(
            parse_public_key("-----BEGIN OPENSSH PRIVATE KEY-----"),
            Err(KeyProblem::Private)
        );
        assert_eq!(
            parse_public_key(&format!("{line}\u{1b}[2J")),
            Err(KeyProblem::Control)
        );
        assert!(matches!(
            parse_public_key("from=\"x\" ssh-ed25519 AAAA"),
            Err(KeyProblem::UnknownType(_))
        ));
        // the body's own type must be the line's
        let body = line.split(' ').nth(1).unwrap();
        assert_eq!(
            parse_public_key(&format!("ssh-rsa {body}")),
            Err(KeyProblem::BadBody)
        );
        assert_eq!(
            parse_public_key("ssh-ed25519 !!!!"),
            Err(KeyProblem::BadBody)
        );
    }

    #[test]
    fn key_files_hold_one_key() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("id.pub");
        fs::write(&path, format!("# mine\n\n{}\n", key_line(5, "me"))).unwrap();
        assert_eq!(read_key_file(&path).unwrap(), key_line(5, "me"));
        fs::write(&path, format!("{}\n{}\n", key_line(5, ""), key_line(6, ""))).unwrap();
        assert!(matches!(
            read_key_file(&path),
            Err(InviteError::BadKey {
                why: KeyProblem::Several,
                ..
            })
        ));
        assert!(matches!(
            read_key_file(&dir.path().join("missing.pub")),
            Err(InviteError::Io { .. })
        ));
    }

    #[test]
    fn expiry_is_hours_or_days_up_to_thirty_days() {
        assert_eq!(parse_expiry("2d"), Some(Duration::days(2)));
        assert_eq!(parse_expiry("12h"), Some(Duration::hours(12)));
        assert_eq!(parse_expiry("30d"), Some(Duration::days(30)));
        assert_eq!(parse_expiry("720h"), Some(Duration::days(30)));
        for bad in [
            "31d",
            "721h",
            "0d",
            "d",
            "2",
            "2w",
            "-2d",
            "2.5d",
            "",
            "2天",
            "99999999999999999999d",
        ] {
            assert_eq!(parse_expiry(bad), None, "{bad}");
        }
    }

    #[test]
    fn the_file_is_private_and_made_private_again() {
        let (_dir, book) = book();
        code_invitation(&book);
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(book.path()), 0o600);
        assert_eq!(mode(&book.path().with_extension("lock")), 0o600);
        assert_eq!(mode(book.path().parent().unwrap()), 0o700);
        fs::set_permissions(book.path(), fs::Permissions::from_mode(0o644)).unwrap();
        code_invitation(&book);
        assert_eq!(mode(book.path()), 0o600);
        assert_eq!(book.list(None).unwrap().len(), 2);
    }

    #[test]
    fn a_file_that_does_not_parse_is_left_untouched() {
        let (_dir, book) = book();
        fs::create_dir_all(book.path().parent().unwrap()).unwrap();
        let broken = "{\"version\": 1, \"invitations\": [";
        fs::write(book.path(), broken).unwrap();
        let error = book.create(request(), now()).unwrap_err();
        assert!(matches!(error, InviteError::Parse { .. }));
        for lang in [Lang::En, Lang::Zh] {
            let message = error.message(lang);
            assert!(message.contains(&book.path().display().to_string()));
            assert!(!message.contains('\n'));
        }
        assert!(matches!(
            book.check_code("r-00000000", "x", now()),
            Err(InviteError::Parse { .. })
        ));
        assert!(book.revoke("r-00000000").is_err());
        assert_eq!(fs::read_to_string(book.path()).unwrap(), broken);
        // a newer version is left alone too
        fs::write(book.path(), r#"{"version": 2, "invitations": []}"#).unwrap();
        assert!(matches!(
            book.create(request(), now()),
            Err(InviteError::Newer { version: 2, .. })
        ));
    }

    #[test]
    fn unknown_fields_of_the_file_are_kept() {
        let (_dir, book) = book();
        fs::create_dir_all(book.path().parent().unwrap()).unwrap();
        fs::write(
            book.path(),
            r#"{"version": 1, "invitations": [], "later": {"x": 1}}"#,
        )
        .unwrap();
        code_invitation(&book);
        let value: serde_json::Value =
            serde_json::from_str(&fs::read_to_string(book.path()).unwrap()).unwrap();
        assert_eq!(value["later"]["x"], 1);
        assert_eq!(value["invitations"].as_array().unwrap().len(), 1);
    }

    #[test]
    fn a_link_in_place_of_the_file_is_never_followed() {
        let (dir, book) = book();
        fs::create_dir_all(book.path().parent().unwrap()).unwrap();
        let target = dir.path().join("elsewhere.json");
        fs::write(&target, r#"{"version": 1, "invitations": []}"#).unwrap();
        std::os::unix::fs::symlink(&target, book.path()).unwrap();
        assert!(matches!(
            book.create(request(), now()),
            Err(InviteError::Linked { .. })
        ));
        assert!(matches!(book.list(None), Err(InviteError::Linked { .. })));
        assert_eq!(
            fs::read_to_string(&target).unwrap(),
            r#"{"version": 1, "invitations": []}"#
        );
    }

    #[test]
    fn two_books_on_one_file_in_threads_lose_nothing() {
        let (_dir, book) = book();
        let path = book.path().to_path_buf();
        let threads: Vec<_> = (0..2)
            .map(|_| {
                let path = path.clone();
                std::thread::spawn(move || {
                    let book = InviteBook::at(path);
                    for _ in 0..20 {
                        book.create(request(), now()).unwrap();
                    }
                })
            })
            .collect();
        for t in threads {
            t.join().unwrap();
        }
        let all = book.list(None).unwrap();
        assert_eq!(all.len(), 40);
        let users: std::collections::BTreeSet<_> = all.iter().map(|i| &i.user).collect();
        assert_eq!(users.len(), 40);
    }

    #[test]
    fn the_fingerprint_is_read_when_the_server_wrote_it() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(hostkey_fingerprint_in(dir.path()), None);
        fs::write(dir.path().join(FINGERPRINT_FILE), "SHA256:abcDEF123/+xyz\n").unwrap();
        assert_eq!(
            hostkey_fingerprint_in(dir.path()).as_deref(),
            Some("SHA256:abcDEF123/+xyz")
        );
        fs::write(dir.path().join(FINGERPRINT_FILE), "SHA256:\u{1b}[2Jx\n").unwrap();
        assert_eq!(hostkey_fingerprint_in(dir.path()), None);
    }

    #[test]
    fn every_error_is_one_line_in_both_languages() {
        let p = PathBuf::from("/x/invitations.json");
        let errors = [
            InviteError::NoDataFolder,
            InviteError::Io {
                path: p.clone(),
                cause: "denied".into(),
            },
            InviteError::Linked { path: p.clone() },
            InviteError::NotRegular { path: p.clone() },
            InviteError::TooLarge {
                path: p.clone(),
                limit: 1,
            },
            InviteError::Parse {
                path: p.clone(),
                cause: "eof".into(),
            },
            InviteError::Newer {
                path: p.clone(),
                version: 2,
            },
            InviteError::BadProfile { given: "A".into() },
            InviteError::BlankRespondent,
            InviteError::BadDomain { given: "x".into() },
            InviteError::BadExpiry,
            InviteError::BadKey {
                file: None,
                why: KeyProblem::Private,
            },
            InviteError::BadKey {
                file: Some(p.clone()),
                why: KeyProblem::UnknownType("x".into()),
            },
            InviteError::UnknownUser { user: "r-1".into() },
        ];
        for error in errors {
            let en = error.message(Lang::En);
            let zh = error.message(Lang::Zh);
            assert!(!en.is_empty() && !en.contains('\n'), "{en}");
            assert!(!zh.contains('\n') && zh != en, "{zh}");
            assert!(
                zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{zh}"
            );
        }
    }
}
