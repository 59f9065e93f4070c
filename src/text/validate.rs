//! The words of `validate`: what makes a profile invalid
//! ([`Problem`]), what is worth saying about a sound one ([`Warning`]) and
//! why a string is not an id ([`IdError`]), in both languages. JSON paths
//! (`assessments[1].targets.services.stage`), ids and values are printed as
//! they are in the file.

use crate::core::Lang;
use crate::core::id::IdError;
use crate::core::profile::ASSUMABLE_FIELDS;
use crate::core::validate::{Problem, Warning};
use crate::text::fill;

struct ValidateStrings {
    id_empty: &'static str,
    id_too_long: &'static str,
    id_path_chars: &'static str,
    id_bad_char: &'static str,
    id_edge_dash: &'static str,
    no_id: &'static str,
    bad_id: &'static str,
    no_city_name: &'static str,
    not_assumable: &'static str,
    /// Between the fields a list names.
    list_sep: &'static str,
    bad_assessment_id: &'static str,
    repeated_assessment_id: &'static str,
    stage: &'static str,
    horizon: &'static str,
    target_year: &'static str,
    importance: &'static str,
    override_level: &'static str,
    override_reason: &'static str,
    not_a_phase: &'static str,
    phase_end: &'static str,
    not_a_move: &'static str,
    move_end: &'static str,
    respondent_unnamed: &'static str,
    bad_respondent_id: &'static str,
    repeated_respondent_id: &'static str,
    not_a_token: &'static str,
    disputes: &'static str,
    country: &'static str,
    plan_date: &'static str,
    unknown_indicator: &'static str,
    voice: &'static str,
    questionnaire: &'static str,
    /// `validate`'s line: the file, then what was found in it.
    at: &'static str,
}

const EN: ValidateStrings = ValidateStrings {
    id_empty: "the id is empty",
    id_too_long: "the id is {} characters long, more than {}",
    id_path_chars: "the id must not contain path separators, '..' or NUL",
    id_bad_char: "the id may hold only lowercase ASCII letters, digits and '-', not {}",
    id_edge_dash: "the id must not start or end with '-'",
    no_id: "no id, and none can be derived from the English name",
    bad_id: "id {}: {}",
    no_city_name: "city.name: the city has no name in either language",
    not_assumable: "city.assumed: {} is not one of {}",
    list_sep: ", ",
    bad_assessment_id: "assessments[{}].id {}: {}",
    repeated_assessment_id: "assessments[{}].id {} is the id of an earlier assessment",
    stage: "assessments[{}].targets.{}.stage is {}, not {} to {}",
    horizon: "assessments[{}].targets.{}.horizon_years is {}, not {} to {}",
    target_year: "assessments[{}].targets.{}.target_year is {}, not {} to {}",
    importance: "assessments[{}].importance.{} is {}, not {} to {}",
    override_level: "assessments[{}].overrides.{}.level is {}, not {} to {}",
    override_reason: "assessments[{}].overrides.{} gives no reason",
    not_a_phase: "assessments[{}].plan: {} is not a phase number",
    phase_end: "assessments[{}].plan.{}: ends before it starts",
    not_a_move: "assessments[{}].plan_moves: {} is not a move (domain:from-to)",
    move_end: "assessments[{}].plan_moves.{}: ends before it starts",
    respondent_unnamed: "assessments[{}].respondents[{}] has no name",
    bad_respondent_id: "assessments[{}].respondents[{}].id {}: {}",
    repeated_respondent_id: "assessments[{}].respondents[{}].id {} is the id of an earlier respondent",
    not_a_token: "assessments[{}].questionnaires: {} is not a questionnaire token (a lowercase UUID)",
    disputes: "disputes: {} value(s) two merged versions disagree on, ours kept, to settle",
    country: "city.country: {} is not an ISO 3166-1 code (kept; choose the country from the list in the interface)",
    plan_date: "assessments[{}].plan: {}",
    unknown_indicator: "assessments[{}].answers: unknown indicator {} (kept, not scored)",
    voice: "assessments[{}].answers.{}.voices: no respondent {} in this assessment (kept)",
    questionnaire: "assessments[{}].questionnaires.{}: no respondent {} in this assessment (kept; its file cannot be imported)",
    at: "{}: {}",
};

