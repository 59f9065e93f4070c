//! The profile the interview views share: the profile, which assessment is
//! open, and why it is read-only, if it is. Opening a profile lands here.

use super::super::app::{Draft, Effect};
use super::super::ctx::{Ctx, Cx};
use super::super::keys::Role;
use super::{Screen, View, advice, editor::EditTarget, editor::Editor, walk::Walk};
use crate::core::Lang;
use crate::core::framework;
use crate::core::framework::DomainId;
use crate::core::maturity::{domain_maturity, progress};
use crate::core::ops::Op;
use crate::core::profile::{Assessment, Profile, Respondent};
use crate::text::{UiStrings, fill};

#[derive(Debug, Clone)]
pub struct Open {
    pub profile: Profile,
    /// Index into the profile's assessments.
    pub assessment: usize,
    pub read_only: Option<String>,
    /// Who the answer keys answer for: a respondent of the open assessment
    /// (by id), or `None`, the assessor (the agreed answer, as in a
    /// profile without respondents).
    pub answering: Option<String>,
}

impl Open {
    pub fn assessment(&self) -> &Assessment {
        &self.profile.assessments[self.assessment]
    }

    pub fn assessment_mut(&mut self) -> &mut Assessment {
        &mut self.profile.assessments[self.assessment]
    }

    /// The respondent answering now, if it is one of the open assessment's.
    pub fn answering_respondent(&self) -> Option<&Respondent> {
        self.answering
            .as_deref()
            .and_then(|id| self.assessment().respondent(id))
    }

    /// Who is answering, as the header shows it: `None` when the
    /// assessment has no respondent (everything is as it always was).
    pub fn answering_label(&self, s: &UiStrings) -> Option<String> {
        if self.assessment().respondents.is_empty() {
            return None;
        }
        let who = match self.answering_respondent() {
            Some(r) => r.name.clone(),
            None => s.the_assessor.to_string(),
        };
        Some(fill(s.answering_as, &[&who]))
    }

    /// The next one to answer: the respondents in order, then the assessor
    /// (for the consultant only: a respondent at the keys answers as a
    /// respondent).
    pub fn next_answering(&mut self, role: Role) {
        let ids: Vec<String> = self
            .assessment()
            .respondents
            .iter()
            .map(|r| r.id.clone())
            .collect();
        let mut cycle: Vec<Option<String>> = ids.into_iter().map(Some).collect();
        if role == Role::Consultant {
            cycle.push(None);
        }
        if cycle.is_empty() {
            return;
        }
        let at = cycle.iter().position(|c| *c == self.answering);
        self.answering = match at {
            Some(i) => cycle[(i + 1) % cycle.len()].clone(),
            None => cycle[0].clone(),
        };
    }

    /// Answered and total indicators of the open assessment.
    pub fn progress(&self) -> (usize, usize) {
        progress(framework(), self.assessment())
    }

    /// Questions answered "unknown" in the assessment shown.
    pub fn unknown(&self) -> usize {
        crate::core::maturity::unknown_count(framework(), self.assessment())
    }

    /// True when edits are allowed; else says why on the status line.
    pub fn writable(&self, cx: &mut Cx<'_>) -> bool {
        match &self.read_only {
            Some(reason) => {
                cx.refuse(reason);
                false
            }
            None => true,
        }
    }

    /// The header: the view's name, the city, the date, which assessment.
    pub fn title(&self, view: &str, cx: &Ctx) -> String {
        let a = self.assessment();
        format!(
            "{view} · {} · {} · {}",
            self.profile.city.name.get(cx.lang),
            a.date,
            fill(
                cx.s.assessment_number,
                &[&(self.assessment + 1), &self.profile.assessments.len()]
            )
        )
    }

    /// A save of the whole profile, with no operation of its own.
    pub fn save(&self) -> Effect {
        self.save_ops(vec![], None)
    }

    /// A save of the whole profile carrying `ops` (applied since the last
    /// save effect; the session journals them) and the draft to drop once
    /// the save succeeded.
    pub fn save_ops(&self, ops: Vec<Op>, draft: Option<crate::store::DraftKey>) -> Effect {
        Effect::Save {
            profile: Box::new(self.profile.clone()),
            ops,
            draft,
        }
    }

    /// The open assessment's id, which operations address it by.
    pub fn assessment_id(&self) -> String {
        self.assessment().id.clone()
    }

