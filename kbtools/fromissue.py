"""``kb case-from-issue`` and ``kb city-from-issue``: a submitted issue form becomes a case file or a city entry.

GitHub writes a submitted form as Markdown: each question's label as a '### ' heading, then the answer
('_No response_' when there is none, '- [X] …' for a ticked box, the chosen options joined by ', '). The
answers are read with the questions of ``kbtools.forms`` in the form's language, written with a YAML emitter
(``kbtools.entrytext``), and the result is validated by the loader every other file goes through, in a copy of
the project's content. What is wrong is told under the form's own labels, with the line of the answer where it
has lines, never as a YAML path. Nothing is written while anything is wrong.
"""

from __future__ import annotations

import argparse
import heapq
import re
import shutil
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from babel import Locale
from pydantic import TypeAdapter, ValidationError

from govkb.clock import build_date
from govkb.content.characters import printable
from govkb.content.knowledge import KnowledgeBase
from govkb.content.layout import Layout
from govkb.content.load import load
from govkb.content.models import Month
from govkb.content.problems import ContentError, Problem
from govkb.content.slugs import slugify
from govkb.languages import LANGUAGES
from govkb.messages import Messages

from .entrytext import Written, case_file, list_entry
from .forms import FORMS_DIR, Form, Question, all_forms, write_forms
from .lines import parse_target, parse_titled_link

# GitHub's own limit on the text of an issue.
MAX_ISSUE_CHARACTERS = 65_536
_NO_RESPONSE = "_No response_"
_TICKED = re.compile(r"- \[[xX]\] (.*)")
_YEAR = re.compile(r"\d{4}")
_DECIMAL = r"[+-]?\d{1,3}(?:[.,]\d+)?"
_COORDINATES = re.compile(rf"\s*({_DECIMAL})\s*[,;]\s*({_DECIMAL})\s*|\s*({_DECIMAL})\s+({_DECIMAL})\s*")
# Problems the validator files under another field than the answer they are about: (start of the message, the
# question whose answer is missing).
_ABOUT = (("a contributed case needs at least one of sources", "sources"),
          ("say where the case comes from", "contributed-by"))
_PLACEHOLDER_SLUG = "case-from-an-issue"


@dataclass(frozen=True, order=True)
class Said:
    """One thing the contributor is told: under which question's label, on which line of the answer, what."""

    place: int  # the question's place in the form, to list what is said in the form's order; -1: the whole form
    line: int
    label: str  # '' when the issue is no form at all
    message: str

    def text(self, messages: Messages) -> str:
        if not self.label:
            return printable(self.message)
        if self.line:
            said = messages.t("{label}, line {line}: {problem}", label=self.label, line=self.line,
                              problem=self.message)
        else:
            said = messages.t("{label}: {problem}", label=self.label, problem=self.message)
        return printable(said)  # one line, in the order it was written: no control or bidirectional characters


