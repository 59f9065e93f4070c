//! The comparison outputs: cities side by side, or one city's assessments
//! over time (its timeline), as Markdown, a self-contained HTML page
//! (printable on A4) or JSON (documented in the README, stable).
//!
//! Pure: a [`Comparison`] from `core::compare`, its kind, the order of the
//! rows and a language in, a `String` out. All three formats are drawn from
//! one [`CompareModel`], built once, with every label from `text::report`.

mod html;
mod json;
mod markdown;

use chrono::NaiveDate;

use super::Format;
use crate::core::Lang;
use crate::core::compare::{Column, Comparison, SortBy};
use crate::core::framework::{DomainId, STAGES, framework};
use crate::core::lang::Text;
use crate::text::advice::list;
use crate::text::{fill, report};

/// What is compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::IntoStaticStr)]
#[strum(serialize_all = "snake_case")]
pub enum Kind {
    /// Several cities, each at its latest assessment.
    Cities,
    /// One city's assessments, oldest first.
    Timeline,
}

impl Kind {
    /// The stable code in the JSON: `cities` or `timeline`.
    pub fn code(self) -> &'static str {
        self.into()
    }
}

/// The stable code of an order in the JSON: `domain` or `difference`.
/// (serde's name of the core type, through strum)
pub fn sort_code(sort: SortBy) -> &'static str {
    sort.into()
}

