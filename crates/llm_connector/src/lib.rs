//! llm_connector: the Rust twin of the notebook helper `utils_llm_connector`.
