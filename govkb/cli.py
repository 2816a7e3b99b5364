"""Command-line entry points: the same validator the build and pre-commit run."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .load import Layout, load
from .problems import ContentError


def validate_main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Check every case, indicator, city and taxonomy file. "
                                                 "Prints path:line: field: message for each problem.")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="project folder (default: here)")
    args = parser.parse_args(argv)
    try:
        kb = load(Layout(args.root.resolve()))
    except ContentError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        print(f"\n{len(error.problems)} problem(s) found; nothing was built.", file=sys.stderr)
        return 1
    print(f"OK: {len(kb.cases)} cases, {len(kb.indicators)} indicators, {len(kb.cities)} cities.")
    return 0