@dataclass
class Answers:
    """A submitted form's answers, read in its language, and what could not be read from them."""

    form: Form
    texts: dict[str, str]
    said: list[Said] = field(default_factory=list)
    # Questions whose answer was left out of the entry, unread: what the validator says of its absence is not told.
    unread: set[int] = field(default_factory=set)
    # The answer line each item of a list field came from: origins["sources"][1] is the second source's line.
    origins: dict[str, list[int]] = field(default_factory=dict)

    @property
    def t(self) -> Callable[..., str]:
        return self.form.messages.t

    def __post_init__(self) -> None:
        for question in self.form.questions:
            if question.required and question.kind != "checkboxes" and self.text(question.id) is None:
                self.tell(question, missing(self.form, question))

    def tell(self, question: Question | None, message: str, line: int = 0, whole: bool = True) -> None:
        """Say what is wrong with an answer; ``whole`` when the answer is left out for it (not just a line)."""
        told = _said(self.form, question, message, line)
        self.said.append(told)
        if whole and not line:
            self.unread.add(told.place)

    def text(self, ident: str) -> str | None:
        """The answer, or None when there is none."""
        question = self.form.question(ident)
        answer = self.texts.get(ident, "").strip()
        if answer == _NO_RESPONSE or (question.kind == "dropdown" and not question.required and answer == "None"):
            answer = ""  # GitHub's words for no answer, and for an optional dropdown left alone
        return answer or None

    def chosen(self, ident: str) -> list[Any]:
        """What the chosen options of a dropdown stand for, in the form's order."""
        answer = self.text(ident)
        question = self.form.question(ident)
        if answer is None:
            return []
        picked = _options_in(answer, question.options) if question.multiple else (
            [question.options.index(answer)] if answer in question.options else None)
        if picked is None:
            unknown = [part for part in answer.split(", ") if part not in question.options] or [answer]
            self.tell(question, self.t("“{value}” is not one of the choices: choose from the list",
                                       value=unknown[0][:80]))
            return []
        return [question.values[index] for index in picked]

    def lines(self, ident: str) -> list[tuple[int, str]]:
        """The answer's lines that hold something, with their numbers."""
        answer = self.text(ident)
        return [(number, line.strip()) for number, line in enumerate((answer or "").split("\n"), start=1)
                if line.strip()]

    def links(self, ident: str, key: str) -> list[dict[str, str]]:
        """'Title — https://…' lines as the model's links, each line's number kept for what the validator says."""
        found, self.origins[key] = [], []
        for number, line in self.lines(ident):
            link = parse_titled_link(line)
            question = self.form.question(ident)
            if link is None:
                self.tell(question, self.t("write the title, a dash and the address starting with https://, "
                                           "as in: Title — https://…"), number)
            elif not link[0]:
                self.tell(question, self.t("give the page's title before its address"), number)
            else:
                found.append({"title": link[0], "url": link[1]})
                self.origins[key].append(number)
        self.unread_if_empty(ident, found)
        return found

    def unread_if_empty(self, ident: str, found: list) -> None:
        """An answer of lines none of which could be read is left out whole."""
        if not found and self.lines(ident):
            self.unread.add(self.form.questions.index(self.form.question(ident)))

    def year(self, ident: str) -> int | None:
        answer = self.text(ident)
        if answer is not None and not _YEAR.fullmatch(answer):
            self.tell(self.form.question(ident), self.t("write a year in four digits, such as 2021"))
            return None
        return int(answer) if answer else None

    def all_ticked(self, ident: str) -> None:
        question = self.form.question(ident)
        answer = self.texts.get(ident, "")
        ticked = {match.group(1).strip() for line in answer.split("\n") if (match := _TICKED.fullmatch(line.strip()))}
        for option in question.options:
            if option not in ticked:
                self.tell(question, self.t("tick the box: {statement}", statement=option))


def missing(form: Form, question: Question) -> str:
    if question.id == "sources":
        return form.messages.t("add at least one public page or report that supports the case, one per line: the "
                               "title, a dash and the address")
    return form.messages.t("this question needs an answer")


def _said(form: Form, question: Question | None, message: str, line: int = 0) -> Said:
    if question is None:
        return Said(-1, 0, form.messages.t("The form as a whole"), message)
    return Said(form.questions.index(question), line, question.label, message)


def _options_in(answer: str, options: tuple[str, ...]) -> list[int] | None:
    """The options a multiple-choice answer names: GitHub joins them with ', ', and an option may itself hold
    ', ', so the answer is matched option by option from its start. None when it is not made of options."""
    if len(answer) > sum(len(option) + 2 for option in options):
        return None
    reached: dict[int, list[int]] = {0: []}  # where in the answer -> the options read up to there
    waiting = [0]
    while waiting:
        start = heapq.heappop(waiting)
        for index, option in enumerate(options):
            end = start + len(option)
            if not answer.startswith(option, start):
                continue
            if end == len(answer):
                return [*reached[start], index]
            if answer.startswith(", ", end) and end + 2 not in reached:
                reached[end + 2] = [*reached[start], index]
                heapq.heappush(waiting, end + 2)
    return None


# --- Reading the issue -----------------------------------------------------------------------------------------


