//! The engine's advice in words: every reason, warning, prerequisite and
//! operating model as a plain sentence a consultant can read out, in either
//! language. The screen and every report format use these, so they never
//! disagree.

use crate::core::Lang;
use crate::core::advice::{
    Factor, Financing, LeapGround, ModelReason, Need, NotEntry, OperatingModel, Prerequisite,
    Reason, Resource, ShowcaseBasis, Support, SupportAction, SupportWay, Warning, WarningCode,
};
use crate::core::framework::{DomainId, framework};
use crate::core::profile::Specialty;
use crate::core::sources::Source;

use super::fill;

struct Words {
    gap: &'static str,
    importance: &'static str,
    attention: &'static str,
    common: &'static str,
    specialty: &'static str,
    /// The specialty's path is set out in "what changes" (the effect).
    specialty_path_below: &'static str,
    start_small: &'static str,
    start_small_one: &'static str,
    targets_met: &'static str,
    thin_evidence: &'static str,
    not_entry_enablers: &'static str,
    not_entry_no_target: &'static str,
    not_entry_suggested: &'static str,
    not_entry_reached: &'static str,
    not_entry_ranked: &'static str,
    case_none_exact: &'static str,
    case_none_exact_own: &'static str,
    one_year: &'static str,
    years: &'static str,
    assess_first: &'static str,
    stage_skipping: &'static str,
    showcase_risk: &'static str,
    showcase_ahead: &'static str,
    showcase_display: &'static str,
    showcase_outrun: &'static str,
    showcase_outrun_basis: &'static str,
    showcase_displayed: &'static str,
    showcase_more: &'static str,
    showcase_more_one: &'static str,
    showcase_use_economy: &'static str,
    showcase_check_ref: &'static str,
    plan_check: &'static str,
    plan_check_item: &'static str,
    showcase_use_other: &'static str,
    showcase_top: &'static str,
    enablers_missing: &'static str,
    infrastructure_prerequisite: &'static str,
    infrastructure_prerequisite_unknown: &'static str,
    not_assessed: &'static str,
    no_targets: &'static str,
    prerequisite: &'static str,
    prerequisite_unassessed: &'static str,
    public_function: &'static str,
    mixed_work: &'static str,
    mix_line: &'static str,
    own_case_model: &'static str,
    own_case_shen_infrastructure: &'static str,
    own_case_kashiwa: &'static str,
    own_case_fukuoka: &'static str,
    own_case_pengshui: &'static str,
    own_case_aizu: &'static str,
    own_case_aizu_services: &'static str,
    own_case_pinghu: &'static str,
    public_service: &'static str,
    market_value: &'static str,
    narrow_scenario: &'static str,
    /// The narrow first scenario after the start-small reason has named the
    /// three short resources (not named again).
    narrow_scenario_inside: &'static str,
    leap: &'static str,
    leap_also: &'static str,
    stage_skipping_needs: &'static str,
    prerequisite_assess: &'static str,
    leap_little_legacy: &'static str,
    leap_late_mover: &'static str,
    leap_precedent: &'static str,
    need_enablers: &'static str,
    need_infrastructure: &'static str,
    need_time: &'static str,
    /// A need the tool cannot judge: the support is not assessed.
    need_unassessed: &'static str,
    thin_stage: &'static str,
    support_build: &'static str,
    support_assess: &'static str,
    support_assess_stage: &'static str,
    need_one: &'static str,
    need_many: &'static str,
    way_urgent_first: &'static str,
    way_light: &'static str,
    way_connect: &'static str,
    fiscal_one_off: &'static str,
    instalment_buyback: &'static str,
    direct_funding_or_concession: &'static str,
    firm_invests_instalments: &'static str,
    /// The same, for a city outside China: the case named as China's.
    firm_invests_instalments_abroad: &'static str,
    firm_invests_instalments_own: &'static str,
    policy_guidance: &'static str,
    financing: &'static str,
    financing_caution: &'static str,
    source_cited: &'static str,
    source_convention: &'static str,
    suggested: &'static str,
    suggested_next: &'static str,
    no_targets_suggested: &'static str,
    suggest_importance: &'static str,
    suggest_attention: &'static str,
    suggest_specialty: &'static str,
    suggest_next_stage: &'static str,
    suggest_leap: &'static str,
    suggest_own_reached: &'static str,
    targets_met_suggested: &'static str,
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
    common: "It belongs to the common part: the report names services, governance and infrastructure as common to small and medium-sized cities, and industry and economy as the specific part.",
    specialty: "It is the city's specific domain: its specialty ({}) is the way in. {}",
    specialty_path_below: "The report's path for it is set out below, under \"The effect\".",
    start_small: "{} all short: take this one entry point only, and begin inside it with one small cut; reach stage {} first, then aim at stage {}.",
    start_small_one: "{} all short: take this one entry point only, and begin inside it with one small cut.",
    targets_met: "Every target is reached already in the domains that can be entry points ({}): set the next staged vision to get new entry points (the enablers are never an entry point: a target for them stays in the plan).",
    thin_evidence: "Thin evidence: {}: fewer than three quarters of these stages' indicators are answered, so they count only in part. Read them as a first reading, not a finding, until more are answered.",
    not_entry_enablers: "Not an entry point: the enablers are always part of the plan, whatever the entry point (see the enablers package).",
    not_entry_no_target: "Not an entry point: the city has set no target for this domain.",
    not_entry_suggested: "Not ranked as an entry point: the city has set no target for this domain and its own targets already give the entry points; the suggested target is for the consultant to accept or edit.",
    not_entry_reached: "Not an entry point: its target is reached already.",
    not_entry_ranked: "Not an entry point now: it ranks {} by score, and {} entry point(s) are recommended{}.",
    case_none_exact: "No case in the report made exactly this move; the nearest in this domain:",
    case_none_exact_own: "Besides the report's own case on this city (above), no case in the report made exactly this move; the nearest in this domain:",
    one_year: "1 year",
    years: "{} years",
    assess_first: "It is not assessed yet: assess it first, so that the gap is known.",
    stage_skipping: "{}: the target is more than one stage above today within two years or less, too short to take the stages one at a time{}. Give it a longer horizon, or aim at the stage in between first.",
    stage_skipping_needs: "; a jump in one move would also need {}",
    showcase_ahead: "{}: a risk to avoid, not a finding: nothing display-type is found built or aimed at, and the warning rests on the targets alone.{} Targets that outrun the organisation, funding and people to run them can end in what the county article calls the \"bonsai\" pattern: \"build big screens, put on a showcase, hook up systems\", which in the short term yields material \"to be visited\" and \"to be reported upward\", with poor results in real use, for want of long-term operation. Start from real demand, small and sustainable, and settle who runs and pays for what is built.",
    showcase_risk: "{}: risk of the \"bonsai\" pattern: \"build big screens, put on a showcase, hook up systems\", which in the short term yields material \"to be visited\" and \"to be reported upward\", with poor results in real use, for want of long-term operation.{} Start from real demand, small and sustainable, and settle who runs and pays for what is built.",
    showcase_display: " Display-type capabilities are in place or aimed at ({} of them) while their use and long-term operation are not shown ({} of the {} checks not met or not yet known).",
    showcase_outrun: " Targets outrun what the enablers carry ({}).",
    showcase_outrun_basis: " Basis: the target of {} needs the enablers at stage {}; they stand at {}.",
    showcase_displayed: " What is displayed: {}. To confirm with the city before any more is built on it: that it is used in {}, with the people and budget to run it over the years ({} of the {} checks not met or not yet known).",
    showcase_more: " (and {} more display-type items in place or aimed at)",
    showcase_more_one: " (and one more display-type item in place or aimed at)",
    showcase_use_economy: "daily production and trading",
    showcase_check_ref: " This is a check in phase {} of the plan.",
    plan_check: "Check first (the showcase risk, {}): confirm that what is built for display is used in {}, with its use counted (for example how often it is used each month, and by whom), and that a named operating team and a budget set aside year by year will run it over the years; build nothing more on it until this is confirmed.",
    plan_check_item: "To confirm (answered \"{}\" so far): {}",
    showcase_use_other: "day-to-day case handling, dispatch and response",
    showcase_top: " Several stage-3 targets while {} short ({}).",
    enablers_missing: "{}: targets at stage 2 or above while the enablers (organisation, plan, funding, talent, data security, standards) are below stage 1. No domain moves up without them.",
    infrastructure_prerequisite_unknown: "{}: the target needs infrastructure at the stage below it, and the answers do not cover enough of it yet to say how far the city has it: assess those stages first (see the supporting track), then build only what is missing, alongside the entry point.",
    infrastructure_prerequisite: "{}: the target needs infrastructure at the stage below it, which the city has not reached yet. Build the stages it needs alongside the entry point, what is urgent first.",
    not_assessed: "Not assessed: {}. The advice leaves these out until they are assessed.",
    no_targets: "No domain has a target yet: set targets (the staged vision) to get entry points.",
    prerequisite: "{} needs to reach stage {} (today {}) to carry {}: it is built alongside, starting with the entry point.",
    prerequisite_assess: "{}: needed at stage {} (today {}) to carry {}; the answers do not cover enough of it yet to say how far it stands there: assess first (see the supporting track), complete what is in place in part, then build only what is missing, alongside the entry point.",
    prerequisite_unassessed: "{} is not assessed yet: assess it first, to know whether it can carry {} (it needs stage {}); nothing is built before.",
    mixed_work: "the work is mixed: items of clear market value sit beside management or public-service items, so the majority does not decide; government and firms run it together, firms leading the market items and the government keeping the public part (top-level design, partners, funding of the public part)",
    mix_line: "the work by the model each item calls for: {}",
    own_case_model: "the city's own case in the report describes its model: the government buys the services firms build and run, a public-private arrangement",
    own_case_shen_infrastructure: "the city's own case in the report describes its model: firms invest in and build part of the digital infrastructure and the government buys the services in instalments, a public-private arrangement",
    own_case_kashiwa: "the city's own case in the report describes its model: government, business and academia carry the work forward together, a public-private arrangement",
    own_case_fukuoka: "the city's own case in the report describes its model: the government opens its data and firms provide the analysis, a government-business cooperation",
    own_case_pengshui: "the city's own case in the report describes its model: the government works with internet firms on promotion and online sales, a government-business cooperation",
    own_case_aizu: "the city's own case in the report describes its model: the city, its university and local firms work together, a cooperation of several actors",
    own_case_aizu_services: "the city's own case in the report describes its model: the city government, the University of Aizu and local firms launched the project together, with convenient public services as the way in (industry, academia and government)",
    own_case_pinghu: "the city's own case in the report describes its model: the government invests in the platform and builds up its intellectual property, then commercialises the platform together with firms",
    public_function: "management work, public infrastructure or a pure public good with no business model: the government leads its building and running, with professional operators where its own skills are short",
    public_service: "a quasi-public service: government and firms build and run it together; the government does the top-level design, recruits partners and funds the public part directly or through a concession",
    market_value: "clear market value: firms lead, the government guides with industrial and fiscal policy and keeps the market fair",
    narrow_scenario: "{} short: begin inside this domain with one narrow scenario, a pain point or bottleneck residents or firms feel, and widen from there.",
    narrow_scenario_inside: "The small cut, as the county article means it: one pain point or bottleneck that residents or firms feel, then widen from there.",
    leap: "A jump from stage {} to stage {}, planned as one move: {}. The enablers and infrastructure it needs are in place and the horizon allows it.",
    leap_also: "Another ground for the jump: {}.",
    leap_little_legacy: "with little legacy infrastructure to replace, the city-level platform can be planned as a whole and built new",
    leap_late_mover: "as a county, the city can use the late mover's advantage",
    leap_precedent: "Pinghu went into stage 3 once its shared sensing platform was built",
    need_enablers: "enablers at the stage below the target",
    need_infrastructure: "infrastructure at the stage below the target",
    need_time: "more than two years",
    need_unassessed: "{} (not assessed yet: assess it before relying on the jump)",
    thin_stage: "{} stage {} ({} of {})",
    support_build: "{} to stage {} (today {}), built alongside {} from its start (needed by {}).",
    support_assess: "{} is not assessed: assess it first ({} indicators to answer), then build only what is missing, alongside the entry point; {} {} it at stage {}.",
    support_assess_stage: "{} (today {}) rests on too few answers in the stages it stands on or must add (fewer than three quarters of their indicators): assess those first ({} indicators to answer), a short first step, then build only what is missing, alongside the entry point; {} {} it at stage {}.",
    need_one: "needs",
    need_many: "need",
    way_urgent_first: "Build it in phases, what {} needs first coming first.",
    way_light: "A smaller city with a weak economic base: build it on provincial and city resources, light, service-based and shared.",
    way_connect: "A county: connect to the city level's government cloud and data centre rather than build them again.",
    fiscal_one_off: "a one-off payment from the budget",
    instalment_buyback: "purchase and buyback in instalments",
    direct_funding_or_concession: "the government funds the public part directly, or grants a concession whose paid services support the basic one",
    firm_invests_instalments: "firms invest in part of the infrastructure and the government buys the services in instalments (another city's practice: Shen County's)",
    firm_invests_instalments_abroad: "firms invest in part of the infrastructure and the government buys the services in instalments (another city's practice: Shen County's, in China)",
    firm_invests_instalments_own: "firms invest in part of the infrastructure and the government buys the services in instalments (this county's own practice in the report)",
    policy_guidance: "firms invest; the government guides with industrial and fiscal policy",
    financing: "Financing: {}.",
    financing_caution: "citydx's own caution, not from the sources: instalments commit future budgets, so check the public-debt and procurement rules in force before signing.",
    source_cited: "{}: \u{201c}{}\u{201d} ({})",
    source_convention: "citydx's own convention: {}",
    suggested: "Suggested target, to accept or edit: the city has set none for this domain, so the advice suggests stage {} within {} (today {}).",
    suggested_next: "Suggested next target, to accept or edit: the city's own target for this domain (stage {}) is reached already, so the advice suggests stage {} within {} (today {}).",
    no_targets_suggested: "No domain has a target yet: the advice suggests targets for {}, marked as suggestions. Set the staged vision to confirm or change them.",
    suggest_importance: "the city rates it {} of 5 in importance",
    suggest_attention: "the survey ranks it {} of 7 in attention",
    suggest_specialty: "it carries the city's specialty",
    suggest_next_stage: "no domain that can be an entry point stands below a target the city set, so the next stage of this assessed domain is proposed as the staged vision",
    suggest_leap: "a jump of two stages that the sources allow here ({}), with what the jump needs (the enablers, and for another domain the infrastructure, at the stage below the target) already in place, over one five-year plan period",
    suggest_own_reached: "the city's own target for it, stage {}, is reached already and stays as the city set it",
    targets_met_suggested: "Every target the city set is reached already in the domains that can be entry points ({}): the advice suggests next targets for {}, marked as suggestions for the consultant to accept or edit with the city (the enablers are never an entry point: a target for them stays in the plan).",
    factor_gap: "gap to target",
    factor_importance: "importance to the city",
    factor_attention: "survey attention (weak prior)",
    factor_common: "common part",
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
    common: "该领域属于共性内容：报告指出，中小城市的民生与服务、治理与运行、基础设施等数字化转型目标和内容是共性的，产业与经济则为特性内容。",
    specialty: "该领域为城市的特性内容：以特色产业（{}）为切入口。{}",
    specialty_path_below: "报告为其给出的路径见下文各方面变化中的“数字化效果”一项。",
    start_small: "{}均较为缺失：只选这一个切入点，并在其中先从一个小切口入手；先达到阶段{}，再迈向阶段{}。",
    start_small_one: "{}均较为缺失：只选这一个切入点，并在其中先从一个小切口入手。",
    targets_met: "可作为切入点的领域目标均已达到（{}）：请设定下一阶段的愿景，以得出新的切入点（发展保障不作为切入点，其目标仍列入计划）。",
    thin_evidence: "证据不足：{}：这些阶段已回答的指标不足四分之三，只按比例计入。在补充更多回答之前，应视为初步判断，而非结论。",
    not_entry_enablers: "不作为切入点：无论切入点为何，发展保障始终纳入计划（见发展保障部分）。",
    not_entry_no_target: "不作为切入点：城市尚未为该领域设定目标。",
    not_entry_suggested: "未列入切入点排名：城市尚未为该领域设定目标，且城市自定的目标已给出切入点；建议目标由咨询人员确认或修改。",
    not_entry_reached: "不作为切入点：其目标已经达到。",
    not_entry_ranked: "目前不作为切入点：按得分排第 {} 位，建议的切入点为 {} 个{}。",
    case_none_exact: "报告中没有完全相同跨越的案例；该领域最接近的案例：",
    case_none_exact_own: "除上文本地案例外，报告中没有完全相同跨越的案例；该领域最接近的案例：",
    one_year: "1",
    years: "{}",
    assess_first: "该领域尚未评估：应先评估，才能确定差距。",
    stage_skipping: "{}：目标在两年或更短时间内比现状高出一个阶段以上，不足以逐阶段推进{}。应延长期限，或先以中间阶段为目标。",
    stage_skipping_needs: "；若一步跨越，还需具备{}",
    showcase_ahead: "{}：需要避免的风险，而非已发现的问题：未发现已建成或列为目标的展示类能力，此项提示仅基于目标。{}目标超出运营所需的组织、资金和人才时，可能陷入区县域文章所说的“盆景展示型”，即“建大屏、做展示、接系统”，短期内形成可“参观”、可“上报”的素材，实战应用效果差，缺乏长效运营。应从真实需求出发，小切口、可持续，并明确建成后由谁运营、由谁付费。",
    showcase_risk: "{}：有“盆景展示型”风险，即“建大屏、做展示、接系统”，短期内形成可“参观”、可“上报”的素材，实战应用效果差，缺乏长效运营。{}应从真实需求出发，小切口、可持续，并明确建成后由谁运营、由谁付费。",
    showcase_display: "展示类能力已具备或列为目标（{}项），但尚未表明其实际使用和长效运营（{}项检查中有{}项未达到或尚不清楚）。",
    showcase_outrun: "目标超出发展保障所能支撑的程度（{}）。",
    showcase_outrun_basis: "依据：{}的目标需要发展保障达到阶段{}，目前为{}。",
    showcase_displayed: "展示内容：{}。在此基础上继续建设之前，需与城市核实：其在{}中实际使用，并有长期运营的人员和经费（{}项检查中有{}项未达到或尚不清楚）。",
    showcase_more: "（另有{}项展示类能力已具备或列为目标）",
    showcase_more_one: "（另有1项展示类能力已具备或列为目标）",
    showcase_use_economy: "日常生产和交易",
    showcase_check_ref: "该核查已列入计划第 {} 期。",
    plan_check: "先行核查（盆景展示型风险，{}）：核实已建成的展示类设施在{}中实际使用，并统计使用情况（如每月使用次数和使用者），且有明确的运营团队和逐年列支的经费保障其多年运行；核实之前，不在其上继续建设。",
    plan_check_item: "待核实（目前回答为“{}”）：{}",
    showcase_use_other: "日常办件、派单和处置",
    showcase_top: "在{}不足的情况下设定了多个阶段三目标（{}）。",
    enablers_missing: "{}：目标为阶段二或以上，但发展保障（组织、规划、资金、人才、数据安全、标准）尚未达到阶段一。没有保障，任何领域都难以提升。",
    infrastructure_prerequisite_unknown: "{}：该目标需要基础设施达到其前一阶段，而现有回答覆盖不足，尚不能说明城市具备到何种程度：应先评估这些阶段（见支撑建设），再与切入点同步建设所缺部分。",
    infrastructure_prerequisite: "{}：该目标需要基础设施达到其前一阶段，而城市尚未达到。应与切入点同步建设所需阶段，急用先行。",
    not_assessed: "未评估：{}。在评估之前，建议中不包括这些领域。",
    no_targets: "尚未为任何领域设定目标：请设定目标（阶段性愿景），才能得出切入点。",
    prerequisite: "{}需达到阶段{}（目前 {}），才能支撑{}：与切入点同步建设，随切入点一起启动。",
    prerequisite_assess: "{}：需达到阶段{}（目前 {}）才能支撑{}；现有回答覆盖不足，尚不能说明具备到何种程度：先评估（见支撑建设），完善已部分具备的内容，再与切入点同步补齐所缺部分。",
    prerequisite_unassessed: "{}尚未评估：应先评估，才能判断能否支撑{}（需达到阶段{}）；评估之前不宜建设。",
    mixed_work: "工作性质混合，具有明确市场价值的事项与政府管理或公共服务类事项并存，故不按多数决定；由政府与企业合作建设和运营，企业主导市场类事项，政府负责公共部分（顶层设计、招募合作企业、对公共属性服务提供资金支持）",
    mix_line: "各项工作所需的运营模式为{}",
    own_case_model: "本地案例的做法是由企业建设和运营、政府购买服务，属于政企合作",
    own_case_shen_infrastructure: "本地案例的做法是部分数字基础设施由企业投资建设、政府分期购买服务，属于政企合作",
    own_case_kashiwa: "本地案例的做法是由官民学共同推进，属于政企合作",
    own_case_fukuoka: "本地案例的做法是政府开放数据、企业提供分析技术，属于政企合作",
    own_case_pengshui: "本地案例的做法是政府与互联网企业联合开展宣传推介和线上销售，属于政企合作",
    own_case_aizu: "本地案例的做法是市政府、大学与当地企业多元主体协作",
    own_case_aizu_services: "本地案例的做法是市政府、会津大学联合当地企业共同启动多方合作项目，以公共服务的便利化提供为切入点（产学官合作）",
    own_case_pinghu: "本地案例的做法是政府通过投资积累平台相关知识产权，并基于知识产权与企业共同推动平台的商业化、产品化",
    public_function: "属于政府管理类、公共基础类或纯公益型、缺乏商业模式的项目，由政府主导建设和运营，运维能力不足时引入专业运维机构",
    public_service: "属于公共服务类、半公益型的准经营性项目，由政府与企业合作建设和运营，政府负责顶层设计、招募合作企业，对公共属性服务直接提供资金支持或采用特许经营",
    market_value: "具有明确的市场价值，由企业主导，政府以产业和财政政策引导，并维护市场秩序",
    narrow_scenario: "{}不足：在该领域内先从一个小切口入手，即群众或企业切身感受到的痛点、堵点，再逐步扩展。",
    narrow_scenario_inside: "小切口，即区县域文章所说的群众或企业切身感受到的痛点、堵点，从一处入手，再逐步扩展。",
    leap: "从阶段{}跨越到阶段{}，作为一步规划：{}。跨越所需的发展保障和基础设施已经具备，期限也允许。",
    leap_also: "跨越的另一依据：{}。",
    leap_little_legacy: "遗留数字基础设施较少，可以直接整体规划和新建城市级平台",
    leap_late_mover: "作为县域，可以发挥后发优势",
    leap_precedent: "平湖在“感智汇”建成后迈入阶段三",
    need_enablers: "达到目标前一阶段的发展保障",
    need_infrastructure: "达到目标前一阶段的基础设施",
    need_time: "两年以上的期限",
    need_unassessed: "{}（尚未评估：应先评估，再确定能否跨越）",
    thin_stage: "{}阶段{}（{}/{}）",
    support_build: "{}提升至阶段{}（目前 {}），自{}启动起同步建设（{}需要）。",
    support_assess: "{}尚未评估：应先评估（需回答 {} 项指标），再与切入点同步补齐所缺部分；{}{}其达到阶段{}。",
    support_assess_stage: "{}（目前 {}）在其所处或需提升的阶段回答不足（不到指标的四分之三）：应先评估这些阶段（需回答 {} 项指标，作为支撑建设的第一步，用时较短），再与切入点同步补齐所缺部分；{}{}其达到阶段{}。",
    need_one: "需要",
    need_many: "需要",
    way_urgent_first: "分阶段建设，{}最急需的先行。",
    way_light: "人口规模较小、经济基础较薄弱的城市：基于省、市已有资源，以轻量化、服务化、集约化的方式建设。",
    way_connect: "县域：政务云、数据中心等以对接市级为主，不再重复建设。",
    fiscal_one_off: "财政一次性支付",
    instalment_buyback: "分期购买赎回",
    direct_funding_or_concession: "政府对具有公共属性的服务直接提供资金支持，或通过特许经营方式以增值服务收益支撑基本服务",
    firm_invests_instalments: "企业投资建设部分基础设施，政府分期购买服务（其他城市的做法：莘县）",
    firm_invests_instalments_abroad: "企业投资建设部分基础设施，政府分期购买服务（其他城市的做法：中国莘县）",
    firm_invests_instalments_own: "企业投资建设部分基础设施，政府分期购买服务（本县在报告中的做法）",
    policy_guidance: "企业投资，政府以产业政策、财政政策引导",
    financing: "资金方式：{}。",
    financing_caution: "citydx 自身的提示（来源文件未作此说明）：分期方式会占用未来预算，签约前应对照现行的政府债务和采购规定进行核查。",
    source_cited: "{}：“{}”",
    source_convention: "（citydx 自身的约定）{}",
    suggested: "建议目标（待确认或修改）：城市尚未为该领域设定目标，建议在 {} 年内达到阶段{}（目前 {}）。",
    suggested_next: "建议的下一目标（待确认或修改）：城市为该领域自定的目标（阶段{}）已经达到，建议在 {} 年内达到阶段{}（目前 {}）。",
    no_targets_suggested: "尚未为任何领域设定目标：建议为{}设定目标（已标为建议）。请设定阶段性愿景，确认或修改这些目标。",
    suggest_importance: "城市认为其重要性为 {}（满分 5）",
    suggest_attention: "调研关注度在 7 个领域中排名第 {}",
    suggest_specialty: "承载城市的特色产业",
    suggest_next_stage: "可作为切入点的领域均已达到城市设定的目标，故以该已评估领域的下一阶段作为建议的阶段性愿景",
    suggest_leap: "资料允许此处跨越两个阶段（{}），跨越所需条件（发展保障，以及其他领域所需的基础设施，达到目标的前一阶段）已经具备，以一个五年规划期为期",
    suggest_own_reached: "城市为该领域自定的阶段{}目标已经达到，原目标保持不变",
    targets_met_suggested: "在可作为切入点的领域中，城市设定的目标均已达到（{}）：建议为{}设定下一阶段目标（已标为建议），由咨询人员与城市确认或修改（发展保障不作为切入点，其目标仍列入计划）。",
    factor_gap: "与目标的差距",
    factor_importance: "对城市的重要性",
    factor_attention: "调研关注度（仅作参考）",
    factor_common: "共性内容",
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

/// A check of the plan ([`crate::core::advice::OperationCheck`]): its line,
/// and one line per indicator to confirm, with the answer it has today
/// (`answer`: that answer's label) and its text.
pub fn operation_check(
    check: &crate::core::advice::OperationCheck,
    items: &[(String, String)],
    lang: Lang,
) -> (String, Vec<String>) {
    let w = words(lang);
    let usage = if check.domains.contains(&DomainId::Economy) {
        w.showcase_use_economy
    } else {
        w.showcase_use_other
    };
    let head = fill(w.plan_check, &[&domains(&check.domains, lang), &usage]);
    let lines = items
        .iter()
        .map(|(answer, text)| fill(w.plan_check_item, &[answer, text]))
        .collect();
    (head, lines)
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

/// A ground for a jump, as a phrase.
fn leap_ground(g: LeapGround, lang: Lang) -> &'static str {
    let w = words(lang);
    match g {
        LeapGround::LittleLegacy => w.leap_little_legacy,
        LeapGround::LateMover => w.leap_late_mover,
        LeapGround::Precedent => w.leap_precedent,
    }
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
        Reason::Specialty {
            specialties,
            from,
            next,
        } => {
            let names: Vec<String> = specialties
                .iter()
                .map(|s| specialty_name(*s, lang).to_string())
                .collect();
            // below stage 2, the report's path (its stage 1 -> 2 cases);
            // from stage 2, stage 3's cross-sector links and the city's own
            // next step (crate::core::advice::specialty_path_applies)
            // (the path of the specialty the city leads with, its first)
            // (below stage 2 the path itself is what changes in the
            // effect, set out there once: the reason points to it rather
            // than say it twice; a specialty the framework has no path for
            // says so here)
            let path = if crate::core::advice::specialty_path_applies(*from) {
                let has_path = specialties.first().is_some_and(|s| {
                    crate::core::framework::framework()
                        .specialties
                        .iter()
                        .any(|p| p.id == s.as_str())
                        && *s != Specialty::Manufacturing
                });
                if has_path {
                    w.specialty_path_below.to_string()
                } else {
                    specialties
                        .iter()
                        .take(1)
                        .map(|s| specialty_path(*s, lang))
                        .collect::<Vec<_>>()
                        .join(" ")
                }
            } else {
                specialty_stage_three(next.as_deref(), lang)
            };
            fill(w.specialty, &[&list(&names, lang), &path])
        }
        Reason::StartSmall {
            short,
            target,
            next,
        } if next < target => fill(w.start_small, &[&resources(short, lang), next, target]),
        Reason::StartSmall { short, .. } => fill(w.start_small_one, &[&resources(short, lang)]),
        // after the start-small reason (all three short), the resources are
        // not named again
        Reason::NarrowScenario { short } if short.is_empty() => {
            w.narrow_scenario_inside.to_string()
        }
        Reason::NarrowScenario { short } => fill(w.narrow_scenario, &[&resources(short, lang)]),
        Reason::Leap { from, to, grounds } => {
            let grounds: Vec<String> = grounds
                .iter()
                .map(|g| leap_ground(*g, lang).to_string())
                .collect();
            let sep = match lang {
                Lang::En => "; ",
                Lang::Zh => "；",
            };
            fill(w.leap, &[from, to, &grounds.join(sep)])
        }
        Reason::LeapAlso { ground } => fill(w.leap_also, &[&leap_ground(*ground, lang)]),
        Reason::AssessFirst => w.assess_first.to_string(),
        Reason::Suggested {
            current,
            target,
            horizon_years,
            own_reached: None,
        } => match lang {
            Lang::En => fill(
                w.suggested,
                &[target, &years(*horizon_years, lang), &num(*current)],
            ),
            Lang::Zh => fill(w.suggested, &[horizon_years, target, &num(*current)]),
        },
        Reason::Suggested {
            current,
            target,
            horizon_years,
            own_reached: Some(own),
        } => match lang {
            Lang::En => fill(
                w.suggested_next,
                &[own, target, &years(*horizon_years, lang), &num(*current)],
            ),
            Lang::Zh => fill(
                w.suggested_next,
                &[own, horizon_years, target, &num(*current)],
            ),
        },
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

/// Why a domain without the city's own target but with a suggested one is
/// not an entry point: the city's own targets already give the entry points
/// (suggestions are ranked only where none does).
pub fn not_entry_suggested(lang: Lang) -> &'static str {
    words(lang).not_entry_suggested
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

/// [`no_exact_case`] for a city the report has its own case on in the
/// domain (shown first, above the other cities' cases).
pub fn no_exact_case_besides_own(lang: Lang) -> &'static str {
    words(lang).case_none_exact_own
}

/// Who would carry a move, as the plan suggests it by operating model.
pub fn owner(owner: crate::core::advice::Owner, lang: Lang) -> &'static str {
    use crate::core::advice::Owner;
    match (owner, lang) {
        (Owner::LeadDepartment, Lang::En) => "the competent department, under the city's lead body",
        (Owner::LeadDepartment, Lang::Zh) => "主管部门（在城市数字化牵头机构统筹下）",
        (Owner::OperationsProvider, Lang::En) => {
            "a professional operation and maintenance provider authorised by the government"
        }
        (Owner::OperationsProvider, Lang::Zh) => "经政府授权的专业运营维护服务机构",
        (Owner::PartnerFirms, Lang::En) => "partner firms recruited by the government",
        (Owner::PartnerFirms, Lang::Zh) => "政府招募的合作企业",
        (Owner::Firms, Lang::En) => "firms, investing and running it",
        (Owner::Firms, Lang::Zh) => "企业自主投资建设和运营",
        (Owner::GovernmentGuidance, Lang::En) => {
            "the government, guiding with industrial and fiscal policy and regulating the market"
        }
        (Owner::GovernmentGuidance, Lang::Zh) => "政府以产业政策、财政政策引导并做好市场监管",
    }
}

