//! Property tests (proptest): no input makes the profile loader, the
//! reports, the advice or the interface panic.
//!
//! - The loader gets arbitrary bytes and mutated real profiles (bytes
//!   flipped, cut, inserted or removed; numbers made huge, negative or of
//!   the wrong type; strings made very long, full of control characters,
//!   wide, right-to-left or emoji). Whatever loads is checked, saved,
//!   loaded again, reported in every format and language, advised and
//!   shown in the interface.
//! - The reports get valid-but-extreme profiles built directly: targets,
//!   importance and overrides at and beyond their bounds, dates at the ends
//!   of the calendar, names that are empty or full of HTML, right-to-left,
//!   wide and emoji text; the HTML must escape all of it.
//! - The interface draws every screen at random sizes from 0 x 0 to
//!   300 x 100 with random text wherever a user can type it, and random
//!   sessions of keys, messages and resizes run through a ratatui
//!   `Terminal` as the runtime does (its frame diff included, see ratatui
//!   #2695), with wide characters, emoji and combining marks (ratatui
//!   #2679).
//!
//! Each property runs a few hundred cases by default, so `cargo test`
//! stays short; PROPTEST_CASES raises the count for a long run.

use std::ops::Range;
use std::path::Path;
use std::sync::OnceLock;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use serde_json::Value;

use citydx::core::advice::advise;
use citydx::core::compare::{compare_assessments, compare_profiles};
use citydx::core::examples::EXAMPLES;
use citydx::core::framework::DomainId;
use citydx::core::profile::{
    Answer, AnswerValue, Assessment, Level, OrganisationType, Override, PhaseEdit, Profile,
    Respondent, Specialty, Target,
};
use citydx::core::summary::summarize;
use citydx::core::{Lang, Text, framework};
use citydx::report::{Format, render};
use citydx::store::{Loaded, ReadOnly, load_file};
use citydx::text::{pad, truncate, width};
use citydx::ui::app::{App, Draft, Effect, Msg};
use citydx::ui::demo;
use citydx::ui::draw::paint::wrap;
use citydx::ui::entry_of;
use citydx::ui::theme::Theme;

// ---- configuration ----

/// `default` cases, unless PROPTEST_CASES says how many.
fn cases(default: u32) -> ProptestConfig {
    let mut config = ProptestConfig::default();
    if std::env::var_os("PROPTEST_CASES").is_none() {
        config.cases = default;
    }
    config
}

// ---- text ----

/// Pieces of text that have broken terminal programs, HTML pages and
/// parsers: markup, wide characters, emoji (with joiners, flags, skin
/// tones, variation selectors), combining marks (leading ones too, as in
/// ratatui #2679), right-to-left text and overrides, zero-width and control
/// characters, the last code points.
const FRAGMENTS: &[&str] = &[
    "a",
    "Zq",
    " ",
    "  ",
    "-",
    "city",
    "Pinghu",
    "<",
    ">",
    "&",
    "\"",
    "'",
    "<x-probe a=\"b\">",
    "</td>",
    "&amp;",
    "&lt;",
    "]]>",
    "<!--",
    "|",
    "*",
    "_",
    "#",
    "`",
    "\\",
    "/",
    "..",
    "%s",
    "{0}",
    "中",
    "平湖",
    "莘县",
    "（",
    "）",
    "，",
    "。",
    "“",
    "…",
    "ｱ",
    "가",
    "😀",
    "🙂",
    "🌞",
    "👨‍👩‍👧",
    "🇨🇳",
    "❤️",
    "1️⃣",
    "👍🏽",
    "\u{FE0F}",
    "\u{200D}",
    "\u{301}",
    "e\u{301}",
    "\u{300}\u{301}\u{302}",
    "\u{20DD}",
    "\u{1AB0}",
    "مرحبا",
    "עברית",
    "\u{202E}",
    "\u{200F}",
    "\u{200B}",
    "\u{FEFF}",
    "\u{AD}",
    "\u{2028}",
    "\u{3000}",
    "\u{E000}",
    "\u{10FFFF}",
    "\u{1F3FB}",
    "\t",
    "\n",
    "\r",
    "\r\n",
    "\u{1b}[31m",
    "\u{1b}]0;title\u{7}",
    "\u{7}",
    "\u{8}",
    "\u{0}",
    "\u{7f}",
    "\u{85}",
    "\u{9b}",
];

/// Long runs, so that wrapping and cutting meet words wider than any line.
fn long_run() -> impl Strategy<Value = String> {
    prop_oneof![
        (1usize..400).prop_map(|n| "x".repeat(n)),
        (1usize..200).prop_map(|n| "中".repeat(n)),
        (1usize..100).prop_map(|n| "🌞".repeat(n)),
        (1usize..100).prop_map(|n| "a\u{301}".repeat(n)),
        (1usize..100).prop_map(|n| "word ".repeat(n)),
    ]
}

fn hostile_text(pieces: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            12 => prop::sample::select(FRAGMENTS).prop_map(str::to_string),
            3 => "[a-zA-Z0-9 ]{1,10}",
            2 => any::<char>().prop_map(String::from),
            1 => long_run(),
        ],
        0..pieces,
    )
    .prop_map(|v| v.concat())
}

/// What a user can type: a terminal delivers control characters as keys
/// (Enter, Tab, Ctrl-...), never as text.
fn typed_text(pieces: usize) -> impl Strategy<Value = String> {
    hostile_text(pieces).prop_map(|s| s.chars().filter(|c| !c.is_control()).collect())
}

// ---- profiles built directly ----

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a date")
}

fn date() -> impl Strategy<Value = NaiveDate> {
    prop_oneof![
        12 => (1990i32..=2100, 1u32..=12, 1u32..=28).prop_map(|(y, m, d)| ymd(y, m, d)),
        1 => Just(NaiveDate::MIN),
        1 => Just(NaiveDate::MAX),
        1 => Just(ymd(9999, 12, 31)),
        1 => Just(ymd(1, 1, 1)),
        1 => (-262_000i32..=262_000).prop_map(|y| ymd(y, 1, 1)),
    ]
}

fn timestamp() -> impl Strategy<Value = DateTime<Utc>> {
    prop_oneof![
        8 => (date(), 0u32..86_400).prop_map(|(d, s)| Utc.from_utc_datetime(
            &d.and_hms_opt(s / 3600, s / 60 % 60, s % 60).expect("a time")
        )),
        1 => Just(DateTime::<Utc>::MIN_UTC),
        1 => Just(DateTime::<Utc>::MAX_UTC),
    ]
}

fn indicator_ids() -> &'static [String] {
    static IDS: OnceLock<Vec<String>> = OnceLock::new();
    IDS.get_or_init(|| {
        framework()
            .indicators()
            .map(|r| r.indicator.id.clone())
            .collect()
    })
}

const VALUES: [AnswerValue; 5] = [
    AnswerValue::Met,
    AnswerValue::Partly,
    AnswerValue::NotMet,
    AnswerValue::NotApplicable,
    AnswerValue::Unknown,
];

const LEVELS: [Level; 3] = [Level::Low, Level::Medium, Level::High];

const ORGANISATIONS: [OrganisationType; 4] = [
    OrganisationType::Government,
    OrganisationType::Enterprise,
    OrganisationType::Research,
    OrganisationType::Citizen,
];

