//! The city profile: one JSON file per city, holding the city's facts and
//! every assessment made of it over the years.
//!
//! Fields this version does not know are kept (`extra`, flattened) so that a
//! newer program's data survives a save by an older one. New fields get
//! `#[serde(default)]`; `deny_unknown_fields` is never used here.

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::framework::DomainId;
use super::id::derive_id;
use super::lang::{Lang, Text};
use super::limits;

/// The schema version this program writes. A file with a higher one opens
/// read-only; a file with a lower one is migrated ([`super::migrate`]).
pub const SCHEMA_VERSION: u32 = 2;

pub type Extra = Map<String, Value>;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Profile {
    pub schema_version: u32,
    /// Derived from the English name when a file leaves it out.
    #[serde(default)]
    pub id: String,
    pub city: City,
    #[serde(default)]
    pub assessments: Vec<Assessment>,
    pub created: DateTime<Utc>,
    pub updated: DateTime<Utc>,
    /// What a merge could not decide: both sides of each, to settle later
    /// ([`super::merge`]). Absent when there is none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub disputes: Vec<super::merge::Dispute>,
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct City {
    pub name: Text,
    #[serde(default)]
    pub country: String,
    #[serde(default)]
    pub region: String,
    /// The region in both languages (schema 2); `region` stays the plain
    /// text. Read it with [`City::region_in`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region_text: Option<Text>,
    /// Urban resident population (城区常住人口), when known.
    #[serde(default)]
    pub population: Option<u64>,
    /// What `population` counts (schema 2): urban residents, or the total
    /// where only that is known. Absent: urban residents, as in schema 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub population_kind: Option<PopulationKind>,
    #[serde(default)]
    pub specialties: Vec<Specialty>,
    /// Free text beside `specialties` (schema 2), in both languages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub specialty_detail: Option<Text>,
    #[serde(default = "Constraints::not_given")]
    pub constraints: Constraints,
    /// City facts that are an example's assumption rather than a source's
    /// (schema 2): paths from [`ASSUMABLE_FIELDS`], e.g.
    /// `"constraints.funding"`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub assumed: Vec<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// The city facts `City::assumed` may name.
pub const ASSUMABLE_FIELDS: [&str; 8] = [
    "country",
    "region",
    "population",
    "population_kind",
    "specialties",
    "constraints.funding",
    "constraints.talent",
    "constraints.technology",
];

/// What a city's `population` counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, strum::IntoStaticStr)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum PopulationKind {
    /// Urban resident population (城区常住人口), the framework's measure.
    UrbanResident,
    /// The whole administrative area's population, where only that is known.
    Total,
}

/// `text` in `lang`, falling back to the other language, then to `plain`.
fn bilingual<'a>(text: Option<&'a Text>, lang: Lang, plain: &'a str) -> &'a str {
    match text {
        Some(t) if !t.is_blank() => t.get(lang),
        _ => plain,
    }
}

impl City {
    /// A city with only a name; every other fact unknown.
    pub fn named(name: Text) -> City {
        City {
            name,
            country: String::new(),
            region: String::new(),
            region_text: None,
            population: None,
            population_kind: None,
            specialties: Vec::new(),
            specialty_detail: None,
            constraints: Constraints::default(),
            assumed: Vec::new(),
            extra: Extra::new(),
        }
    }

    /// The region in `lang`: `region_text` in that language, else in the
    /// other, else the plain `region`.
    pub fn region_in(&self, lang: Lang) -> &str {
        bilingual(self.region_text.as_ref(), lang, &self.region)
    }

    /// The specialty detail in `lang` (falling back to the other), if any.
    pub fn specialty_detail_in(&self, lang: Lang) -> Option<&str> {
        self.specialty_detail
            .as_ref()
            .filter(|t| !t.is_blank())
            .map(|t| t.get(lang))
    }

    /// Whether `field` (one of [`ASSUMABLE_FIELDS`]) is an assumption.
    pub fn is_assumed(&self, field: &str) -> bool {
        self.assumed.iter().any(|f| f == field)
    }
}

/// The glossary's industry specialties (特色产业).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    strum::IntoStaticStr,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Specialty {
    Agriculture,
    Manufacturing,
    ResourcesEnergy,
    LogisticsTrade,
    CultureTourism,
    DigitalIndustry,
}

