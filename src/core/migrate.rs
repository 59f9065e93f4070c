//! Reading a profile of any schema version.
//!
//! - **Version 1** (and a version-2 file missing an id): every assessment
//!   and respondent without an id gets one derived from what it is
//!   ([`derived_uid`]), so the same file always gives the same ids, and the
//!   version becomes 2. Nothing else changes: every schema-2 key is new and
//!   optional. The store keeps the version-1 file in the trash before the
//!   first save writes version 2 over it.
//! - **A newer version**: the file is read as far as this version
//!   understands it and is read-only. Its version is read before the whole
//!   file is, so a file whose shape changed still opens (what this version
//!   cannot read is left out of what it shows, and never written).

use chrono::{DateTime, Utc};
use serde::Deserialize;
use serde_json::Value;

use super::lang::Text;
use super::profile::{Assessment, City, Extra, Profile, SCHEMA_VERSION, fill_in_id};
use super::uid::derived_uid;

/// What reading a profile found beside the profile itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ReadNote {
    /// The version the file was written in, when it was older and the
    /// profile was migrated (in memory; the file changes on the next save).
    pub migrated_from: Option<u32>,
    /// The file is of a newer version whose shape this version does not
    /// fully read: what is shown is partial.
    pub partial: bool,
}

/// The schema version a profile's text declares, read without reading the
/// rest (`None` if the text is not a JSON object with a numeric version).
pub fn schema_version_of(bytes: &[u8]) -> Option<u32> {
    #[derive(Deserialize)]
    struct Version {
        schema_version: u32,
    }
    serde_json::from_slice::<Version>(bytes)
        .ok()
        .map(|v| v.schema_version)
}

/// Parses a profile of any version: see the module's notes.
pub fn read(bytes: &[u8]) -> Result<(Profile, ReadNote), serde_json::Error> {
    let declared = schema_version_of(bytes);
    if let Some(version) = declared.filter(|v| *v > SCHEMA_VERSION) {
        return Ok(match serde_json::from_slice::<Profile>(bytes) {
            Ok(mut profile) => {
                fill_in_id(&mut profile.id, &profile.city.name.en);
                (profile, ReadNote::default())
            }
            Err(e) => {
                let value: Value = serde_json::from_slice(bytes)?;
                match partial(value, version) {
                    Some(profile) => (
                        profile,
                        ReadNote {
                            migrated_from: None,
                            partial: true,
                        },
                    ),
                    None => return Err(e),
                }
            }
        });
    }
    let mut profile: Profile = serde_json::from_slice(bytes)?;
    fill_in_id(&mut profile.id, &profile.city.name.en);
    let migrated_from = migrate(&mut profile);
    Ok((
        profile,
        ReadNote {
            migrated_from,
            partial: false,
        },
    ))
}

/// Brings `profile` to [`SCHEMA_VERSION`]: fills in missing ids. Returns
/// the version it had when that was older.
pub fn migrate(profile: &mut Profile) -> Option<u32> {
    if profile.schema_version > SCHEMA_VERSION {
        return None;
    }
    fill_in_ids(profile);
    let from = profile.schema_version;
    profile.schema_version = SCHEMA_VERSION;
    (from < SCHEMA_VERSION).then_some(from)
}

/// Gives every assessment and respondent without an id the id derived from
/// the profile's id and creation time, its position and its date (an
/// assessment) or its name, organisation and role (a respondent, so one
/// person keeps one id from one assessment to the next). An assessment (or
/// a respondent within one assessment) whose id repeats an earlier one's,
/// as when a file was edited by copying, gets an id derived from the
/// repeated one and its position.
pub fn fill_in_ids(profile: &mut Profile) {
    let created = profile.created.to_rfc3339();
    let mut seen: Vec<String> = Vec::new();
    for (n, assessment) in profile.assessments.iter_mut().enumerate() {
        if assessment.id.is_empty() {
            assessment.id = assessment_uid(&profile.id, profile.created, n, assessment.date);
        } else if seen.contains(&assessment.id) {
            // an assessment copied by hand, id and all: the copy gets an id
            // of its own (the first keeps its id)
            assessment.id = copied_assessment_uid(&assessment.id, n, assessment.date);
        }
        seen.push(assessment.id.clone());
        let mut people: Vec<String> = Vec::new();
        let mut ids: Vec<String> = Vec::new();
        for respondent in &mut assessment.respondents {
            let who = format!(
                "{}\n{:?}\n{}",
                respondent.name, respondent.organisation, respondent.role
            );
            if respondent.id.is_empty() {
                let occurrence = people.iter().filter(|w| **w == who).count();
                respondent.id = derived_uid(&[
                    "respondent",
                    &profile.id,
                    &created,
                    &who,
                    &occurrence.to_string(),
                ]);
            } else if ids.contains(&respondent.id) {
                respondent.id = derived_uid(&[
                    "copied respondent",
                    &respondent.id,
                    &assessment.id,
                    &ids.len().to_string(),
                ]);
            }
            people.push(who);
            ids.push(respondent.id.clone());
        }
    }
}