#[derive(Debug, Clone)]
struct CitySpec {
    base: usize,
    id: Option<String>,
    en: String,
    zh: String,
    country: String,
    region: String,
    population: Option<u64>,
    specialties: Vec<usize>,
    constraints: [usize; 3],
    created: DateTime<Utc>,
    updated: DateTime<Utc>,
}

#[derive(Debug, Clone)]
struct AssessmentSpec {
    date: NaiveDate,
    interviewer: String,
    respondents: Vec<(String, String, usize)>,
    /// (indicator id, value, note, carried over)
    answers: Vec<(String, usize, Option<String>, bool)>,
    targets: Vec<(usize, u8, u8)>,
    importance: Vec<(usize, u8)>,
    overrides: Vec<(usize, f64, String)>,
    plan: Vec<(String, String, Option<NaiveDate>, Option<NaiveDate>)>,
}

fn city_spec() -> impl Strategy<Value = CitySpec> {
    (
        (
            0..EXAMPLES.len(),
            prop::option::weighted(0.2, hostile_text(6)),
            hostile_text(8),
            hostile_text(8),
            hostile_text(3),
            hostile_text(8),
        ),
        (
            prop::option::of(prop_oneof![0u64..10_000_000, any::<u64>()]),
            prop::collection::vec(0..Specialty::ALL.len(), 0..8),
            [0usize..3, 0usize..3, 0usize..3],
            timestamp(),
            timestamp(),
        ),
    )
        .prop_map(
            |(
                (base, id, en, zh, country, region),
                (population, specialties, constraints, created, updated),
            )| CitySpec {
                base,
                id,
                en,
                zh,
                country,
                region,
                population,
                specialties,
                constraints,
                created,
                updated,
            },
        )
}

fn answer_id() -> impl Strategy<Value = String> {
    let n = indicator_ids().len();
    prop_oneof![
        12 => (0..n).prop_map(|i| indicator_ids()[i].clone()),
        1 => Just("economy.s9.fake".to_string()),
        1 => hostile_text(4),
    ]
}

fn assessment_spec() -> impl Strategy<Value = AssessmentSpec> {
    let level = prop_oneof![
        3 => 0.0f64..=3.0,
        1 => prop::sample::select(vec![
            0.0, 3.0, -0.0, -1.0, 3.000_000_1, 1e308, -1e308, f64::MIN_POSITIVE, f64::EPSILON,
            2.999_999_999_999_999_6, 1.005, 0.125,
        ]),
        1 => -10.0f64..10.0,
    ];
    let bounded = |low: u8, high: u8| prop_oneof![4 => low..=high, 1 => any::<u8>()];
    (
        (
            date(),
            hostile_text(6),
            prop::collection::vec(
                (hostile_text(4), hostile_text(4), 0..ORGANISATIONS.len()),
                0..4,
            ),
            prop::collection::vec(
                (
                    answer_id(),
                    0..VALUES.len(),
                    prop::option::weighted(0.3, hostile_text(8)),
                    any::<bool>(),
                ),
                0..60,
            ),
        ),
        (
            prop::collection::vec((0..7usize, bounded(0, 4), bounded(0, 31)), 0..9),
            prop::collection::vec((0..7usize, bounded(0, 6)), 0..9),
            prop::collection::vec((0..7usize, level, hostile_text(4)), 0..9),
            prop::collection::vec(
                (
                    prop_oneof![
                        4 => (0u32..12).prop_map(|n| n.to_string()),
                        1 => hostile_text(2),
                    ],
                    hostile_text(5),
                    prop::option::of(date()),
                    prop::option::of(date()),
                ),
                0..5,
            ),
        ),
    )
        .prop_map(
            |(
                (date, interviewer, respondents, answers),
                (targets, importance, overrides, plan),
            )| {
                AssessmentSpec {
                    date,
                    interviewer,
                    respondents,
                    answers,
                    targets,
                    importance,
                    overrides,
                    plan,
                }
            },
        )
}

fn profile_spec() -> impl Strategy<Value = (CitySpec, Vec<AssessmentSpec>)> {
    (
        city_spec(),
        prop_oneof![
            1 => Just(vec![]),
            8 => prop::collection::vec(assessment_spec(), 1..4),
        ],
    )
}

/// The profile a spec describes. `valid` brings every value within its
/// bounds (at the bounds, mostly), so that `problems()` finds nothing.
fn build(spec: &(CitySpec, Vec<AssessmentSpec>), valid: bool) -> Profile {
    let (c, assessments) = spec;
    let mut p = examples()[c.base].clone();
    if let Some(id) = &c.id
        && !valid
    {
        p.id = id.clone();
    }
    p.city.name = Text::new(c.zh.clone(), c.en.clone());
    if valid && p.city.name.is_blank() {
        p.city.name.en = format!("X{}", c.en);
    }
    p.city.country = c.country.clone();
    p.city.region = c.region.clone();
    p.city.population = c.population;
    p.city.specialties = c.specialties.iter().map(|&i| Specialty::ALL[i]).collect();
    p.city.constraints.funding = LEVELS[c.constraints[0]];
    p.city.constraints.talent = LEVELS[c.constraints[1]];
    p.city.constraints.technology = LEVELS[c.constraints[2]];
    p.created = c.created;
    p.updated = c.updated;
    if valid && p.updated < p.created {
        std::mem::swap(&mut p.created, &mut p.updated);
    }
    p.assessments = assessments
        .iter()
        .map(|a| {
            let mut out = Assessment::new(a.date, a.interviewer.clone());
            out.respondents = a
                .respondents
                .iter()
                .map(|(name, role, org)| {
                    Respondent::new(
                        citydx::core::uid::new_uid(),
                        if valid && name.trim().is_empty() {
                            format!("R{name}")
                        } else {
                            name.clone()
                        },
                        role.clone(),
                        ORGANISATIONS[*org],
                    )
                })
                .collect();
            for (id, value, note, carried) in &a.answers {
                let mut answer = Answer::new(VALUES[*value], note.clone());
                answer.carried_over = *carried;
                out.answers.insert(id.clone(), answer);
            }
            for &(d, stage, horizon) in &a.targets {
                let target = if valid {
                    Target::new(stage.clamp(1, 3), horizon.clamp(1, 30))
                } else {
                    Target::new(stage, horizon)
                };
                out.targets.insert(DomainId::ALL[d], target);
            }
            for &(d, importance) in &a.importance {
                let importance = if valid {
                    importance.clamp(1, 5)
                } else {
                    importance
                };
                out.importance.insert(DomainId::ALL[d], importance);
            }
            for (d, level, reason) in &a.overrides {
                let (level, reason) = if valid {
                    let reason = if reason.trim().is_empty() {
                        format!("r{reason}")
                    } else {
                        reason.clone()
                    };
                    (level.clamp(0.0, 3.0), reason)
                } else {
                    (*level, reason.clone())
                };
                out.overrides.insert(
                    DomainId::ALL[*d],
                    Override {
                        level,
                        reason,
                        reason_text: None,
                    },
                );
            }
            for (key, owner, start, end) in &a.plan {
                let (key, start, end) = if valid {
                    let n = key.parse::<usize>().unwrap_or(1).max(1);
                    let (start, end) = match (start, end) {
                        (Some(s), Some(e)) if e < s => (Some(*e), Some(*s)),
                        other => (*other.0, *other.1),
                    };
                    (n.to_string(), start, end)
                } else {
                    (key.clone(), *start, *end)
                };
                out.plan.insert(
                    key,
                    PhaseEdit {
                        owner: owner.clone(),
                        start,
                        end,
                        ..PhaseEdit::default()
                    },
                );
            }
            out
        })
        .collect();
    if valid {
        assert_eq!(
            p.problems(),
            Vec::<citydx::core::validate::Problem>::new(),
            "a valid profile"
        );
    }
    p
}

