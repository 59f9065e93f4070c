//! The state's effects, carried out through the store: the only place a
//! session touches the disk. Each result is fed back to the state as a
//! message.

use chrono::{DateTime, SubsecRound, Utc};

use super::{Background, Session};
use super::{RETRY_FIRST, RETRY_MOST};
use crate::core::examples::EXAMPLES;
use crate::core::ops::Op;
use crate::core::profile::Profile;
use crate::store::shared::Progress;
use crate::store::{DraftKey, LockOutcome, ReadOnly, StoreError};
use crate::text::{fill, ui};
use crate::ui::app::{Draft, Effect, Msg};

impl Session {
    pub(super) fn perform_effect(&mut self, effect: Effect) -> Vec<Msg> {
        let s = ui(self.app.lang);
        if !self.allowed(&effect) {
            return vec![Msg::Problem(s.not_allowed_here.to_string())];
        }
        if self.served.is_some() {
            match effect {
                Effect::Open { id, new_assessment } => return self.open_shared(id, new_assessment),
                Effect::Save { ops, draft, .. } => return self.save_shared(ops, draft),
                Effect::Close => {
                    self.close_shared();
                    return vec![];
                }
                other => return self.perform_local(other),
            }
        }
        self.perform_local(effect)
    }

    /// Whether this session may have `effect` carried out: everything for
    /// the consultant; for a respondent only its own profile, its own
    /// voices on its domains' indicators, its own drafts, and leaving.
    pub fn allowed(&self, effect: &Effect) -> bool {
        let scope = match &self.access {
            super::Access::Full => return true,
            super::Access::Respondent(scope) => scope,
        };
        let in_scope = |indicator: &str| {
            crate::core::framework::framework()
                .indicator(indicator)
                .is_some_and(|found| scope.domains.contains(&found.domain.id))
        };
        match effect {
            Effect::Open { id, new_assessment } => *id == scope.profile && !new_assessment,
            Effect::Save { profile, ops, .. } => {
                profile.id == scope.profile
                    && !ops.is_empty()
                    && ops.iter().all(|op| match op {
                        Op::SetVoice {
                            respondent,
                            indicator,
                            ..
                        }
                        | Op::ClearVoice {
                            respondent,
                            indicator,
                            ..
                        } => *respondent == scope.respondent && in_scope(indicator),
                        _ => false,
                    })
            }
            Effect::SaveDraft(draft) => {
                draft.profile == scope.profile
                    && draft.respondent.as_deref() == Some(scope.respondent.as_str())
                    && in_scope(&draft.indicator)
            }
            Effect::ClearDraft(key) => {
                key.profile == scope.profile
                    && key.respondent.as_deref() == Some(scope.respondent.as_str())
            }
            Effect::Close | Effect::Quit => true,
            // the language is the session's own: nothing is written
            Effect::RememberLang(_) => true,
            Effect::List
            | Effect::Create(_)
            | Effect::Trash(_)
            | Effect::AddExamples
            | Effect::Export { .. }
            | Effect::ExportComparison { .. }
            | Effect::ExportReplacing(_)
            | Effect::LoadForCompare { .. }
            | Effect::TrashAssessment { .. }
            | Effect::ListTrash
            | Effect::ListConnected
            | Effect::Invite { .. }
            | Effect::Revoke { .. }
            | Effect::LoadInvitees { .. }
            | Effect::Restore(_) => false,
        }
    }

