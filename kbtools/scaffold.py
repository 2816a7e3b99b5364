"""``kb new-case``: a new, valid case file from answers given as flags or at prompts."""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from govkb.content.knowledge import KnowledgeBase
from govkb.content.layout import Layout
from govkb.content.load import load
from govkb.content.models import Case
from govkb.content.problems import ContentError
from govkb.content.references import suggestion
from govkb.content.slugs import slugify

STUDY = "Smart Cities Study 2019"


@dataclass
class CaseAnswers:
    title: str = ""
    cities: list[str] = field(default_factory=list)
    areas: list[str] = field(default_factory=list)
    sdgs: list[int] = field(default_factory=list)
    summary: str = ""
    section: str = ""
    slug: str = ""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--title", help="the initiative's name and city, in your words")
    parser.add_argument("--city", action="append", default=[], help="city id from data/cities.yaml (repeat)")
    parser.add_argument("--area", action="append", default=[], help="governance area id (repeat)")
    parser.add_argument("--sdg", action="append", type=int, default=[], help="SDG number 1-17 (repeat)")
    parser.add_argument("--summary", help="one sentence: what the city did and why it matters")
    parser.add_argument("--section", help="the study section, e.g. 'Open Government › Open data'")
    parser.add_argument("--slug", help="file name without .md (default: made from the title)")


def answer_problems(answers: CaseAnswers, kb: KnowledgeBase) -> list[str]:
    """Unknown ids with suggestions, and anything the model refuses, as one message per line."""
    problems = []
    for city in answers.cities:
        if city not in kb.cities:
            problems.append(f"--city: unknown city '{city}'{suggestion(city, kb.cities)}")
    for area in answers.areas:
        if area not in kb.areas:
            problems.append(f"--area: unknown area '{area}'{suggestion(area, kb.areas)}")
    try:
        Case.model_validate(front_matter(answers))
    except ValueError as error:
        for item in getattr(error, "errors", list)():
            where = ".".join(map(str, item["loc"]))
            problems.append(f"{where}: {item['msg'].removeprefix('Value error, ')}")
    return problems


def front_matter(answers: CaseAnswers) -> dict:
    return {
        "title": answers.title,
        "cities": answers.cities,
        "edition": 2019,
        "areas": answers.areas,
        "sdgs": answers.sdgs,
        "summary": answers.summary,
        "source": {"study": STUDY, "section": answers.section},
        "links": [],
    }


def case_file_text(answers: CaseAnswers) -> str:
    fields = yaml.safe_dump(front_matter(answers), allow_unicode=True, sort_keys=False, width=100)
    return (f"---\n{fields}---\n\n"
            "Describe the initiative in your own words: what the city did, who took part, what the study\n"
            "says about it (copy names and figures exactly), and why it is useful for other cities.\n")


def write_case(answers: CaseAnswers, cases_dir: Path) -> Path:
    slug = answers.slug or slugify(answers.title)
    path = cases_dir / f"{slug}.md"
    if path.exists():
        raise FileExistsError(f"{path} already exists; choose another --slug")
    path.write_text(case_file_text(answers), encoding="utf-8")
    return path


def _ask(label: str, choices: list[str] | None = None) -> str:
    if choices:
        print(f"  one or more of: {', '.join(choices)}")
    return input(f"{label}: ").strip()


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.replace(",", " ").split() if part.strip()]


def run(args: argparse.Namespace) -> int:
    try:
        kb = load(Layout(args.root))
    except ContentError as error:
        print(f"Fix the existing content first:\n{error}", file=sys.stderr)
        return 1
    answers = CaseAnswers(title=args.title or "", cities=args.city, areas=args.area, sdgs=args.sdg,
                          summary=args.summary or "", section=args.section or "", slug=args.slug or "")
    if sys.stdin.isatty():
        answers.title = answers.title or _ask("Title")
        answers.cities = answers.cities or _split(_ask("Cities (ids)", sorted(kb.cities)))
        answers.areas = answers.areas or _split(_ask("Governance areas (ids)", sorted(kb.areas)))
        answers.sdgs = answers.sdgs or [int(n) for n in _split(_ask("SDG numbers (1-17)")) if n.isdigit()]
        answers.summary = answers.summary or _ask("One-sentence summary")
        answers.section = answers.section or _ask("Study section (e.g. Open Government › Open data)")
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
          "  2. Check it:   .venv/bin/kb validate\n"
          "  3. Preview it: ./scripts/serve   (then open http://127.0.0.1:8000/smart-governance-kb/cases/)\n"
          "  4. Open a pull request; CONTRIBUTING.md has the review checklist.")
    return 0
