//! What a listing needs to know of a profile, without the profile: names,
//! place, progress and the latest assessment's levels and targets. Small
//! enough to keep ten thousand in memory and to cache on disk.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::framework::{DomainId, Framework};
use super::lang::Text;
use super::maturity::{DomainMaturity, assessment_maturity, maturity_of};
use super::migrate::{assessment_uid, copied_assessment_uid};
use super::profile::{
    AnswerValue, Override, Profile, SCHEMA_VERSION, Specialty, Target, fill_in_id,
};

/// The summary's format: changes when what a summary holds changes (the
/// summary cache is made again). 2: `unknown`.
pub const SUMMARY_FORMAT: u32 = 2;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProfileSummary {
    pub id: String,
    pub name: Text,
    pub country: String,
    pub region: String,
    /// The region in both languages, when the profile has it (schema 2).
    #[serde(default)]
    pub region_text: Option<Text>,
    pub population: Option<u64>,
    pub specialties: Vec<Specialty>,
    pub assessments: usize,
    pub latest_assessment: Option<NaiveDate>,
    /// The latest assessment's id (schema 2).
    pub latest_assessment_id: Option<String>,
    /// Questions answered in the latest assessment, and asked.
    pub answered: usize,
    pub total: usize,
    /// Questions answered "unknown" in the latest assessment.
    #[serde(default)]
    pub unknown: usize,
    /// The latest assessment's level per domain, in the report's order.
    pub levels: [Option<f64>; 7],
    /// Whether each level is an assessor's override.
    pub overridden: [bool; 7],
    pub targets: [Option<u8>; 7],
    /// Why the profile cannot be written, if so.
    pub read_only: Option<String>,
    pub updated: DateTime<Utc>,
}

impl ProfileSummary {
    /// Lower-case text the home filter searches: id, names, country, region
    /// (in both languages when it has both).
    pub fn search_key(&self) -> String {
        let (zh, en) = self
            .region_text
            .as_ref()
            .map_or(("", ""), |t| (t.zh.as_str(), t.en.as_str()));
        [
            self.id.as_str(),
            &self.name.zh,
            &self.name.en,
            &self.country,
            &self.region,
            zh,
            en,
        ]
        .join("\n")
        .to_lowercase()
    }

    /// The region in `lang`, falling back to the other language, then to
    /// the plain `region` (as [`super::profile::City::region_in`]).
    pub fn region_in(&self, lang: super::lang::Lang) -> &str {
        match &self.region_text {
            Some(t) if !t.is_blank() => t.get(lang),
            _ => &self.region,
        }
    }
}

pub fn summarize(
    framework: &Framework,
    profile: &Profile,
    read_only: Option<String>,
) -> ProfileSummary {
    let city = &profile.city;
    let latest = profile.latest_assessment().map(|a| Latest {
        id: a.id.clone(),
        date: a.date,
        maturities: assessment_maturity(framework, a),
        targets: &a.targets,
    });
    summary_of(
        framework,
        Listed {
            id: &profile.id,
            name: &city.name,
            country: &city.country,
            region: &city.region,
            region_text: city.region_text.as_ref(),
            population: city.population,
            specialties: &city.specialties,
            assessments: profile.assessments.len(),
            latest,
            updated: profile.updated,
        },
        read_only,
    )
}

/// What a summary is made of.
struct Listed<'a> {
    id: &'a str,
    name: &'a Text,
    country: &'a str,
    region: &'a str,
    region_text: Option<&'a Text>,
    population: Option<u64>,
    specialties: &'a [Specialty],
    assessments: usize,
    latest: Option<Latest<'a>>,
    updated: DateTime<Utc>,
}

/// The latest assessment, as a summary shows it.
struct Latest<'a> {
    id: String,
    date: NaiveDate,
    maturities: Vec<DomainMaturity>,
    targets: &'a BTreeMap<DomainId, Target>,
}

/// The parts of a profile file a summary reads. The rest (notes,
/// respondents, the plan, the interviewer, the city's constraints, fields
/// this version does not know) is read past without being built, and the
/// answers' ids are not copied: a listing of a large folder takes about
/// half the time parsing every profile whole takes. The JSON is still
/// checked throughout; the types only of what is read here (opening the
/// profile, or `citydx validate`, checks the rest).
#[derive(Deserialize)]
struct Outline<'a> {
    schema_version: u32,
    #[serde(default)]
    id: String,
    city: CityOutline,
    #[serde(default, borrow)]
    assessments: Vec<AssessmentOutline<'a>>,
    // read so that a file without it is refused here as when opened, and
    // for the ids a version-1 file's assessments get
    created: DateTime<Utc>,
    updated: DateTime<Utc>,
}

#[derive(Deserialize)]
struct CityOutline {
    name: Text,
    #[serde(default)]
    country: String,
    #[serde(default)]
    region: String,
    #[serde(default)]
    region_text: Option<Text>,
    #[serde(default)]
    population: Option<u64>,
    #[serde(default)]
    specialties: Vec<Specialty>,
}

