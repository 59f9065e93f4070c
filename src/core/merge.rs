//! Merging two versions of one profile made apart from a common ancestor
//! (git's three-way merge): a pure function on the three versions' bytes.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// A field two sides changed to different values: both are kept, ours in
/// place and both here, to settle later. `assessment` is the assessment's
/// id when the field is one of an assessment's; `field` is its path inside
/// the assessment (or the profile), keys joined with `/`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Dispute {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assessment: Option<String>,
    pub field: String,
    /// Our side's value (`null`: ours removed it).
    pub ours: Value,
    /// Their side's value (`null`: theirs removed it).
    pub theirs: Value,
}
