//! The negotiation domain: a scenario seen as an indexed outcome space with one seat per
//! negotiating party.
//!
//! Packages are numbered in mixed radix, issue 0 most significant (the order of Python's
//! `itertools.product`, which NegMAS also uses), so an outcome is a plain `u64` and the
//! engine never allocates to pass one around.

use std::sync::{Arc, OnceLock};

use accord_model::{EPS_UTILITY, Level, Preferences, Scenario};

use crate::analysis::Analysis;
use crate::error::NegotiationError;
use crate::rng::Fnv;
use crate::space::{OfferSpace, build_pool};

/// Index of a package in the outcome space (mixed radix, issue 0 most significant).
pub type OutcomeId = u64;

/// Most issues the engine handles (a space of more than 64 non-trivial issues exceeds 2^64).
pub const MAX_ISSUES: usize = 64;

/// How a scenario is turned into a [`Domain`].
#[derive(Debug, Clone)]
pub struct DomainOptions {
    /// Ids of the negotiating parties, in turn order. `None`: the parties whose consent an
    /// agreement needs (veto parties with preferences), or every party with preferences if
    /// fewer than two have a veto.
    pub parties: Option<Vec<String>>,
    /// Spaces with at most this many packages are enumerated: every utility is precomputed
    /// and agents search the exact sorted list. Larger spaces use a sampled offer pool.
    pub enumerate_limit: u64,
    /// Size of each party's offer pool when the space is not enumerated.
    pub pool_size: usize,
    /// Seed of the offer pools (the pools are part of the domain, not of a run).
    pub seed: u64,
    /// With three or more seats, the Pareto frontier and Nash point (and the distances to
    /// them) are computed only for enumerated spaces up to this size; with two seats, for
    /// every enumerated space (the bilateral frontier is a sort).
    pub analysis_limit: u64,
}

impl Default for DomainOptions {
    fn default() -> Self {
        DomainOptions {
            parties: None,
            enumerate_limit: 1 << 20,
            pool_size: 4096,
            seed: 0,
            analysis_limit: 1 << 18,
        }
    }
}

/// One negotiating party.
#[derive(Debug, Clone)]
pub(crate) struct Seat {
    pub(crate) party: usize,
    pub(crate) id: String,
    pub(crate) prefs: Preferences,
}

/// Precomputed utilities and red-line flags of every package, seat-major.
#[derive(Debug)]
struct Table {
    utils: Vec<f64>,
    red: Vec<bool>,
}

/// A scenario prepared for negotiation: seats, outcome numbering, utilities and each
/// seat's [`OfferSpace`]. Build it once and share it (`Arc<Domain>`) across runs.
#[derive(Debug)]
pub struct Domain {
    name: String,
    scenario: Arc<Scenario>,
    counts: Vec<u32>,
    strides: Vec<u64>,
    size: u64,
    seats: Vec<Seat>,
    table: Option<Table>,
    spaces: Vec<OfferSpace>,
    analysis: OnceLock<Option<Analysis>>,
    analysis_limit: u64,
    fingerprint: u64,
}

impl Domain {
    /// Prepares a scenario with default options.
    pub fn new(scenario: impl Into<Arc<Scenario>>) -> Result<Domain, NegotiationError> {
        Domain::with_options(scenario, &DomainOptions::default())
    }

