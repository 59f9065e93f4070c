//! What is wrong with a profile file ([`Problem`]: it must not be saved or
//! imported as it is) and what is worth saying about one that is sound
//! ([`Warning`]). Each is typed, carrying the pieces of its JSON path, the
//! value found and the limits of [`super::limits`] it breaks; their words,
//! in both languages, are in `src/text/validate.rs`. `Display` gives the
//! English.

use serde::{Deserialize, Serialize};

use super::framework::{DomainId, Framework};
use super::id::{IdError, check_id};
use super::lang::Lang;
use super::limits;
use super::ops::EditError;
use super::profile::{ASSUMABLE_FIELDS, Profile, parse_move_key};

/// One thing that makes a profile invalid. `assessment` and `respondent`
/// are positions counted from 1, as the path `assessments[1]` shows them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Problem {
    /// No id, and none can be derived from the English name.
    NoId,
    /// The profile's `id` is not an id.
    BadId { id: String, why: IdError },
    /// `city.name` is blank in both languages.
    NoCityName,
    /// `city.assumed` names a field that is not one of
    /// [`ASSUMABLE_FIELDS`].
    NotAssumable { field: String },
    /// `assessments[n].id` is not an id.
    BadAssessmentId {
        assessment: usize,
        id: String,
        why: IdError,
    },
    /// `assessments[n].id` repeats an earlier assessment's.
    RepeatedAssessmentId { assessment: usize, id: String },
    /// `assessments[n].targets.<domain>.stage` outside `min..=max`.
    Stage {
        assessment: usize,
        domain: DomainId,
        stage: u8,
        min: u8,
        max: u8,
    },
    /// `assessments[n].targets.<domain>.horizon_years` outside `min..=max`.
    Horizon {
        assessment: usize,
        domain: DomainId,
        years: u8,
        min: u8,
        max: u8,
    },
    /// `assessments[n].targets.<domain>.target_year` outside `min..=max`.
    TargetYear {
        assessment: usize,
        domain: DomainId,
        year: u16,
        min: u16,
        max: u16,
    },
    /// `assessments[n].importance.<domain>` outside `min..=max`.
    Importance {
        assessment: usize,
        domain: DomainId,
        importance: u8,
        min: u8,
        max: u8,
    },
    /// `assessments[n].overrides.<domain>.level` outside `min..=max`.
    OverrideLevel {
        assessment: usize,
        domain: DomainId,
        level: f64,
        min: f64,
        max: f64,
    },
    /// `assessments[n].overrides.<domain>` without a reason.
    OverrideReason { assessment: usize, domain: DomainId },
    /// A key of `assessments[n].plan` that is not a phase number.
    NotAPhase { assessment: usize, phase: String },
    /// `assessments[n].plan.<phase>` ends before it starts.
    PhaseEndsBeforeStart { assessment: usize, phase: String },
    /// A key of `assessments[n].plan_moves` that is not `domain:from-to`.
    NotAMove { assessment: usize, key: String },
    /// `assessments[n].plan_moves.<key>` ends before it starts.
    MoveEndsBeforeStart { assessment: usize, key: String },
    /// `assessments[n].respondents[m]` has a blank name.
    RespondentUnnamed {
        assessment: usize,
        respondent: usize,
    },
    /// `assessments[n].respondents[m].id` is not an id.
    BadRespondentId {
        assessment: usize,
        respondent: usize,
        id: String,
        why: IdError,
    },
    /// `assessments[n].respondents[m].id` repeats an earlier respondent's.
    RepeatedRespondentId {
        assessment: usize,
        respondent: usize,
        id: String,
    },
    /// A key of `assessments[n].questionnaires` that is not a token.
    NotAToken { assessment: usize, token: String },
}

