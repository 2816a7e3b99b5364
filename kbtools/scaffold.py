"""``kb new-case``: a new, valid case file from answers given as flags or at prompts."""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from govkb.clock import build_date
from govkb.content.knowledge import KnowledgeBase
from govkb.content.layout import Layout
from govkb.content.load import load
from govkb.content.models import Case
from govkb.content.problems import ContentError
from govkb.content.references import suggestion
from govkb.content.slugs import slugify
from govkb.content.validate import friendly_message
from govkb.languages import DEFAULT, LANGUAGES

from .entrytext import case_file
from .lines import parse_target, parse_titled_link


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
    # A case from the study names its edition (the latest in data/editions.yaml unless told) and section;
    # a contributed one names who contributes it, when, and its public sources: (title, address) pairs.
    edition: int = 0
    study: str = ""
    contributed_by: str = ""
    contributed_on: str = ""
    sources: list[tuple[str, str]] = field(default_factory=list)

    @property
    def contributed(self) -> bool:
        return bool(self.contributed_by)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--title", help="the initiative's name and city, in your words")
    parser.add_argument("--city", action="append", default=[], help="city id from data/cities.yaml (repeat)")
    parser.add_argument("--area", action="append", default=[], help="governance area id (repeat)")
    parser.add_argument("--target", action="append", default=[], metavar="'16.7: REASON'",
                        help="an SDG target the case serves and, after a colon, one sentence on why (repeat); "
                             "the goals follow from the targets")
    parser.add_argument("--summary", help="one sentence: what the city did and why it matters")
    parser.add_argument("--section", help="for a case from the study: its section, e.g. 'Open Government › Open "
                                           "data'")
    parser.add_argument("--edition", type=int, help="for a case from the study: the edition's year (default: the "
                                                    "latest in data/editions.yaml)")
    parser.add_argument("--contributed-by", metavar="ORGANISATION",
                        help="for a contributed case: the city or organisation that contributes it (never a person)")
    parser.add_argument("--contributed-on", metavar="YYYY-MM", help="for a contributed case: when (default: this "
                                                                    "month)")
    parser.add_argument("--source", action="append", default=[], metavar="'TITLE — https://…'",
                        help="for a contributed case: a public page or report that supports it (repeat)")
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
    if not answers.contributed and answers.edition not in kb.study_editions:
        known = ", ".join(str(year) for year in sorted(kb.study_editions))
        problems.append(f"--edition: unknown edition {answers.edition}; known editions: {known}")
    try:
        case = Case.model_validate(front_matter(answers))
    except ValidationError as error:
        for item in error.errors():
            where = ".".join(map(str, item["loc"]))
            problems.append(f"{where}: {friendly_message(item, [])}")
    else:
        problems += [f"{where}: {message}" for where, message in case.tag_problems() + case.provenance_problems()]
    return problems


def target_answer(text: str) -> tuple[str, str]:
    """'16.7: reason' -> ('16.7', 'reason'); a line without a colon is a target without its reason."""
    return parse_target(text) or (text.strip(), "")


def front_matter(answers: CaseAnswers) -> dict:
    goals = list(dict.fromkeys(target.split(".")[0] for target, _ in answers.targets))
    where_from: dict = {"edition": answers.edition} if not answers.contributed else {}
    matter = {
        "title": answers.title,
        "cities": answers.cities,
        **where_from,
        "areas": answers.areas,
        "sdgs": [int(goal) if goal.isdigit() else goal for goal in goals],
        "sdg_targets": [{"target": target, "reason": reason} for target, reason in answers.targets],
        "summary": answers.summary,
    }
    if answers.contributed:
        matter |= {"contributed_by": answers.contributed_by, "contributed_on": answers.contributed_on,
                   "sources": [{"title": title, "url": url} for title, url in answers.sources]}
    else:
        matter["source"] = {"study": answers.study, "section": answers.section}
    return matter | {"links": [], "language": answers.language}


def case_file_text(answers: CaseAnswers) -> str:
    says = "what its sources say" if answers.contributed else "what the study says"
    return case_file(front_matter(answers), f"Describe the initiative in your own words: what the city did, who took "
                                            f"part, {says}\nabout it (copy names and figures exactly), and why it is "
                                            "useful for other cities.").text


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
        targets.append(target_answer(line))
    return targets


def _ask_sources() -> list[str]:
    print("Public pages or reports that support the case, one per line as 'Title — https://…' (an empty line ends)")
    sources = []
    while line := input("Source: ").strip():
        sources.append(line)
    return sources


def _sources(lines: list[str]) -> tuple[list[tuple[str, str]], list[str]]:
    """'Title — https://…' lines as (title, address) pairs, and a problem for each line that is not one."""
    sources, problems = [], []
    for line in lines:
        link = parse_titled_link(line)
        if link and link[0]:
            sources.append(link)
        else:
            problems.append(f"--source: '{line}': write the title, a dash and the address, 'Title — https://…'")
    return sources, problems


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.replace(",", " ").split() if part.strip()]


def run(args: argparse.Namespace) -> int:
    try:
        kb = load(Layout(args.root))
    except ContentError as error:
        print(f"Fix the existing content first:\n{error}", file=sys.stderr)
        return 1
    edition = args.edition or max(kb.study_editions, default=0)
    answers = CaseAnswers(title=args.title or "", cities=args.city, areas=args.area,
                          targets=[target_answer(t) for t in args.target],
                          summary=args.summary or "", section=args.section or "", slug=args.slug or "",
                          language=args.language or DEFAULT, edition=edition,
                          study=kb.study_editions[edition].title if edition in kb.study_editions else "",
                          contributed_by=args.contributed_by or "",
                          contributed_on=args.contributed_on or build_date().strftime("%Y-%m"))
    source_lines = args.source
    if sys.stdin.isatty():
        if not args.language:
            answers.language = _ask(f"Language you write in ({', '.join(LANGUAGES)})") or DEFAULT
        answers.title = answers.title or _ask("Title")
        answers.cities = answers.cities or _split(_ask("Cities (ids)", sorted(kb.cities)))
        answers.areas = answers.areas or _split(_ask("Governance areas (ids)", sorted(kb.areas)))
        answers.targets = answers.targets or _ask_targets()
        answers.summary = answers.summary or _ask("One-sentence summary")
        if not (answers.contributed or args.section):
            answers.contributed_by = _ask("Contributed by: your city or organisation, never a person (leave empty "
                                          f"for a case from the {answers.study})")
        if answers.contributed:
            source_lines = source_lines or _ask_sources()
        else:
            answers.section = answers.section or _ask("Study section (e.g. Open Government › Open data)")
    answers.sources, problems = _sources(source_lines)
    problems += answer_problems(answers, kb)
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
