//! Step 4, PII scrubbing: replace e-mail addresses and phone numbers with placeholders.
//!
//! Teaches: a model can repeat what it read, so personal data is removed before training.
//! The detectors are small hand-written scanners, not regular expressions, so each rule is
//! visible: an e-mail is `local@domain.tld`; a phone number is 10 to 13 digits in groups,
//! written with `+`, brackets, dashes, dots or (after a `+`) spaces.

use super::{Document, StepOutput};

/// Placeholder that replaces an e-mail address.
pub const EMAIL: &str = "[EMAIL]";
/// Placeholder that replaces a phone number.
pub const PHONE: &str = "[PHONE]";

/// What scrubbing replaced.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PiiStats {
    /// E-mail addresses replaced by `[EMAIL]`.
    pub emails: usize,
    /// Phone numbers replaced by `[PHONE]`.
    pub phones: usize,
    /// Documents that contained at least one of them.
    pub docs_changed: usize,
}

/// Scrubs one text.
///
/// ```
/// let (text, stats) = tiny_lm::data::scrub_text("Mail ann@example.org or call (555) 123-4567.");
/// assert_eq!(text, "Mail [EMAIL] or call [PHONE].");
/// assert_eq!((stats.emails, stats.phones), (1, 1));
/// ```
pub fn scrub_text(text: &str) -> (String, PiiStats) {
    let (text, emails) = replace_spans(text, find_email, EMAIL);
    let (text, phones) = replace_spans(&text, find_phone, PHONE);
    let docs_changed = usize::from(emails + phones > 0);
    (
        text,
        PiiStats {
            emails,
            phones,
            docs_changed,
        },
    )
}

/// Step 4: scrubs every document. Nothing is removed; texts change.
///
/// ```
/// use tiny_lm::data::{scrub_pii, Document};
/// let out = scrub_pii(vec![Document::new("a#1", "Call +44 20 7946 0958 today.")]);
/// assert_eq!(out.kept[0].text, "Call [PHONE] today.");
/// ```
pub fn scrub_pii(docs: Vec<Document>) -> StepOutput<PiiStats> {
    let mut stats = PiiStats::default();
    let kept = docs
        .into_iter()
        .map(|doc| {
            let (text, s) = scrub_text(&doc.text);
            stats.emails += s.emails;
            stats.phones += s.phones;
            stats.docs_changed += s.docs_changed;
            Document { text, ..doc }
        })
        .collect();
    StepOutput {
        kept,
        removed: Vec::new(),
        stats,
    }
}

/// Replaces every span `find` reports (searching from a byte offset) with `placeholder`.
fn replace_spans(
    text: &str,
    find: fn(&str, usize) -> Option<(usize, usize)>,
    placeholder: &str,
) -> (String, usize) {
    let mut out = String::with_capacity(text.len());
    let (mut pos, mut count) = (0, 0);
    while let Some((start, end)) = find(text, pos) {
        out.push_str(&text[pos..start]);
        out.push_str(placeholder);
        pos = end;
        count += 1;
    }
    out.push_str(&text[pos..]);
    (out, count)
}

fn is_local_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "._%+-".contains(c)
}

fn is_domain_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '.' || c == '-'
}

/// The next e-mail address at or after byte `from`, as a byte range.
fn find_email(text: &str, from: usize) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut at = from;
    while let Some(offset) = text[at..].find('@') {
        let i = at + offset;
        at = i + 1;
        let mut start = i;
        while start > 0 && is_local_char(bytes[start - 1] as char) {
            start -= 1;
        }
        let start = start.max(from);
        let mut end = i + 1;
        while end < bytes.len() && is_domain_char(bytes[end] as char) {
            end += 1;
        }
        // A sentence may end right after the address: "write to a@b.org."
        while end > i + 1 && matches!(bytes[end - 1], b'.' | b'-') {
            end -= 1;
        }
        let local = &text[start..i];
        let domain = &text[i + 1..end];
        let tld = domain.rsplit('.').next().unwrap_or("");
        let valid = !local.is_empty()
            && !local.starts_with('.')
            && domain.contains('.')
            && !domain.starts_with('.')
            && tld.len() >= 2
            && tld.chars().all(|c| c.is_ascii_alphabetic());
        if valid {
            return Some((start, end));
        }
    }
    None
}