/// An economy aspect's "what changes" along the report's path for a
/// specialty.
pub fn specialty_change(name: &str, path: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("For a city whose specialty is {name}: {path}"),
        Lang::Zh => format!("以{name}为特色的城市：{path}"),
    }
}

/// For a specialty city at stage 2 or above: stage 3's effect as the
/// report gives it (跨业态数字化…联动和辐射周边服务行业) and, where the report
/// states one, the city's own next step from its own case (`case`, the id of
/// a case with a `next`).
pub fn specialty_stage_three(case: Option<&str>, lang: Lang) -> String {
    let stage3 = match lang {
        Lang::En => {
            "At stage 3 the report looks beyond the chain itself: cross-sector digitisation that links up with and reaches out to the service industries around it, and a city-level digital innovation platform."
        }
        Lang::Zh => {
            "到阶段三，报告更关注跨业态数字化：除产业链上下游外，还联动和辐射周边服务行业，并建立城市级数字创新平台。"
        }
    };
    let next = case
        .and_then(|id| framework().cases.iter().find(|c| c.id == id))
        .and_then(|c| c.next.as_ref().map(|n| (c, n)))
        .map(|(c, n)| {
            let county = c.city.zh.ends_with('县');
            match lang {
                Lang::En => format!(
                    " Next, from the report's own case on this {}: {}",
                    if county { "county" } else { "city" },
                    n.text.get(lang)
                ),
                Lang::Zh => format!(
                    "下一步（依据上文本{}案例）：{}",
                    if county { "县" } else { "市" },
                    n.text.get(lang)
                ),
            }
        })
        .unwrap_or_default();
    format!("{stage3}{next}")
}