impl Specialty {
    pub const ALL: [Specialty; 6] = [
        Specialty::Agriculture,
        Specialty::Manufacturing,
        Specialty::ResourcesEnergy,
        Specialty::LogisticsTrade,
        Specialty::CultureTourism,
        Specialty::DigitalIndustry,
    ];

    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// How much of a resource the city has for its transformation.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    Default,
    strum::IntoStaticStr,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Level {
    Low,
    #[default]
    Medium,
    High,
}

/// The three constraints the report names: funding, talent, technology.
/// One missing from the file reads as `medium` and is remembered as not
/// given ([`Constraints::given`]), so the advice can say so; it is written
/// back missing, never as an invented `medium`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(from = "RawConstraints", into = "RawConstraints")]
pub struct Constraints {
    pub funding: Level,
    pub talent: Level,
    pub technology: Level,
    /// Which of funding, talent, technology (in that order) the profile
    /// leaves out: taken as medium until answered.
    pub unset: [bool; 3],
}

/// [`Constraints`] as the file holds them: each one may be missing.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize)]
struct RawConstraints {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    funding: Option<Level>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    talent: Option<Level>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    technology: Option<Level>,
}

impl From<RawConstraints> for Constraints {
    fn from(r: RawConstraints) -> Constraints {
        Constraints {
            funding: r.funding.unwrap_or_default(),
            talent: r.talent.unwrap_or_default(),
            technology: r.technology.unwrap_or_default(),
            unset: [
                r.funding.is_none(),
                r.talent.is_none(),
                r.technology.is_none(),
            ],
        }
    }
}

impl From<Constraints> for RawConstraints {
    fn from(c: Constraints) -> RawConstraints {
        let keep = |level: Level, unset: bool| (!unset).then_some(level);
        RawConstraints {
            funding: keep(c.funding, c.unset[0]),
            talent: keep(c.talent, c.unset[1]),
            technology: keep(c.technology, c.unset[2]),
        }
    }
}

impl Constraints {
    /// None given: each taken as medium until answered.
    pub fn not_given() -> Constraints {
        Constraints {
            unset: [true; 3],
            ..Constraints::default()
        }
    }

    pub fn any_low(&self) -> bool {
        [self.funding, self.talent, self.technology].contains(&Level::Low)
    }

