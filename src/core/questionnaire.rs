//! The questionnaire round trip's rules, pure: which answers a
//! questionnaire's drop-down offers, how a cell's text reads as an answer,
//! whether a file's token is one this profile issued to that respondent,
//! and what reading the rows back changes (as [`Op::SetVoice`]s), what it
//! refuses and where it meets a later answer of the respondent (a
//! conflict, left as it is).
//!
//! The file itself (writing and reading the spreadsheet) is
//! `src/report/questionnaire.rs`; the command, `src/cli/questionnaire.rs`.

use chrono::{DateTime, Utc};

use super::framework::{DomainId, Framework};
use super::lang::Lang;
use super::ops::Op;
use super::profile::{AnswerValue, Assessment, Profile, Questionnaire};

/// The five answers, in the drop-down's order.
pub const ANSWERS: [AnswerValue; 5] = [
    AnswerValue::Met,
    AnswerValue::Partly,
    AnswerValue::NotMet,
    AnswerValue::NotApplicable,
    AnswerValue::Unknown,
];

/// A cell's text as an answer: the answer's word in either language, or
/// its code (`not_met`), case and surrounding spaces aside. `None`: not
/// one of the five.
pub fn parse_answer(text: &str) -> Option<AnswerValue> {
    let text = text.trim();
    let lower = text.to_lowercase();
    ANSWERS.into_iter().find(|v| {
        let code: &'static str = (*v).into();
        lower == code
            || [Lang::En, Lang::Zh]
                .into_iter()
                .any(|l| crate::text::strings(l).answer(*v).to_lowercase() == lower)
    })
}

/// What a file says it is for (its hidden sheet).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim {
    pub profile: String,
    pub assessment: String,
    pub respondent: String,
    pub token: String,
}

/// Why a file's token is not accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TokenProblem {
    /// The profile has no assessment with the file's assessment id.
    NoAssessment,
    /// The token was issued for another assessment of the profile (its
    /// date).
    OtherAssessment(chrono::NaiveDate),
    /// The token was issued to another respondent (its name).
    OtherRespondent(String),
    /// The profile never issued this token.
    NotIssued,
    /// The respondent it was issued to is no longer in the assessment.
    RespondentGone,
}

/// Checks a file's claim against `profile`: the assessment's position and
/// the questionnaire issued, or why not.
pub fn check_claim<'a>(
    profile: &'a Profile,
    claim: &Claim,
) -> Result<(usize, &'a Questionnaire), TokenProblem> {
    let Some(index) = profile
        .assessments
        .iter()
        .position(|a| a.id == claim.assessment)
    else {
        return Err(
            match profile
                .assessments
                .iter()
                .find(|a| a.questionnaires.contains_key(&claim.token))
            {
                Some(other) => TokenProblem::OtherAssessment(other.date),
                None => TokenProblem::NoAssessment,
            },
        );
    };
    let assessment = &profile.assessments[index];
    let Some(q) = assessment.questionnaires.get(&claim.token) else {
        return Err(
            match profile
                .assessments
                .iter()
                .find(|a| a.questionnaires.contains_key(&claim.token))
            {
                Some(other) => TokenProblem::OtherAssessment(other.date),
                None => TokenProblem::NotIssued,
            },
        );
    };
    if q.respondent != claim.respondent {
        let name = assessment
            .respondent(&q.respondent)
            .map(|r| r.name.clone())
            .unwrap_or_else(|| q.respondent.clone());
        return Err(TokenProblem::OtherRespondent(name));
    }
    if assessment.respondent(&q.respondent).is_none() {
        return Err(TokenProblem::RespondentGone);
    }
    Ok((index, q))
}

/// One row of the questionnaire as read from the file.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SheetRow {
    /// The row's number in the spreadsheet (1 = the header).
    pub row: u32,
    pub indicator: String,
    /// The answer cell's text ("" when empty).
    pub answer: String,
    /// The note cell's text ("" when empty).
    pub note: String,
    /// A cell of the row holds a formula.
    pub formula: bool,
    /// A cell of the row is part of merged cells.
    pub merged: bool,
    /// A value outside the answer and note columns (after them).
    pub stray: bool,
}

