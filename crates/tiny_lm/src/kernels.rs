//! The matrix multiply that does almost all of the work.
//!
//! Teaches: a transformer's training step is mostly matrix products, so their
//! speed is the model's speed. Three ideas make a plain loop fast:
//! 1. *register tiling*: compute an `MR x NR` block of the output at once, so
//!    each value loaded from memory is used `MR` or `NR` times;
//! 2. *cache blocking and packing*: walk the shared dimension in chunks of
//!    `KC` rows and copy those blocks of `A` and `B` into small contiguous
//!    buffers, so the reused data stays in the L1/L2 cache and is read in order;
//! 3. *vectorisation*: the inner loop over `NR` columns has no branches or
//!    bounds checks, so the compiler turns it into SIMD fused multiply-adds.
//!    We compile that loop once per instruction set (AVX-512, AVX2+FMA, plain)
//!    and pick the widest the CPU has at run time.
//!
//! Every build adds each output's products in the same order (one `KC` block
//! at a time, from zero, then into `C`), so the AVX-512 and AVX2 builds give
//! the same bits: a model trains to the same weights on a laptop without
//! AVX-512. (The portable build, with a separate multiply and add, rounds
//! differently.)
//!
//! No BLAS, no framework: about a hundred lines.

/// Rows of `B` per cache block: a packed 256 x 16 panel is 16 KB, fits in L1.
const KC: usize = 256;

/// The instruction set a product runs on. Each has its register tile.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Isa {
    /// No SIMD assumed: separate multiply and add (the compiler still vectorises).
    Portable,
    /// 16 registers of 8 floats: a 6 x 16 tile is 12 accumulator registers,
    /// as in BLIS's Haswell kernel.
    Avx2,
    /// 32 registers of 16 floats: a 6 x 32 tile is again 12 registers, each
    /// fused multiply-add doing twice AVX2's work.
    Avx512,
}

impl Isa {
    /// The widest instruction set this CPU has (the check is cached by std).
    pub(crate) fn best() -> Isa {
        #[cfg(target_arch = "x86_64")]
        {
            let fma = std::arch::is_x86_feature_detected!("fma");
            if fma && std::arch::is_x86_feature_detected!("avx512f") {
                return Isa::Avx512;
            }
            if fma && std::arch::is_x86_feature_detected!("avx2") {
                return Isa::Avx2;
            }
        }
        Isa::Portable
    }
}

/// The instruction set the matrix products run on here, as benchmarks report
/// it: `"AVX-512"`, `"AVX2+FMA"` or `"portable"`.
///
/// ```
/// let isa = tiny_lm::kernels::instruction_set();
/// assert!(["AVX-512", "AVX2+FMA", "portable"].contains(&isa));
/// ```
pub fn instruction_set() -> &'static str {
    match Isa::best() {
        Isa::Avx512 => "AVX-512",
        Isa::Avx2 => "AVX2+FMA",
        Isa::Portable => "portable",
    }
}

/// `c[m x n] (+)= a[m x k] · b[k x n]`, all row-major. With `accumulate == false`
/// the previous contents of `c` are overwritten.
///
/// ```
/// let a = [1.0, 2.0, 3.0, 4.0]; // 2 x 2
/// let b = [5.0, 6.0, 7.0, 8.0]; // 2 x 2
/// let mut c = [0.0; 4];
/// tiny_lm::kernels::matmul(&mut c, &a, &b, 2, 2, 2, false);
/// assert_eq!(c, [19.0, 22.0, 43.0, 50.0]);
/// ```
pub fn matmul(c: &mut [f32], a: &[f32], b: &[f32], m: usize, k: usize, n: usize, accumulate: bool) {
    assert!(
        a.len() >= m * k && b.len() >= k * n && c.len() >= m * n,
        "matmul shape mismatch"
    );
    if !accumulate {
        c[..m * n].fill(0.0);
    }
    gemm(Isa::best(), c, a, k, 1, b, m, k, n);
}

