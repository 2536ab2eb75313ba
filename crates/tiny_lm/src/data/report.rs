//! How a [`PipelineReport`] shows itself: an aligned text table for `println!`, an HTML table in
//! a notebook (evcxr calls `evcxr_display` when a cell ends with the value).

use std::fmt;

use super::PipelineReport;

const HEADERS: [&str; 5] = ["Step", "Docs in", "Docs out", "Removed", "What was caught"];

impl PipelineReport {
    fn cells(&self) -> Vec<[String; 5]> {
        self.steps
            .iter()
            .map(|s| {
                [
                    s.step.to_string(),
                    s.docs_in.to_string(),
                    s.docs_out.to_string(),
                    s.removed.to_string(),
                    s.caught.clone(),
                ]
            })
            .collect()
    }

    /// The report as a Markdown table.
    ///
    /// ```
    /// let md = tiny_lm::data::Pipeline::default().run(&tiny_lm::corpus::planted()[..1]).to_markdown();
    /// assert!(md.starts_with("| Step |"));
    /// ```
    pub fn to_markdown(&self) -> String {
        let mut out = format!("| {} |\n|---|--:|--:|--:|---|\n", HEADERS.join(" | "));
        for row in self.cells() {
            out.push_str(&format!("| {} |\n", row.join(" | ")));
        }
        out
    }

    /// The report as an HTML table, for notebooks.
    pub fn to_html(&self) -> String {
        let mut out = String::from("<table>\n<thead><tr>");
        for h in HEADERS {
            out.push_str(&format!("<th>{}</th>", escape(h)));
        }
        out.push_str("</tr></thead>\n<tbody>\n");
        for row in self.cells() {
            out.push_str("<tr>");
            for (i, cell) in row.iter().enumerate() {
                let align = if (1..4).contains(&i) {
                    " style=\"text-align:right\""
                } else {
                    " style=\"text-align:left\""
                };
                out.push_str(&format!("<td{align}>{}</td>", escape(cell)));
            }
            out.push_str("</tr>\n");
        }
        out.push_str("</tbody>\n</table>");
        out
    }

    /// Shows the report as an HTML table in an evcxr notebook cell.
    pub fn evcxr_display(&self) {
        println!(
            "EVCXR_BEGIN_CONTENT text/html\n{}\nEVCXR_END_CONTENT",
            self.to_html()
        );
    }

    /// One line per removed document: id, reason and the start of its text.
    ///
    /// ```
    /// let r = tiny_lm::data::Pipeline::default().run(&tiny_lm::corpus::planted()[..1]);
    /// assert!(r.removed_lines(60).contains("boilerplate"));
    /// ```
    pub fn removed_lines(&self, max_chars: usize) -> String {
        let mut out = String::new();
        for r in &self.removed {
            let snippet: String = r.doc.text.chars().take(max_chars).collect();
            let more = if r.doc.text.chars().count() > max_chars {
                "..."
            } else {
                ""
            };
            out.push_str(&format!(
                "{:<18} {:<42} {snippet}{more}\n",
                r.doc.id,
                r.reason.to_string()
            ));
        }
        out
    }
}

impl fmt::Display for PipelineReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let cells = self.cells();
        let mut widths = HEADERS.map(|h| h.chars().count());
        for row in &cells {
            for (w, cell) in widths.iter_mut().zip(row) {
                *w = (*w).max(cell.chars().count());
            }
        }
        let line = |f: &mut fmt::Formatter<'_>, row: &[String]| -> fmt::Result {
            writeln!(
                f,
                "{:<w0$}  {:>w1$}  {:>w2$}  {:>w3$}  {}",
                row[0],
                row[1],
                row[2],
                row[3],
                row[4],
                w0 = widths[0],
                w1 = widths[1],
                w2 = widths[2],
                w3 = widths[3],
            )
        };
        line(f, &HEADERS.map(String::from))?;
        let rule: usize = widths.iter().sum::<usize>() + 8;
        writeln!(f, "{}", "-".repeat(rule))?;
        for row in &cells {
            line(f, row)?;
        }
        Ok(())
    }
}

/// Escapes text for HTML.
pub(crate) fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