def sections(body: str, form: Form) -> dict[str, str]:
    """Each question's answer: the lines between its heading and the next question's heading.

    GitHub writes every question's heading, in the form's order. An answer may hold a heading of its own (a
    description ending in '### Sources'), so the headings are matched from the last question back, each the
    last one before the heading matched after it."""
    lines = body.split("\n")
    found: dict[str, list[int]] = {}
    for number, line in enumerate(lines):
        if line.startswith("### "):
            found.setdefault(line[4:].strip(), []).append(number)
    starts: list[tuple[int, str]] = []
    limit = len(lines)
    for question in reversed(form.questions):
        before = [number for number in found.get(question.label, []) if number < limit]
        if before:
            limit = before[-1]
            starts.insert(0, (limit, question.id))
    ends = [start for start, _ in starts[1:]] + [len(lines)]
    return {ident: "\n".join(lines[start + 1:end]).strip("\n") for (start, ident), end in zip(starts, ends,
                                                                                               strict=True)}


def recognised(body: str, forms: list[Form]) -> Form | None:
    """The form (and so the language) whose labels the issue's headings are; None when it is none of them."""
    headings = {line[4:].strip() for line in body.split("\n") if line.startswith("### ")}
    best = max(forms, key=lambda form: sum(question.label in headings for question in form.questions))
    found = sum(question.label in headings for question in best.questions)
    return best if found * 2 > len(best.questions) else None


def not_a_form(kind: str) -> str:
    """Said in every language, since the issue's language is not known."""
    said = []
    for language in LANGUAGES:
        t = Messages(language).t
        name = {"case": t("New case"), "city": t("New city")}[kind]
        said.append(t("This issue was not written with the form “{form}”: open a new issue with that form.",
                      form=name))
    return " / ".join(said)


# --- A case ----------------------------------------------------------------------------------------------------


def case_answers(answers: Answers, month: str) -> tuple[dict[str, Any], str]:
    """The front matter and body the answers make, in the model's order of fields."""
    targets = _targets(answers)
    goals = list(dict.fromkeys(target["target"].split(".")[0] for target in targets))
    # A goal's problems are told on the line of its first target.
    answers.origins["sdgs"] = [next(line for target, line in zip(targets, answers.origins["sdg_targets"], strict=True)
                                    if target["target"].split(".")[0] == goal) for goal in goals]
    status, language = answers.chosen("status"), answers.chosen("language")
    front = _given(title=answers.text("title"), cities=answers.chosen("cities"),
                   areas=list(dict.fromkeys(answers.chosen("main-area") + answers.chosen("other-areas"))),
                   sdgs=[int(goal) if goal.isdigit() else goal for goal in goals], sdg_targets=targets,
                   summary=answers.text("summary"), contributed_by=answers.text("contributed-by"),
                   contributed_on=month, sources=answers.links("sources", "sources"),
                   links=answers.links("links", "links"), year_started=answers.year("year-started"),
                   status=status[0].value if status else None, language=language[0] if language else None)
    answers.all_ticked("confirm")
    return front, answers.text("description") or ""


def _given(**fields: Any) -> dict[str, Any]:
    """The fields that have a value: an answer left out (None, or an empty list or mapping) is not written."""
    return {key: value for key, value in fields.items() if value not in (None, [], {})}


def _targets(answers: Answers) -> list[dict[str, str]]:
    targets, answers.origins["sdg_targets"] = [], []
    for number, line in answers.lines("targets"):
        parsed = parse_target(line)
        if parsed is None:
            answers.tell(answers.form.question("targets"), answers.t(
                "write the target's number, a colon, then why, as in: 16.7: …"), number)
            continue
        targets.append({"target": parsed[0], "reason": parsed[1]})
        answers.origins["sdg_targets"].append(number)
    answers.unread_if_empty("targets", targets)
    return targets


