//! Step 2, cleaning: make equal text look equal before anything compares it.
//!
//! Typographic quotes and dashes become ASCII, odd spaces become plain spaces, invisible and
//! control characters go, and runs of whitespace collapse to one space.

use super::{Document, Reason, Removed, StepOutput};

/// What cleaning changed, counted in characters (and documents).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CleanStats {
    /// Documents whose text changed.
    pub docs_changed: usize,
    /// Curly or angled quotes replaced by `'` or `"`.
    pub quotes: usize,
    /// En dashes, em dashes and similar replaced by `-`.
    pub dashes: usize,
    /// No-break, thin and other unusual spaces replaced by a plain space.
    pub odd_spaces: usize,
    /// Zero-width characters and byte-order marks dropped.
    pub invisible: usize,
    /// Control characters (bell, escape, backspace, ...) dropped.
    pub control_chars: usize,
    /// Tabs and line breaks inside a paragraph turned into spaces.
    pub tabs_and_newlines: usize,
}

impl CleanStats {
    fn add(&mut self, other: &CleanStats) {
        self.quotes += other.quotes;
        self.dashes += other.dashes;
        self.odd_spaces += other.odd_spaces;
        self.invisible += other.invisible;
        self.control_chars += other.control_chars;
        self.tabs_and_newlines += other.tabs_and_newlines;
    }
}

/// Cleans one text and counts what changed.
///
/// ```
/// let (text, stats) = tiny_lm::data::clean_text("\u{201c}Hi\u{201d}\u{00a0}\u{2014}  there\u{7}\n");
/// assert_eq!(text, "\"Hi\" - there");
/// assert_eq!((stats.quotes, stats.dashes, stats.control_chars), (2, 1, 1));
/// ```
pub fn clean_text(text: &str) -> (String, CleanStats) {
    let mut stats = CleanStats::default();
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.chars() {
        let mapped = match c {
            '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' => {
                stats.quotes += 1;
                Some('\'')
            }
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{00AB}' | '\u{00BB}'
            | '\u{2033}' => {
                stats.quotes += 1;
                Some('"')
            }
            '\u{2010}'..='\u{2015}' | '\u{2212}' => {
                stats.dashes += 1;
                Some('-')
            }
            '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => {
                stats.odd_spaces += 1;
                None
            }
            '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' => {
                stats.invisible += 1;
                continue;
            }
            '\t' | '\n' | '\r' => {
                stats.tabs_and_newlines += 1;
                None
            }
            c if c.is_whitespace() => None,
            c if c.is_control() => {
                stats.control_chars += 1;
                continue;
            }
            c => Some(c),
        };
        match mapped {
            None => pending_space = true,
            Some(c) => {
                if pending_space && !out.is_empty() {
                    out.push(' ');
                }
                pending_space = false;
                out.push(c);
            }
        }
    }
    if out != text {
        stats.docs_changed = 1;
    }
    (out, stats)
}

/// Step 2: cleans every document; documents left empty are removed.
///
/// ```
/// use tiny_lm::data::{clean, Document};
/// let out = clean(vec![Document::new("a#1", "Tea\u{2014}or  coffee?"), Document::new("a#2", "\u{200b}")]);
/// assert_eq!(out.kept[0].text, "Tea-or coffee?");
/// assert_eq!((out.stats.docs_changed, out.removed.len()), (1, 1));
/// ```
pub fn clean(docs: Vec<Document>) -> StepOutput<CleanStats> {
    let mut stats = CleanStats::default();
    let mut kept = Vec::with_capacity(docs.len());
    let mut removed = Vec::new();
    for doc in docs {
        let (text, s) = clean_text(&doc.text);
        stats.add(&s);
        if text.is_empty() {
            removed.push(Removed {
                doc,
                reason: Reason::Empty,
            });
            continue;
        }
        stats.docs_changed += s.docs_changed;
        kept.push(Document { text, ..doc });
    }
    StepOutput {
        kept,
        removed,
        stats,
    }
}
