//! The enum codes the outputs write come from strum, named as serde names
//! the same variants (the JSON the README declares stable): every variant's
//! code is its serde name.

use citydx::core::Lang;
use citydx::core::compare::SortBy;
use citydx::core::framework::DomainId;
use citydx::core::profile::{AnswerValue, Level, OrganisationType, PopulationKind, Specialty};
use citydx::core::size::NoClass;
use citydx::core::sources::{ProjectKind, Rule};
use citydx::report::compare::{Kind, sort_code};

fn serde_name(v: impl serde::Serialize) -> String {
    serde_json::to_value(v)
        .unwrap()
        .as_str()
        .unwrap()
        .to_string()
}

#[test]
fn every_code_is_the_serde_name() {
    for d in DomainId::ALL {
        assert_eq!(d.as_str(), serde_name(d));
        assert_eq!(DomainId::parse(d.as_str()), Some(d));
    }
    for s in Specialty::ALL {
        assert_eq!(s.as_str(), serde_name(s));
    }
    for r in Rule::ALL {
        assert_eq!(r.id(), serde_name(r));
    }
    for k in [PopulationKind::UrbanResident, PopulationKind::Total] {
        assert_eq!(k.as_str(), serde_name(k));
    }
    for n in [
        NoClass::TotalOnly,
        NoClass::BelowClasses,
        NoClass::AboveClasses,
    ] {
        assert_eq!(n.as_str(), serde_name(n));
    }
    for p in [
        ProjectKind::Management,
        ProjectKind::PublicInfrastructure,
        ProjectKind::PublicGood,
        ProjectKind::QuasiPublic,
        ProjectKind::MarketValue,
    ] {
        assert_eq!(p.id(), serde_name(p));
    }
    for l in [Lang::En, Lang::Zh] {
        assert_eq!(l.code(), serde_name(l));
    }
    for s in [SortBy::Domain, SortBy::Difference] {
        assert_eq!(sort_code(s), serde_name(s));
    }
    for l in [Level::Low, Level::Medium, Level::High] {
        assert_eq!(<&str>::from(l), serde_name(l));
    }
    for o in [
        OrganisationType::Government,
        OrganisationType::Enterprise,
        OrganisationType::Research,
        OrganisationType::Citizen,
    ] {
        assert_eq!(<&str>::from(o), serde_name(o));
    }
    for a in [
        AnswerValue::Met,
        AnswerValue::Partly,
        AnswerValue::NotMet,
        AnswerValue::NotApplicable,
        AnswerValue::Unknown,
    ] {
        assert_eq!(<&str>::from(a), serde_name(a));
    }
    // the advice's codes (the report's `factor`, `not_entry`, suggested
    // targets' reasons, what a jump lacks, short resources, a support's
    // action, the showcase risk's patterns)
    use citydx::core::advice::{
        Factor, Need, NotEntry, Resource, ShowcaseBasis, SuggestReason, SupportAction,
    };
    for f in [
        Factor::Gap,
        Factor::Importance,
        Factor::Attention,
        Factor::Common,
        Factor::Specialty,
    ] {
        assert_eq!(<&str>::from(f), serde_name(f));
    }
    for n in [Need::Enablers, Need::Infrastructure, Need::Time] {
        assert_eq!(<&str>::from(n), serde_name(n));
    }
    for r in [Resource::Funding, Resource::Talent, Resource::Technology] {
        assert_eq!(<&str>::from(r), serde_name(r));
    }
    for a in [SupportAction::Build, SupportAction::AssessFirst] {
        assert_eq!(<&str>::from(a), serde_name(a));
    }
    for b in [
        ShowcaseBasis::DisplayWithoutOperation,
        ShowcaseBasis::TargetsOutrunEnablers,
        ShowcaseBasis::TopTargetsShortResources,
    ] {
        assert_eq!(<&str>::from(b), serde_name(b));
    }
    let tagged = |v: serde_json::Value| v["code"].as_str().unwrap().to_string();
    for n in [
        NotEntry::Enablers,
        NotEntry::NoTarget,
        NotEntry::TargetReached,
        NotEntry::Ranked { rank: 4, limit: 3 },
    ] {
        assert_eq!(<&str>::from(n), tagged(serde_json::to_value(n).unwrap()));
    }
    for r in [
        SuggestReason::Importance { importance: 5 },
        SuggestReason::Attention { rank: 1 },
        SuggestReason::Specialty,
    ] {
        assert_eq!(<&str>::from(&r), tagged(serde_json::to_value(&r).unwrap()));
    }
    assert_eq!(Kind::Cities.code(), "cities");
    assert_eq!(Kind::Timeline.code(), "timeline");
    assert_eq!(Rule::JumpPinghu.id(), "jump_pinghu");
    assert_eq!(Specialty::ResourcesEnergy.as_str(), "resources_energy");
}
