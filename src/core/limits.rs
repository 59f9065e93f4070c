//! The limits of what a profile may hold, named once: the operations
//! ([`super::ops`]) refuse an edit that breaks one with an [`EditError`],
//! and [`super::profile::Profile::problems`] reports a file that breaks one,
//! through the same functions.

use chrono::NaiveDate;

use super::framework::STAGES;
use super::ops::EditError;

/// A target's stage: 1 to 3.
pub const MIN_STAGE: u8 = 1;
pub const MAX_STAGE: u8 = STAGES;
/// A target's horizon, in years.
pub const MIN_HORIZON_YEARS: u8 = 1;
pub const MAX_HORIZON_YEARS: u8 = 30;
/// A target's calendar year.
pub const MIN_TARGET_YEAR: u16 = 2000;
pub const MAX_TARGET_YEAR: u16 = 2100;
/// A domain's importance to the city.
pub const MIN_IMPORTANCE: u8 = 1;
pub const MAX_IMPORTANCE: u8 = 5;
/// An override's level.
pub const MIN_OVERRIDE_LEVEL: f64 = 0.0;
pub const MAX_OVERRIDE_LEVEL: f64 = STAGES as f64;

pub fn check_stage(stage: u8) -> Result<(), EditError> {
    if (MIN_STAGE..=MAX_STAGE).contains(&stage) {
        Ok(())
    } else {
        Err(EditError::StageOutOfRange(stage))
    }
}

pub fn check_horizon(years: u8) -> Result<(), EditError> {
    if (MIN_HORIZON_YEARS..=MAX_HORIZON_YEARS).contains(&years) {
        Ok(())
    } else {
        Err(EditError::HorizonOutOfRange(years))
    }
}

pub fn check_target_year(year: u16) -> Result<(), EditError> {
    if (MIN_TARGET_YEAR..=MAX_TARGET_YEAR).contains(&year) {
        Ok(())
    } else {
        Err(EditError::TargetYearOutOfRange(year))
    }
}

pub fn check_importance(importance: u8) -> Result<(), EditError> {
    if (MIN_IMPORTANCE..=MAX_IMPORTANCE).contains(&importance) {
        Ok(())
    } else {
        Err(EditError::ImportanceOutOfRange(importance))
    }
}

pub fn check_override_level(level: f64) -> Result<(), EditError> {
    if (MIN_OVERRIDE_LEVEL..=MAX_OVERRIDE_LEVEL).contains(&level) {
        Ok(())
    } else {
        Err(EditError::OverrideLevelOutOfRange(level))
    }
}

pub fn check_override_reason(reason: &str) -> Result<(), EditError> {
    if reason.trim().is_empty() {
        Err(EditError::OverrideNeedsReason)
    } else {
        Ok(())
    }
}

/// A plan phase's key: "1", "2", ...
pub fn check_phase(phase: &str) -> Result<(), EditError> {
    match phase.parse::<usize>() {
        Ok(n) if n > 0 => Ok(()),
        _ => Err(EditError::NotAPhase(phase.to_string())),
    }
}

pub fn check_phase_dates(
    start: Option<NaiveDate>,
    end: Option<NaiveDate>,
) -> Result<(), EditError> {
    match (start, end) {
        (Some(start), Some(end)) if end < start => Err(EditError::EndBeforeStart { start, end }),
        _ => Ok(()),
    }
}

/// A respondent's name (or a city's) must not be blank.
/// The longest owner or outcome text of a plan, in characters.
pub const MAX_PLAN_TEXT: usize = 500;

pub fn check_text_length(text: &str) -> Result<(), EditError> {
    let n = text.trim().chars().count();
    if n > MAX_PLAN_TEXT {
        return Err(EditError::TooLong(n));
    }
    Ok(())
}

pub fn check_name(name: &str) -> Result<(), EditError> {
    if name.trim().is_empty() {
        Err(EditError::NameRequired)
    } else {
        Ok(())
    }
}
