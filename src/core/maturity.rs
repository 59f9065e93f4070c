//! A domain's maturity, from 0.0 to 3.0: the highest stage fully reached
//! plus the share of the next stage already in place (GLOSSARY.md).
//!
//! - Each stage's score is the mean of its scored answers: met = 1,
//!   partly = 0.5, not met = 0. Not applicable and unknown are left out.
//! - A stage is reached when its score is at least [`REACHED`] and every
//!   lower stage is reached. A stage with no scored answer has no score and
//!   is not reached (there is no evidence for it).
//! - The level is the number of stages reached plus the next stage's score
//!   (0 when the next stage has no score).
//! - A domain with no scored answer at all is not assessed: `None`, not 0.
//! - An assessor's override replaces the computed level and is reported as
//!   an override, with its reason.

use super::framework::{Domain, DomainId, Framework, STAGES};
use super::profile::{AnswerValue, Assessment, Override, Target};

/// The score at which a stage counts as reached.
pub const REACHED: f64 = 0.75;

/// One domain's maturity in one assessment.
#[derive(Debug, Clone, PartialEq)]
pub struct DomainMaturity {
    pub domain: DomainId,
    /// Each stage's score, 0.0 to 1.0, or `None` without a scored answer.
    pub stage_scores: [Option<f64>; STAGES as usize],
    /// The level the answers give, `None` when not assessed.
    pub computed: Option<f64>,
    /// The assessor's override, if any.
    pub overridden: Option<Override>,
    /// Questions answered (anything but unknown), and questions asked.
    pub answered: usize,
    pub total: usize,
}

impl DomainMaturity {
    /// The level to show and use: the override when there is one, else the
    /// computed level.
    pub fn level(&self) -> Option<f64> {
        self.overridden.as_ref().map(|o| o.level).or(self.computed)
    }

    /// The whole stage the domain stands at (0 to 3).
    pub fn stage(&self) -> Option<u8> {
        self.level()
            .map(|l| l.floor().clamp(0.0, f64::from(STAGES)) as u8)
    }

    pub fn is_assessed(&self) -> bool {
        self.level().is_some()
    }

    /// Stages reached, counting from stage 1.
    pub fn stages_reached(&self) -> u8 {
        reached(&self.stage_scores)
    }
}

fn reached(scores: &[Option<f64>; STAGES as usize]) -> u8 {
    scores
        .iter()
        .take_while(|s| s.is_some_and(|s| s >= REACHED))
        .count() as u8
}

/// The score of one stage's indicators in an assessment.
pub fn stage_score(domain: &Domain, level: u8, assessment: &Assessment) -> Option<f64> {
    let stage = domain.stages.iter().find(|s| s.level == level)?;
    let mut tally = Tally::default();
    for indicator in &stage.indicators {
        tally.add(assessment.answer(&indicator.id));
    }
    tally.score()
}

/// Scored answers counted as they are read, so each answer is looked up
/// once (a listing computes this for every profile in the folder).
#[derive(Default)]
struct Tally {
    sum: f64,
    scored: usize,
    answered: usize,
}

impl Tally {
    fn add(&mut self, value: AnswerValue) {
        if let Some(score) = value.score() {
            self.sum += score;
            self.scored += 1;
        }
        if value.is_answered() {
            self.answered += 1;
        }
    }

    fn score(&self) -> Option<f64> {
        (self.scored > 0).then(|| self.sum / self.scored as f64)
    }
}

/// The level given by the three stages' scores (see the module's rules).
pub fn level_from_scores(scores: &[Option<f64>; STAGES as usize]) -> Option<f64> {
    if scores.iter().all(Option::is_none) {
        return None;
    }
    let reached = reached(scores);
    let next = scores
        .get(reached as usize)
        .copied()
        .flatten()
        .unwrap_or(0.0);
    Some(f64::from(reached) + next)
}

/// One domain's maturity in an assessment.
pub fn domain_maturity(domain: &Domain, assessment: &Assessment) -> DomainMaturity {
    maturity_of(
        domain,
        |id| assessment.answer(id),
        assessment.overrides.get(&domain.id),
    )
}

