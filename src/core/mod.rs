//! The pure core: the framework model, the profile schema, maturity.
//!
//! Nothing in here touches a terminal, a file or the clock: every function
//! takes its inputs as values, so the interface, the reports and the command
//! line all reuse it and tests call it directly.

pub mod advice;
pub mod compare;
pub mod country;
pub mod examples;
pub mod framework;
pub mod id;
pub mod lang;
pub mod limits;
pub mod maturity;
pub mod merge;
pub mod migrate;
pub mod ops;
pub mod profile;
pub mod questionnaire;
pub mod size;
pub mod sources;
pub mod summary;
pub mod uid;
pub mod validate;
pub mod voices;

pub use framework::{DomainId, Framework, framework};
pub use lang::{Lang, Text};
