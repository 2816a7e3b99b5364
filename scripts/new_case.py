#!/usr/bin/env python3
"""Create a new case file: `python scripts/new_case.py --title ... --city bilbao --area open-data --sdg 16 ...`

Anything not given as a flag is asked for when run in a terminal. Unknown cities and areas are refused
with a suggestion; the file written passes the validator.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from govkb.load import Layout, load  # noqa: E402
from govkb.problems import ContentError  # noqa: E402
from govkb.scaffold import CaseAnswers, answer_problems, write_case  # noqa: E402


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Create a new, valid case file in cases/.")
    parser.add_argument("--title", help="the initiative's name and city, in your words")
    parser.add_argument("--city", action="append", default=[], help="city id from data/cities.yaml (repeat)")
    parser.add_argument("--area", action="append", default=[], help="governance area id (repeat)")
    parser.add_argument("--sdg", action="append", type=int, default=[], help="SDG number 1-17 (repeat)")
    parser.add_argument("--summary", help="one sentence: what the city did and why it matters")
    parser.add_argument("--section", help="the study section, e.g. 'Open Government › Open data'")
    parser.add_argument("--slug", help="file name without .md (default: made from the title)")
    parser.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def ask(label: str, choices: list[str] | None = None) -> str:
    if choices:
        print(f"  one or more of: {', '.join(choices)}")
    return input(f"{label}: ").strip()


def split(text: str) -> list[str]:
    return [part.strip() for part in text.replace(",", " ").split() if part.strip()]


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    try:
        kb = load(Layout(args.root))
    except ContentError as error:
        print(f"Fix the existing content first:\n{error}", file=sys.stderr)
        return 1
    answers = CaseAnswers(title=args.title or "", cities=args.city, areas=args.area, sdgs=args.sdg,
                          summary=args.summary or "", section=args.section or "", slug=args.slug or "")
    if sys.stdin.isatty():
        answers.title = answers.title or ask("Title")
        answers.cities = answers.cities or split(ask("Cities (ids)", sorted(kb.cities)))
        answers.areas = answers.areas or split(ask("Governance areas (ids)", sorted(kb.areas)))
        answers.sdgs = answers.sdgs or [int(n) for n in split(ask("SDG numbers (1-17)")) if n.isdigit()]
        answers.summary = answers.summary or ask("One-sentence summary")
        answers.section = answers.section or ask("Study section (e.g. Open Government › Open data)")
    problems = answer_problems(answers, kb)
    if problems:
        print("Not created:", *problems, sep="\n  ", file=sys.stderr)
        return 1
    try:
        path = write_case(answers, Layout(args.root).cases_dir)
    except FileExistsError as error:
        print(f"Not created: {error}", file=sys.stderr)
        return 1
    shown = path.relative_to(args.root)
    print(f"Created {shown}\n\nNext steps:\n"
          f"  1. Write the body of {shown} in your own words; add official links if you have them.\n"
          "  2. Check it:   .venv/bin/python scripts/validate.py\n"
          "  3. Preview it: ./scripts/serve   (then open http://127.0.0.1:8000/cases/)\n"
          "  4. Open a pull request; CONTRIBUTING.md has the review checklist.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
