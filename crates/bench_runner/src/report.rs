//! The JSON a run writes for `bench/run_all.py` (hand-written: a few numbers and a string).

/// What one run measured.
pub struct Report {
    pub wall_s: f64,
    pub latencies_ms: Vec<f64>,
    pub errors: usize,
    pub first_error: Option<String>,
}

impl Report {
    pub fn to_json(&self) -> String {
        let latencies: Vec<String> = self
            .latencies_ms
            .iter()
            .map(|ms| format!("{ms:.4}"))
            .collect();
        let first_error = self
            .first_error
            .as_deref()
            .map_or_else(|| "null".to_string(), json_string);
        format!(
            "{{\"wall_s\": {:.6}, \"errors\": {}, \"first_error\": {}, \"latencies_ms\": [{}]}}\n",
            self.wall_s,
            self.errors,
            first_error,
            latencies.join(", ")
        )
    }
}

fn json_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_escapes_quotes_and_control_characters() {
        let report = Report {
            wall_s: 1.5,
            latencies_ms: vec![1.0, 2.25],
            errors: 1,
            first_error: Some("bad \"thing\"\nhappened".into()),
        };
        let json = report.to_json();
        assert!(
            json.contains(r#""first_error": "bad \"thing\"\u000ahappened""#),
            "{json}"
        );
        assert!(
            json.contains(r#""latencies_ms": [1.0000, 2.2500]"#),
            "{json}"
        );
    }
}
