//! The gap and the entry points: the end of the report's method. From one
//! assessment it computes each domain's gap and priority score, ranks the
//! entry points with their reasons, adds prerequisites and warnings, and
//! lays out a phased plan. Pure: codes and numbers only; `text::advice`
//! turns them into sentences in either language.
//!
//! The report's principles, and where each one acts here:
//! - Demand and scenario first: only domains the city has set a target for
//!   are entry points, and the gap and the city's own importance weigh most
//!   ([`WEIGHTS`]); the survey's attention ranking is a weak prior.
//! - Common + specific: services, governance and infrastructure are common
//!   to every city ([`COMMON`]); economy is the specific one, and a city's
//!   specialties are named in its recommendation.
//! - Start small where resources are short: with funding, talent or
//!   technology low, one entry point, and the next single stage first.
//! - Prerequisites: infrastructure and enablers carry the other domains
//!   ([`carries`]); enablers are always part of the plan.
//! - Warnings with stable codes: see [`WarningCode`].

use std::collections::BTreeMap;

use chrono::{Months, NaiveDate};
use serde::Serialize;

use super::framework::{Case, DomainId, Framework, STAGES};
use super::maturity::{DomainStatus, assessment_status};
use super::profile::{Assessment, City, Level, PhaseEdit, Specialty, Target};

/// The weights of a domain's priority score. Each factor is first scaled to
/// 0..1; the score is the weighted sum, 0 to 100.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Weights {
    /// Gap between target and today, in stages, scaled by 3 (the most a
    /// gap can be).
    pub gap: f64,
    /// The importance the city gave (1 to 5), scaled by 5.
    pub importance: f64,
    /// The survey's attention ranking, rank 1 = 1.0, rank 7 = 0.0: a weak
    /// prior only.
    pub attention: f64,
    /// A domain common to every city (services, governance, infrastructure).
    pub common: f64,
    /// Economy for a city with at least one industry specialty.
    pub specialty: f64,
}

/// The one table of weights. Gap and importance (the city's demand) carry
/// 75 of the 100 points; the survey's attention 10; common and specific 15.
pub const WEIGHTS: Weights = Weights {
    gap: 40.0,
    importance: 35.0,
    attention: 10.0,
    common: 7.5,
    specialty: 7.5,
};

/// Domains common to every city (the report's "common" part).
pub const COMMON: [DomainId; 3] = [
    DomainId::Services,
    DomainId::Governance,
    DomainId::Infrastructure,
];

/// The domains that carry the others.
pub const SUPPORTS: [DomainId; 2] = [DomainId::Infrastructure, DomainId::Enablers];

/// Entry points recommended when resources allow; one when any is short.
pub const MAX_ENTRY_POINTS: usize = 3;

/// A target this many years away or sooner that jumps more than one stage
/// is stage skipping.
pub const SKIP_HORIZON_YEARS: u8 = 2;

/// Whether a supporting domain at `support_level` can carry another domain
/// to `target`: it must have reached the stage just below the target (to
/// reach stage 2 anywhere, infrastructure and enablers must stand at stage
/// 1 at least; to reach stage 3, at stage 2).
pub fn carries(support_level: f64, target: u8) -> bool {
    support_level + 1e-9 >= f64::from(target.saturating_sub(1))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Factor {
    Gap,
    Importance,
    Attention,
    Common,
    Specialty,
}

/// One part of a domain's score: the factor, its input, its weight and the
/// points it gave.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScorePart {
    pub factor: Factor,
    /// The factor scaled to 0..1.
    pub value: f64,
    pub weight: f64,
    pub points: f64,
}

/// Why a domain is not an entry point.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum NotEntry {
    /// Enablers are the supporting package, always in the plan.
    Enablers,
    /// The city set no target for it.
    NoTarget,
    /// Its target is reached already.
    TargetReached,
    /// A candidate, but ranked below the entry points recommended.
    Ranked { rank: usize, limit: usize },
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DomainAdvice {
    pub id: DomainId,
    /// Today's level, `None` when not assessed.
    pub current: Option<f64>,
    pub target: Option<Target>,
    pub gap: Option<f64>,
    pub importance: Option<u8>,
    pub score: f64,
    pub score_parts: Vec<ScorePart>,
    /// Questions answered (anything but unknown) and asked in this domain.
    pub answered: usize,
    pub total: usize,
    /// Why it is not an entry point; `None` for an entry point.
    pub not_entry: Option<NotEntry>,
}

impl DomainAdvice {
    /// The whole stage reached today (0 when not assessed).
    pub fn current_stage(&self) -> u8 {
        self.current
            .map(|l| l.floor().clamp(0.0, f64::from(STAGES)) as u8)
            .unwrap_or(0)
    }
}

/// Why a domain is an entry point (each a sentence in `text::advice`).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum Reason {
    /// The city's target and the gap to it.
    Gap {
        current: f64,
        target: u8,
        horizon_years: u8,
        gap: f64,
    },
    /// The importance the city gave it.
    Importance { importance: u8 },
    /// The survey's attention ranking (a weak prior).
    Attention { rank: u8 },
    /// Common to every city.
    Common,
    /// The city-specific domain, with the city's specialties.
    Specialty { specialties: Vec<Specialty> },
    /// Resources are short: one stage at a time.
    StartSmall {
        short: Vec<Resource>,
        target: u8,
        next: u8,
    },
    /// Not assessed yet: the first step is to assess it.
    AssessFirst,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Resource {
    Funding,
    Talent,
    Technology,
}

/// One aspect of a domain, from today's stage to the target's.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    pub aspect: String,
    /// Today's stage (0: not yet at stage 1, no description).
    pub from: u8,
    pub to: u8,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OperatingModel {
    GovernmentLed,
    PublicPrivate,
    MarketLed,
}

impl OperatingModel {
    pub fn id(self) -> &'static str {
        match self {
            OperatingModel::GovernmentLed => "government_led",
            OperatingModel::PublicPrivate => "public_private",
            OperatingModel::MarketLed => "market_led",
        }
    }
}