/// Everything a comparison says, in one language.
#[derive(Debug, Clone, PartialEq)]
pub struct CompareModel {
    pub lang: Lang,
    pub kind: Kind,
    pub sort: SortBy,
    pub columns: Vec<ColumnView>,
    /// The seven domains, in the order asked for.
    pub rows: Vec<RowView>,
    /// Domains that are an entry point for some columns but not for all,
    /// in the report's order.
    pub differing: Vec<DifferView>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ColumnView {
    pub profile: String,
    pub name: Text,
    /// The name in the output's language, the other one in brackets.
    pub display_name: String,
    /// What heads the column: the city's name (the date over time), made
    /// unique among the columns.
    pub heading: String,
    /// 1-based.
    pub assessment: usize,
    /// That assessment's id (schema 2).
    pub assessment_id: String,
    /// How many assessments the city has.
    pub of: usize,
    pub date: NaiveDate,
    /// Per domain, in the report's order.
    pub levels: [Option<f64>; 7],
    pub overridden: [bool; 7],
    pub targets: [Option<u8>; 7],
    pub matrix: [[Option<f64>; STAGES as usize]; 7],
    /// In rank order.
    pub entry_points: Vec<DomainId>,
    /// Those resting on a suggested target, not the city's own.
    pub suggested_entry_points: Vec<DomainId>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RowView {
    pub domain: DomainId,
    pub name: String,
    pub short_name: String,
    /// One per column.
    pub levels: Vec<Option<f64>>,
    pub overridden: Vec<bool>,
    pub targets: Vec<Option<u8>>,
    /// Each column's level minus the first column's.
    pub differences: Vec<Option<f64>>,
    pub spread: Option<f64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DifferView {
    pub domain: DomainId,
    pub name: String,
    /// The columns (0-based) that have it as an entry point.
    pub columns: Vec<usize>,
}

fn display_name(name: &Text, lang: Lang) -> String {
    let first = name.get(lang);
    let second = name.get(lang.other());
    if second.trim().is_empty() || second == first {
        first.to_string()
    } else {
        match lang {
            Lang::En => format!("{first} ({second})"),
            Lang::Zh => format!("{first}（{second}）"),
        }
    }
}

/// The columns' headings: the city's name, or the date over time; a
/// heading two columns share gets the profile id (the assessment number
/// over time) added.
pub(crate) fn headings(columns: &[Column], kind: Kind, lang: Lang) -> Vec<String> {
    let plain: Vec<String> = columns
        .iter()
        .map(|c| match kind {
            Kind::Cities => c.name.get(lang).to_string(),
            Kind::Timeline => c.date.to_string(),
        })
        .collect();
    plain
        .iter()
        .zip(columns)
        .map(|(h, c)| {
            if plain.iter().filter(|x| *x == h).count() < 2 {
                h.clone()
            } else {
                match kind {
                    Kind::Cities => format!("{h} ({})", c.profile),
                    Kind::Timeline => format!("{h} (#{})", c.assessment),
                }
            }
        })
        .collect()
}

impl CompareModel {
    pub fn new(comparison: &Comparison, kind: Kind, sort: SortBy, lang: Lang) -> CompareModel {
        let fw = framework();
        let cols = &comparison.columns;
        let heads = headings(cols, kind, lang);
        let columns = cols
            .iter()
            .zip(heads)
            .map(|(c, heading)| ColumnView {
                profile: c.profile.clone(),
                name: c.name.clone(),
                display_name: display_name(&c.name, lang),
                heading,
                assessment: c.assessment,
                assessment_id: c.assessment_id.clone(),
                // the latest of each city, or every one of one city
                of: match kind {
                    Kind::Cities => c.assessment,
                    Kind::Timeline => cols.len(),
                },
                date: c.date,
                levels: c.levels,
                overridden: c.overridden,
                targets: c.targets,
                matrix: c.matrix,
                entry_points: c.entry_points.clone(),
                suggested_entry_points: c.suggested_entry_points.clone(),
            })
            .collect();
        let rows = comparison
            .sorted(sort)
            .into_iter()
            .map(|r| {
                let def = fw.domain(r.domain);
                RowView {
                    domain: r.domain,
                    name: def.name.get(lang).to_string(),
                    short_name: def.short_name.get(lang).to_string(),
                    levels: r.levels.clone(),
                    overridden: cols
                        .iter()
                        .map(|c| c.overridden[r.domain.index()])
                        .collect(),
                    targets: r.targets.clone(),
                    differences: r.differences.clone(),
                    spread: r.spread,
                }
            })
            .collect();
        let differing = comparison
            .differing_entry_points
            .iter()
            .map(|d| DifferView {
                domain: *d,
                name: fw.domain(*d).name.get(lang).to_string(),
                columns: cols
                    .iter()
                    .enumerate()
                    .filter(|(_, c)| c.entry_points.contains(d))
                    .map(|(i, _)| i)
                    .collect(),
            })
            .collect();
        CompareModel {
            lang,
            kind,
            sort,
            columns,
            rows,
            differing,
        }
    }

    pub fn words(&self) -> &'static report::ReportStrings {
        report::strings(self.lang)
    }

    /// "Comparison: Pinghu and Shen County", or "Baoying over time".
    pub fn title(&self) -> String {
        let r = self.words();
        match self.kind {
            Kind::Cities => {
                let names: Vec<String> = self.columns.iter().map(|c| c.heading.clone()).collect();
                fill(r.compare_title, &[&list(&names, self.lang)])
            }
            Kind::Timeline => {
                let name = self
                    .columns
                    .first()
                    .map(|c| c.display_name.clone())
                    .unwrap_or_default();
                fill(r.timeline_title, &[&name])
            }
        }
    }

    pub fn intro(&self) -> &'static str {
        match self.kind {
            Kind::Cities => self.words().compare_intro_cities,
            Kind::Timeline => self.words().compare_intro_timeline,
        }
    }

    pub fn sort_note(&self) -> &'static str {
        match self.sort {
            SortBy::Domain => self.words().sorted_domain,
            SortBy::Difference => self.words().sorted_difference,
        }
    }

    /// The note under the side-by-side table.
    pub fn cells_note(&self) -> String {
        let first = self
            .columns
            .first()
            .map(|c| c.heading.clone())
            .unwrap_or_default();
        fill(self.words().compare_note, &[&first])
    }

    /// "2.50", "2.50*" when the assessor set it, or `none` when not
    /// assessed.
    pub fn level_or(&self, row: &RowView, i: usize, none: &str) -> String {
        match row.levels[i] {
            None => none.to_string(),
            Some(l) => {
                let mark = if row.overridden[i] { "*" } else { "" };
                format!("{}{mark}", super::level(l))
            }
        }
    }

