"""Every class of malformed content file is refused with its file, line and field, and a non-zero exit.

Each file under ``tests/invalid/`` is a complete case or indicator with exactly one defect, made from a real
file: the cases from ``cases/decidim-barcelona.md`` (retitled and relinked as ``valid-control.md`` so that it
can sit beside the original), the indicators from the real indicator files. A file under ``cities/`` is one
entry of the city registry, made from Amman's (``valid-control.yaml``), added at the end of
``data/cities.yaml``: its expected line is counted in the corpus file, and ``{city}`` in its field stands
for its place in the list. The expectations live in the table below, not in the files, so a file's bytes
can be as broken as its class needs.

A test drops one corpus file into a disposable copy of the project and runs the contributor's command,
``kb validate``. An oversize file is generated here rather than committed.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

import pytest

from govkb.content.frontmatter import MAX_DEPTH, MAX_FILE_BYTES

from .conftest import run_kb

CORPUS_DIR = Path(__file__).resolve().parent / "invalid"
CONTROL = "cases/valid-control.md"
CITY_CONTROL = "cities/valid-control.yaml"
CONTRIBUTED_CONTROL = "cases/valid-contributed-control.md"  # the control as a contribution instead of a study case
# Where each corpus folder's files go in a project; a city entry is added to the registry.
PROJECT_FOLDER = {"cases": "cases", "indicators": "indicators", "translations": "cases"}
CITIES = "data/cities.yaml"


class Bad(NamedTuple):
    corpus: str              # file under tests/invalid/
    line: int | None         # expected line; None where the problem is the whole file
    field: str               # as printed; "(file)" when no field is to blame
    fragment: str            # part of the message a contributor acts on
    install_as: str = ""     # file name in the project when it must differ from the corpus name


CORPUS = [
    # Reading the file and its YAML
    Bad("cases/broken-yaml.md", 8, "summary", "must be in double quotes"),
    Bad("cases/duplicate-key.md", 8, "edition", "duplicate key 'edition' (first on line 4)"),
    Bad("cases/anchor-alias.md", 13, "links", "anchors (&name) are not allowed"),
    Bad("cases/tab-indentation.md", 11, "(file)", "tab used for indentation"),
    Bad("cases/unclosed-front-matter.md", 1, "(file)", "never closed"),
    Bad("cases/no-front-matter.md", 1, "(file)", "must start with a '---' line"),
    Bad("cases/non-utf8.md", 8, "(file)", "not valid UTF-8 (byte 0xfa)"),
    Bad("cases/file-name-not-slug.md", None, "(file)", "must be a slug", install_as="Decidim Copy.md"),
    # Invisible characters written as they are, in values and comments alike: refused before the YAML is read
    Bad("cases/nul-in-front-matter.md", 4, "edition", "U+0000 (NUL) is not allowed"),
    Bad("cases/bidi-override-in-yaml-comment.md", 3, "cities", "U+202E (RIGHT-TO-LEFT OVERRIDE) is not allowed"),
    Bad("cases/line-separator-in-title.md", 2, "title", "U+2028 (LINE SEPARATOR) is not allowed"),
    Bad("cases/noncharacter-in-title.md", 2, "title", "U+FFFE"),
    Bad("indicators/literal-esc-in-label.md", 17, "label", "U+001B (ESC) is not allowed"),
    # Case fields
    Bad("cases/unknown-field.md", 8, "sumary", "unknown field"),
    Bad("cases/missing-title.md", None, "title", "required field is missing"),
    Bad("cases/empty-summary.md", 8, "summary", "must not be empty"),
    Bad("cases/html-in-title.md", 2, "title", "must be plain text"),
    # Where a case comes from: an edition of the study, or a contribution with its sources
    Bad("cases/edition-2018.md", 4, "edition", "unknown edition 2018; known editions: 2019 (data/editions.yaml)"),
    Bad("cases/study-title-not-the-editions.md", 10, "source.study", "is not the title of edition 2019: write "
        "'Smart Cities Study 2019'"),
    Bad("cases/neither-study-nor-contribution.md", 2, "(file)", "say where the case comes from"),
    Bad("cases/contributed-without-sources.md", 8, "contributed_by", "a contributed case needs at least one of "
        "sources"),
    Bad("cases/contributed-claiming-a-study-section.md", 10, "source", "a contributed case does not come from the "
        "study: remove source"),
    Bad("cases/contributed-by-an-email-address.md", 8, "contributed_by", "no e-mail address or phone number"),
    Bad("cases/contributed-on-not-a-month.md", 9, "contributed_on", "'June 2025' is not a month"),
    Bad("cases/review-date-in-the-future.md", 12, "reviewed", "2099-01 has not come yet"),
    Bad("cities/population-without-source.yaml", 9, "{city}.population.source", "required field is missing"),
    Bad("cities/coordinates-without-source.yaml", 1, "{city}.coordinates_source", "required field is missing"),
    Bad("cases/unknown-city.md", 3, "cities.0", "unknown city 'bilbo'; did you mean 'bilbao'?"),
    Bad("cases/unknown-area.md", 5, "areas.0", "did you mean 'citizen-participation'?"),
    Bad("cases/sdg-18.md", 6, "sdgs.1", "numbered 1–17"),
    Bad("cases/sdg-0.md", 6, "sdgs.1", "numbered 1–17"),
    Bad("cases/bad-target-format.md", 7, "sdg_targets.0.target", "is not an SDG target; write goal.target"),
    Bad("cases/target-goal-not-listed.md", 7, "sdg_targets.1.target",
        "5.5 is a target of goal 5, which sdgs does not list"),
    Bad("cases/goal-without-target.md", 6, "sdgs.1", "goal 11 has no target"),
    Bad("cases/target-without-reason.md", 7, "sdg_targets.0.reason", "required field is missing"),
    Bad("cases/empty-reason.md", 7, "sdg_targets.0.reason", "must not be empty"),
    Bad("cases/unknown-target.md", 7, "sdg_targets.0.target", "16.99 is not an SDG target; goal 16's targets are"),
    Bad("cases/reason-repeats-title.md", 7, "sdg_targets.0.reason", "only repeats the target's title"),
    Bad("cases/url-without-scheme.md", 13, "links.0.url", "starting with https://"),
    Bad("cases/javascript-link-url.md", 13, "links.0.url", "starting with https://"),
    # The same case twice: the copy is named to sort after the real cases/decidim-barcelona.md.
    Bad("cases/duplicate-title.md", 2, "title", "and cases/decidim-barcelona.md have the same title",
        install_as="decidim-copy.md"),
    Bad("cases/duplicate-url.md", 13, "links.0.url", "and cases/decidim-barcelona.md both link to",
        install_as="decidim-copy.md"),
    # Markdown bodies
    Bad("cases/script-in-body.md", 20, "body", "<script> is not allowed"),
    Bad("cases/iframe-in-body.md", 20, "body", "<iframe> is not allowed"),
    Bad("cases/event-handler-in-body.md", 20, "body", "event-handler attributes (on…=) are not allowed"),
    Bad("cases/javascript-link-in-body.md", 16, "body", "'javascript:' links are not allowed"),
    Bad("cases/data-link-in-body.md", 16, "body", "'data:' links are not allowed"),
    Bad("cases/entity-javascript-link-in-body.md", 16, "body", "'javascript:' links are not allowed"),
    # Images load only from the repository: a reader's browser must not call another site
    Bad("cases/protocol-relative-image.md", 28, "body", "images must be files in this repository, linked by a "
        "relative path such as ../assets/x.png; '//evil.example/logo.png' would load from another site"),
    Bad("cases/absolute-image.md", 28, "body", "'https://evil.example/logo.png' would load from another site"),
    Bad("cases/autolink-image.md", 28, "body", "'https://evil.example/logo.png' would load from another site"),
    Bad("cases/backslash-image.md", 28, "body", "images must be files in this repository"),
    Bad("cases/reference-image-from-elsewhere.md", 30, "body", "'https://evil.example/logo.png' would load"),
    Bad("cases/image-source-in-attribute-list.md", 28, "body", "an attribute list may not set src"),
    Bad("indicators/image-from-elsewhere.md", 20, "body", "images must be files in this repository"),
    # Code is only exempt where Python-Markdown renders code
    Bad("cases/tag-beside-unpaired-backticks.md", 28, "body", "<script> is not allowed"),
    Bad("cases/tag-after-indented-fence.md", 29, "body", "<script> is not allowed"),
    Bad("cases/unclosed-code-block.md", 28, "body", "the code block opened here is never closed; close it with a "
        "line of exactly ```"),
    # A body says something, and holds no invisible character
    Bad("cases/empty-body.md", 15, "body", "the body is empty"),
    Bad("indicators/empty-body.md", 15, "body", "the body is empty"),
    Bad("cases/esc-in-body.md", 20, "body", "U+001B (ESC) is not allowed"),
    Bad("cases/bidi-override-in-body.md", 20, "body", "U+202E (RIGHT-TO-LEFT OVERRIDE) is not allowed"),
    # Indicators
    Bad("indicators/duplicate-key.md", 7, "unit", "duplicate key 'unit' (first on line 5)"),
    Bad("indicators/unknown-field.md", 3, "findings", "unknown field"),
    Bad("indicators/html-in-title.md", 2, "title", "must be plain text"),
    Bad("indicators/unknown-area.md", 4, "area", "did you mean 'transparency-accountability'?"),
    Bad("indicators/unknown-unit.md", 5, "unit", "'percent', 'percent-of-population', 'percent-of-plans', 'score-1-5'"),
    Bad("indicators/unknown-chart-kind.md", 7, "chart", "'ranked-bars'"),
    Bad("indicators/percent-over-100.md", 10, "values.0.value", "160 is outside 0–100"),
    Bad("indicators/score-outside-1-5.md", 12, "values.1.value", "7 is outside 1–5"),
    Bad("indicators/empty-values.md", 8, "values", "needs at least one label/value pair"),
    Bad("indicators/single-figure-two-values.md", 8, "values", "takes exactly one value"),
    Bad("indicators/table-for-ranked-bars.md", 8, "table", "takes a values list, not a table"),
    Bad("indicators/row-wrong-count.md", 14, "table.rows.1.values", "has 2 values for 3 columns"),
    Bad("indicators/script-in-body.md", 16, "body", "<script> is not allowed"),
    # Translations (each replaces the Spanish translation of cases/decidim-barcelona.md, or stands alone)
    Bad("translations/fact-in-translation.es.md", 5, "cities",
        "'cities' is a fact: it stays in the original (cases/decidim-barcelona.md)",
        install_as="decidim-barcelona.es.md"),
    Bad("translations/number-changed.es.md", 3, "summary",
        "the numbers differ from the original's (cases/decidim-barcelona.md: 80)",
        install_as="decidim-barcelona.es.md"),
    Bad("translations/reason-missing.es.md", 5, "reasons", "must give a reason for each target of "
        "cases/decidim-barcelona.md, and only those: 16.7, 17.17", install_as="decidim-barcelona.es.md"),
    Bad("translations/no-original.es.md", None, "(file)", "no no-such-case.md beside it",
        install_as="no-such-case.es.md"),
    # Figures as printed, and charts that can show them
    Bad("indicators/exponent-value.md", 10, "values.0.value", "'5e1' is not a figure as printed: write it in "
        "digits, with a decimal point where the study prints one, e.g. 75 or 2.9"),
    Bad("indicators/nan-value.md", 10, "values.0.value", "'.nan' is not a figure as printed"),
    Bad("indicators/infinity-value.md", 10, "values.0.value", "'.inf' is not a figure as printed"),
    Bad("indicators/negative-value.md", 10, "values.0.value", "'-75' is not a figure as printed"),
    Bad("indicators/value-with-three-decimals.md", 10, "values.0.value", "'75.125' is not a figure as printed"),
    Bad("indicators/stacked-row-over-100.md", 13, "table.rows.0.values", "adds up to 270; the shares of a stacked "
        "row add up to 100 (±2 for rounding)"),
    Bad("indicators/stacked-row-under-100.md", 17, "table.rows.2.values", "adds up to 96"),
    Bad("indicators/stacked-bars-scores.md", 6, "unit", "chart 'stacked-bars' shows shares that add up to 100%: its "
        "unit must be 'percent'"),
    Bad("cities/population-over-bound.yaml", 10, "{city}.population.value", "less than or equal to 100000000"),
    # Plain text, in every field that has it: no invisible characters (written as YAML escapes, so that they
    # reach the model), no YAML null published as text, and no formula at the start of any line.
    Bad("cases/bidi-override-in-title.md", 2, "title", "U+202E (RIGHT-TO-LEFT OVERRIDE) is not allowed: it "
        "changes the order in which text is displayed"),
    Bad("cases/nul-in-summary.md", 8, "summary", "U+0000 (NUL) is not allowed"),
    Bad("cases/esc-in-source-section.md", 11, "source.section", "U+001B (ESC) is not allowed"),
    Bad("cases/isolate-in-link-title.md", 13, "links.0.title", "U+2066 (LEFT-TO-RIGHT ISOLATE) is not allowed"),
    Bad("cases/control-character-in-link-url.md", 13, "links.0.url", "U+001B (ESC) is not allowed"),
    Bad("cases/summary-tilde.md", 8, "summary", "'~' means 'no value' in YAML"),
    Bad("cases/title-null.md", 2, "title", "'null' means 'no value' in YAML"),
    Bad("cases/carriage-return-formula-in-title.md", 2, "title", "U+000D (carriage return) is not allowed"),
    Bad("cases/line-break-in-title.md", 2, "title", "must be one line"),
    Bad("cases/formula-on-second-line-of-summary.md", 8, "summary", "line 2 must not start with '='"),
    Bad("indicators/esc-bel-in-label.md", 17, "values.4.label", "U+001B (ESC) is not allowed"),
    Bad("indicators/carriage-return-formula-in-label.md", 17, "values.4.label", "U+000D (carriage return)"),
    Bad("indicators/notes-null.md", 24, "notes", "'Null' means 'no value' in YAML"),
    Bad("indicators/bidi-mark-in-column.md", 9, "table.columns.0", "U+200F (RIGHT-TO-LEFT MARK) is not allowed"),
    Bad("cities/bidi-isolate-in-name.yaml", 2, "{city}.name", "U+2067 (RIGHT-TO-LEFT ISOLATE) is not allowed"),
    Bad("cities/name-null.yaml", 2, "{city}.name", "'~' means 'no value' in YAML"),
    Bad("cities/notes-formula-after-line-break.yaml", 14, "{city}.notes", "line 2 must not start with '+'"),
    # Ids that would take the address of a page the generator owns
    Bad("cities/id-index.yaml", 1, "{city}.id", "'index' would take the address of the list of cities"),
    Bad("cities/id-regions.yaml", 1, "{city}.id", "'regions' would take the address of the pages of the regions"),
]


class Installed(NamedTuple):
    display: str             # the file's path as the validator prints it
    first_line: int          # the file line of the corpus file's first line
    city: int = 0            # a city entry's place in the registry


def install(project: Path, corpus: str, install_as: str = "") -> Installed:
    """Copy a corpus file into the project, or add a city entry to its registry."""
    folder, name = corpus.split("/")
    if folder == "cities":
        registry = project / CITIES
        text = registry.read_text(encoding="utf-8").rstrip("\n") + "\n\n"
        registry.write_text(text + (CORPUS_DIR / corpus).read_text(encoding="utf-8"), encoding="utf-8")
        return Installed(CITIES, text.count("\n") + 1, text.count("\n- id: ") + text.startswith("- id: "))
    display = f"{PROJECT_FOLDER[folder]}/{install_as or name}"
    (project / display).write_bytes((CORPUS_DIR / corpus).read_bytes())
    return Installed(display, 1)


def printed_problems(project: Path, capsys) -> list[str]:
    """Run the validator as a contributor does; it must fail. Return its ``path:line: field: message`` lines."""
    assert run_kb(project, "validate") == 1
    report = capsys.readouterr().err
    return [line for line in report.split("\n\n")[0].splitlines() if line]


@pytest.mark.parametrize("bad", [pytest.param(bad, id=bad.corpus.removesuffix(".md")) for bad in CORPUS])
def test_malformed_file_is_refused_with_file_line_and_field(project, capsys, bad):
    display, first_line, city = install(project, bad.corpus, bad.install_as)
    where = f"{display}:{bad.line + first_line - 1}" if bad.line else display
    field = bad.field.format(city=city)
    problems = printed_problems(project, capsys)
    assert any(p.startswith(f"{where}: {field}: ") and bad.fragment in p for p in problems), problems
    # One defect in one file: nothing else in the project is blamed.
    assert all(p.startswith(f"{display}:") for p in problems), problems


def test_oversize_file_is_refused(project, capsys):
    text = (CORPUS_DIR / CONTROL).read_bytes()
    (project / "cases/oversize.md").write_bytes(text + b"x" * (MAX_FILE_BYTES + 1 - len(text)))
    problems = printed_problems(project, capsys)
    assert problems == [f"cases/oversize.md: (file): file is {MAX_FILE_BYTES + 1:,} bytes; "
                        f"the limit is {MAX_FILE_BYTES:,} bytes"]


@pytest.mark.parametrize("levels", [5_000, None], ids=["thousands", "size-limit"])
@pytest.mark.parametrize("opening, closing", [("[", "]"), ("{a: ", "}")], ids=["lists", "mappings"])
def test_deep_nesting_in_front_matter_is_refused_where_it_starts(project, capsys, levels, opening, closing):
    """A flow list or mapping nested beyond the limit: the reader stops at the limit (no recursion, no crash
    in libyaml's composer, which dies at 100,000 levels, no minutes in its parser) and names the line."""
    text = (CORPUS_DIR / CONTROL).read_text(encoding="utf-8")
    levels = levels or (MAX_FILE_BYTES - len(text) - 100) // len(opening + closing)
    deep = opening * levels + closing * levels
    (project / "cases/deep.md").write_text(text.replace("cities: [barcelona]", f"cities:\n  - {deep}"),
                                           encoding="utf-8")
    assert printed_problems(project, capsys) == [
        f"cases/deep.md:4: cities: lists and mappings are nested more than {MAX_DEPTH} levels deep here; content "
        "files need only a few levels"]


def test_deep_nesting_in_a_cities_entry_is_refused_where_it_starts(project, capsys):
    cities = project / "data/cities.yaml"
    text = cities.read_text(encoding="utf-8")
    # A list in a list in a list..., 3,000 deep, written on one line.
    cities.write_text(text.replace("other_names: []", "other_names:\n    " + "- " * 3_000 + "x", 1),
                      encoding="utf-8")
    line = text[:text.index("other_names: []")].count("\n") + 2
    assert printed_problems(project, capsys) == [
        f"data/cities.yaml:{line}: other_names: lists and mappings are nested more than {MAX_DEPTH} levels deep "
        "here; content files need only a few levels"]


@pytest.mark.parametrize("extra_bytes", [None, 0], ids=["control-beside-real-content", "control-padded-to-size-limit"])
def test_real_content_and_the_corpus_control_validate(project, capsys, extra_bytes):
    """The corpus files differ from a valid file only by their defect; a file of exactly the limit is fine."""
    text = (CORPUS_DIR / CONTROL).read_bytes()
    if extra_bytes is not None:
        text += b"x" * (MAX_FILE_BYTES - len(text))
    (project / "cases/valid-control.md").write_bytes(text)
    assert run_kb(project, "validate") == 0, capsys.readouterr().err


def test_real_content_validates(capsys):
    assert run_kb(CORPUS_DIR.parent.parent, "validate") == 0, capsys.readouterr().err


def test_every_corpus_file_has_an_expectation():
    on_disk = {p.relative_to(CORPUS_DIR).as_posix() for p in CORPUS_DIR.glob("*/*")}
    assert on_disk == {bad.corpus for bad in CORPUS} | {CONTROL, CITY_CONTROL, CONTRIBUTED_CONTROL}


def test_the_contributed_control_validates(project, capsys):
    install(project, CONTRIBUTED_CONTROL)
    assert run_kb(project, "validate") == 0, capsys.readouterr().err


def test_the_city_control_validates(project, capsys):
    install(project, CITY_CONTROL)
    assert run_kb(project, "validate") == 0, capsys.readouterr().err


@pytest.mark.parametrize("folder, what", [("cases", "the list of cases"), ("indicators",
                                                                      "the list of indicators")])
def test_index_is_a_reserved_file_name(project, capsys, folder, what):
    (project / folder / "index.md").write_bytes((CORPUS_DIR / CONTROL).read_bytes())
    assert printed_problems(project, capsys) == [
        f"{folder}/index.md: (file): 'index.md' would take the address of {what}, which the site generates; "
        "give the file another name"]


@pytest.mark.parametrize("written, field", [("  - id: open-government", "axes.0.id"),
                                            ("      - id: open-data", "axes.0.areas.3.id")], ids=["axis", "area"])
def test_an_area_or_axis_cannot_take_the_address_of_the_areas_index(project, capsys, written, field):
    taxonomy = project / "data/taxonomy.yaml"
    text = taxonomy.read_text(encoding="utf-8")
    taxonomy.write_text(text.replace(written, written.replace(written.split(": ")[1], "index"), 1), encoding="utf-8")
    assert printed_problems(project, capsys) == [
        f"data/taxonomy.yaml:{_line_of(text, written)}: {field}: 'index' would take the address of the list of "
        "governance areas, which the site generates; choose another id"]


def _line_of(text: str, fragment: str, start: int = 0) -> int:
    return text.count("\n", 0, text.index(fragment, start)) + 1


@pytest.mark.parametrize("data_file, entry_start, entry_end, key", [
    ("data/cities.yaml", "- id: merida", "- id: tequila", "id"),                             # a city
    ("data/taxonomy.yaml", "      - id: open-data", "  - id: advanced-strategic-management", "id"),  # an area
    ("data/taxonomy.yaml", "  - id: equity", "  - id: innovation", "id"),                    # a principle
    ("data/sdgs.yaml", "  - number: 7\n", "  - number: 8\n", "number"),                     # an SDG
    ("data/taxonomy.yaml", "  - id: open-government", "  - id: advanced-strategic-management", "id"),  # an axis
], ids=["city", "area", "principle", "sdg", "axis"])
def test_a_repeated_id_in_a_data_file_is_refused_with_the_lines_of_both(project, capsys, data_file, entry_start,
                                                                         entry_end, key):
    """Every list of a data file is checked, before entries are keyed by id (which would hide the second)."""
    path = project / data_file
    text = path.read_text(encoding="utf-8")
    entry = text[text.index(entry_start):text.index(entry_end)]
    # The copy goes right after the original, inside the same list.
    broken = text.replace(entry, entry + entry, 1)
    path.write_text(broken, encoding="utf-8")
    first = _line_of(broken, entry_start)
    second = _line_of(broken, entry_start, broken.index(entry_start) + 1)
    ident = entry_start.split(": ")[1].strip()
    problems = printed_problems(project, capsys)
    assert any(p.startswith(f"{data_file}:{second}: ") and f".{key}: {key} '{ident}' is used twice: here and on "
               f"line {first}" in p for p in problems), problems


def test_files_read_side_by_side_report_what_one_process_reports(project, capsys, monkeypatch, forked_pools):
    """Many files are read in forked processes (see ``load._read_entries``): every corpus case, indicator and
    translation at once gives the same problems, in the same order, read either way, and the problems of many
    files."""
    from govkb import sidebyside
    from govkb.content import load

    for bad in CORPUS:
        if not bad.corpus.startswith("cities/"):
            install(project, bad.corpus, bad.install_as)
    monkeypatch.setattr(load, "_READ_SIDE_BY_SIDE_FROM", 1)
    side_by_side = printed_problems(project, capsys)
    assert forked_pools or not sidebyside.can_fork()  # read side by side wherever forking is possible
    monkeypatch.setattr(load, "_READ_SIDE_BY_SIDE_FROM", 10**6)
    assert printed_problems(project, capsys) == side_by_side
    assert len({problem.split(":")[0] for problem in side_by_side}) > 50
