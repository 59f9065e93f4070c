//! Several voices on one indicator: each respondent's own answer
//! ([`super::profile::Voice`], under `voices`), the assessment's agreed
//! answer (`value` and `note`, with `settled_by` and `settled_reason` when it
//! was settled among disagreeing voices), and, until one is agreed, a
//! provisional answer computed from the voices (`provisional: true`).
//!
//! The rules, documented in the README ("Several voices"):
//! - **Provisional answer.** One voice is the answer. With several, the
//!   median of the scored voices on the scale not met < partly < met (not
//!   applicable and unknown left out); with an even number of scored voices
//!   the lower of the two middle ones, so that a city is never credited
//!   with more than half its voices support. With no scored voice: not
//!   applicable when every voice says so, else unknown.
//! - **Disagreement.** Two voices disagree when they are two steps apart on
//!   not met / partly / met (met against not met), or when one is scored and
//!   the other is not applicable or unknown. Partly against met (or not met)
//!   is one step, not a disagreement; not applicable against unknown is not
//!   one either.
//! - **Scoring.** Maturity reads `value`, agreed or provisional: a
//!   provisional answer counts in the score like an agreed one, and the
//!   counts here ([`DomainVoices`]) say how many are provisional and how
//!   many are disputed, so that a report can say so.
//! - An answer without voices (every schema-1 profile) is the assessment's
//!   answer exactly as before: nothing here changes it.

use std::collections::BTreeSet;

use super::framework::{DomainId, Framework};
use super::profile::{Answer, AnswerValue, Assessment, Profile};

/// A scored answer's place on the scale: not met 0, partly 1, met 2.
fn step(value: AnswerValue) -> Option<u8> {
    match value {
        AnswerValue::NotMet => Some(0),
        AnswerValue::Partly => Some(1),
        AnswerValue::Met => Some(2),
        AnswerValue::NotApplicable | AnswerValue::Unknown => None,
    }
}

fn of_step(step: u8) -> AnswerValue {
    match step {
        0 => AnswerValue::NotMet,
        1 => AnswerValue::Partly,
        _ => AnswerValue::Met,
    }
}

/// Whether two answers disagree (see the module's rules).
pub fn disagree(a: AnswerValue, b: AnswerValue) -> bool {
    match (step(a), step(b)) {
        (Some(x), Some(y)) => x.abs_diff(y) >= 2,
        (None, None) => false,
        _ => true,
    }
}

/// The provisional answer of `values` (see the module's rules); unknown
/// when there is none.
pub fn provisional(values: &[AnswerValue]) -> AnswerValue {
    let mut steps: Vec<u8> = values.iter().filter_map(|v| step(*v)).collect();
    if steps.is_empty() {
        return if !values.is_empty() && values.iter().all(|v| *v == AnswerValue::NotApplicable) {
            AnswerValue::NotApplicable
        } else {
            AnswerValue::Unknown
        };
    }
    steps.sort_unstable();
    // the lower middle for an even count
    of_step(steps[(steps.len() - 1) / 2])
}

/// Where an answer stands among its voices.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// No voice: `value` is the assessment's answer, as in schema 1.
    Plain,
    /// Voices that do not disagree, no answer agreed yet.
    Provisional,
    /// Voices that disagree, no answer agreed yet: an open dispute.
    Disputed,
    /// An agreed answer: set by the assessor or settled among the voices.
    Agreed,
    /// An agreed answer among voices that disagree.
    Settled,
}

impl Answer {
    /// Whether any two of this answer's voices disagree.
    pub fn voices_disagree(&self) -> bool {
        let values: Vec<AnswerValue> = self.voices.values().map(|v| v.value).collect();
        values
            .iter()
            .enumerate()
            .any(|(i, a)| values[i + 1..].iter().any(|b| disagree(*a, *b)))
    }

    /// The provisional answer of this answer's voices.
    pub fn provisional_value(&self) -> AnswerValue {
        let values: Vec<AnswerValue> = self.voices.values().map(|v| v.value).collect();
        provisional(&values)
    }

