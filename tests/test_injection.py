"""Untrusted content cannot run script: payloads that get past the validator are still made harmless.

The validator refuses every payload below (see test_invalid_corpus.py). This test switches those checks
off and builds the site anyway, to prove the second line of defence: escaping of front matter wherever
it reaches HTML, sanitising of Markdown bodies, and charts rendered as images.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

import govkb.content.load
import govkb.content.models

CASE_PAYLOADS = {
    "title": "<script>alert('XSS1')</script></title><script>alert('XSS3')</script>"
             "</script><script>alert('XSS24')</script><!--",
    "summary": "\"><img src=x onerror=alert('XSS2')> \" onload=\"alert('XSS4')",
}
SECTION_PAYLOAD = "<iframe src=javascript:alert('XSS5')>"
CITY_NAME_PAYLOAD = "<svg onload=alert('XSS7')>"
BODY_PAYLOADS = [
    "<script>alert('XSS8')</script>",
    "<img src=x onerror=\"alert('XSS9')\">",
    "[click](javascript:alert('XSS10'))",
    "<a href=\"javascript&#58;alert('XSS11')\">x</a>",
    "<iframe src=\"https://evil.example/XSS12\"></iframe>",
    "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgnWFNTMTMnKTwvc2NyaXB0Pg==)",
    "<div onmouseover=\"alert('XSS14')\">hover</div>",
    "<object data=\"XSS15.swf\"></object>",
    "<style>body{background:url(\"javascript:alert('XSS16')\")}</style>",
    "A paragraph with attributes.\n{: onclick=\"alert('XSS17')\" }",
    "[styled](https://example.org){: href=\"javascript:alert('XSS21')\" }",
    "![tracker](//evil.example/XSS22.png) ![tracker](https://evil.example/XSS23.png)",
]
INDICATOR_PAYLOADS = {
    "label": "<script>alert('XSS18')</script>",
    "title": "\"><svg onload=alert('XSS19')>",
    "notes": "<img src=x onerror=alert('XSS20')>",
}
THEME_SCRIPT = re.compile(r"assets/javascripts/")
# Material's palette switch, and the site's own search and explorer forms (they carry no payload).
THEME_FORMS = {"md-header__option", "kb-search-form", "kb-explorer__filters", "kb-notfound-search"}


def _yaml_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _plant_payloads(project: Path) -> None:
    # Without their translations, the Spanish and French pages show the payloads too (with a notice).
    for translation in [*project.glob("cases/decidim-barcelona.*.md"),
                        *project.glob("indicators/assessment-barriers.*.md")]:
        translation.unlink()
    case = project / "cases/decidim-barcelona.md"
    text = case.read_text(encoding="utf-8")
    for field, payload in CASE_PAYLOADS.items():
        text = re.sub(rf"^{field}: .*$", f"{field}: {_yaml_string(payload)}", text, count=1, flags=re.M)
    text = re.sub(r"^  section: .*$", f"  section: {_yaml_string(SECTION_PAYLOAD)}", text, count=1, flags=re.M)
    case.write_text(text + "\n\n" + "\n\n".join(BODY_PAYLOADS) + "\n", encoding="utf-8")

    cities = project / "data/cities.yaml"
    cities.write_text(cities.read_text(encoding="utf-8").replace('name: "Barcelona"',
                                                                 f"name: {_yaml_string(CITY_NAME_PAYLOAD)}", 1),
                      encoding="utf-8")

    indicator = project / "indicators/assessment-barriers.md"
    text = indicator.read_text(encoding="utf-8")
    text = re.sub(r"^title: .*$", f"title: {_yaml_string(INDICATOR_PAYLOADS['title'])}", text, count=1, flags=re.M)
    text = re.sub(r"^  - label: .*$", f"  - label: {_yaml_string(INDICATOR_PAYLOADS['label'])}", text, count=1,
                  flags=re.M)
    text = re.sub(r"^notes: .*$", f"notes: {_yaml_string(INDICATOR_PAYLOADS['notes'])}", text, count=1, flags=re.M)
    indicator.write_text(text, encoding="utf-8")


def _executable_markup(path: Path, markup: str) -> list[str]:
    found = []
    doc = BeautifulSoup(markup, "html.parser")
    for element in doc.find_all(True):
        name = element.name.lower()
        theme_form = name == "form" and not THEME_FORMS.isdisjoint(element.get("class", []))
        if name in {"iframe", "object", "embed", "frame", "base", "form"} and not theme_form:
            found.append(f"{path}: <{name}>")
        structured_data = name == "script" and element.get("type") == "application/ld+json"
        if name == "script" and not THEME_SCRIPT.search(element.get("src", "")) and "XSS" in element.get_text() \
                and not structured_data:
            found.append(f"{path}: inline <script> with a payload")
        for attribute, value in element.attrs.items():
            if attribute.lower().startswith("on"):
                found.append(f"{path}: {name}[{attribute}]")
            if attribute.lower() in {"href", "src", "action", "formaction", "xlink:href", "data"}:
                scheme = re.sub(r"[\x00-\x20]", "", str(value)).lower()
                if scheme.startswith(("javascript:", "vbscript:", "data:")):
                    found.append(f"{path}: {name}[{attribute}]={value[:40]}")
    return found


def test_no_payload_survives_as_executable_markup(project, monkeypatch, tmp_path):
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    _plant_payloads(project)
    # Switch off the first line of defence so the payloads reach the renderer.
    monkeypatch.setattr(govkb.content.load, "body_problems", lambda *args: [])
    monkeypatch.setattr(govkb.content.models, "_PLAIN_TEXT_FORBIDDEN", re.compile(r"(?!x)x"))
    site_dir = tmp_path / "site"
    config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site_dir), strict=False)
    build(config)

    case_page = (site_dir / "cases/decidim-barcelona/index.html").read_text(encoding="utf-8")
    # The body's payloads were rendered (their harmless text is on the page), then cleaned (none of their
    # elements is left to run).
    body = BeautifulSoup(case_page, "html.parser").select_one("article")
    assert "hover" in body.get_text() and "click" in body.get_text()
    assert not body.select("script, iframe, object, embed, style, [onmouseover], [onclick]")
    # Images from another site lost their address: a reader's browser makes no request for them.
    assert body.select("img[alt=tracker]") and not body.select("img[alt=tracker][src]")
    problems = []
    for path in site_dir.rglob("*.html"):
        problems += _executable_markup(path.relative_to(site_dir), path.read_text(encoding="utf-8"))
    for path in (site_dir / "assets/charts").glob("*.svg"):
        problems += _executable_markup(path.relative_to(site_dir), path.read_text(encoding="utf-8"))
    assert problems == []
    # The payloads were really there: escaped as text where they belong.
    for edition in ("", "es/", "fr/"):
        head = BeautifulSoup((site_dir / edition / "cases/decidim-barcelona/index.html").read_text(encoding="utf-8"),
                             "html.parser").head
        assert head.title.get_text().startswith(CASE_PAYLOADS["title"]), edition
    assert head.find("meta", attrs={"name": "description"})["content"] == CASE_PAYLOADS["summary"]
    # The structured data holds the payloads as data: one script element, whose JSON gives them back whole.
    [structured] = head.select('script[type="application/ld+json"]')
    article = json.loads(structured.string)
    assert article["headline"] == CASE_PAYLOADS["title"] and article["description"] == CASE_PAYLOADS["summary"]
    citations = BeautifulSoup(case_page, "html.parser").select(".kb-cite__text")
    assert all(CASE_PAYLOADS["title"].casefold() in c.get_text().casefold() for c in citations)
    assert not [c for c in citations if c.find("script")]


@pytest.mark.parametrize("payload", BODY_PAYLOADS)
def test_validator_refuses_each_body_payload(payload):
    from govkb.content.bodies import body_problems

    assert body_problems(payload, "cases/x.md", 10), payload


@pytest.mark.parametrize("body, line", [
    ("Intro\n\n<img\nsrc=x onerror=\"alert(1)\">\n", 13),
    ("~~~\n```\n~~~\n<script>alert(1)</script>\n", 13),
    ("```\nnot closed\n<script>alert(1)</script>\n", 12),
    ("[x](\njavascript:alert(1))\n", 11),
])
def test_validator_sees_through_split_lines_and_fences(body, line):
    from govkb.content.bodies import body_problems

    problems = body_problems(body, "cases/x.md", 10)
    assert problems and line in {p.line for p in problems}, problems


def test_code_is_text_not_markup():
    from govkb.content.bodies import body_problems

    body = "Use `<iframe>` never.\n\n```html\n<script>alert(1)</script>\n```\n"
    assert body_problems(body, "cases/x.md", 1) == []


def test_one_message_per_tag_per_line():
    from govkb.content.bodies import body_problems

    assert len(body_problems("<script>alert(1)</script>", "cases/x.md", 1)) == 1


def test_finished_html_blocks_replace_only_their_own_placeholders():
    from govkb.build import SiteBuild
    from govkb.pages.page import Page

    page = Page("cases/x.md", "X", "x", "", html_blocks=("<ul><li>facts</li></ul>",), untrusted_body=True)
    build = SiteBuild(layout=None, edition=None, pages={page.uri: page})
    html = "<p>KBHTMLBLOCK0X</p><p>KBHTMLBLOCK7X</p><script>alert(1)</script>"
    assert build.finish_html(page.uri, html) == "<ul><li>facts</li></ul><p>KBHTMLBLOCK7X</p>"


# Where a naive check and Python-Markdown disagree about what is code: each either is refused, or renders
# with no markup of its own.
PARSER_DIFFERENCES = [
    "A `<iframe>` here.", "```html\n<script>alert(1)</script>\n```\n", "~~~\n```\n~~~\n",
    "``a `<script>alert(1)</script>` b", "`x\na` <script>alert(1)</script> `b`",
    "\\``a` <script>alert(1)</script> `b`", "```\n<script>alert(1)</script>\n````\n",
    "   ```\n<script>alert(1)</script>\n   ```\n", "``` <script>alert(1)</script>\nx\n\n```\n",
    '``` hl_lines="1\n```\n" \n<b>in</b>\n```\n<i>out</i>\n```\n',
    "| h |\n|---|\n| `a | <b>x</b> | c` |\n", "| h |\n|---|\n| `x` \\``a | b` <i>y</i> `c` |\n",
    "<https:x/onmouseover=alert(1)>", "<mailto:x/onerror=alert(1)>", "<https://x.org/a onmouseover=alert(1)>",
    "- `a\n- b` <script>alert(1)</script> `c`\n", "# `a\n`b` <script>alert(1)</script> `c`\n",
]
MARKDOWN_OWN = {"p", "code", "pre", "a", "table", "thead", "tbody", "tr", "th", "td", "em", "strong", "ul", "ol",
                "li", "h1", "h2", "h3", "h4", "h5", "h6", "br", "hr", "blockquote", "div", "img"}


@pytest.mark.parametrize("body", PARSER_DIFFERENCES)
def test_what_the_check_lets_through_renders_no_markup_of_its_own(body):
    import markdown

    from govkb.content.bodies import body_problems

    if body_problems(body, "cases/x.md", 1):
        return
    rendered = markdown.markdown(body, extensions=["admonition", "attr_list", "md_in_html", "tables", "toc",
                                                   "fenced_code"])
    elements = BeautifulSoup(rendered, "html.parser").find_all(True)
    assert {element.name for element in elements} <= MARKDOWN_OWN, rendered
    assert not [name for element in elements for name in element.attrs if name.lower().startswith("on")], rendered


@pytest.mark.parametrize("address", ["//evil.example/p.png", "https://evil.example/p.png", " \t//evil.example",
                                     "\\/\\/evil.example/p.png", "&#47;&#47;evil.example/p.png", "/p.png"])
def test_the_sanitiser_keeps_no_image_address_from_another_site(address):
    from govkb.sanitize import sanitize_html

    cleaned = BeautifulSoup(sanitize_html(f'<p><img src="{address}" alt="x"><img src="../p.png" alt="y"></p>'),
                            "html.parser")
    assert [img.get("src") for img in cleaned.select("img")] == [None, "../p.png"]