def _slug(answers: Answers, front: dict[str, Any], chosen: str | None, kb: KnowledgeBase, cases_dir: Path) -> str:
    """The case's file name, from its title; a placeholder (to validate the rest) when the title gives none."""
    slug = chosen or slugify(front.get("title", ""))
    title = answers.form.question("title")
    if "title" in front and not slug:
        answers.tell(title, answers.t("no file name can be made from this title: use letters or digits"))
    elif slug and (slug in kb.cases or any(cases_dir.glob(f"{slug}.*"))):
        answers.tell(title, answers.t("a case with the file name “{slug}” is already in the knowledge base: if it "
                                      "is the same initiative, propose changes to it instead; if not, choose "
                                      "another title", slug=slug), whole=False)
        slug = ""
    return slug or _PLACEHOLDER_SLUG


def make_case(root: Path, body: str, month: str, chosen_slug: str | None = None) -> tuple[Form | None, list[Said],
                                                                                       Path | None]:
    """Read the issue, write cases/<slug>.md if nothing is wrong; the form, what to tell, and the file written."""
    kb = load(Layout(root))
    read = _read(kb, root, body, "case")
    if isinstance(read, list):
        return None, read, None
    answers = read
    front, text = case_answers(answers, month)
    layout = Layout(root)
    slug = _slug(answers, front, chosen_slug, kb, layout.cases_dir)
    written = case_file(front, text)
    target = layout.cases_dir / f"{slug}.md"

    def add(copy: Path) -> None:
        (Layout(copy).cases_dir / target.name).write_text(written.text, encoding="utf-8")

    problems = _validated(root, add)
    own = layout.display(target)
    said = _told(answers, problems, written, lambda problem: _own_field(problem, own))
    if said:
        return answers.form, said, None
    target.write_text(written.text, encoding="utf-8")
    return answers.form, [], target


def _own_field(problem: Problem, own: str) -> str | None:
    """A problem's field within the new case; None when it lies in another file (a duplicate of the new one)."""
    return problem.field if problem.path == own else None


# --- A city ----------------------------------------------------------------------------------------------------


def city_answers(answers: Answers, chosen_id: str | None, kb: KnowledgeBase) -> dict[str, Any]:
    name = answers.text("name")
    ident = (chosen_id or slugify(name)) if name else None
    if ident in kb.cities:
        answers.tell(answers.form.question("name"), answers.t(
            "a city with the id “{id}” is listed already: {name}. If yours is another city of the same name, "
            "say so in a comment and a maintainer will give it another id.", id=ident, name=kb.cities[ident].name))
    other_names = answers.lines("other-names")
    answers.origins["other_names"] = [number for number, _ in other_names]
    country, region = answers.chosen("country"), answers.chosen("region")
    entry = _given(id=ident, name=name, other_names=[line for _, line in other_names],
                   country=country[0] if country else None,
                   country_name=Locale("en").territories[country[0]] if country else None,
                   region=region[0] if region else None, coordinates=_coordinates(answers),
                   coordinates_source=answers.text("coordinates-source"), population=_population(answers),
                   website=answers.text("website"), notes=answers.text("notes"))
    answers.all_ticked("confirm")
    return entry


def _coordinates(answers: Answers) -> dict[str, float] | None:
    answer = answers.text("coordinates")
    if answer is None:
        return None
    found = _COORDINATES.fullmatch(answer) if len(answer) <= 60 else None  # two numbers are never longer
    if found is None:
        answers.tell(answers.form.question("coordinates"), answers.t(
            "write the latitude and the longitude in decimal degrees, separated by a comma, as in: 43.2569, -2.9236"))
        return None
    lat, lon = (number for number in found.groups() if number is not None)
    return {"lat": float(lat.replace(",", ".")), "lon": float(lon.replace(",", "."))}


def _population(answers: Answers) -> dict[str, Any]:
    value, digits = answers.text("population"), None
    if value is not None:
        digits = re.sub(r"[\s.,'\u00a0\u202f]", "", value)  # thousands written as 545 796, 545,796 or 545.796
        if not digits.isdigit():
            answers.tell(answers.form.question("population"), answers.t("write the number of inhabitants in digits"))
            digits = None
    return _given(value=int(digits) if digits else None, year=answers.year("population-year"),
                  source=answers.text("population-source"))


