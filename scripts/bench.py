"""The benchmark under the name issue 18 gives it: ``kb bench`` (kbtools/bench.py) does the work.

    .venv/bin/python scripts/bench.py [--quick | --sizes N ...] [--repeat R] [--edits E] [--json FILE]
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kbtools.cli import main  # noqa: E402  (after the project is on the path)

sys.exit(main(["--root", str(ROOT), "bench", *sys.argv[1:]]))