    pub fn standing(&self) -> Standing {
        if self.voices.is_empty() {
            return Standing::Plain;
        }
        match (self.provisional, self.voices_disagree()) {
            (true, false) => Standing::Provisional,
            (true, true) => Standing::Disputed,
            (false, false) => Standing::Agreed,
            (false, true) => Standing::Settled,
        }
    }

    /// After a voice changed: a provisional answer follows its voices; an
    /// answer left with no voice stops being provisional (its value stays).
    pub(crate) fn refresh_provisional(&mut self) {
        if self.voices.is_empty() {
            self.provisional = false;
        } else if self.provisional {
            self.value = self.provisional_value();
        }
    }
}

/// One domain's voices, for the summary and the reports.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DomainVoices {
    /// Respondents with at least one answered voice (not unknown) in the domain.
    pub respondents: usize,
    /// Indicators whose answer is provisional (disputed ones included).
    pub provisional: usize,
    /// Indicators whose voices disagree with no answer agreed: open disputes.
    pub disputed: usize,
    /// Indicators whose voices disagree and whose answer was agreed.
    pub settled: usize,
}

/// [`DomainVoices`] of `domain` in `assessment`.
pub fn domain_voices(
    framework: &Framework,
    assessment: &Assessment,
    domain: DomainId,
) -> DomainVoices {
    let mut out = DomainVoices::default();
    let mut who: BTreeSet<&str> = BTreeSet::new();
    for stage in &framework.domain(domain).stages {
        for indicator in &stage.indicators {
            let Some(answer) = assessment.answers.get(indicator.id.as_str()) else {
                continue;
            };
            for (id, voice) in &answer.voices {
                if voice.value.is_answered() {
                    who.insert(id);
                }
            }
            match answer.standing() {
                Standing::Provisional => out.provisional += 1,
                Standing::Disputed => {
                    out.provisional += 1;
                    out.disputed += 1;
                }
                Standing::Settled => out.settled += 1,
                Standing::Plain | Standing::Agreed => {}
            }
        }
    }
    out.respondents = who.len();
    out
}

/// Whether `domain` rests mostly on one voice: of its indicators that
/// have an answered voice, more than half have exactly one.
pub fn rests_on_one_voice(
    framework: &Framework,
    assessment: &Assessment,
    domain: DomainId,
) -> bool {
    let (mut voiced, mut single) = (0usize, 0usize);
    for stage in &framework.domain(domain).stages {
        for indicator in &stage.indicators {
            let Some(answer) = assessment.answers.get(indicator.id.as_str()) else {
                continue;
            };
            let n = answer
                .voices
                .values()
                .filter(|v| v.value.is_answered())
                .count();
            if n > 0 {
                voiced += 1;
            }
            if n == 1 {
                single += 1;
            }
        }
    }
    voiced > 0 && single * 2 > voiced
}

/// Whether `respondent` has a voice anywhere in `assessment`.
pub fn has_voices(assessment: &Assessment, respondent: &str) -> bool {
    assessment
        .answers
        .values()
        .any(|a| a.voices.contains_key(respondent))
}

/// Who alone supports an answer: a respondent (by id) or, for an agreed
/// answer without a voice, the assessor.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Supporter {
    Assessor,
    Respondent(String),
}

/// A domain whose answers rest mostly on one voice: that voice alone
/// supports `alone` of the domain's `answered` answers, more than half.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MainVoice {
    pub who: Supporter,
    pub alone: usize,
    pub answered: usize,
}

/// Whether the assessment has a voice anywhere: only then are its domains
/// read voice by voice (a schema-1 assessment, all the assessor's, is not).
pub fn any_voice(assessment: &Assessment) -> bool {
    assessment.answers.values().any(|a| !a.voices.is_empty())
}

