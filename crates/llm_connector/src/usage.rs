//! Session token totals and a cost estimate from a dated price table.

use crate::types::{Provider, Usage};
use std::collections::BTreeMap;
use std::fmt;

/// When [`PRICES`] was copied from OpenAI's pricing page (standard tier).
pub const PRICES_AS_OF: &str = "2025-08";

/// USD per million tokens: (model prefix, input, output). A model matches the
/// longest prefix it equals or extends with `-` (dated snapshots).
pub const PRICES: &[(&str, f64, f64)] = &[
    ("gpt-4o", 2.50, 10.00),
    ("gpt-4o-mini", 0.15, 0.60),
    ("gpt-4.1", 2.00, 8.00),
    ("gpt-4.1-mini", 0.40, 1.60),
    ("gpt-4.1-nano", 0.10, 0.40),
    ("gpt-4-turbo", 10.00, 30.00),
    ("gpt-4", 30.00, 60.00),
    ("gpt-3.5-turbo", 0.50, 1.50),
    ("o1", 15.00, 60.00),
    ("o1-mini", 1.10, 4.40),
    ("o3", 2.00, 8.00),
    ("o3-mini", 1.10, 4.40),
    ("o4-mini", 1.10, 4.40),
];

/// (input, output) USD per million tokens for `model`, if listed.
///
/// ```
/// assert_eq!(llm_connector::price_per_million("gpt-4o-mini-2024-07-18"), Some((0.15, 0.60)));
/// assert_eq!(llm_connector::price_per_million("llama3"), None);
/// ```
pub fn price_per_million(model: &str) -> Option<(f64, f64)> {
    PRICES
        .iter()
        .filter(|(prefix, ..)| {
            model == *prefix
                || model
                    .strip_prefix(prefix)
                    .is_some_and(|rest| rest.starts_with('-'))
        })
        .max_by_key(|(prefix, ..)| prefix.len())
        .map(|&(_, input, output)| (input, output))
}

#[derive(Debug, Default)]
pub(crate) struct Ledger {
    per_model: BTreeMap<(Provider, String), (u64, Usage)>,
    cached: u64,
}

impl Ledger {
    pub fn record(
        &mut self,
        provider: Provider,
        model: &str,
        usage: Option<Usage>,
        from_cache: bool,
    ) {
        if from_cache {
            self.cached = self.cached.saturating_add(1);
            return;
        }
        let entry = self
            .per_model
            .entry((provider, model.to_string()))
            .or_default();
        // Counts come from servers: saturate rather than overflow (a panic in
        // the unoptimised profile notebooks use).
        entry.0 = entry.0.saturating_add(1);
        if let Some(u) = usage {
            entry.1.prompt_tokens = entry.1.prompt_tokens.saturating_add(u.prompt_tokens);
            entry.1.completion_tokens = entry
                .1
                .completion_tokens
                .saturating_add(u.completion_tokens);
            entry.1.total_tokens = entry.1.total_tokens.saturating_add(u.total_tokens);
        }
    }

    pub fn report(&self) -> UsageReport {
        let mut report = UsageReport {
            cached_answers: self.cached,
            ..UsageReport::default()
        };
        for ((provider, model), (requests, usage)) in &self.per_model {
            report.requests = report.requests.saturating_add(*requests);
            report.prompt_tokens = report.prompt_tokens.saturating_add(usage.prompt_tokens);
            report.completion_tokens = report
                .completion_tokens
                .saturating_add(usage.completion_tokens);
            report.total_tokens = report.total_tokens.saturating_add(usage.total_tokens);
            let paid = matches!(provider, Provider::OpenAI | Provider::AzureOpenAI);
            match price_per_million(model).filter(|_| paid) {
                Some((input, output)) => {
                    report.estimated_cost_usd += (usage.prompt_tokens as f64 * input
                        + usage.completion_tokens as f64 * output)
                        / 1e6;
                }
                None if paid => report.unpriced_models.push(model.clone()),
                None => {}
            }
        }
        report
    }
}

/// Token totals for a connector and every variant derived from it.
///
/// ```
/// # let server = llm_test_server::TestServer::start().unwrap();
/// // A local OpenAI-compatible server (notebooks call LLMConnector::new()).
/// let c = llm_connector::LLMConnector::builder().base_url(server.url()).skip_check().build();
/// assert_eq!(c.usage().requests, 0);
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
pub struct UsageReport {
    /// Requests answered by a provider (not the cache).
    pub requests: u64,
    /// Answers served from the response cache.
    pub cached_answers: u64,
    /// Prompt tokens, as reported by servers.
    pub prompt_tokens: u64,
    /// Completion tokens, as reported by servers.
    pub completion_tokens: u64,
    /// Their sum.
    pub total_tokens: u64,
    /// Cost of the OpenAI/Azure requests whose model has a price in [`PRICES`].
    pub estimated_cost_usd: f64,
    /// OpenAI/Azure models missing from the price table (not in the estimate).
    pub unpriced_models: Vec<String>,
}

impl fmt::Display for UsageReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} request(s), {} tokens ({} prompt + {} completion), estimated cost ${:.4} (prices as of {PRICES_AS_OF})",
            self.requests, self.total_tokens, self.prompt_tokens, self.completion_tokens, self.estimated_cost_usd
        )?;
        if self.cached_answers > 0 {
            write!(
                f,
                "; {} answer(s) from the cache, free",
                self.cached_answers
            )?;
        }
        if !self.unpriced_models.is_empty() {
            write!(
                f,
                "; no price known for {}",
                self.unpriced_models.join(", ")
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_prefix_wins_and_words_must_end() {
        assert_eq!(price_per_million("gpt-4o"), Some((2.50, 10.00)));
        assert_eq!(
            price_per_million("gpt-4-turbo-2024-04-09"),
            Some((10.00, 30.00))
        );
        assert_eq!(price_per_million("gpt-4oops"), None);
    }

    #[test]
    fn cost_is_priced_for_paid_providers_only() {
        let mut l = Ledger::default();
        let u = Usage {
            prompt_tokens: 1_000_000,
            completion_tokens: 1_000_000,
            total_tokens: 2_000_000,
        };
        l.record(Provider::OpenAI, "gpt-4o-mini", Some(u), false);
        l.record(Provider::OpenAICompatible, "gpt-4o", Some(u), false);
        l.record(Provider::AzureOpenAI, "my-deployment", Some(u), false);
        l.record(Provider::OpenAI, "gpt-4o", None, true);
        let r = l.report();
        assert_eq!(r.requests, 3);
        assert_eq!(r.cached_answers, 1);
        assert!((r.estimated_cost_usd - 0.75).abs() < 1e-9);
        assert_eq!(r.unpriced_models, vec!["my-deployment".to_string()]);
    }
}
