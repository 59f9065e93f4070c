//! The command line's own messages (its failures, its usage problems and
//! its warnings), in both languages. What follows one of them after a colon
//! may come from the operating system or the JSON parser (exempt, see the
//! README's "Languages").

use crate::core::Lang;

#[derive(Debug)]
pub struct CliStrings {
    /// CITYDX_PROFILES is set but empty.
    pub env_empty: &'static str,
    /// compare --assessments with other than one id: the number given.
    pub compare_one_id: &'static str,
    /// compare with too few or too many ids: min, max, given, hint.
    pub compare_count: &'static str,
    /// Added to `compare_count` when one id is given.
    pub compare_count_hint: &'static str,
    /// An id given twice to compare.
    pub compare_twice: &'static str,
    /// Where to read the usage of `compare`.
    pub compare_usage: &'static str,
    /// A profile with a problem: id, problem.
    pub fix_first: &'static str,
    /// A report of a profile without an assessment: id.
    pub report_needs_assessment: &'static str,
    /// A comparison of a profile without an assessment: id.
    pub compare_needs_assessment: &'static str,
    /// A timeline of one assessment: id, count.
    pub timeline_needs_two: &'static str,
    /// `--assessment 0`.
    pub assessment_from_one: &'static str,
    /// `--assessment N` beyond the last: id, count, N.
    pub assessment_beyond: &'static str,
    /// `--assessment X`: too short for an id: X, the minimum.
    pub assessment_too_short: &'static str,
    /// No assessment id starts with X: id, X.
    pub assessment_no_match: &'static str,
    /// Several assessment ids start with X: X, how many, id.
    pub assessment_ambiguous: &'static str,
    /// `validate`'s warning: id is a reserved device name on Windows.
    pub reserved_on_windows: &'static str,
    /// Any other failure (writing the output, reading the folder): the
    /// cause from the operating system or the JSON parser follows.
    pub failed: &'static str,
    /// A panic: where, the cause.
    pub internal_error: &'static str,
}

pub static EN: CliStrings = CliStrings {
    env_empty: "the environment variable CITYDX_PROFILES is set but empty; set it to the profiles folder, or unset it to use the default folder",
    compare_one_id: "compare --assessments takes one profile id (that city's assessments are compared over time); {} given",
    compare_count: "compare takes {} to {} profile ids; {} given{}",
    compare_count_hint: " (to compare one city's assessments over time, add --assessments)",
    compare_twice: "compare: profile id {} is given twice",
    compare_usage: "; see `citydx compare --help`",
    fix_first: "profile {}: {}; fix it first (`citydx validate` lists every problem)",
    report_needs_assessment: "profile {} has no assessment yet; a report needs one (start one with `a` on the home screen)",
    compare_needs_assessment: "profile {} has no assessment yet; a comparison needs one for each city (start one with `a` on the home screen)",
    timeline_needs_two: "profile {} has {} assessment; comparing it over time needs at least 2 (add one with `a` on the home screen)",
    assessment_from_one: "--assessment counts from 1",
    assessment_beyond: "profile {} has {} assessment(s); there is no assessment {}",
    assessment_too_short: "--assessment {}: not a number, and too short for an assessment id (give at least {} characters)",
    assessment_no_match: "profile {} has no assessment whose id starts with {}",
    assessment_ambiguous: "--assessment {}: {} assessments of profile {} have ids starting with it; give more characters",
    reserved_on_windows: "id {} is a reserved device name on Windows: the file cannot be opened there; rename the profile",
    failed: "the command could not finish: {}",
    internal_error: "internal error{}: {} (please report it; no data was written by this error)",
};

pub static ZH: CliStrings = CliStrings {
    env_empty: "环境变量 CITYDX_PROFILES 已设置但为空；请设为档案文件夹，或取消设置以使用默认文件夹",
    compare_one_id: "compare --assessments 只接受一个档案 id（比较该城市不同时间的评估）；给出了 {} 个",
    compare_count: "compare 接受 {} 至 {} 个档案 id；给出了 {} 个{}",
    compare_count_hint: "（如要比较一个城市不同时间的评估，请加上 --assessments）",
    compare_twice: "compare：档案 id {} 重复给出",
    compare_usage: "；用法见 `citydx compare --help`",
    fix_first: "档案 {}：{}；请先修正（`citydx validate` 会列出所有问题）",
    report_needs_assessment: "档案 {} 还没有评估；报告需要一次评估（在首页按 `a` 开始）",
    compare_needs_assessment: "档案 {} 还没有评估；比较需要每个城市各有一次评估（在首页按 `a` 开始）",
    timeline_needs_two: "档案 {} 只有 {} 次评估；按时间比较至少需要 2 次（在首页按 `a` 新增）",
    assessment_from_one: "--assessment 从 1 开始计数",
    assessment_beyond: "档案 {} 有 {} 次评估；没有第 {} 次评估",
    assessment_too_short: "--assessment {}：不是数字，作为评估 id 又太短（至少给出 {} 个字符）",
    assessment_no_match: "档案 {} 没有以 {} 开头的评估 id",
    assessment_ambiguous: "--assessment {}：有 {} 次评估的 id 以它开头（档案 {}）；请多给几个字符",
    reserved_on_windows: "id {} 是 Windows 的保留设备名：该文件在 Windows 上无法打开；请重命名档案",
    failed: "命令未能完成：{}",
    internal_error: "内部错误{}：{}（请报告此问题；此错误没有写入任何数据）",
};

pub fn strings(lang: Lang) -> &'static CliStrings {
    match lang {
        Lang::En => &EN,
        Lang::Zh => &ZH,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages_fill_the_same_placeholders() {
        let en = format!("{EN:?}");
        let zh = format!("{ZH:?}");
        let count = |t: &str| -> Vec<usize> {
            t.split("\", ")
                .map(|field| field.matches("{}").count())
                .collect()
        };
        assert_eq!(count(&en), count(&zh));
        assert!(en.contains("{}") && zh.contains("{}"));
    }
}
