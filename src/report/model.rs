//! What a report says, once, in one language: every value the three formats
//! show, with every text already resolved (advice sentences from
//! `text::advice`, framework texts from the compiled-in data). The formats
//! only lay it out.

use chrono::NaiveDate;

use crate::core::Lang;
use crate::core::advice::{Advice, Change, Factor, MoveModel, Reason, Resource, SupportAction};
use crate::core::compare::{Comparison, compare_assessments};
use crate::core::framework::{DomainId, STAGES, framework};
use crate::core::lang::Text;
use crate::core::maturity::StageEvidence;
use crate::core::maturity::assessment_status;
use crate::core::profile::{Level, OrganisationType, Profile, Target};
use crate::core::sources::{Rule, Source};
use crate::text::{advice as words, fill, report, strings};

#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    pub lang: Lang,
    pub profile: ProfileView,
    /// `None` for a profile without the assessment asked for; then every
    /// list below is empty.
    pub assessment: Option<AssessmentView>,
    /// The seven domains in the report's order.
    pub domains: Vec<DomainView>,
    pub entry_points: Vec<EntryView>,
    pub prerequisites: Vec<PrerequisiteView>,
    /// The supporting tracks, alongside the entry points.
    pub supports: Vec<SupportView>,
    pub warnings: Vec<WarningView>,
    /// The enablers package: every enabler aspect, to [`Model::enablers_to`].
    pub enablers: Vec<ChangeView>,
    pub enablers_to: u8,
    pub plan: Vec<PhaseView>,
    /// The consultant's plan notes whose move or phase is no longer in the
    /// plan: kept and shown, each as a line.
    pub orphans: Vec<OrphanView>,
    /// The domains of the plan with a horizon over ten years: the plan
    /// remarks they should be revisited (`Advice::long_horizon`).
    pub long_horizon: Vec<DomainId>,
    /// With two or more assessments up to the one reported: each domain's
    /// level at each of them.
    pub timeline: Option<Comparison>,
    /// The evidence: every indicator answered (anything but unknown) or
    /// noted, in the framework's order.
    pub answers: Vec<AnswerView>,
    /// The assessment has voices (respondents' own answers): only then do
    /// the Markdown and HTML show the voices and where they differed.
    pub has_voices: bool,
    /// Each respondent of the assessment and how many answers it gave.
    pub respondents: Vec<RespondentVoicesView>,
}

/// A respondent and how many indicators it answered (its voices other
/// than unknown).
#[derive(Debug, Clone, PartialEq)]
pub struct RespondentVoicesView {
    pub id: String,
    pub name: String,
    pub organisation: &'static str,
    pub answered: usize,
}

/// One domain's voices: the counts, the voice it rests on mostly, and the
/// indicators whose voices differed.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DomainVoicesView {
    pub counts: crate::core::voices::DomainVoices,
    pub main: Option<MainVoiceView>,
    pub differed: Vec<DifferedView>,
}

/// The voice a domain rests on mostly.
#[derive(Debug, Clone, PartialEq)]
pub struct MainVoiceView {
    /// `None`: the assessor's own answers.
    pub respondent_id: Option<String>,
    pub name: String,
    pub alone: usize,
    pub answered: usize,
    /// The sentence saying so.
    pub text: String,
}

/// An indicator whose voices differed.
#[derive(Debug, Clone, PartialEq)]
pub struct DifferedView {
    pub indicator: String,
    pub stage: u8,
    pub text: String,
    /// The answer the report counts (agreed or provisional).
    pub value: &'static str,
    pub value_text: &'static str,
    /// `open` (a dispute, nothing agreed), `settled` (a dispute, agreed) or
    /// `differ` (voices one step apart).
    pub status: &'static str,
    pub provisional: bool,
    pub settled_by: Option<String>,
    pub settled_reason: Option<String>,
    pub voices: Vec<VoiceView>,
}

/// One respondent's voice on an indicator.
#[derive(Debug, Clone, PartialEq)]
pub struct VoiceView {
    pub respondent_id: String,
    /// The respondent's name (its id when the assessment has no such
    /// respondent).
    pub name: String,
    pub value: &'static str,
    pub value_text: &'static str,
    pub note: Option<String>,
    pub at: Option<chrono::DateTime<chrono::Utc>>,
}

/// One answer of the assessment, with its note.
#[derive(Debug, Clone, PartialEq)]
pub struct AnswerView {
    pub id: String,
    pub domain: DomainId,
    pub domain_name: String,
    pub stage: u8,
    pub text: String,
    /// The answer's code (`met`, `partly`, ...) and its word.
    pub value: &'static str,
    pub value_text: &'static str,
    pub note: Option<String>,
    pub carried_over: bool,
}

/// The stable code of an answer value, as in the profile file.
fn answer_code(value: crate::core::profile::AnswerValue) -> &'static str {
    value.into()
}

impl Model {
    /// The evidence line under the domains table (assessed domains only).
    pub fn evidence_text(&self) -> String {
        let items: Vec<(String, usize, usize)> = self
            .domains
            .iter()
            .filter(|d| d.current.is_some())
            .map(|d| {
                let (scored, total) = d
                    .evidence
                    .iter()
                    .fold((0, 0), |(s, t), e| (s + e.scored, t + e.applicable));
                (d.name.clone(), scored, total)
            })
            .collect();
        words::evidence_line(&items, self.lang)
    }

    /// The plan's remark on horizons over ten years, or `None`.
    pub fn long_horizon_text(&self) -> Option<String> {
        (!self.long_horizon.is_empty()).then(|| {
            fill(
                words::report_words(self.lang).long_horizon,
                &[&self.domain_list(&self.long_horizon)],
            )
        })
    }

    /// Every source the report cites (reasons, operating models and their
    /// financing, supports, warnings), each once, in order of first
    /// appearance: note `n` is `notes()[n - 1]` (see [`Model::note`]).
    pub fn notes(&self) -> Vec<Source> {
        let mut all: Vec<Source> = vec![];
        let mut push = |s: &Source| {
            if !all.contains(s) {
                all.push(*s);
            }
        };
        let model = |m: &ModelView, push: &mut dyn FnMut(&Source)| {
            push(&m.source);
            for f in &m.financing {
                push(&f.source);
            }
            if let Some((_, s)) = &m.caution {
                push(s);
            }
        };
        // the suggested targets under the domains table come first
        if self.domains.iter().any(|d| d.suggested_target.is_some()) {
            push(&crate::core::sources::Rule::Suggestion.source());
        }
        for e in &self.entry_points {
            for r in &e.reasons {
                push(&r.source);
            }
            model(&e.operating_model, &mut push);
            // the score's table follows: its weights are the tool's own
            push(&crate::core::sources::Rule::Weights.source());
        }
        // the scores of every domain come next
        push(&crate::core::sources::Rule::Weights.source());
        // (a supporting track's operating model is not printed with it:
        // its sources would be notes nothing refers to)
        for sp in &self.supports {
            for (_, _, s) in &sp.ways {
                push(s);
            }
        }
        for w in &self.warnings {
            push(&w.source);
        }
        for c in self.plan.iter().flat_map(|p| &p.checks) {
            push(&c.source);
        }
        if !self.long_horizon.is_empty() {
            push(&crate::core::sources::Rule::LongHorizon.source());
        }
        all
    }

    /// The number of a source's note (1-based; 0 if the report does not
    /// cite it).
    pub fn note(&self, notes: &[Source], source: &Source) -> usize {
        notes
            .iter()
            .position(|s| s == source)
            .map(|i| i + 1)
            .unwrap_or(0)
    }

    /// The timeline's column headings: each assessment's date, with its
    /// number where two share a day ("2024-05-01 (#2)").
    pub fn timeline_headings(&self) -> Vec<String> {
        self.timeline
            .as_ref()
            .map(|t| {
                crate::report::compare::headings(
                    &t.columns,
                    crate::report::compare::Kind::Timeline,
                    self.lang,
                )
            })
            .unwrap_or_default()
    }

