"""The benchmark runs end to end at its smallest (the real content, English alone, one preview edit of each kind),
so it cannot rot.

Its numbers are not checked here: machines are shared and noisy, so speed is judged from the report `kb bench`
prints on a quiet machine, not from timed tests.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

from .conftest import ROOT


def test_benchmark_prints_its_tables_and_targets(tmp_path):
    out = tmp_path / "bench.json"
    command = [sys.executable, str(ROOT / "scripts/bench.py"), "--sizes", "10", "--repeat", "1", "--edits", "1",
               "--english-only", "--json", str(out)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=900,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stderr[-3000:]
    report = result.stdout
    assert report.startswith("# `kb bench`, ")
    assert "| cases | languages | pages ours / baseline | ours cold s | ours warm s | baseline s |" in report
    real = json.loads(out.read_text())["real_cases"]
    assert real >= 20  # fewer cases than the real ones are raised to the real content
    assert f"| {real} (real) | one language |" in report
    assert "Search payload (gzip, from /pagefind/, until the first results): en " in report
    assert "| a word added to a case's body | one language |" in report
    assert "| a word added to a city's name in data/cities.yaml | one language |" in report
    targets = report.split("## Targets", 1)[1]
    for target in ("the baseline, one language", "peak memory", "no page over 100 KB", "search payload",
                   "real content cold", "real content warm", "preview of a case edit",
                   "search in the preview finds the edited text", "preview of a city edit"):
        assert target in targets, target
    assert all(line.startswith(("- PASS: ", "- FAIL: ")) for line in targets.strip().splitlines())
