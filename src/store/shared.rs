//! One owner per profile in a process that serves several sessions at
//! once (`citydx serve`): one lock, one profile in memory, the sessions'
//! operations applied in the order they arrive and saved.
//!
//! ```text
//!  session A ─ ops ─┐
//!  session B ─ ops ─┼─► SharedProfile::apply ─► profile in memory ─► save (atomic)
//!  consultant ─ ops ┘        (one mutex)            │ generation + 1   └─ on failure: journal
//!                                                    ▼
//!                        every session sees the new generation on its tick
//! ```
//!
//! A session never writes a snapshot of its own: it sends operations (its
//! respondent's voices), and reads back the merged profile. Operations of
//! different respondents touch different voices, so their order does not
//! change the result. A save that fails leaves the operations in the
//! profile's journal (durable before the session is told), and the next
//! operation tries the save again; a kill leaves the journal for the next
//! opening, as for a local session.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, Weak};

use chrono::{DateTime, Utc};

use super::{Fingerprint, Journal, LockOutcome, ProfileLock, ReadOnly, Store};
use crate::core::Lang;
use crate::core::ops::Op;
use crate::core::profile::Profile;

/// The profiles a serving process holds, by id; each is held while a
/// session has it open, and let go when the last one closes it.
pub struct SharedProfiles {
    store: Store,
    held: Mutex<HashMap<String, Weak<SharedProfile>>>,
}

/// One profile held for several sessions.
pub struct SharedProfile {
    pub id: String,
    store: Store,
    state: Mutex<State>,
    generation: AtomicU64,
    /// Changes once for every change of a session's progress report.
    progress_generation: AtomicU64,
    /// The sessions to wake when the profile or the progress changes (by
    /// session number): an idle session waits for them, not a timer.
    watchers: Mutex<HashMap<u64, Waker>>,
}

/// Wakes a session's thread.
pub type Waker = Arc<dyn Fn() + Send + Sync>;

struct State {
    profile: Profile,
    _lock: ProfileLock,
    fingerprint: Option<Fingerprint>,
    journal: Journal,
    /// Operations applied in memory and journalled, not yet in the file.
    unsaved: usize,
    /// What the sessions report of their respondents' progress, by
    /// session: for the consultant's panel and the respondents' counts.
    progress: HashMap<u64, Progress>,
}

/// How far one connected respondent has got.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Progress {
    pub respondent: String,
    pub answered: usize,
    pub total: usize,
}

/// What applying operations gave.
#[derive(Debug)]
pub struct Applied {
    pub profile: Box<Profile>,
    pub generation: u64,
    /// The save failed and the operations are in the journal: why.
    pub warning: Option<String>,
}