    /// Prepares a scenario.
    pub fn with_options(
        scenario: impl Into<Arc<Scenario>>,
        opts: &DomainOptions,
    ) -> Result<Domain, NegotiationError> {
        let scenario: Arc<Scenario> = scenario.into();
        let name = scenario.doc.scenario.id.clone();
        if scenario.issues.is_empty() {
            return Err(NegotiationError::Scenario(format!(
                "scenario `{name}` has no issues; there is nothing to negotiate"
            )));
        }
        if scenario.issues.len() > MAX_ISSUES {
            return Err(NegotiationError::SpaceTooLarge {
                scenario: name,
                size: scenario.space_size(),
                max_issues: MAX_ISSUES,
            });
        }
        let size = scenario
            .space_size_exact()
            .and_then(|s| u64::try_from(s).ok())
            .ok_or_else(|| NegotiationError::SpaceTooLarge {
                scenario: name.clone(),
                size: scenario.space_size(),
                max_issues: MAX_ISSUES,
            })?;
        let counts: Vec<u32> = scenario
            .issues
            .iter()
            .map(|i| u32::try_from(i.len()).unwrap_or(u32::MAX))
            .collect();
        let mut strides = vec![1u64; counts.len()];
        for i in (0..counts.len().saturating_sub(1)).rev() {
            strides[i] = strides[i + 1] * u64::from(counts[i + 1]);
        }

        let seat_parties = choose_seats(&scenario, opts.parties.as_deref())?;
        let mut seats = Vec::with_capacity(seat_parties.len());
        for &p in &seat_parties {
            let party = &scenario.parties[p];
            let prefs = party.preferences.clone().ok_or_else(|| {
                NegotiationError::PotentialBug(format!("party `{}` lost its preferences", party.id))
            })?;
            seats.push(Seat {
                party: p,
                id: party.id.clone(),
                prefs,
            });
        }

        let mut domain = Domain {
            name,
            scenario,
            counts,
            strides,
            size,
            seats,
            table: None,
            spaces: Vec::new(),
            analysis: OnceLock::new(),
            analysis_limit: opts.analysis_limit,
            fingerprint: 0,
        };
        if size <= opts.enumerate_limit {
            domain.table = Some(domain.build_table());
            domain.spaces = (0..domain.seats.len())
                .map(|s| domain.enumerated_space(s))
                .collect();
        } else {
            domain.spaces = (0..domain.seats.len())
                .map(|s| build_pool(&domain, s, opts.pool_size, opts.seed))
                .collect();
        }
        domain.fingerprint = domain.compute_fingerprint(opts);
        Ok(domain)
    }

    fn build_table(&self) -> Table {
        let n = self.seats.len();
        let size = usize::try_from(self.size).unwrap_or(usize::MAX);
        let mut utils = vec![0.0; size * n];
        let mut red = vec![false; size * n];
        let mut pkg = vec![0 as Level; self.counts.len()];
        for id in 0..size {
            for (s, seat) in self.seats.iter().enumerate() {
                utils[s * size + id] = seat.prefs.utility(&pkg);
                red[s * size + id] = seat.prefs.first_red_line_crossed(&pkg).is_some();
            }
            // Odometer increment, last issue fastest.
            for i in (0..pkg.len()).rev() {
                pkg[i] += 1;
                if pkg[i] < self.counts[i] {
                    break;
                }
                pkg[i] = 0;
            }
        }
        Table { utils, red }
    }

    fn enumerated_space(&self, seat: usize) -> OfferSpace {
        let rv = self.reservation(seat);
        let mut entries: Vec<(f64, OutcomeId)> = (0..self.size)
            .filter(|&id| !self.crosses_red_line(seat, id))
            .map(|id| (self.utility(seat, id), id))
            .filter(|&(u, _)| u >= rv - EPS_UTILITY)
            .collect();
        OfferSpace::from_entries(&mut entries, true).cache_levels(self)
    }

    fn compute_fingerprint(&self, opts: &DomainOptions) -> u64 {
        let mut h = Fnv::new();
        h.str(&self.name);
        for (i, issue) in self.scenario.issues.iter().enumerate() {
            h.str(&issue.id).u64(u64::from(self.counts[i]));
            for l in &issue.levels {
                h.str(&l.id);
            }
        }
        for seat in &self.seats {
            h.str(&seat.id)
                .f64(seat.prefs.reservation)
                .f64(seat.prefs.discount);
            for (w, vs) in seat.prefs.weights.iter().zip(&seat.prefs.values) {
                h.f64(*w);
                for v in vs {
                    h.f64(*v);
                }
            }
            for r in &seat.prefs.red_lines {
                h.str(&r.description);
            }
            for t in &seat.prefs.interactions {
                h.str(&t.description).f64(t.value);
            }
        }
        h.u64(opts.enumerate_limit)
            .u64(opts.pool_size as u64)
            .u64(opts.seed)
            .u64(opts.analysis_limit);
        h.finish()
    }

