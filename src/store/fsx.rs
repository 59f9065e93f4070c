//! citydx's own bookkeeping in the profiles folder (`.locks`, `.drafts`,
//! `.cache`, `trash`), reached relative to the folder's handle and never
//! through a symbolic link: each bookkeeping folder and file is opened with
//! `O_NOFOLLOW`, so a link planted there (to a file elsewhere, to
//! `/dev/zero`) is refused instead of written through or read. Every
//! bookkeeping file is read under a size limit, and must be a regular file.
//!
//! In a folder shared by a group (group-writable or setgid), what citydx
//! creates takes group permissions (files 0664, folders 0775) so colleagues
//! are not locked out; otherwise 0644 and 0755.

use std::fs::File;
use std::io::{self, Read, Write};
use std::os::fd::{AsFd, OwnedFd};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use rustix::fs::{AtFlags, FileType, Mode, OFlags};
use rustix::io::Errno;

/// Why a bookkeeping path cannot be used.
#[derive(Debug)]
pub enum BookError {
    /// A symbolic link where citydx expects its own folder or file.
    Linked(PathBuf),
    /// Something that is not a regular file (or not a folder).
    NotRegular(PathBuf),
    /// A file with other names (hard links): writing it would write them.
    HardLinked(PathBuf),
    Io(PathBuf, io::Error),
}

impl BookError {
    pub fn path(&self) -> &Path {
        match self {
            BookError::Linked(p)
            | BookError::NotRegular(p)
            | BookError::HardLinked(p)
            | BookError::Io(p, _) => p,
        }
    }
}

/// Permissions of what citydx creates in a folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Modes {
    pub file: u32,
    pub dir: u32,
}

impl Modes {
    /// Group permissions where the folder is shared with a group
    /// (group-writable, or setgid so new files take its group).
    pub fn for_folder(mode: u32) -> Modes {
        if mode & 0o020 != 0 || mode & 0o2000 != 0 {
            Modes {
                file: 0o664,
                dir: 0o775,
            }
        } else {
            Modes {
                file: 0o644,
                dir: 0o755,
            }
        }
    }
}

/// The profiles folder, opened (the folder itself may be reached through a
/// link the user made; what is inside it is not).
pub fn open_root(dir: &Path) -> io::Result<OwnedFd> {
    Ok(rustix::fs::open(
        dir,
        OFlags::DIRECTORY | OFlags::RDONLY | OFlags::CLOEXEC,
        Mode::empty(),
    )?)
}

fn is_link(dirfd: impl AsFd, name: &str) -> bool {
    rustix::fs::statat(dirfd, name, AtFlags::SYMLINK_NOFOLLOW)
        .is_ok_and(|st| FileType::from_raw_mode(st.st_mode) == FileType::Symlink)
}

/// Bookkeeping folder `name` in the folder `root` (at `root_path`),
/// created when `create`; `None` when it does not exist and is not to be
/// created. Never a link.
pub fn sub_dir(
    root: impl AsFd,
    root_path: &Path,
    name: &str,
    create: Option<Modes>,
) -> Result<Option<OwnedFd>, BookError> {
    let path = root_path.join(name);
    if let Some(modes) = create {
        match rustix::fs::mkdirat(&root, name, Mode::from(modes.dir)) {
            Ok(()) => {
                // the umask may have taken the group's write bit
                if let Ok(fd) = open_dir_nofollow(&root, name) {
                    let _ = rustix::fs::fchmod(&fd, Mode::from(modes.dir));
                }
            }
            Err(Errno::EXIST) => {}
            Err(e) => return Err(BookError::Io(path, e.into())),
        }
    }
    match open_dir_nofollow(&root, name) {
        Ok(fd) => {
            if let Some(modes) = create {
                share_if_mine(&fd, modes.dir);
            }
            Ok(Some(fd))
        }
        Err(Errno::NOENT) if create.is_none() => Ok(None),
        Err(Errno::LOOP) => Err(BookError::Linked(path)),
        Err(Errno::NOTDIR) if is_link(&root, name) => Err(BookError::Linked(path)),
        Err(Errno::NOTDIR) => Err(BookError::Io(path, Errno::NOTDIR.into())),
        Err(e) => Err(BookError::Io(path, e.into())),
    }
}

