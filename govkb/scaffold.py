"""Create a new, valid case file from answers a contributor gives on the command line or at prompts."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .knowledge import KnowledgeBase
from .models import Case
from .references import suggestion
from .slugs import slugify

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
        for item in getattr(error, "errors", lambda: [])():
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
