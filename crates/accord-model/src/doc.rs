//! The scenario document: the exact shape of a scenario file (TOML or JSON).
//!
//! These types mirror the file one to one, so that reading a file and writing it back
//! loses nothing. They hold ids as strings; [`crate::Scenario`] is the validated,
//! indexed form that engines use.

use indexmap::IndexMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A whole scenario file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScenarioDoc {
    /// What the scenario is about and when it was true.
    pub scenario: ScenarioMeta,
    /// The sides at the table.
    #[serde(default)]
    pub parties: Vec<PartyDoc>,
    /// The subjects under negotiation.
    #[serde(default)]
    pub issues: Vec<IssueDoc>,
    /// Each party's preferences, keyed by party id.
    #[serde(default)]
    pub preferences: IndexMap<String, PreferencesDoc>,
    /// Versions of the agreement text.
    #[serde(default)]
    pub drafts: Vec<DraftDoc>,
    /// Dated happenings: meetings, statements, leaks, strikes.
    #[serde(default)]
    pub events: Vec<EventDoc>,
    /// Where the facts come from.
    #[serde(default)]
    pub sources: Vec<SourceDoc>,
}

/// The `[scenario]` table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScenarioMeta {
    /// Short snake_case id.
    pub id: String,
    /// One-line title.
    pub title: String,
    /// The date the model describes (YYYY-MM-DD).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<String>,
    /// Longer description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// `unit` (default): values and reservations lie in [0, 1]. `raw`: any finite number,
    /// for domains imported with raw evaluation semantics (e.g. NegMAS's reading of GENIUS files).
    #[serde(default, skip_serializing_if = "UtilityScale::is_unit")]
    pub utility_scale: UtilityScale,
    /// Free-form metadata carried through unchanged (e.g. the origin of an imported domain).
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub metadata: IndexMap<String, serde_json::Value>,
}

/// Range that values and utilities are expected to lie in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UtilityScale {
    /// Values in [0, 1].
    #[default]
    Unit,
    /// Any finite value.
    Raw,
}

impl UtilityScale {
    fn is_unit(&self) -> bool {
        *self == UtilityScale::Unit
    }
}

/// The part a party plays.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// A side whose consent an agreement needs.
    Principal,
    /// A go-between, possibly with interests of its own.
    Mediator,
    /// A party that would guarantee or enforce an agreement.
    Guarantor,
    /// Watches, does not decide.
    Observer,
}

impl Role {
    /// The lowercase name used in files.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Principal => "principal",
            Role::Mediator => "mediator",
            Role::Guarantor => "guarantor",
            Role::Observer => "observer",
        }
    }
}

/// One `[[parties]]` entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PartyDoc {
    /// Short id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Part played.
    pub role: Role,
    /// Relative power, > 0.
    pub capability: Judgement,
    /// Whether an agreement needs this party's consent. Defaults to true for principals.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub veto: Option<bool>,
    /// Members, for a bloc (free-form names).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub members: Vec<String>,
    /// Longer description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// A number that is a modeller's judgement, with the evidence for it and, optionally,
/// how uncertain it is. In files it is either a bare number or a table
/// `{ value = 0.3, sources = ["reuters_1123"], quote = "...", range = [0.2, 0.4] }`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Judgement {
    /// The point value.
    pub value: f64,
    /// The evidence and uncertainty, when stated.
    pub detail: Option<Box<JudgementDetail>>,
}

/// Evidence and uncertainty attached to a [`Judgement`].
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JudgementDetail {
    /// The point value.
    pub value: f64,
    /// Plausible range [low, high] (uniform), when the judgement is contested.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub range: Option<[f64; 2]>,
    /// Ids of sources or events.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<String>,
    /// A short quote from a source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
    /// The modeller's reasoning.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Judgement {
    /// A bare number with no evidence.
    pub fn plain(value: f64) -> Self {
        Judgement {
            value,
            detail: None,
        }
    }

    /// The uncertainty range, if one is stated.
    pub fn range(&self) -> Option<[f64; 2]> {
        self.detail.as_ref().and_then(|d| d.range)
    }

    /// The source ids cited, if any.
    pub fn sources(&self) -> &[String] {
        self.detail.as_ref().map_or(&[], |d| &d.sources)
    }
}

