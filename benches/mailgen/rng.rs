//! A small deterministic PRNG (SplitMix64): the same seed and stream always give the same numbers, on every
//! platform, with no dependency.

/// SplitMix64 state.
pub struct Rng(u64);

impl Rng {
    /// The generator for one stream (one message) of one seed.
    pub fn new(seed: u64, stream: u64) -> Self {
        let mut rng = Rng(seed ^ stream.wrapping_mul(0xD1B5_4A32_D192_ED03));
        rng.next_u64();
        rng
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// A number in `lo..hi`.
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi.saturating_sub(lo))
    }

    /// A number in `lo..hi`, log-uniform: as many between 1 KB and 10 KB as between 10 KB and 100 KB.
    pub fn log_range(&mut self, lo: usize, hi: usize) -> usize {
        let (lo, hi) = ((lo.max(1)) as f64, (hi.max(2)) as f64);
        let unit = (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
        (lo * (hi / lo).powf(unit)) as usize
    }

    /// True `percent` times in a hundred.
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    /// One item of a non-empty slice.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// An index into `weights`, chosen in proportion to them.
    pub fn weighted(&mut self, weights: &[usize]) -> usize {
        let mut roll = self.below(weights.iter().sum());
        for (i, &w) in weights.iter().enumerate() {
            if roll < w {
                return i;
            }
            roll -= w;
        }
        0
    }

    /// `n` random bytes appended to `out`.
    pub fn fill(&mut self, out: &mut Vec<u8>, n: usize) {
        out.reserve(n);
        let end = out.len() + n;
        while out.len() + 8 <= end {
            out.extend_from_slice(&self.next_u64().to_le_bytes());
        }
        let rest = end - out.len();
        out.extend_from_slice(&self.next_u64().to_le_bytes()[..rest]);
    }

    /// `n` random characters from `alphabet`.
    pub fn token(&mut self, alphabet: &[u8], n: usize) -> String {
        (0..n).map(|_| char::from(*self.pick(alphabet))).collect()
    }
}