/// The voice a domain rests on mostly, if one does: in an assessment with
/// voices, among the domain's answered indicators (anything but unknown),
/// one respondent whose answered voice is the only one on more than half
/// of them, or the assessor, whose agreed answers without a voice are more
/// than half of them. `None` in an assessment without voices.
pub fn main_voice(
    framework: &Framework,
    assessment: &Assessment,
    domain: DomainId,
) -> Option<MainVoice> {
    if !any_voice(assessment) {
        return None;
    }
    let mut answered = 0;
    let mut alone: std::collections::BTreeMap<Supporter, usize> = Default::default();
    for stage in &framework.domain(domain).stages {
        for indicator in &stage.indicators {
            let Some(answer) = assessment.answers.get(indicator.id.as_str()) else {
                continue;
            };
            if !answer.value.is_answered() {
                continue;
            }
            answered += 1;
            let who: Vec<&String> = answer
                .voices
                .iter()
                .filter(|(_, v)| v.value.is_answered())
                .map(|(id, _)| id)
                .collect();
            let only = match who[..] {
                [one] => Some(Supporter::Respondent(one.clone())),
                [] if !answer.provisional => Some(Supporter::Assessor),
                _ => None,
            };
            if let Some(only) = only {
                *alone.entry(only).or_default() += 1;
            }
        }
    }
    alone
        .into_iter()
        .find(|(_, n)| n * 2 > answered)
        .map(|(who, alone)| MainVoice {
            who,
            alone,
            answered,
        })
}

/// Whether an answer's voices differ at all (two voices with different
/// values): the report's appendix lists these, disputes or not.
pub fn voices_differ(answer: &Answer) -> bool {
    let mut values = answer.voices.values().map(|v| v.value);
    match values.next() {
        Some(first) => values.any(|v| v != first),
        None => false,
    }
}

/// The profile as one respondent sees it in a session served to them: the
/// latest assessment only, its answers reduced to this respondent's own
/// voices (an answer is their voice, with their note), no other voice,
/// no other respondent, and nothing computed from others (targets,
/// overrides, plans, questionnaires). The answers the respondent gives
/// are operations on the real profile; this view is only what is shown.
pub fn respondent_view(profile: &Profile, respondent: &str) -> Profile {
    let mut view = profile.clone();
    let Some(latest) = view.assessments.pop() else {
        return view;
    };
    let mut assessment = latest;
    assessment.respondents.retain(|r| r.id == respondent);
    assessment.answers = std::mem::take(&mut assessment.answers)
        .into_iter()
        .filter_map(|(indicator, answer)| {
            let voice = answer.voices.get(respondent)?.clone();
            let mut own = Answer::new(voice.value, voice.note.clone());
            own.note_text = voice.note_text.clone();
            own.provisional = true;
            own.voices.insert(respondent.to_string(), voice);
            Some((indicator, own))
        })
        .collect();
    assessment.targets.clear();
    assessment.overrides.clear();
    assessment.importance.clear();
    assessment.plan.clear();
    assessment.plan_moves.clear();
    assessment.questionnaires.clear();
    view.assessments = vec![assessment];
    view
}

#[cfg(test)]
mod tests {
    use super::*;
    use AnswerValue::*;

    #[test]
    fn disagreement_is_two_steps_or_scored_against_unscored() {
        assert!(disagree(Met, NotMet));
        assert!(disagree(NotMet, Met));
        assert!(!disagree(Met, Partly));
        assert!(!disagree(Partly, NotMet));
        assert!(!disagree(Met, Met));
        assert!(disagree(Met, NotApplicable));
        assert!(disagree(Unknown, Partly));
        assert!(disagree(NotMet, Unknown));
        assert!(!disagree(NotApplicable, Unknown));
        assert!(!disagree(NotApplicable, NotApplicable));
    }

    #[test]
    fn the_provisional_answer_is_the_lower_median_of_the_scored_voices() {
        assert_eq!(provisional(&[Met]), Met);
        assert_eq!(provisional(&[NotApplicable]), NotApplicable);
        assert_eq!(provisional(&[Met, NotMet]), NotMet, "lower middle");
        assert_eq!(provisional(&[Met, Partly]), Partly);
        assert_eq!(provisional(&[Met, Met, NotMet]), Met);
        assert_eq!(provisional(&[Met, NotMet, Partly]), Partly);
        assert_eq!(
            provisional(&[Met, Unknown, NotApplicable, Met]),
            Met,
            "unscored voices left out"
        );
        assert_eq!(provisional(&[NotApplicable, NotApplicable]), NotApplicable);
        assert_eq!(provisional(&[NotApplicable, Unknown]), Unknown);
        assert_eq!(provisional(&[]), Unknown);
    }