#[derive(Deserialize)]
struct AssessmentOutline<'a> {
    #[serde(default)]
    id: String,
    date: NaiveDate,
    /// Borrowed from the file: an id written with escapes does not
    /// outline, and the file is then read whole.
    #[serde(default, borrow, deserialize_with = "pairs")]
    answers: Vec<(&'a str, AnswerOutline)>,
    #[serde(default)]
    targets: BTreeMap<DomainId, Target>,
    #[serde(default)]
    overrides: BTreeMap<DomainId, Override>,
}

#[derive(Deserialize, Clone, Copy)]
struct AnswerOutline {
    value: AnswerValue,
}

/// A JSON object's entries in the file's order, without building a map.
fn pairs<'de, D, V>(deserializer: D) -> Result<Vec<(&'de str, V)>, D::Error>
where
    D: serde::Deserializer<'de>,
    V: Deserialize<'de>,
{
    struct Pairs<V>(std::marker::PhantomData<V>);
    impl<'de, V: Deserialize<'de>> serde::de::Visitor<'de> for Pairs<V> {
        type Value = Vec<(&'de str, V)>;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a map")
        }
        fn visit_map<A: serde::de::MapAccess<'de>>(
            self,
            mut map: A,
        ) -> Result<Self::Value, A::Error> {
            let mut out = Vec::with_capacity(map.size_hint().unwrap_or(0));
            while let Some(entry) = map.next_entry()? {
                out.push(entry);
            }
            Ok(out)
        }
    }
    deserializer.deserialize_map(Pairs(std::marker::PhantomData))
}

/// The summary of the profile file `bytes`, with the profile's schema
/// version; `read_only` is left for the caller, who knows the file. Gives
/// the same summary as [`summarize`] of the whole profile (a test keeps
/// the two in step).
pub fn summarize_json(
    framework: &Framework,
    bytes: &[u8],
) -> Result<(u32, ProfileSummary), serde_json::Error> {
    let mut outline: Outline = serde_json::from_slice(bytes)?;
    fill_in_id(&mut outline.id, &outline.city.name.en);
    let count = outline.assessments.len();
    let mut last = outline.assessments.pop();
    let latest = last.as_mut().map(|a| {
        // sorted by id, and of an id given twice the last one kept, as a
        // map read from the file keeps it
        a.answers.sort_by(|x, y| x.0.cmp(y.0));
        a.answers.dedup_by(|later, earlier| {
            let same = later.0 == earlier.0;
            if same {
                earlier.1 = later.1;
            }
            same
        });
        let answers = &a.answers;
        let value = |id: &str| {
            answers
                .binary_search_by(|(key, _)| (*key).cmp(id))
                .ok()
                .map(|i| answers[i].1.value)
        };
        Latest {
            // the id reading the whole file gives it (see `migrate`)
            id: if outline.schema_version > SCHEMA_VERSION {
                a.id.clone()
            } else if a.id.is_empty() {
                assessment_uid(&outline.id, outline.created, count - 1, a.date)
            } else if outline.assessments.iter().any(|earlier| earlier.id == a.id) {
                copied_assessment_uid(&a.id, count - 1, a.date)
            } else {
                a.id.clone()
            },
            date: a.date,
            maturities: framework
                .domains
                .iter()
                .map(|d| maturity_of(d, value, a.overrides.get(&d.id)))
                .collect(),
            targets: &a.targets,
        }
    });
    let summary = summary_of(
        framework,
        Listed {
            id: &outline.id,
            name: &outline.city.name,
            country: &outline.city.country,
            region: &outline.city.region,
            region_text: outline.city.region_text.as_ref(),
            population: outline.city.population,
            specialties: &outline.city.specialties,
            assessments: count,
            latest,
            updated: outline.updated,
        },
        None,
    );
    Ok((outline.schema_version, summary))
}

