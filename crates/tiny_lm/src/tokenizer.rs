//! Byte-level byte-pair encoding (BPE), the tokenizer family GPT-2 uses.
//!
//! Teaches: a model reads numbers, not letters. Start with the 256 possible
//! bytes as tokens (so *any* text can be encoded, no "unknown" token), then
//! repeatedly find the most frequent adjacent pair of tokens in the training
//! text and make it a new token. Frequent words become one token; rare words
//! fall back to pieces. Text is first cut into word-like chunks (a leading
//! space stays attached to its word) so merges never cross word boundaries.

use std::collections::HashMap;
use std::fmt;
use std::path::Path;

use crate::codec::{Reader, Writer};
use crate::error::{Error, Result};

const MAGIC: &[u8; 8] = b"TLMTOKEN";
const VERSION: u32 = 1;

/// A trained BPE vocabulary: the 256 bytes plus one token per learned merge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tokenizer {
    /// Learned merges in order; merge `i` creates token `256 + i`.
    merges: Vec<(u32, u32)>,
    /// The bytes each token stands for.
    token_bytes: Vec<Vec<u8>>,
    /// Pair -> token it merges into (its rank is `token - 256`).
    ranks: HashMap<(u32, u32), u32>,
}

#[derive(PartialEq, Clone, Copy)]
enum CharClass {
    Letter,
    Digit,
    Space,
    Other,
}

fn class(c: char) -> CharClass {
    if c.is_alphabetic() {
        CharClass::Letter
    } else if c.is_numeric() {
        CharClass::Digit
    } else if c.is_whitespace() {
        CharClass::Space
    } else {
        CharClass::Other
    }
}

/// Cut text into chunks: `" word"`, `" 123"`, `" ,."`, and runs of whitespace
/// (a run's final space is left to prefix the next word). Concatenating the
/// chunks gives back the text exactly.
pub fn pre_tokenize(text: &str) -> Vec<&str> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let start = chars[i].0;
        let mut j = i;
        if chars[i].1 == ' ' && i + 1 < chars.len() && class(chars[i + 1].1) != CharClass::Space {
            j += 1; // the space belongs to the word after it
        }
        let kind = class(chars[j].1);
        j += 1;
        while j < chars.len() && class(chars[j].1) == kind {
            j += 1;
        }
        if kind == CharClass::Space && j < chars.len() && j - i > 1 && chars[j - 1].1 == ' ' {
            j -= 1;
        }
        let end = chars.get(j).map_or(text.len(), |c| c.0);
        out.push(&text[start..end]);
        i = j;
    }
    out
}

impl Tokenizer {
    /// Learn `vocab_size - 256` merges from `text`. Stops early if no pair
    /// occurs twice. `vocab_size` must be at least 256.
    ///
    /// ```
    /// let tok = tiny_lm::tokenizer::Tokenizer::train("the cat the hat the bat", 260).unwrap();
    /// assert_eq!(tok.decode(&tok.encode("the hat")), "the hat");
    /// assert!(tok.encode(" the").len() == 1);
    /// ```
    pub fn train(text: &str, vocab_size: usize) -> Result<Self> {
        if vocab_size < 256 {
            return Err(Error::InvalidConfig(format!(
                "vocab_size must be at least 256 (one token per byte), got {vocab_size}"
            )));
        }
        let mut word_counts: HashMap<&str, i64> = HashMap::new();
        for w in pre_tokenize(text) {
            *word_counts.entry(w).or_default() += 1;
        }
        let mut sorted: Vec<(&str, i64)> = word_counts.into_iter().collect();
        sorted.sort_unstable();
        let counts: Vec<i64> = sorted.iter().map(|w| w.1).collect();
        let mut words: Vec<Vec<u32>> = sorted
            .iter()
            .map(|(w, _)| w.bytes().map(u32::from).collect())
            .collect();

        // How often each adjacent pair occurs, and which words contain it.
        let mut pair_counts: HashMap<(u32, u32), i64> = HashMap::new();
        let mut where_: HashMap<(u32, u32), Vec<usize>> = HashMap::new();
        for (wi, w) in words.iter().enumerate() {
            for p in w.windows(2) {
                *pair_counts.entry((p[0], p[1])).or_default() += counts[wi];
                where_.entry((p[0], p[1])).or_default().push(wi);
            }
        }
        let mut tok = Tokenizer::from_merges(Vec::new());
        while tok.vocab_size() < vocab_size {
            // Most frequent pair; ties go to the smallest pair so training is deterministic.
            let best = pair_counts
                .iter()
                .filter(|(_, &c)| c >= 2)
                .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
                .map(|(&p, _)| p);
            let Some(pair) = best else { break };
            let new_id = tok.vocab_size() as u32;
            tok.push_merge(pair);
            let mut touched = where_.remove(&pair).unwrap_or_default();
            touched.dedup();
            for wi in touched {
                let w = &words[wi];
                if !w.windows(2).any(|p| (p[0], p[1]) == pair) {
                    continue;
                }
                for p in w.windows(2) {
                    *pair_counts.get_mut(&(p[0], p[1])).unwrap() -= counts[wi];
                }
                let merged = merge_pair(w, pair, new_id);
                for p in merged.windows(2) {
                    *pair_counts.entry((p[0], p[1])).or_default() += counts[wi];
                    where_.entry((p[0], p[1])).or_default().push(wi);
                }
                words[wi] = merged;
            }
            pair_counts.remove(&pair);
            pair_counts.retain(|_, c| *c > 0);
        }
        Ok(tok)
    }