/// Why a row is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// Not an indicator of the framework.
    UnknownIndicator,
    /// An indicator of a domain the questionnaire does not ask about.
    NotAsked,
    /// The same indicator again.
    Duplicate,
    /// A value that is not one of the five answers.
    NotInList(String),
    Formula,
    Merged,
    /// A value outside the answer and note columns, or an answer in the
    /// note column.
    WrongColumn,
    /// A note with no answer, and no answer of the respondent to attach it to.
    NoteWithoutAnswer,
}

/// What became of one row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Changed {
        from: Option<AnswerValue>,
        to: AnswerValue,
    },
    Unchanged,
    /// No answer given: nothing changed.
    Blank,
    Refused(Refusal),
    /// The respondent answered otherwise in the interface after the file
    /// was written: the file's answer is left out.
    Conflict {
        current: AnswerValue,
        file: AnswerValue,
        at: DateTime<Utc>,
    },
}

/// The result of reading the rows back.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    /// The operations to apply (all [`Op::SetVoice`], then
    /// [`Op::QuestionnaireImported`] when any changes).
    pub ops: Vec<Op>,
    /// Each row: its number, its indicator id and what became of it.
    pub rows: Vec<(u32, String, Outcome)>,
}

impl Plan {
    pub fn count(&self, pick: impl Fn(&Outcome) -> bool) -> usize {
        self.rows.iter().filter(|(_, _, o)| pick(o)).count()
    }
}

/// Reads `rows` back as the voice of `questionnaire.respondent` in
/// `assessment`, at `now`. A row is refused for what [`Refusal`] names; an
/// answer that differs from the respondent's voice is a change, unless
/// that voice was given after the questionnaire was written (and not by
/// its last import): then it is a conflict and the voice stays.
pub fn plan_import(
    framework: &Framework,
    assessment: &Assessment,
    token: &str,
    questionnaire: &Questionnaire,
    rows: &[SheetRow],
    now: DateTime<Utc>,
) -> Plan {
    let respondent = &questionnaire.respondent;
    let mut ops = vec![];
    let mut out = vec![];
    let mut seen: Vec<&str> = vec![];
    for row in rows {
        let outcome = (|| {
            let Some(found) = framework.indicator(&row.indicator) else {
                return Outcome::Refused(Refusal::UnknownIndicator);
            };
            if !questionnaire.domains.is_empty()
                && !questionnaire.domains.contains(&found.domain.id)
            {
                return Outcome::Refused(Refusal::NotAsked);
            }
            if seen.contains(&row.indicator.as_str()) {
                return Outcome::Refused(Refusal::Duplicate);
            }
            seen.push(&row.indicator);
            if row.formula {
                return Outcome::Refused(Refusal::Formula);
            }
            if row.merged {
                return Outcome::Refused(Refusal::Merged);
            }
            let answer = row.answer.trim();
            let note = row.note.trim();
            if row.stray || (answer.is_empty() && parse_answer(note).is_some()) {
                return Outcome::Refused(Refusal::WrongColumn);
            }
            let voice = assessment
                .answers
                .get(&row.indicator)
                .and_then(|a| a.voices.get(respondent));
            let value = if answer.is_empty() {
                match voice {
                    None if note.is_empty() => return Outcome::Blank,
                    None => return Outcome::Refused(Refusal::NoteWithoutAnswer),
                    // a note beside the answer already given
                    Some(_) if note.is_empty() => return Outcome::Blank,
                    Some(v) => v.value,
                }
            } else {
                match parse_answer(answer) {
                    Some(v) => v,
                    None => return Outcome::Refused(Refusal::NotInList(answer.to_string())),
                }
            };
            let current_note = voice.and_then(|v| match &v.note_text {
                Some(t) if !t.is_blank() => Some(t.get(questionnaire.lang.unwrap_or(Lang::En))),
                _ => v.note.as_deref(),
            });
            let same = voice.is_some_and(|v| v.value == value)
                && current_note.unwrap_or("").trim() == note;
            if same {
                return Outcome::Unchanged;
            }
            if let Some(v) = voice
                && let Some(at) = v.at
                && at > questionnaire.issued
                && Some(at) != questionnaire.last_import
            {
                return Outcome::Conflict {
                    current: v.value,
                    file: value,
                    at,
                };
            }
            ops.push(Op::SetVoice {
                assessment: assessment.id.clone(),
                indicator: row.indicator.clone(),
                respondent: respondent.clone(),
                value,
                note: Some(note.to_string()),
                at: Some(now),
            });
            Outcome::Changed {
                from: voice.map(|v| v.value),
                to: value,
            }
        })();
        out.push((row.row, row.indicator.clone(), outcome));
    }
    if !ops.is_empty() {
        ops.push(Op::QuestionnaireImported {
            assessment: assessment.id.clone(),
            token: token.to_string(),
            at: now,
        });
    }
    Plan { ops, rows: out }
}