    use crate::core::framework;
    use crate::core::ops::{EditError, Op};
    use crate::core::profile::{OrganisationType, Profile, Respondent};
    use crate::core::uid::new_uid;

    const IND: &str = "economy.s1.x";

    /// A profile with three respondents (ids returned).
    fn with_respondents() -> (Profile, String, Vec<String>) {
        let mut p = Profile::from_json(crate::core::profile::tests::sample_json()).unwrap();
        let a = p.assessments[0].id.clone();
        let mut ids = Vec::new();
        for name in ["Kang", "Wang", "Zhao"] {
            let r = Respondent::new(new_uid(), name, "", OrganisationType::Government);
            ids.push(r.id.clone());
            p.apply(&Op::AddRespondent {
                assessment: a.clone(),
                respondent: r,
            })
            .unwrap();
        }
        (p, a, ids)
    }

    fn voice(a: &str, ind: &str, r: &str, value: AnswerValue) -> Op {
        Op::SetVoice {
            assessment: a.into(),
            indicator: ind.into(),
            respondent: r.into(),
            value,
            note: None,
            at: None,
        }
    }

    #[test]
    fn a_single_voice_is_the_answer_and_several_give_the_provisional_one() {
        let (mut p, a, r) = with_respondents();
        let ind = "economy.s3.new";
        p.apply(&voice(&a, ind, &r[0], Met)).unwrap();
        let x = &p.assessments[0].answers[ind];
        assert_eq!((x.value, x.provisional), (Met, true));
        assert_eq!(x.standing(), Standing::Provisional);
        p.apply(&voice(&a, ind, &r[1], NotMet)).unwrap();
        let x = &p.assessments[0].answers[ind];
        assert_eq!(x.value, NotMet, "lower middle of met and not met");
        assert_eq!(x.standing(), Standing::Disputed);
        p.apply(&voice(&a, ind, &r[2], Met)).unwrap();
        assert_eq!(p.assessments[0].answers[ind].value, Met);
        // settled: the voices stay, the answer no longer follows them
        p.apply(&Op::Settle {
            assessment: a.clone(),
            indicator: ind.into(),
            value: Partly,
            by: "Li (interviewer)".into(),
            reason: "the platform exists, data sharing is partial".into(),
        })
        .unwrap();
        p.apply(&voice(&a, ind, &r[0], NotMet)).unwrap();
        let x = &p.assessments[0].answers[ind];
        assert_eq!((x.value, x.provisional), (Partly, false));
        assert_eq!(x.standing(), Standing::Settled);
        assert_eq!(x.settled_by.as_deref(), Some("Li (interviewer)"));
        assert_eq!(x.voices.len(), 3);
        // the keys are written, and read back
        let text = p.to_json();
        for key in ["\"settled_by\"", "\"settled_reason\"", "\"voices\""] {
            assert!(text.contains(key), "{key}");
        }
        assert_eq!(Profile::from_json(&text).unwrap(), p);
    }

    #[test]
    fn an_agreed_answer_without_voices_stays_agreed_when_voices_come() {
        let (mut p, a, r) = with_respondents();
        // economy.s1.x is "met" in the file: the assessment's answer
        p.apply(&voice(&a, IND, &r[0], NotMet)).unwrap();
        let x = &p.assessments[0].answers[IND];
        assert_eq!((x.value, x.provisional), (Met, false));
        assert_eq!(x.standing(), Standing::Agreed);
        // the assessor's own answer agrees a provisional one
        p.apply(&voice(&a, "economy.s2.z", &r[0], Met)).unwrap();
        assert!(p.assessments[0].answers["economy.s2.z"].provisional);
        p.apply(&Op::SetAnswer {
            assessment: a.clone(),
            indicator: "economy.s2.z".into(),
            value: Met,
        })
        .unwrap();
        p.apply(&voice(&a, "economy.s2.z", &r[1], NotMet)).unwrap();
        let x = &p.assessments[0].answers["economy.s2.z"];
        assert_eq!((x.value, x.standing()), (Met, Standing::Settled));
    }

