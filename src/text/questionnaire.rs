//! The words of the questionnaire round trip (`citydx questionnaire export
//! | import`): the spreadsheet's sheets, headings and instructions, and
//! the command's messages, in both languages.

use crate::core::Lang;
use crate::core::questionnaire::{Refusal, TokenProblem};

pub struct QuestionnaireStrings {
    /// The sheet of questions.
    pub sheet_questions: &'static str,
    /// The sheet of instructions.
    pub sheet_instructions: &'static str,
    pub col_id: &'static str,
    pub col_domain: &'static str,
    pub col_stage: &'static str,
    pub col_indicator: &'static str,
    pub col_answer: &'static str,
    pub col_note: &'static str,
    /// "Stage {}".
    pub stage: &'static str,
    /// The instructions' title: city.
    pub title: &'static str,
    /// Who it is for: respondent, assessment number, date.
    pub for_whom: &'static str,
    /// The instructions, one paragraph a line.
    pub instructions: &'static [&'static str],
    /// The five answers explained: heading.
    pub answers_title: &'static str,
    /// The five answers, in the drop-down's order.
    pub answer_help: [&'static str; 5],
    /// The drop-down's error: title (at most 32 characters) and message.
    pub invalid_title: &'static str,
    pub invalid_message: &'static str,
    /// The drop-down's prompt: title and message.
    pub prompt_title: &'static str,
    pub prompt_message: &'static str,

    /// Written: rows, respondent, file.
    pub written: &'static str,
    /// An existing file, not replaced: the file.
    pub exists: &'static str,
    /// An unknown domain in --domains: what was given, the seven ids.
    pub bad_domain: &'static str,
    /// Import refused: the file, the cause.
    pub refused_file: &'static str,
    /// Causes for refusing a whole file.
    pub too_large: &'static str,
    pub unzipped_too_large: &'static str,
    pub not_xlsx: &'static str,
    pub not_ours: &'static str,
    pub meta_missing: &'static str,
    pub meta_formula: &'static str,
    pub columns_moved: &'static str,
    pub not_regular: &'static str,
    pub no_profile: &'static str,
    /// The token belongs to another profile: that profile's id, the file's.
    pub other_profile: &'static str,
    pub no_assessment: &'static str,
    pub other_assessment: &'static str,
    pub other_respondent: &'static str,
    pub not_issued: &'static str,
    pub respondent_gone: &'static str,
    /// The import's heading: file, respondent, city, assessment number, date.
    pub read_heading: &'static str,
    /// Counts: rows, changed, unchanged, blank, refused, conflicts.
    pub counts: &'static str,
    pub tag_changed: &'static str,
    pub tag_refused: &'static str,
    pub tag_conflict: &'static str,
    /// A row: row number, indicator.
    pub row: &'static str,
    /// Changed from one answer to another: from, to.
    pub change: &'static str,
    /// A new answer: the answer.
    pub new_answer: &'static str,
    /// A note changed.
    pub note_changed: &'static str,
    /// A conflict: respondent, the answer in the profile, when (UTC),
    /// when the file was written, the file's answer.
    pub conflict: &'static str,
    pub unknown_indicator: &'static str,
    pub not_asked: &'static str,
    pub duplicate: &'static str,
    /// A value outside the list: the value.
    pub not_in_list: &'static str,
    pub formula: &'static str,
    pub merged: &'static str,
    pub wrong_column: &'static str,
    pub note_without_answer: &'static str,
    /// Saved: profile id, how many answers.
    pub saved: &'static str,
    pub nothing_changed: &'static str,
}

