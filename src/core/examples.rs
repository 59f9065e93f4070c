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
    fn examples_match_what_the_report_says() {
        // Evidence before level (core::maturity): the example profiles leave
        // many indicators unknown, so a stage resting on few answers counts
        // only in proportion. The report's placements:
        // seed 001, Shen County: 从阶段一向阶段二 (from stage 1 towards 2).
        let l = level("shen-county", DomainId::Economy).unwrap();
        assert!((1.0..2.0).contains(&l), "shen-county economy: {l}");
        // seed 000, Kashiwa-no-ha: 从无到有…从阶段一到… (stage 1 to 2).
        let l = level("kashiwa-no-ha", DomainId::Environment).unwrap();
        assert!((1.0..=2.0).contains(&l), "kashiwa-no-ha environment: {l}");
        // seed 001, Baoying: 提升至阶段二 (raised to stage 2). Its stage 1
        // rests on 2 answers of 5, so the level stays above stage 1 and
        // below 2 until the profile answers more of stage 1.
        let l = level("baoying", DomainId::Economy).unwrap();
        assert!((1.0..2.5).contains(&l), "baoying economy: {l}");
        // Pinghu: 迈入阶段三 (into stage 3); each infrastructure stage rests
        // on two thirds to three quarters of its indicators: above stage 2.
        assert!(level("pinghu", DomainId::Infrastructure).unwrap() >= 2.0);
        // Aizuwakamatsu: digital infrastructure still at stage 1.
        let a = level("aizuwakamatsu", DomainId::Infrastructure).unwrap();
        assert!((1.0..2.0).contains(&a), "{a}");
        // The report's stage 1 -> 2 service and government cases stand at
        // stage 1 to 2 or at 2.
        for (id, domain) in [
            ("suzhou", DomainId::Services),
            ("suzhou", DomainId::Government),
            ("fukuoka", DomainId::Services),
        ] {
            let l = level(id, domain).unwrap();
            assert!((1.5..3.0).contains(&l), "{id} {domain}: {l}");
        }
        // Pengshui's culture-and-tourism economy: stage 1.
        let p = level("pengshui", DomainId::Economy).unwrap();
        assert!((1.0..2.0).contains(&p), "{p}");
        // Where the report is silent, the domain stays not assessed.
        assert_eq!(level("baoying", DomainId::Environment), None);
    }
}