    #[test]
    fn voice_rules_notes_and_removal() {
        let (mut p, a, r) = with_respondents();
        let before = p.clone();
        let stranger = new_uid();
        assert_eq!(
            p.apply(&voice(&a, IND, &stranger, Met)),
            Err(EditError::NoSuchRespondent(stranger.clone()))
        );
        assert_eq!(
            p.apply(&voice(&new_uid(), IND, &r[0], Met))
                .map_err(|e| matches!(e, EditError::NoSuchAssessment(_))),
            Err(true)
        );
        assert_eq!(p, before, "a refused voice changes nothing");
        let at = "2025-03-01T10:00:00Z".parse().unwrap();
        p.apply(&Op::SetVoice {
            assessment: a.clone(),
            indicator: "economy.s3.n".into(),
            respondent: r[0].clone(),
            value: Partly,
            note: Some(" said so ".into()),
            at: Some(at),
        })
        .unwrap();
        p.apply(&voice(&a, "economy.s3.n", &r[0], Met)).unwrap();
        let v = &p.assessments[0].answers["economy.s3.n"].voices[&r[0]];
        assert_eq!(
            (v.value, v.note.as_deref(), v.at),
            (Met, Some("said so"), Some(at))
        );
        assert_eq!(
            p.apply(&Op::Settle {
                assessment: a.clone(),
                indicator: IND.into(),
                value: Met,
                by: "Li".into(),
                reason: " ".into(),
            }),
            Err(EditError::SettleNeedsReason)
        );
        // removing the only voice of a provisional answer removes the answer
        p.apply(&Op::ClearVoice {
            assessment: a.clone(),
            indicator: "economy.s3.n".into(),
            respondent: r[0].clone(),
        })
        .unwrap();
        assert!(!p.assessments[0].answers.contains_key("economy.s3.n"));
        // removing a respondent recomputes what rested on it
        p.apply(&voice(&a, "economy.s3.n", &r[0], Met)).unwrap();
        p.apply(&voice(&a, "economy.s3.n", &r[1], NotMet)).unwrap();
        p.apply(&Op::RemoveRespondent {
            assessment: a.clone(),
            respondent: r[1].clone(),
        })
        .unwrap();
        assert_eq!(p.assessments[0].answers["economy.s3.n"].value, Met);
    }

    #[test]
    fn domain_counts_respondents_disputes_and_settled() {
        let fw = framework();
        let (mut p, a, r) = with_respondents();
        let d = &fw.domains[0];
        let inds: Vec<&str> = d.stages[0]
            .indicators
            .iter()
            .map(|i| i.id.as_str())
            .collect();
        p.apply_all(&[
            voice(&a, inds[0], &r[0], Met),
            voice(&a, inds[0], &r[1], NotMet),
            voice(&a, inds[1], &r[0], Met),
            voice(&a, inds[1], &r[1], Partly),
            voice(&a, inds[2], &r[0], Met),
            voice(&a, inds[2], &r[2], Unknown),
        ])
        .unwrap();
        let counts = domain_voices(fw, &p.assessments[0], d.id);
        assert_eq!(
            counts,
            DomainVoices {
                respondents: 2,
                provisional: 3,
                disputed: 2,
                settled: 0
            }
        );
        p.apply(&Op::Settle {
            assessment: a.clone(),
            indicator: inds[0].into(),
            value: Partly,
            by: "Li".into(),
            reason: "seen on site".into(),
        })
        .unwrap();
        let counts = domain_voices(fw, &p.assessments[0], d.id);
        assert_eq!(
            (counts.disputed, counts.settled, counts.provisional),
            (1, 1, 2)
        );
        assert!(has_voices(&p.assessments[0], &r[2]));
        // three voiced indicators, one on one answered voice (an unknown
        // voice is no answer)
        assert!(!rests_on_one_voice(fw, &p.assessments[0], d.id));
        p.apply(&Op::ClearVoice {
            assessment: a.clone(),
            indicator: inds[1].into(),
            respondent: r[1].clone(),
        })
        .unwrap();
        assert!(
            rests_on_one_voice(fw, &p.assessments[0], d.id),
            "two of three"
        );
        assert!(!rests_on_one_voice(fw, &p.assessments[0], fw.domains[1].id));
        let other = fw.domains[1].id;
        assert_eq!(
            domain_voices(fw, &p.assessments[0], other),
            DomainVoices::default()
        );
    }