    /// An effect carried out by this session itself (a local session, or
    /// what a served one does without the shared profile).
    fn perform_local(&mut self, effect: Effect) -> Vec<Msg> {
        let s = ui(self.app.lang);
        match effect {
            Effect::List => {
                // Read in the background: the first frame and the keyboard
                // never wait for a large folder.
                self.list_generation += 1;
                let generation = self.list_generation;
                let store = self.store.clone();
                let tx = self.background_tx.clone();
                let waker = self.waker.clone();
                let lang = self.app.lang;
                std::thread::spawn(move || {
                    // a panic here ends this session too (caught, reported)
                    let listed = std::panic::catch_unwind(|| store.summaries());
                    let msg = match listed {
                        Ok(Ok(listing)) => Ok(Msg::Listed {
                            entries: listing.summaries,
                            // worded in the session's language
                            skipped: listing
                                .skipped_errors
                                .iter()
                                .map(|e| e.message(lang))
                                .collect(),
                            folder: store.dir().display().to_string(),
                        }),
                        Ok(Err(e)) => Ok(Msg::OpenFailed(e.message(lang))),
                        Err(payload) => Err(super::panic_message(payload.as_ref())),
                    };
                    let _ = tx.send(Background { generation, msg });
                    if let Some(wake) = waker {
                        wake();
                    }
                });
                vec![]
            }
            Effect::Open { id, new_assessment } => self.open_profile(id, new_assessment),
            Effect::Create(mut profile) => {
                let lang = self.app.lang;
                let now = self.clock.now().trunc_subsecs(0);
                profile.created = now;
                profile.updated = now;
                match self.store.exists(&profile.id) {
                    Ok(false) => {}
                    Ok(true) => {
                        return vec![Msg::CreateFailed(fill(s.error_id_taken, &[&profile.id]))];
                    }
                    Err(e) => return vec![Msg::CreateFailed(e.message(lang))],
                }
                self.close_profile();
                let lock = match self.store.lock(&profile.id) {
                    Ok(LockOutcome::Acquired { lock, .. }) => lock,
                    Ok(LockOutcome::Held(holder)) => {
                        return vec![Msg::CreateFailed(ReadOnly::Held(holder).message(lang))];
                    }
                    Err(e) => return vec![Msg::CreateFailed(e.message(lang))],
                };
                // the journal's space before the first answer
                let journal = match self.store.open_journal(&profile.id) {
                    Ok((journal, _)) => journal,
                    Err(e) => return vec![Msg::CreateFailed(e.message(lang))],
                };
                match self.store.save_checked(&profile, &lock, None) {
                    Ok(fingerprint) => {
                        self.lock = Some(lock);
                        self.fingerprint = Some(fingerprint);
                        self.journal = Some(journal);
                        vec![
                            Msg::Opened {
                                profile,
                                read_only: None,
                                new_assessment: false,
                                draft: None,
                            },
                            self.saved(now),
                        ]
                    }
                    Err(e) => vec![Msg::CreateFailed(e.message(lang))],
                }
            }
            Effect::Save {
                profile,
                ops,
                draft,
            } => self.save_open(profile, ops, draft),
            Effect::SaveDraft(draft) => match self.save_draft(&draft) {
                Ok(()) => {
                    self.draft_written = Some(draft);
                    vec![]
                }
                Err(error) => vec![Msg::SaveFailed(error)],
            },
            Effect::ClearDraft(key) => match self.store.clear_draft(&key) {
                Ok(()) => {
                    self.draft_written = None;
                    vec![]
                }
                Err(e) => vec![Msg::SaveFailed(e.message(self.app.lang))],
            },
            Effect::Close => {
                self.close_profile();
                vec![]
            }
            Effect::Trash(id) => {
                let lang = self.app.lang;
                let result = match self.store.lock(&id) {
                    Ok(LockOutcome::Acquired { lock, .. }) => {
                        self.store.trash(&id, &lock).map_err(|e| e.message(lang))
                    }
                    Ok(LockOutcome::Held(holder)) => Err(ReadOnly::Held(holder).message(lang)),
                    Err(e) => Err(e.message(lang)),
                };
                match result {
                    Ok(to) => vec![Msg::Info(fill(ui(self.app.lang).trashed, &[&to.display()]))],
                    Err(e) => vec![Msg::OpenFailed(e)],
                }
            }
            Effect::AddExamples => {
                let mut added = 0;
                for (id, text) in EXAMPLES {
                    if self.store.exists(id).unwrap_or(true) {
                        continue;
                    }
                    let Ok(profile) = Profile::from_json(text) else {
                        continue;
                    };
                    if let Ok(LockOutcome::Acquired { lock, .. }) = self.store.lock(id) {
                        match self.store.save(&profile, &lock) {
                            Ok(_) => added += 1,
                            Err(e) => return vec![Msg::SaveFailed(e.message(self.app.lang))],
                        }
                    }
                }
                vec![Msg::Info(fill(ui(self.app.lang).examples_added, &[&added]))]
            }
            export @ (Effect::Export { .. } | Effect::ExportComparison { .. }) => {
                self.export(export, false)
            }
            Effect::ExportReplacing(export) => self.export(*export, true),
            Effect::LoadForCompare { ids, timeline } => {
                let mut profiles = vec![];
                for id in ids {
                    match self.store.load(&id) {
                        Ok(loaded) => profiles.push(loaded.profile),
                        Err(e) => return vec![Msg::OpenFailed(e.message(self.app.lang))],
                    }
                }
                vec![Msg::ForCompare { profiles, timeline }]
            }
            Effect::TrashAssessment {
                profile,
                assessment,
            } => {
                let lang = self.app.lang;
                let Some(lock) = &self.lock else {
                    return vec![Msg::SaveFailed(
                        crate::core::ops::EditError::NoSuchAssessment(assessment).message(lang),
                    )];
                };
                let label = format!("assessment-{assessment}");
                match self.store.keep_in_trash(&profile, &label, lock) {
                    Ok(kept) => vec![Msg::AssessmentTrashed {
                        assessment,
                        kept: kept.display().to_string(),
                    }],
                    Err(e) => vec![Msg::SaveFailed(e.message(lang))],
                }
            }
            Effect::Invite {
                profile,
                respondent,
                domains,
                expires,
                key,
            } => self.invite(profile, respondent, domains, expires, key),
            Effect::Revoke { user } => {
                let lang = self.app.lang;
                let Some(source) = &self.connected else {
                    return vec![Msg::Problem(s.w.invite_not_serving.to_string())];
                };
                // as `citydx invite revoke`: the store's revoke, its words
                let book = source.invitations();
                let profile = book.find(&user).ok().flatten().map(|i| i.profile);
                match book.revoke(&user) {
                    Ok(()) => {
                        let words = crate::text::invite::strings(lang);
                        let mut said = fill(words.revoked, &[&user, &profile.unwrap_or_default()]);
                        // a session live on it ends now, told why
                        if source.end_sessions(&user) > 0 {
                            said.push_str(words.revoked_session_ended);
                        }
                        vec![Msg::Info(said)]
                    }
                    Err(e) => vec![Msg::Problem(e.message(lang))],
                }
            }
            Effect::LoadInvitees { profile } => {
                let lang = self.app.lang;
                // the copy the server holds when a session holds it
                let respondents = match &self.served {
                    Some(served) => served.profiles.respondents(&profile, lang),
                    None => self
                        .store
                        .load(&profile)
                        .map(|loaded| crate::store::shared::latest_respondents(&loaded.profile))
                        .map_err(|e| e.message(lang)),
                };
                vec![Msg::Invitees {
                    profile,
                    respondents,
                }]
            }
            Effect::ListConnected => {
                let rows = self
                    .connected
                    .as_ref()
                    .map(|source| source.rows())
                    .unwrap_or_default();
                vec![Msg::ConnectedListed {
                    rows,
                    serving: self.connected.as_ref().map(|source| source.serving()),
                }]
            }
            Effect::ListTrash => match self.store.trash_items() {
                Ok(items) => vec![Msg::TrashListed(items)],
                Err(e) => vec![
                    Msg::TrashListed(vec![]),
                    Msg::SaveFailed(e.message(self.app.lang)),
                ],
            },
            Effect::Restore(item) => self.restore(*item),
            // not the session's to write: handed to whoever drives it
            Effect::RememberLang(lang) => {
                self.lang_chosen = Some(lang);
                vec![]
            }
            Effect::Quit => vec![],
        }
    }

