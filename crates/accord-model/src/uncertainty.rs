//! The judgements a scenario marks as uncertain, and scenarios with them set to other values.
//!
//! A judgement written `{ value = 0.3, range = [0.2, 0.4] }` is uncertain on that range; a
//! red line with `probability = 0.6` holds with that probability. [`Scenario::uncertain`]
//! lists them; [`Scenario::with_judgements`] builds the scenario in which each takes a
//! given value (weights are renormalised to keep summing to 1). Engines sample from here;
//! the model does not know about random numbers.

use crate::doc::{Judgement, ValuesDoc};
use crate::model::{Preferences, Scenario};

/// What an uncertain judgement is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum JudgementTarget {
    /// A party's weight on an issue.
    Weight {
        /// Party index.
        party: usize,
        /// Issue index.
        issue: usize,
    },
    /// A party's value for one option of a discrete issue.
    Value {
        /// Party index.
        party: usize,
        /// Issue index.
        issue: usize,
        /// Level index.
        level: u32,
    },
    /// A party's reservation utility.
    Reservation {
        /// Party index.
        party: usize,
    },
    /// Whether a red line holds (1) or not (0).
    RedLine {
        /// Party index.
        party: usize,
        /// Red line index within the party's preferences.
        line: usize,
    },
    /// A party's capability.
    Capability {
        /// Party index.
        party: usize,
    },
}

/// How an uncertain judgement varies.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
#[serde(tag = "distribution", rename_all = "snake_case")]
pub enum Spread {
    /// Uniform on [low, high].
    Uniform {
        /// Lower end.
        low: f64,
        /// Upper end.
        high: f64,
    },
    /// 1 with probability `p`, else 0.
    Bernoulli {
        /// Probability of 1.
        p: f64,
    },
}

/// One uncertain judgement.
#[derive(Debug, Clone, serde::Serialize)]
pub struct UncertainJudgement {
    /// What it is about.
    pub target: JudgementTarget,
    /// Readable name, e.g. `ua.weight.donetsk` or `ru.red_line.ru_no_nato`.
    pub label: String,
    /// The value in the file.
    pub nominal: f64,
    /// How it varies.
    pub spread: Spread,
}

impl UncertainJudgement {
    /// The value at quantile `q` in [0, 1] (for a Bernoulli: 0 below 1 - p, else 1).
    pub fn at_quantile(&self, q: f64) -> f64 {
        match self.spread {
            Spread::Uniform { low, high } => low + q.clamp(0.0, 1.0) * (high - low),
            Spread::Bernoulli { p } => {
                if q >= 1.0 - p {
                    1.0
                } else {
                    0.0
                }
            }
        }
    }

    /// The lowest and highest value it can take.
    pub fn extremes(&self) -> (f64, f64) {
        match self.spread {
            Spread::Uniform { low, high } => (low, high),
            Spread::Bernoulli { .. } => (0.0, 1.0),
        }
    }
}

fn uniform(j: &Judgement) -> Option<Spread> {
    j.range().map(|[low, high]| Spread::Uniform { low, high })
}

impl Scenario {
    /// Every judgement the file marks as uncertain, in a stable order (parties in file order;
    /// capability, reservation, weights, values, red lines).
    pub fn uncertain(&self) -> Vec<UncertainJudgement> {
        let mut out = Vec::new();
        for (pi, party) in self.parties.iter().enumerate() {
            let pid = &party.id;
            if let Some(pdoc) = self.doc.parties.get(pi)
                && let Some(spread) = uniform(&pdoc.capability)
            {
                out.push(UncertainJudgement {
                    target: JudgementTarget::Capability { party: pi },
                    label: format!("{pid}.capability"),
                    nominal: pdoc.capability.value,
                    spread,
                });
            }
            let (Some(prefs), Some(pr)) = (&party.preferences, self.doc.preferences.get(pid))
            else {
                continue;
            };
            if let Some(spread) = uniform(&pr.reservation) {
                out.push(UncertainJudgement {
                    target: JudgementTarget::Reservation { party: pi },
                    label: format!("{pid}.reservation"),
                    nominal: pr.reservation.value,
                    spread,
                });
            }
            for (iid, w) in &pr.weights {
                if let (Some(issue), Some(spread)) = (self.issue_index(iid), uniform(w)) {
                    out.push(UncertainJudgement {
                        target: JudgementTarget::Weight { party: pi, issue },
                        label: format!("{pid}.weight.{iid}"),
                        nominal: w.value,
                        spread,
                    });
                }
            }
            for (iid, v) in &pr.values {
                let (Some(issue), ValuesDoc::Options(map)) = (self.issue_index(iid), v) else {
                    continue;
                };
                for (oid, val) in map {
                    if let (Some(level), Some(spread)) =
                        (self.issues[issue].level_index(oid), uniform(val))
                    {
                        out.push(UncertainJudgement {
                            target: JudgementTarget::Value {
                                party: pi,
                                issue,
                                level,
                            },
                            label: format!("{pid}.value.{iid}.{oid}"),
                            nominal: val.value,
                            spread,
                        });
                    }
                }
            }
            for (li, line) in prefs.red_lines.iter().enumerate() {
                if line.probability < 1.0 {
                    out.push(UncertainJudgement {
                        target: JudgementTarget::RedLine {
                            party: pi,
                            line: li,
                        },
                        label: format!("{pid}.red_line.{}", line.id),
                        nominal: 1.0,
                        spread: Spread::Bernoulli {
                            p: line.probability,
                        },
                    });
                }
            }
        }
        out
    }