/// The id an assessment at `index` (0-based) gets when its id `id` repeats
/// an earlier assessment's.
pub fn copied_assessment_uid(id: &str, index: usize, date: chrono::NaiveDate) -> String {
    derived_uid(&[
        "copied assessment",
        id,
        &(index + 1).to_string(),
        &date.to_string(),
    ])
}

/// The id a version-1 file's assessment at `index` (0-based) gets.
pub fn assessment_uid(
    profile_id: &str,
    created: DateTime<Utc>,
    index: usize,
    date: chrono::NaiveDate,
) -> String {
    derived_uid(&[
        "assessment",
        profile_id,
        &created.to_rfc3339(),
        &(index + 1).to_string(),
        &date.to_string(),
    ])
}

fn is_cjk(c: char) -> bool {
    ('\u{3000}'..='\u{9fff}').contains(&c) || ('\u{ff00}'..='\u{ffef}').contains(&c)
}

/// A text packed as "English / 中文", split into (English, Chinese);
/// `None` if it is not packed that way. With one " / ", the split is there
/// when Chinese follows it; with several, at the first one followed by
/// Chinese text (or a digit or a non-ASCII mark opening it). Used to
/// convert the example profiles (`examples/schema2_examples.rs`); a user's
/// notes are never split by the migration, since " / " may be their own.
pub fn split_packed(text: &str) -> Option<(String, String)> {
    let at: Vec<usize> = text.match_indices(" / ").map(|(i, _)| i).collect();
    let split = |i: usize| {
        (
            text[..i].trim().to_string(),
            text[i + 3..].trim().to_string(),
        )
    };
    let chinese_after = |i: usize| text[i + 3..].chars().any(is_cjk);
    match at[..] {
        [] => None,
        [one] => chinese_after(one).then(|| split(one)),
        _ => at
            .iter()
            .copied()
            .find(|&i| {
                let first = text[i + 3..].trim_start().chars().next().unwrap_or(' ');
                chinese_after(i) && (is_cjk(first) || !first.is_ascii() || first.is_ascii_digit())
            })
            .map(split),
    }
}