const ZH: ValidateStrings = ValidateStrings {
    id_empty: "编号为空",
    id_too_long: "编号长 {} 个字符，超过上限 {} 个",
    id_path_chars: "编号不能包含路径分隔符、'..' 或 NUL",
    id_bad_char: "编号只能包含小写 ASCII 字母、数字和 '-'，不能有 {}",
    id_edge_dash: "编号不能以 '-' 开头或结尾",
    no_id: "没有编号，也无法从英文名称推导出编号",
    bad_id: "编号 {}：{}",
    no_city_name: "city.name：城市在两种语言中都没有名称",
    not_assumable: "city.assumed：{} 不是可标记为假设的城市信息（可选：{}）",
    list_sep: "、",
    bad_assessment_id: "assessments[{}].id {}：{}",
    repeated_assessment_id: "assessments[{}].id {} 与前面一次评估的编号重复",
    stage: "assessments[{}].targets.{}.stage 为 {}，应在 {} 到 {} 之间",
    horizon: "assessments[{}].targets.{}.horizon_years 为 {}，应在 {} 到 {} 之间",
    target_year: "assessments[{}].targets.{}.target_year 为 {}，应在 {} 到 {} 之间",
    importance: "assessments[{}].importance.{} 为 {}，应在 {} 到 {} 之间",
    override_level: "assessments[{}].overrides.{}.level 为 {}，应在 {} 到 {} 之间",
    override_reason: "assessments[{}].overrides.{} 没有注明理由",
    not_a_phase: "assessments[{}].plan：{} 不是阶段编号",
    phase_end: "assessments[{}].plan.{}：结束日期早于开始日期",
    not_a_move: "assessments[{}].plan_moves：{} 不是规划步骤（格式应为“领域:起始阶段-目标阶段”）",
    move_end: "assessments[{}].plan_moves.{}：结束日期早于开始日期",
    respondent_unnamed: "assessments[{}].respondents[{}] 没有姓名",
    bad_respondent_id: "assessments[{}].respondents[{}].id {}：{}",
    repeated_respondent_id: "assessments[{}].respondents[{}].id {} 与前面一位受访者的编号重复",
    not_a_token: "assessments[{}].questionnaires：{} 不是问卷令牌（应为小写的 UUID）",
    disputes: "disputes：合并的两个版本有 {} 处取值不一致，暂保留本方的值，待解决",
    country: "city.country：{} 不是 ISO 3166-1 国家代码（已保留；请在界面的列表中选择国家）",
    plan_date: "assessments[{}].plan：{}",
    unknown_indicator: "assessments[{}].answers：未知指标 {}（已保留，不计分）",
    voice: "assessments[{}].answers.{}.voices：本次评估中没有受访者 {}（已保留）",
    questionnaire: "assessments[{}].questionnaires.{}：本次评估中没有受访者 {}（已保留；其文件无法导入）",
    at: "{}：{}",
};

fn strings(lang: Lang) -> &'static ValidateStrings {
    match lang {
        Lang::En => &EN,
        Lang::Zh => &ZH,
    }
}

/// A value as the file holds it, quoted and escaped (`"Shen County"`).
fn quoted(text: &str) -> String {
    format!("{text:?}")
}

/// `validate`'s report on one file: `file`, then `found` in it.
pub fn at(file: &str, found: &str, lang: Lang) -> String {
    fill(strings(lang).at, &[&file, &found])
}

