//! Reading a response body within the idle and total limits.

use super::error_chain;
use std::time::Duration;
use tokio::time::{timeout_at, Instant};

/// Why reading a body stopped early.
pub(super) enum BodyError {
    Idle,
    Total,
    Network(String),
}

/// The next piece of a body, waiting at most `idle` and never past `deadline`.
pub(super) async fn next_chunk(
    response: &mut reqwest::Response,
    idle: Duration,
    deadline: Instant,
) -> Result<Option<Vec<u8>>, BodyError> {
    let limit = (Instant::now() + idle).min(deadline);
    match timeout_at(limit, response.chunk()).await {
        Err(_) if Instant::now() >= deadline => Err(BodyError::Total),
        Err(_) => Err(BodyError::Idle),
        Ok(Err(e)) => Err(BodyError::Network(error_chain(&e))),
        Ok(Ok(chunk)) => Ok(chunk.map(|c| c.to_vec())),
    }
}

/// A whole body, each gap bounded by `idle` and the whole by `deadline`.
pub(super) async fn read_body(
    mut response: reqwest::Response,
    idle: Duration,
    deadline: Instant,
) -> Result<Vec<u8>, BodyError> {
    let mut body = Vec::new();
    while let Some(chunk) = next_chunk(&mut response, idle, deadline).await? {
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}
