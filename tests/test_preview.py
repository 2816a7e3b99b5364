"""A preview (``mkdocs serve``) renders again only the pages a save changed, and serves the same site a full build
gives: no page is left as it was before the save."""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from mkdocs.livereload import LiveReloadServer

from tests.conftest import ROOT, folder_files, mkdocs_build

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
config.plugins.on_shutdown()
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


def kept(log: str) -> list[str]:
    """The editions whose folder was kept whole, not built again, in the order logged."""
    return re.findall(r"preview \((\w+)\): made from the same inputs as in the previous build; its folder is kept",
                      log)


def kept_files(log: str) -> dict[str, tuple[int, int]]:
    """Of each edition built: how many of its files other than pages were kept from its previous build."""
    return {language: (int(taken), int(offered)) for language, taken, offered in
            re.findall(r"preview \((\w+)\): .*; (\d+) of its (\d+) other files kept", log)}


def after(log: str, save: int) -> str:
    """The log of the builds after the ``save``-th save (1 for the first)."""
    return log.split("SAVE ")[save]


def test_a_preview_after_saves_is_the_site_a_full_build_gives(project, tmp_path):
    case = sorted((project / "cases").glob("*.md"))[0]  # the English file of the first case
    case = case.with_name(case.name.split(".")[0] + ".md")
    spanish = case.with_suffix(".es.md")
    title = re.search(r'^title: "(.*)"$', case.read_text(encoding="utf-8"), re.M).group(1)
    areas = re.search(r"^areas: \[(.*)\]$", case.read_text(encoding="utf-8"), re.M).group(1)
    other_area = "collaboration" if "collaboration" not in areas else "citizen-participation"
    saves = [
        # A case's title (shown on its city's, areas' and goals' pages, in the lists) and a word in its body:
        # the Spanish and French editions show their own translation.
        f'{case}|title: "{title}"|title: "{title} renamed";{case}|\n## |\nkbpreviewword\n\n## ',
        # A city's name, shown on its profile, its cases and the lists, in every edition.
        f'{project / "data/cities.yaml"}|name: "Bilbao"|name: "Bilbao Kbpreview"',
        # A word in the Spanish translation only.
        f"{spanish}|\n## |\nkbpalabra\n\n## ",
        # Last, as the site is compared after it: a change to the English file alone that every edition shows
        # (the case is listed under one more area).
        f"{case}|areas: [{areas}]|areas: [{areas}, {other_area}]",
    ]
    previewed = tmp_path / "preview"
    log = preview(project, previewed, *saves)

    full = tmp_path / "full"
    result = mkdocs_build(project, full)
    assert result.returncode == 0, result.stderr
    built, served = folder_files(full), folder_files(previewed)
    stale = [name for name in built if served.get(name) != built[name]]
    # Pages first: a page that differs also changes the search index's file names.
    stale.sort(key=lambda name: (name.startswith("pagefind/"), name))
    assert not stale, f"the preview differs from a full build in {len(stale)} files, first: {stale[:5]}"
    assert sorted(served) == sorted(built)
    assert "kbpreviewword" in (previewed / "cases" / case.stem / "index.html").read_text(encoding="utf-8")
    assert "kbpalabra" in (previewed / "es/cases" / case.stem / "index.html").read_text(encoding="utf-8")
    assert not previewed.with_name("preview.kept-editions").exists(), "the folders set aside outlive the preview"

    # An edition that a save did not change keeps its folder; one it changed is built again, and there most
    # pages are handed back, not rendered again. The English edition is always built.
    changed = {1: ["en"], 2: ["en", "es", "fr"], 3: ["es"], 4: ["en", "es", "fr"]}
    for save, languages in changed.items():
        built_again = {language: (rendered, unchanged) for language, rendered, unchanged in counts(after(log, save))}
        assert sorted(built_again) == sorted({"en", *languages}), (save, built_again)
        assert sorted(kept(after(log, save))) == sorted({"es", "fr"} - set(languages)), after(log, save)[-3000:]
        assert all(unchanged > rendered for rendered, unchanged in built_again.values()), (save, built_again)
        assert all(built_again[language][0] >= 1 for language in languages), (save, built_again)
        # Most of its other files (charts, downloads, the theme's) are the previous build's, moved back.
        taken = kept_files(after(log, save))
        assert sorted(taken) == sorted(built_again), (save, taken)
        assert all(offered / 2 < count <= offered for count, offered in taken.values()), (save, taken)


