//! Weighted median and mean, the two per-round EUM forecasts.

/// Relative slack when testing whether a cumulative weight reaches half the total, so that
/// an exact half is not missed by rounding in the running sum.
pub(crate) const HALF_WEIGHT_REL_EPS: f64 = 1e-12;

/// The weighted median of `values`: the smallest value whose cumulative weight (values
/// taken in ascending order) reaches half the total weight.
///
/// With linear utilities on one axis this is the Condorcet winner among the values (the
/// "median voter" forecast of the expected-utility model). Equal values pool their weight.
/// Returns `None` when the slices differ in length, are empty, or the total weight is not
/// positive; weights are expected to be finite and non-negative.
///
/// ```
/// use accord_forecast::weighted_median;
/// let m = weighted_median(&[4.0, 7.0, 10.0], &[0.3, 0.1, 0.6]);
/// assert!(m.is_some_and(|m| (m - 10.0).abs() < 1e-12));
/// let m = weighted_median(&[4.0, 7.0, 10.0], &[0.5, 0.1, 0.4]);
/// assert!(m.is_some_and(|m| (m - 4.0).abs() < 1e-12));
/// ```
#[must_use]
pub fn weighted_median(values: &[f64], weights: &[f64]) -> Option<f64> {
    if values.len() != weights.len() || values.is_empty() {
        return None;
    }
    let total: f64 = weights.iter().sum();
    if total.partial_cmp(&0.0) != Some(std::cmp::Ordering::Greater) {
        return None;
    }
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|&a, &b| values[a].total_cmp(&values[b]));
    let half = 0.5 * total * (1.0 - HALF_WEIGHT_REL_EPS);
    let mut cumulative = 0.0;
    for &i in &order {
        cumulative += weights[i];
        if cumulative >= half {
            return Some(values[i]);
        }
    }
    order.last().map(|&i| values[i])
}

/// The weighted mean `Σ wᵢ xᵢ / Σ wᵢ`, or `None` when the slices differ in length, are
/// empty, or the total weight is not positive.
///
/// ```
/// use accord_forecast::weighted_mean;
/// let mean = weighted_mean(&[0.0, 10.0], &[3.0, 1.0]);
/// assert!(mean.is_some_and(|m| (m - 2.5).abs() < 1e-12));
/// ```
#[must_use]
pub fn weighted_mean(values: &[f64], weights: &[f64]) -> Option<f64> {
    if values.len() != weights.len() || values.is_empty() {
        return None;
    }
    let total: f64 = weights.iter().sum();
    if total.partial_cmp(&0.0) != Some(std::cmp::Ordering::Greater) {
        return None;
    }
    let sum: f64 = values.iter().zip(weights).map(|(x, w)| x * w).sum();
    Some(sum / total)
}

#[cfg(test)]
mod tests {
    use super::*;

    const EPS: f64 = 1e-12;

    #[test]
    fn median_takes_the_lower_value_on_an_exact_split() {
        let m = weighted_median(&[1.0, 2.0], &[1.0, 1.0]).expect("defined");
        assert!((m - 1.0).abs() < EPS);
    }

    #[test]
    fn median_ignores_input_order() {
        let m = weighted_median(&[10.0, 4.0, 7.0], &[0.6, 0.3, 0.1]).expect("defined");
        assert!((m - 10.0).abs() < EPS);
    }

    #[test]
    fn undefined_cases_are_none() {
        assert_eq!(weighted_median(&[], &[]), None);
        assert_eq!(weighted_median(&[1.0], &[0.0]), None);
        assert_eq!(weighted_median(&[1.0], &[1.0, 2.0]), None);
        assert_eq!(weighted_mean(&[1.0, 2.0], &[0.0, 0.0]), None);
    }
}
