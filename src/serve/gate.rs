//! The server's [`Gate`] and [`Journal`] over the store's invitations
//! file and connection log.

use std::path::Path;

use anyhow::Result;
use chrono::Utc;

use super::{Admission, Gate, Guest, Journal};
use crate::store::invites::{AuthOutcome, Invitation, InviteBook, Refusal};
use crate::store::serve_log::ConnectionLog;

/// The invitations file in the data folder, read at every login (so an
/// invitation made or revoked by a later `citydx invite` counts at once).
pub struct Invitations(InviteBook);

impl Invitations {
    pub fn open(data_dir: &Path) -> Result<Invitations> {
        Ok(Invitations(InviteBook::at(
            data_dir.join(crate::store::invites::INVITES_FILE),
        )))
    }
}

fn guest(invitation: Invitation) -> Guest {
    Guest {
        domains: invitation.domain_ids(),
        expires: invitation.expires,
        user: invitation.user,
        profile: invitation.profile,
        respondent: invitation.respondent,
    }
}

fn admission(outcome: Result<AuthOutcome, crate::store::invites::InviteError>) -> Admission {
    match outcome {
        Ok(AuthOutcome::Accepted(invitation)) => Admission::Accepted(guest(invitation)),
        Ok(AuthOutcome::Refused(refusal)) => Admission::Refused {
            why: refusal.event().trim_start_matches("refused: ").to_string(),
            known: refusal != Refusal::UnknownUser,
        },
        // the file cannot be read: nobody gets in, and the log says why
        Err(e) => Admission::Refused {
            why: e.message(crate::core::Lang::En),
            known: false,
        },
    }
}

impl Gate for Invitations {
    fn check_code(&self, user: &str, code: &str) -> Admission {
        admission(self.0.check_code(user, code, Utc::now()))
    }

    fn check_key(&self, user: &str, key_openssh: &str) -> Admission {
        admission(self.0.check_key(user, key_openssh, Utc::now()))
    }

    fn modified(&self) -> Option<std::time::SystemTime> {
        self.0.modified()
    }

    fn revoked(&self) -> Option<Vec<String>> {
        let list = self.0.list(None).ok()?;
        Some(
            list.into_iter()
                .filter(|i| i.revoked)
                .map(|i| i.user)
                .collect(),
        )
    }

    fn invitations(&self) -> Vec<(Guest, chrono::DateTime<Utc>, bool)> {
        let now = Utc::now();
        self.0
            .list(None)
            .unwrap_or_default()
            .into_iter()
            .map(|i| {
                let usable = i.live(now);
                let expires = i.expires;
                (guest(i), expires, usable)
            })
            .collect()
    }
}

/// The connection log (`serve.log`), and the console: one line each.
pub struct Log {
    log: ConnectionLog,
    /// Also on standard error (not while the consultant's interface is
    /// on the screen).
    console: bool,
}

impl Log {
    pub fn open(data_dir: &Path, console: bool) -> Log {
        Log {
            log: ConnectionLog::at(data_dir.join(crate::store::serve_log::LOG_FILE)),
            console,
        }
    }
}

impl Journal for Log {
    fn event(&self, from: &str, user: Option<&str>, event: &str) {
        let now = Utc::now();
        // a log that cannot be written must not stop the interview
        let _ = self.log.append(now, from, user, event);
        if !self.console {
            return;
        }
        let who = user.unwrap_or("unknown");
        let line = format!("{} {from} {who} {event}", now.format("%H:%M:%S"));
        eprintln!("{}", crate::store::serve_log::escape(&line, false));
    }
}