    /// Applies `op` through the core (all or nothing, the same checks as
    /// `validate`): the save to carry out, or why it was refused, in `lang`.
    pub fn apply(&mut self, op: Op, lang: Lang) -> Result<Effect, String> {
        self.profile.apply(&op).map_err(|e| e.message(lang))?;
        Ok(self.save_ops(vec![op], None))
    }

    /// The draft of the note being typed on the open assessment (a
    /// respondent's own note has its own).
    pub fn draft_key(&self) -> crate::store::DraftKey {
        crate::store::DraftKey::new(
            &self.profile.id,
            &self.assessment().id,
            self.answering_respondent().map(|r| r.id.as_str()),
        )
    }
}

/// Where the work is: the first domain with an unanswered question (the
/// first domain when all are answered).
pub fn first_open_domain(open: &Open) -> usize {
    DomainId::ALL
        .iter()
        .position(|d| {
            let m = domain_maturity(framework().domain(*d), open.assessment());
            m.answered < m.total
        })
        .unwrap_or(0)
}

/// A profile arrived from the store: the walk opens on it (or the advice,
/// when that was asked for), a new assessment started if asked, a draft
/// note taken up again.
pub fn opened(
    mut profile: Profile,
    read_only: Option<String>,
    new_assessment: bool,
    draft: Option<Draft>,
    cx: &mut Cx<'_>,
) -> (Option<Screen>, Vec<Effect>) {
    let mut effects = vec![];
    let writable = read_only.is_none();
    if writable && new_assessment && !profile.assessments.is_empty() {
        // a reassessment asks for its date, interviewer and respondents
        // first, and says what is carried over; nothing is made until then
        let index = profile.assessments.len() - 1;
        let open = Box::new(Open {
            profile,
            assessment: index,
            read_only,
            answering: None,
        });
        cx.status.error = None;
        *cx.pending_view = None;
        return (Some(super::details::reassess(open, cx)), effects);
    }
    if writable && profile.assessments.is_empty() {
        // through the core, carried from the last assessment: the
        // operation is what the journal keeps
        let op = Op::NewAssessment {
            id: crate::core::uid::new_uid(),
            date: cx.today,
            interviewer: String::new(),
            carry_from: profile.assessments.last().map(|a| a.id.clone()),
        };
        match profile.apply(&op) {
            Ok(()) => effects.push(Effect::Save {
                profile: Box::new(profile.clone()),
                ops: vec![op],
                draft: None,
            }),
            Err(e) => cx.status.error = Some(e.message(cx.lang)),
        }
    }
    if profile.assessments.is_empty() {
        cx.status.error = Some(fill(cx.s.no_assessment_read_only, &[&profile.id]));
        return (None, effects);
    }
    let index = profile.assessments.len() - 1;
    let mut open = Box::new(Open {
        profile,
        assessment: index,
        read_only,
        answering: None,
    });
    let mut walk = Walk::at_domain(first_open_domain(&open));
    if let Some(draft) = draft.filter(|d| d.profile == open.profile.id && writable)
        && let Some(found) = framework().indicator(&draft.indicator)
        && let Some(at) = open.profile.assessment_index(&draft.assessment_id)
    {
        open.assessment = at;
        open.answering = draft
            .respondent
            .filter(|r| open.assessment().respondent(r).is_some());
        walk.domain = found.domain.id.index();
        walk.page = found.level as usize - 1;
        walk.selected = walk
            .page_indicators()
            .iter()
            .position(|id| *id == draft.indicator)
            .unwrap_or(0);
        // the draft differs from the note saved: Esc asks before dropping it
        let saved = open
            .assessment()
            .answers
            .get(&draft.indicator)
            .map(|a| match &open.answering {
                Some(r) => a
                    .voices
                    .get(r)
                    .and_then(|v| v.note.clone())
                    .unwrap_or_default(),
                None => a.note_in(cx.lang).unwrap_or_default().to_string(),
            })
            .unwrap_or_default();
        let mut editor = Editor::new(EditTarget::Note(draft.indicator.clone()), draft.text);
        editor.original = saved;
        walk.editor = Some(editor);
        let resumed = cx.s.draft_resumed;
        cx.status.info = Some(match cx.status.info.take() {
            Some(notice) => format!("{notice} {resumed}"),
            None => resumed.to_string(),
        });
    }
    cx.status.error = None;
    let pending = cx.pending_view.take();
    let screen = if pending == Some(View::Advice) && walk.editor.is_none() {
        advice::show(open, walk)
    } else if pending == Some(View::Profile) && walk.editor.is_none() && open.read_only.is_none() {
        super::form::edit(open, None, cx)
    } else {
        super::walk::at(open, walk)
    };
    (Some(screen), effects)
}
