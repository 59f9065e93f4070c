//! One-off conversion of the example profiles in `profiles/` to schema 2
//! (issue 11), kept so that it can be read and run again:
//!
//! ```sh
//! cargo run --example schema2_examples -- profiles/*.json
//! ```
//!
//! Each file is read as citydx reads it (a version-1 file migrates: its
//! assessments and respondents get the ids derived from what they are, the
//! same ids any copy of the file gets), then:
//!
//! - a note packed as "English / 中文" (split at its " / ", see
//!   `citydx::core::migrate::split_packed`) becomes `note_text` {"en", "zh"}; `note` keeps the
//!   English, which is what a schema-1 reader shows;
//! - the interviewer line and the region get their Chinese beside the
//!   English (`interviewer_text`, `region_text`); `interviewer` and
//!   `region` keep the English.
//!
//! Nothing else changes: answers, levels, targets, overrides, dates. A file
//! already converted is written unchanged. The conversion is checked by
//! `every_example_round_trips_with_both_languages_kept` in tests/schema.rs
//! (English + " / " + Chinese gives back each original note).

use std::fs;

use citydx::core::lang::Text;
use citydx::core::migrate::split_packed;
use citydx::core::profile::Profile;

/// The region of each example in Chinese (the English is in the file).
const REGIONS_ZH: [(&str, &str); 9] = [
    ("Fukushima", "福岛县"),
    ("Yangzhou, Jiangsu", "江苏省扬州市"),
    ("Fukuoka Prefecture", "福冈县"),
    ("Henan", "河南省"),
    ("Kashiwa, Chiba", "千叶县柏市"),
    ("Chongqing", "重庆市"),
    ("Jiaxing, Zhejiang", "浙江省嘉兴市"),
    ("Liaocheng, Shandong", "山东省聊城市"),
    ("Anhui", "安徽省"),
];

const INTERVIEWER_EN: &str =
    "citydx example, from the WEF / Tencent Research Institute report (May 2022)";
const INTERVIEWER_ZH: &str = "citydx 示例，依据世界经济论坛与腾讯研究院报告（2022 年 5 月）";

fn convert(profile: &mut Profile) -> usize {
    let mut notes = 0;
    if profile.city.region_text.is_none()
        && let Some((_, zh)) = REGIONS_ZH.iter().find(|(en, _)| *en == profile.city.region)
    {
        profile.city.region_text = Some(Text::new(*zh, profile.city.region.clone()));
    }
    for a in &mut profile.assessments {
        if a.interviewer == INTERVIEWER_EN && a.interviewer_text.is_none() {
            a.interviewer_text = Some(Text::new(INTERVIEWER_ZH, INTERVIEWER_EN));
        }
        for answer in a.answers.values_mut() {
            if answer.note_text.is_some() {
                continue;
            }
            if let Some((en, zh)) = answer.note.as_deref().and_then(split_packed) {
                answer.note = Some(en.clone());
                answer.note_text = Some(Text::new(zh, en));
                notes += 1;
            }
        }
    }
    notes
}

fn main() {
    let paths: Vec<String> = std::env::args().skip(1).collect();
    if paths.is_empty() {
        eprintln!("usage: cargo run --example schema2_examples -- profiles/*.json");
        std::process::exit(2);
    }
    for path in paths {
        let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let mut profile = Profile::from_json(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
        let notes = convert(&mut profile);
        let problems = profile.problems();
        assert!(problems.is_empty(), "{path}: {problems:?}");
        fs::write(&path, profile.to_json()).unwrap_or_else(|e| panic!("{path}: {e}"));
        println!("{path}: {notes} notes split");
    }
}