/// The example profiles, parsed once.
fn examples() -> &'static [Profile] {
    static EXAMPLE_PROFILES: OnceLock<Vec<Profile>> = OnceLock::new();
    EXAMPLE_PROFILES.get_or_init(|| EXAMPLES.iter().map(|(id, _)| demo::example(id)).collect())
}

fn any_profile() -> impl Strategy<Value = Profile> {
    (profile_spec(), any::<bool>()).prop_map(|(spec, valid)| build(&spec, valid))
}

fn valid_profile() -> impl Strategy<Value = Profile> {
    profile_spec().prop_map(|spec| build(&spec, true))
}

// ---- what every loaded profile must survive ----

/// Tag names the HTML report may hold; anything else after a `<` is text
/// that was not escaped.
const HTML_TAGS: &[&str] = &[
    "html",
    "head",
    "meta",
    "title",
    "style",
    "body",
    "header",
    "section",
    "h1",
    "h2",
    "h3",
    "h4",
    "p",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "span",
    "strong",
    "b",
    "em",
    "br",
    "div",
    "figure",
    "figcaption",
    "svg",
    "text",
    "line",
    "polygon",
    "path",
    "circle",
    "g",
    "small",
    "caption",
    "footer",
    "main",
    "nav",
    "article",
    "aside",
    "a",
    "abbr",
    "i",
    "u",
    "sub",
    "sup",
    "code",
    "pre",
    "hr",
    "col",
    "colgroup",
    "rect",
    "tspan",
    "defs",
];

fn check_html(html: &str) -> Result<(), TestCaseError> {
    prop_assert!(
        !html.contains("<x-probe"),
        "unescaped user text in the HTML"
    );
    let bytes = html.as_bytes();
    for (at, _) in html.match_indices('<') {
        let rest = &bytes[at + 1..];
        if rest.starts_with(b"!DOCTYPE") {
            continue;
        }
        let rest = rest.strip_prefix(b"/").unwrap_or(rest);
        let name: String = rest
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .map(|&b| b as char)
            .collect();
        prop_assert!(
            HTML_TAGS.contains(&name.to_ascii_lowercase().as_str()),
            "a '<' that starts no known tag ({:?}) at byte {at}: {:?}",
            name,
            &html[at..html.len().min(at + 60)]
        );
    }
    Ok(())
}

/// Every report of `p` (assessments `which`, and one past the last) in
/// every format and language; the JSON parses and names the city as the
/// profile does, the HTML escapes every text.
fn check_reports(p: &Profile, which: Range<usize>) -> Result<(), TestCaseError> {
    for index in which.chain([p.assessments.len()]) {
        for lang in [Lang::En, Lang::Zh] {
            for format in Format::ALL {
                let out = render(format, p, index, lang);
                match format {
                    Format::Json => {
                        let json: Value = serde_json::from_str(&out)
                            .map_err(|e| TestCaseError::fail(format!("report JSON: {e}")))?;
                        prop_assert_eq!(json["lang"].as_str(), Some(lang.code()));
                        prop_assert_eq!(
                            json["profile"]["name"]["en"].as_str(),
                            Some(p.city.name.en.as_str())
                        );
                        prop_assert_eq!(
                            json["profile"]["name"]["zh"].as_str(),
                            Some(p.city.name.zh.as_str())
                        );
                    }
                    Format::Html => check_html(&out)?,
                    Format::Markdown => prop_assert!(!out.is_empty()),
                }
            }
        }
    }
    Ok(())
}

/// The JSON report's numbers stay in their ranges for a valid profile.
fn check_report_numbers(p: &Profile) -> Result<(), TestCaseError> {
    for index in 0..p.assessments.len() {
        let json: Value =
            serde_json::from_str(&render(Format::Json, p, index, Lang::En)).expect("JSON");
        let domains = json["domains"].as_array().expect("domains");
        prop_assert_eq!(domains.len(), 7);
        for d in domains {
            if let Some(current) = d["current"].as_f64() {
                prop_assert!((0.0..=3.0).contains(&current), "current {current}");
            }
            if let Some(gap) = d["gap"].as_f64() {
                prop_assert!((0.0..=3.0).contains(&gap), "gap {gap}");
            }
            let score = d["score"].as_f64().expect("a score");
            prop_assert!((0.0..=100.0).contains(&score), "score {score}");
            let parts: f64 = d["score_parts"]
                .as_array()
                .expect("parts")
                .iter()
                .map(|part| part["points"].as_f64().expect("points"))
                .sum();
            prop_assert!(
                (parts - score).abs() < 0.1,
                "parts {parts} != score {score}"
            );
        }
        for plan in json["plan"].as_array().expect("plan") {
            prop_assert!(plan["number"].as_u64().is_some());
        }
    }
    Ok(())
}

/// Opens `p` in the interface and draws its screens; no cell may hold a
/// control character (it would reach the terminal as a command).
fn check_interface(p: &Profile, lang: Lang) -> Result<(), TestCaseError> {
    let mut app = demo::home(lang);
    app.update(Msg::Opened {
        profile: Box::new(p.clone()),
        read_only: None,
        new_assessment: false,
        draft: None,
    });
    for keys in ["", "]l", "lll", "m", "r", "\t"] {
        for c in keys.chars() {
            app.update(if c == '\t' {
                demo::key(KeyCode::Tab)
            } else {
                demo::ch(c)
            });
        }
        for (w, h) in [(80, 24), (132, 43)] {
            check_cells(&demo::buffer(&app, w, h, Theme::PLAIN))?;
        }
    }
    Ok(())
}

fn check_cells(buf: &Buffer) -> Result<(), TestCaseError> {
    for (i, cell) in buf.content.iter().enumerate() {
        prop_assert!(
            !cell.symbol().chars().any(char::is_control),
            "cell {i} holds a control character: {:?}",
            cell.symbol()
        );
    }
    Ok(())
}

/// `a` and `b` are the same text; else where they first differ.
fn same_text(a: &str, b: &str) -> Result<(), TestCaseError> {
    if a != b {
        let at = a
            .char_indices()
            .zip(b.chars())
            .find(|((_, x), y)| x != y)
            .map_or(a.len().min(b.len()), |((i, _), _)| i);
        let around = |s: &str| -> String {
            s.char_indices()
                .filter(|(i, _)| i + 80 >= at && *i <= at + 80)
                .map(|(_, c)| c)
                .collect()
        };
        prop_assert!(
            false,
            "texts differ at byte {at}:\n{:?}\n{:?}",
            around(a),
            around(b)
        );
    }
    Ok(())
}

