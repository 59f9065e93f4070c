//! The report outputs: one assessment of a city, with the engine's advice,
//! as Markdown (for a proposal), a self-contained HTML page (printable on
//! A4) or JSON (documented in the README, stable).
//!
//! Pure: a profile, an assessment's index and a language in, a `String` out.
//! No files, no clock, no terminal. All three formats are drawn from one
//! [`model::Model`], built once, so they never say different things; every
//! sentence of advice comes from `text::advice`, every label from
//! `text::report`.
//!
//! [`compare`] renders a comparison (cities side by side, or one city over
//! time) in the same three formats, with the same helpers.

pub mod compare;
mod html;
mod json;
mod markdown;
pub mod model;
pub mod questionnaire;

use crate::core::Lang;
use crate::core::advice::{Advice, advise};
use crate::core::framework::framework;
use crate::core::profile::Profile;

pub use model::Model;

/// The formats a report can be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Html,
    Json,
}

impl Format {
    pub const ALL: [Format; 3] = [Format::Markdown, Format::Html, Format::Json];

    /// The usual file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Html => "html",
            Format::Json => "json",
        }
    }

    /// The format's name, the same in every language.
    pub fn name(self) -> &'static str {
        match self {
            Format::Markdown => "Markdown",
            Format::Html => "HTML",
            Format::Json => "JSON",
        }
    }
}

/// The report of assessment `assessment` (0-based index into
/// `profile.assessments`) in `format` and `lang`. An index with no
/// assessment gives a report of the city that says it has no assessment.
pub fn render(format: Format, profile: &Profile, assessment: usize, lang: Lang) -> String {
    match profile.assessments.get(assessment) {
        Some(a) => {
            let advice = advise(framework(), &profile.city, a);
            render_advice(format, profile, assessment, &advice, lang)
        }
        None => render_model(format, &Model::without_assessment(profile, lang)),
    }
}

/// The same, from advice already computed for that assessment (the screen
/// has it at hand).
pub fn render_advice(
    format: Format,
    profile: &Profile,
    assessment: usize,
    advice: &Advice,
    lang: Lang,
) -> String {
    render_model(format, &Model::new(profile, assessment, advice, lang))
}

fn render_model(format: Format, model: &Model) -> String {
    match format {
        Format::Markdown => markdown::render(model),
        Format::Html => html::render(model),
        Format::Json => json::render(model),
    }
}

/// A level, a gap: two decimals ("2.50").
pub(crate) fn level(x: f64) -> String {
    format!("{x:.2}")
}

/// A score or points: one decimal ("62.5").
pub(crate) fn points(x: f64) -> String {
    format!("{x:.1}")
}

/// A share 0..1 as a whole percentage ("75%").
pub(crate) fn percent(x: f64) -> String {
    crate::text::percent(x)
}

/// A weight: no decimals when whole ("40", "7.5").
pub(crate) fn weight(x: f64) -> String {
    if x.fract().abs() < 1e-9 {
        format!("{x:.0}")
    } else {
        format!("{x}")
    }
}

/// Hand-made cities shared by the reports' unit tests.
#[cfg(test)]
pub(crate) mod testing {
    use chrono::NaiveDate;

    use crate::core::framework::DomainId;
    use crate::core::lang::Text;
    use crate::core::profile::{Assessment, City, Override, Profile, Target};

    /// A small city whose only entry point is governance (1.2, importance
    /// 5; infrastructure and enablers at 2.5 by override): with `own`, the
    /// city's own target (stage 2 in 3 years), else no target at all (the
    /// advice suggests one).
    pub fn governance_city(id: &str, name: Text, own: bool) -> Profile {
        let mut p = Profile::new(id.into(), City::named(name), chrono::Utc::now());
        let mut a = Assessment::new(NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(), "t");
        for (d, level) in [
            (DomainId::Infrastructure, 2.5),
            (DomainId::Enablers, 2.5),
            (DomainId::Governance, 1.2),
        ] {
            a.overrides.insert(
                d,
                Override {
                    level,
                    reason: "test".into(),
                    reason_text: None,
                },
            );
        }
        a.importance.insert(DomainId::Governance, 5);
        if own {
            a.targets.insert(DomainId::Governance, Target::new(2, 3));
        }
        p.assessments.push(a);
        p
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::examples::EXAMPLES;

    fn example(id: &str) -> Profile {
        let (_, text) = EXAMPLES.iter().find(|(i, _)| *i == id).unwrap();
        Profile::from_json(text).unwrap()
    }

    #[test]
    fn every_example_renders_in_every_format_and_language() {
        for (id, text) in EXAMPLES {
            let profile = Profile::from_json(text).unwrap();
            for lang in [Lang::En, Lang::Zh] {
                for format in Format::ALL {
                    let out = render(format, &profile, 0, lang);
                    assert!(out.ends_with('\n'), "{id} {format:?} {lang:?}");
                    assert!(
                        !out.contains("{}"),
                        "{id} {format:?} {lang:?}: a label left unfilled"
                    );
                }
            }
        }
    }

    #[test]
    fn the_three_formats_say_the_same_things() {
        let profile = example("suzhou");
        let advice = advise(framework(), &profile.city, &profile.assessments[0]);
        let model = Model::new(&profile, 0, &advice, Lang::En);
        let md = render(Format::Markdown, &profile, 0, Lang::En);
        let html = render(Format::Html, &profile, 0, Lang::En);
        let json: serde_json::Value =
            serde_json::from_str(&render(Format::Json, &profile, 0, Lang::En)).unwrap();
        for w in &model.warnings {
            assert!(md.contains(&w.message));
            assert!(html.contains(&html::esc(&w.message)));
        }
        for (i, e) in model.entry_points.iter().enumerate() {
            assert_eq!(json["entry_points"][i]["domain"], e.domain.as_str());
            for r in &e.reasons {
                assert!(md.contains(&r.text));
                assert!(html.contains(&html::esc(&r.text)));
            }
        }
        assert_eq!(
            json["warnings"].as_array().unwrap().len(),
            model.warnings.len()
        );
    }

    #[test]
    fn an_assessment_that_is_not_there_gives_the_city_and_says_so() {
        let profile = example("pinghu");
        let md = render(Format::Markdown, &profile, 5, Lang::En);
        assert!(md.contains("No assessment yet"), "{md}");
        assert!(!md.contains("## The seven domains"));
        let json: serde_json::Value =
            serde_json::from_str(&render(Format::Json, &profile, 5, Lang::En)).unwrap();
        assert!(json["assessment"].is_null());
        assert_eq!(json["profile"]["id"], "pinghu");
        assert!(json["domains"].as_array().unwrap().is_empty());
        let html = render(Format::Html, &profile, 5, Lang::Zh);
        assert!(html.contains("尚无评估") && html.ends_with("</html>\n"));
    }

    #[test]
    fn numbers_read_the_same_everywhere() {
        assert_eq!(level(2.5), "2.50");
        assert_eq!(points(57.4999), "57.5");
        assert_eq!(percent(0.833), "83%");
        assert_eq!(weight(40.0), "40");
        assert_eq!(weight(7.5), "7.5");
    }
}