def test_a_change_every_page_shows_renders_every_page_again(project, tmp_path):
    config = project / "mkdocs.yml"
    copyright_line = next(line for line in config.read_text(encoding="utf-8").splitlines()
                          if line.startswith("  Content summarised"))
    log = preview(project, tmp_path / "preview", f"{config}|{copyright_line}|{copyright_line} Kbpreview.")
    english = [entry for entry in counts(after(log, 1)) if entry[0] == "en"]
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
    assert server.build_delay == hook.PREVIEW_POLL_S  # it waits one look for more changes, not 0.1 s

    thread = threading.Thread(target=server.serve, daemon=True)
    thread.start()
    try:
        for saved in (folder / "a.md", config):
            time.sleep(0.3)  # a save is seen by comparing what the file was at the previous look
            saved.write_text(saved.read_text(encoding="utf-8") + " saved", encoding="utf-8")
            assert builds.acquire(timeout=30), f"saving {saved.name} started no build"
    finally:
        server.shutdown(wait=True)


def test_an_editions_inputs_change_with_its_pages_the_theme_and_the_content_it_shows(project, tmp_path):
    from govkb.build import prepare
    from govkb.preview import edition_inputs

    theme = sorted(path for path in (project / "overrides").rglob("*") if path.is_file())

    def inputs() -> str:
        build = prepare(project, tmp_path / "cache", ("es",))["es"]
        return edition_inputs(build, [project / "mkdocs.yml", *theme], ["/es/"])

    def edit(path: Path, old: str, new: str) -> None:
        text = path.read_text(encoding="utf-8")
        assert old in text, (path, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    first = inputs()
    assert inputs() == first  # the same files give the same inputs
    changes = [
        (project / "content/es/about.md", "\n## ", "\nkbpalabra\n\n## "),  # a hand-written page of the edition
        (theme[0], "\n", "\n<!-- kb -->\n"),  # a file of the theme
        (project / "mkdocs.yml", "strict: true", "strict: true\n# kb"),  # the configuration
        (project / "data/cities.yaml", 'name: "Bilbao"', 'name: "Bilbao Kb"'),  # the content it shows
    ]
    seen = {first}
    for path, old, new in changes:
        edit(path, old, new)
        assert inputs() not in seen, path
        seen.add(inputs())


def test_a_new_build_stops_the_previous_search_indexing_and_hears_no_error_from_it(site, tmp_path):
    from govkb.search import SEARCH_BUNDLE, IndexInBackground

    copy = tmp_path / "site"
    shutil.copytree(site, copy, ignore=shutil.ignore_patterns(SEARCH_BUNDLE.strip("/")))
    entry = copy / SEARCH_BUNDLE.strip("/") / "pagefind-entry.json"
    errors: list[str] = []

    IndexInBackground(copy, errors.append).stop()  # at once: Pagefind is stopped, not waited for
    assert not entry.exists(), "the indexing ran to its end"
    assert not errors

    IndexInBackground(copy, errors.append).wait()
    assert entry.is_file()
    assert not errors


def test_a_search_indexing_that_fails_is_reported(tmp_path):
    from govkb.search import IndexInBackground

    errors: list[str] = []
    IndexInBackground(tmp_path / "no-site", errors.append).wait()
    assert errors and "Pagefind could not index" in errors[0], errors


def test_an_edition_whose_build_failed_is_built_again_not_put_back(tmp_path):
    from govkb.preview import KeptEditions

    site = tmp_path / "site"
    kept = KeptEditions(site)
    builds: list[str] = []

    def build(text: str):
        def write() -> None:
            builds.append(text)
            (site / "es").mkdir(parents=True, exist_ok=True)
            (site / "es/index.html").write_text(text, encoding="utf-8")
            (site / "es/sitemap.xml").write_text("<urlset/>", encoding="utf-8")
        return write

    def fail() -> None:
        (site / "es").mkdir(parents=True, exist_ok=True)
        (site / "es/index.html").write_text("half", encoding="utf-8")
        raise RuntimeError("the build failed")

    assert not kept.keep_or_build("es", "inputs 1", build("one"))
    kept.set_aside(["es"])
    assert kept.keep_or_build("es", "inputs 1", build("never"))  # the same inputs: put back
    assert (site / "es/index.html").read_text(encoding="utf-8") == "one"
    assert (site / "es/sitemap.xml").is_file()

    kept.set_aside(["es"])
    with pytest.raises(RuntimeError):
        kept.keep_or_build("es", "inputs 2", fail)
    kept.set_aside(["es"])  # the half-built folder of the failed build
    assert not kept.keep_or_build("es", "inputs 2", build("two"))
    assert (site / "es/index.html").read_text(encoding="utf-8") == "two"
    assert builds == ["one", "two"]
    kept.clear()
    assert not kept.folder.exists()


def _take_or_write(files, contents: dict[str, str]) -> dict[str, bool]:
    """A build's files other than pages (uri -> what made them, here their text): each left as it is if the
    previous build's, in place, was made from the same (True), or written anew."""
    taken = {}
    for uri, text in contents.items():
        taken[uri] = files.take(uri, text)
        if not taken[uri]:
            (files.destination / uri).parent.mkdir(parents=True, exist_ok=True)
            (files.destination / uri).write_text(text, encoding="utf-8")
    return taken


def test_a_file_is_taken_back_only_if_the_same_thing_made_it_and_never_after_a_failed_build(tmp_path):
    from govkb.preview import KeptEditions

    site = tmp_path / "site"
    kept = KeptEditions(site)

    def build(contents: dict[str, str], finish: bool = True, made_by: str = "code 1") -> dict[str, bool]:
        """Set the previous build's files aside, then 'build': put them back, then keep or write each file."""
        kept.set_aside(["en"])
        files = kept.files("en", made_by)
        taken = _take_or_write(files, contents)
        if finish:
            files.finish()
        return taken

    assert build({"a/chart.svg": "one", "b.csv": "x"}) == {"a/chart.svg": False, "b.csv": False}
    assert build({"a/chart.svg": "one", "b.csv": "y"}) == {"a/chart.svg": True, "b.csv": False}
    assert (site / "a/chart.svg").read_text(encoding="utf-8") == "one"
    assert (site / "b.csv").read_text(encoding="utf-8") == "y"
    assert not kept.files("en", "code 1").folder.exists(), "what was not put back is deleted"

    build({"a/chart.svg": "two", "b.csv": "y"}, finish=False)  # a build that fails after writing the new chart
    # The chart on disk is now "two", which the last finished build's record does not say: nothing is taken back.
    assert build({"a/chart.svg": "one", "b.csv": "y"}) == {"a/chart.svg": False, "b.csv": False}
    assert (site / "a/chart.svg").read_text(encoding="utf-8") == "one"
    assert build({"a/chart.svg": "one", "b.csv": "y"}) == {"a/chart.svg": True, "b.csv": True}
    # Other code or configuration may write other files: nothing is taken back.
    assert build({"a/chart.svg": "one", "b.csv": "y"}, made_by="code 2") == {"a/chart.svg": False, "b.csv": False}
    kept.clear()


def test_a_rebuild_writes_over_the_previous_site_and_removes_what_it_no_longer_makes(tmp_path):
    """The previous build's folder comes back whole; what that build made and this one does not (a deleted case's
    page, with the other files of its folder) goes, but not the edition's own sitemap when a page at its root
    goes; and what no build records (the search index) is not put back."""
    from govkb.preview import KeptEditions

    site = tmp_path / "site"
    kept = KeptEditions(site)

    def build(pages: list[str], others: dict[str, str]) -> dict[str, bool]:
        kept.set_aside(["en"])
        files = kept.files("en", "code 1")
        for uri in pages:
            files.page(uri)
            (site / uri).parent.mkdir(parents=True, exist_ok=True)
            (site / uri).write_text(f"page {uri}", encoding="utf-8")
            (site / uri).with_name("sitemap.xml").write_text("probe", encoding="utf-8")  # written after the build
        taken = _take_or_write(files, others)
        files.finish()
        (site / "pagefind").mkdir(exist_ok=True)
        (site / "pagefind/index.pf").write_text("index", encoding="utf-8")
        return taken

    build(["index.html", "404.html", "cases/a/index.html", "cases/b/index.html", "cities/x/index.html"],
          {"cases/b/chart.svg": "b", "assets/old.css": "old", "assets/kept.css": "kept"})
    taken = build(["index.html", "cases/a/index.html"], {"assets/kept.css": "kept", "cases/b/chart.svg": "b"})
    assert taken == {"assets/kept.css": True, "cases/b/chart.svg": True}
    assert sorted(path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file()) == [
        "assets/kept.css", "cases/a/index.html", "cases/a/sitemap.xml", "cases/b/chart.svg", "index.html",
        "pagefind/index.pf", "sitemap.xml"], "a page's folder goes with it unless the build writes into it"
    assert not (site / "cities").exists()
    build([], {"assets/kept.css": "kept"})
    assert not (site / "cases").exists()
    kept.clear()


def test_a_preview_stopped_by_sigterm_leaves_nothing_behind(project, tmp_path):
    """`kill` (or a service manager) stops a preview as Ctrl-C does: its temporary site folder and the editions
    set aside beside it are removed."""
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    log = tmp_path / "serve.log"
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        address = f"127.0.0.1:{probe.getsockname()[1]}"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "KB_LANGUAGES": "en", "TMPDIR": str(temporary)}
    with open(log, "w") as output:
        server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", address], cwd=project,
                                  env=env, stdout=output, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 300
        while "Serving on" not in log.read_text(errors="replace"):
            assert server.poll() is None and time.monotonic() < deadline, log.read_text()[-3000:]
            time.sleep(0.1)
        assert any(entry.name.startswith("mkdocs_") for entry in temporary.iterdir())
        server.send_signal(signal.SIGTERM)
        assert server.wait(timeout=60) == 0, log.read_text()[-3000:]
    finally:
        if server.poll() is None:
            server.kill()
    assert not [entry.name for entry in temporary.iterdir() if entry.name.startswith("mkdocs_")]