/// An aspect's "from" for a city whose own case (shown above the aspects)
/// is moving it from `from` up to `case_to`: the level's stage and the
/// case's move agree ("Stage 1" alone would read against a case that says
/// stage 2 is under way).
pub fn own_case_under_way(from: u8, case_to: u8, county: bool, lang: Lang) -> String {
    match lang {
        Lang::En => format!(
            "Today (stage {from}, stage {case_to} under way: see the report's case on this {} above)",
            if county { "county" } else { "city" }
        ),
        Lang::Zh => fill(
            "现状（阶段{}，阶段{}推进中，见上文本{}案例）",
            &[&from, &case_to, &if county { "县" } else { "市" }],
        ),
    }
}

/// An aspect's "from" for a city whose own case gives it no stage in the
/// domain: the stage is the answers' reading.
pub fn own_case_no_stage(from: u8, county: bool, lang: Lang) -> String {
    match lang {
        Lang::En => format!(
            "Today (stage {from} per the answers; the report's case on this {} above gives it no stage)",
            if county { "county" } else { "city" }
        ),
        Lang::Zh => fill(
            "现状（据回答为阶段{}；上文本{}案例未给出阶段）",
            &[&from, &if county { "县" } else { "市" }],
        ),
    }
}

/// After a stage-1 floor text that is the tool's own check, not the
/// report's.
pub fn own_check_mark(lang: Lang) -> &'static str {
    match lang {
        Lang::En => " (citydx's own check, not the report's words)",
        Lang::Zh => "（本工具自设的检验项，非报告原文）",
    }
}