    fn from_merges(merges: Vec<(u32, u32)>) -> Self {
        let mut tok = Tokenizer {
            merges: Vec::new(),
            token_bytes: (0..=255u8).map(|b| vec![b]).collect(),
            ranks: HashMap::new(),
        };
        for m in merges {
            tok.push_merge(m);
        }
        tok
    }

    fn push_merge(&mut self, pair: (u32, u32)) {
        let id = self.token_bytes.len() as u32;
        let mut bytes = self.token_bytes[pair.0 as usize].clone();
        bytes.extend_from_slice(&self.token_bytes[pair.1 as usize]);
        self.token_bytes.push(bytes);
        self.merges.push(pair);
        self.ranks.insert(pair, id);
    }

    /// Number of tokens (256 bytes + merges).
    pub fn vocab_size(&self) -> usize {
        self.token_bytes.len()
    }

    /// Token ids for `text`. Never fails: every byte has a token.
    pub fn encode(&self, text: &str) -> Vec<u32> {
        let mut out = Vec::with_capacity(text.len() / 3);
        for chunk in pre_tokenize(text) {
            let mut ids: Vec<u32> = chunk.bytes().map(u32::from).collect();
            // Apply the earliest-learned merge present, until none applies.
            loop {
                let best = ids
                    .windows(2)
                    .filter_map(|p| self.ranks.get(&(p[0], p[1])).map(|&id| (id, (p[0], p[1]))))
                    .min();
                match best {
                    Some((id, pair)) => ids = merge_pair(&ids, pair, id),
                    None => break,
                }
            }
            out.extend(ids);
        }
        out
    }

    /// The raw bytes of a token sequence; errors on an id outside the vocabulary.
    pub fn decode_bytes(&self, ids: &[u32]) -> Result<Vec<u8>> {
        let mut out = Vec::new();
        for &id in ids {
            let bytes = self
                .token_bytes
                .get(id as usize)
                .ok_or(Error::UnknownToken {
                    id,
                    vocab_size: self.vocab_size(),
                })?;
            out.extend_from_slice(bytes);
        }
        Ok(out)
    }

    /// Text of a token sequence. Unknown ids are skipped and byte sequences that
    /// are not valid UTF-8 (a sampled token can end mid-character) become `�`.
    /// For any string `s`, `decode(&encode(s)) == s`.
    pub fn decode(&self, ids: &[u32]) -> String {
        let known: Vec<u32> = ids
            .iter()
            .copied()
            .filter(|&i| (i as usize) < self.vocab_size())
            .collect();
        String::from_utf8_lossy(&self.decode_bytes(&known).unwrap_or_default()).into_owned()
    }

    /// The text one token stands for (lossy for partial UTF-8), for display.
    pub fn token_str(&self, id: u32) -> String {
        self.decode(&[id])
    }

