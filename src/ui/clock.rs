//! A session's clock (today's date, the "saved at" label, the draft timer),
//! and the local one, whose time zone is checked before it is used.
//!
//! chrono's `Local` reads the file that `TZ` names (or `/etc/localtime`)
//! whole, without a size limit, and again whenever `TZ` changes:
//! `TZ=/dev/zero` made the interface eat gigabytes. [`LocalClock::from_env`]
//! resolves `TZ` as chrono does and uses `Local` only when that names no
//! file, or a regular file of at most [`MAX_TZ_FILE`] bytes (a real zone
//! file is a few kilobytes); otherwise the clock shows UTC and says why.
//! This runs before the terminal is put in raw mode.

use std::path::{Path, PathBuf};
use std::time::Instant;

use chrono::{DateTime, Local, NaiveDate, Utc};

use crate::core::Lang;
use crate::text::{fill, ui};

/// The largest time-zone file read (real ones are under 4 KB).
pub const MAX_TZ_FILE: u64 = 256 * 1024;

/// Where chrono looks for a zone named by `TZ` (its own list).
const ZONE_DIRS: [&str; 4] = [
    "/usr/share/zoneinfo",
    "/share/zoneinfo",
    "/etc/zoneinfo",
    "/usr/share/lib/zoneinfo",
];

/// The time as one session sees it.
pub trait Clock: Send {
    /// Now, for the profile's timestamps.
    fn now(&self) -> DateTime<Utc>;
    /// Today's date where the consultant is.
    fn today(&self) -> NaiveDate;
    /// The time of a save as the status line shows it ("14:03:27").
    fn label(&self, at: DateTime<Utc>) -> String;
    /// A monotonic instant, for the draft timer.
    fn instant(&self) -> Instant {
        Instant::now()
    }
}

/// The local clock: chrono's `Local` when the time zone was found safe to
/// read, else UTC.
#[derive(Debug, Clone, Copy)]
pub struct LocalClock {
    utc: bool,
}

/// Why `TZ` was not used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TzProblem {
    NotRegular { tz: String },
    TooLarge { tz: String },
}

impl TzProblem {
    /// One line, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        let s = ui(lang);
        match self {
            TzProblem::NotRegular { tz } => fill(s.tz_fallback, &[tz, &s.tz_not_regular]),
            TzProblem::TooLarge { tz } => {
                fill(s.tz_fallback, &[tz, &fill(s.tz_too_large, &[&MAX_TZ_FILE])])
            }
        }
    }
}

/// The file chrono would read for this `TZ` value (`None`: the variable
/// is unset), or `None` when it reads no file (a POSIX rule such as
/// `CST-8`, or empty for UTC).
fn tz_file(tz: Option<&str>) -> Option<PathBuf> {
    let Some(tz) = tz else {
        return Some(PathBuf::from("/etc/localtime"));
    };
    if tz.is_empty() {
        return None;
    }
    if tz == "localtime" {
        return Some(PathBuf::from("/etc/localtime"));
    }
    let name = tz.strip_prefix(':').unwrap_or(tz);
    let path = Path::new(name);
    if path.is_absolute() {
        return Some(path.to_path_buf());
    }
    // chrono opens the first of these that opens; a directory opens too
    ZONE_DIRS
        .iter()
        .map(|dir| Path::new(dir).join(path))
        .find(|p| std::fs::File::open(p).is_ok())
}

/// Whether the time zone `TZ` names may be read: `Ok` when it names no
/// file, or a regular file of at most [`MAX_TZ_FILE`] bytes, or a file that
/// cannot be opened (chrono then falls back to UTC without reading).
pub fn check_tz(tz: Option<&str>) -> Result<(), TzProblem> {
    let Some(path) = tz_file(tz) else {
        return Ok(());
    };
    let shown = tz.unwrap_or("/etc/localtime").to_string();
    let Ok(meta) = std::fs::metadata(&path) else {
        return Ok(());
    };
    if !meta.is_file() {
        return Err(TzProblem::NotRegular { tz: shown });
    }
    if meta.len() > MAX_TZ_FILE {
        return Err(TzProblem::TooLarge { tz: shown });
    }
    Ok(())
}

impl LocalClock {
    /// The clock for this process's `TZ`, checked; with the reason when it
    /// falls back to UTC.
    pub fn from_env() -> (LocalClock, Option<TzProblem>) {
        let tz = std::env::var("TZ").ok();
        match check_tz(tz.as_deref()) {
            Ok(()) => (LocalClock { utc: false }, None),
            Err(problem) => (LocalClock { utc: true }, Some(problem)),
        }
    }
}

impl Clock for LocalClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }

    fn today(&self) -> NaiveDate {
        if self.utc {
            Utc::now().date_naive()
        } else {
            Local::now().date_naive()
        }
    }

    fn label(&self, at: DateTime<Utc>) -> String {
        if self.utc {
            at.format("%H:%M:%S").to_string()
        } else {
            at.with_timezone(&Local).format("%H:%M:%S").to_string()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn devices_directories_and_huge_files_are_refused() {
        assert!(matches!(
            check_tz(Some("/dev/zero")),
            Err(TzProblem::NotRegular { .. })
        ));
        assert!(matches!(
            check_tz(Some(":/dev/zero")),
            Err(TzProblem::NotRegular { .. })
        ));
        // a relative name that climbs out of the zone folder
        assert!(matches!(
            check_tz(Some("../../../../dev/zero")),
            Err(TzProblem::NotRegular { .. })
        ));
        let dir = tempfile::tempdir().unwrap();
        assert!(matches!(
            check_tz(dir.path().to_str()),
            Err(TzProblem::NotRegular { .. })
        ));
        let big = dir.path().join("big");
        let file = std::fs::File::create(&big).unwrap();
        file.set_len(MAX_TZ_FILE + 1).unwrap();
        assert!(matches!(
            check_tz(big.to_str()),
            Err(TzProblem::TooLarge { .. })
        ));
        let problem = check_tz(Some("/dev/zero")).unwrap_err();
        assert_eq!(
            problem.message(Lang::En),
            "TZ=/dev/zero: not a regular time-zone file; times are shown in UTC."
        );
        assert!(problem.message(Lang::Zh).contains("UTC"));
    }

    #[test]
    fn rules_empty_and_missing_zones_are_fine() {
        assert_eq!(check_tz(Some("")), Ok(()));
        assert_eq!(check_tz(Some("CST-8")), Ok(()));
        assert_eq!(check_tz(Some("/no/such/zone")), Ok(()));
        let dir = tempfile::tempdir().unwrap();
        let small = dir.path().join("zone");
        std::fs::write(&small, b"TZif").unwrap();
        assert_eq!(check_tz(small.to_str()), Ok(()));
    }
}