/// Something worth saying about a profile that does not make it invalid.
/// `assessment` is a position counted from 1.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Warning {
    /// `disputes`: values two merged versions disagree on, to settle.
    Disputes { count: usize },
    /// `city.country` is not an ISO 3166-1 alpha-2 code (kept).
    NotACountryCode { country: String },
    /// A plan date of `assessments[n].plan` an edit would refuse now.
    PlanDate { assessment: usize, error: EditError },
    /// `assessments[n].answers` holds an indicator the framework lacks.
    UnknownIndicator {
        assessment: usize,
        indicator: String,
    },
    /// `assessments[n].answers.<indicator>.voices` names no respondent of
    /// the assessment.
    VoiceOfNoRespondent {
        assessment: usize,
        indicator: String,
        respondent: String,
    },
    /// `assessments[n].questionnaires.<token>` was issued to no respondent
    /// of the assessment.
    QuestionnaireOfNoRespondent {
        assessment: usize,
        token: String,
        respondent: String,
    },
}

impl Problem {
    /// The problem in `lang`, one line.
    pub fn message(&self, lang: Lang) -> String {
        crate::text::validate::problem(self, lang)
    }
}

impl Warning {
    /// The warning in `lang`, one line.
    pub fn message(&self, lang: Lang) -> String {
        crate::text::validate::warning(self, lang)
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl Profile {
    /// What is wrong with the profile's content. Empty when the profile is
    /// sound. Warnings (unknown indicator ids) are in
    /// [`Profile::warnings`], not here.
    pub fn problems(&self) -> Vec<Problem> {
        let mut problems = Vec::new();
        if let Err(why) = check_id(&self.id) {
            if self.id.is_empty() {
                problems.push(Problem::NoId);
            } else {
                problems.push(Problem::BadId {
                    id: self.id.clone(),
                    why,
                });
            }
        }
        if self.city.name.is_blank() {
            problems.push(Problem::NoCityName);
        }
        // (`updated` earlier than `created` is not a problem: clocks
        // disagree, and a colleague's fast clock must not make a profile
        // invalid; the store never writes `updated` before `created`)
        for field in &self.city.assumed {
            if !ASSUMABLE_FIELDS.contains(&field.as_str()) {
                problems.push(Problem::NotAssumable {
                    field: field.clone(),
                });
            }
        }
        let mut ids: Vec<&str> = Vec::new();
        for (n, assessment) in self.assessments.iter().enumerate() {
            let at = n + 1;
            if let Err(why) = check_id(&assessment.id) {
                problems.push(Problem::BadAssessmentId {
                    assessment: at,
                    id: assessment.id.clone(),
                    why,
                });
            } else if ids.contains(&assessment.id.as_str()) {
                problems.push(Problem::RepeatedAssessmentId {
                    assessment: at,
                    id: assessment.id.clone(),
                });
            }
            ids.push(&assessment.id);
            for (&domain, target) in &assessment.targets {
                if limits::check_stage(target.stage).is_err() {
                    problems.push(Problem::Stage {
                        assessment: at,
                        domain,
                        stage: target.stage,
                        min: limits::MIN_STAGE,
                        max: limits::MAX_STAGE,
                    });
                }
                if limits::check_horizon(target.horizon_years).is_err() {
                    problems.push(Problem::Horizon {
                        assessment: at,
                        domain,
                        years: target.horizon_years,
                        min: limits::MIN_HORIZON_YEARS,
                        max: limits::MAX_HORIZON_YEARS,
                    });
                }
                if let Some(year) = target.target_year
                    && limits::check_target_year(year).is_err()
                {
                    problems.push(Problem::TargetYear {
                        assessment: at,
                        domain,
                        year,
                        min: limits::MIN_TARGET_YEAR,
                        max: limits::MAX_TARGET_YEAR,
                    });
                }
            }
            for (&domain, &importance) in &assessment.importance {
                if limits::check_importance(importance).is_err() {
                    problems.push(Problem::Importance {
                        assessment: at,
                        domain,
                        importance,
                        min: limits::MIN_IMPORTANCE,
                        max: limits::MAX_IMPORTANCE,
                    });
                }
            }
            for (&domain, over) in &assessment.overrides {
                if limits::check_override_level(over.level).is_err() {
                    problems.push(Problem::OverrideLevel {
                        assessment: at,
                        domain,
                        level: over.level,
                        min: limits::MIN_OVERRIDE_LEVEL,
                        max: limits::MAX_OVERRIDE_LEVEL,
                    });
                }
                if limits::check_override_reason(&over.reason).is_err() {
                    problems.push(Problem::OverrideReason {
                        assessment: at,
                        domain,
                    });
                }
            }
            for (phase, edit) in &assessment.plan {
                if limits::check_phase(phase).is_err() {
                    problems.push(Problem::NotAPhase {
                        assessment: at,
                        phase: phase.clone(),
                    });
                }
                if limits::check_phase_dates(edit.start, edit.end).is_err() {
                    problems.push(Problem::PhaseEndsBeforeStart {
                        assessment: at,
                        phase: phase.clone(),
                    });
                }
            }
            for (key, edit) in &assessment.plan_moves {
                if parse_move_key(key).is_none() {
                    problems.push(Problem::NotAMove {
                        assessment: at,
                        key: key.clone(),
                    });
                }
                if limits::check_phase_dates(edit.start, edit.end).is_err() {
                    problems.push(Problem::MoveEndsBeforeStart {
                        assessment: at,
                        key: key.clone(),
                    });
                }
            }
            let mut respondent_ids: Vec<&str> = Vec::new();
            for (i, respondent) in assessment.respondents.iter().enumerate() {
                let r = i + 1;
                if limits::check_name(&respondent.name).is_err() {
                    problems.push(Problem::RespondentUnnamed {
                        assessment: at,
                        respondent: r,
                    });
                }
                if let Err(why) = check_id(&respondent.id) {
                    problems.push(Problem::BadRespondentId {
                        assessment: at,
                        respondent: r,
                        id: respondent.id.clone(),
                        why,
                    });
                } else if respondent_ids.contains(&respondent.id.as_str()) {
                    problems.push(Problem::RepeatedRespondentId {
                        assessment: at,
                        respondent: r,
                        id: respondent.id.clone(),
                    });
                }
                respondent_ids.push(&respondent.id);
            }
            for token in assessment.questionnaires.keys() {
                if !super::uid::is_uid(token) {
                    problems.push(Problem::NotAToken {
                        assessment: at,
                        token: token.clone(),
                    });
                }
            }
        }
        problems
    }

    /// Things worth saying that do not make the profile invalid: answers to
    /// indicators this version of the framework does not have, disputes to
    /// settle, plan dates an edit would refuse.
    pub fn warnings(&self, framework: &Framework) -> Vec<Warning> {
        let mut warnings = Vec::new();
        if !self.disputes.is_empty() {
            warnings.push(Warning::Disputes {
                count: self.disputes.len(),
            });
        }
        let country = self.city.country.trim();
        if !country.is_empty() && (country.len() != 2 || super::country::by_code(country).is_none())
        {
            warnings.push(Warning::NotACountryCode {
                country: country.to_string(),
            });
        }
        for (n, assessment) in self.assessments.iter().enumerate() {
            let at = n + 1;
            for error in super::ops::plan_date_problems(assessment) {
                warnings.push(Warning::PlanDate {
                    assessment: at,
                    error,
                });
            }
            for (id, answer) in &assessment.answers {
                if framework.indicator(id).is_none() {
                    warnings.push(Warning::UnknownIndicator {
                        assessment: at,
                        indicator: id.clone(),
                    });
                }
                for voice in answer.voices.keys() {
                    if assessment.respondent(voice).is_none() {
                        warnings.push(Warning::VoiceOfNoRespondent {
                            assessment: at,
                            indicator: id.clone(),
                            respondent: voice.clone(),
                        });
                    }
                }
            }
            for (token, q) in &assessment.questionnaires {
                if assessment.respondent(&q.respondent).is_none() {
                    warnings.push(Warning::QuestionnaireOfNoRespondent {
                        assessment: at,
                        token: token.clone(),
                        respondent: q.respondent.clone(),
                    });
                }
            }
        }
        warnings
    }
}
