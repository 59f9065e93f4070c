//! Edits as operations. Every change a user makes to a profile is an
//! [`Op`], applied by [`Profile::apply`]: all or nothing, checked against
//! the limits of [`super::limits`] (the same checks
//! [`Profile::problems`] uses on a file). Operations address assessments
//! and respondents by id, never by position, and carry every id and date
//! they create, so replaying one (from a journal, another session, a merge)
//! gives the same result. They serialize with serde (`{"op": "set_answer",
//! ...}`).

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::framework::DomainId;
use super::lang::{Lang, Text};
use super::limits::{self, check_name};
use super::profile::{
    ASSUMABLE_FIELDS, Answer, AnswerValue, Assessment, Level, MoveEdit, Override, PhaseEdit,
    PopulationKind, Profile, Questionnaire, Respondent, Specialty, Target, Voice, move_key,
    parse_move_key,
};
use super::uid::is_uid;

/// The horizon a target gets when it is set without one.
pub const DEFAULT_HORIZON_YEARS: u8 = 3;

/// One change to a profile.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Op {
    /// Starts an assessment with id `id` on `date`. With `carry_from`, it
    /// starts from that assessment's answers, targets, importance and
    /// respondents ([`Assessment::carried_forward`]).
    NewAssessment {
        id: String,
        date: NaiveDate,
        #[serde(default)]
        interviewer: String,
        #[serde(default)]
        carry_from: Option<String>,
    },
    /// The date of an assessment (the day it was held), editable after
    /// it was created.
    SetAssessmentDate { assessment: String, date: NaiveDate },
    /// Removes an assessment (the interface keeps the profile as it was in
    /// the trash first). A profile keeps at least one assessment.
    DeleteAssessment { assessment: String },
    /// Puts back an assessment taken from the trash, among the others by
    /// its date (after those of the same day). Its id must be free.
    RestoreAssessment { assessment: Box<Assessment> },
    /// Carries the assessor's override of `domain` from assessment `from`
    /// (overrides are not carried by [`Op::NewAssessment`]).
    CarryOverride {
        assessment: String,
        from: String,
        domain: DomainId,
    },
    /// Confirms every carried-over answer of a domain, or of one stage
    /// (1 to 3) of it.
    ConfirmAnswers {
        assessment: String,
        domain: DomainId,
        #[serde(default)]
        stage: Option<u8>,
    },
    /// The interviewer line: in one language (`lang`: the other language
    /// is kept), or (`lang` absent) as plain text only, which replaces a
    /// line kept in both languages.
    SetInterviewer {
        assessment: String,
        #[serde(default)]
        lang: Option<Lang>,
        text: String,
    },
    /// The agreed answer to an indicator; confirms a carried-over answer.
    SetAnswer {
        assessment: String,
        indicator: String,
        value: AnswerValue,
    },
    /// Confirms a carried-over answer without changing it.
    ConfirmAnswer {
        assessment: String,
        indicator: String,
    },
    /// The note of an answer; `None` (or blank) removes it. An answer whose
    /// note is in both languages (`note_text`) gets it in `lang`; any other
    /// gets the plain `note`.
    SetNote {
        assessment: String,
        indicator: String,
        lang: Lang,
        note: Option<String>,
    },
    /// The target stage of a domain; `None` removes the target. A new target
    /// gets [`DEFAULT_HORIZON_YEARS`].
    SetTarget {
        assessment: String,
        domain: DomainId,
        stage: Option<u8>,
    },
    /// The horizon of a domain's target, which must exist.
    SetHorizon {
        assessment: String,
        domain: DomainId,
        years: u8,
    },
    /// The calendar year of a domain's target, which must exist.
    SetTargetYear {
        assessment: String,
        domain: DomainId,
        year: Option<u16>,
    },
    SetImportance {
        assessment: String,
        domain: DomainId,
        importance: Option<u8>,
    },
    /// The assessor's own level for a domain, with the reason.
    SetOverride {
        assessment: String,
        domain: DomainId,
        level: f64,
        reason: String,
    },
    ClearOverride {
        assessment: String,
        domain: DomainId,
    },
    /// One field of a plan phase (1, 2, ...).
    SetPlan {
        assessment: String,
        phase: u32,
        field: PlanField,
    },
    /// One field of a move of the plan (domain, from, to), kept under
    /// [`Assessment::plan_moves`] so that reshaping the phases never
    /// attaches it to another move. `from < to <= 3`.
    SetMovePlan {
        assessment: String,
        domain: DomainId,
        from: u8,
        to: u8,
        field: MoveField,
    },
    /// Adds a respondent; its `id` must be new.
    AddRespondent {
        assessment: String,
        respondent: Respondent,
    },
    /// Replaces the respondent with the same id.
    EditRespondent {
        assessment: String,
        respondent: Respondent,
    },
    /// Removes a respondent, and its voices.
    RemoveRespondent {
        assessment: String,
        respondent: String,
    },
    /// A fact of the city.
    SetCity { field: CityField },
    /// One respondent's own answer to an indicator (a voice), given at
    /// `at` (the core has no clock: the caller says when). `note`: `None`
    /// keeps the voice's note, a blank one removes it. An indicator with no
    /// agreed answer gets the voices' provisional one
    /// ([`super::voices`]); an agreed answer stays as it is.
    SetVoice {
        assessment: String,
        indicator: String,
        respondent: String,
        value: AnswerValue,
        #[serde(default)]
        note: Option<String>,
        #[serde(default)]
        at: Option<DateTime<Utc>>,
    },
    /// Removes one respondent's voice on one indicator.
    ClearVoice {
        assessment: String,
        indicator: String,
        respondent: String,
    },
    /// The agreed answer among the voices: `value`, who settled it (`by`,
    /// free text, required) and why (`reason`, required). The answer stops
    /// being provisional.
    Settle {
        assessment: String,
        indicator: String,
        value: AnswerValue,
        by: String,
        reason: String,
    },
    /// Records a questionnaire issued to a respondent of the assessment,
    /// under its token (a new lowercase UUID).
    IssueQuestionnaire {
        assessment: String,
        token: String,
        questionnaire: Questionnaire,
    },
    /// Records when an issued questionnaire was read back.
    QuestionnaireImported {
        assessment: String,
        token: String,
        at: DateTime<Utc>,
    },
    /// Settles a dispute a merge left in the profile's `disputes`
    /// ([`super::merge::Dispute`], matched by `assessment` and `field`):
    /// the dispute leaves the list; with `take_theirs`, the field first
    /// takes the other side's value (`null`: the field is removed). Taking
    /// theirs is refused for an item of a list (an assessment or a
    /// respondent removed on one side), whose value is not recorded.
    ResolveDispute {
        #[serde(default)]
        assessment: Option<String>,
        field: String,
        #[serde(default)]
        take_theirs: bool,
    },
}

/// The field of a plan phase an [`Op::SetPlan`] sets.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlanField {
    Owner(String),
    Start(Option<NaiveDate>),
    End(Option<NaiveDate>),
}

/// The field of a move an [`Op::SetMovePlan`] sets.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MoveField {
    Owner(String),
    Start(Option<NaiveDate>),
    End(Option<NaiveDate>),
    /// The measurable outcome of one indicator of the move's work (an
    /// indicator of the domain at a stage above `from` up to `to`); blank
    /// removes it.
    Outcome {
        indicator: String,
        text: String,
    },
}

/// Which constraint an [`CityField::Constraint`] sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Resource {
    Funding,
    Talent,
    Technology,
}

/// A city fact an [`Op::SetCity`] sets.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CityField {
    /// The name in one language; the name may not end up blank in both.
    Name {
        lang: Lang,
        text: String,
    },
    Country(String),
    /// The region: in one language (`region_text`, the other language
    /// kept), or (`lang` absent) as plain text only, replacing both.
    Region {
        lang: Option<Lang>,
        text: String,
    },
    Population(Option<u64>),
    PopulationKind(Option<PopulationKind>),
    Specialties(Vec<Specialty>),
    SpecialtyDetail {
        lang: Lang,
        text: String,
    },
    Constraint {
        resource: Resource,
        level: Level,
    },
    /// Marks a fact (one of [`ASSUMABLE_FIELDS`]) as assumed, or not.
    Assumed {
        field: String,
        assumed: bool,
    },
}