    /// Makes an invitation through the store's `InviteBook::invite` (the
    /// function `citydx invite` calls), in the invitations file the server
    /// reads; the key file is read there, so a bad one writes nothing.
    fn invite(
        &mut self,
        profile: String,
        respondent: String,
        domains: Vec<crate::core::framework::DomainId>,
        expires: chrono::Duration,
        key: Option<std::path::PathBuf>,
    ) -> Vec<Msg> {
        let lang = self.app.lang;
        let Some(source) = &self.connected else {
            return vec![Msg::InviteFailed(ui(lang).w.invite_not_serving.to_string())];
        };
        // `~/` is the home folder, as a shell would read it
        let key = key.map(|path| match path.strip_prefix("~") {
            Ok(rest) => directories::BaseDirs::new()
                .map(|dirs| dirs.home_dir().join(rest))
                .unwrap_or(path),
            Err(_) => path,
        });
        let request = crate::store::invites::InviteRequest {
            profile,
            respondent,
            domains: domains.iter().map(|d| d.as_str().to_string()).collect(),
            expires,
            key_file: key,
            max_failures: crate::store::invites::MAX_FAILURES,
        };
        match source.invitations().invite(request, self.clock.now()) {
            Ok((invitation, code)) => {
                let (port, fingerprint) = source.serving();
                let host = crate::store::invites::default_host();
                vec![Msg::Invited(Box::new(
                    crate::ui::screens::invite::Invited {
                        ssh: crate::store::invites::ssh_command(port, &invitation.user, &host),
                        key_kind: invitation
                            .key
                            .as_ref()
                            .and_then(|k| k.split(' ').next().map(str::to_string)),
                        domains: if invitation.domains.is_empty() {
                            vec![]
                        } else {
                            invitation.domain_ids()
                        },
                        user: invitation.user,
                        profile: invitation.profile,
                        respondent: invitation.respondent,
                        code,
                        expires: invitation.expires,
                        fingerprint,
                    },
                ))]
            }
            Err(e) => vec![Msg::InviteFailed(e.message(lang))],
        }
    }

