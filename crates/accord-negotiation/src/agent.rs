//! The agent trait, agent specifications (`boulware`, `time-based:e=0.5`) and the registry.

use std::fmt;
use std::str::FromStr;
use std::sync::Arc;

use accord_model::EPS_UTILITY;
use serde::{Deserialize, Serialize};

use crate::domain::{Domain, Objection, OutcomeId};
use crate::error::NegotiationError;
use crate::protocol::{Action, Deadline, Turn};

/// A negotiating strategy, one instance per seat per negotiation.
///
/// Agents see their own utility through [`AgentContext::domain`] with their seat; they
/// must not read other seats' preferences (nothing enforces it: the built-in agents
/// comply). Red lines are hard constraints: an agent must never offer or accept a package
/// crossing its own red lines (the engine ends the negotiation with a violation if it does).
pub trait Agent: Send {
    /// The action for this turn of the alternating-offers protocol.
    fn act(&mut self, turn: &Turn) -> Action;

    /// Called after every *other* seat's action, in order (for opponent models).
    fn observe(&mut self, _seat: usize, _action: Action, _turn: &Turn) {}

    /// The utility the agent currently aims for at normalised time `t` (used by the
    /// default mediated-protocol answer).
    fn aspiration(&self, t: f64) -> f64;

    /// Answers a mediator's text: `true` to accept. On rejection, fill `objections` with the
    /// issues most wanted changed. The default accepts an acceptable text worth at least
    /// [`Agent::aspiration`], and otherwise objects with [`Domain::objections`].
    fn answer_text(&mut self, text: &TextTurn<'_>, objections: &mut Vec<Objection>) -> bool {
        default_answer(self.aspiration(text.t), text, objections)
    }
}

/// The default answer to a text (see [`Agent::answer_text`]).
pub fn default_answer(
    aspiration: f64,
    text: &TextTurn<'_>,
    objections: &mut Vec<Objection>,
) -> bool {
    let d = text.domain;
    let accept = d.acceptable(text.seat, text.text)
        && d.utility(text.seat, text.text) >= aspiration - EPS_UTILITY;
    if accept {
        objections.clear();
    } else {
        d.objections(text.seat, text.text, text.max_objections, objections);
    }
    accept
}

/// What an agent sees when a mediator asks it about a text.
#[derive(Debug, Clone, Copy)]
pub struct TextTurn<'a> {
    /// The domain.
    pub domain: &'a Domain,
    /// The answering seat.
    pub seat: usize,
    /// Normalised time.
    pub t: f64,
    /// Round (0-based).
    pub round: u32,
    /// The text.
    pub text: OutcomeId,
    /// Most objections the mediator listens to.
    pub max_objections: usize,
}

/// What an agent is built with.
#[derive(Debug, Clone)]
pub struct AgentContext {
    /// The domain (shared).
    pub domain: Arc<Domain>,
    /// The agent's seat.
    pub seat: usize,
    /// The deadline.
    pub deadline: Deadline,
    /// Seed for the agent's own random choices.
    pub seed: u64,
}

/// Kind and range of an agent parameter.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ParamKind {
    /// A number in `[min, max]`.
    Number {
        /// Smallest allowed.
        min: f64,
        /// Largest allowed.
        max: f64,
    },
    /// One of these words.
    Choice(&'static [&'static str]),
    /// `true` or `false`.
    Bool,
}

/// One parameter of an agent.
#[derive(Debug, Clone, Copy)]
pub struct ParamInfo {
    /// Name (kebab-case).
    pub name: &'static str,
    /// Kind and range.
    pub kind: ParamKind,
    /// Default, as written in a spec.
    pub default: &'static str,
    /// What it does.
    pub doc: &'static str,
}

/// A registered agent.
#[derive(Clone, Copy)]
pub struct AgentInfo {
    /// Name (kebab-case), as used in specs.
    pub name: &'static str,
    /// One line on what it does.
    pub summary: &'static str,
    /// Its parameters.
    pub params: &'static [ParamInfo],
    pub(crate) build: fn(&ParamValues, &AgentContext) -> Box<dyn Agent>,
}

impl fmt::Debug for AgentInfo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AgentInfo")
            .field("name", &self.name)
            .field("summary", &self.summary)
            .field("params", &self.params)
            .finish_non_exhaustive()
    }
}

/// Every registered agent, in a stable order.
pub fn agents() -> &'static [AgentInfo] {
    crate::agents::REGISTRY
}

/// Looks an agent up by name.
pub fn agent_info(name: &str) -> Option<&'static AgentInfo> {
    agents().iter().find(|a| a.name == name)
}

/// Validated parameter values of one agent (defaults filled in).
#[derive(Debug, Clone)]
pub struct ParamValues {
    values: Vec<(&'static str, ParamValue)>,
}

#[derive(Debug, Clone, PartialEq)]
enum ParamValue {
    Number(f64),
    Word(String),
    Bool(bool),
}

impl ParamValues {
    /// A number parameter (0 if the agent declared no such number).
    pub fn number(&self, name: &str) -> f64 {
        self.values
            .iter()
            .find_map(|(n, v)| match v {
                ParamValue::Number(x) if *n == name => Some(*x),
                _ => None,
            })
            .unwrap_or(0.0)
    }

    /// A choice parameter (empty if undeclared).
    pub fn choice(&self, name: &str) -> &str {
        self.values
            .iter()
            .find_map(|(n, v)| match v {
                ParamValue::Word(w) if *n == name => Some(w.as_str()),
                _ => None,
            })
            .unwrap_or("")
    }

