//! The pairwise vote tally shared by both models.

use rayon::prelude::*;

/// Tallies proportional votes between every pair of options.
///
/// `utilities` is option-major (`utilities[a * voters + v]` is voter `v`'s utility of
/// option `a`); voter `v` casts `w_v (u_va − u_vb)` between options `a` and `b`. The result
/// `support[a * m + b]` is `initial` plus the positive votes for `a` over `b`, summed over
/// voters in order (so the result does not depend on the number of threads); the diagonal
/// holds `initial`.
pub(crate) fn pairwise_support(
    weights: &[f64],
    utilities: &[f64],
    m: usize,
    initial: f64,
) -> Vec<f64> {
    let voters = weights.len();
    let row = |a: usize| &utilities[a * voters..(a + 1) * voters];
    let upper: Vec<Vec<(f64, f64)>> = (0..m)
        .into_par_iter()
        .map(|a| {
            let ua = row(a);
            ((a + 1)..m)
                .map(|b| {
                    let ub = row(b);
                    let (mut for_a, mut for_b) = (initial, initial);
                    for ((w, x), y) in weights.iter().zip(ua).zip(ub) {
                        let vote = w * (x - y);
                        for_a += vote.max(0.0);
                        for_b -= vote.min(0.0);
                    }
                    (for_a, for_b)
                })
                .collect()
        })
        .collect();
    let mut support = vec![initial; m * m];
    for (a, pairs) in upper.iter().enumerate() {
        for (offset, &(for_a, for_b)) in pairs.iter().enumerate() {
            let b = a + 1 + offset;
            support[a * m + b] = for_a;
            support[b * m + a] = for_b;
        }
    }
    support
}

#[cfg(test)]
mod tests {
    use super::*;

    const EPS: f64 = 1e-12;

    #[test]
    fn tallies_positive_votes_each_way() {
        // Two voters (weights 1 and 3), two options.
        let utilities = [1.0, 0.0, 0.5, 1.0];
        let s = pairwise_support(&[1.0, 3.0], &utilities, 2, 0.0);
        assert!((s[1] - 0.5).abs() < EPS, "voter 0 prefers option 0 by 0.5");
        assert!(
            (s[2] - 3.0).abs() < EPS,
            "voter 1 prefers option 1 by 1, weight 3"
        );
        assert!(s[0].abs() < EPS && s[3].abs() < EPS);
    }
}
