//! The SSH server's host key on disk: created once, exclusively, mode
//! 0600, never followed through a link; read back on every start.
//!
//! The store knows nothing of SSH: it is given the key's text to write
//! when there is none, and returns the text found.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

/// The host key's file name, in the platform's data folder.
pub const HOST_KEY_FILE: &str = "host_key";
/// Its fingerprint, one line, for `citydx invite` to print.
pub const FINGERPRINT_FILE: &str = "host_key.pub.fingerprint";

/// The platform's data folder (`~/.local/share/citydx` on Linux,
/// `XDG_DATA_HOME` when set): host key, invitations, the server's log.
pub fn data_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("org", "citydx", "citydx").map(|d| d.data_dir().to_path_buf())
}

/// What went wrong with the host key, naming the file.
#[derive(Debug, thiserror::Error)]
#[error("{path}: {cause}")]
pub struct HostKeyError {
    pub path: PathBuf,
    pub cause: String,
}

fn err(path: &Path, cause: impl std::fmt::Display) -> HostKeyError {
    HostKeyError {
        path: path.to_path_buf(),
        cause: cause.to_string(),
    }
}

/// Opens `path` for reading without following a link at its end.
fn open_nofollow(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(rustix::fs::OFlags::NOFOLLOW.bits() as i32);
    }
    options.open(path)
}

/// The host key's text in `dir`, made with `make` (and written, mode 0600,
/// created exclusively) when there is none yet. `Ok((text, created))`.
/// A key file that is a link, or readable by others, is refused.
pub fn load_or_create(
    dir: &Path,
    make: impl FnOnce() -> Result<String, String>,
) -> Result<(String, bool), HostKeyError> {
    load_or_create_dyn(dir, Box::new(make))
}

type Make<'a> = Box<dyn FnOnce() -> Result<String, String> + 'a>;

fn load_or_create_dyn(dir: &Path, make: Make<'_>) -> Result<(String, bool), HostKeyError> {
    fs::create_dir_all(dir).map_err(|e| err(dir, e))?;
    let path = dir.join(HOST_KEY_FILE);
    match fs::symlink_metadata(&path) {
        Ok(meta) => {
            if meta.file_type().is_symlink() {
                return Err(err(
                    &path,
                    "is a link; the host key is never followed through one",
                ));
            }
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                if meta.permissions().mode() & 0o077 != 0 {
                    return Err(err(
                        &path,
                        format!(
                            "can be read by others (mode {:o}); run chmod 600 on it",
                            meta.permissions().mode() & 0o777
                        ),
                    ));
                }
            }
            let mut text = String::new();
            open_nofollow(&path)
                .and_then(|mut f| f.read_to_string(&mut text))
                .map_err(|e| err(&path, e))?;
            Ok((text, false))
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            let text = make().map_err(|e| err(&path, e))?;
            // written whole under a temporary name (0600 from the start),
            // then linked into place: another server starting at the same
            // moment either wins or reads the winner's key
            let mut temp = tempfile::Builder::new()
                .prefix(".host_key-")
                .tempfile_in(dir)
                .map_err(|e| err(dir, e))?;
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                temp.as_file()
                    .set_permissions(fs::Permissions::from_mode(0o600))
                    .map_err(|e| err(temp.path(), e))?;
            }
            temp.write_all(text.as_bytes())
                .and_then(|_| temp.as_file().sync_all())
                .map_err(|e| err(temp.path(), e))?;
            match fs::hard_link(temp.path(), &path) {
                Ok(()) => {
                    super::atomic::sync_dir(dir).map_err(|e| err(dir, e))?;
                    Ok((text, true))
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                    load_or_create_dyn(dir, Box::new(|| Err("raced".into())))
                }
                Err(e) => Err(err(&path, e)),
            }
        }
        Err(e) => Err(err(&path, e)),
    }
}

/// Writes the fingerprint beside the key (for `citydx invite`).
pub fn write_fingerprint(dir: &Path, fingerprint: &str) -> Result<(), HostKeyError> {
    let path = dir.join(FINGERPRINT_FILE);
    super::atomic::write_atomic(&path, format!("{fingerprint}\n").as_bytes())
        .map_err(|e| err(&path, e))
}

/// The fingerprint last written by a server, if any.
pub fn read_fingerprint(dir: &Path) -> Option<String> {
    let text = fs::read_to_string(dir.join(FINGERPRINT_FILE)).ok()?;
    let line = text.lines().next()?.trim();
    (!line.is_empty()).then(|| line.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_is_made_once_with_mode_0600_and_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let (made, created) = load_or_create(dir.path(), || Ok("KEY".into())).unwrap();
        assert_eq!((made.as_str(), created), ("KEY", true));
        let (again, created) = load_or_create(dir.path(), || panic!("not made twice")).unwrap();
        assert_eq!((again.as_str(), created), ("KEY", false));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(dir.path().join(HOST_KEY_FILE))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_key_behind_a_link_or_readable_by_others_is_refused() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let elsewhere = dir.path().join("elsewhere");
        fs::write(&elsewhere, "KEY").unwrap();
        fs::set_permissions(&elsewhere, fs::Permissions::from_mode(0o600)).unwrap();
        let keys = dir.path().join("keys");
        fs::create_dir(&keys).unwrap();
        std::os::unix::fs::symlink(&elsewhere, keys.join(HOST_KEY_FILE)).unwrap();
        let e = load_or_create(&keys, || Ok("NEW".into())).unwrap_err();
        assert!(e.to_string().contains("link"), "{e}");

        let open = dir.path().join("open");
        fs::create_dir(&open).unwrap();
        fs::write(open.join(HOST_KEY_FILE), "KEY").unwrap();
        fs::set_permissions(open.join(HOST_KEY_FILE), fs::Permissions::from_mode(0o644)).unwrap();
        let e = load_or_create(&open, || Ok("NEW".into())).unwrap_err();
        assert!(e.to_string().contains("chmod 600"), "{e}");
    }
}
