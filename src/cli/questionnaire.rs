//! `citydx questionnaire export | import`: a spreadsheet for one
//! respondent who will not use a terminal, and its answers read back as
//! that respondent's voice (see the README, "The questionnaire round
//! trip").

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Result, bail};
use chrono::{DateTime, SubsecRound, Utc};
use clap::{Subcommand, ValueEnum};

use crate::core::Lang;
use crate::core::framework::{DomainId, framework};
use crate::core::ops::Op;
use crate::core::profile::{AnswerValue, Profile, Questionnaire};
use crate::core::questionnaire::{Outcome, TokenProblem, check_claim, plan_import};
use crate::core::uid::new_uid;
use crate::report::questionnaire::{BookProblem, Spec, read, write};
use crate::store::{InputError, Store, read_input_file};
use crate::text::questionnaire::{refusal, strings, token_problem};
use crate::text::{fill, printable};

use super::voices::{find_respondent, lock, pick_assessment};
use super::{Cli, assessment_arg};

/// The largest questionnaire file read back. One with every indicator is
/// about 20 KB; a spreadsheet program's own additions stay well under this.
pub const MAX_QUESTIONNAIRE_BYTES: u64 = 4 * 1024 * 1024;

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum SheetFormat {
    /// Office Open XML spreadsheet (Excel, LibreOffice, WPS)
    Xlsx,
}

#[derive(Debug, Subcommand)]
pub enum QuestionnaireCommand {
    /// Write a spreadsheet questionnaire for one respondent
    Export {
        /// Profile id
        id: String,
        /// The respondent: its id (or 8 or more of its first characters),
        /// or a name only one respondent has
        #[arg(long, value_name = "R")]
        respondent: String,
        /// The file's format
        #[arg(long, value_enum, default_value = "xlsx")]
        format: SheetFormat,
        /// Where to write it [default: <id>-<respondent>.xlsx here]
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
        /// Only these domains (ids, separated by commas) [default: all seven]
        #[arg(long, value_delimiter = ',', value_name = "DOMAINS")]
        domains: Vec<String>,
        /// Which assessment: its number (1 = the first), its id, or the
        /// first 8 or more characters of its id [default: the latest]
        #[arg(long, value_name = "N|ID", value_parser = assessment_arg)]
        assessment: Option<String>,
        /// Replace FILE if it exists
        #[arg(long)]
        force: bool,
    },
    /// Read a filled-in questionnaire back into its respondent's answers
    Import {
        /// The spreadsheet
        file: PathBuf,
    },
}

/// Runs `citydx questionnaire ...`; `Ok(false)`: rows were refused or in
/// conflict (the others were read).
pub fn run(cli: &Cli, command: &QuestionnaireCommand) -> Result<bool> {
    match command {
        QuestionnaireCommand::Export {
            id,
            respondent,
            format: SheetFormat::Xlsx,
            output,
            domains,
            assessment,
            force,
        } => export(
            cli,
            id,
            respondent,
            output.as_deref(),
            domains,
            assessment.as_deref(),
            *force,
        ),
        QuestionnaireCommand::Import { file } => import(cli, file),
    }
}

fn parse_domains(given: &[String], lang: Lang) -> Result<Vec<DomainId>> {
    let mut out = vec![];
    for d in given.iter().map(|d| d.trim()).filter(|d| !d.is_empty()) {
        match DomainId::parse(d) {
            Some(id) if !out.contains(&id) => out.push(id),
            Some(_) => {}
            None => {
                let all: Vec<&str> = DomainId::ALL.iter().map(|d| d.as_str()).collect();
                bail!(fill(
                    strings(lang).bad_domain,
                    &[&format!("{d:?}"), &all.join(", ")]
                ))
            }
        }
    }
    Ok(out)
}

fn export(
    cli: &Cli,
    id: &str,
    respondent: &str,
    output: Option<&Path>,
    domains: &[String],
    assessment: Option<&str>,
    force: bool,
) -> Result<bool> {
    let lang = cli.lang();
    let s = strings(lang);
    let domains = parse_domains(domains, lang)?;
    let store = cli.store()?;
    let lock = lock(&store, id, lang)?;
    let profile = store.load(id)?.profile;
    let at = pick_assessment(&profile, assessment, lang)?;
    let a = &profile.assessments[at];
    let r = find_respondent(&a.respondents, respondent, lang)?;
    let path = match output {
        Some(p) => p.to_path_buf(),
        None => PathBuf::from(format!("{id}-{}.xlsx", &r.id[..8])),
    };
    if !force && std::fs::symlink_metadata(&path).is_ok() {
        bail!(fill(s.exists, &[&path.display()]));
    }
    store.check_export_path(&path)?;
    let token = new_uid();
    let issued = Utc::now().trunc_subsecs(0);
    let (bytes, count) = write(&Spec {
        profile: &profile,
        assessment: at,
        respondent: &r.id,
        token: &token,
        lang,
        domains: &domains,
        issued,
    })?;
    let op = Op::IssueQuestionnaire {
        assessment: a.id.clone(),
        token,
        questionnaire: Questionnaire {
            respondent: r.id.clone(),
            issued,
            lang: Some(lang),
            domains,
            last_import: None,
            extra: Default::default(),
        },
    };
    // the token first: a file whose token the profile lacks could never
    // come back
    store.apply(id, &[op], &lock, issued)?;
    store.write_export(&path, &bytes)?;
    let name = r.name.clone();
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "{}",
        printable(&fill(s.written, &[&count, &name, &path.display()]))
    )?;
    Ok(true)
}