/// A specialty the framework describes no path for.
pub fn specialty_no_path(name: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!(
            "The sources describe no digital path for a city whose specialty is {name}; what the chain gains at this stage is for the consultant to set with the city."
        ),
        Lang::Zh => format!(
            "资料未描述以{name}为特色的城市的数字化路径；这一阶段产业链的提升由顾问与城市共同确定。"
        ),
    }
}

/// A plan move's suggested owners, one line.
pub fn owners_line(owners: &[&str], lang: Lang) -> String {
    match lang {
        Lang::En => format!("Suggested owners: {}", owners.join("; ")),
        Lang::Zh => format!("建议承担方：{}", owners.join("；")),
    }
}

/// One piece of a move's work and its measurable outcome.
pub fn work_line(text: &str, outcome: &str, lang: Lang) -> String {
    // the indicator states the situation to reach, not one already there
    match lang {
        Lang::En => format!("Work, the state to reach: {text} Outcome: {outcome}"),
        Lang::Zh => format!("工作（应达到的状态）：{text}成效指标：{outcome}"),
    }
}

/// An indicator's statement worded for a county: "the whole city" becomes
/// "the whole county" (全市 → 全县).
pub fn for_county(text: &str, lang: Lang) -> String {
    match lang {
        Lang::En => text
            .replace("the whole city", "the whole county")
            .replace("city-wide", "county-wide"),
        Lang::Zh => text.replace("全市", "全县"),
    }
}

/// A move's own dates, as the consultant set them ("-" for one not set).
pub fn move_dates(start: &str, end: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("Dates: {start} to {end}"),
        Lang::Zh => format!("时间：{start} 至 {end}"),
    }
}

/// The operating model one item of a move's work calls for, appended to
/// its line.
pub fn item_model(name: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!(" (this item: {name})"),
        Lang::Zh => format!("（本项：{name}）"),
    }
}

/// A plan note whose move or phase is no longer in the plan, as one line:
/// what it was made for, and everything the consultant set.
pub fn orphan_line(o: &crate::core::advice::OrphanNote, lang: Lang) -> String {
    let fw = framework();
    let what = match (o.domain, o.from, o.to, o.phase) {
        (Some(d), Some(from), Some(to), _) => {
            let name = fw.domain(d).name.get(lang);
            match lang {
                Lang::En => format!("{name}, stage {from} → {to}"),
                Lang::Zh => format!("{name}，阶段{from} → {to}"),
            }
        }
        (_, _, _, Some(n)) => match lang {
            Lang::En => format!("Phase {n}"),
            Lang::Zh => format!("第 {n} 阶段"),
        },
        _ => o.key.clone(),
    };
    let mut parts = vec![];
    if !o.owner.trim().is_empty() {
        parts.push(match lang {
            Lang::En => format!("owner: {}", o.owner.trim()),
            Lang::Zh => format!("负责人：{}", o.owner.trim()),
        });
    }
    if o.start.is_some() || o.end.is_some() {
        let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or("-".into());
        parts.push(match lang {
            Lang::En => format!("dates: {} to {}", date(o.start), date(o.end)),
            Lang::Zh => format!("时间：{} 至 {}", date(o.start), date(o.end)),
        });
    }
    for (id, outcome) in &o.outcomes {
        let text = fw
            .indicator(id)
            .map(|r| {
                r.indicator
                    .text
                    .get(lang)
                    .trim_end_matches(['.', '。'])
                    .to_string()
            })
            .unwrap_or_else(|| id.clone());
        parts.push(match lang {
            Lang::En => format!("outcome for \"{text}\": {outcome}"),
            Lang::Zh => format!("成效指标（“{text}”）：{outcome}"),
        });
    }
    match lang {
        Lang::En => format!("{what}: {}", parts.join("; ")),
        Lang::Zh => format!("{what}：{}", parts.join("；")),
    }
}

/// A piece of a move's work with no answer yet: to confirm first.
pub fn confirm_line(text: &str, outcome: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("To confirm first (not answered yet): {text} Outcome: {outcome}"),
        Lang::Zh => format!("待核实（尚未回答）：{text}成效指标：{outcome}"),
    }
}