    /// The scenario id.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The scenario.
    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }

    /// Number of negotiating parties (seats).
    pub fn n_seats(&self) -> usize {
        self.seats.len()
    }

    /// Party id of a seat.
    pub fn seat_id(&self, seat: usize) -> &str {
        &self.seats[seat].id
    }

    /// Scenario party index of a seat.
    pub fn seat_party(&self, seat: usize) -> usize {
        self.seats[seat].party
    }

    /// Preferences of a seat.
    pub fn prefs(&self, seat: usize) -> &Preferences {
        &self.seats[seat].prefs
    }

    /// Reservation (utility of no deal) of a seat.
    pub fn reservation(&self, seat: usize) -> f64 {
        self.seats[seat].prefs.reservation
    }

    /// Discount factor of a seat (1 = none).
    pub fn discount(&self, seat: usize) -> f64 {
        self.seats[seat].prefs.discount
    }

    /// Number of packages.
    pub fn size(&self) -> u64 {
        self.size
    }

    /// Number of issues.
    pub fn n_issues(&self) -> usize {
        self.counts.len()
    }

    /// Number of levels per issue.
    pub fn level_counts(&self) -> &[u32] {
        &self.counts
    }

    /// Whether every package's utility is precomputed (the space was enumerated).
    pub fn is_enumerated(&self) -> bool {
        self.table.is_some()
    }

    /// A fingerprint of everything that determines a negotiation's outcome on this domain.
    pub fn fingerprint(&self) -> u64 {
        self.fingerprint
    }

    /// The package with these levels, or `None` if a level is out of range or the length is wrong.
    pub fn encode(&self, package: &[Level]) -> Option<OutcomeId> {
        if package.len() != self.counts.len() {
            return None;
        }
        let mut id = 0u64;
        for ((&l, &c), &s) in package.iter().zip(&self.counts).zip(&self.strides) {
            if l >= c {
                return None;
            }
            id += u64::from(l) * s;
        }
        Some(id)
    }

    /// Writes the levels of a package into `out` (which must hold one slot per issue).
    #[inline]
    pub fn decode_into(&self, id: OutcomeId, out: &mut [Level]) {
        let mut rem = id;
        for i in (0..self.counts.len()).rev() {
            let c = u64::from(self.counts[i]);
            // c <= u32::MAX, so the remainder fits.
            out[i] = (rem % c) as Level;
            rem /= c;
        }
    }

    /// The levels of a package.
    pub fn package(&self, id: OutcomeId) -> Vec<Level> {
        let mut v = vec![0; self.counts.len()];
        self.decode_into(id, &mut v);
        v
    }

    /// A package as `issue=option` pairs.
    pub fn describe(&self, id: OutcomeId) -> String {
        self.scenario.describe_package(&self.package(id))
    }

    /// Utility of a package for a seat (undiscounted).
    #[inline]
    pub fn utility(&self, seat: usize, id: OutcomeId) -> f64 {
        match &self.table {
            Some(t) => t.utils[seat * self.size as usize + id as usize],
            None => {
                let mut buf = [0 as Level; MAX_ISSUES];
                let pkg = &mut buf[..self.counts.len()];
                self.decode_into(id, pkg);
                self.seats[seat].prefs.utility(pkg)
            }
        }
    }

    /// Whether a package crosses one of a seat's red lines.
    #[inline]
    pub fn crosses_red_line(&self, seat: usize, id: OutcomeId) -> bool {
        match &self.table {
            Some(t) => t.red[seat * self.size as usize + id as usize],
            None => {
                let prefs = &self.seats[seat].prefs;
                if prefs.red_lines.is_empty() {
                    return false;
                }
                let mut buf = [0 as Level; MAX_ISSUES];
                let pkg = &mut buf[..self.counts.len()];
                self.decode_into(id, pkg);
                prefs.first_red_line_crossed(pkg).is_some()
            }
        }
    }

    /// Whether a seat can accept a package: no red line crossed and utility at least its reservation.
    #[inline]
    pub fn acceptable(&self, seat: usize, id: OutcomeId) -> bool {
        !self.crosses_red_line(seat, id)
            && self.utility(seat, id) >= self.reservation(seat) - EPS_UTILITY
    }

    /// Whether `id` is a package of this space.
    #[inline]
    pub fn contains(&self, id: OutcomeId) -> bool {
        id < self.size
    }

    /// The packages a seat may offer, sorted by its utility.
    pub fn space(&self, seat: usize) -> &OfferSpace {
        &self.spaces[seat]
    }

    /// Pareto frontier and Nash point, for enumerated spaces (two seats, or up to
    /// [`DomainOptions::analysis_limit`] packages); computed on first use.
    pub fn analysis(&self) -> Option<&Analysis> {
        self.analysis
            .get_or_init(|| {
                let small = self.seats.len() == 2 || self.size <= self.analysis_limit;
                (self.table.is_some() && small).then(|| Analysis::compute(self))
            })
            .as_ref()
    }

    /// The issues a seat most wants changed in a text, best first: red lines crossed
    /// (with a level that uncrosses them) before plain gains. Writes at most `k` into `out`.
    pub fn objections(&self, seat: usize, id: OutcomeId, k: usize, out: &mut Vec<Objection>) {
        out.clear();
        if k == 0 {
            return;
        }
        let prefs = &self.seats[seat].prefs;
        let n = self.counts.len();
        let mut buf = [0 as Level; MAX_ISSUES];
        let pkg = &mut buf[..n];
        self.decode_into(id, pkg);
        let base = prefs.utility(pkg);
        // Red lines first: for each line crossed, the single change that uncrosses it
        // (without crossing another) at the best utility.
        for line in &prefs.red_lines {
            if !line.crossed_by(pkg) {
                continue;
            }
            let mut best: Option<(f64, usize, Level)> = None;
            for c in &line.conditions {
                let keep = pkg[c.issue];
                for l in 0..self.counts[c.issue] {
                    if c.levels.contains(l) {
                        continue;
                    }
                    pkg[c.issue] = l;
                    if !line.crossed_by(pkg) {
                        let u = prefs.utility(pkg);
                        if best.is_none_or(|(bu, _, _)| u > bu) {
                            best = Some((u, c.issue, l));
                        }
                    }
                }
                pkg[c.issue] = keep;
            }
            if let Some((u, issue, wanted)) = best
                && !out.iter().any(|o| o.issue == issue)
            {
                out.push(Objection {
                    issue,
                    wanted,
                    gain: u - base,
                    red_line: true,
                });
            }
        }
        let n_red = out.len();
        for i in 0..n {
            if out.iter().any(|o| o.issue == i) {
                continue;
            }
            let keep = pkg[i];
            let mut best: Option<(f64, Level)> = None;
            for l in 0..self.counts[i] {
                if l == keep {
                    continue;
                }
                pkg[i] = l;
                if prefs.first_red_line_crossed(pkg).is_none() {
                    let u = prefs.utility(pkg);
                    if u > base + EPS_UTILITY && best.is_none_or(|(bu, _)| u > bu) {
                        best = Some((u, l));
                    }
                }
            }
            pkg[i] = keep;
            if let Some((u, l)) = best {
                out.push(Objection {
                    issue: i,
                    wanted: l,
                    gain: u - base,
                    red_line: false,
                });
            }
        }
        out[n_red..].sort_by(|a, b| b.gain.total_cmp(&a.gain).then(a.issue.cmp(&b.issue)));
        out.truncate(k);
    }
}