    /// Column `i`'s level and target: "2.50* → 3", "not assessed → 2", or
    /// the level alone without a target ("1.00", "not assessed").
    pub fn level_target(&self, row: &RowView, i: usize) -> String {
        let level = self.level_or(row, i, self.words().not_assessed);
        match row.targets[i] {
            Some(t) => format!("{level} → {t}"),
            None => level,
        }
    }

    /// Column `i`'s difference to the first column, for the others when
    /// both levels are known: "+0.50", "-2.00", "0.00".
    pub fn difference(&self, row: &RowView, i: usize) -> Option<String> {
        if i == 0 {
            return None;
        }
        row.differences[i].map(signed)
    }

    /// The cell of the side-by-side table, in one line.
    pub fn cell(&self, row: &RowView, i: usize) -> String {
        match self.difference(row, i) {
            None => self.level_target(row, i),
            Some(d) => format!("{} ({d})", self.level_target(row, i)),
        }
    }

    pub fn spread(&self, row: &RowView) -> String {
        row.spread
            .map(super::level)
            .unwrap_or_else(|| self.words().no_value.to_string())
    }

    /// "Assessment 2 of 3" as a cell: "2 of 3".
    pub fn assessment_text(&self, c: &ColumnView) -> String {
        fill(self.words().assessment_of, &[&c.assessment, &c.of])
    }

    /// A column's entry points in rank order, or "none"; one resting on a
    /// suggested target carries the mark [`CompareModel::suggested_legend`]
    /// explains.
    pub fn entry_points_text(&self, c: &ColumnView) -> String {
        if c.entry_points.is_empty() {
            self.words().none.to_string()
        } else {
            let mark = crate::text::advice::report_words(self.lang).suggested_gap_mark;
            let names: Vec<String> = c
                .entry_points
                .iter()
                .map(|d| {
                    let name = crate::report::model::domain_name(*d, self.lang);
                    if c.suggested_entry_points.contains(d) {
                        format!("{name}{mark}")
                    } else {
                        name
                    }
                })
                .collect();
            crate::text::advice::list(&names, self.lang)
        }
    }

