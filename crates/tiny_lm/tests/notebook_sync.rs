//! The main notebook's hands-on cells and their copies in `notebook_cells.rs` must be the same
//! text, so that what the tests run is what students run. A copy differs from its cell only
//! where evcxr shows a cell's last expression: the copy calls `.evcxr_display()` on it.

/// Opens every cell copy in `notebook_cells.rs`.
const CELL_START: &str = "    // notebook cell: ";
/// Closes it.
const CELL_END: &str = "    // end of cell";

/// The notebook's hands-on code cells as `(id, source without :dep lines)`.
fn notebook_cells() -> Vec<(String, String)> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../notebooks/02_how_llms_are_trained.ipynb"
    );
    let notebook: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let cells = notebook["cells"].as_array().unwrap();
    let first = cells
        .iter()
        .position(|c| c["id"] == "load-tiny-lm")
        .expect("the cell that loads tiny_lm");
    cells[first..]
        .iter()
        .filter(|c| c["cell_type"] == "code")
        .map(|c| {
            let source: String = c["source"]
                .as_array()
                .unwrap()
                .iter()
                .map(|l| l.as_str().unwrap())
                .collect();
            let kept: Vec<&str> = source.lines().filter(|l| !l.starts_with(':')).collect();
            (
                c["id"].as_str().unwrap().to_string(),
                kept.join("\n").trim().to_string(),
            )
        })
        .filter(|(_, source)| !source.contains("connector"))
        .collect()
}

/// The cell copies in `file` as `(id, source as the notebook holds it)`.
fn copies_in(file: &str) -> Vec<(String, String)> {
    let mut copies = Vec::new();
    let mut lines = file.lines();
    while let Some(line) = lines.next() {
        let Some(id) = line.strip_prefix(CELL_START) else {
            continue;
        };
        let body: Vec<&str> = lines
            .by_ref()
            .take_while(|l| *l != CELL_END)
            .map(|l| l.strip_prefix("    ").unwrap_or(l))
            .collect();
        let mut source = body.join("\n").trim().to_string();
        if let Some(shown) = source.strip_suffix(".evcxr_display();") {
            source = shown.to_string();
        }
        copies.push((id.to_string(), source));
    }
    copies
}

fn mismatches(cells: &[(String, String)], copies: &[(String, String)]) -> Vec<String> {
    let mut problems = Vec::new();
    for (i, (id, source)) in cells.iter().enumerate() {
        match copies.get(i) {
            Some((copy_id, copy)) if copy_id == id && copy == source => {}
            Some((copy_id, _)) if copy_id == id => {
                problems.push(format!("cell {id}: the copy differs"))
            }
            _ => problems.push(format!("cell {id}: no copy at position {i}")),
        }
    }
    if copies.len() > cells.len() {
        problems.push(format!(
            "{} copies of cells the notebook no longer has",
            copies.len() - cells.len()
        ));
    }
    problems
}

#[test]
fn every_hands_on_cell_is_here_verbatim() {
    let file = include_str!("notebook_cells.rs");
    let (cells, copies) = (notebook_cells(), copies_in(file));
    assert!(cells.len() >= 15, "{} hands-on cells", cells.len());
    let problems = mismatches(&cells, &copies);
    assert!(problems.is_empty(), "{problems:#?}");
    // The check fails on a changed cell and on a missing one.
    let mut edited = cells.clone();
    edited[1].1.push_str("\nprintln!(\"edited\");");
    assert_eq!(
        mismatches(&edited, &copies),
        vec![format!("cell {}: the copy differs", cells[1].0)]
    );
    assert!(!mismatches(&cells, &copies[1..]).is_empty());
}
