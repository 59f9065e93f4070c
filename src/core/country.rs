//! ISO 3166-1 countries with their Chinese and English names: one table
//! (`data/countries.json`, generated once by `scripts/gen_countries.py` from
//! Debian's iso-codes and its Chinese translation, short names checked), for
//! `show` and the profile form to name a country in the chosen language.

use std::sync::OnceLock;

use serde::Deserialize;

use super::lang::{Lang, Text};

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Country {
    /// ISO 3166-1 alpha-2, upper case.
    pub code: String,
    /// The short name in each language.
    pub name: Text,
    /// Other names that find the country: ISO's formal names, in both
    /// languages.
    pub aliases: Vec<String>,
}

const SOURCE: &str = include_str!("data/countries.json");

/// Every ISO 3166-1 country, ordered by code.
pub fn countries() -> &'static [Country] {
    static TABLE: OnceLock<Vec<Country>> = OnceLock::new();
    TABLE.get_or_init(|| {
        serde_json::from_str(SOURCE).expect("the compiled-in country table is checked by the tests")
    })
}

/// The country with this alpha-2 code (any case, surrounding spaces ignored).
pub fn by_code(code: &str) -> Option<&'static Country> {
    let code = code.trim();
    countries()
        .iter()
        .find(|c| c.code.eq_ignore_ascii_case(code))
}

/// The country's name in `lang`, if the code is known.
pub fn name(code: &str, lang: Lang) -> Option<&'static str> {
    by_code(code).map(|c| c.name.get(lang))
}

/// The code of the country called `name` in either language, or by one of
/// ISO's formal names, or given by its code (case and surrounding spaces
/// ignored; an unknown name gives `None`).
pub fn code_of(name: &str) -> Option<&'static str> {
    let name = name.trim();
    if name.is_empty() {
        return None;
    }
    let same = |a: &str| a.eq_ignore_ascii_case(name);
    countries()
        .iter()
        .find(|c| same(&c.name.zh) || same(&c.name.en))
        .or_else(|| {
            countries()
                .iter()
                .find(|c| c.aliases.iter().any(|a| same(a)))
        })
        .or_else(|| by_code(name))
        .map(|c| c.code.as_str())
}

/// Whether a city in the country `code` reads the framework's own wording,
/// which names China's offices, counties and apps (the party secretary, a
/// county's operating company, the mini-program): China, or a city whose
/// country is not set (the framework is China's). Another country's city
/// reads the neutral wording of `text::advice::outside_china`.
pub fn is_china(code: &str) -> bool {
    let code = code.trim();
    code.is_empty() || code.eq_ignore_ascii_case("CN")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn the_table_holds_every_iso_3166_1_entry_once_with_both_names() {
        let all = countries();
        assert_eq!(all.len(), 249);
        let codes: HashSet<_> = all.iter().map(|c| c.code.as_str()).collect();
        assert_eq!(codes.len(), all.len());
        for c in all {
            assert!(c.code.len() == 2 && c.code.chars().all(|x| x.is_ascii_uppercase()));
            assert!(
                c.name
                    .zh
                    .chars()
                    .any(|x| ('\u{4e00}'..='\u{9fff}').contains(&x)),
                "{}: {}",
                c.code,
                c.name.zh
            );
            assert!(
                !c.name
                    .zh
                    .chars()
                    .any(|x| x.is_ascii_alphabetic() || "(),;:".contains(x)),
                "{}: Chinese name with ASCII: {}",
                c.code,
                c.name.zh
            );
            assert!(
                !c.name.en.is_empty()
                    && !c
                        .name
                        .en
                        .chars()
                        .any(|x| ('\u{4e00}'..='\u{9fff}').contains(&x)),
                "{}: {}",
                c.code,
                c.name.en
            );
        }
        // Unique names in each language, so a name finds one country.
        for lang in [Lang::Zh, Lang::En] {
            let names: HashSet<_> = all.iter().map(|c| c.name.get(lang)).collect();
            assert_eq!(names.len(), all.len(), "{lang:?}");
        }
    }

    #[test]
    fn china_and_an_unset_country_read_the_frameworks_own_wording() {
        assert!(is_china("CN") && is_china(" cn ") && is_china(""));
        assert!(!is_china("JP") && !is_china("HK") && !is_china("BR"));
    }

    #[test]
    fn codes_give_names_in_the_chosen_language() {
        assert_eq!(name("CN", Lang::Zh), Some("中国"));
        assert_eq!(name("cn", Lang::En), Some("China"));
        assert_eq!(name("JP", Lang::Zh), Some("日本"));
        assert_eq!(name("BR", Lang::Zh), Some("巴西"));
        assert_eq!(name("KR", Lang::Zh), Some("韩国"));
        assert_eq!(name("TW", Lang::Zh), Some("中国台湾"));
        assert_eq!(name("HK", Lang::Zh), Some("中国香港"));
        assert_eq!(name("GB", Lang::En), Some("United Kingdom"));
        assert_eq!(name("XX", Lang::En), None);
        assert_eq!(name("", Lang::En), None);
    }

    #[test]
    fn names_in_either_language_give_the_code() {
        assert_eq!(code_of("中国"), Some("CN"));
        assert_eq!(code_of("china"), Some("CN"));
        assert_eq!(code_of(" Japan "), Some("JP"));
        assert_eq!(code_of("日本"), Some("JP"));
        assert_eq!(code_of("中华人民共和国"), Some("CN"));
        assert_eq!(code_of("Korea, Republic of"), Some("KR"));
        assert_eq!(code_of("大韩民国"), Some("KR"));
        assert_eq!(code_of("de"), Some("DE"));
        assert_eq!(code_of("Atlantis"), None);
        assert_eq!(code_of(""), None);
        // Every name of the table finds its own country.
        for c in countries() {
            assert_eq!(code_of(&c.name.zh), Some(c.code.as_str()), "{}", c.name.zh);
            assert_eq!(code_of(&c.name.en), Some(c.code.as_str()), "{}", c.name.en);
        }
    }
}
