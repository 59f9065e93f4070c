//! Comparing: several cities side by side (each at its latest assessment),
//! or one city's assessments over time (its timeline). Pure: profiles in,
//! a table of levels, targets and differences out.

use chrono::NaiveDate;
use serde::Serialize;

use super::advice::advise;
use super::framework::{DomainId, Framework, STAGES};
use super::lang::Text;
use super::maturity::assessment_status;
use super::profile::{Assessment, Profile};

/// One column: a city at an assessment.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Column {
    pub profile: String,
    pub name: Text,
    /// 1-based assessment number within its profile.
    pub assessment: usize,
    /// That assessment's id (schema 2).
    pub assessment_id: String,
    pub date: NaiveDate,
    /// Per domain, in the report's order.
    pub levels: [Option<f64>; 7],
    pub overridden: [bool; 7],
    pub targets: [Option<u8>; 7],
    /// Each domain's three stage scores (the 7 x 3 matrix).
    pub matrix: [[Option<f64>; STAGES as usize]; 7],
    /// The engine's entry points, in rank order.
    pub entry_points: Vec<DomainId>,
    /// Those of them that rest on a target the engine suggests, not the
    /// city's own.
    pub suggested_entry_points: Vec<DomainId>,
}

/// One domain across the columns.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    pub domain: DomainId,
    pub levels: Vec<Option<f64>>,
    pub targets: Vec<Option<u8>>,
    /// Highest minus lowest known level; `None` with fewer than two known.
    pub spread: Option<f64>,
    /// Each column's level minus the first column's (the baseline).
    pub differences: Vec<Option<f64>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, strum::IntoStaticStr)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum SortBy {
    /// The report's order of domains.
    Domain,
    /// The largest spread first; unknown spreads last.
    Difference,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
    /// Domains that are an entry point for some columns but not for all.
    pub differing_entry_points: Vec<DomainId>,
}

fn column(framework: &Framework, profile: &Profile, index: usize) -> Column {
    let a: &Assessment = &profile.assessments[index];
    let mut levels = [None; 7];
    let mut overridden = [false; 7];
    let mut targets = [None; 7];
    let mut matrix = [[None; STAGES as usize]; 7];
    for status in assessment_status(framework, a) {
        let i = status.maturity.domain.index();
        levels[i] = status.maturity.level();
        overridden[i] = status.maturity.overridden.is_some();
        targets[i] = status.target.map(|t| t.stage);
        matrix[i] = status.maturity.stage_scores;
    }
    let advice = advise(framework, &profile.city, a);
    let entry_points = advice.entry_points.iter().map(|e| e.domain).collect();
    let suggested_entry_points = advice
        .entry_points
        .iter()
        .filter(|e| e.suggested)
        .map(|e| e.domain)
        .collect();
    Column {
        profile: profile.id.clone(),
        name: profile.city.name.clone(),
        assessment: index + 1,
        assessment_id: a.id.clone(),
        date: a.date,
        levels,
        overridden,
        targets,
        matrix,
        entry_points,
        suggested_entry_points,
    }
}

fn build(columns: Vec<Column>) -> Comparison {
    let rows = DomainId::ALL
        .iter()
        .map(|d| {
            let i = d.index();
            let levels: Vec<Option<f64>> = columns.iter().map(|c| c.levels[i]).collect();
            let known: Vec<f64> = levels.iter().flatten().copied().collect();
            let spread = (known.len() >= 2).then(|| {
                let max = known.iter().copied().fold(f64::MIN, f64::max);
                let min = known.iter().copied().fold(f64::MAX, f64::min);
                max - min
            });
            let base = levels.first().copied().flatten();
            let differences = levels
                .iter()
                .map(|l| match (l, base) {
                    (Some(l), Some(b)) => Some(l - b),
                    _ => None,
                })
                .collect();
            Row {
                domain: *d,
                levels,
                targets: columns.iter().map(|c| c.targets[i]).collect(),
                spread,
                differences,
            }
        })
        .collect();
    let differing_entry_points = DomainId::ALL
        .iter()
        .copied()
        .filter(|d| {
            let count = columns
                .iter()
                .filter(|c| c.entry_points.contains(d))
                .count();
            count > 0 && count < columns.len()
        })
        .collect();
    Comparison {
        columns,
        rows,
        differing_entry_points,
    }
}

/// Cities side by side, each at its latest assessment. Profiles without an
/// assessment are left out.
pub fn compare_profiles(framework: &Framework, profiles: &[&Profile]) -> Comparison {
    build(
        profiles
            .iter()
            .filter(|p| !p.assessments.is_empty())
            .map(|p| column(framework, p, p.assessments.len() - 1))
            .collect(),
    )
}