/// The next phone number at or after byte `from`, as a byte range.
fn find_phone(text: &str, from: usize) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut i = from;
    while i < bytes.len() {
        let c = bytes[i];
        let boundary = i == 0 || !(bytes[i - 1] as char).is_alphanumeric();
        if boundary && (c.is_ascii_digit() || c == b'+' || c == b'(') {
            if let Some(end) = phone_at(bytes, i) {
                return Some((i, end));
            }
        }
        i += 1;
    }
    None
}

/// If a phone number starts at `start`, where it ends.
fn phone_at(bytes: &[u8], start: usize) -> Option<usize> {
    let mut end = start;
    while end < bytes.len()
        && matches!(
            bytes[end],
            b'0'..=b'9' | b'+' | b'(' | b')' | b' ' | b'-' | b'.'
        )
    {
        // Two separators in a row (", " or ". ") end the number.
        let sep = |b: u8| matches!(b, b' ' | b'-' | b'.');
        if sep(bytes[end]) && end + 1 < bytes.len() && !matches!(bytes[end + 1], b'0'..=b'9' | b'(')
        {
            break;
        }
        end += 1;
    }
    while end > start && !bytes[end - 1].is_ascii_digit() {
        end -= 1;
    }
    if end == start || (end < bytes.len() && (bytes[end] as char).is_alphanumeric()) {
        return None;
    }
    let s = std::str::from_utf8(&bytes[start..end]).ok()?;
    let digits = s.bytes().filter(u8::is_ascii_digit).count();
    let groups: Vec<&str> = s
        .split(|c: char| !c.is_ascii_digit())
        .filter(|g| !g.is_empty())
        .collect();
    let plus = s.starts_with('+');
    let parens = s.contains('(');
    let only_spaces = !s.contains(['-', '.', '(']);
    let well_formed = (10..=13).contains(&digits)
        && !s[1..].contains('+')
        && s.matches('(').count() == s.matches(')').count()
        && (groups.len() == 1 || groups.iter().all(|g| g.len() <= 4))
        && (groups.len() == 1 || groups.len() >= 3 || parens)
        && (!only_spaces || plus || groups.len() == 1);
    well_formed.then_some(end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phone_formats_are_found() {
        for phone in [
            "(555) 201-7788",
            "555-319-4420",
            "555.867.5309",
            "+1 555 246 8100",
            "+44 20 7946 0958",
            "5554417392",
            "+1-555-730-2291",
        ] {
            let (text, stats) = scrub_text(&format!("Call {phone}, please."));
            assert_eq!(text, "Call [PHONE], please.", "{phone}");
            assert_eq!(stats.phones, 1);
        }
    }

    #[test]
    fn numbers_that_are_not_phones_are_left_alone() {
        for text in [
            "The bridge was built in 1794 and rebuilt in 1851.",
            "Light travels at 299 792 458 metres per second.",
            "Pi is about 3.14159265358979.",
            "On 1969-07-20 people walked on the Moon.",
            "About 1,000,000 people live there, 12 per cent of them children.",
            "Score: 3-1 after 90 minutes (and 2 in extra time).",
        ] {
            let (out, stats) = scrub_text(text);
            assert_eq!(out, text);
            assert_eq!(stats, PiiStats::default());
        }
    }

    #[test]
    fn emails_keep_the_sentence_around_them() {
        let (text, stats) = scrub_text(
            "Write to P.Shah@Volunteers.Example.co.uk. Or tickets+choir@arts-centre.example.net!",
        );
        assert_eq!(text, "Write to [EMAIL]. Or [EMAIL]!");
        assert_eq!(stats.emails, 2);
        let (text, _) = scrub_text("Follow @valley on social media; 2 @ 3 is not an address.");
        assert!(!text.contains(EMAIL));
    }
}