/// Everything done with a profile that loaded.
fn check_loaded(p: &Profile) -> Result<(), TestCaseError> {
    let _ = p.problems();
    let _ = p.warnings(framework());
    // saved and loaded again, it is the same profile, and saves the same
    let text = p.to_json();
    let back = Profile::from_json(&text)
        .map_err(|e| TestCaseError::fail(format!("the saved text does not load: {e}")))?;
    same_text(&back.to_json(), &text)?;
    prop_assert_eq!(&back, p);
    for a in &p.assessments {
        let _ = advise(framework(), &p.city, a);
    }
    let _ = summarize(framework(), p, None);
    let _ = compare_assessments(framework(), p);
    let other = demo::example("pinghu");
    let _ = compare_profiles(framework(), &[p, &other]);
    let latest = p.assessments.len().saturating_sub(1);
    check_reports(p, latest..p.assessments.len())?;
    check_interface(p, Lang::En)?;
    Ok(())
}

// ---- (a) the loader ----

fn scratch_dir() -> &'static Path {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| tempfile::tempdir().expect("a temporary folder"))
        .path()
}

/// Loads `bytes` as text and as a file through the store; they must agree,
/// fail with one line, or load a profile that survives `check_loaded`.
fn check_bytes(bytes: &[u8]) -> Result<(), TestCaseError> {
    let parsed = std::str::from_utf8(bytes).ok().map(Profile::from_json);
    let file = tempfile::NamedTempFile::with_suffix_in(".json", scratch_dir()).expect("a file");
    std::fs::write(file.path(), bytes).expect("write");
    let loaded = load_file(file.path());
    match (&parsed, &loaded) {
        (Some(Ok(p)), Ok(l)) => {
            prop_assert_eq!(&l.profile, p);
            check_loaded(p)?;
        }
        (Some(Ok(_)), Err(e)) => {
            prop_assert!(false, "from_json accepts what load_file refuses: {e}");
        }
        (_, Ok(l)) => prop_assert!(
            false,
            "load_file accepts what from_json refuses: {:?}",
            l.profile.id
        ),
        (_, Err(e)) => {
            let message = e.to_string();
            prop_assert!(
                !message.contains('\n'),
                "a load error that is not one line: {message:?}"
            );
        }
    }
    Ok(())
}

/// Real profiles to mutate: the examples, and a few built ones that use
/// every field (respondents, overrides, plan edits, unknown fields).
fn seeds() -> &'static [String] {
    static SEEDS: OnceLock<Vec<String>> = OnceLock::new();
    SEEDS.get_or_init(|| {
        let mut seeds: Vec<String> = EXAMPLES.iter().map(|(_, t)| t.to_string()).collect();
        let mut full = demo::example("shen-county");
        let a = full.assessments.last_mut().expect("an assessment");
        a.respondents.push(Respondent::new(
            citydx::core::uid::new_uid(),
            "Wang 王",
            "Director",
            OrganisationType::Research,
        ));
        a.overrides.insert(
            DomainId::Services,
            Override {
                level: 1.5,
                reason: "seen on site".into(),
                reason_text: None,
            },
        );
        a.plan.insert(
            "1".into(),
            PhaseEdit {
                owner: "County big data bureau".into(),
                start: Some(ymd(2024, 1, 1)),
                end: Some(ymd(2026, 6, 30)),
                ..PhaseEdit::default()
            },
        );
        a.extra
            .insert("future".into(), serde_json::json!({"kept": [1, 2.5, null]}));
        full.extra
            .insert("tags".into(), serde_json::json!(["pilot"]));
        let second = a.carried_forward(ymd(2025, 5, 1));
        full.assessments.push(second);
        seeds.push(full.to_json());
        seeds
    })
}

#[derive(Debug, Clone)]
enum Mutation {
    Flip { at: usize, mask: u8 },
    Truncate { at: usize },
    Insert { at: usize, bytes: Vec<u8> },
    Remove { at: usize, len: usize },
    Duplicate { at: usize, len: usize, to: usize },
    Number { nth: usize, with: String },
    Str { nth: usize, with: String, raw: bool },
}

const NUMBERS: &[&str] = &[
    "-1",
    "0",
    "-0",
    "1",
    "3",
    "4",
    "5",
    "6",
    "255",
    "256",
    "65536",
    "4294967296",
    "18446744073709551615",
    "18446744073709551616",
    "-9223372036854775809",
    "1e308",
    "-1e308",
    "1e309",
    "1e-400",
    "3.0000000000000004",
    "2.9999999999999996",
    "0.1",
    "1E2",
    "123456789012345678901234567890",
    "null",
    "true",
    "\"3\"",
    "[]",
    "{}",
    "[1,2]",
];

/// Strings that mean something to the profile's fields, or nothing.
const STRINGS: &[&str] = &[
    "",
    " ",
    "met",
    "partly",
    "not_met",
    "not_applicable",
    "unknown",
    "low",
    "high",
    "government",
    "services",
    "economy",
    "enablers",
    "agriculture",
    "digital_industry",
    "2022-05-01",
    "2022-02-30",
    "9999-12-31",
    "+262143-12-31",
    "-0001-01-01",
    "0000-00-00",
    "2022-05-01T00:00:00Z",
    "2022-05-01T00:00:00+14:00",
    "9999-12-31T23:59:59Z",
    "+262143-12-31T23:59:59Z",
    "2022-05-01 00:00:00",
    "../../etc/passwd",
    "a/b",
    "shen-county",
    "Shen-County",
    "-",
    "schema_version",
    "id",
    "city",
    "assessments",
];

fn mutation() -> impl Strategy<Value = Mutation> {
    let inserted = prop_oneof![
        prop::collection::vec(any::<u8>(), 1..8),
        prop::sample::select(vec![
            "{",
            "}",
            "[",
            "]",
            ",",
            ":",
            "\"",
            "\\",
            "null",
            "\"\\u0000\"",
            "\"\\ud800\"",
            "1e999",
            "-",
            "\u{feff}",
            "\u{0}",
            "\"x\":1,",
            "{\"a\":",
        ])
        .prop_map(|s| s.as_bytes().to_vec()),
    ];
    let replacement = prop_oneof![
        4 => hostile_text(6),
        2 => prop::sample::select(STRINGS).prop_map(str::to_string),
        1 => long_run(),
        1 => (1usize..20_000).prop_map(|n| "长".repeat(n)),
    ];
    prop_oneof![
        3 => (any::<usize>(), 1u8..=255).prop_map(|(at, mask)| Mutation::Flip { at, mask }),
        1 => any::<usize>().prop_map(|at| Mutation::Truncate { at }),
        2 => (any::<usize>(), inserted).prop_map(|(at, bytes)| Mutation::Insert { at, bytes }),
        1 => (any::<usize>(), 1usize..64).prop_map(|(at, len)| Mutation::Remove { at, len }),
        1 => (any::<usize>(), 1usize..200, any::<usize>())
            .prop_map(|(at, len, to)| Mutation::Duplicate { at, len, to }),
        4 => (any::<usize>(), prop::sample::select(NUMBERS))
            .prop_map(|(nth, with)| Mutation::Number { nth, with: with.to_string() }),
        4 => (any::<usize>(), replacement, prop::bool::weighted(0.1))
            .prop_map(|(nth, with, raw)| Mutation::Str { nth, with, raw }),
    ]
}