/// One domain's maturity from its answers, however they are held (a
/// listing reads them from the file without building an assessment).
pub(crate) fn maturity_of(
    domain: &Domain,
    answer: impl Fn(&str) -> AnswerValue,
    overridden: Option<&Override>,
) -> DomainMaturity {
    let mut stage_scores = [None; STAGES as usize];
    let (mut answered, mut total) = (0, 0);
    for (i, score) in stage_scores.iter_mut().enumerate() {
        let Some(stage) = domain.stages.iter().find(|s| usize::from(s.level) == i + 1) else {
            continue;
        };
        let mut tally = Tally::default();
        for indicator in &stage.indicators {
            tally.add(answer(&indicator.id));
        }
        *score = tally.score();
        answered += tally.answered;
        total += stage.indicators.len();
    }
    DomainMaturity {
        domain: domain.id,
        stage_scores,
        computed: level_from_scores(&stage_scores),
        overridden: overridden.cloned(),
        answered,
        total,
    }
}

/// All seven domains' maturity, in the report's order.
pub fn assessment_maturity(framework: &Framework, assessment: &Assessment) -> Vec<DomainMaturity> {
    framework
        .domains
        .iter()
        .map(|d| domain_maturity(d, assessment))
        .collect()
}

/// Answered and total questions over the whole assessment.
pub fn progress(framework: &Framework, assessment: &Assessment) -> (usize, usize) {
    let total = framework.indicator_count();
    let answered = framework
        .indicators()
        .filter(|r| assessment.answer(&r.indicator.id).is_answered())
        .count();
    (answered, total)
}

/// A domain's standing in an assessment: where it is, where the city wants
/// it, and the distance between.
#[derive(Debug, Clone, PartialEq)]
pub struct DomainStatus {
    pub maturity: DomainMaturity,
    pub target: Option<Target>,
    pub importance: Option<u8>,
}

impl DomainStatus {
    /// Target stage minus the current level, never below 0; `None` when
    /// either is unknown.
    pub fn gap(&self) -> Option<f64> {
        let target = self.target?;
        let level = self.maturity.level()?;
        Some((f64::from(target.stage) - level).max(0.0))
    }
}

