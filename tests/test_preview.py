"""A preview (``mkdocs serve``) renders again only the pages a save changed, and serves the same site a full build
gives: no page is left as it was before the save."""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

from mkdocs.livereload import LiveReloadServer

from tests.conftest import ROOT, mkdocs_build

# Builds the project the way `mkdocs serve` does (its startup event, then one build per save, in one process), and
# runs the saves it is given between builds: each argument after the site folder is "path|old|new".
PREVIEW = r"""
import logging, sys, threading
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config

site, *saves = sys.argv[1:]
logging.basicConfig(level=logging.INFO, format="%(levelname)s %(message)s")
def rebuild():
    build(load_config(config_file="mkdocs.yml", site_dir=site, strict=True))
config = load_config(config_file="mkdocs.yml", site_dir=site, strict=True)
config.plugins.on_startup(command="serve", dirty=False)
build(config)
for save in saves:
    print("SAVE", save, file=sys.stderr, flush=True)
    for change in save.split(";"):
        path, old, new = change.split("|")
        text = Path(path).read_text(encoding="utf-8")
        assert old in text, (path, old)
        Path(path).write_text(text.replace(old, new, 1), encoding="utf-8")
    rebuild()
for thread in threading.enumerate():
    if thread.name == "search index":
        thread.join()
"""


def preview(project: Path, site: Path, *saves: str) -> str:
    result = subprocess.run([sys.executable, "-c", PREVIEW, str(site), *saves], cwd=project, capture_output=True,
                            text=True, timeout=600, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stderr[-5000:]
    return result.stderr


def counts(log: str) -> list[tuple[str, int, int]]:
    """(language, pages rendered, pages unchanged) of each edition's build, in the order logged."""
    return [(language, int(rendered), int(unchanged)) for language, rendered, unchanged in
            re.findall(r"preview \((\w+)\): (\d+) pages rendered, (\d+) unchanged", log)]


def after(log: str, save: int) -> list[tuple[str, int, int]]:
    """The counts of the builds after the ``save``-th save (1 for the first)."""
    return counts(log.split("SAVE ")[save])


def files(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def test_a_preview_after_saves_is_the_site_a_full_build_gives(project, tmp_path):
    case = sorted((project / "cases").glob("*.md"))[0]  # the English file of the first case
    case = case.with_name(case.name.split(".")[0] + ".md")
    title = re.search(r'^title: "(.*)"$', case.read_text(encoding="utf-8"), re.M).group(1)
    saves = [
        # A case's title (shown on its city's, areas' and goals' pages, in the lists) and a word in its body.
        f'{case}|title: "{title}"|title: "{title} renamed";{case}|\n## |\nkbpreviewword\n\n## ',
        # A city's name, shown on its profile, its cases and the lists.
        f'{project / "data/cities.yaml"}|name: "Bilbao"|name: "Bilbao Kbpreview"',
    ]
    previewed = tmp_path / "preview"
    log = preview(project, previewed, *saves)

    full = tmp_path / "full"
    result = mkdocs_build(project, full)
    assert result.returncode == 0, result.stderr
    built, served = files(full), files(previewed)
    stale = [name for name in built if served.get(name) != built[name]]
    # Pages first: a page that differs also changes the search index's file names.
    stale.sort(key=lambda name: (name.startswith("pagefind/"), name))
    assert not stale, f"the preview differs from a full build in {len(stale)} files, first: {stale[:5]}"
    assert sorted(served) == sorted(built)
    assert "kbpreviewword" in (previewed / "cases" / case.stem / "index.html").read_text(encoding="utf-8")

    # Most pages were handed back, not rendered again, in every edition; the English ones the saves changed were
    # rendered (the Spanish and French case has a translation of its own).
    for save in (1, 2):
        builds = {language: (rendered, unchanged) for language, rendered, unchanged in after(log, save)}
        assert sorted(builds) == ["en", "es", "fr"], log[-3000:]
        assert builds["en"][0] >= 1, builds
        assert all(unchanged > rendered for rendered, unchanged in builds.values()), builds


def test_a_change_every_page_shows_renders_every_page_again(project, tmp_path):
    config = project / "mkdocs.yml"
    copyright_line = next(line for line in config.read_text(encoding="utf-8").splitlines()
                          if line.startswith("  Content summarised"))
    log = preview(project, tmp_path / "preview", f"{config}|{copyright_line}|{copyright_line} Kbpreview.")
    english = [entry for entry in after(log, 1) if entry[0] == "en"]
    assert english and english[0][2] == 0, english
    page = (tmp_path / "preview/index.html").read_text(encoding="utf-8")
    assert "Kbpreview." in page


def _hook_module():
    """The hook module as MkDocs loads it: from its file, outside any package."""
    spec = importlib.util.spec_from_file_location("kb_hook_under_test", ROOT / "hooks/knowledge_base.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_preview_looks_for_saves_more_often_and_still_sees_each_watched_path(tmp_path):
    hook = _hook_module()
    folder, config = tmp_path / "cases", tmp_path / "mkdocs.yml"
    folder.mkdir()
    (folder / "a.md").write_text("a", encoding="utf-8")
    config.write_text("site_name: a", encoding="utf-8")
    builds = threading.Semaphore(0)
    server = LiveReloadServer(builder=builds.release, host="127.0.0.1", port=0, root=str(tmp_path / "site"))
    server.watch(str(folder))
    server.watch(str(config))

    def watched() -> set[tuple[str, bool, float]]:
        return {(emitter.watch.raw_path, emitter.watch.is_recursive, emitter.timeout)
                for emitter in server.observer.emitters}

    before = watched()
    server = hook.on_serve(server, config=None, builder=builds.release)
    assert watched() == {(path, recursive, hook.PREVIEW_POLL_S) for path, recursive, _ in before}

    thread = threading.Thread(target=server.serve, daemon=True)
    thread.start()
    try:
        for saved in (folder / "a.md", config):
            time.sleep(0.3)  # a save is seen by comparing what the file was at the previous look
            saved.write_text(saved.read_text(encoding="utf-8") + " saved", encoding="utf-8")
            assert builds.acquire(timeout=30), f"saving {saved.name} started no build"
    finally:
        server.shutdown(wait=True)
