//! The words of [`EditError`]: why an edit was refused, in both languages.

use crate::core::Lang;
use crate::core::limits::*;
use crate::core::ops::EditError;
use crate::text::fill;

struct EditStrings {
    no_such_assessment: &'static str,
    no_such_respondent: &'static str,
    bad_id: &'static str,
    id_taken: &'static str,
    stage_range: &'static str,
    horizon_range: &'static str,
    target_year_range: &'static str,
    no_target: &'static str,
    importance_range: &'static str,
    override_range: &'static str,
    override_reason: &'static str,
    not_a_phase: &'static str,
    not_a_move: &'static str,
    not_in_move: &'static str,
    too_long: &'static str,
    end_before_start: &'static str,
    name_required: &'static str,
    not_assumable: &'static str,
    read_only: &'static str,
    settle_reason: &'static str,
    unknown_country: &'static str,
    only_assessment: &'static str,
    no_override: &'static str,
    plan_before: &'static str,
    plan_beyond: &'static str,
    plan_order: &'static str,
    no_questionnaire: &'static str,
    no_such_dispute: &'static str,
    cannot_take_theirs: &'static str,
}

const EN: EditStrings = EditStrings {
    no_such_assessment: "no assessment with id {} in this profile",
    no_such_respondent: "no respondent with id {} in this assessment",
    bad_id: "{:?} is not an id (a UUID in lowercase)",
    id_taken: "the id {} is already used in this profile",
    stage_range: "the target stage is {}; it must be {} to {}",
    horizon_range: "the horizon is {} years; it must be {} to {}",
    target_year_range: "the target year is {}; it must be {} to {}",
    no_target: "set a target stage for {} first",
    importance_range: "the importance is {}; it must be {} to {}",
    override_range: "the level is {}; it must be {} to {}",
    override_reason: "an assessor's level needs a reason",
    not_a_phase: "{} is not a phase number (1, 2, ...)",
    not_a_move: "stage {} to stage {} is not a move of the plan (from a lower stage to stage 1, 2 or 3)",
    not_in_move: "{} is not part of the work of move {}",
    too_long: "the text is {} characters long; the most is {}",
    end_before_start: "the phase would end ({}) before it starts ({})",
    name_required: "a name is required",
    not_assumable: "{} is not a city fact that can be marked as assumed",
    read_only: "the profile was written by a newer citydx (schema version {}); it is read-only",
    settle_reason: "an agreed answer needs who settled it and why",
    unknown_country: "{} is not a country code of ISO 3166-1 (choose the country from the list)",
    only_assessment: "this is the profile's only assessment; a profile keeps at least one",
    no_override: "the earlier assessment has no assessor's level for {}",
    plan_before: "the plan date {} is before the assessment's date ({})",
    plan_beyond: "the plan date {} is beyond the target's horizon (the end of {})",
    plan_order: "the plan is out of order: {} would start before {}, which comes before it",
    no_questionnaire: "no questionnaire with the token {} was issued for this assessment",
    no_such_dispute: "no dispute on {} to settle",
    cannot_take_theirs: "the other version's value of {} cannot be taken here; keep this one, or edit it",
};

const ZH: EditStrings = EditStrings {
    no_such_assessment: "本档案中没有 id 为 {} 的评估",
    no_such_respondent: "本次评估中没有 id 为 {} 的受访者",
    bad_id: "{:?} 不是有效的 id（应为小写的 UUID）",
    id_taken: "id {} 已在本档案中使用",
    stage_range: "目标阶段为 {}，应在 {} 到 {} 之间",
    horizon_range: "期限为 {} 年，应在 {} 到 {} 年之间",
    target_year_range: "目标年份为 {}，应在 {} 到 {} 之间",
    no_target: "请先为{}设定目标阶段",
    importance_range: "重要性为 {}，应在 {} 到 {} 之间",
    override_range: "水平为 {}，应在 {} 到 {} 之间",
    override_reason: "评估者自定的水平须注明理由",
    not_a_phase: "{} 不是阶段编号（1、2……）",
    not_a_move: "从阶段{}到阶段{}不是规划中的一步（须从较低阶段到阶段一、二或三）",
    not_in_move: "{} 不属于规划步骤 {} 的工作",
    too_long: "文字长 {} 个字符，最多 {} 个",
    end_before_start: "该阶段的结束日期（{}）早于开始日期（{}）",
    name_required: "名称不能为空",
    not_assumable: "{} 不是可标记为假设的城市信息",
    read_only: "该档案由较新版本的 citydx 写入（schema 版本 {}），只读",
    settle_reason: "议定的答案须注明由谁议定及理由",
    unknown_country: "{} 不是 ISO 3166-1 国家代码（请从列表中选择国家）",
    only_assessment: "这是该档案唯一的评估；档案至少保留一次评估",
    no_override: "上一次评估没有为{}自定水平",
    plan_before: "规划日期 {} 早于评估日期（{}）",
    plan_beyond: "规划日期 {} 超出目标期限（{} 年底）",
    plan_order: "规划顺序不对：{} 将早于排在它前面的 {} 开始",
    no_questionnaire: "本次评估没有发出令牌为 {} 的问卷",
    no_such_dispute: "{} 没有待解决的分歧",
    cannot_take_theirs: "无法在此采用另一版本中 {} 的值；请保留当前值，或直接修改",
};

