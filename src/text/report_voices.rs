//! The reports' words for several voices (`src/report`): the per-domain
//! counts, the domain resting mostly on one voice, and the appendix of the
//! indicators where the voices differed, in both languages.

use crate::core::Lang;

pub struct ReportVoicesStrings {
    pub section_voices: &'static str,
    pub voices_intro: &'static str,
    pub col_respondents: &'static str,
    pub col_provisional: &'static str,
    pub col_open: &'static str,
    pub col_settled: &'static str,
    /// The respondents and how many answers each gave: heading.
    pub label_answered_by: &'static str,
    /// One respondent and how many answers: name, count.
    pub answered_by: &'static str,
    /// The assessor, when an agreed answer has no voice.
    pub assessor: &'static str,
    pub section_differed: &'static str,
    pub differed_intro: &'static str,
    pub status_open: &'static str,
    pub status_settled: &'static str,
    pub status_differ: &'static str,
    /// The answer the report scores, agreed: the answer's word.
    pub agreed: &'static str,
    /// The same, provisional.
    pub provisional: &'static str,
    /// Who settled it and why: who, why.
    pub settled: &'static str,
    /// A voice's date: the date.
    pub given_on: &'static str,
    pub no_answers: &'static str,
}

const EN: ReportVoicesStrings = ReportVoicesStrings {
    section_voices: "Voices",
    voices_intro: "Each respondent answered for themselves; the levels above rest on the agreed answers, or, where none is agreed yet, on the provisional one the voices give (the median of the scored voices, the lower middle one for an even number). Per domain: the respondents who answered, the answers still provisional, and the disputes (voices met against not met, or a scored answer against not applicable or unknown) still open and settled.",
    col_respondents: "Respondents",
    col_provisional: "Provisional",
    col_open: "Disputes open",
    col_settled: "Disputes settled",
    label_answered_by: "Answers given",
    answered_by: "{}: {}",
    assessor: "the assessor",
    section_differed: "Where the voices differed",
    differed_intro: "Each indicator whose respondents gave different answers, with every voice and its note, and the answer the report counts.",
    status_open: "dispute open",
    status_settled: "dispute settled",
    status_differ: "one step apart",
    agreed: "agreed: {}",
    provisional: "provisional: {}",
    settled: "settled by {}: {}",
    given_on: "on {}",
    no_answers: "no answer",
};

const ZH: ReportVoicesStrings = ReportVoicesStrings {
    section_voices: "多方意见",
    voices_intro: "每位受访者各自作答；上文的水平依据议定的回答，尚未议定的依据各方意见得出的暂定回答（取中位数，偶数时取较低者）。各领域列出：作答的受访者人数、仍为暂定的回答，以及未议定和已议定的分歧（符合与不符合相对，或有评分的回答与不适用、未知相对）。",
    col_respondents: "受访者",
    col_provisional: "暂定",
    col_open: "未议定分歧",
    col_settled: "已议定分歧",
    label_answered_by: "各方回答数",
    answered_by: "{}：{}",
    assessor: "评估者",
    section_differed: "各方意见不同之处",
    differed_intro: "受访者回答不同的每项指标，列出每一方的回答和备注，以及报告采用的回答。",
    status_open: "分歧未议定",
    status_settled: "分歧已议定",
    status_differ: "相差一档",
    agreed: "议定：{}",
    provisional: "暂定：{}",
    settled: "由{}议定：{}",
    given_on: "{}",
    no_answers: "无回答",
};

pub fn strings(lang: Lang) -> &'static ReportVoicesStrings {
    match lang {
        Lang::En => &EN,
        Lang::Zh => &ZH,
    }
}

/// A domain resting mostly on one voice, one sentence: domain, who, how
/// many answers that voice alone gave, of how many.
pub fn main_voice(domain: &str, who: &str, alone: usize, answered: usize, lang: Lang) -> String {
    match lang {
        Lang::En => format!(
            "{domain} rests mostly on one voice: {who} alone gave {alone} of its {answered} answers."
        ),
        Lang::Zh => {
            format!("{domain}主要依据单一意见：{answered} 个回答中有 {alone} 个仅由{who}给出。")
        }
    }
}