/// One city's assessments over time, oldest first: its timeline.
pub fn compare_assessments(framework: &Framework, profile: &Profile) -> Comparison {
    build(
        (0..profile.assessments.len())
            .map(|i| column(framework, profile, i))
            .collect(),
    )
}

impl Comparison {
    /// The rows in the order asked for.
    pub fn sorted(&self, by: SortBy) -> Vec<&Row> {
        let mut rows: Vec<&Row> = self.rows.iter().collect();
        if by == SortBy::Difference {
            rows.sort_by(|a, b| match (a.spread, b.spread) {
                (Some(x), Some(y)) => y
                    .partial_cmp(&x)
                    .unwrap_or(std::cmp::Ordering::Equal)
                    .then(a.domain.cmp(&b.domain)),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => a.domain.cmp(&b.domain),
            });
        }
        rows
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::examples::EXAMPLES;
    use crate::core::framework;
    use crate::core::profile::{Override, Target};

    fn example(id: &str) -> Profile {
        let (_, text) = EXAMPLES.iter().find(|(i, _)| *i == id).unwrap();
        Profile::from_json(text).unwrap()
    }

    #[test]
    fn differences_and_spread_per_domain() {
        let (a, b) = (example("pinghu"), example("shen-county"));
        let c = compare_profiles(framework(), &[&a, &b]);
        assert_eq!(c.columns.len(), 2);
        let infra = &c.rows[DomainId::Infrastructure.index()];
        // Shen County: two of three stage-1 answers scored (met, partly),
        // mean 0.75, counted in proportion to 2/3 of the stage answered
        // over the three quarters that count fully
        let shen = 0.75 * ((2.0 / 3.0) / 0.75);
        assert_eq!(infra.levels, vec![Some(3.0), Some(shen)]);
        assert_eq!(infra.differences, vec![Some(0.0), Some(shen - 3.0)]);
        assert_eq!(infra.spread, Some(3.0 - shen));
        assert_eq!(infra.targets, vec![Some(3), None]);
        // a domain missing on one side has no spread and no difference there
        let services = &c.rows[DomainId::Services.index()];
        assert_eq!(services.levels, vec![None, None]);
        assert_eq!(services.spread, None);
        let economy = &c.rows[DomainId::Economy.index()];
        assert_eq!(economy.differences, vec![None, None], "no baseline");
    }

    #[test]
    fn sorting_by_difference_puts_the_largest_first_and_unknowns_last() {
        let (a, b) = (example("pinghu"), example("shen-county"));
        let c = compare_profiles(framework(), &[&a, &b]);
        let order: Vec<DomainId> = c
            .sorted(SortBy::Difference)
            .iter()
            .map(|r| r.domain)
            .collect();
        assert_eq!(order[0], DomainId::Infrastructure);
        let known = c.rows.iter().filter(|r| r.spread.is_some()).count();
        assert!(
            order[known..]
                .iter()
                .all(|d| c.rows[d.index()].spread.is_none())
        );
        let by_domain: Vec<DomainId> = c.sorted(SortBy::Domain).iter().map(|r| r.domain).collect();
        assert_eq!(by_domain, DomainId::ALL.to_vec());
    }

    #[test]
    fn entry_points_that_differ_are_named() {
        let (a, b) = (example("pinghu"), example("shen-county"));
        let c = compare_profiles(framework(), &[&a, &b]);
        for d in &c.differing_entry_points {
            let with = c
                .columns
                .iter()
                .filter(|col| col.entry_points.contains(d))
                .count();
            assert!(with > 0 && with < 2);
        }
        let same = compare_profiles(framework(), &[&a, &a]);
        assert!(same.differing_entry_points.is_empty());
    }

    #[test]
    fn a_timeline_has_one_column_per_assessment_in_order() {
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
        second.targets.insert(DomainId::Services, Target::new(2, 2));
        p.assessments.push(second);
        let t = compare_assessments(framework(), &p);
        assert_eq!(
            t.columns.iter().map(|c| c.assessment).collect::<Vec<_>>(),
            [1, 2]
        );
        let economy = &t.rows[DomainId::Economy.index()];
        assert_eq!(economy.levels[1], Some(2.9));
        assert!(t.columns[1].overridden[DomainId::Economy.index()]);
        assert!(
            (economy.differences[1].unwrap() - (2.9 - economy.levels[0].unwrap())).abs() < 1e-9
        );
        // a profile without assessments is left out of a comparison
        let mut empty = example("baoying");
        empty.assessments.clear();
        assert_eq!(
            compare_profiles(framework(), &[&empty, &p]).columns.len(),
            1
        );
    }
}