/// `c[m x n] += aᵀ · b` where `a` is stored as `[k x m]` and `b` as `[k x n]`.
/// This is the weight gradient `dW = Xᵀ · dY` of a linear layer.
pub fn matmul_tn(c: &mut [f32], a: &[f32], b: &[f32], m: usize, k: usize, n: usize) {
    assert!(
        a.len() >= m * k && b.len() >= k * n && c.len() >= m * n,
        "matmul shape mismatch"
    );
    gemm(Isa::best(), c, a, 1, m, b, m, k, n);
}

/// `dst[cols x rows] = srcᵀ` for a row-major `src[rows x cols]`.
pub fn transpose(dst: &mut [f32], src: &[f32], rows: usize, cols: usize) {
    for r in 0..rows {
        for c in 0..cols {
            dst[c * rows + r] = src[r * cols + c];
        }
    }
}

/// `c += A · b` with `A(i, p) = a[i * a_rs + p * a_cs]`, so one kernel serves
/// both `A` and `Aᵀ`, on the instruction set `isa` (which the CPU must have).
#[allow(clippy::too_many_arguments)]
fn gemm(
    isa: Isa,
    c: &mut [f32],
    a: &[f32],
    a_rs: usize,
    a_cs: usize,
    b: &[f32],
    m: usize,
    k: usize,
    n: usize,
) {
    match isa {
        #[cfg(target_arch = "x86_64")]
        // SAFETY: `Isa::best` chose these only on a CPU with the features they were compiled for.
        Isa::Avx512 => unsafe { gemm_avx512(c, a, a_rs, a_cs, b, m, k, n) },
        #[cfg(target_arch = "x86_64")]
        // SAFETY: as above.
        Isa::Avx2 => unsafe { gemm_avx2(c, a, a_rs, a_cs, b, m, k, n) },
        _ => gemm_tiled::<false, 16>(c, a, a_rs, a_cs, b, m, k, n),
    }
}

/// [`gemm_tiled`] with a 6 x 32 tile, compiled for AVX-512.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f,fma")]
#[allow(clippy::too_many_arguments)]
unsafe fn gemm_avx512(
    c: &mut [f32],
    a: &[f32],
    a_rs: usize,
    a_cs: usize,
    b: &[f32],
    m: usize,
    k: usize,
    n: usize,
) {
    gemm_tiled::<true, 32>(c, a, a_rs, a_cs, b, m, k, n);
}

/// [`gemm_tiled`] with a 6 x 16 tile, compiled for AVX2 and FMA.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,fma")]
#[allow(clippy::too_many_arguments)]
unsafe fn gemm_avx2(
    c: &mut [f32],
    a: &[f32],
    a_rs: usize,
    a_cs: usize,
    b: &[f32],
    m: usize,
    k: usize,
    n: usize,
) {
    gemm_tiled::<true, 16>(c, a, a_rs, a_cs, b, m, k, n);
}

/// [`gemm_blocked`] with an `MR x NR` tile, or [`gemv_blocked`] for one row.
#[inline(always)]
#[allow(clippy::too_many_arguments)]
fn gemm_tiled<const FMA: bool, const NR: usize>(
    c: &mut [f32],
    a: &[f32],
    a_rs: usize,
    a_cs: usize,
    b: &[f32],
    m: usize,
    k: usize,
    n: usize,
) {
    if m == 1 {
        gemv_blocked::<FMA>(c, a, a_cs, b, k, n);
    } else {
        gemm_blocked::<FMA, NR>(c, a, a_rs, a_cs, b, m, k, n);
    }
}

/// [`gemm_blocked`] for a single row of `A` (generation with a KV cache
/// feeds one position at a time): packing all of `B` for one row cost more
/// than the arithmetic. Sums in the same order as `gemm_blocked` (per `KC`
/// block from zero, then added to `c`), so both give identical bits and
/// cached generation matches uncached generation exactly.
#[inline(always)]
fn gemv_blocked<const FMA: bool>(
    c: &mut [f32],
    a: &[f32],
    a_cs: usize,
    b: &[f32],
    k: usize,
    n: usize,
) {
    const COLS: usize = 64;
    for j0 in (0..n).step_by(COLS) {
        let w = COLS.min(n - j0);
        for p0 in (0..k).step_by(KC) {
            let mut acc = [0.0f32; COLS];
            for p in p0..KC.min(k - p0) + p0 {
                let x = a[p * a_cs];
                let row = &b[p * n + j0..][..w];
                for (s, &y) in acc.iter_mut().zip(row) {
                    *s = madd::<FMA>(x, y, *s);
                }
            }
            for (cv, s) in c[j0..j0 + w].iter_mut().zip(&acc) {
                *cv += s;
            }
        }
    }
}

