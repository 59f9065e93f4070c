//! The command line: parses arguments with clap and prints the outputs.
//! Every failure is one line on stderr naming the file or input and the
//! cause, exit 1; usage errors exit 2 (clap's own convention).

mod output;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use clap::{CommandFactory, Parser, Subcommand, ValueEnum};

use crate::core::compare::{SortBy, compare_assessments, compare_profiles};
use crate::core::profile::Profile;
use crate::core::uid::MIN_PREFIX;
use crate::core::{Lang, framework};
use crate::report::compare::Kind;
use crate::report::{self, Format};
use crate::store::atomic::write_atomic;
use crate::store::{Store, load_file, load_given_file};
use crate::text::{fill, printable, strings};

#[derive(Debug, Parser)]
#[command(
    name = "citydx",
    version,
    about = "Assess the digital transformation of small and medium-sized cities: 7 domains x 3 stages (WEF and Tencent Research Institute, 2022)",
    long_about = None
)]
pub struct Cli {
    /// Profiles folder [default: `profiles` under the platform's data folder]
    #[arg(long, global = true, value_name = "DIR", env = "CITYDX_PROFILES")]
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
    /// Check a profile file and add it to the folder
    Import {
        /// The profile JSON file
        file: PathBuf,
        /// Replace a profile with the same id
        #[arg(long)]
        force: bool,
    },
}

impl Cli {
    pub fn lang(&self) -> Lang {
        match self.lang {
            Some(LangArg::En) => Lang::En,
            Some(LangArg::Zh) => Lang::Zh,
            None => Lang::from_env(|name| std::env::var(name).ok()),
        }
    }

    pub fn store(&self) -> Result<Store> {
        Ok(match &self.dir {
            Some(dir) => Store::open(dir)?,
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
            }) => compare_usage(ids, *assessments).map(|p| ("compare", p)),
            _ => None,
        }
    }
}

/// What is wrong with the ids given to `compare`, if anything.
fn compare_usage(ids: &[String], assessments: bool) -> Option<String> {
    let n = ids.len();
    if assessments && n != 1 {
        return Some(format!(
            "compare --assessments takes one profile id (that city's assessments are compared over time); {n} given"
        ));
    }
    if !assessments && !(COMPARE_MIN..=COMPARE_MAX).contains(&n) {
        let hint = if n == 1 {
            " (to compare one city's assessments over time, add --assessments)"
        } else {
            ""
        };
        return Some(format!(
            "compare takes {COMPARE_MIN} to {COMPARE_MAX} profile ids; {n} given{hint}"
        ));
    }
    ids.iter()
        .enumerate()
        .find(|(i, id)| ids[..*i].contains(id))
        .map(|(_, id)| format!("compare: profile id {id:?} is given twice"))
}

/// Refuses an `-o` that names a folder, or a `.json` file in the profiles
/// folder (it would be taken for a profile). `what` names the output.
fn check_output(path: &Path, store: Option<&Store>, what: &str) -> Result<()> {
    if path.is_dir() {
        bail!("{}: is a folder; -o needs a file name", path.display());
    }
    if let Some(store) = store
        && in_profiles_folder(store, path)
    {
        bail!(
            "{}: a .json file in the profiles folder would be taken for a profile; write the {what} elsewhere",
            path.display()
        );
    }
    Ok(())
}