/// An issue a party wants changed, and the level it asks for.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Objection {
    /// Issue index.
    pub issue: usize,
    /// The level the party asks for.
    pub wanted: Level,
    /// Utility the party would gain from the change alone (its private information;
    /// mediators in accord do not read it).
    pub gain: f64,
    /// Whether the text crosses one of the party's red lines and this change uncrosses it.
    pub red_line: bool,
}

fn choose_seats(
    scenario: &Scenario,
    ids: Option<&[String]>,
) -> Result<Vec<usize>, NegotiationError> {
    let seats = match ids {
        Some(ids) => {
            let mut v = Vec::with_capacity(ids.len());
            for id in ids {
                let p = scenario.party_index(id).ok_or_else(|| {
                    NegotiationError::Scenario(format!(
                        "no party `{id}` in scenario `{}`; parties: {}",
                        scenario.doc.scenario.id,
                        scenario
                            .parties
                            .iter()
                            .map(|p| format!("`{}`", p.id))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ))
                })?;
                if scenario.parties[p].preferences.is_none() {
                    return Err(NegotiationError::Scenario(format!(
                        "party `{id}` has no preferences, so it cannot negotiate; give it a `[preferences.{id}]` table"
                    )));
                }
                if v.contains(&p) {
                    return Err(NegotiationError::Scenario(format!(
                        "party `{id}` is listed twice"
                    )));
                }
                v.push(p);
            }
            v
        }
        None => {
            let veto = scenario.veto_parties();
            if veto.len() >= 2 {
                veto
            } else {
                scenario.parties_with_preferences()
            }
        }
    };
    if seats.len() < 2 {
        return Err(NegotiationError::Scenario(format!(
            "scenario `{}` has {} negotiating part{} with preferences; a negotiation needs at least two",
            scenario.doc.scenario.id,
            seats.len(),
            if seats.len() == 1 { "y" } else { "ies" }
        )));
    }
    Ok(seats)
}
