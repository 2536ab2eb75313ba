"""A partial run (`run_all.py --only X`) without target/bench/results.json must keep the other
parts' figures in BENCHMARKS.md. Run: `python3 -m unittest discover -s bench -p 'test_*.py'`.

The fixture is the generated block exactly as run_all.py wrote it before the part markers (at
commit 56f26c0), between two hand-written paragraphs. No torch or Rust build needed.
"""

import shutil
import sys
import tempfile
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import report  # noqa: E402

FIXTURE = Path(__file__).resolve().parent / "fixtures/BENCHMARKS_before_part_markers.md"
MACHINE = {"nproc": 2, "cpu_model": "Test CPU", "mem_gib": 8.0, "kernel": "6.0", "rustc": "rustc 1.95.0",
           "evcxr": "evcxr_jupyter v0.22.0", "python": "3.11.7", "git_commit": "abc1234"}


def summary(v):
    return {"median": v, "min": v, "max": v, "n": 1}


def training_only_results():
    """What run_all.py holds after `--only training` with no results.json: one part."""
    config = {"vocab": 2052, "context": 128, "d_model": 128, "heads": 4, "layers": 4, "batch": 16,
              "lr": 0.002, "params": 1072384, "matmul_params": 1049088, "flops_per_token": 7080960.0}
    shape = {"label": "shipped", "overrides": {}, "config": config}
    for t, (rust, torch) in {1: (2000.0, 4000.0), 2: (3000.0, 5000.0)}.items():
        shape[f"rust_tokens_per_sec_{t}t"] = summary(rust)
        shape[f"torch_tokens_per_sec_{t}t"] = summary(torch)
        shape[f"ratio_tokens_per_sec_{t}t"] = summary(rust / torch)
    return {
        "machine": MACHINE,
        "measured_by": {"training": {"command": "python3 bench/run_all.py --only training", "commit": "abc1234",
                                     "finished": "2026-12-02 20:00", "loadavg": "1 1 1 -> 1 1 1",
                                     "machine": "2 cores, Test CPU, 8.0 GiB"}},
        "training": {"threads": [1, 2], "min_secs": 3.0, "shapes": [shape], "torch_version": "2.15.0",
                     "theoretical": {"mhz": 2000.0, "fma_units": 2, "flags": ["avx2", "fma"],
                                     "avx2_per_core": 64e9},
                     "peak": {"avx2_1t": 50e9, "avx2_2t": 100e9}},
    }


class PartialRunKeepsOtherParts(unittest.TestCase):
    def setUp(self):
        self.dir = Path(tempfile.mkdtemp())
        self.page = self.dir / "BENCHMARKS.md"
        shutil.copy(FIXTURE, self.page)
        self.before = FIXTURE.read_text()

    def tearDown(self):
        shutil.rmtree(self.dir)

    def test_other_parts_figures_and_rows_survive(self):
        report.write(self.page, training_only_results())
        after = self.page.read_text()
        for kept in ("| p50 per call | 0.187 ms (0.171–0.198, n=5)",  # connector
                     "| Rust ported cells, warm | 16.59 s",  # notebooks
                     "| mold 1.10 (Debian package) |",  # linkers
                     "### Where a Rust cell's time goes: as shipped",  # profile, second variant
                     "| \"3\" | 41.06 s",  # cells
                     "| connector | 2026-12-02 13:45 | 4801216 |"):  # its provenance row
            self.assertIn(kept, after)
        self.assertNotIn("not measured in this run", after)
        # The kept rows name the machine that measured them, from the old "Machine:" line.
        self.assertIn("| 2 cores, AMD EPYC, 23.5 GiB |", after)

    def test_the_measured_part_is_replaced(self):
        report.write(self.page, training_only_results())
        after = self.page.read_text()
        self.assertNotIn("70519 tok/s", after)  # the old training figure
        self.assertIn("| shipped (d 128, 4 layers, 1.07M) | 7.1 | 1 | 2000 tok/s", after)
        self.assertIn("| training | 2026-12-02 20:00 | abc1234 |", after)
        self.assertEqual(after.count("| training |"), 1)

    def test_hand_written_text_is_kept(self):
        report.write(self.page, training_only_results())
        after = self.page.read_text()
        self.assertIn("Hand-written text before.", after)
        self.assertTrue(after.rstrip().endswith("Hand-written text after."))

    def test_a_second_partial_run_keeps_everything(self):
        """The page written with part markers parses back the same: writing it again changes nothing."""
        report.write(self.page, training_only_results())
        once = self.page.read_text()
        report.write(self.page, training_only_results())
        self.assertEqual(self.page.read_text(), once)
        chunks, rows, _ = report.parse_generated(once)
        self.assertEqual(sorted(chunks), sorted(report.ORDER))
        self.assertEqual(sorted(rows), sorted(report.ORDER))


if __name__ == "__main__":
    unittest.main()
