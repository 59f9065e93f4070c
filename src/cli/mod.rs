//! The command line: parses arguments with clap and prints the outputs.
//! Every failure is one line on stderr naming the file or input and the
//! cause, exit 1; usage errors exit 2 (clap's own convention).

mod invite;
mod output;
mod questionnaire;
mod serve;
mod voices;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Result, bail};
use clap::{CommandFactory, Parser, Subcommand, ValueEnum};

use crate::core::compare::{SortBy, compare_assessments, compare_profiles};
use crate::core::profile::Profile;
use crate::core::uid::MIN_PREFIX;
use crate::core::{Lang, framework};
use crate::report::compare::Kind;
use crate::report::{self, Format};
use crate::store::{ReadOnly, Store, is_reserved_on_windows, load_file, load_given_file};
use crate::text::cli::strings as words;
use crate::text::{ascii_escaped, fill, locale_is_utf8, one_line, printable, strings};

#[derive(Debug, Parser)]
#[command(
    name = "citydx",
    version,
    about = "Assess the digital transformation of small and medium-sized cities: 7 domains x 3 stages (WEF and Tencent Research Institute, 2022)",
    long_about = None
)]
pub struct Cli {
    /// Profiles folder [default: CITYDX_PROFILES, else `profiles` under the platform's data folder]
    // (CITYDX_PROFILES is read by `Cli::store`, not by clap: clap takes an
    // empty value for a missing one, which must be an error naming it)
    #[arg(long, global = true, value_name = "DIR")]
    pub dir: Option<PathBuf>,