#[inline(always)]
fn madd<const FMA: bool>(x: f32, y: f32, acc: f32) -> f32 {
    if FMA {
        x.mul_add(y, acc)
    } else {
        acc + x * y
    }
}

thread_local! {
    /// Packed copy of a block of `B`, reused between calls on the same thread.
    static B_PACK: std::cell::RefCell<Vec<f32>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Rows of every tile (AVX2's and AVX-512's differ only in width, `NR`).
const MR: usize = 6;

#[inline(always)]
#[allow(clippy::too_many_arguments)]
fn gemm_blocked<const FMA: bool, const NR: usize>(
    c: &mut [f32],
    a: &[f32],
    a_rs: usize,
    a_cs: usize,
    b: &[f32],
    m: usize,
    k: usize,
    n: usize,
) {
    let panels = n.div_ceil(NR);
    // Taken out of the thread-local rather than borrowed in a closure: a
    // closure would not inherit this function's SIMD code generation.
    let mut b_pack = B_PACK.take();
    b_pack.resize(KC * panels * NR, 0.0);
    {
        let mut a_pack = [0.0f32; KC * MR];
        for p0 in (0..k).step_by(KC) {
            let kc = KC.min(k - p0);
            // Pack B[p0..p0+kc, :] as `panels` contiguous kc x NR strips, zero-padded
            // on the right, so the inner loop reads memory strictly in order.
            for jp in 0..panels {
                let strip = &mut b_pack[jp * kc * NR..(jp + 1) * kc * NR];
                let (j0, nr) = (jp * NR, NR.min(n - jp * NR));
                for p in 0..kc {
                    let src = &b[(p0 + p) * n + j0..][..nr];
                    strip[p * NR..p * NR + nr].copy_from_slice(src);
                    strip[p * NR + nr..(p + 1) * NR].fill(0.0);
                }
            }
            for i0 in (0..m).step_by(MR) {
                let mr = MR.min(m - i0);
                // Pack A[i0..i0+mr, p0..p0+kc] column by column, zero-padded below.
                for p in 0..kc {
                    for r in 0..MR {
                        a_pack[p * MR + r] = if r < mr {
                            a[(i0 + r) * a_rs + (p0 + p) * a_cs]
                        } else {
                            0.0
                        };
                    }
                }
                for jp in 0..panels {
                    let mut acc = [[0.0f32; NR]; MR];
                    micro_kernel::<FMA, NR>(
                        &a_pack[..kc * MR],
                        &b_pack[jp * kc * NR..(jp + 1) * kc * NR],
                        &mut acc,
                    );
                    let (j0, nr) = (jp * NR, NR.min(n - jp * NR));
                    for (r, acc_row) in acc.iter().enumerate().take(mr) {
                        let c_row = &mut c[(i0 + r) * n + j0..][..nr];
                        for (cv, av) in c_row.iter_mut().zip(acc_row) {
                            *cv += av;
                        }
                    }
                }
            }
        }
    }
    B_PACK.set(b_pack);
}

/// The innermost loop: an `MR x NR` tile of `C` accumulated in registers
/// from packed strips of `A` and `B`.
#[inline(always)]
fn micro_kernel<const FMA: bool, const NR: usize>(
    a_pack: &[f32],
    b_pack: &[f32],
    acc: &mut [[f32; NR]; MR],
) {
    for (a, b) in a_pack.chunks_exact(MR).zip(b_pack.chunks_exact(NR)) {
        let a: &[f32; MR] = a.try_into().unwrap();
        let b: &[f32; NR] = b.try_into().unwrap();
        for r in 0..MR {
            for j in 0..NR {
                acc[r][j] = madd::<FMA>(a[r], b[j], acc[r][j]);
            }
        }
    }
}

/// Dot product with 8 independent partial sums so the compiler can vectorise it
/// (a single running sum forces strict left-to-right order).
#[inline]
pub fn dot(x: &[f32], y: &[f32]) -> f32 {
    #[cfg(target_arch = "x86_64")]
    {
        if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: the CPU supports the features the function was compiled for.
            return unsafe { dot_avx2(x, y) };
        }
    }
    dot_lanes(x, y)
}

