//! Absolute dates for the list, as mutt shows them: `10:32` today, `Nov 24` this year, `2025-11-24` before.
//! Pure (the caller passes "now"); times are UTC.

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// (year, month 1-12, day) of a day count since 1970-01-01 (Howard Hinnant's civil_from_days).
pub fn civil(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (
        year,
        u32::try_from(month).unwrap_or(1),
        u32::try_from(day).unwrap_or(1),
    )
}

/// The list's date for `t`, relative to `now` only in how much it says (both Unix seconds).
pub fn list_date(t: i64, now: i64) -> String {
    let (day, now_day) = (t.div_euclid(86_400), now.div_euclid(86_400));
    let (y, m, d) = civil(day);
    if day == now_day {
        let secs = t.rem_euclid(86_400);
        format!("{:02}:{:02}", secs / 3600, secs % 3600 / 60)
    } else if y == civil(now_day).0 {
        let name = MONTHS.get(m as usize - 1).copied().unwrap_or("???");
        format!("{name} {d:2}")
    } else {
        format!("{y:04}-{m:02}-{d:02}")
    }
}

/// A full timestamp, `2026-11-24 10:32 UTC`.
pub fn full_date(t: i64) -> String {
    let (y, m, d) = civil(t.div_euclid(86_400));
    let secs = t.rem_euclid(86_400);
    format!(
        "{y:04}-{m:02}-{d:02} {:02}:{:02} UTC",
        secs / 3600,
        secs % 3600 / 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_795_512_720; // 2026-11-24 09:32 UTC

    #[test]
    fn dates_are_absolute_with_less_detail_further_back() {
        assert_eq!(list_date(NOW - 60, NOW), "09:31");
        assert_eq!(list_date(NOW - 86_400 * 30, NOW), "Oct 25");
        assert_eq!(list_date(NOW - 86_400 * 365, NOW), "2025-11-24");
        assert_eq!(list_date(0, NOW), "1970-01-01");
        assert_eq!(full_date(NOW), "2026-11-24 09:32 UTC");
        assert_eq!(list_date(-86_400, NOW), "1969-12-31");
    }
}
