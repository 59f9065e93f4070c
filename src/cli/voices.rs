//! The command line of several voices: `respondent add | list | remove`,
//! `git-setup` and `merge-driver` (git's three-way merge of profiles).

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Result, anyhow, bail};
use clap::{Subcommand, ValueEnum};

use crate::core::Lang;
use crate::core::merge::{MergeOutcome, merge};
use crate::core::ops::Op;
use crate::core::profile::{OrganisationType, Profile, Respondent};
use crate::core::uid::{MIN_PREFIX, new_uid};
use crate::store::{LockOutcome, MAX_PROFILE_BYTES, Store};
use crate::text::fill;
use crate::text::voices::strings;

use super::{Cli, assessment_arg, assessment_index};

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum KindArg {
    Government,
    Enterprise,
    Research,
    Citizen,
}

impl KindArg {
    fn organisation(self) -> OrganisationType {
        match self {
            KindArg::Government => OrganisationType::Government,
            KindArg::Enterprise => OrganisationType::Enterprise,
            KindArg::Research => OrganisationType::Research,
            KindArg::Citizen => OrganisationType::Citizen,
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum RespondentCommand {
    /// Add a respondent to an assessment
    Add {
        /// Profile id
        id: String,
        /// The respondent's name
        #[arg(long)]
        name: String,
        /// The organisation's own name (a bureau, a company)
        #[arg(long, value_name = "NAME")]
        org: Option<String>,
        /// The respondent's role
        #[arg(long, value_name = "R")]
        role: Option<String>,
        /// The kind of organisation
        #[arg(long, value_enum, default_value = "government")]
        kind: KindArg,
        /// Which assessment: its number (1 = the first), its id, or the
        /// first 8 or more characters of its id [default: the latest]
        #[arg(long, value_name = "N|ID", value_parser = assessment_arg)]
        assessment: Option<String>,
    },
    /// List an assessment's respondents
    List {
        /// Profile id
        id: String,
        /// Print JSON (documented in the README)
        #[arg(long)]
        json: bool,
        /// Which assessment [default: the latest]
        #[arg(long, value_name = "N|ID", value_parser = assessment_arg)]
        assessment: Option<String>,
    },
    /// Remove a respondent (refused while it has answers, unless --force)
    Remove {
        /// Profile id
        id: String,
        /// The respondent: its id (or 8 or more of its first characters),
        /// or a name only one respondent has
        respondent: String,
        /// Remove its answers too (the profile as it was is kept in the trash)
        #[arg(long)]
        force: bool,
        /// Which assessment [default: the latest]
        #[arg(long, value_name = "N|ID", value_parser = assessment_arg)]
        assessment: Option<String>,
    },
}

/// The position of the assessment `which` names, or the latest.
pub(super) fn pick_assessment(profile: &Profile, which: Option<&str>, lang: Lang) -> Result<usize> {
    if profile.assessments.is_empty() {
        bail!(fill(
            strings(lang).no_assessment,
            &[&format!("{:?}", profile.id)]
        ));
    }
    match which {
        None => Ok(profile.assessments.len() - 1),
        Some(which) => assessment_index(profile, which, lang),
    }
}

/// The respondent `given` names in `respondents`: its id, a prefix of
/// its id of at least [`MIN_PREFIX`] characters, or a name only one has.
pub fn find_respondent<'a>(
    respondents: &'a [Respondent],
    given: &str,
    lang: Lang,
) -> Result<&'a Respondent> {
    let s = strings(lang);
    let given = given.trim();
    if let Some(r) = respondents.iter().find(|r| r.id == given) {
        return Ok(r);
    }
    let named: Vec<&Respondent> = respondents
        .iter()
        .filter(|r| r.name.trim() == given)
        .collect();
    match named[..] {
        [one] => return Ok(one),
        [] => {}
        _ => bail!(fill(
            s.several_match,
            &[&named.len(), &format!("{given:?}")]
        )),
    }
    if given.chars().count() >= MIN_PREFIX {
        let lower = given.to_lowercase();
        let by_prefix: Vec<&Respondent> = respondents
            .iter()
            .filter(|r| r.id.starts_with(&lower))
            .collect();
        if let [one] = by_prefix[..] {
            return Ok(one);
        }
    }
    bail!(fill(s.no_match, &[&format!("{given:?}")]))
}

/// Takes profile `id` for editing, or says who holds it.
pub(super) fn lock(store: &Store, id: &str, lang: Lang) -> Result<crate::store::ProfileLock> {
    match store.lock(id)? {
        LockOutcome::Acquired { lock, .. } => Ok(lock),
        LockOutcome::Held(_) => bail!(fill(strings(lang).locked, &[&format!("{id:?}")])),
    }
}

/// Runs `citydx respondent ...`.
pub fn run_respondent(cli: &Cli, command: &RespondentCommand) -> Result<bool> {
    let lang = cli.lang();
    let s = strings(lang);
    let mut out = std::io::stdout().lock();
    let store = cli.store()?;
    match command {
        RespondentCommand::Add {
            id,
            name,
            org,
            role,
            kind,
            assessment,
        } => {
            let name = name.trim();
            for text in [Some(name), org.as_deref(), role.as_deref()]
                .into_iter()
                .flatten()
            {
                if text.chars().any(char::is_control) {
                    bail!(fill(s.name_control, &[&format!("{text:?}")]));
                }
            }
            if name.is_empty() {
                bail!(s.name_blank);
            }
            let lock = lock(&store, id, lang)?;
            let profile = store.load(id)?.profile;
            let at = pick_assessment(&profile, assessment.as_deref(), lang)?;
            let mut respondent = Respondent::new(
                new_uid(),
                name,
                role.as_deref().unwrap_or("").trim(),
                kind.organisation(),
            );
            respondent.organisation_name = org.as_deref().unwrap_or("").trim().to_string();
            let op = Op::AddRespondent {
                assessment: profile.assessments[at].id.clone(),
                respondent: respondent.clone(),
            };
            store.apply(id, &[op], &lock, chrono::Utc::now())?;
            writeln!(
                out,
                "{}",
                fill(s.added, &[&name, &respondent.id, &id, &(at + 1)])
            )?;
            Ok(true)
        }
        RespondentCommand::List {
            id,
            json,
            assessment,
        } => {
            let profile = store.load(id)?.profile;
            let at = pick_assessment(&profile, assessment.as_deref(), lang)?;
            let respondents = &profile.assessments[at].respondents;
            if *json {
                let list: Vec<serde_json::Value> = respondents
                    .iter()
                    .map(|r| {
                        serde_json::json!({
                            "id": r.id,
                            "name": r.name,
                            "organisation": r.organisation,
                            "organisation_name": r.organisation_name,
                            "role": r.role,
                        })
                    })
                    .collect();
                let text =
                    serde_json::to_string_pretty(&serde_json::json!({ "respondents": list }))?;
                writeln!(out, "{text}")?;
            } else if respondents.is_empty() {
                writeln!(out, "{}", s.no_respondents)?;
            } else {
                let words = crate::text::strings(lang);
                writeln!(
                    out,
                    "{:36}  {}  |  {}  |  {}",
                    "id", s.col_name, s.col_organisation, s.col_role
                )?;
                for r in respondents {
                    let org = if r.organisation_name.is_empty() {
                        words.organisation(r.organisation).to_string()
                    } else {
                        format!(
                            "{} ({})",
                            r.organisation_name,
                            words.organisation(r.organisation)
                        )
                    };
                    let line = format!("{:36}  {}  |  {org}  |  {}", r.id, r.name, r.role);
                    writeln!(out, "{}", crate::text::printable(&line))?;
                }
            }
            Ok(true)
        }
        RespondentCommand::Remove {
            id,
            respondent,
            force,
            assessment,
        } => {
            let lock = lock(&store, id, lang)?;
            let profile = store.load(id)?.profile;
            let at = pick_assessment(&profile, assessment.as_deref(), lang)?;
            let a = &profile.assessments[at];
            let r = find_respondent(&a.respondents, respondent, lang)?;
            let answers = a
                .answers
                .values()
                .filter(|x| x.voices.contains_key(&r.id))
                .count();
            let mut kept = None;
            if answers > 0 {
                if !*force {
                    bail!(fill(s.has_answers, &[&r.name, &answers]));
                }
                kept = Some(store.keep_copy(id, "respondent-removed", &lock)?);
            }
            let op = Op::RemoveRespondent {
                assessment: a.id.clone(),
                respondent: r.id.clone(),
            };
            store.apply(id, &[op], &lock, chrono::Utc::now())?;
            writeln!(out, "{}", fill(s.removed, &[&r.name, &r.id]))?;
            if let Some(kept) = kept {
                writeln!(out, "{}", fill(s.kept_in_trash, &[&kept.display()]))?;
            }
            Ok(true)
        }
    }
}

/// The side's name in `lang`.
fn side_name(side: crate::core::merge::Side, lang: Lang) -> &'static str {
    use crate::core::merge::Side;
    let s = strings(lang);
    match side {
        Side::Base => s.side_base,
        Side::Ours => s.side_ours,
        Side::Theirs => s.side_theirs,
    }
}

