"""The markup we write passes the Nu HTML Checker (vnu.jar, installed by ./scripts/test into tools/vnu).

Only our part of each page is checked: the article (generated blocks, breadcrumbs, maps, figures) as it was
written, cut from the built page and put in a minimal document. Material's own markup around it is not ours.
"""

from __future__ import annotations

import shutil
import subprocess

from .conftest import ROOT

VNU = ROOT / "tools/vnu/node_modules/vnu-jar/build/dist/vnu.jar"

# One page of each kind whose markup we write: a chart, the map and its list, a locator map, the areas x goals
# table, a case with its breadcrumb.
PAGES = ["indicators/accountability-tools", "cities", "cities/medellin", "areas",
         "cases/medellin-participatory-budgeting"]

DOCUMENT = ('<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{path}</title></head>\n'
            "<body>{body}</body></html>\n")


def our_markup(html: str) -> str:
    """The page's <article> element, exactly as the build wrote it."""
    start = html.index("<article")
    return html[start:html.index("</article>", start) + len("</article>")]


def test_our_markup_is_valid_html(site, tmp_path):
    assert shutil.which("java"), "Java not found: install Debian's default-jre-headless (./scripts/test does)"
    assert VNU.is_file(), f"{VNU} not found: run `npm ci` in tools/vnu (./scripts/test does)"
    files = []
    for path in PAGES:
        body = our_markup((site / path / "index.html").read_text(encoding="utf-8"))
        files.append(tmp_path / f"{path.replace('/', '-')}.html")
        files[-1].write_text(DOCUMENT.format(path=path, body=body), encoding="utf-8")
    result = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--format", "gnu", *map(str, files)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