    /// Puts a trashed profile back in the folder, or a deleted assessment
    /// back into its profile (locked, through the core, saved atomically).
    fn restore(&mut self, item: crate::store::TrashItem) -> Vec<Msg> {
        use crate::store::TrashKind;
        let lang = self.app.lang;
        let w = ui(lang).w;
        match item.kind {
            TrashKind::Profile => match self.store.restore_profile(&item.file) {
                Ok(_) => vec![Msg::Info(fill(w.restored_profile, &[&item.profile]))],
                Err(StoreError::Exists { id, .. }) => {
                    vec![Msg::SaveFailed(fill(w.error_restore_exists, &[&id]))]
                }
                Err(e) => vec![Msg::SaveFailed(e.message(lang))],
            },
            TrashKind::Assessment { id, .. } => {
                let copy = match self.store.trashed_profile(&item.file) {
                    Ok(copy) => copy,
                    Err(e) => return vec![Msg::SaveFailed(e.message(lang))],
                };
                let Some(assessment) = copy.assessment(&id).cloned() else {
                    return vec![];
                };
                match self.store.exists(&item.profile) {
                    Ok(true) => {}
                    Ok(false) => {
                        return vec![Msg::SaveFailed(fill(
                            w.error_restore_gone,
                            &[&item.profile],
                        ))];
                    }
                    Err(e) => return vec![Msg::SaveFailed(e.message(lang))],
                }
                let lock = match self.store.lock(&item.profile) {
                    Ok(LockOutcome::Acquired { lock, .. }) => lock,
                    Ok(LockOutcome::Held(holder)) => {
                        return vec![Msg::SaveFailed(ReadOnly::Held(holder).message(lang))];
                    }
                    Err(e) => return vec![Msg::SaveFailed(e.message(lang))],
                };
                let op = Op::RestoreAssessment {
                    assessment: Box::new(assessment),
                };
                let now = self.clock.now().trunc_subsecs(0);
                match self.store.apply(&item.profile, &[op], &lock, now) {
                    Ok(profile) => vec![Msg::Info(fill(
                        w.restored_assessment,
                        &[&profile.city.name.get(lang), &item.profile],
                    ))],
                    Err(e) => vec![Msg::SaveFailed(e.message(lang))],
                }
            }
        }
    }

    /// Writes the note being typed as the profile's draft.
    pub(super) fn save_draft(&mut self, draft: &Draft) -> Result<(), String> {
        let text = serde_json::to_string(draft).unwrap_or_default();
        self.store
            .save_draft(&draft.key(), &text)
            .map_err(|e| e.message(self.app.lang))
    }