    /// Whether funding (0), talent (1) or technology (2) is given in the
    /// profile (else taken as medium until answered).
    pub fn given(&self, index: usize) -> bool {
        !self.unset.get(index).copied().unwrap_or(false)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Assessment {
    /// Stable id (schema 2): a UUID in lowercase text, created once and
    /// never reused. Version-1 files get one on reading ([`super::migrate`]).
    #[serde(default)]
    pub id: String,
    pub date: NaiveDate,
    #[serde(default)]
    pub interviewer: String,
    /// The interviewer line in both languages (schema 2); read it with
    /// [`Assessment::interviewer_in`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interviewer_text: Option<Text>,
    #[serde(default)]
    pub respondents: Vec<Respondent>,
    /// Keyed by indicator id. Ids this version does not know are kept.
    #[serde(default)]
    pub answers: BTreeMap<String, Answer>,
    #[serde(default)]
    pub targets: BTreeMap<DomainId, Target>,
    /// The domain's importance to the city, 1 to 5.
    #[serde(default)]
    pub importance: BTreeMap<DomainId, u8>,
    #[serde(default)]
    pub overrides: BTreeMap<DomainId, Override>,
    /// The consultant's owner and dates for the plan's phases, keyed by
    /// phase number ("1", "2", ...); the phases themselves are computed.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub plan: BTreeMap<String, PhaseEdit>,
    /// The consultant's owner, dates and outcomes per move of the plan,
    /// keyed by [`move_key`] (`"economy:1-2"`): a move keeps its edits
    /// however the phases are reshaped. The older per-phase `plan` is still
    /// read: it applies to the phase it names (as before), and a move's own
    /// entry here wins over it for that move. New edits go here.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub plan_moves: BTreeMap<String, MoveEdit>,
    /// The questionnaires issued for this assessment's respondents
    /// (`citydx questionnaire export`), keyed by the token written in the
    /// file: an import is accepted only for a token issued here.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub questionnaires: BTreeMap<String, Questionnaire>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// A questionnaire issued to one respondent: who it is for, when it was
/// written (an answer the respondent gave later in the interface is never
/// replaced by the file's), and when it was last read back.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Questionnaire {
    pub respondent: String,
    pub issued: DateTime<Utc>,
    /// The language the file was written in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<Lang>,
    /// The domains it asks about; empty: all seven.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub domains: Vec<DomainId>,
    /// When it was last imported: the time its answers were recorded with.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_import: Option<DateTime<Utc>>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// The key of a move of the plan in [`Assessment::plan_moves`]:
/// `"<domain>:<from>-<to>"`, e.g. `"economy:1-2"`.
pub fn move_key(domain: DomainId, from: u8, to: u8) -> String {
    format!("{}:{from}-{to}", domain.as_str())
}

/// Reads a [`move_key`] back: the domain and the stages, with `from < to`
/// and `to` a stage.
pub fn parse_move_key(key: &str) -> Option<(DomainId, u8, u8)> {
    let (domain, stages) = key.split_once(':')?;
    let (from, to) = stages.split_once('-')?;
    let domain = DomainId::ALL.into_iter().find(|d| d.as_str() == domain)?;
    let (from, to): (u8, u8) = (from.parse().ok()?, to.parse().ok()?);
    (from < to && (1..=crate::core::framework::STAGES).contains(&to)).then_some((domain, from, to))
}

/// What a consultant sets on a move of the plan.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MoveEdit {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub owner: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<NaiveDate>,
    /// The measurable outcome the consultant sets for an indicator of the
    /// move's work, by indicator id.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub outcomes: BTreeMap<String, String>,
    #[serde(flatten)]
    pub extra: Extra,
}

impl MoveEdit {
    pub fn is_empty(&self) -> bool {
        self.owner.is_empty()
            && self.start.is_none()
            && self.end.is_none()
            && self.outcomes.is_empty()
            && self.extra.is_empty()
    }
}

/// What a consultant sets on a phase of the plan.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PhaseEdit {
    #[serde(default)]
    pub owner: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<NaiveDate>,
    #[serde(flatten)]
    pub extra: Extra,
}

impl Assessment {
    /// A new, empty assessment with a new random id.
    pub fn new(date: NaiveDate, interviewer: impl Into<String>) -> Assessment {
        Assessment::with_id(super::uid::new_uid(), date, interviewer)
    }

    pub fn with_id(id: String, date: NaiveDate, interviewer: impl Into<String>) -> Assessment {
        Assessment {
            id,
            date,
            interviewer: interviewer.into(),
            interviewer_text: None,
            respondents: Vec::new(),
            answers: BTreeMap::new(),
            targets: BTreeMap::new(),
            importance: BTreeMap::new(),
            overrides: BTreeMap::new(),
            plan: BTreeMap::new(),
            plan_moves: BTreeMap::new(),
            questionnaires: BTreeMap::new(),
            extra: Extra::new(),
        }
    }

    /// The interviewer line in `lang`, falling back to the other language
    /// and then to the plain `interviewer`.
    pub fn interviewer_in(&self, lang: Lang) -> &str {
        bilingual(self.interviewer_text.as_ref(), lang, &self.interviewer)
    }

    /// The respondent with id `id`.
    pub fn respondent(&self, id: &str) -> Option<&Respondent> {
        self.respondents.iter().find(|r| r.id == id)
    }