/// Why a merge failed, in `lang`.
pub fn failure_message(failure: &crate::core::merge::MergeFailure, lang: Lang) -> String {
    use crate::core::merge::MergeFailure;
    let s = strings(lang);
    match failure {
        MergeFailure::TooLarge(side) => fill(
            s.side_too_large,
            &[&side_name(*side, lang), &MAX_PROFILE_BYTES],
        ),
        MergeFailure::Unreadable(side, cause) => {
            fill(s.side_unreadable, &[&side_name(*side, lang), cause])
        }
        MergeFailure::Newer(side, v) => fill(s.side_newer, &[&side_name(*side, lang), v]),
    }
}

/// Reads one of git's versions, no more than the profile limit (and one
/// byte, so that a larger one is told).
fn read_side(path: &Path) -> Result<Vec<u8>> {
    use std::io::Read;
    let file = std::fs::File::open(path).map_err(|e| anyhow!("{}: {e}", path.display()))?;
    let mut bytes = Vec::new();
    file.take(MAX_PROFILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| anyhow!("{}: {e}", path.display()))?;
    Ok(bytes)
}

/// Writes `bytes` to `path` atomically (a temporary file beside it, renamed).
fn write_beside(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut tmp =
        tempfile::NamedTempFile::new_in(dir).map_err(|e| anyhow!("{}: {e}", path.display()))?;
    tmp.write_all(bytes)
        .and_then(|_| tmp.as_file().sync_all())
        .map_err(|e| anyhow!("{}: {e}", path.display()))?;
    tmp.persist(path)
        .map_err(|e| anyhow!("{}: {}", path.display(), e.error))?;
    Ok(())
}

