//! Traces: every action of a negotiation, streamed to a sink (JSON Lines or memory).
//!
//! Tracing is optional; without a sink the engine computes nothing for it.

use std::io::Write;

use serde::{Deserialize, Serialize};

use crate::domain::{Domain, Objection, OutcomeId};
use crate::protocol::{Action, NegotiationResult};

/// One action, as the engine reports it.
#[derive(Debug, Clone, Copy)]
pub struct TraceEvent<'a> {
    /// Actions taken before this one.
    pub step: u32,
    /// Round (0-based).
    pub round: u32,
    /// Normalised time.
    pub t: f64,
    /// The acting seat.
    pub seat: usize,
    /// What it did.
    pub action: Action,
    /// The package concerned: the offer made, or the standing offer accepted.
    pub outcome: Option<OutcomeId>,
    /// Utility of that package for every seat (empty when there is none).
    pub utilities: &'a [f64],
}

/// One text of the mediated protocol and the answers to it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TextRecord {
    /// Round (0-based).
    pub round: u32,
    /// Normalised time.
    pub t: f64,
    /// The text (a complete package).
    pub text: OutcomeId,
    /// Whether each seat accepted it.
    pub accepted: Vec<bool>,
    /// What each rejecting seat wanted changed (empty for those who accepted).
    pub objections: Vec<Vec<Objection>>,
    /// Whether the mediator kept it as its new working text.
    pub adopted: bool,
}

/// Receives a negotiation as it happens.
pub trait TraceSink {
    /// An action of the alternating-offers protocol.
    fn action(&mut self, domain: &Domain, event: &TraceEvent<'_>);
    /// A text of the mediated protocol with its answers.
    fn text(&mut self, _domain: &Domain, _record: &TextRecord) {}
    /// The end.
    fn finish(&mut self, _domain: &Domain, _result: &NegotiationResult) {}
}

/// An owned copy of a [`TraceEvent`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActionRecord {
    /// Actions taken before this one.
    pub step: u32,
    /// Round (0-based).
    pub round: u32,
    /// Normalised time.
    pub t: f64,
    /// The acting seat.
    pub seat: usize,
    /// What it did.
    pub action: Action,
    /// The package concerned.
    pub outcome: Option<OutcomeId>,
    /// Utility of that package for every seat.
    pub utilities: Vec<f64>,
}

/// Keeps the whole trace in memory.
#[derive(Debug, Clone, Default)]
pub struct VecTrace {
    /// Actions, in order.
    pub actions: Vec<ActionRecord>,
    /// Texts (mediated protocol), in order.
    pub texts: Vec<TextRecord>,
    /// The result, once finished.
    pub result: Option<NegotiationResult>,
}

impl TraceSink for VecTrace {
    fn action(&mut self, _domain: &Domain, e: &TraceEvent<'_>) {
        self.actions.push(ActionRecord {
            step: e.step,
            round: e.round,
            t: e.t,
            seat: e.seat,
            action: e.action,
            outcome: e.outcome,
            utilities: e.utilities.to_vec(),
        });
    }
    fn text(&mut self, _domain: &Domain, record: &TextRecord) {
        self.texts.push(record.clone());
    }
    fn finish(&mut self, _domain: &Domain, result: &NegotiationResult) {
        self.result = Some(result.clone());
    }
}

/// Streams the trace as JSON Lines: one object per action or text, then one `end` object.
///
/// Each line has `type` (`action`, `text` or `end`); packages appear both as `outcome`
/// (the index) and `package` (`{issue: option}`), utilities as `{party: utility}`.
/// The first write error stops further output and is returned by [`JsonlTrace::finish_io`].
#[derive(Debug)]
pub struct JsonlTrace<W: Write> {
    out: W,
    error: Option<std::io::Error>,
}

impl<W: Write> JsonlTrace<W> {
    /// Writes to `out`.
    pub fn new(out: W) -> Self {
        JsonlTrace { out, error: None }
    }

