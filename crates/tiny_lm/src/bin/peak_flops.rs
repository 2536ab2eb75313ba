//! The processor's peak f32 FLOP/s, measured: the ceiling that training
//! throughput is compared with in BENCHMARKS.md.
//!
//! Why it looks like this: a core reaches its peak only when every cycle
//! issues fused multiply-adds on full-width vectors to all of its FMA units.
//! One FMA's result is ready only after ~4 cycles, so one chain of dependent
//! FMAs would use a fraction of the units; [`CHAINS`] independent
//! accumulators keep them all busy. The code is plain Rust (arrays and
//! `mul_add`), compiled twice with `#[target_feature]`: for AVX2+FMA (8 lanes,
//! what tiny_lm's matrix kernel uses) and for AVX-512 (16 lanes), each run
//! only when the CPU has it. Operands go through `black_box`, so the compiler
//! cannot fold the arithmetic away. A run counts 2 FLOPs per lane per FMA.
//!
//! Usage: `cargo run --release -p tiny_lm --bin peak_flops [-- --secs 0.2 --json]`.
//! Each (instruction set, threads) pair runs [`REPEATS`] short times; the best
//! is reported, since other work on the machine can only lower the figure (a
//! short run is more likely to find the core free).

use std::hint::black_box;
use std::time::Instant;

/// Independent accumulator vectors: more than FMA latency (4 cycles) x FMA
/// units (2), and few enough to stay in the 16 AVX2 registers with the operands.
const CHAINS: usize = 12;

/// Timed runs per (instruction set, threads); the best counts.
const REPEATS: usize = 10;

/// `iters` rounds of `acc = acc · x + y` on [`CHAINS`] vectors of `W` lanes,
/// held as one flat array so that the compiler maps it onto `CHAINS`
/// registers of `W` lanes (a nested `[[f32; W]; CHAINS]` got vectorised
/// across the chains instead, through memory).
#[inline(always)]
fn fma_chains<const N: usize>(iters: u64, x: f32, y: f32) -> f32 {
    let mut acc = [1.0f32; N];
    for _ in 0..iters {
        for a in acc.iter_mut() {
            *a = a.mul_add(x, y);
        }
    }
    acc.iter().sum()
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,fma")]
fn fma_avx2(iters: u64) -> f32 {
    fma_chains::<{ CHAINS * 8 }>(iters, black_box(0.999_9), black_box(1e-4))
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f,fma")]
fn fma_avx512(iters: u64) -> f32 {
    fma_chains::<{ CHAINS * 16 }>(iters, black_box(0.999_9), black_box(1e-4))
}

/// One instruction set: its name, lanes, whether this CPU has it, the kernel.
struct Isa {
    name: &'static str,
    lanes: usize,
    available: bool,
    run: fn(u64) -> f32,
}

#[cfg(target_arch = "x86_64")]
fn instruction_sets() -> Vec<Isa> {
    let has = |f: bool| f && std::arch::is_x86_feature_detected!("fma");
    vec![
        Isa {
            name: "avx2",
            lanes: 8,
            available: has(std::arch::is_x86_feature_detected!("avx2")),
            // SAFETY: only called when `available`, i.e. the CPU has AVX2 and FMA.
            run: |n| unsafe { fma_avx2(n) },
        },
        Isa {
            name: "avx512",
            lanes: 16,
            available: has(std::arch::is_x86_feature_detected!("avx512f")),
            // SAFETY: only called when `available`, i.e. the CPU has AVX-512F and FMA.
            run: |n| unsafe { fma_avx512(n) },
        },
    ]
}

#[cfg(not(target_arch = "x86_64"))]
fn instruction_sets() -> Vec<Isa> {
    Vec::new()
}

/// FLOP/s of `threads` threads each running `iters` rounds.
fn flops_per_sec(isa: &Isa, threads: usize, iters: u64) -> f64 {
    let start = Instant::now();
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| black_box((isa.run)(iters)));
        }
    });
    let flops = threads as f64 * iters as f64 * (CHAINS * isa.lanes * 2) as f64;
    flops / start.elapsed().as_secs_f64()
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let json = args.iter().any(|a| a == "--json");
    let secs: f64 = args
        .iter()
        .position(|a| a == "--secs")
        .and_then(|i| args.get(i + 1))
        .and_then(|s| s.parse().ok())
        .unwrap_or(0.2);
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut fields = vec![format!("\"cores\":{cores}"), format!("\"chains\":{CHAINS}")];
    for isa in instruction_sets() {
        if !isa.available {
            fields.push(format!("\"{}_available\":false", isa.name));
            continue;
        }
        // Calibrate on one thread so that a timed run lasts about `secs`.
        let probe = 1_000_000;
        let rate = flops_per_sec(&isa, 1, probe) / (CHAINS * isa.lanes * 2) as f64;
        let iters = ((rate * secs) as u64).max(probe);
        for threads in [1, cores.min(2)] {
            let best = (0..REPEATS)
                .map(|_| flops_per_sec(&isa, threads, iters))
                .fold(0.0, f64::max);
            fields.push(format!("\"{}_{threads}t\":{best:.4e}", isa.name));
            if !json {
                println!(
                    "{:>6} ({} lanes), {threads} thread(s): {:.1} GFLOP/s",
                    isa.name,
                    isa.lanes,
                    best / 1e9
                );
            }
        }
    }
    if json {
        println!("{{{}}}", fields.join(","));
    }
}