/// Prints `text`, or writes it atomically to `output` and says where
/// (`written`, filled with the format's name and the file).
fn emit(
    out: &mut impl Write,
    text: &str,
    format: Format,
    output: Option<&Path>,
    written: &str,
) -> Result<()> {
    let text = printable(text);
    match output {
        None => out.write_all(text.as_bytes())?,
        Some(path) => {
            write_atomic(path, text.as_bytes())
                .with_context(|| format!("writing {}", path.display()))?;
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
                let mut writer = std::io::BufWriter::new(&mut out);
                serde_json::to_writer_pretty(&mut writer, &output::list_json(&listing))?;
                writeln!(writer)?;
                writer.flush()?;
            } else {
                out.write_all(printable(&output::list_text(&store, &listing, lang)).as_bytes())?;
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
                Some(which) => Some(assessment_index(profile, which)?),
            };
            if *json {
                writeln!(out, "{}", pretty(&output::show_json(&loaded, index, lang)))?;
            } else {
                out.write_all(printable(&output::show_text(&loaded, index, lang)).as_bytes())?;
            }
            Ok(true)
        }
        Command::Framework { json } => {
            if *json {
                writeln!(out, "{}", pretty(&framework().to_json(lang)))?;
            } else {
                out.write_all(output::framework_text(lang).as_bytes())?;
            }
            Ok(true)
        }
        Command::Validate { paths } => {
            // files named by the user may be pipes; the folder's may not
            let named = !paths.is_empty();
            let paths = if paths.is_empty() {
                let store = cli.store()?;
                let mut found: Vec<PathBuf> = std::fs::read_dir(store.dir())
                    .with_context(|| format!("profiles folder {}", store.dir().display()))?
                    .filter_map(Result::ok)
                    .map(|e| e.path())
                    .filter(|p| {
                        p.file_name()
                            .and_then(|n| n.to_str())
                            .is_some_and(|n| n.ends_with(".json") && !n.starts_with('.'))
                    })
                    .collect();
                found.sort();
                found
            } else {
                paths.clone()
            };
            let mut bad = 0;
            for path in &paths {
                let read = if named {
                    load_given_file(path)
                } else {
                    load_file(path)
                };
                match read {
                    Ok(loaded) => {
                        let problems = loaded.profile.problems();
                        if problems.is_empty() {
                            writeln!(out, "{:7} {}", s.validate_ok, path.display())?;
                        } else {
                            bad += 1;
                            for problem in problems {
                                eprintln!("{:7} {}: {problem}", s.validate_bad, path.display());
                            }
                        }
                        for warning in loaded.profile.warnings(framework()) {
                            eprintln!("{:7} {}: {warning}", s.validate_warn, path.display());
                        }
                        if let Some(reason) = loaded.read_only {
                            eprintln!("{:7} {}: {reason}", s.validate_warn, path.display());
                        }
                    }
                    Err(e) => {
                        bad += 1;
                        eprintln!("{:7} {e}", s.validate_bad);
                    }
                }
            }
            writeln!(out, "{}", fill(s.validate_summary, &[&paths.len(), &bad]))?;
            Ok(bad == 0)
        }
        Command::Report {
            id,
            format,
            output,
            assessment,
        } => {
            if let Some(path) = output {
                check_output(path, None, "report")?;
            }
            let store = cli.store()?;
            if let Some(path) = output {
                check_output(path, Some(&store), "report")?;
            }
            let loaded = store.load(id)?;
            let profile = &loaded.profile;
            if let Some(problem) = profile.problems().first() {
                bail!(
                    "profile {id:?}: {problem}; fix it first (`citydx validate` lists every problem)"
                );
            }
            let count = profile.assessments.len();
            let index = match assessment {
                _ if count == 0 => bail!(
                    "profile {id:?} has no assessment yet; a report needs one (start one with `a` on the home screen)"
                ),
                None => count - 1,
                Some(which) => assessment_index(profile, which)?,
            };
            let format = format.format();
            let text = report::render(format, profile, index, lang);
            let written = crate::text::report::strings(lang).written;
            emit(&mut out, &text, format, output.as_deref(), written)?;
            Ok(true)
        }
        Command::Compare {
            ids,
            assessments,
            format,
            sort,
            output,
        } => {
            if let Some(problem) = compare_usage(ids, *assessments) {
                bail!(problem);
            }
            if let Some(path) = output {
                check_output(path, None, "comparison")?;
            }
            let store = cli.store()?;
            if let Some(path) = output {
                check_output(path, Some(&store), "comparison")?;
            }
            let mut profiles: Vec<Profile> = Vec::with_capacity(ids.len());
            for id in ids {
                let profile = store.load(id)?.profile;
                if let Some(problem) = profile.problems().first() {
                    bail!(
                        "profile {id:?}: {problem}; fix it first (`citydx validate` lists every problem)"
                    );
                }
                if profile.assessments.is_empty() {
                    bail!(
                        "profile {id:?} has no assessment yet; a comparison needs one for each city (start one with `a` on the home screen)"
                    );
                }
                profiles.push(profile);
            }
            let (comparison, kind) = if *assessments {
                let profile = &profiles[0];
                let count = profile.assessments.len();
                if count < 2 {
                    bail!(
                        "profile {:?} has {count} assessment; comparing it over time needs at least 2 (add one with `a` on the home screen)",
                        profile.id
                    );
                }
                (compare_assessments(framework(), profile), Kind::Timeline)
            } else {
                let refs: Vec<&Profile> = profiles.iter().collect();
                (compare_profiles(framework(), &refs), Kind::Cities)
            };
            let format = format.format();
            let text = report::compare::render(format, &comparison, kind, sort.sort(), lang);
            let written = crate::text::report::strings(lang).compare_written;
            emit(&mut out, &text, format, output.as_deref(), written)?;
            Ok(true)
        }
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
fn assessment_index(profile: &Profile, which: &str) -> Result<usize> {
    let id = &profile.id;
    let count = profile.assessments.len();
    let which = which.trim();
    if !which.is_empty() && which.chars().all(|c| c.is_ascii_digit()) {
        return match which.parse::<usize>() {
            Ok(0) => bail!("--assessment counts from 1"),
            Ok(n) if n <= count => Ok(n - 1),
            _ => bail!("profile {id:?} has {count} assessment(s); there is no assessment {which}"),
        };
    }
    if let Some(at) = profile.assessment_index(which) {
        return Ok(at);
    }
    if which.chars().count() < MIN_PREFIX {
        bail!(
            "--assessment {which:?}: not a number, and too short for an assessment id (give at least {MIN_PREFIX} characters)"
        );
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
        [] => bail!("profile {id:?} has no assessment whose id starts with {which:?}"),
        _ => bail!(
            "--assessment {which:?}: {} assessments of profile {id:?} have ids starting with it; give more characters",
            matching.len()
        ),
    }
}

/// Whether `path` names a `.json` file in the profiles folder, where a
/// report would replace a profile or be listed as a broken one.
fn in_profiles_folder(store: &Store, path: &Path) -> bool {
    let is_json = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"));
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    is_json
        && matches!(
            (std::fs::canonicalize(parent), std::fs::canonicalize(store.dir())),
            (Ok(a), Ok(b)) if a == b
        )
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
    if let Some((name, problem)) = cli.usage_problem() {
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
            .and_then(|store| crate::ui::run(store, cli.lang()));
        return match result {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("citydx: {e:#}");
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
            eprintln!("citydx: {e:#}");
            ExitCode::from(1)
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.downcast_ref::<std::io::Error>()
        .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
}

/// A panic is a bug; the user gets one line saying so, not a backtrace.
fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let message = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown cause".into());
        let place = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        eprintln!(
            "citydx: internal error{place}: {message} (please report it; no data was written by this error)"
        );
    }));
}