fn summary_of(
    framework: &Framework,
    profile: Listed<'_>,
    read_only: Option<String>,
) -> ProfileSummary {
    let (mut answered, mut total, mut unknown) = (0, 0, 0);
    let mut levels = [None; 7];
    let mut overridden = [false; 7];
    let mut targets = [None; 7];
    match &profile.latest {
        Some(latest) => {
            // (the domains' counts add up to the assessment's progress)
            for m in &latest.maturities {
                let i = m.domain.index();
                levels[i] = m.level();
                overridden[i] = m.overridden.is_some();
                targets[i] = latest.targets.get(&m.domain).map(|t| t.stage);
                answered += m.answered;
                total += m.total;
                unknown += m.unknown;
            }
        }
        None => total = framework.indicator_count(),
    }
    ProfileSummary {
        id: profile.id.to_string(),
        name: profile.name.clone(),
        country: profile.country.to_string(),
        region: profile.region.to_string(),
        region_text: profile.region_text.cloned(),
        population: profile.population,
        specialties: profile.specialties.to_vec(),
        assessments: profile.assessments,
        latest_assessment: profile.latest.as_ref().map(|l| l.date),
        latest_assessment_id: profile.latest.as_ref().map(|l| l.id.clone()),
        answered,
        total,
        unknown,
        levels,
        overridden,
        targets,
        read_only,
        updated: profile.updated,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::examples::EXAMPLES;
    use crate::core::framework;
    use crate::core::framework::DomainId;

    #[test]
    fn a_summary_holds_the_latest_levels_and_survives_a_round_trip() {
        let (_, text) = EXAMPLES.iter().find(|(i, _)| *i == "pinghu").unwrap();
        let p = Profile::from_json(text).unwrap();
        let s = summarize(framework(), &p, None);
        assert_eq!(s.levels[DomainId::Infrastructure.index()], Some(3.0));
        assert_eq!(s.targets[DomainId::Infrastructure.index()], Some(3));
        assert_eq!((s.answered, s.total), (22, 100));
        let json = serde_json::to_string(&s).unwrap();
        assert_eq!(serde_json::from_str::<ProfileSummary>(&json).unwrap(), s);
        assert!(s.search_key().contains("平湖") && s.search_key().contains("pinghu"));
    }

    #[test]
    fn the_outline_gives_the_summary_the_whole_profile_gives() {
        let mut profiles: Vec<Profile> = EXAMPLES
            .iter()
            .map(|(_, t)| Profile::from_json(t).unwrap())
            .collect();
        // several assessments (the latest counts), carried answers, an
        // override, no id in the file, no assessment at all
        let mut p = profiles[0].clone();
        let mut next =
            p.assessments[0].carried_forward(NaiveDate::from_ymd_opt(2025, 3, 1).unwrap());
        next.overrides.insert(
            DomainId::Economy,
            crate::core::profile::Override {
                level: 2.5,
                reason: "seen on site".into(),
                reason_text: None,
            },
        );
        p.assessments.push(next);
        profiles.push(p.clone());
        // the latest assessment copied by hand, id and all
        let mut copied = p.clone();
        copied.assessments.push(p.assessments[0].clone());
        profiles.push(copied);
        p.id.clear();
        profiles.push(p.clone());
        p.assessments.clear();
        profiles.push(p);
        for profile in profiles {
            let json = profile.to_json();
            let whole = Profile::from_json(&json).unwrap();
            let (version, outlined) = summarize_json(framework(), json.as_bytes()).unwrap();
            assert_eq!(version, whole.schema_version);
            assert_eq!(
                outlined,
                summarize(framework(), &whole, None),
                "{}",
                whole.id
            );
        }
    }

    #[test]
    fn a_summary_counts_unknown_answers_as_the_assessment_does() {
        let mut seen = 0;
        for (id, text) in EXAMPLES {
            let whole = Profile::from_json(text).unwrap();
            let summary = summarize(framework(), &whole, None);
            let (_, outlined) = summarize_json(framework(), text.as_bytes()).unwrap();
            let latest = whole.latest_assessment().unwrap();
            let want = crate::core::maturity::unknown_count(framework(), latest);
            assert_eq!((summary.unknown, outlined.unknown), (want, want), "{id}");
            seen += want;
        }
        assert!(seen > 0, "the examples hold unknown answers");
    }

    #[test]
    fn an_answer_given_twice_counts_once_as_the_last_one() {
        let (_, text) = EXAMPLES.iter().find(|(i, _)| *i == "pinghu").unwrap();
        let whole = Profile::from_json(text).unwrap();
        let (id, _) = whole.assessments[0].answers.iter().next().unwrap();
        // the same id again, not met, ahead of the others
        let twice = text.replacen(
            "\"answers\": {",
            &format!("\"answers\": {{\n\"{id}\": {{\"value\": \"not_met\"}},"),
            1,
        );
        assert_ne!(twice, *text);
        let whole_twice = Profile::from_json(&twice).unwrap();
        let (_, outlined) = summarize_json(framework(), twice.as_bytes()).unwrap();
        assert_eq!(outlined, summarize(framework(), &whole_twice, None));
        // an id written with an escape does not outline (the store then
        // reads the file whole)
        let escaped = text.replacen(&format!("\"{id}\""), &format!("\"\\u0073{}\"", &id[1..]), 1);
        assert!(Profile::from_json(&escaped).is_ok());
        assert!(summarize_json(framework(), escaped.as_bytes()).is_err());
    }

    #[test]
    fn the_outline_refuses_what_the_whole_parse_refuses_in_what_it_reads() {
        let (_, text) = EXAMPLES[0];
        let mut value: serde_json::Value = serde_json::from_str(text).unwrap();
        value["updated"] = "yesterday".into();
        let bad = value.to_string();
        assert!(Profile::from_json(&bad).is_err());
        assert!(summarize_json(framework(), bad.as_bytes()).is_err());
        assert!(summarize_json(framework(), b"{\"schema_version\": 1,").is_err());
    }
}
