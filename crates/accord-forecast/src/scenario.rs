//! Forecast inputs from an accord scenario.
//!
//! An ordered discrete issue (or a numeric one) is an axis: its levels, first to last, sit at
//! 0..n-1 (numeric issues at their values). A party's position on it is its ideal point: the
//! level it values most (ties: the mean of the tied levels). Its salience is its weight on the
//! issue relative to its heaviest issue, so the issue a party cares most about has salience 1;
//! its capability is the party's capability. For SMP, which needs an actor's saliences to sum
//! to at most 100 over all dimensions, a dimension's salience is the party's weight on it times
//! 100. Parties without preferences take no part.

use accord_model::{IssueKind, Scenario};

use crate::{EumActor, SmpActor, SmpInput};

/// Why a scenario cannot feed a forecast.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScenarioInputError {
    /// The issue id is unknown.
    #[error("no issue `{0}` in the scenario")]
    UnknownIssue(String),
    /// The issue has no natural order.
    #[error("issue `{0}` is not ordered, so it gives no axis")]
    Unordered(String),
    /// No issue can serve as an axis.
    #[error("the scenario has no ordered or numeric issue to forecast on")]
    NoAxis,
    /// Fewer than two parties have preferences.
    #[error("fewer than two parties have preferences")]
    TooFewActors,
}

/// Whether an issue can serve as an axis.
fn is_axis(s: &Scenario, issue: usize) -> bool {
    let i = &s.issues[issue];
    i.len() >= 2 && (i.ordered || i.kind != IssueKind::Discrete)
}

/// The ordered or numeric issues of a scenario, heaviest first (by total weight over parties).
pub fn axis_issues(s: &Scenario) -> Vec<usize> {
    let parties = s.parties_with_preferences();
    let mut axes: Vec<(usize, f64)> = (0..s.issues.len())
        .filter(|&i| is_axis(s, i))
        .map(|i| (i, parties.iter().map(|&p| s.prefs(p).weights[i]).sum()))
        .collect();
    axes.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    axes.into_iter().map(|(i, _)| i).collect()
}

/// Resolves `--issue`: the named issue, or the heaviest axis.
pub fn choose_issue(s: &Scenario, id: Option<&str>) -> Result<usize, ScenarioInputError> {
    match id {
        Some(id) => {
            let i = s
                .issue_index(id)
                .ok_or_else(|| ScenarioInputError::UnknownIssue(id.to_string()))?;
            if is_axis(s, i) {
                Ok(i)
            } else {
                Err(ScenarioInputError::Unordered(id.to_string()))
            }
        }
        None => axis_issues(s)
            .first()
            .copied()
            .ok_or(ScenarioInputError::NoAxis),
    }
}

/// The coordinate of each level of an axis issue.
pub fn axis_coordinates(s: &Scenario, issue: usize) -> Vec<f64> {
    s.issues[issue]
        .levels
        .iter()
        .enumerate()
        .map(|(k, l)| {
            #[allow(clippy::cast_precision_loss)]
            let idx = k as f64;
            l.x.unwrap_or(idx)
        })
        .collect()
}

/// A party's ideal point on an axis (the mean of its best-valued levels).
fn ideal_point(values: &[f64], coords: &[f64]) -> f64 {
    let best = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let tied: Vec<f64> = values
        .iter()
        .zip(coords)
        .filter(|(v, _)| (best - **v).abs() < 1e-12)
        .map(|(_, &x)| x)
        .collect();
    #[allow(clippy::cast_precision_loss)]
    let n = tied.len().max(1) as f64;
    tied.iter().sum::<f64>() / n
}

fn relative_salience(weights: &[f64], issue: usize) -> f64 {
    let max = weights.iter().copied().fold(0.0, f64::max);
    if max > 0.0 { weights[issue] / max } else { 0.0 }
}

/// EUM actors for one issue of a scenario.
pub fn eum_actors_from_scenario(
    s: &Scenario,
    issue: usize,
) -> Result<Vec<EumActor>, ScenarioInputError> {
    let coords = axis_coordinates(s, issue);
    let actors: Vec<EumActor> = s
        .parties_with_preferences()
        .into_iter()
        .map(|p| {
            let pr = s.prefs(p);
            EumActor::new(
                s.parties[p].id.clone(),
                s.parties[p].capability,
                ideal_point(&pr.values[issue], &coords),
                relative_salience(&pr.weights, issue),
            )
        })
        .collect();
    if actors.len() < 2 {
        return Err(ScenarioInputError::TooFewActors);
    }
    Ok(actors)
}

/// SMP input over the given axis issues (all axes when empty), positions and saliences on 0-100.
pub fn smp_input_from_scenario(
    s: &Scenario,
    issues: &[usize],
) -> Result<SmpInput, ScenarioInputError> {
    let dims: Vec<usize> = if issues.is_empty() {
        let mut a = axis_issues(s);
        a.sort_unstable();
        a
    } else {
        issues.to_vec()
    };
    if dims.is_empty() {
        return Err(ScenarioInputError::NoAxis);
    }
    let actors: Vec<SmpActor> = s
        .parties_with_preferences()
        .into_iter()
        .map(|p| {
            let pr = s.prefs(p);
            let positions = dims
                .iter()
                .map(|&i| {
                    let coords = axis_coordinates(s, i);
                    let (lo, hi) = coords
                        .iter()
                        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &x| {
                            (a.min(x), b.max(x))
                        });
                    let x = ideal_point(&pr.values[i], &coords);
                    if hi > lo {
                        100.0 * (x - lo) / (hi - lo)
                    } else {
                        50.0
                    }
                })
                .collect();
            let saliences = dims
                .iter()
                .map(|&i| {
                    100.0 * pr.weights[i] / pr.weights.iter().sum::<f64>().max(f64::MIN_POSITIVE)
                })
                .collect();
            SmpActor::new(
                s.parties[p].id.clone(),
                s.parties[p].capability,
                positions,
                saliences,
            )
        })
        .collect();
    if actors.len() < 2 {
        return Err(ScenarioInputError::TooFewActors);
    }
    let mut input = SmpInput::new(
        dims.iter().map(|&i| s.issues[i].id.clone()).collect(),
        actors,
    );
    input.name.clone_from(&s.doc.scenario.id);
    Ok(input)
}
