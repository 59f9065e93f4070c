//! `citydx serve`: its flags (one per limit) and its start.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Result, anyhow};
use clap::Args;

use super::Cli;
use crate::serve::{Limits, Options};

/// The server's address and limits. Every limit has a default (see the
/// README's "Serving the interview over SSH").
#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    /// Address and port to listen on (loopback unless --public)
    #[arg(long, default_value = "127.0.0.1:2222", value_name = "ADDR:PORT")]
    pub listen: SocketAddr,
    /// Allow an address beyond this machine (a warning names the exposure)
    #[arg(long)]
    pub public: bool,
    /// Connections not yet logged in, at once
    #[arg(long, default_value_t = Limits::default().unauthenticated, value_name = "N")]
    pub max_unauthenticated: usize,
    /// Seconds allowed to log in
    #[arg(long, default_value_t = Limits::default().login_time.as_secs(), value_name = "SECONDS")]
    pub login_time: u64,
    /// Sessions at once, in total
    #[arg(long, default_value_t = Limits::default().sessions, value_name = "N")]
    pub max_sessions: usize,
    /// Live sessions per invitation
    #[arg(long, default_value_t = Limits::default().sessions_per_invitation, value_name = "N")]
    pub sessions_per_invitation: usize,
    /// Seconds without input before a session is closed
    #[arg(long, default_value_t = Limits::default().idle.as_secs(), value_name = "SECONDS")]
    pub idle: u64,
    /// Seconds without traffic before a keepalive is sent
    #[arg(long, default_value_t = Limits::default().keepalive.as_secs(), value_name = "SECONDS")]
    pub keepalive: u64,
    /// Input bytes per second per session
    #[arg(long, default_value_t = Limits::default().input_rate, value_name = "BYTES")]
    pub input_rate: usize,
    /// Input bytes at once (a paste)
    #[arg(long, default_value_t = Limits::default().input_burst, value_name = "BYTES")]
    pub input_burst: usize,
    /// Widest window served (columns)
    #[arg(long, default_value_t = Limits::default().max_width, value_name = "COLUMNS")]
    pub max_width: u16,
    /// Tallest window served (rows)
    #[arg(long, default_value_t = Limits::default().max_height, value_name = "ROWS")]
    pub max_height: u16,
    /// Bytes of frames queued for a client that stops reading
    #[arg(long, default_value_t = Limits::default().frame_queue, value_name = "BYTES")]
    pub frame_queue: usize,
    /// Failed logins per minute, all invitations together
    #[arg(long, default_value_t = Limits::default().auth_failures_per_minute, value_name = "N")]
    pub auth_failures_per_minute: usize,
    /// Bytes a respondent's note may hold
    #[arg(long, default_value_t = Limits::default().note_bytes, value_name = "BYTES")]
    pub note_size: usize,
}

impl ServeArgs {
    pub fn limits(&self) -> Limits {
        Limits {
            unauthenticated: self.max_unauthenticated.max(1),
            login_time: Duration::from_secs(self.login_time.max(1)),
            sessions: self.max_sessions.max(1),
            sessions_per_invitation: self.sessions_per_invitation.max(1),
            idle: Duration::from_secs(self.idle.max(1)),
            keepalive: Duration::from_secs(self.keepalive.max(1)),
            input_rate: self.input_rate.max(1),
            input_burst: self.input_burst.max(1),
            max_width: self.max_width.max(1),
            max_height: self.max_height.max(1),
            frame_queue: self.frame_queue.max(1024),
            auth_failures_per_minute: self.auth_failures_per_minute.max(1),
            note_bytes: self.note_size.max(64),
        }
    }
}

pub fn run(cli: &Cli, args: &ServeArgs) -> Result<bool> {
    let lang = cli.lang();
    let store = cli.store()?;
    let data_dir = crate::store::hostkey::data_dir()
        .ok_or_else(|| anyhow!("no data folder for this user (HOME is not set)"))?;
    let gate = crate::serve::gate::Invitations::open(&data_dir)?;
    // with a terminal, the consultant's interface runs in the foreground
    // (the log goes to its file only, not over the screen)
    use std::io::IsTerminal;
    let interactive = std::io::stdin().is_terminal() && std::io::stdout().is_terminal();
    let journal = crate::serve::gate::Log::open(&data_dir, !interactive);
    let foreground: Option<crate::serve::Foreground> = interactive.then(|| {
        let store = store.clone();
        let explicit = cli.explicit_lang();
        Box::new(move |profiles, connected| {
            crate::ui::run_served(store, explicit, lang, profiles, connected)
        }) as crate::serve::Foreground
    });
    crate::serve::run(
        store,
        Options {
            listen: args.listen,
            public: args.public,
            limits: args.limits(),
            lang,
            data_dir,
        },
        Arc::new(gate),
        Arc::new(journal),
        foreground,
        std::io::stdout(),
    )?;
    Ok(true)
}