    #[test]
    fn ops_of_voices_serialize_and_read_back() {
        let ops = vec![
            voice("a", IND, "r", Met),
            Op::Settle {
                assessment: "a".into(),
                indicator: IND.into(),
                value: Partly,
                by: "Li".into(),
                reason: "why".into(),
            },
        ];
        let text = serde_json::to_string(&ops).unwrap();
        assert!(text.contains(r#""op":"set_voice""#), "{text}");
        assert!(text.contains(r#""op":"settle""#), "{text}");
        let back: Vec<Op> = serde_json::from_str(&text).unwrap();
        assert_eq!(back, ops);
    }

    #[test]
    fn a_domain_resting_mostly_on_one_voice_is_found() {
        let fw = framework();
        let (mut p, a, r) = with_respondents();
        let d = &fw.domains[0];
        let inds: Vec<&str> = d
            .stages
            .iter()
            .flat_map(|s| &s.indicators)
            .map(|i| i.id.as_str())
            .collect();
        // no voice anywhere: not judged
        p.apply(&Op::SetAnswer {
            assessment: a.clone(),
            indicator: inds[0].into(),
            value: Met,
        })
        .unwrap();
        assert_eq!(main_voice(fw, &p.assessments[0], d.id), None);
        // Kang alone on 2 of 4, both on 1, the assessor alone on 1: no one
        // has more than half
        p.apply_all(&[
            voice(&a, inds[1], &r[0], Met),
            voice(&a, inds[2], &r[0], Partly),
            voice(&a, inds[3], &r[0], Met),
            voice(&a, inds[3], &r[1], Met),
        ])
        .unwrap();
        assert_eq!(main_voice(fw, &p.assessments[0], d.id), None);
        assert!(!voices_differ(&p.assessments[0].answers[inds[3]]));
        // a third answer by Kang alone: 3 of 5
        p.apply(&voice(&a, inds[4], &r[0], NotMet)).unwrap();
        assert_eq!(
            main_voice(fw, &p.assessments[0], d.id),
            Some(MainVoice {
                who: Supporter::Respondent(r[0].clone()),
                alone: 3,
                answered: 5
            })
        );
        // an unknown voice supports nothing
        p.apply(&voice(&a, inds[3], &r[1], Unknown)).unwrap();
        assert_eq!(main_voice(fw, &p.assessments[0], d.id).unwrap().alone, 4);
        assert!(voices_differ(&p.assessments[0].answers[inds[3]]));
    }

    #[test]
    fn a_respondent_sees_only_its_own_voices_and_nothing_computed_from_others() {
        let (mut p, a, r) = with_respondents();
        let mut noted = voice(&a, IND, &r[1], NotMet);
        if let Op::SetVoice { note, .. } = &mut noted {
            *note = Some("note of Wang".into());
        }
        p.apply(&voice(&a, IND, &r[0], Met)).unwrap();
        p.apply(&noted).unwrap();
        p.apply(&voice(&a, "economy.s2.y", &r[0], Met)).unwrap();
        let view = respondent_view(&p, &r[1]);
        assert_eq!(view.assessments.len(), 1);
        let x = &view.assessments[0];
        assert_eq!(x.respondents.len(), 1);
        assert_eq!(x.respondents[0].id, r[1]);
        // the only answer is its own voice, with its own note
        assert_eq!(x.answers.len(), 1, "{:?}", x.answers.keys());
        let answer = &x.answers[IND];
        assert_eq!(answer.value, NotMet);
        assert_eq!(answer.note.as_deref(), Some("note of Wang"));
        assert_eq!(answer.voices.keys().collect::<Vec<_>>(), [&r[1]]);
        assert!(x.targets.is_empty() && x.overrides.is_empty());
    }
}