def make_city(root: Path, body: str, chosen_id: str | None = None) -> tuple[Form | None, list[Said], str | None]:
    """Read the issue, add the city to data/cities.yaml if nothing is wrong; the form, what to tell, and the id."""
    kb = load(Layout(root))
    read = _read(kb, root, body, "city")
    if isinstance(read, list):
        return None, read, None
    answers = read
    entry = city_answers(answers, chosen_id, kb)
    cities_file = Layout(root).cities_file
    existing = cities_file.read_text(encoding="utf-8")
    existing += "" if existing.endswith("\n") else "\n"
    written = list_entry(entry, first_line=existing.count("\n") + 2)
    new_text = f"{existing}\n{written.text}"

    def add(copy: Path) -> None:
        Layout(copy).cities_file.write_text(new_text, encoding="utf-8")

    index, ident, own = len(kb.cities), entry.get("id"), Layout(root).display(cities_file)
    said = _told(answers, _validated(root, add), written, lambda problem: _city_field(problem, own, index))
    if said:
        return answers.form, said, None
    cities_file.write_text(new_text, encoding="utf-8")
    write_forms(load(Layout(root)), root)  # the case forms list the new city
    return answers.form, [], ident


def _city_field(problem: Problem, own: str, index: int) -> str | None:
    """A problem's field within the new entry (entry number ``index`` of the city registry ``own``)."""
    if problem.path != own:
        return None
    return problem.field.removeprefix(f"{index}.")


# --- Validation, and what to tell ------------------------------------------------------------------------------


def _read(kb: KnowledgeBase, root: Path, body: str, kind: str) -> Answers | list[Said]:
    """The answers of the issue, read with the form it was written with; or what to say when it cannot be read."""
    body = body.replace("\r\n", "\n").replace("\r", "\n")  # as browsers send them, and as Markdown reads them
    forms = [form for form in all_forms(kb, root) if form.kind == kind]
    form = recognised(body, forms)
    if form is None:
        return [Said(-1, 0, "", not_a_form(kind))]
    if len(body) > MAX_ISSUE_CHARACTERS:
        return [_said(form, None, form.messages.t("the issue is {count} characters long; the limit is {limit}: "
                                                  "shorten the description", count=len(body),
                                                  limit=MAX_ISSUE_CHARACTERS))]
    return Answers(form, sections(body, form))


def _validated(root: Path, change: Callable[[Path], None]) -> list[Problem]:
    """Every problem the loader finds in a copy of the project's content with ``change`` made to it."""
    layout = Layout(root)
    with tempfile.TemporaryDirectory(prefix="kb-from-issue-") as folder:
        copy = Path(folder)
        for part in (layout.cases_dir, layout.indicators_dir, layout.data_dir):
            if part.exists():
                shutil.copytree(part, copy / part.relative_to(root), symlinks=True)
        change(copy)
        try:
            load(Layout(copy))
        except ContentError as error:
            return error.problems
    return []


def _told(answers: Answers, problems: list[Problem], written: Written,
          own_field: Callable[[Problem], str | None]) -> list[Said]:
    """What the form could not read, then each problem the validator found under the question it is about.
    A question whose answer could not be read is not told again what follows from that."""
    said = list(answers.said)
    for problem in problems:
        told = _problem_said(answers, problem, written, own_field(problem))
        if told.place not in answers.unread and told not in said:
            said.append(told)
    return sorted(said)


def _problem_said(answers: Answers, problem: Problem, written: Written, field_path: str | None) -> Said:
    form = answers.form
    for start, ident in _ABOUT:
        if problem.message.startswith(start):
            return _said(form, form.question(ident), missing(form, form.question(ident)))
    if field_path is None:  # in another file: only the field can say which answer it is about
        return _said(form, _question_of(form, problem.field.split(".")[0]), problem.message)
    place = written.place_of(problem.line)
    if written.body_line and problem.field == "body" and problem.line:
        return _said(form, form.question("description"), problem.message, problem.line - written.body_line + 1)
    path = field_path.split(".") if field_path else []
    if place and (not path or path[0] != place.key):  # a line's own key ('url'), not a path: the line tells
        path = [place.key] + ([str(place.item)] if place.item is not None else [])
    question = _question_of(form, ".".join(path))
    line = 0
    if question is not None and len(path) > 1 and path[1].isdigit():
        lines = answers.origins.get(path[0], [])
        line = lines[int(path[1])] if int(path[1]) < len(lines) else 0
    return _said(form, question, problem.message, line)