    /// Opens profile `id`: read, locked, its journal's space reserved and
    /// any operations an earlier session left unsaved replayed and saved.
    fn open_profile(&mut self, id: String, new_assessment: bool) -> Vec<Msg> {
        let lang = self.app.lang;
        let s = ui(lang);
        self.close_profile();
        let loaded = match self.store.load(&id) {
            Ok(loaded) => loaded,
            Err(e) => return vec![Msg::OpenFailed(e.message(lang))],
        };
        let mut profile = loaded.profile;
        let mut msgs = vec![];
        let mut after = vec![];
        let mut read_only = match loaded.read_only {
            Some(reason) => Some(reason.message(lang)),
            None => match self.store.lock(&id) {
                Ok(LockOutcome::Acquired { lock, took_over }) => {
                    self.lock = Some(lock);
                    if let Some(holder) = took_over {
                        msgs.push(Msg::Info(fill(s.took_over, &[&holder.message(lang)])));
                    }
                    None
                }
                Ok(LockOutcome::Held(holder)) => Some(ReadOnly::Held(holder).message(lang)),
                Err(e) => Some(e.read_only_reason().message(lang)),
            },
        };
        if read_only.is_none() {
            self.fingerprint = loaded.fingerprint;
            match self.store.open_journal(&id) {
                Ok((journal, found)) => {
                    self.journal = Some(journal);
                    if found.unreadable || !found.ops.is_empty() {
                        let mut replayed = profile.clone();
                        match replayed.apply_all(&found.ops) {
                            Ok(()) if !found.unreadable => {
                                let count = found.ops.len();
                                self.unsaved = Some(Box::new(replayed.clone()));
                                self.unsaved_ops = count;
                                profile = replayed;
                                match self.attempt_save() {
                                    (true, _) => {
                                        msgs.push(Msg::Info(fill(s.journal_replayed, &[&count])))
                                    }
                                    (false, msg) => after.push(msg),
                                }
                            }
                            refused => {
                                let why = match refused {
                                    Err(e) => e.message(lang),
                                    Ok(()) => self
                                        .journal
                                        .as_ref()
                                        .map(|j| j.path().display().to_string())
                                        .unwrap_or_default(),
                                };
                                self.journal = None;
                                let kept = self.store.keep_journal(&id).and_then(|kept| {
                                    self.journal = Some(self.store.open_journal(&id)?.0);
                                    Ok(kept)
                                });
                                match kept {
                                    Ok(kept) => after.push(Msg::SaveFailed(fill(
                                        s.journal_kept,
                                        &[&why, &kept.display()],
                                    ))),
                                    Err(e) => read_only = Some(e.message(lang)),
                                }
                            }
                        }
                    }
                }
                // no space for the journal: answers given now could be lost
                Err(e) => read_only = Some(e.message(lang)),
            }
            if read_only.is_some() {
                self.close_profile();
            }
        }
        let draft = read_only
            .is_none()
            .then(|| self.store.drafts_of(&id).into_iter().next())
            .flatten()
            .and_then(|(_, text)| serde_json::from_str::<Draft>(&text).ok());
        // after any notice, which the opened profile may add to
        msgs.push(Msg::Opened {
            profile: Box::new(profile),
            read_only,
            new_assessment,
            draft,
        });
        msgs.extend(after);
        self.sync_unsaved();
        msgs
    }

    /// Lets go of the profile held: its lock, its journal (left on disk
    /// with whatever is still unsaved in it, for the next opening).
    pub(super) fn close_profile(&mut self) {
        self.lock = None;
        self.journal = None;
        self.fingerprint = None;
        self.unsaved = None;
        self.unsaved_ops = 0;
        self.unjournaled.clear();
        self.drafts_after_save.clear();
        self.retry_due = None;
        self.retry_wait = RETRY_FIRST;
        self.sync_unsaved();
    }

    /// The state knows how many changes are not yet on disk.
    pub(super) fn sync_unsaved(&mut self) {
        self.app.unsaved = self.unsaved_ops;
    }

    /// A save asked for by the state: the profile written; on failure the
    /// operations go to the journal and the save is retried.
    fn save_open(
        &mut self,
        profile: Box<Profile>,
        ops: Vec<Op>,
        draft: Option<DraftKey>,
    ) -> Vec<Msg> {
        let lang = self.app.lang;
        if self.lock.is_none() {
            return vec![Msg::SaveFailed(fill(ui(lang).not_held, &[&profile.id]))];
        }
        self.unsaved_ops += ops.len();
        self.unjournaled.extend(ops);
        self.drafts_after_save.extend(draft);
        self.unsaved = Some(profile);
        // Saved at once, the operations need no journal (it would cost a
        // sync of its own on every answer); a save that fails leaves them
        // to the journal before anything else happens.
        let msgs = match self.attempt_save() {
            (true, saved) => vec![saved],
            (false, failed) => match self.write_journal_now() {
                Ok(()) => vec![failed],
                // the journal could not keep them either: say that too
                Err(e) => vec![failed, Msg::SaveFailed(e.message(lang))],
            },
        };
        self.sync_unsaved();
        msgs
    }