/// Why an operation was refused. Its words, in both languages, are in
/// `src/text/edit.rs` ([`EditError::message`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum EditError {
    NoSuchAssessment(String),
    NoSuchRespondent(String),
    /// An id that is not a lowercase UUID.
    BadId(String),
    /// An id already used in the profile.
    IdTaken(String),
    StageOutOfRange(u8),
    HorizonOutOfRange(u8),
    TargetYearOutOfRange(u16),
    /// A horizon or year set on a domain without a target.
    NoTarget(DomainId),
    ImportanceOutOfRange(u8),
    OverrideLevelOutOfRange(f64),
    OverrideNeedsReason,
    NotAPhase(String),
    /// A move that is not one: `from` not below `to`, or `to` not a stage.
    NotAMove {
        from: u8,
        to: u8,
    },
    /// An outcome set for an indicator outside the move's work.
    NotInMove {
        indicator: String,
        key: String,
    },
    /// A text longer than the limit (characters).
    TooLong(usize),
    EndBeforeStart {
        start: NaiveDate,
        end: NaiveDate,
    },
    /// A respondent's or a city's name left blank.
    NameRequired,
    NotAssumable(String),
    /// The profile was written by a newer citydx and is read-only.
    ReadOnly(u32),
    /// A settled answer without who settled it or why.
    SettleNeedsReason,
    /// A country that is not an ISO 3166-1 alpha-2 code.
    UnknownCountry(String),
    /// Deleting the only assessment of a profile.
    OnlyAssessment,
    /// Carrying an override the assessment does not have.
    NoOverride(DomainId),
    /// A plan date before the day of the assessment.
    PlanBeforeAssessment {
        date: NaiveDate,
        assessed: NaiveDate,
    },
    /// A plan date after the end of the target's year (the horizon).
    PlanBeyondHorizon {
        date: NaiveDate,
        year: i32,
    },
    /// A later move (or phase) of the plan starting before an earlier one.
    PlanOutOfOrder {
        earlier: String,
        later: String,
    },
    /// No questionnaire with this token in the assessment.
    NoSuchQuestionnaire(String),
    /// No dispute on this field in the profile's `disputes`.
    NoSuchDispute(String),
    /// The other side's value of this disputed field cannot be taken (an
    /// item of a list, or a value the profile does not accept).
    CannotTakeTheirs(String),
}

impl EditError {
    /// The reason in `lang`, one sentence.
    pub fn message(&self, lang: Lang) -> String {
        crate::text::edit::message(self, lang)
    }
}

impl std::fmt::Display for EditError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for EditError {}

/// Removes `respondent`'s voice on `indicator`: a provisional answer
/// follows the voices left, and one that rested on that voice alone is
/// no answer any more (removed, unless it holds a note or unknown keys).
fn drop_voice(a: &mut Assessment, indicator: &str, respondent: &str) {
    let Some(answer) = a.answers.get_mut(indicator) else {
        return;
    };
    if answer.voices.remove(respondent).is_none() {
        return;
    }
    let was_provisional = answer.provisional;
    answer.refresh_provisional();
    if was_provisional && answer.voices.is_empty() {
        answer.value = AnswerValue::Unknown;
        if !answer.has_note() && answer.extra.is_empty() {
            a.answers.remove(indicator);
        }
    }
}

/// Sets `text` in `lang` in a bilingual text that may not exist yet.
fn set_lang(slot: &mut Option<Text>, lang: Lang, text: &str) {
    let t = slot.get_or_insert_with(Text::default);
    match lang {
        Lang::En => t.en = text.to_string(),
        Lang::Zh => t.zh = text.to_string(),
    }
    if t.is_blank() {
        *slot = None;
    }
}

/// The plain text kept beside a bilingual one: its English, else its Chinese.
fn plain_of(text: &Text) -> String {
    if text.en.trim().is_empty() {
        text.zh.clone()
    } else {
        text.en.clone()
    }
}

/// The last year a domain's plan may reach: its target's year, else the
/// assessment's year plus the target's horizon; `None` without a target.
pub fn horizon_year(a: &Assessment, domain: DomainId) -> Option<i32> {
    let t = a.targets.get(&domain)?;
    Some(
        t.target_year
            .map(i32::from)
            .unwrap_or(a.date.year() + i32::from(t.horizon_years)),
    )
}

/// A plan date must fall on or after the day of the assessment and no
/// later than the end of `year` (the horizon), when there is one.
fn check_plan_date(a: &Assessment, date: NaiveDate, year: Option<i32>) -> Result<(), EditError> {
    if date < a.date {
        return Err(EditError::PlanBeforeAssessment {
            date,
            assessed: a.date,
        });
    }
    if let Some(year) = year
        && date.year() > year
    {
        return Err(EditError::PlanBeyondHorizon { date, year });
    }
    Ok(())
}

/// The dates of a move: after the assessment, within the domain's horizon,
/// and in order with the domain's other moves (a move to a higher stage
/// does not start before a move to a lower one).
fn check_move_plan(
    a: &Assessment,
    domain: DomainId,
    (from, to): (u8, u8),
    edit: &MoveEdit,
) -> Result<(), EditError> {
    let year = horizon_year(a, domain);
    for date in [edit.start, edit.end].into_iter().flatten() {
        check_plan_date(a, date, year)?;
    }
    let Some(start) = edit.start else {
        return Ok(());
    };
    let key = move_key(domain, from, to);
    for (other, e) in &a.plan_moves {
        let Some((d, f, _)) = parse_move_key(other) else {
            continue;
        };
        let Some(other_start) = e.start else {
            continue;
        };
        if d != domain || f == from {
            continue;
        }
        if f < from && start < other_start {
            return Err(EditError::PlanOutOfOrder {
                earlier: other.clone(),
                later: key,
            });
        }
        if f > from && other_start < start {
            return Err(EditError::PlanOutOfOrder {
                earlier: key,
                later: other.clone(),
            });
        }
    }
    Ok(())
}

/// The dates of a phase: after the assessment, within the longest horizon
/// of the targets, and not starting before an earlier phase starts.
fn check_phase_plan(a: &Assessment, phase: u32, edit: &PhaseEdit) -> Result<(), EditError> {
    let year = DomainId::ALL
        .iter()
        .filter_map(|d| horizon_year(a, *d))
        .max();
    for date in [edit.start, edit.end].into_iter().flatten() {
        check_plan_date(a, date, year)?;
    }
    let Some(start) = edit.start else {
        return Ok(());
    };
    for (other, e) in &a.plan {
        let (Ok(n), Some(other_start)) = (other.parse::<u32>(), e.start) else {
            continue;
        };
        if (n < phase && start < other_start) || (n > phase && other_start < start) {
            let (earlier, later) = if n < phase {
                (other.clone(), phase.to_string())
            } else {
                (phase.to_string(), other.clone())
            };
            return Err(EditError::PlanOutOfOrder { earlier, later });
        }
    }
    Ok(())
}

/// Every plan date of `a` that [`Op::SetMovePlan`] or [`Op::SetPlan`]
/// would refuse now, as the errors they would give (for `validate`).
pub fn plan_date_problems(a: &Assessment) -> Vec<EditError> {
    let mut found = Vec::new();
    for (key, edit) in &a.plan_moves {
        if let Some((domain, from, to)) = parse_move_key(key)
            && let Err(e) = check_move_plan(a, domain, (from, to), edit)
            && !found.contains(&e)
        {
            found.push(e);
        }
    }
    for (phase, edit) in &a.plan {
        if let Ok(n) = phase.parse::<u32>()
            && let Err(e) = check_phase_plan(a, n, edit)
            && !found.contains(&e)
        {
            found.push(e);
        }
    }
    found
}

impl Profile {
    /// The assessment with id `id`.
    pub fn assessment(&self, id: &str) -> Option<&Assessment> {
        self.assessments.iter().find(|a| a.id == id)
    }

    /// The position (0-based) of the assessment with id `id`.
    pub fn assessment_index(&self, id: &str) -> Option<usize> {
        self.assessments.iter().position(|a| a.id == id)
    }

    fn assessment_mut(&mut self, id: &str) -> Result<&mut Assessment, EditError> {
        self.assessments
            .iter_mut()
            .find(|a| a.id == id)
            .ok_or_else(|| EditError::NoSuchAssessment(id.to_string()))
    }

    /// Whether `id` is already the id of an assessment or a respondent.
    /// (One respondent keeps one id from one assessment to the next: a
    /// respondent's id is new when no assessment and no respondent of
    /// `assessment` has it.)
    fn id_taken(&self, id: &str, assessment: Option<&str>) -> bool {
        self.assessments.iter().any(|a| {
            let counts = assessment.is_none_or(|at| at == a.id);
            a.id == id || (counts && a.respondents.iter().any(|r| r.id == id))
        })
    }

