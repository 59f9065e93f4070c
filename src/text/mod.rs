//! Every user-facing string, one table per language (`en.rs`, `zh.rs`), and
//! display-width helpers: Chinese characters take two columns, so padding
//! and cutting go by display width, never by bytes or chars.

pub mod advice;
pub mod cli;
pub mod collate;
pub mod edit;
mod en;
pub mod evidence;
pub mod invite;
pub mod questionnaire;
pub mod report;
pub mod report_voices;
pub mod serve;
pub mod store;
mod ui;
pub mod validate;
pub mod voices;
pub mod work;
mod zh;

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::core::Lang;
use crate::core::profile::{AnswerValue, Level, OrganisationType};
pub use ui::UiStrings;

/// The words of the interface and the outputs in one language.
#[derive(Debug)]
pub struct Strings {
    pub col_id: &'static str,
    pub col_city: &'static str,
    pub col_country: &'static str,
    pub col_population: &'static str,
    pub col_assessments: &'static str,
    pub col_latest: &'static str,
    pub col_progress: &'static str,
    /// `show`: each stage's scored answers over its applicable indicators.
    pub col_evidence: &'static str,
    pub col_domain: &'static str,
    pub col_level: &'static str,
    pub col_stage: &'static str,
    pub col_target: &'static str,
    pub col_gap: &'static str,
    pub col_importance: &'static str,
    pub not_assessed: &'static str,
    pub none: &'static str,
    pub years_suffix: &'static str,
    pub override_mark_note: &'static str,
    /// `show`: how to read the evidence column (the threshold in percent).
    pub evidence_note: &'static str,
    pub no_profiles: &'static str,
    pub skipped_files: &'static str,
    pub no_assessment: &'static str,
    pub assessment_of: &'static str,
    pub interviewer: &'static str,
    pub answered: &'static str,
    pub population: &'static str,
    pub read_only: &'static str,
    pub validate_ok: &'static str,
    pub validate_bad: &'static str,
    pub validate_warn: &'static str,
    pub validate_summary: &'static str,
    pub imported: &'static str,
    pub framework_title: &'static str,
    pub stages_title: &'static str,
    pub aspects_title: &'static str,
    pub indicators_title: &'static str,
    pub focus_title: &'static str,
    pub attention_rank: &'static str,
    pub method_title: &'static str,
    pub principles_title: &'static str,
    pub challenges_title: &'static str,
    pub failure_patterns_title: &'static str,
    pub cases_title: &'static str,
    pub answer_met: &'static str,
    pub answer_partly: &'static str,
    pub answer_not_met: &'static str,
    pub answer_not_applicable: &'static str,
    pub answer_unknown: &'static str,
    pub level_low: &'static str,
    pub level_medium: &'static str,
    pub level_high: &'static str,
    pub org_government: &'static str,
    pub org_enterprise: &'static str,
    pub org_research: &'static str,
    pub org_citizen: &'static str,
    pub sources_title: &'static str,
    pub source_label: &'static str,
    pub convention_label: &'static str,
    pub tie_mark: &'static str,
    pub challenges_ranked_title: &'static str,
    pub challenges_unranked_title: &'static str,
    pub summary_order_label: &'static str,
    pub facets_title: &'static str,
    pub specialties_title: &'static str,
    pub drawn_from: &'static str,
    pub operating_models_title: &'static str,
    pub fits_label: &'static str,
    pub ccid_title: &'static str,
    pub ccid_weakest: &'static str,
    pub ccid_examples: &'static str,
    pub points: &'static str,
    pub points_up: &'static str,
    pub cities_count: &'static str,
    pub county_title: &'static str,
    pub outcomes_title: &'static str,
    pub size_title: &'static str,
    pub size_label: &'static str,
    pub size_no_class_total: &'static str,
    pub size_no_class_below: &'static str,
    pub size_no_class_above: &'static str,
    pub population_total: &'static str,
    pub stage_arrow: &'static str,
    /// A case that stands at one stage (the report names no move).
    pub stage_at: &'static str,
    pub under: &'static str,
}

