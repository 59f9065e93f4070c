//! The gap and the entry points: the end of the report's method. From one
//! assessment it computes each domain's gap and priority score, ranks the
//! entry points with their reasons, adds the supporting track, the warnings
//! and a phased plan with an operating model per move. Pure: codes and
//! numbers only; `text::advice` turns them into sentences in either
//! language. Every rule names its source ([`crate::core::sources`]): a
//! passage of a source document, or the tool's own convention, marked so.
//!
//! The rules, and where each one acts here:
//! - Demand and scenario first ([`Rule::DemandScenario`], [`Rule::Method`]):
//!   only domains the city has set a target for are entry points, and the
//!   gap and the city's own importance weigh most ([`WEIGHTS`], the tool's
//!   own convention); the survey's attention ranking is a weak prior.
//! - Common + specific ([`Rule::CommonSpecific`]): the report names
//!   services, governance and infrastructure as the common part and
//!   industry and economy as the specific one ([`COMMON`]). That is the one
//!   criterion used; the report's remarks that services and government
//!   efficiency draw every city's attention are about attention, which the
//!   survey ranking already carries.
//! - Start small ([`Rule::StartSmall`]): one entry point, the next single
//!   stage first, only when funding, talent and technology are all short. A
//!   narrow first scenario, a pain point inside the entry point
//!   ([`Rule::PainPoint`]), whenever any of them is short.
//! - Supports alongside, not before ([`Rule::UrgentFirst`]): infrastructure
//!   and enablers shortfalls an entry point needs ([`carries`]) become a
//!   supporting track that starts with the entry point, the stages it needs
//!   first coming first. A smaller city with a weak economic base builds
//!   them light, on provincial and city resources ([`Rule::SupportsLight`]);
//!   a county connects to the city level's infrastructure
//!   ([`Rule::CountyConnect`]); see [`is_county`], [`is_small_and_weak`]. A
//!   support not assessed is "assess first", never "build".
//!   The plan's phases are cut where the entry points' steps end: supports
//!   (and the enablers' own target) join those phases and never form one
//!   before them; a support whose work is all to confirm is a short
//!   "assess first" step (`plan`).
//! - Stage skipping as the report allows it: a jump of more than one stage
//!   is planned as one move only where enablers and infrastructure stand at
//!   the stage below the target and the horizon allows ([`plans_leap`]),
//!   each ground a reason with its own source where it applies
//!   ([`Rule::JumpInfrastructure`], [`Rule::JumpPinghu`], and
//!   [`Rule::LateMover`] for counties only); otherwise one stage at a time.
//!   `stage_skipping` warns only where the horizon is too short for the
//!   moves ([`horizon_too_short`], [`Rule::JumpNeeds`], the tool's own).
//! - Operating model by kind of project ([`Rule::GovernmentLed`],
//!   [`Rule::PublicPrivate`], [`Rule::MarketLed`]), per move: the kind of
//!   project of the target stage's indicators not yet met (the tool's own
//!   classification, [`crate::core::sources::project_kind`]), with the
//!   financing options the sources give for that model.
//! - Warnings with stable codes: see [`WarningCode`]; each has a source.

use std::collections::BTreeMap;

use chrono::{Months, NaiveDate};
use serde::Serialize;

use super::framework::{Case, DomainId, Framework, STAGES};
use super::lang::Text;
use super::maturity::{DomainStatus, assessment_status};
use super::profile::{AnswerValue, Assessment, City, Level, PhaseEdit, Specialty, Target};
use super::sources::{ProjectKind, Rule, project_kind};

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
    /// A domain of the common part (services, governance, infrastructure).
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

/// The report's common part (共性): services, governance and
/// infrastructure ([`Rule::CommonSpecific`]).
pub const COMMON: [DomainId; 3] = [
    DomainId::Services,
    DomainId::Governance,
    DomainId::Infrastructure,
];

/// The domains that carry the others.
pub const SUPPORTS: [DomainId; 2] = [DomainId::Infrastructure, DomainId::Enablers];

/// Entry points recommended when resources allow; one when funding, talent
/// and technology are all short.
pub const MAX_ENTRY_POINTS: usize = 3;

/// A jump of more than one stage needs more than this many years (the
/// tool's own convention, [`Rule::JumpNeeds`]).
pub const SKIP_HORIZON_YEARS: u8 = 2;

/// Whether a supporting domain at `support_level` can carry another domain
/// to `target`: it must have reached the stage just below the target (to
/// reach stage 2 anywhere, infrastructure and enablers must stand at stage
/// 1 at least; to reach stage 3, at stage 2).
pub fn carries(support_level: f64, target: u8) -> bool {
    support_level + 1e-9 >= f64::from(target.saturating_sub(1))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, strum::IntoStaticStr)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
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
    /// The gap factor measured against the engine's suggested target (the
    /// city has set none for the domain and the advice works with the
    /// suggestion), not the city's own; always false for other factors.
    pub suggested: bool,
}

/// Why a domain is not an entry point.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, strum::IntoStaticStr)]
#[serde(tag = "code", rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
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
    /// For an assessed domain without the city's own target: the stage the
    /// engine suggests, for the consultant to accept or edit.
    pub suggested_target: Option<SuggestedTarget>,
    /// The target the advice works with: the city's own, or, when the city
    /// has set none at all, the suggestion.
    pub working_target: Option<Target>,
}

/// A target the engine suggests ([`suggest`]).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SuggestedTarget {
    pub stage: u8,
    pub horizon_years: u8,
    pub reasons: Vec<SuggestReason>,
}

/// Why a target is suggested.
#[derive(Debug, Clone, PartialEq, Serialize, strum::IntoStaticStr)]
#[serde(tag = "code", rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum SuggestReason {
    /// The city rates the domain 4 or 5 in importance.
    Importance { importance: u8 },
    /// The survey ranks it among the top three.
    Attention { rank: u8 },
    /// Economy, and the city has a specialty.
    Specialty,
    /// No domain stands below a target the city set: the next stage of an
    /// assessed domain, so the advice still proposes a staged vision.
    NextStage,
    /// A jump of two stages the report allows here, with what it needs in
    /// place ([`suggest`]); each ground has its own source.
    Leap { grounds: Vec<LeapGround> },
    /// The city's own target for the domain (this stage) is reached already
    /// (at or below today): the suggestion is the next stage beyond it; the
    /// city's own target is kept as it set it.
    OwnTargetReached { stage: u8 },
}

/// Years a suggested single-stage move is given (the tool's own convention,
/// [`Rule::Suggestion`]).
pub const SUGGESTED_HORIZON_YEARS: u8 = 3;

/// Years a suggested jump of two stages is given: one five-year plan
/// period (五年规划), more than [`SKIP_HORIZON_YEARS`] (the tool's own
/// convention, [`Rule::Suggestion`]).
pub const SUGGESTED_LEAP_HORIZON_YEARS: u8 = 5;

/// What [`suggest`] needs to know of the city beyond the domain: whether
/// it is a county (the late mover's advantage) and where its enablers and
/// infrastructure stand (what a jump needs).
#[derive(Debug, Clone, Copy, Default)]
pub struct SuggestContext {
    pub county: bool,
    pub enablers: Option<f64>,
    pub infrastructure: Option<f64>,
}

/// The suggested next stage for an assessed domain without a target, where
/// the city's importance (4 or 5), the survey's attention (top three) or
/// its specialty (economy) point there: the next stage, over
/// [`SUGGESTED_HORIZON_YEARS`].
///
/// With `every`, the suggestion is made for any assessed domain without a
/// target (the city's interest then weighs the suggestion but does not gate
/// it): used when no domain stands below a target the city set.
///
/// A jump of two stages over [`SUGGESTED_LEAP_HORIZON_YEARS`] is suggested
/// instead where the city's own interest points there (not the survey, not
/// `every` alone), the report allows the jump for this domain and city
/// ([`leap_grounds`]: little legacy infrastructure, Pinghu's move into
/// stage 3, a county's late-mover advantage) and what it needs is in place
/// ([`jump_needs`]: enablers and infrastructure at the stage below the
/// target).
pub fn suggest(
    framework: &Framework,
    city: &City,
    status: &DomainStatus,
    every: bool,
    context: SuggestContext,
) -> Option<SuggestedTarget> {
    let d = status.maturity.domain;
    if d == DomainId::Enablers {
        return None;
    }
    let level = status.maturity.level()?;
    // a target of the city's own still above today is the city's vision: no
    // suggestion; one reached already (at or below today) is kept as the
    // city set it, and the next stage is suggested beside it
    let own_reached = match status.target {
        Some(t) if f64::from(t.stage) > level + 1e-9 => return None,
        Some(t) => Some(t.stage),
        None => None,
    };
    let stage = (level.floor().clamp(0.0, f64::from(STAGES)) as u8) + 1;
    if stage > STAGES {
        return None;
    }
    let mut reasons = vec![];
    if let Some(stage) = own_reached {
        reasons.push(SuggestReason::OwnTargetReached { stage });
    }
    if let Some(importance) = status.importance.filter(|i| *i >= 4) {
        reasons.push(SuggestReason::Importance { importance });
    }
    let rank = framework.domain(d).attention_rank;
    if rank <= 3 {
        reasons.push(SuggestReason::Attention { rank });
    }
    if d == DomainId::Economy && !city.specialties.is_empty() {
        reasons.push(SuggestReason::Specialty);
    }
    // the survey alone does not make a suggestion: the city's own interest
    // (importance) or its specialty must point there too
    let own = reasons.iter().any(|r| {
        !matches!(
            r,
            SuggestReason::Attention { .. } | SuggestReason::OwnTargetReached { .. }
        )
    });
    if every && !own {
        reasons.push(SuggestReason::NextStage);
    }
    if !(own || every) {
        return None;
    }
    // a jump where the report allows it and what it needs is in place
    let leap_to = stage + 1;
    if own && leap_to <= STAGES {
        let target = Target::new(leap_to, SUGGESTED_LEAP_HORIZON_YEARS);
        let grounds = leap_grounds(d, Some(level), context.county, leap_to);
        if !grounds.is_empty()
            && jump_needs(
                d,
                stage - 1,
                target,
                context.enablers,
                context.infrastructure,
            )
            .is_empty()
        {
            reasons.push(SuggestReason::Leap { grounds });
            return Some(SuggestedTarget {
                stage: leap_to,
                horizon_years: SUGGESTED_LEAP_HORIZON_YEARS,
                reasons,
            });
        }
    }
    Some(SuggestedTarget {
        stage,
        horizon_years: SUGGESTED_HORIZON_YEARS,
        reasons,
    })
}

impl DomainAdvice {
    /// The whole stage reached today (0 when not assessed).
    pub fn current_stage(&self) -> u8 {
        self.current
            .map(|l| l.floor().clamp(0.0, f64::from(STAGES)) as u8)
            .unwrap_or(0)
    }
}

/// Why a domain is an entry point (each a sentence in `text::advice`, each
/// with its source: [`Reason::rule`]).
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
    /// The common part of every small or medium-sized city's transformation.
    Common,
    /// The city-specific domain, with the city's specialties, the stage it
    /// stands at (the report's path for a specialty is its way from stage 1
    /// to stage 2: [`specialty_path_applies`]) and, where the source states
    /// one, the city's own next step (the id of its own case, whose `next`
    /// holds it: [`own_next_step`]).
    Specialty {
        specialties: Vec<Specialty>,
        from: u8,
        next: Option<String>,
    },
    /// Funding, talent and technology are all short: this one entry point,
    /// the next single stage first.
    StartSmall {
        short: Vec<Resource>,
        target: u8,
        next: u8,
    },
    /// Some resources are short (empty: all three, already named by
    /// [`Reason::StartSmall`]): begin with a narrow first scenario, a pain
    /// point inside the entry point.
    NarrowScenario { short: Vec<Resource> },
    /// A jump of more than one stage, allowed where the report allows it and
    /// with what it needs in place: planned as one move; `grounds` holds the
    /// first ground (each further one is a [`Reason::LeapAlso`]).
    Leap {
        from: u8,
        to: u8,
        grounds: Vec<LeapGround>,
    },
    /// A further ground for the jump, with its own source.
    LeapAlso { ground: LeapGround },
    /// Not assessed yet: the first step is to assess it.
    AssessFirst,
    /// The city has set no target, or its own is reached already
    /// (`own_reached`, that target's stage): the engine suggests this one,
    /// for the consultant to accept or edit.
    Suggested {
        current: f64,
        target: u8,
        horizon_years: u8,
        own_reached: Option<u8>,
    },
}

impl Reason {
    /// The rule the reason applies, and so its source.
    pub fn rule(&self) -> Rule {
        match self {
            Reason::Gap { .. } | Reason::AssessFirst | Reason::Suggested { .. } => Rule::Method,
            Reason::Importance { .. } => Rule::OwnSituation,
            Reason::Specialty { .. } => Rule::DemandScenario,
            Reason::Attention { .. } => Rule::Attention,
            Reason::Common => Rule::CommonSpecific,
            Reason::StartSmall { .. } => Rule::StartSmall,
            Reason::NarrowScenario { .. } => Rule::PainPoint,
            Reason::Leap { grounds, .. } => {
                grounds.first().map(|g| g.rule()).unwrap_or(Rule::JumpNeeds)
            }
            Reason::LeapAlso { ground } => ground.rule(),
        }
    }

    /// The stable code of the reason (the JSON's `reasons[].code`).
    pub fn code(&self) -> &'static str {
        match self {
            Reason::Gap { .. } => "gap",
            Reason::Importance { .. } => "importance",
            Reason::Attention { .. } => "attention",
            Reason::Common => "common",
            Reason::Specialty { .. } => "specialty",
            Reason::StartSmall { .. } => "start_small",
            Reason::NarrowScenario { .. } => "narrow_scenario",
            Reason::Leap { .. } => "leap",
            Reason::LeapAlso { .. } => "leap_also",
            Reason::AssessFirst => "assess_first",
            Reason::Suggested { .. } => "suggested",
        }
    }
}

/// Why the report allows a jump of stages here.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LeapGround {
    /// Infrastructure with little legacy to replace (not past stage 1): the
    /// city-level platform can be planned whole and built new.
    LittleLegacy,
    /// A county: the late mover's advantage.
    LateMover,
    /// Pinghu went into stage 3.
    Precedent,
}

impl LeapGround {
    /// The passage the ground rests on.
    pub fn rule(self) -> Rule {
        match self {
            LeapGround::LittleLegacy => Rule::JumpInfrastructure,
            LeapGround::LateMover => Rule::LateMover,
            LeapGround::Precedent => Rule::JumpPinghu,
        }
    }
}

/// What a jump of stages needs and lacks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, strum::IntoStaticStr)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Need {
    /// Enablers at the stage below the target (or not assessed).
    Enablers,
    /// Infrastructure at the stage below the target (or not assessed).
    Infrastructure,
    /// More than [`SKIP_HORIZON_YEARS`] years.
    Time,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, strum::IntoStaticStr)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Resource {
    Funding,
    Talent,
    Technology,
}

/// One aspect of a domain, from today's stage to the target's.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    pub aspect: String,
    /// Today's stage (0: not yet at stage 1, no description). For an
    /// entry point, the domain's stage; in the enablers package, the
    /// aspect's own stage read from its indicators ([`aspect_stage`]), and
    /// it may already be at `to` or above (in place: keep it).
    pub from: u8,
    pub to: u8,
    /// Whether `from` rests on answers: the domain is assessed (an entry
    /// point), or one of the aspect's indicators has a scored answer (the
    /// enablers package).
    pub assessed: bool,
    /// The enablers package: the lowest stage above `from` (up to `to`)
    /// whose indicator of the aspect is answered partly (in place in part:
    /// to complete and confirm, not absent).
    pub partly: Option<u8>,
}

impl Change {
    /// Whether the aspect already stands at the stage asked for.
    pub fn in_place(&self) -> bool {
        self.assessed && self.from >= self.to
    }
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

    /// The county article's rule for this model.
    pub fn rule(self) -> Rule {
        match self {
            OperatingModel::GovernmentLed => Rule::GovernmentLed,
            OperatingModel::PublicPrivate => Rule::PublicPrivate,
            OperatingModel::MarketLed => Rule::MarketLed,
        }
    }

    /// The model for a kind of project (the county article's rule).
    pub fn for_kind(kind: ProjectKind) -> OperatingModel {
        match kind {
            ProjectKind::Management
            | ProjectKind::PublicInfrastructure
            | ProjectKind::PublicGood => OperatingModel::GovernmentLed,
            ProjectKind::QuasiPublic => OperatingModel::PublicPrivate,
            ProjectKind::MarketValue => OperatingModel::MarketLed,
        }
    }

    /// The financing options the sources give for this model, each with
    /// its source ([`Financing::rule`]).
    pub fn financing(self) -> Vec<Financing> {
        match self {
            OperatingModel::GovernmentLed => {
                vec![Financing::FiscalOneOff, Financing::InstalmentBuyback]
            }
            OperatingModel::PublicPrivate => vec![
                Financing::DirectFundingOrConcession,
                Financing::FirmInvestsGovernmentBuysInInstalments,
            ],
            OperatingModel::MarketLed => vec![Financing::PolicyGuidance],
        }
    }
}

/// Why an operating model fits: the kind of project (seed 002's rule:
/// government-led for management, public infrastructure and pure
/// public-good projects, public-private for quasi-public services,
/// market-led where there is clear market value).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ModelReason {
    PublicFunction,
    PublicService,
    MarketValue,
    /// The move's work mixes market-value items with public ones: no item
    /// is outvoted, government and firms run it together.
    Mixed,
    /// The city's own case in the report describes its model.
    OwnCase,
}

/// Where the city's own case in the report describes how it runs and pays
/// for a domain's work: (the city's Chinese name, domain, model, the
/// passage). The case wins over the tool's kinds, as it does for the
/// stage text.
pub const OWN_CASE_MODELS: &[(&str, DomainId, OperatingModel, Rule)] = &[
    // seed 001: 莘县的经验是，坚持需求导向，通过政府购买服务方式 (the
    // government buys the services firms build and run: the public-private
    // arrangement seed 000 also describes for Shen County)
    (
        "莘县",
        DomainId::Economy,
        OperatingModel::PublicPrivate,
        Rule::ShenOwnModel,
    ),
    // seed 000 on Shen County's funding: part of the digital infrastructure
    // built by firms' investment, the government buying the services in
    // instalments, named there a public-private cooperation (公私合作模式)
    (
        "莘县",
        DomainId::Infrastructure,
        OperatingModel::PublicPrivate,
        Rule::ShenInstalments,
    ),
    // seed 000: Kashiwa-no-ha's energy work "由官民学共同推进" (government,
    // business and academia together)
    (
        "柏之叶",
        DomainId::Environment,
        OperatingModel::PublicPrivate,
        Rule::KashiwaOwnModel,
    ),
    // seed 001: Fukuoka's health platform "藉由政府开放数据、企业提供分析技术的
    // 政企合作模式"
    (
        "福冈",
        DomainId::Services,
        OperatingModel::PublicPrivate,
        Rule::FukuokaOwnModel,
    ),
    // seed 001: Pengshui's culture and tourism, "政府积极与互联网企业联合"
    (
        "彭水县",
        DomainId::Economy,
        OperatingModel::PublicPrivate,
        Rule::PengshuiOwnModel,
    ),
    // seed 000: Aizuwakamatsu, in its infrastructure case, "在合作模式方面，该市
    // 通过多元主体协作" (the city, its university and local firms)
    (
        "会津若松",
        DomainId::Infrastructure,
        OperatingModel::PublicPrivate,
        Rule::AizuOwnModel,
    ),
    // seed 000: Aizuwakamatsu's services are its own case's way in: the
    // city government and the University of Aizu "联合当地企业共同启动了多方
    // 合作的“会津若松智慧城市”项目…以公共服务的便利化提供为切入点" (the capture
    // garbles 当地企业: the quote starts after it)
    (
        "会津若松",
        DomainId::Services,
        OperatingModel::PublicPrivate,
        Rule::AizuServicesModel,
    ),
    // seed 000: Pinghu's platform innovation 3, "开展政府投资信息化平台建设
    // 模式的创新：政府通过投资积累相关知识产权，并基于知识产权来与企业共同推动
    // 平台的商业化、产品化" (the government invests and leads; firms join to
    // commercialise): its infrastructure and the governance scenarios the
    // platform supports (城市治理多跨场景)
    (
        "平湖",
        DomainId::Governance,
        OperatingModel::GovernmentLed,
        Rule::PinghuOwnModel,
    ),
    (
        "平湖",
        DomainId::Infrastructure,
        OperatingModel::GovernmentLed,
        Rule::PinghuOwnModel,
    ),
    // (not added: Suzhou, Baoying and Kaifeng: the report states no
    // operating model for them)
];

/// The case whose practice the instalment financing is
/// ([`Financing::FirmInvestsGovernmentBuysInInstalments`], seed 000 on Shen
/// County's funding): that city's own practice, any other city's example.
pub const INSTALMENTS_CASE: &str = "shen_county_enablers";

/// Whether `city` is the city whose own practice the instalment financing
/// is ([`INSTALMENTS_CASE`]).
pub fn instalments_are_own(framework: &Framework, city: &City) -> bool {
    framework
        .cases
        .iter()
        .any(|c| c.id == INSTALMENTS_CASE && is_own_case(c, city))
}

/// A way to pay for a move, as the sources give it for its model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Financing {
    /// Government-led: a one-off payment from the budget (财政一次性支付).
    FiscalOneOff,
    /// Government-led: purchase and buyback in instalments (分期购买赎回).
    InstalmentBuyback,
    /// Public-private: the government funds the public part directly or
    /// grants a concession.
    DirectFundingOrConcession,
    /// Public-private: firms invest in part of the infrastructure and the
    /// government buys the services in instalments (Shen County).
    FirmInvestsGovernmentBuysInInstalments,
    /// Market-led: firms invest; the government guides with industrial and
    /// fiscal policy.
    PolicyGuidance,
}

impl Financing {
    pub fn id(self) -> &'static str {
        match self {
            Financing::FiscalOneOff => "fiscal_one_off",
            Financing::InstalmentBuyback => "instalment_buyback",
            Financing::DirectFundingOrConcession => "direct_funding_or_concession",
            Financing::FirmInvestsGovernmentBuysInInstalments => "firm_invests_instalments",
            Financing::PolicyGuidance => "policy_guidance",
        }
    }

    pub fn rule(self) -> Rule {
        match self {
            Financing::FiscalOneOff | Financing::InstalmentBuyback => Rule::GovernmentFinancing,
            Financing::DirectFundingOrConcession => Rule::PublicPrivateRoles,
            Financing::FirmInvestsGovernmentBuysInInstalments => Rule::ShenInstalments,
            Financing::PolicyGuidance => Rule::MarketLed,
        }
    }

    /// Whether it commits future budgets (then the tool adds its own
    /// caution, [`Rule::FinancingCaution`], labelled as such).
    pub fn commits_future_budgets(self) -> bool {
        matches!(
            self,
            Financing::InstalmentBuyback | Financing::FirmInvestsGovernmentBuysInInstalments
        )
    }
}

/// The operating model of a move, from the kind of project it calls for.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MoveModel {
    pub model: OperatingModel,
    pub reason: ModelReason,
    /// The kind of project most of the move's work is (the tool's own
    /// classification).
    pub kind: ProjectKind,
    pub financing: Vec<Financing>,
    /// Each model the move's work calls for, with its number of items, when
    /// the items disagree (empty when they all call for one model).
    pub mix: Vec<(OperatingModel, usize)>,
    /// The city's own case that sets the model, if any
    /// ([`OWN_CASE_MODELS`]).
    pub own_case: Option<Rule>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EntryPoint {
    pub domain: DomainId,
    pub rank: usize,
    /// The stage to aim at first: the target, or the next single stage when
    /// funding, talent and technology are all short.
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
    /// The operating model of the move to `next_target`, with its kind of
    /// project and financing.
    pub model: MoveModel,
    /// Whether it rests on a suggested target, not the city's own.
    pub suggested: bool,
}

/// A supporting domain an entry point needs at a higher stage (kept with
/// its documented keys; it runs alongside the entry point, see
/// [`Support`]).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Prerequisite {
    pub domain: DomainId,
    /// The supporting domain's level today (`None`: not assessed).
    pub current: Option<f64>,
    /// The stage it must reach.
    pub needed: u8,
    /// The entry points that need it.
    pub for_domains: Vec<DomainId>,
    pub operating_model: OperatingModel,
    pub model_reason: ModelReason,
}

/// What a supporting track does first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, strum::IntoStaticStr)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum SupportAction {
    /// Not assessed: assess it first, never "build".
    AssessFirst,
    /// Build the stages it lacks, alongside the entry point.
    Build,
}

/// How a support is built, each with its condition and source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SupportWay {
    /// Always: in phases, what the entry point needs first coming first.
    UrgentFirst,
    /// A smaller city with a weak economic base (infrastructure): on
    /// provincial and city resources, light, service-based, shared.
    Light,
    /// A county (infrastructure): connect to the city level's cloud and data
    /// centre rather than build them again.
    ConnectToCity,
}

impl SupportWay {
    pub fn rule(self) -> Rule {
        match self {
            SupportWay::UrgentFirst => Rule::UrgentFirst,
            SupportWay::Light => Rule::SupportsLight,
            SupportWay::ConnectToCity => Rule::CountyConnect,
        }
    }

    pub fn id(self) -> &'static str {
        match self {
            SupportWay::UrgentFirst => "urgent_first",
            SupportWay::Light => "light",
            SupportWay::ConnectToCity => "connect_to_city",
        }
    }
}

/// A supporting track: infrastructure or enablers, starting with the entry
/// point that needs it and running alongside it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Support {
    pub domain: DomainId,
    pub current: Option<f64>,
    pub needed: u8,
    pub for_domains: Vec<DomainId>,
    /// The entry point it starts with (the first that needs it).
    pub starts_with: DomainId,
    pub action: SupportAction,
    pub ways: Vec<SupportWay>,
    /// The indicators to work on (or, not assessed, to assess, with those
    /// answered partly, to complete), the lowest stage first: what the
    /// entry point needs first comes first.
    pub first: Vec<String>,
    /// How many of `first` have no scored answer (to answer).
    pub to_answer: usize,
    pub model: MoveModel,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum WarningCode {
    /// A jump of more than one stage while what it needs is missing.
    StageSkipping,
    /// Several stage-3 targets while funding, talent or technology is low:
    /// the "bonsai" showcase pattern of the county article.
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
    /// A stage whose level rests on answers to fewer than half of its
    /// indicators: a first reading, not a finding yet (per stage).
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

    /// The rule the warning applies, and so its source.
    pub fn rule(self) -> Rule {
        match self {
            WarningCode::StageSkipping => Rule::JumpNeeds,
            WarningCode::ShowcaseRisk => Rule::Showcase,
            WarningCode::EnablersMissing => Rule::EnablersAlways,
            WarningCode::InfrastructurePrerequisite => Rule::Carries,
            WarningCode::NotAssessed | WarningCode::NoTargets | WarningCode::TargetsMet => {
                Rule::Method
            }
            WarningCode::ThinEvidence => Rule::Evidence,
        }
    }
}