impl From<f64> for Judgement {
    fn from(value: f64) -> Self {
        Judgement::plain(value)
    }
}

impl Serialize for Judgement {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match &self.detail {
            None => s.serialize_f64(self.value),
            Some(d) => {
                let mut d = (**d).clone();
                d.value = self.value;
                d.serialize(s)
            }
        }
    }
}

impl<'de> Deserialize<'de> for Judgement {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(
            untagged,
            expecting = "a number, or a table with `value` and optional `range`, `sources`, `quote`, `note`"
        )]
        enum Repr {
            Number(f64),
            Detail(JudgementDetail),
        }
        Ok(match Repr::deserialize(d)? {
            Repr::Number(v) => Judgement::plain(v),
            Repr::Detail(detail) => Judgement {
                value: detail.value,
                detail: Some(Box::new(detail)),
            },
        })
    }
}

/// Evidence for a non-numeric judgement (a red line, a point's mapping).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Evidence {
    /// Ids of sources or events.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<String>,
    /// A short quote.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
    /// The modeller's reasoning.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Kind of an issue.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IssueKind {
    /// Named options.
    #[default]
    Discrete,
    /// Whole numbers between `min` and `max`.
    Integer,
    /// Real numbers between `min` and `max` (analysed on a grid of `step`).
    Real,
}

impl IssueKind {
    fn is_discrete(&self) -> bool {
        *self == IssueKind::Discrete
    }
}

/// One `[[issues]]` entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IssueDoc {
    /// Short id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Longer description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Discrete (default), integer or real.
    #[serde(default, skip_serializing_if = "IssueKind::is_discrete")]
    pub kind: IssueKind,
    /// Options of a discrete issue.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<OptionDoc>,
    /// Whether the options have a natural order (first to last).
    #[serde(default, skip_serializing_if = "is_false")]
    pub ordered: bool,
    /// Lower bound of a numeric issue.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
    /// Upper bound of a numeric issue.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
    /// Grid step of a numeric issue (integer default 1; real default (max - min) / 100).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub step: Option<f64>,
    /// Unit of a numeric issue, for display.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
}

#[allow(clippy::trivially_copy_pass_by_ref)]
fn is_false(b: &bool) -> bool {
    !*b
}

/// An option of a discrete issue: a bare id, or a table with a label.
#[derive(Debug, Clone, PartialEq)]
pub struct OptionDoc {
    /// Short id.
    pub id: String,
    /// Display label (defaults to the id).
    pub label: Option<String>,
    /// Longer description.
    pub description: Option<String>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct OptionTable {
    id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    label: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    description: Option<String>,
}

impl Serialize for OptionDoc {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.label.is_none() && self.description.is_none() {
            s.serialize_str(&self.id)
        } else {
            OptionTable {
                id: self.id.clone(),
                label: self.label.clone(),
                description: self.description.clone(),
            }
            .serialize(s)
        }
    }
}

impl<'de> Deserialize<'de> for OptionDoc {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(
            untagged,
            expecting = "an option id, or a table `{ id = ..., label = ... }`"
        )]
        enum Repr {
            Id(String),
            Table(OptionTable),
        }
        Ok(match Repr::deserialize(d)? {
            Repr::Id(id) => OptionDoc {
                id,
                label: None,
                description: None,
            },
            Repr::Table(t) => OptionDoc {
                id: t.id,
                label: t.label,
                description: t.description,
            },
        })
    }
}

impl OptionDoc {
    /// An option with only an id.
    pub fn new(id: impl Into<String>) -> Self {
        OptionDoc {
            id: id.into(),
            label: None,
            description: None,
        }
    }
}

/// `[preferences.PARTY]`: what one party wants.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PreferencesDoc {
    /// Utility of no deal (the BATNA).
    #[serde(default)]
    pub reservation: Judgement,
    /// Rescale weights to sum to 1 instead of rejecting a sum other than 1.
    #[serde(default, skip_serializing_if = "is_false")]
    pub normalize: bool,
    /// Salience of each issue; issues not listed weigh 0.
    #[serde(default)]
    pub weights: IndexMap<String, Judgement>,
    /// Value of each option (discrete) or value function (numeric), per issue.
    #[serde(default)]
    pub values: IndexMap<String, ValuesDoc>,
    /// What the party will never accept.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub red_lines: Vec<RedLineDoc>,
    /// Non-additive terms: a bonus (or, negative, a penalty) when conditions hold together.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub interactions: Vec<InteractionDoc>,
    /// Discount factor per unit of normalised time (1 = none); used only where time is modelled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub discount: Option<f64>,
}