    /// What the mark on an entry point resting on a suggested target
    /// means, when a column has one.
    pub fn suggested_legend(&self) -> Option<&'static str> {
        self.columns
            .iter()
            .any(|c| !c.suggested_entry_points.is_empty())
            .then(|| crate::text::advice::report_words(self.lang).suggested_entry_legend)
    }

    /// "Industry & Economy: an entry point for Shen County, not for Pinghu".
    pub fn differ_text(&self, d: &DifferView) -> String {
        let names = |has: bool| -> Vec<String> {
            self.columns
                .iter()
                .enumerate()
                .filter(|(i, _)| d.columns.contains(i) == has)
                .map(|(_, c)| {
                    if has && c.suggested_entry_points.contains(&d.domain) {
                        format!(
                            "{}{}",
                            c.heading,
                            crate::text::advice::report_words(self.lang).suggested_gap_mark
                        )
                    } else {
                        c.heading.clone()
                    }
                })
                .collect()
        };
        fill(
            self.words().differ_line,
            &[
                &d.name,
                &list(&names(true), self.lang),
                &list(&names(false), self.lang),
            ],
        )
    }

    /// A stage's share in a column's matrix, the target marked in words.
    pub fn matrix_cell(&self, c: &ColumnView, domain: DomainId, stage: usize) -> String {
        let r = self.words();
        let d = domain.index();
        let mut text = c.matrix[d][stage]
            .map(super::percent)
            .unwrap_or_else(|| r.no_score.into());
        if c.targets[d].is_some_and(|t| usize::from(t) == stage + 1) {
            text.push(' ');
            text.push_str(r.target_mark);
        }
        text
    }

    /// A domain's timeline in words: "2022-05-01 1.00 → 2023-05-01 2.50*
    /// (change +1.50)".
    pub fn timeline_text(&self, row: &RowView) -> String {
        let r = self.words();
        let steps: Vec<String> = self
            .columns
            .iter()
            .enumerate()
            .map(|(i, c)| format!("{} {}", c.heading, self.level_or(row, i, r.no_value)))
            .collect();
        let mut text = steps.join(" → ");
        if let Some(change) = change(row) {
            text.push_str(&fill(r.timeline_change, &[&signed(change)]));
        }
        text
    }

    /// The rows with a level at some assessment (the timeline shows them),
    /// and the domains with none.
    pub fn timeline_rows(&self) -> (Vec<&RowView>, Vec<DomainId>) {
        let (known, never): (Vec<&RowView>, Vec<&RowView>) = self
            .rows
            .iter()
            .partition(|r| r.levels.iter().any(Option::is_some));
        (known, never.iter().map(|r| r.domain).collect())
    }

    /// Over time: each place where an assessor's level was not carried to
    /// the next assessment, so the change there is not the city's (issue
    /// 15: never show such a change without saying so).
    pub fn override_dropped_texts(&self) -> Vec<String> {
        if self.kind != Kind::Timeline {
            return vec![];
        }
        let r = self.words();
        let mut out = vec![];
        for row in &self.rows {
            for i in 1..self.columns.len() {
                let (before, after) = (i - 1, i);
                if row.overridden.get(before) == Some(&true)
                    && row.overridden.get(after) == Some(&false)
                    && row.levels[before].is_some()
                    && row.levels[after].is_some()
                {
                    out.push(fill(
                        r.timeline_override_dropped,
                        &[
                            &row.name,
                            &self.columns[before].heading,
                            &self.level_or(row, before, r.no_value),
                            &self.columns[after].heading,
                        ],
                    ));
                }
            }
        }
        out
    }

    /// "Not assessed at any date: ...", or `None` when every domain has a
    /// level somewhere.
    pub fn timeline_never_text(&self) -> Option<String> {
        let (_, never) = self.timeline_rows();
        (!never.is_empty()).then(|| {
            fill(
                self.words().timeline_never,
                &[&crate::text::advice::domains(&never, self.lang)],
            )
        })
    }

    /// The interface's compact cell (one decimal, ASCII arrow): "2.4*->3",
    /// "2.4", "-  ->3", "-".
    pub fn compact_cell(&self, row: &RowView, i: usize) -> String {
        let mark = if row.overridden[i] { "*" } else { "" };
        match (row.levels[i], row.targets[i]) {
            (Some(l), Some(t)) => format!("{l:.1}{mark}->{t}"),
            (Some(l), None) => format!("{l:.1}{mark}"),
            (None, Some(t)) => format!("-  ->{t}"),
            (None, None) => "-".into(),
        }
    }

    /// The interface's compact difference to the first column ("+1.6"),
    /// with its value for the colour; for the other columns when both
    /// levels are known.
    pub fn compact_difference(&self, row: &RowView, i: usize) -> Option<(String, f64)> {
        if i == 0 {
            return None;
        }
        row.differences[i].map(|d| (format!("{d:+.1}"), d))
    }

    /// The interface's compact spread: "1.6", or "-".
    pub fn compact_spread(&self, row: &RowView) -> String {
        row.spread
            .map(|v| format!("{v:.1}"))
            .unwrap_or_else(|| "-".into())
    }

    /// The interface's compact matrix row: each stage's share, the target
    /// in brackets ("  40 [ 10]   - ").
    pub fn compact_matrix(&self, c: &ColumnView, domain: DomainId) -> String {
        let d = domain.index();
        c.matrix[d]
            .iter()
            .enumerate()
            .map(|(st, score)| {
                let pct = score
                    .map(|v| format!("{:>4}", crate::text::percent(v)))
                    .unwrap_or_else(|| "  - ".into());
                if c.targets[d] == Some(st as u8 + 1) {
                    format!("[{pct}]")
                } else {
                    format!(" {pct} ")
                }
            })
            .collect()
    }

    /// The footer, with this program's version.
    pub fn footer(&self) -> String {
        fill(self.words().footer, &[&env!("CARGO_PKG_VERSION")])
    }
}

/// The change from a row's first known level to its last, when two are
/// known.
pub fn change(row: &RowView) -> Option<f64> {
    let known: Vec<f64> = row.levels.iter().flatten().copied().collect();
    (known.len() >= 2).then(|| known[known.len() - 1] - known[0])
}

