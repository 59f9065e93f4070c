//! The engine's advice in words: every reason, warning, prerequisite and
//! operating model as a plain sentence a consultant can read out, in either
//! language. The screen and every report format use these, so they never
//! disagree.

use crate::core::Lang;
use crate::core::advice::{
    Factor, ModelReason, NotEntry, OperatingModel, Prerequisite, Reason, Resource, Warning,
    WarningCode,
};
use crate::core::framework::{DomainId, framework};
use crate::core::profile::Specialty;

use super::fill;

struct Words {
    gap: &'static str,
    importance: &'static str,
    attention: &'static str,
    common: &'static str,
    specialty: &'static str,
    start_small: &'static str,
    start_small_one: &'static str,
    targets_met: &'static str,
    thin_evidence: &'static str,
    not_entry_enablers: &'static str,
    not_entry_no_target: &'static str,
    not_entry_reached: &'static str,
    not_entry_ranked: &'static str,
    case_none_exact: &'static str,
    how: &'static str,
    one_year: &'static str,
    years: &'static str,
    assess_first: &'static str,
    stage_skipping: &'static str,
    showcase_risk: &'static str,
    enablers_missing: &'static str,
    infrastructure_prerequisite: &'static str,
    not_assessed: &'static str,
    no_targets: &'static str,
    prerequisite: &'static str,
    prerequisite_unassessed: &'static str,
    public_function: &'static str,
    public_service: &'static str,
    guided_platform: &'static str,
    market_value: &'static str,
    funding_instalments: &'static str,
    factor_gap: &'static str,
    factor_importance: &'static str,
    factor_attention: &'static str,
    factor_common: &'static str,
    factor_specialty: &'static str,
    funding: &'static str,
    talent: &'static str,
    technology: &'static str,
    list_sep: &'static str,
    list_last: &'static str,
}

const EN: Words = Words {
    gap: "The city aims at stage {} within {} and stands at {} today: a gap of {} stages.",
    importance: "The city rates this domain {} of 5 in importance.",
    attention: "The survey of small and medium-sized cities ranks it {} of 7 in attention (a weak prior only).",
    common: "It is common to every city: services, governance and infrastructure are what all cities must provide.",
    specialty: "It is the city's specific domain: its specialty ({}) is the way in. {}",
    start_small: "{} short, so start small: reach stage {} first, then aim at stage {}.",
    start_small_one: "{} short, so start small: this one entry point only, one stage at a time.",
    targets_met: "Every target is reached already ({}): set the next staged vision to get new entry points.",
    thin_evidence: "{}: the level rests on fewer than half of the domain's questions. Read it as a first reading, not a finding, until more are answered.",
    not_entry_enablers: "Not an entry point: the enablers are always part of the plan, whatever the entry point (see the enablers package).",
    not_entry_no_target: "Not an entry point: the city has set no target for this domain.",
    not_entry_reached: "Not an entry point: its target is reached already.",
    not_entry_ranked: "Not an entry point now: it ranks {} by score, and {} entry point(s) are recommended{}.",
    case_none_exact: "No case in the report made exactly this move; the nearest in this domain:",
    how: "How: {}, since {}.",
    one_year: "1 year",
    years: "{} years",
    assess_first: "It is not assessed yet: assess it first, so that the gap is known.",
    stage_skipping: "{}: the target is more than one stage above today within two years or less. Stages are reached one at a time; plan the intermediate stage first.",
    showcase_risk: "{}: several stage-3 targets while {} short. This is the \"bonsai\" pattern: big screens and showcases built for visits, with little real use and no lasting operation. Start from real demand, small and sustainable.",
    enablers_missing: "{}: targets at stage 2 or above while the enablers (organisation, plan, funding, talent, data security, standards) are below stage 1. No domain moves up without them.",
    infrastructure_prerequisite: "{}: the target needs infrastructure at the stage below it, which the city has not reached yet. Build the shared digital base first.",
    not_assessed: "Not assessed: {}. The advice leaves these out until they are assessed.",
    no_targets: "No domain has a target yet: set targets (the staged vision) to get entry points.",
    prerequisite: "{} must reach stage {} first (today {}), to carry {}.",
    prerequisite_unassessed: "{} is not assessed yet: assess it first, to know whether it can carry {} (it needs stage {}).",
    public_function: "a public function with no business model: the government leads, funded from the budget, with professional operators where its own skills are short",
    public_service: "a public service that is partly commercial: the government designs the whole and recruits partners, who may add paid services",
    guided_platform: "the government guides the specialty industry's platform, firms build and run it",
    market_value: "clear market value: firms lead, the government guides with industrial and fiscal policy and keeps the market fair",
    funding_instalments: "funding is short: a firm builds and runs the infrastructure and the government buys it as a service in instalments, with training before hand-over (as Shen County did)",
    factor_gap: "gap to target",
    factor_importance: "importance to the city",
    factor_attention: "survey attention (weak prior)",
    factor_common: "common to every city",
    factor_specialty: "city's specialty",
    funding: "funding",
    talent: "talent",
    technology: "technology",
    list_sep: ", ",
    list_last: " and ",
};

