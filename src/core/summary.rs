//! What a listing needs to know of a profile, without the profile: names,
//! place, progress and the latest assessment's levels and targets. Small
//! enough to keep ten thousand in memory and to cache on disk.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::framework::Framework;
use super::lang::Text;
use super::maturity::{assessment_status, progress};
use super::profile::{Profile, Specialty};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProfileSummary {
    pub id: String,
    pub name: Text,
    pub country: String,
    pub region: String,
    pub population: Option<u64>,
    pub specialties: Vec<Specialty>,
    pub assessments: usize,
    pub latest_assessment: Option<NaiveDate>,
    /// Questions answered in the latest assessment, and asked.
    pub answered: usize,
    pub total: usize,
    /// The latest assessment's level per domain, in the report's order.
    pub levels: [Option<f64>; 7],
    /// Whether each level is an assessor's override.
    pub overridden: [bool; 7],
    pub targets: [Option<u8>; 7],
    /// Why the profile cannot be written, if so.
    pub read_only: Option<String>,
    pub updated: DateTime<Utc>,
}

impl ProfileSummary {
    /// Lower-case text the home filter searches: id, names, country, region.
    pub fn search_key(&self) -> String {
        [
            self.id.as_str(),
            &self.name.zh,
            &self.name.en,
            &self.country,
            &self.region,
        ]
        .join("\n")
        .to_lowercase()
    }
}

pub fn summarize(
    framework: &Framework,
    profile: &Profile,
    read_only: Option<String>,
) -> ProfileSummary {
    let latest = profile.latest_assessment();
    let (answered, total) = latest
        .map(|a| progress(framework, a))
        .unwrap_or((0, framework.indicator_count()));
    let mut levels = [None; 7];
    let mut overridden = [false; 7];
    let mut targets = [None; 7];
    if let Some(a) = latest {
        for status in assessment_status(framework, a) {
            let i = status.maturity.domain.index();
            levels[i] = status.maturity.level();
            overridden[i] = status.maturity.overridden.is_some();
            targets[i] = status.target.map(|t| t.stage);
        }
    }
    ProfileSummary {
        id: profile.id.clone(),
        name: profile.city.name.clone(),
        country: profile.city.country.clone(),
        region: profile.city.region.clone(),
        population: profile.city.population,
        specialties: profile.city.specialties.clone(),
        assessments: profile.assessments.len(),
        latest_assessment: latest.map(|a| a.date),
        answered,
        total,
        levels,
        overridden,
        targets,
        read_only,
        updated: profile.updated,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::examples::EXAMPLES;
    use crate::core::framework;
    use crate::core::framework::DomainId;

    #[test]
    fn a_summary_holds_the_latest_levels_and_survives_a_round_trip() {
        let (_, text) = EXAMPLES.iter().find(|(i, _)| *i == "pinghu").unwrap();
        let p = Profile::from_json(text).unwrap();
        let s = summarize(framework(), &p, None);
        assert_eq!(s.levels[DomainId::Infrastructure.index()], Some(3.0));
        assert_eq!(s.targets[DomainId::Infrastructure.index()], Some(3));
        assert_eq!((s.answered, s.total), (21, 97));
        let json = serde_json::to_string(&s).unwrap();
        assert_eq!(serde_json::from_str::<ProfileSummary>(&json).unwrap(), s);
        assert!(s.search_key().contains("平湖") && s.search_key().contains("pinghu"));
    }
}