/// Why a string is not an id, in `lang`.
pub fn id_error(error: &IdError, lang: Lang) -> String {
    let s = strings(lang);
    match error {
        IdError::Empty => s.id_empty.to_string(),
        IdError::TooLong(n) => fill(s.id_too_long, &[n, &crate::core::id::MAX_ID_LEN]),
        IdError::PathChars => s.id_path_chars.to_string(),
        IdError::BadChar(c) => fill(s.id_bad_char, &[&format!("{c:?}")]),
        IdError::EdgeDash => s.id_edge_dash.to_string(),
    }
}

/// What makes a profile invalid, in `lang`.
pub fn problem(problem: &Problem, lang: Lang) -> String {
    let s = strings(lang);
    match problem {
        Problem::NoId => s.no_id.to_string(),
        Problem::BadId { id, why } => fill(s.bad_id, &[&quoted(id), &id_error(why, lang)]),
        Problem::NoCityName => s.no_city_name.to_string(),
        Problem::NotAssumable { field } => fill(
            s.not_assumable,
            &[&quoted(field), &ASSUMABLE_FIELDS.join(s.list_sep)],
        ),
        Problem::BadAssessmentId {
            assessment,
            id,
            why,
        } => fill(
            s.bad_assessment_id,
            &[assessment, &quoted(id), &id_error(why, lang)],
        ),
        Problem::RepeatedAssessmentId { assessment, id } => {
            fill(s.repeated_assessment_id, &[assessment, &quoted(id)])
        }
        Problem::Stage {
            assessment,
            domain,
            stage,
            min,
            max,
        } => fill(s.stage, &[assessment, domain, stage, min, max]),
        Problem::Horizon {
            assessment,
            domain,
            years,
            min,
            max,
        } => fill(s.horizon, &[assessment, domain, years, min, max]),
        Problem::TargetYear {
            assessment,
            domain,
            year,
            min,
            max,
        } => fill(s.target_year, &[assessment, domain, year, min, max]),
        Problem::Importance {
            assessment,
            domain,
            importance,
            min,
            max,
        } => fill(s.importance, &[assessment, domain, importance, min, max]),
        Problem::OverrideLevel {
            assessment,
            domain,
            level,
            min,
            max,
        } => fill(
            s.override_level,
            &[
                assessment,
                domain,
                level,
                &format!("{min:.1}"),
                &format!("{max:.1}"),
            ],
        ),
        Problem::OverrideReason { assessment, domain } => {
            fill(s.override_reason, &[assessment, domain])
        }
        Problem::NotAPhase { assessment, phase } => {
            fill(s.not_a_phase, &[assessment, &quoted(phase)])
        }
        Problem::PhaseEndsBeforeStart { assessment, phase } => {
            fill(s.phase_end, &[assessment, phase])
        }
        Problem::NotAMove { assessment, key } => fill(s.not_a_move, &[assessment, &quoted(key)]),
        Problem::MoveEndsBeforeStart { assessment, key } => fill(s.move_end, &[assessment, key]),
        Problem::RespondentUnnamed {
            assessment,
            respondent,
        } => fill(s.respondent_unnamed, &[assessment, respondent]),
        Problem::BadRespondentId {
            assessment,
            respondent,
            id,
            why,
        } => fill(
            s.bad_respondent_id,
            &[assessment, respondent, &quoted(id), &id_error(why, lang)],
        ),
        Problem::RepeatedRespondentId {
            assessment,
            respondent,
            id,
        } => fill(
            s.repeated_respondent_id,
            &[assessment, respondent, &quoted(id)],
        ),
        Problem::NotAToken { assessment, token } => {
            fill(s.not_a_token, &[assessment, &quoted(token)])
        }
    }
}

