//! The report's case cities as example profiles, compiled into the binary
//! so that a first run can offer them with one key. They are the files of
//! `profiles/` themselves (`include_str!`), so the two cannot drift.

/// (id, profile JSON) of every example, in the report's order of cases.
pub const EXAMPLES: [(&str, &str); 9] = [
    ("suzhou", include_str!("../../profiles/suzhou.json")),
    ("fukuoka", include_str!("../../profiles/fukuoka.json")),
    ("pengshui", include_str!("../../profiles/pengshui.json")),
    (
        "shen-county",
        include_str!("../../profiles/shen-county.json"),
    ),
    ("baoying", include_str!("../../profiles/baoying.json")),
    ("kaifeng", include_str!("../../profiles/kaifeng.json")),
    (
        "kashiwa-no-ha",
        include_str!("../../profiles/kashiwa-no-ha.json"),
    ),
    ("pinghu", include_str!("../../profiles/pinghu.json")),
    (
        "aizuwakamatsu",
        include_str!("../../profiles/aizuwakamatsu.json"),
    ),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::framework;
    use crate::core::framework::DomainId;
    use crate::core::maturity::domain_maturity;
    use crate::core::profile::Profile;

    fn example(id: &str) -> Profile {
        let (_, text) = EXAMPLES.iter().find(|(i, _)| *i == id).unwrap();
        Profile::from_json(text).unwrap()
    }

    fn level(id: &str, domain: DomainId) -> Option<f64> {
        let p = example(id);
        domain_maturity(framework().domain(domain), p.latest_assessment().unwrap()).level()
    }

    #[test]
    fn every_example_is_sound_canonical_and_answers_every_indicator() {
        let all: std::collections::BTreeSet<String> = framework()
            .indicators()
            .map(|r| r.indicator.id.clone())
            .collect();
        for (id, text) in EXAMPLES {
            let p = Profile::from_json(text).unwrap_or_else(|e| panic!("{id}: {e}"));
            assert_eq!(p.id, id);
            assert!(p.problems().is_empty(), "{id}: {:?}", p.problems());
            assert!(
                p.warnings(framework()).is_empty(),
                "{id}: {:?}",
                p.warnings(framework())
            );
            if crate::core::migrate::schema_version_of(text.as_bytes())
                == Some(crate::core::profile::SCHEMA_VERSION)
            {
                assert_eq!(p.to_json(), text, "{id} is not in canonical form");
            } else {
                let again = Profile::from_json(&p.to_json()).unwrap();
                assert_eq!(
                    again.to_json(),
                    p.to_json(),
                    "{id}: migration is not stable"
                );
            }
            let a = p.latest_assessment().unwrap();
            let answered: std::collections::BTreeSet<String> = a.answers.keys().cloned().collect();
            assert_eq!(answered, all, "{id}: not every indicator has an answer");
            for (indicator, answer) in &a.answers {
                let both = answer.note_text.as_ref().filter(|t| {
                    !t.en.trim().is_empty()
                        && !t.zh.trim().is_empty()
                        && answer.note.as_deref() == Some(t.en.as_str())
                });
                assert!(
                    both.is_some(),
                    "{id} {indicator}: note is not in both languages"
                );
            }
            assert!(a.interviewer_text.is_some(), "{id}: interviewer line");
            assert!(p.city.region_text.is_some(), "{id}: region");
        }
    }

    #[test]
    fn the_compiled_in_copies_keep_the_reports_placements() {
        // The placements themselves, interval by interval with the report's
        // words, are held in tests/examples.rs; here: the copies compiled
        // into the binary carry them too.
        for (id, domain, range) in [
            ("shen-county", DomainId::Economy, 2.0..2.7),
            ("baoying", DomainId::Economy, 2.0..2.7),
            ("pinghu", DomainId::Infrastructure, 2.8..3.01),
        ] {
            let l = level(id, domain).unwrap();
            assert!(range.contains(&l), "{id} {domain}: {l}");
            let p = example(id);
            let a = p.latest_assessment().unwrap();
            assert!(
                a.extra
                    .get("placements")
                    .and_then(|v| v.get(domain.as_str()))
                    .is_some(),
                "{id}: placement recorded"
            );
        }
        // Where the report is silent, the domain stays not assessed.
        assert_eq!(level("baoying", DomainId::Environment), None);
    }
}