    /// Language of the interface and the outputs [default: from LC_ALL, LC_MESSAGES, LANG]
    #[arg(long, global = true, value_enum)]
    pub lang: Option<LangArg>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum LangArg {
    En,
    Zh,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum FormatArg {
    /// Markdown, for pasting into a proposal
    Md,
    /// One self-contained HTML page, printable on A4
    Html,
    /// JSON (documented in the README)
    Json,
}

impl FormatArg {
    pub fn format(self) -> Format {
        match self {
            FormatArg::Md => Format::Markdown,
            FormatArg::Html => Format::Html,
            FormatArg::Json => Format::Json,
        }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum SortArg {
    /// The report's order of domains
    Domain,
    /// The largest spread between the columns first
    Difference,
}

impl SortArg {
    pub fn sort(self) -> SortBy {
        match self {
            SortArg::Domain => SortBy::Domain,
            SortArg::Difference => SortBy::Difference,
        }
    }
}

/// How many cities `compare` takes side by side.
pub const COMPARE_MIN: usize = 2;
pub const COMPARE_MAX: usize = 6;

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the profiles in the folder
    List {
        /// Print JSON (documented in the README)
        #[arg(long)]
        json: bool,
    },
    /// Show a city's level, target and gap per domain
    Show {
        /// Profile id
        id: String,
        /// Which assessment: its number (1 = the first), its id, or the
        /// first 8 or more characters of its id [default: the latest]
        #[arg(long, value_name = "N|ID", value_parser = assessment_arg)]
        assessment: Option<String>,
        /// Print JSON (documented in the README)
        #[arg(long)]
        json: bool,
    },
    /// Print the whole framework in the chosen language
    Framework {
        /// Print JSON (documented in the README)
        #[arg(long)]
        json: bool,
    },
    /// Check profiles: every one in the folder, or the files given
    Validate {
        /// Profile files to check [default: every profile in the folder]
        paths: Vec<PathBuf>,
    },
    /// Write a city's report: Markdown, HTML or JSON
    Report {
        /// Profile id
        id: String,
        /// Output format
        #[arg(long, value_enum, default_value = "md")]
        format: FormatArg,
        /// Write to FILE (atomically) instead of printing
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
        /// Which assessment: its number (1 = the first), its id, or the
        /// first 8 or more characters of its id [default: the latest]
        #[arg(long, value_name = "N|ID", value_parser = assessment_arg)]
        assessment: Option<String>,
    },
    /// Compare 2 to 6 cities side by side, or one city's assessments over time
    Compare {
        /// Profile ids: 2 to 6 cities, or one city with --assessments
        #[arg(value_name = "ID", required = true)]
        ids: Vec<String>,
        /// Compare the one city's assessments over time (its timeline)
        #[arg(long)]
        assessments: bool,
        /// Output format
        #[arg(long, value_enum, default_value = "md")]
        format: FormatArg,
        /// Order of the domains
        #[arg(long, value_enum, default_value = "domain")]
        sort: SortArg,
        /// Write to FILE (atomically) instead of printing
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Serve the interview over SSH to invited respondents (see `invite`)
    Serve(serve::ServeArgs),
    /// Check a profile file and add it to the folder
    Import {
        /// The profile JSON file
        file: PathBuf,
        /// Replace a profile with the same id
        #[arg(long)]
        force: bool,
    },
    /// Add, list or remove an assessment's respondents
    Respondent {
        #[command(subcommand)]
        command: voices::RespondentCommand,
    },
    /// A spreadsheet questionnaire for a respondent, and reading it back
    Questionnaire {
        #[command(subcommand)]
        command: questionnaire::QuestionnaireCommand,
    },
    /// Invite a respondent to answer over SSH (`citydx serve`); list or revoke invitations
    Invite(invite::InviteArgs),
    /// Make citydx git's merge driver for profiles in this git repository
    GitSetup,
    /// Git's merge driver (set by git-setup): merge-driver %O %A %B %P
    MergeDriver {
        /// The common ancestor (%O)
        base: PathBuf,
        /// Our version (%A): the merged profile is written here
        ours: PathBuf,
        /// Their version (%B)
        theirs: PathBuf,
        /// The profile's path in the repository (%P)
        path: String,
    },
}

impl Cli {
    /// The language `--lang` asks for, if given.
    pub fn explicit_lang(&self) -> Option<Lang> {
        match self.lang {
            Some(LangArg::En) => Some(Lang::En),
            Some(LangArg::Zh) => Some(Lang::Zh),
            None => None,
        }
    }

    pub fn lang(&self) -> Lang {
        match self.lang {
            Some(LangArg::En) => Lang::En,
            Some(LangArg::Zh) => Lang::Zh,
            None => Lang::from_env(|name| std::env::var(name).ok()),
        }
    }

    pub fn store(&self) -> Result<Store> {
        if let Some(dir) = &self.dir {
            return Ok(Store::open(dir)?);
        }
        Ok(match std::env::var_os("CITYDX_PROFILES") {
            Some(v) if v.is_empty() => bail!(words(self.lang()).env_empty),
            Some(v) => Store::open(PathBuf::from(v))?,
            None => Store::open_default()?,
        })
    }

    /// A usage error clap's declarations cannot express (exit 2): how many
    /// ids `compare` is given, or one given twice. The subcommand's name
    /// (for its usage line) and the message.
    pub fn usage_problem(&self) -> Option<(&'static str, String)> {
        match &self.command {
            Some(Command::Compare {
                ids, assessments, ..
            }) => compare_usage(ids, *assessments, self.lang()).map(|p| ("compare", p)),
            _ => None,
        }
    }
}

/// What is wrong with the ids given to `compare`, if anything.
fn compare_usage(ids: &[String], assessments: bool, lang: Lang) -> Option<String> {
    let w = words(lang);
    let n = ids.len();
    if assessments && n != 1 {
        return Some(fill(w.compare_one_id, &[&n]));
    }
    if !assessments && !(COMPARE_MIN..=COMPARE_MAX).contains(&n) {
        let hint = if n == 1 { w.compare_count_hint } else { "" };
        return Some(fill(
            w.compare_count,
            &[&COMPARE_MIN, &COMPARE_MAX, &n, &hint],
        ));
    }
    ids.iter()
        .enumerate()
        .find(|(i, id)| ids[..*i].contains(id))
        .map(|(_, id)| fill(w.compare_twice, &[&format!("{id:?}")]))
}

/// Prints `text`, or writes it atomically to `output` and says where
/// (`written`, filled with the format's name and the file).
fn emit(
    out: &mut impl Write,
    store: &Store,
    text: &str,
    format: Format,
    output: Option<&Path>,
    written: &str,
) -> Result<()> {
    let text = printable(text);
    match output {
        None => out.write_all(text.as_bytes())?,
        Some(path) => {
            store.write_export(path, text.as_bytes())?;
            writeln!(out, "{}", fill(written, &[&format.name(), &path.display()]))?;
        }
    }
    Ok(())
}

/// Runs one command; `Ok(false)` means it ran but found something bad
/// (exit 1 without a further message).
pub fn run(cli: &Cli, command: &Command) -> Result<bool> {
    let lang = cli.lang();
    let s = strings(lang);
    let mut out = std::io::stdout().lock();
    match command {
        Command::List { json } => {
            let store = cli.store()?;
            let listing = store.summaries()?;
            if *json {
                // serialised first, so that a closed pipe is an io error
                // (quietly ending the command), not a JSON one
                let mut bytes = serde_json::to_vec_pretty(&output::list_json(&listing))?;
                bytes.push(b'\n');
                out.write_all(&bytes)?;
                out.flush()?;
            } else {
                let text = output::list_text(&store, &listing, lang);
                out.write_all(for_terminal(&printable(&text), Stream::Out).as_bytes())?;
            }
            Ok(true)
        }
        Command::Show {
            id,
            assessment,
            json,
        } => {
            let store = cli.store()?;
            let loaded = store.load(id)?;
            let profile = &loaded.profile;
            let index = match assessment {
                None => profile.assessments.len().checked_sub(1),
                Some(which) => Some(assessment_index(profile, which, lang)?),
            };
            if *json {
                writeln!(out, "{}", pretty(&output::show_json(&loaded, index, lang)))?;
            } else {
                let text = output::show_text(&loaded, index, lang);
                out.write_all(for_terminal(&printable(&text), Stream::Out).as_bytes())?;
            }
            Ok(true)
        }
        Command::Framework { json } => {
            if *json {
                writeln!(out, "{}", pretty(&framework().to_json(lang)))?;
            } else {
                let text = output::framework_text(lang);
                out.write_all(for_terminal(&text, Stream::Out).as_bytes())?;
            }
            Ok(true)
        }
        Command::Validate { paths } => {
            // files named by the user may be pipes; the folder's may not
            let named = !paths.is_empty();
            let mut bad = 0;
            let mut checked = 0;
            // a reader that leaves (`validate | head -1`) stops the
            // printing, not the checking: the exit status covers every file
            let mut say = Say::default();
            let paths = if named {
                paths.clone()
            } else {
                let store = cli.store()?;
                let scan = store.scan()?;
                for e in scan.odd {
                    bad += 1;
                    checked += 1;
                    say.err(&format!(
                        "{:7} {}",
                        s.validate_bad,
                        one_line(&e.message(lang))
                    ));
                }
                for e in scan.kept {
                    say.err(&format!(
                        "{:7} {}",
                        s.validate_warn,
                        one_line(&e.message(lang))
                    ));
                }
                scan.profiles.iter().map(|n| store.dir().join(n)).collect()
            };
            for path in &paths {
                checked += 1;
                let shown = one_line(&path.display().to_string()).into_owned();
                let read = if named {
                    load_given_file(path)
                } else {
                    load_file(path)
                };
                match read {
                    Ok(loaded) => {
                        let mut problems: Vec<String> = loaded
                            .profile
                            .problems()
                            .iter()
                            .map(|p| p.message(lang))
                            .collect();
                        let stem = path
                            .file_name()
                            .and_then(|n| n.to_str())
                            .and_then(|n| n.strip_suffix(".json"));
                        if !named
                            && let Some(stem) = stem
                            && stem != loaded.profile.id
                        {
                            problems.push(
                                ReadOnly::IdMismatch {
                                    file: stem.to_string(),
                                    id: loaded.profile.id.clone(),
                                }
                                .message(lang),
                            );
                        }
                        if problems.is_empty() {
                            say.out(&format!("{:7} {shown}", s.validate_ok));
                        } else {
                            bad += 1;
                            for problem in problems {
                                say.err(&format!(
                                    "{:7} {}",
                                    s.validate_bad,
                                    crate::text::validate::at(&shown, &one_line(&problem), lang)
                                ));
                            }
                        }
                        let mut warnings: Vec<String> = loaded
                            .profile
                            .warnings(framework())
                            .iter()
                            .map(|w| w.message(lang))
                            .collect();
                        if is_reserved_on_windows(&loaded.profile.id) {
                            warnings.push(fill(
                                words(lang).reserved_on_windows,
                                &[&format!("{:?}", loaded.profile.id)],
                            ));
                        }
                        if let Some(reason) = loaded.read_only {
                            warnings.push(reason.message(lang));
                        }
                        for warning in warnings {
                            say.err(&format!(
                                "{:7} {}",
                                s.validate_warn,
                                crate::text::validate::at(&shown, &one_line(&warning), lang)
                            ));
                        }
                    }
                    Err(e) => {
                        bad += 1;
                        say.err(&format!(
                            "{:7} {}",
                            s.validate_bad,
                            one_line(&e.message(lang))
                        ));
                        if let Some(note) = voices::conflict_note(path, lang) {
                            say.err(&format!("{:7} {}", s.validate_bad, one_line(&note)));
                        }
                    }
                }
            }
            say.out(&fill(s.validate_summary, &[&checked, &bad]));
            Ok(bad == 0)
        }
        Command::Report {
            id,
            format,
            output,
            assessment,
        } => {
            let store = cli.store()?;
            if let Some(path) = output {
                store.check_export_path(path)?;
            }
            let loaded = store.load(id)?;
            let profile = &loaded.profile;
            if let Some(problem) = profile.problems().first() {
                bail!(fill(
                    words(lang).fix_first,
                    &[&format!("{id:?}"), &problem.message(lang)]
                ));
            }
            let count = profile.assessments.len();
            let index = match assessment {
                _ if count == 0 => bail!(fill(
                    words(lang).report_needs_assessment,
                    &[&format!("{id:?}")]
                )),
                None => count - 1,
                Some(which) => assessment_index(profile, which, lang)?,
            };
            let format = format.format();
            let text = report::render(format, profile, index, lang);
            let written = crate::text::report::strings(lang).written;
            emit(&mut out, &store, &text, format, output.as_deref(), written)?;
            Ok(true)
        }
        Command::Compare {
            ids,
            assessments,
            format,
            sort,
            output,
        } => {
            if let Some(problem) = compare_usage(ids, *assessments, lang) {
                bail!(problem);
            }
            let store = cli.store()?;
            if let Some(path) = output {
                store.check_export_path(path)?;
            }
            let mut profiles: Vec<Profile> = Vec::with_capacity(ids.len());
            for id in ids {
                let profile = store.load(id)?.profile;
                if let Some(problem) = profile.problems().first() {
                    bail!(fill(
                        words(lang).fix_first,
                        &[&format!("{id:?}"), &problem.message(lang)]
                    ));
                }
                if profile.assessments.is_empty() {
                    bail!(fill(
                        words(lang).compare_needs_assessment,
                        &[&format!("{id:?}")]
                    ));
                }
                profiles.push(profile);
            }
            let (comparison, kind) = if *assessments {
                let profile = &profiles[0];
                let count = profile.assessments.len();
                if count < 2 {
                    bail!(fill(
                        words(lang).timeline_needs_two,
                        &[&format!("{:?}", profile.id), &count]
                    ));
                }
                (compare_assessments(framework(), profile), Kind::Timeline)
            } else {
                let refs: Vec<&Profile> = profiles.iter().collect();
                (compare_profiles(framework(), &refs), Kind::Cities)
            };
            let format = format.format();
            let text = report::compare::render(format, &comparison, kind, sort.sort(), lang);
            let written = crate::text::report::strings(lang).compare_written;
            emit(&mut out, &store, &text, format, output.as_deref(), written)?;
            Ok(true)
        }
        Command::Respondent { command } => voices::run_respondent(cli, command),
        Command::GitSetup => voices::run_git_setup(cli),
        Command::Invite(args) => invite::run(cli, args),
        Command::Questionnaire { command } => questionnaire::run(cli, command),
        Command::MergeDriver {
            base,
            ours,
            theirs,
            path,
        } => voices::run_merge_driver(cli, base, ours, theirs, path),
        Command::Serve(args) => serve::run(cli, args),
        Command::Import { file, force } => {
            let store = cli.store()?;
            let path = store.import(file, *force)?;
            writeln!(
                out,
                "{}",
                fill(s.imported, &[&file.display(), &path.display()])
            )?;
            Ok(true)
        }
    }
}

/// What `--assessment` accepts, checked by clap (a usage error, exit 2,
/// otherwise): a number, or an assessment id or a prefix of one (at least
/// [`MIN_PREFIX`] characters of a lowercase id's letters, digits and `-`).
fn assessment_arg(value: &str) -> Result<String, String> {
    let value = value.trim();
    let number = !value.is_empty() && value.chars().all(|c| c.is_ascii_digit());
    let id_like = value.chars().count() >= MIN_PREFIX
        && value.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    if number || id_like {
        Ok(value.to_string())
    } else {
        Err(format!(
            "not a number (1 = the first) or an assessment id (at least {MIN_PREFIX} characters)"
        ))
    }
}

/// The position of the assessment `which` names: a number counted from 1,
/// an id, or a prefix of an id of at least [`MIN_PREFIX`] characters that
/// only one assessment's id starts with.
fn assessment_index(profile: &Profile, which: &str, lang: Lang) -> Result<usize> {
    let w = words(lang);
    let id = &format!("{:?}", profile.id);
    let count = profile.assessments.len();
    let which = which.trim();
    if !which.is_empty() && which.chars().all(|c| c.is_ascii_digit()) {
        return match which.parse::<usize>() {
            Ok(0) => bail!(w.assessment_from_one),
            Ok(n) if n <= count => Ok(n - 1),
            _ => bail!(fill(w.assessment_beyond, &[id, &count, &which])),
        };
    }
    if let Some(at) = profile.assessment_index(which) {
        return Ok(at);
    }
    if which.chars().count() < MIN_PREFIX {
        bail!(fill(
            w.assessment_too_short,
            &[&format!("{which:?}"), &MIN_PREFIX]
        ));
    }
    let lower = which.to_lowercase();
    let matching: Vec<usize> = profile
        .assessments
        .iter()
        .enumerate()
        .filter(|(_, a)| a.id.starts_with(&lower))
        .map(|(i, _)| i)
        .collect();
    match matching[..] {
        [one] => Ok(one),
        [] => bail!(fill(w.assessment_no_match, &[id, &format!("{which:?}")])),
        _ => bail!(fill(
            w.assessment_ambiguous,
            &[&format!("{which:?}"), &matching.len(), id]
        )),
    }
}

/// Lines for stdout and stderr that stop quietly once the reader of
/// either has gone (a closed pipe), while the command goes on.
#[derive(Default)]
struct Say {
    out_gone: bool,
    err_gone: bool,
}

impl Say {
    fn out(&mut self, line: &str) {
        if !self.out_gone {
            let line = for_terminal(line, Stream::Out);
            let mut out = std::io::stdout().lock();
            self.out_gone = writeln!(out, "{line}").and_then(|_| out.flush()).is_err();
        }
    }

    fn err(&mut self, line: &str) {
        if !self.err_gone {
            let line = for_terminal(line, Stream::Err);
            self.err_gone = writeln!(std::io::stderr().lock(), "{line}").is_err();
        }
    }
}

#[derive(Clone, Copy)]
enum Stream {
    Out,
    Err,
}

/// Text for stdout or stderr: sent as it is (UTF-8) to a file or a pipe,
/// and to a terminal whose locale is UTF-8; to a terminal whose locale is
/// not (`LANG=C`, a Latin-1 locale) every non-ASCII character is escaped
/// (`\u{5357}`), never sent as raw UTF-8 it did not ask for.
fn for_terminal(text: &str, stream: Stream) -> std::borrow::Cow<'_, str> {
    use std::io::IsTerminal;
    let tty = match stream {
        Stream::Out => std::io::stdout().is_terminal(),
        Stream::Err => std::io::stderr().is_terminal(),
    };
    if tty && !locale_is_utf8(|name| std::env::var(name).ok()) {
        ascii_escaped(text)
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

fn pretty(value: &serde_json::Value) -> String {
    serde_json::to_string_pretty(value).unwrap_or_default()
}

/// The program's entry: parse, run, map the outcome to an exit code.
pub fn main() -> ExitCode {
    install_panic_hook();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(e.exit_code().clamp(0, 255) as u8);
        }
    };
    let lang = cli.lang();
    PANIC_IN_CHINESE.store(lang == Lang::Zh, std::sync::atomic::Ordering::Relaxed);
    if let Some((name, problem)) = cli.usage_problem() {
        if lang == Lang::Zh {
            // clap words its frame (error:, Usage:) in English only: the
            // message and where to read the usage, exit 2 as clap's
            let line =
                one_line(&format!("citydx: {problem}{}", words(lang).compare_usage)).into_owned();
            eprintln!("{}", for_terminal(&line, Stream::Err));
            return ExitCode::from(2);
        }
        // clap's own form: the message, the subcommand's usage, exit 2
        let mut command = Cli::command();
        command.build();
        let e = match command.find_subcommand_mut(name) {
            Some(sub) => sub.error(clap::error::ErrorKind::WrongNumberOfValues, problem),
            None => command.error(clap::error::ErrorKind::WrongNumberOfValues, problem),
        };
        let _ = e.print();
        return ExitCode::from(e.exit_code().clamp(0, 255) as u8);
    }
    let Some(command) = &cli.command else {
        let result = cli
            .store()
            .and_then(|store| crate::ui::run(store, cli.explicit_lang(), cli.lang()));
        return match result {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                let text = error_text(&e, lang);
                eprintln!("citydx: {}", one_line(&text));
                ExitCode::from(1)
            }
        };
    };
    match run(&cli, command) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(e) => {
            if is_broken_pipe(&e) {
                return ExitCode::SUCCESS;
            }
            let text = error_text(&e, lang);
            let line = one_line(&format!("citydx: {text}")).into_owned();
            eprintln!("{}", for_terminal(&line, Stream::Err));
            ExitCode::from(1)
        }
    }
}

/// A failure in `lang`: the store's errors and citydx's own sentences as
/// they are worded; any other (the operating system's, the JSON
/// serializer's) after citydx's own sentence saying the command failed.
fn error_text(e: &anyhow::Error, lang: Lang) -> String {
    if let Some(store) = e.downcast_ref::<crate::store::StoreError>() {
        store.message(lang)
    } else if let Some(invite) = e.downcast_ref::<crate::store::invites::InviteError>() {
        invite.message(lang)
    } else if let Some(said) = e.downcast_ref::<String>() {
        said.clone()
    } else if let Some(said) = e.downcast_ref::<&'static str>() {
        said.to_string()
    } else {
        fill(words(lang).failed, &[&format!("{e:#}")])
    }
}

/// The panic hook's language (set once the command line is parsed).
static PANIC_IN_CHINESE: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
            || cause
                .downcast_ref::<serde_json::Error>()
                .is_some_and(|e| e.io_error_kind() == Some(std::io::ErrorKind::BrokenPipe))
    })
}

/// A panic is a bug; the user gets one line saying so, not a backtrace.
fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let message = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "?".into());
        let place = info
            .location()
            .map(|l| format!(" {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        let lang = if PANIC_IN_CHINESE.load(std::sync::atomic::Ordering::Relaxed) {
            Lang::Zh
        } else {
            Lang::En
        };
        eprintln!(
            "citydx: {}",
            fill(words(lang).internal_error, &[&place, &message])
        );
    }));
}
