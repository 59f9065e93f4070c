//! The interface's remembered settings: a small JSON file in the
//! platform's config folder (`directories`: `~/.config/citydx/settings.json`
//! on Linux, `XDG_CONFIG_HOME` when set). Today it holds the language
//! chosen with `L`. Read under a size limit; a file that cannot be read or
//! parsed is reported and ignored, never fatal, and never written over
//! before the user chooses again (then it is replaced atomically, its
//! unknown fields kept when it could be read).

use std::collections::BTreeMap;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::core::Lang;
use crate::text::fill;

/// The file's name inside the config folder.
pub const SETTINGS_FILE: &str = "settings.json";

/// The largest settings file read (it holds a few words).
pub const MAX_SETTINGS_BYTES: u64 = 64 * 1024;

/// What is remembered between runs of the interface.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    /// The interface's language, as last chosen with `L`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<Lang>,
    /// Fields written by another version, kept as they were.
    #[serde(flatten)]
    pub other: BTreeMap<String, serde_json::Value>,
}

/// Why the settings file was not used: the file and the cause.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SettingsError {
    /// It could not be read (permissions, not a regular file, too large).
    Read { path: PathBuf, cause: String },
    /// It is not the settings' JSON.
    Parse { path: PathBuf, cause: String },
    /// It could not be written.
    Write { path: PathBuf, cause: String },
}

impl SettingsError {
    /// One line in `lang`, naming the file and the cause.
    pub fn message(&self, lang: Lang) -> String {
        let s = crate::text::store::store_strings(lang);
        match self {
            SettingsError::Read { path, cause } => {
                fill(s.settings_unreadable, &[&path.display(), cause])
            }
            SettingsError::Parse { path, cause } => {
                fill(s.settings_broken, &[&path.display(), cause])
            }
            SettingsError::Write { path, cause } => {
                fill(s.settings_unwritten, &[&path.display(), cause])
            }
        }
    }
}

/// Where the settings live on this platform (`None` without a home).
pub fn settings_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("org", "citydx", "citydx")
        .map(|dirs| dirs.config_dir().join(SETTINGS_FILE))
}

/// The interface's language: `--lang` first, then the one remembered,
/// then the locale's. (The command line's outputs follow `--lang` and the
/// locale only.)
pub fn interface_lang(explicit: Option<Lang>, remembered: Option<Lang>, locale: Lang) -> Lang {
    explicit.or(remembered).unwrap_or(locale)
}

/// Reads the settings at `path`: the defaults when there is no file.
pub fn load_settings(path: &Path) -> Result<Settings, SettingsError> {
    let read_error = |cause: String| SettingsError::Read {
        path: path.to_path_buf(),
        cause,
    };
    let meta = match fs::metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Settings::default()),
        Err(e) => return Err(read_error(e.to_string())),
    };
    if !meta.is_file() {
        return Err(read_error("not a regular file".into()));
    }
    if meta.len() > MAX_SETTINGS_BYTES {
        return Err(read_error(format!(
            "{} bytes, more than {MAX_SETTINGS_BYTES}",
            meta.len()
        )));
    }
    let mut bytes = vec![];
    fs::File::open(path)
        .and_then(|f| f.take(MAX_SETTINGS_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|e| read_error(e.to_string()))?;
    serde_json::from_slice(&bytes).map_err(|e| SettingsError::Parse {
        path: path.to_path_buf(),
        cause: e.to_string(),
    })
}

/// Remembers `lang` in the settings at `path`: its folder made if need
/// be, the file replaced atomically. A file that could not be read is
/// replaced by one holding the language alone (the user chose again).
pub fn remember_lang(path: &Path, lang: Lang) -> Result<(), SettingsError> {
    let mut settings = load_settings(path).unwrap_or_default();
    settings.lang = Some(lang);
    save_settings(path, &settings)
}

/// Writes `settings` to `path` atomically.
pub fn save_settings(path: &Path, settings: &Settings) -> Result<(), SettingsError> {
    let write_error = |cause: String| SettingsError::Write {
        path: path.to_path_buf(),
        cause,
    };
    if let Some(dir) = path.parent()
        && !dir.as_os_str().is_empty()
    {
        fs::create_dir_all(dir).map_err(|e| write_error(e.to_string()))?;
    }
    let mut text =
        serde_json::to_string_pretty(settings).map_err(|e| write_error(e.to_string()))?;
    text.push('\n');
    super::atomic::write_atomic(path, text.as_bytes()).map_err(|e| write_error(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lang_flag_then_remembered_then_locale() {
        use Lang::{En, Zh};
        assert_eq!(interface_lang(Some(En), Some(Zh), Zh), En);
        assert_eq!(interface_lang(None, Some(Zh), En), Zh);
        assert_eq!(interface_lang(None, Some(En), Zh), En);
        assert_eq!(interface_lang(None, None, Zh), Zh);
    }

    #[test]
    fn no_file_is_the_defaults_and_a_choice_is_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("deep/citydx").join(SETTINGS_FILE);
        assert_eq!(load_settings(&path), Ok(Settings::default()));
        remember_lang(&path, Lang::Zh).unwrap();
        assert_eq!(load_settings(&path).unwrap().lang, Some(Lang::Zh));
        remember_lang(&path, Lang::En).unwrap();
        assert_eq!(load_settings(&path).unwrap().lang, Some(Lang::En));
        // no temporary file left beside it
        let names: Vec<_> = fs::read_dir(path.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from(SETTINGS_FILE)]);
    }

    #[test]
    fn unknown_fields_are_kept_when_the_language_is_remembered() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(SETTINGS_FILE);
        fs::write(&path, r#"{"lang":"en","theme":"dark"}"#).unwrap();
        remember_lang(&path, Lang::Zh).unwrap();
        let text = fs::read_to_string(&path).unwrap();
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(value["lang"], "zh");
        assert_eq!(value["theme"], "dark");
    }

    #[test]
    fn a_broken_file_is_an_error_naming_it_in_both_languages() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(SETTINGS_FILE);
        fs::write(&path, "{\"lang\": \"fr\"").unwrap();
        let error = load_settings(&path).unwrap_err();
        assert!(matches!(error, SettingsError::Parse { .. }));
        for lang in [Lang::En, Lang::Zh] {
            let message = error.message(lang);
            assert!(message.contains(&path.display().to_string()), "{message}");
            assert!(!message.contains('\n'));
        }
        assert!(error.message(Lang::Zh).contains("设置文件"));
        // a language citydx does not speak is broken too
        fs::write(&path, r#"{"lang":"fr"}"#).unwrap();
        assert!(matches!(
            load_settings(&path),
            Err(SettingsError::Parse { .. })
        ));
        // a folder in its place cannot be read
        fs::remove_file(&path).unwrap();
        fs::create_dir(&path).unwrap();
        assert!(matches!(
            load_settings(&path),
            Err(SettingsError::Read { .. })
        ));
        assert!(remember_lang(&path, Lang::Zh).is_err());
    }

    #[test]
    fn a_file_over_the_limit_is_not_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(SETTINGS_FILE);
        fs::write(&path, vec![b' '; MAX_SETTINGS_BYTES as usize + 1]).unwrap();
        assert!(matches!(
            load_settings(&path),
            Err(SettingsError::Read { .. })
        ));
    }
}
