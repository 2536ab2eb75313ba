//! Server-sent events: bytes in, complete `data:` payloads out. Chunks may split
//! lines, UTF-8 characters and CRLF pairs anywhere; invalid UTF-8 is replaced,
//! never a panic.

/// Incremental SSE parser (the subset chat streams use: `data:` fields,
/// comments, blank-line dispatch; `event`, `id` and `retry` are ignored).
#[derive(Debug, Default)]
pub(crate) struct SseParser {
    line: Vec<u8>,
    data: Option<String>,
    /// The last byte seen was `\r`: a following `\n` belongs to the same break.
    after_cr: bool,
}

impl SseParser {
    /// Feeds bytes; returns the payload of every event completed by them.
    pub fn push(&mut self, bytes: &[u8]) -> Vec<String> {
        let mut events = Vec::new();
        for &b in bytes {
            if self.after_cr && b == b'\n' {
                self.after_cr = false;
                continue;
            }
            self.after_cr = b == b'\r';
            if b == b'\n' || b == b'\r' {
                let line = std::mem::take(&mut self.line);
                if let Some(event) = self.end_line(&line) {
                    events.push(event);
                }
            } else {
                self.line.push(b);
            }
        }
        events
    }

    /// Whether bytes of an unfinished event are buffered.
    pub fn has_pending(&self) -> bool {
        !self.line.is_empty() || self.data.is_some()
    }

    fn end_line(&mut self, line: &[u8]) -> Option<String> {
        if line.is_empty() {
            return self.data.take();
        }
        let line = String::from_utf8_lossy(line);
        if line.starts_with(':') {
            return None;
        }
        let (field, value) = match line.split_once(':') {
            Some((f, v)) => (f, v.strip_prefix(' ').unwrap_or(v)),
            None => (line.as_ref(), ""),
        };
        if field == "data" {
            match &mut self.data {
                Some(data) => {
                    data.push('\n');
                    data.push_str(value);
                }
                None => self.data = Some(value.to_string()),
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_events_split_anywhere() {
        let stream = b": keep-alive\r\ndata: {\"a\":1}\r\n\r\ndata: line1\ndata: line2\n\nevent: x\ndata: [DONE]\n\n";
        let mut whole = SseParser::default();
        let expected = whole.push(stream);
        assert_eq!(expected, vec!["{\"a\":1}", "line1\nline2", "[DONE]"]);
        for split in 0..stream.len() {
            let mut p = SseParser::default();
            let mut got = p.push(&stream[..split]);
            got.extend(p.push(&stream[split..]));
            assert_eq!(got, expected, "split at {split}");
        }
    }

    #[test]
    fn lone_cr_ends_lines_and_utf8_split_survives() {
        let mut p = SseParser::default();
        let text = "data: héllo\r\r".as_bytes();
        let mut got = p.push(&text[..8]);
        got.extend(p.push(&text[8..]));
        assert_eq!(got, vec!["héllo"]);
        assert!(!p.has_pending());
    }
}
