//! Memory claims, measured by the allocator itself: a counting global
//! allocator records the heap bytes each thread holds, so the bytes a trainer
//! reports (`Trainer::allocated_bytes`) and the bf16-versus-f32 comparison the
//! notebook prints are checked against what was really allocated.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use tiny_lm::{Model, ModelConfig, Precision, TrainConfig, Trainer};

/// The system allocator, counting live bytes per thread.
struct Counting;

thread_local! {
    static LIVE_BYTES: Cell<isize> = const { Cell::new(0) };
}

fn count(delta: isize) {
    // `try_with`: during thread teardown the counter may already be gone.
    let _ = LIVE_BYTES.try_with(|live| live.set(live.get() + delta));
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count(layout.size() as isize);
        System.alloc(layout)
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        count(layout.size() as isize);
        System.alloc_zeroed(layout)
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        count(-(layout.size() as isize));
        System.dealloc(ptr, layout)
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count(new_size as isize - layout.size() as isize);
        System.realloc(ptr, layout, new_size)
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn live_bytes() -> isize {
    LIVE_BYTES.with(Cell::get)
}

fn shape() -> ModelConfig {
    ModelConfig::tiny(200)
}

fn text() -> Vec<u32> {
    (0..4000u32).map(|i| (i * 7 + i / 13) % 200).collect()
}

/// Heap bytes a trainer holds after `steps` steps, measured by the allocator
/// (single thread, so every allocation is counted on this thread), and what
/// the trainer reports.
fn measure(precision: Precision, steps: usize) -> (usize, usize) {
    let tokens = text();
    let config = TrainConfig {
        precision,
        log_every: 0,
        eval_every: 0,
        ..TrainConfig::default()
    };
    // The matrix kernels keep one packing buffer per thread, shared by every
    // model on it: grow it to full size first so it is not counted.
    let warm_up = Model::new(shape(), 0).unwrap();
    Trainer::new(warm_up, config, tokens.clone(), Vec::new())
        .unwrap()
        .step();
    let before = live_bytes();
    let model = Model::new(shape(), 0).unwrap();
    let mut trainer = Trainer::new(model, config, tokens, Vec::new()).unwrap();
    for _ in 0..steps {
        trainer.step();
    }
    let held = (live_bytes() - before) as usize;
    // The loss record is not part of `allocated_bytes` (the text was
    // allocated before `before`).
    let h = &trainer.history;
    let history_bytes = h.steps.capacity() * size_of::<usize>()
        + (h.train_loss.capacity() + h.lr.capacity() + h.grad_norm.capacity()) * 4;
    (held - history_bytes, trainer.allocated_bytes())
}

/// Largest relative difference between allocated and reported bytes that
/// counts as agreement: the trainer's own small structs are not reported.
const MAX_GAP: f64 = 0.01;

fn gap(measured: usize, reported: usize) -> f64 {
    measured.abs_diff(reported) as f64 / measured as f64
}

#[test]
fn reported_bytes_match_the_allocator_and_bf16_really_holds_more_here() {
    let (f32_measured, f32_reported) = measure(Precision::F32, 2);
    let (bf16_measured, bf16_reported) = measure(Precision::Bf16, 2);
    // Within 1% (the trainer's own small structs are not counted).
    for (measured, reported) in [(f32_measured, f32_reported), (bf16_measured, bf16_reported)] {
        assert!(
            gap(measured, reported) < MAX_GAP,
            "allocator {measured} vs reported {reported}"
        );
    }
    // The comparison catches a buffer the report leaves out (one tenth more).
    assert!(gap(f32_measured + f32_measured / 10, f32_reported) > MAX_GAP);
    // What the notebook's table says for one block: bf16 *emulation* keeps
    // f32 buffers besides the 16-bit copies, so it holds more, not half.
    assert!(
        bf16_measured > f32_measured,
        "bf16 {bf16_measured} B vs f32 {f32_measured} B"
    );
}

#[test]
fn the_counter_sees_a_known_allocation() {
    let before = live_bytes();
    let buffer = vec![0u8; 100_000];
    assert_eq!(live_bytes() - before, 100_000);
    drop(buffer);
    assert_eq!(live_bytes(), before);
}
