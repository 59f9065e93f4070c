//! `citydx invite`: invitations to answer an interview over SSH
//! (`citydx serve`): make one, list a profile's, revoke one. The
//! invitations themselves are kept by `store::invites`.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{Result, bail};
use chrono::{DateTime, SecondsFormat, Utc};
use clap::{Args, Subcommand};

use crate::core::Lang;
use crate::core::framework::{self, DomainId};
use crate::store::invites::{self, Invitation, InviteBook, InviteRequest};
use crate::text::invite::strings;
use crate::text::{fill, pad, printable};

use super::voices::{find_respondent, pick_assessment};
use super::{Cli, Stream, for_terminal};

/// The port `citydx serve` listens on unless told otherwise.
pub const DEFAULT_PORT: u16 = 2222;

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub struct InviteArgs {
    #[command(subcommand)]
    pub command: Option<InviteCommand>,
    /// Profile id
    #[arg(required = true)]
    pub id: Option<String>,
    /// The respondent, in the profile's latest assessment: its id (or 8 or
    /// more of its first characters), or a name only one respondent has
    #[arg(long, value_name = "R", required = true)]
    pub respondent: Option<String>,
    /// The domains the respondent answers, by id [default: every domain]
    #[arg(long, value_name = "ID,ID...", value_delimiter = ',')]
    pub domains: Vec<String>,
    /// How long the invitation lasts: hours or days, as 12h or 2d, up to 30d
    #[arg(long, value_name = "Nh|Nd", default_value = "7d")]
    pub expires: String,
    /// The respondent's OpenSSH public key file (.pub): log in with that
    /// key instead of a code
    #[arg(long, value_name = "FILE")]
    pub key: Option<PathBuf>,
    /// The host name the respondent connects to [default: this machine's]
    #[arg(long, value_name = "NAME")]
    pub host: Option<String>,
    /// The port `citydx serve` listens on
    #[arg(long, value_name = "N", default_value_t = DEFAULT_PORT,
          value_parser = clap::value_parser!(u16).range(1..))]
    pub port: u16,
    /// Wrong codes after which the invitation is burnt (1 to 20)
    #[arg(long, value_name = "N", default_value_t = crate::store::invites::MAX_FAILURES,
          value_parser = clap::value_parser!(u32).range(1..=i64::from(crate::store::invites::MAX_FAILURES_LIMIT)))]
    pub max_failures: u32,
    /// Print the invitation as one JSON object (documented in the README)
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum InviteCommand {
    /// List a profile's invitations (never their codes)
    List {
        /// Profile id
        id: String,
        /// Print JSON (documented in the README)
        #[arg(long)]
        json: bool,
    },
    /// Revoke an invitation: its user can no longer log in
    Revoke {
        /// The invitation's user name (r-...)
        user: String,
    },
}

/// Runs `citydx invite ...`.
pub fn run(cli: &Cli, args: &InviteArgs) -> Result<bool> {
    let lang = cli.lang();
    match &args.command {
        Some(InviteCommand::List { id, json }) => list(cli, id, *json, lang),
        Some(InviteCommand::Revoke { user }) => {
            let book = InviteBook::default_place()?;
            let invitation = book.find(user)?;
            book.revoke(user)?;
            let profile = invitation.map(|i| i.profile).unwrap_or_default();
            let line = fill(strings(lang).revoked, &[&user, &profile]);
            say(&line)?;
            Ok(true)
        }
        None => create(cli, args, lang),
    }
}

fn say(text: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    writeln!(out, "{}", for_terminal(&printable(text), Stream::Out))?;
    out.flush()?;
    Ok(())
}

fn rfc3339(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// A host name to put in the `ssh` command line: letters, digits, dots,
/// dashes, underscores, colons (IPv6), not starting with a dash (ssh
/// would read an option).
fn host_ok(host: &str) -> bool {
    !host.is_empty()
        && host.len() <= 253
        && !host.starts_with('-')
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | ':'))
}