/// Why an operating model fits (seed 002's rule: government-led for
/// management and pure public-good projects, public-private for
/// quasi-public services, market-led where there is clear market value).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ModelReason {
    PublicFunction,
    PublicService,
    GuidedPlatform,
    MarketValue,
    FundingInstalments,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EntryPoint {
    pub domain: DomainId,
    pub rank: usize,
    /// The stage to aim at first: the target, or the next single stage when
    /// resources are short.
    pub next_target: u8,
    pub reasons: Vec<Reason>,
    pub changes: Vec<Change>,
    /// Ids of the report's cases in this domain, the same move first (the
    /// city itself is never its own case).
    pub cases: Vec<String>,
    /// How many of `cases` made exactly this move.
    pub exact_cases: usize,
    pub operating_model: OperatingModel,
    pub model_reason: ModelReason,
}

/// A supporting domain that must move first.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Prerequisite {
    pub domain: DomainId,
    /// The supporting domain's level today (`None`: not assessed).
    pub current: Option<f64>,
    /// The stage it must reach.
    pub needed: u8,
    /// The entry points that need it.
    pub for_domains: Vec<DomainId>,
    /// How to build it (infrastructure on a short budget: public-private).
    pub operating_model: OperatingModel,
    pub model_reason: ModelReason,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum WarningCode {
    /// A target more than one stage above today within two years or less.
    StageSkipping,
    /// Several stage-3 targets while funding, talent or technology is low:
    /// the "bonsai" showcase pattern of seed 002.
    ShowcaseRisk,
    /// Targets at stage 2 or above while enablers are below stage 1.
    EnablersMissing,
    /// A target the infrastructure cannot carry yet.
    InfrastructurePrerequisite,
    /// A domain without answers.
    NotAssessed,
    /// No domain has a target: no entry point can be chosen.
    NoTargets,
    /// Targets are set, but every one is reached already (or only the
    /// enablers have one): time for the next staged vision.
    TargetsMet,
    /// A level computed from fewer than half of the domain's questions: a
    /// first reading, not a finding yet.
    ThinEvidence,
}

impl WarningCode {
    pub fn id(self) -> &'static str {
        match self {
            WarningCode::StageSkipping => "stage_skipping",
            WarningCode::ShowcaseRisk => "showcase_risk",
            WarningCode::EnablersMissing => "enablers_missing",
            WarningCode::InfrastructurePrerequisite => "infrastructure_prerequisite",
            WarningCode::NotAssessed => "not_assessed",
            WarningCode::NoTargets => "no_targets",
            WarningCode::TargetsMet => "targets_met",
            WarningCode::ThinEvidence => "thin_evidence",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Warning {
    pub code: WarningCode,
    pub domains: Vec<DomainId>,
}

/// One step of one domain in the plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Move {
    pub domain: DomainId,
    pub from: u8,
    pub to: u8,
    /// Whether it is a prerequisite (infrastructure, enablers) rather than an
    /// entry point.
    pub prerequisite: bool,
}

/// A phase of the plan: the moves that end within it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Phase {
    /// 1, 2, ...: the key under which the consultant's edits are saved.
    pub number: usize,
    pub moves: Vec<Move>,
    pub owner: String,
    pub start: NaiveDate,
    pub end: NaiveDate,
}

/// Everything the engine gives for one assessment.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Advice {
    pub domains: Vec<DomainAdvice>,
    pub entry_points: Vec<EntryPoint>,
    pub prerequisites: Vec<Prerequisite>,
    pub warnings: Vec<Warning>,
    /// The enablers' aspects, always part of the plan (the report: whatever
    /// the entry point), with the stage each should reach.
    pub enablers: Vec<Change>,
    pub plan: Vec<Phase>,
    /// Resources the city rates low.
    pub short_resources: Vec<Resource>,
}

fn short_resources(city: &City) -> Vec<Resource> {
    let c = city.constraints;
    [
        (Resource::Funding, c.funding),
        (Resource::Talent, c.talent),
        (Resource::Technology, c.technology),
    ]
    .into_iter()
    .filter(|(_, level)| *level == Level::Low)
    .map(|(r, _)| r)
    .collect()
}

fn score(framework: &Framework, city: &City, status: &DomainStatus) -> (f64, Vec<ScorePart>) {
    let id = status.maturity.domain;
    let gap = status.gap().unwrap_or(0.0);
    let importance = status.importance.unwrap_or(0);
    let rank = framework.domain(id).attention_rank;
    let parts = vec![
        (Factor::Gap, gap / f64::from(STAGES), WEIGHTS.gap),
        (
            Factor::Importance,
            f64::from(importance) / 5.0,
            WEIGHTS.importance,
        ),
        (
            Factor::Attention,
            f64::from(7u8.saturating_sub(rank)) / 6.0,
            WEIGHTS.attention,
        ),
        (
            Factor::Common,
            if COMMON.contains(&id) { 1.0 } else { 0.0 },
            WEIGHTS.common,
        ),
        (
            Factor::Specialty,
            if id == DomainId::Economy && !city.specialties.is_empty() {
                1.0
            } else {
                0.0
            },
            WEIGHTS.specialty,
        ),
    ];
    let parts: Vec<ScorePart> = parts
        .into_iter()
        .map(|(factor, value, weight)| {
            let value = value.clamp(0.0, 1.0);
            ScorePart {
                factor,
                value,
                weight,
                points: value * weight,
            }
        })
        .collect();
    let total = parts.iter().map(|p| p.points).sum();
    (total, parts)
}

fn operating_model(
    domain: DomainId,
    next_target: u8,
    city: &City,
) -> (OperatingModel, ModelReason) {
    use ModelReason as R;
    use OperatingModel as M;
    match domain {
        DomainId::Governance | DomainId::Government | DomainId::Enablers => {
            (M::GovernmentLed, R::PublicFunction)
        }
        DomainId::Infrastructure if city.constraints.funding == Level::Low => {
            (M::PublicPrivate, R::FundingInstalments)
        }
        DomainId::Infrastructure => (M::GovernmentLed, R::PublicFunction),
        DomainId::Services | DomainId::Environment => (M::PublicPrivate, R::PublicService),
        DomainId::Economy if next_target >= 2 => (M::PublicPrivate, R::GuidedPlatform),
        DomainId::Economy => (M::MarketLed, R::MarketValue),
    }
}

