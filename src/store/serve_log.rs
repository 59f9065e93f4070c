//! The log of connections and logins to `citydx serve`: who, when, from
//! where, accepted or refused. One line per event,
//! `2026-12-03T10:51:09Z 127.0.0.1:40022 r-4k7mq2xa accepted code`: the
//! time (UTC), where from, the invitation's user (`unknown` for a name that
//! belongs to no invitation: people type codes into the wrong field, so a
//! typed name is never written), and the event. Control characters, spaces
//! in the first fields and backslashes are escaped (`\x1b`, `\x20`, `\\`), so
//! a line is always one line and its fields can be told apart. It never
//! holds codes or keys: the caller gives none.
//!
//! Bounded: once the file is over [`MAX_LOG_BYTES`] it becomes
//! `serve.log.1` (the one older file kept) and a new one is started. The
//! file is private (0600), appended to, and never opened through a link.

use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use chrono::{DateTime, SecondsFormat, Utc};

use super::invites::InviteError;

/// The log's file name in the data folder.
pub const LOG_FILE: &str = "serve.log";
/// Size past which the log is rotated.
pub const MAX_LOG_BYTES: u64 = 1024 * 1024;
/// Characters of each field kept (before escaping).
const MAX_FIELD_CHARS: usize = 200;

/// The connection log at one place. Shareable between a server's threads
/// (`&self`; appends and rotation are serialised inside).
#[derive(Debug)]
pub struct ConnectionLog {
    path: PathBuf,
    guard: Mutex<()>,
}

impl ConnectionLog {
    pub fn at(path: PathBuf) -> ConnectionLog {
        ConnectionLog {
            path,
            guard: Mutex::new(()),
        }
    }

