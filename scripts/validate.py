#!/usr/bin/env python3
"""Validate all content: `python scripts/validate.py`. Exit status 1 when anything is wrong."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from govkb.cli import validate_main  # noqa: E402

if __name__ == "__main__":
    sys.exit(validate_main(["--root", str(Path(__file__).resolve().parent.parent), *sys.argv[1:]]))