/// [`dot_lanes`] compiled for 256-bit vectors: the same additions in the
/// same order (no fused multiply-add), so the same bits.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn dot_avx2(x: &[f32], y: &[f32]) -> f32 {
    dot_lanes(x, y)
}

#[inline(always)]
fn dot_lanes(x: &[f32], y: &[f32]) -> f32 {
    let mut lanes = [0.0f32; 8];
    let chunks = x.len() / 8;
    for i in 0..chunks {
        for l in 0..8 {
            lanes[l] += x[i * 8 + l] * y[i * 8 + l];
        }
    }
    let mut sum: f32 = lanes.iter().sum();
    for i in chunks * 8..x.len() {
        sum += x[i] * y[i];
    }
    sum
}

/// `e^x` to about 2e-7 relative error, written without branches or library
/// calls so that a loop over it becomes SIMD code (libm's `expf` is a call
/// per element). Method: `e^x = 2^n * e^r` with `n = round(x / ln 2)`,
/// `|r| <= ln(2) / 2`, and a degree-6 Taylor polynomial for `e^r`.
#[inline(always)]
pub fn exp_approx(x: f32) -> f32 {
    const LOG2E: f32 = std::f32::consts::LOG2_E;
    // ln 2 split in two so that `n * LN2_HI` is exact (Cody-Waite reduction).
    const LN2_HI: f32 = 0.693_359_4;
    const LN2_LO: f32 = -2.121_944_4e-4;
    const ROUND: f32 = 12_582_912.0; // 1.5 * 2^23: adding it rounds to an integer
    let x = x.clamp(-87.3, 88.3);
    let n = (x * LOG2E + ROUND) - ROUND;
    let r = (x - n * LN2_HI) - n * LN2_LO;
    let p = 1.0
        + r * (1.0
            + r * (0.5
                + r * (1.0 / 6.0 + r * (1.0 / 24.0 + r * (1.0 / 120.0 + r * (1.0 / 720.0))))));
    let scale = f32::from_bits(((n as i32 + 127) as u32) << 23);
    p * scale
}