/// A piece of a move's work answered partly: to complete and confirm.
/// (the same status words as the supporting track's, `partly_item`: one
/// wording on one page)
pub fn partly_line(text: &str, outcome: &str, lang: Lang) -> String {
    let item = fill(report_words(lang).partly_item, &[&text]);
    match lang {
        Lang::En => format!("{item} Outcome: {outcome}"),
        Lang::Zh => format!("{item}成效指标：{outcome}"),
    }
}

/// The evidence an answer's note gives for a piece of work (its first
/// sentence), after the indicator's statement.
pub fn evidence_note(note: &str, lang: Lang) -> String {
    let note = note.trim().trim_end_matches(['.', '。', ';', '；']);
    match lang {
        Lang::En => format!(" Evidence: {note}."),
        Lang::Zh => format!("依据：{note}。"),
    }
}

/// The source of an outcome that is the report's next step for the city,
/// with no figure: no benchmark is borrowed for it.
pub fn own_next_step(document: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("no figure given, none borrowed; source: {document}"),
        Lang::Zh => format!("报告未给出数据，不借用其他城市数据，见《{document}》"),
    }
}

/// The source of a measure the report gives no figure for: the city counts
/// it itself, no other city's figure is borrowed.
pub fn no_figure(document: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!(
            "no figure in the report, none borrowed: the city's own count; source: {document}"
        ),
        Lang::Zh => format!("报告未给出数据，不借用其他城市数据，由城市自行统计，见《{document}》"),
    }
}

/// A benchmark figure from another city, credited to its document.
pub fn benchmark(example: &str, document: &str, lang: Lang) -> String {
    let example = example.trim_end_matches(['.', '。']);
    match lang {
        Lang::En => format!("{example}; source: {document}"),
        Lang::Zh => format!("{example}，见《{document}》"),
    }
}

/// A large city's figure (Hangzhou, Shenzhen, London, Singapore), credited
/// to its document: a reference for scale, not a target.
pub fn benchmark_large_city(example: &str, document: &str, lang: Lang) -> String {
    let example = example.trim_end_matches(['.', '。']);
    match lang {
        Lang::En => format!(
            "a large city's figure, for reference, not a target: {example}; source: {document}"
        ),
        Lang::Zh => format!("大城市数据，仅供参考，不作为目标：{example}，见《{document}》"),
    }
}

/// The city's own figure from the report's case on it: the baseline where
/// it stands, never a benchmark to reach.
pub fn own_baseline(example: &str, document: &str, lang: Lang) -> String {
    let example = example.trim_end_matches(['.', '。']);
    match lang {
        Lang::En => {
            format!("baseline, the report's case on this city: {example}; source: {document}")
        }
        Lang::Zh => format!("以报告中本地案例的数据为基准，即{example}，见《{document}》"),
    }
}

/// A piece of work with no answer yet that the report's case on the city
/// shows in place somewhere: to confirm how far it reaches and extend it.
pub fn own_in_place_line(text: &str, outcome: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!(
            "In place in part per the report's case on this city (its figure, in the outcome, is the baseline): confirm where it runs and extend it. {text} Outcome: {outcome}"
        ),
        Lang::Zh => format!(
            "据报告中本地案例已部分实现（其数据即成效指标中的基准）：核实覆盖范围并加以推广。{text}成效指标：{outcome}"
        ),
    }
}

/// The outcome of a piece of work the consultant has still to set.
pub fn outcome_to_set(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "to be set with the city",
        Lang::Zh => "待与城市商定",
    }
}

/// A text in `lang` only (no fallback to the other language), without its
/// closing stop. In English a Chinese passage quoted in it ('利用…' (shown
/// on …)) gives way to its English rendering, so the English text holds no
/// Chinese.
fn in_lang(t: &crate::core::lang::Text, lang: Lang) -> String {
    match lang {
        Lang::Zh => t.zh.trim().trim_end_matches('。').to_string(),
        Lang::En => english_only(t.en.trim().trim_end_matches('.')),
    }
}

/// `text` with each quoted Chinese passage ('…') replaced by the English
/// rendering in brackets right after it (quoted), or dropped without one.
fn english_only(text: &str) -> String {
    let han = |s: &str| s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find('\'') {
        let after = &rest[start + 1..];
        let Some(end) = after.find('\'') else { break };
        let quoted = &after[..end];
        if !han(quoted) {
            out.push_str(&rest[..start + 1 + end + 1]);
            rest = &after[end + 1..];
            continue;
        }
        out.push_str(&rest[..start]);
        let tail = &after[end + 1..];
        match tail.strip_prefix(" (").and_then(|t| t.split_once(')')) {
            Some((rendering, more)) => {
                out.push_str(&format!("'{rendering}'"));
                rest = more;
            }
            None => {
                rest = tail.trim_start();
                if out.ends_with(' ') && rest.starts_with([',', '.', ';', ':']) {
                    out.pop();
                }
            }
        }
    }
    out.push_str(rest);
    out
}

pub fn warning(warning: &Warning, short: &[Resource], lang: Lang) -> String {
    let w = words(lang);
    let ds = domains(&warning.domains, lang);
    match warning.code {
        WarningCode::StageSkipping => {
            let needs: Vec<String> = warning
                .missing
                .iter()
                .filter(|n| **n != Need::Time)
                .map(|n| {
                    if warning.unassessed.contains(n) {
                        fill(w.need_unassessed, &[&need(*n, lang)])
                    } else {
                        need(*n, lang).to_string()
                    }
                })
                .collect();
            let needs = if needs.is_empty() {
                String::new()
            } else {
                fill(w.stage_skipping_needs, &[&list(&needs, lang)])
            };
            fill(w.stage_skipping, &[&ds, &needs])
        }
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
            let checks = crate::core::advice::OPERATION.len();
            let mut parts = String::new();
            for part in &warning.showcase {
                let ds = domains(&part.domains, lang);
                parts.push_str(&match part.basis {
                    ShowcaseBasis::DisplayWithoutOperation
                        if warning
                            .displayed
                            .iter()
                            .any(|t| !in_lang(t, lang).is_empty()) =>
                    {
                        // what is displayed, in the answers' own evidence
                        // (the first in this language; the others counted),
                        // and what to confirm of its use and operation
                        let first = warning
                            .displayed
                            .iter()
                            .map(|t| in_lang(t, lang))
                            .find(|t| !t.is_empty())
                            .unwrap_or_default();
                        let more = warning.display.len().saturating_sub(1);
                        let shown = if more == 1 {
                            format!("{first}{}", w.showcase_more_one)
                        } else if more > 1 {
                            format!("{first}{}", fill(w.showcase_more, &[&more]))
                        } else {
                            first.to_string()
                        };
                        let usage = if part.domains.contains(&DomainId::Economy) {
                            w.showcase_use_economy
                        } else {
                            w.showcase_use_other
                        };
                        let open = warning.unoperated.len();
                        match lang {
                            Lang::En => {
                                fill(w.showcase_displayed, &[&shown, &usage, &open, &checks])
                            }
                            Lang::Zh => {
                                fill(w.showcase_displayed, &[&shown, &usage, &checks, &open])
                            }
                        }
                    }
                    ShowcaseBasis::DisplayWithoutOperation => {
                        let (shown, open) = (warning.display.len(), warning.unoperated.len());
                        match lang {
                            Lang::En => fill(w.showcase_display, &[&shown, &open, &checks]),
                            Lang::Zh => fill(w.showcase_display, &[&shown, &checks, &open]),
                        }
                    }
                    _ => String::new(),
                });
                // the plan's check of what is built (its use and operation)
                if part.basis == ShowcaseBasis::DisplayWithoutOperation
                    && let Some(n) = warning.check_phase
                {
                    parts.push_str(&fill(w.showcase_check_ref, &[&n]));
                }
                parts.push_str(&match part.basis {
                    ShowcaseBasis::DisplayWithoutOperation => String::new(),
                    ShowcaseBasis::TargetsOutrunEnablers => {
                        match (warning.enablers_level, warning.enablers_needed) {
                            (Some(level), Some(needed)) => fill(
                                w.showcase_outrun_basis,
                                &[&ds, &needed, &format!("{level:.2}")],
                            ),
                            _ => fill(w.showcase_outrun, &[&ds]),
                        }
                    }
                    ShowcaseBasis::TopTargetsShortResources => {
                        fill(w.showcase_top, &[&short_text, &ds])
                    }
                });
            }
            // nothing display-type built or aimed at: a risk to avoid, not a
            // finding
            let displayed = warning
                .showcase
                .iter()
                .any(|p| p.basis == ShowcaseBasis::DisplayWithoutOperation);
            if displayed {
                fill(w.showcase_risk, &[&ds, &parts])
            } else {
                fill(w.showcase_ahead, &[&ds, &parts])
            }
        }
        WarningCode::EnablersMissing => fill(w.enablers_missing, &[&ds]),
        WarningCode::InfrastructurePrerequisite if !warning.unassessed.is_empty() => {
            fill(w.infrastructure_prerequisite_unknown, &[&ds])
        }
        WarningCode::InfrastructurePrerequisite => fill(w.infrastructure_prerequisite, &[&ds]),
        WarningCode::NotAssessed => fill(w.not_assessed, &[&ds]),
        WarningCode::NoTargets if !warning.domains.is_empty() => {
            fill(w.no_targets_suggested, &[&ds])
        }
        WarningCode::NoTargets => w.no_targets.to_string(),
        WarningCode::TargetsMet if !warning.suggested.is_empty() => fill(
            w.targets_met_suggested,
            &[&ds, &domains(&warning.suggested, lang)],
        ),
        WarningCode::TargetsMet => fill(w.targets_met, &[&ds]),
        WarningCode::ThinEvidence => {
            let stages: Vec<String> = if warning.stages.is_empty() {
                vec![ds]
            } else {
                warning
                    .stages
                    .iter()
                    .map(|st| {
                        fill(
                            w.thin_stage,
                            &[
                                &framework().domain(st.domain).name.get(lang),
                                &st.stage,
                                &st.scored,
                                &st.total,
                            ],
                        )
                    })
                    .collect()
            };
            fill(w.thin_evidence, &[&list(&stages, lang)])
        }
    }
}

