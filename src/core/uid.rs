//! Stable ids of assessments and respondents (schema 2): UUIDs in lowercase
//! hyphenated text. A new one is random (version 4, 122 random bits), so
//! two consultants working apart never need to agree on ids. A version-1
//! file's assessments and respondents get ids derived from what they are
//! (version 5, [`derived_uid`]), so the same file always migrates to the
//! same ids, whether or not it was saved in between.

use uuid::Uuid;

/// The namespace of [`derived_uid`]. Never change it: it would change the
/// ids every version-1 file migrates to.
const NAMESPACE: Uuid = Uuid::from_u128(0x6c1f_3a8e_94d2_4b0f_a1c7_52e9_d80b_3f11);

/// Length of an id's text.
pub const UID_LEN: usize = 36;

/// Shortest prefix of an id the command line accepts for it.
pub const MIN_PREFIX: usize = 8;

/// A new random id.
pub fn new_uid() -> String {
    Uuid::new_v4().hyphenated().to_string()
}

/// The id derived from `parts` (joined with newlines): the same parts give
/// the same id.
pub fn derived_uid(parts: &[&str]) -> String {
    Uuid::new_v5(&NAMESPACE, parts.join("\n").as_bytes())
        .hyphenated()
        .to_string()
}

/// Whether `id` is an id in the written form: a UUID, lowercase, hyphenated.
pub fn is_uid(id: &str) -> bool {
    id.len() == UID_LEN
        && Uuid::try_parse(id).is_ok()
        && !id.chars().any(|c| c.is_ascii_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_ids_are_lowercase_uuids_and_differ() {
        let a = new_uid();
        let b = new_uid();
        assert!(is_uid(&a) && is_uid(&b), "{a} {b}");
        assert_ne!(a, b);
        assert_eq!(a.len(), UID_LEN);
    }

    #[test]
    fn derived_ids_are_stable_and_depend_on_every_part() {
        let a = derived_uid(&["pinghu", "1", "2022-05-01"]);
        assert_eq!(a, derived_uid(&["pinghu", "1", "2022-05-01"]));
        assert_ne!(a, derived_uid(&["pinghu", "2", "2022-05-01"]));
        assert!(is_uid(&a));
    }

    #[test]
    fn only_the_written_form_is_an_id() {
        assert!(!is_uid(""));
        assert!(!is_uid("6C1F3A8E-94D2-4B0F-A1C7-52E9D80B3F11"));
        assert!(!is_uid("6c1f3a8e94d24b0fa1c752e9d80b3f11"));
        assert!(!is_uid("../../etc/passwd"));
        assert!(is_uid("6c1f3a8e-94d2-4b0f-a1c7-52e9d80b3f11"));
    }
}
