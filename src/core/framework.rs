//! The framework of the World Economic Forum / Tencent Research Institute
//! report 重塑中小城市的未来：数字化转型的框架与路径 ("Shaping the Future of
//! Small and Medium-sized Cities: A Framework for Digital Transformation",
//! May 2022) as data: the seven domains, their aspects, the three stages'
//! descriptions, the indicators an interview asks about, and the report's
//! method, principles, challenges, specialties and cases; beside it, with
//! their own sources, the county article's failure patterns, operating models
//! and county practice, the big-city practices' figures and the CCID ranking's
//! three levels (another institute's scale, shown as a reference).
//!
//! The content lives in `src/core/data/*.json` (format in `SCHEMA.md` there)
//! and is compiled into the binary; `tests` below check its whole structure.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use super::lang::{Lang, Text};

/// The seven domains, in the report's own order.
#[derive(
    Clone,
    Copy,
    Debug,
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
pub enum DomainId {
    Services,
    Economy,
    Governance,
    Environment,
    Government,
    Infrastructure,
    Enablers,
}

impl DomainId {
    pub const ALL: [DomainId; 7] = [
        DomainId::Services,
        DomainId::Economy,
        DomainId::Governance,
        DomainId::Environment,
        DomainId::Government,
        DomainId::Infrastructure,
        DomainId::Enablers,
    ];

    pub fn as_str(self) -> &'static str {
        self.into()
    }

    pub fn parse(s: &str) -> Option<DomainId> {
        DomainId::ALL.into_iter().find(|d| d.as_str() == s)
    }

    /// Position in the report's order, 0 to 6.
    pub fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for DomainId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Number of stages in the framework.
pub const STAGES: u8 = 3;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Domain {
    pub id: DomainId,
    pub name: Text,
    /// At most 16 columns: for tables and narrow screens.
    pub short_name: Text,
    pub summary: Text,
    pub attention_rank: u8,
    pub focus_items: Vec<Text>,
    /// The survey's rank of each focus item, parallel to `focus_items`:
    /// equal numbers are ties (economy and infrastructure share third place).
    pub focus_ranks: Vec<u8>,
    pub aspects: Vec<Aspect>,
    pub stages: Vec<DomainStage>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Aspect {
    pub id: String,
    pub name: Text,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DomainStage {
    pub level: u8,
    pub summary: Text,
    /// The stage's description of each aspect, keyed by aspect id.
    pub aspects: BTreeMap<String, Text>,
    pub indicators: Vec<Indicator>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    pub id: String,
    pub aspect: String,
    pub text: Text,
    /// Where the indicator comes from. Absent: the report's description of
    /// this domain at this stage (the stage's `aspects`). Present: a seed
    /// sentence (`quote`), or `convention: true` for the tool's own check.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<SourceRef>,
}

/// One of the source documents the framework's content comes from.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceDoc {
    /// `wef_2022`, `county_article`, `big_city_practices`, `ccid_top100`.
    pub id: String,
    pub title: Text,
    pub author: Text,
    /// `YYYY-MM`, when the document gives it.
    pub date: Option<String>,
}

/// Where an item comes from: a document of [`Framework::sources`] and the
/// passage it rests on (simplified Chinese, normalised from the seed), or the
/// tool's own convention, with why.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceRef {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub convention: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StageInfo {
    pub level: u8,
    pub name: Text,
    pub short: Text,
    pub meaning: Text,
    pub source: SourceRef,
}

/// An item of one of the report's lists: a method step, a principle, ...
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    pub id: String,
    pub name: Text,
    pub description: Text,
    pub source: SourceRef,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Challenge {
    pub id: String,
    /// The survey's rank (1 = hardest); `None` for the challenges the survey
    /// does not rank (named in the executive summary or by other countries).
    pub rank: Option<u8>,
    /// Position in the executive summary's list, when it is there.
    pub summary_order: Option<u8>,
    /// The capture of the report cuts this challenge off (its name says so).
    pub capture_cut: bool,
    pub name: Text,
    pub description: Text,
    pub source: SourceRef,
}