    /// A boolean parameter (false if undeclared).
    pub fn flag(&self, name: &str) -> bool {
        self.values
            .iter()
            .find_map(|(n, v)| match v {
                ParamValue::Bool(b) if *n == name => Some(*b),
                _ => None,
            })
            .unwrap_or(false)
    }
}

fn parse_value(agent: &str, p: &ParamInfo, text: &str) -> Result<ParamValue, NegotiationError> {
    let err = |message: String| NegotiationError::AgentParam {
        agent: agent.to_string(),
        message,
    };
    match p.kind {
        ParamKind::Number { min, max } => {
            let x: f64 = text
                .trim()
                .parse()
                .map_err(|_| err(format!("`{}` must be a number, not `{text}`", p.name)))?;
            if !(x.is_finite() && x >= min && x <= max) {
                return Err(err(format!(
                    "`{}` = {text} is out of range; it must be in [{min}, {max}]",
                    p.name
                )));
            }
            Ok(ParamValue::Number(x))
        }
        ParamKind::Choice(words) => {
            let w = text.trim();
            if words.contains(&w) {
                Ok(ParamValue::Word(w.to_string()))
            } else {
                Err(err(format!(
                    "`{}` = `{w}` is not one of {}",
                    p.name,
                    words
                        .iter()
                        .map(|w| format!("`{w}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )))
            }
        }
        ParamKind::Bool => match text.trim() {
            "true" | "yes" | "1" => Ok(ParamValue::Bool(true)),
            "false" | "no" | "0" => Ok(ParamValue::Bool(false)),
            other => Err(err(format!(
                "`{}` must be true or false, not `{other}`",
                p.name
            ))),
        },
    }
}

/// An agent by name with parameter overrides: `boulware`, `time-based:e=0.5,k=0.1`.
///
/// Parsing checks the name against the registry and every parameter's name and range,
/// so a spec that parses always builds.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct AgentSpec {
    name: String,
    params: Vec<(String, String)>,
}

impl AgentSpec {
    /// Parses and validates a spec.
    pub fn parse(text: &str) -> Result<AgentSpec, NegotiationError> {
        let text = text.trim();
        let (name, rest) = match text.split_once(':') {
            Some((n, r)) => (n.trim(), Some(r)),
            None => (text, None),
        };
        let info = agent_info(name).ok_or_else(|| NegotiationError::UnknownAgent {
            name: name.to_string(),
            known: agents()
                .iter()
                .map(|a| a.name)
                .collect::<Vec<_>>()
                .join(", "),
        })?;
        let mut params: Vec<(String, String)> = Vec::new();
        if let Some(rest) = rest {
            for kv in rest.split(',').filter(|s| !s.trim().is_empty()) {
                let (k, v) = kv
                    .split_once('=')
                    .ok_or_else(|| NegotiationError::AgentParam {
                        agent: name.to_string(),
                        message: format!("expected `key=value`, found `{kv}`"),
                    })?;
                let (k, v) = (k.trim(), v.trim());
                let p = info.params.iter().find(|p| p.name == k).ok_or_else(|| {
                    NegotiationError::AgentParam {
                        agent: name.to_string(),
                        message: format!(
                            "unknown parameter `{k}`; {}",
                            if info.params.is_empty() {
                                "it takes none".to_string()
                            } else {
                                format!(
                                    "it takes {}",
                                    info.params
                                        .iter()
                                        .map(|p| format!("`{}`", p.name))
                                        .collect::<Vec<_>>()
                                        .join(", ")
                                )
                            }
                        ),
                    }
                })?;
                parse_value(name, p, v)?;
                if params.iter().any(|(pk, _)| pk == k) {
                    return Err(NegotiationError::AgentParam {
                        agent: name.to_string(),
                        message: format!("parameter `{k}` given twice"),
                    });
                }
                params.push((k.to_string(), v.to_string()));
            }
        }
        Ok(AgentSpec {
            name: name.to_string(),
            params,
        })
    }

    /// The agent's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The overrides, as written.
    pub fn params(&self) -> &[(String, String)] {
        &self.params
    }

    /// The registry entry.
    pub fn info(&self) -> Result<&'static AgentInfo, NegotiationError> {
        agent_info(&self.name).ok_or_else(|| NegotiationError::UnknownAgent {
            name: self.name.clone(),
            known: agents()
                .iter()
                .map(|a| a.name)
                .collect::<Vec<_>>()
                .join(", "),
        })
    }

    /// Every parameter's value, defaults filled in.
    pub fn values(&self) -> Result<ParamValues, NegotiationError> {
        let info = self.info()?;
        let mut values = Vec::with_capacity(info.params.len());
        for p in info.params {
            let text = self
                .params
                .iter()
                .find(|(k, _)| k == p.name)
                .map_or(p.default, |(_, v)| v.as_str());
            values.push((p.name, parse_value(&self.name, p, text)?));
        }
        Ok(ParamValues { values })
    }

    /// Builds the agent for a seat.
    pub fn build(&self, ctx: &AgentContext) -> Result<Box<dyn Agent>, NegotiationError> {
        let info = self.info()?;
        let values = self.values()?;
        Ok((info.build)(&values, ctx))
    }
}

impl fmt::Display for AgentSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name)?;
        for (i, (k, v)) in self.params.iter().enumerate() {
            write!(f, "{}{k}={v}", if i == 0 { ':' } else { ',' })?;
        }
        Ok(())
    }
}

impl FromStr for AgentSpec {
    type Err = NegotiationError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        AgentSpec::parse(s)
    }
}

impl TryFrom<String> for AgentSpec {
    type Error = NegotiationError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        AgentSpec::parse(&s)
    }
}

impl From<AgentSpec> for String {
    fn from(s: AgentSpec) -> String {
        s.to_string()
    }
}
