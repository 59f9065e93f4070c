//! The framework of the WEF / Tencent Research Institute report as data: the
//! seven domains, their aspects, the three stages' descriptions, the
//! indicators an interview asks about, and the report's method, principles,
//! challenges, failure patterns, specialties, operating models and cases.
//!
//! The content lives in `src/core/data/*.json` (format in `SCHEMA.md` there)
//! and is compiled into the binary; `tests` below check its whole structure.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use super::lang::{Lang, Text};

/// The seven domains, in the report's own order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
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
        match self {
            DomainId::Services => "services",
            DomainId::Economy => "economy",
            DomainId::Governance => "governance",
            DomainId::Environment => "environment",
            DomainId::Government => "government",
            DomainId::Infrastructure => "infrastructure",
            DomainId::Enablers => "enablers",
        }
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
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StageInfo {
    pub level: u8,
    pub name: Text,
    pub short: Text,
    pub meaning: Text,
}

/// An item of one of the report's lists: a method step, a principle, ...
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    pub id: String,
    pub name: Text,
    pub description: Text,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Challenge {
    pub id: String,
    pub rank: u8,
    pub name: Text,
    pub description: Text,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FailurePattern {
    pub id: String,
    pub name: Text,
    pub description: Text,
    pub remedy: Text,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpecialtyPath {
    pub id: String,
    pub name: Text,
    pub path: Text,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OperatingModel {
    pub id: String,
    pub name: Text,
    pub description: Text,
    pub fits: Text,
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
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct General {
    stages: Vec<StageInfo>,
    method: Vec<Item>,
    principles: Vec<Item>,
    challenges: Vec<Challenge>,
    failure_patterns: Vec<FailurePattern>,
    specialties: Vec<SpecialtyPath>,
    operating_models: Vec<OperatingModel>,
    cases: Vec<Case>,
}

/// The whole framework.
#[derive(Debug, Clone, Serialize)]
pub struct Framework {
    pub domains: Vec<Domain>,
    pub stages: Vec<StageInfo>,
    pub method: Vec<Item>,
    pub principles: Vec<Item>,
    pub challenges: Vec<Challenge>,
    pub failure_patterns: Vec<FailurePattern>,
    pub specialties: Vec<SpecialtyPath>,
    pub operating_models: Vec<OperatingModel>,
    pub cases: Vec<Case>,
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
            domains,
            stages: general.stages,
            method: general.method,
            principles: general.principles,
            challenges: general.challenges,
            failure_patterns: general.failure_patterns,
            specialties: general.specialties,
            operating_models: general.operating_models,
            cases: general.cases,
        })
    }

    pub fn domain(&self, id: DomainId) -> &Domain {
        // The structure test guarantees every id is present, in order.
        &self.domains[id.index()]
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
                "发展保障(领导力/政策)"
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
        let mut ranks: Vec<u8> = fw.challenges.iter().map(|c| c.rank).collect();
        ranks.sort();
        assert_eq!(ranks, (1..=ranks.len() as u8).collect::<Vec<_>>());
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
}