/// A prerequisite as a sentence; `assess_first`: its supporting track
/// assesses it first (the stages it must add rest on too few answers), so
/// it is not said to be "built" before that.
pub fn prerequisite(p: &Prerequisite, assess_first: bool, lang: Lang) -> String {
    let w = words(lang);
    let name = framework().domain(p.domain).name.get(lang);
    let for_domains = domains(&p.for_domains, lang);
    match p.current {
        Some(level) if assess_first => fill(
            w.prerequisite_assess,
            &[&name, &p.needed, &num(level), &for_domains],
        ),
        Some(level) => fill(
            w.prerequisite,
            &[&name, &p.needed, &num(level), &for_domains],
        ),
        None => fill(w.prerequisite_unassessed, &[&name, &for_domains, &p.needed]),
    }
}

pub fn model_reason(r: ModelReason, lang: Lang) -> &'static str {
    let w = words(lang);
    match r {
        ModelReason::PublicFunction => w.public_function,
        ModelReason::PublicService => w.public_service,
        ModelReason::MarketValue => w.market_value,
        ModelReason::Mixed => w.mixed_work,
        ModelReason::OwnCase => w.own_case_model,
    }
}

/// Why the city's own case sets a move's model, by the passage it rests on
/// ([`crate::core::advice::OWN_CASE_MODELS`]).
pub fn own_case_model(rule: crate::core::sources::Rule, lang: Lang) -> &'static str {
    use crate::core::sources::Rule;
    let w = words(lang);
    match rule {
        Rule::ShenInstalments => w.own_case_shen_infrastructure,
        Rule::KashiwaOwnModel => w.own_case_kashiwa,
        Rule::FukuokaOwnModel => w.own_case_fukuoka,
        Rule::PengshuiOwnModel => w.own_case_pengshui,
        Rule::AizuOwnModel => w.own_case_aizu,
        Rule::AizuServicesModel => w.own_case_aizu_services,
        Rule::PinghuOwnModel => w.own_case_pinghu,
        _ => w.own_case_model,
    }
}

/// The mix of a move's work by the model each item calls for.
pub fn model_mix(mix: &[(&str, &str, usize)], lang: Lang) -> String {
    let items: Vec<String> = mix
        .iter()
        .map(|(_, name, n)| match lang {
            Lang::En => format!(
                "{n} {} {}",
                if *n == 1 { "item" } else { "items" },
                name.to_lowercase()
            ),
            Lang::Zh => format!("{name} {n} 项"),
        })
        .collect();
    fill(words(lang).mix_line, &[&list(&items, lang)])
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

/// Why a target is suggested, as a phrase.
pub fn suggest_reason(r: &crate::core::advice::SuggestReason, lang: Lang) -> String {
    use crate::core::advice::SuggestReason as S;
    let w = words(lang);
    match r {
        S::Importance { importance } => fill(w.suggest_importance, &[importance]),
        S::Attention { rank } => fill(w.suggest_attention, &[rank]),
        S::Specialty => w.suggest_specialty.to_string(),
        S::NextStage => w.suggest_next_stage.to_string(),
        S::OwnTargetReached { stage } => fill(w.suggest_own_reached, &[stage]),
        S::Leap { grounds } => {
            let sep = match lang {
                Lang::En => "; ",
                Lang::Zh => "；",
            };
            let grounds: Vec<&str> = grounds.iter().map(|g| leap_ground(*g, lang)).collect();
            fill(w.suggest_leap, &[&grounds.join(sep)])
        }
    }
}

/// What a jump lacks, as a phrase.
pub fn need(n: Need, lang: Lang) -> &'static str {
    let w = words(lang);
    match n {
        Need::Enablers => w.need_enablers,
        Need::Infrastructure => w.need_infrastructure,
        Need::Time => w.need_time,
    }
}

/// A supporting track as sentences: what to do (build alongside, or assess
/// first), then how (each way with its condition).
pub fn support(s: &Support, lang: Lang) -> Vec<String> {
    let w = words(lang);
    let name = framework().domain(s.domain).name.get(lang);
    let for_domains = domains(&s.for_domains, lang);
    let verb = if s.for_domains.len() == 1 {
        w.need_one
    } else {
        w.need_many
    };
    let mut out = vec![match (s.action, s.current) {
        (SupportAction::Build, Some(level)) => fill(
            w.support_build,
            &[
                &name,
                &s.needed,
                &num(level),
                &framework().domain(s.starts_with).name.get(lang),
                &for_domains,
            ],
        ),
        (_, Some(level)) => fill(
            w.support_assess_stage,
            &[
                &name,
                &num(level),
                &s.to_answer,
                &for_domains,
                &verb,
                &s.needed,
            ],
        ),
        (_, None) => fill(
            w.support_assess,
            &[&name, &s.to_answer, &for_domains, &verb, &s.needed],
        ),
    }];
    if s.action == SupportAction::Build {
        out.extend(
            s.ways
                .iter()
                .map(|way| support_way(*way, s.starts_with, lang)),
        );
    }
    out
}

/// The sentence for one way a support is built (without its domain).
pub fn support_way(way: SupportWay, starts_with: crate::core::DomainId, lang: Lang) -> String {
    let w = words(lang);
    match way {
        SupportWay::UrgentFirst => fill(
            w.way_urgent_first,
            &[&framework().domain(starts_with).name.get(lang)],
        ),
        SupportWay::Light => w.way_light.to_string(),
        SupportWay::ConnectToCity => w.way_connect.to_string(),
    }
}

/// A financing option in words; `china`: the city is in China (or its
/// country is not set), else the report's Chinese case is named as such;
/// `shen`: the city is Shen County itself, whose own practice the
/// instalments are (any other city reads them as another city's practice,
/// never as its own).
pub fn financing_option(f: Financing, lang: Lang, china: bool, shen: bool) -> &'static str {
    let w = words(lang);
    match f {
        Financing::FirmInvestsGovernmentBuysInInstalments if shen => w.firm_invests_instalments_own,
        Financing::FiscalOneOff => w.fiscal_one_off,
        Financing::InstalmentBuyback => w.instalment_buyback,
        Financing::DirectFundingOrConcession => w.direct_funding_or_concession,
        Financing::FirmInvestsGovernmentBuysInInstalments if china => w.firm_invests_instalments,
        Financing::FirmInvestsGovernmentBuysInInstalments => w.firm_invests_instalments_abroad,
        Financing::PolicyGuidance => w.policy_guidance,
    }
}

/// Framework wording that names China's offices, its counties or its apps
/// (the party secretary or county head, a county's operating company, the
/// mini-program), worded for a city in another country
/// (`core::country::is_china` false): (key, English, Chinese), the key an
/// indicator's id or `domain.sN.aspect` for a stage's aspect.
pub const OUTSIDE_CHINA: [(&str, &str, &str); 7] = [
    (
        "enablers.s2.organisation",
        "A digital transformation body led by the city's top leader (internationally called the 'mayor') with every department taking part.",
        "建立了由城市最高政府管理人员（国际上统称“市长”）领导、各部门共同参与的数字化转型组织。",
    ),
    (
        "enablers.s2.mayor_led_group",
        "A digital transformation body led by the city's top leader (the mayor), with every department taking part, coordinates the departments' work.",
        "由城市最高政府管理人员（市长）领导、各部门共同参与的数字化转型组织统筹协调各部门的工作。",
    ),
    (
        "infrastructure.s2.single_operator",
        "One operating body runs the city's cloud, platforms, data and applications together; this can be a local operating company set up for the purpose.",
        "由一个运营主体统一运营城市的云、平台、数据和应用系统，可由为此组建的本地运营公司承担。",
    ),
    (
        "services.s1.online_application",
        "Residents can apply for and complete some services online through a sector app, website or self-service terminal, without going to a service counter.",
        "市民可通过单项领域的APP、网站或自助服务终端在线申请并办结部分服务事项，无需到窗口办理。",
    ),
    (
        "services.s2.one_stop_platform",
        "A single city service platform (a local app or web service) gives one-stop access to most public services and some commercial ones, with one account and login for residents and visitors.",
        "统一的城市服务平台（本地APP或网络服务）一站式接入大部分公共服务和部分商业服务，市民和游客用同一账号登录即可办理。",
    ),
    (
        "environment.s3.carbon_inclusion",
        "Citizens can join a carbon-inclusion scheme through a mobile app or web service that records their low-carbon behaviour and rewards it.",
        "市民可通过移动应用或网络服务参与碳普惠，低碳行为被记录并获得激励。",
    ),
    (
        "environment.s3.content",
        "Digitisation reaches the ecological environment, production, daily life and governance: integrated energy monitoring, home energy management and smart grids optimise lighting, heating, water, power and waste handling in buildings; IoT, data management and visualisation, analytics and cloud services cut energy use in transport and logistics; and mobile internet, online video and mobile apps bring carbon-inclusion schemes into everyday payment, reading, work, education and healthcare, raising awareness and lowering consumption.",
        "数字化全面覆盖生态环境、生产、生活和治理：通过能源监测、住宅能源管理和智能电网等系统优化各类建筑的照明、供暖、用水、电力和废弃物处理；借助物联网、数据管理与可视化、大数据分析和云服务降低交通与物流能耗；通过移动互联网、在线视频和移动应用推广碳普惠，让每个人在日常支付、阅读、办公、教育、医疗等活动中增强低碳意识、减少碳消耗。",
    ),
];

/// [`OUTSIDE_CHINA`]'s wording of `key` in `lang`; `None`: the framework's
/// wording holds everywhere.
pub fn outside_china(key: &str, lang: Lang) -> Option<&'static str> {
    OUTSIDE_CHINA
        .iter()
        .find(|(k, _, _)| *k == key)
        .map(|(_, en, zh)| match lang {
            Lang::En => *en,
            Lang::Zh => *zh,
        })
}