/// The byte ranges of JSON strings (quotes included) and of numbers.
fn tokens(text: &[u8]) -> (Vec<Range<usize>>, Vec<Range<usize>>) {
    let (mut strings, mut numbers) = (vec![], vec![]);
    let mut i = 0;
    while i < text.len() {
        match text[i] {
            b'"' => {
                let start = i;
                i += 1;
                while i < text.len() && text[i] != b'"' {
                    i += if text[i] == b'\\' { 2 } else { 1 };
                }
                i = (i + 1).min(text.len());
                strings.push(start..i);
            }
            b'-' | b'0'..=b'9' => {
                let start = i;
                while i < text.len()
                    && matches!(text[i], b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9')
                {
                    i += 1;
                }
                numbers.push(start..i);
            }
            _ => i += 1,
        }
    }
    (strings, numbers)
}

fn mutate(bytes: &mut Vec<u8>, m: &Mutation) {
    let len = bytes.len();
    let at = |n: usize| if len == 0 { 0 } else { n % (len + 1) };
    match m {
        Mutation::Flip { at: n, mask } => {
            if len > 0 {
                bytes[n % len] ^= mask;
            }
        }
        Mutation::Truncate { at: n } => bytes.truncate(at(*n)),
        Mutation::Insert { at: n, bytes: b } => {
            let i = at(*n);
            bytes.splice(i..i, b.iter().copied());
        }
        Mutation::Remove { at: n, len: l } => {
            let i = at(*n);
            let end = (i + l).min(len);
            bytes.drain(i..end);
        }
        Mutation::Duplicate { at: n, len: l, to } => {
            let i = at(*n);
            let end = (i + l).min(len);
            let piece: Vec<u8> = bytes[i..end].to_vec();
            let j = at(*to);
            bytes.splice(j..j, piece);
        }
        Mutation::Number { nth, with } => {
            let (_, numbers) = tokens(bytes);
            if !numbers.is_empty() {
                let r = numbers[nth % numbers.len()].clone();
                bytes.splice(r, with.bytes());
            }
        }
        Mutation::Str { nth, with, raw } => {
            let (strings, _) = tokens(bytes);
            if !strings.is_empty() {
                let r = strings[nth % strings.len()].clone();
                let new = if *raw {
                    format!("\"{with}\"")
                } else {
                    serde_json::to_string(with).expect("a JSON string")
                };
                bytes.splice(r, new.bytes());
            }
        }
    }
}

proptest! {
    #![proptest_config(cases(256))]

    #[test]
    fn the_loader_survives_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        check_bytes(&bytes)?;
    }

    #[test]
    fn the_loader_survives_arbitrary_text(text in hostile_text(40)) {
        check_bytes(text.as_bytes())?;
    }

    #[test]
    fn the_loader_survives_mutated_real_profiles(
        seed in 0..10usize,
        mutations in prop::collection::vec(mutation(), 1..5),
    ) {
        let seeds = seeds();
        let mut bytes = seeds[seed % seeds.len()].clone().into_bytes();
        for m in &mutations {
            mutate(&mut bytes, m);
        }
        check_bytes(&bytes)?;
    }

}

proptest! {
    #![proptest_config(cases(128))]

    #[test]
    fn a_built_profile_is_saved_and_loaded_unchanged(p in any_profile()) {
        // through JSON and a file, as the store sees it; extreme values
        // (dates at the ends of the calendar, levels of 1e308) included
        let text = p.to_json();
        let loaded = Profile::from_json(&text)
            .map_err(|e| TestCaseError::fail(format!("a saved profile does not load: {e}")))?;
        // (an empty id is derived from the English name on loading)
        if !p.id.is_empty() {
            prop_assert_eq!(&loaded, &p);
        }
        same_text(&loaded.to_json(), &Profile::from_json(&loaded.to_json()).expect("loads").to_json())?;
        let file = tempfile::NamedTempFile::with_suffix_in(".json", scratch_dir()).expect("a file");
        std::fs::write(file.path(), &text).expect("write");
        let stored = load_file(file.path())
            .map_err(|e| TestCaseError::fail(format!("the store refuses a saved profile: {e}")))?;
        prop_assert_eq!(&stored.profile, &loaded);
    }
}

// ---- (b) the reports on valid-but-extreme profiles ----

proptest! {
    #![proptest_config(cases(128))]

    #[test]
    fn reports_never_panic_on_extreme_profiles(p in any_profile()) {
        check_reports(&p, 0..p.assessments.len())?;
        for a in &p.assessments {
            let _ = advise(framework(), &p.city, a);
        }
        let _ = summarize(framework(), &p, None);
        let _ = compare_assessments(framework(), &p);
    }

    #[test]
    fn reports_of_valid_extreme_profiles_escape_text_and_keep_their_ranges(p in valid_profile()) {
        check_reports(&p, 0..p.assessments.len())?;
        check_report_numbers(&p)?;
    }
}

/// Every combination of answers a stage can have (all met, partly, not met,
/// not applicable or unknown) in every stage of every domain: 5^3 = 125
/// profiles, each domain given a different combination.
#[test]
fn every_answer_value_combination_reports_within_range() {
    let ids = indicator_ids();
    for k in 0..125usize {
        let mut p = demo::example("pinghu");
        let a = p.assessments.last_mut().expect("an assessment");
        a.answers.clear();
        a.overrides.clear();
        let mut scored = [false; 7];
        for r in framework().indicators() {
            let d = r.domain.id.index();
            let combo = (k + 17 * d) % 125;
            let digit = [combo % 5, combo / 5 % 5, combo / 25][usize::from(r.level) - 1];
            let value = VALUES[digit];
            scored[d] |= value.score().is_some();
            a.answers
                .insert(r.indicator.id.clone(), Answer::new(value, None));
        }
        for (i, d) in DomainId::ALL.iter().enumerate() {
            a.targets.insert(
                *d,
                Target::new(1 + (k + i) as u8 % 3, [1, 30, 5][(k + i) % 3]),
            );
            a.importance.insert(*d, 1 + ((k + i) % 5) as u8);
        }
        assert!(p.problems().is_empty());
        assert_eq!(ids.len(), a_len(&p));
        for lang in [Lang::En, Lang::Zh] {
            for format in Format::ALL {
                let out = render(format, &p, 0, lang);
                if format == Format::Json {
                    let json: Value = serde_json::from_str(&out).expect("JSON");
                    for (d, domain) in json["domains"]
                        .as_array()
                        .expect("domains")
                        .iter()
                        .enumerate()
                    {
                        let current = domain["current"].as_f64();
                        assert_eq!(current.is_some(), scored[d], "combination {k}, domain {d}");
                        if let Some(c) = current {
                            assert!((0.0..=3.0).contains(&c), "{c}");
                        }
                    }
                }
            }
        }
        check_report_numbers(&p).expect("numbers in range");
    }
}

fn a_len(p: &Profile) -> usize {
    p.assessments.last().map_or(0, |a| a.answers.len())
}

// ---- text helpers ----