def _question_of(form: Form, path: str) -> Question | None:
    """The question whose answer fills the field at ``path``: the one naming the longest part of it."""
    best, length = None, -1
    for question in form.questions:
        for name in question.fields:
            if (path == name or path.startswith(name + ".")) and len(name) > length:
                best, length = question, len(name)
    return best


def comment(form: Form | None, said: list[Said], kind: str, done: bool) -> str:
    """The comment on the issue, in its language: thanks, or what to correct. The list is a code block, so that
    nothing the issue said (a mention, a link, an image) comes back to life in the comment."""
    messages = form.messages if form else Messages("en")
    t = messages.t
    if done:
        return (t("Thank you! The case is now in a pull request, linked below, for a maintainer to review and "
                  "publish.") if kind == "case" else
                t("Thank you! The city is now in a pull request, linked below, for a maintainer to review and add.")
                ) + "\n"
    intro = (t("The case cannot be added yet. Please edit this issue to correct what is listed below; a maintainer "
               "will then try again.") if kind == "case" else
             t("The city cannot be added yet. Please edit this issue to correct what is listed below; a maintainer "
               "will then try again."))
    listing = "\n".join(f"- {told.text(messages)}" if told.label else told.text(messages) for told in said)
    fence = "`" * max([3, *(len(run) + 1 for run in re.findall("`+", listing))])
    return f"{intro}\n\n{fence}text\n{listing}\n{fence}\n"


# --- The commands ----------------------------------------------------------------------------------------------


def _month(text: str) -> str:
    """A month as the model writes one (year-month)."""
    try:
        return TypeAdapter(Month).validate_python(text)
    except ValidationError as error:
        raise argparse.ArgumentTypeError(error.errors()[0]["msg"].removeprefix("Value error, ")) from None


def add_arguments(parser: argparse.ArgumentParser, kind: str) -> None:
    parser.add_argument("body", type=Path, nargs="?", help="a file holding the issue's text (default: standard input)")
    parser.add_argument("--comment", type=Path, metavar="FILE",
                        help="write the comment for the issue here: thanks, or what to correct (Markdown)")
    if kind == "case":
        parser.add_argument("--month", type=_month, help="the month the issue was opened, year-month: the case's "
                                                         "contributed_on (default: this month)")
        parser.add_argument("--slug", help="the file name, without .md (default: made from the title)")
    else:
        parser.add_argument("--id", help="the city's id (default: made from its name)")


def _body(path: Path | None) -> str:
    raw = path.read_bytes() if path else sys.stdin.buffer.read()
    return raw.decode("utf-8", errors="replace")


def run(args: argparse.Namespace, kind: str) -> int:
    try:
        body = _body(args.body)
        if kind == "case":
            form, said, written = make_case(args.root, body, args.month or build_date().strftime("%Y-%m"), args.slug)
            done = f"Created {written.relative_to(args.root)}" if written else ""
        else:
            form, said, ident = make_city(args.root, body, args.id)
            done = f"Added {ident} to data/cities.yaml and updated {FORMS_DIR}/" if ident else ""
    except ContentError as error:
        print(f"The knowledge base has problems of its own; fix them first:\n{error}", file=sys.stderr)
        return 2
    except OSError as error:
        print(f"cannot read the issue's text: {error.strerror}: {error.filename}", file=sys.stderr)
        return 2
    if args.comment:
        args.comment.write_text(comment(form, said, kind, done=not said), encoding="utf-8")
    if said:
        messages = form.messages if form else Messages("en")
        print("Nothing was written:", *(told.text(messages) for told in said), sep="\n  ", file=sys.stderr)
        return 1
    print(done)
    return 0