/// "Financing: a, b." for a move's options.
pub fn financing(options: &[Financing], lang: Lang) -> String {
    let names: Vec<String> = options
        .iter()
        .map(|f| financing_option(*f, lang, true, false).to_string())
        .collect();
    fill(words(lang).financing, &[&list(&names, lang)])
}

/// "Financing: a; or b." for options already worded (with their note
/// marks): alternatives, so "or" between them, and never a note mark
/// followed by 和 ("[7]和…").
pub fn financing_line(options: &[String], lang: Lang) -> String {
    let sep = match lang {
        Lang::En => "; or ",
        Lang::Zh => "；或",
    };
    fill(words(lang).financing, &[&options.join(sep)])
}

/// The tool's own caution on instalments (labelled as its own).
pub fn financing_caution(lang: Lang) -> &'static str {
    words(lang).financing_caution
}

/// A quote set inside double quotation marks: its own double marks become
/// single ones (“…‘小切口’…”), never “…“小切口”…”.
pub fn nested_quotes(quote: &str) -> String {
    quote
        .replace('\u{201c}', "\u{2018}")
        .replace('\u{201d}', "\u{2019}")
}

/// A source as one line of a note: the document, the quote and (in
/// English) its rendering; or the tool's own convention with why.
pub fn source_note(source: &Source, lang: Lang) -> String {
    let w = words(lang);
    match source {
        Source::Cited {
            document,
            quote,
            rendering,
        } => match lang {
            Lang::En => fill(
                w.source_cited,
                &[&document.title(lang), &nested_quotes(quote), rendering],
            ),
            Lang::Zh => fill(
                w.source_cited,
                &[&document.title(lang), &nested_quotes(quote)],
            ),
        },
        Source::Convention { .. } => fill(
            w.source_convention,
            &[&source.why(lang).unwrap_or_default()],
        ),
    }
}

/// The gap factor's name where it is measured against a suggested target.
pub fn factor_suggested_gap(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "gap to the suggested target",
        Lang::Zh => "与建议目标的差距",
    }
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

/// The labels the reports add for the advice's sources and supports.
pub struct ReportWords {
    pub section_supports: &'static str,
    pub supports_intro: &'static str,
    /// The indicators to work on (or assess) first.
    pub label_first: &'static str,
    pub section_notes: &'static str,
    pub notes_intro: &'static str,
    /// A move's operating model in the plan.
    pub move_model: &'static str,
    /// Each domain's evidence after the domains table.
    pub evidence: &'static str,
    /// One domain's evidence: name, scored, applicable.
    pub evidence_item: &'static str,
    /// Beside the score's parts: the weights are the tool's own.
    pub weights_convention: &'static str,
    /// A domain's suggested target under the domains table: name, stage,
    /// years, why.
    pub suggested_item: &'static str,
    /// A suggested target for a domain that is not an entry point: the
    /// suggestion and why it is not ranked, said once.
    pub suggested_item_unranked: &'static str,
    /// An entry point's first line when it rests on a suggested target:
    /// today, the stage to aim at first, the suggestion (stage and years;
    /// years first in Chinese), the score.
    pub entry_aim_suggested: &'static str,
    /// Under the table of every domain's score: what the mark on a gap
    /// measured against a suggested target means.
    pub suggested_gap_note: &'static str,
    /// The mark itself.
    pub suggested_gap_mark: &'static str,
    /// The plan notes whose move is no longer in the plan.
    pub section_orphans: &'static str,
    pub orphans_intro: &'static str,
    /// compare and timeline: what the mark on an entry point resting on a
    /// suggested target means.
    pub suggested_entry_legend: &'static str,
    /// The list heading of a supporting track that assesses first.
    pub label_assess_first: &'static str,
    /// The evidence line when no assessed domain has a scored answer.
    pub evidence_none: &'static str,
    /// A move's start below stage 1 when stage 1 is not assessed.
    pub stage1_unassessed: &'static str,
    /// A move from below stage 1 with part of stage 1 in place.
    pub stage1_under_way: &'static str,
    /// Beside a supporting domain's move that is the city's own target
    /// (not on the supporting track).
    pub own_target_mark: &'static str,
    /// After a supporting move whose work is all to confirm.
    pub move_assess_first: &'static str,
    /// An item of a supporting track answered partly.
    pub partly_item: &'static str,
    /// A resource the profile leaves out.
    pub not_given: &'static str,
    /// After the resources when one is not given.
    pub not_given_start_small: &'static str,
    /// The plan's remark on horizons over ten years: the domains.
    pub long_horizon: &'static str,
    /// An enablers aspect's stage answered partly: the stage.
    pub stage_partly: &'static str,
    /// Between an aspect's stage and the one partly in place.
    pub then: &'static str,
    /// A move whose own span differs from its phase's: start, end.
    pub move_runs: &'static str,
    /// A move that runs on across phases: start, end, first and last phase.
    pub move_runs_across: &'static str,
    /// The same over more than two phases.
    pub move_runs_across_many: &'static str,
    /// The plan screen's label of a piece of work answered partly.
    pub screen_partly: &'static str,
}

const REPORT_EN: ReportWords = ReportWords {
    section_supports: "Supporting track",
    supports_intro: "Infrastructure and enablers the entry points need, built alongside them from the start (not in a phase of their own before them).",
    label_first: "First, in this order:",
    section_notes: "Sources",
    notes_intro: "Where each rule of the advice comes from: a passage of a source document (quoted in Chinese, with an English rendering), or the tool's own convention, marked as such.",
    move_model: "{} ({})",
    evidence: "Evidence (indicators with a scored answer / applicable indicators): {}. A stage counts fully once three quarters of it is answered, in proportion below that (a thin stage, a first reading); a stage's unanswered indicators count as far as the stage above it shows itself in place.",
    evidence_item: "{} {}/{}",
    weights_convention: "The weights are citydx's own convention, not from the sources: they give no formula for ranking entry points.",
    suggested_item: "{}: suggested target, not the city's own, for the consultant to accept or edit: stage {} within {} years ({}).",
    suggested_item_unranked: "{}: suggested target, not the city's own, for the consultant to accept or edit: stage {} within {} years ({}); not ranked as an entry point: the city's own targets already give the entry points.",
    entry_aim_suggested: "Today {}; aim first at stage {}. A suggested target, not the city's own: stage {} within {} years, for the consultant to accept or edit. Score {} of 100.",
    suggested_gap_note: "† gap to the suggested target: the city has set no target for this domain, or its own is reached already, so the gap is measured against the advice's suggestion.",
    suggested_gap_mark: "†",
    section_orphans: "Notes for moves no longer in the plan",
    suggested_entry_legend: "† rests on a target the advice suggests, not the city's own: the city has set none for that domain, and the consultant is to accept or edit it.",
    orphans_intro: "The consultant's notes on moves or phases the plan no longer has (the targets or the answers changed since). They are kept as typed: move them to the new plan or delete them.",
    label_assess_first: "To assess first (and to complete where in place in part), in this order:",
    evidence_none: "Evidence: no scored answers yet (every answer is unknown or missing), so no domain has a level.",
    stage1_unassessed: "stage 1 not assessed",
    stage1_under_way: "stage 1 under way",
    own_target_mark: "(the city's own target, alongside the entry points)",
    move_assess_first: ": assess first, a short first step at the start of the phase (1-3 months); what it finds missing is built at the start of the next step, and the plan revised",
    partly_item: "To complete and confirm (partly in place per the answers): {}",
    not_given: "not given (taken as medium until answered)",
    not_given_start_small: " (the start-small advice does not rest on a resource not given)",
    long_horizon: "A horizon over ten years ({}): plans beyond a five-year plan period should be revisited at each new one.",
    stage_partly: "stage {} partly in place",
    then: "; ",
    move_runs: "runs {} to {}",
    move_runs_across: "runs {} to {}, across phases {}-{}",
    move_runs_across_many: "runs {} to {}, across phases {}-{}",
    screen_partly: "complete",
};

const REPORT_ZH: ReportWords = ReportWords {
    section_supports: "支撑建设",
    supports_intro: "切入点所需的基础设施和发展保障，自切入点启动起同步建设（而不是在切入点之前单独成为一个阶段）。",
    label_first: "按以下顺序优先推进：",
    section_notes: "依据",
    notes_intro: "建议中每条规则的来源：来源文件的原文，或本工具自身的约定（已注明）。",
    move_model: "{}（{}）",
    evidence: "证据（有评分回答的指标 / 适用指标）：{}。某一阶段回答达到四分之三后才全额计入，不足时按比例计入（证据不足，属初步判断）；某阶段未回答的指标，按其上一阶段已具备的程度计入。",
    evidence_item: "{} {}/{}",
    weights_convention: "权重为本工具自身的约定，并非来自来源文件：来源文件没有给出排序切入点的公式。",
    suggested_item: "{}：建议目标（并非城市自定，由咨询人员确认或修改）：{} 年内达到阶段{}（{}）。",
    suggested_item_unranked: "{}：建议目标（并非城市自定，由咨询人员确认或修改）：{} 年内达到阶段{}（{}）；未列入切入点排名：城市自定的目标已给出切入点。",
    entry_aim_suggested: "目前 {}；先达到阶段{}。这是建议目标，并非城市自定：{} 年内达到阶段{}，由咨询人员确认或修改。得分 {}（满分 100）。",
    suggested_gap_note: "† 与建议目标的差距：城市尚未为该领域设定目标，或自定目标已经达到，差距按建议目标计算。",
    suggested_gap_mark: "†",
    section_orphans: "已不在规划中的步骤的备注",
    suggested_entry_legend: "† 基于建议目标，并非城市自定：城市尚未为该领域设定目标，由咨询人员确认或修改。",
    orphans_intro: "咨询人员为规划中已不存在的步骤或阶段所作的备注（此后目标或回答有变）。备注按原样保留：请移至新的规划或删除。",
    label_assess_first: "需先核实（已部分具备的则需完善）的指标（按此顺序）：",
    evidence_none: "证据：尚无有评分的回答（所有回答均为不清楚或缺失），因此各领域均无水平。",
    stage1_unassessed: "阶段一未评估",
    stage1_under_way: "阶段一推进中",
    own_target_mark: "（城市自定目标，与切入点同步推进）",
    move_assess_first: "：先核实，作为本期开始时的短期第一步（1-3 个月）；核实发现缺少的部分，在下一步开始时补齐，并相应调整计划",
    partly_item: "待完善并核实（据回答已部分具备）：{}",
    not_given: "未填写（暂按“中”处理）",
    not_given_start_small: "（是否从小切口入手的建议不以未填写的资源条件为依据）",
    long_horizon: "期限超过十年（{}）：超出一个五年规划期的计划，应在每个新的五年规划期重新审视。",
    stage_partly: "阶段{}部分具备",
    then: "；",
    move_runs: "实施时间：{} 至 {}",
    move_runs_across: "实施时间：{} 至 {}，跨第 {}、{} 期",
    move_runs_across_many: "实施时间：{} 至 {}，跨第 {} 至 {} 期",
    screen_partly: "待完善",
};

