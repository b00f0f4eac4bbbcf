//! Outcome-space analysis for enumerated domains: the Pareto frontier and the Nash point,
//! and the distances the tournament reports.
//!
//! Conventions (written down because GENIUS and NegMAS differ):
//! - Candidates are the packages that cross no seat's red line (red lines are hard
//!   constraints). They are *not* filtered by reservation (GENIUS keeps every bid; NegMAS
//!   keeps only rational ones).
//! - Duplicate utility vectors are all kept (NegMAS collapses them).
//! - Nash = argmax over the frontier of the product of `u_i - rv_i`, among points where
//!   every seat gets at least its reservation; none if no such point. Ties: lowest package index.
//! - Distances are Euclidean in the space of undiscounted utilities. A negotiation without
//!   agreement sits at the reservation vector.

use crate::domain::{Domain, OutcomeId};

/// Pareto frontier and Nash point of an enumerated domain.
#[derive(Debug, Clone)]
pub struct Analysis {
    n: usize,
    /// Frontier packages, by descending sum of utilities then ascending index.
    frontier: Vec<OutcomeId>,
    /// Utility vectors of the frontier, `n` per package.
    points: Vec<f64>,
    nash: Option<OutcomeId>,
    nash_point: Option<Vec<f64>>,
    feasible: u64,
}

impl Analysis {
    pub(crate) fn compute(domain: &Domain) -> Analysis {
        let n = domain.n_seats();
        let rv: Vec<f64> = (0..n).map(|s| domain.reservation(s)).collect();
        let mut cands: Vec<(f64, OutcomeId)> = (0..domain.size())
            .filter(|&id| (0..n).all(|s| !domain.crosses_red_line(s, id)))
            .map(|id| ((0..n).map(|s| domain.utility(s, id)).sum(), id))
            .collect();
        let feasible = cands.len() as u64;
        cands.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        let mut frontier: Vec<OutcomeId> = Vec::new();
        let mut points: Vec<f64> = Vec::new();
        let mut p = vec![0.0; n];
        if n == 2 {
            // Sort by u0 desc, u1 desc: a point is on the frontier iff its u1 beats every
            // earlier point's (or ties the best with an equal u0).
            let mut by0: Vec<(f64, f64, OutcomeId)> = cands
                .iter()
                .map(|&(_, id)| (domain.utility(0, id), domain.utility(1, id), id))
                .collect();
            by0.sort_by(|a, b| {
                b.0.total_cmp(&a.0)
                    .then(b.1.total_cmp(&a.1))
                    .then(a.2.cmp(&b.2))
            });
            let mut best1 = f64::NEG_INFINITY;
            let mut best0 = f64::NAN;
            let mut keep: Vec<OutcomeId> = Vec::new();
            for &(u0, u1, id) in &by0 {
                #[allow(clippy::float_cmp)]
                let same_as_best = u1 == best1 && u0 == best0;
                if u1 > best1 || same_as_best {
                    keep.push(id);
                    best1 = u1;
                    best0 = u0;
                }
            }
            let keep: std::collections::HashSet<OutcomeId> = keep.into_iter().collect();
            for &(_, id) in &cands {
                if keep.contains(&id) {
                    frontier.push(id);
                    points.push(domain.utility(0, id));
                    points.push(domain.utility(1, id));
                }
            }
        } else {
            for &(_, id) in &cands {
                for (s, x) in p.iter_mut().enumerate() {
                    *x = domain.utility(s, id);
                }
                let dominated = points.chunks_exact(n).any(|q| dominates(q, &p));
                if !dominated {
                    frontier.push(id);
                    points.extend_from_slice(&p);
                }
            }
        }
        let mut nash: Option<(f64, OutcomeId, usize)> = None;
        for (k, (&id, q)) in frontier.iter().zip(points.chunks_exact(n)).enumerate() {
            if q.iter().zip(&rv).any(|(u, r)| *u < *r) {
                continue;
            }
            let prod: f64 = q.iter().zip(&rv).map(|(u, r)| u - r).product();
            let better = match nash {
                None => true,
                Some((bp, bid, _)) => prod > bp || (prod >= bp && id < bid),
            };
            if better {
                nash = Some((prod, id, k));
            }
        }
        Analysis {
            n,
            nash: nash.map(|x| x.1),
            nash_point: nash.map(|(_, _, k)| points[k * n..(k + 1) * n].to_vec()),
            frontier,
            points,
            feasible,
        }
    }

    /// Frontier packages (by descending welfare, then ascending index).
    pub fn frontier(&self) -> &[OutcomeId] {
        &self.frontier
    }

    /// Utility vector of frontier entry `k`.
    pub fn frontier_point(&self, k: usize) -> &[f64] {
        &self.points[k * self.n..(k + 1) * self.n]
    }

    /// The Nash package, if some frontier point gives every seat its reservation.
    pub fn nash(&self) -> Option<OutcomeId> {
        self.nash
    }

    /// Utilities at the Nash package.
    pub fn nash_point(&self) -> Option<&[f64]> {
        self.nash_point.as_deref()
    }

    /// Number of packages crossing no seat's red line.
    pub fn feasible(&self) -> u64 {
        self.feasible
    }

    /// Euclidean distance from a utility vector to the nearest frontier point.
    pub fn distance_to_frontier(&self, u: &[f64]) -> Option<f64> {
        self.points
            .chunks_exact(self.n)
            .map(|q| euclid(q, u))
            .min_by(f64::total_cmp)
    }

    /// Euclidean distance from a utility vector to the Nash point.
    pub fn distance_to_nash(&self, u: &[f64]) -> Option<f64> {
        self.nash_point.as_deref().map(|q| euclid(q, u))
    }
}

fn dominates(q: &[f64], p: &[f64]) -> bool {
    let mut strict = false;
    for (a, b) in q.iter().zip(p) {
        if a < b {
            return false;
        }
        if a > b {
            strict = true;
        }
    }
    strict
}

fn euclid(a: &[f64], b: &[f64]) -> f64 {
    a.iter()
        .zip(b)
        .map(|(x, y)| (x - y) * (x - y))
        .sum::<f64>()
        .sqrt()
}