fn open_dir_nofollow(root: impl AsFd, name: &str) -> rustix::io::Result<OwnedFd> {
    rustix::fs::openat(
        root,
        name,
        OFlags::DIRECTORY | OFlags::RDONLY | OFlags::NOFOLLOW | OFlags::CLOEXEC,
        Mode::empty(),
    )
}

/// In a shared folder, a bookkeeping folder or file this user made before
/// with private permissions gets the group's (best effort; only the owner
/// may change them).
fn share_if_mine(fd: impl AsFd, mode: u32) {
    if mode & 0o020 == 0 {
        return;
    }
    if let Ok(st) = rustix::fs::fstat(&fd)
        && st.st_uid == rustix::process::geteuid().as_raw()
        && (st.st_mode & 0o777) != mode
    {
        let _ = rustix::fs::fchmod(&fd, Mode::from(mode));
    }
}

fn open_file(
    dirfd: impl AsFd,
    dir_path: &Path,
    name: &str,
    flags: OFlags,
    mode: u32,
) -> Result<File, BookError> {
    let path = dir_path.join(name);
    let fd = match rustix::fs::openat(
        &dirfd,
        name,
        flags | OFlags::NOFOLLOW | OFlags::CLOEXEC | OFlags::NONBLOCK,
        Mode::from(mode),
    ) {
        Ok(fd) => fd,
        Err(Errno::LOOP) => return Err(BookError::Linked(path)),
        Err(e) => return Err(BookError::Io(path, e.into())),
    };
    let st = rustix::fs::fstat(&fd).map_err(|e| BookError::Io(path.clone(), e.into()))?;
    if FileType::from_raw_mode(st.st_mode) != FileType::RegularFile {
        return Err(BookError::NotRegular(path));
    }
    // back to blocking (NONBLOCK only kept a FIFO from hanging the open)
    let _ = rustix::fs::fcntl_setfl(
        &fd,
        rustix::fs::fcntl_getfl(&fd).unwrap_or(OFlags::empty()) - OFlags::NONBLOCK,
    );
    Ok(File::from(fd))
}

/// Opens (creating it if need be) bookkeeping file `name` for reading and
/// writing: a regular file, never a link.
pub fn open_rw(
    dirfd: impl AsFd,
    dir_path: &Path,
    name: &str,
    modes: Modes,
) -> Result<File, BookError> {
    let file = open_file(
        &dirfd,
        dir_path,
        name,
        OFlags::RDWR | OFlags::CREATE,
        modes.file,
    )?;
    // a hard link would make a write here a write to a file elsewhere
    let st = rustix::fs::fstat(&file).map_err(|e| BookError::Io(dir_path.join(name), e.into()))?;
    if st.st_nlink > 1 {
        return Err(BookError::HardLinked(dir_path.join(name)));
    }
    share_if_mine(&file, modes.file);
    Ok(file)
}

/// Reads bookkeeping file `name` whole, up to `limit` bytes; `Ok(None)`
/// when it is not there, an error when it is bigger.
pub fn read_limited(
    dirfd: impl AsFd,
    dir_path: &Path,
    name: &str,
    limit: u64,
) -> Result<Option<Vec<u8>>, BookError> {
    let file = match open_file(&dirfd, dir_path, name, OFlags::RDONLY, 0) {
        Ok(f) => f,
        Err(BookError::Io(_, e)) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e),
    };
    // a file bigger than the limit (a sparse one, say) is not read at all
    if file.metadata().is_ok_and(|m| m.len() > limit) {
        return Err(BookError::Io(
            dir_path.join(name),
            io::Error::new(
                io::ErrorKind::InvalidData,
                format!("more than {limit} bytes; not read"),
            ),
        ));
    }
    read_file_limited(file, limit)
        .map_err(|e| BookError::Io(dir_path.join(name), e))
        .map(Some)
}