    /// Writes the profile not yet saved: whether it was written, and the
    /// message to show (`Saved`, or why not: then it is retried on the
    /// tick, waiting longer each time).
    pub(super) fn attempt_save(&mut self) -> (bool, Msg) {
        let lang = self.app.lang;
        let Some(mut profile) = self.unsaved.clone() else {
            return (true, self.saved(self.clock.now().trunc_subsecs(0)));
        };
        let Some(lock) = &self.lock else {
            return (
                false,
                Msg::SaveFailed(fill(ui(lang).not_held, &[&profile.id])),
            );
        };
        let now = self.clock.now().trunc_subsecs(0);
        profile.updated = now;
        match self
            .store
            .save_checked(&profile, lock, self.fingerprint.as_ref())
        {
            Ok(fingerprint) => {
                self.fingerprint = Some(fingerprint);
                self.unsaved = None;
                self.unsaved_ops = 0;
                self.unjournaled.clear();
                self.retry_due = None;
                self.retry_wait = RETRY_FIRST;
                let mut error = None;
                if let Some(journal) = &mut self.journal
                    && let Err(e) = journal.clear()
                {
                    error = Some(e.message(lang));
                }
                // the notes saved: their drafts go, unless the same draft
                // holds a note being typed now
                let typing = self.app.pending_draft().map(|d| d.key());
                for key in std::mem::take(&mut self.drafts_after_save) {
                    if Some(&key) == typing.as_ref() {
                        continue;
                    }
                    if let Err(e) = self.store.clear_draft(&key) {
                        error = Some(e.message(lang));
                    }
                }
                self.sync_unsaved();
                match error {
                    Some(e) => (true, Msg::SaveFailed(e)),
                    None => (true, self.saved(now)),
                }
            }
            Err(e @ StoreError::Changed { .. }) => {
                // changed on disk: never overwritten; this session's
                // version is kept beside it, and the profile is read-only
                // here until reopened
                if let Some(journal) = &mut self.journal {
                    let _ = journal.clear();
                }
                self.close_profile();
                (false, Msg::ReadOnly(e.message(lang)))
            }
            Err(e) => {
                let wait = self.retry_wait;
                self.retry_due = Some(self.clock.instant() + wait);
                self.retry_wait = (wait * 2).min(RETRY_MOST);
                self.sync_unsaved();
                (
                    false,
                    Msg::SaveFailed(fill(
                        ui(lang).unsaved_retrying,
                        &[&self.unsaved_ops, &e.message(lang)],
                    )),
                )
            }
        }
    }