const EN: QuestionnaireStrings = QuestionnaireStrings {
    sheet_questions: "Questionnaire",
    sheet_instructions: "Instructions",
    col_id: "Id",
    col_domain: "Domain",
    col_stage: "Stage",
    col_indicator: "Indicator",
    col_answer: "Answer",
    col_note: "Note",
    stage: "Stage {}",
    title: "Digital transformation assessment of {}",
    for_whom: "For {}, assessment {} of {}",
    instructions: &[
        "Each row of the sheet \"Questionnaire\" is one statement about the city. In the column \"Answer\", pick from the list how far the statement holds today; in \"Note\", add what you know (a system's name, a figure, a document).",
        "Only the answer and note cells can be changed. Leave the other cells, the sheets and their names as they are, type no formula, and do not add rows or columns: the consultant's program reads the file back cell by cell and sets aside anything else.",
        "Leave an answer empty when you prefer not to answer. Your answers stay yours: the assessment keeps each respondent's answer beside the one agreed.",
        "When you are done, save the file as it is (xlsx) and return it to the consultant.",
    ],
    answers_title: "The five answers",
    answer_help: [
        "met: the statement holds today",
        "partly: it holds in part, or in some places only",
        "not met: it does not hold yet",
        "not applicable: it does not apply to this city",
        "unknown: you do not know",
    ],
    invalid_title: "Not one of the five answers",
    invalid_message: "Pick an answer from the list: met, partly, not met, not applicable, unknown.",
    prompt_title: "Answer",
    prompt_message: "Pick from the list.",
    written: "wrote a questionnaire of {} questions for {} to {}",
    exists: "{} already exists; it may be a questionnaire someone filled in, so it is not replaced: give another file with -o, or add --force to replace it",
    bad_domain: "{} is not a domain; the domains are {}",
    refused_file: "{}: not imported: {}",
    too_large: "the file is {} bytes, more than the {} bytes a questionnaire may have; not read",
    unzipped_too_large: "its content unpacks to more than {} bytes, far more than a questionnaire holds; not read",
    not_xlsx: "not a spreadsheet citydx can read ({})",
    not_ours: "not a citydx questionnaire (it has no sheet \"citydx\"): export one with `citydx questionnaire export`",
    meta_missing: "its sheet \"citydx\" lacks {}: the file was changed beyond its answers; export a new one",
    meta_formula: "its sheet \"citydx\" holds a formula: the file was changed beyond its answers; export a new one",
    columns_moved: "the columns of its sheet \"Questionnaire\" were moved or renamed (row 1 should read Id, Domain, Stage, Indicator, Answer, Note): export a new one, or put them back",
    not_regular: "not a regular file (a folder, a pipe or a device?); not read",
    no_profile: "it is for profile {}, which is not in the profiles folder",
    other_profile: "its token was issued by profile {}, but the file says it is for {}",
    no_assessment: "it is for an assessment profile {} no longer has",
    other_assessment: "it was issued for the assessment of {}, not the one the file names",
    other_respondent: "it was issued to {}, not to the respondent the file names",
    not_issued: "its token was never issued by this profile (a copy of another folder's profile, or a file edited by hand?)",
    respondent_gone: "it was issued to a respondent who is no longer in the assessment (removed); add the respondent again and export a new questionnaire",
    read_heading: "{}: the answers of {} for {}, assessment {} ({})",
    counts: "{} rows read: {} changed, {} unchanged, {} left blank, {} refused, {} in conflict",
    tag_changed: "changed",
    tag_refused: "refused",
    tag_conflict: "conflict",
    row: "row {} ({})",
    change: "{} → {}",
    new_answer: "{} (new)",
    note_changed: "note changed",
    conflict: "{} answered {} in the interface on {}, after this file was written ({}); the file's {} is left out",
    unknown_indicator: "not an indicator of the framework",
    not_asked: "an indicator of a domain this questionnaire does not ask about",
    duplicate: "the same indicator as an earlier row",
    not_in_list: "{} is not one of the five answers",
    formula: "a formula: answers are typed or picked from the list",
    merged: "merged cells",
    wrong_column: "a value outside the answer and note columns",
    note_without_answer: "a note without an answer",
    saved: "saved {}: {} answer(s) changed",
    nothing_changed: "nothing changed; the profile is as it was",
};