impl Strings {
    pub fn answer(&self, value: AnswerValue) -> &'static str {
        match value {
            AnswerValue::Met => self.answer_met,
            AnswerValue::Partly => self.answer_partly,
            AnswerValue::NotMet => self.answer_not_met,
            AnswerValue::NotApplicable => self.answer_not_applicable,
            AnswerValue::Unknown => self.answer_unknown,
        }
    }

    pub fn level(&self, level: Level) -> &'static str {
        match level {
            Level::Low => self.level_low,
            Level::Medium => self.level_medium,
            Level::High => self.level_high,
        }
    }

    pub fn organisation(&self, org: OrganisationType) -> &'static str {
        match org {
            OrganisationType::Government => self.org_government,
            OrganisationType::Enterprise => self.org_enterprise,
            OrganisationType::Research => self.org_research,
            OrganisationType::Citizen => self.org_citizen,
        }
    }
}

pub fn strings(lang: Lang) -> &'static Strings {
    match lang {
        Lang::En => &en::STRINGS,
        Lang::Zh => &zh::STRINGS,
    }
}

impl UiStrings {
    /// "Stage 2" / "阶段二".
    /// A stage's shortest name, where its short name does not fit.
    pub fn stage_tiny(&self, level: u8) -> &'static str {
        match level {
            1 => self.stage_1_tiny,
            2 => self.stage_2_tiny,
            _ => self.stage_3_tiny,
        }
    }

    pub fn stage_label(&self, level: u8) -> &'static str {
        match level {
            1 => self.stage_1,
            2 => self.stage_2,
            _ => self.stage_3,
        }
    }
}

/// The interface's words in `lang`.
pub fn ui(lang: Lang) -> &'static UiStrings {
    match lang {
        Lang::En => &ui::EN,
        Lang::Zh => &ui::ZH,
    }
}

/// Fills `{}` placeholders in order. Stage labels are written one way in
/// Chinese: a stage number 1 to 3 filled in right after 阶段 is written as
/// a Chinese numeral (阶段{} with 2 gives 阶段二, as the report writes it).
pub fn fill(template: &str, args: &[&dyn std::fmt::Display]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut args = args.iter();
    let mut rest = template;
    while let Some(at) = rest.find("{}") {
        out.push_str(&rest[..at]);
        if let Some(arg) = args.next() {
            let arg = arg.to_string();
            let numeral = match arg.as_str() {
                "1" => "一",
                "2" => "二",
                "3" => "三",
                _ => "",
            };
            if !numeral.is_empty() && out.ends_with("阶段") {
                out.push_str(numeral);
            } else {
                out.push_str(&arg);
            }
        }
        rest = &rest[at + 2..];
    }
    out.push_str(rest);
    out
}

/// `s` safe to print on a terminal: every control character but the line
/// break is shown as an escape (`\u{1b}`) instead of being sent, so a
/// profile's text can never move the cursor, retitle the window or reach
/// the clipboard.
pub fn printable(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(|c| c.is_control() && c != '\n') {
        return std::borrow::Cow::Borrowed(s);
    }
    std::borrow::Cow::Owned(
        s.chars()
            .map(|c| {
                if c.is_control() && c != '\n' {
                    c.escape_unicode().to_string()
                } else {
                    c.to_string()
                }
            })
            .collect(),
    )
}

/// `s` on one line: every control character, line breaks included, is
/// shown escaped (`\u{a}`), so a file name or a hand-written record can
/// neither break a line nor send anything to the terminal.
pub fn one_line(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(|c| c.is_control() || is_bidi_control(c)) {
        return std::borrow::Cow::Borrowed(s);
    }
    std::borrow::Cow::Owned(
        s.chars()
            .map(|c| {
                if c.is_control() || is_bidi_control(c) {
                    c.escape_unicode().to_string()
                } else {
                    c.to_string()
                }
            })
            .collect(),
    )
}