    /// Writes the assessment's report in every format beside `base`,
    /// through the store's export rule; asks first (unless `replace`)
    /// when that would replace files.
    fn export(&mut self, export: Effect, replace: bool) -> Vec<Msg> {
        let lang = self.app.lang;
        let s = ui(lang);
        // what is written: an assessment's report, or a comparison's
        let (base, render): (&String, Box<dyn Fn(crate::report::Format) -> String>) = match &export
        {
            Effect::Export {
                profile,
                assessment,
                base,
            } => (
                base,
                Box::new(move |format| crate::report::render(format, profile, *assessment, lang)),
            ),
            Effect::ExportComparison {
                comparison,
                timeline,
                sort,
                base,
            } => {
                let kind = if *timeline {
                    crate::report::compare::Kind::Timeline
                } else {
                    crate::report::compare::Kind::Cities
                };
                (
                    base,
                    Box::new(move |format| {
                        crate::report::compare::render(format, comparison, kind, *sort, lang)
                    }),
                )
            }
            _ => return vec![],
        };
        let base = std::path::PathBuf::from(base);
        let paths: Vec<std::path::PathBuf> = crate::report::Format::ALL
            .iter()
            .map(|format| {
                let mut path = base.clone().into_os_string();
                path.push(".");
                path.push(format.extension());
                std::path::PathBuf::from(path)
            })
            .collect();
        for path in &paths {
            if let Err(e) = self.store.check_export_path(path) {
                return vec![Msg::SaveFailed(e.message(lang))];
            }
        }
        let existing: Vec<String> = paths
            .iter()
            .filter(|p| std::fs::symlink_metadata(p).is_ok())
            .map(|p| p.display().to_string())
            .collect();
        if !replace && !existing.is_empty() {
            return vec![Msg::ExportWouldReplace {
                export: Box::new(export.clone()),
                existing,
            }];
        }
        for (format, path) in crate::report::Format::ALL.iter().zip(&paths) {
            let text = render(*format);
            // unless replacing was asked about, a file that appeared since
            // the check is never replaced: the question comes instead
            let written = if replace {
                self.store
                    .write_export(path, text.as_bytes())
                    .map(|()| true)
            } else {
                self.store.write_export_new(path, text.as_bytes())
            };
            match written {
                Ok(true) => {}
                Ok(false) => {
                    return vec![Msg::ExportWouldReplace {
                        export: Box::new(export.clone()),
                        existing: vec![path.display().to_string()],
                    }];
                }
                Err(e) => return vec![Msg::SaveFailed(e.message(lang))],
            }
        }
        // where, once and in full: /folder/name.md, .html, .json
        let first = paths
            .first()
            .map(|p| p.canonicalize().unwrap_or_else(|_| p.clone()))
            .map(|p| p.display().to_string())
            .unwrap_or_default();
        let rest: Vec<String> = crate::report::Format::ALL[1..]
            .iter()
            .map(|f| format!(".{}", f.extension()))
            .collect();
        let where_ = format!("{first}, {}", rest.join(", "));
        vec![Msg::Info(fill(s.exported, &[&where_]))]
    }

    fn saved(&self, at: DateTime<Utc>) -> Msg {
        Msg::Saved {
            at,
            label: self.clock.label(at),
        }
    }
}

/// The shared profile's side of a served session.
impl Session {
    /// Opens profile `id` through the process's owner of it.
    fn open_shared(&mut self, id: String, new_assessment: bool) -> Vec<Msg> {
        let lang = self.app.lang;
        self.close_shared();
        let Some(served) = &mut self.served else {
            return vec![];
        };
        let shared = match served.profiles.open(&id, lang) {
            Ok(shared) => shared,
            // the consultant still sees a profile the server cannot hold
            // (held elsewhere, a newer version): read-only, as locally
            Err(_) if self.access == super::Access::Full => {
                return self.open_profile(id, new_assessment);
            }
            Err(e) => return vec![Msg::OpenFailed(e)],
        };
        let (profile, generation) = shared.snapshot();
        let profile = self.shown(profile);
        let Some(served) = &mut self.served else {
            return vec![];
        };
        if let Some(waker) = &self.waker {
            shared.watch(served.number, waker.clone());
        }
        served.open = Some((shared, generation));
        served.refreshed = Some(self.clock.instant());
        // this respondent's own draft only (the consultant's: the first)
        let respondent = match &self.access {
            super::Access::Respondent(scope) => Some(scope.respondent.clone()),
            super::Access::Full => None,
        };
        let draft = self
            .store
            .drafts_of(&id)
            .into_iter()
            .filter(|(key, _)| respondent.is_none() || key.respondent == respondent)
            .find_map(|(_, text)| serde_json::from_str::<Draft>(&text).ok());
        vec![Msg::Opened {
            profile,
            read_only: None,
            new_assessment,
            draft,
        }]
    }