    /// The scenario in which each listed judgement takes the given value. Weights of a
    /// party whose weights change are renormalised to sum to 1 (keeping their proportions);
    /// red lines whose value is below 0.5 are dropped. The document is left as it was: the
    /// result is for engines, not for writing back.
    ///
    /// `values[k]` applies to `judgements[k]`.
    pub fn with_judgements(&self, judgements: &[UncertainJudgement], values: &[f64]) -> Scenario {
        let mut out = self.clone();
        let mut touched = vec![false; out.parties.len()];
        let mut dropped: Vec<Vec<usize>> = vec![Vec::new(); out.parties.len()];
        let mut edits: Vec<(usize, JudgementTarget, f64)> = Vec::new();
        for (j, &v) in judgements.iter().zip(values) {
            match j.target {
                JudgementTarget::Capability { party } => out.parties[party].capability = v,
                JudgementTarget::RedLine { party, line } => {
                    if v < 0.5 {
                        dropped[party].push(line);
                        touched[party] = true;
                    }
                }
                JudgementTarget::Weight { party, .. }
                | JudgementTarget::Value { party, .. }
                | JudgementTarget::Reservation { party } => {
                    touched[party] = true;
                    edits.push((party, j.target, v));
                }
            }
        }
        for (pi, party) in out.parties.iter_mut().enumerate() {
            if !touched[pi] {
                continue;
            }
            let Some(p) = party.preferences.take() else {
                continue;
            };
            let mut reservation = p.reservation;
            let mut weights = p.weights.clone();
            let mut vals = p.values.clone();
            let mut weights_changed = false;
            for &(_, target, v) in edits.iter().filter(|e| e.0 == pi) {
                match target {
                    JudgementTarget::Reservation { .. } => reservation = v,
                    JudgementTarget::Weight { issue, .. } => {
                        weights[issue] = v.max(0.0);
                        weights_changed = true;
                    }
                    JudgementTarget::Value { issue, level, .. } => vals[issue][level as usize] = v,
                    _ => {}
                }
            }
            if weights_changed {
                let sum: f64 = weights.iter().sum();
                if sum > 0.0 {
                    for w in &mut weights {
                        *w /= sum;
                    }
                }
            }
            let red_lines = p
                .red_lines
                .iter()
                .enumerate()
                .filter(|(i, _)| !dropped[pi].contains(i))
                .map(|(_, r)| r.clone())
                .collect();
            party.preferences = Some(Preferences::new(
                reservation,
                weights,
                vals,
                red_lines,
                p.interactions.clone(),
                p.discount,
            ));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use crate::{Format, load_str};

    const TEXT: &str = r#"
[scenario]
id = "u"
title = "uncertain"

[[parties]]
id = "a"
name = "A"
role = "principal"
capability = { value = 1.0, range = [0.5, 2.0] }

[[issues]]
id = "x"
name = "X"
options = ["p", "q"]

[[issues]]
id = "y"
name = "Y"
options = ["r", "s"]

[preferences.a]
reservation = { value = 0.4, range = [0.3, 0.5] }
weights = { x = { value = 0.5, range = [0.25, 0.75] }, y = 0.5 }
values.x = { p = 1.0, q = { value = 0.2, range = [0.0, 0.4] } }
values.y = { r = 1.0, s = 0.0 }
red_lines = [{ id = "no_s", issue = "y", option = "s", probability = 0.7 }]
"#;

    #[test]
    fn lists_and_applies_uncertain_judgements() {
        let s = match load_str(TEXT, "u.toml", Format::Toml) {
            Ok(l) => l.scenario,
            Err(e) => panic!("{e}"),
        };
        let u = s.uncertain();
        let labels: Vec<&str> = u.iter().map(|j| j.label.as_str()).collect();
        assert_eq!(
            labels,
            [
                "a.capability",
                "a.reservation",
                "a.weight.x",
                "a.value.x.q",
                "a.red_line.no_s"
            ]
        );
        // Weight of x to 0.75 with y at 0.5: renormalised to 0.6 / 0.4.
        let t = s.with_judgements(&u, &[2.0, 0.3, 0.75, 0.4, 0.0]);
        let p = t.prefs(0);
        assert!((p.weights[0] - 0.6).abs() < 1e-12);
        assert!((p.weights[1] - 0.4).abs() < 1e-12);
        assert!((p.reservation - 0.3).abs() < 1e-12);
        assert!((p.values[0][1] - 0.4).abs() < 1e-12);
        assert!(p.red_lines.is_empty());
        assert!((t.parties[0].capability - 2.0).abs() < 1e-12);
        // u(q, s) = 0.6 * 0.4 + 0.4 * 0 = 0.24
        assert!((p.utility(&[1, 1]) - 0.24).abs() < 1e-12);
        // Nominal values reproduce the original preferences.
        let nominal: Vec<f64> = u.iter().map(|j| j.nominal).collect();
        let n = s.with_judgements(&u, &nominal);
        for pkg in [[0, 0], [0, 1], [1, 0], [1, 1]] {
            assert!((n.prefs(0).utility(&pkg) - s.prefs(0).utility(&pkg)).abs() < 1e-12);
            assert_eq!(n.prefs(0).acceptable(&pkg), s.prefs(0).acceptable(&pkg));
        }
        assert!((u[4].at_quantile(0.2) - 0.0).abs() < 1e-12);
        assert!((u[4].at_quantile(0.5) - 1.0).abs() < 1e-12);
    }
}