/// The bidirectional embedding, override and isolate characters (U+202A to
/// U+202E, U+2066 to U+2069), which can make text read in another order
/// than it is stored.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Whether the locale (the first of LC_ALL, LC_CTYPE, LANG that is set)
/// asks for UTF-8. No locale at all counts as UTF-8 (today's terminals).
pub fn locale_is_utf8(get: impl Fn(&str) -> Option<String>) -> bool {
    let locale = ["LC_ALL", "LC_CTYPE", "LANG"]
        .iter()
        .filter_map(|name| get(name))
        .find(|v| !v.is_empty())
        .unwrap_or_default()
        .to_ascii_lowercase();
    locale.is_empty() || locale.contains("utf-8") || locale.contains("utf8")
}

/// `s` in ASCII: every other character shown as its escape (`\u{5357}`),
/// for a terminal whose locale is not UTF-8 (`LANG=C`, a Latin-1 locale),
/// which would show raw UTF-8 as garbage.
pub fn ascii_escaped(s: &str) -> std::borrow::Cow<'_, str> {
    if s.is_ascii() {
        return std::borrow::Cow::Borrowed(s);
    }
    std::borrow::Cow::Owned(
        s.chars()
            .map(|c| {
                if c.is_ascii() {
                    c.to_string()
                } else {
                    c.escape_unicode().to_string()
                }
            })
            .collect(),
    )
}

/// A share as a whole percentage, rounded half up (0.625 -> "63%"), the
/// same on the screen and in every report.
pub fn percent(share: f64) -> String {
    format!("{}%", (share * 100.0).round() as i64)
}