/// The indicators a questionnaire asks about, in the framework's order:
/// those of `domains` (all when empty).
pub fn asked(framework: &Framework, domains: &[DomainId]) -> Vec<String> {
    framework
        .indicators()
        .filter(|r| domains.is_empty() || domains.contains(&r.domain.id))
        .map(|r| r.indicator.id.clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::framework;
    use crate::core::profile::{OrganisationType, Respondent};
    use AnswerValue::*;

    const R: &str = "11111111-1111-4111-8111-111111111111";
    const TOKEN: &str = "99999999-9999-4999-8999-999999999999";

    fn at(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    fn setup() -> (Profile, Questionnaire) {
        let mut p = Profile::from_json(crate::core::profile::tests::sample_json()).unwrap();
        let a = p.assessments[0].id.clone();
        p.apply(&Op::AddRespondent {
            assessment: a.clone(),
            respondent: Respondent::new(R.into(), "Kang", "", OrganisationType::Government),
        })
        .unwrap();
        let q = Questionnaire {
            respondent: R.into(),
            issued: at("2025-03-01T10:00:00Z"),
            lang: Some(Lang::En),
            domains: vec![DomainId::Government],
            last_import: None,
            extra: Default::default(),
        };
        p.apply(&Op::IssueQuestionnaire {
            assessment: a,
            token: TOKEN.into(),
            questionnaire: q.clone(),
        })
        .unwrap();
        (p, q)
    }

    fn row(n: u32, indicator: &str, answer: &str, note: &str) -> SheetRow {
        SheetRow {
            row: n,
            indicator: indicator.into(),
            answer: answer.into(),
            note: note.into(),
            ..Default::default()
        }
    }

    #[test]
    fn answers_read_in_either_language_or_as_codes() {
        assert_eq!(parse_answer(" Not met "), Some(NotMet));
        assert_eq!(parse_answer("not_met"), Some(NotMet));
        assert_eq!(parse_answer("部分符合"), Some(Partly));
        assert_eq!(parse_answer("不适用"), Some(NotApplicable));
        assert_eq!(parse_answer("yes"), None);
        assert_eq!(parse_answer(""), None);
    }

    #[test]
    fn claims_are_checked_against_the_tokens_issued() {
        let (p, _) = setup();
        let claim = Claim {
            profile: p.id.clone(),
            assessment: p.assessments[0].id.clone(),
            respondent: R.into(),
            token: TOKEN.into(),
        };
        assert_eq!(check_claim(&p, &claim).unwrap().0, 0);
        let mut other = claim.clone();
        other.token = "88888888-8888-4888-8888-888888888888".into();
        assert_eq!(check_claim(&p, &other), Err(TokenProblem::NotIssued));
        let mut other = claim.clone();
        other.respondent = "22222222-2222-4222-8222-222222222222".into();
        assert_eq!(
            check_claim(&p, &other),
            Err(TokenProblem::OtherRespondent("Kang".into()))
        );
        let mut other = claim.clone();
        other.assessment = "77777777-7777-4777-8777-777777777777".into();
        assert_eq!(
            check_claim(&p, &other),
            Err(TokenProblem::OtherAssessment(p.assessments[0].date))
        );
        let mut gone = p.clone();
        gone.apply(&Op::RemoveRespondent {
            assessment: p.assessments[0].id.clone(),
            respondent: R.into(),
        })
        .unwrap();
        assert_eq!(
            check_claim(&gone, &claim),
            Err(TokenProblem::RespondentGone)
        );
    }

    #[test]
    fn rows_change_refuse_or_conflict() {
        let fw = framework();
        let (mut p, q) = setup();
        let a = p.assessments[0].id.clone();
        let gov = asked(fw, &[DomainId::Government]);
        // a voice given in the interface after the file was written
        p.apply(&Op::SetVoice {
            assessment: a.clone(),
            indicator: gov[1].clone(),
            respondent: R.into(),
            value: Met,
            note: None,
            at: Some(at("2025-03-02T10:00:00Z")),
        })
        .unwrap();
        // and one before
        p.apply(&Op::SetVoice {
            assessment: a.clone(),
            indicator: gov[2].clone(),
            respondent: R.into(),
            value: Met,
            note: None,
            at: Some(at("2025-02-01T10:00:00Z")),
        })
        .unwrap();
        let mut formula = row(9, &gov[5], "met", "");
        formula.formula = true;
        let mut merged = row(10, &gov[6], "met", "");
        merged.merged = true;
        let mut stray = row(11, &gov[7], "met", "");
        stray.stray = true;
        let rows = vec![
            row(2, &gov[0], "partly", "two bureaus"),
            row(3, &gov[1], "not met", ""),
            row(4, &gov[2], "not met", ""),
            row(5, &gov[3], "", ""),
            row(6, &gov[4], "maybe", ""),
            row(7, "government.s9.nothing", "met", ""),
            row(8, &asked(fw, &[DomainId::Economy])[0], "met", ""),
            formula,
            merged,
            stray,
            row(12, &gov[8], "", "met"),
            row(13, &gov[0], "met", ""),
            row(14, &gov[9], "", "a note alone"),
        ];
        let now = at("2025-03-05T09:00:00Z");
        let plan = plan_import(fw, &p.assessments[0], TOKEN, &q, &rows, now);
        let outcomes: Vec<&Outcome> = plan.rows.iter().map(|(_, _, o)| o).collect();
        assert_eq!(
            outcomes,
            [
                &Outcome::Changed {
                    from: None,
                    to: Partly
                },
                &Outcome::Conflict {
                    current: Met,
                    file: NotMet,
                    at: at("2025-03-02T10:00:00Z")
                },
                &Outcome::Changed {
                    from: Some(Met),
                    to: NotMet
                },
                &Outcome::Blank,
                &Outcome::Refused(Refusal::NotInList("maybe".into())),
                &Outcome::Refused(Refusal::UnknownIndicator),
                &Outcome::Refused(Refusal::NotAsked),
                &Outcome::Refused(Refusal::Formula),
                &Outcome::Refused(Refusal::Merged),
                &Outcome::Refused(Refusal::WrongColumn),
                &Outcome::Refused(Refusal::WrongColumn),
                &Outcome::Refused(Refusal::Duplicate),
                &Outcome::Refused(Refusal::NoteWithoutAnswer),
            ]
        );
        // two voices and the import's time
        assert_eq!(plan.ops.len(), 3);
        p.apply_all(&plan.ops).unwrap();
        let v = &p.assessments[0].answers[&gov[0]].voices[R];
        assert_eq!(
            (v.value, v.note.as_deref(), v.at),
            (Partly, Some("two bureaus"), Some(now))
        );
        let q = p.assessments[0].questionnaires[TOKEN].clone();
        assert_eq!(q.last_import, Some(now));
        // the same file again changes nothing; an edited one changes what
        // the last import gave, not what came later in the interface
        let again = plan_import(fw, &p.assessments[0], TOKEN, &q, &rows, now);
        assert!(again.ops.is_empty());
        assert_eq!(again.count(|o| matches!(o, Outcome::Unchanged)), 2);
        let edited = vec![
            row(2, &gov[0], "met", "two bureaus"),
            row(3, &gov[1], "partly", ""),
        ];
        let plan = plan_import(
            fw,
            &p.assessments[0],
            TOKEN,
            &q,
            &edited,
            at("2025-03-06T09:00:00Z"),
        );
        assert!(matches!(plan.rows[0].2, Outcome::Changed { .. }));
        assert!(matches!(plan.rows[1].2, Outcome::Conflict { .. }));
    }
}