/// `pub fn $name(args) => $any_cpu` defines `$name`, which runs `$any_cpu` (an
/// `#[inline(always)]` function) compiled for AVX-512, for AVX2, or for any
/// CPU: the widest build the CPU has. For loops over elements (GELU,
/// softmax): the compiler vectorises them to the width it may use. Rust never
/// fuses a multiply and an add on its own, so all three builds do the same
/// operations and give the same bits (tested against `$any_cpu` itself).
macro_rules! widest_simd {
    ($(#[$attr:meta])* pub fn $name:ident($($arg:ident: $ty:ty),* $(,)?) => $any_cpu:ident) => {
        $(#[$attr])*
        pub fn $name($($arg: $ty),*) {
            #[cfg(target_arch = "x86_64")]
            {
                #[target_feature(enable = "avx512f,fma")]
                unsafe fn avx512($($arg: $ty),*) {
                    $any_cpu($($arg),*)
                }
                #[target_feature(enable = "avx2,fma")]
                unsafe fn avx2($($arg: $ty),*) {
                    $any_cpu($($arg),*)
                }
                match $crate::kernels::Isa::best() {
                    // SAFETY: chosen only on a CPU with the features these builds use.
                    $crate::kernels::Isa::Avx512 => return unsafe { avx512($($arg),*) },
                    // SAFETY: as above.
                    $crate::kernels::Isa::Avx2 => return unsafe { avx2($($arg),*) },
                    $crate::kernels::Isa::Portable => {}
                }
            }
            $any_cpu($($arg),*)
        }
    };
}
pub(crate) use widest_simd;

widest_simd! {
    /// In place, `xs[i] = e^(xs[i] - max)` then divide by the sum: a softmax.
    pub fn softmax_in_place(xs: &mut [f32]) => softmax_generic
}

#[inline(always)]
fn softmax_generic(xs: &mut [f32]) {
    // Eight partial maxima and sums: a single running value would force
    // one-at-a-time evaluation.
    let mut lanes = [f32::NEG_INFINITY; 8];
    let mut chunks = xs.chunks_exact(8);
    for c in &mut chunks {
        for l in 0..8 {
            lanes[l] = lanes[l].max(c[l]);
        }
    }
    let max = chunks.remainder().iter().fold(
        lanes.iter().copied().fold(f32::NEG_INFINITY, f32::max),
        |m, &x| m.max(x),
    );
    for x in xs.iter_mut() {
        *x = exp_approx(*x - max);
    }
    let mut sums = [0.0f32; 8];
    let mut chunks = xs.chunks_exact(8);
    for c in &mut chunks {
        for l in 0..8 {
            sums[l] += c[l];
        }
    }
    let sum: f32 = sums.iter().sum::<f32>() + chunks.remainder().iter().sum::<f32>();
    let inv = 1.0 / sum;
    for x in xs.iter_mut() {
        *x *= inv;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::Rng;

    fn naive(a: &[f32], b: &[f32], m: usize, k: usize, n: usize) -> Vec<f32> {
        let mut c = vec![0.0; m * n];
        for i in 0..m {
            for j in 0..n {
                c[i * n + j] = (0..k)
                    .map(|p| a[i * k + p] as f64 * b[p * n + j] as f64)
                    .sum::<f64>() as f32;
            }
        }
        c
    }

    fn random(len: usize, rng: &mut Rng) -> Vec<f32> {
        (0..len).map(|_| rng.normal()).collect()
    }

    #[test]
    fn matmul_matches_naive_on_odd_shapes() {
        let mut rng = Rng::new(3);
        for &(m, k, n) in &[
            (1, 1, 1),
            (5, 7, 3),
            (8, 300, 33),
            (13, 64, 48),
            (64, 17, 16),
        ] {
            let a = random(m * k, &mut rng);
            let b = random(k * n, &mut rng);
            let mut c = random(m * n, &mut rng);
            matmul(&mut c, &a, &b, m, k, n, false);
            let want = naive(&a, &b, m, k, n);
            for (x, y) in c.iter().zip(&want) {
                assert!(
                    (x - y).abs() < 1e-3 * (1.0 + y.abs()),
                    "{m}x{k}x{n}: {x} vs {y}"
                );
            }
        }
    }

    #[test]
    fn one_row_gives_the_same_bits_as_that_row_of_a_taller_product() {
        // k > KC: two K blocks, as in the MLP's 512-wide projection.
        let (m, k, n) = (7, 300, 70);
        let mut rng = Rng::new(5);
        let (a, b, bias) = (
            random(m * k, &mut rng),
            random(k * n, &mut rng),
            random(n, &mut rng),
        );
        let mut all: Vec<f32> = (0..m).flat_map(|_| bias.clone()).collect();
        matmul(&mut all, &a, &b, m, k, n, true);
        let mut order_matters = false;
        for i in 0..m {
            let mut row = bias.clone();
            matmul(&mut row, &a[i * k..][..k], &b, 1, k, n, true);
            assert_eq!(row, all[i * n..][..n], "row {i}");
            // The check can fail: summing from the bias, one product at a
            // time, gives other bits for these numbers.
            let mut plain = bias.clone();
            for (p, &x) in a[i * k..][..k].iter().enumerate() {
                for (c, &y) in plain.iter_mut().zip(&b[p * n..][..n]) {
                    *c += x * y;
                }
            }
            order_matters |= plain != row;
        }
        assert!(order_matters);
    }

    /// The instruction sets this CPU has, widest last (an AVX-512 CPU has AVX2).
    fn available() -> Vec<Isa> {
        match Isa::best() {
            Isa::Avx512 => vec![Isa::Portable, Isa::Avx2, Isa::Avx512],
            Isa::Avx2 => vec![Isa::Portable, Isa::Avx2],
            Isa::Portable => vec![Isa::Portable],
        }
    }

    #[test]
    fn every_fused_build_gives_the_same_bits() {
        let isas = available();
        if !isas.contains(&Isa::Avx512) {
            eprintln!("this CPU has no AVX-512: only {isas:?} compared");
        }
        let mut rng = Rng::new(6);
        // Odd sizes (partial tiles of both widths), one row, and k > KC.
        for &(m, k, n) in &[(1, 300, 70), (7, 300, 70), (13, 64, 48), (512, 128, 384)] {
            let (a, b) = (random(m * k, &mut rng), random(k * n, &mut rng));
            let start = random(m * n, &mut rng);
            let run = |isa: Isa, transposed: bool| {
                let mut c = start.clone();
                if transposed {
                    let mut at = vec![0.0; k * m];
                    transpose(&mut at, &a, m, k);
                    gemm(isa, &mut c, &at, 1, m, &b, m, k, n);
                } else {
                    gemm(isa, &mut c, &a, k, 1, &b, m, k, n);
                }
                c
            };
            for transposed in [false, true] {
                let fused: Vec<Vec<f32>> =
                    isas[1..].iter().map(|&isa| run(isa, transposed)).collect();
                for (isa, c) in isas[1..].iter().zip(&fused) {
                    assert_eq!(c, &fused[0], "{isa:?} vs {:?}, {m}x{k}x{n}", isas[1]);
                }
                // The comparison can fail: unfused multiply-adds round differently.
                if let Some(first) = fused.first() {
                    assert_ne!(&run(Isa::Portable, transposed), first, "{m}x{k}x{n}");
                }
            }
        }
    }

    #[test]
    fn matmul_tn_is_transpose_product_and_accumulates() {
        let mut rng = Rng::new(4);
        let (m, k, n) = (9, 37, 20);
        let a = random(k * m, &mut rng);
        let b = random(k * n, &mut rng);
        let mut at = vec![0.0; m * k];
        transpose(&mut at, &a, k, m);
        let mut c = vec![1.0; m * n];
        matmul_tn(&mut c, &a, &b, m, k, n);
        let want = naive(&at, &b, m, k, n);
        for (x, y) in c.iter().zip(&want) {
            assert!((x - (y + 1.0)).abs() < 1e-3 * (1.0 + y.abs()));
        }
    }

    #[test]
    fn exp_approx_is_accurate_over_the_useful_range() {
        let mut x = -87.0f32;
        while x < 88.0 {
            let (got, want) = (exp_approx(x) as f64, (x as f64).exp());
            assert!(
                ((got - want) / want).abs() < 5e-7,
                "exp({x}) = {got} vs {want}"
            );
            x += 0.173;
        }
        assert_eq!(exp_approx(0.0), 1.0);
        assert!(exp_approx(-1000.0) >= 0.0 && exp_approx(-1000.0) < 1e-37);
        assert!(exp_approx(1000.0).is_finite());
    }

    #[test]
    fn softmax_sums_to_one_and_keeps_order() {
        let mut xs: Vec<f32> = (0..37).map(|i| (i as f32 * 0.7).sin() * 5.0).collect();
        let orig = xs.clone();
        softmax_in_place(&mut xs);
        assert!((xs.iter().sum::<f32>() - 1.0).abs() < 1e-5);
        let denom: f64 = orig.iter().map(|&v| (v as f64).exp()).sum();
        for (p, v) in xs.iter().zip(&orig) {
            assert!((*p as f64 - (*v as f64).exp() / denom).abs() < 1e-6);
        }
    }

    #[test]
    fn softmax_gives_the_same_bits_as_its_any_cpu_build() {
        // Rows of a vocabulary's width and odd widths (a remainder after the 8 lanes).
        for (width, seed) in [(512, 1.0f32), (37, 2.0), (1000, 3.0)] {
            let row: Vec<f32> = (0..width)
                .map(|i| (i as f32 * 0.37 * seed).sin() * 9.0)
                .collect();
            let (mut widest, mut any_cpu) = (row.clone(), row.clone());
            softmax_in_place(&mut widest);
            softmax_generic(&mut any_cpu);
            assert_eq!(widest, any_cpu, "width {width}, on {:?}", Isa::best());
        }
    }

    #[test]
    fn dot_matches_sum() {
        let x: Vec<f32> = (0..19).map(|i| i as f32).collect();
        assert_eq!(dot(&x, &x), (0..19).map(|i| (i * i) as f32).sum::<f32>());
    }
}