const ZH: Words = Words {
    gap: "城市的目标是在 {} 年内达到阶段{}，目前为 {}：差距 {} 个阶段。",
    importance: "城市认为该领域的重要性为 {}（满分 5）。",
    attention: "中小城市调研中，该领域的关注度排名第 {}（共 7 个领域；仅作参考）。",
    common: "该领域为各类城市的共性内容：民生与服务、治理与运行、基础设施是所有城市都需要的。",
    specialty: "该领域为城市的特性内容：以特色产业（{}）为切入口。{}",
    start_small: "{}不足，宜从小切口入手：先达到阶段{}，再迈向阶段{}。",
    start_small_one: "{}不足，宜从小切口入手：只选这一个切入点，逐级提升。",
    targets_met: "目标均已达到（{}）：请设定下一阶段的愿景，以得出新的切入点。",
    thin_evidence: "{}：成熟度所依据的回答不足该领域问题的一半。在补充更多回答之前，应视为初步判断，而非结论。",
    not_entry_enablers: "不作为切入点：无论切入点为何，发展保障始终纳入计划（见发展保障部分）。",
    not_entry_no_target: "不作为切入点：城市尚未为该领域设定目标。",
    not_entry_reached: "不作为切入点：其目标已经达到。",
    not_entry_ranked: "目前不作为切入点：按得分排第 {} 位，建议的切入点为 {} 个{}。",
    case_none_exact: "报告中没有完全相同跨越的案例；该领域最接近的案例：",
    how: "方式：{}，因为{}。",
    one_year: "1",
    years: "{}",
    assess_first: "该领域尚未评估：应先评估，才能确定差距。",
    stage_skipping: "{}：目标在两年或更短时间内比现状高出一个阶段以上。阶段需逐级达成，应先规划中间阶段。",
    showcase_risk: "{}：在{}不足的情况下设定了多个阶段三目标。这是“盆景展示型”问题：建大屏、做展示、供参观，实战效果差，缺乏长效运营。应从真实需求出发，小切口、可持续。",
    enablers_missing: "{}：目标为阶段二或以上，但发展保障（组织、规划、资金、人才、数据安全、标准）尚未达到阶段一。没有保障，任何领域都难以提升。",
    infrastructure_prerequisite: "{}：该目标需要基础设施达到其前一阶段，而城市尚未达到。应先建设共性数字底座。",
    not_assessed: "未评估：{}。在评估之前，建议中不包括这些领域。",
    no_targets: "尚未为任何领域设定目标：请设定目标（阶段性愿景），才能得出切入点。",
    prerequisite: "{}须先达到阶段{}（目前 {}），才能支撑{}。",
    prerequisite_unassessed: "{}尚未评估：应先评估，才能判断能否支撑{}（需达到阶段{}）。",
    public_function: "属于政府管理或纯公益类、缺乏商业模式的项目：由政府主导，资金来自财政预算，运维能力不足时引入专业运维机构",
    public_service: "属于公共服务类、准经营性项目：政府负责顶层设计、招募合作企业，企业可开展市场化增值服务",
    guided_platform: "政府引导建立特色产业平台，企业建设和运营",
    market_value: "具有明确的市场价值：由企业主导，政府以产业和财政政策引导，并维护市场秩序",
    funding_instalments: "资金不足：由企业投资建设和运营基础设施，政府分期购买服务，并在移交前培训本地团队（莘县的做法）",
    factor_gap: "与目标的差距",
    factor_importance: "对城市的重要性",
    factor_attention: "调研关注度（仅作参考）",
    factor_common: "各城市共性",
    factor_specialty: "城市特色产业",
    funding: "资金",
    talent: "人才",
    technology: "技术",
    list_sep: "、",
    list_last: "和",
};

fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::En => &EN,
        Lang::Zh => &ZH,
    }
}

/// "a, b and c" / "a、b和c".
pub fn list(items: &[String], lang: Lang) -> String {
    let w = words(lang);
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{}{}{last}", rest.join(w.list_sep), w.list_last),
    }
}

pub fn domains(ids: &[DomainId], lang: Lang) -> String {
    let names: Vec<String> = ids
        .iter()
        .map(|d| framework().domain(*d).name.get(lang).to_string())
        .collect();
    list(&names, lang)
}

