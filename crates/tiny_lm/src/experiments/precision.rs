//! Mixed precision: bf16 against f32, with the memory it would take and the
//! memory this code really allocates.

use std::fmt;
use std::time::Instant;

use super::{quiet, TextData};
use crate::error::Result;
use crate::model::ModelConfig;
use crate::precision::Precision;
use crate::train::TrainConfig;

/// bf16 "trains as well as f32" when its final training loss is within this
/// fraction of f32's (5%: well above the run-to-run wobble of a 50-step run,
/// well below the gap between a trained and an untrained model).
pub const SAME_LOSS_TOLERANCE: f32 = 0.05;

/// One row of [`PrecisionReport`].
#[derive(Debug, Clone, PartialEq)]
pub struct PrecisionRow {
    /// Number format.
    pub precision: Precision,
    /// Bytes the forward pass's weights and the saved activations *would*
    /// take stored at this precision (a formula: values x bytes per value).
    pub would_store_bytes: usize,
    /// Heap bytes the trainer really holds ([`Trainer::allocated_bytes`](crate::Trainer::allocated_bytes), measured).
    pub allocated_bytes: usize,
    /// Mean training loss of the last 10 steps.
    pub final_loss: f32,
    /// Validation loss at the end.
    pub val_loss: Option<f32>,
    /// Seconds the run took.
    pub seconds: f64,
}

/// Result of [`bf16_vs_f32`].
#[derive(Debug, Clone, PartialEq)]
pub struct PrecisionReport {
    /// f32 first, then bf16.
    pub rows: Vec<PrecisionRow>,
}

impl PrecisionReport {
    /// bf16's measured allocation relative to f32's (1.1 = 10% more).
    pub fn allocated_ratio(&self) -> f64 {
        self.rows[1].allocated_bytes as f64 / self.rows[0].allocated_bytes as f64
    }

    /// bf16's final loss relative to f32's, minus one (0.01 = 1% higher).
    pub fn loss_change(&self) -> f32 {
        self.rows[1].final_loss / self.rows[0].final_loss - 1.0
    }

    /// What this run's measurements say, each with its threshold.
    pub fn verdict(&self) -> String {
        let ratio = self.allocated_ratio();
        let memory = if ratio > 1.0 {
            format!(
                "bf16 mode holds {:.0}% MORE memory than f32 here",
                (ratio - 1.0) * 100.0
            )
        } else {
            format!(
                "bf16 mode holds {:.0}% less memory than f32 here",
                (1.0 - ratio) * 100.0
            )
        };
        let change = self.loss_change();
        let loss = if change.abs() <= SAME_LOSS_TOLERANCE {
            format!(
                "it trained about as well: final loss {:+.1}% against f32, within the {:.0}% threshold",
                change * 100.0,
                SAME_LOSS_TOLERANCE * 100.0
            )
        } else {
            format!(
                "it trained measurably differently: final loss {:+.1}% against f32, beyond the {:.0}% threshold",
                change * 100.0,
                SAME_LOSS_TOLERANCE * 100.0
            )
        };
        format!("Measured: {memory}, and {loss}.")
    }
}

impl fmt::Display for PrecisionReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "| precision | weights + saved activations if stored at this precision (KB, formula) | allocated by this code (KB, measured) | final train loss | val loss | time (s) |")?;
        writeln!(f, "|---|---:|---:|---:|---:|---:|")?;
        for r in &self.rows {
            writeln!(
                f,
                "| {:?} | {:.0} | {:.0} | {:.4} | {} | {:.1} |",
                r.precision,
                r.would_store_bytes as f64 / 1024.0,
                r.allocated_bytes as f64 / 1024.0,
                r.final_loss,
                r.val_loss.map_or("-".into(), |v| format!("{v:.4}")),
                r.seconds
            )?;
        }
        write!(
            f,
            "\n{}\n\nThe formula column is what bf16 *would* take: 2 bytes per value instead of 4. This CPU has no bf16 \
             arithmetic, so tiny_lm emulates it: it rounds weights and activations to bf16 and keeps 16-bit copies, \
             but computes in f32 buffers besides the f32 master weights. The measured column counts all of it.",
            self.verdict()
        )
    }
}

impl PrecisionReport {
    /// Rich notebook output: the Markdown table.
    pub fn evcxr_display(&self) {
        println!("EVCXR_BEGIN_CONTENT text/markdown\n{self}\nEVCXR_END_CONTENT");
    }
}

/// Train the same model for `steps` steps in f32 and in bf16 mixed precision.
pub fn bf16_vs_f32(
    data: &TextData,
    model: ModelConfig,
    config: TrainConfig,
    steps: usize,
) -> Result<PrecisionReport> {
    let mut rows = Vec::new();
    for precision in [Precision::F32, Precision::Bf16] {
        let mut t = data.trainer(
            model,
            quiet(TrainConfig {
                precision,
                ..config
            }),
            0,
        )?;
        let start = Instant::now();
        let h = t.train(steps);
        let seconds = start.elapsed().as_secs_f64();
        let (weight_bytes, activation_bytes) = t.working_memory_bytes();
        rows.push(PrecisionRow {
            precision,
            would_store_bytes: weight_bytes + activation_bytes,
            allocated_bytes: t.allocated_bytes(),
            final_loss: h.recent_loss(10).unwrap_or(f32::NAN),
            val_loss: t.validate(),
            seconds,
        });
    }
    Ok(PrecisionReport { rows })
}