/// The values a party gives one issue.
#[derive(Debug, Clone, PartialEq)]
pub enum ValuesDoc {
    /// Discrete issue: option id -> value.
    Options(IndexMap<String, Judgement>),
    /// Numeric issue: piecewise-linear value function through `(x, value)` points.
    Points(PointsDoc),
}

/// A piecewise-linear value function with its evidence.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PointsDoc {
    /// `(x, value)` pairs, x increasing.
    pub points: Vec<[f64; 2]>,
    /// Ids of sources or events.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<String>,
    /// A short quote.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
    /// The modeller's reasoning.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Serialize for ValuesDoc {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            ValuesDoc::Options(m) => m.serialize(s),
            ValuesDoc::Points(p) => {
                if p.sources.is_empty() && p.quote.is_none() && p.note.is_none() {
                    p.points.serialize(s)
                } else {
                    p.serialize(s)
                }
            }
        }
    }
}

impl<'de> Deserialize<'de> for ValuesDoc {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(
            untagged,
            expecting = "a table `{ option = value, ... }` for a discrete issue, or `[[x, value], ...]` / `{ points = [[x, value], ...] }` for a numeric issue"
        )]
        enum Repr {
            Bare(Vec<[f64; 2]>),
            Points(PointsDoc),
            Options(IndexMap<String, Judgement>),
        }
        Ok(match Repr::deserialize(d)? {
            Repr::Bare(points) => ValuesDoc::Points(PointsDoc {
                points,
                ..PointsDoc::default()
            }),
            Repr::Points(p) => ValuesDoc::Points(p),
            Repr::Options(m) => ValuesDoc::Options(m),
        })
    }
}

/// A condition on one issue: an option, a list of options, or a numeric interval.
#[derive(Debug, Clone, PartialEq)]
pub enum ConditionDoc {
    /// Exactly this option.
    Option(String),
    /// Any of these options.
    Options(Vec<String>),
    /// A numeric interval (inclusive bounds; a missing bound is open).
    Interval {
        /// Lowest value included.
        at_least: Option<f64>,
        /// Highest value included.
        at_most: Option<f64>,
    },
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct IntervalRepr {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    at_least: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    at_most: Option<f64>,
}

impl Serialize for ConditionDoc {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            ConditionDoc::Option(o) => s.serialize_str(o),
            ConditionDoc::Options(v) => v.serialize(s),
            ConditionDoc::Interval { at_least, at_most } => IntervalRepr {
                at_least: *at_least,
                at_most: *at_most,
            }
            .serialize(s),
        }
    }
}

impl<'de> Deserialize<'de> for ConditionDoc {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(
            untagged,
            expecting = "an option id, a list of option ids, or `{ at_least = X, at_most = Y }`"
        )]
        enum Repr {
            One(String),
            Many(Vec<String>),
            Interval(IntervalRepr),
        }
        Ok(match Repr::deserialize(d)? {
            Repr::One(o) => ConditionDoc::Option(o),
            Repr::Many(v) => ConditionDoc::Options(v),
            Repr::Interval(i) => ConditionDoc::Interval {
                at_least: i.at_least,
                at_most: i.at_most,
            },
        })
    }
}