/// One of the four facets (民生、经济、治理、环境) the report studies the
/// challenges in.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChallengeFacet {
    pub id: String,
    pub name: Text,
    pub description: Text,
    /// The domains the facet bears on (citydx's mapping).
    pub domains: Vec<DomainId>,
    pub source: SourceRef,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FailurePattern {
    pub id: String,
    pub name: Text,
    pub description: Text,
    pub remedy: Text,
    pub source: SourceRef,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpecialtyPath {
    pub id: String,
    pub name: Text,
    pub path: Text,
    /// The cases the path is drawn from (ids of [`Framework::cases`]): a
    /// city's advice should not hold its own case up to it as an example.
    pub cases: Vec<String>,
    pub source: SourceRef,
    /// Further sources the text draws on.
    pub also: Vec<SourceRef>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OperatingModel {
    pub id: String,
    pub name: Text,
    pub description: Text,
    pub fits: Text,
    pub source: SourceRef,
    pub also: Vec<SourceRef>,
}

/// The CCID top-100 ranking's three levels, six areas and finding.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CcidScale {
    pub name: Text,
    /// That it is another institute's scale, not the report's stages.
    pub note: Text,
    pub levels: Vec<CcidLevel>,
    pub areas: Vec<CcidArea>,
    /// Id of the weakest area (数字民生).
    pub weakest_area: String,
    pub finding: Text,
    pub source: SourceRef,
    pub finding_source: SourceRef,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CcidLevel {
    pub id: String,
    pub name: Text,
    /// Score range: from `min` up to `max` (none: no upper bound).
    pub min: u8,
    pub max: Option<u8>,
    /// How many of the top 100 cities are at this level.
    pub cities: u8,
    pub description: Text,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CcidArea {
    pub id: String,
    pub name: Text,
    /// The nearest domain of the report (citydx's mapping), if any.
    pub domain: Option<DomainId>,
    /// The ranking's exemplary cities in this area, if it names any.
    pub examples: Option<Text>,
}

/// A practice, warning or operating arrangement of the county article
/// (seed 002), with the passage it rests on.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CountyPractice {
    pub id: String,
    /// `practice`, `warning` or `operating_model`.
    pub kind: String,
    pub name: Text,
    pub description: Text,
    pub domains: Vec<DomainId>,
    pub source: SourceRef,
}

/// A scheme of city size classes (China's State Council 2014, the OECD's).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SizeScheme {
    pub id: String,
    pub name: Text,
    /// ISO 3166-1 alpha-2 codes the scheme is used for; empty: every other
    /// country.
    pub countries: Vec<String>,
    pub source: SourceRef,
    /// Largest first; each from `min` (included) to `max` (excluded).
    pub classes: Vec<SizeClassDef>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SizeClassDef {
    pub id: String,
    pub name: Text,
    pub min: u64,
    pub max: u64,
}

/// A measurable outcome one of the cases reports, tied to a domain's aspect
/// and the indicators it can measure, for a plan to propose.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Outcome {
    pub id: String,
    pub domain: DomainId,
    pub aspect: String,
    pub indicators: Vec<String>,
    /// What to measure.
    pub measure: Text,
    /// The case's figure.
    pub example: Text,
    /// The case of [`Framework::cases`] it comes from, if it is one.
    pub case: Option<String>,
    pub source: SourceRef,
    /// Offered only to the city of its `case`: its figure fits that city's
    /// own item only (Fukuoka's medical savings on its health platform).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub own_only: bool,
    /// The report's next step for the city of its `case`, with no figure
    /// (`example` says so): that city's own measure only, nothing borrowed
    /// (Suzhou: 从政府内部数据共享到对外开放).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub next_step: bool,
    /// A measure the report gives no figure for (`example` says so), offered
    /// to any city with nothing borrowed: the count is the city's own to
    /// take (services reachable through one login on the one-stop platform).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub no_figure: bool,
}

/// A city of the report that made (or stands at) a stage in one domain.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Case {
    pub id: String,
    pub city: Text,
    pub country: String,
    pub region: Text,
    pub domain: DomainId,
    pub from: u8,
    pub to: u8,
    pub summary: Text,
    pub source: SourceRef,
    /// The report gives the city no stage in this domain: `from` and `to`
    /// are citydx's reading of what it describes, never the report's, and
    /// every case list says so ("no stage given; citydx's reading").
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub no_stage: bool,
    /// The city's own next step, where the source states one (Shen
    /// County's platform paying back the investment, Baoying's
    /// agri-tourism culture work): offered to the city itself as its next
    /// step, in place of the path its own case drew.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next: Option<CaseNext>,
}

/// A case city's next step as its source states it.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseNext {
    pub text: Text,
    pub source: SourceRef,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct General {
    sources: Vec<SourceDoc>,
    stages: Vec<StageInfo>,
    method: Vec<Item>,
    principles: Vec<Item>,
    challenges: Vec<Challenge>,
    challenge_facets: Vec<ChallengeFacet>,
    failure_patterns: Vec<FailurePattern>,
    specialties: Vec<SpecialtyPath>,
    operating_models: Vec<OperatingModel>,
    cases: Vec<Case>,
    ccid_scale: CcidScale,
    county_practice: Vec<CountyPractice>,
    city_size: Vec<SizeScheme>,
    outcomes: Vec<Outcome>,
}

/// The whole framework.
#[derive(Debug, Clone, Serialize)]
pub struct Framework {
    /// The source documents, each title in both languages, defined once.
    pub sources: Vec<SourceDoc>,
    pub domains: Vec<Domain>,
    pub stages: Vec<StageInfo>,
    pub method: Vec<Item>,
    pub principles: Vec<Item>,
    pub challenges: Vec<Challenge>,
    pub challenge_facets: Vec<ChallengeFacet>,
    pub failure_patterns: Vec<FailurePattern>,
    pub specialties: Vec<SpecialtyPath>,
    pub operating_models: Vec<OperatingModel>,
    pub cases: Vec<Case>,
    pub ccid_scale: CcidScale,
    pub county_practice: Vec<CountyPractice>,
    pub city_size: Vec<SizeScheme>,
    pub outcomes: Vec<Outcome>,
}

/// Where an indicator sits in the framework.
#[derive(Debug, Clone, Copy)]
pub struct IndicatorRef<'a> {
    pub domain: &'a Domain,
    pub level: u8,
    pub indicator: &'a Indicator,
}