    /// `serve.log` in the platform's data folder.
    pub fn default_place() -> Result<ConnectionLog, InviteError> {
        super::invites::data_dir()
            .map(|dir| ConnectionLog::at(dir.join(LOG_FILE)))
            .ok_or(InviteError::NoDataFolder)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The older file kept after a rotation: `serve.log.1`.
    pub fn rotated_path(&self) -> PathBuf {
        let mut name = self.path.as_os_str().to_os_string();
        name.push(".1");
        PathBuf::from(name)
    }

    /// Appends one event. `user`: the invitation's user name, `None` when
    /// the name given belongs to no invitation (logged as `unknown`).
    /// `event`: `"accepted code"`, `"refused: wrong code"`,
    /// `"refused: exec"`... never a code or a key.
    pub fn append(
        &self,
        when: DateTime<Utc>,
        from: &str,
        user: Option<&str>,
        event: &str,
    ) -> Result<(), InviteError> {
        let line = format!(
            "{} {} {} {}\n",
            when.to_rfc3339_opts(SecondsFormat::Secs, true),
            escape(from, true),
            escape(user.unwrap_or("unknown"), true),
            escape(event, false),
        );
        let _held = self.guard.lock().unwrap_or_else(|e| e.into_inner());
        let io = |e: io::Error| InviteError::Io {
            path: self.path.clone(),
            cause: e.to_string(),
        };
        if let Some(dir) = self.path.parent()
            && !dir.as_os_str().is_empty()
        {
            use std::os::unix::fs::DirBuilderExt;
            fs::DirBuilder::new()
                .recursive(true)
                .mode(0o700)
                .create(dir)
                .map_err(io)?;
        }
        match fs::symlink_metadata(&self.path) {
            Ok(meta) if meta.file_type().is_symlink() => {
                return Err(InviteError::Linked {
                    path: self.path.clone(),
                });
            }
            Ok(meta) if meta.is_file() && meta.len() > MAX_LOG_BYTES => {
                fs::rename(&self.path, self.rotated_path()).map_err(io)?;
            }
            _ => {}
        }
        let flags = rustix::fs::OFlags::NOFOLLOW | rustix::fs::OFlags::CLOEXEC;
        let mut file = OpenOptions::new()
            .append(true)
            .create(true)
            .mode(0o600)
            .custom_flags(flags.bits() as i32)
            .open(&self.path)
            .map_err(|e| {
                if e.raw_os_error() == Some(rustix::io::Errno::LOOP.raw_os_error()) {
                    InviteError::Linked {
                        path: self.path.clone(),
                    }
                } else {
                    io(e)
                }
            })?;
        let meta = file.metadata().map_err(io)?;
        if !meta.is_file() {
            return Err(InviteError::NotRegular {
                path: self.path.clone(),
            });
        }
        if meta.permissions().mode() & 0o077 != 0 {
            file.set_permissions(fs::Permissions::from_mode(0o600))
                .map_err(io)?;
        }
        // one write of the whole line: appends never interleave
        file.write_all(line.as_bytes()).map_err(io)
    }
}

/// `text` as one field: control characters as `\xNN` (`\u{NNNN}` beyond
/// ASCII), a backslash doubled, and, in a field that a space ends
/// (`spaces`), a space as `\x20`; cut to [`MAX_FIELD_CHARS`] characters; an
/// empty field is `-`.
pub fn escape(text: &str, spaces: bool) -> String {
    let mut out = String::new();
    for c in text.chars().take(MAX_FIELD_CHARS) {
        match c {
            '\\' => out.push_str("\\\\"),
            ' ' if spaces => out.push_str("\\x20"),
            c if c.is_control() && (c as u32) < 0x80 => {
                out.push_str(&format!("\\x{:02x}", c as u32));
            }
            // C1 controls, and the marks that reorder or hide text
            c if c.is_control()
                || matches!(c, '\u{200b}'..='\u{200f}' | '\u{2028}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{feff}') =>
            {
                out.push_str(&format!("\\u{{{:x}}}", c as u32));
            }
            c => out.push(c),
        }
    }
    if out.is_empty() {
        out.push('-');
    }
    if text.chars().nth(MAX_FIELD_CHARS).is_some() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn when() -> DateTime<Utc> {
        "2026-12-03T10:51:09Z".parse().unwrap()
    }

    fn log() -> (tempfile::TempDir, ConnectionLog) {
        let dir = tempfile::tempdir().unwrap();
        let log = ConnectionLog::at(dir.path().join("data").join(LOG_FILE));
        (dir, log)
    }

    #[test]
    fn one_line_per_event_and_an_unknown_user_is_unknown() {
        let (_dir, log) = log();
        log.append(
            when(),
            "127.0.0.1:40022",
            Some("r-4k7mq2xa"),
            "accepted code",
        )
        .unwrap();
        log.append(when(), "127.0.0.1:40023", None, "refused: unknown user")
            .unwrap();
        let text = fs::read_to_string(log.path()).unwrap();
        assert_eq!(
            text,
            "2026-12-03T10:51:09Z 127.0.0.1:40022 r-4k7mq2xa accepted code\n\
             2026-12-03T10:51:09Z 127.0.0.1:40023 unknown refused: unknown user\n"
        );
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(log.path()).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }

    #[test]
    fn control_characters_are_escaped_and_fields_stay_apart() {
        let (_dir, log) = log();
        log.append(
            when(),
            "evil host\n2026 forged",
            Some("r-a\u{1b}[2J"),
            "refused: exec \u{7}\\ \u{202e}x\r\n",
        )
        .unwrap();
        let text = fs::read_to_string(log.path()).unwrap();
        assert_eq!(text.lines().count(), 1, "{text:?}");
        assert_eq!(
            text,
            "2026-12-03T10:51:09Z evil\\x20host\\x0a2026\\x20forged r-a\\x1b[2J refused: exec \\x07\\\\ \\u{202e}x\\x0d\\x0a\n"
        );
        assert_eq!(text.split(' ').nth(2), Some("r-a\\x1b[2J"));
        assert!(!text.contains('\u{1b}'));
    }

    #[test]
    fn long_fields_are_cut_and_empty_ones_marked() {
        assert_eq!(escape("", true), "-");
        let long = "x".repeat(5000);
        let cut = escape(&long, false);
        assert_eq!(cut.chars().count(), MAX_FIELD_CHARS + 1);
        assert!(cut.ends_with('…'));
    }

    #[test]
    fn the_log_is_rotated_past_its_size_keeping_one_older_file() {
        let (_dir, log) = log();
        let event = "e".repeat(190);
        let lines_per_mib = (MAX_LOG_BYTES / 200) as usize;
        for _ in 0..(lines_per_mib * 2 + 100) {
            log.append(when(), "127.0.0.1:1", None, &event).unwrap();
        }
        let size = |p: &Path| fs::metadata(p).map(|m| m.len()).unwrap_or(0);
        assert!(
            size(log.path()) <= MAX_LOG_BYTES + 300,
            "{}",
            size(log.path())
        );
        assert!(size(&log.rotated_path()) > MAX_LOG_BYTES);
        assert!(size(&log.rotated_path()) <= MAX_LOG_BYTES + 300);
        // one older file only
        let names: Vec<_> = fs::read_dir(log.path().parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        assert_eq!(names.len(), 2, "{names:?}");
    }

    #[test]
    fn a_link_in_place_of_the_log_is_never_followed() {
        let (dir, log) = log();
        fs::create_dir_all(log.path().parent().unwrap()).unwrap();
        let target = dir.path().join("target");
        fs::write(&target, "mine\n").unwrap();
        std::os::unix::fs::symlink(&target, log.path()).unwrap();
        assert!(matches!(
            log.append(when(), "x", None, "e"),
            Err(InviteError::Linked { .. })
        ));
        assert_eq!(fs::read_to_string(&target).unwrap(), "mine\n");
    }

    #[test]
    fn threads_share_one_log_without_mixing_lines() {
        let (_dir, log) = log();
        let log = std::sync::Arc::new(log);
        let threads: Vec<_> = (0..4)
            .map(|t| {
                let log = log.clone();
                std::thread::spawn(move || {
                    for i in 0..50 {
                        log.append(when(), "h", None, &format!("t{t} e{i}"))
                            .unwrap();
                    }
                })
            })
            .collect();
        for t in threads {
            t.join().unwrap();
        }
        let text = fs::read_to_string(log.path()).unwrap();
        assert_eq!(text.lines().count(), 200);
        assert!(
            text.lines()
                .all(|l| l.starts_with("2026-12-03T10:51:09Z h unknown t"))
        );
    }
}