/// One stage of one domain, with its evidence (scored answers over
/// applicable indicators).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct StageRef {
    pub domain: DomainId,
    pub stage: u8,
    pub scored: usize,
    pub total: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Warning {
    pub code: WarningCode,
    pub domains: Vec<DomainId>,
    /// `thin_evidence`: the stages named.
    pub stages: Vec<StageRef>,
    /// `stage_skipping`: what the jump lacks.
    pub missing: Vec<Need>,
    /// `stage_skipping`: of `missing`, the supports not assessed at all
    /// (the jump may lack them: the tool cannot tell until they are
    /// assessed).
    pub unassessed: Vec<Need>,
    /// `showcase_risk`: which of its patterns hold, each with its domains.
    pub showcase: Vec<ShowcasePart>,
    /// `showcase_risk`: the display-type indicators in place (met or
    /// partly) or aimed at by a target ([`DISPLAY`]).
    pub display: Vec<String>,
    /// `showcase_risk`: the use-and-operation indicators not met yet
    /// ([`OPERATION`]; not applicable left out).
    pub unoperated: Vec<String>,
    /// `targets_met`: the domains whose suggested next target the advice
    /// works with instead.
    pub suggested: Vec<DomainId>,
    /// `showcase_risk`: what is displayed, in the answers' own evidence (the
    /// first sentence of the note on each display-type item found built:
    /// Baoying's "利用大屏指挥中心进行数据展示"), so the warning names it.
    pub displayed: Vec<Text>,
    /// `showcase_risk` on targets outrunning the enablers: the enablers'
    /// level and the stage they would need to carry those targets.
    pub enablers_level: Option<f64>,
    pub enablers_needed: Option<u8>,
    /// `showcase_risk`: the plan phase whose check confirms the use and
    /// operation of what is built ([`OperationCheck`]), if the plan has one.
    pub check_phase: Option<usize>,
}

impl Warning {
    pub fn new(code: WarningCode, domains: Vec<DomainId>) -> Warning {
        Warning {
            code,
            domains,
            stages: vec![],
            missing: vec![],
            unassessed: vec![],
            showcase: vec![],
            display: vec![],
            unoperated: vec![],
            suggested: vec![],
            displayed: vec![],
            check_phase: None,
            enablers_level: None,
            enablers_needed: None,
        }
    }
}

/// The patterns of the showcase risk (seed 002's 盆景展示型: "建大屏、做展示、
/// 接系统" without judging real need, for want of long-term operation).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, strum::IntoStaticStr)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum ShowcaseBasis {
    /// Display-type capabilities in place or targeted while what says they
    /// are used and operated is not met.
    DisplayWithoutOperation,
    /// Targets beyond what the enablers carry (they stand below the stage
    /// under the target).
    TargetsOutrunEnablers,
    /// Several stage-3 targets while funding, talent or technology is low.
    TopTargetsShortResources,
}

/// One pattern of the showcase risk and the domains it concerns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ShowcasePart {
    pub basis: ShowcaseBasis,
    pub domains: Vec<DomainId>,
}

/// Display-type capabilities: what the showcase pattern builds (a
/// city-level operations platform with its command screen, a digital twin,
/// a city operating system or "city brain"). The tool's own reading of
/// which indicators these are ([`Rule::Showcase`] is the pattern's source).
pub const DISPLAY: [&str; 4] = [
    "governance.s2.cross_department_dispatch",
    "governance.s3.self_optimising_operations",
    "infrastructure.s3.digital_twin",
    "infrastructure.s3.city_operating_system",
];

/// Whether the platforms, command centre and screens built are used in
/// day-to-day work (以用为主): the first of [`OPERATION`]. Answered short of
/// met, it also says such display-type capabilities are built.
pub const USE_CHECK: &str = "governance.s2.platforms_in_use";

/// What shows that what was built is used and run over the years: usage
/// (以用为主), people and budget to run it (长效运营), one operator (a local
/// operating company in a county), and operation planned with the funding.
pub const OPERATION: [&str; 4] = [
    "governance.s2.platforms_in_use",
    "infrastructure.s2.long_term_operation",
    "infrastructure.s2.single_operator",
    "enablers.s2.funding_operations_plan",
];

/// What shows that a display-type capability is used in daily work and
/// has the people and budget to run it over the years: the two of
/// [`OPERATION`] an [`OperationCheck`] confirms.
pub const CHECKED: [&str; 2] = [USE_CHECK, "infrastructure.s2.long_term_operation"];

/// A check in the plan's first phase, where the showcase risk
/// ([`WarningCode::ShowcaseRisk`]) fires on a display-type capability
/// already built (Baoying's big-screen command centre, "利用大屏指挥中心进行
/// 数据展示"): confirm it is used in daily work and has the people and
/// budget to run it over the years before more is built on it (seed 002:
/// the 盆景 pattern's "根本原因在于缺乏长效运营理念", [`Rule::LongTermOperation`]).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OperationCheck {
    /// The domains the capability serves (the warning's).
    pub domains: Vec<DomainId>,
    /// The use-and-operation indicators to confirm ([`CHECKED`], those not
    /// met yet; else the warning's other ones not met).
    pub indicators: Vec<String>,
}

/// The check the showcase warning `w` calls for: only where its
/// display-without-operation pattern fires on something already built (an
/// item of [`DISPLAY`] answered met or partly, or the use check answered
/// short of met, which says the screens are built), not on a target alone.
pub fn operation_check(assessment: &Assessment, w: &Warning) -> Option<OperationCheck> {
    let part = w
        .showcase
        .iter()
        .find(|p| p.basis == ShowcaseBasis::DisplayWithoutOperation)?;
    let built = w.display.iter().any(|id| match assessment.answer(id) {
        AnswerValue::Met | AnswerValue::Partly => true,
        AnswerValue::NotMet => id == USE_CHECK,
        _ => false,
    });
    if !built || w.unoperated.is_empty() {
        return None;
    }
    let checked: Vec<String> = CHECKED
        .iter()
        .filter(|id| w.unoperated.iter().any(|u| u == *id))
        .map(|id| id.to_string())
        .collect();
    Some(OperationCheck {
        domains: part.domains.clone(),
        indicators: if checked.is_empty() {
            w.unoperated.clone()
        } else {
            checked
        },
    })
}

/// One step of one domain in the plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Move {
    pub domain: DomainId,
    pub from: u8,
    pub to: u8,
    /// Whether it is a supporting move (infrastructure, enablers) rather
    /// than an entry point's; it runs alongside the entry point.
    pub prerequisite: bool,
    /// The move's operating model, from the kind of project it calls for.
    pub model: MoveModel,
    /// The work: the target stages' indicators not met yet, the lowest
    /// stage first, each with the outcomes to measure it by.
    pub work: Vec<Work>,
    /// Who would carry the move, by its operating model ([`Owner`]).
    pub owners: Vec<Owner>,
    /// The consultant's owner for this move ([`Assessment::plan_moves`]),
    /// empty when none is set.
    pub owner: String,
    /// The consultant's dates for this move, if set.
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
    /// A move whose work is all to confirm (no scored answer yet): a short
    /// step ([`ASSESS_FIRST_MONTHS`]), assess first and then build only
    /// what is missing; on the supporting track never a phase of its own
    /// ([`Rule::UrgentFirst`]). An entry point's step is one only where it
    /// finishes a stage the city is at least half into.
    pub assess_first: bool,
    /// The move starts below stage 1 while stage 1 rests on too few
    /// answers (none, or a thin stage: fewer than three quarters of its
    /// indicators): "stage 1 not assessed", not "not yet at stage 1" (the
    /// reports say "stage 1 under way" instead where the level is above 0).
    pub from_unassessed: bool,
    /// When the move itself runs, as computed from the targets' horizons:
    /// from the end of the domain's step before it (or the assessment's
    /// date) to its own end. A move starts within its phase (the phases are
    /// cut where the entry points' steps start; every entry point starts at
    /// once) and may run on across the phases after it.
    pub planned_start: NaiveDate,
    pub planned_end: NaiveDate,
}

/// One piece of a move's work: an indicator of the target stage not met
/// yet, and how to measure it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Work {
    pub indicator: String,
    pub stage: u8,
    /// The outcomes library's measures that fit it
    /// ([`Framework::outcomes_for`]); empty when none does.
    pub outcomes: Vec<String>,
    /// The consultant's own measurable outcome for it (empty: to fill).
    pub outcome: String,
    /// No scored answer yet (unknown or not asked): to confirm with the
    /// city before it is work to do (it may be in place already).
    pub confirm: bool,
    /// The kind of project this item is (the tool's own classification,
    /// [`project_kind`]) and the operating model it calls for by seed
    /// 002's rule ([`OperatingModel::for_kind`]): the items the move's
    /// `mix` counts.
    pub kind: ProjectKind,
    pub model: OperatingModel,
    /// Answered `partly`: in place in part, the work is to complete and
    /// confirm it, not to set it up as if it were absent.
    pub partly: bool,
    /// The first of `outcomes` is the city's own figure, from the report's
    /// case on the city: a baseline where it stands, never a benchmark to
    /// reach (Kashiwa-no-ha's 11% saving is already its own).
    pub own_figure: bool,
    /// Answered partly: the first sentence (or clause) of the answer's
    /// evidence note, in each language the note has ([`evidence`]), so the
    /// item reads with what the report says of it, not as if absent. (Not
    /// for an item to confirm: an unknown answer's note says why it is not
    /// known, which is no evidence.)
    pub evidence: Option<Text>,
}

/// The compact evidence of an answer: the first sentence (up to the first
/// full stop or semicolon) of its note, per language. A note in both
/// languages (`note_text`) gives both; a plain note only the language it is
/// written in (Chinese when it holds CJK characters), the other left empty.
pub fn evidence(answer: &crate::core::profile::Answer) -> Option<Text> {
    fn first(note: &str, zh: bool) -> String {
        let note = note.trim();
        let cut = if zh {
            note.find(['。', '；']).map(|i| &note[..i])
        } else {
            [". ", "; "]
                .iter()
                .filter_map(|sep| note.find(sep))
                .min()
                .map(|i| &note[..i])
        };
        let s = cut.unwrap_or(note).trim_end_matches(['.', '。', ';', '；']);
        s.trim().to_string()
    }
    let text = match &answer.note_text {
        Some(t) if !t.is_blank() => Text::new(first(&t.zh, true), first(&t.en, false)),
        _ => {
            let note = answer.note.as_deref()?.trim();
            let cjk = |t: &str| t.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
            // (a plain note written "English / 中文" gives each its own)
            match note.split_once(" / ") {
                Some((en, zh)) if !cjk(en) && cjk(zh) => {
                    Text::new(first(zh, true), first(en, false))
                }
                _ if cjk(note) => Text::new(first(note, true), ""),
                _ => Text::new("", first(note, false)),
            }
        }
    };
    (!text.is_blank()).then_some(text)
}

/// Infrastructure stage 1: departments run their own server rooms or data
/// platforms (or rent cloud services) for their applications.
pub const DEPARTMENT_COMPUTING: &str = "infrastructure.s1.department_computing";

/// Who would carry a move, by its operating model (the county article:
/// government-led projects are run by the government, which brings in a
/// professional operation and maintenance provider where its own capacity
/// is short; public-private ones by the government with partner firms it
/// recruits; market-led ones by firms, the government guiding).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Owner {
    /// The domain's competent department, under the city's lead body.
    LeadDepartment,
    /// A professional operation and maintenance provider, authorised by
    /// the government.
    OperationsProvider,
    /// Partner firms the government recruits.
    PartnerFirms,
    /// Firms investing and running it.
    Firms,
    /// The government guiding with industrial and fiscal policy and
    /// regulating the market.
    GovernmentGuidance,
}

impl Owner {
    pub fn id(self) -> &'static str {
        match self {
            Owner::LeadDepartment => "lead_department",
            Owner::OperationsProvider => "operations_provider",
            Owner::PartnerFirms => "partner_firms",
            Owner::Firms => "firms",
            Owner::GovernmentGuidance => "government_guidance",
        }
    }

    /// The owners a model suggests.
    pub fn for_model(model: OperatingModel) -> Vec<Owner> {
        Owner::for_move(model, ProjectKind::PublicInfrastructure)
    }

    /// The owners of a move by its model and kind of project: management
    /// work (an organisation, a plan, rules) is the government's own, with
    /// no operator to bring in (the review of the example cities: an
    /// operations contractor cannot own organisational reform).
    pub fn for_move(model: OperatingModel, kind: ProjectKind) -> Vec<Owner> {
        match model {
            OperatingModel::GovernmentLed if kind == ProjectKind::Management => {
                vec![Owner::LeadDepartment]
            }
            OperatingModel::GovernmentLed => vec![Owner::LeadDepartment, Owner::OperationsProvider],
            OperatingModel::PublicPrivate => vec![Owner::LeadDepartment, Owner::PartnerFirms],
            OperatingModel::MarketLed => vec![Owner::Firms, Owner::GovernmentGuidance],
        }
    }
}

/// The work of a move from `from` to `to` in `domain`: the indicators of
/// the stages above `from` up to `to` not met yet (not applicable left
/// out), the lowest stage first, each with the outcomes that fit it and
/// the consultant's own outcome from `edit`. In economy, an outcome drawn
/// from a case is offered only to a city that shares the specialty whose
/// path that case belongs to (a tourism county is not offered a farm's
/// water savings).
pub fn move_work(
    framework: &Framework,
    city: &City,
    assessment: &Assessment,
    domain: DomainId,
    from: u8,
    to: u8,
) -> Vec<Work> {
    let edit = assessment
        .plan_moves
        .get(&crate::core::profile::move_key(domain, from, to));
    // a county, or a smaller city with a weak economic base, connects to
    // the city's or the province's cloud and data centre rather than give
    // each department its own server room: that stage-1 state is no work to
    // do there ([`Rule::CountyConnect`], [`Rule::SupportsLight`])
    let connects =
        domain == DomainId::Infrastructure && (is_county(city) || is_small_and_weak(city));
    let ids: Vec<String> = open_indicators(framework, assessment, domain, from, to, false)
        .into_iter()
        .filter(|id| !(connects && id == DEPARTMENT_COMPUTING))
        .collect();
    // an outcome that fits several items of the move is offered once, for
    // the item it names first (its main fit): Kaifeng's cases handled and
    // reply rate measure the performance item, not also the dispatch one
    let outcomes_of = |id: &str| -> Vec<String> {
        outcomes_for_city(framework, city, domain, id)
            .into_iter()
            .filter(|o| {
                let Some(o) = framework.outcomes.iter().find(|x| &x.id == o) else {
                    return true;
                };
                o.indicators
                    .iter()
                    .find(|i| ids.contains(i))
                    .is_none_or(|first| first == id)
            })
            .collect()
    };
    ids.iter()
        .cloned()
        .map(|id| Work {
            stage: framework.indicator(&id).map(|r| r.level).unwrap_or(to),
            outcomes: outcomes_of(&id),
            outcome: edit
                .and_then(|e| e.outcomes.get(&id).cloned())
                .unwrap_or_default(),
            confirm: assessment.answer(&id).score().is_none(),
            kind: project_kind(&id).unwrap_or(usual_kind(domain)),
            model: OperatingModel::for_kind(project_kind(&id).unwrap_or(usual_kind(domain))),
            partly: assessment.answer(&id) == AnswerValue::Partly,
            // the evidence of what is partly in place; an unknown answer's
            // note says why it is not known ("the report does not describe
            // this"), which is no evidence
            evidence: (assessment.answer(&id) == AnswerValue::Partly)
                .then(|| assessment.answers.get(&id))
                .flatten()
                .and_then(evidence),
            own_figure: outcomes_of(&id)
                .first()
                .and_then(|o| framework.outcomes.iter().find(|x| &x.id == o))
                .filter(|o| !is_next_step(o))
                .and_then(|o| o.case.as_ref())
                .and_then(|c| framework.cases.iter().find(|x| &x.id == c))
                .is_some_and(|c| is_own_case(c, city)),
            indicator: id,
        })
        .collect()
}

/// An outcome that is a case's own next step, with no figure (its
/// `next_step`; its `example` says the report gives none): the measure is the city's to take up, no
/// benchmark is borrowed for it (Suzhou's "从政府内部数据共享到对外开放": the
/// number of datasets opened, not London's 700).
pub fn is_next_step(outcome: &super::framework::Outcome) -> bool {
    outcome.next_step
}

/// The outcomes that fit indicator `id` for `city`, best first: the city's
/// own figures first (the report's case on the city: a baseline it can
/// measure itself against), then the library's in its order. In economy a
/// figure drawn from a case is offered only for the specialty the city
/// leads with (its first): a tourism county is offered its visitors and
/// tourism revenue, not a farm's water savings or prices, even if it farms
/// too; with none, the outcome is the consultant's to set.
pub fn outcomes_for_city(
    framework: &Framework,
    city: &City,
    domain: DomainId,
    id: &str,
) -> Vec<String> {
    // which of the city's specialties (in its order) a case's path belongs
    // to
    let rank = |case: &Option<String>| -> Option<usize> {
        let case = case.as_ref()?;
        city.specialties.iter().position(|sp| {
            framework
                .specialties
                .iter()
                .any(|p| p.id == sp.as_str() && p.cases.contains(case))
        })
    };
    let own = |case: &Option<String>| {
        case.as_ref()
            .and_then(|c| framework.cases.iter().find(|x| &x.id == c))
            .is_some_and(|c| is_own_case(c, city))
    };
    let mut fit: Vec<_> = framework
        .outcomes_for(id)
        // a case's next step without a figure (Suzhou's opening of data),
        // or a figure that fits only the case's own item (Fukuoka's medical
        // savings on its health platform), is that city's own measure only
        .filter(|o| !(is_next_step(o) || o.own_only) || own(&o.case))
        .filter(|o| {
            domain != DomainId::Economy
                || city.specialties.is_empty()
                || o.case.is_none()
                || rank(&o.case).is_some()
        })
        .collect();
    if domain == DomainId::Economy && !city.specialties.is_empty() {
        fit.retain(|o| o.case.is_none() || rank(&o.case) == Some(0));
    }
    // (a stable sort: the library's order within each group)
    fit.sort_by_key(|o| !own(&o.case));
    fit.into_iter().map(|o| o.id.clone()).collect()
}

/// A phase of the plan: the moves that start within it (a move may run on
/// into the phases after it; see [`Move::planned_end`]).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Phase {
    /// 1, 2, ...: the key under which the consultant's edits are saved.
    pub number: usize,
    pub moves: Vec<Move>,
    /// Checks to make in this phase, before more is built on what they
    /// check ([`OperationCheck`]; the first phase only).
    pub checks: Vec<OperationCheck>,
    pub owner: String,
    pub start: NaiveDate,
    pub end: NaiveDate,
}

/// A note the consultant made on the plan (an owner, dates, outcomes) whose
/// move or phase is no longer in the plan (the targets or the answers
/// changed): kept and shown, never dropped, so nothing typed is lost.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OrphanNote {
    /// The key it is saved under: a move's ([`crate::core::profile::move_key`],
    /// `"economy:1-2"`) or, for the older per-phase notes, the phase number.
    pub key: String,
    /// The move it was made for, when the key names one.
    pub domain: Option<DomainId>,
    pub from: Option<u8>,
    pub to: Option<u8>,
    /// The phase it was made for (the older per-phase notes).
    pub phase: Option<usize>,
    pub owner: String,
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
    /// The consultant's outcomes, by indicator id.
    pub outcomes: BTreeMap<String, String>,
}

/// The consultant's plan notes that no move or phase of `plan` carries
/// ([`OrphanNote`]): move notes first, in key order, then phase notes.
pub fn orphan_notes(assessment: &Assessment, plan: &[Phase]) -> Vec<OrphanNote> {
    let live: Vec<String> = plan
        .iter()
        .flat_map(|p| &p.moves)
        .map(|m| crate::core::profile::move_key(m.domain, m.from, m.to))
        .collect();
    let mut out = vec![];
    for (key, edit) in &assessment.plan_moves {
        if edit.is_empty() || live.contains(key) {
            continue;
        }
        let parsed = crate::core::profile::parse_move_key(key);
        out.push(OrphanNote {
            key: key.clone(),
            domain: parsed.map(|p| p.0),
            from: parsed.map(|p| p.1),
            to: parsed.map(|p| p.2),
            phase: None,
            owner: edit.owner.clone(),
            start: edit.start,
            end: edit.end,
            outcomes: edit.outcomes.clone(),
        });
    }
    for (key, edit) in &assessment.plan {
        let number = key.trim().parse::<usize>().ok();
        let live = number.is_some_and(|n| n >= 1 && n <= plan.len());
        let empty = edit.owner.trim().is_empty() && edit.start.is_none() && edit.end.is_none();
        if live || empty {
            continue;
        }
        out.push(OrphanNote {
            key: key.clone(),
            domain: None,
            from: None,
            to: None,
            phase: number,
            owner: edit.owner.clone(),
            start: edit.start,
            end: edit.end,
            outcomes: BTreeMap::new(),
        });
    }
    out
}

/// Everything the engine gives for one assessment.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Advice {
    pub domains: Vec<DomainAdvice>,
    pub entry_points: Vec<EntryPoint>,
    pub prerequisites: Vec<Prerequisite>,
    /// The supporting tracks, alongside the entry points.
    pub supports: Vec<Support>,
    pub warnings: Vec<Warning>,
    /// The enablers' aspects, always part of the plan (the report: whatever
    /// the entry point), with the stage each should reach.
    pub enablers: Vec<Change>,
    pub plan: Vec<Phase>,
    /// The consultant's plan notes whose move or phase is no longer in the
    /// plan ([`orphan_notes`]).
    pub orphans: Vec<OrphanNote>,
    /// Resources the city rates low.
    pub short_resources: Vec<Resource>,
    /// Whether the tool reads the city as a county ([`is_county`]).
    pub county: bool,
    /// Whether the tool reads it as a smaller city with a weak economic
    /// base ([`is_small_and_weak`]).
    pub small_and_weak: bool,
    /// The domains of the plan whose horizon is over
    /// [`LONG_HORIZON_YEARS`]: the plan remarks that it should be revisited
    /// at each five-year plan period ([`Rule::LongHorizon`]).
    pub long_horizon: Vec<DomainId>,
}

impl Advice {
    /// Every move of the plan, phase by phase.
    pub fn moves(&self) -> impl Iterator<Item = &Move> {
        self.plan.iter().flat_map(|p| &p.moves)
    }
}

/// A county, as the tool recognises one ([`Rule::CityKind`], its own
/// convention): a Chinese name ending in 县 or 旗, or an English name with
/// "County".
pub fn is_county(city: &City) -> bool {
    let zh = city.name.zh.trim();
    zh.ends_with('县')
        || zh.ends_with('旗')
        || city
            .name
            .en
            .split_whitespace()
            .any(|w| w.eq_ignore_ascii_case("county"))
}

/// The largest population of a small city in the report's bands (5万-20万).
pub const SMALL_CITY_POPULATION: u64 = 200_000;

/// A smaller city with a weak economic base ([`Rule::CityKind`]), the
/// condition seed 000 attaches to building infrastructure light
/// ("人口规模较小和经济基础较薄弱的中小城市"): population at most
/// [`SMALL_CITY_POPULATION`] and funding rated low. (Before the ninth review
/// either one sufficed.)
pub fn is_small_and_weak(city: &City) -> bool {
    city.constraints.funding == Level::Low
        && city.population.is_some_and(|p| p <= SMALL_CITY_POPULATION)
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

/// A domain's score. `suggested_gap`, for a domain the advice works on with
/// a suggested target: the gap to that suggestion, measured in its place
/// (and the gap part marked as such).
fn score(
    framework: &Framework,
    city: &City,
    status: &DomainStatus,
    suggested_gap: Option<f64>,
) -> (f64, Vec<ScorePart>) {
    let id = status.maturity.domain;
    let gap = suggested_gap.or(status.gap()).unwrap_or(0.0);
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
                suggested: factor == Factor::Gap && suggested_gap.is_some(),
            }
        })
        .collect();
    let total = parts.iter().map(|p| p.points).sum();
    (total, parts)
}

/// The kind of project a domain's indicators usually call for, for an
/// indicator the table does not know yet.
fn usual_kind(domain: DomainId) -> ProjectKind {
    match domain {
        DomainId::Economy => ProjectKind::MarketValue,
        DomainId::Services => ProjectKind::QuasiPublic,
        DomainId::Infrastructure => ProjectKind::PublicInfrastructure,
        _ => ProjectKind::Management,
    }
}

/// The operating model of a move from stage `from` to `to`: the kind of
/// project most of its work is (the indicators of the stages above `from`
/// up to `to` not met yet; all of them when every one is met), by the county
/// article's rule. A tie that includes public-private work goes to
/// public-private; any other tie to government-led.
pub fn move_model(
    framework: &Framework,
    assessment: &Assessment,
    domain: DomainId,
    from: u8,
    to: u8,
) -> MoveModel {
    let to = to.clamp(from.saturating_add(1).min(STAGES), STAGES);
    let stages: Vec<_> = framework
        .domain(domain)
        .stages
        .iter()
        .filter(|s| s.level > from && s.level <= to)
        .collect();
    let mut kinds: BTreeMap<ProjectKind, usize> = BTreeMap::new();
    for open_only in [true, false] {
        for stage in &stages {
            for indicator in &stage.indicators {
                let value = assessment.answer(&indicator.id);
                if value == AnswerValue::NotApplicable || (open_only && value == AnswerValue::Met) {
                    continue;
                }
                let kind = project_kind(&indicator.id).unwrap_or(usual_kind(domain));
                *kinds.entry(kind).or_default() += 1;
            }
        }
        if !kinds.is_empty() {
            break;
        }
    }
    let mut per_model: [(OperatingModel, usize); 3] = [
        (OperatingModel::GovernmentLed, 0),
        (OperatingModel::PublicPrivate, 0),
        (OperatingModel::MarketLed, 0),
    ];
    for (kind, n) in &kinds {
        let m = OperatingModel::for_kind(*kind);
        if let Some(slot) = per_model.iter_mut().find(|(x, _)| *x == m) {
            slot.1 += n;
        }
    }
    // the largest; a tie that includes public-private work goes to
    // public-private (the partnership covers both sides: the report's county
    // cases set up their platforms so), any other tie to government-led
    // (public work is the government's to answer for)
    let top = per_model.iter().map(|(_, n)| *n).max().unwrap_or(0);
    let tied: Vec<OperatingModel> = per_model
        .iter()
        .filter(|(_, n)| *n == top && top > 0)
        .map(|(m, _)| *m)
        .collect();
    let mix: Vec<(OperatingModel, usize)> =
        per_model.iter().filter(|(_, n)| *n > 0).copied().collect();
    let mix = if mix.len() > 1 { mix } else { vec![] };
    // market-value work beside public work (management, public
    // infrastructure, public good or quasi-public service): the market items
    // never outvote the public ones (seed 002's rule is by the kind of
    // project): the public work's own model leads the move (a tie going to
    // public-private), and the mix names the market items firms lead
    let mixed_market = mix.iter().any(|(m, _)| *m == OperatingModel::MarketLed) && !mix.is_empty();
    let public_top = per_model
        .iter()
        .filter(|(m, _)| *m != OperatingModel::MarketLed)
        .map(|(_, n)| *n)
        .max()
        .unwrap_or(0);
    let public_tied: Vec<OperatingModel> = per_model
        .iter()
        .filter(|(m, n)| *m != OperatingModel::MarketLed && *n == public_top && public_top > 0)
        .map(|(m, _)| *m)
        .collect();
    let model = match tied.as_slice() {
        _ if mixed_market => {
            if public_tied.contains(&OperatingModel::PublicPrivate) {
                OperatingModel::PublicPrivate
            } else {
                OperatingModel::GovernmentLed
            }
        }
        [] => OperatingModel::for_kind(usual_kind(domain)),
        [one] => *one,
        many if many.contains(&OperatingModel::PublicPrivate) => OperatingModel::PublicPrivate,
        many => many[0],
    };
    let kind = kinds
        .iter()
        .filter(|(k, _)| OperatingModel::for_kind(**k) == model)
        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
        .map(|(k, _)| *k)
        .unwrap_or(usual_kind(domain));
    MoveModel {
        model,
        reason: match model {
            _ if mixed_market && model == OperatingModel::PublicPrivate => ModelReason::Mixed,
            OperatingModel::GovernmentLed => ModelReason::PublicFunction,
            OperatingModel::PublicPrivate => ModelReason::PublicService,
            OperatingModel::MarketLed => ModelReason::MarketValue,
        },
        kind,
        financing: model.financing(),
        mix,
        own_case: None,
    }
}

