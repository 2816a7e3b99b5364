"""Material templates: our copies are Material's plus a recorded patch, and the cached navigation equals
what Material renders without the cache."""

from __future__ import annotations

import difflib
import re
import textwrap
from pathlib import Path

import material

from .conftest import ROOT

MATERIAL = Path(material.__file__).parent / "templates"
PATCHES = Path(__file__).with_name("material-templates.patch")


def _block(template: str, name: str) -> str:
    """The text of ``{% block name %}`` up to its ``{% endblock %}`` (blocks of these templates do not nest)."""
    match = re.search(r"\{% block " + name + r" %\}.*?\{% endblock %\}", template, re.DOTALL)
    assert match, f"no block {name}"
    first, _, rest = match.group(0).partition("\n")
    # Indentation differs between Material's base.html and our main.html; the lines inside must not.
    return first + "\n" + textwrap.dedent(rest) + "\n"


def copies() -> dict[str, tuple[str, str]]:
    """Each copied Material template (or block): (Material's text, ours)."""
    ours_main = (ROOT / "overrides/main.html").read_text(encoding="utf-8")
    base = (MATERIAL / "base.html").read_text(encoding="utf-8")
    return {
        **{name: ((MATERIAL / name).read_text(encoding="utf-8"),
                  (ROOT / "overrides" / name).read_text(encoding="utf-8"))
           for name in ("partials/header.html", "partials/source.html")},
        "base.html#site_nav": (_block(base, "site_nav"), _block(ours_main, "site_nav")),
    }


def current_patch() -> str:
    return "".join("".join(difflib.unified_diff(material_text.splitlines(keepends=True), ours.splitlines(keepends=True),
                                                f"material/{name}", f"overrides/{name}"))
                   for name, (material_text, ours) in copies().items())


def test_copied_material_templates_differ_from_material_only_by_the_recorded_patch():
    """If Material is upgraded and changes a template we copied, this fails: re-apply our change to the new
    version, then record it with `python -c 'from tests.test_templates import write_patch; write_patch()'`."""
    assert PATCHES.read_text(encoding="utf-8") == current_patch()


def write_patch() -> None:
    PATCHES.write_text(current_patch(), encoding="utf-8")


def test_cached_navigation_equals_materials_own(site, tmp_path, monkeypatch):
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    import govkb.templates

    monkeypatch.setattr(govkb.templates.FragmentCache, "get", lambda self, key: None)
    uncached = tmp_path / "site"
    build(load_config(config_file=str(ROOT / "mkdocs.yml"), site_dir=str(uncached)))
    pages = sorted(p.relative_to(site) for p in site.rglob("*.html"))
    assert pages == sorted(p.relative_to(uncached) for p in uncached.rglob("*.html"))
    differing = [str(p) for p in pages
                 if re.sub(r"\s+", " ", (site / p).read_text(encoding="utf-8"))
                 != re.sub(r"\s+", " ", (uncached / p).read_text(encoding="utf-8"))]
    assert differing == []