const ZH: QuestionnaireStrings = QuestionnaireStrings {
    sheet_questions: "问卷",
    sheet_instructions: "填写说明",
    col_id: "编号",
    col_domain: "领域",
    col_stage: "阶段",
    col_indicator: "指标",
    col_answer: "回答",
    col_note: "备注",
    stage: "阶段{}",
    title: "{}数字化转型评估",
    for_whom: "受访者：{}，第 {} 次评估（{}）",
    instructions: &[
        "“问卷”表的每一行是关于本市的一项陈述。请在“回答”列的下拉列表中选择该陈述目前的符合程度；在“备注”列写下您了解的情况（系统名称、数据、文件等）。",
        "只有回答和备注单元格可以修改。请勿改动其他单元格、工作表及其名称，不要输入公式，也不要增加行或列：咨询方的程序逐格读回文件，其余内容一律不予采用。",
        "不便回答的可以留空。您的回答会保留为您本人的意见，与议定的回答并列保存。",
        "填写完毕后，请按原格式（xlsx）保存并交回咨询方。",
    ],
    answers_title: "五种回答",
    answer_help: [
        "符合：目前该陈述成立",
        "部分符合：部分成立，或仅在部分地方成立",
        "不符合：尚未成立",
        "不适用：不适用于本市",
        "未知：您不清楚",
    ],
    invalid_title: "不是五种回答之一",
    invalid_message: "请从列表中选择：符合、部分符合、不符合、不适用、未知。",
    prompt_title: "回答",
    prompt_message: "请从列表中选择。",
    written: "已写出 {} 道问题的问卷（受访者：{}）：{}",
    exists: "{} 已存在，可能是受访者填好的问卷，因此不予覆盖：请用 -o 指定其他文件，或加 --force 覆盖",
    bad_domain: "{} 不是领域；领域为 {}",
    refused_file: "{}：未导入：{}",
    too_large: "文件有 {} 字节，超过问卷上限 {} 字节；未读取",
    unzipped_too_large: "其内容解压后超过 {} 字节，远超问卷应有的大小；未读取",
    not_xlsx: "不是 citydx 能读取的电子表格（{}）",
    not_ours: "不是 citydx 问卷（没有“citydx”工作表）：请用 `citydx questionnaire export` 导出",
    meta_missing: "其“citydx”工作表缺少 {}：文件除回答外还被改动过；请重新导出",
    meta_formula: "其“citydx”工作表含有公式：文件除回答外还被改动过；请重新导出",
    columns_moved: "其“问卷”表的列被移动或改名（第 1 行应为：编号、领域、阶段、指标、回答、备注）：请重新导出，或改回原样",
    not_regular: "不是普通文件（文件夹、管道或设备？）；未读取",
    no_profile: "它属于档案 {}，但档案文件夹中没有该档案",
    other_profile: "其令牌由档案 {} 发出，但文件写明属于 {}",
    no_assessment: "它属于档案 {} 中已不存在的一次评估",
    other_assessment: "它是为 {} 的评估发出的，而不是文件写明的那一次",
    other_respondent: "它是发给{}的，而不是文件写明的受访者",
    not_issued: "其令牌从未由本档案发出（是别的文件夹中档案的副本，或是手工改过的文件？）",
    respondent_gone: "它发给的受访者已不在本次评估中（已删除）；请重新添加该受访者并导出新的问卷",
    read_heading: "{}：{}对{}第 {} 次评估（{}）的回答",
    counts: "读取 {} 行：修改 {}，未变 {}，留空 {}，拒绝 {}，冲突 {}",
    tag_changed: "修改",
    tag_refused: "拒绝",
    tag_conflict: "冲突",
    row: "第 {} 行（{}）",
    change: "{} → {}",
    new_answer: "{}（新）",
    note_changed: "备注已修改",
    conflict: "{}在界面中回答了“{}”（{}），晚于本文件写出的时间（{}）；文件中的“{}”未采用",
    unknown_indicator: "不是框架中的指标",
    not_asked: "属于本问卷未问及的领域",
    duplicate: "与前面某行的指标相同",
    not_in_list: "{} 不是五种回答之一",
    formula: "公式：回答须输入或从列表中选择",
    merged: "合并单元格",
    wrong_column: "回答和备注列以外有内容",
    note_without_answer: "只有备注，没有回答",
    saved: "已保存 {}：修改了 {} 条回答",
    nothing_changed: "没有修改；档案保持原样",
};

pub fn strings(lang: Lang) -> &'static QuestionnaireStrings {
    match lang {
        Lang::En => &EN,
        Lang::Zh => &ZH,
    }
}

/// Why a row was refused, in words.
pub fn refusal(r: &Refusal, lang: Lang) -> String {
    let s = strings(lang);
    match r {
        Refusal::UnknownIndicator => s.unknown_indicator.into(),
        Refusal::NotAsked => s.not_asked.into(),
        Refusal::Duplicate => s.duplicate.into(),
        Refusal::NotInList(v) => crate::text::fill(s.not_in_list, &[&format!("{v:?}")]),
        Refusal::Formula => s.formula.into(),
        Refusal::Merged => s.merged.into(),
        Refusal::WrongColumn => s.wrong_column.into(),
        Refusal::NoteWithoutAnswer => s.note_without_answer.into(),
    }
}

/// Why a file's token was not accepted, in words: the profile's id for
/// those that name it.
pub fn token_problem(p: &TokenProblem, profile: &str, lang: Lang) -> String {
    let s = strings(lang);
    match p {
        TokenProblem::NoAssessment => crate::text::fill(s.no_assessment, &[&profile]),
        TokenProblem::OtherAssessment(date) => crate::text::fill(s.other_assessment, &[date]),
        TokenProblem::OtherRespondent(name) => crate::text::fill(s.other_respondent, &[name]),
        TokenProblem::NotIssued => s.not_issued.into(),
        TokenProblem::RespondentGone => s.respondent_gone.into(),
    }
}