/// What is worth saying about a sound profile, in `lang`.
pub fn warning(warning: &Warning, lang: Lang) -> String {
    let s = strings(lang);
    match warning {
        Warning::Disputes { count } => fill(s.disputes, &[count]),
        Warning::NotACountryCode { country } => fill(s.country, &[&quoted(country)]),
        Warning::PlanDate { assessment, error } => {
            fill(s.plan_date, &[assessment, &error.message(lang)])
        }
        Warning::UnknownIndicator {
            assessment,
            indicator,
        } => fill(s.unknown_indicator, &[assessment, &quoted(indicator)]),
        Warning::VoiceOfNoRespondent {
            assessment,
            indicator,
            respondent,
        } => fill(s.voice, &[assessment, indicator, &quoted(respondent)]),
        Warning::QuestionnaireOfNoRespondent {
            assessment,
            token,
            respondent,
        } => fill(s.questionnaire, &[assessment, token, &quoted(respondent)]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::framework::DomainId;
    use crate::core::ops::EditError;
    use chrono::NaiveDate;

    /// Each variant with the English `validate` printed before it was
    /// typed (byte for byte: scripts and tests compare it).
    #[test]
    fn the_english_is_what_it_was() {
        use DomainId::{Economy, Services};
        let cases: Vec<(Problem, &str)> = vec![
            (
                Problem::NoId,
                "no id, and none can be derived from the English name",
            ),
            (
                Problem::BadId {
                    id: "Shen County".into(),
                    why: IdError::BadChar('S'),
                },
                "id \"Shen County\": the id may hold only lowercase ASCII letters, digits and '-', not 'S'",
            ),
            (
                Problem::NoCityName,
                "city.name: the city has no name in either language",
            ),
            (
                Problem::NotAssumable {
                    field: "mayor".into(),
                },
                "city.assumed: \"mayor\" is not one of country, region, population, population_kind, specialties, constraints.funding, constraints.talent, constraints.technology",
            ),
            (
                Problem::BadAssessmentId {
                    assessment: 1,
                    id: "a-".into(),
                    why: IdError::EdgeDash,
                },
                "assessments[1].id \"a-\": the id must not start or end with '-'",
            ),
            (
                Problem::RepeatedAssessmentId {
                    assessment: 2,
                    id: "a1".into(),
                },
                "assessments[2].id \"a1\" is the id of an earlier assessment",
            ),
            (
                Problem::Stage {
                    assessment: 1,
                    domain: Services,
                    stage: 9,
                    min: 1,
                    max: 3,
                },
                "assessments[1].targets.services.stage is 9, not 1 to 3",
            ),
            (
                Problem::Horizon {
                    assessment: 1,
                    domain: Services,
                    years: 40,
                    min: 1,
                    max: 30,
                },
                "assessments[1].targets.services.horizon_years is 40, not 1 to 30",
            ),
            (
                Problem::TargetYear {
                    assessment: 1,
                    domain: Services,
                    year: 1999,
                    min: 2000,
                    max: 2100,
                },
                "assessments[1].targets.services.target_year is 1999, not 2000 to 2100",
            ),
            (
                Problem::Importance {
                    assessment: 1,
                    domain: Economy,
                    importance: 7,
                    min: 1,
                    max: 5,
                },
                "assessments[1].importance.economy is 7, not 1 to 5",
            ),
            (
                Problem::OverrideLevel {
                    assessment: 1,
                    domain: Economy,
                    level: 3.5,
                    min: 0.0,
                    max: 3.0,
                },
                "assessments[1].overrides.economy.level is 3.5, not 0.0 to 3.0",
            ),
            (
                Problem::OverrideReason {
                    assessment: 1,
                    domain: Economy,
                },
                "assessments[1].overrides.economy gives no reason",
            ),
            (
                Problem::NotAPhase {
                    assessment: 1,
                    phase: "x".into(),
                },
                "assessments[1].plan: \"x\" is not a phase number",
            ),
            (
                Problem::PhaseEndsBeforeStart {
                    assessment: 1,
                    phase: "1".into(),
                },
                "assessments[1].plan.1: ends before it starts",
            ),
            (
                Problem::NotAMove {
                    assessment: 1,
                    key: "bad".into(),
                },
                "assessments[1].plan_moves: \"bad\" is not a move (domain:from-to)",
            ),
            (
                Problem::MoveEndsBeforeStart {
                    assessment: 1,
                    key: "economy:1-2".into(),
                },
                "assessments[1].plan_moves.economy:1-2: ends before it starts",
            ),
            (
                Problem::RespondentUnnamed {
                    assessment: 1,
                    respondent: 2,
                },
                "assessments[1].respondents[2] has no name",
            ),
            (
                Problem::BadRespondentId {
                    assessment: 1,
                    respondent: 1,
                    id: String::new(),
                    why: IdError::Empty,
                },
                "assessments[1].respondents[1].id \"\": the id is empty",
            ),
            (
                Problem::RepeatedRespondentId {
                    assessment: 1,
                    respondent: 2,
                    id: "r".into(),
                },
                "assessments[1].respondents[2].id \"r\" is the id of an earlier respondent",
            ),
            (
                Problem::NotAToken {
                    assessment: 1,
                    token: "t".into(),
                },
                "assessments[1].questionnaires: \"t\" is not a questionnaire token (a lowercase UUID)",
            ),
        ];
        for (problem, english) in &cases {
            assert_eq!(problem.message(Lang::En), *english);
            assert_eq!(problem.to_string(), *english);
        }
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let warnings: Vec<(Warning, &str)> = vec![
            (
                Warning::Disputes { count: 2 },
                "disputes: 2 value(s) two merged versions disagree on, ours kept, to settle",
            ),
            (
                Warning::NotACountryCode {
                    country: "China".into(),
                },
                "city.country: \"China\" is not an ISO 3166-1 code (kept; choose the country from the list in the interface)",
            ),
            (
                Warning::PlanDate {
                    assessment: 1,
                    error: EditError::PlanBeforeAssessment {
                        date: day(2021, 1, 1),
                        assessed: day(2022, 5, 1),
                    },
                },
                "assessments[1].plan: the plan date 2021-01-01 is before the assessment's date (2022-05-01)",
            ),
            (
                Warning::UnknownIndicator {
                    assessment: 1,
                    indicator: "economy.s9.x".into(),
                },
                "assessments[1].answers: unknown indicator \"economy.s9.x\" (kept, not scored)",
            ),
            (
                Warning::VoiceOfNoRespondent {
                    assessment: 1,
                    indicator: "economy.s1.x".into(),
                    respondent: "nobody".into(),
                },
                "assessments[1].answers.economy.s1.x.voices: no respondent \"nobody\" in this assessment (kept)",
            ),
            (
                Warning::QuestionnaireOfNoRespondent {
                    assessment: 1,
                    token: "tok".into(),
                    respondent: "nobody".into(),
                },
                "assessments[1].questionnaires.tok: no respondent \"nobody\" in this assessment (kept; its file cannot be imported)",
            ),
        ];
        for (warning, english) in &warnings {
            assert_eq!(warning.message(Lang::En), *english);
            assert_eq!(warning.to_string(), *english);
        }
        for (error, english) in [
            (IdError::Empty, "the id is empty"),
            (
                IdError::TooLong(65),
                "the id is 65 characters long, more than 64",
            ),
            (
                IdError::PathChars,
                "the id must not contain path separators, '..' or NUL",
            ),
            (
                IdError::BadChar(' '),
                "the id may hold only lowercase ASCII letters, digits and '-', not ' '",
            ),
            (IdError::EdgeDash, "the id must not start or end with '-'"),
        ] {
            assert_eq!(error.to_string(), english);
        }
        assert_eq!(at("/p/x.json", "found", Lang::En), "/p/x.json: found");
        assert_eq!(at("/p/x.json", "问题", Lang::Zh), "/p/x.json：问题");
    }

    #[test]
    fn a_warning_is_worded_in_the_language_asked_for() {
        let w = Warning::PlanDate {
            assessment: 2,
            error: EditError::PlanOutOfOrder {
                earlier: "1".into(),
                later: "2".into(),
            },
        };
        assert_eq!(
            w.message(Lang::Zh),
            "assessments[2].plan：规划顺序不对：2 将早于排在它前面的 1 开始"
        );
    }
}