/// A whole number with thousands separators: 1,560,000.
pub fn group_digits(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The display width of `s` in terminal columns.
pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// `s` cut to at most `max` columns, never in the middle of a character,
/// ending in `..` when something was cut and there is room for it. (Not
/// `…`: it is an ambiguous-width glyph, two columns in many CJK terminals.)
pub fn truncate(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    let marker = if max >= 3 { ".." } else { "" };
    let budget = max - marker.len();
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > budget {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push_str(marker);
    out
}

/// `s` cut or padded with spaces to exactly `columns` columns.
pub fn pad(s: &str, columns: usize) -> String {
    let mut out = truncate(s, columns);
    let w = width(&out);
    out.extend(std::iter::repeat_n(' ', columns.saturating_sub(w)));
    out
}

/// A population as a reader of the language writes it: "420,000" in
/// English, "42万" in Chinese (ten-thousands, one decimal where needed).
pub fn population(people: u64, lang: Lang) -> String {
    match lang {
        Lang::En => group_digits(people),
        Lang::Zh if people >= 10_000 => {
            let wan = people as f64 / 10_000.0;
            let text = format!("{wan:.1}");
            let text = text.strip_suffix(".0").unwrap_or(&text);
            format!("{text}万")
        }
        Lang::Zh => people.to_string(),
    }
}

/// One line on a city's size class, or why it has none, in `lang` (`show`,
/// the reports).
pub fn size_text(r: &crate::core::size::SizeResult, lang: Lang) -> String {
    use crate::core::size::NoClass;
    let s = strings(lang);
    let scheme = r.scheme.name.get(lang);
    match r.class {
        Ok(c) => match lang {
            Lang::Zh => format!("{}（{scheme}）", c.name.zh),
            Lang::En => format!("{} ({scheme})", c.name.en),
        },
        Err(NoClass::TotalOnly) => s.size_no_class_total.to_string(),
        Err(NoClass::BelowClasses) => fill(s.size_no_class_below, &[&scheme]),
        Err(NoClass::AboveClasses) => fill(s.size_no_class_above, &[&scheme]),
    }
}

/// The CCID ranking's three levels in one line, as a reference scale beside
/// the report's three stages (the matrix's help, the reports): clearly
/// another institute's ranking.
pub fn ccid_line(lang: Lang) -> String {
    let ccid = &crate::core::framework().ccid_scale;
    let levels: Vec<String> = ccid
        .levels
        .iter()
        .map(|l| {
            let range = match l.max {
                Some(max) => format!("{}-{max}", l.min),
                None => format!("{}+", l.min),
            };
            match lang {
                Lang::Zh => format!("{}（{range} 分，{} 个城市）", l.name.zh, l.cities),
                Lang::En => format!("{} ({range} points, {} cities)", l.name.en, l.cities),
            }
        })
        .collect();
    let (sep, colon, end) = match lang {
        Lang::Zh => ("；", "：", "。"),
        Lang::En => ("; ", ": ", ". "),
    };
    format!(
        "{}{colon}{}{end}{}",
        ccid.name.get(lang),
        levels.join(sep),
        ccid.note.get(lang)
    )
}

/// `s` with its first letter in upper case (English sentences built from a
/// phrase; Chinese is unchanged).
pub fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pads_by_display_width() {
        assert_eq!(pad("莘县", 6), "莘县  ");
        assert_eq!(width(&pad("莘县", 6)), 6);
        assert_eq!(pad("abc", 2), "ab");
        assert_eq!(pad("abcd", 3), "a..");
    }

    #[test]
    fn never_cuts_a_wide_character_in_half() {
        let cut = truncate("民生与服务", 6);
        assert_eq!(cut, "民生..");
        assert!(width(&cut) <= 6);
        assert_eq!(truncate("民生与服务", 5), "民..");
        assert_eq!(truncate("民生与服务", 1), "");
        assert_eq!(truncate("民生", 0), "");
    }

    #[test]
    fn control_characters_are_shown_not_sent() {
        assert_eq!(printable("plain\n平湖"), "plain\n平湖");
        assert_eq!(printable("a\u{1b}[2Jb"), "a\\u{1b}[2Jb");
        assert!(!printable("x\u{7}\u{9b}y").contains(|c: char| c.is_control()));
    }

    #[test]
    fn percentages_round_half_up() {
        assert_eq!(percent(0.625), "63%");
        assert_eq!(percent(0.125), "13%");
        assert_eq!(percent(1.0), "100%");
        assert_eq!(percent(0.0), "0%");
    }

    #[test]
    fn groups_digits_by_thousands() {
        assert_eq!(group_digits(0), "0");
        assert_eq!(group_digits(999), "999");
        assert_eq!(group_digits(1_560_000), "1,560,000");
    }

    #[test]
    fn fills_placeholders_in_order() {
        assert_eq!(fill("{} of {}", &[&1, &"7"]), "1 of 7");
        assert_eq!(fill("no args", &[]), "no args");
    }

    #[test]
    fn chinese_stage_labels_are_written_with_numerals() {
        assert_eq!(fill("阶段{} → 阶段{}", &[&1, &3]), "阶段一 → 阶段三");
        assert_eq!(fill("先达到阶段{}。", &[&2u8]), "先达到阶段二。");
        // Only a stage number right after 阶段 changes.
        assert_eq!(
            fill("目前 {}，差距 {} 个阶段", &[&2, &1.5]),
            "目前 2，差距 1.5 个阶段"
        );
        assert_eq!(fill("阶段{}", &[&2.5]), "阶段2.5");
        assert_eq!(fill("Stage {}", &[&2]), "Stage 2");
    }

    #[test]
    fn both_languages_fill_every_string() {
        for lang in [Lang::En, Lang::Zh] {
            let debug = format!("{:?}", strings(lang));
            assert!(!debug.contains(": \"\""), "{lang:?} has an empty string");
        }
        assert_ne!(strings(Lang::En).col_domain, strings(Lang::Zh).col_domain);
    }
}