    /// Hands the operations to the profile's owner: applied, and saved or
    /// journalled, before the state hears back.
    fn save_shared(&mut self, ops: Vec<Op>, draft: Option<DraftKey>) -> Vec<Msg> {
        let lang = self.app.lang;
        let now = self.clock.now().trunc_subsecs(0);
        let number = self.served.as_ref().map_or(0, |s| s.number);
        let Some((shared, seen)) = self.served.as_mut().and_then(|s| s.open.as_mut()) else {
            return vec![Msg::SaveFailed(fill(ui(lang).not_held, &[&""]))];
        };
        match shared.apply(&ops, now, lang) {
            Ok(applied) => {
                // the state holds its own operations already; the others'
                // come in with the next refresh
                let caught_up = applied.generation == *seen + 1;
                *seen = applied.generation;
                // this respondent's progress out at once: the others'
                // counts follow its answers
                if let super::Access::Respondent(scope) = &self.access
                    && let Some(open) = self.app.screen.open()
                {
                    shared.report_progress(
                        number,
                        Some(respondent_progress(open.assessment(), scope)),
                    );
                }
                let mut msgs = vec![];
                if !caught_up {
                    msgs.push(Msg::Refreshed(self.shown(applied.profile)));
                }
                if let Some(key) = draft {
                    let typing = self.app.pending_draft().map(|d| d.key());
                    if Some(&key) != typing.as_ref()
                        && let Err(e) = self.store.clear_draft(&key)
                    {
                        msgs.push(Msg::SaveFailed(e.message(lang)));
                    }
                }
                msgs.push(match applied.warning {
                    Some(why) => Msg::SaveFailed(why),
                    None => self.saved(now),
                });
                msgs
            }
            Err(why) => vec![Msg::SaveFailed(why)],
        }
    }

    /// The profile as this session may see it: a respondent's own voices
    /// only ([`crate::core::voices::respondent_view`]); all of it for the
    /// consultant.
    fn shown(&self, profile: Box<Profile>) -> Box<Profile> {
        match &self.access {
            super::Access::Respondent(scope) => Box::new(crate::core::voices::respondent_view(
                &profile,
                &scope.respondent,
            )),
            super::Access::Full => profile,
        }
    }

    /// Lets go of the shared profile (the process lets go of it when no
    /// session holds it).
    pub(super) fn close_shared(&mut self) {
        if let Some(served) = &mut self.served
            && let Some((shared, _)) = served.open.take()
        {
            shared.unwatch(served.number);
            shared.report_progress(served.number, None);
        }
    }

    /// Takes in the others' changes and progress, at most once every
    /// [`super::REFRESH_EVERY`].
    pub(super) fn refresh_shared(&mut self) {
        let now = self.clock.instant();
        let Some(served) = &mut self.served else {
            return;
        };
        let Some((shared, seen)) = &mut served.open else {
            return;
        };
        if served
            .refreshed
            .is_some_and(|at| now.duration_since(at) < super::REFRESH_EVERY)
        {
            return;
        }
        served.refreshed = Some(now);
        let shared = shared.clone();
        let number = served.number;
        served.progress_seen = shared.progress_generation();
        let changed = if shared.generation() != *seen {
            let (profile, generation) = shared.snapshot();
            *seen = generation;
            Some(profile)
        } else {
            None
        };
        let msgs: Vec<Msg> = changed
            .into_iter()
            .map(|p| Msg::Refreshed(self.shown(p)))
            .collect();
        // this respondent's progress out, the others' in (counts only)
        if let super::Access::Respondent(scope) = &self.access
            && let Some(open) = self.app.screen.open()
        {
            let mine = respondent_progress(open.assessment(), scope);
            shared.report_progress(number, Some(mine));
            let others: Vec<Progress> = shared
                .progress()
                .into_iter()
                .filter(|(n, _)| *n != number)
                .map(|(_, p)| p)
                .collect();
            if !others.is_empty() {
                let answered: usize = others.iter().map(|p| p.answered).sum();
                let total: usize = others.iter().map(|p| p.total).sum();
                self.app.status.info = Some(fill(
                    ui(self.app.lang).others_progress,
                    &[&others.len(), &answered, &total],
                ));
            }
        }
        for msg in msgs {
            let effects = self.app.update(msg);
            self.execute(effects);
        }
        self.dirty = true;
    }
}

/// How many of the scope's questions the respondent has given a voice on.
fn respondent_progress(
    assessment: &crate::core::profile::Assessment,
    scope: &super::Scope,
) -> Progress {
    let framework = crate::core::framework::framework();
    let mut answered = 0;
    let mut total = 0;
    for found in framework.indicators() {
        if !scope.domains.contains(&found.domain.id) {
            continue;
        }
        total += 1;
        if assessment
            .answers
            .get(&found.indicator.id)
            .is_some_and(|a| a.voices.contains_key(&scope.respondent))
        {
            answered += 1;
        }
    }
    Progress {
        respondent: scope.respondent.clone(),
        answered,
        total,
    }
}
