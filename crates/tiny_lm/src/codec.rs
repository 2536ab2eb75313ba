//! Little binary-format helpers shared by the tokenizer and checkpoint files.
//!
//! Teaches: a robust file format writes a magic tag, a version number, every
//! length before its data, little-endian numbers, and a checksum at the end,
//! so a reader can say *exactly* what is wrong with a bad file instead of
//! loading garbage. CRC-32 (the one zip and PNG use) is written out here.

use crate::error::{Error, Result};

/// CRC-32 (IEEE 802.3 polynomial, reflected), bit by bit with a 256-entry table.
///
/// ```
/// assert_eq!(tiny_lm::codec::crc32(b"123456789"), 0xCBF4_3926);
/// ```
pub fn crc32(bytes: &[u8]) -> u32 {
    const fn table() -> [u32; 256] {
        let mut t = [0u32; 256];
        let mut i = 0;
        while i < 256 {
            let mut c = i as u32;
            let mut k = 0;
            while k < 8 {
                c = if c & 1 != 0 {
                    0xEDB8_8320 ^ (c >> 1)
                } else {
                    c >> 1
                };
                k += 1;
            }
            t[i] = c;
            i += 1;
        }
        t
    }
    const TABLE: [u32; 256] = table();
    let mut crc = 0xFFFF_FFFFu32;
    for &b in bytes {
        crc = TABLE[((crc ^ b as u32) & 0xFF) as usize] ^ (crc >> 8);
    }
    !crc
}

/// Appends little-endian values to a byte vector.
#[derive(Default)]
pub struct Writer {
    /// The bytes written so far.
    pub bytes: Vec<u8>,
}

impl Writer {
    /// Start a file with its magic tag and format version.
    pub fn with_header(magic: &[u8; 8], version: u32) -> Self {
        let mut w = Writer::default();
        w.bytes.extend_from_slice(magic);
        w.u32(version);
        w
    }
    /// One u32.
    pub fn u32(&mut self, x: u32) {
        self.bytes.extend_from_slice(&x.to_le_bytes());
    }
    /// One u64.
    pub fn u64(&mut self, x: u64) {
        self.bytes.extend_from_slice(&x.to_le_bytes());
    }
    /// One f32.
    pub fn f32(&mut self, x: f32) {
        self.bytes.extend_from_slice(&x.to_le_bytes());
    }
    /// A length-prefixed f32 array.
    pub fn f32s(&mut self, xs: &[f32]) {
        self.u64(xs.len() as u64);
        for x in xs {
            self.f32(*x);
        }
    }
    /// A length-prefixed byte string.
    pub fn blob(&mut self, b: &[u8]) {
        self.u64(b.len() as u64);
        self.bytes.extend_from_slice(b);
    }
    /// Append the CRC-32 of everything written and return the file's bytes.
    pub fn finish(mut self) -> Vec<u8> {
        let crc = crc32(&self.bytes);
        self.u32(crc);
        self.bytes
    }
}

/// Reads what [`Writer`] wrote, with errors that name the part being read.
pub struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    /// Check magic, checksum and version; returns a reader positioned after the header.
    pub fn open(
        bytes: &'a [u8],
        magic: &[u8; 8],
        kind: &'static str,
        version: u32,
    ) -> Result<Self> {
        if bytes.len() < 8 || &bytes[..8] != magic {
            return Err(if bytes.len() < 8 && magic.starts_with(bytes) {
                Error::Truncated {
                    what: "magic bytes",
                    needed: 8 - bytes.len(),
                }
            } else {
                Error::BadMagic { expected: kind }
            });
        }
        if bytes.len() < 16 {
            return Err(Error::Truncated {
                what: "header",
                needed: 16 - bytes.len(),
            });
        }
        let found = u32::from_le_bytes(bytes[8..12].try_into().unwrap());
        if found != version {
            return Err(Error::UnsupportedVersion {
                kind,
                found,
                supported: version,
            });
        }
        let (body, tail) = bytes.split_at(bytes.len() - 4);
        let stored = u32::from_le_bytes(tail.try_into().unwrap());
        let computed = crc32(body);
        if stored != computed {
            return Err(Error::ChecksumMismatch { stored, computed });
        }
        Ok(Reader {
            bytes: body,
            pos: 12,
        })
    }

    fn take(&mut self, n: usize, what: &'static str) -> Result<&'a [u8]> {
        let available = self.bytes.len() - self.pos;
        if n > available {
            return Err(Error::Truncated {
                what,
                needed: n - available,
            });
        }
        let out = &self.bytes[self.pos..self.pos + n];
        self.pos += n;
        Ok(out)
    }
    /// One u32.
    pub fn u32(&mut self, what: &'static str) -> Result<u32> {
        Ok(u32::from_le_bytes(self.take(4, what)?.try_into().unwrap()))
    }
    /// One u64.
    pub fn u64(&mut self, what: &'static str) -> Result<u64> {
        Ok(u64::from_le_bytes(self.take(8, what)?.try_into().unwrap()))
    }
    /// One f32.
    pub fn f32(&mut self, what: &'static str) -> Result<f32> {
        Ok(f32::from_le_bytes(self.take(4, what)?.try_into().unwrap()))
    }
    /// A length-prefixed f32 array.
    pub fn f32s(&mut self, what: &'static str) -> Result<Vec<f32>> {
        let n = self.len(what, 4)?;
        let raw = self.take(n * 4, what)?;
        Ok(raw
            .chunks_exact(4)
            .map(|c| f32::from_le_bytes(c.try_into().unwrap()))
            .collect())
    }
    /// A length-prefixed byte string.
    pub fn blob(&mut self, what: &'static str) -> Result<&'a [u8]> {
        let n = self.len(what, 1)?;
        self.take(n, what)
    }
    fn len(&mut self, what: &'static str, elem: usize) -> Result<usize> {
        let n = self.u64(what)? as usize;
        let available = (self.bytes.len() - self.pos) / elem;
        if n > available {
            return Err(Error::Corrupt(format!(
                "{what}: length {n} exceeds the file"
            )));
        }
        Ok(n)
    }
    /// Error unless every byte was consumed.
    pub fn finish(self) -> Result<()> {
        if self.pos != self.bytes.len() {
            return Err(Error::Corrupt(format!(
                "{} unexpected trailing bytes",
                self.bytes.len() - self.pos
            )));
        }
        Ok(())
    }
}