/// Why `error`'s edit was refused, in `lang`.
pub fn message(error: &EditError, lang: Lang) -> String {
    let s = match lang {
        Lang::En => &EN,
        Lang::Zh => &ZH,
    };
    match error {
        EditError::NoSuchAssessment(id) => fill(s.no_such_assessment, &[id]),
        EditError::NoSuchRespondent(id) => fill(s.no_such_respondent, &[id]),
        EditError::BadId(id) => s.bad_id.replace("{:?}", &format!("{id:?}")),
        EditError::IdTaken(id) => fill(s.id_taken, &[id]),
        EditError::StageOutOfRange(n) => fill(s.stage_range, &[n, &MIN_STAGE, &MAX_STAGE]),
        EditError::HorizonOutOfRange(n) => fill(
            s.horizon_range,
            &[n, &MIN_HORIZON_YEARS, &MAX_HORIZON_YEARS],
        ),
        EditError::TargetYearOutOfRange(n) => fill(
            s.target_year_range,
            &[n, &MIN_TARGET_YEAR, &MAX_TARGET_YEAR],
        ),
        EditError::NoTarget(domain) => {
            let name = crate::core::framework().domain(*domain).name.get(lang);
            fill(s.no_target, &[&name])
        }
        EditError::ImportanceOutOfRange(n) => {
            fill(s.importance_range, &[n, &MIN_IMPORTANCE, &MAX_IMPORTANCE])
        }
        EditError::OverrideLevelOutOfRange(x) => fill(
            s.override_range,
            &[
                x,
                &format!("{MIN_OVERRIDE_LEVEL:.1}"),
                &format!("{MAX_OVERRIDE_LEVEL:.1}"),
            ],
        ),
        EditError::OverrideNeedsReason => s.override_reason.to_string(),
        EditError::NotAPhase(p) => fill(s.not_a_phase, &[&format!("{p:?}")]),
        EditError::NotAMove { from, to } => fill(s.not_a_move, &[from, to]),
        EditError::NotInMove { indicator, key } => fill(s.not_in_move, &[indicator, key]),
        EditError::TooLong(n) => fill(s.too_long, &[n, &crate::core::limits::MAX_PLAN_TEXT]),
        EditError::EndBeforeStart { start, end } => fill(s.end_before_start, &[end, start]),
        EditError::NameRequired => s.name_required.to_string(),
        EditError::NotAssumable(f) => fill(s.not_assumable, &[&format!("{f:?}")]),
        EditError::ReadOnly(v) => fill(s.read_only, &[v]),
        EditError::SettleNeedsReason => s.settle_reason.to_string(),
        EditError::UnknownCountry(c) => fill(s.unknown_country, &[&format!("{c:?}")]),
        EditError::OnlyAssessment => s.only_assessment.to_string(),
        EditError::NoOverride(domain) => {
            let name = crate::core::framework().domain(*domain).name.get(lang);
            fill(s.no_override, &[&name])
        }
        EditError::PlanBeforeAssessment { date, assessed } => {
            fill(s.plan_before, &[date, assessed])
        }
        EditError::PlanBeyondHorizon { date, year } => fill(s.plan_beyond, &[date, year]),
        EditError::PlanOutOfOrder { earlier, later } => fill(s.plan_order, &[later, earlier]),
        EditError::NoSuchQuestionnaire(t) => fill(s.no_questionnaire, &[t]),
        EditError::NoSuchDispute(f) => fill(s.no_such_dispute, &[f]),
        EditError::CannotTakeTheirs(f) => fill(s.cannot_take_theirs, &[f]),
    }
}