    /// Flushes and returns the writer, or the first error met.
    pub fn finish_io(mut self) -> std::io::Result<W> {
        if let Some(e) = self.error.take() {
            return Err(e);
        }
        self.out.flush()?;
        Ok(self.out)
    }

    fn line(&mut self, v: &serde_json::Value) {
        if self.error.is_some() {
            return;
        }
        let r = serde_json::to_writer(&mut self.out, v)
            .map_err(std::io::Error::other)
            .and_then(|()| self.out.write_all(b"\n"));
        if let Err(e) = r {
            self.error = Some(e);
        }
    }
}

pub(crate) fn package_json(domain: &Domain, id: OutcomeId) -> serde_json::Value {
    let pkg = domain.package(id);
    let scenario = domain.scenario();
    let map: serde_json::Map<String, serde_json::Value> = scenario
        .issues
        .iter()
        .zip(&pkg)
        .map(|(i, &l)| (i.id.clone(), serde_json::Value::from(i.level_id(l))))
        .collect();
    serde_json::Value::Object(map)
}

pub(crate) fn by_party(domain: &Domain, xs: &[f64]) -> serde_json::Value {
    let map: serde_json::Map<String, serde_json::Value> = xs
        .iter()
        .enumerate()
        .map(|(s, &u)| (domain.seat_id(s).to_string(), serde_json::Value::from(u)))
        .collect();
    serde_json::Value::Object(map)
}

impl<W: Write> TraceSink for JsonlTrace<W> {
    fn action(&mut self, domain: &Domain, e: &TraceEvent<'_>) {
        let (kind, outcome) = match e.action {
            Action::Offer(x) => ("offer", Some(x)),
            Action::Accept => ("accept", e.outcome),
            Action::End => ("end", None),
        };
        let mut v = serde_json::json!({
            "type": "action",
            "step": e.step,
            "round": e.round,
            "t": e.t,
            "party": domain.seat_id(e.seat),
            "action": kind,
        });
        if let (Some(x), Some(obj)) = (outcome, v.as_object_mut()) {
            obj.insert("outcome".into(), x.into());
            obj.insert("package".into(), package_json(domain, x));
            obj.insert("utilities".into(), by_party(domain, e.utilities));
        }
        self.line(&v);
    }

    fn text(&mut self, domain: &Domain, r: &TextRecord) {
        let scenario = domain.scenario();
        let answers: Vec<serde_json::Value> = (0..domain.n_seats())
            .map(|s| {
                let objections: Vec<serde_json::Value> = r.objections[s]
                    .iter()
                    .map(|o| {
                        let issue = &scenario.issues[o.issue];
                        serde_json::json!({
                            "issue": issue.id,
                            "wanted": issue.level_id(o.wanted),
                            "red_line": o.red_line,
                        })
                    })
                    .collect();
                serde_json::json!({
                    "party": domain.seat_id(s),
                    "accept": r.accepted[s],
                    "objections": objections,
                })
            })
            .collect();
        let utilities: Vec<f64> = (0..domain.n_seats())
            .map(|s| domain.utility(s, r.text))
            .collect();
        let v = serde_json::json!({
            "type": "text",
            "round": r.round,
            "t": r.t,
            "outcome": r.text,
            "package": package_json(domain, r.text),
            "utilities": by_party(domain, &utilities),
            "answers": answers,
            "adopted": r.adopted,
        });
        self.line(&v);
    }

    fn finish(&mut self, domain: &Domain, result: &NegotiationResult) {
        let v = serde_json::json!({
            "type": "end",
            "end": result.end,
            "agreement": result.agreement,
            "package": result.agreement.map(|x| package_json(domain, x)),
            "rounds": result.rounds,
            "steps": result.steps,
            "t": result.t,
            "utilities": by_party(domain, &result.utilities),
            "discounted": by_party(domain, &result.discounted),
        });
        self.line(&v);
    }
}