/// As much of a newer file as this version reads: the id, the city (or
/// just its name), the dates and every assessment that parses; the rest is
/// kept as it is (it is never written: the profile is read-only).
fn partial(value: Value, version: u32) -> Option<Profile> {
    let Value::Object(mut map) = value else {
        return None;
    };
    let id = map
        .get("id")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    let city_value = map.remove("city").unwrap_or(Value::Null);
    let city = serde_json::from_value::<City>(city_value.clone()).unwrap_or_else(|_| {
        let name = city_value
            .get("name")
            .and_then(|n| serde_json::from_value::<Text>(n.clone()).ok())
            .unwrap_or_else(|| Text::new("", id.clone()));
        let mut city = City::named(name);
        if let Value::Object(rest) = city_value {
            city.extra = rest;
        }
        city
    });
    let assessments: Vec<Assessment> = match map.remove("assessments") {
        Some(Value::Array(items)) => items
            .into_iter()
            .filter_map(|a| serde_json::from_value(a).ok())
            .collect(),
        _ => Vec::new(),
    };
    let time = |key: &str| {
        map.get(key)
            .and_then(|v| serde_json::from_value::<DateTime<Utc>>(v.clone()).ok())
            .unwrap_or_default()
    };
    let (created, updated) = (time("created"), time("updated"));
    for key in ["schema_version", "id", "created", "updated"] {
        map.remove(key);
    }
    // disputes read when they parse, else kept as they are
    let disputes = match map
        .get("disputes")
        .map(|v| serde_json::from_value(v.clone()))
    {
        Some(Ok(disputes)) => {
            map.remove("disputes");
            disputes
        }
        _ => Vec::new(),
    };
    let extra: Extra = map;
    let mut profile = Profile {
        schema_version: version,
        id,
        city,
        assessments,
        created,
        updated,
        disputes,
        extra,
    };
    fill_in_id(&mut profile.id, &profile.city.name.en);
    Some(profile)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::lang::Lang;
    use crate::core::profile::tests::sample_json;
    use crate::core::uid::is_uid;

    #[test]
    fn a_version_1_file_gets_stable_ids_and_version_2_and_keeps_everything() {
        let (p, note) = read(sample_json().as_bytes()).unwrap();
        assert_eq!(note.migrated_from, Some(1));
        assert_eq!(p.schema_version, SCHEMA_VERSION);
        let a = &p.assessments[0];
        assert!(is_uid(&a.id), "{}", a.id);
        assert!(is_uid(&a.respondents[0].id));
        // the same file gives the same ids
        let (q, _) = read(sample_json().as_bytes()).unwrap();
        assert_eq!(p, q);
        // what was there is still there, unknown keys included
        let text = p.to_json();
        for kept in [
            "\"tags\"",
            "\"mayor_notes\"",
            "\"phase_plan\"",
            "\"evidence\"",
        ] {
            assert!(text.contains(kept), "{kept} lost");
        }
        // written again, it reads as version 2, unchanged, not migrated
        let (again, note) = read(text.as_bytes()).unwrap();
        assert_eq!(note.migrated_from, None);
        assert_eq!(again, p);
        assert!(p.problems().is_empty(), "{:?}", p.problems());
    }

    #[test]
    fn a_person_keeps_one_id_across_assessments_and_twins_differ() {
        let text = sample_json().replace(
            r#""respondents": [{"name": "Kang", "role": "Director", "organisation": "government"}],"#,
            r#""respondents": [{"name": "Kang", "role": "Director", "organisation": "government"},
                               {"name": "Kang", "role": "Director", "organisation": "government"}],"#,
        );
        let mut p = Profile::from_json(&text).unwrap();
        let r = &p.assessments[0].respondents;
        assert_ne!(r[0].id, r[1].id);
        let mut second = p.assessments[0].clone();
        second.id.clear();
        for r in &mut second.respondents {
            r.id.clear();
        }
        p.assessments.push(second);
        fill_in_ids(&mut p);
        assert_ne!(p.assessments[0].id, p.assessments[1].id);
        assert_eq!(
            p.assessments[0].respondents[0].id,
            p.assessments[1].respondents[0].id
        );
    }

    #[test]
    fn an_assessment_copied_by_hand_gets_an_id_of_its_own() {
        let mut p = Profile::from_json(sample_json()).unwrap();
        let first = p.assessments[0].clone();
        p.assessments.push(first.clone());
        p.assessments[0]
            .respondents
            .push(first.respondents[0].clone());
        let (q, _) = read(p.to_json().as_bytes()).unwrap();
        assert_eq!(q.assessments[0].id, first.id, "the first keeps its id");
        assert_ne!(q.assessments[1].id, first.id);
        let r = &q.assessments[0].respondents;
        assert_ne!(r[0].id, r[1].id);
        assert!(q.problems().is_empty(), "{:?}", q.problems());
        // and the same file gives the same ids
        assert_eq!(read(p.to_json().as_bytes()).unwrap().0, q);
    }

    #[test]
    fn a_newer_file_whose_shape_changed_still_opens() {
        // version 3 changed `population` to an object and an answer's value
        // to a number: the full parse fails, the partial one does not
        let text = sample_json()
            .replace("\"schema_version\": 1", "\"schema_version\": 3")
            .replace(
                "\"population\": 960000",
                "\"population\": {\"urban\": 960000}",
            )
            .replace("\"value\": \"partly\"", "\"value\": 0.5");
        assert!(serde_json::from_str::<Profile>(&text).is_err());
        let (p, note) = read(text.as_bytes()).unwrap();
        assert!(note.partial);
        assert_eq!(p.schema_version, 3);
        assert_eq!(p.id, "shen-county");
        assert_eq!(p.city.name.get(Lang::Zh), "莘县");
        assert!(p.assessments.is_empty(), "the assessment does not parse");
        assert!(p.extra.contains_key("tags"), "unknown keys are kept");
        // a newer file is never migrated
        let plain = sample_json().replace("\"schema_version\": 1", "\"schema_version\": 3");
        let (p, note) = read(plain.as_bytes()).unwrap();
        assert_eq!(
            (p.schema_version, note.migrated_from, note.partial),
            (3, None, false)
        );
        assert!(p.assessments[0].id.is_empty());
    }

    #[test]
    fn packed_texts_split_where_the_chinese_starts() {
        let split = |t: &str| split_packed(t).map(|(a, b)| format!("{a}|{b}"));
        assert_eq!(split("Met. / 已达成。").as_deref(), Some("Met.|已达成。"));
        assert_eq!(
            split("WEF / Tencent said so. / 世界经济论坛与腾讯如是说。").as_deref(),
            Some("WEF / Tencent said so.|世界经济论坛与腾讯如是说。")
        );
        assert_eq!(
            split("In 2018 it began. / 2018年开始。").as_deref(),
            Some("In 2018 it began.|2018年开始。")
        );
        assert_eq!(split("either / or"), None);
        assert_eq!(split("no separator 无"), None);
    }

    #[test]
    fn text_that_is_not_a_profile_is_still_an_error() {
        assert!(read(b"{\"schema_version\": 3").is_err());
        assert!(read(b"[1, 2]").is_err());
        assert!(read(b"{\"schema_version\": 1}").is_err());
    }
}