proptest! {
    #![proptest_config(cases(512))]

    #[test]
    fn wrapping_and_cutting_keep_to_their_widths(text in hostile_text(30), w in 0usize..120) {
        // Widths are counted character by character (as the interface
        // counts them); U+FE0F, which makes the emoji before it two
        // columns wide in unicode-width's measure of a whole string, is
        // left out of the comparison: drawing clips such an emoji instead.
        let printable: String = text
            .chars()
            .filter(|c| !c.is_control() && *c != '\u{FE0F}')
            .collect();
        for line in wrap(&printable, w) {
            prop_assert!(width(&line) <= w.max(2), "{line:?} wider than {w}");
        }
        let cut = truncate(&printable, w);
        prop_assert!(width(&cut) <= w, "{cut:?} wider than {w}");
        let padded = pad(&printable, w);
        prop_assert!(width(&padded) <= w, "{padded:?} wider than {w}");
        // hostile text with control characters: no panic
        let _ = wrap(&text, w);
        let _ = truncate(&text, w);
        let _ = pad(&text, w);
    }
}

// ---- (4) the interface at any size ----

const THEMES: [Theme; 4] = [
    Theme::PLAIN,
    Theme {
        color: false,
        ascii: false,
        painter: citydx::ui::theme::Painter::Handmade,
    },
    Theme {
        color: true,
        ascii: true,
        painter: citydx::ui::theme::Painter::Widgets,
    },
    Theme {
        color: true,
        ascii: false,
        painter: citydx::ui::theme::Painter::Handmade,
    },
];

fn size() -> impl Strategy<Value = (u16, u16)> {
    prop_oneof![
        4 => (0u16..=300, 0u16..=100),
        3 => (78u16..=124, 22u16..=44),
        1 => prop::sample::select(vec![
            (0, 0), (1, 1), (2, 1), (2, 11), (3, 3), (79, 24), (80, 23), (80, 24), (81, 25),
            (300, 100), (300, 24), (80, 100), (1, 100), (300, 1),
        ]),
    ]
}

fn lang() -> impl Strategy<Value = Lang> {
    prop_oneof![Just(Lang::En), Just(Lang::Zh)]
}

fn press(app: &mut App, code: KeyCode) -> Vec<Effect> {
    app.update(Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        app.update(demo::ch(c));
    }
}

/// The home screen listing the examples and `profiles` (every other one
/// read-only), with hostile skipped-file messages and folder name.
fn home_with(lang: Lang, profiles: &[Profile], texts: &[String]) -> App {
    let mut app = App::new(lang, demo::today());
    let mut entries: Vec<_> = EXAMPLES
        .iter()
        .map(|(id, _)| demo::example(id))
        .chain(profiles.iter().cloned())
        .enumerate()
        .map(|(i, profile)| {
            entry_of(&Loaded {
                path: format!("{}.json", profile.id).into(),
                read_only: (i % 2 == 1).then_some(ReadOnly::Symlink),
                profile,
                fingerprint: None,
            })
        })
        .collect();
    entries.rotate_left(texts[5].len() % 7);
    app.update(Msg::Listed {
        entries,
        skipped: vec![
            texts[4].clone(),
            format!("/x/{}.json: {}", texts[3], texts[2]),
        ],
        folder: texts[1].clone(),
    });
    app
}

fn opened_with(lang: Lang, profiles: &[Profile], texts: &[String], read_only: bool) -> App {
    let mut app = home_with(lang, profiles, texts);
    app.update(Msg::Opened {
        profile: Box::new(profiles[0].clone()),
        read_only: read_only.then(|| texts[0].clone()),
        new_assessment: false,
        draft: None,
    });
    app
}

const STATES: usize = 24;

