"""The benchmark script runs end to end (its --quick mode), so it cannot rot."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from .conftest import ROOT


def test_quick_benchmark_prints_its_table_and_targets(tmp_path):
    out = tmp_path / "bench.json"
    result = subprocess.run([sys.executable, str(ROOT / "scripts/bench.py"), "--quick", "--json", str(out)],
                            capture_output=True, text=True, timeout=1200,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stderr[-3000:]
    lines = result.stdout.splitlines()
    assert any(line.startswith("| N | build s | baseline s | ratio | of which search s |") for line in lines)
    assert any(line.startswith("| 100 |") for line in lines) and any(line.startswith("| 1,000 |") for line in lines)
    assert "Warm `mkdocs serve` rebuild after editing one case" in result.stdout
    assert "Targets:" in result.stdout
    data = json.loads(out.read_text())
    for n in ("100", "1000"):
        ours, baseline = data["results"][n]["ours"], data["results"][n]["baseline"]
        assert ours["wall"] > 0 and baseline["wall"] > 0
        assert 0 < ours["search_kb"] < 1024
        assert 0 < ours["index_s"] < ours["wall"]
    assert data["rebuild_s"] > 0