    pub fn answer(&self, indicator: &str) -> AnswerValue {
        self.answers
            .get(indicator)
            .map(|a| a.value)
            .unwrap_or(AnswerValue::Unknown)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Respondent {
    /// Stable id (schema 2), like an assessment's.
    #[serde(default)]
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub role: String,
    pub organisation: OrganisationType,
    /// The organisation's own name, free text (schema 2).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub organisation_name: String,
    /// Free text for any kind of respondent `organisation` does not name
    /// (schema 2); `organisation` keeps its four values.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub kind: String,
    #[serde(flatten)]
    pub extra: Extra,
}

impl Respondent {
    pub fn new(
        id: String,
        name: impl Into<String>,
        role: impl Into<String>,
        organisation: OrganisationType,
    ) -> Respondent {
        Respondent {
            id,
            name: name.into(),
            role: role.into(),
            organisation,
            organisation_name: String::new(),
            kind: String::new(),
            extra: Extra::new(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, strum::IntoStaticStr)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum OrganisationType {
    Government,
    Enterprise,
    Research,
    Citizen,
}

/// The assessment's agreed answer to one indicator. `value` and `note` mean
/// what they meant in schema 1; each respondent's own answer goes under
/// `voices` (schema 2).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Answer {
    pub value: AnswerValue,
    /// The note as plain text. When `note_text` is set, this is its English
    /// (or, without English, its Chinese) so that a schema-1 reader still
    /// sees a note.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The note in both languages (schema 2); read with [`Answer::note_in`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note_text: Option<Text>,
    /// Copied from the previous assessment and not yet confirmed or changed.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub carried_over: bool,
    /// Each respondent's own answer, keyed by respondent id (schema 2).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub voices: BTreeMap<String, Voice>,
    /// `value` is not agreed yet: it is the voices' provisional answer
    /// ([`super::voices::provisional`]), recomputed as voices come in.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub provisional: bool,
    /// Who settled the agreed answer among disagreeing voices.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub settled_by: Option<String>,
    /// Why the agreed answer is what it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub settled_reason: Option<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// One respondent's own answer to an indicator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Voice {
    pub value: AnswerValue,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note_text: Option<Text>,
    /// When the respondent gave it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<DateTime<Utc>>,
    #[serde(flatten)]
    pub extra: Extra,
}

impl Answer {
    pub fn new(value: AnswerValue, note: Option<String>) -> Answer {
        Answer {
            value,
            note,
            note_text: None,
            carried_over: false,
            voices: BTreeMap::new(),
            provisional: false,
            settled_by: None,
            settled_reason: None,
            extra: Extra::new(),
        }
    }

    /// The note in `lang`: `note_text` in that language, else in the other,
    /// else the plain `note`.
    pub fn note_in(&self, lang: Lang) -> Option<&str> {
        match &self.note_text {
            Some(t) if !t.is_blank() => Some(t.get(lang)),
            _ => self.note.as_deref(),
        }
    }

    /// Whether there is a note in any language.
    pub fn has_note(&self) -> bool {
        self.note.is_some() || self.note_text.as_ref().is_some_and(|t| !t.is_blank())
    }
}

impl Assessment {
    /// The next assessment of the same city, on `date`: it starts from this
    /// one's answers (unknown ones too), each marked as carried over until
    /// it is confirmed or changed, and keeps the city's targets (by their
    /// year: the horizon is what is left of it), importance, respondents
    /// and the plan's owners and dates per move. Overrides are a judgement
    /// of their day and are not carried (see [`super::ops::Op::CarryOverride`]).
    pub fn carried_forward(&self, date: NaiveDate) -> Assessment {
        let mut next = Assessment::new(date, self.interviewer.clone());
        next.interviewer_text = self.interviewer_text.clone();
        next.respondents = self.respondents.clone();
        // a target keeps its year: reassessed a year later, a target for
        // 2028 is still for 2028, not three more years
        next.targets = self
            .targets
            .iter()
            .map(|(d, t)| {
                let mut t = *t;
                let year = t
                    .target_year
                    .map(i32::from)
                    .unwrap_or_else(|| self.date.year() + i32::from(t.horizon_years));
                if let Ok(y) = u16::try_from(year)
                    && limits::check_target_year(y).is_ok()
                {
                    t.target_year = Some(y);
                    let left = (year - date.year()).clamp(
                        i32::from(limits::MIN_HORIZON_YEARS),
                        i32::from(limits::MAX_HORIZON_YEARS),
                    );
                    t.horizon_years = left as u8;
                }
                (*d, t)
            })
            .collect();
        next.importance = self.importance.clone();
        // the consultant's owners and dates are kept per move
        next.plan_moves = self.plan_moves.clone();
        next.answers = self
            .answers
            .iter()
            .map(|(id, a)| {
                let mut a = a.clone();
                a.carried_over = true;
                // a voice is of its day, like an override
                a.voices.clear();
                a.provisional = false;
                a.settled_by = None;
                a.settled_reason = None;
                (id.clone(), a)
            })
            .collect();
        next
    }

    /// How many answers still wait to be confirmed.
    pub fn carried_over_count(&self) -> usize {
        self.answers.values().filter(|a| a.carried_over).count()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, strum::IntoStaticStr)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum AnswerValue {
    Met,
    Partly,
    NotMet,
    NotApplicable,
    Unknown,
}

impl AnswerValue {
    /// The answer's weight in a stage's score; `None` for answers left out
    /// of the score (not applicable, unknown).
    pub fn score(self) -> Option<f64> {
        match self {
            AnswerValue::Met => Some(1.0),
            AnswerValue::Partly => Some(0.5),
            AnswerValue::NotMet => Some(0.0),
            AnswerValue::NotApplicable | AnswerValue::Unknown => None,
        }
    }

    /// Whether the question counts as answered: everything but unknown.
    pub fn is_answered(self) -> bool {
        self != AnswerValue::Unknown
    }
}

/// The stage a city aims at in a domain, and in how many years.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Target {
    pub stage: u8,
    pub horizon_years: u8,
    /// The calendar year aimed at (schema 2), beside the horizon.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_year: Option<u16>,
}

impl Target {
    pub fn new(stage: u8, horizon_years: u8) -> Target {
        Target {
            stage,
            horizon_years,
            target_year: None,
        }
    }
}

/// An assessor's own judgement of a domain's level, with the reason.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Override {
    pub level: f64,
    pub reason: String,
    /// The reason in both languages, where the profile has it (the
    /// examples); `reason` then holds its English. Added with schema 2.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason_text: Option<Text>,
}

impl Override {
    /// The reason in `lang`, falling back to the other, then to `reason`.
    pub fn reason_in(&self, lang: Lang) -> &str {
        bilingual(self.reason_text.as_ref(), lang, &self.reason)
    }
}

/// Longest horizon a target may have, in years.
pub const MAX_HORIZON_YEARS: u8 = limits::MAX_HORIZON_YEARS;

/// A profile file may leave out its id: it is then derived from the
/// city's English name (when one can be).
pub(crate) fn fill_in_id(id: &mut String, english_name: &str) {
    if id.is_empty()
        && let Some(derived) = derive_id(english_name)
    {
        *id = derived;
    }
}

impl Profile {
    /// A new profile with no assessment yet.
    pub fn new(id: String, city: City, now: DateTime<Utc>) -> Profile {
        Profile {
            schema_version: SCHEMA_VERSION,
            id,
            city,
            assessments: Vec::new(),
            created: now,
            updated: now,
            disputes: Vec::new(),
            extra: Extra::new(),
        }
    }

    pub fn latest_assessment(&self) -> Option<&Assessment> {
        self.assessments.last()
    }

    /// Parses a profile from JSON text, fills in a missing id from the
    /// English name and migrates an older schema version. Does not judge the content: see [`Profile::problems`].
    pub fn from_json(text: &str) -> Result<Profile, serde_json::Error> {
        Profile::from_json_bytes(text.as_bytes())
    }

    /// [`Profile::from_json`] from bytes: text that is not UTF-8 is an
    /// error.
    /// A file of an older schema version is migrated (in memory), one of a
    /// newer version read as far as this version understands it: see
    /// [`super::migrate::read`], which also says which happened.
    pub fn from_json_bytes(bytes: &[u8]) -> Result<Profile, serde_json::Error> {
        super::migrate::read(bytes).map(|(profile, _)| profile)
    }

    /// The canonical file text: pretty-printed, keys in a stable order, a
    /// final newline.
    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        text
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn sample_json() -> &'static str {
        r#"{
  "schema_version": 1,
  "id": "shen-county",
  "city": {
    "name": {"zh": "莘县", "en": "Shen County"},
    "country": "CN",
    "region": "Shandong",
    "population": 960000,
    "specialties": ["agriculture"],
    "constraints": {"funding": "low", "talent": "low", "technology": "medium"},
    "mayor_notes": "kept by a newer version"
  },
  "assessments": [
    {
      "date": "2022-05-01",
      "interviewer": "Li",
      "respondents": [{"name": "Kang", "role": "Director", "organisation": "government"}],
      "answers": {
        "economy.s1.x": {"value": "met", "note": "from the report", "evidence": ["p. 40"]},
        "economy.s2.y": {"value": "partly"}
      },
      "targets": {"economy": {"stage": 2, "horizon_years": 3}},
      "importance": {"economy": 5},
      "overrides": {"services": {"level": 1.5, "reason": "observed on site"}},
      "phase_plan": {"future": true}
    }
  ],
  "created": "2022-05-01T08:00:00Z",
  "updated": "2022-05-02T08:00:00Z",
  "tags": ["pilot"]
}
"#
    }

    #[test]
    fn parses_every_field() {
        let p = Profile::from_json(sample_json()).unwrap();
        assert_eq!(p.id, "shen-county");
        assert_eq!(p.city.population, Some(960000));
        assert_eq!(p.city.specialties, vec![Specialty::Agriculture]);
        assert_eq!(p.city.constraints.funding, Level::Low);
        assert!(p.city.constraints.any_low());
        let a = p.latest_assessment().unwrap();
        assert_eq!(a.answer("economy.s1.x"), AnswerValue::Met);
        assert_eq!(a.answer("economy.s9.none"), AnswerValue::Unknown);
        assert_eq!(a.targets[&DomainId::Economy].stage, 2);
        assert_eq!(a.overrides[&DomainId::Services].level, 1.5);
        assert!(p.problems().is_empty(), "{:?}", p.problems());
    }

    #[test]
    fn unknown_fields_survive_a_round_trip_at_every_level() {
        let p = Profile::from_json(sample_json()).unwrap();
        let text = p.to_json();
        for kept in [
            "\"tags\"",
            "\"mayor_notes\"",
            "\"phase_plan\"",
            "\"evidence\"",
        ] {
            assert!(text.contains(kept), "{kept} lost:\n{text}");
        }
        assert_eq!(Profile::from_json(&text).unwrap(), p);
    }

    #[test]
    fn output_is_stable_pretty_and_ends_with_a_newline() {
        let p = Profile::from_json(sample_json()).unwrap();
        let once = p.to_json();
        let twice = Profile::from_json(&once).unwrap().to_json();
        assert_eq!(once, twice);
        assert!(once.ends_with("}\n"));
        assert!(once.starts_with("{\n  \"schema_version\": 2,\n  \"id\": \"shen-county\","));
    }

    #[test]
    fn a_missing_id_is_derived_from_the_english_name() {
        let text = sample_json().replace("\"id\": \"shen-county\",", "");
        assert_eq!(Profile::from_json(&text).unwrap().id, "shen-county");
    }

    #[test]
    fn out_of_range_values_are_problems() {
        let text = sample_json()
            .replace("\"stage\": 2", "\"stage\": 4")
            .replace("\"economy\": 5", "\"economy\": 9")
            .replace(
                "\"level\": 1.5, \"reason\": \"observed on site\"",
                "\"level\": 3.5, \"reason\": \" \"",
            )
            .replace("\"id\": \"shen-county\"", "\"id\": \"Shen County\"");
        let problems = Profile::from_json(&text).unwrap().problems();
        let all = problems
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n");
        assert!(all.contains("targets.economy.stage is 4"), "{all}");
        assert!(all.contains("importance.economy is 9"), "{all}");
        assert!(all.contains("overrides.services.level is 3.5"), "{all}");
        assert!(all.contains("overrides.services gives no reason"), "{all}");
        assert!(all.contains("id \"Shen County\""), "{all}");
    }

    #[test]
    fn a_new_assessment_carries_answers_over_marked_until_confirmed() {
        let p = Profile::from_json(sample_json()).unwrap();
        let first = p.latest_assessment().unwrap();
        let next = first.carried_forward(NaiveDate::from_ymd_opt(2023, 5, 1).unwrap());
        assert_eq!(next.date.to_string(), "2023-05-01");
        assert_eq!(next.answers.len(), first.answers.len());
        assert!(next.answers.values().all(|a| a.carried_over));
        assert_eq!(next.carried_over_count(), 2);
        assert_eq!(
            next.answers["economy.s1.x"].note.as_deref(),
            Some("from the report")
        );
        // the target is kept by its year: 2022 + 3, two years left in 2023
        let (was, now) = (
            first.targets[&DomainId::Economy],
            next.targets[&DomainId::Economy],
        );
        assert_eq!(now.stage, was.stage);
        assert_eq!((now.target_year, now.horizon_years), (Some(2025), 2));
        assert!(next.overrides.is_empty(), "overrides are not carried");
        // the mark is saved, and only when set
        let mut q = p.clone();
        q.assessments.push(next);
        let text = q.to_json();
        assert_eq!(text.matches("\"carried_over\": true").count(), 2);
        assert!(!p.to_json().contains("carried_over"));
        assert_eq!(Profile::from_json(&text).unwrap(), q);
    }

    #[test]
    fn wrong_types_are_parse_errors_with_a_position() {
        let text = sample_json().replace("\"population\": 960000", "\"population\": \"many\"");
        let err = Profile::from_json(&text).unwrap_err();
        assert!(err.line() > 0);
        let text = sample_json().replace("\"value\": \"partly\"", "\"value\": \"maybe\"");
        assert!(
            Profile::from_json(&text)
                .unwrap_err()
                .to_string()
                .contains("maybe")
        );
    }

    #[test]
    fn a_voice_of_no_respondent_is_a_warning_and_schema_2_keys_round_trip() {
        let text = sample_json()
            .replace("\"schema_version\": 1", "\"schema_version\": 2")
            .replace(
                "\"value\": \"partly\"}",
                "\"value\": \"partly\", \"note_text\": {\"zh\": \"部分\", \"en\": \"partly\"}, \"voices\": {\"nobody\": {\"value\": \"met\", \"at\": \"2022-05-01T09:00:00Z\", \"mood\": 1}}}",
            )
            .replace(
                "\"horizon_years\": 3}",
                "\"horizon_years\": 3, \"target_year\": 2025}",
            )
            .replace(
                "\"region\": \"Shandong\",",
                "\"region\": \"Shandong\", \"region_text\": {\"zh\": \"山东\", \"en\": \"\"}, \"population_kind\": \"total\", \"assumed\": [\"population\"],",
            );
        let p = Profile::from_json(&text).unwrap();
        let warnings = p
            .warnings(crate::core::framework())
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n");
        assert!(warnings.contains("no respondent \"nobody\""), "{warnings}");
        assert!(p.problems().is_empty(), "{:?}", p.problems());
        assert_eq!(
            p.city.region_in(Lang::En),
            "山东",
            "falls back to the other language"
        );
        assert_eq!(p.city.population_kind, Some(PopulationKind::Total));
        assert!(p.city.is_assumed("population"));
        let a = &p.assessments[0];
        assert_eq!(a.targets[&DomainId::Economy].target_year, Some(2025));
        assert_eq!(a.answers["economy.s2.y"].note_in(Lang::Zh), Some("部分"));
        let out = p.to_json();
        assert!(
            out.contains("\"mood\": 1"),
            "unknown keys in a voice are kept"
        );
        assert_eq!(Profile::from_json(&out).unwrap(), p);
        let bad = text.replace("[\"population\"]", "[\"mayor\"]");
        let problems = Profile::from_json(&bad).unwrap().problems();
        assert_eq!(
            problems,
            vec![crate::core::validate::Problem::NotAssumable {
                field: "mayor".into()
            }]
        );
        let problems = problems[0].to_string();
        assert!(problems.contains("city.assumed: \"mayor\""), "{problems}");
    }

    #[test]
    fn unknown_indicator_ids_are_warnings_not_problems() {
        let p = Profile::from_json(sample_json()).unwrap();
        let warnings = p.warnings(crate::core::framework());
        assert!(
            warnings
                .iter()
                .any(|w| w.to_string().contains("economy.s1.x"))
        );
        assert!(p.problems().is_empty());
    }
}