fn create(cli: &Cli, args: &InviteArgs, lang: Lang) -> Result<bool> {
    let s = strings(lang);
    let (Some(id), Some(given)) = (&args.id, &args.respondent) else {
        // clap requires both when there is no subcommand
        bail!(s.blank_respondent);
    };
    let max_days = invites::MAX_EXPIRY.num_days();
    let Some(expires) = invites::parse_expiry(&args.expires) else {
        bail!(fill(
            s.bad_expiry_given,
            &[&format!("{:?}", args.expires), &max_days]
        ));
    };
    for domain in &args.domains {
        if DomainId::parse(domain.trim()).is_none() {
            return Err(invites::InviteError::BadDomain {
                given: domain.clone(),
            }
            .into());
        }
    }
    let host = match &args.host {
        Some(host) => host.clone(),
        None => invites::default_host(),
    };
    if !host_ok(&host) {
        bail!(fill(s.bad_host, &[&format!("{host:?}")]));
    }
    let store = cli.store()?;
    let profile = store.load(id)?.profile;
    let at = pick_assessment(&profile, None, lang)?;
    let respondents = &profile.assessments[at].respondents;
    if respondents.is_empty() {
        bail!(fill(s.no_respondents, &[&format!("{id:?}")]));
    }
    let respondent = find_respondent(respondents, given, lang)?;
    let book = InviteBook::default_place()?;
    let (invitation, code) = book.invite(
        InviteRequest {
            profile: profile.id.clone(),
            respondent: respondent.id.clone(),
            domains: args.domains.iter().map(|d| d.trim().to_string()).collect(),
            expires,
            key_file: args.key.clone(),
            max_failures: args.max_failures,
        },
        Utc::now(),
    )?;
    let ssh = invites::ssh_command(args.port, &invitation.user, &host);
    let fingerprint = invites::hostkey_fingerprint();
    if args.json {
        let mut value = serde_json::json!({
            "user": invitation.user,
            "expires": rfc3339(invitation.expires),
            "ssh": ssh,
            "profile": invitation.profile,
            "respondent": invitation.respondent,
            "domains": invitation.domains,
        });
        if let Some(code) = &code {
            value["code"] = code.clone().into();
        }
        if let Some(fingerprint) = &fingerprint {
            value["fingerprint"] = fingerprint.clone().into();
        }
        let mut bytes = serde_json::to_vec_pretty(&value)?;
        bytes.push(b'\n');
        let mut out = std::io::stdout().lock();
        out.write_all(&bytes)?;
        out.flush()?;
        return Ok(true);
    }
    let mut text = fill(
        s.made,
        &[
            &respondent.name,
            &respondent.id,
            &profile.id,
            &domains_text(&invitation, lang),
        ],
    );
    let labels = [
        s.label_user,
        s.label_code,
        s.label_key,
        s.label_expires,
        s.label_connect,
        s.label_fingerprint,
    ];
    let column = labels
        .iter()
        .map(|l| crate::text::width(l))
        .max()
        .unwrap_or(0)
        + 1;
    let mut line = |label: &str, value: &str| {
        text.push_str(&format!("\n  {}{value}", pad(label, column)));
    };
    line(s.label_user, &invitation.user);
    match (&code, &invitation.key) {
        (Some(code), _) => line(s.label_code, &format!("{code}  {}", s.code_once)),
        (None, Some(key)) => {
            let kind = key.split(' ').next().unwrap_or_default();
            line(s.label_key, &fill(s.key_login, &[&kind]));
        }
        (None, None) => {}
    }
    line(
        s.label_expires,
        &invitation.expires.format("%Y-%m-%d %H:%M UTC").to_string(),
    );
    line(s.label_connect, &ssh);
    match &fingerprint {
        Some(fingerprint) => {
            line(s.label_fingerprint, fingerprint);
            text.push_str(&format!("\n  {}", s.fingerprint_hint));
        }
        None => line(s.label_fingerprint, s.fingerprint_unknown),
    }
    say(&text)?;
    Ok(true)
}

/// The invitation's domains in `lang`: their names, or "every domain".
fn domains_text(invitation: &Invitation, lang: Lang) -> String {
    if invitation.domains.is_empty() {
        return strings(lang).all_domains.to_string();
    }
    let separator = if lang == Lang::Zh { "、" } else { ", " };
    invitation
        .domain_ids()
        .iter()
        .map(|d| framework().domain(*d).name.get(lang).to_string())
        .collect::<Vec<_>>()
        .join(separator)
}

