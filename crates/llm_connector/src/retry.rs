//! When to try again, as openai-python decides: `x-should-retry` first, then the
//! status (408, 409, 429, 5xx), waiting what the server asked when that is a
//! sensible time (0 < wait <= 60 s), else 0.5 s * 2^n capped at 8 s with jitter.
//! [`classify`] is pure: status, headers and body in, a [`Decision`] out.

use crate::config::MAX_RETRY_AFTER;
use crate::provider::openai::error_details;
use reqwest::header::HeaderMap;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// How many times to retry, and how long to wait between tries.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct RetryPolicy {
    pub max_retries: u32,
    pub backoff_initial: Duration,
    pub backoff_max: Duration,
}

impl RetryPolicy {
    /// The wait before retry number `retries + 1`: the server's hint when it is
    /// usable, else exponential backoff with up to 25 % jitter.
    pub fn delay(&self, retries: u32, hint: Option<Duration>) -> Duration {
        if let Some(wait) = hint.filter(|d| !d.is_zero() && *d <= MAX_RETRY_AFTER) {
            return wait;
        }
        let exp = self
            .backoff_initial
            .saturating_mul(2u32.saturating_pow(retries));
        exp.min(self.backoff_max).mul_f64(1.0 - 0.25 * jitter())
    }
}

/// Why a server refused an answer; the transport turns it into an `LlmError`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Refusal {
    /// 401/403: the key.
    Authentication,
    /// 429 `insufficient_quota`: billing, not speed.
    Quota,
    /// 429.
    RateLimit,
    /// 5xx, 408, 409.
    Server,
    /// Any other status: the request itself.
    BadRequest,
}

/// What to do with a response.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Decision {
    /// 2xx: read the answer.
    Accept,
    /// Try again, after the server's `wait` when it gave a usable one.
    Retry {
        refusal: Refusal,
        wait: Option<Duration>,
    },
    /// Give up with this refusal.
    Stop(Refusal),
}

/// Classifies one response from its status, headers and body.
pub(crate) fn classify(status: u16, headers: &HeaderMap, body: &[u8]) -> Decision {
    if (200..300).contains(&status) {
        return Decision::Accept;
    }
    let refusal = match status {
        401 | 403 => Refusal::Authentication,
        429 if error_details(body, None).1.as_deref() == Some("insufficient_quota") => {
            Refusal::Quota
        }
        429 => Refusal::RateLimit,
        408 | 409 | 500..=599 => Refusal::Server,
        _ => Refusal::BadRequest,
    };
    let should_retry = match header(headers, "x-should-retry") {
        Some("true") => true,
        Some("false") => false,
        _ => matches!(refusal, Refusal::RateLimit | Refusal::Server),
    };
    if should_retry {
        Decision::Retry {
            refusal,
            wait: retry_after(headers),
        }
    } else {
        Decision::Stop(refusal)
    }
}

fn header<'h>(headers: &'h HeaderMap, name: &str) -> Option<&'h str> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
}

/// The server's requested wait, when it is usable: `retry-after-ms`, else
/// `Retry-After` in seconds or as an HTTP date. Anything that is not a time in
/// (0, 60 s] (garbage, negative, zero, huge, far-future dates) is `None`.
pub(crate) fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    // A wait too small to measure (1e-300 s) is no wait: backoff applies.
    let usable = |secs: f64| {
        (secs > 0.0 && secs <= MAX_RETRY_AFTER.as_secs_f64())
            .then(|| Duration::from_secs_f64(secs))
            .filter(|d| !d.is_zero())
    };
    if let Some(ms) = header(headers, "retry-after-ms").and_then(|v| v.parse::<f64>().ok()) {
        return usable(ms / 1000.0);
    }
    let value = header(headers, "retry-after")?;
    if let Ok(secs) = value.parse::<f64>() {
        return usable(secs);
    }
    let at = parse_http_date(value)?;
    let now = SystemTime::now().duration_since(UNIX_EPOCH).ok()?.as_secs() as i64;
    usable(at.checked_sub(now)? as f64)
}

/// Seconds since 1970 for an IMF-fixdate such as `Wed, 21 Oct 2015 07:28:00 GMT`;
/// `None` for anything else, including years outside 1970..=9999.
fn parse_http_date(text: &str) -> Option<i64> {
    let parts: Vec<&str> = text.split_whitespace().collect();
    let [_, day, month, year, time, "GMT"] = parts.as_slice() else {
        return None;
    };
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let month = MONTHS.iter().position(|m| m == month)? as i64 + 1;
    let day: i64 = day.parse().ok().filter(|d| (1..=31).contains(d))?;
    let year: i64 = year.parse().ok().filter(|y| (1970..=9999).contains(y))?;
    let hms: Vec<i64> = time
        .split(':')
        .map(|p| p.parse().ok())
        .collect::<Option<_>>()?;
    let [h @ 0..=23, m @ 0..=59, s @ 0..=60] = hms.as_slice() else {
        return None;
    };
    // Days from civil date (Howard Hinnant's algorithm); bounded inputs cannot overflow.
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * ((month + 9) % 12) + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    Some(days * 86_400 + h * 3600 + m * 60 + s)
}

/// A number in [0, 1); retry jitter needs spread, not cryptographic quality.
fn jitter() -> f64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static STATE: AtomicU64 = AtomicU64::new(0);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as u64);
    let mut x = STATE.fetch_add(0x9E37_79B9_7F4A_7C15, Ordering::Relaxed) ^ nanos;
    x ^= x >> 33;
    x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
    x ^= x >> 33;
    (x >> 11) as f64 / (1u64 << 53) as f64
}

#[cfg(test)]
mod tests;
