//! How a completion looks: `Display` is the bare answer; in a notebook a cell
//! ending with a completion shows rendered Markdown plus a one-line footer,
//! with a plain-text twin for nbconvert and terminals.

use crate::types::Completion;
use std::fmt;

impl fmt::Display for Completion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.content)
    }
}

impl Completion {
    /// One line about where the answer came from:
    /// `gpt-4o · OpenAI · 1.23 s · 57 tokens`.
    ///
    /// ```
    /// # let server = llm_test_server::TestServer::start().unwrap();
    /// // A local OpenAI-compatible server (notebooks call LLMConnector::new()).
    /// let c = llm_connector::LLMConnector::builder().base_url(server.url()).skip_check().build()
    ///     .get_completion("A model").unwrap();
    /// assert!(c.footer().contains("OpenAI-compatible server"));
    /// ```
    pub fn footer(&self) -> String {
        let mut parts = vec![self.model.clone(), self.provider.to_string()];
        if self.from_cache {
            parts.push("from cache".into());
        } else {
            parts.push(format!("{:.2} s", self.latency.as_secs_f64()));
        }
        if let Some(u) = self.usage {
            parts.push(format!("{} tokens", u.total_tokens));
        }
        if let Some(reason) = self.finish_reason.as_deref().filter(|r| *r != "stop") {
            parts.push(format!("finish: {reason}"));
        }
        parts.join(" · ")
    }

    /// The content followed by an italic footer, as Markdown.
    pub fn to_markdown(&self) -> String {
        format!("{}\n\n*{}*", self.content.trim_end(), self.footer())
    }

    /// Called by the evcxr kernel when a cell ends with this value: emits
    /// `text/markdown` (rendered in JupyterLab) and `text/plain` (nbconvert's
    /// text outputs, terminals).
    ///
    /// ```
    /// # let server = llm_test_server::TestServer::start().unwrap();
    /// // A local OpenAI-compatible server (notebooks call LLMConnector::new()).
    /// let c = llm_connector::LLMConnector::builder().base_url(server.url()).skip_check().build()
    ///     .get_completion("A model").unwrap();
    /// c.evcxr_display(); // prints EVCXR_BEGIN_CONTENT text/markdown ...
    /// ```
    pub fn evcxr_display(&self) {
        print!("{}", self.evcxr_payload());
    }

    pub(crate) fn evcxr_payload(&self) -> String {
        format!(
            "EVCXR_BEGIN_CONTENT text/markdown\n{}\nEVCXR_END_CONTENT\nEVCXR_BEGIN_CONTENT text/plain\n{}\n\n[{}]\nEVCXR_END_CONTENT\n",
            self.to_markdown(),
            self.content.trim_end(),
            self.footer()
        )
    }
}

#[cfg(test)]
mod tests {
    use crate::types::{Completion, Provider, Usage};
    use std::time::Duration;

    #[test]
    fn evcxr_payload_has_markdown_then_plain() {
        let c = Completion {
            content: "## Hi\n\n- one".into(),
            model: "m".into(),
            provider: Provider::OpenAICompatible,
            finish_reason: Some("length".into()),
            usage: Some(Usage {
                prompt_tokens: 1,
                completion_tokens: 2,
                total_tokens: 3,
            }),
            latency: Duration::from_millis(1500),
            from_cache: false,
        };
        let p = c.evcxr_payload();
        let md = p.find("EVCXR_BEGIN_CONTENT text/markdown\n## Hi").unwrap();
        let plain = p.find("EVCXR_BEGIN_CONTENT text/plain\n## Hi").unwrap();
        assert!(md < plain);
        assert_eq!(p.matches("EVCXR_END_CONTENT\n").count(), 2);
        assert!(p.contains("m · OpenAI-compatible server · 1.50 s · 3 tokens · finish: length"));
        assert_eq!(c.to_string(), "## Hi\n\n- one");
    }
}
