//! The corpora shipped under `data/`, embedded so notebooks need no paths.