/// "+0.50", "-2.00", "0.00" (no sign on zero).
fn signed(x: f64) -> String {
    let text = format!("{x:+.2}");
    if text == "+0.00" || text == "-0.00" {
        "0.00".to_string()
    } else {
        text
    }
}

/// The comparison in `format` and `lang`, its rows in the order `sort`.
pub fn render(
    format: Format,
    comparison: &Comparison,
    kind: Kind,
    sort: SortBy,
    lang: Lang,
) -> String {
    let model = CompareModel::new(comparison, kind, sort, lang);
    match format {
        Format::Markdown => markdown::render(&model),
        Format::Html => html::render(&model),
        Format::Json => json::render(&model),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::compare::{compare_assessments, compare_profiles};
    use crate::core::examples::EXAMPLES;
    use crate::core::profile::{Override, Profile};

    fn example(id: &str) -> Profile {
        let (_, text) = EXAMPLES.iter().find(|(i, _)| *i == id).unwrap();
        Profile::from_json(text).unwrap()
    }

    fn yearly() -> Profile {
        let mut p = example("baoying");
        let mut second = p.assessments[0].clone();
        second.date = NaiveDate::from_ymd_opt(2023, 5, 1).unwrap();
        second.overrides.insert(
            DomainId::Economy,
            Override {
                level: 2.9,
                reason: "a year on".into(),
                reason_text: None,
            },
        );
        p.assessments.push(second);
        p
    }

    #[test]
    fn every_format_and_language_renders_both_kinds() {
        let (a, b, c) = (example("pinghu"), example("shen-county"), example("suzhou"));
        let cities = compare_profiles(framework(), &[&a, &b, &c]);
        let timeline = compare_assessments(framework(), &yearly());
        for (comparison, kind) in [(&cities, Kind::Cities), (&timeline, Kind::Timeline)] {
            for lang in [Lang::En, Lang::Zh] {
                for format in Format::ALL {
                    for sort in [SortBy::Domain, SortBy::Difference] {
                        let out = render(format, comparison, kind, sort, lang);
                        assert!(out.ends_with('\n'), "{kind:?} {format:?} {lang:?}");
                        assert!(!out.contains("{}"), "{kind:?} {format:?} {lang:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn cells_say_level_target_and_difference() {
        let (a, b) = (example("pinghu"), example("shen-county"));
        let m = CompareModel::new(
            &compare_profiles(framework(), &[&a, &b]),
            Kind::Cities,
            SortBy::Domain,
            Lang::En,
        );
        assert_eq!(m.title(), "Comparison: Pinghu and Shen County");
        let infra = &m.rows[DomainId::Infrastructure.index()];
        assert_eq!(m.cell(infra, 0), "3.00* → 3");
        assert_eq!(m.cell(infra, 1), "0.67 (-2.33)");
        assert_eq!(m.spread(infra), "2.33");
        let services = &m.rows[DomainId::Services.index()];
        assert_eq!(m.cell(services, 1), "not assessed");
        let economy = &m.rows[DomainId::Economy.index()];
        assert_eq!(
            m.cell(economy, 1),
            "2.00* → 3",
            "no baseline, no difference"
        );
        assert_eq!(m.spread(services), "-");
        let t = CompareModel::new(
            &compare_assessments(framework(), &yearly()),
            Kind::Timeline,
            SortBy::Difference,
            Lang::En,
        );
        assert_eq!(t.title(), "Baoying (宝应县) over time");
        assert_eq!(t.rows[0].domain, DomainId::Economy, "the only spread");
        assert_eq!(t.cell(&t.rows[0], 1), "2.90* → 3 (+0.90)");
        assert_eq!(
            t.timeline_text(&t.rows[0]),
            "2022-05-01 2.00* → 2023-05-01 2.90* (change +0.90)"
        );
        let (shown, never) = t.timeline_rows();
        // economy, and governance with Baoying's one answer (its use check)
        assert_eq!(shown.len(), 2);
        assert_eq!(never.len(), 5);
        assert!(
            t.timeline_never_text()
                .unwrap()
                .starts_with("Not assessed at any date: Livelihood")
        );
    }

    #[test]
    fn headings_two_columns_share_are_told_apart() {
        let a = example("pinghu");
        let mut b = example("pinghu");
        b.id = "pinghu-copy".into();
        let m = CompareModel::new(
            &compare_profiles(framework(), &[&a, &b]),
            Kind::Cities,
            SortBy::Domain,
            Lang::En,
        );
        assert_eq!(
            m.columns
                .iter()
                .map(|c| c.heading.as_str())
                .collect::<Vec<_>>(),
            ["Pinghu (pinghu)", "Pinghu (pinghu-copy)"]
        );
        let mut p = example("pinghu");
        p.assessments.push(p.assessments[0].clone());
        let t = CompareModel::new(
            &compare_assessments(framework(), &p),
            Kind::Timeline,
            SortBy::Domain,
            Lang::Zh,
        );
        assert_eq!(t.columns[1].heading, "2022-05-01 (#2)");
    }

    #[test]
    fn signs_read_plainly() {
        assert_eq!(signed(0.5), "+0.50");
        assert_eq!(signed(-2.0), "-2.00");
        assert_eq!(signed(-0.0001), "0.00");
        assert_eq!(signed(0.0), "0.00");
    }

    /// A city named `id`, governance its only entry point: on the city's
    /// own target with `own`, else on a suggested one.
    fn hand_made(id: &str, own: bool) -> Profile {
        crate::report::testing::governance_city(id, crate::core::lang::Text::new(id, id), own)
    }

    #[test]
    fn compare_and_timeline_mark_an_entry_point_resting_on_a_suggestion() {
        let (a, b) = (hand_made("alpha", false), hand_made("beta", true));
        let cities = compare_profiles(framework(), &[&a, &b]);
        assert_eq!(
            cities.columns[0].suggested_entry_points,
            vec![DomainId::Governance]
        );
        assert!(cities.columns[1].suggested_entry_points.is_empty());
        // over time: the first assessment on a suggestion, the second on
        // the city's own target
        let mut t = hand_made("gamma", false);
        let mut second = t.assessments[0].clone();
        second.date = NaiveDate::from_ymd_opt(2027, 1, 1).unwrap();
        second.targets.insert(
            DomainId::Governance,
            crate::core::profile::Target::new(2, 3),
        );
        t.assessments.push(second);
        let timeline = compare_assessments(framework(), &t);
        for (comparison, kind) in [(&cities, Kind::Cities), (&timeline, Kind::Timeline)] {
            for lang in [Lang::En, Lang::Zh] {
                let m = CompareModel::new(comparison, kind, SortBy::Domain, lang);
                let mark = crate::text::advice::report_words(lang).suggested_gap_mark;
                let legend = m
                    .suggested_legend()
                    .expect("a column rests on a suggestion");
                assert!(legend.starts_with(mark));
                let first = m.entry_points_text(&m.columns[0]);
                let second = m.entry_points_text(&m.columns[1]);
                assert!(first.ends_with(mark), "{first}");
                assert!(!second.contains(mark), "{second}");
                let md = render(Format::Markdown, comparison, kind, SortBy::Domain, lang);
                assert!(
                    md.contains(&crate::report::markdown::inline(legend)),
                    "{md}"
                );
                let html = render(Format::Html, comparison, kind, SortBy::Domain, lang);
                assert!(html.contains(&crate::report::html::esc(legend)));
                let json: serde_json::Value = serde_json::from_str(&render(
                    Format::Json,
                    comparison,
                    kind,
                    SortBy::Domain,
                    lang,
                ))
                .unwrap();
                assert_eq!(
                    json["columns"][0]["suggested_entry_points"][0],
                    "governance"
                );
                assert_eq!(
                    json["columns"][1]["suggested_entry_points"],
                    serde_json::json!([])
                );
            }
        }
        // no suggestion anywhere: no legend
        let own = compare_profiles(framework(), &[&b, &hand_made("delta", true)]);
        let m = CompareModel::new(&own, Kind::Cities, SortBy::Domain, Lang::En);
        assert!(m.suggested_legend().is_none());
    }
}