/// When a move runs, said beside it where its span differs from its
/// phase's: "runs 2022-05-01 to 2025-05-01, across phases 1-2" when it runs
/// on into the phases after the one it starts in.
pub fn move_runs(
    lang: Lang,
    start: chrono::NaiveDate,
    end: chrono::NaiveDate,
    across: Option<(usize, usize)>,
) -> String {
    let w = report_words(lang);
    match across {
        Some((first, last)) if last == first + 1 => {
            fill(w.move_runs_across, &[&start, &end, &first, &last])
        }
        Some((first, last)) => fill(w.move_runs_across_many, &[&start, &end, &first, &last]),
        None => fill(w.move_runs, &[&start, &end]),
    }
}

/// The evidence line of a report: each assessed domain's scored answers
/// over its applicable indicators.
pub fn evidence_line(items: &[(String, usize, usize)], lang: Lang) -> String {
    let w = report_words(lang);
    if items.is_empty() {
        return w.evidence_none.to_string();
    }
    let parts: Vec<String> = items
        .iter()
        .map(|(name, scored, total)| fill(w.evidence_item, &[name, scored, total]))
        .collect();
    let sep = match lang {
        Lang::En => "; ",
        Lang::Zh => "；",
    };
    fill(w.evidence, &[&parts.join(sep)])
}

pub fn report_words(lang: Lang) -> &'static ReportWords {
    match lang {
        Lang::En => &REPORT_EN,
        Lang::Zh => &REPORT_ZH,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What marks wording as China's: its offices, counties and apps.
    const CHINA_ONLY: [&str; 8] = [
        "party secretary",
        "county",
        "mini-program",
        "mini program",
        "书记",
        "县",
        "小程序",
        "在中国",
    ];

    #[test]
    fn the_wording_outside_china_replaces_china_specific_framework_texts_only() {
        let fw = framework();
        for (key, en, zh) in OUTSIDE_CHINA {
            // the framework's own text: an indicator, else a stage aspect
            let own = fw
                .indicator(key)
                .map(|r| r.indicator.text.clone())
                .or_else(|| {
                    let (domain, rest) = key.split_once(".s")?;
                    let (stage, aspect) = rest.split_once('.')?;
                    let domain = fw.domains.iter().find(|d| d.id.as_str() == domain)?;
                    let stage: u8 = stage.parse().ok()?;
                    domain
                        .stages
                        .iter()
                        .find(|s| s.level == stage)?
                        .aspects
                        .get(aspect)
                        .cloned()
                });
            let own = own.unwrap_or_else(|| panic!("{key}: no such framework text"));
            assert!(
                CHINA_ONLY
                    .iter()
                    .any(|w| own.en.contains(w) || own.zh.contains(w)),
                "{key}: the framework's wording is not China's"
            );
            for text in [en, zh] {
                assert!(
                    !CHINA_ONLY.iter().any(|w| text.contains(w)),
                    "{key}: {text}"
                );
            }
            assert_eq!(outside_china(key, Lang::En), Some(en));
            assert_eq!(outside_china(key, Lang::Zh), Some(zh));
        }
        assert_eq!(
            outside_china("services.s1.service_counter_wait", Lang::En),
            None
        );
        // the report's Chinese case named as China's outside China
        let shen = Financing::FirmInvestsGovernmentBuysInInstalments;
        assert!(
            financing_option(shen, Lang::En, true, false)
                .ends_with("(another city's practice: Shen County's)")
        );
        assert!(financing_option(shen, Lang::En, false, false).contains("Shen County's, in China"));
        assert!(
            financing_option(shen, Lang::Zh, false, false).contains("其他城市的做法：中国莘县")
        );
        // in Shen County's own report, its own practice
        assert!(
            financing_option(shen, Lang::En, true, true).contains("this county's own practice")
        );
        assert!(!financing_option(shen, Lang::Zh, true, true).contains("莘县"));
    }

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
            short: vec![Resource::Funding, Resource::Talent, Resource::Technology],
            target: 3,
            next: 2,
        };
        assert_eq!(
            reason(&small, Lang::En),
            "Funding, talent and technology are all short: take this one entry point only, and begin inside it with one small cut; reach stage 2 first, then aim at stage 3."
        );
        assert!(reason(&small, Lang::Zh).starts_with("资金、人才和技术均较为缺失"));
        let narrow = Reason::NarrowScenario {
            short: vec![Resource::Talent],
        };
        assert!(reason(&narrow, Lang::En).starts_with(
            "Talent is short: begin inside this domain with one narrow scenario, a pain point"
        ));
        assert!(reason(&narrow, Lang::Zh).contains("痛点、堵点"));
        let leap = Reason::Leap {
            from: 1,
            to: 3,
            grounds: vec![crate::core::advice::LeapGround::LateMover],
        };
        assert!(
            reason(&leap, Lang::En).contains("late mover"),
            "{}",
            reason(&leap, Lang::En)
        );
        assert!(reason(&leap, Lang::Zh).contains("后发优势"));
        let note = source_note(&crate::core::sources::Rule::StartSmall.source(), Lang::En);
        assert!(
            note.starts_with("World Economic Forum")
                && note.contains("小切口")
                && note.contains("small cut"),
            "{note}"
        );
        let note = source_note(&crate::core::sources::Rule::Weights.source(), Lang::Zh);
        assert!(note.starts_with("（citydx 自身的约定）"), "{note}");
        let spec = Reason::Specialty {
            specialties: vec![Specialty::Agriculture],
            from: 1,
            next: None,
        };
        // the path itself is set out in what changes (the effect), once
        assert!(
            reason(&spec, Lang::En).contains("\"The effect\""),
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
                        missing: vec![crate::core::advice::Need::Time],
                        ..Warning::new(code, vec![DomainId::Services])
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

    #[test]
    fn the_jump_warning_names_no_ground_and_the_late_mover_advantage_is_a_county_reason_of_its_own()
    {
        // the warning is about a horizon too short for the moves: it makes
        // no claim for the report or the county article
        let w = Warning {
            missing: vec![
                crate::core::advice::Need::Time,
                crate::core::advice::Need::Enablers,
            ],
            ..Warning::new(WarningCode::StageSkipping, vec![DomainId::Services])
        };
        let en = warning(&w, &[], Lang::En);
        assert!(!en.contains("late mover") && !en.contains("county"), "{en}");
        assert!(
            en.contains("two years or less") && en.contains("enablers"),
            "{en}"
        );
        let zh = warning(&w, &[], Lang::Zh);
        assert!(!zh.contains("后发优势"), "{zh}");
        // the late mover's advantage is a reason of its own, with its own
        // source (the county article)
        let also = Reason::LeapAlso {
            ground: LeapGround::LateMover,
        };
        assert!(reason(&also, Lang::Zh).contains("后发优势"));
        assert_eq!(also.rule(), crate::core::sources::Rule::LateMover);
    }

    #[test]
    fn showcase_risk_where_nothing_display_type_stands_unused_is_a_risk_to_avoid_not_a_finding() {
        use crate::core::advice::ShowcasePart;
        let outrun = Warning {
            showcase: vec![ShowcasePart {
                basis: ShowcaseBasis::TargetsOutrunEnablers,
                domains: vec![DomainId::Economy],
            }],
            ..Warning::new(WarningCode::ShowcaseRisk, vec![DomainId::Economy])
        };
        let en = warning(&outrun, &[], Lang::En);
        assert!(en.contains("a risk to avoid, not a finding"), "{en}");
        assert!(!en.contains("risk of the"), "{en}");
        assert!(warning(&outrun, &[], Lang::Zh).contains("需要避免的风险"));
        let displayed = Warning {
            showcase: vec![ShowcasePart {
                basis: ShowcaseBasis::DisplayWithoutOperation,
                domains: vec![DomainId::Economy],
            }],
            ..outrun.clone()
        };
        let en = warning(&displayed, &[], Lang::En);
        assert!(en.contains("risk of the"), "{en}");
        assert!(!en.contains("not a finding"), "{en}");
    }

    #[test]
    fn a_county_plan_reads_county_wide_not_city_wide() {
        assert_eq!(
            for_county("已发布覆盖全市的数字化转型规划。", Lang::Zh),
            "已发布覆盖全县的数字化转型规划。"
        );
        assert!(for_county("A city-wide plan", Lang::En).contains("county-wide"));
        // the work line states the situation to reach, not a fact
        assert!(work_line("x", "y", Lang::Zh).starts_with("工作（应达到的状态）："));
    }

    #[test]
    fn english_evidence_gives_a_quoted_chinese_passage_way_to_its_rendering() {
        assert_eq!(
            english_only(
                "the data are visualised '利用大屏指挥中心进行数据展示' (shown on the big-screen command centre)"
            ),
            "the data are visualised 'shown on the big-screen command centre'"
        );
        assert_eq!(
            english_only("called '感智汇', a platform"),
            "called, a platform"
        );
        assert_eq!(
            english_only("the 'smart lotus root' programme"),
            "the 'smart lotus root' programme"
        );
    }
}
