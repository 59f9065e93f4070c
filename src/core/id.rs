//! Profile identifiers: lowercase ASCII letters, digits and `-`, at most 64
//! characters. An id is also a file name, so this is the first guard that
//! keeps a user's input inside the profiles folder.

pub const MAX_ID_LEN: usize = 64;

/// Why a string is not a valid id. Worded in both languages in
/// `src/text/validate.rs`; `Display` gives the English.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IdError {
    Empty,
    /// Longer than [`MAX_ID_LEN`] bytes: its length in characters.
    TooLong(usize),
    /// A path separator, `..` or NUL.
    PathChars,
    /// A character that is not a lowercase ASCII letter, a digit or `-`.
    BadChar(char),
    /// Starts or ends with `-`.
    EdgeDash,
}

impl IdError {
    /// The reason in `lang`, one sentence.
    pub fn message(&self, lang: crate::core::Lang) -> String {
        crate::text::validate::id_error(self, lang)
    }
}

impl std::fmt::Display for IdError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(crate::core::Lang::En))
    }
}

impl std::error::Error for IdError {}

/// Why a string is not a valid profile id.
pub fn check_id(id: &str) -> Result<(), IdError> {
    if id.is_empty() {
        return Err(IdError::Empty);
    }
    if id.len() > MAX_ID_LEN {
        return Err(IdError::TooLong(id.chars().count()));
    }
    if id.contains('/') || id.contains('\\') || id.contains("..") || id.contains('\0') {
        return Err(IdError::PathChars);
    }
    if let Some(bad) = id
        .chars()
        .find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-'))
    {
        return Err(IdError::BadChar(bad));
    }
    if id.starts_with('-') || id.ends_with('-') {
        return Err(IdError::EdgeDash);
    }
    Ok(())
}

/// The id derived from a (usually English) name: lowercase ASCII letters and
/// digits kept, every other run of characters becomes one `-`. `None` when
/// nothing usable is left (a name in Chinese only, say).
pub fn derive_id(name: &str) -> Option<String> {
    let mut id = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            id.push(c.to_ascii_lowercase());
        } else if !id.is_empty() && !id.ends_with('-') {
            id.push('-');
        }
    }
    id.truncate(MAX_ID_LEN);
    let id = id.trim_end_matches('-').to_string();
    (!id.is_empty()).then_some(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_plain_ids() {
        assert!(check_id("shen-county").is_ok());
        assert!(check_id("a").is_ok());
        assert!(check_id(&"a".repeat(64)).is_ok());
    }

    #[test]
    fn refuses_what_could_leave_the_folder_or_break_a_file_name() {
        for bad in [
            "",
            "../x",
            "..",
            "a/b",
            "a\\b",
            "/etc/passwd",
            "a\0b",
            "Shen",
            "a b",
            "-a",
            "a-",
            "数字",
        ] {
            assert!(check_id(bad).is_err(), "{bad:?} should be refused");
        }
        assert!(
            check_id(&"a".repeat(65))
                .unwrap_err()
                .to_string()
                .contains("more than 64")
        );
    }

    #[test]
    fn derives_ids_from_names() {
        assert_eq!(derive_id("Shen County").as_deref(), Some("shen-county"));
        assert_eq!(derive_id("Kashiwa-no-ha").as_deref(), Some("kashiwa-no-ha"));
        assert_eq!(
            derive_id("  Suzhou (Anhui) ").as_deref(),
            Some("suzhou-anhui")
        );
        assert_eq!(derive_id("宿州"), None);
        let long = derive_id(&"ab ".repeat(40)).unwrap();
        assert!(long.len() <= MAX_ID_LEN && check_id(&long).is_ok());
    }
}