fn guard<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl SharedProfiles {
    pub fn new(store: Store) -> Arc<SharedProfiles> {
        Arc::new(SharedProfiles {
            store,
            held: Mutex::new(HashMap::new()),
        })
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The profiles held now.
    pub fn held(&self) -> Vec<Arc<SharedProfile>> {
        let mut held = guard(&self.held);
        held.retain(|_, weak| weak.strong_count() > 0);
        let mut all: Vec<_> = held.values().filter_map(Weak::upgrade).collect();
        all.sort_by(|a, b| a.id.cmp(&b.id));
        all
    }

    /// Profile `id`, held for the caller: the one already held, or read,
    /// locked and its journal replayed. The error is worded in `lang`.
    pub fn open(&self, id: &str, lang: Lang) -> Result<Arc<SharedProfile>, String> {
        let mut held = guard(&self.held);
        if let Some(shared) = held.get(id).and_then(Weak::upgrade) {
            return Ok(shared);
        }
        let loaded = self.store.load(id).map_err(|e| e.message(lang))?;
        if let Some(reason) = loaded.read_only {
            return Err(reason.message(lang));
        }
        let lock = match self.store.lock(id).map_err(|e| e.message(lang))? {
            LockOutcome::Acquired { lock, .. } => lock,
            LockOutcome::Held(holder) => return Err(ReadOnly::Held(holder).message(lang)),
        };
        let (journal, found) = self.store.open_journal(id).map_err(|e| e.message(lang))?;
        let mut state = State {
            profile: loaded.profile,
            _lock: lock,
            fingerprint: loaded.fingerprint,
            journal,
            unsaved: 0,
            progress: HashMap::new(),
        };
        if found.unreadable {
            // kept aside whole, as a local session does
            let kept = self.store.keep_journal(id).map_err(|e| e.message(lang))?;
            state.journal = self.store.open_journal(id).map_err(|e| e.message(lang))?.0;
            drop(kept);
        } else if !found.ops.is_empty() {
            let mut replayed = state.profile.clone();
            replayed
                .apply_all(&found.ops)
                .map_err(|e| e.message(lang))?;
            state.profile = replayed;
            state.unsaved = found.ops.len();
            let _ = save(&self.store, &mut state, lang);
        }
        let shared = Arc::new(SharedProfile {
            id: id.to_string(),
            store: self.store.clone(),
            state: Mutex::new(state),
            generation: AtomicU64::new(1),
            progress_generation: AtomicU64::new(0),
            watchers: Mutex::new(HashMap::new()),
        });
        held.insert(id.to_string(), Arc::downgrade(&shared));
        Ok(shared)
    }
}

/// Writes the profile held; on success the journal is cleared.
fn save(store: &Store, state: &mut State, lang: Lang) -> Result<(), String> {
    match store.save_checked(&state.profile, &state._lock, state.fingerprint.as_ref()) {
        Ok(fingerprint) => {
            state.fingerprint = Some(fingerprint);
            state.unsaved = 0;
            state.journal.clear().map_err(|e| e.message(lang))
        }
        Err(e) => Err(e.message(lang)),
    }
}

impl SharedProfile {
    /// The profile as it is now, and its generation.
    pub fn snapshot(&self) -> (Box<Profile>, u64) {
        let state = guard(&self.state);
        (
            Box::new(state.profile.clone()),
            self.generation.load(Ordering::Acquire),
        )
    }

    /// Changes once for every batch of operations applied.
    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::Acquire)
    }

    /// Operations applied and saved (or journalled) before this returns.
    /// `Err`: refused (an operation that does not apply), or neither the
    /// file nor the journal could take them; nothing changed then.
    pub fn apply(&self, ops: &[Op], now: DateTime<Utc>, lang: Lang) -> Result<Applied, String> {
        let mut state = guard(&self.state);
        let mut next = state.profile.clone();
        next.apply_all(ops).map_err(|e| e.message(lang))?;
        next.updated = now;
        let before = std::mem::replace(&mut state.profile, next);
        let warning = match save(&self.store, &mut state, lang) {
            Ok(()) => None,
            Err(why) => match state.journal.append(ops) {
                Ok(()) => {
                    state.unsaved += ops.len();
                    Some(why)
                }
                Err(e) => {
                    state.profile = before;
                    return Err(format!("{why}; {}", e.message(lang)));
                }
            },
        };
        let generation = self.generation.fetch_add(1, Ordering::AcqRel) + 1;
        let profile = Box::new(state.profile.clone());
        drop(state);
        self.wake_all();
        Ok(Applied {
            profile,
            generation,
            warning,
        })
    }

    /// Operations in memory and the journal, not yet in the file.
    pub fn unsaved(&self) -> usize {
        guard(&self.state).unsaved
    }

    /// A session's report of its respondent's progress (`None`: it left).
    /// The others are woken only when it changed.
    pub fn report_progress(&self, session: u64, progress: Option<Progress>) {
        let mut state = guard(&self.state);
        let changed = match progress {
            Some(p) => state.progress.insert(session, p.clone()) != Some(p),
            None => state.progress.remove(&session).is_some(),
        };
        drop(state);
        if changed {
            self.progress_generation.fetch_add(1, Ordering::AcqRel);
            self.wake_all();
        }
    }

    /// Changes once for every change of a progress report.
    pub fn progress_generation(&self) -> u64 {
        self.progress_generation.load(Ordering::Acquire)
    }

    /// Session `session` is woken by `waker` when the profile or the
    /// progress changes, until [`SharedProfile::unwatch`].
    pub fn watch(&self, session: u64, waker: Waker) {
        guard(&self.watchers).insert(session, waker);
    }

    pub fn unwatch(&self, session: u64) {
        guard(&self.watchers).remove(&session);
    }

    fn wake_all(&self) {
        let wakers: Vec<Waker> = guard(&self.watchers).values().cloned().collect();
        for wake in wakers {
            wake();
        }
    }

    /// Every connected respondent's progress, by session.
    pub fn progress(&self) -> Vec<(u64, Progress)> {
        let state = guard(&self.state);
        let mut all: Vec<_> = state
            .progress
            .iter()
            .map(|(k, v)| (*k, v.clone()))
            .collect();
        all.sort_by_key(|(k, _)| *k);
        all
    }
}

impl Drop for SharedProfile {
    fn drop(&mut self) {
        // one last try; what fails stays in the journal for the next opening
        let state = self.state.get_mut().unwrap_or_else(|e| e.into_inner());
        if state.unsaved > 0 {
            let _ = save(&self.store, state, Lang::En);
        }
    }
}