    /// Applies `op`: all of it, or (with the reason) none of it. Does not
    /// touch `updated` (the core has no clock: the caller sets it).
    pub fn apply(&mut self, op: &Op) -> Result<(), EditError> {
        if self.schema_version > super::profile::SCHEMA_VERSION {
            return Err(EditError::ReadOnly(self.schema_version));
        }
        let mut next = self.clone();
        next.apply_in_place(op)?;
        *self = next;
        Ok(())
    }

    /// Applies every op in turn, all or nothing.
    pub fn apply_all(&mut self, ops: &[Op]) -> Result<(), EditError> {
        let mut next = self.clone();
        for op in ops {
            next.apply(op)?;
        }
        *self = next;
        Ok(())
    }

    fn apply_in_place(&mut self, op: &Op) -> Result<(), EditError> {
        match op {
            Op::NewAssessment {
                id,
                date,
                interviewer,
                carry_from,
            } => {
                if !is_uid(id) {
                    return Err(EditError::BadId(id.clone()));
                }
                if self.id_taken(id, None) {
                    return Err(EditError::IdTaken(id.clone()));
                }
                let mut next = match carry_from {
                    Some(from) => {
                        let from = self
                            .assessment(from)
                            .ok_or_else(|| EditError::NoSuchAssessment(from.clone()))?;
                        from.carried_forward(*date)
                    }
                    None => Assessment::new(*date, ""),
                };
                next.id = id.clone();
                if carry_from.is_none() || !interviewer.is_empty() {
                    next.interviewer = interviewer.clone();
                    next.interviewer_text = None;
                }
                self.assessments.push(next);
            }
            Op::SetAssessmentDate { assessment, date } => {
                self.assessment_mut(assessment)?.date = *date;
            }
            Op::DeleteAssessment { assessment } => {
                let at = self
                    .assessment_index(assessment)
                    .ok_or_else(|| EditError::NoSuchAssessment(assessment.clone()))?;
                if self.assessments.len() == 1 {
                    return Err(EditError::OnlyAssessment);
                }
                self.assessments.remove(at);
            }
            Op::RestoreAssessment { assessment } => {
                if !is_uid(&assessment.id) {
                    return Err(EditError::BadId(assessment.id.clone()));
                }
                if self.id_taken(&assessment.id, None) {
                    return Err(EditError::IdTaken(assessment.id.clone()));
                }
                let at = self
                    .assessments
                    .iter()
                    .position(|a| a.date > assessment.date)
                    .unwrap_or(self.assessments.len());
                self.assessments.insert(at, (**assessment).clone());
            }
            Op::CarryOverride {
                assessment,
                from,
                domain,
            } => {
                let kept = self
                    .assessment(from)
                    .ok_or_else(|| EditError::NoSuchAssessment(from.clone()))?
                    .overrides
                    .get(domain)
                    .cloned()
                    .ok_or(EditError::NoOverride(*domain))?;
                self.assessment_mut(assessment)?
                    .overrides
                    .insert(*domain, kept);
            }
            Op::ConfirmAnswers {
                assessment,
                domain,
                stage,
            } => {
                if let Some(stage) = stage {
                    limits::check_stage(*stage)?;
                }
                let a = self.assessment_mut(assessment)?;
                for (id, answer) in a.answers.iter_mut() {
                    // an indicator id is `<domain>.s<stage>.<name>`
                    let mut parts = id.split('.');
                    let ours = parts.next() == Some(domain.as_str())
                        && stage.is_none_or(|s| parts.next() == Some(format!("s{s}").as_str()));
                    if ours {
                        answer.carried_over = false;
                    }
                }
            }
            Op::SetInterviewer {
                assessment,
                lang,
                text,
            } => {
                let a = self.assessment_mut(assessment)?;
                match lang {
                    None => {
                        a.interviewer = text.trim().to_string();
                        a.interviewer_text = None;
                    }
                    Some(lang) => {
                        set_lang(&mut a.interviewer_text, *lang, text);
                        a.interviewer = a
                            .interviewer_text
                            .as_ref()
                            .map(plain_of)
                            .unwrap_or_default();
                    }
                }
            }
            Op::SetAnswer {
                assessment,
                indicator,
                value,
            } => {
                let a = self.assessment_mut(assessment)?;
                let answer = a
                    .answers
                    .entry(indicator.clone())
                    .or_insert_with(|| Answer::new(*value, None));
                answer.value = *value;
                answer.carried_over = false;
                // the assessor's answer is agreed
                answer.provisional = false;
            }
            Op::ConfirmAnswer {
                assessment,
                indicator,
            } => {
                let a = self.assessment_mut(assessment)?;
                if let Some(answer) = a.answers.get_mut(indicator) {
                    answer.carried_over = false;
                }
            }
            Op::SetNote {
                assessment,
                indicator,
                lang,
                note,
            } => {
                let a = self.assessment_mut(assessment)?;
                let note = note.as_deref().map(str::trim).filter(|n| !n.is_empty());
                match a.answers.get_mut(indicator) {
                    Some(answer) => {
                        if answer.note_text.is_some() {
                            set_lang(&mut answer.note_text, *lang, note.unwrap_or(""));
                            answer.note = answer.note_text.as_ref().map(plain_of);
                        } else {
                            answer.note = note.map(str::to_string);
                        }
                        answer.carried_over = false;
                    }
                    None => {
                        if let Some(note) = note {
                            a.answers.insert(
                                indicator.clone(),
                                Answer::new(AnswerValue::Unknown, Some(note.to_string())),
                            );
                        }
                    }
                }
            }
            Op::SetTarget {
                assessment,
                domain,
                stage,
            } => {
                let a = self.assessment_mut(assessment)?;
                match stage {
                    None => {
                        a.targets.remove(domain);
                    }
                    Some(stage) => {
                        limits::check_stage(*stage)?;
                        a.targets
                            .entry(*domain)
                            .and_modify(|t| t.stage = *stage)
                            .or_insert_with(|| Target::new(*stage, DEFAULT_HORIZON_YEARS));
                    }
                }
            }
            Op::SetHorizon {
                assessment,
                domain,
                years,
            } => {
                limits::check_horizon(*years)?;
                let a = self.assessment_mut(assessment)?;
                let t = a
                    .targets
                    .get_mut(domain)
                    .ok_or(EditError::NoTarget(*domain))?;
                t.horizon_years = *years;
            }
            Op::SetTargetYear {
                assessment,
                domain,
                year,
            } => {
                if let Some(year) = year {
                    limits::check_target_year(*year)?;
                }
                let a = self.assessment_mut(assessment)?;
                let t = a
                    .targets
                    .get_mut(domain)
                    .ok_or(EditError::NoTarget(*domain))?;
                t.target_year = *year;
            }
            Op::SetImportance {
                assessment,
                domain,
                importance,
            } => {
                if let Some(i) = importance {
                    limits::check_importance(*i)?;
                }
                let a = self.assessment_mut(assessment)?;
                match importance {
                    None => a.importance.remove(domain),
                    Some(i) => a.importance.insert(*domain, *i),
                };
            }
            Op::SetOverride {
                assessment,
                domain,
                level,
                reason,
            } => {
                limits::check_override_level(*level)?;
                limits::check_override_reason(reason)?;
                let a = self.assessment_mut(assessment)?;
                a.overrides.insert(
                    *domain,
                    Override {
                        level: *level,
                        reason: reason.trim().to_string(),
                        reason_text: None,
                    },
                );
            }
            Op::ClearOverride { assessment, domain } => {
                self.assessment_mut(assessment)?.overrides.remove(domain);
            }
            Op::SetPlan {
                assessment,
                phase,
                field,
            } => {
                let key = phase.to_string();
                limits::check_phase(&key)?;
                let a = self.assessment_mut(assessment)?;
                let mut edit = a.plan.get(&key).cloned().unwrap_or_else(PhaseEdit::default);
                match field {
                    PlanField::Owner(owner) => edit.owner = owner.trim().to_string(),
                    PlanField::Start(start) => edit.start = *start,
                    PlanField::End(end) => edit.end = *end,
                }
                limits::check_phase_dates(edit.start, edit.end)?;
                check_phase_plan(a, *phase, &edit)?;
                // an empty edit is no edit
                if edit.owner.is_empty()
                    && edit.start.is_none()
                    && edit.end.is_none()
                    && edit.extra.is_empty()
                {
                    a.plan.remove(&key);
                } else {
                    a.plan.insert(key, edit);
                }
            }
            Op::SetMovePlan {
                assessment,
                domain,
                from,
                to,
                field,
            } => {
                let key = move_key(*domain, *from, *to);
                if parse_move_key(&key).is_none() {
                    return Err(EditError::NotAMove {
                        from: *from,
                        to: *to,
                    });
                }
                let a = self.assessment_mut(assessment)?;
                let mut edit = a.plan_moves.get(&key).cloned().unwrap_or_default();
                match field {
                    MoveField::Owner(owner) => {
                        limits::check_text_length(owner)?;
                        edit.owner = owner.trim().to_string();
                    }
                    MoveField::Start(start) => edit.start = *start,
                    MoveField::End(end) => edit.end = *end,
                    MoveField::Outcome { indicator, text } => {
                        let in_move = crate::core::framework::framework()
                            .indicator(indicator)
                            .is_some_and(|r| {
                                r.domain.id == *domain && r.level > *from && r.level <= *to
                            });
                        if !in_move {
                            return Err(EditError::NotInMove {
                                indicator: indicator.clone(),
                                key,
                            });
                        }
                        limits::check_text_length(text)?;
                        let text = text.trim();
                        if text.is_empty() {
                            edit.outcomes.remove(indicator);
                        } else {
                            edit.outcomes.insert(indicator.clone(), text.to_string());
                        }
                    }
                }
                limits::check_phase_dates(edit.start, edit.end)?;
                check_move_plan(a, *domain, (*from, *to), &edit)?;
                if edit.is_empty() {
                    a.plan_moves.remove(&key);
                } else {
                    a.plan_moves.insert(key, edit);
                }
            }
            Op::AddRespondent {
                assessment,
                respondent,
            } => {
                if !is_uid(&respondent.id) {
                    return Err(EditError::BadId(respondent.id.clone()));
                }
                if self.id_taken(&respondent.id, Some(assessment)) {
                    return Err(EditError::IdTaken(respondent.id.clone()));
                }
                check_name(&respondent.name)?;
                self.assessment_mut(assessment)?
                    .respondents
                    .push(respondent.clone());
            }
            Op::EditRespondent {
                assessment,
                respondent,
            } => {
                check_name(&respondent.name)?;
                let a = self.assessment_mut(assessment)?;
                let slot = a
                    .respondents
                    .iter_mut()
                    .find(|r| r.id == respondent.id)
                    .ok_or_else(|| EditError::NoSuchRespondent(respondent.id.clone()))?;
                *slot = respondent.clone();
            }
            Op::RemoveRespondent {
                assessment,
                respondent,
            } => {
                let a = self.assessment_mut(assessment)?;
                let at = a
                    .respondents
                    .iter()
                    .position(|r| &r.id == respondent)
                    .ok_or_else(|| EditError::NoSuchRespondent(respondent.clone()))?;
                a.respondents.remove(at);
                let voiced: Vec<String> = a
                    .answers
                    .iter()
                    .filter(|(_, x)| x.voices.contains_key(respondent))
                    .map(|(id, _)| id.clone())
                    .collect();
                for indicator in voiced {
                    drop_voice(a, &indicator, respondent);
                }
            }
            Op::SetCity { field } => self.set_city(field)?,
            Op::SetVoice {
                assessment,
                indicator,
                respondent,
                value,
                note,
                at,
            } => {
                let a = self.assessment_mut(assessment)?;
                if a.respondent(respondent).is_none() {
                    return Err(EditError::NoSuchRespondent(respondent.clone()));
                }
                let answer = a.answers.entry(indicator.clone()).or_insert_with(|| {
                    let mut fresh = Answer::new(AnswerValue::Unknown, None);
                    fresh.provisional = true;
                    fresh
                });
                // an answer nobody agreed on follows its voices: one not
                // given yet, one carried over from the last assessment
                if answer.voices.is_empty()
                    && (answer.value == AnswerValue::Unknown || answer.carried_over)
                {
                    answer.provisional = true;
                }
                if answer.provisional {
                    answer.carried_over = false;
                }
                let voice = answer
                    .voices
                    .entry(respondent.clone())
                    .or_insert_with(|| Voice {
                        value: *value,
                        note: None,
                        note_text: None,
                        at: None,
                        extra: Default::default(),
                    });
                voice.value = *value;
                if let Some(note) = note {
                    let note = note.trim();
                    voice.note = (!note.is_empty()).then(|| note.to_string());
                    voice.note_text = None;
                }
                if at.is_some() {
                    voice.at = *at;
                }
                answer.refresh_provisional();
            }
            Op::ClearVoice {
                assessment,
                indicator,
                respondent,
            } => {
                let a = self.assessment_mut(assessment)?;
                drop_voice(a, indicator, respondent);
            }
            Op::Settle {
                assessment,
                indicator,
                value,
                by,
                reason,
            } => {
                if by.trim().is_empty() || reason.trim().is_empty() {
                    return Err(EditError::SettleNeedsReason);
                }
                let a = self.assessment_mut(assessment)?;
                let answer = a
                    .answers
                    .entry(indicator.clone())
                    .or_insert_with(|| Answer::new(*value, None));
                answer.value = *value;
                answer.provisional = false;
                answer.carried_over = false;
                answer.settled_by = Some(by.trim().to_string());
                answer.settled_reason = Some(reason.trim().to_string());
            }
            Op::IssueQuestionnaire {
                assessment,
                token,
                questionnaire,
            } => {
                if !is_uid(token) {
                    return Err(EditError::BadId(token.clone()));
                }
                let a = self.assessment_mut(assessment)?;
                if a.respondent(&questionnaire.respondent).is_none() {
                    return Err(EditError::NoSuchRespondent(
                        questionnaire.respondent.clone(),
                    ));
                }
                if a.questionnaires.contains_key(token) {
                    return Err(EditError::IdTaken(token.clone()));
                }
                a.questionnaires
                    .insert(token.clone(), questionnaire.clone());
            }
            Op::QuestionnaireImported {
                assessment,
                token,
                at,
            } => {
                let a = self.assessment_mut(assessment)?;
                let Some(q) = a.questionnaires.get_mut(token) else {
                    return Err(EditError::NoSuchQuestionnaire(token.clone()));
                };
                q.last_import = Some(*at);
            }
            Op::ResolveDispute {
                assessment,
                field,
                take_theirs,
            } => {
                let at = self
                    .disputes
                    .iter()
                    .position(|d| d.assessment == *assessment && d.field == *field)
                    .ok_or_else(|| EditError::NoSuchDispute(field.clone()))?;
                let dispute = self.disputes.remove(at);
                if *take_theirs {
                    self.take_theirs(&dispute)?;
                }
            }
        }
        Ok(())
    }

