//! Dates as the user reads them, one rule for every face (the list, the detail pane, explain, scan and the
//! exports): in the local time zone — `TZ`, else the system's, from its tz database, through jiff — or in
//! UTC when the config says `utc = true`. The list's short form follows mutt: `10:32` today, `Nov 24` this
//! year, `2025-11-24` before.

use std::sync::OnceLock;

use jiff::fmt::temporal::DateTimePrinter;
use jiff::tz::TimeZone;
use jiff::{Timestamp, Zoned};

static ZONE: OnceLock<TimeZone> = OnceLock::new();
static UTC: OnceLock<bool> = OnceLock::new();

/// Chooses the zone once, at start: UTC when `utc` (config `utc = true`), else the local one. Later calls
/// change nothing. The zone itself is looked up on first use: finding the system's zone reads the tz
/// database (a few milliseconds), which commands that print no date, such as `mailvet filter`, never pay.
pub fn choose(utc: bool) {
    let _ = UTC.set(utc);
}

/// The zone dates are shown in (the local one unless [`choose`] said UTC).
pub fn zone() -> &'static TimeZone {
    ZONE.get_or_init(|| {
        if UTC.get().copied().unwrap_or(false) {
            TimeZone::UTC
        } else {
            TimeZone::system()
        }
    })
}

fn zoned(t: i64, zone: &TimeZone) -> Option<Zoned> {
    Some(Timestamp::from_second(t).ok()?.to_zoned(zone.clone()))
}

/// `2026-11-24T10:32:00+01:00`: RFC 3339 in the zone (records, exports).
pub fn rfc3339(t: i64) -> String {
    rfc3339_in(t, zone())
}

/// The format of [`rfc3339`].
const RFC3339: &str = "%Y-%m-%dT%H:%M:%S%:z";

fn rfc3339_in(t: i64, zone: &TimeZone) -> String {
    let Ok(when) = Timestamp::from_second(t) else {
        return String::new();
    };
    let offset = zone.to_offset(when);
    let year = offset.to_datetime(when).year();
    // jiff's RFC 3339 printer (a scan writes one date per message; strftime costs ten times as much) where it
    // writes what strftime does: four-digit years and offsets in whole minutes; strftime writes the others.
    if !(1000..=9999).contains(&year) || offset.seconds() % 60 != 0 {
        return zoned(t, zone).map_or_else(String::new, |z| z.strftime(RFC3339).to_string());
    }
    const PRINTER: DateTimePrinter = DateTimePrinter::new();
    let mut out = String::with_capacity(25);
    // Printing into a String cannot fail.
    let _ = PRINTER.print_timestamp_with_offset(&when, offset, &mut out);
    out
}

/// `Tue, 24 Nov 2026 10:32:00 +0100`: RFC 5322 in the zone (the Date header of reports).
pub fn rfc5322(t: i64) -> String {
    zoned(t, zone()).map_or_else(String::new, |z| {
        z.strftime("%a, %d %b %Y %H:%M:%S %z").to_string()
    })
}

/// Today's date in the zone, `2026-11-24` (what the user taught is dated with it).
pub fn today() -> String {
    day(Timestamp::now().as_second())
}

/// The date of `t` (Unix seconds) in the zone, `2026-11-24`.
pub fn day(t: i64) -> String {
    zoned(t, zone()).map_or_else(String::new, |z| z.strftime("%Y-%m-%d").to_string())
}

/// The list's date for `t`: the time when it is `now`'s day, the month and day in `now`'s year, else the
/// full date (both Unix seconds).
pub fn list_date(t: i64, now: i64) -> String {
    list_date_in(t, now, zone())
}

fn list_date_in(t: i64, now: i64, zone: &TimeZone) -> String {
    let (Some(when), Some(today)) = (zoned(t, zone), zoned(now, zone)) else {
        return String::new();
    };
    let format = if when.date() == today.date() {
        "%H:%M"
    } else if when.year() == today.year() {
        "%b %e"
    } else {
        "%Y-%m-%d"
    };
    when.strftime(format).to_string()
}

/// A full timestamp with the zone's abbreviation: `2026-11-24 10:32 CET`.
pub fn full_date(t: i64) -> String {
    full_date_in(t, zone())
}

fn full_date_in(t: i64, zone: &TimeZone) -> String {
    zoned(t, zone).map_or_else(String::new, |z| z.strftime("%Y-%m-%d %H:%M %Z").to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_795_512_720; // 2026-11-24 09:32 UTC

    #[test]
    fn dates_are_absolute_with_less_detail_further_back() {
        let utc = TimeZone::UTC;
        assert_eq!(list_date_in(NOW - 60, NOW, &utc), "09:31");
        assert_eq!(list_date_in(NOW - 86_400 * 30, NOW, &utc), "Oct 25");
        assert_eq!(list_date_in(NOW - 86_400 * 365, NOW, &utc), "2025-11-24");
        assert_eq!(list_date_in(0, NOW, &utc), "1970-01-01");
        assert_eq!(list_date_in(-86_400, NOW, &utc), "1969-12-31");
        assert_eq!(full_date_in(NOW, &utc), "2026-11-24 09:32 UTC");
    }

    #[test]
    fn rfc3339_writes_what_strftime_writes() {
        let zones = [
            TimeZone::UTC,
            TimeZone::fixed(jiff::tz::offset(9)),
            TimeZone::fixed(jiff::tz::offset(-10)),
            TimeZone::fixed(jiff::tz::Offset::from_seconds(5 * 3600 + 45 * 60).unwrap()),
            TimeZone::fixed(jiff::tz::Offset::from_seconds(-(3 * 3600 + 30 * 60)).unwrap()),
            // Seconds in the offset, as some zones had before 1972: strftime's way.
            TimeZone::fixed(jiff::tz::Offset::from_seconds(-(44 * 60 + 30)).unwrap()),
            TimeZone::get("Europe/Berlin").unwrap_or(TimeZone::UTC),
        ];
        let times = [
            0,
            -1,
            NOW,
            NOW + 86_399,
            951_825_600,      // 2000-02-29
            -30_610_224_000,  // 1000-01-01
            -30_610_224_001,  // the year 999: strftime's way
            -62_135_596_800,  // 0001-01-01
            253_402_300_799,  // 9999-12-31T23:59:59Z
            -377_705_116_800, // the least jiff takes
            i64::MAX,         // more than jiff takes: nothing
            1_679_792_400,    // around a change of Berlin's offset
            1_679_792_400 + 3_600,
        ];
        for zone in &zones {
            for t in times {
                let strftime =
                    zoned(t, zone).map_or_else(String::new, |z| z.strftime(RFC3339).to_string());
                assert_eq!(rfc3339_in(t, zone), strftime, "{t} in {zone:?}");
            }
        }
    }

    #[test]
    fn the_zone_decides_the_day_and_the_hour() {
        let tokyo = TimeZone::fixed(jiff::tz::offset(9));
        let honolulu = TimeZone::fixed(jiff::tz::offset(-10));
        // 2026-11-24 20:00 UTC is already the 25th in Tokyo and still the 24th in Honolulu.
        let t = NOW + 10 * 3600 + 28 * 60;
        assert_eq!(rfc3339_in(t, &tokyo), "2026-11-25T05:00:00+09:00");
        assert_eq!(rfc3339_in(t, &honolulu), "2026-11-24T10:00:00-10:00");
        assert_eq!(list_date_in(t, t, &tokyo), "05:00");
        assert_eq!(list_date_in(t, t + 6 * 3600, &honolulu), "10:00");
        assert_eq!(list_date_in(t, t + 14 * 3600, &honolulu), "Nov 24");
    }
}
