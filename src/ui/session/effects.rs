//! The state's effects, carried out through the store: the only place a
//! session touches the disk. Each result is fed back to the state as a
//! message.

use chrono::{DateTime, SubsecRound, Utc};

use super::{Background, Session};
use crate::core::examples::EXAMPLES;
use crate::core::profile::Profile;
use crate::store::{LockOutcome, ReadOnly};
use crate::text::{fill, ui};
use crate::ui::app::{Draft, Effect, Msg};

impl Session {
    pub(super) fn perform_effect(&mut self, effect: Effect) -> Vec<Msg> {
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
                std::thread::spawn(move || {
                    // a panic here ends this session too (caught, reported)
                    let listed = std::panic::catch_unwind(|| store.summaries());
                    let msg = match listed {
                        Ok(Ok(listing)) => Ok(Msg::Listed {
                            entries: listing.summaries,
                            skipped: listing.skipped,
                            folder: store.dir().display().to_string(),
                        }),
                        Ok(Err(e)) => Ok(Msg::OpenFailed(e.to_string())),
                        Err(payload) => Err(super::panic_message(payload.as_ref())),
                    };
                    let _ = tx.send(Background { generation, msg });
                    if let Some(wake) = waker {
                        wake();
                    }
                });
                vec![]
            }
            Effect::Open { id, new_assessment } => {
                self.lock = None;
                let loaded = match self.store.load(&id) {
                    Ok(loaded) => loaded,
                    Err(e) => return vec![Msg::OpenFailed(e.to_string())],
                };
                let mut msgs = vec![];
                let read_only = match loaded.read_only {
                    Some(reason) => Some(reason.to_string()),
                    None => match self.store.lock(&id) {
                        Ok(LockOutcome::Acquired { lock, took_over }) => {
                            self.lock = Some(lock);
                            if let Some(holder) = took_over {
                                msgs.push(Msg::Info(fill(ui(self.app.lang).took_over, &[&holder])));
                            }
                            None
                        }
                        Ok(LockOutcome::Held(holder)) => Some(ReadOnly::Held(holder).to_string()),
                        Err(e) => Some(e.read_only_reason().to_string()),
                    },
                };
                let draft = read_only
                    .is_none()
                    .then(|| self.store.drafts_of(&id).into_iter().next())
                    .flatten()
                    .and_then(|(_, text)| serde_json::from_str::<Draft>(&text).ok());
                // after any notice, which the opened profile may add to
                msgs.push(Msg::Opened {
                    profile: Box::new(loaded.profile),
                    read_only,
                    new_assessment,
                    draft,
                });
                msgs
            }
            Effect::Create(mut profile) => {
                let now = self.clock.now().trunc_subsecs(0);
                profile.created = now;
                profile.updated = now;
                match self.store.exists(&profile.id) {
                    Ok(false) => {}
                    Ok(true) => {
                        return vec![Msg::CreateFailed(fill(s.error_id_taken, &[&profile.id]))];
                    }
                    Err(e) => return vec![Msg::CreateFailed(e.to_string())],
                }
                self.lock = None;
                let lock = match self.store.lock(&profile.id) {
                    Ok(LockOutcome::Acquired { lock, .. }) => lock,
                    Ok(LockOutcome::Held(holder)) => {
                        return vec![Msg::CreateFailed(ReadOnly::Held(holder).to_string())];
                    }
                    Err(e) => return vec![Msg::CreateFailed(e.to_string())],
                };
                match self.store.save(&profile, &lock) {
                    Ok(_) => {
                        self.lock = Some(lock);
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
                    Err(e) => vec![Msg::CreateFailed(e.to_string())],
                }
            }
            Effect::Save(mut profile) => {
                let Some(lock) = &self.lock else {
                    return vec![Msg::SaveFailed(format!(
                        "{}: not saved, this session does not hold the profile",
                        profile.id
                    ))];
                };
                let now = self.clock.now().trunc_subsecs(0);
                profile.updated = now;
                match self.store.save(&profile, lock) {
                    Ok(_) => vec![self.saved(now)],
                    Err(e) => vec![Msg::SaveFailed(e.to_string())],
                }
            }
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
                Err(e) => vec![Msg::SaveFailed(e.to_string())],
            },
            Effect::Close => {
                self.lock = None;
                vec![]
            }
            Effect::Trash(id) => {
                let result = match self.store.lock(&id) {
                    Ok(LockOutcome::Acquired { lock, .. }) => {
                        self.store.trash(&id, &lock).map_err(|e| e.to_string())
                    }
                    Ok(LockOutcome::Held(holder)) => Err(ReadOnly::Held(holder).to_string()),
                    Err(e) => Err(e.to_string()),
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
                            Err(e) => return vec![Msg::SaveFailed(e.to_string())],
                        }
                    }
                }
                vec![Msg::Info(fill(ui(self.app.lang).examples_added, &[&added]))]
            }
            Effect::Export {
                profile,
                assessment,
                base,
            } => {
                let s = ui(self.app.lang);
                let base = std::path::PathBuf::from(base);
                let folder = match base.parent() {
                    Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
                    _ => std::path::PathBuf::from("."),
                };
                // never next to the profiles: a .json there would be taken
                // for a profile (or replace one)
                let same = |a: &std::path::Path, b: &std::path::Path| match (
                    a.canonicalize(),
                    b.canonicalize(),
                ) {
                    (Ok(a), Ok(b)) => a == b,
                    _ => false,
                };
                if same(&folder, self.store.dir()) {
                    return vec![Msg::SaveFailed(fill(
                        s.error_export_folder,
                        &[&folder.display()],
                    ))];
                }
                let mut written = vec![];
                for format in crate::report::Format::ALL {
                    let mut path = base.clone().into_os_string();
                    path.push(".");
                    path.push(format.extension());
                    let path = std::path::PathBuf::from(path);
                    let text = crate::report::render(format, &profile, assessment, self.app.lang);
                    if let Err(e) = crate::store::atomic::write_atomic(&path, text.as_bytes()) {
                        return vec![Msg::SaveFailed(format!("{}: {e}", path.display()))];
                    }
                    written.push(path);
                }
                // where, once and in full: /folder/name.md, .html, .json
                let first = written
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
            Effect::LoadForCompare { ids, timeline } => {
                let mut profiles = vec![];
                for id in ids {
                    match self.store.load(&id) {
                        Ok(loaded) => profiles.push(loaded.profile),
                        Err(e) => return vec![Msg::OpenFailed(e.to_string())],
                    }
                }
                vec![Msg::ForCompare { profiles, timeline }]
            }
            Effect::Quit => vec![],
        }
    }

    /// Writes the note being typed as the profile's draft.
    pub(super) fn save_draft(&mut self, draft: &Draft) -> Result<(), String> {
        let text = serde_json::to_string(draft).unwrap_or_default();
        self.store
            .save_draft(&draft.key(), &text)
            .map_err(|e| e.to_string())
    }

    fn saved(&self, at: DateTime<Utc>) -> Msg {
        Msg::Saved {
            at,
            label: self.clock.label(at),
        }
    }
}
