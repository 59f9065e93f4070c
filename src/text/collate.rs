//! The order of names as people expect it: Chinese by pinyin (with the
//! reading a place name takes: 莘县 is Shēn, 莘庄 is Xīn), everything else
//! without regard to case and in natural order (2 before 10).
//!
//! Readings come from the `pinyin` crate (pinyin-data), one per character,
//! its most common; a place name can read a character otherwise, so the
//! place names known to do so are listed below and win.

use std::cmp::Ordering;

use pinyin::ToPinyin;

/// Place names whose characters read otherwise than the character's most
/// common reading (the readings with the tone's number at the end).
const PLACE_WORDS: &[(&str, &[&str])] = &[
    ("莘县", &["shen1", "xian4"]),
    ("莘庄", &["xin1", "zhuang1"]),
    ("重庆", &["chong2", "qing4"]),
    ("厦门", &["xia4", "men2"]),
    ("蚌埠", &["beng4", "bu4"]),
    ("六安", &["lu4", "an1"]),
    ("六合", &["lu4", "he2"]),
    ("丽水", &["li2", "shui3"]),
    ("台州", &["tai1", "zhou1"]),
    ("天台", &["tian1", "tai1"]),
    ("番禺", &["pan1", "yu2"]),
    ("单县", &["shan4", "xian4"]),
    ("东阿", &["dong1", "e1"]),
    ("洪洞", &["hong2", "tong2"]),
    ("乐亭", &["lao4", "ting2"]),
    ("乐清", &["yue4", "qing1"]),
    ("铅山", &["yan2", "shan1"]),
    ("蔚县", &["yu4", "xian4"]),
    ("长子", &["zhang3", "zi3"]),
];

/// Characters that read otherwise in (nearly every) place name: 长 is
/// cháng in 长沙, 长春, 长治 (长子 is listed above).
const PLACE_CHARS: &[(char, &str)] = &[('长', "chang2")];

/// How a name sorts: its letters (pinyin for Chinese characters, lower
/// case), then the tones, then the name itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameKey {
    letters: String,
    tones: String,
    name: String,
}

impl NameKey {
    pub fn new(name: &str) -> NameKey {
        let mut letters = String::new();
        let mut tones = String::new();
        let mut syllable = |reading: &str, letters: &mut String| {
            let (plain, tone) = reading.split_at(
                reading
                    .find(|c: char| c.is_ascii_digit())
                    .unwrap_or(reading.len()),
            );
            if !letters.is_empty() && !letters.ends_with(' ') {
                letters.push(' ');
            }
            letters.push_str(plain);
            letters.push(' ');
            tones.push_str(if tone.is_empty() { "5" } else { tone });
        };
        let mut rest = name;
        while let Some(c) = rest.chars().next() {
            if let Some((word, readings)) = PLACE_WORDS.iter().find(|(w, _)| rest.starts_with(w)) {
                for reading in *readings {
                    syllable(reading, &mut letters);
                }
                rest = &rest[word.len()..];
                continue;
            }
            let place = PLACE_CHARS.iter().find(|(p, _)| *p == c).map(|(_, r)| *r);
            match place.or_else(|| c.to_pinyin().map(|p| p.with_tone_num_end())) {
                Some(reading) => syllable(reading, &mut letters),
                None => letters.extend(c.to_lowercase()),
            }
            rest = &rest[c.len_utf8()..];
        }
        NameKey {
            letters: letters.trim_end().to_string(),
            tones,
            name: name.to_string(),
        }
    }
}

impl Ord for NameKey {
    fn cmp(&self, other: &NameKey) -> Ordering {
        alphanumeric_sort::compare_str(&self.letters, &other.letters)
            .then_with(|| self.tones.cmp(&other.tones))
            .then_with(|| self.name.cmp(&other.name))
    }
}

impl PartialOrd for NameKey {
    fn partial_cmp(&self, other: &NameKey) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(names: &[&str]) -> Vec<String> {
        let mut keys: Vec<NameKey> = names.iter().map(|n| NameKey::new(n)).collect();
        keys.sort();
        keys.into_iter().map(|k| k.name).collect()
    }

    #[test]
    fn chinese_names_sort_by_pinyin_not_by_code_point() {
        // by code point 会 (U+4F1A) comes before 宝 (U+5B9D)
        assert_eq!(
            sorted(&[
                "会津若松",
                "宝应县",
                "柏之叶",
                "宿州",
                "莘县",
                "平湖",
                "彭水县",
                "福冈",
                "开封"
            ]),
            [
                "柏之叶",
                "宝应县",
                "福冈",
                "会津若松",
                "开封",
                "彭水县",
                "平湖",
                "莘县",
                "宿州"
            ]
        );
        assert_eq!(NameKey::new("宝应县").letters, "bao ying xian");
    }

    #[test]
    fn a_place_name_takes_its_own_reading() {
        assert_eq!(NameKey::new("莘县").letters, "shen xian");
        assert_eq!(NameKey::new("莘庄镇").letters, "xin zhuang zhen");
        assert_eq!(NameKey::new("重庆").letters, "chong qing");
        assert_eq!(NameKey::new("长沙").letters, "chang sha");
        assert_eq!(NameKey::new("长子县").letters, "zhang zi xian");
        // 莘县 (shēn) after 山 (shān), 莘庄 (xīn) after 西安 (xī)
        assert_eq!(
            sorted(&["莘庄", "莘县", "西安", "山南", "重庆", "中山"]),
            ["重庆", "山南", "莘县", "西安", "莘庄", "中山"]
        );
    }

    #[test]
    fn other_names_sort_without_case_and_naturally() {
        assert_eq!(
            sorted(&["city 10", "City 2", "aachen", "Zurich", "city 1", "Bern"]),
            ["aachen", "Bern", "city 1", "City 2", "city 10", "Zurich"]
        );
        // a mixed name: letters as they are, characters as pinyin
        assert_eq!(NameKey::new("Ning波").letters, "ning bo");
    }
}