/// [`move_model`], then the city's own case where the report describes how
/// the city runs that domain's work ([`OWN_CASE_MODELS`]): the case sets the
/// model, cited; the mix of the work stays shown. A move whose every item
/// calls for one other model keeps that model: the case is about other work
/// of the domain.
pub fn city_move_model(
    framework: &Framework,
    city: &City,
    assessment: &Assessment,
    domain: DomainId,
    from: u8,
    to: u8,
) -> MoveModel {
    let mut m = move_model(framework, assessment, domain, from, to);
    let zh = city.name.zh.trim();
    // when every item of the move calls for one model and the case's is
    // another, the case sets the move's model only where it is about that
    // very work ([`own_case_covers`]): Kashiwa-no-ha's 官民学 energy
    // management is not its city-wide monitoring by the environment
    // department, so the move's label never contradicts all of its work
    let uniform = m.mix.is_empty();
    if let Some((_, _, model, rule)) = OWN_CASE_MODELS.iter().find(|(name, d, case, rule)| {
        !zh.is_empty()
            && *name == zh
            && *d == domain
            && !(uniform && *case != m.model && !own_case_covers(*rule, m.kind))
    }) {
        m.model = *model;
        m.reason = ModelReason::OwnCase;
        m.financing = model.financing();
        m.own_case = Some(*rule);
    }
    m
}

/// Whether a city's own case ([`OWN_CASE_MODELS`]) is about work of this
/// kind of project. Kashiwa-no-ha's case is its energy management (AEMS,
/// "由官民学共同推进"), not management or public-infrastructure work such as
/// the monitoring seed 000 gives the environment department at stage 1
/// ("数字化推进的主体为城市的环境保护部门"); every other own case is about
/// its domain's work as a whole (Shen County's instalments are about the
/// infrastructure itself). The split by kind is the tool's own reading.
pub fn own_case_covers(rule: Rule, kind: ProjectKind) -> bool {
    match rule {
        Rule::KashiwaOwnModel => !matches!(
            kind,
            ProjectKind::Management | ProjectKind::PublicInfrastructure
        ),
        _ => true,
    }
}

/// Whether `case` is the report's case on `city` itself (the same name in
/// either language): never held up to the city as an example; the report
/// describes the city there in its own words.
pub fn is_own_case(case: &Case, city: &City) -> bool {
    let (zh, en) = (city.name.zh.trim(), city.name.en.trim().to_lowercase());
    (!zh.is_empty() && case.city.zh.trim() == zh)
        || (!en.is_empty() && case.city.en.trim().to_lowercase() == en)
}

/// Whether the report's path for a specialty (drawn from cases that moved
/// from stage 1 to stage 2: Shen County's vegetables, Baoying's lotus root)
/// is a city's next step: only below stage 2. A city at stage 2 has made
/// that move (it may be the very case the path is drawn from); its next
/// step is stage 3's, cross-sector links into the service industries around
/// the chain (the report: 阶段三…更关注跨业态数字化…联动和辐射周边服务行业),
/// and its own next step where the source states one ([`own_next_step`]).
pub fn specialty_path_applies(from: u8) -> bool {
    from < 2
}