fn framework() -> &'static framework::Framework {
    crate::core::framework()
}

/// The invitation's state in words.
fn state(invitation: &Invitation, now: DateTime<Utc>, lang: Lang) -> &'static str {
    let s = strings(lang);
    if invitation.revoked {
        s.state_revoked
    } else if invitation.burnt() {
        s.state_burnt
    } else if invitation.expired(now) {
        s.state_expired
    } else {
        s.state_live
    }
}

fn list(cli: &Cli, id: &str, json: bool, lang: Lang) -> Result<bool> {
    let s = strings(lang);
    if let Err(why) = crate::core::id::check_id(id) {
        return Err(crate::store::StoreError::BadId {
            input: id.to_string(),
            why,
        }
        .into());
    }
    let book = InviteBook::default_place()?;
    let invitations = book.list(Some(id))?;
    let now = Utc::now();
    if json {
        let list: Vec<serde_json::Value> = invitations
            .iter()
            .map(|i| {
                serde_json::json!({
                    "user": i.user,
                    "profile": i.profile,
                    "respondent": i.respondent,
                    "domains": i.domains,
                    "created": rfc3339(i.created),
                    "expires": rfc3339(i.expires),
                    "kind": i.kind(),
                    "failures": i.failures,
                    "max_failures": i.max_failures,
                    "burnt": i.burnt(),
                    "revoked": i.revoked,
                    "expired": i.expired(now),
                })
            })
            .collect();
        let mut bytes = serde_json::to_vec_pretty(&list)?;
        bytes.push(b'\n');
        let mut out = std::io::stdout().lock();
        out.write_all(&bytes)?;
        out.flush()?;
        return Ok(true);
    }
    if invitations.is_empty() {
        say(&fill(s.none_yet, &[&format!("{id:?}")]))?;
        return Ok(true);
    }
    // the respondents' names, when the profile can be read
    let names: Vec<(String, String)> = cli
        .store()
        .ok()
        .and_then(|store| store.load(id).ok())
        .map(|loaded| {
            loaded
                .profile
                .assessments
                .iter()
                .flat_map(|a| a.respondents.iter())
                .map(|r| (r.id.clone(), r.name.clone()))
                .collect()
        })
        .unwrap_or_default();
    let rows: Vec<[String; 7]> = invitations
        .iter()
        .map(|i| {
            let who = names
                .iter()
                .find(|(rid, _)| *rid == i.respondent)
                .map(|(_, name)| name.clone())
                .unwrap_or_else(|| i.respondent.clone());
            let domains = if i.domains.is_empty() {
                s.all_domains.to_string()
            } else {
                i.domains.join(",")
            };
            let kind = if i.key.is_some() {
                s.kind_key
            } else {
                s.kind_code
            };
            [
                i.user.clone(),
                who,
                domains,
                kind.to_string(),
                i.expires.format("%Y-%m-%d %H:%M UTC").to_string(),
                state(i, now, lang).to_string(),
                i.failures.to_string(),
            ]
        })
        .collect();
    let heads = [
        s.col_user,
        s.col_respondent,
        s.col_domains,
        s.col_kind,
        s.col_expires,
        s.col_state,
        s.col_failures,
    ];
    let widths: Vec<usize> = (0..7)
        .map(|c| {
            rows.iter()
                .map(|r| crate::text::width(&r[c]))
                .chain([crate::text::width(heads[c])])
                .max()
                .unwrap_or(0)
                .min(40)
        })
        .collect();
    let format_row = |cells: Vec<&str>| {
        cells
            .iter()
            .enumerate()
            .map(|(c, cell)| pad(cell, widths[c]))
            .collect::<Vec<_>>()
            .join("  ")
            .trim_end()
            .to_string()
    };
    let mut text = format_row(heads.to_vec());
    for row in &rows {
        text.push('\n');
        text.push_str(&format_row(row.iter().map(String::as_str).collect()));
    }
    say(&text)?;
    Ok(true)
}