    /// The timeline's rows as text cells: domain name, then each level.
    pub fn timeline_rows(&self) -> Vec<Vec<String>> {
        let Some(t) = &self.timeline else {
            return vec![];
        };
        t.rows
            .iter()
            .map(|row| {
                let mut cells = vec![
                    framework()
                        .domain(row.domain)
                        .name
                        .get(self.lang)
                        .to_string(),
                ];
                for (i, level) in row.levels.iter().enumerate() {
                    let mark = if t.columns[i].overridden[row.domain.index()] {
                        "*"
                    } else {
                        ""
                    };
                    cells.push(
                        level
                            .map(|l| format!("{l:.2}{mark}"))
                            .unwrap_or_else(|| "-".into()),
                    );
                }
                cells
            })
            .collect()
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct ProfileView {
    pub id: String,
    pub name: Text,
    /// The name in the report's language, the other one in brackets.
    pub display_name: String,
    pub country: String,
    /// The country by its name in the report's language (the code when the
    /// ISO table does not know it).
    pub country_name: String,
    pub region: String,
    pub population: Option<u64>,
    /// The population is the whole area's (`population_kind: total`).
    pub population_total: bool,
    /// The size class (or why there is none), in the report's language.
    pub size_class: Option<String>,
    pub specialties: Vec<Named>,
    pub constraints: Vec<ConstraintView>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Named {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ConstraintView {
    /// `funding`, `talent`, `technology`.
    pub resource: &'static str,
    pub resource_name: &'static str,
    /// `low`, `medium`, `high`.
    pub level: &'static str,
    pub level_name: &'static str,
    /// The level is the example's assumption, not a source's
    /// (`city.assumed`).
    pub assumed: bool,
    /// The profile gives it; else it is taken as medium until answered.
    pub given: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct AssessmentView {
    /// 1-based.
    pub number: usize,
    pub of: usize,
    /// The assessment's id (schema 2).
    pub id: String,
    pub date: NaiveDate,
    pub interviewer: String,
    pub respondents: Vec<RespondentView>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RespondentView {
    /// The respondent's id (schema 2).
    pub id: String,
    pub name: String,
    pub role: String,
    pub organisation: &'static str,
    pub organisation_name: &'static str,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DomainView {
    pub id: DomainId,
    pub name: String,
    pub short_name: String,
    /// Today's level, `None` when not assessed.
    pub current: Option<f64>,
    /// Each stage's share in place (`None`: no scored answer).
    pub stage_scores: [Option<f64>; STAGES as usize],
    pub overridden: Option<OverrideView>,
    pub target: Option<Target>,
    pub gap: Option<f64>,
    pub importance: Option<u8>,
    pub score: f64,
    pub score_parts: Vec<PartView>,
    /// Questions answered and asked in the domain.
    pub answered: usize,
    pub total: usize,
    /// Questions answered "unknown" in the domain (not in `answered`).
    pub unknown: usize,
    /// Each stage's evidence (scored answers over applicable indicators).
    pub evidence: [StageEvidence; STAGES as usize],
    /// The engine's suggested target (stage, years, reasons in words), for
    /// a domain without the city's own.
    pub suggested_target: Option<SuggestedView>,
    /// Why it is not an entry point (code and sentence), if it is not.
    pub not_entry: Option<(&'static str, String)>,
    /// The domain's voices (all zero and empty without voices).
    pub voices: DomainVoicesView,
}

/// A suggested target: stage, years and the reasons (code, sentence).
#[derive(Debug, Clone, PartialEq)]
pub struct SuggestedView {
    pub stage: u8,
    pub horizon_years: u8,
    pub reasons: Vec<(&'static str, String)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct OverrideView {
    pub level: f64,
    pub computed: Option<f64>,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PartView {
    /// `gap`, `importance`, `attention`, `common`, `specialty`.
    pub factor: &'static str,
    /// The factor's name; for the gap measured against a suggested target,
    /// "gap to the suggested target".
    pub name: &'static str,
    /// The factor's name in a table's heading (the gap: "gap to target",
    /// whatever it is measured against).
    pub header: &'static str,
    /// The gap measured against the engine's suggested target.
    pub suggested: bool,
    pub value: f64,
    pub weight: f64,
    pub points: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct EntryView {
    pub domain: DomainId,
    pub name: String,
    pub rank: usize,
    pub current: Option<f64>,
    /// The whole stage today (0 when not assessed or below stage 1).
    pub from: u8,
    pub next_target: u8,
    pub target: Option<Target>,
    /// The target the advice works with: the city's own, or the suggestion
    /// when `suggested`.
    pub working: Option<Target>,
    pub score: f64,
    pub score_parts: Vec<PartView>,
    pub reasons: Vec<ReasonView>,
    pub changes: Vec<ChangeView>,
    /// The summary of the report's own case on this city in this domain,
    /// if it has one: where the city stands, in the report's words.
    pub own_case: Option<String>,
    pub focus_items: Vec<String>,
    pub cases: Vec<CaseView>,
    /// How many of `cases` made exactly this move (0: they are the nearest).
    pub exact_cases: usize,
    pub operating_model: ModelView,
    /// Whether it rests on a suggested target, not the city's own.
    pub suggested: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ReasonView {
    /// The reason's stable code (`gap`, `importance`, ...).
    pub code: &'static str,
    pub text: String,
    /// The rule it applies (`core::sources::Rule`) and so its source.
    pub rule: &'static str,
    pub source: Source,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ChangeView {
    pub aspect: String,
    pub name: String,
    pub from: u8,
    pub to: u8,
    /// Whether `from` rests on answers (the domain is assessed; in the
    /// enablers package, the aspect's own indicators), else `from` is the
    /// domain's stage or 0 for want of answers, not a stage found.
    pub assessed: bool,
    /// The aspect already stands at `to` or above (the enablers package):
    /// keep it, nothing to build.
    pub in_place: bool,
    /// The lowest stage above `from` answered partly (the enablers
    /// package).
    pub partly: Option<u8>,
    /// The aspect at stage `from`; `None` below stage 1 or not assessed.
    pub from_text: Option<String>,
    /// What to show instead: the description, "not yet at stage 1" or
    /// "not assessed"; for a city the report has a case on in this domain,
    /// the stage only (the case says where the city stands).
    pub from_display: String,
    /// `from_display` stands for the report's own case on the city, not
    /// the general description of its stage.
    pub own_case: bool,
    pub to_text: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CaseView {
    pub id: String,
    pub city: String,
    pub country: String,
    /// The country by its name in the report's language.
    pub country_name: String,
    pub from: u8,
    pub to: u8,
    /// The report gives the city no stage in this domain: `to` is
    /// citydx's reading ("no stage given; citydx's reading: features of
    /// stage N").
    pub no_stage: bool,
    pub summary: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ModelView {
    pub id: &'static str,
    pub name: &'static str,
    pub why: &'static str,
    /// The county article's rule for the model.
    pub source: Source,
    /// The kind of project (the tool's own classification).
    pub kind: &'static str,
    pub financing: Vec<FinancingView>,
    /// The tool's own caution when an option commits future budgets.
    pub caution: Option<(&'static str, Source)>,
    /// Each model the work calls for, with its number of items, when the
    /// items disagree: (id, name, items).
    pub mix: Vec<(&'static str, &'static str, usize)>,
}

impl ModelView {
    /// The mix of the work, as a phrase ("3 items market-led, 1
    /// government-led"), or `None` when all items call for one model.
    pub fn mix_text(&self, lang: Lang) -> Option<String> {
        (!self.mix.is_empty()).then(|| words::model_mix(&self.mix, lang))
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct FinancingView {
    pub id: &'static str,
    pub text: &'static str,
    pub source: Source,
}

/// A supporting track, in words.
#[derive(Debug, Clone, PartialEq)]
pub struct SupportView {
    pub domain: DomainId,
    pub name: String,
    pub current: Option<f64>,
    pub needed: u8,
    pub for_domains: Vec<DomainId>,
    pub starts_with: DomainId,
    /// `build` or `assess_first`.
    pub action: &'static str,
    /// What to do, one sentence.
    pub text: String,
    /// How: (way id, sentence, source).
    pub ways: Vec<(&'static str, String, Source)>,
    /// The indicators to work on (or assess) first, lowest stage first
    /// (ids, for the JSON).
    pub first: Vec<String>,
    /// The same indicators in words, for a reader.
    pub first_text: Vec<String>,
    pub model: ModelView,
}

/// A framework text (an indicator's by its id, a stage aspect's by
/// `domain.sN.aspect`) in `lang`, in neutral wording where it names China's
/// offices or apps and the city is elsewhere (`china` false).
fn framework_text(key: &str, text: &Text, lang: Lang, china: bool) -> String {
    match words::outside_china(key, lang).filter(|_| !china) {
        Some(neutral) => neutral.to_string(),
        None => text.get(lang).to_string(),
    }
}

/// The framework's text of an indicator, worded for the city's country.
fn indicator_text(r: &crate::core::framework::IndicatorRef<'_>, lang: Lang, china: bool) -> String {
    framework_text(&r.indicator.id, &r.indicator.text, lang, china)
}

pub fn model_view(m: &MoveModel, lang: Lang, china: bool, shen: bool) -> ModelView {
    let caution = m
        .financing
        .iter()
        .any(|f| f.commits_future_budgets())
        .then(|| {
            (
                words::financing_caution(lang),
                Rule::FinancingCaution.source(),
            )
        });
    ModelView {
        id: m.model.id(),
        name: words::model_name(m.model, lang),
        why: match m.own_case {
            Some(rule) => words::own_case_model(rule, lang),
            None => words::model_reason(m.reason, lang),
        },
        // the city's own case, where it sets the model, is the source
        source: m.own_case.unwrap_or(m.model.rule()).source(),
        kind: m.kind.id(),
        mix: m
            .mix
            .iter()
            .map(|(model, n)| (model.id(), words::model_name(*model, lang), *n))
            .collect(),
        financing: m
            .financing
            .iter()
            .map(|f| FinancingView {
                id: f.id(),
                text: words::financing_option(*f, lang, china, shen),
                source: f.rule().source(),
            })
            .collect(),
        caution,
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct PrerequisiteView {
    pub domain: DomainId,
    pub current: Option<f64>,
    pub needed: u8,
    pub for_domains: Vec<DomainId>,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct WarningView {
    pub code: &'static str,
    pub message: String,
    pub domains: Vec<DomainId>,
    pub source: Source,
    /// `thin_evidence`: (domain, stage, scored, total).
    pub stages: Vec<(DomainId, u8, usize, usize)>,
    /// `stage_skipping`: what the jump lacks (`enablers`, ...).
    pub missing: Vec<&'static str>,
    /// `stage_skipping`: of those, the supports not assessed yet.
    pub unassessed: Vec<&'static str>,
    /// `showcase_risk`: its patterns (`display_without_operation`,
    /// `targets_outrun_enablers`, `top_targets_short_resources`), each with
    /// its domains.
    pub showcase: Vec<(&'static str, Vec<DomainId>)>,
    /// `showcase_risk`: the display-type indicators in place or aimed at.
    pub display: Vec<String>,
    /// `showcase_risk`: the use-and-operation indicators not met yet.
    pub unoperated: Vec<String>,
    /// `showcase_risk`: the plan phase whose check confirms what is built.
    pub check_phase: Option<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PhaseView {
    pub number: usize,
    pub moves: Vec<MoveView>,
    /// The phase's checks ([`crate::core::advice::OperationCheck`]).
    pub checks: Vec<CheckView>,
    pub owner: String,
    pub start: NaiveDate,
    pub end: NaiveDate,
}

/// A check of the plan: the use and operation of a display-type capability
/// already built, before more is built on it.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckView {
    pub domains: Vec<DomainId>,
    pub indicators: Vec<String>,
    pub text: String,
    /// One line per indicator to confirm, with today's answer.
    pub items: Vec<String>,
    pub source: Source,
}

#[derive(Debug, Clone, PartialEq)]
pub struct MoveView {
    pub domain: DomainId,
    pub name: String,
    pub from: u8,
    pub to: u8,
    pub prerequisite: bool,
    /// A supporting move whose work is all to confirm: a short first step,
    /// assess first (`Move::assess_first`).
    pub assess_first: bool,
    /// Below stage 1 while stage 1 rests on too few answers: "stage 1 not
    /// assessed" (`Move::from_unassessed`).
    pub from_unassessed: bool,
    /// When the move itself runs (`Move::planned_start`, `planned_end`).
    pub planned_start: NaiveDate,
    pub planned_end: NaiveDate,
    /// The move's own span differs from its phase's: said beside it.
    pub own_span: bool,
    /// The move runs on past its phase: the phases it spans (first, last).
    pub across: Option<(usize, usize)>,
    pub model: ModelView,
    /// The work: the target stages' indicators not met yet.
    pub work: Vec<WorkView>,
    /// Suggested owners by operating model: (id, words).
    pub owners: Vec<(&'static str, &'static str)>,
    /// The consultant's owner for the move (empty: none set).
    pub owner: String,
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
}

/// A plan note whose move or phase is no longer in the plan
/// ([`crate::core::advice::OrphanNote`]), with its line in words.
#[derive(Debug, Clone, PartialEq)]
pub struct OrphanView {
    pub note: crate::core::advice::OrphanNote,
    pub text: String,
}

/// One piece of a move's work, in words.
#[derive(Debug, Clone, PartialEq)]
pub struct WorkView {
    pub indicator: String,
    pub stage: u8,
    /// The indicator's statement.
    pub text: String,
    /// The outcomes library's measures that fit, best first.
    pub outcomes: Vec<OutcomeView>,
    /// The consultant's own outcome (empty: to fill).
    pub outcome: String,
    /// No scored answer yet: to confirm with the city first.
    pub confirm: bool,
    /// The kind of project it is (the tool's own classification) and the
    /// operating model it calls for: (id, name).
    pub kind: &'static str,
    pub model: (&'static str, &'static str),
    /// Answered partly: to complete and confirm, not to set up.
    pub partly: bool,
    /// The first outcome is the city's own figure (a baseline, not a
    /// benchmark).
    pub own_figure: bool,
    /// Answered partly or to confirm: the answer's evidence note, its first
    /// sentence in the report's language (empty: none in that language).
    pub evidence: String,
}

/// One measurable outcome from the library, in words, with its source.
#[derive(Debug, Clone, PartialEq)]
pub struct OutcomeView {
    pub id: String,
    pub measure: String,
    /// The case's (or the other document's) figure.
    pub example: String,
    /// The document the figure comes from, by its title.
    pub document: String,
    /// The passage, in Chinese.
    pub quote: String,
    /// The report's next step for the city, no figure ([`crate::core::advice::is_next_step`]).
    pub next_step: bool,
    /// A measure the report gives no figure for, nothing borrowed
    /// ([`crate::core::framework::Outcome::no_figure`]).
    pub no_figure: bool,
    /// A large city's figure (the article on leading practices at home and
    /// abroad: Hangzhou, Shenzhen, London, Singapore): a reference, never a
    /// target for a small or medium-sized city.
    pub large_city: bool,
}

pub fn move_view(m: &crate::core::advice::Move, lang: Lang, china: bool, shen: bool) -> MoveView {
    let fw = framework();
    MoveView {
        domain: m.domain,
        name: domain_name(m.domain, lang),
        from: m.from,
        to: m.to,
        prerequisite: m.prerequisite,
        assess_first: m.assess_first,
        from_unassessed: m.from_unassessed,
        planned_start: m.planned_start,
        planned_end: m.planned_end,
        own_span: false,
        across: None,
        model: model_view(&m.model, lang, china, shen),
        work: m
            .work
            .iter()
            .map(|w| WorkView {
                indicator: w.indicator.clone(),
                stage: w.stage,
                text: fw
                    .indicator(&w.indicator)
                    .map(|r| indicator_text(&r, lang, china))
                    .unwrap_or_default(),
                // (in the engine's order: the city's own figure first)
                outcomes: w
                    .outcomes
                    .iter()
                    .filter_map(|id| fw.outcomes.iter().find(|o| &o.id == id))
                    .map(|o| OutcomeView {
                        id: o.id.clone(),
                        measure: o.measure.get(lang).to_string(),
                        example: o.example.get(lang).to_string(),
                        document: o
                            .source
                            .document
                            .as_deref()
                            .and_then(|d| fw.source(d))
                            .map(|d| d.title.get(lang).to_string())
                            .unwrap_or_default(),
                        quote: o.source.quote.clone().unwrap_or_default(),
                        next_step: o.next_step,
                        no_figure: o.no_figure,
                        large_city: o.source.document.as_deref() == Some("big_city_practices"),
                    })
                    .collect(),
                outcome: w.outcome.clone(),
                confirm: w.confirm,
                kind: w.kind.id(),
                model: (w.model.id(), words::model_name(w.model, lang)),
                partly: w.partly,
                own_figure: w.own_figure,
                evidence: w
                    .evidence
                    .as_ref()
                    .map(|t| match lang {
                        Lang::Zh => t.zh.clone(),
                        Lang::En => t.en.clone(),
                    })
                    .unwrap_or_default(),
            })
            .collect(),
        owners: m
            .owners
            .iter()
            .map(|o| (o.id(), words::owner(*o, lang)))
            .collect(),
        owner: m.owner.clone(),
        start: m.start,
        end: m.end,
    }
}

/// A respondent's name in `assessment`, or its id when it has none there.
fn respondent_name(assessment: &crate::core::profile::Assessment, id: &str) -> String {
    assessment
        .respondent(id)
        .map(|r| r.name.clone())
        .unwrap_or_else(|| id.to_string())
}

/// One domain's voices in words.
fn domain_voices_view(
    assessment: &crate::core::profile::Assessment,
    domain: DomainId,
    lang: Lang,
) -> DomainVoicesView {
    use crate::core::voices::{self, Standing, Supporter};
    let fw = framework();
    let vw = crate::text::report_voices::strings(lang);
    let s = strings(lang);
    let main = voices::main_voice(fw, assessment, domain).map(|m| {
        let (respondent_id, name) = match &m.who {
            Supporter::Assessor => (None, vw.assessor.to_string()),
            Supporter::Respondent(id) => (Some(id.clone()), respondent_name(assessment, id)),
        };
        let text = crate::text::report_voices::main_voice(
            fw.domain(domain).name.get(lang),
            &name,
            m.alone,
            m.answered,
            lang,
        );
        MainVoiceView {
            respondent_id,
            name,
            alone: m.alone,
            answered: m.answered,
            text,
        }
    });
    let mut differed = vec![];
    for stage in &fw.domain(domain).stages {
        for indicator in &stage.indicators {
            let Some(answer) = assessment.answers.get(indicator.id.as_str()) else {
                continue;
            };
            if !voices::voices_differ(answer) {
                continue;
            }
            let status = match answer.standing() {
                Standing::Disputed => "open",
                Standing::Settled => "settled",
                _ => "differ",
            };
            differed.push(DifferedView {
                indicator: indicator.id.clone(),
                stage: stage.level,
                text: indicator.text.get(lang).to_string(),
                value: answer_code(answer.value),
                value_text: s.answer(answer.value),
                status,
                provisional: answer.provisional,
                settled_by: answer.settled_by.clone(),
                settled_reason: answer.settled_reason.clone(),
                voices: answer
                    .voices
                    .iter()
                    .map(|(id, v)| VoiceView {
                        respondent_id: id.clone(),
                        name: respondent_name(assessment, id),
                        value: answer_code(v.value),
                        value_text: s.answer(v.value),
                        note: match &v.note_text {
                            Some(t) if !t.is_blank() => Some(t.get(lang).to_string()),
                            _ => v.note.clone(),
                        },
                        at: v.at,
                    })
                    .collect(),
            });
            if let Some(last) = differed.last_mut() {
                // in the assessment's order of respondents
                last.voices.sort_by_key(|v| {
                    assessment
                        .respondents
                        .iter()
                        .position(|r| r.id == v.respondent_id)
                        .unwrap_or(usize::MAX)
                });
            }
        }
    }
    DomainVoicesView {
        counts: voices::domain_voices(fw, assessment, domain),
        main,
        differed,
    }
}

pub fn domain_name(id: DomainId, lang: Lang) -> String {
    framework().domain(id).name.get(lang).to_string()
}

pub fn factor_id(f: Factor) -> &'static str {
    f.into()
}

pub fn reason_code(r: &Reason) -> &'static str {
    r.code()
}

fn level_id(l: Level) -> &'static str {
    l.into()
}

fn organisation_id(o: OrganisationType) -> &'static str {
    o.into()
}

fn resource_id(r: Resource) -> &'static str {
    r.into()
}

fn profile_view(profile: &Profile, lang: Lang) -> ProfileView {
    let s = strings(lang);
    let city = &profile.city;
    let first = city.name.get(lang);
    let second = city.name.get(lang.other());
    let display_name = if second.trim().is_empty() || second == first {
        first.to_string()
    } else {
        match lang {
            Lang::En => format!("{first} ({second})"),
            Lang::Zh => format!("{first}（{second}）"),
        }
    };
    let c = city.constraints;
    let constraints = [
        (Resource::Funding, c.funding),
        (Resource::Talent, c.talent),
        (Resource::Technology, c.technology),
    ]
    .into_iter()
    .enumerate()
    .map(|(i, (r, l))| ConstraintView {
        given: c.given(i),
        resource: resource_id(r),
        resource_name: words::resource(r, lang),
        level: level_id(l),
        level_name: s.level(l),
        assumed: city
            .assumed
            .iter()
            .any(|f| f == &format!("constraints.{}", resource_id(r))),
    })
    .collect();
    ProfileView {
        id: profile.id.clone(),
        name: city.name.clone(),
        display_name,
        country: city.country.clone(),
        country_name: crate::core::country::name(&city.country, lang)
            .unwrap_or(&city.country)
            .to_string(),
        region: city.region_in(lang).to_string(),
        population: city.population,
        population_total: city.population_kind == Some(crate::core::profile::PopulationKind::Total),
        size_class: city.population.and_then(|pop| {
            let kind = city
                .population_kind
                .unwrap_or(crate::core::profile::PopulationKind::UrbanResident);
            crate::core::size::size_class(framework(), pop, kind, &city.country)
                .map(|r| crate::text::size_text(&r, lang))
        }),
        specialties: city
            .specialties
            .iter()
            .map(|sp| Named {
                id: sp.as_str().to_string(),
                name: words::specialty_name(*sp, lang).to_string(),
            })
            .collect(),
        constraints,
    }
}

/// The description of `aspect` of `domain` at `stage` (1 to 3).
fn aspect_text(
    domain: DomainId,
    stage: u8,
    aspect: &str,
    lang: Lang,
    china: bool,
) -> Option<String> {
    framework()
        .domain(domain)
        .stages
        .iter()
        .find(|s| s.level == stage)
        .and_then(|s| s.aspects.get(aspect))
        .map(|t| framework_text(&format!("{domain}.s{stage}.{aspect}"), t, lang, china))
}

/// The economy's "what changes" follows the city's specialty: the
/// framework's stage text for the chain's gains speaks of manufacturing, so
/// a city whose specialties do not include manufacturing reads, for that
/// aspect (`effect`), the report's path for its specialty; a specialty the
/// framework gives no path for says so rather than borrow manufacturing's
/// words.
///
/// A city at stage 2 or above has made the move the path describes (its
/// own case may be where the path is drawn from): its effect is stage 3's
/// as the framework gives it, alone; the report's stage-3 cross-sector
/// links and the city's own next step are said once, in the specialty
/// reason ([`crate::core::advice::specialty_path_applies`]), never repeated
/// in the aspects.
fn specialty_change(
    domain: DomainId,
    mut c: ChangeView,
    specialties: &[crate::core::profile::Specialty],
    lang: Lang,
) -> ChangeView {
    use crate::core::profile::Specialty;
    if domain != DomainId::Economy || c.aspect != "effect" || specialties.is_empty() || c.in_place {
        return c;
    }
    if !crate::core::advice::specialty_path_applies(c.from) {
        return c;
    }
    // the path of the specialty the city leads with (its first): a tourism
    // county that also farms reads the tourism path, not the farm one
    // after it
    if specialties.first() == Some(&Specialty::Manufacturing) {
        return c;
    }
    let fw = framework();
    let paths: Vec<String> = specialties
        .iter()
        .take(1)
        .map(|sp| {
            let name = words::specialty_name(*sp, lang);
            match fw.specialties.iter().find(|p| p.id == sp.as_str()) {
                Some(p) => words::specialty_change(name, p.path.get(lang), lang),
                None => words::specialty_no_path(name, lang),
            }
        })
        .collect();
    c.to_text = paths.join(" ");
    c
}

/// For a city the report has a case on in this domain, an aspect's "from"
/// is its stage, with the case (shown above the aspects) as the account of
/// where the city stands: the report's general description of that stage
/// could read against the case (Pengshui's stage 1 says government is not
/// yet a driver; its case has the county government working with an
/// internet company). `from_text` keeps the general description.
///
/// The label agrees with the level and the case: "Today (stage 2, see the
/// case above)" where the case places the city at that stage, "Today
/// (stage 1, stage 2 under way: see the case above)" where the case moves
/// it past the stage its level reads (Fukuoka 1.63, Suzhou 1.88,
/// Kashiwa-no-ha 1.83).
fn own_case_change(
    mut c: ChangeView,
    own: Option<&crate::core::framework::Case>,
    county: bool,
    lang: Lang,
) -> ChangeView {
    if let Some(case) = own
        && c.from_text.is_some()
        && !c.in_place
    {
        c.from_display = own_case_from(c.from, case, county, lang);
        c.own_case = true;
    }
    c
}

/// The "from" of an aspect for a city with its own case in the domain
/// ([`own_case_change`]).
pub fn own_case_from(
    from: u8,
    case: &crate::core::framework::Case,
    county: bool,
    lang: Lang,
) -> String {
    if case.no_stage {
        // the report gives no stage here (Kaifeng's governance): the stage
        // is the answers', never the case's
        words::own_case_no_stage(from, county, lang)
    } else if case.to > from && case.from <= from {
        words::own_case_under_way(from, case.to, county, lang)
    } else {
        let r = report::strings(lang);
        let place = match (lang, county) {
            (Lang::En, true) => "county",
            (Lang::En, false) => "city",
            (Lang::Zh, true) => "县",
            (Lang::Zh, false) => "市",
        };
        fill(r.own_case_from, &[&from, &place])
    }
}

/// `under_way`: part of stage 1 is in place in the domain (a level above
/// 0), so an aspect below stage 1 reads "stage 1 under way", not "not yet
/// at stage 1" (Kaifeng's governance, 0.99).
fn change_view(
    domain: DomainId,
    c: &Change,
    under_way: bool,
    lang: Lang,
    china: bool,
) -> ChangeView {
    let assessed = c.assessed;
    let r = report::strings(lang);
    let fw = framework();
    let name = fw
        .domain(domain)
        .aspects
        .iter()
        .find(|a| a.id == c.aspect)
        .map(|a| a.name.get(lang).to_string())
        .unwrap_or_else(|| c.aspect.clone());
    let from_text = (assessed && c.from >= 1)
        .then(|| aspect_text(domain, c.from, &c.aspect, lang, china))
        .flatten();
    let from_display = match &from_text {
        Some(text) => text.clone(),
        None if !assessed => r.not_assessed.to_string(),
        None if under_way => words::report_words(lang).stage1_under_way.to_string(),
        None => r.stage_zero.to_string(),
    };
    ChangeView {
        aspect: c.aspect.clone(),
        name,
        from: c.from,
        to: c.to,
        assessed,
        in_place: c.in_place(),
        partly: c.partly,
        from_text,
        from_display,
        own_case: false,
        // (an aspect in place already is described at its own stage; one
        // to reach stage 1 reads the stage-1 floor: [`stage1_floor`])
        to_text: if c.in_place() {
            aspect_text(domain, c.from, &c.aspect, lang, china)
        } else if c.to == 1 {
            stage1_floor(domain, &c.aspect, lang, china)
                .or_else(|| aspect_text(domain, 1, &c.aspect, lang, china))
        } else {
            aspect_text(domain, c.to, &c.aspect, lang, china)
        }
        .unwrap_or_default(),
    }
}

/// What an aspect must reach at stage 1, as a target: its stage-1
/// indicators' texts. The stage's own description of an aspect is the
/// report's picture of a city at stage 1, and often names what it still
/// lacks ("只有参与信息化建设的局部人员具备…", "缺乏城市层面的数字化标准"):
/// shown as something to reach, it would read as a deficit to aim for. The
/// indicators state the same stage as what is in place at its floor.
fn stage1_floor(domain: DomainId, aspect: &str, lang: Lang, china: bool) -> Option<String> {
    let texts: Vec<String> = framework()
        .domain(domain)
        .stages
        .iter()
        .filter(|s| s.level == 1)
        .flat_map(|s| &s.indicators)
        .filter(|i| i.aspect == aspect)
        .map(|i| {
            let text = framework_text(&i.id, &i.text, lang, china);
            // an indicator of the tool's own (the report describes no such
            // thing at stage 1: Aizuwakamatsu's and Pengshui's funding)
            // says so
            if i.source.as_ref().is_some_and(|s| s.convention) {
                format!("{text}{}", words::own_check_mark(lang))
            } else {
                text
            }
        })
        .collect();
    (!texts.is_empty()).then(|| {
        texts.join(match lang {
            Lang::En => " ",
            Lang::Zh => "",
        })
    })
}

fn parts(parts: &[crate::core::advice::ScorePart], lang: Lang) -> Vec<PartView> {
    parts
        .iter()
        .map(|p| PartView {
            factor: factor_id(p.factor),
            name: if p.suggested {
                words::factor_suggested_gap(lang)
            } else {
                words::factor(p.factor, lang)
            },
            header: words::factor(p.factor, lang),
            suggested: p.suggested,
            value: p.value,
            weight: p.weight,
            points: p.points,
        })
        .collect()
}

impl Model {
    /// A report of the city alone, for a profile without the assessment
    /// asked for.
    pub fn without_assessment(profile: &Profile, lang: Lang) -> Model {
        Model {
            lang,
            profile: profile_view(profile, lang),
            assessment: None,
            domains: vec![],
            entry_points: vec![],
            prerequisites: vec![],
            supports: vec![],
            warnings: vec![],
            enablers: vec![],
            enablers_to: 1,
            plan: vec![],
            orphans: vec![],
            long_horizon: vec![],
            timeline: None,
            answers: vec![],
            has_voices: false,
            respondents: vec![],
        }
    }

    /// The report of assessment `index` (0-based) with its advice.
    pub fn new(profile: &Profile, index: usize, advice: &Advice, lang: Lang) -> Model {
        Model::build(profile, index, advice, lang, true)
    }

    /// What the advice screen shows: the report's model without the
    /// appendix of answers and the timeline (the screen has its own views of
    /// those), so it is cheap to build again after every edit.
    pub fn for_screen(profile: &Profile, index: usize, advice: &Advice, lang: Lang) -> Model {
        Model::build(profile, index, advice, lang, false)
    }

    fn build(profile: &Profile, index: usize, advice: &Advice, lang: Lang, whole: bool) -> Model {
        let Some(assessment) = profile.assessments.get(index) else {
            return Model::without_assessment(profile, lang);
        };
        let fw = framework();
        let s = strings(lang);
        // China's offices and apps named only for a city in China
        let china = crate::core::country::is_china(&profile.city.country);
        // the instalments are Shen County's own practice, another city's
        // example anywhere else
        let shen = crate::core::advice::instalments_are_own(fw, &profile.city);
        let statuses = assessment_status(fw, assessment);
        let domains: Vec<DomainView> = advice
            .domains
            .iter()
            .map(|d| {
                let status = &statuses[d.id.index()];
                let def = fw.domain(d.id);
                DomainView {
                    id: d.id,
                    name: def.name.get(lang).to_string(),
                    short_name: def.short_name.get(lang).to_string(),
                    current: d.current,
                    stage_scores: status.maturity.stage_scores,
                    overridden: status.maturity.overridden.as_ref().map(|o| OverrideView {
                        level: o.level,
                        computed: status.maturity.computed,
                        reason: o.reason_in(lang).to_string(),
                    }),
                    target: d.target,
                    gap: d.gap,
                    importance: d.importance,
                    score: d.score,
                    score_parts: parts(&d.score_parts, lang),
                    answered: d.answered,
                    total: d.total,
                    unknown: status.maturity.unknown,
                    evidence: status.maturity.evidence,
                    suggested_target: d.suggested_target.as_ref().map(|t| SuggestedView {
                        stage: t.stage,
                        horizon_years: t.horizon_years,
                        reasons: t
                            .reasons
                            .iter()
                            .map(|r| (r.into(), words::suggest_reason(r, lang)))
                            .collect(),
                    }),
                    not_entry: d.not_entry.map(|n| {
                        // a suggestion not ranked: said once, with the
                        // suggestion (`suggested_lines`)
                        let text = if n == crate::core::advice::NotEntry::NoTarget
                            && d.suggested_target.is_some()
                        {
                            words::not_entry_suggested(lang).to_string()
                        } else {
                            words::not_entry(n, &advice.short_resources, lang)
                        };
                        (n.into(), text)
                    }),
                    voices: domain_voices_view(assessment, d.id, lang),
                }
            })
            .collect();
        // the report's own case on the city in a domain, if any
        let own_case = |d: DomainId| {
            fw.cases
                .iter()
                .find(|c| c.domain == d && crate::core::advice::is_own_case(c, &profile.city))
        };
        let entry_points = advice
            .entry_points
            .iter()
            .map(|e| {
                let d = &advice.domains[e.domain.index()];
                EntryView {
                    domain: e.domain,
                    name: domain_name(e.domain, lang),
                    rank: e.rank,
                    current: d.current,
                    from: d.current_stage(),
                    next_target: e.next_target,
                    target: d.target,
                    working: d.working_target,
                    score: d.score,
                    score_parts: parts(&d.score_parts, lang),
                    reasons: e
                        .reasons
                        .iter()
                        .map(|r| ReasonView {
                            code: reason_code(r),
                            text: words::reason(r, lang),
                            rule: r.rule().id(),
                            source: r.rule().source(),
                        })
                        .collect(),
                    changes: e
                        .changes
                        .iter()
                        .map(|c| {
                            let under_way = advice.domains[e.domain.index()]
                                .current
                                .is_some_and(|l| l > 0.0);
                            change_view(e.domain, c, under_way, lang, china)
                        })
                        .map(|c| specialty_change(e.domain, c, &profile.city.specialties, lang))
                        .map(|c| {
                            own_case_change(
                                c,
                                own_case(e.domain),
                                crate::core::advice::is_county(&profile.city),
                                lang,
                            )
                        })
                        .collect(),
                    own_case: own_case(e.domain).map(|c| c.summary.get(lang).to_string()),
                    focus_items: fw
                        .domain(e.domain)
                        .focus_items
                        .iter()
                        .map(|t| t.get(lang).to_string())
                        .collect(),
                    exact_cases: e.exact_cases,
                    cases: e
                        .cases
                        .iter()
                        .filter_map(|id| fw.cases.iter().find(|c| &c.id == id))
                        .map(|c| CaseView {
                            id: c.id.clone(),
                            city: c.city.get(lang).to_string(),
                            country: c.country.clone(),
                            country_name: crate::core::country::name(&c.country, lang)
                                .unwrap_or(&c.country)
                                .to_string(),
                            from: c.from,
                            to: c.to,
                            no_stage: c.no_stage,
                            summary: c.summary.get(lang).to_string(),
                        })
                        .collect(),
                    operating_model: model_view(&e.model, lang, china, shen),
                    suggested: e.suggested,
                }
            })
            .collect();
        let enablers: Vec<ChangeView> = advice
            .enablers
            .iter()
            .map(|c| change_view(DomainId::Enablers, c, false, lang, china))
            .collect();
        Model {
            lang,
            profile: profile_view(profile, lang),
            assessment: Some(AssessmentView {
                number: index + 1,
                of: profile.assessments.len(),
                id: assessment.id.clone(),
                date: assessment.date,
                interviewer: assessment.interviewer_in(lang).to_string(),
                respondents: assessment
                    .respondents
                    .iter()
                    .map(|r| RespondentView {
                        id: r.id.clone(),
                        name: r.name.clone(),
                        role: r.role.clone(),
                        organisation: organisation_id(r.organisation),
                        organisation_name: s.organisation(r.organisation),
                    })
                    .collect(),
            }),
            domains,
            entry_points,
            prerequisites: advice
                .prerequisites
                .iter()
                .map(|p| PrerequisiteView {
                    domain: p.domain,
                    current: p.current,
                    needed: p.needed,
                    for_domains: p.for_domains.clone(),
                    text: words::prerequisite(
                        p,
                        advice.supports.iter().any(|sp| {
                            sp.domain == p.domain && sp.action == SupportAction::AssessFirst
                        }),
                        lang,
                    ),
                })
                .collect(),
            supports: advice
                .supports
                .iter()
                .map(|sp| SupportView {
                    domain: sp.domain,
                    name: domain_name(sp.domain, lang),
                    current: sp.current,
                    needed: sp.needed,
                    for_domains: sp.for_domains.clone(),
                    starts_with: sp.starts_with,
                    action: sp.action.into(),
                    text: words::support(sp, lang).remove(0),
                    // how to build what the assessment finds missing: for an
                    // assess-first support too (the county's connection to
                    // the city level, the smaller city's light build), since
                    // its text ends "then build only what is missing"
                    ways: sp
                        .ways
                        .iter()
                        .map(|w| {
                            (
                                w.id(),
                                words::support_way(*w, sp.starts_with, lang),
                                w.rule().source(),
                            )
                        })
                        .collect(),
                    first: sp.first.clone(),
                    // (a county's track reads 全县, as its plan does)
                    first_text: sp
                        .first
                        .iter()
                        .map(|id| {
                            let text = fw
                                .indicator(id)
                                .map(|r| indicator_text(&r, lang, china))
                                .unwrap_or_else(|| id.clone());
                            // a county's track covers the county
                            let text = if crate::core::advice::is_county(&profile.city) {
                                words::for_county(&text, lang)
                            } else {
                                text
                            };
                            // in place in part: to complete, not to set up
                            if assessment.answer(id) == crate::core::profile::AnswerValue::Partly {
                                fill(words::report_words(lang).partly_item, &[&text])
                            } else {
                                text
                            }
                        })
                        .map(|t| {
                            if advice.county {
                                words::for_county(&t, lang)
                            } else {
                                t
                            }
                        })
                        .collect(),
                    model: model_view(&sp.model, lang, china, shen),
                })
                .collect(),
            warnings: advice
                .warnings
                .iter()
                .map(|w| WarningView {
                    code: w.code.id(),
                    message: words::warning(w, &advice.short_resources, lang),
                    domains: w.domains.clone(),
                    source: w.code.rule().source(),
                    stages: w
                        .stages
                        .iter()
                        .map(|st| (st.domain, st.stage, st.scored, st.total))
                        .collect(),
                    missing: w.missing.iter().map(|n| n.into()).collect(),
                    unassessed: w.unassessed.iter().map(|n| n.into()).collect(),
                    showcase: w
                        .showcase
                        .iter()
                        .map(|p| (p.basis.into(), p.domains.clone()))
                        .collect(),
                    display: w.display.clone(),
                    unoperated: w.unoperated.clone(),
                    check_phase: w.check_phase,
                })
                .collect(),
            enablers_to: advice.enablers.first().map(|c| c.to).unwrap_or(1),
            enablers,
            plan: advice
                .plan
                .iter()
                .map(|p| PhaseView {
                    number: p.number,
                    checks: p
                        .checks
                        .iter()
                        .map(|c| {
                            let items: Vec<(String, String)> = c
                                .indicators
                                .iter()
                                .filter_map(|id| {
                                    let r = fw.indicator(id)?;
                                    Some((
                                        s.answer(assessment.answer(id)).to_string(),
                                        indicator_text(&r, lang, china),
                                    ))
                                })
                                .collect();
                            let (text, items) = words::operation_check(c, &items, lang);
                            CheckView {
                                domains: c.domains.clone(),
                                indicators: c.indicators.clone(),
                                text,
                                items,
                                source: crate::core::sources::Rule::LongTermOperation.source(),
                            }
                        })
                        .collect(),
                    moves: p
                        .moves
                        .iter()
                        .map(|m| {
                            let mut v = move_view(m, lang, china, shen);
                            v.own_span = m.planned_start != p.start || m.planned_end != p.end;
                            // the last phase it runs into: the last that
                            // starts before the move ends
                            let last = advice
                                .plan
                                .iter()
                                .filter(|q| q.start < m.planned_end)
                                .map(|q| q.number)
                                .max()
                                .unwrap_or(p.number);
                            v.across = (last > p.number).then_some((p.number, last));
                            // a county's plan covers the county, not a city
                            if crate::core::advice::is_county(&profile.city) {
                                for w in &mut v.work {
                                    w.text = words::for_county(&w.text, lang);
                                }
                            }
                            v
                        })
                        .collect(),
                    owner: p.owner.clone(),
                    start: p.start,
                    end: p.end,
                })
                .collect(),
            orphans: advice
                .orphans
                .iter()
                .map(|o| OrphanView {
                    text: words::orphan_line(o, lang),
                    note: o.clone(),
                })
                .collect(),
            long_horizon: advice.long_horizon.clone(),
            answers: if !whole {
                vec![]
            } else {
                fw.indicators()
                    .filter_map(|r| {
                        let answer = assessment.answers.get(&r.indicator.id)?;
                        let known = answer.value != crate::core::profile::AnswerValue::Unknown;
                        (known || answer.has_note()).then(|| AnswerView {
                            id: r.indicator.id.clone(),
                            domain: r.domain.id,
                            domain_name: r.domain.name.get(lang).to_string(),
                            stage: r.level,
                            // a county's answers read 全县, as its plan does
                            text: if crate::core::advice::is_county(&profile.city) {
                                words::for_county(&indicator_text(&r, lang, china), lang)
                            } else {
                                indicator_text(&r, lang, china)
                            },
                            value: answer_code(answer.value),
                            value_text: strings(lang).answer(answer.value),
                            note: answer.note_in(lang).map(str::to_string),
                            carried_over: answer.carried_over,
                        })
                    })
                    .collect()
            },
            has_voices: crate::core::voices::any_voice(assessment),
            respondents: assessment
                .respondents
                .iter()
                .map(|r| RespondentVoicesView {
                    id: r.id.clone(),
                    name: r.name.clone(),
                    organisation: organisation_id(r.organisation),
                    answered: assessment
                        .answers
                        .values()
                        .filter(|a| a.voices.get(&r.id).is_some_and(|v| v.value.is_answered()))
                        .count(),
                })
                .collect(),
            timeline: (whole && index >= 1).then(|| {
                let mut upto = profile.clone();
                upto.assessments.truncate(index + 1);
                compare_assessments(fw, &upto)
            }),
        }
    }

    /// The report's labels.
    pub fn words(&self) -> &'static report::ReportStrings {
        report::strings(self.lang)
    }

    /// The document's title.
    pub fn title(&self) -> String {
        fill(self.words().title, &[&self.profile.display_name])
    }

    /// "stage 3 in 5 years", or "-".
    pub fn target_text(&self, target: Option<Target>) -> String {
        let r = self.words();
        match target {
            Some(t) if t.horizon_years == 1 => fill(r.target_one_year, &[&t.stage]),
            Some(t) => fill(r.target, &[&t.stage, &t.horizon_years]),
            None => r.no_value.to_string(),
        }
    }

    /// A level today: "2.50", "2.50*" when the assessor set it, or "not
    /// assessed".
    pub fn level_text(&self, d: &DomainView) -> String {
        match d.current {
            None => self.words().not_assessed.to_string(),
            Some(l) => {
                let mark = if d.overridden.is_some() { "*" } else { "" };
                format!("{}{mark}", super::level(l))
            }
        }
    }

    /// "Stage 2", or "not yet at stage 1" for 0.
    pub fn stage_text(&self, stage: u8) -> String {
        if stage == 0 {
            self.words().stage_zero.to_string()
        } else {
            fill(self.words().stage, &[&stage])
        }
    }

    /// A move of the plan: "Economy: stage 1 → 2", or from stage 0 "Economy:
    /// not yet at stage 1 → Stage 1".
    pub fn move_text(&self, mv: &MoveView) -> String {
        let text = self.move_text_only(mv);
        if mv.own_span {
            let runs = words::move_runs(self.lang, mv.planned_start, mv.planned_end, mv.across);
            format!("{text}{}", self.paren(&runs))
        } else {
            text
        }
    }

    fn move_text_only(&self, mv: &MoveView) -> String {
        let text = self.move_span(mv);
        // a move the city is well into: say what is left of it (Shen
        // County's economy at 1.79 is finishing stage 2, not starting it)
        let current = self
            .domains
            .iter()
            .find(|d| d.id == mv.domain)
            .and_then(|d| d.current);
        match current {
            Some(level)
                if !mv.from_unassessed
                    && level >= f64::from(mv.from) + 0.5
                    && level < f64::from(mv.to)
                    && mv.to == mv.from + 1 =>
            {
                let left = fill(self.words().move_finishing, &[&format!("{level:.2}")]);
                format!("{text}{}", self.paren(&left))
            }
            _ => text,
        }
    }

    /// The mark beside a supporting move: the supporting track's, or, for
    /// a domain not on the supporting track whose move is the city's own
    /// target (Pinghu's enablers, stage 3 in 3 years), that one.
    pub fn support_mark(&self, mv: &MoveView) -> &'static str {
        if self.own_target_support(mv) {
            words::report_words(self.lang).own_target_mark
        } else {
            self.words().prerequisite_mark
        }
    }

    /// Whether a supporting move is the city's own target and its domain
    /// is not on the supporting track ([`Model::support_mark`]).
    pub fn own_target_support(&self, mv: &MoveView) -> bool {
        let on_track = self.supports.iter().any(|s| s.domain == mv.domain);
        let own = self
            .domains
            .iter()
            .find(|d| d.id == mv.domain)
            .and_then(|d| d.target)
            .is_some_and(|t| mv.to <= t.stage);
        own && !on_track
    }

    /// Whether part of stage 1 is in place in the domain (a level above
    /// 0): a move from below stage 1 then reads "stage 1 under way", not
    /// "not yet at stage 1" (Kaifeng's governance, 0.99).
    pub fn stage1_under_way(&self, domain: DomainId) -> bool {
        self.domains
            .iter()
            .find(|d| d.id == domain)
            .and_then(|d| d.current)
            .is_some_and(|level| level > 0.0)
    }

    fn move_span(&self, mv: &MoveView) -> String {
        let span = if mv.from == 0 {
            let r = self.words();
            // below stage 1 only where stage 1 is answered; else it is not
            // assessed
            // part of stage 1 in place: under way, whatever the evidence
            // (the thin warning says how little is known); else not
            // assessed where stage 1 rests on too few answers
            let from = if self.stage1_under_way(mv.domain) {
                words::report_words(self.lang).stage1_under_way
            } else if mv.from_unassessed {
                words::report_words(self.lang).stage1_unassessed
            } else {
                r.stage_zero
            };
            format!(
                "{}{}{} → {}",
                mv.name,
                r.colon,
                from,
                self.stage_text(mv.to)
            )
        } else {
            fill(self.words().move_line, &[&mv.name, &mv.from, &mv.to])
        };
        if mv.assess_first {
            format!("{span}{}", words::report_words(self.lang).move_assess_first)
        } else {
            span
        }
    }

    /// Where a change starts: "Stage 2", "not yet at stage 1" or "not
    /// assessed".
    pub fn from_stage_text(&self, c: &ChangeView) -> String {
        let aw = words::report_words(self.lang);
        let partly = |stage: u8| fill(aw.stage_partly, &[&stage]);
        match (c.assessed, c.partly) {
            // a stage answered partly is in place in part, not absent
            (true, Some(1)) if c.from == 0 => partly(1),
            (true, Some(st)) => format!("{}{}{}", self.stage_text(c.from), aw.then, partly(st)),
            (true, None) => self.stage_text(c.from),
            // below stage 1 with stage 1 unanswered: not assessed, and
            // what is partly in place above it said
            (false, Some(st)) => {
                let from = if c.from == 0 {
                    aw.stage1_unassessed
                } else {
                    self.words().not_assessed
                };
                format!("{from}{}{}", aw.then, partly(st))
            }
            (false, None) => self.words().not_assessed.to_string(),
        }
    }

    /// A change's span: "Stage 1 → Stage 2", or "Stage 2, in place, keep
    /// it" for an enablers aspect already there.
    pub fn change_span(&self, c: &ChangeView) -> String {
        if c.in_place {
            let sep = if self.lang == Lang::Zh { "，" } else { ", " };
            format!("{}{sep}{}", self.stage_text(c.from), self.words().in_place)
        } else {
            format!("{} → {}", self.from_stage_text(c), self.stage_text(c.to))
        }
    }

    /// What a report says under a move of the plan, one line each: the
    /// consultant's owner and dates (when set), the owners suggested by its
    /// operating model, and each piece of work with its outcome (the
    /// consultant's, else the outcomes library's measure with the case's
    /// figure, else one to set with the city). Plain text: each format
    /// escapes it.
    pub fn move_details(&self, mv: &MoveView) -> Vec<String> {
        let r = self.words();
        let mut out = vec![];
        if !mv.owner.trim().is_empty() {
            out.push(format!("{}{}{}", r.label_owner, r.colon, mv.owner));
        }
        if mv.start.is_some() || mv.end.is_some() {
            let date = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or("-".into());
            out.push(words::move_dates(&date(mv.start), &date(mv.end), self.lang));
        }
        let owners: Vec<&str> = mv.owners.iter().map(|(_, t)| *t).collect();
        out.push(words::owners_line(&owners, self.lang));
        // which model each item calls for, where the items do not all call
        // for the move's own model (the move's mix names the counts)
        let per_item = mv.work.iter().any(|w| w.model.0 != mv.model.id);
        for w in &mv.work {
            let first = w.outcomes.first();
            let outcome = if !w.outcome.trim().is_empty() {
                w.outcome.clone()
            } else if let Some(o) = first {
                // every figure credited to its document; the city's own
                // figure as the baseline where it stands
                let example = if o.next_step {
                    // the city's own next step, no figure to borrow
                    words::own_next_step(&o.document, self.lang)
                } else if o.no_figure {
                    // a count the report gives no figure for: the city's own
                    words::no_figure(&o.document, self.lang)
                } else if w.own_figure {
                    // (the city's name before its own figure is said already)
                    let own = o
                        .example
                        .split_once(": ")
                        .or_else(|| o.example.split_once('：'))
                        .map_or(o.example.as_str(), |(_, rest)| rest);
                    words::own_baseline(own, &o.document, self.lang)
                } else if o.large_city {
                    words::benchmark_large_city(&o.example, &o.document, self.lang)
                } else {
                    words::benchmark(&o.example, &o.document, self.lang)
                };
                format!("{}{}", o.measure, self.paren(&example))
            } else {
                words::outcome_to_set(self.lang).to_string()
            };
            // (what the answer's note says of it, where it has one)
            let text = if (w.confirm || w.partly) && !w.evidence.trim().is_empty() {
                format!("{}{}", w.text, words::evidence_note(&w.evidence, self.lang))
            } else {
                w.text.clone()
            };
            let mut line = if w.confirm && w.own_figure && w.outcome.trim().is_empty() {
                words::own_in_place_line(&text, &outcome, self.lang)
            } else if w.confirm {
                words::confirm_line(&text, &outcome, self.lang)
            } else if w.partly {
                words::partly_line(&text, &outcome, self.lang)
            } else {
                words::work_line(&text, &outcome, self.lang)
            };
            if per_item {
                line.push_str(&words::item_model(w.model.1, self.lang));
            }
            out.push(line);
        }
        out
    }

    /// The names of the domains not assessed.
    pub fn not_assessed(&self) -> Vec<DomainId> {
        self.domains
            .iter()
            .filter(|d| d.current.is_none())
            .map(|d| d.id)
            .collect()
    }

    /// A list of domain names, in the language's way ("a, b and c").
    pub fn domain_list(&self, ids: &[DomainId]) -> String {
        words::domains(ids, self.lang)
    }

    /// The city's population with thousands separators, or "not known".
    /// The population's label: the urban resident population, or the
    /// whole area's when only that is known.
    pub fn population_label(&self) -> &'static str {
        if self.profile.population_total {
            self.words().label_population_total
        } else {
            self.words().label_population
        }
    }

    /// The CCID ranking's levels, a reference scale beside the stages.
    pub fn reference_scale(&self) -> String {
        crate::text::ccid_line(self.lang)
    }

    pub fn population_text(&self) -> String {
        self.profile
            .population
            .map(|p| crate::text::population(p, self.lang))
            .unwrap_or_else(|| self.words().unknown.to_string())
    }

    /// `text` in brackets after a word: " (text)" in English, "（text）" in
    /// Chinese.
    pub fn paren(&self, text: &str) -> String {
        match self.lang {
            Lang::Zh => format!("（{text}）"),
            Lang::En => format!(" ({text})"),
        }
    }

    /// Specialties by name, or "none".
    pub fn specialties_text(&self) -> String {
        if self.profile.specialties.is_empty() {
            self.words().none.to_string()
        } else {
            let names: Vec<String> = self
                .profile
                .specialties
                .iter()
                .map(|s| s.name.clone())
                .collect();
            words::list(&names, self.lang)
        }
    }

    /// "funding: low, talent: low, technology: medium".
    pub fn constraints_text(&self) -> String {
        let sep = match self.lang {
            Lang::En => ", ",
            Lang::Zh => "；",
        };
        let list = self
            .profile
            .constraints
            .iter()
            .map(|c| {
                let level = if c.given {
                    c.level_name
                } else {
                    words::report_words(self.lang).not_given
                };
                let mut text = fill(self.words().resource_level, &[&c.resource_name, &level]);
                if c.assumed {
                    text.push_str(self.words().assumed_mark);
                }
                text
            })
            .collect::<Vec<_>>()
            .join(sep);
        // the start-small advice turns on these three: say it does not rest
        // on one taken as medium for want of an answer
        if self.profile.constraints.iter().any(|c| !c.given) {
            format!(
                "{list}{}",
                words::report_words(self.lang).not_given_start_small
            )
        } else {
            list
        }
    }

    /// A respondent as one phrase: name (role, organisation).
    pub fn respondent_text(&self, r: &RespondentView) -> String {
        if r.role.trim().is_empty() {
            match self.lang {
                Lang::En => format!("{} ({})", r.name, r.organisation_name),
                Lang::Zh => format!("{}（{}）", r.name, r.organisation_name),
            }
        } else {
            fill(
                self.words().respondent,
                &[&r.name, &r.role, &r.organisation_name],
            )
        }
    }

    /// A text or "not known" when blank.
    pub fn or_unknown(&self, text: &str) -> String {
        if text.trim().is_empty() {
            self.words().unknown.to_string()
        } else {
            text.to_string()
        }
    }

    /// A case as one line: city, country, the move (or the stage it stands
    /// at), summary.
    pub fn case_text(&self, c: &CaseView) -> String {
        let r = self.words();
        if c.no_stage {
            fill(
                r.case_no_stage,
                &[&c.city, &c.country_name, &c.to, &c.summary],
            )
        } else if c.from == c.to {
            fill(r.case_at, &[&c.city, &c.country_name, &c.to, &c.summary])
        } else {
            fill(
                r.case_line,
                &[&c.city, &c.country_name, &c.from, &c.to, &c.summary],
            )
        }
    }

    /// The sentence under an entry point's title: today, the stage to aim
    /// at first, the city's target and the score.
    pub fn aim_text(&self, e: &EntryView) -> String {
        let r = self.words();
        let today = e
            .current
            .map(super::level)
            .unwrap_or_else(|| r.not_assessed.into());
        // the stage the plan's first move for this domain reaches: the
        // heading agrees with the plan (a target two stages up taken one
        // stage at a time aims first at the stage in between)
        let first = self
            .plan
            .iter()
            .flat_map(|p| &p.moves)
            .find(|m| m.domain == e.domain && !m.prerequisite)
            .map(|m| m.to)
            .unwrap_or(e.next_target);
        if let (true, Some(t)) = (e.suggested, e.working) {
            // a suggested target, never passed off as the city's own
            let aw = crate::text::advice::report_words(self.lang);
            let score = super::points(e.score);
            return match self.lang {
                Lang::En => fill(
                    aw.entry_aim_suggested,
                    &[&today, &first, &t.stage, &t.horizon_years, &score],
                ),
                Lang::Zh => fill(
                    aw.entry_aim_suggested,
                    &[&today, &first, &t.horizon_years, &t.stage, &score],
                ),
            };
        }
        fill(
            r.entry_aim,
            &[
                &today,
                &first,
                &self.target_text(e.target),
                &super::points(e.score),
            ],
        )
    }

    /// The heading of an entry point's changes: from today's stage to the
    /// one aimed at.
    pub fn changes_title(&self, e: &EntryView) -> String {
        let r = self.words();
        let from = match e.current {
            None => r.not_assessed.to_string(),
            Some(_) if e.from == 0 && self.stage1_under_way(e.domain) => {
                words::report_words(self.lang).stage1_under_way.to_string()
            }
            Some(_) => self.stage_text(e.from),
        };
        fill(r.label_changes, &[&from, &self.stage_text(e.next_target)])
    }

    /// Each suggested target, as a line for under the domains table (the
    /// engine's suggestion, marked as such, with why).
    pub fn suggested_lines(&self) -> Vec<String> {
        let w = crate::text::advice::report_words(self.lang);
        self.domains
            .iter()
            .filter_map(|d| {
                let s = d.suggested_target.as_ref()?;
                let why: Vec<String> = s.reasons.iter().map(|(_, t)| t.clone()).collect();
                // each reason is a clause of its own: "；" between them in
                // Chinese ("和" would join clauses into one)
                let why = why.join(match self.lang {
                    Lang::En => "; ",
                    Lang::Zh => "；",
                });
                // not an entry point: why it is not ranked, in the same line
                let item = if d.not_entry.is_some() {
                    w.suggested_item_unranked
                } else {
                    w.suggested_item
                };
                Some(match self.lang {
                    Lang::En => fill(item, &[&d.name, &s.stage, &s.horizon_years, &why]),
                    Lang::Zh => fill(item, &[&d.name, &s.horizon_years, &s.stage, &why]),
                })
            })
            .collect()
    }

    /// The footer, with this program's version.
    pub fn footer(&self) -> String {
        fill(self.words().footer, &[&env!("CARGO_PKG_VERSION")])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::advice::advise;
    use crate::core::examples::EXAMPLES;
    use crate::core::profile::Profile;

    #[test]
    fn a_stage_1_target_reads_the_stage_1_floor_never_the_stages_shortfall() {
        // every aspect of every domain, taken to stage 1: the target is the
        // aspect's stage-1 indicators, not the stage's description (which
        // names what a stage-1 city still lacks)
        for domain in &framework().domains {
            for aspect in &domain.aspects {
                for lang in [Lang::En, Lang::Zh] {
                    let c = crate::core::advice::Change {
                        aspect: aspect.id.clone(),
                        from: 0,
                        to: 1,
                        assessed: false,
                        partly: None,
                    };
                    let v = change_view(domain.id, &c, false, lang, true);
                    let floor = stage1_floor(domain.id, &aspect.id, lang, true).unwrap();
                    assert_eq!(v.to_text, floor, "{}.{}", domain.id, aspect.id);
                    let description = aspect_text(domain.id, 1, &aspect.id, lang, true).unwrap();
                    assert_ne!(v.to_text, description, "{}.{}", domain.id, aspect.id);
                    // in place at stage 1: described at its own stage
                    let kept = change_view(
                        domain.id,
                        &crate::core::advice::Change {
                            from: 1,
                            assessed: true,
                            ..c
                        },
                        false,
                        lang,
                        true,
                    );
                    assert_eq!(kept.to_text, description);
                }
            }
        }
        // Aizuwakamatsu's enablers: no deficit shown as something to reach
        for (lang, deficit) in [
            (Lang::En, "limited to the few people"),
            (Lang::Zh, "只有参与信息化建设的局部人员"),
        ] {
            let m = model("aizuwakamatsu", lang);
            let talent = m
                .enablers
                .iter()
                .find(|c| c.aspect == "talent_literacy")
                .unwrap();
            assert!(!talent.in_place);
            assert!(!talent.to_text.contains(deficit), "{}", talent.to_text);
        }
        for id in ["aizuwakamatsu", "pengshui", "kashiwa-no-ha", "pinghu"] {
            for lang in [Lang::En, Lang::Zh] {
                let m = model(id, lang);
                for c in m.enablers.iter().filter(|c| !c.in_place && c.to == 1) {
                    for deficit in ["limited to", "no digital standards", "只有", "缺乏"] {
                        assert!(!c.to_text.contains(deficit), "{id}: {}", c.to_text);
                    }
                }
            }
        }
    }

    fn model(id: &str, lang: Lang) -> Model {
        let (_, text) = EXAMPLES.iter().find(|(i, _)| *i == id).unwrap();
        let p = Profile::from_json(text).unwrap();
        let index = p.assessments.len() - 1;
        let advice = advise(framework(), &p.city, &p.assessments[index]);
        Model::new(&p, index, &advice, lang)
    }

    #[test]
    fn weights_are_the_tools_own_convention_said_beside_every_score_in_every_format() {
        for lang in [Lang::En, Lang::Zh] {
            let m = model("shen-county", lang);
            let weights = crate::core::sources::Rule::Weights.source();
            let n = m.note(&m.notes(), &weights);
            assert!(n > 0, "the weights have a note");
            let said = crate::text::advice::report_words(lang).weights_convention;
            let md = crate::report::markdown::render(&m);
            assert!(md.contains(said), "{md}");
            // the entry point's score table and the scores section both point
            // to the note
            assert!(md.matches(&format!("[{n}]")).count() >= 2);
            let html = crate::report::html::render(&m);
            assert!(html.contains(&crate::report::html::esc(said)));
            let json: serde_json::Value =
                serde_json::from_str(&crate::report::json::render(&m)).unwrap();
            assert_eq!(json["score_convention"]["convention"], true);
            assert!(json["score_convention"]["why"].as_str().is_some());
        }
    }

    #[test]
    fn suggested_vision_is_shown_in_the_markdown_and_html_marked_as_a_suggestion() {
        // Aizuwakamatsu: a suggested infrastructure target (importance 4)
        for lang in [Lang::En, Lang::Zh] {
            let m = model("aizuwakamatsu", lang);
            let lines = m.suggested_lines();
            assert_eq!(lines.len(), 1, "{lines:?}");
            let n = m.note(&m.notes(), &crate::core::sources::Rule::Suggestion.source());
            assert!(n > 0);
            let md = crate::report::markdown::render(&m);
            assert!(md.contains(&format!("{} [{n}]", lines[0])), "{md}");
            let html = crate::report::html::render(&m);
            assert!(html.contains(&crate::report::html::esc(&lines[0])));
        }
    }

    #[test]
    fn what_changes_in_economy_follows_the_specialty_path_not_manufacturing() {
        // Pengshui, a culture-and-tourism county
        for lang in [Lang::En, Lang::Zh] {
            let m = model("pengshui", lang);
            let ep = m
                .entry_points
                .iter()
                .find(|e| e.domain == DomainId::Economy)
                .expect("economy is Pengshui's entry point");
            let all: String = ep.changes.iter().map(|c| c.to_text.clone()).collect();
            assert!(!all.contains("manufactur"), "{all}");
            assert!(!all.contains("制造"), "{all}");
            let effect = ep.changes.iter().find(|c| c.aspect == "effect").unwrap();
            let path = framework()
                .specialties
                .iter()
                .find(|p| p.id == "culture_tourism")
                .unwrap()
                .path
                .get(lang);
            assert!(effect.to_text.contains(path), "{}", effect.to_text);
        }
        // a specialty without a path says so rather than borrow another's
        let text = words::specialty_no_path("X", Lang::En);
        assert!(text.contains("no digital path"));
    }

    /// Testville (试点市), governance its only entry point: on the city's
    /// own target with `own`, else on a suggested one.
    fn hand_made(own: bool) -> Profile {
        crate::report::testing::governance_city(
            "testville",
            crate::core::lang::Text::new("试点市", "Testville"),
            own,
        )
    }

    fn made(p: &Profile, lang: Lang) -> Model {
        let advice = advise(framework(), &p.city, &p.assessments[0]);
        Model::new(p, 0, &advice, lang)
    }

    #[test]
    fn a_suggested_entry_point_says_it_is_a_suggestion_in_every_format() {
        let p = hand_made(false);
        for lang in [Lang::En, Lang::Zh] {
            let m = made(&p, lang);
            let ep = &m.entry_points[0];
            assert!(ep.suggested);
            let aim = m.aim_text(ep);
            let (says, never) = match lang {
                Lang::En => (
                    "A suggested target, not the city's own",
                    "the city's target: -",
                ),
                Lang::Zh => ("这是建议目标，并非城市自定", "城市的目标：-"),
            };
            assert!(aim.contains(says) && !aim.contains(never), "{aim}");
            let md = crate::report::markdown::render(&m);
            assert!(md.contains(&aim), "{md}");
            assert!(!md.contains(never));
            let html = crate::report::html::render(&m);
            assert!(html.contains(&crate::report::html::esc(&aim)));
            // the gap is scored against the suggestion and named so
            let label = words::factor_suggested_gap(lang);
            let part = &ep.score_parts[0];
            assert_eq!((part.name, part.suggested), (label, true));
            assert!(part.points > 0.0);
            assert!(md.contains(label) && html.contains(label));
            let aw = words::report_words(lang);
            assert!(md.contains(&inline_note(aw.suggested_gap_note)), "{md}");
            let json: serde_json::Value =
                serde_json::from_str(&crate::report::json::render(&m)).unwrap();
            assert_eq!(json["entry_points"][0]["suggested"], true);
            let gov = &json["domains"][DomainId::Governance.index()];
            assert_eq!(gov["score_parts"][0]["factor"], "gap");
            assert_eq!(gov["score_parts"][0]["suggested"], true);
            assert_eq!(gov["score_parts"][1]["suggested"], false);
            assert_eq!(gov["target"], serde_json::Value::Null);
        }
        // the city's own target: said as the city's, the plain gap
        let m = made(&hand_made(true), Lang::En);
        let ep = &m.entry_points[0];
        assert!(!ep.suggested);
        assert!(m.aim_text(ep).contains("the city's target"));
        assert_eq!(ep.score_parts[0].name, "gap to target");
        let md = crate::report::markdown::render(&m);
        assert!(!md.contains("gap to the suggested target"));
    }

    /// The note as the Markdown writes it (its text made inert).
    fn inline_note(text: &str) -> String {
        crate::report::markdown::inline(text)
    }

    #[test]
    fn each_plan_item_names_the_model_it_calls_for_where_the_items_differ() {
        let p = hand_made(true);
        for lang in [Lang::En, Lang::Zh] {
            let m = made(&p, lang);
            let mv = m
                .plan
                .iter()
                .flat_map(|ph| &ph.moves)
                .find(|mv| mv.domain == DomainId::Governance)
                .unwrap();
            assert!(mv.work.iter().any(|w| w.model.0 != mv.model.id));
            let md = crate::report::markdown::render(&m);
            let html = crate::report::html::render(&m);
            let json: serde_json::Value =
                serde_json::from_str(&crate::report::json::render(&m)).unwrap();
            let moves = json["plan"]
                .as_array()
                .unwrap()
                .iter()
                .flat_map(|ph| ph["domains"].as_array().unwrap().clone())
                .find(|mv| mv["domain"] == "governance")
                .unwrap();
            for (w, jw) in mv.work.iter().zip(moves["work"].as_array().unwrap()) {
                let said = words::item_model(w.model.1, lang);
                let line = m
                    .move_details(mv)
                    .into_iter()
                    .find(|l| l.contains(&w.text))
                    .unwrap();
                assert!(line.ends_with(&said), "{line}");
                assert!(md.contains(&inline_note(&said)));
                assert!(html.contains(&crate::report::html::esc(&said)));
                assert_eq!(jw["operating_model"]["id"], w.model.0);
                assert_eq!(jw["kind"], w.kind);
            }
        }
    }

    #[test]
    fn plan_notes_for_moves_no_longer_in_the_plan_are_shown_in_every_format() {
        use crate::core::profile::{MoveEdit, move_key};
        let mut p = hand_made(true);
        p.assessments[0].plan_moves.insert(
            move_key(DomainId::Economy, 1, 2),
            MoveEdit {
                owner: "Agriculture bureau".into(),
                ..MoveEdit::default()
            },
        );
        for lang in [Lang::En, Lang::Zh] {
            let m = made(&p, lang);
            assert_eq!(m.orphans.len(), 1);
            let aw = words::report_words(lang);
            let md = crate::report::markdown::render(&m);
            assert!(md.contains(aw.section_orphans), "{md}");
            assert!(md.contains("Agriculture bureau"));
            let html = crate::report::html::render(&m);
            assert!(html.contains(aw.section_orphans) && html.contains("Agriculture bureau"));
            let json: serde_json::Value =
                serde_json::from_str(&crate::report::json::render(&m)).unwrap();
            assert_eq!(json["plan_orphans"][0]["key"], "economy:1-2");
            assert_eq!(json["plan_orphans"][0]["owner"], "Agriculture bureau");
            assert_eq!(json["plan_orphans"][0]["domain"], "economy");
        }
        // none: no section, an empty list
        let m = made(&hand_made(true), Lang::En);
        assert!(
            !crate::report::markdown::render(&m)
                .contains(words::report_words(Lang::En).section_orphans)
        );
    }

    #[test]
    fn a_case_without_a_stage_from_the_report_is_labelled_so_in_every_case_list() {
        for (city, case) in [
            ("fukuoka", "aizuwakamatsu_services"),
            ("suzhou", "aizuwakamatsu_services"),
            ("pinghu", "kaifeng_governance"),
        ] {
            for lang in [Lang::En, Lang::Zh] {
                let m = model(city, lang);
                let c = m
                    .entry_points
                    .iter()
                    .flat_map(|e| &e.cases)
                    .find(|c| c.id == case)
                    .unwrap_or_else(|| panic!("{city}: {case} listed"));
                assert!(c.no_stage);
                let text = m.case_text(c);
                let (label, not) = match lang {
                    Lang::En => (
                        "no stage given in this domain; citydx's reading: features of stage",
                        "at stage",
                    ),
                    Lang::Zh => ("报告未给出该领域阶段；本工具判断具备阶段", "处于阶段"),
                };
                // the label, before the summary (which may speak of other stages)
                let head = text.strip_suffix(c.summary.as_str()).unwrap();
                assert!(head.contains(label) && !head.contains(not), "{text}");
                let json: serde_json::Value =
                    serde_json::from_str(&crate::report::json::render(&m)).unwrap();
                let listed = json["entry_points"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .flat_map(|e| e["cases"].as_array().unwrap())
                    .find(|c| c["id"] == case)
                    .unwrap();
                assert_eq!(listed["no_stage"], true);
            }
        }
    }

    #[test]
    fn pinghu_governance_entry_shows_its_own_case_first_and_its_own_model() {
        for lang in [Lang::En, Lang::Zh] {
            let m = model("pinghu", lang);
            let e = m
                .entry_points
                .iter()
                .find(|e| e.domain == DomainId::Governance)
                .expect("governance entry point");
            let own = e.own_case.as_deref().expect("own case");
            assert!(own.contains("47"), "{own}");
            assert!(e.cases.iter().all(|c| c.id != "pinghu_governance"));
            assert_eq!(e.operating_model.id, "government_led");
            let md = crate::report::markdown::render(&m);
            let besides = words::no_exact_case_besides_own(lang);
            assert!(md.contains(besides));
            // the own case comes before the other cities' cases
            assert!(md.find(own).unwrap() < md.find(besides).unwrap());
        }
    }

    #[test]
    fn aizuwakamatsu_services_use_its_own_model_and_say_infrastructure_once() {
        for lang in [Lang::En, Lang::Zh] {
            let m = model("aizuwakamatsu", lang);
            let e = m
                .entry_points
                .iter()
                .find(|e| e.domain == DomainId::Services)
                .expect("services entry point");
            assert_eq!(e.operating_model.id, "public_private");
            let shen = match lang {
                Lang::En => "another city's practice: Shen County's",
                Lang::Zh => "其他城市的做法：中国莘县",
            };
            assert!(
                e.operating_model
                    .financing
                    .iter()
                    .any(|f| f.text.contains(shen)),
                "{:?}",
                e.operating_model.financing
            );
            let md = crate::report::markdown::render(&m);
            let infra = format!(
                "- {}{}",
                domain_name(DomainId::Infrastructure, lang),
                m.words().colon
            );
            assert_eq!(md.matches(&infra).count(), 1, "{md}");
            let line = md.lines().find(|l| l.starts_with(&infra)).unwrap();
            let unranked = match lang {
                Lang::En => "not ranked as an entry point",
                Lang::Zh => "未列入切入点排名",
            };
            assert!(line.contains(unranked), "{line}");
        }
    }
}