/// The id of the profile in the folder that issued `token`, if one did.
fn who_issued(store: &Store, token: &str) -> Option<String> {
    let scan = store.scan().ok()?;
    scan.profiles.iter().find_map(|name| {
        let id = name.strip_suffix(".json")?;
        let p = store.load(id).ok()?.profile;
        p.assessments
            .iter()
            .any(|a| a.questionnaires.contains_key(token))
            .then(|| p.id.clone())
    })
}

fn when(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%d %H:%M UTC").to_string()
}

fn import(cli: &Cli, file: &Path) -> Result<bool> {
    let lang = cli.lang();
    let s = strings(lang);
    let shown = file.display().to_string();
    let refuse = |cause: String| anyhow::anyhow!(fill(s.refused_file, &[&shown, &cause]));
    let bytes = read_input_file(file, MAX_QUESTIONNAIRE_BYTES).map_err(|e| {
        refuse(match e {
            InputError::TooLarge { size, limit } => fill(s.too_large, &[&size, &limit]),
            InputError::NotRegular => s.not_regular.to_string(),
            InputError::Io(cause) => cause,
        })
    })?;
    let book = read(&bytes).map_err(|e| {
        refuse(match e {
            BookProblem::UnpackedTooLarge(limit) => fill(s.unzipped_too_large, &[&limit]),
            BookProblem::NotXlsx(cause) => fill(s.not_xlsx, &[&cause]),
            BookProblem::NotOurs => s.not_ours.to_string(),
            BookProblem::MetaMissing(key) => fill(s.meta_missing, &[&key]),
            BookProblem::MetaFormula => s.meta_formula.to_string(),
            BookProblem::ColumnsMoved => s.columns_moved.to_string(),
        })
    })?;
    let claim = book.claim;
    let store = cli.store()?;
    let id = claim.profile.clone();
    if crate::core::id::check_id(&id).is_err() || !store.exists(&id).unwrap_or(false) {
        return Err(refuse(match who_issued(&store, &claim.token) {
            Some(other) => fill(s.other_profile, &[&other, &id]),
            None => fill(s.no_profile, &[&format!("{id:?}")]),
        }));
    }
    let lock = lock(&store, &id, lang)?;
    let profile: Profile = store.load(&id)?.profile;
    let (index, questionnaire) = match check_claim(&profile, &claim) {
        Ok(found) => found,
        Err(problem) => {
            let other = matches!(
                problem,
                TokenProblem::NotIssued | TokenProblem::NoAssessment
            )
            .then(|| who_issued(&store, &claim.token))
            .flatten()
            .filter(|other| *other != id);
            return Err(refuse(match other {
                Some(other) => fill(s.other_profile, &[&other, &id]),
                None => token_problem(&problem, &id, lang),
            }));
        }
    };
    let assessment = &profile.assessments[index];
    let respondent = assessment
        .respondent(&questionnaire.respondent)
        .map(|r| r.name.clone())
        .unwrap_or_default();
    let now = Utc::now();
    let plan = plan_import(
        framework(),
        assessment,
        &claim.token,
        questionnaire,
        &book.rows,
        now,
    );
    let w = crate::text::strings(lang);
    let answer = |v: AnswerValue| w.answer(v);
    let mut lines = vec![
        fill(
            s.read_heading,
            &[
                &shown,
                &respondent,
                &profile.city.name.get(lang),
                &(index + 1),
                &assessment.date,
            ],
        ),
        fill(
            s.counts,
            &[
                &plan.rows.len(),
                &plan.count(|o| matches!(o, Outcome::Changed { .. })),
                &plan.count(|o| matches!(o, Outcome::Unchanged)),
                &plan.count(|o| matches!(o, Outcome::Blank)),
                &plan.count(|o| matches!(o, Outcome::Refused(_))),
                &plan.count(|o| matches!(o, Outcome::Conflict { .. })),
            ],
        ),
    ];
    let colon = crate::text::report::strings(lang).colon;
    for (row, indicator, outcome) in &plan.rows {
        let at = fill(s.row, &[row, indicator]);
        let (tag, what) = match outcome {
            Outcome::Changed { from, to } => (
                s.tag_changed,
                match from {
                    Some(f) if f == to => s.note_changed.to_string(),
                    Some(f) => fill(s.change, &[&answer(*f), &answer(*to)]),
                    None => fill(s.new_answer, &[&answer(*to)]),
                },
            ),
            Outcome::Refused(r) => (s.tag_refused, refusal(r, lang)),
            Outcome::Conflict { current, file, at } => (
                s.tag_conflict,
                fill(
                    s.conflict,
                    &[
                        &respondent,
                        &answer(*current),
                        &when(*at),
                        &when(questionnaire.issued),
                        &answer(*file),
                    ],
                ),
            ),
            Outcome::Unchanged | Outcome::Blank => continue,
        };
        lines.push(format!("  {} {at}{colon}{what}", crate::text::pad(tag, 9)));
    }
    let changed = plan.count(|o| matches!(o, Outcome::Changed { .. }));
    let clean = plan.count(|o| matches!(o, Outcome::Refused(_) | Outcome::Conflict { .. })) == 0;
    if plan.ops.is_empty() {
        lines.push(s.nothing_changed.to_string());
    } else {
        store.apply(&id, &plan.ops, &lock, now)?;
        lines.push(fill(s.saved, &[&id, &changed]));
    }
    let mut out = std::io::stdout().lock();
    for line in lines {
        writeln!(out, "{}", printable(&line))?;
    }
    Ok(clean)
}