    /// Encode `text` and keep each token's text, for showing in a notebook.
    ///
    /// ```
    /// let tok = tiny_lm::tokenizer::Tokenizer::train("low lower lowest", 262).unwrap();
    /// println!("{}", tok.tokenize("lower"));
    /// ```
    pub fn tokenize(&self, text: &str) -> Tokenization {
        let ids = self.encode(text);
        let pieces = ids.iter().map(|&i| self.token_str(i)).collect();
        Tokenization { ids, pieces }
    }

    /// Serialise (magic, version, merges, CRC-32).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut w = Writer::with_header(MAGIC, VERSION);
        w.u32(self.merges.len() as u32);
        for &(a, b) in &self.merges {
            w.u32(a);
            w.u32(b);
        }
        w.finish()
    }

    /// Parse what [`Tokenizer::to_bytes`] wrote.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        let mut r = Reader::open(bytes, MAGIC, "tokenizer", VERSION)?;
        let n = r.u32("merge count")? as usize;
        let mut merges = Vec::with_capacity(n.min(1 << 20));
        for i in 0..n {
            let (a, b) = (r.u32("merges")?, r.u32("merges")?);
            if a as usize >= 256 + i || b as usize >= 256 + i {
                return Err(Error::Corrupt(format!(
                    "merge {i} refers to a token not yet defined"
                )));
            }
            merges.push((a, b));
        }
        r.finish()?;
        Ok(Tokenizer::from_merges(merges))
    }

    /// Write to a file.
    pub fn save(&self, path: impl AsRef<Path>) -> Result<()> {
        std::fs::write(path.as_ref(), self.to_bytes()).map_err(|e| Error::io(path.as_ref(), e))
    }

    /// Read from a file written by [`Tokenizer::save`].
    pub fn load(path: impl AsRef<Path>) -> Result<Self> {
        let bytes = std::fs::read(path.as_ref()).map_err(|e| Error::io(path.as_ref(), e))?;
        Tokenizer::from_bytes(&bytes)
    }
}

fn merge_pair(ids: &[u32], pair: (u32, u32), new_id: u32) -> Vec<u32> {
    let mut out = Vec::with_capacity(ids.len());
    let mut i = 0;
    while i < ids.len() {
        if i + 1 < ids.len() && (ids[i], ids[i + 1]) == pair {
            out.push(new_id);
            i += 2;
        } else {
            out.push(ids[i]);
            i += 1;
        }
    }
    out
}

/// Token ids with the text of each, as shown in a notebook.
#[derive(Debug, Clone, PartialEq)]
pub struct Tokenization {
    /// Token ids.
    pub ids: Vec<u32>,
    /// Text of each token.
    pub pieces: Vec<String>,
}

impl Tokenization {
    /// Tokens with spaces drawn as `·` so word boundaries are visible.
    pub fn visible_pieces(&self) -> Vec<String> {
        self.pieces
            .iter()
            .map(|p| p.replace(' ', "·").replace('\n', "↵"))
            .collect()
    }

    /// HTML: one box per token with its id underneath.
    pub fn to_html(&self) -> String {
        let mut html = String::from("<div style=\"font-family:monospace;line-height:2.4\">");
        for (i, (id, piece)) in self.ids.iter().zip(self.visible_pieces()).enumerate() {
            let hue = (i * 67) % 360;
            html += &format!(
                "<span style=\"background:hsl({hue},70%,88%);padding:2px 3px;margin:1px;border-radius:3px\" title=\"id {id}\">{}<sub>{id}</sub></span>",
                html_escape(&piece)
            );
        }
        html + "</div>"
    }

    /// Rich notebook output (evcxr).
    pub fn evcxr_display(&self) {
        println!(
            "EVCXR_BEGIN_CONTENT text/html\n{}\nEVCXR_END_CONTENT",
            self.to_html()
        );
    }
}

impl fmt::Display for Tokenization {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let shown: Vec<String> = self
            .visible_pieces()
            .iter()
            .zip(&self.ids)
            .map(|(p, id)| format!("{p}({id})"))
            .collect();
        write!(f, "{} tokens: {}", self.ids.len(), shown.join(" "))
    }
}

pub(crate) fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests;