/// The report's cases in `domain`: the same move first, then those that
/// overlap it, then the rest of the domain.
fn matching_cases(
    cases: &[Case],
    city: &City,
    domain: DomainId,
    from: u8,
    to: u8,
) -> (Vec<String>, usize) {
    let same_city = |c: &Case| {
        let (zh, en) = (city.name.zh.trim(), city.name.en.trim().to_lowercase());
        (!zh.is_empty() && c.city.zh.trim() == zh)
            || (!en.is_empty() && c.city.en.trim().to_lowercase() == en)
    };
    let mut found: Vec<(u8, &Case)> = cases
        .iter()
        .filter(|c| c.domain == domain && !same_city(c))
        .map(|c| {
            let closeness = if c.from == from && c.to == to {
                0
            } else if c.from <= to && c.to >= from.max(1) && c.to > c.from {
                1
            } else {
                2
            };
            (closeness, c)
        })
        .collect();
    found.sort_by_key(|(closeness, c)| (*closeness, c.id.clone()));
    let exact = found
        .iter()
        .filter(|(closeness, _)| *closeness == 0)
        .count();
    (
        found.into_iter().map(|(_, c)| c.id.clone()).collect(),
        exact,
    )
}

fn changes(framework: &Framework, domain: DomainId, from: u8, to: u8) -> Vec<Change> {
    framework
        .domain(domain)
        .aspects
        .iter()
        .map(|a| Change {
            aspect: a.id.clone(),
            from,
            to,
        })
        .collect()
}

/// The advice for one assessment of a city.
pub fn advise(framework: &Framework, city: &City, assessment: &Assessment) -> Advice {
    let statuses = assessment_status(framework, assessment);
    let short = short_resources(city);
    let start_small = !short.is_empty();
    let level_of = |d: DomainId| statuses[d.index()].maturity.level();

    let mut domains: Vec<DomainAdvice> = statuses
        .iter()
        .map(|st| {
            let (score, score_parts) = score(framework, city, st);
            DomainAdvice {
                id: st.maturity.domain,
                current: st.maturity.level(),
                target: st.target,
                gap: st.gap(),
                importance: st.importance,
                score,
                score_parts,
                answered: st.maturity.answered,
                total: st.maturity.total,
                not_entry: None,
            }
        })
        .collect();

    // Entry points: domains with a target above today (enablers are the
    // supporting package, never an entry point), best score first.
    let mut candidates: Vec<&DomainAdvice> = domains
        .iter()
        .filter(|d| d.id != DomainId::Enablers)
        .filter(|d| match (d.target, d.current) {
            (Some(t), Some(level)) => f64::from(t.stage) > level + 1e-9,
            (Some(_), None) => true,
            (None, _) => false,
        })
        .collect();
    candidates.sort_by(|a, b| {
        b.score
            .partial_cmp(&a.score)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(a.id.cmp(&b.id))
    });
    let limit = if start_small { 1 } else { MAX_ENTRY_POINTS };
    let entry_points: Vec<EntryPoint> = candidates
        .iter()
        .take(limit)
        .enumerate()
        .map(|(i, d)| {
            let target = d.target.expect("candidates have targets");
            let from = d.current_stage();
            let next_target = if start_small {
                target.stage.min(from + 1)
            } else {
                target.stage
            };
            let mut reasons = vec![];
            match d.current {
                Some(current) => reasons.push(Reason::Gap {
                    current,
                    target: target.stage,
                    horizon_years: target.horizon_years,
                    gap: d.gap.unwrap_or(0.0),
                }),
                None => reasons.push(Reason::AssessFirst),
            }
            if let Some(importance) = d.importance {
                reasons.push(Reason::Importance { importance });
            }
            if COMMON.contains(&d.id) {
                reasons.push(Reason::Common);
            }
            if d.id == DomainId::Economy && !city.specialties.is_empty() {
                reasons.push(Reason::Specialty {
                    specialties: city.specialties.clone(),
                });
            }
            // the survey's attention is a reason only where it favours the
            // domain (top three); it always stays in the score's parts
            let rank = framework.domain(d.id).attention_rank;
            if rank <= 3 {
                reasons.push(Reason::Attention { rank });
            }
            if start_small {
                reasons.push(Reason::StartSmall {
                    short: short.clone(),
                    target: target.stage,
                    next: next_target,
                });
            }
            let (operating_model, model_reason) = operating_model(d.id, next_target, city);
            let (cases, exact_cases) =
                matching_cases(&framework.cases, city, d.id, from, next_target);
            EntryPoint {
                domain: d.id,
                rank: i + 1,
                next_target,
                reasons,
                changes: changes(framework, d.id, from, next_target),
                cases,
                exact_cases,
                operating_model,
                model_reason,
            }
        })
        .collect();

    // Why each other domain is not an entry point.
    let ranked: Vec<DomainId> = candidates.iter().map(|d| d.id).collect();
    for d in domains.iter_mut() {
        if entry_points.iter().any(|e| e.domain == d.id) {
            continue;
        }
        d.not_entry = Some(if d.id == DomainId::Enablers {
            NotEntry::Enablers
        } else if d.target.is_none() {
            NotEntry::NoTarget
        } else if let Some(rank) = ranked.iter().position(|id| *id == d.id) {
            NotEntry::Ranked {
                rank: rank + 1,
                limit,
            }
        } else {
            NotEntry::TargetReached
        });
    }

    // Prerequisites: infrastructure and enablers must carry each entry
    // point's next target.
    let mut prerequisites: Vec<Prerequisite> = vec![];
    for support in SUPPORTS {
        let level = level_of(support);
        let mut needed = 0u8;
        let mut for_domains = vec![];
        for ep in &entry_points {
            if ep.domain == support {
                continue;
            }
            let ok = level.is_some_and(|l| carries(l, ep.next_target));
            if !ok {
                needed = needed.max(ep.next_target.saturating_sub(1).max(1));
                for_domains.push(ep.domain);
            }
        }
        if !for_domains.is_empty() {
            let (operating_model, model_reason) = operating_model(support, needed, city);
            prerequisites.push(Prerequisite {
                domain: support,
                current: level,
                needed,
                for_domains,
                operating_model,
                model_reason,
            });
        }
    }

    // Warnings.
    let mut warnings = vec![];
    let skipping: Vec<DomainId> = domains
        .iter()
        .filter(|d| {
            d.target.is_some_and(|t| {
                t.horizon_years <= SKIP_HORIZON_YEARS && t.stage > d.current_stage() + 1
            })
        })
        .map(|d| d.id)
        .collect();
    if !skipping.is_empty() {
        warnings.push(Warning {
            code: WarningCode::StageSkipping,
            domains: skipping,
        });
    }
    let top_targets: Vec<DomainId> = domains
        .iter()
        .filter(|d| d.target.is_some_and(|t| t.stage == STAGES))
        .map(|d| d.id)
        .collect();
    if top_targets.len() >= 2 && start_small {
        warnings.push(Warning {
            code: WarningCode::ShowcaseRisk,
            domains: top_targets,
        });
    }
    let high_targets: Vec<DomainId> = domains
        .iter()
        .filter(|d| d.id != DomainId::Enablers && d.target.is_some_and(|t| t.stage >= 2))
        .map(|d| d.id)
        .collect();
    if !high_targets.is_empty() && level_of(DomainId::Enablers).is_some_and(|l| l < 1.0) {
        warnings.push(Warning {
            code: WarningCode::EnablersMissing,
            domains: high_targets,
        });
    }
    // (an infrastructure not assessed is named by not_assessed instead: the
    // advice does not claim what the assessment does not know)
    let infra = level_of(DomainId::Infrastructure);
    let uncarried: Vec<DomainId> = domains
        .iter()
        .filter(|d| d.id != DomainId::Infrastructure)
        .filter(|d| {
            d.target
                .is_some_and(|t| t.stage >= 2 && infra.is_some_and(|l| !carries(l, t.stage)))
        })
        .map(|d| d.id)
        .collect();
    if !uncarried.is_empty() {
        warnings.push(Warning {
            code: WarningCode::InfrastructurePrerequisite,
            domains: uncarried,
        });
    }
    let thin: Vec<DomainId> = statuses
        .iter()
        .filter(|st| {
            st.maturity.overridden.is_none()
                && st.maturity.computed.is_some()
                && st.maturity.answered * 2 < st.maturity.total
        })
        .map(|st| st.maturity.domain)
        .collect();
    if !thin.is_empty() {
        warnings.push(Warning {
            code: WarningCode::ThinEvidence,
            domains: thin,
        });
    }
    let not_assessed: Vec<DomainId> = domains
        .iter()
        .filter(|d| d.current.is_none())
        .map(|d| d.id)
        .collect();
    if !not_assessed.is_empty() {
        warnings.push(Warning {
            code: WarningCode::NotAssessed,
            domains: not_assessed,
        });
    }
    if domains.iter().all(|d| d.target.is_none()) {
        warnings.push(Warning {
            code: WarningCode::NoTargets,
            domains: vec![],
        });
    } else if entry_points.is_empty() {
        let reached: Vec<DomainId> = domains
            .iter()
            .filter(|d| d.id != DomainId::Enablers && d.target.is_some())
            .map(|d| d.id)
            .collect();
        warnings.push(Warning {
            code: WarningCode::TargetsMet,
            domains: reached,
        });
    }

    // The enablers package: every aspect, to the stage the highest entry
    // point needs (at least stage 1), whatever the entry point.
    let enablers = &domains[DomainId::Enablers.index()];
    let enablers_now = enablers.current_stage();
    let enablers_to = entry_points
        .iter()
        .map(|e| e.next_target.saturating_sub(1))
        .max()
        .unwrap_or(1)
        .max(enablers_now.min(STAGES - 1) + 1)
        .max(enablers.target.map(|t| t.stage).unwrap_or(0))
        .clamp(1, STAGES);
    let enablers = changes(framework, DomainId::Enablers, enablers_now, enablers_to);

    let plan = plan(
        &entry_points,
        &domains,
        &prerequisites,
        assessment.date,
        &assessment.plan,
    );

    Advice {
        domains,
        entry_points,
        prerequisites,
        warnings,
        enablers,
        plan,
        short_resources: short,
    }
}

