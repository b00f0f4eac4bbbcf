//! Calendar dates as day numbers (proleptic Gregorian), for time axes.

/// Days since 1970-01-01 of a `YYYY-MM-DD` date, or `None` if it does not parse.
pub fn day_number(date: &str) -> Option<i64> {
    let (y, m, d) = accord_model::parse_date(date)?;
    Some(days_from_civil(i64::from(y), i64::from(m), i64::from(d)))
}

/// Howard Hinnant's `days_from_civil`.
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The `(year, month, day)` of a day number.
pub fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = if m <= 2 { y + 1 } else { y };
    // d in 1..=31 and m in 1..=12 by construction.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    (y, m as u32, d as u32)
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// A short label: `20 Nov` within a year, `Nov 2025` for long spans.
pub fn short_label(day: i64, long_span: bool) -> String {
    let (y, m, d) = civil_from_days(day);
    let month = MONTHS[(m as usize).saturating_sub(1).min(11)];
    if long_span {
        format!("{month} {y}")
    } else {
        format!("{d} {month}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        assert_eq!(day_number("1970-01-01"), Some(0));
        assert_eq!(day_number("2025-11-20"), Some(20_412));
        assert_eq!(civil_from_days(20_412), (2025, 11, 20));
        assert_eq!(
            civil_from_days(day_number("2024-02-29").unwrap_or(0)),
            (2024, 2, 29)
        );
        assert_eq!(day_number("2025-13-01"), None);
        assert_eq!(short_label(20_412, false), "20 Nov");
        assert_eq!(short_label(20_412, true), "Nov 2025");
    }
}