/// Reads an open file, at most `limit` bytes; more is an error.
pub fn read_file_limited(file: impl Read, limit: u64) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    file.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!("more than {limit} bytes; not read"),
        ));
    }
    Ok(bytes)
}

static COUNTER: AtomicU64 = AtomicU64::new(0);

/// A name no other process picks: pid, time, a counter.
pub fn unique_suffix() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    format!("{:x}{nanos:08x}{n:x}", std::process::id())
}

/// Replaces bookkeeping file `name` atomically, inside the folder `dirfd`
/// and never through a link: a new temporary file, synced, renamed over
/// `name`, the folder synced.
pub fn write_atomic_at(
    dirfd: impl AsFd,
    dir_path: &Path,
    name: &str,
    bytes: &[u8],
    modes: Modes,
) -> Result<(), BookError> {
    let tmp = format!(".citydx-{}.tmp", unique_suffix());
    let mut file = open_file(
        &dirfd,
        dir_path,
        &tmp,
        OFlags::WRONLY | OFlags::CREATE | OFlags::EXCL,
        modes.file,
    )?;
    let io = |e: io::Error| BookError::Io(dir_path.join(name), e);
    let result = (|| -> io::Result<()> {
        rustix::fs::fchmod(&file, Mode::from(modes.file))?;
        file.write_all(bytes)?;
        file.sync_all()?;
        rustix::fs::renameat(&dirfd, tmp.as_str(), &dirfd, name)?;
        rustix::fs::fsync(&dirfd)?;
        Ok(())
    })();
    if result.is_err() {
        let _ = rustix::fs::unlinkat(&dirfd, tmp.as_str(), AtFlags::empty());
    }
    result.map_err(io)
}

/// Writes a `.gitignore` of `*` in a bookkeeping folder unless one is
/// there (best effort), so teams keeping profiles in git leave it out.
pub fn ignore_in_git(dirfd: impl AsFd, modes: Modes) {
    if let Ok(fd) = rustix::fs::openat(
        &dirfd,
        ".gitignore",
        OFlags::WRONLY | OFlags::CREATE | OFlags::EXCL | OFlags::NOFOLLOW | OFlags::CLOEXEC,
        Mode::from(modes.file),
    ) {
        let _ = File::from(fd).write_all(b"*\n");
    }
}

/// Moves `from_name` in folder `from` to folder `to`, under a name made of
/// `stem` and `ext` that no other file has: the name is first reserved by
/// creating it exclusively, so two moves in the same second never collide.
pub fn move_unique(
    from: impl AsFd,
    from_name: &str,
    to: impl AsFd,
    to_path: &Path,
    stem: &str,
    ext: &str,
) -> Result<PathBuf, BookError> {
    for n in 1..10_000u32 {
        let name = if n == 1 {
            format!("{stem}{ext}")
        } else {
            format!("{stem}-{n}{ext}")
        };
        match rustix::fs::openat(
            &to,
            name.as_str(),
            OFlags::WRONLY | OFlags::CREATE | OFlags::EXCL | OFlags::NOFOLLOW | OFlags::CLOEXEC,
            Mode::from(0o600),
        ) {
            Ok(_) => {
                let path = to_path.join(&name);
                return match rustix::fs::renameat(&from, from_name, &to, name.as_str()) {
                    Ok(()) => {
                        let _ = rustix::fs::fsync(&to);
                        let _ = rustix::fs::fsync(&from);
                        Ok(path)
                    }
                    Err(e) => {
                        let _ = rustix::fs::unlinkat(&to, name.as_str(), AtFlags::empty());
                        Err(BookError::Io(path, e.into()))
                    }
                };
            }
            Err(Errno::EXIST) => continue,
            Err(e) => return Err(BookError::Io(to_path.join(&name), e.into())),
        }
    }
    Err(BookError::Io(
        to_path.to_path_buf(),
        io::Error::other("no free name"),
    ))
}
