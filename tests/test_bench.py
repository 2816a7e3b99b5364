"""The benchmark command runs end to end at the smallest size that exercises every measurement, so it cannot rot.

Its numbers are not checked here: machines are shared and noisy, so speed is judged from the table `kb bench`
prints on a quiet machine, not from timed tests.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

from .conftest import ROOT


def test_benchmark_prints_its_table_and_targets(tmp_path):
    out = tmp_path / "bench.json"
    command = [sys.executable, "-m", "kbtools.cli", "--root", str(ROOT), "bench", "--sizes", "10", "--json", str(out)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=600,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stderr[-3000:]
    lines = result.stdout.splitlines()
    assert any(line.startswith("| N | build s | baseline s | ratio | of which search s |") for line in lines)
    assert any(line.startswith("| 10 |") for line in lines)
    assert "Warm `mkdocs serve` rebuild after editing one case" in result.stdout
    assert "Targets:" in result.stdout
    data = json.loads(out.read_text())
    ours, baseline = data["results"]["10"]["ours"], data["results"]["10"]["baseline"]
    assert ours["wall"] > 0 and baseline["wall"] > 0
    assert 0 < ours["search_kb"] < 1024
    assert 0 < ours["index_s"] < ours["wall"]
    assert data["rebuild_s"] > 0