/// Phases from the targets' horizons: each entry point's move (and an
/// enablers target) is split into single-stage steps spread over its
/// horizon; prerequisites come first, in a phase of their own that ends
/// halfway to the first step they carry (an unassessed support gets no step:
/// it must be assessed first); steps ending in the same month form a phase.
/// The consultant's owner and dates (saved per phase number) override the
/// computed ones.
fn plan(
    entry_points: &[EntryPoint],
    domains: &[DomainAdvice],
    prerequisites: &[Prerequisite],
    start: NaiveDate,
    edits: &BTreeMap<String, PhaseEdit>,
) -> Vec<Phase> {
    // (end in months, move)
    let mut steps: Vec<(u32, Move)> = vec![];
    let add = |domain: DomainId, prerequisite: bool, steps: &mut Vec<(u32, Move)>| {
        let d = &domains[domain.index()];
        let Some(target) = d.target else {
            return;
        };
        let from = d.current_stage();
        let months = u32::from(target.horizon_years.max(1)) * 12;
        let n = u32::from(target.stage.saturating_sub(from));
        for k in 0..n {
            steps.push((
                months * (k + 1) / n,
                Move {
                    domain,
                    from: from + k as u8,
                    to: from + k as u8 + 1,
                    prerequisite,
                },
            ));
        }
    };
    for ep in entry_points {
        add(ep.domain, false, &mut steps);
    }
    let enablers_are_prerequisite = prerequisites
        .iter()
        .any(|p| p.domain == DomainId::Enablers && p.current.is_some());
    if !enablers_are_prerequisite {
        add(DomainId::Enablers, false, &mut steps);
    }
    if steps.is_empty() {
        return vec![];
    }
    let first_end = steps.iter().map(|(end, _)| *end).min().unwrap_or(12);
    let prerequisite_end = (first_end / 2).max(1);
    for p in prerequisites {
        let Some(level) = p.current else {
            continue;
        };
        let from = level.floor().clamp(0.0, f64::from(STAGES)) as u8;
        for stage in from..p.needed {
            steps.push((
                prerequisite_end,
                Move {
                    domain: p.domain,
                    from: stage,
                    to: stage + 1,
                    prerequisite: true,
                },
            ));
        }
    }
    steps.sort_by(|a, b| {
        a.0.cmp(&b.0)
            .then(b.1.prerequisite.cmp(&a.1.prerequisite))
            .then(a.1.domain.cmp(&b.1.domain))
            .then(a.1.from.cmp(&b.1.from))
    });
    let mut phases: Vec<Phase> = vec![];
    let mut previous_end = None;
    for (end, step) in steps {
        match phases.last_mut() {
            Some(phase) if previous_end == Some(end) => phase.moves.push(step),
            _ => {
                let begin = phases.last().map(|p| p.end).unwrap_or(start);
                phases.push(Phase {
                    number: phases.len() + 1,
                    moves: vec![step],
                    owner: String::new(),
                    start: begin,
                    end: start.checked_add_months(Months::new(end)).unwrap_or(start),
                });
                previous_end = Some(end);
            }
        }
    }
    for phase in &mut phases {
        if let Some(edit) = edits.get(&phase.number.to_string()) {
            phase.owner = edit.owner.clone();
            if let Some(start) = edit.start {
                phase.start = start;
            }
            if let Some(end) = edit.end {
                phase.end = end;
            }
        }
    }
    phases
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::framework;
    use crate::core::lang::Text;
    use crate::core::profile::{Constraints, Extra, Override};

    fn city(funding: Level, specialties: Vec<Specialty>) -> City {
        City {
            name: Text::new("测试", "Test"),
            country: "CN".into(),
            region: String::new(),
            population: None,
            specialties,
            constraints: Constraints {
                funding,
                talent: Level::Medium,
                technology: Level::Medium,
            },
            ..City::named(Text::default())
        }
    }

    fn assessment() -> Assessment {
        Assessment::new(NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(), "t")
    }

    /// Sets a domain's level directly (an override), with a target and an
    /// importance.
    fn set(
        a: &mut Assessment,
        d: DomainId,
        level: f64,
        target: Option<(u8, u8)>,
        importance: Option<u8>,
    ) {
        a.overrides.insert(
            d,
            Override {
                level,
                reason: "test".into(),
            },
        );
        if let Some((stage, horizon_years)) = target {
            a.targets.insert(d, Target::new(stage, horizon_years));
        }
        if let Some(i) = importance {
            a.importance.insert(d, i);
        }
    }

    fn supported() -> Assessment {
        let mut a = assessment();
        set(&mut a, DomainId::Infrastructure, 2.5, None, None);
        set(&mut a, DomainId::Enablers, 2.5, None, None);
        a
    }

    fn codes(advice: &Advice) -> Vec<WarningCode> {
        advice.warnings.iter().map(|w| w.code).collect()
    }

    fn warning(advice: &Advice, code: WarningCode) -> Option<&Warning> {
        advice.warnings.iter().find(|w| w.code == code)
    }

    #[test]
    fn a_city_is_never_its_own_case_and_exact_moves_are_counted() {
        let mut a = supported();
        set(&mut a, DomainId::Economy, 1.2, Some((2, 3)), Some(5));
        let shen = City {
            name: Text::new("莘县", "Shen County"),
            ..city(Level::Medium, vec![Specialty::Agriculture])
        };
        let ep = &advise(framework(), &shen, &a).entry_points[0];
        assert!(
            ep.cases.iter().all(|id| !id.starts_with("shen_county")),
            "{:?}",
            ep.cases
        );
        assert!(ep.cases.iter().any(|id| id.starts_with("baoying")));
        assert!(ep.exact_cases >= 1);
        // 2 -> 3 in economy: no case made that move
        let mut b = supported();
        set(&mut b, DomainId::Economy, 2.2, Some((3, 3)), Some(5));
        let ep = &advise(framework(), &shen, &b).entry_points[0];
        assert_eq!(ep.exact_cases, 0);
        assert!(!ep.cases.is_empty(), "the nearest cases still come");
    }

    #[test]
    fn an_unassessed_support_is_to_be_assessed_not_a_stage_0_move() {
        let mut a = assessment();
        set(&mut a, DomainId::Services, 1.0, Some((2, 3)), Some(5));
        let advice = advise(framework(), &city(Level::Medium, vec![]), &a);
        let infra = advice
            .prerequisites
            .iter()
            .find(|p| p.domain == DomainId::Infrastructure)
            .unwrap();
        assert_eq!(infra.current, None);
        assert!(
            advice
                .plan
                .iter()
                .flat_map(|p| &p.moves)
                .all(|m| !m.prerequisite)
        );
        assert!(warning(&advice, WarningCode::InfrastructurePrerequisite).is_none());
        assert!(
            warning(&advice, WarningCode::NotAssessed)
                .unwrap()
                .domains
                .contains(&DomainId::Infrastructure)
        );
    }

    #[test]
    fn targets_all_reached_say_so_and_an_enablers_target_is_planned() {
        let mut a = assessment();
        set(&mut a, DomainId::Infrastructure, 3.0, Some((3, 3)), Some(5));
        set(&mut a, DomainId::Enablers, 2.5, Some((3, 3)), None);
        let advice = advise(framework(), &city(Level::Medium, vec![]), &a);
        assert!(advice.entry_points.is_empty());
        assert_eq!(
            warning(&advice, WarningCode::TargetsMet).unwrap().domains,
            vec![DomainId::Infrastructure]
        );
        let moves: Vec<(DomainId, u8, u8)> = advice
            .plan
            .iter()
            .flat_map(|p| &p.moves)
            .map(|m| (m.domain, m.from, m.to))
            .collect();
        assert_eq!(moves, vec![(DomainId::Enablers, 2, 3)]);
        assert!(advice.enablers.iter().all(|c| c.to == 3));
    }

    #[test]
    fn start_small_is_explained_even_when_the_next_stage_is_the_target() {
        let mut a = supported();
        set(&mut a, DomainId::Economy, 2.2, Some((3, 4)), Some(5));
        let ep = &advise(framework(), &city(Level::Low, vec![]), &a).entry_points[0];
        assert!(ep.reasons.iter().any(|r| matches!(
            r,
            Reason::StartSmall {
                next: 3,
                target: 3,
                ..
            }
        )));
    }

    #[test]
    fn the_survey_is_a_reason_only_where_it_favours_the_domain() {
        let mut a = supported();
        set(&mut a, DomainId::Environment, 1.0, Some((2, 3)), Some(5));
        set(&mut a, DomainId::Services, 1.0, Some((2, 3)), Some(5));
        let advice = advise(framework(), &city(Level::High, vec![]), &a);
        let reasons = |d: DomainId| {
            &advice
                .entry_points
                .iter()
                .find(|e| e.domain == d)
                .unwrap()
                .reasons
        };
        assert!(
            !reasons(DomainId::Environment)
                .iter()
                .any(|r| matches!(r, Reason::Attention { .. }))
        );
        assert!(reasons(DomainId::Services).contains(&Reason::Attention { rank: 1 }));
    }

    #[test]
    fn a_level_from_few_answers_is_flagged_and_other_domains_say_why_not() {
        use crate::core::profile::{Answer, AnswerValue};
        let mut a = supported();
        let first = &framework().domain(DomainId::Governance).stages[0].indicators[0].id;
        a.answers
            .insert(first.clone(), Answer::new(AnswerValue::Met, None));
        set(&mut a, DomainId::Services, 1.0, Some((2, 3)), Some(5));
        set(&mut a, DomainId::Economy, 1.0, Some((2, 3)), Some(2));
        set(&mut a, DomainId::Environment, 2.0, Some((2, 3)), None);
        let advice = advise(framework(), &city(Level::Low, vec![]), &a);
        assert_eq!(
            warning(&advice, WarningCode::ThinEvidence).unwrap().domains,
            vec![DomainId::Governance],
            "overrides are the assessor's judgement, not thin evidence"
        );
        let why = |d: DomainId| advice.domains[d.index()].not_entry;
        assert_eq!(why(DomainId::Services), None);
        assert_eq!(
            why(DomainId::Economy),
            Some(NotEntry::Ranked { rank: 2, limit: 1 })
        );
        assert_eq!(why(DomainId::Environment), Some(NotEntry::TargetReached));
        assert_eq!(why(DomainId::Governance), Some(NotEntry::NoTarget));
        assert_eq!(why(DomainId::Enablers), Some(NotEntry::Enablers));
        assert_eq!(
            (advice.domains[2].answered, advice.domains[2].total),
            (1, 14)
        );
    }

    #[test]
    fn weights_add_up_to_100_and_parts_add_up_to_the_score() {
        let w = WEIGHTS;
        assert_eq!(
            w.gap + w.importance + w.attention + w.common + w.specialty,
            100.0
        );
        assert!(w.gap + w.importance >= 70.0, "demand weighs most");
        assert!(w.attention <= 10.0, "the survey is a weak prior");
        let mut a = supported();
        set(&mut a, DomainId::Services, 1.0, Some((3, 4)), Some(4));
        let advice = advise(framework(), &city(Level::Medium, vec![]), &a);
        for d in &advice.domains {
            let sum: f64 = d.score_parts.iter().map(|p| p.points).sum();
            assert!((sum - d.score).abs() < 1e-9);
        }
        let services = &advice.domains[0];
        // gap 2 of 3 -> 26.67; importance 4/5 -> 28; attention rank 1 -> 10; common -> 7.5
        assert!(
            (services.score - (40.0 * 2.0 / 3.0 + 28.0 + 10.0 + 7.5)).abs() < 1e-9,
            "{}",
            services.score
        );
    }

    #[test]
    fn demand_first_the_attention_ranking_is_a_weak_prior() {
        // Environment is ranked last by the survey, services first; the city's
        // demand (gap and importance) decides.
        let mut a = supported();
        set(&mut a, DomainId::Services, 1.5, Some((2, 3)), Some(2));
        set(&mut a, DomainId::Environment, 0.5, Some((2, 3)), Some(5));
        let advice = advise(framework(), &city(Level::Medium, vec![]), &a);
        let ranked: Vec<DomainId> = advice.entry_points.iter().map(|e| e.domain).collect();
        assert_eq!(ranked, [DomainId::Environment, DomainId::Services]);
        // with equal demand, the survey's ranking breaks the tie
        let mut b = supported();
        set(&mut b, DomainId::Environment, 1.0, Some((2, 3)), Some(3));
        set(&mut b, DomainId::Government, 1.0, Some((2, 3)), Some(3));
        let advice = advise(framework(), &city(Level::Medium, vec![]), &b);
        assert_eq!(advice.entry_points[0].domain, DomainId::Government);
        // no target, no entry point: only the city's demand makes one
        let mut c = supported();
        set(&mut c, DomainId::Services, 0.5, None, Some(5));
        let advice = advise(framework(), &city(Level::Medium, vec![]), &c);
        assert!(advice.entry_points.is_empty());
        assert!(codes(&advice).contains(&WarningCode::NoTargets));
    }

    #[test]
    fn common_and_specific_the_specialty_is_named_for_economy() {
        let mut a = supported();
        set(&mut a, DomainId::Economy, 1.0, Some((2, 3)), Some(5));
        set(&mut a, DomainId::Services, 1.0, Some((2, 3)), Some(4));
        let c = city(
            Level::Medium,
            vec![Specialty::Agriculture, Specialty::CultureTourism],
        );
        let advice = advise(framework(), &c, &a);
        let economy = advice
            .entry_points
            .iter()
            .find(|e| e.domain == DomainId::Economy)
            .unwrap();
        assert!(economy.reasons.contains(&Reason::Specialty {
            specialties: vec![Specialty::Agriculture, Specialty::CultureTourism]
        }));
        assert!(!economy.reasons.contains(&Reason::Common));
        let services = advice
            .entry_points
            .iter()
            .find(|e| e.domain == DomainId::Services)
            .unwrap();
        assert!(services.reasons.contains(&Reason::Common));
        let part = |d: DomainId, f: Factor| {
            advice.domains[d.index()]
                .score_parts
                .iter()
                .find(|p| p.factor == f)
                .unwrap()
                .points
        };
        assert_eq!(
            part(DomainId::Economy, Factor::Specialty),
            WEIGHTS.specialty
        );
        assert_eq!(part(DomainId::Services, Factor::Common), WEIGHTS.common);
        // without specialties economy gets no specialty points
        let advice = advise(framework(), &city(Level::Medium, vec![]), &a);
        assert_eq!(
            advice.domains[DomainId::Economy.index()]
                .score_parts
                .iter()
                .find(|p| p.factor == Factor::Specialty)
                .unwrap()
                .points,
            0.0
        );
    }

    #[test]
    fn start_small_one_entry_point_and_the_next_single_stage() {
        let mut a = supported();
        set(&mut a, DomainId::Services, 0.5, Some((3, 5)), Some(5));
        set(&mut a, DomainId::Economy, 1.0, Some((2, 3)), Some(4));
        set(&mut a, DomainId::Governance, 1.0, Some((2, 3)), Some(3));
        set(&mut a, DomainId::Environment, 1.0, Some((2, 3)), Some(3));
        let rich = advise(framework(), &city(Level::High, vec![]), &a);
        assert_eq!(rich.entry_points.len(), MAX_ENTRY_POINTS);
        assert_eq!(rich.entry_points[0].next_target, 3);
        let poor = advise(framework(), &city(Level::Low, vec![]), &a);
        assert_eq!(poor.entry_points.len(), 1);
        let ep = &poor.entry_points[0];
        assert_eq!((ep.domain, ep.next_target), (DomainId::Services, 1));
        assert!(ep.reasons.contains(&Reason::StartSmall {
            short: vec![Resource::Funding],
            target: 3,
            next: 1
        }));
        assert_eq!(poor.short_resources, vec![Resource::Funding]);
        // what changes: every aspect from today's stage to the next one
        assert_eq!(ep.changes.len(), 3);
        assert!(ep.changes.iter().all(|c| (c.from, c.to) == (0, 1)));
    }

    #[test]
    fn infrastructure_and_enablers_must_carry_the_target() {
        assert!(carries(1.0, 2) && !carries(0.9, 2) && carries(2.0, 3) && !carries(1.5, 3));
        let mut a = assessment();
        set(&mut a, DomainId::Infrastructure, 1.2, None, None);
        set(&mut a, DomainId::Services, 2.0, Some((3, 4)), Some(5));
        // enablers not assessed
        let advice = advise(framework(), &city(Level::High, vec![]), &a);
        let infra = advice
            .prerequisites
            .iter()
            .find(|p| p.domain == DomainId::Infrastructure)
            .unwrap();
        assert_eq!(
            (infra.needed, infra.for_domains.clone()),
            (2, vec![DomainId::Services])
        );
        let enablers = advice
            .prerequisites
            .iter()
            .find(|p| p.domain == DomainId::Enablers)
            .unwrap();
        assert_eq!((enablers.current, enablers.needed), (None, 2));
        assert_eq!(
            warning(&advice, WarningCode::InfrastructurePrerequisite)
                .unwrap()
                .domains,
            vec![DomainId::Services]
        );
        // carried: no prerequisite
        let advice = advise(framework(), &city(Level::High, vec![]), &{
            let mut b = supported();
            set(&mut b, DomainId::Services, 2.0, Some((3, 4)), Some(5));
            b
        });
        assert!(advice.prerequisites.is_empty());
        assert!(warning(&advice, WarningCode::InfrastructurePrerequisite).is_none());
    }

    #[test]
    fn enablers_are_always_part_of_the_plan() {
        let mut a = supported();
        set(&mut a, DomainId::Economy, 1.0, Some((2, 3)), Some(5));
        let advice = advise(framework(), &city(Level::Medium, vec![]), &a);
        assert_eq!(advice.enablers.len(), 6, "every enabler aspect");
        assert!(
            advice
                .entry_points
                .iter()
                .all(|e| e.domain != DomainId::Enablers)
        );
        // even with no entry point at all
        let advice = advise(framework(), &city(Level::Medium, vec![]), &assessment());
        assert_eq!(advice.enablers.len(), 6);
        assert!(advice.enablers.iter().all(|c| (c.from, c.to) == (0, 1)));
    }

    #[test]
    fn stage_skipping_is_a_jump_of_more_than_one_stage_in_two_years_or_less() {
        let mut a = supported();
        set(&mut a, DomainId::Services, 1.2, Some((2, 1)), None); // one stage: fine
        set(&mut a, DomainId::Economy, 0.8, Some((3, 2)), None); // two stages in 2 years
        set(&mut a, DomainId::Governance, 0.8, Some((3, 3)), None); // two stages in 3 years: fine
        let advice = advise(framework(), &city(Level::Medium, vec![]), &a);
        assert_eq!(
            warning(&advice, WarningCode::StageSkipping)
                .unwrap()
                .domains,
            vec![DomainId::Economy]
        );
    }

    #[test]
    fn showcase_risk_is_several_stage_3_targets_with_short_resources() {
        let mut a = supported();
        set(&mut a, DomainId::Services, 2.0, Some((3, 5)), None);
        set(&mut a, DomainId::Governance, 2.0, Some((3, 5)), None);
        let low_talent = City {
            constraints: Constraints {
                talent: Level::Low,
                ..Constraints::default()
            },
            ..city(Level::Medium, vec![])
        };
        let advice = advise(framework(), &low_talent, &a);
        assert_eq!(
            warning(&advice, WarningCode::ShowcaseRisk).unwrap().domains,
            vec![DomainId::Services, DomainId::Governance]
        );
        assert!(
            warning(
                &advise(framework(), &city(Level::High, vec![]), &a),
                WarningCode::ShowcaseRisk
            )
            .is_none()
        );
        let mut one = supported();
        set(&mut one, DomainId::Services, 2.0, Some((3, 5)), None);
        assert!(
            warning(
                &advise(framework(), &low_talent, &one),
                WarningCode::ShowcaseRisk
            )
            .is_none()
        );
    }

    #[test]
    fn enablers_missing_when_targets_reach_stage_2_and_enablers_are_below_stage_1() {
        let mut a = assessment();
        set(&mut a, DomainId::Infrastructure, 2.0, None, None);
        set(&mut a, DomainId::Enablers, 0.5, None, None);
        set(&mut a, DomainId::Services, 1.0, Some((2, 3)), None);
        set(&mut a, DomainId::Economy, 0.5, Some((1, 3)), None);
        let advice = advise(framework(), &city(Level::Medium, vec![]), &a);
        assert_eq!(
            warning(&advice, WarningCode::EnablersMissing)
                .unwrap()
                .domains,
            vec![DomainId::Services]
        );
        set(&mut a, DomainId::Enablers, 1.0, None, None);
        assert!(
            warning(
                &advise(framework(), &city(Level::Medium, vec![]), &a),
                WarningCode::EnablersMissing
            )
            .is_none()
        );
    }

    #[test]
    fn not_assessed_names_every_domain_without_answers() {
        let mut a = supported();
        set(&mut a, DomainId::Services, 1.0, Some((2, 3)), None);
        let advice = advise(framework(), &city(Level::Medium, vec![]), &a);
        assert_eq!(
            warning(&advice, WarningCode::NotAssessed).unwrap().domains,
            vec![
                DomainId::Economy,
                DomainId::Governance,
                DomainId::Environment,
                DomainId::Government
            ]
        );
        assert_eq!(advice.domains[1].current, None);
        assert_eq!(advice.domains[1].gap, None);
    }

    #[test]
    fn cases_that_made_the_same_move_come_first() {
        let mut a = supported();
        set(&mut a, DomainId::Economy, 1.2, Some((2, 3)), Some(5));
        let advice = advise(
            framework(),
            &city(Level::Medium, vec![Specialty::Agriculture]),
            &a,
        );
        let cases = &advice.entry_points[0].cases;
        let same_move: Vec<&String> = cases
            .iter()
            .take_while(|id| {
                let c = framework().cases.iter().find(|c| &c.id == *id).unwrap();
                (c.from, c.to) == (1, 2)
            })
            .collect();
        assert!(
            same_move.iter().any(|id| id.starts_with("shen_county")),
            "{cases:?}"
        );
        assert!(
            same_move.iter().any(|id| id.starts_with("baoying")),
            "{cases:?}"
        );
        assert!(cases.iter().all(|id| {
            framework()
                .cases
                .iter()
                .any(|c| &c.id == id && c.domain == DomainId::Economy)
        }));
    }

    #[test]
    fn operating_models_follow_the_kind_of_domain() {
        let c = city(Level::Medium, vec![]);
        assert_eq!(
            operating_model(DomainId::Governance, 2, &c).0,
            OperatingModel::GovernmentLed
        );
        assert_eq!(
            operating_model(DomainId::Services, 2, &c).0,
            OperatingModel::PublicPrivate
        );
        assert_eq!(
            operating_model(DomainId::Economy, 1, &c).0,
            OperatingModel::MarketLed
        );
        assert_eq!(
            operating_model(DomainId::Economy, 2, &c),
            (OperatingModel::PublicPrivate, ModelReason::GuidedPlatform)
        );
        assert_eq!(
            operating_model(DomainId::Infrastructure, 2, &c).0,
            OperatingModel::GovernmentLed
        );
        assert_eq!(
            operating_model(DomainId::Infrastructure, 2, &city(Level::Low, vec![])),
            (
                OperatingModel::PublicPrivate,
                ModelReason::FundingInstalments
            )
        );
    }

    #[test]
    fn the_plan_has_phases_from_the_horizons_and_keeps_the_consultants_edits() {
        let mut a = assessment();
        set(&mut a, DomainId::Infrastructure, 1.0, None, None);
        set(&mut a, DomainId::Enablers, 1.5, None, None);
        set(&mut a, DomainId::Services, 1.0, Some((3, 4)), Some(5));
        set(&mut a, DomainId::Economy, 1.0, Some((2, 1)), Some(4));
        let advice = advise(framework(), &city(Level::High, vec![]), &a);
        type Step = (DomainId, u8, u8, bool);
        let summary: Vec<(usize, Vec<Step>, NaiveDate)> = advice
            .plan
            .iter()
            .map(|p| {
                (
                    p.number,
                    p.moves
                        .iter()
                        .map(|m| (m.domain, m.from, m.to, m.prerequisite))
                        .collect(),
                    p.end,
                )
            })
            .collect();
        let d = |y, m| NaiveDate::from_ymd_opt(y, m, 1).unwrap();
        assert_eq!(
            summary,
            vec![
                // services aims at stage 3: infrastructure and enablers must
                // reach stage 2 first, in a phase of their own that ends
                // halfway to the first step they carry
                (
                    1,
                    vec![
                        (DomainId::Infrastructure, 1, 2, true),
                        (DomainId::Enablers, 1, 2, true)
                    ],
                    d(2026, 7)
                ),
                (2, vec![(DomainId::Economy, 1, 2, false)], d(2027, 1)),
                // services 1 -> 3 over 4 years: one stage every 2 years
                (3, vec![(DomainId::Services, 1, 2, false)], d(2028, 1)),
                (4, vec![(DomainId::Services, 2, 3, false)], d(2030, 1)),
            ]
        );
        assert_eq!(
            advice.plan[1].start,
            d(2026, 7),
            "a phase starts where the last ended"
        );
        // a consultant's owner and dates are kept
        a.plan.insert(
            "2".into(),
            PhaseEdit {
                owner: "Big data bureau".into(),
                start: Some(d(2027, 3)),
                end: Some(d(2028, 6)),
                extra: Extra::new(),
            },
        );
        let advice = advise(framework(), &city(Level::High, vec![]), &a);
        let p2 = &advice.plan[1];
        assert_eq!(
            (p2.owner.as_str(), p2.start, p2.end),
            ("Big data bureau", d(2027, 3), d(2028, 6))
        );
    }
}
