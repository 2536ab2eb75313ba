//! `classify` and `retry_after` as tables, without sockets.

use super::*;
use reqwest::header::{HeaderName, HeaderValue};

/// Header pairs as a table row writes them.
type Headers<'a> = &'a [(&'a str, &'a str)];

fn headers(pairs: Headers) -> HeaderMap {
    let mut map = HeaderMap::new();
    for (k, v) in pairs {
        map.insert(
            HeaderName::from_bytes(k.as_bytes()).unwrap(),
            HeaderValue::from_str(v).unwrap(),
        );
    }
    map
}

/// An IMF-fixdate `secs` seconds after 1970 (the inverse of `parse_http_date`).
fn http_date(secs: i64) -> String {
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    format!(
        "Mon, {day:02} {} {year} {:02}:{:02}:{:02} GMT",
        MONTHS[month as usize - 1],
        rem / 3600,
        rem / 60 % 60,
        rem % 60
    )
}

fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

const QUOTA: &[u8] =
    br#"{"error":{"message":"out of credit","type":"insufficient_quota","code":"insufficient_quota"}}"#;
const RATE: &[u8] = br#"{"error":{"message":"slow down","code":"rate_limit_exceeded"}}"#;

#[test]
fn every_status_class() {
    use Decision::*;
    use Refusal::*;
    let none = HeaderMap::new();
    let table: &[(u16, &[u8], Decision)] = &[
        (200, b"", Accept),
        (201, b"", Accept),
        (400, b"", Stop(BadRequest)),
        (401, b"", Stop(Authentication)),
        (403, b"", Stop(Authentication)),
        (404, b"", Stop(BadRequest)),
        (
            408,
            b"",
            Retry {
                refusal: Server,
                wait: None,
            },
        ),
        (
            409,
            b"",
            Retry {
                refusal: Server,
                wait: None,
            },
        ),
        (422, b"", Stop(BadRequest)),
        (
            429,
            RATE,
            Retry {
                refusal: RateLimit,
                wait: None,
            },
        ),
        (429, QUOTA, Stop(Quota)),
        (
            429,
            b"<html>busy</html>",
            Retry {
                refusal: RateLimit,
                wait: None,
            },
        ),
        (
            500,
            b"",
            Retry {
                refusal: Server,
                wait: None,
            },
        ),
        (
            502,
            b"<html>Bad Gateway</html>",
            Retry {
                refusal: Server,
                wait: None,
            },
        ),
        (
            503,
            b"",
            Retry {
                refusal: Server,
                wait: None,
            },
        ),
        (
            599,
            b"",
            Retry {
                refusal: Server,
                wait: None,
            },
        ),
        (302, b"", Stop(BadRequest)),
    ];
    for (status, body, expected) in table {
        assert_eq!(classify(*status, &none, body), *expected, "HTTP {status}");
    }
}

#[test]
fn x_should_retry_comes_before_the_status_rules() {
    use Decision::*;
    use Refusal::*;
    let no = headers(&[("x-should-retry", "false")]);
    let yes = headers(&[("x-should-retry", "true")]);
    let odd = headers(&[("x-should-retry", "maybe")]);
    let table: &[(u16, &HeaderMap, &[u8], Decision)] = &[
        (500, &no, b"", Stop(Server)),
        (429, &no, RATE, Stop(RateLimit)),
        (
            400,
            &yes,
            b"",
            Retry {
                refusal: BadRequest,
                wait: None,
            },
        ),
        (
            401,
            &yes,
            b"",
            Retry {
                refusal: Authentication,
                wait: None,
            },
        ),
        (
            500,
            &odd,
            b"",
            Retry {
                refusal: Server,
                wait: None,
            },
        ),
        (400, &odd, b"", Stop(BadRequest)),
        (200, &no, b"", Accept),
    ];
    for (status, h, body, expected) in table {
        assert_eq!(classify(*status, h, body), *expected, "HTTP {status} {h:?}");
    }
}

#[test]
fn retry_after_in_every_form() {
    let secs = Duration::from_secs;
    let soon = http_date(now() + 30);
    let past = http_date(now() - 30);
    let later = http_date(now() + 3600);
    let table: &[(Headers, Option<Duration>)] = &[
        (&[("retry-after", "3")], Some(secs(3))),
        (
            &[("retry-after", " 2.5 ")],
            Some(Duration::from_millis(2500)),
        ),
        (&[("retry-after", "60")], Some(secs(60))),
        (&[("retry-after", "61")], None),
        (&[("retry-after", "0")], None),
        (&[("retry-after", "-5")], None),
        (&[("retry-after", "1e20")], None),
        (&[("retry-after", "18446744073709551616")], None),
        (&[("retry-after", "NaN")], None),
        (&[("retry-after", "inf")], None),
        (&[("retry-after", "soon")], None),
        (&[("retry-after", "")], None),
        (&[("retry-after", &past)], None),
        (&[("retry-after", &later)], None),
        (
            &[("retry-after", "Wed, 01 Jan 9999999999999 00:00:00 GMT")],
            None,
        ),
        (&[("retry-after", "Wed, 99 Foo 2020 99:99:99 GMT")], None),
        (
            &[("retry-after-ms", "1500")],
            Some(Duration::from_millis(1500)),
        ),
        (&[("retry-after-ms", "0")], None),
        (&[("retry-after-ms", "-1")], None),
        (&[("retry-after-ms", "1e30")], None),
        // retry-after-ms wins over Retry-After when both are present.
        (
            &[("retry-after-ms", "250"), ("retry-after", "9")],
            Some(Duration::from_millis(250)),
        ),
        (&[], None),
    ];
    for (pairs, expected) in table {
        assert_eq!(retry_after(&headers(pairs)), *expected, "{pairs:?}");
    }
    let wait = retry_after(&headers(&[("retry-after", &soon)])).unwrap();
    assert!(wait > secs(28) && wait <= secs(30), "{soon}: {wait:?}");
}

#[test]
fn the_decision_carries_the_wait() {
    let h = headers(&[("retry-after", "7")]);
    assert_eq!(
        classify(503, &h, b""),
        Decision::Retry {
            refusal: Refusal::Server,
            wait: Some(Duration::from_secs(7))
        }
    );
}

#[test]
fn http_dates_parse() {
    assert_eq!(
        parse_http_date("Wed, 21 Oct 2015 07:28:00 GMT"),
        Some(1_445_412_480)
    );
    assert_eq!(
        parse_http_date(&http_date(1_445_412_480)),
        Some(1_445_412_480)
    );
    assert_eq!(parse_http_date("soon"), None);
}

#[test]
fn backoff_doubles_and_caps_with_jitter() {
    let p = RetryPolicy {
        max_retries: 5,
        backoff_initial: Duration::from_millis(500),
        backoff_max: Duration::from_secs(8),
    };
    for (n, full) in [(0, 0.5), (1, 1.0), (3, 4.0), (6, 8.0), (40, 8.0)] {
        let d = p.delay(n, None).as_secs_f64();
        assert!(d <= full && d >= full * 0.75, "retry {n}: {d}");
    }
    assert_eq!(
        p.delay(0, Some(Duration::from_secs(3))),
        Duration::from_secs(3)
    );
    // Beyond 60 s the server's hint is ignored.
    assert!(p.delay(0, Some(Duration::from_secs(600))) < Duration::from_secs(1));
}