/// Interface state number `kind`, with `texts` typed where a user types
/// and `profiles` (hostile) listed, opened and compared.
fn state(kind: usize, lang: Lang, texts: &[String], profiles: &[Profile], moves: usize) -> App {
    let t = |i: usize| texts[i].as_str();
    let interview = || {
        let mut app = opened_with(lang, profiles, texts, false);
        for _ in 0..moves % 8 {
            app.update(demo::ch(']'));
        }
        for _ in 0..moves % 4 {
            app.update(demo::ch('j'));
        }
        app
    };
    let mut app = match kind {
        // home, moved and marked
        0 => {
            let mut app = home_with(lang, profiles, texts);
            for _ in 0..moves {
                app.update(demo::ch('j'));
            }
            app.update(demo::ch(' '));
            app
        }
        // typing a filter
        1 => {
            let mut app = home_with(lang, profiles, texts);
            app.update(demo::ch('/'));
            type_text(&mut app, t(0));
            app
        }
        // a filter kept, sorted
        2 => {
            let mut app = home_with(lang, profiles, texts);
            app.update(demo::ch('/'));
            type_text(&mut app, t(0));
            press(&mut app, KeyCode::Enter);
            for _ in 0..moves % 3 {
                app.update(demo::ch('s'));
            }
            app
        }
        // an empty folder with skipped files
        3 => {
            let mut app = App::new(lang, demo::today());
            app.update(Msg::Listed {
                entries: vec![],
                skipped: texts.to_vec(),
                folder: t(1).to_string(),
            });
            app
        }
        // asked before moving to the trash
        4 => {
            let mut app = home_with(lang, profiles, texts);
            for _ in 0..moves {
                app.update(demo::ch('j'));
            }
            app.update(demo::ch('d'));
            app
        }
        // the form, every field typed into, then checked
        5 | 6 => {
            let mut app = home_with(lang, profiles, texts);
            app.update(demo::ch('n'));
            for i in 0..20 {
                type_text(&mut app, t(i % texts.len()));
                press(&mut app, KeyCode::Tab);
                if i % 7 == 6 {
                    press(&mut app, KeyCode::Right);
                    app.update(demo::ch(' '));
                }
            }
            if kind == 6 {
                let effects = press(&mut app, KeyCode::Enter);
                if effects.iter().any(|e| matches!(e, Effect::Create(_))) {
                    app.update(Msg::CreateFailed(t(2).to_string()));
                }
            }
            app
        }
        // the interview, walked
        7 => {
            let mut app = interview();
            for _ in 0..moves % 3 {
                app.update(demo::ch('l'));
            }
            app
        }
        // a note being typed
        8 => {
            let mut app = interview();
            app.update(demo::ch('e'));
            type_text(&mut app, t(0));
            app
        }
        // a note saved
        9 => {
            let mut app = interview();
            app.update(demo::ch('e'));
            type_text(&mut app, t(0));
            press(&mut app, KeyCode::Enter);
            app.update(demo::ch('k'));
            app
        }
        // the level and target page, a field being edited
        10 => {
            let mut app = interview();
            for _ in 0..3 {
                app.update(demo::ch('l'));
            }
            for _ in 0..moves % 4 {
                app.update(demo::ch('j'));
            }
            press(&mut app, KeyCode::Enter);
            type_text(&mut app, t(1));
            app
        }
        // an override waiting for its reason, and its reason
        11 => {
            let mut app = interview();
            for _ in 0..3 {
                app.update(demo::ch('l'));
            }
            for _ in 0..3 {
                app.update(demo::ch('j'));
            }
            press(&mut app, KeyCode::Enter);
            app.update(demo::ctrl('u'));
            type_text(&mut app, "1.5");
            press(&mut app, KeyCode::Enter);
            type_text(&mut app, t(2));
            if moves.is_multiple_of(2) {
                press(&mut app, KeyCode::Enter);
            }
            app
        }
        // the matrix
        12 => {
            let mut app = interview();
            app.update(demo::ch('m'));
            for _ in 0..moves % 9 {
                app.update(demo::ch('j'));
            }
            app
        }
        // help, scrolled, over any screen
        13 => {
            let mut app = state(moves % 13, lang, texts, profiles, moves / 13);
            press(&mut app, KeyCode::Esc);
            app.update(demo::ch('?'));
            for _ in 0..moves % 30 {
                app.update(demo::ch('j'));
            }
            app
        }
        // the advice, overview
        14 => {
            let mut app = interview();
            app.update(demo::ch('r'));
            for _ in 0..moves % 9 {
                app.update(demo::ch('j'));
            }
            for _ in 0..moves % 5 {
                app.update(demo::ch(' '));
            }
            app
        }
        // the advice, plan, a phase's owner being typed
        15 => {
            let mut app = interview();
            app.update(demo::ch('r'));
            press(&mut app, KeyCode::Tab);
            for _ in 0..moves % 4 {
                app.update(demo::ch('j'));
            }
            press(&mut app, KeyCode::Enter);
            type_text(&mut app, t(3));
            if moves.is_multiple_of(2) {
                press(&mut app, KeyCode::Enter);
                type_text(&mut app, t(4));
            }
            app
        }
        // the report's file name being typed
        16 => {
            let mut app = interview();
            app.update(demo::ch('r'));
            app.update(demo::ch('o'));
            type_text(&mut app, t(4));
            app
        }
        // cities compared
        17 | 18 => {
            let mut app = home_with(lang, profiles, texts);
            let mut list: Vec<Profile> = profiles.to_vec();
            list.push(demo::example("pinghu"));
            list.truncate(2 + moves % 5);
            app.update(Msg::ForCompare {
                profiles: list,
                timeline: false,
            });
            if kind == 18 {
                app.update(demo::ch('m'));
            }
            for _ in 0..moves % 4 {
                app.update(demo::ch('l'));
            }
            app.update(demo::ch('s'));
            app
        }
        // one city over time
        19 => {
            let mut app = home_with(lang, profiles, texts);
            let mut p = profiles[0].clone();
            if let Some(last) = p.assessments.last().cloned() {
                for year in 0..(moves % 4) as i32 {
                    p.assessments
                        .push(last.carried_forward(ymd(2030 + year, 1, 1)));
                }
            }
            app.update(Msg::ForCompare {
                profiles: vec![p],
                timeline: true,
            });
            app
        }
        // read-only, refused, with an error and a notice
        20 => {
            let mut app = opened_with(lang, profiles, texts, true);
            app.update(demo::ch('y'));
            app.update(Msg::SaveFailed(t(1).to_string()));
            app.update(Msg::Info(t(2).to_string()));
            app
        }
        // a draft offered again
        21 => {
            let mut app = home_with(lang, profiles, texts);
            let ids = indicator_ids();
            app.update(Msg::Opened {
                profile: Box::new(profiles[0].clone()),
                read_only: None,
                new_assessment: moves.is_multiple_of(2),
                draft: Some(Draft {
                    profile: profiles[0].id.clone(),
                    assessment: moves % 3,
                    assessment_id: profiles[0]
                        .assessments
                        .get(moves % 3)
                        .map(|a| a.id.clone())
                        .unwrap_or_default(),
                    indicator: ids[moves % ids.len()].clone(),
                    text: t(0).to_string(),
                    respondent: None,
                }),
            });
            app
        }
        // saved, with the time
        22 => {
            let mut app = interview();
            app.update(demo::ch('y'));
            app.update(Msg::Saved {
                at: Utc::now(),
                label: t(5).to_string(),
            });
            app
        }
        // a new assessment of a listed city
        _ => {
            let mut app = home_with(lang, profiles, texts);
            app.update(Msg::Opened {
                profile: Box::new(profiles[0].clone()),
                read_only: None,
                new_assessment: true,
                draft: None,
            });
            app.update(Msg::OpenFailed(t(3).to_string()));
            app
        }
    };
    if moves % 11 == 10 {
        app.update(demo::ch('L'));
    }
    app
}

fn draw_all(apps: &[&App], sizes: &[(u16, u16)], theme: Theme) -> Result<(), TestCaseError> {
    for &(w, h) in sizes {
        let buffers: Vec<Buffer> = apps
            .iter()
            .map(|app| demo::buffer(app, w, h, theme))
            .collect();
        for buf in &buffers {
            check_cells(buf)?;
        }
        // what the terminal is sent from one frame to the next (ratatui
        // #2695 panicked here), both ways and from a blank screen
        let blank = Buffer::empty(Rect::new(0, 0, w, h));
        for a in &buffers {
            let _ = blank.diff(a);
            let _ = a.diff(&blank);
            for b in &buffers {
                let _ = a.diff(b);
            }
        }
    }
    Ok(())
}

fn texts() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(typed_text(12), 6)
}

proptest! {
    #![proptest_config(cases(128))]

    #[test]
    fn every_screen_draws_at_any_size_with_any_text(
        kind in 0..STATES,
        other in 0..STATES,
        lang in lang(),
        texts in texts(),
        profiles in prop::collection::vec(any_profile(), 1..4),
        moves in 0usize..40,
        sizes in prop::collection::vec(size(), 1..4),
        theme in 0..THEMES.len(),
    ) {
        let app = state(kind, lang, &texts, &profiles, moves);
        let next = state(other, lang, &texts, &profiles, moves / 2);
        draw_all(&[&app, &next], &sizes, THEMES[theme])?;
    }
}

// ---- random sessions through a terminal, as the runtime runs them ----

#[derive(Debug, Clone)]
enum Step {
    Key(KeyCode, bool),
    Type(String),
    Resize(u16, u16),
    Listed,
    Failed(usize, String),
}

fn step() -> impl Strategy<Value = Step> {
    let code = prop_oneof![
        8 => prop::sample::select(
            "ynpxue][mr?L/s cdtaoqjklh0123456789.-".chars().collect::<Vec<_>>()
        )
        .prop_map(KeyCode::Char),
        4 => prop::sample::select(vec![
            KeyCode::Enter,
            KeyCode::Esc,
            KeyCode::Tab,
            KeyCode::BackTab,
            KeyCode::Up,
            KeyCode::Down,
            KeyCode::Left,
            KeyCode::Right,
            KeyCode::Backspace,
            KeyCode::Delete,
            KeyCode::Home,
            KeyCode::End,
            KeyCode::PageUp,
            KeyCode::PageDown,
        ]),
    ];
    prop_oneof![
        12 => (code, prop::bool::weighted(0.05)).prop_map(|(c, ctrl)| Step::Key(c, ctrl)),
        3 => typed_text(6).prop_map(Step::Type),
        3 => size().prop_map(|(w, h)| Step::Resize(w, h)),
        1 => Just(Step::Listed),
        1 => (0usize..4, typed_text(6)).prop_map(|(k, t)| Step::Failed(k, t)),
    ]
}

