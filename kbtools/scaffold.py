"""``kb new-case``: a new, valid case file from answers given as flags or at prompts."""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pydantic import ValidationError

from govkb.content.knowledge import KnowledgeBase
from govkb.content.layout import Layout
from govkb.content.load import load
from govkb.content.models import Case
from govkb.content.problems import ContentError
from govkb.content.references import suggestion
from govkb.content.slugs import slugify
from govkb.content.validate import friendly_message
from govkb.languages import DEFAULT, LANGUAGES

STUDY = "Smart Cities Study 2019"


@dataclass
class CaseAnswers:
    title: str = ""
    cities: list[str] = field(default_factory=list)
    areas: list[str] = field(default_factory=list)
    targets: list[tuple[str, str]] = field(default_factory=list)  # (target, reason)
    summary: str = ""
    section: str = ""
    slug: str = ""
    language: str = DEFAULT


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--title", help="the initiative's name and city, in your words")
    parser.add_argument("--city", action="append", default=[], help="city id from data/cities.yaml (repeat)")
    parser.add_argument("--area", action="append", default=[], help="governance area id (repeat)")
    parser.add_argument("--target", action="append", default=[], metavar="'16.7: REASON'",
                        help="an SDG target the case serves and, after a colon, one sentence on why (repeat); "
                             "the goals follow from the targets")
    parser.add_argument("--summary", help="one sentence: what the city did and why it matters")
    parser.add_argument("--section", help="the study section, e.g. 'Open Government › Open data'")
    parser.add_argument("--slug", help="file name without .md (default: made from the title)")
    parser.add_argument("--language", choices=LANGUAGES, help="the language you write the case in (default: en)")


def answer_problems(answers: CaseAnswers, kb: KnowledgeBase) -> list[str]:
    """Unknown ids with suggestions, and anything the model refuses, as one message per line."""
    problems = []
    for city in answers.cities:
        if city not in kb.cities:
            problems.append(f"--city: unknown city '{city}'{suggestion(city, kb.cities)}")
    for area in answers.areas:
        if area not in kb.areas:
            problems.append(f"--area: unknown area '{area}'{suggestion(area, kb.areas)}")
    for target, _ in answers.targets:
        if target not in kb.targets:
            problems.append(f"--target: '{target}' is not an SDG target{suggestion(target, kb.targets)}")
    try:
        case = Case.model_validate(front_matter(answers))
    except ValidationError as error:
        for item in error.errors():
            where = ".".join(map(str, item["loc"]))
            problems.append(f"{where}: {friendly_message(item, [])}")
    else:
        problems += [f"{where}: {message}" for where, message in case.tag_problems()]
    return problems


def parse_target(text: str) -> tuple[str, str]:
    """'16.7: reason' -> ('16.7', 'reason')."""
    target, _, reason = text.partition(":")
    return target.strip(), reason.strip()


def front_matter(answers: CaseAnswers) -> dict:
    goals = list(dict.fromkeys(target.split(".")[0] for target, _ in answers.targets))
    return {
        "title": answers.title,
        "cities": answers.cities,
        "edition": 2019,
        "areas": answers.areas,
        "sdgs": [int(goal) if goal.isdigit() else goal for goal in goals],
        "sdg_targets": [{"target": target, "reason": reason} for target, reason in answers.targets],
        "summary": answers.summary,
        "source": {"study": STUDY, "section": answers.section},
        "links": [],
        "language": answers.language,
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


def _ask_targets() -> list[tuple[str, str]]:
    print("SDG targets the case serves, one per line as '16.7: why the case serves it' (an empty line ends);\n"
          "  content/sdg-method.md says how to choose them")
    targets = []
    while line := input("Target: ").strip():
        targets.append(parse_target(line))
    return targets


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.replace(",", " ").split() if part.strip()]


def run(args: argparse.Namespace) -> int:
    try:
        kb = load(Layout(args.root))
    except ContentError as error:
        print(f"Fix the existing content first:\n{error}", file=sys.stderr)
        return 1
    answers = CaseAnswers(title=args.title or "", cities=args.city, areas=args.area,
                          targets=[parse_target(t) for t in args.target],
                          summary=args.summary or "", section=args.section or "", slug=args.slug or "",
                          language=args.language or DEFAULT)
    if sys.stdin.isatty():
        if not args.language:
            answers.language = _ask(f"Language you write in ({', '.join(LANGUAGES)})") or DEFAULT
        answers.title = answers.title or _ask("Title")
        answers.cities = answers.cities or _split(_ask("Cities (ids)", sorted(kb.cities)))
        answers.areas = answers.areas or _split(_ask("Governance areas (ids)", sorted(kb.areas)))
        answers.targets = answers.targets or _ask_targets()
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
