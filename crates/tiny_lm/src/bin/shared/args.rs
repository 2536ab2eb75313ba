//! Command-line options shared by `build_checkpoint` and `try_finetune`: both read the
//! repository's data by default and take `--name value` pairs to point elsewhere.

use std::path::{Path, PathBuf};

/// Where data and output live when no option says otherwise.
pub const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");

/// The value after `name`, if the option is given.
pub fn arg(args: &[String], name: &str) -> Option<String> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1).cloned())
}

/// The path given with `name`, or `default` under [`ROOT`].
pub fn path(args: &[String], name: &str, default: &str) -> PathBuf {
    arg(args, name).map_or_else(|| Path::new(ROOT).join(default), PathBuf::from)
}