/// Stands in for the runtime: carries out the effects with `profiles` as
/// the folder, feeding the results back.
fn perform(app: &mut App, effects: Vec<Effect>, profiles: &mut Vec<Profile>, lang_texts: &str) {
    let mut queue: std::collections::VecDeque<Effect> = effects.into();
    let mut budget = 64;
    while let Some(effect) = queue.pop_front() {
        budget -= 1;
        if budget == 0 {
            break;
        }
        let msg = match effect {
            Effect::List => Some(listed(profiles, lang_texts)),
            Effect::Open { id, new_assessment } => {
                profiles.iter().find(|p| p.id == id).map(|p| Msg::Opened {
                    profile: Box::new(p.clone()),
                    read_only: (p.id.len() % 3 == 0).then(|| lang_texts.to_string()),
                    new_assessment,
                    draft: None,
                })
            }
            Effect::Create(p) => {
                profiles.push((*p).clone());
                Some(Msg::Opened {
                    profile: p,
                    read_only: None,
                    new_assessment: false,
                    draft: None,
                })
            }
            Effect::Save { profile: p, .. } => {
                if let Some(slot) = profiles.iter_mut().find(|q| q.id == p.id) {
                    *slot = (*p).clone();
                }
                Some(Msg::Saved {
                    at: Utc::now(),
                    label: "09:30:00".into(),
                })
            }
            Effect::LoadForCompare { ids, timeline } => Some(Msg::ForCompare {
                profiles: ids
                    .iter()
                    .filter_map(|id| profiles.iter().find(|p| &p.id == id).cloned())
                    .collect(),
                timeline,
            }),
            Effect::Trash(id) => {
                profiles.retain(|p| p.id != id);
                None
            }
            _ => None,
        };
        if let Some(msg) = msg {
            queue.extend(app.update(msg));
        }
    }
}

fn listed(profiles: &[Profile], text: &str) -> Msg {
    Msg::Listed {
        entries: profiles
            .iter()
            .map(|p| {
                entry_of(&Loaded {
                    profile: p.clone(),
                    path: format!("{}.json", p.id).into(),
                    read_only: None,
                    fingerprint: None,
                })
            })
            .collect(),
        skipped: vec![text.to_string()],
        folder: text.to_string(),
    }
}

fn draw_terminal(
    terminal: &mut Terminal<TestBackend>,
    app: &App,
    theme: Theme,
) -> Result<(), TestCaseError> {
    terminal
        .draw(|frame| citydx::ui::draw::draw(frame, app, theme))
        .map_err(|e| TestCaseError::fail(format!("draw: {e}")))?;
    check_cells(terminal.backend().buffer())
}

proptest! {
    #![proptest_config(cases(64))]

    #[test]
    fn random_sessions_never_panic(
        lang in lang(),
        mine in prop::collection::vec(any_profile(), 1..4),
        steps in prop::collection::vec(step(), 1..60),
        (w, h) in size(),
        theme in 0..THEMES.len(),
        text in typed_text(4),
    ) {
        let theme = THEMES[theme];
        let mut profiles: Vec<Profile> =
            ["pinghu", "shen-county"].iter().map(|id| demo::example(id)).collect();
        profiles.extend(mine);
        let mut app = App::new(lang, demo::today());
        app.update(listed(&profiles, &text));
        let mut terminal = Terminal::new(TestBackend::new(w, h))
            .map_err(|e| TestCaseError::fail(format!("terminal: {e}")))?;
        draw_terminal(&mut terminal, &app, theme)?;
        for step in steps {
            match step {
                Step::Key(code, ctrl) => {
                    let modifiers = if ctrl { KeyModifiers::CONTROL } else { KeyModifiers::NONE };
                    let effects = app.update(Msg::Key(KeyEvent::new(code, modifiers)));
                    perform(&mut app, effects, &mut profiles, &text);
                }
                Step::Type(typed) => {
                    for c in typed.chars() {
                        let effects = app.update(demo::ch(c));
                        perform(&mut app, effects, &mut profiles, &text);
                    }
                }
                Step::Resize(w, h) => {
                    terminal.backend_mut().resize(w, h);
                }
                Step::Listed => {
                    let effects = app.update(listed(&profiles, &text));
                    perform(&mut app, effects, &mut profiles, &text);
                }
                Step::Failed(kind, message) => {
                    let msg = match kind {
                        0 => Msg::SaveFailed(message),
                        1 => Msg::OpenFailed(message),
                        2 => Msg::CreateFailed(message),
                        _ => Msg::Info(message),
                    };
                    let effects = app.update(msg);
                    perform(&mut app, effects, &mut profiles, &text);
                }
            }
            draw_terminal(&mut terminal, &app, theme)?;
        }
    }
}

// ---- what the properties found, kept as plain regression tests ----

/// A hand-edited profile may hold a target stage outside 1 to 3 (validate
/// reports it, the store still opens it): the level-and-target page and the
/// advice used it as an index and panicked (src/ui/draw/interview.rs,
/// src/ui/draw/advice.rs).
#[test]
fn a_target_stage_out_of_range_draws_without_panicking() {
    for stage in [0u8, 4, 255] {
        let mut p = demo::example("shen-county");
        let a = p.assessments.last_mut().expect("an assessment");
        for d in DomainId::ALL {
            a.targets.insert(d, Target::new(stage, 3));
        }
        assert!(!p.problems().is_empty());
        for lang in [Lang::En, Lang::Zh] {
            let mut app = demo::home(lang);
            app.update(Msg::Opened {
                profile: Box::new(p.clone()),
                read_only: None,
                new_assessment: false,
                draft: None,
            });
            for keys in ["lll", "r", "jjjjjj", "\t"] {
                for c in keys.chars() {
                    app.update(if c == '\t' {
                        demo::key(KeyCode::Tab)
                    } else {
                        demo::ch(c)
                    });
                }
                demo::buffer(&app, 120, 40, Theme::PLAIN);
            }
        }
    }
}

/// A line of nothing but spaces in front of a word too long for it made a
/// wrapped line wider than asked (src/ui/draw/paint.rs).
#[test]
fn wrapping_never_keeps_spaces_in_front_of_a_word_that_does_not_fit() {
    for (text, w) in [("  a..", 2), ("   abcdefgh", 4), (" 中文字", 2)] {
        for line in wrap(text, w) {
            assert!(width(&line) <= w, "{text:?} at {w}: {line:?}");
        }
    }
    assert_eq!(
        wrap("  ab", 10),
        vec!["  ab"],
        "indentation that fits is kept"
    );
}

/// serde_json's fast float parsing could read back a saved level one unit
/// in the last place off (Cargo.toml now asks for `float_roundtrip`).
#[test]
fn a_level_is_saved_and_read_back_exactly() {
    let mut p = demo::example("pinghu");
    let a = p.assessments.last_mut().expect("an assessment");
    for (i, level) in [0.210_470_530_308_080_22, 2.999_999_999_999_999_6, 0.1 + 0.2]
        .into_iter()
        .enumerate()
    {
        a.overrides.insert(
            DomainId::ALL[i],
            Override {
                level,
                reason: "r".into(),
                reason_text: None,
            },
        );
    }
    let text = p.to_json();
    let back = Profile::from_json(&text).expect("loads");
    assert_eq!(back, p);
    assert_eq!(back.to_json(), text);
}