pub fn resource(r: Resource, lang: Lang) -> &'static str {
    let w = words(lang);
    match r {
        Resource::Funding => w.funding,
        Resource::Talent => w.talent,
        Resource::Technology => w.technology,
    }
}

fn resources(rs: &[Resource], lang: Lang) -> String {
    let names: Vec<String> = rs.iter().map(|r| resource(*r, lang).to_string()).collect();
    let text = list(&names, lang);
    match lang {
        // "Funding and talent are short" reads better capitalised
        Lang::En => {
            let mut c = text.chars();
            let first = c
                .next()
                .map(|f| f.to_uppercase().collect::<String>())
                .unwrap_or_default();
            let verb = if rs.len() > 1 { " are" } else { " is" };
            format!("{first}{}{verb}", c.as_str())
        }
        Lang::Zh => text,
    }
}

pub fn specialty_name(s: Specialty, lang: Lang) -> &'static str {
    framework()
        .specialties
        .iter()
        .find(|x| x.id == s.as_str())
        .map(|x| x.name.get(lang))
        .unwrap_or(s.as_str())
}

fn specialty_path(s: Specialty, lang: Lang) -> &'static str {
    framework()
        .specialties
        .iter()
        .find(|x| x.id == s.as_str())
        .map(|x| x.path.get(lang))
        .unwrap_or("")
}

fn num(x: f64) -> String {
    format!("{x:.1}")
}

pub fn reason(r: &Reason, lang: Lang) -> String {
    let w = words(lang);
    match r {
        Reason::Gap {
            current,
            target,
            horizon_years,
            gap,
        } => match lang {
            Lang::En => fill(
                w.gap,
                &[
                    target,
                    &years(*horizon_years, lang),
                    &num(*current),
                    &num(*gap),
                ],
            ),
            Lang::Zh => fill(w.gap, &[horizon_years, target, &num(*current), &num(*gap)]),
        },
        Reason::Importance { importance } => fill(w.importance, &[importance]),
        Reason::Attention { rank } => fill(w.attention, &[rank]),
        Reason::Common => w.common.to_string(),
        Reason::Specialty { specialties } => {
            let names: Vec<String> = specialties
                .iter()
                .map(|s| specialty_name(*s, lang).to_string())
                .collect();
            let paths: Vec<&str> = specialties
                .iter()
                .map(|s| specialty_path(*s, lang))
                .collect();
            fill(w.specialty, &[&list(&names, lang), &paths.join(" ")])
        }
        Reason::StartSmall {
            short,
            target,
            next,
        } if next < target => fill(w.start_small, &[&resources(short, lang), next, target]),
        Reason::StartSmall { short, .. } => fill(w.start_small_one, &[&resources(short, lang)]),
        Reason::AssessFirst => w.assess_first.to_string(),
    }
}

/// "1 year" / "5 years" (Chinese: the number alone, the template says 年).
pub fn years(n: u8, lang: Lang) -> String {
    let w = words(lang);
    if n == 1 {
        w.one_year.to_string()
    } else {
        fill(w.years, &[&n])
    }
}

/// Why a domain is not an entry point, as a sentence.
pub fn not_entry(why: NotEntry, short: &[Resource], lang: Lang) -> String {
    let w = words(lang);
    match why {
        NotEntry::Enablers => w.not_entry_enablers.to_string(),
        NotEntry::NoTarget => w.not_entry_no_target.to_string(),
        NotEntry::TargetReached => w.not_entry_reached.to_string(),
        NotEntry::Ranked { rank, limit } => {
            let because = if short.is_empty() {
                String::new()
            } else {
                let names: Vec<String> = short
                    .iter()
                    .map(|r| resource(*r, lang).to_string())
                    .collect();
                match lang {
                    Lang::En => format!(
                        " because {} {} short",
                        list(&names, lang),
                        if names.len() > 1 { "are" } else { "is" }
                    ),
                    Lang::Zh => format!("，因为{}不足", list(&names, lang)),
                }
            };
            fill(w.not_entry_ranked, &[&rank, &limit, &because])
        }
    }
}

/// The note before an entry point's cases when none made exactly its move.
pub fn no_exact_case(lang: Lang) -> &'static str {
    words(lang).case_none_exact
}

