//! Two tiny hash functions, written out so students can see there is no magic in "hash it".

/// FNV-1a, 64-bit: a simple, fast, deterministic hash of bytes. Not for security; good enough
/// to spot identical texts and to hash shingles.
///
/// ```
/// assert_eq!(tiny_lm::data::fnv1a64(b""), 0xcbf2_9ce4_8422_2325);
/// assert_ne!(tiny_lm::data::fnv1a64(b"a"), tiny_lm::data::fnv1a64(b"b"));
/// ```
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// SplitMix64's finaliser: scrambles a 64-bit value so nearby inputs give unrelated outputs.
/// MinHash uses it to turn one shingle hash into many independent-looking ones.
pub(crate) fn mix64(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}