/// Where `merge-driver` keeps their version when it cannot merge: beside
/// the profile, under a name the profiles folder never takes for a profile.
pub fn theirs_path(path: &str) -> PathBuf {
    PathBuf::from(format!("{path}.theirs"))
}

/// Runs `citydx merge-driver %O %A %B %P`: git's merge driver. Writes the
/// merged profile into `ours`; `Ok(false)` (exit 1) when it cannot merge.
pub fn run_merge_driver(
    cli: &Cli,
    base: &Path,
    ours: &Path,
    theirs: &Path,
    path: &str,
) -> Result<bool> {
    let lang = cli.lang();
    let s = strings(lang);
    let (b, o, t) = (read_side(base)?, read_side(ours)?, read_side(theirs)?);
    match merge(&b, &o, &t) {
        MergeOutcome::Merged { bytes, disputes } => {
            write_beside(ours, &bytes)?;
            eprintln!("citydx: {}", fill(s.merged, &[&path, &disputes]));
            Ok(true)
        }
        MergeOutcome::Failed(failure) => {
            let kept = theirs_path(path);
            write_beside(&kept, &t)?;
            eprintln!(
                "citydx: {}",
                fill(
                    s.cannot_merge,
                    &[&path, &failure_message(&failure, lang), &kept.display()]
                )
            );
            Ok(false)
        }
    }
}

