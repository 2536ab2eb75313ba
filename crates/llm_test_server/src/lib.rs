//! A local OpenAI-compatible Chat Completions server that can be told to misbehave.