pub fn warning(warning: &Warning, short: &[Resource], lang: Lang) -> String {
    let w = words(lang);
    let ds = domains(&warning.domains, lang);
    match warning.code {
        WarningCode::StageSkipping => fill(w.stage_skipping, &[&ds]),
        WarningCode::ShowcaseRisk => {
            let names: Vec<String> = short
                .iter()
                .map(|r| resource(*r, lang).to_string())
                .collect();
            let short_text = match lang {
                Lang::En => format!(
                    "{} {}",
                    list(&names, lang),
                    if names.len() > 1 { "are" } else { "is" }
                ),
                Lang::Zh => list(&names, lang),
            };
            fill(w.showcase_risk, &[&ds, &short_text])
        }
        WarningCode::EnablersMissing => fill(w.enablers_missing, &[&ds]),
        WarningCode::InfrastructurePrerequisite => fill(w.infrastructure_prerequisite, &[&ds]),
        WarningCode::NotAssessed => fill(w.not_assessed, &[&ds]),
        WarningCode::NoTargets => w.no_targets.to_string(),
        WarningCode::TargetsMet => fill(w.targets_met, &[&ds]),
        WarningCode::ThinEvidence => fill(w.thin_evidence, &[&ds]),
    }
}

pub fn prerequisite(p: &Prerequisite, lang: Lang) -> String {
    let w = words(lang);
    let name = framework().domain(p.domain).name.get(lang);
    let for_domains = domains(&p.for_domains, lang);
    let mut text = match p.current {
        Some(level) => fill(
            w.prerequisite,
            &[&name, &p.needed, &num(level), &for_domains],
        ),
        None => fill(w.prerequisite_unassessed, &[&name, &for_domains, &p.needed]),
    };
    // a support to build on a short budget says how
    if p.current.is_some() && p.model_reason == ModelReason::FundingInstalments {
        text.push(' ');
        text.push_str(&fill(
            w.how,
            &[
                &model_name(p.operating_model, lang),
                &model_reason(p.model_reason, lang),
            ],
        ));
    }
    text
}

pub fn model_reason(r: ModelReason, lang: Lang) -> &'static str {
    let w = words(lang);
    match r {
        ModelReason::PublicFunction => w.public_function,
        ModelReason::PublicService => w.public_service,
        ModelReason::GuidedPlatform => w.guided_platform,
        ModelReason::MarketValue => w.market_value,
        ModelReason::FundingInstalments => w.funding_instalments,
    }
}

/// The operating model's name, from the framework data.
pub fn model_name(m: OperatingModel, lang: Lang) -> &'static str {
    framework()
        .operating_models
        .iter()
        .find(|x| x.id == m.id())
        .map(|x| x.name.get(lang))
        .unwrap_or(m.id())
}

pub fn factor(f: Factor, lang: Lang) -> &'static str {
    let w = words(lang);
    match f {
        Factor::Gap => w.factor_gap,
        Factor::Importance => w.factor_importance,
        Factor::Attention => w.factor_attention,
        Factor::Common => w.factor_common,
        Factor::Specialty => w.factor_specialty,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_read_naturally() {
        let items = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(list(&items(&["a"]), Lang::En), "a");
        assert_eq!(list(&items(&["a", "b", "c"]), Lang::En), "a, b and c");
        assert_eq!(list(&items(&["甲", "乙", "丙"]), Lang::Zh), "甲、乙和丙");
    }

    #[test]
    fn every_sentence_has_its_values_in_both_languages() {
        let gap = Reason::Gap {
            current: 1.5,
            target: 3,
            horizon_years: 5,
            gap: 1.5,
        };
        assert_eq!(
            reason(&gap, Lang::En),
            "The city aims at stage 3 within 5 years and stands at 1.5 today: a gap of 1.5 stages."
        );
        assert_eq!(
            reason(&gap, Lang::Zh),
            "城市的目标是在 5 年内达到阶段三，目前为 1.5：差距 1.5 个阶段。"
        );
        let small = Reason::StartSmall {
            short: vec![Resource::Funding, Resource::Talent],
            target: 3,
            next: 2,
        };
        assert!(reason(&small, Lang::En).starts_with("Funding and talent are short"));
        assert!(reason(&small, Lang::Zh).starts_with("资金和人才不足"));
        let spec = Reason::Specialty {
            specialties: vec![Specialty::Agriculture],
        };
        assert!(
            reason(&spec, Lang::En).contains("Shen County"),
            "{}",
            reason(&spec, Lang::En)
        );
        for lang in [Lang::En, Lang::Zh] {
            for code in [
                WarningCode::StageSkipping,
                WarningCode::ShowcaseRisk,
                WarningCode::EnablersMissing,
                WarningCode::InfrastructurePrerequisite,
                WarningCode::NotAssessed,
                WarningCode::NoTargets,
                WarningCode::TargetsMet,
                WarningCode::ThinEvidence,
            ] {
                let text = warning(
                    &Warning {
                        code,
                        domains: vec![DomainId::Services],
                    },
                    &[Resource::Talent],
                    lang,
                );
                assert!(!text.contains("{}"), "{text}");
                if code != WarningCode::NoTargets {
                    assert!(
                        text.contains(framework().domain(DomainId::Services).name.get(lang)),
                        "{text}"
                    );
                }
            }
        }
    }
}