/// The report's own case on `city` in `domain` when it states the city's
/// next step (Shen County: 未来，莘县还将基于…农业互联网平台，探索通过农业产业
/// 增值服务收入来反哺…; Baoying: “农旅文化”建设).
pub fn own_next_step<'a>(
    framework: &'a Framework,
    city: &City,
    domain: DomainId,
) -> Option<&'a Case> {
    framework
        .cases
        .iter()
        .find(|c| c.domain == domain && c.next.is_some() && is_own_case(c, city))
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
    let mut found: Vec<(u8, &Case)> = cases
        .iter()
        .filter(|c| c.domain == domain && !is_own_case(c, city))
        .map(|c| {
            // a case the report gives no stage never made "exactly" the
            // move: its stages are citydx's reading
            let closeness = if c.from == from && c.to == to && !c.no_stage {
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

fn changes(
    framework: &Framework,
    assessment: &Assessment,
    domain: DomainId,
    (from, to): (u8, u8),
    assessed: bool,
) -> Vec<Change> {
    framework
        .domain(domain)
        .aspects
        .iter()
        .map(|a| {
            // an aspect whose own answers stand higher than the domain's
            // level starts there (Suzhou's data sharing, met at stage 2
            // as the report says, in a domain at 1.56), up to the stage
            // below the move's end
            let own = assessed
                .then(|| aspect_stage(framework, assessment, domain, &a.id))
                .flatten()
                .unwrap_or(0)
                .min(to.saturating_sub(1));
            Change {
                aspect: a.id.clone(),
                from: from.max(own),
                to,
                assessed,
                partly: None,
            }
        })
        .collect()
}

/// An aspect's own stage, read from its indicators (the enablers have one
/// indicator per aspect and stage): the highest stage whose indicators of
/// that aspect are all met (not applicable ones left out, at least one
/// met), 0 when none is; `None` when none of them has a scored answer (the
/// aspect is not assessed). Stage skipping is allowed, as for a domain's
/// level: a city with a mayor-led group (stage 2) has its organisation at
/// stage 2 even if the stage-1 indicator was not asked.
pub fn aspect_stage(
    framework: &Framework,
    assessment: &Assessment,
    domain: DomainId,
    aspect: &str,
) -> Option<u8> {
    let mut scored = false;
    let mut reached = 0;
    for stage in &framework.domain(domain).stages {
        let mut met = 0;
        let mut all = true;
        for i in stage.indicators.iter().filter(|i| i.aspect == aspect) {
            let v = assessment.answer(&i.id);
            scored |= v.score().is_some();
            match v {
                AnswerValue::Met => met += 1,
                AnswerValue::NotApplicable => {}
                _ => all = false,
            }
        }
        if all && met > 0 {
            reached = reached.max(stage.level);
        }
    }
    scored.then_some(reached)
}

/// The enablers package: every aspect from its own stage ([`aspect_stage`],
/// else the domain's) to `to`.
fn enablers_package(
    framework: &Framework,
    assessment: &Assessment,
    domain_stage: u8,
    to: u8,
) -> Vec<Change> {
    framework
        .domain(DomainId::Enablers)
        .aspects
        .iter()
        .map(|a| {
            let own = aspect_stage(framework, assessment, DomainId::Enablers, &a.id);
            // below stage 1 only where the aspect's stage-1 indicators are
            // answered: unanswered, stage 1 is not assessed (not "not yet")
            let stage1_answered = framework
                .domain(DomainId::Enablers)
                .stages
                .iter()
                .filter(|s| s.level == 1)
                .flat_map(|s| &s.indicators)
                .filter(|i| i.aspect == a.id)
                .any(|i| assessment.answer(&i.id).score().is_some());
            let from = own.unwrap_or(domain_stage);
            let partly = framework
                .domain(DomainId::Enablers)
                .stages
                .iter()
                .filter(|s| s.level > from && s.level <= to)
                .filter(|s| {
                    s.indicators
                        .iter()
                        .filter(|i| i.aspect == a.id)
                        .any(|i| assessment.answer(&i.id) == AnswerValue::Partly)
                })
                .map(|s| s.level)
                .min();
            Change {
                aspect: a.id.clone(),
                from,
                to,
                assessed: own.is_some_and(|st| st > 0 || stage1_answered),
                partly,
            }
        })
        .collect()
}

/// The indicators of stages `from + 1 ..= to` not met yet (not applicable
/// left out), the lowest stage first; `unanswered_only` keeps those without
/// a scored answer (what to assess) and those answered partly (what to
/// complete).
fn open_indicators(
    framework: &Framework,
    assessment: &Assessment,
    domain: DomainId,
    from: u8,
    to: u8,
    unanswered_only: bool,
) -> Vec<String> {
    let mut stages: Vec<_> = framework
        .domain(domain)
        .stages
        .iter()
        .filter(|s| s.level > from && s.level <= to)
        .collect();
    stages.sort_by_key(|s| s.level);
    stages
        .iter()
        .flat_map(|s| &s.indicators)
        .filter(|i| {
            let v = assessment.answer(&i.id);
            if unanswered_only {
                // to assess, and what is known to be in place in part (to
                // complete: Shen County's leading group, answered partly,
                // stays in the work while the rest is assessed)
                (v.score().is_none() && v != AnswerValue::NotApplicable) || v == AnswerValue::Partly
            } else {
                v != AnswerValue::Met && v != AnswerValue::NotApplicable
            }
        })
        .map(|i| i.id.clone())
        .collect()
}

/// What a jump from `from` to `target` lacks (enablers, infrastructure at
/// the stage below the target, time); empty when it is not a jump.
fn jump_needs(
    domain: DomainId,
    from: u8,
    target: Target,
    enablers: Option<f64>,
    infrastructure: Option<f64>,
) -> Vec<Need> {
    if target.stage <= from + 1 {
        return vec![];
    }
    let mut missing = vec![];
    if !enablers.is_some_and(|l| carries(l, target.stage)) {
        missing.push(Need::Enablers);
    }
    if domain != DomainId::Infrastructure
        && !infrastructure.is_some_and(|l| carries(l, target.stage))
    {
        missing.push(Need::Infrastructure);
    }
    if target.horizon_years <= SKIP_HORIZON_YEARS {
        missing.push(Need::Time);
    }
    missing
}

/// Where the report allows a jump for this domain and city, each ground
/// where it applies: little legacy infrastructure (infrastructure not past
/// stage 1, [`Rule::JumpInfrastructure`]); Pinghu's move into stage 3 (a
/// jump to stage 3, [`Rule::JumpPinghu`]); the late mover's advantage, which
/// the county article gives counties only ([`Rule::LateMover`]).
fn leap_grounds(domain: DomainId, current: Option<f64>, county: bool, to: u8) -> Vec<LeapGround> {
    let mut grounds = vec![];
    if domain == DomainId::Infrastructure && current.is_none_or(|l| l < 2.0) {
        grounds.push(LeapGround::LittleLegacy);
    }
    if to == STAGES {
        grounds.push(LeapGround::Precedent);
    }
    if county {
        grounds.push(LeapGround::LateMover);
    }
    grounds
}

/// Whether the plan takes a domain from today to `target` in one move of
/// more than one stage (the jump): it is more than one whole stage away,
/// assessed, and what a jump needs is in place (`jump_needs`: enablers and
/// infrastructure at the stage below the target, more than
/// [`SKIP_HORIZON_YEARS`] years). Otherwise the plan takes the stages one
/// at a time.
pub fn plans_leap(
    domain: DomainId,
    current: Option<f64>,
    target: Target,
    enablers: Option<f64>,
    infrastructure: Option<f64>,
) -> bool {
    let Some(level) = current else {
        return false;
    };
    let from = level.floor().clamp(0.0, f64::from(STAGES)) as u8;
    target.stage > from + 1 && jump_needs(domain, from, target, enablers, infrastructure).is_empty()
}

/// Whether the horizon is too short for the moves a target calls for: more
/// than one whole stage to go within [`SKIP_HORIZON_YEARS`] years or less
/// (too short to take them one at a time, and a jump needs more time).
pub fn horizon_too_short(from: u8, target: Target) -> bool {
    target.stage > from + 1 && target.horizon_years <= SKIP_HORIZON_YEARS
}

/// The advice for one assessment of a city.
pub fn advise(framework: &Framework, city: &City, assessment: &Assessment) -> Advice {
    let statuses = assessment_status(framework, assessment);
    let short = short_resources(city);
    let all_short = short.len() == 3;
    let county = is_county(city);
    let small_and_weak = is_small_and_weak(city);
    let level_of = |d: DomainId| statuses[d.index()].maturity.level();

    let suggest_context = SuggestContext {
        county,
        enablers: level_of(DomainId::Enablers),
        infrastructure: level_of(DomainId::Infrastructure),
    };
    let mut domains: Vec<DomainAdvice> = statuses
        .iter()
        .map(|st| {
            let (score, score_parts) = score(framework, city, st, None);
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
                suggested_target: suggest(framework, city, st, false, suggest_context),
                working_target: st.target,
            }
        })
        .collect();
    // A city where no domain stands below a target of its own (it set none,
    // or every one is reached) gets the engine's suggestions as the targets
    // to work with, each marked as a suggestion (the report's method: the
    // assessment informs the staged vision).
    let own_open = domains.iter().any(|d| {
        d.id != DomainId::Enablers
            && match (d.target, d.current) {
                (Some(t), Some(level)) => f64::from(t.stage) > level + 1e-9,
                (Some(_), None) => true,
                (None, _) => false,
            }
    });
    let use_suggestions = !own_open;
    if use_suggestions
        && domains
            .iter()
            .all(|d| d.id == DomainId::Enablers || d.suggested_target.is_none())
    {
        // nothing the city's interest points at: suggest the next stage of
        // every assessed domain without a target, for the consultant to
        // accept or edit
        for (d, st) in domains.iter_mut().zip(&statuses) {
            d.suggested_target = suggest(framework, city, st, true, suggest_context);
        }
    }
    if use_suggestions {
        // the advice works with the suggestion: its gap is scored against
        // the suggested target (the city's own gap is none: it set no
        // target). Own targets and suggestions never compete: suggestions
        // are worked on only where no domain stands below a target of the
        // city's own, so the city's own open targets always come first.
        for (d, st) in domains.iter_mut().zip(&statuses) {
            if let Some(s) = &d.suggested_target {
                d.working_target = Some(Target::new(s.stage, s.horizon_years));
                let gap = d
                    .current
                    .map(|c| (f64::from(s.stage) - c).max(0.0))
                    .unwrap_or(f64::from(s.stage));
                let (total, parts) = score(framework, city, st, Some(gap));
                d.score = total;
                d.score_parts = parts;
            }
        }
    }

    // Entry points: domains with a target above today (enablers are the
    // supporting package, never an entry point), best score first.
    let mut candidates: Vec<&DomainAdvice> = domains
        .iter()
        .filter(|d| d.id != DomainId::Enablers)
        .filter(|d| match (d.working_target, d.current) {
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
    let limit = if all_short { 1 } else { MAX_ENTRY_POINTS };
    let enablers_level = level_of(DomainId::Enablers);
    let infra_level = level_of(DomainId::Infrastructure);
    let entry_points: Vec<EntryPoint> = candidates
        .iter()
        .take(limit)
        .enumerate()
        .map(|(i, d)| {
            let target = d.working_target.expect("candidates have targets");
            // resting on the engine's suggestion: the city set no target,
            // or its own is reached and the next stage is suggested
            let suggested = d.working_target != d.target;
            let own_reached = d.target.filter(|_| suggested).map(|t| t.stage);
            let from = d.current_stage();
            let next_target = if all_short {
                target.stage.min(from + 1).max(1)
            } else {
                target.stage
            };
            let mut reasons = vec![];
            match d.current {
                Some(current) if suggested => reasons.push(Reason::Suggested {
                    current,
                    target: target.stage,
                    horizon_years: target.horizon_years,
                    own_reached,
                }),
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
                    from,
                    next: own_next_step(framework, city, d.id).map(|c| c.id.clone()),
                });
            }
            // the survey's attention is a reason only where it favours the
            // domain (top three); it always stays in the score's parts
            let rank = framework.domain(d.id).attention_rank;
            if rank <= 3 {
                reasons.push(Reason::Attention { rank });
            }
            if all_short {
                reasons.push(Reason::StartSmall {
                    short: short.clone(),
                    target: target.stage,
                    next: next_target,
                });
            }
            // the narrow first scenario, a pain point (seed 002), whenever a
            // resource is short; after the start-small reason (all three
            // short: seed 000) it does not name the resources again
            if !short.is_empty() {
                reasons.push(Reason::NarrowScenario {
                    short: if all_short { vec![] } else { short.clone() },
                });
            }
            if next_target == target.stage
                && plans_leap(d.id, d.current, target, enablers_level, infra_level)
            {
                // the jump, with each of its grounds as a reason of its own
                // (each its own source)
                let mut grounds = leap_grounds(d.id, d.current, county, next_target).into_iter();
                reasons.push(Reason::Leap {
                    from,
                    to: next_target,
                    grounds: grounds.next().into_iter().collect(),
                });
                reasons.extend(grounds.map(|ground| Reason::LeapAlso { ground }));
            }
            let model = city_move_model(framework, city, assessment, d.id, from, next_target);
            let (cases, exact_cases) =
                matching_cases(&framework.cases, city, d.id, from, next_target);
            EntryPoint {
                domain: d.id,
                rank: i + 1,
                next_target,
                reasons,
                changes: changes(
                    framework,
                    assessment,
                    d.id,
                    (from, next_target),
                    d.current.is_some(),
                ),
                cases,
                exact_cases,
                operating_model: model.model,
                model_reason: model.reason,
                model,
                suggested,
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

    // The supporting track: infrastructure and enablers must carry each
    // entry point's next target; they start with the entry point.
    let mut prerequisites: Vec<Prerequisite> = vec![];
    let mut supports: Vec<Support> = vec![];
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
        let Some(&starts_with) = for_domains.first() else {
            continue;
        };
        let now = level
            .map(|l| l.floor().clamp(0.0, f64::from(STAGES)) as u8)
            .unwrap_or(0);
        let model = city_move_model(framework, city, assessment, support, now, needed);
        prerequisites.push(Prerequisite {
            domain: support,
            current: level,
            needed,
            for_domains: for_domains.clone(),
            operating_model: model.model,
            model_reason: model.reason,
        });
        let mut ways = vec![SupportWay::UrgentFirst];
        if support == DomainId::Infrastructure {
            if small_and_weak {
                ways.push(SupportWay::Light);
            }
            if county {
                ways.push(SupportWay::ConnectToCity);
            }
        }
        // a support not assessed, or with any stage to add that rests on
        // thin evidence (answered on fewer than three quarters of its
        // indicators, or not at all: what is unknown is not yet a
        // shortfall), is to be assessed first, never "built", even when a
        // stage below it is answered. So is one whose level rests on a thin
        // stage below the one needed (Suzhou's enablers, 1.03 with one
        // stage-1 answer of six, lifted by stage 2): its unanswered
        // indicators there are assessed first too.
        let evidence = &statuses[support.index()].maturity.evidence;
        let thin = |st: u8| {
            evidence
                .get(usize::from(st) - 1)
                .is_none_or(|e| e.scored == 0 || e.is_thin())
        };
        let stages_unknown = (now + 1..=needed).any(thin);
        let thin_below = (1..=now.min(needed)).find(|st| {
            evidence
                .get(usize::from(*st) - 1)
                .is_some_and(|e| e.is_thin())
        });
        // (an assessor's override is a judgement of the whole domain: it
        // counts as assessed)
        let overridden = statuses[support.index()].maturity.overridden.is_some();
        let action = if level.is_some() && (overridden || !(stages_unknown || thin_below.is_some()))
        {
            SupportAction::Build
        } else {
            SupportAction::AssessFirst
        };
        // what to assess: from the lowest thin stage below (if any)
        let assess_from = match (action, thin_below) {
            (SupportAction::AssessFirst, Some(st)) if !overridden => st - 1,
            _ => now,
        };
        // (a county or a smaller city with a weak economic base connects
        // to shared city or provincial resources: departments' own server
        // rooms are no work to complete there, as in the plan's work; left
        // unanswered, they are still asked, so the check can finish)
        let connects = support == DomainId::Infrastructure
            && (county || small_and_weak)
            && assessment.answer(DEPARTMENT_COMPUTING).score().is_some();
        let first: Vec<String> = open_indicators(
            framework,
            assessment,
            support,
            assess_from,
            needed,
            action == SupportAction::AssessFirst,
        )
        .into_iter()
        .filter(|id| !(connects && id == DEPARTMENT_COMPUTING))
        .collect();
        supports.push(Support {
            domain: support,
            current: level,
            needed,
            for_domains,
            starts_with,
            action,
            ways,
            to_answer: first
                .iter()
                .filter(|id| assessment.answer(id).score().is_none())
                .count(),
            first,
            model,
        });
    }

    // Warnings. The jump: the plan takes the stages one at a time unless it
    // can make the jump with what it needs, so the warning is only for a
    // horizon too short for the moves (an unassessed domain is named by
    // not_assessed instead).
    let mut warnings = vec![];
    let mut skipping = vec![];
    let mut missing_all: Vec<Need> = vec![];
    for d in &domains {
        let Some(t) = d.target else { continue };
        if d.id == DomainId::Enablers || d.current.is_none() {
            continue;
        }
        if !horizon_too_short(d.current_stage(), t) {
            continue;
        }
        let missing = jump_needs(d.id, d.current_stage(), t, enablers_level, infra_level);
        if !missing.is_empty() {
            skipping.push(d.id);
            for m in missing {
                if !missing_all.contains(&m) {
                    missing_all.push(m);
                }
            }
        }
    }
    missing_all.sort();
    let unassessed: Vec<Need> = missing_all
        .iter()
        .copied()
        .filter(|n| match n {
            Need::Enablers => enablers_level.is_none(),
            Need::Infrastructure => infra_level.is_none(),
            Need::Time => false,
        })
        .collect();
    if !skipping.is_empty() {
        warnings.push(Warning {
            missing: missing_all,
            unassessed,
            ..Warning::new(WarningCode::StageSkipping, skipping)
        });
    }
    if let Some(w) = showcase(framework, assessment, &domains, &short, enablers_level) {
        warnings.push(w);
    }
    let high_targets: Vec<DomainId> = domains
        .iter()
        .filter(|d| d.id != DomainId::Enablers && d.target.is_some_and(|t| t.stage >= 2))
        .map(|d| d.id)
        .collect();
    // (below stage 1 on thin evidence is not yet a finding: thin_evidence
    // names the stage to answer first)
    let enablers_stage1_thin = statuses[DomainId::Enablers.index()].maturity.evidence[0].is_thin();
    if !high_targets.is_empty() && enablers_level.is_some_and(|l| l < 1.0) && !enablers_stage1_thin
    {
        warnings.push(Warning::new(WarningCode::EnablersMissing, high_targets));
    }
    // (an infrastructure not assessed is named by not_assessed instead: the
    // advice does not claim what the assessment does not know)
    let uncarried: Vec<DomainId> = domains
        .iter()
        .filter(|d| d.id != DomainId::Infrastructure)
        .filter(|d| {
            d.target
                .is_some_and(|t| t.stage >= 2 && infra_level.is_some_and(|l| !carries(l, t.stage)))
        })
        .map(|d| d.id)
        .collect();
    if !uncarried.is_empty() {
        // where the supporting track assesses infrastructure first (a stage
        // to add without enough answers), the shortfall is not a finding yet
        let infra_unknown = supports.iter().any(|s| {
            s.domain == DomainId::Infrastructure && s.action == SupportAction::AssessFirst
        });
        warnings.push(Warning {
            unassessed: if infra_unknown {
                vec![Need::Infrastructure]
            } else {
                vec![]
            },
            ..Warning::new(WarningCode::InfrastructurePrerequisite, uncarried)
        });
    }
    let mut thin_stages = vec![];
    for st in &statuses {
        let m = &st.maturity;
        if m.overridden.is_some() || m.computed.is_none() {
            continue;
        }
        for (i, e) in m.evidence.iter().enumerate() {
            if e.is_thin() {
                thin_stages.push(StageRef {
                    domain: m.domain,
                    stage: i as u8 + 1,
                    scored: e.scored,
                    total: e.applicable,
                });
            }
        }
    }
    if !thin_stages.is_empty() {
        let mut thin: Vec<DomainId> = thin_stages.iter().map(|s| s.domain).collect();
        thin.dedup();
        warnings.push(Warning {
            stages: thin_stages,
            ..Warning::new(WarningCode::ThinEvidence, thin)
        });
    }
    let not_assessed: Vec<DomainId> = domains
        .iter()
        .filter(|d| d.current.is_none())
        .map(|d| d.id)
        .collect();
    if !not_assessed.is_empty() {
        warnings.push(Warning::new(WarningCode::NotAssessed, not_assessed));
    }
    if domains.iter().all(|d| d.target.is_none()) {
        // the domains the advice suggests a target for, if any
        let suggested: Vec<DomainId> = domains
            .iter()
            .filter(|d| d.working_target.is_some())
            .map(|d| d.id)
            .collect();
        warnings.push(Warning::new(WarningCode::NoTargets, suggested));
    } else if !own_open {
        let reached: Vec<DomainId> = domains
            .iter()
            .filter(|d| d.id != DomainId::Enablers && d.target.is_some())
            .map(|d| d.id)
            .collect();
        // the domains the advice suggests a next target for instead
        let suggested: Vec<DomainId> = entry_points
            .iter()
            .filter(|e| e.suggested)
            .map(|e| e.domain)
            .collect();
        warnings.push(Warning {
            suggested,
            ..Warning::new(WarningCode::TargetsMet, reached)
        });
    }

    // The enablers package: every aspect, from its own stage, to the stage
    // the plan takes the enablers to: what the entry points need (the stage
    // below their next target, at least stage 1; the supporting track's
    // `needed`), or the enablers' own target when higher (the plan's own
    // move). The plan and the package thus agree; an aspect already there
    // is shown in place.
    let enablers = &domains[DomainId::Enablers.index()];
    let enablers_now = enablers.current_stage();
    let enablers_to = entry_points
        .iter()
        .map(|e| e.next_target.saturating_sub(1))
        .max()
        .unwrap_or(1)
        .max(enablers.working_target.map(|t| t.stage).unwrap_or(0))
        .clamp(1, STAGES);
    let enablers = enablers_package(framework, assessment, enablers_now, enablers_to);

    let stage1_unassessed: Vec<bool> = statuses
        .iter()
        .map(|st| {
            st.maturity.overridden.is_none()
                && st.maturity.evidence.first().is_none_or(stage_unassessed)
        })
        .collect();
    let mut plan = plan(
        framework,
        city,
        assessment,
        &entry_points,
        &domains,
        &supports,
        (enablers_level, infra_level),
        &stage1_unassessed,
    );
    // the showcase risk on a display-type capability already built: a
    // check in the first phase (use in daily work, people and budget to run
    // it), and the warning points to it
    if let Some(first) = plan.first_mut()
        && let Some(w) = warnings
            .iter_mut()
            .find(|w| w.code == WarningCode::ShowcaseRisk)
        && let Some(check) = operation_check(assessment, w)
    {
        first.checks.push(check);
        w.check_phase = Some(first.number);
    }
    // targets beyond a five-year plan period by far: a remark in the plan
    let long_horizon: Vec<DomainId> = plan
        .iter()
        .flat_map(|p| &p.moves)
        .map(|m| m.domain)
        .filter(|d| {
            domains[d.index()]
                .working_target
                .is_some_and(|t| t.horizon_years > LONG_HORIZON_YEARS)
        })
        .fold(vec![], |mut acc, d| {
            if !acc.contains(&d) {
                acc.push(d);
            }
            acc
        });

    let orphans = orphan_notes(assessment, &plan);
    Advice {
        domains,
        entry_points,
        prerequisites,
        supports,
        warnings,
        enablers,
        plan,
        orphans,
        short_resources: short,
        county,
        small_and_weak,
        long_horizon,
    }
}

/// The showcase risk ([`WarningCode::ShowcaseRisk`], seed 002's 盆景展示型).
/// Each pattern fires only on what the assessment found, never on a
/// profile with no answers (nor on targets set on domains with none):
///
/// 1. [`ShowcaseBasis::DisplayWithoutOperation`]: a display-type capability
///    ([`DISPLAY`]) answered met or partly, or aimed at by the working target
///    of a domain the assessment has a level for, or the use check
///    ([`USE_CHECK`]) answered partly or not met; while one of the
///    use-and-operation indicators ([`OPERATION`]) is not met (unknown
///    counts as not shown, unless the use check is answered met: then only
///    an answer short of met counts).
/// 2. [`ShowcaseBasis::TargetsOutrunEnablers`]: the enablers' level, from
///    answers or the assessor's override, at stage 1 or more, below what a
///    target of the city's own needs ([`carries`]).
/// 3. [`ShowcaseBasis::TopTargetsShortResources`]: two or more stage-3
///    targets of the city's own on domains the assessment has a level for,
///    while a resource is rated low.
fn showcase(
    framework: &Framework,
    assessment: &Assessment,
    domains: &[DomainAdvice],
    short: &[Resource],
    enablers_level: Option<f64>,
) -> Option<Warning> {
    let mut basis = vec![];
    let mut ds: Vec<DomainId> = vec![];
    let push = |ds: &mut Vec<DomainId>, d: DomainId| {
        if !ds.contains(&d) {
            ds.push(d);
        }
    };
    let display: Vec<String> = framework
        .indicators()
        .filter(|r| DISPLAY.contains(&r.indicator.id.as_str()))
        .filter(|r| {
            let v = assessment.answer(&r.indicator.id);
            let in_place = matches!(v, AnswerValue::Met | AnswerValue::Partly);
            // (aimed at only in a domain the assessment has a level for:
            // a target on a domain with no answers rests on nothing found)
            let d = &domains[r.domain.id.index()];
            let aimed = v != AnswerValue::NotApplicable
                && d.current.is_some()
                && d.working_target.is_some_and(|t| t.stage >= r.level);
            in_place || aimed
        })
        .map(|r| r.indicator.id.clone())
        .collect();
    // The use check itself answered short of met (partly, not met) says the
    // platforms, command centre or screens it asks about are built and not
    // shown in real use: the pattern itself, whichever domain the screens
    // serve (Baoying's farm command centre, "利用大屏指挥中心进行数据展示").
    let mut display = display;
    if matches!(
        assessment.answer(USE_CHECK),
        AnswerValue::Partly | AnswerValue::NotMet
    ) && !display.iter().any(|id| id == USE_CHECK)
    {
        display.push(USE_CHECK.to_string());
    }
    // Where the platforms are shown to be in real use, what the answers
    // leave unknown about their operation is to be confirmed, not a
    // showcase: only what is answered short of met counts then.
    let in_use = assessment.answer(USE_CHECK) == AnswerValue::Met;
    let unoperated: Vec<String> = OPERATION
        .iter()
        .filter(|id| match assessment.answer(id) {
            AnswerValue::Met | AnswerValue::NotApplicable => false,
            AnswerValue::Unknown => !in_use,
            AnswerValue::NotMet | AnswerValue::Partly => true,
        })
        .map(|id| id.to_string())
        .collect();
    let (mut display_out, mut unoperated_out, mut displayed) = (vec![], vec![], vec![]);
    if !display.is_empty() && !unoperated.is_empty() {
        // what is displayed, in the evidence of the items found built (met
        // or partly; the use check answered short of met says the screens
        // are built)
        for id in &display {
            let built = match assessment.answer(id) {
                AnswerValue::Met | AnswerValue::Partly => true,
                AnswerValue::NotMet => id == USE_CHECK,
                _ => false,
            };
            if let Some(t) = built
                .then(|| assessment.answers.get(id))
                .flatten()
                .and_then(evidence)
                .filter(|t| !displayed.contains(t))
            {
                displayed.push(t);
            }
        }
        let mut part = vec![];
        for d in display_domains(framework, &display, domains) {
            push(&mut part, d);
            push(&mut ds, d);
        }
        part.sort();
        basis.push(ShowcasePart {
            basis: ShowcaseBasis::DisplayWithoutOperation,
            domains: part,
        });
        display_out = display;
        unoperated_out = unoperated;
    }
    // (enablers below stage 1 are named by enablers_missing already)
    let (mut enablers_outrun, mut needed) = (None, None);
    if let Some(level) = enablers_level.filter(|l| *l >= 1.0) {
        let outrun: Vec<DomainId> = domains
            .iter()
            .filter(|d| d.id != DomainId::Enablers)
            // (a target already reached is no longer aimed at)
            .filter(|d| {
                d.target.is_some_and(|t| {
                    !carries(level, t.stage) && d.current.is_none_or(|c| c < f64::from(t.stage))
                })
            })
            .map(|d| d.id)
            .collect();
        if !outrun.is_empty() {
            for d in &outrun {
                push(&mut ds, *d);
            }
            enablers_outrun = Some(level);
            needed = domains
                .iter()
                .filter(|d| outrun.contains(&d.id))
                .filter_map(|d| d.target.map(|t| t.stage.saturating_sub(1)))
                .max();
            basis.push(ShowcasePart {
                basis: ShowcaseBasis::TargetsOutrunEnablers,
                domains: outrun,
            });
        }
    }
    // (only domains the assessment has a level for: a target on a domain
    // with no answers is no finding, not_assessed names it)
    let top_targets: Vec<DomainId> = domains
        .iter()
        .filter(|d| d.current.is_some() && d.target.is_some_and(|t| t.stage == STAGES))
        .map(|d| d.id)
        .collect();
    if top_targets.len() >= 2 && !short.is_empty() {
        for d in &top_targets {
            push(&mut ds, *d);
        }
        basis.push(ShowcasePart {
            basis: ShowcaseBasis::TopTargetsShortResources,
            domains: top_targets,
        });
    }
    if basis.is_empty() {
        return None;
    }
    ds.sort();
    Some(Warning {
        showcase: basis,
        display: display_out,
        unoperated: unoperated_out,
        displayed,
        enablers_level: enablers_outrun,
        enablers_needed: needed,
        ..Warning::new(WarningCode::ShowcaseRisk, ds)
    })
}

/// Horizons longer than this many years get a remark in the plan: plans
/// beyond a five-year plan period (五年规划) should be revisited at each
/// new one (the tool's own convention, [`Rule::LongHorizon`]).
pub const LONG_HORIZON_YEARS: u8 = 10;

/// Whether a stage rests on too few answers to say it is not reached: no
/// scored answer, or a thin stage (answers on fewer than three quarters of
/// its indicators).
fn stage_unassessed(e: &super::maturity::StageEvidence) -> bool {
    e.applicable > 0 && (e.scored == 0 || e.is_thin())
}

/// The domains whose display-type capabilities `display` names: each
/// indicator's own domain, except the use check ([`USE_CHECK`]) when no
/// governance display capability is in place or aimed at. The screens it
/// found built then serve another domain, the one the city works on (its
/// targets above today): Baoying's big-screen command centre belongs to its
/// lotus-root case in industry and economy (the report:
/// 利用大屏指挥中心进行数据展示), not to a governance it has not assessed.
/// citydx's own reading: the answers do not say which domain a screen
/// serves.
fn display_domains(
    framework: &Framework,
    display: &[String],
    domains: &[DomainAdvice],
) -> Vec<DomainId> {
    let governance_screens = display.iter().any(|id| {
        id != USE_CHECK
            && framework
                .indicator(id)
                .is_some_and(|r| r.domain.id == DomainId::Governance)
    });
    let worked_on: Vec<DomainId> = domains
        .iter()
        .filter(|d| d.id != DomainId::Enablers && d.id != DomainId::Governance)
        .filter(|d| {
            d.working_target
                .is_some_and(|t| d.current.is_none_or(|c| c < f64::from(t.stage)))
        })
        .map(|d| d.id)
        .collect();
    let mut out = vec![];
    for id in display {
        let own = framework.indicator(id).map(|r| r.domain.id);
        let named = if id == USE_CHECK && !governance_screens && !worked_on.is_empty() {
            worked_on.clone()
        } else {
            own.into_iter().collect()
        };
        for d in named {
            if !out.contains(&d) {
                out.push(d);
            }
        }
    }
    out
}

/// How long a supporting step that is all to assess first runs: the short
/// first step of the phase its words promise (1-3 months).
pub const ASSESS_FIRST_MONTHS: u32 = 3;

/// How a domain's horizon of `months` is split between its steps, one
/// stage at a time: in proportion to the work each step has left (`weights`,
/// its items; a step with none counts as one), each step at least a month,
/// as `(begin, end)` months after the assessment. The tool's own
/// convention (the seeds give no rule for it): a step with one item left is
/// not stretched over half the horizon while the next needs the time
/// (Kashiwa-no-ha's one monitoring item and its five stage-3 items).
pub fn split_horizon(months: u32, weights: &[u32]) -> Vec<(u32, u32)> {
    let n = weights.len() as u32;
    if n == 0 {
        return vec![];
    }
    let months = months.max(n);
    let weights: Vec<u64> = weights.iter().map(|w| u64::from((*w).max(1))).collect();
    let total: u64 = weights.iter().sum();
    let mut spans = Vec::with_capacity(weights.len());
    let (mut begin, mut sum) = (0u32, 0u64);
    for (k, w) in weights.iter().enumerate() {
        sum += w;
        let left = n - k as u32 - 1;
        let share = (u64::from(months) * sum / total) as u32;
        let end = share.max(begin + 1).min(months - left);
        spans.push((begin, end));
        begin = end;
    }
    spans
}

/// Phases from the targets' horizons. Each entry point's move is spread
/// over its horizon: one move when the jump is allowed and has what it
/// needs, else one step a stage, the horizon split between the steps by the
/// work each has left ([`split_horizon`]). The supporting moves (the
/// supporting track's, and the enablers' own target) run alongside the
/// entry points and never form a phase ([`Rule::UrgentFirst`]: 急用先行):
/// the phases are cut where the entry points' steps start (all entry points
/// start at once, in phase 1), each move is listed once, in the phase where
/// it starts, and may run on across the phases after it; a supporting step
/// joins the phase it starts in. A support not assessed gets no step of the
/// supporting track: it is to be assessed first; a supporting move whose
/// work is all to confirm is marked `assess_first`, a short first step
/// ([`ASSESS_FIRST_MONTHS`]), not a phase. The last phase ends with the
/// last move. The consultant's owner and dates (saved per phase number)
/// override the computed ones.
#[allow(clippy::too_many_arguments)]
fn plan(
    framework: &Framework,
    city: &City,
    assessment: &Assessment,
    entry_points: &[EntryPoint],
    domains: &[DomainAdvice],
    supports: &[Support],
    (enablers_level, infra_level): (Option<f64>, Option<f64>),
    stage1_unassessed: &[bool],
) -> Vec<Phase> {
    let start = assessment.date;
    let edits: &BTreeMap<String, PhaseEdit> = &assessment.plan;
    let step = |domain: DomainId, from: u8, to: u8, prerequisite: bool| {
        let model = city_move_model(framework, city, assessment, domain, from, to);
        let edit = assessment
            .plan_moves
            .get(&crate::core::profile::move_key(domain, from, to));
        let work = move_work(framework, city, assessment, domain, from, to);
        // an entry point's step finishing a stage the city is well into
        // (at least half of it in place)
        let finishing = domains[domain.index()]
            .current
            .is_some_and(|l| l >= f64::from(from) + 0.5 && l < f64::from(to));
        Move {
            domain,
            from,
            to,
            prerequisite,
            owners: Owner::for_move(model.model, model.kind),
            model,
            // a step whose work is all to confirm (no scored answer yet) is
            // a short assess-first step: on the supporting track, and for
            // an entry point finishing a stage it is well into (Suzhou's
            // government efficiency at 1.56: what is left of stage 2 is two
            // items to confirm, not a year's build). A stage not begun is
            // built, even if its items are unanswered.
            assess_first: (prerequisite || finishing)
                && !work.is_empty()
                && work.iter().all(|w| w.confirm),
            from_unassessed: from == 0
                && stage1_unassessed
                    .get(domain.index())
                    .copied()
                    .unwrap_or(false),
            planned_start: start,
            planned_end: start,
            work,
            owner: edit.map(|e| e.owner.clone()).unwrap_or_default(),
            start: edit.and_then(|e| e.start),
            end: edit.and_then(|e| e.end),
        }
    };
    // the date `months` after the assessment
    let at = |months: u32| {
        start
            .checked_add_months(Months::new(months))
            .unwrap_or(start)
    };
    // a move spanning months `from` to `to` after the assessment
    let span = |mut m: Move, from: u32, to: u32| {
        m.planned_start = at(from);
        m.planned_end = at(to);
        m
    };
    // (begin and end in months, move)
    let mut steps: Vec<((u32, u32), Move)> = vec![];
    let mut first_end: BTreeMap<DomainId, u32> = BTreeMap::new();
    let mut add = |domain: DomainId, prerequisite: bool, steps: &mut Vec<((u32, u32), Move)>| {
        let d = &domains[domain.index()];
        let Some(target) = d.working_target else {
            return;
        };
        let from = d.current_stage();
        if target.stage <= from {
            return;
        }
        let months = u32::from(target.horizon_years.max(1)) * 12;
        if plans_leap(domain, d.current, target, enablers_level, infra_level) {
            first_end.insert(domain, months);
            let m = step(domain, from, target.stage, prerequisite);
            steps.push(((0, months), span(m, 0, months)));
            return;
        }
        // the horizon is split between the steps in proportion to the
        // work each has left ([`split_horizon`]): a step with one item
        // left is not stretched over half the horizon
        let moves: Vec<Move> = (from..target.stage)
            .map(|f| step(domain, f, f + 1, prerequisite))
            .collect();
        // an assess-first step is short (three months, as its words say);
        // the rest of the horizon is split by the work left
        let short: Vec<bool> = moves.iter().map(|m| m.assess_first).collect();
        let fixed = ASSESS_FIRST_MONTHS * short.iter().filter(|s| **s).count() as u32;
        let rest = months.saturating_sub(fixed);
        let weights: Vec<u32> = moves
            .iter()
            .filter(|m| !m.assess_first)
            .map(|m| m.work.len() as u32)
            .collect();
        let mut split = split_horizon(rest, &weights).into_iter();
        let mut spans = vec![];
        let mut at_month = 0;
        for s in short {
            let len = if s {
                ASSESS_FIRST_MONTHS
            } else {
                split.next().map(|(b, e)| e - b).unwrap_or(1)
            };
            spans.push((at_month, at_month + len));
            at_month += len;
        }
        first_end.insert(domain, spans[0].1);
        for (m, (begin, end)) in moves.into_iter().zip(spans) {
            steps.push(((begin, end), span(m, begin, end)));
        }
    };
    for ep in entry_points {
        add(ep.domain, false, &mut steps);
    }
    let enablers_support = supports
        .iter()
        .any(|s| s.domain == DomainId::Enablers && s.action == SupportAction::Build);
    // the enablers' own target is a supporting move, alongside the entry
    // points (it is never an entry point)
    let enablers_entry = entry_points.iter().any(|e| e.domain == DomainId::Enablers);
    if !enablers_support && !enablers_entry {
        add(DomainId::Enablers, !entry_points.is_empty(), &mut steps);
    }
    if steps.is_empty() {
        return vec![];
    }
    for s in supports {
        let (Some(level), SupportAction::Build) = (s.current, s.action) else {
            continue;
        };
        let end = first_end.get(&s.starts_with).copied().unwrap_or(12).max(1);
        let from = level.floor().clamp(0.0, f64::from(STAGES)) as u8;
        for stage in from..s.needed {
            steps.push((
                (0, end),
                span(step(s.domain, stage, stage + 1, true), 0, end),
            ));
        }
    }
    // the phases are cut where the entry points' steps start (every entry
    // point starts at once, so phase 1 holds them all); a move is listed
    // once, in the phase where it starts, and may run on across the phases
    // after it; a supporting step joins the phase in which it starts, so
    // supports never form a phase of their own ([`Rule::UrgentFirst`])
    let mut cuts: std::collections::BTreeSet<u32> = steps
        .iter()
        .filter(|(_, m)| !m.prerequisite)
        .map(|((begin, _), _)| *begin)
        .collect();
    if cuts.is_empty() {
        cuts = steps.iter().map(|((begin, _), _)| *begin).collect();
    }
    let cuts: Vec<u32> = cuts.into_iter().collect();
    let last_end = steps.iter().map(|((_, end), _)| *end).max().unwrap_or(0);
    let mut phases: Vec<Phase> = cuts
        .iter()
        .enumerate()
        .map(|(i, &cut)| Phase {
            number: i + 1,
            moves: vec![],
            checks: vec![],
            owner: String::new(),
            start: at(cut),
            end: at(cuts.get(i + 1).copied().unwrap_or(last_end)),
        })
        .collect();
    steps.sort_by(|a, b| {
        (a.0)
            .0
            .cmp(&(b.0).0)
            .then(a.1.prerequisite.cmp(&b.1.prerequisite))
            .then(a.1.domain.cmp(&b.1.domain))
            .then(a.1.from.cmp(&b.1.from))
    });
    for ((b, _), m) in steps {
        let i = cuts.iter().rposition(|&c| c <= b).unwrap_or(0);
        phases[i].moves.push(m);
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
    use crate::core::Lang;
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
                unset: [false; 3],
            },
            ..City::named(Text::default())
        }
    }

    fn assessment() -> Assessment {
        Assessment::new(NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(), "t")
    }

    /// Funding, talent and technology all short.
    fn poor() -> City {
        City {
            constraints: Constraints {
                funding: Level::Low,
                talent: Level::Low,
                technology: Level::Low,
                unset: [false; 3],
            },
            ..city(Level::Low, vec![])
        }
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
                reason_text: None,
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
        assert!(advice.moves().all(|m| !m.prerequisite));
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
        let moves: Vec<(DomainId, u8, u8)> =
            advice.moves().map(|m| (m.domain, m.from, m.to)).collect();
        assert_eq!(moves, vec![(DomainId::Enablers, 2, 3)]);
        assert!(advice.enablers.iter().all(|c| c.to == 3));
    }

    #[test]
    fn start_small_is_explained_even_when_the_next_stage_is_the_target() {
        let mut a = supported();
        set(&mut a, DomainId::Economy, 2.2, Some((3, 4)), Some(5));
        let ep = &advise(framework(), &poor(), &a).entry_points[0];
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
        let advice = advise(framework(), &poor(), &a);
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
            (1, 15)
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
        // no target of the city's own: the entry point rests on a
        // suggestion, marked as such, and the warning says so
        let mut c = supported();
        set(&mut c, DomainId::Services, 0.5, None, Some(5));
        let advice = advise(framework(), &city(Level::Medium, vec![]), &c);
        assert!(advice.entry_points.iter().all(|e| e.suggested));
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
            specialties: vec![Specialty::Agriculture, Specialty::CultureTourism],
            from: 1,
            next: None,
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
    fn start_small_one_entry_point_only_when_funding_talent_and_technology_are_all_short() {
        let mut a = supported();
        set(&mut a, DomainId::Services, 0.5, Some((3, 5)), Some(5));
        set(&mut a, DomainId::Economy, 1.0, Some((2, 3)), Some(4));
        set(&mut a, DomainId::Governance, 1.0, Some((2, 3)), Some(3));
        set(&mut a, DomainId::Environment, 1.0, Some((2, 3)), Some(3));
        let rich = advise(framework(), &city(Level::High, vec![]), &a);
        assert_eq!(rich.entry_points.len(), MAX_ENTRY_POINTS);
        assert_eq!(rich.entry_points[0].next_target, 3);
        assert!(rich.entry_points.iter().all(|e| {
            !e.reasons
                .iter()
                .any(|r| matches!(r, Reason::StartSmall { .. } | Reason::NarrowScenario { .. }))
        }));
        // one resource short: still several entry points, each with a
        // narrow first scenario, and no single-stage limit
        let funding_short = advise(framework(), &city(Level::Low, vec![]), &a);
        assert_eq!(funding_short.entry_points.len(), MAX_ENTRY_POINTS);
        for ep in &funding_short.entry_points {
            assert!(ep.reasons.contains(&Reason::NarrowScenario {
                short: vec![Resource::Funding]
            }));
            assert!(
                !ep.reasons
                    .iter()
                    .any(|r| matches!(r, Reason::StartSmall { .. }))
            );
        }
        assert_eq!(funding_short.entry_points[0].next_target, 3);
        // all three short: one entry point, the next single stage first
        let all_short = advise(framework(), &poor(), &a);
        assert_eq!(all_short.entry_points.len(), 1);
        let ep = &all_short.entry_points[0];
        assert_eq!((ep.domain, ep.next_target), (DomainId::Services, 1));
        let short = vec![Resource::Funding, Resource::Talent, Resource::Technology];
        assert!(ep.reasons.contains(&Reason::StartSmall {
            short: short.clone(),
            target: 3,
            next: 1
        }));
        // the resources named once: the narrow scenario (a pain point, its
        // own source) follows without naming them again
        assert!(!ep.reasons.contains(&Reason::NarrowScenario { short }));
        assert!(
            ep.reasons
                .contains(&Reason::NarrowScenario { short: vec![] })
        );
        assert_eq!(
            ep.reasons
                .iter()
                .find(|r| matches!(r, Reason::StartSmall { .. }))
                .unwrap()
                .rule(),
            Rule::StartSmall
        );
        assert_eq!(
            Reason::NarrowScenario { short: vec![] }.rule(),
            Rule::PainPoint
        );
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
    fn enablers_package_starts_from_each_aspects_own_answers_and_agrees_with_the_plan() {
        use crate::core::profile::Answer;
        let mut a = assessment();
        set(&mut a, DomainId::Infrastructure, 2.5, None, None);
        set(&mut a, DomainId::Economy, 1.0, Some((3, 4)), Some(5));
        // the enablers' level is low, but the city has a mayor-led group
        // (organisation stage 2) and department plans (stage 1); funding is
        // not met at stage 1; the other aspects are not asked
        for (id, v) in [
            ("enablers.s1.lead_department", AnswerValue::Met),
            ("enablers.s2.mayor_led_group", AnswerValue::Met),
            ("enablers.s1.department_plans", AnswerValue::Met),
            ("enablers.s2.citywide_plan", AnswerValue::Partly),
            ("enablers.s1.project_budgets", AnswerValue::NotMet),
            // (stage 1 answered on four of its five applicable indicators
            // and stage 2 on five of six: not thin, so the enablers'
            // shortfall is known and built alongside)
            ("enablers.s1.data_rules_compliance", AnswerValue::Met),
            ("enablers.s1.national_standards", AnswerValue::NotApplicable),
            ("enablers.s2.staff_digital_skills", AnswerValue::NotMet),
            ("enablers.s2.data_protection_mechanism", AnswerValue::NotMet),
            ("enablers.s2.funding_operations_plan", AnswerValue::NotMet),
        ] {
            a.answers.insert(id.into(), Answer::new(v, None));
        }
        let advice = advise(framework(), &city(Level::Medium, vec![]), &a);
        let aspect = |id: &str| advice.enablers.iter().find(|c| c.aspect == id).unwrap();
        let to = advice.enablers[0].to;
        assert!(advice.enablers.iter().all(|c| c.to == to));
        let org = aspect("organisation");
        assert_eq!((org.from, org.assessed), (2, true));
        assert!(
            org.in_place(),
            "a city with a mayor-led group is not told to set one up"
        );
        let policy = aspect("policy_planning");
        assert_eq!(
            (policy.from, policy.assessed, policy.in_place()),
            (1, true, false)
        );
        let funding = aspect("funding");
        assert_eq!((funding.from, funding.assessed), (0, true));
        // talent: stage 2 answered not met, stage 1 not asked: stage 1 is not
        // assessed (never "not yet at stage 1" without a stage-1 answer)
        let talent = aspect("talent_literacy");
        assert_eq!((talent.from, talent.assessed), (0, false));
        let standards = aspect("standards");
        assert!(!standards.assessed, "not asked: not assessed, not stage 0");
        // the plan takes the enablers to the package's stage
        let plan_to = advice
            .moves()
            .filter(|m| m.domain == DomainId::Enablers)
            .map(|m| m.to)
            .max();
        assert_eq!((plan_to, to), (Some(2), 2));
        let support = advice
            .supports
            .iter()
            .find(|s| s.domain == DomainId::Enablers)
            .expect("the enablers support the economy's stage 3");
        assert_eq!(support.needed, to);
        // a stage skipped: the stage-2 indicator met, stage 1 not asked
        let mut b = assessment();
        b.answers.insert(
            "enablers.s2.basic_standards".into(),
            Answer::new(AnswerValue::Met, None),
        );
        assert_eq!(
            aspect_stage(framework(), &b, DomainId::Enablers, "standards"),
            Some(2)
        );
        assert_eq!(
            aspect_stage(framework(), &b, DomainId::Enablers, "funding"),
            None
        );
    }

    #[test]
    fn a_county_connects_to_the_city_cloud_and_is_not_told_to_build_department_server_rooms() {
        let mut a = assessment();
        set(&mut a, DomainId::Enablers, 2.5, None, None);
        set(&mut a, DomainId::Infrastructure, 0.5, Some((2, 3)), Some(5));
        let county = City {
            name: Text::new("测试县", "Test County"),
            ..city(Level::Medium, vec![])
        };
        let work = |c: &City| -> Vec<String> {
            advise(framework(), c, &a)
                .plan
                .iter()
                .flat_map(|p| &p.moves)
                .filter(|m| m.domain == DomainId::Infrastructure)
                .flat_map(|m| m.work.iter().map(|w| w.indicator.clone()))
                .collect()
        };
        assert!(!work(&county).iter().any(|id| id == DEPARTMENT_COMPUTING));
        // a medium city with a fair budget may still start there
        assert!(
            work(&city(Level::High, vec![]))
                .iter()
                .any(|id| id == DEPARTMENT_COMPUTING)
        );
    }

    #[test]
    fn stage_skipping_is_warned_only_where_what_the_jump_needs_is_missing() {
        let mut a = supported();
        set(&mut a, DomainId::Services, 1.2, Some((2, 1)), None); // one stage: fine
        set(&mut a, DomainId::Economy, 0.8, Some((3, 2)), None); // two stages in 2 years
        set(&mut a, DomainId::Governance, 0.8, Some((3, 3)), None); // supported, 3 years: allowed
        let advice = advise(framework(), &city(Level::Medium, vec![]), &a);
        let w = warning(&advice, WarningCode::StageSkipping).unwrap();
        assert_eq!(w.domains, vec![DomainId::Economy]);
        assert_eq!(w.missing, vec![Need::Time]);
        assert_eq!(w.code.rule(), Rule::JumpNeeds);
        // enablers short, time enough: the plan takes the stages one at a
        // time, so there is no jump to warn of
        let mut b = assessment();
        set(&mut b, DomainId::Infrastructure, 2.5, None, None);
        set(&mut b, DomainId::Enablers, 1.0, None, None);
        set(&mut b, DomainId::Governance, 0.8, Some((3, 4)), None);
        let advice = advise(framework(), &city(Level::Medium, vec![]), &b);
        assert!(warning(&advice, WarningCode::StageSkipping).is_none());
    }

    #[test]
    fn stage_skipping_allowed_is_explained_and_planned_as_one_move() {
        let mut a = supported();
        set(&mut a, DomainId::Governance, 0.8, Some((3, 3)), Some(4));
        let advice = advise(framework(), &city(Level::Medium, vec![]), &a);
        let ep = &advice.entry_points[0];
        let leap = ep
            .reasons
            .iter()
            .find(|r| matches!(r, Reason::Leap { .. }))
            .unwrap();
        assert_eq!(
            leap,
            &Reason::Leap {
                from: 0,
                to: 3,
                grounds: vec![LeapGround::Precedent]
            }
        );
        assert_eq!(leap.rule(), Rule::JumpPinghu);
        let moves: Vec<(DomainId, u8, u8)> = advice
            .moves()
            .filter(|m| m.domain == DomainId::Governance)
            .map(|m| (m.domain, m.from, m.to))
            .collect();
        assert_eq!(moves, vec![(DomainId::Governance, 0, 3)]);
        // infrastructure with little legacy, in a county: both grounds
        let mut b = assessment();
        set(&mut b, DomainId::Enablers, 2.5, None, None);
        set(&mut b, DomainId::Infrastructure, 0.5, Some((3, 4)), Some(5));
        let county = City {
            name: Text::new("某县", "Some County"),
            ..city(Level::Medium, vec![])
        };
        let advice = advise(framework(), &county, &b);
        let leap = advice.entry_points[0]
            .reasons
            .iter()
            .find(|r| matches!(r, Reason::Leap { .. }))
            .unwrap()
            .clone();
        assert_eq!(
            leap,
            Reason::Leap {
                from: 0,
                to: 3,
                grounds: vec![LeapGround::LittleLegacy]
            }
        );
        assert_eq!(leap.rule(), Rule::JumpInfrastructure);
        // each further ground a reason of its own, with its own source
        let also: Vec<Rule> = advice.entry_points[0]
            .reasons
            .iter()
            .filter(|r| matches!(r, Reason::LeapAlso { .. }))
            .map(|r| r.rule())
            .collect();
        assert_eq!(also, vec![Rule::JumpPinghu, Rule::LateMover]);
        assert!(warning(&advice, WarningCode::StageSkipping).is_none());
    }

    /// Answers every use-and-operation indicator with `value`.
    fn operate(a: &mut Assessment, value: AnswerValue) {
        for id in OPERATION {
            a.answers.insert(
                id.to_string(),
                crate::core::profile::Answer::new(value, None),
            );
        }
    }

    fn showcase_parts(advice: &Advice) -> Vec<ShowcaseBasis> {
        warning(advice, WarningCode::ShowcaseRisk)
            .map(|w| w.showcase.iter().map(|p| p.basis).collect())
            .unwrap_or_default()
    }

    #[test]
    fn concrete_plan_each_move_lists_the_unmet_indicators_with_outcomes_and_owners() {
        use crate::core::profile::Answer;
        let mut a = supported();
        set(&mut a, DomainId::Services, 1.0, Some((2, 3)), Some(5));
        a.answers.insert(
            "services.s2.feedback_channel".into(),
            Answer::new(AnswerValue::Met, None),
        );
        a.answers.insert(
            "services.s2.commercial_services".into(),
            Answer::new(AnswerValue::NotApplicable, None),
        );
        let advice = advise(framework(), &city(Level::High, vec![]), &a);
        let mv = advice
            .moves()
            .find(|m| m.domain == DomainId::Services)
            .unwrap();
        let ids: Vec<&str> = mv.work.iter().map(|w| w.indicator.as_str()).collect();
        let stage2: Vec<&str> = framework().domain(DomainId::Services).stages[1]
            .indicators
            .iter()
            .map(|i| i.id.as_str())
            .filter(|id| {
                *id != "services.s2.feedback_channel" && *id != "services.s2.commercial_services"
            })
            .collect();
        assert_eq!(ids, stage2, "met and not applicable left out");
        assert!(mv.work.iter().all(|w| w.stage == 2));
        // the outcomes library's measure where one fits, else empty
        let one_stop = mv
            .work
            .iter()
            .find(|w| w.indicator == "services.s2.one_stop_platform")
            .unwrap();
        // (an outcome fitting two items of the move is offered once, for
        // the item it names first: the visits measure joined-up
        // transactions; the one-stop platform, the services reachable
        // through one login, a count no case gives)
        assert_eq!(one_stop.outcomes, vec!["one_login_services".to_string()]);
        let joined = mv
            .work
            .iter()
            .find(|w| w.indicator == "services.s2.joined_up_transactions")
            .unwrap();
        assert!(
            joined
                .outcomes
                .contains(&"citizen_service_visits".to_string()),
            "{:?}",
            joined.outcomes
        );
        let aggregated = mv
            .work
            .iter()
            .find(|w| w.indicator == "services.s2.public_services_aggregated")
            .unwrap();
        // a measure the report gives no figure for: the city's own count,
        // nothing borrowed; the figure itself for the consultant to fill
        assert_eq!(aggregated.outcomes, vec!["sectors_on_platform".to_string()]);
        assert!(aggregated.outcome.is_empty(), "for the consultant to fill");
        // owners by operating model
        assert_eq!(mv.owners, Owner::for_model(mv.model.model));
        assert_eq!(
            Owner::for_model(OperatingModel::MarketLed),
            vec![Owner::Firms, Owner::GovernmentGuidance]
        );
        assert!(
            Owner::for_model(OperatingModel::GovernmentLed).contains(&Owner::OperationsProvider)
        );
    }

    #[test]
    fn concrete_plan_outcomes_follow_the_city_specialty() {
        let mut a = supported();
        set(&mut a, DomainId::Economy, 1.0, Some((2, 3)), Some(5));
        let outcomes = |sp: Specialty| {
            let advice = advise(framework(), &city(Level::High, vec![sp]), &a);
            advice
                .moves()
                .filter(|m| m.domain == DomainId::Economy)
                .flat_map(|m| m.work.iter().flat_map(|w| w.outcomes.clone()))
                .collect::<Vec<String>>()
        };
        assert!(outcomes(Specialty::Agriculture).contains(&"farm_water_saved".to_string()));
        let tourism = outcomes(Specialty::CultureTourism);
        assert!(
            !tourism.contains(&"farm_water_saved".to_string()),
            "{tourism:?}"
        );
    }

    #[test]
    fn concrete_plan_edits_stay_with_their_move_when_phases_are_reshaped() {
        use crate::core::profile::{MoveEdit, PhaseEdit, move_key};
        let mut a = supported();
        set(&mut a, DomainId::Services, 1.0, Some((2, 3)), Some(5));
        a.plan_moves.insert(
            move_key(DomainId::Services, 1, 2),
            MoveEdit {
                owner: "Data bureau".into(),
                outcomes: [(
                    "services.s2.public_services_aggregated".to_string(),
                    "80% of services online".to_string(),
                )]
                .into(),
                ..MoveEdit::default()
            },
        );
        // the old per-phase edit is still read, for the phase it names
        a.plan.insert(
            "1".into(),
            PhaseEdit {
                owner: "Phase owner".into(),
                ..PhaseEdit::default()
            },
        );
        let owner_of = |a: &Assessment| {
            let advice = advise(framework(), &city(Level::High, vec![]), a);
            let phase = advice
                .plan
                .iter()
                .find(|p| p.moves.iter().any(|m| m.domain == DomainId::Services))
                .unwrap()
                .clone();
            let mv = phase
                .moves
                .iter()
                .find(|m| m.domain == DomainId::Services)
                .unwrap()
                .clone();
            (phase.number, mv)
        };
        let (number, mv) = owner_of(&a);
        assert_eq!(number, 1);
        assert_eq!(mv.owner, "Data bureau");
        let w = mv
            .work
            .iter()
            .find(|w| w.indicator == "services.s2.public_services_aggregated")
            .unwrap();
        assert_eq!(w.outcome, "80% of services online");
        let advice = advise(framework(), &city(Level::High, vec![]), &a);
        assert_eq!(advice.plan[0].owner, "Phase owner");
        // a second step of the services move (one stage at a time: the
        // infrastructure is short of the jump), with its own owner: phase 2
        set(&mut a, DomainId::Infrastructure, 1.0, None, None);
        set(&mut a, DomainId::Services, 1.0, Some((3, 5)), Some(5));
        a.plan_moves.insert(
            move_key(DomainId::Services, 2, 3),
            MoveEdit {
                owner: "Platform office".into(),
                ..MoveEdit::default()
            },
        );
        let phase_of = |a: &Assessment| {
            let advice = advise(framework(), &city(Level::High, vec![]), a);
            advice
                .plan
                .iter()
                .find_map(|p| {
                    p.moves
                        .iter()
                        .find(|m| m.domain == DomainId::Services && m.from == 2)
                        .map(|m| (p.number, m.owner.clone()))
                })
                .unwrap()
        };
        assert_eq!(phase_of(&a), (2, "Platform office".to_string()));
        // a new entry point whose second step starts first reshapes the
        // phases: the services step is now in phase 3 and keeps its owner
        set(&mut a, DomainId::Government, 1.0, Some((3, 1)), Some(5));
        assert_eq!(phase_of(&a), (3, "Platform office".to_string()));
        assert_eq!(owner_of(&a).1.owner, "Data bureau");
    }

    #[test]
    fn showcase_risk_is_several_stage_3_targets_with_short_resources() {
        let mut a = supported();
        set(&mut a, DomainId::Services, 2.0, Some((3, 5)), None);
        set(&mut a, DomainId::Economy, 2.0, Some((3, 5)), None);
        operate(&mut a, AnswerValue::Met);
        let low_talent = City {
            constraints: Constraints {
                talent: Level::Low,
                ..Constraints::default()
            },
            ..city(Level::Medium, vec![])
        };
        let advice = advise(framework(), &low_talent, &a);
        let w = warning(&advice, WarningCode::ShowcaseRisk).unwrap();
        assert_eq!(w.domains, vec![DomainId::Services, DomainId::Economy]);
        assert_eq!(
            showcase_parts(&advice),
            vec![ShowcaseBasis::TopTargetsShortResources]
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
        operate(&mut one, AnswerValue::Met);
        assert!(
            warning(
                &advise(framework(), &low_talent, &one),
                WarningCode::ShowcaseRisk
            )
            .is_none()
        );
    }

    #[test]
    fn showcase_risk_when_display_capabilities_are_in_place_without_use_and_operation() {
        use crate::core::profile::Answer;
        // a command platform with its screen is in place (Kaifeng's decision
        // system, partly), nothing says it is used and run
        let mut a = supported();
        set(&mut a, DomainId::Services, 1.0, Some((2, 3)), Some(5));
        a.answers.insert(
            "governance.s2.cross_department_dispatch".into(),
            Answer::new(AnswerValue::Partly, None),
        );
        let rich = city(Level::High, vec![]);
        let advice = advise(framework(), &rich, &a);
        let w = warning(&advice, WarningCode::ShowcaseRisk).unwrap();
        assert_eq!(
            showcase_parts(&advice),
            vec![ShowcaseBasis::DisplayWithoutOperation]
        );
        assert_eq!(w.domains, vec![DomainId::Governance]);
        assert_eq!(w.display, vec!["governance.s2.cross_department_dispatch"]);
        assert_eq!(w.unoperated.len(), OPERATION.len());
        assert_eq!(w.code.rule(), Rule::Showcase);
        // used, run by a team with a yearly budget, one operator: no risk
        operate(&mut a, AnswerValue::Met);
        assert!(warning(&advise(framework(), &rich, &a), WarningCode::ShowcaseRisk).is_none());
        // one of them only partly: the risk is back, naming that one
        a.answers.insert(
            "infrastructure.s2.long_term_operation".into(),
            Answer::new(AnswerValue::Partly, None),
        );
        let advice = advise(framework(), &rich, &a);
        assert_eq!(
            warning(&advice, WarningCode::ShowcaseRisk)
                .unwrap()
                .unoperated,
            vec!["infrastructure.s2.long_term_operation"]
        );
        // a single operator not applicable (no such body to set up) does
        // not count against the city
        operate(&mut a, AnswerValue::Met);
        a.answers.insert(
            "infrastructure.s2.single_operator".into(),
            Answer::new(AnswerValue::NotApplicable, None),
        );
        assert!(warning(&advise(framework(), &rich, &a), WarningCode::ShowcaseRisk).is_none());
    }

    #[test]
    fn showcase_risk_when_the_screens_built_are_shown_only_in_part_in_use() {
        use crate::core::profile::Answer;
        // Baoying: a big-screen command centre shows the farm data, and the
        // use check is answered partly; no display-type indicator of its
        // own is answered, and no target aims at one
        let mut a = supported();
        set(&mut a, DomainId::Economy, 2.0, Some((3, 5)), Some(5));
        let rich = city(Level::High, vec![]);
        assert!(warning(&advise(framework(), &rich, &a), WarningCode::ShowcaseRisk).is_none());
        for value in [AnswerValue::Partly, AnswerValue::NotMet] {
            a.answers.insert(USE_CHECK.into(), Answer::new(value, None));
            let advice = advise(framework(), &rich, &a);
            let w = warning(&advice, WarningCode::ShowcaseRisk).unwrap();
            assert_eq!(
                showcase_parts(&advice),
                vec![ShowcaseBasis::DisplayWithoutOperation]
            );
            assert_eq!(w.display, vec![USE_CHECK]);
            assert!(w.unoperated.contains(&USE_CHECK.to_string()));
            assert_eq!(w.code.rule().source(), Rule::Showcase.source());
        }
        // in real use, run and budgeted: no risk
        operate(&mut a, AnswerValue::Met);
        assert!(warning(&advise(framework(), &rich, &a), WarningCode::ShowcaseRisk).is_none());
    }

    #[test]
    fn showcase_risk_on_a_display_capability_built_puts_a_check_of_its_use_and_operation_in_the_first_phase()
     {
        use crate::core::profile::Answer;
        // Baoying's shape: screens built, the use check answered partly, the
        // operation not known; the city works on its economy
        let mut a = supported();
        set(&mut a, DomainId::Economy, 2.0, Some((3, 5)), Some(5));
        a.answers
            .insert(USE_CHECK.into(), Answer::new(AnswerValue::Partly, None));
        let rich = city(Level::High, vec![]);
        let advice = advise(framework(), &rich, &a);
        let w = warning(&advice, WarningCode::ShowcaseRisk).unwrap();
        let first = &advice.plan[0];
        assert_eq!(first.number, 1);
        assert_eq!(
            first.checks,
            vec![OperationCheck {
                domains: vec![DomainId::Economy],
                indicators: CHECKED.iter().map(|id| id.to_string()).collect(),
            }]
        );
        assert!(advice.plan[1..].iter().all(|p| p.checks.is_empty()));
        // the warning points to it, in both languages
        assert_eq!(w.check_phase, Some(1));
        for (lang, says) in [(Lang::En, "phase 1 of the plan"), (Lang::Zh, "计划第 1 期")] {
            let text = crate::text::advice::warning(w, &advice.short_resources, lang);
            assert!(text.contains(says), "{text}");
            let (head, items) = crate::text::advice::operation_check(
                &first.checks[0],
                &[("x".into(), "y".into())],
                lang,
            );
            assert!(
                head.contains(if lang == Lang::En {
                    "daily production and trading"
                } else {
                    "日常生产和交易"
                }),
                "{head}"
            );
            assert_eq!(items.len(), 1);
        }
        assert!(!Rule::LongTermOperation.source().is_convention());
        // only what is not met yet is checked: in use, the budget unknown
        a.answers
            .insert(USE_CHECK.into(), Answer::new(AnswerValue::Partly, None));
        a.answers.insert(
            "infrastructure.s2.long_term_operation".into(),
            Answer::new(AnswerValue::Met, None),
        );
        let advice = advise(framework(), &rich, &a);
        assert_eq!(
            advice.plan[0].checks[0].indicators,
            vec![USE_CHECK.to_string()]
        );
        // in real use, run and budgeted: no warning, no check
        operate(&mut a, AnswerValue::Met);
        let advice = advise(framework(), &rich, &a);
        assert!(advice.plan.iter().all(|p| p.checks.is_empty()));
        // a display capability only aimed at by a target (nothing built): the
        // warning fires, but there is nothing built to check
        let mut b = supported();
        set(&mut b, DomainId::Infrastructure, 2.0, Some((3, 4)), Some(5));
        let advice = advise(framework(), &rich, &b);
        let w = warning(&advice, WarningCode::ShowcaseRisk).unwrap();
        assert_eq!(w.check_phase, None);
        assert!(advice.plan.iter().all(|p| p.checks.is_empty()));
    }

    #[test]
    fn showcase_risk_leaves_unknown_operation_to_confirm_where_platforms_are_in_real_use() {
        use crate::core::profile::Answer;
        // Pinghu's case: a display capability in place and the report
        // showing it in real use; nothing said of the team or the operator
        let mut a = supported();
        set(&mut a, DomainId::Services, 1.0, Some((2, 3)), Some(5));
        a.answers.insert(
            "governance.s2.cross_department_dispatch".into(),
            Answer::new(AnswerValue::Met, None),
        );
        a.answers.insert(
            "governance.s2.platforms_in_use".into(),
            Answer::new(AnswerValue::Met, None),
        );
        let rich = city(Level::High, vec![]);
        let advice = advise(framework(), &rich, &a);
        assert!(
            warning(&advice, WarningCode::ShowcaseRisk).is_none(),
            "{:?}",
            advice.warnings
        );
        // an operation answered short of met is still a risk
        a.answers.insert(
            "infrastructure.s2.long_term_operation".into(),
            Answer::new(AnswerValue::NotMet, None),
        );
        let advice = advise(framework(), &rich, &a);
        assert_eq!(
            warning(&advice, WarningCode::ShowcaseRisk)
                .unwrap()
                .unoperated,
            vec!["infrastructure.s2.long_term_operation"]
        );
    }

    #[test]
    fn showcase_risk_when_display_capabilities_are_targeted_without_use_and_operation() {
        // a city aiming infrastructure at stage 3 (digital twin, city
        // operating system) without answers on use and operation
        let mut a = supported();
        set(&mut a, DomainId::Infrastructure, 2.0, Some((3, 4)), Some(5));
        let rich = city(Level::High, vec![]);
        let advice = advise(framework(), &rich, &a);
        let w = warning(&advice, WarningCode::ShowcaseRisk).unwrap();
        assert_eq!(w.domains, vec![DomainId::Infrastructure]);
        assert_eq!(
            w.display,
            vec![
                "infrastructure.s3.digital_twin",
                "infrastructure.s3.city_operating_system"
            ]
        );
        // a stage-2 target in services aims at no display capability
        let mut b = supported();
        set(&mut b, DomainId::Services, 1.0, Some((2, 3)), Some(5));
        assert!(warning(&advise(framework(), &rich, &b), WarningCode::ShowcaseRisk).is_none());
        // the text names the pattern and the indicators, in both languages
        for lang in [Lang::En, Lang::Zh] {
            let text = crate::text::advice::warning(w, &advice.short_resources, lang);
            let counts = match lang {
                Lang::En => "(2 of them)",
                Lang::Zh => "（2项）",
            };
            assert!(text.contains(counts), "{text}");
            assert!(text.contains(if lang == Lang::En { "bonsai" } else { "盆景" }));
        }
    }

    #[test]
    fn showcase_risk_when_targets_outrun_the_enablers() {
        let mut a = assessment();
        set(&mut a, DomainId::Infrastructure, 2.5, None, None);
        set(&mut a, DomainId::Enablers, 1.0, None, None);
        set(&mut a, DomainId::Economy, 1.0, Some((3, 5)), Some(5));
        operate(&mut a, AnswerValue::Met);
        let rich = city(Level::High, vec![]);
        let advice = advise(framework(), &rich, &a);
        let w = warning(&advice, WarningCode::ShowcaseRisk).unwrap();
        assert_eq!(
            w.showcase,
            vec![ShowcasePart {
                basis: ShowcaseBasis::TargetsOutrunEnablers,
                domains: vec![DomainId::Economy]
            }]
        );
        // enablers below stage 1: enablers_missing names it, not this
        set(&mut a, DomainId::Enablers, 0.5, None, None);
        let advice = advise(framework(), &rich, &a);
        assert!(warning(&advice, WarningCode::ShowcaseRisk).is_none());
        assert!(warning(&advice, WarningCode::EnablersMissing).is_some());
        // enablers at stage 2 carry a stage-3 target
        set(&mut a, DomainId::Enablers, 2.0, None, None);
        assert!(warning(&advise(framework(), &rich, &a), WarningCode::ShowcaseRisk).is_none());
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
    fn operating_model_follows_the_kind_of_project_per_move() {
        let a = assessment();
        let m = |d, from, to| move_model(framework(), &a, d, from, to);
        // stage-1 environment monitoring is the environment bureau's work
        assert_eq!(
            m(DomainId::Environment, 0, 1).model,
            OperatingModel::GovernmentLed
        );
        assert_eq!(m(DomainId::Environment, 0, 1).kind, ProjectKind::Management);
        // the specialty chain's shared platform, set up with government
        // guidance, is a quasi-public service in the report's county cases;
        // stage 3's open ecosystem has clear market value, beside a
        // quasi-public innovation platform and management work: mixed, so
        // public-private (no item outvoted)
        assert_eq!(
            m(DomainId::Economy, 1, 2).model,
            OperatingModel::PublicPrivate
        );
        assert_eq!(
            m(DomainId::Economy, 2, 3).model,
            OperatingModel::PublicPrivate
        );
        assert_eq!(m(DomainId::Economy, 2, 3).reason, ModelReason::Mixed);
        assert_eq!(
            m(DomainId::Services, 1, 2).model,
            OperatingModel::PublicPrivate
        );
        assert_eq!(
            m(DomainId::Governance, 1, 2).model,
            OperatingModel::GovernmentLed
        );
        let infra = m(DomainId::Infrastructure, 1, 2);
        assert_eq!(
            (infra.model, infra.kind),
            (
                OperatingModel::GovernmentLed,
                ProjectKind::PublicInfrastructure
            )
        );
        // government-led is financed by one-off payment or instalment
        // buyback (the county article); public-private also by Shen County's
        // firm investment with services bought in instalments
        assert_eq!(
            infra.financing,
            vec![Financing::FiscalOneOff, Financing::InstalmentBuyback]
        );
        assert_eq!(
            Financing::InstalmentBuyback.rule(),
            Rule::GovernmentFinancing
        );
        assert!(
            m(DomainId::Services, 1, 2)
                .financing
                .contains(&Financing::FirmInvestsGovernmentBuysInInstalments)
        );
        assert_eq!(
            Financing::FirmInvestsGovernmentBuysInInstalments.rule(),
            Rule::ShenInstalments
        );
        assert!(Rule::FinancingCaution.source().is_convention());
        // what is met already is not the move's work: with the market-value
        // and quasi-public indicators of economy stage 2 met, what remains
        // is management
        use crate::core::profile::{Answer, AnswerValue};
        let mut b = assessment();
        for i in &framework().domain(DomainId::Economy).stages[1].indicators {
            if matches!(
                project_kind(&i.id),
                Some(ProjectKind::MarketValue | ProjectKind::QuasiPublic)
            ) {
                b.answers
                    .insert(i.id.clone(), Answer::new(AnswerValue::Met, None));
            }
        }
        assert_eq!(
            move_model(framework(), &b, DomainId::Economy, 1, 2).model,
            OperatingModel::GovernmentLed
        );
        // each plan move carries its own model
        let mut c = supported();
        set(&mut c, DomainId::Environment, 0.5, Some((3, 4)), Some(5));
        let advice = advise(framework(), &city(Level::High, vec![]), &c);
        let env: Vec<OperatingModel> = advice
            .moves()
            .filter(|mv| mv.domain == DomainId::Environment)
            .map(|mv| mv.model.model)
            .collect();
        assert_eq!(env[0], OperatingModel::GovernmentLed);
    }

    #[test]
    fn operating_model_is_not_outvoted_when_the_work_mixes_market_and_public_items_and_the_own_case_sets_it()
     {
        // economy 2 -> 3: the tool's kinds give three market-value items, one
        // quasi-public (the innovation platform) and one management (regional
        // collaboration); the majority would say market-led
        let mut a = supported();
        set(&mut a, DomainId::Economy, 2.2, Some((3, 4)), Some(5));
        let m = move_model(framework(), &a, DomainId::Economy, 2, 3);
        assert_eq!(m.model, OperatingModel::PublicPrivate);
        assert_eq!(m.reason, ModelReason::Mixed);
        assert!(
            m.mix.contains(&(OperatingModel::MarketLed, 3)),
            "{:?}",
            m.mix
        );
        assert_eq!(m.mix.iter().map(|(_, n)| n).sum::<usize>(), 5);
        assert_eq!(m.own_case, None);
        // work all of one model: that model, no mix
        let one = move_model(framework(), &a, DomainId::Government, 0, 1);
        assert!(one.mix.is_empty() || one.reason != ModelReason::Mixed);
        // Shen County: its own case (seed 001, 通过政府购买服务方式) sets the
        // model, cited
        let shen = City {
            name: Text::new("莘县", "Shen County"),
            ..city(Level::Medium, vec![Specialty::Agriculture])
        };
        let advice = advise(framework(), &shen, &a);
        let ep = &advice.entry_points[0];
        assert_eq!(ep.domain, DomainId::Economy);
        assert_eq!(ep.operating_model, OperatingModel::PublicPrivate);
        assert_eq!(ep.model.reason, ModelReason::OwnCase);
        assert_eq!(ep.model.own_case, Some(Rule::ShenOwnModel));
        assert!(!ep.model.mix.is_empty(), "the mix stays shown");
        let mv = advice
            .moves()
            .find(|m| m.domain == DomainId::Economy)
            .unwrap();
        assert_eq!(mv.model.own_case, Some(Rule::ShenOwnModel));
        // another city: the mix decides
        let other = advise(
            framework(),
            &city(Level::Medium, vec![Specialty::Agriculture]),
            &a,
        );
        assert_eq!(other.entry_points[0].model.reason, ModelReason::Mixed);
    }

    #[test]
    fn supports_run_alongside_the_entry_point_not_before_it() {
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
                // services 1 -> 3 over 4 years is a supported jump? no:
                // infrastructure is at 1, so one stage at a time, and the
                // supports it needs run alongside its first step; every
                // entry point starts in phase 1
                (
                    1,
                    vec![
                        (DomainId::Services, 1, 2, false),
                        (DomainId::Economy, 1, 2, false),
                        (DomainId::Infrastructure, 1, 2, true),
                        (DomainId::Enablers, 1, 2, true)
                    ],
                    d(2028, 1)
                ),
                (2, vec![(DomainId::Services, 2, 3, false)], d(2030, 1)),
            ]
        );
        assert_eq!(
            advice.plan[1].start,
            d(2028, 1),
            "a phase starts where the last ended"
        );
        let infra = advice
            .supports
            .iter()
            .find(|s| s.domain == DomainId::Infrastructure)
            .unwrap();
        assert_eq!(
            (infra.action, infra.starts_with, infra.needed),
            (SupportAction::Build, DomainId::Services, 2)
        );
        assert_eq!(infra.ways, vec![SupportWay::UrgentFirst]);
        // what it needs first comes first: stage 2's indicators
        assert!(
            infra
                .first
                .iter()
                .all(|id| id.starts_with("infrastructure.s2."))
        );
        assert!(!infra.first.is_empty());
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

    #[test]
    fn supports_light_for_a_smaller_city_with_a_weak_economic_base_and_connected_for_a_county() {
        let mut a = assessment();
        set(&mut a, DomainId::Infrastructure, 0.5, None, None);
        set(&mut a, DomainId::Enablers, 2.0, None, None);
        set(&mut a, DomainId::Services, 1.0, Some((2, 3)), Some(5));
        let ways = |c: &City| {
            advise(framework(), c, &a)
                .supports
                .iter()
                .find(|s| s.domain == DomainId::Infrastructure)
                .unwrap()
                .ways
                .clone()
        };
        assert_eq!(
            ways(&city(Level::High, vec![])),
            vec![SupportWay::UrgentFirst]
        );
        // seed 000's condition is both: a smaller city with a weak economic
        // base; either alone is not enough
        assert_eq!(
            ways(&city(Level::Low, vec![])),
            vec![SupportWay::UrgentFirst]
        );
        let small = City {
            population: Some(150_000),
            ..city(Level::High, vec![])
        };
        assert_eq!(ways(&small), vec![SupportWay::UrgentFirst]);
        let small_and_weak = City {
            population: Some(150_000),
            ..city(Level::Low, vec![])
        };
        assert_eq!(
            ways(&small_and_weak),
            vec![SupportWay::UrgentFirst, SupportWay::Light]
        );
        let county = City {
            name: Text::new("莘县", "Shen County"),
            ..city(Level::High, vec![])
        };
        assert!(is_county(&county) && !is_county(&city(Level::High, vec![])));
        assert_eq!(
            ways(&county),
            vec![SupportWay::UrgentFirst, SupportWay::ConnectToCity]
        );
        assert_eq!(SupportWay::ConnectToCity.rule(), Rule::CountyConnect);
        assert_eq!(SupportWay::Light.rule(), Rule::SupportsLight);
    }

    #[test]
    fn supports_not_assessed_are_assessed_first_never_built() {
        let mut a = assessment();
        set(&mut a, DomainId::Services, 1.0, Some((3, 3)), Some(5));
        let advice = advise(framework(), &city(Level::Medium, vec![]), &a);
        assert_eq!(advice.supports.len(), 2);
        for s in &advice.supports {
            assert_eq!(s.action, SupportAction::AssessFirst);
            assert!(!s.first.is_empty(), "the indicators to assess");
        }
        assert!(advice.moves().all(|m| !m.prerequisite));
    }

    #[test]
    fn edge_cases_no_answers_only_unknowns_low_targets_extreme_horizons_no_constraints() {
        use crate::core::profile::{Answer, AnswerValue};
        // no answers at all
        let empty = advise(framework(), &city(Level::Medium, vec![]), &assessment());
        assert!(empty.entry_points.is_empty());
        assert!(codes(&empty).contains(&WarningCode::NoTargets));
        assert!(codes(&empty).contains(&WarningCode::NotAssessed));
        // only unknowns, with a target: assess first, nothing built
        let mut a = assessment();
        for r in framework().indicators() {
            a.answers.insert(
                r.indicator.id.clone(),
                Answer::new(AnswerValue::Unknown, None),
            );
        }
        a.targets.insert(DomainId::Services, Target::new(2, 0));
        let advice = advise(framework(), &poor(), &a);
        assert_eq!(advice.entry_points[0].reasons[0], Reason::AssessFirst);
        assert!(
            advice
                .supports
                .iter()
                .all(|s| s.action == SupportAction::AssessFirst)
        );
        assert_eq!(
            warning(&advice, WarningCode::NotAssessed)
                .unwrap()
                .domains
                .len(),
            7
        );
        // a target below today: targets met; the entry points are then the
        // engine's suggestions, each marked, the domain's own one the next
        // stage beyond its reached target (which stays as the city set it)
        let mut b = supported();
        set(&mut b, DomainId::Services, 2.5, Some((1, 3)), Some(5));
        let advice = advise(framework(), &city(Level::Medium, vec![]), &b);
        assert!(advice.entry_points.iter().all(|e| e.suggested));
        assert!(
            advice
                .entry_points
                .iter()
                .filter(|e| e.domain == DomainId::Services)
                .all(|e| e.next_target == 3)
        );
        assert_eq!(
            advice.domains[DomainId::Services.index()].target,
            Some(Target::new(1, 3))
        );
        assert_eq!(
            warning(&advice, WarningCode::TargetsMet).unwrap().domains,
            vec![DomainId::Services]
        );
        // horizons of 0 and 30 years: phases within the horizon, no panic
        for years in [0u8, 30] {
            let mut c = supported();
            set(&mut c, DomainId::Economy, 0.0, Some((3, years)), Some(5));
            let advice = advise(framework(), &city(Level::Medium, vec![]), &c);
            let last = advice.plan.last().unwrap().end;
            let expected = NaiveDate::from_ymd_opt(2026 + i32::from(years.max(1)), 1, 1).unwrap();
            assert_eq!(last, expected, "{years}");
        }
        // all constraints missing (the default): medium, nothing short
        let none = City {
            constraints: Constraints::default(),
            ..city(Level::Medium, vec![])
        };
        let mut d = supported();
        set(&mut d, DomainId::Services, 1.0, Some((2, 3)), Some(3));
        let advice = advise(framework(), &none, &d);
        assert!(advice.short_resources.is_empty());
        assert_eq!(advice.entry_points.len(), 1);
    }

    #[test]
    fn suggested_vision_when_no_domain_stands_below_a_target_the_city_set() {
        // Pinghu's shape: the one target the city set is reached; two assessed
        // domains without a target, of middling importance
        let mut a = supported();
        a.targets
            .insert(DomainId::Infrastructure, Target::new(2, 3));
        set(&mut a, DomainId::Governance, 1.78, None, Some(3));
        set(&mut a, DomainId::Government, 1.83, None, Some(2));
        let advice = advise(framework(), &city(Level::Medium, vec![]), &a);
        assert!(!advice.entry_points.is_empty(), "Pinghu gets advice");
        assert!(advice.entry_points.iter().all(|e| e.suggested));
        let gov = &advice.domains[DomainId::Governance.index()];
        let s = gov.suggested_target.as_ref().unwrap();
        assert_eq!(s.stage, 2);
        assert!(s.reasons.contains(&SuggestReason::NextStage));
        assert_eq!(gov.target, None, "the city's own target stays unset");
        let met = warning(&advice, WarningCode::TargetsMet).unwrap();
        assert_eq!(met.domains, vec![DomainId::Infrastructure]);
        assert!(met.suggested.contains(&DomainId::Governance));
        assert!(!advice.plan.is_empty());
        // a target of the city's own still open: no suggestion is used
        a.targets.insert(DomainId::Services, Target::new(1, 2));
        set(&mut a, DomainId::Services, 0.5, Some((1, 2)), None);
        let advice = advise(framework(), &city(Level::Medium, vec![]), &a);
        assert!(advice.entry_points.iter().all(|e| !e.suggested));
        assert!(warning(&advice, WarningCode::TargetsMet).is_none());
    }

    #[test]
    fn suggested_vision_when_every_target_the_city_set_is_at_or_below_today() {
        // every assessed domain has a target of the city's own, and every one
        // is at or below today: the advice proposes the next stage beside each
        // (a suggestion), never nothing; the city's own targets stay as set
        for years in [0u8, 3, 30] {
            let mut a = assessment();
            set(
                &mut a,
                DomainId::Infrastructure,
                2.5,
                Some((2, years)),
                None,
            );
            set(&mut a, DomainId::Enablers, 2.5, Some((2, years)), None);
            set(&mut a, DomainId::Services, 2.5, Some((1, years)), None);
            set(&mut a, DomainId::Government, 1.4, Some((1, years)), None);
            let advice = advise(framework(), &city(Level::Medium, vec![]), &a);
            assert!(
                !advice.entry_points.is_empty(),
                "{years}: advice, not nothing"
            );
            assert!(advice.entry_points.iter().all(|e| e.suggested), "{years}");
            let services = &advice.domains[DomainId::Services.index()];
            assert_eq!(services.target, Some(Target::new(1, years)), "kept as set");
            let s = services.suggested_target.as_ref().unwrap();
            assert_eq!((s.stage, s.horizon_years), (3, SUGGESTED_HORIZON_YEARS));
            assert!(
                s.reasons
                    .contains(&SuggestReason::OwnTargetReached { stage: 1 })
            );
            let ep = advice
                .entry_points
                .iter()
                .find(|e| e.domain == DomainId::Services)
                .unwrap();
            assert_eq!(ep.next_target, 3);
            assert!(matches!(
                ep.reasons[0],
                Reason::Suggested {
                    target: 3,
                    own_reached: Some(1),
                    ..
                }
            ));
            // the next stage of every other assessed domain too, each beyond
            // the city's own reached target
            let gov = &advice.domains[DomainId::Government.index()];
            assert_eq!(gov.suggested_target.as_ref().map(|s| s.stage), Some(2));
            assert!(
                advice.domains[DomainId::Enablers.index()]
                    .suggested_target
                    .is_none()
            );
            let met = warning(&advice, WarningCode::TargetsMet).unwrap();
            assert!(met.domains.contains(&DomainId::Services));
            assert!(met.suggested.contains(&DomainId::Services));
            assert!(!advice.plan.is_empty(), "{years}");
        }
        // a target still above today is the city's vision: no suggestion for
        // it, and the reached one's suggestion is shown but is no entry point
        let mut a = supported();
        set(&mut a, DomainId::Services, 2.5, Some((1, 3)), Some(5));
        set(&mut a, DomainId::Government, 1.4, Some((3, 3)), None);
        let advice = advise(framework(), &city(Level::Medium, vec![]), &a);
        assert!(advice.entry_points.iter().all(|e| !e.suggested));
        assert!(
            advice.domains[DomainId::Government.index()]
                .suggested_target
                .is_none()
        );
        assert_eq!(
            advice.domains[DomainId::Services.index()]
                .suggested_target
                .as_ref()
                .map(|s| s.stage),
            Some(3)
        );
        assert_eq!(
            advice.domains[DomainId::Services.index()].not_entry,
            Some(NotEntry::TargetReached)
        );
        // only unknowns under reached-looking targets: no level, nothing
        // suggested, assess first
        use crate::core::profile::{Answer, AnswerValue};
        let mut b = assessment();
        for r in framework().indicators() {
            b.answers.insert(
                r.indicator.id.clone(),
                Answer::new(AnswerValue::Unknown, None),
            );
        }
        b.targets.insert(DomainId::Services, Target::new(0, 30));
        let advice = advise(framework(), &city(Level::Medium, vec![]), &b);
        assert!(advice.domains.iter().all(|d| d.suggested_target.is_none()));
        assert!(codes(&advice).contains(&WarningCode::NotAssessed));
    }

    #[test]
    fn suggested_vision_for_a_city_without_targets_is_marked_as_such() {
        let mut a = supported();
        // (enablers at stage 1: a jump would lack them, so the next stage)
        set(&mut a, DomainId::Enablers, 1.5, None, None);
        // importance 5: suggested; the survey's attention alone: not
        set(&mut a, DomainId::Government, 1.2, None, Some(5));
        set(&mut a, DomainId::Services, 0.5, None, None);
        let advice = advise(framework(), &city(Level::Medium, vec![]), &a);
        let gov = &advice.domains[DomainId::Government.index()];
        let s = gov.suggested_target.as_ref().unwrap();
        assert_eq!((s.stage, s.horizon_years), (2, SUGGESTED_HORIZON_YEARS));
        assert!(
            s.reasons
                .contains(&SuggestReason::Importance { importance: 5 })
        );
        assert!(advice.domains[0].suggested_target.is_none());
        assert_eq!(gov.target, None, "the city's own target stays unset");
        let ep = &advice.entry_points[0];
        assert_eq!(
            (ep.domain, ep.suggested, ep.next_target),
            (DomainId::Government, true, 2)
        );
        assert!(matches!(ep.reasons[0], Reason::Suggested { target: 2, .. }));
        assert_eq!(
            warning(&advice, WarningCode::NoTargets).unwrap().domains,
            vec![DomainId::Government]
        );
        assert!(!advice.plan.is_empty());
        // once the city sets a target of its own, suggestions are shown but
        // are not entry points
        set(&mut a, DomainId::Services, 0.5, Some((1, 2)), None);
        let advice = advise(framework(), &city(Level::Medium, vec![]), &a);
        assert!(advice.entry_points.iter().all(|e| !e.suggested));
        assert!(
            advice.domains[DomainId::Government.index()]
                .suggested_target
                .is_some()
        );
        assert!(Rule::Suggestion.source().is_convention());
    }

    #[test]
    fn a_support_whose_level_rests_on_a_thin_stage_below_is_assessed_first_there_too() {
        use crate::core::profile::{Answer, AnswerValue};
        let mut a = assessment();
        set(&mut a, DomainId::Infrastructure, 2.5, None, None);
        set(&mut a, DomainId::Services, 1.0, Some((3, 4)), Some(5));
        // the enablers: stage 2 answered on five of six (met), stage 1 on
        // one of six: the level passes 1 on stage 2's strength alone
        let fw = framework();
        let stages = &fw.domain(DomainId::Enablers).stages;
        for i in stages[1].indicators.iter().take(5) {
            a.answers
                .insert(i.id.clone(), Answer::new(AnswerValue::Met, None));
        }
        a.answers.insert(
            stages[0].indicators[0].id.clone(),
            Answer::new(AnswerValue::Met, None),
        );
        let advice = advise(fw, &city(Level::High, vec![]), &a);
        let enablers = &advice.domains[DomainId::Enablers.index()];
        assert!(enablers.current.unwrap() >= 1.0, "{:?}", enablers.current);
        let s = advice
            .supports
            .iter()
            .find(|s| s.domain == DomainId::Enablers)
            .expect("the enablers support services' stage 3");
        assert_eq!(s.needed, 2);
        assert_eq!(s.action, SupportAction::AssessFirst);
        // the five unanswered stage-1 indicators come first, then stage 2's
        assert!(
            stages[0].indicators[1..]
                .iter()
                .all(|i| s.first.contains(&i.id))
        );
        assert!(s.first.contains(&stages[1].indicators[5].id));
        assert_eq!(s.to_answer, s.first.len());
        // what is answered partly stays in the work, to complete, and is
        // not counted as to answer (Shen County's leading group)
        a.answers.insert(
            stages[0].indicators[1].id.clone(),
            Answer::new(AnswerValue::Partly, None),
        );
        let advice = advise(fw, &city(Level::High, vec![]), &a);
        let s = advice
            .supports
            .iter()
            .find(|s| s.domain == DomainId::Enablers)
            .unwrap();
        assert_eq!(s.action, SupportAction::AssessFirst);
        assert!(s.first.contains(&stages[0].indicators[1].id));
        assert_eq!(s.to_answer, s.first.len() - 1);
        // once stage 1 is answered (and stage 2's last indicator, not
        // met), the shortfall is known: built alongside
        for i in &stages[0].indicators {
            a.answers
                .insert(i.id.clone(), Answer::new(AnswerValue::Met, None));
        }
        a.answers.insert(
            stages[1].indicators[5].id.clone(),
            Answer::new(AnswerValue::NotMet, None),
        );
        let advice = advise(fw, &city(Level::High, vec![]), &a);
        let s = advice
            .supports
            .iter()
            .find(|s| s.domain == DomainId::Enablers)
            .expect("the enablers still support services' stage 3");
        assert_eq!(s.action, SupportAction::Build);
    }

    #[test]
    fn an_entry_point_finishing_a_stage_with_only_items_to_confirm_takes_a_short_first_step() {
        use crate::core::profile::{Answer, AnswerValue};
        let mut a = supported();
        // (enablers at stage 1: no jump, one step a stage)
        set(&mut a, DomainId::Enablers, 1.5, None, None);
        a.targets.insert(DomainId::Services, Target::new(3, 5));
        a.importance.insert(DomainId::Services, 5);
        let fw = framework();
        let stages = &fw.domain(DomainId::Services).stages;
        for i in &stages[0].indicators {
            a.answers
                .insert(i.id.clone(), Answer::new(AnswerValue::Met, None));
        }
        let half = stages[1].indicators.len().div_ceil(2);
        for i in stages[1].indicators.iter().take(half) {
            a.answers
                .insert(i.id.clone(), Answer::new(AnswerValue::Met, None));
        }
        let advice = advise(fw, &city(Level::High, vec![]), &a);
        let level = advice.domains[DomainId::Services.index()].current.unwrap();
        assert!((1.5..2.0).contains(&level), "{level}");
        let moves: Vec<&Move> = advice
            .moves()
            .filter(|m| m.domain == DomainId::Services)
            .collect();
        assert_eq!(
            moves.iter().map(|m| (m.from, m.to)).collect::<Vec<_>>(),
            vec![(1, 2), (2, 3)]
        );
        // what is left of stage 2 is all to confirm: a short step
        assert!(moves[0].assess_first && moves[0].work.iter().all(|w| w.confirm));
        let months = |m: &Move| {
            use chrono::Datelike;
            (m.planned_end.year() - m.planned_start.year()) * 12 + m.planned_end.month() as i32
                - m.planned_start.month() as i32
        };
        assert_eq!(months(moves[0]), ASSESS_FIRST_MONTHS as i32);
        // stage 3, not begun, is built, though its items are unanswered
        assert!(!moves[1].assess_first);
        assert_eq!(months(moves[1]), 60 - ASSESS_FIRST_MONTHS as i32);
    }

    #[test]
    fn supports_whose_needed_stage_has_no_answers_are_assessed_first() {
        use crate::core::profile::{Answer, AnswerValue};
        let mut a = assessment();
        // infrastructure: stage 1 answered and met, stage 2 nothing scored
        for i in &framework().domain(DomainId::Infrastructure).stages[0].indicators {
            a.answers
                .insert(i.id.clone(), Answer::new(AnswerValue::Met, None));
        }
        set(&mut a, DomainId::Enablers, 2.5, None, None);
        set(&mut a, DomainId::Services, 1.0, Some((3, 4)), Some(5));
        let advice = advise(framework(), &city(Level::High, vec![]), &a);
        let infra = advice
            .supports
            .iter()
            .find(|s| s.domain == DomainId::Infrastructure)
            .unwrap();
        assert_eq!(infra.current, Some(1.0));
        assert_eq!(infra.action, SupportAction::AssessFirst);
        assert!(
            infra
                .first
                .iter()
                .all(|id| id.starts_with("infrastructure.s2."))
        );
        assert!(advice.moves().all(|m| m.domain != DomainId::Infrastructure));
        // one scored answer in stage 2 is still thin: assessed first
        let stage2 = &framework().domain(DomainId::Infrastructure).stages[1].indicators;
        a.answers
            .insert(stage2[0].id.clone(), Answer::new(AnswerValue::NotMet, None));
        let advice = advise(framework(), &city(Level::High, vec![]), &a);
        let infra = advice
            .supports
            .iter()
            .find(|s| s.domain == DomainId::Infrastructure)
            .unwrap();
        assert_eq!(infra.action, SupportAction::AssessFirst);
        // three quarters of stage 2 answered: now it is known, and built
        for i in stage2
            .iter()
            .take((stage2.len() as f64 * crate::core::maturity::MIN_EVIDENCE).ceil() as usize)
        {
            a.answers
                .insert(i.id.clone(), Answer::new(AnswerValue::NotMet, None));
        }
        let advice = advise(framework(), &city(Level::High, vec![]), &a);
        let infra = advice
            .supports
            .iter()
            .find(|s| s.domain == DomainId::Infrastructure)
            .unwrap();
        assert_eq!(infra.action, SupportAction::Build);
    }

    #[test]
    fn a_support_stage_to_add_with_no_scored_answer_is_assessed_first_even_when_the_stage_below_is_answered()
     {
        use crate::core::profile::{Answer, AnswerValue};
        let mut a = assessment();
        // infrastructure: stage 1 half answered (one met, one not met: level
        // below 1), stage 2 nothing scored; the entry point needs stage 2
        let s1 = &framework().domain(DomainId::Infrastructure).stages[0].indicators;
        for (k, i) in s1.iter().enumerate() {
            let v = match k {
                0 => AnswerValue::Met,
                1 => AnswerValue::NotMet,
                _ => continue,
            };
            a.answers.insert(i.id.clone(), Answer::new(v, None));
        }
        set(&mut a, DomainId::Enablers, 2.5, None, None);
        set(&mut a, DomainId::Services, 1.0, Some((3, 4)), Some(5));
        let advice = advise(framework(), &city(Level::High, vec![]), &a);
        let infra = advice
            .supports
            .iter()
            .find(|s| s.domain == DomainId::Infrastructure)
            .unwrap();
        assert!(infra.current.is_some_and(|l| l < 1.0));
        assert_eq!(infra.needed, 2);
        assert_eq!(infra.action, SupportAction::AssessFirst);
        assert!(
            infra
                .first
                .iter()
                .any(|id| id.starts_with("infrastructure.s2."))
        );
        // nothing is built for it: no infrastructure move in the plan
        assert!(advice.moves().all(|m| m.domain != DomainId::Infrastructure));
        // and the prerequisite warning does not claim a shortfall it cannot
        // know
        let w = warning(&advice, WarningCode::InfrastructurePrerequisite).unwrap();
        assert_eq!(w.unassessed, vec![Need::Infrastructure]);
        let text = crate::text::advice::warning(w, &[], crate::core::Lang::En);
        assert!(text.contains("assess those stages first"), "{text}");
        assert!(!text.contains("has not reached"), "{text}");
    }

    #[test]
    fn suggested_vision_is_a_jump_where_the_report_allows_it_and_what_it_needs_is_in_place() {
        // a county with enablers and infrastructure at stage 2 and no
        // targets: services at 1.2, importance 5, may jump to stage 3
        // (the late mover's advantage, Pinghu's precedent)
        let county = City {
            name: Text::new("测试县", "Test County"),
            ..city(Level::Medium, vec![])
        };
        let mut a = assessment();
        set(&mut a, DomainId::Enablers, 2.2, None, None);
        set(&mut a, DomainId::Infrastructure, 2.4, None, None);
        set(&mut a, DomainId::Services, 1.2, None, Some(5));
        let advice = advise(framework(), &county, &a);
        let services = &advice.domains[DomainId::Services.index()];
        let s = services.suggested_target.as_ref().unwrap();
        assert_eq!(
            (s.stage, s.horizon_years),
            (3, SUGGESTED_LEAP_HORIZON_YEARS)
        );
        let Some(SuggestReason::Leap { grounds }) = s.reasons.last() else {
            panic!("{:?}", s.reasons);
        };
        assert!(grounds.contains(&LeapGround::LateMover));
        assert!(grounds.contains(&LeapGround::Precedent));
        // the entry point rests on it, and the plan makes the jump as one
        // move, with its reason and sources
        let ep = &advice.entry_points[0];
        assert_eq!((ep.domain, ep.suggested), (DomainId::Services, true));
        assert!(ep.reasons.iter().any(|r| matches!(r, Reason::Leap { .. })));
        let moves: Vec<_> = advice
            .moves()
            .filter(|m| m.domain == DomainId::Services)
            .map(|m| (m.from, m.to))
            .collect();
        assert_eq!(moves, vec![(1, 3)]);
        // with the enablers at stage 1, the jump lacks them: the next stage
        set(&mut a, DomainId::Enablers, 1.5, None, None);
        let advice = advise(framework(), &county, &a);
        let s = advice.domains[DomainId::Services.index()]
            .suggested_target
            .as_ref()
            .unwrap();
        assert_eq!((s.stage, s.horizon_years), (2, SUGGESTED_HORIZON_YEARS));
        assert!(
            !s.reasons
                .iter()
                .any(|r| matches!(r, SuggestReason::Leap { .. }))
        );
        // and the survey's attention alone never suggests a jump: with no
        // importance, no own interest, only the next stage (when every
        // domain is suggested)
        let mut b = assessment();
        set(&mut b, DomainId::Enablers, 2.2, None, None);
        set(&mut b, DomainId::Infrastructure, 2.4, None, None);
        set(&mut b, DomainId::Services, 1.2, None, None);
        let advice = advise(framework(), &county, &b);
        let s = advice.domains[DomainId::Services.index()]
            .suggested_target
            .as_ref()
            .unwrap();
        assert_eq!(s.stage, 2);
    }

    #[test]
    fn gap_to_the_suggested_target_is_scored_against_it_and_marked() {
        // a small city with no targets: governance at 1.2 (importance 5),
        // the advice suggests stage 2 and works with it (enablers at stage
        // 1: no jump)
        let mut a = supported();
        set(&mut a, DomainId::Enablers, 1.5, None, None);
        set(&mut a, DomainId::Governance, 1.2, None, Some(5));
        let advice = advise(framework(), &city(Level::Medium, vec![]), &a);
        let ep = &advice.entry_points[0];
        assert_eq!((ep.domain, ep.suggested), (DomainId::Governance, true));
        let gov = &advice.domains[DomainId::Governance.index()];
        let gap = gov
            .score_parts
            .iter()
            .find(|p| p.factor == Factor::Gap)
            .unwrap();
        // (2 - 1.2) / 3 stages
        assert!((gap.value - 0.8 / 3.0).abs() < 1e-9, "{gap:?}");
        assert!(gap.suggested && gap.points > 0.0);
        assert!(gov.score_parts.iter().filter(|p| p.suggested).count() == 1);
        // the city's own gap stays none: it set no target
        assert_eq!(gov.gap, None);
        for lang in [Lang::En, Lang::Zh] {
            assert_ne!(
                crate::text::advice::factor_suggested_gap(lang),
                crate::text::advice::factor(Factor::Gap, lang)
            );
        }
    }

    #[test]
    fn gap_to_the_suggested_target_never_outranks_the_citys_own_targets() {
        // the city's own open target (economy, importance 2) against a
        // domain it rates 5 with no target: the own target is the entry
        // point; the suggestion is shown, not worked on, and its gap is not
        // scored against the suggestion
        let mut a = supported();
        set(&mut a, DomainId::Economy, 1.5, Some((2, 3)), Some(2));
        set(&mut a, DomainId::Governance, 1.0, None, Some(5));
        let advice = advise(framework(), &city(Level::Medium, vec![]), &a);
        let eps: Vec<(DomainId, bool)> = advice
            .entry_points
            .iter()
            .map(|e| (e.domain, e.suggested))
            .collect();
        assert_eq!(eps, vec![(DomainId::Economy, false)]);
        let gov = &advice.domains[DomainId::Governance.index()];
        assert!(gov.suggested_target.is_some());
        assert_eq!(gov.not_entry, Some(NotEntry::NoTarget));
        assert!(gov.score_parts.iter().all(|p| !p.suggested));
        assert!(gov.score > advice.domains[DomainId::Economy.index()].score);
    }

    #[test]
    fn each_item_of_the_work_names_the_model_it_calls_for() {
        // governance 1 -> 2: management items (government-led) beside the
        // residents' channels, a quasi-public service (public-private)
        let mut a = supported();
        set(&mut a, DomainId::Governance, 1.2, Some((2, 3)), Some(5));
        let advice = advise(framework(), &city(Level::Medium, vec![]), &a);
        let mv = advice
            .moves()
            .find(|m| m.domain == DomainId::Governance)
            .unwrap();
        assert!(!mv.work.is_empty());
        for w in &mv.work {
            let kind = project_kind(&w.indicator).unwrap_or(usual_kind(DomainId::Governance));
            assert_eq!((w.kind, w.model), (kind, OperatingModel::for_kind(kind)));
        }
        // the items agree with the move's mix, item by item
        for (model, n) in &mv.model.mix {
            assert_eq!(mv.work.iter().filter(|w| w.model == *model).count(), *n);
        }
        assert!(mv.work.iter().any(|w| w.model != mv.work[0].model));
    }

    #[test]
    fn own_case_models_are_the_ones_the_seeds_state() {
        let named = |zh: &str, en: &str| City {
            name: Text::new(zh, en),
            ..city(Level::Medium, vec![])
        };
        let a = supported();
        for (zh, en, domain, rule) in [
            ("莘县", "Shen County", DomainId::Economy, Rule::ShenOwnModel),
            (
                "莘县",
                "Shen County",
                DomainId::Infrastructure,
                Rule::ShenInstalments,
            ),
            (
                "柏之叶",
                "Kashiwa-no-ha",
                DomainId::Environment,
                Rule::KashiwaOwnModel,
            ),
            ("福冈", "Fukuoka", DomainId::Services, Rule::FukuokaOwnModel),
            (
                "彭水县",
                "Pengshui",
                DomainId::Economy,
                Rule::PengshuiOwnModel,
            ),
            (
                "会津若松",
                "Aizuwakamatsu",
                DomainId::Infrastructure,
                Rule::AizuOwnModel,
            ),
        ] {
            let m = city_move_model(framework(), &named(zh, en), &a, domain, 1, 2);
            assert_eq!(m.own_case, Some(rule), "{en}");
            assert_eq!(m.model, OperatingModel::PublicPrivate, "{en}");
            assert_eq!(m.reason, ModelReason::OwnCase);
            // every passage is cited, none the tool's own convention
            assert!(!rule.source().is_convention(), "{en}");
        }
        // a case the report states no model for keeps the kinds' rule
        let m = city_move_model(
            framework(),
            &named("宿州", "Suzhou"),
            &a,
            DomainId::Services,
            1,
            2,
        );
        assert_eq!(m.own_case, None);
        // another domain of a city with an own case keeps the kinds' rule
        let m = city_move_model(
            framework(),
            &named("柏之叶", "Kashiwa-no-ha"),
            &a,
            DomainId::Governance,
            1,
            2,
        );
        assert_eq!(m.own_case, None);
    }

    #[test]
    fn showcase_risk_rests_on_answers() {
        // no answers at all, stage-3 targets everywhere a display capability
        // is, and every resource short: nothing found, no showcase warning
        let mut a = assessment();
        for d in [
            DomainId::Services,
            DomainId::Governance,
            DomainId::Infrastructure,
            DomainId::Environment,
        ] {
            a.targets.insert(d, Target::new(3, 5));
        }
        let advice = advise(framework(), &poor(), &a);
        assert!(
            warning(&advice, WarningCode::ShowcaseRisk).is_none(),
            "{:?}",
            advice.warnings
        );
        assert!(warning(&advice, WarningCode::NotAssessed).is_some());
        // answers elsewhere only (services): the targets on the domains with
        // none are still no finding
        let mut b = a.clone();
        let first = &framework().domain(DomainId::Services).stages[0].indicators[0].id;
        b.answers.insert(
            first.clone(),
            crate::core::profile::Answer::new(AnswerValue::Met, None),
        );
        let advice = advise(framework(), &poor(), &b);
        if let Some(w) = warning(&advice, WarningCode::ShowcaseRisk) {
            assert!(
                w.domains.iter().all(|d| *d == DomainId::Services),
                "{:?}",
                w
            );
        }
        // an answer that shows the pattern (the use check short of met)
        // brings it back, resting on that answer
        let mut c = a.clone();
        c.answers.insert(
            USE_CHECK.into(),
            crate::core::profile::Answer::new(AnswerValue::NotMet, None),
        );
        let advice = advise(framework(), &poor(), &c);
        let w = warning(&advice, WarningCode::ShowcaseRisk).unwrap();
        assert!(w.display.contains(&USE_CHECK.to_string()), "{w:?}");
        // (governance is assessed now: its target's display capabilities
        // count too; the other domains still have no answers)
        assert_eq!(w.domains, vec![DomainId::Governance]);
        assert_eq!(
            showcase_parts(&advice),
            vec![ShowcaseBasis::DisplayWithoutOperation]
        );
    }

    // --- the plan's phasing, the jump, supports and resources (review 4) ---

    /// A Pinghu-like city: governance at 1.2 aiming at stage 2 in 3 years,
    /// the enablers unanswered with the city's own target of stage 3 in 3
    /// years.
    fn enablers_target_city() -> Assessment {
        let mut a = assessment();
        set(&mut a, DomainId::Infrastructure, 2.5, None, None);
        set(&mut a, DomainId::Governance, 1.2, Some((2, 3)), Some(5));
        a.targets.insert(DomainId::Enablers, Target::new(3, 3));
        a
    }

    #[test]
    fn urgent_first_supports_never_form_a_phase_before_the_entry_points() {
        let a = enablers_target_city();
        let advice = advise(framework(), &city(Level::Medium, vec![]), &a);
        // the entry point's first move starts in phase 1
        assert!(
            advice.plan[0]
                .moves
                .iter()
                .any(|m| m.domain == DomainId::Governance && !m.prerequisite),
            "{:?}",
            advice.plan
        );
        // no phase holds supporting moves alone before an entry point's
        let first_entry = advice
            .plan
            .iter()
            .position(|p| p.moves.iter().any(|m| !m.prerequisite));
        assert_eq!(first_entry, Some(0));
        // the enablers' own target is a supporting move, alongside, in the
        // same phase (its yearly steps end with the entry point's move)
        let enablers: Vec<&Move> = advice
            .moves()
            .filter(|m| m.domain == DomainId::Enablers)
            .collect();
        assert_eq!(enablers.len(), 3);
        assert!(enablers.iter().all(|m| m.prerequisite));
        assert_eq!(advice.plan.len(), 1);
        // unanswered stage 1: a short "assess first" step, and said "not
        // assessed", not "not yet at stage 1"
        assert!(enablers[0].assess_first && enablers[0].from_unassessed);
        assert!(!advice.plan[0].moves[0].assess_first);
        // every entry point starts at the assessment's date, whatever its
        // phase: a later step of a support starts after the one before
        assert_eq!(advice.plan[0].moves[0].planned_start, a.date);
        assert_eq!(enablers[0].planned_start, a.date);
        assert!(enablers[1].planned_start > a.date);
        // a supporting step that runs on after every entry point's step
        // never forms a phase of its own: it joins the phase it starts in
        let mut b = enablers_target_city();
        b.targets.insert(DomainId::Enablers, Target::new(3, 9));
        let advice = advise(framework(), &city(Level::Medium, vec![]), &b);
        assert!(
            advice
                .plan
                .iter()
                .all(|p| p.moves.iter().any(|m| !m.prerequisite)),
            "{:?}",
            advice.plan
        );
        let last = advice.plan.last().unwrap();
        assert!(advice.moves().all(|m| m.planned_end <= last.end));
    }

    #[test]
    fn evidence_not_yet_at_stage_1_only_where_stage_1_is_answered_and_partly_is_work_to_complete() {
        use crate::core::profile::Answer;
        let mut a = assessment();
        set(&mut a, DomainId::Economy, 2.0, Some((3, 5)), Some(5));
        for (id, v) in [
            // organisation: stage 1 answered not met
            ("enablers.s1.lead_department", AnswerValue::NotMet),
            // policy: stage 1 unanswered, stage 2 partly (the county's
            // leading group plans: seed 000)
            ("enablers.s2.citywide_plan", AnswerValue::Partly),
            ("enablers.s2.mayor_led_group", AnswerValue::Partly),
        ] {
            a.answers.insert(id.into(), Answer::new(v, None));
        }
        let advice = advise(framework(), &city(Level::Medium, vec![]), &a);
        let aspect = |id: &str| advice.enablers.iter().find(|c| c.aspect == id).unwrap();
        let org = aspect("organisation");
        assert_eq!((org.from, org.assessed, org.partly), (0, true, Some(2)));
        let policy = aspect("policy_planning");
        assert_eq!(
            (policy.from, policy.assessed, policy.partly),
            (0, false, Some(2)),
            "stage 1 unanswered: not assessed, stage 2 in place in part"
        );
        // a partly answer is work to complete and confirm, not to set up
        let work = move_work(
            framework(),
            &city(Level::Medium, vec![]),
            &a,
            DomainId::Enablers,
            1,
            2,
        );
        let group = work
            .iter()
            .find(|w| w.indicator == "enablers.s2.mayor_led_group")
            .unwrap();
        assert!(group.partly && !group.confirm);
        let unknown = work
            .iter()
            .find(|w| w.indicator == "enablers.s2.staff_digital_skills")
            .unwrap();
        assert!(!unknown.partly && unknown.confirm);
        let en = crate::text::advice::partly_line("x", "y", Lang::En);
        assert!(en.starts_with("To complete and confirm"), "{en}");
        assert!(!en.contains("the state to reach"), "{en}");
    }

    #[test]
    fn jump_needs_the_warning_only_where_the_plan_makes_the_jump_or_the_horizon_is_too_short() {
        // 1.88 to stage 3 in 5 years, enablers at stage 1: the plan finishes
        // stage 2, then stage 3: no jump, no warning
        let mut a = assessment();
        set(&mut a, DomainId::Infrastructure, 2.5, None, None);
        set(&mut a, DomainId::Enablers, 1.0, None, None);
        set(&mut a, DomainId::Services, 1.88, Some((3, 5)), Some(5));
        let advice = advise(framework(), &city(Level::Medium, vec![]), &a);
        assert!(warning(&advice, WarningCode::StageSkipping).is_none());
        let moves: Vec<(u8, u8)> = advice
            .moves()
            .filter(|m| m.domain == DomainId::Services)
            .map(|m| (m.from, m.to))
            .collect();
        assert_eq!(moves, vec![(1, 2), (2, 3)]);
        assert!(
            !advice.entry_points[0]
                .reasons
                .iter()
                .any(|r| matches!(r, Reason::Leap { .. }))
        );
        // the same in 2 years: too short for two moves, warned
        set(&mut a, DomainId::Services, 1.88, Some((3, 2)), Some(5));
        let advice = advise(framework(), &city(Level::Medium, vec![]), &a);
        let w = warning(&advice, WarningCode::StageSkipping).unwrap();
        assert!(w.missing.contains(&Need::Time));
        // a non-county jump: the report's own grounds, never the county
        // article's late mover's advantage
        let mut b = supported();
        set(&mut b, DomainId::Governance, 0.8, Some((3, 3)), Some(4));
        let advice = advise(framework(), &city(Level::Medium, vec![]), &b);
        let grounds: Vec<Rule> = advice.entry_points[0]
            .reasons
            .iter()
            .filter(|r| matches!(r, Reason::Leap { .. } | Reason::LeapAlso { .. }))
            .map(|r| r.rule())
            .collect();
        assert_eq!(grounds, vec![Rule::JumpPinghu]);
        // an unassessed domain is named by not_assessed, not the jump
        let mut c = supported();
        c.targets.insert(DomainId::Services, Target::new(3, 2));
        let advice = advise(framework(), &city(Level::Medium, vec![]), &c);
        assert!(warning(&advice, WarningCode::StageSkipping).is_none());
    }

    #[test]
    fn carries_prerequisite_assessed_first_agrees_with_the_supporting_track() {
        let mut a = assessment();
        set(&mut a, DomainId::Enablers, 2.5, None, None);
        set(&mut a, DomainId::Economy, 2.0, Some((3, 5)), Some(5));
        // infrastructure: one answer at stage 1, none at stage 2
        a.answers.insert(
            "infrastructure.s1.department_computing".into(),
            crate::core::profile::Answer::new(AnswerValue::Met, None),
        );
        let advice = advise(framework(), &city(Level::Medium, vec![]), &a);
        let support = advice
            .supports
            .iter()
            .find(|s| s.domain == DomainId::Infrastructure)
            .unwrap();
        assert_eq!(support.action, SupportAction::AssessFirst);
        let p = advice
            .prerequisites
            .iter()
            .find(|p| p.domain == DomainId::Infrastructure)
            .unwrap();
        let en = crate::text::advice::prerequisite(p, true, Lang::En);
        assert!(
            en.contains("assess first (see the supporting track)"),
            "{en}"
        );
        assert!(!en.contains("it is built alongside, starting"), "{en}");
        let track = crate::text::advice::support(support, Lang::En).remove(0);
        assert!(!track.contains("before building anything"), "{track}");
        assert!(track.contains("Industry & Economy needs it"), "{track}");
        let zh = crate::text::advice::report_words(Lang::Zh).label_assess_first;
        assert_eq!(zh, "需先核实（已部分具备的则需完善）的指标（按此顺序）：");
        // two domains: "need", not "need(s)"
        let two = Support {
            for_domains: vec![DomainId::Economy, DomainId::Services],
            ..support.clone()
        };
        let track = crate::text::advice::support(&two, Lang::En).remove(0);
        assert!(track.contains("Livelihood & Services need it"), "{track}");
        assert!(!track.contains("need(s)"), "{track}");
    }

    #[test]
    fn start_small_does_not_rest_on_resources_not_given() {
        let json = r#"{"schema_version": 2, "id": "x", "city": {"name": {"zh": "某市", "en": "X"}},
            "assessments": [], "created": "2022-05-01T08:00:00Z", "updated": "2022-05-01T08:00:00Z"}"#;
        let p = crate::core::profile::Profile::from_json(json).unwrap();
        let c = p.city.constraints;
        assert_eq!(c.funding, Level::Medium);
        assert!(!c.given(0) && !c.given(1) && !c.given(2));
        // written back missing, never as an invented "medium"
        let out = serde_json::to_value(&p.city).unwrap();
        assert_eq!(out["constraints"], serde_json::json!({}));
        let json = json.replace(
            r#""en": "X"}"#,
            r#""en": "X"}, "constraints": {"funding": "low"}"#,
        );
        let p = crate::core::profile::Profile::from_json(&json).unwrap();
        let c = p.city.constraints;
        assert!(c.given(0) && !c.given(1));
        assert_eq!(c.funding, Level::Low);
        // not given, the start-small rule does not fire on them
        let mut a = assessment();
        set(&mut a, DomainId::Services, 1.0, Some((2, 3)), Some(5));
        let advice = advise(framework(), &p.city, &a);
        assert!(
            advice.entry_points[0]
                .reasons
                .iter()
                .all(|r| !matches!(r, Reason::StartSmall { .. }))
        );
        let w = crate::text::advice::report_words(Lang::Zh);
        assert_eq!(w.not_given, "未填写（暂按“中”处理）");
        // no scored answer: the evidence line says so (never ": .")
        let line = crate::text::advice::evidence_line(&[], Lang::En);
        assert!(
            line.contains("no scored answers") && !line.contains(": ."),
            "{line}"
        );
    }

    #[test]
    fn plan_notes_for_moves_no_longer_in_the_plan_are_kept_not_dropped() {
        use crate::core::profile::{MoveEdit, move_key};
        let mut a = supported();
        set(&mut a, DomainId::Economy, 1.2, Some((2, 3)), Some(5));
        let live = move_key(DomainId::Economy, 1, 2);
        let gone = move_key(DomainId::Services, 1, 2);
        let edit = |owner: &str| MoveEdit {
            owner: owner.into(),
            ..MoveEdit::default()
        };
        a.plan_moves
            .insert(live.clone(), edit("Agriculture bureau"));
        let mut orphan = edit("Data bureau");
        orphan
            .outcomes
            .insert("services.s2.one_stop_platform".into(), "1 visit".into());
        a.plan_moves.insert(gone.clone(), orphan);
        // an empty note is nothing typed
        a.plan_moves
            .insert(move_key(DomainId::Environment, 1, 2), MoveEdit::default());
        // an older per-phase note for a phase the plan no longer has
        a.plan.insert(
            "9".into(),
            PhaseEdit {
                owner: "Mayor's office".into(),
                start: None,
                end: None,
                extra: Extra::new(),
            },
        );
        let advice = advise(framework(), &city(Level::Medium, vec![]), &a);
        let mv = advice
            .moves()
            .find(|m| m.domain == DomainId::Economy)
            .unwrap();
        assert_eq!(mv.owner, "Agriculture bureau");
        let keys: Vec<&str> = advice.orphans.iter().map(|o| o.key.as_str()).collect();
        assert_eq!(keys, vec![gone.as_str(), "9"]);
        let o = &advice.orphans[0];
        assert_eq!(
            (o.domain, o.from, o.to, o.owner.as_str()),
            (Some(DomainId::Services), Some(1), Some(2), "Data bureau")
        );
        assert_eq!(o.outcomes.len(), 1);
        assert_eq!(advice.orphans[1].phase, Some(9));
        for lang in [Lang::En, Lang::Zh] {
            let line = crate::text::advice::orphan_line(o, lang);
            assert!(
                line.contains("Data bureau") && line.contains("1 visit"),
                "{line}"
            );
        }
        // with the services target back, the note is the move's again
        set(&mut a, DomainId::Services, 1.2, Some((2, 3)), Some(5));
        let advice = advise(framework(), &city(Level::Medium, vec![]), &a);
        assert!(advice.orphans.iter().all(|o| o.key != gone));
    }

    #[test]
    fn long_horizon_over_ten_years_gets_a_remark_in_the_plan() {
        let mut a = supported();
        set(&mut a, DomainId::Services, 1.2, Some((2, 15)), Some(5));
        let advice = advise(framework(), &city(Level::Medium, vec![]), &a);
        assert_eq!(advice.long_horizon, vec![DomainId::Services]);
        assert!(Rule::LongHorizon.source().is_convention());
        set(&mut a, DomainId::Services, 1.2, Some((2, 5)), Some(5));
        let advice = advise(framework(), &city(Level::Medium, vec![]), &a);
        assert!(advice.long_horizon.is_empty());
    }

    // ---- the "what changes" texts, specialty paths, outcomes, cases and
    // the showcase wording (review 4) ----

    fn named(zh: &str, en: &str, specialties: Vec<Specialty>) -> City {
        City {
            name: Text::new(zh, en),
            ..city(Level::Medium, specialties)
        }
    }

    #[test]
    fn specialty_path_by_stage_a_city_at_stage_two_gets_stage_three_and_its_own_next_step() {
        assert!(specialty_path_applies(0) && specialty_path_applies(1));
        assert!(!specialty_path_applies(2));
        let reason_of = |c: &City, level: f64| {
            let mut a = assessment();
            set(&mut a, DomainId::Economy, level, Some((3, 5)), Some(5));
            let advice = advise(framework(), c, &a);
            let e = advice
                .entry_points
                .iter()
                .find(|e| e.domain == DomainId::Economy)
                .unwrap()
                .clone();
            e.reasons
                .into_iter()
                .find(|r| matches!(r, Reason::Specialty { .. }))
                .unwrap()
        };
        // Shen County at stage 2: not its own stage 1 -> 2 case as its next
        // step, but stage 3's cross-sector links and its own next step
        let shen = named("莘县", "Shen County", vec![Specialty::Agriculture]);
        let r = reason_of(&shen, 2.0);
        assert_eq!(
            r,
            Reason::Specialty {
                specialties: vec![Specialty::Agriculture],
                from: 2,
                next: Some("shen_county_economy".into()),
            }
        );
        let en = crate::text::advice::reason(&r, Lang::En);
        let zh = crate::text::advice::reason(&r, Lang::Zh);
        assert!(!en.contains("Shen County's vegetables"), "{en}");
        assert!(
            en.contains("cross-sector") && en.contains("value-added"),
            "{en}"
        );
        assert!(zh.contains("跨业态数字化") && zh.contains("反哺"), "{zh}");
        assert!(!zh.contains("先用物联网和区块链"), "{zh}");
        // Baoying: its agri-tourism culture work
        let baoying = named("宝应县", "Baoying", vec![Specialty::Agriculture]);
        let zh = crate::text::advice::reason(&reason_of(&baoying, 2.0), Lang::Zh);
        assert!(zh.contains("农旅文化"), "{zh}");
        // a farming city at stage 1 still gets the report's path, set out
        // once, in what changes (the effect): the reason points to it; a
        // city the seeds give no next step for gets stage 3 alone
        let other = named("某县", "Some County", vec![Specialty::Agriculture]);
        let en = crate::text::advice::reason(&reason_of(&other, 1.0), Lang::En);
        assert!(
            en.contains("\"The effect\"") && !en.contains("IoT and blockchain"),
            "{en}"
        );
        let en = crate::text::advice::reason(&reason_of(&other, 2.0), Lang::En);
        assert!(en.contains("cross-sector") && !en.contains("Next,"), "{en}");
        // the path of the specialty the city leads with: a tourism county
        // that also farms reads the tourism path, not the farm one after it
        let tourism = named(
            "某县",
            "Some County",
            vec![Specialty::CultureTourism, Specialty::Agriculture],
        );
        let en = crate::text::advice::reason(&reason_of(&tourism, 1.0), Lang::En);
        assert!(
            en.contains("tourism") && !en.contains("IoT and blockchain"),
            "{en}"
        );
        // every next step the cases state carries its source
        for c in framework().cases.iter().filter(|c| c.next.is_some()) {
            let n = c.next.as_ref().unwrap();
            assert!(
                n.source.document.is_some() && n.source.quote.is_some(),
                "{}",
                c.id
            );
        }
    }

    #[test]
    fn outcomes_a_tourism_county_gets_its_own_tourism_figures_not_farm_savings() {
        let pengshui = named(
            "彭水县",
            "Pengshui",
            vec![Specialty::CultureTourism, Specialty::Agriculture],
        );
        let fw = framework();
        let results = outcomes_for_city(
            fw,
            &pengshui,
            DomainId::Economy,
            "economy.s2.chain_results_tracked",
        );
        assert_eq!(
            results.first().map(String::as_str),
            Some("tourism_visits_revenue")
        );
        for id in [
            "economy.s2.chain_results_tracked",
            "economy.s2.chain_linkage",
        ] {
            let fit = outcomes_for_city(fw, &pengshui, DomainId::Economy, id);
            assert!(
                !fit.iter()
                    .any(|o| o == "farm_water_saved" || o == "farm_price_rise"),
                "{id}: {fit:?}"
            );
        }
        // a farming county still gets the farm figures
        let farm = named("某县", "Some County", vec![Specialty::Agriculture]);
        assert!(
            outcomes_for_city(
                fw,
                &farm,
                DomainId::Economy,
                "economy.s2.chain_results_tracked"
            )
            .contains(&"farm_water_saved".to_string())
        );
        // Pengshui's own figure is its baseline, not a benchmark
        let mut a = assessment();
        set(&mut a, DomainId::Economy, 1.0, Some((2, 3)), Some(5));
        let work = move_work(fw, &pengshui, &a, DomainId::Economy, 1, 2);
        let w = work
            .iter()
            .find(|w| w.indicator == "economy.s2.chain_results_tracked")
            .unwrap();
        assert!(w.own_figure);
    }

    #[test]
    fn outcomes_never_benchmark_a_city_against_its_own_figure() {
        let fw = framework();
        let kashiwa = City {
            country: "JP".into(),
            ..named("柏之叶", "Kashiwa-no-ha", vec![])
        };
        let mut a = assessment();
        set(&mut a, DomainId::Environment, 2.0, Some((3, 5)), Some(5));
        let work = move_work(fw, &kashiwa, &a, DomainId::Environment, 2, 3);
        let w = work
            .iter()
            .find(|w| w.indicator == "environment.s3.building_energy_optimisation")
            .unwrap();
        assert_eq!(w.outcomes.first().map(String::as_str), Some("power_saved"));
        assert!(w.own_figure && w.confirm);
        // another city is offered the same figure as a benchmark
        let other = named("某市", "Some City", vec![]);
        let work = move_work(fw, &other, &a, DomainId::Environment, 2, 3);
        let w = work
            .iter()
            .find(|w| w.indicator == "environment.s3.building_energy_optimisation")
            .unwrap();
        assert!(!w.own_figure);
        // and the words say so: in place in part, to extend, the figure the
        // baseline
        let line = crate::text::advice::own_in_place_line("X.", "Y", Lang::En);
        assert!(
            line.contains("extend") && line.contains("baseline"),
            "{line}"
        );
        let base = crate::text::advice::own_baseline("11%", "T", Lang::Zh);
        assert!(base.contains("基准") && base.contains("见《T》"), "{base}");
    }

    #[test]
    fn outcomes_prefer_the_citys_own_figure_and_pair_only_with_matching_items() {
        let fw = framework();
        let kaifeng = named("开封", "Kaifeng", vec![]);
        let pinghu = named("平湖", "Pinghu", vec![]);
        let dispatch = "governance.s2.cross_department_dispatch";
        assert_eq!(
            outcomes_for_city(fw, &kaifeng, DomainId::Governance, dispatch).first(),
            Some(&"cases_and_reply_rate".to_string())
        );
        assert_eq!(
            outcomes_for_city(
                fw,
                &kaifeng,
                DomainId::Governance,
                "governance.s2.user_side_metrics"
            )
            .first(),
            Some(&"cases_and_reply_rate".to_string())
        );
        // Pinghu's 47 kinds of pooled data measure data reuse, not cases
        // dispatched and closed (the ninth review): its dispatch item is
        // measured by on-time closure, as anywhere, with no figure borrowed
        assert!(
            outcomes_for_city(fw, &pinghu, DomainId::Governance, dispatch)
                .contains(&"dispatch_closure".to_string())
        );
        assert!(
            !outcomes_for_city(fw, &pinghu, DomainId::Governance, dispatch)
                .contains(&"data_categories_reused".to_string())
        );
        // Jincheng's one-window hall is not an office platform; Fukuoka's
        // medical savings do not measure service monitoring
        let on = |id: &str| -> Vec<String> { fw.outcomes_for(id).map(|o| o.id.clone()).collect() };
        assert!(
            !on("government.s2.cross_department_office").contains(&"service_efficiency".into())
        );
        assert!(on("services.s2.joined_up_transactions").contains(&"service_efficiency".into()));
        assert!(
            on("services.s2.public_services_aggregated").contains(&"sectors_on_platform".into())
        );
        // every outcome names its document, with the passage
        for o in &fw.outcomes {
            let doc = o.source.document.as_deref().unwrap_or_default();
            assert!(fw.source(doc).is_some(), "{}", o.id);
            assert!(o.source.quote.is_some(), "{}", o.id);
        }
        let credit = crate::text::advice::benchmark("Hangzhou: 48.", "Leading practices", Lang::En);
        assert_eq!(credit, "Hangzhou: 48; source: Leading practices");
    }

    #[test]
    fn showcase_names_the_domain_the_screens_serve_and_quotes_the_set_phrase() {
        use crate::core::profile::Answer;
        // Baoying's case: the big-screen command centre of its lotus-root
        // chain, answered under the governance use check; governance has no
        // display capability of its own and no target: the warning names
        // industry and economy, where the city works
        let baoying = named("宝应县", "Baoying", vec![Specialty::Agriculture]);
        let mut a = assessment();
        set(&mut a, DomainId::Economy, 2.0, Some((3, 5)), Some(5));
        set(&mut a, DomainId::Enablers, 2.5, None, None);
        set(&mut a, DomainId::Infrastructure, 2.5, None, None);
        a.answers
            .insert(USE_CHECK.into(), Answer::new(AnswerValue::Partly, None));
        let advice = advise(framework(), &baoying, &a);
        let w = advice
            .warnings
            .iter()
            .find(|w| w.code == WarningCode::ShowcaseRisk)
            .expect("the showcase warning");
        assert!(w.domains.contains(&DomainId::Economy), "{:?}", w.domains);
        assert!(
            !w.domains.contains(&DomainId::Governance),
            "{:?}",
            w.domains
        );
        // a governance display capability in place keeps the screens in
        // governance
        a.answers.insert(
            "governance.s2.cross_department_dispatch".into(),
            Answer::new(AnswerValue::Met, None),
        );
        let advice = advise(framework(), &baoying, &a);
        let w = advice
            .warnings
            .iter()
            .find(|w| w.code == WarningCode::ShowcaseRisk)
            .unwrap();
        assert!(w.domains.contains(&DomainId::Governance), "{:?}", w.domains);
        // seed 002's set phrase whole, in both languages
        let zh = crate::text::advice::warning(w, &[], Lang::Zh);
        let en = crate::text::advice::warning(w, &[], Lang::En);
        assert!(
            zh.contains("“建大屏、做展示、接系统”，短期内形成可“参观”、可“上报”的素材"),
            "{zh}"
        );
        assert!(!zh.contains("供参观"), "{zh}");
        assert!(
            en.contains("\"build big screens, put on a showcase, hook up systems\"")
                && en.contains("\"to be visited\""),
            "{en}"
        );
    }

    #[test]
    fn own_case_aizuwakamatsu_services_is_its_way_in() {
        let aizu = City {
            country: "JP".into(),
            ..named("会津若松", "Aizuwakamatsu", vec![])
        };
        let case = framework()
            .cases
            .iter()
            .find(|c| c.domain == DomainId::Services && is_own_case(c, &aizu))
            .expect("Aizuwakamatsu's services case");
        assert!(
            case.source
                .quote
                .as_deref()
                .unwrap()
                .contains("以公共服务的便利化提供为切入点")
        );
        assert!(case.summary.en.contains("\"OPTIN\"") && case.summary.zh.contains("会津大学"));
    }

    #[test]
    fn zh_report_lines_nest_quotes_once_and_chain_no_colons() {
        use crate::core::sources::Rule;
        let note = crate::text::advice::source_note(&Rule::PainPoint.source(), Lang::Zh);
        assert!(
            note.contains("‘小切口’") && !note.contains("““") && !note.contains("””"),
            "{note}"
        );
        let note = crate::text::advice::source_note(&Rule::FinancingCaution.source(), Lang::Zh);
        assert!(note.matches('：').count() == 0, "{note}");
        let line =
            crate::text::advice::financing_line(&["甲 [7]".into(), "乙 [8]".into()], Lang::Zh);
        assert!(
            !line.contains("]和") && line.contains("[7]；或乙"),
            "{line}"
        );
        // seed 002's title in one English form
        let title = crate::core::sources::Document::CountyArticle.title(Lang::En);
        let general = framework()
            .source("county_article")
            .unwrap()
            .title
            .en
            .clone();
        assert!(title.contains(&general), "{title}");
    }

    #[test]
    fn pinghu_own_governance_case_comes_from_seed_000_with_its_model() {
        use crate::core::sources::{Rule, Source};
        let pinghu = named("平湖", "Pinghu", vec![]);
        let case = framework()
            .cases
            .iter()
            .find(|c| c.domain == DomainId::Governance && is_own_case(c, &pinghu))
            .expect("Pinghu's governance case");
        // the seed's words, in both languages; the report gives no stage
        assert!(
            case.summary.zh.contains("城市治理多跨场景")
                && case.summary.zh.contains("一屏协同指挥调度")
        );
        assert!(case.summary.en.contains("coordinated on one screen"));
        assert_eq!(
            case.source.quote.as_deref(),
            Some("实现各部门精准履职，一屏协同指挥调度")
        );
        assert!(case.no_stage);
        // never held up to Pinghu as another city's example
        let (ids, _) = matching_cases(&framework().cases, &pinghu, DomainId::Governance, 1, 2);
        assert!(!ids.contains(&case.id), "{ids:?}");
        // its own model: the government invests and commercialises the
        // platform with firms, cited from platform innovation 3
        let a = supported();
        for domain in [DomainId::Governance, DomainId::Infrastructure] {
            let m = city_move_model(framework(), &pinghu, &a, domain, 1, 2);
            assert_eq!(m.own_case, Some(Rule::PinghuOwnModel), "{domain:?}");
            assert_eq!(m.model, OperatingModel::GovernmentLed);
            assert_eq!(m.reason, ModelReason::OwnCase);
        }
        let Source::Cited { quote, .. } = Rule::PinghuOwnModel.source() else {
            panic!("Pinghu's model is cited");
        };
        assert!(quote.contains("政府通过投资积累相关知识产权") && quote.contains("商业化、产品化"));
        // another domain of Pinghu keeps the kinds' rule
        let m = city_move_model(framework(), &pinghu, &a, DomainId::Government, 1, 2);
        assert_eq!(m.own_case, None);
    }

    #[test]
    fn cases_the_report_gives_no_stage_are_marked_and_never_the_exact_move() {
        let fw = framework();
        let mut no_stage: Vec<&str> = fw
            .cases
            .iter()
            .filter(|c| c.no_stage)
            .map(|c| c.id.as_str())
            .collect();
        no_stage.sort();
        assert_eq!(
            no_stage,
            [
                "aizuwakamatsu_services",
                "kaifeng_governance",
                "pinghu_governance",
                "shen_county_enablers"
            ]
        );
        // every case whose summary says the report gives no stage is marked
        for c in &fw.cases {
            let says = c.summary.en.contains("no stage");
            assert_eq!(says, c.no_stage, "{}", c.id);
        }
        // a city making the very move such a case reads never counts it as
        // a case that made exactly that move
        let other = named("某市", "Somewhere", vec![]);
        for c in fw.cases.iter().filter(|c| c.no_stage) {
            let (ids, exact) = matching_cases(&fw.cases, &other, c.domain, c.from, c.to);
            let at = ids.iter().position(|id| *id == c.id).expect("listed");
            assert!(at >= exact, "{}: counted as exact", c.id);
        }
        // a case the report places keeps counting
        let (ids, exact) = matching_cases(&fw.cases, &other, DomainId::Services, 1, 2);
        assert!(exact >= 1 && ids[..exact].contains(&"fukuoka_services".to_string()));
    }

    #[test]
    fn aizuwakamatsu_services_run_by_its_own_case_model_and_instalments_stay_shen_county_s() {
        use crate::core::sources::Rule;
        let aizu = City {
            country: "JP".into(),
            ..named("会津若松", "Aizuwakamatsu", vec![])
        };
        let a = supported();
        let m = city_move_model(framework(), &aizu, &a, DomainId::Services, 1, 2);
        assert_eq!(m.own_case, Some(Rule::AizuServicesModel));
        assert_eq!(m.model, OperatingModel::PublicPrivate);
        assert_eq!(m.reason, ModelReason::OwnCase);
        assert!(!Rule::AizuServicesModel.source().is_convention());
        // the instalments are Shen County's own practice, nobody else's
        assert!(!instalments_are_own(framework(), &aizu));
        assert!(instalments_are_own(
            framework(),
            &named("莘县", "Shen County", vec![])
        ));
    }

    // outcomes, showcase and evidence (review 5) ----

    #[test]
    fn outcomes_a_next_step_without_a_figure_is_the_own_citys_measure_and_borrows_no_figure() {
        let fw = framework();
        let open = "government.s3.open_data_platform";
        // Suzhou: the report's next step (从政府内部数据共享到对外开放) first,
        // a measure with no figure, never London's 700 datasets as its
        // baseline
        let suzhou = named("宿州", "Suzhou", vec![]);
        let got = outcomes_for_city(fw, &suzhou, DomainId::Government, open);
        assert_eq!(got.first().map(String::as_str), Some("datasets_opened"));
        let next = fw
            .outcomes
            .iter()
            .find(|o| o.id == "datasets_opened")
            .unwrap();
        assert!(is_next_step(next) && next.measure.en.contains("Datasets opened"));
        // another city is not offered Suzhou's own next step
        let other = named("某市", "Elsewhere", vec![]);
        let got = outcomes_for_city(fw, &other, DomainId::Government, open);
        assert!(!got.iter().any(|o| o == "datasets_opened"), "{got:?}");
        // the move's work: the measure, no own figure (nothing in place to
        // extend), and the report renders no borrowed figure
        let mut a = assessment();
        set(&mut a, DomainId::Government, 2.0, Some((3, 3)), Some(5));
        let work = move_work(fw, &suzhou, &a, DomainId::Government, 2, 3);
        let item = work.iter().find(|w| w.indicator == open).unwrap();
        assert_eq!(
            item.outcomes.first().map(String::as_str),
            Some("datasets_opened")
        );
        assert!(!item.own_figure);
    }

    #[test]
    fn outcomes_the_cross_sector_item_is_measured_by_the_sectors_on_the_platform_with_no_borrowed_figure()
     {
        // Fukuoka's 400 million yen is what its health platform saves; it
        // does not measure how many sectors a platform brings together (the
        // eighth review), nor services offered without an application: the
        // cross-sector item is measured by the sectors on the platform, a
        // count the report does not give, in Fukuoka and everywhere
        let fw = framework();
        let sectors = "services.s2.public_services_aggregated";
        for c in [
            named("福冈", "Fukuoka", vec![]),
            named("宿州", "Suzhou", vec![]),
        ] {
            let got = outcomes_for_city(fw, &c, DomainId::Services, sectors);
            assert_eq!(got.first().map(String::as_str), Some("sectors_on_platform"));
        }
        let o = fw
            .outcomes
            .iter()
            .find(|o| o.id == "sectors_on_platform")
            .unwrap();
        assert!(o.no_figure && o.case.is_none());
        // no outcome in the library carries the health platform's saving
        assert!(
            fw.outcomes
                .iter()
                .all(|o| !o.example.en.contains("400 million yen"))
        );
    }

    #[test]
    fn outcomes_the_one_stop_platform_is_measured_by_services_through_one_login_with_no_borrowed_figure()
     {
        // Fukuoka's one-stop item: the platform covers health and care only,
        // so its yen figure does not measure it; the count of services
        // reachable through one login does, a figure the report does not give
        let fw = framework();
        let one_stop = "services.s2.one_stop_platform";
        for c in [
            named("福冈", "Fukuoka", vec![]),
            named("测试", "Test", vec![]),
        ] {
            let got = outcomes_for_city(fw, &c, DomainId::Services, one_stop);
            assert_eq!(got.first().map(String::as_str), Some("one_login_services"));
        }
        let o = fw
            .outcomes
            .iter()
            .find(|o| o.id == "one_login_services")
            .unwrap();
        assert!(o.no_figure && o.case.is_none());
        assert_eq!(o.measure.zh, "一次登录可办理的服务事项数");
        // in Fukuoka's plan: the count on the one-stop item, the sectors on
        // the cross-sector item, and no figure borrowed on either
        let (_, text) = crate::core::examples::EXAMPLES
            .iter()
            .find(|(i, _)| *i == "fukuoka")
            .unwrap();
        let p = crate::core::profile::Profile::from_json(text).unwrap();
        let a = p.assessments.last().unwrap();
        let advice = advise(fw, &p.city, a);
        let work: Vec<&Work> = advice.moves().flat_map(|m| &m.work).collect();
        let of = |id: &str| {
            work.iter()
                .find(|w| w.indicator == id)
                .map(|w| w.outcomes.clone())
        };
        assert_eq!(
            of(one_stop).and_then(|o| o.first().cloned()).as_deref(),
            Some("one_login_services")
        );
        assert_eq!(
            of("services.s2.public_services_aggregated")
                .and_then(|o| o.first().cloned())
                .as_deref(),
            Some("sectors_on_platform")
        );
        assert!(
            work.iter()
                .filter(|w| w.indicator.starts_with("services."))
                .all(|w| !w.own_figure)
        );
    }

    #[test]
    fn work_answered_partly_carries_the_first_sentence_of_its_evidence() {
        use crate::core::profile::Answer;
        let fw = framework();
        let mut a = assessment();
        set(&mut a, DomainId::Enablers, 1.0, Some((2, 3)), None);
        let group = "enablers.s2.mayor_led_group";
        let mut answer = Answer::new(AnswerValue::Partly, None);
        answer.note_text = Some(Text::new(
            "莘县成立了县级智慧城市建设领导小组和办公室，负责整体规划；报告未说明由谁担任组长。",
            "The county set up a smart city leading group and office; the report does not say who leads it.",
        ));
        a.answers.insert(group.into(), answer);
        // an item answered unknown, its note saying why
        let plan = "enablers.s2.citywide_plan";
        a.answers.insert(
            plan.into(),
            Answer::new(
                AnswerValue::Unknown,
                Some("The report names no adopted plan. More text.".into()),
            ),
        );
        let c = city(Level::Medium, vec![]);
        let work = move_work(fw, &c, &a, DomainId::Enablers, 1, 2);
        let g = work.iter().find(|w| w.indicator == group).unwrap();
        assert!(g.partly);
        assert_eq!(
            g.evidence,
            Some(Text::new(
                "莘县成立了县级智慧城市建设领导小组和办公室，负责整体规划",
                "The county set up a smart city leading group and office"
            ))
        );
        // an item to confirm: its note says why it is unknown, no evidence
        let p = work.iter().find(|w| w.indicator == plan).unwrap();
        assert!(p.confirm);
        assert_eq!(p.evidence, None);
        // an item answered not met is work to do: no evidence line
        a.answers.insert(
            group.into(),
            Answer::new(AnswerValue::NotMet, Some("Absent.".into())),
        );
        let work = move_work(fw, &c, &a, DomainId::Enablers, 1, 2);
        let g = work.iter().find(|w| w.indicator == group).unwrap();
        assert_eq!(g.evidence, None);
    }

    #[test]
    fn showcase_risk_names_what_is_displayed_and_the_basis_of_each_firing() {
        use crate::core::profile::Answer;
        // Baoying: the use check answered partly with its evidence: the
        // warning names what is displayed
        let mut a = supported();
        set(&mut a, DomainId::Economy, 2.0, Some((3, 5)), Some(5));
        let mut answer = Answer::new(AnswerValue::Partly, None);
        answer.note_text = Some(Text::new(
            "“智慧荷藕”方案建有大屏指挥中心，“利用大屏指挥中心进行数据展示”。报告未描述其日常使用。",
            "The 'smart lotus root' programme built a big-screen command centre used for display. The report does not describe its daily use.",
        ));
        a.answers.insert(USE_CHECK.into(), answer);
        let rich = city(Level::High, vec![]);
        let advice = advise(framework(), &rich, &a);
        let w = warning(&advice, WarningCode::ShowcaseRisk).unwrap();
        assert_eq!(
            w.displayed,
            vec![Text::new(
                "“智慧荷藕”方案建有大屏指挥中心，“利用大屏指挥中心进行数据展示”",
                "The 'smart lotus root' programme built a big-screen command centre used for display"
            )]
        );
        assert_eq!(w.showcase[0].domains, vec![DomainId::Economy]);
        let en = crate::text::advice::warning(w, &[], crate::core::lang::Lang::En);
        assert!(
            en.contains("What is displayed: The 'smart lotus root'")
                && en.contains("daily production and trading")
                && en.contains("people and budget"),
            "{en}"
        );
        let zh = crate::text::advice::warning(w, &[], crate::core::lang::Lang::Zh);
        assert!(
            zh.contains("利用大屏指挥中心进行数据展示") && zh.contains("日常生产和交易"),
            "{zh}"
        );
        // Shen County: nothing displayed, the target outruns the enablers:
        // the warning says it rests on the targets and gives the numbers
        let mut a = assessment();
        set(&mut a, DomainId::Infrastructure, 2.5, None, None);
        set(&mut a, DomainId::Enablers, 1.46, None, None);
        set(&mut a, DomainId::Economy, 2.0, Some((3, 5)), Some(5));
        let advice = advise(framework(), &rich, &a);
        let w = warning(&advice, WarningCode::ShowcaseRisk).unwrap();
        assert!(w.displayed.is_empty());
        assert_eq!((w.enablers_level, w.enablers_needed), (Some(1.46), Some(2)));
        let en = crate::text::advice::warning(w, &[], crate::core::lang::Lang::En);
        assert!(
            en.contains("nothing display-type is found")
                && en.contains("needs the enablers at stage 2; they stand at 1.46"),
            "{en}"
        );
        // neither a display capability nor targets outrunning the enablers:
        // no warning
        set(&mut a, DomainId::Enablers, 2.0, None, None);
        assert!(warning(&advise(framework(), &rich, &a), WarningCode::ShowcaseRisk).is_none());
    }

    #[test]
    fn plan_phasing_a_move_is_listed_once_in_the_phase_where_it_starts() {
        let mut a = assessment();
        set(&mut a, DomainId::Infrastructure, 1.0, None, None);
        set(&mut a, DomainId::Enablers, 1.5, None, None);
        set(&mut a, DomainId::Services, 1.0, Some((3, 5)), Some(5));
        set(&mut a, DomainId::Government, 2.0, Some((3, 3)), Some(4));
        let advice = advise(framework(), &city(Level::High, vec![]), &a);
        let moves: Vec<(usize, &Move)> = advice
            .plan
            .iter()
            .flat_map(|p| p.moves.iter().map(move |m| (p.number, m)))
            .collect();
        // each move once
        let mut keys: Vec<(DomainId, u8, u8)> = moves
            .iter()
            .map(|(_, m)| (m.domain, m.from, m.to))
            .collect();
        let n = keys.len();
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), n, "{:?}", advice.plan);
        // a phase heading never starts after a move inside it, and the move
        // starts before the next phase does
        for (i, p) in advice.plan.iter().enumerate() {
            assert!(p.start < p.end);
            for m in &p.moves {
                assert!(p.start <= m.planned_start, "{p:?}");
                if let Some(next) = advice.plan.get(i + 1) {
                    assert!(m.planned_start < next.start, "{p:?}");
                }
            }
        }
        // every entry point starts in phase 1
        for d in [DomainId::Services, DomainId::Government] {
            assert!(
                advice.plan[0]
                    .moves
                    .iter()
                    .any(|m| m.domain == d && !m.prerequisite)
            );
        }
        // the government move runs on past phase 1 (across phases 1-2)
        let gov = moves
            .iter()
            .find(|(_, m)| m.domain == DomainId::Government)
            .unwrap();
        assert_eq!(gov.0, 1);
        assert!(gov.1.planned_end > advice.plan[0].end);
        assert_eq!(advice.plan.len(), 2);
        let last = advice.plan.last().unwrap();
        assert!(moves.iter().all(|(_, m)| m.planned_end <= last.end));
    }

    #[test]
    fn plan_horizon_split_between_moves_follows_the_work_left() {
        use chrono::Datelike;
        // the tool's convention: in proportion to the items left
        assert_eq!(split_horizon(96, &[1, 5]), vec![(0, 16), (16, 96)]);
        assert_eq!(split_horizon(60, &[2, 2]), vec![(0, 30), (30, 60)]);
        // a step with no item counts as one; every step at least a month
        assert_eq!(split_horizon(12, &[0, 30]), vec![(0, 1), (1, 12)]);
        assert_eq!(split_horizon(2, &[1, 1, 1]), vec![(0, 1), (1, 2), (2, 3)]);
        assert!(split_horizon(12, &[]).is_empty());
        // a city with one item left of stage 2 and the whole of stage 3 to
        // do: the first move is the short one
        let mut a = assessment();
        set(&mut a, DomainId::Infrastructure, 1.0, None, None);
        set(&mut a, DomainId::Enablers, 1.5, None, None);
        set(&mut a, DomainId::Environment, 1.0, Some((3, 8)), Some(5));
        let env: Vec<Move> = advise(framework(), &city(Level::High, vec![]), &a)
            .plan
            .into_iter()
            .flat_map(|p| p.moves)
            .filter(|m| m.domain == DomainId::Environment)
            .collect();
        assert_eq!(env.len(), 2);
        let months = |m: &Move| {
            (m.planned_end.year() - m.planned_start.year()) * 12 + m.planned_end.month() as i32
                - m.planned_start.month() as i32
        };
        let (w1, w2) = (env[0].work.len() as i32, env[1].work.len() as i32);
        let (m1, m2) = (months(&env[0]), months(&env[1]));
        assert_eq!(m1 + m2, 96);
        // proportional, within a month's rounding
        assert!(
            (m1 * (w1 + w2) - 96 * w1).abs() <= w1 + w2,
            "{m1} {m2} {w1} {w2}"
        );
    }

    #[test]
    fn operating_model_of_a_move_agrees_with_its_items_unless_the_own_case_is_that_work() {
        use crate::core::profile::Answer;
        let kashiwa = City {
            name: Text::new("柏之叶", "Kashiwa-no-ha"),
            ..city(Level::Medium, vec![])
        };
        let mut a = supported();
        set(&mut a, DomainId::Environment, 1.8, Some((3, 8)), Some(5));
        // stage 2 in place but the city-wide monitoring, in part
        for stage in &framework().domain(DomainId::Environment).stages {
            if stage.level == 2 {
                for i in &stage.indicators {
                    let v = if i.id == "environment.s2.realtime_sensing" {
                        AnswerValue::Partly
                    } else {
                        AnswerValue::Met
                    };
                    a.answers.insert(i.id.clone(), Answer::new(v, None));
                }
            }
        }
        // the one item left is government work: the move says so, and the
        // case's 官民学 model is not put on it
        let m = city_move_model(framework(), &kashiwa, &a, DomainId::Environment, 1, 2);
        assert_eq!(m.model, OperatingModel::GovernmentLed);
        assert_eq!(m.own_case, None);
        assert!(m.mix.is_empty());
        let work = move_work(framework(), &kashiwa, &a, DomainId::Environment, 1, 2);
        assert_eq!(work.len(), 1);
        assert!(work.iter().all(|w| w.model == m.model));
        // the stage-3 energy work, mixed, is the case's own: 官民学
        let m = city_move_model(framework(), &kashiwa, &a, DomainId::Environment, 2, 3);
        assert_eq!(m.own_case, Some(Rule::KashiwaOwnModel));
        assert_eq!(m.model, OperatingModel::PublicPrivate);
    }

    #[test]
    fn partly_in_place_is_worded_one_way_in_the_supporting_track_and_the_plan() {
        use crate::text::advice::{partly_line, report_words};
        use crate::text::fill;
        for lang in [Lang::En, Lang::Zh] {
            let track = fill(report_words(lang).partly_item, &[&"X"]);
            let plan = partly_line("X", "Y", lang);
            assert!(plan.starts_with(&track), "{lang:?}: {plan} / {track}");
        }
        assert!(
            fill(report_words(Lang::En).partly_item, &[&"X"])
                .starts_with("To complete and confirm (partly in place per the answers): ")
        );
        assert!(
            fill(report_words(Lang::Zh).partly_item, &[&"X"])
                .starts_with("待完善并核实（据回答已部分具备）：")
        );
    }
}