    /// Sets the field of `dispute` to its other side's value, through the
    /// profile's JSON (the field is a path of keys joined with `/`).
    fn take_theirs(&mut self, dispute: &super::merge::Dispute) -> Result<(), EditError> {
        use serde_json::Value;
        let refused = || EditError::CannotTakeTheirs(dispute.field.clone());
        let mut whole = serde_json::to_value(&*self).map_err(|_| refused())?;
        let mut here = &mut whole;
        if let Some(id) = &dispute.assessment {
            here = here
                .get_mut("assessments")
                .and_then(Value::as_array_mut)
                .and_then(|list| {
                    list.iter_mut()
                        .find(|a| a.get("id").and_then(Value::as_str) == Some(id))
                })
                .ok_or_else(|| EditError::NoSuchAssessment(id.clone()))?;
        }
        let keys: Vec<&str> = dispute.field.split('/').collect();
        let (last, path) = keys.split_last().ok_or_else(refused)?;
        for k in path {
            let Value::Object(map) = here else {
                return Err(refused());
            };
            here = map
                .entry(k.to_string())
                .or_insert_with(|| Value::Object(Default::default()));
        }
        let Value::Object(map) = here else {
            return Err(refused());
        };
        if map.get(*last).is_some_and(Value::is_array) {
            return Err(refused());
        }
        if dispute.theirs.is_null() {
            map.remove(*last);
        } else {
            map.insert(last.to_string(), dispute.theirs.clone());
        }
        let next: Profile = serde_json::from_value(whole).map_err(|_| refused())?;
        if !next.problems().is_empty() {
            return Err(refused());
        }
        *self = next;
        Ok(())
    }