const DOMAIN_SOURCES: [(&str, &str); 7] = [
    ("services", include_str!("data/domains/services.json")),
    ("economy", include_str!("data/domains/economy.json")),
    ("governance", include_str!("data/domains/governance.json")),
    ("environment", include_str!("data/domains/environment.json")),
    ("government", include_str!("data/domains/government.json")),
    (
        "infrastructure",
        include_str!("data/domains/infrastructure.json"),
    ),
    ("enablers", include_str!("data/domains/enablers.json")),
];
const GENERAL_SOURCE: &str = include_str!("data/general.json");

impl Framework {
    /// Parses the compiled-in data. Fails only if the data files are broken,
    /// which the tests rule out before any release.
    pub fn parse() -> Result<Framework, String> {
        let mut domains = Vec::with_capacity(7);
        for (name, source) in DOMAIN_SOURCES {
            let domain: Domain = serde_json::from_str(source)
                .map_err(|e| format!("framework data domains/{name}.json: {e}"))?;
            domains.push(domain);
        }
        let general: General = serde_json::from_str(GENERAL_SOURCE)
            .map_err(|e| format!("framework data general.json: {e}"))?;
        Ok(Framework {
            sources: general.sources,
            domains,
            stages: general.stages,
            method: general.method,
            principles: general.principles,
            challenges: general.challenges,
            challenge_facets: general.challenge_facets,
            failure_patterns: general.failure_patterns,
            specialties: general.specialties,
            operating_models: general.operating_models,
            cases: general.cases,
            ccid_scale: general.ccid_scale,
            county_practice: general.county_practice,
            city_size: general.city_size,
            outcomes: general.outcomes,
        })
    }

    pub fn domain(&self, id: DomainId) -> &Domain {
        // The structure test guarantees every id is present, in order.
        &self.domains[id.index()]
    }

    /// The source document with this id.
    pub fn source(&self, id: &str) -> Option<&SourceDoc> {
        self.sources.iter().find(|s| s.id == id)
    }

    /// The outcomes of the library that can measure this indicator.
    pub fn outcomes_for(&self, indicator: &str) -> impl Iterator<Item = &Outcome> {
        self.outcomes
            .iter()
            .filter(move |o| o.indicators.iter().any(|i| i == indicator))
    }

    pub fn stage(&self, level: u8) -> Option<&StageInfo> {
        self.stages.iter().find(|s| s.level == level)
    }

    /// Every indicator of the framework, domain by domain, stage by stage.
    pub fn indicators(&self) -> impl Iterator<Item = IndicatorRef<'_>> {
        self.domains.iter().flat_map(|domain| {
            domain.stages.iter().flat_map(move |stage| {
                stage.indicators.iter().map(move |indicator| IndicatorRef {
                    domain,
                    level: stage.level,
                    indicator,
                })
            })
        })
    }

    pub fn indicator(&self, id: &str) -> Option<IndicatorRef<'_>> {
        self.indicators().find(|r| r.indicator.id == id)
    }

    pub fn indicator_count(&self) -> usize {
        self.domains
            .iter()
            .flat_map(|d| &d.stages)
            .map(|s| s.indicators.len())
            .sum()
    }

    /// The framework as JSON in one language: every bilingual text becomes
    /// the string in `lang`.
    pub fn to_json(&self, lang: Lang) -> serde_json::Value {
        let value = serde_json::to_value(self).unwrap_or(serde_json::Value::Null);
        localize(value, lang)
    }
}

/// Replaces every `{"zh": .., "en": ..}` object in `value` by its text in `lang`.
pub fn localize(value: serde_json::Value, lang: Lang) -> serde_json::Value {
    use serde_json::Value;
    match value {
        Value::Object(map) => {
            let is_text = map.len() == 2 && map.contains_key("zh") && map.contains_key("en");
            if is_text {
                let text: Text = serde_json::from_value(Value::Object(map)).unwrap_or_default();
                Value::String(text.get(lang).to_string())
            } else {
                Value::Object(
                    map.into_iter()
                        .map(|(k, v)| (k, localize(v, lang)))
                        .collect(),
                )
            }
        }
        Value::Array(items) => Value::Array(items.into_iter().map(|v| localize(v, lang)).collect()),
        other => other,
    }
}