/// A red line: packages matching every condition are unacceptable to the party.
///
/// Written either as a shorthand on one issue (`{ issue = "donbas", option = "ceded" }`,
/// `{ issue = "army_cap", at_most = 500000 }`) or as a combination
/// (`{ when = { nato = "member", troops = "none" } }`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RedLineDoc {
    /// Optional id, to name the line in reports and blockers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Shorthand: the issue.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issue: Option<String>,
    /// Shorthand: one forbidden option.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub option: Option<String>,
    /// Shorthand: several forbidden options.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<String>,
    /// Shorthand (numeric): forbidden at or above this value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at_least: Option<f64>,
    /// Shorthand (numeric): forbidden at or below this value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at_most: Option<f64>,
    /// Combination: forbidden when every condition holds.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub when: IndexMap<String, ConditionDoc>,
    /// Probability that the line is real (1 = certain); used by uncertainty analysis.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub probability: Option<f64>,
    /// What the line means, in words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Ids of sources or events.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<String>,
    /// A short quote.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
    /// The modeller's reasoning.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A non-additive term: `value` is added to the utility when every condition holds.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InteractionDoc {
    /// The conditions, issue id -> condition.
    pub when: IndexMap<String, ConditionDoc>,
    /// The bonus (positive) or penalty (negative).
    pub value: Judgement,
    /// What the term means, in words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// Where a draft stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DraftStatus {
    /// Formally put on the table.
    Proposed,
    /// Made public without consent.
    Leaked,
    /// Reworked from a parent.
    Revised,
    /// Accepted by every principal.
    Agreed,
    /// Turned down.
    Rejected,
    /// Put forward against another draft.
    CounterProposal,
}

impl DraftStatus {
    /// The snake_case name used in files.
    pub fn as_str(self) -> &'static str {
        match self {
            DraftStatus::Proposed => "proposed",
            DraftStatus::Leaked => "leaked",
            DraftStatus::Revised => "revised",
            DraftStatus::Agreed => "agreed",
            DraftStatus::Rejected => "rejected",
            DraftStatus::CounterProposal => "counter_proposal",
        }
    }
}

/// One `[[drafts]]` entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DraftDoc {
    /// Short id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Party id of the author.
    pub author: String,
    /// Date (YYYY-MM-DD).
    pub date: String,
    /// Where it stands.
    pub status: DraftStatus,
    /// The draft it revises.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// When true, issues this draft's points leave untouched take the parent's settlement;
    /// when false (default), they are open.
    #[serde(default, skip_serializing_if = "is_false")]
    pub inherits: bool,
    /// Longer description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Ids of sources or events for the text.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<String>,
    /// The numbered points.
    #[serde(default)]
    pub points: Vec<PointDoc>,
}

/// How a point relates to the parent draft (for display and diffs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PointChange {
    /// Unchanged from the parent.
    Kept,
    /// Reworded or changed in substance.
    Changed,
    /// Not in the parent.
    New,
    /// Removed from the parent (the point records what was dropped).
    Dropped,
    /// Reported discussed, outcome not known.
    Unknown,
}

/// One numbered point of a draft.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PointDoc {
    /// Number (or label) in the text.
    pub n: u32,
    /// The point's text or summary.
    pub text: String,
    /// The issue the point settles.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issue: Option<String>,
    /// The option it settles the issue at (discrete); omit with `issue` set to say the
    /// point addresses the issue but its settlement is unknown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub option: Option<String>,
    /// The value it settles a numeric issue at.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
    /// Further (issue, option) settlements made by the same point.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub also: Vec<SettlementDoc>,
    /// Explicitly not mapped to any issue (procedural or out-of-scope text).
    #[serde(default, skip_serializing_if = "is_false")]
    pub unmapped: bool,
    /// Relation to the parent draft.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub change: Option<PointChange>,
    /// Ids of sources or events.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<String>,
    /// A short quote.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
    /// The modeller's reasoning for the mapping.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// An extra (issue, option or value) a point settles.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SettlementDoc {
    /// The issue.
    pub issue: String,
    /// The option (discrete).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub option: Option<String>,
    /// The value (numeric).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
}

/// One `[[events]]` entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventDoc {
    /// Short id.
    pub id: String,
    /// Date (YYYY-MM-DD).
    pub date: String,
    /// Where.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// Kind: meeting, statement, leak, call, strike, draft, ...
    pub kind: String,
    /// Party ids taking part.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub participants: Vec<String>,
    /// What happened.
    pub summary: String,
    /// Draft ids the event concerns.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub drafts: Vec<String>,
    /// Source ids.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<String>,
}

/// One `[[sources]]` entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceDoc {
    /// Short id.
    pub id: String,
    /// Title of the piece.
    pub title: String,
    /// Outlet or author.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    /// Publication date (YYYY-MM-DD).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// A quote from it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
    /// How far to trust it (e.g. `official`, `major_outlet`, `single_source`, `unverified`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reliability: Option<String>,
}