    fn set_city(&mut self, field: &CityField) -> Result<(), EditError> {
        let city = &mut self.city;
        match field {
            CityField::Name { lang, text } => {
                let mut name = city.name.clone();
                match lang {
                    Lang::En => name.en = text.trim().to_string(),
                    Lang::Zh => name.zh = text.trim().to_string(),
                }
                if name.is_blank() {
                    return Err(EditError::NameRequired);
                }
                city.name = name;
            }
            CityField::Country(country) => {
                let code = country.trim();
                city.country = if code.is_empty() {
                    String::new()
                } else {
                    super::country::by_code(code)
                        .filter(|_| code.len() == 2)
                        .ok_or_else(|| EditError::UnknownCountry(code.to_string()))?
                        .code
                        .clone()
                };
            }
            CityField::Region { lang: None, text } => {
                city.region = text.trim().to_string();
                city.region_text = None;
            }
            CityField::Region {
                lang: Some(lang),
                text,
            } => {
                set_lang(&mut city.region_text, *lang, text.trim());
                city.region = city.region_text.as_ref().map(plain_of).unwrap_or_default();
            }
            CityField::Population(n) => city.population = *n,
            CityField::PopulationKind(kind) => city.population_kind = *kind,
            CityField::Specialties(list) => {
                let mut kept: Vec<Specialty> = Vec::with_capacity(list.len());
                for s in list {
                    if !kept.contains(s) {
                        kept.push(*s);
                    }
                }
                city.specialties = kept;
            }
            CityField::SpecialtyDetail { lang, text } => {
                set_lang(&mut city.specialty_detail, *lang, text.trim())
            }
            CityField::Constraint { resource, level } => match resource {
                Resource::Funding => {
                    city.constraints.funding = *level;
                    city.constraints.unset[0] = false;
                }
                Resource::Talent => {
                    city.constraints.talent = *level;
                    city.constraints.unset[1] = false;
                }
                Resource::Technology => {
                    city.constraints.technology = *level;
                    city.constraints.unset[2] = false;
                }
            },
            CityField::Assumed { field, assumed } => {
                if !ASSUMABLE_FIELDS.contains(&field.as_str()) {
                    return Err(EditError::NotAssumable(field.clone()));
                }
                city.assumed.retain(|f| f != field);
                if *assumed {
                    city.assumed.push(field.clone());
                    city.assumed.sort();
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::profile::OrganisationType;
    use crate::core::profile::tests::sample_json;
    use crate::core::uid::new_uid;
    use crate::core::validate::Warning;

    fn profile() -> (Profile, String) {
        let p = Profile::from_json(sample_json()).unwrap();
        let id = p.assessments[0].id.clone();
        (p, id)
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// Applies `op`, expects `error`, and checks nothing changed and the
    /// reason reads in both languages (Chinese without the English words).
    fn refused(p: &Profile, op: Op, error: EditError) {
        let mut q = p.clone();
        assert_eq!(q.apply(&op), Err(error.clone()), "{op:?}");
        assert_eq!(&q, p, "a refused op changed the profile");
        let en = error.message(Lang::En);
        let zh = error.message(Lang::Zh);
        assert!(!en.is_empty() && !zh.is_empty() && en != zh, "{en} / {zh}");
        assert!(
            zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "not Chinese: {zh}"
        );
        for word in ["the ", "must", "stage", "year", "reason"] {
            assert!(!zh.contains(word), "English in {zh}");
        }
    }

    #[test]
    fn every_limit_refuses_with_its_reason_and_problems_uses_the_same_check() {
        let (p, a) = profile();
        let d = DomainId::Economy;
        let target = |stage| Op::SetTarget {
            assessment: a.clone(),
            domain: d,
            stage: Some(stage),
        };
        refused(&p, target(0), EditError::StageOutOfRange(0));
        refused(&p, target(4), EditError::StageOutOfRange(4));
        for years in [0, 31] {
            refused(
                &p,
                Op::SetHorizon {
                    assessment: a.clone(),
                    domain: d,
                    years,
                },
                EditError::HorizonOutOfRange(years),
            );
        }
        refused(
            &p,
            Op::SetHorizon {
                assessment: a.clone(),
                domain: DomainId::Services,
                years: 5,
            },
            EditError::NoTarget(DomainId::Services),
        );
        refused(
            &p,
            Op::SetTargetYear {
                assessment: a.clone(),
                domain: d,
                year: Some(1999),
            },
            EditError::TargetYearOutOfRange(1999),
        );
        for importance in [0, 6] {
            refused(
                &p,
                Op::SetImportance {
                    assessment: a.clone(),
                    domain: d,
                    importance: Some(importance),
                },
                EditError::ImportanceOutOfRange(importance),
            );
        }
        let over = |level: f64, reason: &str| Op::SetOverride {
            assessment: a.clone(),
            domain: d,
            level,
            reason: reason.into(),
        };
        refused(
            &p,
            over(3.5, "seen"),
            EditError::OverrideLevelOutOfRange(3.5),
        );
        refused(
            &p,
            over(-0.1, "seen"),
            EditError::OverrideLevelOutOfRange(-0.1),
        );
        refused(&p, over(2.0, "  "), EditError::OverrideNeedsReason);
        refused(
            &p,
            Op::SetPlan {
                assessment: a.clone(),
                phase: 0,
                field: PlanField::Owner("x".into()),
            },
            EditError::NotAPhase("0".into()),
        );
        let mut q = p.clone();
        q.apply(&Op::SetPlan {
            assessment: a.clone(),
            phase: 1,
            field: PlanField::Start(Some(day(2024, 5, 1))),
        })
        .unwrap();
        refused(
            &q,
            Op::SetPlan {
                assessment: a.clone(),
                phase: 1,
                field: PlanField::End(Some(day(2024, 4, 1))),
            },
            EditError::EndBeforeStart {
                start: day(2024, 5, 1),
                end: day(2024, 4, 1),
            },
        );
        let stranger = new_uid();
        refused(
            &p,
            Op::SetAnswer {
                assessment: stranger.clone(),
                indicator: "economy.s1.x".into(),
                value: AnswerValue::Met,
            },
            EditError::NoSuchAssessment(stranger),
        );
    }

    #[test]
    fn problems_and_ops_draw_the_line_at_the_same_values() {
        let (p, a) = profile();
        let d = DomainId::Economy;
        for stage in 0..=10u8 {
            let mut by_op = p.clone();
            let op_ok = by_op
                .apply(&Op::SetTarget {
                    assessment: a.clone(),
                    domain: d,
                    stage: Some(stage),
                })
                .is_ok();
            let mut by_file = p.clone();
            by_file.assessments[0].targets.get_mut(&d).unwrap().stage = stage;
            assert_eq!(op_ok, by_file.problems().is_empty(), "stage {stage}");
        }
        for years in 0..=40u8 {
            let mut by_op = p.clone();
            let op_ok = by_op
                .apply(&Op::SetHorizon {
                    assessment: a.clone(),
                    domain: d,
                    years,
                })
                .is_ok();
            let mut by_file = p.clone();
            by_file.assessments[0]
                .targets
                .get_mut(&d)
                .unwrap()
                .horizon_years = years;
            assert_eq!(op_ok, by_file.problems().is_empty(), "horizon {years}");
        }
        for importance in 0..=8u8 {
            let mut by_op = p.clone();
            let op_ok = by_op
                .apply(&Op::SetImportance {
                    assessment: a.clone(),
                    domain: d,
                    importance: Some(importance),
                })
                .is_ok();
            let mut by_file = p.clone();
            by_file.assessments[0].importance.insert(d, importance);
            assert_eq!(
                op_ok,
                by_file.problems().is_empty(),
                "importance {importance}"
            );
        }
        for tenths in -5..=35 {
            let level = f64::from(tenths) / 10.0;
            let mut by_op = p.clone();
            let op_ok = by_op
                .apply(&Op::SetOverride {
                    assessment: a.clone(),
                    domain: d,
                    level,
                    reason: "r".into(),
                })
                .is_ok();
            let mut by_file = p.clone();
            by_file.assessments[0].overrides.insert(
                d,
                Override {
                    level,
                    reason: "r".into(),
                    reason_text: None,
                },
            );
            assert_eq!(op_ok, by_file.problems().is_empty(), "level {level}");
        }
    }

    #[test]
    fn edits_change_what_they_say_and_nothing_else() {
        let (mut p, a) = profile();
        let d = DomainId::Services;
        let before = p.clone();
        p.apply_all(&[
            Op::SetTarget {
                assessment: a.clone(),
                domain: d,
                stage: Some(2),
            },
            Op::SetHorizon {
                assessment: a.clone(),
                domain: d,
                years: 7,
            },
            Op::SetTargetYear {
                assessment: a.clone(),
                domain: d,
                year: Some(2030),
            },
            Op::SetImportance {
                assessment: a.clone(),
                domain: d,
                importance: Some(4),
            },
            Op::ClearOverride {
                assessment: a.clone(),
                domain: d,
            },
            Op::SetAnswer {
                assessment: a.clone(),
                indicator: "services.s1.q".into(),
                value: AnswerValue::Partly,
            },
            Op::SetPlan {
                assessment: a.clone(),
                phase: 2,
                field: PlanField::Owner(" Bureau ".into()),
            },
        ])
        .unwrap();
        let x = &p.assessments[0];
        assert_eq!(
            x.targets[&d],
            Target {
                stage: 2,
                horizon_years: 7,
                target_year: Some(2030)
            }
        );
        assert_eq!(x.importance[&d], 4);
        assert!(!x.overrides.contains_key(&d));
        assert_eq!(x.answer("services.s1.q"), AnswerValue::Partly);
        assert_eq!(x.plan["2"].owner, "Bureau");
        assert_eq!(
            x.answers["economy.s1.x"],
            before.assessments[0].answers["economy.s1.x"]
        );
        // all or nothing: one bad op in a batch leaves the profile as it was
        let mut q = p.clone();
        let bad = q.apply_all(&[
            Op::SetImportance {
                assessment: a.clone(),
                domain: d,
                importance: Some(1),
            },
            Op::SetImportance {
                assessment: a.clone(),
                domain: d,
                importance: Some(9),
            },
        ]);
        assert_eq!(bad, Err(EditError::ImportanceOutOfRange(9)));
        assert_eq!(q, p);
        // emptying a phase's only field drops the phase
        q.apply(&Op::SetPlan {
            assessment: a.clone(),
            phase: 2,
            field: PlanField::Owner(String::new()),
        })
        .unwrap();
        assert!(!q.assessments[0].plan.contains_key("2"));
    }

    #[test]
    fn notes_keep_both_languages_and_the_plain_note_follows() {
        let (mut p, a) = profile();
        let ind = "economy.s1.x";
        // a plain note stays plain
        p.apply(&Op::SetNote {
            assessment: a.clone(),
            indicator: ind.into(),
            lang: Lang::Zh,
            note: Some("报告所述".into()),
        })
        .unwrap();
        let answer = &p.assessments[0].answers[ind];
        assert_eq!(answer.note.as_deref(), Some("报告所述"));
        assert_eq!(answer.note_text, None);
        // a bilingual note gets the language typed in
        p.assessments[0].answers.get_mut(ind).unwrap().note_text = Some(Text::new("旧", "old"));
        p.apply(&Op::SetNote {
            assessment: a.clone(),
            indicator: ind.into(),
            lang: Lang::Zh,
            note: Some("新".into()),
        })
        .unwrap();
        let answer = &p.assessments[0].answers[ind];
        assert_eq!(answer.note_in(Lang::Zh), Some("新"));
        assert_eq!(answer.note_in(Lang::En), Some("old"));
        assert_eq!(answer.note.as_deref(), Some("old"));
        p.apply(&Op::SetNote {
            assessment: a.clone(),
            indicator: ind.into(),
            lang: Lang::En,
            note: None,
        })
        .unwrap();
        let answer = &p.assessments[0].answers[ind];
        assert_eq!(
            answer.note_in(Lang::En),
            Some("新"),
            "falls back to the other"
        );
        assert_eq!(answer.note.as_deref(), Some("新"));
        // a note on an indicator not yet answered
        p.apply(&Op::SetNote {
            assessment: a.clone(),
            indicator: "economy.s3.z".into(),
            lang: Lang::En,
            note: Some("later".into()),
        })
        .unwrap();
        assert_eq!(
            p.assessments[0].answers["economy.s3.z"].value,
            AnswerValue::Unknown
        );
    }

    #[test]
    fn respondents_are_added_edited_and_removed_by_id() {
        let (mut p, a) = profile();
        let mut r = Respondent::new(new_uid(), "Wang", "Engineer", OrganisationType::Enterprise);
        r.organisation_name = "Pinghu Sensing Co.".into();
        r.kind = "platform operator".into();
        p.apply(&Op::AddRespondent {
            assessment: a.clone(),
            respondent: r.clone(),
        })
        .unwrap();
        assert_eq!(p.assessments[0].respondent(&r.id), Some(&r));
        refused(
            &p,
            Op::AddRespondent {
                assessment: a.clone(),
                respondent: r.clone(),
            },
            EditError::IdTaken(r.id.clone()),
        );
        refused(
            &p,
            Op::AddRespondent {
                assessment: a.clone(),
                respondent: Respondent::new("wang".into(), "Wang", "", OrganisationType::Citizen),
            },
            EditError::BadId("wang".into()),
        );
        let mut nameless = r.clone();
        nameless.name = " ".into();
        refused(
            &p,
            Op::EditRespondent {
                assessment: a.clone(),
                respondent: nameless,
            },
            EditError::NameRequired,
        );
        let mut renamed = r.clone();
        renamed.role = "Chief engineer".into();
        p.apply(&Op::EditRespondent {
            assessment: a.clone(),
            respondent: renamed.clone(),
        })
        .unwrap();
        assert_eq!(p.assessments[0].respondent(&r.id), Some(&renamed));
        // a voice goes with its respondent
        p.assessments[0]
            .answers
            .get_mut("economy.s1.x")
            .unwrap()
            .voices
            .insert(
                r.id.clone(),
                crate::core::profile::Voice {
                    value: AnswerValue::Met,
                    note: None,
                    note_text: None,
                    at: None,
                    extra: Default::default(),
                },
            );
        p.apply(&Op::RemoveRespondent {
            assessment: a.clone(),
            respondent: r.id.clone(),
        })
        .unwrap();
        assert!(p.assessments[0].respondent(&r.id).is_none());
        assert!(p.assessments[0].answers["economy.s1.x"].voices.is_empty());
        refused(
            &p,
            Op::RemoveRespondent {
                assessment: a.clone(),
                respondent: r.id.clone(),
            },
            EditError::NoSuchRespondent(r.id.clone()),
        );
    }

    #[test]
    fn a_new_assessment_has_its_own_id_and_may_carry_the_last_one() {
        let (mut p, a) = profile();
        let id = new_uid();
        p.apply(&Op::NewAssessment {
            id: id.clone(),
            date: day(2023, 5, 1),
            interviewer: String::new(),
            carry_from: Some(a.clone()),
        })
        .unwrap();
        let next = p.assessment(&id).unwrap();
        assert_eq!(next.interviewer, "Li", "carried");
        assert_eq!(next.carried_over_count(), 2);
        assert_eq!(p.assessment_index(&id), Some(1));
        refused(
            &p,
            Op::NewAssessment {
                id: id.clone(),
                date: day(2024, 5, 1),
                interviewer: String::new(),
                carry_from: None,
            },
            EditError::IdTaken(id.clone()),
        );
        refused(
            &p,
            Op::NewAssessment {
                id: "2".into(),
                date: day(2024, 5, 1),
                interviewer: String::new(),
                carry_from: None,
            },
            EditError::BadId("2".into()),
        );
        // a newer file is never edited
        let mut newer = p.clone();
        newer.schema_version = 3;
        refused(
            &newer,
            Op::ClearOverride {
                assessment: a,
                domain: DomainId::Services,
            },
            EditError::ReadOnly(3),
        );
    }

    #[test]
    fn city_fields_are_set_and_checked() {
        let (mut p, _) = profile();
        p.apply_all(&[
            Op::SetCity {
                field: CityField::Region {
                    lang: Some(Lang::Zh),
                    text: "山东聊城".into(),
                },
            },
            Op::SetCity {
                field: CityField::PopulationKind(Some(PopulationKind::Total)),
            },
            Op::SetCity {
                field: CityField::SpecialtyDetail {
                    lang: Lang::En,
                    text: "vegetables".into(),
                },
            },
            Op::SetCity {
                field: CityField::Constraint {
                    resource: Resource::Talent,
                    level: Level::High,
                },
            },
            Op::SetCity {
                field: CityField::Assumed {
                    field: "constraints.funding".into(),
                    assumed: true,
                },
            },
            Op::SetCity {
                field: CityField::Specialties(vec![
                    Specialty::Manufacturing,
                    Specialty::Agriculture,
                    Specialty::Manufacturing,
                ]),
            },
        ])
        .unwrap();
        let c = &p.city;
        assert_eq!(c.region_in(Lang::Zh), "山东聊城");
        assert_eq!(c.region_in(Lang::En), "山东聊城", "falls back to the other");
        assert_eq!(c.population_kind, Some(PopulationKind::Total));
        assert_eq!(c.specialty_detail_in(Lang::Zh), Some("vegetables"));
        assert_eq!(c.constraints.talent, Level::High);
        assert!(c.is_assumed("constraints.funding"));
        assert_eq!(
            c.specialties,
            vec![Specialty::Manufacturing, Specialty::Agriculture]
        );
        refused(
            &p,
            Op::SetCity {
                field: CityField::Assumed {
                    field: "mayor".into(),
                    assumed: true,
                },
            },
            EditError::NotAssumable("mayor".into()),
        );
        let mut nameless = p.clone();
        nameless.city.name = Text::new("", "Shen County");
        refused(
            &nameless,
            Op::SetCity {
                field: CityField::Name {
                    lang: Lang::En,
                    text: " ".into(),
                },
            },
            EditError::NameRequired,
        );
    }

    #[test]
    fn a_line_in_both_languages_is_edited_by_language_or_replaced_whole() {
        let (mut p, a) = profile();
        p.apply(&Op::SetInterviewer {
            assessment: a.clone(),
            lang: Some(Lang::Zh),
            text: "李明".into(),
        })
        .unwrap();
        p.apply(&Op::SetInterviewer {
            assessment: a.clone(),
            lang: Some(Lang::En),
            text: "Li Ming".into(),
        })
        .unwrap();
        let x = &p.assessments[0];
        assert_eq!(x.interviewer_in(Lang::Zh), "李明");
        assert_eq!(x.interviewer_in(Lang::En), "Li Ming");
        assert_eq!(x.interviewer, "Li Ming");
        p.apply(&Op::SetInterviewer {
            assessment: a.clone(),
            lang: None,
            text: "Wang".into(),
        })
        .unwrap();
        let x = &p.assessments[0];
        assert_eq!(
            (x.interviewer_in(Lang::Zh), x.interviewer_text.as_ref()),
            ("Wang", None)
        );
        p.apply(&Op::SetCity {
            field: CityField::Region {
                lang: Some(Lang::Zh),
                text: "山东".into(),
            },
        })
        .unwrap();
        assert_eq!(p.city.region_in(Lang::En), "山东");
        p.apply(&Op::SetCity {
            field: CityField::Region {
                lang: None,
                text: "Shandong".into(),
            },
        })
        .unwrap();
        assert_eq!(p.city.region_in(Lang::Zh), "Shandong");
    }

    #[test]
    fn ops_serialize_and_read_back() {
        let ops = vec![
            Op::NewAssessment {
                id: new_uid(),
                date: day(2023, 5, 1),
                interviewer: "Li".into(),
                carry_from: None,
            },
            Op::SetPlan {
                assessment: new_uid(),
                phase: 1,
                field: PlanField::End(Some(day(2027, 1, 1))),
            },
            Op::SetCity {
                field: CityField::Population(Some(5)),
            },
            Op::SetOverride {
                assessment: new_uid(),
                domain: DomainId::Services,
                level: 1.5,
                reason: "seen".into(),
            },
        ];
        let text = serde_json::to_string(&ops).unwrap();
        assert!(text.contains(r#""op":"set_plan""#), "{text}");
        let back: Vec<Op> = serde_json::from_str(&text).unwrap();
        assert_eq!(back, ops);
    }

    #[test]
    fn set_move_plan_keeps_edits_per_move_within_limits() {
        let (mut p, id) = profile();
        let set = |field: MoveField, from: u8, to: u8| Op::SetMovePlan {
            assessment: id.clone(),
            domain: DomainId::Economy,
            from,
            to,
            field,
        };
        p.apply(&set(MoveField::Owner(" Agriculture bureau ".into()), 1, 2))
            .unwrap();
        p.apply(&set(
            MoveField::Outcome {
                indicator: "economy.s2.chain_linkage".into(),
                text: "price +10%".into(),
            },
            1,
            2,
        ))
        .unwrap();
        let edit = &p.assessments[0].plan_moves["economy:1-2"];
        assert_eq!(edit.owner, "Agriculture bureau");
        assert_eq!(edit.outcomes["economy.s2.chain_linkage"], "price +10%");
        // not a move; an indicator outside the move; too long; end first
        refused(
            &p,
            set(MoveField::Owner("x".into()), 2, 2),
            EditError::NotAMove { from: 2, to: 2 },
        );
        refused(
            &p,
            set(MoveField::Owner("字".repeat(501)), 1, 2),
            EditError::TooLong(501),
        );
        assert_eq!(
            p.apply(&set(MoveField::Owner("x".into()), 0, 4)),
            Err(EditError::NotAMove { from: 0, to: 4 })
        );
        assert!(matches!(
            p.apply(&set(
                MoveField::Outcome {
                    indicator: "economy.s3.innovation_platform".into(),
                    text: "x".into()
                },
                1,
                2
            )),
            Err(EditError::NotInMove { .. })
        ));
        assert_eq!(
            p.apply(&set(MoveField::Owner("字".repeat(501)), 1, 2)),
            Err(EditError::TooLong(501))
        );
        p.apply(&set(
            MoveField::Start(NaiveDate::from_ymd_opt(2025, 1, 1)),
            1,
            2,
        ))
        .unwrap();
        assert!(matches!(
            p.apply(&set(
                MoveField::End(NaiveDate::from_ymd_opt(2024, 6, 1)),
                1,
                2
            )),
            Err(EditError::EndBeforeStart { .. })
        ));
        for lang in [Lang::En, Lang::Zh] {
            assert!(
                !EditError::NotAMove { from: 2, to: 2 }
                    .message(lang)
                    .contains("{}")
            );
            assert!(!EditError::TooLong(501).message(lang).contains("{}"));
        }
        // emptying every field drops the move
        p.apply(&set(MoveField::Owner(String::new()), 1, 2))
            .unwrap();
        p.apply(&set(MoveField::Start(None), 1, 2)).unwrap();
        p.apply(&set(
            MoveField::Outcome {
                indicator: "economy.s2.chain_linkage".into(),
                text: " ".into(),
            },
            1,
            2,
        ))
        .unwrap();
        assert!(p.assessments[0].plan_moves.is_empty());
        // it round-trips through JSON under plan_moves
        p.apply(&set(MoveField::Owner("Bureau".into()), 1, 2))
            .unwrap();
        let json = p.to_json();
        assert!(json.contains("\"plan_moves\""), "{json}");
        assert_eq!(Profile::from_json(&json).unwrap(), p);
    }

    #[test]
    fn an_assessment_is_dated_again_by_id() {
        let (mut p, a) = profile();
        p.apply(&Op::SetAssessmentDate {
            assessment: a.clone(),
            date: day(2022, 6, 3),
        })
        .unwrap();
        assert_eq!(p.assessments[0].date, day(2022, 6, 3));
        let stranger = new_uid();
        refused(
            &p,
            Op::SetAssessmentDate {
                assessment: stranger.clone(),
                date: day(2022, 6, 3),
            },
            EditError::NoSuchAssessment(stranger),
        );
    }

    #[test]
    fn deleting_the_assessment_just_made_gives_back_the_profile_as_it_was() {
        let (mut p, a) = profile();
        let before = p.clone();
        let id = new_uid();
        p.apply(&Op::NewAssessment {
            id: id.clone(),
            date: day(2023, 5, 1),
            interviewer: String::new(),
            carry_from: Some(a.clone()),
        })
        .unwrap();
        let made = p.assessment(&id).unwrap().clone();
        p.apply(&Op::DeleteAssessment {
            assessment: id.clone(),
        })
        .unwrap();
        assert_eq!(p, before, "a stray new assessment is undone whole");
        // the only one stays
        refused(
            &p,
            Op::DeleteAssessment { assessment: a },
            EditError::OnlyAssessment,
        );
        // restored from the trash, in date order, once
        p.apply(&Op::RestoreAssessment {
            assessment: Box::new(made.clone()),
        })
        .unwrap();
        assert_eq!(p.assessment_index(&id), Some(1));
        refused(
            &p,
            Op::RestoreAssessment {
                assessment: Box::new(made.clone()),
            },
            EditError::IdTaken(id.clone()),
        );
        let mut older = made.clone();
        older.id = new_uid();
        older.date = day(2020, 1, 1);
        p.apply(&Op::RestoreAssessment {
            assessment: Box::new(older.clone()),
        })
        .unwrap();
        assert_eq!(p.assessment_index(&older.id), Some(0), "oldest first");
        let mut bad = made;
        bad.id = "x".into();
        refused(
            &p,
            Op::RestoreAssessment {
                assessment: Box::new(bad),
            },
            EditError::BadId("x".into()),
        );
    }

    #[test]
    fn an_override_is_carried_only_when_asked_and_only_if_it_exists() {
        let (mut p, a) = profile();
        let id = new_uid();
        p.apply(&Op::NewAssessment {
            id: id.clone(),
            date: day(2023, 5, 1),
            interviewer: String::new(),
            carry_from: Some(a.clone()),
        })
        .unwrap();
        assert!(p.assessment(&id).unwrap().overrides.is_empty());
        p.apply(&Op::CarryOverride {
            assessment: id.clone(),
            from: a.clone(),
            domain: DomainId::Services,
        })
        .unwrap();
        assert_eq!(
            p.assessment(&id).unwrap().overrides[&DomainId::Services],
            p.assessment(&a).unwrap().overrides[&DomainId::Services]
        );
        refused(
            &p,
            Op::CarryOverride {
                assessment: id,
                from: a,
                domain: DomainId::Economy,
            },
            EditError::NoOverride(DomainId::Economy),
        );
    }

    #[test]
    fn carrying_forward_keeps_unknowns_the_target_year_and_the_plan_per_move() {
        let (mut p, a) = profile();
        p.apply_all(&[
            Op::SetAnswer {
                assessment: a.clone(),
                indicator: "economy.s1.y".into(),
                value: AnswerValue::Unknown,
            },
            Op::SetMovePlan {
                assessment: a.clone(),
                domain: DomainId::Economy,
                from: 1,
                to: 2,
                field: MoveField::Owner("Bureau".into()),
            },
            Op::SetMovePlan {
                assessment: a.clone(),
                domain: DomainId::Economy,
                from: 1,
                to: 2,
                field: MoveField::Start(Some(day(2023, 1, 1))),
            },
        ])
        .unwrap();
        let next = p.assessments[0].carried_forward(day(2023, 5, 1));
        let unknown = &next.answers["economy.s1.y"];
        assert_eq!(unknown.value, AnswerValue::Unknown);
        assert!(
            unknown.carried_over,
            "an unknown answer is carried, to confirm"
        );
        // 2022 + 3 years: the target stays for 2025, two years left
        let t = next.targets[&DomainId::Economy];
        assert_eq!((t.target_year, t.horizon_years), (Some(2025), 2));
        assert_eq!(next.plan_moves["economy:1-2"].owner, "Bureau");
        // a target year already set is kept as it is
        p.apply(&Op::SetTargetYear {
            assessment: a,
            domain: DomainId::Economy,
            year: Some(2028),
        })
        .unwrap();
        let next = p.assessments[0].carried_forward(day(2024, 5, 1));
        let t = next.targets[&DomainId::Economy];
        assert_eq!((t.target_year, t.horizon_years), (Some(2028), 4));
    }

    #[test]
    fn carried_answers_are_confirmed_a_stage_or_a_domain_at_a_time() {
        let (mut p, a) = profile();
        let id = new_uid();
        p.apply(&Op::NewAssessment {
            id: id.clone(),
            date: day(2023, 5, 1),
            interviewer: String::new(),
            carry_from: Some(a),
        })
        .unwrap();
        let carried = |p: &Profile, ind: &str| p.assessment(&id).unwrap().answers[ind].carried_over;
        p.apply(&Op::ConfirmAnswers {
            assessment: id.clone(),
            domain: DomainId::Economy,
            stage: Some(1),
        })
        .unwrap();
        assert!(!carried(&p, "economy.s1.x"));
        assert!(carried(&p, "economy.s2.y"), "another stage waits");
        p.apply(&Op::ConfirmAnswers {
            assessment: id.clone(),
            domain: DomainId::Services,
            stage: None,
        })
        .unwrap();
        assert!(carried(&p, "economy.s2.y"), "another domain waits");
        p.apply(&Op::ConfirmAnswers {
            assessment: id.clone(),
            domain: DomainId::Economy,
            stage: None,
        })
        .unwrap();
        assert_eq!(p.assessment(&id).unwrap().carried_over_count(), 0);
        refused(
            &p,
            Op::ConfirmAnswers {
                assessment: id,
                domain: DomainId::Economy,
                stage: Some(4),
            },
            EditError::StageOutOfRange(4),
        );
    }

    #[test]
    fn the_country_is_an_iso_code_and_a_free_text_one_is_only_a_warning() {
        let (mut p, _) = profile();
        p.apply(&Op::SetCity {
            field: CityField::Country(" jp ".into()),
        })
        .unwrap();
        assert_eq!(p.city.country, "JP");
        for bad in ["China", "XX", "中国"] {
            refused(
                &p,
                Op::SetCity {
                    field: CityField::Country(bad.into()),
                },
                EditError::UnknownCountry(bad.into()),
            );
        }
        p.apply(&Op::SetCity {
            field: CityField::Country(String::new()),
        })
        .unwrap();
        assert_eq!(p.city.country, "");
        // a file that says "China" is sound, with a warning
        p.city.country = "China".into();
        assert!(p.problems().is_empty(), "{:?}", p.problems());
        let warnings = p.warnings(crate::core::framework());
        assert!(
            warnings.contains(&Warning::NotACountryCode {
                country: "China".into()
            }),
            "{warnings:?}"
        );
        assert!(
            warnings
                .iter()
                .any(|w| w.to_string().contains("\"China\" is not an ISO")),
            "{warnings:?}"
        );
        p.city.country = "CN".into();
        assert!(
            !p.warnings(crate::core::framework())
                .iter()
                .any(|w| matches!(w, Warning::NotACountryCode { .. }))
        );
    }

    #[test]
    fn plan_dates_are_after_the_assessment_within_the_horizon_and_in_order() {
        let (p, a) = profile();
        // economy: assessed 2022-05-01, target stage 2 in 3 years: to 2025
        let set = |from: u8, to: u8, field: MoveField| Op::SetMovePlan {
            assessment: a.clone(),
            domain: DomainId::Economy,
            from,
            to,
            field,
        };
        refused(
            &p,
            set(1, 2, MoveField::Start(Some(day(2022, 4, 30)))),
            EditError::PlanBeforeAssessment {
                date: day(2022, 4, 30),
                assessed: day(2022, 5, 1),
            },
        );
        refused(
            &p,
            set(1, 2, MoveField::End(Some(day(2026, 1, 1)))),
            EditError::PlanBeyondHorizon {
                date: day(2026, 1, 1),
                year: 2025,
            },
        );
        let mut q = p.clone();
        q.apply(&set(1, 2, MoveField::End(Some(day(2025, 12, 31)))))
            .unwrap();
        q.apply(&set(1, 2, MoveField::Start(Some(day(2023, 3, 1)))))
            .unwrap();
        refused(
            &q,
            set(2, 3, MoveField::Start(Some(day(2023, 1, 1)))),
            EditError::PlanOutOfOrder {
                earlier: "economy:1-2".into(),
                later: "economy:2-3".into(),
            },
        );
        q.apply(&set(2, 3, MoveField::Start(Some(day(2024, 1, 1)))))
            .unwrap();
        refused(
            &q,
            set(1, 2, MoveField::Start(Some(day(2024, 6, 1)))),
            EditError::PlanOutOfOrder {
                earlier: "economy:1-2".into(),
                later: "economy:2-3".into(),
            },
        );
        assert!(super::plan_date_problems(&q.assessments[0]).is_empty());
        // phases in order too
        let phase = |n: u32, d: NaiveDate| Op::SetPlan {
            assessment: a.clone(),
            phase: n,
            field: PlanField::Start(Some(d)),
        };
        q.apply(&phase(2, day(2024, 1, 1))).unwrap();
        refused(
            &q,
            phase(1, day(2024, 2, 1)),
            EditError::PlanOutOfOrder {
                earlier: "1".into(),
                later: "2".into(),
            },
        );
        // a file holding such dates is warned about by validate
        q.assessments[0]
            .plan_moves
            .get_mut("economy:1-2")
            .unwrap()
            .end = Some(day(2030, 1, 1));
        assert!(
            q.warnings(crate::core::framework())
                .iter()
                .any(|w| matches!(
                    w,
                    Warning::PlanDate {
                        assessment: 1,
                        error: EditError::PlanBeyondHorizon { .. }
                    }
                ) && w.to_string().contains("beyond the target's horizon")),
            "{:?}",
            q.warnings(crate::core::framework())
        );
    }
}
