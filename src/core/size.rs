//! City size classes: China's State Council 2014 classes (by urban resident
//! population, 城区常住人口) for Chinese cities, the OECD classes the report
//! quotes for the others. A pure function of the population, what kind of
//! figure it is and the country; the classes themselves are data
//! (`city_size` in `data/general.json`).

use serde::Serialize;

use super::framework::{Framework, SizeClassDef, SizeScheme};

/// What a recorded population counts: the profile's own type.
pub use super::profile::PopulationKind;

impl PopulationKind {
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// Why a population has no class.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, strum::IntoStaticStr)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum NoClass {
    /// Only the total population is known; the classes are defined on the
    /// urban population.
    TotalOnly,
    /// Below the smallest class's lower bound.
    BelowClasses,
    /// At or above the largest class's upper bound.
    AboveClasses,
}

impl NoClass {
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// The scheme that applies to a city and the class it falls in, or why none.
#[derive(Clone, Copy, Debug)]
pub struct SizeResult<'a> {
    pub scheme: &'a SizeScheme,
    pub class: Result<&'a SizeClassDef, NoClass>,
}

/// The size scheme used for a country (ISO 3166-1 alpha-2, any case):
/// the scheme that lists it, else the one that lists no country.
pub fn scheme_for<'a>(fw: &'a Framework, country: &str) -> Option<&'a SizeScheme> {
    let country = country.trim();
    fw.city_size
        .iter()
        .find(|s| s.countries.iter().any(|c| c.eq_ignore_ascii_case(country)))
        .or_else(|| fw.city_size.iter().find(|s| s.countries.is_empty()))
}

/// The size class of a city of `population` people (a figure of `kind`) in
/// `country`. Classes run from `min` (included) to `max` (excluded), as the
/// State Council's notice counts 以上 with and 以下 without the bound.
pub fn size_class<'a>(
    fw: &'a Framework,
    population: u64,
    kind: PopulationKind,
    country: &str,
) -> Option<SizeResult<'a>> {
    let scheme = scheme_for(fw, country)?;
    let class = if kind == PopulationKind::Total {
        Err(NoClass::TotalOnly)
    } else if let Some(c) = scheme
        .classes
        .iter()
        .find(|c| c.min <= population && population < c.max)
    {
        Ok(c)
    } else if scheme.classes.iter().all(|c| population >= c.max) {
        Err(NoClass::AboveClasses)
    } else {
        Err(NoClass::BelowClasses)
    };
    Some(SizeResult { scheme, class })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::framework;

    fn class(pop: u64, kind: PopulationKind, country: &str) -> (String, Result<String, NoClass>) {
        let r = size_class(framework(), pop, kind, country).unwrap();
        (r.scheme.id.clone(), r.class.map(|c| c.id.clone()))
    }

    #[test]
    fn chinese_cities_use_the_state_council_2014_classes_with_bounds_as_the_notice_counts_them() {
        use PopulationKind::UrbanResident as U;
        assert_eq!(
            class(960_000, U, "CN"),
            ("cn_2014".into(), Ok("medium".into()))
        );
        assert_eq!(class(500_000, U, "CN").1, Ok("medium".into()));
        assert_eq!(class(499_999, U, "CN").1, Ok("small_1".into()));
        assert_eq!(class(200_000, U, "cn").1, Ok("small_1".into()));
        assert_eq!(class(199_999, U, "CN").1, Ok("small_2".into()));
        assert_eq!(class(0, U, "CN").1, Ok("small_2".into()));
        assert_eq!(class(1_000_000, U, "CN").1, Err(NoClass::AboveClasses));
        assert_eq!(class(25_000_000, U, "CN").1, Err(NoClass::AboveClasses));
    }

    #[test]
    fn other_countries_use_the_oecd_classes_the_report_quotes() {
        use PopulationKind::UrbanResident as U;
        assert_eq!(
            class(1_560_000, U, "JP"),
            ("oecd".into(), Err(NoClass::AboveClasses))
        );
        assert_eq!(class(1_499_999, U, "JP").1, Ok("large".into()));
        assert_eq!(class(420_000, U, "JP").1, Ok("medium".into()));
        assert_eq!(class(119_000, U, "BR").1, Ok("small".into()));
        assert_eq!(class(50_000, U, "DE").1, Ok("small".into()));
        assert_eq!(class(49_999, U, "DE").1, Err(NoClass::BelowClasses));
        // An unknown or empty country code falls back on the OECD classes.
        assert_eq!(class(300_000, U, "").0, "oecd");
    }

    #[test]
    fn a_total_population_gets_no_class() {
        for country in ["CN", "JP"] {
            assert_eq!(
                class(119_000, PopulationKind::Total, country).1,
                Err(NoClass::TotalOnly)
            );
        }
    }

    #[test]
    fn the_classes_of_each_scheme_do_not_overlap() {
        for scheme in &framework().city_size {
            let mut classes: Vec<_> = scheme.classes.iter().collect();
            classes.sort_by_key(|c| c.min);
            for pair in classes.windows(2) {
                assert_eq!(pair[0].max, pair[1].min, "{}", scheme.id);
            }
            for c in &classes {
                assert!(c.min < c.max, "{} {}", scheme.id, c.id);
            }
        }
        assert_eq!(
            framework()
                .city_size
                .iter()
                .filter(|s| s.countries.is_empty())
                .count(),
            1,
            "exactly one scheme is the default"
        );
    }
}