/// The line `.gitattributes` needs.
pub const GITATTRIBUTES_LINE: &str = "*.json merge=citydx";

fn git(args: &[&str]) -> Result<String> {
    let out = std::process::Command::new("git")
        .args(args)
        .output()
        .map_err(|e| anyhow!("git {}: {e}", args.join(" ")))?;
    if !out.status.success() {
        bail!(String::from_utf8_lossy(&out.stderr).trim().to_string());
    }
    Ok(String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// A path quoted for the shell git runs the driver with.
fn shell_quoted(path: &str) -> String {
    format!("'{}'", path.replace('\'', r"'\''"))
}

/// Runs `citydx git-setup` in the current folder.
pub fn run_git_setup(cli: &Cli) -> Result<bool> {
    let lang = cli.lang();
    let s = strings(lang);
    let here = std::env::current_dir()?;
    let top = match git(&["rev-parse", "--show-toplevel"]) {
        Ok(top) if !top.is_empty() => PathBuf::from(top),
        _ => bail!(fill(s.not_git, &[&here.display()])),
    };
    let exe = std::env::current_exe()?;
    let exe = exe.canonicalize().unwrap_or(exe);
    let exe = exe.to_string_lossy().into_owned();
    let attributes = top.join(".gitattributes");
    let existing = match std::fs::read_to_string(&attributes) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => bail!("{}: {e}", attributes.display()),
    };
    if !existing.lines().any(|l| l.trim() == GITATTRIBUTES_LINE) {
        let mut text = existing;
        if !text.is_empty() && !text.ends_with('\n') {
            text.push('\n');
        }
        text.push_str(GITATTRIBUTES_LINE);
        text.push('\n');
        write_beside(&attributes, text.as_bytes())?;
    }
    let driver = format!("{} merge-driver %O %A %B %P", shell_quoted(&exe));
    for (key, value) in [
        (
            "merge.citydx.name",
            "citydx: profiles merged answer by answer",
        ),
        ("merge.citydx.driver", driver.as_str()),
    ] {
        git(&["config", key, value]).map_err(|e| anyhow!(fill(s.git_failed, &[&e])))?;
    }
    println!("{}", fill(s.git_setup_done, &[&exe, &attributes.display()]));
    Ok(true)
}

/// Whether `bytes` hold git's conflict markers: the line numbers of the
/// first `<<<<<<<` and the `=======` and `>>>>>>>` after it.
pub fn conflict_markers(bytes: &[u8]) -> Option<usize> {
    let text = String::from_utf8_lossy(bytes);
    text.lines()
        .position(|l| l.starts_with("<<<<<<<"))
        .filter(|_| text.lines().any(|l| l.starts_with(">>>>>>>")))
        .map(|at| at + 1)
}

/// The sentence `validate` adds for a file holding conflict markers.
/// Only a regular file is read (never a pipe or a device, which could
/// block or was already read), through the store's bounded reader.
pub fn conflict_note(path: &Path, lang: Lang) -> Option<String> {
    if !std::fs::metadata(path).is_ok_and(|m| m.is_file()) {
        return None;
    }
    let (bytes, _) = crate::store::read_profile_bytes(path, false).ok()?;
    let line = conflict_markers(&bytes)?;
    let template = strings(lang).conflict_markers;
    Some(fill(template, &[&path.display(), &line]))
}