/// The framework, parsed once.
pub fn framework() -> &'static Framework {
    static FRAMEWORK: OnceLock<Framework> = OnceLock::new();
    FRAMEWORK.get_or_init(|| {
        Framework::parse().expect("the compiled-in framework data is checked by the test suite")
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    fn texts_of(value: &serde_json::Value, path: &str, out: &mut Vec<(String, Text)>) {
        use serde_json::Value;
        match value {
            Value::Object(map)
                if map.len() == 2 && map.contains_key("zh") && map.contains_key("en") =>
            {
                out.push((
                    path.to_string(),
                    serde_json::from_value(value.clone()).unwrap(),
                ));
            }
            Value::Object(map) => map
                .iter()
                .for_each(|(k, v)| texts_of(v, &format!("{path}.{k}"), out)),
            Value::Array(items) => items
                .iter()
                .enumerate()
                .for_each(|(i, v)| texts_of(v, &format!("{path}[{i}]"), out)),
            _ => {}
        }
    }

    fn has_han(s: &str) -> bool {
        s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
    }

    #[test]
    fn data_parses() {
        Framework::parse().unwrap();
    }

    #[test]
    fn seven_domains_with_the_glossary_ids_in_the_report_order() {
        let fw = framework();
        let ids: Vec<_> = fw.domains.iter().map(|d| d.id).collect();
        assert_eq!(ids, DomainId::ALL.to_vec());
        let names: Vec<_> = fw.domains.iter().map(|d| d.name.zh.as_str()).collect();
        assert_eq!(
            names,
            [
                "民生与服务",
                "产业与经济",
                "治理与运行",
                "环境与低碳",
                "政府效能",
                "基础设施",
                "发展保障（领导力/政策）"
            ]
        );
        let mut ranks: Vec<_> = fw
            .domains
            .iter()
            .map(|d| (d.id, d.attention_rank))
            .collect();
        ranks.sort_by_key(|(_, r)| *r);
        assert_eq!(
            ranks.iter().map(|(d, _)| *d).collect::<Vec<_>>(),
            [
                DomainId::Services,
                DomainId::Economy,
                DomainId::Government,
                DomainId::Governance,
                DomainId::Infrastructure,
                DomainId::Enablers,
                DomainId::Environment
            ]
        );
    }

    #[test]
    fn every_domain_has_three_stages_describing_every_aspect_with_three_to_six_indicators() {
        for domain in &framework().domains {
            for lang in [Lang::En, Lang::Zh] {
                let w = crate::text::width(domain.short_name.get(lang));
                assert!(w <= 16, "{}: short name is {w} columns", domain.id);
            }
            assert!(domain.focus_items.len() >= 3, "{}: focus items", domain.id);
            assert!(domain.aspects.len() >= 3, "{}: aspects", domain.id);
            let aspect_ids: Vec<&str> = domain.aspects.iter().map(|a| a.id.as_str()).collect();
            let levels: Vec<u8> = domain.stages.iter().map(|s| s.level).collect();
            assert_eq!(levels, [1, 2, 3], "{}", domain.id);
            for stage in &domain.stages {
                let described: Vec<&str> = stage.aspects.keys().map(String::as_str).collect();
                let mut expected = aspect_ids.clone();
                expected.sort();
                assert_eq!(described, expected, "{} stage {}", domain.id, stage.level);
                let n = stage.indicators.len();
                assert!(
                    (3..=6).contains(&n),
                    "{} stage {}: {n} indicators",
                    domain.id,
                    stage.level
                );
                for aspect in &aspect_ids {
                    assert!(
                        stage.indicators.iter().any(|i| i.aspect == *aspect),
                        "{} stage {}: no indicator for aspect {aspect}",
                        domain.id,
                        stage.level
                    );
                }
                for indicator in &stage.indicators {
                    let prefix = format!("{}.s{}.", domain.id, stage.level);
                    assert!(indicator.id.starts_with(&prefix), "{}", indicator.id);
                    let rest = &indicator.id[prefix.len()..];
                    assert!(
                        !rest.is_empty()
                            && rest
                                .chars()
                                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'),
                        "{}",
                        indicator.id
                    );
                    assert!(
                        aspect_ids.contains(&indicator.aspect.as_str()),
                        "{}",
                        indicator.id
                    );
                }
            }
        }
    }

    #[test]
    fn ids_are_unique() {
        let fw = framework();
        let mut seen = HashSet::new();
        for r in fw.indicators() {
            assert!(
                seen.insert(r.indicator.id.clone()),
                "duplicate {}",
                r.indicator.id
            );
        }
        for list in [
            fw.method.iter().map(|i| i.id.clone()).collect::<Vec<_>>(),
            fw.principles.iter().map(|i| i.id.clone()).collect(),
            fw.challenges.iter().map(|i| i.id.clone()).collect(),
            fw.failure_patterns.iter().map(|i| i.id.clone()).collect(),
            fw.specialties.iter().map(|i| i.id.clone()).collect(),
            fw.operating_models.iter().map(|i| i.id.clone()).collect(),
            fw.cases.iter().map(|i| i.id.clone()).collect(),
        ] {
            let unique: HashSet<_> = list.iter().collect();
            assert_eq!(unique.len(), list.len(), "duplicate in {list:?}");
        }
    }

    #[test]
    fn every_text_is_written_in_both_languages() {
        let value = serde_json::to_value(framework()).unwrap();
        let mut texts = Vec::new();
        texts_of(&value, "framework", &mut texts);
        assert!(texts.len() > 300, "only {} texts", texts.len());
        for (path, text) in texts {
            assert!(!text.zh.trim().is_empty(), "{path}: empty Chinese");
            assert!(!text.en.trim().is_empty(), "{path}: empty English");
            assert!(
                has_han(&text.zh),
                "{path}: Chinese text without Chinese: {}",
                text.zh
            );
            assert!(
                !has_han(&text.en),
                "{path}: English text holds Chinese: {}",
                text.en
            );
        }
    }

    #[test]
    fn the_general_lists_hold_what_the_glossary_names() {
        let fw = framework();
        let ids = |items: Vec<&str>| items.into_iter().map(String::from).collect::<Vec<_>>();
        assert_eq!(
            fw.stages.iter().map(|s| s.level).collect::<Vec<_>>(),
            [1, 2, 3]
        );
        assert_eq!(fw.stages[0].name.zh, "阶段一：技术驱动、局部发展");
        assert_eq!(
            fw.stages[2].name.en,
            "Stage 3: innovation-iterative, ecosystem development"
        );
        assert_eq!(
            fw.method.iter().map(|m| m.id.clone()).collect::<Vec<_>>(),
            ids(vec![
                "assess",
                "choose_entry_points",
                "set_vision",
                "find_gap",
                "set_goals",
                "plan"
            ])
        );
        for id in [
            "common_specific",
            "start_small",
            "demand_scenario",
            "public_private",
            "data_security",
        ] {
            assert!(fw.principles.iter().any(|p| p.id == id), "principle {id}");
        }
        for id in [
            "document_driven",
            "project_driven",
            "copy_paste",
            "showcase",
        ] {
            assert!(
                fw.failure_patterns.iter().any(|p| p.id == id),
                "failure pattern {id}"
            );
        }
        assert_eq!(
            fw.specialties
                .iter()
                .map(|s| s.id.clone())
                .collect::<Vec<_>>(),
            ids(vec![
                "agriculture",
                "manufacturing",
                "resources_energy",
                "logistics_trade",
                "culture_tourism",
                "digital_industry"
            ])
        );
        assert_eq!(
            fw.operating_models
                .iter()
                .map(|s| s.id.clone())
                .collect::<Vec<_>>(),
            ids(vec!["government_led", "public_private", "market_led"])
        );
        // The survey ranks five challenges, 1 to 5; the others stay unranked.
        let mut ranks: Vec<u8> = fw.challenges.iter().filter_map(|c| c.rank).collect();
        ranks.sort();
        assert_eq!(ranks, [1, 2, 3, 4, 5]);
        for case in &fw.cases {
            assert!(case.from <= case.to && case.to <= STAGES, "{}", case.id);
        }
        for city in [
            "Suzhou",
            "Fukuoka",
            "Pengshui",
            "Shen County",
            "Baoying",
            "Kaifeng",
            "Kashiwa-no-ha",
            "Pinghu",
            "Aizuwakamatsu",
        ] {
            assert!(
                fw.cases.iter().any(|c| c.city.en.contains(city)),
                "no case for {city}"
            );
        }
    }

    #[test]
    fn localized_json_has_no_bilingual_objects_left() {
        let zh = framework().to_json(Lang::Zh);
        let domain = &zh["domains"][0];
        assert_eq!(domain["id"], "services");
        assert_eq!(domain["name"], "民生与服务");
        let en = framework().to_json(Lang::En);
        assert_eq!(en["domains"][0]["name"], "Livelihood & Services");
        let text = en.to_string();
        assert!(!text.contains("\"zh\":"));
    }

    #[test]
    fn indicators_can_be_found_by_id() {
        let fw = framework();
        let first = fw.indicators().next().unwrap();
        let found = fw.indicator(&first.indicator.id).unwrap();
        assert_eq!(found.domain.id, DomainId::Services);
        assert_eq!(found.level, 1);
        assert!(fw.indicator("services.s9.nothing").is_none());
        assert_eq!(fw.indicators().count(), fw.indicator_count());
    }

    /// Every `source` object anywhere in the framework, with its path.
    fn sources_of(value: &serde_json::Value, path: &str, out: &mut Vec<(String, SourceRef)>) {
        use serde_json::Value;
        match value {
            Value::Object(map) => {
                for (k, v) in map {
                    let at = format!("{path}.{k}");
                    if (k == "source" || k == "finding_source") && v.is_object() {
                        out.push((at.clone(), serde_json::from_value(v.clone()).unwrap()));
                    }
                    if k == "also" {
                        for (i, item) in v.as_array().into_iter().flatten().enumerate() {
                            out.push((
                                format!("{at}[{i}]"),
                                serde_json::from_value(item.clone()).unwrap(),
                            ));
                        }
                    }
                    sources_of(v, &at, out);
                }
            }
            Value::Array(items) => items
                .iter()
                .enumerate()
                .for_each(|(i, v)| sources_of(v, &format!("{path}[{i}]"), out)),
            _ => {}
        }
    }

    #[test]
    fn every_source_names_a_known_document_or_is_a_marked_convention() {
        let fw = framework();
        let ids: Vec<&str> = fw.sources.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "wef_2022",
                "county_article",
                "big_city_practices",
                "ccid_top100"
            ]
        );
        let wef = fw.source("wef_2022").unwrap();
        assert_eq!(wef.title.zh, "重塑中小城市的未来：数字化转型的框架与路径");
        assert_eq!(
            wef.title.en,
            "Shaping the Future of Small and Medium-sized Cities: A Framework for Digital Transformation"
        );
        let mut refs = Vec::new();
        sources_of(&serde_json::to_value(fw).unwrap(), "framework", &mut refs);
        assert!(refs.len() > 100, "only {} sources", refs.len());
        for (path, r) in &refs {
            match (&r.document, r.convention) {
                (Some(doc), false) => {
                    assert!(
                        ids.contains(&doc.as_str()),
                        "{path}: unknown document {doc}"
                    )
                }
                (None, true) => assert!(r.note.is_some(), "{path}: a convention says why"),
                _ => panic!("{path}: a source is a document or a convention: {r:?}"),
            }
            if let Some(q) = &r.quote {
                assert!(has_han(q) && !q.trim().is_empty(), "{path}: quote {q}");
            }
        }
        // Every item of the general lists carries its source.
        for c in &fw.cases {
            assert_eq!(c.source.document.as_deref(), Some("wef_2022"), "{}", c.id);
        }
        // Content of the county article, the big-city practices and the CCID
        // ranking is credited to them, not to the report.
        for f in &fw.failure_patterns {
            assert_eq!(
                f.source.document.as_deref(),
                Some("county_article"),
                "{}",
                f.id
            );
        }
        for m in &fw.operating_models {
            assert_eq!(
                m.source.document.as_deref(),
                Some("county_article"),
                "{}",
                m.id
            );
        }
        for p in &fw.county_practice {
            assert_eq!(
                p.source.document.as_deref(),
                Some("county_article"),
                "{}",
                p.id
            );
            assert!(p.source.quote.is_some(), "{}: a quote", p.id);
        }
        assert_eq!(
            fw.ccid_scale.source.document.as_deref(),
            Some("ccid_top100")
        );
        assert!(
            fw.outcomes
                .iter()
                .any(|o| o.source.document.as_deref() == Some("big_city_practices"))
        );
    }

    #[test]
    fn chinese_texts_use_full_width_punctuation() {
        let value = serde_json::to_value(framework()).unwrap();
        let mut texts = Vec::new();
        texts_of(&value, "framework", &mut texts);
        let mut quotes = Vec::new();
        sources_of(&value, "framework", &mut quotes);
        let all = texts.iter().map(|(p, t)| (p.clone(), t.zh.clone())).chain(
            quotes
                .into_iter()
                .filter_map(|(p, q)| q.quote.map(|q| (p, q))),
        );
        for (path, zh) in all {
            let chars: Vec<char> = zh.chars().collect();
            for (i, c) in chars.iter().enumerate() {
                let digit_around = |j: Option<usize>| {
                    j.and_then(|j| chars.get(j))
                        .is_some_and(|c| c.is_ascii_alphanumeric())
                };
                let bad = match c {
                    ',' | ';' | ':' | '!' | '?' | '(' | ')' | '"' | '\'' => true,
                    // A decimal point or an abbreviation's dot is fine.
                    '.' => !(digit_around(i.checked_sub(1)) && digit_around(Some(i + 1))),
                    _ => false,
                };
                assert!(!bad, "{path}: ASCII '{c}' in Chinese text: {zh}");
            }
        }
    }

    #[test]
    fn chinese_texts_use_the_wording_of_the_seeds_and_of_government_practice() {
        let value = serde_json::to_value(framework()).unwrap();
        let mut texts = Vec::new();
        texts_of(&value, "framework", &mut texts);
        for (path, t) in &texts {
            for banned in [
                "环境保护部门",
                "阶段1",
                "阶段2",
                "阶段3",
                "的样子",
                "优先级最高",
            ] {
                assert!(!t.zh.contains(banned), "{path}: {banned} in {}", t.zh);
            }
            for banned in ["top priority", "Reshaping the Future", "mayor-led"] {
                assert!(!t.en.contains(banned), "{path}: {banned} in {}", t.en);
            }
        }
        let fw = framework();
        let services = fw.domain(DomainId::Services);
        assert!(services.summary.zh.contains("高优先级领域"));
        assert!(services.summary.en.contains("high-priority domain"));
        let mayor = fw
            .indicator("enablers.s2.mayor_led_group")
            .unwrap()
            .indicator;
        assert!(mayor.text.zh.contains("城市最高政府管理人员"));
        assert!(mayor.text.en.contains("top leader"));
        let cdo = fw
            .indicator("enablers.s3.chief_data_officer")
            .unwrap()
            .indicator;
        assert!(cdo.text.zh.contains("探索建立首席数据官"));
        assert!(cdo.text.en.contains("exploring"));
        let economy3 = &fw.domain(DomainId::Economy).stages[2].summary;
        assert!(economy3.zh.contains("灵活就业") && economy3.en.contains("work flexibly"));
        let kashiwa = fw
            .cases
            .iter()
            .find(|c| c.id == "kashiwa_no_ha_environment")
            .unwrap();
        assert!(
            kashiwa
                .summary
                .zh
                .contains("于72小时内为供电优先区域提供所需电量的60%")
        );
        assert!(
            kashiwa
                .summary
                .en
                .contains("60% of the power they need within 72 hours")
        );
        let kaifeng = fw
            .cases
            .iter()
            .find(|c| c.id == "kaifeng_governance")
            .unwrap();
        assert!(
            kaifeng.summary.zh.contains("持续探索") && kaifeng.summary.en.contains("exploring")
        );
        let shen = fw
            .cases
            .iter()
            .find(|c| c.id == "shen_county_enablers")
            .unwrap();
        assert!(shen.summary.zh.contains("例如") && shen.summary.en.contains("for example"));
    }

    #[test]
    fn four_indicators_are_the_tools_own_and_say_why() {
        let fw = framework();
        let own: Vec<&str> = fw
            .indicators()
            .filter(|r| r.indicator.source.as_ref().is_some_and(|s| s.convention))
            .map(|r| r.indicator.id.as_str())
            .collect();
        assert_eq!(
            own,
            [
                "economy.s2.chain_results_tracked",
                "governance.s1.asset_inventory",
                "enablers.s1.project_budgets",
                "enablers.s3.mature_data_protection"
            ]
        );
    }

    #[test]
    fn survey_ties_are_ties_and_focus_ranks_follow_the_items() {
        let fw = framework();
        for d in &fw.domains {
            assert_eq!(d.focus_ranks.len(), d.focus_items.len(), "{}", d.id);
            assert_eq!(d.focus_ranks[0], 1, "{}", d.id);
            assert!(d.focus_ranks.windows(2).all(|w| w[0] <= w[1]), "{}", d.id);
        }
        assert_eq!(fw.domain(DomainId::Economy).focus_ranks, [1, 2, 3, 3]);
        assert_eq!(fw.domain(DomainId::Economy).focus_items[2].zh, "智能制造");
        assert_eq!(
            fw.domain(DomainId::Economy).focus_items[3].zh,
            "智慧能源产业"
        );
        assert_eq!(
            fw.domain(DomainId::Infrastructure).focus_ranks,
            [1, 2, 3, 3]
        );
        assert_eq!(fw.domain(DomainId::Services).focus_ranks, [1, 2, 3]);
    }

    #[test]
    fn challenges_keep_the_surveys_ranking_and_the_summarys_order() {
        let fw = framework();
        let talent = fw
            .challenges
            .iter()
            .find(|c| c.id == "digital_talent")
            .unwrap();
        assert_eq!(talent.rank, None);
        assert_eq!(talent.summary_order, Some(1));
        let mut orders: Vec<u8> = fw
            .challenges
            .iter()
            .filter_map(|c| c.summary_order)
            .collect();
        orders.sort();
        assert_eq!(orders, [1, 2, 3, 4]);
        for c in fw.challenges.iter().filter(|c| c.capture_cut) {
            assert!(
                c.name.zh.contains("截断") || c.description.zh.contains("截断"),
                "{}: says the capture is cut",
                c.id
            );
        }
        let facets: Vec<&str> = fw
            .challenge_facets
            .iter()
            .map(|f| f.name.zh.as_str())
            .collect();
        assert_eq!(facets, ["民生", "经济", "治理", "环境"]);
    }

    #[test]
    fn the_ccid_scale_holds_its_three_levels_six_areas_and_finding() {
        let c = &framework().ccid_scale;
        let levels: Vec<(&str, u8, Option<u8>, u8)> = c
            .levels
            .iter()
            .map(|l| (l.name.zh.as_str(), l.min, l.max, l.cities))
            .collect();
        assert_eq!(
            levels,
            [
                ("单元数字化", 60, Some(70), 62),
                ("能力协同", 70, Some(85), 33),
                ("生态创新", 85, None, 5)
            ]
        );
        assert_eq!(c.areas.len(), 6);
        let weakest = c.areas.iter().find(|a| a.id == c.weakest_area).unwrap();
        assert_eq!(weakest.name.zh, "数字民生");
        assert!(c.note.zh.contains("另一家机构"));
    }

    #[test]
    fn references_between_the_lists_resolve() {
        let fw = framework();
        let case_ids: HashSet<&str> = fw.cases.iter().map(|c| c.id.as_str()).collect();
        for sp in &fw.specialties {
            for id in &sp.cases {
                assert!(case_ids.contains(id.as_str()), "{}: case {id}", sp.id);
            }
        }
        for o in &fw.outcomes {
            assert!(!o.indicators.is_empty(), "{}", o.id);
            for id in &o.indicators {
                assert!(fw.indicator(id).is_some(), "{}: indicator {id}", o.id);
            }
            let domain = fw.domain(o.domain);
            assert!(domain.aspects.iter().any(|a| a.id == o.aspect), "{}", o.id);
            if let Some(case) = &o.case {
                assert!(case_ids.contains(case.as_str()), "{}: case {case}", o.id);
            }
        }
        assert!(
            fw.outcomes_for("services.s2.joined_up_transactions")
                .count()
                >= 3
        );
        for id in [
            "one_network_services",
            "one_network_governance",
            "one_network_collaboration",
            "data_flowing_back",
            "connect_not_rebuild",
            "platforms_for_use",
            "local_operating_company",
            "avoid_all_in_one",
            "late_mover_advantage",
            "project_for_industry",
            "resources_for_capital",
        ] {
            assert!(fw.county_practice.iter().any(|p| p.id == id), "{id}");
        }
    }

    /// Seeds folder: `CITYDX_SEEDS`, else `../shared/seeds` beside the
    /// repository (CI has it); `None` when neither exists.
    fn seeds_dir() -> Option<std::path::PathBuf> {
        let dir = std::env::var_os("CITYDX_SEEDS")
            .map(std::path::PathBuf::from)
            .unwrap_or_else(|| {
                std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds")
            });
        dir.is_dir().then_some(dir)
    }

    /// Quotes compared without spaces, with ASCII punctuation made full width.
    fn normalise(s: &str) -> String {
        s.chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| match c {
                ',' => '，',
                ':' => '：',
                ';' => '；',
                '(' => '（',
                ')' => '）',
                '!' => '！',
                '?' => '？',
                c => c,
            })
            .collect()
    }

    /// The quotes of the documents captured in simplified characters (the
    /// county article, seed 002; the big-city practices, seed 003) are found
    /// word for word in their seed. The report (seed 000, traditional, with
    /// pronunciation marks) and the CCID ranking (seed 004, traditional) are
    /// not checked here: their quotes were normalised by hand.
    #[test]
    fn quotes_of_the_simplified_seeds_are_in_the_seeds() {
        let Some(dir) = seeds_dir() else {
            eprintln!("no seeds folder: quotes not checked");
            return;
        };
        let seed = |prefix: &str| {
            let path = std::fs::read_dir(&dir)
                .unwrap()
                .filter_map(Result::ok)
                .map(|e| e.path())
                .find(|p| {
                    p.file_name()
                        .and_then(|n| n.to_str())
                        .is_some_and(|n| n.starts_with(prefix))
                })
                .unwrap();
            normalise(&std::fs::read_to_string(path).unwrap())
        };
        let texts = [
            ("county_article", seed("002_")),
            ("big_city_practices", seed("003_")),
        ];
        let mut refs = Vec::new();
        sources_of(
            &serde_json::to_value(framework()).unwrap(),
            "framework",
            &mut refs,
        );
        let mut checked = 0;
        for (path, r) in refs {
            let (Some(doc), Some(quote)) = (&r.document, &r.quote) else {
                continue;
            };
            if let Some((_, text)) = texts.iter().find(|(id, _)| id == doc) {
                for part in quote.split('…').filter(|p| !p.is_empty()) {
                    assert!(
                        text.contains(&normalise(part)),
                        "{path}: not in the seed of {doc}: {part}"
                    );
                }
                checked += 1;
            }
        }
        assert!(checked >= 20, "only {checked} quotes checked");
    }

    /// Seed 000 (the report, traditional characters with pronunciation marks
    /// in brackets) and seed 004 (the CCID ranking, traditional), normalised
    /// to simplified characters with the marks removed.
    fn simplified(text: &str) -> String {
        use ferrous_opencc::OpenCC;
        use ferrous_opencc::config::BuiltinConfig;
        let cc = OpenCC::from_config(BuiltinConfig::T2s).unwrap();
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        // Drop "(shù)"-style marks: a bracket holding only lower-case
        // letters (not "(OECD)").
        while let Some(at) = rest.find('(') {
            out.push_str(&rest[..at]);
            let after = &rest[at + 1..];
            match after.find(')') {
                Some(end)
                    if end > 0 && end <= 8 && after[..end].chars().all(char::is_lowercase) =>
                {
                    rest = &after[end + 1..];
                }
                _ => {
                    out.push('(');
                    rest = after;
                }
            }
        }
        out.push_str(rest);
        cc.convert(&out)
    }

    /// The quotes credited to the report and to the CCID ranking are found in
    /// their seeds (the report's in seed 000 or in its clean excerpt, seed
    /// 001) once those are normalised the same way.
    #[test]
    fn quotes_of_the_report_and_the_ccid_ranking_are_in_the_seeds() {
        let Some(dir) = seeds_dir() else {
            eprintln!("no seeds folder: quotes not checked");
            return;
        };
        let seed = |prefix: &str| {
            let path = std::fs::read_dir(&dir)
                .unwrap()
                .filter_map(Result::ok)
                .map(|e| e.path())
                .find(|p| {
                    p.file_name()
                        .and_then(|n| n.to_str())
                        .is_some_and(|n| n.starts_with(prefix))
                })
                .unwrap();
            std::fs::read_to_string(path).unwrap()
        };
        let report = normalise(&simplified(&seed("000_"))) + &normalise(&seed("001_"));
        let ccid = normalise(&simplified(&seed("004_")));
        let mut refs = Vec::new();
        sources_of(
            &serde_json::to_value(framework()).unwrap(),
            "framework",
            &mut refs,
        );
        let mut checked = 0;
        let mut missing = Vec::new();
        for (path, r) in refs {
            let (Some(doc), Some(quote)) = (&r.document, &r.quote) else {
                continue;
            };
            let text = match doc.as_str() {
                "wef_2022" => &report,
                "ccid_top100" => &ccid,
                _ => continue,
            };
            for part in quote.split('…').filter(|p| !p.is_empty()) {
                if !text.contains(&normalise(part)) {
                    missing.push(format!("{path}: {part}"));
                }
            }
            checked += 1;
        }
        assert!(
            missing.is_empty(),
            "not in the seeds:\n{}",
            missing.join("\n")
        );
        assert!(checked >= 40, "only {checked} quotes checked");
    }

    #[test]
    fn demand_led_production_reads_for_farming_manufacturing_and_tourism_alike() {
        // The report's stage 2 lists smart farming beside the manufacturing
        // capabilities (以消费者需求为导向的智慧种植、敏捷制造…以需定产); the
        // indicator names each sector's form, not manufacturing's first.
        let r = framework()
            .indicator("economy.s2.demand_led_production")
            .unwrap();
        let (en, zh) = (&r.indicator.text.en, &r.indicator.text.zh);
        for word in ["farming", "manufacturing", "tourism", "services"] {
            assert!(en.contains(word), "en: {word}: {en}");
        }
        for word in ["农业", "制造业", "文旅", "服务"] {
            assert!(zh.contains(word), "zh: {word}: {zh}");
        }
        assert!(!en.contains("make-to-order"), "{en}");
        let source = r.indicator.source.as_ref().unwrap();
        assert_eq!(source.document.as_deref(), Some("wef_2022"));
    }
}