/// All seven domains' standing in an assessment, in the report's order.
pub fn assessment_status(framework: &Framework, assessment: &Assessment) -> Vec<DomainStatus> {
    assessment_maturity(framework, assessment)
        .into_iter()
        .map(|maturity| DomainStatus {
            target: assessment.targets.get(&maturity.domain).copied(),
            importance: assessment.importance.get(&maturity.domain).copied(),
            maturity,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::framework;
    use crate::core::profile::{Answer, AnswerValue};
    use chrono::NaiveDate;

    fn assessment() -> Assessment {
        Assessment::new(NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(), "test")
    }

    fn answer_stage(a: &mut Assessment, domain: DomainId, level: u8, values: &[AnswerValue]) {
        let stage = &framework().domain(domain).stages[level as usize - 1];
        for (indicator, value) in stage.indicators.iter().zip(values.iter().cycle()) {
            a.answers
                .insert(indicator.id.clone(), Answer::new(*value, None));
        }
    }

    fn level(scores: [Option<f64>; 3]) -> Option<f64> {
        level_from_scores(&scores)
    }

    #[test]
    fn no_scored_answer_is_not_assessed_not_zero() {
        assert_eq!(level([None, None, None]), None);
        let mut a = assessment();
        answer_stage(&mut a, DomainId::Services, 1, &[AnswerValue::Unknown]);
        answer_stage(&mut a, DomainId::Services, 2, &[AnswerValue::NotApplicable]);
        let m = domain_maturity(framework().domain(DomainId::Services), &a);
        assert_eq!(m.level(), None);
        assert!(!m.is_assessed());
        // not applicable counts as answered, unknown does not
        let stage2 = framework().domain(DomainId::Services).stages[1]
            .indicators
            .len();
        assert_eq!(m.answered, stage2);
    }

    #[test]
    fn all_not_met_is_a_real_zero() {
        let mut a = assessment();
        answer_stage(&mut a, DomainId::Economy, 1, &[AnswerValue::NotMet]);
        let m = domain_maturity(framework().domain(DomainId::Economy), &a);
        assert_eq!(m.level(), Some(0.0));
        assert_eq!(m.stage(), Some(0));
    }

    #[test]
    fn partial_first_stage_gives_its_share() {
        assert_eq!(level([Some(0.5), None, None]), Some(0.5));
        // a higher stage does not count while a lower one is not reached
        assert_eq!(level([Some(0.6), Some(1.0), Some(1.0)]), Some(0.6));
    }

    #[test]
    fn the_threshold_is_inclusive() {
        assert_eq!(level([Some(0.75), Some(0.5), None]), Some(1.5));
        assert_eq!(level([Some(0.74), Some(0.5), None]), Some(0.74));
    }

    #[test]
    fn reached_stages_plus_next_share() {
        assert_eq!(level([Some(1.0), Some(0.8), Some(0.25)]), Some(2.25));
        assert_eq!(level([Some(1.0), Some(1.0), Some(1.0)]), Some(3.0));
        assert_eq!(level([Some(1.0), Some(1.0), Some(0.75)]), Some(3.0));
        // the next stage without answers adds nothing
        assert_eq!(level([Some(0.9), None, None]), Some(1.0));
        // a stage without scored answers is not reached, even if the next is
        assert_eq!(level([None, Some(1.0), None]), Some(0.0));
    }

    #[test]
    fn not_applicable_is_left_out_of_the_score() {
        let mut a = assessment();
        answer_stage(
            &mut a,
            DomainId::Governance,
            1,
            &[AnswerValue::Met, AnswerValue::NotApplicable],
        );
        let score = stage_score(framework().domain(DomainId::Governance), 1, &a);
        assert_eq!(score, Some(1.0));
        answer_stage(
            &mut a,
            DomainId::Governance,
            1,
            &[AnswerValue::Met, AnswerValue::Partly, AnswerValue::NotMet],
        );
        let stage = &framework().domain(DomainId::Governance).stages[0];
        let expected: f64 = stage
            .indicators
            .iter()
            .map(|i| a.answer(&i.id).score().unwrap())
            .sum::<f64>()
            / stage.indicators.len() as f64;
        assert_eq!(
            stage_score(framework().domain(DomainId::Governance), 1, &a),
            Some(expected)
        );
    }

    #[test]
    fn an_override_replaces_the_level_and_is_kept_as_such() {
        let mut a = assessment();
        answer_stage(&mut a, DomainId::Enablers, 1, &[AnswerValue::Met]);
        a.overrides.insert(
            DomainId::Enablers,
            Override {
                level: 2.0,
                reason: "leading group seen at work".into(),
            },
        );
        let m = domain_maturity(framework().domain(DomainId::Enablers), &a);
        assert_eq!(m.computed, Some(1.0));
        assert_eq!(m.level(), Some(2.0));
        assert_eq!(
            m.overridden.as_ref().unwrap().reason,
            "leading group seen at work"
        );
        // an override alone makes a domain assessed
        let mut b = assessment();
        b.overrides.insert(
            DomainId::Services,
            Override {
                level: 0.5,
                reason: "r".into(),
            },
        );
        let m = domain_maturity(framework().domain(DomainId::Services), &b);
        assert_eq!((m.computed, m.level()), (None, Some(0.5)));
    }

    #[test]
    fn gap_is_target_minus_level_never_below_zero() {
        let mut a = assessment();
        answer_stage(&mut a, DomainId::Services, 1, &[AnswerValue::Met]);
        answer_stage(&mut a, DomainId::Services, 2, &[AnswerValue::Partly]);
        a.targets.insert(DomainId::Services, Target::new(3, 5));
        a.targets.insert(DomainId::Economy, Target::new(2, 2));
        a.overrides.insert(
            DomainId::Governance,
            Override {
                level: 2.5,
                reason: "r".into(),
            },
        );
        a.targets.insert(DomainId::Governance, Target::new(2, 2));
        let status = assessment_status(framework(), &a);
        assert_eq!(status[0].maturity.level(), Some(1.5));
        assert_eq!(status[0].gap(), Some(1.5));
        assert_eq!(status[1].gap(), None, "economy is not assessed");
        assert_eq!(status[2].gap(), Some(0.0), "already above target");
        assert_eq!(status[3].gap(), None, "no target");
    }

    #[test]
    fn progress_counts_answered_over_all_indicators() {
        let mut a = assessment();
        assert_eq!(
            progress(framework(), &a),
            (0, framework().indicator_count())
        );
        answer_stage(&mut a, DomainId::Services, 1, &[AnswerValue::NotApplicable]);
        let n = framework().domain(DomainId::Services).stages[0]
            .indicators
            .len();
        assert_eq!(progress(framework(), &a).0, n);
        assert_eq!(assessment_maturity(framework(), &a).len(), 7);
    }
}
